"""Writes, rebuild-and-swap, drift checks and failure modes against a real Meilisearch."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from archive.errors import ConfigurationError, IndexTaskError, InvalidParameterError, SearchUnavailableError
from archive.models import Ruling
from search_index import SearchIndex, SearchQuery, free_port, index_documents
from tests.fixtures.meili import MeiliServer
from tests.search_index.factories import FILLER, make_ruling

pytestmark = pytest.mark.integration


def chunks_of(index: SearchIndex, ruling_id: int) -> list[str]:
    docs = index.passage_documents(fields=["doc_id", "ruling_id"])
    return sorted(d["doc_id"] for d in docs if d["ruling_id"] == ruling_id)


def test_upsert_replaces_all_chunks_of_a_ruling(search_index: SearchIndex) -> None:
    long = make_ruling(id=1, text="\n\n".join(FILLER * 4 for _ in range(8)))
    search_index.upsert([long, make_ruling(id=2)])
    assert len(chunks_of(search_index, 1)) > 3
    search_index.upsert([make_ruling(id=1, text="kort nieuw verhaal")])
    assert chunks_of(search_index, 1) == ["1-0"]  # the longer old version left no stale chunks
    assert search_index.search(SearchQuery(q="verhaal")).total == 1
    assert search_index.count() == 2


def test_upsert_of_an_unpublished_ruling_removes_it(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=1), make_ruling(id=2)])
    search_index.upsert([make_ruling(id=1, status="quarantined")])
    assert search_index.count() == 1 and chunks_of(search_index, 1) == []


def test_delete(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=n) for n in (1, 2, 3)])
    search_index.delete([1, 3])
    search_index.delete([])
    assert search_index.count() == 1
    with pytest.raises(InvalidParameterError):
        search_index.delete(["1 OR ruling_id > 0"])  # type: ignore[list-item]


def test_an_index_of_the_older_layout_is_recognised(meili_server: MeiliServer) -> None:
    index = meili_server.index()
    try:
        index.client.create_index(index.name, "doc_id")  # layout 2: chunk documents in one index
        assert index.needs_rebuild()
        with pytest.raises(ConfigurationError, match="reindex"):
            index.ensure()
        index.rebuild([make_ruling(id=1)])
        assert not index.needs_rebuild() and index.count() == 1
    finally:
        index.drop()


def test_upsert_reports_each_group_once_its_writes_succeeded(
    meili_server: MeiliServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.index as index_module

    monkeypatch.setattr(index_module, "GROUP_RULINGS", 3)
    index = meili_server.index()
    done: list[list[int]] = []

    def generated() -> Iterator[Ruling]:
        for n in range(1, 8):
            yield make_ruling(id=n)

    def written(group: list[Ruling]) -> None:
        done.append([r.id for r in group])
        assert index.count() >= max(r.id for r in group)  # reported after the ruling documents were written

    try:
        assert index.upsert(generated(), on_written=written) == 7
        assert done == [[1, 2, 3], [4, 5, 6], [7]]
    finally:
        index.drop()


def test_upsert_in_many_batches(meili_server: MeiliServer) -> None:
    index = meili_server.index(batch_documents=7)
    try:
        index.ensure()
        rulings = [make_ruling(id=n) for n in range(1, 41)]
        index.upsert(rulings)
        assert index.count() == 40
        stored = {d["ruling_id"]: d for d in index.ruling_documents()}
        assert stored == {r.id: index_documents(r).ruling for r in rulings}  # type: ignore[union-attr]
    finally:
        index.drop()


def index_uids(index: SearchIndex) -> list[str]:
    """The index's two Meilisearch indexes and any rebuild copies of them."""
    ours = (index.name, index.passages)
    return sorted(u for u in index.client.index_uids() if u in ours or u.startswith(tuple(f"{n}_" for n in ours)))


def test_rebuild_swaps_in_a_fresh_copy(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=1, title="oud"), make_ruling(id=2)])
    assert search_index.rebuild([make_ruling(id=2), make_ruling(id=3, title="nieuw")]) == 2
    assert sorted(h["id"] for h in search_index.search(SearchQuery()).hits) == [2, 3]
    assert search_index.search(SearchQuery(q="oud")).total == 0
    assert index_uids(search_index) == sorted([search_index.name, search_index.passages])  # the old copy was deleted


def test_writes_during_a_rebuild_are_in_the_index_after_the_swap(search_index: SearchIndex,
                                                                 meili_server: MeiliServer) -> None:
    search_index.upsert([make_ruling(id=1), make_ruling(id=2)])
    writer = meili_server.index(search_index.name)  # another process's handle on the same index

    def stream():  # the rebuild reads the database while another process ingests and withdraws
        yield make_ruling(id=1)
        writer.upsert([make_ruling(id=7, title="tijdens de rebuild")])
        writer.delete([2])
        yield make_ruling(id=2)  # read before it was withdrawn: the next sync removes it (app.indexing)

    search_index.rebuild(stream())
    assert search_index.search(SearchQuery(q="rebuild")).total == 1  # the new ruling survived the swap
    assert index_uids(search_index) == sorted([search_index.name, search_index.passages])
    assert writer._rebuilds() == []  # nothing left that later writes would go to


def test_rebuild_creates_the_public_index_when_missing(meili_server: MeiliServer) -> None:
    index = meili_server.index()
    try:
        assert index.rebuild(iter([make_ruling(id=1), make_ruling(id=2, status="quarantined")])) == 1
        assert index.count() == 1 and index_uids(index) == sorted([index.name, index.passages])
        assert index.client.raw.index(index.passages).get_settings()["distinctAttribute"] == "ruling_id"
        assert index.client.raw.index(index.name).get_settings()["proximityPrecision"] == "byWord"
    finally:
        index.drop()


def test_failed_rebuild_leaves_the_public_index_untouched(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=1)])

    def broken() -> Iterator[Ruling]:
        yield make_ruling(id=2)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        search_index.rebuild(broken())
    assert search_index.count() == 1
    assert index_uids(search_index) == sorted([search_index.name, search_index.passages])


def test_searches_keep_working_during_a_rebuild(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=n) for n in range(1, 6)])
    seen: list[int] = []

    def rulings() -> Iterator[Ruling]:
        for n in range(1, 6):
            seen.append(search_index.search(SearchQuery()).total)  # the old copy answers meanwhile
            yield make_ruling(id=n, title=f"herbouwd {n}")

    search_index.rebuild(rulings())
    assert seen == [5] * 5
    assert search_index.search(SearchQuery(q="herbouwd")).total == 5


def test_failed_task_raises(search_index: SearchIndex) -> None:
    task = search_index.client.add_documents(search_index.name, [{"doc_id": "no spaces allowed!"}], "doc_id")
    with pytest.raises(IndexTaskError) as info:
        search_index.client.wait(task)
    assert info.value.detail["status"] == "failed"  # type: ignore[index]


def test_missing_index_searches_as_empty_and_shows_in_health(meili_server: MeiliServer) -> None:
    index = meili_server.index()
    query = SearchQuery(filters={"insurer": ["CZ"]}, q="202100002")
    result = index.search(query)
    assert result.total == 0 and result.hits == [] and result.facets["insurer"] == {"CZ": 0}
    assert asyncio.run(_asearch(index, query)).total == 0  # type: ignore[attr-defined]
    asyncio.run(_ahealth(index))  # the server is fine
    assert index.health()["index_exists"] is False
    assert index.count() == 0


def test_wrong_key_is_a_configuration_error(meili_server: MeiliServer) -> None:
    index = SearchIndex(meili_server.url, "wrong-key-wrong-key", "whatever")
    with pytest.raises(ConfigurationError):
        asyncio.run(_asearch(index, SearchQuery()))


async def _asearch(index: SearchIndex, query: SearchQuery) -> object:
    try:
        return await index.asearch(query)
    finally:
        await index.aclose()


async def _ahealth(index: SearchIndex) -> None:
    try:
        await index.ahealth()
    finally:
        await index.aclose()


def test_server_down_raises_search_unavailable() -> None:
    index = SearchIndex(f"http://127.0.0.1:{free_port()}", "k" * 16, "rulings", timeout_s=2)
    with pytest.raises(SearchUnavailableError):
        asyncio.run(_asearch(index, SearchQuery(q="tandarts")))
    with pytest.raises(SearchUnavailableError):
        asyncio.run(_ahealth(index))
    with pytest.raises(SearchUnavailableError):
        index.upsert([make_ruling()])
    with pytest.raises(SearchUnavailableError):
        index.ensure()
    assert index.health() == {"url": index.url, "index": "rulings", "available": False}


def test_health(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=1)])
    health = search_index.health()
    assert health["available"] and health["version"] == "1.21.0" and health["rulings"] == 1
    assert health["stale_rebuild_indexes"] == []
    leftovers = {f"{search_index.name}_20260101000000000000", f"{search_index.passages}_20260101000000000000"}
    for uid in leftovers:
        search_index.client.create_index(uid, "doc_id")
    assert set(search_index.health()["stale_rebuild_indexes"]) == leftovers


def test_upsert_into_a_missing_index_applies_the_settings(meili_server: MeiliServer) -> None:
    index = meili_server.index()
    try:
        # Meilisearch would create the indexes on the first write without our settings: no filters, no distinct.
        index.upsert([make_ruling(id=1)])
        assert index.search(SearchQuery(q="commissie")).total == 1 == index.count()
        assert index.client.raw.index(index.passages).get_settings()["distinctAttribute"] == "ruling_id"
        assert "ruling_id" in index.client.raw.index(index.name).get_settings()["filterableAttributes"]
    finally:
        index.drop()


def test_index_name_is_validated() -> None:
    with pytest.raises(InvalidParameterError):
        SearchIndex("http://127.0.0.1:1", "k", "bad name/")


def test_responses_are_not_compressed(search_index: SearchIndex) -> None:
    """We ask for identity encoding (gzip costs ~40 ms per local request); check the server obliges."""
    import requests

    from search_index.client import IDENTITY_HEADERS

    body = {"queries": [{"indexUid": search_index.name, "q": ""}]}
    headers = {**IDENTITY_HEADERS, "Authorization": f"Bearer {search_index._key}"}
    response = requests.post(f"{search_index.url}/multi-search", json=body, headers=headers, timeout=5)
    assert response.ok and "Content-Encoding" not in response.headers
    assert search_index.client.raw.http.headers["Accept-Encoding"] == "identity"


# The session abandoned with the first loop is reported unclosed when collected; that is the point here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_async_client_survives_a_new_event_loop(search_index: SearchIndex) -> None:
    search_index.upsert([make_ruling(id=1)])

    async def total() -> int:
        return (await search_index.asearch(SearchQuery())).total

    assert asyncio.run(total()) == 1
    assert asyncio.run(total()) == 1  # second loop, no aclose in between
    asyncio.run(search_index.aclose())


def test_ensure_refuses_a_foreign_index(meili_server: MeiliServer) -> None:
    index = meili_server.index()
    index.client.create_index(index.name, "id")
    try:
        with pytest.raises(ConfigurationError, match="RULINGS_INDEX_NAME"):
            index.ensure()
    finally:
        index.drop()
