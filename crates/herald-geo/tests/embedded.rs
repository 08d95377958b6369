//! The embedded table: it loads, holds what the crate promises, agrees with
//! `data/gazetteer.tsv` name by name, and the reader refuses corrupt bytes
//! without panicking.

use std::sync::OnceLock;

use herald_geo::{Gazetteer, GeoError, Iso3, PlaceKind};

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fn iso3(code: &str) -> Iso3 {
    Iso3::new(code).unwrap()
}

#[test]
fn holds_countries_divisions_and_places() {
    let g = gaz();
    let count = |k| g.places().iter().filter(|p| p.kind == k).count();
    assert!(count(PlaceKind::City) > 30_000, "{} cities", count(PlaceKind::City));
    assert!(count(PlaceKind::Admin1) > 3_000);
    assert!(g.countries().len() >= 245);
    assert_eq!(g.countries().len(), count(PlaceKind::Country));
    for (code, at_least) in [
        ("USA", 51),
        ("IND", 30),
        ("CHN", 30),
        ("RUS", 80),
        ("BRA", 27),
        ("NGA", 37),
        ("UKR", 25),
        ("SYR", 14),
        ("AFG", 34),
        ("GBR", 4),
        ("PSE", 2),
    ] {
        let n = g.admin1s().iter().filter(|a| a.country == iso3(code)).count();
        assert!(n >= at_least, "{code}: {n} admin1");
    }
}

#[test]
fn every_country_with_a_seat_has_its_capital() {
    // Territories without a capital in GeoNames.
    let none = ["ATA", "BES", "BVT", "HMD", "TKL", "UMI"];
    let g = gaz();
    for c in g.countries() {
        let Some(capital) = c.capital else {
            assert!(none.contains(&c.iso3.as_str()), "{} has no capital", c.iso3);
            continue;
        };
        let p = g.place(capital).unwrap();
        assert_eq!((p.kind, p.capital, p.country), (PlaceKind::City, true, c.iso3), "{p:?}");
        assert_eq!(g.place(c.place).unwrap().kind, PlaceKind::Country);
    }
    for (country, capital) in
        [("SYR", "Damascus"), ("AFG", "Kabul"), ("USA", "Washington"), ("PLW", "Ngerulmud")]
    {
        let id = g.capital_of(iso3(country)).unwrap();
        assert_eq!(g.place(id).unwrap().name, capital);
    }
}

#[test]
fn places_link_to_their_country_and_division() {
    let g = gaz();
    for (k, p) in g.places().iter().enumerate() {
        assert!(g.country(p.country).is_some(), "{p:?}");
        assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon));
        let id = g.by_geonameid(p.geonameid).unwrap();
        assert_eq!(id.index(), k, "{p:?}");
        if let Some(a) = g.admin1_of(id) {
            assert_eq!(a.country, p.country);
        }
    }
    let sydney = g
        .lookup("Sydney")
        .iter()
        .map(|&id| g.place(id).unwrap())
        .find(|p| p.country == iso3("AUS"))
        .unwrap();
    let nsw = g.admin1(sydney.admin1.unwrap()).unwrap();
    assert_eq!((nsw.name, nsw.code), ("New South Wales", "02"));
}

/// Every name of the source table finds its places through `lookup`, which
/// tokenises with herald-text as sentences are: the build tokenised alike.
#[test]
fn every_name_of_the_table_is_found() {
    let g = gaz();
    let table = include_str!("../data/gazetteer.tsv");
    let rows: Vec<&str> =
        table.lines().filter(|l| matches!(l.get(..2), Some("C\t" | "A\t" | "P\t"))).collect();
    let mut names = 0;
    for line in table.lines().filter(|l| l.starts_with("N\t")) {
        let f: Vec<&str> = line.split('\t').collect();
        let found: Vec<u32> =
            g.lookup(f[1]).iter().map(|&id| g.place(id).unwrap().geonameid).collect();
        for r in f[2].split(',') {
            let row: Vec<&str> = rows[r.parse::<usize>().unwrap()].split('\t').collect();
            let geonameid: u32 = if row[0] == "P" { row[1] } else { row[3] }.parse().unwrap();
            assert!(found.contains(&geonameid), "{:?} does not find row {r}", f[1]);
        }
        names += 1;
    }
    assert!(names > 150_000);
}

#[test]
fn names_are_normalised_and_demonyms_are_not_places() {
    let g = gaz();
    assert_eq!(g.lookup("SÃO PAULO"), g.lookup("são paulo"));
    assert!(!g.lookup("Sao Paulo").is_empty());
    for demonym in ["Syrian", "Russian", "Saudi", "Iraqi", "American"] {
        assert!(g.lookup(demonym).is_empty(), "{demonym}");
    }
    assert_eq!(g.demonym("syrian"), Some(iso3("SYR")));
    assert_eq!(g.demonym("syria"), None);
}

#[test]
fn refuses_corrupt_tables() {
    let bytes: &'static [u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
    let leak = |v: Vec<u8>| -> &'static [u8] { Box::leak(v.into_boxed_slice()) };
    assert!(matches!(Gazetteer::from_bytes(b"HGEO"), Err(GeoError::Corrupt { .. })));
    assert!(matches!(Gazetteer::from_bytes(b"JUNK\x01\0\0\0"), Err(GeoError::Corrupt { .. })));
    let mut v = bytes.to_vec();
    v[4] = 9;
    assert!(matches!(Gazetteer::from_bytes(leak(v)), Err(GeoError::Version { found: 9, .. })));
    // Truncations at the start of every section and at spread-out points.
    for cut in (0..bytes.len()).step_by(bytes.len() / 12).chain(0..64) {
        assert!(Gazetteer::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Mutations anywhere either fail cleanly or still give a usable table.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..4 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut v = bytes.to_vec();
        let at = (seed % v.len() as u64) as usize;
        v[at] ^= 1 << (seed >> 61);
        if let Ok(g) = Gazetteer::from_bytes(leak(v)) {
            let tokens = ["Fighting", "in", "northern", "Syria", "and", "Kabul"];
            let lower = ["fighting", "in", "northern", "syria", "and", "kabul"];
            g.find_mentions(&tokens, &lower);
        }
    }
}
