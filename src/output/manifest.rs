//! `.hoctap-build`: the marker that says a folder is hoctap's output, the fingerprint of the
//! build that made it, and every file hoctap wrote there with its hash.
//!
//! Before a build changes anything in place it writes the manifest *dirty*: listing every
//! file it may touch, old and new, without a fingerprint. A build killed halfway thus leaves
//! a manifest that (a) never matches a fingerprint, so the next build does not say "nothing
//! changed", and (b) still names every file hoctap may remove.

use std::collections::HashMap;
use std::path::Path;

use super::names::is_confined;
use crate::diagnostics::{Error, Result};

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = ".hoctap-build";

/// What a manifest records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The build fingerprint; `None` while a build is changing the folder (dirty).
    pub fingerprint: Option<u64>,
    /// Site path → content hash of every file hoctap wrote (hash 0 in a dirty manifest).
    pub files: HashMap<String, u64>,
}

impl Manifest {
    /// Reads the manifest of `dir`, if it has one. Lines naming a path that would leave the
    /// folder are dropped: a crafted manifest must not make hoctap delete outside it.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
        let mut lines = text.lines();
        let head = lines.next()?.strip_prefix("hoctap-build ")?;
        let fingerprint = if head == "dirty" { None } else { Some(u64::from_str_radix(head, 16).ok()?) };
        let files = lines
            .filter_map(|l| l.split_once(' '))
            .filter(|(_, path)| is_confined(path))
            .filter_map(|(hash, path)| Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?)))
            .collect();
        Some(Manifest { fingerprint, files })
    }

    /// Whether the manifest is a finished build's.
    pub fn is_clean(&self) -> bool {
        self.fingerprint.is_some()
    }

    /// Writes the manifest into `dir` under a temporary name and renames it into place, so
    /// the marker is never half-written.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let mut text = String::with_capacity(self.files.len() * 64);
        match self.fingerprint {
            Some(fingerprint) => text.push_str(&format!("hoctap-build {fingerprint:016x}\n")),
            None => text.push_str("hoctap-build dirty\n"),
        }
        let mut files: Vec<_> = self.files.iter().collect();
        files.sort_unstable();
        for (path, hash) in files {
            text.push_str(&format!("{hash:016x} {path}\n"));
        }
        let temp = dir.join(format!("{MANIFEST}.tmp"));
        super::tree::write_new(&temp, |file| std::io::Write::write_all(file, text.as_bytes()))?;
        std::fs::rename(&temp, dir.join(MANIFEST)).map_err(|e| Error::write(&dir.join(MANIFEST), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dirty_manifest_reads_back_without_a_fingerprint() {
        let tmp = tempfile::tempdir().unwrap();
        let files = HashMap::from([("/a/index.html".to_string(), 7)]);
        let manifest = Manifest { fingerprint: None, files };
        manifest.write(tmp.path()).unwrap();
        assert_eq!(Manifest::read(tmp.path()), Some(manifest));
    }

    #[test]
    fn lines_that_leave_the_folder_are_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let text = "hoctap-build 00000000000000ff\n0000000000000001 ../../x\n0000000000000001 /a/../../x\n0000000000000002 /ok.html\n";
        std::fs::write(tmp.path().join(MANIFEST), text).unwrap();
        let manifest = Manifest::read(tmp.path()).unwrap();
        assert_eq!(manifest.fingerprint, Some(255));
        assert_eq!(manifest.files.keys().collect::<Vec<_>>(), ["/ok.html"]);
    }
}
