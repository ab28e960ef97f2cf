//! The one allow-list every URL passes before it reaches a page.
//!
//! A URL may be emitted when it is `http:`, `https:`, `mailto:` or `tel:`, or has no scheme at
//! all: a site path (`/tin-tuc/`), a relative path (`anh.jpg`, `../a/`), a fragment (`#muc`), a
//! query (`?q=x`) or a protocol-relative external link (`//host/x`, which takes the page's own
//! `http(s):`). Every other scheme (`javascript:`, `vbscript:`, `data:`, `file:`, unknown ones)
//! is refused.
//!
//! The decision is taken on the URL as a browser would read it, and errs towards refusing:
//! HTML character references are decoded (`&#106;avascript:`, `&colon;`), leading whitespace is
//! removed, control and invisible characters are removed anywhere (browsers strip tab, CR and LF
//! inside a URL and C0 controls and spaces around it), and the scheme is compared without case. A value
//! is allowed only when both the text as written and the decoded text pass.

/// Schemes a page may link to.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Why a URL was refused: its scheme as a browser would read it, lowercased (`javascript`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    /// The scheme, without the colon.
    pub scheme: String,
}

/// Whether `url` may reach a page; `Err` names the scheme that is not allowed.
pub(crate) fn check(url: &str) -> Result<(), Refused> {
    check_squeezed(url)?;
    if url.contains('&') {
        check_squeezed(&decode_entities(url))?;
    }
    Ok(())
}

fn check_squeezed(url: &str) -> Result<(), Refused> {
    let trimmed = url.trim_start_matches(|c: char| c.is_whitespace() || is_hidden(c));
    let squeezed: String = trimmed.chars().filter(|&c| !is_hidden(c)).collect();
    match scheme(&squeezed) {
        Some(scheme) if !ALLOWED_SCHEMES.contains(&scheme.as_str()) => Err(Refused { scheme }),
        _ => Ok(()),
    }
}

/// Characters a browser strips inside a URL (tab, CR, LF) or that hide a scheme from a reader:
/// every control character, zero-width and other format characters. (A space inside a scheme
/// makes it a relative path for browsers, so spaces stay.)
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// The scheme of a URL as WHATWG URL parsing finds it (an ASCII letter, then letters, digits,
/// `+`, `-` or `.`, then `:`), lowercased; `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let head = &url[..colon];
    let mut chars = head.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| head.to_ascii_lowercase())
}

/// Decodes HTML character references: numeric ones (`&#106;`, `&#x6A`, with or without `;`)
/// and the named ones that can spell a scheme or hide its colon. Unknown names stay as written.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match decode_one(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for and the bytes it takes.
fn decode_one(text: &str) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits_at) = match num.as_bytes().first() {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits: String = body[digits_at..]
            .chars()
            .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
            .collect();
        if digits.is_empty() {
            return None;
        }
        let mut used = 1 + digits_at + digits.len();
        if text[used..].starts_with(';') {
            used += 1;
        }
        // Leading zeros may be many; more than 8 significant digits is out of range anyway.
        let trimmed = digits.trim_start_matches('0');
        let value = if trimmed.len() > 8 { None } else { u32::from_str_radix(trimmed, if hex { 16 } else { 10 }).ok() };
        let c = value.map_or('\u{FFFD}', |v| if v == 0 { '\u{FFFD}' } else { char::from_u32(v).unwrap_or('\u{FFFD}') });
        return Some((c, used));
    }
    const NAMED: &[(&str, char)] = &[
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("sol;", '/'),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("period;", '.'),
        ("plus;", '+'),
        ("hyphen;", '-'),
        ("dash;", '-'),
        ("amp;", '&'),
        ("amp", '&'),
        ("nbsp;", '\u{A0}'),
        ("nbsp", '\u{A0}'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("lt;", '<'),
        ("gt;", '>'),
    ];
    NAMED.iter().find(|(name, _)| body.starts_with(name)).map(|(name, c)| (*c, 1 + name.len()))
}

/// What makes a `base_url` unusable: each would break links, or the feeds, sitemap and
/// calendars that print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseUrlFault {
    /// It does not start with `https://` or `http://`.
    Scheme,
    /// A space, tab or line break.
    Whitespace,
    /// A control character.
    Control,
    /// A character a URL cannot hold as is: quotes, `<`, `>`, `\`, `` ` ``, `{`, `}`, `|`, `^`.
    Character(char),
    /// A letter outside ASCII (an international domain or path must be written encoded).
    NonAscii(char),
    /// `user:password@` before the host.
    UserInfo,
    /// No host name, or one that is not a valid name, IPv4 or `[IPv6]` address.
    Host,
    /// A port that is not a number from 1 to 65535.
    Port,
    /// A `?query` or `#fragment`.
    QueryOrFragment,
    /// A `%` not followed by two hexadecimal digits.
    Percent,
}

/// Checks that `url` is an absolute http(s) URL with a host, and nothing that could break the
/// files it is printed into.
pub(crate) fn check_base_url(url: &str) -> std::result::Result<(), BaseUrlFault> {
    if url.chars().any(|c| c.is_control() && c != '\t') {
        return Err(BaseUrlFault::Control);
    }
    if url.chars().any(char::is_whitespace) {
        return Err(BaseUrlFault::Whitespace);
    }
    if let Some(c) = url.chars().find(|c| matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')) {
        return Err(BaseUrlFault::Character(c));
    }
    if let Some(c) = url.chars().find(|c| !c.is_ascii()) {
        return Err(BaseUrlFault::NonAscii(c));
    }
    let lower = url.to_ascii_lowercase();
    let Some(scheme_len) = ["https://", "http://"].into_iter().find(|s| lower.starts_with(s)).map(str::len) else {
        return Err(BaseUrlFault::Scheme);
    };
    let rest = &url[scheme_len..];
    if rest.contains(['?', '#']) {
        return Err(BaseUrlFault::QueryOrFragment);
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(BaseUrlFault::UserInfo);
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']').ok_or(BaseUrlFault::Host)?;
            if address.parse::<std::net::Ipv6Addr>().is_err() {
                return Err(BaseUrlFault::Host);
            }
            let port = if after.is_empty() { None } else { Some(after.strip_prefix(':').ok_or(BaseUrlFault::Host)?) };
            (address, port)
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if !authority.starts_with('[') && (host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok)) {
        return Err(BaseUrlFault::Host);
    }
    if let Some(port) = port {
        if !port.chars().all(|c| c.is_ascii_digit()) || !matches!(port.parse::<u16>(), Ok(1..)) {
            return Err(BaseUrlFault::Port);
        }
    }
    let mut bytes = path.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%'
            && !(bytes.next().is_some_and(|h| h.is_ascii_hexdigit())
                && bytes.next().is_some_and(|h| h.is_ascii_hexdigit()))
        {
            return Err(BaseUrlFault::Percent);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_phone_and_site_links() {
        for url in [
            "https://example.vn/a?b=1&c=2",
            "HTTP://EXAMPLE.VN",
            "mailto:a@b.vn",
            "tel:+84123",
            "/tin-tuc/",
            "anh.jpg",
            "../a/b.pdf",
            "#muc-tieu",
            "?q=học tập",
            "//cdn.example.vn/x.png",
            "",
            "tai lieu 12:30.pdf",
            "/a:b",
            "./x:y",
            "12:30",
            "https://x.vn/?a=1&amp;b=2",
        ] {
            assert_eq!(check(url), Ok(()), "{url:?}");
        }
    }

    #[test]
    fn refuses_script_and_other_schemes_however_they_are_written() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            (" JaVaScRiPt:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("\u{1}\u{0}javascript:alert(1)", "javascript"),
            ("\u{A0}javascript:x", "javascript"),
            ("java\u{200B}script:x", "javascript"),
            ("&#106;avascript:alert(1)", "javascript"),
            ("&#x6A;avascript:alert(1)", "javascript"),
            ("&#x0000006A;avascript:x", "javascript"),
            ("&#106avascript:x", "javascript"),
            ("javascript&colon;alert(1)", "javascript"),
            ("jav&Tab;ascript:x", "javascript"),
            ("data:text/html,<script>alert(1)</script>", "data"),
            ("DATA:image/svg+xml;base64,PHN2Zz4=", "data"),
            ("vbscript:msgbox(1)", "vbscript"),
            ("file:///etc/passwd", "file"),
            ("ms-settings:x", "ms-settings"),
            ("c:\\x", "c"),
        ] {
            assert_eq!(check(url), Err(Refused { scheme: scheme.into() }), "{url:?}");
        }
    }

    #[test]
    fn decodes_numeric_and_named_references_and_leaves_unknown_ones() {
        assert_eq!(decode_entities("&#106;&#x61;&#X76;a&colon;&unknown;&"), "java:&unknown;&");
        assert_eq!(decode_entities("&#0;&#99999999999;"), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("a&amp;b&#"), "a&b&#");
    }
}
