//! `serve`: build into memory, serve on localhost, rebuild what each save touches, and
//! reload the open tabs (or show the problems over the last good page).

mod http;
pub mod live;
pub mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::config::{Config, Overrides};
use crate::diagnostics::{Diagnostic, Error, Location, Problem, Result};
use crate::language::Language;
use crate::output::Output;
use http::Notice;
use live::{LiveSite, Rebuilt};
use watch::{Batches, Rebuild};

/// How many ports after a busy one are tried before the system is asked for any free port.
pub const PORT_TRIES: u16 = 10;

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Portal folder.
    pub root: PathBuf,
    /// Build drafts too.
    pub drafts: bool,
    /// `--base-url`: a URL, or a host alone (`192.168.1.5`) that gets `http://` and the port.
    /// `None`: `http://` and the address listened on.
    pub base_url: Option<String>,
    /// Look for changes every [`watch::POLL_INTERVAL`] instead of waiting for system events.
    pub poll: bool,
}

/// Where `serve` listens.
#[derive(Debug)]
pub struct Listening {
    /// The listening socket.
    pub listener: TcpListener,
    /// The port asked for, when it was busy and another one is used.
    pub busy: Option<u16>,
}

/// Listens on `bind:port`; a busy port gives way to the next free one (up to [`PORT_TRIES`]
/// after it), then to any port the system picks. A port that needs rights, an address this
/// computer lacks or any other refusal is a diagnostic naming `--port` or `--bind`.
pub fn listen(bind: IpAddr, port: u16) -> std::result::Result<Listening, Box<Diagnostic>> {
    let candidates: Vec<u16> = match port {
        0 => vec![0],
        _ => (0..=PORT_TRIES).filter_map(|i| port.checked_add(i)).chain([0]).collect(),
    };
    let mut busy = None;
    for candidate in candidates {
        match TcpListener::bind((bind, candidate)) {
            Ok(listener) => return Ok(Listening { listener, busy }),
            Err(e) if e.kind() == ErrorKind::AddrInUse => busy = Some(port),
            Err(e) => return Err(Box::new(listen_problem(bind, candidate, &e))),
        }
    }
    let e = std::io::Error::from(ErrorKind::AddrInUse);
    Err(Box::new(listen_problem(bind, port, &e)))
}

/// The diagnostic for a refused `bind`, located at the flag the user can change.
pub fn listen_problem(bind: IpAddr, port: u16, error: &std::io::Error) -> Diagnostic {
    match error.kind() {
        ErrorKind::PermissionDenied => Diagnostic::error(Location::file("--port"), Problem::PortNeedsRights { port }),
        ErrorKind::AddrNotAvailable => {
            Diagnostic::error(Location::file("--bind"), Problem::AddressNotHere { address: bind })
        }
        _ => {
            let address = SocketAddr::new(bind, port).to_string();
            Diagnostic::error(Location::file("--port"), Problem::CannotListen { address, reason: error.to_string() })
        }
    }
}

/// The base URL links are made with: `--base-url` as given when it has a scheme, a bare host
/// with `http://` and the port, else the address listened on.
fn base_url(given: Option<&str>, address: SocketAddr) -> String {
    match given {
        Some(url) if url.contains("://") => url.to_string(),
        Some(host) => format!("http://{}:{}", host.trim_end_matches('/'), address.port()),
        None => format!("http://{address}"),
    }
}

/// What happened, for the command line to print.
#[derive(Debug)]
pub enum Event {
    /// Listening at this address.
    Ready(SocketAddr),
    /// A rebuild succeeded.
    Rebuilt {
        /// What triggered it: a page path, or `None` for a full rebuild.
        page: Option<String>,
        /// Files rendered.
        files: usize,
        /// How long it took.
        took: Duration,
    },
    /// A rebuild failed; the last good site stays served.
    Failed(Vec<Diagnostic>),
}

/// State shared by the server threads and the rebuild loop.
pub struct Shared {
    live: RwLock<Option<LiveSite>>,
    problems: RwLock<Vec<String>>,
    clients: Mutex<Vec<Sender<Notice>>>,
}

impl Shared {
    fn problems(&self) -> Vec<String> {
        self.problems.read().expect("not poisoned").clone()
    }

    fn subscribe(&self, client: Sender<Notice>) {
        self.clients.lock().expect("not poisoned").push(client);
    }

    /// Tells every open tab; tabs that went away are dropped.
    fn notify(&self, notice: Notice) {
        self.clients.lock().expect("not poisoned").retain(|c| c.send(notice.clone()).is_ok());
    }
}

/// Serves the portal until the process is stopped, calling `report` for every event.
pub fn run(
    options: &Options,
    listener: TcpListener,
    lang: Language,
    report: impl Fn(&Event) + Clone + Send + 'static,
) -> Result<()> {
    let address = listener.local_addr().map_err(|e| Error::read(&options.root, e))?;
    let base_url = base_url(options.base_url.as_deref(), address);
    let overrides = Overrides { output_dir: None, base_url: Some(base_url), drafts: options.drafts };
    let config = Config::load(&options.root, &overrides)?;
    let poll = options.poll.then_some(watch::POLL_INTERVAL);
    let batches = Batches::watch(&config.root, &config.output_dir, poll)
        .map_err(|e| Error::content(Location::file(&config.root), Problem::CannotWatch { reason: e.to_string() }))?;
    let shared = Arc::new(Shared {
        live: RwLock::new(None),
        problems: RwLock::new(Vec::new()),
        clients: Mutex::new(Vec::new()),
    });
    full_rebuild(&shared, config, lang, &report);
    let server = Arc::clone(&shared);
    std::thread::spawn(move || http::serve(listener, server));
    let (search, requests) = std::sync::mpsc::channel();
    let worker = Arc::clone(&shared);
    let worker_report = report.clone();
    std::thread::spawn(move || search_worker(worker, requests, lang, worker_report));
    report(&Event::Ready(address));
    while let Some(changes) = batches.next() {
        match watch::policy(&changes) {
            Some(Rebuild::Page(rel)) => {
                page_rebuild(&shared, &search, (&options.root, &overrides), &rel, lang, &report)
            }
            Some(Rebuild::Full) => match Config::load(&options.root, &overrides) {
                Ok(config) => full_rebuild(&shared, config, lang, &report),
                Err(e) => fail(&shared, e, lang, &report),
            },
            None => {}
        }
    }
    Ok(())
}

fn full_rebuild(shared: &Shared, config: Config, lang: Language, report: &impl Fn(&Event)) {
    let start = Instant::now();
    match LiveSite::build(config) {
        Ok(site) => {
            let files = site.files().len();
            *shared.live.write().expect("not poisoned") = Some(site);
            succeed(shared, report, Event::Rebuilt { page: None, files, took: start.elapsed() });
        }
        Err(e) => fail(shared, e, lang, report),
    }
}

fn page_rebuild(
    shared: &Shared,
    search: &Sender<()>,
    (root, overrides): (&std::path::Path, &Overrides),
    rel: &str,
    lang: Language,
    report: &impl Fn(&Event),
) {
    let start = Instant::now();
    let outcome = match shared.live.write().expect("not poisoned").as_mut() {
        Some(live) => live.rebuild_page(rel),
        None => Ok(None),
    };
    match outcome {
        Ok(Some(Rebuilt::Page { files } | Rebuilt::Full { files })) => {
            succeed(shared, report, Event::Rebuilt { page: Some(rel.to_string()), files, took: start.elapsed() });
            let _ = search.send(());
        }
        Ok(None) => match Config::load(root, overrides) {
            Ok(config) => full_rebuild(shared, config, lang, report),
            Err(e) => fail(shared, e, lang, report),
        },
        Err(e) => fail(shared, e, lang, report),
    }
}

/// Rebuilds the search index in the background after pages were rebuilt, so a save is
/// served at once and the next save never waits for the index. Saves made while it builds
/// are gathered into one more build.
fn search_worker(shared: Arc<Shared>, requests: Receiver<()>, lang: Language, report: impl Fn(&Event)) {
    // Its own single thread: the shared pool stays free for the page rebuilds a save needs.
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(1).build() else { return };
    while requests.recv().is_ok() {
        while requests.try_recv().is_ok() {}
        // Inside the worker's own pool: preparing runs in parallel too, and must not take the
        // global pool's threads from the next page rebuild.
        let input = pool.install(|| shared.live.read().expect("not poisoned").as_ref().map(LiveSite::search_input));
        let Some(input) = input else {
            continue;
        };
        let output = Output::memory();
        match pool.install(|| crate::search::write_index(input, &output)) {
            Ok(_) => {
                if let Some(live) = shared.live.write().expect("not poisoned").as_mut() {
                    live.replace_search_index(output.into_files().expect("a memory output"));
                }
            }
            Err(e) => fail(&shared, e, lang, &report),
        }
    }
}

fn succeed(shared: &Shared, report: &impl Fn(&Event), event: Event) {
    shared.problems.write().expect("not poisoned").clear();
    report(&event);
    shared.notify(Notice::Reload);
}

fn fail(shared: &Shared, error: Error, lang: Language, report: &impl Fn(&Event)) {
    let diagnostics = error.to_diagnostics();
    let lines: Vec<String> = diagnostics.iter().map(|d| d.render(lang)).collect();
    *shared.problems.write().expect("not poisoned") = lines.clone();
    report(&Event::Failed(diagnostics));
    shared.notify(Notice::Problems(lines));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_gives_way_to_the_next_free_one() {
        let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let listening = listen(IpAddr::from([127, 0, 0, 1]), port).unwrap();
        assert_eq!(listening.busy, Some(port));
        assert_ne!(listening.listener.local_addr().unwrap().port(), port);
    }

    #[test]
    fn refusals_name_the_flag_to_change() {
        let bind = IpAddr::from([127, 0, 0, 1]);
        let rights = listen_problem(bind, 80, &ErrorKind::PermissionDenied.into());
        assert_eq!((rights.location.path.to_str(), rights.problem.code()), (Some("--port"), "port-needs-rights"));
        let (message, help) = rights.message(Language::En);
        assert_eq!(message, "port 80 needs administrator rights on this computer (ports below 1024 are reserved)");
        assert!(help.unwrap().contains("--port 1111"));
        let elsewhere = listen_problem(bind, 1111, &ErrorKind::AddrNotAvailable.into());
        assert_eq!(elsewhere.problem.code(), "address-not-here");
        assert_eq!(elsewhere.location.path.to_str(), Some("--bind"));
    }

    #[test]
    fn a_bare_host_gets_the_scheme_and_the_port() {
        let address: SocketAddr = "0.0.0.0:1112".parse().unwrap();
        assert_eq!(base_url(Some("192.168.1.5"), address), "http://192.168.1.5:1112");
        assert_eq!(base_url(Some("https://xhht.example.vn/cong"), address), "https://xhht.example.vn/cong");
        assert_eq!(base_url(None, address), "http://0.0.0.0:1112");
    }
}
