"""The pages over plain HTTP (no browser): partial responses for site.js, clean URLs, the text download, page
weight and render time. Runs wherever the integration tests run (real Meilisearch, SQLite)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import httpx
import pytest

from scripts.render_timing import measure_page_renders
from tests.browser.conftest import LiveArchive

pytestmark = pytest.mark.integration
HTML = {"Accept": "text/html"}
PAGE_BUDGET = 100 * 1024  # bytes: HTML + CSS + JS + icon, ruling text excluded


def get(live: LiveArchive, path: str, **kwargs: object) -> httpx.Response:
    return httpx.get(live.base_url + path, headers={**HTML, **kwargs.pop("headers", {})},  # type: ignore[dict-item]
                     timeout=30, **kwargs)  # type: ignore[arg-type]


def slug(live: LiveArchive) -> str:
    return (live.prepared.sample_slugs or live.prepared.synthetic_slugs)[0]


def test_pages_answer_in_dutch(live_archive: LiveArchive) -> None:
    for path in ("/", "/?q=tandarts", f"/uitspraak/{slug(live_archive)}", "/statistieken", "/over"):
        r = get(live_archive, path)
        assert r.status_code == 200, path
        assert '<html lang="nl">' in r.text
        assert 'class="skip" href="#main"' in r.text


def test_partial_is_the_results_region_of_the_same_page(live_archive: LiveArchive) -> None:
    full = get(live_archive, "/?q=tandarts&topic=mondzorg")
    part = get(live_archive, "/?q=tandarts&topic=mondzorg", headers={"X-Partial": "results"})
    assert part.status_code == 200 and part.headers["vary"] == "X-Partial"
    assert part.text.lstrip().startswith('<div id="results-region"') and "<html" not in part.text
    assert part.text.strip() in full.text
    assert 'data-url="/?q=tandarts&amp;topic=mondzorg"' in part.text


def test_empty_form_fields_redirect_to_a_clean_url(live_archive: LiveArchive) -> None:
    r = get(live_archive, "/?q=tandarts&year_from=&year_to=&sort=relevance", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?q=tandarts"
    r = get(live_archive, "/?q=&sort=relevance", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_invalid_parameters_give_an_html_error_page(live_archive: LiveArchive) -> None:
    r = get(live_archive, "/?year_from=2020&year_to=2019")
    assert r.status_code == 422 and "text/html" in r.headers["content-type"] and "<h1>" in r.text
    r = get(live_archive, "/uitspraak/bestaat-niet")
    assert r.status_code == 404 and "Deze pagina bestaat niet" in r.text


def test_download_is_the_anonymised_text(live_archive: LiveArchive) -> None:
    s = slug(live_archive)
    ruling = httpx.get(f"{live_archive.base_url}/api/v1/rulings/{s}", timeout=30).json()
    r = get(live_archive, f"/uitspraak/{s}.txt")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    assert ruling["title"] in r.text and f"/uitspraak/{s}" in r.text
    for section in ruling["sections"][:3]:
        assert section["text"].strip()[:60] in r.text


def test_ecli_and_case_number_permalinks(live_archive: LiveArchive) -> None:
    eclis = [s for s in live_archive.prepared.synthetic_slugs if s.startswith("ECLI:")]
    assert eclis
    for s in live_archive.prepared.sample_slugs + live_archive.prepared.synthetic_slugs[:1] + eclis[:1]:
        for path in (f"/uitspraak/{s}", f"/uitspraak/{quote(s, safe='')}"):
            r = get(live_archive, path)
            assert r.status_code == 200, path
            assert f'rel="canonical" href="{live_archive.base_url}/uitspraak/{s}"' in r.text
        txt = get(live_archive, f"/uitspraak/{s}.txt")
        assert txt.status_code == 200 and s in txt.text
    hit = httpx.get(f"{live_archive.base_url}/api/v1/search", params={"q": eclis[0]}, timeout=30).json()["hits"][0]
    page = get(live_archive, "/", params={"q": eclis[0]})
    # the result links carry the search words, which the ruling page marks
    assert f'href="{hit["url"]}?{urlencode({"q": eclis[0]})}"' in page.text
    assert "Centrale Raad van Beroep" in get(live_archive, hit["url"]).text


def _weight(live: LiveArchive, html: str) -> int:
    # the ruling text is what a ruling page is for; the budget covers everything around it
    html = re.sub(r"<!-- ruling-text -->.*?<!-- /ruling-text -->", "", html, flags=re.S)
    assets = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html))
    return len(html.encode()) + sum(len(httpx.get(live.base_url + a, timeout=30).content) for a in assets)


def test_every_page_is_light(live_archive: LiveArchive) -> None:
    pages = ["/", "/?q=tandarts", "/?q=xqzwvy", f"/uitspraak/{slug(live_archive)}", "/statistieken", "/over"]
    weights = {p: _weight(live_archive, get(live_archive, p).text) for p in pages}
    print("page weights (bytes):", weights)
    heavy = {p: w for p, w in weights.items() if w >= PAGE_BUDGET}
    assert not heavy, heavy


def test_render_timing_helper(live_archive: LiveArchive) -> None:
    result = measure_page_renders(live_archive.base_url, ruling_slugs=[slug(live_archive)], n=20, warmup=3)
    print("render timings:", result)
    assert set(result) == {"search", "ruling", "api_search"}
    assert all(r["n"] == 20 and r["p95_ms"] > 0 for r in result.values())
