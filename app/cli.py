"""The ``rulings`` command line. One place turns errors into messages and exit codes (see :func:`main`).

Exit codes: 0 success; 1 some documents failed or were quarantined (in this run, or earlier and not fixed since);
2 a usage or configuration error; 3 a service (database, Meilisearch) is unavailable; 4 `ingest --queue --wait
--timeout` stopped waiting (the documents stay queued); 128 + n killed by signal n
(SIGTERM, SIGHUP: after stopping the managed Meilisearch and the workers).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from archive.errors import ConfigurationError, RulingsError, SearchUnavailableError
from archive.settings import Settings, get_settings

log = logging.getLogger("rulings")


def _settings() -> Settings:
    return get_settings()


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages to stderr.")
def cli(verbose: bool) -> None:
    """rulings-archive: ingest, anonymise, index and serve rulings."""
    level = "DEBUG" if verbose else _settings().log_level
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@cli.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    from app.runtime import runtime

    with runtime(_settings()):  # opening the database migrates it
        pass
    click.echo("database is up to date", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document on stdout.")
@click.option("--force", is_flag=True, help="Re-process documents even when unchanged.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per CPU).")
@click.option("--no-index", is_flag=True, help="Store in the database only; index later with `rulings reindex`.")
@click.option("--max-retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries of a document that failed (error, timeout, crash) before it stays failed.")
@click.option("--queue", "queued", is_flag=True, help="Send the documents to `rulings worker`s (RULINGS_BROKER_URL).")
@click.option("--wait", is_flag=True, help="With --queue: report each outcome, sync the index, exit as without it.")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="With --wait: stop waiting after this long, list what is still pending and exit 4; the documents "
                   "stay queued (default RULINGS_QUEUE_WAIT_TIMEOUT_S; 0 = until done).")
def ingest(paths: tuple[Path, ...], as_json: bool, force: bool, workers: int | None, no_index: bool,
           max_retries: int, queued: bool, wait: bool, timeout: float | None) -> None:
    """Ingest PDF / rechtspraak XML files or folders: extract, anonymise, tag, store, index.

    A document that failed before is retried (up to --max-retries times) and reported as failed until it
    succeeds; the exit code is 1 while any document given is failed or quarantined."""
    from tqdm import tqdm

    from app.indexing import sync_index
    from app.runtime import runtime
    from ingest.pipeline import iter_input_files, run_batch

    settings = _settings()
    if wait and not queued:
        raise click.UsageError("--wait goes with --queue")
    if timeout is not None and not wait:
        raise click.UsageError("--timeout goes with --queue --wait")
    timeout = settings.queue_wait_timeout_s if timeout is None else timeout
    still_pending: list[tuple[Path, str]] = []
    if workers is not None:
        settings = settings.model_copy(update={"workers": workers})
    files = list(iter_input_files(paths))
    summary: dict[str, int] = {}
    index_error = None
    with runtime(settings) as rt:
        with tqdm(total=len(files), desc="ingest", unit="doc", file=sys.stderr, disable=None) as bar:
            def report(outcome):  # type: ignore[no-untyped-def]
                summary[outcome.status] = summary.get(outcome.status, 0) + 1
                if outcome.retried:
                    summary["retried"] = summary.get("retried", 0) + 1
                if as_json:
                    _echo_json(outcome.public())
                elif outcome.status in ("failed", "quarantined"):
                    tries = f", attempt {outcome.attempts}" if outcome.attempts else ""
                    tqdm.write(f"{outcome.status}: {outcome.path}: {outcome.error} [{outcome.error_code}{tries}]",
                               file=sys.stderr)
                bar.update(1)

            if not queued:
                run_batch(files, settings, rt.database.factory, force=force, on_outcome=report,
                          max_retries=max_retries)
            else:  # workers process them (app/queue); outcomes are reported as they commit
                from app.queue.enqueue import enqueue_batch, pending, wait_for_outcomes

                # A wait that may time out leaves the index sync of the rest to the worker that ends the batch.
                batch = enqueue_batch(files, settings, rt.database.factory, force=force, max_retries=max_retries,
                                      sync_after=(not wait or bool(timeout)) and not no_index, on_outcome=report)
                if wait:
                    wait_for_outcomes(batch, rt.database.factory, report, timeout_s=timeout)
                    if batch.timed_out:
                        still_pending = pending(batch, rt.database.factory)
                        summary["pending"] = len(still_pending)
                else:
                    summary["queued"] = len(batch.paths)
        if not no_index and (wait or not queued):
            try:
                with rt.search() as index, _sync_lock(rt, settings, queued):
                    summary["indexed"] = sync_index(rt.database.factory, index).upserted
            except RulingsError as exc:
                index_error = exc
    for path, state in still_pending:  # the operator's own paths, as for a failed document
        if as_json:
            _echo_json({"path": str(path), "status": "pending", "task": state})
        else:
            click.echo(f"pending: {path} [{state}]", err=True)
    parts = ", ".join(f"{v} {k}" for k, v in sorted(summary.items()))
    click.echo(f"{len(files)} documents: {parts or 'nothing to do'}", err=True)
    if still_pending:
        click.echo(f"stopped waiting after {timeout:g} s: {len(still_pending)} documents are still queued or in a "
                   "worker's hands; nothing is lost, `rulings status` shows them once done", err=True)
    if index_error is not None:
        click.echo(f"index not updated ({index_error.message}); the database is intact, rerun to repair",
                   err=True)
        sys.exit(3)
    if still_pending:
        sys.exit(4)
    if summary.get("failed") or summary.get("quarantined"):
        sys.exit(1)


def _sync_lock(rt, settings: Settings, queued: bool):  # type: ignore[no-untyped-def]
    """With the queue, the index sync takes the lock the workers' syncs take; the embedded path needs none."""
    import contextlib

    if not queued:
        return contextlib.nullcontext()
    from app.queue.locks import index_sync_lock

    return index_sync_lock(rt.database, settings, blocking=True)


def _read_document(path: Path, settings: Settings):  # type: ignore[no-untyped-def]
    from ingest import extract_file
    from ingest.input_files import check_regular

    check_regular(path, settings.max_file_mb * 1024 * 1024)  # a FIFO or /dev/zero would block or never end
    return extract_file(path, settings)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default; kept for symmetry).")
def extract(file: Path, as_json: bool) -> None:
    """Print what ingestion would store, *before* anonymisation. Stores nothing."""
    from archive.domain import as_dict
    from ingest import parse_ruling

    settings = _settings()
    raw = _read_document(file, settings)
    parsed = parse_ruling(raw.text, raw.format_metadata)
    _echo_json({
        "text": parsed.body, "metadata": as_dict(parsed.metadata), "sections": as_dict(parsed.sections),
        "annex": parsed.annex, "decision_items": as_dict(parsed.decision_items), "outcome": parsed.outcome,
        "outcome_explanation": parsed.outcome_explanation, "entreegeld_refunded": parsed.entreegeld_refunded,
        "amounts": as_dict(parsed.amounts), "topics": as_dict(parsed.topics),
        "references": as_dict(parsed.references), "pages": len(raw.pages), "ocr_pages": raw.ocr_pages,
        "page_records": [{"number": p.number, "ocr": p.ocr, "text": p.text} for p in raw.pages],
        "extractor": raw.extractor,
    })


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON with the entities (default: the text).")
def anonymise(file: Path, as_json: bool) -> None:
    """Print the anonymised text of a PDF, rechtspraak XML or text file. Stores nothing."""
    from anonymise import anonymise as run_anonymiser
    from archive.domain import as_dict

    settings = _settings()
    raw = _read_document(file, settings)
    result = run_anonymiser(raw.text, settings)  # raises AnonymisationError rather than print a leak
    if not as_json:
        click.echo(result.text)
        return
    entities = [{k: v for k, v in as_dict(e).items() if k in ("start", "end", "label", "role", "action",
                                                             "replacement", "recogniser")}
                for e in result.entities]
    _echo_json({"text": result.text, "entities": entities, "version": result.version})


@cli.command()
@click.option("--host", default=None, help="Bind address (default RULINGS_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default RULINGS_PORT, 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Start the managed Meilisearch (unless RULINGS_MEILI_URL is set) and the web server.

    The managed Meilisearch is restarted with backoff if it dies, and stopped when serve ends (Ctrl-C, SIGTERM,
    SIGHUP)."""
    import uvicorn

    from app.indexing import sync_index
    from app.main import create_app
    from app.runtime import runtime
    from app.server import HTTP_PROTOCOL

    settings = _settings()
    with runtime(settings) as rt, rt.search(supervise=True) as index:
        report = sync_index(rt.database.factory, index)  # repair anything an interrupted ingest left behind
        rt.database.engine.dispose()  # the app opens its own; Meilisearch stays up while it serves
        if report.upserted or report.deleted:
            click.echo(f"index repaired: {report.upserted} upserted, {report.deleted} deleted", err=True)
        h, p = host or settings.host, port or settings.port
        click.echo(f"serving on http://{h}:{p}", err=True)
        # HTTP_PROTOCOL: a request uvicorn itself refuses (an over-long request line) gets the one JSON error shape.
        uvicorn.run(create_app(settings), host=h, port=p, log_level="warning", access_log=False, http=HTTP_PROTOCOL)


@cli.command()
def reindex() -> None:
    """Rebuild the search index from the database into a new index and swap it in (no downtime).

    A sync follows, for rulings that changed while the rebuild ran."""
    from app.indexing import rebuild_index, sync_index
    from app.runtime import runtime

    with runtime(_settings()) as rt, rt.search() as index:
        n = rebuild_index(rt.database.factory, index)
        sync_index(rt.database.factory, index)
    click.echo(f"reindexed {n} rulings", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(as_json: bool) -> None:
    """Counts of rulings and documents, the failed and quarantined documents, index state and drift, versions.

    Failed documents are listed by id, sha256 and error, never by file name (it may name a party) or text."""
    from app.cli_harvest import harvest_status
    from app.indexing import index_drift
    from app.queue.jobs import job_status
    from app.runtime import runtime
    from app.service import APP_VERSION
    from archive.db import session_scope
    from archive.store import counts, failed_documents

    settings = _settings()
    with runtime(settings) as rt:
        with session_scope(rt.database.factory) as session:
            report: dict[str, Any] = {"database": counts(session)}
            failed = [{"id": d.id, "sha256": d.sha256, "status": d.status, "error_code": d.error_code,
                       "error": d.error, "attempts": d.attempts, "updated_at": d.updated_at}
                      for d in failed_documents(session)]
            report["harvest"], failed_harvest = harvest_status(session)
            report["schedule"] = job_status(session) or {"jobs": "none run (see `rulings beat`)"}
        report["versions"] = {"app": APP_VERSION}
        try:
            from ingest.pipeline import pipeline_version

            report["versions"]["pipeline"] = pipeline_version(settings)
        except Exception as exc:  # noqa: BLE001 - status must work even when the model cannot load
            report["versions"]["pipeline"] = f"unavailable ({type(exc).__name__})"
        try:
            with rt.search() as index:
                report["index"] = {"name": settings.index_name, "url": settings.effective_meili_url(),
                                   "state": "ok", **index_drift(rt.database.factory, index)}
        except RulingsError as exc:
            report["index"] = {"state": "unavailable", "error": exc.message}
    if as_json:
        _echo_json({**report, "failed_documents": failed, "failed_downloads": failed_harvest})
        return
    for section, values in report.items():
        click.echo(f"{section}:")
        for k, v in values.items():
            click.echo(f"  {k}: {v}")
    click.echo(f"failed documents: {len(failed) or 'none'}")
    for d in failed:
        click.echo(f"  #{d['id']} sha256 {str(d['sha256'])[:12]} {d['status']} {d['error_code']} "
                   f"(attempts {d['attempts']}): {d['error']}")
    click.echo(f"failed downloads: {len(failed_harvest) or 'none'}")
    for h in failed_harvest:
        click.echo(f"  #{h['id']} {h['source']} {h['error_code']} (attempts {h['attempts']}): {h['error']}")


@cli.command("export-bulk")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def export_bulk(directory: Path | None, as_json: bool) -> None:
    """Write every published ruling to DIRECTORY (default: the folder the API serves, DATA_DIR/bulk): JSON Lines
    (gzip) with all public fields and the anonymised text, a metadata CSV for Dutch Excel, and manifest.json with
    counts and sha256. Files are replaced atomically; run it from cron (docs/operations.md, "Bulk data")."""
    from app.bulk import bulk_dir, write_bulk
    from app.runtime import runtime
    from app.service import to_public
    from archive.db import session_scope
    from archive.store import published_rulings

    settings = _settings()
    target = directory or bulk_dir(settings)
    with runtime(settings) as rt, session_scope(rt.database.factory) as session:
        manifest = write_bulk((to_public(r) for r in published_rulings(session)), target,
                              base_url=settings.public_url or "")
    if as_json:
        _echo_json(manifest.model_dump(mode="json"))
    click.echo(f"exported {manifest.count} rulings to {target}: "
               + ", ".join(f"{f.name} ({f.size} bytes)" for f in manifest.files), err=True)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-meili-dump", is_flag=True, help="Skip the Meilisearch dump (restore does not need it).")
@click.option("--meili-dump-dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Dump folder of an external Meilisearch (its --dump-dir), to copy its dump from.")
@click.option("--harvest-files", type=click.Choice(["needed", "all"]), default="needed", show_default=True,
              help="Harvested files to include: those of documents not published yet (needed to restore), or all.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def backup(directory: Path, no_meili_dump: bool, meili_dump_dir: Path | None, harvest_files: str,
           as_json: bool) -> None:
    """Back up the archive into DIRECTORY (new or empty): a consistent database copy (SQLite online backup or
    pg_dump, with the harvest state), the private originals, the harvested files not yet published, a Meilisearch
    dump, and manifest.json (versions, counts, sha256 of each file). See docs/operations.md, "Backup and restore"."""
    from app.backup import create_backup

    report = create_backup(_settings(), directory, meili_dump=not no_meili_dump, meili_dump_dir=meili_dump_dir,
                           harvest_files=harvest_files)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if as_json:
        _echo_json(report.manifest)
    click.echo(f"backup of {report.manifest['counts']['rulings_published']} published rulings written to "
               f"{directory}: {len(report.manifest['files']) + 1} files, {report.size} bytes, "
               f"{report.seconds:.1f} s", err=True)


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Restore even into a non-empty data folder / existing database "
                                            "(replaces the database and the private originals).")
def restore(directory: Path, force: bool) -> None:
    """Restore a backup from DIRECTORY into an empty data folder: the manifest's checksums are verified first,
    then the database and the private originals are restored and the search index is rebuilt from the database."""
    from app.backup import restore_backup

    report = restore_backup(_settings(), directory, force=force)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"restored {report.counts['rulings_published']} published rulings, {report.counts['documents']} "
               f"documents; indexed {report.indexed} in {report.seconds:.1f} s", err=True)


from app.cli_harvest import harvest  # noqa: E402 - registered last, like every command module

cli.add_command(harvest)

from app.cli_alerts import alerts as alerts_commands  # noqa: E402 - rulings alerts send|status

cli.add_command(alerts_commands)

from app.cli_review import register as register_review  # noqa: E402 - reviewer accounts (issue 17)

register_review(cli)

from app.cli_queue import beat, worker  # noqa: E402 - the queue's commands (issue 16)

cli.add_command(worker); cli.add_command(beat)  # noqa: E702


def main() -> None:
    from app.runtime import exit_on_termination

    try:
        with exit_on_termination():  # SIGTERM/SIGHUP unwind like Ctrl-C: Meilisearch and workers are stopped
            cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SearchUnavailableError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(3)
    except ConfigurationError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(2)
    except RulingsError as exc:
        click.echo(f"error ({exc.code}): {exc.message}", err=True)
        sys.exit(1 if exc.http_status < 500 else 2)


if __name__ == "__main__":
    main()
