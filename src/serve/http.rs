//! A small HTTP server for the in-memory site, with Server-Sent Events for live reload.
//! Local preview only: one thread per connection, GET and HEAD, files from memory.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Shared;
use crate::urls::percent_decode;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__hoctap/reload.js\"></script>";
/// A comment sent to idle event streams so closed tabs are noticed and dropped.
const KEEPALIVE: Duration = Duration::from_secs(15);
/// The most a request line and its headers may take together; browsers send well under 2 KiB.
/// Nothing beyond this is ever kept in memory.
pub(super) const MAX_HEAD: usize = 8 * 1024;
/// The most header lines a request may have.
const MAX_HEADERS: usize = 100;
/// The time a client has to send its whole request head, however slowly it trickles in.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long an refused request's remaining bytes are read and thrown away after the answer,
/// so that closing the connection does not reset it before the client reads the answer.
const DRAIN: Duration = Duration::from_secs(1);

/// Something the browser tabs are told.
#[derive(Debug, Clone)]
pub(super) enum Notice {
    /// A rebuild succeeded: reload.
    Reload,
    /// A rebuild failed: show these problems.
    Problems(Vec<String>),
}

/// Accepts connections forever.
pub(super) fn serve(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (method, path) = match read_request(&mut stream)? {
        Head::Request(method, path) => (method, path),
        Head::Refused(status) => return refuse(stream, status),
        Head::Closed => return Ok(()),
    };
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"", false);
    }
    let head_only = method == "HEAD";
    match path.as_str() {
        "/__hoctap/events" => stream_events(stream, shared),
        "/__hoctap/reload.js" => respond(&mut stream, "200 OK", "text/javascript", RELOAD_JS.as_bytes(), head_only),
        "/__hoctap/status" => {
            let problems = serde_json::to_vec(&*shared.problems()).unwrap_or_default();
            respond(&mut stream, "200 OK", "application/json", &problems, head_only)
        }
        _ => serve_file(&mut stream, shared, &path, head_only),
    }
}

/// What the start of a connection held.
#[derive(Debug, PartialEq, Eq)]
enum Head {
    /// The method and the decoded path.
    Request(String, String),
    /// A request refused before it was read whole: the status to answer.
    Refused(&'static str),
    /// The client closed the connection or sent nothing usable.
    Closed,
}

/// Reads the request line and headers, at most [`MAX_HEAD`] bytes and [`MAX_HEADERS`] lines
/// within [`HEAD_DEADLINE`]: a longer request line is refused with 414, longer or more headers
/// with 431, a client too slow with 408.
fn read_request(stream: &mut TcpStream) -> std::io::Result<Head> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let end = loop {
        if let Some(end) = head_end(&head) {
            break end;
        }
        if head.len() > MAX_HEAD {
            let line_ended = head[..MAX_HEAD].contains(&b'\n');
            return Ok(Head::Refused(if line_ended { "431 Request Header Fields Too Large" } else { "414 URI Too Long" }));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(Head::Refused("408 Request Timeout"));
        }
        stream.set_read_timeout(Some(left))?;
        // Never more than one chunk past the limit.
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Ok(Head::Closed),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return Ok(Head::Refused("408 Request Timeout"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&chunk[..n]);
    };
    if end > MAX_HEAD {
        let line_ended = head[..MAX_HEAD].contains(&b'\n');
        return Ok(Head::Refused(if line_ended { "431 Request Header Fields Too Large" } else { "414 URI Too Long" }));
    }
    let text = String::from_utf8_lossy(&head[..end]);
    let mut lines = text.lines();
    if lines.clone().count() > MAX_HEADERS + 1 {
        return Ok(Head::Refused("431 Request Header Fields Too Large"));
    }
    let mut parts = lines.next().unwrap_or("").split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return Ok(Head::Closed) };
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Head::Request(method.to_string(), percent_decode(path)))
}

/// Where the request head ends (before its blank line), once it has.
fn head_end(head: &[u8]) -> Option<usize> {
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = head.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Answers a refused request and closes, reading what the client still sends for a moment
/// (into a small buffer, thrown away) so that it gets the answer rather than a reset.
fn refuse(mut stream: TcpStream, status: &str) -> std::io::Result<()> {
    respond(&mut stream, status, "text/plain; charset=utf-8", status.as_bytes(), false)?;
    stream.shutdown(Shutdown::Write)?;
    let until = Instant::now() + DRAIN;
    let mut sink = [0u8; 8192];
    while let Some(left) = until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) {
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    Ok(())
}

fn serve_file(stream: &mut TcpStream, shared: &Shared, path: &str, head_only: bool) -> std::io::Result<()> {
    let live = shared.live.read().expect("not poisoned");
    let Some(live) = live.as_ref() else {
        let page = problems_page(&shared.problems());
        return respond(stream, "500 Internal Server Error", "text/html; charset=utf-8", page.as_bytes(), head_only);
    };
    let (status, name, body) = match live.lookup(path) {
        Some(body) => ("200 OK", path, body),
        None => match live.lookup("/404.html") {
            Some(body) => ("404 Not Found", "/404.html", body),
            None => ("404 Not Found", "x.txt", &b"404"[..]),
        },
    };
    let content_type = content_type(name);
    if content_type.starts_with("text/html") {
        let html = inject_reload(body);
        respond(stream, status, content_type, html.as_bytes(), head_only)
    } else {
        respond(stream, status, content_type, body, head_only)
    }
}

/// Adds the reload script before `</body>`: the one difference from `build` output.
fn inject_reload(body: &[u8]) -> String {
    let html = String::from_utf8_lossy(body);
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_TAG}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_TAG}"),
    }
}

/// The page shown when the very first build failed: there is no good site to serve yet.
fn problems_page(problems: &[String]) -> String {
    let text = crate::markdown::escape_html(&problems.join("\n\n"));
    format!("<!doctype html><meta charset=\"utf-8\"><title>hoctap</title><pre>{text}</pre>{RELOAD_TAG}")
}

fn stream_events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n")?;
    let (tx, rx) = mpsc::channel();
    shared.subscribe(tx);
    loop {
        let message = match rx.recv_timeout(KEEPALIVE) {
            Ok(Notice::Reload) => "event: reload\ndata: {}\n\n".to_string(),
            Ok(Notice::Problems(p)) => {
                format!("event: problems\ndata: {}\n\n", serde_json::to_string(&p).unwrap_or_default())
            }
            Err(RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        stream.write_all(message.as_bytes())?;
        stream.flush()?;
    }
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8], head_only: bool) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The media type for a file name.
pub(super) fn content_type(name: &str) -> &'static str {
    let name = if name.ends_with('/') { "index.html" } else { name };
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        _ if !name.contains('.') => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_the_reload_script_before_the_body_ends() {
        assert_eq!(inject_reload(b"<body><p>x</p></body></html>"), format!("<body><p>x</p>{RELOAD_TAG}</body></html>"));
    }

    /// What `read_request` makes of `request`, sent by a client thread over a real socket.
    fn head_of(request: Vec<u8>) -> Head {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            let _ = stream.write_all(&request);
            let _ = stream.shutdown(Shutdown::Write);
            stream
        });
        let (mut stream, _) = listener.accept().unwrap();
        let head = read_request(&mut stream).unwrap();
        drop(stream);
        drop(client.join());
        head
    }

    #[test]
    fn reads_a_request_and_refuses_heads_over_the_limits() {
        let get = |extra: &str| format!("GET /tin-tuc/a%20b/?x=1 HTTP/1.1\r\nHost: a\r\n{extra}\r\n").into_bytes();
        assert_eq!(head_of(get("")), Head::Request("GET".into(), "/tin-tuc/a b/".into()));
        assert_eq!(head_of(b"HEAD / HTTP/1.0\n\n".to_vec()), Head::Request("HEAD".into(), "/".into()));
        let header = format!("X-Big: {}\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(head_of(get(&header)), Head::Refused("431 Request Header Fields Too Large"));
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: 1\r\n")).collect();
        assert_eq!(head_of(get(&many)), Head::Refused("431 Request Header Fields Too Large"));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD)).into_bytes();
        assert_eq!(head_of(long), Head::Refused("414 URI Too Long"));
        let endless = [b"GET / HTTP/1.1\r\nX: ".to_vec(), vec![b'a'; 4 * MAX_HEAD]].concat();
        assert_eq!(head_of(endless), Head::Refused("431 Request Header Fields Too Large"));
        assert_eq!(head_of(Vec::new()), Head::Closed);
    }

    #[test]
    fn names_media_types() {
        assert_eq!(content_type("/a/"), "text/html; charset=utf-8");
        assert_eq!(content_type("/css/main.1.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("/su-kien/a/a.ics"), "text/calendar; charset=utf-8");
    }
}
