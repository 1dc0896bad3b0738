"""The HTML pages (docs/web.md) over a real SQLite store: the samples, the shared seed page
and dev set when present, and a hostile article whose title and text are injection attempts.

Every page answers 200 with the store's actors and counts, unknown ids answer 404, and the
hostile article comes out as text wherever it is shown: parsed with ``html.parser``, no
element carries an ``on*`` attribute, no link a ``javascript:`` URL, no script is inline.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from diplograph import query
from diplograph.pipeline import extract_inputs
from diplograph.store import Store, open_store

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
with warnings.catch_warnings():
    # Starlette 1.x would rather have httpx2; httpx is what pyproject's dev extra installs.
    warnings.filterwarnings("ignore", message=r".*httpx2", category=UserWarning)
    from fastapi.testclient import TestClient

try:
    from diplograph.web import create_app, pages
except ImportError as exc:  # pragma: no cover - only before web/app.py lands (docs/web.md)
    pytest.skip(f"the web app is not there yet: {exc}", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SHARED_INPUTS = [SHARED / "corpus" / "000_5d660a483205698d.txt", SHARED / "corpus" / "dev.jsonl"]
BUNDLE = ROOT / "src" / "diplograph" / "web" / "static" / "dist" / "app.js"

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_LINK = '<a href="javascript:alert(1)">x</a>'
HOSTILE_PAGE = f""" date 2024-05-02 02.05.2024, 10:15 321
{HOSTILE_TITLE}

Foreign Minister of Kazakhstan Murat Nurtleu met with Foreign Minister of Uzbekistan \
Bakhtiyor Saidov in Astana on 2 May 2024 to discuss {HOSTILE_IMG} trade, the press \
service of the Kazakh MFA reports.
The parties discussed {HOSTILE_LINK} transport cooperation.
"""


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.in_script = False
        self.script_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}))
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.script_text += data


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_safe(html: str) -> None:
    """No handler attributes, no javascript: links, no inline or foreign scripts, no <img>."""
    parsed = _parse(html)
    assert "<script>alert" not in html
    for tag, attrs in parsed.tags:
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, (tag, attrs)
        for name in ("href", "src", "action", "xlink:href"):
            value = re.sub(r"[\s\x00-\x1f]", "", attrs.get(name, "")).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)  # CSP style-src 'self'
        assert tag != "img", attrs
        if tag == "script":
            assert attrs.get("src") in ("/static/dist/app.js", "/static/dist/docs.js"), attrs
    assert not parsed.script_text.strip()


# -- the store and the app ----------------------------------------------------------------


def _ingest(store: Store, inputs: list[Path]) -> None:
    errors: list[Exception] = []
    for extraction in extract_inputs([str(p) for p in inputs], None, errors.append):
        store.save(extraction)
    assert not errors, errors


def _future_page(today: date) -> str:
    """A press release published today announcing a visit 40 days on: an upcoming event."""
    when = today + timedelta(days=40)
    return f""" date {today.isoformat()} {today:%d.%m.%Y}, 10:15 321
Kazakh Foreign Minister to pay an official visit to Oslo

Foreign Minister of Kazakhstan Murat Nurtleu will pay an official visit to Norway on \
{when.day} {when:%B} {when.year}, the press service of the Kazakh MFA reports.
During the visit, Murat Nurtleu is expected to meet with Foreign Minister of Norway \
Espen Barth Eide.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("web-pages")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE_PAGE, encoding="utf-8")
    future = tmp / "future.txt"
    future.write_text(_future_page(date.today()), encoding="utf-8")
    path = str(tmp / "web.db")
    with open_store(path) as store:
        _ingest(store, [SAMPLES, hostile, future])
    return path


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory, db: str) -> str:
    missing = [str(p) for p in SHARED_INPUTS if not p.exists()]
    if missing:
        pytest.skip(f"needs the shared seed page and dev set: missing {', '.join(missing)}")
    path = str(tmp_path_factory.mktemp("web-pages-shared") / "web.db")
    shutil.copy(db, path)
    with open_store(path) as store:
        _ingest(store, SHARED_INPUTS)
    return path


def _client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as client:
        yield client


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    yield from _client(db)


@pytest.fixture(scope="module")
def shared_client(shared_db: str) -> Iterator[TestClient]:
    yield from _client(shared_db)


@pytest.fixture(scope="module")
def store(db: str) -> Iterator[Store]:
    with open_store(db, create=False) as opened:
        yield opened


def _page(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html"), response.headers
    assert_safe(response.text)
    return response.text


def _testid(html: str, name: str) -> int:
    return len(re.findall(rf'data-testid="{re.escape(name)}"', html))


def _hostile_article(store: Store) -> dict[str, Any]:
    found = [a for a in store.list_articles() if a["title"] == HOSTILE_TITLE]
    assert found, "the hostile article was not stored"
    return found[0]


def _hostile_event(store: Store, article_id: str) -> dict[str, Any]:
    found = [
        e for e in store.find_events() if any(s["article_id"] == article_id for s in e["sources"])
    ]
    assert found, "the hostile article gave no event"
    return found[0]


# -- the pages ----------------------------------------------------------------------------


def test_web_pages_events_lists_every_event(client: TestClient, store: Store) -> None:
    html = _page(client, "/events")
    total = len(store.find_events())
    assert _testid(html, "event-row") == min(total, pages.PAGE_SIZE)
    for name in ("filter-form", "events-table", "timeline-chart"):
        assert _testid(html, name) == 1, name
    form = next(
        attrs for tag, attrs in _parse(html).tags if attrs.get("data-testid") == "filter-form"
    )
    assert form.get("method", "get").lower() == "get"
    for field in ("actor", "country", "type", "status", "since", "until"):
        assert f'name="{field}"' in html, field
    assert 'data-endpoint="/api/timeline"' in html or "data-chart" in html


def test_web_pages_events_filtered_by_type(client: TestClient, store: Store) -> None:
    every = _testid(_page(client, "/events"), "event-row")
    html = _page(client, "/events?type=MEETING")
    rows = re.findall(r'data-testid="event-row" data-type="([A-Z]+)"', html)
    meetings = len(store.find_events(type="MEETING"))
    assert 0 < len(rows) == min(meetings, pages.PAGE_SIZE) < every
    assert set(rows) == {"MEETING"}
    assert 'value="MEETING" selected' in html
    if pages.BUNDLE.is_file():
        assert 'data-endpoint="/api/timeline?type=MEETING"' in html


def test_web_pages_events_empty_filters_are_ignored(client: TestClient) -> None:
    html = _page(client, "/events?actor=&country=&type=&status=&since=&until=")
    assert _testid(html, "event-row") == _testid(_page(client, "/events"), "event-row")


def test_web_pages_events_bad_filter_is_400_with_the_message(client: TestClient) -> None:
    html = _page(client, "/events?country=ZZZ", status=400)
    assert "is not an ISO 3166-1 alpha-3 country code" in html
    assert _testid(html, "event-row") == 0


def test_web_pages_event_shows_participants_and_evidence(client: TestClient, store: Store) -> None:
    event = next(e for e in store.find_events(country="KAZ") if len(e["participants"]) >= 2)
    html = _page(client, f"/events/{event['id']}")
    assert event["type"] in html and event["status"] in html
    for p in event["participants"]:
        assert f'href="/actors/{p["actor_id"]}"' in html, p
    assert _testid(html, "evidence") == 1
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", html, re.S)
    assert marked, "no evidence marked"
    for source in event["sources"]:
        assert f'href="/articles/{source["article_id"]}"' in html


def test_web_pages_actor_shows_offices_and_partners(client: TestClient, store: Store) -> None:
    actor = next(a for a in store.find_actors() if a["kind"] == "person" and a["offices"])
    html = _page(client, f"/actors/{actor['id']}")
    assert actor["name"] in html
    assert _testid(html, "actor-offices") == 1 and _testid(html, "partners") == 1
    for office in actor["offices"]:
        assert office["title"].replace("'", "&#39;") in html
    partners = re.search(r'data-testid="partners".*?</ul>', html, re.S)
    assert partners and "/actors/" in partners.group(0)


def test_web_pages_country_lists_partners(client: TestClient, store: Store) -> None:
    html = _page(client, "/countries/KAZ")
    assert "Kazakhstan" in html
    assert _testid(html, "network-chart") == 1 and _testid(html, "timeline-chart") == 1
    partners = [r["partner"] for r in store.partner_counts() if r["country"] == "KAZ"]
    assert {"NOR", "HUN", "GHA"} <= set(partners), partners
    table = re.search(r'data-testid="partners".*?</table>', html, re.S)
    assert table is not None
    for code in ("NOR", "HUN", "GHA"):
        assert f'href="/countries/{code}"' in table.group(0)
    assert _testid(html, "event-row") == len(store.find_events(country="KAZ"))
    if pages.BUNDLE.is_file():
        assert 'data-endpoint="/api/graph?level=country&amp;country=KAZ"' in html


def test_web_pages_country_has_a_map_and_a_network_time_filter(client: TestClient) -> None:
    html = _page(client, "/countries/KAZ")
    assert _testid(html, "map-chart") == 1
    if not pages.BUNDLE.is_file():
        pytest.skip("the chart bundle is not built")
    assert 'data-chart="map"' in html
    assert 'data-endpoint="/api/partners?country=KAZ"' in html
    form = re.search(r'<form[^>]*data-testid="network-filter".*?</form>', html, re.S)
    assert form is not None and "onsubmit" not in form.group(0)
    months = client.get("/api/timeline", params={"country": "KAZ"}).json()["months"]
    for name in ("since", "until"):
        field = re.search(rf'<input type="month" name="{name}"[^>]*>', form.group(0))
        assert field is not None, name
        assert f'min="{months[0]}"' in field.group(0) and f'max="{months[-1]}"' in field.group(0)
    assert '<button type="submit">' in form.group(0) and '<button type="reset"' in form.group(0)


def test_web_pages_country_code_any_case(client: TestClient) -> None:
    assert "Kazakhstan" in _page(client, "/countries/kaz")


def test_web_pages_article_marks_actors_and_evidence(client: TestClient, store: Store) -> None:
    article = next(
        a for a in store.list_articles() if a["events"] and "Norway" in (a["title"] or "")
    )
    html = _page(client, f"/articles/{article['id']}")
    assert _testid(html, "article-text") == 1
    body = re.search(r'data-testid="article-text">(.*?)</div>', html, re.S)
    assert body is not None
    assert "<mark" in body.group(1) and 'class="actor"' in body.group(1)


def test_web_pages_search_finds_articles_and_actors(client: TestClient) -> None:
    html = _page(client, "/search?q=Norway")
    assert _testid(html, "search-results") == 1
    results = html.split('data-testid="search-results"', 1)[1]
    assert "/articles/" in results and "Norway" in results


def test_web_pages_search_without_query_shows_the_form(client: TestClient) -> None:
    html = _page(client, "/search")
    assert 'name="q"' in html and "/articles/" not in html


def test_web_pages_search_too_long_is_400(client: TestClient) -> None:
    _page(client, "/search?q=" + "a" * 201, status=400)


@pytest.mark.parametrize(
    "path",
    [
        "/events/evt_nope",
        "/actors/ent_nope",
        "/articles/nope",
        "/countries/ZZZ",
        "/countries/Kazakhstan",
        "/countries/ATA",  # a real code with nothing stored
    ],
)
def test_web_pages_unknown_ids_are_404(client: TestClient, path: str) -> None:
    html = _page(client, path, status=404)
    assert "Not found" in html


# -- hostile input ------------------------------------------------------------------------


def test_web_pages_hostile_article_is_escaped_everywhere(client: TestClient, store: Store) -> None:
    article = _hostile_article(store)
    event = _hostile_event(store, article["id"])
    actors = {p["actor_id"] for p in event["participants"]}
    paths = [
        f"/articles/{article['id']}",
        f"/events/{event['id']}",
        "/events?actor=Nurtleu",
        "/search?q=trade",
        "/search?q=" + HOSTILE_TITLE,
        *[f"/actors/{a}" for a in actors],
        "/countries/KAZ",
    ]
    for path in paths:
        html = _page(client, path)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
    article_html = _page(client, f"/articles/{article['id']}")
    assert "&lt;img src=x onerror=alert(1)&gt;" in article_html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;" in article_html


def test_web_pages_hostile_query_is_not_reflected(client: TestClient) -> None:
    for path in (
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg+src%3Dx+onerror%3D1%3E",
        "/events?actor=%22%3E%3Csvg+onload%3Dalert(1)%3E",
    ):
        _page(client, path)


def test_web_pages_only_http_urls_become_links() -> None:
    from diplograph.web.marks import external_url

    assert external_url("https://mfa.gov.kz/en/news/1") == "https://mfa.gov.kz/en/news/1"
    assert external_url("http://example.org/a?b=c") == "http://example.org/a?b=c"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example/",
        "/relative",
        'https://x.org/"onmouseover="alert(1)',
        None,
        "",
    ):
        assert external_url(bad) is None, bad


def test_web_pages_mark_text_escapes_every_segment() -> None:
    from diplograph.web.marks import Span, mark_text

    text = 'A <b>met</b> "B" & C.'
    html = str(mark_text(text, [Span(0, 21, "evidence"), Span(2, 5, "actor", "/actors/x", "<b")]))
    assert html.startswith(
        '<mark class="evidence">A <a class="actor" href="/actors/x" title="&lt;b">'
    )
    assert 'title="&lt;b">&lt;b&gt;</a>met&lt;/b&gt; &#34;B&#34; &amp; C.</mark>' in html
    assert html.endswith("</mark>")


# -- the shared corpus --------------------------------------------------------------------


def test_web_pages_shared_corpus_pages_answer(shared_client: TestClient, shared_db: str) -> None:
    with open_store(shared_db, create=False) as opened:
        events = opened.find_events(country="KAZ", type="MEETING")
        actors = opened.find_actors(limit=5)
        articles = opened.list_articles(limit=5)
    assert events, "no KAZ meeting in the shared corpus"
    html = _page(shared_client, "/events?country=KAZ&type=MEETING")
    assert _testid(html, "event-row") == min(len(events), pages.PAGE_SIZE)
    for event in events[:5]:
        _page(shared_client, f"/events/{event['id']}")
    for actor in actors:
        assert actor["name"].replace("'", "&#39;") in _page(shared_client, f"/actors/{actor['id']}")
    for article in articles:
        _page(shared_client, f"/articles/{article['id']}")
    assert _testid(_page(shared_client, "/countries/KAZ"), "event-row") > 0


# -- the bundle ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle() -> Path:
    """``make assets`` once, when npm is here and the bundle is not built yet."""
    if not BUNDLE.is_file():
        if shutil.which("npm") is None or shutil.which("make") is None:
            pytest.skip("npm (Node.js) is needed to build the chart bundle (make assets)")
        done = subprocess.run(
            ["make", "assets"], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert BUNDLE.is_file()
    return BUNDLE


def test_web_pages_bundle_is_served(client: TestClient, bundle: Path) -> None:
    response = client.get("/static/dist/app.js")
    assert response.status_code == 200
    assert response.content == bundle.read_bytes()
    assert "javascript" in response.headers["content-type"]
    html = _page(client, "/countries/KAZ")
    assert '<script src="/static/dist/app.js" defer></script>' in html
    assert 'data-chart="network"' in html and "Drawing chart" in html
    # the charts' data comes with the page: the API's answer for the same endpoint
    initial = re.findall(r'data-endpoint="([^"]+)" data-initial="([^"]+)"', html)
    assert len(initial) == 3  # the map, the network and the timeline
    for endpoint, data in initial:
        answer = client.get(unescape(endpoint)).json()
        assert json.loads(unescape(data)) == {
            k: v for k, v in answer.items() if k not in ("ok", "level")
        }


def test_web_pages_chart_code_sets_text_never_html() -> None:
    sources = sorted((ROOT / "src" / "diplograph" / "web" / "frontend" / "src").glob("*.js"))
    assert sources
    for source in sources:
        code = source.read_text(encoding="utf-8")
        for banned in (
            ".html(",
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "eval(",
            ".style(",
        ):
            assert banned not in code, (source.name, banned)


def test_web_pages_without_bundle_show_a_notice(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pages, "BUNDLE", tmp_path / "missing.js")
    html = _page(client, "/countries/KAZ")
    assert "/static/dist/app.js" not in html
    assert "Charts are not built" in html
    assert _testid(html, "event-row") > 0
    # the network's time filter needs the bundle: without it, no dead form
    assert _testid(html, "network-filter") == 0 and _testid(html, "map-chart") == 1


def test_web_pages_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and "text/css" in response.headers["content-type"]


def test_docs_page_lists_every_api_endpoint(client: TestClient) -> None:
    """/docs: Swagger UI's container and a plain table of every /api operation from the
    app's own OpenAPI schema, with its parameters."""
    html = _page(client, "/docs")
    assert_safe(html)
    schema = client.get("/openapi.json").json()
    paths = {path for path in schema["paths"] if path.startswith("/api/")}
    assert paths >= {"/api/events", "/api/actors", "/api/search"}
    table = html.split('data-testid="api-endpoints"', 1)[1]
    for path in paths:
        assert f"<code>{path}</code>" in table, path
    assert "<code>since</code>" in table and "<code>q</code>" in table
    assert _testid(html, "api-docs") == 1


# -- issue 14: the home page and the indexes ----------------------------------------------


PEOPLE = ("person", "organization")  # what /actors lists unless asked for one kind


def _section(html: str, testid: str, end: str) -> str:
    """The HTML from the element ``data-testid=testid`` to the first ``end`` after it."""
    found = re.search(rf'data-testid="{re.escape(testid)}".*?{re.escape(end)}', html, re.S)
    assert found is not None, testid
    return found.group(0)


def _hrefs(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)


def _nav_links(html: str) -> list[str]:
    """The links of the site's main navigation (the page's first ``<nav>``)."""
    return _hrefs(html.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0], "/")


def test_web_pages_nav_links_every_index_and_no_country(client: TestClient) -> None:
    for path in ("/", "/events", "/actors", "/countries", "/articles", "/search"):
        nav = _nav_links(_page(client, path))
        assert {"/", "/events", "/actors", "/countries", "/articles", "/search"} <= set(nav)
        assert not [link for link in nav if link.startswith("/countries/")], nav


def test_web_pages_home_shows_the_store_at_a_glance(client: TestClient, store: Store) -> None:
    html = _page(client, "/")
    counts = {name: int(n) for name, n in re.findall(r'data-testid="count-(\w+)">(\d+)<', html)}
    assert counts == {
        "articles": len(store.list_articles()),
        "actors": store.count_actors(),
        "events": store.count_events(),
    }
    days = store.event_days()
    shown = _section(html, "event-range", "</dd>")
    assert f'data-value="{days["first"]}"' in shown and f'data-value="{days["last"]}"' in shown
    assert pages.human_date(days["first"]) in shown
    countries = _hrefs(_section(html, "top-countries", "</ol>"), "/countries/")
    ranked = [r["country"] for r in store.country_counts()]
    assert countries == [f"/countries/{c}" for c in ranked[: pages.TOP]]
    actors = _hrefs(_section(html, "top-actors", "</ol>"), "/actors/")
    busiest = store.find_actors(limit=pages.TOP, kinds=("person", "organization"))
    assert actors == [f"/actors/{a['id']}" for a in busiest]


def test_web_pages_home_lists_latest_and_upcoming_events(client: TestClient) -> None:
    html = _page(client, "/")
    today = date.today().isoformat()
    upcoming = _section(html, "upcoming-events", "</table>")
    days = re.findall(r'class="date" data-value="([^"]*)"', upcoming)
    assert days, "the announced visit is not listed as upcoming"
    assert days == sorted(days) and all(d > today for d in days)
    assert re.findall(r'class="status status-(\w+)"', upcoming)
    assert set(re.findall(r'class="status status-(\w+)"', upcoming)) <= {"planned", "intended"}
    latest = _section(html, "latest-events", "</table>")
    days = re.findall(r'class="date" data-value="([^"]*)"', latest)
    assert 0 < len(days) <= pages.TOP
    assert days == sorted(days, reverse=True) and all(d <= today for d in days)
    assert set(re.findall(r'class="status status-(\w+)"', latest)) == {"occurred"}


def test_web_pages_indexes_of_an_empty_store(tmp_path: Path) -> None:
    path = str(tmp_path / "empty.db")
    open_store(path).close()
    for client in _client(path):
        html = _page(client, "/")
        assert "No country yet." in html and "No actor yet." in html
        assert "no dated event" in html
        assert _testid(_page(client, "/actors"), "actor-row") == 0
        assert _testid(_page(client, "/countries"), "country-row") == 0
        assert _testid(_page(client, "/articles"), "article-row") == 0


def test_web_pages_actors_index_lists_persons_and_organisations(
    client: TestClient, store: Store
) -> None:
    html = _page(client, "/actors")
    assert _testid(html, "actor-filter-form") == 1 and _testid(html, "actors-table") == 1
    expected = store.find_actors(kinds=("person", "organization"))
    assert expected and len(expected) <= pages.PAGE_SIZE
    kinds = re.findall(r'data-testid="actor-row" data-kind="(\w+)"', html)
    assert len(kinds) == len(expected)
    assert set(kinds) == {"person", "organization"}
    table = _section(html, "actors-table", "</table>")
    assert _hrefs(table, "/actors/") == [f"/actors/{a['id']}" for a in expected]
    for field in ("q", "country", "office", "kind"):
        assert f'name="{field}"' in html, field


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "bakaev"}, {"q": "bakaev", "kinds": PEOPLE}),
        ({"country": "nor"}, {"country": "NOR", "kinds": PEOPLE}),
        ({"office": "AMBASSADOR"}, {"office": "AMBASSADOR", "kinds": PEOPLE}),
        ({"kind": "organization"}, {"kinds": ("organization",)}),
        ({"kind": "country"}, {"kinds": ("country",)}),
        ({"q": "", "country": " ", "office": "", "kind": ""}, {"kinds": PEOPLE}),
    ],
)
def test_web_pages_actors_index_filters(
    client: TestClient, store: Store, params: dict[str, str], expected: dict[str, Any]
) -> None:
    name = expected.pop("q", None)
    if "country" in expected:
        expected["country"] = query.parse_country(expected["country"])
    rows = query.find_actors(store, name, **expected)
    assert rows, params
    html = _page(client, "/actors?" + "&".join(f"{k}={v}" for k, v in params.items()))
    table = _section(html, "actors-table", "</table>")
    assert _hrefs(table, "/actors/") == [f"/actors/{a['id']}" for a in rows]
    if params.get("kind"):
        assert f'value="{params["kind"]}" selected' in html


def test_web_pages_actors_index_office_filter_narrows(client: TestClient, store: Store) -> None:
    everyone = _testid(_page(client, "/actors"), "actor-row")
    ambassadors = _page(client, "/actors?office=ambassador")
    rows = _testid(ambassadors, "actor-row")
    assert 0 < rows < everyone
    for actor in store.find_actors(office="ambassador"):
        assert any("ambassador" in o["title"].lower() for o in actor["offices"]), actor


def test_web_pages_actors_index_pages_cover_every_actor_once(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 7)
    seen: list[str] = []
    path: str | None = "/actors?country=KAZ"
    while path is not None:
        html = _page(client, path.replace("&amp;", "&"))
        seen += _hrefs(_section(html, "actors-table", "</table>"), "/actors/")
        following = re.search(r'href="([^"]+)" rel="next"', html)
        path = following.group(1) if following else None
    expected = store.find_actors(country="KAZ", kinds=("person", "organization"))
    assert len(expected) > 7
    assert seen == [f"/actors/{a['id']}" for a in expected]


def test_web_pages_organisation_has_an_actor_page(client: TestClient, store: Store) -> None:
    organisations = store.find_actors(kinds=("organization",))
    assert organisations
    for actor in organisations:
        html = _page(client, f"/actors/{actor['id']}")
        assert actor["name"].replace("'", "&#39;").replace('"', "&#34;") in html
        assert _testid(html, "partners") == 1


def test_web_pages_country_partner_organisations_are_links(
    client: TestClient, store: Store
) -> None:
    partners = query.country_partners(store, "KAZ")
    named = [p for p in partners if p["actor"] is not None]
    assert named, "no organisation among Kazakhstan's partners"
    table = _section(_page(client, "/countries/KAZ"), "partners", "</table>")
    for partner in named:
        assert f'href="/actors/{partner["actor"]["id"]}"' in table, partner
    assert len(_hrefs(table, "/")) == len([p for p in partners if p["code"] or p["actor"]])


def test_web_pages_countries_index(client: TestClient, store: Store) -> None:
    html = _page(client, "/countries")
    rows = re.findall(r'data-testid="country-row" data-iso3="(\w+)"', html)
    countries = query.list_countries(store)
    assert rows == [c["iso3"] for c in countries] and len(rows) > 3
    table = _section(html, "countries-table", "</table>")
    for country in countries:
        assert f'href="/countries/{country["iso3"]}"' in table
        assert country["events"] == store.count_events(country=country["iso3"])
    kaz = next(c for c in countries if c["iso3"] == "KAZ")
    assert kaz["partners"] == len(query.country_partners(store, "KAZ"))
    first = countries[0]["iso3"]
    assert _testid(_page(client, f"/countries/{first}"), "event-row") == countries[0]["events"]


def test_web_pages_articles_index(client: TestClient, store: Store) -> None:
    html = _page(client, "/articles")
    articles = store.list_articles()
    assert 0 < len(articles) <= pages.PAGE_SIZE
    table = _section(html, "articles-table", "</table>")
    assert _hrefs(table, "/articles/") == [f"/articles/{a['id']}" for a in articles]
    cells = re.findall(r'<td class="date" data-value="([^"]*)">([^<]*)</td>', table)
    assert [value for value, _ in cells] == [a["published"] or "" for a in articles]
    for value, shown in cells:
        assert "T" not in shown and shown == pages.human_date(value), (value, shown)
    assert "kt_kz_seed_page.txt" in table  # the outlet of a page read from a file
    for article in articles[:3]:
        _page(client, f"/articles/{article['id']}")


def test_web_pages_articles_index_pages_cover_every_article_once(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 4)
    seen: list[str] = []
    path: str | None = "/articles"
    while path is not None:
        html = _page(client, path)
        seen += _hrefs(_section(html, "articles-table", "</table>"), "/articles/")
        following = re.search(r'href="([^"]+)" rel="next"', html)
        path = following.group(1) if following else None
    assert seen == [f"/articles/{a['id']}" for a in store.list_articles()]
    assert len(seen) > 4


@pytest.mark.parametrize(
    "path",
    [
        "/actors?country=ZZZ",
        "/actors?country=Kazakhstan",
        "/actors?kind=planet",
        "/actors?offset=-1",
        "/actors?offset=ten",
        "/actors?offset=99999999999999999999",
        "/actors?q=" + "a" * 201,
        "/actors?office=" + "b" * 201,
        "/actors?q=-",  # nothing left of the name to look for
        "/articles?offset=-3",
        "/articles?offset=1e3",
    ],
)
def test_web_pages_indexes_bad_filters_are_400_pages(client: TestClient, path: str) -> None:
    html = _page(client, path, status=400)
    assert 'class="error" role="alert"' in html
    assert _testid(html, "actor-row") == 0 and _testid(html, "article-row") == 0


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2024-05-16T15:05", "16 May 2024, 15:05"),
        ("2024-05-16", "16 May 2024"),
        ("2024-12", "December 2024"),
        ("2024-13-01", "2024-13-01"),
        ("yesterday", "yesterday"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_web_pages_human_date(value: str | None, shown: str) -> None:
    assert pages.human_date(value) == shown


def test_web_pages_every_route_is_documented() -> None:
    """Each page and API path is named in docs/web.md (``{event_id}`` written ``{id}``)."""
    from fastapi.routing import APIRoute

    from diplograph.web import api

    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    routes = [*api.router.routes, *pages.router.routes]
    paths = {r.path for r in routes if isinstance(r, APIRoute)}
    assert {"/", "/actors", "/countries", "/articles", "/api/countries", "/api/articles"} <= paths
    missing = [
        path
        for path in sorted(paths)
        if not re.search(
            r"`(GET )?" + re.escape(re.sub(r"\{\w+_id\}", "{id}", path)) + r"[`?]", doc
        )
    ]
    assert not missing, f"not in docs/web.md: {missing}"


def test_web_pages_actor_merge_reasons_link_articles_by_title(
    client: TestClient, store: Store
) -> None:
    """Why mentions are one actor: the reason in words and its articles as links named by
    their titles (or their day), never a raw article id as text."""
    linked = [
        a
        for a in store.find_actors(limit=500)
        if (detail := store.get_actor(a["id"])) is not None and detail["links"]
    ]
    assert linked, "no actor whose mentions were joined"
    for actor in linked[:5]:
        html = _page(client, f"/actors/{actor['id']}")
        part = html.split('data-testid="actor-links"', 1)[1].split("</ol>", 1)[0]
        shown = re.sub(r"<[^>]+>", "", part)
        assert "art_" not in shown, shown  # ids only inside the links' addresses
        ids = re.findall(r'href="/articles/([^"]+)"', part)
        assert ids, part
        titles = {a["id"]: a["title"] for a in store.list_articles()}
        for article_id in ids:
            if titles.get(article_id):
                assert unescape(titles[article_id]) in unescape(shown)
