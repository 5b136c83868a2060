"""Which insurer a ruling is about, normalised to brand + concern from ``data/insurers.json``.

Read from the Partijen head line (or section "1. Partijen"): the insurer is the party after "tegen". When that
party is a placeholder ("C te D", "E en F beide te G", "[verzekeraar]"), the ruling anonymised the insurer and
we say so ("geanonimiseerd") rather than guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest.data_files import read_data

GEANONIMISEERD = "geanonimiseerd"
_PLACEHOLDER = re.compile(
    r"^\s*(?:\(?[ivx1-9]+\)\s*)?(?:[A-Z]{1,2}|\[[^\]]{1,40}\])(?:\s*(?:,|en)\s*(?:[A-Z]{1,2}|\[[^\]]{1,40}\]))*"
    r"(?:\s*,?\s+(?:beide\s+|allen\s+)?(?:te|gevestigd te)\s+(?:[A-Z]{1,2}|\[[^\]]{1,40}\]|[A-Z][\w'-]+))?\s*(?:,|$|\.)"
)


@lru_cache(maxsize=1)
def _table() -> list[dict[str, Any]]:
    return list(read_data("insurers.json")["insurers"])


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    pats = []
    for entry in _table():
        for alias in sorted(entry["aliases"], key=len, reverse=True):
            # Short all-caps aliases (CZ, DSW, VGZ) must match case-sensitively: "cz" could be anything.
            flags = 0 if alias.isupper() and len(alias) <= 4 else re.IGNORECASE
            pats.append((re.compile(rf"(?<![\w.]){re.escape(alias)}(?![\w])", flags), entry))
    return pats


def insurer_party(parties: str) -> str:
    """The text of the opposing party: what follows "tegen" in the Partijen line."""
    m = re.search(r"\btegen\b[:,]?\s*(.*)$", parties, re.IGNORECASE | re.DOTALL)
    return m.group(1) if m else parties


def find_insurer(parties: str | None) -> tuple[str | None, str | None]:
    """(brand, concern), ("geanonimiseerd", None), or (None, None) when nothing is recognised."""
    if not parties:
        return None, None
    party = insurer_party(parties)
    hits: list[tuple[int, int, dict[str, Any]]] = []
    for pat, entry in _patterns():
        m = pat.search(party)
        if m:
            # Brands outrank concern-level names ("Zilveren Kruis ... en Achmea Zorgverzekeringen" is Zilveren
            # Kruis), then the earliest and longest match.
            hits.append((1 if entry.get("concern_only") else 0, m.start(), entry))
    if hits:
        hits.sort(key=lambda h: (h[0], h[1]))
        entry = hits[0][2]
        return entry["brand"], entry["concern"]
    if _PLACEHOLDER.match(party):
        return GEANONIMISEERD, None
    return None, None
