"""Countries of treatment and care types (ingest/facets.py)."""

from __future__ import annotations

import pytest

from ingest import parse_ruling
from ingest.facets import care_type_ids, find_care_types, find_countries

HEAD = """ANONIEM BINDEND ADVIES

Partijen : A te B, tegen {insurer}

Zaak : {zaak}

Zaaknummer : 202300001

1. Partijen

A te B, hierna te noemen: verzoeker, tegen {insurer}, hierna te noemen: de zorgverzekeraar.

3. Vaststaande feiten

{facts}

6. Beoordeling

{beoordeling}

7. Bindend advies

7.1. De commissie beslist dat:

(i) het verzoek wordt afgewezen.

Zeist, 1 april 2023,

P

BIJLAGEN

Artikel 3. Zorg in Duitsland en België wordt vergoed tot het Nederlandse tarief. Fysiotherapie, ggz.
"""


def _parse(zaak: str = "Vergoeding", facts: str = "", beoordeling: str = "", insurer: str = "C te D"):  # type: ignore[no-untyped-def]
    return parse_ruling(HEAD.format(zaak=zaak, facts=facts, beoordeling=beoordeling, insurer=insurer), {})


@pytest.mark.parametrize(("sentence", "countries"), [
    ("Zijn Thaise tandarts plaatste vier kronen.", ["Thailand"]),
    ("Verzoekster werd in Spanje geopereerd.", ["Spanje"]),
    ("Hij liet zich in de Verenigde Staten behandelen.", ["Verenigde Staten"]),
    ("Verzoeker heeft de Turkse nationaliteit en werd in Duitsland behandeld.", ["Duitsland"]),
    ("Verzoeker werd in Nederland behandeld.", []),
    ("De behandeling in België was duurder dan in Nederland.", ["België", "Nederland"]),
])
def test_countries(sentence: str, countries: list[str]) -> None:
    assert find_countries([("Beoordeling", sentence)]) == countries


def test_countries_ignore_party_block_and_annex() -> None:
    p = _parse(insurer="Belgische Zorgverzekeraar N.V. te Antwerpen", beoordeling="De kosten worden niet vergoed.")
    assert p.metadata.countries == []


def test_countries_filled_on_parse() -> None:
    p = _parse(zaak="Buitenland, Thailand, mondzorg", beoordeling="De Thaise tandarts heeft vier kronen geplaatst.")
    assert p.metadata.countries == ["Thailand"]
    assert p.metadata.care_types == ["mondzorg"]


def test_care_types_align_with_the_taxonomy() -> None:
    ids = care_type_ids()
    assert {"mondzorg", "ggz", "fysiotherapie", "hulpmiddelen", "geneesmiddelen", "ziekenvervoer"} <= set(ids)
    assert len(ids) == len(set(ids))
    parts = [("Beoordeling", "De ivf-poging en de behandeling door de psychiater worden niet vergoed.")]
    assert set(find_care_types(parts, [])) == {"vruchtbaarheid"}  # ggz comes from the topic tags, not from here


def test_annex_gives_no_care_type() -> None:
    assert _parse(beoordeling="De kosten worden niet vergoed.").metadata.care_types == []
