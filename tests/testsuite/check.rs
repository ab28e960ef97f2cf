//! `hoctap check`: every problem a build reports plus links, anchors, images and files
//! written in markdown and the menu, `--format json`, and `--external` against a server this
//! test starts on 127.0.0.1 (never any other address).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::util::{broken_internal_refs, describe_broken, Build, PortalTest};

/// The problem line at `location` (`content/a.md:8:17`) in check's output: its level and
/// message, and the help line under it.
#[track_caller]
fn problem_at(check: &Build, location: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = check.stdout.lines().collect();
    let prefix = format!("{location}: ");
    let at = lines
        .iter()
        .position(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no problem at `{location}` in:\n{}", check.stdout));
    let help = lines.get(at + 1).and_then(|l| l.strip_prefix("  = ")).map(str::to_string);
    (lines[at][prefix.len()..].to_string(), help)
}

/// The lines that start with a location.
fn problem_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("content/") || l.starts_with("hoctap.toml")).collect()
}

#[test]
fn a_portal_with_every_kind_of_good_link_passes_and_writes_nothing() {
    let portal = PortalTest::new("check/clean");
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 0, "stdout:\n{}\nstderr:\n{}", check.stdout, check.stderr);
    assert!(check.stdout.starts_with("Không có vấn đề nào: đã kiểm tra 5 trang, "), "{}", check.stdout);
    assert!(!portal.root().join("site").exists(), "check wrote the site");
    // The same portal, built: an independent checker agrees that no link is broken.
    let build = portal.build().success();
    let broken = broken_internal_refs(&build, "https://xhht.example.vn/cong", "/cong");
    assert!(broken.is_empty(), "{}", describe_broken(&broken));
}

#[test]
fn reports_each_kind_of_broken_reference_at_its_line_and_column() {
    let check = PortalTest::new("check/broken").run("check", &["--lang", "en"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let cases = [
        (
            "content/tin-tuc/bai-1.md:8:17",
            "error: link `/tin-tuc/bai-3/` leads to no page or file",
            Some("did you mean `/tin-tuc/bai-1/`?"),
        ),
        ("content/tin-tuc/bai-1.md:9:15", "error: link `/tin-tuc/bai-2/#muc-tieu-chung` points to a heading", None),
        (
            "content/tin-tuc/bai-1.md:10:36",
            "error: link `#muc-ba` points to a heading",
            Some("did you mean `#muc-hai`?"),
        ),
        ("content/tin-tuc/bai-1.md:11:15", "error: link `anh-hoi-sach.jpg` leads to no page or file", Some("static/")),
        ("content/tin-tuc/bai-1.md:12:15", "error: link `/tai-lieu/ke-hoach.pdf` leads to no page or file", None),
        ("content/tin-tuc/bai-1.md:13:15", "error: link `/cong/tin-tuc/` leads", Some("did you mean `/tin-tuc/`?")),
        ("content/tin-tuc/bai-1.md:14:17", "error: link `../../../etc/` climbs above the site's root", None),
        ("content/tin-tuc/bai-1.md:15:14", "warning: `https://example.org/hoc-lieu` is a placeholder", None),
        ("content/tin-tuc/bai-1.md:16", "error: link `@/tin-tuc/bai-4.md` points to a file that does not exist", None),
        ("hoctap.toml:11:8", "error: link `/su-kien/` leads to no page or file", None),
    ];
    for (location, message, help) in cases {
        let (found, found_help) = problem_at(&check, location);
        assert!(found.starts_with(message), "at {location}: {found:?} is not {message:?}");
        if let Some(help) = help {
            let found_help = found_help.unwrap_or_default();
            assert!(found_help.contains(help), "at {location}: help {found_help:?} lacks {help:?}");
        }
    }
    assert_eq!(problem_lines(&check.stdout).len(), cases.len(), "{}", check.stdout);
    assert!(check.stdout.trim_end().ends_with(&format!(
        "9 error(s), 1 warning(s): checked 2 pages, 9 site links in {} ms",
        check.stdout.trim_end().rsplit(" in ").next().unwrap().trim_end_matches(" ms")
    )));
}

#[test]
fn prints_problems_as_a_json_array_for_ci() {
    let check = PortalTest::new("check/broken").run("check", &["--format", "json"]);
    assert_eq!(check.code, 1);
    let problems: serde_json::Value = serde_json::from_str(&check.stdout).expect("stdout is JSON");
    let problems = problems.as_array().expect("an array");
    assert_eq!(problems.len(), 10);
    let first = &problems[0];
    assert_eq!(first["file"], "content/tin-tuc/bai-1.md");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(8), Some(17)));
    assert_eq!((first["level"].as_str(), first["code"].as_str()), (Some("error"), Some("broken-link")));
    // The portal is Vietnamese, so are the messages.
    assert!(first["message"].as_str().unwrap().contains("không dẫn tới trang hay tệp nào"));
    let codes: Vec<&str> = problems.iter().map(|p| p["code"].as_str().unwrap()).collect();
    for code in ["broken-link", "broken-anchor", "link-leaves-site", "placeholder-link"] {
        assert!(codes.contains(&code), "{codes:?} lacks {code}");
    }
    let warning = problems.iter().find(|p| p["code"] == "placeholder-link").unwrap();
    assert_eq!(warning["level"], "warning");
}

#[test]
fn reports_every_problem_a_build_reports() {
    let portal = PortalTest::new("errors/many-problems");
    let build = portal.build().failure();
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 1);
    let expected = problem_lines(&build.stderr);
    assert!(!expected.is_empty());
    let found = problem_lines(&check.stdout);
    for line in expected {
        assert!(found.contains(&line), "check lacks {line:?}:\n{}", check.stdout);
    }
}

#[test]
fn warnings_alone_do_not_fail_the_check() {
    let check = PortalTest::new("check/clean")
        .file(
            "content/tin-tuc/bai-3.md",
            "+++\ntitle = \"Ba\"\ndate = 2024-01-01\n+++\n\n[x](https://www.example.com/)\n",
        )
        .run("check", &[]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stdout.contains("content/tin-tuc/bai-3.md:6:1: cảnh báo: `https://www.example.com/` là địa chỉ mẫu"));
    assert!(check.stdout.contains("Có 0 lỗi, 1 cảnh báo"), "{}", check.stdout);
}

#[test]
fn a_folder_without_config_is_an_error() {
    let portal = PortalTest::empty();
    std::fs::create_dir_all(portal.root()).unwrap();
    let check = portal.run("check", &["--lang", "en"]);
    assert_eq!(check.code, 1);
    assert!(check.stdout.contains("hoctap.toml: error: no `hoctap.toml` config file here"), "{}", check.stdout);
}

/// A tiny HTTP server on 127.0.0.1 for `--external`: `/ok` 200, `/gone` 404, `/no-head`
/// 405 to HEAD and 200 to GET, `/moved` 301 to `/ok`, `/slow` 200 after 3 s. It records
/// every request and stops when dropped (or after a minute).
struct TestServer {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl TestServer {
    fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (Arc::clone(&requests), Arc::clone(&stop));
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stopped.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let seen = Arc::clone(&seen);
                        std::thread::spawn(move || answer(stream, port, &seen));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        TestServer { port, requests, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Requests seen so far, as `HEAD /ok`.
    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn answer(stream: TcpStream, port: u16, seen: &Mutex<Vec<String>>) {
    stream.set_nonblocking(false).expect("blocking");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    seen.lock().unwrap().push(format!("{method} {path}"));
    let status = match (method.as_str(), path.as_str()) {
        (_, "/ok") => "200 OK".to_string(),
        ("HEAD", "/no-head") => "405 Method Not Allowed".to_string(),
        (_, "/no-head") => "200 OK".to_string(),
        (_, "/moved") => format!("301 Moved Permanently\r\nlocation: http://127.0.0.1:{port}/ok"),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(3));
            "200 OK".to_string()
        }
        _ => "404 Not Found".to_string(),
    };
    let response = format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

#[test]
fn external_links_are_fetched_once_each_and_cached_for_the_next_run() {
    let server = TestServer::start();
    let (ok, gone, no_head, moved, slow) =
        (server.url("/ok"), server.url("/gone"), server.url("/no-head"), server.url("/moved"), server.url("/slow"));
    let portal = PortalTest::new("check/clean")
        .file(
            "content/tin-tuc/lien-ket.md",
            format!(
                "+++\ntitle = \"Liên kết\"\ndate = 2024-01-01\n+++\n\n[a]({ok})\n[b]({gone})\n[c]({no_head}) [d]({moved})\n[e]({slow}) [a lần nữa]({ok}#muc-2)\n"
            ),
        )
        .file(
            "content/su-kien/dang-ky.md",
            format!("+++\ntitle = \"Đăng ký\"\nstart = 2024-05-01\nregistration = \"{gone}\"\n+++\n\nXem [a]({ok}).\n"),
        );
    let first = portal.run("check", &["--external", "--timeout", "1", "--lang", "en"]);
    assert_eq!(first.code, 1, "stdout:\n{}\nstderr:\n{}", first.stdout, first.stderr);
    let (message, _) = problem_at(&first, "content/tin-tuc/lien-ket.md:7:1");
    assert_eq!(message, format!("error: external link `{gone}` is broken: the server answered HTTP 404 (not found)"));
    let (message, _) = problem_at(&first, "content/su-kien/dang-ky.md:4:17");
    assert!(message.starts_with(&format!("error: external link `{gone}` is broken")), "{message}");
    let (message, _) = problem_at(&first, "content/tin-tuc/lien-ket.md:9:1");
    assert_eq!(message, format!("warning: could not verify external link `{slow}`: no answer within 1 s"));
    assert_eq!(problem_lines(&first.stdout).len(), 3, "{}", first.stdout);
    assert!(first.stdout.contains(", 5 external links (0 from the cache) in "), "{}", first.stdout);
    let requests = server.requests();
    let count = |r: &str| requests.iter().filter(|x| x.as_str() == r).count();
    assert_eq!(count("HEAD /ok"), 2, "once for /ok, once after /moved's redirect: {requests:?}");
    assert_eq!((count("HEAD /no-head"), count("GET /no-head")), (1, 1), "{requests:?}");
    assert_eq!(count("HEAD /gone") + count("GET /gone"), 2, "HEAD, then GET: {requests:?}");
    assert!(portal.root().join(".hoctap-cache/links.json").is_file());

    // The second run asks only for the link that timed out: the others are cached.
    let before = server.requests().len();
    let second = portal.run("check", &["--external", "--timeout", "1", "--lang", "en"]);
    assert_eq!(second.code, 1);
    assert_eq!(problem_lines(&second.stdout), problem_lines(&first.stdout));
    let asked: Vec<String> = server.requests()[before..].to_vec();
    assert!(asked.iter().all(|r| r.ends_with(" /slow")), "{asked:?}");
    assert!(second.stdout.contains(", 5 external links (4 from the cache) in "), "{}", second.stdout);
}
