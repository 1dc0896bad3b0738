"""The read side: filters checked once for every front end, events, actors, the summary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
        EventFilter(**bad)  # type: ignore[arg-type]


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
