"""``read_inputs``: every article of every input, one format reader per file."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from diplograph.errors import DiplographError, InputError, UnreadableInputError, UsageError
from diplograph.ingest.delimited import read_delimited
from diplograph.ingest.detect import HEAD_BYTES, check_format, detect_binary_format, detect_format
from diplograph.ingest.feed import read_feed
from diplograph.ingest.files import decode_bytes, expand_input, open_input
from diplograph.ingest.html import read_html
from diplograph.ingest.jsonl import read_jsonl
from diplograph.ingest.seed import read_seed
from diplograph.ingest.text import read_text
from diplograph.ingest.warc import read_warc
from diplograph.models import Article

Report = Callable[[InputError], None]
Reader = Callable[[str, str, Report], Iterator[Article]]
StreamReader = Callable[[BinaryIO, str, Report], Iterator[Article]]

# Readers of a file's decoded text.
READERS: dict[str, Reader] = {
    "seed": read_seed,
    "jsonl": read_jsonl,
    "html": read_html,
    "text": read_text,
    "feed": read_feed,
    "csv": read_delimited,
}
# Readers of a file's bytes, for formats too large or too binary to decode whole.
STREAM_READERS: dict[str, StreamReader] = {"warc": read_warc}
# Files larger than this are refused unread (a web archive counts its compressed size);
# ``read_inputs(max_bytes=...)`` or the environment variable below sets another limit.
MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "DIPLOGRAPH_MAX_BYTES"


def read_inputs(
    inputs: Sequence[str],
    fmt: str | None = None,
    on_error: Callable[[DiplographError], None] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article]:
    """Every article in ``inputs`` (files, directories, glob patterns, http(s) URLs), in order.

    ``fmt`` forces a format (one of ``FORMATS``: ``seed``, ``jsonl``, ``html``, ``text``,
    ``feed``, ``warc``, ``csv``); by default each file's format is detected from its content.
    An input that cannot be read, and a broken line, row, entry or record of a file, is an
    ``InputError`` naming it: passed to ``on_error`` (reading goes on
    with the next input or line), or raised when ``on_error`` is None.
    A file larger than ``max_bytes`` (default: ``$DIPLOGRAPH_MAX_BYTES``, else 50 MB) is an
    ``InputError`` too. An unknown ``fmt`` or a bad limit raises ``UsageError`` at once.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    limit = size_limit(max_bytes)
    return _read_all(list(inputs), check_format(fmt), on_error, limit)


def read_bytes(
    data: bytes,
    source: str,
    fmt: str | None = None,
    on_error: Callable[[DiplographError], None] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article]:
    """The articles of one input already in memory (e.g. a fetched feed), as ``read_inputs``
    reads a file: the format detected unless ``fmt`` is given, errors to ``on_error``."""
    limit = size_limit(max_bytes)
    return _read_file(source, check_format(fmt), _reporter(on_error), limit, io.BytesIO(data))


def size_limit(max_bytes: int | None = None) -> int:
    """The input size limit in bytes: ``max_bytes``, else ``$DIPLOGRAPH_MAX_BYTES``, else 50 MB."""
    if max_bytes is None:
        setting = os.environ.get(MAX_BYTES_ENV, "").strip()
        if not setting:
            return MAX_BYTES
        try:
            max_bytes = int(setting)
        except ValueError:
            raise UsageError(
                f"{MAX_BYTES_ENV} must be a whole number of bytes, not {setting!r}"
            ) from None
    if max_bytes <= 0:
        raise UsageError(
            f"the input size limit must be a positive number of bytes, not {max_bytes}"
        )
    return max_bytes


def _read_all(
    inputs: list[str],
    fmt: str | None,
    on_error: Callable[[DiplographError], None] | None,
    max_bytes: int,
) -> Iterator[Article]:
    """The generator behind ``read_inputs``, so that a bad ``fmt`` fails before reading."""
    report = _reporter(on_error)
    for spec in inputs:
        try:
            paths = expand_input(spec)
        except InputError as error:
            report(error)
            continue
        for path in paths:
            yield from _read_file(path, fmt, report, max_bytes)


def _read_file(
    path: str, fmt: str | None, report: Report, max_bytes: int, data: BinaryIO | None = None
) -> Iterator[Article]:
    """The articles of one file (or of ``data``, read from ``path``); an unreadable file is
    reported and yields nothing more."""
    reported: list[InputError] = []

    def report_line(error: InputError) -> None:
        reported.append(error)
        report(error)

    try:
        with data if data is not None else open_input(path) as stream:
            _check_size(stream, path, max_bytes)
            yield from _read_stream(stream, path, fmt, report_line)
    except InputError as error:
        if any(error is seen for seen in reported):
            raise  # on_error re-raised a line's error: it means stop, not report again
        report(error)


def _check_size(stream: BinaryIO, path: str, max_bytes: int) -> None:
    """Refuse a file larger than ``max_bytes`` before reading it."""
    size = stream.seek(0, os.SEEK_END)
    stream.seek(0)
    if size > max_bytes:
        raise UnreadableInputError(
            f"file is larger than the limit ({size:,} > {max_bytes:,} bytes); "
            f"raise it with {MAX_BYTES_ENV} or max_bytes",
            source=path,
        )


def _read_stream(stream: BinaryIO, path: str, fmt: str | None, report: Report) -> Iterator[Article]:
    """The articles of one open file: a web archive read as a stream, the rest as text."""
    if fmt is None:
        fmt = detect_binary_format(stream.read(HEAD_BYTES))
        stream.seek(0)
    if fmt in STREAM_READERS:
        yield from STREAM_READERS[fmt](stream, path, report)
        return
    text = decode_bytes(stream.read(), source=path)
    yield from READERS[fmt or detect_format(text, path)](text, path, report)


def _reporter(on_error: Callable[[DiplographError], None] | None) -> Report:
    """``on_error`` itself, or a function that raises the error when there is none."""
    if on_error is not None:
        return on_error

    def raise_error(error: InputError) -> None:
        raise error

    return raise_error
