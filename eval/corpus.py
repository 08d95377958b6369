"""The texts behind herald's gold event codings, fetched from where they are published.

The gold files (eval/gold/*.jsonl) hold references and our codings only; the
texts come from the pinned gensim wheel on PyPI (the Lee corpus) and from the
PETRARCH2 Gigaword sample beside the repository (../shared). This script
fetches them, checks every document against the sha256 the gold files record,
and writes them as herald JSONL stories.

    python3 eval/corpus.py fetch                     # gensim==4.3.3 from PyPI into eval/data/
    python3 eval/corpus.py stories OUT.jsonl         # the gold documents as herald stories
    python3 eval/corpus.py list                      # every candidate document: id, sha256, sentences

Documents:
  lee_background:N  line N (from 0) of gensim/test/test_data/lee_background.cor
  lee:N             line N (from 0) of gensim/test/test_data/lee.cor
  gigaword:ID       the <Text> of <Sentence id="ID"> in GigaWord.sample.PETR.xml,
                    whitespace collapsed to single spaces
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
GOLD = os.path.join(HERE, "gold")
GENSIM = "gensim==4.3.3"
LEE_DIR = "gensim/test/test_data/"
SHARED = os.environ.get("HERALD_SHARED", os.path.join(HERE, "..", "..", "shared"))
GIGAWORD = os.path.join(SHARED, "reference", "petrarch2", "GigaWord.sample.PETR.xml")


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fetch():
    os.makedirs(DATA, exist_ok=True)
    wheels = [f for f in os.listdir(DATA) if f.startswith("gensim-4.3.3-") and f.endswith(".whl")]
    if not wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
             GENSIM, "-d", DATA],
            check=True,
        )
        wheels = [f for f in os.listdir(DATA) if f.startswith("gensim-4.3.3-")]
    with zipfile.ZipFile(os.path.join(DATA, wheels[0])) as z:
        for name in ("lee_background.cor", "lee.cor"):
            with open(os.path.join(DATA, name), "wb") as out:
                out.write(z.read(LEE_DIR + name))


def lee_docs(name):
    path = os.path.join(DATA, name + ".cor")
    if not os.path.exists(path):
        sys.exit(f"{path} missing: run `python3 eval/corpus.py fetch` first")
    with open(path, "rb") as f:
        for n, raw in enumerate(f):
            # lee.cor has a few Latin-1 bytes (a pound sign).
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252")
            yield f"{name}:{n}", line.rstrip(), None


def gigaword_docs():
    if not os.path.exists(GIGAWORD):
        sys.exit(f"{GIGAWORD} missing (set HERALD_SHARED to the directory holding reference/)")
    for s in ET.parse(GIGAWORD).getroot().iter("Sentence"):
        text = " ".join(s.find("Text").text.split())
        d = s.get("date", "").strip()
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if re.fullmatch(r"\d{8}", d) else None
        yield f"gigaword:{s.get('id').strip()}", text, date


def all_docs():
    yield from lee_docs("lee_background")
    yield from lee_docs("lee")
    yield from gigaword_docs()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def stories(out_path):
    wanted = {d["doc"]: d for d in read_jsonl(os.path.join(GOLD, "docs.jsonl"))}
    found = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for doc, text, date in all_docs():
            ref = wanted.get(doc)
            if ref is None:
                continue
            if sha256(text) != ref["sha256"]:
                sys.exit(f"{doc}: text differs from the gold reference (sha256 mismatch)")
            story = {"id": doc, "text": text}
            if date:
                story["date"] = date
            out.write(json.dumps(story, ensure_ascii=False) + "\n")
            found += 1
    if found != len(wanted):
        missing = sorted(set(wanted) - {d for d, _, _ in all_docs()})
        sys.exit(f"{len(wanted) - found} gold documents not found: {missing[:5]}")
    print(f"{found} stories written to {out_path}", file=sys.stderr)


def list_docs():
    for doc, text, date in all_docs():
        print(json.dumps({"doc": doc, "sha256": sha256(text), "date": date, "chars": len(text)}))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "fetch":
        fetch()
    elif cmd == "stories" and len(sys.argv) == 3:
        stories(sys.argv[2])
    elif cmd == "list":
        list_docs()
    else:
        sys.exit(__doc__)
