"""Writing and reading rulings in the database.

The pipeline hands over domain objects built from *anonymised* text; this module maps them onto rows. It is the
only writer of ``rulings``, ``documents`` and ``anonymisation_audit``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.orm import Session, selectinload

from archive import review, sources
from archive.domain import Entity, ParsedRuling, as_dict
from archive.models import AnonymisationAudit, Document, Ruling, utcnow

_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9:._-]+")


def ruling_slug(parsed: ParsedRuling, sha256: str) -> str:
    """Stable permalink key: the ECLI, else the case number, else a prefix of the file hash."""
    md = parsed.metadata
    for candidate in (md.ecli, md.case_number):
        if candidate:
            slug = _SLUG_UNSAFE.sub("-", candidate.strip()).strip("-")
            if slug:
                return slug[:120]
    return f"doc-{sha256[:16]}"


def content_hash(ruling: Ruling) -> str:
    """Hash of everything the search index holds for a ruling: tells whether the index copy is stale."""
    payload = {
        "slug": ruling.slug, "status": ruling.status, "title": ruling.title, "text": ruling.text,
        "date": ruling.decision_date.isoformat() if ruling.decision_date else None,
        "insurer": ruling.insurer, "outcome": ruling.outcome, "topics": ruling.topics,
        "references": ruling.references, "source": ruling.source, "case_number": ruling.case_number,
        "ecli": ruling.ecli, "amount_awarded": ruling.amount_awarded, "insurance_type": ruling.insurance_type,
        "metadata": ruling.metadata_json,
    }
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def find_document(session: Session, sha256: str) -> Document | None:
    return session.scalar(select(Document).where(Document.sha256 == sha256))


def _upsert_document(session: Session, sha256: str, filename: str, size: int, source_format: str,
                     pipeline_version: str) -> Document:
    """The document row, created if new; counts this processing attempt (reset when the pipeline version changes,
    since a new version deserves its own bounded retries)."""
    doc = find_document(session, sha256)
    if doc is None:
        doc = Document(sha256=sha256, filename=filename, size=size, status="failed", attempts=0)
        session.add(doc)
    doc.attempts = (doc.attempts or 0) + 1 if doc.pipeline_version == pipeline_version else 1
    doc.filename = filename
    doc.size = size
    doc.source_format = source_format
    doc.pipeline_version = pipeline_version
    return doc


def mark_current(session: Session, sha256: str, pipeline_version: str) -> Document | None:
    """A document re-extracted by a newer extractor to the very same text: only its version moves on."""
    doc = find_document(session, sha256)
    if doc is not None:
        doc.pipeline_version = pipeline_version
        session.flush()
    return doc


def record_failure(session: Session, *, sha256: str, filename: str, size: int, source_format: str,
                   pipeline_version: str, status: str, error_code: str, error: str) -> Document:
    """A document that produced no public ruling (failed or quarantined). Its old ruling, if any, is withdrawn
    when the document was quarantined: fail closed.

    The ruling's other sources are then due again (their recorded pipeline version is cleared): only a source's
    own processing can rebuild the ruling from it, so the next run lets the best of them take over."""
    doc = _upsert_document(session, sha256, filename, size, source_format, pipeline_version)
    doc.status = status
    doc.error_code = error_code
    doc.error = error
    if status == "quarantined" and doc.ruling is not None:
        if doc.ruling.status != review.WITHDRAWN:  # a reviewer's takedown outlives any processing
            doc.ruling.status = "quarantined"
        doc.ruling.content_hash = content_hash(doc.ruling)
        for other in live_sources(doc.ruling):
            if other.id != doc.id:
                other.pipeline_version = ""
    session.flush()
    return doc


@dataclass(frozen=True)
class FailedDocument:
    """What ``rulings status`` shows of a document without a public ruling: no file name (it may name a party),
    no text; the error message is the project's own."""

    id: int
    sha256: str
    status: str
    error_code: str | None
    error: str | None
    attempts: int
    updated_at: datetime | None


def failed_documents(session: Session, limit: int = 1000) -> list[FailedDocument]:
    """Documents that failed or were quarantined, most recently attempted first."""
    rows = session.scalars(select(Document).where(Document.status.in_(("failed", "quarantined")))
                           .order_by(Document.updated_at.desc(), Document.id.desc()).limit(limit))
    return [FailedDocument(d.id, d.sha256, d.status, d.error_code, d.error, d.attempts or 0, d.updated_at)
            for d in rows]


@dataclass(frozen=True)
class StoredRuling:
    ruling_id: int
    slug: str
    text_source: bool = True  # the ruling's text is this document's (False: it added a source, metadata at most)


def _amount_total(parsed: ParsedRuling, role: str) -> float | None:
    values = [a.value for a in parsed.amounts if a.role == role]
    return round(sum(values), 2) if values else None


def _find_ruling(session: Session, slug: str) -> Ruling | None:
    """The ruling with this slug; ignoring case too, so an ECLI read in lower case from one file (OCR, a file name
    convention) joins the ruling another file created."""
    found = session.scalar(select(Ruling).where(Ruling.slug == slug))
    if found is None:
        found = session.scalar(select(Ruling).where(func.lower(Ruling.slug) == slug.lower())
                               .order_by(Ruling.id).limit(1))
    return found


def live_sources(ruling: Ruling) -> list[Document]:
    """The documents a ruling is built from, best first: linked to it and not quarantined (a document whose
    re-processing merely failed keeps what it contributed until it is processed again)."""
    docs = [d for d in ruling.documents if d.status != "quarantined" and d.quality_rank is not None]
    return sorted(docs, key=lambda d: (d.text_source, d.quality_rank or 0, d.text_chars or 0, d.id), reverse=True)


def _key(doc: Document, current_version: str) -> sources.SourceKey:
    rank = doc.quality_rank if doc.quality_rank is not None else sources.quality_rank(doc.source_format, [])
    return sources.source_key(rank, doc.pipeline_version, current_version, doc.text_chars or 0)


def _ruling_fields(ruling: Ruling) -> dict[str, Any]:
    """The merged fields as the ruling holds them: the text source's fields for rows stored before documents kept
    their own (migration 0005)."""
    md = ruling.metadata_json or {}
    columns = {name: as_dict(getattr(ruling, name)) for name in sources.MERGED_FIELDS if hasattr(Ruling, name)}
    if columns.get("title") == ruling.slug:
        columns["title"] = None  # the slug stood in for a missing title
    return {name: columns.get(name, md.get(name)) for name in sources.MERGED_FIELDS}


def _apply_fields(ruling: Ruling, fields: dict[str, Any]) -> None:
    """Write merged fields onto the ruling: its columns and the same keys of its metadata."""
    for name in ("decision_date", "hearing_date", "publication_date"):
        value = fields.get(name)
        setattr(ruling, name, date.fromisoformat(value) if isinstance(value, str) else value)
    for name in ("source", "case_number", "ecli", "court", "decision_place", "insurer", "insurer_concern",
                 "insurance_type"):
        setattr(ruling, name, fields.get(name))
    ruling.title = fields.get("title") or ruling.slug
    ruling.metadata_json = {**(ruling.metadata_json or {}), **fields}


def store_ruling(session: Session, *, sha256: str, filename: str, size: int, source_format: str,
                 pipeline_version: str, parsed: ParsedRuling, entities: Sequence[Entity], pages: int,
                 ocr_pages: Iterable[int], extractor: str, anonymiser_version: str,
                 tagger_version: str, text_sha256: str | None = None, publication: str = "auto") -> StoredRuling:
    """Store one source document of a ruling (keyed by slug). Re-ingest is an upsert.

    A ruling may have several source files. Its text and everything read off the text (structure, items, amounts,
    topics, summary, audit) come from the best ranked one (:mod:`archive.sources`): this document replaces them
    only if it beats the current text source. Metadata fields are merged over all its sources, best first, so no
    field is lost to a worse source. Every stored field comes from an anonymised text or the format's metadata.

    Reviewers' corrections of the ruling are applied again and ``publication`` (``auto`` | ``review``) decides
    whether it is published or held for review (:func:`archive.review.after_store`).
    """
    slug = ruling_slug(parsed, sha256)
    ruling = _find_ruling(session, slug)
    previous = (ruling.status, ruling.content_hash) if ruling is not None else (None, None)
    if ruling is None:
        ruling = Ruling(slug=slug, source=parsed.metadata.source)
        session.add(ruling)
    ocr = sorted(ocr_pages)
    doc = _upsert_document(session, sha256, filename, size, source_format, pipeline_version)
    doc.status = "published"
    doc.text_sha256 = text_sha256
    doc.error_code = None
    doc.error = None
    doc.extractor = extractor
    doc.pages = pages
    doc.ocr_pages = ocr
    doc.quality_rank = sources.quality_rank(source_format, ocr)
    doc.text_chars = len(parsed.body) + len(parsed.annex)
    doc.fields = sources.source_fields(parsed.metadata)
    doc.ruling = ruling
    session.flush()

    others = [d for d in live_sources(ruling) if d.id != doc.id]
    # The current text source, unless it was quarantined since (then the best of the rest takes over).
    holder = next((d for d in others if d.text_source), None)
    wins = holder is None or sources.beats(_key(doc, pipeline_version), _key(holder, pipeline_version))
    if wins:
        for other in others:
            other.text_source = False
        doc.text_source = True
        _write_text(session, ruling, parsed, entities, pages, ocr, extractor, anonymiser_version, tagger_version)
    else:
        doc.text_source = False
    text_source = doc if wins else holder
    assert text_source is not None
    rest = sorted((d for d in [doc, *others] if d is not text_source),
                  key=lambda d: _key(d, pipeline_version).as_tuple(), reverse=True)
    best_fields = text_source.fields if text_source.fields is not None else _ruling_fields(ruling)
    _apply_fields(ruling, sources.merge_fields([best_fields, *(d.fields for d in rest)]))
    session.flush()
    review.after_store(session, ruling, previous_status=previous[0], previous_hash=previous[1],
                       publication=publication, content_hash=content_hash)
    if ruling.status == "published" and ruling.published_at is None:  # held rulings get it when approved
        ruling.published_at = utcnow()
        ruling.content_hash = content_hash(ruling)
    session.flush()
    return StoredRuling(ruling_id=ruling.id, slug=ruling.slug, text_source=wins)


def _write_text(session: Session, ruling: Ruling, parsed: ParsedRuling, entities: Sequence[Entity], pages: int,
                ocr_pages: list[int], extractor: str, anonymiser_version: str, tagger_version: str) -> None:
    """Everything a ruling reads off its text source's anonymised text, and the audit of that anonymisation."""
    md = parsed.metadata
    ruling.outcome = parsed.outcome
    ruling.outcome_explanation = parsed.outcome_explanation
    ruling.entreegeld_refunded = parsed.entreegeld_refunded
    ruling.amount_claimed = _amount_total(parsed, "claimed")
    ruling.amount_awarded = _amount_total(parsed, "awarded")
    # The claims (what the parties asked, with their amounts and outcomes) ride in the metadata: no new column.
    ruling.metadata_json = {**as_dict(md), "claims": as_dict(parsed.claims)}
    ruling.topics = as_dict(parsed.topics)
    ruling.references = as_dict(parsed.references)
    ruling.sections = as_dict(parsed.sections)
    ruling.decision_items = as_dict(parsed.decision_items)
    ruling.amounts = as_dict(parsed.amounts)
    ruling.text = parsed.body
    ruling.annex = parsed.annex
    ruling.pages = pages
    ruling.ocr_pages = ocr_pages
    ruling.extractor = extractor
    ruling.anonymiser_version = anonymiser_version
    ruling.tagger_version = tagger_version
    session.flush()
    session.execute(delete(AnonymisationAudit).where(AnonymisationAudit.ruling_id == ruling.id))
    session.add_all(
        AnonymisationAudit(ruling_id=ruling.id, start=e.start, end=e.end, label=e.label, role=e.role,
                           action=e.action, replacement=e.replacement, recogniser=e.recogniser)
        for e in entities
    )


def _compact(column: Any) -> Any:
    """SQL for a column lower-cased without the separators people vary ("." "-" ":" "/" " "): portable
    (SQLite and PostgreSQL) nested replace()."""
    expr = func.lower(column)
    for ch in ".-:/ ":
        expr = func.replace(expr, ch, "")
    return expr


def get_ruling(session: Session, key: str | int, status: str = "published") -> Ruling | None:
    """A *published* ruling (or one of another ``status``) by numeric id, slug, case number or ECLI.

    Identifiers are matched exactly first, then ignoring case and separators, so ``ecli:nl:crvb:2014:2942`` and
    ``2020.00821`` find ``ECLI:NL:CRVB:2014:2942`` and ``202000821`` (links are typed and pasted in many forms).
    """
    stmt = select(Ruling).where(Ruling.status == status)
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit() and len(key) < 9):
        found = session.scalar(stmt.where(Ruling.id == int(key)))
        if found is not None:
            return found
    found = session.scalar(stmt.where(Ruling.slug == str(key)))
    if found is not None:
        return found
    compact = re.sub(r"[.\-:/ ]", "", str(key).lower())
    if len(compact) < 5:
        return None
    return session.scalar(stmt.where(or_(_compact(Ruling.slug) == compact, _compact(Ruling.case_number) == compact,
                                         _compact(Ruling.ecli) == compact)).order_by(Ruling.id).limit(1))


def unpublished_in_index(session: Session) -> frozenset[int]:
    """Rulings the index may still hold although they are no longer public (taken down, held, quarantined, and
    the index copy not yet deleted): the web process leaves them out of search results meanwhile."""
    return frozenset(session.scalars(select(Ruling.id).where(Ruling.status != "published",
                                                             Ruling.indexed_hash.is_not(None))))


def counts(session: Session) -> dict[str, int]:
    rulings = dict(session.execute(select(Ruling.status, func.count()).group_by(Ruling.status)).all())
    docs = dict(session.execute(select(Document.status, func.count()).group_by(Document.status)).all())
    return {
        "rulings_published": int(rulings.get("published", 0)),
        "rulings_quarantined": int(rulings.get("quarantined", 0)),
        "documents": int(sum(docs.values())),
        "documents_failed": int(docs.get("failed", 0)),
        "documents_quarantined": int(docs.get("quarantined", 0)),
    }


def ping(session: Session) -> None:
    """One round trip to the database (health checks); raises when it is unreachable."""
    session.execute(text("SELECT 1"))


def published_fingerprint(session: Session) -> tuple[int, datetime | None]:
    """(count, last update) of the published rulings: changes whenever a ruling is published, updated or withdrawn,
    so caches of whole-archive figures can be keyed on it."""
    count, updated = session.execute(select(func.count(), func.max(Ruling.updated_at))
                                     .where(Ruling.status == "published")).one()
    return int(count), updated


def stats_rows(session: Session, ids: Sequence[int] | None = None) -> list[tuple[Any, ...]]:
    """(topics, insurer, outcome, decision date, decision items, amount claimed, amount awarded) of every published
    ruling, or of the published ones among ``ids``: what the outcome statistics count."""
    columns = (Ruling.topics, Ruling.insurer, Ruling.outcome, Ruling.decision_date, Ruling.decision_items,
               Ruling.amount_claimed, Ruling.amount_awarded)
    query = select(*columns).where(Ruling.status == "published")
    if ids is None:
        return [tuple(r) for r in session.execute(query)]
    wanted = sorted(set(ids))
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(wanted), 900):  # bound the bind parameters per statement (SQLite's limit)
        rows += [tuple(r) for r in session.execute(query.where(Ruling.id.in_(wanted[start:start + 900])))]
    return rows


def _cited_ids(session: Session) -> Iterable[set[str]]:
    """The reference ids each published ruling cites."""
    for (refs,) in session.execute(select(Ruling.references).where(Ruling.status == "published")):
        items: Any = refs or []
        yield {str(r["id"]) for r in items if isinstance(r, dict) and r.get("id")}


def reference_counts(session: Session) -> dict[str, int]:
    """How many published rulings cite each reference id (exact ids, as the facet counts them): every value, not
    only the facet's first few hundred, for the statute index."""
    counts: dict[str, int] = {}
    for ids in _cited_ids(session):
        for rid in ids:
            counts[rid] = counts.get(rid, 0) + 1
    return counts


def law_counts(session: Session) -> dict[str, int]:
    """How many published rulings cite each law (any article of it), by law prefix."""
    counts: dict[str, int] = {}
    for ids in _cited_ids(session):
        for prefix in {rid.split(":", 1)[0] for rid in ids}:
            counts[prefix] = counts.get(prefix, 0) + 1
    return counts


def similarity_rows(session: Session) -> list[tuple[int, str, str, date | None, str, str | None, Any, Any]]:
    """(id, slug, title, date, outcome, insurer, topics, references) of every published ruling: what similar
    rulings are scored on."""
    return [tuple(r) for r in session.execute(  # type: ignore[misc]
        select(Ruling.id, Ruling.slug, Ruling.title, Ruling.decision_date, Ruling.outcome, Ruling.insurer,
               Ruling.topics, Ruling.references).where(Ruling.status == "published"))]


def published_rulings(session: Session, batch_size: int = 200) -> Iterable[Ruling]:
    """Every published ruling, in id order, read ``batch_size`` rows at a time (by key, not offset) so that a bulk
    export of the whole archive holds one batch in memory: the session's identity map keeps only weak references
    to unchanged rows, so rows already handed out are freed."""
    last = 0
    while True:
        # The documents come with the batch (one query, not one per ruling): to_public lists a ruling's sources.
        batch = list(session.scalars(select(Ruling).where(Ruling.status == "published", Ruling.id > last)
                                     .options(selectinload(Ruling.documents))
                                     .order_by(Ruling.id).limit(batch_size)))
        yield from batch
        if len(batch) < batch_size:
            return
        last = batch[-1].id


def decision_items_of(session: Session, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The stored decision items of the published rulings among ``ids`` (exports' outcome per item), by id."""
    wanted = sorted(set(ids))
    found: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(wanted), 900):  # bound the bind parameters per statement (SQLite's limit)
        query = select(Ruling.id, Ruling.decision_items).where(Ruling.status == "published",
                                                              Ruling.id.in_(wanted[start:start + 900]))
        rows: Any = session.execute(query)
        for rid, items in rows:
            found[int(rid)] = [x for x in items or [] if isinstance(x, dict)]
    return found


def withdraw_by_ecli(session: Session, ecli: str, *, reason: str) -> list[int]:
    """Take down the rulings with this ECLI (compared case-insensitively) because their publisher withdrew them:
    status withdrawn, so every public response leaves them out, their pages answer 410, and the next index sync
    deletes them. A reviewer can republish one (``/beheer``). Returns the ids withdrawn now (already withdrawn or
    held ones are left as they are). ``reason`` is a code for the audit log, never text from the ruling."""
    from archive.models import ReviewAudit

    rows = session.scalars(select(Ruling).where(func.upper(Ruling.ecli) == ecli.strip().upper(),
                                                Ruling.status == review.PUBLISHED)).all()
    for ruling in rows:
        ruling.status = review.WITHDRAWN
        ruling.content_hash = content_hash(ruling)
        session.add(ReviewAudit(user_id=None, ruling_id=ruling.id, kind="withdrawn_upstream", detail=reason[:200]))
    session.flush()
    return [r.id for r in rows]
