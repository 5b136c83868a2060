"""The keyed scan (anonymise.scan) finds exactly what the pattern's own scan finds, for every rule pattern.

``scan.finditer(rx, text)`` must equal ``rx.finditer(text)`` match for match (span and groups), and
``scan.overlapping`` the search-from-each-start loop it replaced; a format found from its keys that lost a match
would silently stop keeping or replacing a name.
"""

from __future__ import annotations

import re

import pytest

import anonymise.identifiers as identifiers
import anonymise.persons as persons
import anonymise.professional as professional
import anonymise.protected as protected
from anonymise import scan
from archive.settings import Settings
from scripts.bench_common import SAMPLES

PATTERNS = [(f"{mod.__name__.rsplit('.', 1)[1]}.{name}", rx)
            for mod in (professional, persons, identifiers, protected)
            for name, rx in vars(mod).items() if isinstance(rx, re.Pattern)]
PATTERNS.append(("protected.allow-list", protected._allow_pattern()[0]))
PATTERNS = [(n, rx) for n, rx in PATTERNS if scan._keys(rx) is not None]  # the others are scanned as before

# Invented text with the cases a fold could get wrong: capitals the lower case changes in length ("İ"), letters re
# equates case-insensitively ("ı", "ſ", the Kelvin sign), a cue glued to a word before it, white space of every kind.
EDGE = ("Gemachtigde: mr. A.B. Jansen. GEMACHTIGDE:\u00a0mr.\u2003C. de Vries; İstanbul, gemachtİgde: mr. X. Bos\n"
        "advocaatgemachtigde: mr. Y. Smit, eerder gemachtıgde: mr. Z. Kok; ſamen Veilig; M.nt. Kroon; "
        "bijgestaan\tdoor mr. P. Wit, advocaat te Utrecht. De heer K. Kramer (hierna: K.K.), m.nt.\n\nVan Dam.\n"
        "Dit vonnis is gewezen door mr. J. de Boer, voorzitter, en mr. W. Smit, griffier. w.g. De Boer\n")


def _texts() -> list[str]:
    from ingest import extract_file

    filler = "Het hof overweegt als volgt. " * 60  # long enough for the keys to be sparse, so that they are used
    texts = [filler + edge + filler for edge in (EDGE, EDGE.upper(), EDGE.lower())]
    texts += [extract_file(p, Settings(ocr=False)).text for p in sorted(SAMPLES.iterdir())
              if p.suffix in (".pdf", ".xml")]
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name,rx", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_keyed_scan_equals_finditer(texts: list[str], name: str, rx: re.Pattern[str]) -> None:
    for text in texts:
        assert _spans(scan.finditer(rx, text)) == _spans(rx.finditer(text)), name


def _overlapping_plain(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    out, pos = [], 0
    while (m := rx.search(text, pos)) is not None:
        out.append(m)
        pos = m.start() + 1
    return out


@pytest.mark.parametrize("rx", [professional._BENCH, professional._OFFICE_BEFORE])
def test_overlapping_equals_search_loop(texts: list[str], rx: re.Pattern[str]) -> None:
    for text in texts:
        assert _spans(scan.overlapping(rx, text)) == _spans(_overlapping_plain(rx, text))


def test_the_cue_formats_have_keys() -> None:
    """The formats that made the anonymiser slow are found from their keys (not scanned at every position)."""
    for rx in (professional._REP_BLOCK, professional._REP_AFTER_CUE, professional._BENCH,
               professional._NOTE_AFTER_CUE, persons._ROLE_NOUN, persons._FAMILY_CUE, identifiers._POLICY,
               professional._OFFICE_APPOSITION, professional._APPOINTED, persons._PARTY_ROLE_CUE,
               protected._allow_pattern()[0]):  # the allow-list grows with its files: it must stay keyed
        assert scan._keys(rx) is not None, rx.pattern[:60]


@pytest.mark.parametrize("pattern,text", [
    (r"\bfoo\w*", "xfoo foo barfoo Foo"),  # a word start: not inside a word
    (r"(?i:\bgemachtigde)", "GEMACHTİGDE gemachtıgde Gemachtigde"),  # re's case-insensitive equivalents
    (r"(?<![\w.])mr\.?\s+\w+", "mr. X mr.Y .mr Z amr W"),
    (r"(?<![^\w])abc\w", "abc1 xabc2 -abc3"),  # a negated class in the lookbehind is no word start
    (r"(?i:ſamen)\s+\w+", "samen veilig SAMEN x ſamen y"),
    (r"de\s+heer\s+\w+", "de heer A de\u00a0heer B de\n\theer C"),
])
def test_keyed_scan_edge_cases(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    filler = " lorem ipsum" * 400
    for t in (text, filler + text + filler):  # alone, and in a text long enough for the keys to be used
        assert scan._candidates(rx, filler + text + filler) is not None
        assert _spans(scan.finditer(rx, t)) == _spans(rx.finditer(t))


@pytest.mark.parametrize("forms", [
    ["Jansen", "Horst", "ter Horst", "Ter Horst", "Jan", "Vries"],
    ["Demir", "El Khattabi", "Fatima", "P.R."],
])
def test_linking_rule_matches_where_the_pattern_does(texts: list[str], forms: list[str]) -> None:
    """The linking rule's pattern (particles, then a spread form) read from the forms' occurrences equals the
    pattern tried at every position, particles in brackets, capitals and across lines included."""
    from anonymise.persons import TV
    from anonymise.policy import _form_matches

    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w\-\[.]){TV}(?P<n>{alternation})(?![\w\-\]])")
    extra = ("Zij sprak met (van der Jansen) en met IN 'T Jansen, met in de ter Horst, de van\n  der   Vries, "
             "op de Ter Horst, de heer d' Vries, [Jansen], Van Den Van Jan. Jansen-Bos, P.R. en (P.R.), El Khattabi, "
             "van van van van Demir; Fatima-Demir van  de  Fatima\n\nVan der Horst")
    for text in [extra, *texts]:
        found = _form_matches(pattern, text, dict.fromkeys(forms))  # type: ignore[arg-type]
        assert _spans(found) == _spans(pattern.finditer(text))


def test_table_header_check_equals_the_line_pattern(texts: list[str]) -> None:
    """identifiers._has_header (header words first, then their line) answers as the line pattern it replaced."""
    cells_line = r"(?im)^(?=[^\n]*(?:\t|\S[ ]{2,}\S|\|))[^\n]*?\b"
    words = {identifiers._BIRTH_HINT: r"(?:geboortedatum|geb\.?\s*datum|geboren|datum\s+van\s+geboorte)",
             identifiers._PHONE_HINT: r"(?:tel|telefoon|mobiel|gsm)",
             identifiers._STREET_HINT: r"(?:adres|straat|locatie|pleeglocatie|plaats\s+delict)"}
    tables = ["Naam\tGeboortedatum\nA\t1-2-1990", "Naam  |  Telefoon\nX | 0612345678", "Zie adres.\nStraat    Nr",
              "geb.\ndatum   x", "Naam    Adres\n", "het adres  is hier", "Geboren op\n12 mei\tx", "GEB. DATUM"]
    for text in [*tables, *texts]:
        for hint, alternation in words.items():
            assert identifiers._has_header(text, hint) == bool(re.search(cells_line + alternation, text))


def test_number_pattern_from_digit_runs(texts: list[str]) -> None:
    numbers = "BSN 123456782, 12.345.678, 1234 56 782, (123 45 67 89), 1-123456789, 12345678/9, ٣٤٥٦٧٨٩٠١٢ en 99"
    for text in [numbers, *texts]:
        found = scan.matches_from(identifiers._BSN, text, (d.start() for d in identifiers._DIGITS.finditer(text)))
        assert _spans(found) == _spans(identifiers._BSN.finditer(text))


def test_fold_keeps_length_and_word_characters() -> None:
    """Offsets into the fold are offsets into the text, its words are the text's words (so that a text and its
    capitals in name case may share one index), and its white space is a space: for every character of Unicode."""
    import sys

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        f = scan.fold(c)
        assert len(f) == 1 and (c.isalnum() or c == "_") == (f.isalnum() or f == "_"), hex(code)
        assert not c.isspace() or f == " ", hex(code)  # re's \s is a space in the fold


def test_official_after_name_from_name_starts(texts: list[str]) -> None:
    """A name followed by its office ("mr. X, griffier") is matched only where a name can start: same matches."""
    names = ("Mr. A.B. de Vries, griffier; mr Jansen als voorzitter, van der Berg, rechter en 't Hart, lid; "
             "d'Ancona, griffier. İr. Bos, secretaris, ır. Kok, rechter; (Van Dam, raadsheer) X-Smit, lid, de heer "
             "Jan de Groot als griffier, ’t Hooft, lid, IN 'T VELD, rechter, prof. mr. drs. P. Pieters, voorzitter\n"
             "mr. T. Tanghe\nOfficier van Justitie, Van\nDijk, griffier")
    for text in [names, *texts]:
        found = scan.matches_from(persons._OFFICIAL_AFTER, text, persons._name_starts(text))
        assert _spans(found) == _spans(persons._OFFICIAL_AFTER.finditer(text))
