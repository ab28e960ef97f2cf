//! The browser scripts: the search script, minified in the theme (`js/search.min.js`, made
//! from `js/search.js` by terser and checked by `cargo test`), and the small loader every page
//! carries, which fetches the search script when the header box is first used. Both are
//! written under content-hashed names.

use crate::assets::fingerprint;
use crate::diagnostics::Result;
use crate::output::{Generated, Output, Owner};
use crate::theme::{Source, Theme};

/// The readable search script's path inside the theme.
pub const SCRIPT: &str = "js/search.js";
/// The minified search script the default theme ships, terser's output of [`SCRIPT`].
pub const MINIFIED: &str = "js/search.min.js";
/// The loader's path inside the theme.
pub const LOADER: &str = "js/search-loader.js";

/// Site paths of the written scripts, empty when the theme has none.
#[derive(Debug, Default)]
pub struct Scripts {
    /// The search script (`/js/search.4f0a82646b.js`).
    pub search: String,
    /// The loader (`/js/search-loader.1b2c3d4e5f.js`).
    pub loader: String,
}

/// Writes the theme's search script and loader; returns their site paths.
pub fn write_scripts(theme: &Theme, output: &Output) -> Result<Scripts> {
    let files = theme.files("js");
    let Some(source) = files.get("search.js") else { return Ok(Scripts::default()) };
    // A theme that replaces search.js without its minified copy ships its own script, trimmed.
    let text = match files.get("search.min.js") {
        Some(minified) if same_origin(source, minified) => minified.read_text(std::path::Path::new(MINIFIED))?,
        _ => trim(&source.read_text(std::path::Path::new(SCRIPT))?),
    };
    let search = write_hashed("search", text.as_bytes(), output)?;
    let loader = match files.get("search-loader.js") {
        Some(loader) => {
            write_hashed("search-loader", trim(&loader.read_text(std::path::Path::new(LOADER))?).as_bytes(), output)?
        }
        None => String::new(),
    };
    Ok(Scripts { search, loader })
}

fn same_origin(a: &Source, b: &Source) -> bool {
    matches!((a, b), (Source::Embedded(_), Source::Embedded(_)) | (Source::Disk(_), Source::Disk(_)))
}

fn write_hashed(name: &str, bytes: &[u8], output: &Output) -> Result<String> {
    let path = format!("/js/{name}.{}.js", fingerprint(bytes));
    output.write(&path, bytes, Owner::Generated(Generated::SearchIndex))?;
    Ok(path)
}

/// Drops indentation, blank lines and whole-line `//` comments: a safe, small saving that
/// needs no JavaScript parser.
fn trim(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_indentation_and_comment_lines_only() {
        assert_eq!(trim("  // note\n  let a = 'http://x'; // keep\n\n"), "let a = 'http://x'; // keep\n");
    }
}
