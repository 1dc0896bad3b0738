"""Tell an input's format from its content; the file name only breaks ties.

The order matters: a JSON-lines file may hold seed-style text inside its strings, and a seed
page may quote a tag, so each test looks only at the start of the file or at what is
unambiguous about it.
"""

from __future__ import annotations

import re
from pathlib import Path

from diplograph.errors import UnknownFormatError, UsageError
from diplograph.ingest.delimited import is_delimited
from diplograph.ingest.feed import is_feed
from diplograph.ingest.html import is_html
from diplograph.ingest.jsonl import is_json_lines
from diplograph.ingest.seed import is_seed_page
from diplograph.ingest.warc import is_warc

FORMATS = ("seed", "jsonl", "html", "text", "feed", "warc", "csv")
# Formats read from the file's bytes (a stream) rather than its decoded text.
BINARY_FORMATS = frozenset({"warc"})
# Bytes at the start of a file enough to tell a binary format.
HEAD_BYTES = 4096
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_XML = re.compile(r"^<\?xml\b", re.IGNORECASE)


def check_format(fmt: str | None) -> str | None:
    """``fmt`` if it names a format diplograph reads (or is None); else ``UsageError``."""
    if fmt is None or fmt in FORMATS:
        return fmt
    raise UsageError(f"unknown input format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def detect_binary_format(head: bytes) -> str | None:
    """``warc`` when a file's first bytes open a web archive (plain or gzipped), else None."""
    return "warc" if is_warc(head) else None


def detect_format(text: str, path: str) -> str:
    """The format of a file's text: ``seed``, ``jsonl``, ``feed``, ``html``, ``csv`` or ``text``.

    Raises ``UnknownFormatError`` (with ``source=path``) for empty files, JSON that is not
    JSON lines, and XML that is neither a feed nor HTML.
    """
    head = text.lstrip()
    if not head:
        raise UnknownFormatError("file is empty: nothing to read", source=path)
    if is_seed_page(text):
        return "seed"
    if is_json_lines(text):
        return "jsonl"
    if head.startswith("["):
        raise UnknownFormatError(
            "looks like a JSON array; give one JSON object per line (JSON lines)", source=path
        )
    if is_feed(head):
        return "feed"
    if is_html(text) or (head.startswith("<") and Path(path).suffix.lower() in _HTML_SUFFIXES):
        return "html"
    if _XML.match(head):
        raise UnknownFormatError("XML that is neither an RSS/Atom feed nor HTML", source=path)
    if is_delimited(text):
        return "csv"
    return "text"
