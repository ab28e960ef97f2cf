// Accessibility of every page type: axe-core (WCAG 2.x A/AA and best practices) in headless
// Chromium on one page of each type of the built portal (found by tests/search/pages.mjs), at a
// 360 px phone and a 1280 px desktop, with every `<details>` closed and then open. Any
// violation, of any impact, fails; so does a page wider than the screen, an indicator's commune
// table that scrolls sideways, or a picture without width and height.
// BASE_URL: the server (tests/a11y.rs serves the portal); CHROMIUM: the browser.
import { createRequire } from 'node:module';
import { pageTypes } from './pages.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const base = process.env.BASE_URL;
const label = process.env.PORTAL_LABEL || base;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
// The static server sends a strict Content-Security-Policy; axe is injected as a test tool.
const context = await browser.newContext({ bypassCSP: true });
const failures = [];
let checks = 0;

async function axe(page, where) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  checks++;
  for (const v of result.violations) {
    const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ');
    failures.push(`${where}: ${v.id} (${v.impact}) ${v.help}\n    on ${targets}\n    ${v.helpUrl}`);
  }
}

try {
  const finder = await context.newPage();
  const pages = await pageTypes(finder, base);
  await finder.close();
  console.log(`${label}: ${pages.length} page types: ${pages.map((p) => p.type).join(', ')}`);
  for (const width of [360, 1280]) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    for (const { type, path } of pages) {
      const where = `${label} ${width}px ${type} (${path})`;
      await page.goto(new URL(path, base).href, { waitUntil: 'load' });
      await axe(page, where);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) failures.push(`${where}: the page is ${scrollWidth} px wide, wider than the screen`);
      // The commune table of an indicator reads on a phone without scrolling sideways.
      const scrolled = await page.$$eval('.ind-areas', (tables) => tables
        .filter((t) => t.scrollWidth > t.parentElement.clientWidth).map((t) => `${t.scrollWidth} > ${t.parentElement.clientWidth}`));
      if (scrolled.length) failures.push(`${where}: the commune table scrolls sideways (${scrolled.join(', ')} px)`);
      // Every picture keeps its place while it loads.
      const unsized = await page.$$eval('img', (imgs) => imgs.filter((i) => !i.getAttribute('width') || !i.getAttribute('height'))
        .map((i) => i.getAttribute('src')));
      if (unsized.length) failures.push(`${where}: pictures without width and height: ${unsized.join(', ')}`);
      const details = await page.$$eval('details', (all) => all.map((d) => { d.open = true; return 1; }).length);
      if (details > 0) {
        await axe(page, `${where} with ${details} <details> open`);
        const open = await page.evaluate(() => document.documentElement.scrollWidth);
        if (open > width) failures.push(`${where}: with <details> open the page is ${open} px wide`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`${failures.length} accessibility problems:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`${label}: ${checks} axe runs, no violations`);
