"""Ratchet on the hand-labelled precision set of real rulings: what the anonymiser wrongly replaces may only shrink.

Figures come from ``precision/evaluate.py``; the recorded ones live in ``precision/baseline.json`` (edit it by hand
in the change that improves them). The per-10k-words rate must not rise, precision must not fall, and the few real
private names the courts left in must stay covered. The rate over all real XML rulings takes about a minute on one
core, so it runs only with ``RULINGS_PRECISION_CORPUS=1`` (``python -m tests.anonymise.precision.evaluate`` prints
it too).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.settings import Settings
from ingest.rechtspraak_xml import extract_rechtspraak_xml
from tests.anonymise.precision.evaluate import evaluate, load_set, score_corpus
from tests.anonymise.precision.make_set import CODES, CORPUS

BASELINE = json.loads((Path(__file__).parent / "precision" / "baseline.json").read_text())
RATE_TOLERANCE = 0.05  # per 10k words: under one replaced span on the set
PRECISION_TOLERANCE = 0.005


@pytest.fixture(scope="module")
def scores() -> dict:
    return evaluate(corpus=False)["set"]


def test_set_is_what_the_pipeline_anonymises() -> None:
    """At least 40 rulings, every label used, offsets inside the text, and the text is the extractor's output."""
    docs = load_set()
    assert len(docs) >= 40
    assert {m["label"] for d in docs for m in d["mentions"]} == set(CODES.values())
    for doc in docs:
        assert all(0 <= m["start"] < m["end"] <= len(doc["text"]) for m in doc["mentions"])
    if CORPUS.is_dir():
        for doc in docs:
            path = CORPUS / (doc["id"].replace(":", ".") + ".xml")
            assert extract_rechtspraak_xml(path.read_bytes(), path.name).text == doc["text"], doc["id"]


def test_rate_not_higher(scores: dict) -> None:
    assert scores["rate_per_10k"] <= BASELINE["set"]["rate_per_10k"] + RATE_TOLERANCE


def test_precision_not_lower(scores: dict) -> None:
    assert scores["precision"] >= BASELINE["set"]["precision"] - PRECISION_TOLERANCE


def test_private_names_stay_covered(scores: dict) -> None:
    covered = int(scores["private_covered"].split("/")[0])
    assert covered >= BASELINE["set"]["private_covered"]


@pytest.mark.slow
def test_corpus_rate_not_higher() -> None:
    """All real rulings of the shared corpus (about 40 s on one core): the issue's per-10k-words figure."""
    corpus = score_corpus(Settings())
    if corpus is None:
        pytest.skip(f"corpus not found at {CORPUS}")
    assert corpus["rate_per_10k"] <= BASELINE["corpus"]["rate_per_10k"] + RATE_TOLERANCE


@pytest.mark.slow
def test_second_held_out_half_not_worse() -> None:
    """The held half of the 50 ``annotated_sections`` rulings (2001-2015, mostly appeal and first-instance courts;
    labels in ``devlabels/sections.txt``, split by ``devset.sections_half``): scored, never read for rules."""
    from tests.anonymise.devset import SECTIONS, score_labelled

    if not SECTIONS.is_dir():
        pytest.skip(f"corpus not found at {SECTIONS}")
    got = score_labelled(Settings(), sections="held", sets=("sections",))["sections"]
    want = BASELINE["sections_held"]
    assert got["rate_per_10k"] <= want["rate_per_10k"] + RATE_TOLERANCE
    assert got["precision"] >= want["precision"] - PRECISION_TOLERANCE
    assert int(got["private_covered"].split("/")[0]) >= want["private_covered"]
