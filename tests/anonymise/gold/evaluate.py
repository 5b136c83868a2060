"""Score the anonymiser on the gold set: per-label precision/recall/F1 for the model alone and the pipeline.

    .venv/bin/python -m tests.anonymise.gold.evaluate [--model bundled] [--json]

Matching (documented in docs/anonymisation.md):
* recall: a gold span counts as found when every letter and digit of it, apart from a leading academic title,
  is covered by predicted spans of the same label; for the pipeline only gold spans marked "replace" count;
* precision: a predicted span is correct when it overlaps a gold span of the same label (for the pipeline: a
  gold span marked "replace"; replacing a kept committee member is a false positive);
* "strict" for the model alone is spaCy-style exact span match, reported for the model card.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from anonymise import decide
from anonymise.nlp import model_only
from archive.settings import Settings

GOLD = Path(__file__).parent / "gold.jsonl"
IDENTIFIER_LABELS = ("BSN", "IBAN", "PHONE", "EMAIL", "ADDRESS", "POSTCODE", "POLICY_NUMBER", "BIRTH_DATE")
_TITLE = re.compile(r"^(?:(?:prof|mr|dr|drs|ir|ing)\.\s*)+", re.I)


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _covered(text: str, start: int, end: int, preds: list[tuple[int, int]]) -> bool:
    title = _TITLE.match(text[start:end])
    start += title.end() if title else 0
    return all(any(s <= i < e for s, e in preds) for i in range(start, end) if text[i].isalnum())


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_r / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": n_gold, "pred": n_pred}


def evaluate(settings: Settings | None = None, docs: list[dict] | None = None) -> dict[str, dict]:
    settings = settings or Settings()
    docs = docs if docs is not None else load_gold()
    counts: dict[str, dict[str, list[int]]] = {"model": defaultdict(lambda: [0, 0, 0, 0]),
                                               "pipeline": defaultdict(lambda: [0, 0, 0, 0])}
    strict = [0, 0, 0]  # tp, pred, gold for the model alone
    for doc in docs:
        text, spans = doc["text"], doc["spans"]
        # Model alone: every gold PERSON (officials included) against the model's PERSON spans.
        gold_p = [(s, e) for s, e, lab, _ in spans if lab == "PERSON"]
        pred_p = [(m.start, m.end) for m in model_only(text, settings.ner_model) if m.label == "PERSON"]
        c = counts["model"]["PERSON"]
        c[0] += sum(any(ps < ge and gs < pe for gs, ge in gold_p) for ps, pe in pred_p)
        c[1] += len(pred_p)
        c[2] += sum(_covered(text, gs, ge, pred_p) for gs, ge in gold_p)
        c[3] += len(gold_p)
        strict[0] += len(set(gold_p) & set(pred_p))
        strict[1] += len(pred_p)
        strict[2] += len(gold_p)
        # Whole pipeline: replaced spans against gold spans marked "replace".
        decided = [m for m in decide(text, settings) if m.action == "replaced"]
        for label in ("PERSON", *IDENTIFIER_LABELS):
            g = [(s, e) for s, e, lab, role in spans if lab == label and role == "replace"]
            p = [(m.start, m.end) for m in decided if m.label == label]
            c = counts["pipeline"][label]
            c[0] += sum(any(ps < ge and gs < pe for gs, ge in g) for ps, pe in p)
            c[1] += len(p)
            c[2] += sum(_covered(text, gs, ge, p) for gs, ge in g)
            c[3] += len(g)
    result: dict[str, dict] = {}
    for kind, per_label in counts.items():
        result[kind] = {lab: _prf(*v) for lab, v in sorted(per_label.items())}
        if kind == "pipeline":
            ids = [per_label[lab] for lab in IDENTIFIER_LABELS]
            result[kind]["IDENTIFIERS"] = _prf(*(sum(x[i] for x in ids) for i in range(4)))
    tp, pred, gold = strict
    p, r = (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)
    result["model_strict"] = {"PERSON": {"precision": round(p, 4), "recall": round(r, 4),
                                         "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}}
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = evaluate(Settings(ner_model=args.model))
    if args.json:
        print(json.dumps(res, indent=2))
        return
    for kind, per_label in res.items():
        print(f"== {kind}")
        for lab, s in per_label.items():
            print(f"  {lab:14s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
                  + (f"  (gold {s['gold']}, pred {s['pred']})" if "gold" in s else ""))


if __name__ == "__main__":
    main()
