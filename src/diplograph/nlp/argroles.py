"""The argument roles of ``resources/roles.json``: for each trigger form, where its sides
are looked for, how far, what stops the search, which actors fill them, and which cue lists
apply. This module reads and checks the file into frozen records; ``roles.Roles`` runs them.

An entry (a ``Body``) finds its ``sides`` in order, each by the first of its searches that
finds an actor; it may then pick the first of its ``cases`` whose ``when`` tests hold (a case
inherits the entry's event fields), runs ``then`` actions, checks ``require`` and makes its
events of the sides ``event`` names. A word list is the name of a list of ``words.json`` or
``cues.json``, or the words themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from diplograph.errors import ResourceError

SOURCE = "roles.json"
LOOKS = frozenset(
    {
        "subject",  # the actor group nearest before the trigger, else the person spoken of
        "clause_subject",  # the sentence's first actor before the trigger
        "sender",  # the first person named before the trigger, else the subject group
        "speaker",  # the publishing state, when the sentence holds a first-person word
        "quoted",  # who speaks a first-person message: the person quoted, or last quoted
        "right",  # actors after the trigger (from its end, inside it, or after the noun)
        "left",  # actors of the sentence before the trigger
        "before",  # actors ending at most ``max`` tokens before the trigger
        "sentence",  # every actor of the sentence
        "context",  # an actor carried from earlier sentences (``name``)
        "side",  # a side found before (``name``)
        "destination",  # the state visited (or "the country" spoken of)
        "visitor",  # who travels: a subject or person not serving the host side
        "traveller",  # the subject group's person not serving the host side ("X is in B")
        "sent_from",  # the person after "from" just after the trigger
        "main_clause",  # persons after the first comma following the trigger
        "signatories",  # the parties to a signing (subjects, "between X and Y", last meeting)
        "owner_before",  # the state owning a mission, named or pronoun just before its noun
        "owner_after",  # the state of "the Embassy of X"
    }
)
CONTEXTS = frozenset(
    {
        "topic",
        "last_consult",
        "last_org",
        "last_country",
        "last_visitor",
        "last_sides",
        "last_receiver",
    }
)
NOUN_LISTS = (
    "document_nouns",
    "multilateral_nouns",
    "mission_nouns",
    "disaster",
    "aid_nouns",
    "greeting_occasions",
    "candidacy_nouns",
)
PLACE_LOOKS = frozenset({"place", "setting", "text"})
ACTIONS = frozenset({"note_visit"})
USES = frozenset({"meeting_groups", "events"})  # "events": the sides as the entry names them
FROMS = frozenset({"end", "start", "inside", "noun", "sentence"})
POSITIONS = frozenset({"inside", "after"})
# what a case takes from its entry unless it says otherwise
INHERITED = frozenset(
    {
        "type",
        "key",
        "place",
        "event",
        "dedupe",
        "upgrade",
        "copies",
        "more",
        "use",
        "each",
        "mutual",
        "require",
        "then",
    }
)
RENAMED = {"from": "from_", "not": "not_"}  # the fields of keys that are Python words

WordRef = str | frozenset[str]  # a list name, or the words themselves


@dataclass(frozen=True)
class Test:
    """A condition; every key given must hold (``any``: one of, ``not``: does not)."""

    before: WordRef | None = None  # the word ``at`` tokens back, or any of ``max`` back
    before_phrase: str | None = None  # a phrase list ending just before the trigger
    after: WordRef | None = None  # any of the words after ``from`` (``max``, ``clause``)
    at: int = 1
    max: int | None = None
    min: int | None = None
    clause: int | None = None
    from_: str = "end"
    in_sentence: bool = False
    trigger: str | None = None  # a flag of the trigger line ("person_object")
    trigger_starts: str | None = None  # the trigger's first word starts so
    # the trigger is a participle opening its sentence ("And handing over the rice, X said")
    opening_participle: bool = False
    side: str | None = None  # a side with ``min``..``max`` distinct actors (of ``kinds``)
    kinds: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # a side's actors named in these forms ("capital", "city")
    mentions: bool = False  # count every mention, not distinct actors
    same_state: tuple[str, ...] = ()  # the first actors of two sides serve one state
    any: tuple[Test, ...] = ()
    all: tuple[Test, ...] = ()
    not_: Test | None = None


@dataclass(frozen=True)
class Search:
    """One way of finding a side: a ``look`` with its bounds and the filters it applies."""

    look: str
    name: str | None = None
    from_: str = "end"
    clause: int | None = None  # up to the end of the clause, at most this many tokens
    max: int | None = None  # at most this many tokens
    inclusive: bool = False
    slack: int = 0
    kinds: tuple[str, ...] = ()
    not_kinds: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    skip_forms: tuple[str, ...] = ()
    locative: bool | None = None
    implicit: bool | None = None
    position: str | None = None  # "inside" the trigger or "after" it
    preceded_by: WordRef | None = None
    not_preceded_by: WordRef | None = None  # not an actor one of the two words before which is
    followed_by: WordRef | None = None
    not_followed_by: WordRef | None = None  # not an actor the next word of which is of the list
    after_word: WordRef | None = None  # one word between the trigger and the actor
    unseen: tuple[str, ...] = ()  # not an actor of these sides
    unlike: tuple[str, ...] = ()  # not the very mention of these sides
    not_at: tuple[str, ...] = ()  # not at the position of these sides' actors
    foreign_to: tuple[str, ...] = ()  # persons, or not the state these sides serve
    not_state_of: tuple[str, ...] = ()  # key not a state these sides serve
    not_key_of: tuple[str, ...] = ()  # key not a key of these sides
    compatriot_of: tuple[str, ...] = ()  # not serving a state these sides serve
    dedupe: bool = False
    take: int | None = None  # the first n (the last -n when negative)
    when: tuple[Test, ...] = ()
    word: str | None = None
    words: WordRef | None = None
    subject: bool = True

    @cached_property
    def checks_sides(self) -> bool:
        """Whether a filter compares an actor with the sides found before."""
        return any(
            (
                self.unseen,
                self.unlike,
                self.not_at,
                self.foreign_to,
                self.not_state_of,
                self.not_key_of,
                self.compatriot_of,
            )
        )

    @cached_property
    def filters(self) -> bool:
        """Whether the search has any filter at all (``Roles.keeps``)."""
        return self.checks_sides or any(
            (
                self.kinds,
                self.not_kinds,
                self.forms,
                self.skip_forms,
                self.locative is not None,
                self.implicit is not None,
                self.position is not None,
                self.preceded_by is not None,
                self.not_preceded_by is not None,
                self.followed_by is not None,
                self.not_followed_by is not None,
                self.after_word is not None,
            )
        )


@dataclass(frozen=True)
class Side:
    name: str
    find: tuple[Search, ...]


@dataclass(frozen=True)
class Part:
    """A side in an event, perhaps cut (``take``) or made its state (``as_state``)."""

    side: str
    take: int | None = None
    as_state: bool = False
    upgrade: bool = False  # a state standing for its one named official becomes that person


@dataclass(frozen=True)
class Upgrade:
    """States standing for their one named official become that person."""

    from_: str = "start"
    bilateral: bool = False
    all_or_none: bool = False


@dataclass(frozen=True)
class Then:
    do: str
    side: str
    word: str


@dataclass(frozen=True)
class Body:
    """A form's entry, or one of its cases."""

    type: str = "trigger"  # "trigger": the type of the trigger line
    key: str = ""
    unless: tuple[Test, ...] = ()
    noun: Search | None = None
    sides: tuple[Side, ...] = ()
    cases: tuple[Body, ...] = ()
    when: tuple[Test, ...] = ()
    then: tuple[Then, ...] = ()
    require: tuple[Test, ...] = ()
    place: tuple[Search, ...] = ()
    event: tuple[Part, ...] = ()
    dedupe: bool = False
    upgrade: Upgrade | None = None
    copies: int = 0  # a number word this many tokens before the noun repeats the event
    more: Search | None = None
    use: str | None = None
    each: str | None = None  # one event per group of this side ("the envoys of A, B and C")
    mutual: bool = False  # one event per direction between the sides' actors ("each other")


class Reader:
    """Checks the entries of ``roles.json`` against the vocabulary and the known lists."""

    def __init__(self, lists: Collection[str]) -> None:
        self.lists = lists
        self.where = ""

    def fail(self, message: str) -> ResourceError:
        return ResourceError(f"{self.where}: {message}", source=SOURCE)

    def fields(self, raw: Any, kinds: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
        """The keys of one object, each converted; "//" keys are comments."""
        if not isinstance(raw, dict):
            raise self.fail(f"expected an object, got {raw!r}")
        out: dict[str, Any] = {}
        for key, value in raw.items():
            if key.startswith("//"):
                continue
            if key not in kinds:
                raise self.fail(f"unknown key {key!r}")
            out[str(RENAMED.get(key, key))] = kinds[key](value)
        return out

    def text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(f"expected a string, got {value!r}")
        return value

    def number(self, value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"expected a whole number, got {value!r}")
        return value

    def flag(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(f"expected true or false, got {value!r}")
        return value

    def names(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(f"expected a list of strings, got {value!r}")
        return tuple(self.text(v) for v in value)

    def one_of(self, options: frozenset[str]) -> Callable[[Any], str]:
        def check(value: Any) -> str:
            if self.text(value) not in options:
                raise self.fail(f"{value!r} is not one of {sorted(options)}")
            return str(value)

        return check

    def wordref(self, value: Any) -> WordRef:
        if isinstance(value, str):
            if value not in self.lists:
                raise self.fail(f"no word list {value!r} in words.json or cues.json")
            return value
        return frozenset(self.names(value))

    def test(self, raw: Any) -> Test:
        many = self.many(self.test)
        kinds: dict[str, Callable[[Any], Any]] = {
            "before": self.wordref,
            "before_phrase": self.wordref,
            "after": self.wordref,
            "at": self.number,
            "max": self.number,
            "min": self.number,
            "clause": self.number,
            "from": self.one_of(FROMS),
            "in_sentence": self.flag,
            "trigger": self.text,
            "trigger_starts": self.text,
            "opening_participle": self.flag,
            "side": self.text,
            "kinds": self.names,
            "forms": self.names,
            "mentions": self.flag,
            "same_state": self.names,
            "any": many,
            "all": many,
            "not": self.test,
        }
        return Test(**self.fields(raw, kinds))

    def many(self, item: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
        def read(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise self.fail(f"expected a list, got {value!r}")
            return tuple(item(v) for v in value)

        return read

    def search(self, raw: Any, looks: frozenset[str] = LOOKS) -> Search:
        kinds: dict[str, Callable[[Any], Any]] = {
            "look": self.one_of(looks),
            "name": self.text,
            "from": self.one_of(FROMS),
            "position": self.one_of(POSITIONS),
            "when": self.many(self.test),
            "word": self.text,
            "words": self.wordref,
        }
        for key in ("clause", "max", "slack", "take"):
            kinds[key] = self.number
        for key in ("inclusive", "locative", "implicit", "dedupe", "subject"):
            kinds[key] = self.flag
        for key in ("kinds", "not_kinds", "forms", "skip_forms", "unseen", "unlike"):
            kinds[key] = self.names
        for key in ("not_at", "foreign_to", "not_state_of", "not_key_of", "compatriot_of"):
            kinds[key] = self.names
        for key in (
            "preceded_by",
            "not_preceded_by",
            "followed_by",
            "not_followed_by",
            "after_word",
        ):
            kinds[key] = self.wordref
        values = self.fields(raw, kinds)
        if "look" not in values:
            raise self.fail(f"a search needs a 'look': {raw!r}")
        if values["look"] == "context" and values.get("name") not in CONTEXTS:
            raise self.fail(f"a context look names one of {sorted(CONTEXTS)}: {raw!r}")
        return Search(**values)

    def side(self, raw: Any) -> Side:
        values = self.fields(raw, {"side": self.text, "find": self.many(self.search)})
        if "side" not in values or not values.get("find"):
            raise self.fail(f"a side needs a 'side' name and searches to 'find': {raw!r}")
        return Side(values["side"], values["find"])

    def part(self, raw: Any) -> Part:
        if isinstance(raw, str):
            return Part(raw)
        kinds = {
            "side": self.text,
            "take": self.number,
            "as_state": self.flag,
            "upgrade": self.flag,
        }
        values = self.fields(raw, kinds)
        return Part(**values)

    def upgrade(self, raw: Any) -> Upgrade:
        kinds = {"from": self.one_of(FROMS), "bilateral": self.flag, "all_or_none": self.flag}
        return Upgrade(**self.fields(raw, kinds))

    def then(self, raw: Any) -> Then:
        kinds = {"do": self.one_of(ACTIONS), "side": self.text, "word": self.text}
        return Then(**self.fields(raw, kinds))

    def body(self, raw: Any) -> Body:
        cases: list[Body] = []
        if isinstance(raw, dict):
            inherited = {k: raw[k] for k in INHERITED if k in raw}
            cases = [self.body({**inherited, **c}) for c in self.many(dict)(raw.get("cases", []))]
            raw = {k: v for k, v in raw.items() if k not in {"cases", "form"}}
        kinds: dict[str, Callable[[Any], Any]] = {
            "type": self.text,
            "key": self.text,
            "unless": self.many(self.test),
            "noun": lambda v: self.search(v, frozenset({"noun"})),
            "sides": self.many(self.side),
            "when": self.many(self.test),
            "then": self.many(self.then),
            "require": self.many(self.test),
            "place": self.many(lambda v: self.search(v, PLACE_LOOKS)),
            "event": self.many(self.part),
            "dedupe": self.flag,
            "upgrade": self.upgrade,
            "copies": self.number,
            "more": lambda v: self.search(v, frozenset({"gatherings"})),
            "use": self.one_of(USES),
            "each": self.text,
            "mutual": self.flag,
        }
        return Body(**self.fields(raw, kinds), cases=tuple(cases))


def read_roles(data: Mapping[str, Any], lists: Collection[str]) -> dict[str, Body]:
    """Form name -> its entry, from the object of ``roles.json``; ``lists`` are the names of
    the word lists an entry may name."""
    reader = Reader(lists)
    forms = data.get("forms")
    if not isinstance(forms, list):
        raise ResourceError("expected a list of 'forms'", source=SOURCE)
    out: dict[str, Body] = {}
    for number, raw in enumerate(forms, 1):
        name = raw.get("form") if isinstance(raw, dict) else None
        reader.where = f"form {name!r}" if isinstance(name, str) else f"entry {number}"
        if not isinstance(name, str) or name in out:
            raise reader.fail("each entry needs a 'form' name of its own")
        out[name] = reader.body(raw)
        check_sides(reader, out[name], set())
    return out


def check_sides(reader: Reader, body: Body, known: set[str]) -> None:
    """Every side an entry names is found before it is used."""
    defined = set(known) | {s.name for s in body.sides}
    used = [p.side for p in body.event] + [t.side for t in body.then]
    used += [body.each] if body.each is not None else []
    for side in body.sides:
        for search in side.find:
            used += [*search.unseen, *search.unlike, *search.not_at, *search.foreign_to]
            used += [*search.not_state_of, *search.not_key_of, *search.compatriot_of]
            if search.look == "side" and search.name is not None:
                used.append(search.name)
    if not body.cases:
        missing = sorted(set(used) - defined)
        if missing:
            raise reader.fail(f"sides used before they are found: {missing}")
    for case in body.cases:
        check_sides(reader, case, defined)
