//! Numeric targets a plan sets ("100% xã, thị trấn đạt chuẩn…", "ít nhất 01 lớp…",
//! "giảm … xuống dưới 2%"), found in its goals sections and proposed as draft indicators.

use super::plan::{years_in, Role, Unit};
use crate::indicators::Direction;

/// One target found in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// What is measured: the clause without its number (`Xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2`).
    pub title: String,
    /// `%`, or the counting word after the number (`lớp`).
    pub unit: String,
    /// The target value.
    pub value: f64,
    /// The year it is due.
    pub year: i32,
    /// Whether more, less or the same is the aim.
    pub direction: Direction,
    /// The heading or lead-in it sits under.
    pub group: Option<String>,
    /// The sentence it comes from, whole.
    pub sentence: String,
    /// The paragraph of the document it is in (1-based).
    pub paragraph: usize,
}

/// Words that introduce a count target: `ít nhất 01 lớp`.
const AT_LEAST: &[&str] = &["ít nhất", "tối thiểu", "không dưới", "không ít hơn"];

/// Finds the targets in the goals sections (`MỤC TIÊU`, `CHỈ TIÊU`), or in the whole body
/// when the plan has no such heading. `default_year` is the period's end.
pub fn find(units: &[Unit], default_year: Option<i32>) -> Vec<Target> {
    let goals = |u: &Unit| {
        let upper = u.text.to_uppercase();
        upper.contains("MỤC TIÊU") || upper.contains("CHỈ TIÊU")
    };
    let has_goal_sections = units.iter().any(|u| u.role == Role::Heading(2) && goals(u));
    let mut in_goals = !has_goal_sections;
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut lead_in: Option<String> = None;
    let mut found = Vec::new();
    for unit in units {
        match unit.role {
            Role::Heading(level) => {
                if level == 2 && has_goal_sections {
                    in_goals = goals(unit);
                }
                headings.retain(|(l, _)| *l < level);
                headings.push((level, unit.text.clone()));
                lead_in = None;
                continue;
            }
            Role::Item(0) | Role::Para => {
                lead_in = unit.text.trim_end().strip_suffix(':').map(|t| strip_label(t).to_string());
            }
            _ => {}
        }
        if !in_goals || unit.role == Role::Row {
            continue;
        }
        let context_year = headings.iter().rev().find_map(|(_, h)| year_named(h)).or(default_year);
        let group = lead_in
            .clone()
            .or_else(|| headings.iter().rev().find(|(l, _)| *l > 2).map(|(_, h)| strip_label(h).to_string()));
        for sentence in sentences(&unit.text) {
            for clause in clauses(sentence) {
                let Some(mut target) = target_in(clause, context_year) else { continue };
                target.group = group.clone().filter(|g| g != &target.title);
                target.sentence = sentence.trim().to_string();
                target.paragraph = unit.paragraph;
                found.push(target);
            }
        }
    }
    found
}

/// `2.1. Mục tiêu đến năm 2025` → `Mục tiêu đến năm 2025`.
fn strip_label(text: &str) -> &str {
    let mut words = text.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let labelled = first.ends_with(['.', ')'])
        && first.chars().count() <= 8
        && first.trim_end_matches(['.', ')']).chars().all(|c| c.is_ascii_digit() || c == '.' || c.is_alphabetic());
    match (labelled, words.next()) {
        (true, Some(rest)) => rest.trim(),
        _ => text.trim(),
    }
}

/// A year a text names as a deadline: `năm 2025`, `đến 2030`.
fn year_named(text: &str) -> Option<i32> {
    let lower = text.to_lowercase();
    years_in(&lower).into_iter().rev().find_map(|(at, year)| {
        let before = lower[..at].trim_end();
        (before.ends_with("năm") || before.ends_with("đến") || before.ends_with("trong")).then_some(year)
    })
}

/// Sentences: split at `. ` before a capital letter.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '.' && text[i + 1..].starts_with(' ') && text[i + 2..].starts_with(char::is_uppercase) {
            out.push(&text[start..=i]);
            start = i + 2;
            chars.next();
        }
    }
    out.push(&text[start..]);
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// Clauses of a sentence: split at `;`, before `trong đó`, and at `, ` before a capital (a new
/// subject: `100% xã đạt chuẩn…, Huyện duy trì…`), each holding at most one target.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in sentence.split(';') {
        let lower = part.to_lowercase();
        let pieces = match lower.find("trong đó") {
            Some(at) if at > 0 && part.is_char_boundary(at) => vec![&part[..at], &part[at..]],
            _ => vec![part],
        };
        for piece in pieces {
            let mut start = 0;
            for (at, _) in piece.match_indices(", ") {
                if piece[at + 2..].starts_with(char::is_uppercase) && at > start {
                    out.push(&piece[start..at]);
                    start = at + 2;
                }
            }
            out.push(&piece[start..]);
        }
    }
    out
}

/// A number written the Vietnamese way: `55,55` or `55.55` (decimal), `01`.
fn parse_number(text: &str) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit()
            || (matches!(bytes[end], b',' | b'.') && end > 0 && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    if end == 0 {
        return None;
    }
    let value: f64 = text[..end].replace(',', ".").parse().ok()?;
    Some((value, end))
}

/// The target in one clause, if it sets one.
fn target_in(clause: &str, context_year: Option<i32>) -> Option<Target> {
    let (value, unit, at, len) = percent(clause).or_else(|| count(clause))?;
    let lower = clause.to_lowercase();
    let before = lower[..at].to_string();
    let direction = if lower.contains("giảm")
        || lower.contains("xuống dưới")
        || lower.contains("không quá")
        || lower.contains("không vượt quá")
    {
        Direction::Decrease
    } else if before.contains("duy trì") || before.contains("giữ vững") {
        Direction::Maintain
    } else {
        Direction::Increase
    };
    let year = year_named(clause).or(context_year)?;
    let title = title_of(clause, at, len);
    if title.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return None;
    }
    Some(Target { title, unit, value, year, direction, group: None, sentence: String::new(), paragraph: 0 })
}

/// `40%`, `55,55%`, `25-35%` (the lower bound): value, unit, byte offset and length.
fn percent(clause: &str) -> Option<(f64, String, usize, usize)> {
    for (at, _) in clause.match_indices('%') {
        let head = clause[..at].trim_end();
        let start = head
            .rfind(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-' || c == '–'))
            .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
        let number = head[start..].trim_start_matches(['-', '–']);
        let number = number.split(['-', '–']).next().unwrap_or("");
        if let Some((value, _)) = parse_number(number) {
            if (0.0..=100.0).contains(&value) {
                return Some((value, "%".into(), start, at + 1 - start));
            }
        }
    }
    None
}

/// `ít nhất 01 lớp`: value, the counting word, byte offset and length.
fn count(clause: &str) -> Option<(f64, String, usize, usize)> {
    let lower = clause.to_lowercase();
    for phrase in AT_LEAST {
        let Some(at) = lower.find(phrase) else { continue };
        let after = &clause[at + phrase.len()..];
        let trimmed = after.trim_start();
        let (value, len) = parse_number(trimmed)?;
        let rest = trimmed[len..].trim_start();
        let unit: String = rest
            .split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == ';')
            .next()
            .unwrap_or("")
            .to_string();
        if unit.is_empty() || !unit.chars().all(char::is_alphabetic) {
            return None;
        }
        let end = clause.len() - rest.len() + unit.len();
        return Some((value, unit, at, end - at));
    }
    None
}

/// The clause without its number and the words that only lead to it, as a title.
fn title_of(clause: &str, at: usize, len: usize) -> String {
    let joined = format!("{} {}", &clause[..at], &clause[at + len..]);
    let mut text = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    const LEADS: &[&str] = &[
        "trong đó,",
        "trong đó",
        "phấn đấu đạt tỷ lệ",
        "phấn đấu đạt",
        "phấn đấu có",
        "phấn đấu",
        "phần đầu",
        "phân đầu",
        "có khoảng",
        "khoảng",
        "có trên",
        "trên",
        "có",
        "đạt tỷ lệ",
        "đạt",
        "-",
        "+",
    ];
    loop {
        let lower = text.to_lowercase();
        let Some(lead) = LEADS.iter().find(|l| lower.starts_with(*l) && lower[l.len()..].starts_with([' ', ',']))
        else {
            break;
        };
        text = text[lead.len()..].trim_start_matches([' ', ',']).to_string();
    }
    // `Xây dựng các mô hình học tập trong xã hội: 40% công dân…`: the lead-in is the group.
    if let Some((head, rest)) = text.split_once(": ") {
        if head.chars().count() <= 80 && rest.chars().filter(|c| c.is_alphabetic()).count() >= 8 {
            text = rest.to_string();
        }
    }
    let text = text.trim().trim_end_matches(['.', ';', ',', ':']).trim();
    let mut title = capitalize_first(text);
    if title.chars().count() > 150 {
        let cut: String = title.chars().take(150).collect();
        title = format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a));
    }
    title
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Target {
        target_in(text, Some(2030)).unwrap_or_else(|| panic!("no target in {text:?}"))
    }

    #[test]
    fn percentages_counts_and_directions() {
        let t = one("100% xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2");
        assert_eq!((t.value, t.unit.as_str(), t.year, t.direction), (100.0, "%", 2030, Direction::Increase));
        assert_eq!(t.title, "Xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2");
        let t = one("Phấn đấu đạt tỷ lệ 55,55% đơn vị được đánh giá");
        assert_eq!((t.value, t.title.as_str()), (55.55, "Đơn vị được đánh giá"));
        let t = one("mỗi xã mở ít nhất 01 lớp kỹ năng số trong năm 2025");
        assert_eq!((t.value, t.unit.as_str(), t.year), (1.0, "lớp", 2025));
        let t = one("giảm tỷ lệ người mù chữ xuống dưới 2%");
        assert_eq!((t.value, t.direction), (2.0, Direction::Decrease));
        let t = one("Huyện duy trì 100% trường đạt chuẩn");
        assert_eq!(t.direction, Direction::Maintain);
        let t = one("khoảng 25-35% nông dân tham gia học tập");
        assert_eq!((t.value, t.title.as_str()), (25.0, "Nông dân tham gia học tập"));
        assert!(target_in("trẻ em 05 tuổi đạt chuẩn mức độ 3", Some(2030)).is_none());
    }

    #[test]
    fn a_sentence_splits_into_its_targets() {
        let text = "40% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật. Trong đó, 10% dân số có trình độ đại học trở lên.";
        let found: Vec<f64> = sentences(text)
            .into_iter()
            .flat_map(clauses)
            .filter_map(|c| target_in(c, Some(2024)))
            .map(|t| t.value)
            .collect();
        assert_eq!(found, vec![40.0, 10.0]);
        let text = "100% quận, huyện đạt chuẩn mức độ 2; phấn đấu có 66% quận, huyện đạt chuẩn mức độ 3.";
        assert_eq!(clauses(text).len(), 2);
        let text = "100% xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2, Huyện duy trì chuẩn xóa mù chữ mức độ 2.";
        assert_eq!(
            clauses(text),
            vec!["100% xã, thị trấn đạt chuẩn xóa mù chữ mức độ 2", "Huyện duy trì chuẩn xóa mù chữ mức độ 2."]
        );
    }

    #[test]
    fn deadlines_come_from_the_clause_or_the_heading() {
        assert_eq!(year_named("2.1. Mục tiêu đến năm 2025"), Some(2025));
        assert_eq!(year_named("II. MỤC TIÊU PHÂN ĐẦU ĐẾN NĂM 2030"), Some(2030));
        assert_eq!(year_named("Kế hoạch số 325/KH-UBND ngày 29/12/2021"), None);
    }
}
