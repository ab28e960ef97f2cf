//! The only code that writes the built site, and the only code that decides which output
//! path belongs to whom.
//!
//! Every file is *claimed* by an [`Owner`] (a page, an alias line, a static file, a page hoctap
//! makes itself). A path that is not safe on every host, or that a second owner claims (also
//! in another letter case, or as a folder of another file) stops the build with both owners
//! named, before the output folder changes.
//!
//! Three targets:
//! - **held** (an earlier build's output): every file is hashed and only changed files are
//!   held in memory, written in place only after every page rendered; files the new build no
//!   longer produces are then deleted. A rebuild after a small change touches a few files;
//! - **staged** (a new or empty folder, a torn one, or more changes than memory should hold):
//!   files stream into `.hoctap-staging/` inside the output folder and are moved into place
//!   once every page rendered;
//! - **memory**: files stay in a map (for `serve`, `check` and tests).
//!
//! A failed build leaves the previous output as it was. A killed one leaves a manifest marked
//! dirty that lists every file it may have touched (see [`manifest`]), and the next build
//! rewrites the whole output from it.

pub mod folder;
pub mod manifest;
pub mod names;
pub mod problem;
mod tree;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Error, Location, Problem, Result};
use crate::fs;
pub use folder::{FolderState, OutputFolder};
pub use manifest::{Manifest, MANIFEST};
use problem::{Clash, OutputProblem};
pub use problem::{Generated, Owner};
use tree::Tree;

/// Changed files held in memory before an update falls back to a staged build.
const UPDATE_MEMORY_LIMIT: u64 = 256 * 1024 * 1024;

/// The folder inside the output that a staged build streams into.
const STAGING: &str = ".hoctap-staging";

/// Where built files go.
#[derive(Debug)]
pub struct Output {
    target: Target,
    /// Every claim so far.
    claims: Mutex<Claims>,
    /// Claims refused: unsafe paths and second claimants.
    refused: Mutex<Vec<(Owner, OutputProblem)>>,
    /// Files an update rewrites.
    changed: AtomicUsize,
    /// Set once a commit starts changing the folder: from then on only the next build,
    /// reading the dirty manifest, may clean up.
    committing: std::sync::atomic::AtomicBool,
    files: AtomicUsize,
    bytes: AtomicU64,
}

/// The output paths claimed so far, by [`names::folded`] key.
#[derive(Debug, Default)]
struct Claims {
    /// Files.
    files: HashMap<String, Claim>,
    /// Folders the files need (`/a`, `/a/b` for `/a/b/c.html`) → a file inside each.
    folders: HashMap<String, String>,
}

#[derive(Debug)]
struct Claim {
    path: String,
    hash: u64,
    owner: Owner,
}

impl Claims {
    /// The claim `site_path` clashes with, if any: the same file (in any case), a file where
    /// it needs a folder, or a folder where it is a file.
    fn clash(&self, key: &str, site_path: &str) -> Option<(Clash, &Claim)> {
        if let Some(other) = self.files.get(key) {
            let clash = if other.path == site_path { Clash::Same } else { Clash::Case };
            return Some((clash, other));
        }
        if let Some(inside) = self.folders.get(key) {
            return Some((Clash::FileAndFolder, &self.files[inside]));
        }
        folders_of(key).find_map(|folder| self.files.get(folder)).map(|file| (Clash::FileAndFolder, file))
    }

    fn insert(&mut self, key: String, claim: Claim) {
        for folder in folders_of(&key) {
            self.folders.entry(folder.to_string()).or_insert_with(|| key.clone());
        }
        self.files.insert(key, claim);
    }
}

/// `/a/b/c.html` → `/a`, `/a/b`.
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').skip(1).map(|(i, _)| &path[..i])
}

#[derive(Debug)]
enum Target {
    Held {
        dir: PathBuf,
        previous: Manifest,
        pending: Mutex<Vec<Pending>>,
        held: AtomicU64,
    },
    /// `folders`: folders already created, so each file costs one `open`, not also a `mkdir`
    /// and a `stat` (a 10,000-page site has 28,000 files in 14,000 folders).
    /// `fresh`: the folder was missing (`Some(true)`) or empty (`Some(false)`) before.
    Staged {
        dir: PathBuf,
        previous: Manifest,
        fresh: Option<bool>,
        folders: Mutex<std::collections::HashSet<PathBuf>>,
    },
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
}

#[derive(Debug)]
enum Pending {
    Bytes(String, Vec<u8>),
    Copy(String, PathBuf),
}

impl Output {
    /// The output for a checked folder: an update held in memory over a finished earlier
    /// build, else a staged build (new folder, empty folder, or a torn earlier build).
    pub fn for_folder(folder: &OutputFolder) -> Result<Output> {
        match &folder.state {
            FolderState::Ours(previous) if previous.is_clean() => Ok(Output::new(Target::Held {
                dir: folder.dir.clone(),
                previous: previous.clone(),
                pending: Mutex::new(Vec::new()),
                held: AtomicU64::new(0),
            })),
            _ => Output::staged(folder),
        }
    }

    /// A staged build into `folder`. In a new or empty folder the manifest is written first
    /// (dirty, listing nothing), so a build killed now leaves a folder marked as hoctap's.
    pub fn staged(folder: &OutputFolder) -> Result<Output> {
        let dir = folder.dir.clone();
        let (previous, fresh) = match &folder.state {
            FolderState::Ours(previous) => (previous.clone(), None),
            FolderState::Missing => (Manifest::default(), Some(true)),
            FolderState::Empty => (Manifest::default(), Some(false)),
        };
        if fresh.is_some() {
            fs::create_dir_all(&dir)?;
            Manifest::default().write(&dir)?;
        }
        let staging = dir.join(STAGING);
        fs::remove_dir_all(&staging)?; // a killed build's; `remove_dir_all` never follows links
        fs::create_dir_all(&staging)?;
        let folders = Mutex::default();
        Ok(Output::new(Target::Staged { dir, previous, fresh, folders }))
    }

    /// An in-memory output.
    pub fn memory() -> Output {
        Output::new(Target::Memory(Mutex::new(BTreeMap::new())))
    }

    fn new(target: Target) -> Output {
        Output {
            target,
            claims: Mutex::default(),
            refused: Mutex::default(),
            changed: AtomicUsize::new(0),
            committing: Default::default(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// Writes `bytes` at a site path such as `/tin-tuc/a/index.html`, claimed by `owner`.
    pub fn write(&self, site_path: &str, bytes: &[u8], owner: Owner) -> Result<()> {
        let hash = hash_bytes(bytes);
        if !self.claim(site_path, hash, bytes.len() as u64, owner) {
            return Ok(());
        }
        match &self.target {
            Target::Staged { dir, folders, .. } => write_staged(&staged_path(dir, site_path), bytes, folders),
            Target::Held { dir, previous, pending, held } => {
                if !is_unchanged(dir, previous, site_path, hash) {
                    self.changed.fetch_add(1, Ordering::Relaxed);
                    held.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    lock(pending).push(Pending::Bytes(site_path.to_string(), bytes.to_vec()));
                }
                Ok(())
            }
            Target::Memory(files) => {
                lock(files).insert(site_path.to_string(), bytes.to_vec());
                Ok(())
            }
        }
    }

    /// Copies a file to a site path, claimed by `owner`.
    pub fn copy(&self, source: &Path, site_path: &str, owner: Owner) -> Result<()> {
        let bytes = std::fs::read(source).map_err(|e| Error::read(source, e))?;
        let hash = hash_bytes(&bytes);
        if !self.claim(site_path, hash, bytes.len() as u64, owner) {
            return Ok(());
        }
        match &self.target {
            Target::Staged { dir, folders, .. } => write_staged(&staged_path(dir, site_path), &bytes, folders),
            Target::Held { dir, previous, pending, .. } => {
                if !is_unchanged(dir, previous, site_path, hash) {
                    self.changed.fetch_add(1, Ordering::Relaxed);
                    lock(pending).push(Pending::Copy(site_path.to_string(), source.to_path_buf()));
                }
                Ok(())
            }
            Target::Memory(files) => {
                lock(files).insert(site_path.to_string(), bytes);
                Ok(())
            }
        }
    }

    /// Records `owner`'s claim on `site_path`; false (and a problem kept for later) when the
    /// path is unsafe or taken.
    fn claim(&self, site_path: &str, hash: u64, len: u64, owner: Owner) -> bool {
        if let Err(fault) = names::check_path(site_path) {
            lock(&self.refused).push((owner, OutputProblem::UnsafePath { path: site_path.to_string(), fault }));
            return false;
        }
        let key = names::folded(site_path);
        let mut claims = lock(&self.claims);
        if let Some((clash, other)) = claims.clash(&key, site_path) {
            let problem = OutputProblem::ClaimedTwice {
                path: site_path.to_string(),
                other_path: other.path.clone(),
                other: other.owner.clone(),
                clash,
            };
            lock(&self.refused).push((owner, problem));
            return false;
        }
        claims.insert(key, Claim { path: site_path.to_string(), hash, owner });
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len, Ordering::Relaxed);
        true
    }

    /// Every refused claim as a located problem: empty when each output path has one owner
    /// and a name every host can hold.
    pub fn claim_problems(&self) -> Diagnostics {
        let found: Vec<(Owner, OutputProblem)> = lock(&self.refused).clone();
        let mut problems: Diagnostics = found.into_iter().map(|(owner, problem)| locate(owner, problem)).collect();
        problems.sort_by_cached_key(|d| (d.location.clone(), format!("{:?}", d.problem)));
        problems
    }

    /// Files written so far.
    pub fn file_count(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes produced so far.
    pub fn byte_count(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Files an update will write (changed or new); `None` for other targets.
    pub fn changed_count(&self) -> Option<usize> {
        matches!(self.target, Target::Held { .. }).then(|| self.changed.load(Ordering::Relaxed))
    }

    /// True when a build writes into this output once: only an update (which may overflow,
    /// see [`Output::overflowed`]) can be started again into another one.
    pub fn is_final(&self) -> bool {
        !matches!(self.target, Target::Held { .. })
    }

    /// True when an update holds so much changed output that a staged build is cheaper.
    pub fn overflowed(&self) -> bool {
        matches!(&self.target, Target::Held { held, .. } if held.load(Ordering::Relaxed) > UPDATE_MEMORY_LIMIT)
    }

    /// The in-memory files, if this is a memory output.
    pub fn into_files(self) -> Option<BTreeMap<String, Vec<u8>>> {
        match self.target {
            Target::Memory(files) => Some(files.into_inner().expect("not poisoned")),
            _ => None,
        }
    }

    /// Makes the build visible, if every output path has one owner. The manifest is marked
    /// dirty first (listing old and new files), then files go into place, stale ones go, and
    /// the finished manifest is written last.
    pub fn commit(&self, fingerprint: u64) -> Result<()> {
        let problems = self.claim_problems();
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let produced: HashMap<String, u64> =
            lock(&self.claims).files.values().map(|claim| (claim.path.clone(), claim.hash)).collect();
        let (dir, previous, fresh) = match &self.target {
            Target::Memory(_) => return Ok(()),
            Target::Held { dir, previous, .. } => (dir, previous, None),
            Target::Staged { dir, previous, fresh, .. } => (dir, previous, *fresh),
        };
        let tree = Tree::new(dir, &previous.files);
        if fresh.is_none() {
            // Refuse before anything changes: a file or link hoctap did not write is in the way.
            produced.par_iter().try_for_each(|(path, _)| tree.check_free(path))?;
        }
        let mut touched = previous.files.clone();
        touched.extend(produced.keys().map(|path| (path.clone(), 0)));
        Manifest { fingerprint: None, files: touched }.write(dir)?;
        self.committing.store(true, Ordering::Relaxed);
        if !previous.is_clean() {
            // A killed build's half-written temporary files.
            previous.files.keys().try_for_each(|path| tree.remove_temp(path))?;
        }
        match &self.target {
            Target::Held { pending, .. } => apply_pending(&tree, std::mem::take(&mut *lock(pending)))?,
            Target::Staged { .. } => {
                tree.merge(&dir.join(STAGING), "")?;
                fs::remove_dir_all(&dir.join(STAGING))?;
            }
            Target::Memory(_) => unreachable!("returned above"),
        }
        for path in previous.files.keys().filter(|path| !produced.contains_key(*path)) {
            tree.remove(path)?;
        }
        Manifest { fingerprint: Some(fingerprint), files: produced }.write(dir)
    }

    /// Drops a failed build: the previous output stays as it was, and a folder this build
    /// created or found empty is left missing or empty again.
    pub fn abandon(&self) {
        if let Target::Staged { dir, fresh, .. } = &self.target {
            let _ = std::fs::remove_dir_all(dir.join(STAGING));
            // Files already moved into place are listed by the dirty manifest, which must stay.
            if fresh.is_some() && !self.committing.load(Ordering::Relaxed) {
                let _ = std::fs::remove_file(dir.join(MANIFEST));
            }
            if *fresh == Some(true) {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// A refused claim as a diagnostic at the portal file that made it (or the other claimant's,
/// when hoctap made this one).
fn locate(owner: Owner, problem: OutputProblem) -> Diagnostic {
    let (owner, problem) = match (owner, problem) {
        (
            Owner::Generated(made),
            OutputProblem::ClaimedTwice { path, other_path, other: other @ Owner::Source { .. }, clash },
        ) => (
            other,
            OutputProblem::ClaimedTwice { path: other_path, other_path: path, other: Owner::Generated(made), clash },
        ),
        pair => pair,
    };
    let location = match owner {
        Owner::Source { path, line } => Location { path, line, column: None },
        Owner::Generated(_) => Location::file(crate::config::CONFIG_FILE),
    };
    Diagnostic::error(location, Problem::Output(problem))
}

fn apply_pending(tree: &Tree<'_>, pending: Vec<Pending>) -> Result<()> {
    pending.into_par_iter().try_for_each(|item| match item {
        Pending::Bytes(path, bytes) => tree.write(&path, &bytes),
        Pending::Copy(path, source) => tree.copy(&source, &path),
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().expect("a writer panicked")
}

/// Writes a file into the staging folder, creating its folder unless this build already did.
fn write_staged(path: &Path, bytes: &[u8], folders: &Mutex<std::collections::HashSet<PathBuf>>) -> Result<()> {
    if let Some(parent) = path.parent() {
        if !lock(folders).contains(parent) {
            fs::create_dir_all(parent)?;
            lock(folders).insert(parent.to_path_buf());
        }
    }
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

fn staged_path(dir: &Path, site_path: &str) -> PathBuf {
    dir.join(STAGING).join(site_path.trim_start_matches('/'))
}

/// Same hash as last time, and the file is still there (nobody deleted it by hand).
fn is_unchanged(dir: &Path, previous: &Manifest, site_path: &str, hash: u64) -> bool {
    previous.files.get(site_path) == Some(&hash)
        && std::fs::symlink_metadata(dir.join(site_path.trim_start_matches('/'))).is_ok_and(|m| m.is_file())
}

/// A content hash for change detection (not for security).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    // XXH3: every output byte is hashed, and SipHash took a tenth of a second at 10,000 pages.
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The file that serves a site path: `/a/` → `/a/index.html`; `/a.html` stays.
pub fn file_for(site_path: &str) -> String {
    if site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: Owner = Owner::Generated(Generated::Theme);

    fn folder(dir: &Path) -> OutputFolder {
        let state = match Manifest::read(dir) {
            Some(manifest) => FolderState::Ours(manifest),
            None if dir.exists() => FolderState::Empty,
            None => FolderState::Missing,
        };
        OutputFolder { dir: dir.to_path_buf(), state }
    }

    fn build(dir: &Path, files: &[(&str, &str)], fingerprint: u64) -> Output {
        let out = Output::for_folder(&folder(dir)).unwrap();
        for (path, text) in files {
            out.write(path, text.as_bytes(), THEME).unwrap();
        }
        out.commit(fingerprint).unwrap();
        out
    }

    #[test]
    fn an_update_writes_only_changed_files_and_removes_stale_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        build(&site, &[("/a/index.html", "A"), ("/b/index.html", "B")], 1);
        let out = build(&site, &[("/a/index.html", "A"), ("/c/index.html", "C")], 2);
        assert_eq!(out.changed_count(), Some(1));
        assert_eq!(std::fs::read_to_string(site.join("c/index.html")).unwrap(), "C");
        assert!(!site.join("b").exists(), "stale page and its folder are removed");
        assert_eq!(Manifest::read(&site).unwrap().fingerprint, Some(2));
        assert!(!site.join(STAGING).exists());
    }

    #[test]
    fn an_update_rewrites_a_file_deleted_by_hand() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        build(&site, &[("/a/index.html", "A")], 1);
        std::fs::remove_file(site.join("a/index.html")).unwrap();
        build(&site, &[("/a/index.html", "A")], 1);
        assert_eq!(std::fs::read_to_string(site.join("a/index.html")).unwrap(), "A");
    }

    #[test]
    fn an_abandoned_update_changes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        build(&site, &[("/a/index.html", "A")], 1);
        let out = Output::for_folder(&folder(&site)).unwrap();
        out.write("/a/index.html", b"CHANGED", THEME).unwrap();
        out.abandon();
        assert_eq!(std::fs::read_to_string(site.join("a/index.html")).unwrap(), "A");
    }

    #[test]
    fn an_abandoned_first_build_leaves_no_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let out = Output::for_folder(&folder(&site)).unwrap();
        out.write("/a/index.html", b"A", THEME).unwrap();
        out.abandon();
        assert!(!site.exists());
    }

    #[test]
    fn a_torn_build_is_rebuilt_whole_and_its_leftovers_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        build(&site, &[("/a/index.html", "A"), ("/b/index.html", "B")], 1);
        // As a build killed while committing leaves it: dirty manifest, one file new, one
        // half-written temporary file, a staging folder.
        let files =
            HashMap::from([("/a/index.html".into(), 0), ("/b/index.html".into(), 0), ("/c/index.html".into(), 0)]);
        Manifest { fingerprint: None, files }.write(&site).unwrap();
        std::fs::create_dir_all(site.join("c")).unwrap();
        std::fs::write(site.join("c/index.html"), "C-NEW").unwrap();
        std::fs::write(site.join(format!("a/{}index.html", tree::TEMP_PREFIX)), "A-HALF").unwrap();
        std::fs::create_dir_all(site.join(STAGING).join("x")).unwrap();

        let folder = folder(&site);
        assert!(!folder.is_up_to_date(1), "a dirty manifest matches no fingerprint");
        let out = Output::for_folder(&folder).unwrap();
        out.write("/a/index.html", b"A2", THEME).unwrap();
        out.commit(2).unwrap();
        let mut left: Vec<String> = walkdir::WalkDir::new(&site)
            .into_iter()
            .map(|e| e.unwrap().path().strip_prefix(&site).unwrap().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["", ".hoctap-build", "a", "a/index.html"]);
        assert_eq!(std::fs::read_to_string(site.join("a/index.html")).unwrap(), "A2");
    }

    #[test]
    fn a_first_build_failing_while_committing_keeps_its_marker() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let out = Output::for_folder(&folder(&site)).unwrap();
        out.write("/a/index.html", b"A", THEME).unwrap();
        out.write("/b/index.html", b"B", THEME).unwrap();
        // The second file cannot land: someone made a folder where it goes.
        std::fs::create_dir_all(site.join("b/index.html")).unwrap();
        std::fs::write(site.join("b/index.html/notes.txt"), "not hoctap's").unwrap();
        assert!(out.commit(1).is_err());
        out.abandon();
        let manifest = Manifest::read(&site).expect("the folder stays marked as hoctap's");
        assert!(!manifest.is_clean() && manifest.files.contains_key("/a/index.html"));
    }

    #[test]
    fn each_path_has_one_owner_whatever_its_case() {
        let out = Output::memory();
        let page = Owner::line("content/a.md", 3);
        out.write("/Anh-1.svg", b"1", Owner::file("content/Anh-1.svg")).unwrap();
        out.write("/anh-1.svg", b"2", page.clone()).unwrap();
        out.write("/x", b"3", page.clone()).unwrap();
        out.write("/x/index.html", b"4", THEME).unwrap();
        out.write("/con/index.html", b"5", page).unwrap();
        let problems = out.claim_problems();
        let mut codes: Vec<_> = problems.iter().map(|d| (d.location.to_string(), d.problem.code())).collect();
        codes.sort();
        assert_eq!(
            codes,
            [
                ("content/a.md:3".into(), "output-claimed-twice"),
                ("content/a.md:3".into(), "output-claimed-twice"),
                ("content/a.md:3".into(), "unsafe-output-path"),
            ]
        );
        assert!(out.commit(1).is_err());
    }
}
