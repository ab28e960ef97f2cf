//! `hoctap init`: a new portal that builds at once.
//!
//! The files come from `scaffold/<language>/` (compiled into the binary): `hoctap.toml`, a
//! home page, an about page and the five kind sections, each with one example page. Each
//! file is a Tera template given `title` (the cleaned title, see [`clean_title`], already
//! written as a complete TOML string value with its quotes: `title = {{ title }}`), `date`
//! (today in Vietnam), `book_day` (the next 21 April, Vietnam Book and Reading Culture Day)
//! and `book_day_year`; `cms` (the `[cms]` settings, see [`Origin`]), `host` (the `[deploy]` host),
//! `version` (this hoctap's version) and `releases` (where its prebuilt binaries are published)
//! for the deploy workflows.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use include_dir::{include_dir, Dir, File};

use crate::diagnostics::{Error, Location, Problem, Result};
use crate::language::Language;

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// Where the deploy workflows download hoctap's prebuilt binaries from (the release workflow
/// `.github/workflows/release.yml` publishes them there).
pub const RELEASES: &str = "https://github.com/hoctap/hoctap/releases";

/// What `hoctap init` was asked to make.
#[derive(Debug, Clone, Default)]
pub struct NewPortal {
    /// The portal's title; a default in its language when `None`.
    pub title: Option<String>,
    /// Its language: Vietnamese or English folders, pages and UI.
    pub language: Language,
    /// The repository the folder is a clone of, when it is one (see [`origin_of`]).
    pub origin: Option<Origin>,
}

/// A GitHub or GitLab repository the portal is pushed to: the editor saves there and the
/// matching Pages recipe publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// GitHub (else GitLab).
    pub github: bool,
    /// `owner/name`.
    pub repo: String,
}

impl Origin {
    /// The portal's address on GitHub or GitLab Pages.
    pub fn pages_url(&self) -> String {
        let (owner, name) = self.repo.split_once('/').unwrap_or((&self.repo, ""));
        let domain = if self.github { "github.io" } else { "gitlab.io" };
        format!("https://{}.{domain}/{name}", owner.to_ascii_lowercase())
    }
}

/// The `origin` remote of the git clone at `dir`, read from `.git/config`, when it is on
/// github.com or gitlab.com (`https://github.com/owner/name.git`, `git@github.com:owner/name`).
pub fn origin_of(dir: &Path) -> Option<Origin> {
    let config = std::fs::read_to_string(dir.join(".git/config")).ok()?;
    let mut in_origin = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line == "[remote \"origin\"]";
        } else if let Some(url) =
            line.strip_prefix("url").map(str::trim_start).and_then(|r| r.strip_prefix('=')).filter(|_| in_origin)
        {
            return parse_remote(url.trim());
        }
    }
    None
}

fn parse_remote(url: &str) -> Option<Origin> {
    let rest = ["https://", "ssh://git@", "git@"].iter().find_map(|p| url.strip_prefix(p))?;
    let (host, path) = rest.split_once(['/', ':'])?;
    let github = match host {
        "github.com" => true,
        "gitlab.com" => false,
        _ => return None,
    };
    let repo = path.trim_end_matches('/').trim_end_matches(".git").to_string();
    let valid = repo.split('/').count() >= 2
        && repo.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
    valid.then_some(Origin { github, repo })
}

/// The title a portal gets when none is given.
pub fn default_title(language: Language) -> &'static str {
    match language {
        Language::Vi => "Cổng thông tin xây dựng xã hội học tập",
        Language::En => "Learning Society Portal",
    }
}

/// Writes a new portal into `dir`, which must not exist or hold only hidden files (such as
/// `.git`); returns the files written, relative to `dir`.
pub fn create(dir: &Path, request: &NewPortal, today: NaiveDate) -> Result<Vec<PathBuf>> {
    refuse_non_empty(dir)?;
    let source = SCAFFOLD.get_dir(request.language.code()).expect("the scaffold has both languages");
    let title = request.title.as_deref().map(clean_title).filter(|t| !t.is_empty());
    let mut cx = context(title.as_deref().unwrap_or(default_title(request.language)), today);
    add_publishing(&mut cx, request.origin.as_ref());
    let mut files = Vec::new();
    collect(source, &mut files);
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let rel = target_path(file.path().strip_prefix(source.path()).unwrap_or(file.path()));
        // A hidden file the folder already has (its own `.gitignore`) is kept as it is.
        if dir.join(&rel).exists() {
            continue;
        }
        let bytes = render(file, &cx, &rel)?;
        write_new(&dir.join(&rel), &bytes)?;
        written.push(rel);
    }
    Ok(written)
}

/// Only a missing folder, an empty one, or one holding only hidden entries will do.
fn refuse_non_empty(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
    let visible = entries.filter_map(|e| e.ok()).any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if visible {
        return Err(Error::content(Location::file(dir), Problem::FolderNotEmpty));
    }
    Ok(())
}

/// A title as one line of text: every line break, tab and other control character (and
/// every other kind of space) becomes a space, runs of spaces become one, and the ends are
/// trimmed. `"Xã\nMỹ Hòa"` → `"Xã Mỹ Hòa"`. Titles show in one `<h1>` and one `<title>`.
pub fn clean_title(title: &str) -> String {
    let spaced: String = title.chars().map(|c| if c.is_whitespace() || c.is_control() { ' ' } else { c }).collect();
    spaced.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `text` as a TOML string value, quotes included, escaped by the `toml` crate's serializer.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn context(title: &str, today: NaiveDate) -> tera::Context {
    let book_day = next_book_day(today);
    let mut cx = tera::Context::new();
    cx.insert("title", &toml_string(title));
    cx.insert("date", &today.format("%Y-%m-%d").to_string());
    cx.insert("book_day", &book_day.format("%Y-%m-%d").to_string());
    cx.insert("book_day_year", &book_day.year());
    cx
}

/// The `[cms]` and `[deploy]` settings: a known GitHub or GitLab repository gets its editor
/// backend and Pages host; otherwise the editor saves through `decap-server` on this computer.
fn add_publishing(cx: &mut tera::Context, origin: Option<&Origin>) {
    let (cms, host) = match origin {
        Some(o) => {
            let backend = if o.github { "github" } else { "gitlab" };
            (
                format!("backend = \"{backend}\"\nrepo = {}", toml_string(&o.repo)),
                if o.github { "github-pages" } else { "gitlab-pages" },
            )
        }
        None => ("backend = \"local\"".to_string(), "github-pages"),
    };
    cx.insert("cms", &cms);
    cx.insert("host", host);
    cx.insert("version", env!("CARGO_PKG_VERSION"));
    cx.insert("releases", RELEASES);
}

/// The next Vietnam Book and Reading Culture Day (21 April), today included.
fn next_book_day(today: NaiveDate) -> NaiveDate {
    let this_year = NaiveDate::from_ymd_opt(today.year(), 4, 21).expect("21 April exists");
    if this_year >= today {
        this_year
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, 4, 21).expect("21 April exists")
    }
}

fn collect<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a File<'a>>) {
    out.extend(dir.files());
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// `dot-gitignore` becomes `.gitignore`, `dot-github/` `.github/` (real ones would act on this
/// repository).
fn target_path(rel: &Path) -> PathBuf {
    rel.components()
        .map(|part| {
            let name = part.as_os_str().to_string_lossy();
            match name.strip_prefix("dot-") {
                Some(rest) => format!(".{rest}"),
                None => name.into_owned(),
            }
        })
        .collect()
}

fn render(file: &File<'_>, cx: &tera::Context, rel: &Path) -> Result<Vec<u8>> {
    let Some(text) = file.contents_utf8() else { return Ok(file.contents().to_vec()) };
    tera::Tera::one_off(text, cx, false)
        .map(String::into_bytes)
        .map_err(|e| Error::content(Location::file(rel), Problem::TemplateFailed { message: e.to_string() }))
}

/// Creates a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| Error::write(path, e))?;
    file.write_all(bytes).map_err(|e| Error::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn book_day_is_the_next_21_april() {
        assert_eq!(next_book_day(day(2026, 1, 5)), day(2026, 4, 21));
        assert_eq!(next_book_day(day(2026, 4, 21)), day(2026, 4, 21));
        assert_eq!(next_book_day(day(2026, 4, 22)), day(2027, 4, 21));
    }

    #[test]
    fn both_languages_have_a_config_and_five_sections() {
        for (lang, sections) in [
            ("vi", ["tin-tuc", "ke-hoach", "guong-dien-hinh", "hoc-lieu", "su-kien"]),
            ("en", ["news", "plans", "role-models", "resources", "events"]),
        ] {
            let dir = SCAFFOLD.get_dir(lang).unwrap();
            assert!(dir.get_file(format!("{lang}/hoctap.toml")).is_some());
            for section in sections {
                assert!(dir.get_file(format!("{lang}/content/{section}/_index.md")).is_some(), "{lang}/{section}");
            }
        }
    }

    #[test]
    fn titles_become_one_line_and_any_title_is_a_toml_string() {
        assert_eq!(clean_title(" Xã\nMỹ\r\n\tHòa\u{0}\u{7f} 2026 "), "Xã Mỹ Hòa 2026");
        for title in ["a \"b\" \\ c", "'''", "\"\"\"", "\u{1b}[31m", "🎉 Ngày hội", &"x".repeat(500)] {
            let clean = clean_title(title);
            let doc: toml::Table = toml::from_str(&format!("title = {}", toml_string(&clean))).unwrap();
            assert_eq!(doc["title"].as_str(), Some(clean.as_str()), "{title:?}");
        }
    }

    #[test]
    fn dot_files_are_renamed() {
        assert_eq!(target_path(Path::new("dot-gitignore")), Path::new(".gitignore"));
        assert_eq!(target_path(Path::new("content/_index.md")), Path::new("content/_index.md"));
        assert_eq!(target_path(Path::new("dot-github/workflows/pages.yml")), Path::new(".github/workflows/pages.yml"));
    }

    #[test]
    fn the_origin_remote_names_the_repository() {
        let github = Origin { github: true, repo: "UBND-MyHoa/cong-xhht".into() };
        assert_eq!(parse_remote("https://github.com/UBND-MyHoa/cong-xhht.git").as_ref(), Some(&github));
        assert_eq!(parse_remote("git@github.com:UBND-MyHoa/cong-xhht.git").as_ref(), Some(&github));
        assert_eq!(github.pages_url(), "https://ubnd-myhoa.github.io/cong-xhht");
        assert_eq!(
            parse_remote("https://gitlab.com/tinh/xa/cong"),
            Some(Origin { github: false, repo: "tinh/xa/cong".into() })
        );
        assert_eq!(parse_remote("https://git.example.vn/a/b.git"), None);
        assert_eq!(parse_remote("https://github.com/a b/c"), None);
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let config = "[core]\n\turl = x\n[remote \"upstream\"]\n\turl = https://github.com/x/y\n[remote \"origin\"]\n\turl = git@gitlab.com:tinh/cong.git\n";
        std::fs::write(dir.path().join(".git/config"), config).unwrap();
        assert_eq!(origin_of(dir.path()), Some(Origin { github: false, repo: "tinh/cong".into() }));
    }
}
