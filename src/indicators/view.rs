//! What templates see of indicators (documented in `themes/default/README.md`), and the
//! words the generator writes itself (chart descriptions, progress explanations).

use serde_json::{json, Value};

use super::chart;
use super::format::{share, with_unit};
use super::status::{Status, YearValue};
use super::{Entry, Indicators};
use crate::config::Config;
use crate::content::{Content, KindMeta};
use crate::language::Language;
use crate::slug::slugify;
use crate::theme::Strings;

/// File names of the open-data downloads of a section, by language.
pub fn data_file(language: Language, ext: &str) -> String {
    match language {
        crate::Language::Vi => format!("du-lieu.{ext}"),
        crate::Language::En => format!("data.{ext}"),
    }
}

/// Builds indicator views; it needs no [`crate::Site`], so the markdown stage can use it.
pub struct Views<'a> {
    config: &'a Config,
    strings: &'a Strings,
    indicators: &'a Indicators,
}

impl<'a> Views<'a> {
    /// Views of `indicators` in the portal's language.
    pub fn new(config: &'a Config, strings: &'a Strings, indicators: &'a Indicators) -> Self {
        Views { config, strings, indicators }
    }

    fn t(&self, key: &str) -> String {
        self.strings.get(key)
    }

    /// A UI string.
    pub fn text(&self, key: &str) -> String {
        self.t(key)
    }

    /// The indicators these views show.
    pub fn indicators(&self) -> &'a Indicators {
        self.indicators
    }

    /// A value of `entry` with its unit, in the portal's style.
    pub fn value(&self, entry: &Entry, value: f64) -> String {
        with_unit(value, &entry.indicator.unit, entry.decimals, self.config.language)
    }

    fn year_value(&self, entry: &Entry, point: Option<YearValue>) -> Value {
        point.map_or(
            Value::Null,
            |(year, value)| json!({ "year": year, "value": value, "display": self.value(entry, value) }),
        )
    }

    /// `●●○` and friends: a shape cue for each status, so colour is never the only one.
    fn symbol(status: Status) -> &'static str {
        match status {
            Status::Achieved => "●●●",
            Status::OnTrack => "●●○",
            Status::Behind => "●○○",
            Status::FarBehind => "○○○",
            Status::Worse => "▼",
            Status::NoData | Status::NoTarget => "–",
        }
    }

    /// The object for an indicator in a list: the overview, a plan, an embed.
    pub fn card(&self, entry: &Entry) -> Value {
        let ind = &entry.indicator;
        let p = &entry.progress;
        let totals = entry.totals();
        json!({
            "id": ind.id,
            "title": ind.title,
            "url": self.config.link(&entry.url),
            "group": ind.group,
            "unit": ind.unit,
            "direction": ind.direction.as_str(),
            "lower_is_better": ind.direction == super::Direction::Decrease,
            "sample": ind.sample,
            "latest": self.year_value(entry, p.latest),
            "target": self.year_value(entry, p.target),
            "baseline": self.year_value(entry, ind.baseline.as_ref().map(|b| (b.year, b.value))),
            "status": p.status.as_str(),
            "status_label": self.t(&p.status.label_key()),
            "status_symbol": Self::symbol(p.status),
            "sparkline_svg": chart::sparkline(&totals, p.target, ind.unit.trim() == "%"),
        })
    }

    /// The object for an indicator's own page; `content` gives the plans that name it.
    pub fn full(&self, entry: &Entry, content: &Content) -> Value {
        let mut view = self.card(entry);
        let ind = &entry.indicator;
        let links = |ext: &str| self.config.link(&format!("{}{}.{ext}", entry.url, ind.id));
        view["chart_svg"] = json!(self.chart(entry));
        view["explanation"] = json!(self.explain(entry));
        view["rows"] = json!(self.rows(entry));
        view["areas"] = self.areas(entry);
        view["targets"] = json!(ind
            .targets
            .iter()
            .map(|t| json!({
                "year": t.year, "display": self.value(entry, t.value), "note": t.note,
            }))
            .collect::<Vec<_>>());
        view["source"] = json!(ind.source);
        view["notes"] = json!(ind.notes);
        view["csv_url"] = json!(links("csv"));
        view["json_url"] = json!(links("json"));
        view["plans"] = json!(self.plans_naming(&ind.id, content));
        view
    }

    /// The chart of an indicator with its `<title>` and `<desc>`.
    pub fn chart(&self, entry: &Entry) -> String {
        let ind = &entry.indicator;
        let totals = entry.totals();
        let targets: Vec<YearValue> = ind.targets.iter().map(|t| (t.year, t.value)).collect();
        let format = |v: f64| self.value(entry, v);
        let desc = self.describe(entry, &totals, &targets);
        let (baseline, target) = (self.t("ind_baseline"), self.t("ind_target"));
        let labels =
            chart::Labels { title: &ind.title, desc: &desc, baseline: &baseline, target: &target, format: &format };
        let data = chart::Data {
            baseline: ind.baseline.as_ref().map(|b| (b.year, b.value)),
            start: entry.progress.start,
            targets: &targets,
            values: &totals,
            percent: ind.unit.trim() == "%",
        };
        chart::line_chart(&data, &labels, &format!("bd-{}", ind.id))
    }

    /// The chart's `<desc>`: every number it shows, in words.
    fn describe(&self, entry: &Entry, totals: &[YearValue], targets: &[YearValue]) -> String {
        let list = |points: &[YearValue]| {
            points.iter().map(|(y, v)| format!("{y}: {}", self.value(entry, *v))).collect::<Vec<_>>().join("; ")
        };
        let mut parts = Vec::new();
        if totals.is_empty() {
            parts.push(self.t("ind_no_values"));
        } else {
            parts.push(format!("{}: {}.", self.t("ind_chart_values"), list(totals)));
        }
        if let Some(b) = &entry.indicator.baseline {
            parts.push(format!("{} {}: {}.", self.t("ind_baseline"), b.year, self.value(entry, b.value)));
        }
        if !targets.is_empty() {
            parts.push(format!("{}: {}.", self.t("ind_targets"), list(targets)));
        }
        parts.push(format!("{}: {}.", self.t("ind_status"), self.t(&entry.progress.status.label_key())));
        parts.join(" ")
    }

    /// The progress rule applied to this indicator, in one or two sentences.
    pub fn explain(&self, entry: &Entry) -> String {
        let p = &entry.progress;
        let fill = |key: &str| {
            let mut text = self.t(key);
            if let Some((year, value)) = p.latest {
                text = text.replace("{latest_year}", &year.to_string()).replace("{latest}", &self.value(entry, value));
            }
            if let Some((year, value)) = p.target {
                text = text.replace("{target_year}", &year.to_string()).replace("{target}", &self.value(entry, value));
            }
            if let Some((year, value)) = p.start {
                text = text.replace("{start_year}", &year.to_string()).replace("{start}", &self.value(entry, value));
            }
            if let Some(expected) = p.expected {
                text = text.replace("{expected}", &self.value(entry, expected));
            }
            if let Some(s) = p.share {
                text = text.replace("{share}", &share(s, self.config.language));
            }
            text
        };
        match p.status {
            Status::NoData if p.latest.is_none() => fill("ind_explain_no_values"),
            Status::NoData => fill("ind_explain_one_value"),
            Status::NoTarget => fill("ind_explain_no_target"),
            Status::Achieved => fill("ind_explain_achieved"),
            Status::Worse => fill("ind_explain_worse"),
            Status::OnTrack | Status::Behind | Status::FarBehind => fill("ind_explain_line"),
        }
    }

    /// Rows of the data table: every year with a whole-area value, the baseline or a target.
    fn rows(&self, entry: &Entry) -> Vec<Value> {
        let ind = &entry.indicator;
        let mut years: Vec<i32> = ind.values.iter().filter(|v| v.area.is_none()).map(|v| v.year).collect();
        years.extend(ind.targets.iter().map(|t| t.year));
        years.extend(ind.baseline.iter().map(|b| b.year));
        years.sort_unstable();
        years.dedup();
        years
            .into_iter()
            .map(|year| {
                let value = ind.values.iter().find(|v| v.area.is_none() && v.year == year);
                let target = ind.targets.iter().find(|t| t.year == year);
                let baseline = ind.baseline.as_ref().filter(|b| b.year == year);
                let shown = value.map(|v| v.value).or(baseline.map(|b| b.value));
                let notes: Vec<&str> = [
                    value.and_then(|v| v.note.as_deref()),
                    baseline.and_then(|b| b.note.as_deref()),
                    target.and_then(|t| t.note.as_deref()),
                ]
                .into_iter()
                .flatten()
                .collect();
                json!({
                    "year": year,
                    "value": shown.map(|v| self.value(entry, v)).unwrap_or_default(),
                    "is_baseline": baseline.is_some(),
                    "target": target.map(|t| self.value(entry, t.value)).unwrap_or_default(),
                    "note": notes.join("; "),
                })
            })
            .collect()
    }

    /// Communes: each one's latest value, best first, with a bar; and the full table by year.
    fn areas(&self, entry: &Entry) -> Value {
        let areas = entry.areas();
        if areas.is_empty() {
            return json!({ "latest": [], "years": [], "table": [] });
        }
        let ind = &entry.indicator;
        let sign = if ind.direction == super::Direction::Decrease { -1.0 } else { 1.0 };
        let target = entry.progress.target;
        let top =
            areas.iter().flat_map(|(_, v)| v.iter().map(|p| p.1)).chain(target.map(|t| t.1)).fold(0.0_f64, f64::max);
        // The bars' scale: the largest value or target rounded up to a round number, so a
        // 1–3 % indicator's bars are not slivers of a 0–100 % scale; its end is printed.
        let top = bar_scale(top, ind.unit.trim() == "%");
        let width = |v: f64| chart::coord((v / top * 100.0).clamp(0.0, 100.0));
        let mut latest: Vec<(&String, YearValue)> =
            areas.iter().filter_map(|(name, values)| values.iter().max_by_key(|p| p.0).map(|p| (name, *p))).collect();
        latest
            .sort_by(|a, b| (sign * b.1 .1).total_cmp(&(sign * a.1 .1)).then_with(|| slugify(a.0).cmp(&slugify(b.0))));
        let latest: Vec<Value> = latest
            .into_iter()
            .map(|(name, (year, value))| {
                let meets = target.map(|(_, t)| sign * (value - t) >= -1e-9);
                json!({ "name": name, "year": year, "display": self.value(entry, value), "bar": width(value), "meets": meets })
            })
            .collect();
        let mut years: Vec<i32> = areas.iter().flat_map(|(_, v)| v.iter().map(|p| p.0)).collect();
        years.sort_unstable();
        years.dedup();
        let table: Vec<Value> = areas
            .iter()
            .map(|(name, values)| {
                let cells: Vec<String> = years
                    .iter()
                    .map(|y| values.iter().find(|p| p.0 == *y).map(|p| self.value(entry, p.1)).unwrap_or_default())
                    .collect();
                json!({ "name": name, "cells": cells })
            })
            .collect();
        json!({
            "latest": latest, "years": years, "table": table,
            "target_mark": target.map(|t| width(t.1)), "target": self.year_value(entry, target),
            "scale": self.value(entry, top),
        })
    }

    /// Plans whose front matter names `id`.
    fn plans_naming(&self, id: &str, content: &Content) -> Vec<Value> {
        let pages = &content.pages;
        pages
            .iter()
            .filter(|p| matches!(&p.meta.extra, KindMeta::Plan(plan) if plan.indicators.iter().any(|i| i == id)))
            .map(|p| json!({ "title": p.meta.title, "url": self.config.link(&p.url) }))
            .collect()
    }

    /// The cards of the ids a plan names, in its order (unknown ids are already errors).
    pub fn plan_cards(&self, ids: &[String]) -> Vec<Value> {
        ids.iter().filter_map(|id| self.indicators.get(id)).map(|e| self.card(e)).collect()
    }

    /// The overview of one indicators section: groups in the order first met, the count of
    /// each status, and the open-data links.
    pub fn overview(&self, section: usize, section_url: &str) -> Value {
        let indicators: &Indicators = self.indicators;
        let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
        let mut counts = [0usize; Status::ALL.len()];
        for entry in indicators.of_section(section) {
            let group = entry.indicator.group.clone().unwrap_or_else(|| self.t("ind_group_other"));
            let i = groups.iter().position(|(g, _)| *g == group).unwrap_or_else(|| {
                groups.push((group, Vec::new()));
                groups.len() - 1
            });
            groups[i].1.push(self.card(entry));
            counts[Status::ALL.iter().position(|s| *s == entry.progress.status).unwrap_or(0)] += 1;
        }
        let total: usize = counts.iter().sum();
        let url = section_url;
        json!({
            "groups": groups.into_iter().map(|(title, items)| json!({ "title": title, "id": slugify(&title), "indicators": items })).collect::<Vec<_>>(),
            "total": total,
            "counts": Status::ALL.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(s, n)| json!({
                "status": s.as_str(), "label": self.t(&s.label_key()), "symbol": Self::symbol(*s), "count": n,
            })).collect::<Vec<_>>(),
            "any_sample": indicators.of_section(section).any(|e| e.indicator.sample),
            "csv_url": self.config.link(&format!("{url}{}", data_file(self.config.language, "csv"))),
            "json_url": self.config.link(&format!("{url}{}", data_file(self.config.language, "json"))),
            "schema_url": self.config.permalink(super::schema::SCHEMA_PATH),
        })
    }
}

/// The end of the commune bars' scale: `largest` rounded up to 1, 2, 2.5 or 5 times a power
/// of ten (at most 100 for a percentage).
fn bar_scale(largest: f64, percent: bool) -> f64 {
    if !(largest > 0.0 && largest.is_finite()) {
        return if percent { 100.0 } else { 1.0 };
    }
    let power = 10f64.powf(largest.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= largest - 1e-9);
    let top = step.unwrap_or(10.0 * power);
    if percent {
        top.min(100.0)
    } else {
        top
    }
}

#[cfg(test)]
mod tests {
    use super::bar_scale;

    #[test]
    fn bars_scale_to_a_round_number_above_the_largest_value() {
        assert_eq!(bar_scale(2.7, true), 5.0);
        assert_eq!(bar_scale(3.0, true), 5.0);
        assert_eq!(bar_scale(60.0, true), 100.0);
        assert_eq!(bar_scale(98.5, true), 100.0);
        assert_eq!(bar_scale(0.0, true), 100.0);
        assert_eq!(bar_scale(14.0, false), 20.0);
        assert_eq!(bar_scale(1_250.0, false), 2_000.0);
        assert_eq!(bar_scale(2_100.0, false), 2_500.0);
        assert_eq!(bar_scale(100.0, false), 100.0);
    }
}
