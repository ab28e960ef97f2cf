//! A portal of phone photos for the build benchmark: news pages in bundles, each with a
//! 4000×3000 JPEG turned by EXIF, deterministic.

use std::path::PathBuf;

#[path = "../../tests/support/exif_jpeg.rs"]
mod exif_jpeg;

/// `target/bench/photos-<n>`: a portal of `n` news pages, each a bundle with a 4000×3000 phone
/// photo (JPEG, EXIF orientation 1, 6 or 8 in turn, camera-like noise so each weighs 3–5 MB as
/// a phone's does), generated on first use.
pub(crate) fn photo_portal(photos: usize) -> PathBuf {
    use rayon::prelude::*;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench/photos-{photos}"));
    let marker = root.join(".generated");
    if marker.exists() {
        return root;
    }
    let _ = std::fs::remove_dir_all(&root);
    let news = root.join("content/tin-tuc");
    std::fs::create_dir_all(&news).expect("create bench dir");
    std::fs::write(
        root.join("hoctap.toml"),
        "title = \"Cổng ảnh (dữ liệu thử)\"\nbase_url = \"https://xhht.example.vn\"\n",
    )
    .expect("write config");
    std::fs::write(root.join("content/_index.md"), "+++\ntitle = \"Trang chủ\"\n+++\n").expect("write home");
    std::fs::write(news.join("_index.md"), "+++\ntitle = \"Tin tức\"\nkind = \"news\"\n+++\n").expect("write section");
    (0..photos).into_par_iter().for_each(|i| {
        let dir = news.join(format!("anh-{i:03}"));
        std::fs::create_dir_all(&dir).expect("create bundle");
        let page = format!(
            "+++\ntitle = \"Hoạt động học tập số {i}\"\ndate = 2025-03-{:02}\nimage = \"anh.jpg\"\nimage_alt = \"Ảnh hoạt động {i}\"\n+++\n\nNội dung.\n",
            1 + i % 28
        );
        std::fs::write(dir.join("index.md"), page).expect("write page");
        std::fs::write(dir.join("anh.jpg"), phone_photo(i as u64, [1, 6, 8][i % 3])).expect("write photo");
    });
    std::fs::write(marker, "").expect("write marker");
    root
}

/// A 4000×3000 JPEG at quality 92 with smooth shapes and sensor-like noise, and the EXIF
/// orientation tag a phone writes.
fn phone_photo(seed: u64, orientation: u16) -> Vec<u8> {
    let mut state = 0x2545_f491 ^ (seed + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let (cx, cy) = ((next() % 4000) as f32, (next() % 3000) as f32);
    let pixels = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let noise = (next() % 24) as f32 - 12.0;
        let d = ((x as f32 - cx).hypot(y as f32 - cy) / 12.0).sin() * 40.0;
        let channel = |base: f32| (base + d + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([channel(90.0 + x as f32 / 30.0), channel(110.0 + y as f32 / 25.0), channel(120.0)])
    });
    exif_jpeg::jpeg_with_orientation(&pixels, orientation)
}
