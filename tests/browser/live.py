"""A real archive served over HTTP for the browser tests (and for looking at the pages by hand).

``prepare_archive`` migrates a database, ingests sample files through the real pipeline (when the ``ingest``
package imports), adds synthetic rulings (:mod:`tests.browser.corpus`) and syncs the index;
``serving(settings)`` runs the real app under uvicorn in a thread on a free port.

By hand: ``.venv/bin/python -m tests.browser.live`` starts a managed Meilisearch, prepares an archive in a
temporary folder and serves it until Ctrl+C.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from archive.db import open_database
from archive.settings import Settings
from tests.paths import SHARED

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CORPUS = SHARED / "corpus" / "generated" / "pdf"
log = logging.getLogger(__name__)


@dataclass
class PreparedArchive:
    sample_slugs: list[str] = field(default_factory=list)  # published from real sample files
    synthetic_slugs: list[str] = field(default_factory=list)
    ingest_error: str | None = None  # why no sample was ingested, if none was


def sample_files() -> list[Path]:
    """Sample rulings with a text layer (scanned copies are the same rulings and only cost OCR time here)."""
    folder = SAMPLES if any(SAMPLES.glob("*.pdf")) or any(SAMPLES.glob("*.xml")) else CORPUS
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".xml", ".txt")
                  and "SCANNED" not in p.name)


def prepare_archive(settings: Settings, *, samples: bool = True, synthetic: int = 36) -> PreparedArchive:
    from app.indexing import sync_index
    from app.runtime import open_index
    from tests.browser.corpus import add_synthetic_rulings

    db = open_database(settings)
    report = PreparedArchive()
    try:
        if samples:
            try:
                from ingest.pipeline import run_batch
            except Exception as exc:  # noqa: BLE001 - the ingest package is optional for page tests
                report.ingest_error = f"ingest.pipeline unavailable: {type(exc).__name__}: {exc}"
            else:
                try:
                    outcomes = run_batch(sample_files(), settings, db.factory)
                except Exception as exc:  # noqa: BLE001 - a pipeline under construction must not hide the pages
                    report.ingest_error = f"run_batch failed: {type(exc).__name__}: {exc}"
                else:
                    report.sample_slugs = sorted({o.slug for o in outcomes if o.status == "published" and o.slug})
                    failed = [(Path(o.path).name, o.error_code) for o in outcomes if o.status != "published"]
                    if failed:
                        report.ingest_error = f"not published: {failed}"
        if synthetic:
            report.synthetic_slugs = add_synthetic_rulings(db.factory, synthetic)
        index = open_index(settings)
        sync_index(db.factory, index)
    finally:
        db.engine.dispose()
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(settings: Settings, port: int | None = None) -> Iterator[str]:
    """The real app (``create_app``) under uvicorn in a daemon thread; yields its base URL."""
    import uvicorn

    from app.main import create_app

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-browser-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def main() -> None:  # pragma: no cover - a manual tool
    import argparse
    import signal
    import tempfile

    from app.runtime import meilisearch_running

    ap = argparse.ArgumentParser(description="Serve a prepared archive for looking at the pages")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--no-samples", action="store_true")
    ap.add_argument("--synthetic", type=int, default=36)
    args = ap.parse_args()
    # SIGTERM ends like Ctrl+C, so the managed Meilisearch and the temporary folder are cleaned up
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "var", meili_port=free_port(), workers=1)
        with meilisearch_running(settings):
            report = prepare_archive(settings, samples=not args.no_samples, synthetic=args.synthetic)
            print(report, flush=True)
            with serving(settings, args.port) as url:
                print(f"serving {url}", flush=True)
                try:
                    while True:
                        time.sleep(3600)
                except KeyboardInterrupt:
                    pass


if __name__ == "__main__":  # pragma: no cover
    main()
