//! The lookups the coder calls: cities as actors, raw names at a token,
//! datelines, countries and capitals, resolution by context.

use std::sync::OnceLock;

use herald_geo::{normalize, parse_dateline, Context, Gazetteer, How, Iso3, PlaceKind};

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fn iso3(code: &str) -> Iso3 {
    Iso3::new(code).unwrap()
}

fn tokens(s: &str) -> (Vec<&str>, Vec<String>) {
    let t: Vec<&str> = herald_text::tokenize(s).iter().map(|sp| &s[sp.start..sp.end]).collect();
    let l = t.iter().map(|w| normalize(w)).collect();
    (t, l)
}

#[test]
fn cities_as_actors() {
    let g = gaz();
    let city = |s: &str, i: usize| {
        let (t, l) = tokens(s);
        g.country_of_city(&t, &l, i).map(|c| (c.len, c.country.as_str().to_string(), c.capital))
    };
    assert_eq!(city("Moscow said it would respond.", 0), Some((1, "RUS".into(), true)));
    assert_eq!(city("Washington rejected the offer.", 0), Some((1, "USA".into(), true)));
    assert_eq!(city("Officials said New Delhi would reply.", 2), Some((2, "IND".into(), true)));
    assert_eq!(city("Karachi protested.", 0), Some((1, "PAK".into(), false)));
    // Not a city, not written as a name, part of another name, a common word.
    assert_eq!(city("Syria said it would respond.", 0), None);
    assert_eq!(city("moscow said", 0), None);
    assert_eq!(city("The Washington Post said", 1), None);
    assert_eq!(city("Best said", 0), None);
    // Any index, in range or not, is safe.
    for i in 0..8 {
        let _ = city("Moscow said", i);
    }
}

#[test]
fn names_at_a_token() {
    let g = gaz();
    let (_, l) = tokens("in New South Wales today");
    let found = g.find_at(&l, 1);
    assert_eq!(found[0].0, 3);
    assert!(found.iter().all(|w| w.0 <= 3));
    assert!(found.windows(2).all(|w| w[0].0 >= w[1].0), "longest first");
    assert!(g.find_at(&l, 0).is_empty());
    assert!(g.find_at(&l, 99).is_empty());
}

#[test]
fn datelines_resolve_to_places() {
    let g = gaz();
    let place = |text: &str| {
        let d = parse_dateline(text)?;
        let r = g.dateline_place(text, &d)?;
        let p = g.place(r.place).unwrap();
        Some((p.name, p.country.as_str().to_string(), r.how))
    };
    assert_eq!(place("BAKU, March 3 (Reuters) - Talks"), Some(("Baku", "AZE".into(), How::Only)));
    assert_eq!(place("KABUL (AP) - Talks"), Some(("Kabul", "AFG".into(), How::Only)));
    assert_eq!(
        place("WASHINGTON (Reuters) - Talks"),
        Some(("Washington", "USA".into(), How::Population))
    );
    assert_eq!(
        place("TRIPOLI, Lebanon (AP) - Talks"),
        Some(("Tripoli", "LBN".into(), How::Region))
    );
    assert_eq!(place("TRIPOLI (AP) - Talks").map(|p| p.1), Some("LBY".into()));
    assert_eq!(place("UNITED NATIONS (Reuters) - Talks"), None);
}

#[test]
fn countries_capitals_and_context() {
    let g = gaz();
    let georgia = g.country(iso3("GEO")).unwrap();
    assert_eq!((georgia.name, georgia.iso2), ("Georgia", "GE"));
    assert_eq!(g.place(georgia.place).unwrap().kind, PlaceKind::Country);
    assert_eq!(g.place(g.capital_of(iso3("GEO")).unwrap()).unwrap().name, "Tbilisi");
    assert!(g.country(iso3("XXX")).is_none());

    let mut ctx = Context::new();
    assert_eq!(ctx.main_country(), None);
    ctx.add_country(iso3("USA"));
    ctx.add_country(iso3("GEO"));
    ctx.add_country(iso3("GEO"));
    assert_eq!((ctx.count(iso3("GEO")), ctx.main_country()), (2, Some(iso3("GEO"))));

    // Resolution is deterministic and ignores an empty list.
    assert_eq!(g.resolve(&[], &ctx), None);
    let paris = g.lookup("Paris");
    assert_eq!(g.resolve(paris, &ctx), g.resolve(paris, &ctx));
}

#[test]
fn iso3_codes() {
    assert_eq!(Iso3::new("SYR").map(|c| c.to_string()), Some("SYR".into()));
    for bad in ["syr", "SY", "SYRI", "S1R", ""] {
        assert_eq!(Iso3::new(bad), None, "{bad}");
    }
}
