//! Error types and their rendering as `path:line:col: error: message`.
//!
//! Content problems are typed ([`Problem`]) so that the CLI can render them in the portal's
//! language; the library never prints.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Language;

/// Where a problem is: a file and, when known, a 1-based line and column in the whole file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, as given to the user (relative to the portal root where possible).
    pub path: PathBuf,
    /// 1-based line in the whole file (not in the front-matter block).
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    /// A location at a line of a file.
    pub fn line(path: impl Into<PathBuf>, line: usize) -> Self {
        Location { path: path.into(), line: Some(line), column: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// What is wrong, with the facts needed to explain it in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is not valid UTF-8.
    NotUtf8,
    /// The front matter opens but never closes.
    UnclosedFrontMatter {
        /// `+++` or `---`.
        fence: &'static str,
    },
    /// The file has no front matter at all.
    MissingFrontMatter,
    /// The TOML or YAML parser refused the block.
    Syntax {
        /// `TOML` or `YAML`.
        format: &'static str,
        /// The parser's own message.
        message: String,
        /// The offending line rewritten correctly, when the mistake is a common one.
        fix: Option<String>,
    },
    /// `hoctap.toml` is missing from the portal folder.
    MissingConfig,
    /// A key `hoctap.toml` does not have.
    UnknownConfigKey {
        /// The key as written.
        field: String,
        /// The nearest known key.
        suggestion: Option<&'static str>,
    },
    /// A field this kind of page does not have.
    UnknownField {
        /// The field as written.
        field: String,
        /// The nearest known field, if one is close.
        suggestion: Option<&'static str>,
        /// The kind whose schema was used, e.g. `news`.
        kind: String,
    },
    /// A field holds the wrong type of value.
    WrongType {
        /// The field.
        field: String,
        /// What it should hold, e.g. `text`, `list of text`, `true or false`.
        expected: Expected,
    },
    /// A required field is absent.
    MissingField {
        /// The field.
        field: &'static str,
    },
    /// A date that is not `yyyy-mm-dd` or RFC 3339.
    BadDate {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// The same date rewritten correctly, when the intent is clear (`21/04/2024`).
        rewritten: Option<String>,
    },
    /// A value outside the allowed set.
    NotOneOf {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// The allowed values.
        allowed: &'static [&'static str],
    },
    /// `image` without `image_alt`.
    ImageWithoutAlt,
    /// A resource with neither `url` nor `file`.
    ResourceWithoutLink,
    /// A slug with characters that do not belong in a URL.
    BadSlug {
        /// The slug as written.
        value: String,
        /// What it should be instead.
        suggestion: String,
    },
    /// A path (slug, alias, file reference) that would leave the portal.
    PathEscapes {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
    },
    /// A file or folder name that is not safe on every host.
    UnsafeFileName {
        /// The name.
        name: String,
        /// A safe name to rename it to.
        suggestion: String,
    },
    /// Two sources want the same output URL.
    DuplicateUrl {
        /// The URL.
        url: String,
        /// The other file.
        other: PathBuf,
    },
    /// An internal `@/` link to a file that does not exist.
    BrokenLink {
        /// The link as written.
        target: String,
        /// The nearest existing file, if one is close.
        suggestion: Option<String>,
    },
    /// An `@/file.md#anchor` link whose file has no heading with that id.
    BrokenAnchor {
        /// The link as written.
        target: String,
        /// The nearest existing heading id.
        suggestion: Option<String>,
    },
    /// A link to a page that is a draft (or dated in the future) and is not built.
    LinkToUnpublished {
        /// The link as written.
        target: String,
    },
    /// A file referenced by a field does not exist.
    MissingFile {
        /// The field.
        field: String,
        /// The path as written.
        value: String,
    },
    /// `end` before `start`.
    EndBeforeStart,
    /// A symbolic link that points outside `content/`; it is skipped.
    SymlinkOutside,
    /// A problem in indicator data or in a reference to an indicator.
    Indicator(crate::indicators::IndicatorProblem),
    /// Any other problem, already worded.
    Other(String),
}

/// The type a field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    Text,
    /// A list of strings.
    TextList,
    /// true or false.
    Bool,
    /// A whole number.
    Integer,
    /// A date.
    Date,
}

impl Expected {
    fn describe(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Expected::Text, Language::Vi) => "một chuỗi chữ trong ngoặc kép, ví dụ \"Xã Mỹ Hòa\"",
            (Expected::Text, Language::En) => "text in quotes, e.g. \"Xã Mỹ Hòa\"",
            (Expected::TextList, Language::Vi) => "một danh sách, ví dụ [\"văn hóa đọc\", \"thư viện\"]",
            (Expected::TextList, Language::En) => "a list, e.g. [\"reading\", \"library\"]",
            (Expected::Bool, Language::Vi) => "true hoặc false",
            (Expected::Bool, Language::En) => "true or false",
            (Expected::Integer, Language::Vi) => "một số nguyên, ví dụ 2024",
            (Expected::Integer, Language::En) => "a whole number, e.g. 2024",
            (Expected::Date, Language::Vi) => "một ngày dạng 2024-04-21",
            (Expected::Date, Language::En) => "a date like 2024-04-21",
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub location: Location,
    /// What.
    pub problem: Problem,
    /// Warnings do not stop the build.
    pub warning: bool,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Location, problem: Problem) -> Self {
        Diagnostic { location, problem, warning: false }
    }

    /// A warning at a location.
    pub fn warning(location: Location, problem: Problem) -> Self {
        Diagnostic { location, problem, warning: true }
    }

    /// The full line: `path:line: error: message`, followed by a help line when there is one.
    pub fn render(&self, lang: Language) -> String {
        let level = match (self.warning, lang) {
            (false, Language::Vi) => "lỗi",
            (false, Language::En) => "error",
            (true, Language::Vi) => "cảnh báo",
            (true, Language::En) => "warning",
        };
        let (message, help) = describe(&self.problem, lang);
        let mut out = format!("{}: {level}: {message}", self.location);
        if let Some(help) = help {
            let label = if lang == Language::Vi { "gợi ý" } else { "help" };
            out.push_str(&format!("\n  = {label}: {help}"));
        }
        out
    }
}

/// The message and optional help text for a problem.
fn describe(problem: &Problem, lang: Language) -> (String, Option<String>) {
    let vi = lang == Language::Vi;
    let pick = |v: String, e: String| if vi { v } else { e };
    match problem {
        Problem::NotUtf8 => (
            pick("tệp không phải văn bản UTF-8".into(), "file is not UTF-8 text".into()),
            Some(pick(
                "lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)".into(),
                "save the file again with the UTF-8 encoding".into(),
            )),
        ),
        Problem::UnclosedFrontMatter { fence } => (
            pick(format!("phần đầu (front matter) mở bằng `{fence}` nhưng không có dòng `{fence}` đóng"),
                 format!("front matter opened with `{fence}` is never closed")),
            Some(pick(format!("thêm một dòng `{fence}` sau trường cuối cùng"),
                      format!("add a line `{fence}` after the last field"))),
        ),
        Problem::MissingFrontMatter => (
            pick("tệp thiếu phần đầu (front matter)".into(), "file has no front matter".into()),
            Some(pick("bắt đầu tệp bằng:\n+++\ntitle = \"Tiêu đề\"\n+++".into(),
                      "start the file with:\n+++\ntitle = \"Title\"\n+++".into())),
        ),
        Problem::Syntax { format, message, fix } => (
            pick(format!("cú pháp {format} không hợp lệ: {message}"),
                 format!("invalid {format}: {message}")),
            Some(match fix {
                Some(fix) => pick(format!("viết: `{fix}`"), format!("write: `{fix}`")),
                None if *format == "TOML" => pick("mỗi dòng có dạng `tên = giá trị`; chữ đặt trong ngoặc kép: `title = \"Tiêu đề\"`".into(),
                                                 "each line is `name = value`; text goes in quotes: `title = \"Title\"`".into()),
                None => pick("mỗi dòng có dạng `tên: giá trị`; danh sách viết mỗi mục một dòng bắt đầu bằng `- `".into(),
                             "each line is `name: value`; list items go one per line starting with `- `".into()),
            }),
        ),
        Problem::MissingConfig => (
            pick("không tìm thấy tệp cấu hình `hoctap.toml`".into(), "no `hoctap.toml` config file here".into()),
            Some(pick("chạy lệnh trong thư mục cổng thông tin, hoặc chỉ đường dẫn bằng `--root THƯ_MỤC`".into(),
                      "run the command in the portal folder, or point to it with `--root DIR`".into())),
        ),
        Problem::UnknownConfigKey { field, suggestion } => (
            pick(format!("`hoctap.toml` không có mục `{field}`"), format!("`hoctap.toml` has no setting `{field}`")),
            suggestion.map(|s| pick(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?"))),
        ),
        Problem::UnknownField { field, suggestion, kind } => (
            pick(format!("trường `{field}` không có trong loại trang `{kind}`"),
                 format!("unknown field `{field}` for a `{kind}` page")),
            suggestion.map(|s| pick(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?"))),
        ),
        Problem::WrongType { field, expected } => (
            pick(format!("trường `{field}` sai kiểu dữ liệu"), format!("field `{field}` has the wrong type")),
            Some(pick(format!("cần {}", expected.describe(lang)), format!("expected {}", expected.describe(lang)))),
        ),
        Problem::MissingField { field } => (
            pick(format!("thiếu trường bắt buộc `{field}`"), format!("missing required field `{field}`")),
            Some(pick(format!("thêm dòng `{field} = ...` vào phần đầu"), format!("add `{field} = ...` to the front matter"))),
        ),
        Problem::BadDate { field, value, rewritten } => (
            pick(format!("trường `{field}`: `{value}` không phải ngày hợp lệ"),
                 format!("field `{field}`: `{value}` is not a valid date")),
            Some(match rewritten {
                Some(r) => pick(format!("viết ngày theo dạng năm-tháng-ngày: `{field} = {r}`"),
                                format!("write dates as year-month-day: `{field} = {r}`")),
                None => pick("viết ngày dạng 2024-04-21 hoặc 2024-04-21T08:00:00+07:00".into(),
                             "write dates as 2024-04-21 or 2024-04-21T08:00:00+07:00".into()),
            }),
        ),
        Problem::NotOneOf { field, value, allowed } => (
            pick(format!("trường `{field}`: giá trị `{value}` không hợp lệ"),
                 format!("field `{field}`: `{value}` is not allowed")),
            Some(pick(format!("chọn một trong: {}", allowed.join(", ")),
                      format!("use one of: {}", allowed.join(", ")))),
        ),
        Problem::ImageWithoutAlt => (
            pick("có `image` nhưng thiếu `image_alt`".into(), "`image` is set but `image_alt` is missing".into()),
            Some(pick("thêm `image_alt = \"mô tả nội dung ảnh\"` để người khiếm thị biết ảnh có gì".into(),
                      "add `image_alt = \"what the picture shows\"` so blind readers know what it shows".into())),
        ),
        Problem::ResourceWithoutLink => (
            pick("học liệu cần `url` (đường dẫn) hoặc `file` (tệp đính kèm)".into(),
                 "a resource needs `url` (a link) or `file` (an attached file)".into()),
            Some(pick("thêm `url = \"https://…\"` hoặc `file = \"ten-tep.pdf\"` (tệp đặt cạnh `index.md`)".into(),
                      "add `url = \"https://…\"` or `file = \"name.pdf\"` (a file beside `index.md`)".into())),
        ),
        Problem::BadSlug { value, suggestion } => (
            pick(format!("`slug = \"{value}\"` chỉ được chứa chữ thường không dấu, số và dấu `-`"),
                 format!("`slug = \"{value}\"` may only hold lowercase ASCII letters, digits and `-`")),
            Some(pick(format!("viết `slug = \"{suggestion}\"`"), format!("write `slug = \"{suggestion}\"`"))),
        ),
        Problem::PathEscapes { field, value } => (
            pick(format!("trường `{field}`: `{value}` trỏ ra ngoài cổng thông tin"),
                 format!("field `{field}`: `{value}` points outside the portal")),
            Some(pick("không dùng `..`, `\\` hay đường dẫn tuyệt đối tới ổ đĩa".into(),
                      "do not use `..`, `\\` or absolute file-system paths".into())),
        ),
        Problem::UnsafeFileName { name, suggestion } => (
            pick(format!("tên tệp `{name}` không an toàn trên mọi máy chủ"),
                 format!("file name `{name}` is not safe on every host")),
            Some(pick(format!("đổi tên thành `{suggestion}`"), format!("rename it to `{suggestion}`"))),
        ),
        Problem::DuplicateUrl { url, other } => (
            pick(format!("địa chỉ `{url}` trùng với `{}`", other.display()),
                 format!("URL `{url}` is also produced by `{}`", other.display())),
            Some(pick("đổi tên một trong hai tệp hoặc đặt `slug` khác".into(),
                      "rename one of the files or give it another `slug`".into())),
        ),
        Problem::BrokenLink { target, suggestion } => (
            pick(format!("liên kết `{target}` trỏ tới tệp không tồn tại"),
                 format!("link `{target}` points to a file that does not exist")),
            suggestion.as_ref().map(|s| pick(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?"))),
        ),
        Problem::BrokenAnchor { target, suggestion } => (
            pick(format!("liên kết `{target}` trỏ tới một mục (tiêu đề) không có trong trang đó"),
                 format!("link `{target}` points to a heading that page does not have")),
            Some(match suggestion {
                Some(s) => pick(format!("có phải ý bạn là `#{s}`?"), format!("did you mean `#{s}`?")),
                None => pick("mã mục là tiêu đề viết thường, không dấu, nối bằng `-`: `## Mục tiêu chung` → `#muc-tieu-chung`".into(),
                             "an anchor is the heading folded to lowercase ASCII with `-`: `## Mục tiêu chung` → `#muc-tieu-chung`".into()),
            }),
        ),
        Problem::LinkToUnpublished { target } => (
            pick(format!("liên kết `{target}` trỏ tới bản nháp hoặc bài chưa tới ngày đăng"),
                 format!("link `{target}` points to a draft or a page dated in the future")),
            Some(pick("bỏ liên kết cho tới khi bài được đăng, hoặc xây dựng với `--drafts` để xem trước".into(),
                      "remove the link until that page is published, or build with `--drafts` to preview".into())),
        ),
        Problem::MissingFile { field, value } => (
            pick(format!("trường `{field}`: không tìm thấy tệp `{value}`"),
                 format!("field `{field}`: file `{value}` does not exist")),
            Some(pick("đặt tệp cạnh `index.md` trong cùng thư mục (page bundle) hoặc trong `static/`".into(),
                      "put the file beside `index.md` in the same folder (a page bundle) or in `static/`".into())),
        ),
        Problem::EndBeforeStart => (
            pick("`end` sớm hơn `start`".into(), "`end` is before `start`".into()),
            None,
        ),
        Problem::SymlinkOutside => (
            pick("liên kết tượng trưng trỏ ra ngoài `content/`; đã bỏ qua".into(),
                 "symbolic link leads outside `content/`; skipped".into()),
            None,
        ),
        Problem::Indicator(problem) => problem.describe(lang),
        Problem::Other(message) => (message.clone(), None),
    }
}

/// A list of diagnostics collected over a whole stage.
pub type Diagnostics = Vec<Diagnostic>;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the portal's content or config: the user must fix files.
    #[error("{} problem(s) in the content", .0.iter().filter(|d| !d.warning).count())]
    Content(Diagnostics),
    /// A file could not be read.
    #[error("cannot read `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write `{}`", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A theme or portal template failed to parse or render.
    #[error("template error: {0}")]
    Template(String),
    /// The stylesheet could not be bundled.
    #[error("stylesheet `{}`: {message}", path.display())]
    Css {
        /// The stylesheet.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl Error {
    /// A content error holding a single diagnostic.
    pub fn content(location: Location, problem: Problem) -> Self {
        Error::Content(vec![Diagnostic::error(location, problem)])
    }

    /// A read error for a path.
    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Read { path: path.to_path_buf(), source }
    }

    /// A write error for a path.
    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Write { path: path.to_path_buf(), source }
    }
}

/// Result with the library's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The known name closest to `input`, if it is close enough to be a likely typo.
pub fn nearest<'a>(input: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    known
        .into_iter()
        .map(|k| (edit_distance(&input, k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1) + 1 && *d < k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field_for_a_typo() {
        let known = ["title", "tags", "date", "summary"];
        assert_eq!(nearest("tag", known), Some("tags"));
        assert_eq!(nearest("tilte", known), Some("title"));
        assert_eq!(nearest("xyzzy", known), None);
    }

    #[test]
    fn renders_path_line_and_help() {
        let d = Diagnostic::error(
            Location::line("content/tin-tuc/a.md", 4),
            Problem::BadDate { field: "date".into(), value: "21/04/2024".into(), rewritten: Some("2024-04-21".into()) },
        );
        assert_eq!(
            d.render(Language::En),
            "content/tin-tuc/a.md:4: error: field `date`: `21/04/2024` is not a valid date\n  = help: write dates as year-month-day: `date = 2024-04-21`"
        );
        assert!(d.render(Language::Vi).starts_with("content/tin-tuc/a.md:4: lỗi: trường `date`"));
    }
}
