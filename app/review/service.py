"""The review use cases, shared by the /beheer pages and the reviewer API: the queue, a ruling's review view,
corrections, approval, takedown, readers' reports.

Every write is one transaction with its audit line. A correction or an approval is pushed to the search index
before the call returns (``sync``); a takedown is public at once (its page answers 410 from the database, and
search results leave out what the database no longer publishes, :meth:`app.service.ArchiveService.search`) and
its index copy is deleted in the background. No model is loaded: corrections are applied by
:func:`archive.review.apply_corrections`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from app.review.accounts import Principal, audit
from archive import review, store
from archive.db import session_scope
from archive.errors import ForbiddenError, InvalidParameterError, NotFoundError
from archive.models import (
    ReviewCorrection,
    ReviewItem,
    ReviewPromotion,
    ReviewReport,
    Ruling,
    utcnow,
)
from archive.settings import Settings

log = logging.getLogger(__name__)
MAX_SURFACE = 200
MAX_MESSAGE = 2000
MAX_NOTE = 500
PROMOTION_KINDS = {"kept_organisation": "bewaarde organisatie", "known_surname": "bekende achternaam"}


@dataclass
class QueueEntry:
    ruling_id: int
    slug: str
    title: str
    status: str
    reasons: list[dict[str, Any]]
    open_reports: int
    updated_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {"ruling_id": self.ruling_id, "slug": self.slug, "title": self.title, "status": self.status,
                "reasons": self.reasons, "open_reports": self.open_reports,
                "updated_at": self.updated_at.isoformat() if self.updated_at else None}


@dataclass
class Segment:
    text: str
    kind: str = ""  # "" | replaced | kept | model_only | name_left | doubtful
    title: str = ""


@dataclass
class ReviewView:
    ruling_id: int
    slug: str
    title: str
    status: str
    text: str
    segments: list[Segment]
    original: str | None  # reviewers only: never in a public response
    reasons: list[dict[str, Any]]
    corrections: list[dict[str, Any]]
    reports: list[dict[str, Any]]
    placeholders: list[str]
    approved_at: datetime | None = None
    doubts: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"ruling_id": self.ruling_id, "slug": self.slug, "title": self.title, "status": self.status,
                "text": self.text, "original": self.original, "reasons": self.reasons,
                "corrections": self.corrections, "reports": self.reports, "placeholders": self.placeholders,
                "doubts": self.doubts, "approved_at": self.approved_at.isoformat() if self.approved_at else None}


def reason_labels(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "label": review.REASON_LABELS.get(r["code"], r["code"])} for r in reasons]


def segments(text: str, audit_rows: list[review.AuditSpan], doubts: list[review.Doubt]) -> list[Segment]:
    """``text`` cut into plain and highlighted pieces: doubtful tokens over replacements over kept names."""
    marks: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []

    def mark(start: int, end: int, kind: str, title: str) -> None:
        if start < end and not any(s < end and start < e for s, e in taken):
            marks.append((start, end, kind, title))
            taken.append((start, end))

    for d in doubts:
        mark(d.start, d.end, d.code, review.REASON_LABELS.get(d.code, d.code))
    for m in review.PLACEHOLDER.finditer(text):
        mark(m.start(), m.end(), "replaced", "vervangen")
    for a in audit_rows:
        if a.action == "kept" and a.label == "PERSON" and 0 <= a.start < a.end <= len(text):
            mark(a.start, a.end, "kept", f"behouden ({a.role})")
    out: list[Segment] = []
    pos = 0
    for start, end, kind, title in sorted(marks):
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], kind, title))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


class ReviewService:
    def __init__(self, factory: sessionmaker[Session], settings: Settings,
                 sync: Callable[[int], object] | None = None,
                 published_changed: Callable[[], object] | None = None) -> None:
        self.factory = factory
        self.settings = settings
        self._sync: Callable[[int], object] = sync or (lambda _ruling_id: None)
        self._sync_lock = threading.Lock()  # one index write at a time, in the order they were asked for
        self._published_changed: Callable[[], object] = published_changed or (lambda: None)

    def sync(self, ruling_id: int) -> None:
        """Bring the ruling's index copy in line with the database before returning."""
        with self._sync_lock:
            self._sync(ruling_id)

    def sync_in_background(self, ruling_id: int) -> threading.Thread:
        """The same, in a thread: a takedown is public at once (the database says so, and search leaves out what
        the database no longer publishes), so the reviewer need not wait for a busy Meilisearch."""
        thread = threading.Thread(target=self._sync_quietly, args=(ruling_id,), name="review-sync", daemon=True)
        thread.start()
        return thread

    def _sync_quietly(self, ruling_id: int) -> None:
        try:
            self.sync(ruling_id)
        except Exception as exc:  # noqa: BLE001 - the next sync_index (every serve start, every ingest) repairs it
            log.warning("index update of ruling %s failed: %s", ruling_id, type(exc).__name__)

    # --- reading ---------------------------------------------------------------------------------------------
    def queue(self) -> list[QueueEntry]:
        """Rulings waiting for a reviewer: held, flagged and not approved as they are, or reported."""
        with session_scope(self.factory) as session:
            reports = dict(session.execute(select(ReviewReport.ruling_id, func.count())
                                           .where(ReviewReport.status == "open")
                                           .group_by(ReviewReport.ruling_id)).all())
            stmt = (select(Ruling, ReviewItem).outerjoin(ReviewItem, ReviewItem.ruling_id == Ruling.id)
                    .where(or_(ReviewItem.state == "pending", Ruling.status == review.HELD,
                               Ruling.id.in_(list(reports) or [-1])))
                    .order_by(Ruling.updated_at.desc(), Ruling.id.desc()).limit(500))
            out = []
            for ruling, item in session.execute(stmt).all():
                reasons = list(item.reasons) if item is not None and item.state == "pending" else []
                if ruling.status == review.HELD and not any(r["code"] == "held" for r in reasons):
                    reasons.insert(0, {"code": "held", "count": 1})
                if reports.get(ruling.id):
                    reasons.append({"code": "report", "count": int(reports[ruling.id])})
                out.append(QueueEntry(ruling.id, ruling.slug, ruling.title, ruling.status, reason_labels(reasons),
                                      int(reports.get(ruling.id, 0)), ruling.updated_at))
            return out

    def _ruling(self, session: Session, ruling_id: int) -> Ruling:
        ruling = session.get(Ruling, ruling_id)
        if ruling is None:
            raise NotFoundError(f"no ruling {ruling_id}")
        return ruling

    def original_text(self, ruling: Ruling) -> str | None:
        """The un-anonymised text of the ruling's text source, from the private folder (reviewers only)."""
        doc = next((d for d in ruling.documents if d.text_source), None) or next(iter(ruling.documents), None)
        if doc is None:
            return None
        path: Path = self.settings.private_dir / f"{doc.sha256}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def view(self, ruling_id: int) -> ReviewView:
        with session_scope(self.factory) as session:
            ruling = self._ruling(session, ruling_id)
            spans = review.audit_spans(ruling)
            doubts = review.doubt_flags(ruling.text or "", spans)
            item = review.item_of(session, ruling.id)
            corrections = session.scalars(select(ReviewCorrection).where(ReviewCorrection.ruling_id == ruling.id)
                                          .order_by(ReviewCorrection.id)).all()
            reports = session.scalars(select(ReviewReport).where(ReviewReport.ruling_id == ruling.id)
                                      .order_by(ReviewReport.id.desc())).all()
            text = ruling.text or ""
            return ReviewView(
                ruling_id=ruling.id, slug=ruling.slug, title=ruling.title, status=ruling.status, text=text,
                segments=segments(text, spans, doubts), original=self.original_text(ruling),
                reasons=reason_labels(list(item.reasons) if item is not None and item.state == "pending" else []),
                corrections=[{"id": c.id, "kind": c.kind, "surface": c.surface, "placeholder": c.placeholder,
                              "role": c.role, "created_at": c.created_at.isoformat()} for c in corrections],
                reports=[{"id": r.id, "status": r.status, "message": r.message, "note": r.note,
                          "created_at": r.created_at.isoformat()} for r in reports],
                placeholders=sorted({m.group(0) for m in review.PLACEHOLDER.finditer(text + "\n" + ruling.annex)}),
                approved_at=item.approved_at if item is not None else None,
                doubts=[{"start": d.start, "end": d.end, "code": d.code} for d in doubts])

    # --- writing ---------------------------------------------------------------------------------------------
    def add_correction(self, who: Principal, ruling_id: int, kind: str, *, surface: str = "",
                       placeholder: str = "", role: str = "") -> int:
        """Store a correction and apply it at once; the number of mentions it changed."""
        surface = " ".join((surface or "").split())[:MAX_SURFACE]
        placeholder = (placeholder or "").strip()
        role = (role or "").strip()
        if kind not in review.KINDS:
            raise InvalidParameterError("kind must be redact, keep or role", detail={"param": "kind"})
        if role and role not in review.ROLES:
            raise InvalidParameterError("unknown role", detail={"param": "role"})
        with session_scope(self.factory) as session:
            ruling = self._ruling(session, ruling_id)
            texts = [ruling.text or "", ruling.annex or ""]
            if kind == "redact":
                if len(surface) < 2:
                    raise InvalidParameterError("name the words to replace", detail={"param": "surface"})
                if review.PLACEHOLDER.fullmatch(surface):
                    raise InvalidParameterError("that is a placeholder already", detail={"param": "surface"})
                if not any(review.surface_pattern(surface).search(t) for t in texts):
                    raise InvalidParameterError("these words do not occur in the text", detail={"param": "surface"})
                placeholder = review.free_placeholder(texts, role or "persoon")
                role = role or "persoon"
            elif kind == "keep":
                if not review.PLACEHOLDER.fullmatch(placeholder) or not any(placeholder in t for t in texts):
                    raise InvalidParameterError("choose a placeholder of this ruling", detail={"param": "placeholder"})
                original = self.original_text(ruling)
                if original is None:
                    raise InvalidParameterError("the original text is not kept, so nothing can be restored",
                                                detail={"param": "surface"})
                if len(surface) < 2 or not review.surface_pattern(surface).search(original):
                    raise InvalidParameterError("these words do not occur in the original",
                                                detail={"param": "surface"})
            else:
                if not review.PLACEHOLDER.fullmatch(placeholder) or not any(placeholder in t for t in texts):
                    raise InvalidParameterError("choose a placeholder of this ruling", detail={"param": "placeholder"})
                if not role:
                    raise InvalidParameterError("choose a role", detail={"param": "role"})
                surface = ""
            row = ReviewCorrection(ruling_id=ruling.id, kind=kind, surface=surface or None,
                                   placeholder=placeholder or None, role=role or None, created_by=who.user_id)
            session.add(row)
            session.flush()
            changed = review.apply_corrections(ruling, [review.Correction.of(row)])
            self._content_changed(session, ruling)
            audit(session, f"correction_{kind}", user_id=who.user_id, ruling_id=ruling.id,
                  detail=f"correction={row.id};mentions={changed}")
        self.sync(ruling_id)
        return changed

    def _content_changed(self, session: Session, ruling: Ruling) -> None:
        ruling.updated_at = utcnow()
        ruling.content_hash = store.content_hash(ruling)
        session.flush()
        status = ruling.status
        ruling.status = review.PUBLISHED
        ruling.content_hash = store.content_hash(ruling)
        item = review.refresh_item(session, ruling, held=status == review.HELD)
        if item is not None and item.approved_hash != ruling.content_hash:
            item.state = "pending"
        ruling.status = status
        ruling.content_hash = store.content_hash(ruling)

    def approve(self, who: Principal, ruling_id: int) -> str:
        """Publish the ruling as it is now (held, withdrawn or flagged) and take it out of the queue."""
        with session_scope(self.factory) as session:
            ruling = self._ruling(session, ruling_id)
            if ruling.status not in (review.PUBLISHED, review.HELD, review.WITHDRAWN):
                raise InvalidParameterError(f"a {ruling.status} ruling cannot be approved")
            was = ruling.status
            ruling.status = review.PUBLISHED
            _mark_published(ruling)
            ruling.content_hash = store.content_hash(ruling)
            item = review.item_of(session, ruling.id)
            if item is None:
                item = ReviewItem(ruling_id=ruling.id, reasons=[])
                session.add(item)
            item.state = "approved"
            item.approved_hash = ruling.content_hash
            item.approved_by = who.user_id
            item.approved_at = utcnow()
            audit(session, "approve" if was != review.WITHDRAWN else "republish", user_id=who.user_id,
                  ruling_id=ruling.id, detail=f"from={was}")
        self.sync(ruling_id)
        return "published"

    def unpublish(self, who: Principal, ruling_id: int, note: str = "") -> int:
        """Take a ruling down: out of the index and every public response, its page 410; its open reports are
        closed with ``note``. Returns the number of reports closed."""
        note = (note or "").strip()[:MAX_NOTE]
        with session_scope(self.factory) as session:
            ruling = self._ruling(session, ruling_id)
            closed = 0
            if ruling.status != review.WITHDRAWN:
                ruling.status = review.WITHDRAWN
                ruling.content_hash = store.content_hash(ruling)
            for report in review.open_reports(session, ruling.id):
                _close(report, who, note or "offline gehaald")
                closed += 1
            audit(session, "unpublish", user_id=who.user_id, ruling_id=ruling.id, detail=f"reports_closed={closed}")
        self._published_changed()
        self.sync_in_background(ruling_id)
        self.withdraw_bulk()
        return closed

    _bulk_lock = threading.Lock()

    def withdraw_bulk(self) -> None:
        """The bulk data files hold every published ruling: after a takedown they are withdrawn at once (the
        manifest goes, so the API lists and serves none) and written anew without the ruling, in the background."""
        from app.bulk import MANIFEST_NAME, bulk_dir, read_manifest, write_bulk
        from app.service import to_public

        target = bulk_dir(self.settings)
        if read_manifest(target) is None:
            return
        (target / MANIFEST_NAME).unlink(missing_ok=True)

        def rewrite() -> None:
            with self._bulk_lock, session_scope(self.factory) as session:
                try:
                    write_bulk((to_public(r) for r in store.published_rulings(session)), target,
                               base_url=self.settings.public_url or "")
                except Exception as exc:  # noqa: BLE001 - the next `rulings export-bulk` writes them again
                    log.error("rewriting the bulk files after a takedown failed: %s", type(exc).__name__)

        self._bulk_thread = threading.Thread(target=rewrite, name="bulk-after-takedown", daemon=True)
        self._bulk_thread.start()

    def close_report(self, who: Principal, report_id: int, note: str) -> None:
        with session_scope(self.factory) as session:
            report = session.get(ReviewReport, report_id)
            if report is None:
                raise NotFoundError(f"no report {report_id}")
            _close(report, who, (note or "").strip()[:MAX_NOTE] or "afgehandeld")
            audit(session, "report_close", user_id=who.user_id, ruling_id=report.ruling_id,
                  detail=f"report={report.id}")

    def file_report(self, slug: str, message: str) -> int:
        """A reader's report on a published ruling (no login); its id."""
        message = (message or "").strip()[:MAX_MESSAGE]
        with session_scope(self.factory) as session:
            ruling = store.get_ruling(session, slug)
            if ruling is None:
                raise NotFoundError("no published ruling")
            report = ReviewReport(ruling_id=ruling.id, message=message, status="open", note="")
            session.add(report)
            session.flush()
            audit(session, "report", ruling_id=ruling.id, detail=f"report={report.id}")
            return report.id

    def promote(self, who: Principal, correction_id: int, kind: str) -> None:
        """Copy a correction's surface to the reviewed data lists (admins only): a kept organisation (from a
        restored redaction) or a known surname (from an added one). ``rulings review lists`` exports them."""
        if not who.is_admin:
            raise ForbiddenError("only an admin may change the data lists")
        if kind not in PROMOTION_KINDS:
            raise InvalidParameterError("unknown list", detail={"param": "kind"})
        with session_scope(self.factory) as session:
            row = session.get(ReviewCorrection, correction_id)
            if row is None or not row.surface:
                raise NotFoundError(f"no correction {correction_id} with words")
            value = row.surface if kind == "kept_organisation" else row.surface.split()[-1]
            exists = session.scalar(select(ReviewPromotion).where(ReviewPromotion.kind == kind,
                                                                  ReviewPromotion.value == value))
            if exists is None:
                session.add(ReviewPromotion(kind=kind, value=value, created_by=who.user_id))
            audit(session, "promote", user_id=who.user_id, ruling_id=row.ruling_id,
                  detail=f"correction={row.id};list={kind}")


def _mark_published(ruling: Ruling) -> None:
    """Record when the ruling first became public in this archive (migration 0006)."""
    if ruling.published_at is None:
        ruling.published_at = utcnow()


def _close(report: ReviewReport, who: Principal, note: str) -> None:
    report.status = "closed"
    report.note = note
    report.message = ""  # what the reader wrote may name someone: gone once handled
    report.closed_by = who.user_id
    report.closed_at = utcnow()

