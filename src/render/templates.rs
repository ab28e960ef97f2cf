//! The Tera engine: the theme's and the portal's templates, parsed once, with hoctap's
//! escaper; template errors as one message.

use tera::Tera;

use crate::diagnostics::{Error, Result};
use crate::markdown::escape_html;
use crate::theme::Theme;

/// The theme's templates, parsed once per build.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Parses every template of the theme and the portal's `templates/`.
    pub fn load(theme: &Theme) -> Result<Templates> {
        let mut sources = Vec::new();
        for (name, source) in theme.files("templates") {
            let text = source.read_text(&std::path::Path::new("templates").join(&name))?;
            sources.push((name, text));
        }
        let mut tera = Tera::default();
        // Tera's own escaper also turns every `/` into `&#x2F;`: six bytes per slash of every
        // URL, for no safety gain (OWASP dropped that advice), and it is slower.
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(sources).map_err(|e| Error::Template(error_chain(&e)))?;
        let templates = Templates { tera };
        if templates.has("indicators.html") {
            // The indicator overview was `indicators.html` before `section-indicators.html`.
            return Err(Error::Template(
                "templates/indicators.html: the overview of an indicators section is now `section-indicators.html`; \
                 rename the file (page templates are `<kind>.html`, section templates `section-….html`)"
                    .into(),
            ));
        }
        Ok(templates)
    }

    pub(super) fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders `name` with `context`, as UTF-8 bytes ready to write.
    pub(super) fn render(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>> {
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera.render_to(name, context, &mut html).map_err(|e| Error::Template(error_chain(&e)))?;
        Ok(html)
    }
}

/// Tera nests the useful message in the error's sources.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}
