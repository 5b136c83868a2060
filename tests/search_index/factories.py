"""Ruling objects for search tests: plain ``archive.models.Ruling`` instances, no database."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from archive.models import Ruling

_ids = itertools.count(1000)

FILLER = (
    "De commissie heeft kennisgenomen van de stukken en overweegt als volgt over het geschil tussen partijen. "
    "Partijen hebben hun standpunten ter zitting toegelicht en nadere stukken overgelegd. "
)


def topic(topic_id: str, label: str | None = None) -> dict[str, Any]:
    return {"id": topic_id, "label": label or topic_id.replace("-", " ").capitalize(), "confidence": 0.9}


def make_ruling(**overrides: Any) -> Ruling:
    """A published ruling with a multi-paragraph body; override any column."""
    rid = overrides.pop("id", None) or next(_ids)
    fields: dict[str, Any] = {
        "id": rid,
        "slug": f"ruling-{rid}",
        "status": "published",
        "source": "skgz",
        "case_number": f"2021{rid:05d}",
        "ecli": None,
        "title": f"Uitspraak {rid}",
        "decision_date": date(2021, 6, 1),
        "published_at": datetime(2021, 7, 1, 12, 0, tzinfo=UTC) + timedelta(minutes=rid),
        "insurer": "CZ",
        "outcome": "afgewezen",
        "insurance_type": "basis",
        "topics": [topic("fysiotherapie")],
        "references": [{"id": "zvw:art11", "text": "artikel 11 Zorgverzekeringswet", "url": None}],
        "amount_awarded": None,
        "text": "\n\n".join(f"{n}. {FILLER * 3}" for n in range(1, 6)),
        "annex": "",
        "metadata_json": {},
    }
    fields.update(overrides)
    return Ruling(**fields)
