"""Recognisers for identifiers: BSN, IBAN, phone numbers, e-mail, postcodes, street addresses, policy numbers
and dates of birth. Pure regular expressions plus checksums, so they are cheap on 40k-character rulings.

Why checksums: a nine-digit number is far more often a case number or an amount than a BSN; the 11-proef keeps
bare numbers that cannot be a BSN, while a number explicitly labelled "BSN" is replaced whatever its checksum
(fail safe: a typo in a real BSN is still a BSN).
"""

from __future__ import annotations

import re

from anonymise.mentions import Mention

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DATE = r"(?:\d{1,2}[\-/.]\d{1,2}[\-/.](?P<y1>\d{4})|\d{1,2}\s+(?i:" + MONTHS + r")\s+(?P<y2>\d{4}))"


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


_BSN_LABEL = re.compile(r"(?i:\b(?:bsn|burgerservicenummer|sofi-?nummer)\b)[\s:.\-]*(?:is|was|luidt)?\s*$")
_BSN = re.compile(r"(?<![\d.,\-/])(\d{9}|(?P<eight>\d{8})|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3}|"
                  r"\d{2}[ .]\d{3}[ .]"
                  r"\d{2}[ .]\d{2})(?![\d\-/]|[.,]\d)")
_NOT_BSN_CONTEXT = re.compile(r"(?i)(zaak|dossier|registratie|kenmerk|factuur|nota|polis)nummer\s*:?\s*$|€\s*$|ecli")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_IBAN_LABEL = re.compile(r"(?i:\b(?:iban|rekeningnummer|bankrekening(?:nummer)?)\b)[\s:.]*$")
_PHONE = re.compile(
    r"(?<![\w+€.,/])(?:"
    r"0[89]00[ \-]?\d(?:[ \-]?\d){3,6}"  # 0800-1234567 service numbers (kept)
    r"|(?:\+|00)\s?31[ \-]?(?:\(0\)[ \-]?)?[1-9](?:[ \-]{0,3}\d){8}"  # +31 6 12345678
    r"|\(0\d{2,3}\)[ \-]?\d(?:[ \-]?\d){5,6}"  # (010) 123 45 67
    r"|0[1-9](?:[ \-]{0,3}\d){8}"  # 06-12345678, 010 - 123 45 67
    r"|\+(?!31)\d{2,3}(?:[ \-]?\d){7,11}"  # +66 81 234 5678
    r")(?![\d\-])"
)
_SERVICE_PHONE = re.compile(r"^0(?:800|900|88)")
# Bounded repetitions everywhere: an unbounded "[\w-]+" before a literal is quadratic on a 40k-char token.
_EMAIL = re.compile(r"\b[\w.%+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,4}\.[A-Za-z]{2,24}\b")
_ROLE_MAILBOX = re.compile(r"(?i)^(?:info|klachten|klantenservice|secretariaat|post|contact|service|"
                           r"servicedesk|zorgadvies|declaraties|privacy|fg)@")
_POSTCODE = re.compile(r"(?<![\w\-])([1-9]\d{3}) ?(?!SA|SD|SS)([A-Z]{2})(?=\s+[A-Z'][\w'\-]+|\s*,|\s*$)", re.M)
STREET_SUFFIX = (r"straat|laan|weg|plein|gracht|kade|dijk|singel|hof|pad|steeg|dreef|park|markt|baan|veld|wal|"
                 r"burgwal|erf|ring|allee|boulevard|hoven|straatweg|dam|haven|kamp|kwartier|oord|plantsoen|vaart")
_STREET = re.compile(
    r"\b((?:[A-Z][\w'\-]{0,30}\s){0,2}[A-Z][\w'\-]{0,30}?(?:" + STREET_SUFFIX + r"))\s+(\d{1,5}(?:\s?[a-zA-Z]\b|[\-\s]?"
    r"(?:bis|hs|huis|boven|[\-/]\d{1,3})\b)?)"
)
_ADDRESS_KEEP_CONTEXT = re.compile(r"(?i)postbus|antwoordnummer")
_POLICY = re.compile(
    r"(?i:\b(?:polisnummer|relatienummer|klantnummer|lidmaatschapsnummer|verzekerdennummer|cliëntnummer|"
    r"clientnummer|patiëntnummer|patientnummer|agb-code|registratienummer verzekerde|debiteurnummer|"
    r"verzekeringsnummer|uzovi-nummer verzekerde)\b)(?:\s+[a-zë]+){0,3}?(?:\s*(?:is|was|luidt|:|nr\.?))*\s*"
    r"(?P<num>[A-Z]{0,4}[\-.]?\d[\dA-Z.\-/]{2,}[\dA-Z])"
)
_BIRTH_AFTER = re.compile(
    r"(?:op\s+)?(?P<date>" + DATE + ")"
    r"(?=\s+(?:is\s+|werd\s+)?geboren\b)"
)
_BIRTH = re.compile(
    r"(?i:\b(?:geboren|geboortedatum|geb\.)\s*:?\s*)"
    r"(?:op\s+)?(?P<date>" + DATE + ")"
)


def find_identifiers(text: str) -> list[Mention]:
    """Every identifier in ``text``. Overlaps are resolved later by the policy (identifiers win)."""
    out: list[Mention] = []
    for m in _IBAN.finditer(text):
        compact = m.group(0)
        labelled = bool(_IBAN_LABEL.search(text[max(0, m.start() - 30): m.start()]))
        if iban_valid(compact) or (labelled and len(re.sub(r"\s", "", compact)) >= 15):
            out.append(Mention(m.start(), m.end(), "IBAN", "rule:iban", role="identifier"))
    for m in _POLICY.finditer(text):
        out.append(Mention(m.start("num"), m.end("num"), "POLICY_NUMBER", "rule:policy", role="identifier"))
    for m in _BSN.finditer(text):
        before = text[max(0, m.start() - 40): m.start()]
        labelled = bool(_BSN_LABEL.search(before))
        # A bare eight-digit number is far more often a policy or invoice number: only when labelled.
        bare_ok = not m.group("eight") and bsn_valid(m.group(0)) and not _NOT_BSN_CONTEXT.search(before)
        if labelled or bare_ok:
            out.append(Mention(m.start(), m.end(), "BSN", "rule:bsn", role="identifier"))
    for m in _EMAIL.finditer(text):
        kept = bool(_ROLE_MAILBOX.match(m.group(0)))
        out.append(Mention(m.start(), m.end(), "EMAIL", "rule:email", role="organisation" if kept else "identifier",
                           action="kept" if kept else None))
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        kept = bool(_SERVICE_PHONE.match(digits))
        out.append(Mention(m.start(), m.end(), "PHONE", "rule:phone", role="organisation" if kept else "identifier",
                           action="kept" if kept else None))
    for m in [*_BIRTH.finditer(text), *_BIRTH_AFTER.finditer(text)]:
        # rechtspraak.nl style: the year stays because age can matter to the decision.
        year = m.group("y1") or m.group("y2")
        out.append(Mention(m.start("date"), m.end("date"), "BIRTH_DATE", "rule:birth-date", role="identifier",
                           replacement=f"[geboortedatum] {year}"))
    for m in _STREET.finditer(text):
        kept = _org_address(text, m.start())
        out.append(Mention(m.start(), m.end(), "ADDRESS", "rule:address", role="organisation" if kept else "identifier",
                           action="kept" if kept else None))
    for m in _POSTCODE.finditer(text):
        kept = _org_address(text, m.start())
        out.append(Mention(m.start(), m.end(), "POSTCODE", "rule:postcode",
                           role="organisation" if kept else "identifier", action="kept" if kept else None))
    return out


def _org_address(text: str, start: int) -> bool:
    """A postbus address belongs to an organisation: private persons are not written to at a postbus."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_ADDRESS_KEEP_CONTEXT.search(text[max(line_start, start - 60): start]))
