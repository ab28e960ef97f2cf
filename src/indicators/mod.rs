//! Indicator dashboards: the plans' numeric targets tracked from data files.
//!
//! Stages: [`Indicators::load`] takes the `.json`/`.csv` files of `kind = "indicators"`
//! sections out of the content assets and checks them; [`Indicators::resolve`] gives each
//! indicator its URL and checks the plans' `indicators` lists; the markdown stage expands
//! `{{ chi_so(id="…") }}` with [`embed`]; `render::indicators` writes the pages, downloads
//! and the JSON Schema.

pub mod chart;
pub mod csv;
pub mod embed;
pub mod export;
pub mod format;
pub mod load;
pub mod locate;
pub mod problem;
pub mod schema;
pub mod status;
pub mod view;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::content::{Content, KindMeta};
use crate::diagnostics::{nearest, Diagnostic, Diagnostics, Location, Problem};
use crate::slug::slugify;
pub use problem::IndicatorProblem;
pub use schema::{Direction, Indicator};
use status::{Progress, YearValue};

/// Largest number of decimals shown.
const MAX_DECIMALS: usize = 2;

/// One loaded indicator with where it came from and its progress.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The data, with CSV values merged in, values sorted by year then area.
    pub indicator: Indicator,
    /// The file that defines it.
    pub file: PathBuf,
    /// Line of its `id` in that file.
    pub line: usize,
    /// Index of its section.
    pub section: usize,
    /// Site path of its page (`/chi-so/nang-luc-thong-tin/`); set by [`Indicators::resolve`].
    pub url: String,
    /// The progress status and its numbers.
    pub progress: Progress,
    /// Decimals to show: the most any of its numbers has, at most 2.
    pub decimals: usize,
}

impl Entry {
    fn new(indicator: Indicator, file: PathBuf, line: usize, section: usize) -> Entry {
        let progress = status::assess(indicator.direction, None, &[], &[]);
        Entry { indicator, file, line, section, url: String::new(), progress, decimals: 0 }
    }

    /// Sorts values and computes decimals and progress once all data is in.
    fn finish(&mut self) {
        let ind = &mut self.indicator;
        for value in &mut ind.values {
            value.area = value.area.take().map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
        }
        ind.values.sort_by(|a, b| (a.year, &a.area).cmp(&(b.year, &b.area)));
        ind.targets.sort_by_key(|t| t.year);
        let numbers = ind
            .values
            .iter()
            .map(|v| v.value)
            .chain(ind.targets.iter().map(|t| t.value))
            .chain(ind.baseline.iter().map(|b| b.value));
        self.decimals = numbers.map(decimals_of).max().unwrap_or(0).min(MAX_DECIMALS);
        let baseline = ind.baseline.as_ref().map(|b| (b.year, b.value));
        let targets: Vec<YearValue> = ind.targets.iter().map(|t| (t.year, t.value)).collect();
        self.progress = status::assess(ind.direction, baseline, &targets, &self.totals());
    }

    /// Whole-area values by year.
    pub fn totals(&self) -> Vec<YearValue> {
        self.indicator.values.iter().filter(|v| v.area.is_none()).map(|v| (v.year, v.value)).collect()
    }

    /// Each area's values by year (a province's communes, a commune's hamlets), in the order first met.
    pub fn areas(&self) -> Vec<(String, Vec<YearValue>)> {
        let mut order: Vec<(String, Vec<YearValue>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for value in &self.indicator.values {
            let Some(area) = &value.area else { continue };
            let i = *index.entry(slugify(area)).or_insert_with(|| {
                order.push((area.clone(), Vec::new()));
                order.len() - 1
            });
            order[i].1.push((value.year, value.value));
        }
        order
    }
}

/// Decimals in the shortest form of `value` (`35.25` → 2).
fn decimals_of(value: f64) -> usize {
    let text = format!("{value}");
    text.split_once('.').map_or(0, |(_, fraction)| fraction.len())
}

/// Every indicator of the portal.
#[derive(Debug, Default)]
pub struct Indicators {
    /// In file order; a list file keeps its order.
    pub entries: Vec<Entry>,
    /// Ids of indicators whose data had problems (already reported), and of drafts left out.
    pub failed: Vec<String>,
    /// The data files (absolute paths); they are no longer content assets, so a build
    /// fingerprint must hash them itself.
    pub sources: Vec<PathBuf>,
}

impl Indicators {
    /// Loads the data files of every indicators section (see [`load::load`]); drafts only
    /// with `drafts`.
    pub fn load(content: &mut Content, drafts: bool) -> (Indicators, Diagnostics) {
        let loaded = load::load(content, drafts);
        let indicators = Indicators { entries: loaded.entries, failed: loaded.failed, sources: loaded.sources };
        (indicators, loaded.problems)
    }

    /// The indicator with `id`.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.indicator.id == id)
    }

    /// The indicators of one section.
    pub fn of_section(&self, section: usize) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.section == section)
    }

    /// Whether `id` is named by data that had problems, or is a draft left out of this build:
    /// references to it are not reported.
    pub fn has_failed(&self, id: &str) -> bool {
        self.failed.iter().any(|f| f == id)
    }

    /// Why `id` is unknown, with the nearest known id.
    pub fn unknown(&self, id: &str) -> Problem {
        self.unknown_at(String::new(), id)
    }

    /// Why `id`, written at `path` (`indicators[2]`), is unknown, with the nearest known id.
    pub fn unknown_at(&self, path: String, id: &str) -> Problem {
        let suggestion = nearest(id, self.entries.iter().map(|e| e.indicator.id.as_str())).map(String::from);
        Problem::Indicator(IndicatorProblem::UnknownIndicator { path, id: id.to_string(), suggestion })
    }

    /// Gives each indicator its URL under its section and checks that no page has it, then
    /// checks that every id a plan names exists. Runs after [`crate::resolve`].
    pub fn resolve(&mut self, content: &Content) -> Diagnostics {
        let mut problems = Diagnostics::new();
        let taken: HashMap<&str, &std::path::Path> =
            content.pages.iter().map(|p| (p.url.as_str(), p.path.as_path())).collect();
        for entry in &mut self.entries {
            entry.url = format!("{}{}/", content.sections[entry.section].url, entry.indicator.id);
            if let Some(other) = taken.get(entry.url.as_str()) {
                let problem = Problem::DuplicateUrl { url: entry.url.clone(), other: other.to_path_buf() };
                problems.push(Diagnostic::error(Location::line(&entry.file, entry.line), problem));
            }
        }
        for page in &content.pages {
            let KindMeta::Plan(plan) = &page.meta.extra else { continue };
            for (i, id) in plan.indicators.iter().enumerate() {
                if self.get(id).is_some() || self.has_failed(id) {
                    continue;
                }
                let mut at = Location::line(&page.path, plan.indicators_line);
                if let Some(&(line, column)) = plan.indicators_at.get(i) {
                    (at.line, at.column) = (Some(line), Some(column));
                }
                problems.push(Diagnostic::error(at, self.unknown_at(format!("indicators[{i}]"), id)));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_come_from_the_shortest_form() {
        assert_eq!(decimals_of(35.2), 1);
        assert_eq!(decimals_of(40.0), 0);
        assert_eq!(decimals_of(55.55), 2);
    }
}
