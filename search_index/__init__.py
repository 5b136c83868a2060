"""Everything Meilisearch: index settings, ruling -> documents, queries, the checked client, the managed server.

Public API (import from here):

* :class:`SearchIndex` - ``ensure``, ``upsert``, ``delete``, ``search``/``asearch``, ``rebuild``,
  ``needs_rebuild``, ``count``, ``indexed_hashes``, ``health``, ``aclose``.
* :class:`SearchQuery`, :class:`SearchResult` - what the API and web pages pass in and get back.
* :func:`index_documents`, :func:`ruling_index_hash` - pure; the hash is what drift checks compare.
* :class:`ManagedMeilisearch`, :func:`find_meili_binary`, :func:`free_port` - the local server.
"""

from search_index.documents import index_documents, ruling_index_hash
from search_index.index import SearchIndex
from search_index.managed import ManagedMeilisearch, find_meili_binary, free_port
from search_index.query import SORTS, SearchQuery, SearchResult

__all__ = [
    "SORTS",
    "ManagedMeilisearch",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "find_meili_binary",
    "free_port",
    "index_documents",
    "ruling_index_hash",
]
