//! Stylesheet bundling (lightningcss), content fingerprints, and static files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lightningcss::bundler::{Bundler, ResolveResult, SourceProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};

use crate::diagnostics::{Error, Result};
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
pub fn bundle_css(theme: &Theme) -> Result<(String, Vec<u8>)> {
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
pub fn fingerprint(bytes: &[u8]) -> String {
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
pub fn copy_files(site: &Site, output: &Output) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_content() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
        assert_eq!(fingerprint(b"a").len(), 10);
    }
}
