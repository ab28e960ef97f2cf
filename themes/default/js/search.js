// hoctap search, in the browser: the normalizer (a mirror of src/search/normalize.rs, checked
// against tests/search/normalize_vectors.json), the index reader (see src/search/codec.rs),
// ranking, the header combobox and the search page. Plain JavaScript without eval or inline
// code, so it runs under a strict Content-Security-Policy. Index files are fetched from the
// site itself only.
(function () {
'use strict';

// ---- Normalizer: keep in step with src/search/normalize.rs ----
var TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
var MARK = /\p{M}/u;
var MARKS = /\p{M}/gu;
var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
var WORDS = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
var INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
var D_LIKE = /[\u00d0\u0189\u00f0\u0256]/;
var MAX_TOKEN = 30;

// NFC, Đ look-alikes, lowercase, new-style tones (hoà, khoẻ, thuỷ), single spaces.
function normalize(text) {
var out = '';
for (var c of text) {
if (INVISIBLE.test(c)) continue;
out += D_LIKE.test(c) ? 'đ' : c.toLowerCase();
}
var ch = Array.from(out.normalize('NFD'));
for (var i = 0; i + 2 < ch.length; i++) {
var a = ch[i], b = ch[i + 2];
var glide = (a === 'o' && (b === 'a' || b === 'e')) || (a === 'u' && b === 'y');
if (glide && TONE.test(ch[i + 1]) && !(i + 3 < ch.length && MARK.test(ch[i + 3]))) {
ch[i + 2] = ch[i + 1];
ch[i + 1] = b;
i += 2;
}
}
return ch.join('').normalize('NFC').split(/[\s\u0085]+/).filter(Boolean).join(' ');
}

// The folded key: every diacritic removed, đ → d.
function fold(s) {
return s.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').normalize('NFC');
}

// Words with their folded key; `joined` when only spaces or hyphens separate a word from the previous one.
function tokenize(text) {
var tokens = [], word = '', adjacent = false;
for (var c of normalize(text) + '.') {
if (WORD.test(c)) { word += c; continue; }
if (word) {
if (Array.from(word).length <= MAX_TOKEN) { tokens.push({ exact: word, folded: fold(word), joined: adjacent }); adjacent = true; }
else adjacent = false;
word = '';
}
if (c !== ' ' && c !== '-') adjacent = false;
}
return tokens;
}

// ---- Index files: see src/search/shards.rs and codec.rs ----
function Index(url, fetcher) {
this.url = url;
// The manifest keeps its name across builds, so it is revalidated; every file it names is
// named by its content and may come from the cache.
this.fetcher = fetcher || function (u) { return fetch(u, { credentials: 'same-origin', cache: u === url ? 'no-cache' : 'default' }); };
this.files = {};
this.bytes = 0;
}

Index.prototype.get = function (path, binary) {
var self = this, url = new URL(path, this.url).href;
if (!this.files[url]) {
this.files[url] = this.fetcher(url).then(function (r) {
if (!r.ok) throw new Error(url);
return r.arrayBuffer();
}).then(function (buf) {
self.bytes += buf.byteLength;
return binary ? readShard(new Uint8Array(buf)) : JSON.parse(new TextDecoder().decode(buf));
});
this.files[url].catch(function () { delete self.files[url]; });
}
return this.files[url];
};

Index.prototype.manifest = function () { return this.get(this.url); };

// The shards whose key ranges meet [from, to]; null when more than `limit` would be needed.
Index.prototype.shards = function (ns, from, to, limit) {
var self = this;
return this.manifest().then(function (m) {
var root = m[ns], i0 = below(root, from), i1 = below(root, to);
if (i1 - i0 + 1 > limit) return null;
var nodes = [];
for (var i = i0; i <= i1; i++) nodes.push(self.get(root[i][1]));
return Promise.all(nodes).then(function (lists) {
var names = [];
lists.forEach(function (list) {
for (var j = below(list, from); j < list.length && (j === below(list, from) || list[j][0] <= to); j++) names.push(list[j][1]);
});
if (names.length > limit) return null;
return Promise.all(names.map(function (n) { return self.get(n, true); }));
});
});
};

// Index of the last entry whose key is <= key.
function below(entries, key) {
var lo = 0, hi = entries.length - 1;
while (lo < hi) {
var mid = (lo + hi + 1) >> 1;
if (entries[mid][0] <= key) lo = mid; else hi = mid - 1;
}
return lo;
}

function varint(r) {
var n = 0, mul = 1, b;
do { b = r.b[r.at++]; n += (b & 127) * mul; mul *= 128; } while (b > 127);
return n;
}

// A shard: key → { df, body } with bodies decoded on first use.
function readShard(b) {
var r = { b: b, at: 0 }, terms = new Map(), key = new Uint8Array(0), dec = new TextDecoder();
while (r.at < b.length) {
var shared = varint(r), len = varint(r), k = new Uint8Array(shared + len);
k.set(key.subarray(0, shared));
k.set(b.subarray(r.at, r.at + len), shared);
r.at += len;
key = k;
var df = varint(r), size = varint(r);
terms.set(dec.decode(k), { df: df, body: b.subarray(r.at, r.at + size) });
r.at += size;
}
return terms;
}

function readTerm(t, n, variants) {
if (t.top) return t;
var r = { b: t.body, at: 0 }, count = varint(r), top = new Map(), doc = 0;
for (var i = 0; i < count; i++) { doc += varint(r); top.set(doc, r.b[r.at++]); }
t.top = top;
t.floor = 0;
if (t.df > count) { t.floor = r.b[r.at++]; t.set = readSet(r, n); } else {
t.set = new Uint8Array((n + 7) >> 3);
top.forEach(function (_, d) { t.set[d >> 3] |= 1 << (d & 7); });
}
t.variants = [];
if (variants) {
var names = [], dec = new TextDecoder(), c = varint(r);
for (var j = 0; j < c; j++) { var len = varint(r); names.push(dec.decode(r.b.subarray(r.at, r.at + len))); r.at += len; }
names.forEach(function (name) { t.variants.push({ exact: name, set: c > 1 ? readSet(r, n) : t.set }); });
}
return t;
}

// A page set as a bitmap over all documents.
function readSet(r, n) {
var bits = new Uint8Array((n + 7) >> 3), tag = varint(r), d = 0, i, count;
if (tag === 1) {
var first = varint(r), len = varint(r);
bits.set(r.b.subarray(r.at, r.at + len), first);
r.at += len;
return bits;
}
count = varint(r);
if (tag === 2) { bits.fill(255); for (i = n; i < bits.length * 8; i++) bits[i >> 3] &= ~(1 << (i & 7)); }
for (i = 0; i < count; i++) {
d = i ? d + varint(r) : varint(r);
if (tag === 2) bits[d >> 3] &= ~(1 << (d & 7)); else bits[d >> 3] |= 1 << (d & 7);
}
return bits;
}

function has(bits, d) { return (bits[d >> 3] >> (d & 7)) & 1; }

// ---- Query: see the README's "Search" section ----
var COMPLETIONS = 6;

// Looks every word of the query up and ranks the pages; `live` treats the last word as a prefix.
// Words and pairs are fetched together; a pair is fetched again only when a word was corrected.
function search(index, query, live) {
var tokens = tokenize(query);
var prefix = live && tokens.length > 0 && !/[\s\-]$/.test(query) ? tokens[tokens.length - 1] : null;
function fetchPair(key, i) { return index.shards('pairs', key, tokens[i + 1] === prefix ? key + '\uffff' : key, tokens[i + 1] === prefix ? 2 : 1); }
return index.manifest().then(function (m) {
var words = tokens.map(function (t) {
return t === prefix ? index.shards('syllables', t.folded, t.folded + '\uffff', 2) : index.shards('syllables', t.folded, t.folded, 1);
});
var keys = tokens.slice(1).map(function (t, i) { return tokens[i].folded + ' ' + t.folded; });
return Promise.all([Promise.all(words), Promise.all(keys.map(fetchPair))]).then(function (found) {
var w = resolve(m.docs, tokens, prefix, found[0]);
var fixed = tokens.slice(1).map(function (t, i) { return w.keys[i] + ' ' + w.keys[i + 1]; });
return Promise.all(fixed.map(function (k, i) { return k === keys[i] ? found[1][i] : fetchPair(k, i); })).then(function (pairShards) {
return rank(m, tokens, prefix, w, fixed, pairShards);
});
});
});
}

function lookup(shards, key) {
for (var i = 0; shards && i < shards.length; i++) if (shards[i].has(key)) return shards[i].get(key);
return null;
}

// Keys of the fetched shards that start with `start`, most frequent first.
function complete(shards, start, n, variants) {
var out = [];
(shards || []).forEach(function (s) {
s.forEach(function (t, k) { if (k.lastIndexOf(start, 0) === 0) out.push({ key: k, t: t }); });
});
out.sort(function (a, b) { return (b.key === start) - (a.key === start) || b.t.df - a.t.df; });
return out.slice(0, COMPLETIONS).map(function (c) { c.t.key = c.key; return readTerm(c.t, n, variants); });
}

// One missing letter (not the first) in a word of four or more letters, within the fetched shard.
function correct(shards, w) {
var best = null;
if (Array.from(w).length < 4) return null;
(shards || []).forEach(function (s) {
s.forEach(function (t, k) {
if (k.length !== w.length + 1) return;
for (var i = 1; i < k.length; i++) {
if (k.slice(0, i) + k.slice(i + 1) === w) { if (!best || t.df > best.t.df) best = { key: k, t: t }; return; }
}
});
});
return best;
}

// Each word's terms: itself, its correction, or (while typed) its completions.
function resolve(n, tokens, prefix, wordShards) {
var groups = [], unknown = [], corrected = [], keys = [];
tokens.forEach(function (tok, i) {
var shards = wordShards[i], alts, key = tok.folded;
if (tok === prefix && shards) {
alts = complete(shards, tok.folded, n, true);
} else {
var t = lookup(shards, key);
if (!t && tok !== prefix) {
var fix = correct(shards, key);
if (fix) { corrected.push([tok.exact, fix.key]); t = fix.t; key = fix.key; }
}
alts = t ? [readTerm(t, n, true)] : [];
}
keys.push(key);
if (!alts.length) { if (tok !== prefix) unknown.push(tok.exact); return; }
groups.push({ alts: alts, exact: fold(tok.exact) !== tok.exact ? tok.exact : null });
});
return { groups: groups, unknown: unknown, corrected: corrected, keys: keys };
}

function rank(m, tokens, prefix, w, pairKeys, pairShards) {
var n = m.docs, groups = w.groups, pairGroups = [], unknown = w.unknown, corrected = w.corrected;
pairKeys.forEach(function (key, i) {
var shards = pairShards[i], alts;
if (tokens[i + 1] === prefix) alts = shards ? complete(shards, key, n, false) : [];
else { var t = lookup(shards, key); alts = t ? [readTerm(t, n, false)] : []; }
if (alts.length) pairGroups.push({ alts: alts });
});
var all = groups.concat(pairGroups);
all.forEach(function (g) { g.alts.forEach(function (t) { t.idf = Math.log(1 + n / t.df); }); g.set = union(g.alts, n); });
var cand = null, partial = false;
groups.forEach(function (g) { cand = cand ? and(cand, g.set) : g.set.slice(); });
if (cand && groups.length > 1 && !any(cand)) { cand = union(groups, n); partial = true; }
var docs = [];
if (cand) {
for (var byte = 0; byte < cand.length; byte++) {
if (!cand[byte]) continue;
for (var bit = 0; bit < 8; bit++) if (cand[byte] & (1 << bit)) docs.push(byte * 8 + bit);
}
}
var score = new Float64Array(n), exact = new Uint8Array(n);
docs.forEach(function (d) {
var s = 0, x = 0;
all.forEach(function (g, gi) {
var best = 0;
g.alts.forEach(function (t) {
var imp = t.top.has(d) ? t.top.get(d) : has(t.set, d) ? t.floor : 0;
best = Math.max(best, t.idf * imp);
});
s += gi < groups.length ? best : 1.5 * best;
if (g.exact && g.alts.some(function (t) { return t.variants.some(function (v) { return v.exact === g.exact && has(v.set, d); }); })) x++;
});
score[d] = s;
exact[d] = x;
});
docs.sort(function (a, b) { return exact[b] - exact[a] || score[b] - score[a] || a - b; });
return { docs: docs, unknown: unknown, corrected: corrected, partial: partial, words: groups.concat(pairGroups).length,
terms: w.keys, prefix: prefix ? prefix.folded : null, manifest: m };
}

function union(items, n) {
var out = new Uint8Array((n + 7) >> 3);
items.forEach(function (t) { var s = t.set; for (var i = 0; i < out.length; i++) out[i] |= s[i]; });
return out;
}
function and(a, b) { for (var i = 0; i < a.length; i++) a[i] &= b[i]; return a; }
function any(a) { for (var i = 0; i < a.length; i++) if (a[i]) return true; return false; }

// Facet value of every run of documents, counted over `docs` and filtered by `chosen`.
var FACETS = ['kind', 'year', 'commune', 'type'];

function facetOf(m) {
var of = new Int32Array(m.docs * 4), d = 0;
m.facets.runs.forEach(function (run) {
for (var i = 0; i < run[0]; i++, d++) for (var f = 0; f < 4; f++) of[d * 4 + f] = run[f + 1];
});
return of;
}

function filter(m, docs, chosen) {
var of = m.facetTable || (m.facetTable = facetOf(m)), counts = FACETS.map(function () { return {}; });
var kept = docs.filter(function (d) {
FACETS.forEach(function (_, f) { var v = of[d * 4 + f]; if (v >= 0) counts[f][v] = (counts[f][v] || 0) + 1; });
return FACETS.every(function (name, f) { var c = chosen[name]; return !c || !c.length || c.indexOf(of[d * 4 + f]) >= 0; });
});
return { docs: kept, counts: counts };
}

function record(index, doc) {
return index.manifest().then(function (man) {
var group = Math.floor(doc / man.per_dir);
return index.get('r/' + group + '-' + man.records[group] + '/' + (doc % man.per_dir) + '.json');
});
}

// ---- Results: snippet, highlight ----
function matcher(result) {
return function (word) {
var k = fold(normalize(word));
return result.terms.indexOf(k) >= 0 || (result.prefix && k.lastIndexOf(result.prefix, 0) === 0);
};
}

// The section with most query words, and a window of its text around the first of them.
function snippet(rec, isMatch) {
var best = null;
rec.h.forEach(function (s) {
var words = (s[1] + ' ' + s[2]).match(WORDS) || [], hits = {};
words.forEach(function (w) { if (isMatch(w)) hits[fold(normalize(w))] = 1; });
var score = Object.keys(hits).length;
if (!best || score > best.score) best = { s: s, score: score };
});
var text = best ? best.s[2] : '';
if (!best || !best.score) return { anchor: '', text: text || rec.s || '' };
var words = text.split(' '), at = 0;
for (var i = 0; i < words.length; i++) { var w = words[i].match(WORDS); if (w && w.some(isMatch)) { at = i; break; } }
var from = Math.max(0, at - 8), part = words.slice(from, from + 32).join(' ');
return { anchor: best.s[0], text: (from ? '… ' : '') + part + (from + 32 < words.length ? ' …' : '') };
}

function highlight(el, text, isMatch) {
var last = 0, m;
WORDS.lastIndex = 0;
while ((m = WORDS.exec(text))) {
if (!isMatch(m[0])) continue;
el.appendChild(document.createTextNode(text.slice(last, m.index)));
el.appendChild(make('mark', null, m[0]));
last = m.index + m[0].length;
}
el.appendChild(document.createTextNode(text.slice(last)));
return el;
}

function make(tag, cls, text) {
var el = document.createElement(tag);
if (cls) el.className = cls;
if (text != null) el.textContent = text;
return el;
}

function say(strings, key, values) {
var s = strings[key] || key;
Object.keys(values || {}).forEach(function (k) { s = s.split('{' + k + '}').join(values[k]); });
return s;
}

function statusText(r, total, q) {
var st = r.manifest.strings, parts = [total ? say(st, 'search_results', { n: total.toLocaleString() }) : say(st, 'search_none', { q: q })];
r.corrected.forEach(function (c) { parts.push(say(st, 'search_corrected', { from: c[0], to: c[1] })); });
if (r.unknown.length) parts.push(say(st, 'search_unknown', { words: r.unknown.join(', ') }));
if (r.partial && total) parts.push(st.search_partial);
return parts.join(' ');
}

// A result as the page shows it: title link (to the nearest heading), kind, date, snippet.
function resultItem(r, rec, cls) {
var isMatch = matcher(r), snip = snippet(rec, isMatch), st = r.manifest.strings;
var li = make('li', cls), a = make('a', cls + '__title');
a.href = rec.u + (snip.anchor ? '#' + snip.anchor : '');
highlight(a, rec.t, isMatch);
var meta = make('span', cls + '__meta', st['kind_' + rec.k.replace(/-/g, '_')] || rec.k);
if (rec.d) meta.textContent += ' · ' + rec.d;
li.appendChild(a);
li.appendChild(meta);
li.appendChild(highlight(make('span', cls + '__snippet'), snip.text, isMatch));
return li;
}

// ---- The header combobox ----
var uid = 0;

function combobox(form) {
var input = form.querySelector('input[name=q]'), index = new Index(new URL(form.dataset.searchIndex, location.href).href);
var id = 'search-' + ++uid, list = make('ul', 'site-search__list'), status = make('p', 'visually-hidden');
var active = -1, seq = 0, timer = 0;
list.id = id + '-list';
list.setAttribute('role', 'listbox');
list.hidden = true;
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
form.appendChild(list);
form.appendChild(status);
input.setAttribute('role', 'combobox');
input.setAttribute('aria-autocomplete', 'list');
input.setAttribute('aria-expanded', 'false');
input.setAttribute('aria-controls', list.id);
function options() { return list.querySelectorAll('[role=option]'); }
function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; }
function move(to) {
var opts = options();
if (!opts.length) return;
active = (to + opts.length) % opts.length;
opts.forEach(function (o, i) { o.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
input.setAttribute('aria-activedescendant', opts[active].id);
opts[active].scrollIntoView({ block: 'nearest' });
}
function run() {
var q = input.value, mine = ++seq;
if (!q.trim()) { close(); list.textContent = ''; return; }
search(index, q, true).then(function (r) {
var shown = r.docs.slice(0, COMPLETIONS);
return Promise.all(shown.map(function (d) { return record(index, d); })).then(function (recs) {
if (mine !== seq) return;
var st = r.manifest.strings;
list.textContent = '';
list.setAttribute('aria-label', st.search_suggestions);
recs.forEach(function (rec, i) {
var li = resultItem(r, rec, 'site-search__option');
li.id = id + '-' + i;
li.setAttribute('role', 'option');
li.setAttribute('aria-selected', 'false');
li.querySelector('a').tabIndex = -1;
list.appendChild(li);
});
var all = make('li', 'site-search__all'), link = make('a', null, say(st, 'search_all', { q: q.trim() }));
link.href = form.action + '?q=' + encodeURIComponent(q.trim());
link.tabIndex = -1;
all.id = id + '-all';
all.setAttribute('role', 'option');
all.setAttribute('aria-selected', 'false');
all.appendChild(link);
list.appendChild(all);
list.hidden = false;
input.setAttribute('aria-expanded', 'true');
active = -1;
input.removeAttribute('aria-activedescendant');
status.textContent = statusText(r, r.docs.length, q.trim());
});
}).catch(function () { if (mine === seq) status.textContent = form.dataset.searchError; });
}
input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 120); });
input.addEventListener('focus', function () { index.manifest().catch(function () {}); });
input.addEventListener('keydown', function (e) {
if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
e.preventDefault();
if (list.hidden && options().length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
move(active + (e.key === 'ArrowDown' ? 1 : active < 0 ? 0 : -1));
} else if (e.key === 'Enter' && active >= 0) {
e.preventDefault();
location.href = options()[active].querySelector('a').href;
} else if (e.key === 'Escape') {
if (list.hidden) input.value = ''; else close();
}
});
list.addEventListener('mousedown', function (e) { e.preventDefault(); });
input.addEventListener('blur', function () { setTimeout(close, 150); });
}

// ---- The search page ----
var PAGE = 10;

function searchPage(form) {
var root = form.closest('[data-search-page]'), input = form.querySelector('input[name=q]');
var index = new Index(new URL(form.dataset.searchIndex, location.href).href);
var statusEl = root.querySelector('[data-search-status]'), results = root.querySelector('[data-search-results]');
var facetsEl = root.querySelector('[data-search-facets]'), more = root.querySelector('[data-search-more]');
var params = new URLSearchParams(location.search), chosen = {}, last = null, shown = 0, seq = 0, timer = 0;
FACETS.forEach(function (f) { chosen[f] = params.getAll(f); });
root.querySelector('[data-search-nojs]').hidden = true;
root.querySelector('[data-search-body]').hidden = false;
input.value = params.get('q') || '';
function run(live) {
var q = input.value.trim(), mine = ++seq;
updateUrl(q);
if (!q) { results.textContent = ''; facetsEl.textContent = ''; statusEl.textContent = ''; more.hidden = true; return; }
statusEl.textContent = index.files[index.url] ? '' : '…';
search(index, input.value, live).then(function (r) {
if (mine !== seq) return;
last = r;
show();
}).catch(function () { statusEl.textContent = form.dataset.searchError; });
}
function show() {
var m = last.manifest, ids = chosenIds(m), f = filter(m, last.docs, ids);
last.kept = f.docs;
results.textContent = '';
shown = 0;
renderFacets(m, f.counts, ids);
statusEl.textContent = statusText(last, f.docs.length, input.value.trim());
page();
}
function page() {
var r = last, batch = r.kept.slice(shown, shown + PAGE), mine = seq;
shown += batch.length;
more.hidden = shown >= r.kept.length;
return Promise.all(batch.map(function (d) { return record(index, d); })).then(function (recs) {
if (mine !== seq) return;
recs.forEach(function (rec) { results.appendChild(resultItem(r, rec, 'search-result')); });
});
}
function chosenIds(m) {
var ids = {};
FACETS.forEach(function (f) {
var values = m.facets[f].map(String);
ids[f] = chosen[f].map(function (v) { return values.indexOf(v); }).filter(function (i) { return i >= 0; });
});
return ids;
}
function renderFacets(m, counts, ids) {
var st = m.strings;
facetsEl.textContent = '';
facetsEl.appendChild(make('h2', 'visually-hidden', st.search_filters));
FACETS.forEach(function (f, fi) {
var values = Object.keys(counts[fi]);
if (values.length < 2 && !ids[f].length) return;
var set = make('fieldset', 'search-facet');
set.appendChild(make('legend', null, st['search_facet_' + f]));
values.sort(function (a, b) { return a - b; }).forEach(function (v) {
var value = m.facets[f][v], label = make('label'), box = make('input');
box.type = 'checkbox';
box.checked = ids[f].indexOf(+v) >= 0;
box.addEventListener('change', function () {
var key = String(value), list = chosen[f], at = list.indexOf(key);
if (box.checked && at < 0) list.push(key); else if (!box.checked && at >= 0) list.splice(at, 1);
updateUrl(input.value.trim());
show();
});
var name = f === 'kind' ? st['kind_' + value.replace(/-/g, '_')] : f === 'type' ? st['resource_type_' + value] : String(value);
label.appendChild(box);
label.appendChild(document.createTextNode(' ' + name + ' (' + counts[fi][v] + ')'));
set.appendChild(label);
});
facetsEl.appendChild(set);
});
}
function updateUrl(q) {
var p = new URLSearchParams();
if (q) p.set('q', q);
FACETS.forEach(function (f) { chosen[f].forEach(function (v) { p.append(f, v); }); });
history.replaceState(null, '', location.pathname + (p.toString() ? '?' + p : ''));
}
form.addEventListener('submit', function (e) { e.preventDefault(); run(false); });
input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 150); });
more.addEventListener('click', function () { page(); });
if (input.value) run(false);
}

function init() {
document.querySelectorAll('form[data-search-index]').forEach(function (form) {
if (form.hasAttribute('data-search-full')) searchPage(form); else combobox(form);
});
}

var api = { normalize: normalize, fold: fold, tokenize: tokenize, Index: Index, search: search, filter: filter };
if (typeof module === 'object' && module.exports) {
module.exports = api;
} else {
window.hoctapSearch = api;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
}
})();
