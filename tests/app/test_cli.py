"""Every `rulings` command, through click, against real services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.settings import get_settings
from tests.fixtures.archive import PRIVATE_NAMES, PRIVATE_RULING, SAMPLES, Archive
from tests.fixtures.cli import cli_against

pytestmark = pytest.mark.integration


@pytest.fixture
def run(archive: Archive, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with cli_against(archive, monkeypatch) as invoke:
        yield invoke


def test_ingest_json_status_and_reindex(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = run("ingest", "--json", str(SAMPLES), str(bad))
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.exit_code == 1  # one document failed
    assert all(set(line) == {"path", "sha256", "status", "ruling_id", "error", "error_code", "attempts"}
               for line in lines)
    statuses = {Path(line["path"]).name: line["status"] for line in lines}
    assert statuses.pop("broken.pdf") == "failed" and set(statuses.values()) == {"published"}

    again = run("ingest", "--json", str(SAMPLES))
    assert again.exit_code == 0
    assert {json.loads(x)["status"] for x in again.stdout.splitlines()} == {"skipped"}

    status = run("status", "--json")
    report = json.loads(status.stdout)
    assert report["database"]["rulings_published"] == len(statuses)
    assert report["database"]["documents_failed"] == 1
    assert report["index"]["count_difference"] == 0 and report["index"]["stale_in_db"] == 0

    assert run("reindex").exit_code == 0


def test_extract_json_has_the_structure(run) -> None:  # type: ignore[no-untyped-def]
    pdf = SAMPLES / "skgz_seed_002_202000821.pdf"
    out = json.loads(run("extract", str(pdf), "--json").stdout)
    assert {"text", "metadata", "sections", "topics", "pages", "extractor"} <= set(out)
    assert out["metadata"]["case_number"] == "202000821" and out["pages"] > 1


def test_anonymise_json_prints_no_original_names(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "private.txt"
    doc.write_text(PRIVATE_RULING, encoding="utf-8")
    result = run("anonymise", str(doc), "--json")
    out = json.loads(result.stdout)
    assert set(out) >= {"text", "entities"}
    for e in out["entities"]:
        assert {"start", "end", "label", "role", "action", "replacement"} <= set(e)
        if e["action"] == "replaced":
            assert out["text"][e["start"]:e["end"]] == e["replacement"]
    for name in PRIVATE_NAMES:
        assert name.lower() not in result.stdout.lower(), name


def test_missing_file_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    assert run("extract", "/nonexistent.pdf").exit_code == 2


def test_migrate(run) -> None:  # type: ignore[no-untyped-def]
    result = run("migrate")
    assert result.exit_code == 0 and "up to date" in result.stderr


def test_an_unreachable_meilisearch_leaves_the_database_intact(run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from search_index import free_port

    monkeypatch.setenv("RULINGS_MEILI_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    get_settings.cache_clear()
    result = run("ingest", str(SAMPLES / "skgz_seed_002_202000821.pdf"))
    assert result.exit_code == 3 and "index not updated" in result.stderr
    report = json.loads(run("status", "--json").stdout)
    assert report["index"]["state"] == "unavailable" and report["database"]["rulings_published"] == 1
