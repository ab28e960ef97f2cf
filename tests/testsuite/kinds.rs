//! What each kind of page shows: plan facts, role-model categories, resource links, event
//! dates and calendars, JSON-LD types and Open Graph tags.

use serde_json::Value;

use crate::util::{select_in, text_of, Build, Page, PortalTest};

fn portal() -> Build {
    PortalTest::new("content/portal").build().success()
}

/// The `<dd>` next to the `<dt>` with this text.
fn fact(page: &Page, term: &str) -> String {
    let facts = page.all("dl.facts > div");
    let div =
        facts.into_iter().find(|div| select_in(*div, "dt").first().map(|dt| text_of(*dt)).as_deref() == Some(term));
    let div = div.unwrap_or_else(|| panic!("{}: no fact `{term}` in {:?}", page.path, page.texts("dl.facts dt")));
    text_of(select_in(div, "dd")[0])
}

#[test]
fn a_plan_shows_its_number_issuer_status_and_document() {
    let build = portal();
    let page = build.page("/ke-hoach/ke-hoach-2025/");
    assert_eq!(fact(&page, "Số, ký hiệu"), "45/KH-UBND");
    assert_eq!(fact(&page, "Cơ quan ban hành"), "UBND xã Mỹ Hòa");
    assert_eq!(fact(&page, "Ngày ban hành"), "15/01/2025");
    assert_eq!(fact(&page, "Giai đoạn"), "2025");
    assert_eq!(fact(&page, "Tình trạng"), "Đang có hiệu lực");
    let document = page.attr(".actions a", "href").expect("document link");
    assert_eq!(document, "/ke-hoach/ke-hoach-2025/ke-hoach-2025.txt");
    assert!(build.exists(&document));
}

#[test]
fn a_role_model_shows_its_category_label_commune_and_achievements() {
    let build = portal();
    let page = build.page("/guong-dien-hinh/gia-dinh-nguyen-van-an/");
    assert_eq!(fact(&page, "Danh hiệu"), "Gia đình học tập");
    assert_eq!(page.attr("dl.facts a[href^='/danh-hieu/']", "href").as_deref(), Some("/danh-hieu/family/"));
    assert_eq!(fact(&page, "Địa bàn"), "Xã Mỹ Hòa");
    assert_eq!(fact(&page, "Năm công nhận"), "2024");
    assert_eq!(page.texts(".achievements li"), ["Ba thế hệ cùng học", "Tủ sách gia đình hơn 300 cuốn"]);
    // The list shows the label too.
    let list = build.page("/guong-dien-hinh/");
    assert!(list.texts(".card__cat").contains(&"Gia đình học tập".to_string()));
}

#[test]
fn a_resource_links_to_its_url_or_its_file_and_shows_the_size() {
    let build = portal();
    let video = build.page("/hoc-lieu/video-ky-nang-so/");
    assert_eq!(video.attr(".actions a", "href").as_deref(), Some("https://www.youtube.com/watch?v=abc123"));
    assert_eq!(video.attr(".actions a", "download"), None);
    assert_eq!(video.text(".actions a"), "Mở học liệu (120 MB)");
    assert_eq!(fact(&video, "Dung lượng"), "120 MB");
    assert_eq!(fact(&video, "Thời lượng"), "45 phút");

    let file = build.page("/hoc-lieu/so-tay/");
    let link = file.attr(".actions a", "href").expect("download link");
    assert_eq!(link, "/hoc-lieu/so-tay/so-tay.txt");
    assert!(build.exists(&link));
    assert!(file.attr(".actions a", "download").is_some());
    // A local file's type and measured size replace the hand-written `size = "1 KB"`.
    assert_eq!(file.text(".actions a"), "Tải về (TXT, 25 byte)");
}

#[test]
fn an_event_shows_its_date_and_links_a_calendar_file() {
    let build = portal();
    let page = build.page("/su-kien/ngay-sach-2025/");
    assert_eq!(fact(&page, "Thời gian"), "21/04/2025");
    assert_eq!(page.attr("dl.facts time", "datetime").as_deref(), Some("2025-04-21"));
    assert_eq!(fact(&page, "Địa điểm"), "Thư viện xã Mỹ Hòa, ấp 1");
    assert_eq!(fact(&page, "Loại sự kiện"), "Ngày Sách và Văn hóa đọc Việt Nam");
    let ics = page.attr("a[type='text/calendar']", "href").expect("calendar link");
    assert_eq!(ics, "/su-kien/ngay-sach-2025/ngay-sach-2025.ics");

    let timed = build.page("/su-kien/tuan-le-hoc-tap/");
    assert_eq!(fact(&timed, "Bắt đầu"), "01/10/2025, 07:30");
    assert_eq!(fact(&timed, "Kết thúc"), "01/10/2025, 11:00");
}

#[test]
fn an_event_calendar_file_is_icalendar_with_crlf_line_ends() {
    let build = portal();
    let bytes = build.bytes("/su-kien/ngay-sach-2025/ngay-sach-2025.ics");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    // Every line break is CRLF.
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.contains(&"BEGIN:VEVENT"));
    assert!(lines.contains(&"END:VEVENT"));
    // An all-day event: the date, and the exclusive end the day after.
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20250421"), "{text}");
    assert!(lines.contains(&"DTEND;VALUE=DATE:20250422"), "{text}");
    assert!(lines.contains(&"LOCATION:Thư viện xã Mỹ Hòa\\, ấp 1"), "{text}");
    assert!(lines.contains(&"URL:https://hoctap.example.vn/su-kien/ngay-sach-2025/"), "{text}");
    for line in &lines {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }

    // A timed event is written in UTC: 07:30 in Vietnam is 00:30Z.
    let timed = build.read("/su-kien/tuan-le-hoc-tap/tuan-le-hoc-tap.ics");
    assert!(timed.contains("\r\nDTSTART:20251001T003000Z\r\n"), "{timed}");
    assert!(timed.contains("\r\nDTEND:20251001T040000Z\r\n"), "{timed}");
}

fn jsonld_type(build: &Build, url: &str) -> (Value, String) {
    let json = build.page(url).jsonld();
    let kind = json["@type"].as_str().unwrap_or_default().to_string();
    (json, kind)
}

#[test]
fn json_ld_has_the_schema_org_type_of_each_kind() {
    let build = portal();
    let cases = [
        ("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/", "NewsArticle"),
        ("/su-kien/ngay-sach-2025/", "Event"),
        ("/hoc-lieu/video-ky-nang-so/", "LearningResource"),
        ("/guong-dien-hinh/cong-dan-tran-thi-binh/", "Person"),
        ("/guong-dien-hinh/gia-dinh-nguyen-van-an/", "Organization"),
        ("/ke-hoach/ke-hoach-2025/", "Legislation"),
        ("/gioi-thieu/", "WebPage"),
        ("/tin-tuc/", "CollectionPage"),
    ];
    for (url, expected) in cases {
        let (json, kind) = jsonld_type(&build, url);
        assert_eq!(kind, expected, "{url}: {json}");
        assert_eq!(json["@context"], "https://schema.org", "{url}");
        assert_eq!(json["url"].as_str().map(|u| u.starts_with("https://")), Some(true), "{url}");
    }
}

#[test]
fn json_ld_carries_the_facts_of_each_kind() {
    let build = portal();
    let (news, _) = jsonld_type(&build, "/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/");
    assert_eq!(news["headline"], "Ngày Sách và Văn hóa đọc Việt Nam");
    assert_eq!(news["datePublished"], "2025-04-21");
    assert_eq!(news["publisher"]["@type"], "GovernmentOrganization");

    let (event, _) = jsonld_type(&build, "/su-kien/tuan-le-hoc-tap/");
    assert_eq!(event["startDate"], "2025-10-01T07:30:00+07:00");
    assert_eq!(event["endDate"], "2025-10-01T11:00:00+07:00");
    assert_eq!(event["location"]["name"], "Hội trường UBND xã");

    let (plan, _) = jsonld_type(&build, "/ke-hoach/ke-hoach-2025/");
    assert_eq!(plan["legislationIdentifier"], "45/KH-UBND");
    assert_eq!(plan["legislationPassedBy"]["name"], "UBND xã Mỹ Hòa");

    let (file, _) = jsonld_type(&build, "/hoc-lieu/so-tay/");
    assert_eq!(file["url"], "https://hoctap.example.vn/hoc-lieu/so-tay/so-tay.txt");
    assert_eq!(file["learningResourceType"], "document");

    let (family, _) = jsonld_type(&build, "/guong-dien-hinh/gia-dinh-nguyen-van-an/");
    assert_eq!(family["award"], "Gia đình học tập (2024)");
}

#[test]
fn the_home_page_json_ld_names_the_government_organization() {
    let build = portal();
    let home = build.page("/").jsonld();
    let graph = home["@graph"].as_array().expect("@graph");
    let org = graph.iter().find(|n| n["@type"] == "GovernmentOrganization").expect("organization");
    assert_eq!(org["name"], "Ban Chỉ đạo xây dựng xã hội học tập xã Mỹ Hòa");
    assert_eq!(org["email"], "hoctap@example.vn");
    let site = graph.iter().find(|n| n["@type"] == "WebSite").expect("web site");
    assert_eq!(site["inLanguage"], "vi");
}

#[test]
fn open_graph_tags_name_the_page_not_the_portal() {
    let build = portal();
    let page = build.page("/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/");
    assert_eq!(page.attr("meta[property='og:title']", "content").as_deref(), Some("Ngày Sách và Văn hóa đọc Việt Nam"));
    assert_eq!(page.attr("meta[property='og:type']", "content").as_deref(), Some("article"));
    assert_eq!(page.attr("meta[property='og:locale']", "content").as_deref(), Some("vi_VN"));
    assert_eq!(
        page.attr("meta[property='og:url']", "content").as_deref(),
        Some("https://hoctap.example.vn/tin-tuc/ngay-sach-va-van-hoa-doc-viet-nam/")
    );
    assert_eq!(page.text("title"), "Ngày Sách và Văn hóa đọc Việt Nam – Cổng học tập xã Mỹ Hòa");
    let home = build.page("/");
    assert_eq!(home.attr("meta[property='og:type']", "content").as_deref(), Some("website"));
    assert_eq!(home.text("title"), "Cổng học tập xã Mỹ Hòa");
}
