"""Rule recognisers for person names and for the officials who must be kept.

Why rules next to the model: titles, initials, tussenvoegsels and hyphenated surnames ("mr. M.T.C.J.
Nauta-Sluijs", "E.W. de Jong-Kuipers") are exactly where statistical models split or mislabel names, and the
committee header and signature line are fixed formats. All patterns are plain ``re`` over the whole text.
"""

from __future__ import annotations

import re

from anonymise.lexicon import Lexicon, data_list, get_lexicon
from anonymise.mentions import Mention

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
LETTER = r"[^\W\d_]"
# Repetitions are bounded ({0,40}): unbounded ones make the unanchored patterns quadratic on one long token.
WORD = rf"[{UPPER}]{LETTER}{{0,40}}(?:['’]{LETTER}{{1,20}})?"  # a capitalised word
LOWER = "a-zß-öø-ÿāăąćčďđēėęěğģīįıķĺļľłńņňōőœŕřśşšţťūůűųźżž"
# A name word starts with a capital followed by a lower-case letter ("IJ" counts as one capital), so that
# all-capital headings ("BIJLAGEN") and abbreviations ("VGZ") never read as names.
NAME_WORD = rf"(?:O['’]|[dD]['’])?(?:IJ|[{UPPER}])[{LOWER}]{LETTER}{{0,40}}(?:['’]{LETTER}{{1,20}})?"
FIRST = rf"{NAME_WORD}(?:-{NAME_WORD})?"  # "Henk-Jan", "Maaike-Fleur"
TV_WORDS = sorted({w for w in data_list("tussenvoegsels.txt")}, key=len, reverse=True)
_TV_ALT = "|".join(re.escape(w) for w in TV_WORDS)
# Tussenvoegsels may be capitalised ("De Groot" at the start of a mention, "Van den Berg").
TV = rf"(?:(?:{_TV_ALT}|(?i:{_TV_ALT}))\s+){{0,3}}"
TV_STRICT = rf"(?:(?:{_TV_ALT})\s+){{0,3}}"
SURNAME = rf"{NAME_WORD}(?:\s?-\s?{TV_STRICT}{NAME_WORD}){{0,2}}"
INITIAL = rf"(?:Th|Chr|Ch|Ph|Joh|Jac|Fr|Wm|IJ|[{UPPER}])\."
INITIALS = rf"(?:{INITIAL}\s?){{1,6}}"
TITLE_WORDS = r"prof|mr|dr|drs|ir|ing|ds|bc|dra|mgr|lic"
TITLES = rf"(?:(?i:{TITLE_WORDS})\.?\s+|(?i:{TITLE_WORDS})\.(?=\s?[{UPPER}])\s?){{1,4}}"
HONORIFIC = r"(?i:de\s+heer|heer|mevrouw|mevr\.|mw\.|dhr\.|meneer|mejuffrouw|mej\.)"
# "Van der Lammerts van Bueren", "Van Rappard van Genderen": a second particle group inside the surname. Used only
# after a strong cue (title, honorific, initials), where a following "van Zilveren Kruis" is trimmed off again by
# the policy when it runs into a kept span.
SURNAME_LONG = rf"{SURNAME}(?:\s+(?:van|von|de|ter|ten)(?:\s+(?:der|den|de|het))?\s+{NAME_WORD})?"
FULLNAME = rf"(?:{TITLES})?(?:{INITIALS})?(?:{FIRST}\s+){{0,2}}{TV}{SURNAME_LONG}"
FULLNAME_NOFIRST = rf"(?:{TITLES})?(?:{INITIALS})?{TV}{SURNAME}"

_TITLED = re.compile(rf"(?<![\w.])(?P<name>{TITLES}(?:{INITIALS})?(?:{FIRST}\s+){{0,2}}{TV}{SURNAME_LONG})")
_HONORIFIC = re.compile(rf"\b{HONORIFIC}\s+(?P<name>{FULLNAME})")
_INITIALS = re.compile(rf"(?<![\w.])(?P<name>(?P<ini>{INITIALS})\s?{TV}{SURNAME_LONG})")
ROLE_NOUNS = data_list("role_nouns.txt")
_ROLE_ALT = "|".join(re.escape(w) for w in sorted(ROLE_NOUNS, key=len, reverse=True))
_ROLE_NOUN = re.compile(rf"(?i:\b(?P<noun>{_ROLE_ALT}))\s*,?\s+(?P<name>{FULLNAME})")
_FIRST_LAST = re.compile(rf"(?<![\w.\-])(?P<name>(?P<first>{FIRST})(?:\s+{FIRST})?\s+{TV}{SURNAME})")
_NOT_INITIALS = {"N.V.", "B.V.", "C.V.", "U.A.", "V.O.F.", "E.V.", "S.A.", "A.G.", "I.E.", "N.B.", "P.S.", "T.A.V.",
                 "O.A.", "Z.O.Z.", "V.Z.", "W.G."}
_HEADER = re.compile(r"Geschillencommissie\s+Zorgverzekeringen\s*\((?P<body>[^()]{3,400})\)")
# The list of judges may wrap over a line ("... Heijmans en\nmr. Y. van Wezel, rechters"): up to the end of the
# sentence (a full stop not closing a title or an initial) or a blank line.
_DONE_BY = re.compile(r"(?i:\b(?:gedaan|gewezen|vastgesteld|beslist|gegeven)\s+door|in\s+(?:tegenwoordigheid|"
                      r"aanwezigheid|bijzijn)\s+van|samengesteld\s+uit)(?P<body>(?:[^\n]|\n(?!\n)){3,400}?)"
                      r"(?:(?<!\bmr)(?<!\bdr)(?<!drs)(?<!\bir)(?<![A-Z])\.(?=\s)|\n\n|$)")
OFFICIAL_ROLES = (r"raadsheer-commissaris|raadsheren|raadsheer|vice-president|president|voorzitter|kantonrechter|"
                  r"rechter-commissaris|rechters|rechter|waarnemend griffier|griffier|advocaat-generaal|"
                  r"procureur-generaal|staatsraden|staatsraad|secretaris|leden|lid")
_NAME_ITEM = rf"(?:{FULLNAME}|{TV}{SURNAME})"
# Before a name, "lid"/"leden" are left out: "eerste lid Zvw", "leden van de Geschillencommissie".
_OFFICIAL_BEFORE = re.compile(
    rf"(?i:\b(?:{OFFICIAL_ROLES.replace('|leden|lid', '')}))\s+"
    rf"(?P<list>{_NAME_ITEM}(?:\s*(?:,|\sen\s)\s*{_NAME_ITEM})*)"
)
_OFFICIAL_AFTER = re.compile(rf"(?<![\w.\-’'])(?P<name>{FULLNAME})\s*(?:,\s*|\s+als\s+)(?i:{OFFICIAL_ROLES})\b")
_NAME_ITEM_RE = re.compile(_NAME_ITEM)
_OFFICIAL_ROLE = re.compile(r"(?i:\b(voorzitter|secretaris|griffier|lid|leden|rechter|raadsheer|raadsheren|"
                            r"vicepresident|president|plaatsvervangend)\b)")
_SIGN_LINE = re.compile(rf"^[ \t]*(?:{WORD}(?:[ \-]{WORD})?),\s+\d{{1,2}}\s+(?i:januari|februari|maart|april|mei|"
                        r"juni|juli|augustus|september|oktober|november|december)\s+\d{4},?[ \t]*$", re.M)
_SIGN_NAME = re.compile(rf"^[ \t]*(?P<name>{FULLNAME})[ \t]*(?:,\s*(?:voorzitter|secretaris|lid))?[ \t]*$")
_OFFICIAL_NAME = re.compile(rf"(?<![\w.\-’'])(?P<name>{FULLNAME})")


def _initials_ok(ini: str) -> bool:
    compact = ini.replace(" ", "").upper()
    return compact not in _NOT_INITIALS


def _role_of_noun(noun: str) -> str:
    noun = noun.lower()
    if noun in {"verzoeker", "verzoekster"}:
        return noun
    care = {w.lower() for w in data_list("care_professions.txt")}
    return "zorgverlener" if any(noun.startswith(c) or noun.endswith(c) for c in care) else "persoon"


_LONG_TAIL = re.compile(r"\s+(?:van|von|de|ter|ten)(?:\s+(?:der|den|de|het))?\s+(?P<w>\S+)$")


def trim_long_tail(text: str, m: Mention, lex: Lexicon) -> Mention:
    """Cut a second particle group that ends in an ordinary word: "mr. Jansen van de Commissie" -> "mr. Jansen"."""
    name = text[m.start:m.end]
    tail = _LONG_TAIL.search(name)
    if not tail:
        return m
    word = tail.group("w").lower()
    if word not in lex.vocabulary and word not in lex.common_words:
        return m
    before = name[:tail.start()]
    words = surname_words(before, lex)
    # Only a *second* particle group is cut: in "Jan de Groot" the group is the surname itself. It is a second
    # group when a surname precedes it: after initials, after a particle, or after a word that is no first name.
    particle = any(t.lower() in lex.tussenvoegsels for t in before.split())
    second = bool(words) and (bool(re.search(INITIAL, before)) or particle or words[-1].lower() not in lex.first_names)
    return m.with_(end=m.start + tail.start()) if second else m


def surname_words(name: str, lex: Lexicon) -> list[str]:
    """The capitalised words of a name that are neither titles, initials nor tussenvoegsels."""
    name = re.sub(r"\s?-\s?", "-", name)
    words = re.findall(rf"(?:O['’]|[dD]['’])?[{UPPER}]{LETTER}+(?:['’]{LETTER}+)?(?:-[{UPPER}]{LETTER}+)*", name)
    return [w for w in words if w.lower() not in lex.tussenvoegsels and w.lower().rstrip(".") not in TITLE_SET]


TITLE_SET = set(TITLE_WORDS.split("|"))


def find_officials(text: str) -> list[Mention]:
    """Committee members, chairs, secretaries and judges: public officials, kept unless settings say otherwise."""
    out: list[Mention] = []
    for m in _HEADER.finditer(text):
        base = m.start("body")
        for n in _OFFICIAL_NAME.finditer(m.group("body")):
            out.append(Mention(base + n.start("name"), base + n.end("name"), "PERSON", "rule:committee",
                               role="committee"))
    for m in _DONE_BY.finditer(text):
        body = m.group("body")
        base = m.start("body")
        # Only names written with a title or initials: "gedaan door de ziektekostenverzekeraar" is no official.
        for n in _TITLED.finditer(body):
            out.append(Mention(base + n.start("name"), base + n.end("name"), "PERSON", "rule:official",
                               role="committee"))
        for n in _INITIALS.finditer(body):
            if _initials_ok(n.group("ini")):
                out.append(Mention(base + n.start("name"), base + n.end("name"), "PERSON", "rule:official",
                                   role="committee"))
    # "de raadsheren Urlings, Zuurmond en C.H.M. Jansen", "mr. X, voorzitter", "Z. Karekezi als griffier".
    for m in _OFFICIAL_BEFORE.finditer(text):
        base = m.start("list")
        for n in _NAME_ITEM_RE.finditer(m.group("list")):
            if n.group(0)[0].islower():  # a bare surname writes its tussenvoegsel capitalised: "Van der Linde"
                continue
            out.append(Mention(base + n.start(), base + n.end(), "PERSON", "rule:official-role", role="committee"))
    for m in _OFFICIAL_AFTER.finditer(text):
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:official-role", role="committee"))
    for m in _SIGN_LINE.finditer(text):
        # The signer's name follows the "Zeist, 28 oktober 2020," line, after blank lines; up to three signers.
        pos, found = m.end(), 0
        for line_match in re.finditer(r"[^\n]*\n?", text[pos: pos + 400]):
            line = line_match.group(0)
            if not line.strip():
                continue
            sig = _SIGN_NAME.match(line.rstrip("\n"))
            if not sig or found >= 3 or sig.group("name").isupper():  # "BIJLAGEN" is a heading, not a signer
                break
            s = pos + line_match.start() + sig.start("name")
            out.append(Mention(s, s + len(sig.group("name")), "PERSON", "rule:signature", role="committee"))
            found += 1
    # Header, "gedaan door" and initials patterns overlap: keep the longest of overlapping spans.
    lex = get_lexicon()
    out = [trim_long_tail(text, x, lex) for x in out]
    longest = sorted(out, key=lambda x: (-(x.end - x.start), x.start))
    kept: list[Mention] = []
    for cand in longest:
        if not any(cand.overlaps(k) for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda x: x.start)


def find_person_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Person names found by form: title, honorific, initials, role noun + name, known first name + surname."""
    out: list[Mention] = []
    for m in _TITLED.finditer(text):
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:title"))
    for m in _HONORIFIC.finditer(text):
        if surname_words(m.group("name"), lex):
            out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:honorific"))
    for m in _INITIALS.finditer(text):
        if not _initials_ok(m.group("ini")):
            continue
        words = surname_words(m.group("name"), lex)
        single = len(re.findall(r"\.", m.group("ini"))) == 1
        has_tv = len(m.group("name").split()) > len(m.group("ini").split()) + 1
        # "A. Inleiding" is a list label, not a person: one initial needs a known or hyphenated surname, or a
        # tussenvoegsel ("S. ter Phanthavong").
        if single and not has_tv and not any(lex.is_name_word(w) or "-" in w for w in words):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:initials"))
    for m in _ROLE_NOUN.finditer(text):
        name = m.group("name")
        words = surname_words(name, lex)
        # The role noun is strong evidence; still require a known name, a title/initial, or a two-word name of
        # which no word is an ordinary Dutch word ("tandarts Xuyen Phanthavong", not "tandarts Tandheelkundig").
        plain = [w for w in words if w.lower() not in lex.common_words and w.lower() not in _dutch_words()]
        if not words or not (any(lex.is_name_word(w) for w in words) or re.search(r"\.", name)
                             or (len(words) >= 2 and len(plain) == len(words))):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:role-noun",
                           role=_role_of_noun(m.group("noun"))))
    for m in _FIRST_LAST.finditer(text):
        first = m.group("first")
        rest = surname_words(m.group("name")[len(first):], lex)
        if not rest or first.lower() in lex.common_words or first.lower() not in lex.first_names:
            continue
        last = rest[-1].split("-")[0]
        if last.lower() in lex.common_words or not (lex.is_name_word(last) or last.lower() not in _dutch_words()):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:lexicon-name"))
    return [trim_long_tail(text, x, lex) for x in out]


_DUTCH: frozenset[str] | None = None


def _dutch_words() -> frozenset[str]:
    """Ordinary Dutch nouns that follow capitalised words in headings ("Aanvullend Tand", "Basis Zeker")."""
    global _DUTCH
    if _DUTCH is None:
        _DUTCH = frozenset(w.lower() for w in data_list("not_surnames.txt"))
    return _DUTCH
