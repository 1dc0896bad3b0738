"""The day of an act: explicit dates ("4-5 March 2025" -> its first day, "on May 9",
"Oct. 7") and relative ones ("today", "yesterday", "on Tuesday") resolved against the
publication date, or a date in the article's web address, or a stamp in the text ("12 Feb.
09:15", "05.11.2024") when the page gives none. A stamp without a year takes one only from
a full date written elsewhere in the article; otherwise no day is resolved against it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY_FIRST = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"(?:\s*(?:[-–]|to|and|until|till)\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    + MONTH
    + r"(?:,?\s+(?:in\s+|of\s+)?(?P<year>(?:19|20)\d\d))?\b"
)
MONTH_FIRST = re.compile(
    r"\b" + MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:\s*[-–]\s*[0-3]?\d)?"
    r"(?:,?\s+(?:in\s+|of\s+)?(?P<year>(?:19|20)\d\d))?\b"
)
RELATIVE = re.compile(
    r"\b(?P<word>(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|tomorrow)"
    r"|(?:(?:earlier|later)\s+)?today|this\s+(?:morning|afternoon|evening)|tonight|last\s+night"
    r"|(?:on\s+)?(?:(?:last|next|this|coming)\s+)?(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday))\b",
    re.IGNORECASE,
)
# RELATIVE, case-exact: on ASCII text, lower-casing keeps every offset and word boundary,
# and a case-blind match of a lower-case pattern is a match in the lower case (the words it
# finds are read in the lower case anyway)
RELATIVE_LOWER = re.compile(RELATIVE.pattern)
SAME_DAY = ("today", "morning", "afternoon", "evening", "tonight")  # the publication day
# a written day with no month name, day first with dots ("28.03.2024"); an ISO day in a
# text is a page's stamp, not an act's
NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
# every explicit date names its month, so holds one of these (the patterns are case-
# sensitive); every relative word holds "day" or "tomorrow", whose letters match case-blind
# only their own upper and lower case (unlike "s", which also matches "ſ")
MONTH_STEMS = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
DIGIT = re.compile(r"\d")  # every explicit date holds a day number
DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")  # and every numeric one this
RELATIVE_STEMS = ("day", "tomorrow", "tonight", "night", "morning", "afternoon", "evening")
STAMP_DATE = re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
STAMP_CHARS = 400  # a page's header, where its time stamp stands
RECENT_DAYS = 45  # how far back a date can lie and still be the day of the news
URL_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)[/-]?(?P<m>[01]\d)(?:[/-]?(?P<d>[0-3]\d))?")


def reference_date(published: str | None, url: str | None) -> tuple[date | None, bool]:
    """The publication day, and whether it is exact (a date in the URL may be a month)."""
    if published:
        try:
            return date.fromisoformat(published[:10]), True
        except ValueError:
            pass
    match = URL_DATE.search(url or "")
    if match:
        try:
            day = int(match.group("d") or 1)
            return date(int(match.group("y")), int(match.group("m")), day), bool(match.group("d"))
        except ValueError:
            return None, False
    return None, False


def stamp_date(text: str) -> tuple[date | None, bool]:
    """The publication day from a stamp at the head of the text, when the page gives none."""
    head = text[:STAMP_CHARS]
    match = STAMP_DATE.search(head)
    if match:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"])), True
        except ValueError:
            pass
    for pattern in (DAY_FIRST, MONTH_FIRST):
        match = pattern.search(head)
        if match is None:
            continue
        year = match.group("year") or written_year(text)
        if year is None:
            return None, False
        try:
            return date(int(year), MONTHS[match["month"][:3].lower()], int(match["day"])), True
        except ValueError:
            return None, False
    return None, False


def written_year(text: str) -> str | None:
    """The year of the first full date written in the text, if one is."""
    for pattern in (DAY_FIRST, MONTH_FIRST):
        for match in pattern.finditer(text):
            if match.group("year"):
                return match.group("year")
    return None


def fits_status(value: str, ref: date | None, exact: bool, occurred: bool) -> bool:
    """Whether a day can be that of an act done (not after the news) or planned (not
    before it); any day fits when the publication day is unknown."""
    if ref is None:
        return True
    margin = timedelta(days=1 if exact else 31)
    day = date.fromisoformat(value)
    return day <= ref + margin if occurred else day >= ref - margin


def is_recent(value: str, ref: date | None, exact: bool) -> bool:
    """Whether a day lies in the days just before the news (not a date of history)."""
    if ref is None:
        return False
    margin = timedelta(days=1 if exact else 31)
    day = date.fromisoformat(value)
    return ref - timedelta(days=RECENT_DAYS) <= day <= ref + margin


class FoundDate(NamedTuple):
    """A date expression of a text: where it starts, the ISO day it names, and whether it
    names it relative to the publication day ("yesterday", "on Tuesday")."""

    offset: int
    day: str
    relative: bool


def find_dates(text: str, ref: date | None, exact: bool, future: bool) -> list[FoundDate]:
    """Each date expression in ``text``."""
    relative = relative_dates(relative_words(text, ref, exact), ref, future)
    return written_dates(text, ref) + relative


def written_dates(text: str, ref: date | None) -> list[FoundDate]:
    """The dates ``text`` writes out ("4 March", "28.03.2024"), which read the same for an
    act done or planned."""
    out: list[FoundDate] = []
    if MONTH_STEMS.search(text) and DIGIT.search(text):  # cheap tests before the patterns
        for pattern in (DAY_FIRST, MONTH_FIRST):
            for match in pattern.finditer(text):
                value = explicit_date(match, ref)
                if value:
                    out.append(FoundDate(match.start(), value, False))
    if DIGIT_DOT_DIGIT.search(text):
        for match in NUMERIC.finditer(text):
            value = numeric_date(match)
            if value:
                out.append(FoundDate(match.start(), value, False))
    return out


def relative_words(text: str, ref: date | None, exact: bool) -> list[tuple[int, str]]:
    """Where ``text`` names a day relative to the publication day ("yesterday", "on
    Tuesday"), and the words, when that day is known exactly."""
    if ref is None or not exact:
        return []
    lowered = text.lower()
    if not any(stem in lowered for stem in RELATIVE_STEMS):  # no match of RELATIVE at all
        return []
    if text.isascii():  # the same matches, found case-exact in the lower case, faster
        return [(m.start(), m.group("word")) for m in RELATIVE_LOWER.finditer(lowered)]
    return [(match.start(), match.group("word")) for match in RELATIVE.finditer(text)]


def relative_dates(
    words: Sequence[tuple[int, str]], ref: date | None, future: bool
) -> list[FoundDate]:
    """The days of ``relative_words`` seen from ``ref``; a bare weekday lies after ``ref``
    when ``future``."""
    if ref is None:
        return []
    return [FoundDate(offset, relative_date(word, ref, future), True) for offset, word in words]


def explicit_date(match: re.Match[str], ref: date | None) -> str | None:
    """ISO date of a day-month(-year) match; the year of ``ref`` when none is written."""
    month = MONTHS[match.group("month")[:3].lower()]
    year_text = match.group("year")
    year = int(year_text) if year_text else (ref.year if ref else None)
    if year is None:
        return None
    try:
        return date(year, month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def numeric_date(match: re.Match[str]) -> str | None:
    """ISO date of a written numeric day ("28.03.2024")."""
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None


def relative_date(word: str, ref: date, future: bool) -> str:
    """ "today", "yesterday", "tomorrow" (and "the day before/after" them, "this morning",
    "last night") or a weekday ("last Monday", "next Friday", "on Tuesday"), seen from
    ``ref``; a bare weekday lies after ``ref`` for an act planned, before it for one done."""
    words = word.lower().split()
    if words[0] == "on":
        words = words[1:]
    last = words[-1]
    if last in SAME_DAY:
        return ref.isoformat()
    if last in ("yesterday", "tomorrow", "night"):
        step = 1 if last == "tomorrow" else -1
        if words[0] == "the":  # the day before yesterday, the day after tomorrow
            step += 1 if words[2] == "after" else -1
        return (ref + timedelta(days=step)).isoformat()
    if words[0] in ("next", "coming"):
        future = True
    elif words[0] == "last":
        future = False
    target = WEEKDAYS.index(last)
    away = 7 if words[0] in ("next", "last") else 0  # "next Friday" said on a Friday
    if future:
        return (ref + timedelta(days=(target - ref.weekday()) % 7 or away)).isoformat()
    return (ref - timedelta(days=(ref.weekday() - target) % 7 or away)).isoformat()


def date_near(dates: Sequence[FoundDate], offset: int) -> str | None:
    """The day of the date expression closest to a character offset."""
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.offset - offset)).day
