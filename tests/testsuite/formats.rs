//! Output formats stay valid whatever the text: NUL, every C0 control, U+FFFE, U+FFFF, bare CR,
//! `]]>`, `</script>` and quotes in titles, tags, summaries, bodies, locations and the portal's
//! own name. Feeds and sitemaps parse as XML, calendars as RFC 5545, JSON as JSON, CSV as
//! CSV, charts as SVG without `NaN` or `inf`; a `base_url` that could break them is refused;
//! front matter nested 100,000 levels deep is refused at once.

use std::time::{Duration, Instant};

use crate::util::{Build, PortalTest};

/// Text with everything a format might not hold.
fn hostile() -> String {
    let mut text = String::from("Tiêu đề \"nháy\" 'đơn' & <b>in đậm</b> ]]> </script><!-- ");
    text.extend((0u8..0x20).map(char::from));
    text.push_str("\u{7f}\u{85}\u{9f}\u{fffe}\u{ffff}\u{fffd}");
    text.push_str(" a\rb\r\nc;d,e\\f =1 cuối");
    text
}

/// `text` as a TOML basic string, every control and non-character written as `\uXXXX`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What XML can hold of `text`, with line ends as an XML parser reads them.
fn as_xml_reads(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
        .collect();
    kept.replace("\r\n", "\n").replace('\r', "\n")
}

/// A portal whose every text field is hostile: config, a news item, an event.
fn hostile_portal() -> PortalTest {
    let h = toml_string(&hostile());
    PortalTest::new("safety/minimal")
        .file(
            "hoctap.toml",
            format!(
                "title = {h}\ndescription = {h}\norganization = {h}\nbase_url = \"https://hoctap.example.vn/cong\"\n\
                 language = \"vi\"\n[contact]\naddress = {h}\n"
            ),
        )
        .file(
            "content/tin-tuc/doc.md",
            format!(
                "+++\ntitle = {h}\ndate = 2025-05-01\nsummary = {h}\ntags = [{h}, \"thẻ\"]\ncommune = {h}\n+++\n\n\
                 Thân bài \u{0}\u{1}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff} ]]> </script> \"x\" & y.\n"
            ),
        )
        .file("content/su-kien/_index.md", "+++\ntitle = \"Sự kiện\"\nkind = \"events\"\n+++\n")
        .file(
            "content/su-kien/hop.md",
            format!(
                "+++\ntitle = {h}\nstart = 2026-05-01T08:00:00+07:00\nlocation = {h}\norganizer = {h}\nsummary = {h}\n+++\n\n\
                 Mô tả \u{0}\u{1}\r dòng\u{1f}.\n"
            ),
        )
}

/// Every built file whose name ends with `ext`.
fn files_ending(build: &Build, ext: &str) -> Vec<String> {
    let files: Vec<String> = build.files().into_iter().filter(|f| f.ends_with(ext)).collect();
    assert!(!files.is_empty(), "no {ext} file built");
    files
}

#[test]
fn every_feed_and_sitemap_is_well_formed_xml_whatever_the_text() {
    let build = hostile_portal().build().success();
    let title = as_xml_reads(&hostile());
    let mut titles_seen = 0;
    for path in files_ending(&build, ".xml") {
        let xml = build.read(&path);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path} is not XML: {e}\n{xml:?}"));
        for node in doc.descendants().filter(|n| n.has_tag_name("title")) {
            let text = node.text().unwrap_or("");
            // Section feeds are titled "Section – portal".
            assert!(text.ends_with(&title) || !text.contains("Tiêu đề"), "{path}: title changed: {text:?}");
            titles_seen += usize::from(text == title);
        }
        for node in doc.descendants().filter(|n| n.has_tag_name("category")) {
            assert!(node.attribute("term").is_some(), "{path}");
        }
    }
    assert!(build.exists("/atom.xml") && build.exists("/sitemap.xml"));
    // The site feed's own title, the news item and the event, in the site and section feeds.
    assert!(titles_seen >= 3, "the hostile title was not kept in the feeds ({titles_seen})");
    let feed = build.read("/atom.xml");
    assert!(!feed.contains('\u{0}') && !feed.contains('\u{fffe}') && !feed.contains('\u{ffff}'));
}

/// The content lines of an `.ics` file, unfolded, after checking its physical lines.
fn ics_lines(path: &str, bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"));
    assert!(text.ends_with("\r\n"), "{path}: does not end with CRLF");
    let physical: Vec<&str> = text.strip_suffix("\r\n").unwrap_or(text).split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        assert!(line.len() <= 75, "{path}: line of {} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "{path}: bare CR or LF in {line:?}");
        assert!(!line.chars().any(|c| c.is_ascii_control() && c != '\t'), "{path}: control character in {line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().unwrap_or_else(|| panic!("{path}: starts folded")).push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

/// A TEXT value with its escapes undone; panics on an escape RFC 5545 does not have.
fn ics_unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in {value:?}");
            out.push(c);
        }
    }
    out
}

#[test]
fn every_calendar_is_valid_ics_whatever_the_text() {
    let build = hostile_portal().build().success();
    let files = files_ending(&build, ".ics");
    for path in &files {
        let lines = ics_lines(path, &build.bytes(path));
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"), "{path}");
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"), "{path}");
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1, "{path}");
        assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 1, "{path}");
        let known = [
            "BEGIN",
            "END",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "LOCATION",
            "DESCRIPTION",
            "URL",
        ];
        for line in &lines {
            let name = line.split([':', ';']).next().unwrap_or("");
            assert!(known.contains(&name), "{path}: unexpected property in {line:?}");
        }
        let value = |name: &str| lines.iter().find_map(|l| l.strip_prefix(&format!("{name}:"))).map(ics_unescape);
        let expected: String = hostile()
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| !c.is_ascii_control() || c == '\t' || c == '\n')
            .collect();
        assert_eq!(value("SUMMARY").as_deref(), Some(expected.as_str()), "{path}");
        assert_eq!(value("LOCATION").as_deref(), Some(expected.as_str()), "{path}");
        let description = value("DESCRIPTION").unwrap_or_default();
        assert!(!description.chars().any(|c| c.is_ascii_control() && c != '\n' && c != '\t'), "{description:?}");
        let url = lines.iter().find_map(|l| l.strip_prefix("URL:")).expect("URL");
        assert!(url.starts_with("https://hoctap.example.vn/cong/su-kien/"), "{url}");
    }
}

/// `base_url` values that would inject a property, a tag or an attribute, or are no URL.
const BAD_BASE_URLS: &[&str] = &[
    "https://hoctap.example.vn\r\nBEGIN:VEVENT",
    "https://hoctap.example.vn\nx",
    "https://hoctap.example.vn\u{0}",
    "https://hoctap.example.vn/\"><script>alert(1)</script>",
    "https://hoctap.example.vn/<x>",
    "https://hoctap.example.vn\\cong",
    "https://hoctap.example.vn/ cong",
    "https://user:mat-khau@hoctap.example.vn",
    "https://",
    "hoctap.example.vn",
    "javascript:alert(1)",
];

#[test]
fn a_base_url_that_could_break_a_file_is_refused_at_its_line() {
    for url in BAD_BASE_URLS {
        let config = format!("title = \"Cổng\"\nlanguage = \"vi\"\nbase_url = {}\n", toml_string(url));
        let build = PortalTest::new("safety/minimal").file("hoctap.toml", config).build().failure();
        build.stderr_has(&[
            "hoctap.toml:3: lỗi: `base_url`",
            "không phải địa chỉ web hợp lệ",
            "gợi ý:",
            "base_url = \"https://",
        ]);
        assert!(!build.exists("/index.html"), "{url:?}: built anyway");
    }
    let config = format!("title = \"Cổng\"\nbase_url = {}\n", toml_string(BAD_BASE_URLS[0]));
    let build = PortalTest::new("safety/minimal").file("hoctap.toml", config).args(&["--lang", "en"]).build().failure();
    build.stderr_has(&["hoctap.toml:2: error: `base_url`", "is not a valid web address", "a line break", "help:"]);
}

#[test]
fn a_base_url_from_the_command_line_is_checked_the_same_way() {
    // (A NUL cannot be passed as an argument.)
    for url in BAD_BASE_URLS.iter().filter(|u| !u.contains('\u{0}')) {
        let build = PortalTest::new("safety/minimal").args(&["--base-url", url, "--lang", "en"]).build().failure();
        build.stderr_has(&["--base-url: error: `--base-url`", "is not a valid web address", "--base-url https://"]);
        assert!(!build.exists("/index.html"), "{url:?}: built anyway");
    }
    let build = PortalTest::new("safety/minimal").args(&["--base-url", "http://[::1]:8080/cong/"]).build().success();
    assert!(build.read("/sitemap.xml").contains("<loc>http://[::1]:8080/cong/</loc>"));
}

#[test]
fn every_json_file_and_json_ld_block_parses_and_keeps_the_text() {
    let build = hostile_portal().build().success();
    for path in files_ending(&build, ".json") {
        let text = build.read(&path);
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let mut names = 0;
    for path in build.html_files() {
        let page = build.page(&path);
        for script in page.all("script[type='application/ld+json']") {
            let raw: String = script.text().collect();
            assert!(!raw.contains('<') && !raw.contains('\u{0}'), "{path}: raw JSON-LD {raw:?}");
            let value: serde_json::Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{path}: {e}\n{raw}"));
            names += usize::from(value["name"] == hostile());
        }
    }
    assert!(names >= 2, "JSON-LD lost the text of the news item and the event ({names})");
}

/// An indicators portal with one indicator file.
fn indicator_portal(json: &str) -> PortalTest {
    PortalTest::new("safety/minimal")
        .file("content/chi-so/_index.md", "+++\ntitle = \"Chỉ số\"\nkind = \"indicators\"\n+++\n")
        .file("content/chi-so/chi-so.json", json)
}

/// Every inline `<svg>…</svg>` of a page's source.
fn svgs(source: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

#[test]
fn charts_are_valid_svg_without_nan_or_infinity_at_the_limits() {
    let title = serde_json::to_string(&hostile()).unwrap();
    let json = format!(
        r#"[{{ "id": "lon", "title": {title}, "unit": "người", "notes": {title},
              "baseline": {{ "year": 2020, "value": -1e15 }},
              "targets": [ {{ "year": 2030, "value": 0 }} ],
              "values": [ {{ "year": 2021, "value": 1e15, "area": {title} }}, {{ "year": 2022, "value": -1e15 }},
                          {{ "year": 2023, "value": 0 }} ] }},
            {{ "id": "khong", "title": "Không", "unit": "%", "targets": [ {{ "year": 2025, "value": 0 }} ],
              "values": [ {{ "year": 2024, "value": 0 }} ] }},
            {{ "id": "trong", "title": "Trống", "unit": "xã", "targets": [] }}]"#
    );
    let build = indicator_portal(&json).build().success();
    let mut charts = 0;
    for path in build.html_files() {
        let source = build.read(&path);
        for svg in svgs(&source) {
            let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{path}: SVG is not XML: {e}\n{svg}"));
            charts += 1;
            for node in doc.descendants() {
                for attribute in node.attributes() {
                    let value = attribute.value();
                    assert!(!value.contains("NaN") && !value.contains("inf"), "{path}: {}={value:?}", attribute.name());
                    let numbers = value.split([' ', ',', 'M', 'L', 'l', 'z']).filter_map(|t| t.parse::<f64>().ok());
                    for n in numbers {
                        assert!(n.is_finite() && n.abs() < 1e6, "{path}: {}={value:?}", attribute.name());
                    }
                }
            }
            assert!(!svg.contains("NaN") && !svg.contains(">inf") && !svg.contains("-inf"), "{path}: {svg}");
        }
    }
    assert!(charts >= 3, "the indicator pages drew {charts} charts");
}

#[test]
fn an_indicator_value_too_large_for_a_chart_is_a_located_error() {
    let json = "{\n  \"id\": \"lon\", \"title\": \"Lớn\", \"unit\": \"người\",\n  \"values\": [\n    { \"year\": 2021, \"value\": 1 },\n    { \"year\": 2022, \"value\": -1e308 },\n    { \"year\": 2023, \"value\": 1e308 }\n  ]\n}\n";
    let build = indicator_portal(json).args(&["--lang", "en"]).build().failure();
    build.stderr_has(&["content/chi-so/chi-so.json:5:", "`values[1].value`: value -1e+308 is too large"]);
    build.stderr_has(&["content/chi-so/chi-so.json:6:", "`values[2].value`: value 1e+308 is too large"]);
    let csv = "Year,Value\n2021,1\n2022,1e308\n";
    let build = indicator_portal("{ \"id\": \"lon\", \"title\": \"Lớn\", \"unit\": \"người\" }")
        .file("content/chi-so/lon.csv", csv)
        .build()
        .failure();
    build.stderr_has(&["content/chi-so/lon.csv:3:", "giá trị 1e308 quá lớn"]);
}

#[test]
fn csv_exports_parse_and_defuse_formulas_whatever_the_text() {
    let formula = "=HYPERLINK(\"http://x.test\",\"bấm\")\u{0}\u{1}\r\n;,\"";
    let text = serde_json::to_string(formula).unwrap();
    let hostile = serde_json::to_string(&hostile()).unwrap();
    let json = format!(
        r#"{{ "id": "cong-thuc", "title": {text}, "unit": "@SUM(A1)", "notes": {hostile},
             "baseline": {{ "year": 2020, "value": 1, "note": "+1" }},
             "targets": [ {{ "year": 2030, "value": -2, "note": {hostile} }} ],
             "values": [ {{ "year": 2021, "value": 3, "area": "-Xã", "note": "\tx" }},
                         {{ "year": 2022, "value": 4, "area": {hostile} }} ] }}"#
    );
    let build = indicator_portal(&json).build().success();
    for path in files_ending(&build, ".csv") {
        let text = build.read(&path);
        let text = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("{path}: no BOM"));
        assert!(!text.chars().any(|c| c.is_ascii_control() && !matches!(c, '\t' | '\r' | '\n')), "{path}: {text:?}");
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let width = reader.headers().unwrap_or_else(|e| panic!("{path}: {e}")).len();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
            assert_eq!(record.len(), width, "{path}: {record:?}");
            for cell in record.iter() {
                let number = cell.parse::<f64>().is_ok();
                assert!(number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{path}: formula cell {cell:?}");
            }
            rows += 1;
        }
        assert!(rows >= 2, "{path}: {rows} rows");
    }
}

/// Builds a page whose front matter is `front` and expects a fast, located refusal.
#[track_caller]
fn refused_fast(front: String, located: &str) {
    let portal = PortalTest::new("safety/minimal").file("content/tin-tuc/sau.md", front);
    let start = Instant::now();
    let build = portal.build().failure();
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    build.stderr_has(&[located]);
}

#[test]
fn front_matter_nested_a_hundred_thousand_levels_is_refused_at_its_line() {
    let deep = 100_000;
    refused_fast(format!("---\ntitle: A\ntags: {}\n---\n", "[".repeat(deep)), "content/tin-tuc/sau.md:3:");
    refused_fast(
        format!("---\ntitle: A\ntags: {}1{}\n---\n", "[".repeat(deep), "]".repeat(deep)),
        "content/tin-tuc/sau.md:3:",
    );
    refused_fast(format!("---\ntitle: A\ntags: {}1\n---\n", "- ".repeat(deep)), "content/tin-tuc/sau.md:3:");
    refused_fast(format!("---\ntitle: A\ntags: {}\n---\n", "{a: ".repeat(deep)), "content/tin-tuc/sau.md:3:");
    refused_fast(
        format!("+++\ntitle = \"A\"\ntags = {}1{}\n+++\n", "[".repeat(deep), "]".repeat(deep)),
        "content/tin-tuc/sau.md:3:",
    );
    refused_fast(
        format!("+++\ntitle = \"A\"\ntags = {}1{}\n+++\n", "{a = ".repeat(deep), "}".repeat(deep)),
        "content/tin-tuc/sau.md:3:",
    );
    let mut bomb = String::from(
        "---\ntitle: A\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
    }
    bomb.push_str("---\n");
    refused_fast(bomb, "content/tin-tuc/sau.md:");
}

#[test]
fn indicator_json_nested_a_hundred_thousand_levels_is_refused_at_its_line() {
    let json =
        format!("{{ \"id\": \"a\", \"title\": \"A\", \"unit\": \"xã\",\n  \"notes\": {}\n}}\n", "[".repeat(100_000));
    let start = Instant::now();
    let build = indicator_portal(&json).build().failure();
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    build.stderr_has(&["content/chi-so/chi-so.json:2:"]);
}
