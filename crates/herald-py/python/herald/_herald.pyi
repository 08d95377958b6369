"""Type stubs of herald's native module (``crates/herald-py``)."""

from typing import Any, List, Mapping, Optional, Tuple

import pyarrow

__version__: str

# (row, story_id, kind, message)
_Problem = Tuple[int, Optional[str], str, str]

class HeraldError(Exception):
    """An error of herald's."""

class DictionaryError(HeraldError):
    """A dictionary that cannot be used."""

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    errors: List[Tuple[Optional[str], Optional[int], Optional[int], str]]

class StoreError(HeraldError):
    """An event store that cannot be read."""

class Coder:
    def __init__(
        self,
        dictionaries: Optional[str] = None,
        petrarch: Optional[Mapping[str, Any]] = None,
        syntax: Optional[str] = None,
    ) -> None: ...
    @property
    def provenance(self) -> str: ...
    @property
    def dictionary_warnings(self) -> List[str]: ...
    def code(
        self, text: str, date: Optional[str] = None, story_id: Optional[str] = None
    ) -> Tuple[List[dict], List[_Problem]]: ...
    def code_many(
        self, stories: Any, threads: Optional[int] = None
    ) -> Tuple[pyarrow.Table, List[_Problem]]: ...

def read_store(
    path: str,
    actor: Optional[str] = None,
    country: Optional[str] = None,
    source: Optional[str] = None,
    target: Optional[str] = None,
    source_country: Optional[str] = None,
    target_country: Optional[str] = None,
    cameo: Optional[str] = None,
    root: Optional[str] = None,
    plover: Optional[str] = None,
    quad: Optional[int] = None,
    from_: Optional[str] = None,
    to: Optional[str] = None,
    location_country: Optional[str] = None,
    location_admin1: Optional[str] = None,
    bbox: Optional[Tuple[float, float, float, float]] = None,
) -> pyarrow.Table: ...
def schema() -> pyarrow.Schema: ...
def columns() -> List[Tuple[str, str, bool, str]]: ...
