"""Small real documents for the queue tests: the repository's rechtspraak XML samples and short SKGZ-style texts
(each its own case number, so each is its own ruling), plus a corrupt PDF that fails on every attempt."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

_TEXT = """BINDEND ADVIES

Partijen : de heer {name} te {place}, tegen Zilveren Kruis Zorgverzekeringen N.V. te Zeist

Zaak : Fysiotherapie, aanvullende verzekering

Zaaknummer : {case}

Geschillencommissie Zorgverzekeringen (mr. A.B. de Vries, mr. C. Jansen en mr. D.E. van Dijk)

1. Partijen

De heer {name}, wonende te {place}, hierna te noemen: verzoeker.

4. Geschil

4.1. Verzoeker vraagt vergoeding van {sessions} behandelingen fysiotherapie ten bedrage van € {amount},-.

6. Beoordeling

6.1. De commissie stelt vast dat de aanvullende verzekering van verzoeker {sessions} behandelingen dekt.

7. Bindend advies

7.1. De commissie beslist dat:
(i) het verzoek wordt toegewezen.
"""
_NAMES = ["Pieter Bakker", "Anna de Wit", "Karim el Amrani", "Sanne Visser", "Joost Mulder", "Eva Smit",
          "Ruud Bos", "Lotte Meijer"]
_PLACES = ["Utrecht", "Zwolle", "Breda", "Leiden", "Assen", "Delft", "Gouda", "Venlo"]


def make_documents(folder: Path, texts: int = 4, xml: bool = True, broken: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    if xml:
        for sample in sorted(SAMPLES.glob("*.xml")):
            paths.append(Path(shutil.copy(sample, folder / sample.name)))
    for i in range(texts):
        p = folder / f"advies-{i}.txt"
        p.write_text(_TEXT.format(name=_NAMES[i % 8], place=_PLACES[i % 8], case=f"2023{i:05d}",
                                  sessions=9 + i, amount=300 + 25 * i), encoding="utf-8")
        paths.append(p)
    if broken:
        p = folder / "broken.pdf"
        p.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
        paths.append(p)
    return paths


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
