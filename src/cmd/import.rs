//! `hoctap import`: prints what was filled, what was left blank and every target found.

use std::path::Path;

use hoctap::import::{Blank, Imported, Request};
use hoctap::{Config, Language, Overrides};

use crate::cli::ImportArgs;
use crate::report::Exit;

/// Imports the file and prints the report; problems go to stderr with exit 1.
pub(crate) fn run(args: &ImportArgs) -> anyhow::Result<Exit> {
    let request = Request { file: args.file.clone(), section: args.section.clone(), dry_run: args.dry_run };
    let mut lang = args.portal.lang.unwrap_or_default();
    let result = Config::load(args.portal.root(), &Overrides::default()).and_then(|config| {
        lang = args.portal.lang.unwrap_or(config.language);
        hoctap::import::import(&config, &request, hoctap::archetype::today())
    });
    match result {
        Ok(imported) => {
            print!("{}", report(&imported, args.portal.root(), lang));
            Ok(Exit::Success)
        }
        Err(e) => match e.diagnostics() {
            Some(problems) => {
                for problem in &problems {
                    eprintln!("{}", problem.render(lang));
                }
                match lang {
                    Language::Vi => eprintln!("\nKhông nhập được; không tệp nào được ghi."),
                    Language::En => eprintln!("\nNot imported; no file was written."),
                }
                Ok(Exit::ContentError)
            }
            None => Err(e.into()),
        },
    }
}

/// The path as the user can open it from where they ran the command.
fn shown(root: &Path, rel: &Path) -> String {
    let path = root.join(rel);
    path.strip_prefix(".").unwrap_or(&path).display().to_string()
}

/// `55,55` in Vietnamese, `55.55` in English.
fn number(value: f64, lang: Language) -> String {
    let text = format!("{value}");
    if lang == Language::Vi {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The report printed on stdout.
fn report(r: &Imported, root: &Path, lang: Language) -> String {
    let vi = lang == Language::Vi;
    let t = |v: &str, e: &str| if vi { v.to_string() } else { e.to_string() };
    let mut out = String::new();
    let page = shown(root, &r.page);
    out.push_str(&match (r.written, vi) {
        (true, true) => format!("Đã tạo trang kế hoạch {page}\n"),
        (true, false) => format!("Created the plan page {page}\n"),
        (false, true) => format!("Chạy thử (--dry-run): không ghi tệp nào. Sẽ tạo trang {page}\n"),
        (false, false) => format!("Dry run (--dry-run): nothing written. Would create the page {page}\n"),
    });
    let h = &r.header;
    out.push_str(&t("\nĐã điền:\n", "\nFilled in:\n"));
    out.push_str(&format!("  title  = {}\n", r.title));
    if let Some(number) = &h.number {
        out.push_str(&format!("  number = {number}\n"));
    }
    if let Some(issuer) = &h.issuer {
        out.push_str(&format!("  issuer = {issuer}\n"));
    }
    if let Some(issued) = h.issued() {
        out.push_str(&format!(
            "  issued = {}\n",
            if vi { issued.format("%d/%m/%Y") } else { issued.format("%Y-%m-%d") }
        ));
    }
    if let Some(period) = &h.period {
        out.push_str(&format!("  period = {period}\n"));
    }
    out.push_str(&format!("  status = {}\n", r.status));
    if let Some(signer) = &r.signer {
        out.push_str(&format!("  {} {signer}\n", t("người ký (chân trang):", "signer (page footer):")));
    }
    if r.recipients {
        out.push_str(&t(
            "  mục \"Nơi nhận\" và khối chữ ký: để ngoài nội dung trang\n",
            "  the \"Nơi nhận\" (recipients) list and the signature block: kept out of the page body\n",
        ));
    }
    if !r.blanks.is_empty() {
        out.push_str(&t("\nĐể trống:\n", "\nLeft blank:\n"));
        for blank in &r.blanks {
            out.push_str(&format!("  {}\n", blank_reason(blank, lang)));
        }
    }
    if !r.headings.is_empty() {
        out.push_str(&t("\nCác mục lớn:\n", "\nTop-level headings:\n"));
        for heading in &r.headings {
            out.push_str(&format!("  {heading}\n"));
        }
    }
    targets(&mut out, r, root, lang);
    out
}

fn blank_reason(blank: &Blank, lang: Language) -> String {
    let s = |v: &str, e: &str| lang.pick(v, e).to_string();
    match blank {
        Blank::Title => s("title: không thấy dòng \"KẾ HOẠCH\", dùng tên tệp làm tiêu đề", "title: no \"KẾ HOẠCH\" line, so the file name is the title"),
        Blank::Number { blank: true } => s("number: văn bản để trống số hiệu (\"Số: /KH-…\"), như bản dự thảo", "number: the document leaves its number blank (\"Số: /KH-…\"), as drafts do"),
        Blank::Number { blank: false } => s("number: không thấy dòng \"Số: …\"", "number: no \"Số: …\" line"),
        Blank::Issuer => s("issuer: không thấy cơ quan ban hành ở đầu văn bản", "issuer: no issuing body in the header"),
        Blank::Issued { incomplete: true } => s(
            "issued: ngày ký để trống (\"ngày … tháng … năm …\" chưa điền đủ) nên bỏ qua; điền khi văn bản được ký",
            "issued: the signing date is blank (\"ngày … tháng … năm …\" not filled in), so it is left out; add it once signed",
        ),
        Blank::Issued { incomplete: false } => s("issued: không thấy dòng \"…, ngày … tháng … năm …\"", "issued: no \"…, ngày … tháng … năm …\" date line"),
        Blank::Period => s("period: tiêu đề không nêu năm hay giai đoạn", "period: the title names no year or period"),
        Blank::Signer => s("người ký: không thấy khối chữ ký", "signer: no signature block found"),
    }
}

fn targets(out: &mut String, r: &Imported, root: &Path, lang: Language) {
    let vi = lang == Language::Vi;
    if r.targets.is_empty() {
        out.push_str(if vi {
            "\nKhông thấy chỉ tiêu bằng số nào trong các mục \"MỤC TIÊU\".\n"
        } else {
            "\nNo numeric target found in the \"MỤC TIÊU\" (goals) sections.\n"
        });
        return;
    }
    let count = r.targets.len();
    match (&r.indicators_dir, vi) {
        (Some(dir), true) => out.push_str(&format!("\nChỉ tiêu tìm thấy: {count}, mỗi chỉ tiêu một chỉ số nháp trong content/{dir}/ (chỉ xây dựng khi có --drafts):\n")),
        (Some(dir), false) => out.push_str(&format!("\nTargets found: {count}, each a draft indicator in content/{dir}/ (built only with --drafts):\n")),
        (None, true) => out.push_str(&format!("\nChỉ tiêu tìm thấy: {count}; cổng chưa có mục chỉ số (kind = \"indicators\") nên không ghi chỉ số nào:\n")),
        (None, false) => out.push_str(&format!("\nTargets found: {count}; the portal has no indicators section (kind = \"indicators\"), so none was written:\n")),
    }
    for (i, p) in r.targets.iter().enumerate() {
        let tg = &p.target;
        let unit = if tg.unit == "%" { "%".to_string() } else { format!(" {}", tg.unit) };
        let direction = match (tg.direction.as_str(), vi) {
            ("decrease", true) => "giảm",
            ("maintain", true) => "duy trì",
            (_, true) => "tăng",
            (other, false) => other,
        };
        let year = if vi { "năm" } else { "year" };
        out.push_str(&format!(
            "  {}. {}{unit}, {year} {}, {direction}: {}\n",
            i + 1,
            number(tg.value, lang),
            tg.year,
            tg.title
        ));
        if !p.id.is_empty() {
            out.push_str(&format!("     → {}\n", shown(root, &p.file)));
        }
        let quote = if vi { "đoạn" } else { "paragraph" };
        out.push_str(&format!("     {quote} {}: “{}”\n", tg.paragraph, tg.sentence));
    }
    out.push_str(if vi {
        "\nTiếp theo: xem trang với `hoctap serve --drafts`, kiểm tra từng chỉ số, thêm số liệu gốc và số liệu, rồi xóa \"draft\": true.\n"
    } else {
        "\nNext: look at the page with `hoctap serve --drafts`, check each indicator, add its baseline and values, then delete \"draft\": true.\n"
    });
}
