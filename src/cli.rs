//! Command-line arguments. Each option keeps its hoctap spelling and also answers to the ones
//! Zola and Hugo users type (`-o/--output-dir`, `-u`, `-i/--interface`, `-O`…), shown in `--help`.
//! [`crate::localize`] parses them with help and usage errors in the user's language.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use hoctap::Language;

/// hoctap: build the learning-society portal (cổng thông tin xây dựng xã hội học tập)
/// of a province or commune from a folder of markdown files.
#[derive(Debug, Parser)]
#[command(name = "hoctap", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    /// `--root` and `--lang` written before the subcommand: `hoctap --root cong build`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) to standard output.
    Completions(CompletionsArgs),
    /// Print the manual page (roff, for `man`) of hoctap or of one command to standard output.
    Man(ManArgs),
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
    /// `--root` and `--lang`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// The plans section folder inside `content/` (default: the section with `kind = "plans"`).
    #[arg(long, value_name = "DIR")]
    pub(crate) section: Option<String>,
    /// Print what would be written, and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// The options every portal command takes, before or after the subcommand's name.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct PortalArgs {
    /// The portal folder, holding `hoctap.toml` and `content/` (default: the current folder;
    /// a relative path starts from the current folder).
    #[arg(long, short = 'r', visible_alias = "source", visible_short_alias = 's', value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
    /// Language of messages and of this help: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language())]
    pub(crate) lang: Option<Language>,
}

impl PortalArgs {
    /// The portal folder: `--root`, else the current folder.
    pub(crate) fn root(&self) -> &Path {
        self.root.as_deref().unwrap_or(Path::new("."))
    }
}

/// Options of `hoctap serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// `--root` and `--lang`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// Port to listen on; when it is busy the next free one is used (0 lets the system pick).
    #[arg(long, short, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Address to listen on; only this computer can connect unless you change it (e.g.
    /// `0.0.0.0` to open the preview from a phone on the same network).
    #[arg(long, short = 'i', visible_alias = "interface", default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub(crate) bind: std::net::IpAddr,
    /// The address links are made with, instead of `http://ADDRESS:PORT`: a URL, or a host
    /// name or IP address alone (`192.168.1.5`), which gets `http://` and the port.
    #[arg(long, short = 'u', visible_short_alias = 'b', value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Open the portal in the web browser once it is served.
    #[arg(long, short = 'O')]
    pub(crate) open: bool,
    /// Look for changes every second instead of waiting for the system to report them: for
    /// WSL2 folders under /mnt/, network drives and shared folders, where saves go unnoticed.
    #[arg(long)]
    pub(crate) poll: bool,
    /// Also show drafts and news dated in the future.
    #[arg(long, short = 'D')]
    pub(crate) drafts: bool,
}

/// Options of `hoctap build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// `--root` and `--lang`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// Output folder (default: `output_dir` from hoctap.toml, else `site`). A relative path
    /// starts from the portal folder (`--root`), not from the current folder: `--root cong
    /// --out ban-in` writes `cong/ban-in/`; an absolute path is used as it is.
    #[arg(long, short = 'o', visible_alias = "output-dir", visible_short_alias = 'd', value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Absolute URL the site will be served from, overriding `base_url` in hoctap.toml.
    #[arg(long, short = 'u', visible_short_alias = 'b', value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Also build drafts and news dated in the future.
    #[arg(long, short = 'D')]
    pub(crate) drafts: bool,
    /// Print the time each stage took.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}

/// Options of `hoctap check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// `--root` and `--lang`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
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
    #[arg(long, short = 'D')]
    pub(crate) drafts: bool,
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
    /// `--root` and `--lang`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// Make a page bundle, `<slug>/index.md`, to put images and files beside it.
    #[arg(long)]
    pub(crate) bundle: bool,
}

/// Options of `hoctap init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder of the new portal (default: the current folder; a relative path starts from
    /// it); must be empty. `--root DIR` says the same.
    #[arg(value_name = "DIR", conflicts_with = "root")]
    pub(crate) dir: Option<PathBuf>,
    /// `--root` and `--lang`.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// The portal's title (default: a placeholder to replace in `hoctap.toml`), on one line:
    /// line breaks, tabs and control characters become spaces.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The portal's own language, written into `hoctap.toml`: vi (Vietnamese folders and
    /// pages) or en. `--lang` is only the language of messages.
    #[arg(long, default_value = "vi", value_parser = language())]
    pub(crate) language: Language,
}

/// Options of `hoctap completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_name = "SHELL")]
    pub(crate) shell: clap_complete::Shell,
    /// Language of the descriptions in the script: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language())]
    pub(crate) lang: Option<Language>,
}

/// Options of `hoctap man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print (`hoctap man build > hoctap-build.1`); none: hoctap's own.
    #[arg(value_name = "COMMAND", value_parser = ["build", "serve", "check", "new", "init", "completions", "man"])]
    pub(crate) command: Option<String>,
    /// Language of the page: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = language())]
    pub(crate) lang: Option<Language>,
}

impl Command {
    /// The subcommand's `--root` and `--lang`, when it has them.
    pub(crate) fn portal_mut(&mut self) -> Option<&mut PortalArgs> {
        match self {
            Command::Build(a) => Some(&mut a.portal),
            Command::Serve(a) => Some(&mut a.portal),
            Command::Check(a) => Some(&mut a.portal),
            Command::New(a) => Some(&mut a.portal),
            Command::Init(a) => Some(&mut a.portal),
            Command::Import(a) => Some(&mut a.portal),
            Command::Completions(_) | Command::Man(_) => None,
        }
    }
}

impl Cli {
    /// Moves `--root`/`--lang` written before the subcommand into it; returns the flag given
    /// on both sides, which is a usage error.
    pub(crate) fn merge_portal_args(&mut self) -> Result<(), &'static str> {
        let before = std::mem::take(&mut self.portal);
        let Some(portal) = self.command.portal_mut() else { return Ok(()) };
        if before.root.is_some() && portal.root.is_some() {
            return Err("--root");
        }
        if before.lang.is_some() && portal.lang.is_some() {
            return Err("--lang");
        }
        portal.root = portal.root.take().or(before.root);
        portal.lang = portal.lang.or(before.lang);
        if let Command::Init(init) = &self.command {
            if init.dir.is_some() && init.portal.root.is_some() {
                return Err("--root");
            }
        }
        Ok(())
    }
}

/// `vi` or `en`: the one parser of `--lang` and `--language` (its values also feed completions).
fn language() -> impl clap::builder::TypedValueParser<Value = Language> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["vi", "en"])
        .map(|code| if code == "en" { Language::En } else { Language::Vi })
}
