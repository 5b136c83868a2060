"""Score the hand-written probe batteries (``dev.txt``, ``dev_private.txt``, ``dev_kept.txt``, ``dev_real.txt``;
held out: ``held.txt``, ``held2.txt``): passages in the registers of Dutch rulings with every person mention marked
by its writer.

    .venv/bin/python -m tests.anonymise.batteries.evaluate [--json] [--show private|kept|org|word] [--battery B]

Marks (see README.md): ``{X}`` a private person (must be replaced), ``[[X]]`` a person kept by policy (judge,
lawyer, cited author, expert, official), ``<<X>>`` an organisation, product, case name, street or place that looks
like a name (must stay). Figures per battery:

* ``private_recall``: marked private mentions whose every name word lies inside a replaced PERSON span;
* ``kept_false``, ``org_false``: marked kept persons and organisations that a replaced PERSON span overlaps;
* ``word_false``: replaced PERSON spans that overlap no mark (a Dutch word, a place, a legal term).

Each passage is anonymised on its own, as a document. ``--show`` prints misses of the development batteries only:
the held batteries are scored, never read for rules.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from anonymise import decide
from archive.settings import Settings

HERE = Path(__file__).parent
BATTERIES = ("dev", "dev_private", "dev_kept", "dev_real", "dev_admin", "held", "held2")
_KINDS = ("private", "kept", "org")
_MARK = re.compile(r"\{([^{}]*)\}|\[\[(.*?)\]\]|<<(.*?)>>")
_NAME_WORD = re.compile(r"[^\s.,;:()]+")
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "in", "op", "'t", "’t", "het", "la", "le", "du", "von",
              "el", "al", "da", "di", "dos", "del"}


def passages(name: str) -> list[str]:
    """The passages of one battery: blocks between blank lines, ``#`` comment lines left out."""
    blocks: list[str] = []
    current: list[str] = []
    for line in (HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def parse(block: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain passage and its marked spans ``(start, end, kind)``, kind ``private``/``kept``/``org``."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = length = 0
    for m in _MARK.finditer(block):
        out.append(block[pos:m.start()])
        length += m.start() - pos
        kind, surface = next((k, g) for k, g in zip(_KINDS, m.groups(), strict=True) if g is not None)
        spans.append((length, length + len(surface), kind))
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(block[pos:])
    return "".join(out), spans


def _covered(text: str, start: int, end: int, replaced: list[tuple[int, int]]) -> bool:
    words = [(w.start() + start, w.end() + start) for w in _NAME_WORD.finditer(text[start:end])
             if w.group(0).lower() not in _PARTICLES and len(w.group(0).rstrip(".")) > 1]
    if not words:
        return any(s < end and start < e for s, e in replaced)
    return all(any(s <= a and _stem_end(text, a, b) <= e for s, e in replaced) for a, b in words)


def _stem_end(text: str, a: int, b: int) -> int:
    """A genitive's ending may stay outside the replaced span ("[persoon 1]s stelling" for "Öztürks stelling")."""
    word = text[a:b]
    for ending in ("'s", "’s", "'", "’", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return b - len(ending)
    return b


def score(name: str, settings: Settings | None = None, show: str | None = None) -> dict:
    settings = settings or Settings()
    totals: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for block in passages(name):
        text, spans = parse(block)
        replaced = [(m.start, m.end) for m in decide(text, settings) if m.action == "replaced" and m.label == "PERSON"]
        for start, end, kind in spans:
            totals[kind] += 1
            if kind == "private":
                bad = not _covered(text, start, end, replaced)
            else:
                bad = any(s < end and start < e for s, e in replaced)
            if bad:
                wrong[kind] += 1
                if show == kind:
                    print(f"--- {kind} {text[start:end]!r}\n{text}\n")
        for s, e in replaced:
            if not any(s < end and start < e for start, end, _ in spans):
                wrong["word"] += 1
                if show == "word":
                    print(f"--- word {text[s:e]!r}\n{text}\n")
    return {"passages": len(passages(name)), "private": totals["private"], "kept": totals["kept"],
            "org": totals["org"],
            "private_recall": round(1 - wrong["private"] / totals["private"], 4) if totals["private"] else 1.0,
            "kept_false": wrong["kept"], "org_false": wrong["org"], "word_false": wrong["word"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", choices=("private", "kept", "org", "word"), help="misses of the dev battery")
    ap.add_argument("--battery", choices=[b for b in BATTERIES if b.startswith("dev")],
                    help="with --show: print the misses of this development battery only")
    args = ap.parse_args()
    result = {name: score(name, show=args.show if name.startswith("dev") and args.battery in (None, name) else None)
              for name in BATTERIES}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, r in result.items():
        print(f"{name}: {r['passages']} passages; private recall {r['private_recall']:.3f} of {r['private']}; "
              f"kept wrongly replaced {r['kept_false']} of {r['kept']}; organisations {r['org_false']} of {r['org']}; "
              f"unmarked words replaced {r['word_false']}")


if __name__ == "__main__":
    main()
