"""The CSV supplement: more identifiers (phone numbers, licence plates, birth dates, addresses) from real rulings.

The committed set (realtext.jsonl) is built from rechtspraak XML, which may be copied, but that XML holds few
phone, plate and birth-date placeholders. The rechtspraak CSV texts in ``../shared/corpus/rechtspraak_csv`` hold
many more, and may be read in tests but not copied into the repository. So this part is built in memory each time
it is used, with the same filling rules and seed, and is skipped when ``../shared`` is absent.

Only half of the CSV rulings are used (a fixed split on each text's sha256): the other half stays free for
developing the anonymiser. A criminal ruling is long, so a document here is an excerpt: the ruling's opening lines
(parties, dates of birth, addresses) and every line with an identifier placeholder, with one line either side;
skipped stretches are marked "(...)". Each excerpt is one document; persons in it are filled consistently.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path
from typing import Any

from tests.anonymise.realtext.placeholders import IDENTIFIER_PLACEHOLDERS, PLACEHOLDER, classify
from tests.paths import SHARED

# name -> (file under corpus/, text column, ECLI column or None)
SOURCES = {
    "labeler": ("rechtspraak_csv/jorisheijkant_rechtspraak-labeler_uitspraken.csv", "inhoud", None),
    "summaries": ("rechtspraak_csv/PrijsDF_dutch-legal-summarization_evaluation_sample.csv", "description",
                  "identifier"),
}
OPENING_LINES = 12
GAP = "\n\n(...)\n\n"


def available(shared: Path = SHARED) -> bool:
    return all((shared / "corpus" / path).is_file() for path, _, _ in SOURCES.values())


def in_evaluation_half(text: str) -> bool:
    return hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0


def _rows(shared: Path) -> list[tuple[str, int, str, str | None]]:
    """(source name, row number, text, ECLI) of every CSV ruling in the evaluation half."""
    csv.field_size_limit(sys.maxsize)
    out = []
    for name, (path, column, ecli_column) in SOURCES.items():
        with (shared / "corpus" / path).open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                text = row[column] or ""
                if text.strip() and in_evaluation_half(text):
                    out.append((name, i, text, row[ecli_column] if ecli_column else None))
    return out


def excerpt(doc_key: str, text: str) -> str:
    """The opening lines and the lines around identifier placeholders; the whole text if it has no line breaks."""
    lines = text.split("\n")
    if len(lines) <= OPENING_LINES:
        return text
    keep = set(range(OPENING_LINES))
    offset = 0
    for i, line in enumerate(lines):
        if any(classify(doc_key, m.group(1), text, offset + m.start()) in IDENTIFIER_PLACEHOLDERS
               for m in PLACEHOLDER.finditer(line)):
            keep |= {i - 1, i, i + 1}
        offset += len(line) + 1
    parts: list[str] = []
    previous = -1
    for i in sorted(k for k in keep if 0 <= k < len(lines)):
        if parts and i != previous + 1:
            parts.append(GAP)
        elif parts:
            parts.append("\n")
        parts.append(lines[i])
        previous = i
    return "".join(parts)


def _doc_key(name: str, row: int) -> str:
    return f"CSV.{name}.{row}"


def manifest(shared: Path = SHARED) -> list[dict[str, Any]]:
    """Which CSV rulings the supplement uses (file, row, sha256 of the text, ECLI where the file has one)."""
    if not available(shared):
        return []
    return [{"source": SOURCES[name][0], "row": row, "ecli": ecli,
             "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()} for name, row, text, ecli in _rows(shared)]


def build_csv(shared: Path = SHARED) -> list[dict[str, Any]]:
    """The supplement's documents (same shape as realtext.jsonl lines); empty when the CSV files are absent."""
    from tests.anonymise.realtext.build import fill  # build imports this module for the manifest

    if not available(shared):
        return []
    docs = []
    for name, row, text, ecli in _rows(shared):
        key = _doc_key(name, row)
        doc = fill(key, excerpt(key, text))
        if doc is None:
            continue
        doc["id"] = f"realtext-csv-{name}-{row:03d}"
        doc["ecli"] = ecli
        docs.append(doc)
    return docs
