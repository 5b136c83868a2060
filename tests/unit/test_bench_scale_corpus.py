"""The search-at-scale benchmark's corpus (scripts/bench_scale.py) is varied text, not clones of a few samples.

Only what the corpus builder promises is checked here; the benchmark's figures are reported by `make bench`, never
asserted.
"""

from __future__ import annotations

import pytest

from scripts.bench_scale import CorpusBuilder, Donor, load_donors, paragraphs_of, query_words, variety
from search_index.documents import index_documents
from tests.paths import SHARED

CORPUS = SHARED / "corpus"


def test_paragraph_fragments_are_glued_to_the_next_paragraph() -> None:
    text = "Rolnr. 12\n\nte\n\n" + " ".join(["woord"] * 12) + "\n\n" + " ".join(["ander"] * 9) + "\n\nslot"
    paragraphs = paragraphs_of(text)
    assert paragraphs[0].startswith("Rolnr. 12 te woord")
    assert paragraphs[-1].endswith("ander slot")
    assert all(len(p.split()) >= 8 for p in paragraphs)


def test_a_text_flattened_to_one_line_is_cut_into_sentence_groups() -> None:
    sentence = "De rechtbank overweegt dat het beroep ongegrond is en wijst het verzoek af. "
    paragraphs = paragraphs_of(sentence * 60)
    assert len(paragraphs) > 5
    assert "".join(paragraphs).replace(" ", "") == (sentence * 60).replace(" ", "")


def _toy_donors(n: int = 12) -> list[Donor]:
    return [Donor(name=f"d{k}", paragraphs=[f"donor {k} alinea {j} " + "tekst " * 20 for j in range(10)],
                  outcome="afgewezen" if k % 2 else "toegewezen") for k in range(n)]


def test_a_ruling_is_deterministic_and_recombines_several_donors() -> None:
    donors = _toy_donors()
    a, b = CorpusBuilder(donors, seed=3), CorpusBuilder(donors, seed=3)
    assert a.ruling(7).text == b.ruling(7).text
    for i in range(50):
        ruling = a.ruling(i)
        used = {p.split()[1] for p in ruling.text.split("\n\n")}
        assert len(used) >= 3, "each ruling draws paragraphs from at least three donors"
        assert ruling.id == i + 1 and index_documents(ruling) is not None


def test_too_few_donors_is_refused() -> None:
    with pytest.raises(ValueError, match="donors"):
        CorpusBuilder(_toy_donors(3))


@pytest.mark.skipif(not (CORPUS / "rechtspraak_xml").is_dir(), reason=f"shared corpus not found at {CORPUS}")
def test_the_corpus_from_real_rulings_is_varied() -> None:
    donors = load_donors(CORPUS, limit=24)
    assert len(donors) == 24
    builder = CorpusBuilder(donors)
    rulings = [builder.ruling(i) for i in range(200)]
    v = variety(rulings)
    assert v["distinct_texts"] == 1.0
    # 200 rulings of ~1,700 words from 24 donors: paragraphs recur (the ratio), combinations do not (the texts),
    # and the rulings draw on most of the donors' paragraphs, not on a few of them.
    assert v["distinct_paragraph_ratio"] > 0.1
    pool = {p for d in donors for p in d.paragraphs}
    used = {p for r in rulings for p in r.text.split("\n\n")}
    assert len(used & pool) / len(pool) > 0.5
    assert v["top_opening_share"] < 0.1
    assert v["metadata_triples"] > 50  # outcome x year x insurer
    words = query_words(donors)
    assert words and all(len(w) >= 6 for w in words)
