"""Anonymiser version: bump ``RULES_VERSION`` on purpose; the hash part changes by itself with any edit.

The version names everything that decides the output of ``anonymise(text, settings)``: the rules, data and bundled
model (the hash) and the settings that change what is replaced (``ner_model``, ``redact_officials``). Stored
rulings recording another version are re-anonymised, so a settings switch re-processes them too.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from anonymise.lexicon import get_lexicon, municipalities
from archive.settings import Settings

RULES_VERSION = "0.6.12"
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
    digest.update("\n".join(sorted(municipalities())).encode())
    return digest.hexdigest()


def anonymiser_version(settings: Settings) -> str:
    """E.g. ``anon/0.1.0+1a2b3c4d``, plus ``+model:<name>`` and ``+officials`` when those settings differ from the
    defaults (so a default install keeps its recorded version): rows recording another version are re-anonymised."""
    version = f"anon/{RULES_VERSION}+{content_hash()[:8]}"
    if settings.ner_model != "bundled":
        version += f"+model:{settings.ner_model}"
    if settings.redact_officials:
        version += "+officials"
    return version
