//! Small URL helpers shared by `serve`, `check` and the tests.

/// `k%E1%BA%BF` → `kế`, as a web server maps a request path to a file name. Invalid escapes
/// are kept as written; a result that is not UTF-8 gives back the input.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Percent-encodes what a URL may not hold as written: controls, spaces, quotes, angle
/// brackets, backslash, caret, backtick, braces, the bar and non-ASCII letters (`…/wiki/Học tập` → `…/wiki/H%E1%BB%8Dc%20t%E1%BA%ADp`), so it
/// stays one token on one line (an `.ics` `URL`, an HTTP request line).
pub fn percent_encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}') {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(percent_decode("/a%20b/"), "/a b/");
        assert_eq!(percent_decode("/k%E1%BA%BF/"), "/kế/");
        assert_eq!(percent_decode("/100%/"), "/100%/");
        assert_eq!(percent_decode("/%FF/"), "/%FF/");
    }
}
