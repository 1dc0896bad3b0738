"""Readers of the EveryPolitician extracts of Wikidata: one ``Tenure`` per office held.

    holders/<repo>.csv        position,person,personID,start,end      every tracked tenure
    cabinets/<repo>.csv       position,person,personID,start          holders at the snapshot
    heads_of_state_and_government.csv   country, positionLabel, officeholder(Label), years
    foreign_ministers.csv     person (QID), name, countryLabel, positionLabel, start
    holders21.csv, current.csv          international offices (UN, ICJ, WTO, OSCE, ...)

A row that cannot be used (no person, an entity the KB skips, a bad date) is counted in the
``Tally`` under its reason, never raised: the sources are large and a few rows are odd.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from diplograph.errors import ResourceError
from diplograph.kb.models import QID, Office
from diplograph.kb.places import Place, country_place, position_org, repository_place

Tally = Counter[str]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HOLDER_OFFICE = "@holder"
_PARENS = re.compile(r"\s*\([^)]*\)\s*$")


class Tenure(NamedTuple):
    """One office held by one person, as one source row gives it."""

    qid: str | None
    name: str
    office: Office
    aliases: tuple[str, ...] = ()


def clean_date(text: str | None, tally: Tally) -> str | None:
    """A source date as YYYY, YYYY-MM or YYYY-MM-DD; None (and counted) when unusable."""
    text = (text or "").strip()
    if not text:
        return None
    if _DATE.match(text):
        month, day = text[5:7], text[8:10]
        if month != "00" and day != "00" and (not month or 1 <= int(month) <= 12):
            return text
    tally["dates dropped: not YYYY[-MM[-DD]]"] += 1
    return None


def _cell(row: Mapping[str, str | None], *names: str) -> str:
    """The first non-empty of ``names`` in ``row``, stripped ("" when none)."""
    for name in names:
        value = (row.get(name) or "").strip()
        if value:
            return value
    return ""


def _rows(path: Path) -> Iterator[dict[str, str | None]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"cannot read source: {exc}", source=str(path)) from exc


def _tenure(
    row: Mapping[str, str | None], place: Place, source: str, tally: Tally
) -> Tenure | None:
    """A holders/cabinets-style row as a tenure of ``place``."""
    qid = _cell(row, "personID", "item")
    name = _cell(row, "person", "itemLabel", "name")
    title = _cell(row, "positionLabel", "position")
    if not QID.match(qid) or not name or not title:
        tally["rows dropped: no person QID, name or position"] += 1
        return None
    start = clean_date(_cell(row, "start"), tally)
    end = clean_date(_cell(row, "end"), tally)
    title = place.titled(title[:1].upper() + title[1:])  # "pope" -> "Pope"
    office = Office(title, place.country, place.org, start, end, source)
    return Tenure(qid, name, office, _wikipedia_title(row))


def _wikipedia_title(row: Mapping[str, str | None]) -> tuple[str, ...]:
    """The English Wikipedia title as another spelling ("Hamdan bin Rashid" for the label
    "Mohammad bin Salman"), without a disambiguation ("Sam Kutesa (politician)")."""
    title = _PARENS.sub("", _cell(row, "enwiki").replace("_", " ")).strip()
    return (title,) if title else ()


def read_government(path: Path, folder: str, tally: Tally) -> Iterator[Tenure]:
    """The tenures of one holders/ or cabinets/ file; its repository names the country."""
    place = repository_place(path.stem)
    if place is None:
        tally[f"files skipped: {path.stem} (see repositories.tsv)"] += 1
        return
    source = f"ep:{folder}/{path.stem}"
    for row in _rows(path):
        tenure = _tenure(row, place, source, tally)
        if tenure is not None:
            yield tenure


def _named_place(name: str, tally: Tally) -> Place | None:
    try:
        place = country_place(name)
    except LookupError:
        tally[f"rows dropped: unknown country {name!r}"] += 1
        return None
    if place is None:
        tally[f"rows dropped: {name} (see countries.tsv)"] += 1
    return place


# The columns of the two country-level Wikidata extracts, as _tenure reads them.
_HEADS = {
    "personID": "officeholder",
    "person": "officeholderLabel",
    "position": "positionLabel",
    "start": "start_year",
    "end": "end_year",
}
_FOREIGN_MINISTERS = {
    "personID": "person",
    "person": "name",
    "position": "positionLabel",
    "start": "start",
}


def read_heads(path: Path, tally: Tally) -> Iterator[Tenure]:
    """Heads of state and government (start and end years)."""
    return _read_state_rows(path, tally, "country", _HEADS, "ep:heads_of_state_and_government")


def read_foreign_ministers(path: Path, tally: Tally) -> Iterator[Tenure]:
    """Serving foreign ministers (exact start, no end: in office at the snapshot)."""
    return _read_state_rows(path, tally, "countryLabel", _FOREIGN_MINISTERS, "ep:foreign_ministers")


def _read_state_rows(
    path: Path, tally: Tally, country: str, columns: dict[str, str], source: str
) -> Iterator[Tenure]:
    """The tenures of an extract whose rows name their state in column ``country``."""
    for row in _rows(path):
        place = _named_place(_cell(row, country), tally)
        if place is None:
            continue
        fields = {field: _cell(row, column) for field, column in columns.items()}
        tenure = _tenure(fields, place, source, tally)
        if tenure is not None:
            yield tenure


def read_international(path: Path, tally: Tally) -> Iterator[Tenure]:
    """International office holders; an office of "@holder" awaits the holder's country."""
    for row in _rows(path):
        org = position_org(_cell(row, "position"))
        if org is None:
            tally[f"rows dropped: no organisation for {_cell(row, 'position')!r}"] += 1
            continue
        place = Place() if org == HOLDER_OFFICE else Place(org=org)
        tenure = _tenure(row, place, f"ep:{path.stem}", tally)
        if tenure is not None:
            yield tenure


def read_everypolitician(folder: Path, tally: Tally) -> Iterator[Tenure]:
    """Every tenure of the EveryPolitician folder, most specific files first."""
    yield from read_foreign_ministers(folder / "foreign_ministers.csv", tally)
    yield from read_heads(folder / "heads_of_state_and_government.csv", tally)
    for sub in ("holders", "cabinets"):
        for path in sorted((folder / sub).glob("*.csv")):
            yield from read_government(path, sub, tally)
    for name in ("holders21.csv", "current.csv"):
        yield from read_international(folder / name, tally)


def snapshot_date(folder: Path) -> str | None:
    """The latest commit date of the extracts (cabinets/SOURCE.tsv), YYYY-MM-DD."""
    path = folder / "cabinets" / "SOURCE.tsv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        dates = [
            (row.get("commit_date") or "")[:10] for row in csv.DictReader(handle, delimiter="\t")
        ]
    return max((d for d in dates if _DATE.match(d)), default=None)
