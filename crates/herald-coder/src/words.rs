//! Closed classes of words the coder's rules look for.

/// Words that end the search for a verb's subject or object: clause
/// openers and quotes.
pub(crate) const CLAUSE_BREAKS: &[&str] = &[
    ";", ":", "\"", "“", "”", "that", "which", "who", "whom", "whose", "when", "while", "because",
    "although", "though", "whereas", "if", "unless", "but", "after", "before", "since", "where",
];

pub(crate) const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "neither", "nor"];

pub(crate) const BE_FORMS: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "'s", "'re"];

pub(crate) const MODALS_OF_OBLIGATION: &[&str] = &["should", "must", "ought"];

pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "'s", "any",
    "new", "further", "fresh", "renewed", "joint", "first",
];

/// Words after which a word is an adjective or adverb, not a verb.
pub(crate) const DEGREE_ADVERBS: &[&str] =
    &["very", "too", "so", "quite", "rather", "extremely", "more", "most", "less", "least"];

/// Words after which a word is a noun.
pub(crate) const NOUN_DETERMINERS: &[&str] =
    &["the", "a", "an", "their", "its", "his", "her", "our", "your", "my", "this"];

pub(crate) const LOCATIVES: &[&str] =
    &["in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"];

pub(crate) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
];

pub(crate) const PREPOSITIONS: &[&str] = &[
    "of",
    "with",
    "from",
    "in",
    "on",
    "at",
    "by",
    "for",
    "to",
    "about",
    "against",
    "between",
    "among",
    "into",
    "over",
    "under",
    "toward",
    "towards",
    "upon",
    "within",
    "including",
    "during",
];

/// Looks like a past participle ("attacked", "withdrawn", "held").
pub(crate) fn is_participle(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.ends_with("ed")
        || w.ends_with("en")
        || w.ends_with("wn")
        || w.ends_with("ught")
        || w.ends_with("eld")
        || w.ends_with("ne")
}

/// Looks like an inflected verb form rather than a bare noun.
pub(crate) fn is_verb_form(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.ends_with("ed") || w.ends_with("ing") || w.ends_with("es")
}

/// Prepositions of a circumstance of the clause's own subject: "by calling
/// on", "after meeting", "before leaving".
pub(crate) const CIRCUMSTANCE: &[&str] =
    &["by", "after", "before", "while", "since", "without", "upon", "through", "in", "on"];
