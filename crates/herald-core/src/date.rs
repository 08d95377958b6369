//! Calendar dates: story dates, the dates of date-restricted actor codes,
//! the days of the event store, and the dates the text gives for events
//! (a day, or a week, month or year: [`Precision`]).

use std::fmt;

/// A day of the proleptic Gregorian calendar, from 0001-01-01 to
/// 9999-12-31, written `YYYY-MM-DD` (which sorts like the date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// A string that is not a date [`Date::parse`] accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date: {reason}")]
pub struct DateError {
    /// The string.
    pub text: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Date {
    /// The date of `year`, `month` and `day`, or `None` if there is no
    /// such day (`2023-02-29`) or the year is outside 1 to 9999.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Date> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// Parses `YYYY-MM-DD`, or an ISO 8601/RFC 3339 date-time that starts
    /// with one (`2024-03-05T10:00:00Z`, `2024-03-05 10:00+02:00`), whose
    /// date is the date as written. Everything else is refused rather than
    /// guessed at: `20240305`, ` 2024-03-05`, `2024-02-30`, `March 2024`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let error = |reason: String| DateError { text: text.to_string(), reason };
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let shaped = b.len() >= 10
            && digits(0..4)
            && b[4] == b'-'
            && digits(5..7)
            && b[7] == b'-'
            && digits(8..10)
            && matches!(b.get(10), None | Some(b'T' | b't' | b' '));
        if !shaped {
            return Err(error("expected YYYY-MM-DD, optionally followed by a time".into()));
        }
        let pieces = jiff::fmt::temporal::Pieces::parse(text).map_err(|e| error(e.to_string()))?;
        let date = pieces.date();
        Date::from_ymd(date.year(), date.month(), date.day())
            .ok_or_else(|| error("the year must be between 1 and 9999".into()))
    }

    /// The year, 1 to 9999.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// Days since 1970-01-01 (negative before), as Parquet's DATE counts them.
    pub fn days_since_epoch(self) -> i64 {
        self.0.duration_since(jiff::civil::date(1970, 1, 1)).as_hours() / 24
    }

    /// The day of the week, ISO numbered: 1 for Monday to 7 for Sunday.
    pub fn weekday(self) -> i8 {
        self.0.weekday().to_monday_one_offset()
    }

    /// The date `days` days later (earlier if negative), if it is between
    /// 0001-01-01 and 9999-12-31.
    pub fn add_days(self, days: i32) -> Option<Date> {
        let date = self.0.checked_add(jiff::Span::new().try_days(days).ok()?).ok()?;
        (date.year() >= 1).then_some(Date(date))
    }

    /// The first day of the month `months` months later (earlier if
    /// negative), if it is between 0001-01-01 and 9999-12-31.
    pub fn add_months(self, months: i32) -> Option<Date> {
        let first = self.0.first_of_month();
        let date = first.checked_add(jiff::Span::new().try_months(months).ok()?).ok()?;
        (date.year() >= 1).then_some(Date(date))
    }

    /// The Monday of the date's week.
    pub fn week_start(self) -> Date {
        self.add_days(1 - i32::from(self.weekday())).unwrap_or(self)
    }

    /// The date written to `precision`: `2024-03-05` for a day or a week
    /// (its Monday), `2024-03` for a month, `2024` for a year.
    pub fn format(self, precision: Precision) -> String {
        match precision {
            Precision::Day | Precision::Week | Precision::Story => self.to_string(),
            Precision::Month => format!("{:04}-{:02}", self.year(), self.month()),
            Precision::Year => format!("{:04}", self.year()),
        }
    }
}

/// How much of a date the text gives: an event's date is a day, a week, a
/// month or a year the text names, or the story's date when it names none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A day ("yesterday", "on Monday", "on 3 March").
    Day,
    /// A week ("last week"), represented by its Monday.
    Week,
    /// A month ("in March", "last month"), represented by its first day.
    Month,
    /// A year ("in 1988"), represented by its first day.
    Year,
    /// The story's date: the text gives none for the event.
    Story,
}

impl Precision {
    /// `"day"`, `"week"`, `"month"`, `"year"` or `"story"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Story => "story",
        }
    }

    /// The precision named `name` (as [`Precision::as_str`] writes it).
    pub fn parse(name: &str) -> Option<Precision> {
        Some(match name {
            "day" => Precision::Day,
            "week" => Precision::Week,
            "month" => Precision::Month,
            "year" => Precision::Year,
            "story" => Precision::Story,
            _ => return None,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_date_times() {
        let day = |s: &str| Date::parse(s).map(|d| d.to_string());
        assert_eq!(day("2024-02-29").unwrap(), "2024-02-29");
        assert_eq!(day("2024-03-05T10:00:00Z").unwrap(), "2024-03-05");
        assert_eq!(day("2024-03-05 10:00").unwrap(), "2024-03-05");
        assert_eq!(day("2024-03-05T23:30:00-05:00").unwrap(), "2024-03-05", "the written date");
        assert_eq!(day("0001-01-01").unwrap(), "0001-01-01");
        for bad in [
            "2023-02-29",
            "2024-02-30",
            "2024-13-45",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "20240301",
            " 2024-03-01 ",
            "2024-03-01 ",
            "2024-03-051",
            "2024-03-05T",
            "2024-03-05T25:00",
            "2024-03-0\u{e9}x",
            "２０２４-03-05",
            "0000-01-01",
            "1988",
            "March 2024",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn builds_only_real_days() {
        assert_eq!(
            Date::from_ymd(2024, 2, 29).map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(Date::from_ymd(1900, 2, 29), None);
        assert_eq!(Date::from_ymd(0, 1, 1), None);
        assert!(Date::from_ymd(1993, 1, 20) < Date::from_ymd(1993, 1, 21));
    }

    #[test]
    fn days_since_epoch() {
        let days = |s: &str| Date::parse(s).unwrap().days_since_epoch();
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("1969-12-31"), -1);
        assert_eq!(days("2000-03-01"), 11_017);
        assert_eq!(days("2024-03-05"), 19_787);
        assert_eq!(days("0001-01-01"), -719_162);
    }

    #[test]
    fn arithmetic() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("2001-12-27").weekday(), 4, "a Thursday");
        assert_eq!(d("2001-12-24").weekday(), 1);
        assert_eq!(d("2001-12-30").weekday(), 7);
        assert_eq!(d("2001-12-27").add_days(-27).unwrap().to_string(), "2001-11-30");
        assert_eq!(d("2024-02-28").add_days(1).unwrap().to_string(), "2024-02-29");
        assert_eq!(d("2001-12-27").add_months(-1).unwrap().to_string(), "2001-11-01");
        assert_eq!(d("2001-12-27").add_months(1).unwrap().to_string(), "2002-01-01");
        assert_eq!(d("2001-12-27").week_start().to_string(), "2001-12-24");
        assert_eq!(d("2001-12-24").week_start().to_string(), "2001-12-24");
        assert_eq!(d("0001-01-01").add_days(-1), None);
        assert_eq!(d("9999-12-31").add_days(1), None);
        assert_eq!(d("0001-03-01").add_months(-3), None);
        let day = d("2001-12-27");
        assert_eq!(day.format(Precision::Day), "2001-12-27");
        assert_eq!(day.format(Precision::Month), "2001-12");
        assert_eq!(day.format(Precision::Year), "2001");
        for p in
            [Precision::Day, Precision::Week, Precision::Month, Precision::Year, Precision::Story]
        {
            assert_eq!(Precision::parse(p.as_str()), Some(p));
        }
        assert_eq!(Precision::parse("Day"), None);
    }

    proptest::proptest! {
        #[test]
        fn arithmetic_never_panics(y in 1i16..=9999, m in 1i8..=12, d in 1i8..=28, n in proptest::num::i32::ANY) {
            let date = Date::from_ymd(y, m, d).unwrap();
            if let Some(later) = date.add_days(n) {
                proptest::prop_assert_eq!(later.add_days(-n), Some(date));
            }
            let _ = date.add_months(n);
            proptest::prop_assert_eq!(date.week_start().weekday(), 1);
        }

        #[test]
        fn never_panics_and_round_trips(text in "\\PC{0,30}") {
            if let Ok(date) = Date::parse(&text) {
                proptest::prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
            }
        }
    }
}
