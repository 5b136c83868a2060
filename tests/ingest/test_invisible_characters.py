"""Invisible format characters (soft hyphens, zero-width spaces, a byte order mark inside the text) are removed by
every extractor: a name split by one is one word again for search, parsing and the anonymiser."""

from __future__ import annotations

from pathlib import Path

from archive.settings import Settings
from ingest import extract_file
from ingest.extract import extract_bytes
from ingest.pipeline import process_file

from .conftest import SAMPLES

CBB = SAMPLES / "ECLI.NL.CBB.2000.AA7124.xml"
SOFT = "\u00ad"


def test_plain_text_loses_soft_hyphens_and_zero_width_spaces(settings: Settings) -> None:
    doc = extract_bytes(f"De heer Wil{SOFT}lemsen en Ger{SOFT}rit\u200b de Boer\ufeff.\n".encode(), settings,
                        name="brief.txt")
    assert doc.text.strip() == "De heer Willemsen en Gerrit de Boer."
    assert all(SOFT not in p.text and "\u200b" not in p.text for p in doc.pages)


def test_zero_width_joiners_stay(settings: Settings) -> None:
    # They change how some scripts are written: not invisible noise.
    doc = extract_bytes("mi\u200cxed \u200d.\n".encode(), settings, name="x.txt")
    assert "\u200c" in doc.text and "\u200d" in doc.text


def test_rechtspraak_xml_body_and_metadata(tmp_path: Path, settings: Settings) -> None:
    xml = CBB.read_text(encoding="utf-8")
    xml = xml.replace("Agis", f"Ag{SOFT}is", 1).replace("AWB 00/323", f"AWB{SOFT} 00/323", 1)
    path = tmp_path / "ruling.xml"
    path.write_text(xml, encoding="utf-8")
    doc = extract_file(path, settings)
    assert SOFT not in doc.text and SOFT not in repr(doc.format_metadata)
    assert doc.format_metadata["zaaknummer"] == ["AWB 00/323"]


def test_a_name_split_by_a_soft_hyphen_is_anonymised(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "uitspraak.txt"
    path.write_text(f"Verzoeker, Gerrit Wil{SOFT}lemsen, woont te Utrecht. Wil{SOFT}lemsen stelt dat hij recht "
                    "heeft op vergoeding.\n", encoding="utf-8")
    out = process_file(path, settings)
    text = out.anonymised.text  # type: ignore[union-attr]
    assert "lemsen" not in text and "Gerrit" not in text
