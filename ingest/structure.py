"""The layout of a ruling: head fields, numbered sections, decision items, place/date, annex.

Pure functions over text. The text may come from a PDF (one paragraph per line, blank lines between), from a
seed-style text file (markdown-ish ``#### `` headings, ``- `` bullets, hard-wrapped lines) or from rechtspraak
XML, and it may already be anonymised (names replaced by ``[persoon 1]``, "A te B"). So nothing here relies on a
name; everything keys on the fixed vocabulary of the rulings (``Zaak :``, ``7. Bindend advies``, ``(i)``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from archive.domain import Section
from ingest.data_files import read_data

from .dutch_dates import DATE_WORDS, parse_date

HEAD_KEYS = ("Partijen", "Zaak", "Regelgeving", "Zaaknummer", "Zittingsdatum")
_HEAD_LINE = re.compile(rf"^({'|'.join(HEAD_KEYS)})\s*:\s*(.*)$")
_MARKUP_PREFIX = re.compile(r"^(?:#{1,6}\s+|[-*•▪]\s+)+")
_BOLD = re.compile(r"\*\*|__")
# A line that starts a new block even without a blank line before it.
_BLOCK_START = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|\(?[ivxlc]{1,6}\)\s|\(?\d{1,2}\)\s|[a-z][.)]\s|"
    rf"(?:{'|'.join(HEAD_KEYS)})\s*:|Geschillencommissie Zorgverzekeringen\s*\(|BIJLAGEN?$)"
)
SECTION_TITLES = (
    "partijen", "verloop van de procedure", "vaststaande feiten", "feiten", "geschil", "het geschil",
    "bevoegdheid", "bevoegdheid van de commissie", "beoordeling", "bindend advies", "beslissing", "procesverloop",
    "overwegingen", "de beoordeling", "de beslissing", "uitspraak", "inhoudsindicatie", "conclusie",
    "ontstaan en loop van het geding", "motivering", "het procesverloop", "de feiten", "waardering",
    "niet-bindend advies", "advies", "standpunten van partijen", "verzoek", "verweer",
)
_DOC_TITLE = re.compile(r"\b(BINDEND ADVIES|UITSPRAAK|VONNIS|ARREST|BESCHIKKING)\b")
_RUN_IN_TITLES = ("Beslissing", "De beslissing", "Proceskosten", "Beoordeling", "Conclusie", "Slotsom", "Kosten",
                  "Procesverloop", "Overwegingen", "Geschil", "Feiten", "Bindend advies")
_RUN_IN_HEAD = re.compile(rf"^(\d{{1,2}})\.\s+({'|'.join(_RUN_IN_TITLES)})\s+([A-Z].{{3,}})$", re.DOTALL)
_SECTION_HEAD = re.compile(r"^(?:(\d{1,2})\.?|([IVX]{1,5})\.)\s+([A-Z][^\n]{1,80})$")
_DECISION_TITLES = re.compile(r"\b(bindend advies|beslissing|uitspraak|advies)\b", re.IGNORECASE)
_ANNEX_STRICT = re.compile(r"^(?:BIJLAGEN?|Bijlagen?)(?:\s+(?:\d+|[IVX]+)\b.{0,60})?\s*:?$")
_ANNEX_INLINE = re.compile(r"(?:^|\s)(BIJLAGEN?)\b(?=\s*$|\s+\d|\s+[A-Z])")
_COMMITTEE = re.compile(r"Geschillencommissie Zorgverzekeringen\s*\(([^)]{3,400})\)")
_PLACE_DATE = re.compile(
    rf"(?:^|(?<=[.;:]\s))([A-Z][\w'’.-]+(?:[ -][A-Z][\w'’-]+)?),\s+({DATE_WORDS.pattern})\s*,?",
    re.MULTILINE | re.IGNORECASE,
)
_PLACE_DATE_WORDED = re.compile(
    rf"\b(?:beslist|vastgesteld|gewezen|uitgesproken|gegeven|gedaan)\s+te\s+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)"
    rf",?\s+(?:op\s+)?({DATE_WORDS.pattern})\s*[,.]?",
)
_ITEM = re.compile(r"(?:^|(?<=\s)|(?<=:))\(([ivxlc]{1,6})\)\s+")


@dataclass
class Block:
    text: str
    heading: bool = False


@dataclass
class Layout:
    head: dict[str, str] = field(default_factory=dict)
    committee: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    body: str = ""
    annex: str = ""
    decision_place: str | None = None
    decision_date: date | None = None
    signers: list[str] = field(default_factory=list)
    title_line: str | None = None


def normalise_markup(text: str) -> list[str]:
    """Lines without markdown-ish heading/bullet/bold markup (seed files have it, PDFs do not)."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        s = _BOLD.sub("", line).strip()
        s = _MARKUP_PREFIX.sub("", s).strip()
        if s in ("---", "***", "___"):
            s = ""
        out.append(s.replace("\t", " "))
    return out


def blocks(text: str) -> list[str]:
    """Paragraph-like blocks: a blank line or an item/heading/head-field line starts a new one."""
    out: list[str] = []
    cur: list[str] = []
    for line in normalise_markup(text):
        if not line:
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        if cur and _BLOCK_START.match(line):
            out.append(" ".join(cur))
            cur = []
        cur.append(line)
    if cur:
        out.append(" ".join(cur))
    return [re.sub(r"\s{2,}", " ", b).strip() for b in out if b.strip()]


@lru_cache(maxsize=1)
def _heading_words() -> frozenset[str]:
    return frozenset(read_data("section_titles.json")["keywords"])


def _is_title(title: str) -> bool:
    """A numbered heading's title: short, no sentence punctuation, not a date or amount."""
    t = title.strip().rstrip(":").lower()
    if t in SECTION_TITLES:
        return True
    return len(t) <= 90 and not re.search(r"[.;!?,]$|€", t) and len(t.split()) <= 12


def is_unnumbered_heading(block: str) -> bool:
    """A short stand-alone line with a heading word ("Slotsom", "De beoordeling", "BESLISSING")."""
    t = block.strip()
    if not t or len(t.split()) > 8 or re.search(r"[.;!?,]$", t) or not t[0].isupper():
        return False
    if t.endswith(":") and len(t.split()) > 3:
        return False  # "Het verloop van de procedure blijkt uit:" introduces a list, it is not a title
    if t.rstrip(":").lower() in SECTION_TITLES:
        return True
    words = set(re.findall(r"[a-zà-ÿ]+", t.lower()))
    return bool(words & _heading_words()) and not re.search(r"\d{4}|€|\[", t)


def find_sections(bl: list[str]) -> list[tuple[int, str | None, str]]:
    """(block index, number, title) of top-level section headings, numbers increasing."""
    found: list[tuple[int, str | None, str]] = []
    last_num = 0
    for i, b in enumerate(bl):
        run_in = _RUN_IN_HEAD.match(b)
        if run_in and (n := int(run_in.group(1))) > last_num:
            # "5. Beslissing De Hoge Raad verwerpt het beroep.": a run-in heading, text in the same paragraph.
            found.append((i, run_in.group(1), run_in.group(2)))
            last_num = n
            continue
        m = _SECTION_HEAD.match(b)
        if m and _is_title(m.group(3)):
            num = m.group(1) or m.group(2)
            n = int(m.group(1)) if m.group(1) else _roman(m.group(2))
            # Allow one skipped number: a heading we failed to recognise must not hide all later ones.
            if last_num < n <= last_num + 2 or (not found and n <= 2):
                found.append((i, num, m.group(3).strip().rstrip(":")))
                last_num = n
                continue
        if i < 3 and b.isupper() and _DOC_TITLE.search(b):
            continue  # "ANONIEM BINDEND ADVIES", "UITSPRAAK": the document's title, not a section
        if is_unnumbered_heading(b):
            found.append((i, None, b.strip().rstrip(":")))
    numbered = [f for f in found if f[1] is not None]
    # In an SKGZ outline (1. Partijen ... 7. Bindend advies) unnumbered headings ("Standpunt verzoekster",
    # "Overwegingen commissie") are sub-headings and stay inside their numbered section. Court judgments mix
    # numbered and unnumbered top-level titles ("Slotsom"), so there every heading counts.
    if len(numbered) >= 3 and any(t.lower() == "bindend advies" for _, _, t in numbered):
        return numbered
    return found


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=False):
        v = vals.get(a, 0)
        total += -v if vals.get(b, 0) > v else v
    return total


def split_annex(text: str) -> tuple[str, str]:
    """Split off the annex ("BIJLAGEN": policy conditions, law texts). The annex is not the ruling's reasoning."""
    lines = text.split("\n")
    # Only look after the decision heading when there is one: "in de bijlage bij dit bindend advies" above it
    # must not count.
    start = 0
    for i, line in enumerate(normalise_markup(text)):
        if re.match(r"^(?:\d{1,2}\.?\s+)?(?:de\s+)?(bindend advies|beslissing)\s*:?$", line, re.IGNORECASE):
            start = i
    norm = normalise_markup(text)
    for i in range(start, len(lines)):
        if _ANNEX_STRICT.match(norm[i]):
            return "\n".join(lines[:i]).rstrip(), "\n".join(lines[i:]).strip()
        m = _ANNEX_INLINE.search(norm[i])
        if m and i > start:
            # PDF paragraphs can glue the signature and the annex title: "L. Ritzema BIJLAGEN".
            raw = lines[i]
            j = raw.find(m.group(1))
            if j >= 0:
                head = "\n".join([*lines[:i], raw[:j]]).rstrip()
                return head, "\n".join([raw[j:], *lines[i + 1:]]).strip()
    return text.rstrip(), ""


def head_fields(bl: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in bl[:40]:
        m = _HEAD_LINE.match(b)
        if m and m.group(1) not in out:
            value = m.group(2).strip()
            # A PDF paragraph may run on into the committee line.
            value = re.split(r"\s+Geschillencommissie Zorgverzekeringen\s*\(", value)[0]
            out[m.group(1)] = value.strip()
    return out


def committee_members(text: str) -> list[str]:
    for m in _COMMITTEE.finditer(text):
        inner = m.group(1)
        # "(hierna: de commissie)" is not a list of members; members carry "mr." or initials.
        if not inner.lower().startswith("hierna") and re.search(r"\bmr\b|\b[A-Z]\.", inner):
            return split_names(inner)
    return []


def split_names(s: str) -> list[str]:
    parts = re.split(r",\s*|\s+en\s+", re.sub(r"\s+", " ", s))
    names = []
    for p in parts:
        p = re.sub(r"^(?:(?:mr|drs|dr|prof|ir|ing)\.?\s*)+", "", p.strip(), flags=re.IGNORECASE).strip()
        if p:
            names.append(p)
    return names


def place_and_date(body: str) -> tuple[str | None, date | None, list[str]]:
    """The place and date under the decision ("Zeist, 28 oktober 2020,") and the signer(s) after it."""
    norm = "\n".join(normalise_markup(body))
    matches = list(_PLACE_DATE.finditer(norm))
    if not matches:
        # Older wording: "Aldus beslist te Zeist op 12 januari 2009" / "uitgesproken te Zeist, 12 januari 2009".
        matches = list(_PLACE_DATE_WORDED.finditer(norm))
    if not matches:
        return None, None, []
    m = matches[-1]
    place = m.group(1)
    when = parse_date(m.group(2))
    tail = norm[m.end():].strip()
    signers: list[str] = []
    for line in [x.strip() for x in tail.split("\n") if x.strip()][:3]:
        if re.search(r"\d", line) or len(line.split()) > 6:
            break
        signers.extend(split_names(line))
    return place, when, signers


def layout(text: str) -> Layout:
    body, annex = split_annex(text)
    bl = blocks(body)
    lay = Layout(body=body, annex=annex)
    lay.head = head_fields(bl)
    lay.committee = committee_members(body)
    for b in bl[:5]:
        if re.search(r"\b(BINDEND ADVIES|UITSPRAAK|VONNIS|ARREST)\b", b) and len(b) < 80:
            lay.title_line = b
            break
    heads = find_sections(bl)
    if heads and heads[0][0] > 0:
        lay.sections.append(Section(None, "Kop", "\n\n".join(bl[: heads[0][0]])))
    for k, (i, num, title) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(bl)
        first = bl[i]
        run_in = _RUN_IN_HEAD.match(first)
        lead = [run_in.group(3)] if run_in and run_in.group(2) == title else []
        lay.sections.append(Section(num, title, "\n\n".join([*lead, *bl[i + 1:end]])))
    if not heads:
        lay.sections.append(Section(None, "Tekst", "\n\n".join(bl)))
    lay.decision_place, lay.decision_date, lay.signers = place_and_date(body)
    return lay


_CONTAINERS = {"inhoudsindicatie", "uitspraak", "conclusie", "kop", "tekst"}
_DICTUM = re.compile(
    r"^(?:(?:Het|De)\s+(?:College|Hof|Raad|Rechtbank|Hoge Raad|Centrale Raad(?: van Beroep)?|rechtbank|"
    r"kantonrechter|voorzieningenrechter|commissie)\s*:?\s*$|(?:Beslist|Verklaart|Wijst|Vernietigt|Bevestigt|"
    r"Veroordeelt)\b)",
)


def decision_section(sections: list[Section]) -> Section | None:
    """The section with the decision: the last one titled Bindend advies / Beslissing (/ a numbered Uitspraak).

    Without one (older judgments), the dictum is read from the last block that opens it ("Het College:",
    "Verklaart het beroep ongegrond") to the end of the text.
    """
    for s in reversed(sections):
        if _DECISION_TITLES.search(s.title) and s.title.lower() not in _CONTAINERS and len(s.title) < 40:
            return s
    if not sections:
        return None
    blocks_ = sections[-1].text.split("\n\n")
    if heading := final_decision(sections[-1].text):
        return heading
    for i in range(len(blocks_) - 1, -1, -1):
        if _DICTUM.match(blocks_[i].strip()):
            return Section(None, "Dictum", "\n\n".join(blocks_[i:]))
    return None


def decision_items(section_text: str) -> list[tuple[str, str]]:
    """(label, text) of the items (i), (ii), ... of a decision, cut before the place/date line."""
    text = re.sub(r"\s+", " ", section_text)
    pd = _PLACE_DATE.search(text)
    if pd:
        text = text[: pd.start()]
    marks = list(_ITEM.finditer(text))
    items: list[tuple[str, str]] = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        item = text[m.end():end].strip()
        item = re.sub(r"[;,]?\s*(?:en|of)?\s*$", "", item).strip().rstrip(";,.")
        items.append((m.group(1), item))
    # Labels must run i, ii, iii...: a stray "(i)" inside a sentence earlier would break the sequence.
    expected = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
    if items and [lab for lab, _ in items] != expected[: len(items)]:
        start = max((k for k, (lab, _) in enumerate(items) if lab == "i"), default=0)
        items = items[start:]
    return items


# A court's dictum: "Het College: verklaart het beroep gegrond; vernietigt ...; veroordeelt ... in de kosten".
_DICTUM_END = re.compile(
    r"\b(?:Aldus (?:gewezen|gedaan|vastgesteld|beslist|gegeven|uitgesproken)|"
    r"(?:Dit|Het) (?:arrest|vonnis)\b[^.;]{0,40}?\b(?:gewezen|vastgesteld|gedaan|uitgesproken)|"
    r"(?:Deze|De) (?:uitspraak|uitspraken|beslissing|beschikking) (?:is|zijn) (?:gedaan|gewezen|gegeven)|w\.g\.|"
    r"Waarvan (?:akte|proces-verbaal)|"
    r"De griffier is verhinderd|Tegen deze uitspraak)",
)
_DICTUM_LEAD = re.compile(
    r"^(?:(?:Het|De)\s+(?:College|Hof|hof|Raad|Hoge Raad|Centrale Raad(?: van Beroep)?|rechtbank|Rechtbank|"
    r"kantonrechter|politierechter|voorzieningenrechter|president|President|commissie|HR|Afdeling|"
    r"[Gg]erechtshof)\b[^:;]{0,80}?:\s*|(?:Het|De)\s+(?:College|Hof|hof|Raad|Hoge Raad|Centrale Raad(?: van Beroep)?|"
    r"rechtbank|Rechtbank|kantonrechter|politierechter|voorzieningenrechter|president|commissie|HR)(?:\s+|$)|"
    r"(?:[IVX]{1,5}|\d{1,2}|[a-h])[.)]\s+|"
    r"(?:Beslist|Beslissing)\s*:?\s*)",
)
DICTUM_VERBS = ("verklaart", "wijst", "verwerpt", "vernietigt", "bevestigt", "bekrachtigt", "veroordeelt", "bepaalt",
                "gelast", "verwijst", "stelt", "legt", "verstaat", "draagt", "houdt", "laat", "herroept", "compenseert",
                "beveelt", "kent", "schorst", "spreekt", "heft", "ontzegt", "vermindert", "verbetert", "handhaaft",
                "verzoekt", "rectificeert")
_CLAUSE_SPLIT = re.compile(
    r"\s*;\s*|(?<=[a-z)]\.)\s+(?=[A-Z])|(?<=\] \.)\s+(?=[A-Z])|"
    rf"\s+[-•\uf0b7]\s+(?=[a-z])|(?:,\s*|\s+)(?:en\s+)?(?=(?i:{'|'.join(DICTUM_VERBS)})\b)",
)
_BARE_SPLIT = re.compile(r"\s+")
# Dictum verbs that are also common inside a sentence ("voorzover daarmee verband houdt", "vast stelt").
_VERBS_IN_PROSE = frozenset(["houdt", "laat", "stelt", "legt", "kent", "draagt", "heft", "verstaat", "verzoekt",
                             "handhaaft", "verbetert", "vermindert", "spreekt", "beveelt", "compenseert", "herroept"])


def _split_clauses(text: str) -> list[str]:
    """``_CLAUSE_SPLIT`` pieces, except that inside an order a verb that is common in prose, after a plain space and
    a lower-case word, does not split: in "schorst het besluit ... voorzover daarmee verband houdt de wijziging"
    the verb is part of the sentence. After a heading ("Benadeelde partij verklaart"), "en", or a full stop it
    still opens a new order."""
    pieces: list[str] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if _BARE_SPLIT.fullmatch(m.group(0)) and m.start() > 0:
            before = re.search(r"(\S+)$", text[:m.start()])
            word = before.group(1) if before else ""
            piece = text[start:m.start()].lstrip(" -–•")
            verb = re.match(r"\w+", text[m.end():])
            if word[:1].islower() and word[-1:].isalnum() and word not in ("en", "of") and re.match(
                    rf"(?:{'|'.join(DICTUM_VERBS)})\b", piece) and verb and verb.group(0).lower() in _VERBS_IN_PROSE:
                continue
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return pieces


# The last heading "Beslissing" of a court text whose headings were glued into paragraphs: "11 BESLISSING De
# rechtbank: ...", "moet vergoeden. Beslissing De rechtbank: ...". "De beslissing berust op" is not one.
_FINAL_HEADING = re.compile(
    r"(?:^|\n|(?<=[.;:]\s)|(?<=\d\s)|(?<=\d\.\s))(?:De\s+beslissing|(?:De\s+|DE\s+)?BESLISSING|Beslissing)"
    r"(?:\s+op het hoger beroep)?\s*[.:]?\s*(?=\n|$|(?:De|Het)\s[\w ]{2,40}:|[A-Z][a-z]+\s)",
)


def final_decision(text: str) -> Section | None:
    """The last "Beslissing"/"BESLISSING" heading of a text whose sections were not recognised, to the end."""
    found = list(_FINAL_HEADING.finditer(text))
    if not found:
        return None
    m = found[-1]
    return Section(None, "Beslissing", text[m.end():].strip())


def dictum_clauses(section_text: str) -> list[str]:
    """The operative clauses of an unnumbered decision, in order, without the lead-in and the signature lines."""
    text = section_text
    pd = _PLACE_DATE.search(text)
    if pd:
        text = text[: pd.start()]
    end = _DICTUM_END.search(text)
    if end:
        text = text[: end.start()]
    # Lines are joined first: a PDF breaks "in de proceskosten ... tot een" / "bedrag van € 974,-" mid-clause.
    text = re.sub(r"\s*\n\s*", " ", text)
    out: list[str] = []
    for raw in _split_clauses(text):
        clause = _DICTUM_LEAD.sub("", re.sub(r"\s+", " ", raw).strip(" -–•,.:")).strip(" -–•,.:")
        if len(clause) > 3:
            out.append(clause)
    return out


# ---------------------------------------------------------------------------------------------------------------
# An extractive summary: the reasoning's conclusion and the decision, never the head block.

_REASONING = re.compile(r"beoordeling|overwegingen|motivering|waardering|slotsom|conclusie", re.IGNORECASE)
_CONCLUDES = re.compile(
    r"\b(?:concludeer\w*|conclusie|is van oordeel|oordeelt|komt tot|gelet op (?:het|al het|hetgeen) (?:voorgaande|"
    r"hiervoor)|daarom|derhalve|dan ook|aanleiding|afgewezen|ontvankelijk|toe te wijzen|toewijzen|slaagt|slagen|"
    r"faalt|falen|terecht|ten onrechte|gegrond|ongegrond)\b",
    re.IGNORECASE,
)
_NO_CONTENT = re.compile(r"leidt tot (?:de )?(?:navolgende|volgende) beslissing|als volgt beslist|"
                         r"^(?:Dit|Het) leidt tot|beslist als volgt", re.IGNORECASE)
SUMMARY_CHARS = 700


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", re.sub(r"\s+", " ", text))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\[])", flat) if len(s.strip()) > 20]


def conclusion(sections: list[Section], decision: Section | None) -> str:
    """The last sentences of the reasoning that state a conclusion ("Daarom is dit onderdeel ... niet
    ontvankelijk"), at most two, in reading order."""
    reasoning = [s for s in sections if s is not decision and _REASONING.search(s.title)
                 and s.title.lower() not in _CONTAINERS]
    for s in reversed(reasoning):
        picked = [sentence for block in s.text.split("\n\n") for sentence in _sentences(block)
                  if _CONCLUDES.search(sentence) and not _NO_CONTENT.search(sentence)]
        if picked:
            return " ".join(picked[-2:])
    return ""


def summary(sections: list[Section], decision: Section | None, items: list[tuple[str, str]]) -> str:
    """A short extractive summary. A court's own "Inhoudsindicatie" is one; otherwise the reasoning's conclusion
    and the decision (its items, or its opening clauses). Empty rather than the head block."""
    own = next((s.text for s in sections if s.title.lower() == "inhoudsindicatie" and len(s.text) > 40), None)
    if own:
        return _cap(re.sub(r"\s+", " ", own).strip())
    parts = []
    if said := conclusion(sections, decision):
        parts.append(said)
    if items:
        parts.append("Beslissing: " + "; ".join(f"({label}) {text}" if label else text for label, text in items) + ".")
    elif decision is not None and decision.text.strip():
        parts.append("Beslissing: " + "; ".join(dictum_clauses(decision.text)[:4]) + ".")
    return _cap(" ".join(parts))


def _cap(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"
