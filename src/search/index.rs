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

/// One page's occurrence of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The terms of one page by id, each with its frequency per field.
#[derive(Default)]
struct DocTerms {
    /// Distinct spellings.
    exacts: Vec<(u32, Freq)>,
    /// Distinct adjacent pairs of folded ids, `a << 32 | b`.
    pairs: Vec<(u64, Freq)>,
}

/// Reusable per-task state for counting one page's terms without hashing strings.
#[derive(Default)]
struct Counter {
    /// Per spelling id: 1 + its slot in the page's `exacts`, or 0.
    slot_of_exact: Vec<u32>,
    slot_of_pair: HashMap<u64, u32, Fx>,
}

/// Pages counted per task: each task warms its own memo of raw words.
const PAGES_PER_TASK: usize = 256;

/// Builds the index of `records`, taken in the given document order.
pub fn build_index(records: &[&SearchRecord]) -> Index {
    let shared = Mutex::new(Vocabulary::default());
    let per_doc: Vec<DocTerms> = records
        .par_chunks(PAGES_PER_TASK)
        .flat_map_iter(|chunk| {
            let mut words = Words { shared: &shared, known: HashMap::default() };
            let mut counter = Counter::default();
            chunk.iter().map(|r| doc_terms(r, &mut words, &mut counter)).collect::<Vec<_>>()
        })
        .collect();
    let vocabulary = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut merger = Merger::new(&vocabulary);
    for (doc, terms) in per_doc.into_iter().enumerate() {
        merger.add(doc as u32, terms);
    }
    merger.finish(vocabulary, records.len())
}

/// Tokenizes every field of a record and counts its terms.
fn doc_terms(record: &SearchRecord, words: &mut Words, counter: &mut Counter) -> DocTerms {
    let mut terms = DocTerms::default();
    let body = record.sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]);
    let fields = [(0, record.title.as_str())].into_iter().chain([(1, record.meta.as_str()), (2, record.summary.as_str())]);
    for (field, text) in fields.chain(body.map(|t| (3, t))) {
        let mut previous: Option<u32> = None;
        scan_words(
            text,
            |raw| words.ids(raw),
            |(exact, folded), joined| {
                let e = exact as usize;
                if e >= counter.slot_of_exact.len() {
                    counter.slot_of_exact.resize(e + 1, 0);
                }
                if counter.slot_of_exact[e] == 0 {
                    terms.exacts.push((exact, [0; 4]));
                    counter.slot_of_exact[e] = terms.exacts.len() as u32;
                }
                let count = &mut terms.exacts[counter.slot_of_exact[e] as usize - 1].1[field];
                *count = count.saturating_add(1);
                if let (Some(a), true) = (previous, joined) {
                    let key = (u64::from(a) << 32) | u64::from(folded);
                    let slot = *counter.slot_of_pair.entry(key).or_insert_with(|| {
                        terms.pairs.push((key, [0; 4]));
                        terms.pairs.len() as u32 - 1
                    });
                    let count = &mut terms.pairs[slot as usize].1[field];
                    *count = count.saturating_add(1);
                }
                previous = Some(folded);
            },
        );
    }
    for &(exact, _) in &terms.exacts {
        counter.slot_of_exact[exact as usize] = 0;
    }
    counter.slot_of_pair.clear();
    terms
}

/// Field weights plus 1–4 for body frequency (1, 2–3, 4–7, 8+).
pub fn impact(freq: Freq) -> u8 {
    let [title, meta, summary, body] = freq.map(|f| f > 0);
    let body_level = if body { 1 + (16 - freq[3].leading_zeros()).saturating_sub(1).min(3) as u8 } else { 0 };
    TITLE_WEIGHT * title as u8 + META_WEIGHT * meta as u8 + SUMMARY_WEIGHT * summary as u8 + body_level
}

/// Collects every page's terms, page by page in document order, so postings come out sorted.
struct Merger {
    /// Folded id of each spelling id.
    folded_of: Vec<u32>,
    /// Pages of each spelling.
    exact_docs: Vec<Vec<u32>>,
    /// Postings of each folded syllable.
    syllables: Vec<Vec<Posting>>,
    /// Frequencies of the page being added, per folded id, and the ids it touched.
    folded_freq: Vec<Freq>,
    touched: Vec<u32>,
    pair_ids: HashMap<u64, u32, Fx>,
    pairs: Vec<(u64, Vec<Posting>)>,
}

impl Merger {
    fn new(vocabulary: &Vocabulary) -> Merger {
        let folded = vocabulary.folded.len();
        Merger {
            folded_of: vocabulary.exacts.iter().map(|&(_, f)| f).collect(),
            exact_docs: vec![Vec::new(); vocabulary.exacts.len()],
            syllables: vec![Vec::new(); folded],
            folded_freq: vec![[0; 4]; folded],
            touched: Vec::new(),
            pair_ids: HashMap::default(),
            pairs: Vec::new(),
        }
    }

    fn add(&mut self, doc: u32, terms: DocTerms) {
        for (exact, f) in terms.exacts {
            self.exact_docs[exact as usize].push(doc);
            let folded = self.folded_of[exact as usize];
            let sum = &mut self.folded_freq[folded as usize];
            if *sum == [0; 4] {
                self.touched.push(folded);
            }
            for i in 0..4 {
                sum[i] = sum[i].saturating_add(f[i]);
            }
        }
        for folded in self.touched.drain(..) {
            let sum = std::mem::take(&mut self.folded_freq[folded as usize]);
            self.syllables[folded as usize].push(Posting { doc, impact: impact(sum) });
        }
        for (key, f) in terms.pairs {
            let next = self.pairs.len() as u32;
            let id = *self.pair_ids.entry(key).or_insert(next);
            if id == next {
                self.pairs.push((key, Vec::new()));
            }
            self.pairs[id as usize].1.push(Posting { doc, impact: impact(f) });
        }
    }

    fn finish(self, vocabulary: Vocabulary, docs: usize) -> Index {
        let keys = &vocabulary.folded;
        let mut syllables: Vec<Term> = keys
            .iter()
            .zip(self.syllables)
            .map(|(key, postings)| Term { key: key.clone(), postings, variants: Vec::new() })
            .collect();
        for ((exact, folded), docs) in vocabulary.exacts.into_iter().zip(self.exact_docs) {
            syllables[folded as usize].variants.push(Variant { exact, docs });
        }
        let mut pairs: Vec<Term> = self
            .pairs
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
