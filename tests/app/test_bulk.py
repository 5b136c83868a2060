"""Bulk data writers (app/bulk.py) and the Dutch Excel CSV (app/feeds.py), without services: files, manifest,
determinism, and the guard that serves only manifest names."""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app import bulk, feeds
from app.schemas import DecisionItemPublic, RulingPublic, TopicPublic


def read_like_dutch_excel(data: bytes) -> list[dict[str, str]]:
    """A CSV reader configured as Excel with a Dutch locale: UTF-8 only behind a BOM, ';' as the list separator."""
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def dutch_number(cell: str) -> float:
    """What Dutch Excel makes of a number cell: digits with an optional decimal comma, no thousands separator."""
    assert re.fullmatch(r"\d+(,\d+)?", cell), cell
    return float(cell.replace(",", "."))


def _ruling(i: int, **kw: object) -> RulingPublic:
    values: dict[str, object] = dict(
        id=i, slug=f"2020{i:05d}", url=f"/uitspraak/2020{i:05d}", source="skgz", case_number=f"2020{i:05d}",
        title=f"Uitspraak {i}; mondzorg", decision_date=date(2020, 1, i), insurance_type="aanvullend",
        outcome="gedeeltelijk toegewezen", outcome_explanation="", amount_claimed=1234.5 * i, amount_awarded=99.99,
        topics=[TopicPublic(id="mondzorg", label="Mondzorg")],
        decision_items=[DecisionItemPublic(label="i", text="x", outcome="toegewezen"),
                        DecisionItemPublic(label="ii", text="y", outcome="afgewezen")],
        text=f"De tekst van uitspraak {i};\nmet een tweede regel en \"aanhalingstekens\".",
    )
    values.update(kw)
    return RulingPublic.model_validate(values)


NOW = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)


def test_files_manifest_and_dutch_excel_csv(tmp_path: Path) -> None:
    rulings = [_ruling(1), _ruling(2, title="=HYPERLINK(\"x\")", amount_claimed=None, entreegeld_refunded=True)]
    manifest = bulk.write_bulk(rulings, tmp_path, base_url="https://uitspraken.example.nl", now=NOW)

    assert manifest.count == 2 and [f.name for f in manifest.files] == [bulk.JSONL_NAME, bulk.CSV_NAME]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([bulk.JSONL_NAME, bulk.CSV_NAME, bulk.MANIFEST_NAME])
    assert bulk.read_manifest(tmp_path) == manifest
    for entry in manifest.files:
        data = (tmp_path / entry.name).read_bytes()
        assert entry.size == len(data) and entry.sha256 == hashlib.sha256(data).hexdigest() and entry.count == 2

    lines = gzip.decompress((tmp_path / bulk.JSONL_NAME).read_bytes()).decode().splitlines()
    assert [RulingPublic.model_validate_json(line) for line in lines] == rulings  # every public field, the text too

    rows = read_like_dutch_excel((tmp_path / bulk.CSV_NAME).read_bytes())
    assert list(rows[0]) == bulk.CSV_FIELDS and len(rows) == 2
    assert dutch_number(rows[0]["amount_claimed"]) == 1234.5 and dutch_number(rows[0]["amount_awarded"]) == 99.99
    assert rows[0]["decision_items"] == "i: toegewezen | ii: afgewezen" and rows[0]["topics"] == "mondzorg"
    assert rows[0]["title"] == "Uitspraak 1; mondzorg"  # the separator inside a cell is quoted, not a new column
    assert rows[0]["decision_date"] == "2020-01-01" and rows[0]["id"] == "1"
    assert rows[0]["url"] == "https://uitspraken.example.nl/uitspraak/202000001"
    assert rows[1]["title"].startswith("'=") and rows[1]["amount_claimed"] == ""  # formulas neutralised
    assert rows[1]["entreegeld_refunded"] == "ja" and rows[0]["entreegeld_refunded"] == ""


def test_the_same_rulings_give_the_same_bytes_and_no_temp_files_remain(tmp_path: Path) -> None:
    first = bulk.write_bulk([_ruling(1)], tmp_path / "a", now=NOW)
    second = bulk.write_bulk([_ruling(1)], tmp_path / "b", now=NOW)
    assert [f.sha256 for f in first.files] == [f.sha256 for f in second.files]
    again = bulk.write_bulk([_ruling(1), _ruling(3)], tmp_path / "a", now=NOW)  # replaces in place
    assert again.count == 2 and not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]


def test_a_failing_source_leaves_the_previous_files(tmp_path: Path) -> None:
    before = bulk.write_bulk([_ruling(1)], tmp_path, now=NOW)

    def broken():  # type: ignore[no-untyped-def]
        yield _ruling(2)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        bulk.write_bulk(broken(), tmp_path, now=NOW)
    assert bulk.read_manifest(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([bulk.JSONL_NAME, bulk.CSV_NAME, bulk.MANIFEST_NAME])
    assert hashlib.sha256((tmp_path / bulk.CSV_NAME).read_bytes()).hexdigest() == before.files[1].sha256


def test_only_manifest_names_are_served(tmp_path: Path) -> None:
    assert bulk.read_manifest(tmp_path) is None and bulk.served_path(tmp_path, bulk.CSV_NAME) is None
    bulk.write_bulk([_ruling(1)], tmp_path / "bulk", now=NOW)
    target = tmp_path / "bulk"
    (tmp_path / "secret.txt").write_text("private")
    (target / "extra.csv").write_text("not in the manifest")
    found = bulk.served_path(target, bulk.CSV_NAME)
    assert found is not None and found[0] == target / bulk.CSV_NAME
    for name in ("manifest.json", "extra.csv", "../secret.txt", "..", ".", "", "/etc/passwd", "rulings.csv/.."):
        assert bulk.served_path(target, name) is None, name
    # A manifest name that became a link elsewhere is not followed.
    (target / bulk.CSV_NAME).unlink()
    (target / bulk.CSV_NAME).symlink_to(tmp_path / "secret.txt")
    assert bulk.served_path(target, bulk.CSV_NAME) is None


def test_excel_nl_cells() -> None:
    assert [feeds.excel_nl_cell(v) for v in (None, 3, 1234.56, 0.5, 2.0, True, False, date(2021, 3, 4))] == [
        "", "3", "1234,56", "0,50", "2,00", "ja", "nee", "2021-03-04"]
    assert feeds.excel_nl_cell(["a", "b"]) == "a | b" and feeds.excel_nl_cell("-1") == "'-1"
    line = feeds.excel_nl_line(["a;b", 'c"d', "e\nf", 1.5])
    assert line == '"a;b";"c""d";"e\nf";1,50\r\n'
    row = next(csv.reader(io.StringIO(line, newline=""), delimiter=";"))
    assert row == ["a;b", 'c"d', "e\nf", "1,50"]
    assert feeds.item_outcomes([{"label": "i", "outcome": "afgewezen"}, {"label": "", "outcome": "overig"}]) == [
        "i: afgewezen", "overig"]
    assert json.loads(feeds.jsonl_line({"a": 1})) == {"a": 1}
