"""Synthetic news stories from herald's own sentence templates, for tests
and benchmarks: no third-party text."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Dict, Iterator, List

ACTORS = [
    "Russia", "Ukraine", "Iran", "Israel", "China", "Japan", "Turkey", "Syria", "Armenia",
    "Azerbaijan", "India", "Pakistan", "Russian troops", "Ukrainian forces", "Israeli soldiers",
    "the Iranian government", "Chinese officials", "the Turkish military", "Syrian rebels",
    "the United Nations", "Egypt", "Germany", "France", "the European Union", "Venezuela",
]

EVENTS = [
    "{a} attacked {b} on {day}.",
    "{a} accused {b} of violating the ceasefire.",
    "{a} met with {b} in Geneva to discuss the crisis.",
    "{a} urged {b} to release the detained journalists.",
    "{a} signed a trade agreement with {b}.",
    "{a} threatened {b} with new sanctions.",
    "{a} praised {b} for its help after the earthquake.",
    "{a} condemned {b} over the border clashes.",
    "{a} sent humanitarian aid to {b}.",
    "{a} expelled diplomats from {b}.",
    "{a} shelled positions held by {b} near the border.",
    "{a} rejected a proposal from {b}.",
    "{a} apologized to {b} for the incident.",
    "{a} imposed sanctions on {b}.",
    "Officials said the weather was mild on {day}.",
]

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story(rng: random.Random, i: int) -> Dict[str, str]:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        a, b = rng.sample(ACTORS, 2)
        sentence = rng.choice(EVENTS).format(a=a, b=b, day=rng.choice(DAYS))
        sentences.append(sentence[0].upper() + sentence[1:])
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(180))
    return {
        "id": f"story-{i:05d}",
        "date": date.isoformat(),
        "source": rng.choice(["wire", "daily", "radio"]),
        "title": f"Report {i}",
        "url": f"https://news.example/{i}",
        "text": " ".join(sentences),
    }


def stories(n: int, seed: int = 16) -> List[Dict[str, str]]:
    rng = random.Random(seed)
    return [story(rng, i) for i in range(n)]


def write_jsonl(path, items) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item) + "\n")


def flatten(event: dict) -> dict:
    """A `herald code` JSONL event as flat columns (`source.span` ->
    `source_start`, `source_end`, `location.name` -> `location_name`), as
    the event schema names them."""
    out = {}
    for key, value in event.items():
        if key in ("source", "target", "verb"):
            value = value or {}
            names = ["code", "country", "text"] if key != "verb" else ["text"]
            for name in names:
                out[f"{key}_{name}"] = value.get(name)
            span = value.get("span") or [None, None]
            out[f"{key}_start"], out[f"{key}_end"] = span
        elif key == "location":
            value = value or {}
            for name in ("name", "geonameid", "country", "admin1", "lat", "lon", "how"):
                out[f"location_{name}"] = value.get(name)
            out["location_start"], out["location_end"] = value.get("span") or [None, None]
        elif key == "date_span":
            out["date_start"], out["date_end"] = value or [None, None]
        else:
            out[key] = value
    return out


def iter_jsonl(path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)
