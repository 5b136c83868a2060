"""Migration 0010_alerts: the alert tables come with the schema and go with a downgrade of that revision only."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from archive.db import alembic_config, make_engine, migrate
from archive.settings import Settings


def test_alert_tables_upgrade_and_downgrade(tmp_path: Path) -> None:
    from alembic import command

    engine = make_engine(Settings(data_dir=tmp_path))
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"alert_subscriptions", "alert_tokens", "rulings"} <= tables
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    command.downgrade(cfg, "0010_alerts@0006")
    tables = set(inspect(engine).get_table_names())
    assert "alert_subscriptions" not in tables and "alert_tokens" not in tables and "rulings" in tables
    migrate(engine)
    assert "alert_tokens" in set(inspect(engine).get_table_names())
    engine.dispose()
