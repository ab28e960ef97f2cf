//! Responsive images: every picture a page shows (its `image`, pictures in its body, a role
//! model's photo) in JPEG, PNG or WebP gets upright copies at a few widths, for `srcset`, so a
//! phone downloads a picture its screen can show rather than the camera original.
//!
//! Photos get a JPEG copy and a smaller WebP copy of each width (`<picture>` offers both);
//! pictures with transparency and PNG screenshots stay lossless (PNG). SVG is served as
//! written, with its size read from its `viewBox`. The original is never offered: when it is
//! no wider than the largest copy, a copy of its own width replaces it (upright, and without
//! the GPS position phones write into EXIF).
//!
//! Sizes are planned when the site is resolved and its markdown rendered (only the file
//! header is read); the copies are made when the site is written, through a cache keyed by
//! the source's content hash (`.hoctap-cache/images/`), so a rebuild never resizes the same
//! picture twice. Each copy's name carries that hash, so hosts may cache it forever.

pub(crate) mod decode;
pub(crate) mod problem;
mod svg;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat};
use rayon::prelude::*;
use serde::Serialize;

pub(crate) use self::problem::ImageProblem;
use crate::diagnostics::{Diagnostic, Error, Location, Problem, Result};
use crate::markdown::escape_html;
use crate::output::{Output, Owner};

/// Widths made for `srcset`, in CSS pixels; only those smaller than the original. 360 and 720
/// are a typical phone's screen at one and two device pixels per CSS pixel.
const WIDTHS: [u32; 5] = [360, 480, 720, 960, SHARE_WIDTH];
/// The widest copy, also the one shared on social networks (`og:image`).
pub(crate) const SHARE_WIDTH: u32 = 1200;
/// JPEG quality of the copies (chosen by measurement, see `docs/images.md`).
const JPEG_QUALITY: u8 = 75;
/// WebP quality of the copies (chosen by measurement, see `docs/images.md`).
const WEBP_QUALITY: f32 = 80.0;
/// Bumped when resizing settings change, so cached copies made the old way are not reused
/// (and the build fingerprint changes).
pub(crate) const RECIPE: u32 = 2;
/// How wide a picture is shown: the article column on wide screens, else the whole screen.
pub(crate) const SIZES: &str = "(min-width: 48rem) 44rem, 100vw";

/// How a copy is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Photos, for every browser.
    Jpeg,
    /// Screenshots and pictures with transparency, lossless.
    Png,
    /// Photos, about a third smaller than JPEG, for browsers that take it.
    WebP,
}

impl Encoding {
    fn extension(self) -> &'static str {
        match self {
            Encoding::Jpeg => "jpg",
            Encoding::Png => "png",
            Encoding::WebP => "webp",
        }
    }
}

/// One planned copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resized {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Its encoding.
    pub encoding: Encoding,
    /// Where it is served, e.g. `/tin-tuc/a/anh-360w.0a1b2c3d4e.jpg`.
    pub site_path: String,
}

/// The planned copies of one source picture.
#[derive(Debug, Clone)]
pub struct ImageSet {
    /// The original file.
    pub source: PathBuf,
    /// Where the original sits in the site.
    pub site_path: String,
    /// Its raster format; `None` for SVG, which is served as written.
    format: Option<ImageFormat>,
    /// Content hash of the original.
    hash: u64,
    /// Width as shown (after the EXIF orientation).
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// Every copy, narrowest first, the fallback encoding before WebP.
    pub copies: Vec<Resized>,
    /// The first page and line that show it, for problems met while decoding.
    pub used_at: Location,
    /// The reference as written there.
    value: String,
}

/// What templates get (`page.image`): the fallback `src`, `srcset`s ready for the attributes,
/// and the size so the page does not jump while the picture loads.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// The widest fallback copy (or the SVG).
    pub src: String,
    /// `"/a/anh-360w.ab12.jpg 360w, …"` (JPEG or PNG), empty for SVG.
    pub srcset: String,
    /// The same widths in WebP, empty when there are none.
    pub webp_srcset: String,
    /// The `sizes` attribute that goes with them.
    pub sizes: &'static str,
    /// Width as shown.
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// The copy for `og:image`: the widest fallback copy up to 1200 pixels.
    pub share: String,
}

/// Plans copies of `source`, served at `site_path` (e.g. `/tin-tuc/hoi-sach/anh.jpg`); `value`
/// is the reference as written and `at` where, for problems. `Ok(None)` for formats that are
/// served as they are (GIF, BMP) and SVG files without a size.
pub(crate) fn plan(
    source: &Path,
    site_path: &str,
    value: &str,
    at: &Location,
) -> std::result::Result<Option<ImageSet>, ImageProblem> {
    let unreadable = |e: std::io::Error| ImageProblem::Unreadable { value: value.into(), message: e.to_string() };
    let bytes = std::fs::read(source).map_err(unreadable)?;
    let mut set = ImageSet {
        source: source.to_path_buf(),
        site_path: site_path.to_string(),
        format: None,
        hash: crate::output::hash_bytes(&bytes),
        width: 0,
        height: 0,
        copies: Vec::new(),
        used_at: at.clone(),
        value: value.to_string(),
    };
    if site_path.to_ascii_lowercase().ends_with(".svg") {
        let Some((width, height)) = svg::size(&String::from_utf8_lossy(&bytes)) else { return Ok(None) };
        (set.width, set.height) = (width, height);
        return Ok(Some(set));
    }
    let header = match decode::sniff(&bytes, value)? {
        decode::Sniffed::Raster(header) => header,
        decode::Sniffed::Other => return Ok(None),
    };
    (set.format, set.width, set.height) = (Some(header.format), header.width, header.height);
    let encodings: &[Encoding] = if header.alpha || header.format == ImageFormat::Png {
        &[Encoding::Png]
    } else {
        &[Encoding::Jpeg, Encoding::WebP]
    };
    let (folder, name) = site_path.rsplit_once('/').unwrap_or(("", site_path));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    for &encoding in encodings {
        for width in copy_widths(header.width) {
            let height = scaled_height(header.width, header.height, width);
            let mut file = format!("{stem}-{width}w.{:010x}.{}", set.hash >> 24, encoding.extension());
            if crate::output::names::check_name(&file).is_err() {
                file = format!("anh-{width}w.{:010x}.{}", set.hash >> 24, encoding.extension());
            }
            set.copies.push(Resized { width, height, encoding, site_path: format!("{folder}/{file}") });
        }
    }
    Ok(Some(set))
}

/// The widths of `WIDTHS` narrower than the original, and the original's own when it is no
/// wider than the widest copy.
fn copy_widths(original: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|&w| w < original).collect();
    if original <= SHARE_WIDTH {
        widths.push(original);
    }
    widths
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width.max(1))).max(1) as u32
}

impl ImageSet {
    /// The template view, with links made by `link` (which adds the base path).
    pub fn view(&self, link: impl Fn(&str) -> String) -> ImageView {
        let srcset = |encoding: Encoding| {
            let copies = self.copies.iter().filter(|c| c.encoding == encoding);
            copies.map(|c| format!("{} {}w", link(&c.site_path), c.width)).collect::<Vec<_>>().join(", ")
        };
        let fallback = self.copies.iter().rfind(|c| c.encoding != Encoding::WebP);
        let src = fallback.map_or_else(|| link(&self.site_path), |c| link(&c.site_path));
        let webp_srcset = srcset(Encoding::WebP);
        let fallback_srcset = fallback.map(|c| srcset(c.encoding)).unwrap_or_default();
        ImageView {
            share: src.clone(),
            src,
            srcset: fallback_srcset,
            webp_srcset,
            sizes: SIZES,
            width: self.width,
            height: self.height,
        }
    }
}

impl ImageView {
    /// The `<picture>` markup of a body picture; `lazy` for pictures below the fold.
    pub fn html(&self, alt: &str, lazy: bool) -> String {
        let mut html = String::from("<picture>");
        if !self.webp_srcset.is_empty() {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                escape_html(&self.webp_srcset),
                self.sizes
            ));
        }
        html.push_str(&format!("<img src=\"{}\" alt=\"{}\"", escape_html(&self.src), escape_html(alt)));
        if !self.srcset.is_empty() {
            html.push_str(&format!(" srcset=\"{}\" sizes=\"{}\"", escape_html(&self.srcset), self.sizes));
        }
        html.push_str(&format!(" width=\"{}\" height=\"{}\"", self.width, self.height));
        if lazy {
            html.push_str(" loading=\"lazy\"");
        }
        html.push_str(" decoding=\"async\"></picture>");
        html
    }
}

/// What planning one picture gave.
pub(crate) type Planned = std::result::Result<Option<Arc<ImageSet>>, ImageProblem>;

/// Every picture planned for a build, by site path, so a picture two pages show is planned
/// and written once. Filled from parallel markdown rendering, hence the lock.
#[derive(Debug, Default)]
pub struct Catalog {
    planned: Mutex<HashMap<String, Planned>>,
}

impl Catalog {
    /// Plans `source` (served at `site_path`) unless it already is.
    pub fn plan(&self, source: &Path, site_path: &str, value: &str, at: &Location) -> Planned {
        if let Some(planned) = self.lock().get(site_path) {
            return planned.clone();
        }
        // Planned outside the lock: a race only plans the same file twice.
        let planned = plan(source, site_path, value, at).map(|set| set.map(Arc::new));
        self.lock().entry(site_path.to_string()).or_insert(planned).clone()
    }

    /// The sets that have copies to write, in site-path order.
    pub fn sets(&self) -> Vec<Arc<ImageSet>> {
        let planned = self.lock();
        let mut sets: Vec<_> = planned.values().filter_map(|p| p.as_ref().ok().cloned().flatten()).collect();
        sets.retain(|s| !s.copies.is_empty());
        sets.sort_by(|a, b| a.site_path.cmp(&b.site_path));
        sets
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Planned>> {
        self.planned.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Writes every planned copy, resizing only those missing from the cache (the portal's
/// `.hoctap-cache/images`), pictures in parallel.
pub(crate) fn write_copies(sets: &[Arc<ImageSet>], root: &Path, output: &Output) -> Result<()> {
    let cache_dir = root.join(".hoctap-cache/images");
    let failed: Vec<Diagnostic> = sets
        .par_iter()
        .map(|set| write_set(set, &cache_dir, root, output))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(failed))
    }
}

/// Writes one set's copies; a picture that cannot be decoded is a located problem.
fn write_set(set: &ImageSet, cache_dir: &Path, root: &Path, output: &Output) -> Result<Option<Diagnostic>> {
    let cached =
        |c: &Resized| cache_dir.join(format!("{:016x}-{RECIPE}-{}.{}", set.hash, c.width, c.encoding.extension()));
    let missing: Vec<&Resized> = set.copies.iter().filter(|c| !cached(c).is_file()).collect();
    let mut made = HashMap::new();
    if !missing.is_empty() {
        let Some(format) = set.format else { return Ok(None) };
        let bytes = std::fs::read(&set.source).map_err(|e| Error::read(&set.source, e))?;
        let image = match decode::decode(&bytes, format, &set.value) {
            Ok(image) => image,
            Err(problem) => return Ok(Some(Diagnostic::error(set.used_at.clone(), Problem::Image(problem)))),
        };
        let resized = resize_all(&image, &missing)
            .map_err(|e| ImageProblem::Unreadable { value: set.value.clone(), message: e.to_string() });
        let resized = match resized {
            Ok(resized) => resized,
            Err(problem) => return Ok(Some(Diagnostic::error(set.used_at.clone(), Problem::Image(problem)))),
        };
        for (copy, bytes) in resized {
            // A cache that cannot be written only costs time on the next build.
            let _ = crate::fs::write(&cached(copy), &bytes);
            made.insert(copy.site_path.as_str(), bytes);
        }
    }
    let owner = Owner::file(set.source.strip_prefix(root).unwrap_or(&set.source));
    for copy in &set.copies {
        let bytes = match made.remove(copy.site_path.as_str()) {
            Some(bytes) => bytes,
            None => std::fs::read(cached(copy)).map_err(|e| Error::read(&cached(copy), e))?,
        };
        output.write(&copy.site_path, &bytes, owner.clone())?;
    }
    Ok(None)
}

/// Encodes each copy, widest first, each resized from the one before it: scaling a 12-megapixel
/// photo once to 1200 pixels and then down is several times faster than from the original
/// each time, and looks the same.
fn resize_all<'a>(image: &DynamicImage, copies: &[&'a Resized]) -> image::ImageResult<Vec<(&'a Resized, Vec<u8>)>> {
    let mut by_width: Vec<&Resized> = copies.to_vec();
    by_width.sort_by_key(|c| std::cmp::Reverse(c.width));
    let mut current: Option<DynamicImage> = None;
    let mut out = Vec::with_capacity(copies.len());
    for copy in by_width {
        let from = current.as_ref().unwrap_or(image);
        let small = if from.width() == copy.width {
            from.clone()
        } else {
            from.resize_exact(copy.width, copy.height, FilterType::CatmullRom)
        };
        out.push((copy, encode(&small, copy.encoding)?));
        current = Some(small);
    }
    Ok(out)
}

/// Encodes one copy.
fn encode(image: &DynamicImage, encoding: Encoding) -> image::ImageResult<Vec<u8>> {
    let mut bytes = Vec::new();
    match encoding {
        Encoding::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
            image.to_rgb8().write_with_encoder(encoder)?;
        }
        Encoding::Png => image.write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)?,
        Encoding::WebP => {
            let rgb = image.to_rgb8();
            bytes = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height()).encode(WEBP_QUALITY).to_vec();
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage};

    /// A TIFF block holding only the EXIF orientation tag, as phones write it.
    fn exif_orientation(value: u16) -> Vec<u8> {
        let mut tiff = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
        tiff.extend_from_slice(&value.to_le_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        tiff
    }

    /// A 400×300 landscape JPEG, grey with a red top-left corner, stored with `orientation`.
    fn photo(dir: &Path, orientation: u16) -> PathBuf {
        let pixels =
            RgbImage::from_fn(
                400,
                300,
                |x, y| if x < 80 && y < 60 { Rgb([220, 20, 20]) } else { Rgb([128, 128, 128]) },
            );
        let mut bytes = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90);
        encoder.set_exif_metadata(exif_orientation(orientation)).unwrap();
        encoder.write_image(pixels.as_raw(), 400, 300, image::ExtendedColorType::Rgb8).unwrap();
        let path = dir.join(format!("anh-{orientation}.jpg"));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn at() -> Location {
        Location::line("content/a.md", 4)
    }

    fn red(image: &DynamicImage, x: u32, y: u32) -> bool {
        let p = image.to_rgb8().get_pixel(x, y).0;
        p[0] > 180 && p[1] < 80
    }

    /// Plans and writes `source`; returns the set and its copies decoded, by site path.
    fn made(source: &Path, tmp: &Path) -> (ImageSet, HashMap<String, DynamicImage>) {
        let set = plan(source, "/a/anh.jpg", "anh.jpg", &at()).unwrap().unwrap();
        let out = Output::memory();
        write_copies(&[Arc::new(set.clone())], &tmp.join("portal"), &out).unwrap();
        let files = out.into_files().unwrap();
        let decoded =
            set.copies.iter().map(|c| (c.site_path.clone(), image::load_from_memory(&files[&c.site_path]).unwrap()));
        let decoded = decoded.collect();
        (set, decoded)
    }

    #[test]
    fn exif_orientation_6_and_8_stand_portrait_photos_upright_in_every_copy() {
        let tmp = tempfile::tempdir().unwrap();
        // 6: the camera was turned clockwise; the top-left corner ends up top-right.
        // 8: turned the other way; it ends up bottom-left.
        for (orientation, corner) in [(6, (299 - 20, 20)), (8, (20, 399 - 20))] {
            let (set, copies) = made(&photo(tmp.path(), orientation), tmp.path());
            assert_eq!((set.width, set.height), (300, 400), "orientation {orientation}");
            for copy in &set.copies {
                let image = &copies[&copy.site_path];
                assert_eq!((image.width(), image.height()), (copy.width, copy.height));
                assert_eq!((copy.width, copy.height), (300, 400), "one copy at the original's width");
                assert!(red(image, corner.0, corner.1), "orientation {orientation}: red corner at {corner:?}");
                assert!(!red(image, 20, 20) || corner == (20, 20));
            }
        }
    }

    #[test]
    fn photos_get_jpeg_and_webp_copies_no_wider_than_1200_and_never_the_original() {
        let tmp = tempfile::tempdir().unwrap();
        let source = tmp.path().join("anh.jpg");
        RgbImage::from_fn(4000, 3000, |x, y| Rgb([(x / 16) as u8, (y / 12) as u8, 90])).save(&source).unwrap();
        let set = plan(&source, "/tin-tuc/a/anh.jpg", "anh.jpg", &at()).unwrap().unwrap();
        let widths = |e: Encoding| set.copies.iter().filter(|c| c.encoding == e).map(|c| c.width).collect::<Vec<_>>();
        assert_eq!(widths(Encoding::Jpeg), [360, 480, 720, 960, 1200]);
        assert_eq!(widths(Encoding::WebP), [360, 480, 720, 960, 1200]);
        assert_eq!(set.copies[4].height, 900);
        let view = set.view(|p| format!("/cong{p}"));
        assert!(view.src.starts_with("/cong/tin-tuc/a/anh-1200w.") && view.src.ends_with(".jpg"), "{}", view.src);
        assert_eq!(view.share, view.src);
        assert!(!view.srcset.contains("/anh.jpg") && view.webp_srcset.contains(".webp 720w"), "{view:?}");
        let html = view.html("Lớp \"học\"", true);
        assert!(html.starts_with("<picture><source type=\"image/webp\" srcset=\"/cong/tin-tuc/a/anh-360w."), "{html}");
        assert!(
            html.contains("alt=\"Lớp &quot;học&quot;\"")
                && html.contains("width=\"4000\" height=\"3000\" loading=\"lazy\" decoding=\"async\"")
        );
    }

    #[test]
    fn screenshots_stay_lossless_png_and_copies_are_cached() {
        let tmp = tempfile::tempdir().unwrap();
        let source = tmp.path().join("man-hinh.png");
        let pixels = RgbImage::from_fn(500, 200, |x, y| Rgb([((x * 7) % 256) as u8, (y % 256) as u8, 0]));
        pixels.save(&source).unwrap();
        let set = plan(&source, "/a/man-hinh.png", "man-hinh.png", &at()).unwrap().unwrap();
        assert_eq!(
            set.copies.iter().map(|c| (c.width, c.encoding)).collect::<Vec<_>>(),
            [(360, Encoding::Png), (480, Encoding::Png), (500, Encoding::Png)]
        );
        let root = tmp.path().join("portal");
        let out = Output::memory();
        write_copies(&[Arc::new(set.clone())], &root, &out).unwrap();
        let full = image::load_from_memory(&out.into_files().unwrap()[&set.copies[2].site_path]).unwrap();
        assert_eq!(full.to_rgb8(), pixels, "the full-width copy is lossless");
        // A second build takes the copies from the cache, even with the source gone.
        std::fs::remove_file(&source).unwrap();
        write_copies(&[Arc::new(set)], &root, &Output::memory()).unwrap();
    }

    #[test]
    fn empty_heic_bombs_and_garbage_are_problems_not_panics() {
        let tmp = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let path = tmp.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            plan(&path, &format!("/a/{name}"), name, &at()).map(|s| s.is_some())
        };
        assert_eq!(file("rong.jpg", b"").unwrap_err().code(), "image-empty");
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(file("iphone.heic", heic).unwrap_err().code(), "image-heic");
        assert_eq!(file("iphone.jpg", heic).unwrap_err().code(), "image-heic", "judged by the bytes, not the name");
        assert_eq!(file("hong.jpg", b"\xff\xd8\xff\xe0 not really").unwrap_err().code(), "image-unreadable");
        assert_eq!(file("hong.png", b"hello").unwrap_err().code(), "image-unreadable");
        assert_eq!(file("dong.gif", b"GIF89a\x01\0\x01\0"), Ok(false), "GIF is served as it is");
        let bomb = png_header(30_000, 30_000);
        assert_eq!(
            file("bom.png", &bomb),
            Err(ImageProblem::TooLarge { value: "bom.png".into(), width: 30_000, height: 30_000 })
        );
    }

    #[test]
    fn a_truncated_photo_is_a_problem_at_the_page_that_shows_it() {
        let tmp = tempfile::tempdir().unwrap();
        let whole = std::fs::read(photo(tmp.path(), 1)).unwrap();
        let path = tmp.path().join("cat.jpg");
        std::fs::write(&path, &whole[..whole.len() / 3]).unwrap();
        match plan(&path, "/a/cat.jpg", "cat.jpg", &at()) {
            Err(problem) => assert_eq!(problem.code(), "image-unreadable"),
            Ok(set) => {
                let result = write_copies(&[Arc::new(set.unwrap())], &tmp.path().join("p"), &Output::memory());
                match result {
                    // The decoder may fill the missing rows: then the copies are made.
                    Ok(()) => {}
                    Err(Error::Content(found)) => {
                        assert_eq!(found[0].location, at());
                        assert_eq!(found[0].problem.code(), "image-unreadable");
                    }
                    Err(other) => panic!("{other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_cmyk_jpeg_from_a_print_shop_becomes_rgb_with_its_colours() {
        // 48×32, red on the left and cyan on the right, saved as CMYK by Pillow (Adobe marker).
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/cmyk.jpg");
        let tmp = tempfile::tempdir().unwrap();
        let (set, copies) = made(&source, tmp.path());
        let jpeg = set.copies.iter().find(|c| c.encoding == Encoding::Jpeg).unwrap();
        let rgb = copies[&jpeg.site_path].to_rgb8();
        let (left, right) = (rgb.get_pixel(6, 16).0, rgb.get_pixel(42, 16).0);
        assert!(left[0] > 200 && left[1] < 80 && left[2] < 80, "red: {left:?}");
        assert!(right[0] < 80 && right[1] > 150 && right[2] > 200, "cyan: {right:?}");
    }

    /// A 100-byte PNG claiming `width`×`height`: a header, a little data and the end, with
    /// correct CRCs; decoding it in full would need gigabytes.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut header = Vec::new();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in
            [(&b"IHDR"[..], &header[..]), (b"IDAT", b"\x78\x9c\x63\x00\x00\x00\x01\x00\x01"), (b"IEND", b"")]
        {
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let chunk = [kind, data].concat();
            png.extend_from_slice(&chunk);
            png.extend_from_slice(&crc32(&chunk).to_be_bytes());
        }
        png
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
