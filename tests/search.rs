//! Search in the browser half: the script's normalizer and ranking under `node --test`, and
//! the search box end to end in headless Chromium against the sample portal served on
//! localhost. Without node, playwright-core or Chromium these tests are reported as
//! `ignored` with the command that installs what they need (see `build.rs`); under
//! `CI=true` they always run, so a missing tool is a failure (`.ci/run` installs them).

use std::process::Command;

#[path = "support/browser_tools.rs"]
mod browser_tools;
use browser_tools::{has_node, require, require_browser, root};
#[path = "support/static_server.rs"]
mod static_server;
use static_server::serve;

use hoctap::{Config, Overrides};

/// Builds the sample portal into a temporary folder.
fn build_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let overrides = Overrides { output_dir: Some(out.path().join("site")), ..Overrides::default() };
    let config = Config::load(&root(), &overrides).expect("sample config");
    hoctap::build(config).expect("sample portal builds");
    out
}

/// Fails, naming the tool and how to install it, when a tool is missing.
fn run(command: &mut Command) {
    let output = command.output().expect("command runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{text}");
    println!("{text}");
}

#[test]
#[cfg_attr(not(has_node), ignore = "needs node: apt-get install nodejs (or run `bash .ci/run`)")]
fn browser_normalizer_and_ranking_pass_the_shared_cases() {
    require(has_node(), "node");
    let site = build_sample();
    run(Command::new("node")
        .args(["--test", "tests/search/"])
        .current_dir(root())
        .env("SEARCH_SITE", site.path().join("site")));
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs node, Chromium and playwright-core: apt-get install nodejs npm chromium && npm ci --prefix tests/search (or run `bash .ci/run`)"
)]
fn search_box_finds_pages_typed_without_diacritics_in_headless_chromium() {
    let chromium = require_browser("search", &["playwright-core", "axe-core"]);
    let site = build_sample();
    let base = serve(site.path().join("site"));
    run(Command::new("node")
        .arg("tests/search/e2e.mjs")
        .current_dir(root())
        .env("BASE_URL", &base)
        .env("CHROMIUM", chromium));
}

/// Runs a tool from `tests/search/node_modules/.bin`, failing with what to install when it is missing.
fn npm_tool(name: &str) -> Command {
    let tool = root().join("tests/search/node_modules/.bin").join(name);
    require(tool.exists(), &format!("{name} (npm ci --prefix tests/search)"));
    let mut command = Command::new(tool);
    command.current_dir(root());
    command
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs node and the tests/search packages: apt-get install nodejs npm && npm ci --prefix tests/search (or run `bash .ci/run`)"
)]
fn theme_scripts_are_formatted_by_prettier() {
    require(has_node(), "node");
    run(npm_tool("prettier").args(["--check", "themes/default/js/search.js", "themes/default/js/search-loader.js"]));
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs node and the tests/search packages: apt-get install nodejs npm && npm ci --prefix tests/search (or run `bash .ci/run`)"
)]
fn the_shipped_minified_script_is_terser_output_of_the_readable_one() {
    require(has_node(), "node");
    require(root().join("tests/search/node_modules/terser").is_dir(), "terser (npm ci --prefix tests/search)");
    run(Command::new("node").arg("tests/search/minify.mjs").current_dir(root()));
}
