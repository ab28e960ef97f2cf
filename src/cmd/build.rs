//! `hoctap build`.

use std::path::Path;

use hoctap::{Config, Error, Overrides};

use crate::cli::BuildArgs;
use crate::report;

/// Builds the portal and prints a one-line summary.
pub(crate) fn run(args: &BuildArgs) -> anyhow::Result<report::Exit> {
    let overrides = Overrides { output_dir: args.out.clone(), base_url: args.base_url.clone(), drafts: args.drafts };
    let lang_override = args.portal.lang;
    let config = match Config::load(args.portal.root(), &overrides) {
        Ok(config) => config,
        Err(e) => return report::failure(&e, lang_override.unwrap_or_default()),
    };
    let lang = lang_override.unwrap_or(config.language);
    let out_dir = config.output_dir.clone();
    match hoctap::build(config) {
        Ok(report) => {
            report::warnings(&report.warnings, lang);
            if args.verbose {
                for (stage, took) in &report.timings {
                    eprintln!("  {stage:<10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            println!("{}", report::summary(&report, lang, &shown(args.portal.root(), &out_dir)));
            Ok(report::Exit::Success)
        }
        Err(e @ Error::Content(_)) => report::failure(&e, lang),
        Err(Error::Output(refusal)) => report::refusal(&refusal, lang),
        Err(e) => match e.diagnostics() {
            Some(problems) => report::io_failure(&problems, lang),
            None => Err(e.into()),
        },
    }
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}
