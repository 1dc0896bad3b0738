"""Reports of events in many articles -> events, each with its source articles and outlets.

Two reports are one event when they have the same type and status, the same *sides*
(each participant's state, else its organisation, else the resolved actor), compatible
resolved participants (one report's persons and organisations are among the other's),
compatible dates (the same day when both give one; otherwise days, the publication day
standing in for a missing date, at most ``SAME_EVENT_DAYS`` apart), compatible places,
and come from different articles. Reports of one *signature* (type, status, sides) are
clustered together and apart from every other signature: dated reports first, day by day,
then undated ones joining the nearest compatible event. The order is fixed by the
reports' days and ids, so the same reports always give the same events and ids.

Counts follow GDELT's NumSources/NumArticles: ``num_sources`` distinct outlets (the URL's
host, or the source file's name when there is no URL), ``num_articles`` distinct articles.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from functools import cached_property
from urllib.parse import urlsplit

from diplograph.models import fold, stable_id

SAME_EVENT_DAYS = 3


@dataclass(frozen=True)
class Party:
    """One participant of a report, resolved: its kind, actor, state and organisation."""

    kind: str
    entity_id: str
    country: str | None = None
    org: str | None = None

    @property
    def side(self) -> str:
        if self.country:
            return self.country
        if self.kind == "person" and self.org:
            return f"org:{fold(self.org)}"
        return self.entity_id


@dataclass(frozen=True)
class Report:
    """One event as one article reports it."""

    event_id: str
    article_id: str
    position: int
    type: str
    status: str
    date: str | None
    day: str | None
    place: str | None
    outlet: str
    parties: tuple[Party, ...] = ()

    @property
    def signature(self) -> str:
        sides = sorted({p.side for p in self.parties})
        return f"{self.type}|{self.status}|{'+'.join(sides)}"

    @cached_property
    def actors(self) -> frozenset[str]:
        """Resolved persons and organisations taking part (states are in the sides)."""
        return frozenset(p.entity_id for p in self.parties if p.kind != "country")


@dataclass(frozen=True)
class Cluster:
    """An event: the reports of it, the representative report, and the counts."""

    id: str
    signature: str
    type: str
    status: str
    date: str | None
    day: str | None
    place: str | None
    lead: str
    members: tuple[str, ...]
    num_sources: int
    num_articles: int


def outlet(url: str | None, source: str) -> str:
    """Where an article was published: the URL's host without ``www.``, else the file name."""
    if url:
        host = (urlsplit(url).hostname or "").rstrip(".")
        if host:
            return host.removeprefix("www.")
    return os.path.basename(source.split("#")[0]) or source


def _ordinal(day: str | None) -> int | None:
    try:
        return Date.fromisoformat((day or "")[:10]).toordinal()
    except ValueError:
        return None


def _places_agree(a: str, b: str) -> bool:
    return a == b or a in b or b in a


class _Group:
    """Reports clustered so far, with what a newcomer must agree with (every member)."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self.articles: set[str] = set()
        self.places: set[str] = set()
        self.actor_sets: set[frozenset[str]] = set()
        self.dates: set[str] = set()  # of members that give a date
        self.days: set[int | None] = set()  # every member's day
        self.undated_days: set[int | None] = set()  # of members that give no date

    def add(self, r: Report) -> None:
        self.reports.append(r)
        self.articles.add(r.article_id)
        if r.place:
            self.places.add(fold(r.place))
        self.actor_sets.add(r.actors)
        day = _ordinal(r.day)
        self.days.add(day)
        if r.date:
            self.dates.add(r.date[:10])
        else:
            self.undated_days.add(day)

    def gap(self, r: Report) -> int | None:
        """Days between ``r`` and the nearest member, or None when ``r`` cannot join because
        it disagrees with some member (same article, place, actors, date, or too far)."""
        if r.article_id in self.articles:
            return None
        place = fold(r.place) if r.place else ""
        if place and not all(_places_agree(place, p) for p in self.places):
            return None
        if not all(r.actors <= a or a <= r.actors for a in self.actor_sets):
            return None
        if r.date and self.dates - {r.date[:10]}:
            return None
        day = _ordinal(r.day)
        near = self.undated_days if r.date else self.days
        if near and (
            day is None
            or None in near
            or any(abs(day - d) > SAME_EVENT_DAYS for d in near if d is not None)
        ):
            return None
        if day is None or None in self.days:
            return 0
        return min(abs(day - d) for d in self.days if d is not None)


def _group(reports: list[Report]) -> list[list[Report]]:
    dated = sorted((r for r in reports if r.date), key=lambda r: (r.day or "", r.event_id))
    undated = sorted((r for r in reports if not r.date), key=lambda r: (r.day or "~", r.event_id))
    groups: list[_Group] = []
    # Only groups ``gap`` could accept are tried, so that a signature with many reports is
    # grouped in linear time. While dated reports are placed every group has one date (a
    # dated report joins only a group of its date); an undated one joins only a group with
    # a day within SAME_EVENT_DAYS of its own.
    by_date: dict[str, list[int]] = {}
    by_day: dict[int, list[int]] = {}
    for r in (*dated, *undated):
        best: tuple[int, int] | None = None
        for n in _candidates(r, by_date, by_day):
            gap = groups[n].gap(r)
            if gap is not None and (best is None or gap < best[0]):
                best = (gap, n)
        if best is None:
            groups.append(_Group())
            best = (0, len(groups) - 1)
            if r.date:
                by_date.setdefault(r.date[:10], []).append(best[1])
        groups[best[1]].add(r)
        day = _ordinal(r.day)
        if day is not None:
            by_day.setdefault(day, []).append(best[1])
    return [g.reports for g in groups]


def _candidates(
    r: Report, by_date: dict[str, list[int]], by_day: dict[int, list[int]]
) -> list[int]:
    """The groups that may take ``r`` (a superset of those ``gap`` accepts), in order."""
    if r.date:
        return by_date.get(r.date[:10], [])
    day = _ordinal(r.day)
    if day is None:
        return []
    near = range(day - SAME_EVENT_DAYS, day + SAME_EVENT_DAYS + 1)
    return sorted({n for d in near for n in by_day.get(d, ())})


def _cluster(signature: str, group: list[Report]) -> Cluster:
    lead = min(group, key=lambda r: (r.date is None, r.day or "~", r.event_id))
    places = Counter(r.place for r in group if r.place)
    return Cluster(
        id=stable_id("evc", min(r.event_id for r in group)),
        signature=signature,
        type=lead.type,
        status=lead.status,
        date=lead.date,
        day=lead.day,
        place=min(places, key=lambda p: (-places[p], -len(p), p)) if places else None,
        lead=lead.event_id,
        members=tuple(sorted(r.event_id for r in group)),
        num_sources=len({r.outlet for r in group}),
        num_articles=len({r.article_id for r in group}),
    )


def cluster_reports(reports: Iterable[Report]) -> list[Cluster]:
    """Events for ``reports``, ordered by id; every report is in exactly one."""
    by_signature: dict[str, list[Report]] = {}
    for r in reports:
        by_signature.setdefault(r.signature, []).append(r)
    clusters = [
        _cluster(signature, group)
        for signature in sorted(by_signature)
        for group in _group(by_signature[signature])
    ]
    clusters.sort(key=lambda c: c.id)
    return clusters
