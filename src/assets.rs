//! Stylesheet bundling (lightningcss), content fingerprints, and static files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lightningcss::bundler::{Bundler, ResolveResult, SourceProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};

use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location, Problem, Result};
use crate::output::{Generated, Output, Owner};
use crate::theme::Theme;
use crate::Site;

/// The theme's entry stylesheet, relative to its `css/` folder.
const CSS_ENTRY: &str = "main.css";

/// Oldest browsers the CSS must work in: the phones citizens still carry (about 2019).
fn targets() -> Targets {
    let version = |major: u32, minor: u32| Some((major << 16) | (minor << 8));
    Targets::from(Browsers {
        android: version(80, 0),
        chrome: version(80, 0),
        firefox: version(78, 0),
        ios_saf: version(12, 2),
        safari: version(12, 1),
        samsung: version(12, 0),
        ..Browsers::default()
    })
}

/// Serves the theme's CSS files (every layer merged) to the bundler by their path.
struct ThemeCss {
    files: HashMap<PathBuf, String>,
}

impl SourceProvider for ThemeCss {
    type Error = std::io::Error;

    fn read<'a>(&'a self, file: &Path) -> std::result::Result<&'a str, Self::Error> {
        self.files.get(file).map(String::as_str).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, format!("`css/{}` not found", file.display()))
        })
    }

    fn resolve(&self, specifier: &str, originating_file: &Path) -> std::result::Result<ResolveResult, Self::Error> {
        let base = originating_file.parent().unwrap_or(Path::new(""));
        Ok(ResolveResult::File(base.join(specifier)))
    }
}

/// Bundles and minifies the theme's CSS; returns `(site path with fingerprint, bytes)`.
pub(crate) fn bundle_css(theme: &Theme) -> Result<(String, Vec<u8>)> {
    let mut files = HashMap::new();
    for (name, source) in theme.files("css") {
        let shown = Path::new("css").join(&name);
        files.insert(PathBuf::from(&name), source.read_text(&shown)?);
    }
    let provider = ThemeCss { files };
    let css_error = |message: String| Error::Css { path: Path::new("css").join(CSS_ENTRY), message };
    let mut bundler = Bundler::new(&provider, None, ParserOptions::default());
    let mut sheet = bundler.bundle(Path::new(CSS_ENTRY)).map_err(|e| css_error(e.to_string()))?;
    sheet
        .minify(MinifyOptions { targets: targets(), ..MinifyOptions::default() })
        .map_err(|e| css_error(e.to_string()))?;
    let printed = sheet
        .to_css(PrinterOptions { minify: true, targets: targets(), ..PrinterOptions::default() })
        .map_err(|e| css_error(e.to_string()))?;
    let bytes = printed.code.into_bytes();
    Ok((format!("/css/main.{}.css", fingerprint(&bytes)), bytes))
}

/// A short content hash for cache-busting file names (FNV-1a, 64 bits, hex).
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:010x}", hash >> 24)
}

/// Copies the theme's `static/`, the portal's `static/` and the content assets.
///
/// Each file is claimed by its source, so a static file or asset over a page that hoctap
/// makes (`static/tim-kiem/index.html`) is an error naming both.
pub(crate) fn copy_files(site: &Site, output: &Output) -> Result<()> {
    for (name, source) in site.theme.files("static") {
        output.write(&format!("/{name}"), &source.read()?, Owner::Generated(Generated::Theme))?;
    }
    let root = &site.config.root;
    let portal_static = root.join("static");
    if portal_static.is_dir() {
        for entry in walkdir::WalkDir::new(&portal_static).into_iter().filter_map(|e| e.ok()) {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&portal_static).unwrap_or(entry.path());
                let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
                let owner = Owner::file(Path::new("static").join(rel.join("/")));
                output.copy(entry.path(), &format!("/{}", rel.join("/")), owner)?;
            }
        }
    }
    for (source, site_path) in &site.resolved.assets {
        output.copy(source, site_path, Owner::file(source.strip_prefix(root).unwrap_or(source)))?;
    }
    Ok(())
}

/// Files a browser shows as a document, so any script in them runs in the site's origin; they
/// are published only with `allow_html = true`. XSLT is here because it exists to make HTML.
const DOCUMENT_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "xhtml", "xht", "mht", "mhtml", "xsl", "xslt"];
/// Files that are safe when they hold no script, so they are read and checked.
const CHECKED_EXTENSIONS: &[&str] = &["svg", "svgz", "xml"];
/// Elements that run script or load a document: refused in SVG and XML files.
const SCRIPT_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "frame",
    "frameset",
    "embed",
    "object",
    "handler",
    "listener",
    "base",
    "meta",
];

/// Every static file (the portal's `static/` and page-bundle files) that can run script in the
/// site's origin, as an error naming it, unless `allow_html = true` says the portal trusts its
/// files. The theme's own static files are trusted like its templates.
pub(crate) fn script_files(config: &Config, content: &Content) -> Diagnostics {
    let mut problems = Diagnostics::new();
    if config.allow_html {
        return problems;
    }
    let mut check = |source: &Path, shown: PathBuf| {
        let name = shown.to_string_lossy().replace('\\', "/");
        if let Some(found) = script_in_file(&name, || std::fs::read(source).unwrap_or_default()) {
            problems.push(Diagnostic::error(Location::file(&shown), Problem::ScriptInFile { name, found }));
        }
    };
    for asset in &content.assets {
        check(&asset.source, Path::new("content").join(&asset.dir).join(&asset.name));
    }
    let portal_static = config.root.join("static");
    for entry in walkdir::WalkDir::new(&portal_static).into_iter().filter_map(|e| e.ok()) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&portal_static).unwrap_or(entry.path());
            check(entry.path(), Path::new("static").join(rel));
        }
    }
    problems
}

/// What in a file can run script: `html` for a document type, else the first script element,
/// event attribute or script URL of an SVG or XML file (`<script`, `onload=`, `javascript:`),
/// or `unreadable` for one that cannot be checked (compressed `.svgz`, not UTF-8). `read` is
/// called only for the types that are checked.
///
/// The check is a conservative scan of the text with character references decoded and case
/// folded, not a parse: a harmless file that merely mentions `javascript:` in its text is
/// refused too, which is the side to err on.
pub(crate) fn script_in_file(name: &str, read: impl FnOnce() -> Vec<u8>) -> Option<String> {
    let ext = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
        return Some("html".into());
    }
    if !CHECKED_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    let bytes = read();
    let Ok(text) = std::str::from_utf8(&bytes) else { return Some("unreadable".into()) };
    if ext == "svgz" {
        return Some("unreadable".into());
    }
    script_in_markup(&crate::url_policy::decode_entities(text).to_lowercase())
}

/// The first thing in lowercased XML text that can run script, as written in the message.
fn script_in_markup(text: &str) -> Option<String> {
    // Elements, processing instructions and entity declarations (which can build elements).
    for (at, _) in text.match_indices('<') {
        let rest = &text[at + 1..];
        // An entity whose value holds markup or other references can build elements; plain
        // ones such as Illustrator's namespace entities are fine.
        let declaration = &rest[..rest.find('>').unwrap_or(rest.len())];
        let markup_entity = rest.starts_with("!entity") && declaration[1..].contains(['<', '&', '%']);
        if rest.starts_with("?xml-stylesheet") || markup_entity {
            return Some(format!("<{}", &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len()).min(16)]));
        }
        let tag: String =
            rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')).collect();
        let local = tag.rsplit(':').next().unwrap_or("");
        if SCRIPT_ELEMENTS.contains(&local) {
            return Some(format!("<{tag}"));
        }
    }
    // Event attributes: `onload=`, `onclick =`, also when animated (`attributeName="onclick"`).
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("on") {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let starts_name = matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\'' | b':'));
        let name_len = text[at..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
        let after = text[at + name_len..].trim_start();
        if starts_name && name_len > 2 && after.starts_with('=') {
            return Some(format!("{}=", &text[at..at + name_len]));
        }
    }
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    for attribute in ["attributename=\"on", "attributename='on"] {
        if squeezed.contains(attribute) {
            return Some(attribute.into());
        }
    }
    for url in [
        "javascript:",
        "vbscript:",
        "livescript:",
        "data:text/html",
        "data:application/",
        "data:image/svg",
        "data:text/xml",
    ] {
        if squeezed.contains(url) {
            return Some(url.into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, text: &str) -> Option<String> {
        script_in_file(name, || text.as_bytes().to_vec())
    }

    #[test]
    fn html_and_xslt_files_are_documents_and_pictures_are_not_read() {
        assert_eq!(found("a/trang.HTML", ""), Some("html".into()));
        assert_eq!(found("x.xhtml", ""), Some("html".into()));
        assert_eq!(found("x.xsl", ""), Some("html".into()));
        assert_eq!(script_in_file("anh.jpg", || panic!("read")), None);
        assert_eq!(found("x.js", "alert(1)"), None);
    }

    #[test]
    fn a_drawing_svg_passes() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"t\"><title id=\"t\">Sông Hồng</title>\
                   <text font-family=\"sans-serif\">Không bấm đường link lạ</text><a href=\"https://x.vn/\"><rect/></a>\
                   <!ENTITY ns_extend \"http://ns.adobe.com/Extensibility/1.0/\"></svg>";
        assert_eq!(found("a.svg", svg), None);
        for file in ["content/tin-tuc/ngay-hoi-doc-sach-my-an-2024/anh-1.svg", "themes/default/static/favicon.svg"] {
            let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
            assert_eq!(found(file, &text), None, "{file}");
        }
    }

    #[test]
    fn script_in_svg_and_xml_is_found_however_it_is_written() {
        for (text, what) in [
            ("<svg><script>alert(1)</script></svg>", "<script"),
            ("<svg><SVG:Script>x</SVG:Script></svg>", "<svg:script"),
            ("<svg><foreignObject><p>x</p></foreignObject></svg>", "<foreignobject"),
            ("<svg onload=\"alert(1)\"/>", "onload="),
            ("<svg><rect\nONCLICK = 'x'/></svg>", "onclick="),
            ("<svg><a href=\"java\tscript:alert(1)\">x</a></svg>", "javascript:"),
            ("<svg><a xlink:href=\"&#106;avascript:alert(1)\">x</a></svg>", "javascript:"),
            ("<svg><set attributeName=\"onmouseover\" to=\"alert(1)\"/></svg>", "attributename=\"on"),
            ("<svg><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>", "data:image/svg"),
            ("<!DOCTYPE svg [<!ENTITY s \"&#60;script>\">]><svg>&s;</svg>", "<!entity"),
            ("<?xml-stylesheet href=\"a.xsl\"?><a/>", "<?xml-stylesheet"),
            ("<root xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:iframe src=\"x\"/></root>", "<h:iframe"),
        ] {
            assert_eq!(found("a.svg", text).as_deref(), Some(what), "{text}");
        }
        assert_eq!(found("a.svgz", "x").as_deref(), Some("unreadable"));
        assert_eq!(script_in_file("a.svg", || vec![0xff, 0xfe, b'<', 0]).as_deref(), Some("unreadable"));
    }

    #[test]
    fn fingerprints_change_with_content() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
        assert_eq!(fingerprint(b"a").len(), 10);
    }
}
