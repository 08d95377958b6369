//! Training of the tagger, the parser and the lemma override table.

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use herald_nlp::lex::Lex;
use herald_nlp::parser::{self, Kind, LabelRule, Parser, State, N_LABELS, N_MOVES};
use herald_nlp::tagger::{self, Tagger, NO_TAG};
use herald_nlp::{Dep, LemmaTables, Lemmatizer, Tag, Weights};

use crate::conll::Sentence;
use crate::oracle::{self, Gold};
use crate::perceptron::{Perceptron, Rng, DROPPED};

pub struct Options {
    pub tag_iters: usize,
    pub parse_iters: usize,
    pub dict_min_count: usize,
    pub dict_min_ratio: f64,
    pub tag_dict_min_count: usize,
    pub tag_dict_min_ratio: f64,
    pub label_dict_min_count: usize,
    pub label_dict_word_min_count: usize,
    pub label_dict_min_ratio: f64,
}

/// Frequent words that (almost) always carry one tag skip the classifier:
/// those seen at least `min_count` times, `min_ratio` of them with one tag.
pub fn tag_dict(train: &[Sentence], min_count: usize, min_ratio: f64) -> HashMap<String, Tag> {
    let mut counts: HashMap<&str, HashMap<Tag, usize>> = HashMap::new();
    for s in train {
        for (w, t) in s.words.iter().zip(&s.tags) {
            *counts.entry(w).or_default().entry(*t).or_default() += 1;
        }
    }
    let mut dict = HashMap::new();
    for (w, tags) in counts {
        let total: usize = tags.values().sum();
        if let Some((t, c)) = tags.into_iter().max_by_key(|e| e.1) {
            if total >= min_count && c as f64 / total as f64 >= min_ratio {
                dict.insert(w.to_string(), t);
            }
        }
    }
    dict
}

/// `tagger` with the dictionary it ships with (`opts.tag_dict_min_*`):
/// looser than the one it was trained with, so that more words skip the
/// classifier (its weights for them stay, unused), while training still
/// sees the words that are now and then another tag.
pub fn with_shipped_dict(tagger: &Tagger, train: &[Sentence], opts: &Options) -> Result<Tagger> {
    let dict = tag_dict(train, opts.tag_dict_min_count, opts.tag_dict_min_ratio);
    eprintln!("shipped tag dictionary: {} words", dict.len());
    let entries = dict.iter().map(|(w, t)| (Lex::new(w).exact, *t)).collect();
    Ok(Tagger::new(entries, tagger.weights().clone())?)
}

/// Arcs whose label (almost) always follows from their direction and the
/// tags at both ends (`tags` as the parser sees them: jackknifed), or from
/// those and the dependent's word where the tags alone do not decide it,
/// skip the label model. Sorted, so the model file does not depend on hash
/// order.
pub fn label_rules(train: &[Sentence], tags: &[Vec<Tag>], opts: &Options) -> Vec<LabelRule> {
    type Counts<K> = HashMap<K, HashMap<Dep, usize>>;
    let mut by_tags: Counts<(bool, Tag, Tag)> = HashMap::new();
    let mut by_word: Counts<(bool, Tag, Tag, u64)> = HashMap::new();
    for (s, t) in train.iter().zip(tags) {
        for (d, h) in s.heads.iter().enumerate() {
            if let Some(h) = *h {
                let word = Lex::new(&s.words[d]).norm;
                *by_tags.entry((d < h, t[h], t[d])).or_default().entry(s.labels[d]).or_default() +=
                    1;
                let key = (d < h, t[h], t[d], word);
                *by_word.entry(key).or_default().entry(s.labels[d]).or_default() += 1;
            }
        }
    }
    let decided = |labels: HashMap<Dep, usize>, min_count: usize| {
        let total: usize = labels.values().sum();
        let (label, c) = labels.into_iter().max_by_key(|&(l, c)| (c, l.index()))?;
        (total >= min_count && c as f64 / total as f64 >= opts.label_dict_min_ratio)
            .then_some(label)
    };
    let kind = |left| if left { Kind::Left } else { Kind::Right };
    let mut rules: Vec<LabelRule> = by_tags
        .into_iter()
        .filter_map(|((left, head, dependent), labels)| {
            let label = decided(labels, opts.label_dict_min_count)?;
            Some(LabelRule { kind: kind(left), head, dependent, word: None, label })
        })
        .collect();
    let by_tag_pair: std::collections::HashSet<(bool, Tag, Tag)> =
        rules.iter().map(|r| (r.kind == Kind::Left, r.head, r.dependent)).collect();
    rules.extend(by_word.into_iter().filter_map(|((left, head, dependent, word), labels)| {
        if by_tag_pair.contains(&(left, head, dependent)) {
            return None;
        }
        let label = decided(labels, opts.label_dict_word_min_count)?;
        Some(LabelRule { kind: kind(left), head, dependent, word: Some(word), label })
    }));
    rules.sort_by_key(|r| (r.word, r.kind == Kind::Right, r.head.index(), r.dependent.index()));
    rules
}

fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = (f32::NEG_INFINITY, 0);
    for (c, &s) in scores.iter().enumerate() {
        if s > best.0 && allowed(c) {
            best = (s, c);
        }
    }
    best.1
}

/// Trains a tagger with the dictionary of `opts.dict_min_*`.
pub fn train_tagger(train: &[Sentence], opts: &Options, rng: &mut Rng) -> Result<Tagger> {
    let dict = tag_dict(train, opts.dict_min_count, opts.dict_min_ratio);
    eprintln!("tag dictionary: {} words", dict.len());
    let lexes: Vec<Vec<Lex>> =
        train.iter().map(|s| s.words.iter().map(|w| Lex::new(w)).collect()).collect();
    let mut model = Perceptron::new(Tag::ALL.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut feats = [0u64; tagger::N_FEATS];
    let mut scores = vec![0f32; Tag::ALL.len()];
    for it in 0..opts.tag_iters {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (s, lex) = (&train[si], &lexes[si]);
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..s.len() {
                let guess = match dict.get(&s.words[i]) {
                    Some(t) => *t,
                    None => {
                        tagger::features(lex, i, p1, p2, &mut feats);
                        model.score(&feats, &mut scores);
                        let g = argmax(&scores, |_| true);
                        model.update(&feats, s.tags[i].index(), g);
                        Tag::from_index(g).unwrap_or(Tag::Nn)
                    }
                };
                right += (guess == s.tags[i]) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64;
            }
        }
        eprintln!(
            "tagger iter {it}: train acc {:.4}, {} features",
            right as f64 / total as f64,
            model.n_features()
        );
    }
    let weights = Weights::from_rows(Tag::ALL.len(), model.averaged())?;
    let entries = dict.iter().map(|(w, t)| (Lex::new(w).exact, *t)).collect();
    Ok(Tagger::new(entries, weights)?)
}

/// Tags to train the parser on: the tags a tagger trained on the other
/// folds predicts (jackknifing), so the parser sees realistic tag errors.
pub fn jackknife_tags(
    train: &[Sentence],
    folds: usize,
    opts: &Options,
    rng: &mut Rng,
) -> Result<Vec<Vec<Tag>>> {
    let mut out = vec![Vec::new(); train.len()];
    for f in 0..folds {
        let rest: Vec<Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = train_tagger(&rest, opts, rng)?.exact();
        let mut tags = Vec::new();
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % folds == f) {
            let lex: Vec<Lex> = s.words.iter().map(|w| Lex::new(w)).collect();
            tagger.tag(&lex, &mut tags);
            out[i] = tags.clone();
        }
        eprintln!("jackknife fold {f} done");
    }
    Ok(out)
}

/// Unlabelled and labelled attachment agreement of `parser` on `dev` given `tags`.
fn attachment(parser: &Parser, dev: &[Sentence], tags: &[Vec<Tag>]) -> (f64, f64) {
    let (mut state, mut heads, mut labels) = (State::default(), Vec::new(), Vec::new());
    let (mut right, mut labelled, mut total) = (0usize, 0usize, 0usize);
    for (s, t) in dev.iter().zip(tags) {
        let words: Vec<u64> = s.words.iter().map(|w| Lex::new(w).norm).collect();
        let tag_ids: Vec<u8> = t.iter().map(|t| *t as u8).collect();
        parser.parse(&mut state, &words, &tag_ids);
        state.finish(|i| t[i].is_punct(), &mut heads, &mut labels);
        for i in 0..s.len() {
            let head = heads[i] == s.heads[i];
            right += head as usize;
            labelled += (head && labels[i] == s.labels[i]) as usize;
        }
        total += s.len();
    }
    (right as f64 / total.max(1) as f64, labelled as f64 / total.max(1) as f64)
}

/// Keeps only the features `keep` has weights for (see [`train_parser`]).
fn restrict(feats: &mut [u64], keep: Option<&Weights>) {
    if let Some(keep) = keep {
        feats.iter_mut().filter(|f| !keep.contains(**f)).for_each(|f| *f = DROPPED);
    }
}

/// Trains the parser for `opts.parse_iters` epochs and returns the averaged
/// weights of the epoch with the best UAS on `dev` (tagged with `dev_tags`).
/// The move model learns from the dynamic oracle's costs; the label model
/// learns the gold label wherever the gold tree has an arc between the
/// stack top and the buffer front. With `keep`, only the features its move
/// and label tables have weights for are learned: a table retrained on the
/// strongest features of a larger one is several times smaller, and so
/// faster to look up, than the larger one pruned to the same size.
pub fn train_parser(
    train: &[Sentence],
    tags: &[Vec<Tag>],
    dev: &[Sentence],
    dev_tags: &[Vec<Tag>],
    keep: Option<&Parser>,
    opts: &Options,
    rng: &mut Rng,
) -> Result<Parser> {
    let mut moves = Perceptron::new(N_MOVES);
    let mut labels = Perceptron::new(N_LABELS);
    let words: Vec<Vec<u64>> =
        train.iter().map(|s| s.words.iter().map(|w| Lex::new(w).norm).collect()).collect();
    let tag_ids: Vec<Vec<u8>> = tags.iter().map(|t| t.iter().map(|t| *t as u8).collect()).collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut state = State::default();
    let mut feats = [0u64; parser::N_FEATS];
    let mut move_scores = [0f32; N_MOVES];
    let mut label_scores = [0f32; N_LABELS];
    let mut costs = [0u32; N_MOVES];
    let mut scratch = Vec::new();
    let mut best: Option<(f64, usize, Parser)> = None;
    for it in 0..opts.parse_iters {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &train[si];
            let gold = Gold { heads: &s.heads, labels: &s.labels };
            state.reset(s.len());
            while !state.is_final() {
                state.features(&words[si], &tag_ids[si], &mut feats);
                let mut move_feats = feats;
                restrict(&mut move_feats, keep.map(Parser::moves));
                moves.score(&move_feats, &mut move_scores);
                oracle::costs(&state, &gold, &mut scratch, &mut costs);
                let guess = argmax(&move_scores, |c| costs[c] != u32::MAX);
                let min = costs.iter().copied().min().unwrap_or(u32::MAX);
                if min == u32::MAX {
                    bail!("no valid transition");
                }
                let best = argmax(&move_scores, |c| costs[c] == min);
                moves.update(&move_feats, best, guess);
                // Explore: after the first epoch, usually follow the model's
                // own choice even when it is wrong (dynamic oracle training).
                let kind = Kind::ALL[if it > 0 && rng.below(10) < 9 { guess } else { best }];
                let arc = gold.arc(&state);
                let mut label = herald_nlp::Dep::Dep;
                for dir in [Kind::Left, Kind::Right] {
                    let gold_label = arc.filter(|a| a.0 == dir).map(|a| parser::label_class(a.1));
                    if kind != dir && gold_label.is_none() {
                        continue;
                    }
                    let mut label_feats = parser::label_features(&feats, dir);
                    restrict(&mut label_feats, keep.map(Parser::labels));
                    labels.score(&label_feats, &mut label_scores);
                    let guess = argmax(&label_scores, |_| true);
                    if let Some(g) = gold_label {
                        labels.update(&label_feats, g, guess);
                    }
                    if kind == dir {
                        label = parser::label_from_class(guess).context("label class")?;
                    }
                }
                state.apply(kind.with_label(label));
            }
            for i in 0..s.len() {
                right += (state.head(i) == s.heads[i]) as usize;
                total += 1;
            }
        }
        let train_uas = right as f64 / total as f64;
        // Early epochs are never the best; skip their (slow) averaging.
        if it + 1 >= opts.parse_iters.min(4) {
            let parser = Parser::new(
                Weights::from_rows(N_MOVES, moves.averaged())?,
                Weights::from_rows(N_LABELS, labels.averaged())?,
            )?;
            let (dev_uas, dev_las) = attachment(&parser.exact(), dev, dev_tags);
            eprintln!(
                "parser iter {it}: train UAS {train_uas:.4}, dev UAS {dev_uas:.4} LAS {dev_las:.4}, \
                 {} move and {} label features",
                moves.n_features(),
                labels.n_features()
            );
            if best.as_ref().is_none_or(|b| dev_uas > b.0) {
                best = Some((dev_uas, it, parser));
            }
        } else {
            eprintln!(
                "parser iter {it}: train UAS {train_uas:.4}, {} move and {} label features",
                moves.n_features(),
                labels.n_features()
            );
        }
    }
    let (dev_uas, it, parser) = best.context("no parser iterations")?;
    eprintln!("keeping parser iter {it} (dev UAS {dev_uas:.4})");
    Ok(parser)
}

/// Reads `train/data/lemma_tables.tsv` (see `train/lemma_tables.py`).
pub fn read_lemma_tables(path: &str) -> Result<LemmaTables> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut t = LemmaTables::default();
    let mut exc: [Vec<(String, Vec<String>)>; 4] = Default::default();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let Some(p) = f.get(1).and_then(|p| LemmaTables::pos_index(p)) else { continue };
        match (f[0], f.len()) {
            ("rule", 4) => t.rules[p].push((f[2].to_string(), f[3].to_string())),
            ("exc", 4) => match exc[p].last_mut() {
                Some(last) if last.0 == f[2] => last.1.push(f[3].to_string()),
                _ => exc[p].push((f[2].to_string(), vec![f[3].to_string()])),
            },
            ("index", 3) => t.index[p].push(f[2].to_string()),
            _ => {}
        }
    }
    t.exceptions = exc;
    Ok(t)
}

/// Adds overrides where spaCy's majority lemma for `(form, tag)` differs from our rules.
pub fn learn_lemma_overrides(mut tables: LemmaTables, train: &[Sentence]) -> Lemmatizer {
    let base = Lemmatizer::new(&tables);
    let mut counts: HashMap<(String, Tag), HashMap<&str, usize>> = HashMap::new();
    for s in train {
        for i in 0..s.len() {
            let key = (s.words[i].to_lowercase(), s.tags[i]);
            *counts.entry(key).or_default().entry(&s.lemmas[i]).or_default() += 1;
        }
    }
    for ((form, tag), lemmas) in counts {
        if let Some((lemma, _)) = lemmas.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        {
            if base.rule_lemma(&form, tag) != lemma {
                tables.overrides.push((form, tag, lemma.to_string()));
            }
        }
    }
    eprintln!("lemma overrides: {}", tables.overrides.len());
    Lemmatizer::new(&tables)
}
