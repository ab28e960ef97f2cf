//! The in-memory index: folded syllables and adjacent syllable pairs, each with the pages it
//! occurs in and an impact (field weights and frequency) per page. Syllables also keep their
//! exact spellings (`bản`, `bán`, `ban` under `ban`) so typed diacritics can rank exact
//! matches first.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;

use super::normalize::{normalize_word, scan_words};
use super::record::SearchRecord;
use super::table::IntMap;

/// Impact of a term in the title, front-matter fields and summary; body adds 1–4 by frequency.
pub const TITLE_WEIGHT: u8 = 12;
/// See [`TITLE_WEIGHT`].
pub const SUMMARY_WEIGHT: u8 = 5;
/// See [`TITLE_WEIGHT`].
pub const META_WEIGHT: u8 = 4;

/// Term frequency per field: title, meta, summary, body.
type Freq = [u16; 4];

/// One page's occurrence of a term. Packed (5 bytes, not 8): a 100,000-page index holds tens
/// of millions of them while it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed)]
pub struct Posting {
    /// Document id (position in [`Index::order`]).
    pub doc: u32,
    /// Field-weighted importance, 1..=25.
    pub impact: u8,
}

/// One spelling of a folded syllable and the pages that use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The normalized spelling, e.g. `bản`.
    pub exact: String,
    /// Pages, ascending.
    pub docs: Vec<u32>,
}

/// A syllable or pair with its postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded key: `hoc`, or `hoc tap` for a pair.
    pub key: String,
    /// Postings by ascending document.
    pub postings: Vec<Posting>,
    /// Spellings (syllables only).
    pub variants: Vec<Variant>,
}

/// The whole index, terms sorted by key in UTF-16 order (the browser's string order).
#[derive(Debug, Clone)]
pub struct Index {
    /// Number of documents.
    pub docs: usize,
    /// Syllables.
    pub syllables: Vec<Term>,
    /// Adjacent pairs, keyed `a b`.
    pub pairs: Vec<Term>,
}

/// One page's occurrence of a term (a folded syllable or a pair, by id), as partial indexes
/// collect them: 5 bytes, no list per term; the page is where the entry is (see [`ByPage`]).
#[derive(Clone, Copy)]
#[repr(C, packed)]
struct Entry {
    term: u32,
    impact: u8,
}

/// Every distinct spelling, folded key, raw word and pair of a build, numbered in order of first
/// sight. Ids only name things while building: terms are sorted by key at the end, so the
/// index does not depend on which thread saw a word first.
#[derive(Default)]
struct Vocabulary {
    /// Raw word as written → (spelling id, folded id), or `None` when it is not indexed.
    raw: HashMap<String, Option<(u32, u32)>, Fx>,
    exact_ids: HashMap<String, u32, Fx>,
    /// Per spelling id: the spelling and its folded id.
    exacts: Vec<(String, u32)>,
    folded_ids: HashMap<String, u32, Fx>,
    /// Per folded id: the folded key.
    folded: Vec<String>,
    /// Pair key (first folded id << 32 | second) → pair id.
    pair_ids: HashMap<u64, u32, Fx>,
    /// Per pair id: its key.
    pairs: Vec<u64>,
}

impl Vocabulary {
    /// The ids of a raw word, normalizing it the first time it is seen.
    fn ids(&mut self, raw: &str) -> Option<(u32, u32)> {
        if let Some(&ids) = self.raw.get(raw) {
            return ids;
        }
        let ids = normalize_word(raw).map(|(exact, folded)| self.intern(exact, folded));
        self.raw.insert(raw.to_string(), ids);
        ids
    }

    fn intern(&mut self, exact: String, folded: String) -> (u32, u32) {
        let folded_id = match self.folded_ids.get(&folded) {
            Some(&id) => id,
            None => {
                let id = self.folded.len() as u32;
                self.folded_ids.insert(folded.clone(), id);
                self.folded.push(folded);
                id
            }
        };
        let exact_id = match self.exact_ids.get(&exact) {
            Some(&id) => id,
            None => {
                let id = self.exacts.len() as u32;
                self.exact_ids.insert(exact.clone(), id);
                self.exacts.push((exact, folded_id));
                id
            }
        };
        (exact_id, folded_id)
    }

    fn pair(&mut self, key: u64) -> u32 {
        *self.pair_ids.entry(key).or_insert_with(|| {
            self.pairs.push(key);
            self.pairs.len() as u32 - 1
        })
    }
}

/// One task's view of the shared vocabulary: a private memo of raw words, so the shared one
/// is locked only for words this task has not met yet.
struct Words<'v> {
    shared: &'v Mutex<Vocabulary>,
    /// Words of up to 16 bytes (nearly all: a Vietnamese syllable is at most 7 letters),
    /// keyed by their bytes as one integer: no string to hash byte by byte or compare.
    known_short: IntMap<u128, u64>,
    known: HashMap<String, Option<(u32, u32)>, Fx>,
}

/// Ids packed for the memo: spelling id << 32 | folded id, or [`NOT_INDEXED`].
const NOT_INDEXED: u64 = u64::MAX;

impl Words<'_> {
    fn new(shared: &Mutex<Vocabulary>) -> Words<'_> {
        Words { shared, known_short: IntMap::default(), known: HashMap::default() }
    }

    fn ids(&mut self, raw: &str) -> Option<(u32, u32)> {
        if let Some(key) = short_key(raw) {
            let shared = self.shared;
            let packed = self.known_short.get_or_insert_with(key, || {
                let ids = shared.lock().unwrap_or_else(|e| e.into_inner()).ids(raw);
                ids.map_or(NOT_INDEXED, |(exact, folded)| u64::from(exact) << 32 | u64::from(folded))
            });
            return (packed != NOT_INDEXED).then_some(((packed >> 32) as u32, packed as u32));
        }
        if let Some(&ids) = self.known.get(raw) {
            return ids;
        }
        let ids = self.shared.lock().unwrap_or_else(|e| e.into_inner()).ids(raw);
        self.known.insert(raw.to_string(), ids);
        ids
    }
}

/// A word of at most 16 bytes as one integer, zero-padded: words never contain a zero byte,
/// so different words get different keys.
fn short_key(raw: &str) -> Option<u128> {
    let bytes = raw.as_bytes();
    let len = bytes.len();
    // Assembled from overlapping loads rather than copied byte by byte: this runs for every
    // word of the site.
    let key = match len {
        0..=3 => bytes.iter().rev().fold(0, |key, &b| key << 8 | u128::from(b)),
        // The last load overlaps the first; shifting drops the bytes they share.
        4..=7 => {
            let high = u64::from(le_u32(&bytes[len - 4..])) >> (8 * (8 - len));
            u128::from(u64::from(le_u32(&bytes[..4])) | high << 32)
        }
        8..=16 => {
            let high = if len > 8 { le_u64(&bytes[len - 8..]) >> (8 * (16 - len)) } else { 0 };
            u128::from(le_u64(&bytes[..8])) | u128::from(high) << 64
        }
        _ => return None,
    };
    Some(key)
}

fn le_u32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes(bytes.try_into().expect("4 bytes"))
}

fn le_u64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().expect("8 bytes"))
}

/// Pages indexed per task: each task warms its own memo of raw words and pairs.
const PAGES_PER_TASK: usize = 1024;

/// Builds the index of `records`, taken in the given document order, every term laid out.
pub fn build_index(records: &[&SearchRecord]) -> Index {
    let Grouped { docs, syllables, pairs } = group_index(records);
    Index { docs, syllables: syllables.terms().collect(), pairs: pairs.group().terms().collect() }
}

/// Groups the index of `records`, taken in the given document order, by term: each term's
/// [`Term`] is made only when asked for, so a writer can encode and drop one at a time.
///
/// Tasks index runs of consecutive pages into partial indexes in parallel: flat lists of
/// (term, page, impact). Joining them in order then only distributes entries to posting
/// lists allocated at their final size, which come out sorted by page.
pub fn group_index(records: &[&SearchRecord]) -> Grouped {
    index_parts(records).group()
}

/// The terms of `records`, taken in the given document order, not yet grouped by term: once
/// this returns, the index needs nothing from the records (their text can be freed before
/// [`Partial::group`], the costliest part of building in memory).
pub fn index_parts(records: &[&SearchRecord]) -> Partial {
    let shared = Mutex::new(Vocabulary::default());
    let chunks = records.par_chunks(PAGES_PER_TASK).enumerate();
    let parts = chunks.map(|(n, chunk)| index_part(n, chunk.iter().copied(), &shared)).collect();
    Partial { parts, vocabulary: shared.into_inner().unwrap_or_else(|e| e.into_inner()), docs: records.len() }
}

/// [`index_parts`] of records taken in document order, each giving up its text per heading
/// once indexed: the text shrinks while the partial indexes grow, rather than both being
/// held whole (the text is freed only where nothing else shares it, see `lib.rs`).
pub fn index_parts_releasing(records: &mut [SearchRecord]) -> Partial {
    let shared = Mutex::new(Vocabulary::default());
    let chunks = records.par_chunks_mut(PAGES_PER_TASK).enumerate();
    let parts = chunks
        .map(|(n, chunk)| {
            let part = index_part(n, chunk.iter(), &shared);
            chunk.iter_mut().for_each(|record| record.sections = std::sync::Arc::from([]));
            part
        })
        .collect();
    Partial { parts, vocabulary: shared.into_inner().unwrap_or_else(|e| e.into_inner()), docs: records.len() }
}

/// The partial index of the `n`th run of [`PAGES_PER_TASK`] records.
fn index_part<'r>(n: usize, chunk: impl Iterator<Item = &'r SearchRecord>, shared: &Mutex<Vocabulary>) -> Part {
    let mut words = Words::new(shared);
    let mut part = Part::starting_at((n * PAGES_PER_TASK) as u32);
    for (i, record) in chunk.enumerate() {
        part.add((n * PAGES_PER_TASK + i) as u32, record, &mut words);
    }
    part.finish(shared)
}

/// The partial indexes of runs of pages and the vocabulary they share, as
/// [`index_parts`] returns them.
pub struct Partial {
    parts: Vec<Part>,
    vocabulary: Vocabulary,
    docs: usize,
}

impl Partial {
    /// Groups the partial indexes by term (see [`group_index`]).
    pub fn group(self) -> Grouped {
        join(self.parts, self.vocabulary, self.docs)
    }
}

/// The index of a run of pages, by vocabulary id, in page order.
#[derive(Default)]
struct Part {
    syllables: ByPage<Entry>,
    /// Pair entries, by this part's own pair ids until [`Part::finish`].
    pairs: ByPage<Entry>,
    /// Spelling ids, once per page.
    exacts: ByPage<u32>,
    /// Per spelling id: 1 + the last page it was counted on.
    exact_last: Vec<u32>,
    /// The page being added: frequencies per folded id, and the ids it touched.
    folded_freq: Vec<Freq>,
    touched: Vec<u32>,
    /// Pairs met by this part: key (first folded id << 32 | second) → own id, and back.
    /// Numbered here, not in the shared vocabulary, so counting a pair takes no lock.
    pair_ids: IntMap<u64, u32>,
    pair_keys: Vec<u64>,
    /// The page being added: frequencies per own pair id, and the ids it touched.
    pair_freq: Vec<Freq>,
    pairs_touched: Vec<u32>,
}

impl Part {
    /// An empty part whose first page is document `doc`.
    fn starting_at(doc: u32) -> Part {
        let (syllables, pairs, exacts) = (ByPage::starting_at(doc), ByPage::starting_at(doc), ByPage::starting_at(doc));
        Part { syllables, pairs, exacts, ..Part::default() }
    }

    /// Tokenizes every field of a record and adds its terms; `doc` follows the part's last.
    fn add(&mut self, doc: u32, record: &SearchRecord, words: &mut Words) {
        let body = record.sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]);
        let fields = [(0, record.title.as_str()), (1, record.meta.as_str()), (2, record.summary.as_str())];
        for (field, text) in fields.into_iter().chain(body.map(|t| (3, t))) {
            let mut previous: Option<u32> = None;
            scan_words(
                text,
                |raw| words.ids(raw),
                |(exact, folded), joined| {
                    self.count(doc, field, exact, folded);
                    if let (Some(first), true) = (previous, joined) {
                        self.count_pair(field, (u64::from(first) << 32) | u64::from(folded));
                    }
                    previous = Some(folded);
                },
            );
        }
        for folded in self.touched.drain(..) {
            let freq = std::mem::take(&mut self.folded_freq[folded as usize]);
            self.syllables.entries.push(Entry { term: folded, impact: impact(freq) });
        }
        for pair in self.pairs_touched.drain(..) {
            let freq = std::mem::take(&mut self.pair_freq[pair as usize]);
            self.pairs.entries.push(Entry { term: pair, impact: impact(freq) });
        }
        self.syllables.end_page();
        self.pairs.end_page();
        self.exacts.end_page();
    }

    /// Counts one word of the page `doc`.
    fn count(&mut self, doc: u32, field: usize, exact: u32, folded: u32) {
        let e = exact as usize;
        if e >= self.exact_last.len() {
            self.exact_last.resize(e + 1, 0);
        }
        if self.exact_last[e] != doc + 1 {
            self.exact_last[e] = doc + 1;
            self.exacts.entries.push(exact);
        }
        let f = folded as usize;
        if f >= self.folded_freq.len() {
            self.folded_freq.resize(f + 1, [0; 4]);
        }
        bump(&mut self.folded_freq[f], field, folded, &mut self.touched);
    }

    /// Counts one pair of adjacent words of the page being added.
    fn count_pair(&mut self, field: usize, key: u64) {
        let next = self.pair_keys.len() as u32;
        let id = self.pair_ids.get_or_insert_with(key, || next);
        if id == next {
            self.pair_keys.push(key);
            self.pair_freq.push([0; 4]);
        }
        bump(&mut self.pair_freq[id as usize], field, id, &mut self.pairs_touched);
    }

    /// Renumbers the pairs with the shared vocabulary's ids and drops the scratch tables,
    /// keeping what [`join`] needs.
    fn finish(mut self, shared: &Mutex<Vocabulary>) -> Part {
        let ids: Vec<u32> = {
            let mut vocabulary = shared.lock().unwrap_or_else(|e| e.into_inner());
            self.pair_keys.iter().map(|&key| vocabulary.pair(key)).collect()
        };
        self.pairs.entries.iter_mut().for_each(|entry| entry.term = ids[entry.term as usize]);
        Part { syllables: self.syllables, pairs: self.pairs, exacts: self.exacts, ..Part::default() }
    }
}

/// Adds one occurrence in `field` to a term's frequencies, noting the term as touched on its
/// first occurrence in the page.
fn bump(freq: &mut Freq, field: usize, id: u32, touched: &mut Vec<u32>) {
    if *freq == [0; 4] {
        touched.push(id);
    }
    freq[field] = freq[field].saturating_add(1);
}

/// Field weights plus 1–4 for body frequency (1, 2–3, 4–7, 8+).
pub fn impact(freq: Freq) -> u8 {
    let [title, meta, summary, body] = freq.map(|f| f > 0);
    let body_level = if body { 1 + (16 - freq[3].leading_zeros()).saturating_sub(1).min(3) as u8 } else { 0 };
    TITLE_WEIGHT * title as u8 + META_WEIGHT * meta as u8 + SUMMARY_WEIGHT * summary as u8 + body_level
}

/// Joins the partial indexes, in page order, into one index grouped by term, terms sorted by
/// key.
///
/// The parts are split in one run per thread; each run groups its entries by term (a
/// counting sort, so pages stay in order), freeing its entries block by block as they are
/// placed. A term's postings are then its slices of the runs, one after the other.
fn join(parts: Vec<Part>, vocabulary: Vocabulary, docs: usize) -> Grouped {
    let (folded_count, exact_count, pair_count) =
        (vocabulary.folded.len(), vocabulary.exacts.len(), vocabulary.pairs.len());
    let per_run = parts.len().div_ceil(rayon::current_num_threads()).max(1);
    let mut runs: Vec<Vec<Part>> = Vec::new();
    for part in parts {
        match runs.last_mut() {
            Some(run) if run.len() < per_run => run.push(part),
            _ => runs.push(vec![part]),
        }
    }
    // The pairs are grouped later, when first laid out (see [`Pairs`]).
    let (mut pair_runs, mut syllable_runs) = (Vec::new(), Vec::new());
    for run in runs {
        let (syllables, pairs): (Vec<_>, Vec<_>) = run.into_iter().map(|p| ((p.syllables, p.exacts), p.pairs)).unzip();
        syllable_runs.push(syllables);
        pair_runs.push(pairs);
    }
    let grouped: Vec<(ByTerm<Posting>, ByTerm<u32>)> = syllable_runs
        .into_par_iter()
        .map(|run| {
            let (syllables, exacts): (Vec<_>, Vec<_>) = run.into_iter().unzip();
            (
                ByTerm::new(folded_count, NO_POSTING, syllables, entry_term, entry_posting),
                ByTerm::new(exact_count, 0, exacts, |&e| e, |doc, _| doc),
            )
        })
        .collect();
    let (syllable_runs, exact_runs): (Vec<_>, Vec<_>) = grouped.into_iter().unzip();
    // Terms sorted by key: syllables by their keys, pairs by the ranks of their two syllables
    // (the same order, because the space between them sorts before every word character).
    let keys = vocabulary.folded;
    let mut by_key: Vec<u32> = (0..folded_count as u32).collect();
    by_key.par_sort_unstable_by(|&a, &b| utf16_order(&keys[a as usize], &keys[b as usize]));
    let mut rank = vec![0u32; folded_count];
    by_key.iter().enumerate().for_each(|(r, &id)| rank[id as usize] = r as u32);
    let mut spellings: Vec<Vec<u32>> = vec![Vec::new(); folded_count];
    vocabulary.exacts.iter().enumerate().for_each(|(id, &(_, folded))| spellings[folded as usize].push(id as u32));
    let pair_keys = vocabulary.pairs;
    let pair_of = |key: u64| ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
    let mut pair_order: Vec<u32> = (0..pair_count as u32).collect();
    pair_order.par_sort_unstable_by_key(|&id| {
        let (first, second) = pair_of(pair_keys[id as usize]);
        (rank[first], rank[second])
    });
    let pairs = UngroupedPairs { keys: keys.clone(), pair_keys, order: pair_order, runs: pair_runs };
    let exacts = vocabulary.exacts.into_iter().map(|(exact, _)| exact).collect();
    let syllables = Syllables { keys, order: by_key, spellings, exacts, postings: syllable_runs, pages: exact_runs };
    Grouped { docs, syllables, pairs }
}

/// What a [`ByTerm`] list of postings is filled with before its postings are placed.
const NO_POSTING: Posting = Posting { doc: 0, impact: 0 };

fn entry_term(entry: &Entry) -> u32 {
    entry.term
}

fn entry_posting(doc: u32, entry: &Entry) -> Posting {
    Posting { doc, impact: entry.impact }
}

/// The index grouped by term, as [`group_index`] returns it.
pub struct Grouped {
    /// Number of documents.
    pub docs: usize,
    /// Syllables.
    pub syllables: Syllables,
    /// Adjacent pairs, grouped only when asked for (see [`UngroupedPairs`]).
    pub pairs: UngroupedPairs,
}

/// A namespace of the index whose terms are laid out one at a time, in key order.
pub trait Terms: Sync {
    /// Number of terms.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The `n`th term in key order, its postings and spellings collected from the runs.
    fn term(&self, n: usize) -> Term;
    /// Every term in key order.
    fn terms(&self) -> impl Iterator<Item = Term> {
        (0..self.len()).map(|n| self.term(n))
    }
}

/// The syllables of a [`Grouped`] index.
pub struct Syllables {
    /// Per folded id: the folded key.
    keys: Vec<String>,
    /// Folded ids in key order.
    order: Vec<u32>,
    /// Per folded id: its spelling ids.
    spellings: Vec<Vec<u32>>,
    /// Per spelling id: the spelling.
    exacts: Vec<String>,
    /// Per run: postings by folded id.
    postings: Vec<ByTerm<Posting>>,
    /// Per run: pages by spelling id.
    pages: Vec<ByTerm<u32>>,
}

impl Terms for Syllables {
    fn len(&self) -> usize {
        self.order.len()
    }

    fn term(&self, n: usize) -> Term {
        let id = self.order[n] as usize;
        let mut variants: Vec<Variant> = self.spellings[id]
            .iter()
            .map(|&exact| Variant {
                exact: self.exacts[exact as usize].clone(),
                docs: concat_runs(self.pages.iter().map(|g| g.get(exact as usize))),
            })
            .collect();
        // Most used spelling first: it is what a result shows when nothing was typed exactly.
        variants.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then_with(|| a.exact.cmp(&b.exact)));
        let postings = concat_runs(self.postings.iter().map(|g| g.get(id)));
        Term { key: self.keys[id].clone(), postings, variants }
    }
}

/// The adjacent pairs of a [`Grouped`] index, their entries not yet grouped by term: a
/// writer that groups them after writing and dropping the syllables lets the pairs' groups
/// take the syllables' memory rather than add to it.
pub struct UngroupedPairs {
    keys: Vec<String>,
    pair_keys: Vec<u64>,
    order: Vec<u32>,
    /// Per run: its parts' pair entries.
    runs: Vec<Vec<ByPage<Entry>>>,
}

impl UngroupedPairs {
    /// Groups the entries by pair, freeing them as they are placed.
    pub fn group(self) -> Pairs {
        let count = self.pair_keys.len();
        let runs = self.runs.into_par_iter();
        let postings = runs.map(|run| ByTerm::new(count, NO_POSTING, run, entry_term, entry_posting)).collect();
        Pairs { keys: self.keys, pair_keys: self.pair_keys, order: self.order, postings }
    }
}

/// The adjacent pairs of an index, grouped by term.
pub struct Pairs {
    /// Per folded id: the folded key.
    keys: Vec<String>,
    /// Per pair id: first folded id << 32 | second.
    pair_keys: Vec<u64>,
    /// Pair ids in key order.
    order: Vec<u32>,
    /// Per run: postings by pair id.
    postings: Vec<ByTerm<Posting>>,
}

impl Terms for Pairs {
    fn len(&self) -> usize {
        self.order.len()
    }

    fn term(&self, n: usize) -> Term {
        let id = self.order[n] as usize;
        let key = self.pair_keys[id];
        let (first, second) = (&self.keys[(key >> 32) as usize], &self.keys[(key & 0xffff_ffff) as usize]);
        let mut joined = String::with_capacity(first.len() + 1 + second.len());
        joined.extend([first.as_str(), " ", second.as_str()]);
        let postings = concat_runs(self.postings.iter().map(|g| g.get(id)));
        Term { key: joined, postings, variants: Vec::new() }
    }
}

/// Items grouped by term: term `t`'s are `items[starts[t]..starts[t + 1]]`, in input order.
struct ByTerm<T> {
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> ByTerm<T> {
    /// Groups the entries of `lists` by their `term`, each made an item by `item` (from its
    /// page and itself), with a counting sort: one pass counts, one places, dropping each
    /// block of entries once it is placed (the entries and their grouped copy are not all
    /// held at once). `fill` only sizes the list.
    fn new<E>(
        terms: usize,
        fill: T,
        lists: Vec<ByPage<E>>,
        term: impl Fn(&E) -> u32,
        item: impl Fn(u32, &E) -> T,
    ) -> ByTerm<T> {
        let mut starts = vec![0; terms + 1];
        lists.iter().flat_map(|list| list.entries.iter()).for_each(|e| starts[term(e) as usize + 1] += 1);
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let mut next = starts[..terms].to_vec();
        let mut items = vec![fill; starts[terms]];
        for list in lists {
            list.drain(|doc, entry| {
                let slot = &mut next[term(entry) as usize];
                items[*slot] = item(doc, entry);
                *slot += 1;
            });
        }
        ByTerm { starts, items }
    }

    fn get(&self, term: usize) -> &[T] {
        &self.items[self.starts[term]..self.starts[term + 1]]
    }
}

/// Slices joined into one list, allocated once.
fn concat_runs<'a, T: Copy + 'a>(runs: impl Iterator<Item = &'a [T]> + Clone) -> Vec<T> {
    let mut all = Vec::with_capacity(runs.clone().map(<[T]>::len).sum());
    runs.for_each(|run| all.extend_from_slice(run));
    all
}

/// A partial index's entries of one kind, page after page: page `first_doc + i` has
/// `entries[ends[i - 1]..ends[i]]`, so an entry need not name its page (4 bytes each).
struct ByPage<E> {
    first_doc: u32,
    ends: Vec<u32>,
    entries: Blocks<E>,
}

impl<E> Default for ByPage<E> {
    fn default() -> Self {
        ByPage { first_doc: 0, ends: Vec::new(), entries: Blocks::default() }
    }
}

impl<E> ByPage<E> {
    fn starting_at(first_doc: u32) -> ByPage<E> {
        ByPage { first_doc, ..ByPage::default() }
    }

    /// Closes the page being added: the entries pushed since the last call are its.
    fn end_page(&mut self) {
        self.ends.push(self.entries.len() as u32);
    }

    /// Calls `f` with each entry and its page, in order, freeing each block once it is done.
    fn drain(self, mut f: impl FnMut(u32, &E)) {
        let (mut page, mut seen) = (0, 0);
        for block in self.entries.blocks {
            for entry in &block {
                // Pages without entries of this kind are skipped over.
                while self.ends[page] <= seen {
                    page += 1;
                }
                f(self.first_doc + page as u32, entry);
                seen += 1;
            }
        }
    }
}

/// A list grown in fixed blocks. A `Vec` doubling its way to megabytes leaves the blocks it
/// outgrew behind, and with every task growing its own at once, they were not reused: the
/// peak memory was half garbage.
struct Blocks<T> {
    blocks: Vec<Vec<T>>,
}

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Blocks { blocks: Vec::new() }
    }
}

impl<T> Blocks<T> {
    /// Items per block (about 64 kB of entries).
    const BLOCK: usize = 8192;

    fn push(&mut self, item: T) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < Self::BLOCK => block.push(item),
            _ => {
                let mut block = Vec::with_capacity(Self::BLOCK);
                block.push(item);
                self.blocks.push(block);
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.blocks.iter().flatten()
    }

    fn len(&self) -> usize {
        self.blocks.last().map_or(0, |last| (self.blocks.len() - 1) * Self::BLOCK + last.len())
    }

    fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.blocks.iter_mut().flatten()
    }
}

/// Compares strings the way JavaScript's `<` does.
pub fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A fast hasher for short keys (FxHash); the index builder hashes millions of them.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

/// Hash maps keyed with [`FxHasher`].
pub type Fx = BuildHasherDefault<FxHasher>;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        // The low bits of a product depend only on the low bits of its inputs (here: the
        // first letters of a word); hash tables index by the low bits, so bring the well-mixed
        // high bits down.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
pub(crate) mod tests;
