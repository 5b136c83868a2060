"""The pure view-model helpers of app.web (no server): URLs, facets, pagination, citation, charts, formatting."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

from app.schemas import OutcomeRates, RulingPublic, SectionPublic, StatsResponse
from app.web.facets import FACET_MAX, FACET_VISIBLE, facet_panels, filter_chips
from app.web.formatting import euro, nl_date, outcome_class, paragraphs
from app.web.ruling import citation, download_name, ruling_text, section_views
from app.web.search import pagination
from app.web.shared import templates
from app.web.stats import bar_rows
from app.web.stats import charts as chart_views
from app.web.urls import search_url
from search_index.facets import BY_NAME, ordered_counts
from search_index.query import SearchQuery, SearchResult
from search_index.settings import MAX_TOTAL_HITS


def qs(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def facet_groups(query: SearchQuery, facets: dict[str, dict[str, int]], labels: dict[str, str]):  # type: ignore[no-untyped-def]
    """The page's facet panels for a result with these counts (ordered as the index's answers are)."""
    plan = query.plan()
    selected = plan.selected()
    counts = {name: ordered_counts(BY_NAME[name], dict(c), selected.get(name, [])) for name, c in facets.items()}
    return facet_panels(SearchResult(plan=plan, total=1, hits=[], facets=counts, topic_labels=labels))


def test_query_params_leave_out_defaults_and_keep_order() -> None:
    q = SearchQuery(q="tandarts", filters={"topic": ["mondzorg"], "outcome": ["afgewezen"]}, year_from=2019,
                    sort="date_desc").plan()
    assert q.params() == [("q", "tandarts"), ("topic", "mondzorg"), ("outcome", "afgewezen"),
                          ("year_from", "2019"), ("sort", "date_desc")]
    assert SearchQuery().plan().params() == []
    assert search_url([]) == "/"
    assert ("page", "3") in q.params(page=3) and ("page", "1") not in q.params(page=1)


def test_facets_toggle_values_and_keep_selected_first() -> None:
    q = SearchQuery(q="x", filters={"insurer": ["VGZ"]})
    facets = {"topic": {"mondzorg": 5, "fraude": 2, "leeg": 0}, "insurer": {"CZ": 9, "VGZ": 0},
              "year": {"2021": 3, "2020": 4}, "country": {"Turkije": 2}}
    groups = {g.name: g for g in facet_groups(q, facets, {"mondzorg": "Mondzorg"})}
    assert [v.value for v in groups["topic"].values] == ["mondzorg", "fraude"]  # zero counts hidden
    assert groups["topic"].values[0].label == "Mondzorg" and groups["topic"].values[1].label == "Fraude"
    insurer = groups["insurer"]
    assert insurer.visible[0].value == "VGZ" and insurer.visible[0].selected  # selected, even at 0, first
    assert ("insurer", "VGZ") not in qs(insurer.visible[0].url or "")  # clicking a selected value removes it
    other = qs(insurer.visible[1].url or "")
    assert ("insurer", "CZ") in other and ("insurer", "VGZ") in other
    year = groups["year"].values[0]
    assert year.value == "2021" and {("year_from", "2021"), ("year_to", "2021")} <= set(qs(year.url or ""))
    assert ("country", "Turkije") in qs(groups["country"].values[0].url or "")  # filterable since issue 6
    assert list(groups)[:3] == ["topic", "insurer", "year"]


def test_long_facets_fold_behind_meer_tonen() -> None:
    facets = {"insurer": {f"V{i:02d}": 100 - i for i in range(20)}}
    group = facet_groups(SearchQuery(), facets, {})[0]
    assert len(group.visible) == FACET_VISIBLE and len(group.more) == 20 - FACET_VISIBLE


def test_facets_are_capped_but_keep_selected_values() -> None:
    facets = {"insurer": {f"V{i:03d}": 1000 - i for i in range(300)}}
    group = facet_groups(SearchQuery(filters={"insurer": ["V299"]}), facets, {})[0]
    shown = group.visible + group.more
    assert len(shown) == FACET_MAX and shown[0].value == "V299" and shown[0].selected


def test_chips_remove_one_filter_each() -> None:
    q = SearchQuery(q="x", filters={"topic": ["mondzorg"]}, year_from=2018, year_to=2020).plan()
    chips = filter_chips(q, {"mondzorg": "Mondzorg"})
    assert [c["label"] for c in chips] == ["Onderwerp: Mondzorg", "Jaar: 2018–2020"]
    assert qs(chips[0]["url"]) == [("q", "x"), ("year_from", "2018"), ("year_to", "2020")]
    assert qs(chips[1]["url"]) == [("q", "x"), ("topic", "mondzorg")]


def test_pagination_window_and_cap() -> None:
    assert pagination(SearchQuery().plan(), 20) is None
    p = pagination(SearchQuery(page=6).plan(), 400)
    assert p is not None and p["last"] == 20
    numbers = [i.get("number") for i in p["items"]]
    assert numbers == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert ("page", "5") in qs(p["prev"]) and ("page", "7") in qs(p["next"])
    assert pagination(SearchQuery(page=1).plan(), 10**6)["last"] == MAX_TOTAL_HITS // 20  # type: ignore[index]
    assert pagination(SearchQuery(page=2).plan(), 40)["prev"] == "/"  # type: ignore[index]


def test_formatting() -> None:
    assert nl_date(date(2022, 6, 30)) == "30 juni 2022"
    assert nl_date(date(2022, 6, 3), long=False) == "03-06-2022"
    assert euro(2400) == "€ 2.400,00" and euro(37.5) == "€ 37,50" and euro(None) == ""
    assert outcome_class("gedeeltelijk toegewezen") == "outcome-gedeeltelijk-toegewezen"
    assert paragraphs("a\nb\n\n\nc  \n") == ["a b", "c"]
    assert download_name("ECLI:NL:CRVB:2014:2942") == "ECLI_NL_CRVB_2014_2942.txt"


def _ruling(**kw: object) -> RulingPublic:
    base: dict[str, object] = dict(id=1, slug="202000821", url="/uitspraak/202000821", source="skgz",
                                   case_number="202000821", title="Mondzorg in Thailand", insurance_type="basis",
                                   outcome="afgewezen", outcome_explanation="", text="body",
                                   decision_date=date(2020, 9, 14), insurer="CZ")
    base.update(kw)
    return RulingPublic(**base)  # type: ignore[arg-type]


def test_citation_and_text_download() -> None:
    r = _ruling(sections=[SectionPublic(number="1", title="Partijen", text="[verzoeker]\ntegen CZ"),
                          SectionPublic(number="1.1", title="Sub", text="x")], annex="Artikel 11")
    c = citation(r, "https://x.nl/uitspraak/202000821")
    assert c == ("Geschillencommissie Zorgverzekeringen 14 september 2020, zaaknummer 202000821 (CZ), "
                 "https://x.nl/uitspraak/202000821")
    text = ruling_text(r, "https://x.nl/uitspraak/202000821")
    assert text.startswith("Mondzorg in Thailand\n") and "1. Partijen\n\n[verzoeker]\ntegen CZ" in text
    assert text.rstrip().endswith("BIJLAGEN\n\nArtikel 11")
    views = section_views(r)
    assert [(v.anchor, v.level) for v in views] == [("sectie-1", 2), ("sectie-1-1", 3)]
    ecli = _ruling(source="rechtspraak", ecli="ECLI:NL:CRVB:2014:2942", court="Centrale Raad van Beroep")
    assert citation(ecli, "u").startswith("Centrale Raad van Beroep 14 september 2020, ECLI:NL:CRVB:2014:2942")


def test_chart_rows_add_up_and_link() -> None:
    stats = StatsResponse(total=4, outcomes={"afgewezen": 3, "toegewezen": 1}, by_topic=[
        OutcomeRates(key="mondzorg", label="Mondzorg", total=4, outcomes={"afgewezen": 3, "toegewezen": 1},
                     granted_rate=0.25)], by_insurer=[
        OutcomeRates(key="onbekend", label="onbekend", total=4, outcomes={"afgewezen": 4}, granted_rate=0)],
        by_year=[OutcomeRates(key="2021", label="2021", total=4, outcomes={"onbekend": 4}, granted_rate=0)])
    charts = {c["id"]: c for c in chart_views(stats)}
    row = charts["onderwerp"]["rows"][0]
    assert [s["outcome"] for s in row["segments"]] == ["toegewezen", "afgewezen"]
    assert sum(s["width"] for s in row["segments"]) == 100 and row["rate"] == 25
    assert row["url"] == "/?topic=mondzorg" and row["text"].startswith("Mondzorg (4) 25% toegewezen")
    long = bar_rows([OutcomeRates(key="x", label="Zilveren Kruis Achmea Zorgverzekeringen N.V.", total=1,
                                      outcomes={"toegewezen": 1}, granted_rate=1.0)], lambda k: None)[0]
    assert long["short"] == "Zilveren Kruis Achmea Zor…" and long["text"].startswith("Zilveren Kruis Achmea Zor… (1)")
    assert charts["verzekeraar"]["rows"][0]["url"] is None  # "onbekend" is not a filter value
    assert charts["jaar"]["rows"][0]["url"] == "/?year_from=2021&year_to=2021"


def test_stats_page_renders_without_rulings() -> None:
    request = SimpleNamespace(url=SimpleNamespace(path="/statistieken"))
    html = templates.get_template("stats.html").render(
        request=request, stats=StatsResponse(total=0, outcomes={}, by_topic=[], by_insurer=[], by_year=[]),
        charts=[], overall=[], legend=[])
    assert "Er zijn nog geen uitspraken gepubliceerd." in html


def test_the_highlighter_marks_asked_words_and_escapes_everything_else() -> None:
    from app.web.highlight import Highlighter, highlight_terms

    mark = Highlighter(highlight_terms("kroon -brug"))
    html = mark('Twee <b>kronen</b> & een brug; "Kroon" <script>')
    assert html == ('Twee &lt;b&gt;<mark id="treffer-1">kronen</mark>&lt;/b&gt; &amp; een brug; '
                    '&quot;<mark>Kroon</mark>&quot; &lt;script&gt;')
    assert mark.count == 2
    # prepared for several texts: one pattern for all, the same marks; a word inside another is not marked
    learned = Highlighter(highlight_terms("kroon")).learn(["een kroon", "Kronen en kroonjuwelen"])
    assert learned("een kroon") == 'een <mark id="treffer-1">kroon</mark>'
    assert learned("Kronen en kroonjuwelen") == "<mark>Kronen</mark> en kroonjuwelen" and learned.count == 2
    assert Highlighter(highlight_terms("a OR b"))("a OR b") == "a OR b"  # a refused query marks nothing
    assert highlight_terms("") == frozenset() and highlight_terms("x" * 600) == frozenset()


def test_feed_title_and_paging_links() -> None:
    from app.api import feed_paging, feed_title
    from app.web.facets import describe_search

    plan = SearchQuery(q="tandarts", filters={"topic": ["mondzorg"]}, year_from=2018, year_to=2020,
                       date_to=date(2021, 3, 1), amount_max=500.5, sort="published_desc", per_page=10).plan()
    assert describe_search(plan, {"mondzorg": "Mondzorg"}) == (
        "Uitspraken: tandarts · Onderwerp: Mondzorg · Jaar: 2018–2020 · Datum uitspraak: tot en met 1 maart 2021 · "
        "Toegekend bedrag: tot en met € 500,50")
    assert feed_title(SearchQuery().plan(), {}) == "Nieuw in het archief: alle uitspraken"
    links = feed_paging(plan, total=35, next_cursor="CUR", path="/f")
    assert set(links) == {"first", "next", "last"}
    assert links["next"].endswith("&cursor=CUR") and links["last"].endswith("&page=4")
    assert "&page=" not in links["first"] and "cursor" not in links["first"]
    third = feed_paging(plan.replace(page=3), total=35, next_cursor="C4", path="/f")
    assert third["previous"].endswith("&page=2") and third["next"].endswith("cursor=C4")
    second = feed_paging(plan.replace(page=2), total=35, next_cursor="C3", path="/f")
    assert second["previous"] == second["first"]
    last = feed_paging(plan.replace(page=4), total=35, next_cursor="C5", path="/f")
    assert "next" not in last
    assert feed_paging(plan, total=3, next_cursor=None, path="/f") == {"first": links["first"]}


def test_atom_feed_is_well_formed_with_paging_and_entry_times() -> None:
    from xml.etree import ElementTree as ET

    from app.feeds import atom_feed

    rows = [{"slug": "a", "title": 'A & "B" <c>', "url": "http://h/uitspraak/a", "published_at": "2026-12-06T07:00:00Z",
             "decision_date": "1999-01-02", "insurer": "CZ", "outcome": "afgewezen", "snippet": "x\x01y",
             "topics": ["mondzorg"], "topic_labels": {"mondzorg": "Mondzorg"}},
            {"slug": "b", "title": None, "url": "http://h/uitspraak/b", "published_at": "2026-12-05T07:00:00Z",
             "topics": []}]
    xml = atom_feed(title="Uitspraken: x", subtitle="2 uitspraken", self_url="http://h/f?a=1&b=2",
                    html_url="http://h/", rows=rows, feed_id="http://h/f",
                    paging={"first": "http://h/f", "next": "http://h/f?cursor=x&y=1", "bogus": "http://h/z"})
    root = ET.fromstring(xml.encode())
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{ns}feed" and root.findtext(f"{ns}id") == "http://h/f"
    assert root.findtext(f"{ns}updated") == "2026-12-06T07:00:00Z"  # the newest entry, not the time of the request
    assert {link.get("rel") for link in root.findall(f"{ns}link")} == {"self", "alternate", "first", "next"}
    first, second = root.findall(f"{ns}entry")
    assert first.findtext(f"{ns}title") == 'A & "B" <c>' and second.findtext(f"{ns}title") == "b"
    assert first.findtext(f"{ns}published") == first.findtext(f"{ns}updated") == "2026-12-06T07:00:00Z"
    assert first.find(f"{ns}category").get("label") == "Mondzorg"  # type: ignore[union-attr]
    assert "uitspraak van 1999-01-02" in (first.findtext(f"{ns}summary") or "")


def test_overall_shares_count_only_known_outcomes_as_the_page_says() -> None:
    """/statistieken says unknown outcomes do not count in the percentages; the overall list once divided by every
    ruling (4 of 31 → 13 %) while the note beside it said "over 28 with a known outcome" (4 of 28 → 14 %)."""
    from app.web.stats import overall_rows

    stats = StatsResponse(total=31, outcomes={"toegewezen": 4, "gedeeltelijk toegewezen": 6, "afgewezen": 17,
                                              "niet-ontvankelijk": 1, "onbekend": 3},
                          unknown=3, by_topic=[], by_insurer=[], by_year=[])
    shares = {r["outcome"]: r["share"] for r in overall_rows(stats)}
    assert shares == {"toegewezen": 14, "gedeeltelijk toegewezen": 21, "afgewezen": 61, "niet-ontvankelijk": 4,
                      "onbekend": None}
    html = templates.get_template("stats.html").render(
        stats=stats, charts=[], overall=overall_rows(stats), known=28, search_url=None, legend=[],
        request=SimpleNamespace(url=SimpleNamespace(path="/statistieken", query=""), app=None))
    assert "(14%)" in html and "Onbekend: <strong>3</strong> (niet in de percentages)" in html
    assert "(13%)" not in html and "(10%)" not in html


def test_refused_search_parameters_name_their_limits_in_dutch() -> None:
    """The Dutch message fills in the limit from the validation error's context; plan_search (shared by the pages,
    the API and the alerts) once dropped that context, so every bound became "heeft een ongeldige waarde"."""
    import pytest
    from fastapi.exceptions import RequestValidationError
    from starlette.datastructures import QueryParams

    from app.deps import plan_search
    from app.web.about import validation_message

    with pytest.raises(RequestValidationError) as caught:
        plan_search(QueryParams("per_page=1000&sort=nope&q=" + "a" * 3000))
    message = validation_message(list(caught.value.errors()))
    assert "Aantal per pagina: mag hoogstens 100 zijn" in message
    assert "Sorteren op: moet een van deze zijn: Relevantie, Nieuwste eerst, Oudste eerst" in message
    assert "relevance" not in message  # the API's values are not the page's words
    assert "Zoekwoorden: is te lang (hoogstens" in message
    assert "ongeldige waarde" not in message


def test_a_phrase_is_marked_where_its_words_stand_together_and_only_there() -> None:
    """`?q="eigen risico"` once marked every "eigen" and every "risico" apart (8 and 3 on sample 202000821); a
    phrase search asks for the words together, so only those places are marked (across a line break too)."""
    from app.web.highlight import Highlighter, highlight_phrases, highlight_terms

    text = 'Het eigen risico en het Eigen\nrisico; een eigen bijdrage; het risico. <b>Tandarts</b>'

    def marked(q: str) -> tuple[str, int]:
        mark = Highlighter(highlight_terms(q), highlight_phrases(q)).learn([text])
        return str(mark(text)), mark.count

    html, count = marked('"eigen risico"')
    assert count == 2 and html.startswith('Het <mark id="treffer-1">eigen risico</mark> en het <mark>Eigen\nrisico'
                                          '</mark>; een eigen bijdrage; het risico.')
    assert "&lt;b&gt;Tandarts&lt;/b&gt;" in html  # escaped as before
    # a word asked on its own as well is marked everywhere; an excluded phrase marks nothing
    assert marked('"eigen risico" eigen')[1] == 3
    assert marked('tandarts -"eigen risico"') == (
        'Het eigen risico en het Eigen\nrisico; een eigen bijdrage; het risico. &lt;b&gt;<mark id="treffer-1">'
        'Tandarts</mark>&lt;/b&gt;', 1)
    assert Highlighter(frozenset(), ("eigen risico",)).active and not Highlighter(frozenset()).active


def test_pages_answer_head_but_state_changing_links_do_not() -> None:
    """HEAD on every page was a 405, which link checkers and citation managers report as a broken link. The alert
    links answer GET and HEAD with a page that changes nothing (a mail scanner opens links); what changes state
    is a separate POST route, which gets no HEAD and no GET."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from starlette.routing import Route

    from app.web import about, advanced, alerts, new, ruling, search, stats, statutes
    from app.web.shared import page_router

    routes = [r for m in (about, advanced, alerts, new, ruling, search, stats, statutes) for r in m.router.routes
              if isinstance(r, Route)]
    methods: dict[str, set[str]] = {}
    for r in routes:
        methods.setdefault(r.path, set()).update(r.methods or ())
    for path in ("/", "/uitspraak/{slug:path}", "/uitspraak/{slug:path}.txt", "/nieuw", "/statistieken", "/over",
                 "/wetsartikelen", "/uitgebreid-zoeken", "/alerts/afmelden", "/alerts/bevestigen"):
        assert {"GET", "HEAD"} <= methods[path], path
    changing = [r.methods for r in routes if r.path in ("/alerts/afmelden", "/alerts/bevestigen")
                and "POST" in (r.methods or ())]
    assert changing == [{"POST"}, {"POST"}]

    pages = page_router()

    @pages.get("/p")
    def page() -> dict[str, str]:
        return {"a": "b"}

    app = FastAPI()
    app.include_router(pages)
    client = TestClient(app)
    assert client.head("/p").status_code == 200 and client.get("/p").json() == {"a": "b"}
    assert client.head("/p?year_from=", follow_redirects=False).status_code == 303  # cleaned like GET


def test_a_provision_searched_for_is_marked_where_the_ruling_cites_it() -> None:
    """A search on art. 114 Zvw (the reference filter, or typed in q) marks the whole citation wherever the ruling
    cites that article or a lid of it, in any form, by an abbreviation the ruling defined too; not art. 1140 or 11."""
    from app.web.highlight import Highlighter, highlight_references, highlight_terms

    first = "De Zorgverzekeringswet (hierna: de Wet) geldt. Zie artikel 114, tweede lid, van de Zorgverzekeringswet."
    second = "Ook art. 1140 Zvw en artikel 11 Zvw, maar vooral artikel 114 van de Wet en art. 114 lid 3 Zvw."
    assert highlight_references("art. 114 Zvw") == ("zvw:114",)
    assert highlight_references("tandarts", ["zvw:114"]) == ("zvw:114",)
    for provisions in (highlight_references("art. 114 Zvw"), highlight_references("", ["zvw:114"])):
        mark = Highlighter(frozenset(), (), provisions).learn([first, second])
        assert str(mark(first)).endswith('Zie <mark id="treffer-1">artikel 114, tweede lid, van de '
                                         'Zorgverzekeringswet</mark>.')
        assert str(mark(second)) == ("Ook art. 1140 Zvw en artikel 11 Zvw, maar vooral <mark>artikel 114 van de "
                                     "Wet</mark> en <mark>art. 114 lid 3 Zvw</mark>.")
        assert mark.count == 3 and mark.active
    # A lid asked for: only that lid. Words and provisions together: a word inside a marked citation is not
    # marked again, elsewhere it is.
    lid = Highlighter(frozenset(), (), ("zvw:114:3",)).learn([first, second])
    assert lid(first) == first and '<mark id="treffer-1">art. 114 lid 3 Zvw</mark>.' in lid(second)
    # "de Wet" defined for another law is that law: its article 114 is not the Zvw's.
    other = "De Wet op de toegang tot ziektekostenverzekeringen (hierna: de Wet) ... artikel 114 van de Wet."
    assert Highlighter(frozenset(), (), ("zvw:114",)).learn([other])(other) == other
    assert "<mark" in Highlighter(frozenset(), (), ("wtz:114",)).learn([other])(other)
    both = Highlighter(highlight_terms("zvw"), (), ("zvw:114",)).learn([second])
    assert str(both(second)) == ('Ook art. 1140 <mark id="treffer-1">Zvw</mark> en artikel 11 <mark>Zvw</mark>, '
                                 'maar vooral artikel 114 van de Wet en <mark>art. 114 lid 3 Zvw</mark>.')


def test_back_to_the_results_is_the_search_the_ruling_was_opened_from() -> None:
    from starlette.datastructures import QueryParams

    from app.web.ruling import back_url, search_context

    def back(query: str) -> str | None:
        return back_url(*search_context(QueryParams(query)))

    assert back("q=tandarts&topic=mondzorg&sort=date_desc&page=3&per_page=50&cursor=x&facet=topic") == \
        "/?q=tandarts&topic=mondzorg&sort=date_desc&per_page=50&page=3"
    assert back("topic=mondzorg&year_from=2020") == "/?topic=mondzorg&year_from=2020"  # no words: still a way back
    # Only this site's search page, with validated search parameters: nothing else of the link is passed on.
    assert back("q=x&next=https://elders.example&url=//elders.example") == "/?q=x"
    assert back("q=//elders.example/pad") == "/?q=%2F%2Felders.example%2Fpad"
    assert back("q=x&year_from=abc") == "/?q=x"  # an edited link that no longer validates: the words alone
    assert back("") is None and back("utm_source=nieuwsbrief") is None
