// End-to-end: a sound file served by `hoctap serve` (started by tests/testsuite/serve.rs)
// loaded in headless Chromium in an <audio> and a <video> element, sought near its end and
// played. Reuses tests/search's playwright-core and Debian's Chromium.
// BASE_URL: the server; MEDIA_PATH: the file's site path; MEDIA_SECONDS: its length.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('../search/node_modules/playwright-core');
const base = process.env.BASE_URL;
const media = process.env.MEDIA_PATH;
const seconds = Number(process.env.MEDIA_SECONDS);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage();
  const statuses = [];
  page.on('response', (r) => { if (new URL(r.url()).pathname === media) statuses.push(r.status()); });
  await page.goto(`${base}/`);
  for (const tag of ['audio', 'video']) {
    const result = await page.evaluate(async ({ tag, media }) => {
      const element = document.createElement(tag);
      element.muted = true;
      element.preload = 'auto';
      const next = (name) => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${tag}: no ${name} within 10 s`)), 10000);
        element.addEventListener(name, () => { clearTimeout(timer); resolve(); }, { once: true });
        element.addEventListener('error', () => reject(new Error(`${tag}: media error ${element.error?.code}`)), { once: true });
      });
      const loaded = next('loadedmetadata');
      element.src = media;
      document.body.append(element);
      await loaded;
      const seeked = next('seeked');
      element.currentTime = element.duration - 1;
      await seeked;
      const at = element.currentTime;
      await element.play();
      await new Promise((resolve) => setTimeout(resolve, 400));
      return { duration: element.duration, at, after: element.currentTime, seekable: element.seekable.length ? element.seekable.end(0) : 0 };
    }, { tag, media });
    console.log(tag, JSON.stringify(result));
    assert.ok(Math.abs(result.duration - seconds) < 0.05, `${tag}: duration ${result.duration}, expected ${seconds}`);
    assert.ok(Math.abs(result.at - (seconds - 1)) < 0.05, `${tag}: sought to ${result.at}`);
    assert.ok(result.seekable >= seconds - 0.05, `${tag}: seekable only to ${result.seekable}`);
    assert.ok(result.after > result.at, `${tag}: did not play on (${result.at} → ${result.after})`);
  }
  console.log('responses', statuses.join(' '));
  assert.ok(statuses.includes(206), `Chromium asked for byte ranges and got 206, not: ${statuses.join(' ')}`);
} finally {
  await browser.close();
}
