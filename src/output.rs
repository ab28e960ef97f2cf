//! The only code that writes the built site.
//!
//! Three targets:
//! - **staging** (no previous output): files stream into a hidden folder beside the output,
//!   renamed into place when the whole build succeeded;
//! - **update** (a previous output with its manifest): every file is hashed, only changed
//!   files are held in memory, and they are written in place only after every page rendered;
//!   files the new build no longer produces are then deleted. A rebuild after a small change
//!   thus touches a few files instead of recreating thousands of folders;
//! - **memory**: files stay in a map (for `serve` and tests).
//!
//! In every case a failed build leaves the previous output untouched.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::{Error, Result};
use crate::fs;

/// The manifest of a built output: the build fingerprint and every file's hash.
pub const MANIFEST: &str = ".hoctap-build";

/// Changed files held in memory before an update falls back to a full staging build.
const UPDATE_MEMORY_LIMIT: u64 = 256 * 1024 * 1024;

/// Where built files go.
#[derive(Debug)]
pub struct Output {
    target: Target,
    /// Site path → content hash of every file this build produced.
    produced: Mutex<Vec<(String, u64)>>,
    /// Files an update rewrites.
    changed: AtomicUsize,
    files: AtomicUsize,
    bytes: AtomicU64,
}

#[derive(Debug)]
enum Target {
    /// `folders`: folders already created, so each file costs one `open`, not also a
    /// `mkdir` and a `stat` (a 10,000-page site has 28,000 files in 14,000 folders).
    Staging { staging: PathBuf, final_dir: PathBuf, folders: Mutex<HashSet<PathBuf>> },
    Update { dir: PathBuf, previous: HashMap<String, u64>, pending: Mutex<Vec<Pending>>, held: AtomicU64 },
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
}

#[derive(Debug)]
enum Pending {
    Bytes(String, Vec<u8>),
    Copy(String, PathBuf),
}

impl Output {
    /// Update in place when `final_dir` holds a previous build's manifest, else stage.
    pub fn for_dir(final_dir: &Path) -> Result<Output> {
        match read_manifest(final_dir) {
            Some((_, previous)) => Ok(Output::new(Target::Update {
                dir: final_dir.to_path_buf(),
                previous,
                pending: Mutex::new(Vec::new()),
                held: AtomicU64::new(0),
            })),
            None => Output::staging(final_dir),
        }
    }

    /// A fresh staging folder beside `final_dir` (`site` → `.site.staging`).
    pub fn staging(final_dir: &Path) -> Result<Output> {
        let staging = sibling(final_dir, "staging");
        fs::remove_dir_all(&staging)?;
        fs::create_dir_all(&staging)?;
        Ok(Output::new(Target::Staging { staging, final_dir: final_dir.to_path_buf(), folders: Mutex::default() }))
    }

    /// An in-memory output.
    pub fn memory() -> Output {
        Output::new(Target::Memory(Mutex::new(BTreeMap::new())))
    }

    fn new(target: Target) -> Output {
        Output {
            target,
            produced: Mutex::new(Vec::new()),
            changed: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// Writes `bytes` at a site path such as `/tin-tuc/a/index.html`.
    pub fn write(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        let hash = hash_bytes(bytes);
        self.record(site_path, hash, bytes.len() as u64);
        match &self.target {
            Target::Staging { staging, folders, .. } => write_staged(&under(staging, site_path), bytes, folders),
            Target::Update { dir, previous, pending, held } => {
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

    /// Copies a file to a site path.
    pub fn copy(&self, source: &Path, site_path: &str) -> Result<()> {
        match &self.target {
            Target::Staging { staging, folders, .. } => {
                let bytes = std::fs::read(source).map_err(|e| Error::read(source, e))?;
                self.record(site_path, hash_bytes(&bytes), bytes.len() as u64);
                write_staged(&under(staging, site_path), &bytes, folders)
            }
            Target::Update { dir, previous, pending, .. } => {
                let bytes = std::fs::read(source).map_err(|e| Error::read(source, e))?;
                let hash = hash_bytes(&bytes);
                self.record(site_path, hash, bytes.len() as u64);
                if !is_unchanged(dir, previous, site_path, hash) {
                    self.changed.fetch_add(1, Ordering::Relaxed);
                    lock(pending).push(Pending::Copy(site_path.to_string(), source.to_path_buf()));
                }
                Ok(())
            }
            Target::Memory(_) => {
                let bytes = std::fs::read(source).map_err(|e| Error::read(source, e))?;
                self.write(site_path, &bytes)
            }
        }
    }

    fn record(&self, site_path: &str, hash: u64, len: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len, Ordering::Relaxed);
        lock(&self.produced).push((site_path.to_string(), hash));
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
        matches!(self.target, Target::Update { .. }).then(|| self.changed.load(Ordering::Relaxed))
    }

    /// True when an update holds so much changed output that a staging build is cheaper.
    pub fn overflowed(&self) -> bool {
        matches!(&self.target, Target::Update { held, .. } if held.load(Ordering::Relaxed) > UPDATE_MEMORY_LIMIT)
    }

    /// The in-memory files, if this is a memory output.
    pub fn into_files(self) -> Option<BTreeMap<String, Vec<u8>>> {
        match self.target {
            Target::Memory(files) => Some(files.into_inner().expect("not poisoned")),
            _ => None,
        }
    }

    /// Makes the build visible: swaps the staging folder in, or applies the update.
    pub fn commit(&self, fingerprint: u64) -> Result<()> {
        let manifest = format_manifest(fingerprint, &lock(&self.produced));
        match &self.target {
            Target::Staging { staging, final_dir, .. } => {
                fs::write(&staging.join(MANIFEST), manifest.as_bytes())?;
                swap_into_place(staging, final_dir)
            }
            Target::Update { dir, previous, pending, .. } => {
                let pending = std::mem::take(&mut *lock(pending));
                apply_update(dir, pending)?;
                remove_stale(dir, previous, &lock(&self.produced))?;
                fs::write(&dir.join(MANIFEST), manifest.as_bytes())
            }
            Target::Memory(_) => Ok(()),
        }
    }

    /// Drops a failed build's staging folder, leaving the last good output alone.
    pub fn abandon(&self) {
        if let Target::Staging { staging, .. } = &self.target {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().expect("a writer panicked")
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes a file into the staging folder, creating its folder unless this build already did.
fn write_staged(path: &Path, bytes: &[u8], folders: &Mutex<HashSet<PathBuf>>) -> Result<()> {
    if let Some(parent) = path.parent() {
        if !lock(folders).contains(parent) {
            fs::create_dir_all(parent)?;
            lock(folders).insert(parent.to_path_buf());
        }
    }
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

fn under(dir: &Path, site_path: &str) -> PathBuf {
    dir.join(site_path.trim_start_matches('/'))
}

/// Same hash as last time, and the file is still there (nobody deleted it by hand).
fn is_unchanged(dir: &Path, previous: &HashMap<String, u64>, site_path: &str, hash: u64) -> bool {
    previous.get(site_path) == Some(&hash) && under(dir, site_path).is_file()
}

fn swap_into_place(staging: &Path, final_dir: &Path) -> Result<()> {
    if !final_dir.exists() {
        return fs::rename(staging, final_dir);
    }
    let old = sibling(final_dir, "old");
    fs::remove_tree_parallel(&old)?;
    fs::rename(final_dir, &old)?;
    fs::rename(staging, final_dir)?;
    fs::remove_tree_parallel(&old)
}

fn apply_update(dir: &Path, pending: Vec<Pending>) -> Result<()> {
    pending.into_par_iter().try_for_each(|item| match item {
        Pending::Bytes(path, bytes) => fs::write(&under(dir, &path), &bytes),
        Pending::Copy(path, source) => fs::copy(&source, &under(dir, &path)),
    })
}

/// Deletes files of the previous build that this build did not produce, and folders left empty.
fn remove_stale(dir: &Path, previous: &HashMap<String, u64>, produced: &[(String, u64)]) -> Result<()> {
    let produced: std::collections::HashSet<&str> = produced.iter().map(|(p, _)| p.as_str()).collect();
    for path in previous.keys().filter(|p| !produced.contains(p.as_str())) {
        let file = under(dir, path);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::write(&file, e)),
            _ => {}
        }
        // Folders such as /tin-tuc/old-page/ go once empty; a non-empty one stays.
        let mut parent = file.parent();
        while let Some(folder) = parent.filter(|f| *f != dir) {
            if std::fs::remove_dir(folder).is_err() {
                break;
            }
            parent = folder.parent();
        }
    }
    Ok(())
}

/// A content hash for change detection (not for security).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    // XXH3: every output byte is hashed, and SipHash took a tenth of a second at 10,000 pages.
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn format_manifest(fingerprint: u64, produced: &[(String, u64)]) -> String {
    let mut text = String::with_capacity(produced.len() * 64);
    text.push_str(&format!("hoctap-build {fingerprint:016x}\n"));
    for (path, hash) in produced {
        text.push_str(&format!("{hash:016x} {path}\n"));
    }
    text
}

/// The fingerprint and file hashes recorded in an output folder, if it has a manifest.
pub fn read_manifest(dir: &Path) -> Option<(u64, HashMap<String, u64>)> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let mut lines = text.lines();
    let fingerprint = u64::from_str_radix(lines.next()?.strip_prefix("hoctap-build ")?, 16).ok()?;
    let files = lines
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(hash, path)| Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?)))
        .collect();
    Some((fingerprint, files))
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

    fn build(dir: &Path, files: &[(&str, &str)], fingerprint: u64) -> Output {
        let out = Output::for_dir(dir).unwrap();
        for (path, text) in files {
            out.write(path, text.as_bytes()).unwrap();
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
        assert_eq!(read_manifest(&site).unwrap().0, 2);
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
        let out = Output::for_dir(&site).unwrap();
        out.write("/a/index.html", b"CHANGED").unwrap();
        out.abandon();
        assert_eq!(std::fs::read_to_string(site.join("a/index.html")).unwrap(), "A");
    }
}
