"""Fixtures of the review tests: an archive under RULINGS_PUBLICATION=review with the private ruling ingested
through the real pipeline, a reviewer account, and a logged-in client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.indexing import sync_index
from app.review import accounts
from app.runtime import open_index
from archive.db import session_scope
from tests.fixtures.archive import PRIVATE_RULING, Archive

PASSWORD = "correct horse battery"


@dataclass
class Reviewed:
    archive: Archive
    client: TestClient
    ruling_id: int
    slug: str


def ingest(archive: Archive, path: Path, *, force: bool = False) -> list:  # type: ignore[type-arg]
    from ingest.pipeline import run_batch

    outcomes = run_batch([path], archive.settings, archive.database.factory, force=force)
    sync_index(archive.database.factory, open_index(archive.settings))
    return outcomes


def add_user(archive: Archive, email: str = "rev@example.org", role: str = "reviewer",
             password: str | None = PASSWORD) -> str | None:
    with session_scope(archive.database.factory) as session:
        return accounts.add_user(session, email, role, password)[1]


def form_token(html: str, name: str = "csrf") -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field"
    return found.group(1)


def login(client: TestClient, email: str = "rev@example.org", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    page = client.get("/beheer/inloggen")
    return client.post("/beheer/inloggen", data={"email": email, "password": password,
                                                  "csrf": form_token(page.text)}, follow_redirects=False)


@pytest.fixture
def review_archive(archive: Archive, tmp_path: Path) -> Iterator[Reviewed]:
    archive.settings = archive.settings.model_copy(update={"publication": "review"})
    doc = tmp_path / "private.txt"
    doc.write_text(PRIVATE_RULING, encoding="utf-8")
    outcomes = ingest(archive, doc)
    assert [o.status for o in outcomes] == ["published"], outcomes[0].error
    add_user(archive)
    from app.main import create_app

    with TestClient(create_app(archive.settings)) as client:
        yield Reviewed(archive, client, int(outcomes[0].ruling_id), str(outcomes[0].slug))


@pytest.fixture
def light_archive(archive: Archive) -> Iterator[Reviewed]:
    """Synthetic published rulings (no model loaded), a reviewer account and a client: for the security tests."""
    from app.main import create_app
    from tests.browser.corpus import add_synthetic_rulings

    slugs = add_synthetic_rulings(archive.database.factory, 3)
    sync_index(archive.database.factory, open_index(archive.settings))
    add_user(archive)
    with session_scope(archive.database.factory) as session:
        from archive import store

        found = store.get_ruling(session, slugs[0])
        assert found is not None
        ruling_id = found.id
    with TestClient(create_app(archive.settings)) as client:
        yield Reviewed(archive, client, ruling_id, slugs[0])
