"""A small corpus with known facet counts, for tests against the real server.

Bodies have several chunks mentioning the same word, so a count of chunks and a count of rulings differ: that
is what the facet tests check.
"""

from __future__ import annotations

from datetime import date

from archive.models import Ruling
from tests.search_index.factories import FILLER, make_ruling, topic

WEIRD_INSURER = 'Zilveren "Kruis" \\ OR insurer = CZ'
ANNEX_ONLY_WORD = "annexgeheim"


def _body(*paragraphs: str) -> str:
    # Filler between the interesting paragraphs forces them into separate chunks.
    return "\n\n".join(f"{p} {FILLER * 6}" for p in paragraphs)


def corpus() -> list[Ruling]:
    tand = topic("tandheelkunde", "Tandheelkundige zorg")
    buitenland = topic("buitenland", "Zorg in het buitenland")
    fysio = topic("fysiotherapie", "Fysiotherapie")
    ivf = topic("ivf", "IVF")
    return [
        make_ruling(
            id=1,
            insurer="CZ",
            outcome="afgewezen",
            decision_date=date(2019, 3, 1),
            topics=[tand],
            case_number="201900001",
            text=_body(
                "De tandarts plaatste een kroon.",
                "Volgens de tandarts was dit nodig.",
                "De tandarts declareerde het bedrag.",
            ),
            annex=f"Bijlage: {ANNEX_ONLY_WORD} tandarts zorgverzekeraarbijlage",
        ),
        make_ruling(
            id=2,
            insurer="VGZ",
            outcome="toegewezen",
            decision_date=date(2021, 5, 2),
            topics=[tand, buitenland],
            amount_awarded=500.0,
            case_number="202100002",
            text=_body(
                "Een tandarts in Turkije behandelde verzoeker.",
                "De tandarts rekende te veel.",
                "<script>alert(1)</script> & de tandarts",
            ),
        ),
        make_ruling(
            id=3,
            insurer="CZ",
            outcome="toegewezen",
            decision_date=date(2022, 7, 3),
            topics=[fysio],
            amount_awarded=1200.0,
            source="rechtspraak",
            case_number="C/13/654321 / HA ZA 22-123",
            ecli="ECLI:NL:RBAMS:2022:1234",
            text=_body("De fysiotherapeut gaf negen behandelingen.", "Machtiging ontbrak."),
        ),
        make_ruling(
            id=4,
            insurer="Menzis",
            outcome="gedeeltelijk toegewezen",
            decision_date=date(2020, 1, 4),
            topics=[fysio, buitenland],
            amount_awarded=50.0,
            case_number="202000004",
            text=_body("Verzoeker verwijst naar zaak 202100002 en ECLI:NL:RBAMS:2022:1234.", "Fysio in Spanje."),
        ),
        make_ruling(
            id=5,
            insurer=WEIRD_INSURER,
            outcome="afgewezen",
            decision_date=date(2023, 2, 5),
            topics=[ivf],
            case_number="202300005",
            text=_body("IVF behandeling in een kliniek.", "Een tandarts werd ook genoemd."),
        ),
        make_ruling(
            id=6,
            insurer="CZ",
            outcome="niet-ontvankelijk",
            decision_date=None,
            topics=[tand],
            case_number="201800006",
            text=_body("Het verzoek kwam te laat binnen."),
        ),
    ]
