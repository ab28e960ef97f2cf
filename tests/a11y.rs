//! Accessibility in a real browser: the sample portal, built in Vietnamese and in English, served
//! on localhost and checked with axe-core in headless Chromium, one page of each type at 360 and
//! 1280 pixels, with its `<details>` closed and open (`tests/search/a11y.mjs`). Any violation
//! fails, as does a page wider than a phone's screen. Without node, Chromium or the npm packages
//! the test is reported as `ignored` with the command that installs them (see `build.rs`);
//! under `CI=true` it always runs, so a missing tool is a failure (`.ci/run` installs them).

use std::process::Command;

#[path = "support/browser_tools.rs"]
mod browser_tools;
use browser_tools::{require_browser, root};
#[path = "support/static_server.rs"]
mod static_server;
use static_server::serve;

use hoctap::Language;
use hoctap::{Config, Overrides};

/// Builds the sample portal in `language` into a temporary folder.
fn build_sample(language: Language) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let overrides = Overrides { output_dir: Some(out.path().join("site")), ..Overrides::default() };
    let mut config = Config::load(&root(), &overrides).expect("sample config");
    config.language = language;
    hoctap::build(config).expect("sample portal builds");
    out
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs node, Chromium, playwright-core and axe-core: apt-get install nodejs npm chromium && npm ci --prefix tests/search (or run `bash .ci/run`)"
)]
fn every_page_type_has_no_axe_violations_at_360_and_1280_pixels_in_vietnamese_and_english() {
    let chromium = require_browser("search", &["playwright-core", "axe-core"]);
    for language in [Language::Vi, Language::En] {
        let site = build_sample(language);
        let base = serve(site.path().join("site"));
        let output = Command::new("node")
            .arg("tests/search/a11y.mjs")
            .current_dir(root())
            .env("BASE_URL", &base)
            .env("PORTAL_LABEL", language.code())
            .env("CHROMIUM", &chromium)
            .output()
            .expect("node runs");
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "{text}");
        println!("{text}");
    }
}
