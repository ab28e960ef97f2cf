//! Folding Vietnamese text to ASCII, and slugs built from it.
//!
//! `Ngày Sách và Văn hóa đọc` → `ngay-sach-va-van-hoa-doc`. NFC and NFD input fold alike,
//! because folding decomposes first and drops every combining mark.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Removes every diacritic and maps đ/Đ (and the look-alikes Ð, Ɖ) to d/D. Keeps case.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'đ' | 'ɖ' | 'ð' => out.push('d'),
            'Đ' | 'Ɖ' | 'Ð' => out.push('D'),
            c if is_combining_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL-safe slug: folded, lowercase ASCII letters and digits joined by single hyphens.
///
/// Characters that have no ASCII form (e.g. CJK) are dropped, so the result may be empty;
/// callers decide what an empty slug means.
pub(crate) fn slugify(text: &str) -> String {
    let folded = fold(text);
    let mut slug = String::with_capacity(folded.len());
    let mut pending_hyphen = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// True when `slug` is already in the form [`slugify`] produces.
pub(crate) fn is_slug(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_titles_to_slugs() {
        assert_eq!(slugify("Ngày Sách và Văn hóa đọc Việt Nam"), "ngay-sach-va-van-hoa-doc-viet-nam");
        assert_eq!(slugify("Xây dựng xã hội học tập"), "xay-dung-xa-hoi-hoc-tap");
        assert_eq!(slugify("ĐÀO TẠO NGHỀ"), "dao-tao-nghe");
    }

    #[test]
    fn nfd_and_nfc_input_fold_alike() {
        let nfc = "Học tập suốt đời";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(slugify(nfc), slugify(&nfd));
        assert_eq!(slugify(&nfd), "hoc-tap-suot-doi");
    }

    #[test]
    fn maps_d_lookalikes_and_collapses_punctuation() {
        assert_eq!(fold("Ðông Ɖoài"), "Dong Doai");
        assert_eq!(slugify("  Kế hoạch số 322/KH-UBND  "), "ke-hoach-so-322-kh-ubnd");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn recognises_slugs() {
        assert!(is_slug("ngay-sach-2024"));
        assert!(!is_slug("Ngay Sach"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }
}
