//! Attachments (a plan's `document`, a resource's `file`, files a body links to): their type
//! and size shown beside every link ("PDF, 2,3 MB"), since citizens download on mobile data,
//! and warnings for files too large or in formats a phone cannot open.

use std::path::Path;

use crate::language::Language;

/// Extensions a body link must end with to be labelled as an attachment.
const DOCUMENTS: [&str; 19] = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "csv", "txt", "zip", "rar", "7z",
    "epub", "mp3", "mp4",
];
/// Office formats from before 2007 that phones rarely open.
const OLD_FORMATS: [&str; 3] = ["doc", "xls", "ppt"];

/// A local attachment's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// `PDF`, `DOCX`…
    pub kind: String,
    /// Size in bytes.
    pub bytes: u64,
}

impl Attachment {
    /// Reads the size of `source`; `None` when it cannot be read.
    pub fn of(source: &Path) -> Option<Attachment> {
        let bytes = std::fs::metadata(source).ok().filter(|m| m.is_file())?.len();
        let kind = source.extension().map(|e| e.to_string_lossy().to_uppercase()).unwrap_or_default();
        Some(Attachment { kind, bytes })
    }

    /// `PDF, 2,3 MB` (Vietnamese decimal comma) or `PDF, 2.3 MB`.
    pub fn label(&self, lang: Language) -> String {
        let size = format_size(self.bytes, lang);
        if self.kind.is_empty() {
            size
        } else {
            format!("{}, {size}", self.kind)
        }
    }

    /// What `check` and `build` warn about: over `limit_mib`, or an old Office format.
    pub fn problems(&self, value: &str, limit_mib: u64) -> Vec<AttachmentProblem> {
        let mut problems = Vec::new();
        if self.bytes > limit_mib.saturating_mul(1 << 20) {
            problems.push(AttachmentProblem::TooLarge { value: value.into(), bytes: self.bytes, limit_mib });
        }
        let lower = self.kind.to_ascii_lowercase();
        if OLD_FORMATS.contains(&lower.as_str()) {
            problems.push(AttachmentProblem::OldFormat { value: value.into(), kind: self.kind.clone() });
        }
        problems
    }
}

/// Whether a link target written in a body names a document (by its extension).
pub(crate) fn is_document(target: &str) -> bool {
    let name = target.rsplit('/').next().unwrap_or(target);
    name.rsplit_once('.').is_some_and(|(_, ext)| DOCUMENTS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `850 byte`, `340 kB`, `2,3 MB`, `48 MB` (decimal units, as phones show them).
pub(crate) fn format_size(bytes: u64, lang: Language) -> String {
    let text = if bytes < 1_000 {
        return if lang == Language::Vi { format!("{bytes} byte") } else { format!("{bytes} bytes") };
    } else if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1_000))
    } else if bytes < 10_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else if bytes < 1_000_000_000 {
        format!("{} MB", (bytes as f64 / 1e6).round())
    } else {
        format!("{:.1} GB", bytes as f64 / 1e9)
    };
    if lang == Language::Vi {
        text.replace('.', ",")
    } else {
        text
    }
}

/// A warning about an attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentProblem {
    /// Larger than `attachment_warn_mib`.
    TooLarge {
        /// The reference as written.
        value: String,
        /// Its size.
        bytes: u64,
        /// The configured limit.
        limit_mib: u64,
    },
    /// `.doc`, `.xls`, `.ppt`.
    OldFormat {
        /// The reference as written.
        value: String,
        /// `DOC`…
        kind: String,
    },
}

impl AttachmentProblem {
    /// Message and help in `lang`.
    pub fn describe(&self, lang: Language) -> (String, Option<String>) {
        let vi = lang == Language::Vi;
        match self {
            AttachmentProblem::TooLarge { value, bytes, limit_mib } if vi => (
                format!(
                    "tệp đính kèm `{value}` nặng {}, quá {limit_mib} MiB: người dân tải bằng 3G/4G sẽ tốn nhiều dung lượng",
                    format_size(*bytes, lang)
                ),
                Some(
                    "nén tệp PDF (chọn \"Giảm kích thước tệp\" khi lưu) hoặc tách thành nhiều tệp; \
                     giới hạn đặt bằng `attachment_warn_mib` trong hoctap.toml"
                        .into(),
                ),
            ),
            AttachmentProblem::TooLarge { value, bytes, limit_mib } => (
                format!(
                    "attachment `{value}` is {}, over {limit_mib} MiB: citizens on mobile data pay for every megabyte",
                    format_size(*bytes, lang)
                ),
                Some(
                    "compress the PDF (\"Reduce file size\" when saving) or split it; the limit is \
                     `attachment_warn_mib` in hoctap.toml"
                        .into(),
                ),
            ),
            AttachmentProblem::OldFormat { value, kind } if vi => (
                format!("tệp `{value}` ở định dạng {kind} cũ, nhiều điện thoại không mở được"),
                Some("lưu thành PDF (Tệp → Lưu thành → PDF) rồi đính kèm tệp PDF".into()),
            ),
            AttachmentProblem::OldFormat { value, kind } => (
                format!("`{value}` is an old {kind} file that many phones cannot open"),
                Some("save it as PDF (File → Save As → PDF) and attach the PDF instead".into()),
            ),
        }
    }

    /// A stable machine name for `check --format json`.
    pub fn code(&self) -> &'static str {
        match self {
            AttachmentProblem::TooLarge { .. } => "attachment-too-large",
            AttachmentProblem::OldFormat { .. } => "attachment-old-format",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_phone_shows_them_in_each_language() {
        assert_eq!(format_size(850, Language::Vi), "850 byte");
        assert_eq!(format_size(339_200, Language::Vi), "340 kB");
        assert_eq!(format_size(2_345_678, Language::Vi), "2,3 MB");
        assert_eq!(format_size(2_345_678, Language::En), "2.3 MB");
        assert_eq!(format_size(31_457_280, Language::En), "31 MB");
        let pdf = Attachment { kind: "PDF".into(), bytes: 2_345_678 };
        assert_eq!(pdf.label(Language::Vi), "PDF, 2,3 MB");
    }

    #[test]
    fn warns_over_the_limit_and_for_old_office_formats() {
        let big = Attachment { kind: "PDF".into(), bytes: 30 << 20 };
        assert_eq!(big.problems("a.pdf", 25).len(), 1);
        assert!(big.problems("a.pdf", 40).is_empty());
        let doc = Attachment { kind: "DOC".into(), bytes: 1000 };
        assert_eq!(
            doc.problems("a.doc", 25),
            [AttachmentProblem::OldFormat { value: "a.doc".into(), kind: "DOC".into() }]
        );
        assert!(is_document("tep/ke-hoach.PDF") && !is_document("/tin-tuc/a/") && !is_document("anh.jpg"));
    }
}
