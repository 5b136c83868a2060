"""What one harvest run did: the files it stored for ingestion, counts, and the downloads that failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Failure:
    """A download that failed in this run (or earlier, and is not retried any more). ``key`` is the ECLI or the
    URL; it is shown to the operator on the terminal, never logged."""

    item_id: int | None
    key: str
    code: str
    message: str
    attempts: int

    def public(self) -> dict[str, object]:
        return {"id": self.item_id, "key": self.key, "error_code": self.code, "error": self.message,
                "attempts": self.attempts}


@dataclass
class HarvestReport:
    source: str
    files: list[Path] = field(default_factory=list)  # stored files to ingest (new, changed or not yet ingested)
    fetched: int = 0  # documents downloaded and stored in this run
    unchanged: int = 0  # listed but not downloaded: same version as before, or a 304
    deleted: int = 0  # feed entries marking a ruling deleted upstream
    withdrawn: int = 0  # published rulings of this archive taken down because they were deleted upstream
    robots_skipped: int = 0  # links robots.txt does not allow
    pages: int = 0  # feed or listing pages read
    requests: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mark: str | None = None  # the high-water mark after the run (rechtspraak)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> dict[str, object]:
        return {"source": self.source, "fetched": self.fetched, "unchanged": self.unchanged,
                "failed": self.failed, "deleted": self.deleted, "withdrawn": self.withdrawn,
                "robots_skipped": self.robots_skipped,
                "pages": self.pages, "requests": self.requests, "to_ingest": len(self.files), "mark": self.mark,
                "notes": self.notes}
