//! The in-memory index: folded syllables and adjacent syllable pairs, each with the pages it
//! occurs in and an impact (field weights and frequency) per page. Syllables also keep their
//! exact spellings (`bản`, `bán`, `ban` under `ban`) so typed diacritics can rank exact
//! matches first.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::normalize::tokenize;
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

/// The words of one page, with local ids, before merging into the index.
#[derive(Default)]
struct DocTerms {
    /// Distinct exact spellings, their local folded id and frequencies.
    exacts: Vec<(String, u32, Freq)>,
    /// Distinct folded keys.
    folded: Vec<String>,
    /// Distinct adjacent pairs of local folded ids.
    pairs: Vec<((u32, u32), Freq)>,
}

/// Builds the index of `records`, taken in the given document order.
pub fn build_index(records: &[&SearchRecord]) -> Index {
    let per_doc: Vec<DocTerms> = records.par_iter().map(|r| doc_terms(r)).collect();
    let mut merger = Merger::default();
    for (doc, terms) in per_doc.into_iter().enumerate() {
        merger.add(doc as u32, terms);
    }
    merger.finish(records.len())
}

/// Tokenizes every field of a record and counts its terms.
fn doc_terms(record: &SearchRecord) -> DocTerms {
    let mut terms = DocTerms::default();
    let mut exact_ids: HashMap<String, usize, Fx> = HashMap::default();
    let mut folded_ids: HashMap<String, u32, Fx> = HashMap::default();
    let mut pair_ids: HashMap<(u32, u32), usize, Fx> = HashMap::default();
    let body = record.sections.iter().flat_map(|s| [s.heading.as_str(), s.text.as_str()]);
    let fields = [(0, record.title.as_str())].into_iter().chain([(1, record.meta.as_str()), (2, record.summary.as_str())]);
    for (field, text) in fields.chain(body.map(|t| (3, t))) {
        let mut previous: Option<u32> = None;
        for token in tokenize(text) {
            let next_id = folded_ids.len() as u32;
            let folded = *folded_ids.entry(token.folded.clone()).or_insert_with(|| {
                terms.folded.push(token.folded.clone());
                next_id
            });
            let slot = *exact_ids.entry(token.exact.clone()).or_insert_with(|| {
                terms.exacts.push((token.exact, folded, [0; 4]));
                terms.exacts.len() - 1
            });
            terms.exacts[slot].2[field] += 1;
            if let (Some(a), true) = (previous, token.joined) {
                let slot = *pair_ids.entry((a, folded)).or_insert_with(|| {
                    terms.pairs.push(((a, folded), [0; 4]));
                    terms.pairs.len() - 1
                });
                terms.pairs[slot].1[field] += 1;
            }
            previous = Some(folded);
        }
    }
    terms
}

/// Field weights plus 1–4 for body frequency (1, 2–3, 4–7, 8+).
pub fn impact(freq: Freq) -> u8 {
    let [title, meta, summary, body] = freq.map(|f| f > 0);
    let body_level = if body { 1 + (16 - freq[3].leading_zeros()).saturating_sub(1).min(3) as u8 } else { 0 };
    TITLE_WEIGHT * title as u8 + META_WEIGHT * meta as u8 + SUMMARY_WEIGHT * summary as u8 + body_level
}

/// Collects every page's terms under global ids.
#[derive(Default)]
struct Merger {
    exact_ids: HashMap<String, u32, Fx>,
    folded_ids: HashMap<String, u32, Fx>,
    pair_ids: HashMap<u64, u32, Fx>,
    syllables: Vec<Term>,
    exact_docs: Vec<(String, u32, Vec<u32>)>,
    pairs: Vec<(u64, Vec<Posting>)>,
}

impl Merger {
    fn add(&mut self, doc: u32, terms: DocTerms) {
        let global: Vec<u32> = terms.folded.into_iter().map(|f| self.folded_id(f)).collect();
        let mut freq: Vec<Freq> = vec![[0; 4]; global.len()];
        for (exact, local, f) in terms.exacts {
            let folded = global[local as usize];
            let (next, exact_docs) = (self.exact_docs.len() as u32, &mut self.exact_docs);
            let id = *self.exact_ids.entry(exact).or_insert_with_key(|key| {
                exact_docs.push((key.clone(), folded, Vec::new()));
                next
            });
            self.exact_docs[id as usize].2.push(doc);
            let sum = &mut freq[local as usize];
            for i in 0..4 {
                sum[i] += f[i];
            }
        }
        for (local, f) in freq.into_iter().enumerate() {
            self.syllables[global[local] as usize].postings.push(Posting { doc, impact: impact(f) });
        }
        for ((a, b), f) in terms.pairs {
            let key = (u64::from(global[a as usize]) << 32) | u64::from(global[b as usize]);
            let next = self.pairs.len() as u32;
            let id = *self.pair_ids.entry(key).or_insert(next);
            if id == next {
                self.pairs.push((key, Vec::new()));
            }
            self.pairs[id as usize].1.push(Posting { doc, impact: impact(f) });
        }
    }

    fn folded_id(&mut self, folded: String) -> u32 {
        let (next, syllables) = (self.syllables.len() as u32, &mut self.syllables);
        *self.folded_ids.entry(folded).or_insert_with_key(|key| {
            syllables.push(Term { key: key.clone(), postings: Vec::new(), variants: Vec::new() });
            next
        })
    }

    fn finish(mut self, docs: usize) -> Index {
        for (exact, folded, docs) in self.exact_docs {
            self.syllables[folded as usize].variants.push(Variant { exact, docs });
        }
        let keys: Vec<String> = self.syllables.iter().map(|t| t.key.clone()).collect();
        let mut pairs: Vec<Term> = self
            .pairs
            .into_par_iter()
            .map(|(key, postings)| {
                let key = format!("{} {}", keys[(key >> 32) as usize], keys[(key & 0xffff_ffff) as usize]);
                Term { key, postings, variants: Vec::new() }
            })
            .collect();
        let mut syllables = self.syllables;
        for term in &mut syllables {
            // Most used spelling first: it is what a result shows when nothing was typed exactly.
            term.variants.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then_with(|| a.exact.cmp(&b.exact)));
        }
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
