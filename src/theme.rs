//! Theme files in layers: the default theme compiled into the binary, then the portal's
//! `themes/<name>/` on disk, then (for templates) the portal's own `templates/`.
//! A file in a higher layer replaces the file at the same path below it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config::Config;
use crate::diagnostics::{Error, Location, Problem, Result};
use crate::fs;
use crate::language::Language;

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
    name: String,
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
            let problem = Problem::ThemeNotFound { theme: config.theme.clone() };
            return Err(Error::content(Location::file("hoctap.toml"), problem));
        }
        Ok(Theme {
            name: config.theme.clone(),
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
    ///
    /// A file on disk that does not parse, or has a key whose value is not text, is an error at
    /// its line and column, naming the key, with the path shown relative to the portal.
    pub fn strings(&self, language: Language) -> Result<Strings> {
        let name = format!("{}.toml", language.code());
        let mut map = HashMap::new();
        let mut layers = Vec::new();
        if self.embedded {
            if let Some(file) = DEFAULT_THEME.get_file(format!("i18n/{name}")) {
                layers.push((Source::Embedded(file.contents()), PathBuf::from("i18n").join(&name)));
            }
        }
        if let Some(disk) = &self.disk {
            let path = disk.join("i18n").join(&name);
            if path.is_file() {
                let shown = PathBuf::from("themes").join(&self.name).join("i18n").join(&name);
                layers.push((Source::Disk(path), shown));
            }
        }
        for (layer, shown) in layers {
            let text = layer.read_text(&shown)?;
            map.extend(parse_strings(&text, &shown)?);
        }
        Ok(Strings { map })
    }
}

/// Reads one flat `key = "text"` file of UI strings.
fn parse_strings(text: &str, shown: &Path) -> Result<HashMap<String, String>> {
    let at = |offset: usize| {
        let line = crate::location::line_of(text, offset);
        let line_start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset.min(text.len())].chars().count() + 1;
        Location { path: shown.to_path_buf(), line: Some(line), column: Some(column) }
    };
    let table: HashMap<String, toml::Spanned<toml::Value>> = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let line_text = text.lines().nth(crate::location::line_of(text, offset) - 1).unwrap_or("");
        let problem = Problem::StringsSyntax { key: key_of_line(line_text), message: e.message().trim().to_string() };
        Error::content(at(offset), problem)
    })?;
    let mut strings = HashMap::with_capacity(table.len());
    let mut problems = Vec::new();
    for (key, value) in table {
        let span = value.span();
        match value.into_inner() {
            toml::Value::String(text) => {
                strings.insert(key, text);
            }
            _ => problems.push(crate::diagnostics::Diagnostic::error(at(span.start), Problem::StringNotText { key })),
        }
    }
    if problems.is_empty() {
        Ok(strings)
    } else {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        Err(Error::Content(problems))
    }
}

/// The key a line of a strings file sets, as far as it can be read: `home = "…"` → `home`.
fn key_of_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') || line.starts_with('[') {
        return None;
    }
    let end = line.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(line.len());
    let key = line[..end].trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_string())
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
