//! Theme files in layers: the default theme compiled into the binary, then the portal's
//! `themes/<name>/` on disk, then (for templates) the portal's own `templates/`.
//! A file in a higher layer replaces the file at the same path below it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config::{Config, Language};
use crate::diagnostics::{Error, Location, Problem, Result};
use crate::fs;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where one theme file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file on disk.
    Disk(PathBuf),
}

impl Source {
    /// The file's bytes.
    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            Source::Embedded(bytes) => Ok(bytes.to_vec()),
            Source::Disk(path) => std::fs::read(path).map_err(|e| Error::read(path, e)),
        }
    }

    /// The file's text.
    pub fn read_text(&self, shown_as: &Path) -> Result<String> {
        fs::decode_text(shown_as, self.read()?)
    }
}

/// The layered theme of one portal.
#[derive(Debug, Clone)]
pub struct Theme {
    embedded: bool,
    disk: Option<PathBuf>,
    portal_templates: PathBuf,
}

impl Theme {
    /// Finds the theme named in the config.
    pub fn load(config: &Config) -> Result<Theme> {
        let dir = config.root.join("themes").join(&config.theme);
        let embedded = config.theme == "default";
        if !embedded && !dir.is_dir() {
            let problem = Problem::Other(format!("theme `{}` not found in `themes/`", config.theme));
            return Err(Error::content(Location::file("hoctap.toml"), problem));
        }
        Ok(Theme {
            embedded,
            disk: dir.is_dir().then_some(dir),
            portal_templates: config.root.join("templates"),
        })
    }

    /// Every file under `dir` (e.g. `templates`), keyed by its path below `dir`.
    pub fn files(&self, dir: &str) -> BTreeMap<String, Source> {
        let mut files = BTreeMap::new();
        if self.embedded {
            if let Some(sub) = DEFAULT_THEME.get_dir(dir) {
                collect_embedded(sub, dir, &mut files);
            }
        }
        if let Some(disk) = &self.disk {
            collect_disk(&disk.join(dir), &mut files);
        }
        if dir == "templates" {
            collect_disk(&self.portal_templates, &mut files);
        }
        files
    }

    /// The UI strings for a language: the theme's `i18n/<lang>.toml`, layer over layer.
    pub fn strings(&self, language: Language) -> Result<Strings> {
        let name = format!("{}.toml", language.code());
        let mut map = HashMap::new();
        let mut layers = Vec::new();
        if self.embedded {
            if let Some(file) = DEFAULT_THEME.get_file(format!("i18n/{name}")) {
                layers.push(Source::Embedded(file.contents()));
            }
        }
        if let Some(disk) = &self.disk {
            let path = disk.join("i18n").join(&name);
            if path.is_file() {
                layers.push(Source::Disk(path));
            }
        }
        let shown = PathBuf::from("i18n").join(&name);
        for layer in layers {
            let text = layer.read_text(&shown)?;
            let table: HashMap<String, String> = toml::from_str(&text).map_err(|e| {
                Error::content(Location::file(&shown), Problem::Other(e.message().to_string()))
            })?;
            map.extend(table);
        }
        Ok(Strings { map })
    }
}

fn collect_embedded(dir: &'static Dir<'static>, prefix: &str, out: &mut BTreeMap<String, Source>) {
    for file in dir.files() {
        let rel = file.path().strip_prefix(prefix).unwrap_or(file.path());
        out.insert(slash_path(rel), Source::Embedded(file.contents()));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, prefix, out);
    }
}

fn collect_disk(dir: &Path, out: &mut BTreeMap<String, Source>) {
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(|e| e.ok()) {
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            out.insert(slash_path(rel), Source::Disk(entry.path().to_path_buf()));
        }
    }
}

fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// UI strings of one language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    map: HashMap<String, String>,
}

impl Strings {
    /// The string for `key`, or the key itself so a missing string shows rather than vanishes.
    pub fn get(&self, key: &str) -> String {
        self.map.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// All strings, for templates (`t.key`).
    pub fn all(&self) -> &HashMap<String, String> {
        &self.map
    }
}
