"""The knowledge base's records: ``Office`` (one tenure), ``Official`` (one person), ``Match``.

Both are NamedTuples: light (a knowledge base holds some 100,000 of them) and immutable.
Dates are strings as the sources give them, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, and an
office's ``end`` is None while it is held at its source's snapshot. A partial date covers its
whole period: an office that starts "2004" is held on 2004-01-01, one that ends "2008-05" on
2008-05-31; those two days are computed once per distinct (start, end) and kept.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import cache
from typing import NamedTuple

from diplograph.errors import UsageError

QID = re.compile(r"^Q\d+$")  # a Wikidata item id

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_FIRST_DAY = date.min.toordinal()
_LAST_DAY = date.max.toordinal()

# Which office to name when a person holds several on one day: a user's list first, then
# the heads of state and government and the foreign ministers (the offices a release names
# them by: Macron is President of France before Co-Prince of Andorra), then Wikidata's other
# facts, then Phoenix's (a CAMEO sector for a title, to 2014).
_SOURCE_RANK = (
    ("user:", 0),
    ("ep:heads_of_state_and_government", 1),
    ("ep:foreign_ministers", 1),
    ("phoenix:", 3),
)
PHOENIX_RANK = 3


def check_date(text: str) -> str:
    """``text`` if it is a valid YYYY, YYYY-MM or YYYY-MM-DD date, else a UsageError."""
    _bounds(text)
    return text


def _bounds(text: str) -> tuple[int, int]:
    """The first and last day (ordinals) a partial date covers."""
    match = _DATE.match(text)
    if match is None:
        raise UsageError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(part) if part else 0 for part in match.groups())
    try:
        if day:
            one = date(year, month, day).toordinal()
            return one, one
        if month:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError as exc:
        raise UsageError(f"not a date: {text!r} ({exc})") from exc


@cache
def _span(start: str | None, end: str | None) -> tuple[int, int]:
    """The first and last day (ordinals) of a tenure; open ends unbounded."""
    first = _bounds(start)[0] if start else _FIRST_DAY
    last = _bounds(end)[1] if end else _LAST_DAY
    return first, last


def day_number(on: str | date) -> int:
    """The ordinal of a day given as a date or an ISO string (a partial one: its first day)."""
    if isinstance(on, date):
        return on.toordinal()
    return _bounds(on.strip())[0]


def source_rank(source: str) -> int:
    """How much an office's source is preferred, 0 first (see ``_SOURCE_RANK``)."""
    for prefix, rank in _SOURCE_RANK:
        if source.startswith(prefix):
            return rank
    return 2


class Office(NamedTuple):
    """One tenure: a title held for a country (ISO3) or an organisation, from start to end."""

    title: str
    country: str | None
    org: str | None
    start: str | None
    end: str | None
    source: str

    @property
    def first_day(self) -> int:
        """The first day (ordinal) of the tenure; the earliest one when the start is open."""
        return _span(self.start, self.end)[0]

    @property
    def last_day(self) -> int:
        """The last day (ordinal) of the tenure; the latest one while it is held."""
        return _span(self.start, self.end)[1]

    def holds_on(self, day: str | date) -> bool:
        """Whether the office is held on ``day`` (an open start or end is unbounded)."""
        number = day_number(day)
        return self.first_day <= number <= self.last_day

    def distance(self, number: int) -> int:
        """Days from the tenure to the day ``number`` (0 inside it)."""
        first, last = _span(self.start, self.end)
        if number < first:
            return first - number
        return max(0, number - last)

    def to_dict(self) -> dict[str, str | None]:
        """The office as a plain record."""
        return {
            "title": self.title,
            "country": self.country,
            "org": self.org,
            "start": self.start,
            "end": self.end,
            "source": self.source,
        }


class Official(NamedTuple):
    """One person: a Wikidata QID where known, the names they go by, the offices they held."""

    id: str
    name: str
    aliases: tuple[str, ...]
    qid: str | None
    offices: tuple[Office, ...]
    mononym: bool = False

    def office_on(self, day: str | date) -> Office | None:
        """The office held on ``day``, else the nearest in time (an earlier one on a tie)."""
        if not self.offices:
            return None
        number = day_number(day)
        held = [office for office in self.offices if office.distance(number) == 0]
        if held:
            return min(held, key=self._held_first)

        def nearness(office: Office) -> tuple[int, bool, int, str]:
            after = office.first_day > number
            return office.distance(number), after, source_rank(office.source), office.title

        return min(self.offices, key=nearness)

    def _held_first(self, office: Office) -> tuple[int, int, int, str]:
        """Of the offices held on one day, the one to name: by source, then in the place
        of most of the person's offices (Macron: France, not Andorra), then the latest."""
        place = office.country or office.org
        home = sum(1 for o in self.offices if (o.country or o.org) == place)
        return source_rank(office.source), -home, -office.first_day, office.title

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries (ISO3) of the person's offices, sorted."""
        return tuple(sorted({o.country for o in self.offices if o.country}))

    @property
    def orgs(self) -> tuple[str, ...]:
        """The organisations of the person's offices, sorted."""
        return tuple(sorted({o.org for o in self.offices if o.org}))

    def to_dict(self) -> dict[str, object]:
        """The person as a plain record (the offices as records too)."""
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "qid": self.qid,
            "mononym": self.mononym,
            "offices": [office.to_dict() for office in self.offices],
        }


class Match(NamedTuple):
    """A person a name may refer to, and the office they held on the day asked about."""

    official: Official
    office_on_day: Office | None
