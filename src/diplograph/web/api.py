"""The JSON API under ``/api`` (docs/web.md): events, actors, articles, countries, graph,
partners, timeline, search. Read-only; every answer has ``"ok": true``, every error the one
shape of ``web/errors.py``, and a query parameter an endpoint does not take is a 400
(``deps.known_parameters``). Each handler is a thin shell over one ``diplograph.query``
function.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from diplograph import query
from diplograph.errors import NotFoundError
from diplograph.query import EventFilter
from diplograph.store import Row, Store
from diplograph.web import schemas
from diplograph.web.deps import (
    MAX_TEXT,
    blank_is_none,
    event_filter,
    get_store,
    known_parameters,
)

MAX_PAGE = 500
MAX_OFFSET = 1_000_000_000
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.ErrorBody, "description": text}
    for status, text in (
        (400, "a bad parameter value, or a parameter the endpoint does not take"),
        (404, "no such thing"),
        (422, "a parameter of the wrong type or out of range"),
    )
}

router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses=_ERRORS,
    dependencies=[Depends(known_parameters)],  # an unknown query parameter is a 400
)
StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Id = Annotated[str, Path(max_length=MAX_TEXT)]


def _event(row: Row, evidence: list[Row] | None = None) -> Row:
    """A store event row as ``schemas.Event``: evidence with its report, sources by id."""
    if evidence is None:
        evidence = [
            {**e, "event_id": row["id"], "article_id": row["article_id"]} for e in row["evidence"]
        ]
    sources = [
        {"id": s["article_id"], **{k: v for k, v in s.items() if k != "article_id"}}
        for s in row["sources"]
    ]
    return {**row, "evidence": evidence, "sources": sources}


@router.get("/events", response_model=schemas.EventPage)
def list_events(store: StoreDep, filt: FilterDep, limit: Limit = 50, offset: Offset = 0) -> Row:
    """Resolved events matching every filter given, newest first."""
    rows = query.find_events(store, replace(filt, limit=limit, offset=offset))
    return {
        "ok": True,
        "total": query.count_events(store, filt),
        "limit": limit,
        "offset": offset,
        "events": [_event(r) for r in rows],
    }


@router.get("/events/{event_id}", response_model=schemas.EventDetail)
def get_event(store: StoreDep, event_id: Id) -> Row:
    """One event with every evidence sentence of every report and every source article."""
    row = query.get_event(store, event_id)
    if row is None:
        raise NotFoundError(f"no event {event_id!r}")
    evidence = query.event_evidence(store, row["cluster_id"]) if row["cluster_id"] else None
    return {"ok": True, "event": _event(row, evidence)}


@router.get("/actors", response_model=schemas.ActorPage)
def list_actors(
    store: StoreDep,
    q: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="a piece of a name, any spelling")
    ] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT, description="ISO3")] = None,
    office: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="a piece of an office's title")
    ] = None,
    kind: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="person, organization or country")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Row:
    """Resolved actors, busiest first; ``q`` matches any spelling articles use, ``office``
    any title the actor was seen holding."""
    filters: dict[str, Any] = {
        "country": blank_is_none(country),
        "office": blank_is_none(office),
        "kinds": [kind] if blank_is_none(kind) else None,
    }
    name = blank_is_none(q)
    rows = query.find_actors(store, name, limit=limit, offset=offset, **filters)
    total = query.count_actors(store, name, **filters)
    return {"ok": True, "total": total, "limit": limit, "offset": offset, "actors": rows}


@router.get("/actors/{actor_id}", response_model=schemas.ActorDetail)
def get_actor(store: StoreDep, actor_id: Id, limit: Limit = 100) -> Row:
    """One actor: its names, offices over time, events (newest first) and partners."""
    actor = query.get_actor(store, actor_id)
    filt = EventFilter(actor_id=actor["id"], limit=limit)
    return {
        "ok": True,
        "actor": actor,
        "events": [_event(r) for r in query.find_events(store, filt)],
        "events_total": query.count_events(store, filt),
        "partners": query.actor_partners(store, actor["id"], limit=limit),
    }


@router.get("/articles", response_model=schemas.ArticlePage)
def list_articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Row:
    """Stored articles, newest first, each with its outlet and how many events it reports."""
    return {
        "ok": True,
        "total": query.count_articles(store),
        "limit": limit,
        "offset": offset,
        "articles": query.article_index(store, limit=limit, offset=offset),
    }


@router.get("/countries", response_model=schemas.CountryList)
def list_countries(store: StoreDep) -> Row:
    """Every country some event has a side of, most events first, with its event and
    partner counts (as ``/countries/{iso3}`` shows them)."""
    return {"ok": True, "countries": query.list_countries(store)}


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail)
def get_article(store: StoreDep, article_id: Id) -> Row:
    """One article's text, with the actors and events read from it and their offsets."""
    found = query.get_article(store, article_id)
    return {
        "ok": True,
        "article": found,
        "actors": found["actors"],
        "events": found["events"],
    }


@router.get("/graph", response_model=schemas.Graph)
def graph(
    store: StoreDep,
    filt: FilterDep,
    level: Annotated[str, Query(pattern="^(actor|country)$")] = "actor",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="most nodes")] = 200,
) -> Row:
    """Who takes part in the filtered events with whom: nodes (sized by events) and edges
    (weighted by events in common); ``level=country`` joins actors into their countries."""
    found = query.event_graph(store, filt, level=level, limit=limit)
    return {"ok": True, "level": level, **found}


@router.get("/partners", response_model=schemas.Partners)
def partners(
    store: StoreDep,
    country: Annotated[str, Query(max_length=MAX_TEXT, description="ISO 3166-1 alpha-3, e.g. KAZ")],
) -> Row:
    """The countries ``country`` shares events with and how many, with their ISO numeric
    codes (as world maps name countries): the country page's map."""
    return {"ok": True, **query.map_partners(store, country)}


@router.get("/timeline", response_model=schemas.Timeline)
def timeline(store: StoreDep, filt: FilterDep) -> Row:
    """The filtered events per month, one series per event type."""
    return {"ok": True, **query.event_timeline(store, filt)}


@router.get("/search", response_model=schemas.SearchResults)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="words to find")],
    limit: Limit = 20,
) -> Row:
    """Articles (by title and text) and actors (by any name) holding every word of ``q``;
    ``q`` is taken as plain words, never as query syntax."""
    return {"ok": True, "q": q, **query.search(store, q, limit=limit)}
