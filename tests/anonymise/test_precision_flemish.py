"""Ratchet on the hand-labelled Flemish rulings (``flemish/``): text of a second country's council, held out.

The 40 rulings hold no private mention, so every replaced person span is a false one: the per-10k-words rate may only
fall (``flemish/baseline.json``, edited by hand in the change that lowers it). The texts are read from
``../shared`` (they may not be copied); without that folder the test skips with its path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.anonymise import flemish

BASELINE = json.loads((Path(__file__).parent / "flemish" / "baseline.json").read_text())
RATE_TOLERANCE = 0.2  # per 10k words: about one replaced span on the set's 58,000 words


@pytest.fixture(scope="module")
def scores() -> dict:
    if not flemish.available():
        pytest.skip(f"{flemish.SOURCE} not found")
    from tests.anonymise.flemish.evaluate import evaluate

    return evaluate()["set"]


def test_set_is_labelled_and_held_out() -> None:
    keys = flemish.manifest()
    assert len(keys) == 40 and all(flemish.half(k) == "held" for k in keys)
    from tests.anonymise.precision.make_set import read_labels

    assert list(read_labels(flemish.HERE / "labels.txt")) == keys


def test_rate_not_higher(scores: dict) -> None:
    assert scores["rate_per_10k"] <= BASELINE["set"]["rate_per_10k"] + RATE_TOLERANCE
    assert scores["documents"] == 40
