//! Open data: each indicator as CSV (the same `Year,area,Value` format the loader reads, so a
//! download can be edited and put back) and JSON (the input format, with `$schema`), and all
//! indicators of a section in one CSV and one JSON file.
//!
//! CSV files start with a byte-order mark and end lines with CRLF, so that spreadsheets open
//! Vietnamese text correctly; text cells are defused against formulas.

use serde_json::{json, Value};

use super::csv::{number_cell, text_cell};
use super::schema::SCHEMA_PATH;
use super::Entry;
use crate::Site;

/// Byte-order mark: tells spreadsheets the file is UTF-8.
const BOM: &str = "\u{feff}";

/// One indicator's values as `Year,area,Value` (blank area: the whole area).
pub fn indicator_csv(entry: &Entry) -> String {
    let mut out = format!("{BOM}Year,area,Value\r\n");
    for v in &entry.indicator.values {
        let area = v.area.as_deref().map(text_cell).unwrap_or_default();
        out.push_str(&format!("{},{area},{}\r\n", v.year, number_cell(v.value)));
    }
    out
}

/// One indicator in the input format, pointing at the published schema.
pub fn indicator_json(site: &Site, entry: &Entry) -> String {
    let mut indicator = entry.indicator.clone();
    indicator.schema = Some(site.config.permalink(SCHEMA_PATH));
    let mut text = serde_json::to_string_pretty(&indicator).unwrap_or_default();
    text.push('\n');
    text
}

/// All indicators of a section, one row per baseline, target and value.
pub fn section_csv<'a>(entries: impl Iterator<Item = &'a Entry>) -> String {
    let mut out = format!("{BOM}indicator,title,unit,type,Year,area,Value,note\r\n");
    for entry in entries {
        let ind = &entry.indicator;
        let head = format!("{},{},{}", text_cell(&ind.id), text_cell(&ind.title), text_cell(&ind.unit));
        let mut row = |kind: &str, year: i32, area: Option<&str>, value: f64, note: Option<&str>| {
            let area = area.map(text_cell).unwrap_or_default();
            let note = note.map(text_cell).unwrap_or_default();
            out.push_str(&format!("{head},{kind},{year},{area},{},{note}\r\n", number_cell(value)));
        };
        if let Some(b) = &ind.baseline {
            row("baseline", b.year, None, b.value, b.note.as_deref());
        }
        for t in &ind.targets {
            row("target", t.year, None, t.value, t.note.as_deref());
        }
        for v in &ind.values {
            row("value", v.year, v.area.as_deref(), v.value, v.note.as_deref());
        }
    }
    out
}

/// All indicators of a section with their page, status and the numbers behind it.
pub fn section_json<'a>(site: &Site, section_url: &str, entries: impl Iterator<Item = &'a Entry>) -> String {
    let items: Vec<Value> = entries
        .map(|entry| {
            let mut item = serde_json::to_value(&entry.indicator).unwrap_or(Value::Null);
            let p = &entry.progress;
            let point = |yv: Option<(i32, f64)>| yv.map(|(year, value)| json!({ "year": year, "value": value }));
            item["url"] = json!(site.config.permalink(&entry.url));
            item["progress"] = json!({
                "status": p.status.as_str(), "latest": point(p.latest), "target": point(p.target),
                "start": point(p.start), "expected": p.expected, "share": p.share,
            });
            item
        })
        .collect();
    let document = json!({
        "title": site.config.title,
        "publisher": site.config.organization,
        "url": site.config.permalink(section_url),
        "schema": site.config.permalink(SCHEMA_PATH),
        "indicators": items,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::schema::{Indicator, Observation};

    fn entry(values: Vec<Observation>) -> Entry {
        let indicator: Indicator = serde_json::from_str(r#"{ "id": "a", "title": "=A", "unit": "%" }"#).unwrap();
        let mut entry = Entry::new(indicator, "a.json".into(), 1, 0);
        entry.indicator.values = values;
        entry.finish();
        entry
    }

    #[test]
    fn indicator_csv_can_be_read_back() {
        let obs = |year, value: f64, area: Option<&str>| Observation {
            year,
            value,
            area: area.map(String::from),
            note: None,
        };
        let e = entry(vec![obs(2022, 41.25, None), obs(2023, 47.5, Some("Xã \"Mỹ\" Hòa, ấp 1"))]);
        let text = indicator_csv(&e);
        assert!(text.starts_with('\u{feff}'));
        let plain = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let rows = crate::indicators::csv::parse(&plain, ',').unwrap();
        assert_eq!(rows[1].cells, vec!["2022", "", "41.25"]);
        assert_eq!(rows[2].cells, vec!["2023", "Xã \"Mỹ\" Hòa, ấp 1", "47.5"]);
    }

    #[test]
    fn section_csv_defuses_formulas_in_titles() {
        let text = section_csv(std::iter::once(&entry(Vec::new())));
        assert!(text.contains("\r\n"));
        let text = section_csv(std::iter::once(&{
            let mut e = entry(Vec::new());
            e.indicator.targets.push(crate::indicators::schema::Point { year: 2025, value: 70.0, note: None });
            e
        }));
        assert!(text.contains("a,'=A,%,target,2025,,70,"), "{text}");
    }
}
