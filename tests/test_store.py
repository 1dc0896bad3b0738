"""The store, on SQLite and PostgreSQL (``target``): round trips, idempotent saves,
all-or-nothing articles, schema, filters."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import dump_tables
from diplograph.errors import SchemaError, StoreError
from diplograph.models import (
    EVENT_TYPES,
    STATUSES,
    Article,
    Event,
    Evidence,
    Extraction,
    Participant,
    Person,
)
from diplograph.store import SCHEMA_VERSION, SQLiteStore, Store, open_store, sqlite_path

DATA_TABLES = ("articles", "actors", "mentions", "events", "event_participants", "evidence")


def _dump(path: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare a database before and after."""
    return dump_tables(path)


def _saved(path: str, extractions: list[Extraction]) -> Store:
    store = open_store(path)
    for extraction in extractions:
        store.save(extraction)
    return store


def test_store_round_trip(target: str, sample_extraction: Extraction) -> None:
    with open_store(target) as store:
        assert store.save(sample_extraction) is True
        found = store.find_events()
    assert [(e["type"], e["status"]) for e in found] == [
        ("MEETING", "occurred"),
        ("MISSION", "intended"),
    ]
    meeting, mission = found
    art = sample_extraction.article
    assert meeting["article_id"] == art.id
    assert meeting["article_title"] == art.title
    assert meeting["day"] == "2024-04-11"  # no event date: the article's publication day
    assert meeting["date"] is None
    assert [(p["name"], p["country"], p["role"]) for p in meeting["participants"]] == [
        ("Alibek Bakayev", "KAZ", "party"),
        ("Aruni Wijewardane", "LKA", "party"),
    ]
    assert meeting["evidence"] == [e.to_dict() for e in sample_extraction.events[0].evidence]
    assert meeting["codes"] == sample_extraction.events[0].codes.to_dict()  # type: ignore[union-attr]
    assert meeting["topics"] == ["cooperation"]
    assert mission["place"] == "Astana"
    assert [p["role"] for p in mission["participants"]] == ["actor", "target"]


def test_store_get_event_returns_detail_or_none(target: str, sample_extraction: Extraction) -> None:
    with _saved(target, [sample_extraction]) as store:
        first = store.find_events()[0]
        assert store.get_event(first["id"]) == first
        assert store.get_event("evt_nope") is None


def test_store_save_is_true_only_for_a_new_article(
    target: str, sample_extractions: list[Extraction]
) -> None:
    with open_store(target) as store:
        assert [store.save(x) for x in sample_extractions] == [True, True, True]
        assert [store.save(x) for x in sample_extractions] == [False, False, False]


def test_store_resaving_changes_no_row(target: str, sample_extractions: list[Extraction]) -> None:
    _saved(target, sample_extractions).close()
    before = dump_tables(target)
    with open_store(target) as store:
        counts = store.counts()
        for extraction in sample_extractions:
            store.save(extraction)
        assert store.counts() == counts
    assert dump_tables(target) == before


def test_store_same_article_read_from_another_file_changes_no_row(
    target: str, sample_extraction: Extraction
) -> None:
    moved = dataclasses.replace(
        sample_extraction,
        article=dataclasses.replace(sample_extraction.article, source="elsewhere.jsonl", index=9),
    )
    assert moved.article.id == sample_extraction.article.id
    _saved(target, [sample_extraction]).close()
    before = dump_tables(target)
    with open_store(target) as store:
        assert store.save(moved) is False
    assert dump_tables(target) == before


def test_store_new_extraction_of_a_stored_article_replaces_its_rows(
    target: str, sample_extraction: Extraction
) -> None:
    fewer = dataclasses.replace(
        sample_extraction,
        persons=sample_extraction.persons[:1],
        events=(dataclasses.replace(sample_extraction.events[0], participants=()),),
    )
    with _saved(target, [sample_extraction]) as store:
        assert store.save(fewer) is False
        counts = store.counts()
        assert counts["articles"] == 1
        assert counts["events"] == 1
        assert counts["event_participants"] == 0
        # Wijewardane and Sri Lanka's mission are gone; KAZ and LKA stay as mentioned countries.
        assert {a["name"] for a in store.find_actors()} == {
            "Alibek Bakayev",
            "Kazakhstan",
            "Sri Lanka",
        }


def test_store_failed_save_leaves_no_half_stored_article(
    target: str, sample_extractions: list[Extraction]
) -> None:
    good, bad_source = sample_extractions[0], sample_extractions[1]
    broken_event = dataclasses.replace(
        bad_source.events[0],
        evidence=(Evidence("met", "not a number", 3),),  # type: ignore[arg-type]
    )
    bad = dataclasses.replace(bad_source, events=(broken_event,))
    with _saved(target, [good]) as store:
        before = store.counts()
        with pytest.raises(StoreError, match=bad.article.id):
            store.save(bad)
        assert store.counts() == before
        assert bad.article.id not in {a["id"] for a in store.list_articles()}
        # The store is still usable, and the article can be saved once it is sound.
        assert store.save(bad_source) is True


def test_store_interrupted_save_is_rolled_back(
    target: str, sample_extraction: Extraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    import diplograph.store.writes as writes_module

    calls = 0
    real = writes_module.insert_sql

    def interrupt_at_events(table: str, suffix: str = "") -> str:
        nonlocal calls
        calls += 1
        if table == "events":
            raise KeyboardInterrupt
        return real(table, suffix)

    with open_store(target) as store:
        monkeypatch.setattr(writes_module, "insert_sql", interrupt_at_events)
        with pytest.raises(KeyboardInterrupt):
            store.save(sample_extraction)
        assert calls > 1  # the article row was written before the interruption
        monkeypatch.undo()
        assert all(store.counts()[t] == 0 for t in DATA_TABLES)


def test_store_counts_every_table(target: str, sample_extractions: list[Extraction]) -> None:
    with _saved(target, sample_extractions) as store:
        counts = store.counts()
    assert set(DATA_TABLES) <= set(counts)
    assert counts["articles"] == 3
    assert counts["events"] == 5
    assert counts["evidence"] == 5
    # Bakayev is one actor across both articles; his alias is a mention, not another actor.
    assert counts["actors"] == 9  # 5 persons, the OECD, KAZ, LKA, ZAF
    assert counts["schema_version"] == 1


def test_store_newer_schema_is_refused(tmp_db: str) -> None:
    open_store(tmp_db).close()
    with sqlite3.connect(tmp_db) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(SchemaError, match="schema version"):
        open_store(tmp_db)


def test_store_reopening_keeps_schema_and_rows(target: str, sample_extraction: Extraction) -> None:
    _saved(target, [sample_extraction]).close()
    with open_store(target) as store:
        assert store.counts()["articles"] == 1
        assert store.counts()["schema_version"] == 1


def test_store_other_database_is_refused(tmp_db: str) -> None:
    with sqlite3.connect(tmp_db) as conn:
        conn.execute("CREATE TABLE articles (x)")
    with pytest.raises(SchemaError, match="not a diplograph database"):
        open_store(tmp_db)


def test_store_file_that_is_not_sqlite_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 200)
    with pytest.raises(StoreError, match="cannot open") as info:
        open_store(str(path))
    assert info.value.source == str(path)


def test_store_missing_file_is_an_error_when_not_creating(tmp_db: str) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_db, create=False)
    assert not Path(tmp_db).exists()


def test_store_uses_wal(tmp_db: str) -> None:
    open_store(tmp_db).close()
    with sqlite3.connect(tmp_db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_open_store_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_extraction: Extraction
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIPLOGRAPH_DB", raising=False)
    with open_store() as store:
        assert isinstance(store, SQLiteStore)
        store.save(sample_extraction)
    assert (tmp_path / "diplograph.db").is_file()
    monkeypatch.setenv("DIPLOGRAPH_DB", str(tmp_path / "env.db"))
    open_store().close()
    assert (tmp_path / "env.db").is_file()
    with open_store(f"sqlite:///{tmp_path / 'diplograph.db'}") as store:
        assert store.counts()["articles"] == 1
    open_store(f"sqlite:///{tmp_path / 'abs.db'}").close()
    assert (tmp_path / "abs.db").is_file()


def test_store_sqlite_url_is_an_absolute_path(tmp_path: Path) -> None:
    # sqlite:///tmp/x.db is /tmp/x.db (as file:///tmp/x.db), not the relative tmp/x.db;
    # SQLAlchemy's four slashes name the same file.
    assert sqlite_path(f"sqlite:///{str(tmp_path).lstrip('/')}/x.db") == str(tmp_path / "x.db")
    assert sqlite_path(f"sqlite:///{tmp_path}/x.db") == str(tmp_path / "x.db")
    assert sqlite_path("rel/x.db") == "rel/x.db"
    assert sqlite_path("postgresql://me@127.0.0.1:1/events") is None
    with pytest.raises(StoreError, match="absolute path"):
        sqlite_path("sqlite://x.db")


def test_store_directory_is_not_a_database(tmp_path: Path) -> None:
    for create in (True, False):
        with pytest.raises(StoreError, match="a directory, not a database file"):
            open_store(str(tmp_path), create=create)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("postgresql://me:secret@127.0.0.1:1/events", "cannot open the database"),
        ("mysql://me:secret@db.example/events", "unknown database URL scheme"),
        ("sqlite://", "absolute path"),
        ("sqlite:///", "absolute path"),
    ],
)
def test_store_unusable_targets_are_store_errors(target: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        open_store(target)
    assert "secret" not in str(info.value)


# -- filters ----------------------------------------------------------------------------------


@pytest.fixture
def filled(target: str, sample_extractions: list[Extraction]) -> Iterator[Store]:
    with _saved(target, sample_extractions) as store:
        yield store


def _pairs(events: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(e["type"], e["article_title"]) for e in events]


def test_store_filter_actor_matches_aliases_case_and_accents(filled: Store) -> None:
    by_alias = filled.find_events(actor="bakaev")
    others = {p["name"] for e in by_alias for p in e["participants"]} - {"Alibek Bakayev"}
    assert others == {"Aruni Wijewardane", "Kiitumetzi Siipilo Tandeka Matthews"}
    assert filled.find_events(actor="BAKÁYEV") == by_alias
    assert filled.find_events(actor="oecd")[0]["type"] == "MULTILATERAL"
    assert filled.find_events(actor="Nobody Atall") == []


def test_store_filter_country(filled: Store) -> None:
    assert [e["type"] for e in filled.find_events(country="LKA")] == ["MEETING", "MISSION"]
    assert [e["type"] for e in filled.find_events(country="ZAF")] == ["MEETING"]
    assert len(filled.find_events(country="KAZ")) == 4


def test_store_filter_type_and_status(filled: Store) -> None:
    assert [e["type"] for e in filled.find_events(status="intended")] == [
        "MULTILATERAL",
        "MISSION",
    ]
    assert len(filled.find_events(type="MEETING")) == 3
    assert filled.find_events(type="MEETING", status="intended") == []


def test_store_filter_since_until_use_event_date_else_publication(filled: Store) -> None:
    days = [e["day"] for e in filled.find_events()]
    assert days == ["2024-06-13", "2024-04-12", "2024-04-11", "2024-04-11", "2024-04-09"]
    # The South African meeting is dated 2024-04-09 although published on the 10th.
    assert [e["day"] for e in filled.find_events(until="2024-04-10")] == ["2024-04-09"]
    assert [e["day"] for e in filled.find_events(since="2024-04-11", until="2024-04-11")] == [
        "2024-04-11",
        "2024-04-11",
    ]
    assert [e["day"] for e in filled.find_events(since="2024-05-01")] == ["2024-06-13"]


def test_store_limit_and_offset(filled: Store) -> None:
    everything = filled.find_events()
    assert filled.find_events(limit=2) == everything[:2]
    assert filled.find_events(limit=2, offset=2) == everything[2:4]


def test_store_find_actors_by_alias_lists_the_alias(filled: Store) -> None:
    (bakayev,) = filled.find_actors(name="Bakaev")
    assert bakayev["name"] == "Alibek Bakayev"
    assert bakayev["aliases"] == ["Alibek Bakaev"]
    assert (bakayev["articles"], bakayev["events"]) == (2, 2)
    assert bakayev["country"] == "KAZ"
    (oecd,) = filled.find_actors(name="co-operation and development")
    assert (oecd["kind"], oecd["acronym"], oecd["aliases"]) == ("organization", "OECD", ["OECD"])


def test_store_list_articles_newest_first(filled: Store) -> None:
    rows = filled.list_articles()
    assert [(r["index"], r["events"]) for r in rows] == [(2, 2), (3, 2), (5, 1)]


def test_store_partner_counts(filled: Store) -> None:
    pairs = {(r["country"], r["partner"]): r["events"] for r in filled.partner_counts()}
    assert pairs[("KAZ", "LKA")] == 2  # the meeting and the mission
    assert pairs[("KAZ", "OECD")] == 1  # Lapecorella serves the OECD
    assert pairs[("ZAF", "KAZ")] == 1


# -- property: any extraction round-trips and re-saves idempotently ------------------------

_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)


@st.composite
def _extractions(draw: st.DrawFn) -> Extraction:
    persons = draw(st.lists(_names, min_size=1, max_size=4))
    events = draw(
        st.lists(
            st.builds(
                Event,
                type=st.sampled_from(EVENT_TYPES),
                status=st.sampled_from(STATUSES),
                participants=st.lists(
                    st.builds(Participant, kind=st.just("person"), name=st.sampled_from(persons)),
                    max_size=3,
                ).map(tuple),
                date=st.none() | st.dates().map(str),
                evidence=st.lists(
                    st.builds(
                        Evidence, text=_names, start=st.integers(0, 99), end=st.integers(0, 99)
                    ),
                    max_size=2,
                ).map(tuple),
            ),
            max_size=4,
        )
    )
    text = draw(_names)
    return Extraction(
        article=Article(source="p.txt", index=1, text=text, title=draw(st.none() | _names)),
        persons=tuple(Person(name=n) for n in persons),
        events=tuple(events),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_extractions())
def test_store_any_extraction_round_trips_and_resaves_idempotently(extraction: Extraction) -> None:
    with open_store(":memory:") as store:
        assert store.save(extraction) is True
        counts = store.counts()
        assert store.save(extraction) is False
        assert store.counts() == counts
        found = sorted(store.find_events(), key=lambda e: e["position"])
    assert [(e["type"], e["status"], e["date"]) for e in found] == [
        (e.type, e.status, e.date) for e in extraction.events
    ]
    assert [[p["name"] for p in e["participants"]] for e in found] == [
        [p.name for p in e.participants] for e in extraction.events
    ]
    assert [e["evidence"] for e in found] == [
        [ev.to_dict() for ev in e.evidence] for e in extraction.events
    ]


# -- the resolved layer -------------------------------------------------------------------------

RESOLVED_TABLES = (
    "resolve_keys",
    "entities",
    "entity_members",
    "entity_links",
    "offices",
    "event_clusters",
    "cluster_members",
    "event_countries",
    "event_actors",
    "entity_names",
)


def _rows_but_ingest_time(path: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, articles without ``ingested_at`` (the only clock column)."""
    dumped = dump_tables(path)
    dumped["articles"] = sorted((r[:-1] for r in dumped["articles"]), key=repr)
    return dumped


def test_store_resolve_twice_changes_no_row(
    target: str, sample_extractions: list[Extraction]
) -> None:
    _saved(target, sample_extractions).close()
    before = dump_tables(target)
    with open_store(target) as store:
        found = store.resolve()
        assert found["actors"] == store.counts()["entities"]
    assert dump_tables(target) == before
    with open_store(target) as store:
        store.resolve()
    assert dump_tables(target) == before


def test_store_resolution_does_not_depend_on_ingest_order(
    make_target: Callable[[], str], sample_extractions: list[Extraction]
) -> None:
    forward, backward = make_target(), make_target()
    _saved(forward, sample_extractions).close()
    _saved(backward, sample_extractions[::-1]).close()
    f, b = _rows_but_ingest_time(forward), _rows_but_ingest_time(backward)
    for table in RESOLVED_TABLES:
        assert f[table] == b[table], table


def test_store_replacing_an_article_resolves_as_if_from_scratch(
    target: str, sample_extractions: list[Extraction]
) -> None:
    first = sample_extractions[1]
    fewer = dataclasses.replace(first, persons=first.persons[1:], events=())
    path = target
    with _saved(path, sample_extractions) as store:
        store.save(fewer)
        assert not store.find_events(actor="Matthews")
        store.save(first)
    replaced = dump_tables(path)
    with open_store(path) as store:
        store.resolve()
    assert dump_tables(path) == replaced


def test_store_v1_database_is_migrated_and_resolved(
    tmp_path: Path, sample_extractions: list[Extraction]
) -> None:
    old, new = str(tmp_path / "old.db"), str(tmp_path / "new.db")
    _saved(old, sample_extractions).close()
    _saved(new, sample_extractions).close()
    with sqlite3.connect(old) as conn:  # what diplograph 0.1 left: v1 tables only
        for table in RESOLVED_TABLES:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("UPDATE schema_version SET version = 1")
    with open_store(old) as store:
        assert store.counts()["schema_version"] == 1
        (bakayev,) = store.find_actors(name="Bakaev")
        assert bakayev["events"] == 2
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    assert _rows_but_ingest_time(old) == _rows_but_ingest_time(new)


def test_store_actor_search_ignores_transliteration(filled: Store) -> None:
    assert [a["name"] for a in filled.find_actors(name="bakayev")] == ["Alibek Bakayev"]
    # Nobody writes "Vijewardane"; its transliteration skeleton is Wijewardane's.
    assert [a["name"] for a in filled.find_actors(name="Vijewardane")] == ["Aruni Wijewardane"]
    assert len(filled.find_events(actor="Vijewardane")) == 1


def test_store_actor_offices_and_explanation(filled: Store) -> None:
    (bakayev,) = filled.find_actors(name="Bakaev")
    assert [(o["title"], o["first_seen"], o["last_seen"]) for o in bakayev["offices"]] == [
        ("Deputy Minister of Foreign Affairs", "2024-04-09", "2024-04-11")
    ]
    explained = filled.get_actor(bakayev["id"])
    assert explained is not None
    assert [m["names"] for m in explained["mentions"]] == [
        ["Alibek Bakaev", "Alibek Bakayev"],
        ["Alibek Bakayev"],
    ]
    assert [link["rule"] for link in explained["links"]] == ["same name", "alias in one article"]
    by_surface = filled.get_actor(explained["mentions"][0]["actor_id"])
    assert by_surface is not None and by_surface["id"] == bakayev["id"]
    assert filled.get_actor("ent_nope") is None


def test_store_events_of_one_resolved_actor(filled: Store) -> None:
    (bakayev,) = filled.find_actors(name="Bakaev")
    by_id = filled.find_events(actor_id=bakayev["id"])
    assert by_id == filled.find_events(actor="Bakaev")
    assert {p["entity_id"] for e in by_id for p in e["participants"]} >= {bakayev["id"]}


def _reported_by(site: str, title: str, published: str, date: str | None, text: str) -> Extraction:
    """One outlet's report of a meeting of two invented ministers."""
    minister = Person("Dauletbek Sarsenbayev", title="Foreign Minister", country="KAZ")
    other = Person("Timur Kassymov", title="Foreign Minister", country="KGZ")
    if site == "wire.example":
        minister = Person(
            "Dauletbek Sarsenbaev", title="Minister of Foreign Affairs", country="KAZ"
        )
    return Extraction(
        article=Article(
            source="feed.jsonl",
            index=1,
            text=text,
            title=title,
            published=published,
            url=f"https://www.{site}/{published}/talks",
        ),
        persons=(minister, other),
        events=(
            Event(
                "MEETING",
                "occurred",
                (
                    Participant("person", minister.name, country="KAZ"),
                    Participant("person", other.name, country="KGZ"),
                ),
                date=date,
                place="Bishkek",
                evidence=(Evidence(text, 0, len(text)),),
            ),
        ),
    )


def test_store_one_meeting_from_two_outlets_is_one_event(target: str) -> None:
    reports = [
        _reported_by("news.example", "Ministers meet", "2024-05-02", "2024-05-02", "They met."),
        _reported_by("wire.example", "Talks in Bishkek", "2024-05-03", None, "Talks were held."),
        _reported_by("news.example", "Ministers meet again", "2024-09-20", "2024-09-20", "Again."),
    ]
    with _saved(target, reports) as store:
        found = store.find_events(actor="Sarsenbaev")
        assert [(e["day"], e["num_sources"], e["num_articles"]) for e in found] == [
            ("2024-09-20", 1, 1),
            ("2024-05-02", 2, 2),
        ]
        may = found[1]
        assert [(s["outlet"], s["evidence"]) for s in may["sources"]] == [
            ("news.example", ["They met."]),
            ("wire.example", ["Talks were held."]),
        ]
        other = store.get_event(may["sources"][1]["event_id"])
        assert other is not None
        assert (other["cluster_id"], other["num_sources"]) == (may["cluster_id"], 2)
        assert store.event_counts("type") == {"MEETING": 2}
        (minister,) = store.find_actors(name="Sarsenbayev")
        assert (minister["articles"], minister["events"]) == (3, 2)
        assert store.counts()["events"] == 3
    assert summarize_events(target) == (2, 3)


def summarize_events(path: str) -> tuple[int, int]:
    from diplograph.query import summarize

    with open_store(path) as store:
        found = summarize(store)
    return found["events"], found["reports"]
