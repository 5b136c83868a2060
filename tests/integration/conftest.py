"""An archive wired to real services: a clean database (SQLite / PostgreSQL) and the session's Meilisearch."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archive.db import Database
from archive.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

# A ruling in the SKGZ style full of personal data that must never be published.
PRIVATE_RULING = """ANONIEM BINDEND ADVIES

Partijen : de heer J.P. Pietersen te Amersfoort, tegen CZ Zorgverzekeringen N.V. te Tilburg

Zaak : Buitenland, mondzorg, tandarts in Turkije

Regelgeving : Voorwaarden aanvullende ziektekostenverzekering 2022

Zaaknummer : 202299901

Zittingsdatum : 12 mei 2022

Geschillencommissie Zorgverzekeringen (mr. A.B. de Vries, mr. C. Jansen en mr. D.E. van Dijk)

1. Partijen

De heer J.P. Pietersen, wonende aan de Lindenlaan 12, 3811 AB Amersfoort, hierna te noemen: verzoeker,

tegen

CZ Zorgverzekeringen N.V. te Tilburg, hierna te noemen: de ziektekostenverzekeraar.

2. Verloop van de procedure

2.1. Bij brief van 3 januari 2022 heeft verzoeker de commissie gevraagd een bindend advies uit te brengen.
Verzoeker werd bijgestaan door zijn dochter, mevrouw Fatma Yildirim-Pietersen.

3. Vaststaande feiten

3.1. Pietersen (BSN 111222333, IBAN NL91ABNA0417164300, telefoon 06-12345678, e-mail jp.pietersen@example.nl)
liet in 2021 bij tandarts Mehmet Öztürk in Istanbul vier kronen plaatsen. De tandarts in Turkije declareerde
€ 2.400,-.

4. Geschil

4.1. Verzoeker vraagt vergoeding van de tandheelkundige zorg in het buitenland ten bedrage van € 2.400,-.

6. Beoordeling

6.1. De commissie stelt vast dat de heer Pietersen de behandeling door de tandarts niet vooraf heeft laten
machtigen. De tandheelkundige kosten komen niet voor vergoeding in aanmerking.

7. Bindend advies

7.1. De commissie beslist dat:
(i) het verzoek wordt afgewezen.

Zeist, 30 juni 2022,

A.B. de Vries
"""
PRIVATE_NAMES = ["Pietersen", "Fatma", "Yildirim", "Mehmet", "Öztürk", "Lindenlaan", "3811 AB", "111222333",
                 "NL91ABNA0417164300", "06-12345678", "jp.pietersen@example.nl"]


@dataclass
class Archive:
    settings: Settings
    database: Database


@pytest.fixture
def archive(test_settings: Settings, database: Database, meili_server) -> Iterator[Archive]:  # type: ignore[no-untyped-def]
    settings = test_settings.model_copy(update={
        "meili_url": meili_server.url, "meili_key": meili_server.key,
        "index_name": f"t_{uuid.uuid4().hex[:10]}"})
    yield Archive(settings, database)


@pytest.fixture
def client(archive: Archive) -> Iterator[TestClient]:
    from app.main import create_app

    with TestClient(create_app(archive.settings)) as c:
        yield c
