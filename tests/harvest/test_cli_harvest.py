"""``rulings harvest`` end to end: download from the local servers, ingest with the real pipeline into a real
database and Meilisearch, report failures in the exit code and in ``rulings status``."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.fixtures.archive import Archive
from tests.fixtures.cli import cli_against
from tests.harvest.conftest import FAST
from tests.harvest.servers import SAMPLES, FakePublisher, FakeRechtspraak, rechtspraak_docs, serve

pytestmark = pytest.mark.integration


def _env(monkeypatch: pytest.MonkeyPatch, **extra: str) -> None:
    for key, value in {**{k: str(v) for k, v in FAST.items()}, **extra}.items():
        monkeypatch.setenv(f"RULINGS_{key.upper()}", value)


def _lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_harvest_rechtspraak_ingests_and_reports_failures(archive: Archive, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    paths = [SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml", SAMPLES / "ECLI.NL.PHR.1997.AA2097.xml"]
    docs = rechtspraak_docs(paths, datetime(2026, 2, 1, 8, 0, tzinfo=UTC))
    docs[1].fault = "500"
    app = FakeRechtspraak(docs)
    with serve(app) as url:
        _env(monkeypatch, rechtspraak_url=url)
        with cli_against(archive, monkeypatch) as run:
            first = run("harvest", "rechtspraak", "--json")
            assert first.exit_code == 1, first.output
            summary, *outcomes = _lines(first.stdout)
            assert summary["harvest"]["fetched"] == 1 and summary["failures"][0]["error_code"] == "http_500"
            assert [o["status"] for o in outcomes] == ["published"]
            assert summary["failures"][0]["key"] == docs[1].ecli  # the operator sees which ECLI failed

            status = json.loads(run("status", "--json").stdout)
            assert status["database"]["rulings_published"] == 1
            (failed,) = status["failed_downloads"]
            assert failed["source"] == "rechtspraak" and failed["error_code"] == "http_500"
            assert "url" not in failed and "key" not in failed
            assert status["harvest"]["rechtspraak"]["failed"] == 1 and status["harvest"]["rechtspraak"]["mark"]

            docs[1].fault = None  # repaired upstream: the next run fetches it and ingests only it
            second = run("harvest", "rechtspraak", "--json")
            assert second.exit_code == 0, second.output
            summary, *outcomes = _lines(second.stdout)
            assert summary["harvest"]["fetched"] == 1 and [o["status"] for o in outcomes] == ["published"]
            assert json.loads(run("status", "--json").stdout)["failed_downloads"] == []
            assert run("harvest", "forget", str(failed["id"])).exit_code == 0  # no longer failed: nothing to forget

            third = run("harvest", "rechtspraak", "--json")
            assert third.exit_code == 0 and len(_lines(third.stdout)) == 1  # nothing new, nothing ingested


def test_named_listing_source_with_no_ingest_then_resume(archive: Archive, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pdfs = {"/pdf/202000821.pdf": ((SAMPLES / "skgz_seed_002_202000821.pdf").read_bytes(), "application/pdf"),
            "/pdf/202101039.pdf": ((SAMPLES / "skgz_seed_003_202101039.pdf").read_bytes(), "application/pdf")}
    app = FakePublisher({"/uitspraken": '<a href="/pdf/202000821.pdf">1</a> <a href="/pdf/202101039.pdf">2</a>'},
                        pdfs)
    with serve(app) as url:
        _env(monkeypatch, sources=json.dumps({"skgz": {"url": f"{url}/uitspraken", "pattern": r"/pdf/\d+\.pdf$"}}))
        with cli_against(archive, monkeypatch) as run:
            assert "skgz" in run("harvest", "--help").output
            stored = run("harvest", "skgz", "--no-ingest")
            assert stored.exit_code == 0 and "2 stored files not ingested" in stored.stderr
            assert json.loads(run("status", "--json").stdout)["database"]["rulings_published"] == 0

            resumed = run("harvest", "skgz", "--json")  # 304s, and the stored files are ingested now
            assert resumed.exit_code == 0, resumed.output
            summary, *outcomes = _lines(resumed.stdout)
            assert summary["harvest"]["unchanged"] == 2 and summary["harvest"]["fetched"] == 0
            assert sorted(o["status"] for o in outcomes) == ["published", "published"]
            assert json.loads(run("status", "--json").stdout)["database"]["rulings_published"] == 2
            text = run("status").stdout
            assert "harvest:\n  skgz: " in text and "failed downloads: none" in text
            assert url not in text  # sources and URLs of files are not in the status

            assert run("harvest", "nosuchsource").exit_code == 2


def test_bad_arguments_are_usage_errors(archive: Archive, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    _env(monkeypatch, sources="{broken")
    with cli_against(archive, monkeypatch):
        for args in (["harvest", "listing", "ftp://x"], ["harvest", "listing", "https://x.nl", "--pattern", "("],
                     ["harvest", "rechtspraak", "--since", "gisteren"], ["harvest", "skgz"]):
            monkeypatch.setattr("sys.argv", ["rulings", *args])
            with pytest.raises(SystemExit) as exc:
                main()
            assert exc.value.code == 2, args
