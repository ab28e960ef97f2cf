//! hoctap: a static site generator for Vietnamese learning-society portals.
//!
//! A build is a list of stages: config → load content → resolve links → render markdown →
//! render templates → assets → swap the staging folder into place. [`build`] runs them.

pub mod assets;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod fs;
pub mod indicators;
pub mod markdown;
pub mod output;
pub mod render;
pub mod resolve;
pub mod slug;
pub mod theme;

use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use config::{Config, Language, Overrides};
pub use diagnostics::{Diagnostic, Diagnostics, Error, Result};
use content::Content;
use indicators::Indicators;
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
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
}

impl BuildReport {
    /// Total time of all stages.
    pub fn elapsed(&self) -> Duration {
        self.timings.iter().map(|(_, d)| *d).sum()
    }
}

/// Times one stage into `timings`.
fn timed<T>(timings: &mut Vec<(&'static str, Duration)>, stage: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    timings.push((stage, start.elapsed()));
    value
}

/// Builds the portal into its output folder; the old output stays untouched on failure.
pub fn build(config: Config) -> Result<BuildReport> {
    let mut timings = Vec::new();
    let site = Site::load(config, &mut timings)?;
    let output = Output::staging(&site.config.output_dir)?;
    match site.write(&output, &mut timings) {
        Ok(html_files) => {
            timed(&mut timings, "swap", || output.commit())?;
            Ok(site.report(html_files, &output, timings))
        }
        Err(e) => {
            output.abandon();
            Err(e)
        }
    }
}

impl Site {
    /// Runs every stage up to rendered markdown, collecting all content problems.
    pub fn load(config: Config, timings: &mut Vec<(&'static str, Duration)>) -> Result<Site> {
        let theme = Theme::load(&config)?;
        let strings = theme.strings(config.language)?;
        let mut content = timed(timings, "load", || content::load(&config))?;
        let mut problems = std::mem::take(&mut content.problems);
        let (mut indicators, mut found) = timed(timings, "indicators", || Indicators::load(&mut content));
        problems.append(&mut found);
        let (mut resolved, mut found) = timed(timings, "resolve", || resolve::resolve(&config, &strings, &mut content));
        problems.append(&mut found);
        problems.append(&mut indicators.resolve(&content));
        let views = indicators::view::Views::new(&config, &strings, &indicators);
        let embed = |text: &str| indicators::embed::expand(&views, text);
        let mut found = timed(timings, "markdown", || render_markdown(&config, &mut content, &mut resolved, &embed));
        problems.append(&mut found);
        if !problems.is_empty() {
            problems.sort_by(|a, b| a.location.cmp(&b.location));
            return Err(Error::Content(problems));
        }
        Ok(Site { config, theme, strings, content, resolved, indicators })
    }

    /// Renders templates and copies assets into `output`; returns the number of HTML pages.
    pub fn write(&self, output: &Output, timings: &mut Vec<(&'static str, Duration)>) -> Result<usize> {
        let templates = timed(timings, "templates", || render::Templates::load(&self.theme))?;
        let (css_path, css) = timed(timings, "css", || assets::bundle_css(&self.theme))?;
        output.write(&css_path, &css)?;
        let css_url = self.config.link(&css_path);
        let html_files = timed(timings, "render", || render::render_site(self, &templates, &css_url, output))?;
        timed(timings, "copy", || assets::copy_files(self, output))?;
        Ok(html_files)
    }

    fn report(&self, html_files: usize, output: &Output, timings: Vec<(&'static str, Duration)>) -> BuildReport {
        BuildReport {
            pages: self.content.pages.len(),
            sections: self.content.sections.len(),
            html_files,
            files: output.file_count(),
            bytes: output.byte_count(),
            timings,
            warnings: self.content.warnings.clone(),
        }
    }
}

/// Renders every page and section body in parallel, resolving `@/` links; returns problems.
fn render_markdown(config: &Config, content: &mut Content, resolved: &mut Resolved, embed: &markdown::Embed<'_>) -> Diagnostics {
    let links = &resolved.links;
    let resolve_link = |target: &str| links.resolve(target);
    let render_one = |path: &std::path::Path, body: &str, body_line: usize, summary: Option<&str>| {
        let cx = markdown::Context { path, body_line, allow_html: config.allow_html, resolve_link: &resolve_link };
        markdown::render_with_embeds(body, summary, &cx, embed)
    };
    let mut problems: Diagnostics = content
        .pages
        .par_iter_mut()
        .flat_map_iter(|page| {
            let (rendered, problems) = render_one(&page.path, &page.body, page.body_line, page.meta.summary.as_deref());
            page.rendered = rendered;
            problems
        })
        .collect();
    for section in &mut content.sections {
        let (rendered, mut found) = render_one(&section.path, &section.body, section.body_line, section.meta.summary.as_deref());
        section.rendered = rendered;
        problems.append(&mut found);
    }
    for page in &content.pages {
        resolved.links.set_anchors(&page.rel, &page.rendered.anchors);
    }
    problems
}
