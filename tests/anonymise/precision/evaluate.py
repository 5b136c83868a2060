"""Score what the anonymiser wrongly replaces in real rulings, against the hand-labelled precision set.

    .venv/bin/python -m tests.anonymise.precision.evaluate [--json] [--no-corpus]

Figures (definitions repeated in README.md):

* ``rate_per_10k``: replaced PERSON spans per 10,000 whitespace words, on this set and on every real rechtspraak XML
  ruling in ``shared/corpus/rechtspraak_xml/original`` (skipped when that folder is absent). These rulings are
  already pseudonymised by the courts, so almost every replaced person span there is a false positive.
* ``precision``: the share of replaced PERSON spans in the set that overlap a mention labelled ``private``.
* ``false_by_label``: every other replaced span, by what it hit: the label of the overlapped mention (the one it
  overlaps most), ``placeholder`` for a court's own pseudonym (``[appellant]``, ``[X]``, a lone capital ``A``/``B.``
  standing for a party: counted as "placeholders-as-names"), or ``unlabelled`` (a legal term, a Dutch word, a place).
* ``private_covered``: private mentions (the few real names the courts left in) that some replaced span, of any
  label, covers at least partly - a reminder that precision must not be bought with recall.

Only counts are printed, never the replaced text: the set is for measuring, not for writing rules against
(``manifest.txt`` lists the documents to keep out of rule and model development).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from anonymise import decide
from archive.errors import InputError
from archive.settings import Settings
from ingest.rechtspraak_xml import extract_rechtspraak_xml
from tests.paths import SHARED

SET = Path(__file__).parent / "precision.jsonl"
CORPUS = SHARED / "corpus" / "rechtspraak_xml" / "original"
FALSE_LABELS = ("official", "lawyer", "cited_author", "organisation", "other", "placeholder", "unlabelled")
_BRACKETED = re.compile(r"\[[^\[\]\n]{1,60}\]")
_LETTER_PSEUDONYM = re.compile(r"[A-Z]{1,2}\d?\.?")  # "A", "B.", "X", "AA", "E1": a party the court named by letter


def load_set() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def replaced_spans(text: str, settings: Settings) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(replaced PERSON spans, replaced spans of any label), offsets into ``text``."""
    replaced = [m for m in decide(text, settings) if m.action == "replaced"]
    return [(m.start, m.end) for m in replaced if m.label == "PERSON"], [(m.start, m.end) for m in replaced]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def classify(text: str, span: tuple[int, int], mentions: list[dict], placeholders: list[tuple[int, int]]) -> str:
    """What one replaced person span hit: ``private`` (correct) or one of :data:`FALSE_LABELS`."""
    hits = [(m["label"], _overlap(span, (m["start"], m["end"]))) for m in mentions]
    hits = [h for h in hits if h[1] > 0]
    if any(label == "private" for label, _ in hits):
        return "private"
    if any(_overlap(span, p) for p in placeholders) or _LETTER_PSEUDONYM.fullmatch(text[span[0]:span[1]]):
        return "placeholder"
    if hits:
        return max(hits, key=lambda h: h[1])[0]
    return "unlabelled"


def score_set(settings: Settings, docs: list[dict]) -> dict:
    outcome: Counter[str] = Counter()
    words = private = covered = 0
    for doc in docs:
        text, mentions = doc["text"], doc["mentions"]
        words += len(text.split())
        persons, anything = replaced_spans(text, settings)
        placeholders = [(m.start(), m.end()) for m in _BRACKETED.finditer(text)]
        outcome.update(classify(text, span, mentions, placeholders) for span in persons)
        for m in mentions:
            if m["label"] == "private":
                private += 1
                covered += any(_overlap((m["start"], m["end"]), s) for s in anything)
    total = sum(outcome.values())
    return {
        "documents": len(docs),
        "words": words,
        "mentions": dict(sorted(Counter(m["label"] for d in docs for m in d["mentions"]).items())),
        "replaced_persons": total,
        "rate_per_10k": round(total / words * 10_000, 2) if words else 0.0,
        "precision": round(outcome["private"] / total, 4) if total else 1.0,
        "correct": outcome["private"],
        "false_by_label": {label: outcome[label] for label in FALSE_LABELS},
        "placeholders_as_names": outcome["placeholder"],
        "private_covered": f"{covered}/{private}",
    }


def corpus_texts(folder: Path = CORPUS) -> tuple[list[str], int]:
    """The text the pipeline would anonymise for each real XML ruling, and how many files there are."""
    files = sorted(folder.glob("*.xml"))
    texts = []
    for path in files:
        try:
            texts.append(extract_rechtspraak_xml(path.read_bytes(), path.name).text)
        except InputError:  # a few records carry metadata only; the pipeline rejects them too
            continue
    return texts, len(files)


def rate_over(texts: list[str], settings: Settings) -> dict:
    """Whitespace words, replaced PERSON spans and their rate per 10,000 words over ``texts``."""
    words = sum(len(t.split()) for t in texts)
    total = sum(len(replaced_spans(t, settings)[0]) for t in texts)
    return {"words": words, "replaced_persons": total,
            "rate_per_10k": round(total / words * 10_000, 2) if words else 0.0}


def score_corpus(settings: Settings) -> dict | None:
    if not CORPUS.is_dir():
        return None
    texts, files = corpus_texts()
    return {"files": files, "with_text": len(texts), **rate_over(texts, settings)}


def evaluate(settings: Settings | None = None, corpus: bool = True) -> dict[str, Any]:
    settings = settings or Settings()
    result: dict[str, Any] = {"set": score_set(settings, load_set())}
    if corpus:
        result["corpus"] = score_corpus(settings)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-corpus", action="store_true", help="score only the labelled set")
    args = ap.parse_args()
    res = evaluate(corpus=not args.no_corpus)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    s = res["set"]
    print(f"set: {s['documents']} rulings, {s['words']} words, mentions {s['mentions']}")
    print(f"  replaced person spans: {s['replaced_persons']} = {s['rate_per_10k']} per 10k words")
    print(f"  precision (overlaps a private mention): {s['precision']:.3f} ({s['correct']}/{s['replaced_persons']})")
    print(f"  false replacements by what they hit: {s['false_by_label']}")
    print(f"  placeholders replaced as names: {s['placeholders_as_names']}; private mentions covered: "
          f"{s['private_covered']}")
    c = res.get("corpus")
    if c:
        print(f"all real XML rulings: {c['with_text']} of {c['files']} files have text, {c['words']} words, "
              f"{c['replaced_persons']} replaced person spans = {c['rate_per_10k']} per 10k words")
    elif "corpus" in res:
        print(f"all real XML rulings: skipped ({CORPUS} not found)")


if __name__ == "__main__":
    main()
