//! A JPEG carrying an EXIF orientation, as a phone writes it (shared by the photo tests and
//! the photo benchmark).

/// Encodes `pixels` as a quality-92 JPEG whose EXIF says `orientation` (1 upright, 6 and 8
/// turned a quarter either way).
pub(crate) fn jpeg_with_orientation(pixels: &image::RgbImage, orientation: u16) -> Vec<u8> {
    use image::ImageEncoder;
    // A little-endian TIFF header with one IFD entry: 0x0112 Orientation, SHORT, count 1.
    let mut tiff = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0; 6]);
    let mut bytes = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92);
    encoder.set_exif_metadata(tiff).expect("exif");
    let (width, height) = pixels.dimensions();
    encoder.write_image(pixels.as_raw(), width, height, image::ExtendedColorType::Rgb8).expect("jpeg");
    bytes
}
