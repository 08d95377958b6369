"""Chooses the gold documents and splits once; kept to show how they were chosen.

Candidates: every document of the Lee corpus (lee_background.cor, lee.cor; exact
duplicates by their first 300 characters dropped, the first kept) and the AFP news
sentences of the Gigaword sample (the sample's other entries are test sentences
written by PETRARCH's authors, not news). A document is political when at least
three words of a fixed list of political terms occur in it; every political
document is coded, and 20 others (sport, weather, business) so that text
without events is scored too. Splits are by document with a fixed seed: the
test split takes lee.cor, the Gigaword sentences and a third of the
lee_background documents; dev takes the rest.

    python3 eval/choose_docs.py SENTENCES_BIN     # writes eval/gold/docs.jsonl and empty codings
"""
import json
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

POLITICAL = re.compile(
    r"\b(government|minister|president|premier|troops|soldiers|army|military|militants?|militia"
    r"|rebels?|guerrillas?|police|forces|officials?|parliament|opposition|talks|negotiat\w+"
    r"|united nations|UN|U\.N\.|security council|embass\w+|ambassador|sanctions?|taliban|hamas"
    r"|qaeda|israel\w*|palestin\w*|attack\w*|bomb\w*|war|cease-?fire|court|arrest\w*|protest\w*"
    r"|refugees?|asylum|treaty|agreement|summit|diplomat\w*|leader)\b",
    re.I,
)


def main(splitter):
    docs, seen = [], set()
    for doc, text, date in corpus.all_docs():
        if doc.startswith("gigaword:") and not doc.startswith("gigaword:AFP"):
            continue
        if text[:300] in seen:
            continue
        seen.add(text[:300])
        docs.append((doc, text, date))
    rng = random.Random(13)
    political = [d for d in docs if len(POLITICAL.findall(d[1])) >= 3]
    others = [d for d in docs if len(POLITICAL.findall(d[1])) < 3]
    chosen = political + rng.sample(others, 20)
    split = {}
    background = [d[0] for d in chosen if d[0].startswith("lee_background:")]
    rng.shuffle(background)
    for i, doc in enumerate(background):
        split[doc] = "test" if i % 3 == 0 else "dev"
    for doc, _, _ in chosen:
        split.setdefault(doc, "test")
    chosen.sort(key=lambda d: [d[0].split(":")[0]] + [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", d[0].split(":", 1)[1])])
    spans = subprocess.run(
        [splitter], input="\n".join(d[1] for d in chosen).encode() + b"\n",
        capture_output=True, check=True,
    ).stdout.decode().splitlines()
    by_doc = {}
    for line in spans:
        n, s, e = map(int, line.split("\t"))
        by_doc.setdefault(n, []).append((s, e))
    os.makedirs(corpus.GOLD, exist_ok=True)
    with open(os.path.join(corpus.GOLD, "docs.jsonl"), "w") as out:
        for doc, text, date in chosen:
            out.write(json.dumps({"doc": doc, "sha256": corpus.sha256(text), "split": split[doc]}) + "\n")
    for name in ("dev", "test"):
        with open(os.path.join(corpus.GOLD, f"{name}.jsonl"), "w") as out:
            for n, (doc, text, date) in enumerate(chosen):
                if split[doc] != name:
                    continue
                for k, (s, e) in enumerate(by_doc[n]):
                    b = text.encode("utf-8")
                    sent = b[s:e].decode("utf-8")
                    out.write(json.dumps({"doc": doc, "sent": k + 1, "start": s, "end": e,
                                          "sha256": corpus.sha256(sent), "events": []}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
