//! A small HTTP server for the in-memory site, with Server-Sent Events for live reload.
//! Local preview only: one thread per connection, GET and HEAD, files from memory.

use std::borrow::Cow;
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
    let Request { method, path, range } = match read_request(&mut stream)? {
        Head::Request(request) => request,
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
        _ => serve_file(&mut stream, shared, &path, range.as_deref(), head_only),
    }
}

/// A request, as far as this server reads it.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    /// `GET`, `HEAD`…
    method: String,
    /// The decoded path, without query or fragment.
    path: String,
    /// The `Range` header's value, if any.
    range: Option<String>,
}

/// What the start of a connection held.
#[derive(Debug, PartialEq, Eq)]
enum Head {
    /// A request read whole.
    Request(Request),
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
            return Ok(Head::Refused(if line_ended {
                "431 Request Header Fields Too Large"
            } else {
                "414 URI Too Long"
            }));
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
    let range = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("range"))
        .map(|(_, value)| value.trim().to_string());
    Ok(Head::Request(Request { method: method.to_string(), path: percent_decode(path), range }))
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

fn serve_file(
    stream: &mut TcpStream,
    shared: &Shared,
    path: &str,
    range: Option<&str>,
    head_only: bool,
) -> std::io::Result<()> {
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
    let body: Cow<[u8]> = match content_type.starts_with("text/html") {
        true => Cow::Owned(inject_reload(body).into_bytes()),
        false => Cow::Borrowed(body),
    };
    if status != "200 OK" {
        return respond(stream, status, &content_type, &body, head_only);
    }
    let len = body.len();
    match slice(range, len) {
        Slice::Whole => respond_with(stream, status, &content_type, "Accept-Ranges: bytes\r\n", &body, head_only),
        Slice::Part(start, end) => {
            let headers = format!("Accept-Ranges: bytes\r\nContent-Range: bytes {start}-{end}/{len}\r\n");
            respond_with(stream, "206 Partial Content", &content_type, &headers, &body[start..=end], head_only)
        }
        Slice::Unsatisfiable => {
            let headers = format!("Content-Range: bytes */{len}\r\n");
            respond_with(stream, "416 Range Not Satisfiable", "text/plain; charset=utf-8", &headers, b"", head_only)
        }
    }
}

/// The part of a body a `Range` header asks for.
#[derive(Debug, PartialEq, Eq)]
enum Slice {
    /// No usable range: the whole body, `200`. Several ranges at once are answered this way
    /// too, which RFC 9110 allows; browsers ask for one.
    Whole,
    /// Bytes `start..=end`, `206`.
    Part(usize, usize),
    /// A range starting past the end, `416`.
    Unsatisfiable,
}

/// Reads `bytes=a-b`, `bytes=a-` and `bytes=-n` against a body of `len` bytes.
fn slice(range: Option<&str>, len: usize) -> Slice {
    let Some(spec) = range.and_then(|r| r.trim().strip_prefix("bytes=")) else { return Slice::Whole };
    let Some((first, last)) = spec.trim().split_once('-').filter(|_| !spec.contains(',')) else { return Slice::Whole };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    match (first.trim().is_empty(), number(first), number(last)) {
        (true, _, Some(0)) => Slice::Unsatisfiable,
        (true, _, Some(_)) if len == 0 => Slice::Unsatisfiable,
        (true, _, Some(suffix)) => Slice::Part(len.saturating_sub(suffix), len - 1),
        (false, Some(start), _) if start >= len => Slice::Unsatisfiable,
        (false, Some(start), None) if last.trim().is_empty() => Slice::Part(start, len - 1),
        (false, Some(start), Some(end)) if end >= start => Slice::Part(start, end.min(len - 1)),
        _ => Slice::Whole,
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

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    respond_with(stream, status, content_type, "", body, head_only)
}

/// `headers`: more header lines, each ending in CRLF.
fn respond_with(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    headers: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{headers}Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The media type for a file name, from mime_guess's table (audio, video, office files,
/// fonts…); text types are UTF-8, as hoctap writes them, and a name without an extension is a page.
pub(super) fn content_type(name: &str) -> String {
    let name = if name.ends_with('/') { "index.html" } else { name };
    let last = name.rsplit('/').next().unwrap_or(name);
    if !last.contains('.') {
        return "text/html; charset=utf-8".into();
    }
    // mime_guess lists legacy names first for these two; browsers expect the registered ones.
    let extension = last.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "m4a" => return "audio/mp4".into(),
        "woff" => return "font/woff".into(),
        _ => {}
    }
    let Some(mime) = mime_guess::from_path(last).first() else {
        return "application/octet-stream".into();
    };
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        );
    if text && mime.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.to_string()
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
        let request = |method: &str, path: &str, range: Option<&str>| {
            Head::Request(Request { method: method.into(), path: path.into(), range: range.map(Into::into) })
        };
        assert_eq!(head_of(get("")), request("GET", "/tin-tuc/a b/", None));
        assert_eq!(head_of(b"HEAD / HTTP/1.0\n\n".to_vec()), request("HEAD", "/", None));
        assert_eq!(head_of(get("range:  bytes=0-9 \r\n")), request("GET", "/tin-tuc/a b/", Some("bytes=0-9")));
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
        let cases = [
            ("/a/", "text/html; charset=utf-8"),
            ("/tin-tuc/a", "text/html; charset=utf-8"),
            ("/css/main.1.css", "text/css; charset=utf-8"),
            ("/su-kien/a/a.ics", "text/calendar; charset=utf-8"),
            ("/search.js", "text/javascript; charset=utf-8"),
            ("/atom.xml", "text/xml; charset=utf-8"),
            ("/chi-so/du-lieu.json", "application/json; charset=utf-8"),
            ("/a/bang.csv", "text/csv; charset=utf-8"),
            ("/a/bieu-do.svg", "image/svg+xml; charset=utf-8"),
            ("/a/anh.jpg", "image/jpeg"),
            ("/a/anh.webp", "image/webp"),
            ("/a/tai-lieu.pdf", "application/pdf"),
            ("/a/bai-giang.mp4", "video/mp4"),
            ("/a/bai-giang.webm", "video/webm"),
            ("/a/bai-hat.mp3", "audio/mpeg"),
            ("/a/ghi-am.wav", "audio/wav"),
            ("/a/ghi-am.ogg", "audio/ogg"),
            ("/a/ghi-am.m4a", "audio/mp4"),
            ("/a/ke-hoach.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("/a/so-lieu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("/a/trinh-chieu.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            ("/a/van-ban.doc", "application/msword"),
            ("/a/van-ban.odt", "application/vnd.oasis.opendocument.text"),
            ("/fonts/a.woff2", "font/woff2"),
            ("/fonts/a.woff", "font/woff"),
            ("/a/phu-de.vtt", "text/vtt; charset=utf-8"),
            ("/a/goi.zip", "application/zip"),
            ("/a/khong-ro.xyz123", "application/octet-stream"),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .map(|(n, _)| (*n, content_type(n)))
            .filter(|(n, t)| cases.iter().any(|(m, e)| m == n && e != t))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn reads_ranges_against_the_body_length() {
        assert_eq!(slice(None, 100), Slice::Whole);
        assert_eq!(slice(Some("bytes=0-9"), 100), Slice::Part(0, 9));
        assert_eq!(slice(Some("bytes=90-"), 100), Slice::Part(90, 99));
        assert_eq!(slice(Some("bytes=90-500"), 100), Slice::Part(90, 99));
        assert_eq!(slice(Some("bytes=-10"), 100), Slice::Part(90, 99));
        assert_eq!(slice(Some("bytes=-500"), 100), Slice::Part(0, 99));
        assert_eq!(slice(Some("bytes=100-"), 100), Slice::Unsatisfiable);
        assert_eq!(slice(Some("bytes=-0"), 100), Slice::Unsatisfiable);
        assert_eq!(slice(Some("bytes=0-"), 0), Slice::Unsatisfiable);
        assert_eq!(slice(Some("bytes=9-2"), 100), Slice::Whole);
        assert_eq!(slice(Some("bytes=0-1,5-6"), 100), Slice::Whole);
        assert_eq!(slice(Some("items=0-1"), 100), Slice::Whole);
        assert_eq!(slice(Some("bytes=x-1"), 100), Slice::Whole);
    }
}
