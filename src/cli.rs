//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// Preview the portal at http://127.0.0.1:1111/, rebuilding and reloading on every save.
    Serve(ServeArgs),
}

/// Options of `hoctap serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The portal folder, holding `hoctap.toml` and `content/`.
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
    #[arg(long, value_name = "LANG", value_parser = ["vi", "en"])]
    pub(crate) lang: Option<String>,
}

/// Options of `hoctap build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The portal folder, holding `hoctap.toml` and `content/`.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub(crate) root: PathBuf,
    /// Output folder (default: `output_dir` from hoctap.toml, else `site`).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Absolute URL the site will be served from, overriding `base_url` in hoctap.toml.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Also build drafts and news dated in the future.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Language of messages: vi or en (default: the portal's language).
    #[arg(long, value_name = "LANG", value_parser = ["vi", "en"])]
    pub(crate) lang: Option<String>,
    /// Print the time each stage took.
    #[arg(long, short)]
    pub(crate) verbose: bool,
}
