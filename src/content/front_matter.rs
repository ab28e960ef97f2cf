//! Splitting a markdown file into front matter and body, and parsing the front matter into
//! untyped fields that remember their line in the whole file.
//!
//! Parsing to untyped values first lets [`super::fields`] check every field and report all
//! problems of a file at once, where a serde derive would stop at the first.

use serde_json::Value;

use crate::diagnostics::Problem;

/// The two front-matter syntaxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// A file cut at its front matter.
#[derive(Debug)]
pub struct Split<'a> {
    /// Which syntax the block uses.
    pub format: Format,
    /// The text between the fences.
    pub block: &'a str,
    /// Line of the block's first line in the whole file.
    pub block_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// Line of the body's first line in the whole file.
    pub body_line: usize,
}

/// Cuts `text` (already LF-only, without BOM) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, (usize, Problem)> {
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (format, fence) = match first_line {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => return Err((1, Problem::MissingFrontMatter)),
    };
    let block_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = block_start;
    for (line, raw) in (2..).zip(text[block_start..].split_inclusive('\n')) {
        if raw.trim_end() == fence {
            return Ok(Split {
                format,
                block: &text[block_start..offset],
                block_line: 2,
                body: &text[offset + raw.len()..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err((1, Problem::UnclosedFrontMatter { fence }))
}

/// One top-level front-matter field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// Its value, TOML dates turned into their text form.
    pub value: Value,
    /// Line of the key in the whole file.
    pub line: usize,
}

/// How deep front matter may nest lists and tables; a page needs two or three levels. Parsers
/// given 100,000 levels recurse until their own limit or the stack's, slowly: refused first.
pub const MAX_DEPTH: usize = 64;

/// Parses the block into top-level fields, in the order written.
pub fn parse(split: &Split<'_>) -> Result<Vec<Field>, (usize, Problem)> {
    if let Some(line) = too_deep(split.block, split.format) {
        let format = if split.format == Format::Toml { "TOML" } else { "YAML" };
        return Err((split.block_line + line, Problem::NestedTooDeep { format, limit: MAX_DEPTH }));
    }
    let entries = match split.format {
        Format::Toml => parse_toml(split)?,
        Format::Yaml => parse_yaml(split)?,
    };
    let lines = key_lines(split);
    Ok(entries
        .into_iter()
        .map(|(key, value)| {
            let line = lines.iter().find(|(k, _)| *k == key).map_or(split.block_line, |(_, l)| *l);
            Field { key, value, line }
        })
        .collect())
}

fn parse_toml(split: &Split<'_>) -> Result<Vec<(String, Value)>, (usize, Problem)> {
    let table: toml::Table = toml::from_str(split.block).map_err(|e| {
        let line = e.span().map_or(0, |s| crate::location::line_of(split.block, s.start) - 1);
        let text = split.block.lines().nth(line).unwrap_or("");
        let problem = diagnose_toml_line(text).unwrap_or_else(|| Problem::Syntax {
            format: "TOML",
            message: e.message().trim().to_string(),
            fix: quote_fix(text),
        });
        (split.block_line + line, problem)
    })?;
    Ok(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
}

/// An unquoted day-first date (`date = 21/04/2024`) is a date mistake, not a syntax one.
fn diagnose_toml_line(line: &str) -> Option<Problem> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let rewritten = crate::dates::Date::parse(value).err()?.rewritten?;
    Some(Problem::BadDate { field: key.trim().to_string(), value: value.to_string(), rewritten: Some(rewritten) })
}

/// `commune = Xã Mỹ Hòa` → `commune = "Xã Mỹ Hòa"`: text must be quoted in TOML.
fn quote_fix(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim();
    let bare = !value.is_empty()
        && !value.starts_with(['"', '\'', '[', '{'])
        && !matches!(value, "true" | "false")
        && value.parse::<f64>().is_err();
    bare.then(|| format!("{} = \"{}\"", key.trim(), value.replace('"', "\\\"")))
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn parse_yaml(split: &Split<'_>) -> Result<Vec<(String, Value)>, (usize, Problem)> {
    if split.block.trim().is_empty() {
        return Ok(Vec::new());
    }
    let syntax = |message: String, line: usize| {
        (split.block_line + line.saturating_sub(1), Problem::Syntax { format: "YAML", message, fix: None })
    };
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(split.block).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line());
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        syntax(message, line)
    })?;
    let serde_yaml_ng::Value::Mapping(map) = value else {
        return Err(syntax("front matter must be a list of `field: value` lines".into(), 1));
    };
    let mut out = Vec::with_capacity(map.len());
    for (key, value) in map {
        let key = match key {
            serde_yaml_ng::Value::String(s) => s,
            other => serde_yaml_ng::to_string(&other).unwrap_or_default().trim().to_string(),
        };
        let value = serde_json::to_value(value).map_err(|e| syntax(e.to_string(), 1))?;
        out.push((key, value));
    }
    Ok(out)
}

/// The 0-based line of the block where nesting first goes deeper than [`MAX_DEPTH`], if it does.
///
/// Counts, without parsing, what can nest: `[` and `{` outside quoted strings and comments, and
/// in YAML also indentation steps and the `- ` / `? ` markers that open a line. It may count a
/// little more than a parser would, never less, so it is a safe bound before parsing.
fn too_deep(block: &str, format: Format) -> Option<usize> {
    let yaml = format == Format::Yaml;
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    let mut indents: Vec<usize> = Vec::new();
    for (number, line) in block.lines().enumerate() {
        let bytes = line.as_bytes();
        let mut i = 0;
        let mut block_depth = 0;
        if yaml && quote.is_none() && flow == 0 {
            let indent = bytes.iter().take_while(|&&b| b == b' ').count();
            if indent < bytes.len() && bytes[indent] != b'#' {
                while indents.last().is_some_and(|&top| top >= indent) {
                    indents.pop();
                }
                indents.push(indent);
            }
            i = indent;
            // `- - - x`: each marker opens a level.
            while i < bytes.len() && matches!(bytes[i], b'-' | b'?') && bytes.get(i + 1).is_none_or(|&b| b == b' ') {
                block_depth += 1;
                i += 2;
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            block_depth += indents.len();
        }
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(b'"') if b == b'\\' => i += 1,
                Some(_) => {}
                None => match b {
                    b'"' | b'\'' if !yaml || scalar_start(bytes, i) => quote = Some(b),
                    b'#' if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' || !yaml => break,
                    b'[' | b'{' => {
                        flow += 1;
                        if flow + block_depth > MAX_DEPTH {
                            return Some(number);
                        }
                    }
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            i += 1;
        }
        if flow + block_depth > MAX_DEPTH {
            return Some(number);
        }
    }
    None
}

/// Whether a YAML quote at `i` opens a quoted scalar (rather than being part of a plain one).
fn scalar_start(bytes: &[u8], i: usize) -> bool {
    let before = bytes[..i].iter().rev().find(|&&b| b != b' ' && b != b'\t');
    before.is_none_or(|b| matches!(b, b':' | b'[' | b'{' | b',' | b'-' | b'?' | b'&' | b'!'))
}

/// The line of each top-level key, found by scanning unindented `key =` / `key:` lines.
fn key_lines<'a>(split: &Split<'a>) -> Vec<(&'a str, usize)> {
    let separator = if split.format == Format::Toml { '=' } else { ':' };
    let mut lines = Vec::new();
    for (i, line) in split.block.lines().enumerate() {
        if split.format == Format::Toml && line.starts_with('[') {
            break; // later keys belong to a table, not the top level
        }
        if line.starts_with(char::is_whitespace) || line.starts_with('#') {
            continue;
        }
        if let Some((key, _)) = line.split_once(separator) {
            let key = key.trim().trim_matches(['"', '\'']);
            if !lines.iter().any(|(k, _)| *k == key) {
                lines.push((key, split.block_line + i));
            }
        }
    }
    lines
}

/// Line and column (1-based, in characters) of each item of the list whose key is on
/// `key_line` of `text`: an inline list (`["a", "b"]`, TOML or YAML, over several lines too)
/// or a YAML block list (`- a` lines). Quoted items are placed at their opening quote.
/// Empty unless exactly `count` items are found.
pub fn list_items(text: &str, key_line: usize, count: usize) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = key_line.checked_sub(1).and_then(|i| lines.get(i)) else { return Vec::new() };
    let Some(after) = first.find(['=', ':']) else { return Vec::new() };
    let mut found = Vec::new();
    let rest = first[after + 1..].trim_start();
    if rest.is_empty() || rest.starts_with('#') {
        // A YAML block list: `- id` lines below the key.
        for (i, line) in lines.iter().enumerate().skip(key_line) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            // `- id`; the closing `---` fence or any other line ends the list.
            let Some(item) = trimmed.strip_prefix('-').filter(|i| i.starts_with([' ', '\t'])) else { break };
            let indent = line.chars().count() - trimmed.chars().count();
            let gap = item.chars().count() - item.trim_start().chars().count();
            found.push((i + 1, indent + 1 + gap + 1));
        }
    } else {
        // An inline list, from its `[` to its `]`.
        let (mut depth, mut quote, mut escaped, mut in_item) = (0usize, None::<char>, false, false);
        'lines: for (i, line) in lines.iter().enumerate().skip(key_line - 1) {
            let start = if i + 1 == key_line { first[..after + 1].chars().count() } else { 0 };
            for (col, c) in line.chars().enumerate().skip(start) {
                if let Some(q) = quote {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' if q == '"' => escaped = true,
                        _ if c == q => quote = None,
                        _ => {}
                    }
                    continue;
                }
                match c {
                    '#' => continue 'lines,
                    '[' => depth += 1,
                    ']' if depth <= 1 => break 'lines,
                    ']' => depth -= 1,
                    ',' => in_item = false,
                    _ if depth == 0 || c.is_whitespace() => {}
                    _ => {
                        if !in_item && depth == 1 {
                            found.push((i + 1, col + 1));
                        }
                        in_item = true;
                        if c == '"' || c == '\'' {
                            quote = Some(c);
                        }
                    }
                }
            }
        }
    }
    if found.len() == count {
        found
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_item_of_a_list_in_the_file() {
        let toml = "+++\ntitle = \"K\"\nindicators = [\"a\", 'b,]',  \"c\\\"\"]\n+++\n";
        assert_eq!(list_items(toml, 3, 3), [(3, 15), (3, 20), (3, 28)]);
        let multi = "+++\nindicators = [\n  \"a\", # một\n  \"b\",\n]\n+++\n";
        assert_eq!(list_items(multi, 2, 2), [(3, 3), (4, 3)]);
        let yaml = "---\nindicators:\n  - a\n  -   \"b\"\ntitle: K\n---\n";
        assert_eq!(list_items(yaml, 2, 2), [(3, 5), (4, 7)]);
        assert_eq!(list_items("---\nindicators:\n- a\n---\n", 2, 1), [(3, 3)], "the fence is no item");
        assert_eq!(list_items("---\nindicators: [a, b]\n---\n", 2, 2), [(2, 14), (2, 17)]);
        assert!(list_items(toml, 3, 2).is_empty(), "a count that does not match finds nothing");
    }

    #[test]
    fn splits_toml_and_counts_lines_in_the_whole_file() {
        let text = "+++\ntitle = \"A\"\ndate = 2024-04-21\n+++\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        let fields = parse(&s).unwrap();
        assert_eq!(fields[1].key, "date");
        assert_eq!(fields[1].value, Value::String("2024-04-21".into()));
        assert_eq!(fields[1].line, 3);
    }

    #[test]
    fn splits_yaml() {
        let text = "---\ntitle: A\ntags:\n  - x\n---\n";
        let s = split(text).unwrap();
        let fields = parse(&s).unwrap();
        assert_eq!(fields[1].key, "tags");
        assert_eq!(fields[1].line, 3);
        assert_eq!(fields[1].value, serde_json::json!(["x"]));
    }

    #[test]
    fn syntax_errors_name_the_line_in_the_file() {
        let text = "+++\ntitle = \"A\"\ndate = = 3\n+++\n";
        let (line, problem) = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(line, 3);
        assert!(matches!(problem, Problem::Syntax { format: "TOML", .. }));
        let text = "---\ntitle: A\n  bad: : x\n---\n";
        let (line, _) = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(line, 3);
    }

    #[test]
    fn unquoted_day_first_dates_and_text_get_a_fix() {
        let text = "+++\ntitle = \"A\"\ndate = 21/04/2024\n+++\n";
        let (line, problem) = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(line, 3);
        assert_eq!(
            problem,
            Problem::BadDate { field: "date".into(), value: "21/04/2024".into(), rewritten: Some("2024-04-21".into()) }
        );
        let text = "+++\ntitle = \"A\"\ncommune = Xã Mỹ Hòa\n+++\n";
        let (_, problem) = parse(&split(text).unwrap()).unwrap_err();
        assert!(matches!(problem, Problem::Syntax { fix: Some(f), .. } if f == "commune = \"Xã Mỹ Hòa\""));
    }

    #[test]
    fn deep_nesting_is_refused_fast_at_its_line() {
        let deep = 100_000;
        let cases = [
            format!("---\ntitle: A\ntags: {}\n---\n", "[".repeat(deep)),
            format!("---\ntitle: A\ntags: {}]\n---\n", "[".repeat(deep)),
            format!("---\ntitle: A\ntags: {}1\n---\n", "- ".repeat(deep)),
            format!("---\ntitle: A\ntags:\n{}1\n---\n", "- ".repeat(deep)),
            format!("---\ntitle: A\ntags: {}\n---\n", "{a: ".repeat(deep)),
            format!(
                "---\ntitle: A\ntags:\n{}\n---\n",
                (0..1000).map(|i| format!("{}a:", " ".repeat(i))).collect::<Vec<_>>().join("\n")
            ),
            format!("+++\ntitle = \"A\"\ntags = {}\n+++\n", "[".repeat(deep)),
            format!("+++\ntitle = \"A\"\ntags = {}1{}\n+++\n", "[".repeat(deep), "]".repeat(deep)),
            format!("+++\ntitle = \"A\"\ntags = {}\n+++\n", "{a = ".repeat(deep)),
            format!("+++\ntitle = \"A\"\ntags = {}1{}\n+++\n", "{a = ".repeat(deep), "}".repeat(deep)),
        ];
        for text in cases {
            let start = std::time::Instant::now();
            let (line, problem) = parse(&split(&text).unwrap()).unwrap_err();
            assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?} for {}", start.elapsed(), &text[..40]);
            assert!(line == 3 || line == 4 || line == MAX_DEPTH + 4, "{line}: {problem:?} for {}", &text[..40]);
            assert!(
                matches!(problem, Problem::NestedTooDeep { limit: MAX_DEPTH, .. } | Problem::Syntax { .. }),
                "{problem:?}"
            );
        }
    }

    #[test]
    fn the_depth_bound_counts_nesting_and_not_brackets_in_text() {
        let ok = |block: &str, format| assert_eq!(too_deep(block, format), None, "{block}");
        let deep = |block: &str, format, line| assert_eq!(too_deep(block, format), Some(line), "{block}");
        let brackets = "[".repeat(MAX_DEPTH + 1);
        ok(&format!("title = \"{brackets}\"\nx = '{brackets}'\n# {brackets}\n"), Format::Toml);
        ok(&format!("title: \"{brackets}\"\nx: '{brackets}'\n# {brackets}\ny: a # {brackets}\n"), Format::Yaml);
        ok(&format!("tags = {}1{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH)), Format::Toml);
        ok("title: A\ntags:\n  - a\n  - b\nx:\n  y:\n    z: 1\n", Format::Yaml);
        ok("title: Nguyen's [day\nx: 1\n", Format::Yaml);
        deep(&format!("title = \"A\"\ntags = {brackets}\n"), Format::Toml, 1);
        deep(&format!("title: it's\ntags: {brackets}\n"), Format::Yaml, 1);
        deep(&format!("a: 1\nb:\n  {}1\n", "- ".repeat(MAX_DEPTH + 1)), Format::Yaml, 2);
        deep(&format!("{}1\n", "- ".repeat(MAX_DEPTH + 1)), Format::Yaml, 0);
        let stairs: Vec<String> = (0..=MAX_DEPTH).map(|i| format!("{}a:", " ".repeat(i))).collect();
        deep(&stairs.join("\n"), Format::Yaml, MAX_DEPTH);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from(
            "---\ntitle: A\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, prev) in
            ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            text.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
        }
        text.push_str("---\n");
        let start = std::time::Instant::now();
        let (_, problem) = parse(&split(&text).unwrap()).unwrap_err();
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(matches!(problem, Problem::Syntax { format: "YAML", .. }), "{problem:?}");
    }

    #[test]
    fn refuses_missing_and_unclosed_front_matter() {
        assert_eq!(split("# Title\n").unwrap_err(), (1, Problem::MissingFrontMatter));
        assert_eq!(split("+++\ntitle = \"x\"\n").unwrap_err(), (1, Problem::UnclosedFrontMatter { fence: "+++" }));
    }
}
