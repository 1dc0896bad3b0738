"""The analyst's workbench around the events list (issue 14): the calendar of planned acts,
feeds to subscribe to, and downloads of what a filter selects.

- ``/calendar``: planned and intended acts ("who will be where") from today on, by date,
  those whose article states no date apart; ``/calendar.ics`` the same as iCalendar.
- ``/events.atom``: the newest events of any ``/events`` filter, as Atom 1.0.
- ``/events.csv``, ``/events.json``, ``/calendar.csv``, ``/calendar.json``: every event the
  filter selects (all pages, at most ``DOWNLOAD_CAP``), as attachments. The CSV is
  ``export.write_flat_csv`` with formula-safe cells.

Every endpoint takes the event filters of ``/events`` (``deps.event_filter``); a bad value is
a 400 (on ``/calendar``, the page with the message), an over-long one a 422.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from diplograph import query
from diplograph.errors import UsageError
from diplograph.export import write_flat_csv
from diplograph.models import EVENT_TYPES
from diplograph.query import EventFilter
from diplograph.store import Row, Store
from diplograph.web import pages
from diplograph.web.atom import Entry, Feed, atom_feed
from diplograph.web.deps import MAX_TEXT, blank_is_none, event_filter, get_store
from diplograph.web.ical import VEvent, calendar_text

__all__ = [
    "CALENDAR_CAP",
    "DOWNLOAD_CAP",
    "FEED_SIZE",
    "Selection",
    "calendar_filter",
    "headline",
    "matching_events",
    "planned_acts",
    "router",
    "stated_day",
    "stored_time",
]

CALENDAR_STATUSES = ("planned", "intended")
CALENDAR_CAP = 1_000  # acts the calendar page shows at most (its feed: DOWNLOAD_CAP)
DOWNLOAD_CAP = 10_000  # rows a CSV or JSON download holds at most
FEED_SIZE = 50  # entries of the Atom feed
FILTERS = ("actor", "actor_id", "country", "type", "status", "since", "until")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_NAME_PART = re.compile(r"[^A-Za-z0-9]+")

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
pages.templates.env.globals["download_cap"] = DOWNLOAD_CAP  # events.html names the cap


# -- which events -------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The events a filter selects, up to a cap, and how many it selects in all."""

    events: list[Row]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.events)


def today() -> date:
    """The calendar's default first day (UTC)."""
    return datetime.now(timezone.utc).date()


def calendar_filter(given: dict[str, str | None], first: date | None = None) -> EventFilter:
    """The calendar's filter from query values: ``since`` defaults to ``first`` (today) unless
    ``until`` is earlier; ``status`` may only be planned or intended (``UsageError``)."""
    values = {name: blank_is_none(given.get(name)) for name in FILTERS}
    first = first or today()
    if values["since"] is None:
        until = values["until"]
        if until is None or query.parse_date(until, end=True) >= first.isoformat():
            values["since"] = first.isoformat()
    filt = EventFilter(
        actor=values["actor"],
        actor_id=values["actor_id"],
        country=values["country"],
        type=values["type"],
        status=values["status"],
        since=values["since"],
        until=values["until"],
    )
    if filt.status is not None and filt.status not in CALENDAR_STATUSES:
        raise UsageError(
            f"the calendar lists planned acts: status is {' or '.join(CALENDAR_STATUSES)}"
        )
    return filt


def _calendar_values(
    actor: Text = None,
    actor_id: Text = None,
    country: Text = None,
    type: Text = None,
    status: Text = None,
    since: Text = None,
    until: Text = None,
) -> dict[str, str | None]:
    return {
        "actor": actor,
        "actor_id": actor_id,
        "country": country,
        "type": type,
        "status": status,
        "since": since,
        "until": until,
    }


CalendarValues = Annotated[dict[str, str | None], Depends(_calendar_values)]


def stated_day(event: Row) -> date | None:
    """The day the article gives for the act; None when it states none (``day`` is then
    the article's publication day)."""
    try:
        return date.fromisoformat(str(event.get("date") or "")[:10])
    except ValueError:
        return None


def _calendar_order(event: Row) -> tuple[Any, ...]:
    """Earliest first by the day the filters read (the stated one, else the publication
    day), so that a cap keeps what the store's own order would; no day at all comes last."""
    day = event.get("day")
    return (day is None, day or "", event["id"])


def planned_acts(store: Store, filt: EventFilter, cap: int) -> Selection:
    """The planned and intended acts ``filt`` selects, earliest first, at most ``cap``."""
    statuses = (filt.status,) if filt.status else CALENDAR_STATUSES
    found: list[Row] = []
    total = 0
    for status in statuses:
        one = replace(filt, status=status, limit=None, offset=0)
        count = query.count_events(store, one)
        total += count
        if count:  # the store lists newest first: the earliest are the last `cap`
            found += query.find_events(store, replace(one, limit=cap, offset=max(0, count - cap)))
    found.sort(key=_calendar_order)
    return Selection(found[:cap], total)


def matching_events(store: Store, filt: EventFilter, cap: int) -> Selection:
    """The events ``filt`` selects, newest first, at most ``cap``."""
    rows = query.find_events(store, replace(filt, limit=cap, offset=0))
    return Selection(rows, query.count_events(store, replace(filt, limit=None, offset=0)))


# -- what an event is called ----------------------------------------------------------------


def _name(part: Row) -> str:
    return str(part.get("name") or part.get("org") or part.get("country") or "?")


def headline(event: Row) -> str:
    """``VISIT: A → B, C``: the type, the first participant and the others."""
    parts = [_name(p) for p in event.get("participants") or []]
    who = parts[0] if len(parts) < 2 else f"{parts[0]} → {', '.join(parts[1:])}"
    return f"{event['type']}: {who}" if who else str(event["type"])


def evidence_text(event: Row) -> str:
    return " ".join(str(e["text"]) for e in event.get("evidence") or [])


def _moment(value: str | None) -> datetime | None:
    """A stored timestamp or day as an aware time (a naive one taken as UTC), or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def stored_time(event: Row) -> datetime:
    """When the event's report was published (else its day): stable however often the
    store is rebuilt, so feed readers and calendars see an entry change only when it does."""
    return _moment(event.get("article_published")) or _moment(event.get("day")) or EPOCH


def outlet_of(event: Row) -> str | None:
    """The outlet that published the event's report, when the store knows it."""
    sources = event.get("sources") or []
    lead = [s for s in sources if s.get("article_id") == event.get("article_id")] or sources
    return str(lead[0]["outlet"]) if lead and lead[0].get("outlet") else None


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def event_url(request: Request, event_id: str) -> str:
    return f"{_base(request)}/events/{quote(event_id, safe='')}"


def _given(filt: EventFilter) -> dict[str, str]:
    """The filters of ``filt`` that are set, in their checked form, for a URL."""
    return {name: str(getattr(filt, name)) for name in FILTERS if getattr(filt, name)}


def _described(filt: EventFilter) -> str:
    given = _given(filt)
    return ", ".join(f"{k} {v}" for k, v in given.items()) if given else "all"


def _filename(stem: str, filt: EventFilter, ext: str) -> str:
    """A download's file name from the checked filters (never the free-text actor)."""
    parts = [stem]
    for name in ("country", "type", "status", "since", "until"):
        value = getattr(filt, name)
        if value:
            parts.append(_NAME_PART.sub("-", f"{name}-{value}").strip("-"))
    return "-".join(parts) + f".{ext}"


# -- the calendar page ------------------------------------------------------------------------


def _groups(events: list[Row]) -> tuple[list[Row], list[Row]]:
    """Dated acts by day (``day``, ``label``, ``events``), and the acts with no day stated."""
    days: dict[date, list[Row]] = {}
    undated = []
    for event in events:
        day = stated_day(event)
        if day is None:
            undated.append(event)
        else:
            days.setdefault(day, []).append(event)
    dated = [
        {"day": day.isoformat(), "label": f"{day:%A} {day.day} {day:%B %Y}", "events": found}
        for day, found in sorted(days.items())
    ]
    return dated, undated


def _links(path: str, values: dict[str, str]) -> str:
    return f"{path}?{urlencode(values)}" if values else path


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, store: StoreDep, values: CalendarValues) -> Response:
    """Planned and intended acts, by the day they are planned for, filterable."""
    shown = {k: (v or "").strip() for k, v in values.items() if k != "actor_id"}
    given = {k: v for k, v in values.items() if blank_is_none(v)}
    first = today()
    error, selection = None, Selection([], 0)
    try:
        filt = calendar_filter(values, first)
        selection = planned_acts(store, filt, CALENDAR_CAP)
    except UsageError as exc:
        error = exc.message
    dated, undated = _groups(selection.events)
    query_values = {k: str(v) for k, v in given.items()}
    return pages.templates.TemplateResponse(
        request,
        "calendar.html",
        {
            "bundle": pages.BUNDLE.is_file(),
            "title": "Calendar",
            "filters": shown,
            "today": first.isoformat(),
            "error": error,
            "dated": dated,
            "undated": undated,
            "shown": len(selection.events),
            "total": selection.total,
            "cap": CALENDAR_CAP,
            "event_types": EVENT_TYPES,
            "calendar_statuses": CALENDAR_STATUSES,
            "ics": _links("/calendar.ics", query_values),
            "csv": _links("/calendar.csv", query_values),
            "json": _links("/calendar.json", query_values),
        },
        status_code=400 if error else 200,
    )


def _calendar_dep(values: CalendarValues) -> EventFilter:
    return calendar_filter(values)


CalendarDep = Annotated[EventFilter, Depends(_calendar_dep)]


@router.get("/calendar.ics")
def calendar_ics(request: Request, store: StoreDep, filt: CalendarDep) -> Response:
    """The calendar's dated acts as an iCalendar feed, one all-day VEVENT each."""
    selection = planned_acts(store, filt, DOWNLOAD_CAP)
    events = []
    for event in selection.events:
        day = stated_day(event)
        if day is None:
            continue
        events.append(
            VEvent(
                uid=f"{event['id']}@diplograph",
                day=day,
                stamp=stored_time(event),
                summary=headline(event),
                description=f"{event['status']}: {evidence_text(event)}",
                url=event_url(request, event["id"]),
                location=event.get("place"),
                categories=(str(event["type"]),),
            )
        )
    text = calendar_text(f"diplograph: planned acts ({_described(filt)})", events)
    return Response(
        text.encode("utf-8"),
        media_type="text/calendar; charset=utf-8",
        headers=_counts(selection, len(events), "diplograph-calendar", filt, "ics", "inline"),
    )


# -- the events feed --------------------------------------------------------------------------


def _entry(request: Request, event: Row) -> Entry:
    day = event.get("day") or "no date"
    return Entry(
        id=f"tag:diplograph,2024:event/{quote(event['id'], safe='')}",
        title=f"{day} {headline(event)} ({event['status']})",
        updated=stored_time(event),
        link=event_url(request, event["id"]),
        summary=evidence_text(event) or headline(event),
        author=outlet_of(event),
        categories=(str(event["type"]), str(event["status"])),
    )


@router.get("/events.atom")
def events_atom(request: Request, store: StoreDep, filt: FilterDep) -> Response:
    """The newest ``FEED_SIZE`` events of the filter as an Atom 1.0 feed."""
    rows = query.find_events(store, replace(filt, limit=FEED_SIZE, offset=0))
    entries = [_entry(request, row) for row in rows]
    given = _given(filt)
    feed = Feed(
        id=f"tag:diplograph,2024:events?{urlencode(given)}",
        title=f"diplograph events ({_described(filt)})",
        updated=max((e.updated for e in entries), default=EPOCH),
        self_url=_base(request) + _links("/events.atom", given),
        alternate_url=_base(request) + _links("/events", given),
    )
    return Response(atom_feed(feed, entries), media_type="application/atom+xml; charset=utf-8")


# -- downloads ----------------------------------------------------------------------------------


def _counts(
    selection: Selection, count: int, stem: str, filt: EventFilter, ext: str, how: str
) -> dict[str, str]:
    """Headers saying how many rows match, how many are in the file, and its name."""
    return {
        "Content-Disposition": f'{how}; filename="{_filename(stem, filt, ext)}"',
        "X-Total-Count": str(selection.total),
        "X-Row-Count": str(count),
        "X-Truncated": "true" if selection.truncated else "false",
    }


def _csv(selection: Selection, stem: str, filt: EventFilter) -> Response:
    out = io.StringIO(newline="")
    written = write_flat_csv(out, selection.events, safe=True)
    return Response(
        out.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers=_counts(selection, written, stem, filt, "csv", "attachment"),
    )


def _json(selection: Selection, stem: str, filt: EventFilter) -> Response:
    body = {
        "ok": True,
        "filters": _given(filt),
        "total": selection.total,
        "count": len(selection.events),
        "cap": DOWNLOAD_CAP,
        "truncated": selection.truncated,
        "events": selection.events,
    }
    return Response(
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
        media_type="application/json",
        headers=_counts(selection, len(selection.events), stem, filt, "json", "attachment"),
    )


@router.get("/events.csv")
def events_csv(store: StoreDep, filt: FilterDep) -> Response:
    """Every event of the filter (newest first, at most ``DOWNLOAD_CAP``) as CSV."""
    return _csv(matching_events(store, filt, DOWNLOAD_CAP), "diplograph-events", filt)


@router.get("/events.json")
def events_json(store: StoreDep, filt: FilterDep) -> Response:
    """Every event of the filter (newest first, at most ``DOWNLOAD_CAP``) as JSON."""
    return _json(matching_events(store, filt, DOWNLOAD_CAP), "diplograph-events", filt)


@router.get("/calendar.csv")
def calendar_csv(store: StoreDep, filt: CalendarDep) -> Response:
    """The calendar's acts (earliest first, at most ``DOWNLOAD_CAP``) as CSV."""
    return _csv(planned_acts(store, filt, DOWNLOAD_CAP), "diplograph-calendar", filt)


@router.get("/calendar.json")
def calendar_json(store: StoreDep, filt: CalendarDep) -> Response:
    """The calendar's acts (earliest first, at most ``DOWNLOAD_CAP``) as JSON."""
    return _json(planned_acts(store, filt, DOWNLOAD_CAP), "diplograph-calendar", filt)
