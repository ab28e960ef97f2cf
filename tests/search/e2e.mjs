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
    .then(() => page.locator('.site-search__list [role=option] a').first().getAttribute('href'));
}

try {
  const page = await browser.newPage();
  watch(page);
  await page.goto(`${base}/`);
  const box = page.locator('#site-search-q');
  assert.equal(await box.getAttribute('role'), 'combobox', 'the script enhances the search box');
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
      const a = document.querySelector('.site-search__list [role=option] a');
      return a && first.some((u) => new URL(a.href).pathname === u);
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
    const a = document.querySelector('.site-search__list [role=option] a');
    return a && a.href.includes('day-nghe-nuoi-ca-dong-hung-thanh');
  });
  await page.waitForTimeout(300);
  await box.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  assert.equal(await page.locator('#' + active).getAttribute('aria-selected'), 'true');
  await Promise.all([page.waitForURL(/day-nghe-nuoi-ca-dong-hung-thanh/), box.press('Enter')]);
  checks++;

  // The search page: shareable URL, results, snippet highlight, facets.
  await page.goto(`${base}/tim-kiem/?q=ngay+sach`);
  await page.locator('.search-result').first().waitFor();
  assert.ok(await page.locator('.search-result mark').count() > 0, 'matched words are highlighted');
  assert.ok(await page.locator('[data-search-nojs]').isHidden(), 'the no-JavaScript text is hidden');
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
  assert.ok(await nojs.locator('[data-search-nojs] a').count() >= 3, 'sections to browse');
  await nojs.goto(`${base}/`);
  assert.equal(await nojs.locator('form[role=search]').getAttribute('method'), 'get');
  checks++;

  assert.deepEqual(problems, [], 'no console errors, CSP violations or third-party requests');
  console.log(`${checks} passed, 0 failed`);
} finally {
  await browser.close();
}
