//! Why a file cannot be imported, worded in Vietnamese and English.
//!
//! [`crate::diagnostics::Problem::Import`] wraps these, so the CLI prints them like every
//! other problem: `ke-hoach.doc: lỗi: …` with a help line and a stable code.

use crate::language::Language;

/// What a file that is not a Word 2007+ document looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An empty file.
    Empty,
    /// A PDF.
    Pdf,
    /// Rich Text Format.
    Rtf,
    /// A web page.
    Html,
    /// A picture (PNG, JPEG, GIF).
    Image,
    /// Plain text.
    Text,
    /// An Excel workbook.
    Excel,
    /// A PowerPoint presentation.
    PowerPoint,
    /// A zip of other files.
    Zip,
    /// Something else.
    Unknown,
}

/// Which size limit a file broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// The file itself.
    File {
        /// Its size in bytes.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// Too many entries in the zip.
    Entries {
        /// How many.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A part inflates to too many bytes.
    Part {
        /// The part, e.g. `word/document.xml`.
        name: String,
        /// Its size once inflated.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// A part inflates far more than text does.
    Ratio {
        /// The part.
        name: String,
        /// Inflated / compressed.
        ratio: u64,
        /// The limit.
        max: u64,
    },
}

/// A file `hoctap import` cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// Not a `.docx` at all.
    NotDocx {
        /// What it looks like.
        kind: FileKind,
    },
    /// An old binary Word `.doc` (Word 97–2003).
    OldDoc,
    /// An OpenDocument text (`.odt`).
    Odt,
    /// Protected by a password.
    Encrypted,
    /// A damaged zip or XML.
    Corrupt {
        /// What the reader said.
        reason: String,
    },
    /// Over a size limit (a zip bomb, or far larger than any plan).
    TooLarge {
        /// Which limit.
        limit: Limit,
    },
    /// `--section` names a section that is not a plans section.
    NotPlanSection {
        /// The folder.
        folder: String,
        /// Its kind.
        kind: String,
    },
}

impl FileKind {
    fn describe(self, lang: Language) -> &'static str {
        match self {
            FileKind::Empty => lang.pick("một tệp rỗng (0 byte)", "an empty file (0 bytes)"),
            FileKind::Pdf => lang.pick("một tệp PDF", "a PDF file"),
            FileKind::Rtf => lang.pick("một tệp RTF", "an RTF file"),
            FileKind::Html => lang.pick("một trang web (HTML)", "a web page (HTML)"),
            FileKind::Image => lang.pick("một tệp ảnh", "an image"),
            FileKind::Text => lang.pick("một tệp văn bản thuần (text)", "a plain-text file"),
            FileKind::Excel => lang.pick("một bảng tính Excel", "an Excel workbook"),
            FileKind::PowerPoint => lang.pick("một tệp trình chiếu PowerPoint", "a PowerPoint presentation"),
            FileKind::Zip => {
                lang.pick("một tệp nén zip không chứa văn bản Word", "a zip file with no Word document in it")
            }
            FileKind::Unknown => lang.pick("một tệp không rõ định dạng", "a file of unknown format"),
        }
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

impl ImportProblem {
    /// The message and help, in `lang`.
    pub fn describe(&self, lang: Language) -> (String, Option<String>) {
        let vi = lang == Language::Vi;
        let pick = |v: String, e: String| if vi { v } else { e };
        let save_as = || {
            pick(
                "mở tệp bằng Word hoặc LibreOffice Writer, chọn Tệp → Lưu thành (File → Save As), kiểu \"Word Document (*.docx)\", rồi nhập tệp .docx".into(),
                "open it in Word or LibreOffice Writer, choose File → Save As, type \"Word Document (*.docx)\", and import the .docx".into(),
            )
        };
        match self {
            ImportProblem::NotDocx { kind } => (
                pick(
                    format!("đây không phải văn bản Word .docx mà là {}", kind.describe(Language::Vi)),
                    format!("this is not a Word .docx document but {}", kind.describe(Language::En)),
                ),
                Some(match kind {
                    FileKind::Pdf => pick(
                        "hãy dùng tệp Word gốc của kế hoạch (.docx); nếu chỉ có PDF, mở bằng Word (Word chuyển được PDF) rồi Lưu thành .docx".into(),
                        "use the plan's original Word file (.docx); if there is only a PDF, open it in Word (Word converts PDFs) and Save As .docx".into(),
                    ),
                    _ => save_as(),
                }),
            ),
            ImportProblem::OldDoc => (
                pick(
                    "đây là văn bản Word cũ dạng .doc (Word 97–2003), hoctap chỉ đọc được .docx".into(),
                    "this is an old binary Word .doc file (Word 97–2003); hoctap reads only .docx".into(),
                ),
                Some(save_as()),
            ),
            ImportProblem::Odt => (
                pick(
                    "đây là văn bản OpenDocument (.odt), hoctap chỉ đọc được .docx".into(),
                    "this is an OpenDocument text (.odt); hoctap reads only .docx".into(),
                ),
                Some(save_as()),
            ),
            ImportProblem::Encrypted => (
                pick("văn bản được bảo vệ bằng mật khẩu nên không đọc được".into(), "the document is protected by a password, so it cannot be read".into()),
                Some(pick(
                    "mở bằng Word, vào Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi nhập lại".into(),
                    "open it in Word, go to File → Info → Protect Document → Encrypt with Password, clear the password, save, and import again".into(),
                )),
            ),
            ImportProblem::Corrupt { reason } => (
                pick(format!("tệp .docx bị hỏng, không đọc được ({reason})"), format!("the .docx file is damaged and cannot be read ({reason})")),
                Some(pick(
                    "mở tệp bằng Word (Word tự sửa được nhiều lỗi), Lưu thành một tệp .docx mới rồi nhập tệp đó".into(),
                    "open the file in Word (it repairs many faults), Save As a new .docx, and import that".into(),
                )),
            ),
            ImportProblem::NotPlanSection { folder, kind } => (
                pick(
                    format!("mục `content/{folder}` là loại `{kind}`, không phải mục kế hoạch (`plans`)"),
                    format!("section `content/{folder}` is of kind `{kind}`, not a plans section"),
                ),
                Some(pick(
                    "bỏ `--section` để dùng mục kế hoạch, hoặc chỉ đến thư mục có `kind = \"plans\"` trong `_index.md`".into(),
                    "leave out `--section` to use the plans section, or name a folder whose `_index.md` says `kind = \"plans\"`".into(),
                )),
            ),
            ImportProblem::TooLarge { limit } => {
                let (v, e) = match limit {
                    Limit::File { bytes, max } => (
                        format!("tệp lớn {}, quá giới hạn {}", mib(*bytes), mib(*max)),
                        format!("the file is {}, over the {} limit", mib(*bytes), mib(*max)),
                    ),
                    Limit::Entries { count, max } => (
                        format!("tệp nén chứa {count} mục, quá giới hạn {max}: không giống một văn bản Word"),
                        format!("the zip holds {count} entries, over the limit of {max}: not what a Word document looks like"),
                    ),
                    Limit::Part { name, bytes, max } => (
                        format!("phần `{name}` khi giải nén lớn {}, quá giới hạn {}", mib(*bytes), mib(*max)),
                        format!("part `{name}` inflates to {}, over the {} limit", mib(*bytes), mib(*max)),
                    ),
                    Limit::Ratio { name, ratio, max } => (
                        format!("phần `{name}` giải nén ra gấp {ratio} lần (giới hạn {max} lần): có thể là tệp \"bom nén\""),
                        format!("part `{name}` inflates {ratio} times (limit {max}): it may be a zip bomb"),
                    ),
                };
                (
                    pick(format!("không nhập: {v}"), format!("not imported: {e}")),
                    Some(pick(
                        "một kế hoạch bình thường nhỏ hơn nhiều; kiểm tra lại tệp, hoặc mở bằng Word và Lưu thành .docx mới (bỏ ảnh quá lớn)".into(),
                        "a real plan is far smaller; check the file, or open it in Word and Save As a new .docx (without oversized pictures)".into(),
                    )),
                )
            }
        }
    }

    /// Stable code for tools.
    pub fn code(&self) -> &'static str {
        match self {
            ImportProblem::NotDocx { .. } => "import-not-docx",
            ImportProblem::OldDoc => "import-old-doc",
            ImportProblem::Odt => "import-odt",
            ImportProblem::Encrypted => "import-encrypted",
            ImportProblem::Corrupt { .. } => "import-corrupt",
            ImportProblem::TooLarge { .. } => "import-too-large",
            ImportProblem::NotPlanSection { .. } => "import-not-plan-section",
        }
    }
}
