//! A small HTTP server for the in-memory site, with Server-Sent Events for live reload.
//! Local preview only: one thread per connection, GET and HEAD, files from memory.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use super::Shared;
use crate::urls::percent_decode;

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_TAG: &str = "<script src=\"/__hoctap/reload.js\"></script>";
/// A comment sent to idle event streams so closed tabs are noticed and dropped.
const KEEPALIVE: Duration = Duration::from_secs(15);

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
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some((method, path)) = read_request(&stream)? else { return Ok(()) };
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

/// Reads the request line and headers; returns the method and the decoded path.
fn read_request(stream: &TcpStream) -> std::io::Result<Option<(String, String)>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return Ok(None) };
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Some((method.to_string(), percent_decode(path))))
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

    #[test]
    fn names_media_types() {
        assert_eq!(content_type("/a/"), "text/html; charset=utf-8");
        assert_eq!(content_type("/css/main.1.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("/su-kien/a/a.ics"), "text/calendar; charset=utf-8");
    }
}
