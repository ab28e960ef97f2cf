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
    assert_eq!(
        build.page("/news/").attr(".pagination a[rel='next']", "href").as_deref(),
        Some("/news/page/2/")
    );
    assert!(!build.exists("/chu-de/"));
    assert!(!build.exists("/news/trang/2/"));
}
