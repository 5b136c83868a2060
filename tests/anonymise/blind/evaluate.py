"""Scorer of the blind hand-written cases (``recall.txt``, ``precision.txt``, ``literature.txt``, ``officials.txt``,
``surface.txt``; issue 12).

    .venv/bin/python -m tests.anonymise.blind.evaluate [--json] [--show N] [--class C]

The cases were written by helper sessions that never read the anonymiser, its docs or its tests (see the header of
each file): text nobody who writes rules here wrote. Markup: ``{Name}`` a private person, ``{#...}`` a private
identifier, ``[[Name]]`` a name that must be kept (official, lawyer, author, organisation, brand, place...).

Split by case, on the parity of the sha256 of ``file:id`` (:func:`half`), fixed before any case was read: rules may be
written on the ``dev`` half only, whose misses and false replacements ``--show`` prints; the ``held`` half is
reported as figures only.

Figures, per half, per file and per class:

* ``persons``: share of ``{...}`` mentions whose every letter and digit lies inside replaced spans (any label);
* ``identifiers``: the same for ``{#...}``;
* ``kept``: share of ``[[...]]`` mentions that no replaced span touches;
* ``precision``: share of replaced PERSON spans that overlap a ``{...}`` mention (the issue's measure: what is
  replaced as a person should be a private person); the rest are split into ``kept`` (hit a ``[[...]]``),
  ``identifier`` and ``unmarked`` (a word the writer did not mark).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from anonymise import decide
from archive.settings import Settings

HERE = Path(__file__).parent
FILES = ("recall", "precision", "literature", "officials", "surface")
BASELINE = HERE / "baseline.json"
_HEAD = re.compile(r"^## (\S+) (\S+)[ \t]*$", re.M)
# A mark may break over a line ("[[P.M. van Ee-\nrde]]": a name hyphenated at the line end).
_MARK = re.compile(r"\{#(?P<ident>[^{}]+)\}|\{(?P<private>[^{}#][^{}]*)\}|\[\[(?P<kept>(?s:.+?))\]\]")


def half(file: str, case_id: str) -> str:
    """``dev`` or ``held``: by the parity of sha256("file:id"), fixed before any case was read."""
    return "dev" if int(hashlib.sha256(f"{file}:{case_id}".encode()).hexdigest(), 16) % 2 == 0 else "held"


def parse(raw: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and its marked spans ``{start, end, kind}`` (kind private / ident / kept) of one case."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        length += m.start() - pos
        kind = next(k for k in ("ident", "private", "kept") if m.group(k) is not None)
        inner = m.group(kind)
        spans.append({"start": length, "end": length + len(inner), "kind": kind})
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out), spans


def load(file: str) -> list[dict[str, Any]]:
    """The cases of ``<file>.txt``: ``{id, cls, half, text, spans}``; header comment lines are skipped."""
    path = HERE / f"{file}.txt"
    raw = path.read_text(encoding="utf-8")
    heads = list(_HEAD.finditer(raw))
    cases = []
    for i, h in enumerate(heads):
        body = raw[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(raw)].strip("\n")
        text, spans = parse(body)
        cases.append({"id": h.group(1), "cls": h.group(2), "half": half(file, h.group(1)), "file": file,
                      "text": text, "spans": spans})
    return cases


def _covered(text: str, s: dict[str, Any], replaced: list[tuple[int, int]]) -> bool:
    return all(any(a <= i < b for a, b in replaced) for i in range(s["start"], s["end"]) if text[i].isalnum())


def _touched(s: dict[str, Any], replaced: list[tuple[int, int]]) -> bool:
    return any(a < s["end"] and s["start"] < b for a, b in replaced)


def score_case(case: dict[str, Any], settings: Settings) -> dict[str, Any]:
    text, spans = case["text"], case["spans"]
    decided = [m for m in decide(text, settings) if m.action == "replaced"]
    replaced = [(m.start, m.end) for m in decided]
    res: dict[str, Any] = {"missed": [], "wrong": [], "false": [], "counts": Counter()}
    for s in spans:
        if s["kind"] in ("private", "ident"):
            key = "persons" if s["kind"] == "private" else "identifiers"
            ok = _covered(text, s, replaced)
            res["counts"][f"{key}_gold"] += 1
            res["counts"][f"{key}_hit"] += ok
            if not ok:
                res["missed"].append(s)
        else:
            ok = not _touched(s, replaced)
            res["counts"]["kept_gold"] += 1
            res["counts"]["kept_hit"] += ok
            if not ok:
                res["wrong"].append(s)
    for m in decided:
        if m.label != "PERSON":
            continue
        hit = [s for s in spans if s["start"] < m.end and m.start < s["end"]]
        kinds = {s["kind"] for s in hit}
        what = "private" if "private" in kinds else "kept" if "kept" in kinds else \
            "identifier" if "ident" in kinds else "unmarked"
        res["counts"]["replaced_persons"] += 1
        res["counts"][f"replaced_{what}"] += 1
        if what != "private":
            res["false"].append({"start": m.start, "end": m.end, "what": what, "recogniser": m.recogniser})
    return res


def _figures(c: Counter[str]) -> dict[str, Any]:
    def rate(hit: str, gold: str) -> float:
        return round(c[hit] / c[gold], 4) if c[gold] else 1.0

    return {"persons": rate("persons_hit", "persons_gold"), "persons_gold": c["persons_gold"],
            "identifiers": rate("identifiers_hit", "identifiers_gold"), "identifiers_gold": c["identifiers_gold"],
            "kept": rate("kept_hit", "kept_gold"), "kept_gold": c["kept_gold"],
            "precision": rate("replaced_private", "replaced_persons"), "replaced_persons": c["replaced_persons"],
            "false": {k: c[f"replaced_{k}"] for k in ("kept", "identifier", "unmarked") if c[f"replaced_{k}"]}}


def evaluate(settings: Settings | None = None, show: int = 0, only_class: str | None = None) -> dict[str, Any]:
    """Figures per half (``dev``, ``held``), per half and file, and per half, file and class."""
    settings = settings or Settings()
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    shown = 0
    for file in FILES:
        if not (HERE / f"{file}.txt").is_file():
            continue
        for case in load(file):
            res = score_case(case, settings)
            for key in (case["half"], f"{case['half']}/{file}", f"{case['half']}/{file}/{case['cls']}"):
                totals[key] += res["counts"]
            if show and case["half"] == "dev" and shown < show and (only_class in (None, case["cls"])):
                text = case["text"]
                for s in res["missed"] + res["wrong"] + res["false"]:
                    shown += 1
                    kind = s.get("what") and f"false:{s['what']}:{s['recogniser']}" or \
                        ("wrongly-replaced" if s["kind"] == "kept" else f"missed-{s['kind']}")
                    ctx = f"{text[max(0, s['start'] - 60):s['start']]}<<{text[s['start']:s['end']]}>>" \
                          f"{text[s['end']:s['end'] + 40]}"
                    print(f"{case['id']} {case['cls']:22s} {kind:34s} {ctx!r}")
    return {k: _figures(v) for k, v in sorted(totals.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and false replacements (dev half)")
    ap.add_argument("--class", dest="cls", default=None, help="only show cases of this class")
    ap.add_argument("--write-baseline", action="store_true", help="record the figures the ratchet holds")
    args = ap.parse_args()
    res = evaluate(show=args.show, only_class=args.cls)
    if args.write_baseline:
        keep = ("persons", "identifiers", "kept", "precision")
        BASELINE.write_text(json.dumps({k: {f: v[f] for f in keep} for k, v in res.items() if k.count("/") <= 1},
                                       indent=1, sort_keys=True) + "\n")
    if args.json:
        print(json.dumps(res, indent=1))
        return
    for key, r in res.items():
        print(f"{key:48s} persons {r['persons']:.3f} ({r['persons_gold']:3d})  identifiers {r['identifiers']:.3f} "
              f"({r['identifiers_gold']:3d})  kept {r['kept']:.3f} ({r['kept_gold']:3d})  precision "
              f"{r['precision']:.3f} ({r['replaced_persons']:3d}) false {r['false']}")


if __name__ == "__main__":
    main()
