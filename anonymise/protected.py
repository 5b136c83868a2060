"""Spans that are never replaced: existing placeholders, insurers, public bodies, laws and countries.

Why: an over-eager anonymiser that blanks "Zilveren Kruis" or "Thailand" makes rulings useless for search, and
re-anonymising "A te B" would be a false positive. The allow-lists are data files reviewed like code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anonymise import scan
from anonymise.lexicon import data_list, get_lexicon
from anonymise.mentions import Mention
from anonymise.persons import HONORIFIC, PERSON_CUE_WORDS

_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n:]{1,40}\]"  # [betrokkene], [verzoeker], [persoon 1]; not "[het hof begrijpt: X]" (an editor's note)
    r"|(?<![\w.])[A-Z](?:,\s[A-Z])*\s(?:en\s[A-Z]\s)?(?:beiden?\s)?te\s[A-Z](?![\w.])"  # A te B, C en D beide te E
    r"|(?<=\s)[A-Z](?=\s(?:heeft|is|stelt|verzoekt|verklaart|en\s[A-Z]\b))"  # "A heeft ..."
)


@lru_cache(maxsize=1)
def _allow_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    kinds: dict[str, tuple[str, str]] = {}
    for name in data_list("insurers.txt"):
        kinds[name] = ("ORG", "insurer")
    for name in data_list("public_bodies.txt"):
        kinds.setdefault(name, ("ORG", "public_body"))
    for name in data_list("countries.txt"):
        kinds.setdefault(name, ("LOC", "country"))
    for name in get_lexicon().institutions:
        kinds.setdefault(name, ("ORG", "institution"))
    for name in data_list("brands.txt"):
        kinds.setdefault(name, ("ORG", "brand"))
    alternation = "|".join(re.escape(n) for n in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), kinds


def find_protected(text: str) -> list[Mention]:
    """Kept spans, each with label and role, so they are reported as ``action="kept"`` entities."""
    out: list[Mention] = []
    for m in scan.finditer(_PLACEHOLDER, text):
        out.append(Mention(m.start(), m.end(), "PLACEHOLDER", "rule:placeholder", role="placeholder", action="kept"))
    pattern, kinds = _allow_pattern()
    for m in scan.finditer(pattern, text):
        label, role = kinds[m.group(0)]
        if role in ("institution", "brand") and _PERSON_NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "zijn zwager Jeroen Bosch", "de heer Louis Vuitton": a person named like a hospital or brand
        out.append(Mention(m.start(), m.end(), label, "rule:allow-list", role=role, action="kept"))
    return out


# An honorific, a party's or witness's role or a relative right before: the persons' own cue words.
_PERSON_NOUN_BEFORE = re.compile(rf"(?:\b{HONORIFIC}|(?i:\b(?:{PERSON_CUE_WORDS})))\s*,?\s*$")
