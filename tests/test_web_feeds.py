"""The calendar of planned acts, the iCalendar and Atom feeds and the downloads (web/feeds.py,
issue 14) over a real SQLite store built from hand-made extractions with known planned acts.

The planned acts are dated in 2999 (and one in 2000), so that the calendar's default window,
"from today on", holds the first and not the second whatever day the tests run. Feeds are
parsed with the libraries feed readers use (``icalendar``, ``feedparser``) and compared with
the JSON API's answer for the same filter.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest

from conftest import make_event
from diplograph.export import FLAT_COLUMNS, formula_safe
from diplograph.models import Article, Extraction, Participant, Person
from diplograph.query import EventFilter
from diplograph.store import open_store
from diplograph.web import create_app, feeds
from diplograph.web.ical import escape_text, fold_line

with warnings.catch_warnings():  # starlette's TestClient nags about httpx vs httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE = "http://testserver"
NURTLEU = Person("Murat Nurtleu", title="Minister of Foreign Affairs", country="KAZ")
EIDE = Person("Espen Barth Eide", title="Minister of Foreign Affairs", country="NOR")
HERATH = Person("Vijitha Herath", title="Minister of Foreign Affairs", country="LKA")
RISKY = Person('=HYPERLINK("http://evil.example")', country="KAZ")
VISIT_TEXT = '=cmd|" /C calc"!A0 Murat Nurtleu will visit Oslo; he said, "yes" \\ no.'
INTENT_TEXT = "Sri Lanka intends to hold talks with Kazakhstan in Colombo."
# A stored sentence that tries to end the DESCRIPTION and open an event of its own.
HOSTILE_TEXT = "The forum will be held.\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:pwned\r\nSUMMARY:pwned"
LONG_TEXT = "Ministers of Kazakhstan and Türkiye plan «talks» in Astana — 日本 " * 6
SIGNING_TEXT = "+The sides plan to sign an agreement on visas."
PAST_TEXT = "-The summit was to be held in Astana."
DONE_TEXT = "@Murat Nurtleu met Espen Barth Eide in Oslo."


def _party(person: Person) -> Participant:
    return Participant("person", person.name, country=person.country, org=person.org)


def _country(name: str, code: str) -> Participant:
    return Participant("country", name, country=code)


def _article(index: int, title: str, published: str, text: str, url: str | None = None) -> Article:
    return Article(
        source="feeds.txt", index=index, title=title, published=published, text=text, url=url
    )


NORWAY = _country("Norway", "NOR")
TURKIYE = _country("Türkiye", "TUR")


def build() -> list[Extraction]:
    """Planned and intended acts in 2999, one in 2000, one undated, one occurred."""
    return [
        Extraction(
            article=_article(
                1, "Nurtleu to visit Norway", "2024-03-01T10:00", VISIT_TEXT,
                "https://www.gov.kz/visit",
            ),
            persons=(NURTLEU, EIDE),
            countries=("KAZ", "NOR"),
            events=(
                make_event(
                    "VISIT", "planned", (_party(NURTLEU), _country("Norway", "NOR")),
                    VISIT_TEXT, "2999-05-01", "Oslo, Norway; \"centre\"",
                ),
                make_event(
                    "AGREEMENT", "planned", (_country("Kazakhstan", "KAZ"), NORWAY),
                    SIGNING_TEXT, None,
                ),
            ),
        ),
        Extraction(
            article=_article(2, "Sri Lanka and Kazakhstan", "2024-03-02T11:30", INTENT_TEXT),
            persons=(HERATH,),
            countries=("LKA", "KAZ"),
            events=(
                make_event(
                    "MEETING", "intended", (_party(HERATH), _country("Kazakhstan", "KAZ")),
                    INTENT_TEXT, "2999-05-01", "Colombo",
                ),
            ),
        ),
        Extraction(
            article=_article(3, "Forum <b>announced</b>", "2024-03-03", HOSTILE_TEXT + LONG_TEXT),
            persons=(RISKY,),
            countries=("KAZ", "TUR"),
            events=(
                make_event(
                    "MULTILATERAL", "planned",
                    (_party(RISKY), _country("Türkiye", "TUR")),
                    HOSTILE_TEXT, "2999-06-15", "Astana",
                ),
                make_event(
                    "MEETING", "planned", (_country("Kazakhstan", "KAZ"), TURKIYE),
                    LONG_TEXT, "2999-07-20",
                ),
            ),
        ),
        Extraction(
            article=_article(4, "A summit long ago", "1999-12-01", PAST_TEXT + DONE_TEXT),
            persons=(NURTLEU, EIDE),
            countries=("KAZ", "NOR"),
            events=(
                make_event(
                    "MULTILATERAL", "planned", (_country("Kazakhstan", "KAZ"),),
                    PAST_TEXT, "2000-01-10",
                ),
                make_event(
                    "MEETING", "occurred", (_party(NURTLEU), _party(EIDE)),
                    DONE_TEXT, "2999-05-01",
                ),
            ),
        ),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("feeds") / "feeds.db")
    with open_store(path) as store:
        for extraction in build():
            store.save(extraction)
    return path


@pytest.fixture(scope="module")
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path), raise_server_exceptions=False) as test_client:
        yield test_client


def _api(client: TestClient, **filters: str) -> dict[str, Any]:
    response = client.get("/api/events", params={"limit": 500, **filters})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _planned(client: TestClient, **filters: str) -> list[dict[str, Any]]:
    """The API's planned and intended events for the filter."""
    found = []
    for status in ("planned", "intended"):
        if filters.get("status", status) == status:
            found += _api(client, **{**filters, "status": status})["events"]
    return found


class _Page(HTMLParser):
    """The calendar's days and acts, and every link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.days: list[str] = []
        self.acts: list[tuple[str, str]] = []  # (day or "undated", event id)
        self.links: list[str] = []
        self.alternate: list[dict[str, str]] = []
        self.testids: dict[str, str] = {}
        self.current = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        testid = found.get("data-testid", "")
        if testid == "calendar-day":
            self.current = found["data-date"]
            self.days.append(self.current)
        elif testid == "calendar-undated":
            self.current = "undated"
        if testid and "href" in found:
            self.testids[testid] = found["href"]
        if tag == "a":
            self.links.append(found.get("href", ""))
            match = re.fullmatch(r"/events/([^/?#]+)", found.get("href", ""))
            if match and "type" in found.get("class", ""):
                self.acts.append((self.current, match.group(1)))
        if tag == "link" and found.get("rel") == "alternate":
            self.alternate.append(found)


def _page(client: TestClient, url: str, status: int = 200) -> _Page:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    parsed = _Page()
    parsed.feed(response.text)
    return parsed


def _ical(client: TestClient, url: str) -> tuple[bytes, list[Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return response.content, list(calendar.walk("VEVENT"))


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))


# -- the calendar page --------------------------------------------------------------------


def test_web_feeds_calendar_lists_planned_acts_by_day(client: TestClient) -> None:
    page = _page(client, "/calendar?since=2999-01-01")
    assert page.days == ["2999-05-01", "2999-06-15", "2999-07-20"]
    expected = _planned(client, since="2999-01-01")
    assert sorted(i for _, i in page.acts) == sorted(e["id"] for e in expected)
    by_id = {e["id"]: e for e in expected}
    for day, event_id in page.acts:
        assert by_id[event_id]["date"] == day
        assert by_id[event_id]["status"] in ("planned", "intended")
    assert len([d for d, _ in page.acts if d == "2999-05-01"]) == 2  # the visit and the talks
    occurred = _api(client, status="occurred", since="2999-01-01")["events"]
    assert occurred and not {e["id"] for e in occurred} & {i for _, i in page.acts}
    assert any(link.startswith("/actors/") for link in page.links)  # participants link
    assert "/countries/NOR" in page.links


def test_web_feeds_calendar_default_is_from_today_on(client: TestClient) -> None:
    page = _page(client, "/calendar")
    today = datetime.now(timezone.utc).date().isoformat()
    assert page.days and all(day >= today for day in page.days)
    past = _api(client, since="2000-01-10", until="2000-01-10")["events"]
    assert len(past) == 1
    assert past[0]["id"] not in {i for _, i in page.acts}
    assert "2999-05-01" in page.days
    assert '<a href="/calendar">Calendar</a>' in client.get("/calendar").text  # in the nav


def test_web_feeds_calendar_window_shows_the_past(client: TestClient) -> None:
    page = _page(client, "/calendar?until=2000-12-31")
    assert page.days == ["2000-01-10"]
    page = _page(client, "/calendar?since=2000-01-01&until=2000-01-31")
    assert page.days == ["2000-01-10"]


def test_web_feeds_calendar_undated_acts_are_apart(client: TestClient) -> None:
    page = _page(client, "/calendar?since=2024-03-01&until=2024-03-31")
    signing = _api(client, type="AGREEMENT")["events"]
    assert len(signing) == 1 and signing[0]["date"] is None
    assert page.acts == [("undated", signing[0]["id"])]
    assert page.days == []
    text = client.get("/calendar?since=2024-03-01&until=2024-03-31").text
    assert "Date not stated" in text


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("country=NOR", {"VISIT"}),
        ("country=lka", {"MEETING"}),
        ("type=VISIT", {"VISIT"}),
        ("actor=nurtleu", {"VISIT"}),
        ("status=intended", {"MEETING"}),
        ("country=TUR&type=MULTILATERAL", {"MULTILATERAL"}),
    ],
)
def test_web_feeds_calendar_filters_narrow(client: TestClient, query: str, kept: set[str]) -> None:
    page = _page(client, f"/calendar?since=2999-01-01&{query}")
    filters = dict(pair.split("=") for pair in query.split("&"))
    expected = _planned(client, since="2999-01-01", **filters)
    assert 0 < len(page.acts) < len(_planned(client, since="2999-01-01"))
    assert sorted(i for _, i in page.acts) == sorted(e["id"] for e in expected)
    assert {e["type"] for e in expected} == kept
    # the feeds and downloads on the page carry the same filter
    for testid in ("subscribe", "download-csv", "download-json"):
        assert query.split("&")[0] in page.testids[testid]


@pytest.mark.parametrize(
    "query",
    ["country=ZZZ", "status=occurred", "since=2999-02-01&until=2999-01-01", "type=bogus",
     "since=tomorrow"],
)  # fmt: skip
def test_web_feeds_calendar_bad_filter_is_400(client: TestClient, query: str) -> None:
    response = client.get(f"/calendar?{query}")
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    for path in ("/calendar.ics", "/calendar.csv", "/calendar.json"):
        answer = client.get(f"{path}?{query}")
        assert answer.status_code == 400
        assert answer.json()["ok"] is False and answer.json()["status"] == 400


# -- /calendar.ics ------------------------------------------------------------------------


def test_web_feeds_ics_one_vevent_per_dated_planned_act(client: TestClient) -> None:
    body, events = _ical(client, "/calendar.ics?since=1990-01-01")
    expected = [e for e in _planned(client, since="1990-01-01") if e["date"]]
    assert len(events) == len(expected) == 5
    by_uid = {str(v["UID"]): v for v in events}
    assert len(by_uid) == len(events)  # unique
    assert set(by_uid) == {f"{e['id']}@diplograph" for e in expected}
    for event in expected:
        vevent = by_uid[f"{event['id']}@diplograph"]
        assert vevent["DTSTART"].dt == date.fromisoformat(event["date"])
        assert vevent["DTSTART"].params.get("VALUE") == "DATE"
        assert (vevent["DTEND"].dt - vevent["DTSTART"].dt).days == 1
        assert str(vevent["URL"]) == f"{BASE}/events/{event['id']}"
        assert str(vevent["SUMMARY"]).startswith(f"{event['type']}: ")
        evidence = event["evidence"][0]["text"].replace("\r\n", "\n")
        assert evidence in str(vevent["DESCRIPTION"])
        if event["place"]:
            assert str(vevent["LOCATION"]) == event["place"]
        else:
            assert "LOCATION" not in vevent
    again, _ = _ical(client, "/calendar.ics?since=1990-01-01")
    assert again == body  # stable: same UIDs, same stamps, byte for byte


def test_web_feeds_ics_summary_and_escaping(client: TestClient) -> None:
    body, events = _ical(client, "/calendar.ics?since=2999-01-01&type=VISIT")
    assert len(events) == 1
    visit = events[0]
    assert str(visit["SUMMARY"]) == "VISIT: Murat Nurtleu → Norway"
    assert str(visit["LOCATION"]) == 'Oslo, Norway; "centre"'
    assert str(visit["DESCRIPTION"]) == f"planned: {VISIT_TEXT}"
    unfolded = body.replace(b"\r\n ", b"")
    assert b'LOCATION:Oslo\\, Norway\\; "centre"' in unfolded
    assert b'he said\\, "yes" \\\\ no.' in unfolded  # a backslash is escaped, a quote not


def test_web_feeds_ics_lines_are_folded_crlf(client: TestClient) -> None:
    body, events = _ical(client, "/calendar.ics?since=2999-01-01")
    assert body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long sentence was folded
    for line in lines:
        line.decode("utf-8")  # no character cut in two by a fold
    long = [v for v in events if str(v["DTSTART"].dt) == "2999-07-20"]
    assert str(long[0]["DESCRIPTION"]) == f"planned: {LONG_TEXT}"


def test_web_feeds_ics_stored_crlf_opens_nomake_event(client: TestClient) -> None:
    body, events = _ical(client, "/calendar.ics?since=2999-06-15&until=2999-06-15")
    assert len(events) == 1
    lines = body.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 1
    assert not [line for line in lines if line.startswith((b"UID:pwned", b"SUMMARY:pwned"))]
    description = str(events[0]["DESCRIPTION"])
    assert description == "planned: " + HOSTILE_TEXT.replace("\r\n", "\n")
    assert str(events[0]["SUMMARY"]) == f"MULTILATERAL: {RISKY.name} → Türkiye"


def test_web_feeds_ics_head_answers_without_body(client: TestClient) -> None:
    response = client.head("/calendar.ics?since=2999-01-01")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"


def test_web_feeds_ical_fold_and_escape() -> None:
    line = "DESCRIPTION:" + "é" * 80
    folded = fold_line(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert fold_line("SHORT:x") == "SHORT:x"
    assert escape_text("a,b;c\\d\r\ne\nf\rg\x00h\u2028i") == "a\\,b\\;c\\\\d\\ne\\nf\\ng" + "h\\ni"


# -- /events.atom -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "country=NOR", "type=MEETING", "status=planned&since=2999"])
def test_web_feeds_atom_matches_the_api(client: TestClient, query: str) -> None:
    response = client.get(f"/events.atom?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    filters = dict(pair.split("=") for pair in query.split("&") if pair)
    expected = _api(client, **filters)["events"][: feeds.FEED_SIZE]
    assert [e.id for e in feed.entries] == [
        f"tag:diplograph,2024:event/{e['id']}" for e in expected
    ]
    for entry, event in zip(feed.entries, expected, strict=True):
        assert entry.link == f"{BASE}/events/{event['id']}"
        assert event["type"] in entry.title and event["status"] in entry.title
        # XML reads a CR LF as LF; feed readers strip the white space around a summary
        evidence = " ".join(e["text"] for e in event["evidence"])
        assert entry.summary == evidence.replace("\r\n", "\n").strip()
        assert entry.updated_parsed is not None
    assert feed.feed.links[0].href.startswith(f"{BASE}/events.atom")
    if filters:
        assert 0 < len(feed.entries) < len(_api(client)["events"])


def test_web_feeds_atom_entry_fields(client: TestClient) -> None:
    feed = feedparser.parse(client.get("/events.atom?type=VISIT").content)
    assert feed.bozo == 0
    (entry,) = feed.entries
    assert entry.title == "2999-05-01 VISIT: Murat Nurtleu → Norway (planned)"
    assert entry.author == "gov.kz"  # the outlet, from the article's address
    assert entry.updated == "2024-03-01T10:00:00Z"  # the report's publication time
    assert {t.term for t in entry.tags} == {"VISIT", "planned"}
    assert entry.summary == VISIT_TEXT
    again = feedparser.parse(client.get("/events.atom?type=VISIT").content).entries[0]
    assert again.id == entry.id


def test_web_feeds_atom_keeps_stored_crlf_as_text(client: TestClient) -> None:
    response = client.get("/events.atom", params={"country": "TUR"})
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert any(
        HOSTILE_TEXT.replace("\r\n", "\n") in e.summary.replace("\r\n", "\n") for e in feed.entries
    )


# -- downloads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["", "country=KAZ", "type=MEETING", "status=planned", "actor=nurtleu", "since=2999"]
)
def test_web_feeds_events_downloads_hold_every_event_of_the_filter(
    client: TestClient, query: str
) -> None:
    filters = dict(pair.split("=") for pair in query.split("&") if pair)
    api = _api(client, **filters)
    csv_response = client.get(f"/events.csv?{query}")
    assert csv_response.status_code == 200
    assert csv_response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = csv_response.headers["content-disposition"]
    assert re.fullmatch(r'attachment; filename="diplograph-events[A-Za-z0-9-]*\.csv"', disposition)
    rows = _csv_rows(csv_response.content)
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert len(rows) - 1 == api["total"]
    assert [r[0] for r in rows[1:]] == [e["id"] for e in api["events"]]
    assert csv_response.headers["x-total-count"] == str(api["total"])
    assert csv_response.headers["x-truncated"] == "false"
    body = client.get(f"/events.json?{query}")
    assert body.headers["content-disposition"].startswith("attachment; filename=")
    data = body.json()
    assert data["total"] == data["count"] == api["total"] and data["truncated"] is False
    assert [e["id"] for e in data["events"]] == [e["id"] for e in api["events"]]


def test_web_feeds_calendar_downloads_hold_the_calendar(client: TestClient) -> None:
    expected = _planned(client, since="2999-01-01")
    rows = _csv_rows(client.get("/calendar.csv?since=2999-01-01").content)
    assert len(rows) - 1 == len(expected)
    assert sorted(r[0] for r in rows[1:]) == sorted(e["id"] for e in expected)
    assert [r[1] for r in rows[1:]] == sorted(r[1] for r in rows[1:])  # earliest first
    data = client.get("/calendar.json?since=2999-01-01&country=NOR").json()
    assert (
        data["total"] == data["count"] == len(_planned(client, since="2999-01-01", country="NOR"))
    )
    assert {e["status"] for e in data["events"]} <= {"planned", "intended"}


def test_web_feeds_csv_cells_are_formula_safe(client: TestClient) -> None:
    rows = _csv_rows(client.get("/events.csv").content)
    text_columns = [i for i, c in enumerate(FLAT_COLUMNS) if c != "goldstein"]
    cells = [row[i] for row in rows[1:] for i in text_columns]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    evidence = {r[0]: r[FLAT_COLUMNS.index("evidence")] for r in rows[1:]}
    names = {r[FLAT_COLUMNS.index("actor1_name")] for r in rows[1:]}
    assert "'" + VISIT_TEXT in evidence.values()
    assert "'" + SIGNING_TEXT in evidence.values()
    assert "'" + PAST_TEXT in evidence.values()
    assert "'" + DONE_TEXT in evidence.values()
    assert "'" + RISKY.name in names
    assert formula_safe(-2.5) == -2.5 and formula_safe("a=b") == "a=b"


def test_web_feeds_downloads_say_when_cut(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    total = _api(client)["total"]
    monkeypatch.setattr(feeds, "DOWNLOAD_CAP", 2)
    data = client.get("/events.json").json()
    assert (data["count"], data["total"], data["truncated"], data["cap"]) == (2, total, True, 2)
    response = client.get("/events.csv")
    assert len(_csv_rows(response.content)) == 3
    assert response.headers["x-truncated"] == "true"
    assert response.headers["x-total-count"] == str(total)
    calendar = client.get("/calendar.json?since=1990").json()
    assert calendar["truncated"] is True and calendar["count"] == 2
    # the earliest two by day: the act of 2000, then the undated one (published 2024-03-01)
    assert [e["date"] for e in calendar["events"]] == ["2000-01-10", None]


def test_web_feeds_planned_acts_cap_keeps_the_earliest(db_path: str) -> None:
    with open_store(db_path, create=False, read_only=True) as store:
        whole = feeds.planned_acts(store, EventFilter(since="1990"), 100)
        first = feeds.planned_acts(store, EventFilter(since="1990"), 2)
    assert not whole.truncated and first.truncated and first.total == whole.total == 6
    assert [e["id"] for e in first.events] == [e["id"] for e in whole.events[:2]]
    days = [e["day"] for e in whole.events]
    assert days == sorted(days) and days[0] == "2000-01-10"


# -- /events links to them ----------------------------------------------------------------


def test_web_feeds_events_page_links_feed_and_downloads(client: TestClient) -> None:
    page = _page(client, "/events?country=NOR&type=VISIT&actor=a%26b")
    (alternate,) = page.alternate
    assert alternate["type"] == "application/atom+xml"
    assert alternate["href"] == "/events.atom?actor=a%26b&country=NOR&type=VISIT"
    assert page.testids["subscribe"] == alternate["href"]
    assert page.testids["download-csv"] == "/events.csv?actor=a%26b&country=NOR&type=VISIT"
    assert page.testids["download-json"] == "/events.json?actor=a%26b&country=NOR&type=VISIT"
    plain = _page(client, "/events")
    assert plain.alternate[0]["href"] == "/events.atom"
    assert "Subscribe (Atom)" in client.get("/events").text


def test_web_feeds_stored_time_is_stable() -> None:
    event = {"article_published": "2024-03-01T10:00", "day": "2999-05-01"}
    assert feeds.stored_time(event) == datetime(2024, 3, 1, 10, tzinfo=timezone.utc)
    assert feeds.stored_time({"article_published": None, "day": "2999-05-01"}).year == 2999
    assert feeds.stored_time({"article_published": "junk", "day": None}) == feeds.EPOCH
    moment = feeds.stored_time({"article_published": "2024-03-01T10:00+05:00"})
    assert moment.astimezone(timezone.utc).hour == 5


def test_web_feeds_json_download_is_json(client: TestClient) -> None:
    response = client.get("/calendar.json?since=2999")
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.content)["ok"] is True
    assert Path(response.headers["content-disposition"].split('"')[1]).suffix == ".json"


# -- the index pages' downloads (web/lists.py) ------------------------------------------------


@pytest.mark.parametrize("filters", [{}, {"country": "KAZ"}, {"q": "Nurtleu"}, {"kind": "person"}])
def test_web_feeds_actors_downloads_hold_the_filter(
    client: TestClient, filters: dict[str, str]
) -> None:
    api = client.get("/api/actors", params={**filters, "limit": 500}).json()
    if "kind" not in filters:  # as /actors: persons and organisations unless asked
        api["actors"] = [a for a in api["actors"] if a["kind"] in ("person", "organization")]
        api["total"] = len(api["actors"])
    response = client.get("/actors.csv", params=filters)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    rows = _csv_rows(response.content)
    assert rows[0][:3] == ["id", "name", "kind"]
    assert [r[0] for r in rows[1:]] == [a["id"] for a in api["actors"]]
    assert response.headers["x-total-count"] == str(api["total"])
    body = client.get("/actors.json", params=filters).json()
    assert body["total"] == api["total"] and [a["id"] for a in body["actors"]] == [
        a["id"] for a in api["actors"]
    ]


def test_web_feeds_actors_csv_is_formula_safe(client: TestClient) -> None:
    rows = _csv_rows(client.get("/actors.csv").content)
    names = [r[1] for r in rows[1:]]
    assert formula_safe(RISKY.name) in names and RISKY.name not in names


def test_web_feeds_countries_and_articles_downloads_match_the_api(client: TestClient) -> None:
    countries = client.get("/api/countries").json()
    rows = _csv_rows(client.get("/countries.csv").content)
    assert [r[0] for r in rows[1:]] == [c["iso3"] for c in countries["countries"]]
    assert client.get("/countries.json").json()["countries"] == countries["countries"]
    articles = client.get("/api/articles", params={"limit": 500}).json()
    response = client.get("/articles.csv")
    assert [r[0] for r in _csv_rows(response.content)[1:]] == [
        a["id"] for a in articles["articles"]
    ]
    assert response.headers["x-total-count"] == str(articles["total"])
    assert client.get("/articles.json").json()["count"] == len(articles["articles"])


def test_web_feeds_index_pages_link_their_downloads(client: TestClient) -> None:
    html = client.get("/actors", params={"q": "Nurtleu", "country": "KAZ"}).text
    assert 'href="/actors.csv?q=Nurtleu&amp;country=KAZ"' in html
    for path in ("/countries", "/articles"):
        assert f'href="{path}.json"' in client.get(path).text


@pytest.mark.parametrize(
    "url", ["/actors.csv?country=ZZZ", "/actors.json?kind=planet", "/actors.csv?q=" + "x" * 300]
)
def test_web_feeds_index_downloads_refuse_bad_filters(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 422)
    assert response.json()["ok"] is False


def test_web_feeds_index_download_names_keep_free_text_out(client: TestClient) -> None:
    response = client.get("/actors.csv", params={"q": '"; filename="evil.exe', "kind": "person"})
    disposition = response.headers["content-disposition"]
    assert disposition == 'attachment; filename="diplograph-actors-kind-person.csv"'
