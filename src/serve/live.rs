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
use crate::render::{page_count, Job, ListItem, Renderer, Templates};
use crate::resolve::{self, Taxonomy};
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
        let written = site.write_all(&output, chrono::Utc::now().fixed_offset(), &mut timings)?;
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

    /// Adds or replaces served files.
    pub fn merge(&mut self, files: BTreeMap<String, Vec<u8>>) {
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
        let before = Snapshot::of(&self.site, index);
        let old_page = std::mem::replace(&mut self.site.content.pages[index], page);
        match self.relink(index) {
            Ok(()) if before.same_shape(&self.site, index) => {}
            outcome => {
                self.site.content.pages[index] = old_page;
                self.relink_all()?;
                return outcome.map(|()| None);
            }
        }
        let jobs = before.jobs_after_change(self, index);
        self.render(&jobs, index, now).map(Some)
    }

    /// Reads the saved page again; `None` when it is no longer published (a full rebuild).
    fn reload(&self, rel: &str, now: Now) -> Result<Option<Page>> {
        let content = &self.site.content;
        let page = load_page(&self.site.config, rel, &content.sections, &[]).map_err(Error::Content)?;
        let now = Date { at: now, has_time: true };
        Ok(page.filter(|p| is_published(p, self.site.config.drafts, now)))
    }

    /// Resolves the site again and renders the changed page's markdown.
    fn relink(&mut self, index: usize) -> Result<()> {
        let site = &mut self.site;
        let (mut resolved, mut problems) = resolve::resolve(&site.config, &site.strings, &mut site.content);
        problems.extend(site.indicators.resolve(&site.content));
        let inputs = crate::EmbedInputs { strings: &site.strings, indicators: &site.indicators };
        problems.extend(crate::render_markdown_of(
            &site.config,
            &inputs,
            &mut site.content,
            &mut resolved,
            Some(index),
        ));
        site.resolved = resolved;
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

/// What a page change may move: list orders and taxonomy terms before the change.
struct Snapshot {
    url: String,
    sections: Vec<Vec<usize>>,
    terms: Vec<Vec<(String, Vec<usize>)>>,
}

impl Snapshot {
    fn of(site: &Site, index: usize) -> Snapshot {
        Snapshot {
            url: site.content.pages[index].url.clone(),
            sections: site.content.sections.iter().map(|s| s.pages.clone()).collect(),
            terms: site.resolved.taxonomies.iter().map(terms_of).collect(),
        }
    }

    /// Same URL and the same set of taxonomy terms: the incremental path is exact.
    fn same_shape(&self, site: &Site, index: usize) -> bool {
        let keys = |terms: &[(String, Vec<usize>)]| terms.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        self.url == site.content.pages[index].url
            && site.resolved.taxonomies.iter().zip(&self.terms).all(|(t, old)| keys(&terms_of(t)) == keys(old))
    }

    /// The HTML files to re-render: the page, home, taxonomy lists, and every list page
    /// whose items changed or that shows the page.
    fn jobs_after_change(&self, live: &LiveSite, index: usize) -> Vec<Job> {
        let site = &live.site;
        let mut jobs = vec![Job::Page(index), Job::Home];
        if matches!(site.content.pages[index].meta.extra, crate::content::KindMeta::Plan(_)) {
            // Indicator pages list the plans that name them.
            jobs.extend((0..site.indicators.entries.len()).map(Job::Indicator));
        }
        for (s, section) in site.content.sections.iter().enumerate().skip(1) {
            let per_page = section.meta.paginate_by.unwrap_or(site.config.paginate_by);
            for number in changed_pages(&self.sections[s], &section.pages, per_page, index) {
                jobs.push(Job::Section { section: s, number });
            }
        }
        for (t, taxonomy) in site.resolved.taxonomies.iter().enumerate() {
            if taxonomy.terms.is_empty() {
                continue;
            }
            jobs.push(Job::Taxonomy(t));
            for (term_index, term) in taxonomy.terms.iter().enumerate() {
                let old = &self.terms[t][term_index].1;
                for number in changed_pages(old, &term.pages, site.config.paginate_by, index) {
                    jobs.push(Job::Term { taxonomy: t, term: term_index, number });
                }
            }
        }
        jobs
    }
}

fn terms_of(taxonomy: &Taxonomy) -> Vec<(String, Vec<usize>)> {
    taxonomy.terms.iter().map(|t| (t.slug.clone(), t.pages.clone())).collect()
}

/// List page numbers whose slice of items differs, or that show `index`.
fn changed_pages(old: &[usize], new: &[usize], per_page: usize, index: usize) -> Vec<usize> {
    let pages = page_count(new.len(), per_page);
    (1..=pages)
        .filter(|&n| {
            let range = |items: &[usize]| {
                let start = ((n - 1) * per_page).min(items.len());
                items[start..(start + per_page).min(items.len())].to_vec()
            };
            let slice = range(new);
            slice != range(old) || slice.contains(&index)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_list_pages_that_show_the_page_or_moved_are_rerendered() {
        // Page 7 edited in place: only its list page.
        assert_eq!(changed_pages(&[1, 2, 7, 4, 5], &[1, 2, 7, 4, 5], 2, 7), vec![2]);
        // Page 7 moved to the front: every page whose slice shifted.
        assert_eq!(changed_pages(&[1, 2, 7, 4, 5], &[7, 1, 2, 4, 5], 2, 7), vec![1, 2]);
        assert_eq!(changed_pages(&[], &[], 2, 7), Vec::<usize>::new());
    }
}
