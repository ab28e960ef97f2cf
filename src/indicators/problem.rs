//! What can be wrong with indicator data, worded in Vietnamese and English.
//!
//! [`crate::diagnostics::Problem::Indicator`] wraps these, so the CLI prints them like every
//! other content problem: `content/chi-so/a.json:14:7: lỗi: values[3].year: …`.

use std::path::PathBuf;

use crate::language::Language;

/// The JSON type a field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// A string in quotes.
    Text,
    /// A number (integer or decimal).
    Number,
    /// A whole-number year.
    Year,
    /// `true` or `false`.
    Bool,
    /// An object `{ … }`.
    Object,
    /// A list `[ … ]`.
    List,
}

impl JsonType {
    fn describe(self, lang: Language) -> &'static str {
        match self {
            JsonType::Text => lang.pick(
                "một chuỗi chữ trong ngoặc kép, ví dụ \"Phòng Giáo dục và Đào tạo\"",
                "text in quotes, e.g. \"Education Office\"",
            ),
            JsonType::Number => lang.pick(
                "một số viết bằng dấu chấm thập phân, không có ngoặc kép, ví dụ 35.2",
                "a number with a decimal point and no quotes, e.g. 35.2",
            ),
            JsonType::Year => lang.pick(
                "một năm (số nguyên, không có ngoặc kép), ví dụ 2024",
                "a year (a whole number without quotes), e.g. 2024",
            ),
            JsonType::Bool => lang.pick("true hoặc false", "true or false"),
            JsonType::Object => lang
                .pick("một đối tượng { \"year\": 2024, \"value\": 40 }", "an object { \"year\": 2024, \"value\": 40 }"),
            JsonType::List => lang.pick("một danh sách [ … ]", "a list [ … ]"),
        }
    }
}

/// One problem in an indicator data file or in a reference to an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorProblem {
    /// The JSON parser refused the file.
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A field the format does not have.
    UnknownField {
        /// JSON path of the field, e.g. `values[2].yaer`.
        path: String,
        /// The nearest known field.
        suggestion: Option<&'static str>,
    },
    /// A field holds the wrong JSON type.
    WrongType {
        /// JSON path.
        path: String,
        /// What it should hold.
        expected: JsonType,
    },
    /// A required field is absent.
    MissingField {
        /// JSON path of the object missing it (empty for the top level).
        path: String,
        /// The field.
        field: &'static str,
    },
    /// A field's text is empty.
    Empty {
        /// JSON path.
        path: String,
    },
    /// An `id` that cannot be part of a URL.
    BadId {
        /// JSON path.
        path: String,
        /// The id as written.
        value: String,
        /// A valid id close to it.
        suggestion: String,
    },
    /// A value outside an allowed set.
    NotOneOf {
        /// JSON path.
        path: String,
        /// The value as written.
        value: String,
        /// The allowed values.
        allowed: &'static [&'static str],
    },
    /// A year before 1900 or after 2100.
    YearOutOfRange {
        /// JSON path (or CSV column).
        path: String,
        /// The year.
        year: i64,
    },
    /// A percentage below 0 or above 100.
    PercentOutOfRange {
        /// JSON path (or CSV column).
        path: String,
        /// The value as written.
        value: String,
    },
    /// A value beyond ±10¹⁵ ([`super::schema::VALUE_LIMIT`]), which no report holds.
    ValueOutOfRange {
        /// JSON path (or CSV column).
        path: String,
        /// The value as written.
        value: String,
    },
    /// Two values for one year and area.
    DuplicateValue {
        /// JSON path (or CSV column).
        path: String,
        /// The year.
        year: i32,
        /// The area, or `None` for the whole area of the portal.
        area: Option<String>,
        /// Where the first one is (`path:line`).
        first: String,
    },
    /// Two targets for one year.
    DuplicateTarget {
        /// JSON path.
        path: String,
        /// The year.
        year: i32,
    },
    /// A target dated in or before the baseline year.
    TargetBeforeBaseline {
        /// JSON path.
        path: String,
        /// The target's year.
        year: i32,
        /// The baseline's year.
        baseline: i32,
    },
    /// Two indicators with one id.
    DuplicateId {
        /// The id.
        id: String,
        /// The other file.
        other: PathBuf,
    },
    /// A plan, shortcode or CSV file names an indicator that does not exist.
    UnknownIndicator {
        /// Where it is named: `indicators[2]` in a plan; empty for a shortcode or CSV file.
        path: String,
        /// The id as written.
        id: String,
        /// The nearest existing id.
        suggestion: Option<String>,
    },
    /// A CSV file that cannot be read as `Year, [area], Value`.
    Csv {
        /// What is wrong.
        message: String,
    },
    /// A CSV column other than `Year`, `Value` and `area` that holds data.
    UnsupportedColumn {
        /// The column header.
        column: String,
    },
}

impl IndicatorProblem {
    /// The message and optional help, in `lang`.
    pub fn describe(&self, lang: Language) -> (String, Option<String>) {
        let pick = |v: String, e: String| lang.pick(v, e);
        let at = |path: &str| if path.is_empty() { String::new() } else { format!("`{path}`: ") };
        match self {
            IndicatorProblem::Syntax { message } => (
                pick(format!("tệp JSON không hợp lệ: {message}"), format!("invalid JSON: {message}")),
                Some(pick(
                    "kiểm tra dấu phẩy, ngoặc và ngoặc kép quanh vị trí này".into(),
                    "check the commas, brackets and quotes around this place".into(),
                )),
            ),
            IndicatorProblem::UnknownField { path, suggestion } => (
                pick(
                    format!("trường `{path}` không có trong định dạng chỉ số"),
                    format!("unknown field `{path}` in an indicator"),
                ),
                suggestion.map(|s| pick(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?"))),
            ),
            IndicatorProblem::WrongType { path, expected } => (
                pick(format!("{}sai kiểu dữ liệu", at(path)), format!("{}has the wrong type", at(path))),
                Some(pick(
                    format!("cần {}", expected.describe(Language::Vi)),
                    format!("expected {}", expected.describe(Language::En)),
                )),
            ),
            IndicatorProblem::MissingField { path, field } => {
                let full = if path.is_empty() { field.to_string() } else { format!("{path}.{field}") };
                (pick(format!("thiếu trường bắt buộc `{full}`"), format!("missing required field `{full}`")), None)
            }
            IndicatorProblem::Empty { path } => {
                (pick(format!("{}không được để trống", at(path)), format!("{}must not be empty", at(path))), None)
            }
            IndicatorProblem::BadId { path, value, suggestion } => (
                pick(
                    format!("{}mã `{value}` chỉ được chứa chữ thường không dấu, số và dấu `-`", at(path)),
                    format!("{}id `{value}` may only hold lowercase ASCII letters, digits and `-`", at(path)),
                ),
                Some(pick(format!("viết \"{suggestion}\""), format!("write \"{suggestion}\""))),
            ),
            IndicatorProblem::NotOneOf { path, value, allowed } => (
                pick(
                    format!("{}giá trị `{value}` không hợp lệ", at(path)),
                    format!("{}`{value}` is not allowed", at(path)),
                ),
                Some(pick(
                    format!("chọn một trong: {}", allowed.join(", ")),
                    format!("use one of: {}", allowed.join(", ")),
                )),
            ),
            IndicatorProblem::YearOutOfRange { path, year } => (
                pick(
                    format!("{}năm {year} nằm ngoài khoảng 1900–2100", at(path)),
                    format!("{}year {year} is outside 1900–2100", at(path)),
                ),
                None,
            ),
            IndicatorProblem::PercentOutOfRange { path, value } => (
                pick(
                    format!("{}tỷ lệ {value} % nằm ngoài khoảng 0–100", at(path)),
                    format!("{}percentage {value} is outside 0–100", at(path)),
                ),
                Some(pick(
                    "với `\"unit\": \"%\"`, viết 35.2 cho 35,2 %".into(),
                    "with `\"unit\": \"%\"`, write 35.2 for 35.2%".into(),
                )),
            ),
            IndicatorProblem::ValueOutOfRange { path, value } => (
                pick(
                    format!("{}giá trị {value} quá lớn (vượt quá ±10^15)", at(path)),
                    format!("{}value {value} is too large (beyond ±10^15)", at(path)),
                ),
                Some(pick(
                    "kiểm tra lại con số; viết giá trị theo đơn vị của chỉ số, ví dụ `\"value\": 35.2`".into(),
                    "check the number; write the value in the indicator's unit, e.g. `\"value\": 35.2`".into(),
                )),
            ),
            IndicatorProblem::DuplicateValue { path, year, area, first } => {
                let (area_vi, area_en) = match area {
                    Some(a) => (format!("{a}, năm {year}"), format!("{a} in {year}")),
                    None => (format!("toàn địa bàn, năm {year}"), format!("the whole area in {year}")),
                };
                (
                    pick(
                        format!("{}trùng số liệu của {area_vi} (đã có ở {first})", at(path)),
                        format!("{}duplicate value for {area_en} (already given at {first})", at(path)),
                    ),
                    Some(pick(
                        "mỗi năm và mỗi địa bàn chỉ có một giá trị; xóa một trong hai".into(),
                        "each year and area has one value; remove one of them".into(),
                    )),
                )
            }
            IndicatorProblem::DuplicateTarget { path, year } => (
                pick(
                    format!("{}có hai chỉ tiêu cho năm {year}", at(path)),
                    format!("{}two targets for {year}", at(path)),
                ),
                None,
            ),
            IndicatorProblem::TargetBeforeBaseline { path, year, baseline } => (
                pick(
                    format!("{}năm chỉ tiêu {year} không sau năm gốc {baseline}", at(path)),
                    format!("{}target year {year} is not after the baseline year {baseline}", at(path)),
                ),
                None,
            ),
            IndicatorProblem::DuplicateId { id, other } => (
                pick(
                    format!("mã chỉ số `{id}` trùng với chỉ số trong `{}`", other.display()),
                    format!("indicator id `{id}` is also used in `{}`", other.display()),
                ),
                Some(pick("mỗi chỉ số cần một mã riêng".into(), "give each indicator its own id".into())),
            ),
            IndicatorProblem::UnknownIndicator { path, id, suggestion } => (
                pick(
                    format!("{}không có chỉ số nào mang mã `{id}`", at(path)),
                    format!("{}no indicator has the id `{id}`", at(path)),
                ),
                Some(match suggestion {
                    Some(s) => pick(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?")),
                    None => pick(
                        "mã chỉ số là trường `id` trong tệp JSON của thư mục chỉ số".into(),
                        "an indicator's id is the `id` field of its JSON file in the indicators folder".into(),
                    ),
                }),
            ),
            IndicatorProblem::Csv { message } => (
                pick(format!("tệp CSV không hợp lệ: {message}"), format!("invalid CSV: {message}")),
                Some(pick(
                    "dòng đầu là tiêu đề cột: Year,area,Value (cột area có thể bỏ)".into(),
                    "the first line holds the headers: Year,area,Value (area is optional)".into(),
                )),
            ),
            IndicatorProblem::UnsupportedColumn { column } => (
                pick(format!("cột `{column}` chưa được hỗ trợ"), format!("column `{column}` is not supported")),
                Some(pick(
                    "chỉ dùng các cột Year, area, Value; để trống cả cột hoặc xóa cột này".into(),
                    "use only the Year, area and Value columns; leave this column blank or remove it".into(),
                )),
            ),
        }
    }
}

impl IndicatorProblem {
    /// A stable machine name (the `code` of `check --format json`), e.g. `indicator-year-out-of-range`.
    pub fn code(&self) -> &'static str {
        match self {
            IndicatorProblem::Syntax { .. } => "indicator-syntax",
            IndicatorProblem::UnknownField { .. } => "indicator-unknown-field",
            IndicatorProblem::WrongType { .. } => "indicator-wrong-type",
            IndicatorProblem::MissingField { .. } => "indicator-missing-field",
            IndicatorProblem::Empty { .. } => "indicator-empty",
            IndicatorProblem::BadId { .. } => "indicator-bad-id",
            IndicatorProblem::NotOneOf { .. } => "indicator-not-one-of",
            IndicatorProblem::YearOutOfRange { .. } => "indicator-year-out-of-range",
            IndicatorProblem::PercentOutOfRange { .. } => "indicator-percent-out-of-range",
            IndicatorProblem::ValueOutOfRange { .. } => "indicator-value-out-of-range",
            IndicatorProblem::DuplicateValue { .. } => "indicator-duplicate-value",
            IndicatorProblem::DuplicateTarget { .. } => "indicator-duplicate-target",
            IndicatorProblem::TargetBeforeBaseline { .. } => "indicator-target-before-baseline",
            IndicatorProblem::DuplicateId { .. } => "indicator-duplicate-id",
            IndicatorProblem::UnknownIndicator { .. } => "indicator-unknown-indicator",
            IndicatorProblem::Csv { .. } => "indicator-csv",
            IndicatorProblem::UnsupportedColumn { .. } => "indicator-unsupported-column",
        }
    }
}
