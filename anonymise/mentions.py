"""The plain data passed between recognisers, the policy and the redactor (no spaCy, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Mention:
    """A span of the *original* text that a recogniser found.

    ``role`` is a hint from the recogniser ("verzoeker", "zorgverlener", "committee", "insurer", "identifier"...);
    the policy turns hints into the final role and action. ``replacement`` is set only where the recogniser knows
    the replacement itself (a birth date reduced to its year).
    """

    start: int
    end: int
    label: str
    recogniser: str
    role: str | None = None
    action: str | None = None  # "kept" forces keeping (insurers, placeholders); None = decided by policy
    replacement: str | None = None

    def with_(self, **kw: object) -> Mention:
        return replace(self, **kw)  # type: ignore[arg-type]

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end
