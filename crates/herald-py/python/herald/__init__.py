"""herald: political event data from news text, for Python.

``Coder`` codes stories into CAMEO/PLOVER events: one story into dicts
(``code``), or many into a ``pyarrow.Table`` built in Rust (``code_many``),
ready for pandas (``.to_pandas()``), polars (``polars.from_arrow``) or
DuckDB. ``read_store`` reads the events of a store that ``herald ingest``
filled. ``herald.spark.code_stories`` codes a Spark DataFrame.

Every table has the columns of ``schema()``: the store's ids (null outside a
store), the event's ``day``, then the event schema, ``COLUMNS``, the same
columns as ``herald code --format csv`` and ``herald export``.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import warnings as _warnings
from typing import Any, Iterable, List, Literal, Mapping, NamedTuple, Optional, Tuple, Union, overload

import pyarrow as _pa

from . import _herald
from ._herald import DictionaryError, HeraldError, StoreError, __version__

__all__ = [
    "COLUMNS",
    "Coder",
    "Column",
    "DictionaryError",
    "HeraldError",
    "Problem",
    "StoreError",
    "StoryWarning",
    "read_store",
    "schema",
    "__version__",
]

PathLike = Union[str, "_os.PathLike[str]"]
DateLike = Union[str, _dt.date, None]


class Column(NamedTuple):
    """A column of the event schema."""

    name: str
    type: str
    nullable: bool
    doc: str


COLUMNS: Tuple[Column, ...] = tuple(Column(*c) for c in _herald.columns())
"""The event schema's columns, in order (``herald_core::COLUMNS``)."""


class Problem(NamedTuple):
    """A problem with one input story.

    ``row`` is the story's 0-based position in the input; ``kind`` is
    ``"rejected"`` (not coded: empty text, not a dict, ...), ``"warning"``
    (coded all the same, e.g. an invalid date: coded undated) or
    ``"skipped"`` (a sentence left uncoded: too long, or discarded).
    """

    row: int
    story_id: Optional[str]
    kind: str
    message: str


class StoryWarning(UserWarning):
    """A problem with a story, when the caller did not ask for the list."""


def schema() -> _pa.Schema:
    """The Arrow schema of every event table herald makes."""
    return _herald.schema()


def _date(date: DateLike) -> Optional[str]:
    if date is None or isinstance(date, str):
        return date
    return date.isoformat()


def _report(problems: List[Tuple[Any, ...]], return_problems: bool):
    found = [Problem(*p) for p in problems]
    if not return_problems:
        for p in found:
            _warnings.warn(f"story {p.row} ({p.story_id}): {p.kind}: {p.message}", StoryWarning, 3)
    return found


class Coder:
    """A coder, configured as the ``herald`` command line is.

    ``dictionaries`` is a directory of dictionaries (PETRARCH files, or
    herald-format files replacing the embedded ones), ``petrarch`` names
    PETRARCH files one by one (a dict with ``verbs``, ``actors`` (a path or a
    list), ``agents``, ``discards``), and ``syntax`` chooses where subjects
    and objects come from: ``"parse"`` or ``"word-order"`` (None: the
    conventions' choice, ``"parse"``). With no argument: the embedded
    dictionaries, as ``herald code`` codes.

    Raises ``DictionaryError`` (with ``file``, ``line``, ``column`` and
    ``errors``) for a dictionary that cannot be used.
    """

    def __init__(
        self,
        dictionaries: Optional[PathLike] = None,
        petrarch: Optional[Mapping[str, Any]] = None,
        syntax: Optional[str] = None,
    ) -> None:
        if petrarch is not None:
            petrarch = {
                k: ([_os.fspath(p) for p in v] if isinstance(v, (list, tuple)) else _os.fspath(v))
                for k, v in petrarch.items()
            }
        directory = None if dictionaries is None else _os.fspath(dictionaries)
        self._coder = _herald.Coder(directory, petrarch, syntax)

    @property
    def provenance(self) -> dict:
        """What codes: herald's version, the model's and every dictionary
        file's SHA-256, the conventions and the syntax source."""
        return _json.loads(self._coder.provenance)

    @property
    def dictionary_warnings(self) -> List[str]:
        """PETRARCH dictionary lines left out, as ``file:line:col: reason``."""
        return self._coder.dictionary_warnings

    def code(
        self, text: str, *, date: DateLike = None, story_id: Optional[str] = None
    ) -> List[dict]:
        """Codes one story: a dict per event, with the keys of ``COLUMNS``.

        ``date`` (``YYYY-MM-DD`` or a ``datetime.date``) is the story's
        date: events take it unless their sentence gives one, and it
        selects date-restricted actor codes. An invalid date is a
        ``StoryWarning`` and the story is coded undated.
        """
        events, problems = self._coder.code(text, _date(date), story_id)
        _report(problems, False)
        return events

    @overload
    def code_many(
        self, stories: Any, threads: Optional[int] = None, *, problems: Literal[False] = False
    ) -> _pa.Table: ...

    @overload
    def code_many(
        self, stories: Any, threads: Optional[int] = None, *, problems: Literal[True]
    ) -> Tuple[_pa.Table, List[Problem]]: ...

    def code_many(
        self,
        stories: Union[Iterable[Mapping[str, Any]], Any],
        threads: Optional[int] = None,
        *,
        problems: bool = False,
    ) -> Union[_pa.Table, Tuple[_pa.Table, List[Problem]]]:
        """Codes many stories: a ``pyarrow.Table`` of their events (columns
        of ``schema()``), in input order, the same whatever ``threads``.

        ``stories`` is an iterable of dicts with JSONL's fields (``text``,
        and optionally ``id``, ``date``, ``url``, ``title``, ``source``), or
        Arrow data with columns of those names: a ``pyarrow.Table``,
        ``RecordBatch`` or ``RecordBatchReader`` (or any object with
        ``__arrow_c_stream__``). Coding runs on ``threads`` threads (None:
        one per core) without holding the GIL.

        A bad story never loses the batch: it is a ``Problem`` of its row.
        With ``problems=True`` the result is ``(events, problems)``, a list
        of ``Problem``; otherwise each problem is a ``StoryWarning``.
        """
        table, found = self._coder.code_many(stories, threads)
        found = _report(found, problems)
        return (table, found) if problems else table


def read_store(path: PathLike, **filters: Any) -> _pa.Table:
    """The events of a store (``herald ingest``'s SQLite file) as a
    ``pyarrow.Table`` with the columns of ``schema()``, as ``herald
    export`` writes them.

    Filters, as for ``herald query`` and the web page: ``actor``,
    ``country``, ``source``, ``target``, ``source_country``,
    ``target_country``, ``cameo``, ``root``, ``plover``, ``quad`` (1-4),
    ``from`` (or ``from_``) and ``to`` (days, inclusive: ``YYYY-MM-DD`` or ``datetime.date``);
    where events happened: ``location_country`` (ISO alpha-3),
    ``location_admin1`` (a GeoNames admin1 name) and ``bbox`` (``(minlon,
    minlat, maxlon, maxlat)`` in degrees). The
    table's schema metadata holds the store's provenance
    (``herald:provenance``). Raises ``StoreError`` for a file that is not a
    store herald can read.
    """
    known = {
        "actor", "country", "source", "target", "source_country", "target_country",
        "cameo", "root", "plover", "quad", "from", "from_", "to",
        "location_country", "location_admin1", "bbox",
    }
    unknown = sorted(set(filters) - known)
    if unknown:
        raise TypeError(f"read_store: unknown filter(s) {', '.join(unknown)}")
    if "from" in filters:
        if "from_" in filters:
            raise TypeError("read_store: give `from` or `from_`, not both")
        filters["from_"] = filters.pop("from")
    for key in ("from_", "to"):
        if key in filters:
            filters[key] = _date(filters[key])
    return _herald.read_store(_os.fspath(path), **filters)
