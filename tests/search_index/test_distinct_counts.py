"""The design's load-bearing assumption, checked by brute force: with ``distinct`` on the ruling id and page-based
pagination, Meilisearch's totals and facet counts count rulings, not chunks.

If a Meilisearch upgrade breaks this, switch to a rulings index for filters/facets plus a chunks index for
snippets (see search_index.documents).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from search_index import SearchIndex, SearchQuery
from tests.search_index.factories import FILLER, make_ruling, topic

pytestmark = pytest.mark.integration

INSURERS = ["CZ", "VGZ", "Menzis", "DSW"]
TOPICS = [topic(f"t{n}") for n in range(6)]


def test_counts_match_brute_force(search_index: SearchIndex) -> None:
    rng = random.Random(20261123)
    rulings, matching = [], []
    for rid in range(1, 151):
        paragraphs = [f"{FILLER * 5}" for _ in range(rng.randint(1, 8))]
        hit = rng.random() < 0.5
        if hit:  # the word lands in one or more chunks
            for i in rng.sample(range(len(paragraphs)), rng.randint(1, len(paragraphs))):
                paragraphs[i] += " zeldzaamwoord"
        ruling = make_ruling(
            id=rid,
            insurer=rng.choice(INSURERS),
            topics=rng.sample(TOPICS, rng.randint(1, 3)),
            decision_date=date(rng.randint(2015, 2024), 1, 1),
            text="\n\n".join(paragraphs),
        )
        rulings.append(ruling)
        if hit:
            matching.append(ruling)
    search_index.upsert(rulings)

    selected_insurers = ["CZ", "VGZ"]
    result = search_index.search(SearchQuery(filters={"insurer": selected_insurers}, q="zeldzaamwoord", per_page=5))

    in_selection = [r for r in matching if r.insurer in selected_insurers]
    assert result.total == len(in_selection)
    assert result.facets["insurer"] == {k: v for k, v in Counter(r.insurer for r in matching).items()}
    assert result.facets["topic"] == dict(Counter(t["id"] for r in in_selection for t in r.topics))
    assert result.facets["year"] == dict(Counter(str(r.decision_date.year) for r in in_selection if r.decision_date))
    assert len({h["id"] for h in result.hits}) == len(result.hits) == min(5, len(in_selection))
