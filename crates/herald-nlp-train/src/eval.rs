//! Agreement of a model with spaCy's annotations.

use std::collections::HashMap;
use std::time::Instant;

use herald_nlp::{Dep, Model};

use crate::conll::Sentence;
use crate::perceptron::Rng;

#[derive(Default)]
struct Counts {
    tokens: usize,
    tags: usize,
    lemmas: usize,
    heads: usize,
    labelled: usize,
    np_tokens: usize,
    np_heads: usize,
    np_labelled: usize,
    /// Sentences with every tag / every head / every head and label right.
    exact_tags: usize,
    exact_heads: usize,
    exact_labelled: usize,
    /// Per label: (gold count, predicted count, correct head and label).
    per_label: HashMap<Dep, [usize; 3]>,
}

pub fn evaluate(model: &Model, name: &str, sents: &[Sentence]) {
    let mut c = Counts::default();
    let start = Instant::now();
    let analyses: Vec<_> = sents
        .iter()
        .map(|s| {
            let toks: Vec<&str> = s.words.iter().map(String::as_str).collect();
            model.analyze(&toks)
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    for (s, a) in sents.iter().zip(&analyses) {
        c.exact_tags += (a.tags == s.tags) as usize;
        c.exact_heads += (a.heads == s.heads) as usize;
        c.exact_labelled += (a.heads == s.heads && a.labels == s.labels) as usize;
        for i in 0..s.len() {
            let head_ok = a.heads[i] == s.heads[i];
            let lab_ok = head_ok && a.labels[i] == s.labels[i];
            c.tokens += 1;
            c.tags += (a.tags[i] == s.tags[i]) as usize;
            c.lemmas += (a.lemmas[i] == s.lemmas[i]) as usize;
            c.heads += head_ok as usize;
            c.labelled += lab_ok as usize;
            if s.labels[i] != Dep::Punct {
                c.np_tokens += 1;
                c.np_heads += head_ok as usize;
                c.np_labelled += lab_ok as usize;
            }
            c.per_label.entry(s.labels[i]).or_default()[0] += 1;
            c.per_label.entry(a.labels[i]).or_default()[1] += 1;
            if lab_ok {
                c.per_label.entry(s.labels[i]).or_default()[2] += 1;
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("== {name}: {} sentences, {} tokens", sents.len(), c.tokens);
    println!("POS agreement      {:6.2}%", pct(c.tags, c.tokens));
    println!("lemma agreement    {:6.2}%", pct(c.lemmas, c.tokens));
    println!(
        "UAS (all tokens)   {:6.2}%   LAS {:6.2}%",
        pct(c.heads, c.tokens),
        pct(c.labelled, c.tokens)
    );
    println!(
        "UAS (no punct)     {:6.2}%   LAS {:6.2}%",
        pct(c.np_heads, c.np_tokens),
        pct(c.np_labelled, c.np_tokens)
    );
    let n = sents.len();
    println!(
        "exact match        {:6.2}% of sentences (tags), {:.2}% (heads), {:.2}% (heads and labels)",
        pct(c.exact_tags, n),
        pct(c.exact_heads, n),
        pct(c.exact_labelled, n)
    );
    println!(
        "speed              {:.0} sentences/s (analyze, incl. lemmas, 1 thread)",
        sents.len() as f64 / secs
    );
    let per_sentence: Vec<[usize; 4]> = sents
        .iter()
        .zip(&analyses)
        .map(|(s, a)| {
            let mut k = [s.len(), 0, 0, 0];
            for i in 0..s.len() {
                let head_ok = a.heads[i] == s.heads[i];
                k[1] += (a.tags[i] == s.tags[i]) as usize;
                k[2] += head_ok as usize;
                k[3] += (head_ok && a.labels[i] == s.labels[i]) as usize;
            }
            k
        })
        .collect();
    let [pos, uas, las] = bootstrap(&per_sentence);
    println!(
        "95% interval       POS {:.2}-{:.2}, UAS {:.2}-{:.2}, LAS {:.2}-{:.2} \
         (bootstrap over sentences, {RESAMPLES} resamples)",
        pos.0, pos.1, uas.0, uas.1, las.0, las.1
    );
    let mut labels: Vec<_> = c.per_label.iter().filter(|(_, v)| v[0] >= 20).collect();
    labels.sort_by_key(|(_, v)| std::cmp::Reverse(v[0]));
    let line: Vec<String> = labels
        .iter()
        .map(|(d, v)| {
            let p = v[2] as f64 / v[1].max(1) as f64;
            let r = v[2] as f64 / v[0].max(1) as f64;
            format!("{}={:.0}", d.as_str(), 100.0 * 2.0 * p * r / (p + r).max(1e-9))
        })
        .collect();
    println!("label F1 (gold count >= 20): {}", line.join(" "));
}

const RESAMPLES: usize = 1000;

/// 95% intervals of POS, UAS and LAS agreement (in percent) from resampling
/// the sentences with replacement: how far a split of this size can move
/// by which sentences it happens to hold. Each entry of `per_sentence` is
/// (tokens, right tags, right heads, right heads and labels). A fixed seed
/// keeps the output reproducible.
fn bootstrap(per_sentence: &[[usize; 4]]) -> [(f64, f64); 3] {
    let mut rng = Rng::new(7);
    let mut samples: [Vec<f64>; 3] = Default::default();
    for _ in 0..RESAMPLES {
        let mut sum = [0usize; 4];
        for _ in 0..per_sentence.len() {
            let k = per_sentence[rng.below(per_sentence.len())];
            sum.iter_mut().zip(k).for_each(|(s, x)| *s += x);
        }
        for (m, v) in samples.iter_mut().enumerate() {
            v.push(100.0 * sum[m + 1] as f64 / sum[0].max(1) as f64);
        }
    }
    samples.map(|mut v| {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v.get(((v.len() as f64 - 1.0) * q).round() as usize).copied();
        (at(0.025).unwrap_or(0.0), at(0.975).unwrap_or(0.0))
    })
}
