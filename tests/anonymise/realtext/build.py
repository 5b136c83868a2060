"""Build the real-text recall set: real rechtspraak rulings with invented people put back at the placeholders.

    .venv/bin/python -m tests.anonymise.realtext.build [--check]

Reads the public-domain rechtspraak XML in ``../shared/corpus/rechtspraak_xml/{original,annotated_sections}``,
extracts the text exactly as ingestion does (``ingest.rechtspraak_xml``), and replaces each classified placeholder
(``placeholders.py``) with an invented name or identifier (``names.py``), recording the exact gold span. Writes
``realtext.jsonl`` (one ruling per line) and ``manifest.json`` (which rulings are in the set: develop and tune on
the others). Deterministic: one fixed seed, per-ruling random streams seeded by the ECLI. ``--check`` rebuilds in
memory and fails if the committed files differ.

How a name is shown follows what real rulings do: the first mention gives the full name or initials and surname,
later mentions the surname, "de heer X"/"mevrouw X", sometimes the full name again; a party heading may be in
capitals; a child is called by the first name; some parties are abbreviated to initials with a "(hierna: A.Y.)"
cue; a few later mentions carry OCR damage (a digit for a letter, a line-end hyphen).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.rechtspraak_xml import extract_rechtspraak_xml
from tests.anonymise.realtext import csvpart, names
from tests.anonymise.realtext.names import Person
from tests.anonymise.realtext.placeholders import PLACEHOLDER, classify, female_hint, is_company, person_key
from tests.paths import SHARED

HERE = Path(__file__).parent
DATA = HERE / "realtext.jsonl"
MANIFEST = HERE / "manifest.json"
SOURCES = ("original", "annotated_sections")
SEED = "realtext-2026-12-06"
PERSON_KINDS = ("person", "couple", "child")

# words after which "de heer X" reads naturally
_FUNCTION_WORDS = frozenset({
    "van", "aan", "door", "dat", "en", "met", "tussen", "namens", "die", "dan", "om", "of", "op", "voor", "bij",
    "tegen", "als", "heeft", "is", "was", "werd", "zijn", "had", "hebben", "stelt", "wil", "zou", "kan", "moet",
    "mag", "zal", "daarom", "omdat", "nu", "toen", "waarin", "waarbij", "want", "maar", "ook", "evenals", "zowel",
    "noch", "volgens", "jegens", "hoewel", "terwijl", "doordat", "indien", "zodat", "verklaart", "verklaarde", "hij",
    "zij", "ziet", "wordt"
})
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?][”\"']?\s+)$")
_PARAGRAPH_START = re.compile(r"(?:^|\n)(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|[a-z]\.\s+|-\s+|“)?$")
_TITLE_BEFORE = re.compile(r"(?:\bde heer|\bmevrouw|\bmevr\.|\bdhr\.|\bmw\.|\bheer)\s*$", re.I)
_HIERNA_BEFORE = re.compile(r"\b(?:hierna|verder)(?:[a-z ]{0,35})?:?\s*$", re.I)
_OCR_DIGITS = {"l": "1", "I": "1", "i": "1", "O": "0", "o": "0", "S": "5", "s": "5", "B": "8", "Z": "2", "g": "9"}


@dataclass
class _PersonState:
    person: Person
    mentions: int = 0
    initials_ref: bool = False  # the ruling abbreviates this party to initials after "(hierna: A.Y.)"
    partner: Person | None = None  # for a couple ("[appellanten]")


@dataclass
class _Doc:
    ecli: str
    text: str
    rng: random.Random
    out: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[dict[str, Any]] = field(default_factory=list)
    persons: dict[str, _PersonState] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)  # the same "[woonplaats]" is the same town
    pending_postcode: bool = False

    def tail(self, n: int = 80) -> str:
        return "".join(self.out[-6:])[-n:]

    def emit(self, s: str, kind: str | None = None, form: str = "", key: str = "",
             traits: tuple[str, ...] = ()) -> None:
        if kind is not None:
            all_traits = set(traits)
            if any(ord(c) > 127 for c in s):
                all_traits.add("diacritics")
            self.spans.append({"start": self.length, "end": self.length + len(s), "kind": kind, "form": form,
                               "traits": sorted(all_traits), "key": key})
        self.out.append(s)
        self.length += len(s)


def _ocr_damage(rng: random.Random, name: str) -> str | None:
    """A digit for a letter in the last word, or the last word broken by a line-end hyphen; None if neither fits."""
    words = name.split(" ")
    last = words[-1]
    options = []
    digit_at = [i for i, c in enumerate(last) if c in _OCR_DIGITS and i > 0]
    if digit_at:
        options.append("digit")
    if len(last) >= 6 and "-" not in last:
        options.append("hyphen")
    if not options:
        return None
    if rng.choice(options) == "digit":
        i = rng.choice(digit_at)
        last = last[:i] + _OCR_DIGITS[last[i]] + last[i + 1:]
    else:
        i = rng.randint(2, len(last) - 3)
        last = f"{last[:i]}-\n{last[i:]}"
    return " ".join([*words[:-1], last])


def _traits(p: Person, form: str) -> tuple[str, ...]:
    out = []
    if form not in ("first_name", "initials"):
        if p.multipart:
            out.append("multipart")
        if p.dutch_word:
            out.append("dutch_word")
    if p.origin != "nl" and form != "initials":
        out.append("foreign")
    return tuple(out)


def _gender(text: str, label: str) -> bool | None:
    """Female/male from the ruling's own "mevrouw [x]" / "de heer [x]", else from the role noun."""
    titles = re.findall(rf"(de heer|mevrouw|dhr\.|mw\.)\s*\[{re.escape(label)}\]", text, re.I)
    if titles:
        return titles[0].lower() in ("mevrouw", "mw.")
    return female_hint(label)


def _render_person(doc: _Doc, key: str, kind: str, label: str, after: str, initials_ref: bool) -> None:
    rng = doc.rng
    base = re.sub(r"^(?:roepnaam|voornaam|naam)\s+", "", key)
    first_name_only = key.startswith(("roepnaam ", "voornaam "))
    state = doc.persons.get(base)
    if state is None:
        state = _PersonState(names.make_person(rng, _gender(doc.text, label)))
        if kind == "couple":
            state.partner = names.make_person(rng, True)
            state.partner = Person(state.partner.first, None, state.person.surname, state.person.origin, True,
                                   state.person.dutch_word)
            state.person = Person(state.person.first, state.person.second, state.person.surname, state.person.origin,
                                  False, state.person.dutch_word)
        state.initials_ref = initials_ref and kind == "person"
        doc.persons[base] = state
    p = state.person
    tail = doc.tail()
    sentence_start = bool(_SENTENCE_START.search(tail))
    title_before = bool(_TITLE_BEFORE.search(tail))
    hierna_before = bool(_HIERNA_BEFORE.search(tail))
    party_block = bool(_PARAGRAPH_START.search(tail)) and doc.length < 0.25 * len(doc.text) and state.mentions == 0
    caps = label.isupper() and re.search(r"[^\W\d_]{4}", label) is not None  # "[GEÏNTIMEERDE]", not "[M.S]"
    first = state.mentions == 0
    state.mentions += 1
    prev = re.search(r"(\S+)\s*$", tail)
    company_after = re.match(r"\s*(?:Beheer|Holding|B\.V\.|BV\b|[’']s\b)", after)  # "[x] Beheer B.V."
    title_ok = not company_after and (sentence_start or tail.endswith((", ", "(", "- ")) or (
        prev is not None and prev.group(1).lower() in _FUNCTION_WORDS))

    def name(form: str, s: str, traits_for: Person = p, damage: bool = False) -> None:
        traits = _traits(traits_for, form)
        if damage and (damaged := _ocr_damage(rng, s)) is not None:
            s, traits = damaged, (*traits, "ocr")
        doc.emit(s, "person", form, key, traits)

    def full(q: Person) -> str:
        return f"{q.first} {q.surname}"

    def initials_surname(q: Person) -> str:
        return f"{q.initials} {q.surname}"

    if first_name_only or (kind == "child" and not (first and rng.random() < 0.1)):
        name("first_name", p.first)
        return
    if kind == "couple" and state.partner is not None:
        partner = state.partner
        if first:
            if caps or (party_block and rng.random() < 0.6):
                name("all_caps", full(p).upper())
                doc.emit(" EN ")
                name("all_caps", full(partner).upper(), partner)
            else:
                name("full", full(p))
                doc.emit(" en ")
                name("full", full(partner), partner)
            return
        if title_ok and rng.random() < 0.45:
            doc.emit(("De" if sentence_start else "de") + " heer en mevrouw ")
            name("title_surname", p.surname_as_lone())
        else:
            name("surname", p.surname_as_lone() if sentence_start else p.surname)
        return
    if caps or (party_block and rng.random() < 0.6):
        name("all_caps", (full(p) if first or rng.random() < 0.5 else p.surname_as_lone()).upper())
    elif title_before:
        name("title_surname", p.surname_as_lone(), damage=not first and rng.random() < 0.06)
    elif state.initials_ref and (hierna_before or not first):
        name("initials", p.short_initials())
    elif hierna_before:
        name("surname", p.surname_as_lone())
    elif first:
        if rng.random() < 0.55:
            name("full", full(p))
        else:
            name("initials_surname", initials_surname(p))
    else:
        damage = rng.random() < 0.06
        r = rng.random()
        paragraph = tail.rsplit("\n", 1)[-1]
        quoted = paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 == 1
        if quoted and r < 0.5:  # in a quoted statement people are called by their first name
            name("first_name", p.first)
        elif r < 0.25 and title_ok:
            doc.emit(("Mevrouw " if sentence_start else "mevrouw ") if p.female else
                     ("De heer " if sentence_start else "de heer "))
            name("title_surname", p.surname_as_lone(), damage=damage)
        elif r < 0.40:
            name("initials_surname", initials_surname(p), damage=damage)
        elif r < 0.50:
            name("full", full(p), damage=damage)
        else:
            name("surname", p.surname_as_lone(), damage=damage)
    if first and state.initials_ref and not re.match(r"\s*,?\s*\(", after) and "hierna" not in after:
        doc.emit(" (hierna: ")
        name("initials", p.short_initials())
        doc.emit(")")


def _render_identifier(doc: _Doc, kind: str, key: str, after: str) -> None:
    rng = doc.rng
    if kind in ("address", "street_number"):
        value, no_suffix = names.make_address(rng)
        doc.emit(value, "address", "street_no_suffix" if no_suffix else "street_suffix", key)
        doc.pending_postcode = bool(re.match(r"(?:\s*,\s*|\s*\n\s*)\[(?:woonplaats|plaats)", after))
        return
    if kind == "street":
        doc.emit(names.make_street(rng), "address", "street_name", key)
    elif kind == "postcode":
        doc.emit(names.make_postcode(rng), "postcode", "postcode", key)
    elif kind == "place":
        if doc.pending_postcode:
            doc.emit(names.make_postcode(rng), "postcode", "postcode_with_address", key)
            doc.emit(" ")
        town = doc.values.setdefault(key, doc.rng.choice(names.TOWNS))
        doc.emit(town, "place", "town", key)
    elif kind == "birth_date":
        style = ("day_month" if re.match(r"\s+\d{4}", after)
                 else "words" if re.match(r"\s+(?:negentien|twee)", after) else "full")
        doc.emit(names.make_date(rng, style), "birth_date", style, key)
    elif kind == "licence_plate":
        doc.emit(names.make_plate(rng), "licence_plate", "plate", key)
    elif kind == "phone":
        if re.search(r"\b0\d[-‑]?\s*$", doc.tail()):  # "06-[telefoonnummer]": the court kept the prefix
            doc.emit(str(rng.randint(10_000_000, 99_999_999)), "phone", "subscriber_number", key)
        else:
            doc.emit(names.make_phone(rng), "phone", "phone", key)
    elif kind == "iban":
        doc.emit(names.make_iban(rng), "iban", "iban", key)
    doc.pending_postcode = False


def fill(ecli: str, text: str) -> dict[str, Any] | None:
    """One ruling with its placeholders filled, or None when it has no person placeholder to fill.

    ``ecli`` (dots for colons, as in the file names) selects the per-ruling decisions and seeds the random stream.
    """
    doc = _Doc(ecli, text, random.Random(f"{SEED}:{ecli}"))
    found = []
    for m in PLACEHOLDER.finditer(text):
        label = m.group(1)
        kind = classify(ecli, label, text, m.start())
        if kind in PERSON_KINDS and is_company(label, text):
            kind = None
        found.append((m, label, kind))
    if not any(k in PERSON_KINDS for _, _, k in found):
        return None
    counts: dict[str, int] = {}
    for _, label, kind in found:
        if kind == "person":
            counts[person_key(label, ecli)] = counts.get(person_key(label, ecli), 0) + 1
    initials_ref = {k for k, n in sorted(counts.items()) if 3 <= n <= 40 and doc.rng.random() < 0.2}
    cursor = 0
    for i, (m, label, kind) in enumerate(found):
        if m.start() < cursor:  # the second half of a doubled placeholder, already filled
            continue
        doc.emit(text[cursor:m.start()])
        cursor = m.end()
        if kind in PERSON_KINDS and i + 1 < len(found) and found[i + 1][1] == label and \
                text[m.end():found[i + 1][0].start()] == " ":
            key = person_key(label, ecli)
            state = doc.persons.get(key)
            if state is None:
                state = doc.persons[key] = _PersonState(names.make_person(doc.rng, _gender(text, label)))
            state.mentions += 1
            q = state.person
            doc.emit(f"{q.first} {q.surname}", "person", "full", key, _traits(q, "full"))
            cursor = found[i + 1][0].end()
            continue
        if kind is None:
            doc.emit(m.group(0))
            continue
        after = text[m.end():m.end() + 40]
        key = person_key(label, ecli)
        if kind in PERSON_KINDS:
            _render_person(doc, key, kind, label, after, key in initials_ref)
        else:
            _render_identifier(doc, kind, key, after)
    doc.emit(text[cursor:])
    out = "".join(doc.out)
    return {"id": "", "ecli": ecli.replace(".", ":"), "text": out, "spans": doc.spans}


def source_files(shared: Path = SHARED) -> list[Path]:
    base = shared / "corpus" / "rechtspraak_xml"
    return [f for sub in SOURCES for f in sorted((base / sub).glob("*.xml"))]


def build(shared: Path = SHARED) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    manifest_docs = []
    for path in source_files(shared):
        data = path.read_bytes()
        try:
            text = extract_rechtspraak_xml(data, path.name).text
        except Exception:  # an empty or broken source ruling simply has nothing to fill
            continue
        doc = fill(path.stem, text)
        if doc is None:
            continue
        doc["id"] = f"realtext-{len(docs):03d}"
        docs.append(doc)
        manifest_docs.append({"id": doc["id"], "ecli": doc["ecli"], "source": f"{path.parent.name}/{path.name}",
                              "sha256": hashlib.sha256(data).hexdigest(), "spans": len(doc["spans"])})
    manifest = {
        "purpose": "real-text recall set for the anonymiser (issue 12); do not tune rules or models on these rulings",
        "seed": SEED,
        "documents": manifest_docs,
        "csv_documents": csvpart.manifest(shared),
    }
    return docs, manifest


def serialise(docs: list[dict[str, Any]], manifest: dict[str, Any]) -> tuple[str, str]:
    jsonl = "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in docs)
    return jsonl, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the committed files differ from a rebuild")
    args = ap.parse_args()
    if not source_files():
        sys.exit(f"no rechtspraak XML under {SHARED / 'corpus' / 'rechtspraak_xml'}")
    jsonl, manifest = serialise(*build())
    if args.check:
        same = DATA.read_text(encoding="utf-8") == jsonl and MANIFEST.read_text(encoding="utf-8") == manifest
        sys.exit(0 if same else "committed realtext.jsonl / manifest.json differ from a rebuild")
    DATA.write_text(jsonl, encoding="utf-8")
    MANIFEST.write_text(manifest, encoding="utf-8")
    print(f"{len(jsonl.splitlines())} documents written to {DATA}")


if __name__ == "__main__":
    main()
