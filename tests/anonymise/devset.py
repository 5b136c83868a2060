"""Development sets for tuning the anonymiser, disjoint from the held-out evaluation sets (issue 12).

    .venv/bin/python -m tests.anonymise.devset [--recall] [--precision] [--show N] [--label L] [--set S]

* precision side: every real rechtspraak XML ruling in ``../shared/corpus/rechtspraak_xml/original`` that is in
  neither held-out set (``precision/manifest.txt``, ``realtext/manifest.json``): already pseudonymised, so every
  replaced PERSON span is a candidate false positive; ``--show`` prints them with context for reading.
* labelled precision (``--precision``): the hand labels of the development rulings in ``devlabels/`` (``cbb.txt``,
  ``hr.txt`` over the XML rulings above, ``csv.txt`` over the raw CSV development half) are read with the held-out
  set's own ``make_set.read_labels``/``find_mentions`` and every replaced PERSON span is scored with its
  ``evaluate.classify``: precision and false replacements per label, per set and together. ``--show N`` prints up to
  N spans per (set, label) with context (development text only); ``--label``/``--set`` narrow what is printed.
* recall side: the CSV rulings in the *development* half of the realtext split (``csvpart.in_evaluation_half`` is
  false), filled with invented names by the realtext builder's own ``fill`` under another seed prefix.

Not a test and not a ratchet: the held-out scorers measure; this is where rules are written.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
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


def _xml_docs(folder: Path, keep: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(ECLI, text as the pipeline extracts it) of the rechtspraak XML rulings in ``folder`` whose ECLI ``keep``
    accepts; files without a ruling text are skipped, as the pipeline rejects them."""
    docs = []
    for path in sorted(folder.glob("*.xml")):
        ecli = path.stem.replace(".", ":")
        if not keep(ecli):
            continue
        try:
            docs.append((ecli, extract_rechtspraak_xml(path.read_bytes(), path.name).text))
        except InputError:
            continue
    return docs


def precision_docs() -> list[tuple[str, str]]:
    held = held_out_eclis()
    return _xml_docs(XML, lambda ecli: ecli not in held)


LABELS = HERE / "devlabels"
LABEL_SETS = ("cbb", "hr", "csv", "sections")
SECTIONS = SHARED / "corpus" / "rechtspraak_xml" / "annotated_sections"


def sections_half(ecli: str) -> str:
    """``dev`` or ``held`` for a ruling of ``annotated_sections`` (labels in ``devlabels/sections.txt``): split by
    document on the parity of the ECLI's sha256, fixed before any ruling was read. Rules are written on the ``dev``
    half only; the ``held`` half is scored as a second held-out set (summary figures only, ``--sections-held``)."""
    return "dev" if int(hashlib.sha256(ecli.encode()).hexdigest(), 16) % 2 == 0 else "held"


def sections_docs(half: str) -> list[tuple[str, str]]:
    """(ECLI, text) of the ``annotated_sections`` rulings in one half: 50 modern rulings (2001-2015) from courts the
    other sets hardly hold (gerechtshoven, rechtbanken, RvS), read as the pipeline extracts them."""
    return _xml_docs(SECTIONS, lambda ecli: sections_half(ecli) == half)


def csv_development_rows() -> list[tuple[str, int, str]]:
    """(source name, row index, raw text) of every non-empty CSV ruling in the development half of the split."""
    csv.field_size_limit(sys.maxsize)
    rows = []
    for name, (path, column, _) in csvpart.SOURCES.items():
        with (SHARED / "corpus" / path).open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                text = row[column] or ""
                if text.strip() and not csvpart.in_evaluation_half(text):
                    rows.append((name, i, text))
    return rows


def csv_precision_docs() -> list[tuple[str, str]]:
    """The raw full text of the CSV development half, keyed ``CSV.{source}.{row}`` as ``devlabels/csv.txt``."""
    return [(f"CSV.{name}.{i}", text) for name, i, text in csv_development_rows()]


def labelled_sets(sections: str = "dev", sets: tuple[str, ...] = LABEL_SETS) -> dict[str, list[dict]]:
    """{set name: [{id, text, mentions}]} for every development label file present among ``sets`` (the
    ``annotated_sections`` rulings of the ``sections`` half, by default the development one). Only the texts the
    asked sets need are extracted."""
    from tests.anonymise.precision.make_set import find_mentions, read_labels

    texts: dict[str, str] = {}
    if {"cbb", "hr"} & set(sets):
        texts |= dict(precision_docs())
    if "csv" in sets and (LABELS / "csv.txt").is_file() and csvpart.available(SHARED):
        texts |= dict(csv_precision_docs())
    if "sections" in sets and SECTIONS.is_dir():
        texts |= dict(sections_docs(sections))
    out: dict[str, list[dict]] = {}
    for name in sets:
        path = LABELS / f"{name}.txt"
        if not path.is_file():
            continue
        docs = []
        for doc_id, rules in read_labels(path).items():
            if doc_id not in texts:
                continue
            mentions, _ = find_mentions(texts[doc_id], rules)
            docs.append({"id": doc_id, "text": texts[doc_id], "mentions": mentions})
        out[name] = docs
    return out


def score_labelled(settings: Settings, show: int = 0, label: str | None = None, only: str | None = None,
                   sections: str = "dev", sets: tuple[str, ...] = LABEL_SETS) -> dict:
    """Precision of replaced PERSON spans on the labelled development sets, per set and together. With
    ``sections="held"`` the ``sections`` set is the held half (then nothing may be shown)."""
    from tests.anonymise.precision.evaluate import _BRACKETED, FALSE_LABELS, classify

    if sections == "held" and show:
        raise ValueError("the held half of the sections set is scored, never shown")
    result: dict[str, dict] = {}
    total: Counter[str] = Counter()
    shown: Counter[tuple[str, str]] = Counter()
    for name, docs in labelled_sets(sections, sets).items():
        outcome: Counter[str] = Counter()
        words = private = covered = 0
        for doc in docs:
            text, mentions = doc["text"], doc["mentions"]
            words += len(text.split())
            decided = [m for m in decide(text, settings) if m.action == "replaced"]
            placeholders = [(m.start(), m.end()) for m in _BRACKETED.finditer(text)]
            for m in decided:
                if m.label != "PERSON":
                    continue
                what = classify(text, (m.start, m.end), mentions, placeholders)
                outcome[what] += 1
                if show and shown[(name, what)] < show and (label is None or what == label) and \
                        (only is None or name == only):
                    shown[(name, what)] += 1
                    ctx = f"{text[max(0, m.start - 70):m.start]}<<{text[m.start:m.end]}>>{text[m.end:m.end + 40]}"
                    print(f"{name} {what:12s} {m.recogniser:22s} {doc['id']} {ctx!r}")
            for mm in mentions:
                if mm["label"] == "private":
                    private += 1
                    covered += any(m.start < mm["end"] and mm["start"] < m.end for m in decided)
        n = sum(outcome.values())
        result[name] = {"documents": len(docs), "words": words, "replaced_persons": n,
                        "rate_per_10k": round(n / words * 10_000, 2) if words else 0.0,
                        "precision": round(outcome["private"] / n, 4) if n else 1.0, "correct": outcome["private"],
                        "false_by_label": {k: outcome[k] for k in FALSE_LABELS if outcome[k]},
                        "private_covered": f"{covered}/{private}"}
        total += outcome
    n = sum(total.values())
    result["all"] = {"replaced_persons": n, "precision": round(total["private"] / n, 4) if n else 1.0,
                     "correct": total["private"], "false_by_label": {k: total[k] for k in FALSE_LABELS if total[k]}}
    return result


def run_labelled(settings: Settings, show: int, label: str | None, only: str | None) -> None:
    res = score_labelled(settings, show, label, only)
    for name, r in res.items():
        if name == "all":
            print(f"labelled dev, all sets: precision {r['precision']:.3f} ({r['correct']}/{r['replaced_persons']}), "
                  f"false {r['false_by_label']}")
        else:
            print(f"labelled dev {name}: {r['documents']} docs, {r['words']} words, {r['replaced_persons']} replaced "
                  f"persons = {r['rate_per_10k']} per 10k, precision {r['precision']:.3f} "
                  f"({r['correct']}/{r['replaced_persons']}), false {r['false_by_label']}, private covered "
                  f"{r['private_covered']}")


def recall_docs() -> list[dict]:
    from tests.anonymise.realtext.build import fill

    docs = []
    for name, i, text in csv_development_rows():
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
    ap.add_argument("--label", help="with --show: print only spans that hit this label (private, official, ...)")
    ap.add_argument("--set", dest="only", choices=LABEL_SETS, help="with --show: print only this labelled set")
    ap.add_argument("--sections-held", action="store_true",
                    help="score the held half of the sections set (summary figures only)")
    ap.add_argument("--unlabelled", action="store_true",
                    help="also the unlabelled view: every replaced span of the 122 XML rulings as a candidate")
    args = ap.parse_args()
    settings = Settings()
    if args.sections_held:
        r = score_labelled(settings, sections="held", sets=("sections",))["sections"]
        print(f"sections held half: {r['documents']} docs, {r['words']} words, {r['replaced_persons']} replaced persons"
              f" = {r['rate_per_10k']} per 10k, precision {r['precision']:.3f}, false {r['false_by_label']}, "
              f"private covered {r['private_covered']}")
        return
    if args.precision or not args.recall:
        if args.unlabelled:
            run_precision(settings, args.show)
        run_labelled(settings, args.show, args.label, args.only)
    if args.recall or not args.precision:
        run_recall(settings, args.show)


if __name__ == "__main__":
    main()
