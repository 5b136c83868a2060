"""`make bench`: the figures the issues ask for, printed and written to docs/benchmarks.md.

1. extraction pages/s per extractor on the sample PDFs (median of several runs), and OCR seconds per page per core
   and word accuracy on the scanned samples, before and after issue 14's settings (``scripts/bench_ocr.py``);
2. end-to-end ingestion (extract → anonymise → parse → store) rulings/s and pages/s with all cores, on copies of
   the sample rulings made unique (so none is skipped as already ingested);
3. anonymiser words/s on one core;
4. index build rate and API search latency (p50/p95/p99, sequential, 2 filters + 4 facets + snippets) on a
   corpus of N rulings generated from the sample rulings (varied case numbers, dates, insurers, outcomes);
5. search at 100,000 rulings of varied text (real rulings recombined; API against Meilisearch direct, index
   build rate, index size on disk, peak memory; ``scripts/bench_scale.py``, ``--scale-rulings N``);
6. a bounded load test of `rulings serve` (50 clients, 30 s, mixed searches, pages and exports; default and raised
   rate limits; ``scripts/bench_load.py``).

Everything runs against real services: a managed Meilisearch on a free port and a SQLite database in a
temporary folder. Nothing here is asserted: benchmarks report, tests check behaviour.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from scripts.bench_common import ROOT, SAMPLES, free_port, percentile, synthetic_rulings


def bench_extraction(runs: int) -> dict[str, dict[str, float]]:
    from archive.settings import Settings
    from ingest import extract_file

    pdfs = sorted(p for p in SAMPLES.glob("*.pdf"))
    out: dict[str, dict[str, float]] = {}
    for name in ("pdfium", "pdfplumber"):
        settings = Settings(extractor=name, ocr=False)  # type: ignore[arg-type]
        rates = []
        for _ in range(runs if name == "pdfium" else 1):
            pages = 0
            t0 = time.process_time()
            for pdf in pdfs:
                pages += len(extract_file(pdf, settings).pages)
            rates.append(pages / max(time.process_time() - t0, 1e-9))
        out[name] = {"pages_per_cpu_s": statistics.median(rates), "pages": pages}
    return out


def _unique_copies(n: int, dest: Path) -> list[Path]:
    """Copies of the sample PDFs with a trailing PDF comment so each has its own sha256."""
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    files = []
    for i in range(n):
        src = pdfs[i % len(pdfs)]
        target = dest / f"{src.stem}_{i:04d}.pdf"
        target.write_bytes(src.read_bytes() + f"\n% bench copy {i}\n".encode())
        files.append(target)
    return files


def bench_ingestion(n_docs: int, tmp: Path) -> dict[str, float]:
    from archive.db import open_database
    from archive.settings import Settings
    from ingest.pipeline import run_batch

    src = tmp / "ingest-src"
    src.mkdir()
    files = _unique_copies(n_docs, src)
    settings = Settings(data_dir=tmp / "ingest-var", workers=0)
    db = open_database(settings)
    t0 = time.perf_counter()
    outcomes = run_batch(files, settings, db.factory)
    wall = time.perf_counter() - t0
    pages_per_doc = {}
    from ingest import extract_file

    for f in sorted(SAMPLES.glob("*.pdf")):
        pages_per_doc[f.stem] = len(extract_file(f, Settings(ocr=False)).pages)
    total_pages = sum(pages_per_doc[f.stem.rsplit("_", 1)[0]] for f in files)
    ok = sum(1 for o in outcomes if o.status == "published")
    db.engine.dispose()
    return {"documents": len(files), "published": ok, "seconds": wall, "rulings_per_s": len(files) / wall,
            "pages_per_s": total_pages / wall, "workers": os.cpu_count() or 1}


def _words_per_cpu_s(run: Any, texts: list[str], rounds: int = 3) -> float:
    words = sum(len(t.split()) for t in texts)
    rates = []
    for _ in range(rounds):
        t0 = time.process_time()
        for t in texts:
            run(t)
        rates.append(words / (time.process_time() - t0))
    return statistics.median(rates)


def bench_anonymiser() -> dict[str, float]:
    """The whole anonymiser against deduce (rules and lookup lists only, the issue's reference) on the same real
    ruling text (the samples: SKGZ PDFs and rechtspraak XML), in the same run, one core."""
    from anonymise import anonymise
    from archive.settings import Settings
    from ingest import extract_file

    settings = Settings()
    texts = [extract_file(p, Settings(ocr=False)).text for p in sorted(SAMPLES.iterdir())
             if p.suffix in (".pdf", ".xml")]
    anonymise(texts[0][:200], settings)  # load the model outside the clock
    ours = _words_per_cpu_s(lambda t: anonymise(t, settings), texts)
    try:
        from deduce import Deduce

        reference = Deduce()  # builds its lookup structures once, outside the clock
        theirs = _words_per_cpu_s(reference.deidentify, texts)
    except Exception as exc:  # noqa: BLE001 - the reference is optional; its absence is reported, not fatal
        print(f"deduce not measured: {type(exc).__name__}", file=sys.stderr)
        theirs = float("nan")
    return {"words_per_cpu_s": ours, "deduce_words_per_cpu_s": theirs, "ratio": ours / theirs}


def bench_tagger(runs: int = 20) -> dict[str, float]:
    """Topic tagging of one long ruling (the tagger runs for every document): CPU-ms per ruling, median."""
    from ingest.parse import parse_ruling
    from ingest.topics import tag_topics
    from tests.ingest.test_topics_taxonomy import long_ruling

    parsed = parse_ruling(long_ruling(), {})
    tag_topics(parsed)  # warm the lemma table and the per-word caches, as a batch run does
    times = []
    for _ in range(runs):
        start = time.process_time()
        tag_topics(parsed)
        times.append(time.process_time() - start)
    return {"ms_per_ruling": statistics.median(times) * 1000, "words": float(len(parsed.body.split()))}


def bench_search(n_rulings: int, n_queries: int, tmp: Path) -> dict[str, float]:
    import httpx
    import uvicorn

    from app.indexing import sync_index
    from app.main import create_app
    from app.runtime import meilisearch_running, open_index
    from archive.db import open_database
    from archive.settings import Settings
    from ingest.pipeline import run_batch

    settings = Settings(data_dir=tmp / "search-var", meili_port=free_port(), workers=0)
    db = open_database(settings)
    run_batch([SAMPLES], settings, db.factory)
    made = synthetic_rulings(n_rulings, db.factory)
    result: dict[str, float] = {"rulings": made}
    with meilisearch_running(settings):
        index = open_index(settings)
        t0 = time.perf_counter()
        sync_index(db.factory, index)
        build = time.perf_counter() - t0
        result["index_build_s"] = build
        result["index_rulings_per_s"] = made / build
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                               log_level="warning", access_log=False))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        words = ["tandarts", "fraude", "buitenland", "registratie", "vergoeding", "zorgverzekeraar", "klacht",
                 "entreegeld", "kronen", "onderzoek"]
        rng = random.Random(7)
        lat = []
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for i in range(n_queries + 20):
                params = [("q", rng.choice(words)), ("outcome", rng.choice(["toegewezen", "afgewezen"])),
                          ("year_from", str(rng.choice([2010, 2014, 2018])))]
                t = time.perf_counter()
                r = client.get("/api/v1/search", params=params)
                elapsed = (time.perf_counter() - t) * 1000
                r.raise_for_status()
                if i >= 20:  # warm-up excluded
                    lat.append(elapsed)
        from sqlalchemy import select

        from archive.db import session_scope
        from archive.models import Ruling
        from scripts.render_timing import measure_page_renders

        with session_scope(db.factory) as s:
            slugs = list(s.scalars(select(Ruling.slug).where(Ruling.status == "published")
                                   .order_by(Ruling.id).limit(50)))
        pages = measure_page_renders(f"http://127.0.0.1:{port}", ruling_slugs=slugs, n=min(n_queries, 200))
        server.should_exit = True
        thread.join(timeout=10)
    db.engine.dispose()
    result.update({"queries": len(lat), "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
                   "p99_ms": percentile(lat, 99)})
    result["pages"] = pages  # type: ignore[assignment]
    return result


def _varied_scale(n_rulings: int, checkpoints: str, n_queries: int) -> list[str]:
    """Issue 16's search figures at ``n_rulings`` rulings of varied real text (``scripts/bench_scale.py``)."""
    if n_rulings <= 0:
        return []
    from scripts.bench_scale import bench_ingest_per_core, bench_scale, ingest_lines
    from scripts.bench_scale import report_lines as scale_lines

    stops = [int(c) for c in checkpoints.split(",") if c.strip()]
    return ingest_lines(bench_ingest_per_core()) + scale_lines(bench_scale(n_rulings, stops, n_queries))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rulings", type=int, default=10_000, help="rulings in the search corpus")
    ap.add_argument("--no-scale", action="store_true", help="skip the search-at-scale run (API vs direct, 8 clients)")
    ap.add_argument("--scale-rulings", type=int, default=100_000,
                    help="rulings of varied text in the issue-16 search run (scripts/bench_scale.py); 0 skips it")
    ap.add_argument("--scale-checkpoints", default="10000,30000", help="smaller N measured on the way there")
    ap.add_argument("--ingest-docs", type=int, default=24, help="documents in the ingestion run")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ocr-runs", type=int, default=3, help="rounds of the OCR figure (2 x 23 scanned pages each)")
    ap.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rulings-bench-"))
    try:
        extraction = bench_extraction(args.runs)
        from scripts.bench_ocr import bench_ocr
        from scripts.bench_ocr import report_lines as ocr_lines

        ocr = ocr_lines(bench_ocr(args.ocr_runs))
        anon = bench_anonymiser()
        tagger = bench_tagger()
        ingestion = bench_ingestion(args.ingest_docs, tmp)
        search = bench_search(args.rulings, args.queries, tmp)
        from scripts.bench_client import bench_clients
        from scripts.bench_client import report_lines as client_lines

        client = client_lines(bench_clients())
        scale_lines: list[str] = []
        if not args.no_scale:
            from scripts.bench_search import bench_search_at_scale, report_lines

            scale_lines = report_lines(bench_search_at_scale(args.rulings, args.queries))
        varied_lines = _varied_scale(args.scale_rulings, args.scale_checkpoints, args.queries)
        from scripts.bench_load import bench_load
        from scripts.bench_load import report_lines as load_lines

        load = load_lines(bench_load(n_rulings=args.rulings))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = [
        f"## Run of {date.today().isoformat()} on {platform.node() or 'this machine'}",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}.",
        "",
        "| figure | value |",
        "|---|---|",
    ]
    for name, v in extraction.items():
        lines.append(f"| extraction, {name} | {v['pages_per_cpu_s']:.1f} pages per CPU-second |")
    lines += ocr
    lines.append(f"| anonymiser (whole pipeline, one core) | {anon['words_per_cpu_s']:,.0f} words per CPU-second; "
                 f"deduce {anon['deduce_words_per_cpu_s']:,.0f} on the same text: ratio {anon['ratio']:.2f} |")
    lines.append(f"| topic tagging, {int(tagger['words'])}-word ruling | {tagger['ms_per_ruling']:.1f} CPU-ms per "
                 "ruling (median of 20) |")
    lines.append(f"| ingestion end to end ({ingestion['workers']} workers, {ingestion['documents']} PDFs) | "
                 f"{ingestion['rulings_per_s']:.2f} rulings/s, {ingestion['pages_per_s']:.1f} pages/s |")
    lines.append(f"| index build ({int(search['rulings'])} rulings) | {search['index_rulings_per_s']:.1f} rulings/s |")
    lines.append(f"| API search latency, sequential, q + 2 filters + facets + snippets "
                 f"({int(search['queries'])} queries) | p50 {search['p50_ms']:.1f} ms, p95 {search['p95_ms']:.1f} ms, "
                 f"p99 {search['p99_ms']:.1f} ms |")
    for name, label in (("search", "search page `/?q=`"), ("ruling", "ruling page `/uitspraak/{slug}`")):
        v = search["pages"][name]  # type: ignore[index]
        lines.append(f"| server render, {label} ({int(search['rulings'])} rulings) | p50 {v['p50_ms']:.1f} ms, "
                     f"p95 {v['p95_ms']:.1f} ms, p99 {v['p99_ms']:.1f} ms; median page {v['html_kb_median']} KB |")
    lines += ["", "The search hot path's HTTP client against aiohttp (`scripts/bench_client.py`: same multi-search, "
              "same Meilisearch, alternating rounds; CPU of the client process):", "", "| figure | value |",
              "|---|---|", *client]
    if scale_lines:
        lines += ["", "Search at scale (`scripts/bench_search.py`: API in its own process, same requests sent to "
                  "Meilisearch directly):", "", "| figure | value |", "|---|---|", *scale_lines]
    if varied_lines:
        lines += ["", "Search at scale on varied text (`scripts/bench_scale.py`, issue 16: real rulings recombined, "
                  "index grown through the checkpoints; API in its own process against Meilisearch direct, same "
                  "searches):", "", "| figure | value |", "|---|---|", *varied_lines]
    lines += ["", "Load (`scripts/bench_load.py`: `rulings serve` in its own process, aiohttp clients; latencies of "
              "2xx answers; every other answer than 2xx or 429 is an error):", "", "| figure | value |", "|---|---|",
              *load]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_write:
        path = ROOT / "docs" / "benchmarks.md"
        head = path.read_text().split("\n## Run of", 1)[0] if path.exists() else _HEADER
        path.write_text(head.rstrip() + "\n\n" + report)


_HEADER = """# Benchmarks

`make bench` (`python -m scripts.bench`) measures these figures on this machine and rewrites the section below.
Medians over several runs where a figure is a rate; latencies are percentiles over all queries after a warm-up.
The machines are shared and noisy: compare runs of the same day, not across days.
"""

if __name__ == "__main__":
    main()
