//! Datelines: "BAKU, March 3 (Reuters) -", "KABUL (AP) —", "JERUSALEM, Dec 3 -".

use std::ops::Range;

use crate::gazetteer::Gazetteer;
use crate::resolve::{Context, How, Resolved};

/// The parts of a story's dateline, as byte ranges into the story text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place ("BAKU"; the first of "WASHINGTON/MOSCOW").
    pub place: Range<usize>,
    /// A region after the place ("West Bank" in "RAMALLAH, West Bank (AP) -").
    pub region: Option<Range<usize>>,
    /// The date ("March 3", "Dec 3, 2024").
    pub date: Option<Range<usize>>,
    /// The agency in parentheses ("Reuters").
    pub source: Option<Range<usize>>,
    /// Where the story's first sentence starts, after the dash.
    pub body: usize,
}

/// How far into a story a dateline's dash may be.
const MAX_HEAD: usize = 120;

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const DAYS: &[&str] =
    &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The dateline opening `text`, if it has one: a place in capitals (or in
/// title case when a date or an agency follows), then optionally a region,
/// a date and an agency in parentheses, then a dash.
pub fn parse_dateline(text: &str) -> Option<Dateline> {
    let start = text.len() - text.trim_start().len();
    let (dash, body) = find_dash(text, start)?;
    let mut head = start..dash;
    trim(text, &mut head);
    let mut source = None;
    if text[head.clone()].ends_with(')') {
        let open = text[head.clone()].rfind('(')? + head.start;
        let mut inside = open + 1..head.end - 1;
        trim(text, &mut inside);
        if inside.is_empty()
            || !text[inside.clone()].chars().all(|c| c.is_alphanumeric() || " .&-/".contains(c))
        {
            return None;
        }
        source = Some(inside);
        head.end = open;
        trim(text, &mut head);
    }
    let mut parts = split_commas(text, head);
    if parts.is_empty() {
        return None;
    }
    let mut place = parts.remove(0);
    if let Some(slash) = text[place.clone()].find('/') {
        place.end = place.start + slash;
        trim(text, &mut place);
    }
    let (mut region, mut date) = (None, None::<Range<usize>>);
    for part in parts {
        let s = &text[part.clone()];
        if is_date(s) && date.is_none() {
            date = Some(part);
        } else if let Some(d) = date.as_mut().filter(|_| is_year(s)) {
            d.end = part.end;
        } else if region.is_none() && date.is_none() && is_name(s) {
            region = Some(part);
        } else {
            return None;
        }
    }
    let p = &text[place.clone()];
    let capitals = !p.chars().any(char::is_lowercase);
    let ok = is_name(p)
        && (capitals || date.is_some() || source.is_some())
        && !is_date(p)
        && p.split_whitespace().count() <= 5;
    ok.then_some(Dateline { place, region, date, source, body })
}

/// The first dash after `start` that ends a dateline: an em or en dash, or
/// a hyphen after a space (not the one in "PORT-AU-PRINCE"). Returns its
/// position and where the text after it starts.
fn find_dash(text: &str, start: usize) -> Option<(usize, usize)> {
    let limit = (start + MAX_HEAD).min(text.len());
    let head = text.get(start..limit).or_else(|| text.get(start..))?;
    for (k, c) in head.char_indices() {
        if c == '\n' {
            return None;
        }
        let spaced_hyphen = c == '-' && head[..k].ends_with(' ');
        if c == '—' || c == '–' || spaced_hyphen {
            let after = &text[start + k..];
            let dashes = after.len() - after.trim_start_matches(['-', '—', '–']).len();
            let rest = &after[dashes..];
            let body = start + k + dashes + (rest.len() - rest.trim_start().len());
            return Some((start + k, body));
        }
    }
    None
}

fn trim(text: &str, r: &mut Range<usize>) {
    let s = &text[r.clone()];
    r.start += s.len() - s.trim_start().len();
    r.end = r.start + text[r.start..r.end].trim_end().len();
}

fn split_commas(text: &str, head: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = head.start;
    for (k, c) in text[head.clone()].char_indices() {
        if c == ',' {
            out.push(from..head.start + k);
            from = head.start + k + 1;
        }
    }
    out.push(from..head.end);
    for r in &mut out {
        trim(text, r);
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Words of a place name: letters, spaces, and `.-'/`, starting with a capital.
fn is_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
        && s.chars().all(|c| c.is_alphabetic() || " .-'’/".contains(c))
}

/// "March 3", "Dec. 3", "3 March", "Tuesday".
fn is_date(s: &str) -> bool {
    let words: Vec<String> =
        s.split_whitespace().map(|w| w.trim_end_matches('.').to_lowercase()).collect();
    let month = |w: &String| MONTHS.contains(&w.as_str());
    let day = |w: &String| w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    match words.as_slice() {
        [w] => DAYS.contains(&w.as_str()),
        [a, b] => (month(a) && day(b)) || (day(a) && month(b)),
        _ => false,
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

impl Gazetteer {
    /// The place a dateline names, narrowed by its region if it has one;
    /// among equals, a national capital, else the most populous.
    pub fn dateline_place(&self, text: &str, dateline: &Dateline) -> Option<Resolved> {
        let mut candidates = self.lookup(text.get(dateline.place.clone())?).to_vec();
        let region = dateline.region.clone().and_then(|r| text.get(r)).map(|r| self.lookup(r));
        if let Some(region) = region {
            let within: Vec<_> = candidates
                .iter()
                .copied()
                .filter(|&c| region.iter().any(|&r| self.contains(r, c)))
                .collect();
            if !within.is_empty() {
                candidates = within;
            }
        }
        let r = self.resolve(&candidates, &Context::new())?;
        Some(match r.how {
            How::Only if region.is_some() && candidates.len() == 1 => {
                Resolved { how: How::Region, ..r }
            }
            _ => r,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Place, region, date, source and the body's start, as text.
    type Parts<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a str);

    fn parts(text: &str) -> Option<Parts<'_>> {
        let d = parse_dateline(text)?;
        let get = |r: Option<Range<usize>>| r.map(|r| &text[r]);
        Some((&text[d.place], get(d.region), get(d.date), get(d.source), &text[d.body..]))
    }

    #[test]
    fn reads_wire_datelines() {
        assert_eq!(
            parts("BAKU, March 3 (Reuters) - Azerbaijan said"),
            Some(("BAKU", None, Some("March 3"), Some("Reuters"), "Azerbaijan said"))
        );
        assert_eq!(
            parts("KABUL (AP) — Taliban"),
            Some(("KABUL", None, None, Some("AP"), "Taliban"))
        );
        assert_eq!(
            parts("JERUSALEM, Dec 3 - Israel"),
            Some(("JERUSALEM", None, Some("Dec 3"), None, "Israel"))
        );
        assert_eq!(
            parts("  RAMALLAH, West Bank (AP) -- Palestinian"),
            Some(("RAMALLAH", Some("West Bank"), None, Some("AP"), "Palestinian"))
        );
        assert_eq!(
            parts("WASHINGTON/MOSCOW, Dec. 3, 2024 (Reuters) – The"),
            Some(("WASHINGTON", None, Some("Dec. 3, 2024"), Some("Reuters"), "The"))
        );
        assert_eq!(
            parts("PORT-AU-PRINCE, Haiti (AP) — Gangs"),
            Some(("PORT-AU-PRINCE", Some("Haiti"), None, Some("AP"), "Gangs"))
        );
        assert_eq!(
            parts("Baku, March 3 (Reuters) - Azerbaijan"),
            Some(("Baku", None, Some("March 3"), Some("Reuters"), "Azerbaijan"))
        );
    }

    #[test]
    fn refuses_what_is_not_a_dateline() {
        for text in [
            "Rebels attacked the town - officials said.",
            "Baku - the capital - was calm.",
            "The talks, which began on Monday - failed.",
            "BAKU\n- Azerbaijan",
            "",
            "-",
            "(Reuters) - Talks",
            "March 3 - Talks",
        ] {
            assert_eq!(parse_dateline(text), None, "{text:?}");
        }
    }
}
