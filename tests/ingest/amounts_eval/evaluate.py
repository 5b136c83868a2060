"""Score amounts and outcomes (claimed, awarded, entreegeld, outcome per decision item and per ruling) on a
hand-labelled set of real rulings in this folder.

Run ``python -m tests.ingest.amounts_eval.evaluate`` (``--json`` for machines, ``--errors`` to list every
mismatch). ``tests/ingest/test_amounts_eval.py`` holds the figures against ``baseline.json`` as a ratchet.

Each file goes through the project's own path: ``ingest.extract_file`` (PDF or rechtspraak XML, chosen by content)
then ``ingest.parse_ruling``. The pipeline anonymises in between; the seeds are already anonymised and rechtspraak
texts pseudonymised by the courts, so that step is left out, as in ``tests/ingest/topics_eval``.

What the parser produces is read in :func:`predicted` and nowhere else: when the parser grows claims, per-item
amounts or costs orders, that one function is where the scorer learns to read them. Until then:

* ``amount_claimed`` / ``amount_awarded`` are what ``archive.store`` stores for a ruling (the sum of the amounts
  the parser classified as claimed / awarded) unless ``ParsedRuling`` carries those fields itself;
* per-item outcomes are the parser's ``decision_items``, matched to the labelled items by their label ((i), (ii),
  ...) or, for court rulings whose dictum has no labels, by position;
* per-claim outcomes (``claim_outcome``) are derived: the outcomes of the parser's items that match the labelled
  items deciding the claim, combined (all the same -> that outcome; granted and refused mixed -> gedeeltelijk
  toegewezen), the link between items and claims taken from the labels. ``claim_outcome_linked`` scores the
  parser's own claims with its own links instead, for the labelled claims it can name (SKGZ requests (i), (ii) of
  4.1; injured parties in criminal cases): a claim it did not find or left undecided counts as wrong;
* costs orders are reported as unsupported while ``ParsedRuling`` has no ``costs``.

Totals match when both are null or both are within one cent. Amounts are compared in the ruling's own currency.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from archive.domain import ParsedRuling
from archive.settings import Settings
from ingest import extract_file, parse_ruling
from ingest.extract import extract_bytes
from tests.paths import REPO, SHARED

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.json"
# Rulings labelled later, scored as their own group ("rechtspraak-new") so the first set stays comparable.
LABELS_NEW = HERE / "labels_new.json"
NEW_GROUP = "rechtspraak-new"
BASELINE = HERE / "baseline.json"
MANIFEST = HERE / "manifest.txt"
CENT = 0.01 + 1e-9
GRANTED = {"toegewezen", "gedeeltelijk toegewezen"}
REFUSED = {"afgewezen", "niet-ontvankelijk"}
_WORKDIR = tempfile.TemporaryDirectory(prefix="amounts-eval-")  # extract_file wants a data_dir; nothing is written


@dataclass
class Rate:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "rate": round(self.value, 3)}


METRICS = ("claimed_exact", "claimed_exact_when_stated", "awarded_exact", "awarded_exact_when_stated",
           "entreegeld", "outcome", "outcome_decided", "item_outcome", "claim_outcome", "claim_outcome_linked")


@dataclass
class Report:
    rulings: int = 0
    skipped: list[str] = field(default_factory=list)
    rates: dict[str, Rate] = field(default_factory=lambda: {m: Rate() for m in METRICS})
    by_source: dict[str, dict[str, Rate]] = field(default_factory=dict)
    unsupported: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, source: str, metric: str, ok: bool) -> None:
        self.rates[metric].add(ok)
        self.by_source.setdefault(source, {m: Rate() for m in METRICS})[metric].add(ok)

    def as_dict(self) -> dict[str, Any]:
        return {"rulings": self.rulings, "skipped": self.skipped, **{m: r.as_dict() for m, r in self.rates.items()},
                "by_source": {s: {m: r.as_dict() for m, r in rates.items()} for s, rates in self.by_source.items()},
                "unsupported": self.unsupported}


@dataclass
class Predicted:
    claimed: float | None
    awarded: float | None
    entreegeld_refunded: bool | None
    outcome: str
    items: list[tuple[str, str]]  # (label, outcome) in reading order
    costs: list[Any] | None  # None: the parser does not report costs orders
    claims: dict[str, str | None]  # the parser's own claims: id -> outcome (from the items it linked to them)


def rulings() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))["rulings"]
    for doc in json.loads(LABELS_NEW.read_text(encoding="utf-8"))["rulings"]:
        docs.append({**doc, "set": NEW_GROUP})
    return docs


def manifest() -> list[str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def source_path(source: str) -> Path:
    """``repo:PATH`` is a file of the repository (the seed PDFs in samples/); ``shared-csv:PATH#ROW`` a row of a CSV
    in the shared folder (readable, not copyable: see ../shared/corpus/README.md); the rest lives in this folder."""
    if source.startswith("repo:"):
        return REPO / source.removeprefix("repo:")
    if source.startswith("shared-csv:"):
        return SHARED / source.removeprefix("shared-csv:").split("#")[0]
    return HERE / source


def source_group(doc: dict[str, Any]) -> str:
    if doc.get("set"):
        return str(doc["set"])
    if doc["source"].startswith("shared-csv:"):
        return "rechtspraak-csv"
    return "skgz" if doc["id"].startswith("skgz:") else "rechtspraak"


def available(doc: dict[str, Any]) -> bool:
    return source_path(doc["source"]).is_file()


@cache
def _csv_rows(path: Path) -> list[str]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["inhoud"] for row in csv.DictReader(fh)]


def csv_text(source: str, sha_prefix: str) -> str:
    """The ruling text of one CSV row, checked against the hash recorded when it was labelled."""
    row = int(source.rsplit("#", 1)[1])
    text = _csv_rows(source_path(source))[row]
    if not hashlib.sha256(text.encode("utf-8")).hexdigest().startswith(sha_prefix):
        raise ValueError(f"{source}: the row's text changed since it was labelled")
    return text


@cache
def parse_source(source: str, sha_prefix: str = "") -> ParsedRuling:
    settings = Settings(data_dir=Path(_WORKDIR.name))
    if source.startswith("shared-csv:"):
        raw = extract_bytes(csv_text(source, sha_prefix).encode("utf-8"), settings, name="ruling.txt")
    else:
        raw = extract_file(source_path(source), settings)
    return parse_ruling(raw.text, raw.format_metadata)


def _stored_total(parsed: ParsedRuling, role: str) -> float | None:
    """The ruling total as the archive stores it today (``archive.store``), when the parser has no field for it."""
    from archive.store import _amount_total

    return _amount_total(parsed, role)


def predicted(parsed: ParsedRuling) -> Predicted:
    """Everything the scorer reads from the parser, in one place (see the module docstring)."""
    claimed = getattr(parsed, "amount_claimed", None) if hasattr(parsed, "amount_claimed") else \
        _stored_total(parsed, "claimed")
    awarded = getattr(parsed, "amount_awarded", None) if hasattr(parsed, "amount_awarded") else \
        _stored_total(parsed, "awarded")
    outcome = "overig" if parsed.outcome == "onbekend" else str(parsed.outcome)
    items = [(it.label, "gedeeltelijk toegewezen" if it.outcome == "gedeeltelijk" else str(it.outcome))
             for it in parsed.decision_items]
    costs = getattr(parsed, "costs", None)
    claims = {c.id: c.outcome for c in getattr(parsed, "claims", [])}
    return Predicted(claimed, awarded, parsed.entreegeld_refunded, outcome, items, claims=claims, costs=costs)


def same_amount(gold: float | None, found: float | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    return abs(gold - found) <= CENT


def combine(outcomes: list[str]) -> str | None:
    """One outcome for a claim decided by several items."""
    if not outcomes:
        return None
    if len(set(outcomes)) == 1:
        return outcomes[0]
    if set(outcomes) & GRANTED and set(outcomes) & REFUSED:
        return "gedeeltelijk toegewezen"
    return outcomes[0]


_SKGZ_REQUEST = re.compile(r"\b4\.1 ([ivx]+)\b")
_INJURED_PARTY = re.compile(r"\[[^\]]{1,40}\]")


def claim_key(claim: dict[str, Any]) -> str | None:
    """The id the parser gives this labelled claim when it can find it on its own: an SKGZ request's label ((i),
    (ii) of 4.1, which the label's description cites) or a criminal case's injured party. Other claims (an appeal
    without a sum) have no key and are not in ``claim_outcome_linked``."""
    if m := _SKGZ_REQUEST.search(claim["description"]):
        return m.group(1)
    if m := _INJURED_PARTY.search(claim["description"]):
        return m.group(0)
    return None


def match_items(gold_items: list[dict[str, Any]], found: list[tuple[str, str]]) -> list[str | None]:
    """The parser's outcome for each labelled item: by label where the ruling numbers its items, else by position."""
    by_label = {label: outcome for label, outcome in found}
    out: list[str | None] = []
    for k, item in enumerate(gold_items):
        if item["label"]:
            out.append(by_label.get(item["label"]))
        else:
            out.append(found[k][1] if k < len(found) else None)
    return out


def evaluate() -> Report:
    report = Report()
    costs_supported = False
    for doc in rulings():
        rid, source = doc["id"], source_group(doc)
        if not available(doc):
            report.skipped.append(rid)
            continue
        pred = predicted(parse_source(doc["source"], doc.get("text_sha256_16", "")))
        report.rulings += 1
        costs_supported |= pred.costs is not None
        for name, gold, found in (("claimed", doc["amount_claimed"], pred.claimed),
                                  ("awarded", doc["amount_awarded"], pred.awarded)):
            ok = same_amount(gold, found)
            report.add(source, f"{name}_exact", ok)
            if gold is not None:
                report.add(source, f"{name}_exact_when_stated", ok)
            if not ok:
                report.errors.append(f"{rid}: {name} {found} (labelled {gold})")
        ok = (doc["entreegeld_refunded"] is not None) == (pred.entreegeld_refunded is True)
        report.add(source, "entreegeld", ok)
        if not ok:
            report.errors.append(f"{rid}: entreegeld refunded {pred.entreegeld_refunded} "
                                 f"(labelled {doc['entreegeld_refunded']})")
        report.add(source, "outcome", pred.outcome == doc["outcome"])
        if doc["outcome"] != "overig":
            report.add(source, "outcome_decided", pred.outcome == doc["outcome"])
        if pred.outcome != doc["outcome"]:
            report.errors.append(f"{rid}: outcome {pred.outcome} (labelled {doc['outcome']})")
        found_items = match_items(doc["decision_items"], pred.items)
        for item, found_outcome in zip(doc["decision_items"], found_items, strict=True):
            report.add(source, "item_outcome", found_outcome == item["outcome"])
            if found_outcome != item["outcome"]:
                report.errors.append(f"{rid}: item {item['label'] or '-'} ({item['description'][:50]}) "
                                     f"{found_outcome} (labelled {item['outcome']})")
        for claim in doc["claims"]:
            deciding = [k for k, item in enumerate(doc["decision_items"]) if claim["id"] in item["decides"]]
            if not deciding:
                continue
            got = [found_items[k] for k in deciding]
            claim_outcome = combine([o for o in got if o is not None]) if all(o is not None for o in got) else None
            report.add(source, "claim_outcome", claim_outcome == claim["outcome"])
            if claim_outcome != claim["outcome"]:
                report.errors.append(f"{rid}: claim {claim['id']} {claim_outcome} (labelled {claim['outcome']})")
            if (key := claim_key(claim)) is not None:
                # The parser's own claim and its own links: a claim it did not find, or left undecided, is wrong.
                own = pred.claims.get(key)
                report.add(source, "claim_outcome_linked", own == claim["outcome"])
                if own != claim["outcome"]:
                    report.errors.append(f"{rid}: parser's claim {key} {own} (labelled {claim['outcome']})")
    if not costs_supported:
        report.unsupported.append("costs orders (ParsedRuling has no costs field)")
    return report


def table(report: Report) -> str:
    names = {"claimed_exact": "amount_claimed exact (within 1 cent, null = null)",
             "claimed_exact_when_stated": "amount_claimed exact, rulings that state one",
             "awarded_exact": "amount_awarded exact (within 1 cent, null = null)",
             "awarded_exact_when_stated": "amount_awarded exact, rulings that award money",
             "entreegeld": "entreegeld refunded (yes/no)",
             "outcome": "ruling outcome",
             "outcome_decided": "ruling outcome, rulings that decide a claim (not 'overig')",
             "item_outcome": "outcome per decision item",
             "claim_outcome": "outcome per claim (via the items that decide it)",
             "claim_outcome_linked": "outcome per claim, the parser's own claims and links (SKGZ requests, "
                                     "injured parties)"}
    sources = sorted(report.by_source)
    lines = [f"| measure | all | {' | '.join(sources)} |", "|---|---|" + "---|" * len(sources)]
    for m in METRICS:
        cells = [f"{r.value:.2f} ({r.right}/{r.total})" for r in
                 [report.rates[m], *[report.by_source[s][m] for s in sources]]]
        lines.append(f"| {names[m]} | {' | '.join(cells)} |")
    lines.append(f"\nRulings: {report.rulings} (skipped, source missing: {len(report.skipped)}). "
                 f"Unsupported: {', '.join(report.unsupported) or 'none'}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)
    report = evaluate()
    print(json.dumps(report.as_dict(), indent=1) if args.json else table(report))
    if args.errors:
        print("\n".join(report.errors), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
