"""The pages over plain HTTP (no browser): partial responses for site.js, clean URLs, the text download, page
weight and render time. Runs wherever the integration tests run (real Meilisearch, SQLite)."""

from __future__ import annotations

import re
import time
from urllib.parse import quote, urlencode
from xml.etree import ElementTree as ET

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
    pages = ["/", "/?q=tandarts", "/?q=xqzwvy", f"/uitspraak/{slug(live_archive)}", "/statistieken", "/over",
             "/uitgebreid-zoeken", "/nieuw"]
    weights = {p: _weight(live_archive, get(live_archive, p).text) for p in pages}
    print("page weights (bytes):", weights)
    heavy = {p: w for p, w in weights.items() if w >= PAGE_BUDGET}
    assert not heavy, heavy


def test_render_timing_helper(live_archive: LiveArchive) -> None:
    result = measure_page_renders(live_archive.base_url, ruling_slugs=[slug(live_archive)], n=20, warmup=3)
    print("render timings:", result)
    assert set(result) == {"search", "ruling", "api_search"}
    assert all(r["n"] == 20 and r["p95_ms"] > 0 for r in result.values())


# Feeds, advanced search, chips, errors, highlighting, "Nieuw in het archief" (issue 18) --------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
# What pydantic and the search layer say in English; a page must never show it.
ENGLISH = re.compile(r"Input should|valid integer|valid number|must be|is after|is above|unknown |Field required|"
                     r"not supported|at most|longer than|invalid", re.I)


def _feed(url: str) -> ET.Element:
    """A feed page, checked against RFC 4287's required elements on the way."""
    r = httpx.get(url, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml"), r.text[:300]
    root = ET.fromstring(r.content)  # well-formed, or this raises
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    links = {link.get("rel"): link.get("href") for link in root.iter(f"{ATOM}link") if link in list(root)}
    assert links.get("self") and links.get("alternate") and links.get("first")
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "published"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}published") or "")
    return root


def _links(root: ET.Element) -> dict[str, str]:
    return {link.get("rel") or "": link.get("href") or "" for link in root.findall(f"{ATOM}link")}


def test_every_search_page_links_its_feed(live_archive: LiveArchive) -> None:
    for path in ("/", "/?q=tandarts", "/?q=tandarts&topic=mondzorg&year_from=2016",
                 "/?outcome=afgewezen&sort=date_asc"):
        html = get(live_archive, path).text
        alternate = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)"',
                              html)
        assert alternate, path
        href = alternate.group(2).replace("&amp;", "&")
        assert href.startswith("/api/v1/search.atom") and "sort=" not in href
        query = dict(re.findall(r"([a-z_]+)=([^&]*)", path.split("?", 1)[1])) if "?" in path else {}
        query.pop("sort", None)
        assert dict(re.findall(r"([a-z_]+)=([^&]*)", href.split("?", 1)[1] if "?" in href else "")) == query
        assert html.count(f'class="feed-link" href="{alternate.group(2)}"') == 2, path  # visible, twice
        _feed(live_archive.base_url + href)
    assert 'type="application/atom+xml"' in get(live_archive, "/nieuw").text


def test_the_feed_is_ordered_by_publication_in_the_archive_and_paged(live_archive: LiveArchive) -> None:
    api = httpx.get(f"{live_archive.base_url}/api/v1/search", params={"per_page": 100}, timeout=30).json()
    root = _feed(f"{live_archive.base_url}/api/v1/search.atom?per_page=7")
    assert root.findtext(f"{ATOM}title") == "Nieuw in het archief: alle uitspraken"
    assert f"{api['total']} uitspraken" in (root.findtext(f"{ATOM}subtitle") or "")
    seen: list[str] = []
    published: list[str] = []
    pages = 0
    while True:
        pages += 1
        entries = root.findall(f"{ATOM}entry")
        assert 0 < len(entries) <= 7
        seen += [e.findtext(f"{ATOM}id") or "" for e in entries]
        published += [e.findtext(f"{ATOM}published") or "" for e in entries]
        links = _links(root)
        assert "cursor" not in links["first"] and links["first"].endswith("per_page=7")
        assert (pages > 1) == ("previous" in links)
        if "next" not in links:
            break
        assert "cursor=" in links["next"]
        root = _feed(links["next"])
    # RFC 5005: the pages together are the whole result, each ruling once, newest addition first
    assert len(seen) == len(set(seen)) == api["total"] and pages == -(-api["total"] // 7)
    assert published == sorted(published, reverse=True)
    # ... which is not the order of the decision dates: an old ruling added today comes first
    by_url = {live_archive.base_url + h["url"]: h for h in api["hits"]}
    decided = [by_url[u]["decision_date"] or "" for u in seen if u in by_url]
    assert decided != sorted(decided, reverse=True)
    first_page = _feed(f"{live_archive.base_url}/api/v1/search.atom?per_page=7")
    last = _feed(_links(first_page)["last"])
    assert "next" not in _links(last) and last.findall(f"{ATOM}entry")
    assert root.findtext(f"{ATOM}id") == first_page.findtext(f"{ATOM}id")  # one feed, several pages


def test_the_feed_title_states_the_search_in_dutch(live_archive: LiveArchive) -> None:
    root = _feed(f"{live_archive.base_url}/api/v1/search.atom?" + urlencode(
        [("q", "tandarts"), ("topic", "mondzorg"), ("outcome", "afgewezen"), ("year_from", "2016"),
         ("year_to", "2024"), ("amount_min", "100")]))
    assert root.findtext(f"{ATOM}title") == ("Uitspraken: tandarts · Onderwerp: Mondzorg · Uitkomst: Afgewezen · "
                                             "Jaar: 2016–2024 · Toegekend bedrag: vanaf € 100")
    assert _links(root)["alternate"].startswith(live_archive.base_url + "/?q=tandarts&topic=mondzorg")
    root = _feed(f"{live_archive.base_url}/api/v1/search.atom?topic=mondzorg")
    entries = root.findall(f"{ATOM}entry")
    assert entries and all(e.find(f"{ATOM}category[@term='mondzorg'][@label='Mondzorg']") is not None
                           for e in entries)


def test_the_advanced_form_has_every_filter_of_the_api(live_archive: LiveArchive) -> None:
    from app.deps import SearchParams
    from search_index.facets import SELECTABLE

    html = get(live_archive, "/uitgebreid-zoeken?q=tandarts&topic=mondzorg&outcome=afgewezen&date_from=2018-01-01").text
    assert '<form id="advanced-form" class="advanced" method="get" action="/">' in html
    for name in set(SearchParams.model_fields) - {"page", "per_page", "cursor", "facet"}:
        assert f'name="{name}"' in html, name  # every search parameter of the API has a control
    for facet in SELECTABLE:
        if facet.values is not None:  # a closed vocabulary offers every value
            for value in facet.values:
                assert f'name="{facet.name}" value="{value}"' in html, (facet.name, value)
    assert re.search(r'name="topic" value="mondzorg" checked', html)
    assert re.search(r'name="outcome" value="afgewezen" checked', html)
    assert 'name="date_from" type="date" value="2018-01-01"' in html and 'value="tandarts"' in html
    assert "art. 114 Zvw" in html and "NOT implantaat" in html  # the query language help
    search = get(live_archive, "/?q=tandarts&topic=mondzorg").text
    assert 'href="/uitgebreid-zoeken?q=tandarts&amp;topic=mondzorg"' in search


def test_a_refused_search_opens_the_form_with_the_reason(live_archive: LiveArchive) -> None:
    r = get(live_archive, "/uitgebreid-zoeken?date_from=2020-01-01&date_to=2019-01-01&amount_min=abc")
    assert r.status_code == 200 and 'role="alert"' in r.text and not ENGLISH.search(r.text.split("<form")[0])
    assert 'value="2020-01-01"' in r.text and 'value="abc"' in r.text  # kept, to be corrected
    page = get(live_archive, "/?date_from=2020-01-01&date_to=2019-01-01")
    assert page.status_code == 422
    assert 'href="/uitgebreid-zoeken?date_from=2020-01-01&amp;date_to=2019-01-01"' in page.text


def test_every_filter_is_a_removable_chip(live_archive: LiveArchive) -> None:
    params = [("q", "zorg"), ("topic", "mondzorg"), ("outcome", "afgewezen"), ("insurer", "CZ"),
              ("source", "skgz"), ("insurance_type", "basis"), ("reference", "zvw"), ("year_from", "2016"),
              ("date_from", "2016-01-01"), ("date_to", "2024-12-31"), ("amount_min", "10"), ("amount_max", "99999")]
    html = get(live_archive, "/?" + urlencode(params)).text
    chips = re.findall(r'<li><a href="([^"]*)" data-key="chip:([^"]*)"', html)
    labels = [label for _, label in chips]
    assert labels == ["Onderwerp: Mondzorg", "Uitkomst: Afgewezen", "Zorgverzekeraar: CZ", "Bron: SKGZ",
                      "Wettelijke bepaling: Zvw", "Soort verzekering: Basisverzekering",
                      "Jaar: vanaf 2016", "Datum uitspraak: 1 januari 2016–31 december 2024",
                      "Toegekend bedrag: € 10–€ 99.999"], labels
    for href, label in chips:
        left = [p for p in re.findall(r"([a-z_]+)=", href.replace("&amp;", "&"))]
        removed = {k for k, _ in params} - set(left)
        assert len(set(left)) >= len({k for k, _ in params}) - 2 and removed, (label, href)
        assert href.startswith("/?q=zorg&amp;"), href


def test_web_pages_never_show_english_errors(live_archive: LiveArchive) -> None:
    bad = ["/?year_from=abc", "/?amount_min=-1", "/?amount_max=1e99", "/?date_from=2020-13-01", "/?page=0",
           "/?per_page=1000", "/?sort=x", "/?outcome=gewonnen", "/?q=a+OR+b", "/?cursor=xyz", "/?topic=" + "x" * 300,
           "/?year_from=2020&year_to=2019", "/statistieken?year_from=abc", "/statistieken?insurance_type=x",
           "/nieuw?cursor=bad", "/uitspraak/bestaat-niet", "/bestaat-niet",
           "/?" + "&".join(f"topic=a{i}" for i in range(25))]
    for path in bad:
        r = get(live_archive, path)
        assert 400 <= r.status_code < 500 and "text/html" in r.headers["content-type"], (path, r.status_code)
        main = r.text.split('<main id="main"', 1)[1].split("</main>", 1)[0]
        assert not ENGLISH.search(main), (path, ENGLISH.search(main))
    assert "Jaar vanaf: moet een geheel getal zijn" in get(live_archive, "/?year_from=abc").text
    assert "OR en haakjes" in get(live_archive, "/?q=a+OR+b").text


def test_search_words_are_marked_on_the_ruling_page(live_archive: LiveArchive) -> None:
    hits = httpx.get(f"{live_archive.base_url}/api/v1/search", params={"q": "tandarts"}, timeout=30).json()["hits"]
    url = hits[0]["url"]
    page = get(live_archive, url, params={"q": "tandarts"}).text
    marks = re.findall(r"<mark(?: id=\"treffer-1\")?>([^<]*)</mark>", page)
    assert marks and {m.lower() for m in marks} <= {"tandarts", "tandartsen"}, marks
    assert page.count('id="treffer-1"') == 1 and 'href="#treffer-1"' in page
    assert f"{len(marks)} keer gemarkeerd" in page
    plain = get(live_archive, url).text
    assert "<mark" not in plain and "gemarkeerd" not in plain
    # inflections are marked (kronen for kroon); markup in q is text, never HTML
    assert re.search(r"<mark[^>]*>kronen</mark>", get(live_archive, url, params={"q": "kroon"}).text, re.I)
    evil = get(live_archive, url, params={"q": 'tandarts <script>alert(1)</script> "><img src=x>'}).text
    assert "<script>alert" not in evil and "<img src=x>" not in evil and "&lt;script&gt;" in evil
    refused = get(live_archive, url, params={"q": "tandarts OR kroon"})
    assert refused.status_code == 200 and "<mark" not in refused.text


def test_new_in_the_archive_lists_every_ruling_once_newest_addition_first(live_archive: LiveArchive) -> None:
    total = httpx.get(f"{live_archive.base_url}/api/v1/search", params={"per_page": 1}, timeout=30).json()["total"]
    first = get(live_archive, "/nieuw")
    assert first.status_code == 200 and 'aria-current="page">Nieuw</a>' in first.text
    assert 'href="/api/v1/search.atom"' in first.text and "Toegevoegd op" in first.text
    slugs: list[str] = []
    days: list[str] = []
    html = first.text
    while True:
        slugs += re.findall(r'<h3><a href="/uitspraak/([^"]+)">', html)
        days += re.findall(r'<h2 id="day-\d+">Toegevoegd op ([^<]+)</h2>', html)
        older = re.search(r'<a href="(/nieuw\?cursor=[^"]+)" rel="next">', html)
        if not older:
            break
        html = get(live_archive, older.group(1).replace("&amp;", "&")).text
    assert len(slugs) == len(set(slugs)) == total
    assert len(days) > 1  # grouped by the day they were added
    feed = _feed(f"{live_archive.base_url}/api/v1/search.atom?per_page=100")
    assert [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")] == [
        f"{live_archive.base_url}/uitspraak/{s}" for s in slugs]


def test_the_feed_answers_conditional_requests(live_archive: LiveArchive) -> None:
    """Feed readers poll: with the ETag or Last-Modified they got, an unchanged feed costs a 304 and no body."""
    url = f"{live_archive.base_url}/api/v1/search.atom?topic=mondzorg"
    first = httpx.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.status_code == 200 and etag.startswith('"') and "max-age" in first.headers["cache-control"]
    again = httpx.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert httpx.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"}).status_code == 200
    other = httpx.get(f"{live_archive.base_url}/api/v1/search.atom?topic=fraude")
    assert other.headers["etag"] != etag  # another search, another feed


def test_back_to_the_results_returns_to_exactly_that_search(live_archive: LiveArchive) -> None:
    """A result link carries the whole search (filters, sort, page): "Terug naar de resultaten" on the ruling page
    is that search again, not just its words."""
    from html import unescape

    for search in ("/?q=tandarts&sort=date_desc", "/?sort=date_asc&per_page=10&page=2"):
        results = get(live_archive, search)
        assert results.status_code == 200
        link = unescape(re.findall(r'<h3><a href="(/uitspraak/[^"]+)">', results.text)[0])
        assert link.endswith("?" + search[2:]), link
        ruling = get(live_archive, link).text
        back = re.search(r'<a href="([^"]+)">Terug naar de resultaten</a>', ruling)
        assert back is not None and unescape(back.group(1)) == search
    # Something else in the link is not passed on: the way back is always this site's search page.
    ruling = get(live_archive, f"/uitspraak/{slug(live_archive)}?q=x&next=https://elders.example").text
    assert '<a href="/?q=x">Terug naar de resultaten</a>' in ruling and "elders.example" not in ruling


def test_a_searched_provision_is_marked_on_the_ruling_page(live_archive: LiveArchive) -> None:
    """From a search on a provision (the reference filter, or the citation typed in q) the ruling page marks
    where the ruling cites it."""
    from archive.laws import reference_label

    for candidate in live_archive.prepared.sample_slugs + live_archive.prepared.synthetic_slugs:
        body = httpx.get(f"{live_archive.base_url}/api/v1/rulings/{candidate}", timeout=30).json()
        text = " ".join(" ".join(s["text"].split()) for s in body["sections"])
        cited = [r for r in body["references"] if r["text"] in text and ":" in r["id"]]
        if cited:
            break
    else:
        pytest.skip("no ruling in the test archive cites an article in its text")
    ref = cited[0]
    for params in ({"reference": ref["id"]}, {"q": reference_label(ref["id"])}):
        page = get(live_archive, body["url"], params=params).text
        marks = [" ".join(m.split()) for m in re.findall(r"<mark(?: id=\"treffer-1\")?>([^<]*)</mark>", page)]
        assert ref["text"] in marks, (params, marks[:5])
        assert "keer gemarkeerd" in page and "Terug naar de resultaten" in page


def test_the_search_page_downloads_its_results_with_dutch_column_names(live_archive: LiveArchive) -> None:
    """The site's download asks the export for Dutch Excel with Dutch column names; the API's default header stays
    the field names, which scripts read the columns by (README, docs/operations.md)."""
    import csv
    import io
    from html import unescape

    from app import feeds

    page = get(live_archive, "/?q=tandarts&sort=date_desc&page=2&per_page=10")
    href = re.search(r'<a class="export-link" href="([^"]+)" download>', page.text)
    assert href is not None
    url = unescape(href.group(1))
    assert url == "/api/v1/search/export?q=tandarts&sort=date_desc&format=csv-nl&header=nl", url

    def export(url: str, **params: object) -> httpx.Response:
        """An export costs a large share of the rate limit's burst: wait as its 429 says, as a client should."""
        for _ in range(5):
            response = httpx.get(live_archive.base_url + url, params=params or None, timeout=60)  # type: ignore[arg-type]
            if response.status_code != 429:
                return response
            time.sleep(float(response.headers.get("Retry-After", "1")))
        return response

    body = export(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))
    assert rows[0][:8] == ["Id", "Kenmerk", "Zaaknummer", "ECLI", "Titel", "Datum uitspraak", "Zorgverzekeraar",
                           "Uitkomst"]
    assert len(rows) - 1 == httpx.get(f"{live_archive.base_url}/api/v1/search", params={"q": "tandarts"},
                                      timeout=30).json()["total"]
    for fmt, sep, fields in (("csv", ",", feeds.EXPORT_FIELDS), ("csv-nl", ";", feeds.EXCEL_NL_EXPORT_FIELDS)):
        default = export("/api/v1/search/export", format=fmt, limit=1).text.lstrip("\ufeff").splitlines()[0]
        assert default == sep.join(fields)
        nl = export("/api/v1/search/export", format=fmt, limit=1, header="nl").text.lstrip("\ufeff")
        assert nl.splitlines()[0] == sep.join(feeds.EXPORT_HEADERS_NL[f] for f in fields)
    assert export("/api/v1/search/export", header="en").status_code == 422
    assert "export-link" not in get(live_archive, "/?q=zzzzqqqxxyy").text  # nothing found: nothing to download
