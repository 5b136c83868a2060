"""Server-rendered pages (Dutch interface). They call the same service functions as the JSON API.

One module per page: :mod:`~app.web.search` (``/``), :mod:`~app.web.advanced` (``/uitgebreid-zoeken``),
:mod:`~app.web.new` (``/nieuw``), :mod:`~app.web.ruling` (``/uitspraak/{slug}``),
:mod:`~app.web.stats` (``/statistieken``), :mod:`~app.web.statutes` (``/wetsartikelen``),
:mod:`~app.web.about` (``/over`` and the error page). They share
:mod:`~app.web.shared` (templates, router), :mod:`~app.web.formatting`, :mod:`~app.web.urls` and, on the search
page, :mod:`~app.web.facets`. View-model builders (``facet_groups``, ``pagination``, ``bar_rows``, ``citation``...)
are pure functions of the service's response models, so they can be tested without a server.
"""

from fastapi import APIRouter

from app.web import about, advanced, new, ruling, search, stats, statutes
from app.web import alerts as alert_pages

router = APIRouter()
for page in (search, advanced, new, ruling, stats, statutes, about):
    router.include_router(page.router)
router.include_router(alert_pages.router)  # e-mail alerts (app.alerts)
