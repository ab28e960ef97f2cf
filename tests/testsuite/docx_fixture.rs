//! Builds `.docx` fixtures from the plan texts in `tests/fixtures/import/` the way a district
//! office's Word files look: a two-column header table (or header paragraphs), headings as
//! Word heading styles or bold paragraphs, automatic numbering (numbering.xml) for Roman
//! headings and bullets, a table with merged cells, a signature block with "Nơi nhận", and
//! the NFD and soft-line-break variants. Written with the `zip` crate and `quick-xml`'s
//! escaping, so no binary fixture is committed.

use std::io::Write;

use quick_xml::escape::escape;
use unicode_normalization::UnicodeNormalization;

/// How one fixture is laid out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Spec {
    /// Lines of the issuing body, top-left of the header.
    pub(crate) issuer: Vec<&'static str>,
    /// `Số: …/KH-UBND`, if the document has one.
    pub(crate) number_line: Option<&'static str>,
    /// `Place, ngày … tháng … năm …`, if the document has one.
    pub(crate) date_line: Option<&'static str>,
    /// The header as a two-column table (else paragraphs).
    pub(crate) header_table: bool,
    /// How many lines after `KẾ HOẠCH` are the subtitle.
    pub(crate) subtitle_lines: usize,
    /// The subtitle in the `KẾ HOẠCH` paragraph after a soft line break.
    pub(crate) title_break: bool,
    /// Headings (`#` lines, bold labelled lines) get Word heading styles.
    pub(crate) heading_styles: bool,
    /// Roman-numeral headings that are plain text in the source are made bold.
    pub(crate) bold_roman: bool,
    /// Roman-numeral headings numbered by Word (numbering.xml), their label removed from the text.
    pub(crate) roman_numbering: bool,
    /// `-` and `+` lines as Word bullets (numbering.xml), the marker removed.
    pub(crate) bullets: bool,
    /// Long paragraphs get a soft line break (`<w:br/>`) in mid-sentence.
    pub(crate) soft_breaks: bool,
    /// Every character decomposed (NFD), as some converters write.
    pub(crate) nfd: bool,
    /// A table with merged cells before the closing paragraph.
    pub(crate) table: bool,
    /// The signature block as a two-column table; these are the right column's lines.
    pub(crate) signer_table: Vec<&'static str>,
}

/// A run: text, bold, italic.
type Run = (String, bool, bool);

enum Item {
    Para { runs: Vec<Run>, style: Option<u8>, num: Option<(u8, u8)>, center: bool },
    Table(String),
}

fn strip_markup(line: &str) -> String {
    line.trim().trim_start_matches('#').trim().replace("**", "").replace('*', "").trim().to_string()
}

/// `**a** b *c*` → runs.
fn runs(line: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut text = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        let (marker, b, i) = if rest.starts_with("***") {
            (3, true, true)
        } else if rest.starts_with("**") {
            (2, true, false)
        } else if rest.starts_with('*') {
            (1, false, true)
        } else {
            let c = rest.chars().next().unwrap();
            text.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        if !text.is_empty() {
            out.push((std::mem::take(&mut text), bold, italic));
        }
        bold ^= b;
        italic ^= i;
        rest = &rest[marker..];
    }
    if !text.is_empty() {
        out.push((text, bold, italic));
    }
    out
}

fn roman_label(text: &str) -> Option<usize> {
    let head = text.split(' ').next()?;
    let body = head.strip_suffix('.')?;
    (!body.is_empty() && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))).then_some(head.len() + 1)
}

fn numeric_depth(text: &str) -> Option<u8> {
    let head = text.split(' ').next()?;
    let body = head.trim_end_matches('.');
    let groups: Vec<&str> = body.split('.').collect();
    (head.ends_with('.') && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit())))
        .then_some(groups.len() as u8)
}

/// The paragraphs and tables of a plan text, laid out per `spec`.
fn items(text: &str, spec: &Spec) -> Vec<Item> {
    let lines: Vec<&str> = text.lines().collect();
    let title = lines.iter().position(|l| strip_markup(l) == "KẾ HOẠCH").expect("a KẾ HOẠCH line");
    let para = |runs: Vec<Run>| Item::Para { runs, style: None, num: None, center: false };
    let plain = |text: &str| (text.to_string(), false, false);
    let mut out = header(spec, para, plain);
    let mut next = title + 1;
    let mut subtitle = Vec::new();
    while subtitle.len() < spec.subtitle_lines {
        let line = strip_markup(lines[next]);
        if !line.is_empty() {
            subtitle.push(line);
        }
        next += 1;
    }
    if spec.title_break {
        let mut runs = vec![("KẾ HOẠCH\n".to_string(), true, false)];
        runs.extend(subtitle.iter().map(|s| (s.clone(), true, false)));
        out.push(Item::Para { runs, style: None, num: None, center: true });
    } else {
        out.push(Item::Para { runs: vec![("KẾ HOẠCH".into(), true, false)], style: None, num: None, center: true });
        for line in &subtitle {
            out.push(Item::Para { runs: vec![(line.clone(), true, false)], style: None, num: None, center: true });
        }
    }
    let recipients = lines.iter().position(|l| strip_markup(l).starts_with("Nơi nhận")).expect("a Nơi nhận line");
    for line in &lines[next..recipients] {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if spec.table && line.starts_with("Trên đây là") {
            out.push(Item::Table(merged_table()));
        }
        out.push(body_item(line, spec));
    }
    if spec.signer_table.is_empty() {
        let lines =
            lines[recipients..].iter().map(|l| l.trim().trim_start_matches('#').trim()).filter(|l| !l.is_empty());
        out.extend(lines.map(|l| para(runs(l))));
    } else {
        let left: Vec<&str> = lines[recipients..].iter().map(|l| l.trim()).filter(|l| l.starts_with('-')).collect();
        out.push(Item::Table(signature_table(&left, &spec.signer_table)));
    }
    out
}

fn header(spec: &Spec, para: impl Fn(Vec<Run>) -> Item, plain: impl Fn(&str) -> Run) -> Vec<Item> {
    let motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];
    let mut left: Vec<&str> = spec.issuer.clone();
    left.extend(spec.number_line);
    let mut right: Vec<&str> = motto.to_vec();
    right.extend(spec.date_line);
    if spec.header_table {
        let cell = |lines: &[&str]| {
            lines
                .iter()
                .map(|l| format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>", run_xml(l, true, false)))
                .collect::<String>()
        };
        let table = format!("<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>", cell(&left), cell(&right));
        return vec![Item::Table(table)];
    }
    let mut out: Vec<Item> = left.iter().chain(right.iter()).map(|l| para(vec![plain(l)])).collect();
    out.push(para(vec![]));
    out
}

fn body_item(line: &str, spec: &Spec) -> Item {
    let is_md_heading = line.starts_with('#');
    let text = strip_markup(line);
    let whole_bold =
        is_md_heading || (line.starts_with("**") && line.trim_end().ends_with("**") && !line[2..].contains("**"));
    let mut runs = if is_md_heading || whole_bold { vec![(text.clone(), true, false)] } else { runs(line) };
    let mut num = None;
    let mut style = None;
    let roman = roman_label(&text);
    if roman.is_some() && spec.bold_roman {
        runs = vec![(text.clone(), true, false)];
    }
    let heading = is_md_heading
        || (whole_bold && (roman.is_some() || numeric_depth(&text).is_some()))
        || (roman.is_some() && spec.bold_roman);
    if spec.heading_styles && heading {
        style = Some(match (roman, numeric_depth(&text)) {
            (Some(_), _) => 1,
            (None, Some(depth)) => (1 + depth).min(6),
            _ => 2,
        });
    }
    if let (true, Some(len)) = (spec.roman_numbering, roman) {
        runs = vec![(text[len..].to_string(), heading, false)];
        num = Some((1, 0));
    }
    if spec.bullets {
        for (marker, level) in [("- ", 0), ("+ ", 1)] {
            if let Some(rest) = line.strip_prefix(marker) {
                runs = self::runs(rest);
                num = Some((2, level));
            }
        }
    }
    Item::Para { runs, style, num, center: false }
}

/// Units and tasks with a cell merged down two rows and a note spanning three columns.
fn merged_table() -> String {
    let cell = |text: &str, props: &str| {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p>{}</w:p></w:tc>", run_xml(text, false, false))
    };
    let rows = [
        vec![cell("Đơn vị", ""), cell("Nhiệm vụ", ""), cell("Thời gian", "")],
        vec![
            cell("Phòng Giáo dục và Đào tạo", ""),
            cell("Tổng hợp, báo cáo kết quả", ""),
            cell("Trước ngày 20/11 hằng năm", "<w:vMerge w:val=\"restart\"/>"),
        ],
        vec![cell("Hội Khuyến học", ""), cell("Tuyên truyền | vận động", ""), cell("", "<w:vMerge/>")],
        vec![cell("Các đơn vị gửi báo cáo về Phòng Giáo dục và Đào tạo", "<w:gridSpan w:val=\"3\"/>")],
    ];
    let rows: String = rows.iter().map(|r| format!("<w:tr>{}</w:tr>", r.concat())).collect();
    format!("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>")
}

fn signature_table(recipients: &[&str], signer: &[&str]) -> String {
    let mut left = format!("<w:p>{}</w:p>", run_xml("Nơi nhận:", true, true));
    left.extend(recipients.iter().map(|r| format!("<w:p>{}</w:p>", run_xml(r, false, false))));
    let right: String = signer
        .iter()
        .map(|s| format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>", run_xml(s, true, false)))
        .collect();
    format!("<w:tbl><w:tr><w:tc>{left}</w:tc><w:tc>{right}</w:tc></w:tr></w:tbl>")
}

fn run_xml(text: &str, bold: bool, italic: bool) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if italic {
        props.push_str("<w:i/>");
    }
    let parts: Vec<String> =
        text.split('\n').map(|t| format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(t))).collect();
    format!("<w:r><w:rPr>{props}</w:rPr>{}</w:r>", parts.join("<w:br/>"))
}

/// Breaks a long text at a space near its middle with a soft line break.
fn soft_break(text: &str) -> String {
    if text.chars().count() < 120 {
        return text.to_string();
    }
    let middle = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
    match text[middle..].find(' ') {
        Some(at) => format!("{}\n{}", &text[..middle + at], &text[middle + at + 1..]),
        None => text.to_string(),
    }
}

fn document_xml(items: &[Item], spec: &Spec) -> String {
    let mut body = String::new();
    for item in items {
        match item {
            Item::Table(xml) => body.push_str(xml),
            Item::Para { runs, style, num, center } => {
                let mut props = String::new();
                if let Some(level) = style {
                    props.push_str(&format!("<w:pStyle w:val=\"Heading{level}\"/>"));
                }
                if let Some((id, level)) = num {
                    props.push_str(&format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr>"));
                }
                if *center {
                    props.push_str("<w:jc w:val=\"center\"/>");
                }
                let runs: String = runs
                    .iter()
                    .map(|(text, bold, italic)| {
                        let text = if spec.soft_breaks && style.is_none() { soft_break(text) } else { text.clone() };
                        run_xml(&text, *bold, *italic)
                    })
                    .collect();
                body.push_str(&format!("<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"));
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn styles_xml() -> String {
    let styles: String = (1..=6)
        .map(|n| format!("<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/><w:pPr><w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>", n - 1))
        .collect();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {W}>{styles}</w:styles>")
}

fn numbering_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering {W}>\
<w:abstractNum w:abstractNumId=\"10\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId=\"20\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"+\"/></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num></w:numbering>"
    )
}

/// Zips parts into a `.docx`.
pub(crate) fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// The `.docx` bytes of a plan text laid out per `spec`.
pub(crate) fn build(text: &str, spec: &Spec) -> Vec<u8> {
    let mut document = document_xml(&items(text, spec), spec);
    if spec.nfd {
        document = document.nfd().collect();
    }
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    let doc_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";
    zip_parts(&[
        ("[Content_Types].xml", content_types.to_string()),
        ("_rels/.rels", rels.to_string()),
        ("word/_rels/document.xml.rels", doc_rels.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
    ])
}
