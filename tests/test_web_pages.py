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
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

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


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("web-pages")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE_PAGE, encoding="utf-8")
    path = str(tmp / "web.db")
    with open_store(path) as store:
        _ingest(store, [SAMPLES, hostile])
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


def test_web_pages_root_redirects_to_events(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (301, 302, 303, 307, 308)
    assert response.headers["location"].endswith("/events")


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
