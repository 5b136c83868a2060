"""Anonymiser version: bump ``RULES_VERSION`` on purpose; the hash part changes by itself with any edit."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from anonymise.lexicon import get_lexicon

RULES_VERSION = "0.1.0"
_PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def content_hash() -> str:
    """sha256 over the rule sources, data files, bundled model files and the lexicon (incl. deduce's lists)."""
    digest = hashlib.sha256()
    files = sorted(p for p in _PACKAGE.glob("*.py"))
    files += sorted(p for p in (_PACKAGE / "data").rglob("*") if p.is_file())
    files += sorted(p for p in (_PACKAGE / "model").rglob("*") if p.is_file())
    for p in files:
        digest.update(str(p.relative_to(_PACKAGE)).encode())
        digest.update(p.read_bytes())
    digest.update(get_lexicon().fingerprint.encode())
    return digest.hexdigest()


def anonymiser_version() -> str:
    """E.g. ``anon/0.1.0+1a2b3c4d``: rows recording an older version are re-anonymised after a change."""
    return f"anon/{RULES_VERSION}+{content_hash()[:8]}"
