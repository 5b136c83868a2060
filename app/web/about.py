"""The about page ``/over`` and the HTML error page: the pages that show no ruling data."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.web.shared import page_router, templates
from archive.errors import RulingsError
from search_index.facets import FACETS
from search_index.query import MAX_YEAR, MIN_YEAR

router = page_router()


@router.get("/over", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    settings = getattr(request.app.state, "settings", None)
    contact = getattr(settings, "report_email", None)
    return templates.TemplateResponse(request, "about.html", {"contact": contact})


# Pages whose query string is a search: a 422 there links to the advanced search form, filled in with it.
SEARCH_PAGES = ("/", "/statistieken")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    fix_url = None
    if status == 422 and request.url.path in SEARCH_PAGES:
        fix_url = "/uitgebreid-zoeken" + (f"?{request.url.query}" if request.url.query else "")
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message,
                                                              "fix_url": fix_url}, status_code=status)


# Dutch for the error page. The JSON API keeps its English messages (they are documented and tested); a person
# reading a page gets Dutch, without pydantic's English ("Input should be a valid integer").
STATUS_MESSAGES = {
    400: "Het verzoek klopt niet.",
    404: "Deze pagina of uitspraak bestaat niet.",
    401: "U moet eerst inloggen.",
    403: "U heeft geen toegang tot deze pagina, of het formulier is verlopen. Laad de pagina opnieuw.",
    405: "Deze pagina kan zo niet worden opgevraagd.",
    410: "Deze uitspraak is (tijdelijk) offline gehaald na een melding.",
    422: "Een van de zoekinstellingen heeft een ongeldige waarde.",
    429: "U heeft in korte tijd te veel verzoeken gedaan. Probeer het straks opnieuw.",
    500: "Er ging aan onze kant iets mis.",
    503: "De zoekdienst is tijdelijk niet beschikbaar. Probeer het over een minuut opnieuw.",
}

_PROBLEMS = {
    "missing": "ontbreekt",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "decimal_parsing": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn",
    "bool_parsing": "moet ja of nee zijn",
    "date_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "date_from_datetime_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "date_type": "moet een datum zijn (jjjj-mm-dd)",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "string_too_short": "is te kort",
    "too_long": "heeft te veel waarden",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "enum": "moet een van deze waarden zijn: {expected}",
}


def validation_problem(error_type: str, ctx: dict[str, object] | None) -> str:
    """One pydantic error type in Dutch (with its limits filled in); unknown types get a general phrase."""
    template = _PROBLEMS.get(error_type, "heeft een ongeldige waarde")
    try:
        return template.format(**{k: str(v).replace("' or '", "', '") for k, v in (ctx or {}).items()})
    except (KeyError, IndexError):
        return "heeft een ongeldige waarde"


# The Dutch name of every search parameter, as the search and advanced search forms label it: the facets' titles
# from the registry, the rest here.
PARAM_LABELS: dict[str, str] = {
    "q": "Zoekwoorden", "year_from": "Jaar vanaf", "year_to": "Jaar tot en met",
    "date_from": "Datum uitspraak vanaf", "date_to": "Datum uitspraak tot en met",
    "amount_min": "Toegekend bedrag vanaf", "amount_max": "Toegekend bedrag tot en met", "sort": "Sorteren op",
    "page": "Pagina", "per_page": "Aantal per pagina", "cursor": "Vervolglink", "facet": "Filters om te tellen",
    "format": "Formaat", "limit": "Aantal",
    **{f.name: f.title for f in FACETS},
}


def param_label(name: str) -> str:
    """A parameter's Dutch name (``year_from`` -> ``Jaar vanaf``); a parameter we do not know keeps its name."""
    return PARAM_LABELS.get(name.split(".")[0], name)


def _value_labels(name: str) -> list[str] | None:
    """The Dutch labels of a parameter's closed choices, as the forms show them ("Nieuwste eerst", not date_desc)."""
    from app.web.search import SORTS  # the search page's own labels; imported when needed, as the error page
    # renders for the whole app (app.error_responses) and need not load the search page with it

    labels = {"sort": list(SORTS.values()), "facet": [f.title for f in FACETS]}
    return labels.get(name.split(".")[0])


def validation_message(errors: list[dict[str, object]]) -> str:
    """FastAPI's validation errors in Dutch, one per parameter: "Jaar vanaf: moet een geheel getal zijn"."""
    parts = []
    for e in errors:
        loc = e.get("loc") or ()
        name = ".".join(str(p) for p in list(loc)[1:]) if isinstance(loc, (list, tuple)) else ""  # type: ignore[arg-type]
        if name[-2:].strip(".").isdigit():  # a repeated parameter's position ("topic.0"): the name says enough
            name = name.rsplit(".", 1)[0]
        ctx = e.get("ctx")
        labels = _value_labels(name) if e.get("type") == "literal_error" else None
        problem = (f"moet een van deze zijn: {', '.join(labels)}" if labels
                   else validation_problem(str(e.get("type", "")), ctx if isinstance(ctx, dict) else None))
        parts.append(f"{param_label(name)}: {problem}" if name else problem)
    return "; ".join(dict.fromkeys(parts)) or STATUS_MESSAGES[422]


def invalid_parameter_message(exc: RulingsError) -> str:
    """An :class:`~archive.errors.InvalidParameterError` of a search in Dutch (its own message is the API's
    English): which parameter, and what is wrong with it where the search layer says so."""
    param = exc.detail.get("param") if isinstance(exc.detail, dict) else None
    if not isinstance(param, str) or not param:
        return STATUS_MESSAGES[422]
    message, label = exc.message, param_label(param)
    if param == "q" and "OR and parentheses" in message:
        return ("Zoekwoorden: OR en haakjes worden niet ondersteund. Zoek de woorden apart, of kies bij een filter "
                "meer waarden tegelijk.")
    if param == "cursor":
        return "Deze vervolglink hoort bij een andere zoekopdracht of is verlopen. Begin opnieuw bij de eerste pagina."
    for low, high in (("year_from", "year_to"), ("date_from", "date_to"), ("amount_min", "amount_max")):
        if param == low and (f"{low} is after {high}" in message or "is above" in message):
            return f"{param_label(low)} ligt na {param_label(high).lower()}: draai ze om of pas er een aan."
    if "unknown" in message:
        return f"{label}: deze waarde bestaat niet"
    if "at most" in message:
        return f"{label}: te veel waarden"
    if "longer than" in message:
        return f"{label}: te lang"
    if "must be" in message and param in ("year_from", "year_to", "date_from", "date_to"):
        return f"{label}: moet tussen {MIN_YEAR} en {MAX_YEAR} liggen"
    return f"{label}: heeft een ongeldige waarde"


def status_message(status: int) -> str:
    """A Dutch sentence for an HTTP status, for the error page."""
    return STATUS_MESSAGES.get(status, STATUS_MESSAGES[500] if status >= 500 else STATUS_MESSAGES[400])
