//! Charts as SVG text, built at build time: no JavaScript, no fonts, no requests.
//!
//! The line chart has the whole-area values (solid line, circles), the baseline (square),
//! the targets (diamonds) and the expected path from the start to the targets (dashed), each
//! marker with its own `<title>` so pointing at it shows its value. Colours come from the
//! Okabe–Ito palette through CSS classes (`indicators.css`), and every series also differs by
//! shape or dash, so colour is never the only cue. Its 400-unit-wide view box and 16-unit text
//! keep labels at 11.5 px or more on a 320 px phone (288 px of content).

use std::fmt::Write as _;

use super::status::YearValue;
use crate::markdown::escape_xml;

/// View box width and height of the line chart.
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 260.0;
/// Plot area inside the view box.
const LEFT: f64 = 52.0;
const RIGHT: f64 = 384.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 226.0;
/// Minimum distance between two year labels.
const LABEL_GAP: f64 = 44.0;

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct Data<'a> {
    /// The baseline.
    pub baseline: Option<YearValue>,
    /// Start of the expected path (baseline, else earliest value).
    pub start: Option<YearValue>,
    /// Targets by year.
    pub targets: &'a [YearValue],
    /// Whole-area values by year.
    pub values: &'a [YearValue],
    /// Whether the unit is `%` (the axis then never passes 100).
    pub percent: bool,
}

/// The words of a chart, in the portal's language.
pub struct Labels<'a> {
    /// `<title>`.
    pub title: &'a str,
    /// `<desc>`: the data in one paragraph.
    pub desc: &'a str,
    /// "Năm gốc" / "Baseline".
    pub baseline: &'a str,
    /// "Chỉ tiêu" / "Target".
    pub target: &'a str,
    /// Formats a value with its unit.
    pub format: &'a dyn Fn(f64) -> String,
}

/// A linear scale from data to view-box units.
struct Scale {
    years: (i32, i32),
    max: f64,
}

impl Scale {
    fn new(data: &Data<'_>) -> Scale {
        let points = data.values.iter().chain(data.targets).chain(data.baseline.iter());
        let (mut first, mut last, mut max) = (i32::MAX, i32::MIN, 0.0_f64);
        for &(year, value) in points {
            first = first.min(year);
            last = last.max(year);
            if value.is_finite() {
                max = max.max(value);
            }
        }
        if first > last {
            (first, last) = (2020, 2025);
        }
        if first == last {
            (first, last) = (first - 1, last + 1);
        }
        let mut top = nice_ceiling((max * 1.08).min(f64::MAX));
        if data.percent {
            top = top.min(100.0);
        }
        Scale { years: (first, last), max: top }
    }

    fn x(&self, year: i32) -> f64 {
        let span = f64::from(self.years.1 - self.years.0);
        LEFT + 12.0 + (RIGHT - LEFT - 24.0) * f64::from(year - self.years.0) / span
    }

    fn y(&self, value: f64) -> f64 {
        BOTTOM - (BOTTOM - TOP) * (value / self.max).clamp(0.0, 1.05)
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `value` (at least 1; always finite).
fn nice_ceiling(value: f64) -> f64 {
    if value <= 1.0 || value.is_nan() {
        return 1.0;
    }
    let value = value.min(f64::MAX);
    let magnitude = 10f64.powf(value.log10().floor());
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|&n| n >= value - 1e-9);
    nice.filter(|n| n.is_finite()).unwrap_or(value)
}

/// How far outside the view box a coordinate may go; SVG viewers handle far less than `f64`.
const COORD_LIMIT: f64 = 100_000.0;

/// A coordinate with at most one decimal: `12.0` → `12`, `12.25` → `12.3`. Every number of a
/// chart is printed through this function: it never prints `NaN` or `inf` (a value that is
/// not a number is drawn at 0) and keeps coordinates within ±100,000.
pub fn coord(value: f64) -> String {
    let value = if value.is_nan() { 0.0 } else { value.clamp(-COORD_LIMIT, COORD_LIMIT) };
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some("-0") => "0".to_string(),
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// The full chart of one indicator; `id` makes its element ids unique on the page.
pub fn line_chart(data: &Data<'_>, labels: &Labels<'_>, id: &str) -> String {
    let scale = Scale::new(data);
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-size=\"16\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        coord(WIDTH),
        coord(HEIGHT),
        escape_xml(labels.title),
        escape_xml(labels.desc)
    );
    axes(&mut svg, &scale, data, labels);
    path(&mut svg, &scale, data);
    values(&mut svg, &scale, data, labels);
    if let Some((year, value)) = data.baseline {
        let (x, y) = (scale.x(year), scale.y(value));
        let _ = write!(
            svg,
            "<rect class=\"chart__base\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"><title>{} {year}: {}</title></rect>",
            coord(x - 5.0), coord(y - 5.0), escape_xml(labels.baseline), escape_xml(&(labels.format)(value))
        );
    }
    targets(&mut svg, &scale, data, labels);
    svg.push_str("</svg>");
    svg
}

fn axes(svg: &mut String, scale: &Scale, data: &Data<'_>, labels: &Labels<'_>) {
    svg.push_str("<g class=\"chart__grid\">");
    let step = scale.max / 4.0;
    for i in 0..=4 {
        let value = step * f64::from(i);
        let y = coord(scale.y(value));
        let _ = write!(
            svg,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/><text x=\"{}\" y=\"{y}\" dy=\"5\" text-anchor=\"end\">{}</text>",
            coord(LEFT),
            coord(RIGHT),
            coord(LEFT - 6.0),
            escape_xml(&(labels.format)(value))
        );
    }
    svg.push_str("</g><g class=\"chart__years\" text-anchor=\"middle\">");
    // Labels in order of importance: the ends, the latest value, the targets, then the rest;
    // a label too close to one already placed is left out.
    let mut years: Vec<i32> = vec![scale.years.0, scale.years.1];
    years.extend(data.values.last().map(|v| v.0));
    years.extend(data.targets.iter().map(|t| t.0));
    years.extend(data.values.iter().chain(data.baseline.iter()).map(|p| p.0));
    let mut shown: Vec<i32> = Vec::new();
    for year in years {
        let x = scale.x(year);
        if shown.iter().all(|&s| (scale.x(s) - x).abs() >= LABEL_GAP) {
            shown.push(year);
        }
    }
    shown.sort_unstable();
    for year in shown {
        let _ = write!(svg, "<text x=\"{}\" y=\"{}\">{year}</text>", coord(scale.x(year)), coord(BOTTOM + 24.0));
    }
    svg.push_str("</g>");
}

/// The dashed path the status rule compares with: start → each later target.
fn path(svg: &mut String, scale: &Scale, data: &Data<'_>) {
    let Some(start) = data.start.or(data.baseline) else { return };
    let later: Vec<&YearValue> = data.targets.iter().filter(|t| t.0 > start.0).collect();
    if later.is_empty() {
        return;
    }
    let mut d = format!("M{} {}", coord(scale.x(start.0)), coord(scale.y(start.1)));
    for (year, value) in later {
        let _ = write!(d, "L{} {}", coord(scale.x(*year)), coord(scale.y(*value)));
    }
    let _ = write!(svg, "<path class=\"chart__path\" d=\"{d}\"/>");
}

fn values(svg: &mut String, scale: &Scale, data: &Data<'_>, labels: &Labels<'_>) {
    if data.values.is_empty() {
        return;
    }
    let mut d = String::new();
    for (i, (year, value)) in data.values.iter().enumerate() {
        let _ = write!(d, "{}{} {}", if i == 0 { 'M' } else { 'L' }, coord(scale.x(*year)), coord(scale.y(*value)));
    }
    let _ = write!(svg, "<path class=\"chart__line\" d=\"{d}\"/><g class=\"chart__values\">");
    for (year, value) in data.values {
        let text = escape_xml(&(labels.format)(*value));
        let _ = write!(
            svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\"><title>{year}: {text}</title></circle>",
            coord(scale.x(*year)),
            coord(scale.y(*value))
        );
    }
    if let Some((year, value)) = data.values.last() {
        // Below the point, unless a target of the same year sits below it.
        let above = latest_above_target(data) == Some(true);
        let y = if above { scale.y(*value) - 12.0 } else { scale.y(*value) + 26.0 };
        let _ = write!(
            svg,
            "<text class=\"chart__label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            coord(scale.x(*year).min(RIGHT - 20.0)),
            coord(y),
            escape_xml(&(labels.format)(*value))
        );
    }
    svg.push_str("</g>");
}

fn targets(svg: &mut String, scale: &Scale, data: &Data<'_>, labels: &Labels<'_>) {
    if data.targets.is_empty() {
        return;
    }
    svg.push_str("<g class=\"chart__targets\">");
    let latest_year = data.values.last().map(|v| v.0);
    for (year, value) in data.targets {
        let (x, y) = (scale.x(*year), scale.y(*value));
        // Above the diamond, unless the latest value's label is there.
        let below = Some(*year) == latest_year && latest_above_target(data) == Some(true);
        let text = escape_xml(&(labels.format)(*value));
        let _ = write!(
            svg,
            "<path d=\"M{} {}l7 7-7 7-7-7z\"><title>{} {year}: {text}</title></path><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{text}</text>",
            coord(x),
            coord(y - 7.0),
            escape_xml(labels.target),
            coord(x.clamp(LEFT + 20.0, RIGHT - 20.0)),
            coord(if below { y + 26.0 } else { y - 12.0 })
        );
    }
    svg.push_str("</g>");
}

/// Whether the latest value is higher than a target of the same year (`None`: no such target).
fn latest_above_target(data: &Data<'_>) -> Option<bool> {
    let (year, value) = data.values.last()?;
    data.targets.iter().find(|t| t.0 == *year).map(|t| *value > t.1)
}

/// A small decorative chart for cards: values and the next target, no text (the card says
/// the numbers), hidden from screen readers.
pub fn sparkline(values: &[YearValue], target: Option<YearValue>, percent: bool) -> String {
    const W: f64 = 120.0;
    const H: f64 = 36.0;
    let all: Vec<YearValue> = values.iter().copied().chain(target).collect();
    let data = Data { baseline: None, start: None, targets: &[], values: &all, percent };
    let scale = Scale::new(&data);
    let x = |year: i32| 4.0 + (W - 12.0) * f64::from(year - scale.years.0) / f64::from(scale.years.1 - scale.years.0);
    let y = |value: f64| H - 4.0 - (H - 8.0) * (value / scale.max).clamp(0.0, 1.0);
    let mut svg = format!("<svg class=\"spark\" viewBox=\"0 0 {} {}\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">", coord(W), coord(H));
    if !values.is_empty() {
        let points: Vec<String> =
            values.iter().map(|(year, value)| format!("{},{}", coord(x(*year)), coord(y(*value)))).collect();
        let _ = write!(svg, "<polyline class=\"spark__line\" points=\"{}\"/>", points.join(" "));
        if let Some((year, value)) = values.last() {
            let _ = write!(
                svg,
                "<circle class=\"spark__last\" cx=\"{}\" cy=\"{}\" r=\"3\"/>",
                coord(x(*year)),
                coord(y(*value))
            );
        }
    }
    if let Some((year, value)) = target {
        let _ = write!(
            svg,
            "<path class=\"spark__target\" d=\"M{} {}l4 4-4 4-4-4z\"/>",
            coord(x(year)),
            coord(y(value) - 4.0)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels<'a>(format: &'a dyn Fn(f64) -> String) -> Labels<'a> {
        Labels { title: "A <b>", desc: "D & d", baseline: "Năm gốc", target: "Chỉ tiêu", format }
    }

    #[test]
    fn nice_ceilings_round_up_to_readable_steps() {
        assert_eq!(nice_ceiling(17.3), 20.0);
        assert_eq!(nice_ceiling(86.4), 100.0);
        assert_eq!(nice_ceiling(21.6), 25.0);
        assert_eq!(nice_ceiling(0.2), 1.0);
    }

    #[test]
    fn chart_escapes_text_and_draws_every_point() {
        let format = |v: f64| format!("{v}%");
        let data = Data {
            baseline: Some((2021, 35.0)),
            start: Some((2021, 35.0)),
            targets: &[(2025, 70.0), (2030, 80.0)],
            values: &[(2022, 41.0), (2023, 47.5)],
            percent: true,
        };
        let svg = line_chart(&data, &labels(&format), "c1");
        assert!(svg.contains("<title id=\"c1-t\">A &lt;b&gt;</title><desc id=\"c1-d\">D &amp; d</desc>"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<title>2023: 47.5%</title>"));
        assert!(svg.contains("<title>Chỉ tiêu 2030: 80%</title>"));
        assert!(svg.contains("class=\"chart__path\""));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn a_chart_without_data_still_renders() {
        let format = |v: f64| format!("{v}");
        let data = Data { baseline: None, start: None, targets: &[], values: &[], percent: false };
        let svg = line_chart(&data, &labels(&format), "c2");
        assert!(svg.ends_with("</svg>") && !svg.contains("NaN"));
        assert!(!sparkline(&[], None, true).contains("NaN"));
    }

    /// Every value of every attribute of an SVG, split into tokens.
    fn attribute_tokens(svg: &str) -> Vec<&str> {
        svg.split('"')
            .skip(1)
            .step_by(2)
            .flat_map(|v| v.split([' ', ',', 'M', 'L', 'l', 'z']))
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn huge_infinite_and_missing_values_never_print_nan_or_inf() {
        let format = |v: f64| crate::indicators::format::number(v, 1, crate::Language::En);
        let cases: [&[YearValue]; 5] = [
            &[(2022, 1e308), (2023, -1e308)],
            &[(2022, f64::MAX), (2023, f64::INFINITY)],
            &[(2022, f64::NAN), (2023, f64::NEG_INFINITY)],
            &[(2022, 0.0), (2023, 0.0)],
            &[(2022, -5.0), (2023, 1e-300)],
        ];
        for values in cases {
            for targets in [&[][..], &[(2025, 0.0)][..], &[(2025, 1e308)][..]] {
                for percent in [false, true] {
                    let data =
                        Data { baseline: Some((2021, -1e308)), start: Some((2021, 1e308)), targets, values, percent };
                    let spark = sparkline(values, targets.first().copied(), percent);
                    for svg in [line_chart(&data, &labels(&format), "c"), spark] {
                        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
                        let numbers = attribute_tokens(&svg).into_iter().filter_map(|t| t.parse::<f64>().ok());
                        for n in numbers {
                            assert!(n.is_finite() && n.abs() <= COORD_LIMIT, "{n} in {svg}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn coordinates_are_short_finite_and_bounded() {
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.26), "12.3");
        assert_eq!(coord(-0.01), "0");
        assert_eq!(coord(f64::NAN), "0");
        assert_eq!(coord(f64::INFINITY), "100000");
        assert_eq!(coord(-1e308), "-100000");
        assert_eq!(nice_ceiling(1e308 * 1.08), 1e308 * 1.08);
        assert!(nice_ceiling(f64::INFINITY).is_finite());
    }
}
