"""read_store: a store's events as Arrow, with the Parquet export's columns."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

import herald
from stories import stories, write_jsonl


@pytest.fixture(scope="module")
def store(run, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("store")
    write_jsonl(tmp / "in.jsonl", stories(80, seed=11))
    run("ingest", "-q", tmp / "in.jsonl", "--db", tmp / "herald.db")
    run("export", "--db", tmp / "herald.db", "--parquet", tmp / "events.parquet")
    return tmp


def test_read_store_is_the_parquet_export(store):
    table = herald.read_store(store / "herald.db")
    exported = pq.read_table(store / "events.parquet")
    assert table.num_rows > 80
    assert table.schema.names == herald.schema().names
    assert table.equals(exported)
    # The Parquet file's metadata and the table's hold the store's provenance.
    (provenance,) = json.loads(table.schema.metadata[b"herald:provenance"])
    assert provenance["conventions"] == "herald"
    kv = pq.read_metadata(store / "events.parquet").metadata
    assert json.loads(kv[b"herald:provenance"]) == [provenance]
    assert table["event_id"].null_count == 0 and min(table["mentions"].to_pylist()) >= 1


def test_filters_are_herald_querys(store):
    table = herald.read_store(store / "herald.db", root="19", country="RUS")
    rows = table.to_pylist()
    assert rows and all(r["cameo_root"] == "19" for r in rows)
    assert all("RUS" in (r["source_country"], r["target_country"]) for r in rows)
    window = herald.read_store(store / "herald.db", **{"from": "2024-02-01"}, to=dt.date(2024, 2, 29))
    days = window["day"].to_pylist()
    assert days and all(dt.date(2024, 2, 1) <= d <= dt.date(2024, 2, 29) for d in days)
    plover = herald.read_store(store / "herald.db", plover="assault")
    assert set(plover["plover"].to_pylist()) == {"ASSAULT"}


def test_pandas_and_arrow_round_trip(store):
    table = herald.read_store(store / "herald.db", source="RUS")
    frame = table.to_pandas()
    assert len(frame) == table.num_rows and set(frame["source_code"]) == {"RUS"}
    import pyarrow as pa

    back = pa.Table.from_pandas(frame, schema=table.schema, preserve_index=False)
    assert back.equals(table)


def test_bad_stores_and_filters_are_errors(tmp_path, store):
    (tmp_path / "notes.txt").write_text("not a store, and long enough to have a header " * 4)
    with pytest.raises(herald.StoreError, match="not a herald store"):
        herald.read_store(tmp_path / "notes.txt")
    with pytest.raises(ValueError, match="CAMEO"):
        herald.read_store(store / "herald.db", cameo="1x")
    with pytest.raises(ValueError, match="to"):
        herald.read_store(store / "herald.db", to="March")
    with pytest.raises(TypeError, match="unknown filter"):
        herald.read_store(store / "herald.db", dyad="RUS-UKR")
