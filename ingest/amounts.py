"""Euro amounts ("€ 1.000,--", "€ 6,95", "€ 37,-", "EUR 250", "1.500 euro") with the role they play.

The role comes from the sentence and the section: the entreegeld, an amount awarded in the decision, damages
(schadevergoeding), an amount claimed, or anything else (a tariff, an invoice). Amounts in the annex are never
read: the annex is policy text, not the dispute.
"""

from __future__ import annotations

import re

from archive.domain import Amount, AmountRole

_NUM = r"\d{1,3}(?:\.\d{3})+|\d+"
_CENTS = r",(?:\d{2}|-{1,2}|–|—)"
AMOUNT = re.compile(
    rf"(?:€|EUR\b|euro\b)\s?(?P<a>{_NUM})(?P<c>{_CENTS})?(?!\d)"
    rf"|(?P<b>{_NUM})(?P<d>{_CENTS})?\s?(?:euro|EUR)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?;\n]*(?:\.(?!\d)|[!?;\n]|$)")
_AWARD = re.compile(r"\b(vergoed\w*|voldoen|betal\w*|toe te wijzen|toegewezen|toekenn\w*|gehouden|restitu\w*)\b",
                    re.IGNORECASE)
_CLAIM = re.compile(r"\b(vorder\w*|gevorderd\w*|verzoekt|verzocht|gevraagd|vraagt|eist|claim\w*)\b", re.IGNORECASE)
_DAMAGES = re.compile(r"schade", re.IGNORECASE)
_NEGATED = re.compile(r"\b(afgewezen|niet|geen)\b", re.IGNORECASE)


def parse_value(integer: str, cents: str | None) -> float:
    value = float(integer.replace(".", ""))
    if cents and cents[1:].isdigit():
        value += int(cents[1:]) / 100
    return value


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("; ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end), text.find("; ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return re.sub(r"\s+", " ", text[left + 1:right + 1]).strip()


def classify(sentence: str, in_decision: bool, in_claim_section: bool) -> AmountRole:
    low = sentence.lower()
    if "entreegeld" in low or "griffierecht" in low:
        return "entreegeld"
    if in_decision and _AWARD.search(sentence) and not _NEGATED.search(sentence):
        return "awarded"
    if _DAMAGES.search(sentence):
        return "damages"
    if in_claim_section or _CLAIM.search(sentence):
        return "claimed"
    if _AWARD.search(sentence) and re.search(r"toe te wijzen|toegewezen|moet vergoeden|dient te vergoeden", low):
        return "awarded"
    return "other"


def find_amounts(sections: list[tuple[str, str]], decision_title: str | None) -> list[Amount]:
    """Amounts per (section title, text) pair, in reading order."""
    out: list[Amount] = []
    for title, text in sections:
        in_decision = decision_title is not None and title == decision_title
        in_claim = title.lower() in ("geschil", "het geschil", "verzoek")
        for m in AMOUNT.finditer(text):
            integer = m.group("a") or m.group("b")
            cents = m.group("c") or m.group("d")
            sentence = _sentence_around(text, m.start(), m.end())
            out.append(Amount(
                value=parse_value(integer, cents),
                role=classify(sentence, in_decision, in_claim),
                text=m.group(0).strip(),
                context=sentence,
            ))
    return out
