//! What templates see: the context every page shares (`t`, `chrome`), built once per
//! rendering thread, and each page's own frame (`site`, `meta`, `breadcrumbs`, …).

use serde_json::{json, Value};

use super::{jsonld, Meta, Renderer};
use crate::diagnostics::Result;
use crate::Site;

/// A template's context under construction: values are moved in, and turned into Tera's own
/// values once, when the page renders (see [`Renderer::render_template`]).
pub(super) struct Frame(pub(super) serde_json::Map<String, Value>);

impl Frame {
    pub(super) fn insert(&mut self, key: &str, value: impl Into<Value>) {
        self.0.insert(key.to_string(), value.into());
    }
}

/// `chrome` keys and the partials rendered once for them (see [`Renderer::shared_context`]).
const CHROME: [(&str, &str); 3] = [
    ("brand_html", "partials/brand.html"),
    ("search_html", "partials/search-box.html"),
    ("footer_html", "partials/footer.html"),
];

thread_local! {
    /// Per rendering thread: the context every template shares (`t`, the UI strings: over
    /// 200 strings that cost more to copy for each page than most pages cost to render; and
    /// `chrome`), with the id of the renderer it belongs to. Each page's own values are put in
    /// before rendering and taken out after.
    static SHARED: std::cell::RefCell<(u64, tera::Context)> = std::cell::RefCell::new((0, tera::Context::new()));
}

impl Renderer<'_> {
    /// Renders template `name` with the shared context plus `frame`.
    pub(super) fn render_template(&self, name: &str, frame: Frame) -> Result<Vec<u8>> {
        SHARED.with_borrow_mut(|(id, shared)| {
            if *id != self.id {
                *shared = self.shared_context()?;
                *id = self.id;
            }
            debug_assert!(!frame.0.contains_key("t"), "`t` is shared, not per page");
            let keys: Vec<String> = frame.0.keys().cloned().collect();
            for (key, value) in frame.0 {
                shared.insert_value(key, tera::Value::from_serializable(&value));
            }
            let html = self.templates.render(name, shared);
            for key in &keys {
                shared.remove(key);
            }
            html
        })
    }

    /// What every page shares: `t`, and `chrome`, the partials that are the same on every
    /// page, rendered here once (Tera's variable lookups are its slowest part, and the
    /// header and footer alone made a twelfth of a build's instructions).
    fn shared_context(&self) -> Result<tera::Context> {
        let mut shared = tera::Context::new();
        shared.insert("t", &self.strings);
        shared.insert("site", &self.site_value);
        let mut chrome = serde_json::Map::new();
        for (key, template) in CHROME {
            let html = self.templates.render(template, &shared)?;
            chrome.insert(key.to_string(), Value::String(String::from_utf8_lossy(&html).trim().to_string()));
        }
        shared.remove("site");
        shared.insert("chrome", &chrome);
        Ok(shared)
    }

    /// The context every template gets: `site`, `t` (see [`SHARED`]), `current_url`, `meta`,
    /// `breadcrumbs`.
    pub(super) fn frame(&self, meta: Meta, breadcrumbs: Vec<Value>) -> Frame {
        let c = &self.site.config;
        let mut site = self.site_value.clone();
        if let Some(items) = site["menu"].as_array_mut() {
            for item in items {
                let url = item["url"].as_str().unwrap_or("");
                let active = url != c.link("/") && c.link(&meta.url).starts_with(url);
                item["active"] = json!(active);
            }
        }
        let title = if meta.title == c.title { meta.title.clone() } else { format!("{} – {}", meta.title, c.title) };
        let mut cx = Frame(serde_json::Map::new());
        cx.insert("site", site);
        cx.insert("current_url", c.link(&meta.url));
        cx.insert("breadcrumbs", breadcrumbs);
        cx.insert(
            "meta",
            json!({
                "title": title, "description": meta.description,
                "canonical": c.permalink(&meta.url), "og_type": meta.og_type,
                "og_image": meta.og_image, "jsonld": jsonld::to_script_json(&meta.jsonld),
                "feed_url": meta.feed_url, "robots": meta.robots,
            }),
        );
        cx
    }

    pub(super) fn crumb(&self, title: &str, url: &str) -> Value {
        json!({ "title": title, "url": self.site.config.link(url) })
    }

    /// Home, then every section above `section` and the section itself.
    pub(super) fn section_crumbs(&self, section: usize) -> Vec<Value> {
        let sections = &self.site.content.sections;
        let mut chain = Vec::new();
        let mut at = Some(section);
        while let Some(i) = at {
            if i != 0 {
                chain.push(self.crumb(&sections[i].meta.title, &sections[i].url));
            }
            at = sections[i].parent;
        }
        chain.push(self.crumb(&self.site.strings.get("home"), "/"));
        chain.reverse();
        chain
    }
}

/// The main menu: the config's, else the top-level sections by weight.
pub(super) fn menu(site: &Site) -> Vec<Value> {
    let c = &site.config;
    let link = |url: &str| if url.starts_with('/') { c.link(url) } else { url.to_string() };
    if !c.menu.is_empty() {
        return c.menu.iter().map(|m| json!({ "name": m.name, "url": link(&m.url), "active": false })).collect();
    }
    let mut sections: Vec<_> = site.content.sections.iter().filter(|s| s.parent == Some(0) && s.meta.in_menu).collect();
    sections.sort_by_key(|s| (s.meta.weight, s.meta.title.clone()));
    sections.iter().map(|s| json!({ "name": s.meta.title, "url": link(&s.url), "active": false })).collect()
}
