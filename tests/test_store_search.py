"""The store's reads for the web: FTS5 search (schema v3), graph, timeline, partners, counts,
and the read-only connection the web app uses."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph import query
from diplograph.errors import NotFoundError, SchemaError, StoreError, UsageError
from diplograph.models import Extraction
from diplograph.store import SCHEMA_VERSION, Store, open_store
from diplograph.store.search import fts_query


@pytest.fixture
def store(target: str, sample_extractions: list[Extraction]) -> Iterator[Store]:
    with open_store(target) as opened:
        for extraction in sample_extractions:
            opened.save(extraction)
        yield opened


def _table_rows(path: str, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute(f"SELECT * FROM {table}"), key=repr)


# -- the FTS query ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bakayev", '"Bakayev"*'),
        ("  Sri   Lanka ", '"Sri"* "Lanka"*'),
        ("co-operation", '"co operation"*'),
        ('"OECD" OR NEAR(a b)', '"OECD"* "OR"* "NEAR a"* "b"*'),
        ("Zürich", '"Zürich"*'),
        ('" * ) ( -- ;', None),
        ("", None),
    ],
)
def test_store_search_query_is_only_quoted_words(text: str, expected: str | None) -> None:
    assert fts_query(text) == expected


def test_store_search_query_keeps_at_most_16_terms() -> None:
    assert fts_query(" ".join(f"w{i}" for i in range(40))) == " ".join(
        f'"w{i}"*' for i in range(16)
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=60))
def test_store_search_never_fails_on_any_text(store: Store, text: str) -> None:
    found = store.search(text, limit=5)
    assert set(found) == {"articles", "actors"}


@pytest.mark.parametrize("text", ["ʼ", "Niʼihau ʻokina", "ˈstress", "ŉ", "'", "O'Neil’s"])
def test_store_search_modifier_letters_and_quotes(store: Store, text: str) -> None:
    """Letters PostgreSQL's unaccent folds into quote marks end no quoted query word."""
    found = store.search(text, limit=5)
    assert set(found) == {"articles", "actors"}


# -- search results --------------------------------------------------------------------------


def test_store_search_finds_titles_text_and_actor_names(store: Store) -> None:
    found = store.search("Sri Lanka")
    assert [a["title"] for a in found["articles"]] == [
        "Kazakhstan and Sri Lanka Intend to Strengthen Bilateral Cooperation"
    ]
    assert [a["name"] for a in found["actors"]] == ["Sri Lanka"]
    # Accents folded, prefixes matched, an alias finds its resolved actor.
    assert [a["title"] for a in store.search("zurich")["articles"]] == [
        "Astana International Forum Discussed at OECD"
    ]
    assert [a["name"] for a in store.search("Bakae")["actors"]] == ["Alibek Bakayev"]


def test_store_search_snippet_marks_the_hits(store: Store) -> None:
    (hit,) = store.search("consultations")["articles"]
    assert hit["marks"]
    for start, end in hit["marks"]:
        assert hit["snippet"][start:end] == "consultations"
    assert "\ue000" not in hit["snippet"] and "\ue001" not in hit["snippet"]


def test_store_search_ranks_the_matches_stored_last(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word more articles hold than ``RANKED``: the best of those stored last are listed,
    ties by article id, as when every match is ranked."""
    from diplograph.models import Article

    def release(n: int, title: str, text: str) -> Extraction:
        return Extraction(
            Article(
                source="feed.jsonl", index=n, text=text, title=title, url=f"https://a.example/{n}"
            )
        )

    releases = [
        release(0, "Zorvath visits Astana", "Zorvath met Zorvath."),  # the best match
        release(1, "Talks", "A long text in which Zorvath is named once among many words."),
        release(2, "Talks", "Zorvath was there."),
        release(3, "Consultations", "Zorvath was there."),
        release(4, "Talks", "Zorvath and others, with many more words than the one before."),
    ]
    with open_store(target) as store:
        for extraction in releases:
            store.save(extraction)
        every = [a["id"] for a in store.search("zorvath", limit=10)["articles"]]
        assert every[0] == releases[0].article.id and len(every) == 5
        monkeypatch.setattr("diplograph.store.search.RANKED", 3)
        last = {r.article.id for r in releases[2:]}
        assert [a["id"] for a in store.search("zorvath", limit=2)["articles"]] == [
            i for i in every if i in last
        ][:2]
        # Asked for more than RANKED: as many are ranked.
        assert [a["id"] for a in store.search("zorvath", limit=10)["articles"]] == every
        # Articles 2 and 3 score the same: the first listed of two is the lower id.
        (first,) = store.search("zorvath there", limit=1)["articles"]
        assert first["id"] == min(releases[2].article.id, releases[3].article.id)


def test_store_made_without_fts5_searches_by_substring_after_an_upgrade(
    tmp_db: str, sample_extractions: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store made by an SQLite without FTS5 has no search tables; an SQLite with FTS5
    that upgrades it later leaves it so (v7's name index goes with v3's tables)."""
    from diplograph.store.sqlite import SQLiteStore

    with monkeypatch.context() as patched:
        patched.setattr(SQLiteStore, "_has_fts5", lambda self: False)
        with open_store(tmp_db) as store:
            for extraction in sample_extractions:
                store.save(extraction)
    with sqlite3.connect(tmp_db) as conn:
        assert not [r for r in conn.execute("SELECT name FROM sqlite_master") if "search" in r[0]]
        conn.execute("UPDATE schema_version SET version = 6")
    with open_store(tmp_db) as store:
        assert [a["title"] for a in store.search("zurich")["articles"]] == []  # no folding
        assert [a["name"] for a in store.search("Lapecorella")["actors"]] == [
            "Fabrizia Lapecorella"
        ]
        first = sample_extractions[1]
        store.save(dataclasses.replace(first, persons=first.persons[:1], events=()))
        assert store.count_articles() == len(sample_extractions)


def test_store_search_follows_a_replaced_article(
    tmp_db: str, sample_extractions: list[Extraction]
) -> None:
    first = sample_extractions[1]
    with open_store(tmp_db) as store:
        for extraction in sample_extractions:
            store.save(extraction)
        assert store.search("Matthews")["actors"]
        store.save(dataclasses.replace(first, persons=first.persons[:1], events=()))
        assert store.search("Matthews")["actors"] == []
        assert len(store.search("Matthews")["articles"]) == 1  # still in the text
    with sqlite3.connect(tmp_db) as conn:
        _assert_name_index_in_step(conn)
        (articles,) = conn.execute("SELECT count(*) FROM article_search").fetchone()
    assert articles == 3


def _assert_name_index_in_step(conn: sqlite3.Connection) -> None:
    """FTS5's own check that ``entity_name_search`` indexes ``entity_names`` as it is."""
    conn.execute(
        "INSERT INTO entity_name_search (entity_name_search, rank) VALUES ('integrity-check', 1)"
    )
    (indexed,) = conn.execute("SELECT count(*) FROM entity_name_search").fetchone()
    (names,) = conn.execute("SELECT count(*) FROM entity_names").fetchone()
    assert indexed == names > 0


def test_store_search_tables_survive_resolve_and_are_not_counted(
    store: Store, tmp_db: str, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's FTS5 tables; PostgreSQL searches through indexes")
    before = _table_rows(tmp_db, "article_search")
    names = [a["name"] for a in store.search("Lapecorella")["actors"]]
    store.resolve()
    assert _table_rows(tmp_db, "article_search") == before
    with sqlite3.connect(tmp_db) as conn:
        _assert_name_index_in_step(conn)
    assert [a["name"] for a in store.search("Lapecorella")["actors"]] == names
    assert not [t for t in store.counts() if "search" in t]


def test_store_v2_database_gets_its_search_tables(
    tmp_db: str, sample_extractions: list[Extraction]
) -> None:
    with open_store(tmp_db) as store:
        for extraction in sample_extractions:
            store.save(extraction)
    with sqlite3.connect(tmp_db) as conn:  # what diplograph before the web issue left
        for trigger in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {trigger[0]}")
        conn.execute("DROP TABLE article_search")
        conn.execute("DROP TABLE entity_name_search")
        conn.execute("DROP TABLE event_months")
        conn.execute("UPDATE schema_version SET version = 2")
    with pytest.raises(SchemaError, match="upgrade"):
        open_store(tmp_db, read_only=True)
    with open_store(tmp_db) as store:
        assert [a["name"] for a in store.search("Lapecorella")["actors"]] == [
            "Fabrizia Lapecorella"
        ]
        assert len(store.search("Astana")["articles"]) == 2
    with sqlite3.connect(tmp_db) as conn:
        assert (
            conn.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION == 7
        )


# -- counts, graph, timeline, partners ------------------------------------------------------


def test_store_counts_agree_with_the_lists(store: Store) -> None:
    assert store.count_events() == len(store.find_events()) == 5
    assert store.count_events(type="MEETING") == len(store.find_events(type="MEETING")) == 3
    assert store.count_events(actor="Bakaev") == 2
    assert store.count_actors() == len(store.find_actors())
    assert store.count_actors(country="KAZ") == len(store.find_actors(country="KAZ")) == 3
    assert {a["country"] for a in store.find_actors(country="LKA")} == {"LKA"}


def test_store_country_graph(store: Store) -> None:
    graph = query.event_graph(store, level="country")
    nodes = {n["id"] if n["kind"] == "country" else n["label"]: n for n in graph["nodes"]}
    assert {k: (n["kind"], n["events"]) for k, n in nodes.items()} == {
        "KAZ": ("country", 4),
        "LKA": ("country", 2),
        "ZAF": ("country", 1),
        "Organisation for Economic Co-operation and Development": ("organization", 2),
    }
    assert nodes["LKA"]["label"] == "Sri Lanka"
    oecd = nodes["Organisation for Economic Co-operation and Development"]["id"]
    weights = {(e["source"], e["target"]): e["weight"] for e in graph["edges"]}
    assert weights == {
        tuple(sorted(("KAZ", "LKA"))): 2,
        tuple(sorted(("KAZ", "ZAF"))): 1,
        tuple(sorted(("KAZ", oecd))): 1,
    }


def test_store_actor_graph_follows_the_filters(store: Store) -> None:
    graph = query.event_graph(store, query.EventFilter(actor="Bakayev"), level="actor")
    assert sorted(n["label"] for n in graph["nodes"]) == [
        "Alibek Bakayev",
        "Aruni Wijewardane",
        "Kiitumetzi Siipilo Tandeka Matthews",
    ]
    assert [e["weight"] for e in graph["edges"]] == [1, 1]
    assert query.event_graph(store, query.EventFilter(type="AID"))["nodes"] == []
    with pytest.raises(UsageError, match="graph level"):
        query.event_graph(store, level="planet")


def test_store_timeline_by_month_and_type(store: Store) -> None:
    found = query.event_timeline(store)
    assert {k: v for k, v in found.items() if k != "by_status"} == {
        "months": ["2024-04", "2024-05", "2024-06"],
        "series": {"MEETING": [3, 0, 0], "MULTILATERAL": [0, 0, 1], "MISSION": [1, 0, 0]},
        "undated": 0,
    }
    # the same counts apart by status: each as the timeline of that status alone, and
    # together the whole
    assert found["by_status"], "no status"
    total: dict[str, list[int]] = {}
    for status, series in found["by_status"].items():
        alone = query.event_timeline(store, query.EventFilter(status=status))
        for event_type, counts in series.items():
            assert counts == [
                dict(zip(alone["months"], alone["series"][event_type], strict=True)).get(m, 0)
                for m in found["months"]
            ]
            before = total.get(event_type, [0] * len(counts))
            total[event_type] = [a + b for a, b in zip(before, counts, strict=True)]
    assert total == found["series"]
    assert query.event_timeline(store, query.EventFilter(type="AID")) == {
        "months": [],
        "series": {},
        "by_status": {},
        "undated": 0,
    }


def test_store_actor_partners(store: Store) -> None:
    (bakayev,) = store.find_actors(name="Bakayev")
    partners = query.actor_partners(store, bakayev["id"])
    assert [(p["name"], p["events"]) for p in partners] == [
        ("Aruni Wijewardane", 1),
        ("Kiitumetzi Siipilo Tandeka Matthews", 1),
    ]


def test_store_article_with_offsets(store: Store) -> None:
    (article,) = [a for a in store.list_articles() if "Sri Lanka" in (a["title"] or "")]
    found = query.get_article(store, article["id"])
    text = found["text"]
    spans = {a["name"]: a["spans"] for a in found["actors"]}
    assert [text[s["start"] : s["end"]] for s in spans["Alibek Bakayev"]] == ["Alibek Bakayev"]
    assert [e["type"] for e in found["events"]] == ["MEETING", "MISSION"]
    with pytest.raises(NotFoundError):
        query.get_article(store, "art_nope")


# -- read-only ------------------------------------------------------------------------------


def test_store_read_only_refuses_writes_and_crosses_threads(
    store: Store, target: str, sample_extractions: list[Extraction]
) -> None:
    reader = open_store(target, read_only=True)
    changed = dataclasses.replace(sample_extractions[0], events=sample_extractions[0].events[:1])
    with pytest.raises(StoreError):
        reader.save(changed)
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(reader.count_events()))
    thread.start()
    thread.join()
    reader.close()
    assert found == [5]


def test_store_read_only_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(str(tmp_path / "none.db"), read_only=True)
