"""The reviewer API (``/api/v1/review``): the queue, a ruling's review view, corrections, approve, unpublish.

Every route needs ``Authorization: Bearer <token>`` (``rulings user token EMAIL``): 401 without. Answers carry the
original text of a ruling (``original``) for reviewers, so none of this is public; ``Cache-Control: no-store``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.review.accounts import Principal
from app.review.deps import require_token, review_state
from app.schemas import ErrorResponse

_errors: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text} for status, text in (
        (401, "No API token, or an unknown or revoked one"), (403, "The token's account may not do this"),
        (404, "No such ruling, report or correction"), (422, "Invalid parameters"))}
router = APIRouter(prefix="/api/v1/review", tags=["review"], responses=_errors)


class CorrectionIn(BaseModel):
    kind: Literal["redact", "keep", "role"] = Field(description="redact: replace every mention of `surface`; "
                                                    "keep: restore `surface` where `placeholder` stands; "
                                                    "role: give `placeholder` the role `role`")
    surface: str = Field("", max_length=400, description="the words (redact: as in the text; keep: as in the "
                                                          "original)")
    placeholder: str = Field("", max_length=80, description="a placeholder of the ruling, e.g. [persoon 1]")
    role: str = Field("", max_length=40, description="verzoeker, verzoekster, persoon, zorgverlener, gemachtigde "
                                                      "or getuige")


class UnpublishIn(BaseModel):
    note: str = Field("", max_length=500, description="closes the ruling's open reports with this note")


class ReportCloseIn(BaseModel):
    note: str = Field("", max_length=500)


def _no_store(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


Who = Annotated[Principal, Depends(require_token)]


@router.get("/queue", summary="The review queue")
async def queue(request: Request, response: Response, who: Who) -> dict[str, Any]:
    """Rulings waiting for a reviewer (held, flagged as doubtful, or reported), each with its reasons."""
    _no_store(response)
    entries = await run_in_threadpool(review_state(request).service.queue)
    return {"items": [e.as_json() for e in entries]}


@router.get("/rulings/{ruling_id}", summary="A ruling's review view")
async def view(request: Request, response: Response, ruling_id: int, who: Who) -> dict[str, Any]:
    """The anonymised text, its doubtful spans, the original text (reviewers only), corrections and reports."""
    _no_store(response)
    return (await run_in_threadpool(review_state(request).service.view, ruling_id)).as_json()


@router.post("/rulings/{ruling_id}/corrections", summary="Add a correction", status_code=201)
async def add_correction(request: Request, ruling_id: int, body: CorrectionIn, who: Who) -> dict[str, Any]:
    """Stored with the ruling and applied at once; re-applied whenever the ruling is processed again."""
    service = review_state(request).service
    changed = await run_in_threadpool(lambda: service.add_correction(
        who, ruling_id, body.kind, surface=body.surface, placeholder=body.placeholder, role=body.role))
    return {"changed_mentions": changed}


@router.post("/rulings/{ruling_id}/approve", summary="Approve and publish")
async def approve(request: Request, ruling_id: int, who: Who) -> dict[str, Any]:
    return {"status": await run_in_threadpool(review_state(request).service.approve, who, ruling_id)}


@router.post("/rulings/{ruling_id}/unpublish", summary="Take a ruling down")
async def unpublish(request: Request, ruling_id: int, body: UnpublishIn, who: Who) -> dict[str, Any]:
    """Out of the index and every public response when this returns; its page answers 410 until approved again."""
    closed = await run_in_threadpool(review_state(request).service.unpublish, who, ruling_id, body.note)
    return {"status": "withdrawn", "reports_closed": closed}


@router.post("/reports/{report_id}/close", summary="Close a reader's report")
async def close_report(request: Request, report_id: int, body: ReportCloseIn, who: Who) -> Response:
    await run_in_threadpool(review_state(request).service.close_report, who, report_id, body.note)
    return Response(status_code=204)

