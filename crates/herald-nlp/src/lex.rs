//! Per-token lexical features, hashed once per token and shared by the
//! tagger and the parser.

use crate::hash;

/// Hash standing for "no token here" (before the start or past the end).
pub const NONE: u64 = 0x5EED_0000_0000_0001;

/// Hashed lexical properties of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// Exact form.
    pub exact: u64,
    /// Lowercased form with ASCII digits mapped to `0`.
    pub norm: u64,
    /// Word shape: `Xxxx`, `dd`, `X.X.` (runs longer than four collapsed).
    pub shape: u64,
    /// First character of the lowercased form.
    pub prefix1: u64,
    /// Last one, two, three and four characters of the normalised form.
    pub suffix: [u64; 4],
}

impl Lex {
    /// The lexical features of a missing token.
    pub const NONE: Lex =
        Lex { exact: NONE, norm: NONE, shape: NONE, prefix1: NONE, suffix: [NONE; 4] };

    /// Computes the features of `word` without allocating, in one pass
    /// over its normalised characters (over its bytes if it is ASCII, as
    /// almost every token of English news is).
    pub fn new(word: &str) -> Lex {
        if word.is_ascii() {
            Lex::ascii(word.as_bytes())
        } else {
            Lex::general(word)
        }
    }

    fn general(word: &str) -> Lex {
        let norm_chars =
            word.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_ascii_digit() { '0' } else { c });
        let mut norm: u64 = hash::chars([]);
        let mut first = None;
        // The last four characters, most recent first.
        let mut last = ['\0'; 4];
        let mut n = 0;
        for c in norm_chars {
            norm = hash::chars_step(norm, c);
            first.get_or_insert(c);
            last = [c, last[0], last[1], last[2]];
            n += 1;
        }
        Lex::assemble(hash::chars(word.chars()), norm, shape(word), first, last, n)
    }

    /// [`Lex::new`] for an ASCII word: the same hashes, computed in a
    /// single loop without Unicode case tables.
    fn ascii(word: &[u8]) -> Lex {
        let (mut exact, mut norm) = (hash::chars([]), hash::chars([]));
        let mut last = ['\0'; 4];
        let mut shape = ShapeHash::default();
        for &b in word {
            exact = hash::chars_step(exact, char::from(b));
            let c = match b.to_ascii_lowercase() {
                b'0'..=b'9' => '0',
                l => char::from(l),
            };
            norm = hash::chars_step(norm, c);
            last = [c, last[0], last[1], last[2]];
            shape.push(match b {
                b'A'..=b'Z' => 'X',
                b'a'..=b'z' => 'x',
                b'0'..=b'9' => 'd',
                _ => char::from(b),
            });
        }
        let first = word.first().map(|&b| match b.to_ascii_lowercase() {
            b'0'..=b'9' => '0',
            l => char::from(l),
        });
        Lex::assemble(exact, norm, shape.h, first, last, word.len())
    }

    /// The features from the hashes of the exact and normalised forms and
    /// the shape, and the first, last four and number of normalised characters.
    fn assemble(
        exact: u64,
        norm: u64,
        shape: u64,
        first: Option<char>,
        last: [char; 4],
        n: usize,
    ) -> Lex {
        // Suffixes are hashed back to front; only equality matters.
        let mut suffix = [0u64; 4];
        let mut h = hash::chars([]);
        for (k, s) in suffix.iter_mut().enumerate() {
            if k < n {
                h = hash::chars_step(h, last[k]);
            }
            *s = hash::mix(k as u64 + 1, h);
        }
        Lex { exact, norm, shape, prefix1: hash::mix(7, hash::chars(first)), suffix }
    }
}

/// Running hash of a word shape: classes of characters, runs longer than
/// four collapsed.
struct ShapeHash {
    h: u64,
    last: char,
    run: u32,
}

impl Default for ShapeHash {
    fn default() -> ShapeHash {
        ShapeHash { h: 0x1234_5678, last: '\0', run: 0 }
    }
}

impl ShapeHash {
    #[inline]
    fn push(&mut self, s: char) {
        if s == self.last {
            self.run += 1;
        } else {
            self.run = 1;
            self.last = s;
        }
        if self.run <= 4 {
            self.h = hash::mix(self.h, u64::from(s));
        }
    }
}

fn shape(word: &str) -> u64 {
    let mut shape = ShapeHash::default();
    for c in word.chars() {
        shape.push(if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        });
    }
    shape.h
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn ascii_path_matches_the_general_one(w in "[\\x00-\\x7f]{0,12}") {
            let (a, g) = (Lex::ascii(w.as_bytes()), Lex::general(&w));
            prop_assert_eq!(
                (a.exact, a.norm, a.shape, a.prefix1, a.suffix),
                (g.exact, g.norm, g.shape, g.prefix1, g.suffix)
            );
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(Lex::new("Troops").norm, Lex::new("troops").norm);
        assert_ne!(Lex::new("Troops").exact, Lex::new("troops").exact);
        assert_eq!(Lex::new("1999").norm, Lex::new("2001").norm);
        assert_eq!(Lex::new("attacked").suffix[1], Lex::new("killed").suffix[1]);
        assert_eq!(Lex::new("Washington").shape, Lex::new("Washingtonian").shape);
        assert_ne!(Lex::new("Washington").shape, Lex::new("washington").shape);
        let _ = Lex::new("");
        let _ = Lex::new("Ünïcödé—");
    }

    #[test]
    fn one_pass_matches_the_definitions() {
        // The model's weights are keyed by these hashes: they must not drift.
        let norm = |w: &str| -> Vec<char> {
            w.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect()
        };
        for w in [
            "",
            "a",
            "US",
            "1999",
            "Troops",
            "İstanbul",
            "ΣΟΦΙΑ",
            "can't",
            "x7Y",
            "ﬁnal",
            "U.S.",
            "AAAAAAbbbbbb",
            "--",
            "$",
            "Mid-1990s",
            "@herald_2026",
            "\u{7f}~",
        ] {
            let n = norm(w);
            let lex = Lex::new(w);
            assert_eq!(lex.exact, hash::chars(w.chars()), "{w}");
            assert_eq!(lex.shape, shape(w), "{w}");
            assert_eq!(lex.norm, hash::chars(n.iter().copied()), "{w}");
            assert_eq!(lex.prefix1, hash::mix(7, hash::chars(n.iter().copied().take(1))), "{w}");
            for k in 0..4 {
                let h = hash::chars(n.iter().rev().copied().take(k + 1));
                assert_eq!(lex.suffix[k], hash::mix(k as u64 + 1, h), "{w} suffix {k}");
            }
        }
    }
}
