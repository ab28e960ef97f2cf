//! What the node and headless-Chromium tests need, checked in one place. These tests are
//! compiled to run only when `build.rs` found the tools (or under `CI=true`), so a tool that
//! is missing here is a failure that says what to install, never a silent pass.

#![allow(dead_code)] // each test binary uses a part

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository (the sample portal, `tests/`, `themes/`).
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fails, naming the tool and how to install it, when `available` is false.
pub(crate) fn require(available: bool, what: &str) {
    assert!(
        available,
        "{what} is missing: apt-get install nodejs npm chromium && npm ci --prefix tests/search && npm ci --prefix tests/cms \
         (or run `bash .ci/run`, which installs node, Chromium and the npm packages)"
    );
}

/// Whether `node` runs.
pub(crate) fn has_node() -> bool {
    Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Requires node, Chromium and the npm `packages` of `tests/<folder>/node_modules`; returns
/// the Chromium to drive (`CHROMIUM`, else `/usr/bin/chromium`).
pub(crate) fn require_browser(folder: &str, packages: &[&str]) -> String {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    require(has_node(), "node");
    require(Path::new(&chromium).exists(), "Chromium (apt-get install chromium)");
    for package in packages {
        let installed = root().join("tests").join(folder).join("node_modules").join(package).is_dir();
        require(installed, &format!("{package} (npm ci --prefix tests/{folder})"));
    }
    chromium
}
