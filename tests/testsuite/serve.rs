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
    /// What it printed up to and including the line with its address.
    greeting: Vec<String>,
}

impl Server {
    fn start(portal: &PortalTest) -> Server {
        Server::start_with(portal, &["--port", "0"], &[])
    }

    /// `hoctap serve --root <portal> <args>`, with `env` added to its environment.
    fn start_with(portal: &PortalTest, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoctap"))
            .args(["serve", "--root"])
            .arg(portal.root())
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start hoctap serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut greeting = Vec::new();
        let port = lines
            .by_ref()
            .map_while(Result::ok)
            .inspect(|line| greeting.push(line.clone()))
            .find_map(|line| {
                line.split("http://127.0.0.1:").nth(1).map(|rest| {
                    rest.trim_end_matches(|c: char| !c.is_ascii_digit()).split('/').next().unwrap_or("").parse().ok()
                })
            })
            .flatten()
            .expect("serve prints its address");
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port, greeting }
    }

    /// Sends `method path` with `headers` (each `Name: value`); returns the status, the
    /// response's headers (names lowercased) and its body as bytes.
    fn request(&self, method: &str, path: &str, headers: &[&str]) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: localhost\r\n{extra}Connection: close\r\n\r\n")
            .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        let end = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        let head = String::from_utf8_lossy(&response[..end]).into_owned();
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        (status, headers, response[end + 4..].to_vec())
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
    let broken = good
        .lines()
        .map(|l| if l.starts_with("date") { "date = \"21/04/2024\"" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
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
    let found = (0..docs)
        .any(|doc| server.get(&format!("/search-index/r/0-{group}/{doc}.json")).1.contains("Tiêu đề mới tinh"));
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
    let page = server.wait_for(
        "/ke-hoach/ke-hoach-xay-dung-xa-hoi-hoc-tap-thi-tran-phu-my-nam-2024/",
        "the imported plan",
        |b| b.contains("322/KH-UBND"),
    );
    assert!(page.contains("Kế hoạch xây dựng xã hội học tập thị trấn Phú Mỹ năm 2024"));
}

/// The value of a response header.
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Bytes that are not valid text, different at every offset, so a wrong slice shows.
fn media_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
}

#[test]
fn byte_ranges_get_exactly_the_bytes_asked_for() {
    let bytes = media_bytes(10_000);
    let portal = PortalTest::new("content/portal").file("static/media/bai-giang.mp4", &bytes);
    let server = Server::start(&portal);
    let path = "/media/bai-giang.mp4";

    let (status, headers, body) = server.request("GET", path, &[]);
    assert_eq!((status, body.len()), (200, bytes.len()));
    assert_eq!(header(&headers, "accept-ranges"), Some("bytes"));
    assert_eq!(header(&headers, "content-type"), Some("video/mp4"));

    let cases = [
        ("bytes=100-199", 100, 199),
        ("bytes=9990-", 9990, 9999),
        ("bytes=-10", 9990, 9999),
        ("bytes=0-99999", 0, 9999),
    ];
    for (range, start, end) in cases {
        let (status, headers, body) = server.request("GET", path, &[&format!("Range: {range}")]);
        assert_eq!(status, 206, "{range}");
        assert_eq!(header(&headers, "content-range"), Some(format!("bytes {start}-{end}/10000").as_str()), "{range}");
        assert_eq!(header(&headers, "content-length"), Some((end - start + 1).to_string().as_str()), "{range}");
        assert!(body == bytes[start..=end], "{range}: the wrong bytes");
    }

    let (status, headers, body) = server.request("GET", path, &["Range: bytes=10000-"]);
    assert_eq!(status, 416);
    assert_eq!(header(&headers, "content-range"), Some("bytes */10000"));
    assert!(body.is_empty());

    let (status, headers, body) = server.request("HEAD", path, &["Range: bytes=0-9"]);
    assert_eq!((status, header(&headers, "content-length"), body.len()), (206, Some("10"), 0));
}

#[test]
fn resources_are_sent_with_their_media_types() {
    let cases = [
        ("bai-hat.mp3", "audio/mpeg"),
        ("ghi-am.wav", "audio/wav"),
        ("phim.webm", "video/webm"),
        ("phim.mp4", "video/mp4"),
        ("ke-hoach.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("so-lieu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("trinh-chieu.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("van-ban.odt", "application/vnd.oasis.opendocument.text"),
        ("tai-lieu.pdf", "application/pdf"),
        ("chu.woff2", "font/woff2"),
        ("phu-de.vtt", "text/vtt; charset=utf-8"),
    ];
    let mut portal = PortalTest::new("content/portal");
    for (name, _) in cases {
        portal = portal.file(&format!("static/tep/{name}"), media_bytes(64));
    }
    let server = Server::start(&portal);
    for (name, expected) in cases {
        let (status, headers, body) = server.request("GET", &format!("/tep/{name}"), &[]);
        assert_eq!((status, body.len()), (200, 64), "{name}");
        assert_eq!(header(&headers, "content-type"), Some(expected), "{name}");
    }
}

#[test]
fn a_busy_port_gives_way_to_the_next_free_one_and_says_which() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let busy = taken.local_addr().unwrap().port();
    let portal = PortalTest::new("content/portal");
    let server = Server::start_with(&portal, &["--port", &busy.to_string()], &[]);
    assert_ne!(server.port, busy);
    let said = server.greeting.join("\n");
    assert!(
        said.contains(&format!("Cổng {busy} đang được chương trình khác dùng; dùng cổng {}.", server.port)),
        "{said}"
    );
    assert!(said.contains(&format!("Đang phục vụ tại http://127.0.0.1:{}/", server.port)), "{said}");
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn an_address_this_computer_lacks_is_a_usage_error_naming_bind() {
    let portal = PortalTest::new("content/portal");
    // 192.0.2.1 is reserved for documentation (RFC 5737): no computer has it.
    let vi = portal.run("serve", &["--bind", "192.0.2.1"]);
    assert_eq!(vi.code, 2, "{}", vi.stderr);
    assert!(vi.stderr.contains("--bind: lỗi: máy này không có địa chỉ 192.0.2.1 để lắng nghe"), "{}", vi.stderr);
    let en = portal.run("serve", &["--interface", "192.0.2.1", "--lang", "en"]);
    assert_eq!(en.code, 2, "{}", en.stderr);
    assert!(en.stderr.contains("--bind: error: this computer has no address 192.0.2.1 to listen on"), "{}", en.stderr);
    assert!(en.stderr.contains("help: use `--bind 127.0.0.1`"), "{}", en.stderr);
}

#[test]
fn poll_sees_an_edit_without_system_events() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start_with(&portal, &["--port", "0", "--poll"], &[]);
    // notify's poll watcher compares modification times in whole seconds (as README says):
    // the save must fall in a later second than the first look at the files.
    std::thread::sleep(Duration::from_millis(1100));
    let path = portal.root().join("content/tin-tuc/bai-dai.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title = \"", "title = \"Đã sửa: ", 1)).unwrap();
    server.wait_for("/tin-tuc/bai-dai/", "the new title", |b| b.contains("Đã sửa: "));
}

#[test]
fn open_starts_the_browser_at_the_served_address() {
    let portal = PortalTest::new("content/portal");
    // A stand-in for the desktop's opener: writes the URL it was given.
    let bin = portal.temp().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = portal.temp().join("opened");
    let script = format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display());
    std::fs::write(bin.join("xdg-open"), script).unwrap();
    std::fs::set_permissions(bin.join("xdg-open"), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let server = Server::start_with(&portal, &["-p", "0", "--open"], &[("PATH", &path)]);
    let start = Instant::now();
    while !opened.exists() {
        assert!(start.elapsed() < PATIENCE, "the browser was never opened");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), format!("http://127.0.0.1:{}/", server.port));
}

#[test]
fn base_url_makes_the_links_with_another_host() {
    let portal = PortalTest::new("content/portal");
    let server = Server::start_with(&portal, &["-p", "0", "-u", "192.168.1.5"], &[]);
    let (_, page) = server.get("/tin-tuc/bai-dai/");
    let canonical = format!("<link rel=\"canonical\" href=\"http://192.168.1.5:{}/tin-tuc/bai-dai/\"", server.port);
    assert!(page.contains(&canonical), "{page}");
}

/// A WAV file of `seconds` of a 440 Hz tone, 8 kHz, 8-bit mono PCM.
fn wav(seconds: usize) -> Vec<u8> {
    const RATE: usize = 8000;
    let samples: Vec<u8> = (0..RATE * seconds)
        .map(|i| (128.0 + 60.0 * (i as f64 * 440.0 * std::f64::consts::TAU / RATE as f64).sin()) as u8)
        .collect();
    let mut file = Vec::with_capacity(44 + samples.len());
    let u32le = |n: usize| (n as u32).to_le_bytes();
    file.extend_from_slice(b"RIFF");
    file.extend_from_slice(&u32le(36 + samples.len()));
    file.extend_from_slice(b"WAVEfmt ");
    file.extend_from_slice(&u32le(16));
    file.extend_from_slice(&[1, 0, 1, 0]); // PCM, one channel
    file.extend_from_slice(&u32le(RATE));
    file.extend_from_slice(&u32le(RATE)); // bytes per second
    file.extend_from_slice(&[1, 0, 8, 0]); // block align 1, 8 bits
    file.extend_from_slice(b"data");
    file.extend_from_slice(&u32le(samples.len()));
    file.extend_from_slice(&samples);
    file
}

/// Whether a tool is there; a missing tool fails under CI and is said loudly elsewhere.
fn require(available: bool, what: &str) -> bool {
    if !available {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{what} is missing (`.ci/run` installs it)");
        eprintln!("SKIPPED, NOT TESTED: {what} is missing; install it to run this test");
    }
    available
}

#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "needs node, Chromium and playwright-core: apt-get install nodejs npm chromium && npm ci --prefix tests/search (or run `bash .ci/run`)"
)]
fn chromium_plays_and_seeks_a_served_sound_in_audio_and_video_elements() {
    let root = crate::util::manifest_dir();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(node, "node is missing: `bash .ci/run` installs it");
    assert!(std::path::Path::new(&chromium).exists(), "Chromium is missing: apt-get install chromium");
    assert!(
        root.join("tests/search/node_modules/playwright-core").is_dir(),
        "playwright-core is missing: npm ci --prefix tests/search"
    );
    let seconds = 6;
    let portal = PortalTest::new("content/portal").file("static/media/ghi-am.wav", wav(seconds));
    let server = Server::start(&portal);
    let output = Command::new("node")
        .arg("tests/media/play.mjs")
        .current_dir(&root)
        .env("BASE_URL", format!("http://127.0.0.1:{}", server.port))
        .env("MEDIA_PATH", "/media/ghi-am.wav")
        .env("MEDIA_SECONDS", seconds.to_string())
        .env("CHROMIUM", chromium)
        .output()
        .expect("node runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{text}");
    println!("{text}");
}

#[test]
fn a_port_that_needs_rights_is_a_usage_error_naming_port() {
    // The highest port the system keeps for administrators (1023 unless configured).
    let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start").ok();
    let start: u16 = start.and_then(|s| s.trim().parse().ok()).unwrap_or(1024);
    if !require(start > 0, "a port that needs rights (net.ipv4.ip_unprivileged_port_start is 0 here)") {
        return;
    }
    let port = (start - 1).to_string();
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    // As root every port is allowed: run as `nobody` instead.
    let mut command = match root {
        true => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_hoctap")]);
            c
        }
        false => Command::new(env!("CARGO_BIN_EXE_hoctap")),
    };
    let output =
        command.args(["serve", "--port", &port, "--lang", "en", "--root", "/nonexistent"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let expected = format!(
        "--port: error: port {port} needs administrator rights on this computer (ports below 1024 are reserved)"
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("help: use a port from 1024 up, e.g. `--port 1111`"), "{stderr}");
}
