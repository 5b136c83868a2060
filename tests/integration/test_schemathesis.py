"""The API against its own OpenAPI spec, with schemathesis, on real services.

Property-based: schemathesis generates requests for every operation in ``/openapi.json`` (the ASGI app in
process, a real Meilisearch, a SQLite archive holding the ingested samples) and checks that no response is a
5xx and that every response conforms to the spec (status code declared, body matching its schema, content type).
Examples are limited per operation so the run stays well under a minute; Hypothesis' example database is off so
that the run is the same on every machine.

The second half pins the contract of the search parameters added in issue 6: one 422 error shape for every bad
value, cursors that page through exact totals.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.indexing import sync_index
from app.runtime import open_index
from ingest.pipeline import run_batch
from tests.fixtures.archive import SAMPLES, Archive

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EXAMPLES_PER_OPERATION = 25  # ~20 s for the whole run here
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def loaded(archive: Archive, client: TestClient) -> Iterator[TestClient]:
    """The app over an archive holding the ingested samples, indexed."""
    outcomes = run_batch([SAMPLES], archive.settings, archive.database.factory)
    assert outcomes and all(o.status == "published" for o in outcomes), [o.status for o in outcomes]
    index = open_index(archive.settings)
    sync_index(archive.database.factory, index)
    yield client
    index.drop()


def test_every_operation_conforms_to_the_openapi_spec(loaded: TestClient) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", loaded.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/search", "/api/v1/facets", "/api/v1/search/export"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        run()


# The search parameters of issue 6 at the HTTP edge ------------------------------------------------------------


def _is_422(resp, param: str | None = None) -> None:  # type: ignore[no-untyped-def]
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == "invalid_parameter" and body["error"]["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2021-13-01"},
        {"date_from": "gisteren"},
        {"date_from": "2022-01-02", "date_to": "2022-01-01"},
        {"date_to": "1800-01-01"},
        {"amount_min": "-1"},
        {"amount_min": "nan"},
        {"amount_max": "inf"},
        {"amount_min": "10", "amount_max": "5"},
        {"insurance_type": "luxe"},
        {"reference": "x" * 201},
        {"country": [f"c{n}" for n in range(21)]},
        {"cursor": "garbage"},
        {"cursor": "x" * 201},
        {"facet": "colour"},
        {"q": "-a -b -c -d -e -f -g -h -i -j -k"},
    ],
)
def test_bad_new_parameters_give_one_422_shape(client: TestClient, params: dict[str, object]) -> None:
    _is_422(client.get("/api/v1/search", params=params))  # type: ignore[arg-type]
    _is_422(client.get("/api/v1/search/export", params=params))  # type: ignore[arg-type]  # before streaming


def test_new_filters_and_cursor_over_http(loaded: TestClient) -> None:
    everything = loaded.get("/api/v1/search", params={"per_page": 100}).json()
    assert set(everything["facets"]) >= {"reference", "care_type", "country", "insurance_type"}
    total = everything["total"]
    assert total >= 2 and everything["next_cursor"] is None
    seen: list[int] = []
    params: dict[str, object] = {"per_page": 1, "sort": "date_asc"}
    body = loaded.get("/api/v1/search", params=params).json()
    while True:
        assert body["total"] == total
        seen += [h["id"] for h in body["hits"]]
        if body["next_cursor"] is None:
            break
        body = loaded.get("/api/v1/search", params={**params, "cursor": body["next_cursor"]}).json()
    assert len(seen) == len(set(seen)) == total
    _is_422(loaded.get("/api/v1/search", params={"per_page": 2, "cursor": everything["next_cursor"] or "x"}))
    for facet, param in (("insurance_type", "insurance_type"), ("reference", "reference")):
        for value, count in everything["facets"][facet].items():
            narrowed = loaded.get("/api/v1/search", params={param: value}).json()
            assert narrowed["total"] == count, (facet, value)
    dated = loaded.get("/api/v1/search", params={"date_from": "1900-01-01", "date_to": "2100-12-31"}).json()
    assert dated["total"] == sum(everything["facets"]["year"].values())
