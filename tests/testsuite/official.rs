//! What a citizen expects of an official portal: the agency's emblem in the header, the footer
//! lines (person responsible, address, phone, e-mail, licence), author and source on news,
//! related news, and the portal's own plans first, each plan's text before its indicators.

use crate::util::{manifest_dir, PortalTest};

const HOME: &str = "+++\ntitle = \"Trang chủ\"\n+++\n";
const NEWS_SECTION: &str = "+++\ntitle = \"Tin tức\"\nkind = \"news\"\n+++\n";
const LOGO: &str =
    r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><rect width="120" height="80"/></svg>"#;

fn portal(config: &str) -> PortalTest {
    PortalTest::empty()
        .file("hoctap.toml", config)
        .file("content/_index.md", HOME)
        .file("content/tin-tuc/_index.md", NEWS_SECTION)
        .file("static/bieu-trung.svg", LOGO)
}

fn news(title: &str, date: &str, tags: &[&str], extra: &str) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!("+++\ntitle = \"{title}\"\ndate = {date}\ntags = [{}]\n{extra}+++\n\nNội dung.\n", tags.join(", "))
}

#[test]
fn the_header_shows_the_emblem_and_the_footer_the_lines_of_an_official_portal_escaped() {
    let config = r#"title = "Cổng xã"
organization = "UBND xã Mỹ Hòa"
[contact]
address = "Ấp 3, xã Mỹ Hòa <b>"
phone = "+84 277 385.1234"
email = "xhht@myhoa.gov.vn"
responsible = "Bà Lê Thị B & cộng sự"
license = "12/GP-TTĐT ngày 15/3/2024"
[logo]
src = "/bieu-trung.svg"
alt = "Biểu trưng \"xã\""
height = 40
"#;
    let build = portal(config).build().success();
    let home = build.page("/");
    assert_eq!(home.attr(".brand img", "src").as_deref(), Some("/bieu-trung.svg"));
    assert_eq!(home.attr(".brand img", "alt").as_deref(), Some("Biểu trưng \"xã\""));
    // The width follows the picture's own proportions (120 × 80) at the height given.
    assert_eq!(
        (home.attr(".brand img", "width"), home.attr(".brand img", "height")),
        (Some("60".into()), Some("40".into()))
    );
    let footer = home.texts(".site-footer__org > *");
    assert_eq!(
        footer,
        [
            "UBND xã Mỹ Hòa",
            "Chịu trách nhiệm nội dung: Bà Lê Thị B & cộng sự",
            "Địa chỉ: Ấp 3, xã Mỹ Hòa <b> Điện thoại: +84 277 385.1234 Thư điện tử: xhht@myhoa.gov.vn",
            "Giấy phép số 12/GP-TTĐT ngày 15/3/2024",
        ]
    );
    assert_eq!(home.attr(".site-footer a[href^='tel:']", "href").as_deref(), Some("tel:+842773851234"));
    assert_eq!(home.attr(".site-footer a[href^='mailto:']", "href").as_deref(), Some("mailto:xhht@myhoa.gov.vn"));
    assert!(!build.read("/").contains("<b>"), "the address is escaped");

    // In English, the same lines with English labels.
    let build =
        portal(&config.replace("title = \"Cổng xã\"", "title = \"Cổng xã\"\nlanguage = \"en\"")).build().success();
    let footer = build.page("/").texts(".site-footer__line");
    assert_eq!(footer, ["Responsible for the content: Bà Lê Thị B & cộng sự", "Licence no. 12/GP-TTĐT ngày 15/3/2024"]);
}

#[test]
fn without_a_logo_or_footer_lines_there_is_no_slot_and_the_favicon_is_fetched_once() {
    let build = portal("title = \"Cổng xã\"\n").build().success();
    let home = build.page("/");
    assert_eq!(home.count(".brand img"), 0, "no logo, no empty slot");
    assert_eq!(home.count(".site-footer__line, .site-footer address"), 0);
    // The favicon is linked once and nothing else on the page asks for it again.
    assert_eq!(home.attrs("link[rel=icon]", "href"), ["/favicon.svg"]);
    assert_eq!(build.read("/").matches("/favicon.svg").count(), 1);
}

#[test]
fn bad_contact_and_logo_values_are_errors_at_their_lines_in_both_languages() {
    let config = "title = \"T\"\n[contact]\nphone = \"gọi 0277\"\nemail = \"xhht at myhoa\"\n[logo]\nsrc = \"/khong-co.png\"\nalt = \"A\"\n";
    let build = portal(config).build().failure();
    build.stderr_has(&[
        "hoctap.toml:3",
        "`[contact] phone`: `gọi 0277` không phải số điện thoại",
        "hoctap.toml:4",
        "`[contact] email`: `xhht at myhoa` không phải địa chỉ thư điện tử",
        "hoctap.toml:6",
        "`[logo] src`: không có tệp `static/khong-co.png`",
    ]);
    let build = portal(config).args(&["--lang", "en"]).build().failure();
    build.stderr_has(&[
        "`[contact] phone`: `gọi 0277` is not a phone number",
        "`[contact] email`: `xhht at myhoa` is not an e-mail address",
        "`[logo] src`: there is no file `static/khong-co.png`",
    ]);
    let no_alt = "title = \"T\"\n[logo]\nsrc = \"/bieu-trung.svg\"\n";
    portal(no_alt).build().failure().stderr_has(&["hoctap.toml:3", "`[logo]` thiếu `alt`"]);
    let script = "title = \"T\"\n[logo]\nsrc = \"javascript:alert(1)\"\nalt = \"A\"\nwidth = 1\nheight = 1\n";
    portal(script).build().failure().stderr_has(&["`[logo] src`", "`javascript:`"]);
    let typo = "title = \"T\"\n[logo]\nsrc = \"/bieu-trung.svg\"\nalt = \"A\"\nwidht = 3\n";
    portal(typo).build().failure().stderr_has(&["`widht`", "`width`"]);
}

#[test]
fn news_shows_its_author_and_source_and_json_ld_names_them() {
    let source =
        "author = \"Nguyễn Văn A\"\nsource = \"Báo Đồng Tháp\"\nsource_url = \"https://baodongthap.vn/bai-goc\"\n";
    let build = portal("title = \"T\"\n")
        .file("content/tin-tuc/a.md", news("Tin A", "2025-04-21", &[], source))
        .file("content/tin-tuc/b.md", news("Tin B", "2025-04-22", &[], ""))
        .build()
        .success();
    let page = build.page("/tin-tuc/a/");
    assert_eq!(page.texts(".article__credits li"), ["Tác giả: Nguyễn Văn A", "Nguồn: Báo Đồng Tháp"]);
    assert_eq!(page.attr(".article__credits a", "href").as_deref(), Some("https://baodongthap.vn/bai-goc"));
    let jsonld = page.jsonld();
    assert_eq!(jsonld["author"]["name"], "Nguyễn Văn A");
    assert_eq!(jsonld["isBasedOn"]["name"], "Báo Đồng Tháp");
    assert_eq!(jsonld["isBasedOn"]["url"], "https://baodongthap.vn/bai-goc");
    let plain = build.page("/tin-tuc/b/");
    assert_eq!(plain.count(".article__credits"), 0);
    assert!(plain.jsonld().get("author").is_none());
}

#[test]
fn a_source_link_needs_a_source_and_a_safe_scheme() {
    let build = portal("title = \"T\"\n")
        .file("content/tin-tuc/a.md", news("Tin A", "2025-04-21", &[], "source_url = \"https://baodongthap.vn/x\"\n"))
        .file(
            "content/tin-tuc/b.md",
            news("Tin B", "2025-04-21", &[], "source = \"X\"\nsource_url = \"javascript:alert(1)\"\n"),
        )
        .build()
        .failure();
    build.stderr_has(&[
        "content/tin-tuc/a.md:5",
        "có `source_url` nhưng thiếu `source`",
        "content/tin-tuc/b.md:6",
        "trường `source_url`",
        "`javascript:`",
    ]);
    let build = portal("title = \"T\"\n")
        .file("content/tin-tuc/a.md", news("Tin A", "2025-04-21", &[], "source_url = \"https://baodongthap.vn/x\"\n"))
        .args(&["--lang", "en"])
        .build()
        .failure();
    build.stderr_has(&["`source_url` is set but `source` (the publication's name) is missing"]);
}

#[test]
fn related_news_shares_tags_most_shared_then_newest_and_is_absent_without_any() {
    let build = portal("title = \"T\"\n")
        .file("content/tin-tuc/goc.md", news("Gốc", "2025-05-01", &["đọc sách", "thư viện"], ""))
        .file("content/tin-tuc/hai-the.md", news("Hai thẻ", "2020-01-01", &["thư viện", "đọc sách"], ""))
        .file("content/tin-tuc/moi.md", news("Mới", "2025-04-01", &["đọc sách"], ""))
        .file("content/tin-tuc/cu.md", news("Cũ", "2024-04-01", &["thư viện"], ""))
        .file("content/tin-tuc/cu-hon.md", news("Cũ hơn", "2023-04-01", &["đọc sách"], ""))
        .file("content/tin-tuc/cu-nhat.md", news("Cũ nhất", "2022-04-01", &["thư viện"], ""))
        .file("content/tin-tuc/khac.md", news("Khác", "2025-05-02", &["thể thao"], ""))
        .build()
        .success();
    let page = build.page("/tin-tuc/goc/");
    assert_eq!(page.text(".related h2"), "Tin liên quan");
    assert_eq!(page.texts(".related .card__title"), ["Hai thẻ", "Mới", "Cũ", "Cũ hơn"]);
    let alone = build.page("/tin-tuc/khac/");
    assert_eq!(alone.count(".related"), 0, "no related news, no heading");
    assert!(!build.read("/tin-tuc/khac/").contains("Tin liên quan"));
}

#[test]
fn the_sample_home_lists_own_plans_first_and_a_plan_shows_its_text_before_its_indicators() {
    let build = PortalTest::in_place(&manifest_dir()).build().success();
    let home = build.page("/");
    let plans: Vec<String> =
        home.attrs("#home_plans ~ * .card__title a, section:has(#home_plans) .card__title a", "href");
    assert_eq!(
        plans[0], "/ke-hoach/xay-dung-xa-hoi-hoc-tap-xa-thap-muoi-nam-2026/",
        "the portal's own plan first: {plans:?}"
    );
    // Then the reference plans, newest issued first (16/04/2024, 12/03/2024, 26/02/2024,
    // 20/02/2024: the former district's plan), as many as the home page has room for.
    assert_eq!(
        &plans[1..],
        [
            "/ke-hoach/tham-khao-phu-my-2024/",
            "/ke-hoach/tham-khao-can-tho-2024/",
            "/ke-hoach/tham-khao-can-duoc-phong-trao-thi-dua-2023-2030/",
            "/ke-hoach/xay-dung-xa-hoi-hoc-tap-nam-2024/",
        ]
    );
    let html = build.read("/ke-hoach/xay-dung-xa-hoi-hoc-tap-xa-thap-muoi-nam-2026/");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("class=\"lead\"") < at("class=\"facts\""), "summary, then facts");
    assert!(at("class=\"facts\"") < at("class=\"prose\""), "then the text");
    assert!(at("class=\"prose\"") < at("class=\"ind-plan\""), "the indicators after the text");
    // A plan with a document (the former district's, now a reference) shows it between its
    // facts and its text.
    let html = build.read("/ke-hoach/xay-dung-xa-hoi-hoc-tap-nam-2024/");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("class=\"lead\"") < at("class=\"facts\""), "summary, then facts");
    assert!(at("class=\"facts\"") < at("toan-van-ke-hoach-2024.txt"), "then the document");
    assert!(at("toan-van-ke-hoach-2024.txt") < at("class=\"prose\""), "then the text");
    let reference = build.page("/ke-hoach/tham-khao-phu-my-2024/");
    assert!(build.page("/ke-hoach/").texts(".card__meta li").iter().any(|t| t == "Kế hoạch tham khảo"));
    assert_eq!(reference.count(".ind-plan"), 0);

    // A 0.6–2.6 % indicator's bars are drawn on a 0–5 % scale, named in the header, with the
    // value written beside each bar and each cell labelled for the phone layout.
    let small = build.page("/chi-so/ty-le-mu-chu-15-60/");
    assert!(small.text(".ind-areas thead").contains("Mới nhất (thanh đo 0–5,0"), "{}", small.text(".ind-areas thead"));
    assert_eq!(small.attrs(".ind-areas .ind-bar__fill", "width")[..3], ["12", "34", "38"]);
    assert!(small.texts(".ind-areas .ind-bar__value")[0].starts_with("0,6"));
    assert!(small.attrs(".ind-areas td", "data-label").iter().all(|l| !l.is_empty()));
}
