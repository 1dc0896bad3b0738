"""The JSON API on a real store: every endpoint, the one error shape, limits, headers.

One store per session, ingested from ``samples/`` (always), a hostile article (always) and,
when ``../shared`` is there, its seed page and dev corpus.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

from diplograph import query
from diplograph.errors import StoreError
from diplograph.models import Extraction
from diplograph.pipeline import extract_inputs
from diplograph.store import open_store
from diplograph.web import create_app
from diplograph.web.app import MAX_QUERY_BYTES, SECURITY_HEADERS

with warnings.catch_warnings():  # starlette's TestClient nags about httpx vs httpx2
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = ROOT.parent / "shared"
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_TEXT = (
    "Deputy Minister of Foreign Affairs of Kazakhstan Alibek Bakayev met with Ambassador of"
    ' Norway Erik Svedahl in Astana on 3 May 2024. The note read "><img src=x'
    ' onerror=alert(1)>. <a href="javascript:alert(1)">x</a>'
)
ENDPOINTS = (
    "/api/events",
    "/api/events/{event_id}",
    "/api/actors",
    "/api/actors/{actor_id}",
    "/api/articles",
    "/api/articles/{article_id}",
    "/api/countries",
    "/api/graph",
    "/api/partners",
    "/api/timeline",
    "/api/search",
)


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    record = {
        "url": "https://example.org/x?a=<b>",
        "title": HOSTILE_TITLE,
        "published": "2024-05-03",
        "text": HOSTILE_TEXT,
    }
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    inputs = [str(ROOT / "samples"), str(hostile)]
    if SHARED_DIR.is_dir():
        inputs += [str(p) for p in sorted((SHARED_DIR / "corpus").glob("*")) if p.is_file()]
    path = str(folder / "web.db")
    with open_store(path) as store:
        for extraction in extract_inputs(inputs):
            store.save(extraction)
    return path


@pytest.fixture(scope="session")
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def events(client: TestClient) -> list[dict[str, Any]]:
    return list(client.get("/api/events", params={"limit": 500}).json()["events"])


@pytest.fixture
def shared() -> None:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs ../shared (the dev corpus) at {SHARED_DIR}")


def _ok(client: TestClient, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert body["ok"] is True
    return body


def _fingerprint(path: str) -> str:
    """A digest of every row of every table, search tables included."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master ORDER BY name")]
        for name in names:
            digest.update(
                repr(
                    conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchall()
                ).encode()
            )
            if (
                conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
                == "table"
            ):
                digest.update(
                    repr(sorted(conn.execute(f'SELECT * FROM "{name}"'), key=repr)).encode()
                )
    return digest.hexdigest()


# -- events ---------------------------------------------------------------------------------


def test_web_api_events_page_matches_the_query_functions(client: TestClient, db_path: str) -> None:
    body = _ok(client, "/api/events", limit=5)
    assert set(body) == {"ok", "total", "limit", "offset", "events"}
    assert (body["limit"], body["offset"], len(body["events"])) == (5, 0, 5)
    with open_store(db_path, read_only=True) as store:
        assert body["total"] == len(query.find_events(store)) == query.count_events(store)
        assert [e["id"] for e in body["events"]] == [
            e["id"] for e in query.find_events(store, query.EventFilter(limit=5))
        ]
    event = body["events"][0]
    for key in ("id", "type", "status", "day", "participants", "evidence", "sources", "codes"):
        assert key in event
    assert all(e["article_id"] and e["event_id"] for e in event["evidence"])
    assert all(s["id"].startswith("art_") for s in event["sources"])


def test_web_api_events_pages_cover_every_event_once(client: TestClient) -> None:
    total = _ok(client, "/api/events")["total"]
    seen = []
    for offset in range(0, total, 7):
        seen += [e["id"] for e in _ok(client, "/api/events", limit=7, offset=offset)["events"]]
    assert len(seen) == len(set(seen)) == total
    assert _ok(client, "/api/events", offset=total)["events"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"type": "meeting"},
        {"status": "occurred"},
        {"country": "kaz"},
        {"actor": "Bakayev"},
        {"since": "2024-05", "until": "2024-05"},
        {"type": "MEETING", "country": "KAZ", "since": "2024"},
    ],
)
def test_web_api_event_filters_narrow_as_the_cli_does(
    client: TestClient, db_path: str, params: dict[str, str]
) -> None:
    body = _ok(client, "/api/events", limit=500, **params)
    everything = _ok(client, "/api/events")["total"]
    assert 0 < body["total"] < everything
    with open_store(db_path, read_only=True) as store:
        rows = query.find_events(store, query.EventFilter(**params))
    assert [e["id"] for e in body["events"]] == [e["id"] for e in rows]
    if "type" in params:
        assert {e["type"] for e in body["events"]} == {params["type"].upper()}
    if "since" in params:
        assert all(e["day"] >= "2024-" for e in body["events"])


def test_web_api_blank_filters_are_no_filters(client: TestClient) -> None:
    blank = _ok(client, "/api/events", actor="", country=" ", type="", since="", until="")
    assert blank["total"] == _ok(client, "/api/events")["total"]


def test_web_api_event_detail_has_every_report_and_source(
    client: TestClient, events: list[dict[str, Any]]
) -> None:
    listed = max(events, key=lambda e: (e["num_reports"], e["id"]))
    detail = _ok(client, f"/api/events/{listed['id']}")["event"]
    assert detail["id"] == listed["id"]
    assert len(detail["sources"]) == detail["num_reports"]
    reports = {s["event_id"] for s in detail["sources"]}
    assert {e["event_id"] for e in detail["evidence"]} <= reports
    for evidence in detail["evidence"]:
        article = _ok(client, f"/api/articles/{evidence['article_id']}")["article"]
        assert article["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    for source in detail["sources"]:
        assert _ok(client, f"/api/articles/{source['id']}")["article"]["id"] == source["id"]


def test_web_api_event_seen_by_several_outlets(client: TestClient, shared: None) -> None:
    several = [e for e in _ok(client, "/api/events", limit=500)["events"] if e["num_articles"] > 1]
    assert several, "the dev corpus reports some events in several articles"
    detail = _ok(client, f"/api/events/{several[0]['id']}")["event"]
    assert len({e["article_id"] for e in detail["evidence"]}) > 1


# -- actors ---------------------------------------------------------------------------------


def test_web_api_actors_list_filters_and_counts(client: TestClient, db_path: str) -> None:
    everyone = _ok(client, "/api/actors", limit=500)
    with open_store(db_path, read_only=True) as store:
        assert everyone["total"] == len(query.find_actors(store)) == len(everyone["actors"])
    named = _ok(client, "/api/actors", q="bakaev")  # any spelling
    assert [a["name"] for a in named["actors"]] == ["Alibek Bakayev"]
    assert named["total"] == 1
    kaz = _ok(client, "/api/actors", country="kaz", limit=500)
    assert 0 < kaz["total"] < everyone["total"]
    assert {a["country"] for a in kaz["actors"]} == {"KAZ"}
    page = _ok(client, "/api/actors", limit=2, offset=1)
    assert [a["id"] for a in page["actors"]] == [a["id"] for a in everyone["actors"][1:3]]


def test_web_api_actor_detail_offices_events_partners(client: TestClient) -> None:
    (bakayev,) = _ok(client, "/api/actors", q="Bakayev")["actors"]
    body = _ok(client, f"/api/actors/{bakayev['id']}")
    actor = body["actor"]
    assert actor["name"] == "Alibek Bakayev"
    assert actor["offices"] and actor["offices"][0]["title"]
    assert actor["mentions"]
    assert body["events_total"] == actor["events"] == len(body["events"])
    listed = _ok(client, "/api/events", actor_id=bakayev["id"], limit=500)["events"]
    assert [e["id"] for e in body["events"]] == [e["id"] for e in listed]
    assert body["partners"]
    for partner in body["partners"]:
        assert partner["id"] != bakayev["id"] and partner["events"] >= 1
        assert _ok(client, f"/api/actors/{partner['id']}")["actor"]["id"] == partner["id"]


def test_web_api_actors_filter_by_office_and_kind(client: TestClient, db_path: str) -> None:
    everyone = _ok(client, "/api/actors", limit=500)
    ambassadors = _ok(client, "/api/actors", office="ambassador", limit=500)
    assert 0 < ambassadors["total"] < everyone["total"]
    for actor in ambassadors["actors"]:
        assert any("ambassador" in o["title"].lower() for o in actor["offices"]), actor
    assert _ok(client, "/api/actors", office="AMBASSADOR")["total"] == ambassadors["total"]
    by_kind = {
        kind: _ok(client, "/api/actors", kind=kind, limit=500)
        for kind in ("person", "organization", "country")
    }
    assert sum(found["total"] for found in by_kind.values()) == everyone["total"]
    for kind, found in by_kind.items():
        assert found["total"] > 0 and {a["kind"] for a in found["actors"]} == {kind}
    with open_store(db_path, read_only=True) as store:
        rows = query.find_actors(store, "a", office="minister", kinds=["person"], country="KAZ")
    both = _ok(client, "/api/actors", q="a", office="minister", kind="Person", country="kaz")
    assert [a["id"] for a in both["actors"]] == [a["id"] for a in rows] and rows


# -- articles -------------------------------------------------------------------------------


def test_web_api_articles_index_pages(client: TestClient, db_path: str) -> None:
    with open_store(db_path, read_only=True) as store:
        stored = store.list_articles()
    first = _ok(client, "/api/articles", limit=3)
    assert set(first) == {"ok", "total", "limit", "offset", "articles"}
    assert first["total"] == len(stored) > 3
    seen = []
    for offset in range(0, first["total"], 3):
        seen += _ok(client, "/api/articles", limit=3, offset=offset)["articles"]
    assert [a["id"] for a in seen] == [a["id"] for a in stored]
    assert [a["events"] for a in seen] == [a["events"] for a in stored]
    hostile = next(a for a in seen if a["title"] == HOSTILE_TITLE)
    assert hostile["outlet"] == "example.org" and hostile["url"] == "https://example.org/x?a=<b>"
    assert all(a["outlet"] for a in seen)


# -- countries ------------------------------------------------------------------------------


def test_web_api_countries_match_the_country_filter(client: TestClient, db_path: str) -> None:
    countries = _ok(client, "/api/countries")["countries"]
    assert len(countries) > 3
    counts = [c["events"] for c in countries]
    assert counts == sorted(counts, reverse=True)
    kaz = next(c for c in countries if c["iso3"] == "KAZ")
    assert kaz["name"] == "Kazakhstan"
    with open_store(db_path, read_only=True) as store:
        assert kaz["partners"] == len(query.country_partners(store, "KAZ")) > 3
    for country in countries:
        total = _ok(client, "/api/events", country=country["iso3"], limit=1)["total"]
        assert country["events"] == total, country


# -- unknown parameters ---------------------------------------------------------------------


def _api_routes(client: TestClient) -> list[tuple[str, set[str]]]:
    """Every GET path under /api of the OpenAPI schema, with its declared query parameters."""
    routes = []
    for path, operations in _ok_schema(client)["paths"].items():
        if path.startswith("/api"):
            params = operations["get"].get("parameters", [])
            routes.append((path, {p["name"] for p in params if p["in"] == "query"}))
    return routes


def _real_path(path: str, events: list[dict[str, Any]]) -> str:
    event = events[0]
    entity = event["participants"][0]["entity_id"]
    return (
        path.replace("{event_id}", event["id"])
        .replace("{actor_id}", entity)
        .replace("{article_id}", event["article_id"])
    )


REQUIRED = {"/api/search": {"q": "Bakayev"}, "/api/partners": {"country": "KAZ"}}


def test_web_api_unknown_parameter_is_400_on_every_route(
    client: TestClient, events: list[dict[str, Any]]
) -> None:
    routes = _api_routes(client)
    assert {path for path, _ in routes} == set(ENDPOINTS)
    for path, declared in routes:
        url = _real_path(path, events)
        needed = REQUIRED.get(path, {})
        assert client.get(url, params=needed).status_code == 200, url
        for unknown in ("bogus", "Limit", "name", "q", "id", "offset "):
            if unknown in declared:
                continue
            response = client.get(url, params={**needed, unknown: "1"})
            assert response.status_code == 400, (url, unknown, response.text)
            body = response.json()
            assert body == {"ok": False, "error": body["error"], "status": 400}
            assert repr(unknown) in body["error"], body
            for name in declared:  # the message says what the route takes
                assert name in body["error"], (name, body)


def test_web_api_every_declared_parameter_is_taken(
    client: TestClient, events: list[dict[str, Any]]
) -> None:
    """A blank value of each declared text parameter is accepted: none is refused as unknown
    (a required one is refused for its value, not its name)."""
    for path, declared in _api_routes(client):
        url = _real_path(path, events)
        for name in declared - {"limit", "offset", "level", "q"}:
            response = client.get(url, params={**REQUIRED.get(path, {}), name: ""})
            if name in REQUIRED.get(path, {}):
                assert response.status_code == 400, (url, name, response.text)
                assert "unknown" not in response.json()["error"]
            else:
                assert response.status_code == 200, (url, name, response.text)


def test_web_api_many_unknown_parameters_are_named_briefly(client: TestClient) -> None:
    query_string = "&".join(f"p{i}=1" for i in range(200))
    response = client.get(f"/api/events?{query_string}")
    assert response.status_code == 400
    message = response.json()["error"]
    assert "unknown parameters 'p0', 'p1', 'p10', 'p100', 'p101' and 195 more;" in message
    assert len(message) < 300
    long_name = "x" * 300
    message = client.get(f"/api/events?{long_name}=1").json()["error"]
    assert f"'{'x' * 40}'" in message and "x" * 41 not in message


def test_web_api_article_detail_marks_actors_and_events(
    client: TestClient, events: list[dict[str, Any]]
) -> None:
    body = _ok(client, f"/api/articles/{events[0]['article_id']}")
    text = body["article"]["text"]
    assert set(body["article"]) == {"id", "title", "published", "url", "text"}
    assert body["actors"] and body["events"]
    for actor in body["actors"]:
        for span in actor["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
            assert " ".join(span["text"].split()).casefold() == actor["name"].casefold()
    for event in body["events"]:
        for span in event["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert any(actor["spans"] for actor in body["actors"])


# -- graph and timeline ---------------------------------------------------------------------


@pytest.mark.parametrize("level", ["actor", "country"])
def test_web_api_graph_nodes_and_edges(client: TestClient, level: str) -> None:
    total = _ok(client, "/api/events")["total"]
    graph = _ok(client, "/api/graph", level=level)
    assert graph["level"] == level
    ids = {n["id"] for n in graph["nodes"]}
    assert len(ids) == len(graph["nodes"]) > 1
    assert all(1 <= n["events"] <= total for n in graph["nodes"])
    assert graph["edges"]
    for edge in graph["edges"]:
        assert {edge["source"], edge["target"]} <= ids and edge["source"] != edge["target"]
        assert edge["weight"] >= 1
    small = _ok(client, "/api/graph", level=level, limit=3)
    assert len(small["nodes"]) == 3
    assert {e["source"] for e in small["edges"]} | {e["target"] for e in small["edges"]} <= {
        n["id"] for n in small["nodes"]
    }


def test_web_api_graph_of_a_country(client: TestClient) -> None:
    graph = _ok(client, "/api/graph", level="country", country="KAZ")
    kaz = next(n for n in graph["nodes"] if n["id"] == "KAZ")
    assert (kaz["label"], kaz["kind"]) == ("Kazakhstan", "country")
    assert kaz["events"] == _ok(client, "/api/events", country="KAZ")["total"]
    assert all("KAZ" in (e["source"], e["target"]) for e in graph["edges"][:1])


def test_web_api_partners_are_the_countries_of_the_partner_counts(
    client: TestClient, db_path: str
) -> None:
    import pycountry

    body = _ok(client, "/api/partners", country="KAZ")
    assert (body["country"], body["numeric"], body["name"]) == ("KAZ", "398", "Kazakhstan")
    with open_store(db_path, create=False) as store:
        sides = {r["partner"]: r["events"] for r in store.partner_counts() if r["country"] == "KAZ"}
    countries = {k: v for k, v in sides.items() if pycountry.countries.get(alpha_3=k)}
    assert len(countries) < len(sides)  # organisations are sides too, but not on a map
    assert {p["iso3"]: p["events"] for p in body["partners"]} == countries
    for partner in body["partners"]:
        assert partner["numeric"] == pycountry.countries.get(alpha_3=partner["iso3"]).numeric
        assert partner["name"] and partner["iso3"] != "KAZ"
    events = [p["events"] for p in body["partners"]]
    assert events == sorted(events, reverse=True) and events[0] > 1
    assert _ok(client, "/api/partners", country=" kaz ") == body


def test_web_api_partners_of_a_country_with_no_events_are_none(client: TestClient) -> None:
    body = _ok(client, "/api/partners", country="ATA")
    assert (body["country"], body["numeric"], body["partners"]) == ("ATA", "010", [])
    kosovo = _ok(client, "/api/partners", country="XKX")  # a code in use with no ISO number
    assert (kosovo["numeric"], kosovo["name"]) == (None, "XKX")


@pytest.mark.parametrize("params", [{}, {"country": "KAZ"}, {"type": "MEETING"}])
def test_web_api_timeline_adds_up_to_the_events(client: TestClient, params: dict[str, str]) -> None:
    body = _ok(client, "/api/timeline", **params)
    months = body["months"]
    assert months == sorted(months) and len(set(months)) == len(months)
    assert all(len(counts) == len(months) for counts in body["series"].values())
    counted = sum(sum(counts) for counts in body["series"].values()) + body["undated"]
    assert counted == _ok(client, "/api/events", **params)["total"]
    if "type" in params:
        assert set(body["series"]) == {"MEETING"}


# -- search ---------------------------------------------------------------------------------


def test_web_api_search_articles_and_actors(client: TestClient) -> None:
    body = _ok(client, "/api/search", q="Bakayev")
    assert body["q"] == "Bakayev"
    assert body["articles"] and [a["name"] for a in body["actors"]] == ["Alibek Bakayev"]
    for hit in body["articles"]:
        assert hit["marks"]
        for start, end in hit["marks"]:
            assert hit["snippet"][start:end].casefold().startswith("bakayev")
    assert len(_ok(client, "/api/search", q="Bakayev", limit=1)["articles"]) == 1
    assert _ok(client, "/api/search", q="zzqxjv")["articles"] == []


HOSTILE_QUERIES = [
    '"',
    "*",
    ") OR (",
    "NEAR(",
    "NEAR(a b, 2)",
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    "title:foo",
    "^a -b +c",
    '"""*',
    "\x00",
    "a" * 200,
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_web_api_search_takes_any_text_as_words(client: TestClient, db_path: str, q: str) -> None:
    before = _fingerprint(db_path)
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert response.json()["ok"] is True
    assert _fingerprint(db_path) == before


TEXT_PARAMS = {
    "/api/events": ("actor", "country", "type"),
    "/api/actors": ("q", "country", "office", "kind"),
    "/api/graph": ("actor", "country", "type"),
    "/api/search": ("q",),
}


@pytest.mark.parametrize("url", sorted(TEXT_PARAMS))
def test_web_api_injection_in_any_parameter_changes_nothing(
    client: TestClient, db_path: str, url: str
) -> None:
    before = _fingerprint(db_path)
    for value in ("' OR 1=1 --", "x'); DROP TABLE events; --", '" OR ""="'):
        for name in TEXT_PARAMS[url]:  # each alone, so that no other is refused first
            response = client.get(url, params={name: value})
            assert response.status_code in (200, 400), response.text
            assert response.headers["content-type"] == "application/json"
            if response.status_code == 400:
                assert "unknown parameter" not in response.json()["error"]
    assert _fingerprint(db_path) == before


# -- the hostile article --------------------------------------------------------------------


def test_web_api_hostile_article_comes_back_as_inert_json(client: TestClient) -> None:
    hits = _ok(client, "/api/search", q="onerror")["articles"]
    assert [h["title"] for h in hits] == [HOSTILE_TITLE]
    response = client.get(f"/api/articles/{hits[0]['id']}")
    assert response.headers["content-type"] == "application/json"
    assert "<script>" not in response.headers.get("content-type", "")
    body = response.json()
    assert body["article"]["title"] == HOSTILE_TITLE
    assert body["article"]["text"] == HOSTILE_TEXT
    assert any(a["name"] == "Alibek Bakayev" for a in body["actors"])
    listed = _ok(client, "/api/events", since="2024-05-03", until="2024-05-03", limit=500)
    titles = {e["article_title"] for e in listed["events"]}
    assert HOSTILE_TITLE in titles


# -- errors: one shape, everywhere ----------------------------------------------------------

ERRORS = [
    ("GET", "/api/events/evt_nope", 404),
    ("GET", "/api/actors/ent_nope", 404),
    ("GET", "/api/articles/art_nope", 404),
    ("GET", "/api/nothing", 404),
    ("GET", "/no/such/page", 404),
    ("GET", "/api/events?type=bogus", 400),
    ("GET", "/api/events?status=rumoured", 400),
    ("GET", "/api/events?since=notadate", 400),
    ("GET", "/api/events?until=2024-02-30", 400),
    ("GET", "/api/events?since=2024-05&until=2024-04", 400),
    ("GET", "/api/events?country=ZZZ", 400),
    ("GET", "/api/events?country=Kazakhstan", 400),
    ("GET", "/api/actors?country=KZ", 400),
    ("GET", "/api/actors?name=Bakayev", 400),
    ("GET", "/api/actors?kind=planet", 400),
    ("GET", "/api/actors?office=" + "a" * 201, 422),
    ("GET", "/api/countries?limit=5", 400),
    ("GET", "/api/articles?limit=0", 422),
    ("GET", "/api/articles?q=x", 400),
    ("GET", "/api/events?limt=5", 400),
    ("GET", "/api/graph?country=XX", 400),
    ("GET", "/api/timeline?since=2024-13", 400),
    ("GET", "/api/events?limit=10000", 422),
    ("GET", "/api/events?limit=0", 422),
    ("GET", "/api/events?limit=ten", 422),
    ("GET", "/api/events?offset=-1", 422),
    ("GET", "/api/actors?limit=501", 422),
    ("GET", "/api/graph?level=planet", 422),
    ("GET", "/api/partners", 422),
    ("GET", "/api/partners?country=", 400),
    ("GET", "/api/partners?country=ZZZ", 400),
    ("GET", "/api/partners?country=398", 400),
    ("GET", "/api/partners?country=Kazakhstan", 400),
    ("GET", "/api/partners?country=" + "K" * 201, 422),
    ("GET", "/api/search", 422),
    ("GET", "/api/search?q=", 422),
    ("GET", "/api/search?q=" + "a" * 201, 422),
    ("GET", "/api/events?actor=" + "a" * 201, 422),
    ("POST", "/api/events", 405),
    ("PUT", "/api/events/evt_x", 405),
    ("DELETE", "/api/actors/ent_x", 405),
    ("PATCH", "/api/search", 405),
    ("POST", "/events", 405),
    ("GET", "/api/events?actor=" + "a" * (MAX_QUERY_BYTES + 1), 414),
    ("GET", "/api/search?q=" + "b" * 60_000, 414),
]


@pytest.mark.parametrize(("method", "url", "status"), ERRORS)
def test_web_api_errors_have_one_shape(
    client: TestClient, method: str, url: str, status: int
) -> None:
    response = client.request(method, url)
    assert response.status_code == status, response.text
    if url.startswith("/api") or status != 404:
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert set(body) == {"ok", "error", "status"}
        assert (body["ok"], body["status"]) == (False, status)
        assert isinstance(body["error"], str) and body["error"]
        assert "Traceback" not in body["error"]
    if status == 405:
        assert response.headers["allow"] == "GET, HEAD"


def test_web_api_100_kb_parameter_is_refused(client: TestClient) -> None:
    """Past what httpx sends, straight through ASGI: 100 kB of query string."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/api/search",
        "raw_path": b"/api/search",
        "root_path": "",
        "query_string": b"q=" + b"%22" * 34_000,
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    anyio.run(client.app, scope, receive, send)
    start, body = messages[0], b"".join(m.get("body", b"") for m in messages[1:])
    assert start["status"] == 414
    assert json.loads(body) == {"ok": False, "error": json.loads(body)["error"], "status": 414}


def test_web_api_request_body_is_refused(client: TestClient, db_path: str) -> None:
    before = _fingerprint(db_path)
    for method in ("GET", "POST"):
        response = client.request(method, "/api/events", content=b'{"a": 1}')
        expected = 413 if method == "GET" else 405
        assert response.status_code == expected
        assert response.json() == {
            "ok": False,
            "error": response.json()["error"],
            "status": expected,
        }
    assert _fingerprint(db_path) == before


def test_web_api_unexpected_errors_are_json_without_traceback(db_path: str) -> None:
    app = create_app(db_path)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    @app.get("/api/store-broken")
    def store_broken() -> None:
        raise StoreError("cannot read the database: disk I/O error", source="/srv/db")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/boom")
        assert response.status_code == 500
        assert response.json() == {"ok": False, "error": "internal error", "status": 500}
        assert response.headers["x-content-type-options"] == "nosniff"
        broken = test_client.get("/api/store-broken")
        assert broken.json() == {
            "ok": False,
            "error": "cannot read the database: disk I/O error",
            "status": 500,
        }


def test_web_api_missing_database_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        create_app(str(tmp_path / "none.db"))
    assert not (tmp_path / "none.db").exists()


# -- headers, methods, schema ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/events"),
        ("GET", "/api/events/evt_nope"),
        ("GET", "/api/events?limit=10000"),
        ("POST", "/api/events"),
        ("GET", "/openapi.json"),
        ("HEAD", "/api/actors"),
    ],
)
def test_web_api_security_headers_on_every_response(
    client: TestClient, method: str, url: str
) -> None:
    response = client.request(method, url)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_web_api_head_is_a_get_without_body(client: TestClient) -> None:
    response = client.head("/api/actors")
    assert response.status_code == 200 and response.content == b""


def test_web_api_openapi_lists_every_endpoint_with_typed_responses(client: TestClient) -> None:
    schema = _ok_schema(client)
    for path in ENDPOINTS:
        operation = schema["paths"][path]["get"]
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok, path
        assert "404" in operation["responses"]
    assert set(schema["components"]["schemas"]) >= {"Event", "Actor", "Graph", "ErrorBody"}
    assert not [p for p in schema["paths"] if p.startswith("/api") and p not in ENDPOINTS]


def _ok_schema(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    return schema


def test_web_api_answers_in_milliseconds(client: TestClient) -> None:
    import time

    for url in (
        "/api/events?limit=50",
        "/api/graph?level=country",
        "/api/timeline",
        "/api/search?q=minister",
    ):
        client.get(url)  # warm
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        assert time.perf_counter() - started < 1.0, url


def test_web_api_create_app_is_a_fastapi_app(db_path: str) -> None:
    assert isinstance(create_app(db_path), FastAPI)


def test_web_api_upgrades_an_older_store_before_serving(
    tmp_db: str, sample_extractions: list[Extraction]
) -> None:
    with open_store(tmp_db) as store:
        for extraction in sample_extractions:
            store.save(extraction)
    with sqlite3.connect(tmp_db) as conn:  # a v2 store: no search tables yet
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE article_search")
        conn.execute("DROP TABLE entity_name_search")
        conn.execute("DROP TABLE event_months")
        conn.execute("UPDATE schema_version SET version = 2")
    with TestClient(create_app(tmp_db)) as test_client:
        found = _ok(test_client, "/api/search", q="Lapecorella")
    assert [a["name"] for a in found["actors"]] == ["Fabrizia Lapecorella"]
