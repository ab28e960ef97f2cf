//! Rebuilds the binary when the embedded default theme or the `init` scaffold changes, and
//! tells the tests which outside tools are there.
//!
//! Tests that drive node and headless Chromium are compiled with `#[ignore]` (and the tool to
//! install as the reason) when a tool is missing, so `cargo test` never prints `ok` for a test
//! that did not run. Under `CI=true` they are always compiled to run, and fail if a tool is
//! missing.

use std::path::Path;
use std::process::Command;

/// npm packages the browser tests load (installed by `npm ci --prefix tests/search`).
const PLAYWRIGHT: &str = "tests/search/node_modules/playwright-core";
/// npm packages the editor test loads (installed by `npm ci --prefix tests/cms`).
const CMS_PACKAGES: [&str; 3] =
    ["tests/cms/node_modules/decap-cms", "tests/cms/node_modules/decap-server", "tests/cms/node_modules/playwright-core"];

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=scaffold");
    println!("cargo:rerun-if-changed=build.rs");
    detect_test_tools();
}

fn detect_test_tools() {
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed=CHROMIUM");
    // Installing the npm packages changes this folder (a missing path would rerun every build).
    println!("cargo:rerun-if-changed=tests/search");
    println!("cargo:rerun-if-changed=tests/cms");
    println!("cargo::rustc-check-cfg=cfg(has_node)");
    println!("cargo::rustc-check-cfg=cfg(has_browser)");
    println!("cargo::rustc-check-cfg=cfg(has_cms_browser)");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let browser = node && Path::new(&chromium).exists() && Path::new(PLAYWRIGHT).is_dir();
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
