//! Reading pictures safely: the format from the bytes (not the name), HEIC and empty files
//! recognised, pixel limits before any allocation, and the EXIF orientation a phone wrote
//! applied, so a portrait photo stands upright in every copy.

use std::io::Cursor;
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::problem::{ImageProblem, MAX_PIXELS, MAX_SIDE};

/// The size of the picture at `path` (an SVG's `viewBox`, or a raster file's header), if it
/// can be read.
pub(crate) fn size_of(path: &Path) -> Option<(u32, u32)> {
    let bytes = std::fs::read(path).ok()?;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        return super::svg::size(&String::from_utf8_lossy(&bytes));
    }
    match sniff(&bytes, "").ok()? {
        Sniffed::Raster(header) => Some((header.width, header.height)),
        Sniffed::Other => None,
    }
}

/// What the header of a raster picture says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// JPEG, PNG or WebP.
    pub(crate) format: ImageFormat,
    /// Width as shown, after the EXIF orientation.
    pub(crate) width: u32,
    /// Height as shown.
    pub(crate) height: u32,
    /// Whether the picture has an alpha channel.
    pub(crate) alpha: bool,
}

/// What a file holds, judged from its bytes.
pub(crate) enum Sniffed {
    /// A JPEG, PNG or WebP picture, with its header read.
    Raster(Header),
    /// A format hoctap serves as it is (GIF, BMP…).
    Other,
}

/// Reads the header of `bytes`; `value` names the file in problems.
pub(crate) fn sniff(bytes: &[u8], value: &str) -> Result<Sniffed, ImageProblem> {
    if bytes.is_empty() {
        return Err(ImageProblem::Empty { value: value.into() });
    }
    if is_heif(bytes) {
        return Err(ImageProblem::Heic { value: value.into() });
    }
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => format,
        Ok(_) => return Ok(Sniffed::Other),
        Err(_) if has_raster_extension(value) => {
            let message = "not a JPEG, PNG or WebP picture / không phải ảnh JPEG, PNG hay WebP".into();
            return Err(ImageProblem::Unreadable { value: value.into(), message });
        }
        Err(_) => return Ok(Sniffed::Other),
    };
    // The header alone first (no pixels allocated), so a bomb is refused with its size.
    let (width, height) =
        ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(|e| unreadable(value, e))?;
    check_size(value, width, height)?;
    let mut decoder = reader(bytes, format).into_decoder().map_err(|e| unreadable(value, e))?;
    let alpha = decoder.color_type().has_alpha();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = if turns(orientation) { (height, width) } else { (width, height) };
    Ok(Sniffed::Raster(Header { format, width, height, alpha }))
}

/// Decodes the whole picture, upright.
pub(crate) fn decode(bytes: &[u8], format: ImageFormat, value: &str) -> Result<DynamicImage, ImageProblem> {
    let mut decoder = reader(bytes, format).into_decoder().map_err(|e| unreadable(value, e))?;
    let (width, height) = decoder.dimensions();
    check_size(value, width, height)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(value, e))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Four bytes a pixel (RGBA) of the largest picture allowed, plus the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    reader
}

fn check_size(value: &str, width: u32, height: u32) -> Result<(), ImageProblem> {
    if width == 0 || height == 0 {
        let message = format!("{width}×{height}");
        return Err(ImageProblem::Unreadable { value: value.into(), message });
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageProblem::TooLarge { value: value.into(), width, height });
    }
    Ok(())
}

fn unreadable(value: &str, error: image::ImageError) -> ImageProblem {
    ImageProblem::Unreadable { value: value.into(), message: error.to_string() }
}

/// Orientations that swap width and height.
fn turns(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    )
}

/// HEIF family (HEIC, AVIF is left to browsers): an ISO-BMFF `ftyp` box with a HEIF brand.
fn is_heif(bytes: &[u8]) -> bool {
    let Some(brand) = bytes.get(4..12) else { return false };
    const BRANDS: [&[u8; 8]; 7] =
        [b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypheim", b"ftypheis", b"ftypmif1", b"ftypmsf1"];
    BRANDS.iter().any(|b| brand == *b)
}

fn has_raster_extension(value: &str) -> bool {
    let ext = value.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp")
}
