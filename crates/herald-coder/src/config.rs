//! The coder's settings.

/// Settings for the coder.
#[derive(Clone, Debug)]
pub struct CoderConfig {
    /// Sentences with more tokens than this are skipped with a diagnostic.
    pub max_sentence_tokens: usize,
    /// What an agent without a country or organisation becomes.
    pub bare_agents: BareAgents,
    /// Events need a target (PETRARCH's `require_dyad`): "X restored ties
    /// with Y, a senior official said" is one event, not two.
    pub require_target: bool,
    /// Acts done to someone need a recipient: "the Government promised
    /// more jobs" or "Zinni threatened to quit" names no one promised or
    /// threatened. Statements, protests, force postures and violence
    /// ("troops fired in the air", "rebels mobilised") need none.
    pub directed_targets: bool,
    /// Countries and capitals after a locative preposition ("in Baku") are
    /// places, not actors; PETRARCH makes no such distinction.
    pub locations: bool,
    /// How many tokens after a verb (or its last pattern word) the target
    /// is looked for.
    pub target_window: usize,
    /// An implicit target must come before the next word that could be a
    /// verb; PETRARCH takes the first actor of the whole object phrase
    /// ("cordoned off the roads leading into Mordor" → MOR).
    pub target_before_next_verb: bool,
    /// A word right after a determiner ("their meeting", "a boycott") can
    /// anchor a pattern; PETRARCH's dictionaries list verbs, which a word
    /// after a determiner is not.
    pub noun_anchors: bool,
    /// A verb's pattern words and target may lie in its `that` complement
    /// ("X expressed hopes that Y could ..." → target Y), as in PETRARCH.
    pub complement_targets: bool,
    /// Where subjects, objects, passive agents and negation come from.
    pub syntax: Syntax,
    /// Read each sentence in its story: agents that name no country take
    /// the country the story is about ("police", "the government"), and
    /// pronouns stand for the actors they refer to.
    pub story_context: bool,
    /// An event noun ("talks", "sanctions") takes its actors from its own
    /// modifiers ("Israeli air strikes"), a "between" phrase, or the light
    /// verb that carries it ("held talks with", "imposed sanctions on");
    /// without them it is a topic, not an event. Without this, the
    /// nearest actor before it is its source, as for a verb.
    pub event_nouns: bool,
    /// Find places (`herald-geo`'s gazetteer): a place gives its country to
    /// an actor that names none ("Karachi police", "militants in Kashmir")
    /// and counts towards the country a story is about, and events take
    /// their location from them (`location.rs`).
    pub places: bool,
}

/// How the coder finds a verb's subject and object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Word-order heuristics within the clause: the nearest actor before
    /// the verb, the first after it, passive by "be" + participle and "by".
    WordOrder,
    /// `herald-nlp`'s dependency parse of each sentence: `nsubj`,
    /// `nsubjpass`, `agent`, `dobj`, `dative`, prepositional objects and
    /// `neg`, shared subjects through `conj` and `xcomp`, relative clauses.
    /// A slot the parse leaves empty is filled by word order.
    Parse,
}

/// How an agent with no actor to attach to ("the government", "rebels") is coded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BareAgents {
    /// herald's rule: non-state roles are actors in their own right (`REB`);
    /// state roles (`GOV`, `ELI`, `LEG`, `JUD`) are too vague and dropped.
    Standalone,
    /// PETRARCH's rule: every bare agent is an actor, its code added to the
    /// null actor code (`---GOV`).
    NullActor,
}

impl CoderConfig {
    /// The settings herald uses by default.
    pub fn standard() -> CoderConfig {
        CoderConfig {
            max_sentence_tokens: 200,
            bare_agents: BareAgents::Standalone,
            require_target: false,
            directed_targets: true,
            locations: true,
            target_window: 7,
            target_before_next_verb: true,
            noun_anchors: true,
            complement_targets: false,
            syntax: Syntax::Parse,
            story_context: true,
            event_nouns: true,
            places: true,
        }
    }

    /// Settings that follow PETRARCH's conventions, for PETRARCH dictionaries.
    pub fn petrarch() -> CoderConfig {
        CoderConfig {
            bare_agents: BareAgents::NullActor,
            require_target: true,
            directed_targets: false,
            locations: false,
            target_window: 12,
            target_before_next_verb: false,
            noun_anchors: false,
            complement_targets: true,
            story_context: false,
            event_nouns: false,
            places: false,
            ..CoderConfig::standard()
        }
    }
}
