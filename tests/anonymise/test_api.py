"""Public API contract: version string, leak check, determinism, logging hygiene, one spaCy import."""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

import pytest

import anonymise
from anonymise import anonymiser_version
from anonymise.leaks import check_no_leaks
from anonymise.mentions import Mention
from anonymise.redact import redact
from archive.domain import AnonymisedText
from archive.errors import AnonymisationError
from archive.settings import Settings

PACKAGE = Path(anonymise.__file__).parent


def test_public_api() -> None:
    assert set(anonymise.__all__) >= {"anonymise", "anonymiser_version"}
    assert "check_no_leaks" not in anonymise.__all__  # anonymise() runs it; no caller has to remember it


def test_version_format_and_recorded(run, settings: Settings) -> None:
    v = anonymiser_version(settings)
    assert re.fullmatch(r"anon/\d+\.\d+\.\d+\+[0-9a-f]{8}", v)
    assert run("De heer Jansen belde.").version == v


def test_version_names_the_settings_that_change_the_output(run, settings: Settings) -> None:
    """ner_model and redact_officials change what is replaced, so they change the version (and re-anonymise)."""
    base = anonymiser_version(settings)
    officials = settings.model_copy(update={"redact_officials": True})
    assert anonymiser_version(officials) == base + "+officials"
    assert run("De heer Jansen belde.", redact_officials=True).version == base + "+officials"
    other_model = settings.model_copy(update={"ner_model": "nl_core_news_sm"})
    assert anonymiser_version(other_model) == base + "+model:nl_core_news_sm"


def test_deterministic(run) -> None:
    text = "De heer Jansen belde met tandarts Piotr Nowak over BSN 111222333."
    a, b = run(text), run(text)
    assert a.text == b.text and a.entities == b.entities


def test_leak_check_passes_and_fails_without_names_in_message() -> None:
    check_no_leaks("[persoon 1] belde.", {"Jansen"})
    with pytest.raises(AnonymisationError) as exc:
        check_no_leaks("[persoon 1] belde. Later belde JANSEN weer.", {"Jansen"})
    assert "jansen" not in str(exc.value).lower() and "jansen" not in repr(exc.value.detail).lower()


def test_leak_check_is_whole_word() -> None:
    check_no_leaks("De Jansenstraat is lang.", {"Jansen"})


def test_leak_check_ignores_lower_case_words_for_one_word_surnames() -> None:
    check_no_leaks("een groot deel in het bos", {"Groot", "Bos"})
    for leaked in ["Groot was er.", "GROOT was er."]:
        with pytest.raises(AnonymisationError):
            check_no_leaks(leaked, {"Groot"})


def test_leak_check_identifier_surfaces() -> None:
    with pytest.raises(AnonymisationError):
        check_no_leaks("Bel 06-12345678.", {"06-12345678"})


def test_anonymise_runs_the_leak_check_itself(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A leak that slipped past the rules is caught inside anonymise(): the caller gets an error, never the text."""

    def leaky_redact(text: str, mentions: list[Mention], version: str) -> tuple[AnonymisedText, frozenset[str]]:
        result, _ = redact(text, mentions, version)
        return result, frozenset({"Utrecht"})  # pretend "Utrecht" was replaced somewhere: it is still in the text

    monkeypatch.setattr(anonymise, "redact", leaky_redact)
    with pytest.raises(AnonymisationError, match="leak check failed"):
        run("De heer Jansen woont in Utrecht.")


def test_anonymise_turns_any_failure_into_an_anonymisation_error(run, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_redact(text: str, mentions: list[Mention], version: str) -> tuple[AnonymisedText, frozenset[str]]:
        raise ValueError("De heer Jansen")  # an internal error's message may hold text: it must not travel on

    monkeypatch.setattr(anonymise, "redact", broken_redact)
    with pytest.raises(AnonymisationError) as exc:
        run("De heer Jansen woont in Utrecht.")
    assert "Jansen" not in str(exc.value) and "Jansen" not in repr(exc.value.detail)


def test_result_carries_no_replaced_surfaces(run) -> None:
    result = run("De heer Kowalski belde met mevrouw Srisuk.")
    assert {f.name for f in dataclasses.fields(result)} == {"text", "entities", "version"}
    assert "Kowalski" not in repr(vars(result)) and "Srisuk" not in repr(vars(result))


def test_no_names_in_logs(run, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="anonymise"):
        run("De heer Kowalski belde met mevrouw Srisuk.")
    assert caplog.records
    assert not any("Kowalski" in r.getMessage() or "Srisuk" in r.getMessage() for r in caplog.records)


def test_result_repr_does_not_show_surfaces(run) -> None:
    assert "Kowalski" not in repr(run("De heer Kowalski belde."))


def test_only_nlp_module_imports_spacy() -> None:
    importers = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "training":
            continue  # offline training scripts, never imported at run time
        if re.search(r"^\s*(import spacy|from spacy)", path.read_text(), re.M):
            importers.append(str(rel))
    assert importers == ["nlp.py"]


def test_unknown_model_raises_anonymisation_error(run) -> None:
    with pytest.raises(AnonymisationError):
        run("De heer Jansen.", ner_model="/nonexistent/model")


def test_bundled_model_size_limit() -> None:
    size = sum(p.stat().st_size for p in (PACKAGE / "model").rglob("*") if p.is_file())
    assert size <= 20 * 1024 * 1024


def test_importing_the_package_does_not_import_spacy() -> None:
    # The web process never loads a model; even an accidental import of anonymise must stay light.
    import subprocess
    import sys

    code = "import sys, anonymise; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PACKAGE.parent)


def test_other_model_by_path_works_and_is_recorded(run) -> None:
    text = "De heer Jansen belde met tandarts Piotr Nowak."
    other = run(text, ner_model=str(PACKAGE / "model"))
    assert other.text == run(text).text
    assert other.version.endswith("+model:" + str(PACKAGE / "model"))
