"""The one pure function that writes placeholders into the text."""

from __future__ import annotations

from anonymise.mentions import Mention
from archive.domain import AnonymisedText, Entity


def redact(text: str, mentions: list[Mention], version: str) -> tuple[AnonymisedText, frozenset[str]]:
    """Apply decided, non-overlapping mentions to ``text``: the result, and the surface forms it replaced.

    Entity offsets point into the returned (anonymised) text. The replaced surface forms are returned beside the
    result, never on it, so that they serve the leak check inside :func:`anonymise.anonymise` and go no further.
    """
    parts: list[str] = []
    entities: list[Entity] = []
    surfaces: set[str] = set()
    pos = 0
    out_len = 0
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos:
            raise ValueError("overlapping mentions reached redact()")
        parts.append(text[pos:m.start])
        out_len += m.start - pos
        original = text[m.start:m.end]
        if m.action == "replaced" and m.replacement is not None:
            new = m.replacement
            surfaces.add(" ".join(original.split()))
        else:
            new = original
        parts.append(new)
        entities.append(Entity(start=out_len, end=out_len + len(new), label=m.label, role=m.role or "",
                               action="replaced" if m.action == "replaced" else "kept",
                               replacement=new if m.action == "replaced" else None, recogniser=m.recogniser))
        out_len += len(new)
        pos = m.end
    parts.append(text[pos:])
    return AnonymisedText(text="".join(parts), entities=entities, version=version), frozenset(surfaces)
