"""OCR figure for `make bench` (issue 14): seconds per page per core and word accuracy on the scanned samples.

The two image-only scans of ``../shared/corpus/generated/pdf`` (skewed, noisy, 150 dpi JPEG pages; 23 pages) are
read through the whole PDF path (render, tesseract, running-line removal, hyphen joining) twice per round: with
the options in force before issue 14 (the reference: ``nld+eng``, ``--psm 1``, invert search on) and with the
current settings, alternating, so both see the same machine load.

* **s per page per core**: CPU seconds of this process and its tesseract children per page, one OCR thread
  (median of the rounds). CPU time, not wall time: the benchmark machines are shared, and wall time per page
  there measures the neighbours.
* **word accuracy**: ``1 - (substituted + deleted + inserted words) / reference words`` from a word alignment
  with the ground truth in ``generated/src`` (``word_accuracy`` of tests/ingest/conftest.py, the measure the OCR
  tests assert), and **bag-of-words recall**: the share of ground-truth words (with multiplicity, order ignored)
  found in the output. Pooled over both scans.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections import Counter
from typing import Any

from tests.ingest.conftest import SHARED, golden_words, word_accuracy

GENERATED = SHARED / "generated"
SCANS = ("skgz_seed_003_202101039", "rechtspraak_ECLI_NL_CBB_2000_AA7124")


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _bag_recall(reference: list[str], hypothesis: list[str]) -> float:
    ref = Counter(reference)
    return sum((ref & Counter(hypothesis)).values()) / max(sum(ref.values()), 1)


def reference_options() -> Any:
    """The OCR choice before issue 14, as the yardstick."""
    from ingest.ocr import OcrOptions

    return OcrOptions(languages="nld+eng", dpi=300, page_timeout_s=300.0, psm=1, retry_rotated=False,
                      no_invert=False)


def _read_all(options: Any, settings: Any, truth: dict[str, list[str]]) -> dict[str, float]:
    from ingest.extract import extract_pdf_bytes

    pages = 0
    words = errors = found = 0.0
    cpu0, wall0 = _cpu_s(), time.perf_counter()
    for name in SCANS:
        data = (GENERATED / "pdf" / f"{name}_SCANNED_imageonly.pdf").read_bytes()
        doc = extract_pdf_bytes(data, settings, name, ocr_options=options)
        pages += len(doc.pages)
        ref, hyp = truth[name], doc.text.split()
        words += len(ref)
        errors += (1 - word_accuracy(ref, hyp)) * len(ref)
        found += _bag_recall(ref, hyp) * len(ref)
    return {"cpu_s_per_page": (_cpu_s() - cpu0) / pages, "wall_s_per_page": (time.perf_counter() - wall0) / pages,
            "word_accuracy": 1 - errors / words, "bag_recall": found / words, "pages": pages}


def bench_ocr(runs: int = 3) -> dict[str, Any] | None:
    """Reference and current OCR on the scanned samples; ``None`` when the samples or tesseract are missing."""
    import shutil

    from archive.settings import Settings
    from ingest.ocr import OcrOptions

    if shutil.which("tesseract") is None or not all(
            (GENERATED / "pdf" / f"{n}_SCANNED_imageonly.pdf").exists() for n in SCANS):
        return None
    truth = {n: golden_words(GENERATED / "src" / f"{n}.txt") for n in SCANS}
    # One OCR thread per document (as many workers as cores): the figure is per core.
    settings = Settings(workers=os.cpu_count() or 1)
    configs = {"reference": reference_options(), "current": OcrOptions.from_settings(settings)}
    rounds: dict[str, list[dict[str, float]]] = {k: [] for k in configs}
    for _ in range(max(1, runs)):
        for key, options in configs.items():
            rounds[key].append(_read_all(options, settings, truth))
    out: dict[str, Any] = {"runs": max(1, runs)}
    for key, results in rounds.items():
        out[key] = {m: statistics.median(r[m] for r in results) for m in results[0]}
        out[key]["options"] = configs[key]
    return out


def _describe(options: Any) -> str:
    extra = (", orientation retry" if options.retry_rotated and options.psm != 1 else "") + (
        ", no invert search" if options.no_invert else "")
    return f"{options.languages}, {options.dpi} dpi, psm {options.psm}{extra}"


def report_lines(r: dict[str, Any] | None) -> list[str]:
    if r is None:
        return ["| OCR, scanned samples | not measured (tesseract or ../shared/corpus/generated missing) |"]
    lines = []
    for key, label in (("reference", "before issue 14"), ("current", "current settings")):
        v = r[key]
        lines.append(f"| OCR {label} ({_describe(v['options'])}; {int(v['pages'])} scanned pages, median of "
                     f"{r['runs']}) | {v['cpu_s_per_page']:.2f} s per page per core (wall "
                     f"{v['wall_s_per_page']:.2f} s); word accuracy {v['word_accuracy']:.2%}, "
                     f"bag-of-words recall {v['bag_recall']:.2%} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print("\n".join(report_lines(bench_ocr(args.runs))))


if __name__ == "__main__":
    main()
