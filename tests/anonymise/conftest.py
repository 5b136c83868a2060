"""Shared fixtures: settings and the two seed rulings (read from shared/, beside the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymise import anonymise
from archive.domain import AnonymisedText
from archive.settings import Settings
from tests.paths import SHARED

REPO = Path(__file__).resolve().parents[2]
SEEDS = SHARED / "seeds"
SEED_FILES = ["002_dac94da78749f32a.txt", "003_24e29a0c89e4c9b2.txt"]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def run(settings: Settings):
    """anonymise() with default settings; returns (result, replaced entity texts)."""

    def _run(text: str, **overrides: object) -> AnonymisedText:
        s = settings.model_copy(update=overrides) if overrides else settings
        return anonymise(text, s)

    return _run


def replaced(result: AnonymisedText) -> list[tuple[str, str]]:
    return [(e.label, e.replacement or "") for e in result.entities if e.action == "replaced"]


def seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed ruling not available at {path}")
    return path.read_text(encoding="utf-8")
