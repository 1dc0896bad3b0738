"""``read_inputs``: every article of every input, one format reader per file."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from diplograph.errors import DiplographError, InputError
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


def read_inputs(
    inputs: Sequence[str],
    fmt: str | None = None,
    on_error: Callable[[DiplographError], None] | None = None,
) -> Iterator[Article]:
    """Every article in ``inputs`` (files, directories, glob patterns, http(s) URLs), in order.

    ``fmt`` forces a format (one of ``FORMATS``: ``seed``, ``jsonl``, ``html``, ``text``,
    ``feed``, ``warc``, ``csv``); by default each file's format is detected from its content.
    An input that cannot be read, and a broken line, row, entry or record of a file, is an
    ``InputError`` naming it: passed to ``on_error`` (reading goes on
    with the next input or line), or raised when ``on_error`` is None.
    An unknown ``fmt`` raises ``UsageError`` at once.
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    return _read_all(list(inputs), check_format(fmt), on_error)


def _read_all(
    inputs: list[str], fmt: str | None, on_error: Callable[[DiplographError], None] | None
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
            yield from _read_file(path, fmt, report)


def _read_file(path: str, fmt: str | None, report: Report) -> Iterator[Article]:
    """The articles of one file; an unreadable file is reported and yields nothing more."""
    reported: list[InputError] = []

    def report_line(error: InputError) -> None:
        reported.append(error)
        report(error)

    try:
        with open_input(path) as stream:
            yield from _read_stream(stream, path, fmt, report_line)
    except InputError as error:
        if any(error is seen for seen in reported):
            raise  # on_error re-raised a line's error: it means stop, not report again
        report(error)


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
