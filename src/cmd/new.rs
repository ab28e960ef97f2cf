//! `hoctap new`.

use std::path::Path;

use hoctap::archetype::NewPage;
use hoctap::{Config, Diagnostic, Language, Overrides};

use crate::cli::NewArgs;
use crate::report::Exit;

/// Writes the new page and prints its path.
pub(crate) fn run(args: &NewArgs) -> anyhow::Result<Exit> {
    let lang_override = args.portal.lang;
    let request = NewPage { kind: args.kind.clone(), title: args.title.clone(), bundle: args.bundle };
    let mut lang = lang_override.unwrap_or_default();
    let result = Config::load(args.portal.root(), &Overrides::default()).and_then(|config| {
        lang = lang_override.unwrap_or(config.language);
        hoctap::archetype::create(&config, &request, hoctap::archetype::today())
    });
    match result {
        Ok(rel) => {
            let shown = shown(args.portal.root(), &rel);
            match lang {
                Language::Vi => println!("Đã tạo {shown}"),
                Language::En => println!("Created {shown}"),
            }
            Ok(Exit::Success)
        }
        // Content problems and a file the system refused (named, in the user's language).
        Err(e) => match e.diagnostics() {
            Some(problems) => {
                print_problems(&problems, lang);
                Ok(Exit::ContentError)
            }
            None => Err(e.into()),
        },
    }
}

fn print_problems(problems: &[Diagnostic], lang: Language) {
    for problem in problems {
        eprintln!("{}", problem.render(lang));
    }
}

/// The path as the user can open it from where they ran the command.
fn shown(root: &Path, rel: &Path) -> String {
    let path = root.join(rel);
    path.strip_prefix(".").unwrap_or(&path).display().to_string()
}
