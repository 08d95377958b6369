"""The Python API: Coder.code, Coder.code_many, the schema, problems and errors."""

from __future__ import annotations

import datetime as dt
import struct
import threading
import time

import pyarrow as pa
import pytest

import herald
from stories import flatten, iter_jsonl, stories, write_jsonl

TEXT = "Armenian troops attacked Azerbaijani positions near the border overnight."


def f32(x):
    return None if x is None else struct.unpack("f", struct.pack("f", x))[0]


def test_code_returns_dicts_of_the_schema_columns(coder):
    events = coder.code(TEXT, date="2024-03-05", story_id="a")
    assert len(events) == 1
    e = events[0]
    assert list(e) == [c.name for c in herald.COLUMNS]
    assert (e["story_id"], e["source_code"], e["target_code"], e["cameo"]) == ("a", "ARMMIL", "AZE", "190")
    assert (e["plover"], e["plover_context"], e["goldstein"], e["quad_class"]) == ("ASSAULT", "military", -10.0, 4)
    assert e["date"] == "2024-03-05"
    assert TEXT[e["source_start"]:e["source_end"]] == "Armenian troops"


def test_code_takes_a_date_object_and_warns_on_a_bad_date(coder):
    assert coder.code(TEXT, date=dt.date(2024, 3, 5))[0]["date"] == "2024-03-05"
    with pytest.warns(herald.StoryWarning, match="coded undated"):
        events = coder.code(TEXT, date="5 March")
    assert events[0]["date"] is None
    with pytest.warns(herald.StoryWarning, match="empty story"):
        assert coder.code("   ") == []


def test_schema_is_the_event_schema_with_store_columns():
    schema = herald.schema()
    assert schema.names == ["event_id", "canonical_id", "mentions", "day"] + [c.name for c in herald.COLUMNS]
    assert schema.field("day").type == pa.date32()
    assert schema.field("goldstein").type == pa.float32()
    assert schema.field("quad_class").type == pa.int32()
    assert not schema.field("cameo").nullable
    assert schema.field("plover_mode").metadata[b"doc"].startswith(b"The PLOVER mode")


def test_code_many_from_dicts_and_from_arrow_agree(coder):
    items = stories(60)
    from_dicts = coder.code_many(items)
    assert isinstance(from_dicts, pa.Table)
    assert from_dicts.schema.remove_metadata() == herald.schema().remove_metadata()
    assert from_dicts.num_rows > 60
    table = pa.Table.from_pylist(items)
    assert coder.code_many(table).equals(from_dicts)
    assert coder.code_many(table.to_batches()[0]).equals(from_dicts)
    assert coder.code_many(table.to_reader()).equals(from_dicts)
    # A date column of Arrow dates reads as YYYY-MM-DD.
    dated = table.set_column(1, "date", pa.array([dt.date.fromisoformat(d) for d in table["date"].to_pylist()]))
    assert coder.code_many(dated).equals(from_dicts)
    # The story's fields are kept on every event.
    first = from_dicts.slice(0, 1).to_pylist()[0]
    assert first["story_url"].startswith("https://news.example/")
    assert first["story_title"].startswith("Report ")
    assert first["day"] == dt.date.fromisoformat(first["date"])
    assert first["event_id"] is None


def test_code_many_is_code_for_each_story(coder):
    items = stories(20)
    rows = coder.code_many(items).drop(["event_id", "canonical_id", "mentions", "day"]).to_pylist()
    one_by_one = [e for s in items for e in coder.code(s["text"], date=s["date"], story_id=s["id"])]
    for e in one_by_one:
        e["story_source"] = e["story_title"] = e["story_url"] = None
        e["goldstein"] = f32(e["goldstein"])
    for e in rows:
        e["story_source"] = e["story_title"] = e["story_url"] = None
    assert rows == one_by_one


def test_output_is_the_same_for_any_thread_count(coder):
    items = stories(300, seed=7)
    one = coder.code_many(items, threads=1)
    for threads in (2, 4, None):
        assert coder.code_many(items, threads=threads).equals(one)


def test_provenance_is_in_the_table_metadata(coder):
    table = coder.code_many(stories(3))
    import json

    (provenance,) = json.loads(table.schema.metadata[b"herald:provenance"])
    assert provenance == coder.provenance
    assert coder.provenance["conventions"] == "herald"
    assert coder.provenance["syntax"] == "parse"


def test_bad_stories_are_problems_of_their_rows(coder):
    items = [
        {"id": "ok", "text": TEXT},
        {"id": "empty", "text": "  "},
        "not a dict",
        {"id": "bad-date", "date": "yesterday", "text": TEXT},
        {"id": "no-text"},
        {"text": TEXT},
    ]
    events, problems = coder.code_many(items, problems=True)
    assert events["story_id"].to_pylist() == ["ok", "bad-date", "stories:6"]
    kinds = [(p.row, p.story_id, p.kind) for p in problems]
    assert kinds == [(1, None, "rejected"), (2, None, "rejected"), (3, "bad-date", "warning"), (4, None, "rejected")]
    assert "empty story" in problems[0].message and "expected a dict" in problems[1].message
    with pytest.warns(herald.StoryWarning):
        assert coder.code_many(items).num_rows == 3


def test_an_empty_input_is_an_empty_table(coder):
    table = coder.code_many([])
    assert table.num_rows == 0 and table.schema.names == herald.schema().names


def test_code_many_matches_the_command_line(coder, run, tmp_path):
    items = stories(100, seed=3)
    write_jsonl(tmp_path / "in.jsonl", items)
    run("code", "-q", "--threads", "2", tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl")
    cli = [flatten(e) for e in iter_jsonl(tmp_path / "out.jsonl")]
    ours = coder.code_many(items).drop(["event_id", "canonical_id", "mentions", "day"]).to_pylist()
    for e in cli:
        e["goldstein"] = f32(e["goldstein"])
    assert ours == cli


def test_coding_releases_the_gil(coder):
    # A Python thread keeps counting while code_many runs on one thread.
    items = stories(400, seed=5)
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    coder.code_many(items, threads=1)
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    assert elapsed > 0.05 and len(ticks) > elapsed * 100


def test_dictionary_errors_say_file_line_and_column(tmp_path):
    (tmp_path / "verbs.txt").write_text("# verbs\n190 *occupy +\n9:9:9 *nonsense\n")
    with pytest.raises(herald.DictionaryError) as info:
        herald.Coder(dictionaries=tmp_path)
    err = info.value
    assert isinstance(err, herald.HeraldError)
    assert err.file.endswith("verbs.txt") and (err.line, err.column) == (3, 1)
    assert err.errors[0][:3] == (err.file, 3, 1)
    assert "verbs.txt:3:1" in str(err) and "not an event code" in err.errors[0][3]


def test_bad_options_are_value_errors(tmp_path):
    with pytest.raises(ValueError, match="syntax"):
        herald.Coder(syntax="guess")
    with pytest.raises(ValueError, match="unknown key"):
        herald.Coder(petrarch={"verb": "CAMEO.txt"})
    with pytest.raises(herald.DictionaryError) as info:
        herald.Coder(dictionaries=tmp_path / "missing")
    assert info.value.file.endswith("missing")


def test_word_order_syntax_is_an_option():
    coder = herald.Coder(syntax="word-order")
    assert coder.provenance["syntax"] == "word-order"
    assert coder.provenance["model"] is None
    assert coder.code(TEXT)[0]["cameo"] == "190"
