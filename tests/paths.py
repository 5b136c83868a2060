"""Where the tests find the project's shared reference data (seeds, corpus, NER data).

``RULINGS_SHARED_DIR`` if set; else ``shared/`` beside the repository (how CI lays it out); else the team
machines' ``/work/shared``. Tests that need it skip with this path in the reason when none exists.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    configured = os.environ.get("RULINGS_SHARED_DIR")
    if configured:
        return Path(configured)
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared"


SHARED = shared_dir()
