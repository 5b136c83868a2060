"""The laws and rule sets rulings cite (``data/laws.json``, reviewed like code), and what a reference id means.

Shared by ingest (finding citations in a ruling) and search (citations typed in a query, readable facet labels),
which do not import each other: so the vocabulary lives in the kernel.

A reference id is ``prefix:article[:lid][:onderdeel]`` (``zvw:114:2``, ``bw:7:942``, ``polis:A5.2:c``); an id
names its ancestors by its prefixes on ``:`` boundaries, so ``zvw:114`` includes ``zvw:114:2``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def laws() -> tuple[dict[str, Any], ...]:
    """Every law entry of ``data/laws.json`` (prefix, names, and link data)."""
    raw = json.loads(resources.files("archive").joinpath("data", "laws.json").read_text(encoding="utf-8"))
    return tuple(raw["laws"])


@lru_cache(maxsize=1)
def _by_prefix() -> dict[str, dict[str, Any]]:
    return {law["prefix"]: law for law in laws()}


def law_for_name(name: str) -> dict[str, Any] | None:
    """The law one of whose names is ``name`` (case-insensitive), or None."""
    low = name.lower()
    return next((law for law in laws() if any(low == n.lower() for n in law["names"])), None)


def short_name(prefix: str) -> str:
    """How a label names a law: its shortest name that is not a common word ("Zvw", "BW", "Awb")."""
    law = _by_prefix().get(prefix)
    if law is None:
        return prefix
    names = [n for n in law["names"] if not n[:1].islower() and not n.lower().startswith(("de ", "het "))]
    return min(names or law["names"], key=len)


def _colon_articles(law: dict[str, Any]) -> bool:
    return bool(law.get("colon_articles"))


def split_id(reference_id: str) -> tuple[str, str | None, str | None, str | None]:
    """(prefix, article, lid, onderdeel) of an id; a law with colon articles keeps both numbers in the article
    (``bw:7:942``, ``awb:8:75``)."""
    parts = reference_id.split(":")
    prefix, rest = parts[0], parts[1:]
    law = _by_prefix().get(prefix)
    if law is not None and _colon_articles(law) and len(rest) >= 2:
        rest = [f"{rest[0]}:{rest[1]}", *rest[2:]]
    article = rest[0] if rest else None
    lid = onderdeel = None
    for part in rest[1:]:
        if part.isdigit() and lid is None and onderdeel is None:
            lid = part
        else:
            onderdeel = part
    return prefix, article, lid, onderdeel


def reference_label(reference_id: str) -> str:
    """A readable label: ``zvw:114:2`` -> "art. 114 lid 2 Zvw", ``bw:7:942`` -> "art. 7:942 BW", ``zvw`` -> "Zvw"."""
    prefix, article, lid, onderdeel = split_id(reference_id)
    law = short_name(prefix)
    if prefix not in _by_prefix():
        return reference_id
    if article is None:
        return law
    label = f"art. {article}"
    if lid:
        label += f" lid {lid}"
    if onderdeel:
        label += f" onder {onderdeel}"
    return f"{label} {law}"


def ancestors(reference_id: str) -> list[str]:
    """The id and every id it falls under, most general first: ``zvw:114:2`` -> zvw, zvw:114, zvw:114:2 (a book
    code counts its chapter or book and article as one step: ``bw:7:942`` -> bw, bw:7:942)."""
    prefix, article, lid, onderdeel = split_id(reference_id)
    out = [prefix]
    if article:
        out.append(f"{prefix}:{article}")
        if lid:
            out.append(f"{out[-1]}:{lid}")
        if onderdeel:
            out.append(f"{out[-1]}:{onderdeel}")
    if out[-1] != reference_id:  # an id of a shape we do not know: keep it as it is
        out.append(reference_id)
    return out
