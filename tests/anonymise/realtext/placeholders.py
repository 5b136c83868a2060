"""What each rechtspraak placeholder stands for: a person, a child, an address, a place, a date, ... or nothing we fill.

The classification was made by reading every placeholder's contexts in the source rulings (2026-12-06). Role
placeholders ("[appellant]", "[verdachte 2]") follow the rules below; letter placeholders ("[A]", "[X]", "[Z.]")
and a few roles mean different things in different rulings, so they are decided per ruling in ``PER_DOCUMENT``.
Anything not classified (companies, ships, buildings, editorial insertions such as "[is]", case numbers) is left
as the court wrote it.
"""

from __future__ import annotations

import re

IDENTIFIER_PLACEHOLDERS = ("address", "street", "street_number", "postcode", "birth_date", "licence_plate", "phone",
                           "iban")
PLACEHOLDER = re.compile(r"\[\[?([^\[\]\n]{1,40})\]")

_PERSON_ROLES = (
    r"appellant|appellante|eiser|eiseres|gedaagde|geïntimeerde|geintimeerde|verweerder|verweerster|verzoeker|"
    r"verzoekster|slachtoffer|het slachtoffer|betrokkene|verdachte|medeverdachte|getuige|verbalisant|gefailleerde|"
    r"failliet|vennoot|maat|naam|volledige naam|naam appellant|naam executeur|naam broer|persoon|de man|de vrouw|"
    r"ex-man|de ex-man|de moeder|de vader|de erflater|legator|notaris|taxateur|de projectmanager|hr manager|"
    r"personeelslid van havam|partner van appellant|klant|aanvrager|belanghebbende|de belanghebbende|"
    r"benadeelde|benadeelde partij|curator|directeur eiseressen|crediteur|reclaseringsmedewerker|voorzitter|"
    r"gemachtigde|aangever|aangeefster|vergunninghouder|een der appellanten"
)
_PLURAL_ROLES = r"appellanten|geïntimeerden|eisers|gedaagden"
_CHILD_ROLES = r"(?:de |het )?(?:dochter|zoon|kind|minderjarige)|roepnaam appellant|voornaam getuige"
_SUFFIX = r"(?:\s*(?:sub\s+)?[0-9]{1,2}[A-Z]?|\s+[A-Z])?"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("child", re.compile(rf"(?:{_CHILD_ROLES}){_SUFFIX}", re.I)),
    ("couple", re.compile(rf"(?:{_PLURAL_ROLES}){_SUFFIX}", re.I)),
    ("person", re.compile(rf"(?:{_PERSON_ROLES}){_SUFFIX}", re.I)),
    ("address", re.compile(r"(?:woon)?adres(?:\s*\d{1,2}| verdachte)?|locatie(?:\s*\d{1,2})?", re.I)),
    ("street", re.compile(r"[a-f]-(?:straat|weg)|straat(?:naam)?(?:\s*\d{1,2})?", re.I)),
    ("street_number", re.compile(r"[a-f]-(?:straat|weg)\s*\d{1,2}", re.I)),
    ("postcode", re.compile(r"postcode(?:\s*\d{1,2})?", re.I)),
    ("place", re.compile(r"(?:woonplaats|plaats|geboorteplaats|vestigingsplaats|plaatsnaam|gemeente)(?:\s*\d{1,2})?"
                         r"|woonplaats executeur", re.I)),
    ("birth_date", re.compile(r"geboortedatum", re.I)),
    ("licence_plate", re.compile(r"kenteken(?:\s*\d{1,2})?|AA-\d+-[AB]{2}", re.I)),
    ("phone", re.compile(r"telefoonn?ummer", re.I)),
    ("iban", re.compile(r"rekeningnummer", re.I)),
]

# Per ruling (ECLI with dots, as in the file name): placeholder label as written, without brackets -> kind, or
# None to leave it. Read from each ruling's contexts; the reasons are in README.md ("Placeholders").
# "alias:X" means the same person as "[X]".
PER_DOCUMENT: dict[str, dict[str, str | None]] = {
    "ECLI.NL.CRVB.2012.BY5954": {"C.": None, "M.S": "person", "P.S.": "person", "U.": "person", "P.": "person",
                                 "S.": "alias:M.S", "Z.": "person"},
    "ECLI.NL.GHAMS.2013.2283": {**{k: "person" for k in ("A", "B", "C", "D", "E", "F", "AA", "BB", "CC", "DD",
                                                          "EE", "FF", "E1", "F1")},
                                "Y": None, "Z": "place"},
    "ECLI.NL.RBARN.2006.AY6200": {"Z": "place", "P": "place", "A": "person", "B": "person", "D": "person",
                                  "E": "person"},
    "ECLI.NL.RBDHA.2013.15631": {"X": "person", "Z": "place", "A": "person", "B": "person", "C": "person"},
    "ECLI.NL.GHAMS.2014.3101": {"X": "person", "Z": "place", "A": "person"},
    "ECLI.NL.RBALK.2012.BW5018": {"X": "person", "Y": "person"},
    "ECLI.NL.RBSGR.2012.BX7912": {"X": "person"},
    "ECLI.NL.GHSHE.2015.1894": {"X.": "person"},
    # the claimants are two companies ("gezamenlijk ... [eiser] genoemd"); "[failliet]" is a search word
    "ECLI.NL.RBAMS.2009.BJ1595": {"persoon2": "person", "persoon1": "person", "persoon3": "person", "eiser": None,
                                  "failliet": None},
    "ECLI.NL.GHSGR.2006.AY3631": {"het kind": "alias:kind"},
    "ECLI.NL.HR.1995.AA3911": {"de ex-man": "alias:ex-man", "de dochter": "alias:dochter"},
    "ECLI.NL.GHARL.2014.365": {"X": "person", "geïntimeerden": None},
    # editorial insertions in a quotation ("door een [belanghebbende]"), not a party's name
    "ECLI.NL.PHR.1996.AA2061": {"belanghebbende": None, "persoon": None},
    "ECLI.NL.CBB.2000.AA8268": {"nummer": "licence_plate"},
    "ECLI.NL.CRVB.2014.2942": {"nummer": "iban"},
    # a ship, a building, a company name: not a person here
    "ECLI.NL.RBDHA.2014.8504": {"naam": None},
    "ECLI.NL.RBAMS.2012.BZ5426": {"naam": None},
    "ECLI.NL.GHSGR.2008.BC6074": {"naam": None, "Naam": None},
    "ECLI.NL.CBB.2000.AA6439": {"Naam": None},
    # "[verweerder] 2012" is a date in one sentence, the inspector's representative in another: left as written
    "ECLI.NL.RBZWB.2016.210": {"verweerder": None},
    # the parties are companies ("[…] B.V., gevestigd te ...", "hierna te noemen: [geïntimeerde]")
    "ECLI.NL.GHSGR.2011.BQ6680": {"geïntimeerde": None},
    "ECLI.NL.GHAMS.2011.1684": {"geïntimeerde": None, "GEÏNTIMEERDE": None},
}

_COMPANY_AFTER = re.compile(r"\]\s*(?:,\s*)?(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|Holdings?|S\.A\.|GmbH|gevestigd"
                            r"|waarvan de (?:maten|vennoten))\b")
_BIRTH_CUE = re.compile(r"geboren\b[^.\n]{0,40}$", re.I)


def classify(ecli: str, label: str, text: str, start: int) -> str | None:
    """The kind of the placeholder ``[label]`` at ``start`` in ``text``, or None to leave it unfilled."""
    label = label.strip()
    overrides = PER_DOCUMENT.get(ecli, {})
    if label in overrides:
        kind = overrides[label]
        if kind is not None and kind.startswith("alias:"):
            return classify(ecli, kind.removeprefix("alias:"), text, start)
        return kind
    if re.fullmatch(r"datum", label, re.I):
        return "birth_date" if _BIRTH_CUE.search(text[max(0, start - 60):start]) else None
    for kind, pattern in _RULES:
        if pattern.fullmatch(label):
            return kind
    return None


def is_company(label: str, text: str) -> bool:
    """A role placeholder that names a company somewhere in the ruling ("[appellante sub 2], gevestigd te")."""
    return any(_COMPANY_AFTER.match(text, m.end() - 1) for m in PLACEHOLDER.finditer(text)
               if m.group(1).strip().lower() == label.strip().lower())


def person_key(label: str, ecli: str = "") -> str:
    """Labels that name the same person: case and spacing differ ("[Gefailleerde]", "[gefailleerde]"), or the
    ruling uses a short form ("[M.S] ([S.])")."""
    alias = PER_DOCUMENT.get(ecli, {}).get(label.strip())
    if alias and alias.startswith("alias:"):
        label = alias.removeprefix("alias:")
    return re.sub(r"\s+", " ", label.strip().lower()).replace("geintimeerde", "geïntimeerde")


def female_hint(label: str) -> bool | None:
    low = label.lower()
    if re.search(r"appellante|eiseres|verzoekster|verweerster|aangeefster|vrouw|moeder|dochter", low):
        return True
    if re.search(r"appellant\b|appellant |eiser\b|verzoeker|de man|ex-man|vader|zoon|broer", low):
        return False
    return None
