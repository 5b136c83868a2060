"""Review before publication (issue 17, docs/review.md): the pure parts, shared by the pipeline and the web process.

* :func:`doubt_flags` reads a ruling's anonymised text and its anonymisation audit and says where the anonymisation
  is uncertain: person spans only the statistical model found, name-like tokens left in the text, spans of the
  recognisers the anonymiser itself treats as guesses.
* :func:`apply_corrections` writes a reviewer's corrections (add a redaction, restore a wrongly redacted surface,
  change a placeholder's role) into every public field of a ruling. It needs no model: the web process applies a
  correction at once, and :func:`after_store` applies every stored correction again whenever the pipeline stores
  the ruling anew (``rulings ingest --force``, a new anonymiser version, another source file).
* :func:`after_store` decides the ruling's status under the publication policy and refreshes its queue entry.

Nothing here imports ingest or anonymise; no text or name is ever logged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.models import AnonymisationAudit, ReviewCorrection, ReviewItem, ReviewReport, Ruling

PUBLISHED = "published"
HELD = "held"  # waiting for a reviewer (RULINGS_PUBLICATION=review)
WITHDRAWN = "withdrawn"  # unpublished by a reviewer: 410 Gone until republished

# Roles a reviewer may give a person; the placeholder follows the anonymiser's scheme ("[verzoeker]",
# "[persoon 2]", "[zorgverlener 1]").
ROLES = ("verzoeker", "verzoekster", "persoon", "zorgverlener", "gemachtigde", "getuige")
KINDS = ("redact", "keep", "role")

PLACEHOLDER = re.compile(r"\[[A-Za-zÀ-ÿ][\w\- ]{0,38}\]")
# Recognisers whose spans the anonymiser itself treats as guesses: the model alone, a model span trimmed to a
# name shape, a capitals heuristic, a surface spread by the leak guard.
MODEL_ONLY = frozenset({"ner", "ner+shape"})
DOUBTFUL = frozenset({"ner+shape", "rule:caps", "rule:leak-guard"})
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_NAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_PARTICLE = r"(?:(?:van|de|der|den|ter|ten|te|in 't|op|van de|van der|van den)\s+)?"
# A name-like token left in the text: after an honorific, or initials before a capitalised word.
NAME_LIKE = re.compile(
    rf"\b(?:[Dd]e heer|[Mm]evrouw|[Mm]evr\.|[Dd]hr\.|[Mm]w\.|[Hh]eer)\s+(?:(?:[{_UP}]\.)+\s*)?{_PARTICLE}({_NAME})"
    rf"|\b(?:[{_UP}]\.){{1,4}}\s?{_PARTICLE}({_NAME})")

REASON_LABELS = {
    "held": "wacht op goedkeuring",
    "model_only": "persoon alleen door het model gevonden",
    "name_left": "naamachtig woord niet vervangen",
    "doubtful": "twijfelachtige vervanging",
    "report": "melding van een lezer",
    "changed": "gewijzigd sinds de laatste goedkeuring",
}


@dataclass(frozen=True)
class Doubt:
    start: int
    end: int
    code: str  # model_only | name_left | doubtful


@dataclass(frozen=True)
class AuditSpan:
    start: int
    end: int
    label: str
    role: str
    action: str
    replacement: str | None
    recogniser: str


def audit_spans(ruling: Ruling) -> list[AuditSpan]:
    return [AuditSpan(a.start, a.end, a.label, a.role, a.action, a.replacement, a.recogniser) for a in ruling.audit]


def doubt_flags(text: str, audit: Sequence[AuditSpan]) -> list[Doubt]:
    """Where the anonymisation of ``text`` (offsets of ``audit`` into it) is uncertain, in text order."""
    out: list[Doubt] = []
    kept = [(a.start, a.end) for a in audit if a.action == "kept" and 0 <= a.start < a.end <= len(text)]
    for a in audit:
        if not 0 <= a.start < a.end <= len(text) or a.label != "PERSON":
            continue
        if a.recogniser in MODEL_ONLY:
            out.append(Doubt(a.start, a.end, "model_only"))
        elif a.recogniser in DOUBTFUL or a.recogniser.endswith("?"):
            out.append(Doubt(a.start, a.end, "doubtful"))
    for m in NAME_LIKE.finditer(text):
        group = 1 if m.group(1) else 2
        start, end = m.span(group)
        if any(s <= start and end <= e for s, e in kept):
            continue  # a kept official, lawyer or author: deliberate
        out.append(Doubt(start, end, "name_left"))
    return sorted(set(out), key=lambda d: (d.start, d.end, d.code))


def reasons_of(doubts: Iterable[Doubt]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for d in doubts:
        counts[d.code] = counts.get(d.code, 0) + 1
    return [{"code": code, "count": n} for code, n in sorted(counts.items())]


# --- corrections ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Correction:
    kind: str  # redact: surface -> placeholder; keep: placeholder -> surface; role: placeholder -> new placeholder
    surface: str | None = None
    placeholder: str | None = None
    role: str | None = None
    new_placeholder: str | None = None

    @classmethod
    def of(cls, row: ReviewCorrection) -> Correction:
        new = role_placeholder(row.role, row.placeholder) if row.kind == "role" and row.role else None
        return cls(row.kind, row.surface, row.placeholder, row.role, new)


def role_placeholder(role: str, old: str | None = None) -> str:
    """The placeholder for ``role``, keeping the number of ``old`` ("[persoon 2]" -> "[zorgverlener 2]")."""
    number = re.search(r"(\d+)\]$", old or "")
    if role in ("verzoeker", "verzoekster"):
        return f"[{role}]" if not number or number.group(1) == "1" else f"[{role} {number.group(1)}]"
    return f"[{role} {number.group(1) if number else 1}]"


def surface_pattern(surface: str) -> re.Pattern[str]:
    """Every mention of ``surface``: whole words, any whitespace between them, any case."""
    words = surface.split()
    if not words:
        raise ValueError("empty surface")
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def free_placeholder(texts: Iterable[str], role: str) -> str:
    """A placeholder for ``role`` that occurs in none of ``texts``: the next number after those in use."""
    used = {int(n) for t in texts for n in re.findall(rf"\[{re.escape(role)} (\d+)\]", t)}
    if role in ("verzoeker", "verzoekster") and not any(f"[{role}]" in t for t in texts):
        return f"[{role}]"
    return f"[{role} {max(used, default=0) + 1}]"


def _pattern(c: Correction) -> tuple[re.Pattern[str], str] | None:
    if c.kind == "redact" and c.surface and c.placeholder:
        return surface_pattern(c.surface), c.placeholder
    if c.kind == "keep" and c.placeholder and c.surface:
        return re.compile(re.escape(c.placeholder)), c.surface
    if c.kind == "role" and c.placeholder and c.new_placeholder:
        return re.compile(re.escape(c.placeholder)), c.new_placeholder
    return None


def _walk(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_walk(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, fn) for k, v in value.items()}
    return value


# Every column of a ruling that holds text read off its anonymised text (identifiers and vocabularies never hold a
# name; a surface is matched as whole words, so they would not match anyway).
TEXT_COLUMNS = ("title", "text", "annex", "outcome_explanation", "court", "decision_place")
JSON_COLUMNS = ("metadata_json", "topics", "references", "sections", "decision_items", "amounts")


def apply_corrections(ruling: Ruling, corrections: Sequence[Correction], *, include_keep: bool = True) -> int:
    """Apply ``corrections`` (in order) to every public field of ``ruling`` and to its anonymisation audit; the
    number of mentions changed. Idempotent: an applied correction finds nothing more to change.

    ``include_keep=False`` leaves out "keep" corrections: the pipeline hands those to the anonymiser (the exact way,
    from the original text), since after a new anonymisation a placeholder may stand for another person.
    """
    changed = 0
    for c in corrections:
        if c.kind == "keep" and not include_keep:
            continue
        found = _pattern(c)
        if found is None:
            continue
        pattern, repl = found
        if c.kind == "redact":
            texts = [ruling.text, ruling.annex]
            if any(repl in t for t in texts) and any(pattern.search(t) for t in texts):
                # the stored placeholder now names someone else (a new anonymisation): take a free one
                repl = free_placeholder(texts, c.role or "persoon")
        changed += _apply_to_text(ruling, c, pattern, repl)

        def sub(value: str, pattern: re.Pattern[str] = pattern, repl: str = repl) -> str:
            return pattern.sub(lambda _m: repl, value) if value else value

        for name in TEXT_COLUMNS:
            if name == "text":
                continue
            value = getattr(ruling, name)
            if isinstance(value, str) and value:
                new = sub(value)
                if new != value:
                    changed += 1 if name != "annex" else len(pattern.findall(value))
                    setattr(ruling, name, new)
        for name in JSON_COLUMNS:
            value = getattr(ruling, name)
            new = _walk(value, sub)
            if new != value:
                setattr(ruling, name, new)
        for doc in ruling.documents:
            if doc.fields:
                new = _walk(doc.fields, sub)
                if new != doc.fields:
                    doc.fields = new
    return changed


def _apply_to_text(ruling: Ruling, c: Correction, pattern: re.Pattern[str], repl: str) -> int:
    """The body, with the audit's offsets carried along: a replaced span's entry is rewritten, the rest shifted."""
    text = ruling.text or ""
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return 0
    parts: list[str] = []
    pos = 0
    new_spans: list[tuple[int, int]] = []
    out = 0
    for s, e in spans:
        parts.append(text[pos:s])
        out += s - pos
        parts.append(repl)
        new_spans.append((out, out + len(repl)))
        out += len(repl)
        pos = e
    parts.append(text[pos:])
    ruling.text = "".join(parts)

    ends = [e for _, e in spans]  # spans are sorted and disjoint: offsets shift by the deltas before them
    deltas = list(accumulate((len(repl) - (e - s) for s, e in spans), initial=0))

    def shift(offset: int) -> int:
        return offset + deltas[bisect_right(ends, offset)]

    def overlaps(start: int, end: int) -> bool:
        i = bisect_right(ends, start)
        return i < len(spans) and spans[i][0] < end

    by_old = dict(zip(spans, new_spans, strict=True))
    keep_rows: list[AnonymisationAudit] = []
    for a in list(ruling.audit):
        if a.start >= len(text):
            keep_rows.append(a)  # an offset into the annex: not this text
            continue
        hit = by_old.get((a.start, a.end))
        if hit is not None:
            a.start, a.end = hit
            if c.kind == "keep":
                a.action, a.replacement, a.recogniser = "kept", None, "review:keep"
            elif c.kind == "role":
                a.replacement, a.role = repl, c.role or a.role
            else:
                a.replacement, a.action, a.recogniser = repl, "replaced", "review:redact"
            keep_rows.append(a)
        elif overlaps(a.start, a.end):
            continue  # partly inside a replaced span: the span's own entry stands for it
        else:
            a.start, a.end = shift(a.start), shift(a.end)
            keep_rows.append(a)
    covered = {(a.start, a.end) for a in keep_rows}
    if c.kind == "redact":
        keep_rows += [AnonymisationAudit(start=s, end=e, label="PERSON", role=c.role or "persoon", action="replaced",
                                         replacement=repl, recogniser="review:redact")
                      for s, e in new_spans if (s, e) not in covered]
    ruling.audit = sorted(keep_rows, key=lambda a: (a.start, a.end))
    return len(spans)


def corrections_of(session: Session, ruling_id: int) -> list[Correction]:
    rows = session.scalars(select(ReviewCorrection).where(ReviewCorrection.ruling_id == ruling_id)
                           .order_by(ReviewCorrection.id))
    return [Correction.of(r) for r in rows]


def keep_surfaces(session: Session, ruling_id: int | None) -> frozenset[str]:
    """The surfaces reviewers restored in a ruling: the anonymiser keeps them when the ruling is processed again."""
    if ruling_id is None:
        return frozenset()
    rows = session.scalars(select(ReviewCorrection.surface).where(ReviewCorrection.ruling_id == ruling_id,
                                                                  ReviewCorrection.kind == "keep"))
    return frozenset(" ".join(s.split()) for s in rows if s and s.strip())


# --- the queue ---------------------------------------------------------------------------------------------------

def item_of(session: Session, ruling_id: int) -> ReviewItem | None:
    return session.get(ReviewItem, ruling_id)


def refresh_item(session: Session, ruling: Ruling, *, held: bool) -> ReviewItem | None:
    """The ruling's queue entry after its content changed: pending with its reasons when it is held or doubtful
    and this content was not approved yet; otherwise left approved (or absent)."""
    doubts = doubt_flags(ruling.text or "", audit_spans(ruling))
    reasons = reasons_of(doubts)
    item = item_of(session, ruling.id)
    approved = item is not None and item.approved_hash == ruling.content_hash
    if held:
        reasons = [{"code": "held", "count": 1}, *reasons]
    if item is None:
        if not reasons:
            return None
        item = ReviewItem(ruling_id=ruling.id, state="pending", reasons=reasons)
        session.add(item)
        return item
    item.reasons = reasons
    if not approved and (reasons or item.approved_hash):
        if item.approved_hash and not any(r["code"] == "changed" for r in reasons):
            item.reasons = [*reasons, {"code": "changed", "count": 1}]
        item.state = "pending"
    return item


def after_store(session: Session, ruling: Ruling, *, previous_status: str | None, previous_hash: str | None,
                publication: str, content_hash: Callable[[Ruling], str]) -> None:
    """What the store does after writing a ruling: re-apply the reviewers' corrections, decide the status under
    the publication policy, refresh the queue entry. A withdrawn ruling stays withdrawn; under ``review`` a new or
    changed ruling is held until its content is approved."""
    session.flush()
    session.expire(ruling, ["audit"])  # the store rewrote the audit rows behind the relationship's back
    if ruling.id is not None:
        corrections = corrections_of(session, ruling.id)
        if corrections:
            apply_corrections(ruling, corrections, include_keep=False)
    ruling.status = PUBLISHED
    new_hash = content_hash(ruling)
    item = item_of(session, ruling.id) if ruling.id is not None else None
    if previous_status == WITHDRAWN:
        ruling.status = WITHDRAWN
    elif publication == "review":
        unchanged = previous_status == PUBLISHED and previous_hash == new_hash
        approved = item is not None and item.approved_hash == new_hash
        if not (unchanged or approved):
            ruling.status = HELD
    ruling.content_hash = content_hash(ruling)
    session.flush()
    # the approval is of the published content: compare hashes with the status it would have when published
    saved = ruling.status
    ruling.status = PUBLISHED
    ruling.content_hash = content_hash(ruling)
    refresh_item(session, ruling, held=saved == HELD)
    ruling.status = saved
    ruling.content_hash = content_hash(ruling)


def open_reports(session: Session, ruling_id: int | None = None) -> list[ReviewReport]:
    stmt = select(ReviewReport).where(ReviewReport.status == "open").order_by(ReviewReport.id)
    if ruling_id is not None:
        stmt = stmt.where(ReviewReport.ruling_id == ruling_id)
    return list(session.scalars(stmt))
