"""Euro amounts ("€ 1.000,--", "€ 6,95", "€ 37,-", "EUR 250", "1.500 euro") with the role they play.

The role comes from the sentence and the section: the entreegeld, an amount awarded in the decision, damages
(schadevergoeding), an amount claimed, or anything else (a tariff, an invoice). Amounts in the annex are never
read: the annex is policy text, not the dispute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.domain import Amount, AmountRole, Claim, Currency, DecisionItem, Section

from .structure import decision_items as decision_items_of

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


# ---------------------------------------------------------------------------------------------------------------
# Amounts per item: one sum per claim and per decision item, never one per mention.

_GUILDERS = re.compile(
    rf"(?:ƒ|\bfl\.|\bf\.?)\s?(?P<a>{_NUM})(?P<c>{_CENTS})(?!\d)|(?:ƒ|\bfl\.)\s?(?P<b>{_NUM})(?!\d)"
    rf"|\bf\s?(?P<g>\d{{1,3}}(?:\.\d{{3}})+)(?![\d,])"
    rf"|(?P<e>{_NUM})(?P<f>{_CENTS})?\s?gulden\b",
)
# Amounts that are parts of a total named just before them ("€ 1.461,99, bestaande uit € 761,99 en € 700,-").
_PARTS = re.compile(r"\b(?:bestaande uit|bestaat uit|waarvan|te weten|opgebouwd uit|zijnde|namelijk|"
                    r"onder aftrek van|in mindering)\b|\(", re.IGNORECASE)
# A sum named by these words is not the claim or award itself: costs, interest, fines, security, rates.
_COST_WORDS = (r"rente|proceskosten|griffierecht|entreegeld|kosten van (?:de|het|deze) (?:procedure|geding)|"
               r"in de kosten|geldboete|boete|dwangsom|gijzeling|waarborgsom|eigen risico|recht geheven|"
               r"kosten (?:van|voor) (?:de )?rechtsbijstand|salaris")
_COSTS_BEFORE = re.compile(rf"\b(?:{_COST_WORDS})\b[^;.€ƒ]{{0,80}}$", re.IGNORECASE)
_COSTS_AFTER = re.compile(rf"^\s*[,)]?\s*(?:\(.{{0,60}}?\)\s*)?(?:aan|voor|wegens|ter zake van)\s+(?:de\s+)?"
                          rf"(?:{_COST_WORDS})\b|^[^;.]{{0,25}}\bper (?:dag|week|maand|jaar|uur|overtreding|punt)\b",
                          re.IGNORECASE)


def is_cost(text: str, m: Money) -> bool:
    """Whether the sum at ``m`` is a cost, interest, fine or rate rather than a claim or an award."""
    before = re.split(r"[;\n]|\.\s", text[max(0, m.start - 80):m.start])[-1]
    return bool(_COSTS_BEFORE.search(before) or _COSTS_AFTER.search(text[m.end:m.end + 90]))


@dataclass(frozen=True)
class Money:
    value: float
    currency: Currency
    text: str
    start: int
    end: int


def money(text: str) -> list[Money]:
    """Every sum of money in ``text`` (euros, and guilders in older rulings), in reading order."""
    found = [Money(parse_value(m.group("a") or m.group("b"), m.group("c") or m.group("d")), "EUR",
                   m.group(0).strip(), m.start(), m.end()) for m in AMOUNT.finditer(text)]
    for m in _GUILDERS.finditer(text):
        integer = m.group("a") or m.group("b") or m.group("e") or m.group("g")
        if any(f.start <= m.start() < f.end for f in found):
            continue
        found.append(Money(parse_value(integer, m.group("c") or m.group("f")), "NLG", m.group(0).strip(),
                           m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def principal(text: str) -> Money | None:
    """The sum a claim or decision clause is about, or None.

    Several sums joined in one clause ("€ 360,- aan materiële schade en € 2.000,- aan smartengeld") add up;
    a sum followed by its parts ("€ 1.461,99, bestaande uit € 761,99 en € 700,-") counts once; interest, costs,
    fines and rates are left out. The result keeps the first sum's position and text.
    """
    sums = money(text)
    kept: list[Money] = []
    for k, m in enumerate(sums):
        if is_cost(text, m):
            continue
        if kept and _PARTS.search(text[kept[-1].end:m.start]):
            continue  # a part of the total before it
        if kept and k and _PARTS.search(text[sums[k - 1].end:m.start]) and sums[k - 1] not in kept:
            continue
        kept.append(m)
    if not kept:
        return None
    currency = kept[0].currency
    total = round(sum(m.value for m in kept if m.currency == currency), 2)
    return Money(total, currency, kept[0].text, kept[0].start, kept[-1].end)


_CLAIM_SECTIONS = ("geschil", "het geschil", "verzoek", "het verzoek", "vordering", "de vordering", "eis")
_ITEM_LIST_END = re.compile(r"\n\n(?:\d{1,2}\.\d{1,2}\.?\s|[A-Z])")
# A party states a claim ("[benadeelde] vordert een bedrag van € 395,-", "heeft een vordering tot schadevergoeding
# van € 1.060,20 ingediend", "te weten een totaalbedrag van € 707,01", "De vordering strekt tot vergoeding van
# geleden schade ..., te weten een bedrag van € 576,-").
_CLAIM_SENTENCE = re.compile(
    r"\bvordert\b|\bheeft\b[^.;]{0,80}\bgevorderd\b|\bvordering\b[^.;]{0,60}\b(?:van|ad)\s+(?:€|EUR|ƒ|fl\.)|"
    r"totaalbedrag van|\bvordering\b[^.;]{0,40}\bstrekt tot\b|\bgevoegd\b[^.;]{0,60}\bmet een vordering\b|"
    r"\bverzoekt\b[^.;]{0,120}\b(?:veroordel\w*|schadevergoeding|te betalen|te vergoeden)",
    re.IGNORECASE,
)
# Not a party's claim: the prosecution's demands, the defence's position, a court's or an earlier court's figures.
_NOT_A_CLAIM = re.compile(
    r"officier van justitie|advocaat-generaal|advocaten-generaal|verdediging|raadsman|raadsvrouw|standpunt|"
    r"gematigd|geldboete|tenuitvoerlegging|inspecteur|aanslag|belastbaar|heffing|toewijz\w*|toegewezen|"
    r"waardeert|niet-ontvankelijk verklaard",
    re.IGNORECASE,
)
# The sum of the claim stated just before, in a sentence of its own.
_CLAIM_SUM = re.compile(r"^(?:Deze|Die|De vordering|Het gevorderde bedrag)\s+bedraagt\b")
_INJURED_PARTY = re.compile(r"\[(?!verdachte|adres|woonplaats|geboorte|kenteken|datum|verbalisant|getuige|"
                            r"medeverdachte|naam advocaat|plaats)[^\]]{1,40}\]")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z\[(\d])|\n+")


def claim_section(sections: list[Section]) -> Section | None:
    return next((s for s in sections if s.title.lower().rstrip(":") in _CLAIM_SECTIONS), None)


def listed_claims(section_text: str) -> list[Claim]:
    """The numbered requests of a "Geschil" section ("(i) de ziektekostenverzekeraar ... € 1.000,-- moet vergoeden")."""
    start = section_text.find("(i)")
    if start < 0:
        return []
    text = section_text[start:]
    end = _ITEM_LIST_END.search(text, 3)
    items = decision_items_of(text[: end.start()] if end else text)
    claims = []
    for label, item in items:
        m = principal(item)
        claims.append(Claim(label, item, m.value if m else None))
    return claims


def stated_claims(text: str, by_party: bool) -> list[Claim]:
    """Claims stated in running text, one per injured party (``by_party``) or per distinct sum.

    The first statement of a party's claim counts; later restatements ("het gevorderde bedrag van € 1,00") and
    parts of it do not add to it.
    """
    claims: list[Claim] = []
    seen_parties: set[str] = set()
    seen_values: set[float] = set()
    for sm in _SENTENCE_END.split(text):
        verb = _CLAIM_SENTENCE.search(sm)
        if verb is None:
            if by_party and claims and claims[-1].amount is None and _CLAIM_SUM.match(sm) and (
                    m := principal(sm)) is not None and m.value not in seen_values:
                claims[-1].amount = m.value  # "... gevoegd met een vordering tot schadevergoeding. Deze bedraagt € 225"
                seen_values.add(m.value)
            continue
        # Headings glued into paragraphs make long "sentences": read only the part around the claim.
        sentence = sm[max(0, verb.start() - 160):].strip()
        if _NOT_A_CLAIM.search(sentence):
            continue
        m = principal(sentence)
        if m is None and not by_party:
            continue
        if by_party:
            party_m = _INJURED_PARTY.search(sentence)
            if party_m is None:
                before = text[max(0, text.find(sentence) - 400):text.find(sentence)]
                earlier = _INJURED_PARTY.findall(before)
                party = earlier[-1] if earlier else None
            else:
                party = party_m.group(0)
            if party is not None:
                if party in seen_parties:
                    # A party's claim first stated without its sum ("De vordering strekt tot vergoeding van
                    # geleden schade") takes the sum stated next.
                    known = next(c for c in claims if c.id == party)
                    if known.amount is None and m is not None and m.value not in seen_values:
                        known.amount = m.value
                        seen_values.add(m.value)
                    continue
                seen_parties.add(party)
            elif m is None or m.value in seen_values:
                continue
            if m is None:
                # An injured party's claim whose sum the judgment does not state is still a claim to decide.
                text_ = sentence if party in sentence else f"{party}: {sentence}"
                claims.append(Claim(str(party), text_[:600], None))
                continue
            label = party or str(len(claims) + 1)
            text_ = sentence if party is None or party in sentence else f"{party}: {sentence}"
        else:
            if m is None or m.value in seen_values:
                continue
            label, text_ = str(len(claims) + 1), sentence
        if m is None:
            continue
        seen_values.add(m.value)
        claims.append(Claim(label, text_[:600], m.value))
    return claims


def find_claims(sections: list[Section], decision: Section | None, source: str, criminal: bool) -> list[Claim]:
    """What the parties asked for. SKGZ: the requests of "Geschil"; courts: the claims stated before the dictum
    (in a criminal judgment the injured parties' claims, one per party)."""
    geschil = claim_section(sections)
    if geschil is not None:
        return listed_claims(geschil.text) or stated_claims(geschil.text, by_party=False)
    if source == "skgz":
        return []
    body = "\n\n".join(s.text for s in sections if s is not decision)
    if decision is not None and decision.text in body:
        body = body[: body.rfind(decision.text)]
    claims = stated_claims(body, by_party=criminal)
    if not criminal and not claims:
        claims = damages_requests(body)
    return claims


# A request for damages named without a sum or a claim verb, beside an appeal against a decision (art. 8:73/8:88
# Awb): "Eiseres heeft verzocht om schadevergoeding", "het verzoek om vergoeding van de schade", "er bestaat geen
# grond voor vergoeding van schade als gevorderd door appellant".
_DAMAGES_REQUEST = re.compile(
    r"\b(?:verzoek\w*|verzocht|vraagt|gevraagd|vordert|gevorderd)\s+(?:\w+\s+){0,3}?(?:om|tot)\s+(?:\w+\s+){0,2}?"
    r"(?:schadevergoeding|vergoeding\s+van\s+(?:de\s+)?(?:geleden\s+)?schade)\b|"
    r"\b(?:schadevergoeding|vergoeding\s+van\s+(?:de\s+)?schade)\s+(?:als|zoals)\s+(?:door\s+\w+\s+)?"
    r"(?:gevorderd|verzocht|gevraagd)\b",
    re.IGNORECASE,
)


def damages_requests(text: str) -> list[Claim]:
    """The request for damages of a court case whose claims have no sum, once, as a claim without amount."""
    flat = re.sub(r"\s+", " ", text)
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z\[(])", flat):
        if _DAMAGES_REQUEST.search(sentence) and not _NOT_A_CLAIM.search(sentence):
            return [Claim("1", sentence.strip()[:600], None)]
    return []


_AWARD_CLAUSE = re.compile(
    r"tot betaling|toe tot|tot (?:een|het) bedrag|tot vergoeding|schadevergoeding|smartengeld|te betalen|"
    r"te vergoeden|te voldoen|vergoedt|betaalt|moet vergoeden|wordt toegekend|kent\b.*\btoe",
    re.IGNORECASE,
)
# ("het toegewezen bedrag" restates an award: an item that grants "tot € 395" and then orders "betaling van het
# toegewezen bedrag" is read from its first clause; alone, the clause is the award.)
_NOT_AN_AWARD = re.compile(r"aanslag|belastbaar|inkomen|heffing|waarde|aan de Staat",
                           re.IGNORECASE)


def awarded(item: DecisionItem) -> Money | None:
    """What a granting decision item awards, or None (a finding, a declaration, an order without a sum)."""
    if item.kind != "claim" or item.outcome not in ("toegewezen", "gedeeltelijk toegewezen"):
        return None
    # Clause by clause: an item may join "vernietigt het besluit over de WOZ-waarde" to "bepaalt dat verweerder
    # een schadevergoeding van € 500,- betaalt".
    for clause in item.text.split("; "):
        if _AWARD_CLAUSE.search(clause) and not _NOT_AN_AWARD.search(clause) and (m := principal(clause)):
            return m
    return None


def _amount(m: Money, role: AmountRole, item: str | None, context: str) -> Amount:
    return Amount(m.value, role, m.text, re.sub(r"\s+", " ", context)[:300], item, m.currency)


def item_amounts(claims: list[Claim], items: list[DecisionItem], costs: list[tuple[str, Money]],
                 entreegeld_refund: Money | None) -> list[Amount]:
    """The ruling's amounts, one per claim, per awarding item, the entreegeld refund and each costs order.

    ``item.amount`` must already be set for awarding items (see :func:`awarded`).
    """
    out: list[Amount] = []
    for c in claims:
        if c.amount is None:
            continue
        if (m := principal(c.text)) is None:
            # The sum was stated in a sentence of its own ("Deze bedraagt € 225,00"), not in the claim's text.
            m = Money(c.amount, "EUR", f"€ {c.amount:.2f}".replace(".", ","), 0, 0)
        out.append(_amount(Money(c.amount, m.currency, m.text, m.start, m.end), "claimed", c.id, c.text))
    for it in items:
        if it.amount is not None and it.kind == "claim" and (m := awarded(it)) is not None:
            out.append(_amount(Money(it.amount, m.currency, m.text, m.start, m.end), "awarded", it.label, it.text))
    if entreegeld_refund is not None:
        out.append(_amount(entreegeld_refund, "entreegeld", None, "entreegeld"))
    for clause, m in costs:
        out.append(_amount(m, "costs", None, clause))
    return out
