"""RSS and Atom feeds: one article per entry, as feedparser reads them.

An entry's title, link and date (``published``, else ``updated``, as ISO 8601 in UTC) become
the article's; its text is the entry's content, else its summary, with the HTML taken out.
Articles are numbered 1, 2, ... in entry order; an entry without text is reported by its
number and reading goes on. A feed with a channel but no entries yields nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

from diplograph.errors import InputError, UnknownFormatError, UnreadableInputError
from diplograph.ingest.html import html_to_text
from diplograph.models import Article

_FEED = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.I | re.S
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def is_feed(text: str) -> bool:
    """Whether ``text`` opens with an ``<rss>``, Atom ``<feed>`` or RSS 1.0 ``<rdf:RDF>``."""
    return _FEED.match(text.lstrip()[:4096]) is not None


def read_feed(
    text: str, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The articles of an RSS/Atom feed, one per entry; a bad entry goes to ``report``."""
    import feedparser  # type: ignore[import-untyped]  # only feeds need it

    parsed = feedparser.parse(text)
    if not parsed.entries and not parsed.feed:
        raise UnknownFormatError(
            "looks like an RSS/Atom feed but holds no channel and no entries", source=source
        )
    feed_title = _string(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries, start=1):
        try:
            yield _article(entry, source, index, feed_title)
        except UnreadableInputError as error:
            if report is None:
                raise
            report(error)


def _article(entry: Any, source: str, index: int, feed_title: str | None) -> Article:
    """The article of one entry; ``UnreadableInputError`` naming the entry when it has no text."""
    title = _string(entry.get("title"))
    body = _entry_text(entry)
    if not body:
        label = f"entry {index}" + (f" ({title!r})" if title else "")
        raise UnreadableInputError(f"{label}: no content or summary text", source=source)
    metadata = {"feed": feed_title, "author": _string(entry.get("author"))}
    metadata["guid"] = _string(entry.get("id"))
    return Article(
        source=source,
        index=index,
        text=body,
        title=title,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=_string(entry.get("link")),
        metadata={name: value for name, value in metadata.items() if value},
    )


def _entry_text(entry: Any) -> str:
    """The entry's content (the first non-empty one), else its summary, as plain text."""
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    for detail in candidates:
        if not detail or not _string(detail.get("value")):
            continue
        value = str(detail.get("value"))
        if str(detail.get("type", "text/html")).lower() in _HTML_TYPES:
            value = html_to_text(value)
        text = "\n".join(line.strip() for line in value.strip().split("\n") if line.strip())
        if text:
            return text
    return ""


def _iso(parsed: time.struct_time | None) -> str | None:
    """A feedparser date (a UTC ``struct_time``) as ISO 8601, e.g. ``2024-05-02T10:00:00+00:00``."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None


def _string(value: object) -> str | None:
    """A stripped string, None for anything else or blank."""
    return value.strip() or None if isinstance(value, str) else None
