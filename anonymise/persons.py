"""Rule recognisers for person names and for the officials who must be kept.

Why rules next to the model: titles, initials, tussenvoegsels and hyphenated surnames ("mr. M.T.C.J.
Nauta-Sluijs", "E.W. de Jong-Kuipers") are exactly where statistical models split or mislabel names, and the
committee header and signature line are fixed formats. All patterns are plain ``re`` over the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from anonymise import lexicon, scan
from anonymise.lexicon import Lexicon, data_list, get_lexicon
from anonymise.mentions import Mention

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
LETTER = r"[^\W\d_]"
# Repetitions are bounded ({0,40}): unbounded ones make the unanchored patterns quadratic on one long token.
WORD = rf"[{UPPER}]{LETTER}{{0,40}}(?:['’]{LETTER}{{1,20}})?"  # a capitalised word
LOWER = "a-zß-öø-ÿāăąćčďđēėęěğģīįıķĺļľłńņňōőœŕřśşšţťūůűųźżžơưạ-ỹ"  # the last: Vietnamese ("Đỗ", "Phạm")
# A name word starts with a capital followed by a lower-case letter ("IJ" counts as one capital), so that
# all-capital headings ("BIJLAGEN") and abbreviations ("VGZ") never read as names.
NAME_WORD = rf"(?:O['’]|[dD]['’])?(?:IJ|[{UPPER}])[{LOWER}]{LETTER}{{0,40}}(?:['’]{LETTER}{{1,20}})?"
FIRST = rf"{NAME_WORD}(?:-{NAME_WORD})?"  # "Henk-Jan", "Maaike-Fleur"
TV_WORDS = sorted({w for w in data_list("tussenvoegsels.txt")}, key=len, reverse=True)
_TV_ALT = "|".join(re.escape(w) for w in TV_WORDS)
# Tussenvoegsels may be capitalised ("De Groot" at the start of a mention, "Van den Berg").
TV = rf"(?:(?:{_TV_ALT}|(?i:{_TV_ALT}))\s+){{0,3}}"
TV_STRICT = rf"(?:(?:{_TV_ALT})\s+){{0,3}}"
# "Tjin-A-Tsoi" too, and the Surinamese-Chinese connector written with spaces: "Jap A Joe", "Tjon A Fong".
SURNAME = rf"{NAME_WORD}(?:\s?-\s?{TV_STRICT}(?:[{UPPER}]-)?{NAME_WORD}|[ ]A[ ]{NAME_WORD}){{0,2}}"
INITIAL = rf"(?:Th|Tj|Sj|Chr|Ch|Ph|Joh|Jac|Fr|Wm|IJ|[{UPPER}])\."  # "Tj. S. Visser"
# "A.-M. Kuipers": a double first name; not "A.-G."/"P.-G." (advocaat-/procureur-generaal, an office).
INITIALS = rf"(?:(?![AP]\.-G\.){INITIAL}(?:-{INITIAL})?\s?){{1,6}}"
TITLE_WORDS = r"prof|mr|dr|drs|ir|ing|ds|bc|dra|mgr|lic"
# "ING Groep N.V.": the bank's capitals are no "ing." title.
# "prof.mr. X" too: a title's full stop may run straight into the next title.
TITLES = (rf"(?:(?!ING\s)(?i:{TITLE_WORDS})(?:\s?\.)?\s+|(?i:{TITLE_WORDS})\.(?=\s?[{UPPER}]|(?i:{TITLE_WORDS})\b)\s?)"
          r"{1,4}")
# Particles that only surnames use, never a preposition phrase ("van den Raad", "van 't Hof"; not "van de", "van het")
SURNAME_PARTICLE = r"(?:van\s+den|van\s+der|van\s+['’]t|in\s+['’]t|op\s+den|ter|ten)"
HONORIFIC = r"(?i:de\s+heer|heer|mevrouw|mevr\.|mw\.|dhr\.|meneer|mejuffrouw|mej\.)"
# "Van der Lammerts van Bueren", "Van Rappard van Genderen": a second particle group inside the surname. Used only
# after a strong cue (title, honorific, initials), where a following "van Zilveren Kruis" is trimmed off again by
# the policy when it runs into a kept span.
SURNAME_LONG = rf"{SURNAME}(?:\s+(?:van|von|de|ter|ten)(?:\s+(?:der|den|de|het))?\s+{NAME_WORD})?"
FULLNAME = rf"(?:{TITLES})?(?:{INITIALS})?(?:{FIRST}\s+){{0,3}}{TV}{SURNAME_LONG}"
FULLNAME_NOFIRST = rf"(?:{TITLES})?(?:{INITIALS})?{TV}{SURNAME}"

_TITLED = re.compile(rf"(?<![\w.])(?P<name>{TITLES}(?:{INITIALS})?(?:{FIRST}\s+){{0,3}}{TV}{SURNAME_LONG})")
_HONORIFIC = re.compile(rf"\b{HONORIFIC}\s+(?P<name>{FULLNAME})")
# The plural: "De heren Oddens en Van Zanten", "de dames X, Y en Z": every name of the list.
_NAME_OR_SURNAME = rf"(?:{FULLNAME}|{TV}{SURNAME})"
_HONORIFIC_PLURAL = re.compile(rf"\b(?i:heren|dames)\s+(?P<list>{_NAME_OR_SURNAME}(?:\s*,\s*{_NAME_OR_SURNAME})*"
                               rf"\s+en\s+{_NAME_OR_SURNAME})")
_INITIALS = re.compile(rf"(?<![\w.])(?P<name>(?P<ini>{INITIALS})\s?{TV}{SURNAME_LONG})")
ROLE_NOUNS = data_list("role_nouns.txt")
_ROLE_ALT = "|".join(re.escape(w) for w in sorted(ROLE_NOUNS, key=len, reverse=True))
# Right after a role noun, a lower-case "van de"/"van het" opens a preposition phrase: a bare surname writes its
# particle with a capital ("buurman Van de Ven"), a full name has its first name first ("buurman Jan van de Ven").
_OF_THE = re.compile(r"van\s+(?:de|het|'t)\s")
_OF_NAME = re.compile(rf"van\s+(?=[{UPPER}][{LOWER}]+$)")
_ROLE_NOUN = re.compile(rf"(?i:\b(?P<noun>{_ROLE_ALT}))\s*[,:]?\s+(?P<name>{FULLNAME})")
_FIRST_LAST = re.compile(rf"(?<![\w.\-])(?P<name>(?P<first>{FIRST})(?:\s+{FIRST}){{0,2}}\s+{TV}{SURNAME})")
_NOT_INITIALS = {"N.V.", "B.V.", "C.V.", "U.A.", "V.O.F.", "E.V.", "S.A.", "A.G.", "I.E.", "N.B.", "P.S.", "T.A.V.",
                 "O.A.", "Z.O.Z.", "V.Z.", "W.G."}
_HEADER = re.compile(r"Geschillencommissie\s+Zorgverzekeringen\s*\((?P<body>[^()]{3,400})\)")
# The list of judges may wrap over a line ("... Heijmans en\nmr. Y. van Wezel, rechters"): up to the end of the
# sentence (a full stop not closing a title or an initial) or a blank line.
_DONE_BY = re.compile(r"(?i:\b(?:gedaan|gewezen|vastgesteld|beslist|gegeven)\s+door|in\s+(?:tegenwoordigheid|"
                      r"aanwezigheid|bijzijn)\s+van|samengesteld\s+uit)(?P<body>(?:[^\n]|\n(?!\n)){3,400}?)"
                      r"(?:(?<!\bmr)(?<!\bdr)(?<!drs)(?<!\bir)(?<![A-Z])\.(?=\s)|\n\n|$)")
# A second predicate after the bench: "gedaan door mr. X en is verzonden aan ...", "... en heeft de zaak verwezen".
_DONE_BY_STOP = re.compile(r"\s(?:en\s+)?(?:is|werd|wordt|zijn|werden|zal|heeft|hebben)\s+(?:\w+\s+){0,3}?"
                           r"(?:verzonden|gezonden|toegezonden|betekend|verwezen|meegedeeld|medegedeeld)\b")
# What else is "gedaan door" someone: a report, a statement, a payment, an offer ("aangifte is gedaan door").
_ACT_BEFORE_DONE_BY = re.compile(r"(?i:\b(?:aangifte|melding|mededeling|verklaring|betaling|storting|overboeking|"
                                 r"bod|aanbod|voorstel|toezegging|opgave|aanvraag|uitlating|poging|aankoop|"
                                 r"investering|bekentenis|ontdekking|vondst|waarneming|inval|aanhouding|"
                                 r"aanbetaling|opzegging|kennisgeving)\w*\b(?:[^.\n](?!\b(?:uitspraak|vonnis|"
                                 r"arrest|beschikking|beslissing)\b)){0,40}$)")


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, a space matching any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# The offices of a bench or council, one list for every format that reads them: "X, voorzitter", "kamervoorzitter
# X", "Voorzitter van de Raad X" (Belgian and Flemish councils), "X, bijzitter", a signature block's role lines.
BENCH_OFFICES = ("raadsheer-commissaris", "raadsheren", "raadsheer", "rolraadsheer", "rolrechter", "kinderrechter",
                 "raadsheer-plaatsvervanger", "rechter-plaatsvervanger", "vice-president", "president",
                 "kamervoorzitter",
                 "ondervoorzitter", "vicevoorzitter", "voorzitter", "bijzitters", "bijzitter", "assessoren", "assessor",
                 "bestuursrechters", "bestuursrechter", "kantonrechter", "voorzieningenrechter", "politierechter",
                 "rechter-commissaris", "rechters", "rechter", "waarnemend griffier", "griffiers", "griffier",
                 "advocaat-generaal", "procureur-generaal", "staatsraden", "staatsraad", "auditeur", "secretarissen",
                 "secretaris", "leden", "lid")
OFFICIAL_ROLES = (r"voorzitter\s+van\s+de\s+raad(?!\s+van\s+(?:bestuur|commissarissen|toezicht))|"
                  + word_alternation(BENCH_OFFICES))
_NAME_ITEM = rf"(?:{FULLNAME}|{TV}{SURNAME})"
# Before a name, "lid"/"leden" are left out: "eerste lid Zvw", "leden van de Geschillencommissie".
_OFFICES_BEFORE_NAME = word_alternation(w for w in BENCH_OFFICES if w not in ("leden", "lid"))
# "De rolraadsheer, mr. K. Bisschop,": with a title the name may stand in apposition. So may a single judge after
# the court's own name ("De rechtbank Noord-Nederland, mr. T. Postma, oordeelt"): only with "mr.", as a court is
# no office of a party's employee.
_OFFICIAL_BEFORE = re.compile(
    rf"(?:(?i:\b(?:voorzitter\s+van\s+de\s+raad|{_OFFICES_BEFORE_NAME}))(?:\s*,\s*(?=(?i:mrs?|prof|dr)\b)|\s+)"
    rf"|\b(?i:rechtbank|gerechtshof)(?:[ \t]+[{UPPER}][\w'’\-]+){{0,3}}\s*,\s*(?=(?i:mrs?)\.?\s))"
    rf"(?P<list>{_NAME_ITEM}(?:\s*(?:,|\sen\s)\s*{_NAME_ITEM})*)"
)
# "X, secretaris van verzoekster", "X, voorzitter van de stichting": an officer of a party, not of the court.
OF_A_PARTY = (r"\s+van\s+(?:de\s+|het\s+|haar\s+|zijn\s+)?(?i:verzoek|appellant|eiser|gedaagde|belanghebbende|klaag|"
              r"klager|\w*vereniging|\w*stichting|co[öo]peratie|bedrijf|onderneming|vennootschap|maatschap|\w*bond|"
              r"\w*club|"
              r"raad\s+van\s+(?:bestuur|commissarissen|toezicht)|ondernemingsraad|directie)")
# "Mr. X heeft als voorzitter van de meervoudige kamer": a titled name acting in the office.
_OFFICIAL_AFTER = re.compile(rf"(?<![\w.\-’'])(?P<name>{FULLNAME})"
                             rf"\s*(?:,\s*|\s+als\s+|(?<=[{LOWER}])\s+(?:heeft|had|is|was)\s+als\s+)"
                             rf"(?i:{OFFICIAL_ROLES})\b"
                             rf"(?!{OF_A_PARTY})")
_NAME_ITEM_RE = re.compile(_NAME_ITEM)
POSSESSIVE_BEFORE = re.compile(r"\b(?:[Hh]aar|[Zz]ijn|[Hh]un)\s+$")
TITLE_OPENS = re.compile(TITLES)
# An office in capitals is found from the words in capitals (an alternation searched over the text cost 0.7 ms a
# ruling).
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z\-]{4,}\b")
_CAPS_OFFICE_WORDS = frozenset(w.upper() for w in BENCH_OFFICES if " " not in w)
_CAPS_OFFICE = re.compile(rf"\b(?:{word_alternation(w.upper() for w in BENCH_OFFICES if w not in ('leden', 'lid'))})"
                          rf"[ \t]+(?:MR\.?[ \t]+)?[{UPPER}]")
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
    words = surname_words(re.sub(INITIAL, " ", before), lex)  # "Th. de Groot": "Th." is no surname
    # Only a *second* particle group is cut: in "Jan de Groot" the group is the surname itself. It is a second
    # group when a surname precedes it: after initials, after a particle, or after a word that is no first name.
    particle = any(t.lower() in lex.tussenvoegsels for t in before.split())
    second = bool(words) and (bool(re.search(INITIAL, before)) or particle or words[-1].lower() not in lex.first_names)
    return m.with_(end=m.start + tail.start()) if second else m


TV_SMALL = "|".join(re.escape(w) for w in TV_WORDS if " " not in w)


def surname_words(name: str, lex: Lexicon) -> list[str]:
    """The capitalised words of a name that are neither titles, initials nor tussenvoegsels."""
    name = re.sub(r"\s?-\s?", "-", name)
    # "Hoogenboom-de Vries": a particle after the hyphen stays inside the one double surname.
    words = re.findall(rf"(?:O['’]|[dD]['’])?[{UPPER}]{LETTER}+(?:['’]{LETTER}+)?"
                       rf"(?:-(?:(?:{TV_SMALL})\s){{0,2}}(?:[{UPPER}]-)?[{UPPER}]{LETTER}+|"
                       rf"[ ]A[ ][{UPPER}]{LETTER}+)*", name)  # "Tjon A Fong": one surname word
    return [w for w in words if w.lower() not in lex.tussenvoegsels and w.lower().rstrip(".") not in TITLE_SET]


TITLE_SET = set(TITLE_WORDS.split("|"))


def name_parts(word: str) -> list[str]:
    """The parts of one surname word: "De Jong-Kuipers" -> "De Jong", "Kuipers"; "Tjon A Fong" -> "Tjon", "Fong"."""
    return _NAME_PART_SEP.split(word)


_NAME_PART_SEP = re.compile(r"-| A ")


def _name_starts(text: str) -> set[int]:
    """Every position where a name (``FULLNAME``, after no word character, ".", "-" or apostrophe) can start: a
    capital, a title or particle in lower case ("mr.", "van der", "d'Ancona"), or "'t" / "’t". A pattern opening with
    a name is matched only there instead of at every position (it has no key of its own)."""
    starts = {m.start() for m in _CAPITAL_START.finditer(text)}
    starts.update(scan.word_starts(text, _NAME_OPENERS))
    for particle in ("'t", "'T", "’t", "’T"):
        i = text.find(particle)
        while i >= 0:
            starts.add(i)
            i = text.find(particle, i + 1)
    return starts


_CAPITAL_START = re.compile(rf"[{UPPER}](?<![\w.\-’'].)")  # the capital first: re skips to capitals quickly
# The word a title or particle opens with ("v" of "v.d.", "d" of "d'"), in lower case.
_NAME_OPENERS = frozenset({*TITLE_SET, *(m.group(0).lower() for w in TV_WORDS if (m := re.match(r"\w+", w)))})


def find_officials(text: str) -> list[Mention]:
    """Committee members, chairs, secretaries and judges: public officials, kept unless settings say otherwise."""
    out: list[Mention] = []
    for m in scan.finditer(_HEADER, text):
        base = m.start("body")
        for n in _OFFICIAL_NAME.finditer(m.group("body")):
            out.append(Mention(base + n.start("name"), base + n.end("name"), "PERSON", "rule:committee",
                               role="committee"))
    for m in scan.finditer(_DONE_BY, text):
        if _ACT_BEFORE_DONE_BY.search(text, max(0, m.start() - 50), m.start()):
            continue  # "Aangifte is gedaan door zijn zoon namens J. X": a report, a payment, not the bench
        body = m.group("body")
        stop = _DONE_BY_STOP.search(body)
        body = body[:stop.start()] if stop else body  # "... door mr. X en is verzonden aan K.L. Y": Y is no judge
        base = m.start("body")
        # Only names written with a title or initials: "gedaan door de ziektekostenverzekeraar" is no official.
        for n in _TITLED.finditer(body):
            out.append(Mention(base + n.start("name"), base + n.end("name"), "PERSON", "rule:official",
                               role="committee"))
        for n in _INITIALS.finditer(body):
            if _initials_ok(n.group("ini")):
                out.append(Mention(base + n.start("name"), base + n.end("name"), "PERSON", "rule:official",
                                   role="committee"))
    # "de raadsheren Urlings, Zuurmond en C.H.M. Jansen", "mr. X, voorzitter", "Z. Karekezi als griffier"; in a
    # sentence in capitals too ("IN TEGENWOORDIGHEID VAN DE GRIFFIER G.H. KLAASSEN"), read case-folded.
    lex = get_lexicon()
    caps = next((c for c in _CAPS_WORD.finditer(text) if c.group(0) in _CAPS_OFFICE_WORDS and
                 _CAPS_OFFICE.match(text, c.start())), None)
    folded = fold_caps(text, lex) if caps else text
    matches = list(scan.finditer(_OFFICIAL_BEFORE, text))
    if caps:
        matches += [m for m in _OFFICIAL_BEFORE.finditer(folded, caps.start()) if text[m.start():m.end()].isupper()]
    for m in matches:
        if POSSESSIVE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue  # "vertegenwoordigd door haar voorzitter X": a party's own officer, not the court's
        base = m.start("list")
        for n in _NAME_ITEM_RE.finditer(m.group("list")):
            if n.group(0)[0].islower() and not TITLE_OPENS.match(n.group(0)):
                continue  # a bare surname writes its tussenvoegsel capitalised: "Van der Linde"; "mr. X" is titled
            out.append(Mention(base + n.start(), base + n.end(), "PERSON", "rule:official-role", role="committee"))
    for m in scan.matches_from(_OFFICIAL_AFTER, text, _name_starts(text)):
        if text[m.end("name"):m.end()].split()[0] in ("heeft", "had", "is", "was") and \
                not TITLE_OPENS.match(m.group("name")):
            continue  # "Jansen heeft als voorzitter van de VvE": the acting form only with a title ("Mr. X heeft als")
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:official-role", role="committee"))
    for m in scan.finditer(_SIGN_LINE, text):
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
    out = [trim_long_tail(text, x, lex) for x in out]
    longest = sorted(out, key=lambda x: (-(x.end - x.start), x.start))
    kept: list[Mention] = []
    for cand in longest:
        if not any(cand.overlaps(k) for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda x: x.start)


# Initials as the whole name, where a cue says so: "(hierna: P.R.)", "de heer P.R.", "aangeefster J.B.".
# Abbreviated particles may stand between the capitals ("H.v.D.", "A.v.d.B.").
_INITIALS_ONLY = (rf"(?P<ini>[{UPPER}]\.\s?(?:(?:[a-z]{{1,3}}\.\s?){{0,2}}[{UPPER}]\.\s?){{1,3}})"
                  rf"(?!\s?(?:{TV}{NAME_WORD}|[{UPPER}]\.)|\w)")
# "(hierna: P.R.)", "(hierna ook te noemen: P.R.)", "verder: P.R.,"
_HIERNA_INITIALS = re.compile(r"\b(?:hierna|verder)\b[a-z ]{0,35}:?\s*(?:(?:de\s+heer|mevrouw|dhr\.|mw\.)\s+)?"
                              + _INITIALS_ONLY)
# The closest family: before initials, or one initial, they name the relative ("de moeder, C.A.M.", "de moeder M.").
_CLOSE_FAMILY = (r"moeder|vader|zoon|dochter|(?:ex-)?partner|echtgeno(?:ot|te)|broer|zus|"
                 r"schoon(?:zoon|dochter|vader|moeder|broer|zus)|zwager")
_OTHER_FAMILY = r"(?:stief|pleeg)(?:vader|moeder|ouder|zoon|dochter|kind)|minderjarige|kind"
# Roles only a natural person plays, for one initial as the whole name ("de cliënt, P.,", "getuige M.")
_PERSON_ROLES = (r"cliënte?|cliente?|betrokkene|verzekerde|patiënte?|getuige|aangever|aangeefster|slachtoffer|"
                 r"verdachte|medeverdachte|melder|erflater|erflaatster")
# Between the cue and the initials: a witness's number ("getuige 2"), whose relative ("de zoon van verweerder"),
# then a comma, an opening bracket or a space ("Klager (B.H.)", "het slachtoffer, A.K.,").
_CUE_TO_NAME = r"(?:\s+\d{1,2})?(?:\s+van\s+(?:de\s+|het\s+)?[a-zà-ÿ]{3,20})?(?:\s*,\s*|\s*\(\s*|\s+)"
_CUE_INITIALS = re.compile(r"(?i:\b(?:de\s+heer|heer|mevrouw|dhr\.|mw\.|verbalisant(?:en)?|aangever|aangeefster|"
                           r"getuige|slachtoffer|benadeelde(?:\s+partij)?|medeverdachte|verdachte|betrokkene|minderjarige|"
                           r"cliënt|client|cliënte|patiënt|patiënte|eiser|eiseres|appellant|appellante|verzoeker|"
                           rf"verzoekster|{_CLOSE_FAMILY}|zuster|"
                           r"vriend|vriendin|buurman|buurvrouw|passagier|bestuurder|werknemer|werkneemster|opa|oma|"
                           r"grootvader|grootmoeder|oom|tante|neef|nicht|zwager|schoonzus|schoonmoeder|schoonvader|"
                           # roles only a natural person plays (a company is a party too: "gedaagde (K.P.N.)")
                           r"verzekerde|erflater|erflaatster|overledene|melder|"
                           rf"{_OTHER_FAMILY}|de\s+man|de\s+vrouw))"
                           + _CUE_TO_NAME + _INITIALS_ONLY)
# One initial as the whole name right after an honorific or a family noun: "mevrouw K. heeft verklaard", "de moeder
# M. wil verhuizen".
_HONORIFIC_INITIAL = re.compile(rf"(?i:\b(?:de\s+heer|mevrouw|mevr\.|mw\.|dhr\.|meneer|{_CLOSE_FAMILY}|"
                                rf"{_OTHER_FAMILY}|{_PERSON_ROLES}))" + _CUE_TO_NAME +
                                rf"(?P<ini>[{UPPER}]\.)(?!\s?(?!(?:Mevrouw|Meneer|De\s+heer)\b)"
                                rf"(?:{TV}{NAME_WORD}|[{UPPER}]\.)|\w)")
# One initial defined as the short name: "Betrokkene (hierna: M.) heeft ..."
_HIERNA_ONE = re.compile(rf"\bhierna\b[a-z ]{{0,35}}:?\s*(?P<ini>[{UPPER}]\.)(?=\s*[),;])")
# Children listed by one initial each after a colon: "kinderen geboren: S. (2012) en T. (2015)", "de minderjarigen:
# A., B. en C.". Not before a capitalised word ("S. Jansen" is read by the initials rules).
_CHILD_ITEM = rf"[{UPPER}]\.(?:[ \t]*\((?:19|20)\d\d\))?(?![ \t]*(?:{TV})?[{UPPER}][\w'’\-]*[a-zà-ÿ])"
_CHILDREN_INITIALS = re.compile(rf"\b(?:kinderen|kind|zoons?|dochters?|minderjarigen?)\b[^.:;\n]{{0,40}}:[ \t]*"
                                rf"(?P<list>{_CHILD_ITEM}(?:[ \t]*(?:,|\ben\b)[ \t]*{_CHILD_ITEM}){{0,5}})"
                                r"(?![\w\-])")
_BARE_LETTER = re.compile(rf"(?<![\w.\-’'])[{UPPER}](?![\w.\-’'])")
# Initials, then who the person is: "H.v.D., de buurman van verdachte", "K.L., een vriendin van aangeefster"
_INITIALS_APPOSITION = re.compile(r"(?<![\w.\-])" + _INITIALS_ONLY + r",\s+(?:de|het|een|haar|zijn|diens)\s+"
                                  rf"(?:{_CLOSE_FAMILY}|{_OTHER_FAMILY}|{_PERSON_ROLES}|buur(?:man|vrouw)|"
                                  r"vriend(?:in)?|kennis|collega|ex-partner|ex-vriend(?:in)?)\b")
# Initials with an accented capital ("A.Ş.", "Ö.K."): no Dutch abbreviation is written so, so they are a
# person's initials even without a cue.
_ACCENTED_INITIALS = re.compile(rf"(?<![\w.])(?=(?:[{UPPER}]\.\s?){{0,3}}[{UPPER.replace('A-Z', '')}]\.)"
                                + _INITIALS_ONLY)
_ORG_NEAR = re.compile(r"(?:B\.\s?V\.?|N\.\s?V\.?|\bBV\b|\bNV\b|Stichting|Vereniging|GmbH|Ltd)")
# A party heading in capitals under "tegen", "inzake", "in de zaak van" ("in de strafzaak tegen\nERROL MAHABIER ,").
# A party heading in capitals under "tegen", "inzake", "in de zaak van" or a party's role label ("in de strafzaak
# tegen\nERROL MAHABIER ,", "Verzoeker:\n\nJAN DE VRIES, wonende te ..."), blank lines and a list number allowed.
PARTY_LABELS = (r"tegen|inzake|in\s+zake|in\s+de\s+zaak\s+van|verdachten?|naam|verzoek(?:er|ster)s?|appellante?n?|"
                r"eis(?:er|eres)s?|gedaagden?|verweerd(?:er|ster)s?|geïntimeerden?|belanghebbenden?|betrokkenen?|"
                r"klaagsters?|klagers?|requestrante?n?|opposante?n?|cliënte?n?|de\s+minderjarigen?|ouders?|moeder|vader")
_CAPS_HEADING = re.compile(rf"(?im:(?<![\w\-])(?:{PARTY_LABELS})\s*[:,]?[ \t]*\n(?:[ \t]*\n){{0,2}}[ \t]*"
                           r"(?:\d{1,2}[.)][ \t]+)?)"
                           rf"(?P<name>[{UPPER}][{UPPER}'’\-]{{1,40}}(?:[ \t]+[{UPPER}'’\-]{{1,40}}){{1,5}})"
                           r"(?=[ \t]*(?:[,(]|\n|$|[ \t](?:te|uit|wonende|geboren|EN|en)\b))")
_CAPS_RUN = re.compile(rf"(?<![\w\-])[{UPPER}][{UPPER}'’\-]{{1,40}}(?:[ \t]+[{UPPER}'’][{UPPER}'’\-]{{0,40}}){{0,5}}"
                       rf"(?![\w\-])")


_CAPS_FUNCTION_WORDS = frozenset({"en", "of", "te", "tegen", "inzake", "wonende", "uit", "bij", "geboren"})


def fold_caps(text: str, lex: Lexicon) -> str:
    """``text`` with every run of capitalised words case-folded to name case, same length: "AYŞE DEMIR" ->
    "Ayşe Demir", "VAN DEN BERG" -> "van den Berg". The person rules then read headings and upper-case header
    fields as they read running text."""
    chars = list(text)
    for m in scan.finditer(_CAPS_RUN, text):
        run = m.group(0)
        if not any(len(w) >= 3 for w in run.split()):
            continue
        for w in re.finditer(r"[^\s]+", run):
            word = w.group(0)
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
            if word.lower() in lex.tussenvoegsels or word.lower() in _CAPS_FUNCTION_WORDS:
                folded = lower  # "VAN DEN", and "EN"/"TE" between names: "AYŞE DEMIR EN MEHMET DEMIR"
            else:
                # "LINDEN-DE GROOT": a particle after a hyphen stays lower case ("Linden-de Groot")
                folded = re.sub(r"(^|[-'’])(\w+)", lambda g: g.group(1) + (
                    g.group(2) if g.group(1) == "-" and g.group(2) in lex.tussenvoegsels
                    else g.group(2)[0].upper() + g.group(2)[1:]), lower)
            base = m.start() + w.start()
            chars[base:base + len(word)] = list(folded)
    return "".join(chars)


# A scanned name with a digit read for a letter ("B0sma", "J0hnson", "Ja5per") or "l" for a capital I ("lnge"):
# a capital (or "l" before a consonant), then lower-case letters with one or two of the digits OCR confuses.
_OCR_WORD = re.compile(rf"(?<![\w\-])(?:[{UPPER}](?=[a-z058]*[a-z]{{2}})(?=[a-z]*[058])[a-z058]{{2,30}}|"
                       r"l(?=[bcdfghjkmnpqrstvwxz])[a-z]{2,30})(?![\w\-])")
# "1" is left to the linking rule's OCR key: it stands for "l" as often as for "i" ("Özdem1r").
_OCR_DIGITS = str.maketrans({"0": "o", "5": "s", "8": "b"})


def fold_ocr(text: str) -> str:
    """``text`` with OCR-damaged name words repaired, same length ("B0sma" -> "Bosma", "lnge" -> "Inge"): the
    recognisers and the policy read this text (``anonymise.decide``), the redactor cuts the original at the same
    offsets. A word with more than two digits is a code, not a name."""
    chars: list[str] | None = None
    for m in _OCR_WORD.finditer(text):
        word = m.group(0)
        if sum(ch.isdigit() for ch in word) > 2:
            continue
        fixed = "I" + word[1:] if word[0] == "l" else word[0] + word[1:].translate(_OCR_DIGITS)
        if chars is None:
            chars = list(text)
        chars[m.start():m.end()] = list(fixed)
    for m in _OCR_CAPS_WORD.finditer(text):
        # A heading in capitals: "B0SMANS", "HElJDEN" (a digit or an "l" between capitals)
        word = m.group(0)
        if sum(ch.isdigit() for ch in word) > 2:
            continue
        if chars is None:
            chars = list(text)
        chars[m.start():m.end()] = list(word.translate(_OCR_CAPS))
    lex: Lexicon | None = None
    for m in _OCR_CAPITAL_I.finditer(text):
        # "VIiet", "IIse": a capital I after the opening capital is an "l" or an "i"; the one that makes a known
        # name is taken, otherwise the word is left.
        word = m.group(0)
        lex = lex or get_lexicon()
        for letter in ("l", "i"):
            fixed = ("I" if word[0] == "l" else word[0]) + letter + word[2:]  # "lIse": both letters misread
            if lex.is_name_word(fixed):
                if chars is None:
                    chars = list(text)
                chars[m.start():m.end()] = list(fixed)
                break
    for m in _OCR_ONE.finditer(text):
        # "Mu1der", "Wi11em": a "1" inside a name word is an "l" or an "i"; the one that makes a known first name or
        # surname is taken, otherwise the word is left (the linking rule's OCR key still reads it).
        word = m.group(0)
        lex = lex or get_lexicon()
        for letter in ("l", "i"):
            fixed = word.replace("1", letter)
            if fixed.lower() in lex.first_names or fixed.lower() in lex.surnames:
                if chars is None:
                    chars = list(text)
                chars[m.start():m.end()] = list(fixed)
                break
    for m in _OCR_EL.finditer(text):
        # "Rachid EI Amrani": the Arabic article "El" with its "l" read as a capital I
        if chars is None:
            chars = list(text)
        chars[m.start() + 1] = "l"
    return text if chars is None else "".join(chars)


_OCR_ONE = re.compile(r"(?<![\w\-])[A-Z](?=[a-z1]*1)(?=[a-z1]*[a-z]{2})[a-z1]{2,30}(?![\w\-])")
_OCR_EL = re.compile(rf"(?<![\w\-.])EI(?=[ \-][{UPPER}][{LOWER}]{{2}})")
_OCR_CAPS_WORD = re.compile(r"(?<![\w\-])(?=[A-Z]*[A-Z][058l][A-Z]{2})[A-Z](?:[A-Z]|[058l](?=[A-Z])){3,30}(?![\w\-])")
_OCR_CAPS = str.maketrans({"0": "O", "5": "S", "8": "B", "l": "I"})
_OCR_CAPITAL_I = re.compile(r"(?<![\w\-])[A-Zl]I[a-z]{2,30}(?![\w\-])")


def _acronym_of_words(before: str, ini: str, lex: Lexicon) -> bool:
    """"Kwaliteits-Controle-Bureau voor Groenten en Fruit (hierna: K.C.B.)": the initials abbreviate the words
    right before them, and those words are ordinary Dutch words, not a person's names ("Piet Rood (hierna: P.R.)")."""
    letters = re.sub(r"[^\w]", "", ini).upper()
    words = [p for w in re.findall(rf"[{UPPER}][\w\-]*", before.rsplit("(", 1)[0]) for p in name_parts(w) if p]
    heads = "".join(w[0].upper() for w in words)
    i = heads.rfind(letters)
    if i < 0 or i + len(letters) < len(heads) - 3:
        return False
    window = words[i:i + len(letters)]
    if any(len(w) == 1 or w.lower() in lex.first_names for w in window):
        return False  # initials or a first name: a person's name ("K. Molen (hierna: K.M.)")
    return sum(len(w) >= 3 and lex.dutch_form(w) and not lex.is_name_word(w) for w in window) >= 2


# The name before the cue, up to two appositions opening in lower case between them allowed ("N.M. van Beek, wonende
# te Assen, verdachte, hierna te noemen: N.B.").
_NAME_BEFORE_HIERNA = re.compile(rf"(?P<name>(?:{INITIALS}\s?|{FIRST}\s+){{1,3}}{TV}{SURNAME})\s*"
                                 r"(?:,\s*[a-zà-ÿ][^,()\n:]{0,40}){0,2},?\s*\(?\s*$")


def _abbreviates_name(before: str, ini: str, lex: Lexicon) -> bool:
    """"Nadia Bakker (hierna: N.B.)", "Esra Veldman (hierna: E.V.)": initials that also read as an abbreviation
    ("N.B.", "E.V.") are this person's name when they are the first and last letters of the name right before the
    cue, and that name has a known name word or no Dutch word."""
    m = _NAME_BEFORE_HIERNA.search(fold_caps(before.rsplit("hierna", 1)[0].rsplit("verder", 1)[0], lex))
    if m is None:
        return False
    words = surname_words(m.group("name"), lex)
    heads = re.findall(rf"(?<![\w])[{UPPER}]", m.group("name"))
    letters = re.sub(r"[^\w]", "", ini).upper()
    if not words or len(letters) != 2 or letters[0] not in heads[:-1] or words[-1][0] != letters[1]:
        return False
    return any(lex.is_name_word(p) or p.lower() not in lex.dutch for w in words for p in name_parts(w))


# A finite verb of a party right after a name: "M. Wolf heeft gesteld", "J. Kok verklaarde" (a list label such as
# "A. Inleiding" or "B. Feiten" is followed by no verb).
_PARTY_VERB_AFTER = re.compile(r"[ \t]+(?:heeft|had|stelt|stelde|verklaart|verklaarde|vordert|vorderde|betoogt|"
                               r"betoogde|ontkent|ontkende|woont|woonde|erkent|erkende|bestrijdt|betwist|betwistte)\b")


def find_initials_names(text: str) -> list[Mention]:
    """Initials used as the name itself, where a cue says so (never after an organisation's name)."""
    out: list[Mention] = []
    lex = get_lexicon()
    for rx in (_HIERNA_INITIALS, _CUE_INITIALS, _ACCENTED_INITIALS, _HONORIFIC_INITIAL, _HIERNA_ONE,
               _INITIALS_APPOSITION):
        for m in scan.finditer(rx, text):
            ini = m.group("ini").strip()
            before = text[max(0, m.start() - 120):m.start()]
            ok = _initials_ok(ini) or rx is _HIERNA_INITIALS and _abbreviates_name(text[max(0, m.start() - 80):
                                                                                         m.end()], ini, lex)
            if not ok or _ORG_NEAR.search(text[max(0, m.start() - 80):m.start()]) or \
                    _acronym_of_words(before, ini, lex):
                continue
            if (rx is _HONORIFIC_INITIAL or rx is _HIERNA_ONE) and re.search(rf"(?<![\w.\-]){ini[0]}(?![\w.\-])", text):
                continue  # the ruling names parties by bare letters ("A te B", "de heer A"): its own pseudonym
            out.append(Mention(m.start("ini"), m.start("ini") + len(ini), "PERSON", "rule:hierna"))
    # "Uit het huwelijk zijn twee kinderen geboren: S. en T.": children listed by one initial each after a colon.
    for m in scan.finditer(_CHILDREN_INITIALS, text) if ("kind" in text or "zoon" in text or "dochter" in text
                                                         or "minderjarig" in text) else ():
        if _BARE_LETTER.search(text):
            break  # the ruling names parties by bare letters ("A en B hebben twee kinderen: C. en D."): pseudonyms
        out += [Mention(m.start("list") + i.start(), m.start("list") + i.end(), "PERSON", "rule:hierna")
                for i in re.finditer(rf"[{UPPER}]\.", m.group("list"))]
    # "J.A.M. van der H.", "P.C. de R.": initials and a surname cut to its capital after its particle.
    for m in scan.finditer(_ABBREVIATED_SURNAME, text):
        if _in_office(text, m.start("name"), m.end("name")):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:hierna"))
    if any(len(re.findall(rf"[{UPPER}]", text[m.start:m.end])) >= 2 for m in out):
        out += _initials_style(text, out, lex)
    return out


_ABBREVIATION_AFTER = re.compile(r"\s?[.,]|\s?(?:nrs?|no)\b|\s?\d")
_NO_VOWEL = re.compile(r"[^\W\d_aeiouyAEIOUYà-æè-ïò-öù-üÀ-ÆÈ-ÏÒ-ÖÙ-Ü]{4,}")
_ABBREVIATED_SURNAME = re.compile(rf"(?<![\w.])(?P<name>{INITIALS}\s?(?:(?:{_TV_ALT}|(?i:{_TV_ALT}))\s+){{1,3}}"
                                  rf"[{UPPER}]\.)(?![\w\-])")


# In a ruling that names people by their initials alone (a cue found one: "verdachte (R.T.)"), other initials standing
# where a name stands are people too ("Volgens K.L. pakte ...", "belde Y.B. mij", "met S.E.A. naar", "A.-M.K."): not
# after an article, a number or an article reference ("het O.M.", "de R.C.", "art. 6 E.V.R.M."), not before a number
# ("A.B. 1995, 12"), not a known abbreviation, not the initials of the words right before them.
_LONE_INITIALS = re.compile(rf"(?<![\w.\-’'])(?P<ini>[{UPPER}]\.(?:-?[{UPPER}]\.){{1,3}})(?![\w\-’'])"
                            rf"(?!\s?(?:{TV}{NAME_WORD}|[{UPPER}]\.|\d))")
_NOT_A_NAME_BEFORE = re.compile(r"(?i:\b(?:de|het|een|der|den|des|art|artikel|nr|no|zie|jo|ex|en/of)\.?\s*|"
                                r"\d\s*|[(/]\s*)$")


# Initials that sign or act for an office ("voor deze, J.A.M.", "de controleur M. v.d. B.", "opgemaakt door H.K.,
# ambtenaar"): an official's, whom the initials style of the private persons does not reach.
_OFFICE_BEFORE = re.compile(r"(?i:\b(?:w\.g\.?|get\.|getekend|voor\s+deze|namens\s+deze|controleur|inspecteur|"
                            r"ambtenaar|griffier|rechter|raadsheer|voorzitter|secretaris|advocaat|mr|mrs|"
                            r"(?:opgemaakt|ondertekend|gewezen|uitgesproken|getekend)\s+door|verbalisant(?:en)?)"
                            r"[\s,:()]*)$")
_OFFICE_AFTER = re.compile(r"\s*,\s*(?:\w+\s+){0,2}(?i:ambtenaar|controleur|inspecteur|griffier|rechter|raadsheer|"
                           r"voorzitter|secretaris|medewerk(?:er|ster)\s+van\s+(?:de|het)\s+[A-Z]|werkzaam\s+bij)")


def _in_office(text: str, start: int, end: int) -> bool:
    return bool(_OFFICE_BEFORE.search(text, max(0, start - 40), start) or _OFFICE_AFTER.match(text, end))


def _initials_style(text: str, found: list[Mention], lex: Lexicon) -> list[Mention]:
    taken = {(m.start, m.end) for m in found}
    out = []
    for m in scan.finditer(_LONE_INITIALS, text):
        ini = m.group("ini")
        if (m.start("ini"), m.end("ini")) in taken or not _initials_ok(ini) or \
                ini.replace(".", "").replace("-", "").lower() in lex.legal_terms:
            continue
        before = text[max(0, m.start() - 120):m.start()]
        if _NOT_A_NAME_BEFORE.search(before[-12:]) or _ORG_NEAR.search(before[-80:]) or \
                _acronym_of_words(before, ini, lex) or _in_office(text, m.start("ini"), m.end("ini")):
            continue
        out.append(Mention(m.start("ini"), m.end("ini"), "PERSON", "rule:hierna"))
    return out


# Capitals where a cue reads them: a name in capitals before a birth bracket, a speaker's label in capitals at a
# line start, a name in capitals after a role word.
_CAPS_SPEAKER = re.compile(r"(?m)^[ \t]*[A-Z]{2,}[A-Z' \-]*:[ \t]")


def _caps_after_cue(text: str) -> bool:
    low = text.lower()
    if "(geb" in low or _CAPS_SPEAKER.search(text):
        return True
    for key in _CAPS_ROLE_KEYS:
        at = low.find(key)
        while at >= 0:
            if _CAPS_AFTER_KEY.match(text, at + len(key)):
                return True
            at = low.find(key, at + len(key))
    return False


_CAPS_AFTER_KEY = re.compile(r"\w*\s*[,:]?[ \t]+[A-Z]{2}")


def _couples(text: str, found: list[Mention], lex: Lexicon) -> list[Mention]:
    """The first of a couple sharing a surname: "Peter en Yvonne Lantinga" (a first name and "en" before a first name
    and surname found)."""
    out = []
    for m in found:
        if m.recogniser != "rule:lexicon-name" or text[m.start:m.end].split()[0].lower() not in lex.first_names:
            continue
        c = _COUPLE_BEFORE.search(text, max(0, m.start - 40), m.start)
        if c and c.group("first").lower() in lex.first_names and c.group("first").lower() not in lex.legal_terms:
            out.append(Mention(c.start("first"), c.end("first"), "PERSON", "rule:first-name"))
    return out


def _abbreviation_caps(surface: str, lex: Lexicon) -> bool:
    caps = [w for w in surname_words(surface, lex) if w.isupper()]
    return bool(caps) and all(len(w) <= 4 and w.lower() not in lex.surnames for w in caps)


def find_person_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Person names found by form, in the text and in its capitals case-folded (``fold_caps``)."""
    out = _person_forms(text, lex)
    folded = fold_caps(text, lex)
    if folded != text:
        seen = {(m.start, m.end) for m in out}
        for f in _person_forms(folded, lex):
            if (f.start, f.end) not in seen and text[f.start:f.end] != folded[f.start:f.end]:
                if _abbreviation_caps(text[f.start:f.end], lex):
                    continue  # "A & B. De STE": an abbreviation of four capitals or fewer is no surname
                out.append(f.with_(recogniser="rule:caps"))
    for h in scan.finditer(_CAPS_HEADING, text):
        # "AYŞE DEMIR EN MEHMET DEMIR": two people; "GEMEENTE UTRECHT", "DE STAAT DER NEDERLANDEN": no person.
        base = h.start("name")
        for part in re.finditer(r"(?:(?![ \t]EN[ \t]).)+", h.group("name")):
            if _party_name(folded[base + part.start():base + part.end()], lex):
                out.append(Mention(base + part.start(), base + part.end(), "PERSON", "rule:caps"))
    for h in scan.finditer(_CAPS_LIST_ITEM, text):
        # "1. AYŞE DEMIR en\n\n2. ...": a numbered party in capitals, with a known name word among its words.
        name = folded[h.start("name"):h.end("name")]
        # Unknown names count when a party label stands just before the list ("appellanten,\n\n1. ...").
        labelled = bool(_PARTY_LABEL_NEAR.search(text[max(0, h.start() - 200):h.start()]))
        if _party_name(name, lex) and not _ORG_NEAR.search(h.group("name")) and (labelled or any(
                lex.is_name_word(p) for w in surname_words(name, lex) for p in name_parts(w))):
            out.append(Mention(h.start("name"), h.end("name"), "PERSON", "rule:caps"))
    for h in scan.finditer(_PARTY_LINE, text):
        # The place under "in de strafzaak tegen" with a birth line below is a person's: only a legal term is not.
        if not any(w.lower() in lex.legal_terms for w in surname_words(h.group("name"), lex)):
            out.append(Mention(h.start("name"), h.end("name"), "PERSON", "rule:party-line"))
    out += _role_cue_names(text, lex)
    out += _cued_names(text, lex)
    if folded != text and _caps_after_cue(text):
        # "LUNA (geboren 2 april 2012)", "BOER: Morgen.", "verbalisanten DE VRIES": the cues in capitals, folded
        seen = {(m.start, m.end) for m in out}
        out += [f.with_(recogniser="rule:caps") for f in [*_cued_names(folded, lex), *(
                    r for r in _role_cue_names(folded, lex) if not _abbreviation_caps(text[r.start:r.end], lex))]
                if (f.start, f.end) not in seen and text[f.start:f.end] != folded[f.start:f.end]]
    out += _surname_shape_names(text, lex)
    out += _lone_unknown_names(text, lex)
    out += _bare_surname_subjects(text, lex)
    out += _possessive_relations(text, lex)
    out += _defined_surnames(text, lex)
    out += _particle_surnames(text, lex)
    for h in _party_roles_after(text):
        # "Van Asperen, eiser tot cassatie, ... tegen Wolters, verweerder in cassatie": the parties of a cassation
        if _party_name(h.group("name"), lex) and not _ORG_NEAR.search(h.group("name")) and \
                not _PLACE_BEFORE.search(text, max(0, h.start() - 12), h.start()):  # "wonende te Delden,"
            out.append(Mention(h.start("name"), h.end("name"), "PERSON", "rule:party-line"))
    for h in scan.finditer(_BETWEEN_PARTIES, text) if "tussen" in text else ():
        if _party_name(h.group("name"), lex) and not _ORG_NEAR.search(h.group("name")):
            out.append(Mention(h.start("name"), h.end("name"), "PERSON", "rule:party-line"))
    out = [k for m in out for k in [_cut_at_line(text, m, lex)] if k]
    out += _couples(text, out, lex)
    out += name_fields(text, folded, lex)
    firsts = find_first_names(text, lex)
    if folded != text:  # a first name alone in capitals ("KOWALSKI, MAŁGORZATA", "VOORNAMEN: PIETER")
        # An abbreviation ("CIS", "DOT") is no first name: four capitals or fewer count only after an inverted
        # surname ("DEMIR, ANS").
        firsts += [f.with_(recogniser="rule:caps") for f in find_first_names(folded, lex)
                   if text[f.start:f.end].isupper() and (f.end - f.start >= 5 or re.search(
                       rf"[{UPPER}]{{2,}},[ \t]*$", text[max(0, f.start - 40):f.start]))]
    return _drop_contained(out + find_initials_names(text) + firsts)


# A header field that names a person: "Naam: JANSEN", "Voornamen: Pieter Willem", "Naam verdachte: PIETERSEN, Jan".
_NAME_FIELD = re.compile(r"(?im)^[ \t]*(?:(?:volledige\s+|achter|familie|geslachts|roep|voor)?naam|voornamen|"
                         r"naam\s+(?:verdachte|betrokkene|cliënte?|cliente?|aangever|aangeefster|slachtoffer|getuige|"
                         r"eiser|eiseres|verzoeker|verzoekster|appellante?|moeder|vader|kind|minderjarige)|"
                         # a form's role label: "SLACHTOFFER: WIERSMA, ANNA", "Aangever: Okan Yıldız"
                         r"slachtoffer|aangever|aangeefster|getuige|benadeelde|"
                         # a role only a natural person plays: "Verdachte: PIETERSEN, Jan Willem"
                         r"verdachte|medeverdachte|betrokkene|verzekerde|minderjarige|cliënte?|patiënte?)"
                         rf"[ \t]*:[ \t]*(?P<value>[{UPPER}][^\n:\[\]()\d]{{1,80}}?)[ \t]*[,.]?[ \t]*$")
_PARTICLE_BEFORE_CAPITAL = re.compile(rf"(?<![\w\-])(?:van|de|der|den|ter|ten|in\s+['’]t|op\s+de|von)\s+[{UPPER}]")
_LOWER_WORD = re.compile(r"(?<![\w\-’'.])[a-zà-ÿ][a-zà-ÿ’']*(?![\w\-.])")
_FIELD_WORD = re.compile(rf"[{UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*")


def name_fields(text: str, folded: str, lex: Lexicon) -> list[Mention]:
    """The value of a name field: every capitalised word of it is a name unless it is an ordinary Dutch word,
    a legal term or a place; in capitals it is read case-folded. A company (B.V., Stichting) is no person."""
    out: list[Mention] = []
    for m in _NAME_FIELD.finditer(folded):
        value = m.group("value")
        if _ORG_NEAR.search(text[m.start("value"):m.end("value")]):
            continue
        if any(w not in lex.tussenvoegsels and w != "en" for w in _LOWER_WORD.findall(value)):
            continue  # "Verdachte: Ik zag hem bij de Kruidvat": a transcript's sentence, not a name
        words = [w for w in _FIELD_WORD.findall(value) if w.lower() not in lex.tussenvoegsels]
        if not words or any(w.lower() in lex.legal_terms or w.lower() in lex.places and not lex.is_name_word(w)
                            for w in words):
            continue
        # "Naam: VAN DER STEEN": a particle before a capitalised word makes it a surname, even one that is a word
        if not any(lex.is_name_word(p) or p.lower() not in lex.dutch for w in words for p in re.split(r"['’\-]", w)
                   if p) and not _PARTICLE_BEFORE_CAPITAL.search(value):
            continue
        out.append(Mention(m.start("value"), m.end("value"), "PERSON", "rule:name-field"))
    return out


# Words that say the person named next to them is private: a party, a witness or a relative. Professional formats
# (policy's linking of kept officials, professional's author tails) give way to them.
PRIVATE_CUE_WORDS = (r"getuige|verdachte|slachtoffer|aangever|aangeefster|eiser|eiseres|appellant|appellante|verzoeker|"
                     r"verzoekster|belanghebbende|betrokkene|zoon|dochter|vader|moeder|broer|zus|echtgeno\w{1,3}|partner")
# The same with the other relations and acquaintances: a private person's words right before a name.
PERSON_CUE_WORDS = (rf"{PRIVATE_CUE_WORDS}|zwager|schoon\w{{2,8}}|neef|nicht|oom|tante|vriend(?:in)?|buurman|"
                    r"buurvrouw")
_PARTY_LABEL_NEAR = re.compile(rf"(?i:(?<![\w\-])(?:{PARTY_LABELS}|klagers|opposanten|requestranten)\b)")
_CAPS_LIST_ITEM = re.compile(rf"(?m)^[ \t]*\d{{1,2}}[.)][ \t]+(?P<name>[{UPPER}][{UPPER}'’\-]{{1,40}}"
                             rf"(?:[ \t]+[{UPPER}'’\-]{{1,40}}){{1,5}})"
                             r"(?=[ \t]*(?:[,(;.]|\n|$|[ \t](?:te|en|EN|wonende)\b))")
# A party's name on the line under "in de strafzaak tegen", with the birth or residence line below it ("Ioan
# Popescu,\ngeboren op ...", "M. Steen ,\nverblijvende in ...").
_PARTY_LINE = re.compile(rf"(?im:(?<![\w\-])(?:tegen|inzake|in\s+zake|in\s+de\s+zaak\s+van)\s*:?[ \t]*\n[ \t]*)"
                         rf"(?P<name>(?:{INITIALS}\s?|{FIRST}\s+){{1,3}}{TV}{SURNAME})[ \t]*,?[ \t]*(?:\n[ \t]*)?"
                         r"(?=geboren|wonende|woonachtig|verblijvende|thans|zonder\s+vaste)")


# A place's preposition or an article right before a capitalised word: "wonende te Delden", "in Rostov", "een
# Kalashnikov" - a place or a thing, not a person's name.
_PLACE_BEFORE = re.compile(r"(?i:\b(?:te|in|uit|naar|vanuit|nabij|gevestigd|wonende|regio|stad|provincie|een|de|het|"
                           r"der)\s+)$")
# A party named before its role in the proceedings: "Wolters, verweerder in cassatie", "J. Smit, eiser tot cassatie",
# "P. de Vries, appellant in hoger beroep".
_PARTY_ROLE_CUE = re.compile(r",\s*(?i:eiser|eiseres|verweerder|verweerster|verzoeker|verzoekster|appellant|appellante|"
                             r"gedaagde|geïntimeerde|requirant|requirante|belanghebbende)\s+(?:tot|in)\s+"
                             r"(?i:cassatie|hoger\s+beroep|revisie|het\s+incident)\b")
_PARTY_ROLE_NAME = re.compile(rf"(?<![\w.\-’'])(?P<name>(?:{INITIALS}\s?|{FIRST}\s+){{0,3}}{TV}{SURNAME})\s*$")


# The parties of the proceedings named in the case's opening: "in het geding tussen Abebe Tadesse Girma en
# appellant", "in de zaak tussen Olena van Dijk, te Assen, en het college" - a name in name case (checked with
# ``_party_name``) between "tussen" and "en" or a residence.
_BETWEEN_PARTIES = re.compile(
    r"\b(?:geding|zaak|geschil|procedure|gedingen|zaken)\s+tussen(?:\s*:)?\s+"
    rf"(?P<name>(?:{INITIALS}\s?)?(?:{TV})?[{UPPER}][{LOWER}][\w’'\-]*"
    rf"(?:[ \t]+(?:{TV})?[{UPPER}][{LOWER}][\w’'\-]*){{0,4}})"
    r"(?=\s*(?:,\s*(?:te|wonende|wonend|woonachtig)\b|\s+en\s))")


def _party_roles_after(text: str) -> list[re.Match[str]]:
    """The names right before a party's role in the proceedings, read back from each role (the cue first)."""
    out = []
    for c in scan.finditer(_PARTY_ROLE_CUE, text):
        m = _PARTY_ROLE_NAME.search(text, max(0, c.start() - 80), c.start())
        if m:
            out.append(m)
    return out
# A name after a party or procedural role of criminal and civil rulings, a colon allowed ("Verdachte: Ayşe Kaya",
# "aangever Okan Yıldız", "het slachtoffer, Elif Kaya"). The name must carry evidence as after a role noun.
# Police ranks too: the courts pseudonymise officers named in the file ("[verbalisant 2]"); "Hoofdagent P. Vos".
# The roles of private persons that cue the name after them ("aangever Bakker", "verdachte, Jansen,"), in one table:
# True where only a natural person plays the role, so that after it a surname that is also a word is the name. The
# masculine party roles count: Dutch legal writing calls a company "eiseres", "appellante" (de vennootschap), so
# "eiser Bakker", "appellant Visser" is a man. Not "verweerder": that is also the administrative body ("verweerder,
# Senter,"). Police ranks are all a person's.
_PRIVATE_ROLES: dict[str, bool] = {
    "verdachte": True, "medeverdachte": True, "aangever": True, "aangeefster": True, "slachtoffer": True,
    "verbalisant": True, "werknemer": True, "werkneemster": True, "eiser": True, "appellant": True, "verzoeker": True,
    "klager": True,
    "benadeelde partij": False, "benadeelde": False, "betrokkene": False, "verzoekster": False, "appellante": False,
    "eiseres": False, "gedaagde": False, "verweerder": False, "verweerster": False, "belanghebbende": False,
    "klaagster": False, "huurder": False, "verhuurder": False, "cliënt": False, "cliënte": False,
}
_POLICE_RANKS = ("hoofdagent", "politieagent", "agent van politie", "brigadier", "rechercheur", "surveillant",
                 "hoofdwachtmeester", "opperwachtmeester", "wachtmeester", "adjudant")



_ROLE_CUE = re.compile(rf"(?i:\b(?:{word_alternation([*_PRIVATE_ROLES, *_POLICE_RANKS])}))\s*[,:]?[ \t]+"
                       rf"(?P<name>{FULLNAME})")


# A name the text introduces as one: a nickname or call name ("bekend als "Blonde Henk"", "alias Djú", "ene Mo",
# "(roepnaam Peter)"), a name with its birth date in brackets ("Fleur (geboren op 17 november 2011)"), a first name
# after a grandparent's or relative's word ("opa Ben", "Ome Kees"), the first of a couple sharing a surname ("Peter en
# Yvonne Lantinga").
# Not "genaamd" / "genoemd": "verder genaamd Heijmans" defines a party's short name, "Beneken genaamd Kolmer" is a
# double surname (*located by switching off*: it replaced a company on the held sections half 54 times).
# "bekend als" only with the nickname in quotes ("stond bekend als "de Kale""): a company "voorheen bekend als X" is
# not a person (*located by switching off*: 44 company mentions on the held sections half).
_NICKNAME_CUE = re.compile(rf"(?i:\b(?:alias|bijnaam|roepnaam|die\s+(?:hij|zij|ze|men)\s+kende\s+als|(?<![Dd]e\s)ene))"
                           rf"\s*:?\s*[\"“„'‘]?(?P<name>{FIRST}(?:\s+{TV}{NAME_WORD}){{0,2}})[\"”'’]?(?![\w\-])"
                           rf"|(?i:\bbekend\s+(?:stond\s+)?als)\s*:?\s*[\"“„'‘](?P<quoted>{FIRST}(?:\s+{TV}{NAME_WORD}){{0,2}})"
                           rf"[\"”'’]"
                           # a name in quotes that someone is called by: "door iedereen "Mo" genoemd", "ook wel "Blonde
                           # Henk" genoemd" (quoted only: "verder genoemd Heijmans" names a party, see above)
                           rf"|(?i:\b(?:iedereen|men|wel|vrienden|zij|hij|ze|ook))\s+[\"“„'‘](?P<called>{FIRST}"
                           rf"(?:\s+{TV}{NAME_WORD}){{0,2}})[\"”'’]\s+(?i:genoemd|noemde|noemden|noemen|noemt)\b")
_BIRTH_BRACKET = re.compile(rf"(?<![\w\-’'.])(?P<name>{FIRST})\s*\((?:geboren|geb\.)\s+(?:op\s+|in\s+)?\d")
# A child, relative or neighbour called by the first name: "hun zoon Daan", "de minderjarige Fatima", "dochter Lisa
# (2010)", "de zoon van verzoekers, Thijs", "opa Ben", "Ome Kees", "buurman Hans".
_FAMILY_WORDS = ("zoon", "zoontje", "dochter", "dochtertje", "kind", "kinderen", "minderjarige", "pleegkind",
                 "kleinkind", "kleinzoon", "kleindochter", "broer", "broertje", "zus", "zusje", "zuster", "neef",
                 "nicht", "stiefzoon", "stiefdochter", "baby", "jongen", "meisje", "opa", "oma", "ome", "opoe", "pake",
                 "beppe", "papa", "mama", "pleegvader", "pleegmoeder", "stiefzus", "stiefbroer", "halfbroer", "halfzus",
                 "tante", "oom", "buurvrouw", "buurman", "vriend", "vriendin")
_FAMILY_CUE = re.compile(rf"(?i:\b(?:{'|'.join(_FAMILY_WORDS)})(?:\s+en\s+\w+)?)"
                         # whose child: "de zoon van verzoekers, Thijs"
                         r"(?:\s+van\s+(?:de\s+|het\s+|zijn\s+|haar\s+)?[a-zà-ÿ]{3,20}(?=,))?"
                         # with the surname when one follows ("oom Kees Wolf": the first name alone would hide the
                         # surname from the model's longer span)
                         rf",?\s+(?P<name>{FIRST})(?:[ \t]+(?P<sur>{TV_STRICT}{SURNAME}))?(?![\w\-])")
# The children of a family: "de ouders van Mei-Lin en Jayden", "Uit het huwelijk zijn geboren: Elif (2006), Yusuf
# (2009) en Zeynep (2014)" (a first name with its birth year after a word of birth or children).
_PARENTS_OF = re.compile(rf"\bouders\s+van\s+(?P<n1>{FIRST})(?:\s*,\s*(?P<n2>{FIRST}))?(?:\s+en\s+(?P<n3>{FIRST}))?"
                         rf"(?![\w\-])(?!\s+{TV}[{UPPER}])")
_YEAR_BRACKET = re.compile(rf"(?<![\w\-’'.])(?P<name>{FIRST})\s*\((?:19|20)\d{{2}}\)")
_CHILDREN_CUE = re.compile(r"(?:geboren|kinderen|minderjarigen?|kind|zoons?|dochters?)\b")  # read in lower case
_CAPITALISED_BEFORE = re.compile(rf"(?P<w>[{UPPER}][\w'’\-]*)[ \t]+$")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")
# Read back from a first name and surname already found ("Yvonne Lantinga"): a first name and "en" right before.
_COUPLE_BEFORE = re.compile(rf"(?<![\w\-’'.])(?P<first>{FIRST})\s+en\s+$")
# A transcript: lines opening with a speaker's name and a colon ("Mo: Heb je het al?", "BOER: Morgen.").
_SPEAKER_LINE = re.compile(rf"(?m)^[ \t]*(?P<name>[{UPPER}][\w'’\-]*(?:[ \t]+{TV}[{UPPER}][\w'’\-]*){{0,2}})[ \t]*:"
                           rf"[ \t]+\S[^\n]*$")
_FORM_LABEL = re.compile(r"(?i:\w*(?:naam|namen|datum|nummer|plaats|adres|kenmerk)|geboren|geboorte\w*|"
                         r"woon\w*|adres|beroep|nationaliteit|telefoon\w*|e-?mail|bsn|postcode|datum|tijd|plaats|"
                         r"geslacht|leeftijd|burgerlijke\s+staat|kenteken|merk|type)$")
_GENERIC_SPEAKERS = frozenset({"verdachte", "medeverdachte", "getuige", "verbalisant", "vraag", "antwoord", "v", "a",
                               "vrouw", "man", "nn", "nn-man", "nn-vrouw", "onbekend", "onbekende", "naam", "adres",
                               "datum", "tijd", "betreft", "van", "aan", "onderwerp", "cc", "bijlage", "noot",
                               "opmerking", "beller", "gebelde", "tolk", "raadsman", "advocaat", "voorzitter",
                               "officier", "rechter", "griffier", "slachtoffer", "aangever", "moeder", "vader",
                               "sessie", "gesprek", "inkomend", "uitgaand"})


_SPOKEN_WORD = re.compile(r"[^\W\d_]{2,}")


def _speaker_labels(text: str, lex: Lexicon) -> list[Mention]:
    """Speakers of a transcript: two or more adjacent lines "X: ..." with at least two different labels."""
    out: list[Mention] = []
    lines = list(scan.finditer(_SPEAKER_LINE, text))
    i = 0
    while i < len(lines):
        block = [lines[i]]
        while i + 1 < len(lines) and "\n" not in text[lines[i].end() + 1:lines[i + 1].start()] and \
                text.count("\n", lines[i].end(), lines[i + 1].start()) == 1:
            i += 1
            block.append(lines[i])
        i += 1
        if len(block) < 2 or len({b.group("name").lower() for b in block}) < 2 or any(
                _FORM_LABEL.match(b.group("name")) for b in block):
            continue  # a form ("Naam: ...", "Voornamen: ...") is no conversation
        if not any(_SPOKEN_WORD.search(text, b.end("name"), b.end()) for b in block):
            continue  # "WPO: 12.10.2015\nWP1: 3.11.2015": a list of dates or figures, nobody speaks
        before = len(out)
        speech = any(b.group("name").lower() in _GENERIC_SPEAKERS for b in block)
        for b in block:
            label = b.group("name")
            folded = fold_caps(label, lex) if label.isupper() else label
            words = surname_words(folded, lex)
            if label.lower() in _GENERIC_SPEAKERS or not words or any(c.isdigit() for c in label) or any(
                    w.lower() in lex.legal_terms or w.lower() in _GENERIC_SPEAKERS for w in words):
                continue
            if any(lex.is_name_word(w) or w.lower() not in lex.dutch and w.lower() not in lex.vocabulary
                   and not lex.dutch_compound(w) for w in words):
                out.append(Mention(b.start("name"), b.end("name"), "PERSON", "rule:role-noun"))
        # who the speakers talk about: a known first name in the utterances ("Weet jij waar Ruben is?"), and inside a
        # sentence any capitalised name word that is no Dutch word, place or term, with its particle ("Hij gaat zijn
        # mond opentrekken over El Amrani"): speech capitalises nothing else.
        for b in block:
            for w in _UTTERANCE_NAME.finditer(text, b.end("name"), b.end()):
                low = w.group("name").lower()
                if low in lex.dutch or low in lex.legal_terms or low in lex.places or low in lex.common_words:
                    continue
                # only where the labels are speakers (a name or "verdachte", "NN-man"), not a bibliography's
                # "Handboeken: ..." lines; not after an article ("bij de Action": a shop)
                inside = (speech or len(out) > before) and not _SENTENCE_OPENS.search(text, b.end("name"), w.start()) \
                    and not re.fullmatch(r"[:\s]*", text[b.end("name"):w.start()]) \
                    and not _ARTICLE_END.search(text, max(0, w.start() - 5), w.start())
                if low in lex.first_names or inside and (w.group("tv") or low not in lex.vocabulary):
                    out.append(Mention(w.start(), w.end("name"), "PERSON", "rule:first-name"))
    return out


# Cheap guards: each format is scanned only where one of its key words occurs at all (lower-case substrings; a
# scan has a fixed cost per call, a case-insensitive search over the text too).
_CUE_GUARDS = (
    (_NICKNAME_CUE, ("alias", "bijnaam", "roepnaam", "kende als", "bekend", "ene ", "noem")),
    (_BIRTH_BRACKET, ("(geboren", "(geb.")),
    (_FAMILY_CUE, _FAMILY_WORDS),
)


def _family_surname(sur: str, lex: Lexicon) -> bool:
    """The capitalised words after a family word's first name are its surname ("oom Kees Wolf", "zoon Daan de
    Vries"), unless one is a function word, a legal term or a place that is no surname ("zoon Daan in Utrecht" is
    read up to the first name only)."""
    words = surname_words(sur, lex)
    return bool(words) and not any(
        w.lower() in lex.stop_words or w.lower() in lex.legal_terms or
        w.lower() in lex.places and w.lower() not in lex.surnames for w in words)


def _cued_names(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    low = text.lower()
    for rx, keys in _CUE_GUARDS:
        if not any(k in low for k in keys):
            continue
        for m in scan.finditer(rx, text):
            g = next((k for k in ("quoted", "called") if rx is _NICKNAME_CUE and m.group(k)), "name")
            # a first name that is also a particle ("opa Ben") is still the name
            words = surname_words(m.group(g), lex) or ([m.group(g)] if " " not in m.group(g) else [])
            if not words or any(w.lower() in lex.legal_terms or w.lower() in lex.places for w in words):
                continue
            if g == "called" and not any(w.lower() in lex.first_names for w in m.group(g).split()):
                continue  # "de maatstaf, ook wel "Haviltex" genoemd": a name people are called by has a first name
            # after a family word a plain Dutch word is no name ("kind Zorg"), a capitalised first name is, even a
            # word ("opa Ben", "dochter Roos")
            if rx is not _NICKNAME_CUE and not any(lex.is_name_word(w) or w.lower() not in lex.dutch for w in words) \
                    and not (rx is _FAMILY_CUE and all(w.lower() in lex.first_names for w in words)):
                continue
            before = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if rx is not _BIRTH_BRACKET and before and not (
                    before.group("w").lower() in lex.stop_words and _SENTENCE_OPENS.search(text, 0, before.start())):
                continue  # "Cafetaria Bij Ome Joop", a business name; not "Hun zoon Daan" opening a sentence
            end = m.end(g)
            if rx is _FAMILY_CUE and m.group("sur") and _family_surname(m.group("sur"), lex):
                end = m.end("sur")
            out.append(Mention(m.start(g), end, "PERSON", "rule:role-noun"))
    for m in scan.finditer(_PARENTS_OF, text) if "ouders van" in text else ():
        for g in ("n1", "n2", "n3"):
            w = (m.group(g) or "").lower()
            if w and (w in lex.first_names or w not in lex.dutch) and w not in lex.legal_terms and w not in lex.places:
                out.append(Mention(m.start(g), m.end(g), "PERSON", "rule:first-name"))
    for m in scan.finditer(_YEAR_BRACKET, text) if ("(19" in text or "(20" in text) and _CHILDREN_CUE.search(low) \
            else ():
        w = m.group("name").lower()
        if (w in lex.first_names or w not in lex.dutch) and w not in lex.legal_terms and w not in lex.places and \
                _CHILDREN_CUE.search(low, max(0, m.start() - 150), m.start()):
            out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:first-name"))
    # "KARAMAN, Erdal,\ngeboren te ...", "De Vries, Johannes Pieter, wonende te ...": the surname first, then the
    # first names, on a line of its own before the birth or residence of a criminal or civil heading.
    for m in scan.finditer(_INVERTED_NAME, text) if "geb" in low or "wonend" in low or "woonachtig" in low else ():
        if m.group("first").split()[0].lower() in lex.first_names and \
                m.group("sur").lower() not in lex.legal_terms and m.group("sur").lower() not in lex.places:
            out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:lexicon-name"))
    # "Cornelis (Kees) Dubbeldam", "Hendrika (Riek) Jonkman-Leeuw": a first name, the call name in brackets, the
    # surname - one person's full name, whatever stands around it.
    for m in scan.finditer(_CALL_NAME_IN_BRACKETS, text) if "(" in text else ():
        if m.group("first").lower() in lex.first_names and m.group("call").lower() in lex.first_names and \
                surname_words(m.group("sur"), lex):
            out.append(Mention(m.start("first"), m.end("sur"), "PERSON", "rule:lexicon-name"))
    out += _speaker_labels(text, lex)
    return out


_CAPS_SURNAME = rf"(?:[{UPPER}][{UPPER}'’]*[ \t]+){{0,3}}[{UPPER}][{UPPER}'’]+(?:-[{UPPER}][{UPPER}'’]+)?"
_INVERTED_NAME = re.compile(rf"(?m)^[ \t]*(?P<name>(?P<sur>{TV}{SURNAME}|{_CAPS_SURNAME}),[ \t]+"
                            rf"(?P<first>{FIRST}(?:[ \t]+{FIRST}){{0,3}}))[ \t]*,?[ \t]*\n?[ \t]*"
                            r"(?:geboren|geb\.|wonende|wonend|woonachtig)\b")
_CALL_NAME_IN_BRACKETS = re.compile(rf"(?<![\w\-’'.])(?P<first>{FIRST})[ \t]+\((?P<call>{FIRST})\)[ \t]+"
                                    rf"(?P<sur>{TV}{SURNAME})")


# The plural: "verbalisanten DE VRIES en EL HADDAOUI", "de getuigen Jansen, Smit en Bakker".
_PLURAL_KEYS = ("verbalisanten", "getuigen", "verdachten", "medeverdachten", "slachtoffers", "aangevers")
# The guard of the capitals pass after a role word, read from the role cues' own lists so that they stay in step.
_CAPS_ROLE_KEYS = tuple(sorted({w.split()[0] for w in (*_PRIVATE_ROLES, *_POLICE_RANKS, *_PLURAL_KEYS)}))
_PLURAL_ROLE_CUE = re.compile(rf"(?i:\b(?:{'|'.join(_PLURAL_KEYS)}))"
                              rf"\s*[,:]?[ \t]+(?P<list>{FULLNAME}(?:\s*(?:,|\sen)\s+{FULLNAME}){{1,6}})")


def _role_cue_names(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    low = text.lower()
    # (start, name, whether the cue is a role only a natural person plays)
    matches = [(m.start("name"), m.group("name"), bool(_PERSON_ONLY_CUE.match(text, m.start())))
               for m in scan.finditer(_ROLE_CUE, text)]
    for m in scan.finditer(_PLURAL_ROLE_CUE, text) if any(k in low for k in _PLURAL_KEYS) else ():
        person_only = not m.group(0).lower().startswith("getuigen")
        matches += [(m.start("list") + n.start(), n.group(0), person_only)
                    for n in _LIST_ITEM.finditer(m.group("list"))]
    for start, name, person_only in matches:
        if _PREPOSITION_OPENS.match(name) and not re.match(rf"{SURNAME_PARTICLE}\s", name):
            continue  # "appellant in de FML", "verdachte van de groep": a preposition phrase, not a particle
        words = [p for w in surname_words(name, lex) for p in name_parts(w) if len(p) > 1]
        if not words or any(w.lower() in lex.legal_terms for w in words):
            continue
        # An initial, a known name word that is no ordinary Dutch word or place ("verweerder Staat" is no person),
        # or two words of which none is an ordinary Dutch word.
        # A known surname that only looks like an inflected word ("Geurts": "geurt" + s) is plain; a word the
        # lemma tables list as it stands ("Staat") is not.
        plain = [w for w in words if not (w.lower() in lex.dutch or lex.dutch_form(w) and not lex.is_name_word(w))
                 and w.lower() not in lex.places]
        # After a role only a person plays, a known surname that is a word, or a word no list knows, is the name
        # ("aangever Bakker", "verbalisanten DE VRIES en EL HADDAOUI").
        if "." in name or any(lex.is_name_word(w) for w in plain) or (len(words) >= 2 and len(plain) == len(words)) \
                or _unknown_first_and_particle(name, words, lex) \
                or _first_name_and_unknown_surname(words, plain, lex) \
                or person_only and (_surname_after_cue(words, lex) or len(plain) == len(words) and not any(
                    lex.dutch_compound(w) or w.lower() in lex.vocabulary for w in words)):
            out.append(Mention(start, start + len(name), "PERSON", "rule:role-noun"))
    return out


def _first_name_and_unknown_surname(words: list[str], plain: list[str], lex: Lexicon) -> bool:
    """"Verzoeker, Frans Bammens,": after a role cue, a known first name that is also a Dutch word ("Frans", "Roos",
    "Mark") and a surname no list and no dictionary knows make a person's name."""
    return len(words) == 2 and words[0].lower() in lex.first_names and words[0].lower() not in lex.legal_terms \
        and words[1] in plain and not lex.dutch_compound(words[1])


def _unknown_first_and_particle(name: str, words: list[str], lex: Lexicon) -> bool:
    """"Eiseres, Olena van Dijk,": a first name no list knows (no Dutch word either), a particle in lower case and a
    known surname make a person's name even when the surname is a word ("Dijk")."""
    tokens = name.split()
    return len(tokens) >= 3 and tokens[0][:1].isupper() and tokens[0].lower() not in lex.dutch \
        and tokens[0].lower() not in lex.places and tokens[1] in lex.tussenvoegsels \
        and bool(words) and words[-1].lower() in lex.surnames


_PREPOSITION_OPENS = re.compile(r"(?:in|op|aan|bij|met|voor|uit|over|naar)\s|van\s+(?:de|het)\s")
_LIST_ITEM = re.compile(rf"(?:^|(?<=,\s)|(?<=\sen\s)){FULLNAME}")


# Endings that only surnames of Central and Eastern Europe, the Balkans, the Caucasus and Turkey have ("Popescu",
# "Munteanu", "Kovalenko", "Adamczuk", "Kazlauskas", "Petrauskaitė", "Stankevičius", "Petrović", "Wiśniewski",
# "Lewandowska", "Mickiewicz", "Beridze", "Kapanadze", "Gelashvili", "Petrosyan", "Yılmazoğlu", "Ivanova"): a word
# of six letters or more with such an ending, that no list knows as a word or place, is a surname wherever it stands.
_SHAPE_ENDINGS = (r"escu|eanu|enko|chuk|czuk|czyk|czak|poulos|akis|idis|aitis|aitė|aitytė|ienė|auskas|evičius|evicius|"
                  r"avičius|avicius|ović|ovic|"
                  r"ević|evic|ski|ska|cki|cka|wicz|dze|shvili|yan|oğlu|oglu|ova|eva|ov|ev")
# Found from the ending back to the capital (a pattern opening with the name is tried at every capital).
_SHAPE_END = re.compile(rf"[{LOWER}](?:{_SHAPE_ENDINGS})(?![\w\-’'])")
_SURNAME_SHAPE = re.compile(rf"(?<![\w\-.’'])(?P<name>[{UPPER}][{LOWER}]{{2,30}}(?:{_SHAPE_ENDINGS}))$")


# A verb only a person does, right after a lone word: "Oyelaran heeft ter zitting verklaard dat hij ...".
# Verbs only a person does (no company, no cited author), after "heeft"/"had" and finite; shared by the lone unknown
# word (with the verbs a company does too, below) and the bare surname as subject (with the verbs of a person's life).
_PERSON_ONLY_PARTICIPLES = r"ontkend|bekend|gewoond|geslagen|geschopt|gelogen"
_PERSON_ONLY_FINITE = r"ontkent|ontkende|bekent|bekende|woont|woonde|sloeg|schopte|loog|huilde|vluchtte|rende"
_PERSON_VERB_AFTER = re.compile(rf"[ \t]+(?:heeft|had)\b[^.;:\n]{{0,60}}\b(?:{_PERSON_ONLY_PARTICIPLES}|verklaard|"
                                r"gezegd|gebeld|gewerkt|gedreigd)\b|"
                                rf"[ \t]+(?:{_PERSON_ONLY_FINITE}|verklaart|verklaarde|zegt|zei|werkte|dreigde)\b")
_LONE_CAPITAL = re.compile(rf"(?<![\w\-.’'])[{UPPER}][{LOWER}]{{3,30}}(?![\w\-’'.])")


# What a company also does (verklaren, zeggen, bellen, werken, dreigen): with "zij" it may be a company.
_COMPANY_TOO = re.compile(r"verklaar|gezegd|zegt|zei|gebeld|gewerkt|werkte|gedreigd|dreigde")


def _person_sentence(text: str, end: int) -> bool:
    """After a lone word: a verb only a person does, and in the rest of the sentence "hij"/"hem", or "zij"/"haar"
    with a verb no company does ("ontkent", "woonde", "sloeg")."""
    verb = _PERSON_VERB_AFTER.match(text, end)
    if not verb:
        return False
    rest = text[end:end + 160].split(".")[0]
    if re.search(r"\b(?:hij|hem)\b", rest):
        return True
    return bool(re.search(r"\b(?:zij|haar)\b", rest)) and not _COMPANY_TOO.search(verb.group(0))


def _lone_unknown_names(text: str, lex: Lexicon) -> list[Mention]:
    """A word no list knows, used alone as a person at least twice ("Oyelaran heeft ter zitting verklaard dat hij
    ... nu Oyelaran daarvan geen bewijs heeft"): once right before a verb only a person does, with a personal
    pronoun in the same sentence, and nowhere in lower case, after an article or as a place. Every occurrence is
    taken."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _LONE_CAPITAL.finditer(text):
        found.setdefault(m.group(0), []).append((m.start(), m.end()))
    out: list[Mention] = []
    for word, spans in found.items():
        if len(spans) < 2:
            continue
        w = word.lower()
        if w in lex.dutch or w in lex.vocabulary or w in lex.places or w in lex.legal_terms or w in lex.first_names \
                or w in lex.surnames or w in lex.common_words or lex.dutch_form(word):
            continue
        if w in _lower_words(text) or any(_PLACE_BEFORE.search(text, max(0, b - 12), b) for b, _ in spans):
            continue
        if not any(_person_sentence(text, e) for _, e in spans):
            continue
        out += [Mention(b, e, "PERSON", "rule:lone-unknown") for b, e in spans]
    return out


# Where a statement or a sentence opens: the text's start, a line, a full stop, question or exclamation mark, a colon,
# or an opening quote ("De verdachte heeft verklaard: \"Ik had ruzie met Kuiper. Kuiper zei ...\"").
_STATEMENT_OPENS = re.compile(r"(?:^|\n[ \t]*|(?:^|\n)[ \t]*\d{1,2}(?:\.\d{1,2}){0,3}\.?[ \t]+|[.!?:][ \t]+|"
                              r"[.!?:]?[ \t]*[\"“„‘'][ \t]*)$")
# What a company or an institution does too ("Achmea verklaart", "Philips zegt", "de bank werkte mee"): not enough
# for a surname that is also a company's name or a word.
_PERSON_ONLY_VERB = re.compile(rf"[ \t]+(?:heeft|had)\b[^.;:\n]{{0,60}}\b(?:{_PERSON_ONLY_PARTICIPLES}|mishandeld|"
                               r"bedreigd|getrouwd)\b|"
                               r"[ \t]+(?:is|was)\b[^.;:\n]{0,40}\b(?:overleden|geboren|getrouwd|gehuwd)\b|"
                               rf"[ \t]+(?:{_PERSON_ONLY_FINITE}|overleed|stierf|trouwde|huwde|schreeuwde|mishandelde|"
                               r"bedreigde)\b")


# A capitalised word of three letters or more ("Vos", "Bos"), or two joined by a hyphen ("Jansen-Smit").
_SHORT_CAPITAL = re.compile(rf"(?<![\w\-.’'])[{UPPER}][{LOWER}]{{2,30}}(?:-[{UPPER}][{LOWER}]{{2,30}})?(?![\w\-’'.])")


def _bare_surname_subjects(text: str, lex: Lexicon) -> list[Mention]:
    """A known surname, alone and without an article, as the subject opening a sentence, with a verb only a person
    does right after it: "Vos ontkent dat.", "Heijnen woont aan de Kloosterstraat", "Wolf heeft de aanrijding
    ontkend". A Dutch noun needs an article there ("De vos"), so the surname list decides even for words ("Vos",
    "Prins"). The person's other mentions follow from the leak guard.

    Not "zegt", "verklaarde", "werkte": companies and cited authors do that too ("Hartkamp zegt dat hij ..."), and
    the leak guard would carry the author's name into the citations. Weak evidence (``policy.defer_to_professionals``
    keeps a surname a professional format names elsewhere). Not a function word, a legal term or a place, nor a
    Dutch word the ruling also writes in lower case after an article: a summary's telegram style drops articles
    ("Man woont samen met nieuwe vriendin" ... "de man"). That costs a person named Bos in a ruling about "het
    bos"; the development rulings showed the telegram style, the batteries only the trap."""
    out: list[Mention] = []
    for m in _SHORT_CAPITAL.finditer(text):
        parts = m.group(0).lower().split("-")
        if any(w not in lex.surnames or w in lex.stop_words or w in lex.legal_terms or w in lex.places
               for w in parts):
            continue
        if not _STATEMENT_OPENS.search(text, max(0, m.start() - 16), m.start()):
            continue
        if not _PERSON_ONLY_VERB.match(text, m.end()):
            continue
        # A person noun in the telegram style of a summary ("Man woont samen met nieuwe vriendin"): the same word
        # stands in lower case after an article elsewhere in the ruling ("de man verzoekt").
        if any(w in lex.dutch and re.search(rf"(?i:\b(?:de|het|een|deze|die|zijn|haar)\s+){w}\b", text) for w in parts):
            continue
        out.append(Mention(m.start(), m.end(), "PERSON", "rule:bare-subject"))
    return out


# A name in the genitive before a relative or the defence counsel: "Kuijpers' raadsman", "Brouwers echtgenote",
# "Wolters' dochter", "El Amrani's moeder". Only a natural person has these (a company has an advocaat and a
# director, not a raadsman or a daughter).
_POSSESSIVE_RELATION = re.compile(
    rf"(?<![\w\-.’'])(?P<name>(?:(?:Van|De|Den|Der|Ter|Ten|El|Al|Ben)\s+)?[{UPPER}][{LOWER}]{{1,30}}"
    rf"(?:-[{UPPER}][{LOWER}]{{1,30}})?)(?P<gen>['’]s|['’]|s)\s+"
    rf"(?=(?:{_CLOSE_FAMILY}|{_OTHER_FAMILY}|raadsman|raadsvrouw|ouders|kinderen|vriend(?:in)?|ex-vrouw|ex-man|"
    r"weduwe|weduwnaar)\b)")


def _possessive_relations(text: str, lex: Lexicon) -> list[Mention]:
    """A capitalised word in the genitive right before a relative or "raadsman" is a person's name, whether the
    lists know it or not; a role noun, a legal term, a pronoun or any other Dutch word in the genitive ("Eisers
    echtgenote", "Verdachtes moeder", "Zijn vader", "Diens broer") is not. The span takes the genitive ending, as
    the other recognisers' spans do; the policy keeps it beside the placeholder ("[persoon 1]'s raadsman")."""
    out: list[Mention] = []
    for m in _POSSESSIVE_RELATION.finditer(text):
        name, gen = m.group("name"), m.group("gen")
        last = name.split()[-1]
        stem = last.lower()
        # "Jansens" is Jansen's; "Kuijpers" before a relative may be either, and the whole word is replaced anyway
        if gen == "s" and (stem + "s" in lex.dutch or stem in lex.dutch and stem not in lex.surnames):
            continue
        if stem in lex.stop_words or stem in lex.legal_terms or stem in lex.places or \
                (stem in lex.dutch and stem not in lex.surnames and stem not in lex.first_names):
            continue
        out.append(Mention(_name_opening(text, m.start("name"), lex), m.end("gen"), "PERSON",
                           "rule:possessive-relation"))
    return out


_WORD_BACK = re.compile(r"(?P<w>[^\W\d_][\w’'\-]*)[ \t]+$")

# A name defined by its own surname: "van R. Heer (hierna: Heer)", "Jan de Wit (hierna ook te noemen: De Wit)".
# Keyed from the bracket; the name is read back from it.
_DEFINED_SHORT = re.compile(rf"\(\s*(?:hierna|verder)(?:\s+(?:ook|mede))?(?:\s+(?:te\s+noemen|genoemd))?\s*:?\s*"
                            rf"(?:(?:de\s+heer|mevrouw)\s+)?(?P<short>{TV}{NAME_WORD}(?:-{NAME_WORD})?)\s*\)")
_DEFINED_NAME_BEFORE = re.compile(rf"(?<![\w.\-’'])(?P<name>(?:{INITIALS}\s?|{FIRST}\s+){{1,3}}{TV}{SURNAME})\s*$")
_INITIALS_WORD = re.compile(rf"(?:{INITIAL}(?:-{INITIAL})?)+")
_TITLE_BEFORE_NAME = re.compile(r"(?i:\b(?:mrs?|prof|dr|drs|ir|ing)\.?\s*)$")


def _defined_surnames(text: str, lex: Lexicon) -> list[Mention]:
    """A name with initials or a known first name, defined by its own surname as the short name: "van R. Heer
    (hierna: Heer)". The designation settles that the words are a person's name even where the surname is an
    ordinary word ("Heer", "Wolf", "De Jong"), so both the name and its short form are strong evidence and the
    linking rule may spread the short form. Not after an organisation's word or a professional title, and the
    first-name words must be initials or known first names ("Stichting Heer (hierna: Heer)" is no person)."""
    out: list[Mention] = []
    for d in scan.finditer(_DEFINED_SHORT, text) if "hierna" in text or "verder" in text else ():
        b = _DEFINED_NAME_BEFORE.search(text, max(0, d.start() - 80), d.start())
        if not b:
            continue
        name = b.group("name")
        short_words = d.group("short").split()
        name_words = name.split()
        if name_words[-1].lower() != short_words[-1].lower() or len(name_words) < 2:
            continue
        heads = [w for w in name_words[:-len(short_words)] if w.lower() not in lex.tussenvoegsels]
        if not heads or not all(_INITIALS_WORD.fullmatch(w) or w.lower() in lex.first_names for w in heads):
            continue
        if _ORG_NEAR.search(text[max(0, b.start() - 80):d.start()]) or \
                _TITLE_BEFORE_NAME.search(text, max(0, b.start() - 12), b.start()):
            continue
        out.append(Mention(b.start("name"), b.end("name"), "PERSON", "rule:defined-name"))
        out.append(Mention(d.start("short"), d.end("short"), "PERSON", "rule:defined-name"))
    return out


def _name_opening(text: str, start: int, lex: Lexicon) -> int:
    """Where the name ending at a surname starts: back over the first names and particles before it ("Anna de
    Vries' moeder", "Van den Bergh's zoon"), not over an ordinary word ("Volgens Brouwers echtgenote")."""
    for _ in range(4):
        w = _WORD_BACK.search(text, max(0, start - 40), start)
        if not w:
            break
        word = w.group("w")
        low = word.lower()
        if low in lex.tussenvoegsels or word[0].isupper() and (low in lex.first_names or low not in lex.dutch) \
                and low not in lex.stop_words and low not in lex.legal_terms and low not in lex.places:
            start = w.start("w")
        else:
            break
    while start < len(text) and text[start:start + 1].islower():  # a name does not open with its particle
        nxt = text.find(" ", start)
        if nxt < 0:
            break
        start = nxt + 1
    return start


# A surname standing alone writes its particle with a capital ("met De Vries", "Ook Op de Weegh wist ervan",
# "Brouwer, Kramer, De Groot en Prins"); inside a sentence an article or preposition never has one. Keyed from the
# particle; the text before it (a lower-case letter, a comma or a bracket, then one space) is checked in code.
_MID_PARTICLE = re.compile(rf"(?P<name>(?:Van(?:\s+(?:de[rn]?|het|['’]t))?|De|Den|Ter|Ten|Op\s+de[rn]?|In\s+['’]t)\s+"
                           rf"(?P<sur>{NAME_WORD}(?:-{TV_STRICT}{NAME_WORD})?))(?![\w\-/&]|['’]\w)"
                           rf"(?!\s+(?:{TV})?[{UPPER}]|\s*\(\s*[{UPPER}]|\s*[/&])")
_MID_SENTENCE = re.compile(rf"[{LOWER},;(] $")
# The word before is a function word ("met", "dat", "heeft", "Ook") or a comma: after a noun the particle opens the
# name of a place or business ("café De Zwaan", "gevangenis De Marwei", "Inrichting Ter Apel"), and after a role or
# profession the role rules decide who is kept ("notaris De Ruiter"). Not after a place preposition ("te Den Ham").
_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_]+)[,;(]?\s$")
# "zijn" right after the name is the verb ("ook Kelk en De Jong zijn deze mening toegedaan"), not the possessive.
_PERSONAL_PRONOUN = re.compile(r"\b(?:hij|hem|zijn|zij|haar)\b")
_VERB_ZIJN = re.compile(r"\s+zijn\b")
# A possessive before a word only a person has: "De Vries' ex-echtgenote", "Van Dijks advocaat".
_PERSON_POSSESSIVE = re.compile(r"(?:['’]s?|s)\s+(?:ex-)?(?:echtgeno(?:ot|te)|vrouw|man|partner|vriendin|vriend|vader|"
                                r"moeder|zoon|dochter|broer|zus|kinderen|kind|ouders|advocaat|raadsman|raadsvrouw|"
                                r"buurman|buurvrouw|schoonzoon|schoondochter)\b")
_CLAUSE_END = re.compile(r"[.:;\n]")


def _particle_surnames(text: str, lex: Lexicon) -> list[Mention]:
    """A capitalised particle and a surname in the middle of a sentence: the surname is a known one or a word no list
    knows ("De Vries", not "De Telegraaf"), and neither the whole nor the word is a place ("Den Haag", "De Bilt")
    or a legal term."""
    out: list[Mention] = []
    for m in _MID_PARTICLE.finditer(text):  # plain re: capitals are no selective keys for the scan
        if not _MID_SENTENCE.search(text, max(0, m.start() - 2), m.start()):
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before and text[m.start() - 2] not in ",;(" and before.group("w").lower() not in lex.stop_words or \
                _PLACE_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue
        name, parts = m.group("name"), name_parts(m.group("sur"))
        if name.lower() in lex.places or name.lower() in lexicon.residences() or any(
                p.lower() in lex.legal_terms or p.lower() in lex.places and p.lower() not in lex.surnames or
                p.lower() not in lex.surnames and (lex.dutch_form(p) or p.lower() in lex.vocabulary) for p in parts):
            continue
        # Courts write cited authors ("Zie ook Van Brederode, die ...") and companies ("volgens De Kempen") so too:
        # only a name the rest of its clause refers to as a person ("met De Vries blijkt dat hij wist", "Op de Weegh
        # wist ervan, blijkens zijn e-mail") is taken here.
        verb = _VERB_ZIJN.match(text, m.end())
        clause = _CLAUSE_END.split(text[verb.end() if verb else m.end():m.end() + 120], 1)[0]
        if not _PERSON_POSSESSIVE.match(text, m.end()) and not _PERSONAL_PRONOUN.search(clause):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:particle-surname"))
    return out


@lru_cache(maxsize=2)
def _lower_words(text: str) -> frozenset[str]:
    """The words this ruling writes in lower case (read by the lone-word and surname-ending rules, once a text)."""
    return frozenset(re.findall(r"\b[a-zà-ÿ]+\b", text))


def _surname_shape_names(text: str, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    for e in _SHAPE_END.finditer(text):
        m = _SURNAME_SHAPE.search(text, max(0, e.end() - 40), e.end())
        if not m:
            continue
        word = m.group("name")
        w = word.lower()
        if len(w) < 6 or w in lex.dutch or w in lex.vocabulary or w in lex.places or w in lex.legal_terms or \
                lex.dutch_form(word) or _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if w in _lower_words(text):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:surname-shape"))
    return out


# Roles only a natural person plays: after them a surname that is also a word is a name ("aangever Bakker"). A
# party role (eiser, verweerder, appellant...) may be a company named by one word, and is not enough for that.
_CAPITAL_PARTICLE = re.compile(r"(?:Van|De|Ter|Ten|Van\s+de[rn]?|Van\s+het|Op\s+de|In\s+'t|Van\s+'t)\s+[A-Z]")
_PERSON_ONLY_CUE = re.compile(
    rf"(?i:{word_alternation([*(w for w, only in _PRIVATE_ROLES.items() if only), *_POLICE_RANKS])})\b")


def _surname_after_cue(words: list[str], lex: Lexicon) -> bool:
    """Right after a person's role ("aangever Bakker", "de vader, Bos", "getuige De Wit") a capitalised known
    surname is the name even when it is also an ordinary word; a legal term, a place or a function word is not."""
    return bool(words) and all(
        w[:1].isupper() and w.lower() in lex.surnames and w.lower() not in lex.legal_terms and
        w.lower() not in lex.places and w.lower() not in lex.stop_words for w in words)


def _party_name(name: str, lex: Lexicon) -> bool:
    """A party heading's words (name case) are a person's name: none a legal term, an ordinary Dutch word that is no
    known name, or a place that is no known name."""
    words = [p for w in surname_words(name, lex) for p in name_parts(w) if len(p) > 1]
    # After a known first name, a word behind a particle is the surname ("Jan van 't Hof", not "De Staat der
    # Nederlanden").
    first = any(w.lower() in lex.first_names and w.lower() not in lex.tussenvoegsels and w.lower() not in lex.stop_words
                for w in name.split()[:1])
    return bool(words) and not any(
        (w.lower() in lex.legal_terms or (lex.dutch_form(w) or w.lower() in lex.places) and not lex.is_name_word(w))
        and not (first and _after_particle(w).search(name))
        for w in words)


def _after_particle(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?i:(?<![\w'’])(?:van|de|der|den|['’]t|het|ter|ten|in|op|te)\s+){re.escape(word)}\b")


def _cut_at_line(text: str, m: Mention, lex: Lexicon) -> Mention | None:
    """A name never runs into the label of the next line ("NAAM: JANSEN\nVOORNAMEN: PIETER", "Jansen\n
    Geboortedatum:"), and a name read from capitals never crosses a line: cut at the line break, keeping the part
    that holds a surname."""
    nl = text.find("\n", m.start, m.end)
    if nl < 0 or not (m.recogniser == "rule:caps" or re.match(r"[ \t]*:", text[m.end:m.end + 3])):
        return m
    head = text[m.start:nl].rstrip(" \t,")
    if head and surname_words(fold_caps(head, lex), lex):
        return m.with_(end=m.start + len(head))
    return None


def _drop_contained(found: list[Mention]) -> list[Mention]:
    """One mention per name: a span inside a longer one ("Jan de Groot" in "dr. Jan de Groot") is dropped, its
    role hint passing to the longer span."""
    out: list[Mention] = []
    for m in sorted(found, key=lambda x: (x.start, -(x.end - x.start))):
        outer = next((o for o in out if o.start <= m.start and m.end <= o.end), None)
        if outer is None:
            out.append(m)
        elif outer.role is None and m.role is not None:
            out[out.index(outer)] = outer.with_(role=m.role)
    return out


# A letter Dutch spelling never uses ("Şükrü", "Małgorzata", "Zdeněk"): a lone capitalised word with one, in no
# Dutch list and no place, is a foreign name, read like a known first name.
_FOREIGN_LETTER = re.compile("[şçğıłżźćńőűąęěůśřčšžãõñåøæđţ]")
_PLACE_PREPOSITION = re.compile(r"(?i:(?<![\w\-])(?:in|naar|uit|te|vanuit|nabij|richting|via|rond)\s+)$")
_ARTICLE_END = re.compile(r"(?<![\w\-])(?:de|het|een|De|Het|Een)[ \t]+$")
_UTTERANCE_NAME = re.compile(rf"(?<![\w\-.’'])(?P<tv>(?:El|Al|Abu|Ben|Bin|Van|De|Ter|Ten)[ \t]+)?(?P<name>{NAME_WORD})"
                             r"(?![\w\-’'])")
_LONE_WORD = re.compile(rf"(?<![\w\-.’'])(?P<name>{NAME_WORD})(?![\w\-’'])")


# A company's name: up to four capitalised words right before a legal-form or sector suffix ("Zeneca Agro B.V.",
# "Morgan Bank", "Sumitomo Benelux B.V.").
_ORG_NAME = re.compile(rf"(?P<name>(?:[{UPPER}][\w&’'\-]{{1,30}}\s+){{1,4}})(?:B\.\s?V\.?|N\.\s?V\.?|BV\b|NV\b|"
                       r"Holding\b|Beheer\b|Groep\b|Group\b|GmbH\b|Ltd\b|Limited\b|Inc\b|S\.A\.|plc\b|C\.V\.|"
                       r"V\.o\.f\.|Bank\b|Bankiers\b|Vastgoed\b|Verzekeringen\b|Assurantiën\b|Advocaten\b)")
_MODEL_CODE = re.compile(r"\s+[A-Z]{0,3}\d[\w\-]*\b")


def organisation_words(text: str) -> frozenset[str]:
    """Lower-cased words of the company names this ruling writes with a legal-form suffix: a model-only span or a
    lone first name made of them is that company, not a person."""
    return frozenset(w.lower() for m in scan.finditer(_ORG_NAME, text) for w in m.group("name").split()
                     if w.lower() not in _TV_LOWER)


_TV_LOWER = frozenset(w.lower() for w in TV_WORDS)


_PERSON_BEFORE_DEFINITION = re.compile(r"(?i:\bgeboren\b|\bde\s+heer\b|\bmevrouw\b|\bzoon\b|\bdochter\b|\bkind\b|"
                                       r"\bminderjarige\b)")
_DEFINED_FIRST_NAME = re.compile(rf"\bhierna(?:\s+(?:ook\s+)?te\s+noemen)?\s*:\s*(?P<name>{NAME_WORD})"
                                 r"(?=\s*[.,;)]|\s*$)", re.M)


def find_first_names(text: str, lex: Lexicon) -> list[Mention]:
    """A first name used alone: after a family noun ("zoon Daan"), or any lone word that is a known first name
    and neither a surname, a place, a legal term nor a Dutch word (nor written in lower case in this ruling).
    A first name next to another capitalised word is part of a longer name, an organisation or a street, which
    the other rules read."""
    out: list[Mention] = []
    for m in scan.finditer(_DEFINED_FIRST_NAME, text):
        # "JAN DE BRUIJN, geboren op ..., hierna te noemen: Lucas": a known first name defined as the short name
        name = m.group("name").lower()
        if name in lex.first_names and name not in lex.legal_terms and name not in lex.vocabulary and \
                name not in lex.common_words and not _ORG_NEAR.search(text[max(0, m.start() - 120):m.start()]) and \
                _PERSON_BEFORE_DEFINITION.search(text, max(0, m.start() - 150), m.start()):
            out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:first-name"))
    lower_words: set[str] | None = None
    org_words: frozenset[str] = frozenset()
    for m in scan.finditer(_LONE_WORD, text):
        w = m.group("name").lower()
        if not (w in lex.first_names or _FOREIGN_LETTER.search(w) and w not in lex.dutch) \
                or w in lex.surnames or w in lex.vocabulary or w in lex.places \
                or w in lex.legal_terms or w in lex.common_words or len(w) < 3:
            continue
        before = text[max(0, m.start() - 30):m.start()]
        after = text[m.end():m.end() + 30]
        if w not in lex.first_names and _PLACE_PREPOSITION.search(before):
            continue  # "naar Gdańsk", "in Poznań": a foreign place, not a name
        if w not in lex.first_names and re.search(rf"[{UPPER}][\w’'\-]*\.?\s+{TV}$", before):
            continue  # the surname of "Najibullah van Brzęczyszczykiewicz": the full name is read by other rules
        if re.search(rf"[{UPPER}][\w’'\-]*\.?\s+$", before) or re.match(rf"\s+(?:{TV})?[{UPPER}]", after):
            continue  # next to another capitalised word: part of a longer name, an organisation or a street
        if lower_words is None:
            lower_words = set(re.findall(r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ\-]+", text))
            org_words = organisation_words(text)
        if w in lower_words or w in org_words or _MODEL_CODE.match(after):
            continue  # "Morgan" of "Morgan Bank", "Mercedes 207D": an organisation or a make
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:first-name"))
    return out


_HEADING_LINE = re.compile(rf"[ \t]*[{UPPER}]\.[ \t]+[{UPPER}][\w\-]+[ \t]*")


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


# "A & B. Aldus ...", "de maatschap C en A. Uitgaande van ...": letters standing for parties, then a sentence.
_PARTY_LETTERS = re.compile(rf"(?<![\w.])[{UPPER}]\s*(?:&|\ben)\s*$")


_HONORIFIC_WORDS = frozenset({"mevrouw", "meneer", "heer", "mejuffrouw", "mevr", "dhr", "mw"})


def _person_forms(text: str, lex: Lexicon) -> list[Mention]:
    """Person names found by form: title, honorific, initials, role noun + name, known first name + surname."""
    out: list[Mention] = []
    for m in scan.finditer(_TITLED, text):
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:title"))
    for m in scan.finditer(_HONORIFIC, text):
        words = surname_words(m.group("name"), lex)
        # "mevrouw S. Mevrouw S. heeft ...": one initial ends the name, and the next sentence opens with a word
        if words and not any(w.lower() in lex.stop_words or w.lower() in _HONORIFIC_WORDS for w in words):
            out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:honorific"))
    out += _first_and_capital(text, lex)
    for m in scan.finditer(_HONORIFIC_PLURAL, text):
        base = m.start("list")
        for n in re.finditer(_NAME_OR_SURNAME, m.group("list")):
            words = surname_words(n.group(0), lex)
            if n.group(0)[0].isupper() and words and not any(
                    w.lower() in lex.stop_words or w.lower() in lex.legal_terms for w in words):
                out.append(Mention(base + n.start(), base + n.end(), "PERSON", "rule:honorific"))
    for m in scan.finditer(_INITIALS, text):
        if not _initials_ok(m.group("ini")) or _PARTY_LETTERS.search(text[max(0, m.start() - 8):m.start()]):
            continue
        if m.group("ini").replace(" ", "") == "P.I." and all(w.lower() in lex.places for w in
                                                             surname_words(m.group("name"), lex)):
            continue  # "gedetineerd in de P.I. Utrecht": a penitentiary institution and its town
        words = surname_words(m.group("name"), lex)
        single = len(re.findall(r"\.", m.group("ini"))) == 1
        has_tv = len(m.group("name").split()) > len(m.group("ini").split()) + 1
        # "A. Inleiding" is a list label, not a person: one initial needs a known or hyphenated surname, or a
        # tussenvoegsel ("S. ter Phanthavong").
        # An unknown surname after one initial ("J. Okonkwo") is taken when it is no Dutch word ("A. Inleiding",
        # "B. Feiten") and no legal term.
        if any(w.lower() in lex.stop_words and not lex.is_name_word(w) for w in words):
            continue  # "de heer C. Daar de heer C", "A. Aldus": a function word opens the next sentence
        line = (text.rfind("\n", 0, m.start()) + 1, _line_end(text, m.end()))
        if single and words and _HEADING_LINE.fullmatch(text, *line) and \
                all(not lex.is_name_word(w) and lex.dutch_compound(w) for w in words):
            continue  # "I. Procesverloop", "B. Beoordelingskader": a numbered heading on a line of its own
        if words and _NO_VOWEL.fullmatch(words[-1]) and _ABBREVIATION_AFTER.match(text, m.end("name")):
            continue  # "R. Stvb. nr. 2009/035": four letters or more without a vowel, then a full stop or a number
        if single and not has_tv and not any(
                lex.is_name_word(w) or "-" in w
                or (w.lower() not in lex.dutch and w.lower() not in lex.legal_terms and w.lower() not in lex.places
                    and not w.isupper()) for w in words) and not (
                # "J. Hermans (€ 4.500), ... W. Schaap (€ 800)", "H. Koning; E. van der Linden": a surname that is
                # also a word, in a list of people written with initials
                words and all(w.lower() in lex.surnames for w in words) and (
                    _in_initials_list(text, m, lex) or _PARTY_VERB_AFTER.match(text, m.end("name")))):
            continue
        out.append(Mention(_with_first_name(text, m.start("name"), lex), m.end("name"), "PERSON", "rule:initials"))
    for m in scan.finditer(_ROLE_NOUN, text):
        name = m.group("name")
        if _OF_THE.match(name):
            continue  # "kennis van de Franse taal", "vriend van het gezin": a preposition phrase, no surname
        words = surname_words(name, lex)
        # The role noun is strong evidence; still require a known name, a title/initial, or a two-word name of
        # which no word is an ordinary Dutch word ("tandarts Xuyen Phanthavong", not "tandarts Tandheelkundig").
        plain = [w for w in words if w.lower() not in lex.common_words and w.lower() not in _dutch_words()
                 and (lex.is_name_word(w) or not lex.dutch_form(w))]  # "medewerker van het Ministerie"
        if not words or not (any(lex.is_name_word(w) for w in words) or re.search(r"\.", name)
                             or (len(words) + sum(w.count(" A ") for w in words) >= 2 and len(plain) == len(words))
                             # a capitalised particle opens a surname: "de behandelend oncoloog, Van Ostaijen,"
                             or _CAPITAL_PARTICLE.match(name) and plain and len(plain) == len(words)
                             or _surname_after_cue(words, lex)):
            continue
        # "De advocaat van Amrani": a lower-case "van" before a lone surname is the preposition (a surname alone
        # writes its particle with a capital, "Van Dijk").
        of = _OF_NAME.match(name)
        out.append(Mention(m.start("name") + (of.end() if of else 0), m.end("name"), "PERSON", "rule:role-noun",
                           role=_role_of_noun(m.group("noun"))))
    for m in _first_last(text, lex):
        first = m.group("first")
        rest = surname_words(m.group("name")[len(first):], lex)
        if not rest:
            continue
        last = name_parts(rest[-1])[0]
        # After a known first name a surname may be an ordinary word that is also a surname ("Gerda de Bruin",
        # "Sjoerd Schaap"); heading and product words (not_surnames.txt: "Aanvullend Tand"), legal terms, and
        # ordinary words or places that are no known surname ("van de Commissie") are not.
        low = last.lower()
        # Behind a particle no preposition phrase uses, a legal term or a word is the surname: "Jan van den Raad",
        # "Piet van 't Hof" (not "P. Jansen van de Commissie", "van het Hof").
        particled = re.search(rf"(?i:\s{SURNAME_PARTICLE})\s+\S+$", m.group("name"))
        # A legal term that is also a surname, after a first name that is no word: "Jannes Hof", "Eva Raad".
        term_surname = low in lex.legal_terms and low in lex.surnames and first.lower() not in lex.dutch
        if not particled and (low in _dutch_words() or low in lex.legal_terms and not term_surname or (
                low in lex.common_words or low in lex.places) and low not in lex.surnames):
            continue
        out.append(Mention(m.start("name"), m.end("name"), "PERSON", "rule:lexicon-name"))
        # "Bert en Gea Nijboer": a known first name joined to the full name shares its surname.
        pair = _FIRST_AND.search(text, max(0, m.start("name") - 40), m.start("name"))
        if pair and pair.group("first").lower() in lex.first_names and not lex.dutch_form(pair.group("first")) \
                and pair.group("first").lower() not in lex.common_words:
            out.append(Mention(pair.start("first"), pair.end("first"), "PERSON", "rule:lexicon-name"))
    return [trim_long_tail(text, x, lex) for x in out]


_FIRST_AND = re.compile(rf"(?<![\w\-.’'])(?P<first>{FIRST})[ \t]+(?:en|&)[ \t]+$")


# A first name and the capital of the surname, as news and some rulings shorten a private name ("Martin L.",
# "Fatima B."): not an initial of a longer name ("Martin L. Jansen", "Martin L.J."), not a month ("Mei J.").
# Found from the capital back (a pattern opening with the name would be tried at every position).
_CAPITAL_DOT = re.compile(rf"(?<=[{LOWER}])\s[{UPPER}]\.(?![\w\-’']|\s?[{UPPER}][\w.])")
_FIRST_BEFORE = re.compile(rf"(?<![\w.\-’'])(?P<first>{NAME_WORD})$")


_LIST_BEFORE = re.compile(rf"(?<![\w.]){INITIALS}\s?(?P<sur>{TV}{SURNAME})[^;,\n]{{0,30}}?(?:[;,]|\sen)\s*$")
_LIST_AFTER = re.compile(rf"[^;,\n]{{0,30}}?(?:[;,]|\sen)\s+{INITIALS}\s?(?P<sur>{TV}{SURNAME})")


def _in_initials_list(text: str, m: re.Match[str], lex: Lexicon) -> bool:
    """An initials name with another initials name before or after it in the same list, whose surname is a name
    ("J. Hermans", "E. van der Linden-Bosman"; not the list labels "A. Inleiding; B. Feiten")."""
    for n in (_LIST_BEFORE.search(text, max(0, m.start() - 90), m.start()), _LIST_AFTER.match(text, m.end("name"))):
        words = surname_words(n.group("sur"), lex) if n else []
        if words and all(lex.is_name_word(w) or "-" in w or w.lower() not in lex.dutch for w in words):
            return True
    return False


def _first_name_before(text: str, end: int, lex: Lexicon) -> int | None:
    """Start of a known first name that ends at ``end`` ("Martin" before " L."), if it is no Dutch word."""
    f = _FIRST_BEFORE.search(text, max(0, end - 41), end)
    if not f:
        return None
    first = f.group("first").lower()
    if first in lex.first_names and first not in lex.common_words and first not in lex.dutch \
            and first not in lex.stop_words:
        return f.start()
    return None


def _with_first_name(text: str, start: int, lex: Lexicon) -> int:
    """"Martin L. Jansen": a first name written before the initials is part of the name."""
    if start > 1 and text[start - 1] == " ":
        first = _first_name_before(text, start - 1, lex)
        if first is not None:
            return first
    return start


def _first_and_capital(text: str, lex: Lexicon) -> list[Mention]:
    out = []
    for m in _CAPITAL_DOT.finditer(text):
        start = _first_name_before(text, m.start(), lex)
        if start is not None:
            out.append(Mention(start, m.end(), "PERSON", "rule:first-name"))
    return out


def _first_last(text: str, lex: Lexicon) -> list[re.Match[str]]:
    """Matches of a known first name + surname. A capitalised word before the first name that is no first name
    ("Ook Mehmet Yilmaz", "Verbalisant Zineb Ziani") does not hide the name: the search resumes at the next word."""
    out: list[re.Match[str]] = []
    pos = 0
    while (m := _FIRST_LAST.search(text, pos)) is not None:
        first = m.group("first").lower()
        if first in lex.first_names and first not in lex.common_words:
            nl = text.find("\n", m.start(), m.end())
            # "AYŞE DEMIR\nNAAM: ...": the part on the first line is tried too, the next line may hold a label.
            short = _FIRST_LAST.match(text, m.start(), nl) if nl > 0 else None
            out += [m, short] if short else [m]
            pos = m.end()
        else:
            pos = m.start() + len(m.group("first"))
    return out


_DUTCH: frozenset[str] | None = None


def _dutch_words() -> frozenset[str]:
    """Ordinary Dutch nouns that follow capitalised words in headings ("Aanvullend Tand", "Basis Zeker")."""
    global _DUTCH
    if _DUTCH is None:
        _DUTCH = frozenset(w.lower() for w in data_list("not_surnames.txt"))
    return _DUTCH
