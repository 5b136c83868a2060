"""Ruling texts for the alert tests, in the SKGZ style the pipeline reads (no real persons)."""

from __future__ import annotations

from pathlib import Path

DENTAL = """ANONIEM BINDEND ADVIES

Partijen : de heer K.L. Bakker te Utrecht, tegen Zilveren Kruis Zorgverzekeringen N.V. te Zeist

Zaak : Mondzorg, tandarts, kroon

Zaaknummer : {case}

Zittingsdatum : 3 maart 2023

Geschillencommissie Zorgverzekeringen (mr. A.B. de Vries, mr. C. Jansen en mr. D.E. van Dijk)

1. Partijen

De heer K.L. Bakker, wonende te Utrecht, hierna te noemen: verzoeker,

tegen

Zilveren Kruis Zorgverzekeringen N.V. te Zeist, hierna te noemen: de ziektekostenverzekeraar.

2. Verloop van de procedure

2.1. Bij brief van 9 januari 2023 heeft verzoeker de commissie gevraagd een bindend advies uit te brengen.

3. Vaststaande feiten

3.1. Verzoeker liet in 2022 bij zijn tandarts twee kronen plaatsen. De tandarts declareerde € 1.150,-.

4. Geschil

4.1. Verzoeker vraagt vergoeding van de kronen die de tandarts plaatste ten bedrage van € 1.150,-.

6. Beoordeling

6.1. De commissie stelt vast dat de aanvullende verzekering van verzoeker geen dekking biedt voor kronen.

7. Bindend advies

7.1. De commissie beslist dat:
(i) het verzoek wordt afgewezen.

Zeist, 20 april 2023,

A.B. de Vries
"""

PHYSIO = """ANONIEM BINDEND ADVIES

Partijen : mevrouw M. Smit te Groningen, tegen VGZ Zorgverzekeraar N.V. te Arnhem

Zaak : Fysiotherapie, aantal behandelingen

Zaaknummer : {case}

Zittingsdatum : 7 maart 2023

Geschillencommissie Zorgverzekeringen (mr. A.B. de Vries, mr. C. Jansen en mr. D.E. van Dijk)

1. Partijen

Mevrouw M. Smit, wonende te Groningen, hierna te noemen: verzoekster,

tegen

VGZ Zorgverzekeraar N.V. te Arnhem, hierna te noemen: de ziektekostenverzekeraar.

2. Verloop van de procedure

2.1. Bij brief van 12 januari 2023 heeft verzoekster de commissie gevraagd een bindend advies uit te brengen.

3. Vaststaande feiten

3.1. Verzoekster kreeg in 2022 achttien behandelingen fysiotherapie wegens rugklachten.

4. Geschil

4.1. Verzoekster vraagt vergoeding van zes behandelingen fysiotherapie boven het aantal in haar polis.

6. Beoordeling

6.1. De commissie stelt vast dat de polis negen behandelingen fysiotherapie per jaar vergoedt.

7. Bindend advies

7.1. De commissie beslist dat:
(i) het verzoek wordt afgewezen.

Zeist, 24 april 2023,

A.B. de Vries
"""


def write(folder: Path, template: str, case: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case}.txt"
    path.write_text(template.format(case=case), encoding="utf-8")
    return path
