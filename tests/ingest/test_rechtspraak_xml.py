"""rechtspraak.nl open-data XML: metadata into format_metadata, free text into text, section titles as lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from archive.settings import Settings
from ingest import extract_file, parse_ruling

from .conftest import SAMPLES

CBB = SAMPLES / "ECLI.NL.CBB.2000.AA7124.xml"


def test_metadata(settings: Settings) -> None:
    doc = extract_file(CBB, settings)
    assert doc.source_format == "rechtspraak-xml"
    assert doc.extractor.startswith("rechtspraak-xml/")
    md = doc.format_metadata
    assert md["ecli"] == "ECLI:NL:CBB:2000:AA7124"
    assert md["court"] == "College van Beroep voor het bedrijfsleven"
    assert md["decision_date"] == "2000-08-01"
    assert md["publication_date"] == "2004-04-14"
    assert md["zaaknummer"] == ["AWB 00/323"]
    assert "Bestuursrecht" in md["rechtsgebied"]
    assert md["procedure"] == ["Eerste aanleg - meervoudig"]


def test_free_text_goes_to_text_not_metadata(settings: Settings) -> None:
    doc = extract_file(CBB, settings)
    assert doc.text.startswith("Inhoudsindicatie\n\n")
    assert "\n\nUitspraak\n\n" in doc.text
    assert "Agis Ziektekostenverzekeringen N.V. te Amersfoort" in doc.text
    # Names in the inhoudsindicatie must be anonymised with the rest: none of it in the metadata.
    assert "Agis" not in repr(doc.format_metadata)
    assert len(doc.pages) == 1 and not doc.pages[0].ocr


def test_leading_newline_before_xml_declaration(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "nl.xml"
    path.write_bytes(b"\n" + CBB.read_bytes())
    assert extract_file(path, settings).format_metadata["ecli"] == "ECLI:NL:CBB:2000:AA7124"


def test_content_not_extension_decides(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "ruling.txt"
    path.write_bytes(CBB.read_bytes())
    assert extract_file(path, settings).source_format == "rechtspraak-xml"


def test_parse_rechtspraak(settings: Settings) -> None:
    doc = extract_file(CBB, settings)
    p = parse_ruling(doc.text, doc.format_metadata)
    assert p.metadata.source == "rechtspraak"
    assert p.metadata.title == "College van Beroep voor het bedrijfsleven, ECLI:NL:CBB:2000:AA7124"
    assert p.metadata.ecli == "ECLI:NL:CBB:2000:AA7124"
    assert p.metadata.decision_date == date(2000, 8, 1)
    assert p.metadata.publication_date == date(2004, 4, 14)
    assert p.metadata.case_number == "AWB 00/323"
    assert p.metadata.procedure == ["Eerste aanleg - meervoudig"]
    assert {"awb:1:1:1:a", "wtz:3", "wtz:34"} <= {r.id for r in p.references}


def test_numbered_title_keeps_its_number(settings: Settings) -> None:
    doc = extract_file(SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml", settings)
    assert "\n\n1. De procedure\n\n" in doc.text
    p = parse_ruling(doc.text, doc.format_metadata)
    assert ("1", "De procedure") in [(s.number, s.title) for s in p.sections]


def test_dictum_outcomes(settings: Settings) -> None:
    unbevoegd = parse_ruling(*_doc(CBB, settings))
    assert unbevoegd.outcome == "niet-ontvankelijk"  # "verklaart zich onbevoegd"; the griffierecht refund is a cost
    gegrond = parse_ruling(*_doc(SAMPLES / "ECLI.NL.CBB.2000.AU1263.xml", settings))
    # "verklaart het beroep gegrond ... wijst af het meer of anders gevorderde": the appeal succeeds in full (the
    # ruling annuls the decision and the reasoning rejects nothing the appellant asked); the closing catch-all
    # decides no claim, so it is no item and does not make the ruling a partial grant
    assert gegrond.outcome == "toegewezen"
    assert [it.outcome for it in gegrond.decision_items] == ["toegewezen"]


def test_run_in_decision_heading() -> None:
    text = ("Uitspraak\n\n1. Geding in cassatie Belanghebbende heeft beroep ingesteld.\n\n"
            "4. Proceskosten De Hoge Raad acht geen termen aanwezig voor een veroordeling.\n\n"
            "5. Beslissing De Hoge Raad verwerpt het beroep.\n\nDit arrest is gewezen door de vice-president.")
    p = parse_ruling(text, {"source": "rechtspraak", "ecli": "ECLI:NL:HR:1995:AA0001"})
    assert ("5", "Beslissing") in [(s.number, s.title) for s in p.sections]
    assert p.outcome == "afgewezen"


def _doc(path: Path, settings: Settings) -> tuple[str, dict]:
    doc = extract_file(path, settings)
    return doc.text, doc.format_metadata
