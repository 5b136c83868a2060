"""The SMTP settings, the mail's shape and sending through a real SMTP server that asks for credentials."""

from __future__ import annotations

from datetime import date

import pytest

from app.alerts.mail import Mailer, MailUnavailableError, SmtpConfig, compose, sender
from app.alerts.messages import DigestItem, digest_mail
from app.alerts.searches import InvalidAddressError, alert_plan, canonical_search, describe, email_address
from archive.errors import ConfigurationError
from archive.settings import Settings
from tests.alerts.conftest import SmtpServer


def _config(url: str) -> SmtpConfig:
    return SmtpConfig.from_settings(Settings(smtp_url=url))


def test_smtp_urls() -> None:
    assert _config("smtp://mail.example.nl") == SmtpConfig("mail.example.nl", 25, False, False, None, None, 20.0)
    assert _config("smtp://u%40x:p%3Aw@mail.example.nl:587?starttls=true") == SmtpConfig(
        "mail.example.nl", 587, False, True, "u@x", "p:w", 20.0)
    assert _config("smtps://mail.example.nl").port == 465 and _config("smtps://mail.example.nl").tls
    for bad in ("http://mail.example.nl", "smtp://", "smtps://h?starttls=1", "smtp://h:notaport"):
        with pytest.raises(ConfigurationError) as caught:
            _config(bad.replace("h", "user:geheim@h"))
        assert "geheim" not in caught.value.message  # a password in the URL is never repeated
    with pytest.raises(ConfigurationError):
        SmtpConfig.from_settings(Settings())
    with pytest.raises(ConfigurationError):
        sender(Settings(mail_from="geen adres"))


def test_addresses_are_checked_and_normalised() -> None:
    assert email_address("  Naam.Achternaam+alerts@Voorbeeld.NL ") == "Naam.Achternaam+alerts@Voorbeeld.NL"
    assert email_address("a@bücher.example") == "a@xn--bcher-kva.example"
    for bad in ("a@localhost", "a@1.2.3.4", "a.@x.nl", "<a@x.nl>", "a@x.nl,b@y.nl", "ä@x.nl"):
        with pytest.raises(InvalidAddressError):
            email_address(bad)


def test_the_stored_search_keeps_what_selects_rulings() -> None:
    assert canonical_search("sort=date_asc&page=3&per_page=50&q=++tandarts++kroon&topic=mondzorg&facet=topic"
                            "&year_from=2020&cursor=x") == "q=tandarts+kroon&topic=mondzorg&year_from=2020"
    text = describe(alert_plan("q=kroon&outcome=afgewezen&outcome=toegewezen&date_from=2021-01-31"
                               "&amount_min=1000&amount_max=1000"))
    assert text == ("‘kroon’; Uitkomst: Afgewezen of Toegewezen; Uitspraakdatum: vanaf 31-01-2021; "
                    "Toegekend bedrag: € 1.000")
    assert describe(alert_plan("")) == "alle nieuwe uitspraken"
    # A value with a line break stays on one line (the description goes in a Subject header).
    assert "\n" not in describe(alert_plan("insurer=CZ%0D%0ABcc%3A+x%40y.nl")) == "Zorgverzekeraar: CZ Bcc: x@y.nl"


def test_a_digest_mail_has_text_html_and_unsubscribe_headers() -> None:
    item = DigestItem(title="Kronen <b>niet</b> vergoed", case_number="202300001", ecli=None,
                      decision_date=date(2023, 4, 20), insurer="CZ", outcome="Afgewezen",
                      url="https://a.example/uitspraak/202300001")
    m = digest_mail(sender="Archief <alerts@a.example>", to="lezer@example.nl", base="https://a.example",
                    token="T0K", description="‘kroon’", frequency="weekly", items=[item], total=1,
                    search_url="https://a.example/?q=kroon")
    assert m["List-Unsubscribe"] == "<https://a.example/alerts/afmelden?token=T0K>"
    assert m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert m["Auto-Submitted"] == "auto-generated" and m["Message-ID"].endswith("@a.example>")
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    assert "Kronen <b>niet</b> vergoed" in text and "20-04-2023" in text and "wekelijks" in text
    assert "Kronen &lt;b&gt;niet&lt;/b&gt; vergoed" in html  # escaped in HTML
    assert "Afmelden" in html and 'href="https://a.example/alerts/afmelden?token=T0K"' in html


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_sending_with_credentials_and_past_a_refused_recipient(smtp_server_with_auth: SmtpServer) -> None:
    url = f"smtp://archief:geheim%20wachtwoord%401@127.0.0.1:{smtp_server_with_auth.port}"
    config = SmtpConfig.from_settings(Settings(smtp_url=url))

    def mail(to: str) -> object:
        return compose(sender="alerts@a.example", to=to, subject="Test", text="tekst", html="<p>tekst</p>",
                       domain="a.example")

    with Mailer(config, "alerts@a.example") as mailer:
        mailer.send(mail("een@example.nl"))  # type: ignore[arg-type]
        with pytest.raises(Exception) as refused:
            mailer.send(mail("refuse@example.nl"))  # type: ignore[arg-type]
        mailer.send(mail("twee@example.nl"))  # type: ignore[arg-type]
    assert type(refused.value).__name__ == "SMTPRecipientsRefused"
    assert [r.rcpt_tos for r in smtp_server_with_auth.take()] == [["een@example.nl"], ["twee@example.nl"]]
    # (aiosmtpd answers a wrong password slowly, or not at all: a short time bound keeps the test short)
    wrong = SmtpConfig.from_settings(Settings(smtp_url=url.replace("geheim", "fout"), smtp_timeout_s=2))
    with pytest.raises(Exception) as denied, Mailer(wrong, "alerts@a.example") as mailer:
        mailer.send(mail("een@example.nl"))  # type: ignore[arg-type]
    assert isinstance(denied.value, MailUnavailableError)  # refused credentials (or the server hung up on them)
    assert smtp_server_with_auth.take() == []


def test_the_unsubscribe_header_is_sent_as_a_plain_url_however_long() -> None:
    """The default mail policy folds at 78 characters and turns a longer header without spaces into an RFC 2047
    encoded word; List-Unsubscribe must stay ``<https://...>`` on the wire or no mail program offers the button."""
    token = "s7LyWt-eVN8jW8Dr0pg07NoWm2KeJv1A4U8Vmm1AMGs"  # as long as a real token (32 random bytes)
    m = digest_mail(sender="Archief <alerts@uitspraken.example.nl>", to="lezer@example.nl",
                    base="https://uitspraken.example.nl", token=token, description="‘kroon’; Bron: Rechtspraak.nl",
                    frequency="daily", items=[], total=1, search_url="https://uitspraken.example.nl/?q=kroon")
    raw = m.as_bytes()
    line = f"\nList-Unsubscribe: <https://uitspraken.example.nl/alerts/afmelden?token={token}>\n".encode()
    assert line in raw and b"=?utf-8?q?=3Chttps" not in raw
    # The bodies keep quoted-printable's 76-character lines.
    assert max(len(x) for x in raw.split(b"\n\n", 1)[1].splitlines()) <= 78
