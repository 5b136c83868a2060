"""``rulings harvest``: fill the archive from its sources, then ingest what was downloaded.

    rulings harvest rechtspraak [--since DATE] [--until DATE] [--max N] [--subject URI]... [--creator URI]...
    rulings harvest listing URL [--pattern REGEX] [--max N]
    rulings harvest NAME                      a source named in RULINGS_SOURCES (e.g. skgz)
    rulings harvest forget ID...              stop retrying and reporting failed downloads

The downloading is :mod:`ingest.harvest`; the last step, :func:`ingest_stored`, hands the stored files to exactly
what ``rulings ingest`` runs (same outcomes, summary and exit codes), so ingestion has one implementation. A
``--queue`` variant replaces that one call by enqueuing the same files.

Exit codes: 0 all well; 1 a download failed (in this run, or earlier and given up after RULINGS_HARVEST_MAX_ATTEMPTS
runs) or a document failed or was quarantined in ingestion; 2 a usage or configuration error; 3 a service is
unavailable (the index; the harvested files are stored and the next run ingests them), or another harvest of the
same host is running (scheduled or by hand: one at a time per host); 4 with ``--queue --wait``: the wait timed out
(RULINGS_QUEUE_WAIT_TIMEOUT_S), the documents stay queued.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from archive.settings import Settings, get_settings

if TYPE_CHECKING:  # the heavy modules load when a command runs
    from sqlalchemy.orm import Session, sessionmaker

    from ingest.harvest import Failure, HarvestReport
    from ingest.harvest.http import PoliteClient

Work = Callable[[Settings, "sessionmaker[Session]", "PoliteClient", "Callable[[Failure], None]"], "HarvestReport"]


def ingest_stored(ctx: click.Context, files: list[Path], *, as_json: bool, no_index: bool, max_retries: int) -> int:
    """Ingest the harvested files as ``rulings ingest FILES`` does; returns its exit code (0, 1 or 3).

    The one step a queue replaces: with ``--queue`` (``--wait``) the files go to the workers (app/queue), as with
    ``rulings ingest --queue``."""
    from app.cli import ingest

    if not files:
        return 0
    try:
        ctx.invoke(ingest, paths=tuple(files), as_json=as_json, force=False, workers=None, no_index=no_index,
                   max_retries=max_retries, queued=ctx.meta.get(_QUEUE, False), wait=ctx.meta.get(_WAIT, False),
                   timeout=None)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


class _SourceStatus(dict[str, Any]):
    """One source's line of `rulings status`: a dict for --json, one readable line for the text report (which
    prints each value with str(); a plain dict printed as "{'mark': ..., 'last_download': datetime.datetime(...)}")."""

    def __str__(self) -> str:
        last = self["last_download"]
        return (f"mark {self['mark'] or 'none'}, {self['items']} items, {self['failed']} failed, last download "
                + (f"{last:%Y-%m-%d %H:%M:%S} UTC" if last else "never"))


def harvest_status(session: Session) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """For `rulings status`: per source its mark, items, failed items and last download; and the failed downloads
    by id, source and error (never the URL: a file name can carry a person's name)."""
    from archive import harvest as state

    sources: dict[str, Any] = {s.source: _SourceStatus(mark=s.mark, items=s.items, failed=s.failed,
                                                       last_download=s.last_fetch) for s in state.summary(session)}
    failed = [{"id": i.id, "source": i.source, "error_code": i.error_code, "error": i.error,
               "attempts": i.attempts, "updated_at": i.updated_at} for i in state.failed_items(session)]
    return sources or {"sources": "none"}, failed


def _parse_moment(value: str | None, *, end_of_day: bool) -> datetime | None:
    if value is None:
        return None
    from ingest.harvest.rechtspraak import AMSTERDAM

    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise click.BadParameter("use YYYY-MM-DD or YYYY-MM-DDThh:mm:ss (Dutch time unless an offset is given)",
                                 param_hint="--until" if end_of_day else "--since") from exc
    date_only = len(value.strip()) == 10
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment + timedelta(days=1) if date_only and end_of_day else moment


_QUEUE, _WAIT = "rulings.queue", "rulings.queue_wait"


def _remember(key: str) -> Callable[[click.Context, click.Parameter, bool], bool]:
    def store(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
        ctx.meta[key] = value
        return value

    return store


def _common(f: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--max", "max_docs", type=click.IntRange(min=0), default=None,
                     help="Download at most N documents in this run (the next run goes on from there)."),
        click.option("--json", "as_json", is_flag=True,
                     help="A JSON summary of the harvest, then one JSON object per ingested document."),
        click.option("--no-ingest", is_flag=True, help="Download and store only; a later harvest ingests them."),
        click.option("--no-index", is_flag=True, help="Ingest into the database only (see `rulings ingest`)."),
        click.option("--max-retries", type=click.IntRange(min=0), default=3, show_default=True,
                     help="Retries of a document that failed in ingestion (see `rulings ingest`)."),
        # the queue (issue 16, app/queue): ingest_stored hands these to `rulings ingest`
        click.option("--queue", is_flag=True, expose_value=False, callback=_remember(_QUEUE),
                     help="Send the downloaded documents to `rulings worker`s (see `rulings ingest --queue`)."),
        click.option("--wait", is_flag=True, expose_value=False, callback=_remember(_WAIT),
                     help="With --queue: wait for the workers' outcomes (see `rulings ingest --wait`)."),
    ]):
        f = option(f)
    return f


def harvest_lock(url: str) -> str:
    """The lock a harvest of ``url``'s host holds while it downloads (app.queue.locks): one harvest per host at a
    time, scheduled or by hand, so a slow run is never overlapped by the next and the host never gets more than
    RULINGS_HARVEST_REQUESTS_PER_S."""
    from urllib.parse import urlsplit

    return f"harvest:{(urlsplit(url).hostname or url).lower()}"


def source_work(settings: Settings, name: str, max_docs: int | None = None) -> Work:
    """The download step of the built-in ``rechtspraak`` harvest or of a source named in RULINGS_SOURCES, as a
    scheduled run does it (from the mark, at most ``max_docs``); a ConfigurationError for an unknown name."""
    from archive.errors import ConfigurationError
    from ingest.harvest.sources import load_sources

    if name == "rechtspraak":
        return _rechtspraak_work(None, None, max_docs, (), ())
    source = load_sources(settings).get(name)
    if source is None:
        raise ConfigurationError(f"no harvest source {name!r} in RULINGS_SOURCES")
    if source.type == "listing":
        return _listing_work(source.url or "", source.pattern, max_docs, source.name)
    return _rechtspraak_work(None, None, max_docs, source.subjects, source.creators)


def source_lock(settings: Settings, name: str) -> str:
    """The lock of ``source_work(settings, name)`` (see :func:`harvest_lock`)."""
    from ingest.harvest.sources import load_sources

    source = load_sources(settings).get(name) if name != "rechtspraak" else None
    return harvest_lock(source.url if source is not None and source.url else settings.rechtspraak_url)


def _run(ctx: click.Context, label: str, work: Work, *, lock: str, as_json: bool, no_ingest: bool, no_index: bool,
         max_retries: int) -> None:
    from app.queue.locks import job_lock
    from app.runtime import runtime
    from ingest.harvest.http import PoliteClient

    settings = get_settings()

    def show(failure: Failure) -> None:
        if not as_json:  # the key (ECLI or URL) goes to the operator's terminal only, never to a log
            click.echo(f"failed: {failure.key}: {failure.message} [{failure.code}, attempt {failure.attempts}]",
                       err=True)

    with runtime(settings) as rt, job_lock(rt.database, settings, lock, blocking=False) as got:
        if not got:
            click.echo(f"another harvest of {lock.partition(':')[2]} is running (scheduled or by hand); this one "
                       "does nothing, run it again later", err=True)
            sys.exit(3)
        with PoliteClient(settings) as client:
            report = work(settings, rt.database.factory, client, show)
    if as_json:
        click.echo(json.dumps({"harvest": report.summary(), "failures": [f.public() for f in report.failures]},
                              ensure_ascii=False))
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"harvest {label}: {report.fetched} downloaded, {report.unchanged} unchanged, {report.failed} failed"
               + (f", {report.deleted} deleted upstream ({report.withdrawn} taken down here)" if report.deleted
                  else "")
               + (f", {report.robots_skipped} disallowed by robots.txt" if report.robots_skipped else "")
               + f"; {report.requests} requests" + (f"; mark {report.mark}" if report.mark else ""), err=True)
    code = 0
    if no_ingest:
        if report.files:
            click.echo(f"{len(report.files)} stored files not ingested (--no-ingest)", err=True)
    else:
        code = ingest_stored(ctx, report.files, as_json=as_json, no_index=no_index, max_retries=max_retries)
    if report.withdrawn and not no_index and code != 3:
        code = max(code, _sync_withdrawn(settings))
    if code in (3, 4):
        sys.exit(code)
    if report.failures or code:
        sys.exit(1)


def _sync_withdrawn(settings: Settings) -> int:
    """Delete the rulings withdrawn upstream from the index now (a running server already leaves them out of every
    answer: it re-reads what is published). 0, or 3 when the index is unavailable (the next sync catches up)."""
    from app.indexing import sync_index
    from app.runtime import runtime
    from archive.errors import SearchUnavailableError

    try:
        with runtime(settings) as rt, rt.search() as index:
            report = sync_index(rt.database.factory, index)
    except SearchUnavailableError:
        click.echo("the search index is unavailable: withdrawn rulings leave it with the next sync", err=True)
        return 3
    click.echo(f"index: {report.deleted} withdrawn rulings deleted", err=True)
    return 0


def _rechtspraak_work(since: datetime | None, until: datetime | None, max_docs: int | None,
                      subjects: tuple[str, ...], creators: tuple[str, ...]) -> Work:
    def work(settings, factory, client, show):  # type: ignore[no-untyped-def]
        from ingest.harvest.rechtspraak import RechtspraakHarvester, split_uris

        harvester = RechtspraakHarvester(settings, factory, client,
                                         subjects=subjects or split_uris(settings.rechtspraak_subjects),
                                         creators=creators or split_uris(settings.rechtspraak_creators),
                                         on_failure=show)
        return harvester.run(since=since, until=until, max_docs=max_docs)

    return work


def _listing_work(url: str, pattern: str | None, max_docs: int | None, source: str | None) -> Work:
    def work(settings, factory, client, show):  # type: ignore[no-untyped-def]
        from ingest.harvest.listing import ListingHarvester

        return ListingHarvester(settings, factory, client, source=source, on_failure=show).run(
            url, pattern=pattern, max_docs=max_docs)

    return work


def _check_pattern(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    import re

    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise click.BadParameter(f"not a regular expression ({exc})") from exc
    return value


def _check_url(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter("must be an http(s) URL")
    return value


class HarvestGroup(click.Group):
    """The built-in harvests, and one command per source named in RULINGS_SOURCES."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from archive.errors import ConfigurationError
        from ingest.harvest.sources import load_sources

        try:
            named = sorted(load_sources(get_settings()))
        except ConfigurationError:
            named = []
        return [*super().list_commands(ctx), *named]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        from ingest.harvest.sources import load_sources

        source = load_sources(get_settings()).get(cmd_name)
        return None if source is None else _named_command(source)


def _named_command(source: Any) -> click.Command:
    if source.type == "listing":
        @click.command(name=source.name, help=f"Harvest the configured listing {source.name!r} (RULINGS_SOURCES).")
        @_common
        @click.pass_context
        def listing_source(ctx: click.Context, max_docs: int | None, as_json: bool, no_ingest: bool,
                           no_index: bool, max_retries: int) -> None:
            _run(ctx, source.name, _listing_work(source.url, source.pattern, max_docs, source.name),
                 lock=harvest_lock(source.url), as_json=as_json, no_ingest=no_ingest, no_index=no_index,
                 max_retries=max_retries)

        return listing_source

    @click.command(name=source.name, help=f"Harvest rechtspraak.nl as configured in {source.name!r} "
                                          "(RULINGS_SOURCES).")
    @click.option("--since", default=None, help="Changes since DATE instead of since the last run.")
    @click.option("--until", default=None, help="Changes up to DATE (a date alone: to the end of that day).")
    @_common
    @click.pass_context
    def rechtspraak_source(ctx: click.Context, since: str | None, until: str | None, max_docs: int | None,
                           as_json: bool, no_ingest: bool, no_index: bool, max_retries: int) -> None:
        work = _rechtspraak_work(_parse_moment(since, end_of_day=False), _parse_moment(until, end_of_day=True),
                                 max_docs, source.subjects, source.creators)
        _run(ctx, source.name, work, lock=harvest_lock(get_settings().rechtspraak_url), as_json=as_json,
             no_ingest=no_ingest, no_index=no_index, max_retries=max_retries)

    return rechtspraak_source


@click.group(cls=HarvestGroup)
def harvest() -> None:
    """Download rulings from their sources (incremental, polite), then ingest them.

    See docs/operations.md, "Harvesting"."""


@harvest.command()
@click.option("--since", default=None,
              help="Changes since DATE (YYYY-MM-DD or an ISO time, Dutch time) instead of since the last run.")
@click.option("--until", default=None, help="Changes up to DATE (a date alone: to the end of that day).")
@click.option("--subject", "subjects", multiple=True,
              help="Only this rechtsgebied URI (repeatable; default RULINGS_RECHTSPRAAK_SUBJECTS).")
@click.option("--creator", "creators", multiple=True,
              help="Only this instantie URI (repeatable; default RULINGS_RECHTSPRAAK_CREATORS).")
@_common
@click.pass_context
def rechtspraak(ctx: click.Context, since: str | None, until: str | None, subjects: tuple[str, ...],
                creators: tuple[str, ...], max_docs: int | None, as_json: bool, no_ingest: bool, no_index: bool,
                max_retries: int) -> None:
    """Harvest rechtspraak.nl open data (RULINGS_RECHTSPRAAK_URL): the ECLIs changed since the last run (the
    high-water mark in the database), each document fetched, checked, stored and ingested."""
    work = _rechtspraak_work(_parse_moment(since, end_of_day=False), _parse_moment(until, end_of_day=True),
                             max_docs, subjects, creators)
    _run(ctx, "rechtspraak", work, lock=harvest_lock(get_settings().rechtspraak_url), as_json=as_json,
         no_ingest=no_ingest, no_index=no_index, max_retries=max_retries)


@harvest.command()
@click.argument("url", callback=_check_url)
@click.option("--pattern", default=None, callback=_check_pattern,
              help=r"Regular expression a file link must match (default: \.pdf at the end).")
@_common
@click.pass_context
def listing(ctx: click.Context, url: str, pattern: str | None, max_docs: int | None, as_json: bool,
            no_ingest: bool, no_index: bool, max_retries: int) -> None:
    """Harvest the ruling PDFs a publisher's web pages list, from URL on through its pagination (robots.txt
    honoured, conditional GET)."""
    _run(ctx, "listing", _listing_work(url, pattern, max_docs, None), lock=harvest_lock(url), as_json=as_json,
         no_ingest=no_ingest, no_index=no_index, max_retries=max_retries)


@harvest.command()
@click.argument("ids", nargs=-1, required=True, type=click.IntRange(min=1))
def forget(ids: tuple[int, ...]) -> None:
    """Stop retrying and reporting failed downloads, by the ids `rulings status` lists (e.g. a ruling withdrawn
    upstream for good). Only failed downloads are forgotten; a later harvest that meets the document again starts
    afresh."""
    from app.runtime import runtime
    from archive import harvest as state
    from archive.db import session_scope

    with runtime(get_settings()) as rt, session_scope(rt.database.factory) as session:
        n = state.forget_failed(session, list(ids))
    click.echo(f"forgot {n} failed download{'s' if n != 1 else ''}", err=True)
    if n != len(set(ids)):
        click.echo("note: the other ids are not failed downloads", err=True)
