"""Development sets for tuning the anonymiser, disjoint from the held-out evaluation sets (issue 12).

    .venv/bin/python -m tests.anonymise.devset [--recall] [--precision] [--show N]

* precision side: every real rechtspraak XML ruling in ``../shared/corpus/rechtspraak_xml/original`` that is in
  neither held-out set (``precision/manifest.txt``, ``realtext/manifest.json``): already pseudonymised, so every
  replaced PERSON span is a candidate false positive; ``--show`` prints them with context for reading.
* recall side: the CSV rulings in the *development* half of the realtext split (``csvpart.in_evaluation_half`` is
  false), filled with invented names by the realtext builder's own ``fill`` under another seed prefix.

Not a test and not a ratchet: the held-out scorers measure; this is where rules are written.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from anonymise import decide
from archive.errors import InputError
from archive.settings import Settings
from ingest.rechtspraak_xml import extract_rechtspraak_xml
from tests.anonymise.realtext import csvpart
from tests.paths import SHARED

HERE = Path(__file__).parent
XML = SHARED / "corpus" / "rechtspraak_xml" / "original"


def held_out_eclis() -> set[str]:
    out = {line.strip() for line in (HERE / "precision" / "manifest.txt").read_text().splitlines() if line.strip()}
    manifest = json.loads((HERE / "realtext" / "manifest.json").read_text())
    out |= {d["ecli"] for d in manifest["documents"]}
    return out


def precision_docs() -> list[tuple[str, str]]:
    held = held_out_eclis()
    docs = []
    for path in sorted(XML.glob("*.xml")):
        ecli = path.stem.replace(".", ":")
        if ecli in held:
            continue
        try:
            docs.append((ecli, extract_rechtspraak_xml(path.read_bytes(), path.name).text))
        except InputError:
            continue
    return docs


def recall_docs() -> list[dict]:
    from tests.anonymise.realtext.build import fill

    csv.field_size_limit(sys.maxsize)
    docs = []
    for name, (path, column, _) in csvpart.SOURCES.items():
        with (SHARED / "corpus" / path).open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                text = row[column] or ""
                if not text.strip() or csvpart.in_evaluation_half(text):
                    continue
                key = f"DEV.{name}.{i}"
                doc = fill(key, csvpart.excerpt(key, text) if len(text) > 30_000 else text)
                if doc is not None:
                    doc["id"] = key
                    docs.append(doc)
    return docs


def run_precision(settings: Settings, show: int) -> None:
    docs = precision_docs()
    words = total = 0
    by_rec: Counter[str] = Counter()
    for ecli, text in docs:
        words += len(text.split())
        for m in decide(text, settings):
            if m.action == "replaced" and m.label == "PERSON":
                total += 1
                by_rec[m.recogniser] += 1
                if show:
                    ctx = f"{text[max(0, m.start - 60):m.start]}<<{text[m.start:m.end]}>>{text[m.end:m.end + 40]}"
                    print(f"FP {m.recogniser:18s} {ecli} {ctx!r}")
    print(f"precision dev: {len(docs)} rulings, {words} words, {total} replaced persons = "
          f"{total / max(words, 1) * 10_000:.2f} per 10k; by recogniser {dict(by_rec.most_common())}")


def run_recall(settings: Settings, show: int) -> None:
    from tests.anonymise.realtext.evaluate import evaluate

    misses: list[dict] = []
    res = evaluate(settings, docs=recall_docs(), misses=misses)
    for group in ("persons", "identifiers"):
        print(f"== {group} " + ", ".join(f"{k} {v['recall']:.3f}/{v['gold']}" for k, v in res[group].items()))
    print(f"== precision {res['precision']}")
    shown: dict[str, int] = defaultdict(int)
    for m in misses:
        cls = m["classes"][1]
        if shown[cls] < show:
            shown[cls] += 1
            print(f"MISS {cls:24s} {m['doc']} {m['context']!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--recall", action="store_true")
    ap.add_argument("--precision", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    settings = Settings()
    if args.precision or not args.recall:
        run_precision(settings, args.show)
    if args.recall or not args.precision:
        run_recall(settings, args.show)


if __name__ == "__main__":
    main()
