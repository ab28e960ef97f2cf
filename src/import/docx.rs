//! Reading a Word `.docx` file into paragraphs and tables.
//!
//! A `.docx` is a zip of XML parts (OOXML). We read three: `word/document.xml` (the text),
//! `word/styles.xml` (which styles are headings) and `word/numbering.xml` (Word's automatic
//! numbering, turned here into the labels it shows: `I.`, `1.`, `a)`, or a bullet). Sizes
//! are capped before anything is inflated, so a zip bomb is refused, not unpacked.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::problem::{FileKind, ImportProblem, Limit};

/// Largest `.docx` file read at all.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// Most entries a Word file's zip may have (Word writes 10–40; images add one each).
pub const MAX_ENTRIES: usize = 5_000;
/// Largest XML part once inflated: a 600-page plan's `document.xml` is under 10 MiB.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Largest inflated/compressed ratio of a part; XML compresses about 10:1, bombs 1000:1.
pub const MAX_RATIO: u64 = 200;

/// A run of text with one formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text; `\n` is a soft line break (`<w:br/>`).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// One paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// Its runs, in order.
    pub runs: Vec<Run>,
    /// Outline level from a heading style (`Heading 1` → 1), if it has one.
    pub heading: Option<u8>,
    /// The label Word's automatic numbering shows (`II.`, `1.`, `a)`), if numbered.
    pub label: Option<String>,
    /// Nesting level of a bulleted paragraph (0 = outermost), if bulleted.
    pub bullet: Option<u8>,
    /// Centred.
    pub centered: bool,
}

impl Para {
    /// The text without formatting, soft breaks kept as `\n`.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether every letter is in a bold run (and there is some text).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for run in &self.runs {
            if run.text.chars().any(char::is_alphanumeric) {
                if !run.bold {
                    return false;
                }
                any = true;
            }
        }
        any
    }
}

/// One table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Its paragraphs (those of nested tables included, in order).
    pub paras: Vec<Para>,
    /// Columns it spans (`gridSpan`).
    pub span: usize,
    /// The continuation of a vertically merged cell above (`vMerge` without `restart`).
    pub merged_above: bool,
}

/// A paragraph or a table, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table: rows of cells.
    Table(Vec<Vec<Cell>>),
}

/// Reads a `.docx` from its bytes.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, ImportProblem> {
    sniff(bytes)?;
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportProblem::Corrupt { reason: e.to_string() })?;
    if zip.len() > MAX_ENTRIES {
        return Err(ImportProblem::TooLarge { limit: Limit::Entries { count: zip.len(), max: MAX_ENTRIES } });
    }
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    if names.iter().any(|n| n == "mimetype") && names.iter().any(|n| n == "content.xml") {
        return Err(ImportProblem::Odt);
    }
    if !names.iter().any(|n| n == "word/document.xml") {
        let kind = if names.iter().any(|n| n.starts_with("xl/")) {
            FileKind::Excel
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            FileKind::PowerPoint
        } else {
            FileKind::Zip
        };
        return Err(ImportProblem::NotDocx { kind });
    }
    let styles = part(&mut zip, "word/styles.xml")?.map(|x| heading_styles(&x)).transpose()?.unwrap_or_default();
    let numbering =
        part(&mut zip, "word/numbering.xml")?.map(|x| Numbering::parse(&x)).transpose()?.unwrap_or_default();
    let document = part(&mut zip, "word/document.xml")?.unwrap_or_default();
    Body::parse(&document, &styles, numbering)
}

/// Refuses what is plainly not a Word 2007+ file, naming what it is.
fn sniff(bytes: &[u8]) -> Result<(), ImportProblem> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(());
    }
    if bytes.starts_with(OLE) {
        // Word saves a password-protected .docx inside an OLE container with this stream.
        let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let encrypted = bytes.windows(marker.len()).any(|w| w == marker.as_slice());
        return Err(if encrypted { ImportProblem::Encrypted } else { ImportProblem::OldDoc });
    }
    let kind = if bytes.is_empty() {
        FileKind::Empty
    } else if bytes.starts_with(b"%PDF") {
        FileKind::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        FileKind::Rtf
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xFF\xD8\xFF") || bytes.starts_with(b"GIF8") {
        FileKind::Image
    } else if is_html(bytes) {
        FileKind::Html
    } else if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok() {
        FileKind::Text
    } else {
        FileKind::Unknown
    };
    Err(ImportProblem::NotDocx { kind })
}

fn is_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// One part's text, if the zip has it; refused when its sizes look like a bomb.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ImportProblem> {
    let corrupt = |e: zip::result::ZipError| match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt") || m.contains("assword") => {
            ImportProblem::Encrypted
        }
        other => ImportProblem::Corrupt { reason: other.to_string() },
    };
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(e)),
    };
    if file.encrypted() {
        return Err(ImportProblem::Encrypted);
    }
    let (size, packed) = (file.size(), file.compressed_size().max(1));
    if size > MAX_PART_BYTES {
        return Err(ImportProblem::TooLarge {
            limit: Limit::Part { name: name.into(), bytes: size, max: MAX_PART_BYTES },
        });
    }
    if size / packed > MAX_RATIO && size > 1024 * 1024 {
        return Err(ImportProblem::TooLarge {
            limit: Limit::Ratio { name: name.into(), ratio: size / packed, max: MAX_RATIO },
        });
    }
    // The sizes above are the zip's own claims; `take` holds the real bytes to them too.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportProblem::Corrupt { reason: format!("{name}: {e}") })?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(ImportProblem::TooLarge {
            limit: Limit::Part { name: name.into(), bytes: bytes.len() as u64, max: MAX_PART_BYTES },
        });
    }
    String::from_utf8(bytes).map(Some).map_err(|_| ImportProblem::Corrupt { reason: format!("{name} is not UTF-8") })
}

/// `w:val` (or another attribute) of an element, unescaped.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"w:val").as_deref(), Some("0" | "false" | "off" | "none"))
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> ImportProblem {
    ImportProblem::Corrupt { reason: format!("{part}: {e}") }
}

/// Style ids that are headings, with their level: by name (`heading 2`) or outline level.
fn heading_styles(xml: &str) -> Result<HashMap<String, u8>, ImportProblem> {
    let mut reader = Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().map_err(|e| xml_error("styles.xml", e))? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:style" => current = attr(&e, b"w:styleId"),
                b"w:name" => {
                    let name = attr(&e, b"w:val").unwrap_or_default().to_lowercase();
                    let level = name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok());
                    if let (Some(id), Some(level)) = (&current, level) {
                        styles.insert(id.clone(), level);
                    }
                }
                b"w:outlineLvl" => {
                    let level = attr(&e, b"w:val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9);
                    if let (Some(id), Some(level)) = (&current, level) {
                        styles.entry(id.clone()).or_insert(level + 1);
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:style" => current = None,
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// Word's numbering definitions and the counters as the document goes.
#[derive(Debug, Default)]
struct Numbering {
    /// Abstract numbering id → its levels.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// `numId` → abstract numbering id.
    nums: HashMap<String, String>,
    /// Counters by abstract numbering id and level.
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, ImportProblem> {
        let mut reader = Reader::from_str(xml);
        let mut numbering = Numbering::default();
        let (mut abstract_id, mut level, mut num_id): (Option<String>, Option<u8>, Option<String>) = (None, None, None);
        loop {
            match reader.read_event().map_err(|e| xml_error("numbering.xml", e))? {
                Event::Start(e) | Event::Empty(e) => {
                    let value = || attr(&e, b"w:val").unwrap_or_default();
                    match e.name().as_ref() {
                        b"w:abstractNum" => abstract_id = attr(&e, b"w:abstractNumId"),
                        b"w:lvl" => level = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()).filter(|l: &u8| *l < 9),
                        b"w:num" => num_id = attr(&e, b"w:numId"),
                        b"w:abstractNumId" => {
                            if let Some(num) = &num_id {
                                numbering.nums.insert(num.clone(), value());
                            }
                        }
                        name @ (b"w:start" | b"w:numFmt" | b"w:lvlText") => {
                            let (Some(a), Some(l)) = (&abstract_id, level) else { continue };
                            let entry = numbering.abstracts.entry(a.clone()).or_default().entry(l).or_default();
                            match name {
                                b"w:start" => entry.start = value().parse().unwrap_or(1),
                                b"w:numFmt" => entry.format = value(),
                                _ => entry.text = value(),
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    b"w:abstractNum" => abstract_id = None,
                    b"w:lvl" => level = None,
                    b"w:num" => num_id = None,
                    _ => {}
                },
                Event::Eof => return Ok(numbering),
                _ => {}
            }
        }
    }

    /// Counts one numbered paragraph: its label (`II.`), or `None` for a bullet.
    fn next(&mut self, num_id: &str, ilvl: u8) -> Option<Option<String>> {
        let abstract_id = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let level = levels.get(&ilvl)?;
        if level.format == "bullet" || level.format == "none" {
            return Some(None);
        }
        let counters = self.counters.entry(abstract_id.clone()).or_insert([0; 9]);
        let i = usize::from(ilvl);
        counters[i] = if counters[i] == 0 { level.start.max(1) } else { counters[i] + 1 };
        counters[i + 1..].iter_mut().for_each(|c| *c = 0);
        let mut label = level.text.clone();
        for (k, l) in levels.iter() {
            let k = usize::from(*k);
            if k <= i {
                let n = if counters[k] == 0 { l.start.max(1) } else { counters[k] };
                label = label.replace(&format!("%{}", k + 1), &format_number(n, &l.format));
            }
        }
        Some(Some(label))
    }
}

/// A counter in a numbering format.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerLetter" => letter(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Vietnamese documents letter their items with the Vietnamese alphabet: a, b, c, d, đ, e.
fn letter(n: u32) -> String {
    const LETTERS: [&str; 24] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x",
        "y", "z",
    ];
    let i = (n.max(1) - 1) as usize;
    LETTERS[i % LETTERS.len()].repeat(i / LETTERS.len() + 1)
}

/// The state of a walk through `document.xml`.
struct Body<'a> {
    styles: &'a HashMap<String, u8>,
    numbering: Numbering,
    blocks: Vec<Block>,
    /// Open tables, innermost last: rows so far, and the cell being filled.
    tables: Vec<(Vec<Vec<Cell>>, Option<Cell>)>,
    para: Option<Para>,
    num: (Option<String>, u8),
    run: Option<Run>,
    /// Depth inside parts whose text is not the document's: deleted text, fallbacks, fields.
    skip: usize,
    in_text: bool,
}

impl<'a> Body<'a> {
    fn parse(xml: &str, styles: &'a HashMap<String, u8>, numbering: Numbering) -> Result<Vec<Block>, ImportProblem> {
        let mut body = Body {
            styles,
            numbering,
            blocks: Vec::new(),
            tables: Vec::new(),
            para: None,
            num: (None, 0),
            run: None,
            skip: 0,
            in_text: false,
        };
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event().map_err(|e| xml_error("document.xml", e))? {
                Event::Start(e) => body.open(&e, false),
                Event::Empty(e) => body.open(&e, true),
                Event::End(e) => body.close(e.name().as_ref()),
                Event::Text(t) if body.in_text && body.skip == 0 => {
                    let text = t.unescape().map_err(|e| xml_error("document.xml", e))?;
                    body.push_text(&text);
                }
                Event::CData(t) if body.in_text && body.skip == 0 => body.push_text(&String::from_utf8_lossy(&t)),
                Event::Eof => return Ok(body.blocks),
                _ => {}
            }
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if matches!(name, b"w:del" | b"mc:Fallback" | b"w:instrText" | b"w:delText") {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            b"w:tbl" => self.tables.push((Vec::new(), None)),
            b"w:tr" => {
                if let Some((rows, _)) = self.tables.last_mut() {
                    rows.push(Vec::new());
                }
            }
            b"w:tc" => {
                if let Some((_, cell)) = self.tables.last_mut() {
                    *cell = Some(Cell { span: 1, ..Cell::default() });
                }
            }
            b"w:gridSpan" => {
                let span = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(1usize).clamp(1, 64);
                if let Some((_, Some(cell))) = self.tables.last_mut() {
                    cell.span = span;
                }
            }
            b"w:vMerge" => {
                let continues = attr(e, b"w:val").is_none_or(|v| v == "continue");
                if let Some((_, Some(cell))) = self.tables.last_mut() {
                    cell.merged_above = continues;
                }
            }
            b"w:p" => {
                self.para = Some(Para::default());
                self.num = (None, 0);
                if empty {
                    self.close(b"w:p");
                }
            }
            b"w:pStyle" => {
                let level = attr(e, b"w:val").and_then(|id| self.styles.get(&id).copied());
                if let Some(para) = &mut self.para {
                    para.heading = level;
                }
            }
            b"w:numId" => self.num.0 = attr(e, b"w:val"),
            b"w:ilvl" => self.num.1 = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
            b"w:jc" => {
                let center = attr(e, b"w:val").is_some_and(|v| v == "center");
                if let Some(para) = &mut self.para {
                    para.centered = center;
                }
            }
            b"w:outlineLvl" => {
                let level = attr(e, b"w:val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9);
                if let (Some(para), Some(level)) = (&mut self.para, level) {
                    para.heading = Some(level + 1);
                }
            }
            b"w:r" => self.run = Some(Run { text: String::new(), bold: false, italic: false }),
            b"w:b" => {
                if let Some(run) = &mut self.run {
                    run.bold = on(e);
                }
            }
            b"w:i" => {
                if let Some(run) = &mut self.run {
                    run.italic = on(e);
                }
            }
            b"w:t" => self.in_text = !empty,
            b"w:tab" if self.run.is_some() => self.push_text(" "),
            b"w:br" | b"w:cr" if self.run.is_some() => self.push_text("\n"),
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        if matches!(name, b"w:del" | b"mc:Fallback" | b"w:instrText" | b"w:delText") {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        match name {
            b"w:t" => self.in_text = false,
            b"w:r" => {
                if let (Some(run), Some(para)) = (self.run.take(), &mut self.para) {
                    if !run.text.is_empty() {
                        para.runs.push(run);
                    }
                }
            }
            b"w:p" => self.finish_para(),
            b"w:tc" => {
                if let Some((rows, cell)) = self.tables.last_mut() {
                    if let (Some(row), Some(cell)) = (rows.last_mut(), cell.take()) {
                        row.push(cell);
                    }
                }
            }
            b"w:tbl" => {
                let Some((rows, _)) = self.tables.pop() else { return };
                match self.tables.last_mut() {
                    // A table in a table: its paragraphs join the outer cell.
                    Some((_, Some(cell))) => cell.paras.extend(rows.into_iter().flatten().flat_map(|c| c.paras)),
                    _ => self.blocks.push(Block::Table(rows)),
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(run) = &mut self.run {
            run.text.push_str(text);
        }
    }

    fn finish_para(&mut self) {
        let Some(mut para) = self.para.take() else { return };
        if let (Some(num_id), ilvl) = (self.num.0.take(), self.num.1) {
            if num_id != "0" {
                match self.numbering.next(&num_id, ilvl) {
                    Some(Some(label)) => para.label = Some(label),
                    Some(None) => para.bullet = Some(ilvl),
                    None => {}
                }
            }
        }
        match self.tables.last_mut() {
            Some((_, Some(cell))) => cell.paras.push(para),
            _ => self.blocks.push(Block::Para(para)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_word_shows_them() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(19), "XIX");
        assert_eq!(letter(5), "đ");
        assert_eq!(letter(6), "e");
        assert_eq!(format_number(3, "decimalZero"), "03");
    }

    #[test]
    fn other_files_are_named() {
        assert_eq!(sniff(b"%PDF-1.7"), Err(ImportProblem::NotDocx { kind: FileKind::Pdf }));
        assert_eq!(sniff(b"{\\rtf1"), Err(ImportProblem::NotDocx { kind: FileKind::Rtf }));
        assert_eq!(sniff(b"Ke hoach"), Err(ImportProblem::NotDocx { kind: FileKind::Text }));
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Err(ImportProblem::OldDoc));
        assert_eq!(sniff(b""), Err(ImportProblem::NotDocx { kind: FileKind::Empty }));
    }
}
