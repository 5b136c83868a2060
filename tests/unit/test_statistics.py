"""Statistics a user can cite (pure): Wilson intervals, unknown outcomes out of the rate, small cells marked, claims
counted per topic."""

from __future__ import annotations

from datetime import date

import pytest

from app.statistics import StatsRow, compute, wilson


def test_wilson_interval_matches_the_textbook_values() -> None:
    low, high = wilson(8, 10)  # p = 0.8, n = 10: (0.490, 0.943)
    assert (round(low, 3), round(high, 3)) == (0.49, 0.943)
    assert wilson(0, 0) == (0.0, 0.0)
    low, high = wilson(1, 1)  # "100 %" of one ruling is anything from about 21 % to 100 %
    assert round(low, 2) == 0.21 and high == pytest.approx(1.0)
    low, high = wilson(0, 20)
    assert low == 0.0 and 0.15 < high < 0.17


def _row(outcome: str, *, topics=("mondzorg",), insurer="CZ", year=2021, items=None, claimed=None, awarded=None):  # type: ignore[no-untyped-def]
    return StatsRow([{"id": t, "label": t.capitalize()} for t in topics], insurer, outcome, date(year, 1, 1), items,
                    claimed, awarded)


def test_unknown_outcomes_stay_out_of_the_rate_and_are_counted_apart() -> None:
    stats = compute([_row("toegewezen"), _row("afgewezen"), _row("onbekend"), _row("onbekend")])
    (cz,) = stats.by_insurer
    assert (cz.total, cz.known, cz.unknown, cz.granted) == (4, 2, 2, 1)
    assert cz.granted_rate == 0.5  # 1 of 2 known, not 1 of 4
    assert stats.unknown == 2 and stats.total == 4


def test_cells_under_five_known_outcomes_are_marked() -> None:
    stats = compute([_row("toegewezen")] + [_row("afgewezen", insurer="VGZ")] * 5)
    by = {r.key: r for r in stats.by_insurer}
    assert by["CZ"].small_sample and by["CZ"].granted_rate == 1.0 and by["CZ"].ci_low < 0.25
    assert not by["VGZ"].small_sample and by["VGZ"].known == 5


def test_topics_count_claims_with_their_own_outcome() -> None:
    # One ruling: the dental claim is niet-ontvankelijk, the damages claim granted. Mondzorg must not count as won.
    items = [
        {"label": "i", "kind": "claim", "outcome": "niet-ontvankelijk", "topics": ["mondzorg"]},
        {"label": "ii", "kind": "claim", "outcome": "toegewezen", "topics": ["schadevergoeding"], "amount": 6.95},
        {"label": "iii", "kind": "entreegeld", "outcome": "toegewezen", "topics": ["entreegeld"], "amount": 37.0},
    ]
    stats = compute([_row("gedeeltelijk toegewezen", topics=("mondzorg", "schadevergoeding"), items=items)])
    by = {r.key: r for r in stats.by_topic}
    assert by["mondzorg"].outcomes == {"niet-ontvankelijk": 1} and by["mondzorg"].granted == 0
    assert by["schadevergoeding"].outcomes == {"toegewezen": 1} and by["schadevergoeding"].awarded_total == 6.95
    assert "entreegeld" not in by  # the refund of the entry fee is not a claim
    assert by["mondzorg"].unit == "claims" and stats.claims_counted == 2
    assert stats.by_insurer[0].outcomes == {"gedeeltelijk toegewezen": 1}  # by insurer: the ruling, once


def test_amounts_claimed_and_awarded_by_insurer() -> None:
    stats = compute([_row("toegewezen", claimed=100.0, awarded=100.0), _row("afgewezen", claimed=300.0, awarded=0.0),
                     _row("afgewezen", claimed=None, awarded=None)])
    (cz,) = stats.by_insurer
    assert (cz.claimed_median, cz.claimed_total, cz.awarded_median, cz.awarded_total) == (200.0, 400.0, 50.0, 100.0)


def test_an_item_without_topics_takes_the_topics_no_other_item_claimed() -> None:
    items = [
        {"label": "i", "kind": "claim", "outcome": "niet-ontvankelijk", "topics": []},  # the dental claim
        {"label": "ii", "kind": "claim", "outcome": "toegewezen", "topics": ["klachtafhandeling"]},
    ]
    stats = compute([_row("gedeeltelijk toegewezen", topics=("mondzorg", "buitenland", "klachtafhandeling"),
                          items=items)])
    by = {r.key: r.outcomes for r in stats.by_topic}
    assert by == {"mondzorg": {"niet-ontvankelijk": 1}, "buitenland": {"niet-ontvankelijk": 1},
                  "klachtafhandeling": {"toegewezen": 1}}
