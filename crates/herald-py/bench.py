"""Throughput of herald's Python binding and of Spark against the command
line, on the same generated stories (tests/stories.py). Not a test: it
prints numbers.

    python crates/herald-py/bench.py [--stories N] [--threads T] [--spark]

Needs the herald wheel installed and a release build of the command line
(HERALD_BIN, default target/release/herald). Times exclude building the
coder (loading the model and dictionaries), which each side does once.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "tests"))

import pyarrow as pa  # noqa: E402

import herald  # noqa: E402
from stories import stories, write_jsonl  # noqa: E402


def cli_rate(binary: str, path: str, threads: int) -> float:
    """Stories per second as `herald code` reports them (coding only)."""
    out = subprocess.run(
        [binary, "code", "-q", "--no-progress", "--threads", str(threads), path, "-o", os.devnull],
        capture_output=True, text=True, check=True,
    )
    return float(re.search(r"\(([\d.]+) stories/s\)", out.stderr).group(1))


def best_of(runs: int, f) -> float:
    return max(f() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--spark", action="store_true", help="also time Spark local[threads]")
    args = parser.parse_args()
    binary = os.environ.get("HERALD_BIN", str(HERE.parents[1] / "target" / "release" / "herald"))
    items = stories(args.stories, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "stories.jsonl")
        write_jsonl(path, items)
        n, t = args.stories, args.threads
        print(f"{n} stories ({sum(len(s['text']) for s in items) / n:.0f} bytes each), {t} threads")

        cli = best_of(args.runs, lambda: cli_rate(binary, path, t))
        print(f"herald code --threads {t}:          {cli:8.0f} stories/s")

        coder = herald.Coder()
        table = pa.Table.from_pylist(items)

        def rate(stories) -> float:
            start = time.perf_counter()
            coder.code_many(stories, threads=t)
            return n / (time.perf_counter() - start)

        dicts = best_of(args.runs, lambda: rate(items))
        arrow = best_of(args.runs, lambda: rate(table))
        print(f"Coder.code_many (dicts):           {dicts:8.0f} stories/s ({dicts / cli - 1:+.1%})")
        print(f"Coder.code_many (pyarrow.Table):   {arrow:8.0f} stories/s ({arrow / cli - 1:+.1%})")

        if args.spark:
            from pyspark.sql import SparkSession

            from herald.spark import code_stories

            os.environ["PYSPARK_PYTHON"] = sys.executable
            spark = (
                SparkSession.builder.master(f"local[{t}]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", str(t))
                .getOrCreate()
            )
            df = spark.read.json(path).repartition(t).cache()
            df.count()
            # A first job starts the Python workers and builds their coders.
            code_stories(df.limit(t * 10)).count()

            def spark_rate() -> float:
                start = time.perf_counter()
                code_stories(df).write.format("noop").mode("overwrite").save()
                return n / (time.perf_counter() - start)

            sr = best_of(args.runs, spark_rate)
            print(f"Spark local[{t}] code_stories:     {sr:8.0f} stories/s ({sr / cli - 1:+.1%})")
            spark.stop()


if __name__ == "__main__":
    main()
