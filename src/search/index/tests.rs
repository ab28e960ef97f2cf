//! Index building.

use super::*;
use crate::content::Kind;
use crate::markdown::TextSection;

/// A record with a title and one body section.
pub(crate) fn page(title: &str, body: &str) -> SearchRecord {
    SearchRecord {
        url: format!("/{}/", crate::slug::slugify(title)),
        title: title.into(),
        kind: Kind::News,
        date: String::new(),
        sort_date: String::new(),
        year: None,
        commune: None,
        resource_type: None,
        summary: String::new(),
        meta: String::new(),
        sections: vec![TextSection { anchor: String::new(), heading: String::new(), text: body.into() }].into(),
    }
}

fn term<'a>(terms: &'a [Term], key: &str) -> &'a Term {
    terms.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("no term `{key}`"))
}

#[test]
fn indexes_folded_syllables_with_their_spellings() {
    let records = [page("Bản tin", "bán hàng, bàn ghế"), page("Ban chỉ đạo", "")];
    let index = build_index(&records.iter().collect::<Vec<_>>());
    let ban = term(&index.syllables, "ban");
    assert_eq!(ban.postings.iter().map(|p| p.doc).collect::<Vec<_>>(), [0, 1]);
    let spellings: Vec<(&str, &[u32])> = ban.variants.iter().map(|v| (v.exact.as_str(), v.docs.as_slice())).collect();
    assert!(spellings.contains(&("bản", &[0][..])));
    assert!(spellings.contains(&("ban", &[1][..])));
    assert_eq!(spellings.len(), 4);
}

#[test]
fn indexes_adjacent_pairs_but_not_across_punctuation() {
    let records = [page("Học tập suốt đời", "đào tạo. Nghề")];
    let index = build_index(&records.iter().collect::<Vec<_>>());
    let keys: Vec<&str> = index.pairs.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["dao tao", "hoc tap", "suot doi", "tap suot"]);
}

#[test]
fn title_outweighs_summary_outweighs_body() {
    assert!(impact([1, 0, 0, 0]) > impact([0, 0, 1, 0]));
    assert!(impact([0, 0, 1, 0]) > impact([0, 0, 0, 100]));
    assert_eq!([1, 2, 4, 8, 1000].map(|n| impact([0, 0, 0, n])), [1, 2, 3, 4, 4]);
    assert_eq!(impact([0, 0, 0, 3]), 2);
}

#[test]
fn orders_keys_like_javascript() {
    let mut keys = vec!["b", "a b", "a", "\u{ff5e}", "\u{1f600}"];
    keys.sort_by(|a, b| utf16_order(a, b));
    assert_eq!(keys, ["a", "a b", "b", "\u{1f600}", "\u{ff5e}"]);
}

#[test]
fn short_words_get_distinct_integer_keys_and_long_ones_none() {
    let keys: Vec<u128> =
        ["a", "ab", "ba", "học", "hoc", "đường", "0123456789abcdef"].iter().map(|w| short_key(w).unwrap()).collect();
    let distinct: std::collections::HashSet<u128> = keys.iter().copied().collect();
    assert_eq!(distinct.len(), keys.len());
    assert_eq!(short_key("0123456789abcdefg"), None, "17 bytes: looked up by string");
    // Every length gives the word's bytes, zero-padded, as a little-endian integer.
    let text = "ạbcdefghijklmnoq";
    for len in (0..=16).filter(|&n| text.is_char_boundary(n)) {
        let mut padded = [0u8; 16];
        padded[..len].copy_from_slice(&text.as_bytes()[..len]);
        assert_eq!(short_key(&text[..len]), Some(u128::from_le_bytes(padded)), "{len} bytes");
    }
}
