//! The binary form of terms inside shard files, and its decoder (the browser script has the
//! same decoder; the Rust one serves round-trip tests and the benchmark's fetch simulation).
//!
//! Integers are LEB128 varints. A shard is a run of terms:
//! `key` (bytes shared with the previous key, suffix length, suffix UTF-8), `df`,
//! body length, body. A body is `n_top`, then `n_top` × (doc delta, impact byte): pages with
//! their own impact. When `df > n_top` a floor impact byte and the full page set follow: the
//! pages not listed have the floor impact. A term of more than [`TOP`] pages lists its
//! highest-impact ones, and its floor is the median impact of the others; a smaller term
//! either lists every page, or (when shorter) only those off its most common impact, which is
//! then the floor. Syllables then list their spellings: count, each spelling's UTF-8, and
//! when there are several, one page set per spelling.
//!
//! A page set is `0` + count + ascending deltas, `1` + first byte + byte count + bitmap
//! bytes, or `2` + count + deltas of the pages *not* in it — whichever is shortest.

use super::index::{Posting, Term};

/// Pages per term listed with their own impact; the rest share the floor impact.
pub const TOP: usize = 100;

/// Appends a varint.
pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Encodes a whole shard: its terms, in key order.
pub fn encode_shard(terms: &[(&str, &[u8], usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut previous: &[u8] = &[];
    for &(key, body, df) in terms {
        let key = key.as_bytes();
        let shared = previous.iter().zip(key).take_while(|(a, b)| a == b).count();
        put_varint(&mut out, shared as u64);
        put_varint(&mut out, (key.len() - shared) as u64);
        out.extend_from_slice(&key[shared..]);
        put_varint(&mut out, df as u64);
        put_varint(&mut out, body.len() as u64);
        out.extend_from_slice(body);
        previous = key;
    }
    out
}

/// Encodes one term's body; `docs` is the number of documents of the site.
pub fn encode_term(term: &Term, docs: usize, with_variants: bool) -> Vec<u8> {
    let mut out = Vec::new();
    put_impacts(&mut out, &term.postings, docs);
    if with_variants {
        put_varint(&mut out, term.variants.len() as u64);
        for v in &term.variants {
            put_varint(&mut out, v.exact.len() as u64);
            out.extend_from_slice(v.exact.as_bytes());
        }
        if term.variants.len() > 1 {
            for v in &term.variants {
                put_set(&mut out, &v.docs, docs);
            }
        }
    }
    out
}

/// Appends a term's pages and impacts: the pages listed with their own impact, then, when
/// some are not listed, the floor impact they share and the set of every page.
fn put_impacts(out: &mut Vec<u8>, postings: &[Posting], docs: usize) {
    let all_docs = || postings.iter().map(|p| p.doc).collect::<Vec<u32>>();
    if postings.len() > TOP {
        let (top, floor) = split_top(postings);
        // A page listed at the floor impact would say nothing the floor does not.
        let off: Vec<Posting> = top.into_iter().filter(|p| p.impact != floor).collect();
        put_listed(out, &off);
        out.push(floor);
        put_set(out, &all_docs(), docs);
        return;
    }
    // Most pages of a small term share one impact (a pair met once in the body): the set and
    // the few pages off that impact are shorter than an impact byte per page.
    let mode = most_common_impact(postings);
    let off: Vec<Posting> = postings.iter().filter(|p| p.impact != mode).copied().collect();
    let mut with_floor = Vec::new();
    put_listed(&mut with_floor, &off);
    with_floor.push(mode);
    put_set(&mut with_floor, &all_docs(), docs);
    let listed_len = varint_len(postings.len() as u64) + gaps_of(postings).map(|g| varint_len(g) + 1).sum::<usize>();
    if with_floor.len() < listed_len {
        out.extend_from_slice(&with_floor);
    } else {
        put_listed(out, postings);
    }
}

/// Appends a count and each posting as (page gap, impact byte).
fn put_listed(out: &mut Vec<u8>, postings: &[Posting]) {
    put_varint(out, postings.len() as u64);
    for (gap, p) in gaps_of(postings).zip(postings) {
        put_varint(out, gap);
        out.push(p.impact);
    }
}

/// The gaps between the pages of ascending postings, the first from page 0.
fn gaps_of(postings: &[Posting]) -> impl Iterator<Item = u64> + '_ {
    postings.iter().scan(0u32, |last, p| Some(u64::from(p.doc - std::mem::replace(last, p.doc))))
}

/// The impact most postings have (the lowest on a tie).
fn most_common_impact(postings: &[Posting]) -> u8 {
    let mut counts = [0usize; 256];
    postings.iter().for_each(|p| counts[p.impact as usize] += 1);
    (0..=255u8).rev().max_by_key(|&i| counts[i as usize]).unwrap_or(0)
}

/// The [`TOP`] highest-impact postings in document order (on equal impact, the first pages),
/// and the median impact of the rest in that ranking.
///
/// Impacts are bytes, so a histogram finds both in two passes, with no copy or sort: pair
/// terms of a large site have tens of thousands of postings.
fn split_top(postings: &[Posting]) -> (Vec<Posting>, u8) {
    if postings.len() <= TOP {
        return (postings.to_vec(), 0);
    }
    let mut counts = [0usize; 256];
    postings.iter().for_each(|p| counts[p.impact as usize] += 1);
    // The lowest impact in the top: every page above it is in, then the first pages at it.
    let (mut cut, mut above) = (255, 0);
    while above + counts[cut] < TOP {
        above += counts[cut];
        cut -= 1;
    }
    let mut at_cut = TOP - above;
    let top: Vec<Posting> = postings
        .iter()
        .filter(|p| {
            p.impact > cut as u8
                || (p.impact == cut as u8 && at_cut > 0 && {
                    at_cut -= 1;
                    true
                })
        })
        .copied()
        .collect();
    // The rest, ranked the same way: what is left at the cut, then lower impacts.
    let middle = (postings.len() - TOP) / 2;
    let mut seen = above + counts[cut] - TOP;
    let mut floor = cut;
    while seen <= middle {
        floor -= 1;
        seen += counts[floor];
    }
    (top, floor as u8)
}

/// Appends the shortest encoding of an ascending page set (on a tie: list, complement,
/// bitmap). Lengths are worked out first, so only the chosen encoding is built; the
/// complement is built only when it could win (a site-sized pass per term otherwise).
fn put_set(out: &mut Vec<u8>, set: &[u32], docs: usize) {
    let list = deltas_len(set);
    let bitmap = bitmap_len(set);
    let missing = docs - set.len();
    // Each missing page costs at least one byte.
    let complement =
        if 1 + varint_len(missing as u64) + missing <= list.min(bitmap) { Some(complement(set, docs)) } else { None };
    let complement_len = complement.as_deref().map_or(usize::MAX, deltas_len);
    match complement {
        _ if list <= complement_len && list <= bitmap => put_deltas(out, 0, set),
        Some(missing) if complement_len <= bitmap => put_deltas(out, 2, &missing),
        _ => put_bitmap(out, set),
    }
}

/// Bytes of a varint.
fn varint_len(n: u64) -> usize {
    (64 - n.max(1).leading_zeros() as usize).div_ceil(7)
}

/// The gaps between ascending pages: the first page, then each difference.
fn gaps(set: &[u32]) -> impl Iterator<Item = u32> + '_ {
    set.iter().scan(0, |last, &doc| Some(doc - std::mem::replace(last, doc)))
}

/// Bytes of [`put_deltas`]'s encoding of `set`.
fn deltas_len(set: &[u32]) -> usize {
    1 + varint_len(set.len() as u64) + gaps(set).map(|g| varint_len(u64::from(g))).sum::<usize>()
}

fn put_deltas(out: &mut Vec<u8>, tag: u8, set: &[u32]) {
    out.push(tag);
    put_varint(out, set.len() as u64);
    for gap in gaps(set) {
        put_varint(out, u64::from(gap));
    }
}

/// The pages of `0..docs` not in `set`.
fn complement(set: &[u32], docs: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(docs - set.len());
    let mut next = 0;
    for &doc in set.iter().chain(std::iter::once(&(docs as u32))) {
        out.extend(next..doc);
        next = doc + 1;
    }
    out
}

/// Bytes of [`put_bitmap`]'s encoding of `set`.
fn bitmap_len(set: &[u32]) -> usize {
    match (set.first(), set.last()) {
        (Some(first), Some(last)) => {
            let (first_byte, bytes) = (first / 8, last / 8 - first / 8 + 1);
            1 + varint_len(u64::from(first_byte)) + varint_len(u64::from(bytes)) + bytes as usize
        }
        _ => 3,
    }
}

fn put_bitmap(out: &mut Vec<u8>, set: &[u32]) {
    out.push(1);
    let (Some(first), Some(last)) = (set.first(), set.last()) else {
        put_varint(out, 0);
        put_varint(out, 0);
        return;
    };
    let (first_byte, last_byte) = (first / 8, last / 8);
    put_varint(out, u64::from(first_byte));
    put_varint(out, u64::from(last_byte - first_byte + 1));
    let start = out.len();
    out.resize(start + (last_byte - first_byte + 1) as usize, 0);
    for &doc in set {
        out[start + (doc / 8 - first_byte) as usize] |= 1 << (doc % 8);
    }
}

/// A term read back from a shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedTerm {
    /// Folded key.
    pub key: String,
    /// Number of pages.
    pub df: u32,
    /// Highest-impact pages with their impact, by document.
    pub top: Vec<Posting>,
    /// Impact of pages not in `top`.
    pub floor: u8,
    /// Every page, by document.
    pub docs: Vec<u32>,
    /// Spellings and their pages (syllables only).
    pub variants: Vec<(String, Vec<u32>)>,
}

/// Reads varints and bytes from a buffer.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> u64 {
        let (mut n, mut shift) = (0u64, 0);
        loop {
            let b = self.bytes[self.at];
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn take(&mut self, len: usize) -> &[u8] {
        self.at += len;
        &self.bytes[self.at - len..self.at]
    }

    fn set(&mut self, docs: usize) -> Vec<u32> {
        match self.varint() {
            0 => self.deltas(),
            2 => {
                let absent = self.deltas();
                complement(&absent, docs)
            }
            _ => {
                let first = self.varint() as u32;
                let len = self.varint() as usize;
                let bytes = self.take(len);
                (0..len as u32 * 8)
                    .filter(|i| bytes[(i / 8) as usize] & (1 << (i % 8)) != 0)
                    .map(|i| first * 8 + i)
                    .collect()
            }
        }
    }

    fn deltas(&mut self) -> Vec<u32> {
        let count = self.varint() as usize;
        let mut last = 0;
        (0..count)
            .map(|i| {
                let d = self.varint() as u32;
                last = if i == 0 { d } else { last + d };
                last
            })
            .collect()
    }
}

/// Decodes every term of a shard.
pub fn decode_shard(bytes: &[u8], docs: usize, with_variants: bool) -> Vec<DecodedTerm> {
    let mut r = Reader { bytes, at: 0 };
    let mut terms = Vec::new();
    let mut key: Vec<u8> = Vec::new();
    while r.at < bytes.len() {
        let shared = r.varint() as usize;
        let len = r.varint() as usize;
        key.truncate(shared);
        key.extend_from_slice(r.take(len));
        let df = r.varint() as u32;
        let body_len = r.varint() as usize;
        let body = r.take(body_len);
        let text = String::from_utf8_lossy(&key).into_owned();
        terms.push(decode_term(text, df, body, docs, with_variants));
    }
    terms
}

fn decode_term(key: String, df: u32, body: &[u8], docs: usize, with_variants: bool) -> DecodedTerm {
    let mut r = Reader { bytes: body, at: 0 };
    let n_top = r.varint() as usize;
    let mut last = 0;
    let top: Vec<Posting> = (0..n_top)
        .map(|_| {
            last += r.varint() as u32;
            let impact = r.take(1)[0];
            Posting { doc: last, impact }
        })
        .collect();
    let (floor, all) =
        if (df as usize) > n_top { (r.take(1)[0], r.set(docs)) } else { (0, top.iter().map(|p| p.doc).collect()) };
    let mut variants = Vec::new();
    if with_variants {
        let count = r.varint() as usize;
        let names: Vec<String> = (0..count)
            .map(|_| {
                let len = r.varint() as usize;
                String::from_utf8_lossy(r.take(len)).into_owned()
            })
            .collect();
        for name in names {
            let docs_of = if count > 1 { r.set(docs) } else { all.clone() };
            variants.push((name, docs_of));
        }
    }
    DecodedTerm { key, df, top, floor, docs: all, variants }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Variant;

    fn term(key: &str, docs: &[u32], variants: &[(&str, &[u32])]) -> Term {
        Term {
            key: key.into(),
            postings: docs.iter().map(|&doc| Posting { doc, impact: (doc % 20) as u8 + 1 }).collect(),
            variants: variants.iter().map(|(e, d)| Variant { exact: e.to_string(), docs: d.to_vec() }).collect(),
        }
    }

    fn round_trip(terms: &[Term], docs: usize, with_variants: bool) -> Vec<DecodedTerm> {
        let bodies: Vec<Vec<u8>> = terms.iter().map(|t| encode_term(t, docs, with_variants)).collect();
        let entries: Vec<(&str, &[u8], usize)> =
            terms.iter().zip(&bodies).map(|(t, b)| (t.key.as_str(), b.as_slice(), t.postings.len())).collect();
        decode_shard(&encode_shard(&entries), docs, with_variants)
    }

    /// A page's impact as the search script reads it: listed, else the floor if in the set.
    fn weight(term: &DecodedTerm, doc: u32) -> u8 {
        match term.top.iter().find(|p| p.doc == doc) {
            Some(p) => p.impact,
            None if term.docs.contains(&doc) => term.floor,
            None => 0,
        }
    }

    #[test]
    fn small_terms_keep_every_impact_listing_only_those_off_the_most_common() {
        // A pair met once in the body of most of its pages: those share the floor.
        let impacts = |doc: u32| if doc % 9 == 0 { 12 } else { 1 };
        let postings: Vec<Posting> = (0..60).map(|n| Posting { doc: n * 37, impact: impacts(n * 37) }).collect();
        let t = Term { key: "suot doi".into(), postings: postings.clone(), variants: Vec::new() };
        let back = &round_trip(std::slice::from_ref(&t), 5000, false)[0];
        assert_eq!((back.floor, back.top.len()), (1, 7));
        assert_eq!(back.docs, postings.iter().map(|p| p.doc).collect::<Vec<_>>());
        for p in &postings {
            assert_eq!(weight(back, p.doc), p.impact);
        }
        let one = encode_term(&t, 5000, false).len();
        let listed = 1 + postings.iter().map(|p| varint_len(u64::from(p.doc.min(37))) + 1).sum::<usize>();
        assert!(one < listed * 3 / 4, "{one} bytes, not {listed}");
        // Impacts too varied for a floor to pay: every page is listed.
        let t = term("hoc", &[0, 5, 300], &[]);
        let back = &round_trip(std::slice::from_ref(&t), 1000, false)[0];
        assert_eq!((back.top.clone(), back.floor), (t.postings.clone(), 0));
    }

    #[test]
    fn small_terms_round_trip_with_every_impact() {
        let t = term("hoc", &[0, 5, 300], &[("học", &[0, 5, 300])]);
        let back = &round_trip(std::slice::from_ref(&t), 1000, true)[0];
        assert_eq!(back.key, "hoc");
        assert_eq!(back.top, t.postings);
        assert_eq!(back.docs, [0, 5, 300]);
        assert_eq!(back.variants, [("học".to_string(), vec![0, 5, 300])]);
    }

    #[test]
    fn large_terms_round_trip_as_top_list_floor_and_set() {
        let dense: Vec<u32> = (0..5000).filter(|d| d % 97 != 0).collect();
        let sparse: Vec<u32> = (0..5000).step_by(40).collect();
        let half: Vec<u32> = (0..5000).step_by(2).collect();
        let terms = [
            term("dao", &dense, &[("đào", &dense), ("dao", &sparse)]),
            term("dao tao", &half, &[]),
            term("doi", &sparse, &[]),
        ];
        let back = round_trip(&terms, 5000, true);
        for (t, b) in terms.iter().zip(&back) {
            assert_eq!(b.key, t.key);
            assert_eq!(b.docs, t.postings.iter().map(|p| p.doc).collect::<Vec<_>>());
            // The top pages keep their impact (those at the floor need no entry), the rest
            // share the floor.
            let (top, floor) = split_top(&t.postings);
            assert_eq!(b.floor, floor);
            assert!(b.top.len() <= TOP && b.top.iter().all(|p| p.impact > b.floor));
            for p in &t.postings {
                let expected = top.iter().find(|q| q.doc == p.doc).map_or(floor, |q| q.impact);
                assert_eq!(weight(b, p.doc), expected, "page {}", { p.doc });
            }
        }
        assert_eq!(back[0].variants[1], ("dao".to_string(), sparse.clone()));
    }

    #[test]
    fn top_selection_matches_a_full_sort() {
        let spread = |doc: u32| (doc.wrapping_mul(2654435761) >> 27) as u8 % 25 + 1;
        let cases = [TOP + 1, TOP + 2, 250, 1001].map(|n| (n, spread as fn(u32) -> u8));
        let few = [(TOP + 1, (|_| 5) as fn(u32) -> u8), (400, |doc| if doc % 50 == 0 { 25 } else { 1 })];
        for (n, impact_of) in cases.into_iter().chain(few) {
            let postings: Vec<Posting> = (0..n as u32).map(|doc| Posting { doc, impact: impact_of(doc) }).collect();
            let mut sorted = postings.clone();
            sorted.sort_by_key(|p| (std::cmp::Reverse(p.impact), { p.doc }));
            let mut top = sorted[..TOP].to_vec();
            top.sort_by_key(|p| p.doc);
            let rest = &sorted[TOP..];
            assert_eq!(split_top(&postings), (top, rest[rest.len() / 2].impact), "{n} postings");
        }
    }

    #[test]
    fn the_chosen_set_encoding_is_the_shortest_built_in_full() {
        let mut seed = 7u64;
        for density in [1, 3, 10, 50, 128, 200, 250, 255] {
            for docs in [1, 9, 300, 5000] {
                let set: Vec<u32> = (0..docs as u32)
                    .filter(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        (seed >> 56) < density
                    })
                    .collect();
                let mut list = Vec::new();
                put_deltas(&mut list, 0, &set);
                let mut missing = Vec::new();
                put_deltas(&mut missing, 2, &complement(&set, docs));
                let mut bitmap = Vec::new();
                put_bitmap(&mut bitmap, &set);
                assert_eq!((deltas_len(&set), bitmap_len(&set)), (list.len(), bitmap.len()));
                let shortest = [list, missing, bitmap].into_iter().min_by_key(Vec::len).unwrap();
                let mut chosen = Vec::new();
                put_set(&mut chosen, &set, docs);
                assert_eq!(chosen, shortest, "{} of {docs} pages", set.len());
            }
        }
    }

    #[test]
    fn picks_the_shortest_set_encoding() {
        let mut out = Vec::new();
        put_set(&mut out, &(0..1000).filter(|d| *d != 7).collect::<Vec<_>>(), 1000);
        assert_eq!(out[0], 2, "nearly everything: the complement");
        out.clear();
        put_set(&mut out, &(0..1000).step_by(2).collect::<Vec<_>>(), 1000);
        assert_eq!(out[0], 1, "half: a bitmap");
        out.clear();
        put_set(&mut out, &[3, 900], 1000);
        assert_eq!(out[0], 0, "few: a list");
    }
}
