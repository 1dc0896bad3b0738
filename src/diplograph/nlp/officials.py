"""The officials knowledge base as the person rules ask it.

Three questions: is a name (two words or more) a known official's; which one leader bore a
surname on a day (a bare "Surname said"); and which state or organisation the official
served on the article's day. Namesakes are common, so the knowledge base speaks only when
the match is close: the exact name of an official in office near the article's day, or a
looser spelling (initials left out, another transliteration) whose state the article
names. A name held by people of different states gives no affiliation: the text must say.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.fuzz import ratio

from diplograph.kb import name_key
from diplograph.kb.models import day_number

if TYPE_CHECKING:
    from diplograph.kb import KnowledgeBase, Office, Official

NAMES_KEPT = 8192
SURNAME_LIKENESS = 80  # rapidfuzz ratio of two spellings of one surname
MAX_BEARERS = 8  # officials sharing a surname that still lets it name one leader alone
NEAR_DAYS = 2 * 366  # an exact name's office this near the article's day is the person's
OPEN_YEARS = 2  # an office without an end is taken as held this long past the snapshot
PHOENIX_END = "2014-12-31"  # Phoenix's dictionaries stop here; so do its open tenures
# sources whose every office is a leading one (heads of state and government, foreign
# ministers, UN office holders)
LEADING_SOURCES = ("ep:heads_of_state_and_government", "ep:foreign_ministers", "ep:holders21")


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
        # offices whose holders the news names by surname alone ("Surname said")
        self.leading = frozenset(w.lower() for w in leading)
        self.named = lru_cache(maxsize=NAMES_KEPT)(self._named)
        self.loosely_named = lru_cache(maxsize=NAMES_KEPT)(self._loosely_named)
        self.surnamed = lru_cache(maxsize=NAMES_KEPT)(self._surnamed)

    @cached_property
    def kb(self) -> KnowledgeBase | None:
        return self._load() if self._load is not None else None

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every official's own name (not the aliases, which carry office
        words from their sources)."""
        if self.kb is None:
            return frozenset()
        return frozenset(w for o in self.kb.officials for w in name_key(o.name).split())

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The first word of every official's name as written: given names, mostly."""
        return frozenset(self.given)

    @cached_property
    def given(self) -> dict[str, list[tuple[Official, str]]]:
        """Officials by the first word of each name as written, with its last word."""
        index: dict[str, list[tuple[Official, str]]] = {}
        for official in self.kb.officials if self.kb is not None else ():
            for name in (official.name, *official.aliases):
                words = name_key(name).split()
                if len(words) > 1:
                    index.setdefault(words[0], []).append((official, words[-1]))
        return index

    @cached_property
    def horizon(self) -> str:
        """The last day an office without an end is taken as held."""
        as_of = (self.kb.as_of if self.kb is not None else None) or date.today().isoformat()
        return (date.fromisoformat(as_of) + timedelta(days=365 * OPEN_YEARS)).isoformat()

    def _named(self, text: str) -> tuple[Official, ...]:
        """The officials called exactly ``text`` (two words or more, in either order;
        styles ignored)."""
        key = name_key(text)
        if self.kb is None or " " not in key:
            return ()
        return tuple(o for o in self.kb.by_key(key) if not o.mononym)

    def _loosely_named(self, text: str) -> tuple[Official, ...]:
        """The officials ``text`` may name with middle names or initials left out, or the
        surname spelt another way ("Tchoubarian", "Chubaryan")."""
        words = name_key(text).split()
        if self.kb is None or len(words) < 2:
            return ()
        found = self.kb.by_key(f"{words[0]} {words[-1]}") if len(words) > 2 else ()
        if not found:
            found = tuple(
                o
                for o, last in self.given.get(words[0], ())
                if len(last) > 4 and ratio(last, words[-1]) >= SURNAME_LIKENESS
            )
        return tuple(o for o in found if not o.mononym)

    def _surnamed(self, word: str, day: str | None) -> Official | None:
        """The one leader whose surname is ``word`` in office on ``day`` (the knowledge
        base's own day when the article has none)."""
        key = name_key(word)
        if self.kb is None or not key:
            return None
        bearers = self.kb.by_surname(key)
        if len(bearers) > MAX_BEARERS:
            return None  # a common surname ("Lee", "Khan") names no one alone
        if len(self.given.get(key, ())) > 2 * len(bearers):
            return None  # a given name far more often than a surname ("Thomas")
        on = day or self.kb.as_of or date.today().isoformat()
        held = {o.id: o for o in bearers if self.leads_on(o, on)}
        return next(iter(held.values())) if len(held) == 1 else None

    def leads_on(self, official: Official, day: str) -> bool:
        """Whether ``official`` held a leading office (head of state or government, foreign
        minister, head of an organisation) on ``day``."""
        return any(
            o.holds_on(day) and self.open_until(o) >= day and self.leads(o)
            for o in official.offices
        )

    def leads(self, office: Office) -> bool:
        return office.source.startswith(LEADING_SOURCES) or office.title.lower() in self.leading

    def open_until(self, office: Office) -> str:
        """The last day ``office`` may be taken as held."""
        if office.end:
            return "9999"
        return PHOENIX_END if office.source.startswith("phoenix") else self.horizon

    def affiliation(
        self, names: Iterable[str], day: str | None, states: Collection[str] = ()
    ) -> Affiliation | None:
        """The state or organisation of the one official the ``names`` point at: by exact
        name, in office near ``day`` or serving one of the ``states`` the article names;
        by a looser spelling, serving one of those ``states``; by a lone surname, the one
        leader who bore it on ``day``."""
        offices: list[Office] = []
        for name in names:
            for official in self.named(name) or self.lone(name, day):
                offices += filter(None, [self.office(official, day, states, exact=True)])
            for official in () if offices else self.loosely_named(name):
                offices += filter(None, [self.office(official, day, states, exact=False)])
        sides = {(o.country, o.org) for o in offices}
        if len(sides) != 1:
            return None
        office = offices[0]
        return Affiliation(office.country, office.org, office.title)

    def office(
        self, official: Official, day: str | None, states: Collection[str], exact: bool
    ) -> Office | None:
        """The office that tells whom ``official`` served, if the match is close enough."""
        office = official.office_on(day) if day else latest(official)
        if office is None:
            return None
        if (office.country or office.org) in states:
            return office
        if not exact:
            return None
        if day is None:
            return office
        return office if office.distance(day_number(day)) <= NEAR_DAYS else None

    def lone(self, name: str, day: str | None) -> tuple[Official, ...]:
        if " " in name.strip():
            return ()
        official = self.surnamed(name, day)
        return (official,) if official is not None else ()


def latest(official: Official) -> Office | None:
    """The office with the latest start, for an article without a date."""
    offices = sorted(official.offices, key=lambda o: o.start or "")
    return offices[-1] if offices else None
