//! Document order and facets. Pages are numbered by (year, kind, commune, resource type,
//! date), newest years first, so every facet combination is one run of document ids: the
//! browser counts results per facet from a short table of runs instead of a table per page.

use std::cmp::Reverse;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::fields::RESOURCE_TYPES;
use crate::content::Kind;
use crate::slug::fold;

use super::record::SearchRecord;

/// Facet values and the runs of documents that share them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Facets {
    /// Kinds present (`news` …), in the content model's order.
    pub kind: Vec<String>,
    /// Years present, newest first.
    pub year: Vec<i32>,
    /// Communes present, by folded name.
    pub commune: Vec<String>,
    /// Resource types present.
    #[serde(rename = "type")]
    pub resource_type: Vec<String>,
    /// `[count, kind, year, commune, type]` per run of documents, in document order; a
    /// value is an index into the lists above, or -1 for none.
    pub runs: Vec<[i64; 5]>,
}

/// The document order (document id → record index) and the facets of that order.
pub fn order_documents(records: &[SearchRecord]) -> (Vec<usize>, Facets) {
    let communes = commune_keys(records);
    // Newest years first, undated last; then kind, commune, resource type; newest first.
    let keys: Vec<_> = records
        .iter()
        .zip(&communes)
        .map(|(r, commune)| {
            (Reverse((r.year.is_some(), r.year)), r.kind, commune, type_rank(r), Reverse(&r.sort_date), &r.url)
        })
        .collect();
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.par_sort_by(|&i, &j| keys[i].cmp(&keys[j]));
    let facets = facets_of(records, &order, &communes);
    (order, facets)
}

/// Each record's commune as it sorts: by folded name, pages without one last. Folded once
/// per name, not once per page: a portal has a few dozen communes.
fn commune_keys(records: &[SearchRecord]) -> Vec<(bool, String)> {
    let mut folded: HashMap<&str, (bool, String)> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let name = r.commune.as_deref().unwrap_or_default();
            folded.entry(name).or_insert_with(|| (name.is_empty(), fold(name).to_lowercase())).clone()
        })
        .collect()
}

fn type_rank(record: &SearchRecord) -> usize {
    let kind = record.resource_type.as_deref().unwrap_or_default();
    RESOURCE_TYPES.iter().position(|t| *t == kind).unwrap_or(RESOURCE_TYPES.len())
}

/// `communes`: each record's [`commune_key`].
fn facets_of(records: &[SearchRecord], order: &[usize], communes: &[(bool, String)]) -> Facets {
    let mut kinds: Vec<Kind> = records.iter().map(|r| r.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut years: Vec<i32> = records.iter().filter_map(|r| r.year).collect();
    years.sort_by(|a, b| b.cmp(a));
    years.dedup();
    let mut names: Vec<(&str, &str)> = records
        .iter()
        .zip(communes)
        .filter_map(|(r, (_, key))| r.commune.as_deref().map(|name| (key.as_str(), name)))
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.0 == b.0);
    let types: Vec<String> = RESOURCE_TYPES
        .iter()
        .filter(|t| records.iter().any(|r| r.resource_type.as_deref() == Some(**t)))
        .map(|t| t.to_string())
        .collect();
    let index = |list: &[String], value: Option<&str>| -> i64 {
        value.and_then(|v| list.iter().position(|x| x == v)).map_or(-1, |i| i as i64)
    };
    let commune_keys: Vec<String> = names.iter().map(|(key, _)| key.to_string()).collect();
    let commune_names: Vec<String> = names.iter().map(|(_, name)| name.to_string()).collect();
    let mut runs: Vec<[i64; 5]> = Vec::new();
    for &i in order {
        let r = &records[i];
        let commune = r.commune.as_ref().map(|_| communes[i].1.as_str());
        let key = [
            kinds.iter().position(|k| *k == r.kind).map_or(-1, |p| p as i64),
            r.year.and_then(|y| years.iter().position(|&x| x == y)).map_or(-1, |p| p as i64),
            index(&commune_keys, commune),
            index(&types, r.resource_type.as_deref()),
        ];
        match runs.last_mut() {
            Some(run) if run[1..] == key => run[0] += 1,
            _ => runs.push([1, key[0], key[1], key[2], key[3]]),
        }
    }
    Facets {
        kind: kinds.iter().map(|k| k.as_str().to_string()).collect(),
        year: years,
        commune: commune_names,
        resource_type: types,
        runs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::tests::page;

    #[test]
    fn every_facet_combination_is_one_run_of_documents() {
        let mut records = vec![page("a", ""), page("b", ""), page("c", ""), page("d", "")];
        for (r, (year, kind)) in
            records.iter_mut().zip([(2023, Kind::News), (2024, Kind::Plans), (2024, Kind::News), (2023, Kind::News)])
        {
            r.year = Some(year);
            r.kind = kind;
        }
        records[3].commune = Some("Xã Mỹ Hòa".into());
        let (order, facets) = order_documents(&records);
        assert_eq!(order, [2, 1, 3, 0]);
        assert_eq!(facets.year, [2024, 2023]);
        assert_eq!(facets.kind, ["news", "plans"]);
        assert_eq!(facets.runs, [[1, 0, 0, -1, -1], [1, 1, 0, -1, -1], [1, 0, 1, 0, -1], [1, 0, 1, -1, -1]]);
    }
}
