//! `hoctap completions` and `hoctap man`: made from the same clap definitions as `--help`,
//! in the same language.

use std::io::Write;

use hoctap::Language;

use crate::cli::{CompletionsArgs, ManArgs};
use crate::report::Exit;

/// Prints the completion script of one shell.
pub(crate) fn completions(args: &CompletionsArgs, lang: Language) -> anyhow::Result<Exit> {
    let mut command = crate::localize::command(lang);
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "hoctap", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(Exit::Success)
}

/// Prints the man page of hoctap, or of one of its commands.
pub(crate) fn man(args: &ManArgs, lang: Language) -> anyhow::Result<Exit> {
    let command = crate::localize::command(lang);
    let page = match &args.command {
        Some(name) => command.find_subcommand(name).cloned().unwrap_or(command),
        None => command,
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    std::io::stdout().write_all(&out)?;
    Ok(Exit::Success)
}
