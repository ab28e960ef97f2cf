//! Broken portals: each fixture under `tests/fixtures/errors/` has one kind of mistake.
//! The build must exit 1, name the file and line (counted in the whole file), the field, and
//! say how to fix it, in the portal's language (or `--lang`).

use crate::templates::PAGE_BLOCKS;
use crate::util::{run_hoctap, Build, PortalTest};

/// Builds `errors/<case>` and checks it failed without writing any output.
fn fail(case: &str, args: &[&str]) -> Build {
    let portal = PortalTest::new(&format!("errors/{case}")).args(args);
    let build = portal.build().failure();
    assert!(!build.out.exists(), "a failed build wrote {}", build.out.display());
    assert!(build.stdout.is_empty(), "stdout: {}", build.stdout);
    build
}

/// The diagnostic at `location` (`content/a.md:3`): its message (after `lỗi: `/`error: `)
/// and its help line (after `gợi ý: `/`help: `), if any.
#[track_caller]
fn diagnostic(build: &Build, location: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = build.stderr.lines().collect();
    let prefix = format!("{location}: ");
    let at = lines
        .iter()
        .position(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no diagnostic at `{location}` in:\n{}", build.stderr));
    let rest = &lines[at][prefix.len()..];
    let message = ["lỗi: ", "error: "]
        .iter()
        .find_map(|level| rest.strip_prefix(level))
        .unwrap_or_else(|| panic!("not an error: {rest}"))
        .to_string();
    let help = lines
        .get(at + 1)
        .and_then(|l| l.strip_prefix("  = gợi ý: ").or_else(|| l.strip_prefix("  = help: ")).map(str::to_string));
    (message, help)
}

/// How many diagnostics stderr holds (lines that start with a location).
fn error_count(build: &Build) -> usize {
    build
        .stderr
        .lines()
        .filter(|l| l.starts_with("content/") && (l.contains(": lỗi: ") || l.contains(": error: ")))
        .count()
}

#[track_caller]
fn assert_has(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "{text:?} lacks {needle:?}");
    }
}

#[test]
fn reports_bad_toml_with_its_line_in_the_whole_file() {
    let build = fail("bad-toml", &[]);
    // Line 3 of the file is line 2 of the front-matter block.
    let (message, _) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:3");
    assert_has(&message, &["TOML", "quoted"]);
    assert_eq!(error_count(&build), 1);
    build.stderr_has(&["Không xây dựng được: 1 lỗi."]);
}

#[test]
fn reports_bad_yaml_with_its_line_in_the_whole_file() {
    let build = fail("bad-yaml", &[]);
    let (message, _) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:3");
    assert_has(&message, &["YAML", "mapping values"]);
    assert_eq!(error_count(&build), 1);
}

#[test]
fn reports_an_unknown_field_and_suggests_the_nearest_one() {
    let build = fail("unknown-field", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:4");
    assert_eq!(message, "trường `tag` không có trong loại trang `news`");
    assert_eq!(help.as_deref(), Some("có phải ý bạn là `tags`?"));
}

#[test]
fn reports_a_field_of_the_wrong_type_with_the_expected_type() {
    let build = fail("wrong-type", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:5");
    assert_eq!(message, "trường `tags` sai kiểu dữ liệu");
    assert_has(&help.expect("help"), &["danh sách", "[\"văn hóa đọc\", \"thư viện\"]"]);
}

#[test]
fn reports_a_bad_date_with_its_line_and_a_rewrite() {
    let build = fail("bad-date", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:3");
    assert_eq!(message, "trường `date`: `21/04/2024` không phải ngày hợp lệ");
    assert_has(&help.expect("help"), &["`date = 2024-04-21`"]);
}

#[test]
fn reports_an_unquoted_day_first_date_in_toml_with_a_rewrite() {
    // `date = 21/04/2024` without quotes is how people write it; docs/content.md promises
    // "`21/04/2024` is refused with a message saying how to write it".
    let build = fail("bad-date-unquoted", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:3");
    assert_has(&message, &["date"]);
    assert_has(&help.unwrap_or_default(), &["2024-04-21"]);
}

#[test]
fn reports_a_missing_title_and_how_to_add_it() {
    let build = fail("missing-title", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:1");
    assert_eq!(message, "thiếu trường bắt buộc `title`");
    assert_eq!(help.as_deref(), Some("thêm dòng `title = ...` vào phần đầu"));
}

#[test]
fn reports_a_duplicate_url_naming_both_files() {
    let build = fail("duplicate-url", &[]);
    let line = build.stderr.lines().find(|l| l.contains("/tin-tuc/ngay-sach/")).expect("a duplicate message");
    assert_has(line, &["content/tin-tuc/ngay-sach.md", "content/tin-tuc/Ngày Sách.md", "trùng"]);
    build.stderr_has(&["gợi ý: đổi tên một trong hai tệp hoặc đặt `slug` khác"]);
    assert_eq!(error_count(&build), 1);
}

#[test]
fn reports_a_link_to_a_missing_page_with_its_line_and_a_near_miss() {
    let build = fail("broken-link", &[]);
    let (message, _) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:8");
    assert_eq!(message, "liên kết `@/khong-co.md` trỏ tới tệp không tồn tại");
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:10");
    assert_eq!(message, "liên kết `@/tin-tuc/bai-vet.md` trỏ tới tệp không tồn tại");
    assert_eq!(help.as_deref(), Some("có phải ý bạn là `@/tin-tuc/bai-viet.md`?"));
}

#[test]
fn reports_a_link_to_a_draft_unless_drafts_are_built() {
    let build = fail("link-to-draft", &[]);
    let (message, _) = diagnostic(&build, "content/tin-tuc/da-dang.md:8");
    assert_eq!(message, "liên kết `@/tin-tuc/ban-nhap.md` trỏ tới bản nháp hoặc bài chưa tới ngày đăng");
    let with_drafts = PortalTest::new("errors/link-to-draft").args(&["--drafts"]).build().success();
    assert_eq!(with_drafts.page("/tin-tuc/da-dang/").attr(".prose a", "href").as_deref(), Some("/tin-tuc/ban-nhap/"));
}

#[test]
fn reports_a_link_to_a_heading_that_does_not_exist() {
    // `@/tin-tuc/ke-hoach.md#khong-co`: the file exists, the heading does not. An error or a
    // warning will do, as long as it names the file, the line and the anchor.
    let build = PortalTest::new("errors/broken-anchor").build();
    let line = build.stderr.lines().find(|l| l.starts_with("content/tin-tuc/bai-viet.md:8: "));
    let line =
        line.unwrap_or_else(|| panic!("no message for the missing anchor (exit {}):\n{}", build.code, build.stderr));
    assert_has(line, &["khong-co"]);
}

#[test]
fn reports_an_image_without_alt_text() {
    let build = fail("image-without-alt", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/hoi-sach/index.md:4");
    assert_eq!(message, "có `image` nhưng thiếu `image_alt`");
    assert_has(&help.expect("help"), &["image_alt = "]);
}

#[test]
fn reports_a_file_that_is_not_utf8_at_its_first_bad_line() {
    let build = fail("not-utf8", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:6");
    assert_eq!(message, "tệp không phải văn bản UTF-8");
    assert_has(&help.expect("help"), &["UTF-8"]);
}

#[test]
fn refuses_a_slug_that_climbs_out_of_the_site() {
    let build = fail("slug-escape", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:4");
    assert_eq!(message, "trường `slug`: `../../../etc` trỏ ra ngoài cổng thông tin");
    assert_has(&help.expect("help"), &["`..`"]);
}

#[test]
fn refuses_an_alias_that_climbs_out_of_the_site() {
    let build = fail("alias-escape", &[]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:4");
    assert_eq!(message, "trường `aliases`: `/../../etc/passwd` trỏ ra ngoài cổng thông tin");
    assert_has(&help.expect("help"), &["`..`"]);
    assert_eq!(error_count(&build), 1, "the good alias is not reported");
}

#[test]
fn reports_a_resource_without_url_or_file() {
    let build = fail("resource-without-link", &[]);
    let (message, _) = diagnostic(&build, "content/hoc-lieu/video.md:1");
    assert_has(&message, &["`url`", "`file`"]);
}

#[test]
fn reports_every_problem_of_every_broken_file_in_one_run() {
    let build = fail("many-problems", &[]);
    let expected = [
        ("content/tin-tuc/a-ngay-sai.md:3", "`date`"),
        ("content/tin-tuc/b-truong-la.md:4", "`tag`"),
        ("content/tin-tuc/c-thieu-tieu-de.md:1", "`title`"),
        ("content/tin-tuc/d-toml-sai.md:4", "TOML"),
        ("content/tin-tuc/e-lien-ket-hong.md:6", "`@/khong-co.md`"),
        ("content/tin-tuc/f-hai-loi.md:4", "`draft`"),
        ("content/tin-tuc/f-hai-loi.md:5", "`image_alt`"),
        ("content/tin-tuc/g-trung-dia-chi.md", "/tin-tuc/e-lien-ket-hong/"),
        ("content/tin-tuc/h-bi-danh.md:4", "`aliases`"),
    ];
    for (location, needle) in expected {
        let (message, _) = diagnostic(&build, location);
        assert_has(&message, &[needle]);
    }
    assert_eq!(error_count(&build), expected.len(), "{}", build.stderr);
    build.stderr_has(&[&format!("Không xây dựng được: {} lỗi.", expected.len())]);
}

#[test]
fn a_broken_section_file_does_not_hide_the_problems_of_other_sections() {
    // `su-kien/_index.md` has a bad `kind`; `tin-tuc/ngay-sai.md` has a bad date and belongs to
    // a healthy section, so its problem can be reported in the same run.
    let build = fail("broken-section", &[]);
    let (message, _) = diagnostic(&build, "content/su-kien/_index.md:3");
    assert_has(&message, &["`kind`", "`su-kien`"]);
    let (message, _) = diagnostic(&build, "content/tin-tuc/ngay-sai.md:3");
    assert_has(&message, &["`date`"]);
}

#[test]
fn messages_are_in_english_with_lang_en() {
    let build = fail("bad-date", &["--lang", "en"]);
    let (message, help) = diagnostic(&build, "content/tin-tuc/ngay-sach.md:3");
    assert_eq!(message, "field `date`: `21/04/2024` is not a valid date");
    assert_eq!(help.as_deref(), Some("write dates as year-month-day: `date = 2024-04-21`"));
    build.stderr_has(&["Build failed: 1 error(s)."]);
    assert!(!build.stderr.contains("lỗi"), "{}", build.stderr);
}

#[test]
fn messages_follow_the_portal_language_unless_lang_is_given() {
    let vi = fail("bad-date", &[]);
    vi.stderr_has(&[": lỗi: ", "= gợi ý: ", "Không xây dựng được"]);

    let en = fail("english-portal", &[]);
    let (message, _) = diagnostic(&en, "content/news/book-day.md:3");
    assert_eq!(message, "field `date`: `21/04/2024` is not a valid date");

    let forced = fail("english-portal", &["--lang", "vi"]);
    let (message, _) = diagnostic(&forced, "content/news/book-day.md:3");
    assert_eq!(message, "trường `date`: `21/04/2024` không phải ngày hợp lệ");
}

#[test]
fn reports_a_bad_config_value_with_its_line_and_field() {
    let build = PortalTest::new("errors/bad-config").build().failure();
    let line = build.stderr.lines().find(|l| l.contains("hoctap.toml:4")).unwrap_or_else(|| panic!("{}", build.stderr));
    assert_has(line, &["paginate_by"]);
}

#[test]
fn a_folder_without_hoctap_toml_fails_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_hoctap(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("hoctap.toml"), "{stderr}");
}

#[test]
fn an_unknown_flag_is_a_usage_error_with_exit_code_2() {
    let (code, stdout, stderr) = run_hoctap(&["build", "--khong-co", "--lang", "en"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("--khong-co") && stderr.contains("Usage"), "{stderr}");
    let (code, stdout, stderr) = run_hoctap(&["build", "--khong-co", "--lang", "vi"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("không có tùy chọn `--khong-co`") && stderr.contains("Cách dùng:"), "{stderr}");

    let (code, _, stderr) = run_hoctap(&["build", "--lang", "fr"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("vi") && stderr.contains("en"), "{stderr}");
}

#[test]
fn an_unknown_indicator_in_a_plan_names_the_item_its_line_and_column_and_the_nearest_id() {
    let portal = PortalTest::new("indicators/valid")
        .file(
            "content/ke-hoach/ke-hoach-2024.md",
            "+++\ntitle = \"Kế hoạch 2024\"\nindicators = [\n  \"nang-luc-thong-tin\",\n  \"ty-le-mu-chuu\", # lỗi gõ\n  \"ty-le-mu-chu\",\n  \"khong-lien-quan-gi-ca\",\n]\n+++\n",
        )
        .file(
            "content/ke-hoach/ke-hoach-2025.md",
            "---\ntitle: Kế hoạch 2025\nindicators:\n  - ty-le-mu-chu\n  - \"nang-luc-thong-tinn\"\n---\n",
        );
    let vi = portal.build().failure();
    let (message, help) = diagnostic(&vi, "content/ke-hoach/ke-hoach-2024.md:5:3");
    assert_eq!(message, "`indicators[1]`: không có chỉ số nào mang mã `ty-le-mu-chuu`");
    assert_eq!(help.as_deref(), Some("có phải ý bạn là `ty-le-mu-chu`?"));
    let (message, help) = diagnostic(&vi, "content/ke-hoach/ke-hoach-2024.md:7:3");
    assert_eq!(message, "`indicators[3]`: không có chỉ số nào mang mã `khong-lien-quan-gi-ca`");
    assert!(help.unwrap().contains("trường `id`"));
    let (message, _) = diagnostic(&vi, "content/ke-hoach/ke-hoach-2025.md:5:5");
    assert_eq!(message, "`indicators[1]`: không có chỉ số nào mang mã `nang-luc-thong-tinn`");

    let en = portal.run("build", &["--lang", "en"]).failure();
    let (message, help) = diagnostic(&en, "content/ke-hoach/ke-hoach-2024.md:5:3");
    assert_eq!(message, "`indicators[1]`: no indicator has the id `ty-le-mu-chuu`");
    assert_eq!(help.as_deref(), Some("did you mean `ty-le-mu-chu`?"));
    let (message, help) = diagnostic(&en, "content/ke-hoach/ke-hoach-2025.md:5:5");
    assert_eq!(message, "`indicators[1]`: no indicator has the id `nang-luc-thong-tinn`");
    assert_eq!(help.as_deref(), Some("did you mean `nang-luc-thong-tin`?"));
    assert!(en.stderr.contains("Build failed: 3 error(s)"), "{}", en.stderr);

    let check = portal.run("check", &["--lang", "en", "--format", "json"]);
    assert_eq!(check.code, 1);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).expect("JSON");
    let first = json.as_array().unwrap().iter().find(|d| d["file"] == "content/ke-hoach/ke-hoach-2024.md").unwrap();
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(5), Some(3)));
    assert_eq!(first["code"], "indicator-unknown-indicator");
}

/// Regression (issue #19): a page was rendered with `<kind>.html`, and an indicators section's
/// overview was `indicators.html`, so a plain page inside `chi-so/` failed to render.
#[test]
fn a_plain_page_inside_an_indicators_section_builds_with_the_page_template() {
    let portal = PortalTest::new("indicators/valid")
        .file("content/chi-so/phuong-phap.md", "+++\ntitle = \"Phương pháp tính\"\n+++\n\nCách tính các chỉ số.\n");
    let build = portal.build().success();
    let page = build.page("/chi-so/phuong-phap/");
    assert_eq!(page.text("h1"), "Phương pháp tính");
    assert!(build.page("/chi-so/").count(".ind-card") > 0, "the overview still lists the indicators");
}

#[test]
fn a_template_error_names_the_content_file_being_rendered() {
    let portal = PortalTest::new("indicators/valid")
        .file(
            "templates/page.html",
            format!("{{% extends \"base.html\" %}}{{% block content %}}{PAGE_BLOCKS}{{{{ page.no_such_value }}}}{{% endblock content %}}"),
        )
        .file("content/gioi-thieu.md", "+++\ntitle = \"Giới thiệu\"\n+++\n");
    let build = portal.build();
    assert_ne!(build.code, 0);
    assert!(build.stderr.contains("while rendering `content/gioi-thieu.md`"), "{}", build.stderr);
}

#[test]
fn an_old_indicators_overview_template_is_named_with_its_new_name() {
    let portal = PortalTest::new("indicators/valid").file("templates/indicators.html", "{% extends \"base.html\" %}");
    let build = portal.build();
    assert_ne!(build.code, 0);
    assert!(build.stderr.contains("section-indicators.html"), "{}", build.stderr);
}

#[test]
fn a_missing_theme_and_a_zero_paginate_by_are_named_in_both_languages() {
    let config = std::fs::read_to_string(crate::util::fixture_dir("content/portal").join("hoctap.toml")).unwrap();
    let portal = PortalTest::new("content/portal").file("hoctap.toml", format!("theme = \"khong-co\"\n{config}"));
    let build = portal.build().failure();
    let (message, help) = diagnostic(&build, "hoctap.toml");
    assert_eq!(message, "không có giao diện (theme) `khong-co` trong thư mục `themes/`");
    assert_has(&help.unwrap(), &["themes/khong-co/", "xóa dòng `theme`"]);
    let build = portal.args(&["--lang", "en"]).build().failure();
    let (message, help) = diagnostic(&build, "hoctap.toml");
    assert_eq!(message, "theme `khong-co` is not in the `themes/` folder");
    assert_has(&help.unwrap(), &["put the theme in `themes/khong-co/`"]);

    let portal = PortalTest::new("content/portal").file("hoctap.toml", format!("paginate_by = 0\n{config}"));
    let (message, help) = diagnostic(&portal.build().failure(), "hoctap.toml");
    assert_eq!(
        (message.as_str(), help.as_deref()),
        ("`paginate_by` phải từ 1 trở lên", Some("ghi số mục mỗi trang danh sách, ví dụ `paginate_by = 10`"))
    );
}
