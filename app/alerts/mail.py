"""Sending mail: the SMTP server from ``RULINGS_SMTP_URL``, messages built with the standard library.

``smtp://[user:password@]host[:port]`` (plain, port 25), ``smtp://...?starttls=true`` (upgraded with STARTTLS,
certificate checked; port 587 is the usual one) and ``smtps://...`` (TLS from the start, port 465). User and
password are percent-encoded in the URL. Addresses are personal data: nothing here logs one, and errors are
reported by their type only (smtplib's exceptions carry the refused address).
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from archive.errors import ConfigurationError, RulingsError
from archive.settings import Settings

log = logging.getLogger(__name__)

_TRUE = {"1", "true", "yes", "on"}


class MailUnavailableError(RulingsError):
    """The SMTP server cannot be reached, or refuses the connection or the login: no mail can go out now."""

    code = "mail_unavailable"
    http_status = 503


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte
    starttls: bool
    username: str | None
    password: str | None
    timeout_s: float

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        """The server of ``RULINGS_SMTP_URL``; :class:`ConfigurationError` (never quoting the URL, which may hold a
        password) when it is unset or malformed."""
        if not settings.smtp_url:
            raise ConfigurationError("e-mail alerts need RULINGS_SMTP_URL and RULINGS_MAIL_FROM")
        try:
            url = urlsplit(settings.smtp_url)
            port = url.port
        except ValueError:
            raise ConfigurationError("RULINGS_SMTP_URL is not a valid URL (smtp://host:port)") from None
        if url.scheme not in ("smtp", "smtps") or not url.hostname:
            raise ConfigurationError("RULINGS_SMTP_URL must be smtp://[user:password@]host[:port][?starttls=true] "
                                     "or smtps://...")
        options = {k.lower(): v[-1].lower() for k, v in parse_qs(url.query).items()}
        tls = url.scheme == "smtps"
        starttls = options.get("starttls", "") in _TRUE
        if tls and starttls:
            raise ConfigurationError("RULINGS_SMTP_URL: smtps already uses TLS; starttls is for smtp://")
        return cls(host=url.hostname, port=port or (465 if tls else 25), tls=tls, starttls=starttls,
                   username=unquote(url.username) if url.username else None,
                   password=unquote(url.password) if url.password else None, timeout_s=settings.smtp_timeout_s)


def sender(settings: Settings) -> str:
    """``RULINGS_MAIL_FROM``, checked to hold an address."""
    value = (settings.mail_from or "").strip()
    _, address = parseaddr(value)
    if not value or "@" not in address or any(c in value for c in "\r\n"):
        raise ConfigurationError("RULINGS_MAIL_FROM must be an address, e.g. 'Uitsprakenarchief <alerts@example.nl>'")
    return value


def alerts_enabled(settings: Settings) -> bool:
    """Whether alerts can be offered: a server and a sender are configured."""
    return bool(settings.smtp_url and settings.mail_from)


def compose(*, sender: str, to: str, subject: str, text: str, html: str, domain: str,
            unsubscribe_url: str | None = None) -> EmailMessage:
    """A mail with a plain-text body and an HTML alternative.

    With ``unsubscribe_url``: ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 8058: the mail program
    unsubscribes with one POST, no page to visit). ``Auto-Submitted`` (RFC 3834) keeps out-of-office replies away.
    """
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    # Random and short enough that no line folding is needed (folded, some readers keep the leading space).
    msg["Message-ID"] = f"<{secrets.token_hex(12)}@{domain}>"
    msg["Auto-Submitted"] = "auto-generated"
    if unsubscribe_url:
        msg["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    # Headers are written with the 998-character line limit of RFC 5322 instead of the 78 the default policy folds
    # at: a header without spaces longer than 78 (List-Unsubscribe with any real URL and token) would otherwise be
    # sent as an RFC 2047 encoded word (=?utf-8?q?=3Chttps...?=), which mail programs do not read as a URL, so their
    # unsubscribe button would not appear. The bodies are already encoded (quoted-printable lines stay at 76).
    msg.policy = msg.policy.clone(max_line_length=998)
    return msg


class Mailer:
    """One SMTP connection for many messages, opened on the first one; reconnects once when the server dropped it.

    ``send`` raises :class:`MailUnavailableError` when no connection can be made (or the login fails), and
    :class:`smtplib.SMTPException` or :class:`OSError` for one message the server did not take; the connection
    stays usable for the next one (a refused recipient does not end a session).
    """

    def __init__(self, config: SmtpConfig, sender: str) -> None:
        self.config = config
        self.sender = sender
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        context = ssl.create_default_context()
        smtp: smtplib.SMTP | None = None
        try:
            if c.tls:
                smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout_s, context=context)
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout_s)
            smtp.ehlo()
            if c.starttls:
                smtp.starttls(context=context)
                smtp.ehlo()
            if c.username:
                smtp.login(c.username, c.password or "")
        except (smtplib.SMTPException, OSError) as exc:
            if smtp is not None:
                with contextlib.suppress(Exception):
                    smtp.close()
            raise MailUnavailableError(f"the SMTP server of RULINGS_SMTP_URL cannot be used ({type(exc).__name__})",
                                       detail={"error": type(exc).__name__}) from None
        return smtp

    def send(self, message: EmailMessage) -> None:
        for attempt in (1, 2):
            if self._smtp is None:
                self._smtp = self._connect()
            try:
                self._smtp.send_message(message)
                return
            except (smtplib.SMTPServerDisconnected, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
            except smtplib.SMTPException:
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    self._smtp.rset()  # a refused recipient: the session goes on for the next message
                raise

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            with contextlib.suppress(Exception):
                self._smtp.close()
            self._smtp = None
