//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use hoctap::Language;

/// hoctap: build the learning-society portal (cổng thông tin xây dựng xã hội học tập)
/// of a district or commune from a folder of markdown files.
#[derive(Debug, Parser)]
#[command(name = "hoctap", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the portal into `site/` (or `--out`); the old output is replaced only on success.
    Build(BuildArgs),
    /// Preview the portal at http://127.0.0.1:1111/, rebuilding and reloading on every save;
    /// builds in memory and writes no output folder.
    Serve(ServeArgs),
    /// Check everything `build` checks plus every link, anchor and image; writes nothing.
    Check(CheckArgs),
    /// Write a new page of a kind (news, plan, role-model, resource, event, page) from its archetype.
    New(NewArgs),
    /// Create a new portal that builds at once: config, sections and example content.
    Init(InitArgs),
    /// Import a plan written in Word (.docx): a plan page and draft indicators for its targets.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
}

const IMPORT_EXAMPLES: &str = "Ví dụ / Examples:
  hoctap import ke-hoach-322.docx --dry-run     xem trước, không ghi gì / preview, write nothing
  hoctap import ke-hoach-322.docx               ghi trang kế hoạch và chỉ số nháp / write the page and draft indicators
  hoctap build --drafts                         xem cả chỉ số nháp / build with the draft indicators";

/// Options of `hoctap import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The plan as a Word file (.docx; an old .doc or .odt must be saved as .docx first).
    #[arg(value_name = "FILE.docx")]
    pub(crate) file: PathBuf,
    /// The portal folder, holding `hoctap.toml` and `content/` (a relative path starts from
    /// the current folder).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// The plans section folder inside `content/` (default: the section with `kind = "plans"`).
    #[arg(long, value_name = "DIR")]
    pub(crate) section: Option<String>,
    /// Print what would be written, and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Language of messages: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub(crate) lang: Option<Language>,
}


/// Options of `hoctap serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The portal folder, holding `hoctap.toml` and `content/` (a relative path starts from
    /// the current folder).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(long, short, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Address to listen on; only this computer can connect unless you change it.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub(crate) bind: std::net::IpAddr,
    /// Also show drafts and news dated in the future.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Language of messages: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub(crate) lang: Option<Language>,
}

/// Options of `hoctap build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The portal folder, holding `hoctap.toml` and `content/` (a relative path starts from
    /// the current folder).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// Output folder (default: `output_dir` from hoctap.toml, else `site`). A relative path
    /// starts from the portal folder (`--root`), not from the current folder: `--root cong
    /// --out ban-in` writes `cong/ban-in/`; an absolute path is used as it is.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Absolute URL the site will be served from, overriding `base_url` in hoctap.toml.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Also build drafts and news dated in the future.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Language of messages: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub(crate) lang: Option<Language>,
    /// Print the time each stage took.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}

/// Options of `hoctap check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The portal folder, holding `hoctap.toml` and `content/` (a relative path starts from
    /// the current folder).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// Also check external links over HTTP (results are cached for a day in `.hoctap-cache/`
    /// inside the portal folder; nothing else is written).
    #[arg(long)]
    pub(crate) external: bool,
    /// Seconds to wait for one external link.
    #[arg(long, default_value_t = 10, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=300))]
    pub(crate) timeout: u64,
    /// Output format: `human` lines, or `json` (an array of problems) for CI.
    #[arg(long, default_value = "human", value_parser = ["human", "json"])]
    pub(crate) format: String,
    /// Also check drafts and news dated in the future.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Language of messages: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub(crate) lang: Option<Language>,
    /// Print the time each stage took.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}

/// Options of `hoctap new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// news, plan, role-model, resource, event or page (plurals and section folders work too).
    pub(crate) kind: String,
    /// The title, on one line (line breaks, tabs and control characters become spaces); the
    /// file name is made from it (`Ngày Sách 2026` → `ngay-sach-2026.md`), at most 80
    /// characters, cut after a whole word.
    pub(crate) title: String,
    /// The portal folder, holding `hoctap.toml` and `content/` (a relative path starts from
    /// the current folder).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// Make a page bundle, `<slug>/index.md`, to put images and files beside it.
    #[arg(long)]
    pub(crate) bundle: bool,
    /// Language of messages: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub(crate) lang: Option<Language>,
}

/// Options of `hoctap init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder of the new portal (default: the current folder; a relative path starts from
    /// it); must be empty.
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// The same as DIR.
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    pub(crate) root: Option<PathBuf>,
    /// The portal's title (default: a placeholder to replace in `hoctap.toml`), on one line:
    /// line breaks, tabs and control characters become spaces.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The portal's language: vi (Vietnamese folders and pages) or en.
    #[arg(long, default_value = "vi", value_parser = language)]
    pub(crate) language: Language,
    /// Language of messages (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub(crate) lang: Option<Language>,
}

/// `vi` or `en`: the one parser of `--lang` and `--language`.
fn language(code: &str) -> Result<Language, String> {
    match code {
        "vi" => Ok(Language::Vi),
        "en" => Ok(Language::En),
        _ => Err("use vi or en".into()),
    }
}
