"""Name and vocabulary lexicons, loaded once per process.

Why a lexicon at all: the statistical model over-generates PERSON spans on headings, annexed policy conditions and
place names. A model-only PERSON span is kept only when one of its words is a known first name or surname, which
removed every false positive we measured (docs/anonymisation.md). The lists come from two places:

* the name lists inside the installed PyPI package ``deduce`` (LGPL-3.0). They are *read* from the installed
  package at run time and never copied into this repository; ``deduce`` itself is never imported (importing it
  builds caches for minutes), we only locate its data directory;
* our own lists in ``anonymise/data/`` (foreign first names and surnames that deduce lacks, common Dutch words that
  are also names, honorifics, tussenvoegsels).

Everything here is pure data access: no spaCy, no logging of names.
"""

from __future__ import annotations

import hashlib
import importlib.util
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from archive.errors import AnonymisationError

DATA_DIR = Path(__file__).parent / "data"


def read_list(path: Path) -> list[str]:
    """One item per line; blank lines and ``#`` comments ignored."""
    items: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.append(line)
    return items


def data_list(name: str) -> list[str]:
    return read_list(DATA_DIR / name)


def deduce_names_dir() -> Path | None:
    """The ``names`` lookup folder of the installed deduce package, found without importing deduce."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src" / "names"
    return path if path.is_dir() else None


def _deduce_list(kind: str) -> list[str]:
    base = deduce_names_dir()
    if base is None:
        return []
    items = set(read_list(base / kind / "items.txt"))
    exceptions = base / kind / "exceptions.txt"
    if exceptions.exists():
        items -= set(read_list(exceptions))
    return sorted(items)


def _deduce_whitelist(kinds: tuple[str, ...] = ("lst_common_word", "lst_stop_word")) -> list[str]:
    """deduce's common Dutch words, stop words or medical terms (read in place, never copied)."""
    base = deduce_names_dir()
    if base is None:
        return []
    out: list[str] = []
    for kind in kinds:
        path = base.parent / "whitelist" / kind / "items.txt"
        if path.exists():
            out += read_list(path)
    return out


def _dutch_lemma_words() -> list[str]:
    """Every Dutch word form in spaCy's lemma tables (spacy-lookups-data, MIT; read in place, never copied).

    Why: the linking rule must never spread an ordinary Dutch word ("Hof", "Appellant", "Postscript" is not one,
    but "Franse" is) and our own lists are a few hundred words; this table has ~220k forms. Fails closed when the
    package is missing: a silently empty vocabulary would spread every capitalised word.
    """
    import gzip
    import json

    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        raise AnonymisationError("Dutch vocabulary unavailable: the 'spacy-lookups-data' package is not installed")
    base = Path(next(iter(spec.submodule_search_locations))) / "data"
    words: set[str] = set()
    lookup = json.loads(gzip.decompress((base / "nl_lemma_lookup.json.gz").read_bytes()))
    words.update(lookup)
    words.update(lookup.values())
    for lemmas in json.loads(gzip.decompress((base / "nl_lemma_index.json.gz").read_bytes())).values():
        words.update(lemmas)
    return sorted(w for w in words if w.isalpha())


def _dutch_stop_words() -> list[str]:
    """spaCy's Dutch stop words ("aldus", "ofschoon", "evenzeer": MIT; read in place, never copied): function
    words the lemma tables lack, which open sentences right after a party letter ("A & B. Aldus ...")."""
    import ast

    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "nl" / "stop_words.py"
    if not path.exists():
        return []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 200:
            return node.value.split()
    return []


def _deduce_locations(kind: str) -> list[str]:
    """deduce's street or place names (read in place, never copied): addresses without a suffix, and places the
    linking rule must never spread."""
    base = deduce_names_dir()
    if base is None:
        return []
    folder = base.parent / "locations" / kind
    if (folder / "items.txt").exists():
        return read_list(folder / "items.txt")
    # deduce 3 keeps place names in sub-lists: municipalities, provinces and regions are read, each without the
    # words it does not match as a place on their own. Not the 6,700 residences: hamlets named "Hoek", "Beek" or
    # "Bergen" are surnames as often, and the guards that read this list would stop spreading them.
    out: list[str] = []
    subs = [p for p in folder.iterdir() if (p / "items.txt").exists()] if folder.is_dir() else []
    for sub in sorted(p for p in subs if p.name != "lst_residence"):
        skip = set(read_list(sub / "exceptions.txt")) if (sub / "exceptions.txt").exists() else set()
        out += [item for item in read_list(sub / "items.txt") if item not in skip]
    return out


@lru_cache(maxsize=1)
def municipalities() -> frozenset[str]:
    """deduce's municipality and province names, lower case (read in place; deduce 3 keeps them in sub-lists of
    lst_placename). Used only where the context already says "a place" ("te Ede", "gemeente Velsen")."""
    base = deduce_names_dir()
    if base is None:
        return frozenset()
    folder = base.parent / "locations" / "lst_placename"
    return frozenset(item.lower() for sub in ("lst_municipality", "lst_province")
                     if (folder / sub / "items.txt").exists() for item in read_list(folder / sub / "items.txt"))


@lru_cache(maxsize=1)
def residences() -> frozenset[str]:
    """deduce's 6,700 residences (towns and villages), lower case, read in place. Many are surnames too ("Hoek",
    "Beek"), so they are read only beside a municipality in a list of places ("dan Haren en Vught")."""
    base = deduce_names_dir()
    items = base.parent / "locations" / "lst_placename" / "lst_residence" / "items.txt" if base else None
    return frozenset(i.lower() for i in read_list(items)) if items and items.exists() else frozenset()


def _hospitals() -> list[str]:
    """Hospital names from deduce (read in place) plus our own list: legal persons, kept.

    Only names of two or more words: a one-word entry such as "Antonius" would shield a person's first name.
    """
    base = deduce_names_dir()
    items = data_list("hospitals.txt")
    if base is not None:
        path = base.parent / "institutions" / "lst_hospital" / "items.txt"
        if path.exists():
            items += read_list(path)
    return sorted({i for i in items if len(i.split()) >= 2})


_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})


def fold_diacritics(s: str) -> str:
    """``s`` without its accents and special letters: "Çelik" -> "Celik", "Woźniak" -> "Wozniak"."""
    decomposed = unicodedata.normalize("NFKD", s.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class NameSet(frozenset[str]):
    """A set of lower-case names that also answers for a name written with accents its list writes without:
    "nguyễn" is in it when "nguyen" is, "ştefan" when "stefan" is, "ionuț" when "ionut" is (the lists are mostly
    written in plain letters; rulings write names as their bearers do)."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        return isinstance(word, str) and not word.isascii() and frozenset.__contains__(self, fold_diacritics(word))


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased lookup sets. ``common_words`` are Dutch words that must not count as name evidence."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    common_words: frozenset[str]
    tussenvoegsels: frozenset[str]
    vocabulary: frozenset[str]  # ordinary Dutch words (common + medical + own lists): never an unknown name
    institutions: frozenset[str]  # hospital names (kept, like insurers), as written
    # Every Dutch word form (spaCy lemma tables + vocabulary). The lemma tables also hold common first names and
    # surnames ("daan", "bakker"): callers combine it with the name lists (is_name_word) where that matters.
    dutch: frozenset[str]
    legal_terms: frozenset[str]  # capitalised legal terms and forms of address ("Hof", "Appellant", "Uw Raad")
    places: frozenset[str]  # place names, lower case (deduce's list): never spread as a person's name
    streets: frozenset[str]  # street names (deduce's list + own): an address without a street suffix
    fingerprint: str  # sha256 over all lists: part of anonymiser_version()
    stop_words: frozenset[str] = frozenset()  # function words ("daar", "aldus"): never a surname

    def is_name_word(self, word: str) -> bool:
        """True when ``word`` is a known first name or surname and not an ordinary Dutch word."""
        w = word.lower().strip(".,;:()'\"")
        if len(w) < 2 or w in self.common_words:
            return False
        return w in self.first_names or w in self.surnames


    def dutch_form(self, word: str) -> bool:
        """An ordinary Dutch word or a regular inflection of one ("uitgaande", "zaken", "binnenlandse"): the lemma
        tables list lemmas and irregular forms, not every inflected form."""
        w = word.lower()
        if w in self.dutch:
            return True
        if len(w) < 5:
            return False
        stems = [w[:-1], w[:-2]] if w.endswith(("e", "s", "n")) else []
        if w.endswith("en"):  # "zaken" -> "zaak", "straten" -> "straat"
            stem = w[:-2]
            if len(stem) >= 2 and stem[-2] in "aeou" and stem[-1] not in "aeiou":
                stems.append(stem[:-1] + stem[-2] + stem[-1])
        if w.endswith(("se", "sche")):  # "binnenlandse" -> "binnenland"
            stems.append(w[:-2] if w.endswith("se") else w[:-4])
        return any(len(s) >= 3 and s in self.dutch for s in stems)

    def dutch_compound(self, word: str) -> bool:
        """A Dutch compound of two words of at least four letters, with or without a linking s ("accountants-
        controle", "wegingsfactoren"). Many Dutch surnames are compounds too ("Groenendijk"): callers ask this only
        of words in no name list, and only for spans no cue made a name."""
        w = word.lower()
        if self.dutch_form(w):
            return True
        if len(w) < 12:  # "Hoekveld", "Groenendijk": shorter compounds are as often surnames in no list
            return False
        for i in range(4, len(w) - 3):
            head, tail = w[:i], w[i:]
            if self.dutch_form(tail) and (head in self.dutch or head.endswith("s") and head[:-1] in self.dutch):
                return True
        return False


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """Build the lexicon once per process (a few hundred ms).

    Fails closed without deduce's lists: an anonymiser that silently lost 25k names would publish leaks.
    """
    if deduce_names_dir() is None:
        raise AnonymisationError("name lexicon unavailable: the 'deduce' package is not installed")
    first = _deduce_list("lst_first_name") + data_list("first_names_extra.txt")
    sur = _deduce_list("lst_surname") + data_list("surnames_extra.txt")
    # deduce's interfix_surname list holds surnames written with their tussenvoegsel ("Aalst" of "van Aalst").
    sur += _deduce_list("lst_interfix_surname")
    common = data_list("common_words.txt") + _deduce_whitelist()
    tv = data_list("tussenvoegsels.txt")
    vocab = common + _deduce_whitelist(("lst_medical_term",)) + data_list("not_surnames.txt") + data_list(
        "dutch_words.txt")
    institutions = _hospitals()
    stop = _dutch_stop_words()  # kept apart from ``dutch``: "al", "wie", "men" are parts of foreign names
    dutch = _dutch_lemma_words()
    legal = data_list("legal_terms.txt")
    streets = _deduce_locations("lst_street")
    places = _deduce_locations("lst_placename")
    digest = hashlib.sha256()
    for part in (first, sur, common, tv, vocab, institutions, dutch, legal, streets, places, stop):
        digest.update("\n".join(sorted(part)).encode())
        digest.update(b"\x00")
    return Lexicon(
        first_names=NameSet(x.lower() for x in first),
        surnames=NameSet(x.lower() for x in sur),
        common_words=frozenset(x.lower() for x in common),
        tussenvoegsels=frozenset(x.lower() for x in tv),
        vocabulary=frozenset(x.lower() for x in vocab),
        institutions=frozenset(institutions),
        dutch=frozenset(dutch) | frozenset(x.lower() for x in vocab),
        legal_terms=frozenset(x.lower() for x in legal),
        streets=frozenset(streets),
        places=frozenset(p.lower() for p in places),
        fingerprint=digest.hexdigest(),
        stop_words=frozenset(stop),
    )


def held_out(name: str, modulo: int = 4) -> bool:
    """Deterministic split of names: held-out names feed the gold set, the rest feed training templates.

    Why: the gold set must measure generalisation, so no gold name may appear in a training sentence.
    """
    return int(hashlib.sha1(name.lower().encode()).hexdigest(), 16) % modulo == 0
