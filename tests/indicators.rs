//! Indicator dashboards through the real binary: validation messages with their locations,
//! the chart, the tables, the downloads and the embeds (issue #3).
//!
//! Fixtures are mini-portals under `tests/fixtures/indicators/`; each test copies one to a
//! temporary folder and builds it there.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{ElementRef, Html, Selector};

/// A built copy of a fixture portal.
struct Built {
    dir: tempfile::TempDir,
    output: Output,
}

impl Built {
    fn site(&self, path: &str) -> PathBuf {
        self.dir.path().join("site").join(path.trim_start_matches('/'))
    }

    fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.site(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn page(&self, path: &str) -> Html {
        Html::parse_document(&self.text(path))
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/indicators").join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies fixture `name`, lets `edit` change the copy, and builds it with `--lang en` messages.
fn build(name: &str, edit: impl FnOnce(&Path)) -> Built {
    build_with(name, &[], edit)
}

/// Like [`build`], with more arguments to `hoctap build`.
fn build_with(name: &str, args: &[&str], edit: impl FnOnce(&Path)) -> Built {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    edit(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_hoctap"))
        .args(["build", "--lang", "en"])
        .args(args)
        .arg("--root")
        .arg(dir.path())
        .output()
        .unwrap();
    Built { dir, output }
}

fn build_ok(name: &str) -> Built {
    let built = build(name, |_| {});
    assert!(built.output.status.success(), "{}", built.stderr());
    built
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

fn attr(element: ElementRef<'_>, name: &str) -> f64 {
    element.value().attr(name).unwrap_or_else(|| panic!("no {name}")).parse().unwrap()
}

#[test]
fn every_validation_error_is_reported_with_its_file_line_and_path() {
    let built = build("invalid", |_| {});
    assert_eq!(built.output.status.code(), Some(1));
    let stderr = built.stderr();
    let expected = [
        "content/chi-so/bad.json:5:3: error: unknown field `colour` in an indicator",
        "content/chi-so/bad.json:7:26: error: `targets[0].year`: target year 2020 is not after the baseline year 2021",
        "content/chi-so/bad.json:9:30: error: `values[0].value`: has the wrong type",
        "content/chi-so/bad.json:10:15: error: `values[1].year`: year 1800 is outside 1900–2100",
        "content/chi-so/bad.json:11:30: error: `values[2].value`: percentage 170 is outside 0–100",
        "content/chi-so/bad.json:13:15: error: `values[4].year`: duplicate value for Xã Mỹ Hòa in 2023 (already given at content/chi-so/bad.json:12)",
        "content/chi-so/broken.json:4:3: error: invalid JSON: expected `,` or `}`",
        "content/chi-so/khong-ai.csv:1: error: no indicator has the id `khong-ai`",
        "content/chi-so/list.json:3:3: error: missing required field `[1].title`",
        "content/chi-so/list.json:3:11: error: `[1].id`: id `Thiếu Tên` may only hold lowercase ASCII letters, digits and `-`",
        "content/chi-so/list.json:3:32: error: `[1].unit`: has the wrong type",
        "content/chi-so/list.json:3:48: error: `[1].direction`: `up` is not allowed",
        "content/chi-so/tot.csv:2: error: `Year`: duplicate value for the whole area in 2022 (already given at content/chi-so/list.json:2)",
        "content/chi-so/tot.csv:3: error: `Value`: has the wrong type",
        "content/chi-so/tot.csv:4: error: `Year`: year 2300 is outside 1900–2100",
        "content/ke-hoach/ke-hoach.md:3:22: error: `indicators[1]`: no indicator has the id `tott`\n  = help: did you mean `tot`?",
        "content/tin-tuc/bai.md:8: error: no indicator has the id `khong-co`",
    ];
    for line in expected {
        assert!(stderr.contains(line), "missing:\n{line}\n--- stderr:\n{stderr}");
    }
    // The plan also names `nang-luc-thong-tin`, whose file has errors: not reported twice.
    assert!(!stderr.contains("`nang-luc-thong-tin`"), "{stderr}");
    assert!(stderr.contains(&format!("Build failed: {} error(s)", expected.len())), "{stderr}");
    assert!(!built.site("index.html").exists(), "nothing is written on failure");
}

#[test]
fn validation_errors_are_worded_in_vietnamese_too() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("invalid"), dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_hoctap")).args(["build", "--root"]).arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("content/chi-so/bad.json:10:15: lỗi: `values[1].year`: năm 1800 nằm ngoài khoảng 1900–2100"),
        "{stderr}"
    );
    assert!(stderr.contains("= gợi ý: có phải ý bạn là `tot`?"), "{stderr}");
}

#[test]
fn indicator_chart_is_accessible_svg_whose_points_match_the_data() {
    let built = build_ok("valid");
    let page = built.page("/chi-so/nang-luc-thong-tin/index.html");
    let svg = select(&page, "figure.ind-chart svg")[0];
    assert_eq!(svg.value().attr("role"), Some("img"));
    let labelled_by: Vec<&str> = svg.value().attr("aria-labelledby").unwrap().split(' ').collect();
    let title = select(&page, &format!("svg #{}", labelled_by[0]))[0];
    let desc = select(&page, &format!("svg #{}", labelled_by[1]))[0];
    // Untrusted text stays text: no element sneaks in from the title.
    assert_eq!(text_of(title), "Năng lực thông tin <b>& kỹ năng</b>");
    assert_eq!(title.children().count(), 1);
    let desc = text_of(desc);
    assert!(desc.contains("2022: 41,00\u{a0}%; 2023: 47,50\u{a0}%; 2024: 52,25\u{a0}%"), "{desc}");
    assert!(desc.contains("2025: 70,00\u{a0}%; 2030: 80,00\u{a0}%"), "{desc}");

    // One circle per whole-area value, each titled with its year and value, placed on
    // linear scales: equal steps in years and values give equal steps on screen.
    let circles = select(&page, "svg.chart circle");
    let points: Vec<(String, f64, f64)> =
        circles.iter().map(|c| (text_of(*c), attr(*c, "cx"), attr(*c, "cy"))).collect();
    let titles: Vec<&str> = points.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(titles, ["2022: 41,00\u{a0}%", "2023: 47,50\u{a0}%", "2024: 52,25\u{a0}%"]);
    let values = [41.0, 47.5, 52.25];
    assert!((points[1].1 - points[0].1 - (points[2].1 - points[1].1)).abs() < 0.15, "{points:?}");
    let slope = (points[1].2 - points[0].2) / (values[1] - values[0]);
    assert!(slope < 0.0, "higher values are drawn higher");
    assert!(((points[2].2 - points[1].2) / (values[2] - values[1]) - slope).abs() < 0.05, "{points:?}");
    // Targets are diamonds with titles; the baseline a square; the path is dashed.
    let targets: Vec<String> = select(&page, "svg .chart__targets path title").into_iter().map(text_of).collect();
    assert_eq!(
        targets,
        ["Target 2025: 70,00\u{a0}%", "Target 2030: 80,00\u{a0}%"].map(|t| t.replace("Target", "Chỉ tiêu"))
    );
    assert_eq!(select(&page, "svg rect.chart__base").len(), 1);
    assert_eq!(select(&page, "svg path.chart__path").len(), 1);
    // The baseline square sits on the value scale too.
    let base = select(&page, "svg rect.chart__base")[0];
    let base_cy = attr(base, "y") + 5.0;
    assert!((base_cy - (points[0].2 + slope * (35.2 - 41.0))).abs() < 0.2);
}

#[test]
fn indicator_page_shows_status_table_communes_and_downloads() {
    let built = build_ok("valid");
    let page = built.page("/chi-so/nang-luc-thong-tin/index.html");
    let status = text_of(select(&page, ".ind-page .ind-status")[0]);
    // The line from 35.2 (2021) to 70 (2025) expects 61.3 in 2024; 52.25 is 65 % of the gain.
    assert!(status.contains("Chậm so với lộ trình"), "{status}");
    let explanation = text_of(select(&page, ".ind-explain")[0]);
    assert!(
        explanation.contains("năm 2024 cần đạt 61,30\u{a0}%") && explanation.contains("bằng 65\u{a0}%"),
        "{explanation}"
    );
    assert!(text_of(select(&page, ".ind-rule")[0]).contains("95"));
    let rows: Vec<String> =
        select(&page, "table.ind-table")[0].select(&Selector::parse("tbody tr").unwrap()).map(text_of).collect();
    assert_eq!(rows.len(), 6, "2021 baseline, 2022–2024 values, 2025 and 2030 targets: {rows:?}");
    assert!(rows[0].contains("2021") && rows[0].contains("35,20\u{a0}%"));
    // Communes: latest value each, best first, with a bar as wide as the value on the scale
    // the header names (an SVG: a strict Content-Security-Policy would drop a `style`).
    let communes = select(&page, "table.ind-areas tbody tr");
    let names: Vec<String> = communes.iter().map(|r| text_of(select_in(*r, "th"))).collect();
    assert_eq!(names, ["Xã Tân Kiều", "Xã Mỹ Hòa", "=HYPERLINK(\"x\")"]);
    let bar = select_in(communes[0], ".ind-bar__fill");
    assert_eq!(bar.value().attr("width"), Some("61"));
    let header = text_of(select(&page, "table.ind-areas thead")[0]);
    assert!(header.contains("thanh đo 0–100"), "{header}");
    assert!(text_of(communes[1]).contains("48,50\u{a0}%"));
    assert!(text_of(select(&page, ".notice")[0]).contains("Số liệu minh họa"));
    let links: Vec<&str> = select(&page, ".ind-page a.button").iter().filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(
        links,
        ["/chi-so/nang-luc-thong-tin/nang-luc-thong-tin.csv", "/chi-so/nang-luc-thong-tin/nang-luc-thong-tin.json"]
    );
}

fn select_in<'a>(element: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    element.select(&Selector::parse(css).unwrap()).next().unwrap_or_else(|| panic!("no {css}"))
}

#[test]
fn csv_download_parses_back_to_the_same_numbers() {
    let built = build_ok("valid");
    let csv = built.text("/chi-so/nang-luc-thong-tin/nang-luc-thong-tin.csv");
    let plain = csv.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let rows = hoctap::indicators::csv::parse(&plain, ',').unwrap();
    assert_eq!(rows[0].cells, ["Year", "area", "Value"]);
    let from_csv: Vec<(i32, String, f64)> = rows[1..]
        .iter()
        .map(|r| (r.cells[0].parse().unwrap(), r.cells[1].clone(), r.cells[2].parse().unwrap()))
        .collect();
    let json: serde_json::Value =
        serde_json::from_str(&built.text("/chi-so/nang-luc-thong-tin/nang-luc-thong-tin.json")).unwrap();
    let from_json: Vec<(i32, String, f64)> = json["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["year"].as_i64().unwrap() as i32,
                v["area"].as_str().unwrap_or("").to_string(),
                v["value"].as_f64().unwrap(),
            )
        })
        .collect();
    let defused: Vec<(i32, String, f64)> = from_json
        .iter()
        .map(|(y, a, v)| (*y, if a.starts_with('=') { format!("'{a}") } else { a.clone() }, *v))
        .collect();
    assert_eq!(from_csv, defused);
    assert!(from_csv.contains(&(2024, String::new(), 52.25)));
    assert!(from_csv.contains(&(2024, "Xã Mỹ Hòa".into(), 48.5)), "decimal commas of `;` files are read");
    assert_eq!(json["$schema"], "https://xhht.example.vn/schemas/indicator-v1.json");
}

#[test]
fn open_data_files_hold_every_indicator_with_its_status() {
    let built = build_ok("valid");
    let data: serde_json::Value = serde_json::from_str(&built.text("/chi-so/du-lieu.json")).unwrap();
    let statuses: Vec<(&str, &str)> = data["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["progress"]["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [("nang-luc-thong-tin", "behind"), ("ty-le-mu-chu", "behind"), ("chua-co-so-lieu", "no-data")]
    );
    let csv = built.text("/chi-so/du-lieu.csv");
    assert!(csv.contains("nang-luc-thong-tin,Năng lực thông tin <b>& kỹ năng</b>,%,baseline,2021,,35.2,\r\n"), "{csv}");
    assert!(csv.contains(",value,2024,\"'=HYPERLINK(\"\"x\"\")\",20,"), "formulas are defused: {csv}");
    let schema: serde_json::Value = serde_json::from_str(&built.text("/schemas/indicator-v1.json")).unwrap();
    assert_eq!(schema["$id"], "https://xhht.example.vn/schemas/indicator-v1.json");
}

#[test]
fn overview_groups_indicators_with_latest_value_target_and_status() {
    let built = build_ok("valid");
    let page = built.page("/chi-so/index.html");
    let groups: Vec<String> = select(&page, ".ind-group h2").into_iter().map(text_of).collect();
    assert_eq!(groups, ["Năng lực của người dân", "Chỉ số khác"]);
    let cards = select(&page, ".ind-card");
    assert_eq!(cards.len(), 3);
    let first = text_of(cards[0]);
    assert!(first.contains("52,25\u{a0}%") && first.contains("2025") && first.contains("70,00\u{a0}%"), "{first}");
    assert_eq!(select(&page, ".ind-card svg.spark[aria-hidden=true]").len(), 3);
    let lower = text_of(cards[1]);
    assert!(lower.contains("Chậm so với lộ trình"), "lower is better: 10 → 8 of 10 → 2: {lower}");
    assert!(text_of(cards[2]).contains("Chưa đủ số liệu"));
}

#[test]
fn plans_and_shortcodes_show_indicator_cards() {
    let built = build_ok("valid");
    let plan = built.page("/ke-hoach/ke-hoach-2024/index.html");
    let linked: Vec<&str> =
        select(&plan, ".ind-plan .ind-card__title a").iter().filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(linked, ["/chi-so/nang-luc-thong-tin/", "/chi-so/ty-le-mu-chu/"]);
    let news = built.page("/tin-tuc/so-ket/index.html");
    let embeds = select(&news, ".prose .ind-card--embed");
    assert_eq!(embeds.len(), 1);
    assert!(text_of(embeds[0]).contains("Chậm so với lộ trình"));
    assert!(
        text_of(select(&news, ".prose code")[0]).contains("chi_so(id=\"khong-co\")"),
        "a shortcode inside a sentence stays text"
    );
    let indicator = built.page("/chi-so/nang-luc-thong-tin/index.html");
    assert!(
        select(&indicator, "a[href='/ke-hoach/ke-hoach-2024/']").len() == 1,
        "the indicator links back to its plan"
    );
}

#[test]
fn english_portals_write_numbers_with_a_decimal_point() {
    let built = build("valid", |root| {
        let config = root.join("hoctap.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(config, format!("{text}language = \"en\"\n")).unwrap();
    });
    assert!(built.output.status.success(), "{}", built.stderr());
    let page = built.text("/chi-so/nang-luc-thong-tin/index.html");
    assert!(page.contains("52.25%") && page.contains("Behind"));
    assert!(built.site("/chi-so/data.csv").exists() && built.site("/chi-so/data.json").exists());
}

#[test]
fn editing_only_indicator_data_rebuilds_its_pages() {
    let built = build_ok("valid");
    let csv = built.dir.path().join("content/chi-so/nang-luc-thong-tin.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, text.replace("2024;Xã Tân Kiều;61", "2024;Xã Tân Kiều;66,5")).unwrap();
    let again =
        Command::new(env!("CARGO_BIN_EXE_hoctap")).args(["build", "--root"]).arg(built.dir.path()).output().unwrap();
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let page = built.text("/chi-so/nang-luc-thong-tin/index.html");
    assert!(page.contains("66,50\u{a0}%"), "data files are part of the build fingerprint");
}

#[test]
fn search_finds_indicator_pages() {
    let built = build_ok("valid");
    let stored = walkdir::WalkDir::new(built.site("/search-index/r"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .find(|text| text.contains("\"u\":\"/chi-so/nang-luc-thong-tin/\""))
        .expect("a stored search record for the indicator page");
    assert!(stored.contains("\"k\":\"indicators\"") && stored.contains("65\u{a0}%"), "{stored}");
}

/// A draft indicator (as `hoctap import` writes them) is built only with `--drafts`; a plan
/// naming it builds either way, listing it only when it is built.
#[test]
fn draft_indicators_are_built_only_with_drafts() {
    let add_draft = |root: &Path| {
        let draft = r#"{ "id": "lop-ky-nang-so", "title": "Lớp kỹ năng số", "unit": "lớp", "direction": "maintain",
            "draft": true, "targets": [{ "year": 2025, "value": 2, "note": "Kế hoạch 2024" }] }"#;
        std::fs::write(root.join("content/chi-so/lop-ky-nang-so.json"), draft).unwrap();
        let plan = root.join("content/ke-hoach/ke-hoach-2024.md");
        let text = std::fs::read_to_string(&plan)
            .unwrap()
            .replace(r#""ty-le-mu-chu"]"#, r#""ty-le-mu-chu", "lop-ky-nang-so"]"#);
        std::fs::write(plan, text).unwrap();
    };
    let plan_links = |built: &Built| {
        let page = built.page("/ke-hoach/ke-hoach-2024/index.html");
        select(&page, "a").iter().filter_map(|a| a.value().attr("href")).any(|h| h.contains("lop-ky-nang-so"))
    };
    let published = build("valid", add_draft);
    assert!(published.output.status.success(), "{}", published.stderr());
    assert!(!published.site("/chi-so/lop-ky-nang-so/index.html").exists());
    assert!(!published.text("/chi-so/index.html").contains("Lớp kỹ năng số"));
    assert!(!plan_links(&published));

    let previewed = build_with("valid", &["--drafts"], add_draft);
    assert!(previewed.output.status.success(), "{}", previewed.stderr());
    let page = previewed.page("/chi-so/lop-ky-nang-so/index.html");
    assert!(text_of(select(&page, "h1")[0]).contains("Lớp kỹ năng số"));
    assert!(plan_links(&previewed));
}
