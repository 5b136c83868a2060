"""Similar-ruling scoring without I/O: the weights, the tie-break, the reasons, and the ruling itself left out."""

from __future__ import annotations

from datetime import date

from app.schemas import ReferencePublic, RulingPublic, TopicPublic
from app.similarity import MIN_SCORE, Target, best_matches, candidates, reason, score


def _target() -> Target:
    return Target.of(RulingPublic(
        id=1, slug="a", url="/uitspraak/a", source="skgz", title="A", insurance_type="basis", outcome="afgewezen",
        outcome_explanation="", text="", insurer="CZ", topics=[TopicPublic(id="mondzorg", label="Mondzorg")],
        references=[ReferencePublic(id="zvw:11", text="art. 11 Zvw", kind="zvw")]))


POOL = candidates([
    (1, "a", "A", date(2020, 1, 1), "afgewezen", "CZ", [{"id": "mondzorg"}], [{"id": "zvw:11"}]),  # itself
    (2, "b", "B", date(2019, 1, 1), "toegewezen", "CZ", [{"id": "mondzorg"}], [{"id": "zvw:11"}]),
    (3, "c", "C", date(2021, 1, 1), "afgewezen", "VGZ", [{"id": "mondzorg"}, {"id": "fraude"}], []),
    (4, "d", "D", date(2022, 1, 1), "afgewezen", "VGZ", [{"id": "fraude"}], []),
    (5, "e", "E", None, "afgewezen", "VGZ", [{"id": "fraude"}], []),
])


def test_scores_weigh_topics_references_text_and_insurer() -> None:
    target = _target()
    assert score(target, POOL[0], {}) == 0.0
    assert score(target, POOL[1], {}) == 0.5 + 0.3 + 0.05
    assert score(target, POOL[2], {}) == 0.25
    assert score(target, POOL[3], {4: 1.0}) == 0.15 and score(target, POOL[3], {}) == 0.0 < MIN_SCORE


def test_best_matches_leave_out_the_ruling_and_the_unrelated_and_say_why() -> None:
    target, text_rank = _target(), {2: 0.5}
    found = best_matches(target, POOL, text_rank, limit=5)
    assert [c.slug for _, c in found] == ["b", "c"]
    assert reason(target, found[0][1], text_rank) == ("onderwerpen: Mondzorg; bepalingen: art. 11 Zvw; "
                                                      "vergelijkbare tekst; zelfde verzekeraar (CZ)")
    assert reason(target, found[1][1], text_rank) == "onderwerpen: Mondzorg"
    ties = best_matches(target, POOL, {4: 1.0, 5: 1.0}, limit=2)
    assert [c.slug for _, c in ties] == ["b", "c"]
    assert [c.slug for _, c in best_matches(target, POOL[3:], {4: 1.0, 5: 1.0}, limit=1)] == ["d"]  # newer first
