"""The officials knowledge base as the person rules ask it.

Three questions: is a name (two words or more) a known official's; which one official
bears a surname on a day (a bare "Ministry said Surname"); and which state or organisation
the official served on the article's day. A name the knowledge base holds for two people of
different states gives no affiliation: the text must say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.fuzz import ratio

if TYPE_CHECKING:
    from diplograph.kb import KnowledgeBase, Office, Official

NAMES_KEPT = 8192
SURNAME_LIKENESS = 80  # rapidfuzz ratio of two spellings of one surname


class Affiliation(NamedTuple):
    """What the knowledge base says one official was on a day."""

    country: str | None
    org: str | None
    title: str | None


class Officials:
    """Look-ups of person names in the knowledge base, loaded on the first question."""

    def __init__(
        self, load: Callable[[], KnowledgeBase] | None, leading: Iterable[str] = ()
    ) -> None:
        self._load = load
        # offices whose holders the news names by surname alone ("Putin said")
        words = "|".join(re.escape(w) for w in leading) or r"(?!)"
        self.leading = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
        self.named = lru_cache(maxsize=NAMES_KEPT)(self._named)
        self.surnamed = lru_cache(maxsize=NAMES_KEPT)(self._surnamed)

    @cached_property
    def kb(self) -> KnowledgeBase | None:
        return self._load() if self._load is not None else None

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every folded word of every official's name and alias."""
        if self.kb is None:
            return frozenset()
        return frozenset(word for key, _ in self.kb.keyed() for word in key.split())

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The folded first word of every official's name: given names, mostly."""
        return self.kb.first_words if self.kb is not None else frozenset()

    def _named(self, text: str) -> tuple[Official, ...]:
        """The officials called ``text`` (two words or more; styles ignored)."""
        if self.kb is None or len(text.split()) < 2:
            return ()
        from diplograph.kb import name_key

        words = name_key(text).split()
        if len(words) < 2:
            return ()
        found = self.kb.by_key(" ".join(words))
        if not found and len(words) > 2:  # middle names and initials left out
            found = self.kb.by_key(f"{words[0]} {words[-1]}")
        if not found:  # another transliteration of the surname ("Shokry", "Shoukry")
            found = tuple(
                o
                for o, last in self.given.get(words[0], ())
                if len(last) > 4 and ratio(last, words[-1]) >= SURNAME_LIKENESS
            )
        return tuple(o for o in found if not o.mononym)

    @cached_property
    def given(self) -> dict[str, list[tuple[Official, str]]]:
        """Officials by the first word of each name as written, with its last word."""
        from diplograph.kb import name_key

        index: dict[str, list[tuple[Official, str]]] = {}
        for official in self.kb.officials if self.kb is not None else ():
            for name in (official.name, *official.aliases):
                words = name_key(name).split()
                if len(words) > 1:
                    index.setdefault(words[0], []).append((official, words[-1]))
        return index

    def _surnamed(self, word: str, day: str | None) -> Official | None:
        """The one official whose surname is ``word`` and who held an office on ``day``."""
        if self.kb is None or day is None:
            return None
        from diplograph.kb import name_key

        key = name_key(word)
        bearers = self.kb.by_surname(key)
        if len(self.given.get(key, ())) >= len(bearers):
            return None  # a given name more often than a surname ("Francis")
        held = {o.id: o for o in bearers if leads_on(o, day, self.leading)}
        return next(iter(held.values())) if len(held) == 1 else None

    def affiliation(self, names: Iterable[str], day: str | None) -> Affiliation | None:
        """The state or organisation of the one official the ``names`` point at (a lone
        surname: the one leader who bore it on ``day``)."""
        found: dict[str, Official] = {}
        for name in names:
            for official in self.named(name) or self.lone(name, day):
                found[official.id] = official
        if not found:
            return None
        offices = [o.office_on(day) if day else latest(o) for o in found.values()]
        sides = {(o.country, o.org) for o in offices if o is not None}
        if len(sides) != 1:
            return None
        office = next(o for o in offices if o is not None)
        return Affiliation(office.country, office.org, office.title)

    def lone(self, name: str, day: str | None) -> tuple[Official, ...]:
        if " " in name.strip():
            return ()
        official = self.surnamed(name, day)
        return (official,) if official is not None else ()


def leads_on(official: Official, day: str, leading: re.Pattern[str]) -> bool:
    """Whether ``official`` held a leading office (head of state or government, foreign
    minister, head of an organisation) on ``day``."""
    return any(o.holds_on(day) and leading.search(o.title) for o in official.offices)


def latest(official: Official) -> Office | None:
    """The office with the latest start, for an article without a date."""
    offices = sorted(official.offices, key=lambda o: o.start or "")
    return offices[-1] if offices else None
