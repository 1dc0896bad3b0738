"""Plain text: one article per file, its first non-empty line the title, the rest the text.

A file of a single line has no title: that line is the article's text, so that a one-sentence
release still reaches the extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from diplograph.errors import InputError, UnreadableInputError
from diplograph.models import Article


def read_text(
    text: str, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The one article of a plain-text file."""
    lines = _trim(text.split("\n"))
    if not lines:
        raise UnreadableInputError("file holds no text", source=source)
    title: str | None = lines[0].strip()
    body = _trim(lines[1:])
    if not body:
        title, body = None, lines
    yield Article(source=source, index=1, text="\n".join(body), title=title)


def _trim(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines at either end."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
