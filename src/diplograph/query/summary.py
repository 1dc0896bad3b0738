"""The store as a whole: the overview, the summary and the timeline of events by month."""

from __future__ import annotations

from datetime import date
from typing import Any

from diplograph.models import EVENT_TYPES, STATUSES
from diplograph.query.events import find_events, upcoming_events
from diplograph.query.filters import EventFilter, _event_filters
from diplograph.store import Row, Store
from diplograph.store.rows import country_name

__all__ = [
    "event_timeline",
    "overview",
    "summarize",
]


# Longest series of months a timeline fills with zeros; beyond it, only months with events.
_MAX_MONTHS = 600


def event_timeline(store: Store, filt: EventFilter | None = None) -> Row:
    """Events per month by type: ``months`` (``YYYY-MM``, every month from the first to the
    last), ``series`` (type -> a count per month), ``by_status`` (status -> type -> a count
    per month: what happened apart from what is planned or intended) and ``undated``
    (events with no day)."""
    counts: dict[str, dict[str, dict[str, int]]] = {}  # status -> type -> month -> events
    undated = 0
    for row in store.event_timeline(**_event_filters(filt)):
        if row["month"] is None:
            undated += row["events"]
        else:
            per_type = counts.setdefault(row["status"], {}).setdefault(row["type"], {})
            per_type[row["month"]] = per_type.get(row["month"], 0) + row["events"]
    seen = sorted({m for types in counts.values() for months in types.values() for m in months})
    months = _month_range(seen[0], seen[-1]) if seen else []
    if len(months) > _MAX_MONTHS:
        months = seen
    order = {t: i for i, t in enumerate(EVENT_TYPES)}

    def series(per_type: dict[str, dict[str, int]]) -> dict[str, list[int]]:
        return {
            t: [per_type[t].get(month, 0) for month in months]
            for t in sorted(per_type, key=lambda t: (order.get(t, len(order)), t))
        }

    every: dict[str, dict[str, int]] = {}
    for types in counts.values():
        for t, per_month in types.items():
            for month, n in per_month.items():
                every.setdefault(t, {})[month] = every.get(t, {}).get(month, 0) + n
    by_status = {s: series(counts[s]) for s in STATUSES if s in counts}
    return {"months": months, "series": series(every), "by_status": by_status, "undated": undated}


def _month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``; just the two when either is malformed."""
    try:
        year, month = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
    except ValueError:
        return sorted({first, last})
    months: list[str] = []
    while (year, month) <= end and len(months) <= _MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def overview(store: Store, *, today: date | None = None, top: int = 10) -> Row:
    """The store at a glance: ``articles``, ``actors`` and ``events`` (counts), ``first``
    and ``last`` (the events' first and last day), ``countries`` (the ``top`` with most
    events: ``iso3``, ``name``, ``events``), ``actors_top`` (the ``top`` persons and
    organisations in most events), ``latest`` (the ``top`` newest events that occurred, up
    to ``today``) and ``upcoming`` (the ``top`` soonest planned or intended after it)."""
    today = today or date.today()
    days = store.event_days()
    countries = [
        {"iso3": r["country"], "name": country_name(r["country"]), "events": r["events"]}
        for r in store.country_counts()[:top]
    ]
    people = ("person", "organization")
    latest = EventFilter(status="occurred", until=today.isoformat(), limit=top)
    return {
        "articles": store.count_articles(),
        "actors": store.count_actors(),
        "events": store.count_events(),
        "first": days["first"],
        "last": days["last"],
        "countries": countries,
        "actors_top": store.find_actors(limit=top, kinds=people),
        "latest": find_events(store, latest),
        "upcoming": upcoming_events(store, after=today, limit=top),
    }


def summarize(store: Store, *, countries: int = 10, partners: int = 5) -> dict[str, Any]:
    """What a store holds: counts, events by type and status, each country's top partners.

    ``actors`` and ``events`` are resolved (one per person or event however many articles
    name it); ``reports`` counts the events as each article reports them.

    ``top_partners`` maps the ``countries`` countries with the most partnered events to
    their ``partners`` most frequent other sides (a country, else an organisation).
    """
    counts = store.counts()
    by_country: dict[str, list[dict[str, Any]]] = {}
    for row in store.partner_counts():
        by_country.setdefault(row["country"], []).append(
            {"partner": row["partner"], "events": row["events"]}
        )
    ranked = sorted(by_country.items(), key=lambda kv: (-sum(p["events"] for p in kv[1]), kv[0]))
    return {
        "articles": counts.get("articles", 0),
        "actors": counts.get("entities", 0),
        "events": counts.get("event_clusters", 0),
        "reports": counts.get("events", 0),
        "events_by_type": store.event_counts("type"),
        "events_by_status": store.event_counts("status"),
        "top_partners": {country: rows[:partners] for country, rows in ranked[:countries]},
    }
