//! The portal's place after the 2025 reform (province → commune, no districts): `commune` and
//! `province` in the header and JSON-LD, a province's portal without a commune, and the warning
//! for a `district` key left in an older `hoctap.toml`.

use crate::util::PortalTest;

const HOME: &str = "+++\ntitle = \"Trang chủ\"\n+++\n";
const MODELS: &str = "+++\ntitle = \"Gương điển hình\"\nkind = \"role-models\"\n+++\n";
const MODEL: &str = "+++\ntitle = \"Gia đình ông Nguyễn Văn An\"\ndate = 2025-09-01\ncategory = \"family\"\n\
                     commune = \"Ấp Mỹ Phú <b>\"\n+++\n\nCả nhà cùng học.\n";

fn portal(config: &str) -> PortalTest {
    PortalTest::empty()
        .file("hoctap.toml", config)
        .file("content/_index.md", HOME)
        .file("content/guong-dien-hinh/_index.md", MODELS)
        .file("content/guong-dien-hinh/gia-dinh-an.md", MODEL)
}

/// The organization node of the home page's JSON-LD.
fn organization(build: &crate::util::Build) -> serde_json::Value {
    let home = build.page("/").jsonld();
    let graph = home["@graph"].as_array().expect("@graph");
    graph.iter().find(|n| n["@type"] == "GovernmentOrganization").expect("organization").clone()
}

#[test]
fn a_communes_portal_names_the_commune_and_province_in_the_header_and_json_ld() {
    let config = "title = \"Cổng xã\"\ncommune = \"Xã Tháp Mười\"\nprovince = \"Tỉnh Đồng Tháp <i>\"\n\
                  [contact]\naddress = \"Ấp 1\"\n";
    let build = portal(config).build().success();
    assert!(!build.stderr.contains("district"), "no warning without `district`:\n{}", build.stderr);
    let home = build.page("/");
    assert_eq!(home.text(".brand__place"), "Xã Tháp Mười, Tỉnh Đồng Tháp <i>");
    assert!(!build.read("/").contains("<i>"), "the province is escaped");
    let address = &organization(&build)["address"];
    assert_eq!(address["@type"], "PostalAddress");
    assert_eq!(address["streetAddress"], "Ấp 1");
    assert_eq!(address["addressLocality"], "Xã Tháp Mười");
    assert_eq!(address["addressRegion"], "Tỉnh Đồng Tháp <i>");
    // A commune's role models live in its hamlets: the hamlet is the street part.
    let model = build.page("/guong-dien-hinh/gia-dinh-an/").jsonld();
    assert_eq!(model["address"]["streetAddress"], "Ấp Mỹ Phú <b>");
    assert_eq!(model["address"]["addressLocality"], "Xã Tháp Mười");
    assert_eq!(model["address"]["addressRegion"], "Tỉnh Đồng Tháp <i>");
    let html = build.read("/guong-dien-hinh/gia-dinh-an/");
    assert!(!html.contains("<b>") && !html.contains("<i>"), "JSON-LD cannot carry markup into the page");
}

#[test]
fn a_provinces_portal_has_no_commune_and_no_dangling_comma() {
    let build = portal("title = \"Cổng tỉnh\"\nprovince = \"Tỉnh Đồng Tháp\"\n").build().success();
    let home = build.page("/");
    assert_eq!(home.text(".brand__place"), "Tỉnh Đồng Tháp");
    let address = &organization(&build)["address"];
    assert_eq!(address["addressRegion"], "Tỉnh Đồng Tháp");
    assert!(address.get("addressLocality").is_none(), "no commune: {address}");
    // A province's role models live in its communes: the page's place is the locality.
    let model = build.page("/guong-dien-hinh/gia-dinh-an/").jsonld();
    assert_eq!(model["address"]["addressLocality"], "Ấp Mỹ Phú <b>");
    assert_eq!(model["address"]["addressRegion"], "Tỉnh Đồng Tháp");
    assert!(model["address"].get("streetAddress").is_none());
}

#[test]
fn an_old_district_key_builds_with_a_located_warning_in_vietnamese_and_english() {
    let config =
        "title = \"Cổng cũ\"\ndescription = \"…\"\ndistrict = \"Huyện Tháp Mười\"\nprovince = \"Tỉnh Đồng Tháp\"\n";
    let build = portal(config).build().success();
    build.stderr_has(&[
        "hoctap.toml:3: cảnh báo: `district`: từ ngày 01/07/2025 không còn cấp huyện; \"Huyện Tháp Mười\" tạm được \
         hiển thị ở chỗ của `commune`",
        "= gợi ý: cổng của xã, phường hoặc đặc khu: thay dòng này bằng `commune = \"Xã …\"`; cổng của tỉnh: xóa dòng \
         này, chỉ giữ `province = \"Tỉnh …\"`",
    ]);
    // The value is still shown where the commune would be.
    assert_eq!(build.page("/").text(".brand__place"), "Huyện Tháp Mười, Tỉnh Đồng Tháp");

    let build = portal(&config.replace("description", "language = \"en\"\ndescription")).build().success();
    build.stderr_has(&[
        "hoctap.toml:4: warning: `district`: districts no longer exist since 1 July 2025; \"Huyện Tháp Mười\" is shown \
         where `commune` would be for now",
        "= help: for a commune's, ward's or special zone's portal, replace this line by `commune = \"Xã …\"`; for a \
         province's portal, delete it and keep only `province = \"Tỉnh …\"`",
    ]);

    // `check` reports it too, as a warning with its stable code.
    let check = portal(config).run("check", &["--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&check.stdout).expect("check's JSON");
    let found = &found[0];
    assert_eq!(
        (&found["code"], &found["level"], &found["line"]),
        (&"district-key".into(), &"warning".into(), &3.into())
    );
}

#[test]
fn with_both_keys_the_commune_wins_and_the_district_is_named_as_ignored() {
    let config = "title = \"Cổng xã\"\ncommune = \"Xã Tháp Mười\"\ndistrict = \"Huyện Tháp Mười\"\n";
    let build = portal(config).build().success();
    build.stderr_has(&["hoctap.toml:3: cảnh báo: `district`", "\"Huyện Tháp Mười\" bị bỏ qua vì đã có `commune`"]);
    assert_eq!(build.page("/").text(".brand__place"), "Xã Tháp Mười");
}

#[test]
fn inits_scaffold_offers_commune_and_province_and_they_work_once_uncommented() {
    for (lang, province) in [("vi", "# province = \"Tỉnh …\""), ("en", "# province = \"… Province\"")] {
        let portal = PortalTest::empty();
        let root = portal.root().to_str().expect("UTF-8 temp path").to_string();
        let (code, _, stderr) = crate::util::run_hoctap(&["init", &root, "--language", lang]);
        assert_eq!(code, 0, "{stderr}");
        let config = std::fs::read_to_string(portal.root().join("hoctap.toml")).unwrap();
        assert!(!config.contains("district"), "{lang}: {config}");
        assert!(config.contains("\n# commune = \"Xã …\"\n") && config.contains(province), "{lang}: {config}");
        // The lines as a commune's staff would fill them in.
        let filled = config
            .replace("# commune = \"Xã …\"", "commune = \"Xã Tháp Mười\"")
            .replace(province, "province = \"Tỉnh Đồng Tháp\"");
        portal.write("hoctap.toml", filled);
        let build = portal.build().success();
        assert!(!build.stderr.contains("district"), "{}", build.stderr);
        assert_eq!(build.page("/").text(".brand__place"), "Xã Tháp Mười, Tỉnh Đồng Tháp");
    }
}
