// hoctap search, in the browser: the normalizer (a mirror of src/search/normalize.rs, checked
// against tests/search/normalize_vectors.json), the index reader (see src/search/codec.rs),
// ranking, the header combobox and the search page. Plain JavaScript without eval or inline
// code, so it runs under a strict Content-Security-Policy. Index files are fetched from the
// site itself only. The theme ships js/search.min.js, terser's output of this file
// (`cargo test` checks that they match; see tests/README.md to regenerate it).
(function () {
  'use strict';

  // ---- Normalizer: keep in step with src/search/normalize.rs ----
  const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
  const MARK = /\p{M}/u;
  const MARKS = /\p{M}/gu;
  const WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
  const WORDS = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
  const D_LIKE = /[\u00d0\u0189\u00f0\u0256]/;
  const MAX_TOKEN = 30;

  // NFC, Đ look-alikes, lowercase, new-style tones (hoà, khoẻ, thuỷ), single spaces.
  function normalize(text) {
    let lowered = '';
    for (const char of text) {
      if (INVISIBLE.test(char)) continue;
      lowered += D_LIKE.test(char) ? 'đ' : char.toLowerCase();
    }
    const chars = Array.from(lowered.normalize('NFD'));
    for (let i = 0; i + 2 < chars.length; i++) {
      const vowel = chars[i];
      const next = chars[i + 2];
      const glide = (vowel === 'o' && (next === 'a' || next === 'e')) || (vowel === 'u' && next === 'y');
      if (glide && TONE.test(chars[i + 1]) && !(i + 3 < chars.length && MARK.test(chars[i + 3]))) {
        chars[i + 2] = chars[i + 1];
        chars[i + 1] = next;
        i += 2;
      }
    }
    return chars
      .join('')
      .normalize('NFC')
      .split(/[\s\u0085]+/)
      .filter(Boolean)
      .join(' ');
  }

  // The folded key: every diacritic removed, đ → d.
  function fold(text) {
    return text.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').normalize('NFC');
  }

  // Words with their folded key; `joined` when only spaces or hyphens separate a word from the previous one.
  function tokenize(text) {
    const tokens = [];
    let word = '';
    let adjacent = false;
    for (const char of normalize(text) + '.') {
      if (WORD.test(char)) {
        word += char;
        continue;
      }
      if (word) {
        if (Array.from(word).length <= MAX_TOKEN) {
          tokens.push({ exact: word, folded: fold(word), joined: adjacent });
          adjacent = true;
        } else adjacent = false;
        word = '';
      }
      if (char !== ' ' && char !== '-') adjacent = false;
    }
    return tokens;
  }

  // ---- Index files: see src/search/shards.rs and codec.rs ----

  // The index behind `manifestUrl`. The manifest keeps its name across builds, so it is
  // revalidated, except when the page preloaded it (the search page does, to save a round
  // trip; the preload was itself a normal, revalidating request). Every file it names is
  // named by its content and may come from the cache.
  function Index(manifestUrl, fetcher) {
    this.url = manifestUrl;
    const preloaded =
      typeof document === 'object' &&
      Array.from(document.querySelectorAll('link[rel=preload]')).some((link) => link.href === manifestUrl);
    this.fetcher =
      fetcher ||
      ((url) =>
        fetch(url, {
          credentials: 'same-origin',
          cache: url === manifestUrl && !preloaded ? 'no-cache' : 'default',
        }));
    this.files = {};
    this.bytes = 0;
  }

  Index.prototype.get = function (path, binary) {
    const url = new URL(path, this.url).href;
    if (!this.files[url]) {
      this.files[url] = this.fetcher(url)
        .then((response) => {
          if (!response.ok) throw new Error(url);
          return response.arrayBuffer();
        })
        .then((buffer) => {
          this.bytes += buffer.byteLength;
          return binary ? readShard(new Uint8Array(buffer)) : JSON.parse(new TextDecoder().decode(buffer));
        });
      this.files[url].catch(() => delete this.files[url]);
    }
    return this.files[url];
  };

  Index.prototype.manifest = function () {
    return this.get(this.url);
  };

  // The shards whose key ranges meet [from, to]; null when more than `limit` would be needed.
  // A manifest entry names either a shard (small sites: one request less) or a node listing shards.
  Index.prototype.shards = function (namespace, from, to, limit) {
    return this.manifest().then((manifest) => {
      const root = manifest[namespace];
      const first = below(root, from);
      const last = below(root, to);
      if (last - first + 1 > limit) return null;
      const entries = root.slice(first, last + 1);
      if (entries.every(([, file]) => isShard(file)))
        return this.fetchShards(entries.map(([, file]) => file));
      return Promise.all(entries.map(([, file]) => this.get(file))).then((nodes) => {
        const names = [];
        for (const node of nodes) {
          const start = below(node, from);
          for (let j = start; j < node.length && (j === start || node[j][0] <= to); j++)
            names.push(node[j][1]);
        }
        return names.length > limit ? null : this.fetchShards(names);
      });
    });
  };

  Index.prototype.fetchShards = function (names) {
    return Promise.all(names.map((name) => this.get(name, true)));
  };

  function isShard(file) {
    return file.lastIndexOf('s/', 0) === 0;
  }

  // Index of the last entry whose key is <= key.
  function below(entries, key) {
    let low = 0;
    let high = entries.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (entries[middle][0] <= key) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  // A little-endian base-128 number at `reader.at`, which moves past it.
  function varint(reader) {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = reader.bytes[reader.at++];
      value += (byte & 127) * scale;
      scale *= 128;
    } while (byte > 127);
    return value;
  }

  // A shard: key → { df, body } with bodies decoded on first use.
  function readShard(bytes) {
    const reader = { bytes, at: 0 };
    const terms = new Map();
    const decoder = new TextDecoder();
    let key = new Uint8Array(0);
    while (reader.at < bytes.length) {
      const shared = varint(reader);
      const length = varint(reader);
      const next = new Uint8Array(shared + length);
      next.set(key.subarray(0, shared));
      next.set(bytes.subarray(reader.at, reader.at + length), shared);
      reader.at += length;
      key = next;
      const df = varint(reader);
      const size = varint(reader);
      terms.set(decoder.decode(key), { df, body: bytes.subarray(reader.at, reader.at + size) });
      reader.at += size;
    }
    return terms;
  }

  // Decodes a term's body once: its best pages with their weight (`top`), the set of all its
  // pages, their common weight (`floor`) and, for syllables, the pages of each spelling.
  function readTerm(term, docCount, withVariants) {
    if (term.top) return term;
    const reader = { bytes: term.body, at: 0 };
    const count = varint(reader);
    const top = new Map();
    let doc = 0;
    for (let i = 0; i < count; i++) {
      doc += varint(reader);
      top.set(doc, reader.bytes[reader.at++]);
    }
    term.top = top;
    term.floor = 0;
    if (term.df > count) {
      term.floor = reader.bytes[reader.at++];
      term.set = readSet(reader, docCount);
    } else {
      term.set = new Uint8Array((docCount + 7) >> 3);
      top.forEach((_, d) => (term.set[d >> 3] |= 1 << (d & 7)));
    }
    term.variants = [];
    if (withVariants) {
      const names = [];
      const decoder = new TextDecoder();
      const spellings = varint(reader);
      for (let j = 0; j < spellings; j++) {
        const length = varint(reader);
        names.push(decoder.decode(reader.bytes.subarray(reader.at, reader.at + length)));
        reader.at += length;
      }
      for (const name of names) {
        term.variants.push({ exact: name, set: spellings > 1 ? readSet(reader, docCount) : term.set });
      }
    }
    return term;
  }

  // A page set as a bitmap over all documents: tag 1 a slice of the bitmap itself, tag 2 the
  // pages left out, otherwise the pages listed (gaps after the first).
  function readSet(reader, docCount) {
    const bits = new Uint8Array((docCount + 7) >> 3);
    const tag = varint(reader);
    if (tag === 1) {
      const firstByte = varint(reader);
      const length = varint(reader);
      bits.set(reader.bytes.subarray(reader.at, reader.at + length), firstByte);
      reader.at += length;
      return bits;
    }
    const count = varint(reader);
    if (tag === 2) {
      bits.fill(255);
      for (let i = docCount; i < bits.length * 8; i++) bits[i >> 3] &= ~(1 << (i & 7));
    }
    let doc = 0;
    for (let i = 0; i < count; i++) {
      doc = i ? doc + varint(reader) : varint(reader);
      if (tag === 2) bits[doc >> 3] &= ~(1 << (doc & 7));
      else bits[doc >> 3] |= 1 << (doc & 7);
    }
    return bits;
  }

  function has(bits, doc) {
    return (bits[doc >> 3] >> (doc & 7)) & 1;
  }

  // ---- Query: see the README's "Search" section ----
  const COMPLETIONS = 6;

  // Looks every word of the query up and ranks the pages; `live` treats the last word as a prefix.
  // Words and pairs are fetched together; a pair is fetched again only when a word was corrected.
  function search(index, query, live) {
    const tokens = tokenize(query);
    const prefix = live && tokens.length > 0 && !/[\s-]$/.test(query) ? tokens[tokens.length - 1] : null;
    const fetchPair = (key, i) => {
      const completing = tokens[i + 1] === prefix;
      return index.shards('pairs', key, completing ? key + '\uffff' : key, completing ? 2 : 1);
    };
    return index.manifest().then((manifest) => {
      const words = tokens.map((token) =>
        token === prefix
          ? index.shards('syllables', token.folded, token.folded + '\uffff', 2)
          : index.shards('syllables', token.folded, token.folded, 1),
      );
      const pairKeys = tokens.slice(1).map((token, i) => tokens[i].folded + ' ' + token.folded);
      return Promise.all([Promise.all(words), Promise.all(pairKeys.map(fetchPair))]).then(
        ([wordShards, pairShards]) => {
          const resolved = resolve(manifest.docs, tokens, prefix, wordShards);
          const fixed = tokens.slice(1).map((_, i) => resolved.keys[i] + ' ' + resolved.keys[i + 1]);
          const refetched = fixed.map((key, i) => (key === pairKeys[i] ? pairShards[i] : fetchPair(key, i)));
          return Promise.all(refetched).then((shards) =>
            rank(manifest, tokens, prefix, resolved, fixed, shards),
          );
        },
      );
    });
  }

  function lookup(shards, key) {
    for (const shard of shards || []) if (shard.has(key)) return shard.get(key);
    return null;
  }

  // Keys of the fetched shards that start with `start`, most frequent first.
  function complete(shards, start, docCount, withVariants) {
    const found = [];
    for (const shard of shards || []) {
      shard.forEach((term, key) => {
        if (key.lastIndexOf(start, 0) === 0) found.push({ key, term });
      });
    }
    found.sort((a, b) => (b.key === start) - (a.key === start) || b.term.df - a.term.df);
    return found.slice(0, COMPLETIONS).map(({ key, term }) => {
      term.key = key;
      return readTerm(term, docCount, withVariants);
    });
  }

  // One missing letter (not the first) in a word of four or more letters, within the fetched shard.
  function correct(shards, word) {
    let best = null;
    if (Array.from(word).length < 4) return null;
    for (const shard of shards || []) {
      shard.forEach((term, key) => {
        if (key.length !== word.length + 1) return;
        for (let i = 1; i < key.length; i++) {
          if (key.slice(0, i) + key.slice(i + 1) === word) {
            if (!best || term.df > best.term.df) best = { key, term };
            return;
          }
        }
      });
    }
    return best;
  }

  // Each word's terms: itself, its correction, or (while typed) its completions.
  function resolve(docCount, tokens, prefix, wordShards) {
    const groups = [];
    const unknown = [];
    const corrected = [];
    const keys = [];
    tokens.forEach((token, i) => {
      const shards = wordShards[i];
      let key = token.folded;
      let alternatives;
      if (token === prefix && shards) {
        alternatives = complete(shards, token.folded, docCount, true);
      } else {
        let term = lookup(shards, key);
        if (!term && token !== prefix) {
          const fix = correct(shards, key);
          if (fix) {
            corrected.push([token.exact, fix.key]);
            term = fix.term;
            key = fix.key;
          }
        }
        alternatives = term ? [readTerm(term, docCount, true)] : [];
      }
      keys.push(key);
      if (!alternatives.length) {
        if (token !== prefix) unknown.push(token.exact);
        return;
      }
      groups.push({ alternatives, exact: fold(token.exact) !== token.exact ? token.exact : null });
    });
    return { groups, unknown, corrected, keys };
  }

  // Pages with every word (or, when none has all, with any), best first: pages with the
  // words as typed (with their diacritics), then by score, then in index order.
  function rank(manifest, tokens, prefix, resolved, pairKeys, pairShards) {
    const docCount = manifest.docs;
    const groups = resolved.groups;
    const pairGroups = [];
    pairKeys.forEach((key, i) => {
      const shards = pairShards[i];
      let alternatives;
      if (tokens[i + 1] === prefix) alternatives = shards ? complete(shards, key, docCount, false) : [];
      else {
        const term = lookup(shards, key);
        alternatives = term ? [readTerm(term, docCount, false)] : [];
      }
      if (alternatives.length) pairGroups.push({ alternatives });
    });
    const all = groups.concat(pairGroups);
    for (const group of all) {
      for (const term of group.alternatives) term.idf = Math.log(1 + docCount / term.df);
      group.set = union(
        group.alternatives.map((term) => term.set),
        docCount,
      );
    }
    let candidates = null;
    let partial = false;
    for (const group of groups) candidates = candidates ? and(candidates, group.set) : group.set.slice();
    if (candidates && groups.length > 1 && !any(candidates)) {
      candidates = union(
        groups.map((group) => group.set),
        docCount,
      );
      partial = true;
    }
    const docs = [];
    if (candidates) {
      for (let byte = 0; byte < candidates.length; byte++) {
        if (!candidates[byte]) continue;
        for (let bit = 0; bit < 8; bit++) if (candidates[byte] & (1 << bit)) docs.push(byte * 8 + bit);
      }
    }
    const score = new Float64Array(docCount);
    const exact = new Uint8Array(docCount);
    for (const doc of docs) {
      let total = 0;
      let exactWords = 0;
      all.forEach((group, i) => {
        let best = 0;
        for (const term of group.alternatives) {
          const weight = term.top.has(doc) ? term.top.get(doc) : has(term.set, doc) ? term.floor : 0;
          best = Math.max(best, term.idf * weight);
        }
        total += i < groups.length ? best : 1.5 * best;
        const typed = (term) => term.variants.some((v) => v.exact === group.exact && has(v.set, doc));
        if (group.exact && group.alternatives.some(typed)) exactWords++;
      });
      score[doc] = total;
      exact[doc] = exactWords;
    }
    docs.sort((a, b) => exact[b] - exact[a] || score[b] - score[a] || a - b);
    return {
      docs,
      unknown: resolved.unknown,
      corrected: resolved.corrected,
      partial,
      words: all.length,
      terms: resolved.keys,
      prefix: prefix ? prefix.folded : null,
      manifest,
    };
  }

  function union(sets, docCount) {
    const out = new Uint8Array((docCount + 7) >> 3);
    for (const set of sets) for (let i = 0; i < out.length; i++) out[i] |= set[i];
    return out;
  }

  function and(a, b) {
    for (let i = 0; i < a.length; i++) a[i] &= b[i];
    return a;
  }

  function any(bits) {
    return bits.some((byte) => byte !== 0);
  }

  // Facet value of every run of documents, counted over `docs` and filtered by `chosen`.
  const FACETS = ['kind', 'year', 'commune', 'type'];

  function facetTable(manifest) {
    const table = new Int32Array(manifest.docs * 4);
    let doc = 0;
    for (const run of manifest.facets.runs) {
      for (let i = 0; i < run[0]; i++, doc++) for (let f = 0; f < 4; f++) table[doc * 4 + f] = run[f + 1];
    }
    return table;
  }

  function filter(manifest, docs, chosen) {
    const table = manifest.facetTable || (manifest.facetTable = facetTable(manifest));
    const counts = FACETS.map(() => ({}));
    const kept = docs.filter((doc) => {
      FACETS.forEach((_, f) => {
        const value = table[doc * 4 + f];
        if (value >= 0) counts[f][value] = (counts[f][value] || 0) + 1;
      });
      return FACETS.every((name, f) => {
        const wanted = chosen[name];
        return !wanted || !wanted.length || wanted.indexOf(table[doc * 4 + f]) >= 0;
      });
    });
    return { docs: kept, counts };
  }

  // Where a document's record is: its folder of `per_dir` records (named by their hash), the
  // file of `per_file` records in it, and its place in that file's list.
  function recordPath(manifest, doc) {
    const group = Math.floor(doc / manifest.per_dir);
    const within = doc % manifest.per_dir;
    const file =
      'r/' + group + '-' + manifest.records[group] + '/' + Math.floor(within / manifest.per_file) + '.json';
    return { file, at: within % manifest.per_file };
  }

  function record(index, doc) {
    return index.manifest().then((manifest) => {
      const { file, at } = recordPath(manifest, doc);
      return index.get(file).then((records) => records[at]);
    });
  }

  // ---- Results: snippet, highlight ----
  function matcher(result) {
    return (word) => {
      const key = fold(normalize(word));
      return result.terms.indexOf(key) >= 0 || (result.prefix && key.lastIndexOf(result.prefix, 0) === 0);
    };
  }

  // The section with most query words, and a window of its text around the first of them.
  function snippet(rec, isMatch) {
    let best = null;
    for (const section of rec.h) {
      const hits = {};
      for (const word of (section[1] + ' ' + section[2]).match(WORDS) || []) {
        if (isMatch(word)) hits[fold(normalize(word))] = 1;
      }
      const score = Object.keys(hits).length;
      if (!best || score > best.score) best = { section, score };
    }
    const text = best ? best.section[2] : '';
    if (!best || !best.score) return { anchor: '', text: text || rec.s || '' };
    const words = text.split(' ');
    let at = 0;
    for (let i = 0; i < words.length; i++) {
      const parts = words[i].match(WORDS);
      if (parts && parts.some(isMatch)) {
        at = i;
        break;
      }
    }
    const from = Math.max(0, at - 8);
    const part = words.slice(from, from + 32).join(' ');
    return {
      anchor: best.section[0],
      text: (from ? '… ' : '') + part + (from + 32 < words.length ? ' …' : ''),
    };
  }

  function highlight(element, text, isMatch) {
    let last = 0;
    let match;
    WORDS.lastIndex = 0;
    while ((match = WORDS.exec(text))) {
      if (!isMatch(match[0])) continue;
      element.appendChild(document.createTextNode(text.slice(last, match.index)));
      element.appendChild(make('mark', null, match[0]));
      last = match.index + match[0].length;
    }
    element.appendChild(document.createTextNode(text.slice(last)));
    return element;
  }

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null) element.textContent = text;
    return element;
  }

  function say(strings, key, values) {
    let text = strings[key] || key;
    for (const name of Object.keys(values || {})) text = text.split('{' + name + '}').join(values[name]);
    return text;
  }

  function statusText(result, total, query) {
    const strings = result.manifest.strings;
    const parts = [
      total
        ? say(strings, 'search_results', { n: total.toLocaleString() })
        : say(strings, 'search_none', { q: query }),
    ];
    for (const [from, to] of result.corrected) parts.push(say(strings, 'search_corrected', { from, to }));
    if (result.unknown.length)
      parts.push(say(strings, 'search_unknown', { words: result.unknown.join(', ') }));
    if (result.partial && total) parts.push(strings.search_partial);
    return parts.join(' ');
  }

  // A result's link: to the page, at the heading nearest the matched words.
  function resultHref(rec, snip) {
    return rec.u + (snip.anchor ? '#' + snip.anchor : '');
  }

  // A result's title, kind and date, and snippet, into `item`; `titleTag` is `a` on the search
  // page and `span` in the suggestion list, whose options are not links themselves.
  function fillResult(item, result, rec, className, titleTag) {
    const isMatch = matcher(result);
    const snip = snippet(rec, isMatch);
    const strings = result.manifest.strings;
    const title = make(titleTag, className + '__title');
    if (titleTag === 'a') title.href = resultHref(rec, snip);
    highlight(title, rec.t, isMatch);
    const meta = make('span', className + '__meta', strings['kind_' + rec.k.replace(/-/g, '_')] || rec.k);
    if (rec.d) meta.textContent += ' · ' + rec.d;
    item.appendChild(title);
    item.appendChild(meta);
    item.appendChild(highlight(make('span', className + '__snippet'), snip.text, isMatch));
    return resultHref(rec, snip);
  }

  // ---- The header combobox: a listbox of plain options that open their page when chosen ----
  let uid = 0;

  function combobox(form) {
    const input = form.querySelector('input[name=q]');
    const index = new Index(new URL(form.dataset.searchIndex, location.href).href);
    const id = 'search-' + ++uid;
    const list = make('ul', 'site-search__list');
    const status = make('p', 'visually-hidden');
    let active = -1;
    let sequence = 0;
    let timer = 0;
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
    const options = () => list.querySelectorAll('[role=option]');
    function open() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function move(to) {
      const all = options();
      if (!all.length) return;
      active = (to + all.length) % all.length;
      all.forEach((option, i) => option.setAttribute('aria-selected', i === active ? 'true' : 'false'));
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    }
    function option(optionId, href) {
      const item = make('li', 'site-search__option');
      item.id = optionId;
      item.dataset.href = href;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      return item;
    }
    function show(result, recs, query) {
      const strings = result.manifest.strings;
      list.textContent = '';
      list.setAttribute('aria-label', strings.search_suggestions);
      recs.forEach((rec, i) => {
        const item = option(id + '-' + i, '');
        item.dataset.href = fillResult(item, result, rec, 'site-search__option', 'span');
        list.appendChild(item);
      });
      const all = option(id + '-all', form.action + '?q=' + encodeURIComponent(query));
      all.className = 'site-search__all';
      all.textContent = say(strings, 'search_all', { q: query });
      list.appendChild(all);
      open();
      active = -1;
      input.removeAttribute('aria-activedescendant');
      status.textContent = statusText(result, result.docs.length, query);
    }
    function run() {
      const query = input.value.trim();
      const mine = ++sequence;
      if (!query) {
        close();
        list.textContent = '';
        return;
      }
      search(index, input.value, true)
        .then((result) => {
          const recs = result.docs.slice(0, COMPLETIONS).map((doc) => record(index, doc));
          return Promise.all(recs).then((loaded) => mine === sequence && show(result, loaded, query));
        })
        .catch(() => {
          if (mine === sequence) status.textContent = form.dataset.searchError;
        });
    }
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener('focus', () => index.manifest().catch(() => {}));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (list.hidden && options().length) open();
        move(active + (event.key === 'ArrowDown' ? 1 : active < 0 ? 0 : -1));
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        location.href = options()[active].dataset.href;
      } else if (event.key === 'Escape' && !list.hidden) {
        // The first Escape closes the list only; with the list closed, the browser's own
        // handling of a search input clears the text, as in any search box.
        event.preventDefault();
        close();
      }
    });
    list.addEventListener('mousedown', (event) => event.preventDefault());
    list.addEventListener('click', (event) => {
      const chosen = event.target.closest('[role=option]');
      if (chosen) location.href = chosen.dataset.href;
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
    // Loaded on first use (js/search-loader.js): the reader may have typed already.
    if (document.activeElement === input) {
      index.manifest().catch(() => {});
      if (input.value.trim()) run();
    }
  }

  // ---- The search page ----
  const PAGE = 10;

  function searchPage(form) {
    const root = form.closest('[data-search-page]');
    const input = form.querySelector('input[name=q]');
    const index = new Index(new URL(form.dataset.searchIndex, location.href).href);
    const statusElement = root.querySelector('[data-search-status]');
    const results = root.querySelector('[data-search-results]');
    const facets = root.querySelector('[data-search-facets]');
    const facetList = root.querySelector('[data-search-facet-list]');
    const chosenCount = root.querySelector('[data-search-chosen]');
    const more = root.querySelector('[data-search-more]');
    const params = new URLSearchParams(location.search);
    const chosen = {};
    let last = null;
    let shown = 0;
    let sequence = 0;
    let timer = 0;
    for (const name of FACETS) chosen[name] = params.getAll(name);
    // Filters sit beside the results on wide screens, in a closed disclosure above them on phones.
    facets.open = matchMedia('(min-width: 48em)').matches;
    input.value = params.get('q') || '';
    function clear() {
      results.textContent = '';
      facetList.textContent = '';
      statusElement.textContent = '';
      facets.hidden = true;
      more.hidden = true;
    }
    function run(live) {
      const query = input.value.trim();
      const mine = ++sequence;
      updateUrl(query);
      if (!query) return clear();
      if (!index.files[index.url]) statusElement.textContent = last ? '' : '…';
      search(index, input.value, live)
        .then((result) => {
          if (mine !== sequence) return;
          last = result;
          show();
        })
        .catch(() => (statusElement.textContent = form.dataset.searchError));
    }
    function show() {
      const manifest = last.manifest;
      const ids = chosenIds(manifest);
      const filtered = filter(manifest, last.docs, ids);
      last.kept = filtered.docs;
      shown = 0;
      renderFacets(manifest, filtered.counts, ids);
      statusElement.textContent = statusText(last, filtered.docs.length, input.value.trim());
      nextPage(true);
    }
    // Shows the next results; `fresh` replaces those shown once the first new one is there.
    // Record files arrive in any order (over HTTP/1.1 in two waves); each result is shown as
    // soon as it and every result above it have arrived, so the first ones do not wait for
    // the slowest file, and results are only ever added below.
    function nextPage(fresh) {
      const result = last;
      const batch = result.kept.slice(shown, shown + PAGE);
      const mine = sequence;
      const recs = [];
      const arrived = [];
      let next = 0;
      let stale = fresh;
      shown += batch.length;
      const current = () => mine === sequence && result === last;
      const loads = batch.map((doc, i) =>
        record(index, doc).then((rec) => {
          recs[i] = rec;
          arrived[i] = true;
          if (!current()) return;
          if (stale && arrived[0]) {
            results.textContent = '';
            stale = false;
          }
          for (; arrived[next]; next++) {
            const item = make('li', 'search-result');
            fillResult(item, result, recs[next], 'search-result', 'a');
            results.appendChild(item);
          }
        }),
      );
      return Promise.all(loads).then(() => {
        if (current()) more.hidden = shown >= result.kept.length;
      });
    }
    function chosenIds(manifest) {
      const ids = {};
      for (const name of FACETS) {
        const values = manifest.facets[name].map(String);
        ids[name] = chosen[name].map((value) => values.indexOf(value)).filter((i) => i >= 0);
      }
      return ids;
    }
    function facetLabel(strings, name, value) {
      if (name === 'kind') return strings['kind_' + value.replace(/-/g, '_')];
      if (name === 'type') return strings['resource_type_' + value];
      return String(value);
    }
    function renderFacets(manifest, counts, ids) {
      const strings = manifest.strings;
      const picked = FACETS.reduce((n, name) => n + ids[name].length, 0);
      facetList.textContent = '';
      chosenCount.textContent = picked ? '(' + picked + ')' : '';
      FACETS.forEach((name, f) => {
        const values = Object.keys(counts[f]);
        if (values.length < 2 && !ids[name].length) return;
        const fieldset = make('fieldset', 'search-facet');
        fieldset.appendChild(make('legend', null, strings['search_facet_' + name]));
        values.sort((a, b) => a - b);
        for (const id of values) {
          const value = manifest.facets[name][id];
          const label = make('label');
          const box = make('input');
          box.type = 'checkbox';
          box.checked = ids[name].indexOf(+id) >= 0;
          box.addEventListener('change', () => toggle(name, String(value), box.checked));
          label.appendChild(box);
          label.appendChild(
            document.createTextNode(' ' + facetLabel(strings, name, value) + ' (' + counts[f][id] + ')'),
          );
          fieldset.appendChild(label);
        }
        facetList.appendChild(fieldset);
      });
      facets.hidden = !facetList.childElementCount;
    }
    function toggle(name, value, on) {
      const list = chosen[name];
      const at = list.indexOf(value);
      if (on && at < 0) list.push(value);
      else if (!on && at >= 0) list.splice(at, 1);
      updateUrl(input.value.trim());
      show();
    }
    function updateUrl(query) {
      const next = new URLSearchParams();
      if (query) next.set('q', query);
      for (const name of FACETS) for (const value of chosen[name]) next.append(name, value);
      history.replaceState(null, '', location.pathname + (next.toString() ? '?' + next : ''));
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(false);
    });
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(true), 150);
    });
    more.addEventListener('click', () => nextPage(false));
    if (input.value) run(false);
  }

  function init() {
    document.querySelectorAll('form[data-search-index]').forEach((form) => {
      if (form.hasAttribute('data-search-full')) searchPage(form);
      else combobox(form);
    });
  }

  const api = { normalize, fold, tokenize, Index, search, filter, recordPath };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    window.hoctapSearch = api;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
  }
})();
