//! The one text normalizer of search, mirrored exactly by `normalize` in
//! `themes/default/js/search.js`; both run `tests/search/normalize_vectors.json`.
//!
//! Steps: drop invisible characters (soft hyphen, zero-width), map the Đ look-alikes
//! (Ð, Ɖ and their lowercase forms) to đ, lowercase, put the tone mark of `oa`, `oe`, `uy`
//! on the second vowel ("new style": hoà, khoẻ, thuỷ), NFC, and collapse whitespace (PDF text
//! breaks lines mid-phrase). The folded key then drops every diacritic and maps đ → d.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest token indexed, in characters; longer runs are noise (URLs, hashes).
pub const MAX_TOKEN_CHARS: usize = 30;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// One word of text: its normalized form (with diacritics) and its folded key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalized, e.g. `hoà`.
    pub exact: String,
    /// Folded, e.g. `hoa`.
    pub folded: String,
    /// Whether the gap before it was only spaces or `-`, so it forms a pair with the previous
    /// token.
    pub joined: bool,
}

/// Normalizes text for search: NFC, đ look-alikes, lowercase, new-style tones, single spaces.
pub fn normalize(text: &str) -> String {
    let mut decomposed: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if is_invisible(c) => {}
            'Ð' | 'Ɖ' | 'ð' | 'ɖ' => decomposed.push('đ'),
            c => decomposed.extend(c.to_lowercase()),
        }
    }
    let decomposed: Vec<char> = decomposed.into_iter().nfd().collect();
    let placed = place_tones(decomposed);
    collapse_whitespace(&placed.into_iter().nfc().collect::<String>())
}

/// The folded key of normalized text: every combining mark removed, đ → d.
pub fn fold(normalized: &str) -> String {
    if normalized.is_ascii() {
        return normalized.to_string();
    }
    normalized.nfd().filter(|&c| !is_combining_mark(c)).map(|c| if c == 'đ' { 'd' } else { c }).nfc().collect()
}

/// Moves the tone of `o` in `oa`/`oe` and of `u` in `uy` to the second vowel (NFD input).
fn place_tones(mut chars: Vec<char>) -> Vec<char> {
    let mut i = 0;
    while i + 2 < chars.len() {
        // In NFD: the glide vowel, its only mark (a tone), then a second vowel with no mark.
        let glide = matches!((chars[i], chars[i + 2]), ('o', 'a' | 'e') | ('u', 'y'));
        let plain_next = !chars.get(i + 3).is_some_and(|&c| is_combining_mark(c));
        if glide && TONES.contains(&chars[i + 1]) && plain_next {
            chars.swap(i + 1, i + 2);
            i += 3;
        } else {
            i += 1;
        }
    }
    chars
}

/// Collapses every run of whitespace (line breaks included) to one space and trims.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits text into words: maximal runs of letters, marks and digits, normalized and folded.
///
/// Normalizing never crosses a word boundary (case, NFC and tone placement act within a
/// word; whitespace only separates), so text is cut into raw words first and each word is
/// normalized on its own; the indexer memoizes that per distinct raw word (see
/// [`scan_words`]), since Vietnamese reuses a few thousand syllables.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    scan_words(text, normalize_word, |(exact, folded), joined| tokens.push(Token { exact, folded, joined }));
    tokens
}

/// Cuts `text` into raw words and calls `f(word, joined)` for each one `lookup` accepts,
/// where `lookup` turns a raw word into what the caller keeps of it (its normalized forms,
/// or ids from a memo of them) and returns `None` for words not indexed.
///
/// `joined` tells whether only spaces and hyphens separate the word from the previous one,
/// so the two form a pair.
pub fn scan_words<T>(text: &str, mut lookup: impl FnMut(&str) -> Option<T>, mut f: impl FnMut(T, bool)) {
    // Looks a finished word up and says whether the next word may pair with it.
    let mut finish = |raw: &str, adjacent: bool| match lookup(raw) {
        Some(word) => {
            f(word, adjacent);
            true
        }
        // Invisible-only text is nothing; too long to be a word (URLs, hashes) ends a phrase.
        None => adjacent && raw.chars().all(is_invisible),
    };
    let bytes = text.as_bytes();
    // Whether everything since the last kept word was spaces and hyphens.
    let mut adjacent = false;
    let mut i = 0;
    while i < bytes.len() {
        let (class, width) = class_at(text, i);
        if class == CharClass::Word {
            let end = word_end(text, i + width);
            adjacent = finish(&text[i..end], adjacent);
            i = end;
        } else {
            // Only spaces and hyphens keep two words adjacent; other punctuation ends a phrase.
            adjacent &= class == CharClass::Joiner;
            i += width;
        }
    }
}

/// Where the word that goes on at byte `i` of `text` ends.
///
/// Letters of the Latin blocks are stepped over with two table lookups and no decoding (see
/// [`latin_letter_at`]); only other characters are decoded.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&lead) = bytes.get(i) {
        let width = match latin_letter_at(bytes, i) {
            0 if lead < 0x80 => break,
            0 => match class_at(text, i) {
                (CharClass::Word, width) => width,
                _ => break,
            },
            width => width,
        };
        i += width;
    }
    i
}

/// The width of the character at byte `i` if it is an ASCII letter or digit or a letter of
/// U+00C0–U+027F or U+1E00–U+1EFF (see [`class_at`]), else 0. Table lookups rather than
/// comparisons: the bytes of a text follow no pattern a processor could predict.
#[inline(always)]
fn latin_letter_at(bytes: &[u8], i: usize) -> usize {
    let (width, second) = LATIN_LETTERS[bytes[i] as usize];
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    if SECOND_BYTES[second as usize][next as usize] {
        width as usize
    } else {
        0
    }
}

/// Per first byte: the width of the letter it starts (0 when it may not start one), and
/// which row of [`SECOND_BYTES`] says whether the second byte makes it a letter.
const LATIN_LETTERS: [(u8, u8); 256] = {
    let mut letters = [(0, 0); 256];
    let mut b = 0;
    while b < 256 {
        letters[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => (1, 0),
            0xc3 => (2, 1),
            0xc4..=0xc9 => (2, 0),
            0xe1 => (3, 2),
            _ => (0, 0),
        };
        b += 1;
    }
    letters
};

/// Second bytes that complete a letter: any (row 0); all but × and ÷ after C3 (row 1);
/// B8–BB after E1, the block U+1E00–U+1EFF (row 2).
const SECOND_BYTES: [[bool; 256]; 3] = {
    let mut rows = [[true; 256], [true; 256], [false; 256]];
    rows[1][0x97] = false;
    rows[1][0xb7] = false;
    let mut b = 0xb8;
    while b <= 0xbb {
        rows[2][b] = true;
        b += 1;
    }
    rows
};

/// What a character does to the words around it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CharClass {
    /// Part of a word (see [`is_raw_word_char`]).
    Word,
    /// Whitespace or `-`: ends a word, but the next one still pairs with it.
    Joiner,
    /// Any other character: ends a word and a phrase.
    Breaker,
}

/// Classes of the ASCII characters.
const ASCII_CLASSES: [CharClass; 128] = {
    let mut classes = [CharClass::Breaker; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if c.is_ascii_alphanumeric() {
            CharClass::Word
        } else if c == b'-' || matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            CharClass::Joiner
        } else {
            CharClass::Breaker
        };
        b += 1;
    }
    classes
};

/// The class of the character starting at byte `i` of `text`, and its width in bytes.
///
/// Text is scanned byte by byte: ASCII and the two- and three-byte sequences of the Latin
/// letters Vietnamese is written in are classified from their first bytes, without decoding;
/// anything else is decoded and looked up in the Unicode tables.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (CharClass, usize) {
    let bytes = text.as_bytes();
    let lead = bytes[i];
    if lead < 0x80 {
        return (ASCII_CLASSES[lead as usize], 1);
    }
    // U+00C0–U+027F: Latin-1 letters, Latin Extended-A and -B, IPA; all letters but × and ÷.
    if (0xc3..=0xc9).contains(&lead) {
        let sign = lead == 0xc3 && matches!(bytes[i + 1], 0x97 | 0xb7);
        return (if sign { CharClass::Breaker } else { CharClass::Word }, 2);
    }
    // U+1E00–U+1EFF: Latin Extended Additional (ạ ả ấ … ỹ), all letters.
    if lead == 0xe1 && (0xb8..=0xbb).contains(&bytes[i + 1]) {
        return (CharClass::Word, 3);
    }
    let c = text[i..].chars().next().expect("a character starts here");
    let class = if is_raw_word_char(c) {
        CharClass::Word
    } else if c.is_whitespace() {
        CharClass::Joiner
    } else {
        CharClass::Breaker
    };
    (class, c.len_utf8())
}

/// One raw word normalized and folded; `None` when empty after normalizing or too long.
pub fn normalize_word(raw: &str) -> Option<(String, String)> {
    let exact = normalize(raw);
    let count = exact.chars().count();
    (count > 0 && count <= MAX_TOKEN_CHARS).then(|| (fold(&exact), exact)).map(|(f, e)| (e, f))
}

/// Characters `normalize` removes: soft hyphen and zero-width ones.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Word characters of raw text: those of normalized text, plus the invisible ones that
/// normalizing removes from inside a word.
fn is_raw_word_char(c: char) -> bool {
    is_word_char(c) || is_invisible(c)
}

/// Letters, digits and combining marks make words (`\p{Alphabetic}\p{N}\p{M}` in JS).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether a normalized word carries any diacritic (so the user meant that exact form).
pub fn has_marks(exact: &str) -> bool {
    !exact.is_ascii() && fold(exact) != exact
}

#[cfg(test)]
mod tests;
