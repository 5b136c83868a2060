"""Browser tests: the real app in Debian's Chromium, driven by ``flows.mjs`` (playwright-core + axe-core).

Flows: search as you type, facet filtering and removal, sort, pagination, the ruling page by permalink (TOC,
annex, copy buttons, download), the statistics page and its bar links, the about page, a phone-sized screen,
and the same flows again with JavaScript disabled. axe-core runs on every page: no serious or critical
violation is allowed. Screenshots at 1280 and 390 px wide are written to ``docs/screenshots/``.

Needs ``/usr/bin/chromium`` and ``node_modules`` (``scripts/install_browser_deps.sh`` installs both); without
them the tests are skipped with that hint.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.conftest import LiveArchive

ROOT = Path(__file__).resolve().parents[2]
FLOWS = Path(__file__).with_name("flows.mjs")
CHROMIUM = Path(os.environ.get("RULINGS_CHROMIUM", "/usr/bin/chromium"))
# Every run makes the screenshots (and checks them); `make screenshots` refreshes the committed ones in docs/.
SCREENSHOTS = Path(os.environ.get("RULINGS_SCREENSHOTS_DIR", ROOT / "build" / "screenshots"))
HINT = "run scripts/install_browser_deps.sh"


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing ({HINT})"
    if shutil.which("node") is None:
        return f"node is not on PATH ({HINT})"
    for package in ("playwright-core", "axe-core"):
        if not (ROOT / "node_modules" / package / "package.json").exists():
            return f"node_modules/{package} is missing ({HINT})"
    return None


pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow,
              pytest.mark.skipif(_missing() is not None, reason=_missing() or "")]


def _ruling_under_test(live: LiveArchive) -> tuple[str, dict[str, Any]]:
    """The ruling the flows open: a real ingested SKGZ sample when there is one, else a synthetic ruling."""
    candidates = [s for s in live.prepared.sample_slugs if s.isdigit()] + live.prepared.sample_slugs
    candidates += live.prepared.synthetic_slugs
    for slug in candidates:
        body = httpx.get(f"{live.base_url}/api/v1/rulings/{slug}", timeout=30).json()
        tops = [s for s in body["sections"] if not (s.get("number") or "").strip(".").count(".")]
        if len(tops) >= 2 and body["decision_items"]:
            return slug, body
    pytest.fail("no ruling with sections and decision items to test the ruling page with")


@pytest.fixture(scope="module")
def flows(live_archive: LiveArchive) -> dict[str, Any]:
    slug, _ = _ruling_under_test(live_archive)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    config = {"base": live_archive.base_url, "ruling_slug": slug, "screenshots_dir": str(SCREENSHOTS),
              "executable": str(CHROMIUM)}
    proc = subprocess.run(["node", str(FLOWS), json.dumps(config)], cwd=ROOT, capture_output=True, text=True,
                          timeout=280)
    try:
        report: dict[str, Any] = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"flows.mjs exited {proc.returncode} without a report:\n{proc.stdout[-2000:]}\n"
                    f"{proc.stderr[-3000:]}")
    report["exit_code"] = proc.returncode
    report["ruling_slug"] = slug
    return report


def _failures(report: dict[str, Any], *, nojs: bool | None = None) -> list[str]:
    return [f"[{c['flow']}] {c['name']}: {c['detail']}" for c in report["checks"]
            if not c["ok"] and (nojs is None or ("(no js)" in c["flow"]) == nojs)]


def test_flows_with_javascript(flows: dict[str, Any]) -> None:
    failures = _failures(flows, nojs=False)
    assert not failures, "\n".join(failures)
    names = {c["flow"] for c in flows["checks"]}
    for flow in ("search (js)", "facets (js)", "sort (js)", "pagination (js)", "ruling page (js)",
                 "statistics (js)", "about (js)", "mobile (js)", "keyboard (js)", "empty state (js)", "feeds (js)",
                 "advanced search (js)", "highlighting (js)", "print (js)", "new in the archive (js)",
                 "phone: new pages (js)"):
        assert flow in names, f"flow {flow!r} did not run"


def test_flows_without_javascript(flows: dict[str, Any]) -> None:
    failures = _failures(flows, nojs=True)
    assert not failures, "\n".join(failures)
    names = {c["flow"] for c in flows["checks"]}
    for flow in ("search (no js)", "facets (no js)", "sort and years (no js)", "pagination (no js)",
                 "ruling page (no js)", "statistics (no js)", "advanced search (no js)", "accessibility (no js)"):
        assert flow in names, f"flow {flow!r} did not run"


def test_no_serious_accessibility_violations(flows: dict[str, Any]) -> None:
    pages = {a["page"] for a in flows["axe"]}
    assert {"search: start", "search: results", "search: empty", "ruling", "statistics", "about", "404",
            "search (mobile)", "ruling (mobile)", "statistics (mobile)", "search: filters (no js)", "ruling (no js)",
            "statistics (no js)", "advanced search", "advanced search (mobile)", "advanced search (no js)",
            "new in the archive", "new in the archive (mobile)", "new in the archive (no js)", "ruling: highlighted",
            "422"} <= pages
    serious = [f"{a['page']} @{a['width']}px: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
               for a in flows["axe"] for v in a["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)


def test_no_javascript_errors(flows: dict[str, Any]) -> None:
    assert flows["console_errors"] == []


def test_screenshots_written(flows: dict[str, Any]) -> None:
    expected = {f"{page}-{size}.png" for page in ("search", "ruling", "statistics", "advanced", "new")
                for size in ("desktop", "mobile")}
    written = {Path(p).name for p in flows["screenshots"]}
    assert expected <= written
    for name in expected:
        assert (SCREENSHOTS / name).stat().st_size > 5_000


def test_the_script_agrees(flows: dict[str, Any]) -> None:
    """flows.mjs exits 0 exactly when everything above holds."""
    assert flows["exit_code"] == (0 if flows["ok"] else 1)
    assert flows["ok"]


def test_no_accessibility_violations_of_any_impact(flows: dict[str, Any]) -> None:
    """Issue 18: 0 violations (any impact, best practices included) on every page the flows check, at 1280 and
    390 px, with and without JavaScript."""
    found = [f"{a['page']} @{a['width']}px: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
             for a in flows["axe"] for v in a["violations"]]
    assert not found, "\n".join(found)
    assert {a["width"] for a in flows["axe"]} == {1280, 390}
