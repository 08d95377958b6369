"""Extracts plain English documents from the unpacked registry packages.

Writes DIR/{train,dev,test}.txt with one document per line as "id<TAB>text".
Third-party text stays in the gitignored data directory.
"""
import bz2
import html
import os
import re
import sys
import xml.etree.ElementTree as ET

src, out = sys.argv[1], sys.argv[2]
giga = sys.argv[3] if len(sys.argv) > 3 else None
td = os.path.join(src, "gensim/test/test_data")


def clean_ws(s):
    return re.sub(r"\s+", " ", s).strip()


def lee(name):
    with open(os.path.join(td, name), encoding="utf-8", errors="replace") as f:
        return [clean_ws(l) for l in f if l.strip()]


def strip_nested(text, open_, close):
    # Removes balanced {{ }} / {| |} blocks, which may nest.
    outp, depth, i = [], 0, 0
    while i < len(text):
        if text.startswith(open_, i):
            depth += 1
            i += len(open_)
        elif depth and text.startswith(close, i):
            depth -= 1
            i += len(close)
        else:
            if not depth:
                outp.append(text[i])
            i += 1
    return "".join(outp)


def wiki_paragraphs(raw):
    t = html.unescape(raw)
    t = re.sub(r"<!--.*?-->", "", t, flags=re.S)
    t = re.sub(r"<ref[^>]*/>", "", t)
    t = re.sub(r"<ref.*?</ref>", "", t, flags=re.S)
    t = strip_nested(t, "{{", "}}")
    t = strip_nested(t, "{|", "|}")
    t = re.sub(r"\[\[(?:File|Image|Category|[a-z\-]{2,12}):[^\[\]]*(?:\[\[[^\]]*\]\][^\[\]]*)*\]\]", "", t)
    t = re.sub(r"\[\[[^\]|]*\|([^\]]*)\]\]", r"\1", t)
    t = re.sub(r"\[\[([^\]]*)\]\]", r"\1", t)
    t = re.sub(r"\[https?://[^\s\]]+ ?([^\]]*)\]", r"\1", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = re.sub(r"'{2,}", "", t)
    paras = []
    for line in t.split("\n"):
        line = line.strip()
        # Keep prose paragraphs only: no headings, lists, tables or templates.
        if not line or line[0] in "=*#:;|!{}" or len(line) < 80:
            continue
        if line.count(" ") < 10 or not re.search(r"[.!?]$", line):
            continue
        paras.append(clean_ws(line))
    return paras


def wiki():
    docs = []
    path = os.path.join(td, "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2")
    with bz2.open(path) as f:
        for _, el in ET.iterparse(f):
            if el.tag.endswith("}page"):
                ns = el.find("{*}ns")
                text = el.find("{*}revision/{*}text")
                if ns is not None and ns.text == "0" and text is not None and text.text:
                    if not text.text.lstrip().upper().startswith("#REDIRECT"):
                        docs.extend(wiki_paragraphs(text.text))
                el.clear()
    return docs


def wordnet_examples():
    # Example sentences are the double-quoted parts of WordNet glosses.
    seen, out_ = set(), []
    base = os.path.join(src, "wordnet/usr/share/wordnet")
    for pos in ("verb", "noun", "adj", "adv"):
        with open(os.path.join(base, "data." + pos), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue
                gloss = line.split("|", 1)[1]
                for ex in re.findall(r'"([^"]+)"', gloss):
                    ex = clean_ws(ex)
                    if len(ex.split()) < 4 or ex in seen:
                        continue
                    seen.add(ex)
                    ex = ex[0].upper() + ex[1:]
                    if ex[-1] not in ".!?":
                        ex += "."
                    out_.append(ex)
    # Group into pseudo-documents of 20 sentences so spaCy batches well.
    return [" ".join(out_[i:i + 20]) for i in range(0, len(out_), 20)]


def gigaword(path):
    docs = []
    if not path or not os.path.exists(path):
        return docs
    for el in ET.parse(path).getroot().iter("Text"):
        if el.text and el.text.strip():
            docs.append(clean_ws(el.text))
    return docs


def main():
    os.makedirs(out, exist_ok=True)
    bg = lee("lee_background.cor")
    train_docs = [("lee_bg%03d" % i, d) for i, d in enumerate(bg[:250])]
    train_docs += [("wiki%05d" % i, d) for i, d in enumerate(wiki())]
    train_docs += [("wn%05d" % i, d) for i, d in enumerate(wordnet_examples())]
    dev_docs = [("lee_bg%03d" % (250 + i), d) for i, d in enumerate(bg[250:])]
    test_docs = [("lee%02d" % i, d) for i, d in enumerate(lee("lee.cor"))]
    test_docs += [("giga%04d" % i, d) for i, d in enumerate(gigaword(giga))]
    # Held-out text must never appear in training: drop exact duplicates.
    held = {d for _, d in dev_docs + test_docs}
    train_docs = [(i, d) for i, d in train_docs if d not in held]
    for name, docs in (("train", train_docs), ("dev", dev_docs), ("test", test_docs)):
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            for i, d in docs:
                f.write(i + "\t" + d + "\n")
        print(name, len(docs), "docs", sum(len(d.split()) for _, d in docs), "words")


main()
