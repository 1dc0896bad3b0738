"""Reader of Phoenix's actor dictionaries (petrarch2, MIT): persons with date-bounded roles.

The format, one entry per name line::

    SERGEY_LAVROV_  # CountryInfo.txt         a name, UPPER_CASE, words joined by "_"
    +SERGEI_LAVROV                            another spelling
    +RUSSIAN_FOREIGN_MINISTER_LAVROV          a styled form: the office words are dropped
        [RUSGOV 19940922-20040712] # Amb. to UN
        [RUSGOV >20040309]  # Foreign Minister    a role: CAMEO code, dates, comment

A role's code is a country (ISO3 mostly, ``cameo_countries.tsv`` otherwise; a territory's
code may follow its sovereign's: ``GBRIMY``) and a sector (``cameo_sectors.tsv``), or an
organisation (``IGO...``, ``igo.tsv``). Dates are ``YYMMDD`` or ``YYYYMMDD``, ``>`` from,
``<`` until, ``A-B`` both. Roles without dates say nothing about when and are dropped, as
are sectors that are no office (business, media, NGOs); an entry left with no role, or that
names a country, an organisation or a generic agent, is no person and is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from diplograph.errors import ResourceError
from diplograph.kb.models import Office
from diplograph.kb.names import fold, title_case
from diplograph.kb.places import cameo_country, igo_place
from diplograph.kb.rules import mapping, word_list
from diplograph.kb.sources import Tally

FILES = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
}
_ROLE = re.compile(r"\[([^\]]*)\]")
_DAY = re.compile(r"^\d{6}(\d{2})?$")
_GENERATED = re.compile(r"Generated at: (.+)$", re.MULTILINE)
_NOT_NAME = re.compile(r"[^\w\s.'’-]")
_PLACE_SECTORS = frozenset({"", "OCC", "UNR"})  # a state, an occupied or unrecognised one
# Words of a role's comment that make it a note rather than a title ("need dates").
_NOT_TITLE = frozenset({"former", "later", "maybe", "need", "various", "brief"})
# Two-digit years up to this one are 20YY; later ones 19YY (Phoenix ends about 2014).
_CENTURY_PIVOT = 30


@dataclass
class Entry:
    """One Phoenix entry as read: its name, other spellings, and role lines."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role text, line comment)


@dataclass
class PhoenixPerson:
    """A Phoenix entry that is a person: readable names and dated offices."""

    name: str
    aliases: list[str]
    offices: list[Office]


def _comment(line: str) -> str:
    return line.split("#", 1)[1].split("#")[0].strip() if "#" in line else ""


def read_entries(path: Path) -> Iterator[Entry]:
    """The entries of one actor file, in file order."""
    entry: Entry | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"cannot read source: {exc}", source=str(path)) from exc
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        head = re.split(r"[\[#]", line, maxsplit=1)[0].strip()
        if line[0] not in " \t+[":
            if entry is not None:
                yield entry
            entry = Entry(head)
        elif entry is not None and line.startswith("+") and head[1:]:
            entry.aliases.append(head[1:])
        if entry is not None:
            body = line.split("#", 1)[0]
            entry.roles.extend((m.group(1).strip(), _comment(line)) for m in _ROLE.finditer(body))
    if entry is not None:
        yield entry


def snapshot_date(path: Path) -> str | None:
    """The "Generated at" date in an actor file's header, YYYY-MM-DD."""
    try:
        head = path.read_text(encoding="utf-8")[:4000]
    except OSError:
        return None
    match = _GENERATED.search(head)
    if match is None:
        return None
    return datetime.strptime(match.group(1).strip(), "%a %b %d %H:%M:%S %Y").date().isoformat()


def _day(text: str) -> str | None:
    """A Phoenix date as YYYY-MM-DD (YYYY-MM or YYYY when the day or month is 00)."""
    if not _DAY.match(text):
        return None
    if len(text) == 6:
        short = int(text[:2])
        text = f"{2000 + short if short <= _CENTURY_PIVOT else 1900 + short}{text[2:]}"
    year, month, day = text[:4], int(text[4:6]), int(text[6:8])
    if not 1 <= month <= 12:
        return year
    try:
        datetime(int(year), month, day)
    except ValueError:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def role_dates(spec: str) -> tuple[str | None, str | None] | None:
    """The start and end of a role's date part; None when there is none or it is unreadable."""
    if spec.startswith(">"):
        start = _day(spec[1:])
        return None if start is None else (start, None)
    if spec.startswith("<"):
        end = _day(spec[1:])
        return None if end is None else (None, end)
    first, sep, last = spec.partition("-")
    start, end = _day(first), _day(last)
    return (start, end) if sep and start and end and start <= end else None


@cache
def _sectors() -> dict[str, str]:
    return mapping("cameo_sectors.tsv")


@cache
def _sector_heads() -> frozenset[str]:
    return frozenset(sector[:3] for sector in _sectors())


def split_code(code: str) -> tuple[str, str]:
    """A country role's code as (country code, sector): "GBRIMYELI" -> ("IMY", "ELI")."""
    rest = code[3:]
    if len(rest) >= 3 and rest[:3] not in _sector_heads() and cameo_country(rest[:3]):
        return rest[:3], rest[3:]
    return code[:3], rest


def names_a_place(entry: Entry) -> bool:
    """Whether a role codes the entry as a state itself ([AFG], [USRARM], [TMPOCC])."""
    for text, _ in entry.roles:
        code = text.split()[0] if text.split() else ""
        if code[:3] in ("IGO", "MNC", "NGO"):
            continue
        country, sector = split_code(code) if code else ("", "")
        if sector in _PLACE_SECTORS and cameo_country(country) is not None:
            return True
    return False


@cache
def _title_words() -> frozenset[str]:
    return frozenset(word_list("title_words.txt"))


def _is_title(comment: str) -> bool:
    """Whether a role's line comment reads as a title ("Foreign Minister", "Amb. to UN")."""
    words = set(fold(comment).split())
    clean = len(comment) <= 40 and not re.search(r"[\d?()]", comment)
    return clean and bool(words & _title_words()) and not words & _NOT_TITLE


def _office(text: str, comment: str, source: str, tally: Tally) -> Office | None:
    """One role as an office; None (counted) when undated, unreadable or no office."""
    parts = text.split()
    dates = role_dates("".join(parts[1:])) if len(parts) > 1 else None
    if not parts or dates is None:
        tally["phoenix roles dropped: no usable dates"] += 1
        return None
    code = parts[0]
    if code.startswith("IGO"):
        found = igo_place(code, comment)
        if found is None:
            tally["phoenix roles dropped: organisation not in igo.tsv"] += 1
            return None
        place, title = found  # not the comment: it may be another role's on the line
        title = title or "Official"
    else:
        country, sector = split_code(code)
        state, sector_title = cameo_country(country), _sectors().get(sector, "-")
        if state is None or sector_title == "-":
            tally["phoenix roles dropped: not a state's office (code or sector)"] += 1
            return None
        place, title = state, state.titled(comment if _is_title(comment) else sector_title)
    return Office(title, place.country, place.org, dates[0], dates[1], source)


@cache
def _not_person_words() -> tuple[str, ...]:
    return tuple(f" {fold(word)} " for word in word_list("not_person_words.txt"))


@cache
def agent_nouns(folder: Path) -> frozenset[str]:
    """Phoenix's generic agent nouns (``MINISTER``, ``PEACEKEEPER``), folded."""
    path = folder / "Phoenix.agents.txt"
    if not path.is_file():
        return frozenset()
    nouns = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        head = re.split(r"[\[#]", line, maxsplit=1)[0].replace("!PERSON!", "").strip()
        if head:
            nouns.add(fold(head.replace("_", " ")))
    return frozenset(nouns)


def _drop_office_words(words: list[str]) -> list[str]:
    """``words`` after the last office word that has a word after it."""
    titles = _title_words()
    cut = 0
    for index, word in enumerate(words[:-1]):
        if set(fold(word).split()) & titles:
            cut = index + 1
    return words[cut:]


def person_name(raw: str, agents: frozenset[str]) -> str | None:
    """A Phoenix name as a person's name; None when it is no person's or unreadable."""
    if "\ufffd" in raw or "," in raw:  # unreadable, or several persons ("X, THEN Y")
        return None
    raw = _NOT_NAME.sub("", raw)  # stray brackets and marks: "HAMMARSKJOLD)"
    words = _drop_office_words([w for w in re.split(r"[_\s]+", raw.strip("_ ")) if w])
    folded = fold(" ".join(words))
    if not folded or folded in agents:
        return None
    if any(word in f" {folded} " for word in _not_person_words()):
        return None
    return title_case("_".join(words))


def to_person(
    entry: Entry, source: str, agents: frozenset[str], tally: Tally
) -> PhoenixPerson | None:
    """The person an entry describes, with its dated offices; None when it is none."""
    name = person_name(entry.name, agents)
    if name is None or names_a_place(entry):
        tally["phoenix entries dropped: not a person"] += 1
        return None
    offices = [o for text, note in entry.roles if (o := _office(text, note, source, tally))]
    if not offices:
        tally["phoenix entries dropped: no dated office"] += 1
        return None
    aliases = [alias for raw in entry.aliases if (alias := person_name(raw, agents))]
    return PhoenixPerson(name, aliases, offices)


def read_phoenix(folder: Path, tally: Tally) -> Iterator[PhoenixPerson]:
    """Every person of the Phoenix actor files in ``folder``, in file order."""
    agents = agent_nouns(folder)
    for file_name, part in FILES.items():
        for entry in read_entries(folder / file_name):
            person = to_person(entry, f"phoenix:{part}", agents, tally)
            if person is not None:
                yield person
