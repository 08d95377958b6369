//! Aggregation periods.
//!
//! Days are stored as `YYYY-MM-DD` text ([`herald_core::Date`]'s form): it
//! sorts like the date, reads like the date in any SQLite, DuckDB or pandas
//! session, and SQLite's date functions understand it, so weeks and months
//! are computed in SQL.

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
    fn periods_round_trip() {
        for p in [Period::Day, Period::Week, Period::Month, Period::All] {
            assert_eq!(Period::parse(p.as_str()), Ok(p));
        }
        assert!(Period::parse("year").is_err());
    }
}
