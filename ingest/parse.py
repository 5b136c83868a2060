"""``parse_ruling``: text (+ the format's structured metadata) -> :class:`ParsedRuling`. Pure.

It runs on the *anonymised* text in the pipeline, so it never needs a name: the insurer comes from the party
block (and is "geanonimiseerd" when that is a placeholder), dates and numbers from fixed head fields.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from archive.domain import DecisionItem, InsuranceType, ParsedRuling, RulingMetadata, Section, Source

from . import structure
from .amounts import find_amounts
from .dutch_dates import parse_date
from .facets import apply_facets
from .insurers import find_insurer
from .outcome import entreegeld_refunded, item_outcome, overall_outcome
from .references import find_references, policy_year
from .topics import tag_topics

PARSER_VERSION = "2"  # 2: SKGZ sub-headings stay inside sections, dictum reading, cost clauses

_CASE_NUMBER = re.compile(r"\b(ANO\d{2}\.\d{2,4}|\d{4}\.\d{4,5}|\d{9}|\d{4}/\d{3,5})\b")
_ECLI = re.compile(r"\bECLI:NL:[A-Z]{2,8}:\d{4}:[A-Z0-9]{1,8}\b")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    return parse_date(str(value)) if value else None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _split_keywords(value: str | None) -> list[str]:
    if not value:
        return []
    return [k.strip(" .;") for k in re.split(r",(?![^()]*\))", value) if k.strip(" .;")]


def _source(text: str, meta: dict[str, Any]) -> Source:
    if meta.get("source") in ("skgz", "rechtspraak"):
        return meta["source"]  # type: ignore[no-any-return]
    if meta.get("ecli"):
        return "rechtspraak"
    head = text[:3000]
    if re.search(r"Geschillencommissie Zorgverzekeringen|Klachten en Geschillen Zorgverzekeringen|SKGZ", head) or (
            "BINDEND ADVIES" in head.upper() and "Zaaknummer" in head):
        return "skgz"
    return "other"


_BASIS = re.compile(r"(?<!aanvullende )(?<!aanvullend )\bzorgverzekering(?:en)?\b|\bZvw\b|basisverzekering",
                    re.IGNORECASE)
_AANVULLEND = re.compile(r"\baanvullende?\s+\w*verzekering", re.IGNORECASE)


def insurance_type(sections: list[Section], regelgeving: str | None) -> InsuranceType:
    """Which policy the dispute is about: the competence clause says it most precisely, then Regelgeving."""
    sources = [s.text for s in sections if s.title.lower().startswith("bevoegdheid")]
    if regelgeving:
        sources.append(regelgeving)
    for text in sources:
        basis, aanv = bool(_BASIS.search(text)), bool(_AANVULLEND.search(text))
        if basis and aanv:
            return "basis en aanvullend"
        if aanv:
            return "aanvullend"
        if basis:
            return "basis"
    return "onbekend"


def parse_ruling(text: str, format_metadata: dict[str, Any]) -> ParsedRuling:
    """Parse a ruling's text. ``format_metadata`` is what the extractor found in the file format (may be empty)."""
    meta_in = format_metadata or {}
    lay = structure.layout(text)
    md = RulingMetadata()
    md.source = _source(text, meta_in)
    head = lay.head

    md.parties = head.get("Partijen")
    md.zaak_keywords = _split_keywords(head.get("Zaak"))
    md.regulations = _split_keywords(head.get("Regelgeving"))
    case = head.get("Zaaknummer")
    if meta_in.get("zaaknummer"):
        md.case_number = _as_list(meta_in["zaaknummer"])[0]  # the format's own field beats text parsing
    elif case:
        m = _CASE_NUMBER.search(case)
        md.case_number = m.group(1) if m else case.split()[0]
    md.hearing_date = parse_date(head.get("Zittingsdatum"))
    md.committee = lay.committee or ([] if md.source != "skgz" else lay.signers)
    md.decision_place = lay.decision_place
    md.decision_date = _as_date(meta_in.get("decision_date")) or lay.decision_date
    md.publication_date = _as_date(meta_in.get("publication_date"))
    md.court = meta_in.get("court") or ("Geschillencommissie Zorgverzekeringen" if md.source == "skgz" else None)
    md.ecli = meta_in.get("ecli") or (m.group(0) if (m := _ECLI.search(text[:2000])) else None)
    md.rechtsgebied = _as_list(meta_in.get("rechtsgebied"))
    md.procedure = _as_list(meta_in.get("procedure"))

    parties = md.parties
    if not parties:
        first = next((s for s in lay.sections if s.title.lower() == "partijen"), None)
        parties = first.text if first else None
    md.insurer, md.insurer_concern = find_insurer(parties)
    md.insurance_type = insurance_type(lay.sections, head.get("Regelgeving"))

    if md.source == "skgz":
        md.title = f"Bindend advies {md.case_number}" if md.case_number else "Bindend advies"
    elif md.ecli:
        md.title = f"{md.court}, {md.ecli}" if md.court else md.ecli
    else:
        md.title = lay.title_line

    decision = structure.decision_section(lay.sections)
    items = [DecisionItem(label, t, item_outcome(t)) for label, t in
             (structure.decision_items(decision.text) if decision else [])]
    decision_text = decision.text if decision else ""
    outcome, explanation = overall_outcome(items, decision_text)
    refunded = entreegeld_refunded(items, decision_text)

    amounts = find_amounts([(s.title, s.text) for s in lay.sections], decision.title if decision else None)
    parsed = ParsedRuling(
        metadata=md,
        body=lay.body,
        sections=lay.sections,
        annex=lay.annex,
        decision_items=items,
        outcome=outcome,
        outcome_explanation=explanation,
        entreegeld_refunded=refunded,
        amounts=amounts,
        references=find_references(lay.body, policy_year(md.regulations)),
    )
    parsed.topics = tag_topics(parsed)
    apply_facets(parsed)  # after the topics: care types reuse the care-type tags
    return parsed
