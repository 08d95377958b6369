//! Reading the binary table that `build/pack.rs` writes.
//!
//! Little-endian. Magic `HGEO`, version, the string bytes (UTF-8: names,
//! codes, tokens), then sections of a `u32` count and `u32` values:
//! countries (7 values each: ISO3, ISO2 and name as offset and length,
//! own place, capital place), admin1 (6: ISO3, code, name, own place),
//! places (9: geonameid, name, kind with the capital flag in bit 8, ISO3,
//! admin1, latitude and longitude in 1e-5 degrees as `i32`, population),
//! token offsets, the token hash table (token id + 1, zero empty), each
//! token's first name, names (4: first token, length with the common-word
//! flag in bit 31, first place, place count), name tokens, name places,
//! demonyms (3: word, ISO3). Every offset, id and count is checked: a
//! corrupt table is an error, never a panic.

use crate::error::GeoError;
use crate::gazetteer::{FastMap, Gazetteer};
use crate::index::{Name, NameIndex};
use crate::place::{Admin1, Admin1Id, Country, Iso3, Place, PlaceId, PlaceKind};

const MAGIC: &[u8; 4] = b"HGEO";
const VERSION: u32 = 1;
const NONE: u32 = u32::MAX;

fn corrupt(what: &'static str) -> GeoError {
    GeoError::Corrupt { what }
}

struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], GeoError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(corrupt("truncated"))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, GeoError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A section of `count` records of `width` values.
    fn section(&mut self, width: usize) -> Result<Vec<u32>, GeoError> {
        let count = self.u32()? as usize;
        let n = count.checked_mul(width).ok_or(corrupt("section too long"))?;
        let bytes = self.take(n.checked_mul(4).ok_or(corrupt("section too long"))?)?;
        Ok(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }
}

fn iso3(v: u32) -> Result<Iso3, GeoError> {
    let [a, b, c, _] = v.to_le_bytes();
    std::str::from_utf8(&[a, b, c]).ok().and_then(Iso3::new).ok_or(corrupt("bad country code"))
}

fn text(strings: &'static str, off: u32, len: u32) -> Result<&'static str, GeoError> {
    let end = off.checked_add(len).ok_or(corrupt("bad string"))?;
    strings.get(off as usize..end as usize).ok_or(corrupt("bad string"))
}

fn coord(v: u32, limit: f64) -> Result<f64, GeoError> {
    let x = f64::from(v as i32) / 1e5;
    if x.abs() <= limit {
        Ok(x)
    } else {
        Err(corrupt("coordinate out of range"))
    }
}

pub(crate) fn read(bytes: &'static [u8]) -> Result<Gazetteer, GeoError> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(4)? != MAGIC {
        return Err(corrupt("not a herald-geo table"));
    }
    let version = r.u32()?;
    if version != VERSION {
        return Err(GeoError::Version { found: version, expected: VERSION });
    }
    let len = r.u32()? as usize;
    let strings = std::str::from_utf8(r.take(len)?).map_err(|_| corrupt("strings not UTF-8"))?;
    let countries = r.section(7)?;
    let admin1 = r.section(6)?;
    let places = r.section(9)?;
    let token_offsets = r.section(1)?;
    let slots = r.section(1)?;
    let first = r.section(1)?;
    let names = r.section(4)?;
    let name_tokens = r.section(1)?;
    let name_places = r.section(1)?;
    let demonyms = r.section(3)?;
    if r.pos != bytes.len() {
        return Err(corrupt("trailing bytes"));
    }

    let n_places = places.len() / 9;
    let n_admin1 = admin1.len() / 6;
    let place_id =
        |v: u32| ((v as usize) < n_places).then_some(PlaceId(v)).ok_or(corrupt("bad place id"));
    let optional_place = |v: u32| if v == NONE { Ok(None) } else { place_id(v).map(Some) };

    let places = places
        .chunks_exact(9)
        .map(|p| {
            let kind = match p[3] & 0xff {
                0 => PlaceKind::Country,
                1 => PlaceKind::Admin1,
                2 => PlaceKind::City,
                _ => return Err(corrupt("bad place kind")),
            };
            let admin1 = match p[5] {
                NONE => None,
                a if (a as usize) < n_admin1 => Some(Admin1Id(a)),
                _ => return Err(corrupt("bad admin1 id")),
            };
            Ok(Place {
                geonameid: p[0],
                name: text(strings, p[1], p[2])?,
                kind,
                country: iso3(p[4])?,
                admin1,
                lat: coord(p[6], 90.0)?,
                lon: coord(p[7], 180.0)?,
                population: u64::from(p[8]),
                capital: p[3] & 0x100 != 0,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let countries = countries
        .chunks_exact(7)
        .map(|c| {
            Ok(Country {
                iso3: iso3(c[0])?,
                iso2: text(strings, c[1], c[2])?,
                name: text(strings, c[3], c[4])?,
                place: place_id(c[5])?,
                capital: optional_place(c[6])?,
            })
        })
        .collect::<Result<Vec<_>, GeoError>>()?;
    if countries.windows(2).any(|w| w[0].iso3 >= w[1].iso3) {
        return Err(corrupt("countries out of order"));
    }
    let admin1 = admin1
        .chunks_exact(6)
        .map(|a| {
            Ok(Admin1 {
                country: iso3(a[0])?,
                code: text(strings, a[1], a[2])?,
                name: text(strings, a[3], a[4])?,
                place: place_id(a[5])?,
            })
        })
        .collect::<Result<Vec<_>, GeoError>>()?;

    let n_tokens = token_offsets.len().checked_sub(1).ok_or(corrupt("no token offsets"))?;
    let tokens = token_offsets
        .windows(2)
        .map(|w| text(strings, w[0], w[1].checked_sub(w[0]).ok_or(corrupt("bad token"))?))
        .collect::<Result<Vec<_>, _>>()?;
    if !slots.len().is_power_of_two()
        || !slots.contains(&0)
        || slots.iter().any(|&s| s as usize > n_tokens)
    {
        return Err(corrupt("bad token table"));
    }
    if first.len() != n_tokens + 1
        || first.windows(2).any(|w| w[0] > w[1])
        || first.first() != Some(&0)
        || first.last().map(|&l| l as usize) != Some(names.len() / 4)
    {
        return Err(corrupt("bad name groups"));
    }
    if name_tokens.iter().any(|&t| t as usize >= n_tokens) {
        return Err(corrupt("bad name token"));
    }
    let name_places = name_places.into_iter().map(place_id).collect::<Result<Vec<_>, _>>()?;
    let mut name_list = Vec::with_capacity(names.len() / 4);
    for (k, n) in names.chunks_exact(4).enumerate() {
        let name = Name {
            tokens: n[0],
            len: n[1] & 0x7fff_ffff,
            places: n[2],
            n_places: n[3],
            common: n[1] >> 31 == 1,
        };
        let toks = name_tokens.get(name.tokens as usize..).and_then(|t| t.get(..name.len as usize));
        let places_ok = (name.places as usize)
            .checked_add(name.n_places as usize)
            .is_some_and(|e| e <= name_places.len());
        // Each name sits in the group of its first token.
        let first_token = toks.and_then(|t| t.first()).map(|&t| t as usize);
        let in_group =
            first_token.is_some_and(|t| (first[t] as usize..first[t + 1] as usize).contains(&k));
        if !places_ok || !in_group {
            return Err(corrupt("bad name"));
        }
        name_list.push(name);
    }
    let mut demonym_map = FastMap::default();
    for d in demonyms.chunks_exact(3) {
        demonym_map.insert(text(strings, d[0], d[1])?, iso3(d[2])?);
    }
    let mut by_geonameid = FastMap::default();
    by_geonameid.reserve(places.len());
    for (k, p) in places.iter().enumerate() {
        by_geonameid.entry(p.geonameid).or_insert(PlaceId(k as u32));
    }
    Ok(Gazetteer {
        places,
        countries,
        admin1,
        by_geonameid,
        index: NameIndex {
            tokens,
            slots,
            first,
            names: name_list,
            name_tokens,
            places: name_places,
        },
        demonyms: demonym_map,
    })
}
