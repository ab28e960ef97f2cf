//! Rendering single pages: each content page through its kind's template, the 404 page and
//! the search page.

use super::{jsonld, Meta, Renderer};
use crate::content::{Kind, Page};
use crate::diagnostics::Result;

/// Characters of body text used for a page's meta description when it has no summary.
const DESCRIPTION_CHARS: usize = 160;

impl Renderer<'_> {
    pub(super) fn render_page(&self, index: usize) -> Result<Vec<u8>> {
        let page = &self.site.content.pages[index];
        let description = describe(page);
        let section = &self.site.content.sections[page.section];
        let feed_url = if page.section == 0 { "/atom.xml".to_string() } else { format!("{}atom.xml", section.url) };
        let meta = Meta {
            title: page.meta.title.clone(),
            jsonld: jsonld::page(self.site, index, page, &description),
            description,
            url: page.url.clone(),
            og_type: "article",
            og_image: self.site.share_image(index).map(|u| jsonld::absolute(self.site, &u)).unwrap_or_default(),
            feed_url: self.site.config.link(&feed_url),
            robots: "",
        };
        let mut cx = self.frame(meta, self.section_crumbs(page.section));
        let mut view = self.views.full(index);
        if let Some(taken) = &self.page_html {
            view["content_html"] = serde_json::Value::String(taken.take(index));
        }
        cx.insert("page", view);
        cx.insert("related", self.cards_of(&super::related::news(self.site, index), super::related::RELATED));
        // A plain page inside an indicators section is a page like any other.
        let name = format!("{}.html", page.kind.as_str());
        let own = page.kind != Kind::Indicators && self.templates.has(&name);
        let template = if own { name.as_str() } else { "page.html" };
        self.render_template(template, cx)
    }

    pub(super) fn render_not_found(&self) -> Result<Vec<u8>> {
        let mut meta = self.list_meta(&self.site.strings.get("not_found_title"), "/404.html");
        meta.robots = "noindex";
        let cx = self.frame(meta, Vec::new());
        self.render_template("404.html", cx)
    }

    /// The search page: results come from the script; without it, the sections to browse.
    pub(super) fn render_search(&self) -> Result<(String, Vec<u8>)> {
        let url = crate::search::page_path(self.site.config.language);
        let mut meta = self.list_meta(&self.site.strings.get("search_title"), url);
        meta.robots = "noindex";
        let mut cx = self.frame(meta, vec![self.crumb(&self.site.strings.get("home"), "/")]);
        cx.insert("sections", crate::search::page_sections(self.site));
        Ok((url.to_string(), self.render_template("search.html", cx)?))
    }
}

/// A page's meta description: its summary, else the start of its text.
pub(crate) fn describe(page: &Page) -> String {
    if let Some(summary) = &page.meta.summary {
        return summary.clone();
    }
    let text = &page.rendered.text;
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text.clone();
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
