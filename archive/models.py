"""SQLAlchemy 2.0 models. The database is the source of truth; the search index is a rebuildable copy.

Only anonymised text is stored in these tables. Originals live in ``settings.private_dir`` (never served).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Ruling(Base):
    """One published (or quarantined) ruling, built from anonymised text only."""

    __tablename__ = "rulings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True, index=True)  # permalink key
    status: Mapped[str] = mapped_column(String(20), default="published", index=True)
    source: Mapped[str] = mapped_column(String(20), index=True)
    case_number: Mapped[str | None] = mapped_column(String(80), index=True)
    ecli: Mapped[str | None] = mapped_column(String(80), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    court: Mapped[str | None] = mapped_column(String(200))
    decision_date: Mapped[date | None] = mapped_column(Date, index=True)
    hearing_date: Mapped[date | None] = mapped_column(Date)
    publication_date: Mapped[date | None] = mapped_column(Date)
    decision_place: Mapped[str | None] = mapped_column(String(120))
    insurer: Mapped[str | None] = mapped_column(String(120), index=True)
    insurer_concern: Mapped[str | None] = mapped_column(String(120))
    insurance_type: Mapped[str] = mapped_column(String(40), default="onbekend")
    outcome: Mapped[str] = mapped_column(String(40), default="onbekend", index=True)
    outcome_explanation: Mapped[str] = mapped_column(Text, default="")
    entreegeld_refunded: Mapped[bool | None] = mapped_column(Boolean)
    amount_claimed: Mapped[float | None] = mapped_column(Float)
    amount_awarded: Mapped[float | None] = mapped_column(Float)
    metadata_json: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    topics: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    references: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    decision_items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    amounts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text, default="")  # anonymised body (no annex)
    annex: Mapped[str] = mapped_column(Text, default="")  # anonymised annex
    pages: Mapped[int] = mapped_column(Integer, default=0)
    ocr_pages: Mapped[list[int]] = mapped_column(JSON, default=list)
    extractor: Mapped[str] = mapped_column(String(60), default="")
    anonymiser_version: Mapped[str] = mapped_column(String(60), default="")
    tagger_version: Mapped[str] = mapped_column(String(60), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")  # hash of what is indexed
    # content_hash + ":v<index document schema>" last written to the index (app.indexing)
    indexed_hash: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="ruling")
    audit: Mapped[list[AnonymisationAudit]] = relationship(
        back_populates="ruling", cascade="all, delete-orphan", order_by="AnonymisationAudit.id"
    )


class Document(Base):
    """One source file, keyed by the sha256 of its bytes: the same bytes are never processed twice."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("sha256", name="uq_documents_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer, default=0)
    source_format: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(20), index=True)  # published | quarantined | failed
    error_code: Mapped[str | None] = mapped_column(String(60))
    error: Mapped[str | None] = mapped_column(Text)
    # processing attempts under the current pipeline_version; bounds the retries of a failed document
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pipeline_version: Mapped[str] = mapped_column(String(200), default="")
    # sha256 of the extracted (original) text: a new extractor version that extracts the same text changes nothing
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    # What this file contributed to its ruling (archive.sources): one ruling may have several source files, and
    # the best ranked one supplies the text. NULL until the document first produced a ruling.
    extractor: Mapped[str | None] = mapped_column(String(60))
    pages: Mapped[int | None] = mapped_column(Integer)
    ocr_pages: Mapped[list[int] | None] = mapped_column(JSON)
    quality_rank: Mapped[int | None] = mapped_column(Integer)  # 3 rechtspraak XML, 2 born-digital, 1 OCR
    text_chars: Mapped[int | None] = mapped_column(Integer)  # length of its anonymised ruling text (tie-break)
    # the merged metadata fields it supplied (archive.sources.MERGED_FIELDS), from its anonymised text and format
    fields: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # whether the ruling's text, structure and audit are this document's
    text_source: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ruling_id: Mapped[int | None] = mapped_column(ForeignKey("rulings.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    ruling: Mapped[Ruling | None] = relationship(back_populates="documents")


class AnonymisationAudit(Base):
    """What the anonymiser did to a ruling: labels, offsets, recogniser, placeholder. Never the original."""

    __tablename__ = "anonymisation_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ruling_id: Mapped[int] = mapped_column(ForeignKey("rulings.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(10))
    replacement: Mapped[str | None] = mapped_column(String(80))
    recogniser: Mapped[str] = mapped_column(String(60))

    ruling: Mapped[Ruling] = relationship(back_populates="audit")


# The ingestion queue (issue 16, app/queue) ----------------------------------------------------------------------
class QueueBlob(Base):
    """The bytes of a queued file, content-addressed, where every worker reaches them (unless a shared blob folder
    is configured). Un-anonymised originals: private like ``private_dir``; deleted once no queued task needs them."""

    __tablename__ = "queue_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class QueueTask(Base):
    """One document sent through the queue: its place in the batch, how often a worker took it (a worker that dies
    mid-task gets its message delivered again, at most ``queue_max_deliveries`` times) and its outcome once done.
    The outcome is written in the same transaction as the document, so a redelivered task that is done is not
    processed again. No file names: ``position`` is the enqueuer's index into its own list of paths."""

    __tablename__ = "queue_tasks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    position: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)  # queued | running | done
    deliveries: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
