"""Fixtures of herald's Python tests: the package must be installed (the
wheel, see `.ci/run`); `HERALD_BIN` names the `herald` binary to compare
with (default: the workspace's debug build)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def herald_bin() -> str:
    path = os.environ.get("HERALD_BIN", str(REPO / "target" / "debug" / "herald"))
    if not os.path.exists(path):
        pytest.fail(f"no herald binary at {path}: build it or set HERALD_BIN")
    return path


@pytest.fixture(scope="session")
def coder():
    import herald

    return herald.Coder()


@pytest.fixture(scope="session")
def run(herald_bin):
    def run(*args, **kwargs):
        return subprocess.run([herald_bin, *map(str, args)], check=True, capture_output=True, **kwargs)

    return run
