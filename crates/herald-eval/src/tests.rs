use std::collections::BTreeMap;

use herald_core::{ActorRecord, EventRecord, Span, VerbRecord};

use crate::*;

fn event(doc: &str, sent: usize, src: &str, tgt: Option<&str>, root: &str) -> EventRecord {
    let plover = match root {
        "03" => Some("AGREE"),
        "11" => Some("ACCUSE"),
        "10" => Some("REQUEST"),
        "19" | "20" => Some("ASSAULT"),
        _ => None,
    };
    at(doc, sent, 0, src, tgt, root, plover)
}

fn at(
    doc: &str,
    sent: usize,
    offset: usize,
    src: &str,
    tgt: Option<&str>,
    root: &str,
    plover: Option<&str>,
) -> EventRecord {
    let actor = |c: &str| ActorRecord {
        code: c.into(),
        country: (c.len() == 3 && !c.starts_with("IGO")).then(|| c.into()),
        text: c.into(),
        span: Span::new(0, 1),
    };
    EventRecord {
        story_id: doc.into(),
        sentence_index: sent,
        sentence: String::new(),
        date: None,
        source: actor(src),
        target: tgt.map(actor),
        cameo: format!("{root}0"),
        cameo_root: root.into(),
        cameo_name: None,
        plover: plover.map(str::to_string),
        goldstein: Some(0.0),
        quad_class: Some(1),
        verb: VerbRecord { text: String::new(), span: Span::new(offset, offset + 1) },
        pattern: String::new(),
        ..Default::default()
    }
}

#[test]
fn scores_required_optional_and_spurious_by_root() {
    let gold = parse_gold(
        "g",
        r#"{"doc":"a.txt","sent":1,"events":[{"source":"AZE","target":"RUS","root":"03"},{"source":"ARM","target":"AZE","root":["19","20"],"optional":true}]}
{"doc":"a.txt","sent":2,"events":[{"source":"ARM","target":null,"root":"19"}]}"#,
    )
    .unwrap();
    let events = [
        event("dir/a.txt", 0, "AZE", Some("RUS"), "03"),
        event("a.txt", 0, "ARM", Some("AZE"), "20"),
        event("a.txt", 0, "AZE", Some("ARM"), "11"),
        event("a.txt", 0, "AZE", None, "01"),
        event("a.txt", 5, "AZE", None, "19"),
    ];
    let s = score(&gold, &events, Level::Root);
    assert_eq!((s.total.tp, s.total.fp, s.total.fn_, s.total.gold), (2, 1, 1, 2));
    assert_eq!(s.recall(), 0.5);
    assert!((s.precision() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(s.sentences[1].missed, ["ARM>-:19"]);
    assert_eq!(s.types["11"].fp, 1);
    assert_eq!(s.confusions["11: spurious"], 1);
}

#[test]
fn scores_plover_types_with_alternatives_and_confusions() {
    let gold = parse_gold(
        "g",
        r#"{"doc":"d","sent":1,"events":[{"source":"ISR","target":"PSE","plover":"ASSAULT"},{"source":"PSE","target":"ISR","plover":["REQUEST","THREATEN"]},{"source":"USA","target":"IRQ","plover":"ACCUSE"}]}"#,
    )
    .unwrap();
    let events = [
        at("d", 0, 0, "ISR", None, "19", Some("ASSAULT")),
        at("d", 0, 0, "PSE", Some("ISR"), "13", Some("THREATEN")),
        at("d", 0, 0, "USA", Some("IRQ"), "10", Some("REQUEST")),
        at("d", 0, 0, "USA", None, "01", None),
    ];
    let s = score(&gold, &events, Level::Plover);
    assert_eq!((s.total.tp, s.total.fp, s.total.fn_, s.total.gold), (1, 2, 2, 3));
    assert_eq!(s.types["THREATEN"].tp, 1);
    assert_eq!(s.types["REQUEST"].fp, 1);
    let confusions: Vec<(&str, usize)> =
        s.confusions.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(confusions, [("ACCUSE as REQUEST", 1), ("ASSAULT: target missing", 1)]);
}

#[test]
fn places_events_by_offset_when_sentences_have_ranges() {
    let text = "Israel attacked Gaza. Hamas fired rockets.";
    let sha = |s: &str| {
        use sha2::Digest;
        sha2::Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    let line = |n: usize, range: std::ops::Range<usize>, events: &str| {
        let hash = sha(&text[range.clone()]);
        format!(
            r#"{{"doc":"d","sent":{n},"start":{},"end":{},"sha256":"{hash}","events":[{events}]}}"#,
            range.start, range.end
        )
    };
    let gold_text = [
        line(1, 0..21, ""),
        line(2, 22..42, r#"{"source":"PSE","target":null,"plover":"ASSAULT"}"#),
    ]
    .join("\n");
    let gold = parse_gold("g", &gold_text).unwrap();
    let texts = BTreeMap::from([("d".to_string(), text.to_string())]);
    check_references("g", &gold, &texts).unwrap();
    // The coder's sentence index says 0 (one sentence for the whole text);
    // the verb's offset puts the event in the second gold sentence.
    let events = [at("d", 0, 28, "PSE", None, "19", Some("ASSAULT"))];
    let s = score(&gold, &events, Level::Plover);
    assert_eq!((s.total.tp, s.total.fp), (1, 0));

    let changed = BTreeMap::from([("d".to_string(), text.replace("Gaza", "Gazo"))]);
    let err = check_references("g", &gold, &changed).unwrap_err();
    assert!(err.to_string().contains("g:1:") && err.to_string().contains("sha256"), "{err}");
}

#[test]
fn gold_errors_have_lines() {
    let err = parse_gold("gold.jsonl", "\n{\"doc\":1}").unwrap_err();
    assert_eq!(err.line, 2);
    assert!(parse_gold("g", r#"{"doc":"a","sent":0,"events":[]}"#).is_err());
    let bad_type =
        r#"{"doc":"a","sent":1,"events":[{"source":"X","target":null,"plover":"ATTACK"}]}"#;
    assert!(parse_gold("g", bad_type).unwrap_err().message.contains("ATTACK"));
    let no_source = r#"{"doc":"a","sent":1,"events":[{"source":null,"target":null,"root":"19"}]}"#;
    assert!(parse_gold("g", no_source).is_err());
    let half = r#"{"doc":"a","sent":1,"start":3,"events":[]}"#;
    assert!(parse_gold("g", half).is_err());
}

#[test]
fn country_keys() {
    assert_eq!(country_key("IGOUNO", None).as_deref(), Some("IGO"));
    assert_eq!(country_key("IGOEUREEC", Some("EUR")).as_deref(), Some("EUR"));
    assert_eq!(country_key("IMGMOSALQ", None).as_deref(), Some("IMG"));
    assert_eq!(country_key("REB", None), None);
}
