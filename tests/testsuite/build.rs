//! The sample portal at the repository root builds and every page is well formed.

use crate::util::{broken_internal_refs, check_xml, describe_broken, manifest_dir, xml_elements, Build, PortalTest};

const SAMPLE_BASE_URL: &str = "https://xhht.thapmuoi.example.vn";

fn build_sample() -> Build {
    PortalTest::in_place(&manifest_dir()).build().success()
}

/// The numbers of `Đã xây dựng 75 trang, 6 chuyên mục (130 tệp HTML, …`.
fn summary_numbers(stdout: &str) -> (usize, usize, usize) {
    let numbers: Vec<usize> = stdout
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().expect("a number"))
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn builds_the_sample_portal_and_prints_a_one_line_summary_with_the_page_count() {
    let build = build_sample();
    assert_eq!(build.stdout.lines().count(), 1, "{}", build.stdout);
    assert!(build.stdout.starts_with("Đã xây dựng "), "{}", build.stdout);
    assert!(build.stdout.contains(" trang, "), "{}", build.stdout);
    let (pages, sections, html_files) = summary_numbers(&build.stdout);
    assert!(pages > 20, "{}", build.stdout);

    // The sitemap lists home, every other section, every page and every indicator page.
    let sitemap = build.read("/sitemap.xml");
    let open_data: serde_json::Value = serde_json::from_str(&build.read("/chi-so/du-lieu.json")).unwrap();
    let indicators = open_data["indicators"].as_array().map_or(0, Vec::len);
    assert_eq!(xml_elements(&sitemap, "loc").len(), pages + sections + indicators, "{}", build.stdout);
    // Every rendered HTML file is counted; alias redirects are extra files.
    let rendered = build.citizen_html_files().iter().filter(|f| !build.page(f).is_redirect()).count();
    assert_eq!(rendered, html_files, "{}", build.stdout);
}

#[test]
fn every_internal_link_of_the_sample_portal_resolves_to_a_file_and_an_id() {
    let build = build_sample();
    let broken = broken_internal_refs(&build, SAMPLE_BASE_URL, "");
    assert!(broken.is_empty(), "{}", describe_broken(&broken));
}

#[test]
fn every_sample_page_has_one_h1_a_main_a_title_and_lang_vi() {
    let build = build_sample();
    let files = build.citizen_html_files();
    assert!(files.len() > 50);
    for file in files {
        let page = build.page(&file);
        assert_eq!(page.attr("html", "lang").as_deref(), Some("vi"), "{file}");
        // `head > title`: charts carry SVG `<title>`s of their own.
        assert_eq!(page.count("head > title"), 1, "{file}");
        assert!(!page.text("head > title").is_empty(), "{file}: empty <title>");
        if page.is_redirect() {
            continue;
        }
        assert_eq!(page.count("h1"), 1, "{file}: {:?}", page.texts("h1"));
        assert!(!page.text("h1").is_empty(), "{file}: empty <h1>");
        assert_eq!(page.count("main"), 1, "{file}");
    }
}

#[test]
fn ids_are_unique_in_every_sample_page() {
    let build = build_sample();
    for file in build.html_files() {
        let ids = build.page(&file).attrs("[id]", "id");
        let mut seen = std::collections::HashSet::new();
        let duplicates: Vec<&String> = ids.iter().filter(|id| !seen.insert(*id)).collect();
        assert!(duplicates.is_empty(), "{file}: duplicate ids {duplicates:?}");
    }
}

#[test]
fn every_image_of_the_sample_portal_has_an_alt_attribute() {
    let build = build_sample();
    let mut images = 0;
    for file in build.html_files() {
        let page = build.page(&file);
        for img in page.all("img") {
            images += 1;
            assert!(img.value().attr("alt").is_some(), "{file}: {}", img.html());
        }
    }
    assert!(images > 0);
    // Content images (in articles) describe themselves; only decorative ones may be empty.
    let bundle = build.page("/tin-tuc/ngay-hoi-doc-sach-my-an-2024/");
    let alt = bundle.attr(".article__figure img", "alt").expect("figure image");
    assert!(alt.len() > 10, "{alt:?}");
}

#[test]
fn the_sample_portal_has_a_sitemap_robots_txt_an_atom_feed_and_a_404_page() {
    let build = build_sample();
    let sitemap = build.read("/sitemap.xml");
    assert!(sitemap.contains("<urlset"));
    check_xml(&sitemap).unwrap_or_else(|e| panic!("sitemap.xml: {e}"));
    for loc in xml_elements(&sitemap, "loc") {
        assert!(loc.starts_with(SAMPLE_BASE_URL), "{loc}");
        let path = &loc[SAMPLE_BASE_URL.len()..];
        assert!(build.exists(path), "sitemap names a missing page: {loc}");
    }

    let robots = build.read("/robots.txt");
    assert!(robots.contains(&format!("Sitemap: {SAMPLE_BASE_URL}/sitemap.xml")), "{robots}");

    let atom = build.read("/atom.xml");
    assert!(atom.contains("<feed"));
    check_xml(&atom).unwrap_or_else(|e| panic!("atom.xml: {e}"));
    assert!(!xml_elements(&atom, "entry").is_empty());

    let not_found = build.page("/404.html");
    assert_eq!(not_found.count("h1"), 1);
    assert_eq!(not_found.attr("meta[name='robots']", "content").as_deref(), Some("noindex"));
}

#[test]
fn every_sample_page_links_the_same_fingerprinted_stylesheet_which_exists() {
    let build = build_sample();
    let css_files: Vec<String> = build.files().into_iter().filter(|f| f.ends_with(".css")).collect();
    assert_eq!(css_files.len(), 1, "{css_files:?}");
    let css = &css_files[0];
    let hash = css.strip_prefix("/css/main.").and_then(|s| s.strip_suffix(".css")).expect("css/main.<hash>.css");
    assert!(hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{css}");
    assert!(!build.bytes(css).is_empty());
    for file in build.citizen_html_files() {
        let page = build.page(&file);
        if page.is_redirect() {
            continue;
        }
        assert_eq!(page.attrs("link[rel='stylesheet']", "href"), vec![css.clone()], "{file}");
    }
}

#[test]
fn the_search_page_fetches_its_script_and_manifest_at_once_without_the_loader() {
    // On a slow phone every request before the first result counts: the search page names the
    // script and preloads the manifest in its head, and leaves out the loader other pages carry.
    let build = PortalTest::new("content/portal").build().success();
    let is_loader = |src: &String| src.contains("/js/search-loader.");
    assert!(build.page("/").attrs("script", "src").iter().any(is_loader), "other pages carry the loader");
    let search = build.page("/tim-kiem/");
    assert!(!search.attrs("script", "src").iter().any(is_loader), "the search page has no loader");
    assert!(
        search.attr("head script[data-search-main][defer]", "src").is_some(),
        "search script in the head, deferred"
    );
    let preload = search.attr("head link[rel=preload][as=fetch][crossorigin=anonymous]", "href");
    assert_eq!(preload, search.attr("form[data-search-full]", "data-search-index"), "the manifest is preloaded");
}
