"""The one place that reads the environment.

Every knob of the system is a field here, prefixed ``RULINGS_`` in the environment. The object is built once at
start-up (``get_settings()``), validated, and passed down; nothing else reads ``os.environ``.
A test (``tests/unit/test_settings_documented.py``) checks that every field is documented in the README.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ExtractorName = Literal["auto", "pdfium", "pdfplumber"]


class Settings(BaseSettings):
    """Configuration of rulings-archive. See README "Configuration" for each field."""

    model_config = SettingsConfigDict(env_prefix="RULINGS_", env_file=None, extra="ignore")

    data_dir: Path = Field(default=Path("./var"), description="Database, Meilisearch data, private originals.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir.")
    meili_url: str | None = Field(default=None, description="External Meilisearch URL; unset = managed local.")
    meili_key: str | None = Field(default=None, description="Meilisearch key; unset = generated master key.")
    meili_binary: str | None = Field(default=None, description="Path of the meilisearch binary to manage.")
    meili_port: int = Field(default=7700, description="Port of the managed local Meilisearch.")
    index_name: str = Field(
        default="rulings", description="Name of the Meilisearch index; its passages index is `<name>-passages`."
    )
    ner_model: str = Field(default="bundled", description="spaCy pipeline for NER: 'bundled' or a package/path.")
    extractor: ExtractorName = Field(default="auto", description="PDF text extractor.")
    ocr: bool = Field(default=True, description="OCR pages without a usable text layer (needs tesseract).")
    ocr_languages: str = Field(default="nld+eng", description="Tesseract language codes.")
    ocr_dpi: int = Field(default=300, ge=72, le=600, description="Resolution scanned pages are rendered at for OCR.")
    ocr_page_timeout_s: float = Field(
        default=60.0, gt=0, description="Time bound of OCR per page, seconds; each OCR page adds it to the "
                                        "document's bound (RULINGS_DOC_TIMEOUT_S).")
    keep_originals: bool = Field(default=True, description="Keep original (un-anonymised) text privately.")
    redact_officials: bool = Field(default=False, description="Also replace committee members and signers.")
    max_pages: int = Field(default=2000, description="Documents with more pages are refused.")
    max_file_mb: int = Field(default=200, description="Files larger than this are refused.")
    doc_timeout_s: float = Field(default=300.0, description="Per-document processing time bound, seconds.")
    doc_memory_mb: int = Field(default=2048, description="Per-document address-space bound, MiB.")
    workers: int = Field(default=0, description="Worker processes for `rulings ingest` (0 = one per CPU).")
    host: str = Field(default="127.0.0.1", description="Host the web server binds.")
    port: int = Field(default=8000, description="Port the web server binds.")
    log_level: str = Field(default="INFO", description="Python logging level.")
    report_email: str | None = Field(default=None, description="Address shown on /over for reporting mistakes.")
    public_url: str | None = Field(
        default=None, description="Public base URL (scheme://host[:port][/prefix]) of every absolute link.")
    allowed_hosts: str = Field(
        default="", description="Comma-separated Host header names accepted; empty = the public URL's host and "
                                "the loopback names; '*' = any (only behind a proxy that checks Host).")
    rate_limit_per_minute: int = Field(
        default=1200, ge=0, description="Request cost a client may spend per minute, sustained; 0 = no limit.")
    rate_limit_burst: int = Field(
        default=300, ge=1, description="Request cost a client may spend at once before the per-minute rate applies.")
    rate_limit_export_cost: int = Field(
        default=50, ge=1, description="Cost of one search export or bulk file download (a page or API call costs 1).")
    redis_url: str | None = Field(
        default=None, description="Redis URL for shared rate-limit counters; unset = counters in the process.")

    # Review (issue 17, docs/review.md): publication policy, reviewer sessions, login throttling.
    publication: Literal["auto", "review"] = Field(
        default="auto", description="auto: rulings are published at once; review: a new or changed ruling waits "
                                    "for a reviewer's approval.")
    session_idle_minutes: int = Field(default=30, ge=1, description="A reviewer session ends after this idle time.")
    session_max_hours: int = Field(default=12, ge=1, description="A reviewer session ends this long after login.")
    login_attempts_burst: int = Field(
        default=10, ge=1, description="Login attempts per account (four times as many per client) before the next "
                                      "one waits: then one a minute per account, four per client.")
    review_secret: str | None = Field(
        default=None, description="Key signing the report form's CSRF token; unset = generated in the data dir.")
    # Harvesting (`rulings harvest`, ingest/harvest/) ---------------------------------------------------------
    rechtspraak_url: str = Field(
        default="https://data.rechtspraak.nl", description="Base URL of the rechtspraak.nl open-data service.")
    rechtspraak_subjects: str = Field(
        default="", description="Comma-separated rechtsgebied URIs (`subject`) a rechtspraak harvest is limited to; "
                                "empty = all.")
    rechtspraak_creators: str = Field(
        default="", description="Comma-separated instantie URIs (`creator`) a rechtspraak harvest is limited to; "
                                "empty = all.")
    rechtspraak_page_size: int = Field(
        default=1000, ge=1, le=1000, description="Entries per page of the rechtspraak search feed (`max`).")
    sources: str = Field(
        default="", description="Named harvest sources (`rulings harvest NAME`): JSON, or the path of a JSON or "
                                "TOML file; see docs/operations.md, \"Harvesting\".")
    harvest_requests_per_s: float = Field(
        default=2.0, gt=0, le=50, description="Most HTTP requests per second a harvest sends to one host.")
    harvest_timeout_s: float = Field(default=30.0, gt=0, description="Time bound of one HTTP request, seconds.")
    harvest_retries: int = Field(
        default=3, ge=0, le=10, description="Retries of a request that timed out or got a 5xx/429 answer.")
    harvest_backoff_s: float = Field(
        default=2.0, ge=0, description="First wait before a retry, seconds; doubles with every retry.")
    harvest_retry_after_max_s: float = Field(
        default=600.0, ge=0, description="Longest Retry-After a harvest waits for; a longer one fails the request.")
    harvest_max_pages: int = Field(
        default=500, ge=1, description="Most pages of a publisher's listing one harvest follows.")
    harvest_max_attempts: int = Field(
        default=5, ge=1, description="Runs that try a failing download before it stays failed (still reported).")
    harvest_user_agent: str = Field(
        default="rulings-archive-harvester/1.0", description="User-Agent of harvest requests (and robots.txt).")

    # E-mail alerts (app.alerts; README "E-mail alerts"). Unset smtp_url or mail_from: the search page offers none.
    smtp_url: str | None = Field(
        default=None, description="SMTP server for alert mails: smtp://[user:password@]host[:port][?starttls=true] "
                                  "or smtps://...; unset = no e-mail alerts.")
    mail_from: str | None = Field(
        default=None, description="Sender of alert mails, e.g. 'Uitsprakenarchief <alerts@example.nl>'.")
    smtp_timeout_s: float = Field(default=20.0, gt=0, description="Time bound of one SMTP connection, seconds.")
    alerts_confirm_hours: int = Field(
        default=48, ge=1, description="Hours a subscription request waits for its confirmation before it is deleted.")
    alerts_max_rulings: int = Field(
        default=50, ge=1, le=500, description="Rulings listed in one digest; more are linked as a search.")
    alerts_settle_s: int = Field(
        default=300, ge=0, description="Rulings published less than this many seconds ago wait for the next digest "
                                       "(a ruling still being stored or indexed is never skipped).")

    # Workers and the queue (issue 16; app/queue, docs/operations.md "Workers and the queue") -----------------------
    broker_url: str | None = Field(
        default=None, description="Celery broker (amqp://... or redis://...); unset = `rulings ingest` processes "
                                  "in its own process pool, and `--queue` and `rulings worker` are refused.")
    queue_name: str = Field(default="rulings", description="Broker queue the ingestion tasks go through.")
    blob_dir: Path | None = Field(
        default=None, description="Folder every worker reaches (a shared mount) for the queued files' bytes; "
                                  "unset = the database's queue_blobs table.")
    queue_max_deliveries: int = Field(
        default=3, ge=1, description="Deliveries of one queued document whose worker died before it finished; "
                                     "after that it is recorded as failed (worker_lost), never looped.")
    queue_visibility_timeout_s: float = Field(
        default=3600.0, gt=0, description="Redis broker only: seconds before an unacknowledged task of a dead "
                                          "worker is delivered again (above the longest task).")
    index_sync_interval_s: float = Field(
        default=300.0, gt=0, description="Seconds between the scheduled index syncs of `rulings beat`.")
    queue_wait_timeout_s: float = Field(
        default=0.0, ge=0, description="Default of `rulings ingest --queue --wait --timeout`: seconds after which it "
                                       "stops waiting (exit 4; the documents stay queued); 0 = wait until done.")
    harvest_schedule: str = Field(
        default="", description="Harvests `rulings beat` schedules: `NAME=WHEN` entries separated by `;`, NAME "
                                "`rechtspraak` or a source in RULINGS_SOURCES, WHEN seconds between runs or a "
                                "crontab line in UTC (`15 2 * * *`); empty = none.")
    harvest_schedule_max: int = Field(
        default=2000, ge=0, description="Most documents one scheduled harvest downloads; then it queues them and ends, "
                                        "and the next run goes on from the mark (0 = no limit).")
    alerts_schedule: str = Field(
        default="", description="When `rulings beat` sends the alert digests: seconds between runs or a crontab "
                                "line in UTC (`0 6 * * *`); empty = not scheduled (run `rulings alerts send`).")
    queue_fault: str = Field(
        default="", description="Testing only: comma-separated `process:<sha256 prefix>` / `worker:<prefix>`: "
                                "such a document kills its processing process / its whole worker; `slow:SECONDS`: "
                                "each document takes at least that long.")

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        parsed = urlsplit(v.strip())
        if parsed.scheme not in ("http", "https") or not parsed.hostname or parsed.query or parsed.fragment:
            raise ValueError("public_url must be http(s)://host[:port][/path], without query or fragment")
        return v.strip().rstrip("/")

    @model_validator(mode="after")
    def _export_fits_in_burst(self) -> Settings:
        if self.rate_limit_per_minute and self.rate_limit_export_cost > self.rate_limit_burst:
            raise ValueError("rate_limit_export_cost must not exceed rate_limit_burst (an export could never run)")
        return self

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, v: Path) -> Path:
        return v.expanduser().resolve()

    # Derived locations -------------------------------------------------------------------------------
    @property
    def db_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # Accept the plain libpq form and route it to psycopg 3, the driver we ship.
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://"):]
            elif url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url[len("postgres://"):]
            return url
        return f"sqlite:///{self.data_dir / 'rulings.sqlite3'}"

    @property
    def private_dir(self) -> Path:
        """Originals and un-anonymised text: never served."""
        return self.data_dir / "private"

    @property
    def meili_data_dir(self) -> Path:
        return self.data_dir / "meili"

    @property
    def managed_meili(self) -> bool:
        return self.meili_url is None

    def meili_master_key(self) -> str:
        """The key for the managed server: configured, or generated once and kept in the data dir."""
        if self.meili_key:
            return self.meili_key
        path = self.data_dir / "meili.key"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(24)
        path.write_text(key)
        path.chmod(0o600)
        return key

    def host_names(self) -> frozenset[str]:
        """Host header names (without port, lower case) the web app answers to; ``*`` in the set = any."""
        if self.allowed_hosts.strip():
            return frozenset(h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip())
        names = {"127.0.0.1", "localhost", "::1", "testserver"}
        if self.public_url:
            names.add((urlsplit(self.public_url).hostname or "").lower())
        return frozenset(names)

    def effective_meili_url(self) -> str:
        return self.meili_url or f"http://127.0.0.1:{self.meili_port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
