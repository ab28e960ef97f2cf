//! Loading indicator data files (JSON and Open SDG style CSV) from the folders of sections
//! with `kind = "indicators"`, checking every field and reporting every problem of every file
//! with its file, line, column and JSON path.
//!
//! JSON is parsed to untyped values first so that checking does not stop at the first error;
//! an object without problems is then deserialized into the typed [`Indicator`], which
//! rejects unknown fields as a last guard.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::csv;
use super::locate::{index, join, Spots};
use super::problem::{IndicatorProblem, JsonType};
use super::schema::*;
use super::Entry;
use crate::content::{Asset, Content, Kind};
use crate::diagnostics::{nearest, Diagnostic, Diagnostics, Location, Problem};
use crate::slug::{is_slug, slugify};

/// A data file found under an indicators section.
struct DataFile {
    /// Path shown in messages (`content/chi-so/a.json`).
    shown: PathBuf,
    /// Absolute path.
    source: PathBuf,
    /// The section it belongs to.
    section: usize,
}

/// An error at a location.
fn error(location: Location, problem: IndicatorProblem) -> Diagnostic {
    Diagnostic::error(location, Problem::Indicator(problem))
}

/// What loading found: good indicators, the ids of indicators that had problems (so that
/// references to them are not reported a second time), and every problem.
pub struct Loaded {
    /// Indicators without problems.
    pub entries: Vec<Entry>,
    /// Ids of indicators left out because of their problems.
    pub failed: Vec<String>,
    /// Every problem of every file.
    pub problems: Diagnostics,
    /// Every data file read (absolute paths), for whatever must notice their changes.
    pub sources: Vec<PathBuf>,
}

/// Takes the `.json` and `.csv` files of indicator sections out of the content assets (they
/// are data, not files to copy) and loads them. Drafts are left out unless `drafts`; their
/// ids join `failed`, so plans and pages naming them are not reported.
pub fn load(content: &mut Content, drafts: bool) -> Loaded {
    let files = take_data_files(content);
    let mut problems = Diagnostics::new();
    let mut failed = Vec::new();
    let mut entries = Vec::new();
    let mut value_lines: Vec<Vec<usize>> = Vec::new();
    for file in files.iter().filter(|f| f.shown.extension().is_some_and(|e| e == "json")) {
        let Some(text) = read(file, &mut problems) else { continue };
        for (indicator, line, lines) in load_json(&file.shown, &text, &mut problems, &mut failed) {
            entries.push(Entry::new(indicator, file.shown.clone(), line, file.section));
            value_lines.push(lines);
        }
    }
    check_unique_ids(&entries, &mut problems);
    for file in files.iter().filter(|f| f.shown.extension().is_some_and(|e| e == "csv")) {
        let Some(text) = read(file, &mut problems) else { continue };
        merge_csv(file, &text, &mut entries, &mut value_lines, &mut problems);
    }
    for entry in &mut entries {
        entry.finish();
    }
    // Checked and merged like the others first, so a draft's mistakes show before it is published.
    let (hidden, entries): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.indicator.draft && !drafts);
    failed.extend(hidden.into_iter().map(|e| e.indicator.id));
    let sources = files.into_iter().map(|f| f.source).collect();
    Loaded { entries, failed, problems, sources }
}

/// Removes data files from `content.assets`, returning them sorted by path.
fn take_data_files(content: &mut Content) -> Vec<DataFile> {
    let sections = &content.sections;
    let section_of = |dir: &str| (0..sections.len()).rev().find(|&i| is_ancestor(&sections[i].dir, dir)).unwrap_or(0);
    let is_data = |asset: &Asset| {
        let ext = asset.name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        matches!(ext.as_deref(), Some("json" | "csv")) && sections[section_of(&asset.dir)].kind == Kind::Indicators
    };
    let (data, assets): (Vec<Asset>, Vec<Asset>) = std::mem::take(&mut content.assets).into_iter().partition(is_data);
    content.assets = assets;
    let mut files: Vec<DataFile> = data
        .into_iter()
        .map(|a| DataFile {
            shown: Path::new("content").join(&a.dir).join(&a.name),
            section: section_of(&a.dir),
            source: a.source,
        })
        .collect();
    files.sort_by(|a, b| a.shown.cmp(&b.shown));
    files
}

/// Whether folder `ancestor` contains folder `dir` (or is it); `""` contains everything.
fn is_ancestor(ancestor: &str, dir: &str) -> bool {
    ancestor.is_empty()
        || dir == ancestor
        || (dir.starts_with(ancestor) && dir.as_bytes().get(ancestor.len()) == Some(&b'/'))
}

fn read(file: &DataFile, problems: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(&file.source) {
        Ok(bytes) => bytes,
        Err(e) => {
            let problem = Problem::Io { write: false, reason: crate::diagnostics::IoReason::of(&e) };
            problems.push(Diagnostic::error(Location::file(&file.shown), problem));
            return None;
        }
    };
    match crate::fs::decode_text(&file.shown, bytes) {
        Ok(text) => Some(text),
        Err(error) => {
            problems.append(&mut error.to_diagnostics());
            None
        }
    }
}

/// Parses one JSON file: an indicator or a list of them. Returns each good indicator with
/// the line of its `id` and the line of each of its values.
pub fn load_json(
    shown: &Path,
    text: &str,
    problems: &mut Diagnostics,
    failed: &mut Vec<String>,
) -> Vec<(Indicator, usize, Vec<usize>)> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let location = Location { path: shown.to_path_buf(), line: Some(e.line()), column: Some(e.column()) };
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            problems.push(error(location, IndicatorProblem::Syntax { message }));
            return Vec::new();
        }
    };
    let spots = Spots::scan(text);
    let mut checker = Checker { path: shown, spots: &spots, problems: Diagnostics::new() };
    let items: Vec<(String, &Value)> = match &value {
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (index("", i), v)).collect(),
        other => vec![(String::new(), other)],
    };
    let mut found = Vec::new();
    for (path, v) in items {
        match checker.indicator(v, &path) {
            Some(indicator) => found.push(indicator),
            None => failed.extend(v.get("id").and_then(Value::as_str).map(String::from)),
        }
    }
    problems.append(&mut checker.problems);
    found
}

/// Checks untyped JSON field by field, collecting problems with their locations.
struct Checker<'a> {
    path: &'a Path,
    spots: &'a Spots,
    problems: Diagnostics,
}

impl Checker<'_> {
    fn location(&self, spot: Option<super::locate::Spot>) -> Location {
        Location { path: self.path.to_path_buf(), line: spot.map(|s| s.line), column: spot.map(|s| s.column) }
    }

    /// A problem located at the value of `path`.
    fn at_value(&mut self, path: &str, problem: IndicatorProblem) {
        let location = self.location(self.spots.value(path));
        self.problems.push(error(location, problem));
    }

    /// A problem located at the key of `path`.
    fn at_key(&mut self, path: &str, problem: IndicatorProblem) {
        let location = self.location(self.spots.key(path));
        self.problems.push(error(location, problem));
    }

    fn line(&self, path: &str) -> usize {
        self.spots.key(path).map_or(1, |s| s.line)
    }

    /// The object at `path`, with unknown and missing fields reported.
    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        known: &'static [&'static str],
        required: &[&'static str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.at_value(path, IndicatorProblem::WrongType { path: path.into(), expected: JsonType::Object });
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                let suggestion = nearest(key, known.iter().copied().filter(|k| !k.starts_with('$')));
                let field = join(path, key);
                self.at_key(&field.clone(), IndicatorProblem::UnknownField { path: field, suggestion });
            }
        }
        for field in required {
            if !map.contains_key(*field) {
                self.at_value(path, IndicatorProblem::MissingField { path: path.into(), field });
            }
        }
        Some(map)
    }

    fn text<'v>(&mut self, map: &'v Map<String, Value>, path: &str, key: &str) -> Option<&'v str> {
        let value = map.get(key)?;
        let field = join(path, key);
        match value.as_str() {
            Some(text) if text.trim().is_empty() => {
                self.at_value(&field.clone(), IndicatorProblem::Empty { path: field });
                None
            }
            Some(text) => Some(text),
            None => {
                self.at_value(&field.clone(), IndicatorProblem::WrongType { path: field, expected: JsonType::Text });
                None
            }
        }
    }

    fn year(&mut self, map: &Map<String, Value>, path: &str) -> Option<i32> {
        let value = map.get("year")?;
        let field = join(path, "year");
        let Some(year) = value.as_i64() else {
            self.at_value(&field.clone(), IndicatorProblem::WrongType { path: field, expected: JsonType::Year });
            return None;
        };
        if !YEARS.contains(&year) {
            self.at_value(&field.clone(), IndicatorProblem::YearOutOfRange { path: field, year });
            return None;
        }
        i32::try_from(year).ok()
    }

    fn number(&mut self, map: &Map<String, Value>, path: &str, percent: bool) -> Option<f64> {
        let value = map.get("value")?;
        let field = join(path, "value");
        let Some(number) = value.as_f64() else {
            self.at_value(&field.clone(), IndicatorProblem::WrongType { path: field, expected: JsonType::Number });
            return None;
        };
        if !number.is_finite() || number.abs() > VALUE_LIMIT {
            self.at_value(&field.clone(), IndicatorProblem::ValueOutOfRange { path: field, value: value.to_string() });
            return None;
        }
        if percent && !(0.0..=100.0).contains(&number) {
            self.at_value(
                &field.clone(),
                IndicatorProblem::PercentOutOfRange { path: field, value: value.to_string() },
            );
            return None;
        }
        Some(number)
    }

    /// Checks one indicator object; returns it when it has no problem.
    fn indicator(&mut self, value: &Value, path: &str) -> Option<(Indicator, usize, Vec<usize>)> {
        let before = self.problems.len();
        let map = self.object(value, path, INDICATOR_FIELDS, INDICATOR_REQUIRED)?;
        self.id(map, path);
        for key in ["$schema", "title", "group", "unit", "source", "notes"] {
            self.text(map, path, key);
        }
        for key in ["sample", "draft"] {
            if map.get(key).is_some_and(|v| !v.is_boolean()) {
                let field = join(path, key);
                self.at_value(&field.clone(), IndicatorProblem::WrongType { path: field, expected: JsonType::Bool });
            }
        }
        if let Some(direction) = self.text(map, path, "direction") {
            if !DIRECTIONS.contains(&direction) {
                let field = join(path, "direction");
                let problem =
                    IndicatorProblem::NotOneOf { path: field.clone(), value: direction.into(), allowed: DIRECTIONS };
                self.at_value(&field, problem);
            }
        }
        let percent = map.get("unit").and_then(Value::as_str).is_some_and(|u| u.trim() == "%");
        let baseline = map.get("baseline").and_then(|b| self.point(b, &join(path, "baseline"), percent));
        self.targets(map, path, percent, baseline);
        let value_lines = self.values(map, path, percent);
        if self.problems.len() > before {
            return None;
        }
        match serde_json::from_value::<Indicator>(value.clone()) {
            Ok(indicator) => Some((indicator, self.line(&join(path, "id")), value_lines)),
            Err(e) => {
                // The checks above mirror the structs; this only fires if they drift apart.
                let problem = IndicatorProblem::Syntax { message: e.to_string() };
                self.at_value(path, problem);
                None
            }
        }
    }

    fn id(&mut self, map: &Map<String, Value>, path: &str) {
        let Some(id) = self.text(map, path, "id") else { return };
        if !is_slug(id) {
            let field = join(path, "id");
            let suggestion = Some(slugify(id)).filter(|s| !s.is_empty()).unwrap_or_else(|| "chi-so".into());
            self.at_value(&field.clone(), IndicatorProblem::BadId { path: field, value: id.into(), suggestion });
        }
    }

    /// A baseline or target object: `(year, value)` when both are good.
    fn point(&mut self, value: &Value, path: &str, percent: bool) -> Option<(i32, f64)> {
        let map = self.object(value, path, POINT_FIELDS, &["year", "value"])?;
        self.text(map, path, "note");
        let year = self.year(map, path);
        let number = self.number(map, path, percent);
        Some((year?, number?))
    }

    fn list<'v>(&mut self, map: &'v Map<String, Value>, path: &str, key: &str) -> &'v [Value] {
        let Some(value) = map.get(key) else { return &[] };
        match value.as_array() {
            Some(items) => items,
            None => {
                let field = join(path, key);
                self.at_value(&field.clone(), IndicatorProblem::WrongType { path: field, expected: JsonType::List });
                &[]
            }
        }
    }

    fn targets(&mut self, map: &Map<String, Value>, path: &str, percent: bool, baseline: Option<(i32, f64)>) {
        let list = join(path, "targets");
        let mut seen: Vec<i32> = Vec::new();
        for (i, item) in self.list(map, path, "targets").iter().enumerate() {
            let item_path = index(&list, i);
            let Some((year, _)) = self.point(item, &item_path, percent) else { continue };
            let year_path = join(&item_path, "year");
            if seen.contains(&year) {
                self.at_value(&year_path.clone(), IndicatorProblem::DuplicateTarget { path: year_path.clone(), year });
            }
            seen.push(year);
            if let Some((base_year, _)) = baseline.filter(|(b, _)| year <= *b) {
                let problem =
                    IndicatorProblem::TargetBeforeBaseline { path: year_path.clone(), year, baseline: base_year };
                self.at_value(&year_path, problem);
            }
        }
    }

    /// Checks `values`; returns the line of each.
    fn values(&mut self, map: &Map<String, Value>, path: &str, percent: bool) -> Vec<usize> {
        let list = join(path, "values");
        let mut seen: HashMap<(i32, String), usize> = HashMap::new();
        let mut lines = Vec::new();
        for (i, item) in self.list(map, path, "values").iter().enumerate() {
            let item_path = index(&list, i);
            let line = self.spots.value(&item_path).map_or(1, |s| s.line);
            lines.push(line);
            let Some(fields) = self.object(item, &item_path, OBSERVATION_FIELDS, &["year", "value"]) else { continue };
            let area = match fields.get("area") {
                Some(Value::String(a)) => a.trim().to_string(),
                Some(_) => {
                    self.text(fields, &item_path, "area");
                    continue;
                }
                None => String::new(),
            };
            self.text(fields, &item_path, "note");
            let year = self.year(fields, &item_path);
            self.number(fields, &item_path, percent);
            let Some(year) = year else { continue };
            if let Some(first) = seen.insert((year, slugify(&area)), line) {
                let year_path = join(&item_path, "year");
                let area = Some(area).filter(|a| !a.is_empty());
                let first = format!("{}:{first}", self.path.display());
                self.at_value(
                    &year_path.clone(),
                    IndicatorProblem::DuplicateValue { path: year_path, year, area, first },
                );
            }
        }
        lines
    }
}

fn check_unique_ids(entries: &[Entry], problems: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Entry> = HashMap::new();
    for entry in entries {
        if let Some(first) = seen.insert(&entry.indicator.id, entry) {
            let problem = IndicatorProblem::DuplicateId { id: entry.indicator.id.clone(), other: first.file.clone() };
            problems.push(error(Location::line(&entry.file, entry.line), problem));
        }
    }
}

/// The columns of an Open SDG style CSV.
struct Columns {
    year: usize,
    value: usize,
    area: Option<usize>,
}

/// Reads a CSV file named after an indicator's id and adds its rows to that indicator's values.
fn merge_csv(
    file: &DataFile,
    text: &str,
    entries: &mut [Entry],
    value_lines: &mut [Vec<usize>],
    problems: &mut Diagnostics,
) {
    let at = |line: usize, problem| error(Location::line(&file.shown, line), problem);
    let id = file.shown.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(target) = entries.iter().position(|e| e.indicator.id == id) else {
        let suggestion = nearest(&id, entries.iter().map(|e| e.indicator.id.as_str())).map(String::from);
        problems.push(at(1, IndicatorProblem::UnknownIndicator { path: String::new(), id, suggestion }));
        return;
    };
    let separator = csv::detect_separator(text);
    let rows = match csv::parse(text, separator) {
        Ok(rows) if !rows.is_empty() => rows,
        Ok(_) => return,
        Err((line, message)) => {
            problems.push(at(line, IndicatorProblem::Csv { message }));
            return;
        }
    };
    let Some(columns) = read_header(&rows, problems, &at) else { return };
    let entry = &mut entries[target];
    let percent = entry.indicator.unit.trim() == "%";
    let mut seen: HashMap<(i32, String), String> = HashMap::new();
    for (value, line) in entry.indicator.values.iter().zip(&value_lines[target]) {
        let key = (value.year, slugify(value.area.as_deref().unwrap_or("")));
        seen.insert(key, format!("{}:{line}", entry.file.display()));
    }
    let headers = &rows[0].cells;
    for row in &rows[1..] {
        if row.cells.len() != headers.len() {
            let message = format!("line has {} cells, the header has {}", row.cells.len(), headers.len());
            problems.push(at(row.line, IndicatorProblem::Csv { message }));
            continue;
        }
        let Some(observation) = read_row(row, &columns, headers, separator, percent, problems, &at) else { continue };
        let key = (observation.year, slugify(observation.area.as_deref().unwrap_or("")));
        if let Some(first) = seen.get(&key) {
            let problem = IndicatorProblem::DuplicateValue {
                path: headers[columns.year].clone(),
                year: observation.year,
                area: observation.area.clone(),
                first: first.clone(),
            };
            problems.push(at(row.line, problem));
            continue;
        }
        seen.insert(key, format!("{}:{}", file.shown.display(), row.line));
        entry.indicator.values.push(observation);
        value_lines[target].push(row.line);
    }
}

/// Finds the `Year`, `Value` and `area` columns; any other column must be blank.
fn read_header(
    rows: &[csv::Row],
    problems: &mut Diagnostics,
    at: &dyn Fn(usize, IndicatorProblem) -> Diagnostic,
) -> Option<Columns> {
    let headers = &rows[0].cells;
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&slugify(h).as_str()));
    let year = find(&["year", "nam"]);
    let value = find(&["value", "gia-tri"]);
    let area = find(&["area", "dia-ban", "xa", "xa-phuong", "commune"]);
    for (i, header) in headers.iter().enumerate() {
        let used = [year, value, area].contains(&Some(i));
        if !used && rows[1..].iter().any(|r| r.cells.get(i).is_some_and(|c| !c.is_empty())) {
            problems.push(at(rows[0].line, IndicatorProblem::UnsupportedColumn { column: header.clone() }));
        }
    }
    match (year, value) {
        (Some(year), Some(value)) => Some(Columns { year, value, area }),
        _ => {
            let message = format!("the header `{}` needs a `Year` and a `Value` column", headers.join(","));
            problems.push(at(rows[0].line, IndicatorProblem::Csv { message }));
            None
        }
    }
}

fn read_row(
    row: &csv::Row,
    columns: &Columns,
    headers: &[String],
    separator: char,
    percent: bool,
    problems: &mut Diagnostics,
    at: &dyn Fn(usize, IndicatorProblem) -> Diagnostic,
) -> Option<Observation> {
    let year_text = &row.cells[columns.year];
    let value_text = &row.cells[columns.value];
    if value_text.is_empty() {
        return None; // Open SDG: a blank value is a missing value
    }
    let year = match year_text.parse::<i64>() {
        Ok(year) if YEARS.contains(&year) => i32::try_from(year).ok(),
        Ok(year) => {
            problems.push(at(row.line, IndicatorProblem::YearOutOfRange { path: headers[columns.year].clone(), year }));
            None
        }
        Err(_) => {
            let problem = IndicatorProblem::WrongType { path: headers[columns.year].clone(), expected: JsonType::Year };
            problems.push(at(row.line, problem));
            None
        }
    };
    // Spreadsheets that separate cells with `;` write decimals with a comma.
    let normalized = if separator == ',' { value_text.clone() } else { value_text.replace(',', ".") };
    let value = match normalized.parse::<f64>() {
        Ok(v) if v.is_finite() && percent && !(0.0..=100.0).contains(&v) => {
            let problem =
                IndicatorProblem::PercentOutOfRange { path: headers[columns.value].clone(), value: value_text.clone() };
            problems.push(at(row.line, problem));
            None
        }
        Ok(v) if v.is_finite() && v.abs() > VALUE_LIMIT => {
            let problem =
                IndicatorProblem::ValueOutOfRange { path: headers[columns.value].clone(), value: value_text.clone() };
            problems.push(at(row.line, problem));
            None
        }
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            let problem =
                IndicatorProblem::WrongType { path: headers[columns.value].clone(), expected: JsonType::Number };
            problems.push(at(row.line, problem));
            None
        }
    };
    let area = columns.area.map(|i| row.cells[i].clone()).filter(|a| !a.is_empty());
    Some(Observation { year: year?, value: value?, area, note: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> Vec<(usize, usize, String)> {
        let mut problems = Diagnostics::new();
        load_json(Path::new("a.json"), text, &mut problems, &mut Vec::new());
        problems
            .into_iter()
            .map(|d| {
                let Problem::Indicator(p) = &d.problem else { panic!("{d:?}") };
                let (message, _) = p.describe(crate::Language::En);
                (d.location.line.unwrap_or(0), d.location.column.unwrap_or(0), message)
            })
            .collect()
    }

    #[test]
    fn can_load_a_valid_indicator_and_a_list() {
        let mut problems = Diagnostics::new();
        let one = r#"{ "id": "a", "title": "A", "unit": "%", "values": [ { "year": 2022, "value": 41 } ] }"#;
        let found = load_json(Path::new("a.json"), one, &mut problems, &mut Vec::new());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found[0].0.values[0].value, 41.0);
        let list = format!("[{one},\n{}]", one.replace("\"a\"", "\"b\""));
        let found = load_json(Path::new("a.json"), &list, &mut problems, &mut Vec::new());
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].1, 2);
    }

    #[test]
    fn reports_every_problem_of_a_file_with_line_column_and_path() {
        let text = r#"{
  "id": "Năng lực",
  "title": "A",
  "unit": "%",
  "colour": "red",
  "direction": "up",
  "baseline": { "year": 2021, "value": 35.2 },
  "targets": [ { "year": 2020, "value": 70 }, { "year": 2025, "value": 170 } ],
  "values": [
    { "year": 2022, "value": "41,0" },
    { "year": 1800, "value": 40 },
    { "year": 2023, "value": 47.5, "area": "Xã Mỹ Hòa" },
    { "year": 2023, "value": 48, "area": "Xã Mỹ Hoà" }
  ]
}"#;
        let mut found = problems_of(text);
        found.sort();
        let expect = [
            (2, 9, "id `Năng lực` may only hold"),
            (5, 3, "unknown field `colour`"),
            (6, 16, "`direction`: `up` is not allowed"),
            (8, 26, "`targets[0].year`: target year 2020 is not after the baseline year 2021"),
            (8, 72, "`targets[1].value`: percentage 170 is outside 0–100"),
            (10, 30, "`values[0].value`: has the wrong type"),
            (11, 15, "`values[1].year`: year 1800 is outside 1900–2100"),
            (13, 15, "`values[3].year`: duplicate value for Xã Mỹ Hoà in 2023 (already given at a.json:12)"),
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for ((line, column, message), (l, c, m)) in found.iter().zip(expect) {
            assert_eq!((*line, *column), (l, c), "{message}");
            assert!(message.contains(m), "{message} should contain {m}");
        }
    }

    #[test]
    fn refuses_values_too_large_for_any_report() {
        let text = "{ \"id\": \"a\", \"title\": \"A\", \"unit\": \"xã\",\n  \"baseline\": { \"year\": 2020, \"value\": -1e308 },\n  \"values\": [\n    { \"year\": 2021, \"value\": 1e15 }, { \"year\": 2022, \"value\": 0 },\n    { \"year\": 2023, \"value\": -3 }, { \"year\": 2024, \"value\": 1e308 }\n  ] }";
        let found = problems_of(text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            (found[0].0, found[0].2.as_str()),
            (2, "`baseline.value`: value -1e+308 is too large (beyond ±10^15)")
        );
        assert_eq!(
            (found[1].0, found[1].2.as_str()),
            (5, "`values[3].value`: value 1e+308 is too large (beyond ±10^15)")
        );
    }

    #[test]
    fn missing_fields_point_at_their_object() {
        let found = problems_of("[\n {\"id\": \"a\"},\n {\"id\": \"b\", \"title\": \"B\", \"unit\": \"xã\", \"values\": [{\"value\": 1}]}\n]");
        assert_eq!(found[0], (2, 2, "missing required field `[0].title`".to_string()));
        assert_eq!(found[1], (2, 2, "missing required field `[0].unit`".to_string()));
        assert_eq!(found[2], (3, 53, "missing required field `[1].values[0].year`".to_string()));
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let found = problems_of("{\n  \"id\": \"a\",\n  \"title\": \"A\"\n  \"unit\": \"%\"\n}");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (4, 3));
        assert!(found[0].2.starts_with("invalid JSON: expected `,` or `}`"), "{}", found[0].2);
    }
}
