"""Domain types shared by every package: plain dataclasses, no I/O.

Flow: ``ingest`` turns a file into a :class:`RawDocument` (text + per-page records + format metadata), the
structure parser turns text into a :class:`ParsedRuling`, ``anonymise`` turns text into an
:class:`AnonymisedText`, and the pipeline stores a ruling built only from the anonymised text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Source = Literal["skgz", "rechtspraak", "other"]
Outcome = Literal["toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk", "onbekend"]
ItemOutcome = Literal["toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk", "overig"]
# What a decision item decides: a claim of the consumer/party, the entreegeld refund, or a costs order
# (griffierecht, proceskosten), which follows the outcome rather than making it.
ItemKind = Literal["claim", "entreegeld", "costs"]
# Per-item roles: "claimed" (one per claim), "awarded" (one per granting decision item), "entreegeld" (the refund
# ordered), "costs" (a costs order). "damages" and "other" are mention-level roles (``ingest.amounts.find_amounts``).
AmountRole = Literal["claimed", "awarded", "entreegeld", "costs", "damages", "other"]
Currency = Literal["EUR", "NLG"]
InsuranceType = Literal["basis", "aanvullend", "basis en aanvullend", "onbekend"]
EntityAction = Literal["replaced", "kept"]
DocumentStatus = Literal["published", "quarantined", "failed"]

OUTCOMES: tuple[str, ...] = ("toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk", "onbekend")


def as_dict(obj: Any) -> Any:
    """JSON-ready dict of a domain dataclass (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: as_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [as_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: as_dict(v) for k, v in obj.items()}
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


@dataclass
class Page:
    number: int  # 1-based
    text: str
    ocr: bool = False


@dataclass
class RawDocument:
    """What an extractor produced from one file, before any parsing or anonymisation."""

    text: str  # whole document, pages joined with blank lines, cleaned (headers/footers removed)
    pages: list[Page]
    extractor: str  # e.g. "pdfium/1", "pdfplumber/1", "rechtspraak-xml/1", "text/1"
    source_format: Literal["pdf", "rechtspraak-xml", "text"]
    # Structured metadata the format itself carries (rechtspraak RDF: ecli, court, dates...). Never free text
    # that could hold a private name: free text goes into ``text`` so that it is anonymised.
    format_metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.ocr]


@dataclass
class Section:
    number: str | None  # "4", "6.4" or None
    title: str
    text: str


@dataclass
class Claim:
    """One thing a party asked for (an item of "Geschil"/"verzoek", a benadeelde partij's vordering)."""

    id: str  # the ruling's own label ("i", "ii") or, without one, a running number ("1", "2")
    text: str
    amount: float | None = None  # the sum asked for, in the ruling's currency; None when no sum is named
    outcome: ItemOutcome | None = None  # from the decision items that decide it; None when none does
    topics: list[str] = field(default_factory=list)  # topic ids its text matches


@dataclass
class DecisionItem:
    label: str  # "i", "ii", ...; "" for an unnumbered clause of a court's dictum
    text: str
    outcome: ItemOutcome
    kind: ItemKind = "claim"
    amount: float | None = None  # what this item awards (the refund for kind "entreegeld"), ruling's currency
    claims: list[str] = field(default_factory=list)  # ids of the claims this item decides
    topics: list[str] = field(default_factory=list)  # topic ids its text matches


@dataclass
class Amount:
    value: float  # in ``currency`` (older rulings are in guilders)
    role: AmountRole
    text: str  # the matched text, e.g. "€ 37,-"
    context: str = ""  # the sentence it came from (anonymised text)
    item: str | None = None  # the claim id or decision item label the amount belongs to
    currency: Currency = "EUR"


@dataclass
class Evidence:
    section: str
    sentence: str


@dataclass
class TopicTag:
    id: str
    label: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Reference:
    id: str  # canonical id, e.g. "zvw:art114:lid2"
    text: str  # as cited
    url: str | None = None


@dataclass
class RulingMetadata:
    source: Source = "other"
    case_number: str | None = None
    ecli: str | None = None
    title: str | None = None
    decision_date: date | None = None
    decision_place: str | None = None
    hearing_date: date | None = None
    publication_date: date | None = None
    court: str | None = None
    insurer: str | None = None  # normalised brand, "geanonimiseerd" when the ruling anonymises it
    insurer_concern: str | None = None
    insurance_type: InsuranceType = "onbekend"
    committee: list[str] = field(default_factory=list)
    zaak_keywords: list[str] = field(default_factory=list)
    regulations: list[str] = field(default_factory=list)
    rechtsgebied: list[str] = field(default_factory=list)
    procedure: list[str] = field(default_factory=list)
    parties: str | None = None
    countries: list[str] = field(default_factory=list)  # countries of treatment (Dutch names, e.g. "Thailand")
    care_types: list[str] = field(default_factory=list)  # care type ids, e.g. "mondzorg", "ggz", "hulpmiddelen"
    # A descriptive title for a ruling whose own is only its type and number ("Bindend advies 202101039"): the
    # Zaak keywords and the outcome. None when the ruling's title says more (a court and ECLI).
    headline: str | None = None
    summary: str = ""  # short extractive summary: the conclusion of the reasoning and the decision, never the head


@dataclass
class ParsedRuling:
    """Structure recovered from a ruling's text. Built from anonymised text for everything public."""

    metadata: RulingMetadata
    body: str  # the ruling without the annex
    sections: list[Section]
    annex: str
    decision_items: list[DecisionItem]
    outcome: Outcome
    outcome_explanation: str
    entreegeld_refunded: bool | None
    # One amount per claim (claimed), per granting decision item (awarded), the entreegeld refund and each costs
    # order: never one per mention, so the totals below are sums over distinct items.
    amounts: list[Amount]
    topics: list[TopicTag] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def _total(self, role: str) -> float | None:
        values = [a.value for a in self.amounts if a.role == role]
        return round(sum(values), 2) if values else None

    @property
    def amount_claimed(self) -> float | None:
        """Sum of the distinct claims' amounts (None when no claim names a sum)."""
        return self._total("claimed")

    @property
    def amount_awarded(self) -> float | None:
        """Sum of what the granting decision items award, costs orders and the entreegeld refund left out."""
        return self._total("awarded")

    @property
    def entreegeld_amount(self) -> float | None:
        """The entreegeld the decision orders refunded (SKGZ), None when it orders none."""
        return self._total("entreegeld")

    @property
    def costs(self) -> list[Amount]:
        """Costs orders with a sum (griffierecht, proceskosten): apart from what is awarded on the claims."""
        return [a for a in self.amounts if a.role == "costs"]


@dataclass
class Entity:
    """One detected span. Offsets point into the *anonymised* text; no original string is kept here."""

    start: int
    end: int
    label: str  # PERSON, BSN, IBAN, PHONE, EMAIL, ADDRESS, POSTCODE, POLICY_NUMBER, BIRTH_DATE, ORG, LOC, ...
    role: str  # e.g. "verzoeker", "persoon", "zorgverlener", "committee", "insurer", "identifier"
    action: EntityAction
    replacement: str | None  # the placeholder, None when kept
    recogniser: str  # "ner", "rule:title", "rule:bsn", ...


@dataclass
class AnonymisedText:
    """What ``anonymise`` returns: only the anonymised text and its entities, never an original string."""

    text: str
    entities: list[Entity]
    version: str  # anonymiser version, recorded with the ruling
