"""The two mails of an alert, in Dutch, as plain text with an HTML alternative: the confirmation request and the
digest. Templates in ``app/alerts/templates`` (``*.txt`` plain, ``*.html`` escaped). Every link is absolute, on
``RULINGS_PUBLIC_URL`` (or, for a confirmation sent while serving a request without it, the request's checked
base URL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app.alerts.mail import compose
from app.alerts.store import FREQUENCY_LABELS

_env = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                   autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

SITE_NAME = "Uitsprakenarchief zorgverzekeringen"


@dataclass(frozen=True)
class DigestItem:
    title: str
    case_number: str | None
    ecli: str | None
    decision_date: date | None
    insurer: str | None
    outcome: str
    url: str


def confirm_url(base: str, token: str) -> str:
    return f"{base}/alerts/bevestigen?{urlencode({'token': token})}"


def unsubscribe_url(base: str, token: str) -> str:
    return f"{base}/alerts/afmelden?{urlencode({'token': token})}"


def _domain(base: str, sender: str) -> str:
    return urlsplit(base).hostname or sender.rpartition("@")[2].strip(">") or "localhost"


def _render(name: str, **context: object) -> tuple[str, str]:
    context.setdefault("site_name", SITE_NAME)
    return _env.get_template(f"{name}.txt").render(**context), _env.get_template(f"{name}.html").render(**context)


def confirmation_mail(*, sender: str, to: str, base: str, token: str, description: str, frequency: str,
                      expiry_hours: int) -> EmailMessage:
    text, html = _render("confirm", confirm_url=confirm_url(base, token), description=description,
                         frequency=FREQUENCY_LABELS[frequency], expiry_hours=expiry_hours, base=base)
    return compose(sender=sender, to=to, subject="Bevestig uw e-mailalert", text=text, html=html,
                   domain=_domain(base, sender))


def digest_mail(*, sender: str, to: str, base: str, token: str, description: str, frequency: str,
                items: list[DigestItem], total: int, search_url: str) -> EmailMessage:
    stop = unsubscribe_url(base, token)
    noun = "uitspraak" if total == 1 else "uitspraken"
    text, html = _render("digest", items=items, total=total, more=max(0, total - len(items)), noun=noun,
                         description=description, frequency=FREQUENCY_LABELS[frequency], search_url=search_url,
                         unsubscribe_url=stop, base=base)
    return compose(sender=sender, to=to, subject=f"{total} nieuwe {noun}: {description}"[:180], text=text,
                   html=html, domain=_domain(base, sender), unsubscribe_url=stop)
