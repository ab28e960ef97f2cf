// What a citizen's phone downloads, page type by page type: run by hand (not a timed test).
//
//   cargo run --release -- build            # the sample portal into site/
//   npm ci --prefix tests/search            # playwright-core and axe-core
//   node benches/page_weight.mjs [site]     # default: site
//
// Serves the folder over HTTP with gzip (as static hosts do), opens one page of each type
// (found by tests/search/pages.mjs) in headless Chromium at 360 × 740 with an empty cache and
// prints, per page type: the bytes transferred on a first visit (gzip), the number of
// requests, the axe-core violations, and the load time (median of 3) on a slow profile:
// 400 kbit/s down, 400 ms round trip, CPU slowed 4× (Chrome DevTools Protocol).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageTypes } from '../tests/search/pages.mjs';

const require = createRequire(new URL('../tests/search/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const dir = resolve(process.argv[2] || 'site');
const RUNS = 3;
const SLOW = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png',
};
const compressible = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml']);
const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path.endsWith('/')) path += 'index.html';
  let body;
  try {
    if (path.includes('..')) throw new Error('outside');
    body = await readFile(join(dir, path));
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  const ext = extname(path);
  const headers = { 'content-type': types[ext] || 'application/octet-stream' };
  if (compressible.has(ext) && /gzip/.test(req.headers['accept-encoding'] || '')) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});

/** One first visit in a fresh context: bytes on the wire, requests, load time. */
async function visit(path, slow) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', SLOW);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  let bytes = 0;
  const urls = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.push(e.request.url));
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const started = Date.now();
  await page.goto(base + path, { waitUntil: 'load' });
  const ms = Date.now() - started;
  await page.waitForTimeout(slow ? 1500 : 300); // late requests (favicon, lazy pictures)
  let violations = null;
  if (!slow) {
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    violations = result.violations.map((v) => v.id);
  }
  await context.close();
  return { bytes, requests: urls.length, urls, ms, violations };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const finder = await browser.newPage();
  const pages = await pageTypes(finder, base);
  await finder.close();
  console.log(`${dir}, 360 × 740, first visit; slow: 400 kbit/s, 400 ms RTT, 4× CPU, median of ${RUNS}\n`);
  console.log('page type                   kB gz  requests  axe            slow load');
  let totalBytes = 0;
  for (const { type, path } of pages) {
    const fast = await visit(path, false);
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push((await visit(path, true)).ms);
    totalBytes += fast.bytes;
    const axe = fast.violations.length ? fast.violations.join(',') : '0 violations';
    console.log(`${type.padEnd(26)} ${(fast.bytes / 1024).toFixed(1).padStart(6)}  ${String(fast.requests).padStart(8)}  ${axe.padEnd(14)} ${(median(times) / 1000).toFixed(2).padStart(6)} s`);
    if (process.env.VERBOSE) console.log(`  ${fast.urls.join('\n  ')}`);
  }
  console.log(`\nmean first visit: ${(totalBytes / pages.length / 1024).toFixed(1)} kB gz`);
} finally {
  await browser.close();
  server.close();
}
