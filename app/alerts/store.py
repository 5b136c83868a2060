"""Subscriptions and their tokens in the database: request, confirm, unsubscribe, expire, and what is due.

Every function takes a session and leaves committing to the caller (one transaction per step). Tokens are 256-bit
random strings (``secrets``); the database keeps their sha256 only, so a copy of it cannot confirm or end
anyone's alert. The address is kept only as long as the alert: unsubscribing deletes the row (and its tokens, by
cascade), and a request that is not confirmed in time is deleted by :func:`purge_expired`.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from archive.errors import RulingsError
from archive.models import AlertSubscription, AlertToken

Frequency = Literal["daily", "weekly"]
FREQUENCIES: dict[str, timedelta] = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
FREQUENCY_LABELS = {"daily": "dagelijks", "weekly": "wekelijks"}
# A run counts for the next period when it starts up to this much before a full period has passed (a daily cron
# job that ran at 07:00:05 yesterday is due again at 07:00:00 today).
PERIOD_SLACK = timedelta(hours=1)
ADDRESS_INTERVAL = timedelta(minutes=1)  # at most one subscription request per address per minute
# Unconfirmed requests an address may have at once: with one a minute alone, anyone could still have the archive
# send an address a confirmation mail every minute for as long as they like.
MAX_PENDING_PER_ADDRESS = 5
TOKEN_BYTES = 32


class AddressRateLimitedError(RulingsError):
    """A subscription request for an address that had one less than a minute ago."""

    code = "rate_limited"
    http_status = 429

    def __init__(self, retry_after: int, *, pending: bool = False) -> None:
        super().__init__("too many subscription requests for this address", detail={"retry_after": retry_after})
        self.retry_after = retry_after
        self.pending = pending  # refused because of the unconfirmed requests, not the minute


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _issue(session: Session, subscription_id: int, purpose: str, now: datetime) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(AlertToken(subscription_id=subscription_id, purpose=purpose, token_hash=hash_token(token),
                           created_at=now))
    return token


@dataclass(frozen=True)
class Request:
    subscription_id: int
    confirm_token: str


def request_subscription(session: Session, *, email: str, search: str, frequency: str, expiry: timedelta,
                         now: datetime | None = None) -> Request:
    """A pending subscription and the token of its confirmation link; :class:`AddressRateLimitedError` when the
    address asked less than a minute ago (whatever for: one confirmation mail per address per minute) or already
    has :data:`MAX_PENDING_PER_ADDRESS` requests awaiting confirmation."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be one of {', '.join(FREQUENCIES)}")
    now = now or utcnow()
    key = email.lower()
    last = session.scalar(select(AlertSubscription.requested_at).where(AlertSubscription.email_key == key)
                          .order_by(AlertSubscription.requested_at.desc()).limit(1))
    if last is not None and aware(last) > now - ADDRESS_INTERVAL:
        wait = (aware(last) + ADDRESS_INTERVAL - now).total_seconds()
        raise AddressRateLimitedError(max(1, math.ceil(wait)))
    waiting = list(session.scalars(
        select(AlertSubscription.requested_at).where(AlertSubscription.email_key == key,
                                                     AlertSubscription.status == "pending",
                                                     AlertSubscription.requested_at > now - expiry)
        .order_by(AlertSubscription.requested_at)))
    if len(waiting) >= MAX_PENDING_PER_ADDRESS:
        wait = (aware(waiting[0]) + expiry - now).total_seconds()
        raise AddressRateLimitedError(max(1, math.ceil(wait)), pending=True)
    sub = AlertSubscription(email=email, email_key=key, search=search, frequency=frequency, status="pending",
                            requested_at=now)
    session.add(sub)
    session.flush()
    return Request(sub.id, _issue(session, sub.id, "confirm", now))


def _by_token(session: Session, token: str, purpose: str) -> AlertToken | None:
    if not token or len(token) > 200:
        return None
    return session.scalar(select(AlertToken).where(AlertToken.token_hash == hash_token(token),
                                                   AlertToken.purpose == purpose))


def pending_for(session: Session, token: str, *, expiry: timedelta, now: datetime | None = None
                ) -> AlertSubscription | None:
    """The pending subscription a confirmation token belongs to, if it has not expired."""
    now = now or utcnow()
    found = _by_token(session, token, "confirm")
    if found is None:
        return None
    sub = found.subscription
    if sub.status != "pending" or aware(sub.requested_at) <= now - expiry:
        return None
    return sub


def confirm(session: Session, token: str, *, expiry: timedelta, now: datetime | None = None
            ) -> AlertSubscription | None:
    """Activate the subscription of a confirmation token: its digests start with rulings published from now on.
    ``None`` for an unknown, used or expired token. Confirming the same search and frequency for an address
    that already follows it keeps the one subscription."""
    now = now or utcnow()
    sub = pending_for(session, token, expiry=expiry, now=now)
    if sub is None:
        return None
    session.execute(delete(AlertToken).where(AlertToken.subscription_id == sub.id, AlertToken.purpose == "confirm"))
    twin = session.scalar(select(AlertSubscription).where(
        AlertSubscription.email_key == sub.email_key, AlertSubscription.search == sub.search,
        AlertSubscription.frequency == sub.frequency, AlertSubscription.status == "active"))
    if twin is not None:
        session.delete(sub)
        return twin
    sub.status = "active"
    sub.confirmed_at = now
    sub.watermark = math.floor(now.timestamp()) - 1  # rulings published from this second on
    return sub


def subscription_for(session: Session, token: str) -> AlertSubscription | None:
    """The subscription an unsubscribe token belongs to, changing nothing (the page that asks "afmelden?")."""
    found = _by_token(session, token, "unsubscribe")
    return found.subscription if found is not None else None


def unsubscribe(session: Session, token: str) -> bool:
    """Delete the subscription (address, search, tokens) an unsubscribe token belongs to; False if none."""
    found = _by_token(session, token, "unsubscribe")
    if found is None:
        return False
    session.execute(delete(AlertToken).where(AlertToken.subscription_id == found.subscription_id))
    session.execute(delete(AlertSubscription).where(AlertSubscription.id == found.subscription_id))
    return True


def unsubscribe_token(session: Session, subscription_id: int, now: datetime | None = None) -> str:
    """A new unsubscribe token for one mail (each mail has its own; all work until the alert ends)."""
    return _issue(session, subscription_id, "unsubscribe", now or utcnow())


def purge_expired(session: Session, *, expiry: timedelta, now: datetime | None = None) -> int:
    """Delete the requests not confirmed in time (with their address). Returns how many."""
    now = now or utcnow()
    expired = select(AlertSubscription.id).where(AlertSubscription.status == "pending",
                                                 AlertSubscription.requested_at <= now - expiry)
    ids = list(session.scalars(expired))
    if not ids:
        return 0
    session.execute(delete(AlertToken).where(AlertToken.subscription_id.in_(ids)))
    session.execute(delete(AlertSubscription).where(AlertSubscription.id.in_(ids)))
    return len(ids)


def due_ids(session: Session, now: datetime | None = None) -> list[int]:
    """Active subscriptions whose period has passed since their last digest run (or that never had one)."""
    now = now or utcnow()
    last = AlertSubscription.last_digest_at
    due = or_(*((AlertSubscription.frequency == name) & (last.is_(None) | (last <= now - period + PERIOD_SLACK))
                for name, period in FREQUENCIES.items()))
    return list(session.scalars(select(AlertSubscription.id).where(AlertSubscription.status == "active", due)
                                .order_by(AlertSubscription.id)))


def advance(session: Session, subscription_id: int, *, old: int | None, new: int, now: datetime) -> bool:
    """Move a subscription's watermark from ``old`` to ``new`` and stamp the run, if nobody moved it meanwhile
    (compare-and-set: two ``rulings alerts send`` at once never both send the same digest)."""
    result = session.execute(
        update(AlertSubscription)
        .where(AlertSubscription.id == subscription_id, AlertSubscription.status == "active",
               AlertSubscription.watermark == old if old is not None else AlertSubscription.watermark.is_(None))
        .values(watermark=new, last_digest_at=now))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def restore(session: Session, subscription_id: int, *, old: int | None, new: int, last: datetime | None,
            token: str | None) -> None:
    """Undo :func:`advance` after a mail could not be sent (the digest goes in the next run)."""
    session.execute(update(AlertSubscription)
                    .where(AlertSubscription.id == subscription_id, AlertSubscription.watermark == new)
                    .values(watermark=old, last_digest_at=last))
    if token is not None:
        session.execute(delete(AlertToken).where(AlertToken.token_hash == hash_token(token)))
