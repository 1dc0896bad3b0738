"""The read side: what the CLI (and later the web API) asks of a store, as plain dict rows.

Filters are checked here, once, so that every front end refuses the same bad values with
the same ``UsageError`` (the CLI exits 2 on it, the API will answer 400).
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import asdict, dataclass
from typing import Any

from diplograph.errors import NotFoundError, UsageError
from diplograph.models import EVENT_TYPES, STATUSES, fold
from diplograph.resolve.related import ArticleProfile, rank_related
from diplograph.store import Row, Store

# Codes in use that ISO 3166-1 leaves to its users (GUIDE.md section 2).
EXTRA_COUNTRY_CODES = frozenset({"XKX"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

__all__ = [
    "EventFilter",
    "article_ref",
    "find_actors",
    "find_events",
    "get_actor",
    "get_event",
    "list_articles",
    "parse_country",
    "parse_date",
    "parse_status",
    "parse_type",
    "related",
    "resolve",
    "summarize",
]


def parse_type(value: str) -> str:
    """An event type, any case, as stored (``meeting`` -> ``MEETING``)."""
    upper = value.strip().upper()
    if upper not in EVENT_TYPES:
        raise UsageError(f"unknown event type {value!r}; use one of {', '.join(EVENT_TYPES)}")
    return upper


def parse_status(value: str) -> str:
    """An event status, any case, as stored."""
    lower = value.strip().lower()
    if lower not in STATUSES:
        raise UsageError(f"unknown status {value!r}; use one of {', '.join(STATUSES)}")
    return lower


def parse_country(value: str) -> str:
    """An ISO 3166-1 alpha-3 code, any case, upper-cased (``kaz`` -> ``KAZ``)."""
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or not _known_country(code):
        raise UsageError(f"{value!r} is not an ISO 3166-1 alpha-3 country code (e.g. KAZ)")
    return code


def _known_country(code: str) -> bool:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        return True
    return code in EXTRA_COUNTRY_CODES or pycountry.countries.get(alpha_3=code) is not None


def parse_date(value: str, *, end: bool = False) -> str:
    """``YYYY-MM-DD`` from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the period's first day,
    or its last day when ``end`` (so ``until=2024-04`` takes in all of April)."""
    found = _DATE.match(value.strip())
    if found is None:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year_text, month_text, day_text = found.groups()
    year = int(year_text)
    month = int(month_text) if month_text else (12 if end else 1)
    if not 1 <= month <= 12:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    last = calendar.monthrange(year, month)[1]
    day = int(day_text) if day_text else (last if end else 1)
    if not 1 <= day <= last:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field given must hold. Values are checked and normalised.

    ``actor``: a piece of a name, case, accents and transliteration ignored, matched against
    resolved actors' names and every name an article uses for them. ``actor_id``: the id of a
    resolved actor (``diplograph actors``). ``country``: ISO3; events with a participant of
    that country or a person serving it. ``since``/``until``: inclusive, on the event's date,
    or its article's publication day when the event has none.
    """

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    offset: int = 0
    actor_id: str | None = None

    def __post_init__(self) -> None:
        checked = {
            "actor": self.actor.strip() if self.actor is not None else None,
            "country": parse_country(self.country) if self.country is not None else None,
            "type": parse_type(self.type) if self.type is not None else None,
            "status": parse_status(self.status) if self.status is not None else None,
            "since": parse_date(self.since) if self.since is not None else None,
            "until": parse_date(self.until, end=True) if self.until is not None else None,
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        if self.actor is not None and not fold(self.actor):
            raise UsageError("the actor name to search for is empty")
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"since ({self.since}) is after until ({self.until})")
        if self.limit is not None and self.limit < 1:
            raise UsageError("limit must be at least 1")
        if self.offset < 0:
            raise UsageError("offset cannot be negative")


def find_events(store: Store, filt: EventFilter | None = None) -> list[Row]:
    """Events matching ``filt`` (all events when None), newest first; an event reported by
    several articles is one row, with ``num_sources``, ``num_articles`` and its ``sources``."""
    return store.find_events(**asdict(filt or EventFilter()))


def get_event(store: Store, event_id: str) -> Row | None:
    """One event with its participants, evidence, codes and article, or None."""
    return store.get_event(event_id)


def find_actors(
    store: Store, name: str | None = None, *, limit: int | None = None, offset: int = 0
) -> list[Row]:
    """Resolved actors whose name, or a name an article gives them, contains ``name``
    (case, accents and transliteration ignored); busiest first."""
    if name is not None and not fold(name):
        raise UsageError("the actor name to search for is empty")
    return store.find_actors(name=name, limit=limit, offset=offset)


def get_actor(store: Store, actor_id: str) -> Row:
    """One resolved actor with its mentions and why they were judged one actor.

    ``actor_id`` is a resolved actor's id (``ent_...``) or a surface actor's (``act_...``).
    """
    found = store.get_actor(actor_id.strip())
    if found is None:
        raise NotFoundError(f"no actor {actor_id!r}; `diplograph actors` lists them")
    return found


def related(store: Store, article_id: str, *, limit: int | None = 10) -> list[Row]:
    """The stored articles most related to ``article_id``, best first, each with a score and
    the reasons: events both report, actors both name, shared topics, similar text."""
    if limit is not None and limit < 1:
        raise UsageError("limit must be at least 1")
    profiles = [
        ArticleProfile(
            id=p["id"],
            title=p["title"],
            published=p["published"],
            text=p["text"],
            actors=p["actors"],
            events=p["events"],
            topics=frozenset(p["topics"]),
        )
        for p in store.article_profiles()
    ]
    target = article_ref(store, article_id)
    return [r.to_dict() for r in rank_related(target, profiles, limit)]


def article_ref(store: Store, ref: str) -> str:
    """The id of the article ``ref`` names: its id, or ``FILE#INDEX`` as ``articles`` shows."""
    ref = ref.strip()
    rows = store.list_articles()
    if any(r["id"] == ref for r in rows):
        return ref
    found = [r["id"] for r in rows if f"{os.path.basename(r['source'])}#{r['index']}" == ref]
    if len(found) > 1:
        raise UsageError(f"{ref!r} names {len(found)} articles; give an article id instead")
    if not found:
        raise NotFoundError(f"no article {ref!r}; `diplograph articles` lists them")
    return str(found[0])


def resolve(store: Store) -> dict[str, int]:
    """Resolve actors and events over the whole store again; what was found."""
    return store.resolve()


def list_articles(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Stored articles, newest first, each with its number of events."""
    return store.list_articles(limit=limit, offset=offset)


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
