//! The content model: pages, sections and assets as loaded from `content/`. No rendering here.

pub mod fields;
pub mod front_matter;
pub(crate) mod load;

use std::collections::HashSet;
use std::path::PathBuf;

pub use fields::{KindMeta, PageMeta, SectionMeta};
pub use load::load;

use crate::dates::Date;
use crate::diagnostics::Diagnostics;
use crate::markdown::Rendered;

/// What a section holds; it selects the schema of its pages and their template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Tin tức.
    News,
    /// Kế hoạch.
    Plans,
    /// Gương điển hình.
    RoleModels,
    /// Học liệu mở.
    Resources,
    /// Sự kiện.
    Events,
    /// Chỉ số (indicator data).
    Indicators,
    /// Standalone pages.
    Pages,
}

impl Kind {
    /// The name written in front matter and used for template names.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Plans => "plans",
            Kind::RoleModels => "role-models",
            Kind::Resources => "resources",
            Kind::Events => "events",
            Kind::Indicators => "indicators",
            Kind::Pages => "pages",
        }
    }

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<Kind> {
        [Kind::News, Kind::Plans, Kind::RoleModels, Kind::Resources, Kind::Events, Kind::Indicators, Kind::Pages]
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    /// The UI-string key of the kind's label.
    pub fn label_key(self) -> String {
        format!("kind_{}", self.as_str().replace('-', "_"))
    }
}

/// One page: a markdown file other than `_index.md`.
#[derive(Debug)]
pub struct Page {
    /// Hash of the file's text, for the build fingerprint.
    pub source_hash: u64,
    /// Path shown in messages, relative to the portal root (`content/tin-tuc/a.md`).
    pub path: PathBuf,
    /// Path relative to `content/` with `/` separators, as internal links name it.
    pub rel: String,
    /// The kind of its section.
    pub kind: Kind,
    /// Checked front matter.
    pub meta: PageMeta,
    /// Markdown after the front matter.
    pub body: String,
    /// Line of the body's first line in the file.
    pub body_line: usize,
    /// For `index.md` in a bundle: the bundle's folder relative to `content/`.
    pub bundle_dir: Option<String>,
    /// Index of the section it belongs to (0 is the home section).
    pub section: usize,
    /// Site path, e.g. `/tin-tuc/a/`; set by [`crate::resolve`].
    pub url: String,
    /// Link to `image`, resolved against the bundle or `static/`.
    pub image_url: Option<String>,
    /// Link to a plan's `document` or a resource's `file`.
    pub attachment_url: Option<String>,
    /// Rendered markdown; set by the markdown stage.
    pub rendered: Rendered,
}

impl Page {
    /// The date lists sort by: an event's start, else `date`.
    pub fn sort_date(&self) -> Option<Date> {
        match &self.meta.extra {
            KindMeta::Event(e) => Some(e.start),
            _ => self.meta.date,
        }
    }

    /// The folder (relative to `content/`) that holds the page's file.
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

/// A section: a folder with `_index.md`; the home page is the section of `content/` itself.
#[derive(Debug)]
pub struct Section {
    /// Hash of `_index.md`'s text (0 when the home page has none).
    pub source_hash: u64,
    /// Path shown in messages.
    pub path: PathBuf,
    /// Folder relative to `content/` (`""` for home).
    pub dir: String,
    /// Declared or inherited kind.
    pub kind: Kind,
    /// Checked front matter.
    pub meta: SectionMeta,
    /// Markdown body.
    pub body: String,
    /// Line of the body's first line.
    pub body_line: usize,
    /// Enclosing section.
    pub parent: Option<usize>,
    /// Site path, e.g. `/tin-tuc/`.
    pub url: String,
    /// Its pages, in display order; set by [`crate::resolve`].
    pub pages: Vec<usize>,
    /// Rendered body.
    pub rendered: Rendered,
}

/// A non-markdown file under `content/`, copied beside the page or section it sits with.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute source path.
    pub source: PathBuf,
    /// Folder relative to `content/`.
    pub dir: String,
    /// File name.
    pub name: String,
}

/// Everything loaded from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Published pages.
    pub pages: Vec<Page>,
    /// Sections; index 0 is home.
    pub sections: Vec<Section>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
    /// `rel` paths of drafts and future pages left out of this build.
    pub unpublished: HashSet<String>,
    /// `rel` paths of pages whose front matter had errors; links to them are not reported.
    pub failed: HashSet<String>,
    /// Errors found while loading; later stages still run so that one build reports all.
    pub problems: Diagnostics,
    /// Warnings (skipped symlinks…).
    pub warnings: Diagnostics,
}
