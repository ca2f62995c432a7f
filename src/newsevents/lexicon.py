"""Loading of the package's own data files (lexicons, gazetteers), once per process."""

from __future__ import annotations

import csv
import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def data_path(name: str) -> Any:
    """A traversable for ``newsevents/data/<name>``."""
    return resources.files("newsevents") / "data" / name


@cache
def load_toml(name: str) -> dict[str, Any]:
    with data_path(name).open("rb") as f:
        return tomllib.load(f)


@cache
def load_json(name: str) -> Any:
    with data_path(name).open("r", encoding="utf-8") as f:
        return json.load(f)


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV data file; lines starting with '#' are comments."""
    with data_path(name).open("r", encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines))
