"""Ratchet on the topic tagger over real rechtspraak rulings (tests/ingest/topics_real/).

The set is self-contained (the XML files are copied into the folder), so it runs without ../shared. A score may only
move up: a drop below ``baseline.json`` (rounded to 3 decimals, hence the 5e-4 slack) fails, and so does a rise in
the number of false alarms. When the tagger improves, raise the baseline.
"""

from __future__ import annotations

import json

from ingest.topics import load_topics
from tests.ingest.topics_real.evaluate import BASELINE, documents, evaluate, manifest
from tests.ingest.topics_real.evaluate import HERE as SET_DIR

SLACK = 5e-4


def test_the_set_is_big_enough_and_matches_its_manifest() -> None:
    docs = documents()
    eclis = [d["ecli"] for d in docs]
    assert len(docs) >= 60
    assert len(set(eclis)) == len(eclis)
    assert sorted(manifest()) == sorted(eclis)
    known = {t.id for t in load_topics()}
    for d in docs:
        assert (SET_DIR / d["source"]).is_file(), d["source"]
        assert set(d["topics"]) <= known, d["ecli"]
        assert d["source"].endswith(d["ecli"].replace(":", ".") + ".xml"), d["ecli"]


def test_no_score_drops_below_the_baseline() -> None:
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    report = evaluate()
    drops = {}
    for topic, scores in base["topics"].items():
        counts = report.topics[topic]
        if counts.precision < scores["precision"] - SLACK or counts.recall < scores["recall"] - SLACK:
            drops[topic] = counts.as_dict()
    assert not drops, f"topic precision/recall below baseline: {drops}"
    assert report.overall.precision >= base["overall"]["precision"] - SLACK, report.overall.as_dict()
    assert report.overall.recall >= base["overall"]["recall"] - SLACK, report.overall.as_dict()
    assert report.overall.fp <= base["false_alarms"], f"false alarms rose: {report.overall.fp} > {base['false_alarms']}"
