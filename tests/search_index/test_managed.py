"""The managed local server: start, health wait, reuse, clean stop, and the errors people will hit."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from archive.errors import ConfigurationError
from archive.settings import Settings
from search_index import ManagedMeilisearch, find_meili_binary, free_port
from search_index import managed as managed_module
from tests.fixtures.meili import MeiliServer

pytestmark = pytest.mark.integration


def test_start_and_stop(meili_server: MeiliServer, tmp_path: Path) -> None:
    server = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "meili", free_port(), "k" * 24)
    with server:
        assert server.running and not server.reused
        process = server.process
        assert process is not None
        assert managed_module._get(f"{server.url}/version", "k" * 24) == 200
        assert managed_module._get(f"{server.url}/version", "other-key-000000") in (401, 403)
    assert process.poll() is not None  # stopped
    assert not server.running
    assert (tmp_path / "meili" / "data.ms").is_dir()


def test_reuses_a_running_server_with_our_key(meili_server: MeiliServer, tmp_path: Path) -> None:
    port = int(meili_server.url.rsplit(":", 1)[1])
    with ManagedMeilisearch(meili_server.managed.binary, tmp_path, port, meili_server.key) as server:
        assert server.reused and server.process is None
    assert meili_server.managed.running  # the session server was left alone


def test_refuses_a_port_held_by_a_server_with_another_key(meili_server: MeiliServer, tmp_path: Path) -> None:
    port = int(meili_server.url.rsplit(":", 1)[1])
    with pytest.raises(ConfigurationError, match="port"):
        ManagedMeilisearch(meili_server.managed.binary, tmp_path, port, "a-different-key-123").start()


def test_binary_that_exits_at_start_is_reported(tmp_path: Path) -> None:
    fake = tmp_path / "meilisearch"
    fake.write_text("#!/bin/sh\necho 'Error: database version mismatch' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(ConfigurationError, match="version mismatch"):
        ManagedMeilisearch(fake, tmp_path / "d", free_port(), "k" * 16).start()


def test_short_master_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError):
        ManagedMeilisearch("meilisearch", tmp_path, 7700, "short")


def test_find_binary_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin" / "meilisearch"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    tools = tmp_path / "proj" / "tools" / "meilisearch"
    tools.parent.mkdir(parents=True)
    tools.write_text("#!/bin/sh\n")
    tools.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(managed_module, "_PROJECT_ROOT", tmp_path / "proj")
    monkeypatch.setenv("PATH", str(fake.parent))
    assert find_meili_binary(Settings(meili_binary=str(tools))) == tools
    assert find_meili_binary(Settings()) == fake
    monkeypatch.setenv("PATH", "")
    assert find_meili_binary(Settings()) == tools
    tools.unlink()
    with pytest.raises(ConfigurationError, match="make install"):
        find_meili_binary(Settings())
    with pytest.raises(ConfigurationError, match="not an executable"):
        find_meili_binary(Settings(meili_binary=str(tmp_path / "nope")))


def test_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RULINGS_MEILI_KEY", raising=False)
    settings = Settings(data_dir=tmp_path)
    server = ManagedMeilisearch.from_settings(settings)
    assert server.data_dir == tmp_path / "meili" and server.port == settings.meili_port
    assert server.key == (tmp_path / "meili.key").read_text()


def _healthy(server: ManagedMeilisearch) -> bool:
    return managed_module._get(f"{server.url}/health", None) == 200


@pytest.mark.parametrize("first_out", ["spawner", "reuser"])
def test_last_one_out_stops_the_server(meili_server: MeiliServer, tmp_path: Path, first_out: str) -> None:
    port, key = free_port(), "k" * 24
    spawner = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "a", port, key).start()
    process = spawner.process
    assert process is not None
    try:
        # `rulings ingest` and `rulings serve` of one installation: the same data folder
        reuser = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "a", port, key).start()
        assert reuser.reused
        first, last = (spawner, reuser) if first_out == "spawner" else (reuser, spawner)
        first.stop()
        assert _healthy(spawner)  # still in use by the other
        last.stop()
        assert not _healthy(spawner)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_server_we_did_not_spawn_is_never_stopped(meili_server: MeiliServer, tmp_path: Path) -> None:
    port, key = free_port(), "k" * 24
    spawner = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "a", port, key).start()
    process = spawner.process
    assert process is not None
    try:
        spawner._registry.pid_file.unlink()  # as if started by hand (`make dev`)
        reuser = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "b", port, key).start()
        spawner._unregister()
        spawner.process = None  # forget it, like a spawner that has exited
        spawner.reused = False
        reuser.stop()
        assert _healthy(reuser)
    finally:
        process.kill()
        process.wait()


def test_stop_without_start_is_harmless(tmp_path: Path) -> None:
    ManagedMeilisearch("meilisearch", tmp_path, free_port(), "k" * 16).stop()


def test_server_orphaned_by_a_crash_is_stopped_by_its_last_user(meili_server: MeiliServer, tmp_path: Path) -> None:
    import subprocess
    import sys

    port, key = free_port(), "k" * 24
    crash = (
        "import os, sys; from search_index import ManagedMeilisearch as M; "
        f"M({str(meili_server.managed.binary)!r}, {str(tmp_path / 'a')!r}, {port}, {key!r}).start(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", crash], check=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    reuser = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "a", port, key).start()
    assert reuser.reused and _healthy(reuser)
    reuser.stop()
    assert not _healthy(reuser)


def test_orphan_of_our_data_folder_on_another_port_is_reaped_at_start(meili_server: MeiliServer,
                                                                       tmp_path: Path) -> None:
    import subprocess
    import sys

    port, key = free_port(), "k" * 24
    crash = (
        "import os; from search_index import ManagedMeilisearch as M; "
        f"M({str(meili_server.managed.binary)!r}, {str(tmp_path / 'a')!r}, {port}, {key!r}).start(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", crash], check=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    orphan = ManagedMeilisearch(meili_server.managed.binary, tmp_path / "a", port, key)
    assert _healthy(orphan)
    # The same data folder on another port (the port setting changed after a crash): the orphan holds the folder.
    with ManagedMeilisearch(meili_server.managed.binary, tmp_path / "a", free_port(), key) as server:
        assert not server.reused and _healthy(server)
        assert not _healthy(orphan)
