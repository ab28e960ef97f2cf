//! Content features: front matter, URLs, headings, summaries, raw HTML, bundles, aliases,
//! drafts, and files with a BOM or CRLF line ends.

use scraper::ElementRef;

use crate::util::{fixture_dir, select_in, text_of, PortalTest};

const PORTAL: &str = "content/portal";

#[test]
fn reads_toml_and_yaml_front_matter() {
    let build = PortalTest::new(PORTAL).build().success();

    let toml = build.page("/gioi-thieu/");
    assert_eq!(toml.text("h1"), "Giới thiệu");
    assert!(toml.text(".article__updated").contains("02/01/2025"), "{}", toml.main_text());

    let yaml = build.page("/tin-tuc/lop-tieng-anh/");
    assert_eq!(yaml.text("h1"), "Lớp tiếng Anh giao tiếp cho người lớn");
    assert_eq!(yaml.attr(".byline time", "datetime").as_deref(), Some("2025-03-10"));
    assert_eq!(yaml.text(".byline time"), "10/03/2025");
    assert_eq!(yaml.texts(".tags a"), ["ngoại ngữ", "thư viện"]);
    assert_eq!(yaml.attrs(".tags a", "href"), ["/chu-de/ngoai-ngu/", "/chu-de/thu-vien/"]);
    assert_eq!(yaml.attr(".byline a[href^='/xa-phuong/']", "href").as_deref(), Some("/xa-phuong/xa-my-an/"));
}

#[test]
fn folds_a_vietnamese_file_name_into_an_ascii_url() {
    let build = PortalTest::new(PORTAL).build().success();
    let page = build.page("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/");
    assert_eq!(page.text("h1"), "Ngày Sách và Văn hóa đọc Việt Nam");
    assert_eq!(
        page.attr("link[rel='canonical']", "href").as_deref(),
        Some("https://hoctap.example.vn/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/")
    );
}

#[test]
fn folds_decomposed_nfd_file_names_like_composed_ones() {
    // "Học tập suốt đời" with every diacritic as a combining mark (as macOS writes names).
    let nfd = "Ho\u{323}c ta\u{302}\u{323}p suo\u{302}\u{301}t \u{111}o\u{31b}\u{300}i.md";
    let build = PortalTest::new(PORTAL)
        .file(&format!("content/tin-tuc/{nfd}"), "+++\ntitle = \"Học tập suốt đời\"\ndate = 2025-05-01\n+++\n\nBài.\n")
        .build()
        .success();
    assert_eq!(build.page("/tin-tuc/hoc-tap-suot-doi/").text("h1"), "Học tập suốt đời");
}

#[test]
fn a_slug_field_replaces_the_last_part_of_the_url() {
    let build = PortalTest::new(PORTAL).build().success();
    assert_eq!(build.page("/tin-tuc/bai-co-lien-ket/").text("h1"), "Bài có liên kết");
    assert!(!build.exists("/tin-tuc/lien-ket/"));
}

#[test]
fn tags_spelled_differently_share_one_folded_term_page() {
    let build = PortalTest::new(PORTAL).build().success();
    // "Văn hóa đọc" and "văn hóa đọc" fold to the same slug.
    let term = build.page("/chu-de/van-hoa-doc/");
    let titles = term.texts(".card__title");
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Ngày Sách và Văn hóa đọc Việt Nam".to_string()));
    assert!(titles.contains(&"Ngày hội sách tại xã Mỹ Hòa".to_string()));
}

#[test]
fn headings_get_folded_unique_ids_and_a_nested_table_of_contents() {
    let build = PortalTest::new(PORTAL).build().success();
    let page = build.page("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/");
    assert_eq!(page.attrs(".prose h2", "id"), ["muc-tieu-cu-the", "to-chuc-thuc-hien", "muc-tieu-cu-the-1"]);
    assert_eq!(page.attrs(".prose h3", "id"), ["chi-tieu-nam-2025"]);

    assert_eq!(page.text(".toc h2"), "Mục lục");
    assert_eq!(
        page.attrs(".toc > ol > li > a", "href"),
        ["#muc-tieu-cu-the", "#to-chuc-thuc-hien", "#muc-tieu-cu-the-1"]
    );
    assert_eq!(page.attrs(".toc ol ol a", "href"), ["#chi-tieu-nam-2025"]);
    assert_eq!(page.text(".toc ol ol a"), "Chỉ tiêu năm 2025");
}

#[test]
fn a_heading_named_like_a_theme_landmark_gets_an_id_of_its_own() {
    // The theme gives <main> the id `noi-dung` ("content"), a likely heading in Vietnamese.
    let build = PortalTest::new(PORTAL)
        .file(
            "content/tin-tuc/noi-dung.md",
            "+++\ntitle = \"Bài có mục Nội dung\"\ndate = 2025-05-02\n+++\n\n## Nội dung\n\nA.\n\n## Mục lục\n\nB.\n",
        )
        .build()
        .success();
    let page = build.page("/tin-tuc/noi-dung/");
    let ids = page.attrs("[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    // The table of contents leads to the heading, not to <main>.
    let first = page.attrs(".toc a", "href")[0].clone();
    assert_eq!(page.attr(&format!("[id='{}']", &first[1..]), "id"), page.attr(".prose h2", "id"));
}

#[test]
fn list_summaries_come_from_the_field_the_more_marker_or_the_first_paragraph() {
    let build = PortalTest::new(PORTAL).build().success();
    let list = build.page("/tin-tuc/");
    let summary_of = |url: &str| -> String {
        let cards = list.all(".card");
        let has_link = |card: &ElementRef<'_>| {
            select_in(*card, ".card__title a").iter().any(|a| a.value().attr("href") == Some(url))
        };
        let card = cards.into_iter().find(has_link).unwrap_or_else(|| panic!("no card for {url}"));
        text_of(select_in(card, ".card__summary")[0])
    };
    // `summary = …` in the front matter.
    assert_eq!(summary_of("/tin-tuc/lop-tieng-anh/"), "Tóm tắt viết tay trong phần đầu YAML.");
    // The text before `<!-- more -->`.
    assert_eq!(summary_of("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/"), "Đoạn mở đầu nằm trong tóm tắt.");
    // Else the first paragraph (not a heading, not the second paragraph).
    assert_eq!(summary_of("/tin-tuc/tom-tat-doan-dau/"), "Đoạn đầu tiên làm tóm tắt.");

    // The marker itself never shows, and the full page keeps both parts.
    let page = build.read("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/index.html");
    assert!(!page.contains("more --"));
    let page = build.page("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/");
    assert_eq!(
        page.texts(".prose p")[..2],
        ["Đoạn mở đầu nằm trong tóm tắt.", "Đoạn sau dấu tách không nằm trong tóm tắt."]
    );
}

#[test]
fn long_pages_show_their_reading_time_and_short_ones_do_not() {
    let build = PortalTest::new(PORTAL).build().success();
    // 680 words at 220 words a minute.
    let long = build.page("/tin-tuc/bai-dai/");
    assert!(long.texts(".byline li").contains(&"Thời gian đọc: 4 phút".to_string()), "{:?}", long.texts(".byline li"));
    let short = build.page("/tin-tuc/lop-tieng-anh/");
    assert!(!short.text(".byline").contains("Thời gian đọc"));
}

#[test]
fn raw_html_in_markdown_is_shown_as_text_by_default() {
    let build = PortalTest::new(PORTAL).build().success();
    let page = build.page("/tin-tuc/bai-co-lien-ket/");
    assert_eq!(page.count(".prose b"), 0);
    assert_eq!(page.count(".prose script"), 0);
    assert_eq!(page.count(".prose div.hop"), 0);
    let text = page.text(".prose");
    assert!(text.contains("<b>đậm</b>"), "{text}");
    assert!(text.contains("<script>"), "{text}");
    assert!(text.contains("<div class=\"hop\">Khối HTML</div>"), "{text}");
}

#[test]
fn raw_html_in_markdown_is_rendered_with_allow_html() {
    let build = PortalTest::new("content/allow-html").build().success();
    let page = build.page("/bai-html/");
    assert_eq!(page.text(".prose b"), "đậm");
    assert_eq!(page.text(".prose div.hop"), "Khối HTML");
    assert!(!page.text(".prose").contains("<b>"));
}

#[test]
fn page_bundle_files_are_copied_beside_the_page() {
    let portal = PortalTest::new(PORTAL);
    let build = portal.build().success();
    for name in ["anh-hoi-sach.svg", "chuong-trinh.txt"] {
        let source = std::fs::read(fixture_dir(PORTAL).join("content/tin-tuc/hoi-sach").join(name)).unwrap();
        assert_eq!(build.bytes(&format!("/tin-tuc/hoi-sach/{name}")), source, "{name}");
    }
    let page = build.page("/tin-tuc/hoi-sach/");
    assert_eq!(page.attr(".article__figure img", "src").as_deref(), Some("/tin-tuc/hoi-sach/anh-hoi-sach.svg"));
    assert_eq!(page.attr(".article__figure img", "alt").as_deref(), Some("Chồng sách và cuốn sách đang mở"));
    assert_eq!(
        page.attr("meta[property='og:image']", "content").as_deref(),
        Some("https://hoctap.example.vn/tin-tuc/hoi-sach/anh-hoi-sach.svg")
    );
    assert_eq!(
        page.attr("meta[property='og:image:alt']", "content").as_deref(),
        Some("Chồng sách và cuốn sách đang mở")
    );
}

#[test]
fn aliases_produce_redirect_pages_with_a_meta_refresh_and_a_canonical_link() {
    let build = PortalTest::new(PORTAL).build().success();
    for alias in ["/tin-cu/hoi-sach/", "/cu/hoi-sach.html"] {
        let page = build.page(alias);
        assert!(page.is_redirect(), "{alias}");
        assert_eq!(
            page.attr("meta[http-equiv='refresh']", "content").as_deref(),
            Some("0; url=/tin-tuc/hoi-sach/"),
            "{alias}"
        );
        assert_eq!(
            page.attr("link[rel='canonical']", "href").as_deref(),
            Some("https://hoctap.example.vn/tin-tuc/hoi-sach/"),
            "{alias}"
        );
        assert_eq!(page.attr("meta[name='robots']", "content").as_deref(), Some("noindex"));
        assert_eq!(page.attr("body a", "href").as_deref(), Some("/tin-tuc/hoi-sach/"));
    }
}

#[test]
fn drafts_and_future_news_are_left_out_without_the_drafts_flag() {
    let build = PortalTest::new(PORTAL).build().success();
    for url in ["/tin-tuc/ban-nhap/", "/tin-tuc/tin-tuong-lai/"] {
        assert!(!build.exists(url), "{url} was built");
        assert!(!build.read("/sitemap.xml").contains(url), "{url} in the sitemap");
        assert!(!build.read("/atom.xml").contains(url), "{url} in the feed");
        assert!(!build.read("/tin-tuc/index.html").contains(url), "{url} in the list");
    }
}

#[test]
fn drafts_and_future_news_are_built_with_the_drafts_flag() {
    let build = PortalTest::new(PORTAL).args(&["--drafts"]).build().success();
    assert_eq!(build.page("/tin-tuc/ban-nhap/").text("h1"), "Bản nháp chưa duyệt");
    assert_eq!(build.page("/tin-tuc/tin-tuong-lai/").text("h1"), "Tin hẹn giờ đăng");
    let list = build.page("/tin-tuc/");
    let links = list.attrs(".card__title a", "href");
    assert!(links.contains(&"/tin-tuc/ban-nhap/".to_string()), "{links:?}");
    // Newest first: the future item leads the list.
    assert_eq!(links[0], "/tin-tuc/tin-tuong-lai/");
}

#[test]
fn files_with_a_byte_order_mark_and_crlf_line_ends_just_work() {
    let root = fixture_dir("content/bom-crlf");
    // Guard against a checkout that rewrote the fixture's line ends.
    let raw = std::fs::read(root.join("content/tin-tuc/bom-crlf.md")).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBF+++\r\n"), "fixture lost its BOM or CRLF");
    let raw = std::fs::read(root.join("hoctap.toml")).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBF") && raw.windows(2).any(|w| w == b"\r\n"));

    let build = PortalTest::new("content/bom-crlf").build().success();
    let page = build.page("/tin-tuc/bom-crlf/");
    assert_eq!(page.text("h1"), "Bài có BOM và CRLF");
    assert_eq!(page.text(".byline time"), "21/04/2025");
    assert_eq!(page.attrs(".prose h2", "id"), ["muc-tieu"]);
    assert!(!build.read("/tin-tuc/bom-crlf/index.html").contains('\r'));
    assert!(!build.read("/tin-tuc/bom-crlf/index.html").contains('\u{feff}'));
    let yaml = build.page("/tin-tuc/yaml-crlf/");
    assert_eq!(yaml.text("h1"), "YAML với CRLF");
    assert_eq!(yaml.texts(".tags a"), ["thư viện"]);
    assert_eq!(build.page("/").text("h1"), "Cổng có BOM");
}
