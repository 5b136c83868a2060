"""Pure cleaning steps on synthetic positioned lines: no PDF library involved."""

from __future__ import annotations

from ingest.clean import (
    HYPHEN_MARK,
    join_hyphenated,
    join_pages,
    paragraphs,
    remove_running_lines,
    resolve_hyphens,
    text_layer_quality,
)
from ingest.layout import Line, PageLines


def _page(number: int, texts: list[str], *, top: float = 80, pitch: float = 14, gaps: set[int] | None = None,
          header: str | None = None, footer: str | None = None) -> PageLines:
    lines = []
    if header:
        lines.append(Line(header, 72, 30, 500, 40))
    y = top
    for i, t in enumerate(texts):
        if gaps and i in gaps:
            y += 10
        lines.append(Line(t, 72, y, 72 + 5.2 * len(t), y + 10))
        y += pitch
    if footer:
        lines.append(Line(footer, 260, 800, 330, 810))
    return PageLines(number, 595, 842, lines)


BODY = [
    "De commissie heeft kennisgenomen van het verzoek van verzoeker en van het verweer van de",
    "ziektekostenverzekeraar. Zij overweegt als volgt over de vergoeding van de kosten van de",
    "behandeling die in het buitenland heeft plaatsgevonden en die volgens verzoeker volledig",
    "vergoed moet worden.",
]


def test_running_header_footer_removed_across_pages() -> None:
    words = ["zorg", "tandarts", "nota", "commissie"]
    pages = [_page(i, [f"{words[i - 1]} {w}" for w in BODY], header="Stichting X — Bindend advies 2020",
                   footer=f"pagina {i} van 4") for i in range(1, 5)]
    cleaned = remove_running_lines(pages)
    for page in cleaned:
        texts = [ln.text for ln in page.lines]
        assert "Stichting X — Bindend advies 2020" not in texts
        assert not any(t.startswith("pagina") for t in texts)
        assert len(texts) == len(BODY)


def test_header_with_page_number_variants() -> None:
    variants = ["- {n} -", "{n}", "{n}/9", "Page {n} of 9", "blz. {n}"]
    for pattern in variants:
        pages = [_page(i, [f"Alinea {w} {v}" for w in ("een", "twee", "drie", "vier")],
                       footer=pattern.format(n=i)) for i, v in ((1, "appel"), (2, "peer"))]
        cleaned = remove_running_lines(pages)
        assert all(len(p.lines) == 4 for p in cleaned), pattern


def test_single_page_document_keeps_its_text() -> None:
    page = _page(1, ["ANONIEM BINDEND ADVIES", "Zaaknummer : 202000821", *BODY], footer="pagina 1 van 1")
    texts = [ln.text for ln in remove_running_lines([page])[0].lines]
    assert texts[:2] == ["ANONIEM BINDEND ADVIES", "Zaaknummer : 202000821"]
    assert "pagina 1 van 1" not in texts


def test_trailing_page_number_stripped_but_line_kept_when_not_repeating() -> None:
    page = _page(1, [*BODY, "Stichting Klachten en Geschillen Zorgverzekeringen, pagina 1 van 9"])
    texts = [ln.text for ln in remove_running_lines([page])[0].lines]
    assert texts[-1] == "Stichting Klachten en Geschillen Zorgverzekeringen"


def test_paragraphs_from_vertical_gaps_and_numbering() -> None:
    page = _page(1, ["1. Partijen", "A te B, hierna te noemen: verzoeker,", *BODY[:3],
                     "vergoed moet worden. 6.1. De commissie overweegt", "6.2. Verzoeker heeft aangevoerd."],
                 gaps={1, 2})
    paras = paragraphs(page)
    assert paras[:2] == ["1. Partijen", "A te B, hierna te noemen: verzoeker,"]
    assert paras[2].startswith("De commissie heeft kennisgenomen") and paras[2].endswith("De commissie overweegt")
    assert paras[3] == "6.2. Verzoeker heeft aangevoerd."


def test_hyphenation() -> None:
    # Undecided lower-case continuations are marked and settled with the whole document's spelling.
    assert join_hyphenated("de ziektekosten\ufffe", "verzekeraar") == f"de ziektekosten{HYPHEN_MARK}verzekeraar"
    assert resolve_hyphens([f"de ziektekosten{HYPHEN_MARK}verzekeraar"]) == ["de ziektekostenverzekeraar"]
    assert join_hyphenated("onderzoeks-", "en adviesbevoegdheid") == "onderzoeks- en adviesbevoegdheid"
    assert join_hyphenated("mr. Nauta-", "Sluijs") == "mr. Nauta-Sluijs"
    assert join_hyphenated("de EU-", "verordening") == "de EU-verordening"
    assert join_hyphenated("is niet-", "ontvankelijk") == "is niet-ontvankelijk"
    assert join_hyphenated("zee-", "egel") == "zee-egel"
    assert join_hyphenated("dekking, -", "prestatie") == "dekking, -prestatie"
    assert join_hyphenated("periode 2020-", "2021") == "periode 2020-2021"
    assert join_hyphenated("de tand-", "arts") == f"de tand{HYPHEN_MARK}arts"


def test_resolve_hyphens_uses_document_spelling() -> None:
    texts = [f"de zorg{HYPHEN_MARK}verzekeraar en de zorgverzekeraar", f"het e{HYPHEN_MARK}mail adres, e-mail"]
    assert resolve_hyphens(texts) == ["de zorgverzekeraar en de zorgverzekeraar", "het e-mail adres, e-mail"]


def test_join_pages_glues_broken_paragraph() -> None:
    assert join_pages(["Eerste alinea.\n\nDe behandeling in Thailand te laten", "uitvoeren. Daarna"]) == (
        "Eerste alinea.\n\nDe behandeling in Thailand te laten uitvoeren. Daarna")
    assert join_pages(["Einde van de zin.", "Nieuwe alinea."]) == "Einde van de zin.\n\nNieuwe alinea."


def test_text_layer_quality() -> None:
    ok = _page(1, BODY)
    assert text_layer_quality(ok) == "ok"
    assert text_layer_quality(_page(1, ["12"])) == "empty"
    assert text_layer_quality(_page(1, ["(cid:12)(cid:13)(cid:14)(cid:15) abcdefghijklmnopqrstuvwxyz"])) == "garbage"
    assert text_layer_quality(_page(1, ["\ue001\ue002\ue003 " * 30 + "abcdefghijklmnopqrstu"])) == "garbage"
    toc = _page(1, [f"Rolnr. 2010/00{i} - 3 maart 2010 ............................ {i + 5}" for i in range(9)])
    assert text_layer_quality(toc) == "ok"
