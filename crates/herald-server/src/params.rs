//! Query parameters: each taken and validated once, and any left over
//! (unknown, or given twice) refused, so that a typo never silently widens
//! a query.

use std::collections::BTreeMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use herald_core::{Date, EventCode};
use herald_store::{BBox, EventFilter, Period, Rollup};

use crate::error::{ApiError, ErrorCode};

pub type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// A request's query parameters, taken one by one; whatever is left at the
/// end is unknown, which is an error so that typos do not silently widen a query.
pub struct Params(BTreeMap<String, String>);

impl Params {
    pub fn new(query: Pairs) -> Result<Params, ApiError> {
        let Query(pairs) = query.map_err(|e| ApiError::bad(e.body_text()))?;
        let mut map = BTreeMap::new();
        for (key, value) in pairs {
            if map.contains_key(&key) {
                return Err(ApiError::new(
                    ErrorCode::UnknownParameter,
                    format!("`{key}` is given more than once"),
                ));
            }
            map.insert(key, value);
        }
        Ok(Params(map))
    }

    /// A parameter's value; an empty value counts as absent.
    pub fn take(&mut self, key: &str) -> Option<String> {
        self.0.remove(key).filter(|v| !v.is_empty())
    }

    pub fn take_with<T>(
        &mut self,
        key: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, ApiError> {
        self.take(key)
            .map(|v| parse(&v).map_err(|m| ApiError::bad(format!("`{key}`: {m}"))))
            .transpose()
    }

    pub fn code(&mut self, key: &str) -> Result<Option<String>, ApiError> {
        self.take_with(key, |v| actor_code(v).map(str::to_string))
    }

    pub fn number(
        &mut self,
        key: &str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, ApiError> {
        let n = self.take_with(key, |v| {
            v.parse::<u64>().map_err(|_| format!("`{v}` is not a non-negative integer"))
        })?;
        let n = n.unwrap_or(default);
        if !range.contains(&n) {
            return Err(ApiError::bad(format!(
                "`{key}` must be between {} and {}",
                range.start(),
                range.end()
            )));
        }
        Ok(n)
    }

    /// The [`EventFilter`] parameters: actor, country, source, target,
    /// source_country, target_country, cameo, root, plover, quad, from, to,
    /// location_country, location_admin1, bbox.
    pub fn filter(&mut self) -> Result<EventFilter, ApiError> {
        let cameo =
            |v: &str| EventCode::parse(v).ok_or_else(|| format!("`{v}` is not a CAMEO code"));
        let quad = |v: &str| match v.parse::<u8>() {
            Ok(q @ 1..=4) => Ok(q),
            _ => Err(format!("`{v}` is not a quad class (1 to 4)")),
        };
        let filter = EventFilter {
            actor: self.code("actor")?,
            country: self.code("country")?,
            source: self.code("source")?,
            target: self.code("target")?,
            source_country: self.code("source_country")?,
            target_country: self.code("target_country")?,
            cameo: self.take_with("cameo", cameo)?,
            root: self.take_with("root", cameo)?,
            plover: self.code("plover")?,
            quad: self.take_with("quad", quad)?,
            from: self.take_with("from", |v| Date::parse(v).map_err(|e| e.to_string()))?,
            to: self.take_with("to", |v| Date::parse(v).map_err(|e| e.to_string()))?,
            location_country: self.code("location_country")?,
            location_admin1: self.take_with("location_admin1", place_name)?,
            bbox: self.take_with("bbox", BBox::parse)?,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if from > to {
                return Err(ApiError::bad(format!("`from` ({from}) is after `to` ({to})")));
            }
        }
        Ok(filter)
    }

    /// `rollup`: `actor` (the default) or `country`.
    pub fn rollup(&mut self) -> Result<Rollup, ApiError> {
        Ok(self
            .take_with("rollup", |v| Rollup::parse(v).map_err(|e| e.to_string()))?
            .unwrap_or_default())
    }

    /// `period`: `day`, `week`, `month`, or `all` if `all` is true.
    pub fn period(&mut self, default: Period, all: bool) -> Result<Period, ApiError> {
        let period = self.take_with("period", |v| match Period::parse(v) {
            Ok(Period::All) if !all => Err("a timeline needs day, week or month".to_string()),
            other => other.map_err(|e| e.to_string()),
        })?;
        Ok(period.unwrap_or(default))
    }

    pub fn finish(self) -> Result<(), ApiError> {
        match self.0.keys().next() {
            Some(key) => Err(ApiError::new(
                ErrorCode::UnknownParameter,
                format!("unknown parameter `{key}`"),
            )),
            None => Ok(()),
        }
    }
}

/// Actor codes, countries and PLOVER types are short words of letters,
/// digits, `_` and `-`; anything else is a client bug worth reporting.
pub fn actor_code(v: &str) -> Result<&str, String> {
    if v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        Ok(v)
    } else {
        Err(format!("`{v}` is not a code (letters, digits, `_`, `-`, at most 64)"))
    }
}

/// A place's name (an admin1 division's GeoNames name: "Sindh", "Ash
/// Shimāl"): any text but control characters, at most 200 bytes.
pub fn place_name(v: &str) -> Result<String, String> {
    if v.len() <= 200 && !v.chars().any(char::is_control) {
        Ok(v.to_string())
    } else {
        Err("not a place name (no control characters, at most 200 bytes)".to_string())
    }
}
