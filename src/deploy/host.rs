//! The `[deploy]` table of `hoctap.toml` and what each static host accepts.

use serde::Deserialize;

/// The static hosts hoctap knows: the values of `[deploy] host`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    /// GitHub Pages.
    GithubPages,
    /// GitLab Pages.
    GitlabPages,
    /// Netlify.
    Netlify,
    /// Cloudflare Pages.
    CloudflarePages,
    /// A web server of the office's own (nginx, Apache) or a shared host.
    Server,
}

/// The accepted values of `[deploy] host`.
pub(crate) const HOSTS: &[&str] = &["github-pages", "gitlab-pages", "netlify", "cloudflare-pages", "server"];

/// What a host accepts; `None`: no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most files a site may have.
    pub files: Option<usize>,
    /// Largest single file, in bytes.
    pub file_bytes: Option<u64>,
    /// Largest whole site, in bytes.
    pub total_bytes: Option<u64>,
}

pub(super) const MIB: u64 = 1024 * 1024;
pub(super) const GB: u64 = 1000 * 1000 * 1000;

impl Host {
    /// The name as written in `hoctap.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Host::GithubPages => "github-pages",
            Host::GitlabPages => "gitlab-pages",
            Host::Netlify => "netlify",
            Host::CloudflarePages => "cloudflare-pages",
            Host::Server => "server",
        }
    }

    /// The host's published limits: Cloudflare Pages 20,000 files of at most 25 MiB each;
    /// GitHub Pages 1 GB a site (and 100 MiB a file, git's limit there); GitLab Pages 1 GB of
    /// artifacts on GitLab.com. Netlify and own servers publish none that a portal reaches.
    pub fn limits(self) -> Limits {
        match self {
            Host::CloudflarePages => Limits { files: Some(20_000), file_bytes: Some(25 * MIB), total_bytes: None },
            Host::GithubPages => Limits { files: None, file_bytes: Some(100 * MIB), total_bytes: Some(GB) },
            Host::GitlabPages => Limits { files: None, file_bytes: None, total_bytes: Some(GB) },
            Host::Netlify | Host::Server => Limits { files: None, file_bytes: None, total_bytes: None },
        }
    }
}

/// The `[deploy]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// Where the portal is published.
    pub host: Host,
}
