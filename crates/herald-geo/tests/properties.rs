//! Properties of mention finding and dateline parsing on arbitrary input.

use std::sync::OnceLock;

use herald_geo::{normalize, parse_dateline, Context, Gazetteer, MentionKind};
use proptest::prelude::*;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

/// Tokens that exercise the rules: names, parts of names, directions,
/// divisions, "the capital", demonyms, punctuation, common words, and
/// arbitrary strings.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "New", "South", "Wales", "Gaza", "Strip", "West", "Bank", "Syria", "Paris", "Texas",
            "Georgia", "Tripoli", "northern", "north", "-", "eastern", "of", "the", "capital",
            "Syrian", "province", "region", "city", ",", ".", "\"", "(", "in", "near", "Nice",
            "March", "Police", "Of", "al", "Bab", "Washington", "D.C.", "Post", "Israel", "Katz",
            "Kyiv", "Aleppo", "Hyderabad", "Pakistan", "Sao", "Paulo", "São", "Tuesday",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{1,8}",
    ]
}

proptest! {
    #[test]
    fn mentions_are_ordered_in_bounds_and_disjoint(tokens in prop::collection::vec(token(), 0..30)) {
        let g = gaz();
        let lower: Vec<String> = tokens.iter().map(|t| normalize(t)).collect();
        let mentions = g.find_mentions(&tokens, &lower);
        let mut last_end = 0;
        let ctx = Context::new();
        for m in &mentions {
            prop_assert!(m.start >= last_end && m.start < m.end && m.end <= tokens.len(), "{m:?}");
            prop_assert!(m.start <= m.name.start && m.name.start < m.name.end && m.name.end <= m.end);
            if let Some(r) = &m.region {
                prop_assert!(m.name.end < r.start && r.end == m.end);
            }
            match m.kind {
                MentionKind::Name => {
                    prop_assert!(!m.candidates.is_empty());
                    prop_assert!(g.resolve_mention(m, &ctx).is_some());
                }
                MentionKind::Capital { .. } => prop_assert!(m.candidates.len() <= 1),
            }
            last_end = m.end;
        }
        // The other lookups take any index.
        for i in 0..=tokens.len() + 1 {
            let _ = g.find_at(&lower, i);
            let _ = g.country_of_city(&tokens, &lower, i);
        }
        // Token and normalised lists of different lengths are safe too.
        let _ = g.find_mentions(&tokens, &lower[..lower.len() / 2]);
    }

    #[test]
    fn datelines_are_in_bounds(
        text in prop_oneof![
            "\\PC{0,60}( - |—)?\\PC{0,20}",
            "[A-Z ./-]{1,12}(, [A-Za-z .]{0,10}){0,3}( \\([A-Za-z]{0,6}\\))? ?[-—–]{1,2} ?\\PC{0,10}",
        ]
    ) {
        if let Some(d) = parse_dateline(&text) {
            for r in [Some(d.place.clone()), d.region.clone(), d.date.clone(), d.source.clone()].into_iter().flatten() {
                prop_assert!(text.get(r.clone()).is_some_and(|s| !s.is_empty()), "{r:?}");
                prop_assert!(r.end <= d.body);
            }
            prop_assert!(d.body <= text.len() && text.is_char_boundary(d.body));
            let _ = gaz().dateline_place(&text, &d);
        }
    }
}
