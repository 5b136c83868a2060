"""Search words highlighted on the ruling page: ``/uitspraak/{slug}?q=…`` (the links of a result list carry the
search's ``q``) marks every word of the ruling text that the search asked for, in any inflection, with ``<mark>``.

Server-side and safe: the text is split at the marked words and every piece is HTML-escaped (markupsafe); only our
own ``<mark>`` tags are markup. Which words count comes from the search's own query parser
(:func:`search_index.query.text.parse_text`: the words and phrases asked for, their lemmas, without the excluded
words and stop words) and the same lemmatiser the index uses, so the page marks what the search matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from archive.errors import InvalidParameterError
from archive.lemmas import WORD, lemma
from search_index.query import MAX_QUERY_CHARS
from search_index.query.text import parse_text

MARK_ANCHOR = "treffer-1"  # the first mark's id: "naar de eerste treffer" works without JavaScript


def highlight_terms(q: str) -> frozenset[str]:
    """The words (and their lemmas) a search for ``q`` asked for; empty for no query or one the search refuses."""
    q = " ".join((q or "").split())
    if not q or len(q) > MAX_QUERY_CHARS:
        return frozenset()
    try:
        return parse_text(q).highlight
    except InvalidParameterError:
        return frozenset()


@dataclass
class Highlighter:
    """Marks ``terms`` in texts and counts the marks; the first mark gets the id :data:`MARK_ANCHOR`."""

    terms: frozenset[str]
    count: int = 0
    _asked: dict[str, bool] = field(default_factory=dict)

    def _wanted(self, word: str) -> bool:
        w = word.lower()
        if w not in self._asked:
            self._asked[w] = w in self.terms or lemma(w) in self.terms
        return self._asked[w]

    def __call__(self, text: str) -> Markup:
        if not self.terms:
            return escape(text)
        out: list[str] = []
        pos = 0
        for m in WORD.finditer(text):
            if not self._wanted(m.group()):
                continue
            self.count += 1
            anchor = f' id="{MARK_ANCHOR}"' if self.count == 1 else ""
            out += [escape(text[pos:m.start()]), Markup(f"<mark{anchor}>"), escape(m.group()), Markup("</mark>")]
            pos = m.end()
        out.append(escape(text[pos:]))
        return Markup("").join(out)
