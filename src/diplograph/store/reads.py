"""The read side of the SQLite store, through the resolved layer (``resolution.py``).

An event row is a resolved event (a cluster of reports): its lead report's fields, the
counts ``num_sources``/``num_articles``/``num_reports`` and every source article with its
evidence. An actor row is a resolved actor with the names articles use for it and the
offices it was seen holding. Names are searched folded (case and accents ignored) and by
transliteration skeleton, so "Bakaev" finds Bakayev. Events are chosen by country and by
actor through their link rows (``links.py``): one index range each, however large the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from diplograph.models import fold
from diplograph.resolve.events import outlet
from diplograph.resolve.names import skeleton
from diplograph.store.base import Row

_EVENT_COLUMNS = """e.id, e.article_id, e.position, e.type, e.status, e.date, e.day, e.place,
       e.topics, e.cameo, e.goldstein, e.plover_type, e.plover_mode, e.codes_version,
       a.title AS article_title, a.published AS article_published, a.url AS article_url,
       c.id AS cluster_id, c.num_sources, c.num_articles, c.num_reports"""
_CLUSTER_SELECT = f"""SELECT {_EVENT_COLUMNS}
    FROM event_clusters c JOIN events e ON e.id = c.lead_event
    JOIN articles a ON a.id = e.article_id"""
_REPORT_SELECT = f"""SELECT {_EVENT_COLUMNS}
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN cluster_members cm ON cm.event_id = e.id
    LEFT JOIN event_clusters c ON c.id = cm.cluster_id"""
# Resolved actors one of whose names, or of the names articles give them (names.py),
# contains the (folded, or skeleton) needle.
_ENTITY_MATCH = """(SELECT id FROM entities WHERE instr(search, ?) > 0 OR instr(search, ?) > 0
    UNION SELECT entity_id FROM entity_names WHERE instr(folded, ?) > 0)"""
_ENTITY_SELECT = """SELECT n.id, n.kind, n.name, n.folded, n.country, n.org, n.acronym,
      (SELECT count(DISTINCT m.article_id) FROM entity_members m WHERE m.entity_id = n.id)
        AS articles,
      (SELECT count(*) FROM event_actors l WHERE l.entity_id = n.id) AS events
    FROM entities n"""
_COUNTABLE = frozenset({"type", "status"})
_CHUNK = 500
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LISTED = 500  # a name matching more resolved actors is matched again in each query


def _in_chunks(ids: list[str]) -> Iterator[tuple[list[str], str]]:
    """Slices of ``ids`` small enough for one ``IN (?, ...)``, each with its placeholders."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        yield chunk, ", ".join("?" * len(chunk))


def _needles(name: str) -> list[str]:
    return [fold(name), skeleton(name) or fold(name), fold(name)]


def _links(
    *,
    named: tuple[str, list[Any]] | None = None,
    actor_id: str | None = None,
    country: str | None = None,
    type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[tuple[str, list[Any]]]:
    """For each country or actor filter given, ``FROM <link table> l WHERE ...``: the link
    rows (links.py) of the events it chooses, narrowed by the other filters; country first.
    ``named``: the actors a name matches (``Reads._filters``)."""
    rest, rest_params = _narrowed(type=type, status=status, since=since, until=until)
    found: list[tuple[str, list[Any]]] = []
    if country is not None:
        found.append((f"FROM event_countries l WHERE l.country = ?{rest}", [country, *rest_params]))
    if actor_id is not None:
        found.append((f"FROM event_actors l WHERE l.entity_id = ?{rest}", [actor_id, *rest_params]))
    if named is not None:
        matched, matched_params = named
        found.append(
            (
                f"FROM event_actors l WHERE l.entity_id IN {matched}{rest}",
                matched_params + rest_params,
            )
        )
    return found


def _narrowed(
    *, type: str | None, status: str | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    """`` AND ...`` on link rows ``l`` for the filters other than actor and country."""
    rest, params = "", []
    for column, op, value in (
        ("l.type", "=", type),
        ("l.status", "=", status),
        ("l.day", ">=", since),
        ("l.day", "<=", until),
    ):
        if value is not None:
            rest += f" AND {column} {op} ?"
            params.append(value)
    return rest, params


def _actor_where(
    name: str | None,
    country: str | None,
    office: str | None = None,
    kinds: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if name is not None:
        where.append(f"n.id IN {_ENTITY_MATCH}")
        params += _needles(name)
    if country is not None:
        where.append("n.country = ?")
        params.append(country)
    if office is not None:
        # SQLite's lower() folds ASCII letters alone, so the needle is lowered as it does:
        # a title matches in any case of its ASCII letters on both backends.
        where.append(
            "n.id IN (SELECT o.entity_id FROM offices o WHERE instr(lower(o.title), ?) > 0)"
        )
        params.append(_ascii_lower(office))
    if kinds is not None:
        where.append(f"n.kind IN ({', '.join('?' * len(kinds)) or 'NULL'})")
        params += list(kinds)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


class Reads:
    """``find_events``, ``get_event``, ``find_actors``, ``get_actor`` and the counts."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    # -- events ---------------------------------------------------------------------------

    def find_events(
        self,
        *,
        actor: str | None = None,
        actor_id: str | None = None,
        country: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        filters = self._filters(
            actor=actor,
            actor_id=actor_id,
            country=country,
            type=type,
            status=status,
            since=since,
            until=until,
        )
        if limit is not None:
            # Only events as late as the last one of the page can be on it: a bound on the
            # day that the indexes apply before anything is sorted.
            bound = self._latest_day(filters, limit + offset)
            if bound is not None and (since is None or bound > since):
                filters["since"] = bound
        where, params = self._event_where(**filters)
        sql = _CLUSTER_SELECT + where
        sql += " ORDER BY c.day IS NULL, c.day DESC, e.article_id, e.position LIMIT ? OFFSET ?"
        events = self._rows(sql, [*params, -1 if limit is None else limit, offset])
        return self._complete(events)

    def _filters(self, **given: Any) -> dict[str, Any]:
        """The event filters, with ``actor`` (a piece of a name) turned into ``named``: the
        resolved actors it matches as ``(?, ...)`` and their ids, so that a query planner
        sees how few they are (for very many, the match itself as a subquery)."""
        filters = dict(given)
        name = filters.pop("actor", None)
        if name is not None:
            needles = _needles(name)
            ids = [r["id"] for r in self._rows(f"SELECT m.id FROM {_ENTITY_MATCH} m", needles)]
            listed = f"({', '.join('?' * len(ids)) or 'NULL'})"
            filters["named"] = (listed, ids) if len(ids) <= _LISTED else (_ENTITY_MATCH, needles)
        return filters

    def _latest_day(self, filters: dict[str, Any], rank: int) -> str | None:
        """The day of the ``rank``-th latest event the filters choose; None when fewer than
        ``rank`` of them have a day (the undated come last)."""
        linked = self._linked(**filters)
        if linked is None:
            where, params = self._event_where(**filters)
            sql = f"SELECT c.day FROM event_clusters c{where}"
        else:
            sql, params = linked
        rows = self._rows(
            f"SELECT chosen.day FROM ({sql}) chosen WHERE chosen.day IS NOT NULL"
            " ORDER BY chosen.day DESC LIMIT 1 OFFSET ?",
            [*params, rank - 1],
        )
        return str(rows[0]["day"]) if rows else None

    @staticmethod
    def _event_where(**filters: Any) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause (or "") on ``event_clusters c`` for the event filters."""
        where: list[str] = []
        params: list[Any] = []
        for rows, link_params in _links(**filters):
            where.append(f"c.id IN (SELECT l.cluster_id {rows})")
            params += link_params
        for column, op, key in (
            ("c.type", "=", "type"),
            ("c.status", "=", "status"),
            ("c.day", ">=", "since"),
            ("c.day", "<=", "until"),
        ):
            if filters.get(key) is not None:
                where.append(f"{column} {op} ?")
                params.append(filters[key])
        return (" WHERE " + " AND ".join(where) if where else ""), params

    @staticmethod
    def _linked(**filters: Any) -> tuple[str, list[Any]] | None:
        """``SELECT cluster_id, day, type, status, sides, actors``, one row per event the filters
        choose, from the link rows alone; None when no actor or country filter is given."""
        links = _links(**filters)
        if not links:
            return None
        (rows, params), others = links[0], links[1:]
        for other, other_params in others:
            rows += f" AND l.cluster_id IN (SELECT l.cluster_id {other})"
            params = params + other_params
        # A country's or one actor's rows are one per event; a name may match several actors.
        one_each = filters.get("country") is not None or filters.get("actor_id") is not None
        distinct = "" if one_each else "DISTINCT "
        columns = "l.cluster_id, l.day, l.type, l.status, l.sides, l.actors"
        return f"SELECT {distinct}{columns} {rows}", params

    @staticmethod
    def _with_sides(**filters: Any) -> tuple[str, list[Any]]:
        """As ``_linked``; without an actor or country filter, every event that has a side
        (each has a row in ``event_actors``) as the other filters narrow them."""
        linked = Reads._linked(**filters)
        if linked is not None:
            return linked
        rest, params = _narrowed(
            **{k: filters.get(k) for k in ("type", "status", "since", "until")}
        )
        columns = "l.cluster_id, l.day, l.type, l.status, l.sides, l.actors"
        return f"SELECT DISTINCT {columns} FROM event_actors l WHERE 1 = 1{rest}", params

    def count_events(
        self,
        *,
        actor: str | None = None,
        actor_id: str | None = None,
        country: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        filters = self._filters(
            actor=actor,
            actor_id=actor_id,
            country=country,
            type=type,
            status=status,
            since=since,
            until=until,
        )
        linked = self._linked(**filters)
        if linked is not None:
            sql, params = linked
            rows = self._rows(f"SELECT count(*) AS n FROM ({sql}) chosen", params)
        else:
            where, params = self._event_where(**filters)
            rows = self._rows(f"SELECT count(*) AS n FROM event_clusters c{where}", params)
        return int(rows[0]["n"])

    def get_event(self, event_id: str) -> Row | None:
        events = self._complete(self._rows(_REPORT_SELECT + " WHERE e.id = ?", [event_id]))
        return events[0] if events else None

    def _complete(self, events: list[Row]) -> list[Row]:
        """Give each event row its codes, topics, participants, evidence and sources."""
        by_id: dict[str, Row] = {}
        for event in events:
            cameo = event.pop("cameo")
            codes = {k: event.pop(k) for k in ("goldstein", "plover_type", "plover_mode")}
            version = event.pop("codes_version")
            event["codes"] = (
                {"cameo": cameo, **codes, "table_version": version} if cameo is not None else None
            )
            event["topics"] = json.loads(event["topics"])
            event["participants"], event["evidence"], event["sources"] = [], [], []
            by_id[event["id"]] = event
        ids = list(by_id)
        for chunk, marks in _in_chunks(ids):
            for p in self._rows(
                "SELECT p.event_id, p.actor_id, em.entity_id, p.kind, p.name, p.country, p.org,"
                " p.role FROM event_participants p JOIN events x ON x.id = p.event_id"
                " LEFT JOIN entity_members em"
                "   ON em.article_id = x.article_id AND em.actor_id = p.actor_id"
                f" WHERE p.event_id IN ({marks}) ORDER BY p.event_id, p.position",
                chunk,
            ):
                by_id[p.pop("event_id")]["participants"].append(p)
            for ev in self._rows(
                f'SELECT event_id, text, start, "end" FROM evidence WHERE event_id IN ({marks})'
                " ORDER BY event_id, position",
                chunk,
            ):
                by_id[ev.pop("event_id")]["evidence"].append(ev)
        self._add_sources(events)
        return events

    def _add_sources(self, events: list[Row]) -> None:
        """Every report of each event's cluster: article, outlet and evidence sentences."""
        by_cluster = {e["cluster_id"]: e for e in events if e.get("cluster_id")}
        for chunk, marks in _in_chunks(list(by_cluster)):
            reports = self._rows(
                "SELECT cm.cluster_id, x.id AS event_id, x.article_id, a.title, a.url,"
                " a.source, a.published FROM cluster_members cm"
                " JOIN events x ON x.id = cm.event_id JOIN articles a ON a.id = x.article_id"
                f" WHERE cm.cluster_id IN ({marks})"
                " ORDER BY cm.cluster_id, a.published IS NULL, a.published, x.id",
                chunk,
            )
            sentences: dict[str, list[str]] = {}
            for ids, id_marks in _in_chunks([r["event_id"] for r in reports]):
                for ev in self._rows(
                    f"SELECT event_id, text FROM evidence WHERE event_id IN ({id_marks})"
                    " ORDER BY event_id, position",
                    ids,
                ):
                    sentences.setdefault(ev["event_id"], []).append(ev["text"])
            for r in reports:
                r["outlet"] = outlet(r["url"], r.pop("source"))
                r["evidence"] = sentences.get(r["event_id"], [])
                by_cluster[r.pop("cluster_id")]["sources"].append(r)

    def article_profiles(self) -> list[Row]:
        articles = {
            a["id"]: {**a, "actors": {}, "events": {}, "topics": set()}
            for a in self._rows("SELECT id, title, published, text FROM articles ORDER BY id")
        }
        for r in self._rows(
            "SELECT DISTINCT em.article_id, n.id, n.name FROM entity_members em"
            " JOIN entities n ON n.id = em.entity_id ORDER BY em.article_id, n.id"
        ):
            articles[r["article_id"]]["actors"][r["id"]] = r["name"]
        for r in self._rows(
            "SELECT e.article_id, e.topics, c.id, c.type, c.status, c.day"
            " FROM events e JOIN cluster_members cm ON cm.event_id = e.id"
            " JOIN event_clusters c ON c.id = cm.cluster_id ORDER BY e.article_id, c.id"
        ):
            article = articles[r["article_id"]]
            label = f"{r['type']} {r['status']} {r['day'] or 'undated'}"
            article["events"][r["id"]] = label
            article["topics"].update(json.loads(r["topics"]))
        for article in articles.values():
            article["topics"] = sorted(article["topics"])
        return list(articles.values())

    def event_counts(self, by: str) -> dict[str, int]:
        if by not in _COUNTABLE:
            raise ValueError(f"cannot count events by {by!r}; use one of {sorted(_COUNTABLE)}")
        rows = self._rows(
            f"SELECT {by} AS k, count(*) AS n FROM event_clusters GROUP BY k ORDER BY n DESC, k"
        )
        return {r["k"]: r["n"] for r in rows}

    def partner_counts(self) -> list[Row]:
        return self._rows(
            """WITH sides AS (
                 SELECT c.id AS cid, p.position,
                   coalesce(p.country, CASE WHEN p.kind = 'person' THEN n.country END)
                     AS country,
                   coalesce(p.country, CASE WHEN p.kind = 'person' THEN n.country END,
                            p.org, n.name, p.name) AS side
                 FROM event_clusters c JOIN events x ON x.id = c.lead_event
                 JOIN event_participants p ON p.event_id = x.id
                 LEFT JOIN entity_members em
                   ON em.article_id = x.article_id AND em.actor_id = p.actor_id
                 LEFT JOIN entities n ON n.id = em.entity_id)
               SELECT a.country AS country, b.side AS partner,
                 count(DISTINCT a.cid) AS events
               FROM sides a JOIN sides b ON b.cid = a.cid AND b.position <> a.position
               WHERE a.country IS NOT NULL AND b.side <> a.country
               GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"""
        )

    # -- actors ---------------------------------------------------------------------------

    def find_actors(
        self,
        *,
        name: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        country: str | None = None,
        office: str | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Row]:
        where, params = _actor_where(name, country, office, kinds)
        sql = _ENTITY_SELECT + where + " ORDER BY events DESC, n.folded, n.id LIMIT ? OFFSET ?"
        return self._describe(self._rows(sql, [*params, -1 if limit is None else limit, offset]))

    def count_actors(
        self,
        *,
        name: str | None = None,
        country: str | None = None,
        office: str | None = None,
        kinds: Sequence[str] | None = None,
    ) -> int:
        where, params = _actor_where(name, country, office, kinds)
        return int(self._rows(f"SELECT count(*) AS n FROM entities n{where}", params)[0]["n"])

    def _describe(self, actors: list[Row]) -> list[Row]:
        """Give each actor row its other names and its offices."""
        by_id = {a["id"]: a for a in actors}
        for a in actors:
            a["aliases"], a["offices"] = [], []
        for chunk, marks in _in_chunks(list(by_id)):
            for m in self._rows(
                "SELECT entity_id, min(name) AS name, folded FROM entity_names"
                f" WHERE entity_id IN ({marks})"
                " GROUP BY entity_id, folded ORDER BY entity_id, name",
                chunk,
            ):
                actor = by_id[m["entity_id"]]
                if m["folded"] != actor["folded"]:
                    actor["aliases"].append(m["name"])
            for o in self._rows(
                "SELECT entity_id, title, country, org, first_seen, last_seen, articles"
                f" FROM offices WHERE entity_id IN ({marks}) ORDER BY entity_id, position",
                chunk,
            ):
                by_id[o.pop("entity_id")]["offices"].append(o)
        for a in actors:
            del a["folded"]
        return actors

    def get_actor(self, actor_id: str) -> Row | None:
        rows = self._rows(
            _ENTITY_SELECT + " WHERE n.id = ? OR n.id IN"
            " (SELECT entity_id FROM entity_members WHERE actor_id = ?) ORDER BY n.id",
            [actor_id, actor_id],
        )
        if not rows:
            return None
        actor = self._describe(rows[:1])[0]
        mentions: dict[tuple[str, str], Row] = {}
        for m in self._rows(
            """SELECT em.article_id, a.title AS article_title, a.published AS article_published,
                 em.actor_id, m.name, m.title, m.country, m.org
               FROM entity_members em JOIN articles a ON a.id = em.article_id
               JOIN mentions m ON m.article_id = em.article_id AND m.actor_id = em.actor_id
               WHERE em.entity_id = ?
               ORDER BY a.published IS NULL, a.published, em.article_id, m.name""",
            [actor["id"]],
        ):
            unit = mentions.setdefault((m["article_id"], m["actor_id"]), {**m, "names": []})
            unit["names"].append(m["name"])
            for key in ("title", "country", "org"):
                unit[key] = unit[key] or m[key]
        actor["mentions"] = list(mentions.values())
        actor["links"] = [
            {"rule": r["rule"], "names": [r["name"], r["other"]], "evidence": json.loads(r["ev"])}
            for r in self._rows(
                "SELECT rule, name, other, evidence AS ev FROM entity_links"
                " WHERE entity_id = ? ORDER BY position",
                [actor["id"]],
            )
        ]
        return actor
