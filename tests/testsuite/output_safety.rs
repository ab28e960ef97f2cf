//! Output safety (issue #13): hoctap writes and deletes only inside an output folder it
//! owns, each output file has one owner with a name every host can hold, and a killed or
//! failed build never leaves a site the next build does not repair.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::util::{snapshot, PortalTest};

/// Every file, folder and link under `dir`, with file bytes and link targets: what must not
/// change when hoctap refuses to build.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        let what = if entry.path_is_symlink() {
            format!("link → {}", std::fs::read_link(entry.path()).unwrap().display())
        } else if entry.file_type().is_dir() {
            "folder".into()
        } else {
            String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned()
        };
        found.insert(rel, what);
    }
    found
}

/// Runs `hoctap build` with `args` in `cwd`.
fn hoctap_build(cwd: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hoctap")).arg("build").args(args).current_dir(cwd).output().unwrap();
    (output.status.code().expect("exited"), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A portal with a user's files around it: `docs/` beside `content/`, notes above it.
fn portal_among_user_files() -> PortalTest {
    let portal = PortalTest::new("safety/minimal")
        .file("docs/huong-dan.md", "Tài liệu của phòng, không phải trang web.\n")
        .file("static/logo.txt", "LOGO\n");
    std::fs::write(portal.temp().join("ghi-chu.txt"), "Ghi chú riêng\n").unwrap();
    portal
}

#[test]
fn a_folder_of_the_users_files_sources_or_ancestors_is_refused_and_nothing_changes() {
    let portal = portal_among_user_files();
    let root = portal.root().to_str().unwrap().to_string();
    std::fs::write(portal.root().join("ghi-chu.txt"), "một tệp, không phải thư mục").unwrap();
    let cases: &[(&str, &str)] = &[
        ("docs", "không do hoctap tạo"),
        ("content", "`content/`"),
        ("content/tin-tuc", "`content/`"),
        ("static", "`static/`"),
        ("templates", "`templates/`"),
        ("themes/default", "`themes/`"),
        (".", "thư mục cổng thông tin"),
        ("..", "thư mục cổng thông tin"),
        ("/", "thư mục cổng thông tin"),
        ("ghi-chu.txt", "là một tệp"),
    ];
    for (out, says) in cases {
        let before = tree(portal.temp());
        let (code, stderr) = hoctap_build(portal.temp(), &["--root", &root, "--out", out]);
        assert_eq!(code, 2, "--out {out}: {stderr}");
        assert!(stderr.contains(says) && stderr.contains("--out"), "--out {out}: {stderr}");
        assert!(stderr.contains("không tệp nào bị ghi hay xóa"), "{stderr}");
        assert_eq!(tree(portal.temp()), before, "--out {out} changed files");
    }
    let (code, stderr) = hoctap_build(portal.temp(), &["--root", &root, "--out", "docs", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("holds files hoctap did not make (huong-dan.md"), "{stderr}");
    assert!(stderr.contains("delete the folder yourself"), "{stderr}");
}

#[test]
fn output_dir_in_hoctap_toml_is_checked_the_same_way() {
    let portal = portal_among_user_files();
    let config = std::fs::read_to_string(portal.root().join("hoctap.toml")).unwrap();
    for dir in ["content", "docs", "."] {
        portal.write("hoctap.toml", format!("{config}output_dir = \"{dir}\"\n"));
        let before = tree(portal.temp());
        let build = portal.build();
        assert_eq!(build.code, 2, "output_dir = {dir}: {}", build.stderr);
        assert!(build.stderr.contains("`output_dir`"), "{}", build.stderr);
        assert_eq!(tree(portal.temp()), before);
    }
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_to_a_source_folder_is_refused() {
    let portal = PortalTest::new("safety/minimal");
    std::os::unix::fs::symlink(portal.root().join("content"), portal.root().join("site")).unwrap();
    let before = tree(portal.temp());
    let build = portal.build();
    assert_eq!(build.code, 2, "{}", build.stderr);
    assert_eq!(tree(portal.temp()), before);
}

#[test]
fn a_missing_or_empty_folder_and_an_earlier_output_are_written() {
    let portal = PortalTest::new("safety/minimal");
    std::fs::create_dir_all(portal.temp().join("trong")).unwrap();
    for out in ["moi/sau", "trong"] {
        let dir = portal.temp().join(out);
        let build = PortalTest::new("safety/minimal").out(&dir).build().success();
        assert!(build.exists("/tin-tuc/tin-hop-le/"));
        assert!(dir.join(".hoctap-build").is_file());
    }
    // Built twice: the second time the folder is hoctap's own.
    portal.build().success();
    portal.build().success();
}

#[test]
fn a_crafted_manifest_cannot_make_hoctap_delete_outside_the_output() {
    let portal = PortalTest::new("safety/minimal");
    let build = portal.build().success();
    let victim = portal.temp().join("quan-trong.txt");
    std::fs::write(&victim, "đừng xóa").unwrap();
    std::fs::write(portal.root().join("content/giu-lai.md"), "+++\ntitle = \"Giữ\"\n+++\n").unwrap();
    let manifest = build.out.join(".hoctap-build");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    for line in
        ["../../quan-trong.txt", "/../../quan-trong.txt", "/a/../../../quan-trong.txt", "/../portal/content/giu-lai.md"]
    {
        text.push_str(&format!("0000000000000001 {line}\n"));
    }
    std::fs::write(&manifest, text).unwrap();
    portal.write("content/tin-tuc/tin-moi.md", "+++\ntitle = \"Tin mới\"\ndate = 2025-01-02\n+++\n");
    portal.build().success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "đừng xóa");
    assert!(portal.root().join("content/giu-lai.md").is_file());
}

#[cfg(unix)]
#[test]
fn links_inside_the_old_output_are_never_written_or_deleted_through() {
    use std::os::unix::fs::symlink;
    let portal = PortalTest::new("safety/minimal");
    portal.write("content/tin-tuc/tin-thu-ba.md", "+++\ntitle = \"Ba\"\ndate = 2025-01-03\n+++\n");
    let build = portal.build().success();
    let outside = portal.temp().join("ngoai");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("index.html"), "NGOÀI").unwrap();
    std::fs::write(outside.join("rieng.txt"), "RIÊNG").unwrap();
    // An old page folder replaced by a link to the outside folder, and a page file by a link
    // to an outside file.
    let page = build.out.join("tin-tuc/tin-thu-ba");
    std::fs::remove_dir_all(&page).unwrap();
    symlink(&outside, &page).unwrap();
    std::fs::remove_file(build.out.join("404.html")).unwrap();
    symlink(outside.join("rieng.txt"), build.out.join("404.html")).unwrap();

    std::fs::remove_file(portal.root().join("content/tin-tuc/tin-thu-ba.md")).unwrap();
    portal.write("content/tin-tuc/tin-hop-le.md", "+++\ntitle = \"Đã sửa\"\ndate = 2025-01-01\n+++\n\nMới.\n");
    let _ = portal.build();
    assert_eq!(std::fs::read_to_string(outside.join("index.html")).unwrap(), "NGOÀI");
    assert_eq!(std::fs::read_to_string(outside.join("rieng.txt")).unwrap(), "RIÊNG");

    // A new page whose folder is a link hoctap did not make stops the build, untouched.
    portal.write("content/tin-tuc/tin-thu-ba.md", "+++\ntitle = \"Ba\"\ndate = 2025-01-03\n+++\n");
    let before = tree(portal.temp());
    let build = portal.build();
    assert_eq!(build.code, 2, "{}", build.stderr);
    assert!(
        build.stderr.contains("/tin-tuc/tin-thu-ba") && build.stderr.contains("không do hoctap tạo"),
        "{}",
        build.stderr
    );
    assert_eq!(tree(portal.temp()), before);
}

#[test]
fn a_file_someone_put_in_the_output_is_kept_unless_a_page_needs_its_place() {
    let portal = PortalTest::new("safety/minimal");
    let build = portal.build().success();
    std::fs::write(build.out.join("google123.html"), "xác minh").unwrap();
    portal.write("content/tin-tuc/tin-hop-le.md", "+++\ntitle = \"Đổi\"\ndate = 2025-01-01\n+++\n");
    portal.build().success();
    assert_eq!(std::fs::read_to_string(build.out.join("google123.html")).unwrap(), "xác minh");

    std::fs::write(build.out.join("robots.txt.bak"), "x").unwrap();
    std::fs::create_dir_all(build.out.join("gioi-thieu")).unwrap();
    std::fs::write(build.out.join("gioi-thieu/index.html"), "CỦA TÔI").unwrap();
    portal.write("content/gioi-thieu.md", "+++\ntitle = \"Giới thiệu\"\n+++\n");
    let build = portal.build();
    assert_eq!(build.code, 2, "{}", build.stderr);
    assert!(build.stderr.contains("`/gioi-thieu/index.html`"), "{}", build.stderr);
    assert_eq!(std::fs::read_to_string(build.out.join("gioi-thieu/index.html")).unwrap(), "CỦA TÔI");
}

/// Two sources of one output path: exit 1 naming both, nothing written.
#[track_caller]
fn assert_claimed_twice(portal: &PortalTest, names: &[&str]) {
    let out = portal.out_dir();
    let before = out.exists().then(|| snapshot(&out));
    let build = portal.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    for name in names {
        assert!(build.stderr.contains(name), "`{name}` not named:\n{}", build.stderr);
    }
    assert_eq!(out.exists().then(|| snapshot(&out)), before, "the output changed");
}

#[test]
fn every_output_path_has_one_owner() {
    let news = |extra: &str| format!("+++\ntitle = \"Tin\"\ndate = 2025-01-05\n{extra}\n+++\n\nNội dung.\n");
    for (alias, generated) in [("/index.html", "trang chủ"), ("/404.html", "trang 404"), ("/chu-de/", "trang danh mục")]
    {
        let portal = PortalTest::new("safety/minimal")
            .file("content/tin-tuc/tin-bi-danh.md", news(&format!("tags = [\"sách\"]\naliases = [\"{alias}\"]")));
        assert_claimed_twice(&portal, &["content/tin-tuc/tin-bi-danh.md:5", generated]);
    }
    let portal = PortalTest::new("safety/minimal").file("content/tin-tuc/a.md", news("aliases = [\"/atom.xml\"]"));
    assert_claimed_twice(&portal, &["content/tin-tuc/a.md:4", "`/atom.xml`", "feed"]);

    let portal = PortalTest::new("safety/minimal")
        .file("content/tin-tuc/the.md", news("tags = [\"sách\"]"))
        .file("content/chu-de/_index.md", "+++\ntitle = \"Chủ đề riêng\"\n+++\n");
    assert_claimed_twice(&portal, &["content/chu-de/_index.md", "/chu-de/index.html"]);

    let portal = PortalTest::new("safety/minimal").file("content/tim-kiem.md", "+++\ntitle = \"Tìm\"\n+++\n");
    assert_claimed_twice(&portal, &["content/tim-kiem.md", "trang tìm kiếm"]);

    let trusting = "title = \"Cổng\"\nbase_url = \"https://hoctap.example.vn\"\nallow_html = true\n";
    let portal = PortalTest::new("safety/minimal")
        .file("hoctap.toml", trusting)
        .file("static/tin-tuc/tin-hop-le/index.html", "<p>tĩnh</p>");
    assert_claimed_twice(&portal, &["static/tin-tuc/tin-hop-le/index.html", "content/tin-tuc/tin-hop-le.md"]);

    let portal = PortalTest::new("safety/minimal")
        .file("content/tin-tuc/anh/index.md", news("image = \"Anh-1.svg\"\nimage_alt = \"Ảnh\""))
        .file("content/tin-tuc/anh/Anh-1.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("static/tin-tuc/anh/anh-1.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_claimed_twice(&portal, &["Anh-1.svg", "anh-1.svg", "hoa/thường"]);

    let portal = PortalTest::new("safety/minimal").file("static/tin-tuc", "một tệp tên tin-tuc");
    assert_claimed_twice(&portal, &["static/tin-tuc", "thư mục"]);
}

#[test]
fn names_windows_cannot_hold_are_located_errors() {
    let news = |extra: &str| format!("+++\ntitle = \"Tin\"\ndate = 2025-01-05\n{extra}\n+++\n");
    let cases: Vec<(PortalTest, &str)> = vec![
        (
            PortalTest::new("safety/minimal").file("content/tin-tuc/a.md", news("slug = \"con\"")),
            "content/tin-tuc/a.md:4",
        ),
        (PortalTest::new("safety/minimal").file("content/tin-tuc/aux.md", news("")), "content/tin-tuc/aux.md"),
        (PortalTest::new("safety/minimal").file("content/nul/b.md", news("")), "content/nul"),
        (
            PortalTest::new("safety/minimal").file("content/tin-tuc/c.md", news("tags = [\"CON\"]")),
            "content/tin-tuc/c.md:4",
        ),
        (
            PortalTest::new("safety/minimal").file("content/tin-tuc/d.md", news("commune = \"Lpt4\"")),
            "content/tin-tuc/d.md:4",
        ),
        (PortalTest::new("safety/minimal").file("static/com5.txt", "x"), "static/com5.txt"),
        (PortalTest::new("safety/minimal").file("static/tai-lieu/LPT9.pdf", "x"), "static/tai-lieu/LPT9.pdf"),
        (PortalTest::new("safety/minimal").file("static/a:b.txt", "x"), "static/a:b.txt"),
        (PortalTest::new("safety/minimal").file("static/ghi chú.txt", "x"), "static/ghi chú.txt"),
    ];
    for (portal, place) in cases {
        let build = portal.build();
        assert_eq!(build.code, 1, "{place}: {}", build.stderr);
        assert!(build.stderr.lines().any(|l| l.starts_with(place) && l.contains("lỗi")), "{place}:\n{}", build.stderr);
        assert!(!portal.out_dir().exists(), "{place}: an output was written");
    }
}

#[test]
fn over_long_names_are_located_errors_before_anything_is_written() {
    let long = "Xã ".to_string() + &"Mỹ Hòa ".repeat(45);
    let news = |extra: &str| format!("+++\ntitle = \"Tin\"\ndate = 2025-01-05\n{extra}\n+++\n");
    let cases = [
        (news(&format!("commune = \"{long}\"")), "content/tin-tuc/dai.md:4", "commune"),
        (news(&format!("slug = \"{}\"", "a".repeat(300))), "content/tin-tuc/dai.md:4", "slug"),
        (news(&format!("tags = [\"{long}\"]")), "content/tin-tuc/dai.md:4", "tags"),
    ];
    for (text, place, field) in cases {
        let portal = PortalTest::new("safety/minimal").file("content/tin-tuc/dai.md", text);
        let build = portal.build();
        assert_eq!(build.code, 1, "{}", build.stderr);
        let line = build.stderr.lines().find(|l| l.starts_with(place)).unwrap_or_else(|| panic!("{}", build.stderr));
        assert!(line.contains(&format!("`{field}`")) && line.contains("byte"), "{line}");
        assert!(!portal.out_dir().exists());
    }
    let name = format!("{}.md", "bai-viet-".repeat(20));
    let portal = PortalTest::new("safety/minimal").file(&format!("content/tin-tuc/{name}"), news(""));
    let build = portal.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(
        build.stderr.contains(&format!("content/tin-tuc/{name}")) && build.stderr.contains("đổi tên"),
        "{}",
        build.stderr
    );
}

/// A snapshot with the manifest's first line (the fingerprint, which covers the output
/// folder's own path) cut: its file list must still match.
fn without_fingerprint(mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let manifest = files.get_mut("/.hoctap-build").expect("a finished build has a manifest");
    assert!(manifest.starts_with(b"hoctap-build ") && !manifest.starts_with(b"hoctap-build dirty"));
    let start = manifest.iter().position(|&b| b == b'\n').unwrap();
    manifest.drain(..start);
    files
}

/// A portal of `pages` news pages, big enough that a build takes a while.
fn large_portal(pages: usize) -> PortalTest {
    let portal = PortalTest::new("safety/minimal");
    for i in 0..pages {
        let body = "Người dân xã Mỹ Hòa tham gia lớp học tập cộng đồng. ".repeat(40);
        let text = format!(
            "+++\ntitle = \"Tin số {i}\"\ndate = 2025-01-{:02}\ntags = [\"chủ đề {}\"]\n+++\n\n{body}\n",
            i % 28 + 1,
            i % 30
        );
        portal.write(&format!("content/tin-tuc/tin-{i}.md"), text);
    }
    portal
}

/// Rewrites every page's text, so the next build changes most output files.
fn edit_all(portal: &PortalTest, pages: usize, round: usize) {
    for i in (0..pages).step_by(2) {
        let text = format!("+++\ntitle = \"Tin số {i} (lần {round})\"\ndate = 2025-02-01\n+++\n\nLần sửa {round}.\n");
        portal.write(&format!("content/tin-tuc/tin-{i}.md"), text);
    }
}

/// When the kill test sends SIGKILL.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// This many milliseconds after the start.
    After(u64),
    /// This many milliseconds after the manifest turned dirty.
    WhenDirty(u64),
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_is_repaired_by_the_next_build() {
    let pages = 800;
    let portal = large_portal(pages);
    portal.build().success();
    let reference_dir = portal.temp().join("tham-chieu");
    let manifest_path = portal.out_dir().join(".hoctap-build");
    let mut killed_while_writing = 0;
    // Killed while rendering (the output not yet touched), then killed as soon as the
    // manifest turns dirty (files being put in place), and a little after.
    let moments = [Kill::After(200), Kill::After(600), Kill::WhenDirty(0), Kill::WhenDirty(3), Kill::WhenDirty(10)];
    for (round, moment) in moments.into_iter().enumerate() {
        edit_all(&portal, pages, round);
        let mut child = Command::new(env!("CARGO_BIN_EXE_hoctap"))
            .args(["build", "--root"])
            .arg(portal.root())
            .stderr(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay_ms = match moment {
            Kill::After(ms) => ms,
            Kill::WhenDirty(ms) => {
                let start = std::time::Instant::now();
                while child.try_wait().unwrap().is_none() && start.elapsed().as_secs() < 60 {
                    let head = std::fs::read(&manifest_path).unwrap_or_default();
                    if head.starts_with(b"hoctap-build dirty") {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                ms
            }
        };
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let killed = child.try_wait().unwrap().is_none();
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        let manifest = std::fs::read_to_string(portal.out_dir().join(".hoctap-build")).unwrap_or_default();
        let torn = killed && manifest.starts_with("hoctap-build dirty");
        killed_while_writing += usize::from(torn);
        // The next build must give exactly what a fresh build gives.
        let repaired = portal.build().success();
        if killed {
            assert!(!repaired.stdout.contains("Không có thay đổi"), "a killed build's output was called up to date");
        }
        let _ = std::fs::remove_dir_all(&reference_dir);
        let fresh = PortalTest::in_place(portal.root()).out(&reference_dir).build().success();
        let (got, want) = (without_fingerprint(snapshot(&repaired.out)), without_fingerprint(snapshot(&fresh.out)));
        let differ: Vec<_> = want.keys().chain(got.keys()).filter(|k| got.get(*k) != want.get(*k)).collect();
        assert!(
            differ.is_empty(),
            "round {round} ({moment:?}): {} files differ: {:?}",
            differ.len(),
            &differ[..differ.len().min(5)]
        );
    }
    eprintln!("killed while the output was being changed in {killed_while_writing} of {} rounds", moments.len());
    assert!(killed_while_writing > 0, "no kill landed while the output changed: the test proves nothing");
}

/// A tmpfs of `size` mounted at `dir`, unmounted on drop; `None` when this machine cannot
/// (not root, or no mount allowed), which the caller reports.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Result<SmallDisk, String> {
        std::fs::create_dir_all(dir).unwrap();
        let status =
            Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(dir).output();
        match status {
            Ok(out) if out.status.success() => Ok(SmallDisk(dir.to_path_buf())),
            Ok(out) => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
            Err(e) => Err(e.to_string()),
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(unix)]
#[test]
fn a_build_that_fills_the_disk_keeps_the_old_site_and_the_next_one_repairs() {
    let pages = 300;
    let portal = large_portal(pages);
    let disk = portal.temp().join("dia-nho");
    let _mounted = match SmallDisk::mount(&disk, "16m") {
        Ok(mounted) => mounted,
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI must run the full-disk test as root: {why}")
        }
        Err(why) => {
            eprintln!("SKIPPED a_build_that_fills_the_disk…: mounting a tmpfs needs root ({why}); run `cargo test` as root to include it");
            return;
        }
    };
    let out = disk.join("site");
    let portal = portal.out(&out);
    let first = portal.build().success();
    let before = snapshot(&first.out);
    // Fill the disk until a full rebuild cannot fit.
    let filler = disk.join("filler");
    let free = 16 * 1024 * 1024 - before.values().map(|b| b.len()).sum::<usize>();
    std::fs::write(&filler, vec![0u8; free.saturating_sub(300 * 1024)]).ok();
    for round in 0..3 {
        edit_all(&portal, pages, round);
        let failed = portal.build();
        if failed.code == 0 {
            continue;
        }
        assert!(
            failed.stderr.contains("ổ đĩa đã đầy") && failed.stderr.contains("Lần xây dựng sau"),
            "{}",
            failed.stderr
        );
        // A failure before the swap keeps the old site whole; one during it leaves a dirty
        // manifest. Either way no half-written file has its final name.
        for (path, bytes) in snapshot(&out) {
            assert!(!path.contains(".hoctap-tmp"), "{path} left behind");
            if path.ends_with(".html") {
                assert!(String::from_utf8_lossy(&bytes).trim_end().ends_with("</html>"), "{path} is half-written");
            }
        }
        std::fs::remove_file(&filler).ok();
        let repaired = portal.build().success();
        let fresh = PortalTest::in_place(portal.root()).out(portal.temp().join("tham-chieu")).build().success();
        let (got, want) = (without_fingerprint(snapshot(&repaired.out)), without_fingerprint(snapshot(&fresh.out)));
        assert!(got == want, "the repaired site differs from a fresh one");
        return;
    }
    panic!("the disk never filled: the test proves nothing");
}

/// Denial of service through nesting: markdown this deep must neither overflow the stack nor
/// stop the build (its speed is a benchmark's business, not this test's).
#[test]
fn markdown_nested_a_hundred_thousand_levels_builds() {
    let body = format!(
        "{} x\n\n{}y\n\n{}\n\n{}z{}\n",
        ">".repeat(100_000),
        "- ".repeat(50_000),
        "[".repeat(50_000),
        "*".repeat(100_000),
        "*".repeat(100_000)
    );
    let portal = PortalTest::new("safety/minimal")
        .file("content/tin-tuc/sau.md", format!("+++\ntitle = \"Sâu\"\ndate = 2025-01-01\n+++\n\n{body}"));
    let build = portal.build().success();
    // Read as text: an HTML parser takes minutes over 100,000 nested elements.
    assert!(build.read("/tin-tuc/sau/").contains(">Sâu</h1>"));
}
