//! `[cms]`: the `/admin/` editor. Its `config.yml` comes from the loader's field tables, its
//! page is `noindex` and out of the sitemap and search index, citizens' pages never load it,
//! and a bad `[cms]` setting is an error at its line naming the accepted values.

use serde_yaml_ng::Value;

use crate::util::{manifest_dir, PortalTest};

const PORTAL_TOML: &str = "title = \"Cổng học tập xã Mỹ Hòa\"\nbase_url = \"https://hoctap.example.vn/cong\"\n";

fn with_cms(cms: &str) -> PortalTest {
    PortalTest::new("content/portal").file("hoctap.toml", format!("{PORTAL_TOML}\n[cms]\n{cms}"))
}

fn collections(config: &Value) -> Vec<&Value> {
    config["collections"].as_sequence().expect("collections").iter().collect()
}

#[test]
fn the_admin_page_and_its_config_are_built_for_every_section() {
    let build = PortalTest::in_place(&manifest_dir()).build().success();
    let admin = build.page("/admin/");
    assert_eq!(admin.attr("meta[name=robots]", "content").as_deref(), Some("noindex, nofollow"));
    assert_eq!(admin.attr("link[rel=cms-config-url]", "href").as_deref(), Some("/admin/config.yml"));
    let scripts = admin.attrs("script", "src");
    assert_eq!(scripts, ["https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js", "/admin/preview.js"]);
    assert!(admin.attr("script", "integrity").is_some_and(|i| i.starts_with("sha384-")));
    let css = build.page("/").attr("link[rel=stylesheet]", "href").expect("the theme's stylesheet");
    assert_eq!(build.read("/admin/preview.js"), format!("CMS.registerPreviewStyle(\"{css}\");\n"));

    let config: Value = serde_yaml_ng::from_str(&build.read("/admin/config.yml")).expect("valid YAML");
    assert_eq!(config["backend"]["name"].as_str(), Some("git-gateway"));
    assert_eq!(config["locale"].as_str(), Some("vi"));
    assert_eq!(
        (config["media_folder"].as_str(), config["public_folder"].as_str()),
        (Some("static/media"), Some("/media"))
    );
    let folders: Vec<&str> = collections(&config).iter().map(|c| c["folder"].as_str().unwrap()).collect();
    assert_eq!(
        folders,
        ["content/tin-tuc", "content/ke-hoach", "content/guong-dien-hinh", "content/hoc-lieu", "content/su-kien"]
    );
    let news = collections(&config)[0];
    assert_eq!(news["label"].as_str(), Some("Tin tức"));
    assert_eq!(news["format"].as_str(), Some("toml-frontmatter"));
    let date = news["fields"].as_sequence().unwrap().iter().find(|f| f["name"].as_str() == Some("date")).unwrap();
    assert_eq!((date["required"].as_bool(), date["label"].as_str()), (Some(true), Some("Ngày đăng")));
    let plans = collections(&config)[1];
    let indicators =
        plans["fields"].as_sequence().unwrap().iter().find(|f| f["name"].as_str() == Some("indicators")).unwrap();
    let ids: Vec<&str> =
        indicators["options"].as_sequence().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
    assert!(ids.contains(&"nang-luc-thong-tin") && ids.len() >= 9, "{ids:?}");

    // Not for search engines, the sitemap or the search box; citizens' pages never load it.
    assert!(!build.read("/sitemap.xml").contains("/admin/"));
    for file in build.files() {
        let text = String::from_utf8_lossy(&build.bytes(&file)).to_string();
        // `/.hoctap-build` is the build's own list of what it wrote.
        if !file.starts_with("/admin/") && !file.starts_with("/.") {
            assert!(!text.contains("decap") && !text.contains("/admin/"), "{file} mentions the editor");
        }
    }
}

#[test]
fn the_editor_speaks_english_on_an_english_portal_and_names_the_repository() {
    let build = PortalTest::new("content/portal")
        .file("hoctap.toml", format!("{PORTAL_TOML}language = \"en\"\n\n[cms]\nbackend = \"github\"\nrepo = \"my-office/portal\"\nscript_url = \"/admin/decap-cms.js\"\n"))
        .build()
        .success();
    let admin = build.page("/admin/");
    assert_eq!(admin.attr("link[rel=cms-config-url]", "href").as_deref(), Some("/cong/admin/config.yml"));
    assert_eq!(admin.attrs("script", "src"), ["/admin/decap-cms.js", "/cong/admin/preview.js"]);
    assert!(admin.attr("script", "integrity").is_none(), "no pinned hash for an office's own copy");
    let config: Value = serde_yaml_ng::from_str(&build.read("/admin/config.yml")).unwrap();
    assert_eq!(config["backend"]["repo"].as_str(), Some("my-office/portal"));
    assert_eq!(config["backend"]["branch"].as_str(), Some("main"));
    assert_eq!(config["locale"].as_str(), Some("en"));
    let role_models =
        collections(&config).into_iter().find(|c| c["folder"].as_str() == Some("content/guong-dien-hinh")).unwrap();
    let category =
        role_models["fields"].as_sequence().unwrap().iter().find(|f| f["name"].as_str() == Some("category")).unwrap();
    assert_eq!(category["label"].as_str(), Some("Category"));
    assert_eq!(category["options"][0]["label"].as_str(), Some("Learning citizen"));
}

#[test]
fn an_unknown_backend_names_the_key_the_line_and_the_accepted_values() {
    with_cms("backend = \"wordpress\"\n").build().failure().stderr_has(&[
        "hoctap.toml:5",
        "`[cms] backend`",
        "`wordpress`",
        "github, gitlab, git-gateway, local",
    ]);
    with_cms("backend = \"wordpress\"\n").args(&["--lang", "en"]).build().failure().stderr_has(&[
        "hoctap.toml:5",
        "field `[cms] backend`: `wordpress` is not allowed",
        "use one of: github, gitlab, git-gateway, local",
    ]);
}

#[test]
fn github_needs_a_repository_and_the_media_folder_stays_in_static() {
    with_cms("backend = \"github\"\nmedia_folder = \"../anh\"\n").build().failure().stderr_has(&[
        "hoctap.toml:5",
        "`[cms] backend = \"github\"` cần `repo`",
        "hoctap.toml:6",
        "`[cms] media_folder` `../anh` phải là một thư mục trong `static/`",
    ]);
    with_cms("backend = \"gitlab\"\nrepo = \"khong co gach cheo\"\n")
        .args(&["--lang", "en"])
        .build()
        .failure()
        .stderr_has(&["hoctap.toml:6", "`[cms] repo` `khong co gach cheo` is not `owner/name`"]);
    with_cms("backend = \"local\"\nscript_url = \"javascript:alert(1)\"\n")
        .build()
        .failure()
        .stderr_has(&["hoctap.toml:6", "[cms] script_url"]);
}
