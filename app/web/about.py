"""The about page ``/over`` and the HTML error page: the pages that show no ruling data."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.web.shared import page_router, templates

router = page_router()


@router.get("/over", response_class=HTMLResponse)
def about_page(request: Request) -> HTMLResponse:
    settings = getattr(request.app.state, "settings", None)
    contact = getattr(settings, "report_email", None)
    return templates.TemplateResponse(request, "about.html", {"contact": contact})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)


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


def validation_message(errors: list[dict[str, object]]) -> str:
    """FastAPI's validation errors in Dutch, one per parameter: "year_from: moet een geheel getal zijn"."""
    parts = []
    for e in errors:
        loc = e.get("loc") or ()
        name = ".".join(str(p) for p in list(loc)[1:]) if isinstance(loc, (list, tuple)) else ""  # type: ignore[arg-type]
        ctx = e.get("ctx")
        problem = validation_problem(str(e.get("type", "")), ctx if isinstance(ctx, dict) else None)
        parts.append(f"{name}: {problem}" if name else problem)
    return "; ".join(parts) or STATUS_MESSAGES[422]


def status_message(status: int) -> str:
    """A Dutch sentence for an HTTP status, for the error page."""
    return STATUS_MESSAGES.get(status, STATUS_MESSAGES[500] if status >= 500 else STATUS_MESSAGES[400])
