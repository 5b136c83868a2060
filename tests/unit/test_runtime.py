"""The CLI's runtime: the database for the duration, the search index only when asked for."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from app.runtime import runtime
from archive.settings import Settings


def test_runtime_opens_a_migrated_database_and_an_external_index_without_starting_a_server(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, meili_url="http://127.0.0.1:9", meili_key="k" * 16, index_name="r1")
    with runtime(settings) as rt:
        assert "rulings" in inspect(rt.database.engine).get_table_names()
        with rt.search() as index:  # an external server: nothing is started, nothing is contacted yet
            assert (index.url, index.name) == ("http://127.0.0.1:9", "r1")
    assert not (tmp_path / "meili").exists()
    assert rt.database.engine.pool.checkedout() == 0
