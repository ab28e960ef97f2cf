//! Rendering the site through Tera: every page, list, taxonomy and the home page in parallel,
//! plus feeds, sitemap, calendars and redirects.
//!
//! This file holds the story: the jobs (one per HTML file), who owns each, and the renderer
//! that runs them. Each kind of job renders in its own file: [`pages`], [`lists`], [`home`],
//! `indicators`; the site-wide files are written by [`files`]. The templates and what they
//! see are in [`templates`] and [`context`].

mod context;
pub(crate) mod feeds;
mod files;
mod home;
pub(crate) mod ics;
mod indicators;
pub(crate) mod jsonld;
mod lists;
mod pages;
pub(crate) mod related;
mod templates;
pub(crate) mod views;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::diagnostics::{Error, Result};
use crate::output::{file_for, Generated, Output, Owner};
use crate::plan::{self, Job};
use crate::Site;
use context::{menu, Frame};
pub(crate) use lists::ListItem;
pub(crate) use pages::describe;
pub(crate) use templates::Templates;
use views::Views;

/// Renders every output of the site into `output`; returns the number of HTML pages and
/// the list items of all pages (kept by `serve` for incremental renders).
pub(crate) fn render_site(
    site: &Site,
    templates: &Templates,
    css_url: &str,
    search: &crate::search::Links,
    now: DateTime<FixedOffset>,
    output: &Output,
    page_html: Option<PageHtml>,
) -> Result<(usize, Vec<ListItem>)> {
    let mut renderer = Renderer::new(site, templates, css_url, search, now)?;
    renderer.page_html = page_html;
    let jobs = plan::jobs(site, templates.has("search.html"));
    renderer.render_jobs(&jobs, output)?;
    renderer.write_calendars(output, None)?;
    renderer.write_indicator_data(output)?;
    renderer.write_shared_files(output)?;
    Ok((jobs.len(), renderer.into_items()))
}

/// Renders pages through the theme's templates.
pub(crate) struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    views: Views<'a>,
    /// Every page's card for lists, rendered once (see [`ListItem`]).
    items: Vec<ListItem>,
    site_value: Value,
    strings: Value,
    now: DateTime<FixedOffset>,
    /// Tells this renderer's shared template context apart from an earlier one's.
    id: u64,
    /// The pages' HTML when this render owns it (see [`PageHtml`]); else the site's is read.
    page_html: Option<PageHtml>,
}

/// Every page's body HTML, moved out of the site for a render that writes each page once
/// (a one-shot build): each page's HTML is freed once the page is rendered, instead of all
/// of it staying in memory until the build ends.
pub(crate) struct PageHtml(Vec<std::sync::Mutex<String>>);

impl PageHtml {
    /// Moves the body HTML of every page of `site` out of it.
    pub(crate) fn take_from(site: &mut Site) -> PageHtml {
        let pages = site.content.pages.iter_mut();
        PageHtml(pages.map(|page| std::sync::Mutex::new(std::mem::take(&mut page.rendered.html))).collect())
    }

    /// Page `index`'s HTML, leaving none behind: a page is rendered once per build.
    fn take(&self, index: usize) -> String {
        std::mem::take(&mut *self.0[index].lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Renderers made so far, to number them.
static RENDERERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Head metadata of one page.
struct Meta {
    title: String,
    description: String,
    url: String,
    og_type: &'static str,
    og_image: String,
    jsonld: Value,
    feed_url: String,
    robots: &'static str,
}

impl<'a> Renderer<'a> {
    /// A renderer with the list item of every page rendered once.
    pub(crate) fn new(
        site: &'a Site,
        templates: &'a Templates,
        css_url: &str,
        search: &crate::search::Links,
        now: DateTime<FixedOffset>,
    ) -> Result<Self> {
        let mut renderer = Renderer::with_items(site, templates, css_url, search, now, Vec::new());
        renderer.items =
            (0..site.content.pages.len()).into_par_iter().map(|i| renderer.list_item(i)).collect::<Result<_>>()?;
        Ok(renderer)
    }

    /// A renderer reusing list items kept from an earlier render (see `serve`).
    pub(crate) fn with_items(
        site: &'a Site,
        templates: &'a Templates,
        css_url: &str,
        search: &crate::search::Links,
        now: DateTime<FixedOffset>,
        items: Vec<ListItem>,
    ) -> Self {
        let views = Views::new(site, now);
        let c = &site.config;
        let site_value = json!({
            "title": c.title, "description": c.description, "base_url": c.base_url,
            "language": c.language.code(), "commune": c.commune, "province": c.province,
            "organization": c.organization, "contact": crate::identity::contact_view(&c.contact),
            "logo": logo_view(c),
            "menu": menu(site), "css_url": css_url, "feed_url": c.link("/atom.xml"),
            "home_url": c.link("/"), "sitemap_url": c.link("/sitemap.xml"),
            "favicon_url": c.link("/favicon.svg"),
            "year": now.format("%Y").to_string(),
            "search_url": search.page, "search_script_url": search.script, "search_loader_url": search.loader,
            "search_index_url": search.index,
            "extra": c.extra,
        });
        let strings = json!(site.strings.all());
        let id = RENDERERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Renderer { site, templates, views, items, site_value, strings, now, id, page_html: None }
    }

    /// Gives back the list items, for reuse by the next render.
    pub(crate) fn into_items(self) -> Vec<ListItem> {
        self.items
    }

    /// Renders the jobs in parallel.
    pub(crate) fn render_jobs(&self, jobs: &[Job], output: &Output) -> Result<()> {
        jobs.par_iter().try_for_each(|job| self.render_job(job, output))
    }

    fn render_job(&self, job: &Job, output: &Output) -> Result<()> {
        let owner = self.owner(job);
        let (path, html) = self.render_html(job).map_err(|error| match error {
            // A template error names the file whose page was being rendered.
            Error::Template(message) => Error::Template(format!("while rendering {}: {message}", owner.shown())),
            other => other,
        })?;
        output.write(&file_for(&path), &html, owner)
    }

    /// The site path and the HTML of one job.
    fn render_html(&self, job: &Job) -> Result<(String, Vec<u8>)> {
        Ok(match job {
            Job::Home => ("/".to_string(), self.render_home()?),
            Job::NotFound => ("/404.html".to_string(), self.render_not_found()?),
            Job::Search => self.render_search()?,
            Job::Page(i) => (self.site.content.pages[*i].url.clone(), self.render_page(*i)?),
            Job::Section { section, number } => self.render_section(*section, *number)?,
            Job::Taxonomy(t) => {
                let taxonomy = &self.site.resolved.taxonomies[*t];
                (taxonomy.url.clone(), self.render_taxonomy(taxonomy)?)
            }
            Job::Term { taxonomy, term, number } => self.render_term(*taxonomy, *term, *number)?,
            Job::IndicatorOverview(section) => self.render_indicator_overview(*section)?,
            Job::Indicator(i) => self.render_indicator(*i)?,
        })
    }

    /// Who a job's page belongs to, named if another source claims its path too.
    fn owner(&self, job: &Job) -> Owner {
        let content = &self.site.content;
        match job {
            Job::Home if self.site.config.root.join(&content.sections[0].path).is_file() => {
                Owner::file(&content.sections[0].path)
            }
            Job::Home => Owner::Generated(Generated::Home),
            Job::NotFound => Owner::Generated(Generated::NotFound),
            Job::Search => Owner::Generated(Generated::Search),
            Job::Page(i) => Owner::file(&content.pages[*i].path),
            Job::Section { section, .. } | Job::IndicatorOverview(section) => {
                Owner::file(&content.sections[*section].path)
            }
            Job::Taxonomy(_) | Job::Term { .. } => Owner::Generated(Generated::Taxonomy),
            Job::Indicator(i) => {
                let entry = &self.site.indicators.entries[*i];
                Owner::line(&entry.file, entry.line)
            }
        }
    }
}

/// `site.logo`: {`url`, `alt`, `width`, `height`}, or null without `[logo]`.
fn logo_view(c: &crate::config::Config) -> Value {
    c.logo.as_ref().map_or(Value::Null, |logo| {
        let url = if logo.src.starts_with('/') { c.link(&logo.src) } else { logo.src.clone() };
        json!({ "url": url, "alt": logo.alt, "width": logo.width, "height": logo.height })
    })
}
