"""The digest run (``rulings alerts send``): for every subscription whose period has passed, the rulings newly
published in the archive that its search finds, in one mail.

**Which rulings.** Each subscription keeps a watermark, a Unix second: rulings with ``published_at`` after it
have not been considered yet. A run considers them up to a cut-off and moves the watermark there, whether a mail
went out or nothing matched, so a ruling is never in two digests of one subscription. The cut-off lies
``RULINGS_ALERTS_SETTLE_S`` in the past (a ruling being stored right now, whose transaction has not committed,
gets in the next run instead of being skipped) and before the first published ruling the index does not hold yet
(the search runs on Meilisearch, so a ruling waiting for its index sync waits for the next digest too).

**Matching** is the subscription's own search (``q``, filters, ranges, validated as on the search page) on the
index, restricted to ``published_at`` in the window, newest first; the rulings listed are read from the database
(published ones only).

**Idempotent, and one failure is one failure.** The watermark moves by compare-and-set before the mail is
sent, so two runs at once never send the same digest; when sending fails it is put back and the digest goes in
the next run. A refused address is logged by subscription id and error type (never the address) and the run goes
on; a mail server that cannot be reached (or refuses the login) stops the run
(:class:`~app.alerts.mail.MailUnavailableError`), with the digest in hand put back.
"""

from __future__ import annotations

import logging
import math
import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.exceptions import RequestValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.alerts.mail import Mailer
from app.alerts.messages import DigestItem, digest_mail
from app.alerts.searches import alert_plan, describe
from app.alerts.store import (
    advance,
    aware,
    due_ids,
    purge_expired,
    restore,
    unsubscribe_token,
    utcnow,
)
from app.indexing import _stale
from app.web.urls import search_url
from archive.db import session_scope
from archive.errors import ConfigurationError, InvalidParameterError, RulingsError, SearchUnavailableError
from archive.models import AlertSubscription, Ruling
from archive.settings import Settings
from archive.urls import ruling_url
from search_index import SearchIndex
from search_index.facets import OUTCOME_LABELS
from search_index.query import SearchPlan
from search_index.query.requests import SORT_PARAM, ids_request

log = logging.getLogger(__name__)


@dataclass
class SendReport:
    """What a run did, in counts (never addresses)."""

    due: int = 0
    sent: int = 0
    nothing_new: int = 0
    failed: int = 0
    invalid: int = 0
    purged: int = 0
    until: int | None = None  # the cut-off: rulings published up to this Unix second were considered
    waiting_for_index: int = 0  # published rulings the index does not hold yet (they wait for the next run)
    failed_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def window_end(session: Session, *, now: datetime, settle_s: int, since: int) -> tuple[int, int]:
    """The cut-off of this run (a Unix second) and how many published rulings after ``since`` are not indexed.

    Meilisearch holds ``published_at`` in whole seconds, so the window is in whole seconds too, and ends one
    second before the settled moment: every ruling of a second the window includes is settled.
    """
    until = math.floor((now - timedelta(seconds=settle_s)).timestamp()) - 1
    after = datetime.fromtimestamp(since, UTC)
    first, waiting = session.execute(
        select(func.min(Ruling.published_at), func.count()).where(_stale(), Ruling.published_at > after)).one()
    if first is not None:
        until = min(until, math.floor(aware(first).timestamp()) - 1)
    return until, int(waiting)


async def new_matches(index: SearchIndex, plan: SearchPlan, *, since: int, until: int, limit: int
                      ) -> tuple[list[int], int]:
    """The ids (newest first, at most ``limit``) and the exact count of the rulings the search finds among those
    published in the archive in ``(since, until]``."""
    windowed = plan.replace(published_after=since, sort="published_desc")
    request = ids_request(index.name, windowed, identifier=None, limit=limit)
    # published_after is the plan's own (exclusive) lower bound; the upper bound is this run's cut-off.
    request["filter"] = f"({request['filter']}) AND (published_at <= {int(until)})"
    request["sort"] = list(SORT_PARAM["published_desc"])
    try:
        (answer,) = await index.async_client().multi_search([request])
    except SearchUnavailableError as exc:
        if isinstance(exc.detail, dict) and exc.detail.get("meili_code") == "index_not_found":
            return [], 0  # nothing indexed yet (an empty archive has no index): nothing new either
        raise
    ids = [int(h["ruling_id"]) for h in answer.get("hits") or [] if "ruling_id" in h]
    return ids, int(answer.get("totalHits") or len(ids))


def _items(session: Session, ids: list[int], base: str) -> list[DigestItem]:
    """The listed rulings, from the database (published ones only, in the order given); only the columns a mail
    shows (a ruling row also holds its whole text)."""
    columns = (Ruling.id, Ruling.slug, Ruling.title, Ruling.case_number, Ruling.ecli, Ruling.decision_date,
               Ruling.insurer, Ruling.outcome)
    rows = {r.id: r for r in session.execute(select(*columns).where(Ruling.id.in_(ids), Ruling.status == "published"))}
    return [DigestItem(title=r.title or r.case_number or r.slug, case_number=r.case_number, ecli=r.ecli,
                       decision_date=r.decision_date, insurer=r.insurer,
                       outcome=OUTCOME_LABELS.get(r.outcome, r.outcome), url=base + ruling_url(r.slug))
            for i in ids if (r := rows.get(i)) is not None]


async def send_digests(settings: Settings, factory: sessionmaker[Session], index: SearchIndex, mailer: Mailer,
                       *, now: datetime | None = None) -> SendReport:
    """Send every digest that is due; purge expired requests first. See the module's description."""
    if not settings.public_url:
        raise ConfigurationError("alert mails link to the archive: set RULINGS_PUBLIC_URL")
    base = settings.public_url
    now = now or utcnow()
    report = SendReport()
    with session_scope(factory) as session:
        report.purged = purge_expired(session, expiry=timedelta(hours=settings.alerts_confirm_hours), now=now)
        ids = due_ids(session, now)
        marks = [w for w in session.scalars(select(AlertSubscription.watermark)
                                            .where(AlertSubscription.id.in_(ids))) if w is not None] if ids else []
        until, report.waiting_for_index = window_end(session, now=now, settle_s=settings.alerts_settle_s,
                                                     since=min(marks, default=until_now(now)))
    report.due, report.until = len(ids), until
    # One search and one read of its rulings per (search, watermark) in a run: alerts on the same search share them.
    found: dict[tuple[str, int], tuple[list[DigestItem], int]] = {}
    for sub_id in ids:
        try:
            outcome = await _one(settings, factory, index, mailer, sub_id, base=base, until=until, now=now,
                                 found=found)
        except (smtplib.SMTPException, OSError) as exc:
            log.warning("alert %d: digest not sent (%s); it goes in the next run", sub_id, type(exc).__name__)
            report.failed += 1
            report.failed_ids.append(sub_id)
            continue
        except RulingsError:
            raise  # Meilisearch, the mail server or the configuration: every other alert would fail the same way
        except Exception as exc:  # noqa: BLE001 - one alert's unexpected failure must not stop the others
            log.error("alert %d: digest failed (%s); it goes in the next run", sub_id, type(exc).__name__)
            report.failed += 1
            report.failed_ids.append(sub_id)
            continue
        if outcome == "sent":
            report.sent += 1
        elif outcome == "nothing":
            report.nothing_new += 1
        elif outcome == "invalid":
            report.invalid += 1
    log.info("alert digests: %d due, %d sent, %d without new rulings, %d failed, %d invalid, %d expired "
             "requests deleted", report.due, report.sent, report.nothing_new, report.failed, report.invalid,
             report.purged)
    return report


async def _one(settings: Settings, factory: sessionmaker[Session], index: SearchIndex, mailer: Mailer,
               sub_id: int, *, base: str, until: int, now: datetime,
               found: dict[tuple[str, int], tuple[list[DigestItem], int]]) -> str:
    with session_scope(factory) as session:
        sub = session.get(AlertSubscription, sub_id)
        if sub is None or sub.status != "active":
            return "gone"
        old, last, email, search, frequency = sub.watermark, sub.last_digest_at, sub.email, sub.search, sub.frequency
    since = old if old is not None else until
    if since >= until:
        return "held"  # nothing settled since the last run yet
    try:
        plan = alert_plan(search)
    except (RequestValidationError, InvalidParameterError):
        # A search stored under an earlier vocabulary (a facet value that no longer exists): no digest, logged.
        log.warning("alert %d: its search is no longer valid; no digest", sub_id)
        return "invalid"
    key = (search, since)
    if key not in found:
        ids, total = await new_matches(index, plan, since=since, until=until, limit=settings.alerts_max_rulings)
        with session_scope(factory) as session:
            found[key] = (_items(session, ids, base) if ids else [], total)
    items, total = found[key]
    with session_scope(factory) as session:
        if not advance(session, sub_id, old=old, new=until, now=now):
            return "raced"  # another run took it
        if not items:
            return "nothing"
        token = unsubscribe_token(session, sub_id, now)
    message = digest_mail(sender=mailer.sender, to=email, base=base, token=token, description=describe(plan),
                          frequency=frequency, items=items, total=max(total, len(items)),
                          search_url=base + search_url([*plan.params(), ("sort", "published_desc")]))
    try:
        mailer.send(message)
    except BaseException:
        with session_scope(factory) as session:
            restore(session, sub_id, old=old, new=until, last=last, token=token)
        raise
    return "sent"


def until_now(now: datetime) -> int:
    return math.floor(now.timestamp())
