"""Dutch lemmas (pure): the table reads without spaCy, inflections meet, queries are taken apart correctly."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from archive.errors import InvalidParameterError
from archive.lemmas import lemma, lemma_terms, lemmatise
from search_index.documents import HIGHLIGHT_POST, HIGHLIGHT_PRE
from search_index.query import SearchQuery, crop_snippet, encode_cursor, filter_clauses, parse_text
from search_index.query.cursor import decode_cursor
from search_index.query.text import MAX_EXCLUDED_TERMS


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (("kroon", "kronen", "Kronen"), "kroon"),  # "kronen" is missing from the lookup table: exceptions fill it
        (("tandarts", "tandartsen"), "tandarts"),
        (("verzekeraar", "verzekeraars"), "verzekeraar"),
        (("machtiging", "machtigingen"), "machtiging"),
        (("implantaat", "implantaten"), "implantaat"),
        (("ziekenhuis", "ziekenhuizen"), "ziekenhuis"),
        (("vergoeden", "vergoedt", "vergoed"), "vergoeden"),
        (("declareren", "declareerde", "gedeclareerd"), "declareren"),
    ],
)
def test_inflections_share_a_lemma(forms: tuple[str, ...], expected: str) -> None:
    assert {lemma(f) for f in forms} == {expected}


@pytest.mark.parametrize("word", ["zorg", "wet", "onderzoek", "kroon", "eigen", "202100002", "zvw", "de"])
def test_lemmas_are_stable(word: str) -> None:
    # A lemma maps to itself, so the query side and the index side always agree.
    assert lemma(lemma(word)) == lemma(word)


def test_lemmatise_and_lemma_terms() -> None:
    assert lemmatise("Vier kronen, twee implantaten.") == "vier kroon twee implantaat"
    assert lemma_terms("De kronen en de kroon; implantaten") == "implantaat"  # "kroon" is in the text already
    assert lemma_terms("") == ""


def test_reading_the_table_does_not_import_spacy() -> None:
    code = "import sys; from archive.lemmas import lemma; lemma('kronen'); assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("q", "positive", "excluded"),
    [
        ("kronen", "kroon", ()),
        ("Tandartsen in Turkije", "tandarts in turkije", ()),
        ('"vier kronen" tandarts', '"vier kronen" tandarts', ()),
        ("kroon -implantaten", "kroon", ("-implantaat",)),  # excluded words are lemmatised too
        ('kroon -"eigen risico" -x', "kroon", ('-"eigen risico"', "-x")),
        ("co-assurantie - test", "co-assurantie test", ()),  # a lone '-' and inner hyphens are not negation
        ('tandarts "phrase', 'tandarts "phrase"', ()),  # an unclosed quote runs to the end
        ("-kroon -kronen", "", ("-kroon",)),
        ("-e-health", "", ('-"e health"',)),  # one token of several words is excluded as a phrase
        ("ECLI:NL:RBAMS:2022:1234", "ecli:nl:rbams:2022:1234", ()),
    ],
)
def test_parse_text(q: str, positive: str, excluded: tuple[str, ...]) -> None:
    parsed = parse_text(q)
    assert parsed.positive.lower() == positive and parsed.excluded == excluded
    # What the rulings index gets: the positive part, then Meilisearch's own negations (per ruling document).
    assert parsed.search.lower() == " ".join([positive, *excluded]).strip()


def test_too_many_exclusions_are_refused() -> None:
    with pytest.raises(InvalidParameterError):
        parse_text(" ".join(f"-woord{n}" for n in range(MAX_EXCLUDED_TERMS + 1)))


def test_highlight_lemmas_skip_stop_words_and_exclusions() -> None:
    parsed = parse_text("de kronen -implantaat")
    assert {"kroon", "kronen"} <= parsed.highlight and "de" not in parsed.highlight
    assert "implantaat" not in parsed.highlight


def test_crop_snippet_marks_inflections_and_centres_the_match() -> None:
    words = [f"w{n}" for n in range(100)]
    words[70] = "kronen"
    text = crop_snippet(" ".join(words), parse_text("kroon").highlight, crop_words=20)
    assert text.startswith("… w66") and f"{HIGHLIGHT_PRE}kronen{HIGHLIGHT_POST}" in text and text.endswith(" …")
    assert crop_snippet("a b c", frozenset()) == "a b c"
    partial = crop_snippet(f"vier {HIGHLIGHT_PRE}krone{HIGHLIGHT_POST}n", parse_text("kroon").highlight)
    assert partial == f"vier {HIGHLIGHT_PRE}kronen{HIGHLIGHT_POST}"  # a partial prefix mark becomes whole


def _reference_crop(formatted: str, highlight: frozenset[str], crop_words: int) -> str:
    """crop_snippet's rule written the plain way (split every word, test every word): the fast version must agree."""
    from search_index.query.snippets import _asked, _marked, _plain

    tokens = formatted.split()
    marks = [i for i, t in enumerate(tokens) if HIGHLIGHT_PRE in t]
    if not marks and highlight:
        marks = [i for i, t in enumerate(tokens) if _asked(t, highlight)]
    start = 0
    if marks and len(tokens) > crop_words:
        best: tuple[int, int, int] | None = None
        for m in marks:
            s = max(0, min(m - crop_words // 5, len(tokens) - crop_words))
            inside = [tokens[i] for i in marks if s <= i < s + crop_words]
            score = (len({_plain(t).lower() for t in inside}), len(inside), -s)
            if best is None or score > best:
                best, start = score, s
    end = min(len(tokens), start + crop_words)
    window = [_marked(t, highlight) if HIGHLIGHT_PRE in t or (highlight and _asked(t, highlight)) else t
              for t in tokens[start:end]]
    return ("… " if start > 0 else "") + " ".join(window) + (" …" if end < len(tokens) else "")


def test_crop_snippet_agrees_with_the_plain_rule_on_random_passages() -> None:
    import random

    rng = random.Random(4)
    vocabulary = ["de", "kroon", "kronen", "tandarts", "zorg,", "(artikel", "14)", "vergoeding.", "Zvw", "x"]
    spaces = [" ", " ", " ", "  ", "\n\n", " \n", "\t", "\xa0"]
    queries = ["kroon", "tandarts zorg", "kronen artikel", ""]
    for _ in range(400):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 90))]
        marked = [f"{HIGHLIGHT_PRE}{w}{HIGHLIGHT_POST}" if rng.random() < 0.08 else w for w in words]
        single = " ".join(marked)
        spaced = rng.choice(["", " "]) + "".join(w + rng.choice(spaces) for w in marked)
        highlight = parse_text(rng.choice(queries)).highlight
        for crop_words in (40, 12, 5):
            expected = _reference_crop(single, highlight, crop_words)
            assert crop_snippet(single, highlight, crop_words) == expected
            assert crop_snippet(spaced, highlight, crop_words) == expected  # any spacing: same words, same cut


def test_snippet_is_the_crop_escaped_on_random_passages() -> None:
    """``snippet`` takes short ways (one string instead of word lists, tokens rewritten only where needed): its
    HTML must be that of ``snippet_html(_balanced(crop_snippet(...)))`` on any passage: single-spaced or not,
    marks whole, partial, spread over two tokens or unpaired, words asked only through their lemma, markup to
    escape, characters whose lower case is longer, other Unicode spaces, passages shorter and longer than a window."""
    import random

    from search_index.query.snippets import _balanced, snippet, snippet_html

    pre, post = HIGHLIGHT_PRE, HIGHLIGHT_POST
    rng = random.Random(16)
    vocabulary = ["de", "kroon", "Kronen", "kronen,", "tandarts", "(tandartsen)", "zorg,", "(artikel", "14)", "is",
                  "vergoeding.", "Zvw", "x", "e-health", "<b>", "&", "'s", '"q"', "İstanbul", "a\u2009b", "—", "…"]
    spaces = [" "] * 12 + ["  ", "\n", "\t", "\xa0"]
    queries = ["kroon", "tandarts zorg", "kronen artikel", "", "geweest", "e-health", "istanbul"]

    def mark(word: str) -> str:
        kind = rng.random()
        if kind < 0.5:
            return f"{pre}{word}{post}"
        if kind < 0.7 and len(word) > 2:
            return f"{pre}{word[:-1]}{post}{word[-1]}"  # a prefix match
        if kind < 0.8:
            return f"({pre}{word}{post}),"
        return rng.choice([f"{pre}{word}", f"{word}{post}", f"{pre}{word} {word}{post}"])  # unpaired or spread

    for _ in range(3_000):
        words = [rng.choice(vocabulary) for _ in range(rng.choice([0, 1, 5, 39, 40, 41, rng.randint(0, 300)]))]
        density = rng.choice([0.0, 0.01, 0.08, 0.3])
        tokens = [mark(w) if rng.random() < density else w for w in words]
        single = " ".join(tokens)
        text = single if rng.random() < 0.8 else "".join(t + rng.choice(spaces) for t in tokens)
        highlight = parse_text(rng.choice(queries)).highlight
        assert snippet(text, highlight) == snippet_html(_balanced(crop_snippet(text, highlight))), (text, highlight)


def test_crop_snippet_windows_at_both_ends_and_the_densest_in_between() -> None:
    def mark(word: str) -> str:
        return f"{HIGHLIGHT_PRE}{word}{HIGHLIGHT_POST}"

    words = [f"w{n}" for n in range(100)]
    words[98] = mark("kroon")  # near the end: the window is the last 20 words
    assert crop_snippet(" ".join(words), frozenset({"kroon"}), crop_words=20).startswith("… w80 ")
    words[98] = "w98"
    words[1] = mark("kroon")  # near the start: no leading ellipsis
    assert crop_snippet(" ".join(words), frozenset({"kroon"}), crop_words=20).startswith("w0 ")
    words[50], words[55] = mark("tandarts"), mark("kroon")  # two distinct words together beat one alone
    assert crop_snippet(" ".join(words), frozenset({"kroon", "tandarts"}), crop_words=20).startswith("… w46 ")
    assert crop_snippet("", frozenset({"kroon"})) == "" == crop_snippet(" \n ", frozenset())


def test_new_filter_clauses_are_quoted_or_numbers() -> None:
    query = SearchQuery(
        filters={"reference": ['a" OR b'], "country": ["Turkije"], "care_type": ["mondzorg"],
                 "insurance_type": ["basis"]},
        date_from=date(2021, 1, 2),
        date_to=date(2021, 12, 31),
        amount_min=10,
        amount_max=99.5,
    ).plan()
    assert filter_clauses(query) == [
        'reference_tree IN ["a\\" OR b"]',
        'care_types IN ["mondzorg"]',
        'countries IN ["Turkije"]',
        'insurance_type IN ["basis"]',
        "date >= 20210102",
        "date <= 20211231",
        "amount_awarded >= 10.0",
        "amount_awarded <= 99.5",
    ]


def test_cursor_round_trip_is_opaque_and_bound() -> None:
    query = SearchQuery(q="kroon", per_page=10).plan().query
    token = encode_cursor(query, 3)
    assert "kroon" not in token and "=" not in token
    assert decode_cursor(token, query, "relevance") == (3, None)  # relevance: a position
    assert SearchQuery(q="kroon", per_page=10, cursor=token).plan().page == 3


def test_cursor_of_a_sorted_search_is_a_bookmark() -> None:
    query = SearchQuery(sort="amount_desc").plan().query
    token = encode_cursor(query, 2, (12.5, 7))
    resumed = SearchQuery(sort="amount_desc", cursor=token).plan()
    assert (resumed.page, resumed.after) == (2, (12.5, 7))
    again = resumed.replace(per_page=20, page=1)  # another search: no bookmark
    assert (again.page, again.after) == (1, None)
    for bad_key in ((float("inf"), 7), ("12", 7), (1.0, "7")):
        with pytest.raises(InvalidParameterError):
            SearchQuery(sort="amount_desc", cursor=encode_cursor(query, 2, bad_key)).plan()  # type: ignore[arg-type]
    relevance = SearchQuery(q="kroon").plan().query
    with pytest.raises(InvalidParameterError):  # a bookmark only fits an order that has one
        SearchQuery(q="kroon", cursor=encode_cursor(relevance, 2, (1, 2))).plan()


def test_the_facet_registry_drives_the_index_settings() -> None:
    from search_index.facets import FACETS
    from search_index.settings import index_settings

    filterable = set(index_settings()["filterableAttributes"])
    assert all({f.attribute, f.counted} <= filterable for f in FACETS)


def test_inflections_hold_every_word_whose_lemma_is_asked() -> None:
    """The snippet module checks only tokens holding a word of ``_inflections(highlight)`` (found through
    ``_cover``): that set must hold every word whose lemma is in ``highlight``, on the lemma tables' own words
    (lookup and exception forms) and on words only the suffix rules lemmatise."""
    import random

    from archive.lemmas import lemma, tables
    from search_index.query.snippets import _cover, _inflections

    lookup, exceptions, index, rules = tables()
    rng = random.Random(16)
    words = rng.sample(sorted(lookup), 3_000)
    words += [w for table in exceptions.values() for w in rng.sample(sorted(table), min(300, len(table)))]
    # Words the tables do not list: known lemmas with a rule's suffix put back, and plain unknown words.
    for pos in ("noun", "verb", "adj"):
        for known in rng.sample(sorted(index[pos]), 300):
            words += [known[: len(known) - len(new)] + old for old, new in rules[pos] if old and known.endswith(new)]
    words += ["xyzzyen", "zorgverzekeraars", "tandartsen", "kronen", "ab", "2021"]
    for word in words:
        asked = frozenset({lemma(word)})
        assert word in _inflections(asked), word
        assert any(part in word for part in _cover(asked)), word
