//! Numbers as readers expect them: `35,2 %` and `1.234` in Vietnamese, `35.2%` and `1,234` in
//! English.

use crate::language::Language;

/// `value` with `decimals` decimals and thousands grouped, in the portal's style; a value that
/// is not a finite number (which the loader refuses) shows as `–`, never `NaN` or `inf`.
pub fn number(value: f64, decimals: usize, lang: Language) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let text = format!("{:.*}", decimals, value);
    let (sign, text) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (int, fraction) = text.split_once('.').unwrap_or((text, ""));
    let (group, point) = match lang {
        Language::Vi => ('.', ','),
        Language::En => (',', '.'),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 && int.len() > 4 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let sign = if grouped.chars().all(|c| c == '0') && fraction.chars().all(|c| c == '0') { "" } else { sign };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{fraction}")
    }
}

/// `value` followed by its unit: `35,2 %` (vi), `35.2%` (en), `12 xã`; a no-break space
/// keeps the unit on the number's line.
pub fn with_unit(value: f64, unit: &str, decimals: usize, lang: Language) -> String {
    let number = number(value, decimals, lang);
    match (unit.trim(), lang) {
        ("", _) => number,
        ("%", Language::En) => format!("{number}%"),
        (unit, _) => format!("{number}\u{a0}{unit}"),
    }
}

/// A share as a whole percentage: `0.724` → `72 %` (vi) or `72%` (en).
pub fn share(share: f64, lang: Language) -> String {
    with_unit((share * 100.0).round(), "%", 0, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_use_a_decimal_comma() {
        assert_eq!(with_unit(35.2, "%", 1, Language::Vi), "35,2\u{a0}%");
        assert_eq!(number(12345.5, 1, Language::Vi), "12.345,5");
        assert_eq!(number(1234.0, 0, Language::Vi), "1234");
        assert_eq!(with_unit(12.0, "xã", 0, Language::Vi), "12\u{a0}xã");
    }

    #[test]
    fn english_numbers_use_a_decimal_point() {
        assert_eq!(with_unit(35.2, "%", 1, Language::En), "35.2%");
        assert_eq!(number(1234567.0, 0, Language::En), "1,234,567");
        assert_eq!(number(-0.01, 1, Language::En), "0.0");
        assert_eq!(number(-2.5, 1, Language::En), "-2.5");
        assert_eq!(share(0.7249, Language::Vi), "72\u{a0}%");
        assert_eq!(number(f64::NAN, 1, Language::En), "–");
        assert_eq!(with_unit(f64::INFINITY, "%", 1, Language::Vi), "–\u{a0}%");
    }
}
