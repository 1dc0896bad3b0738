"""The read side: filters checked once for every front end, events, actors, the summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from diplograph import query
from diplograph.errors import UsageError
from diplograph.models import Extraction
from diplograph.query import (
    EventFilter,
    find_actors,
    find_events,
    get_event,
    list_articles,
    parse_date,
    summarize,
)
from diplograph.store import Store, open_store


@pytest.fixture
def store(tmp_db: str, sample_extractions: list[Extraction]) -> Iterator[Store]:
    with open_store(tmp_db) as opened:
        for extraction in sample_extractions:
            opened.save(extraction)
        yield opened


def test_query_filter_normalises_values() -> None:
    filt = EventFilter(
        actor="  Bakaev ", country="lka", type="meeting", status="Occurred", since="2024"
    )
    assert (filt.actor, filt.country, filt.type, filt.status) == (
        "Bakaev",
        "LKA",
        "MEETING",
        "occurred",
    )
    assert filt.since == "2024-01-01"
    assert EventFilter(until="2024-02").until == "2024-02-29"
    assert EventFilter(until="2023").until == "2023-12-31"
    assert EventFilter(since="2024-04-10").since == "2024-04-10"


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "FOO"},
        {"status": "rumoured"},
        {"country": "KZ"},
        {"country": "ZZZ"},
        {"country": "Kazakhstan"},
        {"since": "notadate"},
        {"since": "2024-13"},
        {"until": "2024-02-30"},
        {"since": "2024-05-01", "until": "2024-04-01"},
        {"actor": " - "},
        {"limit": 0},
        {"offset": -1},
    ],
)
def test_query_filter_refuses_bad_values(bad: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        EventFilter(**bad)


def test_query_filter_accepts_kosovo() -> None:
    assert EventFilter(country="xkx").country == "XKX"


def test_query_parse_date_message_names_the_value() -> None:
    with pytest.raises(UsageError, match=r"'10\.04\.2024' is not a date"):
        parse_date("10.04.2024")


def test_query_find_events_by_alias_finds_both_meetings(store: Store) -> None:
    found = find_events(store, EventFilter(actor="Bakaev", type="MEETING"))
    assert [e["article_title"][:28] for e in found] == [
        "Kazakhstan and Sri Lanka Int",
        "Strengthening Cooperation be",
    ]
    assert {"id", "date", "type", "status", "place", "participants", "evidence"} <= set(found[0])
    assert found[0]["evidence"][0]["text"].startswith("consultations were held")


def test_query_find_events_without_filter_lists_all(store: Store) -> None:
    assert len(find_events(store)) == 5
    assert find_events(store, EventFilter(limit=1)) == find_events(store)[:1]


def test_query_get_event(store: Store) -> None:
    (event,) = find_events(store, EventFilter(type="MULTILATERAL"))
    detail = get_event(store, event["id"])
    assert detail is not None
    assert detail["codes"]["cameo"] == "040"
    assert detail["participants"][0]["name"] == "OECD"


def test_query_find_actors(store: Store) -> None:
    assert [a["name"] for a in find_actors(store, "wijewardane")] == ["Aruni Wijewardane"]
    everyone = find_actors(store)
    assert everyone[0]["name"] == "Alibek Bakayev"  # the only actor in two events
    assert len(everyone) == 9
    with pytest.raises(UsageError):
        find_actors(store, "  ")


def test_query_list_articles(store: Store) -> None:
    rows = list_articles(store, limit=2)
    assert [r["published"] for r in rows] == ["2024-04-12T10:17", "2024-04-11T17:17"]
    assert {"id", "source", "index", "title", "url", "events"} <= set(rows[0])


def test_query_summarize(store: Store) -> None:
    found = summarize(store)
    assert (found["articles"], found["actors"], found["events"]) == (3, 9, 5)
    assert found["events_by_type"] == {"MEETING": 3, "MISSION": 1, "MULTILATERAL": 1}
    assert found["events_by_status"] == {"occurred": 3, "intended": 2}
    kaz = found["top_partners"]["KAZ"]
    assert kaz[0] == {"partner": "LKA", "events": 2}
    assert {p["partner"] for p in kaz} == {"LKA", "ZAF", "OECD"}
    assert next(iter(found["top_partners"])) == "KAZ"


def test_query_summarize_limits_partners(store: Store) -> None:
    found = summarize(store, countries=1, partners=1)
    assert found["top_partners"] == {"KAZ": [{"partner": "LKA", "events": 2}]}


def test_query_summarize_empty_store(tmp_db: str) -> None:
    with open_store(tmp_db) as empty:
        found = summarize(empty)
    assert (found["articles"], found["events"], found["top_partners"]) == (0, 0, {})


def test_query_find_actors_by_office_and_kind(store: Store) -> None:
    found = find_actors(store, office="MINISTER")
    assert [a["name"] for a in found] == ["Alibek Bakayev"]
    assert query.count_actors(store, office="secretary") == 2
    organisations = find_actors(store, kinds=["Organization"])
    assert [a["kind"] for a in organisations] == ["organization"]
    people = find_actors(store, kinds=["person", "organization"])
    assert len(people) == 6 and "country" not in {a["kind"] for a in people}
    assert find_actors(store, "bakaev", office="deputy", kinds=["person"], country="kaz")
    assert not find_actors(store, "bakaev", kinds=["organization"])
    for bad in ({"office": "  "}, {"kinds": ["planet"]}, {"country": "ZZZ"}):
        with pytest.raises(UsageError):
            find_actors(store, **bad)
        with pytest.raises(UsageError):
            query.count_actors(store, **bad)


def test_query_countries_and_their_partners(store: Store) -> None:
    assert query.list_countries(store) == [
        {"iso3": "KAZ", "name": "Kazakhstan", "events": 4, "partners": 3},
        {"iso3": "LKA", "name": "Sri Lanka", "events": 2, "partners": 1},
        {"iso3": "ZAF", "name": "South Africa", "events": 1, "partners": 1},
    ]
    partners = query.country_partners(store, "kaz")
    assert [(p["partner"], p["events"], p["code"]) for p in partners] == [
        ("LKA", 2, "LKA"),
        ("OECD", 1, None),
        ("ZAF", 1, "ZAF"),
    ]
    oecd = partners[1]["actor"]
    assert oecd["kind"] == "organization" and oecd["name"].startswith("Organisation for Economic")
    assert store.get_actor(oecd["id"]) is not None
    assert query.country_code("OECD") is None and query.country_code("CIS") is None
    assert query.country_code("LKA") == "LKA" and query.country_code(None) is None


def test_query_article_index_and_count(store: Store) -> None:
    rows = query.article_index(store, limit=2, offset=1)
    assert [r["published"] for r in rows] == ["2024-04-11T17:17", "2024-04-10T20:30"]
    assert set(rows[0]) == {"id", "title", "published", "url", "outlet", "events"}
    assert {r["outlet"] for r in rows} == {"kt.txt"}  # no URL: the file it was read from
    assert query.count_articles(store) == 3 == len(query.article_index(store))


def test_query_overview(store: Store) -> None:
    found = query.overview(store, today=date(2024, 4, 10), top=2)
    assert (found["articles"], found["actors"], found["events"]) == (3, 9, 5)
    assert (found["first"], found["last"]) == ("2024-04-09", "2024-06-13")
    assert [c["iso3"] for c in found["countries"]] == ["KAZ", "LKA"]
    assert [a["name"] for a in found["actors_top"]] == ["Alibek Bakayev", "Aruni Wijewardane"]
    assert [(e["day"], e["status"]) for e in found["latest"]] == [("2024-04-09", "occurred")]
    assert [(e["day"], e["type"]) for e in found["upcoming"]] == [
        ("2024-04-11", "MISSION"),
        ("2024-06-13", "MULTILATERAL"),
    ]
    later = query.overview(store, today=date(2024, 5, 1))
    assert [e["day"] for e in later["upcoming"]] == ["2024-06-13"]
    assert query.upcoming_events(store, after=date(2024, 4, 10), limit=1) == found["upcoming"][:1]
    assert query.overview(store, today=date(2030, 1, 1))["upcoming"] == []


def test_query_overview_of_an_empty_store(tmp_db: str) -> None:
    with open_store(tmp_db) as empty:
        found = query.overview(empty)
    assert (found["articles"], found["actors"], found["events"]) == (0, 0, 0)
    assert found["first"] is None and found["last"] is None
    assert found["countries"] == found["actors_top"] == found["latest"] == found["upcoming"] == []


def test_query_parse_kind() -> None:
    assert query.parse_kind(" Person ") == "person"
    with pytest.raises(UsageError, match="unknown actor kind"):
        query.parse_kind("persons")
