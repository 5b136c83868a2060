"""Harvesting: fill the archive from its sources, incrementally and politely.

- :mod:`ingest.harvest.rechtspraak`: the rechtspraak.nl open-data service (the ECLI search feed, then the document
  per ECLI), incremental by the feed's ``modified`` time, whose high-water mark is kept in the database.
- :mod:`ingest.harvest.listing`: a publisher's HTML pages listing ruling PDFs (the SKGZ case): pagination, robots.txt,
  conditional GET.
- :mod:`ingest.harvest.http`: the one HTTP client both use: a request rate per host, retries with backoff on
  timeouts and 5xx, ``Retry-After`` honoured, redirects followed with loop detection, a size bound.
- :mod:`ingest.harvest.blobs`: downloaded bytes stored content-addressed in the data folder.

A harvest only downloads and records; it returns the stored files in a :class:`HarvestReport`, and the caller
ingests them with the existing pipeline (``app/cli_harvest.py``), so a download that fails never stops the others
and ingestion has one implementation.
"""

from ingest.harvest.report import Failure, HarvestReport

__all__ = ["Failure", "HarvestReport"]
