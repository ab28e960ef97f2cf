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
        let got: Vec<(String, String, bool)> = tokenize(case["input"].as_str().expect("input"))
            .into_iter()
            .map(|t| (t.exact, t.folded, t.joined))
            .collect();
        let want: Vec<(String, String, bool)> = serde_json::from_value(case["tokens"].clone()).expect("tokens");
        assert_eq!(got, want, "{}", case["why"]);
    }
}

#[test]
fn both_tone_placements_give_the_same_exact_form() {
    for (old, new) in [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hóa", "hoá"), ("tùy", "tuỳ")]
    {
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
fn byte_classes_agree_with_the_unicode_tables() {
    let reference = |c: char| {
        if is_raw_word_char(c) {
            CharClass::Word
        } else if c.is_whitespace() || c == '-' {
            CharClass::Joiner
        } else {
            CharClass::Breaker
        }
    };
    let planes = ['\0'..='\u{2fff}', '\u{3000}'..='\u{d7ff}', '\u{e000}'..='\u{10ffff}'];
    for c in planes.into_iter().flatten().filter(|c| (*c as u32) < 0x3000 || (*c as u32) % 7 == 0) {
        let text = c.to_string();
        assert_eq!(class_at(&text, 0), (reference(c), c.len_utf8()), "{c:?}");
        // The letter tables may only pass over characters the Unicode tables call letters.
        let width = latin_letter_at(text.as_bytes(), 0);
        assert!(width == 0 || (is_raw_word_char(c) && width == c.len_utf8()), "{c:?}");
        // Inside a word, every character is read as the Unicode tables say.
        let end = if reference(c) == CharClass::Word { text.len() + 1 } else { 1 };
        assert_eq!(word_end(&format!("a{c}"), 1), end, "{c:?}");
    }
}

#[test]
fn scanning_cuts_words_and_phrases_like_the_characters_say() {
    let scan = |text: &str| {
        let mut words = Vec::new();
        scan_words(
            text,
            |raw| (raw.chars().count() <= 5 && !raw.chars().all(is_invisible)).then(|| raw.to_string()),
            |w, joined| words.push((w, joined)),
        );
        words
    };
    let w = |s: &str, joined: bool| (s.to_string(), joined);
    assert_eq!(scan("Học tập-suốt đời."), [w("Học", false), w("tập", true), w("suốt", true), w("đời", true)]);
    assert_eq!(scan("a × b, c\u{ad} d"), [w("a", false), w("b", false), w("c\u{ad}", false), w("d", true)]);
    // A word too long to index ends the phrase; invisible-only text does not.
    assert_eq!(scan("a abcdefgh b \u{200b} c"), [w("a", false), w("b", false), w("c", true)]);
    assert_eq!(scan("ﬁ ä ä x"), [w("ﬁ", false), w("ä", true), w("ä", true), w("x", true)]);
    // Letters from outside the Latin blocks inside and after Latin ones; × right after a letter.
    assert_eq!(scan("ờiΩ ΩΩ a×b ễ"), [w("ờiΩ", false), w("ΩΩ", true), w("a", true), w("b", false), w("ễ", true)]);
    assert!(scan("").is_empty());
}

#[test]
fn scanning_by_bytes_cuts_random_text_as_reading_characters_does() {
    // The scanner read character by character, as it was before it stepped over bytes.
    let by_characters = |text: &str| {
        let mut words = Vec::new();
        let (mut start, mut adjacent) = (None, false);
        let mut finish = |from: usize, to: usize, adjacent: bool| {
            let raw = &text[from..to];
            let kept = raw.chars().count() <= 6 && !raw.chars().all(is_invisible);
            if kept {
                words.push((raw.to_string(), adjacent));
            }
            kept || (adjacent && raw.chars().all(is_invisible))
        };
        for (i, c) in text.char_indices() {
            if is_raw_word_char(c) {
                start.get_or_insert(i);
                continue;
            }
            if let Some(from) = start.take() {
                adjacent = finish(from, i, adjacent);
            }
            adjacent &= c.is_whitespace() || c == '-';
        }
        if let Some(from) = start {
            finish(from, text.len(), adjacent);
        }
        words
    };
    let scanned = |text: &str| {
        let mut words = Vec::new();
        let keep = |raw: &str| (raw.chars().count() <= 6 && !raw.chars().all(is_invisible)).then(|| raw.to_string());
        scan_words(text, keep, |w, joined| words.push((w, joined)));
        words
    };
    // Letters of every block the byte tables pass over, their neighbours, marks, invisible
    // characters, signs and separators.
    let alphabet: Vec<char> =
        "aZ09 -\t\n.,×÷àÀđĐơưȳɏḀạễỹἀΩЖ中ـ\u{301}\u{323}\u{ad}\u{200b}\u{a0}\u{3000}–“😀ßĳ".chars().collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = next() % 24;
        let text: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        assert_eq!(scanned(&text), by_characters(&text), "{text:?}");
    }
}
