"""Name pools for synthetic sentences: training pools exclude every held-out name (see ``lexicon.held_out``)."""

from __future__ import annotations

from dataclasses import dataclass

from anonymise.lexicon import _deduce_list, data_list, held_out


@dataclass(frozen=True)
class NamePools:
    first: list[str]
    surnames: list[str]


def _clean(names: list[str]) -> list[str]:
    out = []
    for n in names:
        if any(c.isdigit() for c in n) or len(n) < 2 or not n[0].isupper():
            continue
        out.append(n)
    return sorted(set(out))


def pools(*, gold: bool) -> NamePools:
    """Training pools (``gold=False``) or gold pools (``gold=True``), disjoint by construction."""
    first = _clean(_deduce_list("lst_first_name") + data_list("first_names_extra.txt"))
    sur = _clean(_deduce_list("lst_surname") + data_list("surnames_extra.txt"))
    return NamePools(
        first=[n for n in first if held_out(n) == gold],
        surnames=[n for n in sur if held_out(n) == gold],
    )
