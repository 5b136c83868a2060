"""The two real (already anonymised) seed rulings: nothing may be replaced in them.

Their only real person names are committee members (kept); insurers, countries and legal terms are kept too.
"""

from __future__ import annotations

import pytest

from tests.anonymise.conftest import SEED_FILES, replaced, seed_text


@pytest.mark.parametrize("name", SEED_FILES)
def test_no_redactions_in_seed(run, name: str) -> None:
    text = seed_text(name)
    r = run(text)
    assert replaced(r) == []
    assert r.text == text


def test_seed_002_keeps_committee_insurers_countries(run) -> None:
    r = run(seed_text("002_dac94da78749f32a.txt"))
    kept = {(e.label, e.role, r.text[e.start:e.end]) for e in r.entities if e.action == "kept"}
    for name in ["mr. G.R.J. de Groot", "mr. L. Ritzema", "mr. M.T.C.J. Nauta-Sluijs", "G.R.J. de Groot"]:
        assert ("PERSON", "committee", name) in kept
    assert ("ORG", "insurer", "Zilveren Kruis Zorgverzekeringen N.V.") in kept
    assert ("ORG", "insurer", "Achmea Zorgverzekeringen N.V.") in kept
    assert ("LOC", "country", "Thailand") in kept
    assert ("PLACEHOLDER", "placeholder", "A te B") in kept


def test_seed_003_signer_kept_and_iran(run) -> None:
    r = run(seed_text("003_24e29a0c89e4c9b2.txt"))
    kept = {(e.label, e.role, r.text[e.start:e.end]) for e in r.entities if e.action == "kept"}
    assert ("PERSON", "committee", "L. Ritzema") in kept
    assert ("LOC", "country", "Iran") in kept
    assert not any(label == "PERSON" and text.isupper() for label, _, text in kept)  # "BIJLAGEN"


def test_seed_with_officials_redacted(run) -> None:
    r = run(seed_text("002_dac94da78749f32a.txt"), redact_officials=True)
    for name in ["Ritzema", "Nauta-Sluijs", "G.R.J. de Groot"]:
        assert name not in r.text
    assert {label for label, _ in replaced(r)} == {"PERSON"}  # and anonymise() found no leak, or it had raised
