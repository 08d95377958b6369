//! Calendar days and aggregation periods.
//!
//! Days are stored as `YYYY-MM-DD` text: it sorts like the date, reads like
//! the date in any SQLite, DuckDB or pandas session, and SQLite's date
//! functions understand it, so weeks and months are computed in SQL.

use std::fmt;

/// A valid proleptic Gregorian calendar day from year 0001 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

/// A string that is not a `YYYY-MM-DD` calendar day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a calendar day (expected YYYY-MM-DD)")]
pub struct DayError(pub String);

impl Day {
    /// Parses exactly `YYYY-MM-DD`, rejecting impossible days (`2023-02-29`).
    pub fn parse(text: &str) -> Result<Day, DayError> {
        if text.len() != 10 {
            return Err(DayError(text.to_string()));
        }
        Day::from_date_prefix(text).ok_or_else(|| DayError(text.to_string()))
    }

    /// The day a date string starts with (`2024-03-05`, `2024-03-05T10:00:00Z`,
    /// `2024-03-05 10:00`), or `None` when it names no full day (`1988`,
    /// `March 2024`, garbage). Used for story and event dates, which are free text.
    pub fn from_date_prefix(text: &str) -> Option<Day> {
        let b = text.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        // A longer string must continue with a time, not more digits (`2024-03-051`).
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            b[r].iter().try_fold(0u16, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0'))
            })
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let month = u8::try_from(month).ok()?;
        let day = u8::try_from(day).ok()?;
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), as Parquet's DATE counts
    /// them; Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How aggregates are bucketed in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// One bucket per calendar day.
    Day,
    /// ISO weeks, labelled by their Monday.
    Week,
    /// Calendar months, labelled by their first day.
    Month,
    /// No time buckets: one total per dyad, undated events included.
    All,
}

/// A period name that is not `day`, `week`, `month` or `all`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a period (expected day, week, month or all)")]
pub struct PeriodError(pub String);

impl Period {
    /// Parses `day`, `week`, `month` or `all`.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        match text {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "all" => Ok(Period::All),
            _ => Err(PeriodError(text.to_string())),
        }
    }

    /// The name `parse` accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::All => "all",
        }
    }

    /// SQL for the first day of the bucket holding the `YYYY-MM-DD` column `day`.
    pub(crate) fn sql_bucket(self, day: &str) -> String {
        match self {
            Period::Day => day.to_string(),
            // `weekday 0` moves forward to the next Sunday (or stays on one);
            // six days back from there is the Monday that starts the ISO week.
            Period::Week => format!("date({day}, 'weekday 0', '-6 days')"),
            Period::Month => format!("substr({day}, 1, 8) || '01'"),
            Period::All => "NULL".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_prefixes() {
        assert_eq!(Day::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "2024-01-01T",
            "",
            "0000-01-01",
        ] {
            assert!(Day::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Day::from_date_prefix("2024-03-05T10:00:00Z").unwrap().to_string(),
            "2024-03-05"
        );
        assert_eq!(Day::from_date_prefix("2024-03-05 10:00").unwrap().to_string(), "2024-03-05");
        for none in ["1988", "March 2024", "2024-03-051", "2024-03", "２０２４-03-05"] {
            assert_eq!(Day::from_date_prefix(none), None, "{none}");
        }
    }

    #[test]
    fn days_since_epoch() {
        let days = |s: &str| Day::parse(s).unwrap().days_since_epoch();
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("1969-12-31"), -1);
        assert_eq!(days("2000-03-01"), 11_017);
        assert_eq!(days("2024-03-05"), 19_787);
        assert_eq!(days("0001-01-01"), -719_162);
    }

    #[test]
    fn periods_round_trip() {
        for p in [Period::Day, Period::Week, Period::Month, Period::All] {
            assert_eq!(Period::parse(p.as_str()), Ok(p));
        }
        assert!(Period::parse("year").is_err());
    }
}
