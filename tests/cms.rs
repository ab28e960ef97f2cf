//! The `/admin/` editor end to end: Decap CMS (from npm, served on localhost) and its local
//! backend `decap-server` save a news item, a role model and an event into a copy of the sample portal,
//! typed into the editor in headless Chromium (tests/cms/e2e.mjs); then `hoctap build` builds
//! the files it wrote and their pages show what was typed. Without node, Chromium or the npm
//! packages the test is compiled as `ignored`, naming what to install (see `build.rs`); under
//! `CI=true` it always runs and a missing tool is a failure (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

#[path = "support/browser_tools.rs"]
mod browser_tools;
use browser_tools::{require_browser, root};

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn hoctap(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_hoctap")).args(args).output().expect("hoctap runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "hoctap {args:?}:\n{text}");
    text
}

/// The sample portal with its editor saving through `decap-server` on `proxy_port` and the
/// Decap CMS script served by the test at `/decap/`.
fn sample_copy(dir: &Path, proxy_port: u16) -> PathBuf {
    let portal = dir.join("portal");
    copy_tree(&root().join("content"), &portal.join("content"));
    copy_tree(&root().join("static"), &portal.join("static"));
    copy_tree(&root().join("themes"), &portal.join("themes"));
    let toml = std::fs::read_to_string(root().join("hoctap.toml")).expect("sample config");
    let before_cms = toml.split("\n[cms]").next().expect("text");
    let cms = format!(
        "\n[cms]\nbackend = \"local\"\nproxy_url = \"http://127.0.0.1:{proxy_port}/api/v1\"\nscript_url = \"/decap/decap-cms.js\"\n"
    );
    std::fs::write(portal.join("hoctap.toml"), format!("{before_cms}{cms}")).expect("config");
    portal
}

fn new_files(dir: &Path, before: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| !before.contains(p))
        .collect();
    found.sort();
    found
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).expect("folder").map(|e| e.expect("entry").path()).collect()
}

fn page(site: &Path, path: &str) -> Html {
    let file = site.join(path.trim_start_matches('/')).join("index.html");
    Html::parse_document(&std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())))
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector).next().and_then(|e| e.value().attr(name)).map(str::to_string)
}

#[test]
#[cfg_attr(
    not(has_cms_browser),
    ignore = "needs node, Chromium, decap-cms, decap-server and playwright-core: apt-get install nodejs npm chromium && npm ci --prefix tests/cms (or run `bash .ci/run`)"
)]
fn staff_write_a_news_item_a_role_model_and_an_event_in_the_browser_and_hoctap_builds_them() {
    let chromium = require_browser("cms", &["decap-cms", "decap-server", "playwright-core"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let proxy_port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("address").port();
    let portal = sample_copy(dir.path(), proxy_port);
    let site = dir.path().join("site");
    let (root_arg, site_arg) = (portal.to_str().expect("UTF-8"), site.to_str().expect("UTF-8"));
    hoctap(&["build", "--root", root_arg, "--out", site_arg]);
    let image = dir.path().join("lop-hoc.jpg");
    image::RgbImage::from_fn(96, 64, |x, y| image::Rgb([(x * 2) as u8, (y * 3) as u8, 120]))
        .save(&image)
        .expect("jpeg");

    let news_dir = portal.join("content/tin-tuc");
    let role_dir = portal.join("content/guong-dien-hinh");
    let event_dir = portal.join("content/su-kien");
    let (news_before, role_before, event_before) = (listing(&news_dir), listing(&role_dir), listing(&event_dir));
    let output = Command::new("node")
        .arg(root().join("tests/cms/e2e.mjs"))
        .env("PORTAL", &portal)
        .env("SITE", &site)
        .env("PROXY_PORT", proxy_port.to_string())
        .env("IMAGE", &image)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the editor script failed:\n{text}");

    // The files the editor wrote: names folded from the titles, TOML front matter, the image
    // in the media folder.
    let news = new_files(&news_dir, &news_before);
    let names: Vec<String> = news.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["xa-my-hoa-khai-giang-lop-binh-dan-hoc-vu-so.md"]);
    let roles = new_files(&role_dir, &role_before);
    let names: Vec<String> = roles.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["gia-dinh-ong-dang-van-duoc-ap-my-thanh.md"]);
    let written = std::fs::read_to_string(&news[0]).expect("news file");
    assert!(written.starts_with("+++\n"), "{written}");
    assert!(portal.join("static/media/lop-hoc.jpg").is_file(), "the image is in static/media/");

    let events = new_files(&event_dir, &event_before);
    assert_eq!(events.len(), 1, "{events:?}");
    let event_text = std::fs::read_to_string(&events[0]).expect("event file");
    assert!(event_text.contains("start = \"2027-04-21T07:30:00+07:00\""), "{event_text}");
    assert!(event_text.contains("type = \"reading-day\""), "{event_text}");

    let built = hoctap(&["build", "--root", root_arg, "--out", site_arg]);
    println!("{built}");
    let item = page(&site, "/tin-tuc/xa-my-hoa-khai-giang-lop-binh-dan-hoc-vu-so/");
    assert_eq!(texts(&item, "h1"), ["Xã Mỹ Hòa khai giảng lớp “Bình dân học vụ số”"], "{written}");
    assert_eq!(attr(&item, "article time", "datetime").as_deref(), Some("2025-04-21"), "{written}");
    let tags = texts(&item, "a[href^='/chu-de/']");
    assert!(tags.contains(&"kỹ năng số".to_string()) && tags.contains(&"học tập suốt đời".to_string()), "{tags:?}");
    assert_eq!(attr(&item, "article img", "alt").as_deref(), Some("Bà con xã Mỹ Hòa học dùng điện thoại"));
    assert!(texts(&item, "article p").iter().any(|p| p.contains("khai giảng lớp học kỹ năng số")), "{written}");

    let role = page(&site, "/guong-dien-hinh/gia-dinh-ong-dang-van-duoc-ap-my-thanh/");
    let role_text = std::fs::read_to_string(&roles[0]).expect("role file");
    assert_eq!(texts(&role, "h1"), ["Gia đình ông Đặng Văn Được, ấp Mỹ Thạnh"], "{role_text}");
    let body = texts(&role, "main").join(" ");
    assert!(body.contains("Gia đình học tập") && body.contains("2024"), "{body}\n{role_text}");
    assert!(body.contains("Ba con đỗ đại học") && body.contains("Tủ sách gia đình 300 cuốn"), "{body}\n{role_text}");
    assert_eq!(attr(&role, "article img", "alt").as_deref(), Some("Gia đình ông Được bên tủ sách"));

    let event = page(&site, "/su-kien/ngay-hoi-doc-sach-xa-my-hoa/");
    let body = texts(&event, "main").join(" ");
    assert!(body.contains("07:30") && body.contains("21/04/2027"), "{body}\n{event_text}");
    assert!(body.contains("Ngày Sách và Văn hóa đọc Việt Nam"), "{body}");
}
