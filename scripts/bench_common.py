"""What the benchmark scripts share: where the samples are, a percentile, the synthetic corpus.

``scripts/bench.py`` (``make bench``) runs ``scripts/bench_search.py``'s search benchmark, and both build the same
corpus; the shared parts live here so that neither script imports the other's private helpers (they did, both
ways). ``scripts/render_timing.py`` uses the same percentile.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from search_index import free_port

__all__ = ["ROOT", "SAMPLES", "free_port", "percentile", "synthetic_rulings"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile of ``values`` (non-empty)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def synthetic_rulings(n: int, factory) -> int:  # type: ignore[no-untyped-def]
    """Clone the ingested sample rulings into n rulings with varied metadata (same anonymised text)."""
    from sqlalchemy import select

    from archive.db import session_scope
    from archive.models import Ruling
    from archive.store import content_hash

    rng = random.Random(42)
    insurers = ["Zilveren Kruis", "VGZ", "CZ", "Menzis", "DSW", "ONVZ", "Zorg en Zekerheid", "a.s.r.",
                "Salland", "geanonimiseerd"]
    outcomes = ["toegewezen", "gedeeltelijk toegewezen", "afgewezen", "niet-ontvankelijk"]
    with session_scope(factory) as s:
        templates = s.scalars(select(Ruling).where(Ruling.status == "published")).all()
        cols = [c.key for c in Ruling.__table__.columns if c.key not in ("id", "slug", "created_at", "updated_at")]
        made = 0
        for i in range(n):
            t = templates[i % len(templates)]
            r = Ruling(**{c: getattr(t, c) for c in cols})
            r.slug = f"BENCH{i:06d}"
            r.case_number = r.slug
            r.ecli = None
            r.title = f"Bindend advies {r.slug}"
            r.decision_date = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 17 * 365))
            r.insurer = rng.choice(insurers)
            r.outcome = rng.choice(outcomes)
            r.amount_awarded = round(rng.random() * 5000, 2)
            r.indexed_hash = None
            r.content_hash = content_hash(r)
            s.add(r)
            made += 1
            if made % 500 == 0:
                s.flush()
    return made


def wait_healthy(base: str, proc: Any = None, timeout_s: float = 120.0) -> None:
    """Wait until ``base``/healthz answers 200; fail early if ``proc`` (the server's Popen) has exited."""
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base} did not become healthy")
