//! Integration tests: each module builds fixture portals (or the sample portal at the
//! repository root) with the real `hoctap` binary and checks the output. See `tests/README.md`.

mod build;
mod check;
mod cli;
mod cms;
mod content;
mod deploy;
mod docx_fixture;
mod errors;
mod formats;
mod i18n;
mod images;
mod import;
mod init;
mod kinds;
mod links;
mod listing;
mod new;
mod official;
mod output;
mod output_safety;
mod place;
mod safety;
mod serve;
mod serve_plan;
mod templates;
mod url_safety;
mod util;
