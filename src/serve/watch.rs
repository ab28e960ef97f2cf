//! Watching the portal folder: raw file events sorted into a few kinds of change, saves
//! gathered until the editor falls quiet, and the rebuild each batch needs.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// How long the folder must stay quiet before a batch of saves is rebuilt. Editors write a
/// file several times per save; this gathers them without a noticeable delay.
pub const QUIET: Duration = Duration::from_millis(25);

/// How often `serve --poll` looks at every file's modification time: often enough that a save
/// shows within about a second, rarely enough that a portal of 10,000 files on a network
/// drive is not read all the time.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// What kind of file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `hoctap.toml`.
    Config,
    /// A template (theme or portal `templates/`).
    Template,
    /// Other theme files: CSS, strings, static files.
    Theme,
    /// A file under `static/`.
    Static,
    /// A page's markdown (not `_index.md`), relative to `content/`.
    Page(String),
    /// Anything else under `content/`: sections, assets, data.
    Content,
}

/// What a batch of changes requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    /// Only this page (relative to `content/`) and what shows it.
    Page(String),
    /// Everything, with the config read again.
    Full,
}

/// The kind of change a path is, or `None` for files the site does not depend on
/// (the output, version control, editor backups).
pub fn classify(root: &Path, output_dir: &Path, path: &Path) -> Option<Change> {
    if path.starts_with(output_dir) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let name = parts.last()?;
    if is_scratch(name) || parts.iter().any(|p| p.starts_with('.') || p == "target") {
        return None;
    }
    match parts.first()?.as_str() {
        "hoctap.toml" if parts.len() == 1 => Some(Change::Config),
        "templates" => Some(Change::Template),
        "themes" if parts.get(2).map(String::as_str) == Some("templates") => Some(Change::Template),
        "themes" => Some(Change::Theme),
        "static" => Some(Change::Static),
        "content" if name.ends_with(".md") && name != "_index.md" => Some(Change::Page(parts[1..].join("/"))),
        "content" => Some(Change::Content),
        _ => None,
    }
}

/// Editor swap and backup files: `.x.swp`, `x~`, `#x#`, `4913` (vim's write test).
fn is_scratch(name: &str) -> bool {
    name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") || name.starts_with('#') || name == "4913"
}

/// One page saved (possibly several times) is incremental; anything else is a full rebuild.
pub fn policy(changes: &[Change]) -> Option<Rebuild> {
    let first = changes.first()?;
    match first {
        Change::Page(rel) if changes.iter().all(|c| c == first) => Some(Rebuild::Page(rel.clone())),
        _ => Some(Rebuild::Full),
    }
}

/// A path created and gone again within one batch: an editor's temporary file
/// (`sed`'s `sedX1y2z3`, vim's `4913`), not a change to the site.
fn is_transient(path: &Path, batch: &[(PathBuf, bool)]) -> bool {
    batch.iter().any(|(p, created)| *created && p == path) && !path.exists()
}

/// Watches `root` and returns batches of changes, each once the folder has been quiet for
/// [`QUIET`]. The watcher lives as long as the returned value.
pub struct Batches {
    _watcher: Box<dyn Watcher + Send>,
    /// Changed paths, each with whether the event was a creation.
    events: Receiver<(PathBuf, bool)>,
    root: PathBuf,
    output_dir: PathBuf,
}

impl Batches {
    /// Starts watching: with the system's change events, or, given `poll`, by looking at the
    /// files that often (for WSL2 mounts and network drives, which send no events).
    pub fn watch(root: &Path, output_dir: &Path, poll: Option<Duration>) -> notify::Result<Batches> {
        // Events carry absolute paths; compare them with absolute roots.
        let root = root.canonicalize()?;
        let output_dir = root.join(output_dir.strip_prefix(&root).unwrap_or(output_dir));
        let (tx, events) = mpsc::channel();
        let handler = move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                if !event.kind.is_access() {
                    let created = event.kind.is_create();
                    for path in event.paths {
                        let _ = tx.send((path, created));
                    }
                }
            }
        };
        let mut watcher: Box<dyn Watcher + Send> = match poll {
            Some(interval) => {
                Box::new(notify::PollWatcher::new(handler, notify::Config::default().with_poll_interval(interval))?)
            }
            None => Box::new(notify::recommended_watcher(handler)?),
        };
        watcher.watch(&root, RecursiveMode::Recursive)?;
        Ok(Batches { _watcher: watcher, events, root, output_dir })
    }

    /// Blocks until the next batch of relevant changes; `None` when watching stopped.
    pub fn next(&self) -> Option<Vec<Change>> {
        loop {
            let mut batch = vec![self.events.recv().ok()?];
            loop {
                match self.events.recv_timeout(QUIET) {
                    Ok(event) => batch.push(event),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            let changes: Vec<Change> = batch
                .iter()
                .filter(|(path, _)| !is_transient(path, &batch))
                .filter_map(|(path, _)| self.classify(path))
                .collect();
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    fn classify(&self, path: &Path) -> Option<Change> {
        classify(&self.root, &self.output_dir, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<Change> {
        classify(Path::new("/p"), Path::new("/p/site"), Path::new(path))
    }

    #[test]
    fn sorts_paths_into_kinds_of_change() {
        assert_eq!(kind("/p/hoctap.toml"), Some(Change::Config));
        assert_eq!(kind("/p/templates/news.html"), Some(Change::Template));
        assert_eq!(kind("/p/themes/default/templates/base.html"), Some(Change::Template));
        assert_eq!(kind("/p/themes/default/css/main.css"), Some(Change::Theme));
        assert_eq!(kind("/p/static/logo.svg"), Some(Change::Static));
        assert_eq!(kind("/p/content/tin-tuc/a.md"), Some(Change::Page("tin-tuc/a.md".into())));
        assert_eq!(kind("/p/content/tin-tuc/_index.md"), Some(Change::Content));
        assert_eq!(kind("/p/content/tin-tuc/hoi/anh.jpg"), Some(Change::Content));
    }

    #[test]
    fn ignores_output_version_control_and_editor_files() {
        assert_eq!(kind("/p/site/index.html"), None);
        assert_eq!(kind("/p/.git/index"), None);
        assert_eq!(kind("/p/content/tin-tuc/.a.md.swp"), None);
        assert_eq!(kind("/p/content/tin-tuc/a.md~"), None);
        assert_eq!(kind("/p/README.md"), None);
    }

    #[test]
    fn one_page_saved_many_times_is_incremental() {
        let page = Change::Page("tin-tuc/a.md".into());
        assert_eq!(policy(&[page.clone(), page.clone()]), Some(Rebuild::Page("tin-tuc/a.md".into())));
        assert_eq!(policy(&[page, Change::Page("b.md".into())]), Some(Rebuild::Full));
        assert_eq!(policy(&[Change::Template]), Some(Rebuild::Full));
        assert_eq!(policy(&[]), None);
    }
}
