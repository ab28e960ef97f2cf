//! The benchmark portal as a Hugo site, for timing Hugo on the same pages (`benches/compare.sh`).
//!
//! Same markdown bodies, titles, dates, tags and communes; front matter keys that mean
//! something else to Hugo are renamed (`url`, `type`, `kind`) and `@/file.md` links become
//! the page's URL. The layout does comparable work to hoctap's theme: every page with its
//! date, commune and tag links, reading time and table of contents; a paginated list of
//! summaries per section, per term and on the home page; the list of terms of each taxonomy;
//! Hugo's own RSS feeds and sitemap.

use std::path::Path;

const CONFIG: &str = r#"baseURL = "https://xhht.example.vn/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = "Cổng thông tin xây dựng xã hội học tập (dữ liệu thử)"
paginate = 10
removePathAccents = true
disableKinds = ["robotsTXT", "404"]

[taxonomies]
tag = "tags"
commune = "communes"
"#;

const BASEOF: &str = r#"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ range .GetTerms "communes" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }} · {{ .ReadingTime }} phút</p>
{{ .TableOfContents }}
{{ .Content }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pages := cond .IsHome (where .Site.RegularPages "Section" "tin-tuc") .Pages }}
{{ $pager := .Paginate $pages }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time><p>{{ .Summary | plainify }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#;

const TERMS: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#;

/// Writes the Hugo site of the hoctap portal at `portal` into `site` (its content replaced).
pub(crate) fn write_site(portal: &Path, site: &Path) -> std::io::Result<()> {
    let content = site.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content)?;
    }
    let layouts = site.join("layouts/_default");
    std::fs::create_dir_all(&layouts)?;
    std::fs::write(site.join("hugo.toml"), CONFIG)?;
    for (name, text) in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST), ("terms.html", TERMS)] {
        std::fs::write(layouts.join(name), text)?;
    }
    for entry in walkdir::WalkDir::new(portal.join("content")) {
        let entry = entry?;
        let Ok(rel) = entry.path().strip_prefix(portal.join("content")) else { continue };
        let target = content.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if rel.extension().is_some_and(|e| e == "md") {
            std::fs::write(&target, page(&std::fs::read_to_string(entry.path())?))?;
        }
    }
    Ok(())
}

/// Front matter keys that mean something else to Hugo (a page's URL, layout and kind), and
/// the commune, which Hugo takes as a taxonomy only in a list.
const RENAMED: &[(&str, &str, &str)] = &[
    ("url = ", "link = ", ""),
    ("type = ", "resource_type = ", ""),
    ("kind = ", "portal_kind = ", ""),
    ("commune = ", "communes = [", "]"),
];

/// One hoctap page as a Hugo page.
fn page(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_front_matter = false;
    for (i, line) in text.lines().enumerate() {
        if line == "+++" {
            in_front_matter = i == 0;
            out.push_str(line);
        } else if in_front_matter {
            let renamed =
                RENAMED.iter().find_map(|&(key, new, end)| line.strip_prefix(key).map(|v| format!("{new}{v}{end}")));
            out.push_str(renamed.as_deref().unwrap_or(line));
        } else {
            out.push_str(&internal_links(line));
        }
        out.push('\n');
    }
    out
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
