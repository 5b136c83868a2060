"""The linking rule's diacritic folding keeps offsets: one letter in, one letter out."""

from __future__ import annotations

import random

from anonymise.policy import _fold_diacritics, _fold_same_length


def _per_character(text: str) -> str:  # the definition, one character at a time
    return "".join(f if len(f := _fold_diacritics(ch)) == 1 else ch for ch in text)


def test_fold_same_length_matches_its_definition() -> None:
    rng = random.Random(12)
    alphabet = "abcXYZ -\n.1" + "ŞşÇçğıİłŁøØđĐßæœéèëïöüÀÅÆñãõŽžŠšźżćńőűąęěůřčﬁ²½€“”’"
    for _ in range(2_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        folded = _fold_same_length(text)
        assert folded == _per_character(text) and len(folded) == len(text)
    assert _fold_same_length("Woźniak en Çelik, Straße") == "Wozniak en Celik, Straße"
    assert _fold_same_length("plain ascii") == "plain ascii"
