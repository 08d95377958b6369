//! A sentence's dependency tree, as the coder reads it when
//! [`Syntax::Parse`](crate::Syntax::Parse) is selected.
//!
//! The tree comes from `herald-nlp` and may be wrong or odd; every lookup
//! here checks bounds and every walk up the tree is bounded, so a bad parse
//! gives no answer (and the coder falls back to word order), never a panic.

use herald_nlp::{Analysis, Dep, Tag};

use crate::mentions::Mention;

/// How far up the tree a shared subject is looked for.
const MAX_CLIMB: usize = 6;

pub(crate) struct Tree {
    heads: Vec<Option<usize>>,
    labels: Vec<Dep>,
    tags: Vec<Tag>,
    children: Vec<Vec<usize>>,
    /// The mention each token heads (its head token lies outside the mention).
    headed: Vec<Option<usize>>,
    /// Each mention's head token.
    mention_heads: Vec<Option<usize>>,
    /// The last token of each token's subtree.
    right_edge: Vec<usize>,
}

/// Repairs two misparses that leave a sentence without a main verb, its
/// root a noun whose relative clause holds the real main verb:
/// - a finite verb with no subject of its own, attached as a complement or
///   adverbial clause of the relative clause's verb, cannot belong to that
///   clause ("Troops who crossed the border attacked", "positions that the
///   army had built were attacked by X");
/// - a relative clause with no relative word whose subject is a name right
///   after the noun is a title and name ("the minister Calimehtar warned").
///
/// Either verb becomes the root, with the noun as its subject (the name
/// then stands in apposition to the noun).
fn main_verb_out_of_relative(
    mut heads: Vec<Option<usize>>,
    mut labels: Vec<Dep>,
    tags: &[Tag],
) -> (Vec<Option<usize>>, Vec<Dep>) {
    let len = heads.len();
    let finite = |k: usize| matches!(tags[k], Tag::Vbd | Tag::Vbz | Tag::Vbp | Tag::Md);
    let children = |v: usize, of: &'static [Dep]| {
        let (heads, labels) = (&heads, &labels);
        (0..len).filter(move |&k| heads[k] == Some(v) && of.contains(&labels[k]))
    };
    let subjects = [Dep::Nsubj, Dep::Nsubjpass, Dep::Csubj, Dep::Expl].as_slice();
    let swallowed = (0..len).find(|&v| {
        let Some(r) = heads[v] else { return false };
        let Some(noun) = heads[r] else { return false };
        matches!(labels[v], Dep::Xcomp | Dep::Advcl | Dep::Ccomp)
            && labels[r] == Dep::Relcl
            && heads[noun].is_none()
            && (finite(v) || children(v, &[Dep::Aux, Dep::Auxpass]).any(finite))
            && children(v, subjects).next().is_none()
    });
    let repair = match swallowed {
        Some(v) => heads[v].and_then(|r| heads[r]).map(|noun| (v, noun, None)),
        None => (0..len).find_map(|v| {
            let noun = heads[v]?;
            let name = children(v, &[Dep::Nsubj]).next()?;
            let relative_word =
                (0..len).any(|k| heads[k] == Some(v) && matches!(tags[k], Tag::Wdt | Tag::Wp));
            let titled = labels[v] == Dep::Relcl
                && heads[noun].is_none()
                && finite(v)
                && name == noun + 1
                && matches!(tags[name], Tag::Nnp | Tag::Nnps)
                && !relative_word;
            titled.then_some((v, noun, Some(name)))
        }),
    };
    if let Some((v, noun, name)) = repair {
        let passive = children(v, &[Dep::Auxpass]).next().is_some();
        heads[v] = None;
        labels[v] = Dep::Root;
        heads[noun] = Some(v);
        labels[noun] = if passive { Dep::Nsubjpass } else { Dep::Nsubj };
        if let Some(name) = name {
            heads[name] = Some(noun);
            labels[name] = Dep::Appos;
        }
    }
    (heads, labels)
}

/// Repairs a reduced relative read as the main verb, with the real main
/// verb attached to it as a conjunct without a coordinator or as an
/// adverbial clause without a subordinator: "The soldiers captured near the
/// border were freed by Iran", "Journalists detained for criticising Iraq
/// were released". Such a dependent with an auxiliary of its own but no
/// subject, no `and`/`or`/`because` and no comma before it, hanging off a
/// past form with a common-noun subject, no auxiliary and no object, is the
/// main verb; the first verb becomes a participle modifying its subject.
fn participle_read_as_main_verb(
    mut heads: Vec<Option<usize>>,
    mut labels: Vec<Dep>,
    mut tags: Vec<Tag>,
) -> (Vec<Option<usize>>, Vec<Dep>, Vec<Tag>) {
    let len = heads.len();
    let children = |v: usize, of: &'static [Dep]| {
        let (heads, labels) = (&heads, &labels);
        (0..len).filter(move |&k| heads[k] == Some(v) && of.contains(&labels[k]))
    };
    let repair = (0..len).find_map(|v2| {
        let v1 = heads[v2]?;
        let subject = children(v1, &[Dep::Nsubj]).next()?;
        // Restrictive reduced relatives modify common nouns; a name with
        // one ("Romendacil arrived in Gondor ... demonstrators were
        // crushed") is the misparse the other way round.
        let plain = matches!(labels[v2], Dep::Conj | Dep::Advcl)
            && v1 < v2
            && matches!(tags[subject], Tag::Nn | Tag::Nns)
            && matches!(tags[v1], Tag::Vbd | Tag::Vbn)
            && children(v1, &[Dep::Aux, Dep::Auxpass, Dep::Dobj, Dep::Cc]).next().is_none()
            && children(v2, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Cc, Dep::Mark]).next().is_none()
            // An auxiliary of tense or voice ("were released"), not the
            // infinitive's "to" ("the group called on X to respect", "to
            // be allowed to leave").
            && children(v2, &[Dep::Aux, Dep::Auxpass]).any(|a| tags[a] != Tag::To)
            && children(v2, &[Dep::Aux]).all(|a| tags[a] != Tag::To)
            && !(v1..v2).any(|k| matches!(tags[k], Tag::Comma | Tag::Colon | Tag::Cc));
        plain.then_some((v1, v2, subject))
    });
    if let Some((v1, v2, subject)) = repair {
        let passive = children(v2, &[Dep::Auxpass]).next().is_some();
        heads[v2] = heads[v1];
        labels[v2] = labels[v1];
        heads[subject] = Some(v2);
        labels[subject] = if passive { Dep::Nsubjpass } else { Dep::Nsubj };
        heads[v1] = Some(subject);
        labels[v1] = Dep::Acl;
        tags[v1] = Tag::Vbn;
        // What follows the main verb (the final stop) is its own.
        for head in heads.iter_mut().skip(v2 + 1) {
            if *head == Some(v1) {
                *head = Some(v2);
            }
        }
    }
    (heads, labels, tags)
}

/// Repairs a noun tagged as a present verb: "the ceasefire offer was made
/// by Hamas" with "offer" a `VBP` that is the subject, and "ceasefire" its
/// subject. A finite present form in a noun's place (subject, object,
/// prepositional object) is a noun, and a subject before it its modifier.
fn noun_read_as_verb(
    heads: &[Option<usize>],
    mut labels: Vec<Dep>,
    mut tags: Vec<Tag>,
) -> (Vec<Dep>, Vec<Tag>) {
    for i in 0..tags.len() {
        if !matches!(labels[i], Dep::Nsubj | Dep::Nsubjpass | Dep::Dobj | Dep::Pobj) {
            continue;
        }
        tags[i] = match tags[i] {
            Tag::Vb | Tag::Vbp => Tag::Nn,
            Tag::Vbz => Tag::Nns,
            _ => continue,
        };
        for k in 0..i {
            if heads[k] == Some(i) && labels[k] == Dep::Nsubj {
                labels[k] = Dep::Compound;
            }
        }
    }
    (labels, tags)
}

/// Repairs a main verb read as a modifier of its object: "Russian police
/// arrested students in Moscow" tagged and parsed as "police" the subject of
/// an adjective "arrested" modifying "students". A past form attached as
/// `amod` to a noun after it while having a subject of its own is a clause's
/// verb: it takes the noun's place in the tree and the noun becomes its
/// object (with the final punctuation).
fn verb_read_as_modifier(
    mut heads: Vec<Option<usize>>,
    mut labels: Vec<Dep>,
    mut tags: Vec<Tag>,
) -> (Vec<Option<usize>>, Vec<Dep>, Vec<Tag>) {
    let len = heads.len();
    let repair = (0..len).find(|&v| {
        labels[v] == Dep::Amod
            && matches!(tags[v], Tag::Vbd | Tag::Vbn)
            && heads[v].is_some_and(|n| n > v && matches!(tags[n], Tag::Nn | Tag::Nns))
            && (0..v).any(|k| heads[k] == Some(v) && labels[k] == Dep::Nsubj)
    });
    if let Some(v) = repair {
        let Some(noun) = heads[v] else { return (heads, labels, tags) };
        heads[v] = heads[noun];
        labels[v] = labels[noun];
        heads[noun] = Some(v);
        labels[noun] = Dep::Dobj;
        tags[v] = Tag::Vbd;
        for k in noun + 1..len {
            if heads[k] == Some(noun) && labels[k] == Dep::Punct {
                heads[k] = Some(v);
            }
        }
    }
    (heads, labels, tags)
}

/// Repairs a participle modifying a counted object read as a clause of
/// its own: "offered to free 50 jailed rebels" parsed with "50" the subject
/// of "jailed" and "rebels" its object. A past form right after a number
/// right after a verb with no object, attached to that verb (or the one it
/// depends on) as an adverbial or open clause with the number as its subject and an object
/// of its own, modifies that object, which is the first verb's (with what
/// follows it).
fn modifier_read_as_verb(
    mut heads: Vec<Option<usize>>,
    mut labels: Vec<Dep>,
    mut tags: Vec<Tag>,
) -> (Vec<Option<usize>>, Vec<Dep>, Vec<Tag>) {
    let len = heads.len();
    let object = |heads: &[Option<usize>], labels: &[Dep], v: usize| {
        (0..len).find(|&k| heads[k] == Some(v) && labels[k] == Dep::Dobj)
    };
    let repair = (2..len).find(|&v2| {
        let (number, v1) = (v2 - 1, v2 - 2);
        matches!(tags[v2], Tag::Vbd | Tag::Vbn)
            && tags[number] == Tag::Cd
            && tags[v1].is_verb()
            // Attached to that verb or to the one it is a clause of.
            && (heads[v2] == Some(v1) || (heads[v2].is_some() && heads[v2] == heads[v1]))
            && matches!(labels[v2], Dep::Advcl | Dep::Xcomp)
            && heads[number] == Some(v2)
            && labels[number] == Dep::Nsubj
            && object(&heads, &labels, v1).is_none()
            && object(&heads, &labels, v2).is_some()
    });
    if let Some(v2) = repair {
        let Some(noun) = object(&heads, &labels, v2) else { return (heads, labels, tags) };
        let (number, v1) = (v2 - 1, v2 - 2);
        for head in heads.iter_mut().skip(noun + 1) {
            if *head == Some(v2) {
                *head = Some(v1);
            }
        }
        heads[noun] = Some(v1);
        labels[noun] = Dep::Dobj;
        heads[v2] = Some(noun);
        labels[v2] = Dep::Amod;
        tags[v2] = Tag::Vbn;
        heads[number] = Some(noun);
        labels[number] = Dep::Nummod;
    }
    (heads, labels, tags)
}

/// Repairs a sentence parsed as a noun phrase: "Israeli troops clashed
/// with Palestinian gunmen" read as troops *that clashed*, with no main
/// verb. A root noun whose only clause is a past form attached as `acl`
/// right after it (or to a noun of an aside between commas after it), with
/// no other verb but infinitives of its own ("the president called on NATO
/// to help", "to be allowed to leave") and no passive agent ("villages
/// attacked by X"), is that verb's subject: the verb becomes the root.
fn main_verb_read_as_reduced_relative(
    mut heads: Vec<Option<usize>>,
    mut labels: Vec<Dep>,
    mut tags: Vec<Tag>,
) -> (Vec<Option<usize>>, Vec<Dep>, Vec<Tag>) {
    let len = heads.len();
    let Some(root) = (0..len).find(|&k| heads[k].is_none()) else { return (heads, labels, tags) };
    if !matches!(tags[root], Tag::Nn | Tag::Nns | Tag::Nnp | Tag::Nnps) {
        return (heads, labels, tags);
    }
    let Some(v) = (root + 1..len).find(|&k| tags[k].is_verb()) else {
        return (heads, labels, tags);
    };
    // Whether `k` lies in `v`'s clause (a bounded walk: the heads may cycle).
    let under_v = |k: usize| {
        let mut at = Some(k);
        for _ in 0..len {
            match at {
                Some(a) if a == v => return true,
                Some(a) => at = heads[a],
                None => return false,
            }
        }
        false
    };
    // "to help", "to be allowed": an infinitive of its own.
    let infinitive = |k: usize| {
        tags[k] == Tag::Vb
            || (0..len).any(|a| heads[a] == Some(k) && labels[a] == Dep::Aux && tags[a] == Tag::To)
    };
    let alone = (0..len).all(|k| !tags[k].is_verb() || k == v || (infinitive(k) && under_v(k)));
    // "Ecuador, at the centre of a row between X and Y, called on Z": set
    // off by commas, the phrase between the noun and its verb is an aside
    // the verb was attached into.
    let aside = v > root + 2
        && tags[root + 1] == Tag::Comma
        && tags[v - 1] == Tag::Comma
        && heads[v].is_some_and(|h| h > root + 1 && h < v);
    let reduced = alone
        && (heads[v] == Some(root) || aside)
        && labels[v] == Dep::Acl
        && matches!(tags[v], Tag::Vbd | Tag::Vbn)
        && v > root
        && (aside || (root + 1..v).all(|k| heads[k] == Some(root) || heads[k] == Some(v)))
        // "villages attacked by X" is a passive reduced relative.
        && !(0..len).any(|k| heads[k] == Some(v) && labels[k] == Dep::Agent);
    if reduced {
        heads[v] = None;
        labels[v] = Dep::Root;
        tags[v] = Tag::Vbd;
        heads[root] = Some(v);
        labels[root] = Dep::Nsubj;
        for k in v + 1..len {
            if heads[k] == Some(root) && labels[k] == Dep::Punct {
                heads[k] = Some(v);
            }
        }
    }
    (heads, labels, tags)
}

impl Tree {
    /// The tree over `len` tokens; entries missing from `analysis`, and heads
    /// out of bounds or pointing at themselves, become roots.
    pub fn new(analysis: Analysis, len: usize, mentions: &[Mention]) -> Tree {
        let Analysis { tags, heads, labels, .. } = analysis;
        let heads: Vec<Option<usize>> = (0..len)
            .map(|i| heads.get(i).copied().flatten().filter(|&h| h < len && h != i))
            .collect();
        let labels: Vec<Dep> =
            (0..len).map(|i| labels.get(i).copied().unwrap_or(Dep::Dep)).collect();
        let tags: Vec<Tag> = (0..len).map(|i| tags.get(i).copied().unwrap_or(Tag::Xx)).collect();
        let (heads, labels) = main_verb_out_of_relative(heads, labels, &tags);
        let (heads, labels, tags) = participle_read_as_main_verb(heads, labels, tags);
        let (heads, labels, tags) = verb_read_as_modifier(heads, labels, tags);
        let (heads, labels, tags) = modifier_read_as_verb(heads, labels, tags);
        let (heads, labels, tags) = main_verb_read_as_reduced_relative(heads, labels, tags);
        let (labels, tags) = noun_read_as_verb(&heads, labels, tags);
        let mut children = vec![Vec::new(); len];
        for (i, h) in heads.iter().enumerate() {
            if let Some(h) = *h {
                children[h].push(i);
            }
        }
        let mut headed = vec![None; len];
        let mention_heads: Vec<Option<usize>> = mentions
            .iter()
            .map(|mention| {
                let range = mention.start..mention.end.min(len);
                range.clone().find(|&k| heads[k].is_none_or(|h| !range.contains(&h)))
            })
            .collect();
        for (m, head) in mention_heads.iter().enumerate() {
            if let Some(k) = *head {
                headed[k] = Some(m);
            }
        }
        let mut right_edge: Vec<usize> = (0..len).collect();
        for i in 0..len {
            // Bounded by the sentence length, so a cycle cannot loop forever.
            let mut k = i;
            for _ in 0..len {
                let Some(h) = heads[k] else { break };
                right_edge[h] = right_edge[h].max(i);
                k = h;
            }
        }
        Tree { heads, labels, tags, children, headed, mention_heads, right_edge }
    }

    /// One past the last token of verb `i`'s clause when it is a relative
    /// or adverbial clause: it ends there ("Azerbaijan, which Russia
    /// condemned, attacked Armenia"). `None` for other tokens, whose
    /// subtrees a misparse more easily cuts short.
    pub fn subordinate_end(&self, i: usize) -> Option<usize> {
        let subordinate = matches!(self.label(i), Some(Dep::Relcl | Dep::Advcl | Dep::Acl));
        (subordinate && self.is_verb(i)).then(|| self.right_edge.get(i).map(|&k| k + 1)).flatten()
    }

    /// One past the last token of `i`'s subtree.
    pub fn subtree_end(&self, i: usize) -> usize {
        self.right_edge.get(i).map_or(i + 1, |&k| k + 1)
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }

    pub fn label(&self, i: usize) -> Option<Dep> {
        self.labels.get(i).copied()
    }

    pub fn tag(&self, i: usize) -> Option<Tag> {
        self.tags.get(i).copied()
    }

    pub fn is_verb(&self, i: usize) -> bool {
        self.tags.get(i).is_some_and(|t| t.is_verb())
    }

    /// The children of `i` with one of `labels`, in sentence order.
    pub fn children<'t>(&'t self, i: usize, labels: &'t [Dep]) -> impl Iterator<Item = usize> + 't {
        self.children
            .get(i)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&c| labels.contains(&self.labels[c]))
    }

    /// The head token of mention `m`.
    pub fn mention_head(&self, m: usize) -> Option<usize> {
        self.mention_heads.get(m).copied().flatten()
    }

    /// The mention headed by token `i`.
    pub fn headed(&self, i: usize) -> Option<usize> {
        self.headed.get(i).copied().flatten()
    }

    /// Whether mention `m` is coordinated with a token in `to`: its head is
    /// a `conj` of one, possibly through other conjuncts ("Russia, China and
    /// Japan"). An `appos` that has a coordinator of its own, or whose
    /// conjuncts do, is a list item too ("Evil Mordor, the awful Fornost, and
    /// good Gondor", "Mordor, the Shire, Fornost and Bree" parsed as an
    /// apposition with conjuncts), never an apposition.
    pub fn conjoined(&self, m: usize, to: impl Fn(usize) -> bool) -> bool {
        let Some(mut k) = self.mention_heads.get(m).copied().flatten() else { return false };
        for _ in 0..MAX_CLIMB {
            let listed = match self.label(k) {
                Some(Dep::Conj) => true,
                Some(Dep::Appos) => self.coordinated(k),
                _ => false,
            };
            if !listed {
                return false;
            }
            match self.head(k) {
                Some(h) if to(h) => return true,
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    /// Whether `k` or one of its conjuncts (through chains of them) has a
    /// coordinator.
    fn coordinated(&self, k: usize) -> bool {
        let mut at = vec![k];
        for _ in 0..MAX_CLIMB {
            if at.iter().any(|&c| self.children(c, &[Dep::Cc]).next().is_some()) {
                return true;
            }
            at = at.iter().flat_map(|&c| self.children(c, &[Dep::Conj])).collect();
            if at.is_empty() {
                return false;
            }
        }
        false
    }

    /// The grammatical subject of verb `v`: its `nsubj`/`nsubjpass`, or the
    /// one of the verb it is coordinated with or a complement of ("X met Y
    /// and signed a deal", "X wants to attack Y"); a relative pronoun stands
    /// for the noun its clause modifies ("troops who attacked"). With whether
    /// the subject is passive: its own, not that of a verb climbed to
    /// ("X was seen to break into Y").
    pub fn subject(&self, v: usize) -> Option<(usize, bool)> {
        let mut verb = v;
        for _ in 0..MAX_CLIMB {
            if let Some(s) = self.children(verb, &[Dep::Nsubj, Dep::Nsubjpass]).next() {
                // A bare past participle with a subject, no auxiliary and no
                // object is a misparsed reduced relative ("the civilians
                // imprisoned for ... were released"): its subject is its patient.
                let bare_participle = self.tags.get(verb) == Some(&Tag::Vbn)
                    && self.children(verb, &[Dep::Aux, Dep::Dobj]).next().is_none();
                let passive = verb == v
                    && ((self.label(s) == Some(Dep::Nsubjpass) && !self.misparsed_active(verb))
                        || bare_participle);
                let relative = matches!(self.tags.get(s), Some(Tag::Wdt | Tag::Wp));
                if relative && self.label(verb) == Some(Dep::Relcl) {
                    return self.head(verb).map(|h| (h, passive));
                }
                return Some((s, passive));
            }
            match self.label(verb) {
                Some(Dep::Conj | Dep::Xcomp) => verb = self.head(verb)?,
                // "..., accusing X": a participle clause's subject is its
                // main clause's.
                Some(Dep::Advcl) if self.tags.get(verb) == Some(&Tag::Vbg) => {
                    verb = self.head(verb)?
                }
                // "villages attacked by X": a reduced relative's noun is its
                // object. With an object of its own the participle reading
                // is a misparse of a main verb ("Russia, in Moscow, accused
                // Georgia"), whose subject that noun is.
                Some(Dep::Acl) if self.tags.get(verb) == Some(&Tag::Vbn) => {
                    let active = self.children(verb, &[Dep::Dobj]).next().is_some();
                    return self.head(verb).map(|h| (h, !active));
                }
                _ => return None,
            }
        }
        None
    }

    /// Whether verb `v` is passive: a passive auxiliary, or a passive
    /// subject unless that is a misparse.
    pub fn is_passive(&self, v: usize) -> bool {
        self.children(v, &[Dep::Auxpass]).next().is_some()
            || (self.children(v, &[Dep::Nsubjpass]).next().is_some() && !self.misparsed_active(v))
    }

    /// A passive subject with a direct object and no passive auxiliary is
    /// an active clause whose past tense was read as a participle ("Russia,
    /// at the summit in Sochi, accused Georgia").
    fn misparsed_active(&self, v: usize) -> bool {
        self.children(v, &[Dep::Dobj]).next().is_some()
            && self.children(v, &[Dep::Auxpass]).next().is_none()
    }

    /// Whether verb `v` is negated ("did not agree", "never attacked") by a
    /// word outside `within`, the pattern's own words (PETRARCH's patterns
    /// may spell out the negation and code it).
    pub fn negated(&self, v: usize, within: std::ops::Range<usize>) -> bool {
        self.children(v, &[Dep::Neg]).any(|n| !within.contains(&n))
    }

    /// The object of the passive agent phrase: "attacked by X" → X.
    pub fn agent(&self, v: usize) -> Option<usize> {
        self.children(v, &[Dep::Agent]).find_map(|a| self.children(a, &[Dep::Pobj]).next())
    }

    /// The objects of verb `v`, most direct first: `dobj`, `dative`, then
    /// the objects of its prepositions. In a relative
    /// clause the noun it modifies is the object when the relative pronoun
    /// is, or when the clause has its own subject and no object ("Azerbaijan,
    /// which Russia condemned", "the villages Armenian forces attacked").
    pub fn objects(&self, v: usize) -> Vec<usize> {
        let relcl = self.label(v) == Some(Dep::Relcl);
        let relative = |k: usize| matches!(self.tags.get(k), Some(Tag::Wdt | Tag::Wp));
        let mut out: Vec<usize> = self
            .children(v, &[Dep::Dobj])
            .filter_map(|o| if relcl && relative(o) { self.head(v) } else { Some(o) })
            .collect();
        let own_subject = self.children(v, &[Dep::Nsubj]).any(|s| !relative(s));
        if relcl && out.is_empty() && own_subject {
            out.extend(self.head(v));
        }
        // "gave aid to X" labels "to" itself `dative`; "gave X aid" labels X.
        for d in self.children(v, &[Dep::Dative]) {
            match self.children(d, &[Dep::Pobj]).next() {
                Some(o) => out.push(o),
                None => out.push(d),
            }
        }
        for p in self.children(v, &[Dep::Prep]) {
            out.extend(self.children(p, &[Dep::Pobj]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_dict::ActorKind;

    fn mention(start: usize, end: usize) -> Mention {
        Mention {
            start,
            end,
            code: "X".into(),
            country: None,
            kind: ActorKind::Country,
            has_agent: false,
            prefix: false,
            base: None,
            pronoun: false,
            inferred: false,
            owner: None,
        }
    }

    #[test]
    fn odd_trees_give_no_answer_not_a_panic() {
        // Short vectors, heads out of bounds, a self-loop and a cycle.
        let analysis = Analysis {
            tags: vec![Tag::Vbd],
            lemmas: Vec::new(),
            heads: vec![Some(9), Some(1), Some(3), Some(2)],
            labels: vec![Dep::Conj, Dep::Conj, Dep::Conj, Dep::Xcomp],
        };
        let tree = Tree::new(analysis, 5, &[mention(2, 4), mention(4, 9)]);
        for i in 0..7 {
            let _ = (tree.subject(i), tree.objects(i), tree.agent(i), tree.subordinate_end(i));
            let _ = (tree.negated(i, 0..0), tree.is_passive(i), tree.conjoined(i, |_| false));
        }
        assert_eq!(tree.head(0), None);
        assert_eq!(tree.head(1), None);
    }

    #[test]
    fn shared_subject_and_relative_pronoun() {
        let model = herald_nlp::Model::embedded();
        let tokens = ["Russia", "met", "Georgia", "and", "signed", "a", "deal", "."];
        let tree = Tree::new(model.analyze(&tokens), tokens.len(), &[mention(0, 1)]);
        assert_eq!(tree.subject(4), Some((0, false)));
        let tokens = ["Troops", "who", "crossed", "the", "border", "attacked", "."];
        let tree = Tree::new(model.analyze(&tokens), tokens.len(), &[]);
        assert_eq!(tree.subject(2), Some((0, false)));
        assert_eq!(tree.subordinate_end(2), Some(5));
    }

    #[test]
    fn participles_misparsed_as_verbs_or_modifiers() {
        let tree = |tags: Vec<Tag>, heads: Vec<Option<usize>>, labels: Vec<Dep>| {
            let len = tags.len();
            Tree::new(Analysis { tags, lemmas: Vec::new(), heads, labels }, len, &[])
        };
        // "civilians imprisoned for X": a bare participle with a subject is passive.
        let t = tree(
            vec![Tag::Nns, Tag::Vbn, Tag::In, Tag::Nnp],
            vec![Some(1), None, Some(1), Some(2)],
            vec![Dep::Nsubj, Dep::Root, Dep::Prep, Dep::Pobj],
        );
        assert_eq!(t.subject(1), Some((0, true)));
        // "Iran has accused Iraq": an auxiliary makes it active.
        let t = tree(
            vec![Tag::Nnp, Tag::Vbz, Tag::Vbn, Tag::Nnp],
            vec![Some(2), Some(2), None, Some(2)],
            vec![Dep::Nsubj, Dep::Aux, Dep::Root, Dep::Dobj],
        );
        assert_eq!(t.subject(2), Some((0, false)));
        // "Russia, accused Georgia": a participle modifier with an object is a main verb.
        let t = tree(
            vec![Tag::Nnp, Tag::Comma, Tag::Vbn, Tag::Nnp],
            vec![None, Some(0), Some(0), Some(2)],
            vec![Dep::Root, Dep::Punct, Dep::Acl, Dep::Dobj],
        );
        assert_eq!(t.subject(2), Some((0, false)));
        // "villages attacked by X": without one it is a reduced relative.
        let t = tree(
            vec![Tag::Nns, Tag::Vbn, Tag::In, Tag::Nnp],
            vec![None, Some(0), Some(1), Some(2)],
            vec![Dep::Root, Dep::Acl, Dep::Agent, Dep::Pobj],
        );
        assert_eq!(t.subject(1), Some((0, true)));
    }

    #[test]
    fn main_verb_inside_a_relative_clause() {
        let tree = |tags: Vec<Tag>, heads: Vec<Option<usize>>, labels: Vec<Dep>| {
            let len = tags.len();
            Tree::new(Analysis { tags, lemmas: Vec::new(), heads, labels }, len, &[])
        };
        // "Troops who crossed the border attacked": attacked hangs off crossed.
        let t = tree(
            vec![Tag::Nns, Tag::Wp, Tag::Vbd, Tag::Dt, Tag::Nn, Tag::Vbd],
            vec![None, Some(2), Some(0), Some(4), Some(2), Some(2)],
            vec![Dep::Root, Dep::Nsubj, Dep::Relcl, Dep::Det, Dep::Dobj, Dep::Advcl],
        );
        assert_eq!((t.head(5), t.head(0)), (None, Some(5)));
        assert_eq!(t.subject(5), Some((0, false)));
        assert_eq!(t.subordinate_end(2), Some(5));
        // With a subject of its own the clause is left alone ("troops who
        // said they attacked").
        let t = tree(
            vec![Tag::Nns, Tag::Wp, Tag::Vbd, Tag::Prp, Tag::Vbd],
            vec![None, Some(2), Some(0), Some(4), Some(2)],
            vec![Dep::Root, Dep::Nsubj, Dep::Relcl, Dep::Nsubj, Dep::Ccomp],
        );
        assert_eq!((t.head(4), t.head(0)), (Some(2), None));
        // "the minister Calimehtar warned of X": a title and a name.
        let t = tree(
            vec![Tag::Dt, Tag::Nn, Tag::Nnp, Tag::Vbd, Tag::In, Tag::Nnp],
            vec![Some(1), None, Some(3), Some(1), Some(3), Some(4)],
            vec![Dep::Det, Dep::Root, Dep::Nsubj, Dep::Relcl, Dep::Prep, Dep::Pobj],
        );
        assert_eq!((t.head(3), t.head(1), t.head(2)), (None, Some(3), Some(1)));
        assert_eq!(t.subject(3), Some((1, false)));
        // A relative word makes it a real relative clause ("the minister
        // who warned"), and so does a name that is not next to the noun.
        let t = tree(
            vec![Tag::Dt, Tag::Nn, Tag::Wp, Tag::Vbd],
            vec![Some(1), None, Some(3), Some(1)],
            vec![Dep::Det, Dep::Root, Dep::Nsubj, Dep::Relcl],
        );
        assert_eq!(t.head(3), Some(1));
        let t = tree(
            vec![Tag::Dt, Tag::Nn, Tag::Dt, Tag::Nnp, Tag::Vbd],
            vec![Some(1), None, Some(3), Some(4), Some(1)],
            vec![Dep::Det, Dep::Root, Dep::Det, Dep::Nsubj, Dep::Relcl],
        );
        assert_eq!(t.head(4), Some(1));
    }

    #[test]
    fn reduced_relative_read_as_the_main_verb() {
        let tree = |tags: Vec<Tag>, heads: Vec<Option<usize>>, labels: Vec<Dep>| {
            let len = tags.len();
            Tree::new(Analysis { tags, lemmas: Vec::new(), heads, labels }, len, &[])
        };
        // "soldiers captured near X were freed by Y ."
        let tags = |subject| {
            vec![
                subject,
                Tag::Vbd,
                Tag::In,
                Tag::Nnp,
                Tag::Vbd,
                Tag::Vbn,
                Tag::In,
                Tag::Nnp,
                Tag::Period,
            ]
        };
        let heads =
            vec![Some(1), None, Some(1), Some(2), Some(5), Some(1), Some(5), Some(6), Some(1)];
        let labels = vec![
            Dep::Nsubj,
            Dep::Root,
            Dep::Prep,
            Dep::Pobj,
            Dep::Auxpass,
            Dep::Conj,
            Dep::Agent,
            Dep::Pobj,
            Dep::Punct,
        ];
        let t = tree(tags(Tag::Nns), heads.clone(), labels.clone());
        assert_eq!((t.head(5), t.head(0), t.head(1), t.head(8)), (None, Some(5), Some(0), Some(5)));
        assert_eq!(t.subject(5), Some((0, true)));
        assert_eq!(t.subject(1), Some((0, true)));
        assert_eq!(t.subtree_end(1), 4);
        // The same with the real main verb read as an adverbial clause; not
        // when that clause has a subordinator.
        let mut advcl = labels.clone();
        advcl[5] = Dep::Advcl;
        let t = tree(tags(Tag::Nns), heads.clone(), advcl.clone());
        assert_eq!((t.head(5), t.head(0), t.head(1)), (None, Some(5), Some(0)));
        advcl[6] = Dep::Mark;
        let t = tree(tags(Tag::Nns), heads.clone(), advcl);
        assert_eq!((t.head(1), t.head(5)), (None, Some(1)));
        // A name with the first verb keeps the parse.
        let t = tree(tags(Tag::Nnp), heads, labels);
        assert_eq!((t.head(1), t.head(5)), (None, Some(1)));
        // "envoy called on X to be allowed to leave .": a passive infinitive
        // is no main verb.
        let tags = vec![
            Tag::Nn,
            Tag::Vbd,
            Tag::In,
            Tag::Nnp,
            Tag::To,
            Tag::Vb,
            Tag::Vbn,
            Tag::To,
            Tag::Vb,
            Tag::Period,
        ];
        let heads = vec![
            Some(1),
            None,
            Some(1),
            Some(2),
            Some(6),
            Some(6),
            Some(1),
            Some(8),
            Some(6),
            Some(1),
        ];
        let labels = vec![
            Dep::Nsubj,
            Dep::Root,
            Dep::Prep,
            Dep::Pobj,
            Dep::Aux,
            Dep::Auxpass,
            Dep::Advcl,
            Dep::Aux,
            Dep::Xcomp,
            Dep::Punct,
        ];
        let t = tree(tags, heads, labels);
        assert_eq!((t.head(1), t.head(6), t.subject(1)), (None, Some(1), Some((0, false))));
    }

    #[test]
    fn participle_of_a_counted_object_read_as_a_verb() {
        // "X offered to free 50 jailed rebels ." with "50" the subject of
        // "jailed", a clause of "offered".
        let tags =
            vec![Tag::Nnp, Tag::Vbd, Tag::To, Tag::Vb, Tag::Cd, Tag::Vbd, Tag::Nns, Tag::Period];
        let heads = vec![Some(1), None, Some(3), Some(1), Some(5), Some(1), Some(5), Some(1)];
        let labels = vec![
            Dep::Nsubj,
            Dep::Root,
            Dep::Aux,
            Dep::Xcomp,
            Dep::Nsubj,
            Dep::Advcl,
            Dep::Dobj,
            Dep::Punct,
        ];
        let analysis = Analysis { tags, lemmas: Vec::new(), heads, labels };
        let t = Tree::new(analysis, 8, &[]);
        assert_eq!((t.head(6), t.label(6)), (Some(3), Some(Dep::Dobj)));
        assert_eq!((t.head(5), t.label(5), t.head(4)), (Some(6), Some(Dep::Amod), Some(6)));
        assert_eq!(t.objects(3), vec![6]);
    }

    #[test]
    fn main_verb_read_as_a_reduced_relative_of_the_root() {
        // "troops clashed with gunmen ." parsed with "clashed" an `acl` of "troops".
        let tags = vec![Tag::Nns, Tag::Vbn, Tag::In, Tag::Nns, Tag::Period];
        let heads = vec![None, Some(0), Some(1), Some(2), Some(0)];
        let labels = vec![Dep::Root, Dep::Acl, Dep::Prep, Dep::Pobj, Dep::Punct];
        let analysis =
            |heads, labels| Analysis { tags: tags.clone(), lemmas: Vec::new(), heads, labels };
        let t = Tree::new(analysis(heads.clone(), labels.clone()), 5, &[]);
        assert_eq!((t.head(1), t.head(0), t.head(4)), (None, Some(1), Some(1)));
        assert_eq!(t.subject(1), Some((0, false)));
        let analysis2 = |tags, heads, labels| Analysis { tags, lemmas: Vec::new(), heads, labels };
        // With another verb in the sentence the reading stands ("troops
        // stationed there attacked").
        let mut tags2 = tags.clone();
        tags2[3] = Tag::Vbd;
        let t = Tree::new(analysis2(tags2, heads.clone(), labels.clone()), 5, &[]);
        assert_eq!(t.head(1), Some(0));
        // An infinitive of its own does not count ("the president called
        // on NATO to help").
        let mut tags3 = tags.clone();
        tags3[3] = Tag::Vb;
        let t = Tree::new(analysis2(tags3, heads, labels), 5, &[]);
        assert_eq!(t.head(1), None);
    }

    #[test]
    fn noun_tagged_as_a_present_verb() {
        // "ceasefire offer was made ." with "offer" a `VBP` subject of "made"
        // and "ceasefire" its subject.
        let tags = vec![Tag::Nn, Tag::Vbp, Tag::Vbd, Tag::Vbn, Tag::Period];
        let heads = vec![Some(1), Some(3), Some(3), None, Some(3)];
        let labels = vec![Dep::Nsubj, Dep::Nsubjpass, Dep::Auxpass, Dep::Root, Dep::Punct];
        let t = Tree::new(Analysis { tags, lemmas: Vec::new(), heads, labels }, 5, &[]);
        assert!(!t.is_verb(1));
        assert_eq!(t.label(0), Some(Dep::Compound));
        assert!(t.is_verb(3));
    }

    #[test]
    fn verb_read_as_a_modifier_of_its_object() {
        // "police arrested students in X ." with "arrested" an adjective of "students".
        let tags = vec![Tag::Nns, Tag::Vbn, Tag::Nns, Tag::In, Tag::Nnp, Tag::Period];
        let heads = vec![Some(1), Some(2), None, Some(2), Some(3), Some(2)];
        let labels = vec![Dep::Nsubj, Dep::Amod, Dep::Root, Dep::Prep, Dep::Pobj, Dep::Punct];
        let analysis =
            |heads, labels| Analysis { tags: tags.clone(), lemmas: Vec::new(), heads, labels };
        let t = Tree::new(analysis(heads.clone(), labels.clone()), 6, &[]);
        assert_eq!((t.head(1), t.head(2), t.head(5)), (None, Some(1), Some(1)));
        assert_eq!(t.subject(1), Some((0, false)));
        assert_eq!(t.objects(1), vec![2]);
        // Without a subject of its own it is an adjective ("arrested students").
        let mut labels = labels;
        labels[0] = Dep::Amod;
        let t = Tree::new(analysis(heads, labels), 6, &[]);
        assert_eq!((t.head(1), t.head(2)), (Some(2), None));
    }

    #[test]
    fn apposition_with_coordinated_conjuncts_is_a_list() {
        // "A , B , C and D met ." with B an apposition of A, C its conjunct
        // and D one of C's, "and" attached to C.
        let tags = vec![
            Tag::Nnp,
            Tag::Comma,
            Tag::Nnp,
            Tag::Comma,
            Tag::Nnp,
            Tag::Cc,
            Tag::Nnp,
            Tag::Vbd,
            Tag::Period,
        ];
        let heads =
            vec![Some(7), Some(0), Some(0), Some(2), Some(2), Some(4), Some(4), None, Some(7)];
        let mut labels = vec![
            Dep::Nsubj,
            Dep::Punct,
            Dep::Appos,
            Dep::Punct,
            Dep::Conj,
            Dep::Cc,
            Dep::Conj,
            Dep::Root,
            Dep::Punct,
        ];
        let mentions = [mention(0, 1), mention(2, 3), mention(4, 5), mention(6, 7)];
        let analysis = |labels| Analysis {
            tags: tags.clone(),
            lemmas: Vec::new(),
            heads: heads.clone(),
            labels,
        };
        let t = Tree::new(analysis(labels.clone()), 9, &mentions);
        assert!((1..4).all(|m| t.conjoined(m, |h| h == 0)));
        // Without a coordinator anywhere, B is an apposition of A.
        labels[5] = Dep::Punct;
        let t = Tree::new(analysis(labels), 9, &mentions);
        assert!((1..4).all(|m| !t.conjoined(m, |h| h == 0)));
    }
}
