"""/docs and /redoc render in a real browser, offline, under the app's Content-Security-Policy (issue 14).

Before, both pages loaded Swagger UI and ReDoc from a CDN (blank without internet, no integrity check) and started
Swagger UI with an inline script, which a CSP without inline script blocks.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.main import create_app
from app.server import server_config
from archive.settings import Settings
from tests.browser.harness import BROWSER_MARKS, CHROMIUM, ROOT
from tests.browser.live import free_port

pytestmark = BROWSER_MARKS
SCRIPT = Path(__file__).with_name("docs_pages.mjs")


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app without its lifespan: the docs pages and /openapi.json need neither database nor index."""
    import uvicorn

    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("docs") / "var"))
    port = free_port()
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_api_docs_render_offline_under_the_csp(docs_server: str) -> None:
    proc = subprocess.run(["node", str(SCRIPT), json.dumps({"base": docs_server, "executable": str(CHROMIUM)})],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    pages: list[dict[str, Any]] = json.loads(proc.stdout)["pages"]
    assert [p["path"] for p in pages] == ["/docs", "/redoc"]
    for page in pages:
        assert page["rendered"] and page["operations"] >= 5, page
        assert page["csp_violations"] == [], page
        assert page["console_errors"] == [], page
        assert page["outside_requests"] == [], page
