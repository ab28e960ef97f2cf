//! `hoctap import plan.docx`: a Word plan becomes a plan page and draft indicators.
//!
//! [`docx`] reads the Word file (zip + XML, with size limits), [`plan`] finds the header
//! fields, the body and the signature block, [`targets`] finds the numeric targets. The
//! page and one draft indicator per target are checked like any content before they are
//! written, and nothing existing is ever overwritten.

pub mod docx;
pub mod plan;
pub mod problem;
pub mod targets;

use std::path::{Path, PathBuf};

use crate::archetype;
use crate::config::Config;
use crate::content::{self, Kind, Section};
use crate::diagnostics::{Diagnostics, Error, Location, Problem, Result};
use crate::indicators::schema::{Indicator, Point};
use crate::language::Language;
use crate::slug::slugify;
pub use plan::Header;
pub use problem::ImportProblem;
pub use targets::Target;

/// What `hoctap import` was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// The `.docx` file.
    pub file: PathBuf,
    /// The plans section folder (relative to `content/`); default: the plans section.
    pub section: Option<String>,
    /// Work everything out but write nothing.
    pub dry_run: bool,
}

/// A header field left blank, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blank {
    /// No `KẾ HOẠCH` title line: the title is the file name.
    Title,
    /// `Số: /KH-UBND`: the number is left blank (a draft), or there is no number line.
    Number {
        /// The line is there with its number blank.
        blank: bool,
    },
    /// No issuing body above the number.
    Issuer,
    /// The date line's day (or month, or year) is blank, or there is no date line.
    Issued {
        /// The date line is there, incomplete.
        incomplete: bool,
    },
    /// No period in the title.
    Period,
    /// No signer found.
    Signer,
}

/// A target and the draft indicator proposed for it.
#[derive(Debug, Clone)]
pub struct Proposed {
    /// The target.
    pub target: Target,
    /// The indicator's id.
    pub id: String,
    /// Its file, relative to the portal root.
    pub file: PathBuf,
}

/// The result of an import, for the report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The plan page, relative to the portal root.
    pub page: PathBuf,
    /// The header fields found.
    pub header: Header,
    /// Who signed, when found.
    pub signer: Option<String>,
    /// Whether the "Nơi nhận" list was found and left out of the body.
    pub recipients: bool,
    /// The page's title.
    pub title: String,
    /// `status` given to the page.
    pub status: &'static str,
    /// Fields left blank.
    pub blanks: Vec<Blank>,
    /// The top-level headings of the body, in order.
    pub headings: Vec<String>,
    /// Every target found, with its draft indicator.
    pub targets: Vec<Proposed>,
    /// The indicators section folder; `None` when the portal has none (then no indicator is written).
    pub indicators_dir: Option<String>,
    /// The page's text.
    pub page_text: String,
    /// Whether files were written (not `--dry-run`).
    pub written: bool,
}

/// Imports `request.file` into the portal of `config`.
pub fn import(config: &Config, request: &Request, today: chrono::NaiveDate) -> Result<Imported> {
    let shown = request.file.clone();
    let blocks = read_docx(&request.file)?;
    let plan = plan::read(&blocks);
    let header = plan.header.clone();
    let default_year = header.end_year().or(header.date.2);
    let found = targets::find(&plan.units, default_year);

    let content = content::load(config)?;
    let (dir, kind) = archetype::find_section(&content.sections, request.section.as_deref().unwrap_or("plans"))?;
    if kind != Kind::Plans {
        let problem = ImportProblem::NotPlanSection { folder: dir, kind: kind.as_str().to_string() };
        return Err(Error::content(Location::file("content"), Problem::Import(problem)));
    }
    let stem = request.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = header.title.clone().filter(|t| t != "Kế hoạch").unwrap_or_else(|| plan::clean(&stem, false));
    let slug = archetype::file_slug(&slugify(&title));
    let slug = if slug.is_empty() { "ke-hoach".to_string() } else { slug };
    archetype::refuse_existing(config, &dir, &slug)?;
    let page = archetype::page_path(&dir, &slug, false);

    let indicators_dir = indicators_section(&content.sections);
    let mut proposed = Vec::new();
    if let Some(ind_dir) = &indicators_dir {
        let prefix = cut_slug(&slug, 40);
        for (n, target) in found.into_iter().enumerate() {
            let id = format!("{prefix}-{:02}-{}", n + 1, cut_slug(&slugify(&target.title), 30))
                .trim_end_matches('-')
                .to_string();
            let file = Path::new("content").join(ind_dir).join(format!("{id}.json"));
            if config.root.join(&file).exists() {
                return Err(Error::content(Location::file(file), Problem::FileExists));
            }
            proposed.push(Proposed { target, id, file });
        }
    } else {
        proposed.extend(found.into_iter().map(|target| Proposed { target, id: String::new(), file: PathBuf::new() }));
    }

    let status = if header.number.is_some() && header.issued().is_some() { "in-force" } else { "draft" };
    let page_text = page_text(&plan, &title, status, &proposed, indicators_dir.is_some(), config.language, today);
    archetype::validate(&page_text, &page, Kind::Plans)?;
    let mut files = vec![(page.clone(), page_text.clone())];
    for p in proposed.iter().filter(|p| !p.id.is_empty()) {
        let json = indicator_json(p, &header, &title, &shown, config.language);
        check_indicator(&p.file, &json)?;
        files.push((p.file.clone(), json));
    }
    if !request.dry_run {
        for (rel, text) in &files {
            archetype::write_new(&config.root.join(rel), rel, text)?;
        }
    }
    let headings = plan.units.iter().filter(|u| u.role == plan::Role::Heading(2)).map(|u| u.text.clone()).collect();
    Ok(Imported {
        page,
        blanks: blanks(&plan, header.title.is_some()),
        header,
        signer: plan.signer,
        recipients: plan.recipients,
        title,
        status,
        headings,
        targets: proposed,
        indicators_dir,
        page_text,
        written: !request.dry_run,
    })
}

/// Reads and parses the Word file, refusing oversized files before reading them.
pub fn read_docx(path: &Path) -> Result<Vec<docx::Block>> {
    let refuse = |problem: ImportProblem| Error::content(Location::file(path), Problem::Import(problem));
    let size = std::fs::metadata(path).map_err(|e| Error::read(path, e))?.len();
    if size > docx::MAX_FILE_BYTES {
        return Err(refuse(ImportProblem::TooLarge {
            limit: problem::Limit::File { bytes: size, max: docx::MAX_FILE_BYTES },
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    docx::read(&bytes).map_err(refuse)
}

/// The shallowest section of kind `indicators`.
fn indicators_section(sections: &[Section]) -> Option<String> {
    let depth = |s: &Section| if s.dir.is_empty() { 0 } else { s.dir.matches('/').count() + 1 };
    sections.iter().filter(|s| s.kind == Kind::Indicators).min_by_key(|s| depth(s)).map(|s| s.dir.clone())
}

/// A slug cut to `max` bytes after a whole word.
fn cut_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    cut.rfind('-').map_or(cut, |at| &cut[..at]).to_string()
}

fn blanks(plan: &plan::Plan, titled: bool) -> Vec<Blank> {
    let h = &plan.header;
    let mut out = Vec::new();
    if !titled {
        out.push(Blank::Title);
    }
    if h.number.is_none() {
        out.push(Blank::Number { blank: h.number_blank });
    }
    if h.issuer.is_none() {
        out.push(Blank::Issuer);
    }
    if h.issued().is_none() {
        out.push(Blank::Issued { incomplete: h.date != (None, None, None) });
    }
    if h.period.is_none() {
        out.push(Blank::Period);
    }
    if plan.signer.is_none() {
        out.push(Blank::Signer);
    }
    out
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn page_text(
    plan: &plan::Plan,
    title: &str,
    status: &str,
    proposed: &[Proposed],
    linked: bool,
    lang: Language,
    today: chrono::NaiveDate,
) -> String {
    let h = &plan.header;
    let mut fm = format!("+++\ntitle = {}\n", quoted(title));
    fm.push_str(&format!("date = {}\n", h.issued().unwrap_or(today).format("%Y-%m-%d")));
    fm.push_str(&format!("number = {}\n", quoted(h.number.as_deref().unwrap_or(""))));
    fm.push_str(&format!("issuer = {}\n", quoted(h.issuer.as_deref().unwrap_or(""))));
    if let Some(issued) = h.issued() {
        fm.push_str(&format!("issued = {}\n", issued.format("%Y-%m-%d")));
    }
    fm.push_str(&format!("period = {}\n", quoted(h.period.as_deref().unwrap_or(""))));
    fm.push_str(&format!("status = \"{status}\"\n"));
    if linked && !proposed.is_empty() {
        let ids: Vec<String> = proposed.iter().map(|p| quoted(&p.id)).collect();
        fm.push_str(&format!("indicators = [\n  {},\n]\n", ids.join(",\n  ")));
    }
    fm.push_str("+++\n\n");
    fm.push_str(&plan.body);
    if let Some(signer) = &plan.signer {
        let label = match lang {
            Language::Vi => "Người ký",
            Language::En => "Signed by",
        };
        fm.push_str(&format!("\n*{label}: {}*\n", plan::escape_md(signer)));
    }
    fm
}

fn indicator_json(p: &Proposed, header: &Header, title: &str, file: &Path, lang: Language) -> String {
    let t = &p.target;
    let plan_name = match &header.number {
        Some(number) => format!("{} {number}", if lang == Language::Vi { "Kế hoạch" } else { "Plan" }),
        None => title.to_string(),
    };
    let file_name = file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let notes = match lang {
        Language::Vi => format!(
            "Bản nháp do hoctap import đề xuất từ {file_name}, đoạn {}: “{}”. Hãy kiểm tra tên, đơn vị, chỉ tiêu và năm; thêm số liệu gốc (baseline) và số liệu (values); rồi xóa dòng \"draft\": true để đăng.",
            t.paragraph, t.sentence
        ),
        Language::En => format!(
            "Draft proposed by hoctap import from {file_name}, paragraph {}: “{}”. Check the title, unit, target and year; add the baseline and the values; then delete the line \"draft\": true to publish it.",
            t.paragraph, t.sentence
        ),
    };
    let indicator = Indicator {
        schema: None,
        id: p.id.clone(),
        title: t.title.clone(),
        group: t.group.clone(),
        unit: t.unit.clone(),
        direction: t.direction,
        source: None,
        notes: Some(notes),
        sample: false,
        draft: true,
        baseline: None,
        targets: vec![Point { year: t.year, value: t.value, note: Some(plan_name) }],
        values: Vec::new(),
    };
    serde_json::to_string_pretty(&indicator).unwrap_or_default() + "\n"
}

/// The indicator must pass the same checks as a hand-written one.
fn check_indicator(file: &Path, json: &str) -> Result<()> {
    let mut problems = Diagnostics::new();
    let found = crate::indicators::load::load_json(file, json, &mut problems, &mut Vec::new());
    if problems.is_empty() && found.len() == 1 {
        return Ok(());
    }
    Err(Error::Content(problems))
}
