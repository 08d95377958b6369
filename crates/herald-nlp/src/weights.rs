//! Sparse, quantised perceptron weights behind a bucketed feature-hash table.
//!
//! Only features that survived training and pruning are stored. The low bits
//! of a feature hash pick a bucket (about four features each); a bucket is a
//! contiguous run of records, each a header word (24 more hash bits and the
//! row length) followed by that many `(class, i16 weight)` words, or, for long
//! rows, by the index of a dense row. Finding a feature reads one bucket
//! offset (packed to two bytes a bucket so it mostly stays in cache) and then
//! one or two adjacent cache lines, never allocates, and loading is a
//! sequential decode with no hashing. Scores are accumulated in `i32`;
//! quantisation only has to keep the argmax, which is all a greedy tagger or
//! parser needs.

use std::collections::HashMap;

use crate::format::{Reader, Writer};
use crate::ModelError;

/// Mean number of features per bucket the builder aims for.
const PER_BUCKET: usize = 4;

/// Rows with at least this many weights are stored dense. The features every
/// step reads (tags and their conjunctions) have the longest rows; adding a
/// dense row takes a few vector instructions where sparse entries are added
/// one at a time.
const DENSE_MIN: usize = 16;

/// A trained weight table for one classifier.
#[derive(Clone, Debug)]
pub struct Weights {
    n_classes: usize,
    /// Bucket `b` holds the records in `words[starts.get(b)..starts.get(b + 1)]`;
    /// `starts.len()` is a power of two plus one.
    starts: Starts,
    /// Records: `tag << 8 | len`, then `len` entries `class << 16 | weight`;
    /// or `tag << 8` (length 0), then the index of a row of `dense`.
    words: Vec<u32>,
    /// Dense rows of `stride` weights (the classes, padded with zeros).
    dense: Vec<i16>,
    stride: usize,
    /// Classes that have at least one weight (others were never seen in training).
    present: Vec<bool>,
    n_features: usize,
    n_weights: usize,
    /// For tables of at most [`QUAD`] classes, the same weights laid out
    /// for branch-free lookup; `score` reads these instead.
    quad: Option<Quad>,
}

/// Hash bits that identify a feature within its bucket.
#[inline]
fn tag(h: u64) -> u32 {
    (h >> 40) as u32
}

/// Buckets per [`Starts`] base offset.
const GROUP: usize = 256;

/// Bucket start offsets as a `u32` base per [`GROUP`] buckets plus a `u16`
/// per bucket: half the size of plain `u32`s, which leaves more of the
/// cache to the weights (every lookup reads a random start).
#[derive(Clone, Debug)]
struct Starts {
    base: Vec<u32>,
    lo: Vec<u16>,
}

impl Starts {
    /// Packs ascending offsets; fails if a group spans more than `u16` words.
    fn new(starts: &[u32]) -> Result<Starts, ModelError> {
        let base: Vec<u32> = starts.iter().step_by(GROUP).copied().collect();
        let lo = starts
            .iter()
            .enumerate()
            .map(|(b, &s)| u16::try_from(s - base[b / GROUP]))
            .collect::<Result<_, _>>()
            .map_err(|_| ModelError::Corrupt("weight buckets too large"))?;
        Ok(Starts { base, lo })
    }

    #[inline]
    fn get(&self, b: usize) -> usize {
        self.base[b / GROUP] as usize + usize::from(self.lo[b])
    }

    fn len(&self) -> usize {
        self.lo.len()
    }
}

/// One feature's row before layout: bucket, tag and packed entries.
type Record = (u32, u32, Vec<u32>);

/// Lays out records bucket by bucket, in the order they are pushed.
struct Builder {
    n_classes: usize,
    stride: usize,
    starts: Vec<u32>,
    words: Vec<u32>,
    dense: Vec<i16>,
    present: Vec<bool>,
    n_features: usize,
    n_weights: usize,
}

impl Builder {
    fn new(n_classes: usize, n_buckets: usize, n_words: usize) -> Builder {
        Builder {
            n_classes,
            // Whole vectors, so the dense add needs no remainder loop.
            stride: n_classes.next_multiple_of(16),
            starts: Vec::with_capacity(n_buckets + 1),
            words: Vec::with_capacity(n_words),
            dense: Vec::new(),
            present: vec![false; n_classes],
            n_features: 0,
            n_weights: 0,
        }
    }

    /// Starts the next bucket.
    fn bucket(&mut self) -> Result<(), ModelError> {
        let at = u32::try_from(self.words.len())
            .map_err(|_| ModelError::Corrupt("weight table too large"))?;
        self.starts.push(at);
        Ok(())
    }

    /// Appends a record (its packed entries) to the current bucket.
    #[inline]
    fn push<I>(&mut self, tag: u32, entries: I) -> Result<(), ModelError>
    where
        I: ExactSizeIterator<Item = u32> + Clone,
    {
        let len = entries.len();
        if len == 0 || len > self.n_classes {
            return Err(ModelError::Corrupt("weight record"));
        }
        for e in entries.clone() {
            *self
                .present
                .get_mut((e >> 16) as usize)
                .ok_or(ModelError::Corrupt("class out of range"))? = true;
        }
        if len >= DENSE_MIN {
            let row = self.dense.len() / self.stride;
            self.dense.resize(self.dense.len() + self.stride, 0);
            let dense = &mut self.dense[row * self.stride..];
            for e in entries {
                let c = (e >> 16) as usize;
                dense[c] = dense[c].saturating_add(e as u16 as i16);
            }
            self.words.push(tag << 8);
            self.words.push(row as u32);
        } else {
            self.words.push((tag << 8) | len as u32);
            self.words.extend(entries);
        }
        self.n_features += 1;
        self.n_weights += len;
        Ok(())
    }

    fn finish(mut self, n_buckets: usize) -> Result<Weights, ModelError> {
        while self.starts.len() <= n_buckets {
            self.bucket()?;
        }
        let mut out = Weights {
            n_classes: self.n_classes,
            starts: Starts::new(&self.starts)?,
            words: self.words,
            dense: self.dense,
            stride: self.stride,
            present: self.present,
            n_features: self.n_features,
            n_weights: self.n_weights,
            quad: None,
        };
        if out.n_classes <= QUAD {
            out.quad = Some(Quad::new(&out.records(), n_buckets)?);
        }
        Ok(out)
    }
}

/// Tables of at most this many classes get a [`Quad`] layout.
const QUAD: usize = 4;

/// Slots per [`QuadBucket`].
const SLOTS: usize = 5;

/// Cuckoo-hashed layout of a table of at most four classes (the parser's
/// move model, read ~70 times per transition). Each feature's four weights
/// sit in one slot of one of two 64-byte buckets its hash picks, so a
/// lookup reads both buckets and keeps the weights of the slot whose key
/// matches, without a branch: in the bucketed layout, the scan's
/// mispredicted branches cost more than its cache misses once the table
/// is this small.
#[derive(Clone, Debug)]
struct Quad {
    buckets: Vec<QuadBucket>,
    /// `buckets.len() - 1`.
    mask: usize,
    /// `log2` of the bucketed layout's bucket count.
    shift: u32,
}

/// One cache line: keys (0 for an empty slot) and four `i16` weights per slot.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct QuadBucket {
    keys: [u32; SLOTS],
    weights: [u64; SLOTS],
}

impl Quad {
    /// Lays out the records of a bucketed table with `n_buckets` buckets.
    /// A record is known by its bucket and tag; the first choice of bucket
    /// extends the bucket number with tag bits, the second flips bits
    /// picked by the tag, and the key stores the tag and the choice, so no
    /// two records can match the same lookup. If the records do not fit,
    /// the table doubles (a trained table is under two-thirds full and
    /// fits at once; only a corrupt one, with repeated records, fails).
    fn new(records: &[Record], n_buckets: usize) -> Result<Quad, ModelError> {
        let shift = n_buckets.trailing_zeros();
        let mut size = n_buckets.max(1);
        while size * SLOTS < records.len() {
            size *= 2;
        }
        for _ in 0..4 {
            if let Some(q) = Quad::fill(records, size, shift) {
                return Ok(q);
            }
            size *= 2;
        }
        Err(ModelError::Corrupt("weight records do not fit"))
    }

    fn fill(records: &[Record], size: usize, shift: u32) -> Option<Quad> {
        let mut q = Quad { buckets: vec![QuadBucket::default(); size], mask: size - 1, shift };
        for (b, t, entries) in records {
            let mut packed = 0u64;
            for e in entries {
                packed |= u64::from(e & 0xFFFF) << (16 * (e >> 16));
            }
            let (first, _) = q.choices(*b as usize, *t);
            q.insert(first, key(*t, 0), packed)?;
        }
        Some(q)
    }

    /// The two buckets of the record with bucket `b` and tag `t`.
    #[inline]
    fn choices(&self, b: usize, t: u32) -> (usize, usize) {
        let first = (b | ((t as usize) << self.shift)) & self.mask;
        (first, first ^ (alt(t) & self.mask))
    }

    /// Places `(key, weights)` in bucket `at`, moving residents to their
    /// other bucket (cuckoo hashing) when it is full. Deterministic; gives
    /// up after a bounded number of moves.
    fn insert(&mut self, mut at: usize, mut k: u32, mut w: u64) -> Option<()> {
        for step in 0..1000 {
            let bucket = &mut self.buckets[at];
            if let Some(j) = bucket.keys.iter().position(|&x| x == 0) {
                bucket.keys[j] = k;
                bucket.weights[j] = w;
                return Some(());
            }
            // Evict a resident, round-robin, and send it to its other bucket.
            let j = step % SLOTS;
            std::mem::swap(&mut bucket.keys[j], &mut k);
            std::mem::swap(&mut bucket.weights[j], &mut w);
            let (t, choice) = ((k - 1) >> 1, (k - 1) & 1);
            let flip = alt(t) & self.mask;
            at ^= flip;
            k = key(t, choice ^ 1);
        }
        None
    }

    /// Adds the weights of `feats` (hashes, masked to the bucketed layout
    /// with `mask`) to `acc`.
    #[inline]
    fn score<const F: usize>(&self, feats: &[u64; F], mask: usize, acc: &mut [i32; QUAD]) {
        for &h in feats {
            let t = tag(h);
            let (i, j) = self.choices(h as usize & mask, t);
            let (a, b) = (&self.buckets[i], &self.buckets[j]);
            let (ka, kb) = (key(t, 0), key(t, 1));
            let mut hit = 0u64;
            for s in 0..SLOTS {
                hit |= a.weights[s] & 0u64.wrapping_sub(u64::from(a.keys[s] == ka));
                hit |= b.weights[s] & 0u64.wrapping_sub(u64::from(b.keys[s] == kb));
            }
            for (c, a) in acc.iter_mut().enumerate() {
                *a += i32::from((hit >> (16 * c)) as u16 as i16);
            }
        }
    }
}

/// The key of tag `t` placed by choice `choice` (never 0, the empty key).
#[inline]
fn key(t: u32, choice: u32) -> u32 {
    ((t << 1) | choice) + 1
}

/// Bits a tag flips to give its record's second bucket.
#[inline]
fn alt(t: u32) -> usize {
    (t.wrapping_mul(0x9E37_79B1) >> 3) as usize | 1
}

impl Weights {
    /// Builds a table from float rows, quantising all weights with one scale
    /// and dropping weights that round to zero. Rows whose bucket and tag
    /// coincide are summed. Fails if a class is out of range or there are
    /// more than 255 classes.
    pub fn from_rows<I>(n_classes: usize, rows: I) -> Result<Weights, ModelError>
    where
        I: IntoIterator<Item = (u64, Vec<(u16, f32)>)>,
    {
        if n_classes == 0 || n_classes > 255 {
            return Err(ModelError::Corrupt("class count"));
        }
        let rows: Vec<(u64, Vec<(u16, f32)>)> = rows.into_iter().collect();
        let n_buckets = (rows.len() / PER_BUCKET).next_power_of_two();
        let mask = n_buckets as u64 - 1;
        let mut merged: HashMap<(u32, u32), Vec<(u16, f32)>> = HashMap::new();
        for (h, row) in rows {
            let dst = merged.entry(((h & mask) as u32, tag(h))).or_default();
            for (c, w) in row {
                match dst.iter_mut().find(|e| e.0 == c) {
                    Some(e) => e.1 += w,
                    None => dst.push((c, w)),
                }
            }
        }
        let max = merged.values().flatten().map(|e| e.1.abs()).fold(0.0f32, f32::max);
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let mut records: Vec<Record> = Vec::with_capacity(merged.len());
        for ((b, t), mut row) in merged {
            row.sort_unstable_by_key(|e| e.0);
            let entries: Vec<u32> = row
                .into_iter()
                .map(|(c, w)| (c, (w * scale).round().clamp(-32_767.0, 32_767.0) as i16))
                .filter(|e| e.1 != 0)
                .map(|(c, q)| (u32::from(c) << 16) | u32::from(q as u16))
                .collect();
            if !entries.is_empty() {
                records.push((b, t, entries));
            }
        }
        Self::assemble(n_classes, n_buckets, records)
    }

    /// Lays records out bucket by bucket (sorted, so the output is deterministic).
    fn assemble(
        n_classes: usize,
        n_buckets: usize,
        mut records: Vec<Record>,
    ) -> Result<Weights, ModelError> {
        records.sort_unstable_by_key(|a| (a.0, a.1));
        let n_words = records.iter().map(|r| r.2.len() + 1).sum();
        let mut out = Builder::new(n_classes, n_buckets, n_words);
        let mut in_bucket = 0;
        for (b, t, entries) in &records {
            if *b as usize >= n_buckets {
                return Err(ModelError::Corrupt("weight record"));
            }
            if out.starts.len() <= *b as usize {
                in_bucket = 0;
            }
            while out.starts.len() <= *b as usize {
                out.bucket()?;
            }
            // The file stores records per bucket in a byte.
            in_bucket += 1;
            if in_bucket > 255 {
                return Err(ModelError::Corrupt("weight bucket overflow"));
            }
            out.push(*t, entries.iter().copied())?;
        }
        out.finish(n_buckets)
    }

    /// The record at word `i`: its header, entries and size in words.
    fn record(&self, i: usize) -> (u32, Vec<u32>, usize) {
        let head = self.words[i];
        match (head & 0xFF) as usize {
            0 => {
                let row = self.words[i + 1] as usize * self.stride;
                let entries = self.dense[row..row + self.n_classes]
                    .iter()
                    .enumerate()
                    .filter(|e| *e.1 != 0)
                    .map(|(c, &w)| ((c as u32) << 16) | u32::from(w as u16))
                    .collect();
                (head, entries, 2)
            }
            len => (head, self.words[i + 1..i + 1 + len].to_vec(), 1 + len),
        }
    }

    /// The records as `(bucket, tag, entries)`, in layout order.
    fn records(&self) -> Vec<Record> {
        let mut out = Vec::with_capacity(self.n_features);
        for b in 0..self.starts.len() - 1 {
            let (mut i, end) = (self.starts.get(b), self.starts.get(b + 1));
            while i < end {
                let (head, entries, size) = self.record(i);
                out.push((b as u32, head >> 8, entries));
                i += size;
            }
        }
        out
    }

    /// A copy without the weights whose quantised magnitude is below
    /// `min_abs` (features left with no weights are dropped). Small weights
    /// rarely change an argmax but dominate the table size.
    ///
    /// The copy has as many buckets as its features need. A bucket is the low
    /// bits of a feature hash, so fewer buckets are the old ones masked;
    /// records that then share bucket and tag are summed, as when building.
    pub fn pruned(&self, min_abs: i16) -> Weights {
        let min = min_abs.unsigned_abs();
        let mut records = self.records();
        for r in &mut records {
            r.2.retain(|&e| (e as u16 as i16).unsigned_abs() >= min);
        }
        records.retain(|r| !r.2.is_empty());
        let n_buckets = (records.len() / PER_BUCKET).next_power_of_two().min(self.starts.len() - 1);
        let mask = n_buckets as u32 - 1;
        let mut merged: HashMap<(u32, u32), Vec<u32>> = HashMap::with_capacity(records.len());
        for (b, t, entries) in records {
            let dst = merged.entry((b & mask, t)).or_default();
            for e in entries {
                match dst.iter_mut().find(|d| **d >> 16 == e >> 16) {
                    Some(d) => {
                        let w = (*d as u16 as i16).saturating_add(e as u16 as i16);
                        *d = (e & 0xFFFF_0000) | u32::from(w as u16);
                    }
                    None => dst.push(e),
                }
            }
        }
        let records = merged
            .into_iter()
            .map(|((b, t), mut entries)| {
                entries.sort_unstable_by_key(|e| e >> 16);
                (b, t, entries)
            })
            .collect();
        // The records come from a valid table, so assembling cannot fail.
        Self::assemble(self.n_classes, n_buckets, records).unwrap_or_else(|_| self.clone())
    }

    /// Number of classes scored.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Whether class `c` ever received a weight.
    pub fn is_present(&self, c: usize) -> bool {
        self.present.get(c).copied().unwrap_or(false)
    }

    /// Number of stored features and weights (for size reports).
    pub fn stats(&self) -> (usize, usize) {
        (self.n_features, self.n_weights)
    }

    /// Whether feature `h` has weights in this table.
    pub fn contains(&self, h: u64) -> bool {
        let b = h as usize & (self.starts.len() - 2);
        let (mut i, end) = (self.starts.get(b), self.starts.get(b + 1));
        while i < end {
            let head = self.words[i];
            if head >> 8 == tag(h) {
                return true;
            }
            i += 1 + ((head & 0xFF) as usize).max(1);
        }
        false
    }

    /// Adds the weights of every feature in `feats` to `scores`
    /// (`scores.len()` must be at least [`Self::n_classes`]; extra entries are untouched).
    ///
    /// Scoring is memory-bound (a random read from a table of several MB
    /// takes about 120 ns on our 2-core machines, from 2 MB 17 ns), so it
    /// runs in passes. The first two are branch-free: they read every
    /// feature's bucket bounds, then the first and last word of its bucket,
    /// so the CPU fetches all the cache lines in parallel instead of one
    /// miss after another. The last scans the (now cached) buckets; its
    /// branches are hard to predict, and a misprediction would throw away
    /// misses still in flight. The feature count is a constant so the
    /// passes' scratch arrays are exactly that long.
    #[inline]
    pub fn score<const F: usize>(&self, feats: &[u64; F], scores: &mut [i32]) {
        if let Some(quad) = &self.quad {
            let mut acc = [0i32; QUAD];
            quad.score(feats, self.starts.len() - 2, &mut acc);
            for (s, a) in scores[..self.n_classes].iter_mut().zip(acc) {
                *s += a;
            }
            return;
        }
        // The accumulator is cleared on every call: size it to the table.
        match self.stride {
            0..=16 => self.score_into::<F, 16>(feats, scores),
            17..=64 => self.score_into::<F, 64>(feats, scores),
            _ => self.score_into::<F, 256>(feats, scores),
        }
    }

    /// [`Self::score`] with an accumulator of `N` classes (`N` a power of
    /// two, at least the dense row stride, so masking a class with `N - 1`
    /// keeps it and saves the bounds check).
    #[inline]
    fn score_into<const F: usize, const N: usize>(&self, feats: &[u64; F], scores: &mut [i32]) {
        let mut acc = [0i32; N];
        let mask = self.starts.len() - 2;
        let mut bounds = [(0usize, 0usize); F];
        for (b, &h) in bounds.iter_mut().zip(feats) {
            let k = h as usize & mask;
            *b = (self.starts.get(k), self.starts.get(k + 1));
        }
        let mut touched = 0;
        let mut heads = [0u32; F];
        for (head, &(start, end)) in heads.iter_mut().zip(&bounds) {
            // A bucket may end on the next cache line: fetch it now too.
            touched ^= self.words.get(end.wrapping_sub(1)).copied().unwrap_or(0);
            // An empty bucket at the very end has no first word; 0 never matches a record.
            *head = self.words.get(start).copied().unwrap_or(0);
        }
        std::hint::black_box(touched);
        for ((&(mut i, end), mut head), &h) in bounds.iter().zip(heads).zip(feats) {
            let t = tag(h);
            while i < end {
                let len = (head & 0xFF) as usize;
                if head >> 8 == t {
                    if len == 0 {
                        let row = self.words[i + 1] as usize * self.stride;
                        let dense = &self.dense[row..row + self.stride];
                        for (a, &w) in acc[..self.stride].iter_mut().zip(dense) {
                            *a += i32::from(w);
                        }
                    } else {
                        for &e in &self.words[i + 1..i + 1 + len] {
                            // Classes were checked against n_classes when loading.
                            acc[usize::from((e >> 16) as u8) & (N - 1)] +=
                                i32::from(e as u16 as i16);
                        }
                    }
                    break;
                }
                i += 1 + len.max(1);
                head = self.words.get(i).copied().unwrap_or(0);
            }
        }
        for (s, a) in scores[..self.n_classes].iter_mut().zip(acc) {
            *s += a;
        }
    }

    /// Format: class count, bucket count, record count, entry count; then
    /// records per bucket (`u8`), record headers (`u32`), entry classes
    /// (`u8`) and entry weights (`i16`).
    pub(crate) fn write(&self, w: &mut Writer) {
        let n_buckets = self.starts.len() - 1;
        let mut counts = vec![0u8; n_buckets];
        let mut headers = Vec::with_capacity(self.n_features);
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        for (b, count) in counts.iter_mut().enumerate() {
            let (mut i, end) = (self.starts.get(b), self.starts.get(b + 1));
            while i < end {
                let (head, entries, size) = self.record(i);
                *count = count.saturating_add(1);
                headers.push((head & !0xFF) | entries.len() as u32);
                for e in entries {
                    classes.push((e >> 16) as u8);
                    weights.push(e as u16 as i16);
                }
                i += size;
            }
        }
        w.len(self.n_classes);
        w.len(n_buckets);
        w.len(headers.len());
        w.len(classes.len());
        w.bytes(&counts);
        w.u32s(&headers);
        w.bytes(&classes);
        w.i16s(&weights);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Weights, ModelError> {
        let n_classes = r.len()?;
        if n_classes == 0 || n_classes > 255 {
            return Err(ModelError::Corrupt("class count"));
        }
        let n_buckets = r.len()?;
        if !n_buckets.is_power_of_two() {
            return Err(ModelError::Corrupt("bucket count"));
        }
        let n_records = r.len()?;
        let n_entries = r.len()?;
        let counts = r.take(n_buckets)?;
        let headers = r.u32s(n_records)?;
        let classes = r.take(n_entries)?;
        let weights = r.i16s(n_entries)?;
        if counts.iter().map(|&c| usize::from(c)).sum::<usize>() != n_records
            || headers.iter().map(|&h| (h & 0xFF) as usize).sum::<usize>() != n_entries
        {
            return Err(ModelError::Corrupt("weight table sizes"));
        }
        let mut out = Builder::new(n_classes, n_buckets, n_records + n_entries);
        let (mut rec, mut ent) = (0, 0);
        for &count in counts {
            out.bucket()?;
            for &h in &headers[rec..rec + usize::from(count)] {
                let len = (h & 0xFF) as usize;
                let entries = classes[ent..ent + len]
                    .iter()
                    .zip(&weights[ent..ent + len])
                    .map(|(&c, &wt)| (u32::from(c) << 16) | u32::from(wt as u16));
                out.push(h >> 8, entries)?;
                ent += len;
            }
            rec += usize::from(count);
        }
        out.finish(n_buckets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_and_round_trip() {
        let w = Weights::from_rows(
            3,
            vec![(1u64 << 40, vec![(0, 1.0), (2, -0.5)]), (7, vec![(1, 2.0)])],
        )
        .unwrap();
        let mut s = [0i32; 3];
        w.score(&[1u64 << 40, 12345 << 32], &mut s);
        assert!(s[0] > 0 && s[2] < 0 && s[1] == 0);
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).unwrap();
        let mut s2 = [0i32; 3];
        back.score(&[1u64 << 40, 12345 << 32], &mut s2);
        assert_eq!(s, s2);
        assert!(back.is_present(1));
        assert!(back.contains(1u64 << 40) && back.contains(7) && !back.contains(5u64 << 40));
    }

    #[test]
    fn pruning_keeps_large_weights_and_rebuckets() {
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=400u64)
            .map(|i| (crate::hash::finish(i), vec![(0, i as f32), (1, -(i as f32) / 100.0)]))
            .collect();
        let w = Weights::from_rows(2, rows.clone()).unwrap();
        let p = w.pruned(0);
        let big = w.pruned(16_000);
        // Half the features survive, so the table needs half the buckets.
        assert!(big.starts.len() < w.starts.len());
        for (h, _) in &rows {
            let (mut a, mut b, mut c) = ([0i32; 2], [0i32; 2], [0i32; 2]);
            w.score(&[*h], &mut a);
            p.score(&[*h], &mut b);
            big.score(&[*h], &mut c);
            assert_eq!(a, b);
            // Class 0 weights reach 32000; only those of at least half survive.
            assert_eq!(c, [if a[0] >= 16_000 { a[0] } else { 0 }, 0]);
        }
        assert_eq!(big.stats().0, 201);
    }

    #[test]
    fn dense_rows_score_like_sparse_ones() {
        // Rows of every length around DENSE_MIN, over 40 classes.
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=30u64)
            .map(|i| {
                let row = (0..i as u16).map(|c| (c, (c as f32 - 7.5) * i as f32)).collect();
                (crate::hash::finish(i), row)
            })
            .collect();
        let w = Weights::from_rows(40, rows.clone()).unwrap();
        assert!(w.dense.len() >= (30 - DENSE_MIN + 1) * w.stride);
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).unwrap();
        let feats: [u64; 30] = std::array::from_fn(|i| rows[i].0);
        let (mut a, mut b) = ([0i32; 40], [0i32; 40]);
        w.score(&feats, &mut a);
        back.score(&feats, &mut b);
        assert_eq!(a, b);
        let mut sum = [0i32; 40];
        for f in &feats {
            let mut one = [0i32; 40];
            w.score(&[*f], &mut one);
            sum.iter_mut().zip(one).for_each(|(s, o)| *s += o);
        }
        assert_eq!(a, sum);
        assert_eq!(w.stats(), back.stats());
        assert_eq!(w.records(), back.records());
        // The longest row has weights of both signs in its first 16 classes.
        let mut long = [0i32; 40];
        w.score(&[feats[29]], &mut long);
        assert!(long[0] < 0 && long[15] > 0 && long[35] == 0);
    }

    #[test]
    fn quad_layout_scores_like_the_records() {
        // Enough features that buckets fill and residents move, and pairs
        // that share a tag (the hash's top 24 bits) but not a bucket.
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=6000u64)
            .map(|i| {
                let low = crate::hash::finish(i) & 0xFF_FFFF_FFFF;
                let high = crate::hash::finish(i / 2) & !0xFF_FFFF_FFFF;
                let row =
                    vec![((i % 4) as u16, i as f32), (((i + 1) % 4) as u16, -(i as f32) / 3.0)];
                (high | low, row)
            })
            .collect();
        let w = Weights::from_rows(4, rows.clone()).unwrap();
        assert!(w.quad.is_some());
        let mask = w.starts.len() - 2;
        let records: HashMap<(u32, u32), Vec<u32>> =
            w.records().into_iter().map(|(b, t, e)| ((b, t), e)).collect();
        let expected = |h: u64| {
            let mut s = [0i32; 4];
            for e in records.get(&((h as usize & mask) as u32, tag(h))).into_iter().flatten() {
                s[(e >> 16) as usize] += i32::from(*e as u16 as i16);
            }
            s
        };
        for h in rows.iter().map(|r| r.0).chain((0..2000).map(|i| crate::hash::finish(i + 9000))) {
            let mut s = [0i32; 4];
            w.score(&[h], &mut s);
            assert_eq!(s, expected(h), "feature {h:x}");
        }
        assert!(rows.iter().all(|r| expected(r.0) != [0; 4]));
        // The layout survives the file format.
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).unwrap();
        let feats: [u64; 6] = std::array::from_fn(|i| rows[i * 999].0);
        let (mut a, mut b) = ([0i32; 4], [0i32; 4]);
        w.score(&feats, &mut a);
        back.score(&feats, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn packed_starts() {
        let offsets: Vec<u32> = (0..600).map(|b| b * 200).collect();
        let s = Starts::new(&offsets).unwrap();
        assert_eq!(s.len(), 600);
        assert!((0..600).all(|b| s.get(b) == offsets[b] as usize));
        // A group of buckets spanning more than u16 words cannot be packed.
        assert!(Starts::new(&[0, 70_000]).is_err());
    }

    #[test]
    fn corrupt_tables_are_errors() {
        let w = Weights::from_rows(3, vec![(5u64 << 32, vec![(2, 1.0)])]).unwrap();
        let mut out = Writer::default();
        w.write(&mut out);
        // Shrink the class count so the stored class 2 is out of range.
        out.buf[0] = 2;
        assert!(Weights::read(&mut Reader::new(&out.buf)).is_err());
        for cut in 0..out.buf.len() {
            assert!(Weights::read(&mut Reader::new(&out.buf[..cut])).is_err());
        }
    }
}
