//! `hoctap new <kind> "Tiêu đề"`: a page in the right section from the kind's archetype,
//! which the real pipeline then builds (and `check` passes) without any edit.

use crate::util::PortalTest;

/// Today in Vietnam, as `hoctap new` writes it.
fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap()).date_naive()
}

#[test]
fn every_kind_gets_a_page_in_its_section_that_builds_at_once() {
    let portal = PortalTest::new("content/portal");
    let cases = [
        ("news", "tin-tuc"),
        ("plan", "ke-hoach"),
        ("role-model", "guong-dien-hinh"),
        ("resources", "hoc-lieu"),
        ("event", "su-kien"),
        ("page", ""),
    ];
    for (kind, folder) in cases {
        let new = portal.run("new", &[kind, "Ngày Sách và Văn hóa đọc 2026"]);
        assert_eq!(new.code, 0, "{kind}: {}", new.stderr);
        let dir = if folder.is_empty() { "content".to_string() } else { format!("content/{folder}") };
        let path = portal.root().join(&dir).join("ngay-sach-va-van-hoa-doc-2026.md");
        assert_eq!(new.stdout, format!("Đã tạo {}\n", path.display()));
        assert!(path.is_file(), "{kind}: {} missing", path.display());
    }
    let news = std::fs::read_to_string(portal.root().join("content/tin-tuc/ngay-sach-va-van-hoa-doc-2026.md")).unwrap();
    assert!(news.starts_with("+++\ntitle = \"Ngày Sách và Văn hóa đọc 2026\"\n"), "{news}");
    assert!(news.contains(&format!("\ndate = {}\n", today().format("%Y-%m-%d"))), "{news}");

    let build = portal.build().success();
    for (_, folder) in cases {
        let url = if folder.is_empty() {
            "/ngay-sach-va-van-hoa-doc-2026/".to_string()
        } else {
            format!("/{folder}/ngay-sach-va-van-hoa-doc-2026/")
        };
        assert_eq!(build.page(&url).text("h1"), "Ngày Sách và Văn hóa đọc 2026", "{url}");
    }
    let event = build.page("/su-kien/ngay-sach-va-van-hoa-doc-2026/");
    let next_week = today() + chrono::Days::new(7);
    assert!(event.main_text().contains(&next_week.format("%d/%m/%Y").to_string()), "{}", event.main_text());
    assert!(build.exists("/su-kien/ngay-sach-va-van-hoa-doc-2026/ngay-sach-va-van-hoa-doc-2026.ics"));

    // The resource's link is a placeholder: check says so, as a warning only.
    let check = portal.run("check", &["--lang", "en"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.contains(
            "content/hoc-lieu/ngay-sach-va-van-hoa-doc-2026.md:5:8: warning: `https://example.org/` is a placeholder"
        ),
        "{}",
        check.stdout
    );
}

#[test]
fn refuses_to_overwrite_a_page_or_a_bundle_of_the_same_name() {
    let portal = PortalTest::new("check/clean");
    let path = portal.root().join("content/tin-tuc/bai-mot.md");
    assert_eq!(portal.run("new", &["news", "Bài một"]).code, 0);
    std::fs::write(&path, "+++\ntitle = \"Đã sửa\"\ndate = 2024-01-01\n+++\n").unwrap();
    let again = portal.run("new", &["news", "Bài  MỘT!", "--lang", "en"]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        "content/tin-tuc/bai-mot.md: error: the file exists already; not overwritten\n  = help: edit that file, or choose another title\n"
    );
    assert!(again.stdout.is_empty());
    assert!(std::fs::read_to_string(&path).unwrap().contains("Đã sửa"), "the file was overwritten");
    let bundle = portal.run("new", &["news", "Bài một", "--bundle"]);
    assert_eq!(bundle.code, 1, "a bundle would share the page's URL");
    assert!(!portal.root().join("content/tin-tuc/bai-mot").exists());
}

#[test]
fn a_bundle_is_a_folder_with_index_md_and_a_folder_names_its_section() {
    let portal = PortalTest::new("check/clean");
    let new = portal.run("new", &["su-kien", "Hội thi Kể chuyện sách", "--bundle"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let path = portal.root().join("content/su-kien/hoi-thi-ke-chuyen-sach/index.md");
    assert!(new.stdout.ends_with(&format!("{}\n", path.display())), "{}", new.stdout);
    assert!(std::fs::read_to_string(&path).unwrap().contains("\nstart = "));
    let build = portal.build().success();
    assert_eq!(build.page("/su-kien/hoi-thi-ke-chuyen-sach/").text("h1"), "Hội thi Kể chuyện sách");
}

#[test]
fn a_kind_that_no_section_declares_is_refused_with_the_sections_listed() {
    let portal = PortalTest::new("check/clean");
    let new = portal.run("new", &["plan", "Kế hoạch 2026", "--lang", "en"]);
    assert_eq!(new.code, 1);
    assert!(new.stderr.starts_with("content: error: no section has `kind = \"plans\"`\n"), "{}", new.stderr);
    assert!(new.stderr.contains("the sections: su-kien (events), tin-tuc (news)"), "{}", new.stderr);
    let unknown = portal.run("new", &["podcast", "Tập 1"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("không có loại trang hay chuyên mục `podcast`"), "{}", unknown.stderr);
    assert!(unknown.stderr.contains("hoặc một thư mục: su-kien, tin-tuc"), "{}", unknown.stderr);
    assert!(!portal.root().join("content/ke-hoach").exists());
    portal.write("content/thong-bao/_index.md", "+++\ntitle = \"Thông báo\"\nkind = \"news\"\n+++\n");
    let ambiguous = portal.run("new", &["news", "Tin mới"]);
    assert_eq!(ambiguous.code, 1);
    assert!(
        ambiguous.stderr.contains("nhiều chuyên mục có `kind = \"news\"`: thong-bao, tin-tuc"),
        "{}",
        ambiguous.stderr
    );
    assert!(ambiguous.stderr.contains("`hoctap new thong-bao \"Tiêu đề\"`"), "{}", ambiguous.stderr);
    assert_eq!(portal.run("new", &["tin-tuc", "Tin mới"]).code, 0);
}

#[test]
fn a_portal_archetype_replaces_the_themes_and_a_broken_one_writes_nothing() {
    let portal = PortalTest::new("check/clean").file(
        "archetypes/news.md",
        "+++\ntitle = \"{{ title }}\"\ndate = {{ date }}\ntags = [\"bản tin xã\"]\n+++\n\nTin của xã.\n",
    );
    assert_eq!(portal.run("new", &["news", "Tin \"nóng\" hôm nay"]).code, 0);
    let text = std::fs::read_to_string(portal.root().join("content/tin-tuc/tin-nong-hom-nay.md")).unwrap();
    assert!(text.contains("title = \"Tin \\\"nóng\\\" hôm nay\"\n"), "{text}");
    assert!(text.contains("tags = [\"bản tin xã\"]"), "{text}");
    let build = portal.build().success();
    assert_eq!(build.page("/tin-tuc/tin-nong-hom-nay/").text("h1"), "Tin \"nóng\" hôm nay");

    portal.write("archetypes/news.md", "+++\ntitle = \"{{ title }}\"\ndate = \"21/04/2024\"\n+++\n");
    let broken = portal.run("new", &["news", "Tin khác", "--lang", "en"]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("archetypes/news.md: error: the archetype makes a page with problems"),
        "{}",
        broken.stderr
    );
    assert!(broken.stderr.contains("`21/04/2024` is not a valid date"), "{}", broken.stderr);
    assert!(!portal.root().join("content/tin-tuc/tin-khac.md").exists());
}

#[test]
fn an_english_portal_gets_english_placeholders_and_messages() {
    let portal = PortalTest::new("i18n/english");
    let new = portal.run("new", &["role-model", "The Nguyen Family"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert!(new.stdout.starts_with("Created "), "{}", new.stdout);
    let text = std::fs::read_to_string(portal.root().join("content/role-models/the-nguyen-family.md")).unwrap();
    assert!(text.contains("category = \"citizen\"           # citizen, family, clan, unit or community"), "{text}");
    assert!(text.contains("Tell their story here"), "{text}");
    portal.build().success();
}

#[test]
fn a_very_long_title_gets_a_short_file_name_and_stays_whole_in_the_page() {
    let portal = PortalTest::new("check/clean");
    let title = format!("Ngày hội {}", "đọc sách suốt đời ".repeat(600)).trim().to_string();
    assert!(title.len() > 10_000);
    let new = portal.run("new", &["news", &title]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let name = "ngay-hoi-doc-sach-suot-doi-doc-sach-suot-doi-doc-sach-suot-doi-doc-sach-suot-doi";
    assert!(name.len() <= 80);
    let path = portal.root().join(format!("content/tin-tuc/{name}.md"));
    assert_eq!(new.stdout, format!("Đã tạo {}\n", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("title = \"{title}\"\n")), "the title is cut");
    let build = portal.build().success();
    assert_eq!(build.page(&format!("/tin-tuc/{name}/")).text("h1"), title);

    // One word longer than the cap is cut at the cap; the file name is never empty.
    let word = "a".repeat(10_000);
    let new = portal.run("new", &["news", &word, "--lang", "en"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert!(portal.root().join(format!("content/tin-tuc/{}.md", "a".repeat(80))).is_file());
}

#[test]
fn a_title_that_makes_a_windows_device_name_gets_another_file_name() {
    let portal = PortalTest::new("check/clean");
    for (title, file) in [
        ("Con", "con-1"),
        ("AUX", "aux-1"),
        ("Nul", "nul-1"),
        ("COM1", "com1-1"),
        ("lpt9", "lpt9-1"),
        ("Com0", "com0-1"),
        ("Con mèo", "con-meo"),
    ] {
        let new = portal.run("new", &["news", title]);
        assert_eq!(new.code, 0, "{title}: {}", new.stderr);
        let path = portal.root().join(format!("content/tin-tuc/{file}.md"));
        assert!(path.is_file(), "{title}: {}", new.stdout);
        assert!(std::fs::read_to_string(&path).unwrap().contains(&format!("title = \"{title}\"\n")));
    }
    portal.build().success();
}

#[test]
fn a_title_with_line_breaks_and_control_characters_becomes_one_line() {
    let portal = PortalTest::new("check/clean");
    // (A NUL cannot reach a program through its arguments; `clean_title` turns one into a space too.)
    let new = portal.run("new", &["news", "Tin\nmới \"nóng\"\t\\ hôm\u{1}nay\u{1b}"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let path = portal.root().join("content/tin-tuc/tin-moi-nong-hom-nay.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"Tin mới \\\"nóng\\\" \\\\ hôm nay\"\n"), "{text}");
    let build = portal.build().success();
    assert_eq!(build.page("/tin-tuc/tin-moi-nong-hom-nay/").text("h1"), "Tin mới \"nóng\" \\ hôm nay");
}

#[test]
fn a_file_the_system_refuses_is_named_with_the_reason_never_a_raw_os_error() {
    // A file where the bundle's folder must go: the system cannot make the folder.
    let portal = PortalTest::new("check/clean").file("content/tin-tuc/bai-moi", "");
    let new = portal.run("new", &["news", "Bài mới", "--bundle", "--lang", "en"]);
    assert_eq!(new.code, 1, "{}", new.stdout);
    let dir = portal.root().join("content/tin-tuc/bai-moi");
    assert_eq!(
        new.stderr,
        format!("{}: error: cannot write: a file or folder of this name exists already\n", dir.display())
    );
    let new = portal.run("new", &["news", "Bài mới", "--bundle"]);
    assert_eq!(new.stderr, format!("{}: lỗi: không ghi được: đã có tệp hay thư mục mang tên này\n", dir.display()));
    assert!(!new.stderr.contains("os error"));
}
