//! `serve`: build into memory, serve on localhost, rebuild what each save touches, and
//! reload the open tabs (or show the problems over the last good page).

mod http;
pub mod live;
pub mod watch;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::config::{Config, Language, Overrides};
use crate::diagnostics::{Diagnostic, Error, Location, Problem, Result};
use crate::output::Output;
use http::Notice;
use live::{LiveSite, Rebuilt};
use watch::{Batches, Rebuild};

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Portal folder.
    pub root: PathBuf,
    /// Address to listen on (loopback unless told otherwise).
    pub bind: std::net::IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Build drafts too.
    pub drafts: bool,
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
pub fn run(options: &Options, lang: Language, report: impl Fn(&Event) + Clone + Send + 'static) -> Result<()> {
    let listener = TcpListener::bind((options.bind, options.port)).map_err(|e| {
        let problem = Problem::Other(format!("cannot listen on {}:{}: {e}", options.bind, options.port));
        Error::content(Location::file("hoctap.toml"), problem)
    })?;
    let address = listener.local_addr().map_err(|e| Error::read(&options.root, e))?;
    let overrides = Overrides { output_dir: None, base_url: Some(format!("http://{address}")), drafts: options.drafts };
    let config = Config::load(&options.root, &overrides)?;
    let batches = Batches::watch(&config.root, &config.output_dir).map_err(|e| {
        Error::content(Location::file(&config.root), Problem::Other(format!("cannot watch files: {e}")))
    })?;
    let shared = Arc::new(Shared { live: RwLock::new(None), problems: RwLock::new(Vec::new()), clients: Mutex::new(Vec::new()) });
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
        match pool.install(|| crate::search::write_index(&input, &output)) {
            Ok(_) => {
                if let Some(live) = shared.live.write().expect("not poisoned").as_mut() {
                    live.merge(output.into_files().expect("a memory output"));
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
    let diagnostics = match error {
        Error::Content(d) => d,
        other => vec![Diagnostic::error(Location::file("hoctap"), Problem::Other(other.to_string()))],
    };
    let lines: Vec<String> = diagnostics.iter().map(|d| d.render(lang)).collect();
    *shared.problems.write().expect("not poisoned") = lines.clone();
    report(&Event::Failed(diagnostics));
    shared.notify(Notice::Problems(lines));
}
