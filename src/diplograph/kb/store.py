"""The loaded knowledge base: officials indexed by every name, read once per process.

``load_kb()`` reads the data file shipped in the package (``kb/data/officials.jsonl.gz``),
merges the user lists named by ``$DIPLOGRAPH_KB`` (several joined by ``os.pathsep``) and
``extra``, and keeps the result for the next call with the same arguments.

Every name and alias is indexed by its ``name_key``, and a 2-3 word one also by its words
reversed, so that "TANAKA Hiroshi" finds "Hiroshi Tanaka". ``by_surname`` indexes a name's
last word, and its first too for the countries that write the surname first
(``resources/surname_first.txt``).
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from diplograph.errors import ResourceError
from diplograph.kb.models import QID, Match, Office, Official, day_number
from diplograph.kb.names import name_key, strip_styles
from diplograph.kb.rules import word_list
from diplograph.kb.user import UserRow, read_user_csv, row_places

ENV_VAR = "DIPLOGRAPH_KB"
FORMAT = "diplograph-officials"
VERSION = 1
_CHUNK = 2000  # person lines parsed by one json.loads


class KnowledgeBase:
    """Officials and their offices, looked up by name, key or surname."""

    def __init__(
        self,
        officials: Iterable[Official],
        *,
        header: dict[str, Any] | None = None,
        warnings: Sequence[str] = (),
    ) -> None:
        self.officials: tuple[Official, ...] = tuple(officials)
        self.header: dict[str, Any] = dict(header or {})
        self.as_of: str | None = self.header.get("as_of")
        self.warnings: list[str] = list(warnings)
        self._by_key: dict[str, list[Official]] = {}
        self._by_surname: dict[str, list[Official]] = {}
        self._index()
        self.first_words: frozenset[str] = frozenset(key.partition(" ")[0] for key in self._by_key)

    def _index(self) -> None:
        """Fill the key and surname indexes (one pass; the hot loop of loading)."""
        by_key: dict[str, list[Official]] = {}
        by_surname: dict[str, list[Official]] = {}
        surname_first = frozenset(word_list("surname_first.txt"))
        for official in self.officials:
            both_ends = any(office.country in surname_first for office in official.offices)
            for name in (
                (official.name, *official.aliases) if official.aliases else (official.name,)
            ):
                key = name_key(name)
                words = key.split()
                if not words:
                    continue
                found = [(by_key, key), (by_surname, words[-1])]
                if len(words) > 1:
                    if len(words) < 4:
                        found.append((by_key, " ".join(reversed(words))))
                    if both_ends:
                        found.append((by_surname, words[0]))
                for index, word in found:
                    entries = index.get(word)
                    if entries is None:
                        index[word] = [official]
                    elif entries[-1] is not official:
                        entries.append(official)
        self._by_key, self._by_surname = by_key, by_surname

    def by_key(self, key: str) -> tuple[Official, ...]:
        """The officials with a name whose key (``name_key``) is ``key``."""
        return tuple(self._by_key.get(key, ()))

    def by_surname(self, word: str) -> tuple[Official, ...]:
        """The officials with a name whose last word (first too, surname first) is ``word``."""
        return tuple(self._by_surname.get(name_key(word), ()))

    def lookup(self, name: str, on: str | date | None = None) -> list[Match]:
        """The officials ``name`` may refer to, with the office each held ``on`` that day.

        Without a day the office is None and the most recently active come first; with
        one, those in office that day come first, then the nearest in time. A single word no
        full name matches is read as a surname (``by_surname``).
        """
        found = self.by_key(name_key(name))
        if not found and len(name.split()) == 1:
            found = self.by_surname(name)
        if on is None:
            ordered = sorted(found, key=lambda o: (-_last_day(o), _rank(o)))
            return [Match(official, None) for official in ordered]
        number = day_number(on)
        matches = [Match(official, official.office_on(on)) for official in found]
        return sorted(
            matches, key=lambda m: (_distance(m.office_on_day, number), _rank(m.official))
        )

    def stats(self) -> dict[str, int]:
        """Counts: persons, offices, names indexed, and how many have a QID or one name."""
        offices = [office for official in self.officials for office in official.offices]
        return {
            "persons": len(self.officials),
            "persons_with_offices": sum(1 for o in self.officials if o.offices),
            "persons_with_dated_offices": sum(
                1 for o in self.officials if any(x.start or x.end for x in o.offices)
            ),
            "persons_with_qid": sum(1 for o in self.officials if o.qid),
            "mononyms": sum(1 for o in self.officials if o.mononym),
            "aliases": sum(len(o.aliases) for o in self.officials),
            "offices": len(offices),
            "offices_dated": sum(1 for o in offices if o.start or o.end),
            "offices_current": sum(1 for o in offices if o.start and not o.end),
            "countries": len({o.country for o in offices if o.country}),
            "orgs": len({o.org for o in offices if o.org}),
            "keys": len(self._by_key),
            "warnings": len(self.warnings),
        }


def _rank(official: Official) -> tuple[bool, str]:
    """Persons with a QID (better attested) first, then by id."""
    return official.qid is None, official.id


def _last_day(official: Official) -> int:
    return max((office.last_day for office in official.offices), default=0)


def _distance(office: Office | None, number: int) -> int:
    return office.distance(number) if office is not None else sys.maxsize


def data_file() -> Path:
    """The data file shipped in the package."""
    return Path(__file__).resolve().parent / "data" / "officials.jsonl.gz"


def _official(record: dict[str, Any], strings: dict[str, str]) -> Official:
    """One person line of the data file; the office cells that repeat most (titles,
    countries, sources) shared through ``strings``."""
    share = strings.setdefault
    offices = tuple(
        Office(
            share(title, title),
            country and share(country, country),
            org,
            start,
            end,
            share(source, source),
        )
        for title, country, org, start, end, source in record["offices"]
    )
    official_id = record["id"]
    return Official(
        official_id,
        record["name"],
        tuple(record.get("aliases", ())),
        official_id if QID.match(official_id) else None,
        offices,
        bool(record.get("mononym", False)),
    )


def _read_lines(path: Path) -> list[bytes]:
    try:
        return gzip.decompress(path.read_bytes()).split(b"\n")
    except FileNotFoundError:
        raise ResourceError(
            "no knowledge base file (run `diplograph kb build`)", source=str(path)
        ) from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ResourceError(f"cannot read the knowledge base: {exc}", source=str(path)) from exc


def read_kb(path: str | Path) -> KnowledgeBase:
    """A knowledge base from a data file ``diplograph kb build`` wrote."""
    # Some 150,000 acyclic tuples are made here: the cyclic collector, run over and over as
    # they pile up, would find nothing and take half the load time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_kb(Path(path))
    finally:
        if collecting:
            gc.enable()


def _read_kb(path: Path) -> KnowledgeBase:
    lines = _read_lines(path)
    try:
        header = json.loads(lines[0])
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            raise ResourceError(
                f"not a version {VERSION} {FORMAT} file (rebuild it: `diplograph kb build`)",
                source=str(path),
            )
        strings: dict[str, str] = {}
        officials = []
        for start in range(1, len(lines), _CHUNK):  # parsed in chunks: fast, and bounded
            chunk = b",".join(line for line in lines[start : start + _CHUNK] if line)
            officials += [_official(record, strings) for record in json.loads(b"[%s]" % chunk)]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ResourceError(f"malformed knowledge base: {exc}", source=str(path)) from exc
    return KnowledgeBase(officials, header=header)


def _extended(official: Official, rows: Sequence[UserRow]) -> Official:
    """``official`` with the names and offices of a user's rows added."""
    seen = {name_key(name) for name in (official.name, *official.aliases)}
    aliases = list(official.aliases)
    for name in (n for row in rows for n in (row.name, *row.aliases)):
        if name_key(name) not in seen:
            seen.add(name_key(name))
            aliases.append(name)
    offices = list(official.offices)
    offices += [row.office for row in rows if row.office and row.office not in offices]
    offices.sort(key=lambda o: (o.first_day, o.last_day, o.title, o.source))
    return Official(official.id, official.name, tuple(aliases), official.qid, tuple(offices),
                    official.mononym)  # fmt: skip


def _created(key: str, rows: Sequence[UserRow]) -> Official:
    """A new official from a user's rows about one person."""
    name = strip_styles(rows[0].name)
    digest = hashlib.sha1(f"{key}|{'|'.join(sorted(row_places(rows)))}".encode()).hexdigest()
    bare = Official(f"user:{digest[:10]}", name, (), None, (), " " not in key)
    return _extended(bare, rows)


def merge_rows(kb: KnowledgeBase, rows: Sequence[UserRow]) -> list[Official]:
    """The officials of ``kb`` with a user's rows merged: a row joins the one official of
    its name that shares a country or organisation with it (the one official of its name,
    when the row has neither), else it makes a new official."""
    groups: dict[str, list[UserRow]] = {}
    for row in rows:
        groups.setdefault(name_key(row.name), []).append(row)
    changed: dict[str, Official] = {}
    added: list[Official] = []
    for key, group in groups.items():
        places = row_places(group)
        found = [changed.get(o.id, o) for o in kb.by_key(key)]
        if places:
            found = [o for o in found if places & {*o.countries, *o.orgs}]
        if len(found) == 1:
            changed[found[0].id] = _extended(found[0], group)
        else:
            added.append(_created(key, group))
    return [changed.get(o.id, o) for o in kb.officials] + added


def with_user_list(kb: KnowledgeBase, path: str | Path) -> KnowledgeBase:
    """``kb`` with a user's CSV list merged; its bad rows are added to ``warnings``."""
    rows, warnings = read_user_csv(path)
    return KnowledgeBase(merge_rows(kb, rows), header=kb.header, warnings=kb.warnings + warnings)


@cache
def _shipped() -> KnowledgeBase:
    return read_kb(data_file())


@lru_cache(maxsize=4)  # each entry is a whole knowledge base
def _loaded(extra: str | None, env: str) -> KnowledgeBase:
    kb = _shipped()
    for path in [p for p in env.split(os.pathsep) if p.strip()] + ([extra] if extra else []):
        kb = with_user_list(kb, path)
    return kb


def load_kb(extra: str | Path | None = None) -> KnowledgeBase:
    """The shipped knowledge base with the lists of ``$DIPLOGRAPH_KB`` and ``extra`` merged;
    loaded once per process for each (extra, $DIPLOGRAPH_KB)."""
    return _loaded(str(extra) if extra else None, os.environ.get(ENV_VAR, ""))
