//! Reading dictionary text: files, lines and comments, shared by every format.

use std::cell::OnceCell;
use std::path::Path;

use crate::error::{DictError, ErrorKind};

/// Reads a dictionary file as UTF-8 text.
///
/// A leading byte-order mark is dropped. Invalid UTF-8 is an
/// [`ErrorKind::InvalidUtf8`] error at the line and column of the first bad
/// byte (this never panics, whatever the bytes); I/O failures are
/// [`ErrorKind::Io`] errors. The error's `path` is `path` as given.
pub fn read_dictionary_file(path: impl AsRef<Path>) -> Result<String, DictError> {
    let path = path.as_ref();
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DictError::io(&label, &e))?;
    decode_utf8(&label, bytes)
}

/// Decodes `bytes` as UTF-8, reporting the position of the first invalid byte.
pub(crate) fn decode_utf8(label: &str, bytes: Vec<u8>) -> Result<String, DictError> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let valid = std::str::from_utf8(&bytes[..pos]).unwrap_or("");
            let line = valid.matches('\n').count() + 1;
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            let column = valid[line_start..].chars().count() + 1;
            let text = format!("\\x{:02X}", bytes.get(pos).copied().unwrap_or(0));
            Err(DictError::new(label, line, column, &text, ErrorKind::InvalidUtf8))
        }
    }
}

/// One physical line of a dictionary file, with its comment split off.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// The whole line, without its line terminator.
    pub raw: &'a str,
    /// The line up to its comment (a prefix of `raw`); empty for comment-only lines.
    pub content: &'a str,
    /// The comment text after `#` or `;`, trimmed, if any.
    pub comment: Option<&'a str>,
    /// Character column of every byte offset, built on first use for
    /// non-ASCII lines (so that many errors on one long line stay linear).
    columns: OnceCell<Vec<u32>>,
}

impl<'a> Line<'a> {
    fn new(number: usize, raw: &'a str, content: &'a str, comment: Option<&'a str>) -> Line<'a> {
        Line { number, raw, content, comment, columns: OnceCell::new() }
    }

    /// The 1-based character column of `fragment`, which must be a slice of `raw`.
    pub fn column_of(&self, fragment: &str) -> usize {
        self.column_at(self.offset_of(fragment))
    }

    /// The byte offset of `fragment` in `raw` (0 if it is not a slice of `raw`).
    pub fn offset_of(&self, fragment: &str) -> usize {
        let base = self.raw.as_ptr() as usize;
        let p = fragment.as_ptr() as usize;
        if p >= base && p <= base + self.raw.len() {
            p - base
        } else {
            0
        }
    }

    /// The 1-based character column of byte offset `offset` in `raw`.
    pub fn column_at(&self, offset: usize) -> usize {
        let offset = offset.min(self.raw.len());
        if self.raw.len() < 4096 && self.raw.is_ascii() {
            return offset + 1;
        }
        let table = self.columns.get_or_init(|| {
            let mut t = vec![0u32; self.raw.len() + 1];
            let mut col = 0u32;
            for (i, c) in self.raw.char_indices() {
                for slot in &mut t[i..i + c.len_utf8()] {
                    *slot = col;
                }
                col = col.wrapping_add(1);
            }
            t[self.raw.len()] = col;
            t
        });
        table[offset] as usize + 1
    }

    /// An error about `fragment` (a slice of `raw`) on this line.
    pub fn error(&self, path: &str, fragment: &str, kind: ErrorKind) -> DictError {
        DictError::new(path, self.number, self.column_of(fragment), fragment, kind)
    }

    /// An error at byte offset `offset` of this line, showing `text`.
    pub fn error_at(&self, path: &str, offset: usize, text: &str, kind: ErrorKind) -> DictError {
        DictError::new(path, self.number, self.column_at(offset), text, kind)
    }

    /// The comment as an owned string.
    pub fn comment_string(&self) -> Option<String> {
        self.comment.filter(|c| !c.is_empty()).map(str::to_string)
    }
}

/// Splits `text` into lines and separates comments.
///
/// Comment rules (shared by all formats, as in PETRARCH's `read_FIN_line`):
/// * everything from `#` to the end of the line is a comment; so is
///   everything from `;` (the TABARI comment mark, used in actor and verb
///   files); a `#` or `;` inside `[...]` (the special code `[###]`) does
///   not start a comment;
/// * a line whose first non-blank characters are `<!` is an XML-style
///   comment; if it does not contain `-->`, the comment goes on up to and
///   including the next line that does.
///
/// An unterminated `<!--` comment is reported in `errors`.
pub(crate) fn lines<'a>(path: &str, text: &'a str, errors: &mut Vec<DictError>) -> Vec<Line<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut open_xml: Option<(usize, &'a str)> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = i + 1;
        if open_xml.is_some() {
            if raw.contains("-->") {
                open_xml = None;
            }
            out.push(Line::new(number, raw, "", Some(raw.trim())));
            continue;
        }
        let trimmed = raw.trim_start();
        if let Some(rest) = trimmed.strip_prefix("<!") {
            if !rest.contains("-->") {
                open_xml = Some((number, raw));
            }
            out.push(Line::new(number, raw, "", Some(raw.trim())));
            continue;
        }
        let (content, comment) = match comment_start(raw) {
            Some(pos) => (&raw[..pos], Some(raw[pos + 1..].trim())),
            None => (raw, None),
        };
        out.push(Line::new(number, raw, content, comment));
    }
    // A final empty "line" after the last newline is not a line.
    if text.ends_with('\n') || text.is_empty() {
        out.pop();
    }
    if let Some((number, raw)) = open_xml {
        let col = raw.len() - raw.trim_start().len();
        let line = Line::new(number, raw, "", None);
        errors.push(line.error_at(path, col, raw.trim(), ErrorKind::UnterminatedComment));
    }
    out
}

/// The byte offset of the `#` or `;` that starts the comment of `raw`:
/// the first one outside `[...]` (so that codes such as `[###]` survive).
fn comment_start(raw: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in raw.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'#' | b';' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits a phrase written with blanks and/or underscores into its words.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `s` (trimmed) ends with the `_` stop mark.
pub(crate) fn ends_with_stop(s: &str) -> bool {
    s.trim_end().ends_with('_')
}

/// A bracketed group `[ ... ]` found in a line, with the byte range of its
/// inner text relative to the searched string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bracketed<'a> {
    /// Text between the brackets.
    pub inner: &'a str,
    /// The whole group including brackets.
    pub whole: &'a str,
}

/// Finds consecutive `[...]` groups starting at the first `[` of `s`.
///
/// Returns the text before the first `[`, the groups, and whatever follows
/// the last group (with the blanks between groups skipped). A group closed
/// by `}` instead of `]` is reported as `MismatchedBracket` (and
/// accepted); a group that is never closed is `Unclosed('[')`.
pub(crate) fn split_bracket_groups<'a>(
    s: &'a str,
) -> (&'a str, Vec<Bracketed<'a>>, &'a str, Vec<(&'a str, ErrorKind)>) {
    let mut problems = Vec::new();
    let Some(first) = s.find('[') else {
        return (s, Vec::new(), "", problems);
    };
    let before = &s[..first];
    let mut groups = Vec::new();
    let mut rest = &s[first..];
    loop {
        let trimmed = rest.trim_start();
        if !trimmed.starts_with('[') {
            rest = trimmed;
            break;
        }
        let body = &trimmed[1..];
        match body.find([']', '[', '}']) {
            Some(pos) if body.as_bytes()[pos] == b']' => {
                groups.push(Bracketed { inner: &body[..pos], whole: &trimmed[..pos + 2] });
                rest = &body[pos + 1..];
            }
            Some(pos) if body.as_bytes()[pos] != b'[' && body[pos + 1..].trim().is_empty() => {
                // `[~ENV}`: closed with the wrong bracket at the end of the line.
                let close = body[pos..].chars().next().unwrap_or('}');
                let whole = &trimmed[..pos + 2];
                problems.push((whole, ErrorKind::MismatchedBracket { open: '[', close }));
                groups.push(Bracketed { inner: &body[..pos], whole });
                rest = &body[pos + 1..];
            }
            _ => {
                problems.push((trimmed, ErrorKind::Unclosed('[')));
                rest = "";
                break;
            }
        }
    }
    (before, groups, rest, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_xml() {
        let mut errors = Vec::new();
        let text = "A # c\n<!-- x -->\n<!--\ny\n-->\nB ; d\n";
        let ls = lines("t", text, &mut errors);
        assert!(errors.is_empty());
        let contents: Vec<&str> = ls.iter().map(|l| l.content).collect();
        assert_eq!(contents, vec!["A ", "", "", "", "", "B "]);
        assert_eq!(ls[0].comment, Some("c"));
        assert_eq!(ls[5].number, 6);
    }

    #[test]
    fn unterminated_xml_comment() {
        let mut errors = Vec::new();
        let ls = lines("t", "A\n  <!-- open\nB\n", &mut errors);
        assert_eq!(ls.len(), 3);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (2, 3));
    }

    #[test]
    fn utf8_errors_have_positions() {
        let e = decode_utf8("f", b"ab\ncd\xffe".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column, e.kind.clone()), (2, 3, ErrorKind::InvalidUtf8));
        assert_eq!(decode_utf8("f", "\u{feff}x".as_bytes().to_vec()).unwrap(), "x");
    }

    #[test]
    fn bracket_groups() {
        let (before, groups, rest, problems) = split_bracket_groups("A_B [X 1-2] [Y]  tail");
        assert_eq!(before, "A_B ");
        assert_eq!(groups.iter().map(|g| g.inner).collect::<Vec<_>>(), vec!["X 1-2", "Y"]);
        assert_eq!(rest, "tail");
        assert!(problems.is_empty());
        let (_, groups, _, problems) = split_bracket_groups("X [~ENV}");
        assert_eq!(groups[0].inner, "~ENV");
        assert_eq!(problems.len(), 1);
        let (_, groups, _, problems) = split_bracket_groups("X [ABC");
        assert!(groups.is_empty());
        assert_eq!(problems[0].1, ErrorKind::Unclosed('['));
    }
}
