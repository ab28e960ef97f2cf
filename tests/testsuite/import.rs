//! `hoctap import`: Word plans built from the five real plan texts in
//! `tests/fixtures/import/` (see `docx_fixture.rs`) are imported with the real binary; the
//! plan page is built and parsed, the draft indicators checked, and the accuracy of the
//! header fields, targets and headings measured against what a person reads in each plan.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::docx_fixture::{self, Spec};
use super::util::{fixture_dir, snapshot, PortalTest};

/// A plan fixture: its text, its Word layout, and what a person reads in it.
struct Case {
    name: &'static str,
    spec: Spec,
    title: &'static str,
    number: &'static str,
    issuer: &'static str,
    issued: Option<&'static str>,
    period: &'static str,
    /// Roman-numeral headings, in order.
    headings: &'static [&'static str],
    /// Every numeric target of the goals sections: (value, year).
    targets: &'static [(f64, i32)],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "thap-muoi-2024",
            // A PDF converted to Word: one paragraph per printed line, nothing bold.
            spec: Spec {
                issuer: vec!["ỦY BAN NHÂN DÂN", "HUYỆN THÁP MƯỜI"],
                number_line: Some("Số:           /KH-UBND"),
                date_line: Some("Tháp Mười, ngày        tháng 02 năm 2024"),
                header_table: true,
                subtitle_lines: 1,
                table: true,
                ..Spec::default()
            },
            title: "Kế hoạch thực hiện “Xây dựng xã hội học tập” năm 2024",
            number: "",
            issuer: "Ủy ban nhân dân huyện Tháp Mười",
            issued: None,
            period: "2024",
            headings: &["I. MỤC TIÊU", "II. NHIỆM VỤ VÀ GIẢI PHÁP", "III. KINH PHÍ THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"],
            targets: &[
                (100.0, 2024), (90.0, 2024), (40.0, 2024), (40.0, 2024), (40.0, 2024), (10.0, 2024), (60.0, 2024),
                (70.0, 2024), (40.0, 2024),
            ],
        },
        Case {
            name: "vinh-tuong-2021-2030",
            // Header as paragraphs, Word heading styles, bullets from numbering.xml, signature table.
            spec: Spec {
                issuer: vec!["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH TƯỜNG"],
                number_line: Some("Số:    /KH-UBND"),
                date_line: Some("Vĩnh Tường, ngày    tháng 01 năm 2022"),
                subtitle_lines: 2,
                heading_styles: true,
                bullets: true,
                signer_table: vec!["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Chí Thái"],
                ..Spec::default()
            },
            title: "Kế hoạch “Xây dựng xã hội học tập giai đoạn 2021-2030” trên địa bàn huyện Vĩnh Tường",
            number: "",
            issuer: "Ủy ban nhân dân huyện Vĩnh Tường",
            issued: None,
            period: "2021-2030",
            headings: &["I. MỤC ĐÍCH - YÊU CẦU", "II. MỤC TIÊU", "III. NỘI DUNG THỰC HIỆN", "IV. KINH PHÍ", "V. TỔ CHỨC THỰC HIỆN"],
            targets: &[
                (70.0, 2025), (70.0, 2025), (50.0, 2025), (12.0, 2025), (80.0, 2025), (70.0, 2025), (60.0, 2025),
                (100.0, 2025), (100.0, 2025), (100.0, 2025), (100.0, 2025), (80.0, 2030), (80.0, 2030), (60.0, 2030),
                (16.0, 2030), (100.0, 2030), (90.0, 2030), (80.0, 2030), (100.0, 2030),
            ],
        },
        Case {
            name: "can-duoc-2023-2030",
            // Bold-paragraph headings, Roman numerals from numbering.xml, signature as paragraphs.
            spec: Spec {
                issuer: vec!["UBND HUYỆN CẦN ĐƯỚC", "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP"],
                number_line: Some("Số:    /KH-BCĐ"),
                date_line: Some("Cần Đước, ngày    tháng 02 năm 2024"),
                header_table: true,
                subtitle_lines: 1,
                roman_numbering: true,
                ..Spec::default()
            },
            title: "Kế hoạch thực hiện Phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030 trên địa bàn huyện Cần Đước",
            number: "",
            issuer: "UBND huyện Cần Đước – Ban chỉ đạo xây dựng xã hội học tập",
            issued: None,
            period: "2023-2030",
            headings: &[
                "I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU PHÂN ĐẦU ĐẾN NĂM 2030", "III. NỘI DUNG PHONG TRÀO THI ĐUA",
                "IV. TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG", "V. GIẢI PHÁP THỰC HIỆN", "VI. TIẾN ĐỘ THỰC HIỆN",
                "VII. KINH PHÍ THỰC HIỆN", "VIII. TỔ CHỨC THỰC HIỆN",
            ],
            targets: &[(100.0, 2030), (100.0, 2030)],
        },
        Case {
            name: "phu-my-2024",
            // Decomposed (NFD) text, the subtitle after a soft break, bold Roman headings, signature table.
            spec: Spec {
                issuer: vec!["ỦY BAN NHÂN DÂN", "THỊ TRẤN PHÚ MỸ"],
                number_line: Some("Số: 322/KH-UBND"),
                date_line: Some("Phú Mỹ, ngày 16 tháng 4 năm 2024"),
                header_table: true,
                subtitle_lines: 1,
                title_break: true,
                bold_roman: true,
                nfd: true,
                signer_table: vec!["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lý Minh Châu"],
                ..Spec::default()
            },
            title: "Kế hoạch xây dựng xã hội học tập thị trấn Phú Mỹ năm 2024",
            number: "322/KH-UBND",
            issuer: "Ủy ban nhân dân thị trấn Phú Mỹ",
            issued: Some("2024-04-16"),
            period: "2024",
            headings: &[
                "I. MỤC ĐÍCH, YÊU CẦU", "II. MỤC TIÊU", "III. NHIỆM VỤ VÀ GIẢI PHÁP", "IV. TỔ CHỨC THỰC HIỆN",
                "V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO",
            ],
            targets: &[
                (40.0, 2024), (40.0, 2024), (15.0, 2024), (8.0, 2024), (30.0, 2024), (100.0, 2024), (100.0, 2024),
                (93.0, 2024), (60.0, 2024), (25.0, 2024),
            ],
        },
        Case {
            name: "can-tho-2024",
            // No number or date line (the source has none), soft line breaks inside sentences, bullets.
            spec: Spec {
                issuer: vec!["BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP", "XÓA MÙ CHỮ - PHỔ CẬP GIÁO DỤC", "THÀNH PHỐ CẦN THƠ"],
                header_table: true,
                subtitle_lines: 1,
                soft_breaks: true,
                bullets: true,
                ..Spec::default()
            },
            title: "Kế hoạch xây dựng xã hội học tập năm 2024 trên địa bàn thành phố Cần Thơ",
            number: "",
            issuer: "Ban chỉ đạo xây dựng xã hội học tập – Xóa mù chữ – phổ cập giáo dục thành phố Cần Thơ",
            issued: None,
            period: "2024",
            headings: &["I. MỤC ĐÍCH YÊU CẦU", "II. MỤC TIÊU", "III. NHIỆM VỤ VÀ GIẢI PHÁP", "IV. KINH PHÍ THỰC HIỆN", "V. TỔ CHỨC THỰC HIỆN"],
            targets: &[
                (100.0, 2024), (100.0, 2024), (100.0, 2024), (66.0, 2024), (100.0, 2024), (90.0, 2024), (90.0, 2024),
                (30.0, 2024), (15.0, 2024), (90.0, 2024), (90.0, 2024), (90.0, 2024), (55.55, 2024), (80.0, 2024),
            ],
        },
    ]
}

/// The `.docx` of a case, written into `dir`.
fn docx(case: &Case, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(fixture_dir("import").join(format!("{}.txt", case.name))).expect("plan text");
    let path = dir.join(format!("{}.docx", case.name));
    std::fs::write(&path, docx_fixture::build(&text, &case.spec)).expect("write docx");
    path
}

/// A fresh sample-like portal with a plans and an indicators section.
fn portal() -> PortalTest {
    PortalTest::new("indicators/valid")
}

/// What one import wrote, read back.
struct Imported {
    portal: PortalTest,
    stdout: String,
    page: PathBuf,
    front: toml::Table,
    indicators: Vec<serde_json::Value>,
}

/// Imports a case into a fresh portal with the real binary.
fn import(case: &Case, lang: &str) -> Imported {
    let portal = portal();
    let file = docx(case, portal.temp());
    let before = snapshot(portal.root());
    let run = portal.run("import", &[file.to_str().unwrap(), "--lang", lang]);
    assert_eq!(run.code, 0, "{}: import failed:\n{}{}", case.name, run.stdout, run.stderr);
    let new: Vec<PathBuf> = snapshot(portal.root())
        .into_keys()
        .filter(|k| !before.contains_key(k))
        .map(|k| portal.root().join(k.trim_start_matches('/')))
        .collect();
    let page = new.iter().find(|p| p.extension().is_some_and(|e| e == "md")).expect("the plan page").clone();
    let text = std::fs::read_to_string(&page).unwrap();
    let front =
        text.strip_prefix("+++\n").and_then(|t| t.split_once("+++\n")).map(|(f, _)| f).expect("TOML front matter");
    let front: toml::Table = front.parse().expect("front matter parses");
    let indicators = new
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    Imported { portal, stdout: run.stdout, page, front, indicators }
}

/// Lower case, letters and digits only: how two spellings of a name are compared.
fn words(text: &str) -> String {
    let text: String = text.nfc().collect::<String>().to_lowercase();
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Per plan: header fields right (of 5), targets found with the right value and year (of
/// those in the plan), share of proposals that are real targets, headings in order.
#[test]
fn accuracy_over_the_five_plans_meets_the_goals() {
    let (mut header_right, mut header_all, mut found_right, mut expected_all, mut proposed_all) = (0, 0, 0, 0, 0);
    let mut table = String::from("plan                   header  targets found  precision  headings\n");
    for case in cases() {
        let imported = import(&case, "en");
        let front = &imported.front;
        let text = |key: &str| front.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let issued = front.get("issued").map(|v| v.to_string());
        let header = [
            words(&text("title")) == words(case.title),
            text("number") == case.number,
            words(&text("issuer")) == words(case.issuer),
            issued.as_deref() == case.issued,
            text("period") == case.period,
        ];
        let right = header.iter().filter(|ok| **ok).count();
        assert!(right >= 4, "{}: header {header:?} in {front:#?}", case.name);

        let mut expected: Vec<(f64, i32)> = case.targets.to_vec();
        let proposed: Vec<(f64, i32)> = imported
            .indicators
            .iter()
            .map(|i| {
                let target = &i["targets"][0];
                (target["value"].as_f64().unwrap(), target["year"].as_i64().unwrap() as i32)
            })
            .collect();
        let mut matched = 0;
        for p in &proposed {
            if let Some(at) = expected.iter().position(|e| e == p) {
                expected.remove(at);
                matched += 1;
            }
        }

        let built = imported.portal.run("build", &["--drafts", "--lang", "en"]).success();
        let slug = imported.page.file_stem().unwrap().to_str().unwrap().to_string();
        let page = built.page(&format!("/ke-hoach/{slug}/"));
        let roman: Vec<String> = page
            .texts("main h2")
            .into_iter()
            .filter(|h| {
                h.split(' ')
                    .next()
                    .is_some_and(|l| l.ends_with('.') && l.trim_end_matches('.').chars().all(|c| "IVX".contains(c)))
            })
            .collect();
        let headings_ok = roman == case.headings.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        assert!(headings_ok, "{}: headings {roman:?}", case.name);

        table.push_str(&format!(
            "{:<22} {right}/5     {matched}/{:<2} {:>5.0}%   {matched}/{:<2} {:>5.0}%   {}\n",
            case.name,
            case.targets.len(),
            100.0 * matched as f64 / case.targets.len() as f64,
            proposed.len(),
            100.0 * matched as f64 / proposed.len().max(1) as f64,
            if headings_ok { "in order" } else { "WRONG" },
        ));
        header_right += right;
        header_all += 5;
        found_right += matched;
        expected_all += case.targets.len();
        proposed_all += proposed.len();
    }
    println!("{table}");
    let header = header_right as f64 / header_all as f64;
    let recall = found_right as f64 / expected_all as f64;
    let precision = found_right as f64 / proposed_all as f64;
    println!(
        "all: header {:.0}%, targets found {:.0}%, precision {:.0}%",
        header * 100.0,
        recall * 100.0,
        precision * 100.0
    );
    assert!(header >= 0.9 && recall >= 0.9 && precision >= 0.8, "{table}");
}

/// The imported page builds like any plan: heading hierarchy, lists, a table with merged
/// cells, no signature block or recipients in the body, the signer in a footer; the draft
/// indicators appear (linked from the plan) only with `--drafts`.
#[test]
fn imported_plan_builds_with_its_structure_and_draft_indicators() {
    let case = cases().into_iter().find(|c| c.name == "thap-muoi-2024").unwrap();
    let imported = import(&case, "vi");
    assert!(imported.stdout.contains("Đã tạo trang kế hoạch"), "{}", imported.stdout);
    assert!(imported.stdout.contains("number: văn bản để trống số hiệu"), "{}", imported.stdout);
    assert!(imported.stdout.contains("issued: ngày ký để trống"), "{}", imported.stdout);
    assert!(
        imported.stdout.contains("đoạn 16: “100% xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2"),
        "{}",
        imported.stdout
    );
    assert_eq!(imported.front["status"].as_str(), Some("draft"));
    assert!(imported.front.get("issued").is_none());
    let slug = imported.page.file_stem().unwrap().to_str().unwrap().to_string();
    let url = format!("/ke-hoach/{slug}/");

    let built = imported.portal.run("build", &[]).success();
    let page = built.page(&url);
    assert_eq!(page.text("h1"), case.title);
    let h3 = page.texts("main h3");
    assert!(h3.contains(&"1. Mục tiêu chung".to_string()) && h3.contains(&"2. Mục tiêu cụ thể".to_string()), "{h3:?}");
    // A sentence broken over two printed lines is one paragraph again.
    assert!(page.main_text().contains("Tuyên truyền, phổ biến, nâng cao nhận thức về xây dựng xã hội học tập"));
    let items = page.texts("main li");
    assert!(items.iter().any(|i| i.starts_with("Công tác xóa mù chữ và phổ cập giáo dục:")), "{items:?}");
    assert!(page.count("main li li") >= 8, "the `+` lines are nested under the `-` lines");
    // The table: the cell merged down repeats, the one merged across fills the first column.
    let cells = page.texts("main table td");
    assert_eq!(cells.iter().filter(|c| *c == "Trước ngày 20/11 hằng năm").count(), 2, "{cells:?}");
    assert!(cells.contains(&"Tuyên truyền | vận động".to_string()), "{cells:?}");
    let main = page.main_text();
    assert!(!main.contains("Nơi nhận") && !main.contains("Lưu: VT"), "the recipients stay out of the body");
    assert!(main.contains("Người ký: Nguyễn Văn Hiệp (KT. CHỦ TỊCH, PHÓ CHỦ TỊCH)"));
    assert!(!built.exists("/chi-so/ke-hoach-thuc-hien-xay-dung-xa-hoi-hoc-01-xa-thi-tran-dat-chuan-xoa-mu/"));

    let previewed = imported.portal.run("build", &["--drafts"]).success();
    let indicator = previewed.page("/chi-so/ke-hoach-thuc-hien-xay-dung-xa-hoi-hoc-01-xa-thi-tran-dat-chuan-xoa-mu/");
    assert_eq!(indicator.text("h1"), "Xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2");
    let links = previewed.page(&url).attrs("main a", "href");
    assert_eq!(links.iter().filter(|h| h.contains("/chi-so/ke-hoach-")).count(), 9, "{links:?}");
    let first = &imported.indicators.iter().find(|i| i["id"].as_str().unwrap().contains("-01-")).unwrap();
    assert_eq!(first["draft"], true);
    assert_eq!(first["unit"], "%");
    assert_eq!(first["group"], "Công tác xóa mù chữ và phổ cập giáo dục");
    assert!(first["notes"].as_str().unwrap().contains("đoạn 16: “100% xã, thị trấn"));
}

/// Decomposed (NFD) text comes out composed; a signed plan gets its number and date.
#[test]
fn nfd_documents_come_out_nfc() {
    let case = cases().into_iter().find(|c| c.name == "phu-my-2024").unwrap();
    let imported = import(&case, "en");
    let text = std::fs::read_to_string(&imported.page).unwrap();
    assert_eq!(text, text.nfc().collect::<String>(), "the page is NFC");
    assert!(text.contains("Ủy ban nhân dân thị trấn Phú Mỹ") && text.contains("issued = 2024-04-16"));
    assert_eq!(imported.front["status"].as_str(), Some("in-force"));
    for indicator in &imported.indicators {
        let json = indicator.to_string();
        assert_eq!(json, json.nfc().collect::<String>());
    }
}

/// `--dry-run` writes nothing; a second import refuses to overwrite and writes nothing.
#[test]
fn dry_run_writes_nothing_and_an_existing_page_is_never_overwritten() {
    let case = cases().into_iter().find(|c| c.name == "can-tho-2024").unwrap();
    let portal = portal();
    let file = docx(&case, portal.temp());
    let before = snapshot(portal.root());
    let run = portal.run("import", &[file.to_str().unwrap(), "--dry-run", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Dry run (--dry-run): nothing written"), "{}", run.stdout);
    assert!(run.stdout.contains("Targets found: 14"), "{}", run.stdout);
    assert_eq!(snapshot(portal.root()), before);

    assert_eq!(portal.run("import", &[file.to_str().unwrap()]).code, 0);
    let after = snapshot(portal.root());
    assert_eq!(after.len(), before.len() + 15, "the page and 14 indicators");
    let again = portal.run("import", &[file.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(again.code, 1, "{}", again.stdout);
    assert!(
        again.stderr.contains("ke-hoach-xay-dung-xa-hoi-hoc-tap-nam-2024-tren-dia-ban-thanh-pho-can-tho.md"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("Not imported; no file was written."), "{}", again.stderr);
    assert_eq!(snapshot(portal.root()), after);
}

/// Every kind of bad input: a clear message in both languages, exit 1, nothing written.
#[test]
fn bad_files_are_refused_with_a_clear_message_and_nothing_written() {
    let portal = portal();
    let dir = portal.temp().to_path_buf();
    let ole = |extra: &[u8]| [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 504], extra].concat();
    let encrypted: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let case = &cases()[0];
    let text = std::fs::read_to_string(fixture_dir("import").join(format!("{}.txt", case.name))).unwrap();
    let good = docx_fixture::build(&text, &case.spec);
    let many: Vec<(String, String)> = (0..5001).map(|i| (format!("f{i}.xml"), String::new())).collect();
    let many: Vec<(&str, String)> = many.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let bomb = docx_fixture::zip_parts(&[("word/document.xml", " ".repeat(8 * 1024 * 1024))]);
    let files: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "ke-hoach.pdf",
            b"%PDF-1.7\n...".to_vec(),
            "not a Word .docx document but a PDF file",
            "không phải văn bản Word .docx mà là một tệp PDF",
        ),
        ("ke-hoach.txt", "KẾ HOẠCH\n".as_bytes().to_vec(), "but a plain-text file", "tệp văn bản thuần"),
        ("ke-hoach.doc", ole(b"WordDocument"), "old binary Word .doc file", "văn bản Word cũ dạng .doc"),
        ("ke-hoach-mat-khau.docx", ole(&encrypted), "protected by a password", "được bảo vệ bằng mật khẩu"),
        (
            "ke-hoach.odt",
            docx_fixture::zip_parts(&[
                ("mimetype", "application/vnd.oasis.opendocument.text".into()),
                ("content.xml", "<x/>".into()),
            ]),
            "OpenDocument text (.odt)",
            "văn bản OpenDocument (.odt)",
        ),
        (
            "bang.xlsx",
            docx_fixture::zip_parts(&[("xl/workbook.xml", "<x/>".into())]),
            "an Excel workbook",
            "một bảng tính Excel",
        ),
        ("hong.docx", good[..good.len() / 2].to_vec(), "damaged and cannot be read", "bị hỏng, không đọc được"),
        ("bom.docx", bomb, "it may be a zip bomb", "bom nén"),
        ("nhieu.docx", docx_fixture::zip_parts(&many), "holds 5001 entries", "chứa 5001 mục"),
    ];
    let before = snapshot(portal.root());
    for (name, bytes, en, vi) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        for (lang, needle) in [("en", en), ("vi", vi)] {
            let run = portal.run("import", &[path.to_str().unwrap(), "--lang", lang]);
            assert_eq!(run.code, 1, "{name}: {}", run.stderr);
            assert!(run.stderr.contains(needle), "{name} ({lang}): {}", run.stderr);
            assert!(run.stderr.contains(name), "{name}: the message names the file: {}", run.stderr);
        }
    }
    let run = portal.run("import", &[dir.join("ke-hoach.doc").to_str().unwrap(), "--lang", "en"]);
    assert!(run.stderr.contains("Save As"), "{}", run.stderr);
    assert_eq!(snapshot(portal.root()), before, "nothing was written");
}

/// A 60-page plan (the Tháp Mười plan's body twelve times over: about 175,000 characters,
/// 3,000 paragraphs, 108 targets) imports whole. Its speed is measured, not asserted here
/// (a timed test on a shared machine proves nothing): 0.04–0.1 s with a release build.
#[test]
fn a_sixty_page_plan_imports_whole() {
    let case = &cases()[0];
    let text = std::fs::read_to_string(fixture_dir("import").join(format!("{}.txt", case.name))).unwrap();
    let (head, body) = text.split_at(text.find("I. MỤC TIÊU").unwrap());
    let (body, tail) = body.split_at(body.find("Nơi nhận").unwrap());
    let long = format!("{head}{}{tail}", body.repeat(12));
    let portal = portal();
    let file = portal.temp().join("dai.docx");
    std::fs::write(&file, docx_fixture::build(&long, &case.spec)).unwrap();
    let run = portal.run("import", &[file.to_str().unwrap(), "--dry-run", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Targets found: 108"), "{}", run.stdout);
}

#[test]
fn help_shows_an_example() {
    let (code, stdout, _) = super::util::run_hoctap(&["import", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("hoctap import ke-hoach-322.docx --dry-run") && stdout.contains("--section"), "{stdout}");
}

/// An English portal from `hoctap init` has no indicators section: the plan page is written
/// into `plans/`, the report (in English) lists the targets and says none was written; a
/// `--section` that is not a plans section is refused. Markup in the Word text stays text.
#[test]
fn english_portal_without_indicators_and_a_wrong_section() {
    let portal = PortalTest::empty();
    assert_eq!(portal.run("init", &["--language", "en"]).code, 0);
    let case = cases().into_iter().find(|c| c.name == "can-duoc-2023-2030").unwrap();
    let text = std::fs::read_to_string(fixture_dir("import").join(format!("{}.txt", case.name))).unwrap();
    let text = text.replace(
        "- Đăng ký và thực hiện cam kết HTSD",
        "- {{ chi_so(id=\"x\") }} <script>alert(1)</script> *Đăng ký* và thực hiện cam kết HTSD",
    );
    let file = portal.temp().join("plan.docx");
    std::fs::write(&file, docx_fixture::build(&text, &case.spec)).unwrap();

    let wrong = portal.run("import", &[file.to_str().unwrap(), "--section", "news"]);
    assert_eq!(wrong.code, 1, "{}", wrong.stdout);
    assert!(wrong.stderr.contains("section `content/news` is of kind `news`, not a plans section"), "{}", wrong.stderr);

    let run = portal.run("import", &[file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Created the plan page")
            && run.stdout.contains("content/plans/ke-hoach-thuc-hien-phong-trao"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Targets found: 2; the portal has no indicators section"), "{}", run.stdout);
    let built = portal.run("build", &[]).success();
    let page = built.page("/plans/ke-hoach-thuc-hien-phong-trao-thi-dua-xay-dung-xa-hoi-hoc-tap-day-manh-hoc-tap/");
    assert_eq!(page.count("main script"), 0);
    let item = page.texts("main li").into_iter().find(|t| t.contains("chi_so")).expect("the item");
    // Shown as written (the theme's smart quotes aside), not run as a shortcode or script.
    assert!(item.starts_with("{{ chi_so(id=") && item.contains(") }} <script>alert(1)</script> Đăng ký"), "{item}");
    assert!(page.all("main li em").iter().any(|e| super::util::text_of(*e) == "Đăng ký"), "italic kept");
}
