//! `hoctap init <dir>`: a new portal that the real pipeline builds, and `check` passes, at
//! once, in Vietnamese or English; it never writes into a folder that holds files.

use crate::util::{broken_internal_refs, describe_broken, run_hoctap, PortalTest};

/// Runs `hoctap init <portal root> <args>` and returns the portal.
fn init(args: &[&str]) -> (PortalTest, String) {
    let portal = PortalTest::empty();
    let root = portal.root().to_str().expect("UTF-8 temp path").to_string();
    let mut all = vec!["init", root.as_str()];
    all.extend(args);
    let (code, stdout, stderr) = run_hoctap(&all);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    (portal, stdout)
}

#[test]
fn a_new_vietnamese_portal_builds_and_passes_check_at_once() {
    let (portal, stdout) = init(&[]);
    let root = portal.root().display().to_string();
    assert!(stdout.starts_with(&format!("Đã tạo cổng thông tin mới trong {root}/ (17 tệp).")), "{stdout}");
    assert!(stdout.contains(&format!("\n  cd {root}\n  hoctap build ")), "{stdout}");
    for section in ["tin-tuc", "ke-hoach", "guong-dien-hinh", "hoc-lieu", "su-kien"] {
        let dir = portal.root().join("content").join(section);
        let pages = std::fs::read_dir(&dir).unwrap().count();
        assert!(dir.join("_index.md").is_file() && pages == 2, "{section}: {pages} entries");
    }
    let gitignore = std::fs::read_to_string(portal.root().join(".gitignore")).unwrap();
    assert!(gitignore.contains("/site/") && gitignore.contains("/.hoctap-cache/"), "{gitignore}");

    let build = portal.build().success();
    assert!(build.stdout.starts_with("Đã xây dựng 6 trang, 6 chuyên mục"), "{}", build.stdout);
    let home = build.page("/");
    assert_eq!(home.text("h1"), "Cổng thông tin xây dựng xã hội học tập");
    assert_eq!(home.attr("html", "lang").as_deref(), Some("vi"));
    let menu = home.attrs("nav a", "href");
    for url in ["/gioi-thieu/", "/tin-tuc/", "/ke-hoach/", "/guong-dien-hinh/", "/hoc-lieu/", "/su-kien/"] {
        assert!(menu.iter().any(|m| m == url), "menu lacks {url}: {menu:?}");
    }
    assert!(home.main_text().contains("Ngày Sách và Văn hóa đọc Việt Nam năm"), "the example event is upcoming");
    assert!(build.exists("/hoc-lieu/huong-dan-dang-bai/huong-dan-dang-bai.txt"));
    let broken = broken_internal_refs(&build, "https://example.org", "");
    assert!(broken.is_empty(), "{}", describe_broken(&broken));

    // The one warning is the placeholder address; once replaced, check has nothing to say.
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.starts_with("hoctap.toml:5: cảnh báo: `base_url` vẫn là địa chỉ mẫu `https://example.org`"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("Có 0 lỗi, 1 cảnh báo: đã kiểm tra 6 trang"), "{}", check.stdout);
    let config = std::fs::read_to_string(portal.root().join("hoctap.toml")).unwrap();
    portal.write("hoctap.toml", config.replace("https://example.org", "https://xhht.myhoa.gov.vn"));
    let check = portal.run("check", &[]);
    assert!(check.stdout.starts_with("Không có vấn đề nào: đã kiểm tra 6 trang"), "{}", check.stdout);
}

#[test]
fn an_english_portal_has_english_folders_pages_and_messages() {
    let (portal, stdout) = init(&["--language", "en", "--title", "Thap Muoi \"Learning\" Portal"]);
    assert!(stdout.starts_with("Created a new portal in "), "{stdout}");
    assert!(portal.root().join("content/about.md").is_file());
    let build = portal.build().success();
    let home = build.page("/");
    assert_eq!(home.text("h1"), "Thap Muoi \"Learning\" Portal");
    assert_eq!(home.attr("html", "lang").as_deref(), Some("en"));
    for url in ["/about/", "/news/", "/plans/", "/role-models/", "/resources/", "/events/"] {
        assert!(build.exists(url), "{url}");
    }
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.starts_with("hoctap.toml:5: warning: `base_url` is still the placeholder `https://example.org`"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("0 error(s), 1 warning(s): checked 6 pages"), "{}", check.stdout);
}

#[test]
fn every_kind_of_new_page_builds_in_a_new_portal() {
    let (portal, _) = init(&[]);
    for kind in ["news", "plan", "role-model", "resource", "event", "page"] {
        let new = portal.run("new", &[kind, "Tuần lễ hưởng ứng học tập suốt đời"]);
        assert_eq!(new.code, 0, "{kind}: {}", new.stderr);
    }
    let build = portal.build().success();
    assert!(build.stdout.starts_with("Đã xây dựng 12 trang"), "{}", build.stdout);
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.contains("Có 0 lỗi, 2 cảnh báo"),
        "the resource's placeholder link and base_url: {}",
        check.stdout
    );
}

#[test]
fn refuses_a_folder_that_holds_files_but_accepts_one_with_only_hidden_ones() {
    let portal = PortalTest::empty();
    std::fs::create_dir_all(portal.root()).unwrap();
    std::fs::write(portal.root().join("ghi-chu.txt"), "của tôi").unwrap();
    let root = portal.root().to_str().unwrap();
    let (code, stdout, stderr) = run_hoctap(&["init", root, "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(stderr, format!("{root}: error: the folder already holds files; no portal is created in it\n  = help: choose a new or empty folder: `hoctap init folder-name`\n"));
    assert!(!portal.root().join("hoctap.toml").exists());

    std::fs::remove_file(portal.root().join("ghi-chu.txt")).unwrap();
    std::fs::create_dir(portal.root().join(".git")).unwrap();
    std::fs::write(portal.root().join(".gitignore"), "/ban-nhap/\n").unwrap();
    let (code, _, stderr) = run_hoctap(&["init", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(portal.root().join(".gitignore")).unwrap(), "/ban-nhap/\n", "kept as it was");
    portal.build().success();
}

#[test]
fn a_folder_given_twice_is_a_usage_error() {
    let (code, _, stderr) = run_hoctap(&["init", "a", "--root", "b"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn any_title_is_written_as_valid_toml_and_shown_as_one_clean_line() {
    let long = "Học tập suốt đời ".repeat(31);
    let cases: [(&str, &str); 9] = [
        ("Xã Mỹ Hòa\nhọc tập", "Xã Mỹ Hòa học tập"),
        ("Cổng \"Học tập\" số", "Cổng \"Học tập\" số"),
        ("Sách \\ báo \\\\", "Sách \\ báo \\\\"),
        ("A ''' B", "A ''' B"),
        ("A \"\"\" B", "A \"\"\" B"),
        ("Cột\tmột\r\nhai", "Cột một hai"),
        ("Nul\u{1}chuông\u{7}xóa\u{7f}thoát\u{1b}hết", "Nul chuông xóa thoát hết"),
        ("Ngày hội 🎉📚 đọc sách", "Ngày hội 🎉📚 đọc sách"),
        (long.as_str(), long.trim()),
    ];
    for (title, shown) in cases {
        let (portal, _) = init(&["--title", title]);
        let config = std::fs::read_to_string(portal.root().join("hoctap.toml")).unwrap();
        let parsed: toml::Table = toml::from_str(&config).unwrap_or_else(|e| panic!("{title:?}: {e}\n{config}"));
        assert_eq!(parsed["title"].as_str(), Some(shown), "{title:?}");
        let build = portal.build().success();
        let home = build.page("/");
        assert_eq!(home.text("h1"), shown, "{title:?}");
        assert!(home.text("title").contains(shown), "{title:?}: {}", home.text("title"));
        let check = portal.run("check", &["--lang", "en"]);
        assert_eq!(check.code, 0, "{title:?}: {}{}", check.stdout, check.stderr);
    }
}

#[test]
fn a_folder_the_system_refuses_is_named_with_the_reason_in_the_users_language() {
    let portal = PortalTest::empty();
    let dir = portal.temp().join("a".repeat(300));
    let dir = dir.to_str().unwrap();
    let (code, stdout, stderr) = run_hoctap(&["init", dir, "--lang", "en"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.starts_with(&format!("{dir}: error: cannot write: the file or folder name is too long\n")),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    let (code, _, stderr) = run_hoctap(&["init", dir]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(&format!("{dir}: lỗi: không ghi được: tên tệp hoặc thư mục quá dài\n")), "{stderr}");
}
