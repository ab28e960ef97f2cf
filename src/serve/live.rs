//! The build kept in memory for `serve`: the same pipeline as `build`, writing into a map,
//! and re-running for one saved page only what that page touches.
//!
//! Policy: a saved page whose URL, terms and publication are unchanged is rebuilt
//! incrementally (the page, the list pages whose items changed or that show it, taxonomy
//! lists, the home page, feeds, sitemap, its calendar). Anything else rebuilds everything.

use std::collections::BTreeMap;

use crate::content::load::{is_published, load_page};
use crate::content::Page;
use crate::dates::Date;
use crate::diagnostics::{Error, Result};
use crate::output::{file_for, Output};
use crate::plan::{Before, Job};
use crate::render::{ListItem, Renderer, Templates};
use crate::resolve;
use crate::{Config, Now, Site};

/// A built site held in memory.
pub struct LiveSite {
    site: Site,
    templates: Templates,
    css_url: String,
    items: Vec<ListItem>,
    search: crate::search::Links,
    files: BTreeMap<String, Vec<u8>>,
}

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuilt {
    /// Everything was rebuilt.
    Full {
        /// Files in the store.
        files: usize,
    },
    /// Only what one page touches.
    Page {
        /// Files re-rendered.
        files: usize,
    },
}

impl LiveSite {
    /// Builds the whole site into memory, through the same stages as `build`.
    pub fn build(config: Config) -> Result<LiveSite> {
        let mut timings = Vec::new();
        let site = Site::load(config, &mut timings)?;
        let output = Output::memory();
        let now = chrono::Utc::now().fixed_offset();
        let written = site.write_all(crate::Handover::shared(&site), &output, now, &mut timings)?;
        let claims = output.claim_problems();
        if !claims.is_empty() {
            return Err(crate::Error::Content(claims));
        }
        let files = output.into_files().expect("a memory output");
        let (templates, css_url, items, search) = (written.templates, written.css_url, written.items, written.search);
        Ok(LiveSite { site, templates, css_url, items, search, files })
    }

    /// The served files, keyed by site path (`/tin-tuc/a/index.html`).
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }

    /// The file serving a request path: `/a/` → `/a/index.html`, `/a` → `/a/index.html`.
    pub fn lookup(&self, path: &str) -> Option<&[u8]> {
        let base = &self.site.config.base_path;
        let path = path.strip_prefix(base.as_str()).filter(|p| p.starts_with('/')).unwrap_or(path);
        let found = self.files.get(&file_for(path)).or_else(|| self.files.get(&format!("{path}/index.html")));
        found.map(Vec::as_slice)
    }

    /// What the search index of the current content is built from (quick; the slow part,
    /// [`crate::search::write_index`], needs no access to the site).
    pub fn search_input(&self) -> crate::search::Prepared {
        crate::search::prepare(&self.site)
    }

    /// Serves a newly built search index in place of the old one, whose shards (named by
    /// their content) the new manifest no longer names.
    pub fn replace_search_index(&mut self, files: BTreeMap<String, Vec<u8>>) {
        self.files.retain(|path, _| !path.starts_with(crate::search::shards::INDEX_DIR));
        self.files.extend(files);
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        &self.site.config
    }

    /// Rebuilds after `rel` (a page under `content/`) was saved. `Ok(None)` means the change
    /// needs a full rebuild; on error the previous state is kept.
    pub fn rebuild_page(&mut self, rel: &str) -> Result<Option<Rebuilt>> {
        let now = chrono::Utc::now().fixed_offset();
        let Some(index) = self.site.content.pages.iter().position(|p| p.rel == rel) else { return Ok(None) };
        let Some(page) = self.reload(rel, now)? else { return Ok(None) };
        let before = Before::of(&self.site, index);
        let old_page = std::mem::replace(&mut self.site.content.pages[index], page);
        match self.relink(index) {
            Ok(()) if before.same_shape(&self.site, index) => {}
            outcome => {
                self.site.content.pages[index] = old_page;
                self.relink_all()?;
                return outcome.map(|()| None);
            }
        }
        let jobs = before.jobs_after_change(&self.site, index);
        self.render(&jobs, index, now).map(Some)
    }

    /// Reads the saved page again; `None` when it was deleted or is no longer published (a
    /// full rebuild).
    fn reload(&self, rel: &str, now: Now) -> Result<Option<Page>> {
        if !self.site.config.content_dir().join(rel).is_file() {
            return Ok(None);
        }
        let content = &self.site.content;
        let page = load_page(&self.site.config, rel, &content.sections, &[]).map_err(Error::Content)?;
        let now = Date { at: now, has_time: true };
        Ok(page.filter(|p| is_published(p, self.site.config.drafts, now)))
    }

    /// Runs the link stages again for the changed page; its errors refuse the change.
    fn relink(&mut self, index: usize) -> Result<()> {
        let mut problems = self.site.relink(index);
        problems.retain(|d| !d.warning);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Content(problems))
        }
    }

    /// Restores links after a rolled-back change (the old page rendered as before).
    fn relink_all(&mut self) -> Result<()> {
        let site = &mut self.site;
        let (mut resolved, _) = resolve::resolve(&site.config, &site.strings, &mut site.content);
        for page in &site.content.pages {
            resolved.links.set_anchors(&page.rel, &page.rendered.anchors);
        }
        site.resolved = resolved;
        Ok(())
    }

    fn render(&mut self, jobs: &[Job], index: usize, now: Now) -> Result<Rebuilt> {
        let output = Output::memory();
        let items = std::mem::take(&mut self.items);
        let mut renderer = Renderer::with_items(&self.site, &self.templates, &self.css_url, &self.search, now, items);
        let rendered = renderer
            .refresh_item(index)
            .and_then(|()| renderer.render_jobs(jobs, &output))
            .and_then(|()| renderer.write_calendars(&output, Some(index)))
            .and_then(|()| renderer.write_shared_files(&output));
        self.items = renderer.into_items();
        rendered?;
        let files = output.into_files().expect("a memory output");
        let count = files.len();
        self.files.extend(files);
        Ok(Rebuilt::Page { files: count })
    }
}
