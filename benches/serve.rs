//! Incremental rebuild benchmark: the time from saving one news page to its new HTML being
//! served by `hoctap serve`, on a generated 10,000-page portal (`-- <pages>` to change it,
//! `-- --heavy` for the heavy corpus's long pages).
//! It runs the real binary and edits a real file, so the watcher's debounce is included.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/portal.rs"]
mod portal;

/// Saves measured.
const SAVES: usize = 20;

fn main() {
    let pages = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let corpus = if std::env::args().any(|a| a == "--heavy") { portal::Corpus::Heavy } else { portal::Corpus::Light };
    let root = portal::portal(pages, corpus);
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoctap"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hoctap serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let port: u16 = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.split("127.0.0.1:").nth(1).and_then(|r| r.split('/').next()).and_then(|p| p.parse().ok()))
        .expect("serve prints its address");
    let log = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());

    let file = root.join("content/tin-tuc/news-000042.md");
    let original = std::fs::read_to_string(&file).expect("bench page");
    let mut times = Vec::with_capacity(SAVES);
    for n in 0..SAVES {
        let marker = format!("Bản sửa {n}");
        let edited = original.replacen("title = \"", &format!("title = \"{marker} "), 1);
        let start = Instant::now();
        std::fs::write(&file, edited).expect("save");
        while !get(port, "/tin-tuc/news-000042/").contains(&marker) {
            assert!(start.elapsed() < Duration::from_secs(30), "the edit never appeared");
            std::thread::sleep(Duration::from_millis(1));
        }
        times.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::write(&file, original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
    let log = log.join().unwrap_or_default();
    let mut rebuilds: Vec<f64> = log
        .iter()
        .filter(|l| l.contains("news-000042"))
        .filter_map(|l| l.rsplit('(').next()?.trim_end_matches(" ms)").parse().ok())
        .collect();
    rebuilds.sort_by(f64::total_cmp);
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save → served, {pages} pages ({} corpus), {SAVES} saves: median {:.0} ms, max {:.0} ms (debounce {} ms included); \
         the rebuild itself: median {:.0} ms, max {:.0} ms",
        corpus.name(),
        ms(times[SAVES / 2]),
        ms(times[SAVES - 1]),
        hoctap::serve::watch::QUIET.as_millis(),
        rebuilds.get(rebuilds.len() / 2).copied().unwrap_or(f64::NAN),
        rebuilds.last().copied().unwrap_or(f64::NAN),
    );
}

fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return String::new() };
    let _ = write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}
