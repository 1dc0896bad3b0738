"""A user's own facts: officials CSV lists (merged at load) and Wikidata SPARQL results (at build).

A CSV list has a header row with ``name`` and any of ``aliases`` (separated by ``;`` or
``|``), ``country`` (ISO3 or a name), ``org``, ``office``, ``start``, ``end``. A bad row is
a one-line warning naming the file and line, and the others are used; a file that cannot be
read at all is an ``UnreadableInputError``.

SPARQL results are the standard JSON shape (``{"head": {"vars": [...]}, "results":
{"bindings": [...]}}``) of the query in docs/kb.md: ``person``, ``personLabel``,
``positionLabel``, ``iso3`` (P298) or ``countryLabel``, ``start``, ``end`` and optionally
``startPrecision``, ``endPrecision``, ``aliases`` ("|"-separated) and ``orgLabel``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from diplograph.errors import UnreadableInputError, UsageError
from diplograph.kb.models import QID, Office, check_date
from diplograph.kb.places import Place, country_place
from diplograph.kb.sources import Tenure

COLUMNS = ("name", "aliases", "country", "org", "office", "start", "end")
_ALIAS_SPLIT = re.compile(r"[;|]")
_PRECISION = {"9": 4, "10": 7, "11": 10}  # Wikidata time precision -> length of the date


class UserRow(NamedTuple):
    """One usable row of a user's list: a person's names and maybe an office."""

    line: int
    name: str
    aliases: tuple[str, ...]
    office: Office | None


class RowError(ValueError):
    """Why one row of a user's input cannot be used (becomes a warning)."""


def _place(country: str, org: str) -> Place:
    """The place of a row: its country (name or ISO3) and/or organisation."""
    if not country:
        return Place(org=org or None)
    try:
        place = country_place(country)
    except LookupError:
        raise RowError(f"unknown country {country!r}") from None
    if place is None:
        raise RowError(f"country {country!r} is not one the knowledge base codes")
    return Place(place.country, org or place.org, place.region)


def _date(cells: Mapping[str, str], column: str) -> str | None:
    value = cells.get(column, "")
    if not value:
        return None
    try:
        return check_date(value)
    except UsageError:
        raise RowError(
            f"bad {column} date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None


def _row(cells: Mapping[str, str], line: int, source: str) -> UserRow:
    """One CSV row as a ``UserRow``; a RowError says what is wrong with it."""
    name = cells.get("name", "")
    if not name:
        raise RowError("no name")
    place = _place(cells.get("country", ""), cells.get("org", ""))
    start, end = _date(cells, "start"), _date(cells, "end")
    if start and end and end < start[: len(end)]:
        raise RowError(f"end {end} is before start {start}")
    aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(cells.get("aliases", "")) if a.strip())
    title = cells.get("office", "")
    office = None
    if title or place.country or place.org or start or end:
        office = Office(
            place.titled(title or "Official"), place.country, place.org, start, end, source
        )
    return UserRow(line, name, aliases, office)


def _open_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line, cells) rows of a CSV file; an error naming it if unreadable."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows = [(reader.line_num, cells) for cells in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UnreadableInputError(
            f"cannot read officials list: {_reason(exc)}", source=str(path)
        ) from exc
    return [cell.strip().casefold() for cell in header], rows


def _reason(exc: Exception) -> str:
    """The problem without the path the error line names already."""
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def read_user_csv(path: str | Path) -> tuple[list[UserRow], list[str]]:
    """The usable rows of a user's CSV list, and one warning per row left out."""
    path = Path(path)
    header, rows = _open_rows(path)
    if "name" not in header:
        raise UnreadableInputError(
            f"no 'name' column in the header (expected {', '.join(COLUMNS)})", source=str(path)
        )
    found, warnings = [], []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        named = {column: cell.strip() for column, cell in zip(header, cells, strict=False)}
        try:
            found.append(_row(named, line, f"user:{path.name}"))
        except RowError as exc:
            warnings.append(f"{path}:{line}: {exc}; row skipped")
    return found, warnings


def _binding(row: Mapping[str, Any], var: str) -> str:
    value = row.get(var)
    return str(value.get("value", "")).strip() if isinstance(value, Mapping) else ""


def _sparql_date(value: str, precision: str) -> str | None:
    """A SPARQL dateTime ("2004-03-09T00:00:00Z") cut to its precision; None if unusable."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return None  # no value, a BCE date or an "unknown value" blank node
    date = value[: _PRECISION.get(precision, 10)]
    try:
        return check_date(date)
    except UsageError:
        return None


def _result(row: Mapping[str, Any], source: str) -> Tenure:
    """One SPARQL result as a tenure; a RowError says what is wrong with it."""
    qid = _binding(row, "person").rsplit("/", 1)[-1]
    name = _binding(row, "personLabel")
    if not QID.match(qid) or not name or name == qid:
        raise RowError("no person QID or English label")
    title = _binding(row, "positionLabel") or "Official"
    country = _binding(row, "iso3") or _binding(row, "countryLabel")
    place = _place(country, _binding(row, "orgLabel"))
    if not place.country and not place.org:
        raise RowError("no country (P298) or organisation")
    start = _sparql_date(_binding(row, "start"), _binding(row, "startPrecision"))
    end = _sparql_date(_binding(row, "end"), _binding(row, "endPrecision"))
    aliases = tuple(a.strip() for a in _binding(row, "aliases").split("|") if a.strip())
    office = Office(place.titled(title[:1].upper() + title[1:]), place.country, place.org,
                    start, end, source)  # fmt: skip
    return Tenure(qid, name, office, aliases)


def _bindings(path: Path) -> Sequence[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnreadableInputError(
            f"cannot read SPARQL results: {_reason(exc)}", source=str(path)
        ) from exc
    bindings = data.get("results", {}).get("bindings") if isinstance(data, dict) else None
    if not isinstance(bindings, list):
        raise UnreadableInputError(
            'not SPARQL JSON results (no "results": {"bindings": [...]})', source=str(path)
        )
    return bindings


def read_wikidata_json(path: Path) -> tuple[list[Tenure], list[str], str | None]:
    """The tenures of a SPARQL results file, a warning per result left out, and its latest
    date (a lower bound of when the query ran: the file carries no date of its own)."""
    tenures, warnings = [], []
    for number, row in enumerate(_bindings(path), start=1):
        try:
            tenures.append(_result(row if isinstance(row, dict) else {}, f"wikidata:{path.name}"))
        except RowError as exc:
            warnings.append(f"{path}: result {number}: {exc}; skipped")
    dates = [d for t in tenures for d in (t.office.start, t.office.end) if d]
    return tenures, warnings, max(dates, default=None)


def row_places(rows: Iterable[UserRow]) -> set[str]:
    """The countries and organisations of the rows' offices."""
    return {p for row in rows if row.office for p in (row.office.country, row.office.org) if p}
