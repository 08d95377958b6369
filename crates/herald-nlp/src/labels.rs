//! Penn Treebank tags and ClearNLP dependency labels, as produced by spaCy's
//! English models. Both are small `Copy` enums so analyses stay compact.

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in discriminant order (the model stores indices into this).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The conventional spelling, e.g. as printed by spaCy.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Parses the conventional spelling; `None` for unknown strings.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// Index of this value in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }

            /// Value at `i` in [`Self::ALL`], if any.
            pub fn from_index(i: usize) -> Option<$name> {
                $name::ALL.get(i).copied()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// A Penn Treebank part-of-speech tag (spaCy's English tag set).
    Tag {
        /// `$`
        Dollar = "$",
        /// closing quotation mark
        CloseQuote = "''",
        /// `,`
        Comma = ",",
        /// left bracket
        Lrb = "-LRB-",
        /// right bracket
        Rrb = "-RRB-",
        /// sentence-final punctuation
        Period = ".",
        /// colon, semicolon, dash
        Colon = ":",
        /// email, URL
        Add = "ADD",
        /// affix
        Afx = "AFX",
        /// coordinating conjunction
        Cc = "CC",
        /// cardinal number
        Cd = "CD",
        /// determiner
        Dt = "DT",
        /// existential there
        Ex = "EX",
        /// foreign word
        Fw = "FW",
        /// hyphen
        Hyph = "HYPH",
        /// preposition or subordinating conjunction
        In = "IN",
        /// adjective
        Jj = "JJ",
        /// comparative adjective
        Jjr = "JJR",
        /// superlative adjective
        Jjs = "JJS",
        /// list item marker
        Ls = "LS",
        /// modal
        Md = "MD",
        /// superfluous punctuation
        Nfp = "NFP",
        /// singular noun
        Nn = "NN",
        /// singular proper noun
        Nnp = "NNP",
        /// plural proper noun
        Nnps = "NNPS",
        /// plural noun
        Nns = "NNS",
        /// predeterminer
        Pdt = "PDT",
        /// possessive ending
        Pos = "POS",
        /// personal pronoun
        Prp = "PRP",
        /// possessive pronoun
        PrpS = "PRP$",
        /// adverb
        Rb = "RB",
        /// comparative adverb
        Rbr = "RBR",
        /// superlative adverb
        Rbs = "RBS",
        /// particle
        Rp = "RP",
        /// symbol
        Sym = "SYM",
        /// infinitival to
        To = "TO",
        /// interjection
        Uh = "UH",
        /// verb, base form
        Vb = "VB",
        /// verb, past tense
        Vbd = "VBD",
        /// verb, gerund or present participle
        Vbg = "VBG",
        /// verb, past participle
        Vbn = "VBN",
        /// verb, non-3rd person singular present
        Vbp = "VBP",
        /// verb, 3rd person singular present
        Vbz = "VBZ",
        /// wh-determiner
        Wdt = "WDT",
        /// wh-pronoun
        Wp = "WP",
        /// possessive wh-pronoun
        WpS = "WP$",
        /// wh-adverb
        Wrb = "WRB",
        /// unknown
        Xx = "XX",
        /// whitespace
        Sp = "_SP",
        /// opening quotation mark
        OpenQuote = "``",
    }
}

impl Tag {
    /// True for punctuation tags (the ones spaCy attaches with `punct`).
    pub fn is_punct(self) -> bool {
        matches!(
            self,
            Tag::CloseQuote
                | Tag::OpenQuote
                | Tag::Comma
                | Tag::Lrb
                | Tag::Rrb
                | Tag::Period
                | Tag::Colon
                | Tag::Hyph
                | Tag::Nfp
        )
    }

    /// True for verb tags (VB, VBD, VBG, VBN, VBP, VBZ, MD).
    pub fn is_verb(self) -> bool {
        matches!(self, Tag::Vb | Tag::Vbd | Tag::Vbg | Tag::Vbn | Tag::Vbp | Tag::Vbz | Tag::Md)
    }
}

string_enum! {
    /// A ClearNLP-style dependency label (spaCy's English label set).
    Dep {
        /// root of the sentence
        Root = "ROOT",
        /// clausal modifier of noun
        Acl = "acl",
        /// adjectival complement
        Acomp = "acomp",
        /// adverbial clause modifier
        Advcl = "advcl",
        /// adverbial modifier
        Advmod = "advmod",
        /// agent (by-phrase of a passive)
        Agent = "agent",
        /// adjectival modifier
        Amod = "amod",
        /// appositional modifier
        Appos = "appos",
        /// attribute (copula complement)
        Attr = "attr",
        /// auxiliary
        Aux = "aux",
        /// passive auxiliary
        Auxpass = "auxpass",
        /// case marker
        Case = "case",
        /// coordinating conjunction
        Cc = "cc",
        /// clausal complement
        Ccomp = "ccomp",
        /// compound
        Compound = "compound",
        /// conjunct
        Conj = "conj",
        /// clausal subject
        Csubj = "csubj",
        /// clausal passive subject
        Csubjpass = "csubjpass",
        /// dative
        Dative = "dative",
        /// unclassified dependent
        Dep = "dep",
        /// determiner
        Det = "det",
        /// direct object
        Dobj = "dobj",
        /// expletive
        Expl = "expl",
        /// interjection
        Intj = "intj",
        /// marker
        Mark = "mark",
        /// meta modifier
        Meta = "meta",
        /// negation modifier
        Neg = "neg",
        /// nominal modifier
        Nmod = "nmod",
        /// noun phrase as adverbial modifier
        Npadvmod = "npadvmod",
        /// nominal subject
        Nsubj = "nsubj",
        /// passive nominal subject
        Nsubjpass = "nsubjpass",
        /// numeric modifier
        Nummod = "nummod",
        /// object predicate
        Oprd = "oprd",
        /// parataxis
        Parataxis = "parataxis",
        /// complement of preposition
        Pcomp = "pcomp",
        /// object of preposition
        Pobj = "pobj",
        /// possession modifier
        Poss = "poss",
        /// pre-correlative conjunction
        Preconj = "preconj",
        /// pre-determiner
        Predet = "predet",
        /// prepositional modifier
        Prep = "prep",
        /// particle
        Prt = "prt",
        /// punctuation
        Punct = "punct",
        /// modifier of quantifier
        Quantmod = "quantmod",
        /// relative clause modifier
        Relcl = "relcl",
        /// open clausal complement
        Xcomp = "xcomp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(Tag::parse(t.as_str()), Some(*t));
            assert_eq!(t.index(), i);
        }
        for d in Dep::ALL {
            assert_eq!(Dep::parse(d.as_str()), Some(*d));
        }
        assert_eq!(Tag::parse("nope"), None);
        assert_eq!(Tag::ALL.len(), 50);
        assert_eq!(Dep::ALL.len(), 45);
    }
}
