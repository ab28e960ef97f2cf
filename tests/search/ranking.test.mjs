// Ranking cases against an index built from the sample portal. The site folder comes from
// SEARCH_SITE (tests/search.rs builds it); without it these tests are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Index, search, tokenize, recordPath } = require('../../themes/default/js/search.js');
const { cases, same, exact_first: exactFirst } = JSON.parse(readFileSync(new URL('./ranking_cases.json', import.meta.url), 'utf8'));
const site = process.env.SEARCH_SITE;
const skip = site ? false : 'SEARCH_SITE is not set (run through cargo test)';

function open() {
  const dir = `${site}/search-index/`;
  const manifest = readdirSync(dir).find((f) => f.startsWith('manifest.'));
  const fetcher = async (url) => {
    try {
      const b = readFileSync(fileURLToPath(url));
      return { ok: true, arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) };
    } catch {
      return { ok: false };
    }
  };
  return new Index(pathToFileURL(dir + manifest).href, fetcher);
}

async function urls(index, r, n) {
  const m = await index.manifest();
  const out = [];
  for (const d of r.docs.slice(0, n)) out.push((await record(index, m, d)).u);
  return out;
}

async function record(index, m, doc) {
  const { file, at } = recordPath(m, doc);
  return (await index.get(file))[at];
}

test('queries typed without diacritics find the expected pages first', { skip }, async () => {
  for (const c of cases) {
    const index = open();
    const r = await search(index, c.query, !!c.live);
    const top = await urls(index, r, 3);
    if (c.first) assert.ok(c.first.includes(top[0]), `${c.query}: first was ${top[0]}`);
    for (const u of c.top || []) assert.ok(top.includes(u), `${c.query}: ${u} not in ${top}`);
    if (c.corrected) assert.equal(r.corrected.length, 1, `${c.query}: expected a correction`);
  }
});

test('both tone placements, case and diacritics give the same ranking', { skip }, async () => {
  for (const group of same) {
    const results = [];
    for (const q of group) results.push((await search(open(), q, false)).docs.join(','));
    for (const r of results) assert.equal(r, results[0], group.join(' / '));
  }
});

test('typed diacritics rank exact spellings above folded ones', { skip }, async () => {
  for (const q of exactFirst) {
    const index = open();
    const r = await search(index, q, false);
    const folded = await search(open(), tokenize(q)[0].folded, false);
    assert.ok(r.docs.length > 1 && r.docs.length === folded.docs.length, `${q}: same pages match`);
    const exact = tokenize(q)[0].exact;
    const m = await index.manifest();
    const rec = await record(index, m, r.docs[0]);
    const words = tokenize([rec.t, rec.s || "", ...rec.h.map((h) => h[1] + ' ' + h[2])].join(' . ')).map((t) => t.exact);
    assert.ok(words.includes(exact), `${q}: first result ${rec.u} lacks "${exact}"`);
  }
});
