"""The pure parts of review (archive/review.py): doubt flags, placeholders, corrections and their audit offsets."""

from __future__ import annotations

from archive import review
from archive.models import AnonymisationAudit, Document, Ruling
from archive.review import AuditSpan, Correction


def _span(start: int, end: int, action: str = "replaced", recogniser: str = "rule:honorific",
          replacement: str | None = "[verzoeker]", role: str = "verzoeker") -> AuditSpan:
    return AuditSpan(start, end, "PERSON", role, action, replacement, recogniser)


def test_doubt_flags_name_like_tokens_model_only_spans_and_skip_kept_officials() -> None:
    text = "De heer Bakker en mevrouw [verzoeker] spraken met mr. A.B. de Vries en J. Smit. [persoon 1] kwam ook."
    kept_start = text.index("mr. A.B. de Vries")
    model = text.index("[persoon 1]")
    audit = [_span(kept_start, kept_start + len("mr. A.B. de Vries"), "kept", "rule:committee", None, "committee"),
             _span(model, model + len("[persoon 1]"), recogniser="ner", replacement="[persoon 1]")]
    doubts = review.doubt_flags(text, audit)
    found = {(text[d.start:d.end], d.code) for d in doubts}
    assert ("Bakker", "name_left") in found and ("Smit", "name_left") in found
    assert ("[persoon 1]", "model_only") in found
    assert not any(t == "Vries" for t, _ in found)  # the kept committee member is deliberate
    assert review.reasons_of(doubts) == [{"code": "model_only", "count": 1}, {"code": "name_left", "count": 2}]


def test_placeholders_follow_the_anonymisers_scheme() -> None:
    assert review.role_placeholder("zorgverlener", "[persoon 2]") == "[zorgverlener 2]"
    assert review.role_placeholder("verzoeker", "[persoon 1]") == "[verzoeker]"
    assert review.free_placeholder(["[persoon 1] en [persoon 3]"], "persoon") == "[persoon 4]"
    assert review.free_placeholder(["niets"], "verzoekster") == "[verzoekster]"


def _ruling(text: str) -> Ruling:
    ruling = Ruling(slug="x", source="skgz", title="Zaak Bakker", text=text, annex="Bijlage: Bakker",
                    sections=[{"number": "1", "title": "Feiten", "text": text}],
                    metadata_json={"summary": "Bakker klaagt", "parties": "de heer Bakker"}, topics=[],
                    references=[], decision_items=[], amounts=[])
    ruling.documents = [Document(sha256="0" * 64, filename="f", status="published", fields={"parties": "Bakker"})]
    return ruling


def test_a_redaction_reaches_every_public_field_and_carries_the_audit_offsets() -> None:
    text = "De heer Bakker woont hier. [verzoeker] en BAKKER en Bakkerij."
    ruling = _ruling(text)
    v = text.index("[verzoeker]")
    ruling.audit = [AnonymisationAudit(start=v, end=v + 11, label="PERSON", role="verzoeker", action="replaced",
                                       replacement="[verzoeker]", recogniser="rule:honorific")]
    fix = Correction("redact", surface="Bakker", placeholder="[persoon 1]", role="persoon")
    changed = review.apply_corrections(ruling, [fix])
    assert changed >= 3
    assert ruling.text == "De heer [persoon 1] woont hier. [verzoeker] en [persoon 1] en Bakkerij."
    assert ruling.title == "Zaak [persoon 1]" and ruling.annex == "Bijlage: [persoon 1]"
    assert ruling.sections[0]["text"] == ruling.text
    assert ruling.metadata_json == {"summary": "[persoon 1] klaagt", "parties": "de heer [persoon 1]"}
    assert ruling.documents[0].fields == {"parties": "[persoon 1]"}
    spans = {(ruling.text[a.start:a.end], a.recogniser) for a in ruling.audit}
    assert spans == {("[verzoeker]", "rule:honorific"), ("[persoon 1]", "review:redact")}
    assert len(ruling.audit) == 3
    # idempotent: applying it again changes nothing
    before = (ruling.text, [(a.start, a.end) for a in ruling.audit])
    assert review.apply_corrections(ruling, [fix]) == 0
    assert (ruling.text, [(a.start, a.end) for a in ruling.audit]) == before


def test_keep_and_role_corrections_rewrite_placeholders() -> None:
    text = "Zorgverzekeraar [persoon 1] betaalde. [persoon 2] klaagde bij [persoon 1]."
    ruling = _ruling(text)
    ruling.audit = [AnonymisationAudit(start=m, end=m + 11, label="PERSON", role="persoon", action="replaced",
                                       replacement=text[m:m + 11], recogniser="ner")
                    for m in (text.index("[persoon 1]"), text.index("[persoon 2]"), text.rindex("[persoon 1]"))]
    keep = Correction("keep", surface="Zilveren Kruis", placeholder="[persoon 1]")
    role = Correction("role", placeholder="[persoon 2]", role="verzoeker",
                      new_placeholder=review.role_placeholder("verzoeker", "[persoon 2]"))
    review.apply_corrections(ruling, [keep, role])
    assert ruling.text == "Zorgverzekeraar Zilveren Kruis betaalde. [verzoeker 2] klaagde bij Zilveren Kruis."
    by_text = {ruling.text[a.start:a.end]: (a.action, a.replacement) for a in ruling.audit}
    assert by_text == {"Zilveren Kruis": ("kept", None), "[verzoeker 2]": ("replaced", "[verzoeker 2]")}
    # the pipeline leaves "keep" to the anonymiser
    again = _ruling(text)
    again.audit = []
    review.apply_corrections(again, [keep], include_keep=False)
    assert again.text == text
