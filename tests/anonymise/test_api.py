"""Public API contract: version string, leak check, determinism, logging hygiene, one spaCy import."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import anonymise
from anonymise import anonymiser_version, check_no_leaks
from archive.domain import AnonymisedText
from archive.errors import AnonymisationError

PACKAGE = Path(anonymise.__file__).parent


def test_public_api() -> None:
    assert set(anonymise.__all__) >= {"anonymise", "anonymiser_version", "check_no_leaks"}


def test_version_format_and_recorded(run) -> None:
    v = anonymiser_version()
    assert re.fullmatch(r"anon/\d+\.\d+\.\d+\+[0-9a-f]{8}", v)
    assert run("De heer Jansen belde.").version == v


def test_deterministic(run) -> None:
    text = "De heer Jansen belde met tandarts Piotr Nowak over BSN 111222333."
    a, b = run(text), run(text)
    assert a.text == b.text and a.entities == b.entities


def test_leak_check_passes_and_fails_without_names_in_message() -> None:
    ok = AnonymisedText(text="[persoon 1] belde.", entities=[], version="x",
                        _replaced_surfaces=frozenset({"Jansen"}))
    check_no_leaks(ok)
    bad = AnonymisedText(text="[persoon 1] belde. Later belde JANSEN weer.", entities=[], version="x",
                         _replaced_surfaces=frozenset({"Jansen"}))
    with pytest.raises(AnonymisationError) as exc:
        check_no_leaks(bad)
    assert "jansen" not in str(exc.value).lower() and "jansen" not in repr(exc.value.detail).lower()


def test_leak_check_is_whole_word() -> None:
    ok = AnonymisedText(text="De Jansenstraat is lang.", entities=[], version="x",
                        _replaced_surfaces=frozenset({"Jansen"}))
    check_no_leaks(ok)


def test_leak_check_ignores_lower_case_words_for_one_word_surnames() -> None:
    ok = AnonymisedText(text="een groot deel in het bos", entities=[], version="x",
                        _replaced_surfaces=frozenset({"Groot", "Bos"}))
    check_no_leaks(ok)
    for leaked in ["Groot was er.", "GROOT was er."]:
        with pytest.raises(AnonymisationError):
            check_no_leaks(AnonymisedText(text=leaked, entities=[], version="x",
                                          _replaced_surfaces=frozenset({"Groot"})))


def test_leak_check_identifier_surfaces() -> None:
    bad = AnonymisedText(text="Bel 06-12345678.", entities=[], version="x",
                         _replaced_surfaces=frozenset({"06-12345678"}))
    with pytest.raises(AnonymisationError):
        check_no_leaks(bad)


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
