//! The `/admin/` editor for staff: Decap CMS, set up by the `[cms]` table of `hoctap.toml`.
//!
//! Decap CMS rather than Sveltia CMS (which reads the same `config.yml`): Decap works with the
//! `git-gateway` backend (Netlify Identity, a login without a GitHub account) and with
//! `decap-server`, which edits the files of a local copy, so staff can try it and tests can
//! drive it offline; Sveltia has neither. The editor is written only into `admin/`: citizens'
//! pages never load it, it is `noindex`, and it is neither in the sitemap nor in the search index.

pub mod collections;
mod labels;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Problem};
use crate::output::{Generated, Output, Owner};
use crate::Site;

/// The Decap CMS build the admin page loads by default: pinned, with its hash, so the page
/// runs the exact file that was tested.
pub const DEFAULT_SCRIPT_URL: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
/// Subresource Integrity of [`DEFAULT_SCRIPT_URL`] (sha384 of `dist/decap-cms.js` in the npm package).
const DEFAULT_SCRIPT_INTEGRITY: &str = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";
/// The address `npx decap-server` listens on.
const DEFAULT_PROXY_URL: &str = "http://localhost:8081/api/v1";

/// Where the editor saves: the values of `[cms] backend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    /// Commits to a GitHub repository (staff log in with GitHub).
    Github,
    /// Commits to a GitLab repository.
    Gitlab,
    /// Netlify Identity and Git Gateway: staff log in with an e-mail address.
    GitGateway,
    /// Only `npx decap-server` on the computer that holds the portal.
    Local,
}

/// The accepted values of `[cms] backend`.
pub const BACKENDS: &[&str] = &["github", "gitlab", "git-gateway", "local"];

impl Backend {
    /// The backend's name in Decap's `config.yml`.
    pub fn decap_name(self) -> &'static str {
        match self {
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
            Backend::GitGateway => "git-gateway",
            Backend::Local => "proxy",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
            Backend::GitGateway => "git-gateway",
            Backend::Local => "local",
        }
    }
}

/// The `[cms]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmsConfig {
    /// Where edits are saved.
    pub backend: Backend,
    /// `owner/name` of the repository (GitHub and GitLab).
    #[serde(default)]
    pub repo: String,
    /// The branch edits are committed to. Default: `main`.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The OAuth server for GitHub logins outside Netlify (Decap's `base_url`). Default: none.
    #[serde(default)]
    pub auth_url: String,
    /// The `decap-server` address of the `local` backend. Default: `http://localhost:8081/api/v1`.
    #[serde(default)]
    pub proxy_url: String,
    /// The Decap CMS script. Default: [`DEFAULT_SCRIPT_URL`]; an office may host its own copy.
    #[serde(default = "default_script_url")]
    pub script_url: String,
    /// Where uploaded images and files go: a folder under `static/`. Default: `static/media`.
    #[serde(default = "default_media_folder")]
    pub media_folder: String,
}

fn default_branch() -> String {
    "main".into()
}
fn default_script_url() -> String {
    DEFAULT_SCRIPT_URL.into()
}
fn default_media_folder() -> String {
    "static/media".into()
}

impl CmsConfig {
    /// The site path of the media folder (`static/media` → `/media`), as pages name its files.
    pub fn public_folder(&self) -> String {
        format!("/{}", self.media_folder.trim_start_matches("static/").trim_end_matches('/'))
    }

    /// The `decap-server` address of the `local` backend.
    pub fn proxy_url(&self) -> String {
        if self.proxy_url.is_empty() {
            DEFAULT_PROXY_URL.into()
        } else {
            self.proxy_url.clone()
        }
    }

    /// Every setting that cannot work, each as `(key, problem)`.
    pub fn problems(&self) -> Vec<(&'static str, Problem)> {
        let mut found = Vec::new();
        if matches!(self.backend, Backend::Github | Backend::Gitlab) && !valid_repo(&self.repo) {
            let problem = Problem::CmsRepoNeeded { backend: self.backend.as_str(), value: self.repo.clone() };
            found.push(("repo", problem));
        }
        let urls = [("script_url", &self.script_url), ("auth_url", &self.auth_url), ("proxy_url", &self.proxy_url)];
        for (key, value) in urls.into_iter().filter(|(_, value)| !value.is_empty()) {
            if let Err(refused) = crate::url_policy::check(value) {
                let field = Some(format!("[cms] {key}"));
                found.push((key, Problem::UnsafeUrl { field, value: value.clone(), scheme: refused.scheme }));
            }
        }
        if !valid_media_folder(&self.media_folder) {
            found.push(("media_folder", Problem::CmsMediaFolder { value: self.media_folder.clone() }));
        }
        found
    }
}

/// `owner/name` (GitLab allows `group/subgroup/name`).
fn valid_repo(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
}

/// A folder under `static/` whose every name is one every host can hold.
fn valid_media_folder(folder: &str) -> bool {
    let Some(rest) = folder.trim_end_matches('/').strip_prefix("static/") else { return false };
    rest.split('/').all(|name| name != ".." && name != "." && crate::output::names::check_name(name).is_ok())
}

/// Writes `admin/index.html` and `admin/config.yml` when `[cms]` is set.
pub(crate) fn write_admin(site: &Site, css_url: &str, output: &Output) -> crate::Result<()> {
    let Some(cms) = &site.config.cms else { return Ok(()) };
    let file = collections::generate(cms, &site.config, &site.content, &site.strings, &site.indicators)?;
    let yaml = serde_yaml_ng::to_string(&file).map_err(|e| crate::Error::Template(e.to_string()))?;
    let owner = Owner::Generated(Generated::Cms);
    output.write("/admin/config.yml", yaml.as_bytes(), owner.clone())?;
    output.write("/admin/preview.js", preview_script(css_url).as_bytes(), owner.clone())?;
    output.write("/admin/index.html", admin_page(site, cms).as_bytes(), owner)?;
    Ok(())
}

/// The editor's page: no index, the pinned script, the config beside it.
fn admin_page(site: &Site, cms: &CmsConfig) -> String {
    use crate::markdown::escape_html;
    let config = &site.config;
    let vi = config.language == crate::Language::Vi;
    let heading = if vi { "Quản trị nội dung" } else { "Content manager" };
    let integrity = if cms.script_url == DEFAULT_SCRIPT_URL {
        format!(" integrity=\"{DEFAULT_SCRIPT_INTEGRITY}\" crossorigin=\"anonymous\"")
    } else {
        String::new()
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n<title>{heading} · {title}</title>\n\
         <link href=\"{config_url}\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n\
         <script src=\"{script}\"{integrity}></script>\n<script src=\"{preview}\"></script>\n</body>\n</html>\n",
        lang = config.language.code(),
        title = escape_html(&config.title),
        config_url = escape_html(&config.link("/admin/config.yml")),
        script = escape_html(&cms.script_url),
        preview = escape_html(&config.link("/admin/preview.js")),
    )
}

/// Previews use the theme's stylesheet.
fn preview_script(css_url: &str) -> String {
    let url = serde_json::Value::String(css_url.to_string());
    format!("CMS.registerPreviewStyle({url});\n")
}

/// The `[cms]` problems of `hoctap.toml`, each at the line of its key.
pub(crate) fn check(cms: &CmsConfig, text: &str) -> Vec<Diagnostic> {
    cms.problems()
        .into_iter()
        .map(|(key, problem)| {
            // A missing `repo` is shown at `backend`, which asks for it.
            let line = crate::config::table_key_line(text, "cms", key)
                .or_else(|| crate::config::table_key_line(text, "cms", "backend"));
            let location = crate::diagnostics::Location { path: crate::config::CONFIG_FILE.into(), line, column: None };
            Diagnostic::error(location, problem)
        })
        .collect()
}
