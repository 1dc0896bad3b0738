"""Filters and their parsing: every value a front end passes is checked here, once.

So every front end refuses the same bad values with the same ``UsageError`` (the CLI exits 2
on it, the API answers 400): ``parse_*`` for one value, ``EventFilter`` for the events to
list, ``_actor_filters`` for the actors.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from diplograph.errors import UsageError
from diplograph.models import ACTOR_KINDS, EVENT_TYPES, STATUSES, fold

__all__ = [
    "EXTRA_COUNTRY_CODES",
    "EventFilter",
    "country_code",
    "parse_country",
    "parse_date",
    "parse_kind",
    "parse_status",
    "parse_type",
]


# Codes in use that ISO 3166-1 leaves to its users (GUIDE.md section 2).
EXTRA_COUNTRY_CODES = frozenset({"XKX"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_type(value: str) -> str:
    """An event type, any case, as stored (``meeting`` -> ``MEETING``)."""
    upper = value.strip().upper()
    if upper not in EVENT_TYPES:
        raise UsageError(f"unknown event type {value!r}; use one of {', '.join(EVENT_TYPES)}")
    return upper


def parse_status(value: str) -> str:
    """An event status, any case, as stored."""
    lower = value.strip().lower()
    if lower not in STATUSES:
        raise UsageError(f"unknown status {value!r}; use one of {', '.join(STATUSES)}")
    return lower


def parse_country(value: str) -> str:
    """An ISO 3166-1 alpha-3 code, any case, upper-cased (``kaz`` -> ``KAZ``)."""
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or not _known_country(code):
        raise UsageError(f"{value!r} is not an ISO 3166-1 alpha-3 country code (e.g. KAZ)")
    return code


def _known_country(code: str) -> bool:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        return True
    return code in EXTRA_COUNTRY_CODES or pycountry.countries.get(alpha_3=code) is not None


def parse_date(value: str, *, end: bool = False) -> str:
    """``YYYY-MM-DD`` from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the period's first day,
    or its last day when ``end`` (so ``until=2024-04`` takes in all of April)."""
    found = _DATE.match(value.strip())
    if found is None:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year_text, month_text, day_text = found.groups()
    year = int(year_text)
    month = int(month_text) if month_text else (12 if end else 1)
    if not 1 <= month <= 12:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    last = calendar.monthrange(year, month)[1]
    day = int(day_text) if day_text else (last if end else 1)
    if not 1 <= day <= last:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field given must hold. Values are checked and normalised.

    ``actor``: a piece of a name, case, accents and transliteration ignored, matched against
    resolved actors' names and every name an article uses for them. ``actor_id``: the id of a
    resolved actor (``diplograph actors``). ``country``: ISO3; events with a participant of
    that country or a person serving it. ``since``/``until``: inclusive, on the event's date,
    or its article's publication day when the event has none.
    """

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    offset: int = 0
    actor_id: str | None = None

    def __post_init__(self) -> None:
        checked = {
            "actor": self.actor.strip() if self.actor is not None else None,
            "country": parse_country(self.country) if self.country is not None else None,
            "type": parse_type(self.type) if self.type is not None else None,
            "status": parse_status(self.status) if self.status is not None else None,
            "since": parse_date(self.since) if self.since is not None else None,
            "until": parse_date(self.until, end=True) if self.until is not None else None,
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        if self.actor is not None and not fold(self.actor):
            raise UsageError("the actor name to search for is empty")
        if self.since and self.until and self.since > self.until:
            raise UsageError(f"since ({self.since}) is after until ({self.until})")
        if self.limit is not None and self.limit < 1:
            raise UsageError("limit must be at least 1")
        if self.offset < 0:
            raise UsageError("offset cannot be negative")


def _event_filters(filt: EventFilter | None) -> dict[str, Any]:
    """The filters of ``filt`` without its page (``limit``, ``offset``)."""
    filters = asdict(filt or EventFilter())
    del filters["limit"], filters["offset"]
    return filters


def parse_kind(value: str) -> str:
    """An actor kind, any case, as stored (``Person`` -> ``person``)."""
    lower = value.strip().lower()
    if lower not in ACTOR_KINDS:
        raise UsageError(f"unknown actor kind {value!r}; use one of {', '.join(ACTOR_KINDS)}")
    return lower


def _actor_filters(
    name: str | None, country: str | None, office: str | None, kinds: Sequence[str] | None
) -> dict[str, Any]:
    """The actor filters, checked: ``UsageError`` for an empty name or office, a bad
    country code or kind."""
    if name is not None and not fold(name):
        raise UsageError("the actor name to search for is empty")
    if office is not None and not office.strip():
        raise UsageError("the office to search for is empty")
    return {
        "name": name,
        "country": parse_country(country) if country is not None else None,
        "office": office.strip() if office is not None else None,
        "kinds": tuple(parse_kind(k) for k in kinds) if kinds is not None else None,
    }


def country_code(value: str | None) -> str | None:
    """``value`` when it is an ISO3 country code (not an acronym such as CIS), else None."""
    if not value or not re.fullmatch(r"[A-Z]{3}", value):
        return None
    try:
        return parse_country(value)
    except UsageError:
        return None
