"""Bulk data: every published ruling as JSON Lines (gzip), their metadata as a CSV that Dutch Excel opens in columns,
and a manifest with the count and sha256 of each file.

Every row is a :class:`~app.schemas.RulingPublic` (built by :func:`app.service.to_public`, the shape
``/api/v1/rulings/{id}`` serves): the bulk files can hold nothing the API would not show, never an original file name
or un-anonymised text. Writing is a thin shell around pure row formatters: each file is written under a temporary
name in the target folder and renamed into place, the manifest last, so a reader never sees a half-written file.
The API (:func:`served_path`) serves only the files the manifest names.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from app import feeds
from app.schemas import RulingPublic
from archive.settings import Settings

FORMAT_VERSION = 1
JSONL_NAME = "rulings.jsonl.gz"
CSV_NAME = "rulings.csv"
MANIFEST_NAME = "manifest.json"
MEDIA_TYPES = {JSONL_NAME: "application/gzip", CSV_NAME: "text/csv; charset=utf-8"}
DESCRIPTIONS = {
    JSONL_NAME: "every published ruling, one JSON object per line (the /api/v1/rulings/{id} shape: all public "
                "fields and the full anonymised text and annex), gzip-compressed",
    CSV_NAME: "the metadata of every published ruling, for Dutch Excel: UTF-8 with BOM, semicolons, decimal "
              "comma, ISO dates, lists joined with ' | ', decision items as 'label: outcome'",
}

# Columns of the metadata CSV, each a RulingPublic field (or derived from one: see csv_values).
CSV_FIELDS = ["id", "slug", "case_number", "ecli", "title", "source", "court", "decision_date", "hearing_date",
              "decision_place", "insurer", "insurer_concern", "insurance_type", "outcome", "amount_claimed",
              "amount_awarded", "entreegeld_amount", "entreegeld_refunded", "decision_items", "topics",
              "references", "zaak_keywords", "pages", "url"]


class BulkFile(BaseModel):
    name: str = Field(description="file name; download it from /api/v1/bulk/{name}")
    size: int = Field(description="bytes")
    sha256: str = Field(description="hex sha256 of the file's bytes")
    count: int = Field(description="rulings in the file")
    media_type: str
    description: str = ""
    generated_at: datetime


class BulkManifest(BaseModel):
    format_version: int = FORMAT_VERSION
    generated_at: datetime
    count: int = Field(description="published rulings exported")
    files: list[BulkFile]


class BulkFileLink(BulkFile):
    url: str = Field(description="where to download it")


class BulkListing(BaseModel):
    generated_at: datetime | None = Field(default=None, description="when the files were written; null: none yet")
    count: int = Field(default=0, description="published rulings in the files")
    files: list[BulkFileLink] = Field(default_factory=list)


def bulk_dir(settings: Settings) -> Path:
    """The folder the API serves bulk files from (``rulings export-bulk`` writes here by default)."""
    return settings.data_dir / "bulk"


def jsonl_line(ruling: RulingPublic) -> bytes:
    return ruling.model_dump_json().encode() + b"\n"


def csv_values(ruling: RulingPublic, base_url: str = "") -> list[Any]:
    """The :data:`CSV_FIELDS` of one ruling, as values for :func:`app.feeds.excel_nl_line`."""
    derived: dict[str, Any] = {
        "decision_items": feeds.item_outcomes(ruling.decision_items),
        "topics": [t.id for t in ruling.topics],
        "references": [r.id for r in ruling.references],
        "url": base_url.rstrip("/") + ruling.url,
    }
    return [derived[f] if f in derived else getattr(ruling, f) for f in CSV_FIELDS]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _temp(target: Path, name: str) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
    os.close(fd)
    return Path(tmp)


def _publish(tmp: Path, final: Path) -> None:
    """Make ``tmp`` durable and rename it over ``final`` (atomic on one file system)."""
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    tmp.chmod(0o644)
    os.replace(tmp, final)


def write_bulk(rulings: Iterable[RulingPublic], target: Path, *, base_url: str = "",
               now: datetime | None = None) -> BulkManifest:
    """Write the JSON Lines, the CSV and the manifest of ``rulings`` into ``target`` (created if missing).

    One pass over ``rulings`` (the whole archive need not fit in memory). gzip gets no timestamp or name, so the same
    rulings give the same bytes and the same sha256. ``base_url`` makes the CSV's links absolute."""
    target.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    temps = {name: _temp(target, name) for name in (JSONL_NAME, CSV_NAME)}
    count = 0
    try:
        with temps[JSONL_NAME].open("wb") as raw, \
                gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as jsonl, \
                temps[CSV_NAME].open("w", encoding="utf-8", newline="") as csv_file:
            csv_file.write(feeds.BOM + feeds.excel_nl_line(CSV_FIELDS))
            for ruling in rulings:
                jsonl.write(jsonl_line(ruling))
                csv_file.write(feeds.excel_nl_line(csv_values(ruling, base_url)))
                count += 1
        files = [BulkFile(name=name, size=tmp.stat().st_size, sha256=sha256_file(tmp), count=count,
                          media_type=MEDIA_TYPES[name], description=DESCRIPTIONS[name], generated_at=stamp)
                 for name, tmp in temps.items()]
        manifest = BulkManifest(generated_at=stamp, count=count, files=files)
        for name, tmp in temps.items():
            _publish(tmp, target / name)
        manifest_tmp = _temp(target, MANIFEST_NAME)
        temps[MANIFEST_NAME] = manifest_tmp
        manifest_tmp.write_text(manifest.model_dump_json(indent=2) + "\n", encoding="utf-8")
        _publish(manifest_tmp, target / MANIFEST_NAME)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    return manifest


def read_manifest(target: Path) -> BulkManifest | None:
    """The manifest in ``target``, or None when no bulk export was written there."""
    try:
        return BulkManifest.model_validate_json((target / MANIFEST_NAME).read_bytes())
    except FileNotFoundError:
        return None


def served_path(target: Path, name: str) -> tuple[Path, BulkFile] | None:
    """The file called ``name`` if the manifest in ``target`` names it and it is a regular file directly inside
    ``target``; otherwise None. Only manifest names are looked up, so no request can reach another path."""
    manifest = read_manifest(target)
    entry = next((f for f in manifest.files if f.name == name), None) if manifest else None
    if entry is None:
        return None
    path = target / entry.name
    if path.is_symlink() or not path.is_file() or path.resolve().parent != target.resolve():
        return None
    return path, entry
