//! Writing the site-wide files beside the HTML pages: feeds, redirects for aliases,
//! sitemaps, robots.txt and event calendars.

use rayon::prelude::*;

use super::{describe, feeds, ics, views, Renderer};
use crate::content::{Kind, Page};
use crate::diagnostics::Result;
use crate::markdown::escape_html;
use crate::output::{file_for, Generated, Output, Owner};
use crate::resolve::{normalize_site_path, sort_newest_first};
use crate::Site;

impl Renderer<'_> {
    /// Feeds, redirects, sitemap and robots.txt: cheap site-wide files, always written whole.
    pub(crate) fn write_shared_files(&self, output: &Output) -> Result<()> {
        self.write_feeds(output)?;
        self.write_aliases(output)?;
        self.write_sitemap(output)?;
        output.write("/robots.txt", feeds::robots(self.site).as_bytes(), FEED)
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
