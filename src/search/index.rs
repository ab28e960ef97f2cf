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

/// Every distinct spelling, folded key and raw word of a build, numbered in order of first
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
}

/// One task's view of the shared vocabulary: a private memo of raw words, so the shared one
/// is locked only for words this task has not met yet.
struct Words<'v> {
    shared: &'v Mutex<Vocabulary>,
    known: HashMap<String, Option<(u32, u32)>, Fx>,
}

impl Words<'_> {
    fn ids(&mut self, raw: &str) -> Option<(u32, u32)> {
        if let Some(&ids) = self.known.get(raw) {
            return ids;
        }
        let ids = self.shared.lock().unwrap_or_else(|e| e.into_inner()).ids(raw);
        self.known.insert(raw.to_string(), ids);
        ids
    }
}

/// Pages indexed per task: each task warms its own memo of raw words.
const PAGES_PER_TASK: usize = 256;

/// Builds the index of `records`, taken in the given document order.
///
/// Tasks index runs of consecutive pages into partial indexes in parallel; joining them in
/// order then only appends posting lists, which come out sorted by page.
pub fn build_index(records: &[&SearchRecord]) -> Index {
    let shared = Mutex::new(Vocabulary::default());
    let parts: Vec<Part> = records
        .par_chunks(PAGES_PER_TASK)
        .enumerate()
        .map(|(n, chunk)| {
            let mut words = Words { shared: &shared, known: HashMap::default() };
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

/// The index of a run of pages, by vocabulary id.
#[derive(Default)]
struct Part {
    /// Postings of each folded syllable met, with its slot per folded id (1 + index, or 0).
    syllables: Vec<(u32, Vec<Posting>)>,
    syllable_slot: Vec<u32>,
    /// Pages of each spelling met, with its slot per spelling id.
    exacts: Vec<(u32, Vec<u32>)>,
    exact_slot: Vec<u32>,
    pairs: HashMap<u64, Vec<Posting>, Fx>,
    /// The page being added: frequencies per folded id and per pair, and what it touched.
    folded_freq: Vec<Freq>,
    touched: Vec<u32>,
    pair_freq: HashMap<u64, Freq, Fx>,
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
            let slot = slot(&mut self.syllable_slot, &mut self.syllables, folded);
            self.syllables[slot].1.push(Posting { doc, impact: impact(freq) });
        }
        for (key, freq) in self.pair_freq.drain() {
            self.pairs.entry(key).or_default().push(Posting { doc, impact: impact(freq) });
        }
    }

    /// Counts one word of the page `doc`.
    fn count(&mut self, doc: u32, field: usize, exact: u32, folded: u32) {
        let slot = slot(&mut self.exact_slot, &mut self.exacts, exact);
        let docs = &mut self.exacts[slot].1;
        if docs.last() != Some(&doc) {
            docs.push(doc);
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

    /// Drops the per-id lookup tables, keeping what [`join`] needs.
    fn finish(self) -> Part {
        Part { syllables: self.syllables, exacts: self.exacts, pairs: self.pairs, ..Part::default() }
    }
}

/// The slot of `id` in `items`, added (empty) on first sight.
fn slot<T: Default>(slots: &mut Vec<u32>, items: &mut Vec<(u32, T)>, id: u32) -> usize {
    let i = id as usize;
    if i >= slots.len() {
        slots.resize(i + 1, 0);
    }
    if slots[i] == 0 {
        items.push((id, T::default()));
        slots[i] = items.len() as u32;
    }
    slots[i] as usize - 1
}

/// Field weights plus 1–4 for body frequency (1, 2–3, 4–7, 8+).
pub fn impact(freq: Freq) -> u8 {
    let [title, meta, summary, body] = freq.map(|f| f > 0);
    let body_level = if body { 1 + (16 - freq[3].leading_zeros()).saturating_sub(1).min(3) as u8 } else { 0 };
    TITLE_WEIGHT * title as u8 + META_WEIGHT * meta as u8 + SUMMARY_WEIGHT * summary as u8 + body_level
}

/// Joins the partial indexes, in page order, into the index with terms sorted by key.
///
/// Lengths are counted first so that every posting list is allocated once at its final size,
/// and each part is dropped as soon as it is copied: the peak is the index plus one part, not
/// the index twice over with growth slack.
fn join(parts: Vec<Part>, vocabulary: Vocabulary, docs: usize) -> Index {
    let keys = &vocabulary.folded;
    let mut syllable_lens = vec![0; keys.len()];
    let mut exact_lens = vec![0; vocabulary.exacts.len()];
    let mut pair_ids: HashMap<u64, usize, Fx> = HashMap::default();
    let mut pair_lens: Vec<(u64, usize)> = Vec::new();
    for part in &parts {
        for (id, postings) in &part.syllables {
            syllable_lens[*id as usize] += postings.len();
        }
        for (id, pages) in &part.exacts {
            exact_lens[*id as usize] += pages.len();
        }
        for (&key, postings) in &part.pairs {
            let slot = *pair_ids.entry(key).or_insert_with(|| {
                pair_lens.push((key, 0));
                pair_lens.len() - 1
            });
            pair_lens[slot].1 += postings.len();
        }
    }
    let mut syllables: Vec<Term> = keys
        .iter()
        .zip(syllable_lens)
        .map(|(key, n)| Term { key: key.clone(), postings: Vec::with_capacity(n), variants: Vec::new() })
        .collect();
    let mut exact_docs: Vec<Vec<u32>> = exact_lens.into_iter().map(Vec::with_capacity).collect();
    let mut pairs: Vec<(u64, Vec<Posting>)> = pair_lens.into_iter().map(|(key, n)| (key, Vec::with_capacity(n))).collect();
    for part in parts {
        for (id, postings) in part.syllables {
            syllables[id as usize].postings.extend(postings);
        }
        for (id, pages) in part.exacts {
            exact_docs[id as usize].extend(pages);
        }
        for (key, postings) in part.pairs {
            pairs[pair_ids[&key]].1.extend(postings);
        }
    }
    for ((exact, folded), docs) in vocabulary.exacts.into_iter().zip(exact_docs) {
        syllables[folded as usize].variants.push(Variant { exact, docs });
    }
    let mut pairs: Vec<Term> = pairs
        .into_par_iter()
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

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
pub(crate) mod tests;
