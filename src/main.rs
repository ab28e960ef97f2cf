//! The `hoctap` command: parses arguments, runs the subcommand, prints errors, exits.

mod cli;
mod cmd;
mod localize;
mod report;

// Rendering allocates many small strings and JSON values; mimalloc handles that load
// markedly faster than the system allocator across threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let (cli, lang) = localize::parse(); // exits with 2 on usage errors
    if !matches!(cli.command, cli::Command::Serve(_)) {
        hoctap::allocator::tune_for_builds();
    }
    let result = match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::Init(args) => cmd::init::run(args),
        cli::Command::Import(args) => cmd::import::run(args),
        cli::Command::Completions(args) => cmd::generate::completions(args, lang),
        cli::Command::Man(args) => cmd::generate::man(args, lang),
    };
    match result {
        Ok(exit) => std::process::exit(exit as i32),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
