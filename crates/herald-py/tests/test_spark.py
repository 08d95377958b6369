"""herald.spark.code_stories on real PySpark (local[2]): the same events as
`herald code` on the same stories."""

from __future__ import annotations

import os
import shutil
import struct
import sys

import pytest

from stories import flatten, iter_jsonl, stories, write_jsonl


STORIES = 1200


def f32(x):
    return None if x is None else struct.unpack("f", struct.pack("f", x))[0]


@pytest.fixture(scope="module")
def spark():
    if not shutil.which("java") and "JAVA_HOME" not in os.environ:
        pytest.fail("Spark needs Java: install openjdk-17-jre-headless")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("herald-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_codes_as_the_command_line(spark, run, tmp_path):
    import herald
    from herald.spark import code_stories, spark_schema

    items = stories(STORIES, seed=42)
    write_jsonl(tmp_path / "in.jsonl", items)
    run("code", "-q", tmp_path / "in.jsonl", "-o", tmp_path / "cli.jsonl")
    cli = [flatten(e) for e in iter_jsonl(tmp_path / "cli.jsonl")]

    df = spark.createDataFrame(
        [(s["id"], s["date"], s["text"], s["url"], s["title"], s["source"]) for s in items],
        "story_key string, published string, body string, url string, title string, source string",
    ).repartition(4)
    events = code_stories(df, text="body", date="published", id="story_key")
    assert events.schema == spark_schema()
    names = [c.name for c in herald.COLUMNS]
    rows = [{n: r[n] for n in names} for r in events.collect()]

    key = lambda e: (e["story_id"], e["sentence_index"], e["verb_start"], e["source_start"], e["cameo"])
    for e in cli:
        e["goldstein"] = f32(e["goldstein"])
    assert len(rows) == len(cli) > STORIES
    assert sorted(rows, key=key) == sorted(cli, key=key)


def test_spark_output_is_the_parquet_export_schema(spark, tmp_path):
    import herald
    from herald.spark import code_stories

    df = spark.createDataFrame([("a", "2024-03-05", "Russia attacked Ukraine.")], "id string, date string, text string")
    out = tmp_path / "events"
    code_stories(df).write.parquet(str(out))
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.schema.names == herald.schema().names
    assert [f.type for f in table.schema] == [f.type for f in herald.schema()]
    assert table.to_pylist()[0]["cameo"] == "190"
