"""Legal references in a ruling: :func:`archive.citations.find_references` (in the kernel since the ruling page
marks citations too; this module keeps the ingest-side names)."""

from __future__ import annotations

from archive.citations import ORDINALS, aliases, find_references, policy_year

__all__ = ["ORDINALS", "aliases", "find_references", "policy_year"]
