"""An iCalendar (RFC 5545) writer for the calendar feed: all-day VEVENTs, nothing more.

``calendar_text(name, events)`` returns the whole ``VCALENDAR`` as text with CRLF line ends.
TEXT values are escaped (``\\\\``, ``\\;``, ``\\,``, a line break as ``\\n``) and stripped of
control characters, so a value can never open a property of its own; every content line is
folded at 75 octets without splitting a UTF-8 character (section 3.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

__all__ = ["PRODID", "VEvent", "calendar_text", "escape_text", "fold_line"]

PRODID = "-//diplograph//planned diplomatic acts//EN"
_LINE_OCTETS = 75
_BREAKS = re.compile(r"\r\n|[\r\n\u0085\u2028\u2029]")
# C0 controls but the tab, DEL and the C1 controls: not allowed in a TEXT value.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_URI_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\"<>\\^`{|}\u2028\u2029]")


@dataclass(frozen=True)
class VEvent:
    """One all-day event: ``day`` (DTSTART;VALUE=DATE, DTEND the next day)."""

    uid: str
    day: date
    stamp: datetime
    summary: str
    description: str = ""
    url: str | None = None
    location: str | None = None
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    """``value`` as an RFC 5545 TEXT value: escaped, line breaks as ``\\n``, no controls."""
    value = _CONTROLS.sub("", _BREAKS.sub("\n", value).replace("\t", " "))
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def _uri(value: str) -> str:
    """A URI value: characters that cannot stand in one (spaces, controls, quotes) dropped."""
    return _URI_UNSAFE.sub("", value)


def fold_line(line: str) -> str:
    """One content line folded into pieces of at most 75 octets joined by CRLF + space."""
    data = line.encode("utf-8")
    if len(data) <= _LINE_OCTETS:
        return line
    pieces: list[str] = []
    start, room = 0, _LINE_OCTETS
    while start < len(data):
        end = min(start + room, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a UTF-8 character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, room = end, _LINE_OCTETS - 1  # a continuation line opens with a space
    return "\r\n ".join(pieces)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _vevent(event: VEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(event.summary)}",
        "TRANSP:TRANSPARENT",
        "STATUS:TENTATIVE",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{_uri(event.url)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    lines.append("END:VEVENT")
    return lines


def calendar_text(name: str, events: Iterable[VEvent]) -> str:
    """A ``VCALENDAR`` named ``name`` holding ``events``, folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _vevent(event)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
