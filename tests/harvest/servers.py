"""Local HTTP servers for the harvest tests: the rechtspraak.nl open-data service and a publisher's listing, as
their documentation and the web describe them, serving the repository's real XML and PDFs, with faults on demand.

Each runs a ``ThreadingHTTPServer`` on 127.0.0.1, port 0, in a thread, and records every request it answered
(path, query, headers, status), so a test can assert what the harvester asked for and what it did not.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REAL_XML = sorted((ROOT / "tests" / "ingest" / "topics_real" / "rechtspraak").glob("ECLI.*.xml"))
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    status: int = 0


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)
    cut: bool = False  # announce the whole body, send half, close (a truncated answer)
    trickle: float = 0.0  # seconds between chunks of 64 bytes (each read is quick, the whole is slow)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        seen = Seen(parts.path, parse_qs(parts.query), {k.lower(): v for k, v in self.headers.items()})
        with self.server.lock:
            self.server.seen.append(seen)
        reply = self.server.app.handle(seen)
        seen.status = reply.status
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            for k, v in reply.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(reply.body)))
            if reply.cut:
                self.send_header("Connection", "close")
            self.end_headers()
            if reply.trickle:
                for i in range(0, len(reply.body), 64):
                    self.wfile.write(reply.body[i:i + 64])
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            else:
                self.wfile.write(reply.body[: len(reply.body) // 2] if reply.cut else reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass
        if reply.cut:
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, app: Any) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.app = app
        self.lock = threading.Lock()
        self.seen: list[Seen] = []


@contextmanager
def serve(app: Any) -> Iterator[str]:
    server = _Server(app)
    app.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


# --- rechtspraak.nl ------------------------------------------------------------------------------------------


@dataclass
class Doc:
    ecli: str
    updated: datetime  # UTC
    xml: bytes
    fault: str | None = None  # see FakeRechtspraak.content
    deleted: str | None = None
    served: int = 0


def ecli_of(path: Path) -> str:
    return path.stem.replace(".", ":")


class FakeRechtspraak:
    """``/uitspraken/zoeken`` and ``/uitspraken/content`` as documented. Faults per document: ``500``,
    ``500-once``, ``503-retry-after`` (503 with Retry-After: 1, once), ``retry-after-long`` (503, Retry-After:
    3600), ``slow``, ``trickle`` (64 bytes every 50 ms), ``cut`` (fewer bytes than Content-Length),
    ``truncated-xml`` (half the XML, honest length), ``html`` (text/html), ``empty``, ``metadata-only``, ``404``.
    ``repeat_pages`` ignores ``from`` (a feed that repeats a page); ``feed_fault="500"`` fails every feed page."""

    server: _Server

    def __init__(self, docs: list[Doc], slow_s: float = 2.0) -> None:
        self.docs = docs
        self.repeat_pages = False
        self.feed_fault: str | None = None  # "500": every feed page fails
        self.slow_s = slow_s

    @property
    def seen(self) -> list[Seen]:
        return self.server.seen

    def content_requests(self) -> list[str]:
        return [s.query["id"][0] for s in self.seen if s.path == "/uitspraken/content"]

    def feed_requests(self) -> list[Seen]:
        return [s for s in self.seen if s.path == "/uitspraken/zoeken"]

    def handle(self, req: Seen) -> Reply:
        if req.path == "/uitspraken/zoeken":
            return self.feed(req)
        if req.path == "/uitspraken/content":
            return self.content(req)
        return Reply(404, b"not found", {"Content-Type": "text/plain"})

    def feed(self, req: Seen) -> Reply:
        if self.feed_fault == "500":
            return Reply(500, b"<html>Internal Server Error</html>", {"Content-Type": "text/html"})
        q = req.query
        modified = [datetime.fromisoformat(v).replace(tzinfo=AMSTERDAM) for v in q.get("modified", [])]
        docs = sorted(self.docs, key=lambda d: (d.updated, d.ecli))
        if modified:
            docs = [d for d in docs if d.updated >= modified[0]]
        if len(modified) > 1:
            docs = [d for d in docs if d.updated <= modified[1]]
        size = int(q.get("max", ["1000"])[0])
        start = 0 if self.repeat_pages else int(q.get("from", ["0"])[0])
        page = docs[start:start + size]
        entries = "".join(
            f'<entry{f" deleted={chr(34)}{d.deleted}{chr(34)}" if d.deleted else ""}>'
            f"<id>{escape(d.ecli)}</id><title type=\"text\">{escape(d.ecli)}</title>"
            f"<summary type=\"text\">-</summary>"
            f"<updated>{d.updated.astimezone(AMSTERDAM).isoformat()}</updated>"
            f'<link rel="alternate" type="text/html" href="https://uitspraken.rechtspraak.nl/details?id={d.ecli}"/>'
            "</entry>" for d in page)
        body = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                '<title type="text">Rechtspraak.nl - Uitspraken</title>'
                f"<subtitle type=\"text\">Aantal gevonden ECLI's: {len(docs)}</subtitle>"
                f"<id>http://data.rechtspraak.nl/uitspraken/zoeken</id>"
                f"<updated>{datetime.now(UTC).isoformat()}</updated>{entries}</feed>").encode()
        return Reply(200, body, {"Content-Type": "application/atom+xml; charset=utf-8"})

    def content(self, req: Seen) -> Reply:
        ecli = req.query.get("id", [""])[0]
        doc = next((d for d in self.docs if d.ecli == ecli), None)
        if doc is None:
            return Reply(404, b"ECLI niet gevonden", {"Content-Type": "text/plain"})
        doc.served += 1
        xml = {"Content-Type": "application/xml; charset=utf-8"}
        fault = doc.fault
        if fault == "500" or (fault == "500-once" and doc.served == 1):
            return Reply(500, b"<html>Internal Server Error</html>", {"Content-Type": "text/html"})
        if fault == "503-retry-after" and doc.served == 1:
            return Reply(503, b"busy", {"Content-Type": "text/plain", "Retry-After": "1"})
        if fault == "retry-after-long":
            return Reply(503, b"busy", {"Content-Type": "text/plain", "Retry-After": "3600"})
        if fault == "404":
            return Reply(404, b"ECLI niet gevonden", {"Content-Type": "text/plain"})
        if fault == "slow":
            return Reply(200, doc.xml, xml, delay=self.slow_s)
        if fault == "trickle":
            return Reply(200, doc.xml, xml, trickle=0.05)
        if fault == "cut":
            return Reply(200, doc.xml, xml, cut=True)
        if fault == "truncated-xml":
            return Reply(200, doc.xml[: len(doc.xml) // 2], xml)
        if fault == "html":
            return Reply(200, b"<!DOCTYPE html><html><body>Onderhoud</body></html>", {"Content-Type": "text/html"})
        if fault == "empty":
            return Reply(200, b"", xml)
        if fault == "metadata-only":
            text = doc.xml.decode("utf-8")
            start = text.find("<uitspraak")
            end = text.rfind("</uitspraak>")
            if start >= 0 and end >= 0:
                text = text[:start] + text[end + len("</uitspraak>"):]
            return Reply(200, text.encode("utf-8"), xml)
        return Reply(200, doc.xml, xml)


def rechtspraak_docs(paths: list[Path], start: datetime) -> list[Doc]:
    """One document per file, each changed a minute after the one before (from ``start``, UTC)."""
    from datetime import timedelta

    return [Doc(ecli_of(p), start + timedelta(minutes=i), p.read_bytes()) for i, p in enumerate(paths)]


# --- a publisher's listing -------------------------------------------------------------------------------------


class FakePublisher:
    """A listing of ruling PDFs over several pages, with robots.txt, ETag/Last-Modified, and traps.

    ``pages``: path -> HTML. ``files``: path -> (bytes, content type). ``redirects``: path -> location.
    ``robots``: robots.txt text (None: 404).
    """

    server: _Server

    def __init__(self, pages: dict[str, str], files: dict[str, tuple[bytes, str]],
                 redirects: dict[str, str] | None = None, robots: str | None = None) -> None:
        self.pages = pages
        self.files = files
        self.redirects = redirects or {}
        self.robots = robots
        self.modified = format_datetime(datetime(2026, 1, 5, 12, 0, tzinfo=UTC), usegmt=True)

    @property
    def seen(self) -> list[Seen]:
        return self.server.seen

    def handle(self, req: Seen) -> Reply:
        if req.path == "/robots.txt":
            if self.robots is None:
                return Reply(404, b"", {"Content-Type": "text/plain"})
            return Reply(200, self.robots.encode(), {"Content-Type": "text/plain"})
        if req.path in self.redirects:
            return Reply(302, b"", {"Location": self.redirects[req.path]})
        if req.path in self.pages:
            return Reply(200, self.pages[req.path].encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
        if req.path in self.files:
            data, ctype = self.files[req.path]
            etag = f"\"{hashlib.sha1(data).hexdigest()[:16]}\""
            if req.headers.get("if-none-match") == etag or req.headers.get("if-modified-since") == self.modified:
                return Reply(304, b"", {"ETag": etag})
            return Reply(200, data, {"Content-Type": ctype, "ETag": etag, "Last-Modified": self.modified})
        return Reply(404, b"<html>niet gevonden</html>", {"Content-Type": "text/html"})
