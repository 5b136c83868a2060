"""Real Flemish rulings (Raad voor betwistingen inzake studievoortgangsbeslissingen, 2005-2023) as a precision set.

The rulings in ``shared/corpus/studievoortgang_vlaanderen/rulings_split_by_rolnr.jsonl.gz`` were redacted by the
council itself (parties, institutions and advocates as dotted blanks "........."); the council's members and
secretaries keep their names, and now and then a student, lecturer or other private person is named where the
redaction missed. So nearly every PERSON span the anonymiser replaces here is a false positive - text nobody in
this repository wrote, in Belgian formats the rechtspraak sets do not show.

The texts may be read from ``../shared`` but never copied into the repository (reuse terms unknown): only keys and
hand labels are stored here.

* ``docs(half)``: (key, text) of every whole ruling (``fragment`` false) in one half; key ``FL.{line}`` (the line's
  index in the file). Split by document on the parity of the key's sha256, fixed before any ruling was read for
  rules: rules are written on the ``dev`` half only.
* ``labels.txt``: hand labels of the rulings in ``manifest.txt`` (all from the held half), scored by
  ``python -m tests.anonymise.flemish.evaluate``. See ``README.md``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from tests.paths import SHARED

HERE = Path(__file__).parent
SOURCE = SHARED / "corpus" / "studievoortgang_vlaanderen" / "rulings_split_by_rolnr.jsonl.gz"


def available() -> bool:
    return SOURCE.is_file()


def half(key: str) -> str:
    return "dev" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "held"


def rows() -> list[dict]:
    with gzip.open(SOURCE, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def docs(which: str | None = None) -> list[tuple[str, str]]:
    """(key, text) of the whole rulings (not fragments) of one half (``dev``/``held``), or of both with None."""
    out = []
    for i, row in enumerate(rows()):
        key = f"FL.{i}"
        if row.get("fragment") or (which is not None and half(key) != which):
            continue
        out.append((key, row["text"]))
    return out


def manifest() -> list[str]:
    return [k.strip() for k in (HERE / "manifest.txt").read_text().splitlines() if k.strip()]
