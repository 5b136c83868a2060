"""Harvest a publisher's HTML pages that list ruling PDFs (the SKGZ case).

A run reads the listing from its first page, following its pagination (``rel="next"`` links and links labelled
"volgende"/"next", on the same host only, each page once, at most ``harvest_max_pages``), and collects the links
whose absolute URL matches the pattern (by default: ending in ``.pdf``). Each is then downloaded with a conditional
GET (the ETag and Last-Modified of the previous download), so an unchanged file costs a 304 and no bytes; a new or
changed one is checked (a PDF from its first bytes, ending in ``%%EOF``) and stored content-addressed. robots.txt
of the host is read first (``urllib.robotparser``, our User-Agent) and every page, file and redirect it disallows is
left alone; its ``Crawl-delay`` slows the client down. A file that fails is recorded, retried next run (at most
``harvest_max_attempts`` runs), and the harvest goes on.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from sqlalchemy.orm import Session, sessionmaker

from archive import harvest as state
from archive.db import session_scope
from archive.settings import Settings
from ingest.harvest.blobs import blob_path, store_bytes
from ingest.harvest.http import FetchError, PoliteClient, Response
from ingest.harvest.report import Failure, HarvestReport

log = logging.getLogger(__name__)

DEFAULT_PATTERN = r"\.pdf(?:$|[?#])"
_NEXT_WORDS = re.compile(r"^(?:volgende(?:\s+pagina)?|next(?:\s+page)?|[»›>]|>>)(?:\s*[»›>])?$", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Links(HTMLParser):
    """Every ``<a href>`` (with its rel, text and label), ``<link rel=next>`` and ``<base href>`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.anchors: list[tuple[str, str, str]] = []  # href, rel, label (text, aria-label or title)
        self.next_links: list[str] = []
        self._open: list[list[str]] = []  # [href, rel, text-so-far, label]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        elif tag == "link" and "next" in a.get("rel", "").lower().split() and a.get("href"):
            self.next_links.append(a["href"])
        elif tag == "a":
            self._open.append([a.get("href", ""), a.get("rel", ""), "", a.get("aria-label") or a.get("title", "")])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, rel, text, label = self._open.pop()
            if href:
                self.anchors.append((href, rel, " ".join(text.split()) or label.strip()))


def parse_listing(html: str, url: str) -> tuple[list[str], list[str]]:
    """(every link, the pagination links) of a listing page, as absolute URLs without fragment, in page order."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    base = urljoin(url, parser.base) if parser.base else url
    links: list[str] = []
    nexts = [urljoin(base, h) for h in parser.next_links]
    for href, rel, label in parser.anchors:
        absolute = _clean(urljoin(base, href.strip()))
        if absolute is None:
            continue
        links.append(absolute)
        if "next" in rel.lower().split() or _NEXT_WORDS.match(label.strip()):
            nexts.append(absolute)
    return links, [u for u in (_clean(n) for n in nexts) if u]


def _clean(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None  # mailto:, javascript:, ...
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _decode(response: Response) -> str:
    found = re.search(r"charset=[\"']?([\w.:-]+)", response.headers.get("content-type", ""), re.IGNORECASE)
    try:
        return response.content.decode(found.group(1) if found else "utf-8", errors="replace")
    except LookupError:
        return response.content.decode("utf-8", errors="replace")


def check_pdf(response: Response) -> bytes:
    """The body if it is a whole PDF; raises :class:`FetchError` (``http_<status>``, ``wrong_content_type``,
    ``not_pdf``, ``truncated``) otherwise."""
    if response.status != 200:
        raise FetchError(f"HTTP {response.status}", code=f"http_{response.status}")
    body = response.content
    if b"%PDF-" not in body[:1024]:
        ctype = response.content_type or "no content type"
        if ctype in _HTML_TYPES or ctype.startswith("text/"):
            raise FetchError(f"answer is {ctype}, not a PDF", code="wrong_content_type")
        raise FetchError(f"answer ({ctype}) is not a PDF (no %PDF- header)", code="not_pdf")
    if b"%%EOF" not in body[-2048:]:
        raise FetchError("PDF is truncated (no %%EOF at its end)", code="truncated")
    return body


def listing_source(url: str) -> str:
    name = f"listing:{url}"
    return name if len(name) <= 200 else f"listing#{hashlib.sha256(url.encode()).hexdigest()[:24]}"


class Robots:
    """robots.txt per origin, read once per run through the polite client."""

    def __init__(self, client: PoliteClient, user_agent: str, report: HarvestReport) -> None:
        self.client = client
        self.user_agent = user_agent
        self.report = report
        self._rules: dict[str, RobotFileParser | bool] = {}  # an origin's rules, or True/False for all

    def _for(self, url: str) -> RobotFileParser | bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._rules:
            self._rules[origin] = self._read(origin, parts.netloc)
        return self._rules[origin]

    def _read(self, origin: str, host: str) -> RobotFileParser | bool:
        try:
            response = self.client.get(f"{origin}/robots.txt")
        except FetchError as exc:
            # Unknown rules: nothing of this host is fetched in this run.
            self.report.notes.append(f"robots.txt of {host} unreadable ({exc.code}); host skipped")
            return False
        if response.status in (401, 403):
            return False
        if response.status >= 400:  # no robots.txt: everything is allowed
            return True
        rp = RobotFileParser(f"{origin}/robots.txt")
        rp.parse(_decode(response).splitlines())
        rp.modified()  # can_fetch answers False until the rules are marked as read
        delay = rp.crawl_delay(self.user_agent)
        if delay:
            self.client.slow_down(origin, float(delay))
        return rp

    def allowed(self, url: str) -> bool:
        rules = self._for(url)
        return rules if isinstance(rules, bool) else rules.can_fetch(self.user_agent, url)

    def check(self, url: str) -> None:
        if not self.allowed(url):
            raise FetchError("robots.txt disallows this URL", code="robots_disallowed")


class ListingHarvester:
    def __init__(self, settings: Settings, factory: sessionmaker[Session], client: PoliteClient, *,
                 source: str | None = None, on_failure: Callable[[Failure], None] | None = None) -> None:
        self.settings = settings
        self.factory = factory
        self.client = client
        self._source = source
        self._on_failure = on_failure
        self.report = HarvestReport(source or "listing")

    def run(self, url: str, *, pattern: str | None = None, max_docs: int | None = None) -> HarvestReport:
        start = _clean(url)
        if start is None:
            raise FetchError("the listing URL must be http(s)://host/...", code="bad_url")
        self.report.source = self._source or listing_source(start)
        regex = re.compile(pattern or DEFAULT_PATTERN, re.IGNORECASE)
        robots = Robots(self.client, self.settings.harvest_user_agent, self.report)
        files = self._crawl(start, regex, robots)
        budget = max_docs if max_docs is not None else -1
        for link in files:
            if budget == 0:
                break
            if self._download(link, robots):
                budget -= 1
        with session_scope(self.factory) as session:
            for item in state.not_ingested(session, self.report.source):
                path = blob_path(self.settings, item.sha256 or "", item.suffix)
                if path.is_file() and path not in self.report.files:
                    self.report.files.append(path)
        self.report.requests = self.client.requests
        return self.report

    def _fail(self, failure: Failure) -> None:
        self.report.failures.append(failure)
        if self._on_failure is not None:
            self._on_failure(failure)

    def _crawl(self, start: str, regex: re.Pattern[str], robots: Robots) -> list[str]:
        host = urlsplit(start).netloc.lower()
        queue, found = [start], []
        visited: set[str] = set()
        seen: set[str] = set()
        while queue:
            page = queue.pop(0)
            if page in visited:
                continue
            if len(visited) >= self.settings.harvest_max_pages:
                self.report.notes.append(f"listing has more than {self.settings.harvest_max_pages} pages; "
                                         "the rest was not read (RULINGS_HARVEST_MAX_PAGES)")
                break
            visited.add(page)
            try:
                robots.check(page)
                response = self.client.get(page, allow=robots.check)
                if response.status != 200:
                    raise FetchError(f"HTTP {response.status}", code=f"http_{response.status}")
                if response.content_type not in _HTML_TYPES:
                    raise FetchError(f"listing page is {response.content_type or 'untyped'}, not HTML",
                                     code="wrong_content_type")
            except FetchError as exc:
                if exc.code == "robots_disallowed":
                    self.report.robots_skipped += 1
                    if page == start:
                        self._fail(Failure(None, page, exc.code, "robots.txt disallows the listing", 1))
                    continue
                self._fail(Failure(None, page, exc.code, f"listing page: {exc.message}", 1))
                continue
            self.report.pages += 1
            links, nexts = parse_listing(_decode(response), response.url)
            log.info("listing page %d: %d links, %d pagination links", self.report.pages, len(links), len(nexts))
            for link in links:
                if len(link) > 1000:
                    self.report.notes.append("a link longer than 1000 characters was skipped")
                    continue
                if regex.search(link) and link not in seen:
                    seen.add(link)
                    found.append(link)
            for nxt in nexts:
                if urlsplit(nxt).netloc.lower() == host and nxt not in visited and not regex.search(nxt):
                    queue.append(nxt)
        return found

    def _download(self, link: str, robots: Robots) -> bool:
        """Download one listed file if needed; True when a request was made (it counts against --max)."""
        source = self.report.source
        with session_scope(self.factory) as session:
            item = state.get_item(session, source, link)
            known = None if item is None else (item.id, item.status, item.attempts, item.error_code, item.error,
                                               item.etag, item.last_modified, item.sha256, item.suffix)
        headers: dict[str, str] = {}
        if known is not None:
            item_id, status, attempts, code, error, etag, last_modified, sha, suffix = known
            if status == "failed" and attempts >= self.settings.harvest_max_attempts:
                self._fail(Failure(item_id, link, code or "fetch_failed", error or "", attempts))
                return False
            if sha and blob_path(self.settings, sha, suffix).is_file():
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
        if not robots.allowed(link):
            self.report.robots_skipped += 1
            return False
        try:
            response = self.client.get(link, headers=headers, allow=robots.check)
            if response.status == 304 and headers:
                with session_scope(self.factory) as session:
                    current = state.get_item(session, source, link)
                    if current is not None:
                        state.record_unchanged(session, current)
                self.report.unchanged += 1
                return True
            data = check_pdf(response)
            sha, path = store_bytes(self.settings, data, ".pdf")
        except FetchError as exc:
            if exc.code == "robots_disallowed":  # a redirect into a disallowed path
                self.report.robots_skipped += 1
                return True
            with session_scope(self.factory) as session:
                failed = state.record_failure(session, source=source, key=link, url=link, code=exc.code,
                                              error=exc.message)
                failure = Failure(failed.id, link, exc.code, exc.message, failed.attempts)
            log.info("harvest item %s failed (attempt %d): %s", failure.item_id, failure.attempts, exc.code)
            self._fail(failure)
            return True
        with session_scope(self.factory) as session:
            state.record_stored(session, source=source, key=link, url=link, sha256=sha, suffix=".pdf",
                                etag=response.headers.get("etag"),
                                last_modified=response.headers.get("last-modified"))
        self.report.fetched += 1
        if path not in self.report.files:
            self.report.files.append(path)
        return True
