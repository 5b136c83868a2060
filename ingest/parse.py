"""``parse_ruling``: text (+ the format's structured metadata) -> :class:`ParsedRuling`. Pure.

It runs on the *anonymised* text in the pipeline, so it never needs a name: the insurer comes from the party
block (and is "geanonimiseerd" when that is a placeholder), dates and numbers from fixed head fields.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from archive.domain import (
    Amount,
    Claim,
    DecisionItem,
    InsuranceType,
    Outcome,
    ParsedRuling,
    RulingMetadata,
    Section,
    Source,
)

from . import structure
from .amounts import Money, awarded, find_claims, item_amounts, money
from .dutch_dates import parse_date
from .facets import apply_facets
from .insurers import find_insurer
from .outcome import (
    clause_kind,
    court_items,
    entreegeld_refunded,
    item_outcome,
    link_claims,
    overall_outcome,
    settle_catch_alls,
)
from .references import find_references, policy_year
from .topics import Vocabulary, sentence_tokens, sentences, tag_topics, vocabulary

# 2: SKGZ sub-headings stay inside sections, dictum reading, cost clauses; 3: claims and amounts per item (totals
# over distinct items, entreegeld and costs apart), court dictum items, outcome and topics per claim; 4: item
# topics only where the ruling has the topic (domain gate); 5: decision-item grammar (verdict predicates, catch-alls
# that decide no claim, self-decisions after an annulment, partial grants, criminal consequences) and damages
# requests without a sum as claims
PARSER_VERSION = "5"

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


def headline(md: RulingMetadata, outcome: Outcome) -> str | None:
    """A descriptive title from the Zaak keywords and the outcome, for a ruling whose own title is only its type
    and number (SKGZ); None when there are no keywords to build it from or the title already says more."""
    if md.source != "skgz" or not md.zaak_keywords:
        return None
    keywords = [k for k in md.zaak_keywords if k][:5]
    subject = ", ".join(keywords)
    subject = subject[:1].upper() + subject[1:]
    return subject if outcome == "onbekend" else f"{subject} – {outcome}"


def _is_criminal(decision_text: str) -> bool:
    return bool(re.search(r"\bverdachte\b", decision_text))


def decided_items(sections: list[Section], decision: Section | None, source: str,
                  advisory: bool = False) -> tuple[list[DecisionItem], list[Claim], list[Amount]]:
    """Decision items, the claims they decide and the amounts per claim and per awarding item.

    Numbered items ((i), (ii), ...) are the ruling's own; a court's unnumbered dictum is split into items (see
    :func:`ingest.outcome.court_items`). An older SKGZ decision without numbers keeps no items, but what it awards
    is still read from its clauses.
    """
    decision_text = decision.text if decision else ""
    if advisory:
        return [], [], []  # an Advocate-General's conclusion decides nothing; the dicta it quotes are not its own
    criminal = source != "skgz" and _is_criminal(decision_text)
    numbered = structure.decision_items(decision_text) if decision else []
    costs: list[tuple[str, Money]] = []
    if numbered:
        items = [DecisionItem(label, t, item_outcome(t), kind=clause_kind(t)) for label, t in numbered]
        readers = items
    elif decision is not None:
        readers, costs = court_items(structure.dictum_clauses(decision_text), criminal)
        items = readers if source != "skgz" else []
    else:
        items = readers = []
    for it in readers:
        m = awarded(it)
        it.amount = m.value if m else None
    for it in items:
        if it.kind == "costs":
            costs.extend((it.text, m) for m in money(it.text)[:1])
    claims = find_claims(sections, decision, source, criminal)
    if criminal:
        # An injured party the dictum decides on had a claim, also when the judgment never states it ("Nu niet is
        # gebleken dat het feit [X] rechtstreeks schade heeft toegebracht, is de benadeelde partij ...").
        known = {c.id for c in claims}
        for it in items:
            for party in it.claims:
                if party not in known:
                    claims.append(Claim(party, f"vordering van de benadeelde partij {party}", None))
                    known.add(party)
    link_claims(items, claims)
    settled = settle_catch_alls(items)  # a catch-all that decides no claim refuses nothing
    readers, items = (settled if readers is items else readers), settled
    amounts = item_amounts(claims, readers, costs, None)
    return items, claims, amounts


def _entreegeld_and_costs(items: list[DecisionItem], decision_text: str, source: str,
                          refunded: bool | None) -> list[Amount]:
    """The entreegeld refund as its own amount (SKGZ), when the decision orders it."""
    if source != "skgz" or not refunded:
        return []
    texts = [it.text for it in items if it.kind == "entreegeld"] or [
        c for c in structure.dictum_clauses(decision_text) if "entreegeld" in c.lower()]
    for text in texts:
        if found := money(text):
            if it_refund := next((it for it in items if it.kind == "entreegeld"), None):
                it_refund.amount = found[0].value
            return item_amounts([], [], [], found[0])
    return []


def _item_topics(parsed: ParsedRuling) -> None:
    """Topics of each claim and decision item: the tagger's taxonomy matched against the item's own text, and an
    item also carries the topics of the claims it decides. Only topics the ruling itself has count: the tagger's
    domain gate (a care topic needs care evidence in the ruling) applies to items too."""
    vocab = vocabulary()
    allowed = {t.id for t in parsed.topics}
    by_claim: dict[str, list[str]] = {}
    for c in parsed.claims:
        c.topics = [t for t in _topics_in(c.text, vocab) if t in allowed]
        by_claim[c.id] = c.topics
    for it in parsed.decision_items:
        found = [t for t in _topics_in(it.text, vocab) if t in allowed]
        for cid in it.claims:
            found += [t for t in by_claim.get(cid, []) if t not in found]
        it.topics = found


def _topics_in(text: str, vocab: Vocabulary) -> list[str]:
    """Topic ids an item's own words name. An item is one short clause, so an inflected adjective must count as
    its trigger: "de tandheelkundige behandeling" names the dental topic that "tandheelkundig" triggers."""
    ids: list[str] = []
    for sentence in sentences(text):
        toks = sentence_tokens(sentence)
        plain = [t[:-1] if len(t) > 7 and t.endswith("ige") else t for t in toks]
        for i in [*vocab.hits(toks), *vocab.hits(plain)]:
            if vocab.topics[i].id not in ids:
                ids.append(vocab.topics[i].id)
    return ids


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
    decision_text = decision.text if decision else ""
    advisory = bool(md.ecli and ":PHR:" in md.ecli.upper())
    items, claims, amounts = decided_items(lay.sections, decision, md.source, advisory)
    outcome, explanation = overall_outcome(items, decision_text)
    if advisory:
        outcome, explanation = "onbekend", "conclusie van de Advocaat-Generaal: geen beslissing"
    elif md.source != "skgz" and _is_criminal(decision_text):
        # A criminal judgment is no request granted or refused: its items are the injured parties' claims.
        outcome, explanation = "onbekend", "strafzaak: uitkomst per vordering van een benadeelde partij"
    refunded = entreegeld_refunded(items, decision_text)
    amounts.extend(_entreegeld_and_costs(items, decision_text, md.source, refunded))

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
        claims=claims,
    )
    parsed.topics = tag_topics(parsed)
    _item_topics(parsed)
    md.summary = structure.summary(lay.sections, decision, [(it.label if it.label.isalpha() else "", it.text)
                                                            for it in items])
    md.headline = headline(md, outcome)
    apply_facets(parsed)  # after the topics: care types reuse the care-type tags
    return parsed
