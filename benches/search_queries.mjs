// Bytes a browser downloads per query on a built portal, measured by running the real search
// script (themes/default/js/search.js) with a fetcher that reads the site folder and counts
// each file's gzip size (level 6, what static hosts typically send). Every query starts cold
// (nothing cached) and fetches what the search page needs to show its first 10 results.
// Usage: node benches/search_queries.mjs SITE_DIR [query …]
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Index, search, recordPath } = require('../themes/default/js/search.js');
const [site, ...asked] = process.argv.slice(2);
const queries = asked.length ? asked : ['hoc tap suot doi', 'dao tao nghe', 'chuyen doi so', 'van hoa doc', 'ky nang so', 'trung tam hoc tap cong dong', 'khuyen hoc'];
const dir = `${site}/search-index/`;
const manifest = readdirSync(dir).find((f) => f.startsWith('manifest.'));
const rows = [];
for (const q of queries) {
  const files = [];
  const fetcher = async (url) => {
    const b = readFileSync(fileURLToPath(url));
    files.push({ url, raw: b.length, gz: gzipSync(b, { level: 6 }).length });
    return { ok: true, arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) };
  };
  const index = new Index(pathToFileURL(dir + manifest).href, fetcher);
  const r = await search(index, q, false);
  const m = await index.manifest();
  // The first page's records are fetched together, as the search page does.
  await Promise.all(r.docs.slice(0, 10).map((d) => index.get(recordPath(m, d).file)));
  const sum = (f) => files.filter(f).reduce((a, x) => a + x.gz, 0);
  rows.push({
    q, results: r.docs.length, requests: files.length,
    manifest: sum((x) => x.url.includes('manifest.')), nodes: sum((x) => x.url.includes('/n/')),
    shards: sum((x) => x.url.includes('/s/')), records: sum((x) => x.url.includes('/r/')), total: sum(() => true),
  });
}
const kb = (n) => (n / 1024).toFixed(1);
console.log('| query | results | requests | manifest | nodes | shards | 10 records | total kB (gzip) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.q} | ${r.results} | ${r.requests} | ${kb(r.manifest)} | ${kb(r.nodes)} | ${kb(r.shards)} | ${kb(r.records)} | ${kb(r.total)} |`);
const totals = rows.map((r) => r.total).sort((a, b) => a - b);
console.log(`median ${kb(totals[totals.length >> 1])} kB, max ${kb(totals[totals.length - 1])} kB`);
