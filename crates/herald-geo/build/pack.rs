//! Compiles `data/gazetteer.tsv` (written by `tools/gazetteer/build.py`)
//! into the binary table that `src/format.rs` reads: names tokenised by
//! herald-text exactly as sentences are, tokens interned, names grouped by
//! first token longest first, and the token hash table laid out, so that
//! loading is decoding only.

use std::collections::HashMap;
use std::fmt;

use crate::hash::hash;

/// Format version; `src/format.rs` refuses others.
pub const VERSION: u32 = 1;
pub const MAGIC: &[u8; 4] = b"HGEO";
const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub struct PackError {
    line: usize,
    what: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.what)
    }
}

fn err(line: usize, what: impl Into<String>) -> PackError {
    PackError { line, what: what.into() }
}

/// ISO3 code as a little-endian u32 of its three bytes.
fn iso3(line: usize, s: &str) -> Result<u32, PackError> {
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(err(line, format!("bad country code {s:?}")));
    }
    let b = s.as_bytes();
    Ok(u32::from_le_bytes([b[0], b[1], b[2], 0]))
}

fn num<T: std::str::FromStr>(line: usize, s: &str, what: &str) -> Result<T, PackError> {
    s.parse().map_err(|_| err(line, format!("bad {what} {s:?}")))
}

/// Degrees to hundred-thousandths, the source's precision.
fn coord(line: usize, s: &str, limit: f64) -> Result<u32, PackError> {
    let x: f64 = num(line, s, "coordinate")?;
    if !x.is_finite() || x.abs() > limit {
        return Err(err(line, format!("coordinate out of range {s:?}")));
    }
    Ok(((x * 1e5).round() as i32) as u32)
}

#[derive(Default)]
struct Strings(String);

impl Strings {
    fn add(&mut self, s: &str) -> [u32; 2] {
        let at = self.0.len() as u32;
        self.0.push_str(s);
        [at, s.len() as u32]
    }
}

fn section<'a>(out: &mut Vec<u8>, count: usize, values: impl IntoIterator<Item = &'a u32>) {
    out.extend_from_slice(&(count as u32).to_le_bytes());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

struct Name {
    tokens: Vec<u32>,
    places: Vec<u32>,
    common: bool,
}

pub fn pack(text: &str) -> Result<Vec<u8>, PackError> {
    let mut strings = Strings::default();
    let mut countries: Vec<[u32; 7]> = Vec::new();
    let mut capitals = Vec::new();
    let mut last_country: Option<&str> = None;
    let mut admin1: Vec<[u32; 6]> = Vec::new();
    let mut admin1_ids = HashMap::new();
    let mut places: Vec<[u32; 9]> = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut token_ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<Name> = Vec::new();
    let mut demonyms: Vec<[u32; 3]> = Vec::new();

    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let want = match f[0] {
            "C" => 9,
            "A" => 8,
            "P" => 9,
            "N" => 3,
            "D" => 3,
            _ => return Err(err(n, format!("unknown row kind {:?}", f[0]))),
        };
        if f.len() < want {
            return Err(err(n, format!("{} fields, expected {want}", f.len())));
        }
        let place = places.len() as u32;
        match f[0] {
            "C" => {
                let code = iso3(n, f[1])?;
                if last_country.is_some_and(|last| last >= f[1]) {
                    return Err(err(n, "countries out of order"));
                }
                last_country = Some(f[1]);
                let [iso2, iso2_len] = strings.add(f[2]);
                let [name, name_len] = strings.add(f[8]);
                capitals.push(num::<u32>(n, f[7], "capital")?);
                countries.push([code, iso2, iso2_len, name, name_len, place, NONE]);
                places.push([
                    num(n, f[3], "geonameid")?,
                    name,
                    name_len,
                    0,
                    code,
                    NONE,
                    coord(n, f[5], 90.0)?,
                    coord(n, f[6], 180.0)?,
                    num(n, f[4], "population")?,
                ]);
            }
            "A" => {
                let country = iso3(n, f[1])?;
                let a = admin1.len() as u32;
                if admin1_ids.insert((country, f[2].to_string()), a).is_some() {
                    return Err(err(n, "admin1 listed twice"));
                }
                let [code, code_len] = strings.add(f[2]);
                let [name, name_len] = strings.add(f[7]);
                admin1.push([country, code, code_len, name, name_len, place]);
                places.push([
                    num(n, f[3], "geonameid")?,
                    name,
                    name_len,
                    1,
                    country,
                    a,
                    coord(n, f[5], 90.0)?,
                    coord(n, f[6], 180.0)?,
                    num(n, f[4], "population")?,
                ]);
            }
            "P" => {
                let country = iso3(n, f[2])?;
                let [name, name_len] = strings.add(f[8]);
                let capital = match f[7] {
                    "1" => 1 << 8,
                    "0" => 0,
                    other => return Err(err(n, format!("bad capital flag {other:?}"))),
                };
                places.push([
                    num(n, f[1], "geonameid")?,
                    name,
                    name_len,
                    2 | capital,
                    country,
                    admin1_ids.get(&(country, f[3].to_string())).copied().unwrap_or(NONE),
                    coord(n, f[5], 90.0)?,
                    coord(n, f[6], 180.0)?,
                    num(n, f[4], "population")?,
                ]);
            }
            "N" => {
                let mut ids = Vec::new();
                for span in herald_text::tokenize(f[1]) {
                    let tok = &f[1][span.start..span.end];
                    let next = tokens.len() as u32;
                    let id = *token_ids.entry(tok.to_string()).or_insert(next);
                    if id == next {
                        tokens.push(tok.to_string());
                    }
                    ids.push(id);
                }
                // The finder reads at most 16 tokens from a name's start
                // (`WINDOW` in src/mentions.rs).
                if ids.is_empty() || ids.len() > 16 {
                    return Err(err(n, "a name has 1 to 16 tokens"));
                }
                let mut rows = Vec::new();
                for r in f[2].split(',') {
                    let r: u32 = num(n, r, "row number")?;
                    if r as usize >= places.len() {
                        return Err(err(n, format!("row {r} out of range")));
                    }
                    rows.push(r);
                }
                names.push(Name { tokens: ids, places: rows, common: f.get(3) == Some(&"w") });
            }
            _ => {
                let [word, len] = strings.add(f[1]);
                demonyms.push([word, len, iso3(n, f[2])?]);
            }
        }
    }
    let by_geonameid: HashMap<u32, u32> =
        places.iter().enumerate().rev().map(|(k, p)| (p[0], k as u32)).collect();
    for (country, capital) in countries.iter_mut().zip(capitals) {
        country[6] = by_geonameid.get(&capital).copied().unwrap_or(NONE);
    }

    // Names by first token, longest first (stable: table order among equals).
    names.sort_by_key(|n| (n.tokens[0], std::cmp::Reverse(n.tokens.len())));
    let mut first = vec![0u32; tokens.len() + 1];
    for name in &names {
        first[name.tokens[0] as usize + 1] += 1;
    }
    for t in 1..first.len() {
        first[t] += first[t - 1];
    }

    // Token strings, then the open-addressing table of token ids (plus one;
    // zero is empty), at most two-thirds full, probed linearly.
    let mut token_offsets = Vec::with_capacity(tokens.len() + 1);
    for tok in &tokens {
        token_offsets.push(strings.add(tok)[0]);
    }
    token_offsets.push(strings.0.len() as u32);
    let mut slots = vec![0u32; (tokens.len() * 3 / 2 + 1).next_power_of_two()];
    let mask = slots.len() - 1;
    for (id, tok) in tokens.iter().enumerate() {
        let mut k = hash(tok) as usize & mask;
        while slots[k] != 0 {
            k = (k + 1) & mask;
        }
        slots[k] = id as u32 + 1;
    }

    let mut name_tokens = Vec::new();
    let mut name_places = Vec::new();
    let mut records = Vec::new();
    for name in &names {
        records.extend([
            name_tokens.len() as u32,
            name.tokens.len() as u32 | u32::from(name.common) << 31,
            name_places.len() as u32,
            name.places.len() as u32,
        ]);
        name_tokens.extend(&name.tokens);
        name_places.extend(&name.places);
    }

    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(strings.0.len() as u32).to_le_bytes());
    out.extend_from_slice(strings.0.as_bytes());
    // Record sections count records; the reader knows their widths.
    section(&mut out, countries.len(), countries.iter().flatten());
    section(&mut out, admin1.len(), admin1.iter().flatten());
    section(&mut out, places.len(), places.iter().flatten());
    section(&mut out, token_offsets.len(), &token_offsets);
    section(&mut out, slots.len(), &slots);
    section(&mut out, first.len(), &first);
    section(&mut out, names.len(), &records);
    section(&mut out, name_tokens.len(), &name_tokens);
    section(&mut out, name_places.len(), &name_places);
    section(&mut out, demonyms.len(), demonyms.iter().flatten());
    Ok(out)
}
