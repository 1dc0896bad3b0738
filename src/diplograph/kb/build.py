"""The builder: every source's tenures merged into persons, written as one compact data file.

Merging, in this order (earlier sources win a tie, so the order is part of the result):

1. EveryPolitician's Wikidata extracts, then any ``--wikidata`` SPARQL results: one person
   per QID whatever the file; the office of a UN Permanent Representative takes the
   holder's country from their other offices.
2. Phoenix: a person joins the one already built that has the same multi-word name key
   (``names.name_key``) and a country or organisation in common; with none it is a new
   person, and with several (two namesakes in one country) too, rather than a guess.

Dropped: persons with no office, and one-word names that are common words
(``resources/common_words.txt``); other one-word names are kept and marked ``mononym``.
The file is gzip'd JSON lines (mtime 0, sorted by id, sorted keys): a header line, then
one person a line, so a rebuild from the same sources gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplograph.errors import ResourceError
from diplograph.kb import phoenix, sources
from diplograph.kb.models import PHOENIX_RANK, QID, Office, source_rank
from diplograph.kb.names import is_latin, is_one_word, name_key, strip_styles
from diplograph.kb.places import HOLDER
from diplograph.kb.rules import word_list
from diplograph.kb.sources import Tally, Tenure
from diplograph.kb.store import FORMAT, VERSION
from diplograph.kb.user import read_wikidata_json

OFFICE_FIELDS = ("title", "country", "org", "start", "end", "source")


@dataclass
class Draft:
    """A person being assembled: names in the order met, offices in the order met."""

    qid: str | None
    names: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # Wikidata's, preferred for display

    def places(self) -> set[str]:
        """The countries and organisations of the offices so far."""
        return {place for o in self.offices for place in (o.country, o.org) if place}

    def name_keys(self) -> set[str]:
        """The keys to merge on: multi-word ones (one word is too weak), and a mononym's."""
        keys = {key for key in map(name_key, self.names) if " " in key}
        if self.names and is_one_word(self.names[0]):
            keys.add(name_key(self.names[0]))
        return keys


@dataclass
class Report:
    """What a build wrote and what it left out."""

    path: Path
    persons: int
    offices: int
    as_of: str | None
    tally: Tally
    warnings: list[str]


class Builder:
    """Accumulates tenures and Phoenix persons into drafts, then writes them."""

    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.drafts: list[Draft] = []
        self._by_qid: dict[str, Draft] = {}
        self._by_key: dict[str, list[Draft]] = {}

    def _new(self, qid: str | None) -> Draft:
        draft = Draft(qid)
        self.drafts.append(draft)
        if qid:
            self._by_qid[qid] = draft
        return draft

    def _index(self, draft: Draft) -> None:
        for key in draft.name_keys():
            entries = self._by_key.setdefault(key, [])
            if draft not in entries:
                entries.append(draft)

    def add_tenures(self, tenures: Iterable[Tenure]) -> None:
        """Wikidata facts: one draft per QID."""
        for tenure in tenures:
            qid = tenure.qid or ""
            draft = self._by_qid.get(qid) or self._new(tenure.qid)
            draft.labels.append(tenure.name)
            draft.names.extend((tenure.name, *tenure.aliases))
            draft.offices.append(tenure.office)

    def place_holder_offices(self) -> None:
        """Give each "@holder" office (no country, no org) the holder's only country, then
        index the drafts' names for ``add_phoenix``."""
        for draft in self.drafts:
            if not any(o.country is None and o.org is None for o in draft.offices):
                continue
            countries = {o.country for o in draft.offices if o.country}
            kept = []
            for office in draft.offices:
                if office.country or office.org:
                    kept.append(office)
                elif len(countries) == 1:
                    kept.append(_with_country(office, next(iter(countries))))
                else:
                    self.tally[f"rows dropped: {HOLDER} office with no single country"] += 1
            draft.offices = kept
        for draft in self.drafts:
            self._index(draft)

    def add_phoenix(self, persons: Iterable[phoenix.PhoenixPerson]) -> None:
        """Phoenix persons, each joined to a namesake with a place in common, if just one."""
        for person in persons:
            new = Draft(None, [person.name, *person.aliases], list(person.offices))
            places = new.places()
            found = {id(d): d for k in new.name_keys() for d in self._by_key.get(k, ())}
            near = [d for d in found.values() if d.places() & places]
            if len(near) > 1:
                near = [d for d in near if d.qid] or near
            if len(near) == 1:
                near[0].names.extend(new.names)
                near[0].offices.extend(new.offices)
                self._index(near[0])
                continue
            if len(near) > 1:
                self.tally["phoenix persons kept apart: several namesakes share a place"] += 1
            self.drafts.append(new)
            self._index(new)

    def records(self) -> list[dict[str, Any]]:
        """One record per person, sorted by id; persons with no office left out."""
        records: dict[str, dict[str, Any]] = {}
        for draft in self.drafts:
            record = self._record(draft)
            if record is None:
                continue
            base, number = record["id"], 1
            while record["id"] in records:
                number += 1
                record["id"] = f"{base}-{number}"
            records[record["id"]] = record
        return [records[key] for key in sorted(records)]

    def _record(self, draft: Draft) -> dict[str, Any] | None:
        offices = _unique_offices(draft.offices)
        if not offices:
            self.tally["persons dropped: no office"] += 1
            return None
        styled = _display_name(draft)
        name = strip_styles(styled)  # "Sheikh Rahmona" -> "Rahmona", the styled form an alias
        if QID.match(name):
            self.tally["persons dropped: no name (a QID for a label)"] += 1
            return None
        key = name_key(name)
        mononym = is_one_word(name)
        if mononym and key in _common_words():
            self.tally["persons dropped: one common word for a name"] += 1
            return None
        record: dict[str, Any] = {
            "id": draft.qid or _derived_id(key, draft.places()),
            "name": name,
            "offices": [[getattr(o, f) for f in OFFICE_FIELDS] for o in offices],
        }
        aliases = _aliases(name, draft.names, mononym) + ([styled] if styled != name else [])
        if aliases:
            record["aliases"] = aliases
        if mononym:
            record["mononym"] = True
        return record


def _with_country(office: Office, country: str) -> Office:
    return Office(office.title, country, None, office.start, office.end, office.source)


def _common_words() -> frozenset[str]:
    return frozenset(word_list("common_words.txt"))


def _display_name(draft: Draft) -> str:
    """The Latin-script Wikidata label given most often (else the first name met), the
    first met on a tie; a real label before a bare QID."""
    names = [n for n in draft.labels if not QID.match(n)] or draft.labels or draft.names[:1]
    counts = Counter(names)
    first = {name: -index for index, name in reversed(list(enumerate(names)))}
    return max(counts, key=lambda n: (is_latin(n), counts[n], first[n]))


def _aliases(name: str, names: Iterable[str], mononym: bool) -> list[str]:
    """The other spellings: one per key, not the name's own, no lone word for a full name."""
    seen = {name_key(name)}
    aliases = []
    for alias in names:
        key = name_key(alias)
        if key and key not in seen and not QID.match(alias) and (mononym or " " in key):
            seen.add(key)
            aliases.append(alias)
    return sorted(aliases)


def _unique_offices(offices: Iterable[Office]) -> list[Office]:
    """Offices without repeats, in time order. A repeat is the same title, place and dates
    (the first source kept), or a Phoenix tenure that starts on the day a Wikidata one of
    the same place does (an "Amb. to UN" tenure from a day Wikidata gives too): the same
    tenure, with Wikidata's exact title and an end Phoenix, stopping in 2014, may not know."""
    unique: dict[tuple[Any, ...], Office] = {}
    for office in offices:
        unique.setdefault((office.title, office.end, *_tenure_key(office)), office)
    exact = {_tenure_key(o) for o in unique.values() if source_rank(o.source) < PHOENIX_RANK}
    kept = [o for o in unique.values() if not _phoenix(o) or _tenure_key(o) not in exact]
    return sorted(kept, key=lambda o: (o.first_day, o.last_day, o.title, o.source))


def _phoenix(office: Office) -> bool:
    return source_rank(office.source) == PHOENIX_RANK


def _tenure_key(office: Office) -> tuple[str | None, ...]:
    return office.country, office.org, office.start


def _derived_id(key: str, places: Iterable[str]) -> str:
    """A stable id for a person with no QID: from their name key and places."""
    digest = hashlib.sha1(f"{key}|{'|'.join(sorted(places))}".encode()).hexdigest()
    return f"dg{digest[:10]}"


def default_sources() -> Path:
    """``../shared/external/kb`` beside the project (from a source checkout)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "external" / "kb"


def _licence_line(folder: Path) -> str:
    try:
        lines = (folder / "LICENSE").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return next((line.strip() for line in lines if line.startswith("Copyright")), "")


def _header(
    source_dir: Path, extra: list[dict[str, Any]], records: list[dict[str, Any]]
) -> dict[str, Any]:
    ep_date = sources.snapshot_date(source_dir / "everypolitician")
    phoenix_date = phoenix.snapshot_date(source_dir / "phoenix" / "Phoenix.Countries.actors.txt")
    listed = [
        {
            "id": "ep",
            "name": "EveryPolitician scrapers' extracts of Wikidata (every-politician-scrapers)",
            "licence": "CC0-1.0",
            "snapshot": ep_date,
        },
        {
            "id": "phoenix",
            "name": "Phoenix actor dictionaries (openeventdata/petrarch2)",
            "licence": "MIT",
            "copyright": _licence_line(source_dir / "phoenix"),
            "snapshot": phoenix_date,
        },
        *extra,
    ]
    dates = [entry["snapshot"] for entry in listed if entry.get("snapshot")]
    return {
        "format": FORMAT,
        "version": VERSION,
        "as_of": max(dates, default=None),
        "sources": listed,
        "office_fields": list(OFFICE_FIELDS),
        "persons": len(records),
        "offices": sum(len(record["offices"]) for record in records),
    }


def _lines(header: dict[str, Any], records: list[dict[str, Any]]) -> Iterator[bytes]:
    for record in (header, *records):
        text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        yield (text + "\n").encode("utf-8")


def write_kb(path: Path, header: dict[str, Any], records: list[dict[str, Any]]) -> None:
    """Write the data file: gzip'd JSON lines with no timestamp, so equal input, equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        for line in _lines(header, records):
            out.write(line)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(buffer.getvalue())
        partial.replace(path)
    except OSError as exc:
        raise ResourceError(
            f"cannot write the knowledge base: {exc.strerror}", source=str(path)
        ) from exc


def build_kb(source_dir: Path, output: Path, wikidata: Iterable[Path] = ()) -> Report:
    """Read every source under ``source_dir`` (and SPARQL results), write ``output``."""
    for sub in ("everypolitician", "phoenix"):
        if not (source_dir / sub).is_dir():
            raise ResourceError(f"no {sub}/ folder of KB sources here", source=str(source_dir))
    tally: Tally = Counter()
    warnings: list[str] = []
    builder = Builder(tally)
    builder.add_tenures(sources.read_everypolitician(source_dir / "everypolitician", tally))
    extra = []
    for path in wikidata:
        tenures, found, snapshot = read_wikidata_json(path)
        builder.add_tenures(tenures)
        warnings.extend(found)
        extra.append({"id": f"wikidata:{path.name}", "name": "Wikidata SPARQL results",
                      "licence": "CC0-1.0", "snapshot": snapshot})  # fmt: skip
    builder.place_holder_offices()
    builder.add_phoenix(phoenix.read_phoenix(source_dir / "phoenix", tally))
    records = builder.records()
    header = _header(source_dir, extra, records)
    write_kb(output, header, records)
    return Report(output, header["persons"], header["offices"], header["as_of"], tally, warnings)
