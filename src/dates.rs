//! Dates as authors write them (`2024-04-21`, RFC 3339) and as readers see them (`21/04/2024`).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike};
use serde::Serialize;

use crate::language::Language;

/// Vietnam's offset, UTC+7, applied to dates written without a time.
pub(crate) fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset")
}

/// A point in time from front matter; `has_time` is false for a plain `2024-04-21`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The instant; a plain date is midnight in Vietnam.
    pub at: DateTime<FixedOffset>,
    /// Whether the author gave a time of day.
    pub has_time: bool,
}

/// Why a date string was refused, with a corrected form when the intent is clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// `21/04/2024` → `2024-04-21`.
    pub rewritten: Option<String>,
}

impl Date {
    /// Parses `2024-04-21`, `2024-04-21T08:00:00+07:00` or `2024-04-21 08:00:00+07:00`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Date::from_day(day));
        }
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(Date { at, has_time: true });
        }
        if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
            return Ok(Date { at, has_time: true });
        }
        // A local time without an offset is read as Vietnam time.
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
            let at = vietnam_offset().from_local_datetime(&naive).single().expect("fixed offset");
            return Ok(Date { at, has_time: true });
        }
        Err(DateError { rewritten: rewrite_day_first(text) })
    }

    /// Midnight in Vietnam on a calendar day.
    pub fn from_day(day: NaiveDate) -> Date {
        let at = vietnam_offset()
            .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
            .single()
            .expect("fixed offset has no gaps");
        Date { at, has_time: false }
    }

    /// The calendar day in Vietnam.
    pub fn day(&self) -> NaiveDate {
        self.at.with_timezone(&vietnam_offset()).date_naive()
    }

    /// `2024-04-21` for a plain date, full RFC 3339 otherwise (for `datetime` attributes).
    pub fn iso(&self) -> String {
        if self.has_time {
            self.at.to_rfc3339()
        } else {
            self.day().format("%Y-%m-%d").to_string()
        }
    }

    /// `21/04/2024` in Vietnamese, `21 April 2024` in English.
    pub fn display(&self, lang: Language) -> String {
        let day = self.day();
        match lang {
            Language::Vi => format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
            Language::En => day.format("%-d %B %Y").to_string(),
        }
    }

    /// `08:00` when a time was given, else empty.
    pub fn time(&self) -> String {
        if !self.has_time {
            return String::new();
        }
        let local = self.at.with_timezone(&vietnam_offset());
        format!("{:02}:{:02}", local.hour(), local.minute())
    }

    /// `Thứ Bảy` in Vietnamese, `Saturday` in English.
    pub fn weekday(&self, lang: Language) -> &'static str {
        const VI: [&str; 7] = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];
        const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        let index = self.day().weekday().num_days_from_monday() as usize;
        match lang {
            Language::Vi => VI[index],
            Language::En => EN[index],
        }
    }

    /// The object templates receive: `iso`, `display`, `time`, `weekday`.
    pub fn view(&self, lang: Language) -> DateView {
        DateView { iso: self.iso(), display: self.display(lang), time: self.time(), weekday: self.weekday(lang) }
    }
}

/// A date as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// Machine-readable form.
    pub iso: String,
    /// Reader's form.
    pub display: String,
    /// Time of day or empty.
    pub time: String,
    /// Day of the week.
    pub weekday: &'static str,
}

/// `21/04/2024` or `21-04-2024` (day first, as Vietnamese write it) → `2024-04-21`.
fn rewrite_day_first(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    if y < 1000 {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(y, m, d)?;
    Some(day.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_dates_and_rfc3339() {
        let d = Date::parse("2024-04-21").unwrap();
        assert!(!d.has_time);
        assert_eq!(d.display(Language::Vi), "21/04/2024");
        assert_eq!(d.iso(), "2024-04-21");
        assert_eq!(d.weekday(Language::Vi), "Chủ nhật");
        let t = Date::parse("2024-10-01T07:30:00+07:00").unwrap();
        assert_eq!(t.time(), "07:30");
        assert_eq!(t.display(Language::En), "1 October 2024");
    }

    #[test]
    fn utc_times_show_in_vietnam_time() {
        let t = Date::parse("2024-04-20T18:00:00Z").unwrap();
        assert_eq!(t.display(Language::Vi), "21/04/2024");
        assert_eq!(t.time(), "01:00");
    }

    #[test]
    fn day_first_dates_are_refused_with_a_rewrite() {
        assert_eq!(Date::parse("21/04/2024"), Err(DateError { rewritten: Some("2024-04-21".into()) }));
        assert_eq!(Date::parse("hôm qua"), Err(DateError { rewritten: None }));
        assert_eq!(Date::parse("31/02/2024"), Err(DateError { rewritten: None }));
    }
}
