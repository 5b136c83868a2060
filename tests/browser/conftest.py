"""The archive served for real (uvicorn on a free port, SQLite, the session's Meilisearch) for the page tests.

One server per test module: preparing it (ingesting the samples, indexing) is the slow part, and the tests only
read from it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.settings import Settings
from tests.browser.live import PreparedArchive, prepare_archive, serving


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through playwright-core (node)")


@dataclass
class LiveArchive:
    base_url: str
    settings: Settings
    prepared: PreparedArchive


@pytest.fixture(scope="module")
def live_archive(meili_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveArchive]:  # type: ignore[no-untyped-def]
    tmp: Path = tmp_path_factory.mktemp("browser")
    settings = Settings(data_dir=tmp / "var", database_url=f"sqlite:///{tmp / 'archive.sqlite3'}",
                        meili_url=meili_server.url, meili_key=meili_server.key,
                        index_name=f"t_web_{uuid.uuid4().hex[:10]}", workers=1, doc_timeout_s=120)
    prepared = prepare_archive(settings)
    try:
        with serving(settings) as base_url:
            yield LiveArchive(base_url, settings, prepared)
    finally:
        index_names = [n for n in meili_server.index().client.index_uids() if n.startswith(settings.index_name)]
        for name in index_names:
            meili_server.index().client.delete_index(name)
