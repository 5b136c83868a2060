"""Role policy: which spans are replaced, which are kept, and which placeholder each person gets.

Decisions (docs/anonymisation.md): private natural persons and identifiers are replaced; officials (committee,
signer, secretary, judges) are kept unless ``redact_officials``; insurers, public bodies, laws, countries and
existing placeholders are kept. The same person gets the same placeholder throughout a ruling, including later
partial mentions ("de heer Jansen" ... "Jansen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from anonymise.lexicon import Lexicon, data_list
from anonymise.mentions import Mention
from anonymise.persons import LOWER, TV, UPPER, surname_words

IDENTIFIER_PLACEHOLDERS = {
    "BSN": "[BSN]",
    "IBAN": "[IBAN]",
    "PHONE": "[telefoonnummer]",
    "EMAIL": "[e-mailadres]",
    "ADDRESS": "[adres]",
    "POSTCODE": "[postcode]",
    "POLICY_NUMBER": "[polisnummer]",
}
ROLE_RANK = {"committee": 4, "verzoeker": 3, "verzoekster": 3, "zorgverlener": 2, "persoon": 1}
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


def keep_model_person(text: str, m: Mention, lex: Lexicon, doc_words: frozenset[str]) -> Mention | None:
    """The lexicon check on a model-only PERSON span, with one measured extension.

    Kept when one of its words is a known first name or surname. Also kept (recogniser ``ner+shape``) when it
    has the shape of a full name of unknown words: two to four tokens, at least two capitalised name-shaped
    words, none of them an ordinary Dutch word (vocabulary lists, or written in lower case elsewhere in this
    ruling). Without the extension every foreign name missing from the lists was lost; with it, the false
    positives stay at zero on the seed rulings and the gold set (docs/anonymisation.md).
    """
    trimmed = trim_model_span(text, m, lex)
    if trimmed is None:
        return None
    span = text[trimmed.start:trimmed.end]
    if any(ch.isdigit() for ch in span) or "\n" in span or span.isupper():
        return None
    words = [p for w in surname_words(span, lex) for p in w.split("-")]
    if any(lex.is_name_word(w) for w in words):
        return trimmed
    tokens = span.split()
    caps = [t for t in tokens if t.lower() not in lex.tussenvoegsels]
    if not 2 <= len(tokens) <= 4 or len(caps) < 2 or not all(_NAME_SHAPE.match(t) for t in caps):
        return None
    if any(p.lower() in lex.vocabulary or p.lower() in doc_words for t in caps for p in t.split("-")):
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
    span = text[m.start:m.end]
    words = surname_words(span, lex)
    if not words:
        return None
    surname = words[-1]
    ini = _INITIAL_RE.search(span)
    firsts = words[:-1]
    initial = ini.group(1) if ini else (firsts[0][0] if firsts else None)
    parts = {p.lower() for p in surname.split("-") if p}
    return surname.lower(), parts, initial, firsts, surname


def cluster_persons(text: str, persons: list[Mention], lex: Lexicon) -> list[tuple[Mention, Cluster]]:
    """Assign each PERSON mention to a cluster. Officials are clustered first so their later mentions stay kept."""
    clusters: list[Cluster] = []
    assigned: list[tuple[Mention, Cluster]] = []
    order = sorted(persons, key=lambda m: (m.role != "committee", m.start))
    for m in order:
        info = _name_parts(text, m, lex)
        if info is None:
            c = Cluster(surname=text[m.start:m.end].lower(), parts=set(), initial=None,
                        official=m.role == "committee", first_pos=m.start)
            clusters.append(c)
            assigned.append((m, c))
            continue
        surname, parts, initial, firsts, written = info
        matches = [c for c in clusters if c.surname == surname or (len(parts | c.parts) > 1 and parts & c.parts
                                                                     and (len(parts) > 1 or len(c.parts) > 1))]
        compatible = [c for c in matches if initial is None or c.initial is None or c.initial == initial]
        if initial is None and len(compatible) > 1:
            # A bare surname shared by an official and a private person: replacing is the safe choice.
            private = [c for c in compatible if not c.official]
            compatible = private or compatible
        if m.role == "committee":
            compatible = [c for c in compatible if c.official]
        if compatible:
            c = compatible[0]
            if c.initial is None and initial is not None:
                c.initial = initial
            c.parts |= parts
        else:
            c = Cluster(surname=surname, parts=set(parts), initial=initial, official=m.role == "committee",
                        first_pos=m.start)
            clusters.append(c)
        c.first_names.update(f for f in firsts if len(f) >= 3)
        c.surfaces.add(written)
        c.first_pos = min(c.first_pos, m.start)
        assigned.append((m, c))
    return assigned


def partial_mentions(
    text: str, clusters: list[Cluster], taken: list[Mention], lex: Lexicon
) -> list[tuple[Mention, Cluster]]:
    """Later bare mentions of a known person ("Jansen", "Van den Berg", "Fatima") found by surface form.

    A first name is used only when exactly one person in the ruling carries it.
    """
    forms: dict[str, Cluster] = {}
    first_count: dict[str, int] = {}
    for c in clusters:
        for f in c.first_names:
            first_count[f] = first_count.get(f, 0) + 1

    def add(form: str, c: Cluster) -> None:
        # A surface shared by an official and a private person goes to the private one: replacing is safe.
        if form not in forms or (forms[form].official and not c.official):
            forms[form] = c

    for c in clusters:
        for s in c.surfaces:
            add(s, c)
            if "-" in s:
                for part in s.split("-"):
                    if len(part) >= 4 and part.lower() not in lex.common_words:
                        add(part, c)
        if not c.official:
            for f in c.first_names:
                if first_count[f] == 1 and f.lower() not in lex.common_words and f.lower() in lex.first_names:
                    add(f, c)
    if not forms:
        return []
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w\-\[.]){TV}(?P<n>{alternation})(?![\w\-\]])")
    out: list[tuple[Mention, Cluster]] = []
    spans = [(t.start, t.end) for t in taken]
    for m in pattern.finditer(text):
        b, e = m.start(), m.end()
        if any(b < te and ts < e for ts, te in spans):
            continue
        c = forms[m.group("n")]
        # "Najibullah van Brzęczyszczykiewicz": an unknown first name right before a known surname belongs to it.
        prev = re.search(r"(?<![\w\-])(\S+) $", text[max(0, b - 40):b])
        if prev and _NAME_SHAPE.match(prev.group(1)) and prev.group(1).lower() not in lex.vocabulary:
            start = b - len(prev.group(0))
            if not any(start < te and ts < e for ts, te in spans) and not _sentence_start(text, start):
                b = start
        spans.append((b, e))
        out.append((Mention(b, e, "PERSON", "rule:coref", role="committee" if c.official else None), c))
    return out


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" ")
    return not before or before[-1] in ".:\n!?"


def placeholders(assigned: list[tuple[Mention, Cluster]], text: str, redact_officials: bool) -> list[Mention]:
    """Final role, action and placeholder for every person mention."""
    for m, c in assigned:
        c.roles.append("committee" if c.official else _role_hint(text, m))
    counters: dict[str, int] = {}
    names: dict[int, tuple[str, str]] = {}
    for c in sorted({id(c): c for _, c in assigned}.values(), key=lambda c: c.first_pos):
        role = max(c.roles, key=lambda r: ROLE_RANK.get(r, 0)) if c.roles else "persoon"
        counters[role] = counters.get(role, 0) + 1
        n = counters[role]
        if role in ("verzoeker", "verzoekster"):
            label = f"[{role}]" if n == 1 else f"[{role} {n}]"
        elif role == "committee":
            label = f"[commissielid {n}]"
        else:
            label = f"[{role} {n}]"
        names[id(c)] = (role, label)
    out = []
    for m, c in assigned:
        role, label = names[id(c)]
        if c.official and not redact_officials:
            out.append(m.with_(role="committee", action="kept", replacement=None))
        else:
            out.append(m.with_(role=role, action="replaced", replacement=label))
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
) -> list[Mention]:
    """All recogniser output -> one sorted, non-overlapping list of decided mentions."""
    fixed = identifiers + protected
    officials = _trim_at_kept(text, officials, fixed, lex)
    rule_persons = _trim_at_kept(text, rule_persons, fixed, lex)
    base = select(_by_length(identifiers) + _by_length(protected) + _by_length(officials)
                  + _by_length(rule_persons))
    doc_words = frozenset(re.findall(r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ\-]+", text))
    model_persons = [k for m in model_ents if m.label == "PERSON"
                     for k in [keep_model_person(text, m.with_(recogniser="ner"), lex, doc_words)] if k]
    base = select(base + _by_length(model_persons))
    persons = [m for m in base if m.label == "PERSON"]
    others = [m for m in base if m.label != "PERSON"]
    assigned = cluster_persons(text, persons, lex)
    clusters = list({id(c): c for _, c in assigned}.values())
    assigned += partial_mentions(text, clusters, base, lex)
    decided = placeholders(assigned, text, redact_officials)
    others += _repeated_identifiers(text, others, base)
    for m in others:
        if m.action == "kept":
            decided.append(m)
        elif m.label == "BIRTH_DATE":
            decided.append(m.with_(action="replaced", role="identifier"))
        else:
            decided.append(m.with_(action="replaced", role="identifier",
                                   replacement=IDENTIFIER_PLACEHOLDERS.get(m.label, f"[{m.label.lower()}]")))
    return sorted(decided, key=lambda m: m.start)
