//! An English portal (`language = "en"`): UI strings, dates and URL segments in English.

use crate::util::{Build, PortalTest};

fn english() -> Build {
    PortalTest::new("i18n/english").build().success()
}

#[test]
fn an_english_portal_shows_english_ui_strings() {
    let build = english();
    assert!(build.stdout.starts_with("Built "), "{}", build.stdout);
    let page = build.page("/news/book-day/");
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(page.text(".skip-link"), "Skip to main content");
    assert_eq!(page.texts(".breadcrumbs a")[0], "Home");
    assert!(page.text(".byline").starts_with("Published: "), "{}", page.text(".byline"));
    assert_eq!(page.text(".article__footer h2"), "Topics");
    assert_eq!(page.attr("meta[property='og:locale']", "content").as_deref(), Some("en_US"));
    assert_eq!(build.page("/404.html").text("h1"), "Page not found");
    assert_eq!(build.page("/role-models/an-family/").text(".facts dd a"), "Learning family");
}

#[test]
fn an_english_portal_writes_dates_like_21_april_2025() {
    let build = english();
    assert_eq!(build.page("/news/book-day/").text(".byline time"), "21 April 2025");
    assert_eq!(build.page("/events/book-day-2025/").text(".facts time"), "21 April 2025");
    assert_eq!(build.page("/news/page/2/").text(".card time"), "10 March 2025");
}

#[test]
fn an_english_portal_uses_english_url_segments() {
    let build = english();
    assert_eq!(build.page("/tags/reading/").texts(".card__title"), ["Vietnam Book Day"]);
    assert_eq!(build.page("/tags/").text("h1"), "Topics");
    assert_eq!(build.page("/communes/my-hoa/").text("h1"), "My Hoa");
    assert_eq!(build.page("/categories/family/").text("h1"), "Learning family");
    assert_eq!(build.page("/news/").attr(".pagination a[rel='next']", "href").as_deref(), Some("/news/page/2/"));
    assert!(!build.exists("/chu-de/"));
    assert!(!build.exists("/news/trang/2/"));
}

/// Copies the default theme into the portal as `themes/<name>/`.
fn copy_default_theme(portal: &PortalTest, name: &str) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(entry.file_name()));
            } else {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }
    copy(&crate::util::manifest_dir().join("themes/default"), &portal.root().join("themes").join(name));
}

#[test]
fn a_broken_strings_override_names_its_file_line_column_and_key_in_both_languages() {
    let portal = PortalTest::new("safety/minimal")
        .file("themes/default/i18n/vi.toml", "# Chuỗi riêng của xã.\nhome = \"Trang nhà\"\nsearch_title \"Tìm\"\n");
    let vi = portal.build().failure();
    assert!(
        vi.stderr.starts_with(
            "themes/default/i18n/vi.toml:3:14: lỗi: tệp chuỗi giao diện (i18n) không đọc được, khóa `search_title`: "
        ),
        "{}",
        vi.stderr
    );
    assert!(vi.stderr.contains("\n  = gợi ý: mỗi dòng là `khóa = \"văn bản\"`"), "{}", vi.stderr);
    let en = portal.run("build", &["--lang", "en"]).failure();
    assert!(
        en.stderr.starts_with(
            "themes/default/i18n/vi.toml:3:14: error: the UI strings file (i18n) cannot be read, key `search_title`: "
        ),
        "{}",
        en.stderr
    );
    let check = portal.run("check", &["--lang", "en"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("themes/default/i18n/vi.toml:3:14: error:")
            || check.stderr.contains("themes/default/i18n/vi.toml:3:14: error:"),
        "{}{}",
        check.stdout,
        check.stderr
    );

    portal.write("themes/default/i18n/vi.toml", "home = \"Trang nhà\"\n\nsearch_title = 3\nmenu = [\"a\"]\n");
    let wrong = portal.run("build", &["--lang", "en"]).failure();
    assert!(wrong.stderr.starts_with(
        "themes/default/i18n/vi.toml:3:16: error: UI strings key `search_title` (i18n) must be text\n  = help: put the text in quotes: `search_title = \"…\"`\n\
         themes/default/i18n/vi.toml:4:8: error: UI strings key `menu` (i18n) must be text\n"
    ), "{}", wrong.stderr);
    let wrong = portal.build().failure();
    assert!(
        wrong.stderr.contains(
            "themes/default/i18n/vi.toml:3:16: lỗi: khóa `search_title` của chuỗi giao diện (i18n) phải là văn bản\n"
        ),
        "{}",
        wrong.stderr
    );

    portal.write("themes/default/i18n/vi.toml", "home = \"Trang nhà\"\nhome = \"Nhà\"\n");
    let twice = portal.build().failure();
    assert!(twice.stderr.starts_with("themes/default/i18n/vi.toml:2:1: lỗi: tệp chuỗi giao diện (i18n) không đọc được, khóa `home`: duplicate key"), "{}", twice.stderr);

    portal.write("themes/default/i18n/vi.toml", "home = \"Trang nhà\"\n");
    let good = portal.build().success();
    assert_eq!(good.page("/tin-tuc/tin-hop-le/").texts(".breadcrumbs a")[0], "Trang nhà");
}

#[test]
fn a_broken_strings_file_of_a_portal_theme_is_named_under_themes() {
    let portal = PortalTest::new("i18n/english");
    copy_default_theme(&portal, "rieng");
    portal.write(
        "hoctap.toml",
        "title = \"Learning Portal\"\nbase_url = \"https://learning.example.org\"\nlanguage = \"en\"\ntheme = \"rieng\"\n",
    );
    let en_toml = portal.root().join("themes/rieng/i18n/en.toml");
    let text = std::fs::read_to_string(&en_toml).unwrap().replacen("home = \"Home\"", "home = \"Home", 1);
    std::fs::write(&en_toml, text).unwrap();
    let build = portal.build().failure();
    assert!(build.stderr.starts_with("themes/rieng/i18n/en.toml:42:"), "{}", build.stderr);
    assert!(
        build.stderr.contains(": error: the UI strings file (i18n) cannot be read, key `home`: "),
        "{}",
        build.stderr
    );
    let vi = portal.run("build", &["--lang", "vi"]).failure();
    assert!(vi.stderr.contains(": lỗi: tệp chuỗi giao diện (i18n) không đọc được, khóa `home`: "), "{}", vi.stderr);
}
