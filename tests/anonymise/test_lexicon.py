"""Lexicon and data-file regression cases: every list entry that changes behaviour has a case here."""

from __future__ import annotations

from pathlib import Path

import pytest

import anonymise
from anonymise.lexicon import get_lexicon, held_out
from anonymise.mentions import Mention
from anonymise.policy import keep_model_person

DATA = Path(anonymise.__file__).parent / "data"


@pytest.mark.parametrize("word", ["Jansen", "Mohammed", "Yılmaz", "Kowalski", "Somchai", "Ramdin", "Fatima"])
def test_known_names(word: str) -> None:
    assert get_lexicon().is_name_word(word)


@pytest.mark.parametrize("word", ["Wil", "Spaans", "Thailand", "Zeist", "Verzoekster", "Mei", "Augustus", "De"])
def test_ordinary_words_are_no_name_evidence(word: str) -> None:
    assert not get_lexicon().is_name_word(word)


def _model_span(text: str, surface: str) -> str | None:
    s = text.index(surface)
    kept = keep_model_person(text, Mention(s, s + len(surface), "PERSON", "ner"), get_lexicon(), frozenset())
    return text[kept.start:kept.end] if kept else None


@pytest.mark.parametrize("text,surface", [
    ("Wil de verzekerde zorg?", "Wil"),
    ("Spaans sprekende artsen.", "Spaans"),
    ("De Gedragscode Persoonlijk Onderzoek geldt.", "Gedragscode Persoonlijk"),
    ("Thaise Bath is de munt.", "Thaise Bath"),
    ("BIJLAGEN", "BIJLAGEN"),
    ("Zaak 2020 Jansen", "Zaak 2020 Jansen"),
])
def test_model_false_positives_are_dropped(text: str, surface: str) -> None:
    assert _model_span(text, surface) is None


def test_model_span_trimmed_and_kept() -> None:
    text = "De klacht werd behandeld door Piotr Nowak van de afdeling Klachten."
    assert _model_span(text, "Piotr Nowak van de afdeling Klachten") == "Piotr Nowak"


def test_unknown_full_name_shape_is_kept() -> None:
    assert _model_span("Volgens Xuyen el Phanthavong klopt dat.", "Xuyen el Phanthavong") == "Xuyen el Phanthavong"


def test_unknown_words_used_lower_case_in_the_ruling_are_not_a_name() -> None:
    text = "Diagnose Behandeling Combinatie: de behandeling en diagnose."
    s = 0
    m = Mention(s, len("Diagnose Behandeling Combinatie"), "PERSON", "ner")
    assert keep_model_person(text, m, get_lexicon(), frozenset({"behandeling", "diagnose"})) is None


def test_held_out_split_is_deterministic_and_about_a_quarter() -> None:
    names = [f"Naam{i}" for i in range(4000)]
    share = sum(held_out(n) for n in names) / len(names)
    assert 0.2 < share < 0.3
    assert held_out("Jansen") == held_out("jansen")


def test_deduce_lists_are_not_copied_into_the_repository() -> None:
    # deduce (LGPL-3.0) is read from the installed package; our own lists stay small and hand-written.
    for path in DATA.glob("*.txt"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 1000, path.name


def test_lexicon_size() -> None:
    lex = get_lexicon()
    assert len(lex.first_names) > 10_000 and len(lex.surnames) > 10_000


def test_bundled_model_carries_no_name_list() -> None:
    # spaCy's string store would hold every training token (names from deduce): the training script empties it.
    strings = (Path(anonymise.__file__).parent / "model" / "vocab" / "strings.json").read_text()
    assert len(strings) < 1000


def test_name_lists_answer_for_names_written_with_accents() -> None:
    """The lists write most names in plain letters; a ruling writes them as their bearers do."""
    from anonymise.lexicon import get_lexicon

    lex = get_lexicon()
    assert "nguyen" in lex.surnames and "nguyễn" in lex.surnames
    assert "stefan" in lex.first_names and "ştefan" in lex.first_names
    assert "ionuț" in lex.first_names  # Romanian t-comma
    assert "zzyzxq" not in lex.surnames and "zzyzxą" not in lex.surnames
