//! Rebuilds the binary when the embedded default theme or the `init` scaffold changes, and
//! tells the tests which outside tools are there.
//!
//! Tests that drive node and headless Chromium are compiled with `#[ignore]` (and the tool to
//! install as the reason) when a tool is missing, so `cargo test` never prints `ok` for a test
//! that did not run. Under `CI=true` they are always compiled to run, and fail if a tool is
//! missing.

use std::path::Path;
use std::process::Command;

/// npm packages the browser and script tests load (installed by `npm ci --prefix tests/search`).
const SEARCH_PACKAGES: [&str; 4] = [
    "tests/search/node_modules/playwright-core",
    "tests/search/node_modules/axe-core",
    "tests/search/node_modules/prettier",
    "tests/search/node_modules/terser",
];
/// npm packages the editor test loads (installed by `npm ci --prefix tests/cms`).
const CMS_PACKAGES: [&str; 3] = [
    "tests/cms/node_modules/decap-cms",
    "tests/cms/node_modules/decap-server",
    "tests/cms/node_modules/playwright-core",
];

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=scaffold");
    println!("cargo:rerun-if-changed=build.rs");
    detect_test_tools();
}

/// Looks again when npm installs or changes a test folder's packages: the lock file npm
/// writes into `node_modules` once it is there, else the folder itself (watching all of
/// `node_modules` would stat thousands of files on every build, and a missing path would
/// rerun this script on every build).
fn watch_npm_folder(folder: &str) {
    let installed = format!("{folder}/node_modules/.package-lock.json");
    if Path::new(&installed).is_file() {
        println!("cargo:rerun-if-changed={installed}");
    } else {
        println!("cargo:rerun-if-changed={folder}");
    }
}

fn detect_test_tools() {
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed=CHROMIUM");
    for folder in ["tests/search", "tests/cms"] {
        watch_npm_folder(folder);
    }
    println!("cargo::rustc-check-cfg=cfg(has_node)");
    println!("cargo::rustc-check-cfg=cfg(has_browser)");
    println!("cargo::rustc-check-cfg=cfg(has_cms_browser)");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let browser = node && Path::new(&chromium).exists() && SEARCH_PACKAGES.iter().all(|p| Path::new(p).is_dir());
    if ci || node {
        println!("cargo:rustc-cfg=has_node");
    }
    if ci || browser {
        println!("cargo:rustc-cfg=has_browser");
    }
    let cms = node && Path::new(&chromium).exists() && CMS_PACKAGES.iter().all(|p| Path::new(p).is_dir());
    if ci || cms {
        println!("cargo:rustc-cfg=has_cms_browser");
    }
}
