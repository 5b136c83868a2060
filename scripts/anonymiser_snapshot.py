"""A digest of every decision the anonymiser takes on a fixed set of documents: the oracle for refactoring it.

A change that should not alter any decision (a speed-up, a cleanup) is checked by writing a snapshot before it and
comparing after it::

    python -m scripts.anonymiser_snapshot --out /tmp/before.json
    ... change the anonymiser ...
    python -m scripts.anonymiser_snapshot --out /tmp/after.json --compare /tmp/before.json

Documents: the rechtspraak XML rulings of ``shared/corpus/rechtspraak_xml/original``, both halves of the CSV
rulings, the seed rulings, the sample files, and the gold, real-text and precision sets. Those sets are held out:
they are read here only as opaque inputs, and what is written and printed is a digest per document (a sha256 of
its sorted decisions: start, end, label, action, role, replacement, recogniser) keyed by source and position,
never a text or a name. Write the snapshot outside the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from scripts.bench_common import ROOT, SAMPLES

SETS = {  # held-out and labelled sets, read only as inputs (their "text" field)
    "gold": ROOT / "tests" / "anonymise" / "gold" / "gold.jsonl",
    "realtext": ROOT / "tests" / "anonymise" / "realtext" / "realtext.jsonl",
    "precision": ROOT / "tests" / "anonymise" / "precision" / "precision.jsonl",
}


def documents() -> Iterator[tuple[str, str]]:
    """(key, text) of every document of the snapshot, in a fixed order."""
    from archive.errors import InputError
    from archive.settings import Settings
    from ingest import extract_file
    from ingest.rechtspraak_xml import extract_rechtspraak_xml
    from tests.anonymise.conftest import SEED_FILES, SEEDS
    from tests.anonymise.realtext import csvpart
    from tests.paths import SHARED

    for path in sorted((SHARED / "corpus" / "rechtspraak_xml" / "original").glob("*.xml")):
        try:
            yield f"xml:{path.name}", extract_rechtspraak_xml(path.read_bytes(), path.name).text
        except InputError:
            continue
    if csvpart.available(SHARED):  # both halves: the development half and the evaluation half
        csv.field_size_limit(sys.maxsize)
        for name, (rel, column, _) in csvpart.SOURCES.items():
            with (SHARED / "corpus" / rel).open(encoding="utf-8", newline="") as f:
                for i, row in enumerate(csv.DictReader(f)):
                    text = row[column] or ""
                    if text.strip():
                        yield f"csv:{name}:{i}", text
    for seed in SEED_FILES:
        if (SEEDS / seed).is_file():
            yield f"seed:{seed}", (SEEDS / seed).read_text(encoding="utf-8")
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".pdf", ".xml"):
            yield f"sample:{path.name}", extract_file(path, Settings(ocr=False)).text
    for set_name, path in SETS.items():
        if path.is_file():
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for i, line in enumerate(lines):
                yield f"{set_name}:{i}", json.loads(line)["text"]


def digest(text: str) -> tuple[str, int]:
    """sha256 of the sorted decision tuples, and how many decisions there are."""
    from anonymise import decide
    from archive.settings import Settings

    rows = sorted((m.start, m.end, m.label, m.action or "", m.role or "", m.replacement or "", m.recogniser)
                  for m in decide(text, Settings()))
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest(), len(rows)


def snapshot() -> tuple[dict[str, dict[str, object]], float]:
    """{key: {"digest", "decisions"}} and the CPU seconds the decisions took."""
    out: dict[str, dict[str, object]] = {}
    from anonymise import decide
    from archive.settings import Settings

    decide("Mr. A.B. Jansen, advocaat te Utrecht.", Settings())  # load the model outside the clock
    cpu = 0.0
    for key, text in documents():
        t0 = time.process_time()
        h, n = digest(text)
        cpu += time.process_time() - t0
        out[key] = {"digest": h, "decisions": n}
    return out, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="JSON file to write (outside the repository)")
    ap.add_argument("--compare", type=Path, help="an earlier snapshot: every document's digest must be equal")
    args = ap.parse_args(argv)
    snap, cpu = snapshot()
    args.out.write_text(json.dumps(snap, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(snap)} documents, {sum(int(v['decisions']) for v in snap.values())} decisions, "
          f"{cpu:.1f} CPU-s in decide()")
    if args.compare is None:
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    missing = sorted(set(before) ^ set(snap))
    changed = sorted(k for k in set(before) & set(snap) if before[k]["digest"] != snap[k]["digest"])
    for key in missing:
        print(f"only in one snapshot: {key}")
    for key in changed:
        print(f"changed: {key} ({before[key]['decisions']} -> {snap[key]['decisions']} decisions)")
    print("identical" if not missing and not changed else f"{len(changed)} changed, {len(missing)} missing")
    return 1 if missing or changed else 0


if __name__ == "__main__":
    sys.exit(main())
