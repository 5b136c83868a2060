"""Outcome of each decision item and of the ruling as a whole, from the decision's own wording.

Item rules (first match wins): niet-ontvankelijk > afgewezen > toegewezen > overig. An entreegeld item is
reported separately (``entreegeld_refunded``) and does not by itself make a ruling "toegewezen": the committee
refunds it when the consumer is (partly) right, so it follows the outcome rather than making it.
"""

from __future__ import annotations

import re

from archive.domain import Claim, DecisionItem, ItemKind, ItemOutcome, Outcome

from .amounts import Money, money
from .structure import DICTUM_VERBS

# The verdict words as predicates: "verklaart het beroep ongegrond", not the nouns of what was appealed against
# ("het beroep tegen de besluiten tot niet-ontvankelijkverklaring van hun bezwaren").
_NIET_ONTV = re.compile(r"niet[- ]ontvankelijk\b|onbevoegd\b", re.IGNORECASE)
_AFGEWEZEN = re.compile(
    r"\b(afgewezen|wijst\b.*\baf\b|ongegrond\b|verworpen|verwerpt|geen aanleiding|terecht (?:heeft|is|de)|"
    r"niet gehouden|hoeft\s.*niet|wordt niet|niet\s+(?:te\s+)?(?:vergoed\w*|betal\w*|hoeft))\b",
    re.IGNORECASE,
)
_TOEGEWEZEN = re.compile(
    r"\b(toegewezen|gegrond\b|wijst\b.*\btoe\b|schorst|veroordeelt\s.*\btot (?:betaling|vergoeding)|vernietig\w*|"
    r"ten onrechte|is gehouden|moet\s.*\b(?:vergoeden|voldoen|betalen|"
    r"vergoed)|dient\s.*\b(?:te vergoeden|te voldoen|te betalen)|had moeten|alsnog|heeft recht op|"
    r"vergoed(?:t|en) (?:moet|dient)|wordt vergoed|dient te worden vergoed|vergoedt|betaalt|"
    r"wordt toegekend|kent\s.*\btoe)\b",
    re.IGNORECASE,
)
# A grant in part: "wijst de vordering ten dele toe", "verklaart het beroep gedeeltelijk gegrond", and the annulment
# whose legal effects stay ("bepaalt dat de rechtsgevolgen van het vernietigde besluit in stand blijven": the
# claimant is right in law but gets nothing more).
_PARTLY = re.compile(
    r"\b(?:gedeeltelijk|deels|ten dele|partieel)\s+(?:gegrond|toe\b|toegewezen)|"
    r"\brechtsgevolgen\b.{0,120}?\bin stand\b",
    re.IGNORECASE,
)
# A finding on the insurer's conduct without fault ("(i) de ziektekostenverzekeraar verzoeker heeft geïnformeerd dat
# de nota nader werd onderzocht"): the consumer complained it had not, so the finding refuses that complaint.
_INSURER_DID = re.compile(
    r"^(?:dat\s+)?de\s+(?:ziektekosten|zorg)?verzekeraar\s+(?:[^,;]{0,80}?\s)?(?:heeft|is)\s+(?:\w+\s+){0,6}?"
    r"ge\w+(?:d|t|en)\b", re.IGNORECASE)
_FAULT = re.compile(r"\b(?:niet|geen|ten onrechte|onterecht|had\w* moeten|nagelaten|onvoldoende|onzorgvuldig|"
                    r"moet|dient|gehouden|verplicht|in strijd|tekort\w*|verwijt\w*)\b", re.IGNORECASE)
_ENTREEGELD = re.compile(r"entreegeld", re.IGNORECASE)
_COSTS = re.compile(
    r"entreegeld|griffierecht|proceskosten|kosten van (?:de|het) (?:procedure|geding)|in de kosten|"
    r"als rechtspersoon die|evengenoemd bedrag|kostenveroordeling",
    re.IGNORECASE,
)


def item_outcome(text: str) -> ItemOutcome:
    if re.match(r"(?:bevestigt|bekrachtigt|verklaart (?:het|de) (?:beroep|hoger beroep|verzet)\b.{0,40}\bongegrond)",
                text):
        return "afgewezen"  # "Het Hof bevestigt de uitspraken van de rechtbank": the appeal fails
    if _NIET_ONTV.search(text):
        return "niet-ontvankelijk"
    if _AFGEWEZEN.search(text):
        return "afgewezen"
    if _TOEGEWEZEN.search(text):
        return "gedeeltelijk toegewezen" if _PARTLY.search(text) else "toegewezen"
    if _INSURER_DID.search(text) and not _FAULT.search(text):
        return "afgewezen"
    return "overig"


def is_catch_all(item: DecisionItem) -> bool:
    """"Wijst af het meer of anders gevorderde": it refuses whatever no other item granted, and nothing else."""
    return bool(_CATCH_ALL_ITEM.search(item.text)) and not party_of(item.text)


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
    substantive = [it for it in items if it.kind == "claim" and not _ENTREEGELD.search(it.text)]
    if substantive:
        partly = [it.label for it in substantive if it.outcome == "gedeeltelijk toegewezen"]
        won = [it.label for it in substantive if it.outcome == "toegewezen"]
        lost = [it.label for it in substantive if it.outcome == "afgewezen"]
        inadm = [it.label for it in substantive if it.outcome == "niet-ontvankelijk"]
        parts = []
        if won:
            parts.append("toegewezen: " + ", ".join(f"({x})" for x in won))
        if partly:
            parts.append("gedeeltelijk toegewezen: " + ", ".join(f"({x})" for x in partly))
        if lost:
            parts.append("afgewezen: " + ", ".join(f"({x})" for x in lost))
        if inadm:
            parts.append("niet-ontvankelijk: " + ", ".join(f"({x})" for x in inadm))
        ent = [it.label for it in items if _ENTREEGELD.search(it.text)]
        if ent:
            parts.append("entreegeld: " + ", ".join(f"({x})" for x in ent))
        explanation = "; ".join(parts)
        if partly or (won and (lost or inadm)):
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


# ---------------------------------------------------------------------------------------------------------------
# Items of a court's dictum, and the claims each item decides.

_CLAUSE_COSTS = re.compile(
    r"griffierecht|proceskosten|kosten van (?:de|het|deze) (?:procedure|geding)|in de kosten|(?:eigen|haar) kosten|"
    r"als (?:de )?rechtspersoon die|evengenoemd bedrag|recht geheven|kostenveroordeling|gestorte bedrag|"
    r"vervanging van de mondelinge uitspraak|teveel betaalde bedrag",
    re.IGNORECASE,
)
# A clause that opens a new decision item; any other clause carries out the one before it ("vernietigt het
# bestreden besluit", "bepaalt dat verweerder opnieuw beslist", "verwijst het geding naar ...").
_OPENS_ITEM = re.compile(r"^(?:verklaart|verwerpt|wijst|veroordeelt|kent|houdt|spreekt|ontzegt|bekrachtigt)\b",
                         re.IGNORECASE)
_PARTY = re.compile(r"\[(?!verdachte|adres|woonplaats|geboorte|kenteken|datum|verbalisant|getuige|medeverdachte|"
                    r"naam advocaat|plaats)[^\]]{1,40}\]")
# A criminal dictum clause deciding an injured party's claim (not the prosecution's "vordering tenuitvoerlegging").
_INJURED = re.compile(r"\bvordering\b|tot betaling (?:van schadevergoeding )?aan|\bbenadeelde\b.*niet-ontvankelijk",
                      re.IGNORECASE)
# Criminal dictum clauses that carry out a decision on an injured party's claim rather than make one.
_INJURED_FOLLOWS = re.compile(
    r"aan de Staat|toegewezen bedrag|schadevergoedingsmaatregel|bevrijd|burgerlijke rechter|hoofdelijk(?:heid)?$|"
    r"tenuitvoerlegging|gijzeling|betalingsverplichting|officier van justitie|openbaar ministerie|vervolging|"
    r"herroeping|proeftijd|invrijheidstelling|terbeschikking",
    re.IGNORECASE,
)
_CATCH_ALL = re.compile(r"meer of anders|anders of meer|voor het overige|overigens", re.IGNORECASE)
_CATCH_ALL_ITEM = re.compile(r"^(?:wijst\s+(?:af\s+)?(?:het|hetgeen)\s+(?:door\s.{1,60}?\s)?"
                             r"(?:meer\s+of\s+anders|anders\s+of\s+meer)\s+(?:gevorderde|verzochte|gevraagde)|(?:het|hetgeen)\s+(?:meer\s+of\s+anders|"
                             r"anders\s+of\s+meer)\s+(?:gevorderde|verzochte|gevraagde)\s+(?:wordt|is)\s+afgewezen)",
                             re.IGNORECASE)


def clause_kind(text: str) -> ItemKind:
    if _ENTREEGELD.search(text):
        return "entreegeld"
    if re.match(r"(?:vernietigt|verwerpt|bevestigt|bekrachtigt|rectificeert|verklaart (?!.*kosten))", text,
                re.IGNORECASE):
        # "vernietigt de uitspraak, behoudens de beslissing omtrent het griffierecht" decides the case; a
        # rectification ("rectificeert zijn uitspraak als volgt: ... reiskosten") is the decision, whatever it mends
        return "claim"
    return "costs" if _CLAUSE_COSTS.search(text) else "claim"


def court_items(clauses: list[str], criminal: bool) -> tuple[list[DecisionItem], list[tuple[str, Money]]]:
    """Decision items of an unnumbered dictum, and the costs orders with a sum (clause, sum) kept apart.

    A criminal judgment decides the injured parties' claims (the benadeelde partij) beside the charges; only those
    clauses are items here, one per decision ("wijst de vordering van [X] toe tot € 395,-", "verklaart [X] voor
    het overige niet-ontvankelijk"). Elsewhere each verdict clause opens an item and the clauses that carry it out
    are added to it.
    """
    items: list[DecisionItem] = []
    costs: list[tuple[str, Money]] = []
    party: str | None = None  # a criminal dictum groups its clauses per injured party
    heading = ""  # ... under sub-headings: "Benadeelde partij [X]", "Vordering tenuitvoerlegging"
    for clause in clauses:
        party = party_of(clause) or party
        if not re.match(rf"(?:{'|'.join(DICTUM_VERBS)})\b", clause, re.IGNORECASE):
            heading = clause
        elif criminal and _INJURED_FOLLOWS.search(heading) and not party_of(clause) and "benadeelde" not in clause:
            continue  # "Vordering tenuitvoerlegging - wijst de vordering toe": the prosecution's, not a claim
        if clause_kind(clause) != "claim":
            costs.extend((clause, m) for m in money(clause)[:1])
            continue
        if criminal:
            follows = {m.group(0).lower() for m in _INJURED_FOLLOWS.finditer(clause)}
            if follows == {"toegewezen bedrag"} and clause.lower().startswith("veroordeelt") and party and not any(
                    it.claims == [party] for it in items):
                follows = set()  # "veroordeelt verdachte tot betaling aan [X] van het toegewezen bedrag van € 425,73"
                # is the decision itself when no item for [X] came before it
            if _NIET_ONTV.search(clause):
                # "bepaalt dat de benadeelde partij niet-ontvankelijk is in de vordering en dat de vordering slechts
                # bij de burgerlijke rechter kan worden aangebracht": the decision, with its consequence
                follows.discard("burgerlijke rechter")
            if not _INJURED.search(clause) or follows:
                continue
            if not re.match(rf"(?:{'|'.join(DICTUM_VERBS)})\b", clause, re.IGNORECASE) or re.search(
                    r"veroordeelt verdachte tot (?!betaling)", clause):
                continue  # a sub-heading ("Benadeelde partij [X]") or a sentence, not a decision on the claim
            last = items[-1] if items else None
            if last is not None and party and last.claims == [party] and clause.lower().startswith("veroordeelt") \
                    and (not money(last.text) or any(m.value == p.value for m in money(last.text)
                                                     for p in money(clause)[:1])):
                # "wijst de vordering van [X] toe; veroordeelt verdachte tot betaling aan [X] van € 500": one
                # decision on one claim, whose sum is named once or twice.
                last.text += "; " + clause
                continue
            if item_outcome(clause) == "overig":
                continue  # "gelast de teruggave ... Vordering van de benadeelde partij [X]": no verdict on a claim
            items.append(DecisionItem(str(len(items) + 1), clause, item_outcome(clause),
                                      claims=[party] if party else []))
        elif not re.match(rf"(?:{'|'.join(DICTUM_VERBS)})\b", clause, re.IGNORECASE) and item_outcome(
                clause) == "overig":
            continue  # a sub-heading or a sentence after the dictum, not an order
        elif items and (not _OPENS_ITEM.match(clause) or _carries_out(items[-1], clause)):
            _join(items[-1], clause)
        else:
            items.append(DecisionItem(str(len(items) + 1), clause, item_outcome(clause)))
    return items, costs


# The court deciding the case itself after an annulment ("vernietigt het bestreden besluit; verklaart appellante
# niet-ontvankelijk in haar bezwaar en bepaalt dat deze uitspraak in zoverre in de plaats treedt van het vernietigde
# besluit") and the decision on the first-instance appeal after the appeal court annulled the judgment under appeal
# ("vernietigt de aangevallen uitspraak; verklaart het beroep tegen het besluit gegrond"): one decision, not two.
_SELF_DECIDES = re.compile(r"\bin (?:de )?plaats (?:treedt|van)\b|^verklaart\s.{0,80}\bbezwa(?:ar|ren)\b.{0,40}"
                           r"(?:gegrond|niet[- ]ontvankelijk)\b|^verklaart\s.{0,60}\b(?:gegrond|niet[- ]ontvankelijk)"
                           r"\s+in\s+(?:zijn|haar|hun)\s+bezwa(?:ar|ren)\b", re.IGNORECASE)
_ANNULS_JUDGMENT = re.compile(r"^vernietigt\s+(?:de|het)\s+(?:aangevallen|bestreden|eerdere)?\s*"
                              r"(?:uitspraak|uitspraken|vonnis|arrest|beschikking)\b(?:\s+van\s+(?:de\s+)?(?:rechtbank|hof|kantonrechter))?",
                              re.IGNORECASE)


def _carries_out(item: DecisionItem, clause: str) -> bool:
    """Whether a clause that opens with a verdict verb still belongs to the item before it."""
    if item.outcome not in ("toegewezen", "gedeeltelijk toegewezen"):
        return False
    if _SELF_DECIDES.search(clause):
        return True
    return bool(_ANNULS_JUDGMENT.match(item.text) and ";" not in item.text
                and re.match(r"verklaart\s+(?:het|de)\s+(?:inleidend\s+)?beroep(?:en)?\b", clause, re.IGNORECASE))


def _join(item: DecisionItem, clause: str) -> None:
    """Add a clause to an item; a grant becomes a grant in part when the clause refuses a part of it or keeps the
    annulled decision's effects."""
    item.text += "; " + clause
    if item.outcome == "toegewezen" and (_PARTLY.search(clause) or (
            _SELF_DECIDES.search(clause) and item_outcome(clause) in ("afgewezen", "niet-ontvankelijk"))):
        item.outcome = "gedeeltelijk toegewezen"


def party_of(text: str) -> str | None:
    m = _PARTY.search(text)
    return m.group(0) if m else None


def link_claims(items: list[DecisionItem], claims: list[Claim]) -> None:
    """Fill ``item.claims`` and each claim's outcome from the items that decide it.

    An item decides a claim when they name the same injured party, the same sum, or share the most content
    words; a catch-all ("het meer of anders gevorderde wordt afgewezen") decides every claim not fully granted
    by another item.
    """
    if not claims:
        return
    ids_by_party = {party_of(c.text): c.id for c in claims if party_of(c.text)}
    words = {c.id: _content_words(c.text) for c in claims}
    catch_all: list[DecisionItem] = []
    known = set(words)
    for it in items:
        named = bool(it.claims)  # an injured party named in the dictum
        it.claims = [c for c in it.claims if c in known]
        if it.kind != "claim" or named:
            continue  # a party whose claim was not found is never linked to someone else's
        if _CATCH_ALL.search(it.text) and not party_of(it.text):
            catch_all.append(it)
            continue
        party = party_of(it.text)
        if party:
            it.claims = [ids_by_party[party]] if party in ids_by_party else []
            continue  # an injured party whose claim was not found: never link it to someone else's
        same_sum = [c.id for c in claims if c.amount is not None and any(
            abs(m.value - c.amount) < 0.01 for m in money(it.text))]
        if same_sum:
            it.claims = same_sum[:1]
            continue
        mine = _content_words(it.text)
        scores = sorted(((len(mine & words[c.id]), c.id) for c in claims), reverse=True)
        # Two shared content words, or one when no other claim shares as many.
        if scores[0][0] >= 2 or (scores[0][0] == 1 and (len(scores) == 1 or scores[1][0] == 0)):
            it.claims = [scores[0][1]]
    by_id = {c.id: c for c in claims}
    for it in items:
        # An item that grants less than the sum claimed grants the claim in part (another item may refuse the
        # rest: "verklaart [X] voor het overige niet-ontvankelijk").
        if it.outcome == "toegewezen" and it.amount is not None and len(it.claims) == 1:
            claim = by_id[it.claims[0]]
            if claim.amount is not None and it.amount < claim.amount - 0.01:
                it.outcome = "gedeeltelijk toegewezen"
        # The same for what is not money: "beperkt tot vier jaren" on a request for "maximaal drie jaren".
        if it.outcome == "toegewezen" and len(it.claims) == 1:
            asked, got = _quantities(by_id[it.claims[0]].text), _quantities(it.text)
            if any(unit in got and got[unit] != value for unit, value in asked.items()):
                it.outcome = "gedeeltelijk toegewezen"
    for claim in claims:
        deciding = [it.outcome for it in items if claim.id in it.claims]
        if catch_all and "toegewezen" not in deciding:
            for it in catch_all:
                it.claims.append(claim.id)
            deciding += [it.outcome for it in catch_all]
        claim.outcome = combine(deciding)


_NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                 "negen": 9, "tien": 10, "elf": 11, "twaalf": 12}
_UNITS = {"jaar": "jaar", "jaren": "jaar", "maand": "maand", "maanden": "maand", "week": "week", "weken": "week",
          "dag": "dag", "dagen": "dag", "behandeling": "behandeling", "behandelingen": "behandeling",
          "sessie": "behandeling", "sessies": "behandeling", "procent": "procent", "%": "procent"}
_QUANTITY = re.compile(rf"\b(\d{{1,4}}|{'|'.join(_NUMBER_WORDS)})\s*({'|'.join(sorted(_UNITS, key=len, reverse=True))})"
                       r"(?!\w)", re.IGNORECASE)


def _quantities(text: str) -> dict[str, int]:
    """Durations, counts and percentages a claim asks or an item grants ("maximaal drie jaren" -> {"jaar": 3}); a
    unit named with two different numbers is left out."""
    found: dict[str, set[int]] = {}
    for number, unit in _QUANTITY.findall(text):
        value = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
        found.setdefault(_UNITS[unit.lower()], set()).add(value)
    return {unit: next(iter(values)) for unit, values in found.items() if len(values) == 1}


def settle_catch_alls(items: list[DecisionItem]) -> list[DecisionItem]:
    """A catch-all that decides no claim refuses nothing: in a court's dictum ("wijst af het meer of anders
    gevorderde" after the costs orders of a granted appeal) it is boilerplate and no item; a numbered item keeps
    its place with outcome "overig". Call after :func:`link_claims`."""
    kept: list[DecisionItem] = []
    for it in items:
        if it.kind == "claim" and is_catch_all(it) and not it.claims:
            if not it.label.isdigit():
                it.outcome = "overig"
                kept.append(it)
            continue
        kept.append(it)
    for k, it in enumerate(kept):
        if it.label.isdigit():
            it.label = str(k + 1)
    return kept


def combine(outcomes: list[ItemOutcome]) -> ItemOutcome | None:
    """One outcome for a claim decided by several items: mixed granted and refused is "gedeeltelijk"."""
    decided = [o for o in outcomes if o != "overig"] or outcomes
    if not decided:
        return None
    if len(set(decided)) == 1:
        return decided[0]
    granted = {"toegewezen", "gedeeltelijk toegewezen"}
    if set(decided) & granted:
        return "gedeeltelijk toegewezen"
    return decided[0]


# Words of four letters or more that say nothing about what a claim is about.
_STOP = frozenset([
    "wordt", "worden", "voor", "door", "ook", "haar", "zich", "over", "naar", "verzoeker", "verzoekster",
    "ziektekostenverzekeraar", "zorgverzekeraar", "commissie", "heeft", "niet", "deze", "dient", "moet",
])


# Stems of a dictum's own vocabulary ("verklaart het beroep gegrond, vernietigt het bestreden besluit; bepaalt dat
# verweerder opnieuw beslist") and of the parties' roles: every decision has them, so they say nothing about which
# claim an item decides.
_STOP_STEMS = frozenset(["grond", "ongegr", "beroep", "beslui", "bestre", "vernie", "verkla", "bepaal", "wijst",
                         "opnieu", "inacht", "overwo", "uitspr", "bezwaa", "beslis", "verwee", "appell", "eiser",
                         "eisere", "belang", "betrok", "inspec", "anderm", "hetgee", "hiervo", "aanmer", "nomen",
                         "bestaa", "geen", "waarbi", "daarbi", "welke", "zijnde", "alsmed"])


def _content_words(text: str) -> set[str]:
    """Crude stems (participle "ge-" off, first six letters): "geïnformeerd" and "informeren" meet."""
    words = re.findall(r"[a-zà-ÿï]{4,}", text.lower())
    stems = {re.sub(r"^ge(?=[a-zï]{5})", "", w).replace("ï", "i")[:6] for w in words if w not in _STOP}
    return stems - _STOP_STEMS
