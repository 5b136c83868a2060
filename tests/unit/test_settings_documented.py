"""Every setting is documented in the README, and settings validate."""

from pathlib import Path

from archive.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_setting_is_in_the_readme() -> None:
    missing = [f"RULINGS_{name.upper()}" for name in Settings.model_fields
               if f"`RULINGS_{name.upper()}`" not in README]
    assert not missing, f"undocumented settings: {missing}"


def test_postgres_urls_use_psycopg3(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    s = Settings(database_url="postgresql://postgres@127.0.0.1:5432/test")
    assert s.db_url.startswith("postgresql+psycopg://")


def test_default_database_is_sqlite_in_data_dir(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path)
    assert s.db_url == f"sqlite:///{tmp_path / 'rulings.sqlite3'}"


def test_managed_key_is_generated_once(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path)
    assert s.meili_master_key() == Settings(data_dir=tmp_path).meili_master_key()
    assert (tmp_path / "meili.key").stat().st_mode & 0o077 == 0


def test_env_prefix(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RULINGS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RULINGS_EXTRACTOR", "pdfplumber")
    s = Settings()
    assert s.data_dir == tmp_path and s.extractor == "pdfplumber"
