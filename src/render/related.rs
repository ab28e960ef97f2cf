//! Related news ("Tin liên quan"): other news items that share a tag with an article, listed
//! at its end.

use crate::content::Kind;
use crate::resolve::TaxonomyKind;
use crate::Site;

/// How many related items an article lists.
pub(crate) const RELATED: usize = 4;
/// Items looked at per tag, newest first: keeps a tag that 10,000 items share from making
/// every article's list cost a pass over all of them.
const PER_TAG: usize = 50;

/// Up to [`RELATED`] other news items sharing a tag with page `index`: most shared tags
/// first, then newest. Empty for other kinds and untagged pages.
pub(crate) fn news(site: &Site, index: usize) -> Vec<usize> {
    let pages = &site.content.pages;
    let page = &pages[index];
    let Some(tags) = site.resolved.taxonomies.iter().find(|t| t.kind == TaxonomyKind::Tags) else {
        return Vec::new();
    };
    if page.kind != Kind::News {
        return Vec::new();
    }
    let mut shared: Vec<(usize, usize)> = Vec::new(); // (page, tags in common)
    for term in page.meta.tags.iter().filter_map(|tag| tags.term_for(tag)) {
        for &other in term.pages.iter().filter(|&&i| i != index && pages[i].kind == Kind::News).take(PER_TAG) {
            match shared.iter_mut().find(|(i, _)| *i == other) {
                Some((_, count)) => *count += 1,
                None => shared.push((other, 1)),
            }
        }
    }
    shared.sort_by_key(|&(i, count)| (std::cmp::Reverse(count), std::cmp::Reverse(pages[i].meta.date), i));
    shared.into_iter().take(RELATED).map(|(i, _)| i).collect()
}
