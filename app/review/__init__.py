"""Review before publication, corrections and takedown, with reviewer accounts (issue 17, docs/review.md).

``router`` carries the /beheer pages, the public report form and the reviewer API; the composition root
(:mod:`app.main`) includes it. Nothing here imports ingest or anonymise: the web process loads no model.
"""

from fastapi import APIRouter

from app.review import api, web

router = APIRouter()
router.include_router(web.router)
router.include_router(api.router)

__all__ = ["router"]
