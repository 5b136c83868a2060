"""Hand-written probe sentences (tests/anonymise/probes.txt): realistic phrasing no generator produced.

``{...}`` marks text that must disappear, ``[[...]]`` officials that must stay. Unmarked text must stay as is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PROBES = [line for line in (Path(__file__).parent / "probes.txt").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith("#")]
TEXT = "\n".join(PROBES)
PLAIN = re.sub(r"\[\[|\]\]|[{}]", "", TEXT)
MUST_GO = [m.group(1) for m in re.finditer(r"\{([^}]*)\}", TEXT)]
MUST_STAY = [m.group(1) for m in re.finditer(r"\[\[([^\]]*)\]\]", TEXT)]


@pytest.fixture(scope="module")
def result(run):
    return run(PLAIN)


@pytest.mark.parametrize("surface", MUST_GO)
def test_replaced(result, surface: str) -> None:
    # Title or honorific-like words may stay ("tandarts"); every name word must go.
    for word in re.findall(r"[A-ZÀ-ÞŁŚŻ][\w'-]{2,}|\d[\d \-]{4,}\d|\S+@\S+", surface):
        if word in {"Van", "Den", "Der", "Ten", "Ter"}:
            continue
        assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", result.text), "a marked span survived"


@pytest.mark.parametrize("surface", MUST_STAY)
def test_officials_kept(result, surface: str) -> None:
    assert surface in result.text


def test_unmarked_text_kept(result) -> None:
    # Remove the marked spans from both sides and compare what is left, word by word.
    kept_words = set(re.findall(r"[A-Z][\w'-]+", re.sub(r"\{[^}]*\}", " ", TEXT)))
    for w in sorted(kept_words):
        assert w in result.text, "an unmarked capitalised word was replaced"
