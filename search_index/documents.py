"""Ruling -> index documents. Pure: no I/O, no clock, same ruling in, same documents out.

Each ruling becomes one **ruling document** (rulings index: facet fields, the whole body, its lemmas) and one
**passage document** per chunk of its body (passages index: snippets only); :mod:`search_index.settings` says
why. Why passages at all: Meilisearch highlights by scanning the field, and highlighting a whole 6,000-word
ruling costs ~33 ms per query (cropping it +75-85 ms), against 2-3 ms for short fields. So the *body*
(``ruling.text``; the annex is never indexed) is cut into chunks of roughly a paragraph or a few short ones
(:data:`TARGET_WORDS`), and after a search the page's rulings get their best passage from the passages index.

Fields that are not body text (title, case number, ECLI, topic labels, references) live on the ruling document
only: a query that matches them finds the ruling, and the snippet is then its best passage or its opening.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from archive.laws import ancestors
from archive.lemmas import lemma_terms
from search_index.facets import TOPIC_KEY_SEPARATOR
from search_index.settings import TEXT_ATTRIBUTES, WORDS_PER_TEXT_ATTRIBUTE

if TYPE_CHECKING:
    from archive.models import Ruling

# Bump when the shape or content rules of the documents change: the index stamps of every ruling go stale with
# it (app.indexing), so the next sync re-indexes everything.
DOCUMENT_SCHEMA_VERSION = 7  # 2: lemmas, reference ids, care types, countries, amount_claimed; 3: two indexes;
# 4: passages single-spaced; 5: reference_tree; 6: headline as title, summary as opening; 7: published_at

log = logging.getLogger(__name__)

TARGET_WORDS = 120  # merge paragraphs until a chunk has at least this many words
MAX_WORDS = 300  # never exceed this (long paragraphs are split at sentence ends)
OPENING_WORDS = 60  # the ruling's first words, the snippet when no passage matched (or no words were asked)

# Private-use characters the query module uses as highlight markers; stripped from indexed text so a document
# can never forge a <mark>.
HIGHLIGHT_PRE = "\ue000"
HIGHLIGHT_POST = "\ue001"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def compact_identifier(value: str) -> str:
    """Lower-case alphanumerics only: ``"ECLI:NL:RBAMS:2021:1234"`` -> ``"eclinlrbams20211234"``.

    Users type case numbers and ECLIs with varying separators and case; comparing compact forms makes the exact
    match insensitive to that.
    """
    return _NON_ALNUM.sub("", value.lower())


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _split_long(paragraph: str) -> Iterator[str]:
    """Split a paragraph of more than MAX_WORDS words at sentence ends, or hard at MAX_WORDS words."""
    words = paragraph.split()
    if len(words) <= MAX_WORDS:
        yield paragraph
        return
    piece: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        sentence_words = sentence.split()
        while len(sentence_words) > MAX_WORDS:  # a "sentence" longer than a chunk: cut it hard
            if piece:
                yield " ".join(piece)
                piece = []
            yield " ".join(sentence_words[:MAX_WORDS])
            sentence_words = sentence_words[MAX_WORDS:]
        if len(piece) + len(sentence_words) > MAX_WORDS and piece:
            yield " ".join(piece)
            piece = []
        piece.extend(sentence_words)
    if piece:
        yield " ".join(piece)


def chunk_text(text: str) -> list[str]:
    """Cut a body into chunks of about TARGET_WORDS..MAX_WORDS words along paragraph boundaries.

    Always returns at least one chunk (possibly ``""``) so that a ruling without body text is still findable
    by its title and filters.
    """
    text = _clean(text).strip()
    if not text:
        return [""]
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    if len(paragraphs) == 1 and "\n" in paragraphs[0]:
        # Extractors that emit one line per paragraph and no blank lines: treat lines as paragraphs.
        paragraphs = [p.strip() for p in paragraphs[0].split("\n") if p.strip()]
    chunks: list[str] = []
    current: list[str] = []
    current_words = 0
    for paragraph in paragraphs:
        for piece in _split_long(paragraph):
            n = len(piece.split())
            if current and current_words + n > MAX_WORDS:
                chunks.append("\n\n".join(current))
                current, current_words = [], 0
            current.append(piece)
            current_words += n
            if current_words >= TARGET_WORDS:
                chunks.append("\n\n".join(current))
                current, current_words = [], 0
    if current:
        if chunks and current_words < TARGET_WORDS // 4 and len(chunks[-1].split()) + current_words <= MAX_WORDS:
            chunks[-1] = chunks[-1] + "\n\n" + "\n\n".join(current)  # don't leave a tiny tail chunk
        else:
            chunks.append("\n\n".join(current))
    return chunks


def _iso(value: date | datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] or None


def _timestamp(value: datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive datetimes; they were written as UTC
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def _as_date(value: date | datetime | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _topics(ruling: Ruling) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for topic in ruling.topics or []:
        topic_id = str(topic.get("id") or "").strip()
        if topic_id and topic_id not in seen:
            seen[topic_id] = {"id": topic_id, "label": str(topic.get("label") or topic_id)}
    return list(seen.values())


def _values(raw: Any) -> list[str]:
    """A de-duplicated list of non-empty strings from a stored JSON list (order kept); anything else is ``[]``."""
    if not isinstance(raw, list | tuple):
        return []
    out: dict[str, None] = {}
    for value in raw:
        if isinstance(value, str) and value.strip():
            out[_clean(value.strip())] = None
    return list(out)


def _reference_ids(ruling: Ruling) -> list[str]:
    return _values([r.get("id") for r in ruling.references or [] if isinstance(r, dict)])


def _ruling_fields(ruling: Ruling) -> dict[str, Any]:
    """Fields repeated on every chunk of a ruling. ``None`` values are left out (see ``_drop_none``)."""
    decided = _as_date(ruling.decision_date)
    topics = _topics(ruling)
    identifiers = sorted(
        {compact_identifier(v) for v in (ruling.case_number, ruling.ecli) if v and compact_identifier(v)}
    )
    amount = ruling.amount_awarded
    claimed = ruling.amount_claimed
    md = ruling.metadata_json if isinstance(ruling.metadata_json, dict) else {}
    return {
        "ruling_id": int(ruling.id),
        "slug": ruling.slug,
        "source": ruling.source or "other",
        "case_number": ruling.case_number,
        "ecli": ruling.ecli,
        "identifiers": identifiers,
        # A descriptive headline (Zaak keywords and outcome) where the ruling's own title is only "Bindend advies
        # <number>": what a result list needs to be scanned.
        "title": _clean(str(md.get("headline") or "") or ruling.title or ""),
        "decision_date": _iso(decided),
        "date": int(decided.strftime("%Y%m%d")) if decided else None,  # sortable number: 20210415
        "year": decided.year if decided else None,
        # When it became public in this archive, as Unix seconds: feeds, "new in the archive", alert digests.
        "published_at": _timestamp(ruling.published_at),
        "insurer": ruling.insurer or None,
        "outcome": ruling.outcome or "onbekend",
        "insurance_type": ruling.insurance_type or "onbekend",
        "topics": [t["id"] for t in topics],
        "topic_labels": [t["label"] for t in topics],
        # Facet values that carry their label (see settings.FACET_ATTRIBUTES); an id containing the separator
        # would not split back, so such a topic is counted without a label key.
        "topic_keys": [
            f"{t['id']}{TOPIC_KEY_SEPARATOR}{t['label']}" for t in topics if TOPIC_KEY_SEPARATOR not in t["id"]
        ],
        "topics_display": topics,
        "references": [_clean(str(r.get("text") or "")) for r in (ruling.references or []) if r.get("text")],
        # Canonical ids ("zvw:114:2") for the reference filter and facet; the texts above are for search.
        "reference_ids": _reference_ids(ruling),
        # Each id with the ids it falls under (zvw, zvw:114, zvw:114:2): the hierarchical reference filter.
        "reference_tree": sorted({a for rid in _reference_ids(ruling) for a in ancestors(rid)}),
        # Closed vocabularies filled by the parser (issue 5); lists, possibly empty. Only these two keys of
        # metadata_json are indexed: its other keys may hold free text.
        "care_types": _values(md.get("care_types")),
        "countries": _values(md.get("countries")),
        "amount_awarded": float(amount) if amount is not None else None,
        "amount_claimed": float(claimed) if claimed is not None else None,
    }


def _drop_none(doc: dict[str, Any]) -> dict[str, Any]:
    # Absent (not null) sort fields sort last in both directions, and absent facet values are not counted.
    return {k: v for k, v in doc.items() if v is not None}


def _summary(ruling: Ruling) -> str:
    md = ruling.metadata_json if isinstance(ruling.metadata_json, dict) else {}
    return _clean(str(md.get("summary") or "")).strip()


def is_indexable(ruling: Ruling) -> bool:
    """Only published rulings reach the index: quarantined or failed ones fail closed."""
    return (ruling.status or "published") == "published"


@dataclass(frozen=True)
class IndexDocuments:
    """What one ruling writes: its ruling document and its passages."""

    ruling: dict[str, Any]
    passages: list[dict[str, Any]]


def split_text(text: str, per_attribute: int = WORDS_PER_TEXT_ATTRIBUTE) -> dict[str, str]:
    """The body spread over :data:`~search_index.settings.TEXT_ATTRIBUTES`, at most ``per_attribute`` words each.

    A body that fits is kept as it is (line breaks included); a longer one is cut at word boundaries. Words that
    do not fit in the last attribute are dropped from the ruling document (they stay in its passages, so they
    still show in snippets), and that is logged with the number of words, never the words.
    """
    words = text.split()
    if len(words) <= per_attribute:
        return {TEXT_ATTRIBUTES[0]: text}
    parts = {
        name: " ".join(words[n * per_attribute : (n + 1) * per_attribute])
        for n, name in enumerate(TEXT_ATTRIBUTES)
        if n * per_attribute < len(words)
    }
    dropped = len(words) - per_attribute * len(TEXT_ATTRIBUTES)
    if dropped > 0:
        log.warning("ruling body of %d words: the last %d are not searchable", len(words), dropped)
    return parts


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first ``words`` words of a body, with ``…`` if it goes on."""
    tokens = text.split()
    return " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")


def index_documents(ruling: Ruling) -> IndexDocuments | None:
    """The index documents of one ruling, ``None`` if the ruling must not be indexed.

    Only ``ruling.text`` (the anonymised body) is indexed; ``ruling.annex``, the free-text keys of
    ``metadata_json`` and the other free-text columns never are. The ruling document gets ``lemmas`` (see
    :func:`archive.lemmas.lemma_terms`) of its title and body, each passage those of its own text, so
    inflected forms find each other in both indexes. (Drift is tracked in the database: ``app.indexing``.)
    """
    if not is_indexable(ruling):
        return None
    if ruling.id is None:
        raise ValueError("ruling has no id: index only rulings that are stored in the archive")
    base = _drop_none(_ruling_fields(ruling))
    body = _clean(ruling.text or "").strip()
    title = base.get("title", "")
    ruling_doc = {
        **base,
        **split_text(body),
        "lemmas": lemma_terms(f"{title}\n{body}"),
        # The snippet when no passage matched: the extractive summary (conclusion and decision), not the header
        # block a ruling opens with.
        "opening": opening(_summary(ruling) or body),
    }
    passages = [
        {"doc_id": f"{base['ruling_id']}-{n}", "ruling_id": base["ruling_id"], "chunk": n,
         "text": " ".join(text.split()), "lemmas": lemma_terms(text)}
        for n, text in enumerate(chunk_text(body))
    ]
    return IndexDocuments(ruling_doc, passages)
