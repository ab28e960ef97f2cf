// End-to-end: the built sample portal served on localhost (by tests/search.rs, with a strict
// Content-Security-Policy), driven in headless Chromium through playwright-core.
// BASE_URL: the server; CHROMIUM: the browser (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const base = process.env.BASE_URL;
const { cases } = JSON.parse(readFileSync(new URL('./ranking_cases.json', import.meta.url), 'utf8'));
const vectors = JSON.parse(readFileSync(new URL('./normalize_vectors.json', import.meta.url), 'utf8'));

// playwright-core starts Chromium headless with a fresh temporary profile of its own.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
const problems = [];
let checks = 0;
function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`third-party request: ${r.url()}`); });
}

async function firstOption(page) {
  return page.locator('#site-search-q[aria-expanded="true"]').waitFor({ timeout: 5000 })
    .then(() => page.locator('.site-search__list [role=option]').first().getAttribute('data-href'));
}

// axe-core in the page: every rule, every impact; returns the violations as text. It is
// evaluated through the DevTools protocol: the page's Content-Security-Policy (script-src
// 'self', which the server sends) refuses an inline <script> such as page.addScriptTag adds.
const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
async function axeViolations(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  return violations.map((v) => `${what}: ${v}`);
}

try {
  const page = await browser.newPage();
  watch(page);
  await page.goto(`${base}/`);
  const box = page.locator('#site-search-q');
  // The search script is loaded only when the box is first used.
  const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)
    .filter((n) => /\/js\/search\.[0-9a-f]+\.js$/.test(n)).length);
  assert.equal(await scripts(), 0, 'the search script is not downloaded before the box is used');
  await box.focus();
  await page.locator('#site-search-q[role=combobox]').waitFor({ timeout: 5000 });
  assert.equal(await scripts(), 1, 'focusing the box loads the search script');
  assert.ok(await page.locator('#' + (await box.getAttribute('aria-controls'))).count(), 'the listbox exists');

  // The browser's normalizer passes the shared vectors.
  const failures = await page.evaluate((v) => v.normalize.filter((c) => {
    const n = window.hoctapSearch.normalize(c.input);
    return n !== c.normalized || window.hoctapSearch.fold(n) !== c.folded;
  }).map((c) => c.why), vectors);
  assert.deepEqual(failures, [], 'normalizer vectors in Chromium');
  checks++;

  // Typing without diacritics: the expected pages come first.
  for (const c of cases.filter((c) => c.first)) {
    await box.fill('');
    await box.pressSequentially(c.query, { delay: 40 });
    await page.waitForFunction((first) => {
      const o = document.querySelector('.site-search__list [role=option]');
      return o && first.some((u) => new URL(o.dataset.href, location.href).pathname === u);
    }, c.first, { timeout: 5000 }).catch(async () => {
      assert.fail(`"${c.query}": first suggestion was ${await firstOption(page)}`);
    });
    checks++;
  }
  assert.match(await page.locator('.site-search [role=status]').textContent(), /\d/, 'results are announced');

  // Keyboard: arrow down selects the first option, Enter opens it.
  await box.fill('');
  await box.pressSequentially('dao tao nghe', { delay: 40 });
  await page.waitForFunction(() => {
    const o = document.querySelector('.site-search__list [role=option]');
    return o && o.dataset.href.includes('day-nghe-nuoi-ca-dong-hung-thanh');
  });
  await page.waitForTimeout(300);
  assert.deepEqual(await axeViolations(page, 'open suggestion list'), [], 'axe: open suggestion list');
  // Escape closes the list and keeps the text; a second Escape clears it, as search boxes do.
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
  assert.equal(await box.inputValue(), 'dao tao nghe', 'Escape keeps the typed query');
  await box.press('Escape');
  assert.equal(await box.inputValue(), '', 'a second Escape clears the box');
  await box.pressSequentially('dao tao nghe', { delay: 40 });
  await page.locator('#site-search-q[aria-expanded="true"]').waitFor();
  await page.waitForTimeout(300);
  await box.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  assert.equal(await page.locator('#' + active).getAttribute('aria-selected'), 'true');
  await Promise.all([page.waitForURL(/day-nghe-nuoi-ca-dong-hung-thanh/), box.press('Enter')]);
  checks++;

  // The search page on a phone: results first, filters in a closed disclosure, nothing moves.
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
  watch(phone);
  await phone.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.layoutShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await phone.goto(`${base}/tim-kiem/?q=hoc+tap`);
  await phone.locator('.search-result').first().waitFor();
  await phone.waitForTimeout(500);
  const top = await phone.locator('.search-result').first().evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top < 740, `the first result is in the first screen on a phone (top ${top} px)`);
  assert.equal(await phone.locator('details[data-search-facets]').getAttribute('open'), null, 'filters start closed');
  const shift = await phone.evaluate(() => window.layoutShift);
  assert.ok(shift <= 0.05, `cumulative layout shift ${shift} ≤ 0.05`);
  assert.deepEqual(await axeViolations(phone, 'search page with results (phone)'), [], 'axe: results on a phone');
  checks++;

  // No results, and an empty query: no "more" button.
  await phone.goto(`${base}/tim-kiem/?q=xyzzyqwv`);
  await phone.locator('[data-search-status]', { hasText: 'xyzzyqwv' }).waitFor();
  assert.ok(await phone.locator('[data-search-more]').isHidden(), 'no "more" button without results');
  assert.equal(await phone.locator('.search-result').count(), 0);
  assert.deepEqual(await axeViolations(phone, 'search page without results'), [], 'axe: no results');
  await phone.goto(`${base}/tim-kiem/`);
  assert.ok(await phone.locator('[data-search-more]').isHidden(), 'no "more" button without a query');
  await phone.close();
  checks++;

  // The search page: shareable URL, results, snippet highlight, facets.
  await page.goto(`${base}/tim-kiem/?q=ngay+sach`);
  await page.locator('.search-result').first().waitFor();
  assert.ok(await page.locator('.search-result mark').count() > 0, 'matched words are highlighted');
  assert.equal(await page.locator('[data-search-nojs]').count(), 0, 'the no-JavaScript text is not shown');
  assert.deepEqual(await axeViolations(page, 'search page with results'), [], 'axe: results');
  const kinds = page.locator('.search-facet').first().locator('input[type=checkbox]');
  assert.ok(await kinds.count() >= 2, 'kind facet with counts');
  const before = await page.locator('.search-result').count();
  await kinds.first().check();
  await page.waitForURL(/kind=/);
  assert.ok(await page.locator('.search-result').count() <= before);
  checks++;

  // Without JavaScript the page explains and lists the sections.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await plain.newPage();
  await nojs.goto(`${base}/tim-kiem/`);
  const browse = await nojs.locator('[data-search-nojs] a').allTextContents();
  for (const section of ['Tin tức', 'Kế hoạch', 'Chỉ số', 'Gương điển hình', 'Học liệu mở', 'Sự kiện', 'Giới thiệu']) {
    assert.ok(browse.includes(section), `the sections to browse include ${section}: ${browse}`);
  }
  await nojs.goto(`${base}/`);
  assert.equal(await nojs.locator('form[role=search]').getAttribute('method'), 'get');
  checks++;

  assert.deepEqual(problems, [], 'no console errors, CSP violations or third-party requests');
  console.log(`${checks} passed, 0 failed`);
} finally {
  await browser.close();
}
