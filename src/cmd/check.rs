//! `hoctap check`.

use std::time::Duration;

use hoctap::check::{CheckOptions, CheckReport, ExternalOptions};
use hoctap::{Config, Diagnostic, Error, Language, Overrides};

use crate::cli::CheckArgs;
use crate::report::Exit;

/// Checks the portal, prints every problem and a summary; exits 1 when there are errors.
pub(crate) fn run(args: &CheckArgs) -> anyhow::Result<Exit> {
    let json = args.format == "json";
    let lang_override = args.portal.lang;
    let overrides = Overrides { drafts: args.drafts, ..Overrides::default() };
    let options = CheckOptions {
        external: args
            .external
            .then(|| ExternalOptions { timeout: Duration::from_secs(args.timeout), ..Default::default() }),
    };
    let result = Config::load(args.portal.root(), &overrides).and_then(|config| {
        let lang = lang_override.unwrap_or(config.language);
        hoctap::check::check(config, &options).map(|report| (report, lang))
    });
    match result {
        Ok((report, lang)) => {
            print_problems(&report.problems, lang, json);
            if args.verbose {
                for (stage, took) in &report.timings {
                    eprintln!("  {stage:<10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            if !json {
                println!("{}", summary(&report, lang));
            }
            Ok(if report.error_count() > 0 { Exit::ContentError } else { Exit::Success })
        }
        Err(Error::Content(problems)) => {
            let lang = lang_override.unwrap_or_default();
            print_problems(&problems, lang, json);
            Ok(Exit::ContentError)
        }
        Err(other) => Err(other.into()),
    }
}

/// One `path:line:col: level: message` block per problem, or one JSON array.
fn print_problems(problems: &[Diagnostic], lang: Language, json: bool) {
    if json {
        let array: Vec<_> = problems.iter().map(|d| d.to_json(lang)).collect();
        println!("{}", serde_json::to_string_pretty(&array).unwrap_or_else(|_| "[]".into()));
        return;
    }
    for problem in problems {
        println!("{}", problem.render(lang));
    }
    if !problems.is_empty() {
        println!();
    }
}

/// The closing line: what was found and what was looked at.
fn summary(report: &CheckReport, lang: Language) -> String {
    let (errors, warnings) = (report.error_count(), report.warning_count());
    let ms = report.timings.iter().map(|(_, d)| *d).sum::<Duration>().as_secs_f64() * 1000.0;
    let vi = lang == Language::Vi;
    let verdict = match (errors, warnings, vi) {
        (0, 0, true) => "Không có vấn đề nào".to_string(),
        (0, 0, false) => "No problems".to_string(),
        (e, w, true) => format!("Có {e} lỗi, {w} cảnh báo"),
        (e, w, false) => format!("{e} error(s), {w} warning(s)"),
    };
    let external = match (report.external, vi) {
        (Some((n, cached)), true) => format!(", {n} liên kết ngoài ({cached} lấy từ bộ nhớ đệm)"),
        (Some((n, cached)), false) => format!(", {n} external links ({cached} from the cache)"),
        (None, _) => String::new(),
    };
    let (pages, links) = (report.pages, report.site_links);
    if vi {
        format!("{verdict}: đã kiểm tra {pages} trang, {links} liên kết nội bộ{external} trong {ms:.0} ms")
    } else {
        format!("{verdict}: checked {pages} pages, {links} site links{external} in {ms:.0} ms")
    }
}
