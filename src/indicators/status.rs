//! The progress rule: where the latest value stands against the straight line from the
//! baseline to the next target. Pure; every case is unit-tested below.
//!
//! 1. No value for the whole area: **no data**.
//! 2. No target: **no target**.
//! 3. The next target is the first one in or after the latest value's year (else the last).
//! 4. The latest value reaches it (≥, or ≤ when lower is better): **achieved**.
//! 5. The start is the baseline, else the earliest value. With no start before the latest
//!    value there is nothing to compare: **no data** (not enough data).
//! 6. The latest value is further from the target than the start: **getting worse**.
//! 7. Otherwise the gain made is compared with the gain the line expects by the latest
//!    value's year (the whole gain once the target year has passed): at least 95 %
//!    **on track**, 50–95 % **behind**, under 50 % **far behind**.

use serde::Serialize;

use super::schema::Direction;

/// Tolerance for comparisons of decimal data.
const EPSILON: f64 = 1e-9;
/// Share of the expected gain from which an indicator is on track.
pub const ON_TRACK: f64 = 0.95;
/// Share of the expected gain from which an indicator is behind rather than far behind.
pub const BEHIND: f64 = 0.5;

/// An indicator's progress status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The latest value reaches the next target.
    Achieved,
    /// At least 95 % of the expected gain.
    OnTrack,
    /// 50–95 % of the expected gain.
    Behind,
    /// Under 50 % of the expected gain.
    FarBehind,
    /// Moved away from the target since the start.
    Worse,
    /// No value, or nothing to compare the latest value with.
    NoData,
    /// Values but no target.
    NoTarget,
}

impl Status {
    /// All statuses, best first (the order of summaries and legends).
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::FarBehind,
        Status::Worse,
        Status::NoData,
        Status::NoTarget,
    ];

    /// `achieved`, `on-track`, … as used in CSS classes and the open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::FarBehind => "far-behind",
            Status::Worse => "worse",
            Status::NoData => "no-data",
            Status::NoTarget => "no-target",
        }
    }

    /// The UI-string key of its label.
    pub fn label_key(self) -> String {
        format!("ind_status_{}", self.as_str().replace('-', "_"))
    }
}

/// A year and a value.
pub type YearValue = (i32, f64);

/// The status and the numbers that explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The status.
    pub status: Status,
    /// The latest whole-area value.
    pub latest: Option<YearValue>,
    /// The target compared with.
    pub target: Option<YearValue>,
    /// The start of the line (baseline, else the earliest value).
    pub start: Option<YearValue>,
    /// The value the line expects in the latest value's year.
    pub expected: Option<f64>,
    /// Gain made ÷ gain expected.
    pub share: Option<f64>,
}

/// Applies the rule. `values` are whole-area values in any order; `targets` in any order.
pub fn assess(
    direction: Direction,
    baseline: Option<YearValue>,
    targets: &[YearValue],
    values: &[YearValue],
) -> Progress {
    let mut progress =
        Progress { status: Status::NoData, latest: None, target: None, start: None, expected: None, share: None };
    let Some(latest) = values.iter().copied().max_by_key(|(year, _)| *year) else { return progress };
    progress.latest = Some(latest);
    let Some(target) = next_target(targets, latest.0) else {
        progress.status = Status::NoTarget;
        return progress;
    };
    progress.target = Some(target);
    let sign = match direction {
        Direction::Increase | Direction::Maintain => 1.0,
        Direction::Decrease => -1.0,
    };
    if sign * (latest.1 - target.1) >= -EPSILON {
        progress.status = Status::Achieved;
        return progress;
    }
    let earliest = values.iter().copied().min_by_key(|(year, _)| *year);
    let Some(start) = baseline.or(earliest).filter(|start| start.0 < latest.0) else { return progress };
    progress.start = Some(start);
    let gain = sign * (latest.1 - start.1);
    let fraction =
        if target.0 > start.0 { (f64::from(latest.0 - start.0) / f64::from(target.0 - start.0)).min(1.0) } else { 1.0 };
    let expected = start.1 + (target.1 - start.1) * fraction;
    progress.expected = Some(expected);
    let needed = sign * (expected - start.1);
    if gain < -EPSILON {
        progress.status = Status::Worse;
        return progress;
    }
    let share = if needed > EPSILON { gain / needed } else { 1.0 };
    progress.share = Some(share);
    progress.status = if share >= ON_TRACK - EPSILON {
        Status::OnTrack
    } else if share >= BEHIND - EPSILON {
        Status::Behind
    } else {
        Status::FarBehind
    };
    progress
}

/// The first target in or after `year`, else the last one.
fn next_target(targets: &[YearValue], year: i32) -> Option<YearValue> {
    let upcoming = targets.iter().copied().filter(|(y, _)| *y >= year).min_by_key(|(y, _)| *y);
    upcoming.or_else(|| targets.iter().copied().max_by_key(|(y, _)| *y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{Decrease, Increase};

    fn status(
        direction: Direction,
        baseline: Option<YearValue>,
        targets: &[YearValue],
        values: &[YearValue],
    ) -> Status {
        assess(direction, baseline, targets, values).status
    }

    const TARGETS: &[YearValue] = &[(2025, 70.0), (2030, 80.0)];

    #[test]
    fn maintaining_a_level_is_achieved_at_or_above_it() {
        let kept: &[YearValue] = &[(2024, 100.0)];
        assert_eq!(status(Direction::Maintain, None, kept, &[(2023, 100.0), (2024, 100.0)]), Status::Achieved);
        assert_eq!(status(Direction::Maintain, None, kept, &[(2023, 100.0), (2024, 96.0)]), Status::Worse);
    }

    #[test]
    fn no_values_is_no_data() {
        assert_eq!(status(Increase, Some((2021, 35.0)), TARGETS, &[]), Status::NoData);
        assert_eq!(assess(Increase, None, &[], &[]).latest, None);
    }

    #[test]
    fn one_value_without_baseline_is_not_enough_data() {
        let p = assess(Increase, None, TARGETS, &[(2023, 50.0)]);
        assert_eq!(p.status, Status::NoData);
        assert_eq!(p.latest, Some((2023, 50.0)));
        assert_eq!(p.target, Some((2025, 70.0)));
    }

    #[test]
    fn one_value_in_the_baseline_year_is_not_enough_data() {
        assert_eq!(status(Increase, Some((2021, 35.0)), TARGETS, &[(2021, 35.0)]), Status::NoData);
    }

    #[test]
    fn one_value_after_the_baseline_is_compared_with_the_line() {
        // Line 2021 → 2025 from 30 to 70 expects 50 in 2023; 50 is exactly on track.
        let p = assess(Increase, Some((2021, 30.0)), TARGETS, &[(2023, 50.0)]);
        assert_eq!(p.status, Status::OnTrack);
        assert_eq!(p.expected, Some(50.0));
        assert_eq!(p.share, Some(1.0));
    }

    #[test]
    fn a_value_without_targets_has_no_target() {
        assert_eq!(status(Increase, None, &[], &[(2022, 1.0), (2023, 2.0)]), Status::NoTarget);
    }

    #[test]
    fn a_value_reaching_the_next_target_is_achieved() {
        assert_eq!(status(Increase, Some((2021, 35.0)), TARGETS, &[(2024, 70.0)]), Status::Achieved);
        assert_eq!(status(Increase, None, TARGETS, &[(2024, 75.5)]), Status::Achieved);
    }

    #[test]
    fn a_target_already_met_at_the_baseline_stays_achieved_while_held() {
        assert_eq!(status(Increase, Some((2021, 100.0)), &[(2025, 100.0)], &[(2022, 100.0)]), Status::Achieved);
        // …and is getting worse when it slips.
        assert_eq!(status(Increase, Some((2021, 100.0)), &[(2025, 100.0)], &[(2022, 98.0)]), Status::Worse);
    }

    #[test]
    fn shares_of_the_expected_gain_set_the_status_at_the_boundaries() {
        let base = Some((2020, 0.0));
        let targets = &[(2030, 100.0)];
        // In 2025 the line expects 50: 47.5 is 95 %, 25 is 50 %.
        assert_eq!(status(Increase, base, targets, &[(2025, 47.5)]), Status::OnTrack);
        assert_eq!(status(Increase, base, targets, &[(2025, 47.4)]), Status::Behind);
        assert_eq!(status(Increase, base, targets, &[(2025, 25.0)]), Status::Behind);
        assert_eq!(status(Increase, base, targets, &[(2025, 24.9)]), Status::FarBehind);
        assert_eq!(status(Increase, base, targets, &[(2025, 0.0)]), Status::FarBehind);
    }

    #[test]
    fn moving_away_from_the_target_is_getting_worse() {
        assert_eq!(status(Increase, Some((2021, 35.0)), TARGETS, &[(2022, 40.0), (2023, 34.0)]), Status::Worse);
    }

    #[test]
    fn lower_is_better_mirrors_the_rule() {
        let targets = &[(2025, 2.0)];
        assert_eq!(status(Decrease, Some((2021, 10.0)), targets, &[(2023, 6.0)]), Status::OnTrack);
        assert_eq!(status(Decrease, Some((2021, 10.0)), targets, &[(2023, 8.0)]), Status::Behind);
        assert_eq!(status(Decrease, Some((2021, 10.0)), targets, &[(2023, 9.5)]), Status::FarBehind);
        assert_eq!(status(Decrease, Some((2021, 10.0)), targets, &[(2023, 11.0)]), Status::Worse);
        assert_eq!(status(Decrease, Some((2021, 10.0)), targets, &[(2024, 1.5)]), Status::Achieved);
    }

    #[test]
    fn after_the_last_target_year_the_whole_gain_is_expected() {
        // Target 2024 passed; 2025 value made 60 % of the gain from 30 to 40.
        let p = assess(Increase, Some((2021, 30.0)), &[(2024, 40.0)], &[(2025, 36.0)]);
        assert_eq!(p.target, Some((2024, 40.0)));
        assert_eq!(p.expected, Some(40.0));
        assert_eq!(p.status, Status::Behind);
    }

    #[test]
    fn the_next_target_is_the_first_in_or_after_the_latest_year() {
        let p = assess(Increase, Some((2021, 35.0)), TARGETS, &[(2025, 71.0)]);
        assert_eq!((p.status, p.target), (Status::Achieved, Some((2025, 70.0))));
        let p = assess(Increase, Some((2021, 35.0)), TARGETS, &[(2026, 71.0)]);
        assert_eq!(p.target, Some((2030, 80.0)));
        assert_eq!(p.status, Status::OnTrack);
    }

    #[test]
    fn without_a_baseline_the_earliest_value_starts_the_line() {
        let p = assess(Increase, None, TARGETS, &[(2023, 50.0), (2021, 30.0)]);
        assert_eq!(p.start, Some((2021, 30.0)));
        assert_eq!(p.status, Status::OnTrack);
    }
}
