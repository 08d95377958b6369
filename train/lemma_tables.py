"""Flattens spacy-lookups-data's English rule-lemmatiser tables to TSV.

Lines: "rule<TAB>pos<TAB>old<TAB>new", "exc<TAB>pos<TAB>form<TAB>lemma",
"index<TAB>pos<TAB>lemma". The tables are WordNet 3.0 derived (see the
package's en_license.txt); the trainer packs them into the model file.
"""
import gzip
import json
import os
import sys

src, outp = sys.argv[1], sys.argv[2]


def load(name):
    with gzip.open(os.path.join(src, name), "rt", encoding="utf-8") as f:
        return json.load(f)


with open(outp, "w", encoding="utf-8") as out:
    for pos, rules in load("en_lemma_rules.json.gz").items():
        for old, new in rules:
            out.write("rule\t%s\t%s\t%s\n" % (pos, old, new))
    for pos, exc in load("en_lemma_exc.json.gz").items():
        for form, lemmas in exc.items():
            for lemma in lemmas:
                out.write("exc\t%s\t%s\t%s\n" % (pos, form, lemma))
    for pos, words in load("en_lemma_index.json.gz").items():
        for w in words:
            out.write("index\t%s\t%s\n" % (pos, w))
