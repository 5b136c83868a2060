"""Everything Meilisearch: the facet registry, index settings, ruling -> documents, search plans, the checked
client, the managed server.

Public API (import from here):

* :class:`SearchIndex` - ``ensure``, ``upsert``, ``delete``, ``asearch``, ``rebuild``, ``needs_rebuild``,
  ``count``, ``health``/``ahealth``, ``aclose``.
* :class:`SearchQuery` (what a user asked) -> :class:`SearchPlan` (validated once) -> :class:`SearchResult`.
* :data:`FACETS` - the facet registry (:mod:`search_index.facets`).
* :func:`index_documents` - pure: a ruling's index documents.
* :class:`ManagedMeilisearch`, :func:`find_meili_binary`, :func:`free_port` - the local server.
"""

from search_index.documents import index_documents
from search_index.facets import FACETS
from search_index.index import SearchIndex
from search_index.managed import ManagedMeilisearch, find_meili_binary, free_port
from search_index.query import SORTS, SearchPlan, SearchQuery, SearchResult

__all__ = [
    "FACETS",
    "SORTS",
    "ManagedMeilisearch",
    "SearchIndex",
    "SearchPlan",
    "SearchQuery",
    "SearchResult",
    "find_meili_binary",
    "free_port",
    "index_documents",
]
