"""Migration 0009_review: the review tables come with the schema and go with a downgrade of that revision only,
on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from archive.db import Database, alembic_config, migrate

REVIEW_TABLES = {"review_users", "review_sessions", "review_api_tokens", "review_audit", "review_items",
                 "review_corrections", "review_reports", "review_promotions"}


def test_review_tables_upgrade_and_downgrade(database: Database) -> None:
    from alembic import command

    engine = database.engine
    assert set(inspect(engine).get_table_names()) >= REVIEW_TABLES
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009_review@0006")
    tables = set(inspect(engine).get_table_names())
    assert not REVIEW_TABLES & tables and "rulings" in tables
    migrate(engine)
    assert set(inspect(engine).get_table_names()) >= REVIEW_TABLES
