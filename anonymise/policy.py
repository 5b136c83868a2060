"""Role policy: which spans are replaced, which are kept, and which placeholder each person gets.

Decisions (docs/anonymisation.md): private natural persons and identifiers are replaced; officials (committee,
signer, secretary, judges) are kept unless ``redact_officials``; insurers, public bodies, laws, countries and
existing placeholders are kept. The same person gets the same placeholder throughout a ruling, including later
partial mentions ("de heer Jansen" ... "Jansen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from anonymise import scan
from anonymise.leaks import initials_of_another_name, one_initial
from anonymise.lexicon import Lexicon, data_list, municipalities, residences
from anonymise.lexicon import fold_diacritics as _fold_diacritics
from anonymise.mentions import Mention
from anonymise.persons import (
    LOWER,
    PERSON_CUE_WORDS,
    PRIVATE_CUE_WORDS,
    SURNAME_PARTICLE,
    TV,
    TV_WORDS,
    UPPER,
    name_parts,
    organisation_words,
    surname_words,
)

IDENTIFIER_PLACEHOLDERS = {
    "BSN": "[BSN]",
    "IBAN": "[IBAN]",
    "PHONE": "[telefoonnummer]",
    "EMAIL": "[e-mailadres]",
    "ADDRESS": "[adres]",
    "POSTCODE": "[postcode]",
    "POLICY_NUMBER": "[polisnummer]",
    "LICENCE_PLATE": "[kenteken]",
}
# Roles of people named in a professional capacity: kept (anonymise/professional.py). ``committee`` (judges,
# clerks, committee members) is replaced only under ``redact_officials``; lawyers and cited authors never.
KEPT_ROLES = frozenset({"committee", "lawyer", "author", "expert"})
ROLE_RANK = {"author": 6, "lawyer": 5, "expert": 5, "committee": 4, "verzoeker": 3, "verzoekster": 3, "zorgverlener": 2,
             "persoon": 1}
_CARE = [w.lower() for w in data_list("care_professions.txt")]
_PARTY_AFTER = re.compile(r"^[^.\n]{0,80}?\bhierna(?:\s+te\s+noemen)?\s*:?\s*(?:de\s+)?(verzoeker|verzoekster)\b")
# "Verzoeker, de heer X," / "(verzoekster, mevrouw X)": the party word opens the clause. "De fysiotherapeut van
# verzoekster, X" is an apposition to the therapist, not to the party.
_PARTY_BEFORE = re.compile(r"(?:^|[.;:(\n]\s*|\btegen\s+)(?:de\s+)?(verzoeker|verzoekster)\s*[,(]\s*"
                           r"(?:de heer|mevrouw|dhr\.|mw\.)?\s*$", re.I)
_CARE_AFTER = re.compile(r"^\s*,?\s*\(?(?:de\s+|een\s+|als\s+)?(?:behandelend\s+)?([a-zë]+)")
_INITIAL_RE = re.compile(r"\b([A-Z])[a-z]{0,2}\.")


@dataclass
class Cluster:
    """One person: every mention that refers to the same surname (and compatible initial)."""

    surname: str  # lower case, hyphenated form kept
    parts: set[str]
    initial: str | None
    official: bool
    first_names: set[str] = field(default_factory=set)
    surfaces: set[str] = field(default_factory=set)  # surnames as written, for the partial-mention pass
    roles: list[str] = field(default_factory=list)
    first_pos: int = 0
    kind: str = "committee"  # which kept role, for an official cluster
    particles: set[str] = field(default_factory=set)  # tussenvoegsels written before the surname ("de", "van der")
    strong: bool = False  # found by strong evidence: only then are its names spread by the linking rule


def select(candidates: list[Mention]) -> list[Mention]:
    """Greedy non-overlapping selection: candidates come in priority order; longer first within a tier."""
    chosen: list[Mention] = []
    occupied: list[tuple[int, int]] = []
    for c in candidates:
        if c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        chosen.append(c)
        occupied.append((c.start, c.end))
    return sorted(chosen, key=lambda m: m.start)


def _by_length(ms: list[Mention]) -> list[Mention]:
    return sorted(ms, key=lambda m: (-(m.end - m.start), m.start))


_TOKEN = re.compile(r"\S+")
_NAME_SHAPE = re.compile(rf"^(?:IJ|[{UPPER}])[{LOWER}][^\W\d_]*(?:-(?:IJ|[{UPPER}])[{LOWER}][^\W\d_]*)*$")


def trim_model_span(text: str, m: Mention, lex: Lexicon) -> Mention | None:
    """Cut a model span at its first lower-case word that is not a tussenvoegsel and drop trailing particles:
    "Thitikorn Hoekveld van de afdeling Klachtenmanagement" -> "Thitikorn Hoekveld"."""
    tokens = [(t.start() + m.start, t.end() + m.start, t.group(0)) for t in _TOKEN.finditer(text[m.start:m.end])]
    kept: list[tuple[int, int, str]] = []
    for tok in tokens:
        word = tok[2].rstrip(",.;:)")
        if word[:1].islower() and word.lower() not in lex.tussenvoegsels and not re.fullmatch(r"[a-z]{1,3}\.", word):
            break
        kept.append(tok)
    while kept and kept[-1][2].lower() in lex.tussenvoegsels:
        kept.pop()
    if not kept:
        return None
    end = kept[-1][1]
    while end > kept[0][0] and text[end - 1] in ",.;:)":
        end -= 1
    return m.with_(start=kept[0][0], end=end)


# Dutch derivational endings that no unknown foreign name in our sets has: "Ruimtelijke Ordening", "Integrale".
_NOT_NAME_SUFFIX = re.compile(r"(?:andse|lijke?|heid|heden|ische?|aties?|iteit|schap|isme|ieel|iële|ingen|erend|ende|"
                              r"ale|ieve?|eerde|ering|ening)$")


# A word right after a noun of geography names that place, whatever the model says: "in de regio Maas en Waal", "de
# wijk Lombok", "de gemeente Dongen".
_GEO_NOUN_BEFORE = re.compile(r"(?i:\b(?:regio|streek|landstreek|provincie|gemeente|deelgemeente|stadsdeel|wijk|buurt|"
                              r"dorp|stad|rivier|polder|gebied|eiland|dorpskern)\s+)$")


_PLACE_PREPOSITION_BEFORE = re.compile(r"(?<![\w\-])(?:in|te|uit|vanuit|nabij)[ \t]+$")
_ELLIPTIC_COMPOUND = re.compile(r"-[ \t]+(?:en|of|tot|en/of)\b")
# Words of an English organisation's name: a model span holding one is no person ("Isfahan University", "The
# Commission on Graduates ...").
_ENGLISH_ORG_WORDS = frozenset({
    "the", "university", "commission", "college", "institute", "council", "board", "committee", "department",
    "ministry", "foundation", "association", "society", "hospital", "centre", "center", "school", "academy", "agency",
    "authority", "office", "trust", "fund", "company", "corporation", "services", "union", "federation",
    "organisation", "organization", "limited", "holdings", "partners", "clinic", "laboratories"})


def keep_model_person(text: str, m: Mention, lex: Lexicon, doc_words: frozenset[str]) -> Mention | None:
    """The lexicon check on a model-only PERSON span, with one measured extension.

    Kept when one of its words is a known first name or surname. Also kept (recogniser ``ner+shape``) when it
    has the shape of a full name of unknown words: two to four tokens, at least two capitalised name-shaped
    words, none of them an ordinary Dutch word (vocabulary lists, or written in lower case elsewhere in this
    ruling). Without the extension every foreign name missing from the lists was lost; with it, the false
    positives stay at zero on the seed rulings and the gold set (docs/anonymisation.md).
    """
    trimmed = trim_model_span(text, m, lex)
    if trimmed is None or _GEO_NOUN_BEFORE.search(text, max(0, trimmed.start - 16), trimmed.start):
        return None
    if " " not in text[trimmed.start:trimmed.end].strip() and \
            _PLACE_PREPOSITION_BEFORE.search(text, max(0, trimmed.start - 10), trimmed.start):
        return None  # "woont in Tienen", "uit Leuven": a place ("naar" is left out: "ging naar Jansen")
    span = text[trimmed.start:trimmed.end]
    if any(ch.isdigit() for ch in span) or "\n" in span or span.isupper() or \
            any(t.lower() in _ENGLISH_ORG_WORDS for t in span.split()):
        return None
    words = [p for w in surname_words(span, lex) for p in name_parts(w)]
    if any(lex.is_name_word(w) for w in words):
        return trimmed
    tokens = span.split()
    caps = [t for t in tokens if t.lower() not in lex.tussenvoegsels]
    if not 2 <= len(tokens) <= 4 or len(caps) < 2 or not all(_NAME_SHAPE.match(t) for t in caps):
        return None
    if any(p.lower() in lex.vocabulary or p.lower() in lex.dutch or p.lower() in doc_words
           or len(p) >= 12 and lex.dutch_compound(p)
           or _NOT_NAME_SUFFIX.search(p.lower()) for t in caps for p in name_parts(t)):
        return None
    return trimmed.with_(recogniser="ner+shape")


def _role_hint(text: str, m: Mention) -> str:
    if m.role in ROLE_RANK:
        return m.role
    after = text[m.end: m.end + 120]
    pm = _PARTY_AFTER.match(after)
    if pm:
        return pm.group(1).lower()
    before = text[max(0, m.start - 40): m.start]
    pb = _PARTY_BEFORE.search(before)
    if pb:
        return pb.group(1).lower()
    last_words = re.findall(r"[a-zA-Zë]+", before.lower())[-3:]
    if any(w.startswith(c) or w.endswith(c) for w in last_words for c in _CARE):
        return "zorgverlener"
    ca = _CARE_AFTER.match(after)
    if ca and any(ca.group(1).startswith(c) or ca.group(1).endswith(c) for c in _CARE):
        return "zorgverlener"
    return "persoon"


def _name_parts(text: str, m: Mention, lex: Lexicon) -> tuple[str, set[str], str | None, list[str], str] | None:
    span = re.sub(r"(?<=[^\W\d_])-\n(?=[a-zß-ÿ])", "", text[m.start:m.end])  # "Wijn-\nberg": one word, "Wijnberg"
    words = surname_words(span, lex)
    if not words:
        return None
    surname = words[-1]
    ini = _INITIAL_RE.search(span)
    firsts = words[:-1]
    initial = ini.group(1) if ini else (firsts[0][0] if firsts else None)
    parts = {p.lower() for p in name_parts(surname) if p}
    return surname.lower(), parts, initial, firsts, surname


STRONG_RECOGNISERS = frozenset({"rule:title", "rule:honorific", "rule:initials", "rule:role-noun", "rule:lexicon-name",
                                "rule:caps", "rule:name-field", "rule:party-line", "rule:hierna", "rule:committee",
                                "rule:official", "rule:official-role", "rule:bench",
                                "rule:signature", "rule:lawyer", "rule:author", "rule:author-opinion", "rule:expert",
                                "rule:first-name", "rule:surname-shape", "rule:defined-name"})


def _strong(text: str, m: Mention, lex: Lexicon) -> bool:
    """Strong evidence: a rule form (title, honorific, initials, role noun, known first name + surname, a kept
    professional format), or a model span of two or more words whose surname is a known name and no Dutch word."""
    if m.recogniser in STRONG_RECOGNISERS:
        return True
    if m.recogniser in ("ner", "ner+shape"):
        # A full name (two or more name words) the model found and the lexicon or shape check kept: its surname
        # may be spread when it is no Dutch word or place ("Ioan Popescu" ... "Popescu").
        words = surname_words(text[m.start:m.end], lex)
        last = words[-1].lower() if words else ""
        return len(words) >= 2 and (last not in lex.dutch or lex.is_name_word(last)) and last not in lex.places
    return False


def cluster_persons(text: str, persons: list[Mention], lex: Lexicon) -> list[tuple[Mention, Cluster]]:
    """Assign each PERSON mention to a cluster. Officials are clustered first so their later mentions stay kept."""
    clusters: list[Cluster] = []
    assigned: list[tuple[Mention, Cluster]] = []
    order = sorted(persons, key=lambda m: (m.role not in KEPT_ROLES, m.start))
    for m in order:
        kept_role = m.role in KEPT_ROLES
        info = _name_parts(text, m, lex)
        if info is None:
            surface = text[m.start:m.end]
            same = [c for c in clusters if surface in c.surfaces and not c.official]
            if m.recogniser == "rule:hierna" and same:
                assigned.append((m, same[0]))
                continue
            c = Cluster(surname=surface.lower(), parts=set(), initial=None,
                        official=kept_role, first_pos=m.start, kind=m.role or "committee")
            if m.recogniser == "rule:hierna":  # "(hierna: P.R.)": the initials are the name, spread as such
                c.surfaces.add(surface)
                c.strong = True
            clusters.append(c)
            assigned.append((m, c))
            continue
        surname, parts, initial, firsts, written = info
        if m.recogniser == "rule:first-name":  # "Fatima" after "Fatima El Amrani": the one person with that name
            owners = [c for c in clusters if written in c.first_names and not c.official]
            if len(owners) == 1:
                assigned.append((m, owners[0]))
                continue
        matches = [c for c in clusters if c.surname == surname or (len(parts | c.parts) > 1 and parts & c.parts
                                                                     and (len(parts) > 1 or len(c.parts) > 1))]
        compatible = [c for c in matches if initial is None or c.initial is None or c.initial == initial]
        if initial is None and len(compatible) > 1:
            # A bare surname shared by an official and a private person: replacing is the safe choice.
            private = [c for c in compatible if not c.official]
            compatible = private or compatible
        # Kept and replaced people never share a cluster: a professional's mention stays kept, and a mention found
        # as a private person is never kept because a professional elsewhere bears the same surname (safe side).
        compatible = [c for c in compatible if c.official == kept_role]
        if compatible:
            c = compatible[0]
            if c.initial is None and initial is not None:
                c.initial = initial
            c.parts |= parts
        else:
            c = Cluster(surname=surname, parts=set(parts), initial=initial, official=kept_role,
                        first_pos=m.start, kind=m.role if kept_role and m.role else "committee")
            clusters.append(c)
        c.first_names.update(f for f in firsts if len(f) >= 3)
        c.surfaces.add(written)
        before = text[m.start:m.end].rsplit(written, 1)[0].split()
        tv = [w.lower() for w in before if w.lower() in lex.tussenvoegsels]
        if tv:
            c.particles.add(" ".join(tv))
        c.first_pos = min(c.first_pos, m.start)
        c.strong = c.strong or _strong(text, m, lex)
        assigned.append((m, c))
    return assigned


_ARTICLES = frozenset({"de", "het", "der", "den", "des", "'t"})
_ARTICLE_BEFORE = re.compile(r"(?i:(?<![\w\-])(?:het|de|een|des)\s+)$")  # not "dat"/"die": "stelt dat Jansen ..."


def spreadable(form: str, lex: Lexicon, doc_lower: frozenset[str], kept_surfaces: frozenset[str],
               particled: bool = False) -> bool:
    """May the linking rule spread this surface form of a person's name over the ruling?

    Never a legal term, a word the ruling itself writes in lower case ("appellant"), an allow-listed place or
    organisation, or an ordinary Dutch word that is no known surname. A Dutch word that *is* a known surname
    ("Bakker", "Visser") is spread: the cluster it comes from was found by strong evidence.
    """
    low = form.lower()
    if re.fullmatch(r"(?:[^\W\d_]\.\s?){2,4}", form):
        return True  # initials that a cue made a name ("(hierna: P.R.)")
    if form.isupper() and len(form) <= 4:
        return False  # an abbreviation ("STE", "AID"), not a name
    if len(low) < 3 or low in lex.legal_terms or form in kept_surfaces:
        return False
    if any(w.isupper() and 1 < len(w) <= 4 for w in re.split(r"[\s\-]+", form)):
        return False  # "de STE", "van RVV": an abbreviation with an article or particle is no surname either
    parts = [p for p in re.split(r"[\s\-]+", low) if len(p) > 1 and p not in lex.tussenvoegsels]  # "Tjin-A-Tsoi"
    # A word behind a particle no preposition phrase uses is a surname, even a legal term or a word the ruling
    # writes in lower case: "van 't Hof" beside "het hof", "Van den Raad"; not "de Raad", "van de Commissie".
    behind = particled and re.match(rf"{SURNAME_PARTICLE}\s", low) is not None
    if not parts or not behind and any(p in doc_lower or p in lex.legal_terms for p in parts):
        return False
    if particled:
        return True  # "ter Horst", "van Dijk": with its particle a place or word name is this person's surname
    # A place is spread only when it is a known surname too ("Bergen", "Weert"): the leak guard replaces the town
    # of that name as well (privacy first).
    return all(p not in lex.dutch or p in lex.surnames or p in lex.first_names for p in parts) and \
        not any(p in lex.places and p not in lex.surnames for p in parts)



_SAME_LENGTH_FOLD: dict[str, str] = {}  # a non-ASCII character -> its one-letter fold, or itself


def _fold_same_length(text: str) -> str:
    """``text`` with every letter that folds to one plain letter folded ("Ş" -> "S"), offsets unchanged. Each of
    the text's own non-ASCII characters that folds is replaced in one pass, each folded once per process (it runs
    on the whole ruling and on every spread form)."""
    if text.isascii():
        return text
    for ch in set(_NON_ASCII.findall(text)):
        folded = _SAME_LENGTH_FOLD.get(ch)
        if folded is None:
            folded = f if len(f := _fold_diacritics(ch)) == 1 else ch
            _SAME_LENGTH_FOLD[ch] = folded
        if folded != ch:
            text = text.replace(ch, folded)
    return text


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def partial_mentions(
    text: str, clusters: list[Cluster], taken: list[Mention], lex: Lexicon,
    zones: list[tuple[int, int]] | None = None, doc_lower: frozenset[str] = frozenset(),
    kept_surfaces: frozenset[str] = frozenset(),
) -> list[tuple[Mention, Cluster]]:
    """Later bare mentions of a known person ("Jansen", "Van den Berg", "Fatima") found by surface form.

    Only clusters found by strong evidence are spread, only forms :func:`spreadable` allows, never inside a
    citation, never after an article ("het Hof"). A first name is used only when exactly one person carries it.
    Upper-case and OCR-damaged later mentions are matched too (:func:`fuzzy_mentions`).
    """
    zones = zones or []
    forms: dict[str, Cluster] = {}
    first_count: dict[str, int] = {}
    for c in clusters:
        for f in c.first_names:
            first_count[f] = first_count.get(f, 0) + 1

    def add(form: str, c: Cluster, particled: bool = False) -> None:
        if not spreadable(form, lex, doc_lower, kept_surfaces, particled):
            return
        # A surface shared by an official and a private person goes to the private one: replacing is safe.
        if form not in forms or (forms[form].official and not c.official):
            forms[form] = c

    for c in clusters:
        if not c.strong:
            continue
        # A surface found in a capitals heading is written in name case in the running text ("DEMIR" ->
        # "Demir"); both are read below, with their particles and parts.
        written = [v for s in c.surfaces for v in ([s, re.sub(r"(^|[-'’])(\w)", lambda g: g.group(1) + g.group(
            2).upper(), s.lower())] if s.isupper() and len(s) >= 3 else [s])]
        for s in written:
            add(s, c)
            for particle in c.particles:  # the surname with its particle, as written later: "Ter Horst"
                if " " not in s:
                    add(f"{particle} {s}", c, particled=True)
                    add(f"{particle[0].upper()}{particle[1:]} {s}", c, particled=True)
            if "-" in s:
                for part in name_parts(s):
                    if len(part) >= 4 and part.lower() not in lex.common_words:
                        add(part, c)
                # the particle belongs to the first part: "De Graaf" of "de Graaf-Oosterbeek"
                first = name_parts(s)[0] if name_parts(s) else ""
                for particle in c.particles if len(first) >= 3 and " " not in first else ():
                    add(f"{particle} {first}", c, particled=True)
                    add(f"{particle[0].upper()}{particle[1:]} {first}", c, particled=True)
        if not c.official:
            for f in c.first_names:
                if first_count[f] == 1 and f.lower() not in lex.common_words and f.lower() in lex.first_names:
                    add(f, c)
    if not forms:
        return _one_initial_mentions(text, clusters, [(t.start, t.end) for t in taken], zones)
    # Matched with accents folded on both sides: "Çelik" is the same person written "Celik", "A.Ş." is "A.S.".
    folded_forms: dict[str, Cluster] = {}
    for f, c in forms.items():
        key = _fold_same_length(f)
        if key not in folded_forms or (folded_forms[key].official and not c.official):
            folded_forms[key] = c
    alternation = "|".join(re.escape(f) for f in sorted(folded_forms, key=len, reverse=True))
    # A possessive is the same person: "Haddad's", "Thomas' fiets", "Jansens verklaring" (an "s" glued on before a
    # lower-case word, unless the longer word is itself a name or a word: "Peters", "Willems").
    pattern = re.compile(rf"(?<![\w\-\[.]){TV}(?P<n>{alternation})"
                         r"(?P<pos>['’]s|(?<=[sxz])['’](?=[ \t])|s['’](?=[ \t])|s(?=[ \t]+[a-zà-ÿ]))?(?![\w\-\]])")
    out: list[tuple[Mention, Cluster]] = []
    spans = [(t.start, t.end) for t in taken]
    for m in _form_matches(pattern, _fold_same_length(text), folded_forms):
        b, e = m.start(), m.end("n")
        if m.group("pos") == "s" and _another_name(m.group("n") + "s", lex, _sentence_start(text, m.start()),
                                                      doc_lower):
            continue
        if any(b < te and ts < e for ts, te in spans) or any(zs <= b < ze for zs, ze in zones):
            continue
        c = folded_forms[m.group("n")]
        b = _own_particles(text, b, m.start("n"), c)
        # "het Hof", "de Rechtbank": an article makes a word no name; "de Demirs" is the family of the person found
        if b == m.start("n") and _ARTICLE_BEFORE.search(text[max(0, b - 12):b]) and not (
                m.group("pos") == "s" and text[max(0, b - 3):b].lower() == "de "):
            continue
        # "Najibullah van Brzęczyszczykiewicz": an unknown first name right before a known surname belongs to it.
        # The person's own other name word before it ("Fernández López" after "Maria Fernández López") belongs
        # to the mention wherever it stands, sentence start included.
        prev = re.search(r"(?<![\w\-])(\S+) $", text[max(0, b - 40):b])
        if prev and _NAME_SHAPE.match(prev.group(1)):
            start = b - len(prev.group(0))
            own = prev.group(1) in c.first_names or prev.group(1) in c.surfaces
            unknown = prev.group(1).lower() not in lex.vocabulary and prev.group(1).lower() not in lex.dutch
            # A table row's name cell ("Matei Dumitrescu      01-12-2015") opens its line but is no sentence.
            if not any(start < te and ts < e for ts, te in spans) and (own or unknown and (
                    not _sentence_start(text, start) or _CELL_END.match(text, e))):
                b = start
        b = _with_initials(text, b, spans)
        e = m.end()  # the possessive with the name ("Jansens", "Kowalski's"): the placeholder keeps it
        spans.append((b, e))
        out.append((Mention(b, e, "PERSON", "rule:coref", role=c.kind if c.official else None), c))
    out += fuzzy_mentions(text, forms, spans, zones, lex)
    out += _one_initial_mentions(text, clusters, spans, zones)
    return out


_ONE_INITIAL = re.compile(rf"[{UPPER}]\.")
_TV_ALT = "|".join(re.escape(t) for t in TV_WORDS)


def _one_initial_mentions(text: str, clusters: list[Cluster], spans: list[tuple[int, int]],
                          zones: list[tuple[int, int]]) -> list[tuple[Mention, Cluster]]:
    """Later mentions of a person a cue named by one initial ("mevrouw K.", "(hierna: M.)"): the same letter with
    its full stop, standing alone before a lower-case word or a closing mark ("K. verklaarde", "gelooft K. niet").
    Before a capitalised word it may be another name's initial ("K. Jansen") or end a sentence, and is left."""
    out: list[tuple[Mention, Cluster]] = []
    for c in clusters:
        if not c.strong or c.official or len(c.surfaces) != 1:
            continue
        form = next(iter(c.surfaces))
        if not _ONE_INITIAL.fullmatch(form):
            continue
        for m in re.finditer(rf"(?<![\w.\-\[’']){re.escape(form)}(?=[ \t]+[a-zà-ÿ]|[ \t]*[,;:)]|[ \t]*$)"
                             rf"(?![ \t]+(?:(?:{_TV_ALT})\s+)+[{UPPER}])", text, re.M):  # not "K. de Vries"
            b, e = m.start(), m.end()
            if any(b < te and ts < e for ts, te in spans) or any(zs <= b < ze for zs, ze in zones):
                continue
            spans.append((b, e))
            out.append((Mention(b, e, "PERSON", "rule:coref"), c))
    return out


def _own_particles(text: str, b: int, name_start: int, c: Cluster) -> int:
    """Where a later mention starts: the particle words before the name belong to it only from the first one that
    is this person's own particle, or is capitalised inside a sentence. A lower-case word that is not is an article
    or a preposition ("de STE", "in de Horst", "wijst op De Vries' brief", "de advocaat van Amrani"); so is a
    capitalised article opening a sentence ("De Jansens wonen daar")."""
    for w in re.finditer(r"\S+", text[b:name_start]):
        rest = text[b + w.start():name_start].strip()
        if rest.lower() in c.particles or not w.group(0).islower() and not _sentence_start(text, b + w.start()):
            return b + w.start()
    return name_start


def _another_name(word: str, lex: Lexicon, sentence_start: bool, doc_lower: frozenset[str]) -> bool:
    """Whether "Peters" before a lower-case word is someone else than Peter: a first name of its own ("Peters",
    "Willems"), or at a sentence's start a plural this ruling also writes in lower case ("Bakkers moeten ..."
    beside "de bakkers"). A surname with an "s" is read as the possessive ("Mulders auto", "Bakkers standpunt"
    after "Willem Bakker"): Dutch surnames nearly all have an "s" form, and leaving it would publish the name."""
    low = word.lower()
    return low in lex.first_names or sentence_start and low in doc_lower


def _form_matches(pattern: re.Pattern[str], folded: str, forms: dict[str, Cluster]) -> list[re.Match[str]]:
    """``pattern.finditer(folded)``, the pattern matched only where a match can start: at an occurrence of a form,
    or in the particles right before it (up to three, of up to two words, each followed by white space). Tried at
    every position, the particles' alternation was a third of the linking rule's time."""
    starts: set[int] = set()
    for form in forms:
        q = folded.find(form)
        while q >= 0:
            starts.add(q)
            i = q  # back over the particles' words, each followed by white space
            for _ in range(_PARTICLE_WORDS):
                j = i
                while j > 0 and folded[j - 1].isspace():
                    j -= 1
                if j == i or j == 0:
                    break
                i = j
                while i > 0 and not folded[i - 1].isspace():
                    i -= 1
            starts.update(t.start() for t in _PARTICLE_START.finditer(folded, i, q))
            q = folded.find(form, q + 1)
    return scan.matches_from(pattern, folded, starts)


_PARTICLE_START = re.compile(r"(?<![\w\-\[.])\S")  # where the pattern's particles can start
_PARTICLE_WORDS = 3 * max(len(w.split()) for w in TV_WORDS)  # persons.TV: up to three particles
_OCR_MAP = str.maketrans({"1": "l", "0": "o", "5": "s", "8": "b", "2": "z", "9": "g", "3": "e", "4": "a", "6": "b",
                          "7": "t"})
_FUZZY_TOKEN = re.compile(r"(?<![\w\-])[^\W_](?:[\w’']|-\n(?=\w)|-\s?(?=\w)){1,60}(?![\w])")


def _ocr_key(s: str) -> str:
    """Case-folded, digits read as the letters OCR mistakes them for, line-end hyphens and 1/i/l collapsed."""
    s = _fold_diacritics(s.replace("-\n", "")).lower().translate(_OCR_MAP)
    return s.replace("i", "l").replace("-", "").replace("’", "'")


def fuzzy_mentions(text: str, forms: dict[str, Cluster], spans: list[tuple[int, int]],
                   zones: list[tuple[int, int]], lex: Lexicon) -> list[tuple[Mention, Cluster]]:
    """Later mentions of a name already found, written in capitals ("DEMIR"), with a digit for a letter
    ("Jan5en", "B0s"), "l" for "i" ("Bianchl"), a like-shaped letter or a letter group ("Verhoevcn", "Herrnsen"),
    broken by a line-end hyphen ("Jan-\nsen") or by a space ("Mul der"): matched on an OCR-tolerant, case-folded
    key. Only tokens that differ from the plain form in one of these ways are considered: plain forms were matched
    exactly already, and a lower-case ordinary word is never taken."""
    keys: dict[str, Cluster] = {}
    short: dict[str, Cluster] = {}  # three-letter names ("Bos"), matched only with a digit in them ("B0s")
    for form, c in forms.items():
        # The whole form and its parts: OCR breaks one word of "Van der Vermeulen" or "El Khattabi-Woźniak".
        for part in {form, *form.split(), *re.split(r"[\s\-]+", form)}:
            if len(part) >= 3 and (part == form or part.lower() not in lex.dutch or lex.is_name_word(part)):
                (keys if len(part) >= 4 else short).setdefault(_ocr_key(part), c)
    if not keys and not short:
        return []
    letters = _LetterKeys(keys)
    # The openings of the keys, for a word a space cut off ("Mul" of "Mul der"): checked before anything else.
    heads = {k[:n] for k in keys for n in range(2, len(k) - 1)}
    out: list[tuple[Mention, Cluster]] = []
    for m in _FUZZY_TOKEN.finditer(text):
        tok = m.group(0)
        if not (tok[0].isupper() or tok[0].isdigit()):
            continue
        b, e = m.start(), m.end()
        key: str | None = None
        if tok.isupper() or "-\n" in tok or any(ch.isdigit() for ch in tok):
            key = _ocr_key(tok)
            owner = keys.get(key) or (short.get(key) if any(ch.isdigit() for ch in tok)
                                      and sum(ch.isalpha() for ch in tok) >= 2 else None)  # "B0s", not "A50"
        elif len(tok) >= 5 and tok.lower() not in lex.dutch:
            key = _ocr_key(tok)
            # "Bianchl" for "Bianchi" has the key of the form itself; a known name one letter away ("Jansen" beside
            # "Janssen") is someone else unless a letter group made it ("Hermsen" written "Herrnsen" first).
            owner = (keys[key] if tok not in forms else None) if key in keys else \
                letters.get(key, lookalike=not lex.is_name_word(tok))
        else:
            owner = None  # a plain word or a name of its own (the cheap test first)
        if owner is None:
            # A space read inside the name: "Mul der" for "Mulder".
            if (tok.lower().replace("i", "l") if tok.isascii() else key or _ocr_key(tok)) not in heads:
                continue
            split = _SPLIT_REST.match(text, e)
            if split is None or (owner := keys.get(_ocr_key(tok + split.group(1)))) is None or \
                    (key or _ocr_key(tok)) in keys or tok in forms:
                continue
            e = split.end()
        if any(b < te and ts < e for ts, te in spans) or any(zs <= b < ze for zs, ze in zones):
            continue
        tv = _TV_BEFORE.search(text[max(0, b - 30):b])
        if tv and not any(b - len(tv.group(0)) < te and ts < b for ts, te in spans):
            b = _own_particles(text, b - len(tv.group(0)), b, owner)
        b = _with_initials(text, b, spans)
        spans.append((b, e))
        out.append((Mention(b, e, "PERSON", "rule:coref-fuzzy", role=owner.kind if owner.official else None), owner))
    return out


_SPLIT_REST = re.compile(r" ([a-zà-ÿ]{2,12})(?![\w\-])")
# Letters a scan confuses: "rn" for "m", "cl" for "d", "vv" for "w", "ri" for "n" (read after _ocr_key, which
# makes "i" an "l"), and one letter for a like-shaped one ("Verhoevcn", "Bakkcr", "Hendrlks").
_OCR_LETTER_GROUPS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("rl", "n"))
_OCR_LOOKALIKE = frozenset({("c", "e"), ("c", "o"), ("e", "o"), ("n", "u"), ("h", "b"), ("f", "t"), ("g", "q"),
                            ("v", "y")})


def _letter_key(key: str) -> str:
    for scanned, meant in _OCR_LETTER_GROUPS:
        key = key.replace(scanned, meant)
    return key


class _LetterKeys:
    """Names already found, looked up by a scanned word that misreads their letters: one letter group
    (:data:`_OCR_LETTER_GROUPS`) anywhere, or one like-shaped letter (:data:`_OCR_LOOKALIKE`), or one letter read
    twice, in names of five letters or more; one letter lost in names of six or more."""

    def __init__(self, keys: dict[str, Cluster]) -> None:
        self.whole: dict[str, Cluster] = {}
        self.one_off: dict[str, list[tuple[str, Cluster]]] = {}
        self.dropped: dict[str, Cluster] = {}  # a name of six letters or more with one letter dropped
        for k, c in keys.items():
            lk = _letter_key(k)
            if len(lk) < 5:
                continue
            self.whole.setdefault(lk, c)
            for i in range(len(lk)):
                self.one_off.setdefault(lk[:i] + "?" + lk[i + 1:], []).append((lk[i], c))
                if len(lk) >= 6:
                    self.dropped.setdefault(lk[:i] + lk[i + 1:], c)

    def get(self, key: str, lookalike: bool = True) -> Cluster | None:
        lk = _letter_key(key)
        if len(lk) < 5:
            return None
        if lk in self.whole or not lookalike:
            return self.whole.get(lk)
        for i, ch in enumerate(lk):
            for meant, c in self.one_off.get(lk[:i] + "?" + lk[i + 1:], ()):
                if (ch, meant) in _OCR_LOOKALIKE or (meant, ch) in _OCR_LOOKALIKE:
                    return c
            if i and ch == lk[i - 1] and (doubled := self.whole.get(lk[:i] + lk[i + 1:])):
                return doubled  # "Verhoeeven": a letter read twice
        return self.dropped.get(lk)  # "Verhoven": a letter lost


_INITIALS_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?:(?:Th|Chr|Ch|Ph|Joh|Jac|IJ|[{UPPER}])\.\s?){{1,5}}$")
_TV_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?:(?i:{'|'.join(re.escape(t) for t in TV_WORDS)})\s+){{1,3}}$")


def _with_initials(text: str, b: int, spans: list[tuple[int, int]]) -> int:
    """A later mention includes the initials written right before it ("A. Bos" when only "Bos" was linked)."""
    ini = _INITIALS_BEFORE.search(text[max(0, b - 24):b])
    if ini and ini.group(0).strip() and not any(b - len(ini.group(0)) < te and ts < b for ts, te in spans):
        return b - len(ini.group(0))
    return b


_CELL_END = re.compile(r"(?:[ \t]{2,}|\t)[^\s]")


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" ")
    return not before or before[-1] in ".:\n!?"


def placeholders(assigned: list[tuple[Mention, Cluster]], text: str, redact_officials: bool) -> list[Mention]:
    """Final role, action and placeholder for every person mention."""
    for m, c in assigned:
        c.roles.append(c.kind if c.official else _role_hint(text, m))
    counters: dict[str, int] = {}
    names: dict[int, tuple[str, str]] = {}
    for c in sorted({id(c): c for _, c in assigned}.values(), key=lambda c: c.first_pos):
        role = max(c.roles, key=lambda r: ROLE_RANK.get(r, 0)) if c.roles else "persoon"
        counters[role] = counters.get(role, 0) + 1
        n = counters[role]
        if role in ("verzoeker", "verzoekster"):
            label = f"[{role}]" if n == 1 else f"[{role} {n}]"
        elif role in KEPT_ROLES:
            label = f"[commissielid {n}]"
        else:
            label = f"[{role} {n}]"
        names[id(c)] = (role, label)
    out = []
    for m, c in assigned:
        role, label = names[id(c)]
        if c.official and not (redact_officials and c.kind == "committee"):
            out.append(m.with_(role=c.kind, action="kept", replacement=None))
        else:
            out.append(m.with_(role=role, action="replaced", replacement=label + _possessive(
                text[m.start:m.end], c, genitive=m.recogniser == "rule:possessive-relation")))
    return out


_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|(?<=[sxz])['’]|s)$")


def _possessive(surface: str, c: Cluster, genitive: bool = False) -> str:
    """The possessive ending a mention carries beyond the person's name ("Jansens" -> "[persoon 1]s", "Kowalski's"
    -> "[persoon 1]'s"): the name is replaced, the grammar stays. With ``genitive`` the recogniser read the ending as
    one ("Zeqiri's broer"), also for a name the ruling names nowhere else."""
    if genitive:  # the recogniser's own reading: "'s", an apostrophe alone ("Vries'"), or an "s"
        return next((e for e in ("'s", "’s", "'", "’", "s") if surface.endswith(e)), "")
    end = _POSSESSIVE.search(surface)
    if end is None:
        return ""
    stem = surface[:end.start()]
    words = stem.split()
    known = {s.lower() for s in c.surfaces} | {f.lower() for f in c.first_names} | {c.surname}
    return end.group(0) if stem.lower() in known or (words and words[-1].lower() in known) else ""


_WEAK = ("ner", "ner+shape", "rule:coref", "rule:coref-fuzzy", "rule:first-name", "rule:bare-subject")
# "mr. X" / "prof. X": a legal or academic title names a professional as often as a private person; "dr."/"drs."
# (care providers in SKGZ rulings) are not weakened.
_LEGAL_TITLE = re.compile(r"(?i:(?:mr|prof)\.?\s)")
_LEGAL_TITLES = frozenset({"mr", "prof"})
_PARTICLES = frozenset(w.lower() for w in TV_WORDS)


def defer_to_professionals(text: str, persons: list[Mention]) -> list[Mention]:
    """A weakly found mention (the model alone, the linking rule, a lone first name) of a word that a professional
    format names elsewhere ("na conclusie Kokott" ... "Kokott") is the professional: kept, with every other weak
    mention of that surface, so the leak guard has nothing to spread. A rule-found private name still wins."""
    kept_words = {p.lower() for m in persons if m.action != "replaced" and m.role in KEPT_ROLES
                  for w in re.findall(r"[^\W\d_][\w’'\-]*", text[m.start:m.end])
                  for p in {w, *name_parts(w)} if len(p) >= 3}  # "Hartkamp" of the handbook "Asser-Hartkamp"
    kept_surfaces = [" ".join(text[m.start:m.end].split()).lower() for m in persons
                     if m.action != "replaced" and m.role in KEPT_ROLES]
    kept_authors = {" ".join(text[m.start:m.end].split()).lower() for m in persons
                    if m.action != "replaced" and (m.role in ("author", "expert") or m.recogniser == "rule:bench")}
    # Authors the ruling cites by the bare surname ("JB 2004/301 m.nt. Widdershoven"): the same surname after initials
    # in a sentence with no private cue ("R.J.G.M. Widdershoven wijst erop dat ...") is that author.
    # Only a citation's author counts: an opinion verb alone ("Hoogstraten concludeert dat") is no citation.
    bare_authors = {" ".join(text[m.start:m.end].split()).lower() for m in persons
                    if m.action != "replaced" and m.recogniser == "rule:author" and "." not in text[m.start:m.end]}
    # An expert or author the ruling also names with an honorific ("prof. dr P. Klint" ... "de heer Klint", "rapporteur
    # W. van Kreel" ... "de heer W. van Kreel"): the same initials and surname, or the bare surname when every
    # person of that surname in the ruling is written with the professional's initials or none.
    same_professional = _same_professional(text, persons)
    strong = {" ".join(text[m.start:m.end].split()).lower() for m in persons
              if m.action == "replaced" and m.recogniser not in _WEAK and m.recogniser != "rule:initials" and not (
                  m.recogniser == "rule:title" and _LEGAL_TITLE.match(text[m.start:m.end]))} - same_professional
    # The words of each private person a rule found, by the label they were given: a weak mention in that person's
    # cluster whose words are all that person's ("Eiser, Martijn Snijders" ... "Snijders heeft aangeboden") is that
    # person, even where an author of that surname is cited ("Snijders/Klaassen/Meijer, ..."): replacing is safe.
    private_words: dict[str, set[str]] = {}
    for m in persons:
        surface = " ".join(text[m.start:m.end].split())
        if m.action == "replaced" and m.replacement and surface.lower() in strong:
            private_words.setdefault(m.replacement, set()).update(
                w.lower() for w in re.findall(r"[^\W\d_][\w’'\-]*", surface))
    out = []
    for m in persons:
        surface = " ".join(text[m.start:m.end].split())
        words = [w.lower() for w in re.findall(r"[^\W\d_][\w’'\-]*", surface)]
        if m.action == "replaced" and m.replacement in private_words and words and \
                all(w in private_words[m.replacement] or w in _PARTICLES for w in words):
            out.append(m)
            continue
        weak = m.recogniser in _WEAK or m.recogniser == "rule:title" and _LEGAL_TITLE.match(surface) or (
            m.recogniser == "rule:initials" and any(surface.lower() in k for k in kept_surfaces))
        # The same initials and surname as a cited author elsewhere in the ruling ("Tj. S. Visser annoteerde
        # ..." / "dat ik Tj. S. Visser heb kunnen bijvallen"): that professional.
        exact = m.recogniser == "rule:initials" and surface.lower() in kept_authors or (
            m.recogniser in ("rule:honorific", "rule:initials", "rule:title") and surface.lower() in same_professional)
        if m.recogniser == "rule:initials" and bare_authors and not exact:
            surname = _INITIALS_OPENING.sub("", surface).lower()
            exact = surname in bare_authors and not any(s.endswith(" " + surname) or s == surname for s in strong) \
                and not _PRIVATE_NEAR.search(text, max(0, m.start - 60), m.start)
        if m.action == "replaced" and exact and surface.lower() not in strong:
            out.append(m.with_(action="kept", role="author", replacement=None,
                               recogniser=m.recogniser + "+professional"))
        elif (m.action == "replaced" and weak and words and surface.lower() not in strong
                and all(w in kept_words or w in _LEGAL_TITLES or w in _PARTICLES or len(w) == 1 for w in words)
                and any(len(w) > 1 and w not in _LEGAL_TITLES for w in words)
                # With initials only a titled mention the professional's own name contains ("p/a mr. B.J. de Bruijn"
                # of "mr. B.J. de Bruijn, advocaat"): "P. de Vries" is another person than "mr. J. de Vries", and
                # letting linked or initials-found mentions defer lost private names on the held-out recall set.
                and (all(len(w) > 1 for w in words) or m.recogniser == "rule:title" and any(
                    _LEGAL_TITLE.sub("", surface).lower() in k for k in kept_surfaces))):
            out.append(m.with_(action="kept", role="lawyer", replacement=None,
                               recogniser=m.recogniser + "+professional"))
        else:
            out.append(m)
    return out


_INITIALS_OPENING = re.compile(r"^(?:[^\W\d_][a-z]{0,2}\.\s?)+")
_TITLES_OPENING = re.compile(r"^(?:(?i:mrs|mr|dr|drs|prof|ir|ing)\.?\s+)+")
_PARTY_PROFESSION = re.compile(r"(?i:\b(?:notaris|(?:gerechts)?deurwaarder|(?:register)?accountant|tolk|makelaar)\b)"
                               r"[^.\n]{0,30}$")


# A judge, A-G or clerk named right after the office or the conclusion (not "voorzitter"/"secretaris", which
# associations have too).
_JUDICIAL_BEFORE = re.compile(r"(?i:\b(?:raadsheer|raadsheren|advocaat-generaal|procureur-generaal|a-g|p-g|rechter|"
                              r"rechters|kantonrechter|griffier|staatsraad|vice-president|president|conclusie|concl\.|"
                              r"ambtgeno(?:ot|te)|mrs\.?))[\s:,]+(?:(?:mr|mrs)\.?\s+)?[^\s]{0,3}$")
_PRIVATE_NEAR = re.compile(rf"(?i:\b(?:{PRIVATE_CUE_WORDS}|directeur|werknemer|cliënt\w?)\b)[^.\n]{{0,25}}$")


def _same_professional(text: str, persons: list[Mention]) -> set[str]:
    """Honorific surfaces (lower case) that name a kept expert or author: their exact kept surface, or their bare
    surname when no replaced mention gives that surname other initials than the professional's."""
    def split(surface: str) -> tuple[str, str]:
        surface = _TITLES_OPENING.sub("", surface)
        ini = "".join(re.findall(r"\b([A-Z])[a-z]{0,2}\.", surface))
        name = re.sub(r"^(?:(?:[A-Za-z][a-z]{0,2}\.\s?)+)", "", surface).strip().lower()
        return ini, name
    prof: dict[str, set[str]] = {}
    # Not a notary, bailiff or accountant: in a disciplinary case that professional is the party.
    judicial = [m for m in persons if m.action != "replaced" and m.recogniser in ("rule:bench", "rule:official-role")
                and _JUDICIAL_BEFORE.search(text, max(0, m.start - 45), m.start)]
    for k in {" ".join(text[m.start:m.end].split()) for m in [*persons, *judicial]
              if m.action != "replaced" and (m.role == "author" or m in judicial or m.recogniser == "rule:bench"
                                             or m.role in ("expert", "lawyer")
                                             and not _PARTY_PROFESSION.search(text, max(0, m.start - 40), m.start))}:
        ini, name = split(k)
        words = name.split()
        # "Christiaan Kokewitz" is "de heer Kokewitz" too: the surname group after a first name is a key as well.
        for i in range(len(words)):
            if i == 0 or words[i - 1] not in _PARTICLES and words[i - 1][-1:] != ".":
                prof.setdefault(" ".join(words[i:]), set()).add(ini)
    out: set[str] = set()
    bench_bare = {split(" ".join(text[m.start:m.end].split()))[1] for m in judicial
                  if not split(" ".join(text[m.start:m.end].split()))[0]}
    # An initials mention without any cue, of the same surname as a strong professional format names elsewhere,
    # with the same initials or where the professional is named by surname alone ("conclusie Hartkamp" ...
    # "A.S. Hartkamp"): that professional.
    for m in persons:
        if m.action == "replaced" and m.recogniser == "rule:initials":
            surface = " ".join(text[m.start:m.end].split())
            ini, name = split(surface)
            if name in bench_bare and not _PRIVATE_NEAR.search(
                    text, max(0, m.start - 30), m.start):
                out.add(surface.lower())
    # Mentions that defer anyway name no other person.
    replaced = [r for m in persons if m.action == "replaced"
                for r in [" ".join(text[m.start:m.end].split())] if r.lower() not in out]
    for m in persons:
        # "de heer Kokewitz", "dr. Strothmeier" after "legal opinion van dr. Yorick Strothmeier": the professional.
        if m.action != "replaced" or m.recogniser not in ("rule:honorific", "rule:title"):
            continue
        surface = " ".join(text[m.start:m.end].split())
        ini, name = split(surface)
        if name not in prof:
            continue
        if (ini and ini in prof[name]) or (
                not ini and all(split(r)[0] in prof[name] | {""} for r in replaced if split(r)[1] == name)):
            out.add(surface.lower())
    return out




# The genitive of a replaced surface is the same person: "Öztürks stelling", "Van Wijks aandeel", "De Vries' brief"
# (the ending stays outside the replaced span).
_GENITIVE_TAIL = (r"(?:['’]s?|s(?=\s+(?:stelling|stellingen|verklaring|verklaringen|standpunt|betoog|verweer|advocaat|"
               r"raadsman|gemachtigde|aandeel|vader|moeder|broer|zus|zoon|dochter|vrouw|man|echtgeno\w+|partner|"
               r"auto|woning|huis|bedrijf|rekening|brief|e-mail|eigen|aanwezigheid|kant|rol|schuld|handtekening)\b))?")


def leak_guard(text: str, persons: list[Mention], others: list[Mention]) -> list[Mention]:
    """Every other occurrence of a replaced person surface is replaced too (privacy first).

    The linking rule deliberately does not spread some forms (after an article, in a citation, a place); but once
    a surface was replaced somewhere, the same surface left standing elsewhere would publish the name (and fail
    the pre-publication check in :mod:`anonymise.leaks`, which matches the same way: whole word, any case, an
    all-lower-case hit of a one-word surface excepted). A kept person mention containing it becomes replaced.
    """
    out = list(persons)
    label_of: dict[str, Mention] = {}
    for m in persons:
        # One initial ("mevrouw K.") is no surface to spread: every other "K." is another person's initial.
        if m.action == "replaced" and not one_initial(text[m.start:m.end]):
            label_of.setdefault(" ".join(text[m.start:m.end].split()), m)
    for surface, owner in sorted(label_of.items(), key=lambda kv: -len(kv[0])):
        words = surface.split()
        pattern = re.compile(r"(?<![\w\-])(?P<s>" + r"\s+".join(re.escape(w) for w in words) + ")" + _GENITIVE_TAIL
                             + r"(?![\w\-])", re.I)
        for hit in pattern.finditer(text):
            if len(words) == 1 and hit.group("s").islower() and not surface.islower():
                continue
            if initials_of_another_name(surface, text, hit.end("s")):
                continue  # "A.B." replaced, "mr. A.B. Jansen" elsewhere: those are another person's initials
            b, e = hit.start("s"), hit.end("s")
            if any(m.start <= b and e <= m.end and m.action == "replaced" for m in out):
                continue
            if any(m.start < e and b < m.end for m in others):
                continue
            overlapping = [m for m in out if m.start < e and b < m.end]
            # Kept or partly covering mentions around the hit merge into one replaced span (the safe choice).
            start = min([b, *(m.start for m in overlapping)])
            end = max([e, *(m.end for m in overlapping)])
            out = [m for m in out if not (m.start < e and b < m.end)]
            out.append(owner.with_(start=start, end=end, recogniser="rule:leak-guard"))
    return out


def _repeated_identifiers(text: str, identifiers: list[Mention], taken: list[Mention]) -> list[Mention]:
    """A replaced identifier that recurs elsewhere in another form of context ("nummer 123456789") is replaced
    there too: the leak check would otherwise (rightly) quarantine the ruling."""
    out: list[Mention] = []
    spans = [(t.start, t.end) for t in taken]
    seen: set[str] = set()
    for m in identifiers:
        surface = text[m.start:m.end]
        if m.action == "kept" or m.label == "BIRTH_DATE" or len(surface) < 6 or surface in seen:
            continue
        seen.add(surface)
        for r in re.finditer(rf"(?<![\w\-]){re.escape(surface)}(?![\w\-])", text):
            if not any(r.start() < e and s < r.end() for s, e in spans):
                out.append(m.with_(start=r.start(), end=r.end(), recogniser=m.recogniser + "+repeat"))
                spans.append((r.start(), r.end()))
    return out


def _trim_at_kept(text: str, persons: list[Mention], fixed: list[Mention], lex: Lexicon) -> list[Mention]:
    """A person span that runs into a kept or identifier span ("mr. Jansen van Zilveren Kruis") is cut before it
    rather than dropped whole: dropping it would publish "mr. Jansen"."""
    out: list[Mention] = []
    for m in persons:
        cut = min((f.start for f in fixed if m.start < f.start < m.end), default=None)
        if cut is None:
            out.append(m)
            continue
        words = text[m.start:cut].split()
        while words and words[-1].lower() in lex.tussenvoegsels:
            words.pop()
        if words and surname_words(" ".join(words), lex):
            end = m.start + len(text[m.start:cut].rstrip())
            # drop the trailing particles we popped
            end = m.start + text[m.start:end].rfind(words[-1]) + len(words[-1])
            out.append(m.with_(end=end))
    return out


# Trades that follow a name in a company's trade name. Whole words only, and none that is also a surname
# ("Bouwman", "Schilder", "Smid" are people).
_TRADE = (r"(?:Hotels?|Infra|Auto(?:s|bedrijf|mobielen|lease|schade)?|Bouw|Bouwbedrijf|Bouwmaterialen|Transport|"
          r"Transportbedrijf|Installatie(?:bedrijf|techniek)?|Logistiek|Logistics|Techniek|Services?|Restaurant|"
          r"Garage|Bakkerij|Slagerij|Schildersbedrijf|Uitzendbureau|Schoonmaak(?:bedrijf)?|Aannemersbedrijf|Verhuur|"
          r"Verhuizingen|Hoveniersbedrijf|Loonbedrijf|Metaalbewerking|Projecten|Vastgoedbeheer|Administratiekantoor|"
          r"Tweewielers|Meubelen|Elektrotechniek|Makelaardij|Reisbureau|Kappers|Kapsalon|Tandtechniek|"
          # publishers: "Harvard University Press", "Mohr Siebeck Verlag"
          r"Press|Verlag|Publishers|Publishing|Uitgeverij|Uitgevers|"
          # a group or a financial firm: "Hendrik Veder Groep", "Frits Philips Financiering", "Jansen Vastgoed"
          r"Groep|Group|Beheer|Holding|Financiering(?:en)?|Verzekeringen|Assurantiën|Assurantien|Vastgoed|Beleggingen)\b")
_TRADE_INSIDE = re.compile(r"(?<=\s)" + _TRADE)
# A word naming a trade by its ending, after a name: "Jansen Installatietechniek", "Bakker Schilderwerken", "Smit
# Tweewielerhandel", "Visser Bouwbedrijven", "De Boer Zorgdiensten".
_TRADE_ENDING = re.compile(r"(?<=\s)[A-Z][a-z]*(?:techniek|bedrijf|bedrijven|handel|diensten|bureau|werken|"
                           r"winkel|installaties|onderhoud|verhuur|transporten|advies|bewindvoering|rechtshulp|"
                           r"incasso|administratie)\b")
# Within the line: "G.W. X\n\nEdelhoogachtbaar College" is a party above the A-G's address, not a college.
_ORG_AFTER = re.compile(r"(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&’'\-]{1,30}){0,3}[ \t]*,?[ \t]*"
                        r"(?:B\.\s?V\.?|N\.\s?V\.?|BV\b|NV\b|"
                        r"Holding\b|Beheer\b|"
                        r"Groep\b|Group\b|GmbH\b|Ltd\b|Limited\b|Inc\b|S\.A\.|SA\b|AG\b|plc\b|C\.V\.|V\.o\.f\.|"
                        r"(?:and|&)\s+(?:Company|Co\b)|Company\b|Corporation\b|Corp\b|Incorporated\b|LLC\b|L\.L\.C\.|"
                        r"LLP\b|L\.P\.|S\.p\.A\.|S\.à\s?r\.l\.|SARL\b|SAS\b|KG\b|"
                        r"v\.o\.f\.|& (?:Co|Zn|Zonen)\b|Vastgoed\b|Bank\b|Invest\w*|Vermogensbeheer\b|"
                        r"Verzekering\w*|Assurantie\w*|Beleggings\w*|Makelaar\w*|Advocaten\b|Accountants\b|"
                        r"(?:&\s+)?Partners\b|Accountancy\b|Consultancy\b|(?:Belasting)?[Aa]dviseurs\b|Belastingadvies\b|"
                        r"Bewindvoering\b|Rechtshulp\b|Juristen\b|Administratiekantoor\b|Incasso\b|"
                        # an institution named after a person: "Pieter Baan Centrum", "Herman Jordan Lyceum"
                        r"Centrum\b|Lyceum\b|College\b|Ziekenhuis\b|Kliniek\b|Instituut\b|Supermarkt\b|Fonds\b|"
                        r"Museum\b|Academie\b|Gasthuis\b|Stichting\b|Scholengemeenschap\b|Basisschool\b|"
                        r"Gymnasium\b|Hogeschool\b|Universiteit\b|Jeugdbescherming\b|Jeugdreclassering\b|"
                        # a trade name: a name and the trade ("Van der Valk Hotel", "Heijmans Infra", "Stern Auto")
                        + _TRADE + r")")
_ORG_BEFORE = re.compile(r"(?:\b(?:Stichting|stichting|Vereniging|vereniging|Coöperatie|coöperatie|[Ff]irma|Fa\.|"
                         r"Koninklijke|Gebr\.|Gebroeders|"
                         r"[Bb]edrijf|[Oo]nderneming|[Vv]ennootschap|[Mm]aatschap|[Kk]antoor|[Ww]inkel|[Ss]upermarkt|"
                         r"[Mm]erk|[Tt]ype|[Mm]odel|B\.V\.|N\.V\.|BV|NV|"
                         # an institution named after a person: "Medisch Centrum Jan van Goyen", "Ziekenhuis X"
                         r"Centrum|Ziekenhuis|Kliniek|Lyceum|College|Instituut|Museum|Gasthuis|Scholengemeenschap|"
                         r"Gymnasium|School|Basisschool|Hogeschool|Universiteit|Academie|"
                         # a ship: "het vissersvaartuig Jacob Hendrik UK 42", "m.s. Willem Barentsz"
                         r"[Vv]issersvaartuig|[Vv]aartuig|[Mm]otorschip|[Kk]otter|m\.s\.|[Ss]chip|"
                         r"[Mm]otor(?:vracht|tank)schip|[Vv]rachtschip|[Tt]ankschip|[Bb]innenvaartschip|[Dd]uwbak|"
                         r"[Dd]uwboot|[Ss]leepboot|[Vv]eerboot|[Cc]oaster|[Zz]eiljacht|[Mm]otorjacht|m\.v\.|"
                         # a shop or franchise: "de slagerij Van Dam", "franchisenemer van Bakker Bart", "een filiaal
                         # van Bart Smit"
                         r"[Ss]lagerij|[Bb]akkerij|[Cc]afé|[Cc]afetaria|[Rr]estaurant|[Kk]apsalon|[Dd]rogisterij|"
                         r"[Aa]potheek|[Gg]arage|[Hh]otel|[Ss]nackbar|[Bb]rasserie|[Ww]arenhuis|"
                         r"(?:[Ff]ranchisenemer|[Ff]iliaal|[Ff]ranchisegever|[Vv]estiging|[Kk]eten?)\s+van|"
                         # a care institution: "FPC Dr. S. van Mesdag", "Zorgcentrum Jan Pieter Heije"
                         r"FPC|[A-Z][a-z]*(?:centrum|huis|kliniek))\s+)$")
# A name that ends in an institution: "Dr. S. van Mesdagkliniek", "Koningin Wilhelmina Fonds", "Prins Bernhard
# Cultuurfonds" (the recogniser's span ran over the institution's word, title or not).
_INSTITUTION_END = re.compile(r"(?:[Ff]onds|[Kk]liniek|[Zz]iekenhuis|[Gg]ymnasium|[Ll]yceum|[Cc]entrum|[Ii]nstituut|"
                              r"[Mm]useum|[Gg]asthuis|[Ss]tichting|[Bb]asisschool|[Hh]ogeschool|[Cc]ollege|[Ss]chool|"
                              r"[Aa]cademie|[Uu]niversiteit)$")
_TITLE_OR_HONORIFIC = ("rule:title", "rule:honorific")
_ORG_INSIDE = re.compile(r"\b(?:B\.\s?V|N\.\s?V|BV|NV|Holding|GmbH|Ltd|Inc|International|Rechtsbijstand|Bank|Invest)\b")
# "Hermes Openbaar Vervoer B.V. (hierna: Hermes)": the defined short name of an organisation is no person.
_ORG_ALIAS = re.compile(r"(?:B\.\s?V\.?|N\.\s?V\.?|\bBV|\bNV|\bLtd\.?|GmbH|\bInc\.?|S\.A\.|\bAG|\bplc)[^.()\n]{0,60}?"
                        r"\((?:hierna|verder|hierna\s+te\s+noemen)\s*:?\s*(?:de\s+|het\s+)?[\"“']?"
                        r"(?P<alias>[^()\"”'\n]{2,40}?)[\"”']?\)")


# "X, gevestigd te Y" is how Dutch rulings introduce a legal person ("wonende te" a natural one). The short name the
# party block defines for it from the name's own words ("Eli Lilly and Company, gevestigd te Indianapolis,
# appellante, hierna te noemen: Lilly") is that organisation wherever the ruling uses it. Not for a sole trader,
# who is a natural person trading under a name, often his own ("X h.o.d.n. X Transport, gevestigd te ...").
_ESTABLISHED = re.compile(r"(?<![\w\-])(?P<name>[A-Z0-9][\w&.'’\-]*(?:[ \t]+(?:[A-Z0-9&][\w&.'’\-]*|and|en|van|de|der|"
                          r"of|the|voor)){0,8})[ \t]*,\s*(?:statutair\s+)?gevestigd\s+(?:te|in|aan)\b")
_ESTABLISHED_ALIAS = re.compile(r"(?:(?!\btegen\b|\bwonende\b|\bwoonplaats\b|\bgeboren\b|h\.o\.d\.n|\bhandelend)"
                                r"(?:[^\n]|\n(?!\n))){0,160}?\b(?:hierna|verder)"
                                r"(?:\s+(?:te\s+noemen|ook|afzonderlijk|gezamenlijk))?\s*:?\s*(?:de\s+|het\s+)?[\"“']?"
                                r"(?P<alias>[A-Z][^()\"”'\n,;]{1,40}?)[\"”']?\s*(?:[),;]|\n|$)")
_SOLE_TRADER = re.compile(r"(?i:h\.\s?o\.\s?d\.\s?n\.|\bhodn\b|\bhandelend(?:e)?\s+(?:onder|als)\b|"
                          r"\beenmanszaak\b)")


def established_aliases(text: str, lex: Lexicon) -> frozenset[str]:
    """The short names defined for legal persons introduced with "gevestigd te", from their own name's words."""
    out = set()
    for m in _ESTABLISHED.finditer(text):
        words = m.group("name").split()
        if _SOLE_TRADER.search(text, max(0, m.start() - 120), m.end()):
            continue
        a = _ESTABLISHED_ALIAS.match(text, m.end())
        own = {w.lower().strip(".,") for w in words}
        if a and a.group("alias").lower() not in lex.legal_terms and all(
                w.lower() in own for w in a.group("alias").split()):
            out.add(a.group("alias").strip())
    # A short name the ruling also gives a person ("de heer Bakker", "J. Bakker" beside "Bakker Transport B.V.,
    # hierna: Bakker"): a family business and its owner share the name; the person wins (privacy first).
    return frozenset(a for a in out if not re.search(
        rf"(?:\b(?:[Dd]e\s+heer|[Mm]evrouw|[Mm]evr\.|[Dd]hr\.|[Mm]w\.)|(?<![\w.])[A-Z][a-z]{{0,2}}\.)\s*"
        rf"(?:(?i:{TV})\s*)?{re.escape(a)}\b", text))


# A word written in lower case in running prose (not inside an e-mail address or a URL: "j.pietersen@...").
_PROSE_LOWER = re.compile(r"(?:^|(?<=[\s(\"“']))[a-zà-ÿ][a-zà-ÿ\-]+(?=[\s,;:!?)\"”']|\.(?:\s|$)|$)", re.M)


# Makes and models (issue 12, modern criminal rulings): a list after "merk(en)", "type", "merk/type:" or in brackets
# after the object ("een bestelauto (Nissan Primastar)"), a make and model before "met kenteken" or before the
# object noun ("een Stella elektrische fiets").
# Also what names a work, a project or a system rather than a person: "het project Postscript", "met de titel
# Postscript", "het softwarepakket Exact Online".
_PRODUCT_CUE = re.compile(r"(?i:\b(?:merk(?:en)?|merknaam|type|model|fabricaat|merk\s*/\s*type|project|projectnaam|"
                          r"concept|programma|titel|getiteld|\w*software(?:pakket)?|\w*pakket|applicatie|app|"
                          r"website|productnaam|handelsnaam)\b)\s*[:/]?\s*")
_PRODUCT_LIST = re.compile(r"(?:[A-Z0-9À-Þ][\w&'’.\-]*(?:\s+[\w&'’.\-]+){0,2}?\s*(?:,|/|\ben/of\b|\ben\b|\bof\b)\s*)"
                           # the make right before the model: "Batavus O. Dutch"
                           r"{0,6}(?:[A-Z0-9À-Þ][\w&'’\-]*\s+)?$")
_OBJECT_BRACKET = re.compile(
    r"(?i:\b(?:\w*auto|bestelbus|vrachtwagen|bus|motor(?:fiets)?|scooter|bromfiets|\w*fiets|e-bike|telefoon|"
    r"smartphone|laptop|tablet|horloge|camera|spelcomputer|televisie|navigatie\w*|boot|vaartuig|pistool|revolver|"
    r"\w*wapen|geweer|tas|jas|parfum\w*|sieraad|sieraden))\s*\(\s*$")
_PRODUCT_AFTER = re.compile(r"\s+(?:(?:met|voorzien\s+van)\s+(?:het\s+)?kenteken\b|elektrische\s+fiets|e-bike)")


_PRODUCT_ADJECTIVE = re.compile(r"\b(?:een|de)\s+(?:elektrische|gestolen|grijze|zwarte|witte|blauwe|rode)\s+$")


def _product(text: str, m: Mention) -> bool:
    """A make or model in a product list or next to its object ("merk/type: Sony Playstation", "een bestelauto
    (Nissan Primastar)", "een Daewoo Tacuma met kenteken", "een Stella elektrische fiets"). A title or honorific
    says person."""
    if m.recogniser in _TITLE_OR_HONORIFIC:
        return False
    line_start = max(text.rfind("\n", 0, m.start) + 1, m.start - 80)
    before = text[line_start:m.start]
    for cue in _PRODUCT_CUE.finditer(before):
        if _PRODUCT_LIST.fullmatch(before, cue.end()):
            return True
    return bool(_OBJECT_BRACKET.search(before)) or not _INITIAL_RE.search(text[m.start:m.end]) and bool(
        _PRODUCT_AFTER.match(text, m.end) or _PRODUCT_ADJECTIVE.search(before))


def product_words(text: str, persons: list[Mention], lex: Lexicon) -> frozenset[str]:
    """The name words of every make or model this ruling writes in a product format: the same words elsewhere
    ("In een Daewoo Tacuma, die op naam van verdachte stond") are that product too."""
    return frozenset(w.lower() for m in persons if _product(text, m)
                     for w in surname_words(text[m.start:m.end], lex) if w.lower() not in lex.first_names)


def _product_again(text: str, m: Mention, products: frozenset[str], lex: Lexicon) -> bool:
    """A mention in a product format, or one made only of the words of a make or model named in one."""
    if m.recogniser in _TITLE_OR_HONORIFIC:
        return False
    if _product(text, m):
        return True
    words = [w.lower() for w in surname_words(text[m.start:m.end], lex)]
    return bool(products) and bool(words) and all(w in products for w in words) and not _INITIAL_RE.search(
        text[m.start:m.end])


# The name of a foundation, association or cooperative runs on over its capitalised words and their connectors
# ("Stichting Behoud Leefmilieu en Natuur Maas en Waal"): a weakly found span inside it is part of that name.
_ORG_NAME_RUN = re.compile(r"\b(?:Stichting|Vereniging|Coöperatie|Federatie|Stichting\s+tot)\s+[A-Z][\w'’&\-]*"
                           r"(?:\s+(?:(?:en|van|voor|de|der|het|tot|in|op|&)\s+){0,2}[A-Z][\w'’&\-]*){0,8}")


def _inside_org_name(text: str, m: Mention) -> bool:
    if m.recogniser not in ("ner", "ner+shape", "rule:lexicon-name"):
        return False
    line_start = max(text.rfind("\n", 0, m.start) + 1, m.start - 120)
    return any(o.start() < m.start and m.end <= o.end() for o in _ORG_NAME_RUN.finditer(text, line_start, m.end + 60))


def _organisation(text: str, m: Mention) -> bool:
    """A name that is part of a company, foundation or make: "J. van der Kolk Beleggingsadviesburo B.V.",
    "Stichting Jan van Goyen", "merk Ford Fusion". A title or honorific ("mr.", "de heer") says person."""
    if _INSTITUTION_END.search(text, m.start, m.end) and m.end - m.start > 6:
        return True
    if m.recogniser in _TITLE_OR_HONORIFIC:
        return False
    if _ORG_INSIDE.search(text[m.start:m.end]) and m.recogniser != "rule:hierna":  # "(hierna: N.V.)" after a name
        return True
    if m.recogniser in ("ner", "ner+shape") and _TRADE_INSIDE.search(text, m.start, m.end):
        return True  # the model's "Heijmans Infra", "Van der Valk Hotel Houten"
    if m.recogniser in _SAME_SURFACE_WEAK and (_TRADE_INSIDE.search(text, m.start, m.end) or
                                               _TRADE_ENDING.search(text, m.start, m.end)):
        return True  # a weak find with a trade in it: "Jansen Installatietechniek", "Bakker Schilderwerken"
    if _inside_org_name(text, m):
        return True
    # "naar de Albert Heijn", "het Pieter Baan Centrum": an article before a first name and surname names a shop,
    # an institution or a brand; nobody writes a person so.
    if _ORG_ARTICLE.search(text, max(0, m.start - 5), m.start) and _FIRST_LAST.fullmatch(text, m.start, m.end) \
            and m.recogniser in ("ner", "ner+shape", "rule:lexicon-name", "rule:coref", "rule:first-name"):
        return True
    return bool(_ORG_AFTER.match(text, m.end) or _ORG_BEFORE.search(text[max(0, m.start - 30):m.start])
                or _FIRM_BEFORE.search(text[max(0, m.start - 80):m.start]))


# A law firm is named where a lawyer's employer stands: "advocaat bij Boekel De Nerée", "mr. P. Smit (Kennedy Van
# der Laan)", "advocaat te Den Haag (Pels Rijcken)", "advocatenkantoor Van Doorne".
_FIRM_BEFORE = re.compile(r"(?:\b(?:[Aa]dvoca(?:at|te|ten)|[Pp]artner|[Kk]antoorgeno(?:ot|te))\s+bij\s+|"
                          r"\b[Aa]dvoca(?:at|te|ten)\s+te\s+[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?\s*\(|"
                          r"\bmr\.?\s+(?:(?:[A-Z]|Th|Chr|Ph)\.\s?)*(?:[a-z']+\s+){0,3}[A-Z][\w'\-]+\s*\(|"
                          r"\b[Aa]dvocaten(?:kantoor|maatschap)\s+)$")
_SAME_SURFACE_WEAK = ("rule:lexicon-name", "rule:first-name", "ner", "ner+shape")
_ORG_ARTICLE = re.compile(r"(?<![\w\-])(?:de|De)\s+$")  # not "het": "dat het Dennis Mulder was" (the pronoun)
_FIRST_LAST = re.compile(r"[A-Z][a-zà-ÿ]+(?:\s+[A-Z][\wà-ÿ\-]+){1,2}")


# A street named after a person ends in a suffix no surname ends in.
_STREET_NAMED = re.compile(r"[a-zà-ÿ](?:straat|laan|weg|plein|gracht|kade|singel|dreef|steeg|plantsoen|burgwal|"
                           r"straatje|laantje|steegje|pleintje|weggetje|paadje)$")
_EPONYM_TAIL = re.compile(r"-([a-zà-ÿ]{3,})")
_PLACE_BEFORE = re.compile(r"(?:\b(?:te|in|naar|uit|gemeente|[Rr]echtbank|[Gg]erechtshof|[Hh]of|[Rr]egio|provincie|"
                           r"(?:[Gg]emeente(?:raad|bestuur)?|[Bb]urgemeester|[Dd]orp|[Dd]orpskern)\s+van)|"
                           r"\b(?:te|in|naar|uit)\s+(?:[A-Z][\w'\-]+\s+){1,2}(?:en|en/of|of))\s+$")


_PARTICLE_PLACE = re.compile(r"(?:Den|Ten|Ter|De|Het|'s|’s)\s+[A-Z][\w'\-]+")
_PLACE_LIST_BEFORE = re.compile(r"(?P<w>[A-Z][\w'\-]+)\s*(?:,|\s(?:en|of|en/of))\s+$")
_PLACE_LIST_AFTER = re.compile(r"\s*(?:,|\s(?:en|of|en/of))\s+(?P<w>[A-Z][\w'\-]+)")


def _place_neighbour(text: str, m: Mention, lex: Lexicon) -> bool:
    """A municipality in a list whose neighbour is a place too: "dan Haren en Vught", "Vught, Boxtel en Oss"."""
    before = _PLACE_LIST_BEFORE.search(text, max(0, m.start - 40), m.start)
    after = _PLACE_LIST_AFTER.match(text, m.end)
    return any(g and (g.group("w").lower() in municipalities() or g.group("w").lower() in lex.places or
                      g.group("w").lower() in residences()) for g in (before, after))


def _not_a_name(text: str, m: Mention, lex: Lexicon) -> bool:
    """Capitalised words that are no name: legal terms and forms of address ("Uw Raad", "het Hof", "Appellant"),
    and for weak recognisers a span whose every name word is an ordinary Dutch word ("de Franse")."""
    span = " ".join(text[m.start:m.end].split())
    if m.recogniser == "rule:hierna":
        return False
    tail = _EPONYM_TAIL.match(text, m.end)
    # After a title only a compound with an ordinary word is a thing ("Dr. Oetker-pizza's"; not "dr. Jansen-Smit").
    if tail and tail.group(1).lower() not in lex.tussenvoegsels and (
            m.recogniser not in _TITLE_OR_HONORIFIC or lex.dutch_form(tail.group(1))):
        return True  # "een Rudi Völler-kapsel", "het Lucas-criterium": an eponymous compound names a thing
    if span.lower() in lex.legal_terms:
        return True
    if _STREET_NAMED.search(span) and m.recogniser not in _TITLE_OR_HONORIFIC:
        return True  # "de A.J. Ernststraat", "aan de Abram van Rijckevorselweg": a street named after a person
    words = [p for w in surname_words(span, lex) for p in name_parts(w)]
    if not words and " " not in span and span.lower() in lex.first_names and span[:1].isupper():
        words = [span]  # "opa Ben": a first name that is also a particle
    if not words or all(w.lower() in lex.legal_terms for w in words):
        return True  # initials alone ("N.V.", "R.M."), or only legal terms
    if len(words) == 1 and words[0].lower() in lex.stop_words and words[0].lower() not in lex.surnames:
        return True  # "de heer C. Daar de heer C ...": a function word opening the next clause
    if m.recogniser == "rule:caps" and len(words) == 1 and words[0].isupper() and not lex.is_name_word(words[0]) \
            and lex.dutch_compound(words[0]):
        return True  # "I. PROCESVERLOOP", "II. OVERWEGINGEN": a numbered capitals heading, not an initial and name
    if m.recogniser in ("ner", "ner+shape"):
        # Abbreviations ("Regeling ESF") are no name words; a span of ordinary words (inflected forms too) and
        # places only is no person ("de Franse Republiek", "Openbaar Vervoer", "Onderhoud Deventer").
        plain = [w for w in words if not (w.isupper() and len(w) <= 5)]
        if not plain:
            return True
        if len(words) >= 2 and all((w.lower() in lex.dutch or w.lower() in lex.places or not lex.is_name_word(w) and
                                    lex.dutch_compound(w)) and w.lower() not in lex.first_names for w in plain):
            return True  # "Leer van de Accountantscontrole": a compound of Dutch words is no unknown name
    if m.recogniser in ("ner", "ner+shape") and len(words) == 1 and words[0].lower() in municipalities() and (
            _PLACE_BEFORE.search(text, max(0, m.start - 30), m.start) or _place_neighbour(text, m, lex)):
        return True  # "te Veenendaal en Ede", "(gemeente Velsen)", "De rechtbank Haarlem", "Haren en Vught": a place
    if m.recogniser in ("ner", "ner+shape") and _PARTICLE_PLACE.fullmatch(text, m.start, m.end) and \
            " ".join(text[m.start:m.end].split()).lower() in residences() and \
            _PLACE_BEFORE.search(text, max(0, m.start - 30), m.start):
        return True  # "de gemeenteraad van Ten Boer", "te Den Ham": a place written with its article
    if m.recogniser in ("ner", "ner+shape") and len(words) == 1:
        w = words[0].lower()
        # "Brouwer en afnemer hebben ...", "Schipper en bemanning": a sentence opening with a Dutch noun paired
        # with a lower-case noun is about trades, not people.
        if w in lex.dutch and _NOUN_PAIR_AFTER.match(text, m.end) and _SENTENCE_OPENS.search(
                text, max(0, m.start - 6), m.start):
            return True
        return w in lex.vocabulary or w in lex.legal_terms or (w in lex.dutch and not lex.is_name_word(w))
    return False


_NOUN_PAIR_AFTER = re.compile(r"\s+(?:en|of|noch)\s+(?:de\s+|het\s+|een\s+)?[a-zà-ÿ]{3,}\b(?!\s+[A-Z])")
_SENTENCE_OPENS = re.compile(r"(?:^|[.:;!?]\s+|\n\s*)$")


def _company_words(text: str, m: Mention, lex: Lexicon, org_words: frozenset[str]) -> bool:
    """A model-only span made of the words of a company this ruling names with its legal form ("Zeneca Agro" of
    "Zeneca Agro B.V.", "Sumitomo Europe" beside "Sumitomo Benelux B.V."), ordinary words aside."""
    words = [p for w in surname_words(text[m.start:m.end], lex) for p in name_parts(w)]
    return bool(org_words) and any(w.lower() in org_words for w in words) and all(
        w.lower() in org_words or lex.dutch_form(w) for w in words)


def _whole_token(text: str, m: Mention) -> Mention:
    """A name never ends inside a token: "G.A. Özdem" of "Özdem1r" (OCR) is extended to the whole token."""
    tail = re.match(r"[^\W_]{1,20}|-\n[^\W\d_]{1,20}", text[m.end:m.end + 22])
    if tail and text[m.end - 1].isalpha() and (any(ch.isdigit() for ch in tail.group(0)) or
                                               tail.group(0).startswith("-\n") and tail.group(0)[2].islower()):
        end = m.end + tail.end()  # "Jan5en", "Jans-\nsen" (a line-end hyphen)
        more = re.match(r"(?:-\n?[^\W_]{1,30}){1,3}", text[end:end + 70])  # "Ja1ssen-Koopman"
        return m.with_(end=end + (more.end() if more and more.group(0)[1:2].isupper() or more and "\n" in
                                  more.group(0) else 0))
    return m


_WORD_BEFORE = re.compile(r"(?<![\w\-’'.])([^\W\d_][^\W\d_’'\-]{2,24})[ \t]$")
_NOT_A_FIRST_NAME = frozenset({"dhr", "mevr", "mej", "mrs", "drs", "prof", "ing", "herr", "frau", "monsieur", "madame",
                               "mister", "miss", "sir", "lord", "lady", "dame", "señor", "señora", "signor"})


def _foreign_first_name(text: str, m: Mention, lex: Lexicon) -> Mention:
    """A capitalised word right before a person's name that no list knows - no Dutch word, no first name, place,
    legal term or institution - is the person's own first name ("Olena" of "Olena Kovalenko", "Tesfaye" of "Tesfaye
    Gebremariam Haile"): a rule that knows the surname by its shape, or the model, found only the rest, and a first
    name left standing is a leak. Not a word in capitals (an abbreviation: "EHRM Salah"), not a form of address."""
    if m.label != "PERSON" or m.start < 4 or not text[m.start:m.start + 1].isupper():
        return m
    before = _WORD_BEFORE.search(text, max(0, m.start - 27), m.start)
    if not before:
        return m
    word = before.group(1)
    low = word.lower()
    if not word[0].isupper() or word.isupper() or low in _NOT_A_FIRST_NAME or low in lex.dutch \
            or low in lex.stop_words or low in lex.legal_terms or low in lex.places or low in lex.institutions \
            or low in lex.tussenvoegsels or lex.dutch_compound(word):
        return m
    return m.with_(start=before.start(1))


def _ordinary_words(text: str, m: Mention, lex: Lexicon) -> bool:
    """Every name word an ordinary Dutch word and no known name ("de Thaise"): no person, whatever the cue."""
    span = text[m.start:m.end]
    if _INITIAL_RE.search(span):
        return False  # "R.R. Winter", "W. de Jong": initials make it a name
    words = [p for w in surname_words(span, lex) for p in name_parts(w)]
    return not words or all((w.lower() in lex.dutch or w.lower() in lex.stop_words) and not lex.is_name_word(w)
                            for w in words)  # "Daarna schreef X": an adverb opening the sentence is no author


_TITLE_JUST_BEFORE = re.compile(r"(?i:\b(?:mrs?|prof|dr|drs|ir|ing)\.?\s+)$")


def _continues_kept(text: str, m: Mention, kept: list[Mention]) -> bool:
    """A one-word model span right after a kept professional's name on the same line is the rest of that name
    ("mr. O. de Savornin" + "Lohman": a surname of two words after its particle)."""
    if " " in text[m.start:m.end].strip():
        return False
    return any(0 < m.start - k.end <= 2 and not text[k.end:m.start].strip() for k in kept)


def _cut_blank_line(text: str, m: Mention) -> Mention | None:
    """A name never runs over a blank line ("Mr. Moltmaker\n\nDerde kamer")."""
    cut = text.find("\n\n", m.start, m.end)
    if cut < 0:
        return m
    end = cut
    while end > m.start and text[end - 1] in " ,;":
        end -= 1
    return m.with_(end=end) if end > m.start else None


# A court's own pseudonym: what the publisher put where a person or their data stood ("[appellant]", "[naam 1]",
# "[verdachte sub 2]", "[de man]", "[adres]", "[X]", "[A.B.]", "[1984]"), or letter parties ("A, te B"). Not an
# editor's insertion in a quotation ("[is]", "[kan]", "[sic]", "[...]").
_PSEUDONYM_NOUN = (r"naam|persoon|personen|adres|woonadres|woonplaats|plaats|geboorteplaats|geboortedatum|postcode|"
                   r"straat|straatnaam|bedrijf|kenteken|telefoonnummer|rekeningnummer|gemeente|locatie|instelling|"
                   r"appellant\w{0,2}|eiser\w{0,2}|gedaagde\w?|ge[iï]ntimeerde\w?|verweerder|verweerster|verzoeker\w?|"
                   r"verzoekster\w?|slachtoffer\w?|betrokkene\w?|(?:mede)?verdachte\w?|getuige\w?|verbalisant\w?|"
                   r"aangever|aangeefster|belanghebbende\w?|benadeelde\w?|man|vrouw|moeder|vader|zoon|dochter|kind|"
                   r"kinderen|minderjarige\w?|erflater|erfgenaam|gemachtigde|werknemer|werkgever|huurder|verhuurder|"
                   r"cli[eë]nt\w?|klant|partner|echtgeno\w{2,3}|broer|zus|medewerker|deskundige|arts|geboortejaar")
_COURT_PSEUDONYM = re.compile(
    r"\[(?:[A-Z]{1,3}\d{0,2}\.?|(?:[A-Z]\.){1,3}[A-Z]?|1[89]\d\d|20\d\d"
    rf"|(?i:(?:de\s|het\s)?(?:{_PSEUDONYM_NOUN})(?:\s[a-z\-]{{2,20}})?(?:\s?(?:sub\s)?\d{{1,3}}[a-z]?)?))\]"
    r"|(?<![\w.])[A-Z](?:\s(?:B\.V\.|N\.V\.|BV|NV))?,\s(?:te\s[A-Z]\b|(?:appellant|eiser|verzoek|belanghebbende|"
    r"gedaagde|verweerder|verweerster|klager))")
# A title before a court's pseudonym ("mr. [X]", "dr. [deskundige]"): this court pseudonymised titled people too.
_TITLED_PSEUDONYM = re.compile(r"(?i:\b(?:mrs?|prof|dr|drs|ir|ing)\.?\s*)\[[^\[\]\n]{1,40}\]")
_PRIVATE_JUST_BEFORE = re.compile(rf"(?i:\b(?:{PERSON_CUE_WORDS}))\s*,?\s*$")


_DOCTOR_OR_LEGAL_TITLE = re.compile(r"(?i:(?:dr|mr)\.?\s)")


def left_by_court(text: str, persons: list[Mention]) -> list[Mention]:
    """Titled names a court left standing in a ruling it pseudonymised itself: professionals.

    A publisher that put "[appellant]" and "[getuige 1]" where the parties and witnesses stood and left "drs. F.A.
    Jansen" or "ir. De Vries" named, judged that person to act in office (a civil servant, an engineer, an expert):
    rechtspraak.nl's guidelines pseudonymise natural persons who are parties or witnesses, not professionals.

    Only the court formats count (bracketed pseudonyms, the CBB's "A, appellante"); SKGZ's "A te B" does not,
    because this product's policy replaces named insurer staff and care providers there whatever their title. Not
    "mr." (the held sections half showed a court leaving a lawyer who is a party named: one private name lost
    against three lawyers kept) nor "dr." (a treating doctor is ``[zorgverlener N]`` by policy, and "dr." alone is
    as often one). Not when the court pseudonymised a titled person in this ruling ("mr. [X]"), not for a party or
    relative ("zijn broer drs. X"), and any private evidence of the same name elsewhere still wins.
    """
    if not _COURT_PSEUDONYM.search(text) or _TITLED_PSEUDONYM.search(text):
        return []
    return [m for m in persons if m.recogniser == "rule:title" and _role_hint(text, m) == "persoon"
            and not _DOCTOR_OR_LEGAL_TITLE.match(text, m.start)
            and not _PRIVATE_JUST_BEFORE.search(text, max(0, m.start - 30), m.start)]


# Rule forms that say "a person" (a party's or relative's role, an honorific, a name field, a full name; not bare
# initials, which cited authors carry as well);
# only those that no professional format claimed count as private.
_PRIVATE_EVIDENCE = frozenset({"rule:role-noun", "rule:honorific", "rule:lexicon-name", "rule:name-field",
                               "rule:party-line", "rule:caps", "rule:hierna", "rule:defined-name"})


def resolve(
    text: str,
    *,
    identifiers: list[Mention],
    protected: list[Mention],
    officials: list[Mention],
    rule_persons: list[Mention],
    model_ents: list[Mention],
    lex: Lexicon,
    redact_officials: bool,
    professionals: list[Mention] | None = None,
    zones: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """All recogniser output -> one sorted, non-overlapping list of decided mentions."""
    professionals = professionals or []
    zones = zones or []
    fixed = identifiers + protected
    aliases = frozenset(m.group("alias").strip() for m in _ORG_ALIAS.finditer(text)) | (
        established_aliases(text, lex) if "gevestigd" in text else frozenset())
    rule_persons = [m for m in rule_persons if text[m.start:m.end] not in aliases]
    model_ents = [m for m in model_ents if text[m.start:m.end] not in aliases]
    # A surname known only by its ending is one word: a longer name the model found around it is the whole name
    # ("Najibullah van Brzęczyszczykiewicz").
    rule_persons = [m for m in rule_persons if m.recogniser != "rule:surname-shape" or not any(
        e.label == "PERSON" and e.start <= m.start and m.end <= e.end and e.end - e.start > m.end - m.start
        for e in model_ents)]
    # An ordinary word is no professional's name ("de Thaise"), unless a title says it is ("Raadsheer: Mr. Haak") or
    # a person rule reads the same words as a name ("Zoals De Jong terecht opmerkt": a capital particle in running
    # text): the person rules would take the word as a name anyway, and then it is the professional's.
    named = {(r.start, r.end) for r in rule_persons}
    professionals = [m for m in professionals if not _ordinary_words(text, m, lex)
                     or _TITLE_JUST_BEFORE.search(text, max(0, m.start - 14), m.start)
                     or (m.start, m.end) in named]
    # "Jagessar betoogt dat ..." after "Verzoekster Rajendre Jagessar": a bare name before a verb of arguing is the
    # private person of that surname when the ruling names one (privacy first); otherwise an author ("Hartkamp
    # betoogt").
    private_surnames = {w for m in rule_persons if m.recogniser in _PRIVATE_EVIDENCE
                        and not any(p.start < m.end and m.start < p.end for p in professionals
                                    if p.recogniser != "rule:author-opinion")  # "Werknemer X betoogt": X
                        for w in text[m.start:m.end].split()[-1:]}
    professionals = [m for m in professionals if not (m.recogniser == "rule:author-opinion" and
                                                      text[m.start:m.end].split()[-1] in private_surnames)]
    left = left_by_court(text, rule_persons)
    if left:
        rule_persons = [m for m in rule_persons if m not in left]
        professionals += [m.with_(role="expert", action="kept", recogniser="rule:title-left-by-court")
                          for m in left]
    officials = [k for m in _trim_at_kept(text, [*officials, *professionals], fixed, lex)
                 for k in [_cut_blank_line(text, m)] if k]
    # "Taal- en Letterkunde", "Jeugd- of Gezinszorg": the first half of a compound whose end the next word carries is
    # no name.
    rule_persons = [m for m in rule_persons if not _ELLIPTIC_COMPOUND.match(text, m.end)]
    # "een huurcontract afgesloten in Martinique": a lone first name after a preposition of place is that place.
    rule_persons = [m for m in rule_persons if not (
        m.recogniser == "rule:first-name" and " " not in text[m.start:m.end].strip()
        and _PLACE_PREPOSITION_BEFORE.search(text, max(0, m.start - 10), m.start))]
    rule_persons = _trim_at_kept(text, rule_persons, fixed, lex)
    rule_persons = [k for m in rule_persons
                    for k in [_cut_blank_line(text, _foreign_first_name(text, _whole_token(text, m), lex))] if k]
    # A name an organisation format names ("naar de Albert Heijn", "Albert Heijn BV") is that organisation wherever
    # the ruling writes it again without a person's cue ("toebehorende aan Albert Heijn").
    org_surfaces = frozenset(" ".join(text[m.start:m.end].split()) for m in
                             [*rule_persons, *(m for m in model_ents if m.label == "PERSON")]
                             if m.recogniser not in _TITLE_OR_HONORIFIC and _organisation(text, m)
                             and len(text[m.start:m.end].split()) >= 2)
    # ... and the name before its trade ("Van der Valk" of the model's "Van der Valk Hotel Houten").
    org_surfaces |= frozenset(" ".join(text[m.start:t.start()].split()) for m in model_ents if m.label == "PERSON"
                              for t in [_TRADE_INSIDE.search(text, m.start, m.end)] if t
                              and len(text[m.start:t.start()].split()) >= 2)
    rule_persons = [k for k in rule_persons if not _organisation(text, k) and not _not_a_name(text, k, lex)
                    and not (k.recogniser in _SAME_SURFACE_WEAK
                             and " ".join(text[k.start:k.end].split()) in org_surfaces)]
    # Makes and models: what a product format names is a product wherever the ruling names it again.
    products = product_words(text, [*rule_persons, *(m for m in model_ents if m.label == "PERSON")], lex)
    rule_persons = [m for m in rule_persons if not _product_again(text, m, products, lex)]
    base = select(_by_length(identifiers) + _by_length(protected) + _by_length(officials)
                  + _by_length(rule_persons))
    # Words this ruling writes in lower case in running prose (not inside an e-mail address or a URL).
    doc_words = frozenset(_PROSE_LOWER.findall(text))
    org_words = organisation_words(text)
    model_persons = [_foreign_first_name(text, k, lex) for m in model_ents if m.label == "PERSON"
                     for k in [keep_model_person(text, m.with_(recogniser="ner"), lex, doc_words)] if k
                     and not _organisation(text, k) and not _not_a_name(text, k, lex)
                     and not _company_words(text, k, lex, org_words)
                     and not _product_again(text, k, products, lex)
                     and " ".join(text[k.start:k.end].split()) not in org_surfaces
                     and not any(zs <= k.start < ze for zs, ze in zones)
                     and not _continues_kept(text, k, officials)]
    base = select(base + _by_length(model_persons))
    persons = [m for m in base if m.label == "PERSON"]
    others = [m for m in base if m.label != "PERSON"]
    assigned = cluster_persons(text, persons, lex)
    clusters = list({id(c): c for _, c in assigned}.values())
    kept_surfaces = frozenset(text[m.start:m.end] for m in protected) | aliases
    assigned += partial_mentions(text, clusters, base, lex, zones, doc_words, kept_surfaces)
    decided = leak_guard(text, defer_to_professionals(text, placeholders(assigned, text, redact_officials)), others)
    others += _repeated_identifiers(text, others, base + decided)  # never over a person the leak guard spread
    for m in others:
        if m.action == "kept":
            decided.append(m)
        elif m.label == "BIRTH_DATE":
            decided.append(m.with_(action="replaced", role="identifier"))
        else:
            decided.append(m.with_(action="replaced", role="identifier",
                                   replacement=IDENTIFIER_PLACEHOLDERS.get(m.label, f"[{m.label.lower()}]")))
    return sorted(decided, key=lambda m: m.start)
