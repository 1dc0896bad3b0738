"""Seed-style page dumps: a captured news page holding a main article and a news list.

The layout (``../shared/corpus/000_5d660a483205698d.txt``)::

     date 2024-04-13 10.04.2024, 19:37 15401     <- capture date, publication stamp, views
    <title of the main article>
    <body lines ...>
    relevant news
    12.04.2024, 10:17                             <- each item: a stamp line,
    <title of the item>                           <- a title line,
    <body lines ...>                              <- body lines up to the next stamp

Each part with a title is an article, numbered 1, 2, ... in page order; a stamp with neither
title nor text is skipped. Boilerplate lines ("relevant news", "Images"), empty lines and a
repeated headline belong to no article; body lines are kept verbatim, joined with ``\\n``.

A dev-style capture header (`` date 2022-12-26 <url or page junk>``) is read too: the
capture date becomes ``published``, a URL becomes ``url``, a long sentence starts the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any

from diplograph.errors import InputError, UnreadableInputError
from diplograph.models import Article

HEADER = re.compile(r"^\ufeff?\s?date (\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?\s*$")
STAMP = re.compile(r"^\s*(\d{2})\.(\d{2})\.(\d{4})(?:,\s*(\d{1,2}):(\d{2}))?\s*$")
_HEADER_STAMP = re.compile(r"^(\d{2}\.\d{2}\.\d{4}(?:,\s*\d{1,2}:\d{2})?)(?:\s+(\d+))?$")
_URL = re.compile(r"^https?://\S+$")

# Whole lines that are page furniture, compared case-insensitively after stripping.
BOILERPLATE = frozenset({"relevant news", "images", "photo", "video", "share", "print"})
# A first line longer than this is body text, not a headline.
MAX_TITLE_WORDS = 30
# A header remainder with at least this many words is the first line of the body.
MIN_BODY_WORDS = 12


@dataclass
class _Part:
    """One article's lines as cut from the page, before title and body are told apart."""

    published: str | None
    lines: list[str] = field(default_factory=list)
    url: str | None = None
    untitled: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)


def is_seed_page(text: str) -> bool:
    """Whether ``text`` is a seed-style page: a capture header, or a news list of stamped items.

    Without the `` date YYYY-MM-DD`` header, a ``relevant news`` line directly followed by a
    stamp line is taken as the sign of a page dump.
    """
    lines = text.split("\n")
    if HEADER.match(lines[0]):
        return True
    return any(
        line.strip().casefold() == "relevant news" and STAMP.match(following)
        for line, following in pairwise(lines)
    )


def read_seed(
    text: str, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The articles of one seed-style page, numbered 1, 2, ... in page order."""
    index = 0
    for part in _split_page(text):
        article = _article(part, source, index + 1)
        if article is not None:
            index += 1
            yield article
    if index == 0:
        raise UnreadableInputError("page holds no article (no title and no text)", source=source)


def _split_page(text: str) -> list[_Part]:
    """Cut a page into parts: the main article, then one part per stamp line."""
    lines = text.split("\n")
    main, start = _main_part(lines[0])
    parts = [main or _Part(published=None)]
    captured = parts[0].metadata.get("captured")
    for line in lines[start:]:
        stamp = STAMP.match(line)
        if stamp:
            item = _Part(published=_iso(*stamp.groups()))
            if captured:
                item.metadata["captured"] = captured
            parts.append(item)
        else:
            parts[-1].lines.append(line)
    return parts


def _main_part(first_line: str) -> tuple[_Part | None, int]:
    """The main article's part as its header line gives it, and where its lines start."""
    header = HEADER.match(first_line)
    if header is None:
        return None, 0
    captured, rest = header.group(1), (header.group(2) or "").strip()
    part = _Part(published=_valid_day(captured), metadata={"captured": captured})
    stamp = _HEADER_STAMP.match(rest)
    if stamp:
        part.published = _iso(*_stamp_fields(stamp.group(1)))
        if stamp.group(2):
            part.metadata["views"] = int(stamp.group(2))
    elif _URL.match(rest):
        part.url = rest
    elif len(rest.split()) >= MIN_BODY_WORDS:
        part.lines.append(rest)
        part.untitled = True
    return part, 1


def _stamp_fields(stamp: str) -> tuple[str | None, ...]:
    match = STAMP.match(stamp)
    return match.groups() if match else (None,) * 5


def _article(part: _Part, source: str, index: int) -> Article | None:
    """The article a part holds, or None when it has no title and no text."""
    content = [line for line in part.lines if line.strip() and not _is_boilerplate(line)]
    if not content:
        return None
    title: str | None = None
    if not part.untitled and _looks_like_title(content[0]):
        title = content.pop(0).strip()
    body = [line for line in content if title is None or line.strip() != title]
    return Article(
        source=source,
        index=index,
        text="\n".join(body),
        title=title,
        published=part.published,
        url=part.url,
        metadata=dict(part.metadata),
    )


def _is_boilerplate(line: str) -> bool:
    return line.strip().casefold() in BOILERPLATE


def _looks_like_title(line: str) -> bool:
    return len(line.split()) <= MAX_TITLE_WORDS


def _iso(
    day: str | None,
    month: str | None,
    year: str | None,
    hour: str | None = None,
    minute: str | None = None,
) -> str | None:
    """``YYYY-MM-DDTHH:MM`` (or ``YYYY-MM-DD`` without a time); None for an impossible date."""
    if not (day and month and year):
        return None
    try:
        if hour is None or minute is None:
            return datetime(int(year), int(month), int(day)).strftime("%Y-%m-%d")
        stamp = datetime(int(year), int(month), int(day), int(hour), int(minute))
    except ValueError:
        return None
    return stamp.strftime("%Y-%m-%dT%H:%M")


def _valid_day(iso_day: str) -> str | None:
    try:
        return datetime.strptime(iso_day, "%Y-%m-%d").strftime("%Y-%m-%d")
    except ValueError:
        return None
