//! The gazetteer and its lookups by name, id and country.

use std::collections::HashMap;

use crate::error::GeoError;
use crate::index::{NameIndex, TokenId};
use crate::place::{Admin1, Admin1Id, Country, Iso3, Place, PlaceId, PlaceKind};

pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// The table embedded in the binary: `data/gazetteer.tsv` (written by
/// `tools/gazetteer/build.py`) compiled by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// Countries, admin1 divisions and populated places with their names,
/// indexed for lookups over token sequences. Immutable once built: share
/// one behind an `Arc`.
#[derive(Debug)]
pub struct Gazetteer {
    pub(crate) places: Vec<Place>,
    /// Sorted by ISO3 code.
    pub(crate) countries: Vec<Country>,
    pub(crate) admin1: Vec<Admin1>,
    pub(crate) by_geonameid: FastMap<u32, PlaceId>,
    pub(crate) index: NameIndex,
    /// Adjectives and demonyms ("syrian"), which are not places but tell
    /// "the Syrian capital" and keep "Iraqi Kurdistan" a place.
    pub(crate) demonyms: FastMap<&'static str, Iso3>,
}

/// A city found where an actor could be: "Moscow" in "Moscow said".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CityCountry {
    /// Its length in tokens.
    pub len: usize,
    /// The city: a capital if any city of that name is one, else the
    /// most populous.
    pub place: PlaceId,
    /// The city's country.
    pub country: Iso3,
    /// Whether the city is its country's capital.
    pub capital: bool,
}

impl Gazetteer {
    /// Builds the gazetteer embedded in the binary, in a few tens of
    /// milliseconds: call it once and share the result.
    pub fn embedded() -> Gazetteer {
        // The embedded table is produced by our build script and checked by
        // the crate's tests, so failure here is a build defect, not an input error.
        Gazetteer::from_bytes(EMBEDDED).expect("embedded gazetteer table is valid")
    }

    /// Reads a gazetteer from a table in the crate's binary format
    /// (`build/pack.rs` writes it). Names and codes borrow from `bytes`,
    /// hence `'static`.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Gazetteer, GeoError> {
        crate::format::read(bytes)
    }

    /// All places: countries, then admin1 divisions, then cities.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// A place by id. Ids come from this gazetteer; another's may be out of range.
    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        self.places.get(id.index())
    }

    /// A place by GeoNames id.
    pub fn by_geonameid(&self, geonameid: u32) -> Option<PlaceId> {
        self.by_geonameid.get(&geonameid).copied()
    }

    /// All countries, by ISO3 code.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// A country by ISO3 code.
    pub fn country(&self, iso3: Iso3) -> Option<&Country> {
        self.countries.binary_search_by_key(&iso3, |c| c.iso3).ok().map(|k| &self.countries[k])
    }

    /// A country's capital.
    pub fn capital_of(&self, iso3: Iso3) -> Option<PlaceId> {
        self.country(iso3)?.capital
    }

    /// All admin1 divisions, by country then code.
    pub fn admin1s(&self) -> &[Admin1] {
        &self.admin1
    }

    /// An admin1 division by id.
    pub fn admin1(&self, id: Admin1Id) -> Option<&Admin1> {
        self.admin1.get(id.0 as usize)
    }

    /// The admin1 division a place is in (for an admin1, itself).
    pub fn admin1_of(&self, place: PlaceId) -> Option<&Admin1> {
        self.admin1(self.place(place)?.admin1?)
    }

    /// The country a demonym or adjective names ("syrian" → SYR), for
    /// normalised tokens. Demonyms are never places.
    pub fn demonym(&self, lower: &str) -> Option<Iso3> {
        self.demonyms.get(lower).copied()
    }

    /// The places with exactly this name, matched as herald matches text:
    /// tokenised and normalised, so case and spacing do not matter.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        let ids: Vec<TokenId> = herald_text::tokenize(name)
            .iter()
            .map(|s| self.index.id(&crate::normalize(&name[s.start..s.end])))
            .collect();
        self.index.exact(&ids)
    }

    /// Every name that starts at token `i` of a sentence of normalised
    /// tokens (`herald_dict::normalize`), longest first, as
    /// `(length in tokens, places)`. Raw: no capitalisation or common-word
    /// rules (see [`Gazetteer::find_mentions`] for those).
    pub fn find_at<L: AsRef<str>>(&self, lower: &[L], i: usize) -> Vec<(usize, &[PlaceId])> {
        let ids = self.ids(lower, i, i + crate::mentions::WINDOW);
        self.index.names_at(&ids, 0).map(|h| (h.len, h.places)).collect()
    }

    /// The city named at token `i`, if a capitalised city name (not a
    /// common word, not part of a longer proper name) starts there, for the
    /// actor finder: "Moscow said" → RUS, "Washington rejected" → USA.
    /// `tokens` are the sentence's tokens as written, `lower` the same
    /// normalised.
    pub fn country_of_city<T: AsRef<str>, L: AsRef<str>>(
        &self,
        tokens: &[T],
        lower: &[L],
        i: usize,
    ) -> Option<CityCountry> {
        crate::mentions::Finder::window(self, tokens, lower, i).city_at(i)
    }

    /// Token ids of `lower[from..to]` (clamped).
    pub(crate) fn ids<L: AsRef<str>>(&self, lower: &[L], from: usize, to: usize) -> Vec<TokenId> {
        let to = to.min(lower.len());
        lower.get(from..to).unwrap_or(&[]).iter().map(|t| self.index.id(t.as_ref())).collect()
    }

    pub(crate) fn kind(&self, id: PlaceId) -> PlaceKind {
        self.places[id.index()].kind
    }
}
