//! What a phone downloads for an article with three photos (taken upright, and with the phone
//! turned either way: EXIF orientations 1, 6 and 8), measured in headless Chromium at a
//! 360-pixel viewport. Without node, playwright-core or Chromium this test is reported as
//! `ignored` with what to install (see `build.rs`); under `CI=true` it always runs, so a
//! missing tool is a failure (`.ci/run` installs them).

use std::process::Command;

#[path = "support/browser_tools.rs"]
mod browser_tools;
use browser_tools::{require_browser, root};
#[path = "support/static_server.rs"]
mod static_server;
use static_server::serve;

use hoctap::{Config, Overrides};
use image::{Rgb, RgbImage};

#[path = "support/exif_jpeg.rs"]
mod exif_jpeg;

/// Most bytes one photo may cost a 360-pixel phone (the budget of issue 15).
const BUDGET: u64 = 60_000;

/// A 2400×1800 camera-like JPEG (smooth shapes, sensor noise) with an EXIF orientation.
fn photo(seed: u32, orientation: u16) -> Vec<u8> {
    let mut state = 0x9e37_79b9u32.wrapping_mul(seed + 1);
    let pixels = RgbImage::from_fn(2400, 1800, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 24) as f32 - 12.0;
        let wave = ((x as f32 - 700.0 * seed as f32).hypot(y as f32 - 900.0) / 10.0).sin() * 40.0;
        let c = |base: f32| (base + wave + noise).clamp(0.0, 255.0) as u8;
        Rgb([c(80.0 + x as f32 / 20.0), c(100.0 + y as f32 / 15.0), c(120.0)])
    });
    exif_jpeg::jpeg_with_orientation(&pixels, orientation)
}

/// A portal whose one article has a photo at the top and two in its body, far apart.
fn build_article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = dir.path().join("portal");
    let bundle = portal.join("content/tin-tuc/ngay-hoi");
    std::fs::create_dir_all(&bundle).expect("bundle");
    std::fs::write(portal.join("hoctap.toml"), "title = \"Cổng thử\"\n").expect("config");
    std::fs::write(portal.join("content/_index.md"), "+++\ntitle = \"Trang chủ\"\n+++\n").expect("home");
    std::fs::write(portal.join("content/tin-tuc/_index.md"), "+++\ntitle = \"Tin tức\"\nkind = \"news\"\n+++\n")
        .expect("section");
    let text = "Người dân cùng đọc sách, trao đổi kinh nghiệm học tập suốt đời tại nhà văn hóa ấp. ".repeat(12);
    let filler = format!("{text}\n\n").repeat(12);
    let page = format!(
        "+++\ntitle = \"Ngày hội đọc sách\"\ndate = 2025-04-21\nimage = \"anh-1.jpg\"\nimage_alt = \"Ngày hội\"\n+++\n\n\
         {filler}![Thiếu nhi đọc sách](anh-2.jpg)\n\n{filler}![Người cao tuổi đọc báo](anh-3.jpg)\n\n{filler}"
    );
    std::fs::write(bundle.join("index.md"), page).expect("page");
    for (i, orientation) in [(1, 1), (2, 6), (3, 8)] {
        std::fs::write(bundle.join(format!("anh-{i}.jpg")), photo(i, orientation)).expect("photo");
    }
    let overrides = Overrides { output_dir: Some(dir.path().join("site")), ..Overrides::default() };
    hoctap::build(Config::load(&portal, &overrides).expect("config")).expect("the article builds");
    dir
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs node, Chromium and playwright-core: apt-get install nodejs npm chromium && npm ci --prefix tests/search (or run `bash .ci/run`)"
)]
fn a_360_pixel_phone_downloads_small_webp_copies_of_three_photos_in_headless_chromium() {
    let chromium = require_browser("search", &["playwright-core"]);
    let dir = build_article();
    let base = serve(dir.path().join("site"));
    let output = Command::new("node")
        .arg("tests/images/bytes.mjs")
        .current_dir(root())
        .env("PAGE_URL", format!("{base}/tin-tuc/ngay-hoi/"))
        .env("CHROMIUM", chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let result: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    for (density, width) in [("dpr1", "-360w."), ("dpr2", "-720w.")] {
        let run = &result[density];
        let pictures = run["pictures"].as_array().expect("pictures");
        let total: u64 = pictures.iter().map(|p| p["bytes"].as_u64().unwrap()).sum();
        println!("{density}: {} pictures, {total} bytes: {pictures:?}", pictures.len());
        assert_eq!(run["complete"], true, "{density}: every picture shown");
        let photos: Vec<_> = pictures.iter().filter(|p| p["url"].as_str().unwrap().contains("/anh-")).collect();
        assert_eq!(photos.len(), 3, "{density}: each photo once: {pictures:?}");
        for photo in photos {
            let url = photo["url"].as_str().unwrap();
            assert!(url.contains(width) && url.ends_with(".webp"), "{density}: {url} is the {width} WebP copy");
            assert!(photo["bytes"].as_u64().unwrap() <= BUDGET, "{density}: {url} within {BUDGET} bytes");
        }
    }
    assert!(
        result["dpr1"]["atFirst"].as_u64().unwrap() < 3,
        "the body photos, far below the first screen, wait until the reader scrolls: {}",
        result["dpr1"]
    );
}
