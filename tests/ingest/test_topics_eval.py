"""Ratchet and golden tests on the hand-labelled evaluation set (tests/ingest/topics_eval/).

Quality may only move on purpose: a drop below ``baseline.json`` (rounded to 3 decimals, hence the 5e-4
slack) fails; an improvement should raise the baseline.
"""

from __future__ import annotations

import json

import pytest

from ingest.topics import NAMED_TOPICS
from tests.ingest.topics_eval.evaluate import BASELINE, documents, evaluate, parse_source, source_path
from tests.paths import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason=f"needs the seeds in {SHARED}/seeds")

SEED_TOPICS = {
    "seed:002_dac94da78749f32a.txt": {"buitenland", "mondzorg", "fraude", "entreegeld", "klachtafhandeling",
                                      "persoonlijk-onderzoek", "schadevergoeding"},
    "seed:003_24e29a0c89e4c9b2.txt": {"fraude", "evr-registratie", "entreegeld", "buitenland"},
}


def test_the_set_is_big_enough_and_its_sources_exist() -> None:
    docs = documents()
    assert len(docs) >= 40
    assert len({d["id"] for d in docs}) == len(docs)
    for d in docs:
        assert source_path(d["source"]).is_file(), d["source"]


def test_named_topics_meet_the_target() -> None:
    report = evaluate()
    for t in NAMED_TOPICS:
        assert report.topics[t].f1 >= 0.9, (t, report.topics[t].as_dict())


def test_references_meet_the_target() -> None:
    refs = evaluate().references
    assert refs.precision >= 0.95 and refs.recall >= 0.95, refs.as_dict()


def test_no_score_drops_below_the_baseline() -> None:
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    report = evaluate()
    drops = {t: (report.topics[t].f1, f1) for t, f1 in base["topics_f1"].items() if report.topics[t].f1 < f1 - 5e-4}
    assert not drops, f"topic F1 below baseline (now, baseline): {drops}"
    for name in ("references", "countries"):
        counts = getattr(report, name)
        assert counts.precision >= base[name]["precision"] - 5e-4, (name, counts.as_dict())
        assert counts.recall >= base[name]["recall"] - 5e-4, (name, counts.as_dict())


@pytest.mark.parametrize("source", sorted(SEED_TOPICS))
def test_seed_rulings_get_exactly_the_expected_topics(source: str) -> None:
    parsed = parse_source(source)
    assert {t.id for t in parsed.topics} == SEED_TOPICS[source]
    for tag in parsed.topics:
        assert tag.evidence, tag.id
        # Evidence always comes from the ruling's own text, never from the annex ...
        assert all(e.section not in ("BIJLAGEN", "Bijlagen") for e in tag.evidence)
        assert all(e.sentence[:60] in parsed.body or e.section == "Zaak" for e in tag.evidence), tag.id


@pytest.mark.parametrize("source", sorted(SEED_TOPICS))
def test_annex_only_topics_are_not_tagged(source: str) -> None:
    """... and a topic whose triggers appear only in the annex (zorgplicht: Zvw art. 11 is quoted there) is absent."""
    parsed = parse_source(source)
    assert "zorgplicht" in parsed.annex.lower() or source.startswith("seed:002")
    assert "zorgplicht" not in {t.id for t in parsed.topics}
