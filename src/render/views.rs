//! What templates see of pages and sections (see `themes/default/README.md`).

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};

use crate::content::{KindMeta, Page, Section};
use crate::dates::Date;
use crate::markdown::escape_html;
use crate::resolve::TaxonomyKind;
use crate::slug::slugify;
use crate::Site;

/// Builds view objects for one site.
pub(crate) struct Views<'a> {
    site: &'a Site,
    now: DateTime<FixedOffset>,
}

impl<'a> Views<'a> {
    /// Views as of `now` (for `upcoming`).
    pub(crate) fn new(site: &'a Site, now: DateTime<FixedOffset>) -> Self {
        Views { site, now }
    }

    fn date(&self, date: Option<Date>) -> Value {
        date.map_or(Value::Null, |d| json!(d.view(self.site.config.language)))
    }

    fn term_url(&self, kind: TaxonomyKind, value: &str) -> String {
        let segment = kind.path_segment(self.site.config.language);
        self.site.config.link(&format!("/{segment}/{}/", slugify(value)))
    }

    /// The object for a page in a list (no body).
    pub(crate) fn card(&self, index: usize) -> Value {
        let page = &self.site.content.pages[index];
        let config = &self.site.config;
        let section = &self.site.content.sections[page.section];
        let section_view =
            (page.section != 0).then(|| json!({ "title": section.meta.title, "url": config.link(&section.url) }));
        let image = page.image_url.as_ref().map(|url| self.image(index, url));
        let tags: Vec<Value> =
            page.meta.tags.iter().map(|t| json!({ "name": t, "url": self.term_url(TaxonomyKind::Tags, t) })).collect();
        let commune =
            page.meta.commune.as_ref().map(|c| json!({ "name": c, "url": self.term_url(TaxonomyKind::Communes, c) }));
        let mut view = json!({
            "title": page.meta.title,
            "url": config.link(&page.url),
            "permalink": config.permalink(&page.url),
            "kind": page.kind.as_str(),
            "kind_label": self.site.strings.get(&page.kind.label_key()),
            "date": self.date(page.meta.date),
            "updated": self.date(page.meta.updated),
            "summary_html": page.rendered.summary_html,
            "summary": page.meta.summary,
            "reading_time": page.rendered.reading_time(),
            "word_count": page.rendered.word_count,
            "tags": tags,
            "commune": commune,
            "image": image,
            "section": section_view,
            "news": Value::Null,
            "plan": Value::Null,
            "role_model": Value::Null,
            "resource": Value::Null,
            "event": Value::Null,
        });
        let (key, extra) = self.kind_view(index, page);
        if let Some(key) = key {
            view[key] = extra;
        }
        view
    }

    /// `{url, alt, srcset, webp_srcset, sizes, width, height, share}`: `url` is the widest
    /// copy (never the camera original); the srcsets are empty and the size null for pictures
    /// that are not resized (remote pictures, GIF).
    fn image(&self, index: usize, url: &str) -> Value {
        let page = &self.site.content.pages[index];
        let set = self.site.resolved.images.get(&index);
        match set.map(|s| s.view(|p| self.site.config.link(p))) {
            Some(v) => json!({
                "url": v.src, "alt": page.meta.image_alt, "srcset": v.srcset, "webp_srcset": v.webp_srcset,
                "sizes": v.sizes, "width": v.width, "height": v.height, "share": v.share,
            }),
            None => json!({
                "url": url, "alt": page.meta.image_alt, "srcset": "", "webp_srcset": "", "sizes": "",
                "width": null, "height": null, "share": url,
            }),
        }
    }

    /// "PDF, 2,3 MB" for page `index`'s local `document` or `file`, else empty.
    fn attachment_label(&self, index: usize) -> String {
        let attachment = self.site.resolved.attachments.get(&index);
        attachment.map(|a| a.label(self.site.config.language)).unwrap_or_default()
    }

    /// The object for the page being rendered: the card plus body and table of contents.
    pub(crate) fn full(&self, index: usize) -> Value {
        let page = &self.site.content.pages[index];
        let mut view = self.card(index);
        view["content_html"] = json!(page.rendered.html);
        view["toc"] = json!(page.rendered.toc);
        view
    }

    fn kind_view(&self, index: usize, page: &Page) -> (Option<&'static str>, Value) {
        let strings = &self.site.strings;
        match &page.meta.extra {
            KindMeta::None => (None, Value::Null),
            KindMeta::News(n) => {
                (Some("news"), json!({ "author": n.author, "source": n.source, "source_url": n.source_url }))
            }
            KindMeta::Plan(p) => (
                Some("plan"),
                json!({
                    "number": p.number, "issuer": p.issuer, "issued": self.date(p.issued),
                    "period": p.period, "status": p.status, "reference": p.reference,
                    "status_label": if p.status.is_empty() { String::new() } else {
                        strings.get(&format!("status_{}", p.status.replace('-', "_")))
                    },
                    "document_url": page.attachment_url.clone().unwrap_or_default(),
                    "document_label": self.attachment_label(index),
                    "indicators": crate::indicators::view::Views::new(&self.site.config, strings, &self.site.indicators).plan_cards(&p.indicators),
                }),
            ),
            KindMeta::RoleModel(m) => (
                Some("role_model"),
                json!({
                    "category": m.category,
                    "category_label": strings.get(&format!("category_{}", m.category)),
                    "category_url": self.term_url(TaxonomyKind::RoleModelCategories, &m.category),
                    "recognized": m.recognized, "achievements": m.achievements,
                }),
            ),
            KindMeta::Resource(r) => (
                Some("resource"),
                json!({
                    "type": r.kind, "type_label": strings.get(&format!("resource_type_{}", r.kind)),
                    "type_url": self.term_url(TaxonomyKind::ResourceTypes, &r.kind),
                    "link": page.attachment_url.clone().unwrap_or_else(|| r.url.clone()),
                    "is_download": page.attachment_url.is_some(),
                    "file_label": self.attachment_label(index),
                    "topics": r.topics, "audience": r.audience, "level": r.level,
                    "language": r.language, "license": r.license, "duration": r.duration,
                    "pages": r.pages, "publisher": r.publisher, "size": r.size,
                }),
            ),
            KindMeta::Event(e) => (
                Some("event"),
                json!({
                    "start": self.date(Some(e.start)), "end": self.date(e.end),
                    "location": e.location, "type": e.kind,
                    "type_label": if e.kind.is_empty() { String::new() } else {
                        strings.get(&format!("event_type_{}", e.kind.replace('-', "_")))
                    },
                    "organizer": e.organizer, "registration": e.registration,
                    "ics_url": self.site.config.link(&ics_path(page)),
                    "upcoming": is_upcoming(page, self.now),
                }),
            ),
        }
    }

    /// The object for a section's list page.
    pub(crate) fn section(&self, section: &Section) -> Value {
        let config = &self.site.config;
        let summary_html =
            section.meta.summary.as_ref().map(|s| format!("<p>{}</p>", escape_html(s))).unwrap_or_default();
        json!({
            "title": section.meta.title,
            "url": config.link(&section.url),
            "kind": section.kind.as_str(),
            "kind_label": self.site.strings.get(&section.kind.label_key()),
            "summary_html": summary_html,
            "content_html": section.rendered.html,
            "feed_url": config.link(&format!("{}atom.xml", section.url)),
        })
    }
}

/// The `.ics` file of an event page: `/su-kien/ngay-sach/ngay-sach.ics`.
pub(crate) fn ics_path(page: &Page) -> String {
    let slug = page.url.trim_end_matches('/').rsplit('/').next().unwrap_or("su-kien");
    format!("{}{slug}.ics", page.url)
}

/// Whether an event has not ended yet.
pub(crate) fn is_upcoming(page: &Page, now: DateTime<FixedOffset>) -> bool {
    let KindMeta::Event(e) = &page.meta.extra else { return false };
    let last = e.end.unwrap_or(e.start);
    // A plain end date lasts the whole day.
    let until = if last.has_time { last.at } else { last.at + chrono::Duration::days(1) };
    until > now
}
