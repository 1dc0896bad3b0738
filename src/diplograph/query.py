"""The read side: what the CLI (and later the web API) asks of a store, as plain dict rows.

Filters are checked here, once, so that every front end refuses the same bad values with
the same ``UsageError`` (the CLI exits 2 on it, the API will answer 400).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any

from diplograph.errors import AmbiguousError, NotFoundError, UsageError
from diplograph.models import ACTOR_KINDS, EVENT_TYPES, STATUSES, fold
from diplograph.refs import file_refs, find_article
from diplograph.resolve.events import outlet
from diplograph.resolve.related import ArticleProfile, rank_related
from diplograph.store import Row, Store
from diplograph.store.rows import country_name
from diplograph.store.views import GRAPH_LEVELS

# Longest series of months a timeline fills with zeros; beyond it, only months with events.
_MAX_MONTHS = 600

# Codes in use that ISO 3166-1 leaves to its users (GUIDE.md section 2).
EXTRA_COUNTRY_CODES = frozenset({"XKX"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

__all__ = [
    "GRAPH_LEVELS",
    "EventFilter",
    "actor_partners",
    "article_index",
    "article_ref",
    "count_actors",
    "count_articles",
    "count_events",
    "country_code",
    "country_partners",
    "event_evidence",
    "event_graph",
    "event_timeline",
    "explain_actor",
    "find_actors",
    "find_events",
    "get_actor",
    "get_article",
    "get_event",
    "list_articles",
    "list_countries",
    "map_partners",
    "overview",
    "parse_country",
    "parse_date",
    "parse_kind",
    "parse_status",
    "parse_type",
    "partner_countries",
    "partner_sides",
    "related",
    "resolve",
    "search",
    "summarize",
    "upcoming_events",
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


def _event_filters(filt: EventFilter | None) -> dict[str, Any]:
    """The filters of ``filt`` without its page (``limit``, ``offset``)."""
    filters = asdict(filt or EventFilter())
    del filters["limit"], filters["offset"]
    return filters


def count_events(store: Store, filt: EventFilter | None = None) -> int:
    """How many events ``find_events`` lists for ``filt``, whatever its limit and offset."""
    return store.count_events(**_event_filters(filt))


def get_event(store: Store, event_id: str) -> Row | None:
    """One event with its participants, evidence, codes and article, or None."""
    return store.get_event(event_id)


def parse_kind(value: str) -> str:
    """An actor kind, any case, as stored (``Person`` -> ``person``)."""
    lower = value.strip().lower()
    if lower not in ACTOR_KINDS:
        raise UsageError(f"unknown actor kind {value!r}; use one of {', '.join(ACTOR_KINDS)}")
    return lower


def _actor_filters(
    name: str | None, country: str | None, office: str | None, kinds: Sequence[str] | None
) -> dict[str, Any]:
    """The actor filters, checked: ``UsageError`` for an empty name or office, a bad
    country code or kind."""
    if name is not None and not fold(name):
        raise UsageError("the actor name to search for is empty")
    if office is not None and not office.strip():
        raise UsageError("the office to search for is empty")
    return {
        "name": name,
        "country": parse_country(country) if country is not None else None,
        "office": office.strip() if office is not None else None,
        "kinds": tuple(parse_kind(k) for k in kinds) if kinds is not None else None,
    }


def find_actors(
    store: Store,
    name: str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    country: str | None = None,
    office: str | None = None,
    kinds: Sequence[str] | None = None,
) -> list[Row]:
    """Resolved actors whose name, or a name an article gives them, contains ``name``
    (case, accents and transliteration ignored), of ``country`` (ISO3), who held an office
    whose title contains ``office`` (case ignored), of one of ``kinds``; busiest first."""
    filters = _actor_filters(name, country, office, kinds)
    return store.find_actors(limit=limit, offset=offset, **filters)


def count_actors(
    store: Store,
    name: str | None = None,
    *,
    country: str | None = None,
    office: str | None = None,
    kinds: Sequence[str] | None = None,
) -> int:
    """How many actors ``find_actors`` lists for these filters, unpaged."""
    return store.count_actors(**_actor_filters(name, country, office, kinds))


def actor_partners(store: Store, actor_id: str, *, limit: int | None = None) -> list[Row]:
    """The actors sharing events with resolved actor ``actor_id`` (``id``, ``name``,
    ``kind``, ``country``, ``events``), most shared first."""
    return store.actor_partners(actor_id, limit=limit)


def get_actor(store: Store, actor_id: str) -> Row:
    """One resolved actor with its mentions and why they were judged one actor.

    ``actor_id`` is a resolved actor's id (``ent_...``) or a surface actor's (``act_...``).
    """
    found = store.get_actor(actor_id.strip())
    if found is None:
        raise NotFoundError(f"no actor {actor_id!r}; `diplograph actors` lists them")
    return found


# How many actors an ambiguous name's error lists.
_NAMED_AT_MOST = 5


def explain_actor(store: Store, wanted: str) -> Row:
    """``get_actor`` for an actor id, else for the one actor whose names contain ``wanted``
    (as ``find_actors`` matches them); ``AmbiguousError`` listing them when several do."""
    wanted = wanted.strip()
    found = store.get_actor(wanted)
    if found is not None:
        return found
    named = find_actors(store, wanted, limit=_NAMED_AT_MOST + 1) if fold(wanted) else []
    if not named:
        raise NotFoundError(
            f"no actor with the id or a name {wanted!r}; `diplograph actors` lists them"
        )
    if len(named) > 1:
        listed = "; ".join(f"{a['name']} [{a['id']}]" for a in named[:_NAMED_AT_MOST])
        more = ", and more" if len(named) > _NAMED_AT_MOST else ""
        raise AmbiguousError(f"{wanted!r} names several actors: {listed}{more}; give an id")
    return get_actor(store, named[0]["id"])


def related(store: Store, article_id: str, *, limit: int | None = 10) -> list[Row]:
    """The stored articles most related to ``article_id`` (an id or ``FILE#INDEX``, see
    ``article_ref``), best first, each with a score, the reasons (events both report, actors
    both name, shared topics, similar text) and its ``ref`` as ``list_articles`` gives it."""
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
    stored = store.list_articles()
    refs = file_refs(stored)
    found = rank_related(find_article(stored, article_id), profiles, limit)
    return [{**r.to_dict(), "ref": refs.get(r.article_id, "")} for r in found]


def get_article(store: Store, article_id: str) -> Row:
    """One article with its text, the actors it names (``actors``: each name it gives one,
    with the resolved actor ``id`` and ``spans``, its occurrences in the text) and its events
    (``events``, each with its ``evidence`` sentences and their offsets in the text)."""
    found = store.get_article(article_id.strip())
    if found is None:
        raise NotFoundError(f"no article {article_id!r}; `diplograph articles` lists them")
    mentions = found.pop("mentions")
    taken: list[tuple[int, int]] = []
    found["actors"] = []
    for m in mentions:  # longest name first, so "Arman Tulegenov" wins over "Tulegenov"
        spans = []
        for hit in _name_pattern(m["name"]).finditer(found["text"]):
            if not any(hit.start() < end and start < hit.end() for start, end in taken):
                taken.append(hit.span())
                spans.append({"text": hit.group(), "start": hit.start(), "end": hit.end()})
        found["actors"].append({"id": m["entity_id"] or m["actor_id"], **m, "spans": spans})
    return found


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


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


def partner_sides(store: Store, code: str) -> list[Row]:
    """The other sides of the events of country ``code`` (an ISO3 code): ``country``,
    ``partner`` (a country's ISO3 code, else an organisation or a name) and ``events``,
    most events first."""
    return [row for row in store.partner_counts() if row["country"] == code]


def _numeric(code: str) -> str | None:
    """The ISO 3166-1 numeric code of ``code`` ("KAZ" -> "398"), None when it has none."""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(found.numeric) if found is not None else None


def partner_countries(code: str, sides: list[Row]) -> Row:
    """The countries among ``sides`` (``partner_sides(store, code)``), for a map:
    ``country``, ``numeric``, ``name`` of ``code`` and ``partners`` (``iso3``, ``numeric``,
    ``name``, ``events``), most events first; organisations and names are left out."""
    found: list[tuple[int, str, str]] = []  # events, name, code
    for side in sides:
        partner = side["partner"]
        if not isinstance(partner, str) or not re.fullmatch(r"[A-Z]{3}", partner):
            continue
        if partner != code and _known_country(partner):
            found.append((int(side["events"]), country_name(partner), partner))
    found.sort(key=lambda f: (-f[0], f[1]))
    partners = [
        {"iso3": iso3, "numeric": _numeric(iso3), "name": name, "events": events}
        for events, name, iso3 in found
    ]
    return {
        "country": code,
        "numeric": _numeric(code),
        "name": country_name(code),
        "partners": partners,
    }


def map_partners(store: Store, code: str) -> Row:
    """The countries country ``code`` (any case) shares events with, for a map: as
    ``partner_countries``. A ``UsageError`` when ``code`` is not an ISO3 country code."""
    code = parse_country(code)
    return partner_countries(code, partner_sides(store, code))


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


def search(store: Store, text: str, *, limit: int = 20) -> Row:
    """Articles (``id``, ``title``, ``published``, ``snippet``, ``marks``) and actors whose
    text, title or names hold every word of ``text``, best first; ``text`` is only words,
    never query syntax."""
    if limit < 1:
        raise UsageError("limit must be at least 1")
    return store.search(text, limit=limit)


def article_ref(store: Store, ref: str) -> str:
    """The id of the article ``ref`` names: its id, or ``FILE#INDEX`` with the bare file
    name or any path to the file (see ``diplograph.refs``)."""
    return find_article(store.list_articles(), ref)


def resolve(store: Store) -> dict[str, int]:
    """Resolve actors and events over the whole store again; what was found."""
    return store.resolve()


def list_articles(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Stored articles, newest first, each with its number of events and ``ref``, the
    shortest ``FILE#INDEX`` that names it alone (``related`` takes it, or the ``id``)."""
    refs = file_refs(store.list_articles())
    return [{**a, "ref": refs[a["id"]]} for a in store.list_articles(limit=limit, offset=offset)]


def count_articles(store: Store) -> int:
    """How many articles ``list_articles`` lists, unpaged."""
    return store.count_articles()


def article_index(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Stored articles, newest first: ``id``, ``title``, ``published``, ``url``, ``outlet``
    (the URL's host, else the file name) and ``events`` (how many it reports)."""
    return [
        {
            **{k: a[k] for k in ("id", "title", "published", "url", "events")},
            "outlet": outlet(a["url"], a["source"]),
        }
        for a in store.list_articles(limit=limit, offset=offset)
    ]


def country_code(value: str | None) -> str | None:
    """``value`` when it is an ISO3 country code (not an acronym such as CIS), else None."""
    if not value or not re.fullmatch(r"[A-Z]{3}", value):
        return None
    try:
        return parse_country(value)
    except UsageError:
        return None


def country_partners(store: Store, country: str) -> list[Row]:
    """The other sides of the events of ``country`` (ISO3), most events first: ``partner``
    (as ``summarize`` counts it), ``events``, ``code`` (the partner's ISO3 code, when it is
    a country) and ``actor`` (``id``, ``kind``, ``name`` of the resolved actor it names,
    when it is not a country and one does)."""
    code = parse_country(country)
    rows = [
        {**r, "code": country_code(r["partner"])}
        for r in store.partner_counts()
        if r["country"] == code
    ]
    named = store.actors_named(r["partner"] for r in rows if r["code"] is None)
    return [
        {
            "partner": r["partner"],
            "events": r["events"],
            "code": r["code"],
            "actor": None if r["code"] else named.get(r["partner"]),
        }
        for r in rows
    ]


def list_countries(store: Store) -> list[Row]:
    """Every country some event has a side of, most events first: ``iso3``, ``name``,
    ``events`` (as the country filter counts them) and ``partners`` (how many other sides
    its events have, as ``country_partners`` lists them)."""
    partners: dict[str, int] = {}
    for row in store.partner_counts():
        partners[row["country"]] = partners.get(row["country"], 0) + 1
    return [
        {
            "iso3": r["country"],
            "name": country_name(r["country"]),
            "events": r["events"],
            "partners": partners.get(r["country"], 0),
        }
        for r in store.country_counts()
    ]


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
