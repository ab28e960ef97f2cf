//! Pictures and attachments as staff add them: phone photos turned by EXIF, pictures in the
//! body, HEIC and broken files, and documents labelled with their type and size.

use image::{ImageEncoder, Rgb, RgbImage};

use crate::util::PortalTest;

/// A TIFF block holding only the EXIF orientation tag, as phones write it.
fn exif_orientation(value: u16) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    tiff.extend_from_slice(&value.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    tiff
}

/// A landscape-stored JPEG with a red top-left corner and the given EXIF orientation.
fn photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let red = |x: u32, y: u32| x < width / 5 && y < height / 5;
    let pixels = RgbImage::from_fn(width, height, |x, y| {
        if red(x, y) {
            Rgb([220, 20, 20])
        } else {
            Rgb([(x / 8 % 256) as u8, (y / 6 % 256) as u8, 120])
        }
    });
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90);
    encoder.set_exif_metadata(exif_orientation(orientation)).expect("exif");
    encoder.write_image(pixels.as_raw(), width, height, image::ExtendedColorType::Rgb8).expect("jpeg");
    bytes
}

const PAGE: &str = "content/tin-tuc/le-khai-giang/index.md";

fn portal_with_photos() -> PortalTest {
    PortalTest::new("content/portal")
        .file(
            PAGE,
            "+++\ntitle = \"Lễ khai giảng lớp xóa mù chữ\"\ndate = 2025-09-05\nimage = \"anh.jpg\"\n\
             image_alt = \"Học viên nhận sách tại lớp học\"\n+++\n\nNội dung.\n\n![Cô giáo đứng lớp](doc.jpg)\n\n\
             ![Sơ đồ lớp](so-do.svg)\n",
        )
        .file("content/tin-tuc/le-khai-giang/anh.jpg", photo(2000, 1500, 1))
        .file("content/tin-tuc/le-khai-giang/doc.jpg", photo(1600, 1200, 6))
        .file(
            "content/tin-tuc/le-khai-giang/so-do.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\"/>",
        )
}

#[test]
fn page_and_body_photos_are_offered_as_upright_copies_never_as_the_original() {
    let portal = portal_with_photos();
    let build = portal.build().success();
    let page = build.page("/tin-tuc/le-khai-giang/");
    let srcset = page.attr(".article__figure img", "srcset").expect("srcset");
    let widths: Vec<&str> = srcset.split(", ").map(|c| c.rsplit(' ').next().unwrap()).collect();
    assert_eq!(widths, ["360w", "480w", "720w", "960w", "1200w"], "{srcset}");
    assert!(
        !srcset.contains("/anh.jpg") && !page.source.contains("le-khai-giang/anh.jpg\""),
        "the original is not offered"
    );
    assert!(page.attr(".article__figure source", "srcset").expect("webp").contains(".webp 360w"));
    assert_eq!(page.attr(".article__figure img", "loading"), None, "the top picture loads at once");
    let og = page.attr("meta[property='og:image']", "content").expect("og:image");
    assert!(og.starts_with("http") && og.contains("/tin-tuc/le-khai-giang/anh-1200w."), "{og}");

    // The body photo was taken with the phone turned (EXIF 6): it is shown portrait.
    let body = "main .prose picture img";
    assert_eq!(page.attr(body, "width").as_deref(), Some("1200"));
    assert_eq!(page.attr(body, "height").as_deref(), Some("1600"));
    assert_eq!(page.attr(body, "loading").as_deref(), Some("lazy"));
    assert_eq!(page.attr(body, "decoding").as_deref(), Some("async"));
    assert_eq!(page.attr(body, "alt").as_deref(), Some("Cô giáo đứng lớp"));
    assert!(page.attr(body, "sizes").is_some());
    for candidate in page.attr(body, "srcset").expect("body srcset").split(", ") {
        let (url, width) = candidate.split_once(' ').unwrap();
        let copy = image::load_from_memory(&build.bytes(url)).expect("a picture");
        assert_eq!(format!("{}w", copy.width()), width);
        assert!(copy.height() > copy.width(), "{url} is upright");
        let corner = copy.to_rgb8().get_pixel(copy.width() - 5, 5).0;
        assert!(corner[0] > 180 && corner[1] < 80, "{url}: the top-left of the sensor is now top-right");
    }
    // SVG is served as written, with its size from the viewBox.
    let svg = "main .prose img[src$='.svg']";
    assert_eq!((page.attr(svg, "width").as_deref(), page.attr(svg, "height").as_deref()), (Some("640"), Some("360")));
}

#[test]
fn copies_are_cached_between_builds() {
    let portal = portal_with_photos();
    portal.build().success();
    let cache = portal.root().join(".hoctap-cache/images");
    let stamps = || {
        let mut all: Vec<_> = std::fs::read_dir(&cache)
            .expect("cache")
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        all.sort();
        all
    };
    let before = stamps();
    assert_eq!(before.len(), 2 * 5 * 2, "5 widths × JPEG and WebP of each photo (the turned one is 1200 wide)");
    std::fs::remove_dir_all(portal.out_dir()).unwrap();
    portal.build().success();
    assert_eq!(before, stamps(), "the second build reuses the cached copies");
}

#[test]
fn heic_empty_and_oversized_pictures_are_errors_at_the_line_that_shows_them() {
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    let portal = PortalTest::new("content/portal")
        .file(PAGE, "+++\ntitle = \"Khai giảng\"\ndate = 2025-09-05\nimage = \"iphone.heic\"\nimage_alt = \"Lớp học\"\n+++\n\nA\n\n![b](rong.jpg)\n")
        .file("content/tin-tuc/le-khai-giang/iphone.heic", &heic)
        .file("content/tin-tuc/le-khai-giang/rong.jpg", b"");
    portal.build().failure().stderr_has(&[
        "content/tin-tuc/le-khai-giang/index.md:4: lỗi: `iphone.heic` là ảnh HEIC/HEIF của iPhone",
        "Cài đặt → Camera → Định dạng → Tương thích nhất",
        "content/tin-tuc/le-khai-giang/index.md:10:1: lỗi: tệp ảnh `rong.jpg` rỗng (0 byte)",
    ]);
    let check = portal.run("check", &["--lang", "en"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    for expected in [
        "index.md:4: error: `iphone.heic` is an iPhone HEIC/HEIF photo, which browsers on many phones cannot show",
        "Settings → Camera → Formats → Most Compatible",
        "index.md:10:1: error: image file `rong.jpg` is empty (0 bytes)",
    ] {
        assert!(check.stdout.contains(expected), "{expected}\n{}", check.stdout);
    }
}

#[test]
fn attachments_show_type_and_size_and_check_warns_about_large_and_old_files() {
    let plan = "content/ke-hoach/ke-hoach-2025/index.md";
    let source = std::fs::read_to_string(crate::util::fixture_dir("content/portal").join(plan)).expect("plan fixture");
    let source = source.replace("document = \"ke-hoach-2025.txt\"", "document = \"van-ban.pdf\"");
    let source = source.replacen("\n+++\n", "\n+++\n\nXem [phụ lục](phu-luc.doc).\n", 1);
    let portal = PortalTest::new("content/portal")
        .file(plan, &source)
        .file("content/ke-hoach/ke-hoach-2025/van-ban.pdf", vec![b'%'; 2_345_678])
        .file("content/ke-hoach/ke-hoach-2025/phu-luc.doc", vec![0u8; 1_500])
        .file(
            "hoctap.toml",
            "attachment_warn_mib = 2\n".to_string()
                + &std::fs::read_to_string(crate::util::fixture_dir("content/portal/hoctap.toml")).unwrap(),
        );
    let build = portal.build().success();
    let page = build.page("/ke-hoach/ke-hoach-2025/");
    assert!(page.text(".actions a").contains("(PDF, 2,3 MB)"), "{}", page.text(".actions a"));
    assert_eq!(page.text("main .prose .file-meta"), "(DOC, 2 kB)");
    let list = build.page("/ke-hoach/");
    assert!(list.text(".card__doc").contains("(PDF, 2,3 MB)"), "the plans page lists each plan's document");
    let check = portal.run("check", &[]);
    for expected in [
        "index.md:9: cảnh báo: tệp đính kèm `van-ban.pdf` nặng 2,3 MB, quá 2 MiB",
        "index.md:12:5: cảnh báo: tệp `phu-luc.doc` ở định dạng DOC cũ, nhiều điện thoại không mở được",
        "lưu thành PDF",
    ] {
        assert!(check.stdout.contains(expected), "{expected}\n{}", check.stdout);
    }
}
