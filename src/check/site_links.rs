//! Links written as site paths (`/tin-tuc/a/#muc-2`) or relative paths (`anh.jpg`,
//! `../hoc-lieu/`), checked against the files a build produces and the ids in them.

use crate::urls::percent_decode;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostics::{nearest, Problem};

/// Where a written link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A path of this site (without the base path) and an optional fragment.
    Site {
        /// `/tin-tuc/a/`, `/anh.jpg`.
        path: String,
        /// The part after `#`, percent-decoded.
        fragment: Option<String>,
    },
    /// An `http(s)://` URL (a `//host/…` link counts as `https:`).
    External(String),
    /// A relative link whose `..` climbs above the site's root.
    LeavesSite,
    /// `mailto:`, `tel:` and other schemes, empty links, bare queries: not checked.
    Elsewhere,
}

/// Classifies a link written on the page at `own_url`, whose relative links resolve
/// against `relative_base` (the page's folder, as the build resolves them).
pub(crate) fn classify(written: &str, own_url: &str, relative_base: &str) -> Target {
    let written = written.trim();
    if written.starts_with("http://") || written.starts_with("https://") {
        return Target::External(written.to_string());
    }
    if let Some(rest) = written.strip_prefix("//") {
        return Target::External(format!("https://{rest}"));
    }
    let (before_fragment, fragment) = match written.split_once('#') {
        Some((before, fragment)) => (before, Some(percent_decode(fragment))),
        None => (written, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    let has_scheme = path.split('/').next().is_some_and(|head| head.contains(':'));
    if has_scheme || (path.is_empty() && fragment.is_none()) {
        return Target::Elsewhere;
    }
    let path = if path.is_empty() {
        // `#muc` and `?q#muc` stay on the page itself.
        own_url.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{relative_base}{path}")
    };
    match normalize(&percent_decode(&path)) {
        Some(path) => Target::Site { path, fragment: fragment.filter(|f| !f.is_empty()) },
        None => Target::LeavesSite,
    }
}

/// Resolves `.` and `..` in a root-relative path; `None` when `..` climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let trailing = if (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")) && !parts.is_empty() {
        "/"
    } else {
        ""
    };
    Some(format!("/{}{trailing}", parts.join("/")))
}

/// The files a build produces, by site path, and the ids of the HTML ones.
pub(crate) struct SiteFiles {
    files: BTreeMap<String, Vec<u8>>,
    base_path: String,
    ids: HashMap<String, HashSet<String>>,
}

impl SiteFiles {
    /// Indexes the output of an in-memory render.
    pub(crate) fn new(files: BTreeMap<String, Vec<u8>>, base_path: &str) -> SiteFiles {
        SiteFiles { files, base_path: base_path.to_string(), ids: HashMap::new() }
    }

    /// Checks a site target; `written` is the link as the author wrote it, for messages.
    pub(crate) fn check(&mut self, target: &Target, written: &str) -> Result<(), Problem> {
        let Target::Site { path, fragment } = target else { return Ok(()) };
        let Some(file) = self.file_serving(path) else {
            return Err(Problem::BrokenSiteLink {
                target: written.to_string(),
                suggestion: self.suggest(path, fragment),
            });
        };
        let Some(fragment) = fragment.as_deref() else { return Ok(()) };
        // Browsers scroll to the top for `#top`; `#:~:text=` is a text fragment.
        if !file.ends_with(".html") || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:") {
            return Ok(());
        }
        let ids = self.ids_of(&file);
        if ids.contains(fragment) {
            return Ok(());
        }
        let suggestion = nearest(fragment, ids.iter().map(String::as_str)).map(str::to_string);
        Err(Problem::BrokenAnchor { target: written.to_string(), suggestion })
    }

    /// The produced file a path is served from: `/a/` → `/a/index.html`; `/a` → `/a` or,
    /// as static hosts redirect, `/a/index.html`.
    fn file_serving(&self, path: &str) -> Option<String> {
        let candidates = if path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates.into_iter().find(|c| self.files.contains_key(c))
    }

    /// A link that would work: the path without a doubled base path, else the nearest URL.
    fn suggest(&self, path: &str, fragment: &Option<String>) -> Option<String> {
        let with_fragment = |p: &str| match fragment {
            Some(f) => format!("{p}#{f}"),
            None => p.to_string(),
        };
        // Links are written from the site's root; the build adds the base path itself.
        if let Some(rest) =
            path.strip_prefix(&self.base_path).filter(|r| !self.base_path.is_empty() && r.starts_with('/'))
        {
            if self.file_serving(rest).is_some() {
                return Some(with_fragment(rest));
            }
        }
        let urls = self.files.keys().map(|f| f.strip_suffix("index.html").unwrap_or(f));
        nearest(path, urls).map(with_fragment)
    }

    fn ids_of(&mut self, file: &str) -> &HashSet<String> {
        let files = &self.files;
        self.ids.entry(file.to_string()).or_insert_with(|| html_ids(&String::from_utf8_lossy(&files[file])))
    }
}

/// Every `id="…"` (or `id='…'`) attribute value in an HTML document.
fn html_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find("id=") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + 3..];
        rest = after;
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
        let (Some(quote), Some(true)) = (quote, before.map(char::is_whitespace)) else { continue };
        if let Some(end) = after[1..].find(quote) {
            ids.insert(decode_entities(&after[1..1 + end]));
        }
    }
    ids
}

/// The few entities an escaped attribute value may hold.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, fragment: Option<&str>) -> Target {
        Target::Site { path: path.into(), fragment: fragment.map(str::to_string) }
    }

    #[test]
    fn classifies_links_as_the_build_resolves_them() {
        let c = |w| classify(w, "/tin-tuc/bai/", "/tin-tuc/");
        assert_eq!(c("/ke-hoach/a/#muc-2"), site("/ke-hoach/a/", Some("muc-2")));
        assert_eq!(c("anh.jpg"), site("/tin-tuc/anh.jpg", None));
        assert_eq!(c("../hoc-lieu/?trang=2"), site("/hoc-lieu/", None));
        assert_eq!(c("#muc"), site("/tin-tuc/bai/", Some("muc")));
        assert_eq!(c("../../../etc/passwd"), Target::LeavesSite);
        assert_eq!(c("https://moet.gov.vn/"), Target::External("https://moet.gov.vn/".into()));
        assert_eq!(c("//thuvien.vn/a"), Target::External("https://thuvien.vn/a".into()));
        assert_eq!(c("mailto:a@b.vn"), Target::Elsewhere);
        assert_eq!(c("tel:+84277"), Target::Elsewhere);
        assert_eq!(c(""), Target::Elsewhere);
        assert_eq!(c("t%E1%BB%87p%20a.pdf"), site("/tin-tuc/tệp a.pdf", None));
    }

    fn files(paths: &[(&str, &str)]) -> SiteFiles {
        let map = paths.iter().map(|(p, b)| (p.to_string(), b.as_bytes().to_vec())).collect();
        SiteFiles::new(map, "/cong")
    }

    #[test]
    fn finds_files_ids_and_near_misses() {
        let mut f = files(&[
            ("/tin-tuc/index.html", "<h2 id=\"muc-1\">a</h2><main id='noi_dung'>"),
            ("/tin-tuc/a.pdf", "%PDF"),
        ]);
        assert_eq!(f.check(&site("/tin-tuc/", Some("muc-1")), "x"), Ok(()));
        assert_eq!(f.check(&site("/tin-tuc", Some("noi_dung")), "x"), Ok(()));
        assert_eq!(f.check(&site("/tin-tuc/a.pdf", Some("page=2")), "x"), Ok(()));
        assert_eq!(f.check(&site("/tin-tuc/", Some("top")), "x"), Ok(()));
        assert_eq!(
            f.check(&site("/tin-tuc/", Some("muc-2")), "/tin-tuc/#muc-2"),
            Err(Problem::BrokenAnchor { target: "/tin-tuc/#muc-2".into(), suggestion: Some("muc-1".into()) })
        );
        assert_eq!(
            f.check(&site("/tin-tu/", None), "/tin-tu/"),
            Err(Problem::BrokenSiteLink { target: "/tin-tu/".into(), suggestion: Some("/tin-tuc/".into()) })
        );
        assert_eq!(
            f.check(&site("/cong/tin-tuc/", None), "/cong/tin-tuc/"),
            Err(Problem::BrokenSiteLink { target: "/cong/tin-tuc/".into(), suggestion: Some("/tin-tuc/".into()) })
        );
    }

    #[test]
    fn reads_ids_only_from_attributes() {
        let ids = html_ids("<p>valid=\"x\" <a id=\"a&amp;b\" data-id=\"no\">grid=1</a><b\nid='c'>");
        assert_eq!(ids, HashSet::from(["a&b".to_string(), "c".to_string()]));
    }
}
