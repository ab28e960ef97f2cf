//! The browser script: read from the theme, trimmed, written under a content-hashed name.

use crate::assets::fingerprint;
use crate::diagnostics::Result;
use crate::output::{Generated, Output, Owner};
use crate::theme::Theme;

/// The script's path inside the theme.
pub const SCRIPT: &str = "js/search.js";

/// Writes the theme's search script; returns its site path (`/js/search.4f0a82646b.js`).
pub fn write_script(theme: &Theme, output: &Output) -> Result<String> {
    let files = theme.files("js");
    let Some(source) = files.get("search.js") else { return Ok(String::new()) };
    let text = source.read_text(std::path::Path::new(SCRIPT))?;
    let bytes = trim(&text).into_bytes();
    let path = format!("/js/search.{}.js", fingerprint(&bytes));
    output.write(&path, &bytes, Owner::Generated(Generated::SearchIndex))?;
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
