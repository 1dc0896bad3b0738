"""Events: list, count and get them, their evidence, their network, the upcoming ones; and
``resolve``, which resolves actors and events over the whole store again."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, timedelta

from diplograph.errors import UsageError
from diplograph.query.filters import EventFilter, _event_filters
from diplograph.store import Row, Store
from diplograph.store.rows import country_name
from diplograph.store.views import GRAPH_LEVELS

__all__ = [
    "count_events",
    "event_evidence",
    "event_graph",
    "find_events",
    "get_event",
    "resolve",
    "upcoming_events",
]


def find_events(store: Store, filt: EventFilter | None = None) -> list[Row]:
    """Events matching ``filt`` (all events when None), newest first; an event reported by
    several articles is one row, with ``num_sources``, ``num_articles`` and its ``sources``."""
    return store.find_events(**asdict(filt or EventFilter()))


def count_events(store: Store, filt: EventFilter | None = None) -> int:
    """How many events ``find_events`` lists for ``filt``, whatever its limit and offset."""
    return store.count_events(**_event_filters(filt))


def get_event(store: Store, event_id: str) -> Row | None:
    """One event with its participants, evidence, codes and article, or None."""
    return store.get_event(event_id)


def event_evidence(store: Store, cluster_id: str) -> list[Row]:
    """Every evidence sentence of every report of an event, with its article and offsets."""
    return store.event_evidence(cluster_id)


def event_graph(
    store: Store, filt: EventFilter | None = None, *, level: str = "actor", limit: int | None = None
) -> Row:
    """Who takes part in the events ``filt`` selects with whom: ``nodes`` (``id``, ``label``,
    ``kind``, ``country``, ``events``) and ``edges`` (``source``, ``target``, ``weight``).

    ``level="actor"``: a node per resolved actor; ``"country"``: per country (its ISO3 code
    as id), with an organisation, or an actor of no known country, as its own node.
    """
    if level not in GRAPH_LEVELS:
        raise UsageError(f"unknown graph level {level!r}; use one of {', '.join(GRAPH_LEVELS)}")
    if limit is not None and limit < 1:
        raise UsageError("limit must be at least 1")
    graph = store.event_graph(level, limit=limit, **_event_filters(filt))
    if level == "country":
        for node in graph["nodes"]:
            if node["kind"] == "country" and node["id"] == node["label"]:
                node["label"] = country_name(node["id"])
    return graph


def resolve(store: Store) -> dict[str, int]:
    """Resolve actors and events over the whole store again; what was found."""
    return store.resolve()


def upcoming_events(store: Store, *, after: date, limit: int = 10) -> list[Row]:
    """Planned or intended events dated after ``after``, soonest first, at most ``limit``."""
    since = (after + timedelta(days=1)).isoformat()
    found: list[Row] = []
    for status in ("planned", "intended"):
        filt = EventFilter(status=status, since=since)
        # Listed newest first: the soonest are the last page.
        skip = max(0, count_events(store, filt) - limit)
        found += find_events(store, replace(filt, limit=limit, offset=skip))
    found.sort(key=lambda e: (e["day"], e["article_id"], e["position"]))
    return found[:limit]
