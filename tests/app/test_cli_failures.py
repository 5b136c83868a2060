"""`rulings ingest` never hides a failed document on a re-run; `rulings status` lists it, without its file name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from ingest import pipeline
from tests.fixtures.archive import Archive
from tests.fixtures.cli import cli_against

pytestmark = pytest.mark.integration


@pytest.fixture
def run(archive: Archive, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pipeline._Task, "warm_up", lambda self: None)  # these documents fail before the model
    with cli_against(archive, monkeypatch) as invoke:
        yield invoke


def test_rerun_reports_the_failure_and_exits_1_until_fixed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "uitspraak-Pietersen.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    lines = []
    for _ in range(3):
        result = run("ingest", "--json", "--no-index", "--max-retries", "1", str(bad))
        assert result.exit_code == 1  # was 0 with "skipped" on the second run
        [line] = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
        lines.append(line)
    assert [x["status"] for x in lines] == ["failed"] * 3
    assert [x["attempts"] for x in lines] == [1, 2, 2]  # the third run does not process it again
    assert all(x["error_code"] == "corrupt_document" and x["error"] for x in lines)
    text = run("ingest", "--no-index", "--max-retries", "1", str(bad))
    assert text.exit_code == 1 and "corrupt_document" in text.stderr and "1 failed" in text.stderr

    status = run("status", "--json")
    [listed] = json.loads(status.stdout)["failed_documents"]
    assert listed["sha256"] == lines[0]["sha256"] and listed["error_code"] == "corrupt_document"
    assert listed["attempts"] == 2 and listed["status"] == "failed"
    human = run("status").stdout
    assert "failed documents: 1" in human and lines[0]["sha256"][:12] in human and "corrupt_document" in human
    assert "Pietersen" not in status.stdout + human  # a file name may name a party


def test_fifo_is_refused_by_the_cli_quickly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    result = run("ingest", "--json", "--no-index", str(fifo))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error_code"] == "not_regular_file"
    for command in ("extract", "anonymise"):
        refused = CliRunner().invoke(cli, [command, str(fifo)])
        assert refused.exit_code != 0 and "FIFO" in str(refused.exception)
