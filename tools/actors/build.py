#!/usr/bin/env python3
"""Builds herald's table of named people and named non-state groups,
crates/herald-dict/data/actors.tsv, from two kinds of facts:

* the PETRARCH/Phoenix actor dictionaries (MIT licence), read where they
  lie beside the repository (../shared/reference/petrarch2, or
  $HERALD_SHARED/reference/petrarch2, or --phoenix DIR): leaders with
  their dated role codes, defence and security ministers, IGO heads,
  and named armed groups. Only facts (names, codes, dates) carry over;
  nothing of the files' text or layout does.
* our own tables in this directory: supplement.tsv (people and their
  offices from our knowledge, mainly 2014 to today), groups.tsv (our
  decisions on groups: countries, codes, spellings, groups Phoenix lacks)
  and not_distinctive.txt (words that may not stand alone as a name).

    python3 tools/actors/build.py            # writes actors.tsv and tools/actors/report.txt
    python3 tools/actors/build.py --check    # fails if actors.tsv is not what the inputs give

Python 3.11, standard library only. See tools/actors/README.md.
"""
import argparse
import collections
import datetime as dt
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "crates", "herald-dict", "data")
OUT = os.path.join(DATA, "actors.tsv")
REPORT = os.path.join(HERE, "report.txt")
SHARED = os.environ.get("HERALD_SHARED", os.path.join(ROOT, "..", "shared"))
PHOENIX = os.path.join(SHARED, "reference", "petrarch2")

# Phoenix facts stop where the dictionaries were last revised: a code
# without an end date ("in office") is known to hold up to then only.
PHOENIX_KNOWN_UNTIL = dt.date(2014, 12, 31)
# The table covers offices held from here on; earlier ones are history.
SPAN_START = dt.date(1990, 1, 1)
# KEDS/TABARI/PETRARCH two-digit years: 00-30 are 20YY, 31-99 19YY.
TWO_DIGIT_PIVOT = 30

# Roles of supplement.tsv, and how they rank when choosing the code an
# undated story gets (the office a person is known for).
ROLE_RANK = {"hos": 3, "hog": 3, "igo": 3, "grp": 3, "vp": 2, "fm": 2, "dm": 2, "mil": 2,
             "gov": 2, "phoenix": 2, "home": 0, "died": 0}

# US sections of Phoenix.Countries whose people are outside the table's
# scope (attorneys general, central bankers, ...): from one of these
# headers to the next header listed here.
US_SECTIONS = {
    "U.S. Presidents": True, "Vice Presidents of the United States": True, "???": True,
    "U.S. Secretaries of State": True, "United States Secretaries of Defense": True,
    "U.S. Attorneys General": False, "U.S. Secretaries of Homeland Security": False,
    "U.S. Ambassadors to the UN": False, "White House Chiefs of Staff": False,
    "US National Security Advisors": True, "US Trade Representative": False,
    "US Directors of Central(National) Intelligence": False, "Federal Reserve Board": False,
    "US news organizations ??": True,
}

# Words that open a title before a name in Phoenix phrases
# ("PRIME_MINISTER_VLADIMIR_PUTIN_"): herald's coder reads titles itself.
TITLE_WORDS = {
    "president", "prime", "minister", "vice", "general", "gen.", "gen", "secretary-general",
    "secretary", "foreign", "defense", "defence", "of", "the", "un", "u.n.", "united",
    "nations", "communist", "leader", "king", "queen", "mr.", "mrs.", "dr.", "acting",
    "chancellor", "premier", "lord", "sir", "baron", "state", "us", "u.s.", "former",
    "chairman", "party", "supreme", "emir", "sultan", "crown", "prince", "colonel", "col.",
    "field", "marshal", "admiral", "adm.", "lt.", "lieutenant", "major", "gen.", "senator",
    "sen.", "governor", "gov.", "mayor", "ayatollah", "grand", "deputy", "interim",
}


# Lower-case particles that may open a name ("al Qaeda", "bin Laden").
PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "an", "ar", "bin", "ibn", "bint",
             "abu", "de", "da", "di", "du", "van", "von", "der", "la", "le", "dos", "das",
             "del", "ul", "ud"}


class BuildError(Exception):
    """A defect in one of our input tables, reported with file and line."""


# ---------------------------------------------------------------- helpers

def fold(text):
    """The form names are compared in: no accents, lower case, hyphens and
    dots as blanks, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace("-", " ").replace(".", " ")
    return " ".join(text.split())


def phrase_key(text):
    """A name as herald's actor trie tells names apart: case and
    typographic apostrophes folded, accents and hyphens kept."""
    return " ".join(text.lower().replace("’", "'").split())


def ascii_form(text):
    """A name without accents ("António Guterres" -> "Antonio Guterres"),
    as much news text writes it."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def title_case(word):
    """A Phoenix word (upper case) as a name is written: "AL-ASSAD" -> "Al-Assad"."""
    if word in ("AL", "EL", "BIN", "IBN", "BEN", "DE", "DA", "DI", "VAN", "VON", "DER", "LA",
                "LE", "DOS", "DAS", "DEL", "Y", "BINT", "UL", "UD"):
        return word.lower()
    parts = re.split(r"([-'.])", word)
    out = []
    for i, part in enumerate(parts):
        # A capital after an apostrophe only in O'Brien, d'Estaing: not in
        # "People's" or "Qa'ida".
        after_apostrophe = i >= 2 and parts[i - 1] == "'"
        if after_apostrophe and len(parts[i - 2]) != 1:
            out.append(part.lower())
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return "".join(out)


def parse_day(text, end):
    """A date of supplement.tsv: YYYY-MM-DD, YYYY-MM or YYYY. A partial date
    stands for its first day as a start and its last day as an end."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        raise ValueError(f"bad date {text!r}")
    year, month, day = int(m[1]), m[2], m[3]
    if day:
        return dt.date(year, int(month), int(day))
    if month:
        first = dt.date(year, int(month), 1)
        if not end:
            return first
        nxt = dt.date(year + (int(month) == 12), int(month) % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)


def phoenix_day(text):
    """A Phoenix date, YYMMDD or YYYYMMDD; None if it is no calendar date."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= TWO_DIGIT_PIVOT else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def basic(day):
    return day.strftime("%Y%m%d") if day else ""


# ------------------------------------------------------- herald's own files

def read_tsv(path):
    """Rows of a TSV file as (line number, fields), without comments,
    blank lines and the header."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header = None
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if header is None:
                header = line
                continue
            rows.append((n, line.split("\t")))
    return rows


class Countries:
    """countries.tsv and igos.tsv: CAMEO country codes to ISO keys, and
    every phrase the embedded dictionaries already give another actor."""

    def __init__(self):
        self.iso_of_cameo = {}
        self.cameo_of_iso = {}
        self.taken = {}
        self.organisations = set()
        for _, f in read_tsv(os.path.join(DATA, "countries.tsv")):
            iso3, code = f[0].strip(), f[1].strip()
            self.iso_of_cameo[code] = iso3
            self.iso_of_cameo[iso3] = iso3
            self.cameo_of_iso[iso3] = code
            for field in f[2:5]:
                for name in field.split("|"):
                    if name.strip():
                        self.taken.setdefault(phrase_key(name), f"countries.tsv:{iso3}")
        for _, f in read_tsv(os.path.join(DATA, "igos.tsv")):
            self.organisations.add(f[0].strip())
            for name in f[2].split("|"):
                if name.strip():
                    self.taken.setdefault(phrase_key(name), f"igos.tsv:{f[0]}")
        for _, f in read_tsv(os.path.join(DATA, "agents.tsv")):
            for name in f[1].split("|"):
                if name.strip():
                    self.taken.setdefault(phrase_key(name), f"agents.tsv:{f[0]}")

    def key(self, code):
        """The country key of an actor code: ISO3, EUR for EU bodies, "" for
        IGOs and transnational groups; None if the code names no country."""
        if code.startswith("IGOEUR") and not code.startswith("IGOEURCOE") \
                and not code.startswith("IGOEUROSC"):
            return "EUR"
        if code.startswith(("IGO", "IMG", "NGO", "MNC")):
            return ""
        return self.iso_of_cameo.get(code[:3])


# ------------------------------------------------------------ Phoenix files

class PhoenixEntry:
    def __init__(self, line, phrase, comment, section):
        self.line = line
        self.phrases = [phrase]
        self.codes = []  # (code, from, to, restricted)
        self.comment = comment
        self.section = section
        self.bad = []


def read_phoenix(path):
    """The records of a PETRARCH actor file: phrases, synonyms, codes."""
    entries, cur, section = [], None, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                header = line[1:].strip()
                if header in US_SECTIONS:
                    section = header
                continue
            body, _, comment = line.partition("#")
            codes = re.findall(r"\[([^\]]*)\]", body)
            phrase = re.sub(r"\[[^\]]*\]", "", body).strip()
            if line[0] in " \t" and not phrase:
                target = cur
            elif phrase.startswith("+"):
                if cur is not None:
                    cur.phrases.append(phrase[1:].strip())
                target = cur
            else:
                cur = PhoenixEntry(n, phrase, comment.strip(), section)
                entries.append(cur)
                target = cur
            if target is None:
                continue
            for c in codes:
                parsed = phoenix_code(c)
                if parsed is None:
                    target.bad.append((n, c))
                else:
                    target.codes.append(parsed)
    return entries


def phoenix_code(text):
    """`CODE`, `CODE >date`, `CODE <date`, `CODE date-date` -> (code, from, to, restricted)."""
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,15}", parts[0]):
        return None
    code = parts[0]
    if len(parts) == 1:
        return (code, None, None, False)
    rest = "".join(parts[1:])
    if rest.startswith(">"):
        day = phoenix_day(rest[1:])
        return (code, day, None, True) if day else None
    if rest.startswith("<"):
        day = phoenix_day(rest[1:])
        return (code, None, day, True) if day else None
    a, sep, b = rest.partition("-")
    start, end = phoenix_day(a), phoenix_day(b)
    if not sep or not start or not end:
        return None
    return (code, start, end, True)


def phrase_words(phrase):
    """A Phoenix phrase's words, `_` and blanks alike, parentheticals dropped."""
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    return [w for w in re.split(r"[_\s]+", phrase) if w and w not in ("+",)]


def person_names(entry, adjectives):
    """A Phoenix person's names, titles stripped, written as names are."""
    names = []
    for phrase in entry.phrases:
        words = phrase_words(phrase)
        while len(words) > 1 and (words[0].lower() in TITLE_WORDS
                                  or words[0].lower() in adjectives):
            words = words[1:]
        if words and "," not in phrase:
            names.append(" ".join(title_case(w) for w in words))
    return names


# ------------------------------------------------------------ the model

class Period:
    __slots__ = ("code", "country", "start", "end", "role", "source")

    def __init__(self, code, country, start, end, role, source):
        self.code, self.country, self.start, self.end = code, country, start, end
        self.role, self.source = role, source

    def days(self):
        start = self.start or SPAN_START
        end = self.end or dt.date(2026, 12, 31)
        return max((end - start).days, 0)


class Actor:
    """A person or a group: names, and dated offices (people) or one code (groups)."""

    def __init__(self, key, kind):
        self.key = key
        self.kind = kind  # "person" or "group"
        self.names = []
        self.periods = []
        self.home = None
        self.died = None
        self.sources = set()
        self.leader = False  # a Phoenix leader (head of state or government)
        self.code = None     # groups
        self.country = None  # groups

    def add_names(self, names):
        for n in names:
            for form in (n, ascii_form(n)):
                if form and phrase_key(form) not in {phrase_key(x) for x in self.names}:
                    self.names.append(form)


def read_supplement(path, countries):
    """supplement.tsv: one office of one person per row."""
    people = {}
    order = []
    for n, f in read_tsv(path):
        if len(f) != 7:
            raise BuildError(f"{path}:{n}: expected 7 tab-separated fields, found {len(f)}")
        names, country, code, start, end, role, source = (x.strip() for x in f)
        names = [x.strip() for x in names.split("|") if x.strip()]
        if not names or role not in ROLE_RANK or not source:
            raise BuildError(f"{path}:{n}: bad names, role {role!r} or source {source!r}")
        key = names[0]
        person = people.get(key)
        if person is None:
            person = people[key] = Actor(key, "person")
            order.append(key)
        person.add_names(names)
        person.sources.add(source)
        try:
            first, last = parse_day(start, False), parse_day(end, True)
        except ValueError as e:
            raise BuildError(f"{path}:{n}: {e}") from e
        if role == "home":
            person.home = country
            continue
        if role == "died":
            person.died = first
            continue
        if not code:
            raise BuildError(f"{path}:{n}: an office needs a code")
        expected = countries.key(code)
        if expected is None or expected != country:
            raise BuildError(f"{path}:{n}: code {code} has country key {expected!r}, "
                             f"row says {country!r}")
        if first and last and last < first:
            raise BuildError(f"{path}:{n}: ends before it starts")
        person.periods.append(Period(code, country, first, last, role, source))
    return [people[k] for k in order]


def read_groups(path, countries):
    """groups.tsv: our decisions on named groups."""
    groups = []
    for n, f in read_tsv(path):
        if len(f) != 5:
            raise BuildError(f"{path}:{n}: expected 5 tab-separated fields, found {len(f)}")
        names, country, code, drop, source = (x.strip() for x in f)
        names = [x.strip() for x in names.split("|") if x.strip()]
        if not names or not source:
            raise BuildError(f"{path}:{n}: a group needs names and a source")
        g = Actor(names[0], "group")
        g.add_names(names)
        g.drop = {fold(x) for x in drop.split("|") if x.strip()}
        g.phoenix_names = set()
        g.sources.add(source)
        if code:
            expected = countries.key(code)
            if expected is None and not country:
                raise BuildError(f"{path}:{n}: code {code} names no country; give one")
            g.code, g.country = code, country if country or expected is None else expected
            if expected is not None and country and expected != country \
                    and not code.startswith(("IMG", "IGO")):
                raise BuildError(f"{path}:{n}: code {code} is of {expected}, row says {country}")
        elif names[0] != "-":
            g.country = country
        g.line = n
        groups.append(g)
    return groups


# ------------------------------------------------------------ Phoenix people

def is_eli(code):
    return code.endswith("ELI") and len(code) == 6


def phoenix_people(entries, countries, report, file_label, igo_file):
    """Leaders (records with ELI codes), defence and security ministers
    (GOVMIL), and for the International file IGO office holders."""
    adjectives = {n for n, v in countries.taken.items() if v.startswith("countries")}
    people = []
    for e in entries:
        offices = [c for c in e.codes if c[3] and not is_eli(c[0])]
        has_eli = any(is_eli(c[0]) for c in e.codes)
        if e.section is not None and not US_SECTIONS[e.section] \
                and all(c[0].startswith("USA") for c in e.codes):
            continue
        if igo_file:
            # Offices of the organisations herald knows (igos.tsv), not of
            # every body Phoenix lists.
            offices = [c for c in offices if c[0] in countries.organisations and len(c[0]) > 3]
            if "CoEU" in e.comment or "NGO_Actors" in e.comment:
                # Foreign ministers holding the EU Council's rotating
                # presidency stay national ministers (coding protocol, s. 4);
                # NGO_Actors are staff below the head of an organisation.
                continue
            leader = True
        elif has_eli:
            leader = True
        elif any(c[0].endswith("GOVMIL") for c in offices) and "CountryInfo" in e.comment:
            offices = [c for c in offices if c[0].endswith("GOVMIL")]
            leader = False
        else:
            continue
        if not offices:
            continue
        recent = [c for c in offices if c[2] is None or c[2] >= SPAN_START]
        if not recent:
            continue
        p = Actor(None, "person")
        names = person_names(e, adjectives)
        if not names:
            continue
        p.key = names[0]
        p.add_names(names)
        p.leader = leader
        p.sources.add("phoenix")
        p.origin = f"{file_label}:{e.line}"
        for code, start, end, _ in offices:
            country = countries.key(code)
            if country is None:
                report["phoenix codes without a country key (period left out)"].append(
                    f"{file_label}:{e.line} {code}")
                continue
            if end is None and (start is None or start <= PHOENIX_KNOWN_UNTIL):
                end = PHOENIX_KNOWN_UNTIL
                report["phoenix open-ended offices closed at the dictionaries' date"].append(
                    f"{p.key} {code}")
            rank_role = "gov" if leader and code[3:] == "GOV" and len(code) == 6 else "phoenix"
            p.periods.append(Period(code, country, start, end, rank_role, "phoenix"))
        eli = [c for c in e.codes if is_eli(c[0])]
        if eli:
            p.home = countries.key(eli[0][0])
        if has_eli and not any(not c[3] for c in e.codes):
            # A leader with no default code was not an actor after the last
            # date given: Phoenix's way of recording a death.
            ends = [c[2] for c in e.codes if c[2]]
            if ends:
                p.died = max(ends)
        for n, bad in e.bad:
            report["phoenix codes that do not parse (left out)"].append(
                f"{file_label}:{n} [{bad}]")
        if p.periods:
            people.append(p)
    return people


# ------------------------------------------------------------ merging

def merge_people(supplement, phoenix, report):
    """One actor per person. Phoenix records of one person (same full name,
    same country) are merged; a supplement person takes the Phoenix facts
    that end before the supplement's first office, and ours from there on."""
    merged = []
    index = {}

    def countries_of(p):
        return {x.country for x in p.periods} | ({p.home} if p.home else set())

    def overlap(a, b):
        """Two Phoenix records hold the same office at the same time."""
        return any(x.code == y.code and (x.start or dt.date.min) <= (y.end or dt.date.max)
                   and (y.start or dt.date.min) <= (x.end or dt.date.max)
                   for x in a.periods for y in b.periods)

    def find(p):
        for name in p.names:
            f = fold(name)
            if len(f.split()) < 2:
                continue
            for other in index.get(f, []):
                if not countries_of(other) & countries_of(p):
                    continue
                # Our people take their Phoenix records by name; two Phoenix
                # records sharing a name ("George Bush") are one person only
                # if they hold one office at one time.
                if "phoenix" not in other.sources or other.sources != {"phoenix"} \
                        or overlap(other, p):
                    return other
        return None

    def register(p):
        for name in p.names:
            index.setdefault(fold(name), []).append(p)

    for p in supplement:
        merged.append(p)
        register(p)
    for p in phoenix:
        other = find(p)
        if other is None:
            merged.append(p)
            register(p)
            continue
        if "herald" in other.sources or any(s != "phoenix" for s in other.sources):
            ours = [x for x in other.periods if x.source != "phoenix"]
            first = min((x.start for x in ours if x.start), default=None)
            kept = [x for x in p.periods if first and x.end and x.end < first]
            dropped = len(p.periods) - len(kept)
            if dropped:
                report["phoenix offices replaced by the supplement's"].append(
                    f"{other.key}: {dropped} from {p.origin}")
            other.periods.extend(kept)
            if kept:
                other.sources.add("phoenix")
            if other.home is None:
                other.home = p.home
            if other.died is None and p.died and not ours:
                other.died = p.died
            other.leader = other.leader or p.leader
        else:
            other.periods.extend(p.periods)
            other.died = max(filter(None, [other.died, p.died]), default=None)
            other.home = other.home or p.home
            other.leader = other.leader or p.leader
            report["phoenix records merged (same person)"].append(f"{other.key} <- {p.origin}")
        other.add_names(p.names)
        register(other)
    return merged


# ------------------------------------------------------------ names

def english_words(path):
    """The lower-case words of a word list (Debian's wamerican): English
    words, not names, which are capitalised there."""
    if not os.path.exists(path):
        raise BuildError(f"{path} missing: install Debian's wamerican (apt-get install "
                         "wamerican) or give --words")
    with open(path, encoding="utf-8") as f:
        return {fold(w) for w in (line.strip() for line in f) if w and w == w.lower()
                and "'" not in w}


def load_words(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(fold(line))
    return words


def check_names(actors, countries, words, not_distinctive, report):
    """Drops names that cannot stand for one actor: phrases the embedded
    dictionaries give another actor, full names shared by two actors,
    single words that are not distinctive (an English word written in lower
    case, or as a group's name not in capitals ("LeT"), a given name
    of someone in the table, a common surname, three letters or fewer),
    and Phoenix group names made only of English words ("Black Friday")."""
    given = collections.Counter()
    firsts = {}
    for a in actors:
        if a.kind != "person":
            continue
        firsts[id(a)] = {fold(n).split()[0] for n in a.names if len(fold(n).split()) >= 2}
        given.update(firsts[id(a)])
    owners = collections.defaultdict(list)
    for a in actors:
        for n in a.names:
            owners[phrase_key(n)].append(a)
    for a in actors:
        keep = []
        for n in a.names:
            f = fold(n)
            why = None
            k = phrase_key(n)
            if k in countries.taken:
                why = f"already {countries.taken[k]}"
            elif len({id(x) for x in owners[k]}) > 1:
                why = "shared by " + "; ".join(sorted({x.key for x in owners[k]}))
            elif a.kind == "group" and n in getattr(a, "phoenix_names", ()) \
                    and all(w in words for w in f.split()):
                why = "ordinary words"
            elif len(f.split()) == 1:
                # "Macron", "Tusk", "ETA": a surname or an acronym is the
                # actor where it is written with its capital(s), which the
                # coder requires of names ("Let" and "let" are no "LeT").
                proper = n.isupper() if a.kind == "group" else n[:1].isupper()
                if f in words and not proper:
                    why = "an English word"
                elif f in not_distinctive:
                    why = "not distinctive (not_distinctive.txt)"
                # "Obama Administration" does not make "Obama" a given name.
                elif a.kind == "person" and given[f] > (f in firsts[id(a)]):
                    why = "a given name of a person in the table"
                elif len(f) < 4:
                    why = "too short to stand alone"
            if why:
                report[f"names left out: {why.split(' (')[0].split(' by ')[0]}"].append(
                    f"{n!r} of {a.key}: {why}")
            else:
                keep.append(n)
        a.names = keep


# ------------------------------------------------------------ groups

def phoenix_groups(entries, countries, ours, report):
    """Named groups from Phoenix MilNonState, with our decisions applied."""
    by_name = {}
    for g in ours:
        for n in g.names:
            by_name[fold(n)] = g
    groups = []
    for e in entries:
        codes = [c for c in e.codes if not c[3]]
        names = []
        for phrase in e.phrases:
            words = phrase_words(phrase)
            if words:
                names.append(" ".join(title_case(w) for w in words))
        if not names:
            continue
        decision = next((by_name[fold(n)] for n in names if fold(n) in by_name), None)
        if decision is not None and decision.key == "-":
            report["phoenix groups left out (groups.tsv)"].append(names[0])
            continue
        if decision is not None:
            added = [n for n in names if fold(n) not in decision.drop
                     and phrase_key(n) not in {phrase_key(x) for x in decision.names}]
            decision.add_names(added)
            decision.phoenix_names.update(added)
            decision.sources.add("phoenix")
            continue
        if not codes:
            report["phoenix groups without an undated code (left out)"].append(
                f"MilNonState:{e.line} {names[0]}")
            continue
        code = codes[0][0]
        country = countries.key(code)
        if country is None:
            report["phoenix groups whose code names no country (left out)"].append(
                f"{names[0]} [{code}]")
            continue
        g = Actor(names[0], "group")
        g.code, g.country = code, country
        g.add_names(names)
        g.phoenix_names = set(names)
        g.sources.add("phoenix")
        groups.append(g)
    return groups


# ------------------------------------------------------------ output

def row_for_person(p, countries):
    """The code, country and dated codes of a person's row.

    Offices come first, in date order (the first that contains the story
    date wins); then, while the person lives, their country's elite code
    (out of office). The undated code is the office they are known for:
    the highest-ranking one held longest. It applies to undated stories
    and after the person's death."""
    periods = sorted(p.periods, key=lambda x: (x.start or dt.date.min, x.end or dt.date.max))
    dated, seen = [], set()
    for x in periods:
        key = (x.code, x.country, x.start, x.end)
        if key not in seen:
            seen.add(key)
            dated.append(key)
    held = collections.Counter()
    for x in periods:
        held[(ROLE_RANK[x.role], x.code, x.country)] += x.days()
    (_, code, country), _ = max(held.items(), key=lambda kv: (kv[0][0], kv[1], kv[0][1]))
    home = p.home
    if home is None:
        home = next((x.country for x in periods if x.country not in ("", "EUR")), None)
    if home:
        dated.append((countries.cameo_of_iso[home] + "ELI", home, None, p.died))
    return code, country, dated


def format_dated(dated, row_country):
    out = []
    for code, country, start, end in dated:
        tag = "" if country == row_country else f"({country})"
        out.append(f"{code}{tag}@{basic(start)}..{basic(end)}")
    return "|".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", default=PHOENIX, help="directory of the Phoenix dictionaries")
    ap.add_argument("--words", default="/usr/share/dict/words",
                    help="an English word list (Debian's wamerican)")
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--report", default=REPORT)
    ap.add_argument("--check", action="store_true", help="compare with --out instead of writing")
    args = ap.parse_args()

    countries = Countries()
    report = collections.defaultdict(list)
    supplement = read_supplement(os.path.join(HERE, "supplement.tsv"), countries)
    ours = read_groups(os.path.join(HERE, "groups.tsv"), countries)
    not_distinctive = load_words(os.path.join(HERE, "not_distinctive.txt"))

    phx = lambda name: read_phoenix(os.path.join(args.phoenix, name))
    phoenix = phoenix_people(phx("Phoenix.Countries.actors.txt"), countries, report,
                             "Countries", False)
    phoenix += phoenix_people(phx("Phoenix.International.actors.txt"), countries, report,
                              "International", True)
    people = merge_people(supplement, phoenix, report)
    groups = phoenix_groups(phx("Phoenix.MilNonState.actors.txt"), countries, ours, report)
    groups = [g for g in ours if g.key != "-"] + groups

    # A person named among a group's synonyms (Phoenix lists some leaders
    # so) is the person.
    person_names_folded = {fold(n) for p in people for n in p.names}
    for g in groups:
        for n in list(g.names):
            if fold(n) in person_names_folded:
                g.names.remove(n)
                report["group synonyms that are people in the table (kept as people)"].append(
                    f"{n!r} of {g.key}")
    actors = people + groups
    check_names(actors, countries, english_words(args.words), not_distinctive, report)

    blocks = collections.defaultdict(list)

    def emit(what, actor, code, country, kind, dated):
        # Names opening with a lower-case particle ("al Qaeda", "bin
        # Laden") are written as news writes them, in either case; the
        # others must start with a capital (or match exactly, acronyms).
        src = "+".join(sorted(actor.sources))
        lower = [n for n in actor.names if re.split(r"[\s-]", n)[0] in PARTICLES]
        upper = [n for n in actor.names if n not in lower]
        for names, case in ((upper, "auto"), (lower, "any")):
            if names:
                blocks[(what, src)].append(
                    (fold(actor.names[0]), case,
                     f"{code}\t{country}\t{kind}\t{case}\t{'|'.join(names)}\t{dated}"))

    for p in people:
        if not p.names or not p.periods:
            report["people left with no name (left out)"].append(p.key)
            continue
        code, country, dated = row_for_person(p, countries)
        emit("people", p, code, country, "named", format_dated(dated, country))
    for g in groups:
        if not g.names:
            report["groups left with no name (left out)"].append(g.key)
            continue
        emit("groups", g, g.code, g.country, "organisation", "")

    out = [
        "# herald's named people and named non-state groups, written by tools/actors/build.py:",
        "# do not edit; edit the script's inputs (see tools/actors/README.md) and run it again.",
        "# Each block says where its facts come from: phoenix = the PETRARCH/Phoenix actor",
        "# dictionaries (MIT licence, Open Event Data Alliance), herald = tools/actors/*.tsv.",
        "code\tcountry\tkind\tcase\tnames\tdated",
    ]
    counts = {}
    for (what, src) in sorted(blocks):
        rows = sorted(blocks[(what, src)])
        counts[(what, src)] = len(rows)
        out.append(f"# {what}; source: {src}")
        out.extend(r for _, _, r in rows)
    text = "\n".join(out) + "\n"

    lines = ["tools/actors/build.py report", ""]
    for (what, src), n in sorted(counts.items()):
        lines.append(f"rows: {what:6} source {src:14} {n}")
    lines.append(f"rows: total {sum(counts.values())}")
    for title in sorted(report):
        items = report[title]
        lines.append("")
        lines.append(f"## {title}: {len(items)}")
        lines.extend(f"  {x}" for x in sorted(items))
    report_text = "\n".join(lines) + "\n"

    if args.check:
        with open(args.out, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{args.out} is not what tools/actors/build.py writes: run it")
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(report_text)
    for line in lines[2:2 + len(counts) + 1]:
        print(line)


if __name__ == "__main__":
    try:
        main()
    except BuildError as e:
        sys.exit(f"error: {e}")
