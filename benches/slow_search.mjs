// The search page and an article on a slow phone, in headless Chromium: 360 px viewport,
// 400 kbit/s down and up, 400 ms round trips, 4× CPU slowdown (through the DevTools
// protocol). Serves SITE_DIR itself, gzip-compressed (level 6) as static hosts do, and
// reports, as the median of RUNS cold visits (fresh profile each):
// - the time from navigation to the first search result on `/tim-kiem/?q=QUERY`, as seen by
//   Playwright and, without its polling delay (large at 4× CPU on a busy machine), by the
//   page's own clock (a MutationObserver, ms after navigation start);
// - cumulative layout shift on that page (PerformanceObserver 'layout-shift');
// - first-visit requests and bytes (gzip, as transferred) of the search page and of ARTICLE.
// With TIMELINE=1 it also prints every request of each search visit (sent, first byte,
// finished, in ms after navigation; bytes as transferred).
// Run by hand (not a test): npm ci --prefix tests/search, build a portal, then
//   node benches/slow_search.mjs SITE_DIR [QUERY] [ARTICLE] [RUNS]
// e.g. node benches/slow_search.mjs site 'hoc tap suot doi' /tin-tuc/ 3
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('../tests/search/node_modules/playwright-core');
const [site, query = 'hoc tap suot doi', article = '/tin-tuc/', runsArg = '3'] = process.argv.slice(2);
if (!site) throw new Error('usage: node benches/slow_search.mjs SITE_DIR [QUERY] [ARTICLE] [RUNS]');
const runs = Number(runsArg);
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.bin': 'application/octet-stream', '.xml': 'application/xml' };

const server = createServer((req, res) => {
  let path = join(site, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    if (statSync(path).isDirectory()) path = join(path, 'index.html');
    const body = readFileSync(path);
    const headers = { 'content-type': types[extname(path)] || 'application/octet-stream', 'cache-control': 'no-cache' };
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '') && !/\.(png|jpe?g|webp|avif)$/.test(path);
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers).end(gzip ? gzipSync(body, { level: 6 }) : body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

// One cold visit: requests and transferred bytes, and (on the search page) time to the first result and CLS.
async function visit(path, waitForResult) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let start = Date.now();
  let bytes = 0;
  let requests = 0;
  const timeline = {};
  cdp.on('Network.requestWillBeSent', (e) => { timeline[e.requestId] = { url: e.request.url.replace(base, ''), sent: Date.now() - start }; });
  cdp.on('Network.responseReceived', (e) => { if (timeline[e.requestId]) timeline[e.requestId].first = Date.now() - start; });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
    if (timeline[e.requestId]) Object.assign(timeline[e.requestId], { done: Date.now() - start, size: e.encodedDataLength });
  });
  await page.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.layoutShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // When the first result enters the page, by the page's clock (ms after navigation).
    new MutationObserver((records, observer) => {
      if (!document.querySelector('.search-result')) return;
      window.firstResultInPage = Math.round(performance.now());
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  start = Date.now();
  await page.goto(base + path, { waitUntil: 'commit' });
  let firstResult = null;
  if (waitForResult) {
    await page.locator('.search-result').first().waitFor({ timeout: 60000 });
    firstResult = Date.now() - start;
  }
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  const shift = await page.evaluate(() => window.layoutShift);
  const inPage = await page.evaluate(() => window.firstResultInPage);
  await context.close();
  if (process.env.TIMELINE && waitForResult) {
    // Each request: sent, first byte and finished (ms after navigation), gzip bytes.
    console.log(`first result at ${firstResult} ms (in the page's DOM at ${inPage} ms by its own clock)`);
    for (const r of Object.values(timeline).sort((a, b) => a.sent - b.sent))
      console.log(`  ${String(r.sent).padStart(5)} ${String(r.first ?? '-').padStart(5)} ${String(r.done ?? '-').padStart(5)} ${String(r.size ?? '-').padStart(6)}  ${r.url}`);
  }
  return { firstResult, inPage, shift, bytes, requests };
}

const median = (values) => values.slice().sort((a, b) => a - b)[values.length >> 1];
function summary(name, list) {
  const pick = (key) => median(list.map((r) => r[key]));
  const kb = (n) => (n / 1024).toFixed(1);
  const time =
    list[0].firstResult === null
      ? ''
      : `first result ${pick('firstResult')} ms (runs: ${list.map((r) => r.firstResult).join(', ')}; ` +
        `in the page's DOM at ${pick('inPage')} ms by its own clock), `;
  console.log(`${name}: ${time}CLS ${pick('shift').toFixed(3)}, ${pick('requests')} requests, ${kb(pick('bytes'))} kB transferred (gzip)`);
}

try {
  const searchRuns = [];
  const articleRuns = [];
  for (let i = 0; i < runs; i++) {
    searchRuns.push(await visit(`/tim-kiem/?q=${encodeURIComponent(query)}`, true));
    articleRuns.push(await visit(article, false));
  }
  summary(`search page (?q=${query})`, searchRuns);
  summary(`article ${article}`, articleRuns);
} finally {
  await browser.close();
  server.close();
}
