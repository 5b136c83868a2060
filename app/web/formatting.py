"""How the pages write values: Dutch dates and amounts, outcome and source labels, paragraphs, static URLs.

Used by the view models, and by the templates through :data:`TEMPLATE_FILTERS` and :data:`TEMPLATE_GLOBALS`."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from search_index.facets import INSURANCE_LABELS, OUTCOME_LABELS, SOURCE_LABELS  # declared with the facets

STATIC_DIR = Path(__file__).parent.parent / "static"

OUTCOME_ORDER = ("toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk", "onbekend")
# Chart colours: each at least 3:1 against white (WCAG 1.4.11); segments are also separated by white gaps and
# every figure is repeated in a table.
OUTCOME_COLOURS = {"toegewezen": "#1b7a3a", "gedeeltelijk toegewezen": "#8a6100", "afgewezen": "#b3261e",
                   "niet-ontvankelijk": "#4f5596", "onbekend": "#6b6b6b"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def nl_date(value: date | str | None, long: bool = True) -> str:
    """``30 juni 2022`` (long) or ``30-06-2022``; empty for None. Takes ISO strings too (search hits)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return ""
    if value is None:
        return ""
    if long:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d-%m-%Y")


def euro(value: float | None) -> str:
    """``€ 1.234,50`` (Dutch separators); empty for None."""
    if value is None:
        return ""
    whole, cents = divmod(round(value * 100), 100)
    text = f"{whole:,}".replace(",", ".")
    return f"€ {text},{cents:02d}"


def outcome_label(value: str | None) -> str:
    return OUTCOME_LABELS.get(value or "onbekend", (value or "onbekend").capitalize())


def outcome_class(value: str | None) -> str:
    return "outcome-" + re.sub(r"[^a-z]+", "-", (value or "onbekend").lower()).strip("-")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, with the extractor's hard line breaks inside a paragraph joined."""
    out = []
    for block in re.split(r"\n\s*\n", text or ""):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return out


def _file_digest(name: str) -> str:
    try:
        return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


_STATIC_VERSIONS: dict[str, str] = {}


def static_url(name: str) -> str:
    """``/static/<name>?v=<content hash>``: a changed file gets a new URL, so browsers may cache freely."""
    if name not in _STATIC_VERSIONS:
        _STATIC_VERSIONS[name] = _file_digest(name)
    return f"/static/{name}?v={_STATIC_VERSIONS[name]}"


TEMPLATE_FILTERS = {f.__name__: f for f in (nl_date, euro, outcome_label, outcome_class, paragraphs)}
TEMPLATE_GLOBALS = {"static_url": static_url, "OUTCOME_COLOURS": OUTCOME_COLOURS, "SOURCE_LABELS": SOURCE_LABELS,
                    "INSURANCE_LABELS": INSURANCE_LABELS}
