"""Write routes for analysts: confirm, edit, reject, merge, split; and the audit log."""
from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from sitrep.store import review
from sitrep.serve.guards import require_token
from sitrep.serve.routes_browse import reader

router = APIRouter(prefix="/api", tags=["review"])


class Decision(BaseModel):
    action: Literal["confirm", "edit", "reject", "reopen"]
    who: str = Field(min_length=1, max_length=200, description="the analyst's name, kept in the audit")
    changes: Optional[dict[str, Any]] = Field(None, description="for 'edit': field name -> new value")
    note: str = Field("", max_length=2000)


class Merge(BaseModel):
    others: list[str] = Field(min_length=1, max_length=100, description="incidents folded into this one")
    who: str = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=2000)


class Split(BaseModel):
    event_ids: list[str] = Field(min_length=1, max_length=1000, description="reports moved to a new incident")
    who: str = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=2000)


def _apply(request: Request, action, *args) -> dict:
    with request.app.state.database.writing() as con:
        try:
            return action(con, *args)
        except review.NotFound as error:
            raise HTTPException(404, str(error))
        except review.ReviewError as error:
            raise HTTPException(422, str(error))


@router.post("/events/{event_id}/review", dependencies=[Depends(require_token)],
             summary="Confirm, edit, reject or reopen one event")
def review_event(event_id: str, body: Decision, request: Request):
    return _apply(request, review.review_event, event_id, body.action, body.who, body.changes, body.note)


@router.post("/incidents/{incident_id}/review", dependencies=[Depends(require_token)],
             summary="Confirm, edit, reject or reopen an incident")
def review_incident(incident_id: str, body: Decision, request: Request):
    return _apply(request, review.review_incident, incident_id, body.action, body.who, body.changes, body.note)


@router.post("/incidents/{incident_id}/merge", dependencies=[Depends(require_token)],
             summary="Fold other incidents into this one")
def merge(incident_id: str, body: Merge, request: Request):
    return _apply(request, review.merge_incidents, incident_id, body.others, body.who, body.note)


@router.post("/incidents/{incident_id}/split", dependencies=[Depends(require_token)],
             summary="Move some reports of this incident into a new incident")
def split(incident_id: str, body: Split, request: Request):
    return _apply(request, review.split_incident, incident_id, body.event_ids, body.who, body.note)


@router.get("/reviews", summary="The audit log: who changed what, when, before and after")
def reviews(target_id: list[str] = Query([]), limit: int = Query(100, ge=1, le=1000), con=Depends(reader)):
    if target_id:
        return review.history(con, target_id)
    return review.recent_reviews(con, limit)
