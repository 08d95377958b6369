//! Reading stories for herald.
//!
//! [`Inputs`] walks files, directories and stdin and yields one
//! `Result<Story, InputError>` per story, so that one bad story never stops
//! a run:
//!
//! * a plain-text file is one story (its id is the file name);
//! * a `.jsonl`/`.ndjson` file (or stdin starting with `{`) holds one story
//!   per line: `id`, `date`, `source`, `title`, `text`, and any other fields,
//!   which are kept;
//! * invalid UTF-8, binary files, empty stories, malformed JSON lines and
//!   oversized lines are rejected with the file and line where they are;
//! * a story whose `date` is not a date ([`Date::parse`]) is read undated,
//!   with an [`InputWarning`] saying why.
//!
//! Directories are walked in sorted order so runs are reproducible.
#![warn(missing_docs)]

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use herald_core::Date;
use serde_json::{Map, Value};

/// One story to code.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// The story's id: the JSONL `id`, or the file name of a text file, or
    /// `<file>:<line>` for a JSONL line without one.
    pub id: String,
    /// Publication date: the JSONL `date` (`YYYY-MM-DD`, or a date-time
    /// starting with one), `None` if there is none or it is invalid.
    pub date: Option<Date>,
    /// Publisher or feed.
    pub source: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// The story text.
    pub text: String,
    /// Fields of a JSONL record that herald does not interpret, kept as they were.
    pub extra: Map<String, Value>,
    /// Where the story came from.
    pub origin: Origin,
    /// Problems that did not stop the story from being read.
    pub warnings: Vec<InputWarning>,
}

/// A problem in a story that is read all the same.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputWarning {
    /// The `date` is not a date: the story is read undated.
    #[error("{origin}: story {id:?}: {reason}; coded undated")]
    InvalidDate {
        /// Where.
        origin: Origin,
        /// The story's id.
        id: String,
        /// Why the date was refused.
        reason: String,
    },
}

/// Where a story or an error is: a file (or `<stdin>`) and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The path as given, or `<stdin>`.
    pub file: String,
    /// 1-based line; 1 for a whole text file.
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Why an input was rejected.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The path.
        file: String,
        /// The underlying error.
        source: io::Error,
    },
    /// The text is not valid UTF-8.
    #[error("{origin}: invalid UTF-8 at byte {offset} of the line")]
    InvalidUtf8 {
        /// Where.
        origin: Origin,
        /// Byte offset of the first invalid byte within the line (or file).
        offset: usize,
    },
    /// The file looks binary (it contains NUL bytes).
    #[error("{file}: binary file (contains NUL bytes), skipped")]
    Binary {
        /// The path.
        file: String,
    },
    /// The story has no text.
    #[error("{origin}: empty story, nothing to code")]
    Empty {
        /// Where.
        origin: Origin,
    },
    /// A JSONL line is not a JSON object with a string `text`.
    #[error("{origin}: malformed JSONL record: {message}")]
    Malformed {
        /// Where.
        origin: Origin,
        /// What is wrong.
        message: String,
    },
    /// A line or file is longer than the limit.
    #[error("{origin}: {len} bytes exceeds the limit of {limit} bytes, skipped")]
    TooLong {
        /// Where.
        origin: Origin,
        /// Its length in bytes (at least the limit + 1 when not read to the end).
        len: usize,
        /// The limit.
        limit: usize,
    },
}

/// How to read the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSONL for `.jsonl`/`.ndjson` files and for stdin starting with `{`, text otherwise.
    Auto,
    /// Every file is one plain-text story.
    Text,
    /// Every file is JSONL.
    Jsonl,
}

/// Input settings.
#[derive(Clone, Copy, Debug)]
pub struct InputConfig {
    /// How to read the inputs.
    pub format: Format,
    /// Longest accepted story (text file or JSONL line), in bytes.
    pub max_bytes: usize,
}

impl InputConfig {
    /// Auto-detected format, stories up to 4 MiB.
    pub fn standard() -> InputConfig {
        InputConfig { format: Format::Auto, max_bytes: 4 << 20 }
    }
}

enum Source {
    Path(PathBuf),
    Stdin,
    /// A named reader, read like stdin.
    Reader(String, Box<dyn BufRead>),
}

/// An open JSONL stream.
struct Lines {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// The stories of a list of inputs, in order. See the crate docs.
pub struct Inputs {
    pending: VecDeque<Source>,
    current: Option<Lines>,
    config: InputConfig,
    /// Bytes consumed so far, for progress reporting.
    bytes_read: u64,
}

impl Inputs {
    /// Inputs from paths (files or directories); `-` means stdin.
    pub fn new<P: AsRef<Path>>(paths: &[P], config: InputConfig) -> Inputs {
        let pending = paths
            .iter()
            .map(|p| {
                if p.as_ref() == Path::new("-") {
                    Source::Stdin
                } else {
                    Source::Path(p.as_ref().to_path_buf())
                }
            })
            .collect();
        Inputs { pending, current: None, config, bytes_read: 0 }
    }

    /// Inputs from one reader, read like stdin (JSONL when the format says
    /// so or, for [`Format::Auto`], when it starts with `{`; else one text
    /// story); `name` stands for the file in ids and errors.
    pub fn from_reader(name: &str, reader: Box<dyn BufRead>, config: InputConfig) -> Inputs {
        let pending = VecDeque::from([Source::Reader(name.to_string(), reader)]);
        Inputs { pending, current: None, config, bytes_read: 0 }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    fn next_line(&mut self) -> Option<Result<Story, InputError>> {
        let lines = self.current.as_mut()?;
        loop {
            lines.line += 1;
            let origin = Origin { file: lines.name.clone(), line: lines.line };
            match read_line_capped(&mut lines.reader, self.config.max_bytes) {
                Ok(None) => {
                    self.current = None;
                    return None;
                }
                Ok(Some(Line::TooLong(len))) => {
                    self.bytes_read += len as u64;
                    return Some(Err(InputError::TooLong {
                        origin,
                        len,
                        limit: self.config.max_bytes,
                    }));
                }
                Ok(Some(Line::Bytes(bytes))) => {
                    self.bytes_read += bytes.len() as u64 + 1;
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_record(&bytes, origin));
                }
                Err(source) => {
                    let file = lines.name.clone();
                    self.current = None;
                    return Some(Err(InputError::Io { file, source }));
                }
            }
        }
    }

    fn open(&mut self, source: Source) -> Option<Result<Story, InputError>> {
        match source {
            Source::Stdin => {
                let reader = Box::new(BufReader::new(io::stdin()));
                self.open_reader(reader, "<stdin>".into(), "stdin".into())
            }
            Source::Reader(name, reader) => self.open_reader(reader, name.clone(), name),
            Source::Path(path) => {
                let name = path.display().to_string();
                if path.is_dir() {
                    match sorted_entries(&path) {
                        Ok(entries) => {
                            for e in entries.into_iter().rev() {
                                self.pending.push_front(Source::Path(e));
                            }
                            None
                        }
                        Err(source) => Some(Err(InputError::Io { file: name, source })),
                    }
                } else {
                    let file = match File::open(&path) {
                        Ok(f) => f,
                        Err(source) => return Some(Err(InputError::Io { file: name, source })),
                    };
                    let jsonl = match self.config.format {
                        Format::Jsonl => true,
                        Format::Text => false,
                        Format::Auto => {
                            matches!(
                                path.extension().and_then(|e| e.to_str()),
                                Some("jsonl" | "ndjson")
                            )
                        }
                    };
                    let reader: Box<dyn BufRead> = Box::new(BufReader::new(file));
                    if jsonl {
                        self.current = Some(Lines { name, reader, line: 0 });
                        None
                    } else {
                        let id = path
                            .file_name()
                            .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
                        Some(self.whole(reader, name, id))
                    }
                }
            }
        }
    }

    /// Starts reading a stream: JSONL lines, or one text story with id `id`.
    fn open_reader(
        &mut self,
        mut reader: Box<dyn BufRead>,
        name: String,
        id: String,
    ) -> Option<Result<Story, InputError>> {
        let jsonl = match self.config.format {
            Format::Jsonl => true,
            Format::Text => false,
            Format::Auto => match reader.fill_buf() {
                Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                Err(source) => return Some(Err(InputError::Io { file: name, source })),
            },
        };
        if jsonl {
            self.current = Some(Lines { name, reader, line: 0 });
            None
        } else {
            Some(self.whole(reader, name, id))
        }
    }

    /// Reads a whole plain-text story.
    fn whole(
        &mut self,
        reader: Box<dyn BufRead>,
        name: String,
        id: String,
    ) -> Result<Story, InputError> {
        let origin = Origin { file: name.clone(), line: 1 };
        let limit = self.config.max_bytes;
        let mut bytes = Vec::new();
        let n = reader
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| InputError::Io { file: name.clone(), source })?;
        self.bytes_read += n as u64;
        if n > limit {
            return Err(InputError::TooLong { origin, len: n, limit });
        }
        if bytes.contains(&0) {
            return Err(InputError::Binary { file: name });
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            let line_start = bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            InputError::InvalidUtf8 {
                origin: Origin { file: name.clone(), line },
                offset: offset - line_start,
            }
        })?;
        if text.trim().is_empty() {
            return Err(InputError::Empty { origin });
        }
        Ok(Story {
            id,
            date: None,
            source: None,
            title: None,
            text,
            extra: Map::new(),
            origin,
            warnings: Vec::new(),
        })
    }
}

impl Iterator for Inputs {
    type Item = Result<Story, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            let source = self.pending.pop_front()?;
            if let Some(item) = self.open(source) {
                return Some(item);
            }
        }
    }
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    entries.sort();
    Ok(entries)
}

enum Line {
    Bytes(Vec<u8>),
    TooLong(usize),
}

/// Reads one line without holding more than `limit` bytes of it in memory.
fn read_line_capped(reader: &mut dyn BufRead, limit: usize) -> io::Result<Option<Line>> {
    let mut buf = Vec::new();
    let mut len = 0usize;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(p) => (&available[..p], Some(p + 1)),
            None => (available, None),
        };
        len += chunk.len();
        if len <= limit {
            buf.extend_from_slice(chunk);
        }
        let consumed = done.unwrap_or(chunk.len());
        reader.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if len > limit {
        return Ok(Some(Line::TooLong(len)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(Line::Bytes(buf)))
}

fn parse_record(bytes: &[u8], origin: Origin) -> Result<Story, InputError> {
    let line = std::str::from_utf8(bytes)
        .map_err(|e| InputError::InvalidUtf8 { origin: origin.clone(), offset: e.valid_up_to() })?;
    let malformed = |message: String| InputError::Malformed { origin: origin.clone(), message };
    let value: Value = serde_json::from_str(line).map_err(|e| malformed(e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(malformed("expected a JSON object".into()));
    };
    Story::from_record(map, origin)
}

impl Story {
    /// The story a JSONL record holds (its fields as for a JSONL line:
    /// `text`, `id`, `date`, `source`, `title`, the others kept in
    /// [`Story::extra`]), read from `origin`: for callers that have the
    /// record as data rather than as a line, such as the Python binding.
    pub fn from_record(mut map: Map<String, Value>, origin: Origin) -> Result<Story, InputError> {
        let malformed = |message: String| InputError::Malformed { origin: origin.clone(), message };
        let text = match map.remove("text") {
            Some(Value::String(s)) => s,
            Some(_) => return Err(malformed("`text` must be a string".into())),
            None => return Err(malformed("missing `text`".into())),
        };
        if text.trim().is_empty() {
            return Err(InputError::Empty { origin });
        }
        let mut string_field = |key: &str| -> Result<Option<String>, InputError> {
            match map.remove(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
                Some(_) => Err(malformed(format!("`{key}` must be a string"))),
            }
        };
        let id = string_field("id")?;
        let source = string_field("source")?;
        let title = string_field("title")?;
        let date = map.remove("date");
        let id = id.unwrap_or_else(|| origin.to_string());
        let mut warnings = Vec::new();
        let date = match date {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => match Date::parse(&s) {
                Ok(date) => Some(date),
                Err(e) => {
                    let reason = e.to_string();
                    warnings.push(InputWarning::InvalidDate {
                        origin: origin.clone(),
                        id: id.clone(),
                        reason,
                    });
                    None
                }
            },
            Some(other) => {
                let reason = format!("`date` must be a string, not {other}");
                warnings.push(InputWarning::InvalidDate {
                    origin: origin.clone(),
                    id: id.clone(),
                    reason,
                });
                None
            }
        };
        Ok(Story { id, date, source, title, text, extra: map, origin, warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<Result<Vec<u8>, usize>> {
        let mut reader: &[u8] = input;
        let mut out = Vec::new();
        while let Some(line) = read_line_capped(&mut reader, limit).unwrap() {
            out.push(match line {
                Line::Bytes(b) => Ok(b),
                Line::TooLong(n) => Err(n),
            });
        }
        out
    }

    #[test]
    fn capped_lines() {
        assert_eq!(lines(b"ab\ncd", 10), [Ok(b"ab".to_vec()), Ok(b"cd".to_vec())]);
        assert_eq!(lines(b"abcdef\nxy\n", 3), [Err(6), Ok(b"xy".to_vec())]);
        assert_eq!(lines(b"a\r\n\n", 3), [Ok(b"a".to_vec()), Ok(vec![])]);
    }

    #[test]
    fn records() {
        let o = || Origin { file: "f".into(), line: 3 };
        let s = parse_record(br#"{"id":7,"text":"Hi.","lang":"en"}"#, o()).unwrap();
        assert_eq!((s.id.as_str(), s.extra["lang"].as_str()), ("7", Some("en")));
        let s = parse_record(br#"{"text":"Hi."}"#, o()).unwrap();
        assert_eq!(s.id, "f:3");
        for bad in [&b"{"[..], b"[1]", br#"{"id":"x"}"#, br#"{"text":5}"#] {
            assert!(matches!(parse_record(bad, o()), Err(InputError::Malformed { .. })));
        }
        assert!(matches!(parse_record(br#"{"text":"  "}"#, o()), Err(InputError::Empty { .. })));
        let s = parse_record(br#"{"date":"2024-03-05T10:00:00Z","text":"Hi."}"#, o()).unwrap();
        assert_eq!(
            (s.date.map(|d| d.to_string()), s.warnings),
            (Some("2024-03-05".into()), vec![])
        );
        assert!(matches!(
            parse_record(b"{\"text\":\"\xff\"}", o()),
            Err(InputError::InvalidUtf8 { .. })
        ));
    }

    /// Dates that are not dates leave the story undated, with a warning
    /// that says where and why; none is a panic, none a wrong day.
    #[test]
    fn invalid_dates_are_warnings() {
        for date in [
            r#""2024-03-0\u00e9x""#,
            r#""2024-13-45""#,
            r#""2024-02-30""#,
            r#""20240301""#,
            r#"" 2024-03-01 ""#,
            "20240301",
        ] {
            let line = format!(r#"{{"id":"a","date":{date},"text":"Russia attacked Ukraine."}}"#);
            let s = parse_record(line.as_bytes(), Origin { file: "f.jsonl".into(), line: 4 })
                .unwrap_or_else(|e| panic!("{date}: {e}"));
            assert_eq!(s.date, None, "{date}");
            assert_eq!(s.warnings.len(), 1, "{date}");
            let message = s.warnings[0].to_string();
            assert!(message.starts_with("f.jsonl:4: story \"a\": "), "{message}");
            assert!(message.ends_with("; coded undated"), "{message}");
        }
    }

    proptest::proptest! {
        #[test]
        fn records_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = parse_record(&bytes, Origin { file: "f".into(), line: 1 });
        }
    }
}
