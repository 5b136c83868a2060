"""Ratchet on amounts and outcomes over the hand-labelled real rulings in tests/ingest/amounts_eval/.

The seeds (sample PDFs) and the copied rechtspraak XML make the set self-contained; the criminal judgments are read
from the shared CSV and are skipped when it is absent. A rate may only move up: a group's rate below
``baseline.json`` (3 decimals, hence the 5e-4 slack) fails. When the parser improves, raise the baseline.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.ingest.amounts_eval.evaluate import BASELINE, available, evaluate, manifest, rulings

SLACK = 5e-4
OUTCOMES = {"toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk", "overig"}


def _total(values: list[float | None]) -> float | None:
    stated = [v for v in values if v is not None]
    return round(sum(stated), 2) if stated else None


def test_the_set_is_big_enough_and_matches_its_manifest() -> None:
    docs = rulings()
    ids = [d["id"] for d in docs]
    assert len(set(ids)) == len(ids)
    assert sorted(manifest()) == sorted(ids)
    self_contained = [d for d in docs if not d["source"].startswith("shared-csv:")]
    assert len(self_contained) >= 30
    assert all(available(d) for d in self_contained)


@pytest.mark.parametrize("doc", rulings(), ids=lambda d: d["id"])
def test_labels_add_up(doc: dict[str, Any]) -> None:
    """Totals are sums over distinct items, so the labels must agree with their own items."""
    claim_ids = {c["id"] for c in doc["claims"]}
    assert doc["amount_claimed"] == _total([c["amount"] for c in doc["claims"]])
    awards = [it["amount_awarded"] for it in doc["decision_items"] if it["kind"] == "claim"]
    assert doc["amount_awarded"] == _total(awards)
    assert doc["outcome"] in OUTCOMES
    for item in doc["decision_items"]:
        assert item["outcome"] in OUTCOMES
        assert set(item["decides"]) <= claim_ids
    for claim in doc["claims"]:
        assert claim["outcome"] in OUTCOMES
    entreegeld = [it["amount_awarded"] for it in doc["decision_items"] if it["kind"] == "entreegeld"]
    assert doc["entreegeld_refunded"] == (entreegeld[0] if entreegeld else None)


def test_seed_202000821_is_labelled_as_read_off_the_ruling() -> None:
    doc = next(d for d in rulings() if d["id"] == "skgz:202000821")
    assert doc["amount_awarded"] == 6.95 and doc["entreegeld_refunded"] == 37.0
    assert any(c["amount"] == 1000.0 and c["outcome"] == "afgewezen" for c in doc["claims"])
    dental = next(it for it in doc["decision_items"] if it["label"] == "v")
    assert dental["outcome"] == "niet-ontvankelijk"


def test_no_rate_drops_below_the_baseline() -> None:
    base = json.loads(BASELINE.read_text(encoding="utf-8"))["rates"]
    report = evaluate()
    drops = {}
    for group, rates in report.by_source.items():
        for metric, rate in rates.items():
            if rate.value < base[group][metric] - SLACK:
                drops[f"{group}/{metric}"] = (rate.as_dict(), base[group][metric])
    assert not drops, f"rates below baseline (now, baseline): {drops}"
