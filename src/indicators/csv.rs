//! The little CSV this needs: reading spreadsheet exports (comma, semicolon or tab separated,
//! quoted cells) and writing safe cells.

/// One CSV row with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line in the file.
    pub line: usize,
    /// Cells, unquoted.
    pub cells: Vec<String>,
}

/// The separator of a file: the most frequent of `,`, `;` and tab on its first line.
///
/// Spreadsheets in the Vietnamese locale write `;` between cells and `,` in decimals.
pub fn detect_separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [',', ';', '\t'].into_iter().max_by_key(|&c| (count(c), c == ',')).unwrap_or(',')
}

/// Splits `text` (LF line ends) into rows; blank lines are skipped.
pub fn parse(text: &str, separator: char) -> Result<Vec<Row>, (usize, String)> {
    let mut rows = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut row_line) = (1, 1);
    let (mut quoted, mut was_quoted) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            '\n' if quoted => {
                cell.push('\n');
                line += 1;
            }
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                push_row(&mut rows, row_line, std::mem::take(&mut cells));
                line += 1;
                row_line = line;
                was_quoted = false;
            }
            c if c == separator && !quoted => {
                cells.push(std::mem::take(&mut cell));
                was_quoted = false;
            }
            c => cell.push(c),
        }
    }
    if quoted {
        return Err((row_line, "a quoted cell is never closed".into()));
    }
    cells.push(cell);
    push_row(&mut rows, row_line, cells);
    Ok(rows)
}

fn push_row(rows: &mut Vec<Row>, line: usize, cells: Vec<String>) {
    if cells.iter().any(|c| !c.trim().is_empty()) {
        rows.push(Row { line, cells: cells.into_iter().map(|c| c.trim().to_string()).collect() });
    }
}

/// A text cell for output: the only way text enters a CSV file (RFC 4180).
///
/// Control characters other than tab, CR and LF are dropped (spreadsheets stop at a NUL);
/// a cell holding `,`, `;`, `"`, CR or LF is quoted, with `"` doubled. Text that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR, as OWASP lists) gets
/// a leading `'`, which spreadsheets show as text and do not display; the cell is then
/// quoted as needed like any other.
pub fn text_cell(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_ascii_control() || matches!(c, '\t' | '\n' | '\r')).collect();
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text };
    if defused.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A number for output: shortest form with a decimal point, never a formula.
pub fn number_cell(value: f64) -> String {
    let text = format!("{value}");
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_cells_and_counts_lines() {
        let rows = parse("Year,area,Value\n2022,\"Xã \"\"A\"\", B\",41.5\n\n2023,,47\n", ',').unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].cells, vec!["2022", "Xã \"A\", B", "41.5"]);
        assert_eq!(rows[2].line, 4);
        assert_eq!(rows[2].cells[1], "");
    }

    #[test]
    fn detects_semicolons_from_vietnamese_spreadsheets() {
        assert_eq!(detect_separator("Year;area;Value\n2022;;41,5\n"), ';');
        assert_eq!(detect_separator("Year,Value\n"), ',');
        assert_eq!(detect_separator("Year\tValue\n"), '\t');
    }

    #[test]
    fn defuses_formulas_in_text_cells() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("-1+1"), "'-1+1");
        assert_eq!(text_cell("Xã Mỹ Hòa"), "Xã Mỹ Hòa");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("\r\n=1"), "\"'\r\n=1\"");
        assert_eq!(text_cell("a\0b\u{1}\u{7f}c"), "abc");
        assert_eq!(text_cell("\0=1"), "'=1");
        assert_eq!(number_cell(-2.5), "-2.5");
        assert_eq!(number_cell(40.0), "40");
    }

    #[test]
    fn refuses_an_unclosed_quote() {
        assert_eq!(parse("Year,Value\n\"2022,1\n", ',').unwrap_err().0, 2);
    }
}
