//! `hoctap new`: a new page in the right section, made from its kind's archetype.
//!
//! The archetype is `archetypes/<kind>.md` in the portal, else in the theme (the default
//! theme has one per kind). It is a Tera template given `title` (escaped to sit inside
//! double quotes), `date` (today in Vietnam, `2026-04-21`), `next_week` (today + 7 days),
//! `year`, `slug` and `lang` (`vi`/`en`). The page it makes is checked against its kind's
//! schema before it is written, so a new page always builds.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::{self, fields, front_matter, Kind, Section};
use crate::diagnostics::{Diagnostic, Error, Location, Problem, Result};
use crate::slug::slugify;
use crate::theme::{Source, Theme};

/// What `hoctap new` was asked to make.
#[derive(Debug, Clone)]
pub struct NewPage {
    /// A kind (`news`, `plan`, `role-models`…) or a section folder (`tin-tuc`).
    pub kind: String,
    /// The page's title.
    pub title: String,
    /// Make `<slug>/index.md` (a page bundle) instead of `<slug>.md`.
    pub bundle: bool,
}

/// Writes the new page and returns its path relative to the portal root
/// (`content/tin-tuc/ngay-sach-2026.md`). Never overwrites a file.
pub fn create(config: &Config, request: &NewPage, today: NaiveDate) -> Result<PathBuf> {
    let title = crate::scaffold::clean_title(&request.title);
    let slug = file_slug(&slugify(&title));
    if slug.is_empty() {
        let problem = Problem::TitleWithoutSlug { title };
        return Err(Error::content(Location::file("content"), problem));
    }
    let content = content::load(config)?;
    let (dir, kind) = find_section(&content.sections, &request.kind)?;
    let rel = page_path(&dir, &slug, request.bundle);
    refuse_existing(config, &dir, &slug)?;
    let (archetype, source) = find_archetype(config, kind)?;
    let text = render(&archetype, &source, &title, &slug, config, today)?;
    validate(&text, &source, kind)?;
    write_new(&config.root.join(&rel), &rel, &text)?;
    Ok(rel)
}

/// Longest file-name slug, in bytes; the title itself is kept whole in the front matter.
pub const MAX_SLUG_BYTES: usize = 80;

/// The slug a file is named by: at most [`MAX_SLUG_BYTES`], cut after a whole word where
/// there is one, and never a Windows device name (`con`, `aux`, `com1`…), which gets `-1`.
pub fn file_slug(slug: &str) -> String {
    let mut slug = slug.trim_matches('-');
    if slug.len() > MAX_SLUG_BYTES {
        // Slugs are ASCII, so any byte index is a char boundary.
        let cut = &slug[..MAX_SLUG_BYTES];
        slug = match (slug.as_bytes()[MAX_SLUG_BYTES], cut.rfind('-')) {
            (b'-', _) => cut,
            (_, Some(at)) if at > 0 => &cut[..at],
            _ => cut,
        };
    }
    let slug = slug.trim_matches('-');
    if !slug.is_empty() && !crate::resolve::is_safe_file_name(&format!("{slug}.md")) {
        return format!("{slug}-1");
    }
    slug.to_string()
}

/// The kind a name means: singular or plural (`plan`, `plans`), `_` or `-`.
pub fn parse_kind(name: &str) -> Option<Kind> {
    let name = name.trim().to_lowercase().replace('_', "-");
    let kind = match name.as_str() {
        "news" => Kind::News,
        "plan" | "plans" => Kind::Plans,
        "role-model" | "role-models" | "rolemodel" | "rolemodels" => Kind::RoleModels,
        "resource" | "resources" => Kind::Resources,
        "event" | "events" => Kind::Events,
        "page" | "pages" => Kind::Pages,
        _ => return None,
    };
    Some(kind)
}

/// The section folder (relative to `content/`) and kind a new page of `wanted` goes into.
pub(crate) fn find_section(sections: &[Section], wanted: &str) -> Result<(String, Kind)> {
    let at = Location::file("content");
    let folders = || sections.iter().filter(|s| !s.dir.is_empty()).map(|s| s.dir.clone()).collect::<Vec<_>>();
    let Some(kind) = parse_kind(wanted) else {
        let folder = wanted.trim().trim_start_matches("content/").trim_matches('/');
        return match sections.iter().find(|s| !s.dir.is_empty() && s.dir == folder) {
            Some(section) => Ok((section.dir.clone(), section.kind)),
            None => Err(Error::content(at, Problem::UnknownKind { value: wanted.to_string(), folders: folders() })),
        };
    };
    let declaring: Vec<&Section> = sections.iter().filter(|s| s.meta.kind == Some(kind)).collect();
    // The shallowest sections win: `tin-tuc` over `tin-tuc/thong-bao`.
    let depth = |s: &Section| if s.dir.is_empty() { 0 } else { s.dir.matches('/').count() + 1 };
    let shallowest = declaring.iter().map(|s| depth(s)).min();
    let top: Vec<&&Section> = declaring.iter().filter(|s| Some(depth(s)) == shallowest).collect();
    match top.as_slice() {
        [one] => Ok((one.dir.clone(), kind)),
        // Standalone pages live at the top of `content/` unless a section says otherwise.
        [] if kind == Kind::Pages => Ok((String::new(), kind)),
        [] => {
            let sections = sections.iter().filter(|s| !s.dir.is_empty());
            let sections = sections.map(|s| (s.dir.clone(), s.kind.as_str().to_string())).collect();
            Err(Error::content(at, Problem::NoSectionForKind { kind: kind.as_str().into(), sections }))
        }
        many => {
            let folders = many.iter().map(|s| s.dir.clone()).collect();
            Err(Error::content(at, Problem::AmbiguousKind { kind: kind.as_str().into(), folders }))
        }
    }
}

/// `content/<dir>/<slug>.md` or `content/<dir>/<slug>/index.md`.
pub(crate) fn page_path(dir: &str, slug: &str, bundle: bool) -> PathBuf {
    let mut path = PathBuf::from("content");
    if !dir.is_empty() {
        path.push(dir);
    }
    if bundle {
        path.join(slug).join("index.md")
    } else {
        path.join(format!("{slug}.md"))
    }
}

/// A page at `<slug>.md` and a bundle at `<slug>/index.md` would share a URL, so either
/// existing stops the new one.
pub(crate) fn refuse_existing(config: &Config, dir: &str, slug: &str) -> Result<()> {
    for bundle in [false, true] {
        let rel = page_path(dir, slug, bundle);
        if config.root.join(&rel).exists() {
            return Err(Error::content(Location::file(rel), Problem::FileExists));
        }
    }
    Ok(())
}

/// The portal's `archetypes/<kind>.md`, else the theme's; with the path shown in messages.
fn find_archetype(config: &Config, kind: Kind) -> Result<(Source, PathBuf)> {
    let name = format!("{}.md", kind.as_str());
    let own = config.root.join("archetypes").join(&name);
    if own.is_file() {
        return Ok((Source::Disk(own), PathBuf::from("archetypes").join(&name)));
    }
    let theme = Theme::load(config)?;
    let shown = PathBuf::from("themes").join(&config.theme).join("archetypes").join(&name);
    match theme.files("archetypes").remove(&name) {
        Some(source) => Ok((source, shown)),
        None => {
            let problem = Problem::NoArchetype { kind: kind.as_str().to_string(), file: name };
            Err(Error::content(Location::file(shown), problem))
        }
    }
}

/// Fills the archetype in.
fn render(
    archetype: &Source,
    shown: &Path,
    title: &str,
    slug: &str,
    config: &Config,
    today: NaiveDate,
) -> Result<String> {
    let template = archetype.read_text(shown)?;
    let mut cx = tera::Context::new();
    cx.insert("title", &escape_quoted(title));
    cx.insert("date", &today.format("%Y-%m-%d").to_string());
    cx.insert("next_week", &(today + chrono::Days::new(7)).format("%Y-%m-%d").to_string());
    cx.insert("year", &today.format("%Y").to_string());
    cx.insert("slug", slug);
    cx.insert("lang", config.language.code());
    tera::Tera::one_off(&template, &cx, false).map_err(|e| {
        let mut message = e.to_string();
        if let Some(source) = std::error::Error::source(&e) {
            message.push_str(&format!(": {source}"));
        }
        Error::content(Location::file(shown), Problem::TemplateFailed { message })
    })
}

/// Escapes text for a double-quoted string, which TOML and YAML write alike.
fn escape_quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The page the archetype made must pass its kind's schema.
pub(crate) fn validate(text: &str, shown: &Path, kind: Kind) -> Result<()> {
    let describe = |d: Diagnostic| d.render(crate::language::Language::En);
    let fields = front_matter::split(text).and_then(|split| front_matter::parse(&split));
    let problems: Vec<String> = match fields {
        Err((line, problem)) => vec![describe(Diagnostic::error(Location::line(shown, line), problem))],
        Ok(fields) => match fields::read_page(&fields, shown, kind) {
            Ok(_) => return Ok(()),
            Err(found) => found.into_iter().map(describe).collect(),
        },
    };
    Err(Error::content(Location::file(shown), Problem::BadArchetype { problems }))
}

/// Creates the file, failing if it appeared in the meantime.
pub(crate) fn write_new(path: &Path, shown: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::content(Location::file(shown), Problem::FileExists)
        } else {
            Error::write(path, e)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|e| Error::write(path, e))
}

/// Today in Vietnam (UTC+7), the day `date` gets.
pub fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&crate::dates::vietnam_offset()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_in_singular_or_plural() {
        assert_eq!(parse_kind("plan"), Some(Kind::Plans));
        assert_eq!(parse_kind("Role_Models"), Some(Kind::RoleModels));
        assert_eq!(parse_kind("event"), Some(Kind::Events));
        assert_eq!(parse_kind("indicators"), None);
        assert_eq!(parse_kind("tin-tuc"), None);
    }

    #[test]
    fn titles_are_escaped_for_double_quotes() {
        assert_eq!(escape_quoted(r#"Hội thi "Sách hay" \ 2026"#), r#"Hội thi \"Sách hay\" \\ 2026"#);
    }

    #[test]
    fn file_slugs_are_capped_at_a_word_and_never_a_device_name() {
        let long = "ngay-sach-".repeat(1000);
        let slug = file_slug(&long);
        assert!(slug.len() <= MAX_SLUG_BYTES && slug.ends_with("sach") && !slug.ends_with('-'), "{slug}");
        assert_eq!(file_slug(&"a".repeat(200)), "a".repeat(MAX_SLUG_BYTES));
        for reserved in ["con", "aux", "nul", "prn", "com0", "com9", "lpt5"] {
            assert_eq!(file_slug(reserved), format!("{reserved}-1"));
        }
        assert_eq!(file_slug("con-meo"), "con-meo");
    }

    #[test]
    fn bundles_are_a_folder_with_index_md() {
        assert_eq!(page_path("tin-tuc", "ngay-sach", false), Path::new("content/tin-tuc/ngay-sach.md"));
        assert_eq!(page_path("", "gioi-thieu", true), Path::new("content/gioi-thieu/index.md"));
    }
}
