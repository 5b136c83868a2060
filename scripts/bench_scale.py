"""Search at 100,000 rulings of varied text (issue 16): the API against Meilisearch direct, in one run.

``python -m scripts.bench_scale [--rulings 100000] [--checkpoints 10000,30000]`` (``make bench`` runs it as its
own section, ``--scale-rulings N``):

1. **Donors.** Every real ruling text in the shared corpus (``../shared/corpus``, see its README): the
   rechtspraak.nl XML (public domain), the rechtspraak CSV full texts and the Flemish study-progress rulings
   (benchmarks may read them; nothing of them is copied into the repository). Each is extracted with the
   project's extractor (XML) and parsed once with the project's parser and topic tagger, so the metadata the
   generated rulings carry (courts, dates, outcomes, topics, cited provisions, amounts, care types, countries)
   comes from real distributions.
2. **Corpus.** Each generated ruling recombines paragraphs of 3-6 *different* donors in their document order
   (opening paragraphs from the donors' openings, the decision from their endings), to a length drawn from the
   donors' real lengths, with its own case number and ECLI and re-drawn amounts in the text. Metadata: a primary
   donor's parsed outcome, court, topics and references (a second donor adds its own with some probability), a
   decision date drawn from the donors' real dates, an insurer for half of the rulings weighted by the Dutch
   health insurers' market shares (rounded public figures), amounts drawn from the amounts the parser found.
   Nothing here is the clones-of-seven-samples corpus of ``bench_search.py``.
3. **Index.** A managed Meilisearch (``tools/meilisearch``, 2 indexing threads) with the project's index
   settings; documents go through ``SearchIndex.upsert`` (``search_index/documents.py``: the ruling document
   with its lemmas, the passages for snippets), exactly what ``sync_index`` writes, without a database (the API
   reads only the index for a search). The index grows through the checkpoints (e.g. 10k, 30k, 100k): at each
   one the run records the build rate of that stage, the index size on disk (allocated bytes of the data folder,
   and Meilisearch's own ``databaseSize``/``usedDatabaseSize``) and Meilisearch's peak RSS (``VmHWM``).
4. **Search, at each checkpoint.** The API (``app.main:create_app`` under uvicorn in its own process, as
   ``bench_search.py`` serves it) and Meilisearch direct get the same searches, a query word, 2 filters, 4
   facets and snippets (``bench_search._sequential``: p50/p95/p99 after a warm-up, plus all 9 facets and two
   list filters), and the throughput share at concurrency 8 in alternating rounds
   (``bench_search._side_by_side``). Query words are drawn from the donors' vocabulary in a band of document
   frequency (2-25 % of donors), so they match a realistic share of the corpus. The API's peak RSS too.

Results go to stdout and, checkpoint by checkpoint, to ``--json-out`` so a run that is stopped keeps what it
measured. Nothing is asserted: benchmarks report, tests check (``tests/unit/test_bench_scale_corpus.py`` checks
that the corpus is varied).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import gzip
import json
import logging
import math
import os
import pickle
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

from scripts.bench_common import free_port, wait_healthy
from scripts.bench_search import WARM_UP

log = logging.getLogger("bench_scale")

# Rounded market shares of the Dutch basic health insurance by brand group (Vektis/NZa figures of the 2020s,
# rounded): who the other party is in a health-insurance dispute, roughly in proportion to the insured.
INSURER_SHARES = {"Zilveren Kruis": 0.22, "VGZ": 0.15, "CZ": 0.17, "Menzis": 0.10, "DSW": 0.06, "FBTO": 0.04,
                  "ONVZ": 0.04, "Zorg en Zekerheid": 0.03, "OHRA": 0.03, "Interpolis": 0.03, "a.s.r.": 0.03,
                  "Anderzorg": 0.02, "Univé": 0.03, "Salland": 0.02, "geanonimiseerd": 0.03}
INSURER_PROBABILITY = 0.5  # share of rulings naming an insurer (rechtspraak rulings mostly do not)
MIN_PARAGRAPH_WORDS = 8  # shorter fragments (pdftotext line debris) are glued to the next paragraph
SEGMENTS = (3, 6)  # donors per generated ruling
LENGTH_BOUNDS = (150, 12_000)  # words: a drawn length is clamped to this
DF_BAND = (0.02, 0.25)  # query words: in this share of donors
_AMOUNT = re.compile(r"€\s?\d{1,3}(?:\.\d{3})*(?:,\d{2})?")
_WORD = re.compile(r"[a-zà-ÿ]{6,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\[])")
SENTENCE_GROUP_WORDS = 80


# Donors ------------------------------------------------------------------------------------------------------


@dataclass
class Donor:
    """One real ruling: its paragraphs and what the project's parser read off it."""

    name: str
    paragraphs: list[str]
    source: str = "other"
    court: str | None = None
    decision_date: date | None = None
    outcome: str = "onbekend"
    insurance_type: str = "onbekend"
    topics: list[dict[str, Any]] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    care_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    amounts: list[float] = field(default_factory=list)

    @property
    def group(self) -> str:
        """The corpus part the donor comes from: ``vlaanderen`` (Flemish study-progress rulings) or ``nl`` (the
        rechtspraak.nl XML and CSV texts and the repository's samples)."""
        return "vlaanderen" if self.name.startswith("vlaanderen:") else "nl"

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def corpus_dir() -> Path:
    """``RULINGS_SHARED_DIR``/corpus, else ``shared/corpus`` beside the repository, else ``/work/shared/corpus``."""
    from tests.paths import SHARED

    return SHARED / "corpus"


def paragraphs_of(text: str) -> list[str]:
    """A text's paragraphs (blank-line separated; one per line if it has no blank lines), with fragments of fewer
    than :data:`MIN_PARAGRAPH_WORDS` words glued to the next one."""
    text = text.replace("\r\n", "\n").strip()
    parts = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    if len(parts) == 1 and "\n" in parts[0]:
        parts = [p.strip() for p in parts[0].split("\n") if p.strip()]
    if len(parts) == 1 and len(parts[0].split()) > 2 * SENTENCE_GROUP_WORDS:  # a text flattened to one line
        parts = _sentence_groups(parts[0])
    out: list[str] = []
    carry = ""
    for part in parts:
        piece = f"{carry} {part}".strip() if carry else part
        if len(piece.split()) < MIN_PARAGRAPH_WORDS:
            carry = piece
            continue
        out.append(piece)
        carry = ""
    if carry:
        if out:
            out[-1] = f"{out[-1]} {carry}"
        else:
            out.append(carry)
    return out


def _sentence_groups(text: str) -> list[str]:
    """Consecutive sentences of ``text`` grouped to about :data:`SENTENCE_GROUP_WORDS` words each."""
    groups: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        current.append(sentence)
        if sum(len(x.split()) for x in current) >= SENTENCE_GROUP_WORDS:
            groups.append(" ".join(current))
            current = []
    if current:
        groups.append(" ".join(current))
    return groups


def _raw_texts(corpus: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(name, text, format metadata) of every real ruling text in the corpus."""
    from archive.settings import Settings
    from ingest import extract_file
    from ingest.dutch_dates import parse_date
    from scripts.bench_common import SAMPLES

    settings = Settings(ocr=False)
    files = [path for group in ("rechtspraak_xml/original", "rechtspraak_xml/annotated_sections")
             for path in sorted((corpus / group).glob("*.xml"))]
    files += [path for path in sorted(SAMPLES.iterdir()) if path.suffix in (".pdf", ".xml")]  # SKGZ and XML
    for path in files:
        try:
            raw = extract_file(path, settings)
        except Exception as exc:  # noqa: BLE001 - a file without a body is not a donor; the run goes on
            log.debug("skipped %s: %s", path.name, type(exc).__name__)
            continue
        yield path.stem, raw.text, dict(raw.format_metadata or {})
    csv.field_size_limit(sys.maxsize)
    for name, column in (("jorisheijkant_rechtspraak-labeler_uitspraken.csv", "inhoud"),
                         ("PrijsDF_dutch-legal-summarization_evaluation_sample.csv", "description")):
        path = corpus / "rechtspraak_csv" / name
        if path.exists():
            with path.open(newline="", encoding="utf-8") as f:
                for n, row in enumerate(csv.DictReader(f)):
                    if (row.get(column) or "").strip():
                        yield f"{path.stem}:{n}", row[column], {}
    flemish = corpus / "studievoortgang_vlaanderen" / "rulings_split_by_rolnr.jsonl.gz"
    if flemish.exists():
        with gzip.open(flemish, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                row = json.loads(line)
                if (row.get("text") or "").strip():
                    decided = parse_date(row.get("date"))
                    yield f"vlaanderen:{n}", row["text"], {"decision_date": decided} if decided else {}


def load_donors(corpus: Path | None = None, limit: int | None = None) -> list[Donor]:
    """Parse every real ruling text of the corpus once (see the module doc). ``limit``: at most this many."""
    from ingest.parse import parse_ruling
    from ingest.topics import tag_topics

    donors: list[Donor] = []
    for name, text, meta in _raw_texts(corpus or corpus_dir()):
        if limit is not None and len(donors) >= limit:
            break
        try:
            parsed = parse_ruling(text, meta)
            tag_topics(parsed)
        except Exception as exc:  # noqa: BLE001 - a text the parser refuses is not a donor
            log.debug("skipped %s: %s", name, type(exc).__name__)
            continue
        paragraphs = paragraphs_of(parsed.body)
        if len(paragraphs) < 2:
            continue
        md = parsed.metadata
        donors.append(Donor(
            name=name, paragraphs=paragraphs, source=md.source, court=md.court, decision_date=md.decision_date,
            outcome=parsed.outcome, insurance_type=md.insurance_type,
            topics=[{"id": t.id, "label": t.label} for t in parsed.topics],
            references=[{"id": r.id, "text": r.text, "url": r.url} for r in parsed.references],
            care_types=list(md.care_types), countries=list(md.countries),
            amounts=[a.value for a in parsed.amounts if a.value]))
    return donors


# The generated corpus ----------------------------------------------------------------------------------------


class CorpusBuilder:
    """Rulings recombined from donors (see the module doc). ``ruling(i)`` is deterministic in (donors, seed, i)."""

    def __init__(self, donors: Sequence[Donor], seed: int = 16) -> None:
        if len(donors) < SEGMENTS[1]:
            raise ValueError(f"need at least {SEGMENTS[1]} donors, got {len(donors)}")
        self.donors = list(donors)
        self.seed = seed
        # Each corpus group (Dutch, Flemish) is drawn as often as the others, whatever its size: the
        # Flemish volumes hold most donors but a Dutch archive is mostly rechtspraak.nl.
        groups = Counter(d.group for d in donors)
        self.weights = [1 / groups[d.group] for d in donors]
        self.lengths = [d.words for d in donors]
        self.dates = [d.decision_date for d in donors if d.decision_date] or [date(2015, 1, 1)]
        known = [d.outcome for d in donors if d.outcome != "onbekend"]
        self.outcomes = known or ["onbekend"]
        self.amounts = [a for d in donors for a in d.amounts] or [250.0, 1_000.0, 4_000.0]
        self.insurers = list(INSURER_SHARES)
        self.insurer_weights = list(INSURER_SHARES.values())

    def _draw(self, rng: random.Random, k: int) -> list[Donor]:
        """``k`` different donors, each group equally likely."""
        chosen: dict[int, Donor] = {}
        while len(chosen) < k:
            for donor in rng.choices(self.donors, self.weights, k=k - len(chosen)):
                chosen.setdefault(id(donor), donor)
        return list(chosen.values())

    def _text(self, rng: random.Random, donors: list[Donor], target: int) -> str:
        """Paragraph runs of ``donors`` in document order: donor k contributes from the k-th slice of its own
        relative positions, so the result opens like a ruling and ends with a decision."""
        k = len(donors)
        per = max(1, target // k)
        out: list[str] = []
        for n, donor in enumerate(donors):
            paragraphs = donor.paragraphs
            lo = int(len(paragraphs) * n / k)
            hi = max(lo + 1, int(len(paragraphs) * (n + 1) / k))
            start = rng.randrange(lo, hi)
            words = 0
            for paragraph in paragraphs[start:]:
                out.append(paragraph)
                words += len(paragraph.split())
                if words >= per:
                    break
        return "\n\n".join(out)

    def _amounts_in(self, rng: random.Random, text: str) -> str:
        def redraw(_: re.Match[str]) -> str:
            value = rng.choice(self.amounts) * rng.uniform(0.5, 2.0)
            return "€ " + f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")

        return _AMOUNT.sub(redraw, text)

    def ruling(self, i: int) -> Any:
        """Generated ruling number ``i`` (id ``i + 1``) as an unsaved ``archive.models.Ruling``."""
        from archive.models import Ruling

        rng = random.Random(self.seed * 1_000_003 + i)
        k = rng.randint(*SEGMENTS)
        donors = self._draw(rng, k)
        primary = donors[0]
        target = min(max(rng.choice(self.lengths), LENGTH_BOUNDS[0]), LENGTH_BOUNDS[1])
        text = self._amounts_in(rng, self._text(rng, donors, target))
        decided = rng.choice(self.dates) + timedelta(days=rng.randint(-180, 180))
        topics = list(primary.topics)
        references = list(primary.references)
        if rng.random() < 0.3:
            second = donors[1]
            topics += [t for t in second.topics if t not in topics]
            references += [r for r in second.references if r not in references]
        source = primary.source
        number = f"{decided.year}{i:07d}"
        ecli = f"ECLI:NL:BENCH:{decided.year}:{i}" if source == "rechtspraak" else None
        court = primary.court or ("Geschillencommissie Zorgverzekeringen" if source == "skgz" else None)
        insurer = (rng.choices(self.insurers, self.insurer_weights)[0] if rng.random() < INSURER_PROBABILITY
                   else None)
        outcome = primary.outcome if primary.outcome != "onbekend" else rng.choice(self.outcomes)
        claimed = round(rng.choice(self.amounts) * rng.uniform(0.5, 2.0), 2) if rng.random() < 0.6 else None
        awarded = (round(claimed * rng.uniform(0.2, 1.0), 2) if claimed and outcome != "afgewezen"
                   and rng.random() < 0.8 else None)
        title = f"{court}, {ecli}" if ecli and court else f"Uitspraak {number}"
        # Public in this archive some days to weeks after the decision, at a time of day.
        published = datetime.combine(decided + timedelta(days=rng.randint(1, 60)), dt_time(rng.randint(6, 22)),
                                     tzinfo=UTC)
        return Ruling(
            id=i + 1, slug=f"SCALE{i:07d}", status="published", source=source, case_number=number, ecli=ecli,
            title=title, court=court, decision_date=decided, insurer=insurer, insurance_type=primary.insurance_type,
            outcome=outcome, amount_claimed=claimed, amount_awarded=awarded, topics=topics,
            references=references, metadata_json={"care_types": primary.care_types, "countries": primary.countries},
            text=text, annex="", published_at=published)

    def rulings(self, start: int, stop: int) -> Iterator[Any]:
        for i in range(start, stop):
            yield self.ruling(i)


def variety(rulings: Sequence[Any]) -> dict[str, float]:
    """How varied a generated corpus is: share of distinct texts, distinct paragraphs among all paragraphs used,
    the largest share of rulings sharing one opening paragraph, and distinct (outcome, year, insurer) triples."""
    texts = [r.text for r in rulings]
    paragraphs = [p for t in texts for p in t.split("\n\n")]
    openings = Counter(t.split("\n\n", 1)[0] for t in texts)
    triples = {(r.outcome, r.decision_date.year, r.insurer) for r in rulings}
    return {"distinct_texts": len(set(texts)) / len(texts),
            "distinct_paragraph_ratio": len(set(paragraphs)) / len(paragraphs),
            "top_opening_share": openings.most_common(1)[0][1] / len(texts),
            "metadata_triples": float(len(triples)),
            "mean_words": sum(len(t.split()) for t in texts) / len(texts)}


def query_words(donors: Sequence[Donor], n: int = 40, seed: int = 16) -> list[str]:
    """``n`` words of six letters or more found in :data:`DF_BAND` of the donors of a group (document frequency),
    the same number from each group."""
    groups: dict[str, list[Donor]] = {}
    for d in donors:
        groups.setdefault(d.group, []).append(d)
    rng = random.Random(seed)
    words: list[str] = []
    for _name, members in sorted(groups.items()):
        df: Counter[str] = Counter()
        for d in members:
            df.update(set(_WORD.findall(" ".join(d.paragraphs).lower())))
        lo, hi = DF_BAND[0] * len(members), DF_BAND[1] * len(members)
        band = sorted(w for w, c in df.items() if lo <= c <= hi and w not in words)
        words += rng.sample(band, min(n // len(groups), len(band)))
    return words


# Measurements ------------------------------------------------------------------------------------------------


def peak_rss_mb(pid: int) -> float:
    """A process's peak resident set (``VmHWM``) in MB; NaN when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def rss_mb(pid: int) -> dict[str, float]:
    """A process's resident memory now, in MB: ``VmRSS`` and its anonymous and file-backed parts (Meilisearch maps
    its LMDB files: the file-backed part is page cache the kernel can reclaim, the anonymous part is not)."""
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                out[name] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def disk_bytes(path: Path) -> int:
    """Bytes allocated on disk under ``path`` (st_blocks: LMDB files are sparse, their length is not their size)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):  # a file Meilisearch removed meanwhile
                total += os.stat(os.path.join(root, name)).st_blocks * 512
    return total


def _meili_stats(url: str, key: str) -> dict[str, Any]:
    import httpx

    r = httpx.get(f"{url}/stats", headers={"Authorization": f"Bearer {key}"}, timeout=30)
    r.raise_for_status()
    return dict(r.json())


def _costs(builder: CorpusBuilder, sample: int = 500) -> dict[str, float]:
    """Client-side CPU per ruling of the two steps inside the build: generating it (the bench's own cost) and
    building its index documents (``index_documents``: the project's cost, also paid by ``sync_index``)."""
    from search_index.documents import index_documents

    t0 = time.process_time()
    rulings = list(builder.rulings(10**7, 10**7 + sample))
    t1 = time.process_time()
    for r in rulings:
        index_documents(r)
    t2 = time.process_time()
    return {"generate_ms": (t1 - t0) / sample * 1000, "documents_ms": (t2 - t1) / sample * 1000}


def bench_ingest_per_core(n_docs: int = 40, warm_docs: int = 4, tmp: Path | None = None) -> dict[str, float]:
    """CPU-seconds per ruling of the whole ingestion (extract, anonymise, parse, tag, store: ``run_batch``, the
    code ``make bench``'s ingestion figure runs) on real rechtspraak XML with one worker process.

    CPU time (``getrusage`` of this process and its reaped workers), not wall time: on a shared machine wall time
    measures the neighbours. Two batches, ``warm_docs`` and ``n_docs`` different files, each in a fresh database
    and pool: the difference divided by the extra documents leaves out the worker's start-up (loading the NER
    model), which a long-running worker pays once. ``rulings_per_core_s`` is what one worker core ingests.
    """
    import resource

    from sqlalchemy import select

    from archive.db import open_database, session_scope
    from archive.models import Ruling
    from archive.settings import Settings
    from ingest.pipeline import run_batch

    everything = [p for p in sorted((corpus_dir() / "rechtspraak_xml" / "original").glob("*.xml"))
                  if p.stat().st_size > 4_000]  # the few files without a body fail in milliseconds
    step = max(1, len(everything) // (warm_docs + n_docs))
    files = everything[::step]  # spread over the courts and years (sorted by ECLI: court, then year)
    work = Path(tempfile.mkdtemp(prefix="rulings-bench-ingest-")) if tmp is None else tmp

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    runs: list[tuple[int, float, float, int]] = []
    try:
        for n, batch in ((warm_docs, files[:warm_docs]), (n_docs, files[warm_docs:warm_docs + n_docs])):
            settings = Settings(data_dir=work / f"ingest-{n}", workers=1)
            db = open_database(settings)
            c0, t0 = cpu(), time.perf_counter()
            outcomes = run_batch(batch, settings, db.factory)
            runs.append((len(batch), cpu() - c0, time.perf_counter() - t0,
                         sum(1 for o in outcomes if o.status == "published")))
            with session_scope(db.factory) as session:
                texts = list(session.scalars(select(Ruling.text)))
            db.engine.dispose()
            words = sum(len(t.split()) for t in texts)
            database_bytes = sum(f.stat().st_size for f in settings.data_dir.glob("*.sqlite3*"))
            data_bytes = disk_bytes(settings.data_dir)
    finally:
        if tmp is None:
            shutil.rmtree(work, ignore_errors=True)
    (n0, c0_, _w0, _p0), (n1, c1, w1, p1) = runs
    per_doc = (c1 - c0_) / (n1 - n0) if n1 > n0 else c1 / n1
    return {"documents": n1, "published": p1, "cpu_s": c1, "wall_s": w1, "startup_cpu_s": max(0.0, c0_ - n0 * per_doc),
            "cpu_s_per_ruling": per_doc, "rulings_per_core_s": 1 / per_doc, "words_per_ruling": words / max(p1, 1),
            "database_bytes_per_ruling": database_bytes / max(p1, 1), "data_bytes_per_ruling": data_bytes / max(p1, 1)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (``/proc/<pid>/stat``); NaN when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_searches(point: dict[str, Any], base: str, url: str, key: str, index_name: str, words: Sequence[str], *,
                     meili_pid: int, api_pid: int, n_queries: int = 300, concurrency: int = 8, seconds: float = 10.0,
                     rounds: int = 3, seed: int = 16, save: Any = None) -> None:
    """The search figures of one checkpoint into ``point`` (see the module doc), with the CPU time Meilisearch
    and the API spend per search in the first two sequential phases: on a shared machine latency measures the
    neighbours as well, CPU per search much less so. ``save()`` is called before the throughput phase."""
    from scripts.bench_search import _sequential, _side_by_side

    meili = (url, key, index_name)
    runs = {"sequential": {}, "sequential_direct": {"direct": meili},
            "sequential_all_facets": {"all_facets": True},
            "sequential_all_facets_direct": {"all_facets": True, "direct": meili}}
    _sequential(base, 1, two_lists=False, seed=seed + 1, words=words)  # a fresh API's first requests cost more
    cpu: dict[str, dict[str, float]] = {}
    for name, extra in runs.items():
        m0, a0 = cpu_seconds(meili_pid), cpu_seconds(api_pid)
        point[name] = _sequential(base, n_queries, two_lists=False, seed=seed, words=words, **extra)
        searches = n_queries + WARM_UP
        cpu[name] = {"meili_ms": (cpu_seconds(meili_pid) - m0) / searches * 1000,
                     "api_ms": (cpu_seconds(api_pid) - a0) / searches * 1000}
    point["cpu_ms_per_search"] = cpu
    point["sequential_two_list_filters"] = _sequential(base, n_queries, two_lists=True, seed=seed, words=words)
    if save is not None:
        save()
    point["throughput"] = _side_by_side(base, index_name, url, key, concurrency=concurrency, seconds=seconds,
                                        rounds=rounds, seed=seed, words=words)


def bench_scale(n_rulings: int = 100_000, checkpoints: Sequence[int] = (10_000, 30_000), n_queries: int = 300, *,
                concurrency: int = 8, seconds_per_phase: float = 10.0, rounds: int = 3, donor_limit: int | None = None,
                json_out: Path | None = None, donor_cache: Path | None = None, tmp: Path | None = None,
                seed: int = 16) -> dict[str, Any]:
    """Build the corpus checkpoint by checkpoint up to ``n_rulings`` and measure at each (see the module doc).

    Returns ``{"donors", "variety", "query_words", "costs", "checkpoints": [{"rulings", "passages",
    "stage_rulings_per_s", "cumulative_rulings_per_s", "disk_bytes", "meili_database_bytes",
    "meili_used_database_bytes", "meili_peak_rss_mb", "api_peak_rss_mb", "sequential", "sequential_direct",
    "sequential_all_facets", "sequential_all_facets_direct", "sequential_two_list_filters", "throughput",
    "loadavg"}, ...]}``.
    """
    from app.runtime import open_index
    from archive.db import open_database
    from archive.settings import Settings
    from scripts.bench_search import _start_api
    from search_index import ManagedMeilisearch

    logging.getLogger("search_index.documents").setLevel(logging.ERROR)  # over-long bodies: one line each
    stops = sorted({c for c in checkpoints if 0 < c < n_rulings} | {n_rulings})
    own_tmp = tmp is None
    work = Path(tempfile.mkdtemp(prefix="rulings-bench-scale-")) if tmp is None else tmp
    t_donors = time.perf_counter()
    if donor_cache is not None and donor_cache.exists():  # a pickle this function wrote before (same code)
        donors = pickle.loads(donor_cache.read_bytes())[:donor_limit]
    else:
        donors = load_donors(limit=donor_limit)
        if donor_cache is not None:
            donor_cache.write_bytes(pickle.dumps(donors))
    builder = CorpusBuilder(donors, seed=seed)
    words = query_words(donors, seed=seed)
    result: dict[str, Any] = {
        "donors": len(donors), "donor_words": sum(d.words for d in donors),
        "donor_paragraphs": sum(len(d.paragraphs) for d in donors),
        "donor_seconds": time.perf_counter() - t_donors,
        "variety": variety([builder.ruling(i) for i in range(2_000)]), "query_words": words,
        "costs": _costs(builder), "checkpoints": [], "cores": os.cpu_count()}

    def save(in_progress: dict[str, Any] | None = None) -> None:
        """Write what was measured so far, with the checkpoint ``in_progress`` (a failure later keeps it)."""
        if json_out is not None:
            extra = [in_progress] if in_progress is not None else []
            data = {**result, "checkpoints": [*result["checkpoints"], *extra]}
            json_out.write_text(json.dumps(data, indent=2, default=str))

    save()
    try:
        settings = Settings(data_dir=work / "scale-var", meili_port=free_port(), workers=0)
        open_database(settings).engine.dispose()  # the API opens it (empty: a search reads only the index)
        key = settings.meili_master_key()
        with ManagedMeilisearch.from_settings(settings) as server:
            assert server.process is not None
            meili_pid = server.process.pid
            index = open_index(settings)
            url = settings.effective_meili_url()
            index.ensure()
            api = None
            done, built_s = 0, 0.0
            try:
                for stop in stops:
                    t0, m0, c0 = time.perf_counter(), cpu_seconds(meili_pid), time.process_time()
                    index.upsert(builder.rulings(done, stop))
                    stage = time.perf_counter() - t0
                    meili_cpu, client_cpu = cpu_seconds(meili_pid) - m0, time.process_time() - c0
                    built_s += stage
                    stage_n, done = stop - done, stop
                    stats = _meili_stats(url, key)
                    passages = int(stats["indexes"].get(index.passages, {}).get("numberOfDocuments", 0))
                    point: dict[str, Any] = {
                        "rulings": done, "passages": passages, "stage_seconds": stage,
                        "stage_rulings_per_s": stage_n / stage, "cumulative_rulings_per_s": done / built_s,
                        # CPU per ruling indexed: Meilisearch's, and this process's (generating the ruling and
                        # building its documents, as sync_index would): what a dedicated core needs.
                        "meili_cpu_ms_per_ruling": meili_cpu / stage_n * 1000,
                        "client_cpu_ms_per_ruling": client_cpu / stage_n * 1000,
                        "build_seconds": built_s, "disk_bytes": disk_bytes(settings.meili_data_dir),
                        "meili_database_bytes": stats.get("databaseSize"),
                        "meili_used_database_bytes": stats.get("usedDatabaseSize"),
                        "meili_raw_document_bytes": {uid: v.get("rawDocumentDbSize")
                                                     for uid, v in stats["indexes"].items()},
                        "meili_peak_rss_mb_build": peak_rss_mb(meili_pid)}
                    print(f"[scale] {done:,} rulings indexed: {stage_n / stage:.1f}/s this stage, "
                          f"{point['disk_bytes'] / 1e9:.2f} GB", file=sys.stderr, flush=True)
                    if api is None:
                        port = free_port()
                        api = _start_api(settings, key, port)
                        base = f"http://127.0.0.1:{port}"
                        wait_healthy(base, api)
                    measure_searches(point, base, url, key, index.name, words, meili_pid=meili_pid, api_pid=api.pid,
                                     n_queries=n_queries, concurrency=concurrency, seconds=seconds_per_phase,
                                     rounds=rounds, seed=seed, save=functools.partial(save, point))
                    point["meili_peak_rss_mb"] = peak_rss_mb(meili_pid)
                    point["meili_rss_after_searches_mb"] = rss_mb(meili_pid)
                    point["api_peak_rss_mb"] = peak_rss_mb(api.pid)
                    point["loadavg"] = os.getloadavg()
                    result["checkpoints"].append(point)
                    save()
                    print("\n".join(report_lines({**result, "checkpoints": [point]})), file=sys.stderr, flush=True)
            finally:
                if api is not None:
                    api.terminate()
                    api.wait(timeout=10)
        return result
    finally:
        if own_tmp:
            shutil.rmtree(work, ignore_errors=True)


def _running_meilisearch(db_path: Path) -> tuple[int, int]:
    """(pid, port) of the meilisearch process serving ``db_path``."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--db-path" in args and args[args.index(b"--db-path") + 1] == os.fsencode(db_path):
            return int(proc.name), int(args[args.index(b"--http-addr") + 1].rsplit(b":", 1)[1])
    raise RuntimeError(f"no meilisearch serves {db_path}")


def measure_existing(data_dir: Path, *, donor_cache: Path | None = None, n_queries: int = 300,
                     concurrency: int = 8, seconds: float = 10.0, rounds: int = 3, seed: int = 16) -> dict[str, Any]:
    """The search figures of an index a stopped run left behind (its Meilisearch still running on ``data_dir``):
    for measuring at the size a run had reached when time ran out, without the build going on beside it. The
    peak RSS of Meilisearch is then that of the build too (it is the same process)."""
    from archive.settings import Settings
    from scripts.bench_search import _start_api

    pid, port = _running_meilisearch((data_dir / "meili" / "data.ms").absolute())
    settings = Settings(data_dir=data_dir, meili_url=f"http://127.0.0.1:{port}")
    key, url = settings.meili_master_key(), settings.effective_meili_url()
    donors = pickle.loads(donor_cache.read_bytes()) if donor_cache and donor_cache.exists() else load_donors()
    words = query_words(donors, seed=seed)
    stats = _meili_stats(url, key)
    while any(v.get("isIndexing") for v in stats["indexes"].values()):  # let queued writes finish first
        time.sleep(5)
        stats = _meili_stats(url, key)
    indexes = stats["indexes"]
    point: dict[str, Any] = {
        "rulings": int(indexes[settings.index_name]["numberOfDocuments"]),
        "passages": int(indexes[f"{settings.index_name}-passages"]["numberOfDocuments"]),
        "disk_bytes": disk_bytes(settings.meili_data_dir), "meili_database_bytes": stats.get("databaseSize"),
        "meili_used_database_bytes": stats.get("usedDatabaseSize"),
        "meili_raw_document_bytes": {uid: v.get("rawDocumentDbSize") for uid, v in indexes.items()}}
    api_port = free_port()
    api = _start_api(settings, key, api_port)
    base = f"http://127.0.0.1:{api_port}"
    try:
        wait_healthy(base, api)
        measure_searches(point, base, url, key, settings.index_name, words, meili_pid=pid, api_pid=api.pid,
                         n_queries=n_queries, concurrency=concurrency, seconds=seconds, rounds=rounds, seed=seed)
        point["meili_peak_rss_mb"] = peak_rss_mb(pid)
        point["meili_rss_after_searches_mb"] = rss_mb(pid)
        point["api_peak_rss_mb"] = peak_rss_mb(api.pid)
        point["loadavg"] = os.getloadavg()
    finally:
        api.terminate()
        api.wait(timeout=10)
    return point


def ingest_lines(r: dict[str, Any]) -> list[str]:
    """Markdown table rows of :func:`bench_ingest_per_core`."""
    return [
        f"| ingestion CPU per ruling, real rechtspraak XML ({r['published']} rulings of "
        f"~{r['words_per_ruling']:,.0f} words, one worker) | {r['cpu_s_per_ruling']:.2f} CPU-s = "
        f"{r['rulings_per_core_s']:.1f} rulings per core-second (worker start-up {r['startup_cpu_s']:.1f} CPU-s "
        f"once); database {r['database_bytes_per_ruling'] / 1e3:.0f} KB per ruling, data folder "
        f"{r['data_bytes_per_ruling'] / 1e3:.0f} KB |",
    ]


def _rss_now(p: dict[str, Any]) -> str:
    now = p.get("meili_rss_after_searches_mb") or {}
    if not now:
        return ""
    return (f" (after the searches {now.get('VmRSS', 0):,.0f} MB: {now.get('RssAnon', 0):,.0f} anonymous, "
            f"{now.get('RssFile', 0):,.0f} mapped index files)")


def _mb(n: float | None) -> str:
    return "n/a" if n is None or (isinstance(n, float) and math.isnan(n)) else f"{n / 1e6:,.0f} MB"


def report_lines(r: dict[str, Any]) -> list[str]:
    """Markdown table rows for docs/benchmarks.md: the corpus, then per checkpoint."""
    v, c = r["variety"], r["costs"]
    lines = [] if v is None else [
        f"| corpus: {r['donors']:,} real rulings ({r['donor_words']:,} words, {r['donor_paragraphs']:,} paragraphs) "
        f"recombined, 3-6 donors each | sample of 2,000: {100 * v['distinct_texts']:.0f} % distinct texts, "
        f"{100 * v['distinct_paragraph_ratio']:.0f} % distinct paragraphs, mean {v['mean_words']:,.0f} words; "
        f"generation {c['generate_ms']:.1f} CPU-ms per ruling, index documents {c['documents_ms']:.1f} CPU-ms |",
    ]
    for p in r["checkpoints"]:
        n = p["rulings"]
        seq, seq_d = p["sequential"], p["sequential_direct"]
        every, every_d, two = p["sequential_all_facets"], p["sequential_all_facets_direct"], \
            p["sequential_two_list_filters"]
        tp = p["throughput"]
        used = p.get("meili_used_database_bytes")
        if "stage_rulings_per_s" in p:
            lines.append(f"| {n:,}: index build (2 threads; {p['passages']:,} passages) | "
                         f"{p['stage_rulings_per_s']:.1f} rulings/s this stage, {p['cumulative_rulings_per_s']:.1f} "
                         f"rulings/s from empty ({p['build_seconds'] / 60:.1f} min)"
                         + (f"; CPU per ruling: Meilisearch {p['meili_cpu_ms_per_ruling']:.1f} ms, documents "
                            f"{p['client_cpu_ms_per_ruling']:.1f} ms" if "meili_cpu_ms_per_ruling" in p else "")
                         + " |")
        if "cpu_ms_per_search" in p:
            cpu = p["cpu_ms_per_search"]
            lines.append(f"| {n:,}: CPU per search (4 facets; all 9 facets) | Meilisearch "
                         f"{cpu['sequential']['meili_ms']:.1f} ms + API {cpu['sequential']['api_ms']:.1f} ms "
                         f"(direct: Meilisearch {cpu['sequential_direct']['meili_ms']:.1f} ms); "
                         f"{cpu['sequential_all_facets']['meili_ms']:.1f} + "
                         f"{cpu['sequential_all_facets']['api_ms']:.1f} ms |")
        lines += [
            f"| {n:,}: index on disk | {p['disk_bytes'] / 1e9:.2f} GB = {p['disk_bytes'] / n / 1e3:.0f} KB per "
            f"ruling (Meilisearch databaseSize {_mb(p.get('meili_database_bytes'))}, used {_mb(used)}) |",
            f"| {n:,}: peak RSS | Meilisearch {p['meili_peak_rss_mb']:,.0f} MB{_rss_now(p)}, API "
            f"{p['api_peak_rss_mb']:,.0f} MB |",
            f"| {n:,}: search, sequential, q + outcome + year_from + 4 facets + snippets ({seq['queries']}) | API "
            f"p50 {seq['p50_ms']:.1f} ms, p95 {seq['p95_ms']:.1f} ms, p99 {seq['p99_ms']:.1f} ms; Meilisearch direct "
            f"p50 {seq_d['p50_ms']:.1f}, p95 {seq_d['p95_ms']:.1f} |",
            f"| {n:,}: the same with all 9 facets | API p50 {every['p50_ms']:.1f} ms, p95 {every['p95_ms']:.1f} ms; "
            f"direct p50 {every_d['p50_ms']:.1f}, p95 {every_d['p95_ms']:.1f} |",
            f"| {n:,}: q + outcome + insurer + 4 facets + snippets | API p50 {two['p50_ms']:.1f} ms, "
            f"p95 {two['p95_ms']:.1f} ms |",
            f"| {n:,}: throughput at concurrency {tp['concurrency']} (median of {tp['rounds']} rounds) | API "
            f"{tp['api_rps']:.0f} vs direct {tp['direct_rps']:.0f} searches/s = share {tp['api_share']:.2f} "
            f"(load average {p['loadavg'][0]:.1f}) |",
        ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rulings", type=int, default=100_000)
    ap.add_argument("--checkpoints", default="10000,30000", help="comma-separated smaller N measured on the way")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds per throughput phase")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--donors", type=int, default=None, help="use at most this many real rulings as donors")
    ap.add_argument("--donor-cache", type=Path, default=None,
                    help="keep the parsed donors in this file and reuse them on the next run (saves minutes)")
    ap.add_argument("--json-out", type=Path, default=None, help="write the raw result here after each checkpoint")
    ap.add_argument("--json", action="store_true", help="print the raw result as JSON")
    ap.add_argument("--attach", type=Path, default=None, metavar="DATA_DIR",
                    help="only measure the index a stopped run left in DATA_DIR (its Meilisearch still running)")
    ap.add_argument("--work-dir", type=Path, default=None,
                    help="build in this folder and keep it (the index lands in WORK_DIR/scale-var; measure it again "
                         "later with --attach after starting tools/meilisearch on its meili/data.ms)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.attach is not None:
        point = measure_existing(args.attach, donor_cache=args.donor_cache, n_queries=args.queries,
                                 seconds=args.seconds, rounds=args.rounds)
        if args.json_out is not None:
            args.json_out.write_text(json.dumps(point, indent=2, default=str))
        print(json.dumps(point, indent=2, default=str) if args.json else "\n".join(report_lines(
            {"variety": None, "costs": None, "checkpoints": [point]})))
        return
    checkpoints = [int(c) for c in args.checkpoints.split(",") if c.strip()]
    result = bench_scale(args.rulings, checkpoints, args.queries, seconds_per_phase=args.seconds,
                         rounds=args.rounds, donor_limit=args.donors, json_out=args.json_out,
                         donor_cache=args.donor_cache, tmp=args.work_dir)
    print(json.dumps(result, indent=2, default=str) if args.json else "\n".join(report_lines(result)))


if __name__ == "__main__":
    main()
