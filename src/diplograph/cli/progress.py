"""Progress on stderr: a bar on a terminal, a plain line every ``PLAIN_EVERY`` articles
otherwise (a log file, a pipe).

The bar measures bytes so that it needs nothing from the readers: before reading, the inputs
are expanded to files and each local file's size is taken. While an article of file k is
read, the position is the size of files 0..k-1 plus the text read so far from file k (titles
and texts in UTF-8), capped at 99% of file k's size because markup and metadata make a file
larger than its text. Articles come in input order, so the first article of a later file
means the earlier files are done. A URL is a file of unknown size; with no size known at all
(no inputs, only URLs) the bar is an article count and a rate.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from typing import NamedTuple, Protocol

from diplograph.errors import InputError
from diplograph.ingest.files import expand_input, is_url

# Small runs stay quiet: the bar appears once past this many articles and this many seconds
# after the first one. Off a terminal a plain line says how many so far every PLAIN_EVERY.
PROGRESS_AFTER = 10
QUIET_SECONDS = 0.5
PLAIN_EVERY = 1000
# Redrawing costs a write to the terminal; ten times a second is smooth enough.
REDRAW_SECONDS = 0.1
# A file's text is less than its bytes: its share of the bar stops short of full until the
# next file starts.
WITHIN_FILE_CAP = 0.99
BAR_MIN, BAR_MAX = 10, 40
ERASE_LINE = "\r\x1b[K"


class Read(Protocol):
    """What the bar needs of an article read: its file and how much text it holds."""

    @property
    def source(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def text(self) -> str: ...


class Piece(NamedTuple):
    """An article read, where only its record is at hand (``batch``'s results)."""

    source: str
    title: str | None
    text: str


@dataclass(frozen=True)
class Glyphs:
    """The characters a bar is drawn with."""

    full: str
    half: str
    empty: str
    sep: str


UNICODE_GLYPHS = Glyphs("━", "╸", "─", " · ")
ASCII_GLYPHS = Glyphs("#", "", "-", " | ")


@dataclass(frozen=True)
class InputFile:
    """One file the inputs name, with its size in bytes (None for a URL)."""

    source: str
    size: int | None


@dataclass(frozen=True)
class Status:
    """What the bar shows at one moment."""

    count: int
    fraction: float | None  # None when no input size is known
    files_done: int
    files_total: int
    rate: float | None  # articles per second
    eta: float | None  # seconds left


def plan_files(inputs: Sequence[str]) -> list[InputFile]:
    """The files ``inputs`` name, in reading order, with their sizes.

    An input that names no file, or a file whose size cannot be read, is left out: the
    reader reports it when it gets there.
    """
    files: list[InputFile] = []
    for spec in inputs:
        try:
            paths = expand_input(spec)
        except InputError:
            continue
        for path in paths:
            if is_url(path):
                files.append(InputFile(path, None))
                continue
            try:
                files.append(InputFile(path, os.path.getsize(path)))
            except OSError:
                continue
    return files


class Position:
    """How far into the planned files the articles read so far have got, in bytes."""

    def __init__(self, files: Sequence[InputFile]) -> None:
        self.files = list(files)
        self.total = sum(f.size or 0 for f in self.files)
        self.current = -1  # the index of the file being read
        self.before = 0  # bytes of the files before it
        self.read = 0  # text bytes of its articles so far

    def advance(self, article: Read) -> None:
        """Move past one article; an article from no planned file moves nothing."""
        index = self._find(article.source)
        if index is None:
            return
        if index != self.current:
            self.before = sum(f.size or 0 for f in self.files[:index])
            self.current, self.read = index, 0
        self.read += len((article.title or "").encode()) + len(article.text.encode())

    def finish(self) -> None:
        """Every file has been read."""
        self.current, self.before, self.read = len(self.files), self.total, 0

    @property
    def done(self) -> float:
        """Bytes done: the files before the current one and part of the current one."""
        if not 0 <= self.current < len(self.files):
            return float(self.before)
        size = self.files[self.current].size or 0
        return self.before + min(WITHIN_FILE_CAP * size, self.read)

    @property
    def files_done(self) -> int:
        """How many files are finished."""
        return max(self.current, 0)

    def _find(self, source: str) -> int | None:
        """The index of ``source`` at or after the current file (inputs are read in order)."""
        for index in range(max(self.current, 0), len(self.files)):
            if self.files[index].source == source:
                return index
        return None


class Progress:
    """Progress on stderr: a bar on a terminal, else a plain line every ``PLAIN_EVERY``.

    ``inputs`` are the inputs the articles are read from (their sizes measure the bar);
    ``clock`` and ``columns`` (default: the terminal's width) are for tests.
    """

    def __init__(
        self,
        inputs: Sequence[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        columns: int | None = None,
    ) -> None:
        self.terminal = sys.stderr.isatty()
        self.clock = clock
        self.columns = columns
        self.glyphs = choose_glyphs(getattr(sys.stderr, "encoding", None))
        self.position = Position(plan_files(inputs) if inputs else [])
        self.count = 0
        self.started: float | None = None  # when the first article came
        self.started_bytes = 0.0
        self.drawn_at = -math.inf
        self.visible = False  # past the quiet start
        self.shown = False  # the bar is on the screen now

    def advance(self, article: Read | None = None) -> None:
        """Count one more article (from ``article.source``) and show the progress."""
        self.count += 1
        if article is not None:
            self.position.advance(article)
        now = self.clock()
        if self.started is None:
            self.started, self.started_bytes = now, self.position.done
        if not self.terminal:
            if self.count % PLAIN_EVERY == 0:
                _write(self.plain_line() + "\n")
            return
        if not self.visible:
            if self.count < PROGRESS_AFTER or now - self.started < QUIET_SECONDS:
                return
            self.visible = True
        if not self.shown or now - self.drawn_at >= REDRAW_SECONDS:
            self._draw(now)

    @contextmanager
    def running(self) -> Iterator[Progress]:
        """The span of a loop that advances: at its end the bar shows full, then it is
        erased, as it is when the loop fails (so that the error line starts clean)."""
        try:
            yield self
            self.finish()
        finally:
            self.clear()

    def finish(self) -> None:
        """Every input has been read: show the bar full, if it is showing at all."""
        self.position.finish()
        if self.terminal and self.visible:
            self._draw(self.clock())

    def clear(self) -> None:
        """Erase the bar, if shown, before anything else is written to stderr; the next
        ``advance`` draws it again."""
        if self.shown:
            _write(ERASE_LINE)
            self.shown = False

    def plain_line(self) -> str:
        """``N articles so far``, with the share of the input when its size is known."""
        line = f"{self.count} articles so far"
        if self.position.total:
            line += f" ({percent(self.position.done / self.position.total)}% of the input)"
        return line

    def status(self, now: float) -> Status:
        """The count, the share done, the rate and the time left, as of ``now``."""
        position = self.position
        elapsed = now - (self.started if self.started is not None else now)
        fraction = position.done / position.total if position.total else None
        rate = eta = None
        if elapsed > 0:
            rate = (self.count - 1) / elapsed
            speed = (position.done - self.started_bytes) / elapsed
            if fraction is not None and speed > 0:
                eta = (position.total - position.done) / speed
        files = len(position.files)
        return Status(self.count, fraction, position.files_done, files, rate, eta)

    def _draw(self, now: float) -> None:
        columns = self.columns or shutil.get_terminal_size().columns
        # One column short of the edge: some terminals wrap after writing the last one.
        line = render_bar(self.status(now), columns - 1, self.glyphs)
        _write(f"\r{line}\x1b[K")
        self.shown, self.drawn_at = True, now


def _write(text: str) -> None:
    """Write to stderr as it is now (tests and click's runner replace it), at once."""
    sys.stderr.write(text)
    sys.stderr.flush()


def choose_glyphs(encoding: str | None) -> Glyphs:
    """The bar characters when ``encoding`` can write them, else plain ASCII."""
    try:
        "".join(astuple(UNICODE_GLYPHS)).encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return ASCII_GLYPHS
    return UNICODE_GLYPHS


def render_bar(status: Status, width: int, glyphs: Glyphs = UNICODE_GLYPHS) -> str:
    """One line of at most ``width`` characters: share, bar, count, files, rate, time left.

    What does not fit goes, from the end: time left, rate, files, then the bar itself.
    """
    parts = [f"{status.count:,} articles"]
    if status.files_total:
        parts.append(f"{status.files_done}/{status.files_total} files")
    if status.rate is not None:
        parts.append(f"{status.rate:.1f}/s")
    if status.eta is not None:
        parts.append(f"ETA {format_duration(status.eta)}")
    if status.fraction is None:
        return _fit_parts("  ", parts, width, glyphs.sep)
    head = f"{percent(status.fraction):>4}% "
    while True:
        tail = " " + glyphs.sep.join(parts)
        room = width - len(head) - len(tail)
        if room >= BAR_MIN or len(parts) == 1:
            break
        parts.pop()
    if room < BAR_MIN:
        return (head + tail[1:])[:width]
    return head + draw_bar(status.fraction, min(room, BAR_MAX), glyphs) + tail


def _fit_parts(head: str, parts: list[str], width: int, sep: str) -> str:
    """``head`` and as many of ``parts`` as fit in ``width``, the first one cut if need be."""
    while len(parts) > 1 and len(head + sep.join(parts)) > width:
        parts = parts[:-1]
    return (head + sep.join(parts))[:width]


def draw_bar(fraction: float, width: int, glyphs: Glyphs) -> str:
    """A bar ``width`` characters long, filled to ``fraction`` (a half cell where it ends)."""
    cells = max(0.0, min(fraction, 1.0)) * width
    full = int(cells)
    half = glyphs.half if glyphs.half and full < width and cells - full >= 0.5 else ""
    return glyphs.full * full + half + glyphs.empty * (width - full - len(half))


def percent(fraction: float) -> int:
    """A share as a whole percentage, rounded down: 100 only when everything is done."""
    return int(max(0.0, min(fraction, 1.0)) * 100)


def format_duration(seconds: float) -> str:
    """``1:23``, or ``1:02:03`` past an hour."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
