//! Responsive images: for a page's `image` (a role model's photo, a news picture) in JPEG,
//! PNG or WebP, smaller copies at a few widths for `srcset`, so a phone downloads a picture
//! its screen can show rather than the camera original.
//!
//! Sizes are planned when the site is resolved (only the file header is read); the copies
//! are made when the site is written, through a cache keyed by the source's content hash
//! (`.hoctap-cache/images/`), so a rebuild never resizes the same picture twice. Each copy's
//! name carries that hash, so hosts may cache it forever.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageFormat, ImageReader};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Error, Result};
use crate::output::{Output, Owner};

/// Widths made for `srcset`, in CSS pixels; only those smaller than the original.
const WIDTHS: [u32; 4] = [320, 640, 960, 1280];
/// JPEG quality of the copies: visually clean, a fraction of the camera's size.
const JPEG_QUALITY: u8 = 78;
/// Bumped when resizing settings change, so cached copies made the old way are not reused.
const RECIPE: u32 = 1;

/// The planned copies of one source image.
#[derive(Debug, Clone)]
pub struct ImageSet {
    /// The original file.
    pub source: PathBuf,
    /// Its format.
    format: ImageFormat,
    /// Content hash of the original.
    hash: u64,
    /// Original size in pixels.
    pub width: u32,
    /// Original height in pixels.
    pub height: u32,
    /// Each copy: width and site path.
    pub copies: Vec<(u32, String)>,
}

/// What templates get: `srcset` ready for the attribute, and the original's size so the
/// page does not jump while the picture loads.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// `"/a/anh-320w.ab12.jpg 320w, …"`, empty when there are no copies.
    pub srcset: String,
    /// Width of the original.
    pub width: u32,
    /// Height of the original.
    pub height: u32,
}

/// Plans copies of `source`, served at `site_path` (e.g. `/tin-tuc/hoi-sach/anh.jpg`).
/// `None` for formats that are not resized (SVG, GIF) or files that cannot be read.
pub fn plan(source: &Path, site_path: &str) -> Option<ImageSet> {
    let format = ImageFormat::from_path(source).ok()?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return None;
    }
    let bytes = std::fs::read(source).ok()?;
    let (width, height) = ImageReader::with_format(Cursor::new(&bytes), format).into_dimensions().ok()?;
    let hash = crate::output::hash_bytes(&bytes);
    let (folder, name) = site_path.rsplit_once('/')?;
    let (stem, ext) = name.rsplit_once('.')?;
    let copies = WIDTHS
        .iter()
        .filter(|&&w| w < width)
        .map(|&w| (w, format!("{folder}/{stem}-{w}w.{:010x}.{ext}", hash >> 24)))
        .collect();
    Some(ImageSet { source: source.to_path_buf(), format, hash, width, height, copies })
}

impl ImageSet {
    /// The template view, with links made by `link` (which adds the base path).
    pub fn view(&self, link: impl Fn(&str) -> String) -> ImageView {
        let srcset = self.copies.iter().map(|(w, path)| format!("{} {w}w", link(path))).collect::<Vec<_>>();
        ImageView { srcset: srcset.join(", "), width: self.width, height: self.height }
    }
}

/// Writes every planned copy, resizing only those missing from the cache (the portal's
/// `.hoctap-cache/images`).
pub fn write_copies(sets: &[&ImageSet], root: &Path, output: &Output) -> Result<()> {
    let cache_dir = root.join(".hoctap-cache/images");
    sets.par_iter().try_for_each(|set| {
        let mut decoded = None;
        for (width, site_path) in &set.copies {
            let cached = cache_dir.join(format!("{:016x}-{RECIPE}-{width}.{}", set.hash, extension(set.format)));
            let bytes = match std::fs::read(&cached) {
                Ok(bytes) => bytes,
                Err(_) => {
                    let image = match &decoded {
                        Some(image) => image,
                        None => decoded.insert(decode(set)?),
                    };
                    let bytes = resize(image, *width, set.format).map_err(|e| image_error(&set.source, e))?;
                    // A cache that cannot be written only costs time on the next build.
                    let _ = crate::fs::write(&cached, &bytes);
                    bytes
                }
            };
            output.write(site_path, &bytes, Owner::file(set.source.strip_prefix(root).unwrap_or(&set.source)))?;
        }
        Ok(())
    })
}

fn decode(set: &ImageSet) -> Result<image::DynamicImage> {
    let bytes = std::fs::read(&set.source).map_err(|e| Error::read(&set.source, e))?;
    ImageReader::with_format(Cursor::new(bytes), set.format).decode().map_err(|e| image_error(&set.source, e))
}

fn resize(image: &image::DynamicImage, width: u32, format: ImageFormat) -> image::ImageResult<Vec<u8>> {
    let height = (u64::from(image.height()) * u64::from(width) / u64::from(image.width().max(1))).max(1) as u32;
    let small = image.resize_exact(width, height, image::imageops::FilterType::CatmullRom);
    let mut bytes = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
            small.to_rgb8().write_with_encoder(encoder)?;
        }
        other => small.write_to(&mut Cursor::new(&mut bytes), other)?,
    }
    Ok(bytes)
}

fn extension(format: ImageFormat) -> &'static str {
    format.extensions_str().first().copied().unwrap_or("img")
}

fn image_error(path: &Path, error: image::ImageError) -> Error {
    Error::Read { path: path.to_path_buf(), source: std::io::Error::other(error.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(dir: &Path, width: u32, height: u32) -> PathBuf {
        let path = dir.join("anh.jpg");
        let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        image.save(&path).unwrap();
        path
    }

    #[test]
    fn plans_only_widths_smaller_than_the_original_with_hashed_names() {
        let tmp = tempfile::tempdir().unwrap();
        let set = plan(&photo(tmp.path(), 700, 350), "/tin-tuc/a/anh.jpg").unwrap();
        assert_eq!((set.width, set.height), (700, 350));
        let widths: Vec<u32> = set.copies.iter().map(|(w, _)| *w).collect();
        assert_eq!(widths, vec![320, 640]);
        assert!(set.copies[0].1.starts_with("/tin-tuc/a/anh-320w.") && set.copies[0].1.ends_with(".jpg"));
        let view = set.view(|p| format!("/cong{p}"));
        assert!(view.srcset.starts_with("/cong/tin-tuc/a/anh-320w.") && view.srcset.contains(" 640w"));
    }

    #[test]
    fn makes_smaller_jpegs_and_reuses_the_cache() {
        let tmp = tempfile::tempdir().unwrap();
        let set = plan(&photo(tmp.path(), 1000, 500), "/a/anh.jpg").unwrap();
        let root = tmp.path().join("portal");
        let cache = root.join(".hoctap-cache/images");
        let out = Output::memory();
        write_copies(&[&set], &root, &out).unwrap();
        let files = out.into_files().unwrap();
        let (_, path) = &set.copies[0];
        let small = image::load_from_memory(&files[path]).unwrap();
        assert_eq!((small.width(), small.height()), (320, 160));
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), set.copies.len());
        // A second build takes the copies from the cache, even with the source gone.
        std::fs::remove_file(&set.source).unwrap();
        write_copies(&[&set], &root, &Output::memory()).unwrap();
    }

    #[test]
    fn leaves_vector_images_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let svg = tmp.path().join("anh.svg");
        std::fs::write(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        assert!(plan(&svg, "/a/anh.svg").is_none());
    }
}
