//! What can be wrong with an output folder or an output path, worded in Vietnamese and
//! English. Kept apart from `diagnostics` so that module only wraps these.

use std::path::PathBuf;

use super::names::{shorten, PathFault, MAX_NAME_LEN, MAX_PATH_LEN};
use crate::language::Language;

/// Who asks for an output file: named when two ask for the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A file of the portal (page, section, asset, static file, indicator), with the line
    /// that made the claim when one field did (`aliases`).
    Source {
        /// As shown to the user, relative to the portal root.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
    },
    /// A file hoctap makes on its own.
    Generated(Generated),
}

impl Owner {
    /// A portal file as a whole.
    pub fn file(path: impl Into<PathBuf>) -> Owner {
        Owner::Source { path: path.into(), line: None }
    }

    /// One line of a portal file.
    pub fn line(path: impl Into<PathBuf>, line: usize) -> Owner {
        Owner::Source { path: path.into(), line: Some(line) }
    }

    /// The owner as an English phrase for errors that are not translated (template errors):
    /// `` `content/a.md:3` `` or what hoctap makes.
    pub fn shown(&self) -> String {
        self.describe(Language::En)
    }

    fn describe(&self, lang: Language) -> String {
        match self {
            Owner::Source { path, line: Some(line) } => format!("`{}:{line}`", path.display()),
            Owner::Source { path, line: None } => format!("`{}`", path.display()),
            Owner::Generated(what) => what.describe(lang).to_string(),
        }
    }
}

/// The files hoctap makes without a source file of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    /// The home page when `content/_index.md` is absent.
    Home,
    /// The search page.
    Search,
    /// The 404 page.
    NotFound,
    /// A taxonomy page (topics, communes, types…) or one of its terms.
    Taxonomy,
    /// A feed, the sitemap or robots.txt.
    Feed,
    /// The search index and script.
    SearchIndex,
    /// The stylesheet and the theme's own files.
    Theme,
    /// Indicator data files (CSV, JSON, schema).
    IndicatorData,
    /// The `/admin/` editor's page and configuration.
    Cms,
    /// A host's `_headers` or `_redirects`.
    HostFiles,
}

impl Generated {
    fn describe(self, lang: Language) -> &'static str {
        let vi = lang == Language::Vi;
        match self {
            Generated::Home if vi => "trang chủ do hoctap tạo",
            Generated::Home => "the home page hoctap makes",
            Generated::Search if vi => "trang tìm kiếm do hoctap tạo",
            Generated::Search => "the search page hoctap makes",
            Generated::NotFound if vi => "trang 404 do hoctap tạo",
            Generated::NotFound => "the 404 page hoctap makes",
            Generated::Taxonomy if vi => "trang danh mục (chủ đề, xã/phường, loại…) do hoctap tạo",
            Generated::Taxonomy => "a list page hoctap makes (topics, communes, types…)",
            Generated::Feed if vi => "tệp tin mới (feed), sơ đồ trang hoặc robots.txt do hoctap tạo",
            Generated::Feed => "a feed, the sitemap or robots.txt that hoctap makes",
            Generated::SearchIndex if vi => "chỉ mục tìm kiếm do hoctap tạo",
            Generated::SearchIndex => "the search index hoctap makes",
            Generated::Theme if vi => "tệp của giao diện (theme)",
            Generated::Theme => "a file of the theme",
            Generated::IndicatorData if vi => "tệp dữ liệu chỉ số do hoctap tạo",
            Generated::IndicatorData => "an indicator data file hoctap makes",
            Generated::Cms if vi => "trang trình soạn thảo /admin/ do hoctap tạo",
            Generated::Cms => "the /admin/ editor hoctap makes",
            Generated::HostFiles if vi => "tệp `_headers` hoặc `_redirects` do hoctap tạo cho nơi xuất bản",
            Generated::HostFiles => "the host's `_headers` or `_redirects` that hoctap makes",
        }
    }
}

/// How two output paths clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// The same path.
    Same,
    /// Paths that differ only in upper/lower case: one file on Windows and macOS.
    Case,
    /// One is a file, the other needs a folder of that name.
    FileAndFolder,
}

/// A problem with one output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputProblem {
    /// A path that is not safe on every host.
    UnsafePath {
        /// The site path, e.g. `/con/index.html`.
        path: String,
        /// Why.
        fault: PathFault,
    },
    /// A name written in a file (a `slug`, a tag, a commune) that becomes an unsafe folder name.
    UnsafeName {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// The name it becomes.
        name: String,
        /// Why that name is unsafe.
        fault: PathFault,
    },
    /// Two sources want the same output file.
    ClaimedTwice {
        /// The path this source wants.
        path: String,
        /// The path the other source wants (differs from `path` for `Case` and `FileAndFolder`).
        other_path: String,
        /// The other source.
        other: Owner,
        /// How they clash.
        clash: Clash,
    },
}

impl OutputProblem {
    /// The message and the help text in `lang`.
    pub fn describe(&self, lang: Language) -> (String, Option<String>) {
        let pick = |v: String, e: String| lang.pick(v, e);
        match self {
            OutputProblem::UnsafePath { path, fault } => {
                let (why_vi, why_en) = fault_text(fault);
                (
                    pick(format!("tệp kết quả `{path}` không dùng được trên mọi máy chủ: {why_vi}"),
                         format!("output file `{path}` is not safe on every host: {why_en}")),
                    Some(pick(
                        "đổi tên tệp, thư mục hoặc `slug`: chỉ dùng chữ thường không dấu, số và `-`, ngắn gọn".into(),
                        "rename the file, folder or `slug`: use lowercase ASCII letters, digits and `-`, and keep it short".into(),
                    )),
                )
            }
            OutputProblem::UnsafeName { field, value, name, fault } => {
                let (why_vi, why_en) = fault_text(fault);
                let short = shorten(name);
                (
                    pick(format!("trường `{field}`: `{value}` thành tên thư mục `{name}`, không dùng được trên mọi máy chủ: {why_vi}"),
                         format!("field `{field}`: `{value}` becomes the folder name `{name}`, which is not safe on every host: {why_en}")),
                    Some(pick(format!("viết ngắn gọn hơn hoặc khác đi, ví dụ để thành `{short}`"),
                              format!("write it shorter or differently, e.g. so that it becomes `{short}`"))),
                )
            }
            OutputProblem::ClaimedTwice { path, other_path, other, clash } => {
                let other = other.describe(lang);
                let message = match clash {
                    Clash::Same => pick(
                        format!("tệp kết quả `{path}` cũng được tạo bởi {other}"),
                        format!("output file `{path}` is also made by {other}"),
                    ),
                    Clash::Case => pick(
                        format!("tệp kết quả `{path}` chỉ khác `{other_path}` (của {other}) ở chữ hoa/thường: trên Windows và macOS đó là một tệp"),
                        format!("output file `{path}` differs from `{other_path}` (made by {other}) only in case: one file on Windows and macOS"),
                    ),
                    Clash::FileAndFolder => pick(
                        format!("tệp kết quả `{path}` và `{other_path}` (của {other}) không thể cùng có: một tệp cần tên của tệp kia làm thư mục"),
                        format!("output files `{path}` and `{other_path}` (made by {other}) cannot both exist: one needs the other's name as a folder"),
                    ),
                };
                let help = pick(
                    "mỗi địa chỉ chỉ thuộc về một nguồn: đổi tên tệp, `slug` hoặc `aliases` của một trong hai".into(),
                    "each address belongs to one source: rename the file, or change the `slug` or `aliases` of one of them".into(),
                );
                (message, Some(help))
            }
        }
    }

    /// A stable machine name (`--format json`).
    pub fn code(&self) -> &'static str {
        match self {
            OutputProblem::UnsafePath { .. } | OutputProblem::UnsafeName { .. } => "unsafe-output-path",
            OutputProblem::ClaimedTwice { .. } => "output-claimed-twice",
        }
    }
}

fn fault_text(fault: &PathFault) -> (String, String) {
    match fault {
        PathFault::NoName => ("tên rỗng, `.` hoặc `..`".into(), "an empty name, `.` or `..`".into()),
        PathFault::Character(c) => {
            (format!("có ký tự `{}`", c.escape_default()), format!("it holds `{}`", c.escape_default()))
        }
        PathFault::ReservedName(name) => (
            format!("`{name}` là tên thiết bị dành riêng của Windows"),
            format!("`{name}` is a device name reserved by Windows"),
        ),
        PathFault::TrailingDot => ("tên kết thúc bằng dấu chấm".into(), "a name ends with a dot".into()),
        PathFault::HoctapName => (
            "tên bắt đầu bằng `.hoctap` dành cho hoctap".into(),
            "names starting with `.hoctap` are hoctap's own".into(),
        ),
        PathFault::NameTooLong { len } => (
            format!("một tên dài {len} byte, tối đa {MAX_NAME_LEN}"),
            format!("a name is {len} bytes long, at most {MAX_NAME_LEN}"),
        ),
        PathFault::PathTooLong { len } => (
            format!("đường dẫn dài {len} byte, tối đa {MAX_PATH_LEN}"),
            format!("the path is {len} bytes long, at most {MAX_PATH_LEN}"),
        ),
    }
}

/// Why hoctap refuses an output folder. Nothing is read, written or deleted then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRefusal {
    /// The folder as the user gave it.
    pub dir: PathBuf,
    /// Where it was given: `--out` or `output_dir` in `hoctap.toml`.
    pub setting: &'static str,
    /// Why.
    pub reason: RefusalReason,
}

/// The reasons of an [`OutputRefusal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    /// The folder is the portal folder, or holds it.
    HoldsPortal,
    /// The folder is a source folder (`content/`, `static/`…) or lies inside one, or holds one.
    Source(String),
    /// A file (not a folder) of that name exists.
    NotAFolder,
    /// A folder with files in it that no hoctap build made (no `.hoctap-build` manifest).
    NotOurs {
        /// A few of the names it holds.
        examples: Vec<String>,
    },
    /// The folder could not be inspected.
    Unreadable(String),
    /// A file or link inside hoctap's output that hoctap did not write stands where the
    /// build must write (a site path such as `/tin-tuc/index.html`).
    Foreign(String),
}

impl OutputRefusal {
    /// The message and the help text in `lang`.
    pub fn describe(&self, lang: Language) -> (String, String) {
        let vi = lang == Language::Vi;
        let dir = self.dir.display();
        let setting = self.setting;
        let fix_vi = format!("chọn thư mục khác bằng `{setting}`, ví dụ `--out site` (mặc định)");
        let fix_en = format!("choose another folder with `{setting}`, e.g. `--out site` (the default)");
        let (message, help) = match &self.reason {
            RefusalReason::HoldsPortal => (
                (format!("thư mục kết quả `{dir}` là thư mục cổng thông tin hoặc chứa nó"),
                 format!("output folder `{dir}` is the portal folder or holds it")),
                (fix_vi, fix_en),
            ),
            RefusalReason::Source(source) => (
                (format!("thư mục kết quả `{dir}` trùng với thư mục nguồn `{source}` (hoặc nằm trong/chứa nó)"),
                 format!("output folder `{dir}` is, lies inside or holds the source folder `{source}`")),
                (fix_vi, fix_en),
            ),
            RefusalReason::NotAFolder => (
                (format!("`{dir}` là một tệp, không phải thư mục"), format!("`{dir}` is a file, not a folder")),
                (fix_vi, fix_en),
            ),
            RefusalReason::NotOurs { examples } => (
                (format!("thư mục `{dir}` đã có tệp không do hoctap tạo ({}…); hoctap không xóa hay ghi đè chúng", examples.join(", ")),
                 format!("folder `{dir}` holds files hoctap did not make ({}…); hoctap neither deletes nor overwrites them", examples.join(", "))),
                (format!("{fix_vi}, hoặc một thư mục trống; nếu chắc chắn không cần các tệp đó, tự xóa thư mục rồi xây dựng lại"),
                 format!("{fix_en}, or an empty folder; if you are sure those files are not needed, delete the folder yourself and build again")),
            ),
            RefusalReason::Foreign(path) => (
                (format!("`{path}` trong thư mục kết quả `{dir}` không do hoctap tạo (tệp hoặc liên kết tượng trưng); hoctap không ghi đè hay ghi xuyên qua nó"),
                 format!("`{path}` in output folder `{dir}` was not made by hoctap (a file or a symbolic link); hoctap neither replaces it nor writes through it")),
                ("chuyển tệp đó ra khỏi thư mục kết quả rồi xây dựng lại; tệp tĩnh của bạn đặt trong `static/`".into(),
                 "move it out of the output folder and build again; your own static files belong in `static/`".into()),
            ),
            RefusalReason::Unreadable(why) => (
                (format!("không đọc được thư mục kết quả `{dir}`: {why}"), format!("cannot read output folder `{dir}`: {why}")),
                (fix_vi, fix_en),
            ),
        };
        if vi {
            (message.0, help.0)
        } else {
            (message.1, help.1)
        }
    }
}

impl std::fmt::Display for OutputRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (message, help) = self.describe(Language::En);
        write!(f, "{message} ({help})")
    }
}
