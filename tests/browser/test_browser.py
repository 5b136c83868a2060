"""Browser tests: the real app in Debian's Chromium, driven by ``flows.mjs`` (playwright-core + axe-core).

Flows: search as you type, facet filtering and removal, sort, pagination, the ruling page by permalink (TOC,
annex, copy buttons, download), the statistics page and its bar links, the about page, a phone-sized screen,
and the same flows again with JavaScript disabled. axe-core runs on every page: no serious or critical
violation is allowed. Screenshots at 1280 and 390 px wide are written to ``docs/screenshots/``.

Needs ``/usr/bin/chromium`` and ``node_modules`` (``scripts/install_browser_deps.sh`` installs both); without
them the tests are skipped with that hint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.conftest import LiveArchive
from tests.browser.harness import BROWSER_MARKS, SCREENSHOTS, failures, run_script

FLOWS = Path(__file__).with_name("flows.mjs")
pytestmark = BROWSER_MARKS


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
    report = run_script(FLOWS, {"base": live_archive.base_url, "ruling_slug": slug})
    report["ruling_slug"] = slug
    return report


def _failures(report: dict[str, Any], *, nojs: bool | None = None) -> list[str]:
    return failures(report, nojs=nojs)


def test_flows_with_javascript(flows: dict[str, Any]) -> None:
    failures = _failures(flows, nojs=False)
    assert not failures, "\n".join(failures)
    names = {c["flow"] for c in flows["checks"]}
    for flow in ("search (js)", "facets (js)", "sort (js)", "pagination (js)", "ruling page (js)",
                 "statistics (js)", "about (js)", "mobile (js)", "keyboard (js)", "empty state (js)", "feeds (js)",
                 "advanced search (js)", "highlighting (js)", "back to the results (js)", "print (js)",
                 "new in the archive (js)",
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
