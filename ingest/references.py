"""Legal references: "artikel 114, tweede lid, Zvw" -> ``Reference("zvw:114:2", ..., url)``.

Ids are ``prefix:article[:lid][:onderdeel]`` with the prefix from ``data/laws.json``. A citation counts only when a
known law or rule set follows the article number ("artikel 18" alone could be anything). Links use the JCI
resolver of wetten.overheid.nl (``/jci1.3:c:BWBR...&artikel=..&lid=..``), which points at the article in the
version in force; anchors of the form ``/BWBR.../#Hoofdstuk..._Artikel..`` would need the chapter, which a
citation does not give.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from archive.domain import Reference

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
    "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12,
}
_ART = r"[A-Z]?\.?\d+[a-z]?(?:[.:]\d+[a-z]?)*\.?"
_ORD = "|".join(ORDINALS)
_QUAL = (
    rf"(?:,?\s*(?:(?:{_ORD})\s+lid|lid\s+\d+|(?:aanhef\s+en\s+)?(?:onder(?:deel)?|sub)\s+[a-z](?:\d)?"
    r"(?:\s*(?:,|en|t/m)\s*[a-z]\b)*|Boek\s+\d+)"
    r")*"
)


@lru_cache(maxsize=1)
def _laws() -> list[dict[str, Any]]:
    raw = resources.files("ingest").joinpath("data/laws.json").read_text(encoding="utf-8")
    return list(json.loads(raw)["laws"])


@lru_cache(maxsize=1)
def _citation() -> re.Pattern[str]:
    names = sorted({n for law in _laws() for n in law["names"]}, key=len, reverse=True)
    law_alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"\b(?P<kw>artikelen|artikel|artt\.|art\.)\s+(?P<arts>{_ART}(?:\s*(?:,|en|t/m)\s*{_ART})*)"
        rf"(?P<qual>{_QUAL})\s*,?\s*(?:van\s+(?:de|het)\s+)?(?P<law>{law_alt})(?![\w-])",
        re.IGNORECASE,
    )


def _law_for(name: str) -> dict[str, Any]:
    low = name.lower()
    for law in _laws():
        if any(low == n.lower() for n in law["names"]):
            return law
    raise KeyError(name)  # pragma: no cover - the regex only matches known names


def _url(law: dict[str, Any], article: str, lid: str | None) -> str | None:
    if "url" in law:
        return str(law["url"])
    bwb = law.get("bwb")
    art = article
    if "bwb_books" in law and ":" in article:
        book, art = article.split(":", 1)
        bwb = law["bwb_books"].get(book)
    if not bwb:
        return None
    url = f"https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={art}"
    return f"{url}&lid={lid}" if lid else url


def find_references(text: str) -> list[Reference]:
    """References in ``text`` in order of first mention, one per id."""
    out: dict[str, Reference] = {}
    for m in _citation().finditer(text):
        law = _law_for(m.group("law"))
        qual = m.group("qual") or ""
        lid = None
        lm = re.search(rf"\b({_ORD})\s+lid\b", qual, re.IGNORECASE)
        if lm:
            lid = str(ORDINALS[lm.group(1).lower()])
        else:
            lm = re.search(r"\blid\s+(\d+)", qual, re.IGNORECASE)
            lid = lm.group(1) if lm else None
        om = re.search(r"\b(?:onder(?:deel)?|sub)\s+([a-z]\d?)\b", qual, re.IGNORECASE)
        letters = [om.group(1).lower()] if om else []
        book = re.search(r"\bBoek\s+(\d+)", qual, re.IGNORECASE)
        arts = re.split(r"\s*(?:,|en|t/m)\s*", m.group("arts"))
        for art in arts:
            art = art.strip().rstrip(".")
            if not art:
                continue
            if book and law["prefix"] == "bw" and ":" not in art:
                art = f"{book.group(1)}:{art}"
            parts = [law["prefix"], art]
            if lid:
                parts.append(lid)
            if letters:
                parts.append(letters[0])
            rid = ":".join(parts)
            if rid not in out:
                out[rid] = Reference(id=rid, text=re.sub(r"\s+", " ", m.group(0)), url=_url(law, art, lid))
    return list(out.values())
