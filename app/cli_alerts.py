"""``rulings alerts``: the e-mail alert jobs (app.alerts). ``send`` is meant for a scheduler: cron (the way
docs/operations.md documents) or, when a broker is configured, the queue's periodic scheduler calling
:func:`run_send`, the same function this command runs."""

from __future__ import annotations

import asyncio
import json
import sys

import click
from sqlalchemy import func, select

from archive.settings import Settings, get_settings


@click.group("alerts")
def alerts() -> None:
    """E-mail alerts: send the digests that are due, report counts."""


def run_send(settings: Settings, database=None):  # type: ignore[no-untyped-def]
    """One digest run: every due subscription gets its digest, expired requests are deleted. Returns the
    :class:`~app.alerts.digest.SendReport`. Raises ConfigurationError when SMTP, the sender or the public URL is
    not set, SearchUnavailableError when Meilisearch cannot be reached. ``database``: a process's open database
    (a queue worker's), instead of opening a second engine on it (SQLite: a second open in one process drops the
    first one's file locks)."""
    import contextlib

    from app.alerts.digest import send_digests
    from app.alerts.mail import Mailer, SmtpConfig, sender
    from app.runtime import Runtime, runtime
    from archive.errors import ConfigurationError

    config, from_address = SmtpConfig.from_settings(settings), sender(settings)
    if not settings.public_url:  # checked before Meilisearch is started for nothing
        raise ConfigurationError("alert mails link to the archive: set RULINGS_PUBLIC_URL")

    async def run(index):  # type: ignore[no-untyped-def]
        try:
            with Mailer(config, from_address) as mailer:
                return await send_digests(settings, rt.database.factory, index, mailer)
        finally:
            await index.aclose()

    opened = runtime(settings) if database is None else contextlib.nullcontext(Runtime(settings, database))
    with opened as rt, rt.search() as index:
        return asyncio.run(run(index))


@alerts.command("send")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def send(as_json: bool) -> None:
    """Send the digests that are due (daily and weekly subscriptions), each with the rulings newly published in
    the archive that its search finds; delete requests not confirmed in time. Safe to run as often as you like: a
    digest never goes twice, and a subscription gets at most one per period. Exit 1 when a mail could not be
    sent (it goes in the next run)."""
    from app.alerts.mail import MailUnavailableError

    try:
        report = run_send(get_settings())
    except MailUnavailableError as exc:
        click.echo(f"error: {exc.message}; no digest was lost, they go in the next run", err=True)
        sys.exit(3)  # a service is unavailable, like Meilisearch
    if as_json:
        click.echo(json.dumps(report.as_json()))
    click.echo(f"alert digests: {report.due} due, {report.sent} sent, {report.nothing_new} without new rulings, "
               f"{report.failed} failed, {report.invalid} with an invalid search; {report.purged} expired requests "
               f"deleted", err=True)
    if report.waiting_for_index:
        click.echo(f"note: {report.waiting_for_index} published rulings are not indexed yet; they go in a later "
                   f"digest (run `rulings reindex` if this persists)", err=True)
    if report.failed:
        sys.exit(1)


@alerts.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(as_json: bool) -> None:
    """How many alerts are active and how many requests await confirmation (counts only, never addresses)."""
    from app.runtime import runtime
    from archive.db import session_scope
    from archive.models import AlertSubscription

    with runtime(get_settings()) as rt, session_scope(rt.database.factory) as session:
        counts = dict(session.execute(select(AlertSubscription.status, func.count())
                                      .group_by(AlertSubscription.status)).tuples().all())
    result = {"active": int(counts.get("active", 0)), "pending": int(counts.get("pending", 0))}
    if as_json:
        click.echo(json.dumps(result))
    else:
        click.echo(f"{result['active']} active alerts, {result['pending']} awaiting confirmation")
