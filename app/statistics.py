"""Outcome statistics a user can cite (pure): counts, rates over known outcomes with a 95 % Wilson interval, small
cells marked, amounts claimed and awarded.

By insurer and by year a ruling counts once, with its overall outcome. By topic the unit is the **claim**: a ruling
whose decision items carry an outcome counts each claim item under the topics it concerns (a dental claim declared
niet-ontvankelijk is not a "gedeeltelijk toegewezen" for Mondzorg because the ruling granted another claim). An
item whose text names no topic takes the ruling's topics that no other item claimed; a ruling without items counts
once under its topics, with its overall outcome.

A rate is ``granted / known``: unknown outcomes ("onbekend", and items "overig") are left out of the denominator
and reported apart. With fewer than :data:`SMALL_N` known outcomes a rate is not worth a percentage: the cell is
marked ``small_sample``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from app.schemas import OutcomeRates, StatsResponse

SMALL_N = 5
Z_95 = 1.959964
GRANTED = ("toegewezen", "gedeeltelijk toegewezen")
UNKNOWN = ("onbekend", "overig")


@dataclass(frozen=True)
class StatsRow:
    """What the statistics read of one published ruling (``archive.store.stats_rows``)."""

    topics: Any
    insurer: str | None
    outcome: str
    decided: date | None
    decision_items: Any = None
    amount_claimed: float | None = None
    amount_awarded: float | None = None


def wilson(granted: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of ``granted / n`` (95 % by default); (0, 0) for n = 0.

    Why Wilson: the normal approximation gives intervals outside [0, 1] and of width 0 at 0 % and 100 %, exactly the
    small cells a lawyer should not over-read.
    """
    if n <= 0:
        return 0.0, 0.0
    p = granted / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class _Cell:
    outcomes: dict[str, int] = field(default_factory=dict)
    claimed: list[float] = field(default_factory=list)
    awarded: list[float] = field(default_factory=list)
    rulings: set[int] = field(default_factory=set)

    def add(self, outcome: str, ruling: int) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.rulings.add(ruling)

    def add_amounts(self, claimed: float | None, awarded: float | None) -> None:
        if claimed is not None:
            self.claimed.append(claimed)
        if awarded is not None:
            self.awarded.append(awarded)

    def rates(self, key: str, label: str, unit: Literal["rulings", "claims"]) -> OutcomeRates:
        total = sum(self.outcomes.values())
        unknown = sum(self.outcomes.get(o, 0) for o in UNKNOWN)
        known = total - unknown
        granted = sum(self.outcomes.get(o, 0) for o in GRANTED)
        low, high = wilson(granted, known)
        return OutcomeRates(
            key=key, label=label, total=total, outcomes=self.outcomes, unit=unit, rulings=len(self.rulings),
            known=known, unknown=unknown, granted=granted,
            granted_rate=round(granted / known, 4) if known else 0.0,
            ci_low=round(low, 4), ci_high=round(high, 4), small_sample=known < SMALL_N,
            claimed_median=_median(self.claimed), claimed_total=_total(self.claimed),
            awarded_median=_median(self.awarded), awarded_total=_total(self.awarded),
        )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _total(values: list[float]) -> float | None:
    return round(sum(values), 2) if values else None


def _topic_ids(raw: Any, labels: dict[str, str]) -> list[str]:
    out = []
    for t in raw or []:
        if isinstance(t, str):
            out.append(t)
            labels.setdefault(t, t)
        elif isinstance(t, dict) and t.get("id"):
            out.append(str(t["id"]))
            labels[str(t["id"])] = str(t.get("label") or t["id"])
    return out


def _claim_items(raw: Any) -> list[dict[str, Any]]:
    """Decision items that decide a claim (not the entreegeld refund or a costs order) and name their outcome."""
    return [i for i in raw or [] if isinstance(i, dict) and i.get("kind", "claim") == "claim" and i.get("outcome")]


def compute(rows: Iterable[StatsRow], *, filtered: bool = False) -> StatsResponse:
    """The statistics of these rulings (see the module doc)."""
    groups: dict[str, dict[str, _Cell]] = {"topic": {}, "insurer": {}, "year": {}}
    labels: dict[str, str] = {}
    overall: dict[str, int] = {}
    claims_counted = 0
    n = 0
    for number, row in enumerate(rows):
        n += 1
        outcome = str(row.outcome or "onbekend")
        overall[outcome] = overall.get(outcome, 0) + 1
        for dim, key in (("insurer", row.insurer or "onbekend"),
                         ("year", str(row.decided.year) if row.decided else "onbekend")):
            cell = groups[dim].setdefault(key, _Cell())
            cell.add(outcome, number)
            cell.add_amounts(row.amount_claimed, row.amount_awarded)
        topics = _topic_ids(row.topics, labels)
        items = _claim_items(row.decision_items)
        if items:
            # An item whose text matched no topic decides what the ruling's other topics are about: it takes the
            # ruling's topics that no item claimed. Leftover topics with no such item count the ruling once.
            # (the entreegeld item's and costs orders' topics are covered too: they are nobody's leftover)
            covered = {str(t) for item in row.decision_items or [] if isinstance(item, dict)
                       for t in item.get("topics") or []}
            leftover = [t for t in topics if t not in covered]
            for item in items:
                claims_counted += 1
                for topic in [str(t) for t in item.get("topics") or []] or leftover:
                    cell = groups["topic"].setdefault(topic, _Cell())
                    cell.add(str(item["outcome"]), number)
                    cell.add_amounts(None, item.get("amount"))
            if all(item.get("topics") for item in items):
                for topic in leftover:
                    groups["topic"].setdefault(topic, _Cell()).add(outcome, number)
        else:
            for topic in topics:
                cell = groups["topic"].setdefault(topic, _Cell())
                cell.add(outcome, number)
                cell.add_amounts(row.amount_claimed, row.amount_awarded)

    def rates(dim: str, unit: Literal["rulings", "claims"]) -> list[OutcomeRates]:
        out = [cell.rates(key, labels.get(key, key.replace("-", " ").capitalize()) if dim == "topic" else key, unit)
               for key, cell in groups[dim].items()]
        if dim == "year":
            return sorted(out, key=lambda r: r.key)
        return sorted(out, key=lambda r: (-r.total, r.key))

    unknown = sum(overall.get(o, 0) for o in UNKNOWN)
    return StatsResponse(
        total=n, outcomes=overall, unknown=unknown, filtered=filtered, claims_counted=claims_counted,
        by_topic=rates("topic", "claims" if claims_counted else "rulings"),
        by_insurer=rates("insurer", "rulings"), by_year=rates("year", "rulings"),
    )
