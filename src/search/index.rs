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
/// collect them: 9 bytes, no list per term.
#[derive(Clone, Copy)]
#[repr(C, packed)]
struct Entry {
    term: u32,
    posting: Posting,
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
    known_short: HashMap<u128, Option<(u32, u32)>, Fx>,
    known: HashMap<String, Option<(u32, u32)>, Fx>,
    known_pairs: HashMap<u64, u32, Fx>,
}

impl Words<'_> {
    fn new(shared: &Mutex<Vocabulary>) -> Words<'_> {
        Words { shared, known_short: HashMap::default(), known: HashMap::default(), known_pairs: HashMap::default() }
    }

    fn ids(&mut self, raw: &str) -> Option<(u32, u32)> {
        if let Some(key) = short_key(raw) {
            if let Some(&ids) = self.known_short.get(&key) {
                return ids;
            }
            let ids = self.shared.lock().unwrap_or_else(|e| e.into_inner()).ids(raw);
            self.known_short.insert(key, ids);
            return ids;
        }
        if let Some(&ids) = self.known.get(raw) {
            return ids;
        }
        let ids = self.shared.lock().unwrap_or_else(|e| e.into_inner()).ids(raw);
        self.known.insert(raw.to_string(), ids);
        ids
    }

    fn pair(&mut self, key: u64) -> u32 {
        if let Some(&id) = self.known_pairs.get(&key) {
            return id;
        }
        let id = self.shared.lock().unwrap_or_else(|e| e.into_inner()).pair(key);
        self.known_pairs.insert(key, id);
        id
    }
}

/// A word of at most 16 bytes as one integer, zero-padded: words never contain a zero byte,
/// so different words get different keys.
fn short_key(raw: &str) -> Option<u128> {
    let bytes = raw.as_bytes();
    (bytes.len() <= 16).then(|| {
        let mut key = [0u8; 16];
        key[..bytes.len()].copy_from_slice(bytes);
        u128::from_le_bytes(key)
    })
}

/// Pages indexed per task: each task warms its own memo of raw words and pairs.
const PAGES_PER_TASK: usize = 1024;

/// Builds the index of `records`, taken in the given document order.
///
/// Tasks index runs of consecutive pages into partial indexes in parallel: flat lists of
/// (term, page, impact). Joining them in order then only distributes entries to posting
/// lists allocated at their final size, which come out sorted by page.
pub fn build_index(records: &[&SearchRecord]) -> Index {
    let shared = Mutex::new(Vocabulary::default());
    let parts: Vec<Part> = records
        .par_chunks(PAGES_PER_TASK)
        .enumerate()
        .map(|(n, chunk)| {
            let mut words = Words::new(&shared);
            let mut part = Part::default();
            for (i, record) in chunk.iter().enumerate() {
                part.add((n * PAGES_PER_TASK + i) as u32, record, &mut words);
            }
            part.finish()
        })
        .collect();
    let vocabulary = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    join(parts, vocabulary, records.len())
}

/// The index of a run of pages, by vocabulary id, in page order.
#[derive(Default)]
struct Part {
    syllables: Blocks<Entry>,
    pairs: Blocks<Entry>,
    /// (spelling id, page), once per page.
    exacts: Blocks<(u32, u32)>,
    /// The page being added: frequencies per folded id and per pair, and what it touched.
    folded_freq: Vec<Freq>,
    touched: Vec<u32>,
    pair_freq: HashMap<u64, Freq, Fx>,
    /// Per spelling id: 1 + the last page it was counted on.
    exact_last: Vec<u32>,
}

impl Part {
    /// Tokenizes every field of a record and adds its terms.
    fn add(&mut self, doc: u32, record: &SearchRecord, words: &mut Words) {
        let body = record.sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]);
        let fields = [(0, record.title.as_str()), (1, record.meta.as_str()), (2, record.summary.as_str())];
        for (field, text) in fields.into_iter().chain(body.map(|t| (3, t))) {
            let mut previous: Option<u32> = None;
            scan_words(text, |raw| words.ids(raw), |(exact, folded), joined| {
                self.count(doc, field, exact, folded);
                if let (Some(a), true) = (previous, joined) {
                    let count = &mut self.pair_freq.entry((u64::from(a) << 32) | u64::from(folded)).or_default()[field];
                    *count = count.saturating_add(1);
                }
                previous = Some(folded);
            });
        }
        for folded in self.touched.drain(..) {
            let freq = std::mem::take(&mut self.folded_freq[folded as usize]);
            self.syllables.push(Entry { term: folded, posting: Posting { doc, impact: impact(freq) } });
        }
        for (key, freq) in self.pair_freq.drain() {
            self.pairs.push(Entry { term: words.pair(key), posting: Posting { doc, impact: impact(freq) } });
        }
    }

    /// Counts one word of the page `doc`.
    fn count(&mut self, doc: u32, field: usize, exact: u32, folded: u32) {
        let e = exact as usize;
        if e >= self.exact_last.len() {
            self.exact_last.resize(e + 1, 0);
        }
        if self.exact_last[e] != doc + 1 {
            self.exact_last[e] = doc + 1;
            self.exacts.push((exact, doc));
        }
        let f = folded as usize;
        if f >= self.folded_freq.len() {
            self.folded_freq.resize(f + 1, [0; 4]);
        }
        if self.folded_freq[f] == [0; 4] {
            self.touched.push(folded);
        }
        self.folded_freq[f][field] = self.folded_freq[f][field].saturating_add(1);
    }

    /// Drops the per-page scratch tables, keeping what [`join`] needs.
    fn finish(self) -> Part {
        Part { syllables: self.syllables, pairs: self.pairs, exacts: self.exacts, ..Part::default() }
    }
}

/// Field weights plus 1–4 for body frequency (1, 2–3, 4–7, 8+).
pub fn impact(freq: Freq) -> u8 {
    let [title, meta, summary, body] = freq.map(|f| f > 0);
    let body_level = if body { 1 + (16 - freq[3].leading_zeros()).saturating_sub(1).min(3) as u8 } else { 0 };
    TITLE_WEIGHT * title as u8 + META_WEIGHT * meta as u8 + SUMMARY_WEIGHT * summary as u8 + body_level
}

/// Joins the partial indexes, in page order, into the index with terms sorted by key.
///
/// Entries are counted per term first, so that every posting list is allocated once at its
/// final size, and each part is dropped as soon as it is distributed.
fn join(parts: Vec<Part>, vocabulary: Vocabulary, docs: usize) -> Index {
    let mut syllable_lens = vec![0; vocabulary.folded.len()];
    let mut exact_lens = vec![0; vocabulary.exacts.len()];
    let mut pair_lens = vec![0; vocabulary.pairs.len()];
    for part in &parts {
        part.syllables.iter().for_each(|e| syllable_lens[e.term as usize] += 1);
        part.pairs.iter().for_each(|e| pair_lens[e.term as usize] += 1);
        part.exacts.iter().for_each(|&(exact, _)| exact_lens[exact as usize] += 1);
    }
    let (mut syllable_postings, mut pair_postings) = (sized(syllable_lens), sized(pair_lens));
    let mut exact_docs: Vec<Vec<u32>> = sized(exact_lens);
    for part in parts {
        part.syllables.iter().for_each(|e| syllable_postings[e.term as usize].push(e.posting));
        part.pairs.iter().for_each(|e| pair_postings[e.term as usize].push(e.posting));
        part.exacts.iter().for_each(|&(exact, doc)| exact_docs[exact as usize].push(doc));
    }
    let keys = &vocabulary.folded;
    let mut syllables: Vec<Term> = keys
        .iter()
        .zip(syllable_postings)
        .map(|(key, postings)| Term { key: key.clone(), postings, variants: Vec::new() })
        .collect();
    for ((exact, folded), docs) in vocabulary.exacts.into_iter().zip(exact_docs) {
        syllables[folded as usize].variants.push(Variant { exact, docs });
    }
    let mut pairs: Vec<Term> = vocabulary
        .pairs
        .into_par_iter()
        .zip(pair_postings)
        .map(|(key, postings)| {
            let key = format!("{} {}", keys[(key >> 32) as usize], keys[(key & 0xffff_ffff) as usize]);
            Term { key, postings, variants: Vec::new() }
        })
        .collect();
    syllables.par_iter_mut().for_each(|term| {
        // Most used spelling first: it is what a result shows when nothing was typed exactly.
        term.variants.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then_with(|| a.exact.cmp(&b.exact)));
    });
    syllables.par_sort_unstable_by(|a, b| utf16_order(&a.key, &b.key));
    pairs.par_sort_unstable_by(|a, b| utf16_order(&a.key, &b.key));
    Index { docs, syllables, pairs }
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
}

/// Empty lists with the given capacities.
fn sized<T>(lens: Vec<usize>) -> Vec<Vec<T>> {
    lens.into_iter().map(Vec::with_capacity).collect()
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
