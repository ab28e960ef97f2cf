//! External links over HTTP: each URL fetched once, by a bounded pool of workers with at
//! most a few requests per host at a time, HEAD first and GET when HEAD is refused, with a
//! time limit, and an on-disk cache so a second run within a day fetches nothing again.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Reference, Target};
use crate::diagnostics::{Diagnostic, Diagnostics, LinkFailure, Location, Problem};

/// The cache file, under the portal root.
pub const CACHE_FILE: &str = ".hoctap-cache/links.json";

/// How external links are fetched.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Time limit of one request, redirects included. Default: 10 s.
    pub timeout: Duration,
    /// Requests in flight at once. Default: 8.
    pub workers: usize,
    /// Requests in flight to one host at once. Default: 2.
    pub per_host: usize,
    /// How long a cached result is trusted. Default: 24 h.
    pub cache_ttl: Duration,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            workers: 8,
            per_host: 2,
            cache_ttl: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// Checks every external reference; returns the problems, the number of distinct URLs
/// checked and how many of those answers came from the cache.
pub(crate) fn check_references(
    root: &Path,
    references: &[Reference],
    options: &ExternalOptions,
) -> (Diagnostics, usize, usize) {
    let mut urls: Vec<&str> = references
        .iter()
        .filter_map(|r| match &r.target {
            Target::External(url) if !is_placeholder(url) => Some(without_fragment(url)),
            _ => None,
        })
        .collect();
    urls.sort_unstable();
    urls.dedup();
    let cache_path = root.join(CACHE_FILE);
    let mut cache = Cache::load(&cache_path, options.cache_ttl);
    let (cached, to_fetch): (Vec<&str>, Vec<&str>) = urls.iter().partition(|u| cache.get(u).is_some());
    let fetched = fetch_all(&to_fetch, options);
    let mut results: HashMap<&str, Option<LinkFailure>> =
        cached.iter().map(|u| (*u, cache.get(u).cloned().flatten())).collect();
    for (url, result) in to_fetch.iter().zip(fetched) {
        cache.put(url, &result);
        results.insert(url, result);
    }
    let mut problems = Diagnostics::new();
    if let Err(why) = cache.save(&cache_path) {
        let problem = Problem::Io { write: true, reason: crate::diagnostics::IoReason::of(&why) };
        problems.push(Diagnostic::warning(Location::file(CACHE_FILE), problem));
    }
    for reference in references {
        let Target::External(url) = &reference.target else { continue };
        if let Some(Some(failure)) = results.get(without_fragment(url)) {
            let (url, failure) = (reference.written.clone(), failure.clone());
            problems.push(if failure.is_definite() {
                Diagnostic::error(reference.at.clone(), Problem::BrokenExternalLink { url, failure })
            } else {
                Diagnostic::warning(reference.at.clone(), Problem::UnverifiedExternalLink { url, failure })
            });
        }
    }
    (problems, urls.len(), cached.len())
}

/// The URL a server is asked for: the fragment never leaves the browser, so
/// `…/a#x` and `…/a#y` are one fetch.
fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// Whether a URL points at a name reserved for examples and tests (RFC 2606, RFC 6761):
/// `example.com`, `example.org`, `example.net` and `.example`, `.invalid`, `.test`.
pub fn is_placeholder(url: &str) -> bool {
    let Some(host) = host_of(url) else { return false };
    ["example.com", "example.org", "example.net"].iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || [".example", ".invalid", ".test"].iter().any(|tld| host.ends_with(tld))
}

/// The lowercase host of an `http(s)://` URL.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next()?.to_string()
    };
    Some(host.to_ascii_lowercase()).filter(|h| !h.is_empty())
}

/// Fetches every URL; `None` is a working link. The results are in the order of `urls`.
pub fn fetch_all(urls: &[&str], options: &ExternalOptions) -> Vec<Option<LinkFailure>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("hoctap-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let queue = HostQueue::new(urls, options.per_host.max(1));
    let results: Mutex<Vec<Option<LinkFailure>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..options.workers.clamp(1, urls.len().max(1)) {
            scope.spawn(|| {
                while let Some((i, host)) = queue.next() {
                    let result = fetch(&agent, urls[i], options.timeout);
                    queue.done(&host);
                    results.lock().expect("no worker panicked")[i] = result;
                }
            });
        }
    });
    results.into_inner().expect("no worker panicked")
}

/// The waiting (index, URL) pairs, and requests in flight per host.
type QueueState = (VecDeque<(usize, String)>, HashMap<String, usize>);

/// URLs waiting to be fetched, handed out so that no host has more than `per_host`
/// requests in flight.
struct HostQueue {
    state: Mutex<QueueState>,
    freed: Condvar,
    per_host: usize,
}

impl HostQueue {
    fn new(urls: &[&str], per_host: usize) -> HostQueue {
        let pending = urls.iter().enumerate().map(|(i, u)| (i, host_of(u).unwrap_or_default())).collect();
        HostQueue { state: Mutex::new((pending, HashMap::new())), freed: Condvar::new(), per_host }
    }

    /// The next URL whose host has room, waiting for one when every host is busy; `None`
    /// when nothing is left.
    fn next(&self) -> Option<(usize, String)> {
        let mut state = self.state.lock().expect("no worker panicked");
        loop {
            let (pending, in_flight) = &mut *state;
            if pending.is_empty() {
                return None;
            }
            let free = pending.iter().position(|(_, h)| in_flight.get(h).copied().unwrap_or(0) < self.per_host);
            if let Some(at) = free {
                let (i, host) = pending.remove(at).expect("position is in range");
                *in_flight.entry(host.clone()).or_insert(0) += 1;
                return Some((i, host));
            }
            state = self.freed.wait(state).expect("no worker panicked");
        }
    }

    fn done(&self, host: &str) {
        let mut state = self.state.lock().expect("no worker panicked");
        if let Some(n) = state.1.get_mut(host) {
            *n -= 1;
        }
        self.freed.notify_all();
    }
}

/// One URL: HEAD, then GET when HEAD fails in a way a GET might not (many servers refuse or
/// mishandle HEAD). Redirects are followed.
fn fetch(agent: &ureq::Agent, url: &str, timeout: Duration) -> Option<LinkFailure> {
    let url = crate::urls::percent_encode(url);
    match request(agent.head(&url).call(), timeout) {
        None => None,
        Some(failure @ (LinkFailure::Timeout { .. } | LinkFailure::HostNotFound | LinkFailure::TooManyRedirects)) => {
            Some(failure)
        }
        Some(_) => request(agent.get(&url).call(), timeout),
    }
}

fn request(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>, timeout: Duration) -> Option<LinkFailure> {
    match result {
        Ok(response) if response.status().is_success() => None,
        Ok(response) => Some(LinkFailure::Status(response.status().as_u16())),
        Err(error) => Some(failure_of(error, timeout)),
    }
}

fn failure_of(error: ureq::Error, timeout: Duration) -> LinkFailure {
    match error {
        ureq::Error::Timeout(_) => LinkFailure::Timeout { seconds: timeout.as_secs().max(1) },
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            LinkFailure::Timeout { seconds: timeout.as_secs().max(1) }
        }
        ureq::Error::HostNotFound => LinkFailure::HostNotFound,
        ureq::Error::TooManyRedirects => LinkFailure::TooManyRedirects,
        ureq::Error::StatusCode(code) => LinkFailure::Status(code),
        ureq::Error::BadUri(why) => LinkFailure::InvalidUrl(why),
        other => LinkFailure::Connection(other.to_string()),
    }
}

/// Results of earlier runs: URL → when it was checked and what failed (nothing for a
/// working link). Only lasting answers are kept; timeouts and server errors are asked again.
struct Cache {
    entries: BTreeMap<String, CacheEntry>,
    now: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheEntry {
    checked: u64,
    failure: Option<LinkFailure>,
}

impl Cache {
    /// Reads the cache; a missing or unreadable file is an empty cache.
    fn load(path: &Path, ttl: Duration) -> Cache {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let entries: BTreeMap<String, CacheEntry> =
            std::fs::read_to_string(path).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
        let mut cache = Cache { entries, now };
        cache.entries.retain(|_, e| now.saturating_sub(e.checked) < ttl.as_secs() && e.checked <= now);
        cache
    }

    /// `Some(None)` for a cached working link, `Some(Some(failure))` for a cached broken one.
    fn get(&self, url: &str) -> Option<&Option<LinkFailure>> {
        self.entries.get(url).map(|e| &e.failure)
    }

    fn put(&mut self, url: &str, result: &Option<LinkFailure>) {
        if result.as_ref().is_none_or(LinkFailure::is_definite) {
            self.entries.insert(url.to_string(), CacheEntry { checked: self.now, failure: result.clone() });
        }
    }

    /// Writes the cache beside the portal's sources (through a temporary file, so a run
    /// that is stopped never leaves half a file).
    fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&dir)?;
        let temporary = dir.join(".links.json.tmp");
        let text = serde_json::to_string_pretty(&self.entries).map_err(std::io::Error::other)?;
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn recognises_placeholder_domains() {
        assert!(is_placeholder("https://example.org/hoc-lieu"));
        assert!(is_placeholder("http://www.example.com"));
        assert!(is_placeholder("https://thu-vien.test/a"));
        assert!(!is_placeholder("https://xhht.thapmuoi.example.vn/"));
        assert!(!is_placeholder("https://moet.gov.vn/"));
    }

    #[test]
    fn finds_the_host_of_a_url() {
        assert_eq!(host_of("https://User@Thuvien.VN:8080/a?b#c").as_deref(), Some("thuvien.vn"));
        assert_eq!(host_of("http://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(host_of("mailto:a@b"), None);
    }

    #[test]
    fn encodes_vietnamese_letters_and_spaces() {
        assert_eq!(
            crate::urls::percent_encode("https://vi.wikipedia.org/wiki/Học tập"),
            "https://vi.wikipedia.org/wiki/H%E1%BB%8Dc%20t%E1%BA%ADp"
        );
    }

    /// A server on 127.0.0.1 that answers 200 after `delay`, counting the requests in
    /// flight at once; it stops after `requests` requests.
    fn slow_server(requests: usize, delay: Duration) -> (u16, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let (current, max) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let max_seen = Arc::clone(&max);
        std::thread::spawn(move || {
            for stream in listener.incoming().take(requests) {
                let (current, max) = (Arc::clone(&current), Arc::clone(&max));
                std::thread::spawn(move || {
                    let mut stream = stream.expect("connection");
                    let mut line = String::new();
                    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                        line.clear();
                    }
                    let now = current.fetch_add(1, Ordering::SeqCst) + 1;
                    max.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(delay);
                    current.fetch_sub(1, Ordering::SeqCst);
                    let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                });
            }
        });
        (port, max_seen)
    }

    #[test]
    fn never_sends_more_than_the_per_host_limit_at_once() {
        let (port, max) = slow_server(6, Duration::from_millis(300));
        let urls: Vec<String> = (0..6).map(|i| format!("http://127.0.0.1:{port}/{i}")).collect();
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        let options = ExternalOptions { timeout: Duration::from_secs(5), ..Default::default() };
        let results = fetch_all(&urls, &options);
        assert!(results.iter().all(Option::is_none), "{results:?}");
        assert_eq!(max.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn caches_lasting_answers_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(CACHE_FILE);
        let mut cache = Cache::load(&path, Duration::from_secs(60));
        cache.put("https://a.vn/", &None);
        cache.put("https://b.vn/", &Some(LinkFailure::Status(404)));
        cache.put("https://c.vn/", &Some(LinkFailure::Timeout { seconds: 10 }));
        cache.save(&path).expect("save");
        let cache = Cache::load(&path, Duration::from_secs(60));
        assert_eq!(cache.get("https://a.vn/"), Some(&None));
        assert_eq!(cache.get("https://b.vn/"), Some(&Some(LinkFailure::Status(404))));
        assert_eq!(cache.get("https://c.vn/"), None);
        assert_eq!(Cache::load(&path, Duration::ZERO).get("https://a.vn/"), None, "expired");
    }
}
