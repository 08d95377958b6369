//! Calendar dates: story dates, the dates of date-restricted actor codes,
//! and the days of the event store.

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

    proptest::proptest! {
        #[test]
        fn never_panics_and_round_trips(text in "\\PC{0,30}") {
            if let Ok(date) = Date::parse(&text) {
                proptest::prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
            }
        }
    }
}
