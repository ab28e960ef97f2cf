//! The Tera engine: the theme's and the portal's templates, parsed once, with hoctap's
//! escaper; template errors as one message, located in the portal's own templates.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::diagnostics::{Error, Location, Problem, Result, TEMPLATE_MIGRATION_NOTE};
use crate::markdown::write_escaped_html;
use crate::theme::{Source, Theme};

/// The theme's templates, parsed once per build.
pub(crate) struct Templates {
    tera: Tera,
    /// Templates read from disk (the portal's `templates/` or a theme folder), not built in:
    /// their errors point to the Tera 2 migration note.
    on_disk: HashSet<String>,
}

impl Templates {
    /// Parses every template of the theme and the portal's `templates/`.
    pub(crate) fn load(theme: &Theme) -> Result<Templates> {
        let mut sources = Vec::new();
        let mut on_disk = HashSet::new();
        for (name, source) in theme.files("templates") {
            let text = source.read_text(&shown(&name))?;
            if matches!(source, Source::Disk(_)) {
                on_disk.insert(name.clone());
            }
            sources.push((name, text));
        }
        let mut tera = Tera::default();
        // One escaper for every text hoctap writes into HTML (`markdown::escape_html`): it also
        // drops control characters, which Tera's keeps.
        tera.set_escape_fn(write_escaped_html);
        tera.add_raw_templates(sources).map_err(|e| load_error(&e, &on_disk))?;
        let templates = Templates { tera, on_disk };
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
        self.tera.contains_template(name)
    }

    /// Renders `name` with `context`, as UTF-8 bytes ready to write.
    pub(super) fn render(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>> {
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera.render_to(name, context, &mut html).map_err(|e| Error::Template(self.render_error(&e)))?;
        Ok(html)
    }

    /// Tera's message; when the failing template is the portal's own, a pointer to the
    /// migration note (a template written for Tera 1 may parse and still fail here, on an
    /// undefined variable for instance).
    fn render_error(&self, error: &tera::Error) -> String {
        let mut message = error_chain(error);
        if let ErrorKind::RenderingError(report) = error.kind() {
            if self.on_disk.contains(report.filename()) {
                message.push_str(&format!(
                    "\n{} is the portal's own template; if it was written for Tera 1, see {TEMPLATE_MIGRATION_NOTE}",
                    shown(report.filename()).display()
                ));
            }
        }
        message
    }
}

/// A template as the user sees it: `templates/<name>`.
fn shown(name: &str) -> PathBuf {
    Path::new("templates").join(name)
}

/// A syntax error in a template on disk is the user's, at a line of that file; one in a
/// built-in template is a bug of the theme.
fn load_error(error: &tera::Error, on_disk: &HashSet<String>) -> Error {
    match error.kind() {
        ErrorKind::SyntaxError(report) if on_disk.contains(report.filename()) => {
            let mut location = Location::line(shown(report.filename()), report.span().start_line);
            location.column = Some(report.span().start_col + 1);
            Error::content(location, Problem::TemplateSyntax { message: report.message().to_string() })
        }
        _ if on_disk.is_empty() => Error::Template(error_chain(error)),
        // Tera 2 checks that a child's blocks exist in its parent: a portal's `page.html`
        // without `facts` breaks the built-in `events.html` that extends it.
        _ => {
            let mut names: Vec<_> = on_disk.iter().map(|name| shown(name).display().to_string()).collect();
            names.sort();
            Error::Template(format!(
                "{}\nthe portal's own templates ({}) replace built-in ones; a built-in template that extends one of \
                 them needs its blocks; see {TEMPLATE_MIGRATION_NOTE}",
                error_chain(error),
                names.join(", ")
            ))
        }
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
