"""The HTML pages (docs/web.md): the home page (the store at a glance), the indexes of
events, actors, countries and articles, one event, an actor, a country, an article, search.

Each page reads the store through ``query`` and renders one Jinja2 template (autoescaped).
Article text reaches a template only as ``Markup`` built by ``web.marks`` from escaped
pieces. Charts are containers whose ``data-endpoint`` names the JSON API URL the bundle
(``static/dist/app.js``) draws from; without the bundle the pages say so and keep the tables.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from diplograph import query
from diplograph.errors import NotFoundError, UsageError
from diplograph.models import EVENT_TYPES, STATUSES
from diplograph.resolve import explain_link
from diplograph.store import Row, Store
from diplograph.store.rows import country_name
from diplograph.web.deps import get_store
from diplograph.web.marks import Span, external_url, mark_text

HERE = Path(__file__).resolve().parent
BUNDLE = HERE / "static" / "dist" / "app.js"
DOCS_BUNDLE = HERE / "static" / "dist" / "docs.js"
PAGE_SIZE = 50
MAX_QUERY = 200
MAX_OFFSET = 1_000_000_000
TOP = 10  # countries, actors and events the home page lists
PEOPLE = ("person", "organization")  # what /actors lists unless asked for one kind
SEARCH_LIMIT = 50
GRAPH_NODES = 200  # as /api/graph's default
FILTERS = ("actor", "country", "type", "status", "since", "until")

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)
StoreDep = Annotated[Store, Depends(get_store)]


def _actor_href(actor_id: str | None) -> str | None:
    return f"/actors/{quote(actor_id, safe='')}" if actor_id else None


def _country_href(code: str | None) -> str | None:
    """The page of country ``code``, when it is an ISO3 code (not an acronym as CIS)."""
    return f"/countries/{code}" if query.country_code(code) else None


templates.env.globals.update(
    external_url=external_url,
    actor_href=_actor_href,
    country_href=_country_href,
    country_name=country_name,
    event_types=EVENT_TYPES,
    statuses=STATUSES,
)


def _render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("bundle", BUNDLE.is_file())
    return templates.TemplateResponse(request, template, context, status_code=status)


def _not_found(request: Request, message: str) -> Response:
    return _render(request, "not_found.html", 404, title="Not found", message=message)


# -- reads the pages share ----------------------------------------------------------------


def _evidence_spans(text: str, sentences: list[Row], event_id: str | None) -> list[Span]:
    """Where each evidence sentence lies in ``text``: its offsets when they hold, else found."""
    spans = []
    for ev in sentences:
        start, end = ev.get("start"), ev.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and text[start:end] == ev["text"]):
            start = text.find(ev["text"])
            end = start + len(ev["text"])
        if start >= 0:
            spans.append(Span(start, end, "evidence", event_id and f"/events/{event_id}", event_id))
    return spans


def _article_text(store: Store, article_id: str) -> str:
    try:
        return str(query.get_article(store, article_id)["text"])
    except NotFoundError:
        return ""


def _endpoint(path: str, **params: str | None) -> str:
    given = {k: v for k, v in params.items() if v}
    return f"{path}?{urlencode(given)}" if given else path


def _offset(value: str | None) -> int:
    """The ``offset`` of a paged index: digits, at most ``MAX_OFFSET`` (``UsageError``)."""
    text = (value or "").strip()
    if not text:
        return 0
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_OFFSET:
        raise UsageError(f"offset must be a whole number from 0 to {MAX_OFFSET}")
    return int(text)


def _pages(path: str, filters: dict[str, str], offset: int, more: bool) -> dict[str, str | None]:
    """The links to the previous and next page of a paged list (None where there is none)."""
    before = max(0, offset - PAGE_SIZE)
    back = _endpoint(path, **filters, offset=str(before) if before else None)
    return {
        "prev": back if offset else None,
        "next": _endpoint(path, **filters, offset=str(offset + PAGE_SIZE)) if more else None,
    }


def _text_filters(given: dict[str, str | None]) -> dict[str, str]:
    """The text filters of a form, stripped; ``UsageError`` when one is too long."""
    found = {k: (v or "").strip() for k, v in given.items()}
    for name, value in found.items():
        if len(value) > MAX_QUERY:
            raise UsageError(f"{name} is at most {MAX_QUERY} characters")
    return found


_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_WHEN = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}:\d{2}))?)?")


def human_date(value: str | None) -> str:
    """``2024-05-16T15:05`` as ``16 May 2024, 15:05`` (a day, or a month, likewise);
    anything else as it is, nothing as a dash."""
    found = _WHEN.match(value or "")
    if found is None or not 1 <= int(found[2]) <= 12:
        return value or "—"
    month = f"{_MONTHS[int(found[2]) - 1]} {found[1]}"
    if found[3] is None:
        return month
    day = f"{int(found[3])} {month}"
    return f"{day}, {found[4]}" if found[4] else day


templates.env.filters["human_date"] = human_date


# -- pages --------------------------------------------------------------------------------


@router.get("/")
def home(request: Request, store: StoreDep) -> Response:
    """The store at a glance: counts, the events' dates, the most active countries and
    actors, the latest events and the upcoming ones."""
    found = query.overview(store, top=TOP)
    return _render(request, "home.html", title="Overview", overview=found)


@router.get("/actors")
def actors_index(
    request: Request,
    store: StoreDep,
    q: str | None = None,
    country: str | None = None,
    office: str | None = None,
    kind: str | None = None,
    offset: str | None = None,
) -> Response:
    """Persons and organisations (or one kind), busiest first, filtered by a piece of a
    name, a country and a piece of an office's title, a page at a time."""
    error, rows, total, start = None, [], 0, 0
    filters = {"q": "", "country": "", "office": "", "kind": ""}
    try:
        filters = _text_filters({"q": q, "country": country, "office": office, "kind": kind})
        start = _offset(offset)
        chosen: dict[str, Any] = {
            "country": filters["country"] or None,
            "office": filters["office"] or None,
            "kinds": [filters["kind"]] if filters["kind"] else PEOPLE,
        }
        name = filters["q"] or None
        rows = query.find_actors(store, name, limit=PAGE_SIZE, offset=start, **chosen)
        total = query.count_actors(store, name, **chosen)
    except UsageError as exc:
        error = exc.message
    return _render(
        request,
        "actors.html",
        400 if error else 200,
        title="Actors",
        filters=filters,
        error=error,
        actors=rows,
        total=total,
        offset=start,
        pages=_pages("/actors", filters, start, start + len(rows) < total),
    )


@router.get("/countries")
def countries_index(request: Request, store: StoreDep) -> Response:
    """Every country some event has a side of, most events first, with its partners."""
    found = query.list_countries(store)
    for row in found:
        row["href"] = _country_href(row["iso3"])
    return _render(request, "countries.html", title="Countries", countries=found)


@router.get("/articles")
def articles_index(request: Request, store: StoreDep, offset: str | None = None) -> Response:
    """Stored articles, newest first, a page at a time."""
    error, rows, total, start = None, [], 0, 0
    try:
        start = _offset(offset)
        rows = query.article_index(store, limit=PAGE_SIZE, offset=start)
        total = query.count_articles(store)
    except UsageError as exc:
        error = exc.message
    return _render(
        request,
        "articles.html",
        400 if error else 200,
        title="Articles",
        error=error,
        articles=rows,
        total=total,
        offset=start,
        pages=_pages("/articles", {}, start, start + len(rows) < total),
    )


@router.get("/events")
def events_page(
    request: Request,
    store: StoreDep,
    actor: str | None = None,
    country: str | None = None,
    type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Events matching the filter form, newest first, a page at a time, with their timeline."""
    raw = (actor, country, type, status, since, until)
    given = {k: (v or "").strip() for k, v in zip(FILTERS, raw, strict=True)}
    error, rows, more, timeline = None, [], False, None
    try:
        filt = query.EventFilter(
            **{k: v or None for k, v in given.items()}, limit=PAGE_SIZE + 1, offset=offset
        )
        rows = query.find_events(store, filt)
        more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
        timeline = query.event_timeline(store, replace(filt, limit=None, offset=0))
    except UsageError as exc:
        error = exc.message
    before = max(0, offset - PAGE_SIZE)
    pages = {
        "prev": _endpoint("/events", **given, offset=str(before) if before else None)
        if offset
        else None,
        "next": _endpoint("/events", **given, offset=str(offset + PAGE_SIZE)) if more else None,
    }
    return _render(
        request,
        "events.html",
        400 if error else 200,
        title="Events",
        filters=given,
        error=error,
        events=rows,
        offset=offset,
        pages=pages,
        timeline=None if error else _endpoint("/api/timeline", **given),
        timeline_data=timeline,
        timeline_events=_endpoint("/events", actor=given["actor"], country=given["country"]),
    )


@router.get("/events/{event_id}")
def event_page(request: Request, store: StoreDep, event_id: str) -> Response:
    """One event: what, when, where, who, and each source's evidence marked in its text."""
    event = query.get_event(store, event_id)
    if event is None:
        return _not_found(request, f"There is no event {event_id!r}.")
    sources = event["sources"] or [
        {
            "event_id": event["id"],
            "article_id": event["article_id"],
            "title": event["article_title"],
            "url": event["article_url"],
            "published": event["article_published"],
            "outlet": None,
            "evidence": [ev["text"] for ev in event["evidence"]],
        }
    ]
    found: dict[str, list[Row]] = {}
    for ev in query.event_evidence(store, event["cluster_id"]) if event["cluster_id"] else []:
        found.setdefault(ev["event_id"], []).append(ev)
    found.setdefault(event["id"], event["evidence"])
    shown = []
    for source in sources:
        text = _article_text(store, source["article_id"])
        sentences = found.get(source["event_id"]) or [{"text": t} for t in source["evidence"]]
        spans = _evidence_spans(text, sentences, None)
        if spans:  # the article's whole text, the evidence marked where it stands
            full, alone = mark_text(text, spans), []
        else:  # the sentence is not in the stored text: show it alone
            full = None
            alone = [mark_text(s["text"], [Span(0, len(s["text"]), "evidence")]) for s in sentences]
        shown.append({**source, "full": full, "excerpts": alone})
    return _render(
        request,
        "event.html",
        title=f"{event['type']} {event['status']}",
        event=event,
        sources=shown,
    )


def _article_label(article_id: str, read: dict[str, Row]) -> str:
    """An article as a reader names it: its title, else the day it was published."""
    mention = read.get(article_id) or {}
    if mention.get("article_title"):
        return str(mention["article_title"])
    published = mention.get("article_published")
    return f"Untitled, {human_date(published)}" if published else f"Article {article_id}"


def _link_reason(link: Row, read: dict[str, Row]) -> Row:
    """Why two groups of mentions are one actor, in words, and the articles that say so
    as links by their titles (not their ids)."""
    evidence = link["evidence"] or {}
    ids = list(dict.fromkeys(a for side in evidence.get("articles") or () for a in side))
    return {
        "text": explain_link(link["rule"], link["names"], {**evidence, "articles": []}),
        "articles": [{"id": a, "label": _article_label(a, read)} for a in ids],
    }


@router.get("/actors/{actor_id}")
def actor_page(request: Request, store: StoreDep, actor_id: str) -> Response:
    """One resolved actor: names, offices, events over time, partners, where it was read."""
    try:
        actor = query.get_actor(store, actor_id)
    except NotFoundError:
        return _not_found(request, f"There is no actor {actor_id!r}.")
    events = query.find_events(store, query.EventFilter(actor_id=actor["id"]))
    read = {m["article_id"]: m for m in actor["mentions"]}
    links = [_link_reason(link, read) for link in actor["links"]]
    return _render(
        request,
        "actor.html",
        title=actor["name"],
        actor=actor,
        events=events,
        partners=query.actor_partners(store, actor["id"]),
        links=links,
        timeline=_endpoint("/api/timeline", actor_id=actor["id"]),
        timeline_data=query.event_timeline(store, query.EventFilter(actor_id=actor["id"])),
        timeline_events=_endpoint("/events", actor=actor["name"]),
    )


@router.get("/countries/{iso3}")
def country_page(request: Request, store: StoreDep, iso3: str) -> Response:
    """One country: a map of its partner countries, its partner network (with a time
    filter), its events per month by type, its events."""
    try:
        code = query.parse_country(iso3)
    except UsageError:
        return _not_found(request, f"{iso3!r} is not an ISO 3166-1 alpha-3 country code.")
    events = query.find_events(store, query.EventFilter(country=code))
    partners = query.country_partners(store, code)
    if not events and not partners:
        return _not_found(request, f"No events of {country_name(code)} ({code}) are stored.")
    timeline_data = query.event_timeline(store, query.EventFilter(country=code))
    months = timeline_data["months"]
    return _render(
        request,
        "country.html",
        title=country_name(code),
        code=code,
        country=country_name(code),
        events=events,
        partners=partners,
        map=_endpoint("/api/partners", country=code),
        map_data=query.map_partners(store, code),
        months={"first": months[0], "last": months[-1]} if months else None,
        network=_endpoint("/api/graph", level="country", country=code),
        network_data=query.event_graph(
            store, query.EventFilter(country=code), level="country", limit=GRAPH_NODES
        ),
        timeline=_endpoint("/api/timeline", country=code),
        timeline_data=timeline_data,
        timeline_events=_endpoint("/events", country=code),
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, store: StoreDep, article_id: str) -> Response:
    """One article's text with the actors it names linked and its events' evidence marked."""
    try:
        article = query.get_article(store, article_id)
    except NotFoundError:
        return _not_found(request, f"There is no article {article_id!r}.")
    text: str = article["text"]
    spans = [
        Span(hit["start"], hit["end"], "actor", _actor_href(actor["id"]), actor["name"])
        for actor in article["actors"]
        for hit in actor["spans"]
    ]
    for event in article["events"]:
        spans += _evidence_spans(text, event["evidence"], event["id"])
    return _render(
        request,
        "article.html",
        title=article["title"] or "Article",
        article=article,
        marked=mark_text(text, spans),
        events=article["events"],
    )


@router.get("/docs")
def docs_page(request: Request) -> Response:
    """The API documentation: Swagger UI over ``/openapi.json`` (bundled, served here) and,
    with or without it, a table of every endpoint and its parameters."""
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary") or op.get("description", "").split("\n")[0],
            "parameters": [p["name"] for p in op.get("parameters", ())],
        }
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return _render(
        request,
        "docs.html",
        title="API documentation",
        operations=operations,
        docs_bundle=DOCS_BUNDLE.is_file(),
    )


@router.get("/search")
def search_page(request: Request, store: StoreDep, q: str = "") -> Response:
    """Articles whose title or text holds ``q`` and actors one of whose names does."""
    q = q.strip()
    if len(q) > MAX_QUERY:
        error = f"A search is at most {MAX_QUERY} characters."
        return _render(
            request,
            "search.html",
            400,
            title="Search",
            q=q[:MAX_QUERY],
            error=error,
            articles=[],
            actors=[],
        )
    found: Row = {"articles": [], "actors": []}
    if q:
        found = query.search(store, q, limit=SEARCH_LIMIT)
    articles = [
        {
            **a,
            "snippet": mark_text(
                a["snippet"] or "", [Span(m[0], m[1], "evidence") for m in a.get("marks") or ()]
            ),
        }
        for a in found["articles"]
    ]
    actors = found["actors"]
    return _render(
        request, "search.html", title="Search", q=q, error=None, articles=articles, actors=actors
    )
