// The theme's minified search script is terser's output of the readable one; `cargo test`
// checks that the committed copy matches, so they never drift.
// Usage: node tests/search/minify.mjs            check (exit 1 when they differ)
//        node tests/search/minify.mjs --write    regenerate themes/default/js/search.min.js
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { minify } = require('terser');
const source = new URL('../../themes/default/js/search.js', import.meta.url);
const target = new URL('../../themes/default/js/search.min.js', import.meta.url);

const { code } = await minify(readFileSync(source, 'utf8'), {
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false, ascii_only: false },
});
const minified = code + '\n';
if (process.argv.includes('--write')) {
  writeFileSync(target, minified);
  console.log(`wrote ${target.pathname} (${minified.length} bytes)`);
} else if (readFileSync(target, 'utf8') !== minified) {
  console.error('themes/default/js/search.min.js is not terser\'s output of search.js: run `node tests/search/minify.mjs --write`');
  process.exit(1);
} else {
  console.log(`search.min.js matches terser's output of search.js (${minified.length} bytes)`);
}
