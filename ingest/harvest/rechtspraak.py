"""Harvest rechtspraak.nl's open data ("Open Data van de Rechtspraak"), incrementally by the ``modified`` time.

The service, as its technical documentation describes it:

- ``GET /uitspraken/zoeken``: the ECLI index as an Atom feed. ``modified`` once = changed since that time, twice =
  a range (``YYYY-MM-DDThh:mm:ss``, Dutch local time); ``return=DOC`` = only ECLIs with a document; ``subject``
  (rechtsgebied URI) and ``creator`` (instantie URI) filter, each repeatable; ``max`` (at most 1000) and ``from``
  page; ``sort=ASC`` orders by ``modified``, oldest first (the default). ``feed/subtitle`` says how many ECLIs
  matched ("Aantal gevonden ECLI's: 123"); each ``entry`` has the ECLI as ``id``, and ``updated``; an entry with
  ``deleted="doc"`` or ``deleted="ecli"`` says the document or the ECLI was withdrawn.
- ``GET /uitspraken/content?id=ECLI``: the ``open-rechtspraak`` XML (RDF metadata, inhoudsindicatie, uitspraak or
  conclusie), which ``ingest.rechtspraak_xml`` reads.

How a run goes: the feed is read oldest change first from the high-water mark (the ``updated`` of the newest entry a
run processed, in the database; less one hour, against Dutch local time's ambiguity around the clock change) and
every entry whose version was not stored yet is fetched, checked (an XML answer, well formed, an
``open-rechtspraak`` document with a ruling text) and stored content-addressed. The mark rises with every entry
processed, so a run stopped by ``--max``, an error or Ctrl-C resumes where it stopped. A document that fails fails
alone: it is recorded with its error (``rulings status``) and the harvest goes on; after the walk, the downloads
that failed in earlier runs and were not listed again are retried (at most ``harvest_max_attempts`` runs each;
then they stay failed and reported, until the feed lists a new version).

Paging by offset over a feed that changes while it is read can repeat entries (they are skipped: each ECLI and
version is processed once) or, when an entry earlier in the order changes meanwhile, skip one; the changed entry
then sorts after the mark and the next run gets it. A page that brings nothing new ends the walk (a feed that
repeats a page would otherwise be read forever).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lxml import etree
from sqlalchemy.orm import Session, sessionmaker

from archive import harvest as state
from archive.db import session_scope
from archive.settings import Settings
from archive.store import withdraw_by_ecli
from ingest.harvest.blobs import blob_path, store_bytes
from ingest.harvest.http import FetchError, PoliteClient, Response
from ingest.harvest.report import Failure, HarvestReport

log = logging.getLogger(__name__)

try:
    AMSTERDAM: tzinfo = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # no time zone database (a slim image without tzdata): winter time all year;
    AMSTERDAM = timezone(timedelta(hours=1), "CET")  # in summer that asks an hour early, within OVERLAP
ATOM = "http://www.w3.org/2005/Atom"
RS = "http://www.rechtspraak.nl/schema/rechtspraak-1.0"
# Dutch local time repeats an hour when the clocks go back: asking from one hour before the mark loses nothing.
OVERLAP = timedelta(hours=1)
ECLI_RE = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_XML_TYPES = ("application/xml", "text/xml", "application/rdf+xml", "application/atom+xml")


@dataclass(frozen=True)
class FeedEntry:
    ecli: str
    updated: str  # as the feed wrote it
    updated_at: datetime | None  # UTC
    deleted: str | None = None  # "doc" or "ecli" when withdrawn


@dataclass(frozen=True)
class FeedPage:
    total: int | None
    entries: list[FeedEntry]


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 time of the feed in UTC; a time without offset is Dutch local time. None if unreadable."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=AMSTERDAM)
    return parsed.astimezone(UTC)


def mark_string(moment: datetime) -> str:
    """A mark in one fixed-width UTC form, so marks compare as strings."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def local_param(moment: datetime) -> str:
    """A ``modified`` parameter: Dutch local time, to the second."""
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M:%S")


def parse_feed(data: bytes) -> FeedPage:
    """Read one page of the search feed; raises :class:`FetchError` (``bad_feed``) when it is not that."""
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf").lstrip(), parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"feed page is not well-formed XML ({exc.msg})", code="bad_feed") from exc
    if root.tag != f"{{{ATOM}}}feed":
        raise FetchError("feed page is not an Atom feed", code="bad_feed")
    subtitle = root.findtext(f"{{{ATOM}}}subtitle") or ""
    found = re.search(r"(\d[\d.]*)\s*$", subtitle.strip())
    total = int(found.group(1).replace(".", "")) if found else None
    entries = []
    for entry in root.iterfind(f"{{{ATOM}}}entry"):
        # The ECLI itself; tolerate it given as a URL ending in it (…/ECLI:NL:… or …?id=ECLI:NL:…).
        ecli = (entry.findtext(f"{{{ATOM}}}id") or "").strip().rsplit("/", 1)[-1].rsplit("=", 1)[-1]
        updated = (entry.findtext(f"{{{ATOM}}}updated") or "").strip()
        entries.append(FeedEntry(ecli, updated, parse_time(updated) if updated else None, entry.get("deleted")))
    return FeedPage(total, entries)


def check_document(response: Response) -> bytes:
    """The body of a content answer if it is an ``open-rechtspraak`` document with a ruling text; raises
    :class:`FetchError` with ``http_<status>``, ``wrong_content_type``, ``no_body`` or ``not_xml`` otherwise."""
    if response.status != 200:
        raise FetchError(f"HTTP {response.status}", code=f"http_{response.status}")
    ctype = response.content_type
    if ctype and ctype not in _XML_TYPES and not ctype.endswith("+xml"):
        raise FetchError(f"answer is {ctype}, not XML", code="wrong_content_type")
    body = response.content.lstrip(b"\xef\xbb\xbf").lstrip()
    if not body:
        raise FetchError("empty answer", code="no_body")
    try:
        root = etree.fromstring(body, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:  # a truncated answer ends here too
        raise FetchError(f"answer is not well-formed XML ({exc.msg})", code="not_xml") from exc
    if etree.QName(root).localname != "open-rechtspraak":
        raise FetchError(f"XML root <{etree.QName(root).localname}> is not open-rechtspraak", code="not_xml")
    if not any("".join(part.itertext()).strip()
               for tag in ("uitspraak", "conclusie") for part in root.iterfind(f"{{{RS}}}{tag}")):
        raise FetchError("document has metadata but no uitspraak or conclusie text", code="no_body")
    return response.content


def source_id(subjects: Sequence[str], creators: Sequence[str]) -> str:
    """The name a harvest's mark and items are kept under: one per combination of filters."""
    if not subjects and not creators:
        return "rechtspraak"
    query = urlencode([("subject", s) for s in sorted(subjects)] + [("creator", c) for c in sorted(creators)])
    name = f"rechtspraak?{query}"
    return name if len(name) <= 200 else f"rechtspraak#{hashlib.sha256(query.encode()).hexdigest()[:24]}"


class RechtspraakHarvester:
    def __init__(self, settings: Settings, factory: sessionmaker[Session], client: PoliteClient, *,
                 subjects: Sequence[str] = (), creators: Sequence[str] = (),
                 on_failure: Callable[[Failure], None] | None = None) -> None:
        self.settings = settings
        self.factory = factory
        self.client = client
        self.base = settings.rechtspraak_url.rstrip("/")
        self.subjects = list(subjects)
        self.creators = list(creators)
        self.source = source_id(self.subjects, self.creators)
        self.report = HarvestReport(self.source)
        self._on_failure = on_failure
        self._done: set[str] = set()  # ECLIs fetched (or tried) in this run

    def document_url(self, ecli: str) -> str:
        return f"{self.base}/uitspraken/content?id={quote(ecli, safe=':')}"

    def feed_url(self, start: datetime | None, until: datetime | None, offset: int) -> str:
        params: list[tuple[str, str]] = []
        if start is not None or until is not None:
            params.append(("modified", local_param(start or datetime(1900, 1, 1, tzinfo=UTC))))
        if until is not None:
            params.append(("modified", local_param(until)))
        params += [("return", "DOC"), ("sort", "ASC"), ("max", str(self.settings.rechtspraak_page_size)),
                   ("from", str(offset))]
        params += [("subject", s) for s in self.subjects] + [("creator", c) for c in self.creators]
        return f"{self.base}/uitspraken/zoeken?{urlencode(params)}"

    # ------------------------------------------------------------------------------------------------------------
    def run(self, *, since: datetime | None = None, until: datetime | None = None,
            max_docs: int | None = None) -> HarvestReport:
        budget = [max_docs if max_docs is not None else -1]
        with session_scope(self.factory) as session:
            mark = state.get_mark(session, self.source)
        mark_at = parse_time(mark) if mark else None
        start = since if since is not None else (mark_at - OVERLAP if mark_at else None)
        # The mark may rise only if this run starts at or before it: a later --since leaves a gap behind.
        contiguous = since is None or mark_at is None or since <= mark_at
        self._walk(start, until, budget, contiguous)
        self._retry_failed(budget)  # after the walk, which fetches those it lists with their current version
        with session_scope(self.factory) as session:
            self.report.mark = state.get_mark(session, self.source)
            for item in state.not_ingested(session, self.source):
                path = blob_path(self.settings, item.sha256 or "", item.suffix)
                if path.is_file() and path not in self.report.files:
                    self.report.files.append(path)
        self.report.requests = self.client.requests
        return self.report

    def _spend(self, budget: list[int]) -> bool:
        if budget[0] == 0:
            return False
        budget[0] -= 1
        return True

    def _retry_failed(self, budget: list[int]) -> None:
        with session_scope(self.factory) as session:
            failed = [(i.id, i.key, i.attempts, i.error_code, i.error, i.modified)
                      for i in state.failed_items(session, self.source)]
        for item_id, ecli, attempts, code, error, modified in failed:
            if ecli in self._done:
                continue
            if attempts >= self.settings.harvest_max_attempts:
                self._fail(Failure(item_id, ecli, code or "fetch_failed", error or "", attempts))
                self._done.add(ecli)
                continue
            if not self._spend(budget):
                return
            self._fetch(FeedEntry(ecli, modified or "", None))

    def _walk(self, start: datetime | None, until: datetime | None, budget: list[int], contiguous: bool) -> None:
        offset = 0
        seen: set[tuple[str, str]] = set()
        while True:
            url = self.feed_url(start, until, offset)
            try:
                response = self.client.get(url)
                if response.status != 200:
                    raise FetchError(f"HTTP {response.status}", code=f"http_{response.status}")
                page = parse_feed(response.content)
            except FetchError as exc:
                self._fail(Failure(None, f"feed (from={offset})", exc.code, exc.message, 1))
                return
            self.report.pages += 1
            log.info("rechtspraak feed from=%d: %d entries of %s; %d downloaded so far", offset, len(page.entries),
                     page.total if page.total is not None else "?", self.report.fetched)
            fresh = [e for e in page.entries if (e.ecli, e.updated) not in seen]
            if page.entries and not fresh:
                self.report.notes.append(f"the feed repeated a page (from={offset}); the walk stopped there")
                log.warning("rechtspraak feed repeated a page at from=%d; stopping", offset)
                return
            for entry in fresh:
                seen.add((entry.ecli, entry.updated))
                if not self._entry(entry, budget, contiguous):
                    return
            offset += len(page.entries)
            if not page.entries or len(page.entries) < self.settings.rechtspraak_page_size:
                return
            if page.total is not None and offset >= page.total:
                return

    def _entry(self, entry: FeedEntry, budget: list[int], contiguous: bool) -> bool:
        """Process one feed entry; False when the run's budget (--max) is spent."""
        if not ECLI_RE.match(entry.ecli):
            self.report.notes.append("a feed entry without a valid ECLI was skipped")
            return True
        with session_scope(self.factory) as session:
            item = state.get_item(session, self.source, entry.ecli)
            current = item is not None and item.modified == entry.updated and item.status in ("stored", "deleted")
            given_up = (item is not None and item.status == "failed" and item.modified == entry.updated
                        and item.attempts >= self.settings.harvest_max_attempts)
            if given_up and item is not None and entry.ecli not in self._done:
                self._done.add(entry.ecli)
                self._fail(Failure(item.id, entry.ecli, item.error_code or "fetch_failed", item.error or "",
                                   item.attempts))
            if given_up:
                self._advance(session, entry, contiguous)
                return True
            if entry.deleted and not current:
                state.record_deleted(session, source=self.source, key=entry.ecli,
                                     url=self.document_url(entry.ecli), modified=entry.updated)
                self.report.deleted += 1
                # Privacy: what the court withdrew (a ruling published by mistake, a name left in it) leaves this
                # archive too, at once, not only from the next harvest's downloads.
                self.report.withdrawn += len(withdraw_by_ecli(session, entry.ecli,
                                                              reason=f"{self.source}:deleted={entry.deleted}"))
                current = True
            if current or entry.ecli in self._done:
                if not entry.deleted:
                    self.report.unchanged += 1
                self._advance(session, entry, contiguous)
                return True
        if not self._spend(budget):
            return False
        self._fetch(entry)
        with session_scope(self.factory) as session:
            self._advance(session, entry, contiguous)
        return True

    def _advance(self, session: Session, entry: FeedEntry, contiguous: bool) -> None:
        if contiguous and entry.updated_at is not None:
            state.set_mark(session, self.source, mark_string(entry.updated_at))

    def _fetch(self, entry: FeedEntry) -> None:
        self._done.add(entry.ecli)
        url = self.document_url(entry.ecli)
        try:
            data = check_document(self.client.get(url))
            sha, path = store_bytes(self.settings, data, ".xml")
        except FetchError as exc:
            with session_scope(self.factory) as session:
                item = state.record_failure(session, source=self.source, key=entry.ecli, url=url, code=exc.code,
                                            error=exc.message, modified=entry.updated or None)
                failure = Failure(item.id, entry.ecli, exc.code, exc.message, item.attempts)
            log.info("harvest item %s failed (attempt %d): %s", failure.item_id, failure.attempts, exc.code)
            self._fail(failure)
            return
        with session_scope(self.factory) as session:
            state.record_stored(session, source=self.source, key=entry.ecli, url=url, sha256=sha, suffix=".xml",
                                modified=entry.updated or None)
        self.report.fetched += 1
        if path not in self.report.files:
            self.report.files.append(path)

    def _fail(self, failure: Failure) -> None:
        self.report.failures.append(failure)
        if self._on_failure is not None:
            self._on_failure(failure)


def split_uris(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]

