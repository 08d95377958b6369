//! Sparse averaged perceptron used at training time (f32 weights with lazy
//! averaging); [`Perceptron::averaged`] yields rows for `herald_nlp::Weights`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes: use them as-is.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    ts: u32,
    w: f32,
    total: f64,
}

/// A feature slot left empty: scoring and updates skip it.
pub const DROPPED: u64 = 0;

pub struct Perceptron {
    n_classes: usize,
    table: IdMap<Vec<Entry>>,
    t: u32,
}

impl Perceptron {
    pub fn new(n_classes: usize) -> Self {
        Perceptron { n_classes, table: IdMap::default(), t: 0 }
    }

    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores[..self.n_classes].iter_mut().for_each(|s| *s = 0.0);
        for f in feats.iter().filter(|&&f| f != DROPPED) {
            if let Some(row) = self.table.get(f) {
                for e in row {
                    scores[usize::from(e.class)] += e.w;
                }
            }
        }
    }

    /// Counts one training decision, moving weight from `guess` to `gold` if they differ.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        self.t += 1;
        if gold == guess {
            return;
        }
        let t = self.t;
        for &f in feats.iter().filter(|&&f| f != DROPPED) {
            let row = self.table.entry(f).or_default();
            for (c, d) in [(gold, 1.0f32), (guess, -1.0)] {
                let i = match row.iter().position(|e| usize::from(e.class) == c) {
                    Some(i) => i,
                    None => {
                        row.push(Entry { class: c as u16, ts: t, w: 0.0, total: 0.0 });
                        row.len() - 1
                    }
                };
                let e = &mut row[i];
                e.total += f64::from(t - e.ts) * f64::from(e.w);
                e.ts = t;
                e.w += d;
            }
        }
    }

    /// Averaged weights (zeros dropped).
    pub fn averaged(&self) -> Vec<(u64, Vec<(u16, f32)>)> {
        let t = f64::from(self.t.max(1));
        let mut out = Vec::new();
        for (&f, row) in &self.table {
            let avg: Vec<(u16, f32)> = row
                .iter()
                .map(|e| {
                    (e.class, ((e.total + f64::from(self.t - e.ts) * f64::from(e.w)) / t) as f32)
                })
                .filter(|e| e.1 != 0.0)
                .collect();
            if !avg.is_empty() {
                out.push((f, avg));
            }
        }
        out
    }

    pub fn n_features(&self) -> usize {
        self.table.len()
    }
}

/// Deterministic xorshift RNG (shuffling and exploration).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}
