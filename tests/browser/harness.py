"""Running a browser script (``*.mjs`` on :file:`harness.mjs`: Debian's Chromium through playwright-core, axe-core)
and reading its report: one place for what the page, alert and review browser tests share.

Needs ``/usr/bin/chromium`` (``RULINGS_CHROMIUM``) and ``node_modules``; without them the tests carrying
:data:`BROWSER_MARKS` are skipped with the hint ``scripts/install_browser_deps.sh``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("RULINGS_CHROMIUM", "/usr/bin/chromium"))
# Every run makes the screenshots (and checks them); `make screenshots` refreshes the committed ones in docs/.
SCREENSHOTS = Path(os.environ.get("RULINGS_SCREENSHOTS_DIR", ROOT / "build" / "screenshots"))
HINT = "run scripts/install_browser_deps.sh"


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing ({HINT})"
    if shutil.which("node") is None:
        return f"node is not on PATH ({HINT})"
    for package in ("playwright-core", "axe-core"):
        if not (ROOT / "node_modules" / package / "package.json").exists():
            return f"node_modules/{package} is missing ({HINT})"
    return None


BROWSER_MARKS = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow,
                 pytest.mark.skipif(missing() is not None, reason=missing() or "")]


def run_script(script: Path, config: dict[str, Any], *, timeout: float = 280) -> dict[str, Any]:
    """Run ``node script '<config>'`` (with the Chromium and screenshot folder of this machine) and return its
    report, with ``exit_code``; a script that printed no report fails the test with its output."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    config = {"executable": str(CHROMIUM), "screenshots_dir": str(SCREENSHOTS), **config}
    proc = subprocess.run(["node", str(script), json.dumps(config)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    try:
        report: dict[str, Any] = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{script.name} exited {proc.returncode} without a report:\n{proc.stdout[-2000:]}\n"
                    f"{proc.stderr[-3000:]}")
    report["exit_code"] = proc.returncode
    return report


def failures(report: dict[str, Any], *, nojs: bool | None = None) -> list[str]:
    """The checks that did not hold (``nojs``: only those of the flows without JavaScript, or only the others)."""
    return [f"[{c['flow']}] {c['name']}: {c['detail']}" for c in report["checks"]
            if not c["ok"] and (nojs is None or ("(no js)" in c["flow"]) == nojs)]


def serious_violations(report: dict[str, Any]) -> list[str]:
    """axe-core's serious and critical findings, one line each."""
    return [f"{a['page']} @{a.get('width')}px: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
            for a in report["axe"] for v in a["violations"] if v["impact"] in ("serious", "critical")]


def assert_clean(report: dict[str, Any]) -> None:
    """Every check held, no serious axe finding, no JavaScript error, and the script agreed (exit 0)."""
    failed = failures(report)
    assert not failed, "\n".join(failed)
    serious = serious_violations(report)
    assert not serious, "\n".join(serious)
    assert report["console_errors"] == []
    assert report["exit_code"] == 0
