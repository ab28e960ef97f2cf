//! The size of an SVG picture, from its `viewBox` (else its `width` and `height`), so that
//! its `<img>` reserves the right space while it loads. SVG files are served as written.

/// Width and height of the `<svg>` element's `viewBox`, rounded, or `None` when it has none
/// that makes sense.
pub(crate) fn size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    if let Some(view_box) = attribute(tag, "viewBox") {
        let numbers: Vec<f64> = view_box.split([' ', ',', '\t', '\n']).filter_map(|n| n.parse().ok()).collect();
        if let [_, _, width, height] = numbers[..] {
            return whole(width).zip(whole(height));
        }
    }
    let length = |name| attribute(tag, name).and_then(|v| v.trim_end_matches("px").parse::<f64>().ok()).and_then(whole);
    length("width").zip(length("height"))
}

fn whole(n: f64) -> Option<u32> {
    (1.0..100_000.0).contains(&n).then(|| n.round() as u32)
}

/// The value of `name="…"` (or `'…'`) in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let before = tag[..i].chars().next_back();
        let Some(rest) = tag[from..].trim_start().strip_prefix('=').map(str::trim_start) else { continue };
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        return rest[1..].split(quote).next();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_view_box_else_width_and_height() {
        assert_eq!(size(r#"<?xml version="1.0"?><svg xmlns="x" viewBox="0 0 640 360.4">"#), Some((640, 360)));
        assert_eq!(size(r#"<svg width='120px' height="80">"#), Some((120, 80)));
        assert_eq!(size(r#"<svg data-viewBox="0 0 1 1" viewBox="0,0,24,24"/>"#), Some((24, 24)));
        assert_eq!(size("<svg xmlns=\"x\"/>"), None);
        assert_eq!(size("<svg viewBox=\"0 0 -5 NaN\">"), None);
    }
}
