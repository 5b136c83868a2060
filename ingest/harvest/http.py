"""The harvest's HTTP client: polite by construction, and every way a download can go wrong is one error code.

- **Rate**: at most ``harvest_requests_per_s`` requests per second to one host (a robots.txt ``Crawl-delay`` can
  slow a host further), one request at a time.
- **Retries**: a timeout, a dropped or truncated response, a 5xx or a 429 is retried ``harvest_retries`` times,
  waiting ``harvest_backoff_s`` and doubling; a ``Retry-After`` (seconds or an HTTP date) replaces that wait, and
  one longer than ``harvest_retry_after_max_s`` fails the request rather than blocking the harvest for hours.
- **Redirects** are followed by hand (at most :data:`MAX_REDIRECTS`), so a loop is recognised as one and every
  hop can be checked (robots.txt) before it is requested.
- **Size and time**: a body larger than ``max_file_mb`` is abandoned while it streams; ``harvest_timeout_s`` bounds
  the connection and each read, and a whole answer may take at most :data:`TOTAL_TIMEOUT_FACTOR` times that.

Nothing here logs a URL (a listed file's name can carry a person's name); errors carry the status and a code.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from archive.errors import RulingsError
from archive.settings import Settings

log = logging.getLogger(__name__)
# httpx logs every request with its full URL at INFO ("HTTP Request: GET https://host/files/<name>.pdf"), and httpcore
# at DEBUG: that would put the listed file names in the operator's log, which this module promises not to do.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

MAX_REDIRECTS = 5
TOTAL_TIMEOUT_FACTOR = 10  # a whole answer may take this many times RULINGS_HARVEST_TIMEOUT_S
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(RulingsError):
    """A download that failed; ``code`` says how (``http_500``, ``timeout``, ``redirect_loop``, ``not_xml`` ...)."""

    http_status = 502

    def __init__(self, message: str, *, code: str = "fetch_failed", detail: object | None = None) -> None:
        super().__init__(message, detail=detail)
        self.code = code


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class PoliteClient:
    """One harvest's connection to its hosts. ``sleep`` is injectable so a test can see the waits it asked for."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self._sleep = sleep
        self._interval = 1.0 / settings.harvest_requests_per_s
        self._host_interval: dict[str, float] = {}
        self._next_at: dict[str, float] = {}
        self.requests = 0
        self.waits: list[float] = []  # every deliberate wait (rate, backoff, Retry-After), in seconds
        self._max_bytes = settings.max_file_mb * 1024 * 1024
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.harvest_timeout_s), follow_redirects=False, transport=transport,
            headers={"User-Agent": settings.harvest_user_agent}, trust_env=False)

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def slow_down(self, url: str, seconds: float) -> None:
        """At least ``seconds`` between requests to the host of ``url`` (a robots.txt Crawl-delay)."""
        host = _host(url)
        self._host_interval[host] = max(self._interval, min(seconds, 60.0))

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self.waits.append(seconds)
            self._sleep(seconds)

    def _wait_turn(self, host: str) -> None:
        now = time.monotonic()
        at = self._next_at.get(host, 0.0)
        if at > now:
            self._pause(at - now)
            now = time.monotonic()
        self._next_at[host] = max(now, at) + self._host_interval.get(host, self._interval)

    def get(self, url: str, *, headers: dict[str, str] | None = None,
            allow: Callable[[str], None] | None = None) -> Response:
        """GET ``url``, following redirects; ``allow(url)`` is called before each hop after the first and may
        raise (robots.txt). Returns any final answer below 500 except 429 (the caller decides what a 404 or a 304
        means); raises :class:`FetchError` when retries are exhausted, on a redirect loop or an oversized body."""
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._get_with_retries(current, headers)
            if response.status not in _REDIRECTS:
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} without a Location", code="bad_redirect")
            target = urljoin(current, location)
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError("redirect to a scheme other than http(s)", code="bad_redirect")
            if target in seen:
                raise FetchError("redirect loop", code="redirect_loop")
            seen.add(target)
            if allow is not None:
                allow(target)
            current = target
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", code="too_many_redirects")

    def _get_with_retries(self, url: str, headers: dict[str, str] | None) -> Response:
        settings = self.settings
        host = _host(url)
        for attempt in range(settings.harvest_retries + 1):
            last = attempt == settings.harvest_retries
            wait = settings.harvest_backoff_s * (2 ** attempt)
            self._wait_turn(host)
            self.requests += 1
            try:
                response = self._get_once(url, headers)
            except FetchError as exc:
                if exc.code == "too_large" or last:
                    raise
                log.info("request to %s failed (%s), retry %d", host, exc.code, attempt + 1)
                self._pause(wait)
                continue
            if response.status < 500 and response.status != 429:
                return response
            if last:
                raise FetchError(f"HTTP {response.status} after {attempt + 1} attempts",
                                 code=f"http_{response.status}")
            asked = retry_after_seconds(response.headers.get("retry-after"))
            if asked is not None:
                if asked > settings.harvest_retry_after_max_s:
                    raise FetchError(f"HTTP {response.status}; the server asks to wait {asked:.0f} s, longer than "
                                     f"{settings.harvest_retry_after_max_s:.0f} s", code="retry_after_too_long")
                wait = asked
            log.info("%s answered %d, retry %d in %.1f s", host, response.status, attempt + 1, wait)
            self._pause(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str, headers: dict[str, str] | None) -> Response:
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code >= 500 or r.status_code == 429 or r.status_code in _REDIRECTS:
                    return Response(str(r.url), r.status_code, r.headers, b"")  # the body is not needed
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self._max_bytes:
                    raise FetchError(f"response of {int(declared)} bytes is above the limit", code="too_large")
                chunks: list[bytes] = []
                size = 0
                # The timeout bounds each read; a server that trickles bytes is bounded by the whole answer's time.
                deadline = time.monotonic() + TOTAL_TIMEOUT_FACTOR * self.settings.harvest_timeout_s
                for chunk in r.iter_bytes():
                    if time.monotonic() > deadline:
                        raise FetchError("answer took too long to arrive", code="timeout")
                    size += len(chunk)
                    if size > self._max_bytes:
                        raise FetchError("response is above the size limit", code="too_large")
                    chunks.append(chunk)
                return Response(str(r.url), r.status_code, r.headers, b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchError(f"no answer within {self.settings.harvest_timeout_s:g} s", code="timeout") from exc
        except httpx.RemoteProtocolError as exc:
            # A body shorter than its Content-Length, a connection closed mid-answer.
            raise FetchError("incomplete response (connection closed early)", code="incomplete_response") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"connection failed ({type(exc).__name__})", code="connection_error") from exc
