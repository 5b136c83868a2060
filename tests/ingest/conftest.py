"""Fixtures for the ingest tests: settings, the repo's sample files, the shared corpus (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED = Path("/work/shared/corpus")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED.exists():
        pytest.skip("shared corpus not available on this machine")
    return SHARED


def golden_words(path: Path) -> list[str]:
    """Words of a ground-truth source text, with the markdown-ish markup the PDF generator did not print."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        s = line.strip()
        if s == "---":
            continue
        if s.startswith("#"):
            s = s.lstrip("#").strip()
        elif s.startswith("- "):
            s = s[2:]
        out.append(s)
    return " ".join(out).split()


def word_accuracy(reference: list[str], hypothesis: list[str]) -> float:
    """1 - (substituted + deleted + inserted words) / reference words, from a difflib alignment."""
    import difflib

    sm = difflib.SequenceMatcher(None, reference, hypothesis, autojunk=False)
    errors = sum(max(a2 - a1, b2 - b1) for op, a1, a2, b1, b2 in sm.get_opcodes() if op != "equal")
    return 1 - errors / max(len(reference), 1)
