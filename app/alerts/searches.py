"""The search an alert follows: stored as its canonical query string, validated exactly as the search page does.

What is stored is what selects rulings (``q`` and every filter and range); how a page orders or pages them is
left out, since a digest lists the newly published rulings, newest first.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import QueryParams

from app.deps import plan_search
from search_index.facets import SELECTABLE
from search_index.query import SearchPlan

_NOT_SELECTING = frozenset({"sort", "per_page", "page", "cursor", "facet"})


def alert_plan(search: str) -> SearchPlan:
    """The plan of a stored (or submitted) search. Raises ``RequestValidationError`` / ``InvalidParameterError``
    like the search page would."""
    pairs = [(k, v) for k, v in parse_qsl(search, keep_blank_values=False) if k not in _NOT_SELECTING]
    return plan_search(QueryParams(pairs))


def canonical_search(search: str) -> str:
    """The stored form of a search: the selecting parameters in the plan's stable order (``q=...&topic=...``)."""
    return urlencode(alert_plan(search).params())


def describe(plan: SearchPlan) -> str:
    """The search in Dutch for a mail or page: ‘tandarts’; Onderwerp: mondzorg; Jaar: 2020–2022 ..."""
    q = plan.query
    parts = [f"‘{q.q}’"] if q.q else []
    for facet in SELECTABLE:
        values = q.filters.get(facet.name, [])
        if values:
            parts.append(f"{facet.title}: " + " of ".join(facet.label(v) for v in values))
    ranges: list[tuple[str, str | None, str | None]] = [
        ("Jaar", _text(q.year_from), _text(q.year_to)),
        ("Uitspraakdatum", _day(q.date_from), _day(q.date_to)),
        ("Toegekend bedrag", None if q.amount_min is None else _euros(q.amount_min),
         None if q.amount_max is None else _euros(q.amount_max)),
    ]
    for title, low, high in ranges:
        if low is not None and low == high:
            parts.append(f"{title}: {low}")
        elif low is not None or high is not None:
            span = " ".join(p for p in (f"vanaf {low}" if low else "", f"tot en met {high}" if high else "") if p)
            parts.append(f"{title}: {span}")
    # One line whatever the values hold (a filter value may contain a line break; this goes in a mail's Subject).
    return " ".join("; ".join(parts).split()) if parts else "alle nieuwe uitspraken"


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.strftime("%d-%m-%Y")


def _euros(value: float) -> str:
    whole = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€ " + whole.removesuffix(",00")


# An address we can send to: a dot-atom local part (RFC 5322 without quoted strings or comments, which no one
# types into a form) and a domain of at least two DNS labels. Unicode domains are accepted in their IDNA form.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
MAX_ADDRESS = 254


class InvalidAddressError(ValueError):
    """Not an address alerts can be sent to (the message is Dutch, for the page)."""


def email_address(value: str) -> str:
    """The address, trimmed, or :class:`InvalidAddressError`."""
    address = (value or "").strip()
    if not address:
        raise InvalidAddressError("Vul een e-mailadres in.")
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or len(address) > MAX_ADDRESS or len(local) > 64:
        raise InvalidAddressError("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidAddressError("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl") from None
    labels = domain.rstrip(".").split(".")
    if (not _LOCAL.fullmatch(local) or len(labels) < 2 or not all(_LABEL.fullmatch(p) for p in labels)
            or labels[-1].isdigit()):
        raise InvalidAddressError("Dit is geen geldig e-mailadres. Voorbeeld: naam@voorbeeld.nl")
    return f"{local}@{domain.rstrip('.')}"
