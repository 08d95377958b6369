//! Trains and evaluates herald-nlp models on spaCy silver data made by
//! `train/make_silver.sh` (see `train/README.md`).
//!
//! ```text
//! herald-nlp-train train [--data train/data] [--out crates/herald-nlp/model/en.hnm]
//!                        [--tag-iters 6] [--parse-iters 12] [--jackknife 4]
//!                        [--tag-min 800] [--parse-min 800] [--label-min N] [--seed 42]
//!                        [--max-sents N]
//!                        [--dict-min-count 20 --dict-min-ratio 0.99]
//!                        [--tag-dict-min-count 5 --tag-dict-min-ratio 0.97]
//!                        [--label-dict-min-count 50 --label-dict-word-min-count 10]
//!                        [--label-dict-min-ratio 0.995]
//!                        [--keep-from MODEL --keep-min 2400 --keep-label-min N]
//! herald-nlp-train eval [--model FILE] FILE.conll...
//! herald-nlp-train prune --model IN --out OUT [--tag-min N] [--parse-min N] [--label-min N]
//! ```
//!
//! `train` reads `train.conll` and `dev.conll` (never `test.conll`): dev picks
//! the parser epoch. `--tag-min`/`--parse-min`/`--label-min` drop quantised
//! weights below that magnitude (out of 32000) from the tagger, the parser's
//! move table and its label table (default: `--parse-min`), to keep the
//! embedded model small and fast.
//! `--keep-from` trains the parser only on the features whose weights in
//! MODEL's move table reach `--keep-min` (label table: `--keep-label-min`,
//! default the same): the embedded model is trained in two
//! steps, a full model, then this (see `train/README.md`). `eval` defaults
//! to the embedded model. The tagger learns with a dictionary of words seen
//! `--dict-min-count` times, `--dict-min-ratio` of them with one tag, and
//! ships with a looser one (`--tag-dict-*`): its words skip the classifier.
//! The label dictionary takes an arc direction and
//! pair of tags (as jackknifed) when at least `--label-dict-min-count` arcs
//! of the training data have them and `--label-dict-min-ratio` of those one
//! label, and, for pairs it does not take, the direction, tags and
//! dependent's word under `--label-dict-word-min-count` and the same ratio.

mod conll;
mod eval;
mod oracle;
mod perceptron;
mod train;

use std::time::Instant;

use anyhow::{bail, Context, Result};
use herald_nlp::Model;

use perceptron::Rng;

struct Args(Vec<String>);

impl Args {
    /// Removes `--name VALUE` from the arguments.
    fn opt(&mut self, name: &str) -> Result<Option<String>> {
        match self.0.iter().position(|a| a == name) {
            None => Ok(None),
            Some(i) if i + 1 < self.0.len() => {
                let v = self.0.remove(i + 1);
                self.0.remove(i);
                Ok(Some(v))
            }
            Some(_) => bail!("{name} needs a value"),
        }
    }

    fn num<T: std::str::FromStr>(&mut self, name: &str, default: T) -> Result<T> {
        match self.opt(name)? {
            None => Ok(default),
            Some(v) => v.parse().ok().with_context(|| format!("bad value for {name}: {v}")),
        }
    }
}

fn main() -> Result<()> {
    let mut args = Args(std::env::args().skip(1).collect());
    let cmd = if args.0.is_empty() { String::new() } else { args.0.remove(0) };
    match cmd.as_str() {
        "train" => train_cmd(args),
        "eval" => eval_cmd(args),
        "prune" => prune_cmd(args),
        _ => bail!("usage: herald-nlp-train (train|eval) [options]; see the crate docs"),
    }
}

fn train_cmd(mut args: Args) -> Result<()> {
    let data = args.opt("--data")?.unwrap_or_else(|| "train/data".into());
    let out = args.opt("--out")?.unwrap_or_else(|| "crates/herald-nlp/model/en.hnm".into());
    let opts = train::Options {
        tag_iters: args.num("--tag-iters", 6)?,
        parse_iters: args.num("--parse-iters", 12)?,
        dict_min_count: args.num("--dict-min-count", 20)?,
        dict_min_ratio: args.num("--dict-min-ratio", 0.99)?,
        tag_dict_min_count: args.num("--tag-dict-min-count", 5)?,
        tag_dict_min_ratio: args.num("--tag-dict-min-ratio", 0.97)?,
        label_dict_min_count: args.num("--label-dict-min-count", 50)?,
        label_dict_word_min_count: args.num("--label-dict-word-min-count", 10)?,
        label_dict_min_ratio: args.num("--label-dict-min-ratio", 0.995)?,
    };
    let tag_min: i16 = args.num("--tag-min", 800)?;
    let parse_min: i16 = args.num("--parse-min", 800)?;
    let label_min: i16 = args.num("--label-min", parse_min)?;
    let jackknife: usize = args.num("--jackknife", 4)?;
    let max_sents: usize = args.num("--max-sents", usize::MAX)?;
    let keep_min: Option<i16> = args.opt("--keep-min")?.map(|v| v.parse()).transpose()?;
    let keep_label_min: Option<i16> =
        args.opt("--keep-label-min")?.map(|v| v.parse()).transpose()?;
    let keep = match args.opt("--keep-from")? {
        Some(path) => {
            let bytes = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
            let keep_min = keep_min.unwrap_or(2400);
            let parser = Model::from_bytes(&bytes)?
                .parser()
                .pruned(keep_min, keep_label_min.unwrap_or(keep_min));
            eprintln!(
                "parser features kept from {path}: {} move, {} label",
                parser.moves().stats().0,
                parser.labels().stats().0
            );
            Some(parser)
        }
        None if keep_min.is_some() || keep_label_min.is_some() => {
            bail!("--keep-min and --keep-label-min need --keep-from")
        }
        None => None,
    };
    let mut rng = Rng::new(args.num("--seed", 42)?);
    let t0 = Instant::now();
    let mut sents = conll::read(&format!("{data}/train.conll"))?;
    sents.truncate(max_sents);
    eprintln!("{} training sentences", sents.len());
    let tagger = train::train_tagger(&sents, &opts, &mut rng)?;
    let tags = if jackknife > 1 {
        train::jackknife_tags(&sents, jackknife, &opts, &mut rng)?
    } else {
        sents.iter().map(|s| s.tags.clone()).collect()
    };
    let dev = conll::read(&format!("{data}/dev.conll"))?;
    let exact = tagger.exact();
    let dev_tags: Vec<Vec<herald_nlp::Tag>> = dev
        .iter()
        .map(|s| {
            let lex: Vec<herald_nlp::lex::Lex> =
                s.words.iter().map(|w| herald_nlp::lex::Lex::new(w)).collect();
            let mut tags = Vec::new();
            exact.tag(&lex, &mut tags);
            tags
        })
        .collect();
    let rules = train::label_rules(&sents, &tags, &opts);
    eprintln!(
        "label dictionary: {} rules ({} with a word)",
        rules.len(),
        rules.iter().filter(|r| r.word.is_some()).count()
    );
    let parser =
        train::train_parser(&sents, &tags, &dev, &dev_tags, keep.as_ref(), &opts, &mut rng)?
            .with_label_dict(rules)?;
    let tables = train::read_lemma_tables(&format!("{data}/lemma_tables.tsv"))?;
    let lemmatizer = train::learn_lemma_overrides(tables, &sents);
    let tagger = train::with_shipped_dict(&tagger, &sents, &opts)?;
    let model = Model::from_parts(tagger, lemmatizer, parser).pruned(tag_min, parse_min, label_min);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
    let (tf, tw) = model.tagger().weights().stats();
    let (mf, mw) = model.parser().moves().stats();
    let (lf, lw) = model.parser().labels().stats();
    eprintln!(
        "wrote {out}: {:.2} MB (tagger {tf} features/{tw} weights, parser moves {mf}/{mw}, \
         labels {lf}/{lw}) in {:.0}s",
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    eval::evaluate(&Model::from_bytes(&bytes)?, "dev", &dev);
    Ok(())
}

fn prune_cmd(mut args: Args) -> Result<()> {
    let input = args.opt("--model")?.context("prune needs --model FILE")?;
    let out = args.opt("--out")?.context("prune needs --out FILE")?;
    let tag_min: i16 = args.num("--tag-min", 0)?;
    let parse_min: i16 = args.num("--parse-min", 0)?;
    let label_min: i16 = args.num("--label-min", parse_min)?;
    let bytes = std::fs::read(&input).with_context(|| format!("reading {input}"))?;
    let model = Model::from_bytes(&bytes)?.pruned(tag_min, parse_min, label_min);
    let pruned = model.to_bytes();
    std::fs::write(&out, &pruned).with_context(|| format!("writing {out}"))?;
    eprintln!(
        "wrote {out}: {:.2} MB (from {:.2} MB)",
        pruned.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

fn eval_cmd(mut args: Args) -> Result<()> {
    let model = match args.opt("--model")? {
        Some(path) => {
            let bytes = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
            let t = Instant::now();
            let m = Model::from_bytes(&bytes)?;
            println!(
                "loaded {path} ({:.2} MB) in {:.1} ms",
                bytes.len() as f64 / 1e6,
                t.elapsed().as_secs_f64() * 1e3
            );
            m
        }
        None => {
            let t = Instant::now();
            let m = Model::embedded();
            println!("loaded embedded model in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
            m
        }
    };
    if args.0.is_empty() {
        bail!("eval needs at least one .conll file");
    }
    for path in &args.0 {
        eval::evaluate(&model, path, &conll::read(path)?);
    }
    Ok(())
}
