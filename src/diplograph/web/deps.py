"""What the API's and the pages' handlers ask FastAPI for: a store, the event filters.

``get_store(request)`` opens the database named by ``request.app.state.db`` read-only
(``mode=ro`` and ``PRAGMA query_only``) for one request and closes it afterwards; a
connection is never shared between requests, so handlers may run in any thread::

    from typing import Annotated
    from fastapi import Depends
    from diplograph.store import Store
    from diplograph.web.deps import get_store, event_filter

    @router.get("/events")
    def events(store: Annotated[Store, Depends(get_store)],
               filt: Annotated[EventFilter, Depends(event_filter)]): ...

``event_filter`` reads ``actor``, ``actor_id``, ``country``, ``type``, ``status``, ``since``
and ``until`` from the query string into a checked ``query.EventFilter``; an empty value (as
an HTML form sends for a blank field) is no filter, a bad one a ``UsageError`` (400).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Query, Request

from diplograph.query import EventFilter
from diplograph.store import Store, open_store

MAX_TEXT = 200  # longest value of a text parameter (a name, the search words)


def get_store(request: Request) -> Iterator[Store]:
    """The store, read-only, for the length of one request."""
    store = open_store(request.app.state.db, create=False, read_only=True)
    try:
        yield store
    finally:
        store.close()


def blank_is_none(value: str | None) -> str | None:
    """``value``, or None when it is missing or only spaces."""
    return value if value is not None and value.strip() else None


def event_filter(
    actor: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="a piece of an actor's name, any spelling"),
    ] = None,
    actor_id: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="a resolved actor's id")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="ISO 3166-1 alpha-3, e.g. KAZ")
    ] = None,
    type: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="an event type, e.g. MEETING")
    ] = None,
    status: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="occurred, planned or intended")
    ] = None,
    since: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="YYYY, YYYY-MM or YYYY-MM-DD")
    ] = None,
    until: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="YYYY, YYYY-MM or YYYY-MM-DD")
    ] = None,
) -> EventFilter:
    """The event filters of the query string, checked (``UsageError`` when one is bad)."""
    return EventFilter(
        actor=blank_is_none(actor),
        actor_id=blank_is_none(actor_id),
        country=blank_is_none(country),
        type=blank_is_none(type),
        status=blank_is_none(status),
        since=blank_is_none(since),
        until=blank_is_none(until),
    )
