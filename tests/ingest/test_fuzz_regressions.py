"""Inputs the property-based tests (tests/fuzz) found to break the extractors, kept as plain regression tests."""

from __future__ import annotations

import pytest

from ingest.rechtspraak_xml import RS, extract_rechtspraak_xml


def _doc(inhoud: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<open-rechtspraak><inhoudsindicatie xmlns="{RS}">{inhoud}'
            "</inhoudsindicatie></open-rechtspraak>").encode()


@pytest.mark.parametrize(
    ("inhoud", "paragraphs"),
    [
        # An empty <nr/> after a number overwrote it: the number was lost, and a section holding only numbers was
        # an "empty document".
        ("<section><nr>0</nr><nr/></section>", ["0"]),
        ("<para>1</para><section><nr>0</nr><nr/></section>", ["1", "0"]),
        # Two numbers in a row: the first stands alone, the second joins the title it belongs to.
        ("<section><nr>2</nr><nr>2.1</nr><title>Feiten</title></section>", ["2", "2.1 Feiten"]),
        ("<section><nr>3</nr><nr/><title>Beoordeling</title></section>", ["3 Beoordeling"]),
    ],
)
def test_section_numbers_are_never_dropped(inhoud: str, paragraphs: list[str]) -> None:
    assert extract_rechtspraak_xml(_doc(inhoud)).text.split("\n\n") == ["Inhoudsindicatie", *paragraphs]
