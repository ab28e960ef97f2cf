//! The `hoctap` command: parses arguments, runs the subcommand, prints errors, exits.

mod cli;
mod cmd;
mod report;

use clap::Parser;

// Rendering allocates many small strings and JSON values; mimalloc handles that load
// markedly faster than the system allocator across threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = cli::Cli::parse(); // exits with 2 on usage errors
    if !matches!(cli.command, cli::Command::Serve(_)) {
        hoctap::allocator::keep_freed_memory();
    }
    let result = match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::Import(args) => cmd::import::run(args),
    };
    match result {
        Ok(exit) => std::process::exit(exit as i32),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
