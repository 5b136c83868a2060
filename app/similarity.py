"""Which published rulings are like a given one, and why: the scoring, without I/O.

Score = 0.5 x topic overlap + 0.3 x reference overlap + 0.15 x text rank + 0.05 x same insurer, each overlap a
Jaccard index; each match says which of these it shares. :meth:`app.service.ArchiveService.similar` reads the
candidates and the text ranking, and caches the results.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from app.schemas import RulingPublic

MIN_SCORE = 0.05  # a ruling sharing less than this is not shown at all


class Candidate(NamedTuple):
    """A published ruling as scoring needs it, its topics and references prebuilt as id sets."""

    id: int
    slug: str
    title: str
    decision_date: date | None
    outcome: str
    insurer: str | None
    topics: frozenset[str]
    references: frozenset[str]


def _ids(items: Any) -> frozenset[str]:
    """The ``id`` of every dict in a stored JSON list (topics, references)."""
    return frozenset(str(x["id"]) for x in items or [] if isinstance(x, dict) and x.get("id"))


def candidates(rows: Iterable[tuple[Any, ...]]) -> list[Candidate]:
    """Rows of :func:`archive.store.similarity_rows` as candidates: the id sets are built once, so scoring a ruling
    against 10k others is set arithmetic only."""
    return [Candidate(rid, slug, title, decided, outcome, insurer, _ids(topics), _ids(refs))
            for rid, slug, title, decided, outcome, insurer, topics, refs in rows]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


@dataclass(frozen=True)
class Target:
    """The ruling the others are compared with."""

    id: int
    insurer: str | None
    topic_labels: dict[str, str]
    reference_texts: dict[str, str]
    topics: frozenset[str]
    references: frozenset[str]

    @classmethod
    def of(cls, ruling: RulingPublic) -> Target:
        labels = {t.id: t.label for t in ruling.topics}
        texts = {r.id: r.text for r in ruling.references}
        return cls(ruling.id, ruling.insurer, labels, texts, frozenset(labels), frozenset(texts))


def score(target: Target, candidate: Candidate, text_rank: dict[int, float]) -> float:
    """How alike (0 to 1); ``text_rank`` maps ruling ids to their rank in a text search for the target's keywords."""
    rid, _slug, _title, _decided, _outcome, insurer, topics, references = candidate
    if rid == target.id:
        return 0.0
    return (0.5 * jaccard(target.topics, topics) + 0.3 * jaccard(target.references, references)
            + 0.15 * text_rank.get(rid, 0.0) + 0.05 * (insurer is not None and insurer == target.insurer))


def reason(target: Target, candidate: Candidate, text_rank: dict[int, float]) -> str:
    """What the two share, in Dutch: topics, provisions, similar text, the insurer."""
    reasons = []
    shared_topics = target.topics & candidate.topics
    if shared_topics:
        reasons.append("onderwerpen: " + ", ".join(sorted(target.topic_labels[t] for t in shared_topics)))
    shared_refs = target.references & candidate.references
    if shared_refs:
        reasons.append("bepalingen: " + ", ".join(sorted(target.reference_texts[r] for r in shared_refs)))
    if candidate.id in text_rank:
        reasons.append("vergelijkbare tekst")
    if candidate.insurer and candidate.insurer == target.insurer:
        reasons.append(f"zelfde verzekeraar ({candidate.insurer})")
    return "; ".join(reasons)


def best_matches(target: Target, pool: Iterable[Candidate], text_rank: dict[int, float],
                 limit: int) -> list[tuple[float, Candidate]]:
    """The ``limit`` highest-scoring candidates above :data:`MIN_SCORE`, the newer decision first on a tie."""
    def order(item: tuple[float, Candidate]) -> tuple[float, int]:
        decided = item[1].decision_date
        return (item[0], decided.toordinal() if decided else 0)

    return heapq.nlargest(limit, ((sc, c) for c in pool if (sc := score(target, c, text_rank)) > MIN_SCORE),
                          key=order)
