"""Web archives (WARC, plain or gzipped): each HTML ``response`` record read as an HTML page.

A record's article takes its URL from ``WARC-Target-URI`` and its date from the page, else
from ``WARC-Date``. Records that are not HTML responses (requests, metadata, images, ...) are
skipped. Articles are numbered 1, 2, ... in archive order. A page without article text is
reported with its record offset and reading goes on; a truncated or corrupt archive is
reported with the offset where it breaks, and the articles read before it are kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from diplograph.errors import InputError, UnreadableInputError
from diplograph.ingest.files import decode_bytes
from diplograph.ingest.html import read_html
from diplograph.models import Article

_MAGIC = b"WARC/"
_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(head: bytes) -> bool:
    """Whether the first bytes of a file open a WARC record, plain or gzipped."""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(_MAGIC))
        except zlib.error:
            return False
    return head.startswith(_MAGIC)


def read_warc(
    stream: BinaryIO, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The articles of the HTML pages in a web archive, in archive order."""
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    records = ArchiveIterator(stream)
    index, offset = 0, 0
    try:
        for record in records:
            if record.rec_type is None:  # warcio reads a header block without WARC-Type
                raise ValueError("a record has no WARC-Type header")
            page = _html_page(record)
            offset = records.get_record_offset()  # reads the record to its end: after the page
            if page is None:
                continue
            try:
                article = _article(page, record, source, index + 1)
            except UnreadableInputError as error:
                _report(f"{_where(offset, record)}: {error.message}", source, report)
                continue
            index += 1
            yield article
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError) as exc:
        _report_broken(exc, offset, source, report)
    except (AttributeError, TypeError, KeyError, IndexError) as exc:
        # warcio trips over some truncated headers with these: still a broken archive
        _report_broken(exc, offset, source, report)


def _report_broken(
    exc: Exception, offset: int, source: str, report: Callable[[InputError], None] | None
) -> None:
    """Report an archive that breaks after the record at ``offset``."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    message = f"archive is truncated or corrupt after the record at offset {offset}"
    _report(f"{message}: {reason}", source, report)


def _html_page(record: Any) -> bytes | None:
    """The body of an HTML ``response`` record; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    body: bytes = record.content_stream().read()
    return body


def _article(page: bytes, record: Any, source: str, index: int) -> Article:
    """The article of one page, with the archive's URL and (as a fallback) its date."""
    text = _decode(page, record, source)
    article = next(read_html(text, source))
    headers = record.rec_headers
    return replace(
        article,
        index=index,
        url=headers.get_header("WARC-Target-URI") or article.url,
        published=article.published or headers.get_header("WARC-Date"),
        id="",
    )


def _decode(page: bytes, record: Any, source: str) -> str:
    """The page's text, in the charset its headers name, else as ``decode_bytes`` guesses."""
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset":
            try:
                return page.decode(value.strip("\"' "), errors="replace")
            except LookupError:
                break
    return decode_bytes(page, source=source)


def _where(offset: int, record: Any) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return f"record at offset {offset}" + (f" ({uri})" if uri else "")


def _report(message: str, source: str, report: Callable[[InputError], None] | None) -> None:
    """Pass an error about this archive to ``report``, or raise it without one."""
    error = UnreadableInputError(message, source=source)
    if report is None:
        raise error
    report(error)
