"""What `rulings beat` schedules, read from the settings: the index sync (``RULINGS_INDEX_SYNC_INTERVAL_S``), the
harvests (``RULINGS_HARVEST_SCHEDULE``) and the alert digests (``RULINGS_ALERTS_SCHEDULE``).

A WHEN is a number of seconds between runs (``3600``) or a crontab line of five fields in UTC (``15 2 * * *``:
minute, hour, day of month, month, day of week). ``RULINGS_HARVEST_SCHEDULE`` holds ``NAME=WHEN`` entries
separated by ``;``, NAME ``rechtspraak`` (the built-in harvest, with RULINGS_RECHTSPRAAK_SUBJECTS/_CREATORS) or a
source named in ``RULINGS_SOURCES``. A bad value is a configuration error (exit 2) when beat or a worker starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from celery.schedules import crontab, schedule

from archive.errors import ConfigurationError
from archive.settings import Settings

BUILTIN_HARVESTS = ("rechtspraak",)


@dataclass(frozen=True)
class Entry:
    name: str  # the job's name in beat and in `rulings status`: harvest:<source>, alerts, index-sync
    task: str
    args: tuple[str, ...]
    when: Any  # a celery schedule

    @property
    def expires(self) -> float | None:
        """A tick no worker took before the next one is dropped (workers down for a while find one of each job
        waiting, not a pile); a crontab tick (hours or days apart) waits for a worker instead."""
        return self.when.run_every.total_seconds() if isinstance(self.when, schedule) and not isinstance(
            self.when, crontab) else None


def parse_when(value: str, setting: str) -> Any:
    """Seconds (a positive number) or a five-field crontab line, as a Celery schedule."""
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        fields = text.split()
        if len(fields) != 5:
            raise ConfigurationError(f"{setting}: {text!r} is neither seconds nor a crontab line of five fields "
                                     "(minute hour day-of-month month day-of-week)") from None
        minute, hour, day_of_month, month, day_of_week = fields
        try:
            return crontab(minute=minute, hour=hour, day_of_month=day_of_month, month_of_year=month,
                           day_of_week=day_of_week)
        except ValueError as exc:
            raise ConfigurationError(f"{setting}: {text!r} is not a valid crontab line ({exc})") from None
    if not seconds > 0:
        raise ConfigurationError(f"{setting}: {text!r}: the seconds between runs must be positive")
    return schedule(seconds)


def harvest_entries(settings: Settings) -> dict[str, Any]:
    """``{source name: schedule}`` from RULINGS_HARVEST_SCHEDULE, each name checked against the sources."""
    from ingest.harvest.sources import load_sources

    plan: dict[str, Any] = {}
    if not settings.harvest_schedule.strip():
        return plan
    known = set(BUILTIN_HARVESTS) | set(load_sources(settings))
    for item in settings.harvest_schedule.split(";"):
        if not item.strip():
            continue
        name, sep, when = item.partition("=")
        name = name.strip()
        if not sep or not name or not when.strip():
            raise ConfigurationError(f"RULINGS_HARVEST_SCHEDULE: {item.strip()!r} is not NAME=WHEN")
        if name not in known:
            raise ConfigurationError(f"RULINGS_HARVEST_SCHEDULE: no harvest source {name!r} (rechtspraak or a "
                                     "source named in RULINGS_SOURCES)")
        if name in plan:
            raise ConfigurationError(f"RULINGS_HARVEST_SCHEDULE: {name!r} is scheduled twice")
        plan[name] = parse_when(when, f"RULINGS_HARVEST_SCHEDULE ({name})")
    return plan


def entries(settings: Settings, *, sync_task: str, harvest_task: str, alerts_task: str) -> list[Entry]:
    """Every scheduled job, validated."""
    jobs = [Entry("index-sync", sync_task, (), schedule(settings.index_sync_interval_s))]
    jobs += [Entry(f"harvest:{name}", harvest_task, (name,), when)
             for name, when in harvest_entries(settings).items()]
    if settings.alerts_schedule.strip():
        jobs.append(Entry("alerts", alerts_task, (), parse_when(settings.alerts_schedule, "RULINGS_ALERTS_SCHEDULE")))
    return jobs
