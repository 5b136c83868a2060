"""Score the topic tagger on real rechtspraak.nl rulings, hand-labelled in this folder.

Run ``python -m tests.ingest.topics_real.evaluate`` (``--json`` for machines, ``--errors`` to list every miss and
false alarm by ECLI). ``tests/ingest/test_topics_real.py`` holds the figures against ``baseline.json``.

Why a second set beside ``tests/ingest/topics_eval``: that set is mostly texts written for the purpose, in the
health-insurance domain. These are real court rulings, nearly all outside it (tax, agriculture, criminal law), so
they measure what the issue calls "topics by source and domain": a domain topic fired by a foreign country, a tax
"premie" or a court-fee refund is a false alarm here. Most topics have no true case in this set; for them the
predicted count (all false alarms) is the figure to watch, and precision is 0 whenever anything is predicted.

The ruling goes through the project's own path: ``extract_rechtspraak_xml`` then ``parse_ruling`` (which tags the
topics), as ``tests/ingest/topics_eval`` does. The pipeline anonymises in between; rechtspraak texts are already
pseudonymised by the courts, so that step is left out here as there.
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
from tests.ingest.topics_eval.evaluate import Counts

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.json"
BASELINE = HERE / "baseline.json"
MANIFEST = HERE / "manifest.txt"
MIN_SUPPORT = 5  # the targets (P >= 0.90, R >= 0.80) apply to topics with at least this many true cases


@dataclass
class Report:
    documents: int = 0
    topics: dict[str, Counts] = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "topics": {t: {"support": c.tp + c.fn, "predicted": c.tp + c.fp, **c.as_dict()}
                       for t, c in self.topics.items()},
            "overall": self.overall.as_dict(),
            "false_alarms": self.overall.fp,
        }


def documents() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))["documents"]
    return docs


def manifest() -> list[str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


@cache
def parse_source(source: str) -> ParsedRuling:
    path = HERE / source
    raw = extract_rechtspraak_xml(path.read_bytes(), path.stem)
    return parse_ruling(raw.text, raw.format_metadata)


def evaluate() -> Report:
    report = Report()
    topic_ids = [t.id for t in load_topics()]
    report.topics = {t: Counts() for t in topic_ids}
    for doc in documents():
        gold = set(doc["topics"])
        unknown = gold - set(topic_ids)
        if unknown:
            raise ValueError(f"{doc['ecli']}: labels name unknown topics {sorted(unknown)}")
        found = {t.id for t in parse_source(doc["source"]).topics}
        report.documents += 1
        report.overall.add(gold, found)
        for t in topic_ids:
            report.topics[t].add({t} & gold, {t} & found)
        report.errors += [f"{doc['ecli']}: topic false alarm {t}" for t in sorted(found - gold)]
        report.errors += [f"{doc['ecli']}: topic missed {t}" for t in sorted(gold - found)]
    return report


def table(report: Report) -> str:
    """Markdown table; topics with at least MIN_SUPPORT true cases are in bold (the issue's targets apply to them)."""
    lines = ["| topic | named | support | predicted | P | R | F1 |", "|---|---|---|---|---|---|---|"]
    for t, c in report.topics.items():
        name = f"**{t}**" if c.tp + c.fn >= MIN_SUPPORT else t
        lines.append(f"| {name} | {'yes' if t in NAMED_TOPICS else ''} | {c.tp + c.fn} | {c.tp + c.fp} | "
                     f"{c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} |")
    o = report.overall
    lines += ["", f"All topics (micro): P {o.precision:.3f}, R {o.recall:.3f} (tp {o.tp}, fp {o.fp}, fn {o.fn}).",
              f"Documents: {report.documents}. Bold: support >= {MIN_SUPPORT}. P is 1.00 when nothing is predicted, "
              "R is 1.00 when there is no true case."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
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
