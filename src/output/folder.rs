//! Which folder a build may write: checked before anything is read or written.
//!
//! hoctap only writes into a folder that is missing, empty, or carries the manifest of an
//! earlier hoctap build; never into the portal folder, a source folder (`content/`,
//! `static/`, `templates/`, `themes/`…) or a folder that holds one.

use std::path::{Component, Path, PathBuf};

use super::manifest::{Manifest, MANIFEST};
use super::problem::{OutputRefusal, RefusalReason};
use crate::config::Config;

/// Folders of a portal that hold its sources (or hoctap's cache), never an output.
const SOURCES: &[&str] = &["content", "static", "templates", "themes", "archetypes", "i18n", ".hoctap-cache", ".git"];

/// An output folder hoctap may write, and what it holds now.
#[derive(Debug)]
pub struct OutputFolder {
    /// The folder, with symbolic links resolved.
    pub dir: PathBuf,
    /// What is there now.
    pub state: FolderState,
}

/// What an output folder holds before a build.
#[derive(Debug)]
pub enum FolderState {
    /// Nothing of that name yet.
    Missing,
    /// An empty folder.
    Empty,
    /// An earlier build's output, with its manifest.
    Ours(Manifest),
}

impl OutputFolder {
    /// Checks the configured output folder, refusing it when a build could lose the user's files.
    pub fn claim(config: &Config) -> Result<OutputFolder, OutputRefusal> {
        let setting = if config.output_from_flag { "--out" } else { "output_dir" };
        // Named as the user wrote it: `docs`, not `./docs`.
        let shown = match config.output_dir.strip_prefix(&config.root) {
            Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
            Ok(rel) => rel.to_path_buf(),
            Err(_) => config.output_dir.clone(),
        };
        let refuse = |reason| OutputRefusal { dir: shown.clone(), setting, reason };
        let root = std::fs::canonicalize(&config.root).map_err(|e| refuse(RefusalReason::Unreadable(e.to_string())))?;
        let dir = resolve(&config.output_dir);
        if root.starts_with(&dir) {
            return Err(refuse(RefusalReason::HoldsPortal));
        }
        for name in SOURCES {
            let source = root.join(name);
            let source = std::fs::canonicalize(&source).unwrap_or(source);
            if dir.starts_with(&source) || source.starts_with(&dir) {
                return Err(refuse(RefusalReason::Source(format!("{name}/"))));
            }
        }
        let state = inspect(&dir).map_err(refuse)?;
        Ok(OutputFolder { dir, state })
    }

    /// Whether the folder already holds a finished build with this fingerprint.
    pub fn is_up_to_date(&self, fingerprint: u64) -> bool {
        matches!(&self.state, FolderState::Ours(m) if m.fingerprint == Some(fingerprint))
    }
}

/// What the folder holds, or why it is not one hoctap may write.
fn inspect(dir: &Path) -> Result<FolderState, RefusalReason> {
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FolderState::Missing),
        Err(e) => return Err(RefusalReason::Unreadable(e.to_string())),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(RefusalReason::NotAFolder);
    }
    if let Some(manifest) = Manifest::read(dir) {
        return Ok(FolderState::Ours(manifest));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| RefusalReason::Unreadable(e.to_string()))?;
    let mut names: Vec<String> =
        entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    if names.is_empty() {
        return Ok(FolderState::Empty);
    }
    names.sort();
    names.truncate(3);
    if dir.join(MANIFEST).exists() {
        names.insert(0, format!("{MANIFEST} (?)"));
    }
    Err(RefusalReason::NotOurs { examples: names })
}

/// The absolute folder with `.`/`..` and symbolic links resolved, as far as it exists.
fn resolve(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    // Resolve the longest existing ancestor (it may be a symbolic link), then add the rest.
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |path, name| path.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return lexical,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_dots_and_links_of_the_existing_part() {
        let tmp = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        assert_eq!(resolve(&real.join("a/../b/./c")), real.join("b/c"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("a"), real.join("link")).unwrap();
            assert_eq!(resolve(&real.join("link/x")), real.join("a/x"));
        }
    }
}
