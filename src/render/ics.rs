//! iCalendar (`.ics`, RFC 5545) files so a citizen can add an event to a phone calendar.

use chrono::{Duration, Utc};

use crate::content::{KindMeta, Page};
use crate::dates::Date;
use crate::Site;

/// The `.ics` text of an event page, or `None` for other pages.
pub(crate) fn event_calendar(site: &Site, page: &Page, description: &str) -> Option<String> {
    let KindMeta::Event(e) = &page.meta.extra else { return None };
    let host =
        site.config.base_url.split("://").nth(1).unwrap_or("hoctap").split(['/', ':']).next().unwrap_or("hoctap");
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//hoctap//hoctap//VI".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", escape_text(&format!("{}@{host}", page.url.trim_matches('/').replace('/', "-")))),
        // DTSTAMP must be stable so an unchanged event builds byte-identical files.
        format!("DTSTAMP:{}", utc_stamp(page.meta.updated.or(page.meta.date).unwrap_or(e.start))),
    ];
    lines.push(time_property("DTSTART", e.start, false));
    if let Some(end) = e.end {
        lines.push(time_property("DTEND", end, !end.has_time));
    } else if !e.start.has_time {
        lines.push(time_property("DTEND", e.start, true));
    }
    lines.push(format!("SUMMARY:{}", escape_text(&page.meta.title)));
    if !e.location.is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(&e.location)));
    }
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(description)));
    }
    lines.push(format!("URL:{}", crate::urls::percent_encode(&site.config.permalink(&page.url))));
    lines.extend(["END:VEVENT".to_string(), "END:VCALENDAR".into()]);
    Some(lines.iter().map(|l| fold_line(l)).collect::<Vec<_>>().join("\r\n") + "\r\n")
}

/// All-day dates use `VALUE=DATE`; an all-day end is exclusive, hence the next day.
fn time_property(name: &str, date: Date, exclusive_end: bool) -> String {
    if date.has_time {
        format!("{name}:{}", utc_stamp(date))
    } else {
        let day = if exclusive_end { date.day() + Duration::days(1) } else { date.day() };
        format!("{name};VALUE=DATE:{}", day.format("%Y%m%d"))
    }
}

fn utc_stamp(date: Date) -> String {
    date.at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): the only way text enters a calendar.
///
/// `\`, `;` and `,` get a backslash; every line break (CRLF, a bare CR, LF) becomes `\n`, so
/// no text can end the line and start a property of its own; other control characters
/// (U+0000–U+001F but tab, U+007F), which no content line may hold, are dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "Tuần lễ hưởng ứng học tập suốt đời ".repeat(4));
        let folded = fold_line(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    #[test]
    fn all_day_end_is_exclusive() {
        let d = Date::parse("2026-10-07").unwrap();
        assert_eq!(time_property("DTEND", d, true), "DTEND;VALUE=DATE:20261008");
        let t = Date::parse("2026-12-05T07:30:00+07:00").unwrap();
        assert_eq!(time_property("DTSTART", t, false), "DTSTART:20261205T003000Z");
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("Hội trường; tầng 2, phòng A"), "Hội trường\\; tầng 2\\, phòng A");
        assert_eq!(escape_text("a\\b"), "a\\\\b");
    }

    #[test]
    fn every_line_break_becomes_an_escaped_newline_and_controls_go() {
        assert_eq!(escape_text("a\r\nb\rc\nd\r\re"), "a\\nb\\nc\\nd\\n\\ne");
        let controls: String = (0u8..0x20).chain([0x7f]).map(char::from).collect();
        assert_eq!(escape_text(&format!("x{controls}y")), "x\t\\n\\ny");
        let text = escape_text("END:VEVENT\r\nBEGIN:VEVENT\rSUMMARY:x");
        assert!(!text.contains(['\r', '\n']), "{text}");
    }

    #[test]
    fn uris_stay_one_token() {
        assert_eq!(
            crate::urls::percent_encode("https://a.vn/x y/\r\nBEGIN:VEVENT"),
            "https://a.vn/x%20y/%0D%0ABEGIN:VEVENT"
        );
        assert_eq!(crate::urls::percent_encode("https://a.vn/đ/"), "https://a.vn/%C4%91/");
    }
}
