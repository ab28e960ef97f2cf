//! The output folder: where it goes, the summary line, feeds, sitemap, robots.txt, 404,
//! and byte-identical rebuilds.

use crate::util::{check_xml, snapshot, xml_elements, PortalTest};

const PORTAL: &str = "content/portal";
const BASE_URL: &str = "https://hoctap.example.vn";

#[test]
fn writes_into_site_by_default_and_prints_a_summary_line() {
    let portal = PortalTest::new(PORTAL);
    let build = portal.build().success();
    assert!(portal.root().join("site/index.html").is_file());
    assert_eq!(build.stdout.lines().count(), 1);
    // gioi-thieu + 6 news (no draft, no future) + 1 plan + 2 role models + 2 resources + 2 events.
    assert!(build.stdout.starts_with("Đã xây dựng 14 trang, 6 chuyên mục ("), "{}", build.stdout);
    assert!(build.stdout.contains(" vào site/ "), "{}", build.stdout);
    assert!(build.stderr.is_empty(), "{}", build.stderr);
}

#[test]
fn writes_into_the_out_folder_when_given() {
    let portal = PortalTest::new(PORTAL);
    let out = portal.temp().join("ket-qua");
    let portal = portal.out(&out);
    let build = portal.build().success();
    assert!(out.join("index.html").is_file());
    assert!(!portal.root().join("site").exists());
    assert!(build.stdout.contains("ket-qua"), "{}", build.stdout);
}

#[test]
fn verbose_prints_the_time_of_each_stage() {
    let build = PortalTest::new(PORTAL).args(&["--verbose"]).build().success();
    for stage in ["load", "resolve", "markdown", "render"] {
        assert!(
            build.stderr.lines().any(|l| l.trim_start().starts_with(stage) && l.ends_with("ms")),
            "{}",
            build.stderr
        );
    }
}

/// The fingerprint is taken before markdown is rendered, so a rebuild with nothing changed
/// skips that stage; a page with a broken link fails every build, the second one too.
#[test]
fn a_rebuild_with_nothing_changed_renders_no_markdown() {
    let ran = |build: &crate::util::Build, stage: &str| {
        build.stderr.lines().any(|l| l.trim_start().starts_with(stage) && l.ends_with("ms"))
    };
    let portal = PortalTest::new(PORTAL).args(&["--verbose"]);
    let first = portal.build().success();
    assert!(ran(&first, "load") && ran(&first, "markdown"), "{}", first.stderr);
    let again = portal.build().success();
    assert!(again.stdout.starts_with("Không có thay đổi"), "{}", again.stdout);
    assert!(ran(&again, "load") && !ran(&again, "markdown"), "{}", again.stderr);

    portal.write(
        "content/tin-tuc/lien-ket-hong.md",
        "+++\ntitle = \"Liên kết hỏng\"\ndate = 2024-01-02\n+++\nXem [bài](@/khong-co.md).\n",
    );
    for _ in 0..2 {
        let broken = portal.build().failure();
        broken.stderr_has(&["content/tin-tuc/lien-ket-hong.md:5", "khong-co.md"]);
    }
}

#[test]
fn the_sitemap_lists_every_page_and_section_once_with_absolute_urls() {
    let build = PortalTest::new(PORTAL).build().success();
    let xml = build.read("/sitemap.xml");
    check_xml(&xml).unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""));
    let locs = xml_elements(&xml, "loc");
    assert_eq!(locs.len(), 14 + 6);
    let mut unique = locs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), locs.len(), "duplicate sitemap entries");
    for loc in &locs {
        let path = loc.strip_prefix(BASE_URL).unwrap_or_else(|| panic!("{loc}"));
        assert!(build.exists(path), "{loc}");
    }
    assert!(locs.contains(&"https://hoctap.example.vn/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/"));
    assert!(xml.contains(
        "<loc>https://hoctap.example.vn/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/</loc><lastmod>2025-04-21</lastmod>"
    ));
    assert!(!xml.contains("/tin-cu/"), "aliases are not listed");
    assert!(build.read("/robots.txt").contains("Sitemap: https://hoctap.example.vn/sitemap.xml"));
}

#[test]
fn the_site_feed_lists_dated_pages_newest_first_and_section_feeds_their_own() {
    let build = PortalTest::new(PORTAL).build().success();
    let xml = build.read("/atom.xml");
    check_xml(&xml).unwrap();
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"));
    assert!(xml.contains("<link rel=\"self\" href=\"https://hoctap.example.vn/atom.xml\"/>"));
    let ids = xml_elements(&xml, "id");
    assert_eq!(ids[0], "https://hoctap.example.vn/atom.xml");
    for id in &ids[1..] {
        assert!(build.exists(id.strip_prefix(BASE_URL).unwrap()), "{id}");
    }
    let published = xml_elements(&xml, "published");
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted, "feed not newest first");
    assert!(!ids.contains(&"https://hoctap.example.vn/gioi-thieu/"), "undated standalone pages stay out of the feed");

    let news = build.read("/tin-tuc/atom.xml");
    check_xml(&news).unwrap();
    let entries = xml_elements(&news, "entry");
    assert_eq!(entries.len(), 6);
    assert!(entries.iter().all(|e| e.contains("https://hoctap.example.vn/tin-tuc/")));
    let page = build.page("/tin-tuc/");
    assert_eq!(
        page.attr("link[rel='alternate'][href='/tin-tuc/atom.xml']", "type").as_deref(),
        Some("application/atom+xml")
    );
}

#[test]
fn the_404_page_is_not_indexed_and_leads_home() {
    let build = PortalTest::new(PORTAL).build().success();
    let page = build.page("/404.html");
    assert_eq!(page.text("h1"), "Không tìm thấy trang");
    assert_eq!(page.attr("meta[name='robots']", "content").as_deref(), Some("noindex"));
    assert!(page.attrs("main a", "href").contains(&"/".to_string()));
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let portal = PortalTest::new(PORTAL);
    let first = snapshot(&portal.build().success().out);
    let second = snapshot(&portal.build().success().out);
    let changed: Vec<&String> = first.keys().filter(|k| first.get(*k) != second.get(*k)).collect();
    assert!(changed.is_empty(), "changed between builds: {changed:?}");
    assert_eq!(first.len(), second.len());
}

/// Regression: every page linked to the search manifest by a content-hashed name and all
/// records sat in one hashed folder, so editing one title rewrote every file of the site.
#[test]
fn editing_one_title_rewrites_only_the_files_that_show_it() {
    let portal = PortalTest::new("content/portal");
    assert_eq!(portal.build().code, 0);
    let before = snapshot(&portal.out_dir());
    let path = portal.root().join("content/tin-tuc/bai-dai.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title = \"", "title = \"Đã sửa: ", 1)).unwrap();
    let build = portal.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    let after = snapshot(&portal.out_dir());
    let changed: Vec<&String> =
        after.iter().filter(|(p, bytes)| before.get(*p) != Some(*bytes)).map(|(p, _)| p).collect();
    for unrelated in ["/gioi-thieu/index.html", "/su-kien/index.html", "/404.html"] {
        assert!(!changed.iter().any(|p| p.as_str() == unrelated), "{unrelated} changed: {changed:?}");
    }
    assert!(changed.iter().any(|p| p.as_str() == "/tin-tuc/bai-dai/index.html"), "{changed:?}");
    let html: Vec<&&String> = changed.iter().filter(|p| p.ends_with(".html")).collect();
    assert!(html.len() <= 6, "only the page, its list, the home page and its terms: {html:?}");
    let record_groups: std::collections::BTreeSet<&str> =
        changed.iter().filter_map(|p| p.strip_prefix("/search-index/r/")).filter_map(|p| p.split('/').next()).collect();
    assert_eq!(record_groups.len(), 1, "one group of search records: {record_groups:?}");
}

#[test]
fn a_relative_out_starts_from_the_portal_folder_as_help_says() {
    let portal = PortalTest::new("content/portal");
    // Run from the temp folder around the portal: `ban-in` is the portal's, not the current folder's.
    let build = portal.run("build", &["--out", "ban-in"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(portal.root().join("ban-in/index.html").is_file());
    assert!(!portal.temp().join("ban-in").exists(), "written relative to the current folder");
    assert!(!portal.root().join("site").exists());

    let (code, help, _) = crate::util::run_hoctap(&["build", "--help", "--lang", "en"]);
    assert_eq!(code, 0);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("A relative path starts from the portal folder (`--root`), not from the current folder"),
        "{help}"
    );
    assert!(help.contains("a relative path starts from the current folder"), "--root: {help}");
    let (_, check, _) = crate::util::run_hoctap(&["check", "--help", "--lang", "en"]);
    let check = check.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(check.contains("`.hoctap-cache/` inside the portal folder"), "{check}");
    let (_, serve, _) = crate::util::run_hoctap(&["serve", "--help", "--lang", "en"]);
    let serve = serve.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(serve.contains("a relative path starts from the current folder)"), "{serve}");
}
