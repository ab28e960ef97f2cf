//! The benchmark portal as a Hugo site, for timing Hugo on the same pages (`benches/compare.sh`).
//!
//! Same markdown bodies, titles, dates, tags and communes; front matter keys that mean
//! something else to Hugo are renamed (`url`, `type`, `kind`) and `@/file.md` links become
//! the page's URL.
//!
//! The layout renders what hoctap's default theme renders, the way a competent Hugo theme
//! would: no template scans all pages per page (`where .Site.RegularPages …` runs once, on
//! the home page), every list is paginated with a pager of fixed size, and a page's card is
//! rendered once and reused (`partialCached`, as hoctap renders each card once). Each
//! template's comment says which hoctap output it mirrors. What hoctap writes and this site
//! does not: the search index (hoctap builds it beside rendering), the search page and the
//! JSON schemas; Hugo's comparison is without them, which only flatters Hugo.
//!
//! The first version of this layout took 172 s for 10,000 pages: its list template took
//! `cond .IsHome (where .Site.RegularPages "Section" "tin-tuc") .Pages`, and `cond`
//! evaluates both branches, so each of the 4,465 list pages scanned all 10,000 pages
//! (`hugo --templateMetrics`: 33 ms a list page, 147 s in all).

use std::path::Path;

/// hoctap's settings: 10 items a list page, pages under `trang/N/`, feeds of the 30 newest
/// items for the site and each section only (hoctap writes none for taxonomies and terms),
/// robots.txt, sitemap and 404 page. Its four taxonomies: tags, communes, role-model
/// categories and resource types. Related news: other items sharing a tag (hoctap ranks by
/// tags in common, then newest).
const CONFIG: &str = r#"baseURL = "https://xhht.example.vn/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = "Cổng thông tin xây dựng xã hội học tập (dữ liệu thử)"
paginate = 10
paginatePath = "trang"
rssLimit = 30
removePathAccents = true
enableRobotsTXT = true

[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
taxonomy = ["HTML"]
term = ["HTML"]

[taxonomies]
tag = "tags"
commune = "communes"
category = "categories"
resource_type = "resource_types"

# Heading ids folded to ASCII, as hoctap's.
[markup.goldmark.parser]
autoHeadingIDType = "github-ascii"

[related]
includeNewer = true
threshold = 1
toLower = false
[[related.indices]]
name = "tags"
weight = 100

# `HUGO_PARAMS_RELATED=off hugo` leaves out the related news, to show their cost: Hugo ranks
# every news item sharing a tag, where hoctap looks at the newest 50 of each tag.
[params]
related = "on"

# hoctap writes a calendar file beside each event page.
[[cascade]]
outputs = ["HTML", "Calendar"]
[cascade._target]
path = "/su-kien/**"
kind = "page"
"#;

/// hoctap's `base.html`: head with description, canonical, Open Graph, feed links and
/// JSON-LD; brand, search box, menu of sections, breadcrumbs, main, footer.
const BASEOF: &str = r##"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
{{- $description := .Description | default (.Summary | plainify | truncate 160) }}
{{- with $description }}
<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
<meta property="og:title" content="{{ .Title }}">
{{- with $description }}
<meta property="og:description" content="{{ . }}">{{ end }}
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:locale" content="vi_VN">
{{- if and .IsPage (eq .Section "tin-tuc") }}
<meta property="article:published_time" content="{{ .Date.Format "2006-01-02" }}">{{ end }}
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}" title="{{ .Site.Title }}">
{{- with .CurrentSection.OutputFormats.Get "rss" }}{{ if not $.IsHome }}
<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}" title="{{ $.CurrentSection.Title }}">{{ end }}{{ end }}
{{- if .IsPage }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Article" "headline" .Title "datePublished" (.Date.Format "2006-01-02") "url" .Permalink "inLanguage" "vi" | jsonify | safeJS }}</script>
{{- end }}
<link rel="stylesheet" href="{{ "css/main.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#noi_dung">Chuyển đến nội dung</a>
<header class="site-header">
  <div class="wrap site-header__inner">
    <a class="brand" href="{{ "/" | relURL }}"><span class="brand__title">{{ .Site.Title }}</span></a>
    <form class="site-search" role="search" action="{{ "tim-kiem/" | relURL }}" method="get">
      <input class="site-search__input" type="search" name="q" placeholder="Tìm kiếm"><button type="submit">Tìm</button>
    </form>
  </div>
  <nav class="main-nav"><ul class="wrap">
    {{- $current := .CurrentSection }}
    {{- range .Site.Sections }}
    <li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
    {{- end }}
  </ul></nav>
</header>
{{- if not .IsHome }}
<nav class="breadcrumbs wrap"><ol>
  {{- range .Ancestors.Reverse }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
  <li><span aria-current="page">{{ .Title }}</span></li>
</ol></nav>
{{- end }}
<main id="noi_dung" class="wrap">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><div class="wrap">
  <p class="site-footer__title">{{ .Site.Title }}</p>
  <ul class="site-footer__links"><li><a href="{{ "index.xml" | relURL }}">Tin mới (RSS)</a></li><li><a href="{{ "sitemap.xml" | relURL }}">Sơ đồ trang</a></li></ul>
  <p class="site-footer__copy">© {{ now.Year }} {{ .Site.Title }}</p>
</div></footer>
</body>
</html>
"##;

/// hoctap's `page.html` and the kinds' templates: kind label, title, byline (date, commune,
/// reading time), an event's facts, table of contents, body, tags, and for news the four
/// related news items (Hugo's own related content, `.Related`, on the news section, ranked
/// by tags in common).
const SINGLE: &str = r#"{{ define "main" }}<article class="article article--{{ .Section }}">
<header class="article__header">
  {{- with .CurrentSection }}<p class="eyebrow"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
  <h1>{{ .Title }}</h1>
  <ul class="byline"><li>Ngày đăng: <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></li>
    {{- range .GetTerms "communes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
    {{- if gt .ReadingTime 1 }}<li>Thời gian đọc: {{ .ReadingTime }} phút</li>{{ end }}</ul>
</header>
{{- with .Params.start }}
<dl class="facts"><div><dt>Thời gian</dt><dd><time datetime="{{ time.Format "2006-01-02T15:04:05Z07:00" . }}">{{ time.Format "02/01/2006, 15:04" . }}</time></dd></div>
  {{- with $.Params.location }}<div><dt>Địa điểm</dt><dd>{{ . }}</dd></div>{{ end }}</dl>
<p class="actions">{{ with $.OutputFormats.Get "calendar" }}<a class="button" href="{{ .RelPermalink }}" download>Thêm vào lịch</a>{{ end }}</p>
{{- end }}
{{- if ge (len .Fragments.Identifiers) 2 }}
<nav class="toc"><h2 class="toc__title">Mục lục</h2>{{ .TableOfContents }}</nav>
{{- end }}
<div class="prose">
{{ .Content }}
</div>
{{- with .GetTerms "tags" }}
<footer class="article__footer"><h2 class="article__footer-title">Chủ đề</h2>
  <ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</footer>
{{- end }}
{{- if and (eq .Section "tin-tuc") (ne site.Params.related "off") }}
{{- with first 4 (.CurrentSection.RegularPages.Related .) }}
<section class="related"><h2>Tin liên quan</h2>
  <ul class="cards cards--list">{{ range . }}<li>{{ partialCached "card.html" (dict "p" . "h" 3) .RelPermalink 3 }}</li>{{ end }}</ul>
</section>
{{- end }}
{{- end }}
</article>{{ end }}
"#;

/// hoctap's `partials/cards.html`: a page's card (title, date, commune, summary), rendered
/// once per page and heading level, as hoctap renders each card once and reuses it.
const CARD: &str = r#"<article class="card card--{{ .p.Section }}">
  <div class="card__body">
    <h{{ .h }} class="card__title"><a href="{{ .p.RelPermalink }}">{{ .p.Title }}</a></h{{ .h }}>
    <ul class="card__meta"><li><time datetime="{{ .p.Date.Format "2006-01-02" }}">{{ .p.Date.Format "02/01/2006" }}</time></li>
      {{- range .p.GetTerms "communes" }}<li>{{ .LinkTitle }}</li>{{ end }}
      {{- with .p.Params.location }}<li>{{ . }}</li>{{ end }}
      {{- with .p.Params.size }}<li>{{ . }}</li>{{ end }}
    </ul>
    <div class="card__summary">{{ .p.Summary }}</div>
  </div>
</article>
"#;

/// hoctap's `partials/pagination.html`: previous, next, and the numbers first, last and
/// current ± 2, with a gap mark; a fixed amount of work per list page (Hugo 0.111's own
/// `_internal/pagination.html` loops over every pager of the list on each of its pages).
const PAGINATION: &str = r#"{{- $pag := .Paginator }}
{{- if gt $pag.TotalPages 1 }}
<nav class="pagination"><ul>
  {{- with $pag.Prev }}<li class="pagination__prev"><a href="{{ .URL }}" rel="prev">Trang trước</a></li>{{ end }}
  {{- $from := math.Max 1 (sub $pag.PageNumber 2) }}
  {{- $to := math.Min $pag.TotalPages (add $pag.PageNumber 2) }}
  {{- if gt $from 1 }}<li><a href="{{ $pag.First.URL }}">1</a></li>{{ if gt $from 2 }}<li class="pagination__gap">…</li>{{ end }}{{ end }}
  {{- range $n := seq (int $from) (int $to) }}
  {{- if eq $n $pag.PageNumber }}<li><span aria-current="page">{{ $n }}</span></li>
  {{- else }}<li><a href="{{ (index $pag.Pagers (sub $n 1)).URL }}">{{ $n }}</a></li>{{ end }}
  {{- end }}
  {{- if lt $to $pag.TotalPages }}{{ if lt $to (sub $pag.TotalPages 1) }}<li class="pagination__gap">…</li>{{ end }}<li><a href="{{ $pag.Last.URL }}">{{ $pag.TotalPages }}</a></li>{{ end }}
  {{- with $pag.Next }}<li class="pagination__next"><a href="{{ .URL }}" rel="next">Trang sau</a></li>{{ end }}
</ul></nav>
{{- end }}
"#;

/// hoctap's `section.html` and `term.html`: title, item count, page n of total, the
/// section's feed, ten cards, the pager.
const LIST: &str = r#"{{ define "main" }}<header class="page-header">
  <h1>{{ .Title }}</h1>
  {{- $pager := .Paginate .Pages }}
  <ul class="page-header__meta"><li>{{ $pager.TotalNumberOfElements }} mục</li>
    {{- if gt $pager.TotalPages 1 }}<li>Trang {{ $pager.PageNumber }}/{{ $pager.TotalPages }}</li>{{ end }}
    {{- with .OutputFormats.Get "rss" }}<li><a href="{{ .RelPermalink }}">Theo dõi tin mới (RSS)</a></li>{{ end }}</ul>
</header>
{{- if eq $pager.PageNumber 1 }}{{ with .Content }}<div class="prose section-intro">{{ . }}</div>{{ end }}{{ end }}
<ul class="cards cards--list">{{ range $pager.Pages }}<li>{{ partialCached "card.html" (dict "p" . "h" 2) .RelPermalink 2 }}</li>{{ end }}</ul>
{{ partial "pagination.html" . }}
{{ end }}
"#;

/// hoctap's `taxonomy.html`: every term of a taxonomy with its count.
const TERMS: &str = r#"{{ define "main" }}<header class="page-header"><h1>{{ .Title }}</h1>
<ul class="page-header__meta"><li>{{ len .Data.Terms }} mục</li></ul></header>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="terms__count">({{ .Count }})</span></a></li>{{ end }}</ul>
{{ end }}
"#;

/// hoctap's `index.html`: the sections with their counts, the 6 newest news, 4 upcoming
/// events, 3 role models, 4 resources and 5 plans. Each section's pages come sorted (Hugo
/// keeps them so); the only scan is the upcoming events, once per build.
const HOME: &str = r#"{{ define "main" }}<div class="hero"><h1>{{ .Title }}</h1></div>
<nav class="home-sections"><ul>
  {{- range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }} <span>{{ len .RegularPages }} mục</span></a></li>{{ end }}
</ul></nav>
{{- $blocks := slice (dict "section" "/tin-tuc" "title" "Tin mới" "n" 6) (dict "section" "/guong-dien-hinh" "title" "Gương điển hình" "n" 3) (dict "section" "/hoc-lieu" "title" "Học liệu" "n" 4) (dict "section" "/ke-hoach" "title" "Kế hoạch" "n" 5) }}
{{- range $block := $blocks }}
{{- with site.GetPage $block.section }}
<section class="home-block"><div class="home-block__head"><h2>{{ $block.title }}</h2><a class="see-all" href="{{ .RelPermalink }}">Xem tất cả</a></div>
  <ul class="cards cards--list">{{ range first $block.n .RegularPages }}<li>{{ partialCached "card.html" (dict "p" . "h" 3) .RelPermalink 3 }}</li>{{ end }}</ul>
</section>
{{- end }}
{{- end }}
{{- with site.GetPage "/su-kien" }}
{{- with first 4 (sort (where .RegularPages "Params.start" "ge" now) "Params.start") }}
<section class="home-block"><h2>Sự kiện sắp diễn ra</h2>
  <ul class="cards cards--list">{{ range . }}<li>{{ partialCached "card.html" (dict "p" . "h" 3) .RelPermalink 3 }}</li>{{ end }}</ul>
</section>
{{- end }}
{{- end }}
{{ with .Content }}<div class="prose home-content">{{ . }}</div>{{ end }}
{{ end }}
"#;

/// hoctap's `404.html`.
const NOT_FOUND: &str = r#"{{ define "main" }}<h1>Không tìm thấy trang</h1><p><a href="{{ "/" | relURL }}">Về trang chủ</a></p>{{ end }}
"#;

/// hoctap's `.ics` file of an event.
const CALENDAR: &str = r#"BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//hoctap-bench//vi
BEGIN:VEVENT
UID:{{ .Permalink }}
DTSTAMP:{{ (time .Date).UTC.Format "20060102T150405Z" }}
{{ with .Params.start }}DTSTART:{{ (time .).UTC.Format "20060102T150405Z" }}{{ end }}
SUMMARY:{{ .Title }}
{{ with .Params.location }}LOCATION:{{ . }}{{ end }}
URL:{{ .Permalink }}
END:VEVENT
END:VCALENDAR
"#;

/// The layout files, under `layouts/`.
const LAYOUTS: &[(&str, &str)] = &[
    ("_default/baseof.html", BASEOF),
    ("_default/single.html", SINGLE),
    ("_default/list.html", LIST),
    ("_default/terms.html", TERMS),
    ("_default/single.calendar.ics", CALENDAR),
    ("partials/card.html", CARD),
    ("partials/pagination.html", PAGINATION),
    ("index.html", HOME),
    ("404.html", NOT_FOUND),
];

/// Writes the Hugo site of the hoctap portal at `portal` into `site` (its content and
/// layouts replaced).
pub(crate) fn write_site(portal: &Path, site: &Path) -> std::io::Result<()> {
    for dir in ["content", "layouts"] {
        if site.join(dir).exists() {
            std::fs::remove_dir_all(site.join(dir))?;
        }
    }
    std::fs::create_dir_all(site)?;
    std::fs::write(site.join("hugo.toml"), CONFIG)?;
    for (name, text) in LAYOUTS {
        let path = site.join("layouts").join(name);
        std::fs::create_dir_all(path.parent().expect("a layout is in a folder"))?;
        std::fs::write(path, text)?;
    }
    let content = site.join("content");
    for entry in walkdir::WalkDir::new(portal.join("content")) {
        let entry = entry?;
        let Ok(rel) = entry.path().strip_prefix(portal.join("content")) else { continue };
        let target = content.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if rel.extension().is_some_and(|e| e == "md") {
            let resources = rel.starts_with("hoc-lieu");
            std::fs::write(&target, page(&std::fs::read_to_string(entry.path())?, resources))?;
        }
    }
    Ok(())
}

/// Front matter keys that mean something else to Hugo (a page's URL, layout and kind), and
/// the commune and role-model category, which Hugo takes as taxonomies only in a list.
const RENAMED: &[(&str, &str, &str)] = &[
    ("url = ", "link = ", ""),
    ("type = ", "event_type = ", ""),
    ("kind = ", "portal_kind = ", ""),
    ("commune = ", "communes = [", "]"),
    ("category = ", "categories = [", "]"),
];

/// One hoctap page as a Hugo page; a resource's `type` is the resource-type taxonomy.
fn page(text: &str, resource: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_front_matter = false;
    for (i, line) in text.lines().enumerate() {
        if line == "+++" {
            in_front_matter = i == 0;
            out.push_str(line);
        } else if in_front_matter {
            out.push_str(&front_matter_line(line, resource));
        } else if line == "<!-- more -->" {
            // Hugo's summary divider is written without spaces.
            out.push_str("<!--more-->");
        } else {
            out.push_str(&internal_links(line));
        }
        out.push('\n');
    }
    out
}

fn front_matter_line(line: &str, resource: bool) -> String {
    if let Some(value) = line.strip_prefix("type = ").filter(|_| resource) {
        return format!("resource_types = [{value}]");
    }
    let renamed = RENAMED.iter().find_map(|&(key, new, end)| line.strip_prefix(key).map(|v| format!("{new}{v}{end}")));
    renamed.unwrap_or_else(|| line.to_string())
}

/// `(@/tin-tuc/news-000007.md)` → `(/tin-tuc/news-000007/)`, Hugo's URL of that file.
fn internal_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("(@/") {
        let Some(end) = rest[start..].find(".md)") else { break };
        out.push_str(&rest[..start]);
        out.push_str("(/");
        out.push_str(&rest[start + 3..start + end]);
        out.push_str("/)");
        rest = &rest[start + end + 4..];
    }
    out.push_str(rest);
    out
}
