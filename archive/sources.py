"""One ruling, several files: which source document supplies a ruling's text, and how metadata is merged.

The same ruling often arrives as several files (the rechtspraak XML and a PDF of it, a born-digital PDF and a
scan of it). They are one ruling (same slug: ECLI, else case number) with several source documents. Pure functions
only; :mod:`archive.store` applies them to rows.

- The ruling's text and everything derived from it (structure, decision items, amounts, topics, summary, the
  anonymisation audit) come from one source: the best ranked (:func:`source_key`).
- The metadata fields in :data:`MERGED_FIELDS` come from the best source that has them, so a worse source never
  blanks a field a better one supplied, and a better source that lacks a field (a PDF without the court) keeps the
  value a worse one had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from archive.domain import RulingMetadata, as_dict

# Text quality of a source, best first: the court's own structured XML, a text layer (born-digital PDF, plain
# text), then OCR of a scan, whose text has recognition noise.
Quality = Literal["xml", "born-digital", "ocr"]
QUALITY_RANK: dict[Quality, int] = {"xml": 3, "born-digital": 2, "ocr": 1}

# Metadata fields a ruling takes from the best source that has them (RulingMetadata attribute names). Fields read
# off the text itself (summary, headline, countries, care types) are not here: they follow the text's source.
MERGED_FIELDS: tuple[str, ...] = (
    "source", "case_number", "ecli", "title", "court", "decision_date", "hearing_date", "publication_date",
    "decision_place", "insurer", "insurer_concern", "insurance_type", "committee", "zaak_keywords", "regulations",
    "rechtsgebied", "procedure", "parties",
)
# Values that mean "this source does not know": the field's default in RulingMetadata.
_UNKNOWN: dict[str, Any] = {"source": "other", "insurance_type": "onbekend"}


def quality(source_format: str, ocr_pages: Sequence[int]) -> Quality:
    """A source's text quality. Any OCR'd page makes the whole source "ocr": its noise can hit any field."""
    if source_format == "rechtspraak-xml":
        return "xml"
    return "ocr" if ocr_pages else "born-digital"


def quality_rank(source_format: str, ocr_pages: Sequence[int]) -> int:
    return QUALITY_RANK[quality(source_format, ocr_pages)]


def quality_of_rank(rank: int | None, source_format: str) -> Quality:
    """The quality label of a stored rank (None for rows stored before ranks were kept: judged by format)."""
    for name, value in QUALITY_RANK.items():
        if value == rank:
            return name
    return quality(source_format, [])


@dataclass(frozen=True)
class SourceKey:
    """Orders the sources of one ruling: higher is better. Ties after the quality rank go to the source processed
    by the current pipeline version, then to the longer anonymised text (more of the ruling was read)."""

    rank: int
    current: bool
    chars: int

    def as_tuple(self) -> tuple[int, int, int]:
        return (self.rank, int(self.current), self.chars)


def source_key(rank: int, pipeline_version: str, current_version: str, chars: int) -> SourceKey:
    return SourceKey(rank, pipeline_version == current_version, chars)


def beats(challenger: SourceKey, holder: SourceKey) -> bool:
    """Whether a newly stored source replaces the current text source. An exact tie keeps the holder, so storing
    an equally good source again changes nothing."""
    return challenger.as_tuple() > holder.as_tuple()


def is_known(name: str, value: Any) -> bool:
    return value not in (None, "", [], {}) and value != _UNKNOWN.get(name)


def source_fields(md: RulingMetadata) -> dict[str, Any]:
    """The merged metadata fields one source supplies, JSON-ready (dates as ISO strings)."""
    return {name: as_dict(getattr(md, name)) for name in MERGED_FIELDS}


def merge_fields(ranked: Iterable[Mapping[str, Any] | None]) -> dict[str, Any]:
    """Each field from the first source (best first) that knows it; the unknown value when none does."""
    sources = [s for s in ranked if s]
    merged: dict[str, Any] = {}
    for name in MERGED_FIELDS:
        merged[name] = next((s[name] for s in sources if is_known(name, s.get(name))),
                            _UNKNOWN.get(name, [] if name in _LIST_FIELDS else None))
    return merged


_LIST_FIELDS = frozenset(name for name in MERGED_FIELDS
                         if isinstance(getattr(RulingMetadata(), name), list))
