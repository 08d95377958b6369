//! Codes and dates: [`EventCode`], [`VerbCode`], [`ActorCode`], [`Date`] and
//! [`DateRestriction`].

use std::fmt;
use std::str::FromStr;

/// An event code as written in a verb dictionary, e.g. `042`, `0356` or `---`.
///
/// The text is kept exactly as written; [`EventCode::kind`] classifies it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventCode(String);

/// What an [`EventCode`] is, syntactically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventCodeKind {
    /// A CAMEO code: 2 to 4 digits (leading zeros kept) whose first two
    /// digits are a CAMEO root, `01` to `20`.
    Cameo,
    /// The null code `---`: the verb or pattern generates no event.
    Null,
    /// A special TABARI code used in the validation files: `+++` or `###`
    /// (`###` was TABARI's discard code; PETRARCH has a separate discard list).
    Special,
    /// Anything else (WEIS codes, test codes such as `075A`, typos such as `080!`).
    Other,
}

impl EventCode {
    /// Wraps `text` (not validated: see [`EventCode::kind`]).
    pub fn new(text: impl Into<String>) -> EventCode {
        EventCode(text.into())
    }

    /// The null code `---`.
    pub fn null() -> EventCode {
        EventCode(NULL_CODE.to_string())
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the null code `---`.
    pub fn is_null(&self) -> bool {
        self.0 == NULL_CODE
    }

    /// Classifies the code.
    pub fn kind(&self) -> EventCodeKind {
        let s = self.0.as_str();
        if s == NULL_CODE {
            EventCodeKind::Null
        } else if s == "+++" || s == "###" {
            EventCodeKind::Special
        } else if is_cameo_code(s) {
            EventCodeKind::Cameo
        } else {
            EventCodeKind::Other
        }
    }

    /// Whether the code is a valid CAMEO code, the null code or a special code.
    pub fn is_valid(&self) -> bool {
        self.kind() != EventCodeKind::Other
    }
}

impl fmt::Display for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The null code.
pub const NULL_CODE: &str = "---";

/// Whether `s` is a syntactically valid CAMEO event code: 2–4 ASCII digits
/// whose first two digits are a root between `01` and `20`.
pub fn is_cameo_code(s: &str) -> bool {
    let b = s.as_bytes();
    if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let root = (b[0] - b'0') * 10 + (b[1] - b'0');
    (1..=20).contains(&root)
}

/// The code of a verb, verb block or pattern: `[primary]`, `[primary:secondary]`
/// or `[:secondary]`.
///
/// The part after `:` is the TABARI/PETRARCH secondary code (the format
/// description notes that the null code can also be used as a secondary
/// code). Both parts are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerbCode {
    /// The code before `:` (or the only code); `None` for `[:123]`.
    pub primary: Option<EventCode>,
    /// The code after `:`, if there is a `:` and something after it.
    pub secondary: Option<EventCode>,
}

impl VerbCode {
    /// The null code `[---]`.
    pub fn null() -> VerbCode {
        VerbCode { primary: Some(EventCode::null()), secondary: None }
    }

    /// Whether this is exactly the null code `[---]`.
    pub fn is_null(&self) -> bool {
        self.secondary.is_none() && self.primary.as_ref().is_some_and(EventCode::is_null)
    }

    /// Parses the text between the brackets, e.g. `042:043`.
    pub fn parse(inner: &str) -> Result<VerbCode, crate::ErrorKind> {
        let t = inner.trim();
        if t.is_empty() {
            return Err(crate::ErrorKind::EmptyCode);
        }
        if t.chars().any(char::is_whitespace) || t.matches(':').count() > 1 {
            return Err(crate::ErrorKind::InvalidCode);
        }
        let (a, b) = match t.split_once(':') {
            Some((a, b)) => (a, Some(b)),
            None => (t, None),
        };
        let primary = (!a.is_empty()).then(|| EventCode::new(a));
        let secondary = b.filter(|b| !b.is_empty()).map(EventCode::new);
        if primary.is_none() && secondary.is_none() {
            return Err(crate::ErrorKind::EmptyCode);
        }
        Ok(VerbCode { primary, secondary })
    }

    /// The codes present (primary first).
    pub fn codes(&self) -> impl Iterator<Item = &EventCode> {
        self.primary.iter().chain(self.secondary.iter())
    }
}

impl fmt::Display for VerbCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        if let Some(p) = &self.primary {
            f.write_str(p.as_str())?;
        }
        if let Some(s) = &self.secondary {
            write!(f, ":{s}")?;
        }
        f.write_str("]")
    }
}

/// An actor code as written, e.g. `AFG`, `IGOUNO`, `---` or `ELR/GAL`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode(String);

impl ActorCode {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> ActorCode {
        ActorCode(text.into())
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the null code `---` (the actor generates no code).
    pub fn is_null(&self) -> bool {
        self.0 == NULL_CODE
    }

    /// The `/`-separated codes of a multiple code such as `FRO/BIL/SAM`
    /// (a single code yields itself).
    pub fn alternatives(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date, as used by actor date restrictions.
///
/// Dates are written `YYYYMMDD` or `YYMMDD`. Two-digit years follow the
/// KEDS/TABARI/PETRARCH rule: `00`–`30` are `2000`–`2030`, `31`–`99` are
/// `1931`–`1999` (so `730717-070723` is 1973-07-17 to 2007-07-23).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// The last two-digit year read as 20YY; later ones are 19YY.
pub const TWO_DIGIT_YEAR_PIVOT: u16 = 30;

impl Date {
    /// A date, if `year`/`month`/`day` is a real Gregorian calendar date.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYYMMDD` or `YYMMDD` (see the type docs for the century rule).
    pub fn parse(s: &str) -> Result<Date, String> {
        if !s.bytes().all(|b| b.is_ascii_digit()) || s.is_empty() {
            return Err(format!("`{s}` is not a number"));
        }
        let num = |r: std::ops::Range<usize>| -> u16 {
            s[r].bytes().fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'))
        };
        let (year, rest) = match s.len() {
            6 => {
                let yy = num(0..2);
                (if yy <= TWO_DIGIT_YEAR_PIVOT { 2000 + yy } else { 1900 + yy }, 2)
            }
            8 => (num(0..4), 4),
            n => return Err(format!("`{s}` has {n} digits, expected YYMMDD or YYYYMMDD")),
        };
        let month = num(rest..rest + 2) as u8;
        let day = num(rest + 2..rest + 4) as u8;
        Date::from_ymd(year, month, day).ok_or_else(|| format!("`{s}` is not a calendar date"))
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// When an actor code applies. All limits are inclusive ("or equal to").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRestriction {
    /// `<date`: on or before the date.
    Before(Date),
    /// `>date`: on or after the date.
    After(Date),
    /// `date-date`: between the two dates, both included.
    Between(Date, Date),
}

impl DateRestriction {
    /// Whether `date` satisfies the restriction.
    pub fn contains(&self, date: Date) -> bool {
        match *self {
            DateRestriction::Before(d) => date <= d,
            DateRestriction::After(d) => date >= d,
            DateRestriction::Between(a, b) => a <= date && date <= b,
        }
    }

    /// Parses the restriction text after the code, e.g. `<911226`,
    /// `> 990816`, `19950601 - 19990815` (blanks are allowed around the
    /// operator).
    pub fn parse(s: &str) -> Result<DateRestriction, crate::ErrorKind> {
        use crate::ErrorKind;
        let t = s.trim();
        let date = |x: &str| Date::parse(x.trim()).map_err(ErrorKind::InvalidDate);
        if let Some(rest) = t.strip_prefix('<') {
            Ok(DateRestriction::Before(date(rest)?))
        } else if let Some(rest) = t.strip_prefix('>') {
            Ok(DateRestriction::After(date(rest)?))
        } else if let Some((a, b)) = t.split_once('-') {
            Ok(DateRestriction::Between(date(a)?, date(b)?))
        } else {
            Err(ErrorKind::InvalidRestriction)
        }
    }
}

impl fmt::Display for DateRestriction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateRestriction::Before(d) => write!(f, "<{d}"),
            DateRestriction::After(d) => write!(f, ">{d}"),
            DateRestriction::Between(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes() {
        for ok in ["01", "010", "0356", "1722", "20", "204"] {
            assert_eq!(EventCode::new(ok).kind(), EventCodeKind::Cameo, "{ok}");
        }
        for bad in ["0", "00", "21", "210", "12345", "075A", "080!", "abc", ""] {
            assert_eq!(EventCode::new(bad).kind(), EventCodeKind::Other, "{bad}");
        }
        assert_eq!(EventCode::new("---").kind(), EventCodeKind::Null);
        assert_eq!(EventCode::new("+++").kind(), EventCodeKind::Special);
        assert_eq!(EventCode::new("###").kind(), EventCodeKind::Special);
    }

    #[test]
    fn verb_codes() {
        let c = VerbCode::parse("042:043").unwrap();
        assert_eq!(c.primary.unwrap().as_str(), "042");
        assert_eq!(c.secondary.unwrap().as_str(), "043");
        let c = VerbCode::parse(":173").unwrap();
        assert!(c.primary.is_none());
        assert_eq!(c.to_string(), "[:173]");
        assert!(VerbCode::parse(" --- ").unwrap().is_null());
        assert!(VerbCode::parse("").is_err());
        assert!(VerbCode::parse(":").is_err());
        assert!(VerbCode::parse("01 2").is_err());
        assert!(VerbCode::parse("1:2:3").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("730717").unwrap(), Date::from_ymd(1973, 7, 17).unwrap());
        assert_eq!(Date::parse("070723").unwrap(), Date::from_ymd(2007, 7, 23).unwrap());
        assert_eq!(Date::parse("300101").unwrap().year(), 2030);
        assert_eq!(Date::parse("310101").unwrap().year(), 1931);
        assert_eq!(Date::parse("18970101").unwrap().year(), 1897);
        assert!(Date::parse("20000229").is_ok());
        assert!(Date::parse("19000229").is_err());
        assert!(Date::parse("201005011").is_err());
        assert!(Date::parse("9008223").is_err());
        assert!(Date::parse("201313").is_err());
        assert!(Date::parse("12ab56").is_err());
        assert_eq!(Date::parse("19950601").unwrap().to_string(), "19950601");
    }

    #[test]
    fn restrictions() {
        let d = |s| Date::parse(s).unwrap();
        let r = DateRestriction::parse(" 19950601 - 19990815 ").unwrap();
        assert!(r.contains(d("19950601")) && r.contains(d("19990815")));
        assert!(!r.contains(d("19990816")));
        assert!(DateRestriction::parse("< 950601").unwrap().contains(d("950601")));
        assert!(DateRestriction::parse(">990816").unwrap().contains(d("990816")));
        assert_eq!(DateRestriction::parse("20121204"), Err(crate::ErrorKind::InvalidRestriction));
        assert!(matches!(
            DateRestriction::parse(">201005011"),
            Err(crate::ErrorKind::InvalidDate(_))
        ));
    }
}
