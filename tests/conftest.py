"""Shared fixtures: real databases (tests/fixtures/db.py) and a real Meilisearch (tests/fixtures/meili.py)."""

pytest_plugins = ["tests.fixtures.db", "tests.fixtures.meili", "tests.fixtures.archive"]
