//! The command line as Zola and Hugo users type it: every alias parsed, `--root` before or
//! after the command, help and usage errors in Vietnamese or English, shell completions and
//! the man page.

use std::path::Path;
use std::process::Command;

use crate::util::{run_hoctap, Page, PortalTest};

/// Runs the binary with `args` in `dir`; returns (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hoctap")).args(args).current_dir(dir).output().expect("run hoctap");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (output.status.code().expect("exited"), text(output.stdout), text(output.stderr))
}

/// The canonical URL of the home page written into `out`.
fn canonical(out: &Path) -> String {
    let html = std::fs::read_to_string(out.join("index.html")).expect("home page built");
    Page::parse("/", &html).attr("link[rel='canonical']", "href").expect("a canonical link")
}

#[test]
fn build_takes_the_zola_and_hugo_spellings_of_every_option() {
    let portal = PortalTest::new("content/portal");
    let root = portal.root().to_str().unwrap();
    let cases: [&[&str]; 7] = [
        &["--root", root, "build", "-o", "a", "-u", "https://a.example.vn"],
        &["-r", root, "build", "--output-dir", "b", "--base-url", "https://b.example.vn"],
        &["build", "-r", root, "--out", "c", "-b", "https://c.example.vn"],
        &["build", "--source", root, "-d", "d", "-u", "https://d.example.vn", "-D"],
        &["-s", root, "build", "-o", "e", "-u", "https://e.example.vn", "--drafts"],
        &["--lang", "en", "build", "--root", root, "-o", "f", "-u", "https://f.example.vn"],
        &["build", "--root", root, "--lang", "en", "-o", "g", "-u", "https://g.example.vn", "-v"],
    ];
    for (args, name) in cases.iter().zip(["a", "b", "c", "d", "e", "f", "g"]) {
        let (code, stdout, stderr) = run_in(portal.temp(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(canonical(&portal.root().join(name)), format!("https://{name}.example.vn/"), "{args:?}");
        let english = args.contains(&"en");
        assert_eq!(stdout.starts_with("Built "), english, "{args:?}: {stdout}");
    }
}

#[test]
fn root_given_before_and_after_the_command_is_a_usage_error() {
    let (code, stdout, stderr) = run_hoctap(&["--root", ".", "build", "-r", ".", "--lang", "en"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("`--root` is given twice (before and after the command's name)"), "{stderr}");
    let (code, _, stderr) = run_hoctap(&["--lang", "vi", "init", "a", "--root", "b"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("lỗi: không dùng `[DIR]` cùng với `--root <DIR>`"), "{stderr}");
}

#[test]
fn init_takes_the_portal_language_and_the_message_language_apart() {
    let portal = PortalTest::empty();
    let dir = portal.root().to_str().unwrap();
    let (code, stdout, stderr) = run_hoctap(&["init", dir, "--language", "en", "--lang", "vi"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Đã tạo cổng thông tin mới"), "{stdout}");
    let config = std::fs::read_to_string(portal.root().join("hoctap.toml")).unwrap();
    assert!(config.contains("language = \"en\""), "{config}");
}

#[test]
fn help_shows_each_option_with_its_aliases() {
    let (code, help, _) = run_hoctap(&["build", "--help", "--lang", "en"]);
    assert_eq!(code, 0);
    for shown in ["-o, --out <DIR>", "--output-dir", "-u, --base-url <URL>", "-r, --root <DIR>", "-D, --drafts"] {
        assert!(help.contains(shown), "{shown}: {help}");
    }
    let (_, serve, _) = run_hoctap(&["serve", "--help", "--lang", "en"]);
    for shown in
        ["-i, --bind <ADDRESS>", "--interface", "-O, --open", "--poll", "-u, --base-url <URL>", "-p, --port <PORT>"]
    {
        assert!(serve.contains(shown), "{shown}: {serve}");
    }
}

#[test]
fn help_is_in_vietnamese_with_lang_vi_or_in_a_vietnamese_portal_and_english_otherwise() {
    let (code, vi, _) = run_hoctap(&["serve", "--help", "--lang", "vi"]);
    assert_eq!(code, 0);
    for shown in ["Cách dùng: hoctap serve", "Tùy chọn:", "Mở cổng thông tin trong trình duyệt", "--interface"]
    {
        assert!(vi.contains(shown), "{shown}: {vi}");
    }
    assert!(!vi.contains("Options:"), "{vi}");

    let vietnamese = PortalTest::new("content/portal");
    let (_, help, _) = run_in(vietnamese.root(), &["--help"]);
    assert!(help.contains("Lệnh:") && help.contains("Xây dựng cổng thông tin"), "{help}");
    let english = PortalTest::new("i18n/english");
    let (_, help, _) = run_in(english.root(), &["build", "--help"]);
    assert!(help.contains("Options:") && help.contains("Build the portal"), "{help}");
    let (_, help, _) = run_in(english.temp(), &["-r", english.root().to_str().unwrap(), "build", "--help"]);
    assert!(help.contains("Options:"), "--root names the portal whose language is used: {help}");
}

#[test]
fn an_unknown_flag_suggests_the_nearest_in_either_language() {
    let (code, _, vi) = run_hoctap(&["build", "--outt", "x", "--lang", "vi"]);
    assert_eq!(code, 2, "{vi}");
    assert!(vi.contains("lỗi: không có tùy chọn `--outt`"), "{vi}");
    assert!(vi.contains("gợi ý: có phải ý bạn là `--out`?"), "{vi}");
    let (code, _, en) = run_hoctap(&["serve", "--interfase", "0.0.0.0", "--lang", "en"]);
    assert_eq!(code, 2, "{en}");
    assert!(en.contains("unexpected argument '--interfase'") && en.contains("'--interface'"), "{en}");
    let (code, _, vi) = run_hoctap(&["buil", "--lang", "vi"]);
    assert_eq!(code, 2, "{vi}");
    assert!(vi.contains("không có lệnh `buil`") && vi.contains("`build`"), "{vi}");
    let (code, _, vi) = run_hoctap(&["serve", "--port", "70000", "--lang", "vi"]);
    assert_eq!(code, 2, "{vi}");
    assert!(vi.contains("giá trị `70000` không hợp lệ cho `--port <PORT>`"), "{vi}");
}

#[test]
fn completions_are_made_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, stderr) = run_hoctap(&["completions", shell, "--lang", "en"]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        for word in ["serve", "output-dir", "interface", "poll"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // The bash script is checked by bash itself, which every CI machine has.
    let (_, script, _) = run_hoctap(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hoctap.bash");
    std::fs::write(&file, &script).unwrap();
    let status = Command::new("bash").arg("-n").arg(&file).status().expect("bash runs");
    assert!(status.success(), "bash refuses the completion script");
    let (code, _, _) = run_hoctap(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn the_man_page_is_made_from_the_same_options() {
    let (code, page, stderr) = run_hoctap(&["man", "--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH hoctap"), "{page}");
    assert!(page.contains(".TH hoctap 1") && page.contains("serve"), "{page}");
    let (_, build, _) = run_hoctap(&["man", "build", "--lang", "en"]);
    assert!(build.contains(".TH hoctap-build 1"), "{build}");
    assert!(build.contains("\\fB\\-o\\fR, \\fB\\-\\-out\\fR"), "{build}");
    let (_, vi, _) = run_hoctap(&["man", "build", "--lang", "vi"]);
    assert!(vi.contains("Thư mục kết quả"), "{vi}");
}

#[test]
fn the_extra_table_reaches_templates_unchanged_and_escaped_as_text() {
    let config = "title = \"Cổng\"\nbase_url = \"https://hoctap.example.vn\"\n\n[extra]\nhotline = \"1900 1234 <b>\"\n\
                  analytics_id = \"G-XYZ\"\nstarted = 2024-09-05\n\n[extra.logo]\npath = \"/logo.svg\"\nwidth = 120\n";
    let footer =
        "<footer><p id=\"hotline\">{{ site.extra.hotline }}</p><img id=\"logo\" src=\"{{ site.extra.logo.path }}\" \
                  width=\"{{ site.extra.logo.width }}\" alt=\"\"><p id=\"since\">{{ site.extra.started }}</p>\
                  <p id=\"id\">{{ site.extra.analytics_id }}</p></footer>";
    let build = PortalTest::new("content/portal")
        .file("hoctap.toml", config)
        .file("templates/partials/footer.html", footer)
        .build()
        .success();
    let home = build.page("/");
    assert_eq!(home.text("#hotline"), "1900 1234 <b>", "text, not markup");
    assert_eq!(home.attr("#logo", "src").as_deref(), Some("/logo.svg"));
    assert_eq!(home.attr("#logo", "width").as_deref(), Some("120"));
    assert_eq!(home.text("#since"), "2024-09-05");
    assert_eq!(home.text("#id"), "G-XYZ");
}
