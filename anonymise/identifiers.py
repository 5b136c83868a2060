"""Recognisers for identifiers: BSN, IBAN, phone numbers, e-mail, postcodes, street addresses, policy numbers
and dates of birth. Pure regular expressions plus checksums, so they are cheap on 40k-character rulings.

Why checksums: a nine-digit number is far more often a case number or an amount than a BSN; the 11-proef keeps
bare numbers that cannot be a BSN, while a number explicitly labelled "BSN" is replaced whatever its checksum
(fail safe: a typo in a real BSN is still a BSN).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from anonymise import scan
from anonymise.mentions import Mention

if TYPE_CHECKING:
    from anonymise.lexicon import Lexicon

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DATE = r"(?:\d{1,2}[\-/.]\d{1,2}[\-/.](?P<y1>\d{4})|\d{1,2}\s+(?i:" + MONTHS + r")\s+(?P<y2>\d{4}))"


def _day_words() -> str:
    """Days 1-31 written out, cardinal and ordinal ("twaalf", "twaalfde", "eenentwintigste"): longest first."""
    units = ["een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
    teens = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
             "negentien"]
    cardinals = units + teens + ["twintig", "dertig"]
    cardinals += [u + ("ën" if u.endswith("e") else "en") + "twintig" for u in units[:1] + units[2:]]
    cardinals += ["eenendertig", "éénendertig"]
    ordinal = {"een": "eerste", "één": "eerste", "twee": "tweede", "drie": "derde", "acht": "achtste"}
    ordinals = [ordinal.get(c, c + ("ste" if c.endswith(("tig", "ig")) else "de")) for c in units + teens]
    ordinals += [c + "ste" for c in cardinals if c.endswith("tig")]
    return "|".join(sorted(set(cardinals + ordinals), key=len, reverse=True))


# A birth date written in words ("twaalf maart 1980", "de eerste mei negentienhonderdtachtig"): only read where a
# birth cue stands, the year kept like any birth date's.
_UNITS = r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
_TENS = r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
_BELOW_100 = (r"(?:(?:" + _UNITS + r"[eë]n)?" + _TENS + r"|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|"
              r"achttien|negentien|" + _UNITS + ")")
# "negentienhonderdtachtig", "negentienhonderd tachtig", "tweeduizend en vijf": only number words after the hundreds.
_YEAR_WORDS = (r"(?:(?:negentien|achttien)[ \-]?honderd|tweeduizend)(?:[ \-]?(?:en[ \-]?)?" + _BELOW_100 + r")?")
WORD_DATE = (r"(?:de\s+)?(?:\d{1,2}|(?i:" + _day_words() + r"))\s+(?i:" + MONTHS + r")\s+"
             r"(?P<y3>\d{4}|(?i:" + _YEAR_WORDS + r"))\b")


def bsn_valid(digits: str) -> bool:
    """Dutch 11-proef for a BSN: sum(d_i * (9 - i)) for the first eight digits minus the last is divisible by 11."""
    d = re.sub(r"\D", "", digits)
    if len(d) == 8:
        d = "0" + d
    if len(d) != 9 or d == "000000000":
        return False
    total = sum(int(c) * w for c, w in zip(d[:8], range(9, 1, -1), strict=True)) - int(d[8])
    return total % 11 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97 check."""
    s = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s):
        return False
    if s.startswith("NL") and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", s):
        return False
    num = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(num) % 97 == 1


_BSN_LABEL = re.compile(r"(?i:\b(?:bsn(?:-nummer)?|burgerservicenummer|sofi-?nummer)\b)(?:\s*\((?i:bsn)\))?"
                        r"[\s:.\-]*(?:(?:is|was|luidt|nr\.?|nummer)\s*:?\s*)?$")
_BSN = re.compile(r"(?<![\d.,\-/])(\d{9}|(?P<eight>\d{8})|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3}|"
                  r"\d{2}[ .]\d{3}[ .]\d{2}[ .]\d{2}|\d{3}[ .]\d{2}[ .]\d{2}[ .]\d{2})(?![\d\-/]|[.,]\d)")
_DIGITS = re.compile(r"\d{2,}")
_NOT_BSN_CONTEXT = re.compile(r"(?i)(zaak|dossier|registratie|kenmerk|factuur|nota|polis)nummer\s*:?\s*$|€\s*$|ecli")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_IBAN_LABEL = re.compile(r"(?i:\b(?:iban|rekeningnummer|bankrekening(?:nummer)?)\b)[\s:.]*$")
_PHONE = re.compile(
    r"(?<![\w+€.,/])(?:"
    r"0[89]00[ \-]?\d(?:[ \-]?\d){3,6}"  # 0800-1234567 service numbers (kept)
    r"|(?:\+|00)\s?31[ \-]?(?:\(0\)[ \-]?)?[1-9](?:[ \-]{0,3}\d){8}"  # +31 6 12345678
    r"|\(0\d{1,3}\)[ \-]?\d(?:[ \-]?\d){5,7}"  # (010) 123 45 67, (06) 12345678
    r"|0[1-9](?:[ \-]{0,3}\d){8}"  # 06-12345678, 010 - 123 45 67
    # 06/12345678, 06 – 12345678 (ten digits: checked below); only mobile numbers, a landline written so is as
    # often an office's ("telefoonnummer 071 – 751 00 51" in an insurer's conditions)
    r"|06[ ]?[/–][ ]?\d(?:[ \-]?\d){7}"
    r"|06\.\d{8}|0[1-9](?:\.\d\d){4}"  # 06.12345678, 06.12.34.56.78
    r"|\+(?!31)\d{2,3}(?:[ \-]?\d){7,11}"  # +66 81 234 5678
    r"|00[ \-]?(?!31)[1-9]\d{0,2}(?:[ \-]?\d){7,11}"  # 00 32 470 12 34 56, 0049 151 12345678
    r")(?![\d\-])"
)
# Case and parquet numbers look like phone numbers ("05-243530-14", "13/123456-19"): read them first.
_CASE_NUMBER = re.compile(r"^\d{2}[/\-]\d{6}[/\-]\d{2}$|^\d{2}[/\-]\d{3,6}$")
_CASE_CUE = re.compile(r"(?i)(?:\b(?:parket|zaak|rol|dossier|registratie|kenmerk|procedure)(?:nummers?|nrs?\.?)?|"
                       r"\b(?:ecli|nrs?|no)\.?)\s*[:.]?\s*(?:\d[\d/\-. ]*\s*(?:,|en)\s*)*$")
# Dutch licence plates (sidecodes 4-14): three groups of letters or digits, six characters, both kinds present.
_PLATE = re.compile(r"(?<![\w\-/])(?=[A-Z\d\-]{8}(?![\w\-/]))(?=[^\s]*[A-Z])(?=[^\s]*\d)"
                    r"(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})(?![\w\-/])")
# "tel.nr.", "mobiel nr.", "telefoonnr." label a phone number even though "nr." alone reads as a case number cue.
_PHONE_CUE = re.compile(r"(?i)\b(?:tel|telefoon|mobiel|mobiele|gsm|fax)\w{0,8}\.?\s*(?:nr|nummer)s?\.?\s*:?\s*"
                        r"(?:\d[\d ./\-]*\s*(?:,|en|of)\s*)*$")
# A phone number the cue names although it has no area code ("telefoonnummer 12345678", "mobiel: 87 65 43 21"),
# or whose kept prefix is written apart ("tel. 06-[nummer]" filled as "tel.06-12345678"): seven to ten digits.
_CUED_PHONE = re.compile(r"(?i:\b(?:tel|telefoon|telefoonnummer|telefoonnr|mobiel|mobiele(?:\s+telefoon)?|"
                         r"mobiele?\s*nummer|gsm|whatsapp|fax)s?\.?\s*(?:-?\s*(?:nr|nummer)s?\.?)?\s*"
                         r"(?:\((?:privé|werk|mobiel|thuis)\)\s*)?(?:is|was|luidt|:)?\s*:?\s*)"
                         r"(?P<num>(?:\+31\s?|0\d{1,3}[\s\-]{0,3})?\d(?:[ \-.]?\d){6,9})(?![\d\-/]|[.,]\d)")
# Hyphen look-alikes (U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash) read as "-", same length.
_DASH_CHARS = ("\u2010", "\u2011", "\u2012")
_DASHES = str.maketrans(dict.fromkeys(_DASH_CHARS, "-"))
_PLACEHOLDER_PLATE = re.compile(r"([A-Z0-9])\1*-([A-Z0-9])\2*-([A-Z0-9])\3*")
_SERVICE_PHONE = re.compile(r"^0(?:800|900|88)")
# Bounded repetitions everywhere: an unbounded "[\w-]+" before a literal is quadratic on a 40k-char token.
_EMAIL = re.compile(r"\b[\w.%+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,4}\.[A-Za-z]{2,24}\b")
_ROLE_MAILBOX = re.compile(r"(?i)^(?:info|klachten|klantenservice|secretariaat|post|contact|service|"
                           r"servicedesk|zorgadvies|declaraties|privacy|fg)@")
_POSTCODE = re.compile(r"(?<![\w\-])([1-9]\d{3}) ?(?!SA|SD|SS)([A-Z]{2})"
                       r"(?=\s+[A-Z'][\w'\-]+|\s*[,)]|\s*$|\s+(?:in|te)\s+[A-Z])", re.M)
STREET_SUFFIX = (r"straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|steeg|dreef|park|markt|baan|veld|wal|"
                 r"burgwal|erf|ring|allee|boulevard|hoven|straatweg|dam|haven|kamp|kwartier|oord|plantsoen|vaart")
_STREET = re.compile(
    r"\b((?:[A-Z][\w'\-]{0,30}[ \t]){0,2}[A-Z][\w'\-]{0,30}?(?:" + STREET_SUFFIX + r"))[ \t]+(\d{1,5}(?:[ \t]?"
    r"[a-zA-Z]\b|[\- \t]?"
    r"(?:bis|hs|huis|boven|[\-/]\d{1,3})\b)?)"
    r"(?!\d|\s+(?i:" + MONTHS + r")\b)"  # "Hof Amsterdam 13 juni 1990" is a court citation, not an address
)
# A street without a suffix ("Lange Voorhout 9", "Achter de Dom 195", "op de Brink 12"): a capitalised name with
# a house number, taken when deduce's street list knows the name and it is no lone Dutch word, or when a cue
# ("aan de", "wonende aan", "adres") says it is a street.
_STREET_PLAIN = re.compile(
    r"(?P<street>[A-Z][a-zà-ÿ'’][\w'’\-]{0,30}(?:\s(?:(?:de|der|den|het|van|op|aan|bij|in|'t|te)\s){0,2}"
    r"[A-Z][a-zà-ÿ'’][\w'’\-]{0,30}){0,3})[ \t](?P<no>(?!1[89]\d\d\b|20\d\d\b)\d{1,4}"  # a year is no house number
    r"(?:\s?[a-zA-Z]\b|-\d{1,3}\b|\s?bis\b)?)(?!\d|[.,:/\-]\d|\s*%|\s*(?i:" + MONTHS + r")\b)"
)
_ARTICLE_PREP = r"(?:aan|op|in|bij|naar|via|over|langs|van|weten|uit|vanuit|vanaf|richting|nabij|tegenover|door)"
_STREET_CUE = re.compile(r"(?i)(?:\b(?:" + _ARTICLE_PREP + r"(?:/" + _ARTICLE_PREP + r")?\s+)?(?:de|het)|\bbij|\bflat|"
                         r"\b(?:wonende|woonachtig|verblijvende|verblijvend|woont|wonen|woonde|verhuisd|verhuisde|"
                         r"ingeschreven|inschrijvingsadres|gevestigd|locatie)(?:\s+(?:aan|te|op|naar|in))?|"
                         r"\badres|\bgelegen\s+aan|\bperceel|\bpand|\bwoning)\s*:?\s*$")
# A capitalised street word, then the group of a further word (an inner particle allowed: "Achter de Dom"), to be
# repeated: ``_STREET_WORDS + "{0,2}"``.
_STREET_WORDS = r"[A-Z][\w'’\-]{1,30}(?:\s(?:(?:de|der|den|het|'t)\s)?[A-Z][\w'’\-]{1,30})"
# The first name (or title) and particle of the person a street is named after, right before the street word.
_NAMED_AFTER = re.compile(r"(?<![\w\-])(?:[A-Z][\w'\-]+[ \t]+){1,2}(?:van|de|der|den|ter|ten)(?:[ \t]+(?:der|den|de))?"
                          r"[ \t]+$")
# A street named alone ("op de Beukenlaan te Meppel"): a listed street with a suffix after a preposition and an
# article ("mr. F.P. de Oosterbaan" is a person).
_STREET_NAME = re.compile(r"(?:(?:\b(?:[Aa]an|[Oo]p|[Ii]n|[Bb]ij|[Nn]aar|en|of|[Vv]ia|[Oo]ver|[Ll]angs|[Vv]anaf|"
                          r"[Rr]ichting|[Dd]oor|[Uu]it|[Tt]er\s+hoogte\s+van|[a-z]{3,})\s+|[,(]\s*)"
                          r"(?:de|het)(?:/(?:de|het))?\s+|"
                          r"\b(?:[Aa]dres|[Ll]ocatie|[Pp]leeglocatie|[Pp]laats\s+delict|[Ss]traat(?:naam)?)\s*:?\s*|"
                          r"(?P<bare>\b(?:[Aa]an|[Oo]p|[Bb]ij|[Vv]anaf|[Nn]aar|[Ii]n|[Vv]ia|[Ll]angs|[Uu]it|[Nn]abij|[Rr]ichting|"
                          r"[Tt]egenover|[Nn]aast|[Oo]ver|[Vv]oor)\s+)|"
                          r":[ \t]*)"
                          r"(?P<street>" + _STREET_WORDS + "{0,2})")
# "aan de Achter de Dom", "op de Over de Vesting": a street named by a preposition and an article, capitalised.
_PREP_STREET = re.compile(r"(?:Achter|Voor|Op|Aan|Over|Bij|Onder|Naast|Tussen|Binnen|Buiten|Langs|In|Om|Tegen)\s"
                          r"(?:de|het|den|der|'t)\s[A-Z][\w'’\-]{1,30}$")
# A table column of street names: "Adres", "Straat", "Locatie", "Pleeglocatie", "Plaats delict".
_STREET_HEADER = re.compile(r"(?i)^(?:adres|straat(?:naam)?|locatie|pleeglocatie|plaats\s+delict)\s*:?$")
_STREET_CELL = re.compile(_STREET_WORDS + r"{0,2}(?:\s\d{1,4}(?:\s?[a-zA-Z]\b|-\d{1,3})?)?")
_AFTER_ADDRESS = re.compile(r"\d{1,4}\s?[a-zA-Z]?\s*(?:,|en|of|en/of)\s*$")
_LEADING_PREP = re.compile(r"(?i:" + _ARTICLE_PREP + r")\s+(?:de|het)\s+(?=[A-Z])")
_PREPOSITION = re.compile(r"\b(?:aan|op|naar|in|uit|bij|vanaf|via|gevestigd)\s+$")
_POSTCODE_AFTER = re.compile(r"\s*,?\s*[1-9]\d{3}\s?[A-Z]{2}\b")
# A label line naming an address or a place of events: "Adres:", "woon/verblijfplaats:", "Plaats van het delict :".
_ADDRESS_LABEL = re.compile(r"(?im)(?:^|[;(])[ \t]*[^\n:;()]{0,40}?(?:adres|locatie|plaats|straat|woonplaats|"
                            r"verblijfplaats|pleegplaats)[^\n:;()]{0,30}?[ \t]*:[ \t]*$")
_ANY_PREPOSITION = re.compile(r"(?<![\w\-])(?:aan|op|naar|in|uit|bij|vanaf|via|voor|van|tot|richting|nabij|tegenover|"
                              r"achter|naast|langs|over|onder|tussen|met)\s+$")
_NUMBER_ADDITION = re.compile(r"\d{1,4}(?:\s?[a-zA-Z]|\s?bis)")  # 12a, 185B (not "1-4", a range)
_PLACE_AFTER = re.compile(r"\s*,?\s+(?:te|in)\s+[A-Z][a-z]")
_STRONG_SUFFIX = re.compile(r"[a-z](?:straat|laan|gracht|steeg|singel|dreef|kade|dijk|weg|plein)$")
# The place of publication right before a publisher ("Deventer: ", "Frankfurt am Main: ", "Cambridge MA: ").
_PUBLISHED_AT = re.compile(r"\b[A-Z][a-z]+(?:\s(?:am|an|aan|upon|on|de)\s[A-Z][a-z]+|\s[A-Z][a-z]+)?"
                           r"(?:\s[A-Z]{2})?:\s?$")
_SUFFIX_END = re.compile(r"(?:" + STREET_SUFFIX + r")$")
_ADDRESS_KEEP_CONTEXT = re.compile(r"(?i)postbus|antwoordnummer")
_POLICY = re.compile(
    r"(?i:\b(?:polisnummer|relatienummer|klantnummer|lidmaatschapsnummer|verzekerdennummer|cliëntnummer|"
    r"clientnummer|patiëntnummer|patientnummer|agb-code|registratienummer verzekerde|debiteurnummer|"
    r"verzekeringsnummer|uzovi-nummer verzekerde)\b)(?:\s+[a-zë]+){0,3}?(?:\s*(?:is|was|luidt|:|nr\.?))*\s*"
    r"(?P<num>[A-Z]{0,4}[\-.]?\d[\dA-Z.\-/]{2,}[\dA-Z])"
)
# A day and month without the year, read only after a birth cue ("geboren op 14 maart te Assen", "Geboortedatum:
# 14 maart"): the court kept the year apart or left it out.
DAY_MONTH = r"\d{1,2}\s+(?i:" + MONTHS + r")(?![\w])"
_BIRTH_PLACE = r"(?:['’]s[\-\s])?[A-Z][\w'’\-]{1,30}(?:\s+[A-Za-z][\w'’\-]{1,30}){0,2}"  # "Bergen op Zoom"
_BIRTH_AFTER = re.compile(
    r"(?:op\s+)?(?P<date>" + DATE + "|" + WORD_DATE + "|" + DAY_MONTH + ")"
    r"(?=\s+(?:(?:te|in)\s+" + _BIRTH_PLACE + r"\s+)?(?:is\s+|werd\s+)?geboren\b)"  # "op 3 mei 1980 te Assen geboren"
)
_BIRTH = re.compile(
    r"(?i:\b(?:geboren|geboortedatum|geboortedag|geb\.(?:\s*datum)?)\s*:?\s*)"
    r"(?:(?:te|in)\s+" + _BIRTH_PLACE +  # "geboren te Meppel op 17 mei 1988", "geboren in Marokko op"
    r"(?:\s*\([^()\n]{1,40}\))?\s*,?\s+)?"  # "geboren te Assen (Polen) op 3 mei 1988"
    r"(?:op\s*:?\s*)?(?P<date>" + DATE + "|" + WORD_DATE + "|" + DAY_MONTH + ")"
)
# A line of its own "4 juni 1992 te Deventer" under a name (police reports, headings): a date and place of birth.
_NAME_LINE = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w'’.\-]*(?:[ \t]+(?:[A-Z][\w'’.\-]*|[a-z]{1,3}|'t)){0,5}[ \t]*,?[ \t]*"
                        r"\n[ \t]*$")
_BIRTH_LINE = re.compile(r"(?m)^[ \t]*(?P<date>" + DATE + r")\s+te\s+[A-Z]")


_GEBOREN = re.compile(r"\bgeboren\b")
# A table with a "Geboortedatum" column: the header names the column, the rows below carry the dates.
_CELL_SPLIT = re.compile(r"\t|\s{2,}|\s*\|\s*")
_BIRTH_HEADER = re.compile(r"(?i)^(?:geboortedatum|geb\.?\s*datum|geboren(?:\s+op)?|datum\s+van\s+geboorte)\s*:?$")
_DATE_CELL = re.compile(r"(?P<date>" + DATE + r")")


def _birth_before_cue(text: str) -> list[re.Match[str]]:
    """"op 3 februari 1958 geboren": searched only in the stretch before each "geboren" (the written-out days make
    the pattern ten times slower when tried at every position of a 40k-character ruling)."""
    found: dict[int, re.Match[str]] = {}
    for cue in scan.finditer(_GEBOREN, text):
        for m in _BIRTH_AFTER.finditer(text, max(0, cue.start() - 90), cue.end()):
            found.setdefault(m.start("date"), m)
    return list(found.values())


_PHONE_HEADER = re.compile(r"(?i)^(?:tel(?:efoon)?(?:nummer|nr)?s?\.?|mobiel(?:e?\s*nummer)?|gsm(?:-?nummer)?)\s*:?$")
# A header word on a line of several cells: only then is a column looked for (_has_header).
_CELLS_LINE = re.compile(r"[^\n]*(?:\t|\S[ ]{2,}\S|\|)")
_BIRTH_HINT = re.compile(r"(?i)\b(?:geboortedatum|geb\.?\s*datum|geboren|datum\s+van\s+geboorte)")
_PHONE_HINT = re.compile(r"(?i)\b(?:tel|telefoon|mobiel|gsm)")
_STREET_HINT = re.compile(r"(?i)\b(?:adres|straat|locatie|pleeglocatie|plaats\s+delict)")
_PHONE_CELL = re.compile(r"(?:\+31\s?|0\d{1,3}[\s\-]{0,3})?\d(?:[ \-.]?\d){6,9}")


def _has_header(text: str, hint: re.Pattern[str]) -> bool:
    """A header word on a line of several cells: the words are found first (from their keys), then their line is
    read."""
    return any(_CELLS_LINE.match(text, text.rfind("\n", 0, w.start()) + 1) for w in scan.overlapping(hint, text))


def _column_cells(text: str, header: re.Pattern[str], cell: re.Pattern[str],
                  hint: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of the cells under a table column whose header ``header`` matches ("Geboortedatum", "Telefoon"),
    where the cell's text matches ``cell``: rows below the header line with as many cells, up to a blank line.
    ``hint`` finds a header word; a text without one on a line of cells has no such column (the cheap check comes
    first)."""
    out: list[tuple[int, int]] = []
    if not _has_header(text, hint):
        return out
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for i, line in enumerate(lines):
        if not _CELL_SPLIT.search(line.strip()):
            continue
        cells = _CELL_SPLIT.split(line.strip())
        cols = [k for k, c in enumerate(cells) if header.match(c)]
        if not cols:
            continue
        for j in range(i + 1, min(i + 200, len(lines))):
            row = lines[j]
            if not row.strip():
                break
            lead = len(row) - len(row.lstrip())
            parts = [(p.start(), p.end()) for p in re.finditer(r"(?:(?!\t|\s{2,}|\s*\|\s*).)+", row.strip())]
            if len(parts) != len(cells):
                continue
            for k in cols:
                a, b = parts[k]
                raw = row.strip()[a:b]
                if cell.fullmatch(raw.strip()):
                    start = offsets[j] + lead + a + (len(raw) - len(raw.lstrip()))
                    out.append((start, start + len(raw.strip())))
    return out


def _birth_columns(text: str) -> list[Mention]:
    out: list[Mention] = []
    for b, e in _column_cells(text, _BIRTH_HEADER, _DATE_CELL, _BIRTH_HINT):
        dm = _DATE_CELL.fullmatch(text[b:e])
        assert dm is not None
        year = dm.group("y1") or dm.group("y2")
        out.append(Mention(b, e, "BIRTH_DATE", "rule:birth-date", role="identifier",
                           replacement=f"[geboortedatum] {year}"))
    return out


def find_identifiers(text: str) -> list[Mention]:
    """Every identifier in ``text``. Overlaps are resolved later by the policy (identifiers win)."""
    out: list[Mention] = []
    for m in scan.finditer(_IBAN, text):
        compact = m.group(0)
        labelled = bool(_IBAN_LABEL.search(text[max(0, m.start() - 30): m.start()]))
        if iban_valid(compact) or (labelled and len(re.sub(r"\s", "", compact)) >= 15):
            out.append(Mention(m.start(), m.end(), "IBAN", "rule:iban", role="identifier"))
    for m in scan.finditer(_POLICY, text):
        out.append(Mention(m.start("num"), m.end("num"), "POLICY_NUMBER", "rule:policy", role="identifier"))
    # A number opens a run of two or more digits (no digit before it): it is matched only there.
    for m in scan.matches_from(_BSN, text, (d.start() for d in _DIGITS.finditer(text))):
        before = text[max(0, m.start() - 40): m.start()]
        labelled = bool(_BSN_LABEL.search(before))
        # A bare eight-digit number is far more often a policy or invoice number: only when labelled.
        bare_ok = not m.group("eight") and bsn_valid(m.group(0)) and not _NOT_BSN_CONTEXT.search(before)
        if labelled or bare_ok:
            out.append(Mention(m.start(), m.end(), "BSN", "rule:bsn", role="identifier"))
    for m in scan.finditer(_EMAIL, text):
        kept = bool(_ROLE_MAILBOX.match(m.group(0)))
        out.append(Mention(m.start(), m.end(), "EMAIL", "rule:email", role="organisation" if kept else "identifier",
                           action="kept" if kept else None))
    phone_text = text.translate(_DASHES) if any(d in text for d in _DASH_CHARS) else text
    phones = list(_PHONE.finditer(phone_text))
    for m in phones:
        before = phone_text[max(0, m.start() - 40):m.start()]
        if _CASE_NUMBER.match(m.group(0)) or (_CASE_CUE.search(before) and not _PHONE_CUE.search(before)):
            continue
        digits = re.sub(r"\D", "", m.group(0))
        if re.search(r"[/–.]", m.group(0)) and m.group(0)[0] == "0" and len(digits) != 10:
            continue  # "06/12345678" has ten digits; a date or a ratio with a slash does not
        kept = bool(_SERVICE_PHONE.match(digits))
        out.append(Mention(m.start(), m.end(), "PHONE", "rule:phone", role="organisation" if kept else "identifier",
                           action="kept" if kept else None))
    out += _cued_phones(phone_text, [(m.start(), m.end()) for m in phones])
    for m in scan.finditer(_PLATE, text):
        if _PLACEHOLDER_PLATE.fullmatch(m.group(0)):
            continue  # "AA-11-AA": the court's own stand-in for a plate
        out.append(Mention(m.start(), m.end(), "LICENCE_PLATE", "rule:plate", role="identifier"))
    # A "date te Place" line is a birth date only under a line that is a name (capitalised words, no digits).
    lines = [m for m in scan.finditer(_BIRTH_LINE, text) if _NAME_LINE.search(text[max(0, m.start() - 80):m.start()])]
    for m in [*scan.finditer(_BIRTH, text), *_birth_before_cue(text), *lines]:
        # rechtspraak.nl style: the year stays because age can matter to the decision.
        year = m.group("y1") or m.group("y2") or m.groupdict().get("y3")
        out.append(Mention(m.start("date"), m.end("date"), "BIRTH_DATE", "rule:birth-date", role="identifier",
                           replacement=f"[geboortedatum] {year}" if year else "[geboortedatum]"))
    out += _birth_columns(text)
    from anonymise.lexicon import get_lexicon

    lex = get_lexicon()
    for m in scan.finditer(_STREET, text):
        last = m.group(1).split()[-1]
        if last.lower() in lex.dutch and not _listed_street(m.group(1), lex) and not _listed_street(last, lex) and \
                not _address_context(text, m.start(), m.end(), m.group(2)):
            continue  # "Aanvullende Verzekering 2020", "De Uitvoering 2": an ordinary word, no street
        if _PUBLISHED_AT.search(text, max(0, m.start() - 40), m.start()) and re.fullmatch(r"(?:1[5-9]|20)\d\d",
                                                                                          m.group(2).strip()):
            continue  # "Frankfurt am Main: Suhrkamp 1992": a publisher and the year of a book, no street
        kept = _org_address(text, m.start())
        out.append(Mention(m.start(), m.end(), "ADDRESS", "rule:address", role="organisation" if kept else "identifier",
                           action="kept" if kept else None))
    for m in scan.finditer(_FOREIGN_STREET, text):
        out.append(Mention(m.start(), m.end(), "ADDRESS", "rule:address-foreign", role="identifier"))
    out += _plain_streets(text)
    out += _coordinated_streets(text, [m for m in out if m.label == "ADDRESS" and m.action is None])
    for m in scan.finditer(_POSTCODE, text):
        if re.match(r"(?:19|20)\d\d$", m.group(1)) and re.match(r"\s+[A-Z]{3,}\b", text[m.end():m.end() + 12]):
            continue  # "Vennootschapsbelasting 1982 DE STAATSSECRETARIS": a year in a capitals heading
        kept = _org_address(text, m.start())
        out.append(Mention(m.start(), m.end(), "POSTCODE", "rule:postcode",
                           role="organisation" if kept else "identifier", action="kept" if kept else None))
    return out


# A foreign street address: a street-type word of a neighbouring or holiday country before the name ("Rue de la Loi
# 16", "Calle Mayor 12", "Via Roma 3") or a German one glued after it ("Hauptstraße 5", "Lindenallee 3a"), with a
# house number, and the foreign postcode and place when they follow ("1000 Brussel", "40210 Düsseldorf").
_FOREIGN_STREET = re.compile(
    r"(?:\b(?:Rue|Avenue|Boulevard|Chaussée|Place|Chemin|Quai|Allée|Impasse|Calle|Avenida|Avinguda|Carrer|Paseo|"
    r"Passeig|Plaza|Plaça|Camino|Urbanización|Via|Viale|Piazza|Corso|Rua|Travessa|Largo)"
    r"(?:\s+(?:de|du|des|la|le|les|l'|d'|del|de\s+la|da|do|dos|das|della|di|San|Santa|Sant)){0,2}"
    r"(?:\s+[A-ZÀÁÂÄÇÈÉÊËÍÎÏÑÓÔÖÚÛÜ][\w'’\-]*){1,4}"
    r"|\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|gasse|allee|platz|damm|ufer|chaussee))"
    r",?\s+\d{1,4}(?:\s?[a-zA-Z]\b|[\-/]\d{1,4})?"
    r"(?:,?\s+(?:[A-Z]-)?\d{4,5}(?!\s?[A-Z]{2}\b)\s+[A-ZÀ-Ý][\w'’\-]+(?:[ \-][A-ZÀ-Ý][\w'’\-]+){0,2})?")


def _cued_phones(text: str, found: list[tuple[int, int]]) -> list[Mention]:
    """Numbers a phone cue names, where the phone pattern found none: a subscriber number without its area code,
    a number glued to its cue ("tel.0612345678"), and the cells of a "Telefoon(nummer)" column. A service number
    (0800/0900/088) stays kept; a date, amount or case number has no phone cue before it."""
    out: list[Mention] = []
    spans = list(found)
    cued = [(m.start("num"), m.end("num")) for m in scan.finditer(_CUED_PHONE, text)]
    cued += _column_cells(text, _PHONE_HEADER, _PHONE_CELL, _PHONE_HINT)
    for b, e in cued:
        if any(b < fe and fs < e for fs, fe in spans):
            continue
        digits = re.sub(r"\D", "", text[b:e])
        if not 7 <= len(digits) <= 11 or _SERVICE_PHONE.match(digits) or _DATE_CELL.fullmatch(text[b:e]):
            continue
        spans.append((b, e))
        out.append(Mention(b, e, "PHONE", "rule:phone-cue", role="identifier"))
    return out


def _plain_streets(text: str) -> list[Mention]:
    from anonymise.lexicon import get_lexicon

    lex = get_lexicon()
    out: list[Mention] = []
    for m in scan.finditer(_STREET_PLAIN, text):
        street = m.group("street")
        start = m.start()
        lead = _LEADING_PREP.match(street)  # "Uit de Wal 222" opening a sentence: the street is "Wal"
        if lead:
            street, start = street[lead.end():], start + lead.end()
        words = street.split()
        cue = bool(_STREET_CUE.search(text[max(0, start - 30):start]))
        # A listed one-word street that is also a Dutch word ("Markt", "Dorpsstraatje") needs a cue or must open a
        # line, a parenthesis or a comma-separated address part.
        opens = bool(re.search(r"[,(]\s*$", text[max(0, start - 3):start])) or (
            bool(re.search(r"(?:^|\n)[ \t]*$", text[max(0, start - 3):start])) and
            bool(re.match(r"[ \t]*(?:\n|,|$)", text[m.end():m.end() + 3])))  # an address line of its own
        # "aan de Hooigracht 121 en Wal 150a": a house number, then "en" or a comma, then the next listed street.
        opens = opens or bool(_AFTER_ADDRESS.search(text[max(0, start - 20):start]))
        listed = street in lex.streets and (len(words) > 1 or street.lower() not in lex.dutch or opens or
                                            bool(_PREPOSITION.search(text[max(0, start - 6):start])) or
                                            _address_context(text, start, m.end(), m.group("no")))
        article_only = cue and re.search(r"(?i)\b(?:de|het)\s*$", text[max(0, start - 8):start]) \
            and not re.search(r"(?i)\b" + _ARTICLE_PREP + r"\s+(?:de|het)\s*$",
                              text[max(0, start - 16):start])
        # "uit de Achter de Dom 140a", "Achter de Dom 103 te Harderwijk": an unlisted name of several words with a
        # house number that has an addition or a place after it is an address.
        strong = len(words) > 1 and (bool(_NUMBER_ADDITION.fullmatch(m.group("no"))) or
                                     bool(_PREP_STREET.match(street)) or bool(_PLACE_AFTER.match(text, m.end())))
        cue = cue or strong
        if (article_only and not strong or len(words) == 1 and street.lower() in lex.dutch) and \
                street not in lex.streets:
            continue  # "in de Zaak 12": a lone ordinary word counts only as a listed street
        if not (listed or cue) or any(w.lower() in lex.legal_terms for w in words) or (
                _SUFFIX_END.search(street) and street not in lex.streets):
            continue
        kept = _org_address(text, start)
        out.append(Mention(start, m.end(), "ADDRESS", "rule:address-list", role="organisation" if kept else
                           "identifier", action="kept" if kept else None))
    for m in scan.finditer(_STREET_NAME, text):
        whole = m.group("street")
        if _SURNAME_PARTICLE.search(text, max(0, m.start("street") - 60), m.start("street")):
            continue  # "getuige Anouk van de Wetering", "de heer van der Heide": a surname, not "van de <street>"
        # "Achter de Dom", or the part before an inner particle ("de Ganzenmarkt de Wit ..." is no street).
        inner = re.search(r"\s(?:de|der|den|het|'t)\s", whole)
        for street in (whole, whole[:inner.start()]) if inner else (whole,):
            # An unlisted name with a suffix only streets carry ("in de Bloemstraat", "aan de Zuiderkade") counts too.
            strong = bool(_STRONG_SUFFIX.search(street)) and street.split()[-1].lower() not in lex.dutch
            listed = _listed_street(street, lex) or bool(_PREP_STREET.match(street))
            if not (listed or strong):
                continue
            # A listed street without a suffix ("aan de Brink in Helmond") when a place follows it.
            placed = bool(_PLACE_AFTER.match(text, m.start("street") + len(street)))
            # Without an article ("op Brink in Utrecht") only a listed street with a place after it.
            bare_ok = placed and listed or not m.group("bare")
            placed = placed or bool(_ADDRESS_LABEL.search(text[max(0, m.start("street") - 60):m.start("street")]))
            if (listed or strong) and bare_ok and (_SUFFIX_END.search(street.lower()) or placed or " " in street) \
                    and street.lower() not in lex.legal_terms and not _written_lower(text, street):
                out.append(Mention(m.start("street"), m.start("street") + len(street), "ADDRESS", "rule:street-name",
                                   role="identifier"))
                break
    # A listed street of two or more words with a place after it, no preposition needed ("de woning Lange Voorhout
    # te Den Haag"); not after a title, honorific or initial (a person named like a street: "mr. Jan Steen te X").
    for m in scan.finditer(_PLACED_STREET, text):
        street = m.group("street")
        # A known first name opening it is a person's name ("Anne Frank te Amsterdam" is read as the person).
        if _listed_street(street, lex) and not _PERSON_BEFORE.search(text[max(0, m.start() - 12):m.start()]) and \
                street.split()[0].lower() not in lex.first_names and \
                not any(w.lower() in lex.legal_terms for w in street.split()) and not _written_lower(text, street):
            out.append(Mention(m.start("street"), m.end("street"), "ADDRESS", "rule:street-placed", role="identifier"))
    # A listed one-word street with a street suffix ("Kerkstraat", "Zuidwal") inside a sentence, after a word in
    # lower case, a comma or a bracket: a proper noun with a street's ending there is the street.
    for m in scan.finditer(_LONE_STREET, text):
        street = m.group("street")
        low = street.lower()
        if _LONE_SUFFIX.search(street) and _listed_street(street, lex) and low not in lex.dutch and \
                low not in lex.legal_terms and not lex.is_name_word(street):  # "de heer Oosterhof" is a person
            # "de Rembrandt van Rijnstraat", "de Johan de Wittstraat": the person it is named after is part of it
            named = _NAMED_AFTER.search(text, max(0, m.start("street") - 40), m.start("street"))
            if named and any(w.lower() in lex.stop_words for w in named.group(0).split()[:-1]
                             if w.lower() not in lex.tussenvoegsels):
                named = None  # "Bij de Kerkstraat": a preposition and an article, not a name
            out.append(Mention(named.start() if named else m.start("street"), m.end("street"), "ADDRESS",
                               "rule:street-lone", role="identifier"))
    # A table written one cell a line ("Wal\nX\nX\nLange Nieuwstraat\nX"): a listed street alone on its line
    # with a mark cell ("X", "ja", a count) on the next line.
    for m in scan.finditer(_STREET_LINE, text):
        street = m.group("street")
        if _listed_street(street, lex) and not any(w.lower() in lex.legal_terms for w in street.split()):
            out.append(Mention(m.start("street"), m.end("street"), "ADDRESS", "rule:street-column", role="identifier"))
    for b, e in _column_cells(text, _STREET_HEADER, _STREET_CELL, _STREET_HINT):
        street = re.sub(r"\s\d.*$", "", text[b:e])
        if _listed_street(street, lex) and not any(w.lower() in lex.legal_terms for w in street.split()):
            out.append(Mention(b, e, "ADDRESS", "rule:street-column", role="identifier"))
    return out


# A name or a person's cue, then "van de(r)/van den/van het" right before the street: the particle of a surname.
_SURNAME_PARTICLE = re.compile(r"(?:\b[A-Z][a-zà-ÿ'’\-]+|\b[A-Z]\.|\b(?i:heer|mevrouw|mevr\.|dhr\.|mw\.))\s+"
                               r"van\s+(?:de|der|den|het|'t)\s+$")
_LONE_STREET = re.compile(r"(?<=[a-z,(])[ \n](?P<street>[A-Z][a-zà-ÿ'’\-]{3,40})(?![\w\-])")
_LONE_SUFFIX = re.compile(r"[a-z](?:straat|laan|gracht|steeg|singel|dreef|kade|dijk|weg|plein|markt|wal|hof|pad)$")
_PLACED_STREET = re.compile(r"(?<![\w\-.’'])(?P<street>" + _STREET_WORDS + r"{1,2})"
                            r"(?=\s*,?\s+(?:te|in)\s+[A-Z][a-z])")
_PERSON_BEFORE = re.compile(r"(?i:\b(?:mr|dr|drs|ir|prof|ing)\.?|\bheer|\bmevrouw|\bdhr\.|\bmw\.|[A-Z]\.)\s*$")
_STREET_LINE = re.compile(r"(?m)^[ \t]*(?P<street>" + _STREET_WORDS.replace(r"\s", "[ ]") + r"{0,2})[ \t]*\n"
                          r"(?=[ \t]*(?:[xXvV✓✔\-–]|ja|nee|\d{1,3})[ \t]*(?:\n|$))")


def _address_context(text: str, start: int, end: int, number: str) -> bool:
    """Evidence that a listed street which is also a Dutch word, with its house number, is an address: a postcode or
    place after it ("Markt 12B, 1234 AB Utrecht", "Brink 3 te Assen"), an address label before it ("woon/
    verblijfplaats: Markt 2"), or a numbered addition after a preposition ("de huur voor Markt 12B") or, for a
    letter addition, mid-sentence ("woont thans Wal 12B")."""
    if _POSTCODE_AFTER.match(text, end) or _PLACE_AFTER.match(text, end) or \
            _ADDRESS_LABEL.search(text[max(0, start - 60):start]):
        return True
    if not (_NUMBER_ADDITION.fullmatch(number) or re.fullmatch(r"\d{1,4}-\d{1,3}", number)):
        return False
    return bool(_ANY_PREPOSITION.search(text[max(0, start - 12):start])) or bool(
        re.fullmatch(r"\d{1,4}\s?[A-Za-z]", number) and re.search(r"[a-z,]\s+$", text[max(0, start - 3):start]))


def _written_lower(text: str, words: str) -> bool:
    """The ruling also writes these words with the first in lower case ("de nieuwe markt", "de oude Kerk"): a
    phrase, not a street's name (and replacing it would leave the other spelling for the leak check to find)."""
    parts = words.split()
    if len(parts) < 2:
        return False
    first = re.escape(parts[0].lower()) + r"\s+"
    rest = r"\s+".join(f"(?:{re.escape(w)}|{re.escape(w.lower())})" for w in parts[1:])
    return bool(re.search(r"(?<![\w\-])" + first + rest + r"(?![\w\-])", text))


def _listed_street(street: str, lex: Lexicon) -> bool:
    """In the street list, also with a capitalised first preposition ("Achter de Cattentoren" listed "achter de...")."""
    return street in lex.streets or street[:1].lower() + street[1:] in lex.streets


# "aan de Kalverstraat , de Steenweg en de Achter de Dom": a name coordinated with a street found is a street too.
_COORDINATED = re.compile(r"[ \t]*(?:,|en|of)[ \t]+(?:de|het)[ \t]+(?P<street>[A-Z][\w'’\-]{1,30}(?:[ \t]"
                          r"(?:(?:de|der|den|het|van|op|aan|bij|in|'t|te)[ \t])?[A-Z][\w'’\-]{1,30}){0,2})"
                          r"(?![\w'’\-]|[ \t]*\d)")


def _coordinated_streets(text: str, found: list[Mention]) -> list[Mention]:
    from anonymise.lexicon import get_lexicon

    lex = get_lexicon()
    out: list[Mention] = []
    ends = sorted({m.end for m in found})
    seen = {(m.start, m.end) for m in found}
    while ends:
        end = ends.pop(0)
        c = _COORDINATED.match(text, end)
        if not c or (c.start("street"), c.end("street")) in seen:
            continue
        words = c.group("street").split()
        if any(w.lower() in lex.legal_terms for w in words) or (len(words) == 1 and words[0].lower() in lex.dutch
                                                                and c.group("street") not in lex.streets):
            continue
        seen.add((c.start("street"), c.end("street")))
        out.append(Mention(c.start("street"), c.end("street"), "ADDRESS", "rule:street-list", role="identifier"))
        ends.append(c.end("street"))
    return out


def _org_address(text: str, start: int) -> bool:
    """A postbus address belongs to an organisation: private persons are not written to at a postbus."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_ADDRESS_KEEP_CONTEXT.search(text[max(line_start, start - 60): start]))
