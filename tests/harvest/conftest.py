"""Fixtures of the harvest tests: settings with small timeouts on a real database (SQLite, and PostgreSQL when
configured), and a polite client whose waits are recorded (it still sleeps them)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from archive.db import Database
from archive.settings import Settings
from ingest.harvest.http import PoliteClient

# Small bounds keep the fault tests fast: a "slow" document answers after 2 s, the client waits 0.4 s.
FAST = {"harvest_timeout_s": 0.4, "harvest_retries": 1, "harvest_backoff_s": 0.01, "harvest_requests_per_s": 50,
        "harvest_retry_after_max_s": 5.0, "rechtspraak_page_size": 2}


@pytest.fixture
def hsettings(test_settings: Settings, database: Database) -> Settings:
    return test_settings.model_copy(update=FAST)


@pytest.fixture
def client_factory(hsettings: Settings) -> Iterator:  # type: ignore[type-arg]
    clients: list[PoliteClient] = []

    def make(settings: Settings | None = None) -> PoliteClient:
        client = PoliteClient(settings or hsettings, sleep=time.sleep)
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()
