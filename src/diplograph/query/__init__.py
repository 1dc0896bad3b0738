"""The read side: what the CLI and the web API ask of a store, as plain dict rows.

Filters are checked here, once, so that every front end refuses the same bad values with
the same ``UsageError`` (the CLI exits 2 on it, the API answers 400).

    filters.py    parse_* for one value, EventFilter, the actor filters
    events.py     find, count and get events; evidence, graph, upcoming; resolve
    actors.py     find, count, get and explain resolved actors; their partners
    articles.py   list, count and get articles; refs, related articles, search
    countries.py  the countries, each one's partners, partner countries for a map
    summary.py    the overview, the summary, the timeline by month

Every public name is re-exported here: ``from diplograph import query`` and
``query.find_events(store, query.EventFilter(country="KAZ"))``.
"""

from __future__ import annotations

from diplograph.query.actors import (
    actor_partners,
    count_actors,
    explain_actor,
    find_actors,
    get_actor,
)
from diplograph.query.articles import (
    article_index,
    article_ref,
    count_articles,
    get_article,
    list_articles,
    related,
    search,
)
from diplograph.query.countries import (
    country_partners,
    list_countries,
    map_partners,
    partner_countries,
    partner_sides,
)
from diplograph.query.events import (
    count_events,
    event_evidence,
    event_graph,
    find_events,
    get_event,
    resolve,
    upcoming_events,
)
from diplograph.query.filters import (
    EventFilter,
    country_code,
    parse_country,
    parse_date,
    parse_kind,
    parse_status,
    parse_type,
)
from diplograph.query.summary import event_timeline, overview, summarize
from diplograph.store.views import GRAPH_LEVELS

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
