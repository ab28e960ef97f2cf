//! Markdown to HTML: parser options in one place, then small passes over the event list
//! (raw HTML, links, heading ids, tables), and the summary cut.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Problem};
use crate::slug::slugify;
use crate::url_policy;

/// Characters of plain text kept per page: enough for a description, without holding a
/// second copy of every body in memory.
const TEXT_KEPT_CHARS: usize = 400;
/// The marker that ends a summary.
const MORE_MARKER: &str = "<!-- more -->";
/// Reading speed used for the reading time, in words (syllables) per minute.
const WORDS_PER_MINUTE: usize = 220;

/// A page body after rendering.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body's HTML.
    pub html: String,
    /// The summary's HTML (front-matter summary, text before `<!-- more -->`, or the first
    /// paragraph).
    pub summary_html: String,
    /// h2–h3 headings, nested.
    pub toc: Vec<Heading>,
    /// Every heading id, for anchor checks.
    pub anchors: Vec<String>,
    /// The beginning of the body's plain text (for descriptions); search keeps its own text
    /// per heading in `sections`.
    pub text: String,
    /// Words in the body.
    pub word_count: usize,
    /// `@/file.md#anchor` links: (file, anchor, line), checked once every page is rendered.
    pub anchor_links: Vec<(String, String, usize)>,
    /// Plain text per heading, for search results that link to the nearest heading.
    pub sections: std::sync::Arc<[TextSection]>,
    /// Every other link and image target as written, for `hoctap check`.
    pub links: Vec<WrittenLink>,
}

/// The plain text under one heading (the first has no heading: the text before any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSection {
    /// The heading's id, empty for the text before the first heading.
    pub anchor: String,
    /// The heading's text.
    pub heading: String,
    /// Text up to the next heading.
    pub text: String,
}

/// A link or image target written in a body (not an `@/` link), where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenLink {
    /// The target as written: `/tin-tuc/a/#muc`, `anh.jpg`, `https://…`.
    pub target: String,
    /// 1-based line in the whole file.
    pub line: usize,
    /// 1-based column (in characters) of the link's start.
    pub column: usize,
}

impl Rendered {
    /// Minutes to read, at least one.
    pub fn reading_time(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// A table-of-contents entry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    /// 2 or 3.
    pub level: u32,
    /// The heading's id.
    pub id: String,
    /// Its text.
    pub title: String,
    /// Lower headings under it.
    pub children: Vec<Heading>,
}

/// What a render needs to know about its page and portal.
pub struct Context<'a> {
    /// The file, for diagnostics.
    pub path: &'a Path,
    /// Line of the body's first line in the file.
    pub body_line: usize,
    /// Render raw HTML instead of escaping it.
    pub allow_html: bool,
    /// The site's base path (`""` or `/cong`), prefixed to site-absolute links.
    pub base_path: &'a str,
    /// Site path of the folder the source file sits in (its bundle for `index.md`):
    /// relative links are resolved against it so they work on list pages and in feeds too.
    pub relative_base: &'a str,
    /// Turns an `@/path.md#frag` target into a URL, or says why it cannot.
    pub resolve_link: &'a (dyn Fn(&str) -> Result<String, Problem> + Sync),
    /// The `<picture>` markup of a local picture, from its site path (without the base path),
    /// alt text and line; `None` leaves a plain `<img>` (remote pictures, GIF).
    pub picture: &'a Picture<'a>,
    /// The label of a local attachment from its site path ("PDF, 2,3 MB") and what to warn
    /// about it; `None` for files it does not know.
    pub attachment: &'a AttachmentLabel<'a>,
}

/// See [`Context::picture`].
pub type Picture<'a> = dyn Fn(&str, &str, usize) -> Option<Result<String, Problem>> + Sync + 'a;
/// See [`Context::attachment`].
pub type AttachmentLabel<'a> = dyn Fn(&str) -> Option<(String, Vec<Problem>)> + Sync + 'a;

/// A [`Context::picture`] that leaves every picture a plain `<img>`.
pub fn no_pictures(_: &str, _: &str, _: usize) -> Option<Result<String, Problem>> {
    None
}

/// A [`Context::attachment`] that labels no link.
pub fn no_attachments(_: &str) -> Option<(String, Vec<Problem>)> {
    None
}

/// Turns the text of a paragraph into HTML when it is a shortcode it knows (see
/// [`crate::indicators::embed`]); `None` leaves the paragraph alone.
pub type Embed<'a> = dyn Fn(&str) -> Option<Result<String, Problem>> + Sync + 'a;

/// Renders a body, returning what it produced and the problems (broken links) it found.
pub fn render(body: &str, summary: Option<&str>, cx: &Context<'_>) -> (Rendered, Diagnostics) {
    render_with_embeds(body, summary, cx, &|_| None)
}

/// [`render`], replacing paragraphs that `embed` recognises.
pub fn render_with_embeds(
    body: &str,
    summary: Option<&str>,
    cx: &Context<'_>,
    embed: &Embed<'_>,
) -> (Rendered, Diagnostics) {
    let mut events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(body, parser_options()).into_offset_iter().collect();
    let mut problems = Diagnostics::new();
    let more_at = remove_more_marker(&mut events);
    if !cx.allow_html {
        escape_raw_html(&mut events);
    }
    let links = written_links(&events, body, cx.body_line);
    responsive_pictures(&mut events, body, cx, &mut problems);
    label_attachments(&mut events, body, cx, &mut problems);
    let anchor_links = rewrite_links(&mut events, body, cx, &mut problems);
    keep_safe_heading_attributes(&mut events, body, cx, &mut problems);
    expand_embeds(&mut events, body, cx, embed, &mut problems);
    let (toc, anchors) = assign_heading_ids(&mut events);
    let text = plain_text(&events);
    let sections = collect_sections(&events).into();
    let summary_html = match summary {
        Some(s) => format!("<p>{}</p>", escape_html(s)),
        None => render_events(summary_events(&events, more_at)),
    };
    wrap_tables(&mut events);
    let html = render_events(events.iter().map(|(e, _)| e.clone()));
    let word_count = text.split_whitespace().count();
    let text = keep_beginning(text, TEXT_KEPT_CHARS);
    (Rendered { html, summary_html, toc, anchors, text, word_count, anchor_links, sections, links }, problems)
}

/// The one place parser options are chosen. Heading attributes (`{#id .class key=value}`)
/// are parsed, then only `id` and `class` are kept ([`keep_safe_heading_attributes`]); no other
/// option lets attributes or metadata through.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

fn render_events<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events);
    // Kept until every page is written: without the slack of its doublings (126 → 87 MiB of
    // page HTML at 10,000 heavy pages).
    out.shrink_to_fit();
    out
}

/// Removes a `<!-- more -->` marker and returns where it stood.
fn remove_more_marker(events: &mut Events<'_>) -> Option<usize> {
    let i = events.iter().position(|(e, _)| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.trim() == MORE_MARKER,
        _ => false,
    })?;
    // A block marker comes wrapped in HtmlBlock start/end events; drop them too.
    let block = i > 0 && matches!(events[i - 1].0, Event::Start(Tag::HtmlBlock));
    if block && matches!(events.get(i + 1), Some((Event::End(TagEnd::HtmlBlock), _))) {
        events.drain(i - 1..=i + 1);
        return Some(i - 1);
    }
    events.remove(i);
    Some(i)
}

/// Raw HTML becomes visible text: block HTML turns into a paragraph.
fn escape_raw_html(events: &mut Events<'_>) {
    for (event, _) in events.iter_mut() {
        *event = match std::mem::replace(event, Event::SoftBreak) {
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            other => other,
        };
    }
}

/// Resolves `@/` and relative links, prefixes the base path, marks external links
/// `rel="noopener"`. A URL [`url_policy`] refuses (`javascript:`, `data:`…) is an error and is
/// emptied (`#` for a link), as is one in the `href`/`src` of raw HTML kept by `allow_html`.
/// Returns the `@/` links that name an anchor.
fn rewrite_links(
    events: &mut Events<'_>,
    body: &str,
    cx: &Context<'_>,
    problems: &mut Diagnostics,
) -> Vec<(String, String, usize)> {
    let mut anchor_links = Vec::new();
    let mut external_open = false;
    for (event, range) in events.iter_mut() {
        match event {
            Event::Start(Tag::Link { dest_url, title, link_type, .. }) => {
                let line = || line_at(body, range.start, cx.body_line);
                if let Some(target) = dest_url.strip_prefix("@/") {
                    if let Some((file, anchor)) = target.split_once('#') {
                        anchor_links.push((file.trim_start_matches('/').to_string(), anchor.to_string(), line()));
                    }
                    match (cx.resolve_link)(target) {
                        Ok(url) => *dest_url = format!("{}{url}", cx.base_path).into(),
                        Err(problem) => problems.push(Diagnostic::error(Location::line(cx.path, line()), problem)),
                    }
                } else if *link_type != LinkType::Email && refuse(dest_url, range.start, body, cx, problems) {
                    *dest_url = "#".into();
                } else if is_external(dest_url) && *link_type != LinkType::Email {
                    *event = Event::Html(external_link_open(dest_url, title).into());
                    external_open = true;
                } else if let Some(url) = site_link(dest_url, cx) {
                    *dest_url = url.into();
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if refuse(dest_url, range.start, body, cx, problems) {
                    *dest_url = "".into();
                } else if let Some(url) = site_link(dest_url, cx) {
                    *dest_url = url.into();
                }
            }
            // Only raw HTML that `allow_html` kept is still HTML here.
            Event::Html(html) | Event::InlineHtml(html) => {
                let references = html_references(html);
                let refused = references.iter().map(|(at, url)| refuse(url, range.start + at, body, cx, problems));
                if refused.fold(false, |any, r| any | r) {
                    *event = Event::Text(html.to_string().into());
                }
            }
            Event::End(TagEnd::Link) if external_open => {
                *event = Event::Html("</a>".into());
                external_open = false;
            }
            _ => {}
        }
    }
    anchor_links
}

/// Whether [`url_policy`] refuses `url`; if so, reports it at byte `at` of the body.
fn refuse(url: &str, at: usize, body: &str, cx: &Context<'_>, problems: &mut Diagnostics) -> bool {
    let Err(refused) = url_policy::check(url) else { return false };
    let (line, column) = position_at(body, at, cx.body_line);
    let location = Location { path: cx.path.to_path_buf(), line: Some(line), column: Some(column) };
    let problem = Problem::UnsafeUrl { field: None, value: url.to_string(), scheme: refused.scheme };
    problems.push(Diagnostic::error(location, problem));
    true
}

/// Every link and image target other than `@/` and e-mail autolinks, with its position;
/// with `allow_html`, also the `href` and `src` attributes of raw HTML.
fn written_links(events: &Events<'_>, body: &str, body_line: usize) -> Vec<WrittenLink> {
    let mut links = Vec::new();
    let mut push = |target: &str, offset: usize| {
        let (line, column) = position_at(body, offset, body_line);
        links.push(WrittenLink { target: target.to_string(), line, column });
    };
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::Email, .. }) => {}
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if !dest_url.starts_with("@/") => {
                push(dest_url, range.start);
            }
            // Raw HTML is still HTML here only when `allow_html` kept it.
            Event::Html(html) | Event::InlineHtml(html) => {
                for (at, target) in html_references(html) {
                    push(&target, range.start + at);
                }
            }
            _ => {}
        }
    }
    links
}

/// The `href="…"` and `src="…"` values of a piece of raw HTML, with their byte offsets.
fn html_references(html: &str) -> Vec<(usize, String)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for attr in ["href=", "src="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr).map(|i| from + i) {
            from = i + attr.len();
            let starts_word = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
            let quote = html[from..].chars().next().filter(|c| *c == '"' || *c == '\'');
            let (Some(quote), true) = (quote, starts_word) else { continue };
            let value = &html[from + 1..];
            if let Some(end) = value.find(quote) {
                found.push((i, value[..end].trim().to_string()));
            }
        }
    }
    found.sort();
    found
}

/// A link within the site made absolute: `/a/` gains the base path, `anh.jpg` the folder.
/// `None` leaves the link as written (fragments, queries, other schemes).
fn site_link(url: &str, cx: &Context<'_>) -> Option<String> {
    if url.is_empty() || url.starts_with('#') || url.starts_with('?') || url.starts_with("//") {
        return None;
    }
    if url.starts_with('/') {
        return (!cx.base_path.is_empty()).then(|| format!("{}{url}", cx.base_path));
    }
    let has_scheme = url.split(['/', '?', '#']).next().is_some_and(|head| head.contains(':'));
    (!has_scheme).then(|| format!("{}{}{url}", cx.base_path, cx.relative_base))
}

/// The site path (without the base path) of a local target as written: `anh.jpg` in the
/// page's folder, `/hinh/a.png` as is; `None` for other schemes, queries and fragments.
fn local_path(url: &str, cx: &Context<'_>) -> Option<String> {
    if url.is_empty() || url.contains(['?', '#', '\\']) || url.starts_with("//") || url.starts_with("@/") {
        return None;
    }
    if url.starts_with('/') {
        return Some(url.to_string());
    }
    let has_scheme = url.split('/').next().is_some_and(|head| head.contains(':'));
    (!has_scheme).then(|| format!("{}{url}", cx.relative_base))
}

/// Replaces each local picture (`![alt](anh.jpg)`) with the `<picture>` markup of its copies;
/// a picture that cannot be shown is an error at its line and column.
fn responsive_pictures(events: &mut Events<'_>, body: &str, cx: &Context<'_>, problems: &mut Diagnostics) {
    let mut i = 0;
    while i < events.len() {
        let (Event::Start(Tag::Image { dest_url, .. }), range) = &events[i] else {
            i += 1;
            continue;
        };
        let (path, start) = (local_path(dest_url, cx), range.start);
        let end = (i + 1..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Image))).unwrap_or(i);
        let alt = plain_text(&events[i + 1..end]);
        let (line, column) = position_at(body, start, cx.body_line);
        let html = match path.and_then(|path| (cx.picture)(&path, &alt, line)) {
            Some(Ok(html)) => html,
            Some(Err(problem)) => {
                let location = Location { path: cx.path.to_path_buf(), line: Some(line), column: Some(column) };
                problems.push(Diagnostic::error(location, problem));
                i = end + 1;
                continue;
            }
            None => {
                i = end + 1;
                continue;
            }
        };
        let range = events[i].1.clone();
        events.splice(i..=end, [(Event::InlineHtml(html.into()), range)]);
        i += 1;
    }
}

/// Follows each link to a local document with its type and size, for citizens on mobile
/// data: `[Kế hoạch](ke-hoach.pdf)` → `Kế hoạch (PDF, 2,3 MB)`; reports what to warn about.
fn label_attachments(events: &mut Events<'_>, body: &str, cx: &Context<'_>, problems: &mut Diagnostics) {
    let mut label = None;
    let mut out = Vec::with_capacity(events.len());
    for (event, range) in events.drain(..) {
        match &event {
            Event::Start(Tag::Link { dest_url, link_type, .. })
                if *link_type != LinkType::Email && crate::attachments::is_document(dest_url) =>
            {
                let found = local_path(dest_url, cx).and_then(|path| (cx.attachment)(&path));
                if let Some((text, warnings)) = found {
                    let (line, column) = position_at(body, range.start, cx.body_line);
                    for problem in warnings {
                        let location = Location { path: cx.path.to_path_buf(), line: Some(line), column: Some(column) };
                        problems.push(Diagnostic::warning(location, problem));
                    }
                    label = Some(text);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(text) = label.take() {
                    let html = format!(" <span class=\"file-meta\">({})</span>", escape_html(&text));
                    out.push((event, range.clone()));
                    out.push((Event::InlineHtml(html.into()), range));
                    continue;
                }
            }
            _ => {}
        }
        out.push((event, range));
    }
    *events = out;
}

/// Replaces each paragraph made only of text that `embed` recognises with its HTML.
fn expand_embeds(events: &mut Events<'_>, body: &str, cx: &Context<'_>, embed: &Embed<'_>, problems: &mut Diagnostics) {
    let mut i = 0;
    while i < events.len() {
        let end = matches!(events[i].0, Event::Start(Tag::Paragraph))
            .then(|| (i + 1..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Paragraph))))
            .flatten();
        let text = end.and_then(|end| {
            let inner = &events[i + 1..end];
            inner
                .iter()
                .map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
                .collect::<Option<String>>()
        });
        if let (Some(end), Some(result)) = (end, text.as_deref().and_then(embed)) {
            let range = events[i].1.clone();
            let html = result.unwrap_or_else(|problem| {
                let location = Location::line(cx.path, line_at(body, range.start, cx.body_line));
                problems.push(Diagnostic::error(location, problem));
                String::new()
            });
            events.splice(i..=end, [(Event::Html(html.into()), range)]);
        }
        i += 1;
    }
}

fn external_link_open(href: &str, title: &str) -> String {
    let mut tag = format!("<a href=\"{}\" rel=\"noopener\"", escape_html(href));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    tag.push('>');
    tag
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// Keeps only the `id` and the classes of headings (`## Mục tiêu {#muc-tieu .noi-bat}`): every
/// other attribute (`onfocus=…`, `style=…`, `autofocus`) and any class that is not made of ASCII
/// letters, digits, `-` and `_` is dropped with a warning. An id with other characters is folded
/// like a heading's text (`{#mục-1}` → `muc-1`).
fn keep_safe_heading_attributes(events: &mut Events<'_>, body: &str, cx: &Context<'_>, problems: &mut Diagnostics) {
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    for (event, range) in events.iter_mut() {
        let Event::Start(Tag::Heading { id, classes, attrs, .. }) = event else { continue };
        let mut dropped: Vec<String> = attrs
            .drain(..)
            .map(|(key, value)| match value {
                Some(value) => format!("{key}={value}"),
                None => key.to_string(),
            })
            .collect();
        classes.retain(|class| {
            let keep = plain(class);
            if !keep {
                dropped.push(format!(".{class}"));
            }
            keep
        });
        if let Some(given) = id.as_ref().filter(|given| !plain(given)) {
            *id = Some(slugify(given)).filter(|s| !s.is_empty()).map(CowStr::from);
        }
        for attribute in dropped {
            let location = Location::line(cx.path, line_at(body, range.start, cx.body_line));
            problems.push(Diagnostic::warning(location, Problem::DroppedAttribute { attribute }));
        }
    }
}

/// Gives every heading a folded, unique id and collects the h2–h3 table of contents.
fn assign_heading_ids(events: &mut Events<'_>) -> (Vec<Heading>, Vec<String>) {
    let mut anchors: Vec<String> = Vec::new();
    let mut taken = TakenIds::default();
    let mut flat: Vec<(u32, String, String)> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let (level, explicit) = (heading_level(*level), id.as_ref().map(|s| s.to_string()));
            let end = (i..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 1..end]);
            let base =
                explicit.unwrap_or_else(|| Some(slugify(&title)).filter(|s| !s.is_empty()).unwrap_or("muc".into()));
            let unique = taken.claim(base);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(unique.clone()));
            }
            if (2..=3).contains(&level) {
                flat.push((level, unique.clone(), title.trim().to_string()));
            }
            anchors.push(unique);
            i = end;
        }
        i += 1;
    }
    (nest_headings(flat), anchors)
}

/// Splits the text at every heading, keeping each heading's id and title.
fn collect_sections(events: &Events<'_>) -> Vec<TextSection> {
    let mut sections = Vec::new();
    let mut current = TextSection::default();
    let (mut start, mut i) = (0, 0);
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, .. }) = &events[i].0 {
            let end = (i..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            current.text = plain_text(&events[start..i]);
            let next = TextSection {
                anchor: id.as_deref().unwrap_or_default().to_string(),
                heading: plain_text(&events[i + 1..end]).trim().to_string(),
                text: String::new(),
            };
            sections.push(std::mem::replace(&mut current, next));
            (start, i) = (end + 1, end);
        }
        i += 1;
    }
    current.text = plain_text(&events[start.min(events.len())..]);
    sections.push(current);
    sections.retain(|s| !s.text.trim().is_empty() || !s.heading.is_empty());
    sections
}

/// Heading ids given so far, with the next number to try for each base: the first
/// `## Mục tiêu` is `muc-tieu`, the next ones `muc-tieu-1`, `muc-tieu-2`… skipping ids taken by
/// other headings. Each claim checks each candidate once, so a page's ids take linear time.
#[derive(Default)]
struct TakenIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl TakenIds {
    fn claim(&mut self, base: String) -> String {
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        let mut id = format!("{base}-{n}");
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.next.insert(base, n + 1);
        self.taken.insert(id.clone());
        id
    }
}

fn heading_level(level: HeadingLevel) -> u32 {
    level as u32
}

/// h3s nest under the h2 before them; an h3 with no h2 before it stays at the top.
fn nest_headings(flat: Vec<(u32, String, String)>) -> Vec<Heading> {
    let mut toc: Vec<Heading> = Vec::new();
    for (level, id, title) in flat {
        let heading = Heading { level, id, title, children: Vec::new() };
        match toc.last_mut() {
            Some(parent) if parent.level < level => parent.children.push(heading),
            _ => toc.push(heading),
        }
    }
    toc
}

/// Wraps tables in a scrollable region so wide tables do not break phone layouts.
fn wrap_tables(events: &mut Events<'_>) {
    let mut out = Vec::with_capacity(events.len() + 4);
    for (event, range) in events.drain(..) {
        let (open, close) = (matches!(event, Event::Start(Tag::Table(_))), matches!(event, Event::End(TagEnd::Table)));
        if open {
            out.push((Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()), range.clone()));
        }
        out.push((event, range.clone()));
        if close {
            out.push((Event::Html("</div>".into()), range));
        }
    }
    *events = out;
}

/// The events of the summary: up to the marker, else the first top-level paragraph.
fn summary_events<'e, 'a>(events: &'e Events<'a>, more_at: Option<usize>) -> impl Iterator<Item = Event<'a>> + 'e {
    let range = match more_at {
        Some(end) => 0..end,
        None => first_paragraph(events),
    };
    // A footnote's definition is not in the summary, so its reference would dangle.
    events[range].iter().filter(|(e, _)| !matches!(e, Event::FootnoteReference(_))).map(|(e, _)| e.clone())
}

fn first_paragraph(events: &Events<'_>) -> Range<usize> {
    let mut depth = 0usize;
    let mut start = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                start = Some(i);
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Paragraph) if depth == 1 && start.is_some() => {
                return start.unwrap_or(0)..i + 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    0..0
}

/// Text content with spaces where blocks and breaks separate words.
fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') && !text.is_empty() => {
                text.push(' ');
            }
            _ => {}
        }
    }
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    // Search keeps it until the index is written: without the slack of its doublings.
    text.shrink_to_fit();
    text
}

/// The first `chars` characters of `text`.
fn keep_beginning(mut text: String, chars: usize) -> String {
    if let Some((cut, _)) = text.char_indices().nth(chars) {
        text.truncate(cut);
        text.shrink_to_fit();
    }
    text
}

/// 1-based line in the file of a byte offset in the body.
fn line_at(body: &str, offset: usize, body_line: usize) -> usize {
    body_line + body.as_bytes()[..offset.min(body.len())].iter().filter(|&&b| b == b'\n').count()
}

/// 1-based line in the file and 1-based column (in characters) of a byte offset in the body.
fn position_at(body: &str, offset: usize, body_line: usize) -> (usize, usize) {
    let offset = offset.min(body.len());
    let line_start = body[..offset].rfind('\n').map_or(0, |i| i + 1);
    (line_at(body, offset, body_line), body[line_start..offset].chars().count() + 1)
}

/// Escapes text for HTML and XML content and attribute values: the only way text enters a page,
/// an Atom feed, a sitemap or an SVG chart.
///
/// Besides the five markup characters it drops what XML 1.0 cannot hold at all (C0 controls
/// other than tab, line feed and carriage return; U+FFFE and U+FFFF), so that a NUL or a
/// control character in a title can never make a feed malformed; HTML parsers would refuse or
/// replace them too. U+0080–U+009F are legal in XML and kept.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    escape_pieces(text, |piece| {
        out.push_str(piece);
        Ok(())
    })
    .expect("a String takes every piece");
    out
}

/// [`escape_html`] written straight into `out`: how templates print every value, without a
/// string per value.
pub fn write_escaped_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_pieces(text, |piece| out.write_all(piece.as_bytes()))
}

/// Gives `text` escaped to `emit`, piece by piece (runs of `text` and entities).
fn escape_pieces(text: &str, mut emit: impl FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Byte by byte, copying runs: what is replaced or dropped is ASCII or a whole three-byte
    // character, so every cut is on a character boundary.
    while i < bytes.len() {
        let (entity, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f => ("", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            0xef if bytes.get(i + 1) == Some(&0xbf) && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        emit(&text[start..i])?;
        emit(entity)?;
        i += len;
        start = i;
    }
    emit(&text[start..])
}

/// The XML escaper is the HTML one: its rules hold for both (see [`escape_html`]).
pub use self::escape_html as escape_xml;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_html_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html(r#"<a href="/x">Đ & 'ý'</a>"#),
            "&lt;a href=&quot;/x&quot;&gt;Đ &amp; &#39;ý&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("học tập"), "học tập");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn drops_what_xml_cannot_hold_and_keeps_the_rest() {
        let all_c0: String = (0u8..0x20).map(char::from).collect();
        assert_eq!(escape_xml(&format!("a{all_c0}b")), "a\t\n\rb");
        assert_eq!(escape_xml("x\u{fffe}y\u{ffff}z\u{fffd}\u{85}\u{10ffff}"), "xyz\u{fffd}\u{85}\u{10ffff}");
        assert_eq!(escape_xml("\0<\u{1}&\u{ffff}"), "&lt;&amp;");
        assert_eq!(escape_xml("\u{fffe}"), "");
        assert_eq!(escape_xml("Đ\u{ef}\u{ffef}"), "Đ\u{ef}\u{ffef}");
    }

    fn no_links(_: &str) -> Result<String, Problem> {
        Err(Problem::BrokenLink { target: "x".into(), suggestion: None })
    }

    fn cx(allow_html: bool) -> Context<'static> {
        Context {
            path: Path::new("a.md"),
            body_line: 5,
            allow_html,
            base_path: "/cong",
            relative_base: "/tin-tuc/bai/",
            resolve_link: &no_links,
            picture: &no_pictures,
            attachment: &no_attachments,
        }
    }

    fn html(body: &str) -> Rendered {
        render(body, None, &cx(false)).0
    }

    #[test]
    fn headings_get_folded_unique_ids_and_a_toc() {
        let r = html("## Mục tiêu chung\n\n### Chỉ tiêu\n\n## Mục tiêu chung\n");
        assert!(r.html.contains("<h2 id=\"muc-tieu-chung\">"));
        assert!(r.html.contains("<h2 id=\"muc-tieu-chung-1\">"));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].id, "chi-tieu");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let body = "<script>alert(1)</script>\n\nA <b>b</b>\n";
        assert!(html(body).html.contains("&lt;script&gt;"));
        assert!(!html(body).html.contains("<b>"));
        assert!(render(body, None, &cx(true)).0.html.contains("<b>b</b>"));
    }

    #[test]
    fn summary_is_the_text_before_more_else_the_first_paragraph() {
        let r = html("Một.\n\nHai.\n\n<!-- more -->\n\nBa.\n");
        assert_eq!(r.summary_html, "<p>Một.</p>\n<p>Hai.</p>\n");
        assert!(!r.html.contains("more"));
        let r = html("# T\n\nĐầu tiên.\n\nSau.\n");
        assert_eq!(r.summary_html, "<p>Đầu tiên.</p>\n");
        let r = render("Body", Some("<Tóm tắt>"), &cx(false)).0;
        assert_eq!(r.summary_html, "<p>&lt;Tóm tắt&gt;</p>");
    }

    #[test]
    fn external_links_get_noopener_and_script_urls_are_dropped() {
        let r = html("[a](https://example.vn/?a=1&b=2) [b](javascript:alert(1))\n");
        assert!(r.html.contains("<a href=\"https://example.vn/?a=1&amp;b=2\" rel=\"noopener\">a</a>"));
        assert!(r.html.contains("<a href=\"#\">b</a>"));
    }

    #[test]
    fn refused_urls_are_errors_at_their_line_and_column_and_never_reach_the_html() {
        let body =
            "Một\n\n[a](JaVaScRiPt:alert(1)) ![b](vbscript:x)\n[c](&#106;avascript:alert(1)) <javascript:alert(2)>\n\
                    [d][r] [e](data:text/html,x)\n\n[r]: java%73cript:x\n";
        let (r, problems) = render(body, None, &cx(false));
        let found: Vec<_> = problems
            .iter()
            .map(|d| match &d.problem {
                Problem::UnsafeUrl { field: None, scheme, .. } => {
                    (d.location.line.unwrap(), d.location.column.unwrap(), scheme.as_str())
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            [(7, 1, "javascript"), (7, 26, "vbscript"), (8, 1, "javascript"), (8, 31, "javascript"), (9, 8, "data")]
        );
        assert!(problems.iter().all(|d| !d.warning));
        for bad in ["=\"javascript", "=\"vbscript", "=\"data:"] {
            assert!(!r.html.to_ascii_lowercase().contains(bad), "{}", r.html);
        }
        assert_eq!(r.html.matches("href=\"#\"").count(), 4, "{}", r.html);
        assert!(r.html.contains("href=\"java%73cript:x\""), "a percent-encoded colon makes a path: {}", r.html);
    }

    #[test]
    fn raw_html_with_a_script_url_is_an_error_and_shown_as_text_even_when_html_is_allowed() {
        let body = "<a href=\"javascript:alert(1)\">x</a> <img src='/a.png'>\n";
        let (r, problems) = render(body, None, &cx(true));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!r.html.contains("<a href"), "{}", r.html);
        assert!(r.html.contains("<img src='/a.png'>"), "{}", r.html);
    }

    #[test]
    fn headings_keep_only_a_plain_id_and_plain_classes() {
        let body = "## Mục tiêu {#muc-tieu .noi-bat onfocus=alert(1) autofocus style=x href=y}\n\n\
                    ## Hai {#mục-2 .a\"b}\n\n## Ba {tabindex=1}\n";
        let (r, problems) = render(body, None, &cx(false));
        assert!(r.html.contains("<h2 id=\"muc-tieu\" class=\"noi-bat\">Mục tiêu</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"muc-2\">Hai</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"ba\">Ba</h2>"), "{}", r.html);
        let dropped: Vec<_> = problems
            .iter()
            .map(|d| match &d.problem {
                Problem::DroppedAttribute { attribute } if d.warning => (d.location.line.unwrap(), attribute.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            dropped,
            [(5, "onfocus=alert(1)"), (5, "autofocus"), (5, "style=x"), (5, "href=y"), (7, ".a\"b"), (9, "tabindex=1")]
        );
    }

    #[test]
    fn twenty_thousand_equal_headings_get_numbered_ids_in_order() {
        // The ids are claimed in linear time: 20,000 headings render in well under a second.
        let body = "## Mục tiêu\n\n".repeat(20_000);
        let r = html(&body);
        assert_eq!(r.anchors.len(), 20_000);
        assert_eq!(r.anchors[0], "muc-tieu");
        assert_eq!(r.anchors[1], "muc-tieu-1");
        assert_eq!(r.anchors[19_999], "muc-tieu-19999");
        assert_eq!(r.anchors.iter().collect::<HashSet<_>>().len(), 20_000);
    }

    #[test]
    fn numbered_ids_skip_ids_other_headings_took() {
        let r = html("## A\n\n## A 1 {#a-1}\n\n## A\n\n## A\n\n## A-2\n\n## A-1\n");
        assert_eq!(r.anchors, ["a", "a-1", "a-2", "a-3", "a-2-1", "a-1-1"]);
    }

    #[test]
    fn broken_internal_links_name_their_line() {
        let (_, problems) = render("Dòng một\n\n[x](@/khong-co.md)\n", None, &cx(false));
        assert_eq!(problems[0].location, Location::line("a.md", 7));
    }

    #[test]
    fn site_links_get_the_base_path_and_relative_ones_the_folder() {
        let r = html("![a](anh.jpg) [b](/hoc-lieu/) [c](#muc) [d](mailto:a@b.vn) [e](tep/x.pdf?v=1)\n");
        assert!(r.html.contains("src=\"/cong/tin-tuc/bai/anh.jpg\""));
        assert!(r.html.contains("href=\"/cong/hoc-lieu/\""));
        assert!(r.html.contains("href=\"#muc\""));
        assert!(r.html.contains("href=\"mailto:a@b.vn\""));
        assert!(r.html.contains("href=\"/cong/tin-tuc/bai/tep/x.pdf?v=1\""));
        assert!(r.summary_html.contains("/cong/tin-tuc/bai/anh.jpg"), "summaries work on list pages");
    }

    #[test]
    fn summaries_drop_footnote_references() {
        let r = html("Có chú thích[^1].\n\n[^1]: Nguồn.\n");
        assert!(!r.summary_html.contains("#1"), "{}", r.summary_html);
        assert!(r.html.contains("footnote-reference"));
    }

    #[test]
    fn internal_links_with_anchors_are_recorded_for_checking() {
        let (r, _) = render("[x](@/a.md#muc-2)\n", None, &cx(false));
        assert_eq!(r.anchor_links, vec![("a.md".to_string(), "muc-2".to_string(), 5)]);
    }

    #[test]
    fn text_is_split_at_headings_with_their_ids() {
        let r = html("Mở đầu.\n\n## Mục tiêu\n\nHọc tập suốt đời.\n\n### Chỉ tiêu\n\n80%.\n");
        let got: Vec<_> = r.sections.iter().map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str())).collect();
        assert_eq!(
            got,
            [("", "", "Mở đầu."), ("muc-tieu", "Mục tiêu", "Học tập suốt đời."), ("chi-tieu", "Chỉ tiêu", "80%.")]
        );
    }

    #[test]
    fn written_links_keep_their_target_line_and_column() {
        let (r, _) =
            render("Đọc [bài](/tin-tuc/a/#muc-2) và ![ảnh](anh.jpg)\n\n<x@y.vn> [z](@/a.md)\n", None, &cx(false));
        let found: Vec<_> = r.links.iter().map(|l| (l.target.as_str(), l.line, l.column)).collect();
        assert_eq!(found, [("/tin-tuc/a/#muc-2", 5, 5), ("anh.jpg", 5, 33)]);
    }

    #[test]
    fn raw_html_references_count_only_when_html_is_allowed() {
        let body = "Trước <img alt=\"x\" src=\"anh.png\"> sau\n\n<a href='/a/'>a</a>\n";
        let (kept, _) = render(body, None, &cx(true));
        let found: Vec<_> = kept.links.iter().map(|l| (l.target.as_str(), l.line, l.column)).collect();
        assert_eq!(found, [("anh.png", 5, 20), ("/a/", 7, 4)]);
        assert!(render(body, None, &cx(false)).0.links.is_empty());
    }

    #[test]
    fn tables_footnotes_and_tasks_render() {
        let r = html("| a | b |\n|---|---|\n| 1 | 2 |\n\nx[^1]\n\n[^1]: n\n\n- [x] xong\n");
        assert!(r.html.contains("<div class=\"table-wrap\" tabindex=\"0\"><table>"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.html.contains("type=\"checkbox\""));
    }
}
