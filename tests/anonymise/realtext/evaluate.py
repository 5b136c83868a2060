"""Score the anonymiser on the real-text recall set (realtext.jsonl, built by build.py).

    .venv/bin/python -m tests.anonymise.realtext.evaluate [--json] [--misses N]

Matching:
* a gold span is recalled when every non-space character of it lies inside text the anonymiser replaced
  (``decide()`` mentions with action "replaced", whatever their label): no part of the name or number survives;
* persons are reported overall, per surface form (``form``: how the name is written) and per trait (``traits``:
  multi-part, diacritics, Dutch-word surname, foreign, OCR damage); a span has one form and any number of traits;
* identifiers (address, postcode, birth date, licence plate, phone, IBAN) per kind and together; place names
  ("[woonplaats]") are reported apart, because the policy keeps places (docs/anonymisation.md);
* precision (a side figure): of the PERSON spans the anonymiser replaced, the share that overlaps a gold person
  span. Judges, lawyers, companies and cited authors keep their real names in these rulings, so a replaced span
  outside the gold is a false positive.

``--misses N`` prints up to N missed person spans per class with their context (invented names in public rulings)
for reading by hand; it is not part of the ratchet.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from anonymise import decide
from archive.settings import Settings
from tests.anonymise.realtext.csvpart import build_csv

DATA = Path(__file__).parent / "realtext.jsonl"
BASELINE = Path(__file__).parent / "baseline.json"
IDENTIFIER_KINDS = ("address", "postcode", "birth_date", "licence_plate", "phone", "iban")  # gold kinds


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _recalled(text: str, span: dict[str, Any], replaced: list[tuple[int, int]]) -> bool:
    return all(any(s <= i < e for s, e in replaced) for i in range(span["start"], span["end"])
               if not text[i].isspace())


def _rate(hit: int, total: int) -> dict[str, float | int]:
    return {"recall": round(hit / total, 4) if total else 1.0, "gold": total, "missed": total - hit}


def evaluate(settings: Settings | None = None, docs: list[dict[str, Any]] | None = None,
             misses: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Recall per class and precision on ``docs`` (default: the committed set). Appends missed spans to
    ``misses`` (with ``doc`` and ``context``) when a list is given."""
    settings = settings or Settings()
    docs = docs if docs is not None else load()
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    pred_person = pred_person_ok = 0
    words = 0
    for doc in docs:
        text = doc["text"]
        words += len(text.split())
        decided = [m for m in decide(text, settings) if m.action == "replaced"]
        replaced = sorted((m.start, m.end) for m in decided)
        gold_person = [(s["start"], s["end"]) for s in doc["spans"] if s["kind"] == "person"]
        for m in decided:
            if m.label == "PERSON":
                pred_person += 1
                pred_person_ok += any(m.start < ge and gs < m.end for gs, ge in gold_person)
        for span in doc["spans"]:
            ok = _recalled(text, span, [r for r in replaced if r[0] < span["end"] and span["start"] < r[1]])
            kind = span["kind"]
            classes = [kind]
            if kind == "person":
                classes += [f"form:{span['form']}", *(f"trait:{t}" for t in span["traits"])]
            else:
                classes.append(f"{kind}:{span['form']}")
                if kind in IDENTIFIER_KINDS:
                    classes.append("identifiers")
            for c in classes:
                hits[c][0] += ok
                hits[c][1] += 1
            if not ok and misses is not None:
                misses.append({**span, "doc": doc["id"], "classes": classes,
                               "context": text[max(0, span["start"] - 70):span["start"]] + "<<"
                               + text[span["start"]:span["end"]] + ">>" + text[span["end"]:span["end"] + 40]})
    persons = {"overall": _rate(*hits["person"])}
    persons |= {c.split(":", 1)[1]: _rate(*v) for c, v in sorted(hits.items()) if c.startswith("form:")}
    persons |= {c.split(":", 1)[1]: _rate(*v) for c, v in sorted(hits.items()) if c.startswith("trait:")}
    identifiers = {"overall": _rate(*hits["identifiers"])}
    identifiers |= {k: _rate(*hits[k]) for k in IDENTIFIER_KINDS if hits[k][1]}
    identifiers |= {c: _rate(*v) for c, v in sorted(hits.items())
                    if ":" in c and c.split(":")[0] in IDENTIFIER_KINDS}
    return {
        "documents": len(docs),
        "words": words,
        "persons": persons,
        "identifiers": identifiers,
        "places_kept_by_policy": _rate(*hits["place"]),
        "precision": {"person_replaced": pred_person,
                      "person_precision": round(pred_person_ok / pred_person, 4) if pred_person else 1.0},
    }


def baseline_figures(res: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """The figures the ratchet holds: every recall and the person precision, flattened ("persons/initials");
    the CSV supplement's figures carry the prefix "csv/"."""
    out = {f"{prefix}{group}/{cls}": r["recall"]
           for group in ("persons", "identifiers") for cls, r in res[group].items()}
    out[f"{prefix}precision/person"] = res["precision"]["person_precision"]
    return out


def _print(title: str, res: dict[str, Any]) -> None:
    print(f"#### {title}: {res['documents']} documents, {res['words']} words")
    for group in ("persons", "identifiers"):
        print(f"== {group}")
        for cls, r in res[group].items():
            print(f"  {cls:32s} recall {r['recall']:.3f}  ({r['gold'] - r['missed']}/{r['gold']})")
    pl = res["places_kept_by_policy"]
    print(f"== places (kept by policy): replaced {pl['recall']:.3f} of {pl['gold']}")
    pr = res["precision"]
    print(f"== precision of replaced PERSON spans: {pr['person_precision']:.3f} of {pr['person_replaced']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--write-baseline", action="store_true", help=f"record the current figures in {BASELINE.name}")
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="print up to N missed spans per class")
    args = ap.parse_args()
    missed: list[dict[str, Any]] = []
    results = {"committed": evaluate(misses=missed)}
    supplement = build_csv()
    if supplement:
        results["csv_supplement"] = evaluate(docs=supplement, misses=missed)
    if args.write_baseline:
        figures = baseline_figures(results["committed"])
        if "csv_supplement" in results:
            figures |= baseline_figures(results["csv_supplement"], "csv/")
        BASELINE.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        _print("committed set (rechtspraak XML)", results["committed"])
        if "csv_supplement" in results:
            _print("CSV supplement (built from ../shared at run time)", results["csv_supplement"])
        else:
            print("CSV supplement skipped: ../shared/corpus/rechtspraak_csv not found")
    if args.misses:
        shown: dict[str, int] = defaultdict(int)
        for m in missed:
            cls = m["classes"][1]
            if shown[cls] < args.misses:
                shown[cls] += 1
                print(f"MISS {cls:24s} {m['doc']} {m['key']!r}: {m['context']!r}")


if __name__ == "__main__":
    main()
