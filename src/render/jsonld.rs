//! schema.org JSON-LD for each kind of page, serialized safely for a `<script>` element.

use serde_json::{json, Value};

use crate::content::{KindMeta, Page};
use crate::Site;

/// Serializes JSON so that it cannot close its `<script>` element or open a comment.
pub(crate) fn to_script_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The publishing body.
fn publisher(site: &Site) -> Value {
    let c = &site.config;
    let mut org = json!({ "@type": "GovernmentOrganization", "name": c.organization, "url": c.permalink("/") });
    if !c.contact.email.is_empty() {
        org["email"] = json!(c.contact.email);
    }
    if !c.contact.phone.is_empty() {
        org["telephone"] = json!(c.contact.phone);
    }
    if let Some(address) = postal_address(site, &c.contact.address, &c.commune) {
        org["address"] = address;
    }
    org
}

/// The home page: the organization and the web site.
pub(crate) fn home(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "@context": "https://schema.org",
        "@graph": [
            publisher(site),
            { "@type": "WebSite", "name": c.title, "url": c.permalink("/"),
              "inLanguage": c.language.code(), "description": c.description },
        ]
    })
}

/// A list page.
pub(crate) fn collection(site: &Site, title: &str, url: &str) -> Value {
    json!({
        "@context": "https://schema.org", "@type": "CollectionPage", "name": title,
        "url": site.config.permalink(url), "inLanguage": site.config.language.code(),
    })
}

/// An item page (number `index`), typed by its kind.
pub(crate) fn page(site: &Site, index: usize, page: &Page, description: &str) -> Value {
    let c = &site.config;
    let mut v = json!({
        "@context": "https://schema.org",
        "name": page.meta.title,
        "url": c.permalink(&page.url),
        "inLanguage": c.language.code(),
        "description": description,
    });
    if let Some(image) = site.share_image(index) {
        v["image"] = json!(absolute(site, &image));
    }
    if let Some(d) = page.meta.date {
        v["datePublished"] = json!(d.iso());
    }
    if let Some(d) = page.meta.updated {
        v["dateModified"] = json!(d.iso());
    }
    match &page.meta.extra {
        KindMeta::News(n) => {
            v["@type"] = json!("NewsArticle");
            v["headline"] = json!(page.meta.title);
            v["publisher"] = publisher(site);
            v["keywords"] = json!(page.meta.tags);
            if !n.author.is_empty() {
                v["author"] = json!({ "@type": "Person", "name": n.author });
            }
            if !n.source.is_empty() {
                let mut source = json!({ "@type": "CreativeWork", "name": n.source });
                if !n.source_url.is_empty() {
                    let url = &n.source_url;
                    source["url"] = json!(if url.starts_with('/') { absolute(site, url) } else { url.clone() });
                }
                v["isBasedOn"] = source;
            }
        }
        KindMeta::None => v["@type"] = json!("WebPage"),
        KindMeta::Plan(p) => {
            v["@type"] = json!("Legislation");
            v["legislationIdentifier"] = json!(p.number);
            v["legislationPassedBy"] = json!({ "@type": "GovernmentOrganization", "name": p.issuer });
            if let Some(d) = p.issued {
                v["legislationDate"] = json!(d.iso());
            }
            v["temporalCoverage"] = json!(p.period);
        }
        KindMeta::RoleModel(m) => {
            v["@type"] = json!(if m.category == "citizen" { "Person" } else { "Organization" });
            let label = site.strings.get(&format!("category_{}", m.category));
            v["award"] = json!(match m.recognized {
                Some(y) => format!("{label} ({y})"),
                None => label,
            });
            // A province's role models live in its communes; a commune's, in its hamlets.
            if let Some(place) = &page.meta.commune {
                let (street, locality) = if c.commune.is_empty() { ("", place) } else { (place.as_str(), &c.commune) };
                v["address"] = postal_address(site, street, locality).unwrap_or_default();
            }
        }
        KindMeta::Resource(r) => {
            v["@type"] = json!("LearningResource");
            v["learningResourceType"] = json!(r.kind);
            v["url"] =
                json!(page.attachment_url.as_deref().map(|u| absolute(site, u)).unwrap_or_else(|| r.url.clone()));
            v["mainEntityOfPage"] = json!(c.permalink(&page.url));
            v["keywords"] = json!(r.topics);
            set_if(&mut v, "license", &r.license);
            set_if(&mut v, "educationalLevel", &r.level);
            set_if(&mut v, "timeRequired", &r.duration);
            if !r.publisher.is_empty() {
                v["publisher"] = json!({ "@type": "Organization", "name": r.publisher });
            }
            if !r.audience.is_empty() {
                v["audience"] = json!({ "@type": "Audience", "audienceType": r.audience.join(", ") });
            }
        }
        KindMeta::Event(e) => {
            v["@type"] = json!("Event");
            v["startDate"] = json!(e.start.iso());
            if let Some(end) = e.end {
                v["endDate"] = json!(end.iso());
            }
            v["eventAttendanceMode"] = json!("https://schema.org/OfflineEventAttendanceMode");
            v["eventStatus"] = json!("https://schema.org/EventScheduled");
            if !e.location.is_empty() {
                v["location"] = json!({ "@type": "Place", "name": e.location, "address": e.location });
            }
            if !e.organizer.is_empty() {
                v["organizer"] = json!({ "@type": "Organization", "name": e.organizer });
            }
        }
    }
    v
}

/// A `PostalAddress`: `street`, then the portal's commune (`addressLocality`) and province
/// (`addressRegion`); `None` when all three are empty.
fn postal_address(site: &Site, street: &str, locality: &str) -> Option<Value> {
    let region = &site.config.province;
    if street.is_empty() && locality.is_empty() && region.is_empty() {
        return None;
    }
    let mut address = json!({ "@type": "PostalAddress", "addressCountry": "VN" });
    set_if(&mut address, "streetAddress", street);
    set_if(&mut address, "addressLocality", locality);
    set_if(&mut address, "addressRegion", region);
    Some(address)
}

fn set_if(v: &mut Value, key: &str, text: &str) {
    if !text.is_empty() {
        v[key] = json!(text);
    }
}

/// An absolute URL for a link that may already be absolute.
pub(crate) fn absolute(site: &Site, link: &str) -> String {
    if link.starts_with("http://") || link.starts_with("https://") {
        return link.to_string();
    }
    let path = link.strip_prefix(&site.config.base_path).unwrap_or(link);
    site.config.permalink(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let text = to_script_json(&json!({ "name": "</script><script>alert(1)</script>" }));
        assert!(!text.contains("</"));
        assert!(!text.contains('<'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }
}
