"""Reading ingest's reviewed data files (``ingest/data/*.json``): one loader for every module that has rules."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_data(name: str) -> dict[str, Any]:
    """One of ingest's data files, parsed. Callers cache what they derive from it."""
    data: dict[str, Any] = json.loads(resources.files("ingest").joinpath("data", name).read_text(encoding="utf-8"))
    return data
