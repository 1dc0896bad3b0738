"""CSV (and other delimited) files: one article per row, under a header row.

The dialect (comma, semicolon, tab or bar; quoting) is sniffed from the start of the file.
The header must name a text column: ``text``, else ``body``, else ``content``; ``title``,
``published`` (else ``date``) and ``url`` are optional. Other columns go to
``Article.metadata``, empty cells left out. An article's ``index`` is its row number (the
header not counted, blank rows skipped); a row without text is reported with its row and line
number and reading goes on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator

from diplograph.errors import InputError, UnreadableInputError
from diplograph.models import Article

TEXT_COLUMNS = ("text", "body", "content")
FIELD_COLUMNS = {"title": ("title",), "published": ("published", "date"), "url": ("url",)}
DELIMITERS = ",;\t|"
# A header cell is a short column name; a headline that happens to hold a comma is not.
_COLUMN_NAME = re.compile(r"^[\w .\-]{1,40}$")
_SNIFF_CHARS = 65536

Dialect = type[csv.Dialect] | csv.Dialect


def is_delimited(text: str) -> bool:
    """Whether ``text`` starts with a header row of column names, one of them a text column."""
    sample = text.lstrip("\n")[:_SNIFF_CHARS]
    if "\n" not in sample.rstrip("\n"):
        return False
    rows = csv.reader(io.StringIO(sample, newline=""), _dialect(text))
    try:
        header, first = next(rows), next(rows)
    except (csv.Error, StopIteration):
        return False
    names = [cell.strip() for cell in header]
    return (
        len(names) >= 2
        and all(_COLUMN_NAME.match(name) for name in names)
        and any(name.casefold() in TEXT_COLUMNS for name in names)
        and len(first) == len(names)
    )


def read_delimited(
    text: str, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The articles of a CSV text, one per row; a row without text goes to ``report``."""
    rows = csv.reader(io.StringIO(text.lstrip("\n"), newline=""), _dialect(text))
    try:
        header = [cell.strip() for cell in next(rows)]
    except StopIteration:
        raise UnreadableInputError("CSV file holds no header row", source=source) from None
    except csv.Error as exc:
        raise UnreadableInputError(f"cannot read CSV header: {exc}", source=source) from exc
    columns = _columns(header, source)
    index = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            _report(f"line {rows.line_num}: cannot read row: {exc}", source, report)
            return
        if not any(cell.strip() for cell in row):
            continue
        index += 1
        article = _article(row, header, columns, source, index)
        if article is None:
            _report(f"row {index} (line {rows.line_num}): no text", source, report)
        else:
            yield article


def _columns(header: list[str], source: str) -> dict[str, int]:
    """Where the text, title, published and url columns are; the text column is required."""
    position = {name.casefold(): i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, int] = {}
    for field, names in {"text": TEXT_COLUMNS, **FIELD_COLUMNS}.items():
        found = next((position[name] for name in names if name in position), None)
        if found is not None:
            columns[field] = found
    if "text" not in columns:
        raise UnreadableInputError(
            f"CSV header has no text column (one of: {', '.join(TEXT_COLUMNS)})", source=source
        )
    return columns


def _article(
    row: list[str], header: list[str], columns: dict[str, int], source: str, index: int
) -> Article | None:
    """The article of one row; None when its text cell is missing or blank."""

    def cell(field: str) -> str | None:
        i = columns.get(field)
        value = row[i].strip() if i is not None and i < len(row) else ""
        return value or None

    text = cell("text")
    if text is None:
        return None
    used = set(columns.values())
    metadata = {
        name: row[i].strip()
        for i, name in enumerate(header)
        if i not in used and i < len(row) and row[i].strip()
    }
    return Article(
        source=source,
        index=index,
        text=text.replace("\r\n", "\n"),
        title=cell("title"),
        published=cell("published"),
        url=cell("url"),
        metadata=metadata,
    )


def _dialect(text: str) -> Dialect:
    """The dialect sniffed from the start of ``text``; plain comma-separated when unsure."""
    try:
        return csv.Sniffer().sniff(text.lstrip("\n")[:_SNIFF_CHARS], delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def _report(message: str, source: str, report: Callable[[InputError], None] | None) -> None:
    """Pass an error about this file to ``report``, or raise it without one."""
    error = UnreadableInputError(message, source=source)
    if report is None:
        raise error
    report(error)
