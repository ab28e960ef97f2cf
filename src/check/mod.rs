//! `hoctap check`: everything a build validates, plus the links a build cannot see.
//!
//! The stages: load the site and collect every content problem ([`Site::load_all`]), render
//! it into memory (templates are checked and the set of produced files is known, nothing is
//! written), then check every link written in markdown against those files and their ids,
//! the menu's site links, plan indicator ids (when the ids are known), placeholder URLs, and
//! with [`ExternalOptions`] every external URL over HTTP.

pub mod external;
mod site_links;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::Config;
use crate::content::KindMeta;
use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location, Problem, Result};
use crate::output::Output;
use crate::Site;

pub use external::ExternalOptions;
use site_links::{classify, SiteFiles, Target};

/// What to check beyond what a build checks.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Check external links over HTTP too.
    pub external: Option<ExternalOptions>,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every problem (errors and warnings), sorted by place.
    pub problems: Diagnostics,
    /// Pages checked.
    pub pages: usize,
    /// Links and images within the site that were followed.
    pub site_links: usize,
    /// External URLs checked over HTTP (each once), and how many of them came from the cache.
    pub external: Option<(usize, usize)>,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
}

impl CheckReport {
    /// Errors found (warnings do not count).
    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|d| !d.warning).count()
    }

    /// Warnings found.
    pub fn warning_count(&self) -> usize {
        self.problems.iter().filter(|d| d.warning).count()
    }
}

/// One link found in the portal's sources: what it says and where it was written.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    target: Target,
    written: String,
    at: Location,
}

/// Checks the portal; content problems are part of the report, not an `Err`.
///
/// `Err` is kept for what stops a check from running at all (a missing theme, unreadable
/// files), as with `build`.
pub fn check(config: Config, options: &CheckOptions) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let (site, mut problems) = Site::load_all(config, &mut report.timings)?;
    problems.extend(site.content.warnings.iter().cloned());
    let references = collect_references(&site);
    match render_in_memory(&site, &mut report.timings) {
        Ok(files) => {
            problems.extend(host_limits(&site.config, &files));
            let mut files = SiteFiles::new(files, &site.config.base_path);
            let site_refs: Vec<&Reference> =
                references.iter().filter(|r| matches!(r.target, Target::Site { .. })).collect();
            report.site_links = site_refs.len();
            problems.extend(site_refs.into_iter().filter_map(|r| {
                let problem = files.check(&r.target, &r.written).err()?;
                Some(Diagnostic::error(r.at.clone(), problem))
            }));
        }
        // Without the produced files there is nothing to check site links against.
        Err(mut found) => problems.append(&mut found),
    }
    problems.extend(references.iter().filter_map(leaves_site));
    problems.extend(placeholder_links(&references));
    problems.extend(placeholder_base_url(&site.config));
    if let Some(external) = &options.external {
        let start = std::time::Instant::now();
        let (found, checked, cached) = external::check_references(&site.config.root, &references, external);
        problems.extend(found);
        report.external = Some((checked, cached));
        report.timings.push(("external", start.elapsed()));
    }
    problems.sort_by(|a, b| a.location.cmp(&b.location));
    problems.dedup();
    report.pages = site.content.pages.len();
    report.problems = problems;
    Ok(report)
}

/// Warnings for the limits of `[deploy] host` that the output breaks, at the `host` line.
fn host_limits(config: &Config, files: &std::collections::BTreeMap<String, Vec<u8>>) -> Diagnostics {
    let Some(deploy) = config.deploy else { return Diagnostics::new() };
    let sizes: Vec<(&str, u64)> = files.iter().map(|(path, bytes)| (path.as_str(), bytes.len() as u64)).collect();
    let text = std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let line = crate::config::table_key_line(&text, "deploy", "host");
    let location = Location { path: crate::config::CONFIG_FILE.into(), line, column: None };
    crate::deploy::broken_limits(deploy.host, &sizes)
        .into_iter()
        .map(|p| Diagnostic::warning(location.clone(), p))
        .collect()
}

/// A warning when `base_url` is still a domain reserved for examples, such as the
/// `https://example.org` that `hoctap init` writes.
fn placeholder_base_url(config: &Config) -> Option<Diagnostic> {
    if !external::is_placeholder(&config.base_url) {
        return None;
    }
    let location = Location { path: crate::config::CONFIG_FILE.into(), line: config.base_url_line, column: None };
    Some(Diagnostic::warning(location, Problem::PlaceholderBaseUrl { value: config.base_url.clone() }))
}

/// Renders every output file into memory; a template or stylesheet error, or an output path
/// claimed twice, becomes a problem.
fn render_in_memory(
    site: &Site,
    timings: &mut Vec<(&'static str, Duration)>,
) -> std::result::Result<std::collections::BTreeMap<String, Vec<u8>>, Diagnostics> {
    let output = Output::memory();
    let failure = match site.write(&output, chrono::Utc::now().fixed_offset(), timings) {
        Ok(_) => {
            let claims = output.claim_problems();
            return if claims.is_empty() { Ok(output.into_files().unwrap_or_default()) } else { Err(claims) };
        }
        Err(Error::Content(mut found)) if !found.is_empty() => vec![found.remove(0)],
        Err(error) => error.to_diagnostics(),
    };
    Err(failure)
}

/// Every link of every page and section body, the URL fields of front matter and the menu.
fn collect_references(site: &Site) -> Vec<Reference> {
    let mut found = Vec::new();
    let dir_url = |dir: &str| site.resolved.dir_urls.get(dir).cloned().unwrap_or_else(|| "/".into());
    let bodies = site.content.pages.iter().map(|p| (&p.path, &p.rendered, p.url.clone(), dir_url(p.dir())));
    let sections = site.content.sections.iter().map(|s| (&s.path, &s.rendered, s.url.clone(), s.url.clone()));
    for (path, rendered, own_url, base) in bodies.chain(sections) {
        for link in &rendered.links {
            let at = Location { path: path.clone(), line: Some(link.line), column: Some(link.column) };
            let target = classify(&link.target, &own_url, &base);
            found.push(Reference { target, written: link.target.clone(), at });
        }
    }
    let mut sources = SourceFiles::new(&site.config.root);
    for page in &site.content.pages {
        for value in front_matter_urls(&page.meta.extra, page.meta.image.as_ref().map(|(v, _)| v.as_str())) {
            let target = classify(value, &page.url, "/");
            if matches!(target, Target::External(_)) {
                let at = sources.find(&page.path, value);
                found.push(Reference { target, written: value.to_string(), at });
            }
        }
    }
    for item in &site.config.menu {
        let at = sources.find(Path::new(crate::config::CONFIG_FILE), &item.url);
        found.push(Reference { target: classify(&item.url, "/", "/"), written: item.url.clone(), at });
    }
    found
}

/// URLs written in a page's front matter: a resource's `url` and `file`, an event's
/// `registration`, a plan's `document`, the `image`.
fn front_matter_urls<'a>(extra: &'a KindMeta, image: Option<&'a str>) -> Vec<&'a str> {
    let mut urls: Vec<&str> = image.into_iter().collect();
    match extra {
        KindMeta::Resource(r) => {
            urls.push(&r.url);
            urls.extend(r.file.as_ref().map(|(v, _)| v.as_str()));
        }
        KindMeta::Event(e) => urls.push(&e.registration),
        KindMeta::Plan(p) => urls.extend(p.document.as_ref().map(|(v, _)| v.as_str())),
        _ => {}
    }
    urls.retain(|u| !u.is_empty());
    urls
}

fn leaves_site(reference: &Reference) -> Option<Diagnostic> {
    matches!(reference.target, Target::LeavesSite)
        .then(|| Diagnostic::error(reference.at.clone(), Problem::LinkLeavesSite { target: reference.written.clone() }))
}

/// A warning for each link to a domain reserved for examples (RFC 2606), such as the
/// placeholders `hoctap new` writes.
fn placeholder_links(references: &[Reference]) -> Diagnostics {
    references
        .iter()
        .filter_map(|r| match &r.target {
            Target::External(url) if external::is_placeholder(url) => {
                Some(Diagnostic::warning(r.at.clone(), Problem::PlaceholderLink { url: r.written.clone() }))
            }
            _ => None,
        })
        .collect()
}

/// Source files read back to find where a front-matter value was written.
struct SourceFiles {
    root: PathBuf,
    texts: std::collections::HashMap<PathBuf, String>,
}

impl SourceFiles {
    fn new(root: &Path) -> SourceFiles {
        SourceFiles { root: root.to_path_buf(), texts: Default::default() }
    }

    /// The line and column of the first `needle` in the file, else the file alone.
    fn find(&mut self, path: &Path, needle: &str) -> Location {
        let root = &self.root;
        let text = self
            .texts
            .entry(path.to_path_buf())
            .or_insert_with(|| crate::fs::read_text(&root.join(path)).unwrap_or_default());
        match text.find(needle) {
            Some(offset) => {
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                Location {
                    path: path.to_path_buf(),
                    line: Some(crate::location::line_of(text, offset)),
                    column: Some(text[line_start..offset].chars().count() + 1),
                }
            }
            None => Location::file(path),
        }
    }
}
