"""What schema v5 adds to the resolved layer: the link rows of events (store/links.py) and the
counted names of actors (store/names.py). Kept in step through saves, replacements and
resolves, filled by the migration from v4, and read to the same answers as the events' and
mentions' own rows give (the reference SQL here is how reads and views asked before)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import dump_tables, execute, query_rows
from diplograph.models import (
    Article,
    Event,
    Evidence,
    Extraction,
    Organization,
    Participant,
    Person,
    fold,
)
from diplograph.resolve.names import skeleton
from diplograph.store import Store, open_store, reads
from diplograph.store.links import MONTH_OF_DAY
from diplograph.store.search import fts_query

# -- the definitions, over the events' own rows ------------------------------------------------

# Every participant of every report of every resolved event c, with its resolved actor n.
_PARTIES = """FROM event_clusters c JOIN cluster_members cm ON cm.cluster_id = c.id
    JOIN events x ON x.id = cm.event_id JOIN event_participants p ON p.event_id = x.id
    LEFT JOIN entity_members em ON em.article_id = x.article_id AND em.actor_id = p.actor_id
    LEFT JOIN entities n ON n.id = em.entity_id"""
# A participant's country: the article's, else (for a person) the resolved actor's.
_COUNTRY = "coalesce(p.country, CASE WHEN p.kind = 'person' THEN n.country END)"
_ORG = """(SELECT o.id FROM entities o WHERE o.kind = 'organization'
    AND (o.acronym = p.org OR o.name = p.org) ORDER BY o.id LIMIT 1)"""
_NODES = {
    "actor": {
        "node": "coalesce(n.id, p.actor_id)",
        "kind": "coalesce(n.kind, p.kind)",
        "label": "coalesce(n.name, p.name)",
        "country": "coalesce(n.country, p.country)",
    },
    "country": {
        "node": f"coalesce({_COUNTRY}, {_ORG}, n.id, p.actor_id)",
        "kind": f"CASE WHEN {_COUNTRY} IS NOT NULL THEN 'country'"
        f" WHEN {_ORG} IS NOT NULL THEN 'organization' ELSE coalesce(n.kind, p.kind) END",
        "label": f"coalesce({_COUNTRY}, (SELECT o.name FROM entities o WHERE o.id = {_ORG}),"
        " p.org, n.name, p.name)",
        "country": _COUNTRY,
    },
}
_SIDES = """WITH chosen AS (SELECT c.id FROM event_clusters c WHERE c.id IN ({chosen})),
  sides AS (SELECT DISTINCT ch.id AS cid, {node} AS node, {kind} AS kind, {label} AS label,
      {country} AS country
    FROM chosen ch JOIN cluster_members cm ON cm.cluster_id = ch.id
    JOIN events x ON x.id = cm.event_id
    JOIN event_participants p ON p.event_id = x.id
    LEFT JOIN entity_members em ON em.article_id = x.article_id AND em.actor_id = p.actor_id
    LEFT JOIN entities n ON n.id = em.entity_id)"""


def _expected_links(target: str) -> dict[str, set[tuple[Any, ...]]]:
    """The link rows the definitions give, as (key, event, day, type, status, sides, actors)
    with the sides as sets."""
    rows = query_rows(
        target,
        f"SELECT DISTINCT c.id, c.day, c.type, c.status, em.entity_id, {_COUNTRY},"
        f" CASE WHEN {_COUNTRY} IS NULL THEN p.org END {_PARTIES}"
        " WHERE em.entity_id IS NOT NULL",
    )
    sides: dict[tuple[Any, ...], set[tuple[Any, ...]]] = {}
    for cid, day, type_, status, entity, country, org in rows:
        sides.setdefault((cid, day, type_, status), set()).add((entity, country, org))
    expected: dict[str, set[tuple[Any, ...]]] = {"event_countries": set(), "event_actors": set()}
    for event, of_event in sides.items():
        country_level = frozenset(c if c is not None else (e, o) for e, c, o in of_event)
        actor_level = frozenset((e, c) for e, c, _ in of_event)
        payload = (*event, country_level, actor_level)
        expected["event_countries"] |= {(c, *payload) for _, c, _ in of_event if c is not None}
        expected["event_actors"] |= {(e, *payload) for e, _, _ in of_event}
    return expected


def _stored_links(target: str) -> dict[str, set[tuple[Any, ...]]]:
    stored = {}
    for table in ("event_countries", "event_actors"):
        found = set()
        for row in query_rows(target, f"SELECT * FROM {table}"):
            sides = frozenset(s if isinstance(s, str) else tuple(s) for s in json.loads(row[5]))
            actors = frozenset(tuple(a) for a in json.loads(row[6]))
            found.add((*row[:5], sides, actors))
        stored[table] = found
    return stored


def _assert_linked(target: str) -> None:
    expected = _expected_links(target)
    assert expected["event_actors"], "the store should hold linked events"
    assert _stored_links(target) == expected
    names = query_rows(
        target,
        "SELECT em.entity_id, m.name, m.folded, count(*) FROM mentions m JOIN entity_members em"
        " ON em.article_id = m.article_id AND em.actor_id = m.actor_id GROUP BY 1, 2, 3",
    )
    assert set(
        query_rows(target, "SELECT entity_id, name, folded, units FROM entity_names")
    ) == set(names)
    if not target.startswith("postgresql://"):  # FTS5's own check of the names' index
        query_rows(
            target,
            "INSERT INTO entity_name_search (entity_name_search, rank)"
            " VALUES ('integrity-check', 1)",
        )
    month = MONTH_OF_DAY
    counted = set()
    for link, key, table in (
        ("all", "''", "event_clusters"),
        ("country", "country", "event_countries"),
        ("actor", "entity_id", "event_actors"),
    ):
        counted |= set(
            query_rows(
                target,
                f"SELECT '{link}', {key}, {month}, type, status, count(*) FROM {table}"
                " GROUP BY 2, 3, 4, 5",
            )
        )
    assert set(query_rows(target, "SELECT * FROM event_months WHERE events <> 0")) == counted


# -- kept up to date --------------------------------------------------------------------------


def test_store_links_follow_each_save_replacement_and_resolve(
    target: str, sample_extractions: list[Extraction]
) -> None:
    with open_store(target) as store:
        for extraction in sample_extractions:
            store.save(extraction)
            _assert_linked(target)
        assert store.save(sample_extractions[0]) is False  # the same article again
        _assert_linked(target)
        first = sample_extractions[1]
        store.save(dataclasses.replace(first, persons=first.persons[1:], events=()))
        _assert_linked(target)
        assert not store.find_events(actor="Matthews")
        assert store.count_events(country="ZAF") == 0
        store.save(first)
        _assert_linked(target)
        assert store.count_events(country="ZAF") == 1
        before = dump_tables(target)
        store.resolve()
    assert dump_tables(target) == before


def test_store_links_of_a_person_follow_her_resolved_country(target: str) -> None:
    """A person the article gives no country is linked to her resolved actor's country,
    and moved when a later article tells it."""

    def article(n: int, person: Person) -> Extraction:
        text = f"Timur Kassymov met Aruni Wijewardane ({n})."
        other = Person("Aruni Wijewardane", country="LKA")
        return Extraction(
            article=Article(source="x.txt", index=n, text=text, published=f"2024-0{3 + 2 * n}-01"),
            persons=(person, other),
            events=(
                Event(
                    "MEETING",
                    "occurred",
                    (
                        Participant("person", person.name),
                        Participant("person", other.name, country="LKA"),
                    ),
                    evidence=(Evidence(text, 0, len(text)),),
                ),
            ),
        )

    with open_store(target) as store:
        store.save(article(1, Person("Timur Kassymov", title="Foreign Minister")))
        assert store.count_events(country="KGZ") == 0
        store.save(article(2, Person("Timur Kassymov", title="Foreign Minister", country="KGZ")))
        _assert_linked(target)
        assert store.count_events(country="KGZ") == 2
        assert store.event_timeline(country="KGZ") == [
            {"month": "2024-05", "type": "MEETING", "status": "occurred", "events": 1},
            {"month": "2024-07", "type": "MEETING", "status": "occurred", "events": 1},
        ]


def test_store_v4_database_gets_its_links_and_names(
    target: str, sample_extractions: list[Extraction]
) -> None:
    with open_store(target) as store:
        for extraction in sample_extractions:
            store.save(extraction)
    before = dump_tables(target)
    older = [  # what diplograph before schema v5 left
        "DROP TABLE event_countries",
        "DROP TABLE event_actors",
        "DROP TABLE entity_names",
        *([] if target.startswith("postgresql://") else ["DROP TABLE entity_name_search"]),
        "DROP INDEX entity_members_articles",
        "DROP TABLE event_months",
        "UPDATE schema_version SET version = 4",
    ]
    execute(
        target,
        older,
        postgres=[
            "ALTER TABLE articles DROP COLUMN ranking",
            "ALTER TABLE articles DROP COLUMN stored",
        ],
    )
    assert "event_countries" not in dump_tables(target)
    with open_store(target) as store:
        assert store.count_events(country="KAZ") == 4
    assert dump_tables(target) == before


def test_store_v6_database_gets_its_monthly_counts(
    target: str, sample_extractions: list[Extraction]
) -> None:
    with open_store(target) as store:
        for extraction in sample_extractions:
            store.save(extraction)
        timeline = store.event_timeline(country="KAZ")
    before = dump_tables(target)
    older = ["DROP TABLE event_months", "UPDATE schema_version SET version = 6"]
    execute(target, older, postgres=["ALTER TABLE articles DROP COLUMN stored"])
    assert "event_months" not in dump_tables(target)
    with open_store(target) as store:
        assert store.event_timeline(country="KAZ") == timeline
        assert sum(r["events"] for r in timeline) == 4
    assert dump_tables(target) == before


def test_store_timeline_of_days_shorter_than_a_date(target: str) -> None:
    """An article that gives only a month (or year) dates its events so; a period compares
    such a day as text, in the timeline as in the event list."""

    def release(n: int, published: str) -> Extraction:
        text = f"Alibek Bakayev met Aruni Wijewardane ({n})."
        people = (
            Person("Alibek Bakayev", country="KAZ"),
            Person("Aruni Wijewardane", country="LKA"),
        )
        participants = tuple(Participant("person", p.name, country=p.country) for p in people)
        event = Event("MEETING", "occurred", participants, evidence=(Evidence(text, 0, len(text)),))
        article = Article(source="feed.jsonl", index=n, text=text, published=published)
        return Extraction(article, persons=people, events=(event,))

    with open_store(target) as store:
        for n, published in enumerate(("2024-05", "2024-05-10", "2024", "2024-06-01")):
            store.save(release(n, published))
        for filters in (
            {},
            {"country": "KAZ"},
            {"since": "2024-05-01"},
            {"until": "2024-05-20", "country": "LKA"},
            {"since": "2024-01-01", "until": "2024-12-31"},
        ):
            timeline = store.event_timeline(**filters)
            assert sum(r["events"] for r in timeline) == store.count_events(**filters), filters
        assert {(r["month"], r["events"]) for r in store.event_timeline()} == {
            ("2024", 1),
            ("2024-05", 2),
            ("2024-06", 1),
        }


# -- read to the same answers -----------------------------------------------------------------

_PEOPLE = (
    Person("Alibek Bakayev", title="Deputy Minister of Foreign Affairs", country="KAZ"),
    Person("Alibek Bakaev", title="Deputy Foreign Minister", country="KAZ"),
    Person("Aruni Wijewardane", title="Foreign Secretary", country="LKA"),
    Person("Fabrizia Lapecorella", title="Deputy Secretary General", org="OECD"),
    Person("Timur Kassymov", title="Foreign Minister"),
)
_ORGS = (
    Organization("Organisation for Economic Co-operation and Development", "OECD"),
    Organization("Shanghai Cooperation Organisation", "SCO", country="CHN"),
    Organization("OSCE"),
)
_STATES = {"KAZ": "Kazakhstan", "LKA": "Sri Lanka", "KGZ": "Kyrgyzstan"}
_state = st.none() | st.sampled_from(sorted(_STATES))
_day = st.sampled_from(["2024-04-09", "2024-04-11", "2024-05-02", "2024-05-30"])


@st.composite
def _participant(draw: st.DrawFn) -> Participant:
    kind = draw(st.sampled_from(["person", "organization", "country"]))
    if kind == "person":
        person = draw(st.sampled_from(_PEOPLE))
        country = draw(st.sampled_from([person.country, None]) | _state)
        org = draw(st.sampled_from([person.org, None, "OECD", "SCO", "Ministry"]))
        return Participant("person", person.name, country=country, org=org)
    if kind == "organization":
        found = draw(st.sampled_from(_ORGS))
        name = draw(st.sampled_from([found.name, found.acronym or found.name]))
        country = draw(st.sampled_from([found.country, None]) | _state)
        return Participant("organization", name, country=country, acronym=found.acronym)
    code = draw(st.sampled_from(sorted(_STATES)))
    return Participant("country", _STATES[code], country=code)


@st.composite
def _corpus(draw: st.DrawFn) -> list[Extraction]:
    extractions = []
    for n in range(draw(st.integers(1, 6))):
        events = tuple(
            Event(
                draw(st.sampled_from(["MEETING", "CALL", "VISIT"])),
                draw(st.sampled_from(["occurred", "planned"])),
                tuple(draw(st.lists(_participant(), min_size=1, max_size=3))),
                date=draw(st.none() | _day),
                evidence=(Evidence("They met.", 0, 9),),
            )
            for _ in range(draw(st.integers(1, 3)))
        )
        article = Article(
            source="feed.jsonl",
            index=n,
            text=f"Release {n}.",
            published=draw(st.none() | _day),
            url=f"https://{draw(st.sampled_from(['a', 'b']))}.example/{n}",
        )
        extractions.append(
            Extraction(
                article=article,
                persons=tuple(draw(st.lists(st.sampled_from(_PEOPLE), unique=True))),
                organizations=tuple(draw(st.lists(st.sampled_from(_ORGS), unique=True))),
                countries=tuple(draw(st.lists(st.sampled_from(sorted(_STATES)), unique=True))),
                events=events,
            )
        )
    return extractions


# Resolved actors one of whose names, or of the names articles give their members, holds
# the folded (or skeleton) needle.
_MATCH = """SELECT id FROM entities WHERE instr(search, ?) > 0 OR instr(search, ?) > 0
    UNION SELECT em.entity_id FROM mentions m JOIN entity_members em
      ON em.article_id = m.article_id AND em.actor_id = m.actor_id WHERE instr(m.folded, ?) > 0"""


def _needles(name: str) -> list[str]:
    return [fold(name), skeleton(name) or fold(name), fold(name)]


def _chosen(store: Store, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """The events ``filters`` choose, by the definitions: a SELECT of their ids."""
    where, params = ["1 = 1"], []
    if "country" in filters:
        where.append(f"c.id IN (SELECT c.id {_PARTIES} WHERE {_COUNTRY} = ?)")
        params.append(filters["country"])
    if "actor" in filters:
        where.append(f"c.id IN (SELECT c.id {_PARTIES} WHERE em.entity_id IN ({_MATCH}))")
        params += _needles(filters["actor"])
    for key, test in (
        ("type", "c.type = ?"),
        ("status", "c.status = ?"),
        ("since", "c.day >= ?"),
        ("until", "c.day <= ?"),
    ):
        if key in filters:
            where.append(test)
            params.append(filters[key])
    return f"SELECT c.id FROM event_clusters c WHERE {' AND '.join(where)}", params


def _graph(target: str, level: str, chosen: str, params: list[Any]) -> dict[str, Any]:
    sides = _SIDES.format(chosen=chosen, **_NODES[level])
    nodes = [
        dict(zip(("id", "label", "kind", "country", "events"), r, strict=True))
        for r in query_rows(
            target,
            sides + " SELECT node, min(label) AS label, min(kind), min(country),"
            " count(DISTINCT cid) AS events FROM sides GROUP BY node"
            " ORDER BY events DESC, label, node",
            params,
        )
    ]
    edges = [
        dict(zip(("source", "target", "weight"), r, strict=True))
        for r in query_rows(
            target,
            sides + " SELECT a.node, b.node, count(DISTINCT a.cid) AS weight"
            " FROM sides a JOIN sides b ON b.cid = a.cid AND b.node > a.node"
            " GROUP BY a.node, b.node ORDER BY weight DESC, a.node, b.node",
            params,
        )
    ]
    return {"nodes": nodes, "edges": edges}


_FILTERS: tuple[dict[str, Any], ...] = (
    {},
    {"country": "KAZ"},
    {"country": "LKA", "type": "MEETING"},
    {"country": "KGZ", "since": "2024-04-11", "until": "2024-05-02"},
    {"actor": "Bakaev"},
    {"actor": "OECD", "since": "2024-05-01"},
    {"actor": "Kassymov", "country": "KGZ"},
    {"actor": "Sri Lanka", "country": "KAZ", "until": "2024-04-30"},
    # Periods of whole months and cut ones, as the monthly counts take them (views.py).
    {"since": "2024-04-01", "until": "2024-04-30"},
    {"since": "2024-04-15"},
    {"until": "2024-05-31", "status": "occurred"},
    {"country": "KAZ", "since": "2024-04-02", "until": "2024-05-31"},
    {"country": "KAZ", "since": "2024-05-01", "until": "2024-05-20"},
    {"actor": "Bakaev", "until": "2024-05-10"},
    {"since": "2024-05-20", "until": "2024-04-10"},
)


# How search ranks articles (SQLite's FTS5 tables): every match scored.
_SEARCH_ARTICLES = """SELECT a.id FROM article_search s JOIN articles a ON a.id = s.article_id
    WHERE article_search MATCH ? ORDER BY bm25(article_search, 0.0, 4.0, 1.0), a.id LIMIT ?"""


def _search_actors(target: str, query: str) -> list[str]:
    """How search ranks actors: each name the members' mentions give each resolved actor
    once, in an FTS5 table of their own; an actor by its best-ranked name, then by how many
    mentions give its matched names."""
    names = query_rows(
        target,
        "SELECT em.entity_id, m.name, count(*) FROM mentions m JOIN entity_members em"
        " ON em.article_id = m.article_id AND em.actor_id = m.actor_id GROUP BY 1, 2",
    )
    with sqlite3.connect(":memory:") as ref:
        ref.execute(
            "CREATE VIRTUAL TABLE names USING fts5(entity_id UNINDEXED, units UNINDEXED, name,"
            " tokenize = 'unicode61 remove_diacritics 2')"
        )
        ref.executemany("INSERT INTO names VALUES (?, ?, ?)", [(e, u, n) for e, n, u in names])
        return [
            r[0]
            for r in ref.execute(
                "SELECT entity_id FROM names WHERE names MATCH ? GROUP BY entity_id"
                " ORDER BY min(rank), sum(units) DESC, entity_id LIMIT 20",
                [query],
            )
        ]


def _compare(target: str, store: Store) -> None:
    for words in ("Bakayev", "alibek", "Kassymov minister", "OECD", "Sri Lanka", "Release"):
        found = store.search(words)
        query = fts_query(words)
        for limit in (1, 2, 20):  # equal scores (every "Release n.") go by article id
            assert [a["id"] for a in store.search(words, limit=limit)["articles"]] == [
                r[0] for r in query_rows(target, _SEARCH_ARTICLES, [query, limit])
            ], (words, limit)
        assert [a["id"] for a in found["actors"]] == [*_search_actors(target, query)], words
    for piece in ("Bakaev", "oecd", "Sri", "kassymov", "LANKA", "co-operation", "Kyrgyz"):
        found = sorted(a["id"] for a in store.find_actors(name=piece))
        assert found == sorted(r[0] for r in query_rows(target, _MATCH, _needles(piece))), piece
    for actor in store.find_actors():
        aliases = query_rows(
            target,
            "SELECT min(m.name) AS name FROM mentions m JOIN entity_members em"
            " ON em.article_id = m.article_id AND em.actor_id = m.actor_id"
            " JOIN entities n ON n.id = em.entity_id"
            " WHERE n.id = ? AND m.folded <> n.folded GROUP BY m.folded ORDER BY name",
            [actor["id"]],
        )
        assert actor["aliases"] == [r[0] for r in aliases]
    for filters in _FILTERS:
        chosen, params = _chosen(store, filters)
        ordered = [
            r[0]
            for r in query_rows(
                target,
                "SELECT c.id FROM event_clusters c JOIN events e ON e.id = c.lead_event"
                f" WHERE c.id IN ({chosen})"
                " ORDER BY c.day IS NULL, c.day DESC, e.article_id, e.position",
                params,
            )
        ]
        everything = store.find_events(**filters)
        assert [e["cluster_id"] for e in everything] == ordered, filters
        for limit, offset in ((1, 0), (2, 1), (3, 2)):
            page = store.find_events(**filters, limit=limit, offset=offset)
            assert page == everything[offset : offset + limit], (filters, limit, offset)
        assert store.count_events(**filters) == len(ordered), filters
        timeline = query_rows(
            target,
            "SELECT substr(c.day, 1, 7) AS month, c.type, c.status, count(*) FROM event_clusters c"
            f" WHERE c.id IN ({chosen}) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            params,
        )
        assert [tuple(r.values()) for r in store.event_timeline(**filters)] == timeline, filters
        for level in ("actor", "country"):
            assert store.event_graph(level, **filters) == _graph(target, level, chosen, params)
    for actor in store.find_actors():
        partners = query_rows(
            target,
            f"""SELECT n2.id, count(DISTINCT c.id) {_PARTIES}
                JOIN cluster_members cm2 ON cm2.cluster_id = c.id
                JOIN events x2 ON x2.id = cm2.event_id
                JOIN event_participants p2 ON p2.event_id = x2.id
                JOIN entity_members em2
                  ON em2.article_id = x2.article_id AND em2.actor_id = p2.actor_id
                JOIN entities n2 ON n2.id = em2.entity_id
                WHERE em.entity_id = ? AND n2.id <> ? GROUP BY n2.id""",
            [actor["id"], actor["id"]],
        )
        found = store.actor_partners(actor["id"])
        assert sorted((p["id"], p["events"]) for p in found) == sorted(partners)
        assert actor["events"] == store.count_events(actor_id=actor["id"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpus())
def test_store_links_read_as_the_events_own_rows(corpus: list[Extraction]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        target = str(Path(scratch) / "links.db")
        with open_store(target) as store:
            for extraction in corpus:
                store.save(extraction)
            _assert_linked(target)
            _compare(target, store)
            # Replacing the first article (a newer extraction of it) moves its links too.
            first = corpus[0]
            store.save(dataclasses.replace(first, events=first.events[1:]))
            if store.counts()["event_clusters"]:
                _assert_linked(target)
            _compare(target, store)


def test_store_links_graph_draws_an_organisation_without_country(
    make_target: Callable[[], str],
) -> None:
    """A person of no country serving an organisation is drawn as that organisation."""
    text = "Fabrizia Lapecorella met Alibek Bakayev."
    extraction = Extraction(
        article=Article(source="x.txt", index=1, text=text, published="2024-04-12"),
        persons=(_PEOPLE[3], _PEOPLE[0]),
        organizations=(_ORGS[0],),
        events=(
            Event(
                "MEETING",
                "occurred",
                (
                    Participant("person", "Fabrizia Lapecorella", org="OECD"),
                    Participant("person", "Alibek Bakayev", country="KAZ"),
                ),
                evidence=(Evidence(text, 0, len(text)),),
            ),
        ),
    )
    target = make_target()
    with open_store(target) as store:
        store.save(extraction)
        graph = store.event_graph("country", country="KAZ")
        (oecd,) = store.find_actors(name="OECD")
        chosen, params = _chosen(store, {"country": "KAZ"})
    assert [(n["id"], n["kind"], n["label"]) for n in graph["nodes"]] == [
        ("KAZ", "country", "KAZ"),
        (oecd["id"], "organization", oecd["name"]),
    ]
    assert graph["edges"] == [{"source": "KAZ", "target": oecd["id"], "weight": 1}]
    assert graph == _graph(target, "country", chosen, params)


def test_store_links_a_name_matching_very_many_actors_chooses_the_same_events(
    target: str, sample_extractions: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``_LISTED`` matching actors, a name is matched in SQL rather than listed."""
    with open_store(target) as store:
        for extraction in sample_extractions:
            store.save(extraction)
        asked = [{"actor": "a"}, {"actor": "bakaev", "country": "KAZ"}, {"actor": "oecd"}]
        listed = [_answers(store, filters) for filters in asked]
        monkeypatch.setattr(reads, "_LISTED", 0)
        assert [_answers(store, filters) for filters in asked] == listed
    assert listed[0][1] == 5  # "a" is in a name of every event's side


def _answers(store: Store, filters: dict[str, Any]) -> tuple[Any, ...]:
    return (
        store.find_events(**filters, limit=2),
        store.count_events(**filters),
        store.event_timeline(**filters),
        store.event_graph("country", **filters),
    )
