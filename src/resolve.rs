//! From loaded content to a linked site: URLs, duplicate checks, aliases, file references,
//! section order and taxonomies. Everything here is linear in the number of pages.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::attachments::Attachment;
use crate::images::{Catalog, ImageSet};

use crate::config::Config;
use crate::content::{Content, Kind, KindMeta, Page};
use crate::diagnostics::{nearest, Diagnostic, Diagnostics, Location, Problem};
use crate::language::Language;
use crate::output::names::check_name;
use crate::output::names::shorten;
use crate::output::problem::OutputProblem;
use crate::slug::{is_slug, slugify};
use crate::theme::Strings;

/// The taxonomies every portal has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKind {
    /// `tags`.
    Tags,
    /// `commune`.
    Communes,
    /// A resource's `type`.
    ResourceTypes,
    /// A role model's `category`.
    RoleModelCategories,
}

impl TaxonomyKind {
    /// All of them, in menu order.
    pub const ALL: [TaxonomyKind; 4] =
        [TaxonomyKind::Tags, TaxonomyKind::Communes, TaxonomyKind::ResourceTypes, TaxonomyKind::RoleModelCategories];

    /// The name templates see.
    pub fn name(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Communes => "communes",
            TaxonomyKind::ResourceTypes => "resource-types",
            TaxonomyKind::RoleModelCategories => "role-model-categories",
        }
    }

    /// The first URL segment, in the portal's language.
    pub fn path_segment(self, lang: Language) -> &'static str {
        match (self, lang) {
            (TaxonomyKind::Tags, Language::Vi) => "chu-de",
            (TaxonomyKind::Communes, Language::Vi) => "xa-phuong",
            (TaxonomyKind::ResourceTypes, Language::Vi) => "loai-hoc-lieu",
            (TaxonomyKind::RoleModelCategories, Language::Vi) => "danh-hieu",
            (TaxonomyKind::Tags, Language::En) => "tags",
            (TaxonomyKind::Communes, Language::En) => "communes",
            (TaxonomyKind::ResourceTypes, Language::En) => "resource-types",
            (TaxonomyKind::RoleModelCategories, Language::En) => "categories",
        }
    }

    /// The values a page holds for this taxonomy.
    fn values(self, page: &Page) -> Vec<&str> {
        match (self, &page.meta.extra) {
            (TaxonomyKind::Tags, _) => page.meta.tags.iter().map(String::as_str).collect(),
            (TaxonomyKind::Communes, _) => page.meta.commune.as_deref().into_iter().collect(),
            (TaxonomyKind::ResourceTypes, KindMeta::Resource(r)) if !r.kind.is_empty() => vec![&r.kind],
            (TaxonomyKind::RoleModelCategories, KindMeta::RoleModel(m)) if !m.category.is_empty() => {
                vec![&m.category]
            }
            _ => Vec::new(),
        }
    }

    /// How a raw value is shown: resource types and categories are translated.
    fn label(self, value: &str, strings: &Strings) -> String {
        match self {
            TaxonomyKind::ResourceTypes => strings.get(&format!("resource_type_{value}")),
            TaxonomyKind::RoleModelCategories => strings.get(&format!("category_{value}")),
            _ => value.to_string(),
        }
    }
}

/// One taxonomy and its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Which one.
    pub kind: TaxonomyKind,
    /// Its list page, e.g. `/chu-de/`.
    pub url: String,
    /// Terms sorted by name.
    pub terms: Vec<Term>,
}

impl Taxonomy {
    /// The term a raw page value belongs to.
    pub fn term_for(&self, value: &str) -> Option<&Term> {
        let slug = slugify(value);
        self.terms.iter().find(|t| t.slug == slug)
    }
}

/// One term of a taxonomy.
#[derive(Debug, Clone)]
pub struct Term {
    /// Shown name (first spelling met, or the translated label).
    pub name: String,
    /// Folded slug; spellings that fold alike share a term.
    pub slug: String,
    /// Its page.
    pub url: String,
    /// Pages with this term, newest first.
    pub pages: Vec<usize>,
}

/// Maps the `@/` link targets to URLs.
#[derive(Debug, Default)]
pub struct LinkIndex {
    urls: HashMap<String, String>,
    anchors: HashMap<String, HashSet<String>>,
    unpublished: HashSet<String>,
    failed: HashSet<String>,
}

impl LinkIndex {
    /// Resolves `tin-tuc/a.md#muc` to `/tin-tuc/a/#muc`.
    pub fn resolve(&self, target: &str) -> Result<String, Problem> {
        let (file, fragment) = target.split_once('#').map_or((target, None), |(f, a)| (f, Some(a)));
        let file = file.trim_start_matches('/');
        match self.urls.get(file) {
            Some(url) => Ok(fragment.map_or_else(|| url.clone(), |f| format!("{url}#{f}"))),
            // The target's own errors are already reported; a second message would mislead.
            None if self.failed.contains(file) => Ok("#".into()),
            None if self.unpublished.contains(file) => {
                Err(Problem::LinkToUnpublished { target: format!("@/{target}") })
            }
            None => Err(Problem::BrokenLink {
                target: format!("@/{target}"),
                suggestion: nearest(file, self.urls.keys().map(String::as_str)).map(|s| format!("@/{s}")),
            }),
        }
    }

    /// Records the heading ids of a file, once its markdown is rendered.
    pub fn set_anchors(&mut self, rel: &str, anchors: &[String]) {
        self.anchors.insert(rel.to_string(), anchors.iter().cloned().collect());
    }

    /// Checks that `rel` has a heading with this id. Files this build does not render
    /// (drafts, files with errors, missing ones) are reported elsewhere, so they pass here.
    pub fn check_anchor(&self, rel: &str, id: &str) -> Result<(), Problem> {
        let Some(anchors) = self.anchors.get(rel) else { return Ok(()) };
        if anchors.contains(id) {
            return Ok(());
        }
        Err(Problem::BrokenAnchor {
            target: format!("@/{rel}#{id}"),
            suggestion: nearest(id, anchors.iter().map(String::as_str)).map(str::to_string),
        })
    }
}

/// What resolving adds to the loaded content.
#[derive(Debug)]
pub struct Resolved {
    /// The taxonomies with their terms.
    pub taxonomies: Vec<Taxonomy>,
    /// Link targets.
    pub links: LinkIndex,
    /// Alias redirects: old site path → page index.
    pub aliases: Vec<(String, usize)>,
    /// Content assets: source file → site path.
    pub assets: Vec<(PathBuf, String)>,
    /// Site path of every content folder (a bundle's is its page's).
    pub dir_urls: HashMap<String, String>,
    /// Responsive copies planned for pages' `image`s, by page index.
    pub images: HashMap<usize, Arc<ImageSet>>,
    /// Every picture planned, pages' `image`s and body pictures alike.
    pub catalog: Catalog,
    /// Local `document`s and `file`s, by page index.
    pub attachments: HashMap<usize, Attachment>,
    /// Source file of each content asset, by site path.
    sources: HashMap<String, PathBuf>,
    /// The portal's `static/` folder.
    static_dir: PathBuf,
}

impl Resolved {
    /// The file served at a site path (`/tin-tuc/a/anh.jpg`): a content asset or a file of
    /// `static/`.
    pub fn source_of(&self, site_path: &str) -> Option<PathBuf> {
        if let Some(source) = self.sources.get(site_path) {
            return Some(source.clone());
        }
        let rel = site_path.strip_prefix('/')?;
        let unsafe_path = rel.split('/').any(|s| s.is_empty() || s == "." || s == "..") || rel.contains('\\');
        let path = self.static_dir.join(rel);
        (!unsafe_path && path.is_file()).then_some(path)
    }
}

/// Links every page and section; returns what it built and every problem it found.
pub(crate) fn resolve(config: &Config, strings: &Strings, content: &mut Content) -> (Resolved, Diagnostics) {
    let mut problems = Diagnostics::new();
    let dir_urls = assign_urls(content, &mut problems);
    let aliases = collect_aliases(content, &mut problems);
    check_duplicates(content, &aliases, &mut problems);
    let assets = place_assets(content, &dir_urls, &mut problems);
    problems.extend(crate::assets::script_files(config, content));
    let known: HashSet<&str> = assets.iter().map(|(_, url)| url.as_str()).collect();
    resolve_references(config, content, &dir_urls, &known, &mut problems);
    let sources = assets.iter().map(|(source, url)| (url.clone(), source.clone())).collect();
    let mut resolved = Resolved {
        taxonomies: Vec::new(),
        links: LinkIndex::default(),
        aliases,
        assets,
        dir_urls,
        images: HashMap::new(),
        catalog: Catalog::default(),
        attachments: HashMap::new(),
        sources,
        static_dir: config.root.join("static"),
    };
    plan_images(config, content, &mut resolved, &mut problems);
    find_attachments(config, content, &mut resolved, &mut problems);
    order_sections(content);
    resolved.taxonomies =
        TaxonomyKind::ALL.iter().map(|&k| build_taxonomy(k, config.language, strings, content)).collect();
    resolved.links = link_index(content);
    (resolved, problems)
}

/// Gives sections and pages their URLs; returns each content folder's URL.
fn assign_urls(content: &mut Content, problems: &mut Diagnostics) -> HashMap<String, String> {
    let mut dir_urls: HashMap<String, String> = HashMap::from([(String::new(), "/".to_string())]);
    let mut dirs: Vec<String> = content.pages.iter().map(|p| p.dir().to_string()).collect();
    dirs.extend(content.sections.iter().map(|s| s.dir.clone()));
    dirs.extend(content.assets.iter().map(|a| a.dir.clone()));
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        url_of_dir(&dir, &mut dir_urls, problems);
    }
    for section in &mut content.sections {
        section.url = dir_urls[&section.dir].clone();
    }
    for page in &mut content.pages {
        if let Some(url) = page_url(page, &dir_urls, problems) {
            if let Some(bundle) = &page.bundle_dir {
                dir_urls.insert(bundle.clone(), url.clone());
            }
            page.url = url;
        }
    }
    dir_urls
}

fn url_of_dir(dir: &str, urls: &mut HashMap<String, String>, problems: &mut Diagnostics) -> String {
    if let Some(url) = urls.get(dir) {
        return url.clone();
    }
    let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
    let parent_url = url_of_dir(parent, urls, problems);
    let slug = slugify(name);
    if slug.is_empty() || check_name(&slug).is_err() {
        let suggestion = if slug.is_empty() { "ten-thu-muc".into() } else { shorten(&slug) };
        let problem = Problem::UnsafeFileName { name: name.into(), suggestion };
        problems.push(Diagnostic::error(Location::file(Path::new("content").join(dir)), problem));
    }
    let url = format!("{parent_url}{slug}/");
    urls.insert(dir.to_string(), url.clone());
    url
}

fn page_url(page: &Page, dir_urls: &HashMap<String, String>, problems: &mut Diagnostics) -> Option<String> {
    let (parent_dir, own_name) = match &page.bundle_dir {
        Some(bundle) => bundle.rsplit_once('/').unwrap_or(("", bundle.as_str())),
        None => (page.dir(), page.rel.rsplit('/').next().unwrap_or(&page.rel).trim_end_matches(".md")),
    };
    let slug = match &page.meta.slug {
        Some((slug, line)) if slug.contains("..") || slug.contains('/') || slug.contains('\\') => {
            let problem = Problem::PathEscapes { field: "slug".into(), value: slug.clone() };
            problems.push(Diagnostic::error(Location::line(&page.path, *line), problem));
            return None;
        }
        Some((slug, line)) if !is_slug(slug) => {
            let suggestion = Some(slugify(slug)).filter(|s| !s.is_empty()).unwrap_or("bai-viet".into());
            let problem = Problem::BadSlug { value: slug.clone(), suggestion };
            problems.push(Diagnostic::error(Location::line(&page.path, *line), problem));
            return None;
        }
        Some((slug, line)) => match check_name(slug) {
            Ok(()) => slug.clone(),
            Err(fault) => {
                let name = slug.clone();
                let problem = OutputProblem::UnsafeName { field: "slug".into(), value: slug.clone(), name, fault };
                problems.push(Diagnostic::error(Location::line(&page.path, *line), Problem::Output(problem)));
                return None;
            }
        },
        None => slugify(own_name),
    };
    if slug.is_empty() || check_name(&slug).is_err() {
        let suggestion = if slug.is_empty() { "bai-viet".into() } else { shorten(&slug) };
        let extension = if page.bundle_dir.is_some() { "" } else { ".md" };
        let problem = Problem::UnsafeFileName { name: own_name.into(), suggestion: format!("{suggestion}{extension}") };
        problems.push(Diagnostic::error(Location::file(&page.path), problem));
        return None;
    }
    Some(format!("{}{slug}/", dir_urls.get(parent_dir).map_or("/", String::as_str)))
}

/// Checks and normalises `aliases`: `/tin-cu/a` → `/tin-cu/a/`, `/a.html` stays a file.
fn collect_aliases(content: &Content, problems: &mut Diagnostics) -> Vec<(String, usize)> {
    let mut aliases = Vec::new();
    for (i, page) in content.pages.iter().enumerate() {
        for (alias, line) in &page.meta.aliases {
            match normalize_site_path(alias) {
                Some(path) => aliases.push((path, i)),
                None => {
                    let problem = Problem::PathEscapes { field: "aliases".into(), value: alias.clone() };
                    problems.push(Diagnostic::error(Location::line(&page.path, *line), problem));
                }
            }
        }
    }
    aliases
}

/// A site path made only of safe segments, or `None` when it would leave the site.
pub(crate) fn normalize_site_path(path: &str) -> Option<String> {
    let trimmed = path.trim();
    if !trimmed.starts_with('/') || trimmed.starts_with("//") {
        return None;
    }
    let segments: Vec<&str> = trimmed.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() || !segments.iter().all(|s| is_safe_file_name(s)) {
        return None;
    }
    let joined = segments.join("/");
    Some(if joined.ends_with(".html") { format!("/{joined}") } else { format!("/{joined}/") })
}

/// A name every host can hold (see [`check_name`]), in ASCII and not hidden: what content
/// file names and aliases may use, so their URLs need no escaping.
pub(crate) fn is_safe_file_name(name: &str) -> bool {
    name.is_ascii() && !name.starts_with('.') && check_name(name).is_ok()
}

/// Two sources at one URL is an error naming both files.
fn check_duplicates(content: &Content, aliases: &[(String, usize)], problems: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let sources = content
        .sections
        .iter()
        .map(|s| (s.url.as_str(), s.path.as_path()))
        .chain(content.pages.iter().filter(|p| !p.url.is_empty()).map(|p| (p.url.as_str(), p.path.as_path())))
        .chain(aliases.iter().map(|(url, i)| (url.as_str(), content.pages[*i].path.as_path())));
    for (url, path) in sources {
        if let Some(other) = seen.insert(url, path) {
            let problem = Problem::DuplicateUrl { url: url.to_string(), other: other.to_path_buf() };
            problems.push(Diagnostic::error(Location::file(path), problem));
        }
    }
}

/// Puts each content asset beside its page or section, checking its name is safe.
fn place_assets(
    content: &Content,
    dir_urls: &HashMap<String, String>,
    problems: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let mut placed = Vec::with_capacity(content.assets.len());
    for asset in &content.assets {
        if !is_safe_file_name(&asset.name) {
            let suggestion = safe_file_name(&asset.name);
            let problem = Problem::UnsafeFileName { name: asset.name.clone(), suggestion };
            let shown = Path::new("content").join(&asset.dir).join(&asset.name);
            problems.push(Diagnostic::error(Location::file(shown), problem));
            continue;
        }
        let dir_url = dir_urls.get(&asset.dir).map_or("/", String::as_str);
        placed.push((asset.source.clone(), format!("{dir_url}{}", asset.name)));
    }
    placed
}

/// `Ảnh Hội Sách.JPG` → `anh-hoi-sach.jpg`.
fn safe_file_name(name: &str) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = Some(slugify(stem)).filter(|s| !s.is_empty()).unwrap_or("tep".into());
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{}", slugify(ext))
    }
}

/// Resolves `image`, `document` and `file` against the bundle, `static/` or the web.
fn resolve_references(
    config: &Config,
    content: &mut Content,
    dir_urls: &HashMap<String, String>,
    known: &HashSet<&str>,
    problems: &mut Diagnostics,
) {
    let static_dir = config.root.join("static");
    for page in &mut content.pages {
        // Relative references are relative to the page's folder (its bundle, if it has one).
        let base = dir_urls.get(page.dir()).cloned().unwrap_or_else(|| "/".into());
        let refs = reference_fields(page);
        let mut resolve = |field: &str, value: &str, line: usize| -> Option<String> {
            let at = Location::line(&page.path, line);
            match resolve_reference(value, &base, known, &static_dir) {
                Ok(url) if url.starts_with('/') => Some(config.link(&url)),
                Ok(url) => Some(url),
                Err(problem) => {
                    problems.push(Diagnostic::error(at, problem(field.to_string(), value.to_string())));
                    None
                }
            }
        };
        let image_url = refs.image.and_then(|(v, l)| resolve("image", &v, l));
        let attachment_url = refs.attachment.and_then(|(f, v, l)| resolve(f, &v, l));
        page.image_url = image_url;
        page.attachment_url = attachment_url;
    }
}

struct References {
    image: Option<(String, usize)>,
    attachment: Option<(&'static str, String, usize)>,
}

fn reference_fields(page: &Page) -> References {
    let attachment = match &page.meta.extra {
        KindMeta::Plan(p) => p.document.clone().map(|(v, l)| ("document", v, l)),
        KindMeta::Resource(r) => r.file.clone().map(|(v, l)| ("file", v, l)),
        _ => None,
    };
    References { image: page.meta.image.clone(), attachment }
}

type ProblemFn = fn(String, String) -> Problem;

fn resolve_reference(value: &str, base: &str, known: &HashSet<&str>, static_dir: &Path) -> Result<String, ProblemFn> {
    if value.starts_with("https://") || value.starts_with("http://") {
        return Ok(value.to_string());
    }
    let escapes: ProblemFn = |field, value| Problem::PathEscapes { field, value };
    let missing: ProblemFn = |field, value| Problem::MissingFile { field, value };
    if value.contains("..") || value.contains('\\') || value.contains(':') {
        return Err(escapes);
    }
    let url = if value.starts_with('/') { value.to_string() } else { format!("{base}{value}") };
    let in_static = url.starts_with('/') && static_dir.join(url.trim_start_matches('/')).is_file();
    if known.contains(url.as_str()) || in_static {
        Ok(url)
    } else {
        Err(missing)
    }
}

/// Plans the copies of every page's local `image`; a picture that cannot be shown is an
/// error at the `image` line.
fn plan_images(config: &Config, content: &Content, resolved: &mut Resolved, problems: &mut Diagnostics) {
    use rayon::prelude::*;
    let wanted: Vec<(usize, PathBuf, String, String, Location)> = content
        .pages
        .iter()
        .enumerate()
        .filter_map(|(i, page)| {
            let link = page.image_url.as_deref()?;
            let path = link.strip_prefix(config.base_path.as_str()).filter(|p| p.starts_with('/'))?;
            let (value, line) = page.meta.image.clone()?;
            Some((i, resolved.source_of(path)?, path.to_string(), value, Location::line(&page.path, line)))
        })
        .collect();
    let catalog = &resolved.catalog;
    let planned: Vec<_> = wanted
        .into_par_iter()
        .map(|(i, source, path, value, at)| (i, catalog.plan(&source, &path, &value, &at), at))
        .collect();
    for (i, planned, at) in planned {
        match planned {
            Ok(Some(set)) => {
                resolved.images.insert(i, set);
            }
            Ok(None) => {}
            Err(problem) => problems.push(Diagnostic::error(at, Problem::Image(problem))),
        }
    }
}

/// Reads the size of every page's local `document` or `file`; warns about large files and
/// old Office formats at the field's line.
fn find_attachments(config: &Config, content: &Content, resolved: &mut Resolved, problems: &mut Diagnostics) {
    for (i, page) in content.pages.iter().enumerate() {
        let Some(link) = page.attachment_url.as_deref() else { continue };
        let Some(path) = link.strip_prefix(config.base_path.as_str()).filter(|p| p.starts_with('/')) else { continue };
        let Some(attachment) = resolved.source_of(path).as_deref().and_then(Attachment::of) else { continue };
        if let Some((_, value, line)) = reference_fields(page).attachment {
            for problem in attachment.problems(&value, config.attachment_warn_mib) {
                problems.push(Diagnostic::warning(Location::line(&page.path, line), Problem::Attachment(problem)));
            }
        }
        resolved.attachments.insert(i, attachment);
    }
}

/// Fills each section's page list in display order.
fn order_sections(content: &mut Content) {
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); content.sections.len()];
    for (i, page) in content.pages.iter().enumerate() {
        if page.section != 0 || page.kind != Kind::Pages {
            lists[page.section].push(i);
        }
    }
    for (section, list) in content.sections.iter_mut().zip(lists) {
        section.pages = list;
        let pages = &content.pages;
        match section.meta.sort_by.as_deref() {
            Some("weight") => section.pages.sort_by(|&a, &b| {
                (pages[a].meta.weight, &pages[a].meta.title).cmp(&(pages[b].meta.weight, &pages[b].meta.title))
            }),
            Some("title") => section.pages.sort_by_cached_key(|&i| slugify(&pages[i].meta.title)),
            _ => sort_newest_first(&mut section.pages, pages),
        }
    }
}

/// Newest first; undated pages last, then by title.
pub(crate) fn sort_newest_first(list: &mut [usize], pages: &[Page]) {
    list.sort_by(|&a, &b| {
        let key = |i: usize| (Reverse(pages[i].sort_date()), &pages[i].meta.title);
        key(a).cmp(&key(b))
    });
}

fn build_taxonomy(kind: TaxonomyKind, lang: Language, strings: &Strings, content: &Content) -> Taxonomy {
    let url = format!("/{}/", kind.path_segment(lang));
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for (i, page) in content.pages.iter().enumerate() {
        for value in kind.values(page) {
            let slug = slugify(value);
            if slug.is_empty() {
                continue;
            }
            let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                name: kind.label(value, strings),
                url: format!("{url}{slug}/"),
                slug,
                pages: Vec::new(),
            });
            if term.pages.last() != Some(&i) {
                term.pages.push(i);
            }
        }
    }
    let mut terms: Vec<Term> = terms.into_values().collect();
    for term in &mut terms {
        sort_newest_first(&mut term.pages, &content.pages);
    }
    Taxonomy { kind, url, terms }
}

/// The `@/` name of a section's `_index.md`.
pub(crate) fn section_rel(dir: &str) -> String {
    if dir.is_empty() {
        "_index.md".into()
    } else {
        format!("{dir}/_index.md")
    }
}

fn link_index(content: &Content) -> LinkIndex {
    let mut urls = HashMap::with_capacity(content.pages.len() + content.sections.len());
    for page in &content.pages {
        urls.insert(page.rel.clone(), page.url.clone());
    }
    for section in &content.sections {
        urls.insert(section_rel(&section.dir), section.url.clone());
    }
    LinkIndex {
        urls,
        anchors: HashMap::new(),
        unpublished: content.unpublished.clone(),
        failed: content.failed.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_stay_inside_the_site() {
        assert_eq!(normalize_site_path("/tin-cu/bai-1"), Some("/tin-cu/bai-1/".into()));
        assert_eq!(normalize_site_path("/cu/trang.html"), Some("/cu/trang.html".into()));
        assert_eq!(normalize_site_path("/../etc/passwd"), None);
        assert_eq!(normalize_site_path("tin-cu"), None);
        assert_eq!(normalize_site_path("//evil.example/x"), None);
        assert_eq!(normalize_site_path("/a/CON/"), None);
    }

    #[test]
    fn file_names_are_made_safe() {
        assert!(is_safe_file_name("anh-1.jpg"));
        assert!(!is_safe_file_name("Ảnh 1.jpg"));
        assert!(!is_safe_file_name("aux.txt"));
        assert_eq!(safe_file_name("Ảnh Hội Sách.JPG"), "anh-hoi-sach.jpg");
    }

    #[test]
    fn links_resolve_with_fragments_and_suggest_near_misses() {
        let mut index = LinkIndex::default();
        index.urls.insert("tin-tuc/a.md".into(), "/tin-tuc/a/".into());
        assert_eq!(index.resolve("tin-tuc/a.md#muc-1"), Ok("/tin-tuc/a/#muc-1".into()));
        assert_eq!(
            index.resolve("tin-tuc/b.md"),
            Err(Problem::BrokenLink { target: "@/tin-tuc/b.md".into(), suggestion: Some("@/tin-tuc/a.md".into()) })
        );
    }
}
