//! The normalizer against the vectors shared with the browser script.

use super::*;

fn vectors() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/normalize_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vectors file")).expect("vectors are JSON")
}

#[test]
fn normalizes_and_folds_every_shared_vector() {
    for case in vectors()["normalize"].as_array().expect("list") {
        let input = case["input"].as_str().expect("input");
        let normalized = normalize(input);
        assert_eq!(normalized, case["normalized"].as_str().expect("normalized"), "{}", case["why"]);
        assert_eq!(fold(&normalized), case["folded"].as_str().expect("folded"), "{}", case["why"]);
    }
}

#[test]
fn tokenizes_every_shared_vector() {
    for case in vectors()["tokenize"].as_array().expect("list") {
        let got: Vec<(String, String, bool)> =
            tokenize(case["input"].as_str().expect("input")).into_iter().map(|t| (t.exact, t.folded, t.joined)).collect();
        let want: Vec<(String, String, bool)> = serde_json::from_value(case["tokens"].clone()).expect("tokens");
        assert_eq!(got, want, "{}", case["why"]);
    }
}

#[test]
fn both_tone_placements_give_the_same_exact_form() {
    for (old, new) in [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hóa", "hoá"), ("tùy", "tuỳ")] {
        assert_eq!(normalize(old), normalize(new));
    }
}

#[test]
fn knows_when_the_user_typed_diacritics() {
    assert!(has_marks("bản"));
    assert!(has_marks("đuong"));
    assert!(!has_marks("ban"));
    assert!(!has_marks("2024"));
}

#[test]
fn fast_word_character_paths_agree_with_the_unicode_tables() {
    let ranges = ['\0'..='\u{7f}', '\u{c0}'..='\u{24f}', '\u{1ea0}'..='\u{1ef9}'];
    for c in ranges.into_iter().flatten() {
        assert_eq!(is_raw_word_char(c), is_word_char(c) || is_invisible(c), "{c:?}");
    }
}
