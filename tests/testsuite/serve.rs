//! `hoctap serve`: the real binary on a free port, a file edited, the new page fetched.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::PortalTest;

/// How long a test waits for a rebuild before failing; rebuilds take milliseconds.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running `hoctap serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(portal: &PortalTest) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoctap"))
            .args(["serve", "--port", "0", "--root"])
            .arg(portal.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start hoctap serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let port = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| line.split("http://127.0.0.1:").nth(1).map(|rest| rest.trim_end_matches(|c: char| !c.is_ascii_digit()).split('/').next().unwrap_or("").parse().ok()))
            .flatten()
            .expect("serve prints its address");
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }

    /// GET a path; returns (status code, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    /// Polls `path` until `accept` holds for its body, or fails after [`PATIENCE`].
    fn wait_for(&self, path: &str, what: &str, accept: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if accept(&body) {
                return body;
            }
            assert!(start.elapsed() < PATIENCE, "{path} never showed {what}; last body:\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_the_portal_and_shows_an_edit_without_a_restart() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start(&portal);
    let (status, page) = server.get("/tin-tuc/bai-dai/");
    assert_eq!(status, 200);
    assert!(page.contains("/__hoctap/reload.js"), "pages carry the reload script");

    let path = portal.root().join("content/tin-tuc/bai-dai.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("title = \"", "title = \"Đã sửa: ", 1);
    std::fs::write(&path, edited).unwrap();

    server.wait_for("/tin-tuc/bai-dai/", "the new title", |b| b.contains("Đã sửa: "));
    server.wait_for("/tin-tuc/", "the new title in the list", |b| b.contains("Đã sửa: "));
}

#[test]
fn shows_problems_while_a_file_is_broken_and_keeps_the_last_good_page() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start(&portal);
    let path = portal.root().join("content/tin-tuc/bai-dai.md");
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.lines().map(|l| if l.starts_with("date") { "date = \"21/04/2024\"" } else { l }).collect::<Vec<_>>().join("\n");
    std::fs::write(&path, broken).unwrap();

    let status = server.wait_for("/__hoctap/status", "the problem", |b| b.contains("21/04/2024"));
    assert!(status.contains("content/tin-tuc/bai-dai.md:"), "names the file and line: {status}");
    assert_eq!(server.get("/tin-tuc/bai-dai/").0, 200, "the last good page stays served");

    std::fs::write(&path, good).unwrap();
    server.wait_for("/__hoctap/status", "no problems", |b| b.trim() == "[]");
}

#[test]
fn unknown_paths_get_the_404_page() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start(&portal);
    let (status, body) = server.get("/khong-co-trang-nay/");
    assert_eq!(status, 404);
    assert!(body.contains("<h1"), "the theme's 404 page, not a bare error");
}

#[test]
fn never_writes_the_output_folder() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start(&portal);
    server.get("/");
    assert!(!portal.root().join("site").exists(), "serve keeps the site in memory");
}

#[test]
fn serves_exactly_what_build_writes_apart_from_the_reload_script() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start(&portal);
    let out = portal.temp().join("built");
    let status = Command::new(env!("CARGO_BIN_EXE_hoctap"))
        .args(["build", "--root"])
        .arg(portal.root())
        .arg("--out")
        .arg(&out)
        .args(["--base-url", &format!("http://127.0.0.1:{}", server.port)])
        .status()
        .expect("run build");
    assert!(status.success());
    let tag = "<script src=\"/__hoctap/reload.js\"></script>";
    for path in ["/", "/tin-tuc/", "/tin-tuc/bai-dai/", "/chu-de/", "/sitemap.xml", "/atom.xml", "/404.html"] {
        let file = if path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        let built = std::fs::read_to_string(out.join(file.trim_start_matches('/'))).expect("built file");
        let (_, served) = server.get(path);
        assert_eq!(served.replace(tag, ""), built, "{path} differs from the build output");
    }
}

#[test]
fn a_new_title_reaches_the_search_index_too() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start(&portal);
    let before = server.get("/search-index/manifest.json").1;
    let path = portal.root().join("content/tin-tuc/bai-dai.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title = \"", "title = \"Tiêu đề mới tinh ", 1)).unwrap();

    let manifest = server.wait_for("/search-index/manifest.json", "a new index", |b| !b.is_empty() && b != before);
    let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("manifest is JSON");
    let docs = manifest["docs"].as_u64().unwrap();
    let group = manifest["records"][0].as_str().unwrap();
    let found = (0..docs).any(|doc| server.get(&format!("/search-index/r/0-{group}/{doc}.json")).1.contains("Tiêu đề mới tinh"));
    assert!(found, "a search record carries the new title");
}

/// Sends `head` from another thread (the server may stop reading long before the end) and
/// reads the answer's status line; the writer's errors are expected once the server closes.
fn status_after_sending(server: &Server, head: Vec<u8>) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut writer = stream.try_clone().expect("clone");
    let sender = std::thread::spawn(move || {
        for chunk in head.chunks(64 * 1024) {
            if writer.write_all(chunk).is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    // Read what arrives until the server closes; a reset after the answer is fine.
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    drop(stream);
    let _ = sender.join();
    String::from_utf8_lossy(&answer).lines().next().unwrap_or("").to_string()
}

#[test]
fn a_huge_request_head_is_refused_without_being_kept_and_the_server_answers_on() {
    let portal = PortalTest::new("safety/minimal");
    let server = Server::start(&portal);
    let header = [b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec(), vec![b'a'; 32 << 20], b"\r\n\r\n".to_vec()];
    let started = Instant::now();
    assert_eq!(status_after_sending(&server, header.concat()), "HTTP/1.1 431 Request Header Fields Too Large");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    let many: String = (0..1000).map(|i| format!("X-{i}: 1\r\n")).collect();
    let head = format!("GET / HTTP/1.1\r\n{many}\r\n").into_bytes();
    assert_eq!(status_after_sending(&server, head), "HTTP/1.1 431 Request Header Fields Too Large");
    let line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(1 << 20)).into_bytes();
    assert_eq!(status_after_sending(&server, line), "HTTP/1.1 414 URI Too Long");
    assert_eq!(server.get("/").0, 200, "the server still answers");
}

/// `hoctap import` while `serve` runs: the new plan page is served like any edit.
#[test]
fn shows_a_plan_imported_while_serving() {
    let portal = PortalTest::new("indicators/valid");
    let server = Server::start(&portal);
    assert_eq!(server.get("/ke-hoach/ke-hoach-2024/").0, 200);
    let text = std::fs::read_to_string(crate::util::fixture_dir("import").join("phu-my-2024.txt")).unwrap();
    let spec = crate::docx_fixture::Spec {
        issuer: vec!["ỦY BAN NHÂN DÂN", "THỊ TRẤN PHÚ MỸ"],
        number_line: Some("Số: 322/KH-UBND"),
        date_line: Some("Phú Mỹ, ngày 16 tháng 4 năm 2024"),
        header_table: true,
        subtitle_lines: 1,
        ..Default::default()
    };
    let file = portal.temp().join("ke-hoach.docx");
    std::fs::write(&file, crate::docx_fixture::build(&text, &spec)).unwrap();
    assert_eq!(portal.run("import", &[file.to_str().unwrap()]).code, 0);
    let page = server.wait_for("/ke-hoach/ke-hoach-xay-dung-xa-hoi-hoc-tap-thi-tran-phu-my-nam-2024/", "the imported plan", |b| b.contains("322/KH-UBND"));
    assert!(page.contains("Kế hoạch xây dựng xã hội học tập thị trấn Phú Mỹ năm 2024"));
}
