"""The ingestion batch: file → extract → anonymise → parse/tag (on anonymised text) → store.

Every document gets exactly one :class:`DocumentOutcome`; one bad document never stops the batch. CPU-heavy work
(extraction, OCR, NER) runs in bounded worker processes (:mod:`ingest.bounded`); the parent process alone writes
to the database, one transaction per document. Indexing is not done here: the app syncs the search index from
the database afterwards, so an interrupted run is repaired by the next one.

Privacy: structure, topics and every stored field are computed from the *anonymised* text. The original text is
kept only under ``settings.private_dir`` (when ``keep_originals``) and is never logged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.orm import Session, sessionmaker

from anonymise import anonymise, anonymiser_version
from archive import review, store
from archive.db import session_scope
from archive.domain import AnonymisedText, ParsedRuling
from archive.errors import AnonymisationError, InputError, RulingsError
from archive.settings import Settings
from ingest.bounded import BoundedPool, extend_deadline
from ingest.input_files import INPUT_SUFFIXES, iter_input_files, sha256_file

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_RETRIES", "INPUT_SUFFIXES", "DocumentOutcome", "iter_input_files", "pipeline_version",
           "run_batch"]

Status = Literal["published", "quarantined", "failed", "skipped"]
# A document that failed (an error, a timeout, a crashed worker) or was quarantined is processed again by the next
# run, up to this many times after its first attempt under the same pipeline version; then it stays failed, and is
# reported as failed with its stored error on every run, until `--force` or a new pipeline version.
DEFAULT_MAX_RETRIES = 3


@dataclass
class DocumentOutcome:
    path: str
    sha256: str | None
    status: Status
    ruling_id: int | None = None
    error: str | None = None
    error_code: str | None = None
    slug: str | None = None
    attempts: int | None = None  # processing attempts so far under this pipeline version (None: never recorded)
    retried: bool = False  # processed again because an earlier attempt had failed

    def public(self) -> dict[str, object]:
        return {"path": self.path, "sha256": self.sha256, "status": self.status, "ruling_id": self.ruling_id,
                "error": self.error, "error_code": self.error_code, "attempts": self.attempts}


@dataclass
class Job:
    """One file to process. ``same_text_sha`` is set when only the extractor version changed: if the new
    extractor yields the very same text, nothing downstream needs to run again."""

    path: Path
    same_text_sha: str | None = None
    keep: frozenset[str] = frozenset()  # surfaces reviewers restored in the document's ruling (archive.review)


@dataclass
class Unchanged:
    text_sha256: str


@dataclass
class Processed:
    """Result of the CPU-heavy steps for one file (crosses the process boundary)."""

    text_sha256: str
    source_format: str
    pages: int
    ocr_pages: list[int]
    extractor: str
    original_text: str = field(repr=False)
    anonymised: AnonymisedText = field(repr=False)
    parsed: ParsedRuling = field(repr=False)


@dataclass
class Quarantined:
    source_format: str
    original_text: str = field(repr=False)
    error: AnonymisationError = field(repr=False)


def pipeline_version(settings: Settings) -> str:
    """Versions of every stage and the settings that change its output; a document is re-processed when this
    changes. Settings at their defaults add nothing, so a default install keeps its recorded versions."""
    from ingest import EXTRACTOR_VERSION, PARSER_VERSION, TAGGER_VERSION

    return (f"x={EXTRACTOR_VERSION}{extraction_settings(settings)};p={PARSER_VERSION};t={TAGGER_VERSION};"
            f"a={anonymiser_version(settings)};m={METADATA_VERSION}")


def extraction_settings(settings: Settings) -> str:
    """The extraction settings that change the extracted text, e.g. ``+pdfplumber+ocr:nld``; empty at defaults.

    Part of the ``x`` version: when only these change, the document is re-extracted and, if its text came out the
    same, nothing downstream runs again (:func:`only_extractor_changed`).
    """
    defaults = Settings.model_fields
    out = "" if settings.extractor == defaults["extractor"].default else f"+{settings.extractor}"
    if not settings.ocr:
        out += "+no-ocr"
    elif settings.ocr_languages != defaults["ocr_languages"].default:
        out += f"+ocr:{settings.ocr_languages}"
    return out


def _versions(version: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in version.split(";") if "=" in part)


def only_extractor_changed(old: str, new: str) -> bool:
    a, b = _versions(old), _versions(new)
    return a.keys() == b.keys() and a.get("x") != b.get("x") and all(a[k] == b[k] for k in a if k != "x")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def process_file(path: Path, settings: Settings, same_text_sha: str | None = None,
                 keep: frozenset[str] = frozenset()) -> Processed | Quarantined | Unchanged:
    """Extract, anonymise and parse one file. Pure with respect to storage. Raises InputError subclasses."""
    from ingest import extract_file, parse_ruling

    raw = extract_file(path, settings, extend_deadline=extend_deadline)
    digest = text_sha256(raw.text)
    if same_text_sha is not None and digest == same_text_sha:
        return Unchanged(digest)  # a new extractor, the same text: anonymising again would change nothing
    try:
        # Fails closed: a failure or a leak raises AnonymisationError.
        anon, metadata = anonymise_with_metadata(raw.text, raw.format_metadata, settings, keep=keep)
    except AnonymisationError as exc:
        return Quarantined(raw.source_format, raw.text, exc)
    parsed = parse_ruling(anon.text, metadata)
    return Processed(digest, raw.source_format, len(raw.pages), raw.ocr_pages, raw.extractor, raw.text, anon, parsed)


# 1: a format's free-text metadata passes the anonymiser with the body (a change here re-processes documents).
METADATA_VERSION = "1"
# Metadata a file format carries that are identifiers, dates or closed vocabularies, never text about a person.
_STRUCTURED_METADATA = frozenset({"source", "ecli", "decision_date", "publication_date", "page_count", "id",
                                  "rechtsgebied", "procedure", "type"})
# Between the body and each metadata value while they are anonymised together: symbols no recogniser reads as a
# name, on lines of their own.
_SEPARATOR = "\n\n\u2042\u2042\u2042\n\n"


def _map_text(meta: Any, fn: Callable[[str, str], str], key: str = "") -> Any:
    """``meta`` with ``fn(key, value)`` applied to every string value (the key is the nearest dict key)."""
    if isinstance(meta, dict):
        return {k: _map_text(x, fn, str(k)) for k, x in meta.items()}
    if isinstance(meta, list):
        return [_map_text(x, fn, key) for x in meta]
    return fn(key, meta) if isinstance(meta, str) else meta


def _is_free_text(key: str, value: str) -> bool:
    return bool(value.strip()) and key not in _STRUCTURED_METADATA


# Metadata that are identifiers with room for words (a zaaknummer is "AWB 98/1024", not "AWB 98/1024 X tegen Y"):
# only their identifier-shaped tokens are kept, whatever the anonymiser makes of the rest.
_IDENTIFIER_FIELDS = frozenset({"zaaknummer"})
_IDENTIFIER_TOKEN = re.compile(r"^(?=\S*\d)\S+$|^[A-Z]{2,6}$|^[/\-:.,]$")


def _identifier_only(key: str, value: str) -> str:
    """An :data:`_IDENTIFIER_FIELDS` value reduced to its tokens with a digit or of a short upper-case code."""
    if key not in _IDENTIFIER_FIELDS:
        return value
    return " ".join(t for t in value.split() if _IDENTIFIER_TOKEN.match(t))


def anonymise_with_metadata(text: str, meta: dict[str, Any], settings: Settings, *,
                            keep: frozenset[str] = frozenset()) -> tuple[AnonymisedText, Any]:
    """The body and every free-text metadata value of the file format (rechtspraak XML: zaaknummer, reference
    texts, ...) anonymised in one pass, so no field reaches the archive around the anonymiser, and a name the body
    establishes ("de heer J.P. Pietersen") is replaced in the metadata too, with the same placeholder. Fails
    closed like :func:`anonymise` (its leak check covers the metadata). Identifier fields keep only their
    identifier tokens first (:data:`_IDENTIFIER_FIELDS`)."""
    meta = _map_text(meta, _identifier_only)
    values: list[str] = []

    def collect(key: str, value: str) -> str:
        if _is_free_text(key, value):
            values.append(value)
        return value

    _map_text(meta, collect)
    if not values:
        return anonymise(text, settings, keep=keep), meta
    joined = anonymise(_SEPARATOR.join([text, *values]), settings, keep=keep)
    parts = joined.text.split(_SEPARATOR)
    if len(parts) != len(values) + 1:
        raise AnonymisationError("anonymisation failed", detail="metadata separator")
    body = parts[0]
    entities = [e for e in joined.entities if e.end <= len(body)]
    anonymised = iter(parts[1:])  # the values in the order they were collected
    return AnonymisedText(body, entities, joined.version), _map_text(
        meta, lambda k, v: next(anonymised) if _is_free_text(k, v) else v)


def public_name(path: Path, sha: str) -> str:
    """What the documents table records as a file's name: its content address and suffix. A file name can carry
    a person's name ("bezwaar Jansen.pdf"); the real one is kept only in the private folder."""
    return f"{sha[:12]}{path.suffix.lower()[:10]}"


class _Task:
    """Picklable callable for the worker pool (the pool forks, but keeping state explicit is clearer)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, job: Job) -> Processed | Quarantined | Unchanged:
        return process_file(job.path, self.settings, job.same_text_sha, job.keep)

    def warm_up(self) -> None:
        # Load the NER pipeline once per worker, before the per-document clock starts.
        anonymise("De heer Jansen woont in Utrecht.", self.settings)


def _keep_private(settings: Settings, filename: str, content: str) -> None:
    """Un-anonymised data (the extracted text, the original file name) in the private folder only, 0600: never
    served, never in a public table. Kept only with ``keep_originals``."""
    if not settings.keep_originals:
        return
    settings.private_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = settings.private_dir / filename
    target.write_text(content, encoding="utf-8")
    target.chmod(0o600)


def _keep_name(settings: Settings, sha: str, name: str) -> None:
    _keep_private(settings, f"{sha}.name", name)


def _keep_original(settings: Settings, sha: str, text: str) -> None:
    _keep_private(settings, f"{sha}.txt", text)


def run_batch(paths: Iterable[Path], settings: Settings, factory: sessionmaker[Session], *,
              force: bool = False, on_outcome: Callable[[DocumentOutcome], None] | None = None,
              max_retries: int = DEFAULT_MAX_RETRIES) -> list[DocumentOutcome]:
    """Ingest files into the database. Returns one outcome per file, in completion order.

    Unchanged published documents are skipped. A document without a public ruling is never reported as skipped:
    it is retried while it has had at most ``max_retries`` retries, else reported with its stored status and error.
    """
    version = pipeline_version(settings)
    outcomes: list[DocumentOutcome] = []

    def emit(outcome: DocumentOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    todo: list[tuple[int, Job]] = []
    meta: dict[int, tuple[Path, str, int]] = {}
    retried: set[int] = set()
    for i, path in enumerate(iter_input_files(paths)):
        try:
            # Refuses FIFOs, devices and sockets before opening them, and reads no more than the size limit.
            sha, size = sha256_file(path, settings.max_file_mb * 1024 * 1024)
        except InputError as exc:
            emit(DocumentOutcome(str(path), None, "failed", error=exc.message, error_code=exc.code))
            continue
        same_text: str | None = None
        with session_scope(factory) as session:
            existing = store.find_document(session, sha)
            if existing is not None and existing.pipeline_version == version and not force:
                if existing.status == "published":
                    emit(DocumentOutcome(str(path), sha, "skipped", ruling_id=existing.ruling_id,
                                         slug=existing.ruling.slug if existing.ruling else None,
                                         attempts=existing.attempts))
                    continue
                if existing.attempts > max_retries:
                    status: Status = "quarantined" if existing.status == "quarantined" else "failed"
                    emit(DocumentOutcome(str(path), sha, status, error=existing.error,
                                         error_code=existing.error_code, attempts=existing.attempts))
                    continue
                retried.add(i)
            if (existing is not None and not force and existing.status == "published" and existing.text_sha256
                    and only_extractor_changed(existing.pipeline_version, version)):
                same_text = existing.text_sha256
            keep = review.keep_surfaces(session, existing.ruling_id) if existing is not None else frozenset()
        todo.append((i, Job(path, same_text, keep)))
        meta[i] = (path, sha, size)

    if not todo:
        return outcomes
    task = _Task(settings)
    processes = settings.workers or os.cpu_count() or 1
    pool = BoundedPool(task, processes=min(processes, len(todo)), timeout_s=settings.doc_timeout_s,
                       memory_mb=settings.doc_memory_mb, init=task.warm_up)
    for key, result in pool.map(todo):
        path, sha, size = meta[key]
        outcome = _store_result(path, sha, size, result, settings, factory, version)
        outcome.retried = key in retried
        emit(outcome)
    return outcomes


def _store_result(path: Path, sha: str, size: int, result: Processed | Quarantined | Unchanged | RulingsError,
                  settings: Settings, factory: sessionmaker[Session], version: str) -> DocumentOutcome:
    name = public_name(path, sha)
    _keep_name(settings, sha, path.name)
    try:
        with session_scope(factory) as session:
            if isinstance(result, RulingsError):
                status: Status = "failed"
                doc = store.record_failure(session, sha256=sha, filename=name, size=size, source_format="",
                                           pipeline_version=version, status=status, error_code=result.code,
                                           error=result.message)
                log.info("document %s failed (attempt %d): %s", sha[:12], doc.attempts, result.code)
                return DocumentOutcome(str(path), sha, status, error=result.message, error_code=result.code,
                                       attempts=doc.attempts)
            if isinstance(result, Unchanged):
                current = store.mark_current(session, sha, version)
                ruling_id = current.ruling_id if current else None
                return DocumentOutcome(str(path), sha, "skipped", ruling_id=ruling_id,
                                       slug=current.ruling.slug if current and current.ruling else None)
            if isinstance(result, Quarantined):
                _keep_original(settings, sha, result.original_text)
                doc = store.record_failure(session, sha256=sha, filename=name, size=size,
                                           source_format=result.source_format, pipeline_version=version,
                                           status="quarantined", error_code=result.error.code,
                                           error=result.error.message)
                log.warning("document %s quarantined: %s", sha[:12], result.error.code)
                return DocumentOutcome(str(path), sha, "quarantined", error=result.error.message,
                                       error_code=result.error.code, attempts=doc.attempts)
            from ingest import TAGGER_VERSION

            stored = store.store_ruling(
                session, sha256=sha, filename=name, size=size, source_format=result.source_format,
                pipeline_version=version, parsed=result.parsed, entities=result.anonymised.entities,
                pages=result.pages, ocr_pages=result.ocr_pages, extractor=result.extractor,
                anonymiser_version=result.anonymised.version, tagger_version=TAGGER_VERSION,
                text_sha256=result.text_sha256, publication=settings.publication)
            _keep_original(settings, sha, result.original_text)
            log.info("document %s stored as ruling %s (%s)", sha[:12], stored.ruling_id,
                     "text source" if stored.text_source else "another source; a better one keeps the text")
            return DocumentOutcome(str(path), sha, "published", ruling_id=stored.ruling_id, slug=stored.slug)
    except InputError as exc:
        return DocumentOutcome(str(path), sha, "failed", error=exc.message, error_code=exc.code)
    except Exception as exc:  # noqa: BLE001 - a storage error for one document must not stop the batch
        # Not log.exception: database errors can carry the statement parameters, i.e. ruling text.
        log.error("storing document %s failed: %s", sha[:12], type(exc).__name__)
        return DocumentOutcome(str(path), sha, "failed", error=f"storage error: {type(exc).__name__}",
                               error_code="storage_error")
