"""Integration tests use the shared fixtures of tests/fixtures/archive.py (re-exported for imports)."""

from tests.fixtures.archive import PRIVATE_NAMES, PRIVATE_RULING, ROOT, SAMPLES, Archive

__all__ = ["PRIVATE_NAMES", "PRIVATE_RULING", "ROOT", "SAMPLES", "Archive"]
