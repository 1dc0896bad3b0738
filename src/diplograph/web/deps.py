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

``known_parameters`` (a dependency of the whole API router) refuses, with a 400, any query
parameter the matched route does not declare, its dependencies' parameters included.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from diplograph.errors import UsageError
from diplograph.query import EventFilter
from diplograph.store import Store, file_identity, open_store

MAX_TEXT = 200  # longest value of a text parameter (a name, the search words)
MAX_NAME_SHOWN = 40  # an unknown parameter's name is cut to this in the error
MAX_NAMES_SHOWN = 5


def known_parameters(request: Request) -> None:
    """Refuse (``UsageError``, 400) a query parameter the matched route does not declare,
    which would otherwise be ignored without a word (``/api/actors?nmae=x``)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    declared = declared_parameters(route)
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        shown = ", ".join(repr(name[:MAX_NAME_SHOWN]) for name in unknown[:MAX_NAMES_SHOWN])
        more = (
            f" and {len(unknown) - MAX_NAMES_SHOWN} more" if len(unknown) > MAX_NAMES_SHOWN else ""
        )
        takes = ", ".join(sorted(declared)) or "no parameter"
        raise UsageError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {shown}{more};"
            f" {route.path} takes {takes}"
        )


def declared_parameters(route: APIRoute) -> frozenset[str]:
    """The query parameters ``route`` reads, its dependencies' included (a walk over a
    handful of dependencies: cheaper than any cache keyed by route)."""
    found: set[str] = set()
    todo: list[Dependant] = [route.dependant]
    while todo:
        dependant = todo.pop()
        found.update(field.alias for field in dependant.query_params)
        todo.extend(dependant.dependencies)
    return frozenset(found)


_THREAD = threading.local()  # each worker thread's open read-only stores
# every thread's, with its target and thread: closed at shutdown, or once the thread is gone
_KEPT: dict[int, tuple[str, Store, threading.Thread]] = {}
_KEPT_LOCK = threading.Lock()


def get_store(request: Request) -> Iterator[Store]:
    """The store, read-only, opened once per thread and kept for the thread's next requests
    (opening costs more than most reads): an SQLite file's, or a database server's on a
    connection of its own in autocommit, so that each read is its own transaction and sees
    every commit. A new file at the same path, or a broken connection, is opened anew. A
    missing file is opened (and refused) on each request."""
    target = request.app.state.db
    identity = file_identity(target)
    if identity is None and not _is_server(target):
        store = open_store(target, create=False, read_only=True)
        try:
            yield store
        finally:
            store.close()
        return
    kept: dict[str, tuple[tuple[int, int] | None, Store]] = _THREAD.__dict__.setdefault(
        "stores", {}
    )
    found = kept.get(target)
    if found is None or found[0] != identity or not found[1].usable():
        if found is not None:
            del kept[target]
            _close(found[1])
        _close_orphans()
        store = open_store(target, create=False, read_only=True)
        with _KEPT_LOCK:
            _KEPT[id(store)] = (target, store, threading.current_thread())
        found = kept[target] = (identity, store)
    yield found[1]


def _close(store: Store) -> None:
    with _KEPT_LOCK:
        _KEPT.pop(id(store), None)
    store.close()


def close_kept_stores(target: str) -> None:
    """Close every thread's kept store of ``target`` (when the app shuts down); a thread
    that serves again opens its own anew."""
    with _KEPT_LOCK:
        stores = [store for kept, store, _ in _KEPT.values() if kept == target]
    for store in stores:
        _close(store)


def _close_orphans() -> None:
    """Close the stores of threads that have ended (anyio retires idle worker threads)."""
    with _KEPT_LOCK:
        stores = [store for _, store, thread in _KEPT.values() if not thread.is_alive()]
    for store in stores:
        _close(store)


def _is_server(target: str) -> bool:
    return "://" in target and not target.startswith("sqlite:")


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
