"""The README's DuckDB example, run as written on a `herald export` file."""

from __future__ import annotations

import datetime as dt
import os
import re

from stories import stories, write_jsonl


def readme_example(repo) -> str:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    (block,) = [b for b in blocks if "import duckdb" in b]
    return block


def test_readme_dyad_time_series(repo, run, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", stories(300, seed=21))
    run("ingest", "-q", tmp_path / "in.jsonl", "--db", tmp_path / "herald.db")
    run("export", "--db", tmp_path / "herald.db", "--parquet", tmp_path / "events.parquet")
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        scope = {}
        exec(readme_example(repo), scope)
    finally:
        os.chdir(here)
    series = scope["series"]
    assert series, "no month with RUS -> UKR events"
    months = [row[0] for row in series]
    assert months == sorted(months) and all(isinstance(m, dt.date) and m.day == 1 for m in months)
    assert all(events >= 1 and reports >= events for _, events, reports, _ in series)
    # The same counts as herald's own aggregates, from the store.
    import herald

    table = herald.read_store(tmp_path / "herald.db").to_pylist()
    rus_ukr = [r for r in table if (r["source_country"], r["target_country"]) == ("RUS", "UKR") and r["day"]]
    assert sum(reports for _, _, reports, _ in series) == len(rus_ukr)
