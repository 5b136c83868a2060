"""API contract on real services: validation, one error shape, health, Meilisearch down."""

from __future__ import annotations

import orjson
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.fixtures.archive import Archive

pytestmark = pytest.mark.integration


def _is_error(resp, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]


@pytest.mark.parametrize("params", [
    {"page": "0"}, {"page": "x"}, {"per_page": "1000"}, {"year_from": "20200"}, {"outcome": "gewonnen"},
    {"year_from": "2021", "year_to": "2020"}, {"q": "x" * 501}, {"sort": "random"},
])
def test_invalid_parameters_give_422_in_one_shape(client: TestClient, params: dict[str, str]) -> None:
    _is_error(client.get("/api/v1/search", params=params), 422, "invalid_parameter")


def test_a_422_names_each_bad_parameter_as_fastapi_would(client: TestClient) -> None:
    resp = client.get("/api/v1/search", params=[("page", "0"), ("facet", "topic"), ("facet", "colour"),
                                                 ("amount_min", "inf"), ("date_from", "gisteren")])
    _is_error(resp, 422, "invalid_parameter")
    assert {p["parameter"] for p in resp.json()["error"]["detail"]} == {"page", "facet.1", "amount_min", "date_from"}
    _is_error(client.get("/api/v1/search", params=[("insurer", str(i)) for i in range(21)]), 422,
              "invalid_parameter")


@pytest.mark.parametrize(("query", "status", "parameter"), [
    ("year_from=", 422, "year_from"), ("sort=", 422, "sort"), ("facet=", 422, "facet.0"),
    ("insurance_type=", 422, "insurance_type.0"), ("amount_min=nan", 422, "amount_min"),
    ("date_to=2020-02-30", 422, "date_to"), ("q=", 200, None), ("page=1.0", 200, None), ("per_page=+5", 200, None),
])
def test_empty_and_odd_values_are_judged_as_fastapi_judged_them(client: TestClient, query: str, status: int,
                                                                parameter: str | None) -> None:
    # The same answers FastAPI's per-parameter validation gave (checked against it when search_params changed).
    resp = client.get(f"/api/v1/search?{query}")
    assert resp.status_code == status, resp.text
    if parameter is not None:
        assert [p["parameter"] for p in resp.json()["error"]["detail"]] == [parameter]


def test_parameters_parse_like_a_query_string(client: TestClient) -> None:
    # Unknown parameters are ignored, a repeated single-valued one counts once (the last), lists keep order.
    ok = client.get("/api/v1/search", params=[("utm_source", "x"), ("per_page", "50"), ("per_page", "3"),
                                              ("outcome", "afgewezen"), ("outcome", "toegewezen"),
                                              ("year_from", " 2010 ")])
    assert ok.status_code == 200, ok.text
    assert ok.json()["per_page"] == 3


def test_every_search_endpoint_documents_the_search_parameters(client: TestClient) -> None:
    from app.deps import SearchParams

    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/search", "/api/v1/facets", "/api/v1/search/export", "/api/v1/search.atom"):
        documented = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert set(SearchParams.model_fields) <= set(documented), path
        assert all(documented[name]["in"] == "query" for name in SearchParams.model_fields)
        assert "$ref" not in str(documented)
    search = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert search["per_page"]["maximum"] == 100 and search["insurance_type"]["items"]["enum"]
    assert search["facet"]["type"] == "array"


def test_unknown_ruling_is_404_in_the_same_shape(client: TestClient) -> None:
    _is_error(client.get("/api/v1/rulings/999999"), 404, "not_found")
    _is_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_filter_values_with_quotes_are_safe(client: TestClient) -> None:
    for value in ['a" OR outcome = "x', "\\", "' OR 1=1 --", "topic = mondzorg"]:
        resp = client.get("/api/v1/search", params={"insurer": value, "topic": value})
        assert resp.status_code == 200 and resp.json()["total"] == 0


def test_health_ok_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert "/api/v1/search" in spec["paths"] and "/api/v1/rulings/{ruling_id}" in spec["paths"]


def test_meilisearch_down_gives_503_not_500(archive: Archive) -> None:
    settings = archive.settings.model_copy(update={"meili_url": "http://127.0.0.1:9"})
    with TestClient(create_app(settings)) as c:
        _is_error(c.get("/api/v1/search", params={"q": "tandarts"}), 503, "search_unavailable")
        health = c.get("/healthz")
        assert health.status_code == 503 and health.json()["search"] == "unavailable"
        page = c.get("/", params={"q": "tandarts"}, headers={"accept": "text/html"})
        assert page.status_code == 503 and "niet bereikbaar" in page.text


def test_search_json_is_the_documented_shape_and_what_the_web_pages_get(archive: Archive, client: TestClient) -> None:
    # The API serialises the search result's plain values (ArchiveService.search_json); the web pages render the
    # same result. Both must agree with each other and with the SearchResponse schema.
    from app.indexing import sync_index
    from app.runtime import open_index
    from app.schemas import SearchResponse
    from ingest.pipeline import run_batch
    from tests.fixtures.archive import SAMPLES

    run_batch([SAMPLES], archive.settings, archive.database.factory)
    sync_index(archive.database.factory, open_index(archive.settings))
    for params in ({"q": "tandarts"}, {}, {"sort": "date_asc", "per_page": "2"}, {"q": "geenwoordhier"}):
        resp = client.get("/api/v1/search", params=params)
        assert resp.status_code == 200, resp.text
        validated = SearchResponse.model_validate_json(resp.content)
        assert resp.json() == validated.model_dump(mode="json")  # nothing the schema does not name or type
        service = client.app.state.service  # type: ignore[attr-defined]
        query = client.portal.call(_query_of, params)  # type: ignore[union-attr]
        web = client.portal.call(service.search, query)  # type: ignore[union-attr]
        assert orjson.loads(orjson.dumps(web.as_json())) == resp.json()
        assert [g.name for g in web.facet_groups()] == [g["name"] for g in resp.json()["facet_values"]]


async def _query_of(params: dict[str, str]):  # type: ignore[no-untyped-def]
    from search_index import SearchQuery

    values: dict[str, object] = {k: (int(v) if k == "per_page" else v) for k, v in params.items()}
    return SearchQuery(**values).plan()  # type: ignore[arg-type]
