"""Score the topic tagger, reference extractor and country facet against the hand-labelled set in this folder.

Run ``python -m tests.ingest.topics_eval.evaluate`` (``--json`` for machines, ``--errors`` to list every miss and
false alarm). ``tests/ingest/test_topics_eval.py`` asserts the same numbers against ``baseline.json`` so quality
only moves on purpose: raise the baseline when a change improves it, never lower it silently.

Why micro-averaged reference scores: a ruling cites between 0 and 15 provisions; averaging per document would let
one long rechtspraak ruling weigh as much as a two-line citation.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from archive.domain import ParsedRuling
from ingest import parse_ruling
from ingest.rechtspraak_xml import extract_rechtspraak_xml
from ingest.topics import NAMED_TOPICS, load_topics
from tests.paths import SHARED

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.json"
BASELINE = HERE / "baseline.json"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[str], found: set[str]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    documents: int = 0
    topics: dict[str, Counts] = field(default_factory=dict)
    references: Counts = field(default_factory=Counts)
    countries: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents,
                "topics": {k: v.as_dict() for k, v in self.topics.items()},
                "references": self.references.as_dict(), "countries": self.countries.as_dict()}


def documents() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))["documents"]
    return docs


def source_path(source: str) -> Path:
    """``seed:NAME`` is read from the shared seeds folder (public, already anonymised); the rest lives here."""
    if source.startswith("seed:"):
        return SHARED / "seeds" / source.removeprefix("seed:")
    return HERE / source


@cache
def parse_source(source: str) -> ParsedRuling:
    path = source_path(source)
    if path.suffix == ".xml":
        raw = extract_rechtspraak_xml(path.read_bytes(), path.stem)
        return parse_ruling(raw.text, raw.format_metadata)
    return parse_ruling(path.read_text(encoding="utf-8"), {})


def evaluate() -> Report:
    report = Report()
    topic_ids = [t.id for t in load_topics()]
    report.topics = {t: Counts() for t in topic_ids}
    for doc in documents():
        parsed = parse_source(doc["source"])
        report.documents += 1
        found_topics = {t.id for t in parsed.topics}
        gold_topics = set(doc["topics"])
        unknown = gold_topics - set(topic_ids)
        if unknown:
            raise ValueError(f"{doc['id']}: labels name unknown topics {sorted(unknown)}")
        for t in topic_ids:
            report.topics[t].add({t} & gold_topics, {t} & found_topics)
        for t in sorted(found_topics - gold_topics):
            report.errors.append(f"{doc['id']}: topic false alarm {t}")
        for t in sorted(gold_topics - found_topics):
            report.errors.append(f"{doc['id']}: topic missed {t}")
        found_refs, gold_refs = {r.id for r in parsed.references}, set(doc["references"])
        report.references.add(gold_refs, found_refs)
        for r in sorted(found_refs - gold_refs):
            report.errors.append(f"{doc['id']}: reference false alarm {r}")
        for r in sorted(gold_refs - found_refs):
            report.errors.append(f"{doc['id']}: reference missed {r}")
        found_c, gold_c = set(parsed.metadata.countries), set(doc["countries"])
        report.countries.add(gold_c, found_c)
        for c in sorted(found_c ^ gold_c):
            report.errors.append(f"{doc['id']}: country {'false alarm' if c in found_c else 'missed'} {c}")
    return report


def table(report: Report) -> str:
    """Markdown table, the same one docs/topics.md shows."""
    lines = ["| topic | named | support | P | R | F1 |", "|---|---|---|---|---|---|"]
    for t, c in report.topics.items():
        lines.append(f"| {t} | {'yes' if t in NAMED_TOPICS else ''} | {c.tp + c.fn} | {c.precision:.2f} | "
                     f"{c.recall:.2f} | {c.f1:.2f} |")
    r, k = report.references, report.countries
    lines += ["", f"References: P {r.precision:.3f}, R {r.recall:.3f} (tp {r.tp}, fp {r.fp}, fn {r.fn}).",
              f"Countries: P {k.precision:.3f}, R {k.recall:.3f} (tp {k.tp}, fp {k.fp}, fn {k.fn}).",
              f"Documents: {report.documents}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    report = evaluate()
    print(json.dumps(report.as_dict(), indent=1) if args.json else table(report))
    if args.errors:
        print("\n".join(report.errors), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
