//! Walking `content/` and parsing every markdown file, pages in parallel.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::fields::{read_page, read_section, SectionMeta};
use super::front_matter::{parse, split, Field};
use super::{Asset, Content, Kind, Page, Section};
use crate::config::Config;
use crate::dates::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location, Problem, Result};
use crate::fs;

/// Files found under `content/`, relative paths with `/` separators.
#[derive(Default)]
struct Found {
    markdown: Vec<String>,
    assets: Vec<String>,
    warnings: Diagnostics,
}

/// Loads and checks every file under the portal's `content/`.
///
/// Problems are collected in [`Content::problems`] so later stages can add theirs before
/// the build fails. Pages under a broken `_index.md` are not checked (their schema is
/// unknown), but every other file is.
pub fn load(config: &Config) -> Result<Content> {
    let content_dir = config.content_dir();
    let found = walk(&content_dir, &config.root)?;
    let mut problems = Diagnostics::new();

    let (section_files, page_files): (Vec<_>, Vec<_>) =
        found.markdown.iter().partition(|rel| file_name(rel) == "_index.md");
    let (sections, broken) = load_sections(config, &section_files, &mut problems);

    let now = Date { at: chrono::Utc::now().fixed_offset(), has_time: true };
    let results: Vec<_> = page_files.par_iter().map(|rel| load_page(config, rel, &sections, &broken)).collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut unpublished = HashSet::new();
    let mut failed: HashSet<String> = broken.iter().map(|dir| format!("{dir}/_index.md")).collect();
    for (result, rel) in results.into_iter().zip(&page_files) {
        match result {
            Ok(Some(page)) if is_published(&page, config.drafts, now) => pages.push(page),
            Ok(Some(page)) => {
                unpublished.insert(page.rel);
            }
            Ok(None) => {
                failed.insert(rel.to_string());
            }
            Err(mut found) => {
                problems.append(&mut found);
                failed.insert(rel.to_string());
            }
        }
    }
    let assets = found
        .assets
        .into_iter()
        .map(|rel| Asset {
            source: content_dir.join(&rel),
            dir: parent_dir(&rel).to_string(),
            name: file_name(&rel).to_string(),
        })
        .collect();
    Ok(Content { pages, sections, assets, unpublished, failed, problems, warnings: found.warnings })
}

/// Drafts, and news dated in the future, are built only with `--drafts`.
pub(crate) fn is_published(page: &Page, drafts: bool, now: Date) -> bool {
    if drafts {
        return true;
    }
    let future = page.kind == Kind::News && page.meta.date.is_some_and(|d| d.at > now.at);
    !page.meta.draft && !future
}

/// Lists markdown files and assets, skipping hidden files and links that leave `content/`.
fn walk(content_dir: &Path, root: &Path) -> Result<Found> {
    let canonical_root = content_dir.canonicalize().map_err(|e| Error::read(content_dir, e))?;
    let warnings = Mutex::new(Diagnostics::new());
    let stays_inside = |entry: &walkdir::DirEntry| {
        if !entry.path_is_symlink() {
            return true;
        }
        let inside = entry.path().canonicalize().is_ok_and(|t| t.starts_with(&canonical_root));
        if !inside {
            let shown = display_path(root, entry.path());
            let warning = Diagnostic::warning(Location::file(shown), Problem::SymlinkOutside);
            warnings.lock().expect("not poisoned").push(warning);
        }
        inside
    };
    let mut found = Found::default();
    let walker = WalkDir::new(content_dir).follow_links(true).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| !is_hidden(e) && stays_inside(e)) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(content_dir).to_path_buf();
            Error::read(&path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(content_dir, entry.path());
        if rel.ends_with(".md") {
            found.markdown.push(rel);
        } else {
            found.assets.push(rel);
        }
    }
    found.warnings = warnings.into_inner().expect("not poisoned");
    Ok(found)
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// Parses every `_index.md` and gives each section its kind (declared, else inherited).
/// Also returns the folders whose `_index.md` has errors.
fn load_sections(config: &Config, files: &[&String], problems: &mut Diagnostics) -> (Vec<Section>, Vec<String>) {
    let mut by_dir: BTreeMap<String, Section> = BTreeMap::new();
    let mut broken = Vec::new();
    for rel in files {
        let dir = parent_dir(rel).to_string();
        match read_markdown(config, rel).and_then(|(path, text)| parse_section(path, &text, dir.clone())) {
            Ok(section) => {
                by_dir.insert(dir, section);
            }
            Err(mut found) => {
                problems.append(&mut found);
                broken.push(dir);
            }
        }
    }
    if !by_dir.contains_key("") {
        by_dir.insert(String::new(), default_home(config));
    }
    // BTreeMap order puts every parent folder before its children.
    let mut sections: Vec<Section> = by_dir.into_values().collect();
    for i in 0..sections.len() {
        let parent = (0..i).rev().find(|&j| is_ancestor(&sections[j].dir, &sections[i].dir));
        sections[i].parent = parent;
        if sections[i].meta.kind.is_none() {
            sections[i].kind = parent.map_or(Kind::Pages, |p| sections[p].kind);
        }
    }
    (sections, broken)
}

fn parse_section(path: PathBuf, text: &str, dir: String) -> Result<Section, Diagnostics> {
    let (fields, body, body_line) = parse_front_matter(&path, text)?;
    let meta = read_section(&fields, &path)?;
    Ok(Section {
        source_hash: hash_text(text),
        path,
        dir,
        kind: meta.kind.unwrap_or(Kind::Pages),
        meta,
        body: body.to_string(),
        body_line,
        parent: None,
        url: String::new(),
        pages: Vec::new(),
        rendered: Default::default(),
    })
}

fn default_home(config: &Config) -> Section {
    Section {
        source_hash: 0,
        path: PathBuf::from("content/_index.md"),
        dir: String::new(),
        kind: Kind::Pages,
        meta: SectionMeta { title: config.title.clone(), in_menu: false, ..Default::default() },
        body: String::new(),
        body_line: 1,
        parent: None,
        url: String::new(),
        pages: Vec::new(),
        rendered: Default::default(),
    }
}

/// Loads one page; `None` when it sits under a broken section and cannot be checked.
pub(crate) fn load_page(
    config: &Config,
    rel: &str,
    sections: &[Section],
    broken: &[String],
) -> Result<Option<Page>, Diagnostics> {
    let dir = parent_dir(rel);
    let section = (0..sections.len())
        .rev()
        .find(|&i| is_ancestor(&sections[i].dir, dir))
        .expect("the home section is everyone's ancestor");
    let under_broken = broken.iter().any(|b| is_ancestor(b, dir) && b.len() > sections[section].dir.len());
    if under_broken {
        return Ok(None);
    }
    let (path, text) = read_markdown(config, rel)?;
    let kind = sections[section].kind;
    let (fields, body, body_line) = parse_front_matter(&path, &text)?;
    let mut meta = read_page(&fields, &path, kind)?;
    if let super::KindMeta::Plan(plan) = &mut meta.extra {
        plan.indicators_at = super::front_matter::list_items(&text, plan.indicators_line, plan.indicators.len());
    }
    let bundle_dir = (file_name(rel) == "index.md" && !dir.is_empty()).then(|| dir.to_string());
    Ok(Some(Page {
        source_hash: hash_text(&text),
        path,
        rel: rel.to_string(),
        kind,
        meta,
        body: body.to_string(),
        body_line,
        bundle_dir,
        section,
        url: String::new(),
        image_url: None,
        attachment_url: None,
        rendered: Default::default(),
    }))
}

/// The file's display path and text.
fn read_markdown(config: &Config, rel: &str) -> Result<(PathBuf, String), Diagnostics> {
    let path = PathBuf::from("content").join(rel);
    let bytes = std::fs::read(config.content_dir().join(rel)).map_err(|e| {
        let problem = Problem::Io { write: false, reason: crate::diagnostics::IoReason::of(&e) };
        vec![Diagnostic::error(Location::file(&path), problem)]
    })?;
    let text = fs::decode_text(&path, bytes).map_err(|error| error.to_diagnostics())?;
    Ok((path, text))
}

fn parse_front_matter<'t>(path: &Path, text: &'t str) -> Result<(Vec<Field>, &'t str, usize), Diagnostics> {
    let at = |(line, problem)| vec![Diagnostic::error(Location::line(path, line), problem)];
    let split = split(text).map_err(at)?;
    let fields = parse(&split).map_err(at)?;
    Ok((fields, split.body, split.body_line))
}

/// A hash of a source file's text, for the build fingerprint.
fn hash_text(text: &str) -> u64 {
    // XXH3, as for output files: a no-change rebuild hashes every source (79 MB for 10,000
    // long pages), and SipHash is several times slower.
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Whether folder `ancestor` contains folder `dir` (or is it); `""` contains everything.
fn is_ancestor(ancestor: &str, dir: &str) -> bool {
    ancestor.is_empty()
        || dir == ancestor
        || (dir.starts_with(ancestor) && dir.as_bytes().get(ancestor.len()) == Some(&b'/'))
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// `a/b/c.md` → `a/b`; `c.md` → `""`.
pub(crate) fn parent_dir(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn file_name(rel: &str) -> &str {
    rel.rsplit_once('/').map_or(rel, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_match_whole_folder_names() {
        assert!(is_ancestor("", "tin-tuc"));
        assert!(is_ancestor("tin-tuc", "tin-tuc/bai"));
        assert!(!is_ancestor("tin", "tin-tuc"));
    }
}
