//! The records of the gazetteer: places, countries, admin1 divisions.

use std::fmt;

/// An ISO 3166-1 alpha-3 country code ("SYR"), as herald's actor codes use.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// The code if `code` is three ASCII capital letters.
    pub fn new(code: &str) -> Option<Iso3> {
        let b: [u8; 3] = code.as_bytes().try_into().ok()?;
        b.iter().all(u8::is_ascii_uppercase).then_some(Iso3(b))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII capitals get in (`new`), so this never fails.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place's index in its [`Gazetteer`](crate::Gazetteer).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct PlaceId(pub(crate) u32);

impl PlaceId {
    /// The index, for tables indexed like the gazetteer's places.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An admin1 division's index in its [`Gazetteer`](crate::Gazetteer).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Admin1Id(pub(crate) u32);

/// What sort of place a [`Place`] is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum PlaceKind {
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level administrative division (state, province, governorate, oblast).
    Admin1,
    /// A populated place.
    City,
}

impl PlaceKind {
    /// `"country"`, `"admin1"` or `"city"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::City => "city",
        }
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id (`https://www.geonames.org/<id>`).
    pub geonameid: u32,
    /// The GeoNames name, with its diacritics ("São Paulo").
    pub name: &'static str,
    /// Country, admin1 division or city.
    pub kind: PlaceKind,
    /// The country it is in (for a country, itself).
    pub country: Iso3,
    /// The admin1 division it is in, if known (for an admin1, itself).
    pub admin1: Option<Admin1Id>,
    /// Latitude in degrees. For a country, its capital's; for an admin1,
    /// the population-weighted centre of its places over 1,000 people.
    pub lat: f64,
    /// Longitude in degrees (see `lat`).
    pub lon: f64,
    /// Population. For an admin1, the sum over its places over 1,000 people.
    pub population: u64,
    /// A national capital.
    pub capital: bool,
}

/// A country (or territory) of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code.
    pub iso3: Iso3,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: &'static str,
    /// The GeoNames short name ("Syria").
    pub name: &'static str,
    /// Its own entry among the places.
    pub place: PlaceId,
    /// Its capital, if it has one.
    pub capital: Option<PlaceId>,
}

/// A first-level administrative division.
#[derive(Clone, Debug, PartialEq)]
pub struct Admin1 {
    /// The GeoNames admin1 code within the country ("GA" for Georgia, US;
    /// "02" for New South Wales).
    pub code: &'static str,
    /// The name ("New South Wales").
    pub name: &'static str,
    /// The country.
    pub country: Iso3,
    /// Its own entry among the places.
    pub place: PlaceId,
}
