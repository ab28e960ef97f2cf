//! Rendering the home page: the newest items of each kind and the list of sections.

use serde_json::{json, Value};

use super::{jsonld, views, Meta, Renderer};
use crate::content::Kind;
use crate::diagnostics::Result;
use crate::markdown::escape_html;
use crate::resolve::sort_newest_first;

/// Items on the home page's lists.
const HOME_NEWS: usize = 6;
const HOME_EVENTS: usize = 4;
const HOME_ROLE_MODELS: usize = 3;
const HOME_RESOURCES: usize = 4;
const HOME_PLANS: usize = 5;

impl Renderer<'_> {
    pub(super) fn render_home(&self) -> Result<Vec<u8>> {
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
        cx.insert("plans", self.cards_of(&self.own_plans_first(), HOME_PLANS));
        let mut ordered: Vec<_> = site.content.sections.iter().skip(1).collect();
        ordered.sort_by_key(|s| (s.meta.weight, s.meta.title.clone()));
        let sections: Vec<Value> = ordered.into_iter().map(|s| {
            json!({ "title": s.meta.title, "url": site.config.link(&s.url), "kind": s.kind.as_str(), "count": self.item_count(s) })
        }).collect();
        cx.insert("sections", sections);
        self.render_template("index.html", cx)
    }

    pub(super) fn cards_of(&self, pages: &[usize], limit: usize) -> Vec<Value> {
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

    /// Plans for the home page: the portal's own before reference plans, each newest first
    /// by the day issued (else `date`).
    fn own_plans_first(&self) -> Vec<usize> {
        let pages = &self.site.content.pages;
        let mut list: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].kind == Kind::Plans).collect();
        let key = |i: usize| match &pages[i].meta.extra {
            crate::content::KindMeta::Plan(p) => (p.reference, std::cmp::Reverse(p.issued.or(pages[i].meta.date))),
            _ => (true, std::cmp::Reverse(pages[i].meta.date)),
        };
        list.sort_by_key(|&i| (key(i), pages[i].meta.title.clone()));
        list
    }

    /// Events not yet over, soonest first.
    fn upcoming_events(&self) -> Vec<usize> {
        let pages = &self.site.content.pages;
        let mut list: Vec<usize> = (0..pages.len()).filter(|&i| views::is_upcoming(&pages[i], self.now)).collect();
        list.sort_by_key(|&i| pages[i].sort_date());
        list
    }
}
