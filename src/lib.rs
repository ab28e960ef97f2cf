//! hoctap: a static site generator for Vietnamese learning-society portals.
//!
//! A build is a list of stages: config → load content → resolve links → render markdown →
//! search index → render templates → assets → swap the staging folder into place. [`build`] runs them.

pub mod allocator;
pub mod archetype;
pub(crate) mod assets;
pub(crate) mod attachments;
pub mod check;
pub(crate) mod cms;
pub mod config;
pub mod content;
pub(crate) mod dates;
pub(crate) mod deploy;
pub mod diagnostics;
pub(crate) mod fingerprint;
pub(crate) mod fs;
pub(crate) mod identity;
pub(crate) mod images;
pub mod import;
pub mod indicators;
pub mod language;
pub(crate) mod location;
pub mod markdown;
pub mod output;
mod plan;
pub(crate) mod render;
pub(crate) mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;
pub(crate) mod slug;
pub(crate) mod theme;
pub(crate) mod url_policy;
pub mod urls;

use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use config::{Config, Overrides};
use content::Content;
pub use diagnostics::{Diagnostic, Diagnostics, Error, Result};
use indicators::Indicators;
pub use language::Language;
use output::Output;
use resolve::Resolved;
use theme::{Strings, Theme};

/// A loaded, linked and markdown-rendered portal, ready to be written.
pub struct Site {
    /// Validated configuration.
    pub config: Config,
    /// Theme layers.
    pub theme: Theme,
    /// UI strings of the portal's language.
    pub strings: Strings,
    /// Pages, sections, assets.
    pub content: Content,
    /// URLs, taxonomies, aliases.
    pub resolved: Resolved,
    /// Indicator data of `kind = "indicators"` sections.
    pub indicators: Indicators,
}

/// What the write stages leave for `serve` to reuse.
pub(crate) struct Written {
    pub(crate) html_files: usize,
    pub(crate) templates: render::Templates,
    pub(crate) css_url: String,
    pub(crate) items: Vec<render::ListItem>,
    pub(crate) search: search::Links,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages (markdown files) built.
    pub pages: usize,
    /// Sections, home included.
    pub sections: usize,
    /// HTML files rendered through templates.
    pub html_files: usize,
    /// Every file written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Time per stage (`search` and `render` run at the same time, so these overlap).
    pub timings: Vec<(&'static str, Duration)>,
    /// Wall-clock time of the whole build.
    pub wall_time: Duration,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
    /// Nothing changed since the last build, so nothing was written.
    pub unchanged: bool,
    /// For an update of an existing output: how many files were rewritten.
    pub changed_files: Option<usize>,
}

/// Times one stage into `timings`.
fn timed<T>(timings: &mut Vec<(&'static str, Duration)>, stage: &'static str, f: impl FnOnce() -> T) -> T {
    let (value, took) = measured(f);
    timings.push((stage, took));
    value
}

fn measured<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Builds the portal into its output folder; the old output stays untouched on failure.
///
/// The output folder is checked first: hoctap writes only into a missing or empty folder or
/// one an earlier build made. When nothing the output depends on has changed since the last
/// build, nothing is written; after a change, only the files whose bytes changed are.
pub fn build(config: Config) -> Result<BuildReport> {
    let start = Instant::now();
    let folder = output::OutputFolder::claim(&config).map_err(Error::Output)?;
    let mut timings = Vec::new();
    let (mut site, problems) = Site::load_sources(config, &mut timings)?;
    let now = chrono::Utc::now().fixed_offset();
    // The fingerprint needs no rendered markdown: a rebuild with nothing changed stops before
    // the markdown stage, the costliest part of loading. A build with the same inputs that
    // had problems never recorded its fingerprint, so a match means none were found.
    let fingerprint = timed(&mut timings, "fingerprint", || fingerprint::of_site(&site, now))?;
    if problems.is_empty() && folder.is_up_to_date(fingerprint) {
        let mut report = site.report(0, &Output::memory(), timings, start);
        report.unchanged = true;
        return Ok(report);
    }
    let problems = site.render_bodies(problems, &mut timings);
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    let mut output = Output::for_folder(&folder)?;
    let mut html_files = write_or_abandon(&mut site, &output, now, &mut timings)?;
    if output.overflowed() {
        // Most of a large site changed: streaming into a staging folder beats holding it all.
        output = Output::staged(&folder)?;
        html_files = write_or_abandon(&mut site, &output, now, &mut timings)?;
    }
    timed(&mut timings, "commit", || output.commit(fingerprint)).inspect_err(|_| output.abandon())?;
    Ok(site.report(html_files, &output, timings, start))
}

fn write_or_abandon(site: &mut Site, output: &Output, now: Now, timings: &mut Timings) -> Result<usize> {
    let handed = timed(timings, "records", || Handover::from_site(site, output.is_final()));
    let written = site.write_all(handed, output, now, timings);
    written.map(|w| w.html_files).inspect_err(|_| output.abandon())
}

/// The build's one reading of the clock: publishing and "upcoming" decisions use it.
pub type Now = chrono::DateTime<chrono::FixedOffset>;
/// Time per stage.
pub type Timings = Vec<(&'static str, Duration)>;

impl Site {
    /// Runs every stage up to rendered markdown, collecting all content problems.
    pub fn load(config: Config, timings: &mut Vec<(&'static str, Duration)>) -> Result<Site> {
        let (site, problems) = Site::load_all(config, timings)?;
        if problems.is_empty() {
            Ok(site)
        } else {
            Err(Error::Content(problems))
        }
    }

    /// Like [`Site::load`], but returns what did load even when the content has problems,
    /// with every problem sorted by place, so `check` can go on to look at links.
    pub fn load_all(config: Config, timings: &mut Vec<(&'static str, Duration)>) -> Result<(Site, Diagnostics)> {
        let (mut site, problems) = Site::load_sources(config, timings)?;
        let problems = site.render_bodies(problems, timings);
        Ok((site, problems))
    }

    /// Every stage before markdown: the site with its bodies not yet rendered, and the
    /// problems found so far (errors only; warnings go with the content's).
    fn load_sources(config: Config, timings: &mut Timings) -> Result<(Site, Diagnostics)> {
        let theme = Theme::load(&config)?;
        let strings = theme.strings(config.language)?;
        let mut content = timed(timings, "load", || content::load(&config))?;
        // The config's own warnings (an obsolete key) are reported with the content's.
        content.warnings.splice(0..0, config.warnings.iter().cloned());
        let mut problems = std::mem::take(&mut content.problems);
        let (mut indicators, mut found) =
            timed(timings, "indicators", || Indicators::load(&mut content, config.drafts));
        problems.append(&mut found);
        let (resolved, mut found) = link_sources(&config, &strings, &mut content, &mut indicators, timings);
        problems.append(&mut found);
        let mut site = Site { config, theme, strings, content, resolved, indicators };
        let problems = site.keep_warnings(problems);
        Ok((site, problems))
    }

    /// The markdown stage; returns every problem (those found before it, `problems`,
    /// included) sorted by place.
    fn render_bodies(&mut self, mut problems: Diagnostics, timings: &mut Timings) -> Diagnostics {
        let inputs = EmbedInputs { strings: &self.strings, indicators: &self.indicators };
        let (config, content, resolved) = (&self.config, &mut self.content, &mut self.resolved);
        let found = timed(timings, "markdown", || render_markdown_of(config, &inputs, content, resolved, None));
        problems.append(&mut self.keep_warnings(found));
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        problems
    }

    /// Warnings (a dropped heading attribute) do not stop the build: they are kept to be
    /// reported with it; the errors are returned.
    fn keep_warnings(&mut self, problems: Diagnostics) -> Diagnostics {
        let (warnings, errors): (Diagnostics, Diagnostics) = problems.into_iter().partition(|d| d.warning);
        self.content.warnings.extend(warnings);
        errors
    }

    /// Renders templates and copies assets into `output`; returns the number of HTML pages.
    pub fn write(&self, output: &Output, now: Now, timings: &mut Timings) -> Result<usize> {
        self.write_all(Handover::shared(self), output, now, timings).map(|written| written.html_files)
    }

    /// Every write stage, the search index built from what `handed` holds, returning what
    /// `serve` keeps for incremental renders.
    pub(crate) fn write_all(
        &self,
        handed: Handover,
        output: &Output,
        now: Now,
        timings: &mut Timings,
    ) -> Result<Written> {
        let templates = timed(timings, "templates", || render::Templates::load(&self.theme))?;
        let (css_path, css) = timed(timings, "css", || assets::bundle_css(&self.theme))?;
        output.write(&css_path, &css, output::Owner::Generated(output::Generated::Theme))?;
        let css_url = self.config.link(&css_path);
        cms::write_admin(self, &css_url, output)?;
        let search = search::write_links(self, output)?;
        let base = self.config.base_path.as_str();
        let script = search.script.strip_prefix(base).unwrap_or(&search.script);
        let loader = search.loader.strip_prefix(base).unwrap_or(&search.loader);
        deploy::write_host_files(self, &[&css_path, script, loader], output)?;
        // The index and the pages do not depend on each other. Built at the same time, each
        // keeps the cores busy through the other's sequential steps (joins, feeds, sitemap).
        let ((indexed, index_took), (rendered, render_took)) = rayon::join(
            || measured(|| search::write_index(handed.search, output)),
            || measured(|| render::render_site(self, &templates, &css_url, &search, now, output, handed.page_html)),
        );
        timings.extend([("search", index_took), ("render", render_took)]);
        indexed?;
        let (html_files, items) = rendered?;
        timed(timings, "images", || self.write_images(output))?;
        timed(timings, "copy", || assets::copy_files(self, output))?;
        Ok(Written { html_files, templates, css_url, items, search })
    }

    /// Runs the link stages again after page `index` was reloaded (see [`link_sources`]),
    /// then renders that page's markdown; returns their problems, warnings included.
    pub(crate) fn relink(&mut self, index: usize) -> Diagnostics {
        let timings = &mut Vec::new();
        let content = &mut self.content;
        let (mut resolved, mut problems) =
            link_sources(&self.config, &self.strings, content, &mut self.indicators, timings);
        let inputs = EmbedInputs { strings: &self.strings, indicators: &self.indicators };
        problems.append(&mut render_markdown_of(&self.config, &inputs, content, &mut resolved, Some(index)));
        self.resolved = resolved;
        problems
    }

    /// The picture that stands for page `index` where it is shared (`og:image`, JSON-LD): its
    /// widest copy up to 1200 pixels, else its `image` as written (remote pictures, GIF).
    pub fn share_image(&self, index: usize) -> Option<String> {
        let page = &self.content.pages[index];
        match self.resolved.images.get(&index) {
            Some(set) => Some(set.view(|p| self.config.link(p)).share),
            None => page.image_url.clone(),
        }
    }

    fn write_images(&self, output: &Output) -> Result<()> {
        images::write_copies(&self.resolved.catalog.sets(), &self.config.root, output)
    }

    fn report(&self, html_files: usize, output: &Output, timings: Timings, start: Instant) -> BuildReport {
        BuildReport {
            pages: self.content.pages.len(),
            sections: self.content.sections.len(),
            html_files,
            files: output.file_count(),
            bytes: output.byte_count(),
            timings,
            wall_time: start.elapsed(),
            warnings: self.content.warnings.clone(),
            unchanged: false,
            changed_files: output.changed_count(),
        }
    }
}

/// What a write takes from the site rather than reads in it: the search records, and in a
/// one-shot build the largest parts of the rendered pages, each freed once it is used.
pub(crate) struct Handover {
    search: search::Prepared,
    page_html: Option<render::PageHtml>,
}

impl Handover {
    /// Only the search records; the site keeps everything (`serve` writes it again).
    pub(crate) fn shared(site: &Site) -> Handover {
        Handover { search: search::prepare(site), page_html: None }
    }

    /// The search records, and when `last` (the site will not be written again) the pages'
    /// text per heading (the records get the only copy: the index frees it once indexed) and
    /// their body HTML (each freed once its page is rendered): together they are three
    /// quarters of a loaded site's memory. Nothing else in a write reads them; preparing
    /// the records or rendering the pages again would find them gone.
    fn from_site(site: &mut Site, last: bool) -> Handover {
        let mut handed = Handover::shared(site);
        if last {
            for page in &mut site.content.pages {
                page.rendered.sections = std::sync::Arc::from([]);
            }
            handed.page_html = Some(render::PageHtml::take_from(site));
        }
        handed
    }
}

/// The stages between loading and markdown, in their one order: resolve URLs, links and
/// terms; check the indicators that pages name. Markdown follows ([`Site::render_bodies`]
/// in `build`, one page in [`Site::relink`] for `serve`); `build` takes its fingerprint in
/// between, so a rebuild with nothing changed skips markdown.
fn link_sources(
    config: &Config,
    strings: &Strings,
    content: &mut Content,
    indicators: &mut Indicators,
    timings: &mut Timings,
) -> (Resolved, Diagnostics) {
    let (resolved, mut problems) = timed(timings, "resolve", || resolve::resolve(config, strings, content));
    problems.append(&mut indicators.resolve(content));
    (resolved, problems)
}

/// What the markdown stage needs to expand `{{ chi_so(…) }}` shortcodes.
struct EmbedInputs<'a> {
    /// UI strings of the portal's language.
    pub(crate) strings: &'a Strings,
    /// The loaded indicators.
    pub(crate) indicators: &'a Indicators,
}

/// Renders the bodies of all pages, or of one page (`only`) when the rest are already
/// rendered; sections are few and always rendered. Anchors are checked site-wide.
fn render_markdown_of(
    config: &Config,
    inputs: &EmbedInputs<'_>,
    content: &mut Content,
    resolved: &mut Resolved,
    only: Option<usize>,
) -> Diagnostics {
    let views = indicators::view::Views::new(config, inputs.strings, inputs.indicators);
    let embed = |text: &str| indicators::embed::expand(&views, text);
    let links = &resolved.links;
    let resolve_link = |target: &str| links.resolve(target);
    let attachment = |site_path: &str| {
        let found = attachments::Attachment::of(&resolved.source_of(site_path)?)?;
        let value = site_path.rsplit('/').next().unwrap_or(site_path);
        let warnings =
            found.problems(value, config.attachment_warn_mib).into_iter().map(diagnostics::Problem::Attachment);
        Some((found.label(config.language), warnings.collect()))
    };
    let render_one = |path: &std::path::Path, body: &str, body_line: usize, summary: Option<&str>, base: &str| {
        let picture = |site_path: &str, alt: &str, line: usize| {
            let source = resolved.source_of(site_path)?;
            let value = site_path.rsplit('/').next().unwrap_or(site_path);
            let at = diagnostics::Location::line(path, line);
            match resolved.catalog.plan(&source, site_path, value, &at) {
                Ok(Some(set)) => Some(Ok(set.view(|p| config.link(p)).html(alt, true))),
                Ok(None) => None,
                Err(problem) => Some(Err(diagnostics::Problem::Image(problem))),
            }
        };
        let cx = markdown::Context {
            path,
            body_line,
            allow_html: config.allow_html,
            base_path: &config.base_path,
            relative_base: base,
            resolve_link: &resolve_link,
            picture: &picture,
            attachment: &attachment,
        };
        markdown::render_with_embeds(body, summary, &cx, &embed)
    };
    let mut problems: Diagnostics = content
        .pages
        .par_iter_mut()
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|o| o == *i))
        .flat_map_iter(|(_, page)| {
            let base = resolved.dir_urls.get(page.dir()).map_or("/", String::as_str);
            let (rendered, problems) =
                render_one(&page.path, &page.body, page.body_line, page.meta.summary.as_deref(), base);
            page.rendered = rendered;
            // The markdown is not needed again (serve reads a saved file anew): free it.
            page.body = String::new();
            problems
        })
        .collect();
    for section in &mut content.sections {
        let (rendered, mut found) =
            render_one(&section.path, &section.body, section.body_line, section.meta.summary.as_deref(), &section.url);
        section.rendered = rendered;
        problems.append(&mut found);
    }
    for page in &content.pages {
        resolved.links.set_anchors(&page.rel, &page.rendered.anchors);
    }
    for section in &content.sections {
        resolved.links.set_anchors(&resolve::section_rel(&section.dir), &section.rendered.anchors);
    }
    problems.extend(check_anchors(content, &resolved.links));
    problems
}

/// Every `@/file.md#anchor` must name a heading of that file.
fn check_anchors(content: &Content, links: &resolve::LinkIndex) -> Diagnostics {
    let pages = content.pages.iter().map(|p| (&p.path, &p.rendered));
    let sections = content.sections.iter().map(|s| (&s.path, &s.rendered));
    let mut problems = Diagnostics::new();
    for (path, rendered) in pages.chain(sections) {
        for (file, anchor, line) in &rendered.anchor_links {
            if let Err(problem) = links.check_anchor(file, anchor) {
                problems.push(Diagnostic::error(diagnostics::Location::line(path, *line), problem));
            }
        }
    }
    problems
}
