//! `hoctap.toml`: the raw input as written, then a validated [`Config`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, Error, Expected, Location, Problem, Result};
use crate::fs;
pub use crate::identity::Contact;
use crate::language::Language;
use crate::location::line_of;
use crate::url_policy::check_base_url;

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
    /// The commune, ward or special zone (xã, phường, đặc khu) whose portal this is; empty
    /// for a province's portal. Default: empty.
    #[serde(default)]
    commune: String,
    /// The province. Default: empty.
    #[serde(default)]
    province: String,
    /// The key of the district level abolished on 1/7/2025: read with a warning and shown
    /// where `commune` would be, so an older portal still builds.
    #[serde(default)]
    district: Option<String>,
    /// The publishing body, named in JSON-LD and the footer. Default: the title.
    #[serde(default)]
    organization: String,
    /// Contact block of the footer.
    #[serde(default)]
    contact: Contact,
    /// `[logo]`: the agency's emblem or logo in the header. Default: none.
    #[serde(default)]
    logo: Option<crate::identity::RawLogo>,
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
    /// Attachments larger than this many MiB get a warning. Default: 25.
    #[serde(default = "default_attachment_warn_mib")]
    attachment_warn_mib: u64,
    // Publishing: the browser editor and the host.
    /// `[cms]`: the `/admin/` editor. Default: none.
    #[serde(default)]
    cms: Option<crate::cms::settings::CmsConfig>,
    /// `[deploy]`: the static host, for `check`'s limits. Default: none.
    #[serde(default)]
    deploy: Option<crate::deploy::host::DeployConfig>,
    /// Anything the portal's templates want (logo path, hotline…), passed on unchanged as
    /// `site.extra`. Default: empty.
    #[serde(default)]
    extra: toml::Table,
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
fn default_attachment_warn_mib() -> u64 {
    25
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
    /// The commune, ward or special zone of a commune's portal; empty for a province's.
    pub commune: String,
    /// Province name.
    pub province: String,
    /// Publishing body.
    pub organization: String,
    /// Footer contact.
    pub contact: Contact,
    /// The emblem or logo in the header, when `[logo]` is set.
    pub logo: Option<crate::identity::Logo>,
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
    /// Attachments larger than this many MiB get a warning (citizens pay for mobile data).
    pub attachment_warn_mib: u64,
    // Publishing: the browser editor and the host.
    /// The `/admin/` editor, when `[cms]` is set.
    pub cms: Option<crate::cms::settings::CmsConfig>,
    /// The static host, when `[deploy]` is set.
    pub deploy: Option<crate::deploy::host::DeployConfig>,
    /// The `[extra]` table, for templates as `site.extra` (TOML dates become text).
    pub extra: serde_json::Value,
    /// The line of `base_url` in `hoctap.toml`, when it is written there.
    pub base_url_line: Option<usize>,
    /// Warnings about the file that do not stop the build (the obsolete `district` key).
    pub warnings: Diagnostics,
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
        let at = |table: &'static str| {
            let text = &text;
            move |key: &str| Location {
                path: PathBuf::from(CONFIG_FILE),
                line: table_key_line(text, table, key),
                column: None,
            }
        };
        let mut problems = crate::identity::check_contact(&raw.contact, at("contact"));
        let logo = raw.logo.as_ref().map(|logo| crate::identity::check_logo(root, logo, at("logo")));
        let logo = match logo {
            Some(Err(problem)) => {
                problems.push(*problem);
                None
            }
            Some(Ok(logo)) => Some(logo),
            None => None,
        };
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        if let Some(cms) = &raw.cms {
            let problems = cms_problems(cms, &text);
            if !problems.is_empty() {
                return Err(Error::Content(problems));
            }
        }
        let warnings = district_warning(&raw, &text).into_iter().collect();
        let mut config = Config::validate(root, raw, overrides, Path::new(CONFIG_FILE), key_line(&text, "base_url"))?;
        config.logo = logo;
        config.warnings = warnings;
        Ok(config)
    }

    /// `base_url_line`: the line of `base_url` in the file, for its error.
    fn validate(
        root: &Path,
        raw: RawConfig,
        overrides: &Overrides,
        path: &Path,
        base_url_line: Option<usize>,
    ) -> Result<Config> {
        let (base_url, from_flag) = match overrides.base_url.clone() {
            Some(url) => (url, true),
            None => (raw.base_url, false),
        };
        if let Err(fault) = check_base_url(&base_url) {
            let location = if from_flag {
                Location::file("--base-url")
            } else {
                Location { path: path.to_path_buf(), line: base_url_line, column: None }
            };
            return Err(Error::content(location, Problem::BadBaseUrl { value: base_url, fault, from_flag }));
        }
        let base_url = base_url.trim_end_matches('/').to_string();
        let rest = base_url.split_once("://").map_or("", |(_, rest)| rest);
        let base_path = rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_default();
        if raw.paginate_by == 0 {
            return Err(Error::content(Location::file(path), Problem::PaginateByZero));
        }
        let output_dir = overrides.output_dir.clone().unwrap_or(raw.output_dir);
        let organization = if raw.organization.is_empty() { raw.title.clone() } else { raw.organization };
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language: raw.language,
            commune: commune_of(raw.commune, raw.district),
            province: raw.province,
            organization,
            contact: raw.contact,
            logo: None,
            menu: raw.menu,
            paginate_by: raw.paginate_by,
            attachment_warn_mib: raw.attachment_warn_mib,
            allow_html: raw.allow_html,
            theme: raw.theme,
            output_dir: root.join(output_dir),
            output_from_flag: overrides.output_dir.is_some(),
            drafts: overrides.drafts,
            cms: raw.cms,
            deploy: raw.deploy,
            extra: toml_to_json(toml::Value::Table(raw.extra)),
            base_url_line,
            warnings: Diagnostics::new(),
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

/// `commune` as written, else an obsolete `district`'s value, so the header still names the place.
fn commune_of(commune: String, district: Option<String>) -> String {
    match district {
        Some(district) if commune.is_empty() => district,
        _ => commune,
    }
}

/// The warning for a `district` key, at its line: districts no longer exist since 1/7/2025.
fn district_warning(raw: &RawConfig, text: &str) -> Option<Diagnostic> {
    let value = raw.district.clone()?;
    let location = Location { path: PathBuf::from(CONFIG_FILE), line: key_line(text, "district"), column: None };
    Some(Diagnostic::warning(location, Problem::DistrictKey { value, commune_written: !raw.commune.is_empty() }))
}

/// A TOML value as JSON for templates; dates and times become their TOML text.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => J::Object(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// The 1-based line of a top-level `key = …` in TOML text, if written.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')))
        .map(|i| i + 1)
}

/// The 1-based line of `key = …` inside the `[table]` of TOML text, if written.
pub(crate) fn table_key_line(text: &str, table: &str, key: &str) -> Option<usize> {
    let header = format!("[{table}]");
    let start = text.lines().position(|line| line.trim() == header)?;
    let rest: Vec<&str> = text.lines().skip(start + 1).take_while(|line| !line.trim_start().starts_with('[')).collect();
    key_line(&rest.join("\n"), key).map(|line| start + 1 + line)
}

/// The keys `hoctap.toml` accepts, for suggestions.
const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "commune",
    "province",
    "organization",
    "contact",
    "menu",
    "paginate_by",
    "allow_html",
    "theme",
    "output_dir",
    "address",
    "phone",
    "email",
    "responsible",
    "license",
    "logo",
    "src",
    "alt",
    "width",
    "height",
    "name",
    "url",
    "cms",
    "backend",
    "repo",
    "branch",
    "auth_url",
    "proxy_url",
    "script_url",
    "media_folder",
    "deploy",
    "host",
    "extra",
    "attachment_warn_mib",
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
    if message.starts_with("missing field `backend`") {
        return Problem::MissingField { field: "[cms] backend" };
    }
    if message.starts_with("missing field `host`") {
        return Problem::MissingField { field: "[deploy] host" };
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
        let value = message.split('`').nth(1).unwrap_or("").to_string();
        match field.as_str() {
            "language" => return Problem::NotOneOf { field, value, allowed: &["vi", "en"] },
            "backend" => {
                return Problem::NotOneOf {
                    field: "[cms] backend".into(),
                    value,
                    allowed: crate::cms::settings::BACKENDS,
                }
            }
            "host" => {
                return Problem::NotOneOf { field: "[deploy] host".into(), value, allowed: crate::deploy::host::HOSTS }
            }
            _ => {}
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
            let problem = Problem::UnsafeUrl {
                field: Some("[[menu]] url".into()),
                value: item.url.clone(),
                scheme: refused.scheme,
            };
            problems.push(crate::diagnostics::Diagnostic::error(location, problem));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(problems))
    }
}

/// The `[cms]` problems of `hoctap.toml`, each at the line of its key.
fn cms_problems(cms: &crate::cms::settings::CmsConfig, text: &str) -> Vec<crate::diagnostics::Diagnostic> {
    cms.problems()
        .into_iter()
        .map(|(key, problem)| {
            // A missing `repo` is shown at `backend`, which asks for it.
            let line = table_key_line(text, "cms", key).or_else(|| table_key_line(text, "cms", "backend"));
            let location = Location { path: CONFIG_FILE.into(), line, column: None };
            crate::diagnostics::Diagnostic::error(location, problem)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_policy::BaseUrlFault;

    fn parse(text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).unwrap();
        Config::validate(
            Path::new("/p"),
            raw,
            &Overrides::default(),
            Path::new("/p/hoctap.toml"),
            key_line(text, "base_url"),
        )
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

    #[test]
    fn accepts_plain_http_and_https_urls() {
        for url in [
            "https://xhht.example.vn",
            "https://xhht.example.vn/",
            "http://localhost",
            "http://127.0.0.1:1111",
            "http://[::1]:8080",
            "https://user.github.io/cong/",
            "https://a.vn/c%C3%B4ng/x-y_z.~",
            "HTTPS://A.VN",
        ] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn refuses_base_urls_that_would_break_links_and_files() {
        use BaseUrlFault::*;
        let cases = [
            ("example.vn", Scheme),
            ("ftp://a.vn", Scheme),
            ("javascript:alert(1)//", Scheme),
            ("https://a.vn\r\nBEGIN:VEVENT", Control),
            ("https://a.vn\u{0}", Control),
            ("https://a.vn\u{85}", Control),
            ("https://a.vn\nx", Control),
            ("https://a.vn/x y", Whitespace),
            ("https://a.vn\t", Whitespace),
            ("https://a.vn/\"><script>", Character('"')),
            ("https://a.vn/'", Character('\'')),
            ("https://a.vn/<b>", Character('<')),
            ("https://a.vn\\x", Character('\\')),
            ("https://xã.vn", NonAscii('ã')),
            ("https://user:pw@a.vn", UserInfo),
            ("https://@a.vn", UserInfo),
            ("https://", Host),
            ("https:///cong", Host),
            ("https://a..vn", Host),
            ("https://-a.vn", Host),
            ("https://a_b.vn", Host),
            ("https://[zz]/", Host),
            ("https://a.vn:", Port),
            ("https://a.vn:0", Port),
            ("https://a.vn:99999", Port),
            ("https://a.vn:8x", Port),
            ("https://a.vn/?x=1", QueryOrFragment),
            ("https://a.vn#top", QueryOrFragment),
            ("https://a.vn/%zz", Percent),
            ("https://a.vn/%4", Percent),
        ];
        for (url, fault) in cases {
            assert_eq!(check_base_url(url), Err(fault), "{url:?}");
        }
    }

    #[test]
    fn a_bad_base_url_is_located_at_its_line_or_the_flag() {
        let Err(Error::Content(d)) = parse("title = \"T\"\n\nbase_url = \"https://a.vn\\r\\nBEGIN:VEVENT\"") else {
            panic!()
        };
        assert_eq!(d[0].location.line, Some(3));
        assert_eq!(
            d[0].problem,
            Problem::BadBaseUrl {
                value: "https://a.vn\r\nBEGIN:VEVENT".into(),
                fault: BaseUrlFault::Control,
                from_flag: false
            }
        );
        let raw: RawConfig = toml::from_str("title = \"T\"").unwrap();
        let overrides = Overrides { base_url: Some("https://a vn".into()), ..Overrides::default() };
        let Err(Error::Content(d)) = Config::validate(Path::new("/p"), raw, &overrides, Path::new("hoctap.toml"), None)
        else {
            panic!()
        };
        assert_eq!(d[0].location, Location::file("--base-url"));
        let (message, help) = d[0].message(Language::En);
        assert!(message.contains("`--base-url`") && message.contains("a space"), "{message}");
        assert!(help.unwrap().contains("--base-url https://"));
    }
}
