//! Sparse, quantised perceptron weights, found by perfect hashing.
//!
//! Only features that survived training and pruning are stored, as records:
//! the low bits of a feature hash pick a bucket (about four features each),
//! 24 high bits (the tag) tell a bucket's records apart, and a record holds
//! `(class, i16 weight)` entries. The model file and [`Weights::records`]
//! use that bucketed form; loading decodes it sequentially with no hashing.
//!
//! For scoring, loading also builds an index ([`Perfect`]): every bucket gets
//! a pilot that sends each of its records to its own slot, so finding a
//! feature reads the bucket's pilot (the pilots are a few kilobytes and stay
//! in L1) and exactly one 8-byte slot, with no scan and no branch: the slot's
//! key says whether the feature is stored, and a miss reads as zero weights.
//! The index holds weights as `i8`, one scale per table: scoring is bound by
//! cache misses, and at 8 bits the parser's two tables fit in L2 together.
//! Greedy decoding only needs the argmax, which 8 bits keep (the parser's
//! held-out agreement moves by hundredths of a point; see `train/README.md`).
//! Scores are accumulated in `i32`.

use std::collections::HashMap;

use crate::format::{Reader, Writer};
use crate::ModelError;

/// Mean number of features per bucket the builder aims for.
const PER_BUCKET: usize = 4;

/// Most classes a table can have: index entries keep a class in 7 bits.
pub const MAX_CLASSES: usize = 127;

/// A trained weight table for one classifier.
#[derive(Clone, Debug)]
pub struct Weights {
    n_classes: usize,
    /// Bucket `b` holds the records in `words[starts[b]..starts[b + 1]]`;
    /// `starts.len()` is a power of two plus one.
    starts: Vec<u32>,
    /// Records: `tag << 8 | len`, then `len` entries `class << 16 | weight`.
    words: Vec<u32>,
    /// Classes that have at least one weight (others were never seen in training).
    present: Vec<bool>,
    n_features: usize,
    n_weights: usize,
    /// What [`Weights::score`] reads.
    index: Index,
    /// Score with the records' 16-bit weights instead (see [`Weights::exact`]).
    exact: bool,
}

/// Hash bits that identify a feature within its bucket.
#[inline]
fn tag(h: u64) -> u32 {
    (h >> 40) as u32
}

/// One feature's row before layout: bucket, tag and packed entries.
type Record = (u32, u32, Vec<u32>);

/// Lays out records bucket by bucket, in the order they are pushed.
struct Builder {
    n_classes: usize,
    starts: Vec<u32>,
    words: Vec<u32>,
    present: Vec<bool>,
    n_features: usize,
    n_weights: usize,
}

impl Builder {
    fn new(n_classes: usize, n_buckets: usize, n_words: usize) -> Builder {
        Builder {
            n_classes,
            starts: Vec::with_capacity(n_buckets + 1),
            words: Vec::with_capacity(n_words),
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
        I: ExactSizeIterator<Item = u32>,
    {
        let len = entries.len();
        if len == 0 || len > self.n_classes {
            return Err(ModelError::Corrupt("weight record"));
        }
        self.words.push((tag << 8) | len as u32);
        for e in entries {
            *self
                .present
                .get_mut((e >> 16) as usize)
                .ok_or(ModelError::Corrupt("class out of range"))? = true;
            self.words.push(e);
        }
        self.n_features += 1;
        self.n_weights += len;
        Ok(())
    }

    /// Ends the table; `pilots` are the index's pilots and slot count as
    /// stored in a model file (searched for if `None`).
    fn finish(
        mut self,
        n_buckets: usize,
        pilots: Option<(Vec<u16>, usize)>,
    ) -> Result<Weights, ModelError> {
        while self.starts.len() <= n_buckets {
            self.bucket()?;
        }
        let mut out = Weights {
            n_classes: self.n_classes,
            starts: self.starts,
            words: self.words,
            present: self.present,
            n_features: self.n_features,
            n_weights: self.n_weights,
            index: Index::Quad(Perfect::default()),
            exact: false,
        };
        out.index = Index::new(&out, pilots)?;
        Ok(out)
    }
}

/// Tables of at most this many classes keep all their weights in the slot.
const QUAD: usize = 4;

/// The scoring index of a table.
#[derive(Clone, Debug)]
enum Index {
    /// At most [`QUAD`] classes (the parser's move model, read ~70 times
    /// per transition): a slot's data is the four weights.
    Quad(Perfect),
    /// More classes: a slot's data is one or two entries (`class << 8 |
    /// weight`, 16 bits each; most tagger features have two), or, with the
    /// top bit set, the length and start of a longer run in the `u16`
    /// rows, or (length 0) the number of a dense row.
    Rows(Perfect, Vec<u16>, Vec<Dense>),
}

/// Top bit of a slot's data in [`Index::Rows`]: its entries are elsewhere.
const LONG: u32 = 1 << 31;

/// A row of at least [`DENSE_MIN`] weights in a table of at most 64
/// classes, stored as one weight per class in one cache line: the most
/// frequent features have such rows (a third of the tagger's lookups), and
/// adding them lane by lane takes a fraction of the instructions.
#[derive(Clone, Debug)]
#[repr(align(64))]
struct Dense([i8; 64]);

/// The fewest weights a row needs to be stored [`Dense`].
const DENSE_MIN: usize = 16;

impl Index {
    fn new(w: &Weights, pilots: Option<(Vec<u16>, usize)>) -> Result<Index, ModelError> {
        let quantise = quantiser(w.each_record().flat_map(|r| r.2));
        if w.n_classes <= QUAD {
            let p = Perfect::new(w, pilots, |entries| {
                entries
                    .iter()
                    .fold(0u32, |data, &e| data | u32::from(quantise(e) as u8) << (8 * (e >> 16)))
            })?;
            return Ok(Index::Quad(p));
        }
        // Long rows are collected in placement order (slot data: LONG and
        // the row's number), then laid out longest first: the longest rows
        // belong to the most frequent features (every class they were
        // confused with got a weight), and packing those together keeps
        // them in fewer cache lines than the random placement order does.
        let mut placed: Vec<u16> = Vec::new();
        let mut spans: Vec<(u32, u8)> = Vec::new();
        let mut dense: Vec<Dense> = Vec::new();
        let mut packed = Vec::with_capacity(MAX_CLASSES);
        let mut p = Perfect::new(w, pilots, |entries| {
            packed.clear();
            packed.extend(
                entries
                    .iter()
                    .map(|&e| ((e >> 16) as u16) << 8 | u16::from(quantise(e) as u8))
                    .filter(|e| e & 0xFF != 0),
            );
            match packed[..] {
                [] => 0,
                [a] => u32::from(a),
                [a, b] => u32::from(a) | u32::from(b) << 16,
                _ if packed.len() >= DENSE_MIN && w.n_classes <= 64 => {
                    let mut row = Dense([0; 64]);
                    for &e in &packed {
                        row.0[usize::from(e >> 8) & 63] = e as u8 as i8;
                    }
                    dense.push(row);
                    LONG | (dense.len() - 1) as u32 & 0xFF_FFFF
                }
                _ => {
                    // The row's number for now; its start once laid out.
                    spans.push((placed.len() as u32, packed.len() as u8));
                    placed.extend_from_slice(&packed);
                    LONG | (packed.len() as u32) << 24 | (spans.len() - 1) as u32 & 0xFF_FFFF
                }
            }
        })?;
        if placed.len() >= 1 << 24 || dense.len() >= 1 << 24 || spans.len() >= 1 << 24 {
            return Err(ModelError::Corrupt("weight table too large"));
        }
        let mut order: Vec<u32> = (0..spans.len() as u32).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(spans[i as usize].1), i));
        let mut rows = Vec::with_capacity(placed.len());
        let mut data = vec![0u32; spans.len()];
        for i in order {
            let (at, len) = spans[i as usize];
            data[i as usize] = LONG | u32::from(len) << 24 | rows.len() as u32;
            rows.extend_from_slice(&placed[at as usize..][..usize::from(len)]);
        }
        for slot in &mut p.slots {
            let d = (*slot >> 32) as u32;
            if d & LONG != 0 && d >> 24 & 0x7F != 0 {
                let row = data.get((d & 0xFF_FFFF) as usize).copied().unwrap_or(0);
                *slot = *slot & 0xFFFF_FFFF | u64::from(row) << 32;
            }
        }
        Ok(Index::Rows(p, rows, dense))
    }
}

/// Rounds an entry's weight to 8 bits, with one scale per table (the
/// largest weight becomes ±127; halves round away from zero). A table of
/// the rounded magnitudes, filled without division, as there are hundreds
/// of thousands of entries to round at load.
fn quantiser<'a>(entries: impl Iterator<Item = &'a u32>) -> impl Fn(u32) -> i8 {
    let max = entries.map(|&e| (e as u16 as i16).unsigned_abs()).max().unwrap_or(1);
    let step = usize::from(max.div_ceil(127).max(1));
    let mut table = vec![0i8; usize::from(max) + 1];
    for (q, chunk) in table[step.div_ceil(2)..].chunks_mut(step).enumerate() {
        chunk.fill((q + 1).min(127) as i8);
    }
    move |e| {
        let w = e as u16 as i16;
        let q = table.get(usize::from(w.unsigned_abs())).copied().unwrap_or(127);
        if w < 0 {
            -q
        } else {
            q
        }
    }
}

/// Perfect-hash index over a table's records (see the module docs). Slots
/// are `key | data << 32`; an empty slot is 0, whose data is no weights.
#[derive(Clone, Debug, Default)]
struct Perfect {
    /// One per bucket of the bucketed layout (a power of two).
    pilots: Vec<u16>,
    slots: Vec<u64>,
}

/// The bucket and tag of a record, `b << 24 | t`: what the slot hash
/// reads. Its low 32 bits (the tag and the bucket's low 8 bits) are the
/// slot's key: a lookup can match another feature's record only if it
/// shares these and hashes to the same slot: for our largest table, about
/// once in 10^9 lookups (about as often as two features' hashes collide).
#[inline]
fn bucket_tag(b: usize, t: u32) -> u64 {
    (b as u64) << 24 | u64::from(t)
}

impl Perfect {
    /// Indexes the records of `w`, with slot data `data(entries)`, using
    /// `stored` pilots and slot count (from a model file) if given, else
    /// searching for them: buckets are placed largest first, each with the
    /// smallest pilot that puts its records on free, distinct slots; if some
    /// bucket finds none, the slot array grows and placement restarts (a
    /// trained table fits at once). The search takes far longer than
    /// loading may, so the trainer stores its result in the model and
    /// loading only checks it.
    fn new(
        w: &Weights,
        stored: Option<(Vec<u16>, usize)>,
        mut data: impl FnMut(&[u32]) -> u32,
    ) -> Result<Perfect, ModelError> {
        // `each_record` goes bucket by bucket, so a bucket's records are a
        // run of `records` and `first[b]..first[b + 1]` finds it.
        let n_buckets = w.starts.len() - 1;
        let mut records = Vec::with_capacity(w.n_features);
        let mut first = vec![0u32; n_buckets + 1];
        for (b, t, entries) in w.each_record() {
            records.push((t, data(entries)));
            first[b as usize + 1] += 1;
        }
        for b in 0..n_buckets {
            first[b + 1] += first[b];
        }
        let run = |b: usize| &records[first[b] as usize..first[b + 1] as usize];
        if let Some((pilots, n_slots)) = stored {
            // Checked: every record must land on its own slot.
            let order: Vec<usize> = (0..n_buckets).collect();
            let choose = |b: usize, fits: &mut dyn FnMut(u16) -> bool| {
                pilots.get(b).copied().filter(|&p| fits(p))
            };
            return Perfect::fill(n_buckets, &order, run, n_slots, choose)
                .ok_or(ModelError::Corrupt("weight index"));
        }
        let search =
            |_: usize, fits: &mut dyn FnMut(u16) -> bool| (0..=u16::MAX).find(|&p| fits(p));
        let mut order: Vec<usize> = (0..n_buckets).filter(|&b| !run(b).is_empty()).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(run(b).len()), b));
        // A load of 0.95: the search takes a fraction of a second.
        let mut n_slots = (records.len() * 100 / 95).max(1);
        for _ in 0..4 {
            if let Some(p) = Perfect::fill(n_buckets, &order, run, n_slots, search) {
                return Ok(p);
            }
            n_slots = n_slots * 5 / 4 + 1;
        }
        Err(ModelError::Corrupt("weight records do not fit"))
    }

    /// Places the buckets in `order`, each with the pilot `choose` returns
    /// given a test of whether a pilot fits (`None`: no placement).
    fn fill<'a>(
        n_buckets: usize,
        order: &[usize],
        run: impl Fn(usize) -> &'a [(u32, u32)],
        n_slots: usize,
        choose: impl Fn(usize, &mut dyn FnMut(u16) -> bool) -> Option<u16>,
    ) -> Option<Perfect> {
        let mut p = Perfect { pilots: vec![0; n_buckets.max(1)], slots: vec![0; n_slots] };
        // A bit set: it stays in L1 while thousands of pilots are tried.
        let mut taken = vec![0u64; n_slots.div_ceil(64)];
        let is_taken = |taken: &[u64], s: usize| taken[s / 64] >> (s % 64) & 1 != 0;
        let mut at = Vec::new();
        for &b in order {
            let records = run(b);
            let pilot = choose(b, &mut |pilot| {
                at.clear();
                for &(t, _) in records {
                    let s = p.slot(bucket_tag(b, t), pilot);
                    if is_taken(&taken, s) || at.contains(&s) {
                        return false;
                    }
                    at.push(s);
                }
                true
            })?;
            p.pilots[b] = pilot;
            for (&(t, data), &s) in records.iter().zip(&at) {
                taken[s / 64] |= 1 << (s % 64);
                p.slots[s] = u64::from(bucket_tag(b, t) as u32) | u64::from(data) << 32;
            }
        }
        Some(p)
    }

    /// The slot of the record with [`bucket_tag`] `bt` under pilot `p`: a
    /// hash of both, scaled to the slot count by a multiply.
    #[inline]
    fn slot(&self, bt: u64, p: u16) -> usize {
        let x = bt ^ u64::from(p).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (((x >> 32) * self.slots.len() as u64) >> 32) as usize
    }

    /// The data of feature `h`, or 0 if it is not stored.
    #[inline]
    fn get(&self, h: u64) -> u32 {
        // `pilots.len()` is the bucket count, a power of two.
        let b = h as usize & (self.pilots.len() - 1);
        let bt = bucket_tag(b, tag(h));
        let slot = self.slots.get(self.slot(bt, self.pilots[b])).copied().unwrap_or(0);
        // A hit is as unpredictable as the text: select, do not branch.
        std::hint::select_unpredictable(slot as u32 == bt as u32, (slot >> 32) as u32, 0)
    }
}

impl Weights {
    /// Builds a table from float rows, quantising all weights with one scale
    /// and dropping weights that round to zero. Rows whose bucket and tag
    /// coincide are summed. Fails if a class is out of range or there are
    /// more than [`MAX_CLASSES`].
    pub fn from_rows<I>(n_classes: usize, rows: I) -> Result<Weights, ModelError>
    where
        I: IntoIterator<Item = (u64, Vec<(u16, f32)>)>,
    {
        if n_classes == 0 || n_classes > MAX_CLASSES {
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
        out.finish(n_buckets, None)
    }

    /// The record at word `i`: its header, entries and size in words.
    fn record(&self, i: usize) -> (u32, &[u32], usize) {
        let head = self.words[i];
        let len = (head & 0xFF) as usize;
        (head, &self.words[i + 1..i + 1 + len], 1 + len)
    }

    /// The records as `(bucket, tag, entries)`, in layout order.
    fn each_record(&self) -> impl Iterator<Item = (u32, u32, &[u32])> {
        (0..self.starts.len() - 1).flat_map(move |b| {
            let (mut i, end) = (self.starts[b] as usize, self.starts[b + 1] as usize);
            std::iter::from_fn(move || {
                (i < end).then(|| {
                    let (head, entries, size) = self.record(i);
                    i += size;
                    (b as u32, head >> 8, entries)
                })
            })
        })
    }

    /// [`Self::each_record`], collected.
    fn records(&self) -> Vec<Record> {
        self.each_record().map(|(b, t, e)| (b, t, e.to_vec())).collect()
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
        let (mut i, end) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        while i < end {
            let head = self.words[i];
            if head >> 8 == tag(h) {
                return true;
            }
            i += 1 + (head & 0xFF) as usize;
        }
        false
    }

    /// Adds the (8-bit) weights of every feature in `feats` to `scores`
    /// (`scores.len()` must be at least [`Self::n_classes`]; extra entries
    /// are untouched).
    #[inline]
    pub fn score<const F: usize>(&self, feats: &[u64; F], scores: &mut [i32]) {
        if self.exact {
            self.score_exact(feats, scores);
            return;
        }
        match &self.index {
            Index::Quad(p) => {
                // Four 8-bit weights are added as 16-bit lanes of two words
                // (classes 0 and 2, 1 and 3), each weight offset by 128 so
                // no lane goes negative: a fifth of the instructions of
                // adding them one by one. 256 offset weights fit a lane.
                for chunk in feats.chunks(256) {
                    let (mut even, mut odd) = (0u32, 0u32);
                    for &h in chunk {
                        let data = p.get(h) ^ 0x8080_8080;
                        even += data & 0x00FF_00FF;
                        odd += (data >> 8) & 0x00FF_00FF;
                    }
                    let offset = 128 * chunk.len() as i32;
                    let lanes = [even & 0xFFFF, odd & 0xFFFF, even >> 16, odd >> 16];
                    for (s, lane) in scores[..self.n_classes].iter_mut().zip(lanes) {
                        *s += lane as i32 - offset;
                    }
                }
            }
            // The accumulator is cleared on every call: size it to the table.
            Index::Rows(p, rows, dense) => match self.n_classes {
                0..=16 => self.score_rows::<F, 16>(p, rows, dense, feats, scores),
                17..=64 => self.score_rows::<F, 64>(p, rows, dense, feats, scores),
                _ => self.score_rows::<F, 128>(p, rows, dense, feats, scores),
            },
        }
    }

    /// A copy that scores with the stored 16-bit weights, by scanning
    /// buckets: several times slower. The trainer makes its decisions (the
    /// jackknifed tags the parser learns from, the epoch it keeps) with it,
    /// so they do not depend on how the index rounds.
    pub fn exact(&self) -> Weights {
        Weights { exact: true, ..self.clone() }
    }

    fn score_exact(&self, feats: &[u64], scores: &mut [i32]) {
        let mask = self.starts.len() - 2;
        for &h in feats {
            let b = h as usize & mask;
            let (mut i, end) = (self.starts[b] as usize, self.starts[b + 1] as usize);
            while i < end {
                let (head, entries, size) = self.record(i);
                if head >> 8 == tag(h) {
                    for &e in entries {
                        scores[(e >> 16) as usize] += i32::from(e as u16 as i16);
                    }
                    break;
                }
                i += size;
            }
        }
    }

    /// [`Self::score`] for an [`Index::Rows`] table, with an accumulator of
    /// `N` classes (a power of two above the classes, so masking a class
    /// with `N - 1` keeps it and saves the bounds check).
    #[inline]
    fn score_rows<const F: usize, const N: usize>(
        &self,
        p: &Perfect,
        rows: &[u16],
        dense: &[Dense],
        feats: &[u64; F],
        scores: &mut [i32],
    ) {
        // First every lookup, with no branch, so all the cache misses are
        // in flight together; a mispredicted branch among them (long rows
        // are common and unpredictable) would restart the ones behind it.
        let mut found = [0u32; F];
        for (d, &h) in found.iter_mut().zip(feats) {
            *d = p.get(h);
        }
        let mut acc = [0i32; N];
        let add = |acc: &mut [i32; N], e: u16| {
            acc[usize::from(e >> 8) & (N - 1)] += i32::from(e as u8 as i8);
        };
        for data in found {
            // Short rows (and misses, 0) are in the slot: add them with no branch.
            let short = std::hint::select_unpredictable(data & LONG == 0, data, 0);
            add(&mut acc, short as u16);
            add(&mut acc, (short >> 16) as u16);
            if data & LONG != 0 {
                let (at, len) = ((data & 0xFF_FFFF) as usize, (data >> 24 & 0x7F) as usize);
                if len == 0 {
                    if let Some(row) = dense.get(at) {
                        acc.iter_mut().zip(&row.0).for_each(|(a, &w)| *a += i32::from(w));
                    }
                } else {
                    rows.get(at..at + len)
                        .unwrap_or_default()
                        .iter()
                        .for_each(|&e| add(&mut acc, e));
                }
            }
        }
        for (s, a) in scores[..self.n_classes].iter_mut().zip(acc) {
            *s += a;
        }
    }

    /// Format: class count, bucket count, record count, entry count; then
    /// records per bucket (`u8`), record headers (`u32`), entry classes
    /// (`u8`) and entry weights (`i16`); then the index's slot count and
    /// pilots (`u16` per bucket).
    pub(crate) fn write(&self, w: &mut Writer) {
        let n_buckets = self.starts.len() - 1;
        let mut counts = vec![0u8; n_buckets];
        let mut headers = Vec::with_capacity(self.n_features);
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        for (b, count) in counts.iter_mut().enumerate() {
            let (mut i, end) = (self.starts[b] as usize, self.starts[b + 1] as usize);
            while i < end {
                let (head, entries, size) = self.record(i);
                *count = count.saturating_add(1);
                headers.push(head);
                for &e in entries {
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
        let (Index::Quad(p) | Index::Rows(p, _, _)) = &self.index;
        w.len(p.slots.len());
        w.u16s(&p.pilots);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Weights, ModelError> {
        let n_classes = r.len()?;
        if n_classes == 0 || n_classes > MAX_CLASSES {
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
        let n_slots = r.len()?;
        // At least a slot per record, and not absurdly many (a corrupt
        // count must not allocate gigabytes).
        if n_slots < n_records.max(1) || n_slots > 4 * n_records + 64 {
            return Err(ModelError::Corrupt("weight index size"));
        }
        let pilots = r.u16s(n_buckets)?;
        out.finish(n_buckets, Some((pilots, n_slots)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scores the records of `w` give each feature, at 8 bits.
    fn expected(w: &Weights) -> impl Fn(u64) -> Vec<i32> + '_ {
        let quantise = quantiser(w.each_record().flat_map(|r| r.2));
        let records = w.records();
        let by_key: HashMap<(u32, u32), Vec<u32>> =
            records.into_iter().map(|(b, t, e)| ((b, t), e)).collect();
        move |h| {
            let mut s = vec![0i32; w.n_classes];
            let key = ((h as usize & (w.starts.len() - 2)) as u32, tag(h));
            for &e in by_key.get(&key).into_iter().flatten() {
                s[(e >> 16) as usize] += i32::from(quantise(e));
            }
            s
        }
    }

    #[test]
    fn score_and_round_trip() {
        let w = Weights::from_rows(
            3,
            vec![(1u64 << 40, vec![(0, 1.0), (2, -0.5)]), (7, vec![(1, 2.0)])],
        )
        .unwrap();
        let mut s = [0i32; 3];
        w.score(&[1u64 << 40, 12345 << 32], &mut s);
        assert_eq!(s, [63, 0, -32]);
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
        assert_eq!(p.records(), w.records());
        for (h, _) in &rows {
            let (mut a, mut b) = ([0i32; 2], [0i32; 2]);
            w.score(&[*h], &mut a);
            p.score(&[*h], &mut b);
            assert_eq!(a, b);
        }
        // Class 0 weights reach 32000; only those of at least half survive.
        let kept: Vec<u32> = big.records().into_iter().flat_map(|r| r.2).collect();
        assert_eq!(kept.len(), 201);
        assert!(kept.iter().all(|&e| e >> 16 == 0 && (e as u16 as i16) >= 16_000));
        assert_eq!(big.stats().0, 201);
    }

    #[test]
    fn rows_of_every_length_score_like_their_records() {
        // Rows of 1 to 40 entries (in the slot, and in the row store), over 40 classes.
        let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=40u64)
            .map(|i| {
                let row = (0..i as u16).map(|c| (c, (c as f32 - 7.5) * i as f32)).collect();
                (crate::hash::finish(i), row)
            })
            .collect();
        let w = Weights::from_rows(40, rows.clone()).unwrap();
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).unwrap();
        assert_eq!(w.records(), back.records());
        assert_eq!(w.stats(), back.stats());
        let feats: [u64; 40] = std::array::from_fn(|i| rows[i].0);
        let (mut a, mut b) = ([0i32; 40], [0i32; 40]);
        w.score(&feats, &mut a);
        back.score(&feats, &mut b);
        assert_eq!(a, b);
        let expected = expected(&w);
        let mut sum = [0i32; 40];
        for f in &feats {
            let mut one = [0i32; 40];
            w.score(&[*f], &mut one);
            assert_eq!(one.to_vec(), expected(*f));
            sum.iter_mut().zip(one).for_each(|(s, o)| *s += o);
        }
        assert_eq!(a, sum);
        // The exact copy adds the 16-bit weights as stored.
        let exact = w.exact();
        for (f, (_, row)) in feats.iter().zip(&rows) {
            let mut s = [0i32; 40];
            exact.score(&[*f], &mut s);
            let records = w.records();
            let (_, _, entries) = records.iter().find(|r| r.1 == tag(*f)).unwrap();
            assert_eq!(s.iter().filter(|&&x| x != 0).count(), entries.len().min(row.len()));
            for &e in entries {
                assert_eq!(s[(e >> 16) as usize], i32::from(e as u16 as i16));
            }
        }
        // The longest row has weights of both signs.
        let mut long = [0i32; 40];
        w.score(&[feats[39]], &mut long);
        assert!(long[0] < 0 && long[15] > 0 && long[39] > 0);
    }

    #[test]
    fn perfect_index_scores_like_the_records() {
        // Enough features that pilots are searched for, and pairs that
        // share a tag (the hash's top 24 bits) but not a bucket.
        for n_classes in [4, 30] {
            let rows: Vec<(u64, Vec<(u16, f32)>)> = (1..=6000u64)
                .map(|i| {
                    let low = crate::hash::finish(i) & 0xFF_FFFF_FFFF;
                    let high = crate::hash::finish(i / 2) & !0xFF_FFFF_FFFF;
                    let c = (i % n_classes) as u16;
                    let (x, y) = (1.0 + (i % 7) as f32, -1.0 - (i % 5) as f32);
                    let row = vec![(c, x), ((c + 1) % n_classes as u16, y)];
                    (high | low, row)
                })
                .collect();
            let w = Weights::from_rows(n_classes as usize, rows.clone()).unwrap();
            assert_eq!(matches!(w.index, Index::Quad(_)), n_classes == 4);
            let expected = expected(&w);
            let misses = (0..2000).map(|i| crate::hash::finish(i + 9000));
            for h in rows.iter().map(|r| r.0).chain(misses) {
                let mut s = [0i32; 30];
                w.score(&[h], &mut s);
                assert_eq!(s[..n_classes as usize], expected(h)[..], "feature {h:x}");
            }
            assert!(rows.iter().all(|r| expected(r.0).iter().any(|&s| s != 0)));
            // Many features at once (more than one 256-feature chunk of the
            // move model's lane sums) add up to their single scores.
            let feats: [u64; 1000] = std::array::from_fn(|i| rows[i * 6].0);
            let mut all = [0i32; 30];
            w.score(&feats, &mut all);
            let mut sum = vec![0i32; n_classes as usize];
            for f in feats {
                sum.iter_mut().zip(expected(f)).for_each(|(s, e)| *s += e);
            }
            assert_eq!(all[..n_classes as usize], sum[..]);
        }
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
        assert!(Weights::from_rows(MAX_CLASSES + 1, Vec::new()).is_err());
    }

    #[test]
    fn stored_pilots_are_checked() {
        let rows: Vec<(u64, Vec<(u16, f32)>)> =
            (1..=3000u64).map(|i| (crate::hash::finish(i), vec![((i % 4) as u16, 1.0)])).collect();
        let w = Weights::from_rows(4, rows).unwrap();
        let mut out = Writer::default();
        w.write(&mut out);
        assert!(Weights::read(&mut Reader::new(&out.buf)).is_ok());
        // The pilots end the table: make them all equal, so records collide.
        let n_pilots = w.starts.len() - 1;
        let at = out.buf.len() - 2 * n_pilots;
        out.buf[at..].fill(0);
        assert_eq!(
            Weights::read(&mut Reader::new(&out.buf)).unwrap_err(),
            ModelError::Corrupt("weight index")
        );
    }
}
