"""Legal references: "artikel 114, tweede lid, Zvw" -> ``Reference("zvw:114:2", ..., url)``.

In the kernel because two sides use it: ingest (:func:`find_references`, the references a ruling cites) and the
ruling page (:func:`citations`, where in a text a provision is cited, to mark it for a search on that provision).

Ids are ``prefix:article[:lid][:onderdeel]`` with the prefix from ``archive/data/laws.json``. A citation counts only
when a known law or rule set follows the article number ("artikel 18" alone could be anything). The full title of a code
of conduct or protocol counts as a citation of the whole instrument (id = prefix), because rulings cite them in
the Regelgeving line without an article. Policy-condition articles (``polis:...``) carry the policy year in their
text when the caller knows it (the Regelgeving line names "Voorwaarden zorgverzekering 2017"): the id stays
year-free so that one filter finds article A5.2 across years. The caller passes only the body: the annex quotes
law texts that the ruling itself does not cite. Links use the JCI
resolver of wetten.overheid.nl (``/jci1.3:c:BWBR...&artikel=..&lid=..``), which points at the article in the
version in force; anchors of the form ``/BWBR.../#Hoofdstuk..._Artikel..`` would need the chapter, which a
citation does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archive.domain import Reference
from archive.laws import laws

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
    "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12,
}
_ART = r"[A-Z]?\.?\d+[a-z]?(?:[.:]\d+[a-z]?)*\.?"
_ORD = "|".join(ORDINALS)
_QUAL = (
    rf"(?:,?\s*(?:(?:{_ORD})\s+lid|lid\s+\d+|(?:aanhef\s+en\s+)?(?:onder(?:deel)?|sub)\s+[a-z](?:\d)?"
    r"(?:\s*(?:,|en|t/m)\s*[a-z]\b)*|(?:van\s+)?Boek\s+\d+)"
    r")*"
)


def _laws() -> tuple[dict[str, Any], ...]:
    return laws()


_GAP = r"[ \t]*\n?[ \t]*"  # a line wrap may split a citation, a blank line (new block) may not


def _citation_pattern(names: list[str]) -> re.Pattern[str]:
    law_alt = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<kw>artikelen|artikel|artt\.|art\.)\s+(?P<arts>{_ART}(?:\s*(?:,|en|of|t/m|respectievelijk)\s*{_ART})*)"
        rf"(?P<qual>{_QUAL}){_GAP}(?:,{_GAP})?(?:van{_GAP}(?:de|het){_GAP})?(?P<law>{law_alt})(?![\w-])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _citation() -> re.Pattern[str]:
    return _citation_pattern([n for law in _laws() for n in law["names"]])


@lru_cache(maxsize=1)
def _alias_definition() -> re.Pattern[str]:
    names = sorted({n for law in _laws() for n in law["names"] if len(n) > 3}, key=len, reverse=True)
    law_alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?P<law>{law_alt})(?:\s+(?:19|20)\d{{2}})?\s*\(\s*hierna(?:\s+te\s+noemen)?\s*:\s*"
                      rf"(?:de\s+|het\s+)?(?P<alias>[A-Z][\w-]{{1,30}})\s*\)", re.IGNORECASE)


def aliases(text: str) -> dict[str, dict[str, Any]]:
    """Abbreviations a ruling defines for a known law: "Wet op de toegang ... (hierna: de Wet)" -> {"wet": wtz}.

    Courts cite "artikel 34 van de Wet" after such a definition; without it those citations are lost.
    """
    out: dict[str, dict[str, Any]] = {}
    for m in _alias_definition().finditer(text):
        out[m.group("alias").lower()] = _law_for(m.group("law"))
    return out


def _law_for(name: str, extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    low = name.lower()
    for law in _laws():
        if any(low == n.lower() for n in law["names"]):
            return law
    if extra and low in extra:
        return extra[low]
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


@lru_cache(maxsize=1)
def _instruments() -> tuple[re.Pattern[str], dict[str, dict[str, Any]]] | None:
    names = {n.lower(): law for law in _laws() for n in law.get("instrument_names", [])}
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE), names


_POLICY_YEAR = re.compile(r"\b(?:polis|verzekerings)?voorwaarden\b[^,;]{0,80}?\b((?:19|20)\d{2})\b", re.IGNORECASE)


def policy_year(regelgeving: list[str] | str | None) -> int | None:
    """The policy year named in the Regelgeving line ("Voorwaarden aanvullende ziektekostenverzekering 2020")."""
    if not regelgeving:
        return None
    text = regelgeving if isinstance(regelgeving, str) else ", ".join(regelgeving)
    m = _POLICY_YEAR.search(text)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Citation:
    """One citation in a text: where it stands, what it cites (one id per article, lid and letter) and, for the
    reference list, the text as cited (whitespace collapsed)."""

    start: int
    end: int
    ids: tuple[str, ...]
    text: str
    urls: tuple[str | None, ...]


def citations(text: str, extra: dict[str, dict[str, Any]] | None = None) -> list[Citation]:
    """Every citation in ``text``, in order: articles of a known law, and the full titles of instruments (codes of
    conduct, protocols) outside an article citation. ``extra``: abbreviations defined elsewhere in the same ruling
    (:func:`aliases` of the whole text, when ``text`` is one paragraph of it); by default those of ``text``."""
    extra = aliases(text) if extra is None else extra
    pattern = _citation_pattern([n for law in _laws() for n in law["names"]] + list(extra)) if extra else _citation()
    found: list[Citation] = []
    for m in pattern.finditer(text):
        law = _law_for(m.group("law"), extra)
        qual = m.group("qual") or ""
        lid = None
        lm = re.search(rf"\b({_ORD})\s+lid\b", qual, re.IGNORECASE)
        if lm:
            lid = str(ORDINALS[lm.group(1).lower()])
        else:
            lm = re.search(r"\blid\s+(\d+)", qual, re.IGNORECASE)
            lid = lm.group(1) if lm else None
        om = re.search(r"\b(?:onder(?:deel)?|sub)\s+([a-z]\d?(?:\s*(?:,|en)\s*[a-z]\b)*)", qual, re.IGNORECASE)
        # "onder a en b" cites both: one id per letter.
        letters = [x.lower() for x in re.findall(r"\b[a-z]\d?\b", om.group(1), re.IGNORECASE)] if om else []
        book = re.search(r"\bBoek\s+(\d+)", qual, re.IGNORECASE)
        ids: list[str] = []
        urls: list[str | None] = []
        for art in re.split(r"\s*(?:,|en|of|t/m|respectievelijk)\s*", m.group("arts")):
            art = art.strip().rstrip(".")
            if not art:
                continue
            if book and law["prefix"] == "bw" and ":" not in art:
                art = f"{book.group(1)}:{art}"
            parts = [law["prefix"], art]
            if lid:
                parts.append(lid)
            for letter in letters or [None]:
                ids.append(":".join([*parts, letter] if letter else parts))
                urls.append(_url(law, art, lid))
        found.append(Citation(m.start(), m.end(), tuple(ids), re.sub(r"\s+", " ", m.group(0)), tuple(urls)))
    inst = _instruments()
    if inst:
        instruments, names = inst
        spans = [(c.start, c.end) for c in found]
        for m in instruments.finditer(text):
            if any(a <= m.start() < b for a, b in spans):
                continue  # "artikel 1.1 van de Gedragscode ...": the article is the citation
            law = names[m.group(0).lower()]
            found.append(Citation(m.start(), m.end(), (law["prefix"],), re.sub(r"\s+", " ", m.group(0)),
                                  (law.get("url"),)))
    found.sort(key=lambda c: c.start)
    return found


def find_references(text: str, year: int | None = None) -> list[Reference]:
    """References in ``text`` in order of first mention, one per id; ``year`` is the policy year, when known."""
    out: dict[str, Reference] = {}
    for c in citations(text):
        for rid, url in zip(c.ids, c.urls, strict=True):
            if rid in out:
                continue
            cited = c.text
            if rid.startswith("polis:") and year:
                cited = f"{cited} (voorwaarden {year})"
            out[rid] = Reference(id=rid, text=cited, url=url)
    return list(out.values())
