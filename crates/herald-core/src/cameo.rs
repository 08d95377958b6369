use std::collections::HashMap;
use std::fmt;

/// The longest user-defined code, in bytes; codes are stored inline so that
/// `EventCode` stays `Copy`.
pub const MAX_USER_CODE_LEN: usize = 8;

/// An event code: a validated CAMEO code (2 to 4 ASCII digits whose first
/// two digits name one of the 20 root categories, `"01"` to `"20"`), or a
/// user-defined code that a dictionary adds to CAMEO (`"901"`, `"174K"`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventCode {
    bytes: [u8; MAX_USER_CODE_LEN],
    len: u8,
    cameo: bool,
}

impl EventCode {
    /// Parses a CAMEO code such as `"19"`, `"190"` or `"1823"`.
    pub fn parse(text: &str) -> Option<EventCode> {
        let bytes = text.as_bytes();
        if !(2..=4).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let root = (bytes[0] - b'0') * 10 + (bytes[1] - b'0');
        if !(1..=20).contains(&root) {
            return None;
        }
        EventCode::inline(bytes, true)
    }

    /// A code as a dictionary defines it: a CAMEO code when it is one, else
    /// a user-defined code of 1 to [`MAX_USER_CODE_LEN`] printable ASCII
    /// characters other than `:` (the separator of a reverse code) and `#`
    /// (comments in herald's dictionaries).
    pub fn user(text: &str) -> Option<EventCode> {
        let bytes = text.as_bytes();
        let ok = |b: &u8| b.is_ascii_graphic() && !matches!(b, b':' | b'#');
        match EventCode::parse(text) {
            Some(code) => Some(code),
            None if bytes.len() <= MAX_USER_CODE_LEN && bytes.iter().all(ok) => {
                EventCode::inline(bytes, false)
            }
            None => None,
        }
    }

    fn inline(bytes: &[u8], cameo: bool) -> Option<EventCode> {
        let mut inline = [0u8; MAX_USER_CODE_LEN];
        inline.get_mut(..bytes.len())?.copy_from_slice(bytes);
        (!bytes.is_empty()).then_some(EventCode { bytes: inline, len: bytes.len() as u8, cameo })
    }

    /// Whether this is a CAMEO code (not a user-defined one).
    pub fn is_cameo(&self) -> bool {
        self.cameo
    }

    /// The code as written, e.g. `"0874"`.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so this cannot fail.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    /// The root: the first two characters if they are digits (`"08"` for
    /// `"0874"`, `"17"` for `"174K"`), else the whole code.
    pub fn root(&self) -> EventCode {
        let [a, b, ..] = self.bytes;
        if self.len > 2 && a.is_ascii_digit() && b.is_ascii_digit() {
            let cameo = self.cameo;
            return EventCode { bytes: [a, b, 0, 0, 0, 0, 0, 0], len: 2, cameo };
        }
        *self
    }

    /// The CAMEO root category as a number from 1 to 20; `None` for a
    /// user-defined code.
    pub fn root_number(&self) -> Option<u8> {
        self.cameo.then(|| (self.bytes[0] - b'0') * 10 + (self.bytes[1] - b'0'))
    }

    /// The CAMEO code one level up (`"0874"` → `"087"`, `"087"` → `"08"`); a
    /// root or a user-defined code has no parent.
    pub fn parent(&self) -> Option<EventCode> {
        (self.cameo && self.len > 2).then(|| {
            let mut bytes = self.bytes;
            bytes[usize::from(self.len) - 1] = 0;
            EventCode { bytes, len: self.len - 1, cameo: true }
        })
    }
}

impl fmt::Display for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventCode({})", self.as_str())
    }
}

/// The four quad classes that group CAMEO roots by cooperation/conflict and
/// verbal/material action (GDELT's `QuadClass`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuadClass {
    /// Roots 01–05.
    VerbalCooperation = 1,
    /// Roots 06–08.
    MaterialCooperation = 2,
    /// Roots 09–13.
    VerbalConflict = 3,
    /// Roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The quad class of a root category number (1–20).
    pub fn of_root(root: u8) -> QuadClass {
        match root {
            0..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }

    /// The class number, 1–4.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The four classes, in number order.
    pub const ALL: [QuadClass; 4] = [
        QuadClass::VerbalCooperation,
        QuadClass::MaterialCooperation,
        QuadClass::VerbalConflict,
        QuadClass::MaterialConflict,
    ];

    /// The class's name: "verbal cooperation", "material conflict"...
    pub fn name(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal cooperation",
            QuadClass::MaterialCooperation => "material cooperation",
            QuadClass::VerbalConflict => "verbal conflict",
            QuadClass::MaterialConflict => "material conflict",
        }
    }
}

/// What the CAMEO table says about one code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoEntry {
    /// The code.
    pub code: EventCode,
    /// Short English name of the category.
    pub name: String,
    /// Goldstein (1992) conflict–cooperation weight, from -10 to +10.
    pub goldstein: f32,
    /// Quad class.
    pub quad_class: QuadClass,
    /// PLOVER event type, e.g. `"ASSAULT"`, if the code maps to one.
    pub plover: Option<String>,
    /// PLOVER mode, if any.
    pub plover_mode: Option<String>,
    /// PLOVER context(s), `;`-separated, if any.
    pub plover_context: Option<String>,
}

/// An error in a CAMEO table file.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("cameo table line {line}: {message}")]
pub struct CameoTableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The CAMEO code table: names, Goldstein values, quad classes and PLOVER mapping.
#[derive(Clone, Debug)]
pub struct CameoTable {
    entries: Vec<CameoEntry>,
    index: HashMap<EventCode, usize>,
}

const EMBEDDED_TABLE: &str = include_str!("../data/cameo.tsv");

impl CameoTable {
    /// The table shipped with herald (`data/cameo.tsv`).
    pub fn embedded() -> CameoTable {
        // The embedded file is checked by this crate's tests, so a parse
        // failure here is a build defect, not an input error.
        CameoTable::parse(EMBEDDED_TABLE).expect("embedded cameo.tsv is valid")
    }

    /// Parses a table in the format of `data/cameo.tsv` (see `data/README.md`).
    pub fn parse(text: &str) -> Result<CameoTable, CameoTableError> {
        let mut entries = Vec::new();
        let mut index = HashMap::new();
        for (line_idx, line) in text.lines().enumerate().skip(1) {
            let line_no = line_idx + 1;
            let err = |message: String| CameoTableError { line: line_no, message };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 7 {
                return Err(err(format!(
                    "expected 7 tab-separated fields, found {}",
                    fields.len()
                )));
            }
            let code = EventCode::parse(fields[0].trim())
                .ok_or_else(|| err(format!("invalid CAMEO code {:?}", fields[0])))?;
            let goldstein: f32 = fields[2]
                .trim()
                .parse()
                .map_err(|_| err(format!("invalid Goldstein value {:?}", fields[2])))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(err(format!("Goldstein value {goldstein} outside [-10, 10]")));
            }
            let optional = |s: &str| {
                let s = s.trim();
                (!s.is_empty()).then(|| s.to_string())
            };
            if index.insert(code, entries.len()).is_some() {
                return Err(err(format!("duplicate code {code}")));
            }
            entries.push(CameoEntry {
                code,
                name: fields[1].trim().to_string(),
                goldstein,
                // `parse` only accepts CAMEO codes, which have a root number.
                quad_class: QuadClass::of_root(code.root_number().unwrap_or(0)),
                plover: optional(fields[4]),
                plover_mode: optional(fields[5]),
                plover_context: optional(fields[6]),
            });
        }
        Ok(CameoTable { entries, index })
    }

    /// The entry for a code. Codes missing from the table (e.g. a dictionary's
    /// private 4-digit extension) fall back to their nearest listed parent.
    pub fn get(&self, code: &EventCode) -> Option<&CameoEntry> {
        let mut cur = Some(*code);
        while let Some(c) = cur {
            if let Some(&i) = self.index.get(&c) {
                return Some(&self.entries[i]);
            }
            cur = c.parent();
        }
        None
    }

    /// The PLOVER event type of an event with `code`: the CAMEO→PLOVER
    /// mapping's, except that an appeal (root 02) addressed to a recipient
    /// is a REQUEST, as PLOVER defines REQUEST as all requests, demands and
    /// orders; an appeal to no one in particular ("appealed for calm")
    /// stays without a type, as in the mapping (`docs/plover.md`).
    pub fn plover(&self, code: &EventCode, has_target: bool) -> Option<&str> {
        if code.root_number() == Some(2) && code.is_cameo() {
            return has_target.then_some("REQUEST");
        }
        self.get(code).and_then(|e| e.plover.as_deref())
    }

    /// Whether the table lists exactly this code.
    pub fn contains(&self, code: &EventCode) -> bool {
        self.index.contains_key(code)
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[CameoEntry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!(EventCode::parse("0874").unwrap().as_str(), "0874");
        assert_eq!(EventCode::parse("0874").unwrap().root().as_str(), "08");
        assert_eq!(EventCode::parse("0874").unwrap().parent().unwrap().as_str(), "087");
        assert_eq!(EventCode::parse("20").unwrap().root_number(), Some(20));
        for bad in ["", "1", "21", "00", "12345", "1a", "٣٣"] {
            assert!(EventCode::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn parses_user_codes() {
        let user = EventCode::user("174K").unwrap();
        assert!(!user.is_cameo());
        assert_eq!((user.as_str(), user.root().as_str()), ("174K", "17"));
        assert_eq!((user.root_number(), user.parent()), (None, None));
        assert_eq!(EventCode::user("abc").unwrap().root().as_str(), "abc");
        assert_eq!(EventCode::user("901").unwrap().root().as_str(), "90");
        assert!(EventCode::user("0874").unwrap().is_cameo());
        assert_ne!(EventCode::user("21"), EventCode::parse("21"));
        for bad in ["", "a:b", "a b", "###", "123456789", "é"] {
            assert!(EventCode::user(bad).is_none(), "{bad:?}");
        }
        let table = CameoTable::embedded();
        assert!(table.get(&EventCode::user("901").unwrap()).is_none());
    }

    #[test]
    fn embedded_table_is_complete() {
        let table = CameoTable::embedded();
        for root in 1..=20 {
            let code = EventCode::parse(&format!("{root:02}")).unwrap();
            assert!(table.contains(&code), "root {code} missing");
            let zero = EventCode::parse(&format!("{root:02}0")).unwrap();
            assert!(table.contains(&zero), "{zero} missing");
        }
        assert!(table.entries().len() > 280);
        for entry in table.entries() {
            assert_eq!(Some(entry.quad_class), entry.code.root_number().map(QuadClass::of_root));
        }
    }

    #[test]
    fn known_values() {
        let table = CameoTable::embedded();
        let get = |c: &str| table.get(&EventCode::parse(c).unwrap()).unwrap();
        assert_eq!(get("190").goldstein, -10.0);
        assert_eq!(get("036").plover.as_deref(), Some("AGREE"));
        assert_eq!(get("046").plover.as_deref(), Some("CONSULT"));
        let plover = |c: &str, target: bool| {
            table.plover(&EventCode::parse(c).unwrap(), target).map(str::to_string)
        };
        assert_eq!(plover("0233", true).as_deref(), Some("REQUEST"));
        assert_eq!(plover("020", false), None);
        assert_eq!(plover("190", false).as_deref(), Some("ASSAULT"));
        assert_eq!(get("112").quad_class, QuadClass::VerbalConflict);
        assert_eq!(get("057").quad_class, QuadClass::VerbalCooperation);
    }

    #[test]
    fn rejects_bad_rows() {
        let header = "code\tname\tgoldstein\tquad_class\tplover\tplover_mode\tplover_context\n";
        let bad = format!("{header}190\tFight\tx\t4\tASSAULT\t\t\n");
        assert_eq!(CameoTable::parse(&bad).unwrap_err().line, 2);
        let dup = format!("{header}190\tA\t-10\t4\t\t\t\n190\tB\t-10\t4\t\t\t\n");
        assert_eq!(CameoTable::parse(&dup).unwrap_err().line, 3);
    }
}
