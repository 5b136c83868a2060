"""Search words highlighted on the ruling page: ``/uitspraak/{slug}?q=…`` (the links of a result list carry the
search's ``q``) marks every word of the ruling text that the search asked for, in any inflection, with ``<mark>``.

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

from markupsafe import Markup

from archive.errors import InvalidParameterError
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


@dataclass
class Highlighter:
    """Marks ``terms`` in texts and counts the marks; the first mark gets the id :data:`MARK_ANCHOR`.

    :meth:`learn` (the texts to come) finds the distinct words among them that the search asked for, once, and
    compiles one pattern of exactly those words: a paragraph is then scanned in C, and escaped whole when it holds
    none. (Checking every word of a long ruling in Python took 15-25 ms; this takes a few.)
    """

    terms: frozenset[str]
    phrases: tuple[str, ...] = ()
    count: int = 0
    _asked: dict[str, bool] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _learned: bool = False

    def _wanted(self, word: str) -> bool:
        if word not in self._asked:
            self._asked[word] = word in self.terms or lemma(word) in self.terms
        return self._asked[word]

    @property
    def active(self) -> bool:
        """Whether there is anything to mark (words or phrases)."""
        return bool(self.terms or self.phrases)

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
        self._pattern, self._learned = self._compile(texts), True
        return self

    def __call__(self, text: str) -> Markup:
        pattern = self._pattern if self._learned else self._compile([text])
        if pattern is None:
            return Markup(html.escape(text))
        out: list[str] = []
        pos = 0
        for m in pattern.finditer(text):
            phrase = m.groupdict().get("phrase")
            if phrase is None and not self._wanted(m.group().lower()):  # a case-folding matched, the word not asked
                continue
            self.count += 1
            anchor = f' id="{MARK_ANCHOR}"' if self.count == 1 else ""
            out += [html.escape(text[pos:m.start()]), f"<mark{anchor}>", html.escape(m.group()), "</mark>"]
            pos = m.end()
        out.append(html.escape(text[pos:]))
        return Markup("".join(out))
