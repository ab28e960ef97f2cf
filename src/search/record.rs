//! One plain record per page: what the index reads and what a search result shows.

use rayon::prelude::*;

use crate::content::{Kind, KindMeta, Page};
use crate::markdown::TextSection;
use crate::resolve::TaxonomyKind;
use crate::Site;

/// Characters of section text kept in a page's stored record, for snippets, when each record
/// has a file of its own. Longer pages keep a fair share of every section, so a result can
/// still link to the right heading.
pub const STORED_TEXT_CHARS: usize = 1600;
/// The same when records share files: a result's file brings its neighbours along, so each
/// keeps less. On the heavy 10,000-page benchmark portal (4 records a file) this took the
/// first page's records from 45.4 to 26.2 kB (gzip) and a 4-word query from 67.2 to 48.0 kB.
pub const SHARED_FILE_TEXT_CHARS: usize = 600;

/// Characters of section text a record keeps when `per_file` records share a file.
pub fn stored_text_chars(per_file: usize) -> usize {
    if per_file > 1 {
        SHARED_FILE_TEXT_CHARS
    } else {
        STORED_TEXT_CHARS
    }
}

/// Everything search knows about one page.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRecord {
    /// Link to the page (with the base path).
    pub url: String,
    /// Title.
    pub title: String,
    /// The page's kind.
    pub kind: Kind,
    /// Date as pages show it (`21/04/2024`), empty when undated.
    pub date: String,
    /// The date lists sort by, as `yyyy-mm-dd`, for ordering; empty when undated.
    pub sort_date: String,
    /// Year of that date.
    pub year: Option<i32>,
    /// The commune's shown name.
    pub commune: Option<String>,
    /// A resource's type (`video` …).
    pub resource_type: Option<String>,
    /// Summary as plain text.
    pub summary: String,
    /// Tags, commune and kind fields (plan number, issuer, place …), searched like the summary.
    pub meta: String,
    /// Body text per heading.
    /// Body text per heading, shared with the page's rendered markdown.
    pub sections: std::sync::Arc<[TextSection]>,
}

/// The records of every page of the site, in content order, then every indicator page.
pub fn collect_records(site: &Site) -> Vec<SearchRecord> {
    let mut records: Vec<SearchRecord> = site.content.pages.par_iter().map(|page| record(site, page)).collect();
    records.extend(site.indicators.entries.iter().map(|entry| indicator_record(site, entry)));
    records
}

/// An indicator page: found by its title, group, source and notes; its summary says where
/// it stands.
fn indicator_record(site: &Site, entry: &crate::indicators::Entry) -> SearchRecord {
    let ind = &entry.indicator;
    let views = crate::indicators::view::Views::new(&site.config, &site.strings, &site.indicators);
    let notes = ind.notes.clone().unwrap_or_default();
    SearchRecord {
        url: site.config.link(&entry.url),
        title: ind.title.clone(),
        kind: Kind::Indicators,
        date: String::new(),
        sort_date: String::new(),
        year: None,
        commune: None,
        resource_type: None,
        summary: views.explain(entry),
        meta: [ind.group.as_deref(), ind.source.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(". "),
        sections: vec![TextSection { text: notes, ..TextSection::default() }].into(),
    }
}

fn record(site: &Site, page: &Page) -> SearchRecord {
    let date = page.sort_date().or(match &page.meta.extra {
        KindMeta::Plan(p) => p.issued,
        _ => None,
    });
    let resource_type = match &page.meta.extra {
        KindMeta::Resource(r) if !r.kind.is_empty() => Some(r.kind.clone()),
        _ => None,
    };
    SearchRecord {
        url: site.config.link(&page.url),
        title: page.meta.title.clone(),
        kind: page.kind,
        date: date.map(|d| d.display(site.config.language)).unwrap_or_default(),
        sort_date: date.map(|d| d.day().format("%Y-%m-%d").to_string()).unwrap_or_default(),
        year: date.map(|d| chrono::Datelike::year(&d.day())).or_else(|| match &page.meta.extra {
            KindMeta::RoleModel(m) => m.recognized.and_then(|y| i32::try_from(y).ok()),
            _ => None,
        }),
        commune: page.meta.commune.as_deref().map(|c| commune_name(site, c)),
        resource_type,
        summary: strip_tags(&page.rendered.summary_html),
        meta: meta_text(page),
        sections: page.rendered.sections.clone(),
    }
}

/// Spellings of a commune that fold alike share the taxonomy term's name.
fn commune_name(site: &Site, value: &str) -> String {
    let taxonomy = site.resolved.taxonomies.iter().find(|t| t.kind == TaxonomyKind::Communes);
    taxonomy.and_then(|t| t.term_for(value)).map_or_else(|| value.to_string(), |term| term.name.clone())
}

/// The front-matter text worth finding a page by.
fn meta_text(page: &Page) -> String {
    let mut parts: Vec<&str> = page.meta.tags.iter().map(String::as_str).collect();
    parts.extend(page.meta.commune.as_deref());
    match &page.meta.extra {
        KindMeta::None => {}
        KindMeta::News(n) => parts.extend([n.author.as_str(), &n.source]),
        KindMeta::Plan(p) => parts.extend([p.number.as_str(), &p.issuer, &p.period]),
        KindMeta::RoleModel(m) => parts.extend(m.achievements.iter().map(String::as_str)),
        KindMeta::Resource(r) => {
            parts.extend(r.topics.iter().chain(&r.audience).map(String::as_str));
            parts.extend([r.publisher.as_str(), &r.level]);
        }
        KindMeta::Event(e) => parts.extend([e.location.as_str(), &e.organizer]),
    }
    parts.retain(|p| !p.is_empty());
    parts.join(". ")
}

/// Plain text of a small HTML fragment (the rendered summary): tags become spaces, the
/// entities markdown writes are decoded, whitespace runs become one space.
pub fn strip_tags(html: &str) -> String {
    const ENTITIES: [(&str, char); 5] =
        [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&amp;", '&')];
    let mut text = String::with_capacity(html.len());
    let mut space = false;
    let push = |text: &mut String, run: &str, space: &mut bool| {
        if !run.is_empty() {
            if std::mem::take(space) {
                text.push(' ');
            }
            text.push_str(run);
        }
    };
    let mut rest = html;
    // Runs of plain text are copied whole; only tags, entities and whitespace are looked at.
    while let Some(at) = rest.find(|c: char| c == '<' || c == '&' || c.is_whitespace()) {
        push(&mut text, &rest[..at], &mut space);
        rest = &rest[at..];
        let c = rest.chars().next().expect("found");
        if c == '<' {
            // A tag is a space; an unclosed one runs to the end.
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            space = !text.is_empty();
        } else if c == '&' {
            let (decoded, width) =
                ENTITIES.iter().find(|(e, _)| rest.starts_with(e)).map_or(('&', 1), |&(e, d)| (d, e.len()));
            push(&mut text, decoded.encode_utf8(&mut [0; 4]), &mut space);
            rest = &rest[width..];
        } else {
            space = !text.is_empty();
            rest = &rest[c.len_utf8()..];
        }
    }
    push(&mut text, rest, &mut space);
    text
}

impl SearchRecord {
    /// Appends the record as the browser downloads it for a result: JSON with short keys,
    /// `{"u": url, "t": title, "k": kind, "d": date, "s": summary, "h": [[anchor, heading,
    /// text], …]}`, the section text trimmed to `text_chars` in all, and `s` left out when the
    /// text starts with it.
    ///
    /// Written by hand rather than through serde: one record per page, and building trimmed
    /// copies to serialize was about a third of writing the records. Escapes are serde_json's.
    pub fn write_stored(&self, out: &mut Vec<u8>, text_chars: usize) {
        let lengths: Vec<usize> = self.sections.iter().map(|s| s.text.chars().count()).collect();
        for (key, value) in [("{\"u\":", &self.url), (",\"t\":", &self.title)] {
            out.extend_from_slice(key.as_bytes());
            json_string(out, value, "");
        }
        out.extend_from_slice(b",\"k\":");
        json_string(out, self.kind.as_str(), "");
        out.extend_from_slice(b",\"d\":");
        json_string(out, &self.date, "");
        // A summary taken from the first paragraph is already at the start of the text.
        if !self.sections.first().is_some_and(|first| first.text.starts_with(&self.summary)) {
            out.extend_from_slice(b",\"s\":");
            json_string(out, &self.summary, "");
        }
        out.extend_from_slice(b",\"h\":[");
        for (i, ((section, keep), len)) in
            self.sections.iter().zip(fair_shares(&lengths, text_chars)).zip(lengths).enumerate()
        {
            out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
            json_string(out, &section.anchor, "");
            out.push(b',');
            json_string(out, &section.heading, "");
            out.push(b',');
            match truncate_words(&section.text, len, keep) {
                Some(kept) => json_string(out, kept, " …"),
                None => json_string(out, &section.text, ""),
            }
            out.push(b']');
        }
        out.extend_from_slice(b"]}");
    }
}

/// Appends `text` followed by `suffix` as one JSON string, escaped as serde_json does: quote,
/// backslash and control characters only.
fn json_string(out: &mut Vec<u8>, text: &str, suffix: &str) {
    out.push(b'"');
    for part in [text, suffix] {
        let bytes = part.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Runs with nothing to escape are passed over eight bytes at a time.
            i += plain_prefix(&bytes[i..]);
            let end = (i + 8).min(bytes.len());
            for (j, &b) in bytes.iter().enumerate().take(end).skip(i) {
                if let Some(escaped) = escape(b) {
                    out.extend_from_slice(&bytes[copied..j]);
                    out.extend_from_slice(escaped.as_bytes());
                    copied = j + 1;
                }
            }
            i = end;
        }
        out.extend_from_slice(&bytes[copied..]);
    }
    out.push(b'"');
}

/// How a JSON string writes byte `b`, when not as itself: as serde_json does, quote,
/// backslash and control characters only.
fn escape(b: u8) -> Option<std::borrow::Cow<'static, str>> {
    let short = match b {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        b'\n' => "\\n",
        b'\r' => "\\r",
        b'\t' => "\\t",
        0x08 => "\\b",
        0x0c => "\\f",
        0..0x20 => return Some(format!("\\u{b:04x}").into()),
        _ => return None,
    };
    Some(short.into())
}

/// The length of the start of `bytes`, a multiple of 8, with nothing to escape: tested eight
/// bytes at a time (most text has nothing to escape at all).
fn plain_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `x` is below `n` (at most 0x80): a borrow reaches its high bit.
    let any_below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH != 0;
    let any_equal = |x: u64, b: u8| any_below(x ^ (ONES * u64::from(b)), 1);
    let plain = |x: u64| !(any_below(x, 0x20) || any_equal(x, b'"') || any_equal(x, b'\\'));
    let chunks = bytes.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")));
    8 * chunks.take_while(|&x| plain(x)).count()
}

/// Splits `total` characters among sections: short ones keep all, long ones share the rest.
fn fair_shares(lengths: &[usize], total: usize) -> Vec<usize> {
    let mut shares = vec![0; lengths.len()];
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    let mut left = total;
    for (n, &i) in order.iter().enumerate() {
        let fair = left / (lengths.len() - n);
        shares[i] = lengths[i].min(fair);
        left -= shares[i];
    }
    shares
}

/// `text` (of `len` characters) cut to its first `chars` characters, then back to a word
/// boundary, when it is longer (the caller marks the cut with `…`); `None` when it fits.
fn truncate_words(text: &str, len: usize, chars: usize) -> Option<&str> {
    if len <= chars {
        return None;
    }
    let end = text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
    let cut = &text[..end];
    Some(cut.rsplit_once(' ').map_or(cut, |(head, _)| head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_entities_from_summaries() {
        assert_eq!(strip_tags("<p>Một &amp; <em>hai</em></p>\n<p>ba &lt;4&gt;</p>"), "Một & hai ba <4>");
        assert_eq!(strip_tags("  <b>a</b>&amp;lt; &quot;b&#39;  \n "), "a &lt; \"b'");
        assert_eq!(strip_tags("<p></p>"), "");
        assert_eq!(strip_tags("a\u{a0}<br>\u{3000}b&amp;&x &#39;<i"), "a b&&x '");
        assert_eq!(strip_tags("Học <a href=\"/x?a&amp;b\">tập</a>\n\n suốt&nbsp;đời"), "Học tập suốt&nbsp;đời");
    }

    #[test]
    fn stored_records_are_the_json_serde_writes() {
        let section = |anchor: &str, heading: &str, text: String| TextSection {
            anchor: anchor.into(),
            heading: heading.into(),
            text,
        };
        let record = SearchRecord {
            url: "/tin-tuc/a/".into(),
            title: "\"Học\" tập \\ suốt\tđời\u{1}\u{7f} </script>".into(),
            kind: Kind::News,
            date: "21/04/2024".into(),
            sort_date: "2024-04-21".into(),
            year: Some(2024),
            commune: None,
            resource_type: None,
            summary: "Tóm tắt\r\n\u{8}\u{c}".into(),
            meta: String::new(),
            sections: vec![section("", "", "ngắn".into()), section("muc-1", "Mục \"1\"", "chữ dài ".repeat(400))]
                .into(),
        };
        let mut written = Vec::new();
        record.write_stored(&mut written, STORED_TEXT_CHARS);
        let text = |s: &TextSection, keep: usize| match truncate_words(&s.text, s.text.chars().count(), keep) {
            Some(kept) => format!("{kept} …"),
            None => s.text.clone(),
        };
        let shares = fair_shares(&[4, 3200], STORED_TEXT_CHARS);
        let expected = serde_json::json!({
            "u": record.url, "t": record.title, "k": "news", "d": record.date, "s": record.summary,
            "h": [["", "", text(&record.sections[0], shares[0])], ["muc-1", "Mục \"1\"", text(&record.sections[1], shares[1])]],
        });
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&written).unwrap(), expected);
        // Keys in the order the script's older records had, escapes as compact as serde's.
        let written = String::from_utf8(written).unwrap();
        let head =
            "{\"u\":\"/tin-tuc/a/\",\"t\":\"\\\"Học\\\" tập \\\\ suốt\\tđời\\u0001\u{7f} </script>\",\"k\":\"news\",";
        assert!(written.starts_with(head), "{written}");
        assert!(written.contains(r#","s":"Tóm tắt\r\n\b\f","h":[["","","ngắn"],["muc-1","#));
        // A summary that only repeats the start of the text is left out.
        let mut repeated = record.clone();
        repeated.summary = "chữ dài chữ".into();
        repeated.sections = vec![section("", "", "chữ dài ".repeat(400))].into();
        let mut written = Vec::new();
        repeated.write_stored(&mut written, STORED_TEXT_CHARS);
        let back: serde_json::Value = serde_json::from_slice(&written).unwrap();
        assert!(back.get("s").is_none() && back["h"][0][2].as_str().unwrap().starts_with("chữ dài chữ"));
        // Escapes at every position of a run tested eight bytes at a time.
        for at in 0..24 {
            for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', 'ệ'] {
                let mut text: String = "abcdefghijklmnopqrstuvwx".into();
                text.replace_range(at..at + 1, &special.to_string());
                let mut out = Vec::new();
                json_string(&mut out, &text, "");
                assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap(), "{text:?}");
            }
        }
        // Several escapes in one block of eight, and in the suffix.
        let dense = "\"\\\n\t\u{0}ab\"\u{7f}cdefgh\\";
        let mut out = Vec::new();
        json_string(&mut out, dense, " \"…\"");
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&format!("{dense} \"…\"")).unwrap());
    }

    #[test]
    fn long_pages_keep_a_fair_share_of_every_section() {
        let shares = fair_shares(&[100, 5000, 5000], STORED_TEXT_CHARS);
        assert_eq!(shares[0], 100);
        assert_eq!(shares[1] + shares[2], STORED_TEXT_CHARS - 100);
        assert_eq!(fair_shares(&[10, 20], STORED_TEXT_CHARS), vec![10, 20]);
        assert_eq!(fair_shares(&[5000, 5000], stored_text_chars(4)), vec![300, 300]);
        assert_eq!(stored_text_chars(1), STORED_TEXT_CHARS);
        assert_eq!(truncate_words("học tập suốt đời", 16, 9), Some("học tập"));
        assert_eq!(truncate_words("học tập", 7, 9), None);
    }
}
