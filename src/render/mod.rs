//! Rendering the site through Tera: every page, list, taxonomy and the home page in parallel,
//! plus feeds, sitemap, calendars and redirects.

pub mod feeds;
pub mod ics;
mod indicators;
pub mod jsonld;
pub mod views;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde_json::{json, Value};
use tera::Tera;

use crate::content::{Kind, Page};
use crate::diagnostics::{Error, Result};
use crate::markdown::escape_html;
use crate::output::{file_for, Generated, Output, Owner};
use crate::resolve::{normalize_site_path, sort_newest_first, Taxonomy};
use crate::theme::Theme;
use crate::Site;
use views::Views;

/// Items on the home page's lists.
const HOME_NEWS: usize = 6;
const HOME_EVENTS: usize = 4;
const HOME_ROLE_MODELS: usize = 3;
const HOME_RESOURCES: usize = 4;
const HOME_PLANS: usize = 5;
/// Characters of body text used for a page's meta description when it has no summary.
const DESCRIPTION_CHARS: usize = 160;

/// The theme's templates, parsed once per build.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Parses every template of the theme and the portal's `templates/`.
    pub fn load(theme: &Theme) -> Result<Templates> {
        let mut sources = Vec::new();
        for (name, source) in theme.files("templates") {
            let text = source.read_text(&std::path::Path::new("templates").join(&name))?;
            sources.push((name, text));
        }
        let mut tera = Tera::default();
        // Tera's own escaper also turns every `/` into `&#x2F;`: six bytes per slash of every
        // URL, for no safety gain (OWASP dropped that advice), and it is slower.
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(sources).map_err(|e| Error::Template(error_chain(&e)))?;
        let templates = Templates { tera };
        if templates.has("indicators.html") {
            // The indicator overview was `indicators.html` before `section-indicators.html`.
            return Err(Error::Template(
                "templates/indicators.html: the overview of an indicators section is now `section-indicators.html`; \
                 rename the file (page templates are `<kind>.html`, section templates `section-….html`)"
                    .into(),
            ));
        }
        Ok(templates)
    }

    fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders `name` with `context`, as UTF-8 bytes ready to write.
    fn render(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>> {
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera.render_to(name, context, &mut html).map_err(|e| Error::Template(error_chain(&e)))?;
        Ok(html)
    }
}

/// A template's context under construction. Values are moved in: `tera::Context::insert`
/// serializes whatever it is given, which deep-copied every page's objects a second time.
struct Frame(serde_json::Map<String, Value>);

impl Frame {
    fn insert(&mut self, key: &str, value: impl Into<Value>) {
        self.0.insert(key.to_string(), value.into());
    }
}

/// Tera nests the useful message in the error's sources.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// One HTML file to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    Home,
    Page(usize),
    Section { section: usize, number: usize },
    Taxonomy(usize),
    Term { taxonomy: usize, term: usize, number: usize },
    NotFound,
    Search,
    IndicatorOverview(usize),
    Indicator(usize),
}

/// Renders every output of the site into `output`; returns the number of HTML pages and
/// the list items of all pages (kept by `serve` for incremental renders).
pub(crate) fn render_site(
    site: &Site,
    templates: &Templates,
    css_url: &str,
    search: &crate::search::Links,
    now: DateTime<FixedOffset>,
    output: &Output,
) -> Result<(usize, Vec<ListItem>)> {
    let renderer = Renderer::new(site, templates, css_url, search, now)?;
    let jobs = renderer.jobs();
    renderer.render_jobs(&jobs, output)?;
    renderer.write_calendars(output, None)?;
    renderer.write_indicator_data(output)?;
    renderer.write_shared_files(output)?;
    Ok((jobs.len(), renderer.into_items()))
}

/// `chrome` keys and the partials rendered once for them (see [`Renderer::shared_context`]).
const CHROME: [(&str, &str); 3] = [
    ("brand_html", "partials/brand.html"),
    ("search_html", "partials/search-box.html"),
    ("footer_html", "partials/footer.html"),
];

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

/// Renders pages through the theme's templates.
pub(crate) struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    views: Views<'a>,
    /// Every page's card for lists, rendered once (see [`ListItem`]).
    items: Vec<ListItem>,
    site_value: Value,
    strings: Value,
    now: DateTime<FixedOffset>,
    /// Tells this renderer's shared template context apart from an earlier one's.
    id: u64,
}

/// Renderers made so far, to number them.
static RENDERERS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// Per rendering thread: the context every template shares (`t`, the UI strings: over
    /// 200 strings that cost more to copy for each page than most pages cost to render; and
    /// `chrome`), with the id of the renderer it belongs to. Each page's own values are moved in before
    /// rendering and taken out after.
    static SHARED: std::cell::RefCell<(u64, tera::Context)> = std::cell::RefCell::new((0, tera::Context::new()));
}

/// Head metadata of one page.
struct Meta {
    title: String,
    description: String,
    url: String,
    og_type: &'static str,
    og_image: String,
    jsonld: Value,
    feed_url: String,
    robots: &'static str,
}

impl<'a> Renderer<'a> {
    /// A renderer with the list item of every page rendered once.
    pub(crate) fn new(
        site: &'a Site,
        templates: &'a Templates,
        css_url: &str,
        search: &crate::search::Links,
        now: DateTime<FixedOffset>,
    ) -> Result<Self> {
        let mut renderer = Renderer::with_items(site, templates, css_url, search, now, Vec::new());
        renderer.items =
            (0..site.content.pages.len()).into_par_iter().map(|i| renderer.list_item(i)).collect::<Result<_>>()?;
        Ok(renderer)
    }

    /// A renderer reusing list items kept from an earlier render (see `serve`).
    pub(crate) fn with_items(
        site: &'a Site,
        templates: &'a Templates,
        css_url: &str,
        search: &crate::search::Links,
        now: DateTime<FixedOffset>,
        items: Vec<ListItem>,
    ) -> Self {
        let views = Views::new(site, now);
        let c = &site.config;
        let site_value = json!({
            "title": c.title, "description": c.description, "base_url": c.base_url,
            "language": c.language.code(), "district": c.district, "province": c.province,
            "organization": c.organization, "contact": c.contact,
            "menu": menu(site), "css_url": css_url, "feed_url": c.link("/atom.xml"),
            "home_url": c.link("/"), "sitemap_url": c.link("/sitemap.xml"),
            "favicon_url": c.link("/favicon.svg"),
            "year": now.format("%Y").to_string(),
            "search_url": search.page, "search_script_url": search.script, "search_loader_url": search.loader,
            "search_index_url": search.index,
            "extra": c.extra,
        });
        let strings = json!(site.strings.all());
        let id = RENDERERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Renderer { site, templates, views, items, site_value, strings, now, id }
    }

    /// Gives back the list items, for reuse by the next render.
    pub(crate) fn into_items(self) -> Vec<ListItem> {
        self.items
    }

    /// Renders one page's list item again after the page changed.
    pub(crate) fn refresh_item(&mut self, page: usize) -> Result<()> {
        self.items[page] = self.list_item(page)?;
        Ok(())
    }

    /// Renders the card of page `index` in both forms lists use.
    fn list_item(&self, index: usize) -> Result<ListItem> {
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

    /// Renders the jobs in parallel.
    pub(crate) fn render_jobs(&self, jobs: &[Job], output: &Output) -> Result<()> {
        jobs.par_iter().try_for_each(|job| self.render_job(job, output))
    }

    /// Feeds, redirects, sitemap and robots.txt: cheap site-wide files, always written whole.
    pub(crate) fn write_shared_files(&self, output: &Output) -> Result<()> {
        self.write_feeds(output)?;
        self.write_aliases(output)?;
        self.write_sitemap(output)?;
        output.write("/robots.txt", feeds::robots(self.site).as_bytes(), FEED)
    }

    /// Every HTML file of the site.
    pub(crate) fn jobs(&self) -> Vec<Job> {
        let content = &self.site.content;
        let mut jobs = vec![Job::Home, Job::NotFound];
        if self.templates.has("search.html") {
            jobs.push(Job::Search);
        }
        jobs.extend((0..content.pages.len()).map(Job::Page));
        for (i, section) in content.sections.iter().enumerate().skip(1) {
            if section.kind == Kind::Indicators {
                continue; // rendered by `indicator_jobs`
            }
            let pages = page_count(section.pages.len(), self.per_page(i));
            jobs.extend((1..=pages).map(|number| Job::Section { section: i, number }));
        }
        for (t, taxonomy) in self.site.resolved.taxonomies.iter().enumerate() {
            if taxonomy.terms.is_empty() {
                continue;
            }
            jobs.push(Job::Taxonomy(t));
            for (term_index, term) in taxonomy.terms.iter().enumerate() {
                let pages = page_count(term.pages.len(), self.site.config.paginate_by);
                jobs.extend((1..=pages).map(|number| Job::Term { taxonomy: t, term: term_index, number }));
            }
        }
        jobs.extend(self.indicator_jobs());
        jobs
    }

    pub(crate) fn per_page(&self, section: usize) -> usize {
        self.site.content.sections[section].meta.paginate_by.unwrap_or(self.site.config.paginate_by)
    }

    fn render_job(&self, job: &Job, output: &Output) -> Result<()> {
        let owner = self.owner(job);
        let (path, html) = self.render_html(job).map_err(|error| match error {
            // A template error names the file whose page was being rendered.
            Error::Template(message) => Error::Template(format!("while rendering {}: {message}", owner.shown())),
            other => other,
        })?;
        output.write(&file_for(&path), &html, owner)
    }

    /// The site path and the HTML of one job.
    fn render_html(&self, job: &Job) -> Result<(String, Vec<u8>)> {
        Ok(match job {
            Job::Home => ("/".to_string(), self.render_home()?),
            Job::NotFound => ("/404.html".to_string(), self.render_not_found()?),
            Job::Search => self.render_search()?,
            Job::Page(i) => (self.site.content.pages[*i].url.clone(), self.render_page(*i)?),
            Job::Section { section, number } => self.render_section(*section, *number)?,
            Job::Taxonomy(t) => {
                let taxonomy = &self.site.resolved.taxonomies[*t];
                (taxonomy.url.clone(), self.render_taxonomy(taxonomy)?)
            }
            Job::Term { taxonomy, term, number } => self.render_term(*taxonomy, *term, *number)?,
            Job::IndicatorOverview(section) => self.render_indicator_overview(*section)?,
            Job::Indicator(i) => self.render_indicator(*i)?,
        })
    }

    /// Who a job's page belongs to, named if another source claims its path too.
    fn owner(&self, job: &Job) -> Owner {
        let content = &self.site.content;
        match job {
            Job::Home if self.site.config.root.join(&content.sections[0].path).is_file() => {
                Owner::file(&content.sections[0].path)
            }
            Job::Home => Owner::Generated(Generated::Home),
            Job::NotFound => Owner::Generated(Generated::NotFound),
            Job::Search => Owner::Generated(Generated::Search),
            Job::Page(i) => Owner::file(&content.pages[*i].path),
            Job::Section { section, .. } | Job::IndicatorOverview(section) => {
                Owner::file(&content.sections[*section].path)
            }
            Job::Taxonomy(_) | Job::Term { .. } => Owner::Generated(Generated::Taxonomy),
            Job::Indicator(i) => {
                let entry = &self.site.indicators.entries[*i];
                Owner::line(&entry.file, entry.line)
            }
        }
    }

    /// Renders template `name` with the shared context plus `frame`.
    fn render_template(&self, name: &str, frame: Frame) -> Result<Vec<u8>> {
        SHARED.with_borrow_mut(|(id, shared)| {
            if *id != self.id {
                *shared = self.shared_context()?;
                *id = self.id;
            }
            debug_assert!(!frame.0.contains_key("t"), "`t` is shared, not per page");
            let keys: Vec<String> = frame.0.keys().cloned().collect();
            shared.extend(tera::Context::from_value(Value::Object(frame.0)).expect("a frame is an object"));
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
        let both = json!({ "t": self.strings, "site": self.site_value });
        let mut shared = tera::Context::from_value(both).expect("an object");
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
    fn frame(&self, meta: Meta, breadcrumbs: Vec<Value>) -> Frame {
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

    fn crumb(&self, title: &str, url: &str) -> Value {
        json!({ "title": title, "url": self.site.config.link(url) })
    }

    /// Home, then every section above `section` and the section itself.
    fn section_crumbs(&self, section: usize) -> Vec<Value> {
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

    fn render_page(&self, index: usize) -> Result<Vec<u8>> {
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
        cx.insert("page", self.views.full(index));
        // A plain page inside an indicators section is a page like any other.
        let name = format!("{}.html", page.kind.as_str());
        let own = page.kind != Kind::Indicators && self.templates.has(&name);
        let template = if own { name.as_str() } else { "page.html" };
        self.render_template(template, cx)
    }

    fn render_section(&self, index: usize, number: usize) -> Result<(String, Vec<u8>)> {
        let section = &self.site.content.sections[index];
        let (url, paginator) = self.paginate(&section.url, &section.pages, self.per_page(index), number, false);
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
        let segment = if self.site.config.language == crate::config::Language::Vi { "trang" } else { "page" };
        let url_of = |n: usize| if n == 1 { base.to_string() } else { format!("{base}{segment}/{n}/") };
        let link = |n: usize| self.site.config.link(&url_of(n));
        let start = (number - 1) * per_page;
        let slice = &items[start.min(items.len())..(start + per_page).min(items.len())];
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

    fn render_taxonomy(&self, taxonomy: &Taxonomy) -> Result<Vec<u8>> {
        let title = self.taxonomy_title(taxonomy);
        let meta = self.list_meta(&title, &taxonomy.url);
        let mut cx = self.frame(meta, vec![self.crumb(&self.site.strings.get("home"), "/")]);
        cx.insert("taxonomy", self.taxonomy_value(taxonomy, true));
        self.render_template("taxonomy.html", cx)
    }

    fn render_term(&self, t: usize, term_index: usize, number: usize) -> Result<(String, Vec<u8>)> {
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

    fn list_meta(&self, title: &str, url: &str) -> Meta {
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

    fn render_home(&self) -> Result<Vec<u8>> {
        let site = self.site;
        let home = &site.content.sections[0];
        let meta = Meta {
            title: site.config.title.clone(),
            description: home.meta.summary.clone().unwrap_or_else(|| site.config.description.clone()),
            url: "/".into(),
            og_type: "website",
            og_image: String::new(),
            jsonld: jsonld::home(site),
            feed_url: site.config.link("/atom.xml"),
            robots: "",
        };
        let mut cx = self.frame(meta, Vec::new());
        let intro_html = home.meta.intro.as_ref().map(|s| format!("<p>{}</p>", escape_html(s))).unwrap_or_default();
        cx.insert(
            "home",
            json!({ "title": home.meta.title, "intro_html": intro_html, "content_html": home.rendered.html }),
        );
        cx.insert("latest_news", self.cards_of(&self.newest(Kind::News, false), HOME_NEWS));
        cx.insert("upcoming_events", self.cards_of(&self.upcoming_events(), HOME_EVENTS));
        cx.insert("featured_role_models", self.cards_of(&self.newest(Kind::RoleModels, true), HOME_ROLE_MODELS));
        cx.insert("featured_resources", self.cards_of(&self.newest(Kind::Resources, true), HOME_RESOURCES));
        cx.insert("plans", self.cards_of(&self.newest(Kind::Plans, false), HOME_PLANS));
        let mut ordered: Vec<_> = site.content.sections.iter().skip(1).collect();
        ordered.sort_by_key(|s| (s.meta.weight, s.meta.title.clone()));
        let sections: Vec<Value> = ordered.into_iter().map(|s| {
            json!({ "title": s.meta.title, "url": site.config.link(&s.url), "kind": s.kind.as_str(), "count": self.item_count(s) })
        }).collect();
        cx.insert("sections", sections);
        self.render_template("index.html", cx)
    }

    fn cards_of(&self, pages: &[usize], limit: usize) -> Vec<Value> {
        pages.iter().take(limit).map(|&i| self.views.card(i)).collect()
    }

    /// Pages of a kind, newest first; featured ones first when asked.
    fn newest(&self, kind: Kind, featured_first: bool) -> Vec<usize> {
        let pages = &self.site.content.pages;
        let mut list: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].kind == kind).collect();
        sort_newest_first(&mut list, pages);
        if featured_first {
            list.sort_by_key(|&i| !pages[i].meta.featured);
        }
        list
    }

    /// Events not yet over, soonest first.
    fn upcoming_events(&self) -> Vec<usize> {
        let pages = &self.site.content.pages;
        let mut list: Vec<usize> = (0..pages.len()).filter(|&i| views::is_upcoming(&pages[i], self.now)).collect();
        list.sort_by_key(|&i| pages[i].sort_date());
        list
    }

    fn render_not_found(&self) -> Result<Vec<u8>> {
        let mut meta = self.list_meta(&self.site.strings.get("not_found_title"), "/404.html");
        meta.robots = "noindex";
        let cx = self.frame(meta, Vec::new());
        self.render_template("404.html", cx)
    }

    /// The search page: results come from the script; without it, the sections to browse.
    fn render_search(&self) -> Result<(String, Vec<u8>)> {
        let url = crate::search::page_path(self.site.config.language);
        let mut meta = self.list_meta(&self.site.strings.get("search_title"), url);
        meta.robots = "noindex";
        let mut cx = self.frame(meta, vec![self.crumb(&self.site.strings.get("home"), "/")]);
        cx.insert("sections", crate::search::page_sections(self.site));
        Ok((url.to_string(), self.render_template("search.html", cx)?))
    }

    /// `.ics` files of every event, or of one page.
    pub(crate) fn write_calendars(&self, output: &Output, only: Option<usize>) -> Result<()> {
        let pages = &self.site.content.pages;
        let pages = match only {
            Some(i) => &pages[i..=i],
            None => &pages[..],
        };
        pages.par_iter().try_for_each(|page| match ics::event_calendar(self.site, page, &describe(page)) {
            Some(text) => output.write(&views::ics_path(page), text.as_bytes(), Owner::file(&page.path)),
            None => Ok(()),
        })
    }

    fn write_feeds(&self, output: &Output) -> Result<()> {
        let site = self.site;
        let pages = &site.content.pages;
        let mut dated: Vec<usize> =
            (0..pages.len()).filter(|&i| pages[i].sort_date().is_some() && pages[i].kind != Kind::Pages).collect();
        sort_newest_first(&mut dated, pages);
        let title = &site.config.title;
        output.write("/atom.xml", feeds::atom(site, title, "/atom.xml", "/", &dated).as_bytes(), FEED)?;
        for section in site.content.sections.iter().skip(1) {
            let feed_title = format!("{} – {title}", section.meta.title);
            let feed_path = format!("{}atom.xml", section.url);
            let xml = feeds::atom(site, &feed_title, &feed_path, &section.url, &section.pages);
            output.write(&feed_path, xml.as_bytes(), FEED)?;
        }
        Ok(())
    }

    fn write_aliases(&self, output: &Output) -> Result<()> {
        let site = self.site;
        for (alias, i) in &site.resolved.aliases {
            let page = &site.content.pages[*i];
            let html = redirect_html(site, page);
            let line =
                page.meta.aliases.iter().find(|(written, _)| normalize_site_path(written).as_ref() == Some(alias));
            let owner = line.map_or_else(|| Owner::file(&page.path), |(_, line)| Owner::line(&page.path, *line));
            output.write(&file_for(alias), html.as_bytes(), owner)?;
        }
        Ok(())
    }

    fn write_sitemap(&self, output: &Output) -> Result<()> {
        let site = self.site;
        let mut urls: Vec<(String, Option<String>)> = vec![("/".into(), None)];
        urls.extend(site.content.sections.iter().skip(1).map(|s| (s.url.clone(), None)));
        urls.extend(site.content.pages.iter().map(|p| {
            let lastmod = p.meta.updated.or(p.meta.date).map(|d| d.day().format("%Y-%m-%d").to_string());
            (p.url.clone(), lastmod)
        }));
        urls.extend(self.indicator_sitemap_urls());
        for (path, xml) in feeds::sitemaps(site, &urls) {
            output.write(&path, xml.as_bytes(), FEED)?;
        }
        Ok(())
    }
}

/// Feeds, sitemaps and robots.txt.
const FEED: Owner = Owner::Generated(Generated::Feed);

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

pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The main menu: the config's, else the top-level sections by weight.
fn menu(site: &Site) -> Vec<Value> {
    let c = &site.config;
    let link = |url: &str| if url.starts_with('/') { c.link(url) } else { url.to_string() };
    if !c.menu.is_empty() {
        return c.menu.iter().map(|m| json!({ "name": m.name, "url": link(&m.url), "active": false })).collect();
    }
    let mut sections: Vec<_> = site.content.sections.iter().filter(|s| s.parent == Some(0) && s.meta.in_menu).collect();
    sections.sort_by_key(|s| (s.meta.weight, s.meta.title.clone()));
    sections.iter().map(|s| json!({ "name": s.meta.title, "url": link(&s.url), "active": false })).collect()
}

/// A page's meta description: its summary, else the start of its text.
pub fn describe(page: &Page) -> String {
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

/// A page that sends the reader from an old URL to the new one.
fn redirect_html(site: &Site, page: &Page) -> String {
    let link = escape_html(&site.config.link(&page.url));
    let canonical = escape_html(&site.config.permalink(&page.url));
    let title = escape_html(&page.meta.title);
    let notice = escape_html(&site.strings.get("redirect_notice"));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"{canonical}\"><meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={link}\"></head>\
         <body><p>{notice} <a href=\"{link}\">{title}</a></p></body></html>\n",
        lang = site.config.language.code()
    )
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
