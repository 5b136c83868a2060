"""The listing harvest (the SKGZ case) against a local publisher serving the repository's real PDFs: pagination
followed and loop-safe, robots.txt obeyed, conditional GET answered by 304s, traps failing alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.db import session_scope
from archive.errors import ConfigurationError
from archive.models import HarvestItem
from ingest.harvest.listing import ListingHarvester, parse_listing
from ingest.harvest.sources import load_sources
from tests.harvest.servers import SAMPLES, FakePublisher, serve

PDF_A = (SAMPLES / "skgz_seed_002_202000821.pdf").read_bytes()
PDF_B = (SAMPLES / "skgz_seed_003_202101039.pdf").read_bytes()
PDF_C = (SAMPLES / "rechtspraak_ECLI_NL_CRVB_2014_2942.pdf").read_bytes()


def publisher(robots: str | None = "User-agent: *\nDisallow: /private/\n") -> FakePublisher:
    pages = {
        "/uitspraken": """<html><body><h1>Uitspraken</h1>
            <a href="/files/a.pdf">Bindend advies 202000821</a> <a href="files/b.PDF">202101039</a>
            <a href="mailto:info@example.nl">mail</a> <a href="/over">over ons</a>
            <a href="/uitspraken/2">Volgende</a></body></html>""",
        "/uitspraken/2": """<html><head><base href="/files/"></head><body>
            <a href="c.pdf">Uitspraak</a> <a href="/private/d.pdf">intern</a> <a href="loop.pdf">lus</a>
            <a href="fake.pdf">kapot</a> <a href="cut.pdf">half</a> <a href="c.pdf#p2">nog eens</a>
            <a href="/uitspraken" rel="prev">Vorige</a> <a href="/uitspraken/3" rel="next">&raquo;</a></body></html>""",
        "/uitspraken/3": """<html><body><p>Geen nieuwe uitspraken.</p>
            <a href="/uitspraken/2">Vorige</a> <a href="/uitspraken" aria-label="Volgende pagina">&gt;</a>
            </body></html>""",
    }
    files = {"/files/a.pdf": (PDF_A, "application/pdf"), "/files/b.PDF": (PDF_B, "application/octet-stream"),
             "/files/c.pdf": (PDF_C, "application/pdf"), "/private/d.pdf": (PDF_A, "application/pdf"),
             "/files/fake.pdf": (b"<!DOCTYPE html><html>Niet gevonden</html>", "text/html"),
             "/files/cut.pdf": (PDF_B[: len(PDF_B) // 2], "application/pdf")}
    redirects = {"/files/loop.pdf": "/files/loop2.pdf", "/files/loop2.pdf": "/files/loop.pdf"}
    return FakePublisher(pages, files, redirects, robots)


def test_listing_pages_robots_traps_and_conditional_get(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    app = publisher()
    with serve(app) as url:
        report = ListingHarvester(hsettings, database.factory, client_factory(), source="skgz").run(
            f"{url}/uitspraken")
        assert report.pages == 3  # page 3 points back to page 1: read once
        assert report.fetched == 3 and {p.read_bytes() for p in report.files} == {PDF_A, PDF_B, PDF_C}
        assert all(p.suffix == ".pdf" for p in report.files)
        codes = {f.key.rsplit("/", 1)[1]: f.code for f in report.failures}
        assert codes == {"loop.pdf": "redirect_loop", "fake.pdf": "wrong_content_type", "cut.pdf": "truncated"}
        assert report.robots_skipped == 1
        assert "/private/d.pdf" not in [s.path for s in app.seen]  # disallowed: never asked for
        assert [s.path for s in app.seen].count("/files/c.pdf") == 1  # the same link twice is one file
        with session_scope(database.factory) as s:
            stored = {i.key.rsplit("/", 1)[1]: i for i in s.scalars(select(HarvestItem))}
        assert stored["a.pdf"].etag and stored["a.pdf"].last_modified and stored["a.pdf"].status == "stored"

        # Second run: every stored file is asked for conditionally and answered 304; no PDF is sent again.
        app.seen.clear()
        again = ListingHarvester(hsettings, database.factory, client_factory(), source="skgz").run(
            f"{url}/uitspraken")
        downloads = [s for s in app.seen if s.path in ("/files/a.pdf", "/files/b.PDF", "/files/c.pdf")]
        assert len(downloads) == 3
        assert all(s.status == 304 and s.headers.get("if-none-match") for s in downloads)
        assert again.fetched == 0 and again.unchanged == 3
        assert len(again.failures) == 3  # the traps are retried, and fail again


def test_robots_txt_that_disallows_everything_stops_the_harvest(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    app = publisher(robots="User-agent: *\nDisallow: /\n")
    with serve(app) as url:
        report = ListingHarvester(hsettings, database.factory, client_factory()).run(f"{url}/uitspraken")
    assert [s.path for s in app.seen] == ["/robots.txt"]
    assert [f.code for f in report.failures] == ["robots_disallowed"] and report.fetched == 0


def test_robots_txt_rules_for_our_user_agent(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    product = hsettings.harvest_user_agent.split("/")[0]  # robots.txt names the product, without version
    app = publisher(robots=f"User-agent: {product}\nDisallow: /files/b.PDF\n\nUser-agent: *\nDisallow: /\n")
    with serve(app) as url:
        report = ListingHarvester(hsettings, database.factory, client_factory()).run(f"{url}/uitspraken")
    assert "/files/b.PDF" not in [s.path for s in app.seen] and "/files/a.pdf" in [s.path for s in app.seen]
    # our group allows /private/ (the * group's rules are not ours): a.pdf, c.pdf and d.pdf
    assert report.robots_skipped == 1 and report.fetched == 3


def test_pagination_is_bounded(hsettings, database, client_factory) -> None:  # type: ignore[no-untyped-def]
    pages = {f"/p/{i}": f'<a href="/f/{i}.pdf">r</a> <a href="/p/{i + 1}">volgende</a>' for i in range(10)}
    app = FakePublisher(pages, {f"/f/{i}.pdf": (PDF_A, "application/pdf") for i in range(10)})
    settings = hsettings.model_copy(update={"harvest_max_pages": 3})
    with serve(app) as url:
        report = ListingHarvester(settings, database.factory, client_factory(settings)).run(f"{url}/p/0")
    assert report.pages == 3 and any("more than 3 pages" in n for n in report.notes)
    assert report.fetched == 3 and len(set(report.files)) == 1  # the same bytes: one stored file


def test_parse_listing_finds_files_and_pagination() -> None:
    links, nexts = parse_listing(
        '<html><head><base href="https://example.nl/docs/"><link rel="next" href="?page=2"></head>'
        '<a href="a.pdf">a</a><a href="javascript:void(0)">x</a><a href="/b.pdf#top">b</a>'
        '<a href="?page=3" class="pager">Volgende pagina</a><a href="?page=9" title="Next">&rsaquo;</a>',
        "https://example.nl/uitspraken")
    assert links[:2] == ["https://example.nl/docs/a.pdf", "https://example.nl/b.pdf"]
    assert nexts == ["https://example.nl/docs/?page=2", "https://example.nl/docs/?page=3",
                     "https://example.nl/docs/?page=9"]


def test_named_sources_from_json_and_toml(hsettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = {"skgz": {"url": "https://www.skgz.nl/uitspraken", "pattern": r"\.pdf$"},
            "zorg": {"type": "rechtspraak", "subject": "http://psi.rechtspraak.nl/rechtsgebied#bestuursrecht"}}
    sources = load_sources(hsettings.model_copy(update={"sources": json.dumps(spec)}))
    assert sources["skgz"].type == "listing" and sources["skgz"].pattern == r"\.pdf$"
    assert sources["zorg"].subjects == ("http://psi.rechtspraak.nl/rechtsgebied#bestuursrecht",)
    toml = tmp_path / "sources.toml"
    toml.write_text('[skgz]\nurl = "https://www.skgz.nl/uitspraken"\npattern = \'\\.pdf$\'\n')
    assert load_sources(hsettings.model_copy(update={"sources": str(toml)}))["skgz"].url.startswith("https://")
    for bad in ['{"rechtspraak": {"url": "https://x.nl"}}', '{"x": {"url": "ftp://x"}}', '{"x": {"type": "?"}}',
                '{"x": {"url": "https://x.nl", "pattern": "("}}', '{"x": {"url": "https://x.nl", "extra": 1}}',
                "[1]", "{not json", str(tmp_path / "missing.toml")]:
        with pytest.raises(ConfigurationError):
            load_sources(hsettings.model_copy(update={"sources": bad}))


def test_no_url_reaches_the_log(hsettings, database, client_factory, caplog) -> None:  # type: ignore[no-untyped-def]
    """A listed file's name can carry a person's name: neither the harvester nor the HTTP library under it (httpx
    logs every request's URL at INFO) may write one to the log, even at DEBUG."""
    import logging

    caplog.set_level(logging.DEBUG)
    app = publisher()
    with serve(app) as url:
        report = ListingHarvester(hsettings, database.factory, client_factory(), source="skgz").run(
            f"{url}/uitspraken")
    assert report.fetched == 3
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records  # the harvest does log its progress
    for name in ("a.pdf", "b.PDF", "c.pdf", "/uitspraken", url):
        assert name not in logged


def test_status_reports_each_source_on_one_readable_line(database) -> None:  # type: ignore[no-untyped-def]
    """`rulings status` prints each value with str(): a source's state printed as a Python dict repr with
    datetime.datetime(...) in it; JSON keeps the fields."""
    import json

    from app.cli_harvest import harvest_status
    from archive import harvest as state

    with session_scope(database.factory) as s:
        state.set_mark(s, "rechtspraak", "2026-12-06T04:11:15+00:00")
        state.record_stored(s, source="rechtspraak", key="ECLI:NL:HR:1996:AA1", url="u1", sha256="a" * 64,
                            suffix=".xml")
        state.record_failure(s, source="rechtspraak", key="ECLI:NL:HR:1996:AA2", url="u2", code="http_500",
                             error="HTTP 500")
    with session_scope(database.factory) as s:
        sources, failed = harvest_status(s)
    line = str(sources["rechtspraak"])
    assert line.startswith("mark 2026-12-06T04:11:15+00:00, 2 items, 1 failed, last download 20") and line.endswith(
        " UTC")
    assert "datetime" not in line and "{" not in line
    assert json.loads(json.dumps(sources, default=str))["rechtspraak"]["failed"] == 1
    assert [f["error_code"] for f in failed] == ["http_500"]


def test_a_bad_since_or_until_names_the_option() -> None:
    """"Error: Invalid value: use YYYY-MM-DD…" did not say which of --since and --until was wrong."""
    import click

    from app.cli_harvest import _parse_moment

    for value, end_of_day, option in (("gisteren", False, "--since"), ("2020-13-01", True, "--until")):
        with pytest.raises(click.BadParameter) as caught:
            _parse_moment(value, end_of_day=end_of_day)
        assert f"Invalid value for {option}:" in caught.value.format_message()
