"""Ratchet on the real-text recall set (tests/anonymise/realtext/): scores may only move on purpose.

The set is real rechtspraak rulings with invented names and identifiers put back at the court's placeholders
(tests/anonymise/realtext/README.md). Recorded figures live in realtext/baseline.json, written by
``python -m tests.anonymise.realtext.evaluate --write-baseline``. A figure below its baseline minus a small tolerance
fails; a better figure is a prompt to raise the baseline in the same change. The issue-12 targets (persons >= 0.99
overall, >= 0.97 per class, identifiers >= 0.99) are not asserted here yet: the lead raises them when the
recogniser meets them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from tests.anonymise.realtext import build, csvpart
from tests.anonymise.realtext.evaluate import BASELINE, baseline_figures, evaluate, load

FIGURES = json.loads(BASELINE.read_text(encoding="utf-8"))
TOLERANCE = 0.005
MIN_PER_CLASS = 30


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return load()


@pytest.fixture(scope="module")
def scores(docs: list[dict[str, Any]]) -> dict[str, float]:
    return baseline_figures(evaluate(docs=docs))


@pytest.fixture(scope="module")
def csv_scores() -> dict[str, float]:
    """The CSV supplement, built from ../shared now (its text may not be copied into the repository)."""
    supplement = csvpart.build_csv()
    if not supplement:
        pytest.skip(f"rechtspraak CSV not available under {csvpart.SHARED}")
    return baseline_figures(evaluate(docs=supplement), "csv/")


def test_set_size(docs: list[dict[str, Any]]) -> None:
    persons = [s for d in docs for s in d["spans"] if s["kind"] == "person"]
    assert len(docs) >= 60 and len(persons) >= 1000
    per_class = Counter(s["form"] for s in persons) + Counter(t for s in persons for t in s["traits"])
    thin = {c: n for c, n in per_class.items() if n < MIN_PER_CLASS}
    assert not thin, f"surface-form classes below {MIN_PER_CLASS} spans: {thin}"


def test_spans_are_exact(docs: list[dict[str, Any]]) -> None:
    """Gold spans lie inside the text, do not overlap, and start and end on a character of the value."""
    for doc in docs:
        text, end = doc["text"], 0
        for span in doc["spans"]:
            assert end <= span["start"] < span["end"] <= len(text), doc["id"]
            value = text[span["start"]:span["end"]]
            assert value == value.strip() and "[" not in value, (doc["id"], span["key"])
            end = span["end"]


def test_manifest_lists_the_documents(docs: list[dict[str, Any]]) -> None:
    manifest = json.loads(build.MANIFEST.read_text(encoding="utf-8"))
    assert [(m["id"], m["ecli"]) for m in manifest["documents"]] == [(d["id"], d["ecli"]) for d in docs]


def test_committed_set_matches_a_rebuild() -> None:
    """The data file and manifest are what build.py makes from the corpus (only when the corpus is beside the
    repository)."""
    if not build.source_files() or not csvpart.available():
        pytest.skip(f"rechtspraak XML not available under {build.SHARED}")
    jsonl, manifest = build.serialise(*build.build())
    assert jsonl == build.DATA.read_text(encoding="utf-8")
    assert manifest == build.MANIFEST.read_text(encoding="utf-8")


@pytest.mark.parametrize("figure", sorted(f for f in FIGURES if not f.startswith("csv/")))
def test_ratchet(scores: dict[str, float], figure: str) -> None:
    assert scores[figure] >= FIGURES[figure] - TOLERANCE, f"{figure}: {scores[figure]} < baseline {FIGURES[figure]}"


@pytest.mark.parametrize("figure", sorted(f for f in FIGURES if f.startswith("csv/")))
def test_ratchet_csv_supplement(csv_scores: dict[str, float], figure: str) -> None:
    got = csv_scores[figure]
    assert got >= FIGURES[figure] - TOLERANCE, f"{figure}: {got} < baseline {FIGURES[figure]}"
