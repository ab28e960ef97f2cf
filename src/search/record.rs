//! One plain record per page: what the index reads and what a search result shows.

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Kind, KindMeta, Page};
use crate::markdown::TextSection;
use crate::resolve::TaxonomyKind;
use crate::Site;

/// Characters of section text kept in a page's stored record, for snippets. Longer pages keep
/// a fair share of every section, so a result can still link to the right heading.
pub const STORED_TEXT_CHARS: usize = 1600;

/// Everything search knows about one page.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRecord {
    /// Link to the page (with the base path).
    pub url: String,
    /// Title.
    pub title: String,
    /// The page's kind.
    pub kind: Kind,
    /// Date as pages show it (`21/04/2024`), empty when undated.
    pub date: String,
    /// The date lists sort by, as `yyyy-mm-dd`, for ordering; empty when undated.
    pub sort_date: String,
    /// Year of that date.
    pub year: Option<i32>,
    /// The commune's shown name.
    pub commune: Option<String>,
    /// A resource's type (`video` …).
    pub resource_type: Option<String>,
    /// Summary as plain text.
    pub summary: String,
    /// Tags, commune and kind fields (plan number, issuer, place …), searched like the summary.
    pub meta: String,
    /// Body text per heading.
    /// Body text per heading, shared with the page's rendered markdown.
    pub sections: std::sync::Arc<[TextSection]>,
}

/// What the browser downloads for one result: short keys, trimmed text.
#[derive(Debug, Serialize)]
pub struct StoredRecord<'a> {
    /// URL.
    pub u: &'a str,
    /// Title.
    pub t: &'a str,
    /// Kind (`news` …).
    pub k: &'a str,
    /// Shown date.
    pub d: &'a str,
    /// Summary.
    pub s: &'a str,
    /// `[anchor, heading, text]` per section, text trimmed to [`STORED_TEXT_CHARS`] in all.
    pub h: Vec<(&'a str, &'a str, String)>,
}

/// The records of every page of the site, in content order, then every indicator page.
pub fn collect_records(site: &Site) -> Vec<SearchRecord> {
    let mut records: Vec<SearchRecord> = site.content.pages.par_iter().map(|page| record(site, page)).collect();
    records.extend(site.indicators.entries.iter().map(|entry| indicator_record(site, entry)));
    records
}

/// An indicator page: found by its title, group, source and notes; its summary says where
/// it stands.
fn indicator_record(site: &Site, entry: &crate::indicators::Entry) -> SearchRecord {
    let ind = &entry.indicator;
    let views = crate::indicators::view::Views::new(&site.config, &site.strings, &site.indicators);
    let notes = ind.notes.clone().unwrap_or_default();
    SearchRecord {
        url: site.config.link(&entry.url),
        title: ind.title.clone(),
        kind: Kind::Indicators,
        date: String::new(),
        sort_date: String::new(),
        year: None,
        commune: None,
        resource_type: None,
        summary: views.explain(entry),
        meta: [ind.group.as_deref(), ind.source.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(". "),
        sections: vec![TextSection { text: notes, ..TextSection::default() }].into(),
    }
}

fn record(site: &Site, page: &Page) -> SearchRecord {
    let date = page.sort_date().or_else(|| match &page.meta.extra {
        KindMeta::Plan(p) => p.issued,
        _ => None,
    });
    let resource_type = match &page.meta.extra {
        KindMeta::Resource(r) if !r.kind.is_empty() => Some(r.kind.clone()),
        _ => None,
    };
    SearchRecord {
        url: site.config.link(&page.url),
        title: page.meta.title.clone(),
        kind: page.kind,
        date: date.map(|d| d.display(site.config.language)).unwrap_or_default(),
        sort_date: date.map(|d| d.day().format("%Y-%m-%d").to_string()).unwrap_or_default(),
        year: date.map(|d| chrono::Datelike::year(&d.day())).or_else(|| match &page.meta.extra {
            KindMeta::RoleModel(m) => m.recognized.and_then(|y| i32::try_from(y).ok()),
            _ => None,
        }),
        commune: page.meta.commune.as_deref().map(|c| commune_name(site, c)),
        resource_type,
        summary: strip_tags(&page.rendered.summary_html),
        meta: meta_text(page),
        sections: page.rendered.sections.clone(),
    }
}

/// Spellings of a commune that fold alike share the taxonomy term's name.
fn commune_name(site: &Site, value: &str) -> String {
    let taxonomy = site.resolved.taxonomies.iter().find(|t| t.kind == TaxonomyKind::Communes);
    taxonomy.and_then(|t| t.term_for(value)).map_or_else(|| value.to_string(), |term| term.name.clone())
}

/// The front-matter text worth finding a page by.
fn meta_text(page: &Page) -> String {
    let mut parts: Vec<&str> = page.meta.tags.iter().map(String::as_str).collect();
    parts.extend(page.meta.commune.as_deref());
    match &page.meta.extra {
        KindMeta::None => {}
        KindMeta::Plan(p) => parts.extend([p.number.as_str(), &p.issuer, &p.period]),
        KindMeta::RoleModel(m) => parts.extend(m.achievements.iter().map(String::as_str)),
        KindMeta::Resource(r) => {
            parts.extend(r.topics.iter().chain(&r.audience).map(String::as_str));
            parts.extend([r.publisher.as_str(), &r.level]);
        }
        KindMeta::Event(e) => parts.extend([e.location.as_str(), &e.organizer]),
    }
    parts.retain(|p| !p.is_empty());
    parts.join(". ")
}

/// Plain text of a small HTML fragment (the rendered summary): tags become spaces, the
/// entities markdown writes are decoded, whitespace runs become one space.
pub fn strip_tags(html: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&amp;", '&')];
    let mut text = String::with_capacity(html.len());
    let (mut in_tag, mut space) = (false, false);
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut width = c.len_utf8();
        let shown = match c {
            '<' => {
                in_tag = true;
                None
            }
            '>' if in_tag => {
                in_tag = false;
                Some(' ')
            }
            _ if in_tag => None,
            '&' => match ENTITIES.iter().find(|(entity, _)| rest.starts_with(entity)) {
                Some(&(entity, decoded)) => {
                    width = entity.len();
                    Some(decoded)
                }
                None => Some('&'),
            },
            c => Some(c),
        };
        match shown {
            Some(c) if c.is_whitespace() => space = !text.is_empty(),
            Some(c) => {
                if std::mem::take(&mut space) {
                    text.push(' ');
                }
                text.push(c);
            }
            None => {}
        }
        rest = &rest[width..];
    }
    text
}

impl SearchRecord {
    /// The record as stored for the browser, with its section text trimmed.
    pub fn stored(&self) -> StoredRecord<'_> {
        let budgets = fair_shares(&self.sections.iter().map(|s| s.text.chars().count()).collect::<Vec<_>>());
        let h = self
            .sections
            .iter()
            .zip(budgets)
            .map(|(s, keep)| (s.anchor.as_str(), s.heading.as_str(), truncate_words(&s.text, keep)))
            .collect();
        StoredRecord { u: &self.url, t: &self.title, k: self.kind.as_str(), d: &self.date, s: &self.summary, h }
    }
}

/// Splits [`STORED_TEXT_CHARS`] among sections: short ones keep all, long ones share the rest.
fn fair_shares(lengths: &[usize]) -> Vec<usize> {
    let mut shares = vec![0; lengths.len()];
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    let mut left = STORED_TEXT_CHARS;
    for (n, &i) in order.iter().enumerate() {
        let fair = left / (lengths.len() - n);
        shares[i] = lengths[i].min(fair);
        left -= shares[i];
    }
    shares
}

/// The first `chars` characters, cut back to a word boundary, with `…` when cut.
fn truncate_words(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_entities_from_summaries() {
        assert_eq!(strip_tags("<p>Một &amp; <em>hai</em></p>\n<p>ba &lt;4&gt;</p>"), "Một & hai ba <4>");
        assert_eq!(strip_tags("  <b>a</b>&amp;lt; &quot;b&#39;  \n "), "a &lt; \"b'");
        assert_eq!(strip_tags("<p></p>"), "");
    }

    #[test]
    fn long_pages_keep_a_fair_share_of_every_section() {
        let shares = fair_shares(&[100, 5000, 5000]);
        assert_eq!(shares[0], 100);
        assert_eq!(shares[1] + shares[2], STORED_TEXT_CHARS - 100);
        assert_eq!(fair_shares(&[10, 20]), vec![10, 20]);
        assert_eq!(truncate_words("học tập suốt đời", 9), "học tập …");
    }
}
