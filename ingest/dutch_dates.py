"""Dutch dates ("23 september 2020", "1 feb. 2019", "23-09-2020") to :class:`datetime.date`."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_WORDS = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\.?\s+(\d{{4}})\b", re.IGNORECASE)
DATE_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    """First date in ``text`` (words, d-m-yyyy or ISO), or None."""
    if not text:
        return None
    m = DATE_WORDS.search(text)
    if m:
        return _make(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = DATE_ISO.search(text)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = DATE_NUMERIC.search(text)
    if m:
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None
