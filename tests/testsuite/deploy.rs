//! The deploy recipes `hoctap init` writes: the GitHub Pages workflow and `.gitlab-ci.yml`
//! parse as YAML, run daily and download the binary `.github/workflows/release.yml` publishes,
//! and the exact build command each contains builds a fresh portal and the sample portal.

use std::path::Path;
use std::process::Command;

use serde_yaml_ng::Value;

use crate::util::{manifest_dir, run_hoctap, PortalTest};

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn init(extra: &[&str]) -> PortalTest {
    let portal = PortalTest::empty();
    let root = portal.root().to_str().expect("UTF-8").to_string();
    let mut args = vec!["init", root.as_str()];
    args.extend(extra);
    let (code, stdout, stderr) = run_hoctap(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    portal
}

/// Runs a recipe's shell line in `dir` with `./hoctap` being the binary under test.
fn run_line(dir: &Path, line: &str, env: &[(&str, &str)]) {
    let bin = Path::new(env!("CARGO_BIN_EXE_hoctap"));
    std::fs::copy(bin, dir.join("hoctap")).expect("binary beside the portal");
    let output =
        Command::new("sh").arg("-c").arg(line).current_dir(dir).envs(env.iter().copied()).output().expect("sh");
    let _ = std::fs::remove_file(dir.join("hoctap"));
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "`{line}` failed:\n{text}");
}

/// The sample portal at the repository root, copied into `dir`.
fn sample_in(dir: &Path) {
    for sub in ["content", "static", "themes"] {
        crate::util::copy_tree(&manifest_dir().join(sub), &dir.join(sub));
    }
    std::fs::copy(manifest_dir().join("hoctap.toml"), dir.join("hoctap.toml")).expect("config");
}

/// The asset the release workflow publishes for `target`, as the recipes download it.
fn released_asset(target: &str) -> String {
    let release = yaml(&manifest_dir().join(".github/workflows/release.yml"));
    let matrix = release["jobs"]["build"]["strategy"]["matrix"]["include"].as_sequence().expect("matrix");
    let entry = matrix.iter().find(|e| e["target"].as_str() == Some(target)).expect("the target is released");
    format!("hoctap-{target}.{}", entry["archive"].as_str().expect("archive"))
}

fn links(site: &Path) -> String {
    std::fs::read_to_string(site.join("index.html")).expect("home page")
}

#[test]
fn the_github_pages_workflow_builds_with_the_pages_address_and_runs_daily() {
    let portal = init(&[]);
    let workflow = yaml(&portal.root().join(".github/workflows/pages.yml"));
    assert_eq!(workflow["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(workflow["on"]["schedule"][0]["cron"].as_str(), Some("5 17 * * *"), "00:05 in Vietnam");
    assert_eq!(workflow["env"]["HOCTAP_VERSION"].as_str(), Some(env!("CARGO_PKG_VERSION")));
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().expect("steps");
    let run_of =
        |needle: &str| steps.iter().filter_map(|s| s["run"].as_str()).find(|r| r.contains(needle)).map(str::to_string);
    let download = run_of("curl").expect("a download step");
    assert!(download.contains(&released_asset("x86_64-unknown-linux-musl")), "{download}");
    assert!(!steps.iter().any(|s| s["uses"].as_str().is_some_and(|u| u.contains("rust"))), "no Rust toolchain");
    let build_step =
        steps.iter().find(|s| s["run"].as_str().is_some_and(|r| r.contains("hoctap build"))).expect("build step");
    assert_eq!(build_step["env"]["BASE_URL"].as_str(), Some("${{ steps.pages.outputs.base_url }}"));
    let command = build_step["run"].as_str().unwrap();
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact")))
        .unwrap();
    let published = upload["with"]["path"].as_str().unwrap();

    // The exact command, as configure-pages gives a project page's address, on the new portal
    // and on the sample portal.
    let project_page = [("BASE_URL", "https://ubnd-myhoa.github.io/cong-xhht")];
    run_line(portal.root(), command, &project_page);
    let home = links(&portal.root().join(published));
    assert!(home.contains("href=\"/cong-xhht/tin-tuc/\""), "links carry the project path");
    assert!(portal.root().join(published).join("admin/config.yml").is_file(), "the editor is published");
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);

    let sample = tempfile::tempdir().unwrap();
    sample_in(sample.path());
    run_line(sample.path(), command, &[("BASE_URL", "https://xhht.thapmuoi.example.vn")]);
    assert!(links(&sample.path().join(published)).contains("href=\"/tin-tuc/\""), "a custom domain has no path");
}

#[test]
fn the_gitlab_recipe_builds_into_public_with_the_pages_address() {
    let portal = init(&["--language", "en"]);
    let ci = yaml(&portal.root().join(".gitlab-ci.yml"));
    let job = &ci["pages"];
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    assert!(job["image"].as_str().is_some_and(|i| i.starts_with("alpine")), "no Rust image");
    let script: Vec<&str> = job["script"].as_sequence().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(script[0].contains(&released_asset("x86_64-unknown-linux-musl")), "{}", script[0]);
    let command = script.iter().find(|l| l.contains("hoctap build")).expect("build line");
    run_line(portal.root(), command, &[("CI_PAGES_URL", "https://tinh.gitlab.io/cong")]);
    assert!(links(&portal.root().join("public")).contains("href=\"/cong/news/\""));
    let sample = tempfile::tempdir().unwrap();
    sample_in(sample.path());
    run_line(sample.path(), command, &[("CI_PAGES_URL", "https://xhht.example.vn")]);
    assert!(sample.path().join("public/admin/index.html").is_file());
}

#[test]
fn a_clone_of_a_github_repository_gets_its_editor_backend_and_address() {
    let portal = PortalTest::empty();
    std::fs::create_dir_all(portal.root().join(".git")).unwrap();
    std::fs::write(
        portal.root().join(".git/config"),
        "[remote \"origin\"]\n\turl = git@github.com:UBND-MyHoa/cong-xhht.git\n",
    )
    .unwrap();
    let root = portal.root().to_str().unwrap().to_string();
    let (code, stdout, stderr) = run_hoctap(&["init", &root]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\n  1. git add . && git commit -m \"Cổng thông tin\" && git push\n  2. trên GitHub: Settings → Pages → Source: GitHub Actions\n  3. mở trình soạn thảo: https://ubnd-myhoa.github.io/cong-xhht/admin/"), "{stdout}");
    let toml = std::fs::read_to_string(portal.root().join("hoctap.toml")).unwrap();
    assert!(toml.contains("[cms]\nbackend = \"github\"\nrepo = \"UBND-MyHoa/cong-xhht\""), "{toml}");
    let build = portal.build().success();
    let config: Value = serde_yaml_ng::from_str(&build.read("/admin/config.yml")).unwrap();
    assert_eq!(config["backend"]["repo"].as_str(), Some("UBND-MyHoa/cong-xhht"));
}

#[test]
fn check_warns_when_the_output_breaks_the_hosts_limits_and_names_the_largest_files() {
    let config = "title = \"Cổng học tập xã Mỹ Hòa\"\nbase_url = \"https://hoctap.example.vn\"\n\n[deploy]\nhost = \"cloudflare-pages\"\n";
    let portal = PortalTest::new("content/portal").file("hoctap.toml", config);
    let video = portal.root().join("static/video/le-khai-giang.mp4");
    std::fs::create_dir_all(video.parent().unwrap()).unwrap();
    std::fs::File::create(&video).unwrap().set_len(26 * 1024 * 1024).unwrap();
    let check = portal.run("check", &[]);
    assert_eq!(check.code, 0, "a warning does not fail check:\n{}{}", check.stdout, check.stderr);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert!(all.contains("hoctap.toml:5: cảnh báo: có tệp lớn hơn 25.0 MiB mà `cloudflare-pages` nhận: /video/le-khai-giang.mp4 (26.0 MiB)"), "{all}");
    let english = portal.run("check", &["--lang", "en"]);
    let all = format!("{}{}", english.stdout, english.stderr);
    assert!(
        all.contains("files larger than the 25.0 MiB `cloudflare-pages` takes: /video/le-khai-giang.mp4 (26.0 MiB)"),
        "{all}"
    );

    let unknown = PortalTest::new("content/portal").file("hoctap.toml", config.replace("cloudflare-pages", "firebase"));
    unknown.build().failure().stderr_has(&[
        "hoctap.toml:5",
        "`[deploy] host`",
        "`firebase`",
        "github-pages, gitlab-pages, netlify, cloudflare-pages, server",
    ]);
}

#[test]
fn netlify_and_cloudflare_get_headers_for_hashed_assets_and_redirects_for_aliases() {
    for host in ["netlify", "cloudflare-pages"] {
        let config =
            format!("title = \"Cổng\"\nbase_url = \"https://hoctap.example.vn/cong\"\n\n[deploy]\nhost = \"{host}\"\n");
        let build = PortalTest::new("content/portal").file("hoctap.toml", config).build().success();
        let css = build.page("/").attr("link[rel=stylesheet]", "href").expect("stylesheet");
        let loader = build
            .page("/")
            .attrs("script", "src")
            .into_iter()
            .find(|s| s.contains("/js/search-loader."))
            .expect("search loader");
        let script = build.page("/tim-kiem/").attr("script[data-search-main]", "src").expect("search script");
        let headers = build.read("/_headers");
        let rules: Vec<(&str, &str)> = headers
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .chunks(2)
            .map(|pair| (pair[0], pair[1].trim()))
            .collect();
        assert_eq!(
            rules,
            [
                (css.as_str(), "Cache-Control: public, max-age=31536000, immutable"),
                (script.as_str(), "Cache-Control: public, max-age=31536000, immutable"),
                (loader.as_str(), "Cache-Control: public, max-age=31536000, immutable")
            ],
            "{headers}"
        );
        let redirects = build.read("/_redirects");
        let lines: Vec<Vec<&str>> =
            redirects.lines().filter(|l| !l.starts_with('#')).map(|l| l.split(' ').collect()).collect();
        assert_eq!(lines.len(), 2, "{redirects}");
        for line in &lines {
            assert_eq!(line.len(), 3, "{redirects}");
            assert!(line[0] == "/cong/tin-cu/hoi-sach/" || line[0] == "/cong/cu/hoi-sach.html", "{redirects}");
            assert_eq!((line[1], line[2]), ("/cong/tin-tuc/hoi-sach/", "301"));
            assert!(build.exists(line[1].strip_prefix("/cong").unwrap()), "the target page exists");
        }
    }
    let plain = PortalTest::new("content/portal").build().success();
    assert!(!plain.exists("/_headers") && !plain.exists("/_redirects"), "only for hosts that read them");
}
