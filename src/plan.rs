//! The build plan: one [`Job`] per HTML file, how lists split into numbered pages, and which
//! jobs a saved page touches. `build` renders [`jobs`]; `serve` renders
//! [`Before::jobs_after_change`]; both count list pages with the same [`lists`], so the two
//! can never disagree on which files a site has.

use std::collections::HashMap;

use crate::content::{Kind, KindMeta};
use crate::render::related;
use crate::resolve::{Taxonomy, TaxonomyKind};
use crate::Site;

/// One HTML file to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    /// The home page.
    Home,
    /// A page (markdown file), by index.
    Page(usize),
    /// List page `number` (from 1) of a section.
    Section { section: usize, number: usize },
    /// The page listing a taxonomy's terms.
    Taxonomy(usize),
    /// List page `number` of one term.
    Term { taxonomy: usize, term: usize, number: usize },
    /// `404.html`.
    NotFound,
    /// The search page (when the theme has `search.html`).
    Search,
    /// The overview of an indicators section.
    IndicatorOverview(usize),
    /// One indicator's page, by entry index.
    Indicator(usize),
}

/// A paginated list of pages: a section's (not an indicators section's, whose one page is its
/// overview) or a term's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    /// The pages of section `0`.
    Section(usize),
    /// The pages of one term of a taxonomy.
    Term { taxonomy: usize, term: usize },
}

impl List {
    /// The items of this list and how many one list page shows.
    fn items(self, site: &Site) -> (&[usize], usize) {
        match self {
            List::Section(s) => (&site.content.sections[s].pages, per_page(site, s)),
            List::Term { taxonomy, term } => {
                (&site.resolved.taxonomies[taxonomy].terms[term].pages, site.config.paginate_by)
            }
        }
    }

    /// The job of list page `number`.
    fn job(self, number: usize) -> Job {
        match self {
            List::Section(section) => Job::Section { section, number },
            List::Term { taxonomy, term } => Job::Term { taxonomy, term, number },
        }
    }
}

/// Every HTML file of the site, in the order they are rendered and claimed.
pub(crate) fn jobs(site: &Site, with_search_page: bool) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::NotFound];
    if with_search_page {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.content.pages.len()).map(Job::Page));
    for list in section_lists(site) {
        let (items, per_page) = list.items(site);
        jobs.extend((1..=page_count(items.len(), per_page)).map(|number| list.job(number)));
    }
    for t in taxonomies_with_terms(site) {
        jobs.push(Job::Taxonomy(t));
        for list in term_lists(site, t) {
            let (items, per_page) = list.items(site);
            jobs.extend((1..=page_count(items.len(), per_page)).map(|number| list.job(number)));
        }
    }
    jobs.extend(indicator_jobs(site));
    jobs
}

/// Every paginated list, sections first, then each taxonomy's terms.
pub(crate) fn lists(site: &Site) -> Vec<List> {
    let terms = taxonomies_with_terms(site).flat_map(|t| term_lists(site, t));
    section_lists(site).chain(terms).collect()
}

fn section_lists(site: &Site) -> impl Iterator<Item = List> + '_ {
    let sections = &site.content.sections;
    (1..sections.len()).filter(|&s| sections[s].kind != Kind::Indicators).map(List::Section)
}

fn taxonomies_with_terms(site: &Site) -> impl Iterator<Item = usize> + '_ {
    let taxonomies = &site.resolved.taxonomies;
    (0..taxonomies.len()).filter(|&t| !taxonomies[t].terms.is_empty())
}

fn term_lists(site: &Site, taxonomy: usize) -> impl Iterator<Item = List> {
    let terms = site.resolved.taxonomies[taxonomy].terms.len();
    (0..terms).map(move |term| List::Term { taxonomy, term })
}

/// One overview per indicators section, then one page per indicator.
fn indicator_jobs(site: &Site) -> impl Iterator<Item = Job> + '_ {
    let sections = &site.content.sections;
    let overviews = (0..sections.len()).filter(|&i| sections[i].kind == Kind::Indicators).map(Job::IndicatorOverview);
    overviews.chain((0..site.indicators.entries.len()).map(Job::Indicator))
}

/// Items on one list page of section `section`: its own `paginate_by`, else the site's.
pub(crate) fn per_page(site: &Site, section: usize) -> usize {
    site.content.sections[section].meta.paginate_by.unwrap_or(site.config.paginate_by)
}

/// How many list pages `items` fill; an empty list still has its first page.
pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The items list page `number` (from 1) shows.
pub(crate) fn page_slice(items: &[usize], per_page: usize, number: usize) -> &[usize] {
    let start = ((number - 1) * per_page).min(items.len());
    &items[start..(start + per_page).min(items.len())]
}

/// What a change to one page may move, taken before the change: its URL, the terms of each
/// taxonomy, and the items of every list.
pub(crate) struct Before {
    url: String,
    terms: Vec<Vec<String>>,
    lists: Vec<(List, Vec<usize>)>,
    /// The related news of every news item sharing a tag with the page.
    related: HashMap<usize, Vec<usize>>,
}

impl Before {
    /// The state of `site` before page `index` changes.
    pub(crate) fn of(site: &Site, index: usize) -> Before {
        let lists = lists(site).into_iter().map(|list| (list, list.items(site).0.to_vec())).collect();
        let related = tag_neighbours(site, index).map(|i| (i, related::news(site, i))).collect();
        Before { url: site.content.pages[index].url.clone(), terms: term_slugs(site), lists, related }
    }

    /// The same URL and the same terms: the site has the same files (and its lists the same
    /// places), so rendering [`Before::jobs_after_change`] brings every one up to date.
    pub(crate) fn same_shape(&self, site: &Site, index: usize) -> bool {
        self.url == site.content.pages[index].url && self.terms == term_slugs(site)
    }

    /// The HTML files to render again after page `index` changed: the page, the home page,
    /// the taxonomy pages (their counts), every list page whose items changed or that shows
    /// the page, the news items whose related news changed or show the page, and the
    /// indicator pages when a plan (which they list) changed.
    pub(crate) fn jobs_after_change(&self, site: &Site, index: usize) -> Vec<Job> {
        let mut jobs = vec![Job::Page(index), Job::Home];
        if matches!(site.content.pages[index].meta.extra, KindMeta::Plan(_)) {
            jobs.extend((0..site.indicators.entries.len()).map(Job::Indicator));
        }
        jobs.extend(taxonomies_with_terms(site).map(Job::Taxonomy));
        for (list, old) in &self.lists {
            let (items, per_page) = list.items(site);
            jobs.extend(changed_pages(old, items, per_page, index).into_iter().map(|number| list.job(number)));
        }
        jobs.extend(self.related_changed(site, index).into_iter().map(Job::Page));
        jobs
    }

    /// News items (other than `index`) whose "related news" differ after the change or list
    /// the changed page: only items sharing a tag with it, before or after, can be affected.
    fn related_changed(&self, site: &Site, index: usize) -> Vec<usize> {
        let mut candidates: Vec<usize> = self.related.keys().copied().chain(tag_neighbours(site, index)).collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&i| {
            let now = related::news(site, i);
            let before = self.related.get(&i);
            before != Some(&now) || now.contains(&index)
        });
        candidates
    }
}

/// Other pages sharing a tag with page `index`.
fn tag_neighbours(site: &Site, index: usize) -> impl Iterator<Item = usize> + '_ {
    let tags = site.resolved.taxonomies.iter().find(|t| t.kind == TaxonomyKind::Tags);
    let page = &site.content.pages[index];
    let terms = tags.into_iter().flat_map(move |t| page.meta.tags.iter().filter_map(move |tag| t.term_for(tag)));
    terms.flat_map(|term| term.pages.iter().copied()).filter(move |&i| i != index)
}

/// The terms of each taxonomy, in order: term lists are matched by position.
fn term_slugs(site: &Site) -> Vec<Vec<String>> {
    let slugs = |t: &Taxonomy| t.terms.iter().map(|term| term.slug.clone()).collect();
    site.resolved.taxonomies.iter().map(slugs).collect()
}

/// List page numbers whose slice of items differs, or that show `index`.
fn changed_pages(old: &[usize], new: &[usize], per_page: usize, index: usize) -> Vec<usize> {
    (1..=page_count(new.len(), per_page))
        .filter(|&n| {
            let slice = page_slice(new, per_page, n);
            slice != page_slice(old, per_page, n) || slice.contains(&index)
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

    #[test]
    fn an_empty_list_has_one_page_and_the_last_page_holds_the_rest() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(21, 10), 3);
        assert_eq!(page_slice(&[1, 2, 3, 4, 5], 2, 3), &[5]);
        assert_eq!(page_slice(&[1, 2, 3], 2, 4), &[] as &[usize]);
    }
}
