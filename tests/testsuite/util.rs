//! `PortalTest`: copy a fixture portal into a temp dir, run the real `hoctap` binary on it,
//! and read the result back as parsed HTML.

use hoctap::urls::percent_decode;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The crate root (the sample portal lives there too).
pub(crate) fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub(crate) fn fixture_dir(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
}

/// A portal in a temp dir, ready to be built.
pub(crate) struct PortalTest {
    /// Shared with every [`Build`] so the files outlive `PortalTest::new(..).build()`.
    dir: Arc<TempDir>,
    root: PathBuf,
    out: Option<PathBuf>,
    args: Vec<String>,
}

impl PortalTest {
    /// Copies `tests/fixtures/<name>` (e.g. `content/portal`) into a fresh temp dir.
    pub(crate) fn new(name: &str) -> PortalTest {
        let source = fixture_dir(name);
        assert!(source.join("hoctap.toml").is_file(), "fixture `{name}` has no hoctap.toml");
        let dir = tempfile::Builder::new().prefix("hoctap-test-").tempdir().expect("temp dir");
        let root = dir.path().join("portal");
        copy_tree(&source, &root);
        PortalTest { dir: Arc::new(dir), root, out: None, args: Vec::new() }
    }

    /// Builds an existing portal in place (the sample portal at the repository root), with
    /// the output in a temp dir.
    pub(crate) fn in_place(root: &Path) -> PortalTest {
        let dir = tempfile::Builder::new().prefix("hoctap-test-").tempdir().expect("temp dir");
        let out = dir.path().join("site");
        PortalTest { dir: Arc::new(dir), root: root.to_path_buf(), out: Some(out), args: Vec::new() }
    }

    /// The portal folder (holds `hoctap.toml`).
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The temp dir around the portal (for files that must sit outside it).
    pub(crate) fn temp(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the portal, creating its folders.
    pub(crate) fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> PortalTest {
        self.write(rel, contents);
        self
    }

    /// Like [`PortalTest::file`], for a test that keeps using the portal afterwards.
    pub(crate) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
        std::fs::write(&path, contents).expect("write file");
    }

    /// Passes `--out <dir>`.
    pub(crate) fn out(mut self, dir: impl Into<PathBuf>) -> PortalTest {
        self.out = Some(dir.into());
        self
    }

    /// Adds command-line arguments after `build --root <root>`.
    pub(crate) fn args(mut self, args: &[&str]) -> PortalTest {
        self.args.extend(args.iter().map(|s| s.to_string()));
        self
    }

    /// Where the site is written.
    pub(crate) fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("site"))
    }

    /// Runs `hoctap build --root <root> [--out <out>] <args>`.
    pub(crate) fn build(&self) -> Build {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hoctap"));
        command.arg("build").arg("--root").arg(&self.root);
        if let Some(out) = &self.out {
            command.arg("--out").arg(out);
        }
        command.args(&self.args).current_dir(self.dir.path());
        let output = command.output().expect("run hoctap");
        self.finish(output)
    }
}

impl PortalTest {
    /// The result of one run of the binary.
    fn finish(&self, output: std::process::Output) -> Build {
        Build {
            code: output.status.code().expect("hoctap exited normally"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            out: self.out_dir(),
            _dir: Arc::clone(&self.dir),
        }
    }

    /// Runs `hoctap <command> --root <root> <args>` (`check`, `new`) in the temp dir, with
    /// no proxy settings, so requests to the test's own 127.0.0.1 server go straight there.
    pub(crate) fn run(&self, command: &str, args: &[&str]) -> Build {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoctap"));
        child.arg(command).arg("--root").arg(&self.root).args(args).current_dir(self.dir.path());
        for proxy in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
            child.env_remove(proxy);
        }
        let output = child.output().expect("run hoctap");
        self.finish(output)
    }

    /// An empty temp dir for commands that create a portal (`hoctap init`).
    pub(crate) fn empty() -> PortalTest {
        let dir = tempfile::Builder::new().prefix("hoctap-test-").tempdir().expect("temp dir");
        let root = dir.path().join("portal");
        PortalTest { dir: Arc::new(dir), root, out: None, args: Vec::new() }
    }
}

/// Runs the binary with arbitrary arguments (usage errors, `--help`).
pub(crate) fn run_hoctap(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hoctap")).args(args).output().expect("run hoctap");
    (
        output.status.code().expect("exited normally"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// The result of one run of `hoctap build`.
pub(crate) struct Build {
    /// Exit code.
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
    /// The output folder.
    pub(crate) out: PathBuf,
    _dir: Arc<TempDir>,
}

impl Build {
    /// Panics, showing stderr, unless the build succeeded.
    #[track_caller]
    pub(crate) fn success(self) -> Build {
        assert_eq!(self.code, 0, "build failed:\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Panics unless the build failed with the content-error exit code 1.
    #[track_caller]
    pub(crate) fn failure(self) -> Build {
        assert_eq!(self.code, 1, "expected exit 1:\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Panics unless stderr holds every one of `needles`.
    #[track_caller]
    pub(crate) fn stderr_has(&self, needles: &[&str]) -> &Build {
        for needle in needles {
            assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        }
        self
    }

    /// The file serving a site path: `/a/` → `a/index.html`, `/a.xml` → `a.xml`.
    pub(crate) fn path(&self, site_path: &str) -> PathBuf {
        self.out.join(file_for(site_path))
    }

    /// Whether a site path has a file.
    pub(crate) fn exists(&self, site_path: &str) -> bool {
        self.path(site_path).is_file()
    }

    /// A built file's text.
    #[track_caller]
    pub(crate) fn read(&self, site_path: &str) -> String {
        let path = self.path(site_path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// A built file's bytes.
    #[track_caller]
    pub(crate) fn bytes(&self, site_path: &str) -> Vec<u8> {
        let path = self.path(site_path);
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// A built HTML page, parsed.
    #[track_caller]
    pub(crate) fn page(&self, site_path: &str) -> Page {
        Page::parse(site_path, &self.read(site_path))
    }

    /// Every file of the output, as site paths (`/tin-tuc/index.html`), sorted.
    pub(crate) fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        collect_files(&self.out, &self.out, &mut files);
        files.sort();
        files
    }

    /// Every `.html` file of the output, as site paths.
    pub(crate) fn html_files(&self) -> Vec<String> {
        self.files().into_iter().filter(|f| f.ends_with(".html")).collect()
    }

    /// The HTML files citizens read: all but the staff editor's `/admin/` page (`[cms]`),
    /// which Decap CMS fills and which is no theme page.
    pub(crate) fn citizen_html_files(&self) -> Vec<String> {
        self.html_files().into_iter().filter(|f| !f.starts_with("/admin/")).collect()
    }
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).expect("inside base");
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push(format!("/{}", parts.join("/")));
        }
    }
}

/// Every file under `dir` with its bytes, keyed by relative path, for before/after checks.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files);
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(f.trim_start_matches('/'))).expect("read");
            (f, bytes)
        })
        .collect()
}

/// `/a/` → `a/index.html`; `/a.html` → `a.html`.
pub(crate) fn file_for(site_path: &str) -> String {
    let path = site_path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// A parsed HTML page with helpers that read text and attributes by CSS selector.
pub(crate) struct Page {
    /// The site path it was read from (for messages).
    pub(crate) path: String,
    /// The raw text.
    pub(crate) source: String,
    /// The parsed document.
    pub(crate) doc: Html,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// Elements matching `css` inside `element`.
pub(crate) fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

/// Text of an element with runs of whitespace collapsed to one space.
pub(crate) fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Page {
    /// Parses `source`.
    pub(crate) fn parse(path: &str, source: &str) -> Page {
        Page { path: path.to_string(), source: source.to_string(), doc: Html::parse_document(source) }
    }

    /// Every element matching `css`.
    pub(crate) fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.doc.select(&selector(css)).collect()
    }

    /// How many elements match `css`.
    pub(crate) fn count(&self, css: &str) -> usize {
        self.all(css).len()
    }

    /// Text of the first element matching `css` (whitespace collapsed); panics if none.
    #[track_caller]
    pub(crate) fn text(&self, css: &str) -> String {
        let element = self.all(css).into_iter().next();
        let element = element.unwrap_or_else(|| panic!("{}: nothing matches {css:?}", self.path));
        text_of(element)
    }

    /// Texts of every element matching `css`.
    pub(crate) fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).into_iter().map(text_of).collect()
    }

    /// An attribute of the first element matching `css`, if any.
    pub(crate) fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.all(css).into_iter().find_map(|e| e.value().attr(name).map(str::to_string))
    }

    /// An attribute of every element matching `css` that has it.
    pub(crate) fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css).into_iter().filter_map(|e| e.value().attr(name).map(str::to_string)).collect()
    }

    /// Text of `<main>`.
    #[track_caller]
    pub(crate) fn main_text(&self) -> String {
        self.text("main")
    }

    /// The `<script type="application/ld+json">` block, parsed.
    #[track_caller]
    pub(crate) fn jsonld(&self) -> serde_json::Value {
        let scripts = self.all("script[type='application/ld+json']");
        assert_eq!(scripts.len(), 1, "{}: expected one JSON-LD block", self.path);
        let text: String = scripts[0].text().collect();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: JSON-LD does not parse: {e}\n{text}", self.path))
    }

    /// Every `id` in the page.
    pub(crate) fn ids(&self) -> HashSet<String> {
        self.attrs("[id]", "id").into_iter().collect()
    }

    /// Whether this is an alias redirect page (`<meta http-equiv="refresh">`).
    pub(crate) fn is_redirect(&self) -> bool {
        self.count("meta[http-equiv='refresh']") > 0
    }
}

/// One internal reference that does not lead anywhere.
pub(crate) struct BrokenRef {
    /// The page holding it.
    pub(crate) page: String,
    /// The attribute value as written.
    pub(crate) link: String,
    /// Why it is broken.
    pub(crate) reason: String,
}

/// Checks every `href`/`src` of every HTML file in `build` that points inside the site:
/// root-relative (`/x/`), relative (`anh.svg`), fragments (`#id`), and absolute URLs under
/// `base_url`. `base_path` (`""` or `/cong`) is stripped from root-relative links; a link
/// under `/` that lacks it is reported.
pub(crate) fn broken_internal_refs(build: &Build, base_url: &str, base_path: &str) -> Vec<BrokenRef> {
    const LINKING: [(&str, &str); 5] =
        [("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")];
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut broken = Vec::new();
    for file in build.html_files() {
        let page = build.page(&file);
        for (element, attr) in LINKING {
            for link in page.attrs(&format!("{element}[{attr}]"), attr) {
                let reason = match site_path_of(&link, &file, base_url, base_path) {
                    Ok(None) => continue,
                    Ok(Some((site_path, fragment))) => check_target(build, &site_path, fragment, &mut ids),
                    Err(reason) => Some(reason),
                };
                if let Some(reason) = reason {
                    broken.push(BrokenRef { page: file.clone(), link, reason });
                }
            }
        }
    }
    broken
}

/// The site path (without base path) and fragment a link on page `file` leads to; `None` for
/// links that leave the site (other hosts, `mailto:`, `tel:`).
fn site_path_of(
    link: &str,
    file: &str,
    base_url: &str,
    base_path: &str,
) -> Result<Option<(String, Option<String>)>, String> {
    let (target, fragment) = match link.split_once('#') {
        Some((t, f)) => (t, Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let target = target.split('?').next().unwrap_or("");
    let external = ["://", "//", "mailto:", "tel:"];
    let site_path = if let Some(rest) = target.strip_prefix(base_url) {
        format!("/{}", rest.trim_start_matches('/'))
    } else if external.iter().any(|p| target.contains(p)) {
        return Ok(None);
    } else if target.starts_with('/') {
        // Everything under the root must carry the base path.
        match target.strip_prefix(base_path) {
            Some("") => "/".to_string(),
            Some(rest) if rest.starts_with('/') => rest.to_string(),
            _ => return Err(format!("does not start with the base path `{base_path}`")),
        }
    } else if target.is_empty() {
        file.to_string()
    } else {
        let dir = &file[..=file.rfind('/').expect("site paths start with /")];
        normalize(&format!("{dir}{target}"))
    };
    Ok(Some((site_path, fragment)))
}

/// Why a link to `site_path#fragment` is broken, if it is.
fn check_target(
    build: &Build,
    site_path: &str,
    fragment: Option<String>,
    ids: &mut HashMap<String, HashSet<String>>,
) -> Option<String> {
    let Some(file) = existing_file(build, site_path) else {
        return Some("no such file in the output".into());
    };
    let fragment = fragment.filter(|_| file.ends_with(".html"))?;
    let known = ids.entry(file.clone()).or_insert_with(|| build.page(&file).ids());
    (!known.contains(&fragment)).then(|| format!("no element with id `{fragment}` in {file}"))
}

/// One line per broken reference, for assertion messages.
pub(crate) fn describe_broken(broken: &[BrokenRef]) -> String {
    let lines: Vec<String> = broken.iter().map(|b| format!("  {}: `{}` ({})", b.page, b.link, b.reason)).collect();
    format!("{} broken internal links:\n{}", broken.len(), lines.join("\n"))
}

/// The output file a site path is served from: `/x/` → `/x/index.html`; `/x` → `/x` or
/// `/x/index.html`.
fn existing_file(build: &Build, site_path: &str) -> Option<String> {
    let site_path = &percent_decode(site_path);
    let direct = format!("/{}", file_for(site_path));
    if build.exists(&direct) {
        return Some(direct);
    }
    let as_dir = format!("{}/index.html", site_path.trim_end_matches('/'));
    build.exists(&as_dir).then_some(as_dir)
}

/// Resolves `.` and `..` segments of a root-relative path.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let trailing = if path.ends_with('/') && !parts.is_empty() { "/" } else { "" };
    format!("/{}{trailing}", parts.join("/"))
}

/// A small XML well-formedness check: every start tag is closed in order, outside comments,
/// declarations and CDATA. Returns the first problem.
pub(crate) fn check_xml(xml: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        let skip = [("<?", "?>"), ("<!--", "-->"), ("<![CDATA[", "]]>"), ("<!", ">")];
        if let Some((_, close)) = skip.iter().find(|(open, _)| rest.starts_with(open)) {
            let end = rest.find(close).ok_or("unterminated declaration")?;
            rest = &rest[end + close.len()..];
            continue;
        }
        let end = rest.find('>').ok_or("unterminated tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Err(format!("`</{name}>` closes {other:?}")),
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().ok_or("empty tag")?;
            stack.push(name);
        }
        if tag.contains('<') {
            return Err(format!("`<` inside tag `{tag}`"));
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {stack:?}"))
    }
}

/// The text between the first `<name>` and its `</name>` in `xml`, for each occurrence.
pub(crate) fn xml_elements<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        found.push(&after[..end]);
        rest = &after[end + close.len()..];
    }
    found
}

/// The helpers check themselves, so a passing link or XML test is not a vacuous one.
mod self_checks {
    use super::*;

    fn build_of(files: &[(&str, &str)]) -> Build {
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let out = dir.path().join("site");
        for (path, text) in files {
            let path = out.join(path.trim_start_matches('/'));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Build { code: 0, stdout: String::new(), stderr: String::new(), out, _dir: dir }
    }

    #[test]
    fn the_link_checker_finds_missing_files_and_ids_and_accepts_good_links() {
        let build = build_of(&[
            (
                "/index.html",
                r#"<a href="/a/">a</a><a href="/a/#x">x</a><a href="a/anh.svg">i</a>
                <a href="/khong-co/">k</a><a href="/a/#y">y</a><a href="https://e.vn/">e</a>"#,
            ),
            ("/a/index.html", r#"<h2 id="x">X</h2><img src="anh.svg" alt=""><a href="../">up</a>"#),
            ("/a/anh.svg", "<svg/>"),
        ]);
        let broken = broken_internal_refs(&build, "https://p.vn", "");
        let links: Vec<&str> = broken.iter().map(|b| b.link.as_str()).collect();
        assert_eq!(links, ["/khong-co/", "/a/#y"], "{}", describe_broken(&broken));
        let prefixed = broken_internal_refs(&build, "https://p.vn/cong", "/cong");
        assert!(prefixed.iter().any(|b| b.link == "/a/" && b.reason.contains("base path")));
    }

    #[test]
    fn the_xml_check_refuses_unbalanced_tags() {
        assert!(check_xml("<?xml version=\"1.0\"?><a><b/><c x=\"1\">t</c></a>").is_ok());
        assert!(check_xml("<a><b></a>").is_err());
        assert!(check_xml("<a>").is_err());
        assert_eq!(xml_elements("<loc>1</loc><loc>2</loc>", "loc"), ["1", "2"]);
    }
}
