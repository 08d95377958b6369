//! Date phrases ("yesterday", "on Monday", "last week", "on 3 March",
//! "in 1988") and the day, week, month or year they name, resolved against
//! the story date (`herald_core::Date` does the calendar arithmetic).
//!
//! [`find`] reads a sentence's tokens; [`Phrase::resolve`] turns a phrase
//! into a date. Which phrase dates which event is the caller's business
//! (`location.rs`: the phrase attached to the event's clause).

use herald_core::{Date, Precision};

use crate::sentence::Sent;

/// A date phrase over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// What a phrase says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A day relative to the story date: "today" 0, "yesterday" -1,
    /// "tomorrow" 1, "three days ago" -3.
    Days(i32),
    /// A day of the week (1 Monday to 7 Sunday), and which one: "last
    /// Monday" is before the story date, "next Monday" after, "on Monday"
    /// as the tense says.
    Weekday(i8, Direction),
    /// A day of a month, of a given year or the nearest one.
    DayOfMonth { day: i8, month: i8, year: Option<i16> },
    /// A month, of a given year, or the nearest one ("in March"), or the
    /// last or next one ("last March").
    Month { month: i8, year: Option<i16>, dir: Direction },
    /// A week relative to the story's: "last week" -1.
    Weeks(i32),
    /// A month relative to the story's: "last month" -1.
    Months(i32),
    /// A year relative to the story's: "last year" -1.
    Years(i32),
    /// A year: "in 1988".
    Year(i16),
}

/// Which way a phrase without its own direction points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// As the tense says.
    Unsaid,
    /// Strictly before the story date ("last Monday").
    Last,
    /// Strictly after it ("next Monday").
    Next,
}

const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Parts of a day that may follow a day word ("yesterday afternoon",
/// "Monday night") and belong to its phrase.
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];

fn month_number(lower: &str) -> Option<i8> {
    let name = lower.strip_suffix('.').unwrap_or(lower);
    let n = match name {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// A day of the month: "3", "03", "3rd", "21st".
fn day_number(lower: &str) -> Option<i8> {
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lower[digits.len()..];
    let ok_suffix = matches!(suffix, "" | "st" | "nd" | "rd" | "th");
    let day: i8 = digits.parse().ok().filter(|_| ok_suffix && digits.len() <= 2)?;
    (1..=31).contains(&day).then_some(day)
}

/// A year written in full, 1000 to 2999.
fn year_number(lower: &str) -> Option<i16> {
    let ok = lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit());
    lower.parse().ok().filter(|y| ok && (1000..3000).contains(y))
}

/// A small count in words or digits ("three", "3").
fn count(lower: &str) -> Option<i32> {
    let words =
        ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    if let Some(n) = words.iter().position(|w| *w == lower) {
        return Some(i32::try_from(n.max(1)).unwrap_or(1));
    }
    lower.parse().ok().filter(|&n| (1..=60).contains(&n))
}

/// Finds the date phrases of a sentence: ordered, non-overlapping, in bounds.
pub(crate) fn find(sent: &Sent<'_>) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sent.len() {
        match phrase_at(sent, i) {
            Some(p) => {
                i = p.end;
                out.push(p);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether token `i` is written with a capital, as month and day names are.
fn capitalised(sent: &Sent<'_>, i: usize) -> bool {
    sent.tokens.get(i).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase)
}

fn weekday_at(sent: &Sent<'_>, i: usize) -> Option<i8> {
    let lower = sent.lower.get(i)?;
    let n = WEEKDAYS.iter().position(|d| d == lower)?;
    capitalised(sent, i).then(|| i8::try_from(n + 1).unwrap_or(1))
}

fn month_at(sent: &Sent<'_>, i: usize) -> Option<i8> {
    month_number(sent.lower.get(i)?).filter(|_| capitalised(sent, i))
}

/// The phrase starting at token `i`, if one does (the longest).
fn phrase_at(sent: &Sent<'_>, i: usize) -> Option<Phrase> {
    let w = |k: usize| sent.lower.get(k).map_or("", String::as_str);
    // "yesterday afternoon", "Monday night", "Late Wednesday local time".
    let part = |k: usize| {
        let p = usize::from(DAY_PARTS.contains(&w(k)));
        p + 2 * usize::from(w(k + p) == "local" && w(k + p + 1) == "time")
    };
    let phrase = |end: usize, kind: Kind| Some(Phrase { start: i, end, kind });
    // "late Wednesday", "early yesterday": the qualifier belongs to the day.
    if matches!(w(i), "late" | "early") {
        let day = phrase_at(sent, i + 1)
            .filter(|p| matches!(p.kind, Kind::Days(_) | Kind::Weekday(..)) && p.start == i + 1);
        if let Some(p) = day {
            return Some(Phrase { start: i, ..p });
        }
    }
    match w(i) {
        "today" | "tonight" => return phrase(i + 1 + part(i + 1), Kind::Days(0)),
        "yesterday" => return phrase(i + 1 + part(i + 1), Kind::Days(-1)),
        "tomorrow" => return phrase(i + 1 + part(i + 1), Kind::Days(1)),
        "this" if DAY_PARTS.contains(&w(i + 1)) && w(i + 1) != "night" => {
            return phrase(i + 2, Kind::Days(0));
        }
        "last" if w(i + 1) == "night" => return phrase(i + 2, Kind::Days(-1)),
        "last" | "next" | "this" => {
            let dir = match w(i) {
                "last" => Direction::Last,
                "next" => Direction::Next,
                _ => Direction::Unsaid,
            };
            let step = match dir {
                Direction::Last => -1,
                Direction::Next => 1,
                Direction::Unsaid => 0,
            };
            if let Some(day) = weekday_at(sent, i + 1) {
                return phrase(i + 2 + part(i + 2), Kind::Weekday(day, dir));
            }
            if let Some(month) = month_at(sent, i + 1).filter(|_| dir != Direction::Unsaid) {
                return phrase(i + 2, Kind::Month { month, year: None, dir });
            }
            match w(i + 1) {
                "week" => return phrase(i + 2, Kind::Weeks(step)),
                "month" => return phrase(i + 2, Kind::Months(step)),
                "year" => return phrase(i + 2, Kind::Years(step)),
                _ => {}
            }
        }
        // "at the beginning of the month": this month.
        "the" if w(i + 1) == "month" && i > 0 && w(i - 1) == "of" => {
            return phrase(i + 2, Kind::Months(0));
        }
        _ => {}
    }
    if let Some(n) = count(w(i)) {
        if matches!(w(i + 1), "day" | "days") && w(i + 2) == "ago" {
            return phrase(i + 3, Kind::Days(-n));
        }
    }
    if let Some(day) = weekday_at(sent, i) {
        return phrase(i + 1 + part(i + 1), Kind::Weekday(day, Direction::Unsaid));
    }
    // "3 March", "3 March 2001", "3rd of March".
    if let Some(day) = day_number(w(i)) {
        let of = usize::from(w(i + 1) == "of");
        if let Some(month) = month_at(sent, i + 1 + of) {
            let m = i + 1 + of;
            let year = year_number(w(m + 1));
            let end = m + 1 + usize::from(year.is_some());
            return phrase(end, Kind::DayOfMonth { day, month, year });
        }
    }
    if let Some(month) = month_at(sent, i) {
        // "March 3", "March 3, 2001", "Dec 6 1975".
        if let Some(day) = day_number(w(i + 1)) {
            let comma = usize::from(w(i + 2) == ",");
            let year = year_number(w(i + 2 + comma));
            let end = if year.is_some() { i + 3 + comma } else { i + 2 };
            return phrase(end, Kind::DayOfMonth { day, month, year });
        }
        // "in March", "in March 2001", "during June": a month needs a
        // preposition before it ("May" is also a verb, "March" a name).
        let before = i.checked_sub(1).map_or("", w);
        let year = year_number(w(i + 1));
        let after_prep =
            matches!(before, "in" | "during" | "since" | "until" | "by" | "early" | "late" | "mid");
        if after_prep || year.is_some() {
            let end = i + 1 + usize::from(year.is_some());
            return phrase(end, Kind::Month { month, year, dir: Direction::Unsaid });
        }
    }
    // "in 1988", "since 1988": a year after a preposition.
    if let Some(year) = year_number(w(i)) {
        let before = i.checked_sub(1).map_or("", w);
        if matches!(before, "in" | "since" | "during") {
            return phrase(i + 1, Kind::Year(year));
        }
    }
    None
}

impl Phrase {
    /// The date the phrase names, if it can be resolved: relative phrases
    /// need the story date (`story`); a day or month without a year takes
    /// the story's nearest one (the next one if `future`). A phrase of no
    /// direction of its own ("on Monday") points back from the story date,
    /// or forward if `future`.
    pub(crate) fn resolve(&self, story: Option<Date>, future: bool) -> Option<(Date, Precision)> {
        match self.kind {
            Kind::Year(year) => return Some((Date::from_ymd(year, 1, 1)?, Precision::Year)),
            Kind::DayOfMonth { day, month, year: Some(year) } => {
                return Some((Date::from_ymd(year, month, day)?, Precision::Day));
            }
            Kind::Month { month, year: Some(year), .. } => {
                return Some((Date::from_ymd(year, month, 1)?, Precision::Month));
            }
            _ => {}
        }
        let story = story?;
        Some(match self.kind {
            Kind::Days(n) => (story.add_days(n)?, Precision::Day),
            Kind::Weekday(day, dir) => {
                // Days from the story date back to the last such weekday (0..=6).
                let back = (i32::from(story.weekday()) - i32::from(day)).rem_euclid(7);
                let offset = match dir {
                    Direction::Last => -(if back == 0 { 7 } else { back }),
                    Direction::Next => (7 - back - 1).rem_euclid(7) + 1,
                    Direction::Unsaid if future => (7 - back).rem_euclid(7),
                    Direction::Unsaid => -back,
                };
                (story.add_days(offset)?, Precision::Day)
            }
            Kind::DayOfMonth { day, month, .. } => {
                (nearest(story, future, |y| Date::from_ymd(y, month, day))?, Precision::Day)
            }
            Kind::Month { month, dir, .. } => {
                let this_month = story.add_months(0)?;
                let first = |y| Date::from_ymd(y, month, 1);
                let years =
                    [story.year().saturating_sub(1), story.year(), story.year().saturating_add(1)];
                let date = if dir == Direction::Last {
                    years.into_iter().filter_map(first).filter(|d| *d < this_month).max()?
                } else if dir == Direction::Next {
                    years.into_iter().filter_map(first).find(|d| *d > this_month)?
                } else if future {
                    [story.year(), story.year().saturating_add(1)]
                        .into_iter()
                        .filter_map(first)
                        .find(|d| *d >= this_month)?
                } else {
                    nearest(this_month, false, first)?
                };
                (date, Precision::Month)
            }
            Kind::Weeks(n) => (story.week_start().add_days(n.checked_mul(7)?)?, Precision::Week),
            Kind::Months(n) => (story.add_months(n)?, Precision::Month),
            Kind::Years(n) => {
                let year = i16::try_from(i32::from(story.year()).checked_add(n)?).ok()?;
                (Date::from_ymd(year, 1, 1)?, Precision::Year)
            }
            Kind::Year(_) => return None,
        })
    }
}

/// Of the dates `at` gives for the years around `story`'s, the nearest to
/// it (an earlier one among equals), or with `future` the first on or after it.
fn nearest(story: Date, future: bool, at: impl Fn(i16) -> Option<Date>) -> Option<Date> {
    let y = story.year();
    let candidates = [y.saturating_sub(1), y, y.saturating_add(1)].into_iter().filter_map(at);
    if future {
        return candidates.filter(|d| *d >= story).min();
    }
    let distance = |d: &Date| (d.days_since_epoch() - story.days_since_epoch()).abs();
    candidates.min_by_key(|d| (distance(d), *d > story))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str) -> (Vec<herald_core::Span>, String) {
        let s = herald_text::split_sentences(text);
        (s.iter().flat_map(|s| s.tokens.clone()).collect(), text.to_string())
    }

    /// Each phrase's text and what it resolves to against `story`.
    fn dates(text: &str, story: &str, future: bool) -> Vec<(String, Option<String>)> {
        let (spans, text) = sent(text);
        let s = Sent::new(&text, &spans);
        let story = Date::parse(story).ok();
        find(&s)
            .iter()
            .map(|p| {
                let words = s.tokens[p.start..p.end].join(" ");
                let date = p
                    .resolve(story, future)
                    .map(|(d, prec)| format!("{} {}", d.format(prec), prec.as_str()));
                (words, date)
            })
            .collect()
    }

    fn one(text: &str, story: &str) -> String {
        let got = dates(text, story, false);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        format!("{} = {}", got[0].0, got[0].1.clone().unwrap_or_default())
    }

    #[test]
    fn relative_days() {
        // 2001-12-27 is a Thursday.
        let d = "2001-12-27";
        assert_eq!(one("They met yesterday.", d), "yesterday = 2001-12-26 day");
        assert_eq!(one("They met yesterday afternoon.", d), "yesterday afternoon = 2001-12-26 day");
        assert_eq!(one("Troops left this morning.", d), "this morning = 2001-12-27 day");
        assert_eq!(one("Talks failed last night.", d), "last night = 2001-12-26 day");
        assert_eq!(one("It fell late yesterday.", d), "late yesterday = 2001-12-26 day");
        assert_eq!(one("Troops arrived today.", d), "today = 2001-12-27 day");
        assert_eq!(one("It was bombed two days ago.", d), "two days ago = 2001-12-25 day");
        assert_eq!(one("It was bombed 3 days ago.", d), "3 days ago = 2001-12-24 day");
    }

    #[test]
    fn weekdays() {
        let d = "2001-12-27";
        assert_eq!(one("They met on Wednesday.", d), "Wednesday = 2001-12-26 day");
        assert_eq!(one("They met on Thursday.", d), "Thursday = 2001-12-27 day", "the same day");
        assert_eq!(one("They met on Friday.", d), "Friday = 2001-12-21 day");
        assert_eq!(one("They met last Thursday.", d), "last Thursday = 2001-12-20 day");
        assert_eq!(one("They meet next Thursday.", d), "next Thursday = 2002-01-03 day");
        assert_eq!(one("They meet next Friday.", d), "next Friday = 2001-12-28 day");
        assert_eq!(one("Late Wednesday, jets struck.", d), "Late Wednesday = 2001-12-26 day");
        assert_eq!(
            one("Late Wednesday local time, jets struck.", d),
            "Late Wednesday local time = 2001-12-26 day"
        );
        assert_eq!(one("Raids on Sunday night.", d), "Sunday night = 2001-12-23 day");
        let future = dates("They will meet on Friday.", d, true);
        assert_eq!(future[0].1.as_deref(), Some("2001-12-28 day"));
        let future = dates("They will meet on Thursday.", d, true);
        assert_eq!(future[0].1.as_deref(), Some("2001-12-27 day"));
    }

    #[test]
    fn days_of_months() {
        let d = "2001-12-27";
        assert_eq!(one("It was attacked on October 2.", d), "October 2 = 2001-10-02 day");
        assert_eq!(one("It was attacked on 2 October.", d), "2 October = 2001-10-02 day");
        assert_eq!(
            one("It was attacked on the 2nd of October.", d),
            "2nd of October = 2001-10-02 day"
        );
        assert_eq!(one("They left on Dec. 6, 1975.", d), "Dec. 6 , 1975 = 1975-12-06 day");
        assert_eq!(one("They left on December 6 1975.", d), "December 6 1975 = 1975-12-06 day");
        // The nearest January 2 to the end of December is the next one.
        assert_eq!(one("It starts on January 2.", d), "January 2 = 2002-01-02 day");
        assert_eq!(one("He was jailed in June 1995.", d), "June 1995 = 1995-06 month");
        assert_eq!(one("They met in Jakarta in August.", d), "August = 2001-08 month");
        assert_eq!(one("It began in 1988.", d), "1988 = 1988 year");
        assert_eq!(
            dates("Elections are due in March.", d, true)[0].1.as_deref(),
            Some("2002-03 month")
        );
    }

    #[test]
    fn weeks_months_years() {
        let d = "2001-12-27";
        assert_eq!(one("Ties were cut last week.", d), "last week = 2001-12-17 week");
        assert_eq!(one("They meet this week.", d), "this week = 2001-12-24 week");
        assert_eq!(one("He was arrested last month.", d), "last month = 2001-11 month");
        assert_eq!(
            one("It happened at the beginning of the month.", d),
            "the month = 2001-12 month"
        );
        assert_eq!(one("It happened last year.", d), "last year = 2000 year");
        assert_eq!(one("It was bombed last October.", d), "last October = 2001-10 month");
        assert_eq!(one("It was bombed last December.", d), "last December = 2000-12 month");
        assert_eq!(one("Talks resume next January.", d), "next January = 2002-01 month");
    }

    #[test]
    fn not_dates() {
        let d = "2001-12-27";
        for text in [
            "Troops may march on the capital.",
            "Forces on the march.",
            "The 1988 accord stands.",
            "Last of all, he left.",
            "This week's talks.",
        ] {
            let got = dates(text, d, false);
            assert!(
                got.iter()
                    .all(|(w, _)| w != "march" && w != "Monday" && w != "1988" && w != "Last"),
                "{text}: {got:?}"
            );
        }
        // Without a story date, only absolute phrases resolve.
        assert_eq!(dates("They met yesterday.", "", false)[0].1, None);
        assert_eq!(dates("It began in 1988.", "", false)[0].1.as_deref(), Some("1988 year"));
    }

    proptest::proptest! {
        #[test]
        fn phrases_are_ordered_in_bounds_and_resolve_without_panics(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "on", "in", "last", "next", "this", "the", "of", "late", "early", "Monday", "sunday",
                "March", "may", "May", "Dec.", "3", "31st", "0", "99", "1988", "2999", "0000",
                "yesterday", "today", "tomorrow", "night", "morning", "week", "month", "year",
                "days", "day", "ago", "two", "a", ",", "since", "Friday", "January",
            ]), 0..14),
            y in 1i16..=9999, m in 1i8..=12, dd in 1i8..=28, future: bool,
        ) {
            let text = words.join(" ");
            let (spans, text) = sent(&text);
            let s = Sent::new(&text, &spans);
            let story = Date::from_ymd(y, m, dd);
            let mut last = 0;
            for p in find(&s) {
                proptest::prop_assert!(p.start >= last && p.start < p.end && p.end <= s.len());
                last = p.end;
                if let Some((date, precision)) = p.resolve(story, future) {
                    proptest::prop_assert!(precision != Precision::Story);
                    if let Kind::Days(n) = p.kind {
                        proptest::prop_assert_eq!(story.and_then(|s| s.add_days(n)), Some(date));
                    }
                }
            }
        }
    }
}
