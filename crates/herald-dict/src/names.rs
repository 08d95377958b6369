//! Readable names for actor codes, from the country, organisation and
//! agent tables: `ARM` is "Armenia", `ARMMIL` "Armenia: military",
//! `IGOUNOIAE` "International Atomic Energy Agency". A name is the first
//! one its table lists.

use std::collections::HashMap;

use crate::actors::{list, rows, AGENTS_HEADER, COUNTRIES_HEADER, ORGANISATIONS_HEADER};
use crate::Sources;

/// Names of countries, organisations and agents, by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorNames {
    /// By ISO alpha-3 and by CAMEO country code.
    countries: HashMap<String, String>,
    organisations: HashMap<String, String>,
    agents: HashMap<String, String>,
}

impl ActorNames {
    /// The names in herald's embedded tables.
    pub fn embedded() -> ActorNames {
        ActorNames::from_sources(&Sources::embedded())
    }

    /// The names in these tables. Rows that cannot be read are left out:
    /// [`crate::Dictionaries::from_sources`] reports them.
    pub fn from_sources(sources: &Sources<'_>) -> ActorNames {
        let mut names = ActorNames::default();
        let first = |field: &str| list(field).next().map(str::to_string);
        if let Some((_, text)) = sources.countries {
            for (_, f) in rows(text, COUNTRIES_HEADER).filter(|(_, f)| f.len() == 5) {
                let Some(name) = first(f[2]) else { continue };
                for code in [f[0].trim(), f[1].trim()] {
                    names.countries.entry(code.to_string()).or_insert_with(|| name.clone());
                }
            }
        }
        if let Some((_, text)) = sources.organisations {
            for (_, f) in rows(text, ORGANISATIONS_HEADER).filter(|(_, f)| f.len() == 3) {
                let Some(name) = first(f[2]) else { continue };
                names.organisations.entry(f[0].trim().to_string()).or_insert_with(|| name.clone());
                // A pseudo-country (`EUR`) is named after its first organisation.
                let country = f[1].trim();
                if !country.is_empty() {
                    names.countries.entry(country.to_string()).or_insert(name);
                }
            }
        }
        if let Some((_, text)) = sources.agents {
            for (_, f) in rows(text, AGENTS_HEADER).filter(|(_, f)| f.len() == 2) {
                if let Some(name) = first(f[1]) {
                    names.agents.entry(f[0].trim().to_string()).or_insert(name);
                }
            }
        }
        names
    }

    /// A country's name, by ISO alpha-3 or CAMEO country code.
    pub fn country(&self, code: &str) -> Option<&str> {
        self.countries.get(code).map(String::as_str)
    }

    /// An actor code's name: an organisation's or a country's, or a
    /// country's followed by its agents' (`ARMGOVMIL`: "Armenia:
    /// government, military"). `None` if any part is unknown.
    pub fn name(&self, code: &str) -> Option<String> {
        if let Some(name) = self.organisations.get(code).or_else(|| self.countries.get(code)) {
            return Some(name.clone());
        }
        if !code.is_ascii() || code.len() < 6 || !code.len().is_multiple_of(3) {
            return None;
        }
        let country = self.countries.get(&code[..3])?;
        let agents = (3..code.len())
            .step_by(3)
            .map(|i| self.agents.get(&code[i..i + 3]).map(String::as_str))
            .collect::<Option<Vec<_>>>()?;
        Some(format!("{country}: {}", agents.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_named_from_the_tables() {
        let names = ActorNames::embedded();
        let name = |code: &str| names.name(code);
        assert_eq!(name("ARM").as_deref(), Some("Armenia"));
        assert_eq!(name("ARMMIL").as_deref(), Some("Armenia: military"));
        assert_eq!(name("AZEGOVMIL").as_deref(), Some("Azerbaijan: government, military"));
        assert_eq!(name("IGOUNOIAE").as_deref(), Some("International Atomic Energy Agency"));
        assert_eq!(name("KSV").as_deref(), Some("Kosovo"), "a CAMEO code other than the ISO one");
        assert_eq!(names.country("XKX"), Some("Kosovo"));
        assert_eq!(names.country("EUR"), Some("European Union"));
        for unknown in ["", "XYZ", "ARMXYZ", "ARMMI", "ÅRMMIL", "---GOV"] {
            assert_eq!(name(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn unreadable_rows_are_left_out() {
        let sources = Sources {
            countries: Some(("c", "iso3\tcode\tnames\tadjectives\tcapitals\nARM\tARM\n")),
            agents: Some(("a", "code\tnames\nMIL\tmilitary|army\n")),
            ..Sources::default()
        };
        let names = ActorNames::from_sources(&sources);
        assert_eq!((names.name("ARM"), names.name("ARMMIL")), (None, None));
    }
}
