//! A plan's structure: the header block (issuer, number, place and date, title), the body
//! as markdown, and the signature block kept out of it.

use unicode_normalization::UnicodeNormalization;

use super::docx::{Block, Cell, Para};

/// Day, month and year of a date line, each `None` when left blank.
pub type DayMonthYear = (Option<u32>, Option<u32>, Option<i32>);

/// Header fields as found, each `None` when the document leaves it out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `KẾ HOẠCH` + subtitle, as a sentence: `Kế hoạch xây dựng xã hội học tập năm 2024`.
    pub title: Option<String>,
    /// `322/KH-UBND`.
    pub number: Option<String>,
    /// Whether a `Số: …/KH-…` line is there with its number left blank (a draft).
    pub number_blank: bool,
    /// The issuing body: `Ủy ban nhân dân huyện Tháp Mười`.
    pub issuer: Option<String>,
    /// Place of the date line: `Phú Mỹ`.
    pub place: Option<String>,
    /// Day, month and year of the date line, each when filled in.
    pub date: DayMonthYear,
    /// `2021-2030` or `2024`.
    pub period: Option<String>,
}

impl Header {
    /// The issue date, when the day, month and year are all filled in.
    pub fn issued(&self) -> Option<chrono::NaiveDate> {
        let (Some(d), Some(m), Some(y)) = self.date else { return None };
        chrono::NaiveDate::from_ymd_opt(y, m, d)
    }

    /// The year a target belongs to when its sentence names none: the period's end.
    pub fn end_year(&self) -> Option<i32> {
        let period = self.period.as_deref()?;
        period.rsplit('-').next()?.trim().parse().ok()
    }
}

/// What a line of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A heading of level 2–6.
    Heading(u8),
    /// A list item nested `n` deep.
    Item(u8),
    /// A paragraph.
    Para,
    /// A table row.
    Row,
}

/// One unit of the body, in order, for finding targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What it is.
    pub role: Role,
    /// Its text, NFC, one line.
    pub text: String,
    /// 1-based number of the paragraph or table in the document it came from.
    pub paragraph: usize,
}

/// A plan read from its blocks.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The header fields.
    pub header: Header,
    /// The body as markdown.
    pub body: String,
    /// The body's units in order.
    pub units: Vec<Unit>,
    /// Who signed, as `name (position)`, when found.
    pub signer: Option<String>,
    /// Whether a "Nơi nhận" list was found and left out.
    pub recipients: bool,
}

/// A paragraph as text: NFC, whitespace collapsed; soft breaks kept as `\n`.
#[derive(Debug, Clone)]
struct Line {
    plain: String,
    md: String,
    all_bold: bool,
    heading: Option<u8>,
    bullet: Option<u8>,
    labelled: bool,
    paragraph: usize,
}

/// NFC with every run of whitespace (no-break spaces too) one space; `\n` kept when `keep_breaks`.
pub fn clean(text: &str, keep_breaks: bool) -> String {
    // Most text is NFC already; the quick check spares composing it again.
    let text: std::borrow::Cow<'_, str> = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.into(),
        _ => text.nfc().collect::<String>().into(),
    };
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(if keep_breaks { '\n' } else { ' ' });
        }
        out.push_str(&line.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "));
    }
    if keep_breaks {
        out.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
    } else {
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Escapes text so markdown shows it as written (and never reads HTML in it).
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        // `{` too: a Word paragraph `{{ chi_so(id="…") }}` must stay text, not become a shortcode.
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '$' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph's runs as inline markdown, bold and italic kept.
fn inline_md(para: &Para) -> String {
    let mut out = String::new();
    let mut groups: Vec<(bool, bool, String)> = Vec::new();
    for run in &para.runs {
        let text = run.text.replace('\n', " ");
        match groups.last_mut() {
            Some(last) if (last.0, last.1) == (run.bold, run.italic) => last.2.push_str(&text),
            _ => groups.push((run.bold, run.italic, text)),
        }
    }
    for (bold, italic, text) in groups {
        let core = text.trim();
        let marker = match (bold, italic) {
            _ if core.is_empty() => "",
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if text.starts_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(marker);
        out.push_str(&escape_md(core));
        out.push_str(marker);
        if text.ends_with(char::is_whitespace) && !core.is_empty() {
            out.push(' ');
        }
    }
    clean(&out, false)
}

fn line_of(para: &Para, paragraph: usize) -> Line {
    let label = para.label.as_deref().map(|l| clean(l, false)).filter(|l| !l.is_empty());
    let text = clean(&para.text(), true);
    let md = inline_md(para);
    let (plain, md) = match &label {
        Some(label) => (format!("{label} {text}"), format!("{} {md}", escape_md(label))),
        None => (text, md),
    };
    Line {
        plain,
        md,
        all_bold: para.all_bold(),
        heading: para.heading,
        bullet: para.bullet,
        labelled: label.is_some(),
        paragraph,
    }
}

/// Reads the plan out of a document's blocks.
pub fn read(blocks: &[Block]) -> Plan {
    let mut plan = Plan::default();
    let title_at = blocks.iter().position(|b| matches!(b, Block::Para(p) if is_title_word(&p.text())));
    let mut header_lines: Vec<String> = Vec::new();
    let mut next = 0;
    if let Some(at) = title_at {
        for block in &blocks[..at] {
            header_lines.extend(block_lines(block));
        }
        let (title, after) = title_and_subtitle(blocks, at);
        plan.header.title = title;
        next = after;
    }
    read_header(&header_lines, &mut plan.header);
    let end = signature_start(blocks, next);
    let (signer, recipients) = read_signature(&blocks[end..]);
    plan.signer = signer;
    plan.recipients = recipients;
    let (body, units) = body_markdown(blocks, next, end);
    plan.body = body;
    plan.units = units;
    plan.header.period = plan.header.title.as_deref().and_then(period_of);
    plan
}

/// The text lines of a block: a paragraph's (split at soft breaks), or every cell's.
fn block_lines(block: &Block) -> Vec<String> {
    let paras: Vec<&Para> = match block {
        Block::Para(p) => vec![p],
        Block::Table(rows) => rows.iter().flatten().flat_map(|c| c.paras.iter()).collect(),
    };
    paras
        .iter()
        .flat_map(|p| clean(&p.text(), true).split('\n').map(String::from).collect::<Vec<_>>())
        .filter(|l| !l.is_empty())
        .collect()
}

/// `KẾ HOẠCH` (the document type line), however it is spaced or normalized.
fn is_title_word(text: &str) -> bool {
    let text = clean(text, true);
    let first = text.split('\n').next().unwrap_or("").trim_matches(|c: char| c == '*' || c.is_whitespace());
    first.to_uppercase() == "KẾ HOẠCH" && first.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// The title from `KẾ HOẠCH` and the subtitle lines under it (centred or bold), and the
/// index of the first block after them.
fn title_and_subtitle(blocks: &[Block], at: usize) -> (Option<String>, usize) {
    let Block::Para(first) = &blocks[at] else { return (None, at + 1) };
    let mut parts: Vec<String> = clean(&first.text(), true).split('\n').skip(1).map(String::from).collect();
    let mut next = at + 1;
    while let Some(Block::Para(p)) = blocks.get(next) {
        let text = clean(&p.text(), false);
        if text.is_empty() {
            next += 1;
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if !(p.centered || p.all_bold()) || text.chars().count() > 300 {
            break;
        }
        parts.push(text);
        next += 1;
    }
    let subtitle = parts.join(" ");
    let subtitle = subtitle.trim_matches(|c: char| c == '*' || c.is_whitespace());
    if subtitle.is_empty() {
        return (Some("Kế hoạch".into()), next);
    }
    (Some(format!("Kế hoạch {}", lower_first(subtitle))), next)
}

/// Lowercases the first letter of a sentence put after other words, unless it starts an
/// acronym or a name in capitals (`UBND`, `“Xây dựng…”`).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            let mut out: String = a.to_lowercase().collect();
            out.push_str(&text[a.len_utf8()..]);
            out
        }
        _ => text.to_string(),
    }
}

/// `giai đoạn 2021 - 2030` → `2021-2030`; else the last year named (`năm 2024` → `2024`).
pub fn period_of(title: &str) -> Option<String> {
    let years = years_in(title);
    let lower = title.to_lowercase();
    if let Some(at) = lower.find("giai đoạn") {
        let after: Vec<(usize, i32)> = years.iter().copied().filter(|(i, _)| *i > at).collect();
        if let [(_, a), (_, b), ..] = after.as_slice() {
            return Some(format!("{a}-{b}"));
        }
    }
    years.last().map(|(_, y)| y.to_string())
}

/// Four-digit years 1990–2100 standing alone in `text`, with their byte offsets.
pub fn years_in(text: &str) -> Vec<(usize, i32)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let before_ok = start == 0 || !matches!(bytes[start - 1], b'/' | b'.' | b',');
            if i - start == 4 && before_ok {
                let year: i32 = text[start..i].parse().unwrap_or(0);
                if (1990..=2100).contains(&year) {
                    out.push((start, year));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Fills number, issuer, place and date from the header block's lines.
fn read_header(lines: &[String], header: &mut Header) {
    let mut issuer: Vec<&str> = Vec::new();
    for line in lines {
        let mut rest = line.as_str();
        if let Some(at) = find_word(rest, "Số") {
            let after = rest[at + "Số".len()..].trim_start_matches([':', ' ']);
            let token = after.split_whitespace().next().unwrap_or("");
            if token.contains('/') {
                let (n, _) = token.split_once('/').unwrap_or(("", ""));
                if n.trim().is_empty() {
                    header.number_blank = true;
                } else {
                    header.number = Some(token.trim_end_matches([',', '.', ';']).to_string());
                }
                let end = rest.find(token).map_or(rest.len(), |i| i + token.len());
                rest = rest[end..].trim();
            }
        }
        if let Some((place, date)) = date_line(rest) {
            header.place = Some(place).filter(|p| !p.is_empty());
            header.date = date;
            continue;
        }
        if rest.is_empty() || is_motto(rest) || !mostly_upper(rest) {
            continue;
        }
        issuer.push(rest);
    }
    if !issuer.is_empty() {
        header.issuer = Some(issuer_name(&issuer));
    }
}

/// The byte offset of `word` standing alone (not inside another word).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `Phú Mỹ, ngày 16 tháng 4 năm 2024` → place and (day, month, year), each when written.
fn date_line(text: &str) -> Option<(String, DayMonthYear)> {
    let at_day = find_word(text, "ngày")?;
    let at_month = at_day + find_word(&text[at_day..], "tháng")?;
    let at_year = at_month + find_word(&text[at_month..], "năm")?;
    let number = |s: &str| s.trim().trim_end_matches(['.', ',']).trim().parse::<u32>().ok();
    let day = number(&text[at_day + "ngày".len()..at_month]).filter(|d| (1..=31).contains(d));
    let month = number(&text[at_month + "tháng".len()..at_year]).filter(|m| (1..=12).contains(m));
    let year_text = text[at_year + "năm".len()..].split_whitespace().next().unwrap_or("");
    let year = number(year_text).and_then(|y| i32::try_from(y).ok()).filter(|y| (1990..=2100).contains(y));
    let place = text[..at_day].trim().trim_end_matches(',').trim().to_string();
    Some((place, (day, month, year)))
}

/// The national motto lines every document carries.
fn is_motto(line: &str) -> bool {
    let upper = line.to_uppercase();
    upper.contains("CỘNG HÒA")
        || upper.contains("CỘNG HOÀ")
        || upper.contains("ĐỘC LẬP")
        || line.chars().all(|c| !c.is_alphanumeric())
}

fn mostly_upper(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().filter(|c| c.is_uppercase()).count() * 10 >= letters.len() * 8
}

/// The issuer's lines as one name: a line naming a place (`HUYỆN THÁP MƯỜI`) continues the
/// line above it, any other line is a body of its own, after a dash.
fn issuer_name(lines: &[&str]) -> String {
    const PLACES: &[&str] = &["HUYỆN", "XÃ", "THỊ TRẤN", "TỈNH", "THÀNH PHỐ", "PHƯỜNG", "QUẬN", "THỊ XÃ"];
    let mut name = String::new();
    for line in lines {
        let upper = line.to_uppercase();
        let continues = PLACES.iter().any(|p| upper.starts_with(&format!("{p} ")));
        let cased = issuer_case(line);
        if name.is_empty() {
            name = cased;
        } else if continues {
            name = format!("{name} {}", lower_first(&cased));
        } else {
            name = format!("{name} – {cased}");
        }
    }
    name
}

/// `ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI` → `Ủy ban nhân dân huyện Tháp Mười`: words of common
/// administrative vocabulary in lower case, other words (place names) capitalized.
fn issuer_case(text: &str) -> String {
    const COMMON: &[&str] = &[
        "ủy",
        "uỷ",
        "ban",
        "nhân",
        "dân",
        "huyện",
        "xã",
        "thị",
        "trấn",
        "tỉnh",
        "thành",
        "phố",
        "phường",
        "quận",
        "chỉ",
        "đạo",
        "xây",
        "dựng",
        "hội",
        "học",
        "tập",
        "xóa",
        "xoá",
        "mù",
        "chữ",
        "phổ",
        "cập",
        "giáo",
        "dục",
        "và",
        "đào",
        "tạo",
        "phòng",
        "sở",
        "khuyến",
        "trung",
        "tâm",
        "văn",
        "hóa",
        "hoá",
        "cộng",
        "đồng",
        "thường",
        "trực",
        "của",
    ];
    let mut out = Vec::new();
    for (i, word) in text.split_whitespace().enumerate() {
        let lower = word.to_lowercase();
        let acronym = word.chars().filter(|c| c.is_alphabetic()).count() <= 4
            && !COMMON.contains(&lower.as_str())
            && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            && !word.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        let word = if acronym {
            word.to_string()
        } else if COMMON.contains(&lower.trim_matches(|c: char| !c.is_alphabetic())) && i > 0 {
            lower
        } else {
            capitalize(&lower)
        };
        out.push(word);
    }
    out.join(" ").replace(" - ", " – ")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where the signature block starts: the "Nơi nhận" list, else a `TM.`/`KT.` signing line
/// near the end; `blocks.len()` when there is none.
fn signature_start(blocks: &[Block], from: usize) -> usize {
    let starts_signature = |text: &str, tail: bool| {
        let t = text.trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        let upper = t.to_uppercase();
        upper.starts_with("NƠI NHẬN")
            || (tail
                && (upper.starts_with("TM.") || upper.starts_with("KT.") || upper.starts_with("TM "))
                && mostly_upper(t))
    };
    // The block sits at the end: only the last blocks are looked at (a long recipients list
    // written as paragraphs stays well within them).
    let tail_from = from.max(blocks.len().saturating_sub(12));
    let search_from = from.max(blocks.len().saturating_sub(120));
    for (i, block) in blocks.iter().enumerate().skip(search_from) {
        if block_lines(block).iter().any(|l| starts_signature(l, i >= tail_from)) {
            return i;
        }
    }
    blocks.len()
}

/// The signer (`Nguyễn Văn Hiệp (KT. CHỦ TỊCH, PHÓ CHỦ TỊCH)`) and whether recipients were there.
fn read_signature(blocks: &[Block]) -> (Option<String>, bool) {
    let lines: Vec<String> =
        blocks.iter().flat_map(block_lines).map(|l| l.replace('*', "").trim().to_string()).collect();
    let recipients = lines.iter().any(|l| l.to_uppercase().starts_with("NƠI NHẬN"));
    let mut position = Vec::new();
    let mut name = None;
    let mut in_recipients = false;
    for line in &lines {
        let upper = line.to_uppercase();
        if upper.starts_with("NƠI NHẬN") {
            in_recipients = true;
            // The signing title often shares the line (two columns flattened).
            continue;
        }
        let is_item = line.starts_with(['-', '–', '+', '•']);
        if in_recipients && is_item {
            continue;
        }
        if line.chars().filter(|c| c.is_alphabetic()).count() < 3 || line.starts_with('(') {
            continue;
        }
        if mostly_upper(line) {
            position.push(line.clone());
            in_recipients = false;
        } else if !is_item
            && line.split_whitespace().count() <= 6
            && line.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
        {
            name = Some(line.clone());
        }
    }
    let signer = name.map(|n| if position.is_empty() { n } else { format!("{n} ({})", position.join(", ")) });
    (signer, recipients)
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c == '*' || c == '”' || c == '"' || c == ')' || c.is_whitespace());
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Whether `next` is the rest of a sentence `prev` broke off (a PDF converted to Word keeps
/// every printed line as a paragraph): `prev` stops mid-sentence and `next` is no heading,
/// list item or labelled point, and either starts in lower case or follows a full printed
/// line of plain text.
fn continues(prev: &Line, next: &Line) -> bool {
    let plain_next = !next.labelled
        && next.bullet.is_none()
        && next.heading.is_none()
        && label_of(&next.plain).is_none()
        && !next.plain.starts_with(['-', '+', '–', '•']);
    let full_line =
        prev.plain.chars().count() >= 60 && !prev.all_bold && !prev.labelled && label_of(&prev.plain).is_none();
    !ends_sentence(&prev.plain) && prev.heading.is_none() && plain_next && (starts_lower(&next.plain) || full_line)
}

/// The body's paragraphs and tables as markdown, and as units.
fn body_markdown(blocks: &[Block], from: usize, to: usize) -> (String, Vec<Unit>) {
    let mut lines: Vec<Option<Line>> = Vec::new();
    let mut tables: Vec<(usize, &Vec<Vec<Cell>>)> = Vec::new();
    for (i, block) in blocks.iter().enumerate().take(to).skip(from) {
        match block {
            Block::Para(p) => {
                let line = line_of(p, i + 1);
                if line.plain.is_empty() {
                    continue;
                }
                match lines.last_mut() {
                    // A sentence broken over two paragraphs (PDF conversions): joined again.
                    Some(Some(prev)) if continues(prev, &line) => {
                        prev.plain = format!("{} {}", prev.plain, line.plain);
                        prev.md = format!("{} {}", prev.md, line.md);
                        prev.all_bold &= line.all_bold;
                    }
                    _ => lines.push(Some(line)),
                }
            }
            Block::Table(rows) => {
                tables.push((i + 1, rows));
                lines.push(None);
            }
        }
    }
    let mut writer = Writer::default();
    let mut tables = tables.into_iter();
    for line in lines {
        match line {
            Some(line) => writer.line(line),
            None => {
                if let Some((paragraph, rows)) = tables.next() {
                    writer.table(rows, paragraph);
                }
            }
        }
    }
    (writer.out.trim().to_string() + "\n", writer.units)
}

/// Builds the markdown, remembering the last numbered heading's level for `a)` headings.
#[derive(Default)]
struct Writer {
    out: String,
    units: Vec<Unit>,
    numbered_level: u8,
    in_list: bool,
}

/// A label at the start of a line: Roman (`II.`), numbers (`1.`, `2.1.`, `2.1.1`), or a letter (`a)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Roman,
    Number(u8),
    Letter,
}

/// The label of a line and the byte length it takes (with the space after it).
fn label_of(text: &str) -> Option<(Label, usize)> {
    let head = text.split(' ').next()?;
    let len = head.len() + 1;
    if text.len() <= len {
        return None;
    }
    let body = head.strip_suffix(['.', ')']);
    if let Some(body) = body {
        if !body.is_empty() && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
            return Some((Label::Roman, len));
        }
        let mut chars = body.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_lowercase() && c.is_alphabetic() {
                return Some((Label::Letter, len));
            }
        }
    }
    let numbers = body.unwrap_or(head);
    let groups: Vec<&str> = numbers.split('.').collect();
    let numeric = !numbers.is_empty()
        && groups.iter().all(|g| !g.is_empty() && g.len() <= 2 && g.bytes().all(|b| b.is_ascii_digit()));
    if numeric && (body.is_some() || groups.len() >= 2) {
        return Some((Label::Number(groups.len() as u8), len));
    }
    None
}

impl Writer {
    fn block(&mut self, text: &str) {
        if self.in_list {
            self.out.push('\n');
            self.in_list = false;
        }
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    fn heading(&mut self, level: u8, text: &str, paragraph: usize) {
        let text = text.trim().trim_end_matches(':').trim();
        self.block(&format!("{} {}", "#".repeat(level.into()), escape_md(text)));
        self.units.push(Unit { role: Role::Heading(level), text: text.to_string(), paragraph });
    }

    fn item(&mut self, depth: u8, md: &str, plain: &str, paragraph: usize) {
        if !self.in_list && !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        self.in_list = true;
        self.out.push_str(&format!("{}- {}\n", "  ".repeat(depth.into()), md.trim()));
        self.units.push(Unit { role: Role::Item(depth), text: plain.to_string(), paragraph });
    }

    fn line(&mut self, line: Line) {
        if let Some(depth) = line.bullet {
            return self.item(depth.min(3), &line.md, &line.plain, line.paragraph);
        }
        for (marker, depth) in [("- ", 0), ("– ", 0), ("• ", 0), ("+ ", 1)] {
            if let (Some(plain), Some(md)) = (line.plain.strip_prefix(marker), line.md.strip_prefix(marker)) {
                let depth = if self.in_list { depth } else { 0 };
                return self.item(depth, md, plain, line.paragraph);
            }
        }
        if let Some(level) = self.heading_level(&line) {
            // `1. Mục tiêu chung: Tạo điều kiện…`: a heading with its paragraph on one line.
            if let Some((head, rest)) = line.plain.split_once(": ").filter(|(h, _)| h.chars().count() <= 60) {
                if line.plain.chars().count() > 110 {
                    self.heading(level, head, line.paragraph);
                    let md_rest = line.md.split_once(": ").map_or(rest.to_string(), |(_, r)| r.to_string());
                    return self.para(&md_rest, rest, line.paragraph);
                }
            }
            let text = line.plain.replace("**", "");
            return self.heading(level, &text, line.paragraph);
        }
        let md = match label_of(&line.plain) {
            // Keep `1.` / `a)` as written instead of letting markdown renumber a list.
            Some((Label::Number(_) | Label::Roman, _)) => line.md.replacen(". ", "\\. ", 1),
            _ => line.md.clone(),
        };
        self.para(&md, &line.plain, line.paragraph);
    }

    fn para(&mut self, md: &str, plain: &str, paragraph: usize) {
        self.block(md.trim());
        self.units.push(Unit { role: Role::Para, text: plain.to_string(), paragraph });
    }

    /// The level a line gets as a heading, if it is one.
    fn heading_level(&mut self, line: &Line) -> Option<u8> {
        let plain = line.plain.replace("**", "");
        let short = plain.chars().count() <= 110 && !plain.trim_end().ends_with(['.', ';', ','])
            || plain.split_once(": ").is_some_and(|(h, _)| h.chars().count() <= 60);
        let emphasis = line.all_bold || line.heading.is_some();
        let level = match label_of(&plain) {
            Some((Label::Roman, len)) if emphasis || mostly_upper(&plain[len..]) => 2,
            Some((Label::Number(groups), _)) if emphasis || short => {
                let level = (2 + groups).min(6);
                self.numbered_level = level;
                level
            }
            Some((Label::Letter, _)) if (emphasis || short) && !plain.trim_end().ends_with(':') => {
                (self.numbered_level.max(3) + 1).min(6)
            }
            Some(_) => return None,
            None => match line.heading {
                Some(style) if plain.chars().count() <= 150 => (style + 1).clamp(2, 6),
                _ => return None,
            },
        };
        Some(level)
    }

    fn table(&mut self, rows: &[Vec<Cell>], paragraph: usize) {
        let grid = table_grid(rows);
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        let mut md = String::new();
        for (r, row) in grid.iter().enumerate() {
            let cells: Vec<String> = (0..width).map(|c| row.get(c).map_or(String::new(), |t| escape_md(t))).collect();
            md.push_str(&format!("| {} |\n", cells.join(" | ")));
            if r == 0 {
                md.push_str(&format!("|{}\n", " --- |".repeat(width)));
            }
            self.units.push(Unit { role: Role::Row, text: row.join(" | "), paragraph });
        }
        self.block(md.trim_end());
    }
}

/// A table as a grid of texts: a cell spanning columns fills the first and leaves the others
/// empty; a cell merged with the one above repeats its text, so each row reads alone.
fn table_grid(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let mut out: Vec<String> = Vec::new();
        for cell in row {
            let column = out.len();
            let text = if cell.merged_above {
                grid.last().and_then(|above| above.get(column)).cloned().unwrap_or_default()
            } else {
                let texts: Vec<String> =
                    cell.paras.iter().map(|p| clean(&p.text(), false)).filter(|t| !t.is_empty()).collect();
                texts.join(" ")
            };
            out.push(text);
            out.extend(std::iter::repeat_n(String::new(), cell.span.saturating_sub(1)));
        }
        grid.push(out);
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_recognised() {
        assert_eq!(label_of("II. MỤC TIÊU"), Some((Label::Roman, 4)));
        assert_eq!(label_of("2.1.1. Xóa mù chữ"), Some((Label::Number(3), 7)));
        assert_eq!(label_of("1.1 Đối với tập thể"), Some((Label::Number(2), 4)));
        assert_eq!(label_of("đ) Kiểm tra"), Some((Label::Letter, 4)));
        assert_eq!(label_of("2024 là năm"), None);
        assert_eq!(label_of("100% xã"), None);
    }

    #[test]
    fn header_lines_give_number_place_date_and_issuer() {
        let lines: Vec<String> = [
            "ỦY BAN NHÂN DÂN",
            "THỊ TRẤN PHÚ MỸ",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 322/KH-UBND",
            "Phú Mỹ, ngày 16 tháng 4 năm 2024",
        ]
        .map(String::from)
        .to_vec();
        let mut header = Header::default();
        read_header(&lines, &mut header);
        assert_eq!(header.number.as_deref(), Some("322/KH-UBND"));
        assert_eq!(header.issuer.as_deref(), Some("Ủy ban nhân dân thị trấn Phú Mỹ"));
        assert_eq!(header.place.as_deref(), Some("Phú Mỹ"));
        assert_eq!(header.issued(), chrono::NaiveDate::from_ymd_opt(2024, 4, 16));
        let mut draft = Header::default();
        read_header(&["Số:           /KH-UBND Tháp Mười, ngày        tháng 02 năm 2024".to_string()], &mut draft);
        assert!(draft.number.is_none() && draft.number_blank);
        assert_eq!(draft.date, (None, Some(2), Some(2024)));
        assert_eq!(draft.place.as_deref(), Some("Tháp Mười"));
    }

    #[test]
    fn periods_come_from_the_title() {
        assert_eq!(period_of("Kế hoạch “Xây dựng xã hội học tập giai đoạn 2021-2030”").as_deref(), Some("2021-2030"));
        assert_eq!(period_of("Kế hoạch thi đua giai đoạn 2023 - 2030 trên địa bàn").as_deref(), Some("2023-2030"));
        assert_eq!(period_of("Kế hoạch xây dựng xã hội học tập năm 2024").as_deref(), Some("2024"));
        assert_eq!(period_of("Kế hoạch"), None);
    }

    #[test]
    fn text_is_nfc_and_markdown_is_escaped() {
        assert_eq!(clean("Ke\u{302}\u{301} hoa\u{323}ch\u{a0} \n x", false), "Kế hoạch x");
        assert_eq!(escape_md("a*b <script>"), "a\\*b \\<script\\>");
    }
}
