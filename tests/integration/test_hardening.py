"""The web-facing hardening of issue 14: headers and CSP, offline API docs, Host checking and public links, rate
limits (in process and in Redis), Atom and CSV escaping, uvicorn's 400, file modes and Dutch error pages.

Each test failed on the code before the fix. They run against the real app (TestClient over a real archive where
data is needed), a real uvicorn for the raw-socket test, and the machine's Redis for the shared counters.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import socket
import stat
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import feeds
from app.indexing import sync_index
from app.main import create_app
from app.ratelimit import MemoryLimiter, Rate, RateLimitMiddleware, RedisLimiter, request_cost
from app.runtime import open_index
from app.server import server_config
from archive.db import make_engine
from archive.settings import Settings
from tests.browser.corpus import add_synthetic_rulings
from tests.fixtures.archive import Archive

pytestmark = pytest.mark.integration

HTML = {"accept": "text/html"}
REDIS_URL = os.environ.get("RULINGS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def filled(archive: Archive, client: TestClient) -> Iterator[TestClient]:
    """The app over a few synthetic rulings, indexed."""
    add_synthetic_rulings(archive.database.factory, 6)
    index = open_index(archive.settings)
    sync_index(archive.database.factory, index)
    yield client
    index.drop()


def _slug(client: TestClient) -> str:
    return str(client.get("/api/v1/search").json()["hits"][0]["slug"])


def _bare_app(tmp_path: Path, **settings: Any) -> TestClient:
    """The app without its lifespan (no database or index): enough for what middleware and static pages answer."""
    return TestClient(create_app(Settings(data_dir=tmp_path / "var", **settings)), raise_server_exceptions=False)


# Security headers -----------------------------------------------------------------------------------------------


def _assert_security_headers(resp: Any) -> None:
    h = resp.headers
    csp = h.get("content-security-policy", "")
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src and "'unsafe-inline'" not in script_src.group(1) and "'unsafe-eval'" not in script_src.group(1)
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert h.get("x-content-type-options") == "nosniff"
    assert h.get("referrer-policy") == "strict-origin-when-cross-origin"
    assert h.get("x-frame-options") == "DENY"
    assert "camera=()" in h.get("permissions-policy", "")


def test_every_kind_of_response_carries_the_security_headers(filled: TestClient) -> None:
    slug = _slug(filled)
    for path, headers, status in [("/", HTML, 200), (f"/uitspraak/{slug}", HTML, 200), ("/over", HTML, 200),
                                  ("/statistieken", HTML, 200), ("/static/site.css", {}, 200),
                                  ("/api/v1/search", {}, 200), ("/api/v1/search/export?format=csv", {}, 200),
                                  ("/api/v1/search.atom", {}, 200), ("/healthz", {}, 200),
                                  ("/openapi.json", {}, 200), ("/docs", HTML, 200), ("/redoc", HTML, 200),
                                  ("/api/v1/rulings/bestaat-niet", {}, 404), ("/bestaat-niet", HTML, 404),
                                  ("/api/v1/search?year_from=x", {}, 422)]:
        resp = filled.get(path, headers=headers)
        assert resp.status_code == status, (path, resp.status_code)
        _assert_security_headers(resp)
        assert "strict-transport-security" not in resp.headers  # the public URL is not https


def test_an_unexpected_500_carries_the_headers_too(tmp_path: Path) -> None:
    # Without its lifespan the app has no service: a route needing it fails in Starlette's outermost middleware.
    resp = _bare_app(tmp_path).get("/api/v1/stats")
    assert resp.status_code == 500
    _assert_security_headers(resp)


def test_hsts_only_when_the_public_url_is_https(tmp_path: Path) -> None:
    resp = _bare_app(tmp_path, public_url="https://uitspraken.example.nl").get(
        "/over", headers={**HTML, "host": "uitspraken.example.nl"})
    assert resp.status_code == 200
    assert resp.headers["strict-transport-security"].startswith("max-age=")
    assert "strict-transport-security" not in _bare_app(tmp_path).get("/over").headers


class _PageAudit(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, event-handler attributes, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.local: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            if not names.get("src"):
                self._in_inline_script = True
                self.problems.append("inline <script>")
            else:
                self.local.append(str(names["src"]))
        if tag == "link" and names.get("href") and names.get("rel") in ("stylesheet", "icon"):
            self.local.append(str(names["href"]))
        if tag == "style":
            self.problems.append("<style> element")
        for name, _ in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{name}= on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_inline_script = False


def test_pages_have_no_inline_script_or_style_for_the_csp_to_block(filled: TestClient) -> None:
    slug = _slug(filled)
    for path in ["/", "/?q=zorg", f"/uitspraak/{slug}", "/over", "/statistieken", "/wetsartikelen", "/bestaat-niet"]:
        audit = _PageAudit()
        audit.feed(filled.get(path, headers=HTML).text)
        assert audit.problems == [], (path, audit.problems)


def test_api_docs_are_served_from_the_app_itself(filled: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = filled.get(path, headers=HTML)
        assert page.status_code == 200
        audit = _PageAudit()
        audit.feed(page.text)
        assert audit.problems == [], (path, audit.problems)
        assert "http://" not in page.text and "https://" not in page.text  # no CDN, no fonts from elsewhere
        assert any("swagger-ui-bundle.js" in s or "redoc.standalone.js" in s for s in audit.local)
        for asset in audit.local:
            resp = filled.get(asset)
            assert resp.status_code == 200 and len(resp.content) > 100, asset
    assert "openapi-url" in filled.get("/docs").text or "openapi.json" in filled.get("/docs").text


# Host header and public links -----------------------------------------------------------------------------------


def test_a_forged_host_is_refused_and_never_reflected(filled: TestClient) -> None:
    slug = _slug(filled)
    for path in [f"/uitspraak/{slug}", "/api/v1/search.atom", "/api/v1/search/export?format=csv", "/healthz"]:
        resp = filled.get(path, headers={"host": "evil.example"})
        assert resp.status_code == 400
        assert resp.json()["error"]["code"] == "invalid_host"
        assert "evil.example" not in resp.text
        _assert_security_headers(resp)
    page = filled.get(f"/uitspraak/{slug}", headers={**HTML, "host": "evil.example:8000"})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert "evil.example" not in page.text and "hostnaam" in page.text


def test_the_public_url_builds_every_absolute_link(archive: Archive, filled: TestClient) -> None:
    public = "https://uitspraken.example.nl/archief"
    settings = archive.settings.model_copy(update={"public_url": public})
    with TestClient(create_app(settings)) as c:
        hit = c.get("/api/v1/search").json()["hits"][0]
        # The Host is a loopback name (allowed), yet every link is built from the public URL.
        page = c.get(f"/uitspraak/{hit['slug']}", headers={**HTML, "host": "127.0.0.1:8000"}).text
        assert f'rel="canonical" href="{public}/uitspraak/{hit["slug"]}"' in page
        assert f'value="{public}/uitspraak/{hit["slug"]}"' in page  # the permalink to copy
        assert f"{public}/uitspraak/{hit['slug']}" in c.get(f"/uitspraak/{hit['slug']}.txt").text
        feed = ET.fromstring(c.get("/api/v1/search.atom?q=zorg").content)
        hrefs = [el.get("href") or "" for el in feed.iter("{http://www.w3.org/2005/Atom}link")]
        assert hrefs and all(h.startswith(public + "/") for h in hrefs), hrefs
        rows = list(csv.DictReader(io.StringIO(c.get("/api/v1/search/export?format=csv").text.lstrip("\ufeff"))))
        assert rows and all(r["url"].startswith(public + "/uitspraak/") for r in rows)
        lines = c.get("/api/v1/search/export?format=jsonl").text.splitlines()
        assert lines and all(f'"url": "{public}/uitspraak/' in line for line in lines)
        # The public URL's host is allowed; another is not.
        assert c.get("/over", headers={"host": "uitspraken.example.nl"}).status_code == 200
        assert c.get("/over", headers={"host": "example.nl"}).status_code == 400


def test_allowed_hosts_can_be_configured(tmp_path: Path) -> None:
    client = _bare_app(tmp_path, allowed_hosts="archief.example, intern.local")
    assert client.get("/over", headers={"host": "archief.example"}).status_code == 200
    assert client.get("/over", headers={"host": "intern.local:8080"}).status_code == 200
    assert client.get("/over", headers={"host": "localhost"}).status_code == 400  # no longer in the list
    assert _bare_app(tmp_path, allowed_hosts="*").get("/over", headers={"host": "x.example"}).status_code == 200


# Rate limiting ----------------------------------------------------------------------------------------------------


def test_a_client_over_its_budget_gets_429_with_retry_after(tmp_path: Path) -> None:
    client = _bare_app(tmp_path, rate_limit_per_minute=60, rate_limit_burst=5, rate_limit_export_cost=5)
    assert [client.get("/over").status_code for _ in range(5)] == [200] * 5
    resp = client.get("/over")
    assert resp.status_code == 429
    assert 1 <= int(resp.headers["retry-after"]) <= 2
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == "rate_limited" and body["error"]["message"]
    _assert_security_headers(resp)
    page = client.get("/over", headers=HTML)
    assert page.status_code == 429 and "te veel verzoeken" in page.text and page.headers["retry-after"]
    # Free: the health check and static files still answer.
    assert client.get("/static/site.css").status_code == 200
    assert client.get("/healthz").status_code != 429


def test_the_default_limits_let_a_person_browse(tmp_path: Path) -> None:
    client = _bare_app(tmp_path)
    assert all(client.get("/over").status_code == 200 for _ in range(200))


def test_an_export_costs_more_than_a_page() -> None:
    async def ok(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = RateLimitMiddleware(ok, MemoryLimiter(Rate(per_minute=60, burst=10)), export_cost=10)
    client = TestClient(app)  # type: ignore[arg-type]
    assert client.get("/api/v1/search/export").status_code == 200
    assert client.get("/api/v1/search").status_code == 429  # the export spent the whole burst
    assert request_cost("/api/v1/search/export", 10) == 10 and request_cost("/", 10) == 1
    assert request_cost("/api/v1/bulk/rulings.jsonl.gz", 10) == 10 and request_cost("/api/v1/bulk", 10) == 1
    assert request_cost("/healthz", 10) == 0 and request_cost("/static/site.js", 10) == 0


def test_memory_limiter_refills_at_the_sustained_rate() -> None:
    now = [1000.0]
    limiter = MemoryLimiter(Rate(per_minute=60, burst=3), clock=lambda: now[0])
    spend = lambda cost=1: asyncio.run(limiter.spend("1.2.3.4", cost))  # noqa: E731
    assert [spend() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert spend() == pytest.approx(1.0)
    assert asyncio.run(limiter.spend("5.6.7.8", 1)) == 0.0  # per client
    now[0] += 1.0
    assert spend() == 0.0 and spend() > 0


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")


def test_redis_counters_are_shared_by_several_server_processes(tmp_path: Path) -> None:
    _redis_or_skip()
    settings = dict(rate_limit_per_minute=60, rate_limit_burst=4, rate_limit_export_cost=2, redis_url=REDIS_URL,
                    index_name=f"t_rl_{uuid.uuid4().hex[:10]}")
    # Two apps = two server processes' worth of state: only Redis is shared between them.
    with _bare_app(tmp_path, **settings) as one, _bare_app(tmp_path, **settings) as two:
        assert [one.get("/over").status_code for _ in range(2)] == [200, 200]
        assert [two.get("/over").status_code for _ in range(2)] == [200, 200]
        resp = two.get("/over")
        assert resp.status_code == 429 and int(resp.headers["retry-after"]) >= 1
        assert one.get("/over").status_code == 429
        assert one.get("/healthz").status_code != 429


def test_redis_limiter_refills_and_fails_open() -> None:
    _redis_or_skip()

    async def scenario() -> tuple[list[float], float, float]:
        limiter = RedisLimiter(Rate(per_minute=600, burst=2), REDIS_URL, prefix=f"t:{uuid.uuid4().hex}:")
        try:
            first = [await limiter.spend("c", 1) for _ in range(3)]
            await asyncio.sleep(0.25)  # 600/min = one unit per 0.1 s
            after = await limiter.spend("c", 1)
        finally:
            await limiter.aclose()
        down = RedisLimiter(Rate(per_minute=60, burst=1), "redis://127.0.0.1:9/0", prefix="t:")
        try:
            unreachable = max([await down.spend("c", 1) for _ in range(3)])
        finally:
            await down.aclose()
        return first, after, unreachable

    first, after, unreachable = asyncio.run(scenario())
    assert first[:2] == [0.0, 0.0] and 0 < first[2] <= 0.1 + 1e-3
    assert after == 0.0
    assert unreachable == 0.0  # Redis down: requests are served, not refused


# Atom, CSV ------------------------------------------------------------------------------------------------------


def test_quotes_and_controls_in_the_query_keep_the_atom_feed_valid_xml(filled: TestClient) -> None:
    for q in ['zorg"', '"eigen risico"', "a&b<c>'d", 'x" onload="y']:
        resp = filled.get("/api/v1/search.atom", params={"q": q})
        assert resp.status_code == 200, resp.text
        root = ET.fromstring(resp.content)
        assert root.findtext("{http://www.w3.org/2005/Atom}title") == f"Uitspraken: {q}"
    raw = filled.get('/api/v1/search.atom?q=zorg"&insurer=a"b')
    assert raw.status_code in (200, 422)
    if raw.status_code == 200:
        ET.fromstring(raw.content)
    text = feeds.atom_feed(title='t "\x01\x0b', self_url='http://h/a?q="', html_url="http://h/", rows=[])
    ET.fromstring(text.encode())


def test_csv_cells_starting_with_tab_or_carriage_return_are_neutralised() -> None:
    row: dict[str, Any] = {f: None for f in feeds.EXPORT_FIELDS}
    for bad in ["\t=1+1", "\r=1+1", "=1+1", "+1", "-1", "@SUM(A1)"]:
        row["title"] = bad
        cell = next(csv.DictReader(io.StringIO(feeds.csv_header() + feeds.csv_line(row))))["title"]
        assert cell.startswith("'"), repr(cell)
    row["title"] = "Gewone titel"
    assert "'Gewone" not in feeds.csv_line(row)


# uvicorn's own 400 --------------------------------------------------------------------------------------------------


def test_an_over_long_request_line_gets_the_json_error_shape(tmp_path: Path) -> None:
    import uvicorn

    app = create_app(Settings(data_dir=tmp_path / "var"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, lifespan="off", log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(b"GET /api/v1/search?q=" + b"a" * 200_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400"), head
        assert b"content-type: application/json" in head.lower() and b"nosniff" in head
        import json

        error = json.loads(body)["error"]
        assert error["code"] == "bad_request" and error["message"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# File modes -------------------------------------------------------------------------------------------------------


def test_the_sqlite_database_its_wal_and_the_data_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        settings = Settings(data_dir=tmp_path / "var")
        engine = make_engine(settings)
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        with engine.connect() as conn:  # keeps the WAL and shared-memory files while checking
            conn.exec_driver_sql("SELECT * FROM t").fetchall()
            db = settings.data_dir / "rulings.sqlite3"
            files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
            assert all(f.exists() for f in files)
            assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o600 for f in files}
            assert stat.S_IMODE(settings.data_dir.stat().st_mode) == 0o700
        engine.dispose()
        # An existing world-readable database is tightened when the archive opens it.
        os.chmod(db, 0o644)
        os.chmod(settings.data_dir, 0o755)
        make_engine(settings).dispose()
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(settings.data_dir.stat().st_mode) == 0o700
    finally:
        os.umask(old)


# Dutch error pages --------------------------------------------------------------------------------------------------


def test_web_error_pages_speak_dutch(filled: TestClient) -> None:
    page = filled.get("/?year_from=abc", headers=HTML)
    assert page.status_code == 422
    assert "Input should be" not in page.text and "moet een geheel getal zijn" in page.text
    page = filled.get("/?per_page=100000", headers=HTML)
    assert page.status_code == 422 and "Input should be" not in page.text, page.text
    page = filled.get("/bestaat-niet", headers=HTML)
    assert page.status_code == 404 and "Not Found" not in page.text
    # The JSON API keeps its documented English messages.
    assert "integer" in filled.get("/api/v1/search?year_from=abc").json()["error"]["message"]


def test_the_openapi_description_documents_the_400_and_429(tmp_path: Path) -> None:
    spec = _bare_app(tmp_path).get("/openapi.json").json()
    search = spec["paths"]["/api/v1/search"]["get"]["responses"]
    assert {"400", "429"} <= set(search) and "Retry-After" in search["429"]["headers"]
    assert "429" not in spec["paths"]["/healthz"]["get"]["responses"]  # the health check is never limited
