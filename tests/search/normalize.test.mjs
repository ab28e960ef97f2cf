// The browser normalizer (themes/default/js/search.js) against the vectors the Rust one runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { normalize, fold, tokenize } = require('../../themes/default/js/search.js');
const vectors = JSON.parse(readFileSync(new URL('./normalize_vectors.json', import.meta.url), 'utf8'));

test('normalizes and folds every shared vector', () => {
  for (const v of vectors.normalize) {
    const normalized = normalize(v.input);
    assert.equal(normalized, v.normalized, v.why);
    assert.equal(fold(normalized), v.folded, v.why);
  }
});

test('tokenizes every shared vector', () => {
  for (const v of vectors.tokenize) {
    const got = tokenize(v.input).map((t) => [t.exact, t.folded, t.joined]);
    assert.deepEqual(got, v.tokens, v.why);
  }
});
