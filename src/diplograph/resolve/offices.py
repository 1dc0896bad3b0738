"""Office titles as articles write them, made comparable: cleaned, keyed, grouped with dates.

"Deputy Minister of Foreign Affairs of the Republic of Zambia" and "Deputy Foreign
Minister" are one office of a Zambian official: the holder's state is dropped from the
title (it is kept beside it), synonyms are rewritten (``resources/offices.json``), and the
key is the set of remaining words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from diplograph.models import fold
from diplograph.resolve.resources import country_names, office_words

_LEADING = re.compile(r"^[^\w]+|^(?:the|newly appointed)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Office:
    """An office an actor was seen holding, with the first and last day it was seen."""

    title: str
    country: str | None
    org: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "country": self.country,
            "org": self.org,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "articles": self.articles,
        }


@lru_cache(maxsize=16384)
def clean_title(title: str | None, country: str | None = None) -> str | None:
    """The title without leading punctuation and without the holder's state, or None when
    it names no office ("counterpart")."""
    if not title:
        return None
    text = title.strip()
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text).strip()
    if country:
        for name in country_names().get(country.upper(), ()):
            escaped = re.escape(name)
            text = re.sub(rf"\s+of\s+(?:the\s+)?{escaped}$", "", text, flags=re.IGNORECASE).strip()
            text = re.sub(rf"^{escaped}\s+", "", text, flags=re.IGNORECASE).strip()
    words = set(fold(text).split())
    if not words or words & office_words().not_offices:
        return None
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=16384)
def office_key(title: str | None, country: str | None = None) -> frozenset[str]:
    """The words that identify an office, synonyms rewritten; empty when there is none."""
    cleaned = clean_title(title, country)
    if cleaned is None:
        return frozenset()
    text = f" {' '.join(fold(cleaned).replace(',', ' ').split())} "
    for old, new in office_words().synonyms:
        text = text.replace(f" {old} ", f" {new} ")
    return frozenset(text.split()) - office_words().filler


def offices_compatible(a: Iterable[frozenset[str]], b: Iterable[frozenset[str]]) -> bool:
    """True when some office of one side is, or is part of, an office of the other."""
    keys_b = [k for k in b if k]
    return any(ka <= kb or kb <= ka for ka in a if ka for kb in keys_b)


@dataclass(frozen=True)
class Sighting:
    """A title in one article, with the days the article's events put its holder on."""

    title: str
    article_id: str
    country: str | None
    org: str | None
    first_day: str | None
    last_day: str | None


def collect_offices(sightings: Iterable[Sighting]) -> tuple[Office, ...]:
    """Offices held, one per key, earliest first: the title as first written, the days."""
    groups: dict[frozenset[str], list[tuple[Sighting, str]]] = {}
    for s in sightings:
        cleaned = clean_title(s.title, s.country)
        key = office_key(s.title, s.country)
        if cleaned and key:
            groups.setdefault(key, []).append((s, cleaned))
    offices = []
    for group in groups.values():
        group.sort(key=lambda sc: (sc[0].first_day or "9999", sc[1], sc[0].article_id))
        firsts = [s.first_day for s, _ in group if s.first_day]
        lasts = [s.last_day for s, _ in group if s.last_day]
        countries = Counter(s.country for s, _ in group if s.country)
        orgs = Counter(s.org for s, _ in group if s.org)
        offices.append(
            Office(
                title=group[0][1],
                country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
                org=min(orgs, key=lambda o: (-orgs[o], o)) if orgs else None,
                first_seen=min(firsts) if firsts else None,
                last_seen=max(lasts) if lasts else None,
                articles=len({s.article_id for s, _ in group}),
            )
        )
    offices.sort(key=lambda o: (o.first_seen or "9999", o.title))
    return tuple(offices)
