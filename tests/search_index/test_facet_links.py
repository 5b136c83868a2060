"""Facet toggle URLs: built from cached pieces (search_index.facets), they must equal what urlencode makes of the
toggled parameters, for any value and any search."""

from __future__ import annotations

import random
from dataclasses import asdict
from urllib.parse import urlencode

from search_index.facets import BY_NAME, FACETS, facet_rows, facet_values, link, toggle_params

ODD = ["a b", "a&b=c", "é ü ß", "x+y", "100%", "zvw:114:2", "", "/?#", "Zilveren Kruis", "2019", "\u00a0nbsp"]


def _plain_link(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def test_toggle_urls_equal_urlencode_of_the_toggled_parameters() -> None:
    rng = random.Random(16)
    names = ["q", "page", "year_from", "year_to", "sort", "per_page", *(f.name for f in FACETS)]
    for _ in range(300):
        params = [(rng.choice(names), rng.choice(ODD)) for _ in range(rng.randint(0, 5))]
        counts = {f.name: {rng.choice(ODD): rng.randint(0, 3) for _ in range(rng.randint(0, 4))} for f in FACETS
                  if rng.random() < 0.6}
        selected = {name: [v for v in values if rng.random() < 0.3] for name, values in counts.items()}
        path = rng.choice(["/", "/api/v1/search"])
        for group in facet_values(counts, selected, params, {}, path=path):
            facet = BY_NAME[group.name]
            for value in group.values:
                expected = _plain_link(path, toggle_params(params, facet, value.value, value.selected))
                assert value.url == expected
                assert value.selected == (value.value in selected[group.name])
        groups = facet_values(counts, selected, params, {}, path=path)
        rows = [(f.name, [dict(zip(("value", "label", "count", "selected", "url"), r, strict=True)) for r in values])
                for f, values in facet_rows(counts, selected, params, {}, path)]
        assert rows == [(g.name, [asdict(v) for v in g.values]) for g in groups]


def test_link_is_urlencode() -> None:
    assert link("/", []) == "/"
    assert link("/x", [("q", "a b&c"), ("topic", "é")]) == "/x?" + urlencode([("q", "a b&c"), ("topic", "é")])
