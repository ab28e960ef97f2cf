//! Site search: one record per page, an index of syllables and syllable pairs on folded keys,
//! and content-hashed shard files the browser script (`themes/default/js/search.js`) fetches
//! term by term. See the README's "Search" section for the design.

pub mod codec;
pub mod facets;
pub mod index;
pub mod normalize;
pub mod record;
pub mod script;
pub mod shards;
mod table;

use std::collections::BTreeMap;

use crate::content::Kind;
use crate::diagnostics::Result;
use crate::language::Language;
use crate::output::Output;
use crate::Site;

/// Links the templates need: the search page, the scripts and the index manifest.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// The search page, e.g. `/tim-kiem/`.
    pub page: String,
    /// The fingerprinted search script, empty when the theme has none.
    pub script: String,
    /// The fingerprinted loader every page carries, empty when the theme has none.
    pub loader: String,
    /// The index manifest.
    pub index: String,
}

/// Site path of the search page in a portal's language.
pub fn page_path(language: Language) -> &'static str {
    match language {
        Language::Vi => "/tim-kiem/",
        Language::En => "/search/",
    }
}

/// Writes the search script; returns what pages link to. The index manifest has a fixed path,
/// so pages can be rendered while the index is being built.
pub fn write_links(site: &Site, output: &Output) -> Result<Links> {
    let scripts = script::write_scripts(&site.theme, output)?;
    let config = &site.config;
    let link = |path: String| if path.is_empty() { path } else { config.link(&path) };
    Ok(Links {
        page: config.link(page_path(config.language)),
        script: link(scripts.search),
        loader: link(scripts.loader),
        index: config.link(shards::MANIFEST_PATH),
    })
}

/// What the index is built from, taken out of the site so that building needs no access to
/// it (`serve` builds the index in the background while pages keep being served and edited).
pub struct Prepared {
    records: Vec<record::SearchRecord>,
    strings: BTreeMap<String, String>,
}

/// Collects the search record of every page.
pub fn prepare(site: &Site) -> Prepared {
    Prepared { records: record::collect_records(site), strings: ui_strings(site) }
}

/// Builds the index and writes its files, the manifest at [`shards::MANIFEST_PATH`].
///
/// The records are written first, then their terms collected, each record freeing its text
/// once indexed, before the terms are grouped: when nothing else holds their text (a one-shot
/// build), neither it nor the partial indexes are held whole beside each other, and the
/// grouping's memory peak does not add to it.
pub fn write_index(prepared: Prepared, output: &Output) -> Result<()> {
    let Prepared { records, strings } = prepared;
    let (order, facets) = facets::order_documents(&records);
    let mut ordered = in_order(records, &order);
    let written = shards::write_records(&ordered.iter().collect::<Vec<_>>(), output)?;
    let partial = index::index_parts_releasing(&mut ordered);
    drop(ordered);
    let roots = shards::write_terms(partial.group(), output);
    shards::write_manifest(roots?, written, &facets, &strings, output)
}

/// `records` rearranged so that the `n`th is `records[order[n]]`.
fn in_order(records: Vec<record::SearchRecord>, order: &[usize]) -> Vec<record::SearchRecord> {
    let mut slots: Vec<Option<record::SearchRecord>> = records.into_iter().map(Some).collect();
    order.iter().map(|&i| slots[i].take().expect("each record once in the order")).collect()
}

/// The UI strings the script shows: every `search_*` key and the kind and type labels.
fn ui_strings(site: &Site) -> BTreeMap<String, String> {
    let wanted = |k: &str| ["search_", "kind_", "resource_type_"].iter().any(|p| k.starts_with(p));
    site.strings.all().iter().filter(|(k, _)| wanted(k)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// What the search page lists for readers without JavaScript, `{title, url, count}`: every
/// section by menu weight (the indicators section counts its indicators), then the pages at
/// the top of the site (`Giới thiệu`), which have no count.
pub fn page_sections(site: &Site) -> Vec<serde_json::Value> {
    let count = |s: &crate::content::Section| match s.kind {
        Kind::Indicators => s.pages.len() + site.indicators.entries.len(),
        _ => s.pages.len(),
    };
    let mut sections: Vec<_> = site.content.sections.iter().skip(1).filter(|s| count(s) > 0).collect();
    sections.sort_by_key(|s| (s.meta.weight, s.meta.title.clone()));
    let link = |url: &str| site.config.link(url);
    let sections =
        sections.iter().map(|s| serde_json::json!({ "title": s.meta.title, "url": link(&s.url), "count": count(s) }));
    let mut top_pages: Vec<_> = site.content.pages.iter().filter(|p| p.section == 0 && p.kind == Kind::Pages).collect();
    top_pages.sort_by_key(|p| (p.meta.weight, p.meta.title.clone()));
    let pages = top_pages.iter().map(|page| {
        serde_json::json!({ "title": page.meta.title, "url": link(&page.url), "count": serde_json::Value::Null })
    });
    sections.chain(pages).collect()
}
