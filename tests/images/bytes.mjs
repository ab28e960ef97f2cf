// The bytes a phone downloads for pictures: opens PAGE_URL in headless Chromium at a 360-pixel
// viewport (one and two device pixels per CSS pixel), scrolls through the whole page so lazy
// pictures load, and prints one JSON object: for each density, every picture requested with
// its size. Run by tests/images.rs; CHROMIUM names the browser.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../search/', import.meta.url));
const { chromium } = require('playwright-core');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
const result = {};
try {
  for (const scale of [1, 2]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: scale });
    const page = await context.newPage();
    const pictures = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'image') return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      pictures.push({ url: new URL(response.url()).pathname, bytes: body.length, type: response.headers()['content-type'] });
    });
    await page.goto(process.env.PAGE_URL, { waitUntil: 'networkidle' });
    const atFirst = pictures.length;
    // Scroll a screen at a time, as a reader does, so every lazy picture is asked for.
    const height = await page.evaluate(() => document.body.scrollHeight);
    for (let y = 0; y <= height; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(50);
    }
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const complete = await page.evaluate(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    result[`dpr${scale}`] = { atFirst, pictures, complete };
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
