//! The `[deploy]` table of `hoctap.toml`: which static host serves the portal, so `check` can
//! warn before the output breaks the host's limits.

pub(crate) mod host;

pub(crate) use host::{DeployConfig, Host};

/// A year: the cache lifetime of files whose names carry a hash of their content.
const IMMUTABLE: &str = "Cache-Control: public, max-age=31536000, immutable";

/// For Netlify and Cloudflare Pages: `_headers` (hashed assets cached for a year; HTML keeps the
/// hosts' default, revalidated on every visit) and `_redirects` (each alias a real 301, the
/// alias pages staying for other hosts). `assets`: site paths of the fingerprinted files.
pub(crate) fn write_host_files(
    site: &crate::Site,
    assets: &[&str],
    output: &crate::output::Output,
) -> crate::Result<()> {
    let Some(DeployConfig { host: Host::Netlify | Host::CloudflarePages }) = site.config.deploy else { return Ok(()) };
    let config = &site.config;
    let owner = crate::output::Owner::Generated(crate::output::Generated::HostFiles);
    let mut headers = String::from("# hoctap: files named by a hash of their content never change.\n");
    for asset in assets.iter().filter(|a| !a.is_empty()) {
        headers.push_str(&format!("{}\n  {IMMUTABLE}\n", config.link(asset)));
    }
    output.write("/_headers", headers.as_bytes(), owner.clone())?;
    let mut redirects = String::from("# hoctap: old addresses (`aliases`) of pages.\n");
    for (alias, page) in &site.resolved.aliases {
        let target = config.link(&site.content.pages[*page].url);
        redirects.push_str(&format!("{} {target} 301\n", config.link(alias)));
    }
    output.write("/_redirects", redirects.as_bytes(), owner)
}

/// How many of the largest files a limit warning names.
const NAMED_FILES: usize = 5;

/// The host's limits that `files` (site path → bytes) break, each with the largest files.
pub(crate) fn broken_limits(host: Host, files: &[(&str, u64)]) -> Vec<crate::diagnostics::Problem> {
    use crate::diagnostics::{HostLimitKind, Problem};
    let limits = host.limits();
    let mut largest: Vec<(String, u64)> = files.iter().map(|(path, bytes)| (path.to_string(), *bytes)).collect();
    largest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top = |list: &[(String, u64)]| list.iter().take(NAMED_FILES).cloned().collect::<Vec<_>>();
    let mut found = Vec::new();
    let problem = |limit, largest| Problem::HostLimit { host: host.as_str(), limit, largest };
    if let Some(limit) = limits.files.filter(|limit| files.len() > *limit) {
        found.push(problem(HostLimitKind::Files { count: files.len(), limit }, top(&largest)));
    }
    if let Some(limit) = limits.file_bytes {
        let over: Vec<(String, u64)> = largest.iter().filter(|(_, bytes)| *bytes > limit).cloned().collect();
        if !over.is_empty() {
            found.push(problem(HostLimitKind::FileSize { limit }, top(&over)));
        }
    }
    let total: u64 = files.iter().map(|(_, bytes)| bytes).sum();
    if let Some(limit) = limits.total_bytes.filter(|limit| total > *limit) {
        found.push(problem(HostLimitKind::TotalSize { bytes: total, limit }, top(&largest)));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{HostLimitKind, Problem};
    use host::{GB, MIB};

    #[test]
    fn cloudflare_pages_limits_name_the_largest_files() {
        let names: Vec<String> = (0..20_001).map(|i| format!("/f/{i}.html")).collect();
        let mut files: Vec<(&str, u64)> = names.iter().map(|n| (n.as_str(), 1_000)).collect();
        files.push(("/hoc-lieu/video.mp4", 30 * MIB));
        files.push(("/hoc-lieu/sach.pdf", 25 * MIB + 1));
        files.push(("/hoc-lieu/vua.pdf", 25 * MIB));
        let found = broken_limits(Host::CloudflarePages, &files);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(matches!(
            &found[0],
            Problem::HostLimit { limit: HostLimitKind::Files { count: 20_004, limit: 20_000 }, .. }
        ));
        let Problem::HostLimit { limit: HostLimitKind::FileSize { limit }, largest, .. } = &found[1] else { panic!() };
        assert_eq!(*limit, 25 * MIB);
        assert_eq!(
            largest,
            &[("/hoc-lieu/video.mp4".to_string(), 30 * MIB), ("/hoc-lieu/sach.pdf".to_string(), 25 * MIB + 1)]
        );
        let location = crate::diagnostics::Location::file("hoctap.toml");
        let (message, help) =
            crate::diagnostics::Diagnostic::warning(location, found[1].clone()).message(crate::Language::Vi);
        let help = help.unwrap();
        assert!(message.contains("25.0 MiB") && help.contains("/hoc-lieu/video.mp4 (30.0 MiB)"), "{message} {help}");
    }

    #[test]
    fn github_pages_counts_the_whole_site_and_servers_have_no_limits() {
        let files = [("/a.mp4", 600_000_000), ("/b.mp4", 500_000_000)];
        let found = broken_limits(Host::GithubPages, &files);
        assert!(
            matches!(
                &found[..],
                [
                    Problem::HostLimit { limit: HostLimitKind::FileSize { .. }, .. },
                    Problem::HostLimit { limit: HostLimitKind::TotalSize { bytes: 1_100_000_000, limit: GB }, .. }
                ]
            ),
            "{found:?}"
        );
        assert!(broken_limits(Host::Server, &files).is_empty());
        assert!(broken_limits(Host::CloudflarePages, &[("/index.html", 10)]).is_empty());
    }
}
