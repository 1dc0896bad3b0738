"""The day of each event: the date nearest its trigger that fits its status, else the
day of the news the article has been telling so far (``DayContext``, run sentence by
sentence by ``events``); an act dated long before the news is background, not news."""

from __future__ import annotations

import re
from datetime import date

from diplograph.nlp.dates import (
    FoundDate,
    date_near,
    fits_status,
    is_recent,
    relative_dates,
    relative_words,
    written_dates,
)
from diplograph.nlp.drafts import Draft

NEAR_CHARS = 30
# cheap tests before the date patterns: a digit, or "day" ending a word (two searches are
# faster than one of either)
DIGIT = re.compile(r"\d")
DAY_WORD = re.compile(r"day\b", re.IGNORECASE)
AHEAD_CHARS = 40  # a date after the news this near an act undated otherwise is its day
PAST_NEWS_DAYS = 366  # an act dated longer before the news than this is recalled background
HEADING_WORDS = 6  # a line of a date and no more words than this heads the lines after it
ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class DayContext:
    """The day of each act: the date nearest its trigger that fits its status, else, for
    an act done, the day of the news the article has been telling so far ("On 3 March
    the minister attended ... She also met ..."; "told reporters on Friday. Later ...")."""

    def __init__(self, ref: date | None, exact: bool, other_act: re.Pattern[str]) -> None:
        self.ref, self.exact = ref, exact
        self.other_act = other_act  # "the forum held in Lima on 9 May": not the news' day
        self.carried: str | None = None
        self.heading = False  # the carried day is a date heading's ("Monday 9 June"), not news
        self.text = ""
        self.written: list[FoundDate] | None = None  # the sentence's written-out dates
        self.relative: list[tuple[int, str]] = []  # and its relative day words
        self.past_read = self.future_read = False
        self.past: list[FoundDate] = []
        self.future: list[FoundDate] = []

    def enter(self, text: str) -> None:
        """Start on the next sentence; its dates are read only when asked for."""
        self.text = text
        self.written = None
        self.past_read = self.future_read = False

    def dates(self, occurred: bool) -> list[FoundDate]:
        """The date expressions of the sentence that fit an act done or planned."""
        if occurred and not self.past_read:
            found = self.found(future=False)
            self.past = [d for d in found if fits_status(d.day, self.ref, self.exact, True)]
            self.past_read = True
        if not occurred and not self.future_read:
            found = self.found(future=True)
            self.future = [d for d in found if fits_status(d.day, self.ref, self.exact, False)]
            self.future_read = True
        return self.past if occurred else self.future

    def found(self, future: bool) -> list[FoundDate]:
        """``find_dates`` of the sentence; its written dates are read once for both."""
        if self.written is None:
            self.written = written_dates(self.text, self.ref)
            self.relative = relative_words(self.text, self.ref, self.exact)
        return self.written + relative_dates(self.relative, self.ref, future)

    def assign(self, draft: Draft, offset: int) -> None:
        """Date one draft of the current sentence."""
        occurred = draft.status == "occurred"
        pool = nearest_first(self.dates(occurred), offset)
        draft.date = date_near(pool, offset)
        if not occurred:
            return
        if draft.date is None:
            draft.date, draft.carried = self.carried, self.carried is not None and not self.heading
        elif self.ref is None or is_recent(draft.date, self.ref, self.exact):
            self.carried, self.heading = draft.date, False

    def announce(self, draft: Draft, today: str, offset: int) -> None:
        """An act told without a cue of the future but dated after the news ("the visit to
        X (7-9 March)" in a release of 6 March) is planned."""
        if draft.date is not None and not draft.carried:
            if draft.date > today:
                draft.status = "planned"
            return
        ahead = [
            d
            for d in self.dates(False)
            if not d.relative and d.day > today and abs(d.offset - offset) <= AHEAD_CHARS
        ]
        if ahead:
            draft.status, draft.date, draft.carried = "planned", ahead[0].day, False

    def leave(self, had_events: bool) -> None:
        """A sentence with no act can still give the day of the news ("said on Monday")."""
        if had_events:
            return
        if self.ref is None or not (DIGIT.search(self.text) or DAY_WORD.search(self.text)):
            return
        if len(self.text.split()) <= HEADING_WORDS and self.text.rstrip()[-1:] not in ".!?":
            self.found(future=False)
            if self.written:  # "Monday 9 June" over an agenda's lines: their day, past or to come
                self.carried, self.heading = self.written[0].day, True
                return
        recent = [
            d
            for d in self.dates(True)
            if is_recent(d.day, self.ref, self.exact) and not self.dates_other_act(d.offset)
        ]
        if recent:
            self.carried, self.heading = recent[-1].day, False

    def dates_other_act(self, offset: int) -> bool:
        """The date at ``offset`` dates an act the sentence only names ("held ... on")."""
        return self.other_act.search(self.text[max(0, offset - 40) : offset]) is not None


def long_past(draft: Draft, ref: date) -> bool:
    """An act done more than a year before the news it is told in: background, not news."""
    if draft.status != "occurred" or draft.date is None:
        return False
    try:
        day = date.fromisoformat(draft.date)
    except ValueError:
        return False
    return (ref - day).days > PAST_NEWS_DAYS


def latest_year(text: str) -> int | None:
    """The latest year an undated article names: its news is of that year or later."""
    years = [int(y) for y in ANY_YEAR.findall(text)]
    return max(years) if years else None


def nearest_first(dates: list[FoundDate], offset: int) -> list[FoundDate]:
    """The dates an act can take: a written date wins over a weekday or "today" (often
    the day of the report), unless the relative one stands right by the trigger."""
    explicit = [d for d in dates if not d.relative]
    if not explicit:
        return dates
    return explicit + [d for d in dates if d.relative and abs(d.offset - offset) <= NEAR_CHARS]
