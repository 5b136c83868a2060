"""Bulk data end to end on real services: `rulings export-bulk` of the samples, validated against `rulings status`;
the API lists and serves the files and nothing else; the search export's Dutch Excel CSV carries amounts and the
outcome of each decision item."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app import bulk, feeds
from app.indexing import sync_index
from app.runtime import open_index
from app.schemas import RulingPublic
from ingest.pipeline import run_batch
from tests.app.test_bulk import dutch_number, read_like_dutch_excel
from tests.fixtures.archive import PRIVATE_NAMES, SAMPLES, Archive
from tests.fixtures.cli import cli_against

pytestmark = pytest.mark.integration


@pytest.fixture
def run(archive: Archive, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with cli_against(archive, monkeypatch) as invoke:
        yield invoke


def _ingest_samples(archive: Archive) -> None:
    run_batch([SAMPLES], archive.settings, archive.database.factory)
    sync_index(archive.database.factory, open_index(archive.settings))


def test_bulk_export_of_the_samples_validates_and_is_served(archive: Archive, run, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/bulk").json() == {"generated_at": None, "count": 0, "files": []}
    _ingest_samples(archive)
    published = json.loads(run("status", "--json").stdout)["database"]["rulings_published"]
    assert published > 0  # counted, not assumed: a sample may be quarantined

    result = run("export-bulk", "--json")
    assert result.exit_code == 0, result.output
    target = bulk.bulk_dir(archive.settings)
    manifest = json.loads(result.stdout)
    assert manifest == json.loads((target / bulk.MANIFEST_NAME).read_text())
    assert manifest["count"] == published
    for entry in manifest["files"]:
        data = (target / entry["name"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
        assert entry["count"] == published

    lines = gzip.decompress((target / bulk.JSONL_NAME).read_bytes()).decode("utf-8").splitlines()
    rulings = [RulingPublic.model_validate(json.loads(line)) for line in lines]  # every line parses, public shape
    assert len(rulings) == published and len({r.id for r in rulings}) == published
    assert all(r.text for r in rulings)
    api_ruling = client.get(f"/api/v1/rulings/{rulings[0].id}").json()
    assert json.loads(lines[0]) == api_ruling  # the same fields and text the API serves
    raw = gzip.decompress((target / bulk.JSONL_NAME).read_bytes()).decode("utf-8")
    assert not any(name in raw for name in PRIVATE_NAMES)
    assert not any(p.name in raw for p in SAMPLES.iterdir())  # never an original file name

    rows = read_like_dutch_excel((target / bulk.CSV_NAME).read_bytes())
    assert len(rows) == published and list(rows[0]) == bulk.CSV_FIELDS
    by_id = {r.id: r for r in rulings}
    for row in rows:
        ruling = by_id[int(row["id"])]
        assert row["slug"] == ruling.slug and row["outcome"] == ruling.outcome
        for field in ("amount_claimed", "amount_awarded"):
            value = getattr(ruling, field)
            assert (row[field] == "") if value is None else dutch_number(row[field]) == pytest.approx(value)
        assert row["decision_items"] == " | ".join(f"{i.label}: {i.outcome}" if i.label else i.outcome
                                                   for i in ruling.decision_items)
    assert any(row["amount_claimed"] for row in rows) and any(row["decision_items"] for row in rows)

    # The API lists the manifest's files and serves exactly those bytes.
    listing = client.get("/api/v1/bulk").json()
    assert listing["count"] == published and listing["generated_at"]
    assert [(f["name"], f["sha256"], f["size"], f["count"]) for f in listing["files"]] == [
        (f["name"], f["sha256"], f["size"], f["count"]) for f in manifest["files"]]
    for f in listing["files"]:
        assert f["url"].endswith(f"/api/v1/bulk/{f['name']}")
        resp = client.get(f"/api/v1/bulk/{f['name']}")
        assert resp.status_code == 200 and hashlib.sha256(resp.content).hexdigest() == f["sha256"]
        assert resp.headers["content-type"].split(";")[0] == f["media_type"].split(";")[0]
        assert f'filename="{f["name"]}"' in resp.headers["content-disposition"]

    # Unknown names and every way out of the folder are 404 in the one error shape.
    (target / "other.csv").write_text("not listed")
    (archive.settings.data_dir / "secret.txt").write_text("private")
    for path in ("/api/v1/bulk/manifest.json", "/api/v1/bulk/other.csv", "/api/v1/bulk/..%2Fsecret.txt",
                 "/api/v1/bulk/%2E%2E%2Frulings.sqlite3", "/api/v1/bulk/..%5Csecret.txt",
                 "/api/v1/bulk/%2Fetc%2Fpasswd",
                 "/api/v1/bulk/..", "/api/v1/bulk/rulings.csv%00", "/api/v1/bulk/" + "x" * 101):
        resp = client.get(path)
        assert resp.status_code in (404, 422), (path, resp.status_code)
        assert "private" not in resp.text and "not listed" not in resp.text
        assert set(resp.json()) == {"error"}
    assert client.get("/api/v1/bulk/nothing.csv").json()["error"]["code"] == "not_found"


def test_search_export_csv_for_dutch_excel_has_amounts_and_item_outcomes(archive: Archive, client: TestClient) -> None:
    _ingest_samples(archive)
    resp = client.get("/api/v1/search/export", params={"format": "csv-nl"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert 'filename="uitspraken-excel.csv"' in resp.headers["content-disposition"]
    rows = read_like_dutch_excel(resp.content)
    assert list(rows[0]) == feeds.EXCEL_NL_EXPORT_FIELDS
    total = client.get("/api/v1/search").json()["total"]
    assert len(rows) == total
    for row in rows:
        ruling = client.get(f"/api/v1/rulings/{row['id']}").json()
        for field in ("amount_claimed", "amount_awarded"):
            value = ruling[field]
            assert (row[field] == "") if value is None else dutch_number(row[field]) == pytest.approx(value)
        assert row["decision_items"] == " | ".join(
            f"{i['label']}: {i['outcome']}" if i["label"] else i["outcome"] for i in ruling["decision_items"])
    assert any(r["amount_awarded"] or r["amount_claimed"] for r in rows)
    assert any(": " in r["decision_items"] for r in rows)

    # JSON Lines carries the same, as values; the comma CSV keeps its columns for existing users.
    lines = [json.loads(x) for x in client.get("/api/v1/search/export", params={"format": "jsonl"}).text.splitlines()]
    assert {r["id"] for r in lines} == {int(r["id"]) for r in rows}
    assert all({"amount_claimed", "amount_awarded", "decision_items"} <= set(r) for r in lines)
    assert all(set(i) == {"label", "outcome"} for r in lines for i in r["decision_items"])
    comma = client.get("/api/v1/search/export", params={"format": "csv"}).text.lstrip("\ufeff").splitlines()
    assert comma[0] == ",".join(feeds.EXPORT_FIELDS)
    limited = client.get("/api/v1/search/export", params={"format": "csv-nl", "limit": 1})
    assert len(read_like_dutch_excel(limited.content)) == 1


def test_export_bulk_into_a_given_folder(archive: Archive, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("export-bulk", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "exported 0 rulings" in result.stderr
    manifest = bulk.read_manifest(tmp_path / "out")
    assert manifest is not None and manifest.count == 0
    assert read_like_dutch_excel((tmp_path / "out" / bulk.CSV_NAME).read_bytes()) == []
