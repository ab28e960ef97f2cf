//! The indicator data format: typed structs that reject unknown fields, the lists of fields
//! the checker in [`super::load`] uses, and the published JSON Schema.

use serde::{Deserialize, Serialize};

/// Whether a higher or a lower value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better (most targets: % of people trained…). The default.
    #[default]
    Increase,
    /// Lower is better (e.g. illiteracy rate, children out of school).
    Decrease,
    /// A level already reached is to be kept ("duy trì", "giữ vững"): at or above the target
    /// is achieved, as with `increase`.
    Maintain,
}

impl Direction {
    /// `increase` or `decrease`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Maintain => "maintain",
        }
    }
}

/// One indicator, as written in a data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// `"$schema"`: the schema URL editors use for autocompletion; ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id, part of the URL: `nang-luc-thong-tin`.
    pub id: String,
    /// What is measured.
    pub title: String,
    /// The heading the plans list it under; indicators are grouped by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `%` (then every value must be 0–100), or a counting unit such as `xã`.
    pub unit: String,
    /// Whether higher or lower is better. Default: `increase`.
    #[serde(default)]
    pub direction: Direction,
    /// Who produces the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Definitions, caveats, method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Marks illustrative data; pages then say so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// A draft (e.g. proposed by `hoctap import`): built only with `--drafts`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// The starting point progress is measured from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Point>,
    /// Targets by year.
    #[serde(default)]
    pub targets: Vec<Point>,
    /// Measured values; without `area` a value is the whole area's.
    #[serde(default)]
    pub values: Vec<Observation>,
}

/// A baseline or a target: a value for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Year, 1900–2100.
    pub year: i32,
    /// Value in the indicator's unit.
    pub value: f64,
    /// Where it comes from, e.g. the plan that sets the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One measured value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Year, 1900–2100.
    pub year: i32,
    /// Value in the indicator's unit.
    pub value: f64,
    /// The part of the portal's area (a province's commune, a commune's hamlet); absent for
    /// the whole area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Remark on this value (provisional, estimated…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Fields of an indicator object.
pub const INDICATOR_FIELDS: &[&str] = &[
    "$schema",
    "id",
    "title",
    "group",
    "unit",
    "direction",
    "source",
    "notes",
    "sample",
    "draft",
    "baseline",
    "targets",
    "values",
];
/// Fields an indicator must have.
pub const INDICATOR_REQUIRED: &[&str] = &["id", "title", "unit"];
/// Fields of a baseline or target.
pub const POINT_FIELDS: &[&str] = &["year", "value", "note"];
/// Fields of a value.
pub const OBSERVATION_FIELDS: &[&str] = &["year", "value", "area", "note"];
/// Values of `direction`.
pub const DIRECTIONS: &[&str] = &["increase", "decrease", "maintain"];
/// Years a value may have.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;
/// The largest value (in either sign) an indicator may have: a billion billions is far beyond
/// any count or amount a portal reports, and keeps charts and exports exact and finite.
pub const VALUE_LIMIT: f64 = 1e15;

/// Site path of the published schema: stable, whatever the indicators folder is called.
pub const SCHEMA_PATH: &str = "/schemas/indicator-v1.json";

/// The JSON Schema (draft 2020-12) of an indicator file: one indicator or a list of them.
pub fn json_schema(schema_url: &str) -> serde_json::Value {
    let point = |what: &str| {
        serde_json::json!({
            "type": "object", "additionalProperties": false, "required": ["year", "value"],
            "description": what,
            "properties": {
                "year": { "$ref": "#/$defs/year" },
                "value": { "type": "number", "minimum": -VALUE_LIMIT, "maximum": VALUE_LIMIT, "description": "Giá trị, theo đơn vị của chỉ số (value in the indicator's unit)" },
                "note": { "type": "string", "description": "Ghi chú, nguồn (note, e.g. the plan that sets it)" }
            }
        })
    };
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "hoctap indicator (chỉ số)",
        "description": "Một chỉ số, hoặc danh sách chỉ số, của cổng thông tin xây dựng xã hội học tập. One indicator, or a list of them.",
        "oneOf": [
            { "$ref": "#/$defs/indicator" },
            { "type": "array", "items": { "$ref": "#/$defs/indicator" } }
        ],
        "$defs": {
            "year": { "type": "integer", "minimum": 1900, "maximum": 2100, "description": "Năm (year)" },
            "indicator": {
                "type": "object", "additionalProperties": false, "required": INDICATOR_REQUIRED,
                "properties": {
                    "$schema": { "type": "string", "description": "Địa chỉ lược đồ này, để trình soạn thảo gợi ý (this schema's URL)" },
                    "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Mã chỉ số, dùng trong địa chỉ trang: chữ thường không dấu, số, dấu - (id, part of the URL)" },
                    "title": { "type": "string", "minLength": 1, "description": "Tên chỉ số (what is measured)" },
                    "group": { "type": "string", "description": "Nhóm chỉ tiêu như trong kế hoạch (group heading as in the plans)" },
                    "unit": { "type": "string", "description": "Đơn vị: % (giá trị 0–100) hoặc đơn vị đếm như \"xã\" (unit)" },
                    "direction": { "enum": DIRECTIONS, "default": "increase", "description": "increase: càng cao càng tốt; decrease: càng thấp càng tốt; maintain: giữ vững mức đã đạt" },
                    "source": { "type": "string", "description": "Nguồn số liệu (data source)" },
                    "notes": { "type": "string", "description": "Ghi chú, định nghĩa, phương pháp (notes)" },
                    "sample": { "type": "boolean", "description": "true: số liệu minh họa (sample data)" },
                    "draft": { "type": "boolean", "description": "true: bản nháp, chỉ xây dựng khi có --drafts (draft: built only with --drafts)" },
                    "baseline": point("Năm gốc và giá trị gốc (baseline)"),
                    "targets": { "type": "array", "items": point("Chỉ tiêu của một năm (target)"), "description": "Chỉ tiêu (targets)" },
                    "values": {
                        "type": "array", "description": "Số liệu; không có area là số liệu toàn địa bàn (values; no area = whole area)",
                        "items": {
                            "type": "object", "additionalProperties": false, "required": ["year", "value"],
                            "properties": {
                                "year": { "$ref": "#/$defs/year" },
                                "value": { "type": "number", "minimum": -VALUE_LIMIT, "maximum": VALUE_LIMIT },
                                "area": { "type": "string", "description": "Địa bàn: xã, phường của tỉnh hoặc ấp, khóm của xã (area)" },
                                "note": { "type": "string" }
                            }
                        }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_lists_exactly_the_fields_the_structs_accept() {
        let schema = json_schema("https://x.vn/schemas/indicator-v1.json");
        let props = schema["$defs"]["indicator"]["properties"].as_object().unwrap();
        let mut listed: Vec<&str> = props.keys().map(String::as_str).collect();
        listed.sort_unstable();
        let mut known = INDICATOR_FIELDS.to_vec();
        known.sort_unstable();
        assert_eq!(listed, known);
        let value_props = props["values"]["items"]["properties"].as_object().unwrap();
        assert_eq!(value_props.len(), OBSERVATION_FIELDS.len());
    }

    #[test]
    fn structs_reject_unknown_fields() {
        let text = r#"{ "id": "a", "title": "A", "unit": "%", "colour": "red" }"#;
        assert!(serde_json::from_str::<Indicator>(text).is_err());
        let text = r#"{ "$schema": "x", "id": "a", "title": "A", "unit": "%" }"#;
        let indicator: Indicator = serde_json::from_str(text).unwrap();
        assert_eq!(indicator.direction, Direction::Increase);
    }
}
