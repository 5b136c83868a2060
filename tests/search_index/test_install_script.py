"""scripts/install_meilisearch.sh: the quick, offline paths (the download path is exercised by `make install`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from archive.settings import Settings
from search_index import find_meili_binary

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "install_meilisearch.sh"


def run(tools: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path}
    return subprocess.run(["bash", str(SCRIPT), str(tools)], env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def real_binary() -> Path:
    return find_meili_binary(Settings())


def test_second_run_is_a_no_op(tmp_path: Path, real_binary: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "meilisearch").symlink_to(real_binary)
    result = run(tools, "/usr/bin:/bin")  # no meilisearch on PATH, no npm needed
    assert result.returncode == 0, result.stderr
    assert "already meilisearch 1.21.0" in result.stderr


def test_right_version_on_path_wins(tmp_path: Path, real_binary: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "meilisearch").symlink_to(real_binary)
    result = run(tmp_path / "tools", f"{bin_dir}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    assert "from PATH" in result.stderr and not (tmp_path / "tools").exists()


def test_script_is_valid_bash() -> None:
    assert subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True).returncode == 0
