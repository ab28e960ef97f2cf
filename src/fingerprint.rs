//! The build fingerprint: one hash of everything a build's output depends on, so a rebuild
//! with nothing changed can stop after loading instead of rewriting every file.
//!
//! Time matters too: which news is published and which events are upcoming depend on the
//! clock, so those decisions are part of the hash.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::content::Content;
use crate::diagnostics::Result;
use crate::render::views::is_upcoming;
use crate::Site;

/// The fingerprint of a loaded site as of `now`.
pub(crate) fn of_site(site: &Site, now: DateTime<FixedOffset>) -> Result<u64> {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    crate::images::RECIPE.hash(&mut h);
    hash_config(site, &mut h);
    for dir in ["templates", "css", "static", "i18n"] {
        for (name, source) in site.theme.files(dir) {
            name.hash(&mut h);
            source.read()?.hash(&mut h);
        }
    }
    hash_content(&site.content, now, &mut h);
    for (source, url) in &site.resolved.assets {
        url.hash(&mut h);
        hash_file_stamp(source, &mut h);
    }
    // Indicator data files are loaded, not copied, so they are not among the assets.
    for source in &site.indicators.sources {
        source.hash(&mut h);
        std::fs::read(source).unwrap_or_default().hash(&mut h);
    }
    let static_dir = site.config.root.join("static");
    for entry in walkdir::WalkDir::new(&static_dir).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
        entry.path().hash(&mut h);
        hash_file_stamp(entry.path(), &mut h);
    }
    now.format("%Y").to_string().hash(&mut h); // the footer shows the year
    Ok(h.finish())
}

fn hash_config(site: &Site, h: &mut DefaultHasher) {
    let c = &site.config;
    std::fs::read(c.root.join(crate::config::CONFIG_FILE)).unwrap_or_default().hash(h);
    (&c.base_url, c.drafts, &c.output_dir).hash(h);
}

fn hash_content(content: &Content, now: DateTime<FixedOffset>, h: &mut DefaultHasher) {
    for section in &content.sections {
        (&section.dir, section.source_hash).hash(h);
    }
    for page in &content.pages {
        (&page.rel, page.source_hash, is_upcoming(page, now)).hash(h);
    }
    let mut unpublished: Vec<&String> = content.unpublished.iter().collect();
    unpublished.sort();
    unpublished.hash(h);
}

fn hash_file_stamp(path: &Path, h: &mut DefaultHasher) {
    if let Ok(meta) = std::fs::metadata(path) {
        meta.len().hash(h);
        meta.modified().ok().hash(h);
    }
}
