"""Score what the anonymiser wrongly replaces in real Flemish rulings (held half, hand-labelled; see README.md).

    .venv/bin/python -m tests.anonymise.flemish.evaluate [--json] [--half]

* the labelled set (``manifest.txt`` / ``labels.txt``): the held-out precision set's own figures
  (``tests.anonymise.precision.evaluate.score_set``): replaced PERSON spans per 10,000 words, what they hit by label.
  The 40 rulings hold no private mention, so every replaced person span is a false one and the rate is the figure.
* ``--half``: the rate over every whole ruling of the held half (about 1,200 rulings, 2 M words; a minute or more).

Only counts are printed, never text: the rulings may not be copied and the held half is not for writing rules.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from archive.settings import Settings
from tests.anonymise import flemish
from tests.anonymise.precision.evaluate import rate_over, score_set

LABELS = flemish.HERE / "labels.txt"


def load_set() -> list[dict]:
    """[{id, text, mentions}] of the labelled rulings, in manifest order."""
    from tests.anonymise.precision.make_set import find_mentions, read_labels

    texts = dict(flemish.docs("held"))
    docs = []
    for key, rules in read_labels(LABELS).items():
        mentions, unused = find_mentions(texts[key], rules)
        if unused:
            raise ValueError(f"{key}: labelled surfaces not in the text: {len(unused)}")
        docs.append({"id": key, "text": texts[key], "mentions": mentions})
    return docs


def score_half(settings: Settings) -> dict:
    texts = [t for _, t in flemish.docs("held")]
    return {"rulings": len(texts), **rate_over(texts, settings)}


def evaluate(settings: Settings | None = None, half: bool = False) -> dict[str, Any]:
    settings = settings or Settings()
    result: dict[str, Any] = {"set": score_set(settings, load_set())}
    if half:
        result["half"] = score_half(settings)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--half", action="store_true", help="also the rate over the whole held half")
    args = ap.parse_args()
    if not flemish.available():
        raise SystemExit(f"{flemish.SOURCE} not found")
    res = evaluate(half=args.half)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    s = res["set"]
    print(f"flemish set: {s['documents']} rulings, {s['words']} words, mentions {s['mentions']}")
    print(f"  replaced person spans: {s['replaced_persons']} = {s['rate_per_10k']} per 10k words; false by label "
          f"{ {k: v for k, v in s['false_by_label'].items() if v} }; private covered {s['private_covered']}")
    if "half" in res:
        h = res["half"]
        print(f"held half: {h['rulings']} rulings, {h['words']} words, {h['replaced_persons']} replaced person spans "
              f"= {h['rate_per_10k']} per 10k words")


if __name__ == "__main__":
    main()
