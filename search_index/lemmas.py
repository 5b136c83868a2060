"""Re-export of :mod:`archive.lemmas`, the archive's one Dutch lemmatiser, for the search side's existing imports.

Transitional: the search_index modules are switched to ``archive.lemmas`` and this module is then deleted.
"""

from __future__ import annotations

from archive.lemmas import WORD, lemma, lemma_terms, lemmatise, query_lemmas, tables, words

__all__ = ["WORD", "lemma", "lemma_terms", "lemmatise", "query_lemmas", "tables", "words"]
