//! The `/admin/` editor for staff: Decap CMS, set up by the `[cms]` table of `hoctap.toml`.
//!
//! Decap CMS rather than Sveltia CMS (which reads the same `config.yml`): Decap works with the
//! `git-gateway` backend (Netlify Identity, a login without a GitHub account) and with
//! `decap-server`, which edits the files of a local copy, so staff can try it and tests can
//! drive it offline; Sveltia has neither. The editor is written only into `admin/`: citizens'
//! pages never load it, it is `noindex`, and it is neither in the sitemap nor in the search index.

pub(crate) mod collections;
mod labels;
pub(crate) mod settings;

use crate::output::{Generated, Output, Owner};
use crate::Site;
pub(crate) use settings::{Backend, CmsConfig, DEFAULT_SCRIPT_URL};

/// Subresource Integrity of [`DEFAULT_SCRIPT_URL`] (sha384 of `dist/decap-cms.js` in the npm package).
const DEFAULT_SCRIPT_INTEGRITY: &str = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// Writes `admin/index.html` and `admin/config.yml` when `[cms]` is set.
pub(crate) fn write_admin(site: &Site, css_url: &str, output: &Output) -> crate::Result<()> {
    let Some(cms) = &site.config.cms else { return Ok(()) };
    let file = collections::generate(cms, &site.config, &site.content, &site.strings, &site.indicators)?;
    let yaml = serde_yaml_ng::to_string(&file).map_err(|e| crate::Error::Template(e.to_string()))?;
    let owner = Owner::Generated(Generated::Cms);
    output.write("/admin/config.yml", yaml.as_bytes(), owner.clone())?;
    output.write("/admin/preview.js", preview_script(css_url).as_bytes(), owner.clone())?;
    output.write("/admin/index.html", admin_page(site, cms).as_bytes(), owner)?;
    Ok(())
}

/// The editor's page: no index, the pinned script, the config beside it.
fn admin_page(site: &Site, cms: &CmsConfig) -> String {
    use crate::markdown::escape_html;
    let config = &site.config;
    let vi = config.language == crate::Language::Vi;
    let heading = if vi { "Quản trị nội dung" } else { "Content manager" };
    let integrity = if cms.script_url == DEFAULT_SCRIPT_URL {
        format!(" integrity=\"{DEFAULT_SCRIPT_INTEGRITY}\" crossorigin=\"anonymous\"")
    } else {
        String::new()
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n<title>{heading} · {title}</title>\n\
         <link href=\"{config_url}\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n\
         <script src=\"{script}\"{integrity}></script>\n<script src=\"{preview}\"></script>\n</body>\n</html>\n",
        lang = config.language.code(),
        title = escape_html(&config.title),
        config_url = escape_html(&config.link("/admin/config.yml")),
        script = escape_html(&cms.script_url),
        preview = escape_html(&config.link("/admin/preview.js")),
    )
}

/// Previews use the theme's stylesheet.
fn preview_script(css_url: &str) -> String {
    let url = serde_json::Value::String(css_url.to_string());
    format!("CMS.registerPreviewStyle({url});\n")
}
