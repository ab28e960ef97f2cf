//! Changes inside an output folder that can never reach outside it.
//!
//! Every folder on the way to a file is checked to be a real folder (not a symbolic link),
//! files are written under a temporary name and renamed into place (a visitor never gets a
//! half-written page), and a file hoctap did not write is never replaced or deleted.

use std::collections::{HashMap, HashSet};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::problem::{OutputRefusal, RefusalReason};
use crate::diagnostics::{Error, Result};

/// Prefix of the temporary name a file is written under before it is renamed into place.
pub(super) const TEMP_PREFIX: &str = ".hoctap-tmp.";

/// An output folder being changed.
pub(super) struct Tree<'a> {
    root: &'a Path,
    /// Files an earlier build wrote there: the only ones hoctap may replace or delete.
    owned: &'a HashMap<String, u64>,
    /// Site folders (`/a/b`) known to be real folders.
    dirs: Mutex<HashSet<String>>,
}

impl<'a> Tree<'a> {
    pub(super) fn new(root: &'a Path, owned: &'a HashMap<String, u64>) -> Tree<'a> {
        Tree { root, owned, dirs: Mutex::new(HashSet::from([String::new()])) }
    }

    /// Writes `bytes` at a site path: into a temporary file beside it, then renamed over it.
    pub(super) fn write(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        let (dest, temp) = self.prepare(site_path)?;
        write_new(&temp, |file| file.write_all(bytes))?;
        std::fs::rename(&temp, &dest).map_err(|e| Error::write(&dest, e))
    }

    /// Copies `source` to a site path the same way.
    pub(super) fn copy(&self, source: &Path, site_path: &str) -> Result<()> {
        let (dest, temp) = self.prepare(site_path)?;
        let mut from = std::fs::File::open(source).map_err(|e| Error::read(source, e))?;
        write_new(&temp, |file| std::io::copy(&mut from, file).map(|_| ()))?;
        std::fs::rename(&temp, &dest).map_err(|e| Error::write(&dest, e))
    }

    /// Checks the way to `site_path` and what stands there; returns it and its temporary name.
    fn prepare(&self, site_path: &str) -> Result<(PathBuf, PathBuf)> {
        let (folder, _) = site_path.rsplit_once('/').unwrap_or(("", site_path));
        self.ensure_dir(folder)?;
        let dest = self.path(site_path);
        if !self.owned.contains_key(site_path) {
            self.clear_for_file(&dest, site_path)?;
        }
        Ok((dest, self.temp_path(site_path)))
    }

    /// Makes room for a file hoctap did not write before: nothing may stand there, but an
    /// empty folder or one holding only hoctap's old files.
    fn clear_for_file(&self, dest: &Path, site_path: &str) -> Result<()> {
        match std::fs::symlink_metadata(dest) {
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::write(dest, e)),
            Ok(meta) if meta.is_dir() => self.remove_owned_dir(dest, site_path),
            Ok(_) => Err(self.foreign(site_path)),
        }
    }

    /// Makes sure every folder of `site_dir` (`/a/b`) is a real folder, creating those missing.
    /// An old page file of hoctap's where a folder is now needed is removed; anything else
    /// that is not a folder (a symbolic link, someone else's file) stops the build.
    fn ensure_dir(&self, site_dir: &str) -> Result<()> {
        if lock(&self.dirs).contains(site_dir) {
            return Ok(());
        }
        let (parent, _) = site_dir.rsplit_once('/').unwrap_or(("", site_dir));
        self.ensure_dir(parent)?;
        let path = self.path(site_dir);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) if self.owned.contains_key(site_dir) => {
                std::fs::remove_file(&path).map_err(|e| Error::write(&path, e))?;
                create_dir(&path)?;
            }
            Ok(_) => return Err(self.foreign(site_dir)),
            Err(e) if e.kind() == ErrorKind::NotFound => create_dir(&path)?,
            Err(e) => return Err(Error::write(&path, e)),
        }
        lock(&self.dirs).insert(site_dir.to_string());
        Ok(())
    }

    /// Moves everything staged under `from` into the matching site folder. A folder that is
    /// new moves in one rename; one that exists is merged file by file.
    pub(super) fn merge(&self, from: &Path, site_dir: &str) -> Result<()> {
        let entries = std::fs::read_dir(from).map_err(|e| Error::read(from, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::read(from, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let site_path = format!("{site_dir}/{name}");
            let staged_dir = entry.file_type().map_err(|e| Error::read(&entry.path(), e))?.is_dir();
            let dest = self.path(&site_path);
            match std::fs::symlink_metadata(&dest) {
                Err(e) if e.kind() == ErrorKind::NotFound => rename(&entry.path(), &dest)?,
                Err(e) => return Err(Error::write(&dest, e)),
                Ok(meta) if meta.is_dir() && staged_dir => {
                    lock(&self.dirs).insert(site_path.clone());
                    self.merge(&entry.path(), &site_path)?;
                }
                Ok(meta) if meta.is_dir() => {
                    self.remove_owned_dir(&dest, &site_path)?;
                    rename(&entry.path(), &dest)?;
                }
                Ok(_) if self.owned.contains_key(&site_path) => {
                    if staged_dir {
                        std::fs::remove_file(&dest).map_err(|e| Error::write(&dest, e))?;
                    }
                    rename(&entry.path(), &dest)?;
                }
                Ok(_) => return Err(self.foreign(&site_path)),
            }
        }
        Ok(())
    }

    /// Deletes a file an earlier build wrote and this one did not, with its temporary file,
    /// then the folders it leaves empty. Nothing is deleted through a symbolic link.
    pub(super) fn remove(&self, site_path: &str) -> Result<()> {
        let Some(folders) = self.real_folders_to(site_path) else { return Ok(()) };
        remove_file(&self.temp_path(site_path))?;
        remove_file(&self.path(site_path))?;
        // `/tin-tuc/old-page/` goes once empty; a folder still holding files stays.
        for folder in folders.iter().rev() {
            if std::fs::remove_dir(self.path(folder)).is_err() {
                break;
            }
        }
        Ok(())
    }

    /// Deletes the temporary file of `site_path` that a killed build may have left.
    pub(super) fn remove_temp(&self, site_path: &str) -> Result<()> {
        match self.real_folders_to(site_path) {
            Some(_) => remove_file(&self.temp_path(site_path)),
            None => Ok(()),
        }
    }

    fn temp_path(&self, site_path: &str) -> PathBuf {
        let (folder, name) = site_path.rsplit_once('/').unwrap_or(("", site_path));
        self.path(&format!("{folder}/{TEMP_PREFIX}{name}"))
    }

    /// The folders leading to `site_path`, if every one is a real folder (else `None`).
    fn real_folders_to(&self, site_path: &str) -> Option<Vec<String>> {
        let mut folders = Vec::new();
        let mut end = 0;
        while let Some(next) = site_path[end + 1..].find('/') {
            end += 1 + next;
            let folder = &site_path[..end];
            let meta = std::fs::symlink_metadata(self.path(folder)).ok()?;
            if !meta.is_dir() {
                return None;
            }
            folders.push(folder.to_string());
        }
        Some(folders)
    }

    /// Checks, before anything changes, that nothing hoctap did not write stands on the way
    /// to a new file `site_path` or where it goes.
    pub(super) fn check_free(&self, site_path: &str) -> Result<()> {
        if self.owned.contains_key(site_path) {
            return Ok(());
        }
        let ends = site_path.match_indices('/').skip(1).map(|(i, _)| i).chain([site_path.len()]);
        for end in ends {
            let part = &site_path[..end];
            let path = self.path(part);
            match std::fs::symlink_metadata(&path) {
                Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
                Err(e) => return Err(Error::read(&path, e)),
                Ok(meta) if meta.is_dir() && end < site_path.len() => {}
                Ok(meta) if meta.is_dir() => self.owned_dir(&path, part)?,
                Ok(_) if self.owned.contains_key(part) => return Ok(()),
                Ok(_) => return Err(self.foreign(part)),
            }
        }
        Ok(())
    }

    /// Removes a folder in the way of a file, if it holds only files hoctap wrote (an old
    /// page's folder); anything else stops the build.
    fn remove_owned_dir(&self, dest: &Path, site_path: &str) -> Result<()> {
        self.owned_dir(dest, site_path)?;
        std::fs::remove_dir_all(dest).map_err(|e| Error::write(dest, e))
    }

    /// Whether the folder holds only files (and no links) that hoctap wrote.
    fn owned_dir(&self, dest: &Path, site_path: &str) -> Result<()> {
        for entry in walkdir::WalkDir::new(dest).follow_links(false) {
            let entry = entry.map_err(|e| Error::read(dest, e.into()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(self.root).unwrap_or(entry.path());
            let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
            if !self.owned.contains_key(&format!("/{}", rel.join("/"))) {
                return Err(self.foreign(site_path));
            }
        }
        Ok(())
    }

    fn foreign(&self, site_path: &str) -> Error {
        let reason = RefusalReason::Foreign(site_path.to_string());
        Error::Output(OutputRefusal { dir: self.root.to_path_buf(), setting: "--out", reason })
    }

    fn path(&self, site_path: &str) -> PathBuf {
        self.root.join(site_path.trim_start_matches('/'))
    }
}

fn create_dir(path: &Path) -> Result<()> {
    match std::fs::create_dir(path) {
        Err(e) if e.kind() != ErrorKind::AlreadyExists => Err(Error::write(path, e)),
        _ => match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => Ok(()),
            _ => Err(Error::write(path, std::io::Error::from(ErrorKind::AlreadyExists))),
        },
    }
}

/// Creates `path` afresh and fills it. Whatever stood there (a killed build's file, or a link
/// someone planted under hoctap's temporary name) is removed first, and the file is opened
/// with `create_new`, which never follows a link.
pub(super) fn write_new(path: &Path, fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> Result<()> {
    remove_file(path)?;
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| Error::write(path, e))?;
    fill(&mut file).map_err(|e| Error::write(path, e))
}

/// Removes a file or a link (never what a link points to); a folder or nothing there is left.
fn remove_file(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_dir() => std::fs::remove_file(path).map_err(|e| Error::write(path, e)),
        _ => Ok(()),
    }
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::write(to, e))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().expect("a writer panicked")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_symlinked_folder_in_the_output_is_never_written_through_or_deleted_through() {
        let tmp = tempfile::tempdir().unwrap();
        let (site, outside) = (tmp.path().join("site"), tmp.path().join("outside"));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("index.html"), "KEEP").unwrap();
        std::os::unix::fs::symlink(&outside, site.join("a")).unwrap();
        let owned = HashMap::from([("/a/index.html".to_string(), 1)]);
        let tree = Tree::new(&site, &owned);
        tree.remove("/a/index.html").unwrap();
        assert!(tree.write("/a/index.html", b"NEW").is_err(), "a link is not hoctap's folder");
        assert_eq!(std::fs::read_to_string(outside.join("index.html")).unwrap(), "KEEP");
    }

    #[test]
    fn a_link_planted_under_a_temporary_name_is_replaced_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let (site, outside) = (tmp.path().join("site"), tmp.path().join("outside.txt"));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(&outside, "KEEP").unwrap();
        std::os::unix::fs::symlink(&outside, site.join(format!("{TEMP_PREFIX}a.html"))).unwrap();
        let owned = HashMap::new();
        Tree::new(&site, &owned).write("/a.html", b"NEW").unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "KEEP");
        assert_eq!(std::fs::read_to_string(site.join("a.html")).unwrap(), "NEW");
    }

    #[test]
    fn a_file_someone_else_put_there_is_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "MINE").unwrap();
        let owned = HashMap::new();
        let tree = Tree::new(tmp.path(), &owned);
        assert!(matches!(tree.write("/notes.txt", b"X"), Err(Error::Output(_))));
        assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "MINE");
        tree.write("/new/index.html", b"X").unwrap();
        assert!(!tmp.path().join(format!("new/{TEMP_PREFIX}index.html")).exists());
    }
}
