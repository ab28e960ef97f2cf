//! List pages: pagination and the taxonomy pages (tags, communes, resource types,
//! role-model categories).

use crate::util::PortalTest;

#[test]
fn paginates_five_news_two_per_page_into_three_pages() {
    let build = PortalTest::new("content/pagination").build().success();
    let titles = |url: &str| build.page(url).texts(".card__title");
    // Newest first.
    assert_eq!(titles("/tin-tuc/"), ["Tin số 5", "Tin số 4"]);
    assert_eq!(titles("/tin-tuc/trang/2/"), ["Tin số 3", "Tin số 2"]);
    assert_eq!(titles("/tin-tuc/trang/3/"), ["Tin số 1"]);
    assert!(!build.exists("/tin-tuc/trang/4/"));
    assert!(!build.exists("/tin-tuc/trang/1/"), "page 1 lives at the section's own URL");
}

#[test]
fn list_pages_link_to_the_previous_and_next_page() {
    let build = PortalTest::new("content/pagination").build().success();
    let rel = |url: &str, rel: &str| build.page(url).attr(&format!(".pagination a[rel='{rel}']"), "href");

    assert_eq!(rel("/tin-tuc/", "prev"), None);
    assert_eq!(rel("/tin-tuc/", "next").as_deref(), Some("/tin-tuc/trang/2/"));
    assert_eq!(rel("/tin-tuc/trang/2/", "prev").as_deref(), Some("/tin-tuc/"));
    assert_eq!(rel("/tin-tuc/trang/2/", "next").as_deref(), Some("/tin-tuc/trang/3/"));
    assert_eq!(rel("/tin-tuc/trang/3/", "prev").as_deref(), Some("/tin-tuc/trang/2/"));
    assert_eq!(rel("/tin-tuc/trang/3/", "next"), None);

    let second = build.page("/tin-tuc/trang/2/");
    assert_eq!(second.text(".pagination [aria-current='page'] [aria-hidden='true']"), "2");
    assert_eq!(second.text("h1"), "Tin tức");
    assert_eq!(second.text("title"), "Tin tức – Trang 2 – Cổng phân trang");
}

#[test]
fn term_pages_are_paginated_like_sections() {
    let build = PortalTest::new("content/pagination").build().success();
    assert_eq!(build.page("/chu-de/doc-sach/").texts(".card__title"), ["Tin số 5", "Tin số 4"]);
    assert_eq!(build.page("/chu-de/doc-sach/trang/3/").texts(".card__title"), ["Tin số 1"]);
    assert_eq!(
        build.page("/chu-de/doc-sach/trang/2/").attr(".pagination a[rel='next']", "href").as_deref(),
        Some("/chu-de/doc-sach/trang/3/")
    );
}

#[test]
fn builds_a_page_for_every_tag_and_a_list_of_all_tags() {
    let build = PortalTest::new("content/portal").build().success();
    let all = build.page("/chu-de/");
    assert_eq!(all.text("h1"), "Chủ đề");
    let terms = all.attrs(".terms a", "href");
    assert_eq!(terms, ["/chu-de/ngoai-ngu/", "/chu-de/thu-vien/", "/chu-de/van-hoa-doc/"]);
    let library = build.page("/chu-de/thu-vien/");
    assert_eq!(library.text("h1"), "thư viện");
    assert_eq!(library.count(".card"), 2);
}

#[test]
fn term_pages_label_each_card_with_its_kind_and_section_lists_do_not() {
    // Cards are rendered once per page in both forms; each list must pick the right one.
    let build = PortalTest::new("content/portal").build().success();
    assert_eq!(build.page("/chu-de/thu-vien/").texts(".card__kind"), ["Tin tức", "Tin tức"]);
    assert_eq!(build.page("/tin-tuc/").count(".card__kind"), 0);
    assert!(build.page("/tin-tuc/").count(".card") > 0);
}

#[test]
fn builds_a_page_for_every_commune() {
    let build = PortalTest::new("content/portal").build().success();
    let commune = build.page("/xa-phuong/xa-my-hoa/");
    assert_eq!(commune.text("h1"), "Xã Mỹ Hòa");
    let titles = commune.texts(".card__title");
    assert!(titles.contains(&"Ngày Sách và Văn hóa đọc Việt Nam".to_string()), "{titles:?}");
    assert!(titles.contains(&"Gia đình ông Nguyễn Văn An".to_string()), "{titles:?}");
    assert_eq!(build.page("/xa-phuong/").attrs(".terms a", "href"), ["/xa-phuong/xa-my-an/", "/xa-phuong/xa-my-hoa/"]);
}

#[test]
fn builds_a_page_for_every_resource_type_with_its_translated_name() {
    let build = PortalTest::new("content/portal").build().success();
    let video = build.page("/loai-hoc-lieu/video/");
    assert_eq!(video.text("h1"), "Video");
    assert_eq!(video.texts(".card__title"), ["Video kỹ năng số cơ bản"]);
    let document = build.page("/loai-hoc-lieu/document/");
    assert_eq!(document.text("h1"), "Tài liệu");
    assert_eq!(document.texts(".card__title"), ["Sổ tay an toàn thông tin"]);
}

#[test]
fn builds_a_page_for_every_role_model_category_with_its_translated_name() {
    let build = PortalTest::new("content/portal").build().success();
    let family = build.page("/danh-hieu/family/");
    assert_eq!(family.text("h1"), "Gia đình học tập");
    assert_eq!(family.texts(".card__title"), ["Gia đình ông Nguyễn Văn An"]);
    assert_eq!(build.page("/danh-hieu/citizen/").text("h1"), "Công dân học tập");
    let all = build.page("/danh-hieu/");
    assert_eq!(all.texts(".terms a")[..2], ["Công dân học tập (1 mục)", "Gia đình học tập (1 mục)"]);
}
