//! Links: `@/` internal links, anchors, external links, and the base path of `--base-url`.

use crate::util::{broken_internal_refs, describe_broken, xml_elements, PortalTest};

const PORTAL: &str = "content/portal";
const BASE_URL: &str = "https://hoctap.example.vn";

#[test]
fn internal_links_to_markdown_files_become_page_urls_with_their_anchor() {
    let build = PortalTest::new(PORTAL).build().success();
    let page = build.page("/tin-tuc/bai-co-lien-ket/");
    let links = page.attrs(".prose a", "href");
    assert_eq!(
        links[..3],
        ["/ke-hoach/ke-hoach-2025/", "/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/#muc-tieu-cu-the", "/gioi-thieu/",]
    );
    let target = build.page("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/");
    assert!(target.ids().contains("muc-tieu-cu-the"));
}

#[test]
fn external_links_get_rel_noopener_and_internal_ones_do_not() {
    let build = PortalTest::new(PORTAL).build().success();
    let page = build.page("/tin-tuc/bai-co-lien-ket/");
    assert_eq!(page.attr(".prose a[href='https://moet.gov.vn/']", "rel").as_deref(), Some("noopener"));
    assert_eq!(page.attr(".prose a[href='/gioi-thieu/']", "rel"), None);
}

#[test]
fn every_internal_link_of_a_fixture_portal_resolves() {
    let build = PortalTest::new(PORTAL).build().success();
    let broken = broken_internal_refs(&build, BASE_URL, "");
    assert!(broken.is_empty(), "{}", describe_broken(&broken));
}

#[test]
fn a_base_url_with_a_path_prefixes_every_internal_link() {
    let build = PortalTest::new(PORTAL).args(&["--base-url", "https://x.example/cong"]).build().success();
    // Files stay at the root of the output folder; only links carry the prefix.
    let page = build.page("/tin-tuc/bai-co-lien-ket/");
    assert_eq!(page.attrs(".prose a", "href")[0], "/cong/ke-hoach/ke-hoach-2025/");
    assert!(page.attr("link[rel='stylesheet']", "href").unwrap().starts_with("/cong/css/main."));
    assert_eq!(
        page.attr("link[rel='canonical']", "href").as_deref(),
        Some("https://x.example/cong/tin-tuc/bai-co-lien-ket/")
    );
    let bundle = build.page("/tin-tuc/hoi-sach/");
    assert_eq!(bundle.attr(".article__figure img", "src").as_deref(), Some("/cong/tin-tuc/hoi-sach/anh-hoi-sach.svg"));
    let alias = build.page("/tin-cu/hoi-sach/");
    assert_eq!(alias.attr("meta[http-equiv='refresh']", "content").as_deref(), Some("0; url=/cong/tin-tuc/hoi-sach/"));
    for loc in xml_elements(&build.read("/sitemap.xml"), "loc") {
        assert!(loc.starts_with("https://x.example/cong/"), "{loc}");
    }

    for file in build.html_files() {
        let page = build.page(&file);
        for link in page.attrs("[href], [src]", "href").into_iter().chain(page.attrs("[src]", "src")) {
            if link.starts_with('/') && !link.starts_with("//") {
                assert!(link.starts_with("/cong/"), "{file}: `{link}` lacks the base path");
            }
        }
    }
    let broken = broken_internal_refs(&build, "https://x.example/cong", "/cong");
    assert!(broken.is_empty(), "{}", describe_broken(&broken));
}
