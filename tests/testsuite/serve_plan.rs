//! `serve`'s incremental path against a fresh `build`: pages, tags and indicators are edited,
//! added and deleted, and after each change every file `serve` holds must equal, byte for
//! byte, what `hoctap build` writes for the same content, and the two must hold the same files.
//!
//! `serve` is driven through the library, the way `serve::run` does it: a saved page goes to
//! [`LiveSite::rebuild_page`], which renders what the page touches or asks for a full build;
//! any other change is a full build; then the search index is rebuilt, as its worker does.
//! What `serve` adds on the way out (the live-reload `<script>` in HTML answers) is added by
//! its HTTP layer, not held in its files, so nothing is left out of the comparison but the
//! output folder's own marker, `.hoctap-build`, which only a folder on disk has.

use std::collections::BTreeMap;
use std::path::Path;

use hoctap::output::Output;
use hoctap::serve::live::{LiveSite, Rebuilt};
use hoctap::{Config, Overrides};

use crate::util::{run_hoctap, PortalTest};

const BASE_URL: &str = "http://127.0.0.1:1111";

fn overrides() -> Overrides {
    Overrides { output_dir: None, base_url: Some(BASE_URL.into()), drafts: false }
}

/// A portal being served: its folder and the in-memory site.
struct Served {
    portal: PortalTest,
    live: LiveSite,
}

/// What a change was rebuilt with.
#[derive(Debug, PartialEq, Eq)]
enum Rebuild {
    Incremental,
    Full,
}

impl Served {
    fn start(portal: PortalTest) -> Served {
        let config = Config::load(portal.root(), &overrides()).expect("config");
        let live = LiveSite::build(config).expect("first build");
        Served { portal, live }
    }

    /// A page under `content/` was saved, created or deleted: `serve::page_rebuild`.
    fn page_saved(&mut self, rel: &str) -> Rebuild {
        let path = match self.live.rebuild_page(rel).expect("the change builds") {
            Some(Rebuilt::Page { .. }) => Rebuild::Incremental,
            Some(Rebuilt::Full { .. }) | None => {
                self.full_rebuild();
                Rebuild::Full
            }
        };
        self.rebuild_search_index();
        path
    }

    /// Any other change (data files, sections, config): `serve::full_rebuild`.
    fn full_rebuild(&mut self) {
        let config = Config::load(self.portal.root(), &overrides()).expect("config");
        self.live = LiveSite::build(config).expect("full rebuild");
    }

    /// What `serve::search_worker` does after a page rebuild.
    fn rebuild_search_index(&mut self) {
        let output = Output::memory();
        hoctap::search::write_index(self.live.search_input(), &output).expect("search index");
        self.live.replace_search_index(output.into_files().expect("a memory output"));
    }

    fn write(&self, rel: &str, text: &str) {
        self.portal.write(&format!("content/{rel}"), text);
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.portal.root().join("content").join(rel);
        let text = std::fs::read_to_string(&path).expect("page");
        assert!(text.contains(from), "{rel} holds `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("edit");
    }

    fn delete(&self, rel: &str) {
        std::fs::remove_file(self.portal.root().join("content").join(rel)).expect("delete");
    }

    /// Builds the same content with the real binary and compares every file.
    fn assert_same_as_build(&self, step: &str) {
        let out = self.portal.temp().join(format!("built-{}", step.replace(' ', "-")));
        let root = self.portal.root().to_str().expect("UTF-8 path");
        let (code, _, stderr) =
            run_hoctap(&["build", "--root", root, "--out", out.to_str().unwrap(), "--base-url", BASE_URL]);
        assert_eq!(code, 0, "{step}: build failed: {stderr}");
        let built = files_under(&out);
        let served = self.live.files();
        let only_built: Vec<_> = built.keys().filter(|k| !served.contains_key(*k)).collect();
        let only_served: Vec<_> = served.keys().filter(|k| !built.contains_key(*k)).collect();
        assert!(
            only_built.is_empty() && only_served.is_empty(),
            "{step}: built only {only_built:?}, served only {only_served:?}"
        );
        for (path, bytes) in &built {
            if served[path] != *bytes {
                panic!(
                    "{step}: {path} differs\n--- built:\n{}\n--- served:\n{}",
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(&served[path])
                );
            }
        }
    }
}

/// Every file of a built output, keyed like `serve`'s (`/a/index.html`), without the marker.
fn files_under(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![out.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read output") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.file_name().is_some_and(|n| n != ".hoctap-build") {
                let rel = path.strip_prefix(out).expect("inside").to_string_lossy().replace('\\', "/");
                files.insert(format!("/{rel}"), std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

#[test]
fn every_served_file_equals_a_fresh_build_after_edits_additions_and_deletions() {
    let portal = PortalTest::new("indicators/valid");
    // One item a list page, so every change moves items between numbered list pages.
    portal.write("hoctap.toml", format!("{}paginate_by = 1\n", read(portal.root(), "hoctap.toml")));
    let mut serve = Served::start(portal);
    serve.assert_same_as_build("start");

    // A plan's title: its page, its list, the indicator pages that name it.
    serve.edit("ke-hoach/ke-hoach-2024.md", "title = \"Kế hoạch 2024\"", "title = \"Kế hoạch năm 2024\"");
    assert_eq!(serve.page_saved("ke-hoach/ke-hoach-2024.md"), Rebuild::Incremental);
    serve.assert_same_as_build("plan title");

    // A plain page inside the indicators section: added, then edited. The section's one page
    // is its overview, never a numbered list.
    serve.write("chi-so/ghi-chu.md", "+++\ntitle = \"Ghi chú về số liệu\"\n+++\n\nSố liệu năm 2024.\n");
    assert_eq!(serve.page_saved("chi-so/ghi-chu.md"), Rebuild::Full);
    serve.assert_same_as_build("page added to the indicators section");
    serve.edit("chi-so/ghi-chu.md", "Số liệu năm 2024.", "Số liệu năm 2024, cập nhật.");
    assert_eq!(serve.page_saved("chi-so/ghi-chu.md"), Rebuild::Incremental);
    serve.assert_same_as_build("page in the indicators section edited");

    // Tags: a new term is a new set of files; then a second page with the same tag, and a
    // date that moves it behind the first on the term's and the section's list pages.
    serve.edit("tin-tuc/so-ket.md", "date = 2024-12-12", "date = 2024-12-12\ntags = [\"Đọc sách\"]");
    assert_eq!(serve.page_saved("tin-tuc/so-ket.md"), Rebuild::Full);
    serve.assert_same_as_build("tag added");
    let news = "+++\ntitle = \"Ngày hội đọc sách\"\ndate = 2025-01-05\ntags = [\"Đọc sách\"]\n+++\n\nTin mới.\n";
    serve.write("tin-tuc/ngay-hoi.md", news);
    assert_eq!(serve.page_saved("tin-tuc/ngay-hoi.md"), Rebuild::Full);
    serve.assert_same_as_build("tagged page added");
    serve.edit("tin-tuc/ngay-hoi.md", "date = 2025-01-05", "date = 2024-01-05");
    assert_eq!(serve.page_saved("tin-tuc/ngay-hoi.md"), Rebuild::Incremental);
    serve.assert_same_as_build("tagged page moved back in the lists");
    serve.edit("tin-tuc/ngay-hoi.md", "tags = [\"Đọc sách\"]", "tags = [\"Thư viện\"]");
    assert_eq!(serve.page_saved("tin-tuc/ngay-hoi.md"), Rebuild::Full);
    serve.assert_same_as_build("tag changed");

    // Indicators: a value edited, then a whole indicator file added and deleted.
    serve.edit("chi-so/nang-luc.json", "\"value\": 52.25", "\"value\": 55.5");
    serve.full_rebuild();
    serve.assert_same_as_build("indicator value edited");
    let added = "{\n  \"id\": \"ty-le-doc-sach\",\n  \"title\": \"Tỷ lệ người đọc sách\",\n  \"group\": \"Văn hóa đọc\",\n  \"unit\": \"%\",\n  \"values\": [ { \"year\": 2024, \"value\": 30 } ]\n}\n";
    serve.write("chi-so/doc-sach.json", added);
    serve.full_rebuild();
    serve.assert_same_as_build("indicator added");
    serve.delete("chi-so/doc-sach.json");
    serve.full_rebuild();
    serve.assert_same_as_build("indicator deleted");

    // Pages deleted: a tagged news page, then the page in the indicators section.
    serve.delete("tin-tuc/ngay-hoi.md");
    assert_eq!(serve.page_saved("tin-tuc/ngay-hoi.md"), Rebuild::Full);
    serve.assert_same_as_build("tagged page deleted");
    serve.delete("chi-so/ghi-chu.md");
    assert_eq!(serve.page_saved("chi-so/ghi-chu.md"), Rebuild::Full);
    serve.assert_same_as_build("page in the indicators section deleted");
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).expect("read")
}
