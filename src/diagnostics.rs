//! Error types and their rendering as `path:line:col: error: message`.
//!
//! Content problems are typed ([`Problem`]) so that the CLI can render them in the portal's
//! language; the library never prints.

use std::path::{Path, PathBuf};

use crate::language::Language;
pub use crate::location::Location;

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
    /// A link written as a site path (`/tin-tuc/a/`) or a relative one that leads to no page
    /// or file the build produces.
    BrokenSiteLink {
        /// The link as written.
        target: String,
        /// A link that would work, if one is close.
        suggestion: Option<String>,
    },
    /// A relative link whose `..` climbs above the site's root.
    LinkLeavesSite {
        /// The link as written.
        target: String,
    },
    /// An external link whose page is gone (404, 410…) or whose host does not exist.
    BrokenExternalLink {
        /// The URL.
        url: String,
        /// What went wrong.
        failure: LinkFailure,
    },
    /// An external link that could not be verified: timeout, refused, rate limit, server error.
    UnverifiedExternalLink {
        /// The URL.
        url: String,
        /// What went wrong.
        failure: LinkFailure,
    },
    /// A link to a domain reserved for examples (`example.org`): a placeholder left in.
    PlaceholderLink {
        /// The URL.
        url: String,
    },
    /// A URL whose scheme could run script or leave the web (`javascript:`, `data:`, `file:`…):
    /// only `https:`, `http:`, `mailto:`, `tel:` and site paths may reach a page.
    UnsafeUrl {
        /// The field (`registration`, `url`, `[[menu]] url`), or `None` for a link in the body.
        field: Option<String>,
        /// The value as written.
        value: String,
        /// Its scheme as a browser reads it, e.g. `javascript`.
        scheme: String,
    },
    /// A markdown heading attribute other than `id` and `class` (`{onfocus=…}`), or an `id` or
    /// class that is not a plain name: it is dropped.
    DroppedAttribute {
        /// The attribute as written, e.g. `onfocus=alert(1)` or `.a"b`.
        attribute: String,
    },
    /// A static or bundle file that can run script in the site's origin (`.html`, or an SVG or
    /// XML file with script in it) while `allow_html = false`.
    ScriptInFile {
        /// The file, e.g. `static/trang.html`.
        name: String,
        /// What was found: `<script`, `onload=`, `javascript:` …, or `html` for an HTML file.
        found: String,
    },
    /// `hoctap new` was given a kind that is neither a kind nor a section folder.
    UnknownKind {
        /// As given.
        value: String,
        /// The portal's section folders.
        folders: Vec<String>,
    },
    /// No section declares the kind `hoctap new` was asked for.
    NoSectionForKind {
        /// The kind, e.g. `plans`.
        kind: String,
        /// The portal's sections: (folder, kind).
        sections: Vec<(String, String)>,
    },
    /// Several sections at the same depth declare the kind `hoctap new` was asked for.
    AmbiguousKind {
        /// The kind.
        kind: String,
        /// Their folders.
        folders: Vec<String>,
    },
    /// A title with no letter or digit that folds to ASCII, so no file name can be made.
    TitleWithoutSlug {
        /// The title.
        title: String,
    },
    /// A file `hoctap new` would write exists already.
    FileExists,
    /// `hoctap init` was pointed at a folder that already holds files.
    FolderNotEmpty,
    /// An archetype produced a page with problems.
    BadArchetype {
        /// The problems, already rendered.
        problems: Vec<String>,
    },
    /// A problem in indicator data or in a reference to an indicator.
    Indicator(crate::indicators::problem::IndicatorProblem),
    /// An output path that is unsafe or claimed twice.
    Output(crate::output::problem::OutputProblem),
    /// A Word file `hoctap import` cannot read.
    Import(crate::import::problem::ImportProblem),
    /// A picture that cannot be shown: empty, HEIC, too large, corrupt.
    Image(crate::images::problem::ImageProblem),
    /// An attachment citizens will struggle with: too large, or an old Office format.
    Attachment(crate::attachments::AttachmentProblem),
    /// A `base_url` (in `hoctap.toml` or from `--base-url`) that is not a plain http(s) URL.
    BadBaseUrl {
        /// As written.
        value: String,
        /// What is wrong with it.
        fault: crate::url_policy::BaseUrlFault,
        /// Whether it came from `--base-url` rather than the file.
        from_flag: bool,
    },
    /// Front matter nested deeper than [`crate::content::front_matter::MAX_DEPTH`] levels.
    NestedTooDeep {
        /// `TOML` or `YAML`.
        format: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A theme's UI strings file (`i18n/vi.toml`) that is not valid TOML.
    StringsSyntax {
        /// The key of the line, when it can be read.
        key: Option<String>,
        /// The parser's own message.
        message: String,
    },
    /// A key of a UI strings file whose value is not text.
    StringNotText {
        /// The key.
        key: String,
    },
    /// The file system refused to read or write a file or folder.
    Io {
        /// Writing (or creating) rather than reading.
        write: bool,
        /// What the system said, by kind.
        reason: IoReason,
    },
    // Publishing: the browser editor (`[cms]`) and the host (`[deploy]`).
    /// A CMS field whose value the loader would refuse: the editor could save a page that
    /// does not build.
    CmsFieldRejected {
        /// The collection (section folder).
        collection: String,
        /// The field.
        field: String,
        /// What the loader says about the field's value.
        refused: Box<Problem>,
    },
    /// `[cms] backend` is `github` or `gitlab` but `repo` is not `owner/name`.
    CmsRepoNeeded {
        /// The backend.
        backend: &'static str,
        /// `repo` as written (empty when absent).
        value: String,
    },
    /// `[cms] media_folder` is not a folder under `static/` with portable names.
    CmsMediaFolder {
        /// As written.
        value: String,
    },
    /// The output breaks a limit of the host named in `[deploy] host` (a warning of `check`).
    HostLimit {
        /// The host.
        host: &'static str,
        /// Which limit.
        limit: HostLimitKind,
        /// The largest files, biggest first, with their sizes in bytes.
        largest: Vec<(String, u64)>,
    },
    /// `serve` was asked for a port below 1024, which needs administrator rights here.
    PortNeedsRights {
        /// The port asked for.
        port: u16,
    },
    /// `serve` was asked to listen on an address this computer does not have.
    AddressNotHere {
        /// The address from `--bind`.
        address: std::net::IpAddr,
    },
    /// `serve` cannot listen for another reason the system gave.
    CannotListen {
        /// `address:port`.
        address: String,
        /// What the system said.
        reason: String,
    },
    /// `serve` cannot watch the portal folder for changes.
    CannotWatch {
        /// What the watcher said.
        reason: String,
    },
    /// A template of the portal (or of a theme on disk) is not valid Tera 2, often because it
    /// was written for Tera 1. The location is the template's line.
    TemplateSyntax {
        /// What Tera said.
        message: String,
    },
    /// `base_url` is still the placeholder `hoctap init` writes.
    PlaceholderBaseUrl {
        /// As written.
        value: String,
    },
    /// `paginate_by` in `hoctap.toml` is 0: a list page must show at least one item.
    PaginateByZero,
    /// The theme named by `theme` in `hoctap.toml` is neither `default` nor a folder of `themes/`.
    ThemeNotFound {
        /// The name as written.
        theme: String,
    },
    /// `hoctap new` found no archetype for the kind, neither in `archetypes/` nor in the theme.
    NoArchetype {
        /// The kind.
        kind: String,
        /// The archetype's file name (`news.md`).
        file: String,
    },
    /// A template (the theme's or the portal's, an archetype, a scaffold file) failed to parse
    /// or render; Tera's message names the template and the place.
    TemplateFailed {
        /// Tera's message.
        message: String,
    },
    /// The theme's stylesheet could not be bundled.
    StylesheetFailed {
        /// What the CSS parser said.
        message: String,
    },
    /// The output folder is not one hoctap may write.
    OutputRefused(crate::output::problem::OutputRefusal),
    // The portal's identity (`[logo]`, the footer's `[contact]`) and news credits.
    /// A news item's `source_url` without the `source` it links to.
    SourceUrlWithoutSource,
    /// `[logo]` without `alt`.
    LogoWithoutAlt,
    /// `[logo] src` is a site path with no file in `static/`.
    LogoNotFound {
        /// As written.
        value: String,
    },
    /// `[logo]` has no `width` and `height` and they cannot be read from the picture.
    LogoSizeUnknown {
        /// As written.
        value: String,
    },
    /// `[contact] phone` holds something other than a phone number.
    BadPhone {
        /// As written.
        value: String,
    },
    /// `[contact] email` is not an e-mail address.
    BadEmail {
        /// As written.
        value: String,
    },
    // Local government after the 2025 reform: province → commune.
    /// `hoctap.toml` still has `district`: districts no longer exist since 1/7/2025 (a warning;
    /// the value is shown where `commune` would be).
    DistrictKey {
        /// The value as written, e.g. `Huyện Tháp Mười`.
        value: String,
        /// Whether `commune` is written too (then `commune` is shown and `district` ignored).
        commune_written: bool,
    },
}

/// Which host limit an output breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostLimitKind {
    /// More files than the host takes.
    Files {
        /// Files in the output.
        count: usize,
        /// The host's limit.
        limit: usize,
    },
    /// Files larger than the host takes (the offenders are the `largest`).
    FileSize {
        /// The host's limit in bytes.
        limit: u64,
    },
    /// A whole site larger than the host takes.
    TotalSize {
        /// Bytes in the output.
        bytes: u64,
        /// The host's limit in bytes.
        limit: u64,
    },
}

/// Why the file system refused, in terms a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoReason {
    /// No such file or folder.
    NotFound,
    /// No permission.
    PermissionDenied,
    /// A file or folder name longer than the file system allows.
    NameTooLong,
    /// The disk is full.
    NoSpace,
    /// The file system is read-only.
    ReadOnly,
    /// A part of the path is a file, not a folder.
    NotADirectory,
    /// The path is a folder, not a file.
    IsADirectory,
    /// The file exists already.
    AlreadyExists,
    /// Anything else: the system's message without its `(os error N)` code.
    Other(String),
}

impl IoReason {
    /// Classifies an I/O error.
    pub fn of(error: &std::io::Error) -> IoReason {
        use std::io::ErrorKind;
        // ENAMETOOLONG on Linux (36) and macOS (63); ERROR_FILENAME_EXCED_RANGE on Windows (206).
        const NAME_TOO_LONG: i32 = if cfg!(windows) {
            206
        } else if cfg!(target_os = "linux") {
            36
        } else {
            63
        };
        if error.raw_os_error() == Some(NAME_TOO_LONG) {
            return IoReason::NameTooLong;
        }
        match error.kind() {
            ErrorKind::NotFound => IoReason::NotFound,
            ErrorKind::PermissionDenied => IoReason::PermissionDenied,
            ErrorKind::StorageFull => IoReason::NoSpace,
            ErrorKind::ReadOnlyFilesystem => IoReason::ReadOnly,
            ErrorKind::NotADirectory => IoReason::NotADirectory,
            ErrorKind::IsADirectory => IoReason::IsADirectory,
            ErrorKind::AlreadyExists => IoReason::AlreadyExists,
            _ => {
                let text = error.to_string();
                let text = match text.find(" (os error") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                IoReason::Other(text)
            }
        }
    }

    fn describe(&self, lang: Language) -> String {
        let pick = |v: &str, e: &str| lang.pick(v, e).to_string();
        match self {
            IoReason::NotFound => pick("không có tệp hay thư mục này", "no such file or folder"),
            IoReason::PermissionDenied => pick("không có quyền", "permission denied"),
            IoReason::NameTooLong => pick("tên tệp hoặc thư mục quá dài", "the file or folder name is too long"),
            IoReason::NoSpace => pick("ổ đĩa đã đầy", "the disk is full"),
            IoReason::ReadOnly => pick("ổ đĩa chỉ cho đọc", "the disk is read-only"),
            IoReason::NotADirectory => {
                pick("một phần của đường dẫn là tệp, không phải thư mục", "a part of the path is a file, not a folder")
            }
            IoReason::IsADirectory => pick("đây là một thư mục, không phải tệp", "it is a folder, not a file"),
            IoReason::AlreadyExists => {
                pick("đã có tệp hay thư mục mang tên này", "a file or folder of this name exists already")
            }
            IoReason::Other(text) if lang == Language::Vi => format!("lỗi hệ thống: {text}"),
            IoReason::Other(text) => text.clone(),
        }
    }
}

/// Why fetching an external link failed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkFailure {
    /// The server answered with this HTTP status.
    Status(u16),
    /// No answer within the time limit.
    Timeout {
        /// The limit.
        seconds: u64,
    },
    /// The host name does not resolve.
    HostNotFound,
    /// Redirects went on too long.
    TooManyRedirects,
    /// The URL is not a valid address.
    InvalidUrl(String),
    /// Connecting or talking to the server failed.
    Connection(String),
}

impl LinkFailure {
    /// Whether the link is surely broken (rather than perhaps only unreachable right now).
    pub fn is_definite(&self) -> bool {
        match self {
            LinkFailure::Status(code) => (400..500).contains(code) && ![401, 403, 408, 429].contains(code),
            LinkFailure::HostNotFound | LinkFailure::TooManyRedirects | LinkFailure::InvalidUrl(_) => true,
            LinkFailure::Timeout { .. } | LinkFailure::Connection(_) => false,
        }
    }

    fn describe(&self, lang: Language) -> String {
        let vi = lang == Language::Vi;
        match self {
            LinkFailure::Status(code) => {
                let name = match (code, vi) {
                    (401, true) => " (cần đăng nhập)",
                    (401, false) => " (login required)",
                    (403, true) => " (từ chối truy cập)",
                    (403, false) => " (forbidden)",
                    (404, true) => " (không tìm thấy)",
                    (404, false) => " (not found)",
                    (410, true) => " (đã bị gỡ bỏ)",
                    (410, false) => " (gone)",
                    (429, true) => " (quá nhiều yêu cầu)",
                    (429, false) => " (too many requests)",
                    (500..=599, true) => " (lỗi máy chủ)",
                    (500..=599, false) => " (server error)",
                    _ => "",
                };
                let lead = if vi { "máy chủ trả lời" } else { "the server answered" };
                format!("{lead} HTTP {code}{name}")
            }
            LinkFailure::Timeout { seconds } if vi => format!("không có trả lời sau {seconds} giây"),
            LinkFailure::Timeout { seconds } => format!("no answer within {seconds} s"),
            LinkFailure::HostNotFound if vi => "không tìm thấy tên miền".into(),
            LinkFailure::HostNotFound => "host not found".into(),
            LinkFailure::TooManyRedirects if vi => "chuyển hướng quá nhiều lần".into(),
            LinkFailure::TooManyRedirects => "too many redirects".into(),
            LinkFailure::InvalidUrl(why) if vi => format!("địa chỉ không hợp lệ ({why})"),
            LinkFailure::InvalidUrl(why) => format!("not a valid address ({why})"),
            LinkFailure::Connection(why) if vi => format!("không kết nối được: {why}"),
            LinkFailure::Connection(why) => format!("cannot connect: {why}"),
        }
    }
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

    /// The message and the help text, if any, in `lang`.
    pub fn message(&self, lang: Language) -> (String, Option<String>) {
        describe(&self.problem, lang)
    }

    /// The diagnostic as one object of `check --format json` (message and help in `lang`).
    pub fn to_json(&self, lang: Language) -> JsonDiagnostic {
        let (message, help) = self.message(lang);
        let file: Vec<_> = self.location.path.components().map(|c| c.as_os_str().to_string_lossy()).collect();
        JsonDiagnostic {
            file: file.join("/"),
            line: self.location.line,
            column: self.location.column,
            level: if self.warning { "warning" } else { "error" },
            code: self.problem.code(),
            message,
            help,
        }
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

/// A diagnostic as `check --format json` prints it; fields in this order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JsonDiagnostic {
    /// The file, relative to the portal root, with `/` separators.
    pub file: String,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// 1-based column, if known.
    pub column: Option<usize>,
    /// `error` or `warning`.
    pub level: &'static str,
    /// A stable machine name such as `broken-link`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if there is advice.
    pub help: Option<String>,
}

/// Where template authors read what changed from Tera 1 to Tera 2.
pub const TEMPLATE_MIGRATION_NOTE: &str = "docs/templates.md (hoctap)";

/// The message and optional help text for a problem.
fn describe(problem: &Problem, lang: Language) -> (String, Option<String>) {
    let pick = |v: String, e: String| lang.pick(v, e);
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
        Problem::BrokenSiteLink { target, suggestion } => (
            pick(format!("liên kết `{target}` không dẫn tới trang hay tệp nào của cổng thông tin"),
                 format!("link `{target}` leads to no page or file of the site")),
            Some(match suggestion {
                Some(s) => pick(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?")),
                None if names_a_file(target) => pick(
                    "đặt tệp cạnh `index.md` của trang (page bundle) hoặc trong `static/`; đường dẫn tương đối tính từ thư mục của trang".into(),
                    "put the file beside the page's `index.md` (a page bundle) or in `static/`; a relative path starts from the page's folder".into()),
                None => pick("liên kết tới một trang bằng tệp của nó để luôn được kiểm tra: `@/tin-tuc/bai-viet.md`".into(),
                             "link to a page by its file so it is always checked: `@/tin-tuc/bai-viet.md`".into()),
            }),
        ),
        Problem::LinkLeavesSite { target } => (
            pick(format!("liên kết `{target}` dùng `..` vượt ra ngoài gốc của trang"),
                 format!("link `{target}` climbs above the site's root with `..`")),
            Some(pick("bớt `../`, hoặc viết đường dẫn từ gốc, ví dụ `/tin-tuc/`".into(),
                      "use fewer `../`, or write the path from the root, e.g. `/tin-tuc/`".into())),
        ),
        Problem::BrokenExternalLink { url, failure } => (
            pick(format!("liên kết ngoài `{url}` bị hỏng: {}", failure.describe(lang)),
                 format!("external link `{url}` is broken: {}", failure.describe(lang))),
            Some(pick("sửa hoặc bỏ liên kết; nếu trang đã chuyển chỗ, dùng địa chỉ mới".into(),
                      "fix or remove the link; if the page moved, use its new address".into())),
        ),
        Problem::UnverifiedExternalLink { url, failure } => (
            pick(format!("không kiểm tra được liên kết ngoài `{url}`: {}", failure.describe(lang)),
                 format!("could not verify external link `{url}`: {}", failure.describe(lang))),
            Some(pick("mở thử bằng trình duyệt: máy chủ có thể tạm thời lỗi hoặc chặn kiểm tra tự động".into(),
                      "open it in a browser: the server may be down for a while or refuse automated checks".into())),
        ),
        Problem::PlaceholderLink { url } => (
            pick(format!("`{url}` là địa chỉ mẫu (tên miền dành cho ví dụ), chưa phải liên kết thật"),
                 format!("`{url}` is a placeholder (a domain reserved for examples), not a real link")),
            Some(pick("thay bằng địa chỉ thật trước khi xuất bản".into(),
                      "replace it with the real address before publishing".into())),
        ),
        Problem::UnsafeUrl { field, value, scheme } => {
            let value = value.escape_debug();
            (
                match field {
                    Some(field) => pick(
                        format!("trường `{field}`: địa chỉ `{value}` dùng giao thức `{scheme}:`, không được phép đưa lên trang"),
                        format!("field `{field}`: URL `{value}` uses the `{scheme}:` scheme, which may not reach a page"),
                    ),
                    None => pick(
                        format!("liên kết `{value}` dùng giao thức `{scheme}:`, không được phép đưa lên trang"),
                        format!("link `{value}` uses the `{scheme}:` scheme, which may not reach a page"),
                    ),
                },
                Some(pick(
                    "chỉ dùng địa chỉ bắt đầu bằng `https://`, `http://`, `mailto:`, `tel:`, hoặc đường dẫn trong cổng như `/tin-tuc/` hay `tep.pdf`".into(),
                    "use an address starting with `https://`, `http://`, `mailto:`, `tel:`, or a site path such as `/tin-tuc/` or `file.pdf`".into(),
                )),
            )
        }
        Problem::DroppedAttribute { attribute } => (
            pick(format!("thuộc tính tiêu đề `{attribute}` bị bỏ qua"),
                 format!("heading attribute `{attribute}` is dropped")),
            Some(pick("tiêu đề chỉ nhận mã mục và lớp dạng chữ, số, `-`, `_`: `## Mục tiêu {#muc-tieu .noi-bat}`".into(),
                      "headings take only an id and classes made of letters, digits, `-` and `_`: `## Goals {#goals .key}`".into())),
        ),
        Problem::ScriptInFile { name, found } => (
            if found == "html" {
                pick(format!("tệp HTML `{name}` có thể chạy mã script trên tên miền của cổng; không xuất bản khi `allow_html = false`"),
                     format!("HTML file `{name}` can run script on the portal's domain; not published while `allow_html = false`"))
            } else {
                pick(format!("tệp `{name}` có thể chạy mã script trên tên miền của cổng (có `{found}`); không xuất bản khi `allow_html = false`"),
                     format!("file `{name}` can run script on the portal's domain (it holds `{found}`); not published while `allow_html = false`"))
            },
            Some(pick("chuyển thành ảnh PNG hoặc tệp PDF, hoặc bỏ phần script khỏi tệp; nếu tin tưởng tệp này, đặt `allow_html = true` trong `hoctap.toml`".into(),
                      "convert it to a PNG picture or a PDF, or remove the script from it; if you trust the file, set `allow_html = true` in `hoctap.toml`".into())),
        ),
        Problem::UnknownKind { value, folders } => (
            pick(format!("không có loại trang hay chuyên mục `{value}`"), format!("`{value}` is neither a kind nor a section")),
            Some(pick(
                format!("dùng một loại: news, plan, role-model, resource, event, page{}", listed(", hoặc một thư mục: ", folders)),
                format!("use a kind: news, plan, role-model, resource, event, page{}", listed(", or a folder: ", folders)),
            )),
        ),
        Problem::NoSectionForKind { kind, sections } => {
            let list: Vec<String> = sections.iter().map(|(dir, kind)| format!("{dir} ({kind})")).collect();
            (
                pick(format!("không chuyên mục nào có `kind = \"{kind}\"`"), format!("no section has `kind = \"{kind}\"`")),
                Some(pick(
                    format!("thêm `kind = \"{kind}\"` vào `_index.md` của một chuyên mục{}", listed("; các chuyên mục: ", &list)),
                    format!("add `kind = \"{kind}\"` to a section's `_index.md`{}", listed("; the sections: ", &list)),
                )),
            )
        }
        Problem::AmbiguousKind { kind, folders } => (
            pick(format!("nhiều chuyên mục có `kind = \"{kind}\"`: {}", folders.join(", ")),
                 format!("several sections have `kind = \"{kind}\"`: {}", folders.join(", "))),
            Some(pick(format!("ghi tên thư mục thay cho loại, ví dụ `hoctap new {} \"Tiêu đề\"`", folders[0]),
                      format!("name the folder instead of the kind, e.g. `hoctap new {} \"Title\"`", folders[0]))),
        ),
        Problem::TitleWithoutSlug { title } => (
            pick(format!("không tạo được tên tệp từ tiêu đề `{title}`"), format!("no file name can be made from the title `{title}`")),
            Some(pick("tiêu đề cần có chữ cái hoặc chữ số tiếng Việt hay tiếng Anh".into(),
                      "the title needs Vietnamese or English letters or digits".into())),
        ),
        Problem::FileExists => (
            pick("tệp đã có, không ghi đè".into(), "the file exists already; not overwritten".into()),
            Some(pick("mở tệp đó để sửa, hoặc chọn một tiêu đề khác".into(),
                      "edit that file, or choose another title".into())),
        ),
        Problem::FolderNotEmpty => (
            pick("thư mục đã có tệp, không tạo cổng thông tin vào đây".into(),
                 "the folder already holds files; no portal is created in it".into()),
            Some(pick("chọn một thư mục mới hoặc thư mục trống: `hoctap init ten-thu-muc`".into(),
                      "choose a new or empty folder: `hoctap init folder-name`".into())),
        ),
        Problem::BadArchetype { problems } => (
            pick(format!("mẫu (archetype) tạo ra trang có lỗi:\n{}", problems.join("\n")),
                 format!("the archetype makes a page with problems:\n{}", problems.join("\n"))),
            Some(pick("sửa tệp mẫu; `{{ title }}` đã được thoát để đặt trong ngoặc kép".into(),
                      "fix the archetype; `{{ title }}` is escaped to go inside double quotes".into())),
        ),
        Problem::Indicator(problem) => problem.describe(lang),
        Problem::Output(problem) => problem.describe(lang),
        Problem::Import(problem) => problem.describe(lang),
        Problem::Image(problem) => problem.describe(lang),
        Problem::Attachment(problem) => problem.describe(lang),
        Problem::BadBaseUrl { value, fault, from_flag } => {
            use crate::url_policy::BaseUrlFault as F;
            let name = if *from_flag { "--base-url" } else { "base_url" };
            let value: String = value.escape_debug().collect();
            let why = match fault {
                F::Scheme => pick("phải bắt đầu bằng `https://` (hoặc `http://`)".into(),
                                  "it must start with `https://` (or `http://`)".into()),
                F::Whitespace => pick("có khoảng trắng".into(), "it holds a space".into()),
                F::Control => pick("có ký tự điều khiển hoặc xuống dòng".into(),
                                   "it holds a control character or a line break".into()),
                F::Character(c) => pick(format!("có ký tự `{c}`, địa chỉ web không chứa được"),
                                        format!("it holds `{c}`, which a web address cannot hold")),
                F::NonAscii(c) => pick(format!("có ký tự `{c}`; tên miền tiếng Việt phải viết dạng `xn--…`, đường dẫn dạng `%..`"),
                                       format!("it holds `{c}`; write an international domain as `xn--…` and a path with `%..`")),
                F::UserInfo => pick("có tên đăng nhập hoặc mật khẩu (`…@`) trước tên miền".into(),
                                    "it has a user name or password (`…@`) before the host".into()),
                F::Host => pick("thiếu tên miền hoặc tên miền không hợp lệ".into(), "the host name is missing or invalid".into()),
                F::Port => pick("cổng (sau dấu `:`) phải là số từ 1 đến 65535".into(),
                                "the port (after `:`) must be a number from 1 to 65535".into()),
                F::QueryOrFragment => pick("có `?` hoặc `#`".into(), "it has a `?` or `#` part".into()),
                F::Percent => pick("có `%` không theo sau bởi hai chữ số hex".into(),
                                   "it has a `%` not followed by two hex digits".into()),
            };
            let example = if *from_flag {
                "`--base-url https://xhht.example.vn`".to_string()
            } else {
                "`base_url = \"https://xhht.example.vn\"`".to_string()
            };
            (
                pick(format!("`{name}` `{value}` không phải địa chỉ web hợp lệ: {why}"),
                     format!("`{name}` `{value}` is not a valid web address: {why}")),
                Some(pick(format!("viết địa chỉ gốc của cổng thông tin, chỉ gồm giao thức, tên miền và đường dẫn, ví dụ {example} hoặc `https://ten.github.io/cong`"),
                          format!("write the portal's address: scheme, host and path only, e.g. {example} or `https://name.github.io/portal`"))),
            )
        }
        Problem::NestedTooDeep { format, limit } => (
            pick(format!("phần đầu {format} lồng nhau quá {limit} tầng"),
                 format!("{format} front matter is nested more than {limit} levels deep")),
            Some(pick("phần đầu chỉ cần vài tầng, ví dụ `tags = [\"a\", \"b\"]`; kiểm tra các dấu `[` `{` thừa hoặc chưa đóng".into(),
                      "front matter needs a few levels at most, e.g. `tags = [\"a\", \"b\"]`; look for stray or unclosed `[` `{`".into())),
        ),
        Problem::StringsSyntax { key, message } => {
            let (key_vi, key_en) = match key {
                Some(key) => (format!(", khóa `{key}`"), format!(", key `{key}`")),
                None => (String::new(), String::new()),
            };
            (
                pick(format!("tệp chuỗi giao diện (i18n) không đọc được{key_vi}: {message}"),
                     format!("the UI strings file (i18n) cannot be read{key_en}: {message}")),
                Some(pick("mỗi dòng là `khóa = \"văn bản\"`, ví dụ `home = \"Trang chủ\"`".into(),
                          "write one `key = \"text\"` per line, e.g. `home = \"Home\"`".into())),
            )
        }
        Problem::StringNotText { key } => (
            pick(format!("khóa `{key}` của chuỗi giao diện (i18n) phải là văn bản"),
                 format!("UI strings key `{key}` (i18n) must be text")),
            Some(pick(format!("đặt văn bản trong ngoặc kép: `{key} = \"…\"`"),
                      format!("put the text in quotes: `{key} = \"…\"`"))),
        ),
        Problem::Io { write, reason } => {
            let help = match reason {
                IoReason::NameTooLong => Some(pick("dùng một tên hoặc tiêu đề ngắn hơn, hoặc một thư mục gần gốc ổ đĩa hơn".into(),
                                                   "use a shorter name or title, or a folder nearer the top of the disk".into())),
                IoReason::PermissionDenied => Some(pick("chọn một thư mục bạn được phép ghi".into(),
                                                        "choose a folder you are allowed to write to".into())),
                _ => None,
            };
            let message = match write {
                true => pick(format!("không ghi được: {}", reason.describe(lang)), format!("cannot write: {}", reason.describe(lang))),
                false => pick(format!("không đọc được: {}", reason.describe(lang)), format!("cannot read: {}", reason.describe(lang))),
            };
            (message, help)
        }
        Problem::CmsFieldRejected { collection, field, refused } => {
            let (why, _) = describe(refused, lang);
            (
                pick(format!("trình soạn thảo (`[cms]`), mục `{collection}`: trường `{field}` sẽ ghi giá trị mà hoctap không nhận: {why}"),
                     format!("editor (`[cms]`), collection `{collection}`: field `{field}` would write a value hoctap refuses: {why}")),
                Some(pick("đây là lỗi của hoctap, không phải của nội dung: xin báo lỗi kèm thông báo này".into(),
                          "this is a bug in hoctap, not in the content: please report it with this message".into())),
            )
        }
        Problem::CmsRepoNeeded { backend, value } => (
            match value.is_empty() {
                true => pick(format!("`[cms] backend = \"{backend}\"` cần `repo`"),
                             format!("`[cms] backend = \"{backend}\"` needs `repo`")),
                false => pick(format!("`[cms] repo` `{value}` không phải dạng `chủ/kho`"),
                              format!("`[cms] repo` `{value}` is not `owner/name`")),
            },
            Some(pick("ghi kho chứa cổng thông tin, ví dụ `repo = \"ubnd-my-hoa/cong-xhht\"`".into(),
                      "name the portal's repository, e.g. `repo = \"my-office/portal\"`".into())),
        ),
        Problem::CmsMediaFolder { value } => (
            pick(format!("`[cms] media_folder` `{value}` phải là một thư mục trong `static/`"),
                 format!("`[cms] media_folder` `{value}` must be a folder inside `static/`")),
            Some(pick("ví dụ `media_folder = \"static/media\"`; tên thư mục không dấu, không khoảng trắng".into(),
                      "e.g. `media_folder = \"static/media\"`, with plain folder names".into())),
        ),
        Problem::HostLimit { host, limit, largest } => {
            let files: Vec<String> = largest.iter().map(|(path, bytes)| format!("{path} ({})", megabytes(*bytes))).collect();
            let files = files.join(", ");
            let (message_vi, message_en) = match limit {
                HostLimitKind::Files { count, limit } => (
                    format!("trang có {count} tệp, `{host}` chỉ nhận tối đa {limit}"),
                    format!("the site has {count} files; `{host}` takes at most {limit}"),
                ),
                HostLimitKind::FileSize { limit } => (
                    format!("có tệp lớn hơn {} mà `{host}` nhận: {files}", megabytes(*limit)),
                    format!("files larger than the {} `{host}` takes: {files}", megabytes(*limit)),
                ),
                HostLimitKind::TotalSize { bytes, limit } => (
                    format!("trang nặng {}, `{host}` chỉ nhận tối đa {}", megabytes(*bytes), megabytes(*limit)),
                    format!("the site is {}; `{host}` takes at most {}", megabytes(*bytes), megabytes(*limit)),
                ),
            };
            let help_vi = format!("tệp lớn nhất: {files}; đưa tệp lớn (video, PDF) lên nơi lưu trữ khác và dẫn đường dẫn, hoặc chọn nơi xuất bản khác");
            let help_en = format!("largest files: {files}; host large files (videos, PDFs) elsewhere and link them, or choose another host");
            (pick(message_vi, message_en), Some(pick(help_vi, help_en)))
        }
        Problem::PortNeedsRights { port } => (
            pick(format!("cổng {port} cần quyền quản trị trên máy này (các cổng dưới 1024 được hệ thống giữ riêng)"),
                 format!("port {port} needs administrator rights on this computer (ports below 1024 are reserved)")),
            Some(pick("dùng một cổng từ 1024 trở lên, ví dụ `--port 1111`, hoặc bỏ `--port`".into(),
                      "use a port from 1024 up, e.g. `--port 1111`, or leave `--port` out".into())),
        ),
        Problem::AddressNotHere { address } => (
            pick(format!("máy này không có địa chỉ {address} để lắng nghe"),
                 format!("this computer has no address {address} to listen on")),
            Some(pick("dùng `--bind 127.0.0.1` (chỉ máy này) hoặc `--bind 0.0.0.0` (mọi mạng của máy này)".into(),
                      "use `--bind 127.0.0.1` (this computer only) or `--bind 0.0.0.0` (every network of this computer)".into())),
        ),
        Problem::CannotListen { address, reason } => (
            pick(format!("không lắng nghe được tại {address}: {reason}"),
                 format!("cannot listen at {address}: {reason}")),
            Some(pick("thử một cổng khác với `--port`, hoặc `--port 0` để hệ thống chọn".into(),
                      "try another port with `--port`, or `--port 0` to let the system pick one".into())),
        ),
        Problem::CannotWatch { reason } => (
            pick(format!("không theo dõi được thay đổi của thư mục: {reason}"),
                 format!("cannot watch the folder for changes: {reason}")),
            Some(pick("thêm `--poll` để kiểm tra thay đổi mỗi giây thay vì chờ hệ thống báo".into(),
                      "add `--poll` to look for changes every second instead of waiting for the system".into())),
        ),
        Problem::TemplateSyntax { message } => (
            pick(format!("mẫu giao diện không đúng cú pháp Tera 2: {message}"),
                 format!("this template is not valid Tera 2: {message}")),
            Some(pick(format!("hoctap dùng Tera 2; mẫu viết cho Tera 1 cần sửa vài chỗ (macro thành component, `x.0` thành `x[0]`, …): xem {TEMPLATE_MIGRATION_NOTE}"),
                      format!("hoctap uses Tera 2; a template written for Tera 1 needs a few changes (macros become components, `x.0` becomes `x[0]`, …): see {TEMPLATE_MIGRATION_NOTE}"))),
        ),
        Problem::PlaceholderBaseUrl { value } => (
            pick(format!("`base_url` vẫn là địa chỉ mẫu `{value}` do `hoctap init` ghi: liên kết chia sẻ, nguồn tin và sơ đồ trang sẽ trỏ sai"),
                 format!("`base_url` is still the placeholder `{value}` that `hoctap init` writes: shared links, feeds and the sitemap will point to it")),
            Some(pick("ghi địa chỉ thật của cổng thông tin, ví dụ `base_url = \"https://xhht.tenxa.gov.vn\"`".into(),
                      "write the portal's real address, e.g. `base_url = \"https://xhht.commune.gov.vn\"`".into())),
        ),
        Problem::PaginateByZero => (
            pick("`paginate_by` phải từ 1 trở lên".into(), "`paginate_by` must be at least 1".into()),
            Some(pick("ghi số mục mỗi trang danh sách, ví dụ `paginate_by = 10`".into(),
                      "write how many items a list page shows, e.g. `paginate_by = 10`".into())),
        ),
        Problem::ThemeNotFound { theme } => (
            pick(format!("không có giao diện (theme) `{theme}` trong thư mục `themes/`"),
                 format!("theme `{theme}` is not in the `themes/` folder")),
            Some(pick(format!("đặt giao diện vào `themes/{theme}/`, hoặc xóa dòng `theme` để dùng giao diện mặc định"),
                      format!("put the theme in `themes/{theme}/`, or remove the `theme` line to use the default theme"))),
        ),
        Problem::NoArchetype { kind, file } => (
            pick(format!("không có mẫu bài (archetype) cho loại `{kind}`"), format!("no archetype for the kind `{kind}`")),
            Some(pick(format!("viết tệp mẫu `archetypes/{file}`"), format!("write the archetype `archetypes/{file}`"))),
        ),
        Problem::TemplateFailed { message } => (
            pick(format!("lỗi mẫu trang (template): {message}"), format!("template error: {message}")),
            Some(pick("sửa mẫu trang được nêu trong thông báo, tại chỗ được chỉ ra".into(),
                      "fix the template the message names, at the place it shows".into())),
        ),
        Problem::StylesheetFailed { message } => (
            pick(format!("không gộp được tệp CSS: {message}"), format!("cannot bundle the stylesheet: {message}")),
            Some(pick("sửa CSS tại chỗ được nêu".into(), "fix the CSS at the place named".into())),
        ),
        Problem::OutputRefused(refusal) => {
            let (message, help) = refusal.describe(lang);
            (message, Some(help))
        }
        Problem::SourceUrlWithoutSource => (
            pick("có `source_url` nhưng thiếu `source` (tên nguồn tin)".into(),
                 "`source_url` is set but `source` (the publication's name) is missing".into()),
            Some(pick("thêm `source = \"Báo Đồng Tháp\"` (tên báo, trang tin đăng bài gốc)".into(),
                      "add `source = \"Dong Thap newspaper\"` (the publication of the original)".into())),
        ),
        Problem::LogoWithoutAlt => (
            pick("`[logo]` thiếu `alt` (mô tả biểu trưng)".into(), "`[logo]` has no `alt` (a description of the emblem)".into()),
            Some(pick("thêm `alt = \"Biểu trưng Ban Chỉ đạo …\"` để người khiếm thị biết ảnh là gì".into(),
                      "add `alt = \"Emblem of …\"` so blind readers know what the picture is".into())),
        ),
        Problem::LogoNotFound { value } => (
            pick(format!("`[logo] src`: không có tệp `static{value}`"), format!("`[logo] src`: there is no file `static{value}`")),
            Some(pick("đặt ảnh biểu trưng vào thư mục `static/` và ghi đường dẫn từ đó, ví dụ `src = \"/bieu-trung.svg\"`".into(),
                      "put the emblem in the `static/` folder and write its path from there, e.g. `src = \"/emblem.svg\"`".into())),
        ),
        Problem::LogoSizeUnknown { value } => (
            pick(format!("`[logo]`: không đọc được kích thước của `{value}`"),
                 format!("`[logo]`: the size of `{value}` cannot be read")),
            Some(pick("ghi kích thước hiển thị, tính bằng điểm ảnh: `width = 48` và `height = 48`".into(),
                      "write the size to show it at, in pixels: `width = 48` and `height = 48`".into())),
        ),
        Problem::BadPhone { value } => (
            pick(format!("`[contact] phone`: `{value}` không phải số điện thoại"),
                 format!("`[contact] phone`: `{value}` is not a phone number")),
            Some(pick("chỉ dùng chữ số, dấu cách, dấu chấm, gạch ngang và dấu + ở đầu, ví dụ `phone = \"0277 3851 234\"`".into(),
                      "use only digits, spaces, dots, dashes and a leading +, e.g. `phone = \"+84 277 3851 234\"`".into())),
        ),
        Problem::BadEmail { value } => (
            pick(format!("`[contact] email`: `{value}` không phải địa chỉ thư điện tử"),
                 format!("`[contact] email`: `{value}` is not an e-mail address")),
            Some(pick("viết dạng `ten@coquan.gov.vn`, không có dấu cách".into(),
                      "write it as `name@agency.gov.vn`, without spaces".into())),
        ),
        Problem::DistrictKey { value, commune_written } => (
            if *commune_written {
                pick(format!("`district`: từ ngày 01/07/2025 không còn cấp huyện; \"{value}\" bị bỏ qua vì đã có `commune`"),
                     format!("`district`: districts no longer exist since 1 July 2025; \"{value}\" is ignored since `commune` is written"))
            } else {
                pick(format!("`district`: từ ngày 01/07/2025 không còn cấp huyện; \"{value}\" tạm được hiển thị ở chỗ của `commune`"),
                     format!("`district`: districts no longer exist since 1 July 2025; \"{value}\" is shown where `commune` would be for now"))
            },
            Some(pick("cổng của xã, phường hoặc đặc khu: thay dòng này bằng `commune = \"Xã …\"`; cổng của tỉnh: xóa dòng này, chỉ giữ `province = \"Tỉnh …\"`".into(),
                      "for a commune's, ward's or special zone's portal, replace this line by `commune = \"Xã …\"`; for a province's portal, delete it and keep only `province = \"Tỉnh …\"`".into())),
        ),
    }
}

/// `25.0 MiB`.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// `lead` and the items joined by commas, or nothing for no items.
fn listed(lead: &str, items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!("{lead}{}", items.join(", "))
    }
}

/// Whether a link names a file (`anh.jpg`) rather than a page (`/tin-tuc/bai/`).
fn names_a_file(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or("");
    path.rsplit('/').next().is_some_and(|last| last.contains('.') && last != "." && last != "..")
}

impl Problem {
    /// A stable machine name for the problem, e.g. `broken-link` (the `code` of `--format json`).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotUtf8 => "not-utf8",
            Problem::UnclosedFrontMatter { .. } => "unclosed-front-matter",
            Problem::MissingFrontMatter => "missing-front-matter",
            Problem::Syntax { .. } => "syntax",
            Problem::MissingConfig => "missing-config",
            Problem::UnknownConfigKey { .. } => "unknown-config-key",
            Problem::UnknownField { .. } => "unknown-field",
            Problem::WrongType { .. } => "wrong-type",
            Problem::MissingField { .. } => "missing-field",
            Problem::BadDate { .. } => "bad-date",
            Problem::NotOneOf { .. } => "not-one-of",
            Problem::ImageWithoutAlt => "image-without-alt",
            Problem::ResourceWithoutLink => "resource-without-link",
            Problem::BadSlug { .. } => "bad-slug",
            Problem::PathEscapes { .. } => "path-escapes",
            Problem::UnsafeFileName { .. } => "unsafe-file-name",
            Problem::DuplicateUrl { .. } => "duplicate-url",
            Problem::BrokenLink { .. } | Problem::BrokenSiteLink { .. } => "broken-link",
            Problem::BrokenAnchor { .. } => "broken-anchor",
            Problem::LinkToUnpublished { .. } => "link-to-unpublished",
            Problem::MissingFile { .. } => "missing-file",
            Problem::EndBeforeStart => "end-before-start",
            Problem::SymlinkOutside => "symlink-outside",
            Problem::LinkLeavesSite { .. } => "link-leaves-site",
            Problem::BrokenExternalLink { .. } => "broken-external-link",
            Problem::UnverifiedExternalLink { .. } => "unverified-external-link",
            Problem::PlaceholderLink { .. } => "placeholder-link",
            Problem::UnsafeUrl { .. } => "unsafe-url",
            Problem::DroppedAttribute { .. } => "dropped-attribute",
            Problem::ScriptInFile { .. } => "script-in-file",
            Problem::Indicator(p) => p.code(),
            Problem::Output(p) => p.code(),
            Problem::Import(p) => p.code(),
            Problem::Image(p) => p.code(),
            Problem::Attachment(p) => p.code(),
            Problem::BadBaseUrl { .. } => "bad-base-url",
            Problem::NestedTooDeep { .. } => "nested-too-deep",
            Problem::UnknownKind { .. } => "unknown-kind",
            Problem::NoSectionForKind { .. } => "no-section-for-kind",
            Problem::AmbiguousKind { .. } => "ambiguous-kind",
            Problem::TitleWithoutSlug { .. } => "title-without-slug",
            Problem::FileExists => "file-exists",
            Problem::FolderNotEmpty => "folder-not-empty",
            Problem::BadArchetype { .. } => "bad-archetype",
            Problem::StringsSyntax { .. } => "strings-syntax",
            Problem::StringNotText { .. } => "string-not-text",
            Problem::Io { .. } => "io",
            Problem::CmsFieldRejected { .. } => "cms-field-rejected",
            Problem::CmsRepoNeeded { .. } => "cms-repo-needed",
            Problem::CmsMediaFolder { .. } => "cms-media-folder",
            Problem::HostLimit { .. } => "host-limit",
            Problem::PortNeedsRights { .. } => "port-needs-rights",
            Problem::AddressNotHere { .. } => "address-not-here",
            Problem::CannotListen { .. } => "cannot-listen",
            Problem::CannotWatch { .. } => "cannot-watch",
            Problem::TemplateSyntax { .. } => "template-syntax",
            Problem::PlaceholderBaseUrl { .. } => "placeholder-base-url",
            Problem::PaginateByZero => "paginate-by-zero",
            Problem::ThemeNotFound { .. } => "theme-not-found",
            Problem::NoArchetype { .. } => "no-archetype",
            Problem::TemplateFailed { .. } => "template-failed",
            Problem::StylesheetFailed { .. } => "stylesheet-failed",
            Problem::OutputRefused(_) => "output-refused",
            Problem::SourceUrlWithoutSource => "source-url-without-source",
            Problem::LogoWithoutAlt => "logo-without-alt",
            Problem::LogoNotFound { .. } => "logo-not-found",
            Problem::LogoSizeUnknown { .. } => "logo-size-unknown",
            Problem::BadPhone { .. } => "bad-phone",
            Problem::BadEmail { .. } => "bad-email",
            Problem::DistrictKey { .. } => "district-key",
        }
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
    /// The output folder is not one hoctap may write (a usage problem: nothing was touched).
    #[error("{0}")]
    Output(crate::output::problem::OutputRefusal),
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

    /// The error as diagnostics a person can read in either language: a content error's own,
    /// or one naming the file a read or write failed on and why; `None` for other errors.
    pub fn diagnostics(&self) -> Option<Diagnostics> {
        let io = |path: &Path, write: bool, source: &std::io::Error| {
            let problem = Problem::Io { write, reason: IoReason::of(source) };
            vec![Diagnostic::error(Location::file(path), problem)]
        };
        match self {
            Error::Content(diagnostics) => Some(diagnostics.clone()),
            Error::Read { path, source } => Some(io(path, false, source)),
            Error::Write { path, source } => Some(io(path, true, source)),
            Error::Template(_) | Error::Css { .. } | Error::Output(_) => None,
        }
    }

    /// The error as diagnostics, whatever it is, for the places that show every failure as a
    /// list of problems (`serve`'s page, `check`): [`Error::diagnostics`], else a template
    /// failure at `templates`, a stylesheet failure at the stylesheet, or the refused output
    /// folder at the folder.
    pub fn to_diagnostics(&self) -> Diagnostics {
        let (location, problem) = match self {
            Error::Template(message) => {
                (Location::file("templates"), Problem::TemplateFailed { message: message.clone() })
            }
            Error::Css { path, message } => {
                (Location::file(path), Problem::StylesheetFailed { message: message.clone() })
            }
            Error::Output(refusal) => (Location::file(&refusal.dir), Problem::OutputRefused(refusal.clone())),
            Error::Content(_) | Error::Read { .. } | Error::Write { .. } => {
                return self.diagnostics().unwrap_or_default();
            }
        };
        vec![Diagnostic::error(location, problem)]
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
    fn renders_json_with_a_stable_code_and_the_column() {
        let mut location = Location::line("content/tin-tuc/a.md", 9);
        location.column = Some(5);
        let problem = Problem::BrokenSiteLink { target: "/tin-tu/".into(), suggestion: Some("/tin-tuc/".into()) };
        let json = Diagnostic::error(location, problem).to_json(Language::En);
        assert_eq!(json.file, "content/tin-tuc/a.md");
        assert_eq!((json.line, json.column), (Some(9), Some(5)));
        assert_eq!((json.level, json.code), ("error", "broken-link"));
        assert_eq!(json.help.as_deref(), Some("did you mean `/tin-tuc/`?"));
        let text = serde_json::to_string(&json).unwrap();
        assert!(text.starts_with("{\"file\":\"content/tin-tuc/a.md\",\"line\":9,\"column\":5,\"level\""), "{text}");
    }

    #[test]
    fn a_broken_file_link_is_told_where_files_go() {
        let problem = Problem::BrokenSiteLink { target: "anh.jpg#x".into(), suggestion: None };
        assert!(describe(&problem, Language::En).1.unwrap().contains("static/"));
        let problem = Problem::BrokenSiteLink { target: "/tin-tuc/bai/".into(), suggestion: None };
        assert!(describe(&problem, Language::En).1.unwrap().contains("@/"));
    }

    #[test]
    fn only_gone_pages_and_hosts_are_surely_broken() {
        assert!(LinkFailure::Status(404).is_definite());
        assert!(LinkFailure::HostNotFound.is_definite());
        assert!(!LinkFailure::Status(429).is_definite());
        assert!(!LinkFailure::Status(503).is_definite());
        assert!(!LinkFailure::Timeout { seconds: 10 }.is_definite());
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
