//! Portal templates under Tera 2: a template in Tera 1 syntax is a located error pointing to
//! the migration note (docs/templates.md), the same template in Tera 2 syntax renders, and
//! render errors name the content file and the portal's template.

use crate::util::PortalTest;

/// The blocks inside `page.html`'s `content` that the kinds' templates (`events.html`, …)
/// fill: Tera 2 wants them in a portal's own `page.html` too.
pub(crate) const PAGE_BLOCKS: &str = "{% block header %}{% endblock header %}{% block facts %}{% endblock facts %}\
                           {% block figure %}{% endblock figure %}{% block before_body %}{% endblock before_body %}\
                                      {% block after_body %}{% endblock after_body %}";

/// A portal's page template written for Tera 1: a macro import and `x.0` indexing.
const TERA1_PAGE: &str = "{% extends \"base.html\" %}\n{% import \"partials/dates.html\" as dates %}\n\
                          {% block content %}<h1>{{ page.title }}</h1>{{ dates::date(d=page.date) }}{% endblock content %}\n";

#[test]
fn a_tera1_override_is_located_and_points_to_the_migration_note_in_both_languages() {
    for (lang, words) in
        [("vi", "lỗi: mẫu giao diện không đúng cú pháp Tera 2"), ("en", "error: this template is not valid Tera 2")]
    {
        let build = PortalTest::new("content/portal")
            .file("templates/page.html", TERA1_PAGE)
            .args(&["--lang", lang])
            .build()
            .failure();
        build.stderr_has(&["templates/page.html:2:4: ", words, "Unknown tag", "docs/templates.md"]);
        assert!(!build.out.exists(), "{lang}: nothing is written");
    }
}

#[test]
fn the_same_override_in_tera2_syntax_renders() {
    let page = format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}{PAGE_BLOCKS}<h1>{{{{ page.title }}}}</h1>\
         <p id=\"d\">{{{{ <dates.date d={{page.date}} /> }}}}</p><p id=\"first\">{{{{ page.tags[0]?.name or \"\" }}}}</p>\
         {{% endblock content %}}\n"
    );
    let build = PortalTest::new("content/portal").file("templates/page.html", page).build().success();
    let html = build.page("/tin-tuc/lop-tieng-anh/");
    assert_eq!(html.text("h1"), "Lớp tiếng Anh giao tiếp cho người lớn");
    assert_eq!(html.attr("#d time", "datetime").as_deref(), Some("2025-03-10"));
    assert_eq!(html.text("#d"), "10/03/2025");
    assert_eq!(html.text("#first"), "ngoại ngữ");
    assert_eq!(build.page("/gioi-thieu/").text("#first"), "", "no tags: the `or` default");
    let news = build.page("/tin-tuc/");
    assert!(news.count(".card") > 0, "lists still use the theme's cards");
}

#[test]
fn a_render_error_in_an_override_names_the_template_and_the_migration_note() {
    let page = format!("{{% extends \"base.html\" %}}\n{{% block content %}}{PAGE_BLOCKS}\n{{{{ page.subtitle }}}}{{% endblock content %}}\n");
    let build = PortalTest::new("content/portal").file("templates/page.html", page).build().failure();
    // Pages render in parallel: whichever fails first is named.
    build.stderr_has(&["page.html:3", "subtitle", "while rendering `content/"]);
    build.stderr_has(&["templates/page.html is the portal's own template", "docs/templates.md"]);
}

#[test]
fn an_override_without_the_blocks_its_children_fill_says_so() {
    let page = "{% extends \"base.html\" %}{% block content %}{{ page.title }}{% endblock content %}";
    let build = PortalTest::new("content/portal").file("templates/page.html", page).build().failure();
    build.stderr_has(&["Block `facts` is not defined", "templates/page.html", "docs/templates.md"]);
}

/// A template looping over a table sees its keys in order, the same on every build (Tera 2's
/// maps would otherwise change order from one build to the next, and rewrite every page).
#[test]
fn a_loop_over_the_extra_table_is_in_key_order_on_every_build() {
    let config = "title = \"Cổng\"\nbase_url = \"https://hoctap.example.vn\"\n\n[extra]\nzalo = \"z\"\nemail = \"e\"\n\
                  hotline = \"h\"\nfacebook = \"f\"\nyoutube = \"y\"\nbando = \"b\"\n";
    let footer =
        "<footer><p id=\"keys\">{% for key, value in site.extra %}{{ key }}={{ value }};{% endfor %}</p></footer>";
    let portal =
        PortalTest::new("content/portal").file("hoctap.toml", config).file("templates/partials/footer.html", footer);
    for _ in 0..3 {
        let build = portal.build().success();
        assert_eq!(build.page("/").text("#keys"), "bando=b;email=e;facebook=f;hotline=h;youtube=y;zalo=z;");
    }
}
