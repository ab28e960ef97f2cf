//! Rendering paginated lists: section pages, taxonomy overviews and term pages, from the
//! cards of their pages rendered once.

use serde_json::{json, Value};

use super::{jsonld, Frame, Meta, Renderer};
use crate::diagnostics::Result;
use crate::plan::{self, page_count};
use crate::resolve::Taxonomy;

/// The template that renders one page's card for paginated lists.
const LIST_ITEM_TEMPLATE: &str = "partials/list-item.html";

/// A page as paginated lists show it: its card, rendered once and reused by every list page
/// that shows it. (Rendering each card again on each list, from a copy of its view, cost as
/// much as rendering all the pages themselves.)
#[derive(Debug, Clone)]
pub(crate) struct ListItem {
    title: String,
    url: String,
    kind: &'static str,
    /// For the lists of a section.
    card_html: String,
    /// For mixed lists (term pages), which label each card with its kind.
    card_with_kind_html: String,
}

impl Renderer<'_> {
    /// Renders one page's list item again after the page changed.
    pub(crate) fn refresh_item(&mut self, page: usize) -> Result<()> {
        self.items[page] = self.list_item(page)?;
        Ok(())
    }

    /// Renders the card of page `index` in both forms lists use.
    pub(super) fn list_item(&self, index: usize) -> Result<ListItem> {
        let page = &self.site.content.pages[index];
        let view = self.views.card(index);
        let card = |show_kind: bool| {
            let mut cx = Frame(serde_json::Map::new());
            cx.insert("p", view.clone());
            cx.insert("show_kind", show_kind);
            let mut html = String::from_utf8(self.render_template(LIST_ITEM_TEMPLATE, cx)?).expect("Tera writes UTF-8");
            html.shrink_to_fit(); // from a page-sized buffer: 20,000 of them at 10,000 pages
            Ok(html)
        };
        Ok(ListItem {
            title: page.meta.title.clone(),
            url: self.site.config.link(&page.url),
            kind: page.kind.as_str(),
            card_html: card(false)?,
            card_with_kind_html: card(true)?,
        })
    }

    pub(super) fn render_section(&self, index: usize, number: usize) -> Result<(String, Vec<u8>)> {
        let section = &self.site.content.sections[index];
        let (url, paginator) =
            self.paginate(&section.url, &section.pages, plan::per_page(self.site, index), number, false);
        let title = self.numbered_title(&section.meta.title, number);
        let meta = Meta {
            jsonld: jsonld::collection(self.site, &title, &url),
            title,
            description: section.meta.summary.clone().unwrap_or_else(|| self.site.config.description.clone()),
            url: url.clone(),
            og_type: "website",
            og_image: String::new(),
            feed_url: self.site.config.link(&format!("{}atom.xml", section.url)),
            robots: "",
        };
        let crumbs = section.parent.map_or_else(Vec::new, |p| self.section_crumbs(p));
        let mut cx = self.frame(meta, crumbs);
        cx.insert("section", self.views.section(section));
        cx.insert("paginator", paginator);
        Ok((url, self.render_template("section.html", cx)?))
    }

    fn numbered_title(&self, title: &str, number: usize) -> String {
        if number == 1 {
            return title.to_string();
        }
        let page_n = self.site.strings.get("page_n").replace("{n}", &number.to_string());
        format!("{title} – {page_n}")
    }

    /// The URL of list page `number` and its paginator object; `show_kind` for mixed lists.
    fn paginate(
        &self,
        base: &str,
        items: &[usize],
        per_page: usize,
        number: usize,
        show_kind: bool,
    ) -> (String, Value) {
        let total_pages = page_count(items.len(), per_page);
        let segment = if self.site.config.language == crate::language::Language::Vi { "trang" } else { "page" };
        let url_of = |n: usize| if n == 1 { base.to_string() } else { format!("{base}{segment}/{n}/") };
        let link = |n: usize| self.site.config.link(&url_of(n));
        let slice = plan::page_slice(items, per_page, number);
        let mut paginator = json!({
            "current": number,
            "total_pages": total_pages,
            "total_items": items.len(),
            "prev_url": if number > 1 { link(number - 1) } else { String::new() },
            "next_url": if number < total_pages { link(number + 1) } else { String::new() },
            "pages": page_window(number, total_pages).into_iter().scan(0, |previous, n| {
                let gap_before = n > *previous + 1 && *previous > 0;
                *previous = n;
                Some(json!({ "number": n, "url": link(n), "current": n == number, "gap_before": gap_before }))
            }).collect::<Vec<_>>(),
        });
        let item = |item: &ListItem| {
            let card_html = if show_kind { &item.card_with_kind_html } else { &item.card_html };
            json!({ "title": item.title, "url": item.url, "kind": item.kind, "card_html": card_html })
        };
        paginator["items"] = Value::Array(slice.iter().map(|&i| item(&self.items[i])).collect());
        (url_of(number), paginator)
    }

    fn taxonomy_value(&self, taxonomy: &Taxonomy, with_terms: bool) -> Value {
        let c = &self.site.config;
        let terms: Vec<Value> = if with_terms {
            taxonomy
                .terms
                .iter()
                .map(|t| json!({ "name": t.name, "url": c.link(&t.url), "count": t.pages.len() }))
                .collect()
        } else {
            Vec::new()
        };
        json!({
            "name": taxonomy.kind.name(),
            "title": self.taxonomy_title(taxonomy),
            "url": c.link(&taxonomy.url),
            "terms": terms,
        })
    }

    fn taxonomy_title(&self, taxonomy: &Taxonomy) -> String {
        self.site.strings.get(&format!("taxonomy_{}", taxonomy.kind.name().replace('-', "_")))
    }

    pub(super) fn render_taxonomy(&self, taxonomy: &Taxonomy) -> Result<Vec<u8>> {
        let title = self.taxonomy_title(taxonomy);
        let meta = self.list_meta(&title, &taxonomy.url);
        let mut cx = self.frame(meta, vec![self.crumb(&self.site.strings.get("home"), "/")]);
        cx.insert("taxonomy", self.taxonomy_value(taxonomy, true));
        self.render_template("taxonomy.html", cx)
    }

    pub(super) fn render_term(&self, t: usize, term_index: usize, number: usize) -> Result<(String, Vec<u8>)> {
        let taxonomy = &self.site.resolved.taxonomies[t];
        let term = &taxonomy.terms[term_index];
        let (url, paginator) = self.paginate(&term.url, &term.pages, self.site.config.paginate_by, number, true);
        let title = self.numbered_title(&format!("{}: {}", self.taxonomy_title(taxonomy), term.name), number);
        let meta = self.list_meta(&title, &url);
        let crumbs = vec![
            self.crumb(&self.site.strings.get("home"), "/"),
            self.crumb(&self.taxonomy_title(taxonomy), &taxonomy.url),
        ];
        let mut cx = self.frame(meta, crumbs);
        cx.insert("taxonomy", self.taxonomy_value(taxonomy, false));
        cx.insert(
            "term",
            json!({ "name": term.name, "url": self.site.config.link(&term.url), "count": term.pages.len() }),
        );
        cx.insert("paginator", paginator);
        Ok((url, self.render_template("term.html", cx)?))
    }

    pub(super) fn list_meta(&self, title: &str, url: &str) -> Meta {
        Meta {
            title: title.to_string(),
            description: self.site.config.description.clone(),
            url: url.to_string(),
            og_type: "website",
            og_image: String::new(),
            jsonld: jsonld::collection(self.site, title, url),
            feed_url: self.site.config.link("/atom.xml"),
            robots: "",
        }
    }
}

/// Page numbers a pager links: the first, the last and two on each side of the current one.
/// A full list would make every list page grow with the section: quadratic output.
fn page_window(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut numbers: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(total)).collect();
    numbers.dedup();
    numbers.retain(|&n| n >= 1 && n <= total);
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_shows_ends_and_neighbours_only() {
        assert_eq!(page_window(1, 1), vec![1]);
        assert_eq!(page_window(1, 3), vec![1, 2, 3]);
        assert_eq!(page_window(10, 50), vec![1, 8, 9, 10, 11, 12, 50]);
        assert_eq!(page_window(50, 50), vec![1, 48, 49, 50]);
    }
}
