"""Plain records passed between the stages: ingest -> nlp -> store -> query.

Every record is a frozen dataclass with ``to_dict``/``from_dict`` so that batch engines,
stores and the API exchange JSON-ready dicts, never spaCy objects.
``Extraction.to_dict`` is the line ``diplograph extract`` writes (../shared/eval/CONTRACT.md).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EVENT_TYPES = (
    "MEETING",
    "CALL",
    "VISIT",
    "MULTILATERAL",
    "AGREEMENT",
    "INVITATION",
    "CREDENTIALS",
    "SYMPATHY",
    "CONGRATULATION",
    "SUPPORT",
    "MISSION",
    "AID",
)
STATUSES = ("occurred", "planned", "intended")
ActorKind = Literal["person", "organization", "country"]  # one name across nlp and records
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "country")


def actor_kind(value: object) -> ActorKind:
    """A participant's kind read from a record; anything else is a ValueError."""
    for kind in ACTOR_KINDS:
        if value == kind:
            return kind
    raise ValueError(f"not an actor kind: {value!r}")


def stable_id(prefix: str, *parts: str | None) -> str:
    """A short id that is the same every time the same parts are given."""
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


def fold(text: str | None) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for keys and lookups."""
    text = text or ""
    # NFKD, dropping the combining marks, then case folding: one character at a time (the
    # reordering NFKD does moves only combining marks, which are dropped)
    bare = text.lower() if text.isascii() else text.translate(_FOLDED)
    return " ".join(bare.replace("-", " ").replace(".", " ").split())


class _FoldTable(dict[int, str]):
    """``str.translate`` table of each character's folded form, filled as characters come."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


@dataclass(frozen=True)
class Article:
    """One article: a press release or news item, as read from an input."""

    source: str
    index: int
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.url, self.title, self.text))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            source=str(data["source"]),
            index=int(data["index"]),
            text=str(data["text"]),
            title=data.get("title"),
            published=data.get("published"),
            url=data.get("url"),
            metadata=dict(data.get("metadata") or {}),
            id=str(data.get("id") or ""),
        )


def article_id(url: str | None, title: str | None, text: str) -> str:
    """Content-based id: the same article read twice, from any path, gets the same id."""
    body = " ".join(text.split())
    return stable_id("art", fold(title), body)


@dataclass(frozen=True)
class Person:
    """A named person as the article presents them (GUIDE.md section 2)."""

    name: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    country: str | None = None
    org: str | None = None
    org_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "title": self.title,
            "country": self.country,
            "org": self.org,
            "org_name": self.org_name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(
            name=str(data["name"]),
            aliases=tuple(data.get("aliases") or ()),
            title=data.get("title"),
            country=data.get("country"),
            org=data.get("org"),
            org_name=data.get("org_name"),
        )


@dataclass(frozen=True)
class Organization:
    """An organisation named in the article, with its acronym where one is known."""

    name: str
    acronym: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Organization:
        return cls(name=str(data["name"]), acronym=data.get("acronym"), country=data.get("country"))


@dataclass(frozen=True)
class Participant:
    """One side of an event: a person, an organisation or a country (CONTRACT.md)."""

    kind: ActorKind
    name: str
    country: str | None = None
    org: str | None = None
    acronym: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name, "country": self.country}
        if self.kind == "person":
            out["org"] = self.org
        if self.kind == "organization":
            out["acronym"] = self.acronym
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Participant:
        return cls(
            kind=actor_kind(data["kind"]),
            name=str(data["name"]),
            country=data.get("country"),
            org=data.get("org"),
            acronym=data.get("acronym"),
        )


@dataclass(frozen=True)
class Evidence:
    """The sentence that reports an event, with character offsets into the article text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(text=str(data["text"]), start=int(data["start"]), end=int(data["end"]))


@dataclass(frozen=True)
class Codes:
    """Event codes from the pinned table in ``codes.py``."""

    cameo: str
    goldstein: float
    plover_type: str
    plover_mode: str | None = None
    table_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Codes:
        return cls(
            cameo=str(data["cameo"]),
            goldstein=float(data["goldstein"]),
            plover_type=str(data["plover_type"]),
            plover_mode=data.get("plover_mode"),
            table_version=str(data.get("table_version") or ""),
        )


@dataclass(frozen=True)
class Event:
    """A diplomatic act the article reports as done, planned or intended (GUIDE.md section 3)."""

    type: str
    status: str
    participants: tuple[Participant, ...]
    date: str | None = None
    place: str | None = None
    topics: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    codes: Codes | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "status": self.status,
            "date": self.date,
            "place": self.place,
            "participants": [p.to_dict() for p in self.participants],
            "topics": list(self.topics),
            "evidence": [e.to_dict() for e in self.evidence],
            "codes": self.codes.to_dict() if self.codes else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        codes = data.get("codes")
        return cls(
            type=str(data["type"]),
            status=str(data["status"]),
            participants=tuple(Participant.from_dict(p) for p in data.get("participants") or ()),
            date=data.get("date"),
            place=data.get("place"),
            topics=tuple(data.get("topics") or ()),
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence") or ()),
            codes=Codes.from_dict(codes) if codes else None,
        )


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article: the record ``diplograph extract`` writes."""

    article: Article
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    countries: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "source": a.source,
            "index": a.index,
            "title": a.title,
            "published": a.published,
            "url": a.url,
            "persons": [p.to_dict() for p in self.persons],
            "organizations": [o.to_dict() for o in self.organizations],
            "countries": list(self.countries),
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], article: Article | None = None) -> Extraction:
        if article is None:
            article = Article.from_dict({**data, "text": data.get("text") or ""})
        return cls(
            article=article,
            persons=tuple(Person.from_dict(p) for p in data.get("persons") or ()),
            organizations=tuple(Organization.from_dict(o) for o in data.get("organizations") or ()),
            countries=tuple(data.get("countries") or ()),
            events=tuple(Event.from_dict(e) for e in data.get("events") or ()),
        )
