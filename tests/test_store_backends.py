"""SQLite and PostgreSQL give the same answers: same ids, rows, counts, graph, search."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import PostgresServer
from diplograph import query
from diplograph.models import Extraction
from diplograph.store import Store, open_store


def _answers(store: Store) -> dict[str, Any]:
    """What the store answers to every read the CLI, API and pages make."""
    events = store.find_events()
    actors = store.find_actors()
    return {
        "counts": {t: n for t, n in store.counts().items()},
        "events": events,
        "count_events": store.count_events(),
        "kaz": store.find_events(country="KAZ"),
        "bakaev": store.find_events(actor="Bakaev"),
        "since": store.find_events(since="2024-04-11", limit=2, offset=1),
        "actors": actors,
        "count_actors": store.count_actors(country="KAZ"),
        "actors_by_office": store.find_actors(office="MINISTER", kinds=("person",), limit=3),
        "count_by_office": store.count_actors(office="minister", kinds=("person", "organization")),
        "actors_named": store.actors_named(["OECD", "Aruni Wijewardane", "Nobody", "LKA"]),
        "count_articles": store.count_articles(),
        "country_counts": store.country_counts(),
        "event_days": store.event_days(),
        "countries": query.list_countries(store),
        "country_partners": query.country_partners(store, "KAZ"),
        "overview": query.overview(store, today=date(2024, 4, 10)),
        "actor_details": [store.get_actor(a["id"]) for a in actors],
        "event_details": [store.get_event(e["id"]) for e in events],
        "articles": store.list_articles(),
        "article_details": [store.get_article(a["id"]) for a in store.list_articles()],
        "profiles": store.article_profiles(),
        "by_type": store.event_counts("type"),
        "by_status": store.event_counts("status"),
        "partners": store.partner_counts(),
        "actor_partners": [store.actor_partners(a["id"]) for a in actors],
        "evidence": [store.event_evidence(e["cluster_id"]) for e in events],
        "actor_graph": store.event_graph("actor"),
        "country_graph": query.event_graph(store, level="country"),
        "timeline": store.event_timeline(),
        "meetings_timeline": store.event_timeline(type="MEETING"),
        # Ranking differs (bm25 against ts_rank): the same hits, in either order.
        "search": {
            words: (
                sorted(a["id"] for a in found["articles"]),
                sorted(a["id"] for a in found["actors"]),
            )
            for words in ("Sri Lanka", "zurich", "Bakae", "astana", "OECD", "co-operation")
            for found in [store.search(words)]
        },
        "resolve": store.resolve(),
    }


def test_store_backends_give_the_same_answers(
    tmp_db: str, postgres_server: PostgresServer, sample_extractions: list[Extraction]
) -> None:
    answers = []
    for target in (tmp_db, postgres_server.new_database()):
        with open_store(target) as store:
            for extraction in sample_extractions:
                store.save(extraction)
            answers.append(_answers(store))
    sqlite, postgres = answers
    assert sqlite["counts"]["events"] == 5
    for key in sqlite:
        assert postgres[key] == sqlite[key], key


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_store_backends_resolve_alike_in_any_ingest_order(
    tmp_db: str, postgres_server: PostgresServer, sample_extractions: list[Extraction], order: str
) -> None:
    extractions = sample_extractions if order == "forward" else sample_extractions[::-1]
    found = []
    for target in (tmp_db, postgres_server.new_database()):
        with open_store(target) as store:
            for extraction in extractions:
                store.save(extraction)
            found.append((store.find_events(), store.find_actors(), store.counts()))
    assert found[0] == found[1]
