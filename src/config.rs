//! `hoctap.toml`: the raw input as written, then a validated [`Config`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Error, Expected, Location, Problem, Result};
use crate::fs;

/// The portal's language: UI strings, dates and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }

    /// Open Graph locale.
    pub fn locale(self) -> &'static str {
        match self {
            Language::Vi => "vi_VN",
            Language::En => "en_US",
        }
    }
}

/// The config file as written. Every field has a default except `title`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Portal title, shown in the header and `<title>`.
    title: String,
    /// One-sentence description for search engines and feeds. Default: empty.
    #[serde(default)]
    description: String,
    /// Absolute URL the site is served from. Default: `http://localhost`.
    #[serde(default = "default_base_url")]
    base_url: String,
    /// UI language. Default: `vi`.
    #[serde(default)]
    language: Language,
    /// The district (huyện) the portal belongs to. Default: empty.
    #[serde(default)]
    district: String,
    /// The province. Default: empty.
    #[serde(default)]
    province: String,
    /// The publishing body, named in JSON-LD and the footer. Default: the title.
    #[serde(default)]
    organization: String,
    /// Contact block of the footer.
    #[serde(default)]
    contact: Contact,
    /// Main menu; default: the sections, by `weight`.
    #[serde(default)]
    menu: Vec<MenuItem>,
    /// Items per list page. Default: 10.
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    /// Render raw HTML in markdown instead of escaping it. Default: false.
    #[serde(default)]
    allow_html: bool,
    /// Theme folder under `themes/`. Default: `default`.
    #[serde(default = "default_theme")]
    theme: String,
    /// Output folder, relative to the portal root. Default: `site`.
    #[serde(default = "default_output_dir")]
    output_dir: PathBuf,
}

fn default_base_url() -> String {
    "http://localhost".into()
}
fn default_paginate_by() -> usize {
    10
}
fn default_theme() -> String {
    "default".into()
}
fn default_output_dir() -> PathBuf {
    "site".into()
}

/// Footer contact details.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Phone number.
    #[serde(default)]
    pub phone: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
}

/// One entry of the main menu.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Label.
    pub name: String,
    /// Site path such as `/tin-tuc/`, or an absolute URL.
    pub url: String,
}

/// The validated configuration of one build.
#[derive(Debug, Clone)]
pub struct Config {
    /// Portal root folder (holds `hoctap.toml`).
    pub root: PathBuf,
    /// Portal title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Base URL without trailing slash, e.g. `https://xhht.example.vn` or `https://x.io/cong`.
    pub base_url: String,
    /// Path part of the base URL without trailing slash (`""` or `/cong`), prefixed to links.
    pub base_path: String,
    /// UI language.
    pub language: Language,
    /// District name.
    pub district: String,
    /// Province name.
    pub province: String,
    /// Publishing body.
    pub organization: String,
    /// Footer contact.
    pub contact: Contact,
    /// Configured menu (empty: derive from sections).
    pub menu: Vec<MenuItem>,
    /// Items per list page.
    pub paginate_by: usize,
    /// Whether raw HTML in markdown is rendered.
    pub allow_html: bool,
    /// Theme name.
    pub theme: String,
    /// Output folder: the portal root joined with `--out` or `output_dir`.
    pub output_dir: PathBuf,
    /// Whether the output folder came from `--out` (else from `output_dir` or the default).
    pub output_from_flag: bool,
    /// Build drafts and future-dated pages too.
    pub drafts: bool,
}

/// Command-line overrides applied on top of the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--out`.
    pub output_dir: Option<PathBuf>,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--drafts`.
    pub drafts: bool,
}

/// The config file's name.
pub const CONFIG_FILE: &str = "hoctap.toml";

impl Config {
    /// Reads `hoctap.toml` from `root` and applies the overrides.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::content(Location::file(&path), Problem::MissingConfig));
        }
        let text = fs::read_text(&path)?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(&text, s.start));
            let line_text = line.and_then(|l| text.lines().nth(l - 1)).unwrap_or("");
            Error::content(
                Location { path: PathBuf::from(CONFIG_FILE), line, column: None },
                config_problem(e.message(), line_text),
            )
        })?;
        check_menu_urls(&text, &raw.menu)?;
        Config::validate(root, raw, overrides, Path::new(CONFIG_FILE))
    }

    fn validate(root: &Path, raw: RawConfig, overrides: &Overrides, path: &Path) -> Result<Config> {
        let base_url = overrides.base_url.clone().unwrap_or(raw.base_url);
        let base_url = base_url.trim_end_matches('/').to_string();
        let Some(rest) = base_url.strip_prefix("https://").or_else(|| base_url.strip_prefix("http://"))
        else {
            return Err(Error::content(
                Location::file(path),
                Problem::Other(format!(
                    "base_url `{base_url}` must start with https:// (or http://)"
                )),
            ));
        };
        let base_path = rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_default();
        if raw.paginate_by == 0 {
            return Err(Error::content(
                Location::file(path),
                Problem::Other("paginate_by must be at least 1".into()),
            ));
        }
        let output_dir = overrides.output_dir.clone().unwrap_or(raw.output_dir);
        let organization =
            if raw.organization.is_empty() { raw.title.clone() } else { raw.organization };
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language: raw.language,
            district: raw.district,
            province: raw.province,
            organization,
            contact: raw.contact,
            menu: raw.menu,
            paginate_by: raw.paginate_by,
            allow_html: raw.allow_html,
            theme: raw.theme,
            output_dir: root.join(output_dir),
            output_from_flag: overrides.output_dir.is_some(),
            drafts: overrides.drafts,
        })
    }

    /// The content folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// A site path (`/tin-tuc/`) with the base path prefixed, for links.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// An absolute URL for a site path.
    pub fn permalink(&self, path: &str) -> String {
        let host_part = self.base_url.strip_suffix(&self.base_path).unwrap_or(&self.base_url);
        format!("{host_part}{}", self.link(path))
    }
}

/// The keys `hoctap.toml` accepts, for suggestions.
const CONFIG_KEYS: &[&str] = &[
    "title", "description", "base_url", "language", "district", "province", "organization",
    "contact", "menu", "paginate_by", "allow_html", "theme", "output_dir", "address", "phone",
    "email", "name", "url",
];

/// Turns serde's message about `hoctap.toml` into a typed problem naming the key.
fn config_problem(message: &str, line_text: &str) -> Problem {
    let key = line_text.split_once('=').map(|(k, _)| k.trim().to_string());
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest).to_string();
        let suggestion = crate::diagnostics::nearest(&field, CONFIG_KEYS.iter().copied());
        return Problem::UnknownConfigKey { field, suggestion };
    }
    if message.starts_with("missing field `title`") {
        return Problem::MissingField { field: "title" };
    }
    if let (Some(field), true) = (key.clone(), message.starts_with("invalid type")) {
        let expected = if message.contains("usize") || message.contains("integer") {
            Expected::Integer
        } else if message.contains("bool") {
            Expected::Bool
        } else if message.contains("sequence") {
            Expected::TextList
        } else {
            Expected::Text
        };
        return Problem::WrongType { field, expected };
    }
    if let (Some(field), true) = (key, message.starts_with("unknown variant")) {
        if field == "language" {
            let value = message.split('`').nth(1).unwrap_or("").to_string();
            return Problem::NotOneOf { field, value, allowed: &["vi", "en"] };
        }
    }
    Problem::Syntax { format: "TOML", message: message.trim().to_string(), fix: None }
}

/// Only the `url` of each `[[menu]]` entry, with where it is written.
#[derive(Deserialize)]
struct MenuSpans {
    #[serde(default)]
    menu: Vec<MenuUrlSpan>,
}

#[derive(Deserialize)]
struct MenuUrlSpan {
    url: toml::Spanned<String>,
}

/// Every `[[menu]] url` must pass [`crate::url_policy`]; a refused one is an error at its line.
fn check_menu_urls(text: &str, menu: &[MenuItem]) -> Result<()> {
    let spans = toml::from_str::<MenuSpans>(text).map(|m| m.menu).unwrap_or_default();
    let mut problems = Vec::new();
    for (i, item) in menu.iter().enumerate() {
        if let Err(refused) = crate::url_policy::check(&item.url) {
            let line = spans.get(i).map(|s| line_of(text, s.url.span().start));
            let location = Location { path: PathBuf::from(CONFIG_FILE), line, column: None };
            let problem =
                Problem::UnsafeUrl { field: Some("[[menu]] url".into()), value: item.url.clone(), scheme: refused.scheme };
            problems.push(crate::diagnostics::Diagnostic::error(location, problem));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(problems))
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).unwrap();
        Config::validate(Path::new("/p"), raw, &Overrides::default(), Path::new("/p/hoctap.toml"))
    }

    #[test]
    fn base_url_path_prefixes_links() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.github.io/cong/\"").unwrap();
        assert_eq!(c.base_path, "/cong");
        assert_eq!(c.link("/tin-tuc/"), "/cong/tin-tuc/");
        assert_eq!(c.permalink("/tin-tuc/"), "https://x.github.io/cong/tin-tuc/");
    }

    #[test]
    fn defaults_are_vietnamese_and_ten_per_page() {
        let c = parse("title = \"T\"").unwrap();
        assert_eq!(c.language, Language::Vi);
        assert_eq!(c.paginate_by, 10);
        assert!(!c.allow_html);
        assert_eq!(c.output_dir, Path::new("/p/site"));
    }

    #[test]
    fn config_problems_name_the_key() {
        let p = config_problem("invalid type: string \"mười\", expected usize", "paginate_by = \"mười\"");
        assert_eq!(p, Problem::WrongType { field: "paginate_by".into(), expected: Expected::Integer });
        let p = config_problem("unknown field `titel`, expected one of `title`", "titel = \"x\"");
        assert_eq!(p, Problem::UnknownConfigKey { field: "titel".into(), suggestion: Some("title") });
    }

    #[test]
    fn a_menu_url_with_a_script_scheme_is_an_error_at_its_line() {
        let text = "title = \"T\"\n[[menu]]\nname = \"A\"\nurl = \"/a/\"\n\n[[menu]]\nname = \"B\"\nurl = \" JaVa\\tScript:alert(1)\"\n";
        let raw: RawConfig = toml::from_str(text).unwrap();
        let Err(Error::Content(problems)) = check_menu_urls(text, &raw.menu) else { panic!("accepted") };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location.line, Some(8));
        assert!(matches!(&problems[0].problem, Problem::UnsafeUrl { scheme, .. } if scheme == "javascript"));
    }

    #[test]
    fn refuses_a_base_url_without_scheme() {
        assert!(parse("title = \"T\"\nbase_url = \"example.vn\"").is_err());
    }
}
