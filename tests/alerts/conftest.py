"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the alert tests, and an archive configured to send through it.

The server keeps every message it accepted (parsed, with its envelope), refuses recipients whose local part starts
with ``refuse`` (550, the way a real server refuses an unknown mailbox) and, when ``users`` is given, requires
AUTH with those credentials.
"""

from __future__ import annotations

import email
import email.policy
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from search_index import free_port
from tests.fixtures.archive import Archive

PUBLIC_URL = "https://uitspraken.example.nl"
SENDER = "Uitsprakenarchief <alerts@uitspraken.example.nl>"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes = b""  # as it came over the wire: headers as a mail program sees them, before any decoding


@dataclass
class SmtpServer:
    host: str
    port: int
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def take(self) -> list[Received]:
        """The messages received since the last call."""
        with self.lock:
            out, self.received[:] = list(self.received), []
        return out


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.lower().startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,
                                                  envelope.content))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _start(users: dict[str, str] | None = None) -> tuple[Controller, SmtpServer]:
    server = SmtpServer("127.0.0.1", free_port())
    kwargs: dict[str, Any] = {}
    if users is not None:
        def authenticate(srv: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = (isinstance(data, LoginPassword)
                  and users.get(data.login.decode()) == data.password.decode())
            return AuthResult(success=ok)

        kwargs.update(authenticator=authenticate, auth_require_tls=False, auth_required=True)
    controller = Controller(_Handler(server), hostname=server.host, port=server.port, **kwargs)
    controller.start()
    return controller, server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    controller, server = _start()
    yield server
    controller.stop()


@pytest.fixture
def smtp_server_with_auth() -> Iterator[SmtpServer]:
    controller, server = _start({"archief": "geheim wachtwoord@1"})
    yield server
    controller.stop()


@pytest.fixture
def alert_archive(archive: Archive, smtp_server: SmtpServer) -> Archive:
    """The test archive, sending alert mail through the test SMTP server, links on :data:`PUBLIC_URL`, and no
    settling delay (the tests wait for the next whole second instead)."""
    settings = archive.settings.model_copy(update={
        "smtp_url": smtp_server.url, "mail_from": SENDER, "public_url": PUBLIC_URL, "alerts_settle_s": 0,
        "rate_limit_burst": 300})
    return Archive(settings, archive.database)
