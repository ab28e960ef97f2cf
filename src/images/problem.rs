//! What can be wrong with an image a page shows, worded in Vietnamese and English.
//!
//! [`crate::diagnostics::Problem::Image`] wraps these, located at the page and line that use
//! the picture: `content/tin-tuc/a/index.md:5: lỗi: ảnh `anh.heic` là ảnh HEIC…`.

use crate::language::Language;

/// Longest side a picture may have, in pixels: twice a 48-megapixel phone's.
pub(crate) const MAX_SIDE: u32 = 16_000;
/// Most pixels a picture may have (a 48-megapixel phone photo is 8000×6000).
pub(crate) const MAX_PIXELS: u64 = 64_000_000;

/// One problem with an image file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageProblem {
    /// The file has no bytes.
    Empty {
        /// The reference as written.
        value: String,
    },
    /// An iPhone HEIC/HEIF photo, which most browsers cannot show.
    Heic {
        /// The reference as written.
        value: String,
    },
    /// More pixels than a photo has: a decompression bomb or a scan at absurd resolution.
    TooLarge {
        /// The reference as written.
        value: String,
        /// Width in pixels, as the header says.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The decoder refused the file: corrupt, truncated, or not the format its name says.
    Unreadable {
        /// The reference as written.
        value: String,
        /// The decoder's message.
        message: String,
    },
}

impl ImageProblem {
    /// Message and help in `lang`.
    pub fn describe(&self, lang: Language) -> (String, Option<String>) {
        let vi = lang == Language::Vi;
        match self {
            ImageProblem::Empty { value } if vi => (
                format!("tệp ảnh `{value}` rỗng (0 byte)"),
                Some("chép lại ảnh từ điện thoại hoặc máy ảnh; tệp có thể bị hỏng khi sao chép".into()),
            ),
            ImageProblem::Empty { value } => (
                format!("image file `{value}` is empty (0 bytes)"),
                Some("copy the photo again from the phone or camera; the copy may have failed".into()),
            ),
            ImageProblem::Heic { value } if vi => (
                format!("`{value}` là ảnh HEIC/HEIF của iPhone, trình duyệt trên nhiều điện thoại không hiển thị được"),
                Some(
                    "lưu ảnh dạng JPEG: trên iPhone vào Cài đặt → Camera → Định dạng → Tương thích nhất rồi chụp lại, \
                     hoặc chia sẻ ảnh qua Mail/Zalo để nhận tệp .jpg; sau đó ghi tên tệp .jpg vào bài"
                        .into(),
                ),
            ),
            ImageProblem::Heic { value } => (
                format!("`{value}` is an iPhone HEIC/HEIF photo, which browsers on many phones cannot show"),
                Some(
                    "save it as JPEG: on the iPhone, Settings → Camera → Formats → Most Compatible (then take it \
                     again), or share the photo by Mail to get a .jpg file; then name the .jpg file in the page"
                        .into(),
                ),
            ),
            ImageProblem::TooLarge { value, width, height } if vi => (
                format!(
                    "ảnh `{value}` có kích thước {width}×{height} điểm ảnh, vượt giới hạn {} megapixel \
                     (mỗi cạnh tối đa {MAX_SIDE})",
                    MAX_PIXELS / 1_000_000
                ),
                Some("thu nhỏ ảnh (ví dụ còn 4000 điểm ảnh chiều ngang) rồi lưu lại dạng JPEG".into()),
            ),
            ImageProblem::TooLarge { value, width, height } => (
                format!(
                    "image `{value}` is {width}×{height} pixels, over the limit of {} megapixels \
                     (at most {MAX_SIDE} a side)",
                    MAX_PIXELS / 1_000_000
                ),
                Some("scale it down (e.g. to 4000 pixels wide) and save it again as JPEG".into()),
            ),
            ImageProblem::Unreadable { value, message } if vi => (
                format!("không đọc được ảnh `{value}`: {message}"),
                Some("tệp bị hỏng hoặc chép chưa hết; mở ảnh bằng trình xem ảnh rồi lưu lại dạng JPEG hoặc PNG".into()),
            ),
            ImageProblem::Unreadable { value, message } => (
                format!("cannot read image `{value}`: {message}"),
                Some("the file is damaged or only partly copied; open it in an image viewer and save it again as JPEG or PNG".into()),
            ),
        }
    }

    /// A stable machine name for `check --format json`.
    pub fn code(&self) -> &'static str {
        match self {
            ImageProblem::Empty { .. } => "image-empty",
            ImageProblem::Heic { .. } => "image-heic",
            ImageProblem::TooLarge { .. } => "image-too-large",
            ImageProblem::Unreadable { .. } => "image-unreadable",
        }
    }
}
