//! The only code that writes the built site: into a staging folder that replaces the
//! output folder only when the whole build succeeded, or into memory (for `serve` and tests).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diagnostics::Result;
use crate::fs;

/// Where built files go.
#[derive(Debug)]
pub struct Output {
    target: Target,
    files: AtomicUsize,
    bytes: AtomicU64,
}

#[derive(Debug)]
enum Target {
    /// Files go to `staging`, which replaces `final_dir` on commit.
    Disk { staging: PathBuf, final_dir: PathBuf },
    /// Files stay in memory, keyed by site path.
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
}

impl Output {
    /// A fresh staging folder beside `final_dir` (`site` → `.site.staging`).
    pub fn staging(final_dir: &Path) -> Result<Output> {
        let name = final_dir.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let staging = final_dir.with_file_name(format!(".{name}.staging"));
        fs::remove_dir_all(&staging)?;
        fs::create_dir_all(&staging)?;
        Ok(Output::new(Target::Disk { staging, final_dir: final_dir.to_path_buf() }))
    }

    /// An in-memory output.
    pub fn memory() -> Output {
        Output::new(Target::Memory(Mutex::new(BTreeMap::new())))
    }

    fn new(target: Target) -> Output {
        Output { target, files: AtomicUsize::new(0), bytes: AtomicU64::new(0) }
    }

    /// Writes `bytes` at a site path such as `/tin-tuc/a/index.html`.
    pub fn write(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        self.count(bytes.len() as u64);
        match &self.target {
            Target::Disk { staging, .. } => fs::write(&staging.join(site_path.trim_start_matches('/')), bytes),
            Target::Memory(files) => {
                files.lock().expect("not poisoned").insert(site_path.to_string(), bytes.to_vec());
                Ok(())
            }
        }
    }

    /// Copies a file to a site path.
    pub fn copy(&self, source: &Path, site_path: &str) -> Result<()> {
        match &self.target {
            Target::Disk { staging, .. } => {
                let size = std::fs::metadata(source).map_or(0, |m| m.len());
                self.count(size);
                fs::copy(source, &staging.join(site_path.trim_start_matches('/')))
            }
            Target::Memory(_) => {
                let bytes = std::fs::read(source).map_err(|e| crate::Error::read(source, e))?;
                self.write(site_path, &bytes)
            }
        }
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Files written so far.
    pub fn file_count(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Bytes written so far.
    pub fn byte_count(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The in-memory files, if this is a memory output.
    pub fn into_files(self) -> Option<BTreeMap<String, Vec<u8>>> {
        match self.target {
            Target::Memory(files) => Some(files.into_inner().expect("not poisoned")),
            Target::Disk { .. } => None,
        }
    }

    /// Swaps the staging folder into place. The old output is removed only after the swap.
    pub fn commit(&self) -> Result<()> {
        let Target::Disk { staging, final_dir } = &self.target else { return Ok(()) };
        if final_dir.exists() {
            let old = staging.with_extension("old");
            fs::remove_dir_all(&old)?;
            fs::rename(final_dir, &old)?;
            fs::rename(staging, final_dir)?;
            fs::remove_tree_parallel(&old)
        } else {
            fs::rename(staging, final_dir)
        }
    }

    /// Removes the staging folder after a failed build, leaving the last good output alone.
    pub fn abandon(&self) {
        if let Target::Disk { staging, .. } = &self.target {
            let _ = std::fs::remove_dir_all(staging);
        }
    }
}

/// The file that serves a site path: `/a/` → `/a/index.html`; `/a.html` stays.
pub fn file_for(site_path: &str) -> String {
    if site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}
