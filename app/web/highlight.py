"""Search words highlighted on the ruling page: ``/uitspraak/{slug}?q=…`` (the links of a result list carry the
search) marks every word of the ruling text that the search asked for, in any inflection, with ``<mark>``, and
every citation of a provision the search asked for (``reference=zvw:114``, or ``art. 114 Zvw`` in ``q``): the
whole citation ("artikel 114, tweede lid, van de Zorgverzekeringswet"), found by the same citation reader that
filled the ruling's references at ingestion (:func:`archive.citations.citations`), so the page marks where the
ruling cites what the search matched, in any of the forms rulings write it, lid and letters included.

Server-side and safe: the text is split at the marked words and every piece is HTML-escaped; only our own
``<mark>`` tags are markup. Which words count comes from the search's own query parser
(:func:`search_index.query.text.parse_text`: the words and phrases asked for, their lemmas, without the excluded
words and stop words) and the same lemmatiser the index uses, so the page marks what the search matched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from archive.citations import aliases, citations
from archive.errors import InvalidParameterError
from archive.laws import laws, split_id
from archive.lemmas import WORD, lemma
from search_index.query import MAX_QUERY_CHARS
from search_index.query.text import ParsedText, parse_text

MARK_ANCHOR = "treffer-1"  # the first mark's id: "naar de eerste treffer" works without JavaScript


_PHRASE = re.compile(r'"([^"]+)"')


def _parse(q: str) -> ParsedText | None:
    q = " ".join((q or "").split())
    if not q or len(q) > MAX_QUERY_CHARS:
        return None
    try:
        return parse_text(q)
    except InvalidParameterError:
        return None


def highlight_phrases(q: str) -> tuple[str, ...]:
    """The phrases a search for ``q`` asked for (``"eigen risico"``), marked only where their words stand together."""
    parsed = _parse(q)
    return tuple(dict.fromkeys(_PHRASE.findall(parsed.positive))) if parsed else ()


def highlight_references(q: str, filters: Iterable[str] = ()) -> tuple[str, ...]:
    """The provisions a search asked for: its ``reference`` filter values and the citations typed in ``q``."""
    parsed = _parse(q)
    return tuple(dict.fromkeys([*filters, *(parsed.references if parsed else ())]))


def cites(cited: str, asked: str) -> bool:
    """Whether citing ``cited`` answers a search for ``asked`` (the filter is hierarchical: ``zvw:114`` is
    answered by ``zvw:114`` and ``zvw:114:2``, not by ``zvw:1140``)."""
    return cited == asked or cited.startswith(asked + ":")


def highlight_terms(q: str) -> frozenset[str]:
    """The words (and their lemmas) a search for ``q`` asked for; empty for no query or one the search refuses.

    A word asked only inside a phrase is not marked alone: ``"eigen risico"`` marks the phrase, not every "eigen"."""
    parsed = _parse(q)
    if parsed is None:
        return frozenset()
    phrases = _PHRASE.findall(parsed.positive)
    if not phrases:
        return parsed.highlight
    outside = set(WORD.findall(_PHRASE.sub(" ", parsed.positive).lower()))
    only_in_phrases = {form for phrase in phrases for w in WORD.findall(phrase.lower())
                       if w not in outside and lemma(w) not in outside for form in (w, lemma(w))}
    return parsed.highlight - only_in_phrases


_HIERNA = re.compile(r"hierna", re.IGNORECASE)


def _law_names(prefixes: Iterable[str]) -> list[str]:
    """The names (lower case) of the laws with these prefixes, instruments' titles included."""
    wanted = set(prefixes)
    return [n.lower() for law in laws() if law["prefix"] in wanted
            for n in (*law["names"], *law.get("instrument_names", []))]


def _defined_aliases(text: str, prefixes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The abbreviations ``text`` defines for the laws with these prefixes (:func:`archive.citations.aliases`), read
    only around each "hierna" that follows one of their names ("Wet ... (hierna: de Wet)"): the same answer for
    those laws in a fraction of the time on a long ruling."""
    prefixes = set(prefixes)
    names = _law_names(prefixes)
    found: dict[str, dict[str, Any]] = {}
    for m in _HIERNA.finditer(text):
        start = max(0, m.start() - 300)
        while start > 0 and not text[start - 1].isspace():  # never start inside a word (a law's name)
            start -= 1
        window = text[start:m.end() + 120]
        if any(n in window.lower() for n in names):
            found.update(aliases(window))
    return {alias: law for alias, law in found.items() if law["prefix"] in prefixes}


@dataclass
class Highlighter:
    """Marks ``terms``, ``phrases`` and citations of ``references`` in texts and counts the marks; the first mark
    gets the id :data:`MARK_ANCHOR`.

    :meth:`learn` (the texts to come) finds the distinct words among them that the search asked for, once, and
    compiles one pattern of exactly those words: a paragraph is then scanned in C, and escaped whole when it holds
    none. (Checking every word of a long ruling in Python took 15-25 ms; this takes a few.) It also reads the
    abbreviations the ruling defines for a law ("(hierna: de Wet)"), which a later paragraph cites by.
    """

    terms: frozenset[str]
    phrases: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    count: int = 0
    _asked: dict[str, bool] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _aliases: dict[str, dict[str, Any]] | None = None
    _needle_list: list[str] = field(default_factory=list)
    _learned: bool = False

    def _wanted(self, word: str) -> bool:
        if word not in self._asked:
            self._asked[word] = word in self.terms or lemma(word) in self.terms
        return self._asked[word]

    @property
    def active(self) -> bool:
        """Whether there is anything to mark (words, phrases or provisions)."""
        return bool(self.terms or self.phrases or self.references)

    def _compile(self, texts: Iterable[str]) -> re.Pattern[str] | None:
        words = {w for text in texts for w in WORD.findall(text.lower())} if self.terms else set()
        wanted = sorted((w for w in words if self._wanted(w)), key=len, reverse=True)
        # A phrase: its words in order, separated by anything that is not a word character (spaces, a line break,
        # punctuation), as the index matches a phrase.
        phrases = sorted({r"[\W_]+".join(map(re.escape, WORD.findall(p.lower()))) for p in self.phrases} - {""},
                         key=len, reverse=True)
        alternatives = ([f"(?P<phrase>{'|'.join(phrases)})"] if phrases else []) + (
            [f"(?:{'|'.join(map(re.escape, wanted))})"] if wanted else [])
        # Whole words only: not preceded or followed by a letter or digit (WORD's notion of a word).
        return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])",
                          re.IGNORECASE) if alternatives else None

    def learn(self, texts: Iterable[str]) -> Highlighter:
        """Prepare for these texts (every text marked afterwards must be among them)."""
        texts = list(texts)
        self._pattern, self._learned = self._compile(texts), True
        self._aliases = _defined_aliases("\n\n".join(texts), self._prefixes()) if self.references else {}
        self._needle_list = self._needles(self._aliases)
        return self

    def _prefixes(self) -> set[str]:
        return {split_id(asked)[0] for asked in self.references}

    def _cited(self, text: str) -> list[tuple[int, int]]:
        """The spans of the citations in ``text`` of a provision the search asked for. The citation reader is slow
        on a whole ruling (about 40 ms for 60,000 characters), so it reads only the paragraphs that hold a trace
        of what was asked: the article's number, or for a whole law one of its names or abbreviations."""
        if not self.references:
            return []
        extra = self._aliases if self._learned else _defined_aliases(text, self._prefixes())
        needles = self._needle_list if self._learned else self._needles(extra or {})
        low = text.lower()
        if not any(needle in low for needle in needles):
            return []
        return [(c.start, c.end) for c in citations(text, extra)
                if any(cites(cited, asked) for cited in c.ids for asked in self.references)]

    def _needles(self, extra: dict[str, dict[str, Any]]) -> list[str]:
        needles = []
        for asked in self.references:
            prefix, article, _, _ = split_id(asked)
            if article:
                needles.append(article.rsplit(":", 1)[-1].lower())
            else:
                needles += _law_names([prefix]) + [a for a, law in extra.items() if law["prefix"] == prefix]
        return needles

    def __call__(self, text: str) -> Markup:
        pattern = self._pattern if self._learned else self._compile([text])
        spans = self._cited(text)
        if pattern is not None:
            for m in pattern.finditer(text):
                phrase = m.groupdict().get("phrase")
                if phrase is None and not self._wanted(m.group().lower()):  # case-folding matched, word not asked
                    continue
                if not any(a < m.end() and m.start() < b for a, b in spans):  # a word inside a marked citation
                    spans.append(m.span())
        if not spans:
            return Markup(html.escape(text))
        out: list[str] = []
        pos = 0
        for start, end in sorted(spans):
            if start < pos:  # overlapping matches of two search words: the first one is marked
                continue
            self.count += 1
            anchor = f' id="{MARK_ANCHOR}"' if self.count == 1 else ""
            out += [html.escape(text[pos:start]), f"<mark{anchor}>", html.escape(text[start:end]), "</mark>"]
            pos = end
        out.append(html.escape(text[pos:]))
        return Markup("".join(out))
