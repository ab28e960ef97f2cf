//! Atom feeds, the sitemap and robots.txt, written as text (they need no theme).

use crate::content::Page;
use crate::markdown::escape_xml;
use crate::Site;

/// Entries per feed.
const FEED_ENTRIES: usize = 30;
/// URLs per sitemap file (the protocol's limit is 50,000).
const SITEMAP_URLS: usize = 50_000;

/// An Atom feed of the newest pages among `pages` (indexes, newest first).
pub(crate) fn atom(site: &Site, title: &str, feed_path: &str, page_path: &str, pages: &[usize]) -> String {
    let c = &site.config;
    let entries: Vec<&Page> = pages.iter().map(|&i| &site.content.pages[i]).take(FEED_ENTRIES).collect();
    let updated = entries
        .iter()
        .filter_map(|p| p.meta.updated.or(p.sort_date()))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| d.at.to_rfc3339());
    let mut xml = String::with_capacity(2048 + entries.len() * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", c.language.code()));
    xml.push_str(&format!("  <title>{}</title>\n", escape_xml(title)));
    xml.push_str(&format!("  <link rel=\"self\" href=\"{}\"/>\n", escape_xml(&c.permalink(feed_path))));
    xml.push_str(&format!("  <link rel=\"alternate\" href=\"{}\"/>\n", escape_xml(&c.permalink(page_path))));
    xml.push_str(&format!("  <id>{}</id>\n  <updated>{updated}</updated>\n", escape_xml(&c.permalink(feed_path))));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", escape_xml(&c.organization)));
    for page in entries {
        push_entry(&mut xml, site, page);
    }
    xml.push_str("</feed>\n");
    xml
}

fn push_entry(xml: &mut String, site: &Site, page: &Page) {
    let link = site.config.permalink(&page.url);
    let published = page.sort_date().map(|d| d.at.to_rfc3339()).unwrap_or_default();
    let updated = page.meta.updated.map_or_else(|| published.clone(), |d| d.at.to_rfc3339());
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", escape_xml(&page.meta.title)));
    xml.push_str(&format!("    <link href=\"{}\"/>\n    <id>{}</id>\n", escape_xml(&link), escape_xml(&link)));
    if !published.is_empty() {
        xml.push_str(&format!("    <published>{published}</published>\n"));
    }
    xml.push_str(&format!("    <updated>{updated}</updated>\n"));
    xml.push_str(&format!("    <summary type=\"html\">{}</summary>\n", escape_xml(&page.rendered.summary_html)));
    for tag in &page.meta.tags {
        xml.push_str(&format!("    <category term=\"{}\"/>\n", escape_xml(tag)));
    }
    xml.push_str("  </entry>\n");
}

/// `(path, content)` of the sitemap files: one file, or an index over several.
pub(crate) fn sitemaps(site: &Site, urls: &[(String, Option<String>)]) -> Vec<(String, String)> {
    let c = &site.config;
    if urls.len() <= SITEMAP_URLS {
        return vec![("/sitemap.xml".into(), urlset(site, urls))];
    }
    let mut files: Vec<(String, String)> = urls
        .chunks(SITEMAP_URLS)
        .enumerate()
        .map(|(i, chunk)| (format!("/sitemap-{}.xml", i + 1), urlset(site, chunk)))
        .collect();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, _) in &files {
        index.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", escape_xml(&c.permalink(path))));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("/sitemap.xml".into(), index));
    files
}

fn urlset(site: &Site, urls: &[(String, Option<String>)]) -> String {
    let mut xml = String::with_capacity(urls.len() * 100 + 200);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in urls {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape_xml(&site.config.permalink(path))));
        if let Some(lastmod) = lastmod {
            xml.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// robots.txt allowing everything and naming the sitemap.
pub(crate) fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.config.permalink("/sitemap.xml"))
}
