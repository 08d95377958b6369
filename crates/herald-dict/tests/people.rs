//! The embedded table of named people and groups (`data/actors.tsv`,
//! written by `tools/actors/build.py`): people resolve to the office they
//! hold on the story's date, groups to their country.

use herald_core::Date;
use herald_dict::{normalize, ActorEntry, Dictionaries};

/// The entry of the longest actor phrase at the start of `text`, and how
/// many tokens it covers.
fn lookup<'a>(dicts: &'a Dictionaries, text: &str) -> Option<(usize, &'a ActorEntry)> {
    let spans = herald_text::tokenize(text);
    let tokens: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
    let lower: Vec<String> = tokens.iter().map(|t| normalize(t)).collect();
    dicts.actors.longest_at(&tokens, &lower, 0).map(|m| (m.len, m.entry))
}

/// Code and country of the whole of `name` on `date`.
fn on(dicts: &Dictionaries, name: &str, date: &str) -> (String, Option<String>) {
    let words = herald_text::tokenize(name).len();
    let (len, entry) = lookup(dicts, name).unwrap_or_else(|| panic!("{name} is no actor"));
    assert_eq!(len, words, "{name} matches as a whole");
    let date = Some(Date::parse(date).expect("a valid date"));
    (entry.code_on(date).to_string(), entry.country_on(date).map(str::to_string))
}

fn code(c: &str, country: Option<&str>) -> (String, Option<String>) {
    (c.to_string(), country.map(str::to_string))
}

#[test]
fn people_hold_the_office_of_the_story_date() {
    let d = Dictionaries::embedded();
    let rus = Some("RUS");
    assert_eq!(on(&d, "Boris Yeltsin", "1995-06-01"), code("RUSGOV", rus));
    assert_eq!(on(&d, "Boris Yeltsin", "2001-06-01"), code("RUSELI", rus));
    assert_eq!(on(&d, "Dmitry Medvedev", "2010-06-01"), code("RUSGOV", rus));
    assert_eq!(on(&d, "Vladimir Putin", "2001-06-01"), code("RUSGOV", rus));
    let isr = Some("ISR");
    assert_eq!(on(&d, "Ariel Sharon", "2001-06-01"), code("ISRGOV", isr));
    assert_eq!(on(&d, "Ariel Sharon", "2010-06-01"), code("ISRELI", isr));
    assert_eq!(on(&d, "Benjamin Netanyahu", "2001-06-01"), code("ISRELI", isr));
    assert_eq!(on(&d, "Benjamin Netanyahu", "2010-06-01"), code("ISRGOV", isr));
    assert_eq!(on(&d, "Yasser Arafat", "2001-06-01"), code("PSEGOV", Some("PSE")));
}

#[test]
fn people_change_countries_with_their_offices() {
    let d = Dictionaries::embedded();
    assert_eq!(on(&d, "Kofi Annan", "2001-06-01"), code("IGOUNO", None));
    assert_eq!(on(&d, "Ban Ki-moon", "2005-06-01"), code("KORGOV", Some("KOR")));
    assert_eq!(on(&d, "Ban Ki-moon", "2010-06-01"), code("IGOUNO", None));
    assert_eq!(on(&d, "Antonio Guterres", "2001-06-01"), code("PRTGOV", Some("PRT")));
    assert_eq!(on(&d, "António Guterres", "2020-06-01"), code("IGOUNO", None));
}

#[test]
fn groups_take_their_country() {
    let d = Dictionaries::embedded();
    let country = |name: &str| {
        let (len, e) = lookup(&d, name).unwrap_or_else(|| panic!("{name} is no actor"));
        assert_eq!(len, herald_text::tokenize(name).len(), "{name}");
        e.country.clone()
    };
    assert_eq!(country("Hamas").as_deref(), Some("PSE"));
    assert_eq!(country("Hezbollah").as_deref(), Some("LBN"));
    assert_eq!(country("Taliban").as_deref(), Some("AFG"));
    assert_eq!(country("Northern Alliance").as_deref(), Some("AFG"));
    assert_eq!(country("Tamil Tigers").as_deref(), Some("LKA"));
    assert_eq!(country("Liberation Tigers of Tamil Eelam").as_deref(), Some("LKA"));
    assert_eq!(country("FARC").as_deref(), Some("COL"));
    for qaeda in ["al Qaeda", "al-Qaeda", "Al Qaida"] {
        let (_, e) = lookup(&d, qaeda).unwrap_or_else(|| panic!("{qaeda}"));
        assert_eq!((e.code.get(..3), e.country.as_deref()), (Some("IMG"), None), "{qaeda}");
    }
}

#[test]
fn distinctive_surnames_alone_and_no_others() {
    let d = Dictionaries::embedded();
    assert_eq!(on(&d, "Musharraf", "2005-06-01").1.as_deref(), Some("PAK"));
    assert_eq!(on(&d, "Arafat", "2001-06-01").1.as_deref(), Some("PSE"));
    // An English word written with its capital is the surname it stands for.
    assert_eq!(on(&d, "Macron", "2020-06-01").0, "FRAGOV");
    assert_eq!(on(&d, "Putin", "2023-06-01").0, "RUSGOV");
    assert_eq!(lookup(&d, "macron").map(|(_, e)| e.code.clone()), None);
    for common in ["Bush", "Sharon", "Rice", "Brown", "Lee", "Major", "Abdullah"] {
        let found = lookup(&d, common).map(|(_, e)| e.code.clone());
        assert_eq!(found, None, "{common} alone is no actor");
    }
    // Full names still are.
    assert_eq!(on(&d, "George W. Bush", "2005-06-01").0, "USAGOV");
    assert_eq!(on(&d, "Condoleezza Rice", "2006-06-01").0, "USAGOV");
}
