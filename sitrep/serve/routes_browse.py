"""Read routes: lists of incidents and events, the map, the timeline, one incident with its sources."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from sitrep.store import browse
from sitrep.store.browse import Filters
from sitrep.serve.filters import query_filters

router = APIRouter(prefix="/api", tags=["browse"])


def reader(request: Request):
    """A FastAPI dependency: a cursor of the request's own, returned to the pool afterwards."""
    with request.app.state.database.reading() as con:
        yield con


def _page(kind: str, con, filters: Filters, sort: str, order: str, limit: int, offset: int) -> dict:
    try:
        return browse.list_records(con, kind, filters, sort=sort, descending=order == "desc",
                                   limit=limit, offset=offset)
    except ValueError as error:
        raise HTTPException(422, str(error))


PAGING = dict(
    sort=Query("event_date", description=f"one of {', '.join(browse.SORTABLE)}"),
    order=Query("desc", pattern="^(asc|desc)$"),
    limit=Query(50, ge=1, le=browse.MAX_PAGE),
    offset=Query(0, ge=0),
)


@router.get("/incidents", summary="Incidents matching the filters, one page")
def incidents(filters: Filters = Depends(query_filters), con=Depends(reader), sort: str = PAGING["sort"],
              order: str = PAGING["order"], limit: int = PAGING["limit"], offset: int = PAGING["offset"]):
    return _page("incidents", con, filters, sort, order, limit, offset)


@router.get("/events", summary="Events (one per report) matching the filters, one page")
def events(filters: Filters = Depends(query_filters), con=Depends(reader), sort: str = PAGING["sort"],
           order: str = PAGING["order"], limit: int = PAGING["limit"], offset: int = PAGING["offset"]):
    return _page("events", con, filters, sort, order, limit, offset)


@router.get("/incidents/{incident_id}", summary="One incident with its reports, articles and evidence")
def incident(incident_id: str, con=Depends(reader)):
    detail = browse.incident_detail(con, incident_id)
    if detail is None:
        raise HTTPException(404, f"incident {incident_id!r} not found")
    return detail


@router.get("/timeline", summary="Incidents per day, week or month and event type")
def timeline(filters: Filters = Depends(query_filters), con=Depends(reader)):
    return browse.timeline(con, filters)


@router.get("/map", summary="Incident points, or grid cells where there are too many to draw")
def map_layer(filters: Filters = Depends(query_filters), zoom: int = Query(2, ge=0, le=18), con=Depends(reader)):
    return browse.map_features(con, filters, zoom)


@router.get("/facets", summary="The values the filters offer, with counts")
def facets(con=Depends(reader)):
    return browse.facets(con)
