"""An ``Extraction`` as the rows every store backend writes: actors, mentions, events.

Backend-neutral (no SQL), so that SQLite and, later, PostgreSQL key everything the same way:
actor ids come from ``models.stable_id`` over the kind and the folded name (a country's ISO3
code where one is known), event ids from the article id, the event's place in the article
and its type.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from diplograph.models import Event, Extraction, Participant, fold, stable_id

_ISO3 = re.compile(r"^[A-Z]{3}$")
# Names recur from article to article: fold each once (a store is filled article by article).
_fold = lru_cache(maxsize=1 << 16)(fold)
# Sides of these types are listed actor first, other side second (GUIDE.md section 3).
DIRECTED_TYPES = frozenset(
    {
        "VISIT",
        "INVITATION",
        "CONGRATULATION",
        "SYMPATHY",
        "SUPPORT",
        "CREDENTIALS",
        "MISSION",
        "AID",
    }
)


def actor_id(kind: str, name: str, country: str | None = None) -> str:
    """The deterministic id of an actor: a country by its ISO3 code, others by folded name."""
    if kind == "country" and country:
        return stable_id("act", kind, country.upper())
    return stable_id("act", kind, _fold(name))


def event_id(article_id: str, position: int, event_type: str) -> str:
    """The deterministic id of the ``position``-th event (from 0) of an article."""
    return stable_id("evt", article_id, str(position), event_type)


def extraction_digest(extraction: Extraction) -> str:
    """A fingerprint of what was read from an article, wherever the article was read from."""
    record = extraction.to_dict()
    record.pop("source", None)
    record.pop("index", None)
    blob = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """A readable name for an ISO3 code, or the code itself when none is known."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        return code
    found = pycountry.countries.get(alpha_3=code)
    return str(getattr(found, "common_name", None) or found.name) if found else code


@dataclass
class ArticleRows:
    """Everything one article adds to a store, one dict per row, keyed by column."""

    article: dict[str, Any]
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


def article_rows(extraction: Extraction) -> ArticleRows:
    """The rows that store ``extraction``; pure, so a backend writes them in one transaction."""
    art = extraction.article
    rows = ArticleRows(
        article={
            "id": art.id,
            "source": art.source,
            "idx": art.index,
            "title": art.title,
            "published": art.published,
            "url": art.url,
            "text": art.text,
            "metadata": json.dumps(art.metadata, ensure_ascii=False, sort_keys=True, default=str),
            "digest": extraction_digest(extraction),
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
    )
    _ActorIndex(rows, extraction).fill()
    return rows


class _ActorIndex:
    """Maps the names an article uses (names, aliases, acronyms) to actor ids."""

    def __init__(self, rows: ArticleRows, extraction: Extraction) -> None:
        self.rows = rows
        self.extraction = extraction
        self.article_id = extraction.article.id
        self.persons: dict[str, str] = {}
        self.orgs: dict[str, str] = {}

    def fill(self) -> None:
        ex = self.extraction
        for person in ex.persons:
            pid = self._actor("person", person.name, person.country, person.org, None)
            for name in (person.name, *person.aliases):
                self.persons.setdefault(_fold(name), pid)
                self._mention(pid, name, person.title, person.country, person.org)
        for org in ex.organizations:
            oid = self._actor("organization", org.name, org.country, None, org.acronym)
            for label in (org.name, org.acronym):
                if label:
                    self.orgs.setdefault(_fold(label), oid)
                    self._mention(oid, label, None, org.country, org.acronym)
        for country in ex.countries:
            code = country.upper() if _ISO3.match(country.upper()) else None
            shown = country_name(code) if code else country
            cid = self._actor("country", shown, code, None, None)
            self._mention(cid, shown, None, code, None)
        for position, event in enumerate(ex.events):
            self._event(position, event)

    def _event(self, position: int, event: Event) -> None:
        eid = event_id(self.article_id, position, event.type)
        published = self.extraction.article.published
        codes = event.codes
        self.rows.events.append(
            {
                "id": eid,
                "article_id": self.article_id,
                "position": position,
                "type": event.type,
                "status": event.status,
                "date": event.date,
                "day": (event.date or published or "")[:10] or None,
                "place": event.place,
                "cameo": codes.cameo if codes else None,
                "goldstein": codes.goldstein if codes else None,
                "plover_type": codes.plover_type if codes else None,
                "plover_mode": codes.plover_mode if codes else None,
                "codes_version": codes.table_version if codes else None,
                "topics": json.dumps(list(event.topics), ensure_ascii=False),
            }
        )
        directed = event.type in DIRECTED_TYPES
        for i, part in enumerate(event.participants):
            role = ("actor" if i == 0 else "target") if directed else "party"
            self.rows.participants.append(self._participant(eid, i, part, role))
        for i, ev in enumerate(event.evidence):
            self.rows.evidence.append(
                {"event_id": eid, "position": i, "text": ev.text, "start": ev.start, "end": ev.end}
            )

    def _participant(self, eid: str, position: int, part: Participant, role: str) -> dict[str, Any]:
        key = _fold(part.name)
        if part.kind == "person" and key in self.persons:
            aid = self.persons[key]
        elif part.kind == "organization" and (key in self.orgs or _fold(part.acronym) in self.orgs):
            aid = self.orgs.get(key) or self.orgs[_fold(part.acronym)]
        else:
            org = part.org if part.kind == "person" else None
            acronym = part.acronym if part.kind == "organization" else None
            aid = self._actor(part.kind, part.name, part.country, org, acronym)
            self._mention(aid, part.name, None, part.country, org or acronym)
        side_org = part.org if part.kind == "person" else part.acronym or part.name
        return {
            "event_id": eid,
            "position": position,
            "actor_id": aid,
            "kind": part.kind,
            "name": part.name,
            "country": part.country,
            "org": side_org if part.kind != "country" else None,
            "role": role,
        }

    def _actor(
        self, kind: str, name: str, country: str | None, org: str | None, acronym: str | None
    ) -> str:
        aid = actor_id(kind, name, country)
        if kind == "country" and country:
            name = country_name(country)  # one name per code, however articles spell it
        if aid not in self.rows.actors:
            self.rows.actors[aid] = {
                "id": aid,
                "kind": kind,
                "name": name,
                "folded": _fold(name),
                "country": country,
                "org": org,
                "acronym": acronym,
            }
        return aid

    def _mention(
        self, aid: str, name: str, title: str | None, country: str | None, org: str | None
    ) -> None:
        self.rows.mentions.setdefault(
            (aid, name),
            {
                "article_id": self.article_id,
                "actor_id": aid,
                "name": name,
                "folded": _fold(name),
                "title": title,
                "country": country,
                "org": org,
            },
        )
