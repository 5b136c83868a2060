"""Pre-publication leak check: no replaced surface form may survive anywhere in the anonymised text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.errors import AnonymisationError

_INITIALS = re.compile(r"(?:[^\W\d_]\.\s?){1,6}")
_NAME_AFTER = re.compile(r"\s?(?:(?:van|de|der|den|ten|ter|te|'t|het|in|op|el|al|da|di|du|le|la)\s+){0,3}"
                         r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]")


_ONE_INITIAL = re.compile(r"[^\W\d_]\.")


def one_initial(surface: str) -> bool:
    """``surface`` is a single initial ("K."): every other "K." in a ruling is another person's initial."""
    return bool(_ONE_INITIAL.fullmatch(surface.strip()))


def initials_of_another_name(surface: str, text: str, end: int) -> bool:
    """``surface`` is initials only ("A.B.") and its hit ending at ``end`` opens a longer name ("mr. A.B. Jansen"):
    another person's initials, not this surface again."""
    return bool(_INITIALS.fullmatch(surface.strip())) and bool(_NAME_AFTER.match(text, end))


def check_no_leaks(text: str, replaced_surfaces: Iterable[str]) -> None:
    """Raise :class:`AnonymisationError` when a replaced surface form still occurs in the anonymised ``text``.

    Whole-word and case-insensitive ("JANSEN" in a heading is a leak of "Jansen"), with one exception: a hit
    written entirely in lower case is ignored for a one-word surface, because many surnames are ordinary Dutch
    words ("Bakker", "Bos", "Groot") and "in het bos" is not a leak; and a surface that is one initial ("K.") is
    not checked, as every other "K." is another person's initial. The message never contains the name.
    :func:`anonymise.anonymise` runs this on every result; nothing else needs to.
    """
    hits = 0
    for surface in replaced_surfaces:
        words = surface.split()
        if not words or one_initial(surface):
            continue  # one initial ("mevrouw K."): any other "K." is another person's initial, not this name
        pattern = re.compile(r"(?<![\w\-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w\-])", re.I)
        for m in pattern.finditer(text):
            if len(words) == 1 and m.group(0).islower() and not surface.islower():
                continue
            if initials_of_another_name(surface, text, m.end()):
                continue  # the same initials opening another person's name ("mr. A.B. Jansen")
            hits += 1
            break
    if hits:
        raise AnonymisationError(f"leak check failed: {hits} replaced surface form(s) still present",
                                 detail={"leaks": hits})
