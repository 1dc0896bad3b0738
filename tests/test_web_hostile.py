"""Hostile requests against the real app on a real store (``samples/``): SQL injection in
every parameter, 100 kB parameters, bad types, path traversal, null bytes, odd unicode,
repeated parameters, huge and negative numbers. Each answers 200 (a harmless query) or a 4xx
in the one JSON error shape, never a 500, and the database is left as it was.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_to_bytes

import anyio
import pytest

from diplograph.pipeline import extract_inputs
from diplograph.store import open_store
from diplograph.web import create_app

with warnings.catch_warnings():  # starlette's TestClient nags about httpx vs httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
SQLI = (
    "' OR 1=1 --",
    "x'); DROP TABLE events; --",
    '" OR ""="',
    "1; DELETE FROM articles",
    "KAZ' UNION SELECT sql FROM sqlite_master --",
    "*) OR (1=1",
    "name:* NEAR/1 a OR b",  # FTS query syntax
    "%_%",
    "\\",
)
EVENT_FILTERS = ("actor", "actor_id", "country", "type", "status", "since", "until")
PARAMS = {
    "/api/events": (*EVENT_FILTERS, "limit", "offset"),
    "/api/graph": (*EVENT_FILTERS, "level", "limit"),
    "/api/timeline": EVENT_FILTERS,
    "/api/actors": ("q", "country", "office", "kind", "limit", "offset"),
    "/api/articles": ("limit", "offset"),
    "/api/search": ("q", "limit"),
    "/api/partners": ("country",),
}
# What each endpoint needs besides the parameter under test (any other would be refused).
REQUIRED = {"/api/search": {"q": "x"}}
ODD = (
    "\x00",
    "KAZ\x00",
    "\u202ekaz\u202c",  # right-to-left override
    "K\u200bAZ",  # zero-width space
    "\ufeffKAZ",
    "\U0001f600" * 50,
    "Z\u0351\u0352\u0353\u0354" * 10,  # combining marks
    "\ud7ff\ue000\uffff",
    "K\u0410Z",  # Cyrillic A
    "\r\nSet-Cookie: x=1",
    "<script>alert(1)</script>",
    "../../etc/passwd",
)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("hostile") / "web.db")
    with open_store(path) as store:
        for extraction in extract_inputs([str(ROOT / "samples")]):
            store.save(extraction)
    return path


@pytest.fixture(scope="module")
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ids(client: TestClient) -> dict[str, str]:
    event = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    actor = client.get("/api/actors", params={"limit": 1}).json()["actors"][0]
    return {"event": event["id"], "actor": actor["id"], "article": event["article_id"]}


def _fingerprint(path: str) -> str:
    """A digest of every row of every table (and of the schema)."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for name, kind, sql in conn.execute(
            "SELECT name, type, sql FROM sqlite_master ORDER BY name"
        ).fetchall():
            digest.update(repr((name, kind, sql)).encode())
            if kind == "table":
                rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
                digest.update(repr(sorted(rows, key=repr)).encode())
    return digest.hexdigest()


def _harmless(status: int, headers: Any, body: bytes, path: str) -> None:
    """200, or a 4xx in the one JSON error shape (on /api, always JSON)."""
    assert status == 200 or 400 <= status < 500, (status, body[:300])
    assert b"Traceback" not in body
    assert b"root:x:0:0" not in body
    if status == 200 and not path.startswith("/api"):
        return
    if path.startswith("/api") or headers.get("content-type") == "application/json":
        assert headers["content-type"] == "application/json"
        parsed = json.loads(body)
        if status == 200:
            assert parsed["ok"] is True
        else:
            assert parsed == {"ok": False, "error": parsed["error"], "status": status}
            assert isinstance(parsed["error"], str) and parsed["error"]


def _check(client: TestClient, url: str, params: Any = None) -> int:
    response = client.get(url, params=params)
    _harmless(response.status_code, response.headers, response.content, url)
    return response.status_code


def _raw(client: TestClient, path: bytes, query: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """One GET straight through ASGI: a raw path and query string, as a client could send."""
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
        "path": unquote_to_bytes(path).decode("utf-8", "replace"),
        "raw_path": path,
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    anyio.run(client.app, scope, receive, send)
    start = messages[0]
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in messages[1:])


@pytest.mark.parametrize("url", sorted(PARAMS))
def test_web_hostile_sql_injection_in_every_parameter(
    client: TestClient, db_path: str, url: str
) -> None:
    before = _fingerprint(db_path)
    for name in PARAMS[url]:
        for value in SQLI:
            _check(client, url, {**REQUIRED.get(url, {}), name: value})
    assert _fingerprint(db_path) == before


def test_web_hostile_sql_injection_in_every_path_id(
    client: TestClient, db_path: str, ids: dict[str, str]
) -> None:
    before = _fingerprint(db_path)
    for kind in ("events", "actors", "articles"):
        for value in SQLI:
            assert _check(client, f"/api/{kind}/{quote(value, safe='')}") in (404, 422)
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize("url", sorted(PARAMS))
def test_web_hostile_100_kb_parameter_anywhere_is_414(
    client: TestClient, db_path: str, url: str
) -> None:
    before = _fingerprint(db_path)
    for name in PARAMS[url]:
        status, headers, body = _raw(client, url.encode(), name.encode() + b"=" + b"a" * 100_000)
        assert status == 414
        _harmless(status, headers, body, url)
    assert _fingerprint(db_path) == before


BAD_TYPES = [
    "limit=1.5",
    "limit=1e3",
    "limit=true",
    "limit=",
    "limit=%20",
    "limit=0x10",
    "limit=%00",
    "offset=abc",
    "offset=1.0",
    "offset=NaN",
    "offset=Infinity",
    "limit=-1",
    "limit=-0",
    "offset=-5",
    "offset=-99999999999999999999",
    "limit=99999999999999999999999999999999",
    "offset=99999999999999999999999999999999",
    "offset=1000000001",
    "limit=%EF%BC%91",  # fullwidth digit one
    "limit[]=5",
]


@pytest.mark.parametrize("query", BAD_TYPES)
@pytest.mark.parametrize("url", ["/api/events", "/api/actors", "/api/search?q=x"])
def test_web_hostile_bad_numbers_are_4xx_or_harmless(
    client: TestClient, url: str, query: str
) -> None:
    joiner = "&" if "?" in url else "?"
    _check(client, f"{url}{joiner}{query}")


def test_web_hostile_largest_offset_is_an_empty_page(client: TestClient) -> None:
    body = client.get("/api/events", params={"offset": 1_000_000_000, "limit": 500}).json()
    assert body["ok"] is True and body["events"] == [] and body["total"] > 0
    assert client.get("/api/actors", params={"offset": 1_000_000_000}).json()["actors"] == []


TRAVERSALS = [
    b"/static/../../etc/passwd",
    b"/static/..%2F..%2Fetc%2Fpasswd",
    b"/static/%2e%2e/%2e%2e/etc/passwd",
    b"/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/static/..%5c..%5cetc%5cpasswd",
    b"/static/%252e%252e/%252e%252e/etc/passwd",
    b"/static/..%c0%af..%c0%afetc/passwd",
    b"/static//etc/passwd",
    b"/static/%00/etc/passwd",
    b"/api/articles/..%2F..%2Fetc%2Fpasswd",
    b"/api/articles/../../etc/passwd",
    b"/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/api/articles/%252e%252e%252fetc%252fpasswd",
    b"/api/events/..%2F..%2F..%2Fetc%2Fpasswd",
    b"/api/actors/%00",
    b"/api/../../etc/passwd",
    b"/api/events/%ff%fe",
]


@pytest.mark.parametrize("path", TRAVERSALS, ids=lambda p: p.decode())
def test_web_hostile_path_traversal_reads_nothing(
    client: TestClient, db_path: str, path: bytes
) -> None:
    before = _fingerprint(db_path)
    status, headers, body = _raw(client, path)
    assert 400 <= status < 500, (status, body[:200])
    _harmless(status, headers, body, path.decode("latin-1"))
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize("value", ODD, ids=range(len(ODD)))
def test_web_hostile_null_bytes_and_odd_unicode(
    client: TestClient, db_path: str, value: str
) -> None:
    before = _fingerprint(db_path)
    for url, names in PARAMS.items():
        for name in names:
            _check(client, url, {**REQUIRED.get(url, {}), name: value})
    for kind in ("events", "actors", "articles"):
        assert _check(client, f"/api/{kind}/{quote(value, safe='')}") in (404, 422)
    response = client.get("/api/search", params={"q": value})
    assert "set-cookie" not in response.headers
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize(
    "query",
    [b"q=%ff%fe", b"country=%ff", b"q=%", b"q=%zz", b"q=%%%%", b"&&&&=&=", b"q=a&&&q=&=x"],
)
def test_web_hostile_malformed_query_strings(client: TestClient, query: bytes) -> None:
    for url in ("/api/search", "/api/events", "/api/actors"):
        status, headers, body = _raw(client, url.encode(), query)
        _harmless(status, headers, body, url)


def test_web_hostile_repeated_parameters(client: TestClient, db_path: str) -> None:
    before = _fingerprint(db_path)
    for url in (
        "/api/events?country=KAZ&country=NOR&country=ZZZ",
        "/api/events?limit=1&limit=2&limit=ten",
        "/api/events?limit=5&limit=5&offset=0&offset=1",
        "/api/actors?q=a&q=b&country=KAZ&country=KAZ",
        "/api/actors?office=a&office=b&kind=person&kind=planet",
        "/api/search?q=Kazakhstan&q=Norway",
        "/api/graph?level=actor&level=country&level=planet",
        "/api/timeline?type=MEETING&type=VISIT&since=2020&since=2024",
        "/api/events?" + "&".join(["type=MEETING"] * 300),
    ):
        _check(client, url)
    assert _fingerprint(db_path) == before


def test_web_hostile_many_unknown_parameters_in_the_limit_are_400(client: TestClient) -> None:
    query = "&".join(f"p{i}=1" for i in range(700))[:4000]
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400
    _harmless(response.status_code, response.headers, response.content, "/api/events")
    assert len(response.json()["error"]) < 300  # a few names, not 700


# -- issue 14: the calendar, the feeds and the downloads (web/feeds.py) ------------------------

FEEDS = {
    "/calendar": EVENT_FILTERS,
    "/calendar.ics": EVENT_FILTERS,
    "/calendar.csv": EVENT_FILTERS,
    "/calendar.json": EVENT_FILTERS,
    "/events.atom": EVENT_FILTERS,
    "/events.csv": EVENT_FILTERS,
    "/events.json": EVENT_FILTERS,
}
INDEX_DOWNLOADS = {
    "/actors.csv": ("q", "country", "office", "kind"),
    "/actors.json": ("q", "country", "office", "kind"),
    "/countries.csv": (),
    "/countries.json": (),
    "/articles.csv": (),
    "/articles.json": (),
}
CRLF = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:pwned\r\nSUMMARY:pwned"
FEED_MARKUP = '"><script>alert(1)</script><![CDATA[x]]>&amp;\x00\x0b\ufffe'


@pytest.mark.parametrize("url", sorted(FEEDS))
def test_web_hostile_feeds_injection_in_every_parameter(
    client: TestClient, db_path: str, url: str
) -> None:
    before = _fingerprint(db_path)
    for name in FEEDS[url]:
        for value in (*SQLI, *ODD, CRLF, FEED_MARKUP):
            _check(
                client, url, {name: value, "since": "2000"} if name != "since" else {name: value}
            )
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize("url", sorted(FEEDS))
def test_web_hostile_feeds_bad_and_huge_values_are_4xx(client: TestClient, url: str) -> None:
    for query, status in (
        ({"country": "ZZZ"}, 400),
        ({"country": "KAZ\r\nX-Injected: 1"}, 400),
        ({"type": "bogus"}, 400),
        ({"since": "2024-13-01"}, 400),
        ({"actor": "a" * 201}, 422),
        ({"country": "K" * 3000}, 422),
    ):
        response = client.get(url, params=query)
        assert response.status_code == status, (url, query, response.text[:200])
        assert "x-injected" not in response.headers
        _harmless(response.status_code, response.headers, response.content, url)
    status, headers, body = _raw(client, url.encode(), b"actor=" + b"a" * 100_000)
    assert status == 414
    _harmless(status, headers, body, url)


def test_web_hostile_feeds_crlf_in_a_filter_opens_no_ics_property(client: TestClient) -> None:
    import icalendar

    response = client.get("/calendar.ics", params={"actor": CRLF, "since": "2000"})
    assert response.status_code == 200
    lines = response.content.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 0
    assert not [line for line in lines if line.startswith((b"UID:", b"SUMMARY:"))]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert not list(calendar.walk("VEVENT"))
    assert "UID:pwned" in str(calendar["X-WR-CALNAME"])  # kept as text, on its own line
    names = [line for line in lines if line.startswith(b"X-WR-CALNAME:")]
    assert len(names) == 1 and b"\\n" in names[0]


def test_web_hostile_feeds_markup_in_a_filter_stays_text_in_atom(client: TestClient) -> None:
    import feedparser

    for value in (FEED_MARKUP, CRLF, "]]><x/>"):
        response = client.get("/events.atom", params={"actor": value})
        assert response.status_code == 200
        assert b"<script" not in response.content and b"<x/>" not in response.content
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, (value, feed.get("bozo_exception"))
        assert feed.entries == []
    feed = feedparser.parse(client.get("/events.atom", params={"actor": FEED_MARKUP}).content)
    assert "<script>alert(1)</script>" in feed.feed.title  # the value, as text


def test_web_hostile_feeds_filter_values_stay_out_of_the_file_name(client: TestClient) -> None:
    for url in ("/events.csv", "/events.json", "/calendar.csv", "/calendar.json"):
        response = client.get(url, params={"actor": '"; filename="evil.exe', "country": "kaz"})
        assert response.status_code == 200
        disposition = response.headers["content-disposition"]
        assert disposition.count('"') == 2 and "evil" not in disposition
        assert "country-KAZ" in disposition


def test_web_hostile_feeds_calendar_page_escapes_the_form(client: TestClient) -> None:
    response = client.get("/calendar", params={"actor": FEED_MARKUP.replace("\x00", "")})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


# -- issue 14: the home page, the indexes, unknown parameters ------------------------------

PAGE_PARAMS = {
    "/": (),
    "/actors": ("q", "country", "office", "kind", "offset"),
    "/countries": (),
    "/articles": ("offset",),
}
MARKUP = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
)
API_ROUTES = ("/api/events", "/api/actors", "/api/articles", "/api/countries", "/api/graph")


def _page(client: TestClient, url: str, params: Any = None) -> tuple[int, str]:
    """An HTML page answering 200 or 400 (never a 500, never JSON), and its text."""
    response = client.get(url, params=params)
    assert response.status_code in (200, 400), (url, params, response.status_code)
    assert response.headers["content-type"].startswith("text/html"), response.headers
    assert "Traceback" not in response.text
    return response.status_code, response.text


@pytest.mark.parametrize("url", sorted(PAGE_PARAMS))
def test_web_hostile_index_pages_never_reflect_markup(
    client: TestClient, db_path: str, url: str
) -> None:
    before = _fingerprint(db_path)
    for name in (*PAGE_PARAMS[url], "unused", *MARKUP):  # a page ignores what it does not take
        for value in (*MARKUP, *SQLI, *ODD):
            _, html = _page(client, url, {name: value})
            for payload in MARKUP:
                assert payload not in html, (name, payload)
            assert "<svg onload" not in html and "<img src=x" not in html
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize("name", PAGE_PARAMS["/actors"])
def test_web_hostile_index_pages_huge_values(client: TestClient, name: str) -> None:
    status, html = _page(client, "/actors", {name: "a" * 1000})
    assert status == 400 and 'role="alert"' in html
    assert "a" * 1000 not in html
    status, headers, body = _raw(client, b"/actors", name.encode() + b"=" + b"a" * 100_000)
    assert status == 414
    _harmless(status, headers, body, "/actors")
    for offset in ("99999999999999999999999999", "-1", "1e9", "0x10", "\uff11", " "):
        status, _ = _page(client, "/articles", {"offset": offset})
        assert status == (200 if offset == " " else 400), offset


@pytest.mark.parametrize(
    "code", ["ZZZ", "KZ", "KAZAKHSTAN", "K\u0410Z", "KAZ\x00", "../KAZ", "<b>", "ATA' --"]
)
def test_web_hostile_bad_country_on_the_actors_page_is_a_400_page(
    client: TestClient, code: str
) -> None:
    status, html = _page(client, "/actors", {"country": code})
    assert status == 400
    assert 'class="error" role="alert"' in html
    assert 'data-testid="actor-row"' not in html


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", "\x00", "'; DROP TABLE articles; --", "\u202e", "limit[]"],
    ids=range(5),
)
def test_web_hostile_unknown_parameter_names_are_refused(
    client: TestClient, db_path: str, name: str
) -> None:
    before = _fingerprint(db_path)
    for url in (*API_ROUTES, "/api/search?q=x"):
        response = client.get(url, params={name: "1"})
        assert response.status_code == 400, (url, name, response.text)
        _harmless(response.status_code, response.headers, response.content, url)
        assert response.headers["content-type"] == "application/json"
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize("url", sorted(INDEX_DOWNLOADS))
def test_web_hostile_index_downloads_take_any_value_harmlessly(
    client: TestClient, db_path: str, url: str
) -> None:
    """The index pages' downloads (web/lists.py): every hostile value of every filter is a
    clean answer (a file, or a 4xx in the error shape), nothing stored changes, and no value
    reaches a header."""
    before = _fingerprint(db_path)
    assert _check(client, url) == 200
    assert _check(client, url, {"other": FEED_MARKUP, "q" + CRLF: CRLF}) in (200, 400)
    for name in INDEX_DOWNLOADS[url]:
        for value in (*SQLI, *ODD, CRLF, FEED_MARKUP, "a" * 201):
            response = _check(client, url, {name: value})
            assert response in (200, 400, 422), (url, name, value, response)
    for query in ({"country": "KAZ\r\nX-Injected: 1"}, {"kind": "\r\nX-Injected: 1"}):
        if set(query) <= set(INDEX_DOWNLOADS[url]):
            response = client.get(url, params=query)
            assert response.status_code == 400 and "x-injected" not in response.headers
    assert _fingerprint(db_path) == before


@pytest.mark.parametrize(
    "value",
    ["KAZ' OR 1=1 --", "K%AZ", "KA_", "kaz\x00", "KAZ,NOR", "398", "-99", "KAZ/../NOR", "КАZ"],
)
def test_web_hostile_partners_country_is_an_iso3_code_or_400(
    client: TestClient, db_path: str, value: str
) -> None:
    """The map's endpoint takes one ISO3 code, never a pattern, a list or a number."""
    before = _fingerprint(db_path)
    assert _check(client, "/api/partners", {"country": value}) == 400
    assert _check(client, "/api/partners?country=KAZ&country=NOR&country=%00") in (200, 400)
    assert _fingerprint(db_path) == before
