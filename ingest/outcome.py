"""Outcome of each decision item and of the ruling as a whole, from the decision's own wording.

Item rules (first match wins): niet-ontvankelijk > afgewezen > toegewezen > overig. An entreegeld item is
reported separately (``entreegeld_refunded``) and does not by itself make a ruling "toegewezen": the committee
refunds it when the consumer is (partly) right, so it follows the outcome rather than making it.
"""

from __future__ import annotations

import re

from archive.domain import DecisionItem, ItemOutcome, Outcome

_NIET_ONTV = re.compile(r"niet[- ]ontvankelijk|onbevoegd", re.IGNORECASE)
_AFGEWEZEN = re.compile(
    r"\b(afgewezen|wijst\b.*\baf\b|ongegrond|verworpen|verwerpt|geen aanleiding|terecht (?:heeft|is|de)|"
    r"niet gehouden|hoeft\s.*niet|wordt niet|niet\s+(?:te\s+)?(?:vergoed\w*|betal\w*|hoeft))\b",
    re.IGNORECASE,
)
_TOEGEWEZEN = re.compile(
    r"\b(toegewezen|gegrond|vernietig\w*|ten onrechte|is gehouden|moet\s.*\b(?:vergoeden|voldoen|betalen|"
    r"vergoed)|dient\s.*\b(?:te vergoeden|te voldoen|te betalen)|had moeten|alsnog|heeft recht op|"
    r"vergoed(?:t|en) (?:moet|dient)|wordt vergoed|dient te worden vergoed|vergoedt|betaalt|"
    r"wordt toegekend|kent\s.*\btoe)\b",
    re.IGNORECASE,
)
_ENTREEGELD = re.compile(r"entreegeld", re.IGNORECASE)
_COSTS = re.compile(
    r"entreegeld|griffierecht|proceskosten|kosten van (?:de|het) (?:procedure|geding)|in de kosten|"
    r"als rechtspersoon die|evengenoemd bedrag|kostenveroordeling",
    re.IGNORECASE,
)


def item_outcome(text: str) -> ItemOutcome:
    if _NIET_ONTV.search(text):
        return "niet-ontvankelijk"
    if _AFGEWEZEN.search(text):
        return "afgewezen"
    if _TOEGEWEZEN.search(text):
        return "toegewezen"
    return "overig"


def entreegeld_refunded(items: list[DecisionItem], decision_text: str) -> bool | None:
    """True when the decision orders the entreegeld refunded, False when it says it is not, None if silent."""
    for it in items:
        if _ENTREEGELD.search(it.text):
            return it.outcome == "toegewezen"
    if _ENTREEGELD.search(decision_text):
        sentence = next(s for s in re.split(r"(?<=[.;])\s+", decision_text) if _ENTREEGELD.search(s))
        if re.search(r"\bniet\b|\bgeen\b|voor rekening van", sentence, re.IGNORECASE):
            return False
        if re.search(r"vergoed|voldoen|restitu|terugbetal|betalen", sentence, re.IGNORECASE):
            return True
    return None


def overall_outcome(items: list[DecisionItem], decision_text: str) -> tuple[Outcome, str]:
    """The ruling's outcome and an explanation naming the items it rests on."""
    substantive = [it for it in items if not _ENTREEGELD.search(it.text)]
    if substantive:
        won = [it.label for it in substantive if it.outcome == "toegewezen"]
        lost = [it.label for it in substantive if it.outcome == "afgewezen"]
        inadm = [it.label for it in substantive if it.outcome == "niet-ontvankelijk"]
        parts = []
        if won:
            parts.append("toegewezen: " + ", ".join(f"({x})" for x in won))
        if lost:
            parts.append("afgewezen: " + ", ".join(f"({x})" for x in lost))
        if inadm:
            parts.append("niet-ontvankelijk: " + ", ".join(f"({x})" for x in inadm))
        ent = [it.label for it in items if _ENTREEGELD.search(it.text)]
        if ent:
            parts.append("entreegeld: " + ", ".join(f"({x})" for x in ent))
        explanation = "; ".join(parts)
        if won and (lost or inadm):
            return "gedeeltelijk toegewezen", explanation
        if won:
            return "toegewezen", explanation
        if lost:
            return "afgewezen", explanation
        if inadm:
            return "niet-ontvankelijk", explanation
        return "onbekend", explanation or "geen beslispunt met herkenbare uitkomst"
    # No numbered items (older SKGZ rulings, rechtspraak): judge each clause of the decision on its own, leaving
    # out the cost clauses (entreegeld, griffierecht, proceskosten) that follow the outcome rather than make it.
    if not decision_text.strip():
        return "onbekend", "geen beslissing gevonden"
    # Split on clause ends, not on every period: "griffierecht ad fl. 450,--" must stay one clause.
    clauses = [c.strip() for c in re.split(r";\s*|\n+|(?<=[a-z]{3}\.)\s+(?=[A-Z])|"
                                            r"\s+en\s+(?=(?:het|de|verzoeker|verklaart|wijst)\b)",
                                            decision_text) if c.strip()]
    verdicts = [item_outcome(c) for c in clauses if not _COSTS.search(c)]
    n_won = verdicts.count("toegewezen")
    n_lost = verdicts.count("afgewezen")
    n_inadm = verdicts.count("niet-ontvankelijk")
    if re.search(r"gedeeltelijk gegrond|gedeeltelijk toe|deels gegrond", decision_text, re.IGNORECASE) or (
            n_won and (n_lost or n_inadm)):
        return "gedeeltelijk toegewezen", "beslissing: deels toegewezen, deels afgewezen/niet-ontvankelijk"
    if n_won:
        return "toegewezen", "beslissing: toegewezen/gegrond"
    if n_lost:
        return "afgewezen", "beslissing: afgewezen/ongegrond"
    if n_inadm:
        return "niet-ontvankelijk", "beslissing: niet-ontvankelijk"
    return "onbekend", "uitkomst niet herkend"
