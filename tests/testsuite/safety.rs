//! Safety: hostile front matter stays text everywhere, symlinks cannot pull files from
//! outside `content/`, and a failed build never damages the last good output.

use crate::util::{check_xml, snapshot, xml_elements, Page, PortalTest};

const TITLE: &str = "<script>alert(1)</script> \"trích dẫn\" & 'nháy đơn'";
const SUMMARY: &str = "</script><script>alert(2)</script> <!-- chú thích";

/// A page may hold its JSON-LD block and the site's own external scripts (search), nothing
/// else: no inline script, no script from another host.
#[track_caller]
fn assert_no_injected_elements(page: &Page) {
    let scripts = page.all("script");
    assert!(
        scripts.iter().all(|s| {
            let own_file = s.value().attr("src").is_some_and(|src| src.starts_with('/') && !src.starts_with("//"));
            let empty = s.text().all(|t| t.trim().is_empty());
            s.value().attr("type") == Some("application/ld+json") || (own_file && empty)
        }),
        "{}: a script element was injected",
        page.path
    );
    assert!(page.count("script[type='application/ld+json']") <= 1, "{}", page.path);
    assert_eq!(page.count("i"), 0, "{}: a tag from front matter became an element", page.path);
    assert!(!page.source.contains("<script>alert"), "{}", page.path);
}

#[test]
fn a_hostile_title_is_escaped_in_the_body_the_title_element_and_attributes() {
    let build = PortalTest::new("safety/hostile-title").build().success();
    let page = build.page("/tin-tuc/tieu-de-doc/");
    assert_no_injected_elements(&page);
    assert_eq!(page.text("h1"), TITLE);
    assert_eq!(page.text("title"), format!("{TITLE} – Cổng an toàn"));
    assert_eq!(page.attr("meta[property='og:title']", "content").as_deref(), Some(TITLE));
    assert_eq!(page.attr("meta[name='description']", "content").as_deref(), Some(SUMMARY));
    assert_eq!(page.attr("meta[property='og:description']", "content").as_deref(), Some(SUMMARY));
    assert_eq!(page.texts(".tags a"), ["<i>thẻ</i>"]);
    assert!(page.texts(".byline a").contains(&"Xã \"Mỹ\" <Hòa>".to_string()));
    assert_eq!(page.text(".breadcrumbs [aria-current='page']"), TITLE);

    for list in ["/", "/tin-tuc/", "/chu-de/i-the-i/", "/xa-phuong/"] {
        let list = build.page(list);
        assert_no_injected_elements(&list);
    }
    assert_eq!(build.page("/tin-tuc/").text(".card__title"), TITLE);
}

#[test]
fn a_hostile_portal_name_is_escaped_in_the_header_and_footer_of_every_page() {
    // Brand, search box and footer are rendered once per build and reused on every page.
    let name = "<b>Xã</b> \"A\" & 'B'";
    let portal = PortalTest::new("safety/hostile-title").file(
        "hoctap.toml",
        format!(
            "title = {name:?}\norganization = {name:?}\nbase_url = \"https://hoctap.example.vn\"\nlanguage = \"vi\"\n"
        ),
    );
    let build = portal.build().success();
    for path in ["/", "/tin-tuc/", "/tin-tuc/tieu-de-doc/", "/chu-de/i-the-i/", "/404.html"] {
        let page = build.page(path);
        assert_eq!(page.count("b"), 0, "{path}: the name became markup");
        assert_eq!(page.text(".brand__title"), name, "{path}");
        assert_eq!(page.text(".site-footer__title"), name, "{path}");
        assert_eq!(page.attr(".site-search", "action").as_deref(), Some("/tim-kiem/"), "{path}");
    }
}

#[test]
fn urls_in_attributes_are_not_entity_encoded() {
    // Escaping covers `& < > " '` only: a `/` written as `&#x2F;` is six bytes for nothing.
    let build = PortalTest::new("safety/hostile-title").build().success();
    for path in build.html_files() {
        assert!(!build.read(&path).contains("&#x2F;"), "{path}");
    }
}

#[test]
fn a_hostile_title_cannot_close_the_json_ld_script() {
    let build = PortalTest::new("safety/hostile-title").build().success();
    let page = build.page("/tin-tuc/tieu-de-doc/");
    let json = page.jsonld();
    assert_eq!(json["name"], TITLE);
    assert_eq!(json["headline"], TITLE);
    assert_eq!(json["description"], SUMMARY);
    // In the raw file, the block holds no `<` at all, so no `</script` or `<!--`.
    let start = page.source.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35;
    let end = start + page.source[start..].find("</script>").expect("closed");
    let raw = &page.source[start..end];
    assert!(!raw.contains('<'), "{raw}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(raw).unwrap(), json);
}

#[test]
fn a_hostile_title_is_escaped_in_the_feed_the_redirect_page_and_the_sitemap() {
    let build = PortalTest::new("safety/hostile-title").build().success();
    for feed in ["/atom.xml", "/tin-tuc/atom.xml"] {
        let xml = build.read(feed);
        check_xml(&xml).unwrap_or_else(|e| panic!("{feed}: {e}\n{xml}"));
        assert!(!xml.contains("<script"), "{feed}");
        let titles = xml_elements(&xml, "title");
        assert!(
            titles.contains(&"&lt;script&gt;alert(1)&lt;/script&gt; &quot;trích dẫn&quot; &amp; &#39;nháy đơn&#39;"),
            "{titles:?}"
        );
    }
    check_xml(&build.read("/sitemap.xml")).unwrap();

    let redirect = build.page("/cu/tieu-de-doc/");
    assert!(redirect.is_redirect());
    assert_no_injected_elements(&redirect);
    assert_eq!(redirect.text("title"), TITLE);
    assert_eq!(redirect.text("body a"), TITLE);
}

#[cfg(unix)]
#[test]
fn a_symlink_under_content_that_leads_outside_is_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let portal = PortalTest::new("safety/minimal");
    let outside = portal.temp().join("ngoai");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("bi-mat.md"), "+++\ntitle = \"Bí mật\"\ndate = 2025-01-01\n+++\n\nMẬT-KHẨU-123\n")
        .unwrap();
    std::fs::write(outside.join("bi-mat.txt"), "MẬT-KHẨU-456\n").unwrap();
    let content = portal.root().join("content");
    symlink(outside.join("bi-mat.md"), content.join("tin-tuc/lien-ket.md")).unwrap();
    symlink(outside.join("bi-mat.txt"), content.join("tin-tuc/tep.txt")).unwrap();
    symlink(&outside, content.join("thu-muc")).unwrap();
    // A link that stays inside content/ is fine.
    symlink(content.join("tin-tuc/tin-hop-le.md"), content.join("ban-sao.md")).unwrap();

    let build = portal.build().success();
    for name in ["content/tin-tuc/lien-ket.md", "content/tin-tuc/tep.txt", "content/thu-muc"] {
        let warning = build
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no warning for {name}:\n{}", build.stderr));
        assert!(warning.contains("cảnh báo") && warning.contains("content/"), "{warning}");
    }
    assert!(!build.exists("/tin-tuc/lien-ket/"));
    assert!(!build.exists("/tin-tuc/tep.txt"));
    assert!(!build.exists("/thu-muc/bi-mat/"));
    for (path, bytes) in snapshot(&build.out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("MẬT-KHẨU") && !text.contains("Bí mật"), "{path} holds an outside file");
    }
    assert_eq!(build.page("/ban-sao/").text("h1"), "Tin hợp lệ");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte_untouched() {
    let portal = PortalTest::new("safety/minimal");
    let good = portal.build().success();
    let before = snapshot(&good.out);
    assert!(before.contains_key("/tin-tuc/tin-hop-le/index.html"));
    let entries = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let root_before = entries(portal.root());

    portal.write("content/tin-tuc/tin-hop-le.md", "+++\ntitle = \"Tin hỏng\"\ndate = \"21/04/2025\"\n+++\n\nĐã sửa.\n");
    let failed = portal.build().failure();
    failed.stderr_has(&["content/tin-tuc/tin-hop-le.md:3", "Thư mục kết quả cũ được giữ nguyên"]);

    assert!(snapshot(&good.out) == before, "the old output changed");
    assert_eq!(entries(portal.root()), root_before, "a staging folder was left behind");
}

#[test]
fn a_successful_rebuild_replaces_the_output_and_leaves_no_staging_folder() {
    let portal = PortalTest::new("safety/minimal");
    portal.build().success();
    std::fs::remove_file(portal.root().join("content/tin-tuc/tin-thu-hai.md")).unwrap();
    let build = portal.build().success();
    assert!(!build.exists("/tin-tuc/tin-thu-hai/"), "a removed page survived the rebuild");
    assert!(build.exists("/tin-tuc/tin-hop-le/"));
    let mut names: Vec<String> = std::fs::read_dir(portal.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["content", "hoctap.toml", "site"]);
}
