"""Public response models: the only shapes that leave the process.

None of them has a field for original text: only anonymised fields exist here, so un-anonymised text cannot leak
through an API response by accident.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: Any | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class TopicPublic(BaseModel):
    id: str
    label: str
    confidence: float = 0.0


class SearchHit(BaseModel):
    id: int
    slug: str
    case_number: str | None = None
    ecli: str | None = None
    title: str
    decision_date: date | None = None
    topics: list[TopicPublic] = Field(default_factory=list)
    insurer: str | None = None
    outcome: str
    source: str | None = None
    amount_claimed: float | None = Field(None, description="sum over the ruling's distinct claims")
    amount_awarded: float | None = Field(None, description="sum over its awarding decision items (no costs, no "
                                                           "entreegeld)")
    snippet: str = Field("", description="HTML: ruling body text, escaped, with <mark> around matches")
    url: str
    published_at: datetime | None = Field(None, description="when the ruling became public in this archive (UTC); "
                                                            "sort=published_desc orders by it")


class FacetValuePublic(BaseModel):
    value: str
    label: str
    count: int
    selected: bool
    url: str = Field(description="this search with the value toggled (added, or removed when selected)")


class FacetGroupPublic(BaseModel):
    name: str
    title: str
    values: list[FacetValuePublic]


class SearchResponse(BaseModel):
    total: int
    page: int
    per_page: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(description="counts per facet value (the facet registry's order)")
    facet_values: list[FacetGroupPublic] = Field(
        default_factory=list, description="the same facets with labels, selection and toggle URLs, as the pages show"
    )
    topic_labels: dict[str, str] = Field(default_factory=dict, description="label of every topic id in facets")
    next_cursor: str | None = Field(None, description="pass as cursor for the next page of this search; null on "
                                                      "the last reachable page")


class ReferencePublic(BaseModel):
    id: str
    text: str
    url: str | None = None


class SectionPublic(BaseModel):
    number: str | None = None
    title: str
    text: str


class DecisionItemPublic(BaseModel):
    label: str
    text: str
    outcome: str = Field(description="toegewezen, gedeeltelijk toegewezen, afgewezen, niet-ontvankelijk or overig")
    kind: str = Field("claim", description="claim, entreegeld or costs (costs orders follow the outcome)")
    amount: float | None = Field(None, description="what this item awards (the refund for an entreegeld item)")
    claims: list[str] = Field(default_factory=list, description="ids of the claims this item decides")
    topics: list[str] = Field(default_factory=list, description="topic ids the item's text (and claims) match")


class AmountPublic(BaseModel):
    value: float
    role: str = Field(description="claimed (one per claim), awarded (one per awarding item), entreegeld (the "
                                  "refund ordered) or costs (a costs order); damages/other in older records")
    text: str
    item: str | None = Field(None, description="the claim id or decision item label the amount belongs to")
    currency: str = Field("EUR", description="EUR, or NLG for guilders in older rulings")


class ClaimPublic(BaseModel):
    id: str = Field(description="the ruling's own label (i, ii, ...), an injured party, or a running number")
    text: str
    amount: float | None = None
    outcome: str | None = Field(None, description="from the decision items that decide it; null when none does")
    topics: list[str] = Field(default_factory=list)


class SourcePublic(BaseModel):
    """One source file of a ruling. Never its file name (it may name a party): a sha256 prefix identifies it."""

    sha256: str = Field(description="the first 12 hex digits of the file's sha256")
    format: str = Field(description="pdf, rechtspraak-xml or text")
    quality: str = Field(description="xml, born-digital or ocr: the text source is the best of these, in this order")
    pages: int = 0
    ocr: bool = Field(False, description="some of its pages were read by OCR")
    text_source: bool = Field(False, description="the ruling's text and structure come from this file")


class RulingPublic(BaseModel):
    id: int
    slug: str
    url: str
    source: str
    case_number: str | None = None
    ecli: str | None = None
    title: str
    court: str | None = None
    decision_date: date | None = None
    hearing_date: date | None = None
    published_at: datetime | None = Field(None, description="when the ruling became public in this archive (UTC)")
    decision_place: str | None = None
    insurer: str | None = None
    insurer_concern: str | None = None
    insurance_type: str
    outcome: str
    outcome_explanation: str
    entreegeld_refunded: bool | None = None
    amount_claimed: float | None = Field(default=None, description="sum over the distinct claims")
    amount_awarded: float | None = Field(default=None, description="sum over the awarding decision items (no "
                                                                   "costs, no entreegeld)")
    entreegeld_amount: float | None = Field(default=None, description="the entreegeld the decision orders refunded")
    summary: str = Field(default="", description="short extractive summary: the conclusion and the decision")
    committee: list[str] = Field(default_factory=list)
    zaak_keywords: list[str] = Field(default_factory=list)
    regulations: list[str] = Field(default_factory=list)
    topics: list[TopicPublic] = Field(default_factory=list)
    references: list[ReferencePublic] = Field(default_factory=list)
    sections: list[SectionPublic] = Field(default_factory=list)
    decision_items: list[DecisionItemPublic] = Field(default_factory=list)
    claims: list[ClaimPublic] = Field(default_factory=list, description="what the parties asked for")
    amounts: list[AmountPublic] = Field(default_factory=list)
    text: str = Field(description="The anonymised ruling body")
    annex: str = Field("", description="The anonymised annex (policy conditions, law texts)")
    pages: int = 0
    ocr_pages: list[int] = Field(default_factory=list)
    sources: list[SourcePublic] = Field(default_factory=list, description="the files this ruling was read from, "
                                                                          "its text source first")


class StatuteArticle(BaseModel):
    id: str = Field(description='reference id, e.g. "zvw:114:2"; use as the reference filter')
    label: str = Field(description='readable, e.g. "art. 114 lid 2 Zvw"')
    rulings: int = Field(description="published rulings that cite it")
    url: str = Field(description="the search for these rulings")


class StatuteLaw(BaseModel):
    id: str = Field(description="law prefix, e.g. zvw; as a reference filter it finds every article")
    label: str
    rulings: int = Field(description="published rulings citing any of its articles")
    url: str
    articles: list[StatuteArticle]


class HealthResponse(BaseModel):
    status: str
    database: str
    search: str
    version: str


class OutcomeRates(BaseModel):
    key: str
    label: str
    total: int = Field(description="units counted (rulings, or claims by topic: see unit), unknown outcomes included")
    outcomes: dict[str, int] = Field(description="count per outcome")
    unit: Literal["rulings", "claims"] = Field("rulings", description="what total counts")
    rulings: int = Field(0, description="rulings these units come from")
    known: int = Field(0, description="units with a known outcome: the denominator of granted_rate")
    unknown: int = Field(0, description="units with an unknown outcome (onbekend, overig), left out of the rate")
    granted: int = Field(0, description="toegewezen + gedeeltelijk toegewezen")
    granted_rate: float = Field(description="granted / known (0 when nothing is known)")
    ci_low: float = Field(0.0, description="95 % Wilson interval of granted_rate, lower bound")
    ci_high: float = Field(0.0, description="95 % Wilson interval of granted_rate, upper bound")
    small_sample: bool = Field(False, description="fewer than 5 known outcomes: do not read the rate as a figure")
    claimed_median: float | None = None
    claimed_total: float | None = None
    awarded_median: float | None = None
    awarded_total: float | None = None


class StatsResponse(BaseModel):
    total: int = Field(description="rulings counted")
    outcomes: dict[str, int]
    unknown: int = Field(0, description="rulings with an unknown outcome")
    filtered: bool = Field(False, description="the statistics of a search (q or filters), not of the whole archive")
    claims_counted: int = Field(0, description="claim items counted by topic (rulings without items count once)")
    by_topic: list[OutcomeRates]
    by_insurer: list[OutcomeRates]
    by_year: list[OutcomeRates]


class SimilarRuling(BaseModel):
    id: int
    slug: str
    title: str
    decision_date: date | None = None
    outcome: str
    insurer: str | None = None
    score: float
    reason: str = Field(description="Why it is similar: shared topics, references, insurer")
    url: str
