//! The `[cms]` table of `hoctap.toml`: where the editor saves, and which of its settings cannot work.

use serde::Deserialize;

use crate::diagnostics::Problem;

/// The Decap CMS build the admin page loads by default: pinned, with its hash, so the page
/// runs the exact file that was tested.
pub(crate) const DEFAULT_SCRIPT_URL: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
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
pub(crate) const BACKENDS: &[&str] = &["github", "gitlab", "git-gateway", "local"];

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
