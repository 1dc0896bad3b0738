"""Reads for the web: one article with what was read from it, an event's every report, an
actor's partners, the countries' event counts and the events' first and last day (the home
page and the indexes), the actors that partner names name, and the event network and
monthly counts, aggregated from the events' link rows (``links.py``): a country's network is
a few distinct sets of sides added up in SQL, drawn here.

Every method that takes the event filters (``actor``, ``actor_id``, ``country``, ``type``,
``status``, ``since``, ``until``) reads the same events as ``find_events`` with them.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

from diplograph.store.base import Row
from diplograph.store.links import SHORT
from diplograph.store.reads import Reads, _in_chunks

GRAPH_LEVELS = ("actor", "country")
# A side as a graph draws it: node, kind, label, country.
Drawn = tuple[str, str, str, str | None]


class Views(Reads):
    """Reads for the web: articles, evidence, partners, the event graph and timeline."""

    def get_article(self, article_id: str) -> Row | None:
        rows = self._rows(
            'SELECT id, source, idx AS "index", title, published, url, text FROM articles'
            " WHERE id = ?",
            [article_id],
        )
        if not rows:
            return None
        article = rows[0]
        article["mentions"] = self._rows(
            """SELECT m.actor_id, em.entity_id, a.kind, m.name, m.title,
                 coalesce(m.country, n.country) AS country, coalesce(m.org, n.org) AS org
               FROM mentions m JOIN actors a ON a.id = m.actor_id
               LEFT JOIN entity_members em
                 ON em.article_id = m.article_id AND em.actor_id = m.actor_id
               LEFT JOIN entities n ON n.id = em.entity_id
               WHERE m.article_id = ? ORDER BY length(m.name) DESC, m.name""",
            [article_id],
        )
        article["events"] = self._rows(
            """SELECT e.id, cm.cluster_id, e.type, e.status, e.date, e.day, e.place
               FROM events e LEFT JOIN cluster_members cm ON cm.event_id = e.id
               WHERE e.article_id = ? ORDER BY e.position""",
            [article_id],
        )
        by_id = {e["id"]: e for e in article["events"]}
        for e in by_id.values():
            e["evidence"] = []
        for ev in self._rows(
            'SELECT v.event_id, v.text, v.start, v."end" FROM evidence v'
            " JOIN events e ON e.id = v.event_id WHERE e.article_id = ?"
            " ORDER BY e.position, v.position",
            [article_id],
        ):
            by_id[ev.pop("event_id")]["evidence"].append(ev)
        return article

    def country_counts(self) -> list[Row]:
        # One pass over the primary key (country, cluster_id): a row per event and country.
        return self._rows(
            "SELECT l.country, count(*) AS events FROM event_countries l"
            " GROUP BY l.country ORDER BY events DESC, l.country"
        )

    def event_days(self) -> Row:
        # Each of min and max is one end of the event_clusters_day index.
        return self._rows(
            "SELECT (SELECT min(day) FROM event_clusters) AS first,"
            " (SELECT max(day) FROM event_clusters) AS last"
        )[0]

    def actors_named(self, names: Iterable[str]) -> dict[str, Row]:
        wanted = sorted(set(names))
        found: dict[str, Row] = {}
        for chunk, marks in _in_chunks(wanted):
            for r in self._rows(
                "SELECT id, kind, name, acronym FROM entities WHERE kind = 'organization'"
                f" AND (acronym IN ({marks}) OR name IN ({marks})) ORDER BY id",
                chunk + chunk,
            ):
                for key in sorted({r["acronym"], r["name"]} & set(chunk)):
                    found.setdefault(key, {k: r[k] for k in ("id", "kind", "name")})
        for chunk, marks in _in_chunks([n for n in wanted if n not in found]):
            for r in self._rows(
                f"SELECT id, kind, name FROM entities WHERE name IN ({marks}) ORDER BY id", chunk
            ):
                found.setdefault(r["name"], r)
        return found

    def event_evidence(self, cluster_id: str) -> list[Row]:
        """Every evidence sentence of every report of an event: ``event_id``, ``article_id``,
        ``text``, ``start``, ``end``; earliest article first."""
        return self._rows(
            """SELECT x.id AS event_id, x.article_id, v.text, v.start, v."end"
               FROM cluster_members cm JOIN events x ON x.id = cm.event_id
               JOIN articles a ON a.id = x.article_id
               JOIN evidence v ON v.event_id = x.id
               WHERE cm.cluster_id = ?
               ORDER BY a.published IS NULL, a.published, x.id, v.position""",
            [cluster_id],
        )

    def actor_partners(self, actor_id: str, *, limit: int | None = None) -> list[Row]:
        """The resolved actors that share events with ``actor_id``: ``id``, ``name``, ``kind``,
        ``country``, ``events`` (how many), most shared first."""
        return self._rows(
            """SELECT n.id, n.name, n.kind, n.country, count(*) AS events
               FROM event_actors mine JOIN event_actors l ON l.cluster_id = mine.cluster_id
               JOIN entities n ON n.id = l.entity_id
               WHERE mine.entity_id = ? AND l.entity_id <> ?
               GROUP BY n.id ORDER BY events DESC, n.folded, n.id LIMIT ?""",
            [actor_id, actor_id, -1 if limit is None else limit],
        )

    def event_graph(self, level: str, *, limit: int | None = None, **filters: Any) -> Row:
        """Who takes part in events with whom: ``nodes`` (``id``, ``label``, ``kind``,
        ``country``, ``events``; the ``limit`` busiest) and ``edges`` (``source``, ``target``,
        ``weight``: events in common). ``level`` ``actor`` makes a node of each resolved
        actor; ``country`` of each country (ISO3), an organisation or a stateless actor.

        Counted from the events' sides as their link rows hold them (links.py): events with
        the same sides are added up in SQL, then each distinct set of sides is drawn once.
        """
        if level not in GRAPH_LEVELS:
            raise ValueError(f"unknown graph level {level!r}; use one of {GRAPH_LEVELS}")
        column = "sides" if level == "country" else "actors"
        sql, params = self._with_sides(**self._filters(**filters))
        combos = [
            (json.loads(r["sides"]), r["n"])
            for r in self._rows(
                f"SELECT chosen.{column} AS sides, count(*) AS n FROM ({sql}) chosen GROUP BY 1",
                params,
            )
        ]
        draw = self._drawing(level, [side for sides, _ in combos for side in sides])
        return _network([({draw(side) for side in sides}, n) for sides, n in combos], limit)

    def _drawing(self, level: str, sides: list[Any]) -> Callable[[Any], Drawn]:
        """How the graph at ``level`` draws a side of ``sides`` (as ``sides``/``actors``
        give it), with what it needs of the resolved actors read at once."""
        if level == "actor":
            actors = self._entities({side[0] for side in sides})

            def actor_side(side: Any) -> Drawn:
                kind, name, country = actors[side[0]]
                return (side[0], kind, name, country if country is not None else side[1])

            return actor_side
        stateless = [side for side in sides if not isinstance(side, str)]
        orgs = self._organisations({org for _, org in stateless if org is not None})
        named = self._entities({e for e, org in stateless if org not in orgs})

        def country_side(side: Any) -> Drawn:
            if isinstance(side, str):  # a country
                return (side, "country", side, side)
            entity, org = side
            if org in orgs:  # drawn as the organisation it names
                return (*orgs[org], None)
            kind, name, _ = named[entity]
            return (entity, kind, org if org is not None else name, None)

        return country_side

    def _entities(self, ids: set[str]) -> dict[str, tuple[str, str, str | None]]:
        """Kind, name and country of the resolved actors ``ids``."""
        found = {}
        for chunk, marks in _in_chunks(sorted(ids)):
            for r in self._rows(
                f"SELECT id, kind, name, country FROM entities WHERE id IN ({marks})", chunk
            ):
                found[r["id"]] = (r["kind"], r["name"], r["country"])
        return found

    def _organisations(self, names: set[str]) -> dict[str, tuple[str, str, str]]:
        """For each of ``names`` that is the acronym or name of a resolved organisation, the
        first such (by id) as a node: id, kind, label."""
        found: dict[str, tuple[str, str, str]] = {}
        for chunk, marks in _in_chunks(sorted(names)):
            for r in self._rows(
                "SELECT id, name, acronym FROM entities WHERE kind = 'organization'"
                f" AND (acronym IN ({marks}) OR name IN ({marks})) ORDER BY id",
                chunk + chunk,
            ):
                for key in {r["acronym"], r["name"]} & set(chunk):
                    found.setdefault(key, (r["id"], "organization", r["name"]))
        return found

    def event_timeline(self, **filters: Any) -> list[Row]:
        """Events per month, type and status: ``month`` (``YYYY-MM``, None when undated),
        ``type``, ``status``, ``events``; months in order (the undated first)."""
        filters = self._filters(**filters)
        counted = _counted_scope(filters)
        if counted is None:
            rows = self._timeline_counted(**filters)
        else:
            rows = self._timeline_from_months(counted, filters)
        return sorted(rows, key=lambda r: (r["month"] or "", r["type"], r["status"]))

    def _timeline_counted(self, **filters: Any) -> list[Row]:
        """The timeline counted event by event, off the link tables' day indexes."""
        linked = self._linked(**filters)
        if linked is None:
            where, params = self._event_where(**filters)
            sql = f"SELECT c.day, c.type, c.status FROM event_clusters c{where}"
        else:
            sql, params = linked
        # Counted by day first: a key's link rows come in (day, type) order off its index.
        return self._rows(
            f"""SELECT substr(d.day, 1, 7) AS month, d.type, d.status,
                       CAST(sum(d.n) AS INTEGER) AS events
                FROM (SELECT chosen.day, chosen.type, chosen.status, count(*) AS n
                      FROM ({sql}) chosen GROUP BY 1, 2, 3) d
                GROUP BY 1, 2, 3""",
            params,
        )

    def _timeline_from_months(self, scope: tuple[str, str], filters: dict[str, Any]) -> list[Row]:
        """The timeline of the whole store, a country or an actor (``scope``: link and key
        of ``event_months``): the months wholly within ``since``..``until`` read from the
        monthly counts, the one or two months they cut counted event by event."""
        since, until = filters.get("since"), filters.get("until")
        if (since is not None or until is not None) and self._rows(
            "SELECT 1 FROM event_months WHERE link = ? AND key = ? AND month LIKE ? LIMIT 1",
            [*scope, f"%{SHORT}"],
        ):  # days shorter than a date: a period compares them as text, event by event
            return self._timeline_counted(**filters)
        where, params = "link = ? AND key = ? AND events > 0", list(scope)
        for column in ("type", "status"):
            if filters.get(column) is not None:
                where += f" AND {column} = ?"
                params.append(filters[column])
        if since is not None or until is not None:
            where += " AND month <> ''"  # an undated event is never within a period
        cut: set[str] = set()
        if since is not None:
            whole = since == since[:7] + "-01"
            where += " AND month >= ?"
            params.append(since[:7] if whole else _next_month(since[:7]))
            cut |= set() if whole else {since[:7]}
        if until is not None:
            whole = until == _last_day(until[:7])
            where += " AND month <= ?"
            params.append(until[:7] if whole else _prev_month(until[:7]))
            cut |= set() if whole else {until[:7]}
        rows = self._rows(
            "SELECT month, type, status, CAST(sum(events) AS INTEGER) AS events"
            f" FROM event_months WHERE {where} GROUP BY month, type, status",
            params,
        )
        # A shorter day's events go with the month (or year) it gives, as substr(day, 1, 7).
        merged: Counter[tuple[str | None, str, str]] = Counter()
        for row in rows:
            month = row["month"].removesuffix(SHORT) or None
            merged[month, row["type"], row["status"]] += row["events"]
        rows = [
            {"month": month, "type": type_, "status": status, "events": events}
            for (month, type_, status), events in merged.items()
        ]
        for month in sorted(cut):
            first = max(since or "", month + "-01")
            last = min(until or _last_day(month), _last_day(month))
            rows += self._timeline_counted(**{**filters, "since": first, "until": last})
        return rows


_DAY = re.compile(r"\d{4}-(0[1-9]|1[0-2])-\d{2}")


def _counted_scope(filters: dict[str, Any]) -> tuple[str, str] | None:
    """The ``event_months`` link and key that hold the timeline ``filters`` ask for: the
    whole store's, one country's or one actor's; None for other filters (a name matching
    several actors, an actor and a country, a period not given as days)."""
    if any(
        filters.get(end) is not None and not _DAY.fullmatch(filters[end])
        for end in ("since", "until")
    ):
        return None
    actor_id = filters.get("actor_id")
    named = filters.get("named")
    if named is not None:
        listed, ids = named
        if actor_id is not None or listed != "(?)":
            return None
        actor_id = ids[0]
    country = filters.get("country")
    if country is not None and actor_id is not None:
        return None
    if country is not None:
        return ("country", country)
    if actor_id is not None:
        return ("actor", actor_id)
    return ("all", "")


def _last_day(month: str) -> str:
    """``YYYY-MM-DD`` of the last day of ``month`` (``YYYY-MM``); ``month-31`` if malformed."""
    try:
        return f"{month}-{calendar.monthrange(int(month[:4]), int(month[5:7]))[1]:02d}"
    except (ValueError, calendar.IllegalMonthError):
        return f"{month}-31"


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


def _prev_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def _network(combos: list[tuple[set[Drawn], int]], limit: int | None) -> Row:
    """Nodes and edges of events given as sets of drawn sides, each with how many events
    have that set: as SQL's ``count(DISTINCT event)`` per node and per pair, ``min`` of
    each node's labels, kinds and countries."""
    events: Counter[str] = Counter()
    weights: Counter[tuple[str, str]] = Counter()
    seen: dict[str, list[Any]] = {}
    for drawn, n in combos:
        on_sides = sorted({d[0] for d in drawn})
        events.update(dict.fromkeys(on_sides, n))
        weights.update(dict.fromkeys(combinations(on_sides, 2), n))
        for node, kind, label, country in drawn:
            _keep_least(seen.setdefault(node, [label, kind, country]), label, kind, country)
    ranked = sorted(events, key=lambda node: (-events[node], seen[node][0], node))[:limit]
    kept = set(ranked)
    nodes = [
        {"id": node, "label": label, "kind": kind, "country": country, "events": events[node]}
        for node in ranked
        for label, kind, country in [seen[node]]
    ]
    edges = [
        {"source": a, "target": b, "weight": w}
        for (a, b), w in sorted(weights.items(), key=lambda e: (-e[1], e[0]))
        if a in kept and b in kept
    ]
    return {"nodes": nodes, "edges": edges}


def _keep_least(seen: list[Any], label: str, kind: str, country: str | None) -> None:
    """Keep in ``seen`` the least label, kind and country (not None) of a node, as SQL's
    ``min`` over its sides would."""
    seen[0] = min(seen[0], label)
    seen[1] = min(seen[1], kind)
    if country is not None and (seen[2] is None or country < seen[2]):
        seen[2] = country
