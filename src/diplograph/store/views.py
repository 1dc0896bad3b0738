"""Reads for the web: one article with what was read from it, an event's every report, an
actor's partners, and the event network and monthly counts, aggregated in SQL.

Every method that takes the event filters (``actor``, ``actor_id``, ``country``, ``type``,
``status``, ``since``, ``until``) reads the same events as ``find_events`` with them.
"""

from __future__ import annotations

from typing import Any

from diplograph.store.base import Row
from diplograph.store.reads import Reads

GRAPH_LEVELS = ("actor", "country")
# One row per (event, side): the resolved events chosen by the filters, every report's
# participants, each with its resolved actor n. ``{node}`` names the side (see _NODES).
_SIDES = """WITH chosen AS (SELECT c.id FROM event_clusters c{where}),
  sides AS (SELECT DISTINCT ch.id AS cid, {node} AS node, {kind} AS kind, {label} AS label,
      {country} AS country
    FROM chosen ch JOIN cluster_members cm ON cm.cluster_id = ch.id
    JOIN events x ON x.id = cm.event_id
    JOIN event_participants p ON p.event_id = x.id
    LEFT JOIN entity_members em ON em.article_id = x.article_id AND em.actor_id = p.actor_id
    LEFT JOIN entities n ON n.id = em.entity_id)"""
# A participant's country: the article's, else (for a person) the resolved actor's.
_COUNTRY = "coalesce(p.country, CASE WHEN p.kind = 'person' THEN n.country END)"
# The organisation a side without a country stands for, as a resolved actor when one is known.
_ORG = """(SELECT o.id FROM entities o WHERE o.kind = 'organization'
    AND (o.acronym = p.org OR o.name = p.org) ORDER BY o.id LIMIT 1)"""
_NODES = {
    "actor": {
        "node": "coalesce(n.id, p.actor_id)",
        "kind": "coalesce(n.kind, p.kind)",
        "label": "coalesce(n.name, p.name)",
        "country": "coalesce(n.country, p.country)",
    },
    # A country by its ISO3 code; a side with none, by its organisation, else by the actor.
    "country": {
        "node": f"coalesce({_COUNTRY}, {_ORG}, n.id, p.actor_id)",
        "kind": f"CASE WHEN {_COUNTRY} IS NOT NULL THEN 'country'"
        f" WHEN {_ORG} IS NOT NULL THEN 'organization' ELSE coalesce(n.kind, p.kind) END",
        "label": f"coalesce({_COUNTRY}, (SELECT o.name FROM entities o WHERE o.id = {_ORG}),"
        " p.org, n.name, p.name)",
        "country": _COUNTRY,
    },
}


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
            """WITH mine AS (
                 SELECT DISTINCT cm.cluster_id AS cid FROM entity_members em
                 JOIN events x ON x.article_id = em.article_id
                 JOIN event_participants p ON p.event_id = x.id AND +p.actor_id = em.actor_id
                 JOIN cluster_members cm ON cm.event_id = x.id
                 WHERE em.entity_id = ?)
               SELECT n.id, n.name, n.kind, n.country, count(DISTINCT mine.cid) AS events
               FROM mine JOIN cluster_members cm ON cm.cluster_id = mine.cid
               JOIN events x ON x.id = cm.event_id
               JOIN event_participants p ON p.event_id = x.id
               JOIN entity_members em ON em.article_id = x.article_id AND em.actor_id = p.actor_id
               JOIN entities n ON n.id = em.entity_id
               WHERE n.id <> ?
               GROUP BY n.id ORDER BY events DESC, n.folded, n.id LIMIT ?""",
            [actor_id, actor_id, -1 if limit is None else limit],
        )

    def event_graph(self, level: str, *, limit: int | None = None, **filters: Any) -> Row:
        """Who takes part in events with whom: ``nodes`` (``id``, ``label``, ``kind``,
        ``country``, ``events``; the ``limit`` busiest) and ``edges`` (``source``, ``target``,
        ``weight``: events in common). ``level`` ``actor`` makes a node of each resolved
        actor; ``country`` of each country (ISO3), an organisation or a stateless actor."""
        if level not in GRAPH_LEVELS:
            raise ValueError(f"unknown graph level {level!r}; use one of {GRAPH_LEVELS}")
        where, params = self._event_where(**filters)
        sides = _SIDES.format(where=where, **_NODES[level])
        nodes = self._rows(
            sides
            + """ SELECT node AS id, min(label) AS label, min(kind) AS kind,
                 min(country) AS country, count(DISTINCT cid) AS events
               FROM sides GROUP BY node ORDER BY events DESC, label, node LIMIT ?""",
            [*params, -1 if limit is None else limit],
        )
        kept = {n["id"] for n in nodes}
        edges = [
            e
            for e in self._rows(
                sides
                + """ SELECT a.node AS source, b.node AS target,
                     count(DISTINCT a.cid) AS weight
                   FROM sides a JOIN sides b ON b.cid = a.cid AND b.node > a.node
                   GROUP BY a.node, b.node ORDER BY weight DESC, source, target""",
                params,
            )
            if e["source"] in kept and e["target"] in kept
        ]
        return {"nodes": nodes, "edges": edges}

    def event_timeline(self, **filters: Any) -> list[Row]:
        """Events per month and type: ``month`` (``YYYY-MM``, None when undated), ``type``,
        ``events``; months in order."""
        where, params = self._event_where(**filters)
        return self._rows(
            f"""SELECT substr(c.day, 1, 7) AS month, c.type, count(*) AS events
                FROM event_clusters c{where} GROUP BY 1, 2 ORDER BY 1, 2""",
            params,
        )
