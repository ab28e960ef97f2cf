//! Index files: terms packed into shards named by their content hash, a manifest keyed by
//! each shard's first term (listing the shards themselves on small sites, nodes of shards on
//! large ones), and the pages' JSON records, a few to a file. A query downloads the manifest
//! once (the search page preloads it), then only the shards (and nodes) of its terms and the
//! records of the results it shows.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Result;
use crate::output::{Generated, Output, Owner};

/// Who the index files belong to.
const INDEX: Owner = Owner::Generated(Generated::SearchIndex);

use super::codec::{encode_shard, encode_term};
use super::facets::Facets;
use super::index::{Grouped, Terms};
use super::record::SearchRecord;

/// Folder of the index files, below the site root.
pub const INDEX_DIR: &str = "/search-index/";
/// The root manifest, the one index file with a fixed name: pages link to it, so hashing its
/// name would change every page whenever any page changed. The script revalidates it;
/// everything it names is hashed.
pub const MANIFEST_PATH: &str = "/search-index/manifest.json";
/// Shards are filled up to about this many bytes; a larger term gets a shard of its own.
pub const SHARD_BYTES: usize = 2048;
/// Records per folder, to keep folders small on hosts that list them.
pub const RECORDS_PER_DIR: usize = 100;
/// Records per file on large sites, consecutive in index order: fewer files for hosts that cap
/// their number, at the price of the neighbours a result's file brings along (see the README).
pub const RECORDS_PER_FILE: usize = 4;
/// Sites of up to this many documents keep one record per file: they stay far below the
/// hosts' file caps, and a query downloads a third of the record bytes.
pub const ONE_RECORD_PER_FILE_UP_TO: usize = 5_000;

/// Records per file for a site of `docs` documents.
pub fn records_per_file(docs: usize) -> usize {
    if docs <= ONE_RECORD_PER_FILE_UP_TO {
        1
    } else {
        RECORDS_PER_FILE
    }
}
/// Up to this many shards in a namespace, the manifest lists them itself: one request less
/// per query, for a manifest that stays small (see the README's figures).
pub const FOLD_SHARDS: usize = 400;

/// The root manifest, the only file a page links to.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    /// Format version.
    pub v: u32,
    /// Number of documents.
    pub docs: usize,
    /// One content hash per group of `per_dir` records: group `g` lives in `r/<g>-<hash>/`,
    /// so an edit renames only its own group and cached groups stay valid.
    pub records: Vec<String>,
    /// Records per sub-folder.
    pub per_dir: usize,
    /// Records per file: record `i` of folder `g` is entry `i % per_file` of the JSON list
    /// `r/<g>-<hash>/<i / per_file>.json`.
    pub per_file: usize,
    /// Syllables: `[first key, file]`, the file a shard (`s/…`) or a node of shards (`n/…`).
    pub syllables: Vec<(String, String)>,
    /// Pair nodes.
    pub pairs: Vec<(String, String)>,
    /// Facet values and document runs.
    pub facets: &'a Facets,
    /// UI strings of the portal's language.
    pub strings: &'a BTreeMap<String, String>,
}

/// Content hash for file names: XXH3 (as for the build's own file hashes; FNV's multiply per
/// byte was slow over every shard and record), 12 hex digits (48 bits).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:012x}", crate::output::hash_bytes(bytes) >> 16)
}

/// The root entries of both namespaces, as [`write_terms`] returns them.
pub struct Roots {
    docs: usize,
    syllables: Vec<(String, String)>,
    pairs: Vec<(String, String)>,
}

/// Writes the shards and nodes of both namespaces, syllables first; their grouped postings
/// are dropped before the pairs are written.
pub fn write_terms(index: Grouped, output: &Output) -> Result<Roots> {
    let Grouped { docs, syllables, pairs } = index;
    let syllable_roots = write_namespace(&syllables, docs, true, output)?;
    drop(syllables);
    // Grouped only now, into the memory the syllables just gave back.
    let pairs = write_namespace(&pairs.group(), docs, false, output)?;
    Ok(Roots { docs, syllables: syllable_roots, pairs })
}

/// Writes the manifest, naming the record folders `records` and the nodes of `roots`.
pub fn write_manifest(
    roots: Roots,
    records: Vec<String>,
    facets: &Facets,
    strings: &BTreeMap<String, String>,
    output: &Output,
) -> Result<()> {
    let Roots { docs, syllables, pairs } = roots;
    let per_dir = RECORDS_PER_DIR;
    let per_file = records_per_file(docs);
    let manifest = Manifest { v: 2, docs, records, per_dir, per_file, syllables, pairs, facets, strings };
    let bytes = serde_json::to_vec(&manifest).expect("manifest serializes");
    output.write(MANIFEST_PATH, &bytes, INDEX)
}

/// Terms encoded at a time: enough to keep every core busy, few enough that the encoded
/// terms of a large site are never all held.
const TERMS_PER_ROUND: usize = 8192;

/// Packs one namespace's terms into shards and nodes; returns the root entries. Terms are
/// laid out, encoded and dropped a round at a time, and every shard that is complete is
/// written before the next round: only the last shard of a round can still grow, so its
/// terms wait for the next one (the shards are the same as packing all terms at once).
fn write_namespace(
    terms: &impl Terms,
    docs: usize,
    with_variants: bool,
    output: &Output,
) -> Result<Vec<(String, String)>> {
    write_in_rounds(terms, docs, with_variants, TERMS_PER_ROUND, output)
}

/// [`write_namespace`] with `round` terms encoded at a time.
fn write_in_rounds(
    terms: &impl Terms,
    docs: usize,
    with_variants: bool,
    round: usize,
    output: &Output,
) -> Result<Vec<(String, String)>> {
    let mut pending: Vec<Encoded> = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut start = 0;
    while start < terms.len() {
        let end = (start + round).min(terms.len());
        pending.par_extend((start..end).into_par_iter().map(|n| {
            let term = terms.term(n);
            Encoded { body: encode_term(&term, docs, with_variants), df: term.postings.len(), key: term.key }
        }));
        let mut shards = pack(&pending);
        let growing = if end < terms.len() { shards.pop() } else { None };
        let written: Vec<(String, String)> =
            shards.par_iter().map(|range| write_shard(&pending[range.clone()], output)).collect::<Result<_>>()?;
        files.extend(written);
        pending.drain(..growing.map_or(pending.len(), |range| range.start));
        start = end;
    }
    write_nodes(files, output)
}

/// Writes one shard of consecutive terms; returns its first key and its file name.
fn write_shard(terms: &[Encoded], output: &Output) -> Result<(String, String)> {
    let entries: Vec<(&str, &[u8], usize)> = terms.iter().map(|e| (e.key.as_str(), e.body.as_slice(), e.df)).collect();
    let bytes = encode_shard(&entries);
    let name = format!("s/{}.bin", content_hash(&bytes));
    output.write(&format!("{INDEX_DIR}{name}"), &bytes, INDEX)?;
    Ok((terms[0].key.clone(), name))
}

/// A term in its binary form, with its key and page count.
struct Encoded {
    key: String,
    body: Vec<u8>,
    df: usize,
}

/// Consecutive terms grouped into shards of about [`SHARD_BYTES`].
fn pack(terms: &[Encoded]) -> Vec<std::ops::Range<usize>> {
    let mut shards = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, term) in terms.iter().enumerate() {
        let entry = term.key.len() + term.body.len() + 6;
        if i > start && size + entry > SHARD_BYTES {
            shards.push(start..i);
            (start, size) = (i, 0);
        }
        size += entry;
    }
    if start < terms.len() {
        shards.push(start..terms.len());
    }
    shards
}

/// Groups shards under nodes of about √n entries each, so both levels stay small; up to
/// [`FOLD_SHARDS`] shards are the root themselves.
fn write_nodes(mut shards: Vec<(String, String)>, output: &Output) -> Result<Vec<(String, String)>> {
    if let Some(first) = shards.first_mut() {
        // The first shard also covers every key that sorts before its first term.
        first.0.clear();
    }
    if shards.len() <= FOLD_SHARDS {
        return Ok(shards);
    }
    let fanout = ((shards.len() as f64).sqrt().ceil() as usize).max(16);
    let mut root = Vec::new();
    for group in shards.chunks(fanout) {
        let bytes = serde_json::to_vec(group).expect("node serializes");
        let name = format!("n/{}.json", content_hash(&bytes));
        output.write(&format!("{INDEX_DIR}{name}"), &bytes, INDEX)?;
        root.push((group[0].0.clone(), name));
    }
    Ok(root)
}

/// Writes the documents' JSON records, [`records_per_file`] to a file (a JSON list) and
/// [`RECORDS_PER_DIR`] to a folder named by the hash of its records; returns those hashes.
/// Folders are serialized and written one at a time per thread, so the records' JSON is never
/// all in memory.
pub fn write_records(records: &[&SearchRecord], output: &Output) -> Result<Vec<String>> {
    let per_file = records_per_file(records.len());
    records
        .par_chunks(RECORDS_PER_DIR)
        .enumerate()
        .map(|(group, chunk)| {
            let files: Vec<Vec<u8>> = chunk.chunks(per_file).map(|c| records_file(c, per_file)).collect();
            let hashes: String = files.iter().map(|b| content_hash(b)).collect();
            let hash = content_hash(hashes.as_bytes());
            for (i, bytes) in files.iter().enumerate() {
                output.write(&format!("{INDEX_DIR}{}", record_file(group, &hash, i)), bytes, INDEX)?;
            }
            Ok(hash)
        })
        .collect()
}

/// One records file: the records as a JSON list, each with the text a file of `per_file`
/// records keeps.
fn records_file(records: &[&SearchRecord], per_file: usize) -> Vec<u8> {
    let text_chars = super::record::stored_text_chars(per_file);
    let mut json = Vec::with_capacity(4096 * records.len());
    json.push(b'[');
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        record.write_stored(&mut json, text_chars);
    }
    json.push(b']');
    json
}

/// A record's file below the index folder and its place in that file's list, on a site of
/// `docs` documents: `r/31-<hash>/5.json` and place 3 for document 3123 of 10,000.
pub fn record_path(doc: usize, docs: usize, groups: &[String]) -> (String, usize) {
    let group = doc / RECORDS_PER_DIR;
    let within = doc % RECORDS_PER_DIR;
    let per_file = records_per_file(docs);
    (record_file(group, &groups[group], within / per_file), within % per_file)
}

fn record_file(group: usize, hash: &str, file: usize) -> String {
    format!("r/{group}-{hash}/{file}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::record::{SHARED_FILE_TEXT_CHARS, STORED_TEXT_CHARS};

    #[test]
    fn packs_small_terms_together_and_big_terms_alone() {
        let term = |key: &str, size: usize| Encoded { key: key.into(), body: vec![0; size], df: 1 };
        let terms = [term("a", 100), term("b", 5000), term("c", 100), term("d", 100)];
        assert_eq!(pack(&terms), [0..1, 1..2, 2..4]);
    }

    #[test]
    fn shards_written_round_by_round_are_those_of_all_terms_at_once() {
        use crate::search::index::{group_index, tests::page};
        // 240 made-up syllables in scrambled order: thousands of distinct pairs, many shards.
        let consonant = ["b", "c", "d", "h", "l", "m", "n", "t", "th", "tr"];
        let word = |k: usize| {
            format!(
                "{}{}{} ",
                consonant[k % 10],
                ["a", "ô", "ươ", "iê", "ê", "u"][k / 10 % 6],
                ["", "n", "m", "c"][k / 60]
            )
        };
        let text = |n: usize| (0..40).map(|i| word((n * 31 + i * i * 17 + i * 7) % 240)).collect::<String>();
        let records: Vec<_> = (0..200).map(|n| page(&format!("Bài {n}"), &text(n))).collect();
        let grouped = group_index(&records.iter().collect::<Vec<_>>());
        let (grouped_syllables, grouped_pairs) = (grouped.syllables, grouped.pairs.group());
        let written = |round: usize| {
            let output = Output::memory();
            let syllables = write_in_rounds(&grouped_syllables, 200, true, round, &output).expect("written");
            let pairs = write_in_rounds(&grouped_pairs, 200, false, round, &output).expect("written");
            (syllables, pairs, output.into_files().expect("memory output"))
        };
        let all_at_once = written(usize::MAX);
        assert!(all_at_once.2.len() > 10, "the test needs many shards, not {}", all_at_once.2.len());
        for round in [1, 3, 64] {
            assert_eq!(written(round), all_at_once, "{round} terms a round");
        }
    }

    #[test]
    fn records_sharing_a_file_keep_less_text() {
        use crate::search::index::tests::page;
        let record = page("Bài dài", &"học tập suốt đời ".repeat(400));
        let text_of = |per_file: usize| {
            let file: serde_json::Value = serde_json::from_slice(&records_file(&[&record], per_file)).expect("JSON");
            file[0]["h"][0][2].as_str().expect("text").chars().count()
        };
        let (alone, shared) = (text_of(1), text_of(RECORDS_PER_FILE));
        assert!(alone <= STORED_TEXT_CHARS + 2 && alone > STORED_TEXT_CHARS - 20, "{alone}");
        assert!(shared <= SHARED_FILE_TEXT_CHARS + 2 && shared > SHARED_FILE_TEXT_CHARS - 20, "{shared}");
    }

    #[test]
    fn the_manifest_lives_in_the_index_folder() {
        assert!(MANIFEST_PATH.starts_with(INDEX_DIR));
    }

    #[test]
    fn content_hashes_name_files() {
        assert_eq!(content_hash(b"a").len(), 12);
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        let groups: Vec<String> = (0..40).map(|g| format!("h{g}")).collect();
        assert_eq!(record_path(3123, 10_000, &groups), ("r/31-h31/5.json".to_string(), 3));
        assert_eq!(record_path(3123, 4_000, &groups), ("r/31-h31/23.json".to_string(), 0));
    }
}
