//! Rendering the outputs of indicators: the overview of each indicators section, a page per
//! indicator, the open-data downloads and the JSON Schema. The views and files themselves
//! come from [`crate::indicators`]; this file only places them in the site.

use serde_json::{json, Value};

/// The overview template of an indicators section. Section templates are named `section-…`
/// so that no page kind's template (`<kind>.html`) can take a section's name.
pub(super) const INDICATOR_OVERVIEW: &str = "section-indicators.html";

use super::{Meta, Renderer};
use crate::content::{Kind, Section};
use crate::diagnostics::Result;
use crate::indicators::view::{data_file, Views};
use crate::indicators::{export, schema, Entry};
use crate::output::{Generated, Output, Owner};

impl Renderer<'_> {
    fn indicator_views(&self) -> Views<'_> {
        Views::new(&self.site.config, &self.site.strings, &self.site.indicators)
    }

    /// The section page of an indicators section (`/chi-so/`), through `section-indicators.html`.
    pub(super) fn render_indicator_overview(&self, index: usize) -> Result<(String, Vec<u8>)> {
        let section = &self.site.content.sections[index];
        let meta = Meta {
            jsonld: super::jsonld::collection(self.site, &section.meta.title, &section.url),
            title: section.meta.title.clone(),
            description: section.meta.summary.clone().unwrap_or_else(|| self.site.config.description.clone()),
            url: section.url.clone(),
            og_type: "website",
            og_image: String::new(),
            feed_url: self.site.config.link("/atom.xml"),
            robots: "",
        };
        let crumbs = section.parent.map_or_else(Vec::new, |p| self.section_crumbs(p));
        let mut cx = self.frame(meta, crumbs);
        cx.insert("section", self.views.section(section));
        cx.insert("overview", self.indicator_views().overview(index, &section.url));
        Ok((section.url.clone(), self.render_template(INDICATOR_OVERVIEW, cx)?))
    }

    /// One indicator's page, through `indicator.html`.
    pub(super) fn render_indicator(&self, i: usize) -> Result<(String, Vec<u8>)> {
        let entry = &self.site.indicators.entries[i];
        let views = self.indicator_views();
        let description = format!("{} – {}", entry.indicator.title, views.explain(entry));
        let meta = Meta {
            title: entry.indicator.title.clone(),
            jsonld: self.dataset(entry, &description),
            description,
            url: entry.url.clone(),
            og_type: "website",
            og_image: String::new(),
            feed_url: self.site.config.link("/atom.xml"),
            robots: "",
        };
        let section = &self.site.content.sections[entry.section];
        let mut cx = self.frame(meta, self.section_crumbs(entry.section));
        cx.insert("section", self.views.section(section));
        cx.insert("indicator", views.full(entry, &self.site.content));
        Ok((entry.url.clone(), self.render_template("indicator.html", cx)?))
    }

    /// schema.org `Dataset`, so data search engines find the indicator and its downloads.
    fn dataset(&self, entry: &Entry, description: &str) -> Value {
        let c = &self.site.config;
        let ind = &entry.indicator;
        let download = |ext: &str, mime: &str| json!({ "@type": "DataDownload", "encodingFormat": mime, "contentUrl": c.permalink(&format!("{}{}.{ext}", entry.url, ind.id)) });
        let mut years: Vec<i32> =
            ind.values.iter().map(|v| v.year).chain(ind.baseline.iter().map(|b| b.year)).collect();
        years.sort_unstable();
        let mut dataset = json!({
            "@context": "https://schema.org", "@type": "Dataset", "name": ind.title,
            "description": description, "url": c.permalink(&entry.url), "inLanguage": c.language.code(),
            "isAccessibleForFree": true, "variableMeasured": ind.title,
            "creator": { "@type": "GovernmentOrganization", "name": c.organization, "url": c.permalink("/") },
            "distribution": [download("csv", "text/csv"), download("json", "application/json")],
        });
        if let (Some(first), Some(last)) = (years.first(), years.last()) {
            dataset["temporalCoverage"] = json!(format!("{first}/{last}"));
        }
        dataset
    }

    /// Each indicator's CSV and JSON, each section's files of all indicators, and the schema.
    pub(super) fn write_indicator_data(&self, output: &Output) -> Result<()> {
        let site = self.site;
        for entry in &site.indicators.entries {
            let owner = || Owner::line(&entry.file, entry.line);
            output.write(
                &format!("{}{}.csv", entry.url, entry.indicator.id),
                export::indicator_csv(entry).as_bytes(),
                owner(),
            )?;
            let json = export::indicator_json(site, entry);
            output.write(&format!("{}{}.json", entry.url, entry.indicator.id), json.as_bytes(), owner())?;
        }
        let sections = &site.content.sections;
        for (i, section) in sections.iter().enumerate().filter(|(_, s)| s.kind == Kind::Indicators) {
            let lang = site.config.language;
            let csv = export::section_csv(site.indicators.of_section(i));
            output.write(
                &format!("{}{}", section.url, data_file(lang, "csv")),
                csv.as_bytes(),
                Owner::file(&section.path),
            )?;
            let json = export::section_json(site, &section.url, site.indicators.of_section(i));
            output.write(
                &format!("{}{}", section.url, data_file(lang, "json")),
                json.as_bytes(),
                Owner::file(&section.path),
            )?;
        }
        let schema = schema::json_schema(&site.config.permalink(schema::SCHEMA_PATH));
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        output.write(schema::SCHEMA_PATH, text.as_bytes(), Owner::Generated(Generated::IndicatorData))
    }

    /// Items a section holds for the home page's section list: its pages, plus its
    /// indicators for an indicators section.
    pub(super) fn item_count(&self, section: &Section) -> usize {
        let sections = &self.site.content.sections;
        let indicators = self.site.indicators.entries.iter().filter(|e| sections[e.section].dir == section.dir).count();
        section.pages.len() + indicators
    }

    /// Indicator pages for the sitemap.
    pub(super) fn indicator_sitemap_urls(&self) -> Vec<(String, Option<String>)> {
        self.site.indicators.entries.iter().map(|e| (e.url.clone(), None)).collect()
    }
}
