"""Coding a Spark DataFrame of stories with herald.

``code_stories(df)`` codes with ``mapInArrow``: each Python worker builds
one ``Coder`` (per set of options) the first time it needs it and keeps it
for every later partition, so the dictionaries and the model are loaded
once per worker process, not once per task. The result has the schema of
``herald.schema()``, the columns of ``herald export``'s Parquet.

The executors need the ``herald`` wheel installed (or shipped with the
job); see ``docs/spark.md``.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional, Tuple

import pyarrow as pa

import herald

__all__ = ["code_stories", "spark_schema"]

# One Coder per worker process and set of options, built on first use.
_CODERS: Dict[Tuple[Any, ...], "herald.Coder"] = {}


def _coder(options: Dict[str, Any]) -> "herald.Coder":
    key = tuple(sorted((k, repr(v)) for k, v in options.items()))
    coder = _CODERS.get(key)
    if coder is None:
        coder = _CODERS[key] = herald.Coder(**options)
    return coder


def spark_schema():
    """``herald.schema()`` as a Spark ``StructType``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(herald.schema())


def code_stories(
    df,
    text: str = "text",
    date: Optional[str] = "date",
    id: Optional[str] = "id",
    *,
    url: Optional[str] = "url",
    title: Optional[str] = "title",
    source: Optional[str] = "source",
    dictionaries: Optional[str] = None,
    petrarch: Optional[Dict[str, Any]] = None,
    syntax: Optional[str] = None,
):
    """Codes the stories of the Spark DataFrame ``df``: a DataFrame of their
    events, with the schema of ``herald.schema()``.

    ``text``, ``date``, ``id``, ``url``, ``title`` and ``source`` name the
    columns that hold those fields (a column that ``df`` lacks is left out,
    except ``text``). ``dictionaries``, ``petrarch`` and ``syntax`` are
    ``herald.Coder``'s options; the paths must exist on every executor.
    Each task codes its partition on one thread: Spark runs one task per
    core. Stories that cannot be coded (empty text, ...) have no events.
    """
    from pyspark.sql import functions as F

    wanted = {"text": text, "date": date, "id": id, "url": url, "title": title, "source": source}
    if text not in df.columns:
        raise ValueError(f"code_stories: no column {text!r} in the DataFrame")
    columns = [
        F.col(column).cast("string").alias(field)
        for field, column in wanted.items()
        if column is not None and column in df.columns
    ]
    options = {"dictionaries": dictionaries, "petrarch": petrarch, "syntax": syntax}

    def code(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        coder = _coder(options)
        for batch in batches:
            events, _ = coder.code_many(batch, threads=1, problems=True)
            yield from events.to_batches()

    return df.select(*columns).mapInArrow(code, spark_schema())
