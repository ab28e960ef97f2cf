//! Printing results and diagnostics for people, in the portal's language.

use hoctap::{BuildReport, Diagnostic, Error, Language};

/// Process exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Everything built.
    Success = 0,
    /// The content has problems the user must fix.
    ContentError = 1,
    /// The command cannot run as asked (e.g. an output folder that holds the user's files).
    Usage = 2,
}

/// Prints every diagnostic of a content error to stderr and returns the content-error exit.
pub(crate) fn failure(error: &Error, lang: Language) -> anyhow::Result<Exit> {
    let Error::Content(diagnostics) = error else {
        return Err(anyhow::anyhow!("{error}"));
    };
    for d in diagnostics {
        eprintln!("{}", d.render(lang));
    }
    let count = diagnostics.iter().filter(|d| !d.warning).count();
    match lang {
        Language::Vi => eprintln!("\nKhông xây dựng được: {count} lỗi. Thư mục kết quả cũ được giữ nguyên."),
        Language::En => eprintln!("\nBuild failed: {count} error(s). The previous output was left untouched."),
    }
    Ok(Exit::ContentError)
}

/// Prints why the output folder was refused and returns the usage exit: nothing was touched.
pub(crate) fn refusal(refusal: &hoctap::output::problem::OutputRefusal, lang: Language) -> anyhow::Result<Exit> {
    let (message, help) = refusal.describe(lang);
    match lang {
        Language::Vi => eprintln!(
            "lỗi: {message}
  = gợi ý: {help}

Không xây dựng; không tệp nào bị ghi hay xóa."
        ),
        Language::En => eprintln!(
            "error: {message}
  = help: {help}

Nothing was built; no file was written or deleted."
        ),
    }
    Ok(Exit::Usage)
}

/// Prints a file the system refused to read or write during a build (a full disk…). The
/// output is either as it was or marked for repair, which the next build does.
pub(crate) fn io_failure(problems: &[Diagnostic], lang: Language) -> anyhow::Result<Exit> {
    for d in problems {
        eprintln!("{}", d.render(lang));
    }
    match lang {
        Language::Vi => eprintln!("\nKhông xây dựng được. Lần xây dựng sau sẽ đưa thư mục kết quả về đúng nội dung."),
        Language::En => {
            eprintln!("\nBuild failed. The next build brings the output folder back to what the content says.")
        }
    }
    Ok(Exit::ContentError)
}

/// Prints warnings.
pub(crate) fn warnings(warnings: &[Diagnostic], lang: Language) {
    for w in warnings {
        eprintln!("{}", w.render(lang));
    }
}

/// The one-line summary of a build.
pub(crate) fn summary(report: &BuildReport, lang: Language, out: &str) -> String {
    let ms = report.wall_time.as_secs_f64() * 1000.0;
    if report.unchanged {
        return match lang {
            Language::Vi => format!(
                "Không có thay đổi: {out}/ đã là bản mới nhất ({} trang), kiểm tra trong {ms:.0} ms",
                report.pages
            ),
            Language::En => {
                format!("Nothing changed: {out}/ is up to date ({} pages), checked in {ms:.0} ms", report.pages)
            }
        };
    }
    let kb = report.bytes as f64 / 1024.0;
    let changed = match (report.changed_files, lang) {
        (Some(n), Language::Vi) => format!(", {n} tệp thay đổi"),
        (Some(n), Language::En) => format!(", {n} changed"),
        (None, _) => String::new(),
    };
    match lang {
        Language::Vi => format!(
            "Đã xây dựng {} trang, {} chuyên mục ({} tệp HTML, {} tệp{changed}, {kb:.0} KB) vào {out}/ trong {ms:.0} ms",
            report.pages, report.sections, report.html_files, report.files
        ),
        Language::En => format!(
            "Built {} pages, {} sections ({} HTML files, {} files{changed}, {kb:.0} KB) into {out}/ in {ms:.0} ms",
            report.pages, report.sections, report.html_files, report.files
        ),
    }
}
