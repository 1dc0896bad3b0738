"""JSON lines: one article per line, as in ``../shared/corpus/dev.jsonl``.

Each line is an object with ``text`` (required) and ``title``, ``published``, ``url``
(optional, string or null, kept as given). Other keys go to ``Article.metadata``; an object
under ``metadata`` is merged into it. An article's ``index`` is its line number counting
non-blank lines, so a broken line still uses up its number. A broken line is reported with
its line number and reading goes on with the next one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from diplograph.errors import InputError, UnreadableInputError
from diplograph.models import Article

OPTIONAL_FIELDS = ("title", "published", "url")
# Keys that describe a record rather than the article; an input's own values are not reused.
_IGNORED_KEYS = frozenset({"id"})
# This many broken lines from the start, and none good: the file is not JSON lines.
GIVE_UP_AFTER = 5


def is_json_lines(text: str) -> bool:
    """Whether the first non-blank character of ``text`` opens a JSON object."""
    return text.lstrip().startswith("{")


def read_jsonl(
    text: str, source: str, report: Callable[[InputError], None] | None = None
) -> Iterator[Article]:
    """The articles of a JSON-lines text; a bad line goes to ``report`` (raised without one).

    A file whose first ``GIVE_UP_AFTER`` lines are all broken is not JSON lines (another
    format forced with ``--input-format jsonl``, another tool's records): one error says so,
    naming the first line's problem, and the rest is not read, rather than one error a line.
    """
    index = 0
    held: list[UnreadableInputError] = []  # broken lines before the first good one
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        index += 1
        try:
            article = _article(line, source, index, line_number)
        except UnreadableInputError as error:
            if report is None:
                raise
            if len(held) < index - 1:  # a good line came before: report as it comes
                report(error)
                continue
            held.append(error)
            if len(held) == GIVE_UP_AFTER:
                report(_not_json_lines(held, source))
                return
            continue
        _report_all(held, report)
        held = []
        yield article
    _report_all(held, report)


def _report_all(
    errors: list[UnreadableInputError], report: Callable[[InputError], None] | None
) -> None:
    for each in errors:
        if report is not None:
            report(each)


def _not_json_lines(held: list[UnreadableInputError], source: str) -> UnreadableInputError:
    return UnreadableInputError(
        f"not JSON lines: its first {len(held)} lines hold no article ({held[0].message}); "
        "not read further",
        source=source,
    )


def _article(line: str, source: str, index: int, line_number: int) -> Article:
    """The article one line holds; ``UnreadableInputError`` naming the line if it is broken."""

    def broken(reason: str) -> UnreadableInputError:
        return UnreadableInputError(f"line {line_number}: {reason}", source=source)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" ("Unterminated string starting at").
        what = exc.msg.removesuffix(" at")
        raise broken(f"not valid JSON ({what} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise broken(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise broken("no 'text' string" if text is None else "'text' is not a string")
    fields = {name: record.get(name) for name in OPTIONAL_FIELDS}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise broken(f"'{name}' is not a string or null")
    return Article(
        source=source,
        index=index,
        text=text,
        title=fields["title"],
        published=fields["published"],
        url=fields["url"],
        metadata=_metadata(record),
    )


def _metadata(record: dict[str, Any]) -> dict[str, Any]:
    """The keys of a record that are not article fields, with a nested ``metadata`` merged."""
    known = {"text", *OPTIONAL_FIELDS, *_IGNORED_KEYS, "metadata"}
    extra = {key: value for key, value in record.items() if key not in known}
    nested = record.get("metadata")
    if isinstance(nested, dict):
        return {**nested, **extra}
    if nested is not None:
        extra["metadata"] = nested
    return extra
