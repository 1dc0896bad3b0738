"""HTML pages: the main text, title, date and URL as trafilatura extracts them.

One article per file. A page from which trafilatura extracts no text is an error naming the
file, not an empty article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

from diplograph.errors import InputError, UnreadableInputError
from diplograph.models import Article

_DOCTYPE = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# A text with this many tags, at this density (tags per 1,000 characters), is markup.
MIN_TAGS = 8
MIN_TAGS_PER_1000 = 2.0
# Tags that end a line of text when a fragment is flattened; script and style are dropped.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})


def is_html(text: str) -> bool:
    """Whether ``text`` is an HTML page: a doctype or ``<html>`` near the start, or many tags."""
    if _DOCTYPE.search(text[:4096]):
        return True
    tags = len(_TAG.findall(text[:65536]))
    return tags >= MIN_TAGS and tags * 1000 / max(len(text[:65536]), 1) >= MIN_TAGS_PER_1000


def read_html(
    text: str, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The one article of an HTML page."""
    document = _extract(text, source)
    body = (_field(document, "text") or "").strip()
    if not body:
        raise UnreadableInputError("no article text found in this HTML page", source=source)
    title = _field(document, "title")
    yield Article(
        source=source,
        index=1,
        text=_without_headline(body, title),
        title=title,
        published=_field(document, "date"),
        url=_field(document, "url"),
        metadata=_metadata(document),
    )


def _extract(text: str, source: str) -> Any:
    """trafilatura's document for ``text``; None when it finds nothing."""
    import trafilatura  # imported here: it is slow to load and only HTML needs it

    try:
        return trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise UnreadableInputError(f"cannot parse HTML: {exc}", source=source) from exc


def _field(document: Any, name: str) -> str | None:
    """A string attribute of trafilatura's document, None when missing or blank."""
    value = getattr(document, name, None) if document is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _without_headline(body: str, title: str | None) -> str:
    """The text without a first line that repeats the title (trafilatura keeps the h1)."""
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.lstrip("\n")
    return body


def _metadata(document: Any) -> dict[str, Any]:
    """What trafilatura found beyond title, date and URL, for the record."""
    extra = {name: _field(document, name) for name in ("author", "sitename", "language")}
    return {name: value for name, value in extra.items() if value}


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content): one line per block, no tags."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    """Collects the text of a fragment, a line break at each block tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
