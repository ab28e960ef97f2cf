//! Integration tests: each module builds fixture portals (or the sample portal at the
//! repository root) with the real `hoctap` binary and checks the output. See `tests/README.md`.

mod build;
mod check;
mod cms;
mod cli;
mod content;
mod deploy;
mod errors;
mod formats;
mod i18n;
mod images;
mod import;
mod docx_fixture;
mod init;
mod kinds;
mod links;
mod listing;
mod new;
mod output;
mod output_safety;
mod safety;
mod url_safety;
mod serve;
mod util;
