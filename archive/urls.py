"""Public paths of archive objects, shared by the search results and the app (one place decides them)."""

from __future__ import annotations

from urllib.parse import quote


def ruling_url(slug: str) -> str:
    """The path of a ruling's page: ``/uitspraak/<slug>`` (ECLI colons kept readable)."""
    return f"/uitspraak/{quote(slug, safe=':')}"
