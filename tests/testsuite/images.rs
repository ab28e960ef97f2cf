//! Responsive copies of page images: made once, named by content hash, offered in `srcset`.

use crate::util::PortalTest;

fn portal_with_photo() -> PortalTest {
    let portal = PortalTest::new("content/portal").file(
        "content/tin-tuc/le-khai-giang/index.md",
        "+++\ntitle = \"Lễ khai giảng lớp xóa mù chữ\"\ndate = 2025-09-05\nimage = \"anh.jpg\"\nimage_alt = \"Học viên nhận sách tại lớp học\"\n+++\n\nNội dung.\n",
    );
    let photo = image::RgbImage::from_fn(1200, 800, |x, y| image::Rgb([(x / 5) as u8, (y / 4) as u8, 90]));
    photo.save(portal.root().join("content/tin-tuc/le-khai-giang/anh.jpg")).expect("write photo");
    portal
}

#[test]
fn a_page_photo_gets_smaller_copies_in_its_srcset() {
    let portal = portal_with_photo();
    let build = portal.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = build.page("/tin-tuc/le-khai-giang/");
    let srcset = page.attr(".article__figure img", "srcset").expect("srcset");
    let copies: Vec<&str> = srcset.split(", ").collect();
    assert_eq!(copies.len(), 4, "320, 640, 960 and the original: {srcset}");
    for copy in &copies[..3] {
        let url = copy.split(' ').next().unwrap();
        let file = portal.out_dir().join(url.trim_start_matches('/'));
        let bytes = std::fs::read(&file).unwrap_or_else(|_| panic!("{url} is written"));
        let width: u32 = copy.split(' ').nth(1).unwrap().trim_end_matches('w').parse().unwrap();
        assert_eq!(image::load_from_memory(&bytes).unwrap().width(), width);
        assert!(bytes.len() < std::fs::metadata(portal.root().join("content/tin-tuc/le-khai-giang/anh.jpg")).unwrap().len() as usize);
    }
    assert_eq!(page.attr(".article__figure img", "width").as_deref(), Some("1200"));
    assert_eq!(page.attr(".article__figure img", "height").as_deref(), Some("800"));
}

#[test]
fn copies_are_cached_between_builds() {
    let portal = portal_with_photo();
    assert_eq!(portal.build().code, 0);
    let cache = portal.root().join(".hoctap-cache/images");
    let cached: Vec<_> = std::fs::read_dir(&cache).expect("cache folder").collect();
    assert_eq!(cached.len(), 3);
    let stamp = |e: &std::io::Result<std::fs::DirEntry>| e.as_ref().unwrap().metadata().unwrap().modified().unwrap();
    let before: Vec<_> = cached.iter().map(stamp).collect();
    std::fs::remove_dir_all(portal.out_dir()).unwrap();
    assert_eq!(portal.build().code, 0);
    let after: Vec<_> = std::fs::read_dir(&cache).unwrap().map(|e| stamp(&e)).collect();
    assert_eq!(before, after, "the second build reuses the cached copies");
}
