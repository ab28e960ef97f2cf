//! `hoctap serve`.

use hoctap::serve::{self, Event, Options};
use hoctap::{Config, Language, Overrides};

use crate::cli::ServeArgs;
use crate::report;

/// Serves the portal and prints one line per rebuild until stopped.
pub(crate) fn run(args: &ServeArgs) -> anyhow::Result<report::Exit> {
    let lang = args.portal.lang.unwrap_or_else(|| {
        Config::load(args.portal.root(), &Overrides::default()).map(|c| c.language).unwrap_or_default()
    });
    let options = Options { root: args.portal.root().to_path_buf(), bind: args.bind, port: args.port, drafts: args.drafts };
    let result = serve::run(&options, lang, move |event| print_event(event, lang));
    match result {
        Ok(()) => Ok(report::Exit::Success),
        Err(e) => report::failure(&e, lang),
    }
}

fn print_event(event: &Event, lang: Language) {
    match (event, lang) {
        (Event::Ready(address), Language::Vi) => {
            println!("Đang phục vụ tại http://{address}/ — lưu tệp để xem thay đổi, Ctrl+C để dừng");
        }
        (Event::Ready(address), Language::En) => {
            println!("Serving at http://{address}/ — save a file to see it change, Ctrl+C to stop");
        }
        (Event::Rebuilt { page, files, took }, _) => {
            let what = page.as_deref().unwrap_or("*");
            println!("↻ {what}: {files} ({:.0} ms)", took.as_secs_f64() * 1000.0);
        }
        (Event::Failed(diagnostics), _) => report::warnings(diagnostics, lang),
    }
}
