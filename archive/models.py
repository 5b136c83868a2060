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
    # When the ruling became public in this archive (not its decision date): what feeds, "new in the archive" and
    # alert digests order and select by. Set the first time it is published; None while it never was.
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

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


# --- Review (issue 17): accounts, sessions, API tokens, the audit log, the queue, corrections, reports -------------
# Reviewer-only data. Two columns hold text that may name a person and are never served publicly:
# ``review_corrections.surface`` (what a reviewer redacted or restored, needed to re-apply the correction) and
# ``review_reports.message`` (what a reader wrote; cleared when the report is closed). The audit log holds codes only.


class ReviewUser(Base):
    __tablename__ = "review_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)  # lower case
    role: Mapped[str] = mapped_column(String(20))  # reviewer | admin
    password_hash: Mapped[str | None] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    setup_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # one-time link, sha256
    setup_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ReviewSession(Base):
    """A login: the cookie holds a random token, the table only its sha256."""

    __tablename__ = "review_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie token
    user_id: Mapped[int] = mapped_column(ForeignKey("review_users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[ReviewUser] = relationship()


class ReviewApiToken(Base):
    __tablename__ = "review_api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("review_users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token
    prefix: Mapped[str] = mapped_column(String(12))  # shown in `rulings user token --list`
    revoked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[ReviewUser] = relationship()


class ReviewAudit(Base):
    """Every write: who, when, which ruling, what kind. Never a name or a text."""

    __tablename__ = "review_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("review_users.id", ondelete="SET NULL"), index=True)
    ruling_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: the log outlives rows
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200), default="")  # codes and ids only


class ReviewItem(Base):
    """A ruling's place in the review queue: why it is there, and what content was approved last."""

    __tablename__ = "review_items"

    ruling_id: Mapped[int] = mapped_column(ForeignKey("rulings.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending | approved
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{"code", "count"}]
    approved_hash: Mapped[str | None] = mapped_column(String(64))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("review_users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class ReviewCorrection(Base):
    """A reviewer's correction of a ruling's anonymisation, re-applied whenever the ruling is processed again."""

    __tablename__ = "review_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ruling_id: Mapped[int] = mapped_column(ForeignKey("rulings.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # redact | keep | role
    surface: Mapped[str | None] = mapped_column(Text)  # reviewer-only (see above)
    placeholder: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str | None] = mapped_column(String(40))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("review_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewReport(Base):
    """A reader's "Meld een fout" report."""

    __tablename__ = "review_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ruling_id: Mapped[int] = mapped_column(ForeignKey("rulings.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")  # reviewer-only; cleared on closing
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open | closed
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("review_users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ReviewPromotion(Base):
    """A correction promoted to the reviewed data lists (exported by ``rulings review lists``)."""

    __tablename__ = "review_promotions"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_review_promotions"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # kept_organisation | known_surname
    value: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("review_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HarvestMark(Base):
    """How far a harvest of one source has come: the ``modified`` time of the newest entry it processed."""

    __tablename__ = "harvest_marks"

    source: Mapped[str] = mapped_column(String(200), primary_key=True)
    mark: Mapped[str] = mapped_column(String(40))  # ISO 8601 in UTC, e.g. 2026-01-02T03:04:05+00:00
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class HarvestItem(Base):
    """One thing a harvest downloads (an ECLI, a PDF's URL): what was last fetched, its validators for a
    conditional GET, and the error of a download that failed (retried by the next run, listed by `rulings status`).
    """

    __tablename__ = "harvest_items"
    __table_args__ = (UniqueConstraint("source", "key", name="uq_harvest_items_source_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(1000))  # the ECLI, or the URL of a listed file
    url: Mapped[str] = mapped_column(Text)
    modified: Mapped[str | None] = mapped_column(String(40))  # the feed's `updated` of the version fetched
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)  # of the stored bytes
    suffix: Mapped[str] = mapped_column(String(10), default="")
    status: Mapped[str] = mapped_column(String(20), index=True)  # stored | failed | deleted
    error_code: Mapped[str | None] = mapped_column(String(60))
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # failed runs in a row
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


# E-mail alerts (app.alerts) -----------------------------------------------------------------------------------
# The address is personal data kept only for the alert: the row is deleted on unsubscribe, an unconfirmed one when
# its confirmation expires. Tokens are stored as sha256 hashes only; the mails carry the tokens themselves.


class AlertSubscription(Base):
    """A search someone follows by e-mail: pending until its confirmation link is used, then active."""

    __tablename__ = "alert_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320), index=True)  # lower case: one address, one rate limit
    search: Mapped[str] = mapped_column(Text, default="")  # the search's canonical query string (SearchPlan.params)
    frequency: Mapped[str] = mapped_column(String(10))  # daily | weekly
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending | active
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Unix second up to which rulings published in the archive (rulings.published_at, the index's published_at)
    # have been considered for a digest, sent or not matching: the next digest starts after it.
    watermark: Mapped[int | None] = mapped_column(Integer)
    last_digest_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # last run it was due in

    tokens: Mapped[list[AlertToken]] = relationship(back_populates="subscription", cascade="all, delete-orphan",
                                                    passive_deletes=True)


class AlertToken(Base):
    """A link's secret, hashed: ``confirm`` (the opt-in mail) or ``unsubscribe`` (one per mail sent)."""

    __tablename__ = "alert_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("alert_subscriptions.id", ondelete="CASCADE"),
                                                 index=True)
    purpose: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    subscription: Mapped[AlertSubscription] = relationship(back_populates="tokens")

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


class ScheduledJob(Base):
    """The last run of one scheduled job of `rulings beat` (``harvest:<source>``, ``alerts``): whether it is
    running, succeeded or failed, with an error code and a message that carry no ruling text, name or URL, so
    `rulings status` shows a failure until a later run succeeds (app.queue.jobs)."""

    __tablename__ = "scheduled_jobs"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    state: Mapped[str] = mapped_column(String(12))  # running | ok | failed
    runs: Mapped[int] = mapped_column(Integer, default=0)  # runs started (a skipped one is not a run)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # failed (or interrupted) runs in a row
    skipped: Mapped[int] = mapped_column(Integer, default=0)  # deliveries skipped: the job was running already
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_ok_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error_code: Mapped[str | None] = mapped_column(String(60))
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # counts of the last run
