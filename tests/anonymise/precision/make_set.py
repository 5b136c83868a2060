"""Build the hand-labelled precision set from the real rulings and the hand-written ``labels.txt``.

    .venv/bin/python -m tests.anonymise.precision.make_set

``labels.txt`` is the labelling as it was done by reading each ruling: per document (``## ECLI``) one line per
distinct surface form, ``CODE<TAB>surface[<TAB>regex the text just before must match]``. Every word-bounded,
case-sensitive occurrence of a surface becomes a mention; longer surfaces win over shorter ones they overlap, and a
line with a context regex wins over a line without one (the same name can be an A-G in one place and an annotator
"met noot X" in another). The texts are extracted with the project's own rechtspraak XML extractor, so offsets line
up with the text the pipeline anonymises. Output: ``precision.jsonl`` (id, court, date, text, mentions) and
``manifest.txt`` (the ECLIs, kept out of rule and model development).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ingest.rechtspraak_xml import extract_rechtspraak_xml
from tests.paths import SHARED

HERE = Path(__file__).parent
LABELS = HERE / "labels.txt"
SET = HERE / "precision.jsonl"
MANIFEST = HERE / "manifest.txt"
CORPUS = SHARED / "corpus" / "rechtspraak_xml" / "original"
CODES = {"P": "private", "O": "official", "L": "lawyer", "C": "cited_author", "G": "organisation", "X": "other"}


@dataclass(frozen=True)
class Rule:
    label: str
    surface: str
    before: str | None  # regex the text right before an occurrence must match (anchored at its end)


def read_labels(path: Path = LABELS) -> dict[str, list[Rule]]:
    docs: dict[str, list[Rule]] = {}
    current: list[Rule] | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("## "):
            current = docs.setdefault(line[3:].strip(), [])
            continue
        parts = line.split("\t")
        if current is None or parts[0] not in CODES or len(parts) not in (2, 3):
            raise ValueError(f"labels.txt line {n}: expected CODE<TAB>surface[<TAB>before-regex]")
        current.append(Rule(CODES[parts[0]], parts[1], parts[2] if len(parts) == 3 else None))
    return docs


def find_mentions(text: str, rules: list[Rule]) -> tuple[list[dict], list[str]]:
    """Mentions for ``rules`` in ``text`` and the surfaces that never occur (a typo check)."""
    candidates: list[tuple[int, int, int, str]] = []  # (priority, start, end, label)
    unused = []
    for rule in rules:
        pattern = re.compile(r"(?<![^\W\d_])" + re.escape(rule.surface) + r"(?!\w)")  # "2.1.3R. van Dam" counts
        hits = 0
        for m in pattern.finditer(text):
            if rule.before and not re.search(rule.before, text[max(0, m.start() - 40):m.start()]):
                continue
            hits += 1
            candidates.append(((1 if rule.before else 0), m.start(), m.end(), rule.label))
        if not hits:
            unused.append(rule.surface)
    taken: list[dict] = []
    for _, start, end, label in sorted(candidates, key=lambda c: (-c[0], -(c[2] - c[1]), c[1])):
        if all(end <= t["start"] or start >= t["end"] for t in taken):
            taken.append({"start": start, "end": end, "label": label})
    return sorted(taken, key=lambda t: t["start"]), unused


def build() -> list[dict]:
    docs, problems = [], []
    for ecli, rules in read_labels().items():
        path = CORPUS / (ecli.replace(":", ".") + ".xml")
        raw = extract_rechtspraak_xml(path.read_bytes(), path.name)
        mentions, unused = find_mentions(raw.text, rules)
        if unused:
            problems.append(f"{ecli}: labelled surfaces not found in the text: {unused}")
        meta = raw.format_metadata
        docs.append({"id": ecli, "court": meta.get("court"), "date": meta.get("decision_date"),
                     "text": raw.text, "mentions": mentions})
    if problems:
        raise ValueError("\n".join(problems))
    return docs


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    docs = build()
    SET.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    MANIFEST.write_text("".join(d["id"] + "\n" for d in docs), encoding="utf-8")
    print(f"{len(docs)} documents, {sum(len(d['mentions']) for d in docs)} mentions")


if __name__ == "__main__":
    main()
