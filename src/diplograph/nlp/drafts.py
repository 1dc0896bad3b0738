"""Draft events, and the merging of drafts into one event per act.

A ``Draft`` is an event as one trigger gives it, before merging: its sides as actors, and
where the text reports it. An article often reports one act several times (a headline, the
body, a later sentence; states in one sentence, their ministers in the next): ``merge``,
``told``, ``absorb`` and ``merge_receivers`` make those reports one event (see ``events``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.records import Sentence
from diplograph.nlp.roles import UNCOUNTED

CONSULT = frozenset({"MEETING", "CALL"})
EXPRESSIVE = frozenset({"SYMPATHY", "CONGRATULATION", "SUPPORT"})  # "expressed hope" is the act
DIRECTED = EXPRESSIVE | {"AID", "INVITATION"}  # A's act to B, B's to A: two (GUIDE §4)
QUOTED = frozenset({"SYMPATHY", "CONGRATULATION"})  # messages: to a state or its leader, one act
UNCOUNTED_KEY = f"{UNCOUNTED}:"  # how the key of an uncounted set of documents opens


@dataclass
class Draft:
    """An event before merging: its sides as actors, and where the text reports it."""

    type: str
    status: str
    actors: list[Actor]
    sentence: Sentence
    trigger: int
    key: str = ""
    place: str | None = None
    date: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    carried: bool = False  # the date is that of the acts reported before, not its own
    headline: bool = False  # read from the headline's own sentence
    next_round: bool = False  # "agreed to hold the next round": talks to come, of the states
    agreed: bool = False  # "the ministers agreed to meet again": talks to come, not those told


def merge(drafts: list[Draft]) -> list[Draft]:
    """One event per act: drafts of one type with the same sides and key are one, and a
    meeting whose sides all met in a larger meeting of the article is that meeting."""
    out: list[Draft] = []
    for draft in drafts:
        twin = next((d for d in out if same_act(d, draft)), None)
        if twin is None:
            out.append(draft)
            continue
        if draft.sentence not in twin.sentences:
            twin.sentences.append(draft.sentence)
        if twin.headline and not draft.headline:  # the body tells the act more exactly
            twin.status, twin.headline = draft.status, False
            if draft.date is not None:
                twin.date, twin.carried = draft.date, draft.carried
        if twin.date is None or (twin.carried and draft.date and not draft.carried):
            twin.date, twin.carried = draft.date, draft.carried
        twin.place = twin.place or draft.place
    return [
        d for d in out if not any(d is not o and (inside(d, o) or one_by_one(d, o)) for o in out)
    ]


def one_by_one(some: Draft, counted: Draft) -> bool:
    """ "signed agreements" of the sides whose signing the article reports document by
    document: those documents, not one more."""
    return (
        some.key.startswith(UNCOUNTED_KEY)
        and counted.type == some.type
        and not counted.key.startswith(UNCOUNTED_KEY)
        and sides_of(counted) == sides_of(some)
    )


def merge_receivers(drafts: list[Draft], state_of: Callable[[Actor], str | None]) -> list[Draft]:
    """One message is one act: a sender's condolences "to the people of X" and "to
    President Y of X" of one status are one act to Y (the more specific side)."""
    out: list[Draft] = []
    for draft in drafts:
        twin = next((d for d in out if same_message(d, draft, state_of)), None)
        if twin is None:
            out.append(draft)
            continue
        if twin.actors[1].kind == "country" and draft.actors[1].kind != "country":
            twin.actors = draft.actors
        if draft.sentence not in twin.sentences:
            twin.sentences.append(draft.sentence)
        if twin.date is None:
            twin.date, twin.carried = draft.date, draft.carried
    return out


def same_message(a: Draft, b: Draft, state_of: Callable[[Actor], str | None]) -> bool:
    """Two directed acts of one sender and status to one state (one side named by its state)."""
    if a.type != b.type or a.type not in QUOTED or a.status != b.status:
        return False
    if len(a.actors) != 2 or len(b.actors) != 2 or sender_of(a) != sender_of(b):
        return False
    one, two = a.actors[1], b.actors[1]
    if "country" not in {one.kind, two.kind}:
        return False
    return state_of(one) is not None and state_of(one) == state_of(two)


def absorb(drafts: list[Draft], index: ActorIndex) -> list[Draft]:
    """One event per act, told at two levels: an act between states or organisations only
    ("Chile and Peru signed an agreement", a headline) is the act of the same type between
    their named persons that the article reports ("the ministers X and Y signed it")."""
    out: list[Draft] = []
    for draft in drafts:
        if draft.next_round or any(a.kind == "person" for a in draft.actors):
            out.append(draft)  # the next round is no retelling of the talks held
            continue
        big = next((o for o in drafts if o is not draft and told_by(draft, o, index)), None)
        if big is None:
            out.append(draft)
        elif draft.sentence not in big.sentences:
            big.sentences.append(draft.sentence)
            big.date = big.date or draft.date
            big.place = big.place or draft.place
    return out


def told_by(small: Draft, big: Draft, index: ActorIndex) -> bool:
    """Whether every state or organisation side of ``small`` is a person side of ``big``'s
    (by the person's affiliation) or one of its sides, for an act of the same type."""
    if small.type != big.type or not any(a.kind == "person" for a in big.actors):
        return False
    if small.status != big.status and small.type not in CONSULT | {"VISIT"}:
        return False
    if len(small.actors) > len(big.actors):
        return False
    left = list(big.actors)
    for side in small.actors:
        match = next((b for b in left if stands_for(side, b, index)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def stands_for(side: Actor, other: Actor, index: ActorIndex) -> bool:
    """Whether a state or organisation side names the same party as ``other``."""
    if (side.kind, side.key) == (other.kind, other.key):
        return True
    if other.kind != "person":
        return False
    person = index.persons[int(other.key)]
    if side.kind == "country":
        return person.country == side.key
    org = index.orgs.get(side.key)
    return person.org is not None and person.org in {
        side.key,
        org and org.acronym,
        org and org.name,
    }


def told(drafts: list[Draft]) -> list[Draft]:
    """A headline's trip gives way to the body's report of it with more travellers."""
    return [
        d
        for d in drafts
        if not d.headline
        or not any(
            o.type == d.type and not o.headline and sides_of(d) < sides_of(o) for o in drafts
        )
    ]


def sides_of(draft: Draft) -> frozenset[tuple[str, str]]:
    return frozenset((a.kind, a.key) for a in draft.actors)


def same_act(a: Draft, b: Draft) -> bool:
    return (
        a.type == b.type
        and a.key == b.key
        and sides_of(a) == sides_of(b)
        and (a.status == b.status or (a.type in CONSULT | {"VISIT"} and not (a.agreed or b.agreed)))
        and (a.type not in DIRECTED or sender_of(a) == sender_of(b))
    )


def sender_of(draft: Draft) -> tuple[str, str] | None:
    """Who acts in a directed act: its first side."""
    return (draft.actors[0].kind, draft.actors[0].key) if draft.actors else None


def inside(small: Draft, big: Draft) -> bool:
    """A plain meeting whose sides are a strict part of another meeting or call's."""
    if small.type != "MEETING" or small.key not in {"", "conjoint"}:
        return False
    if big.type not in CONSULT or (big.status != small.status and small.key != "conjoint"):
        return False
    if big.type != small.type or (small.key == "conjoint" and big.key != "conjoint"):
        return sides_of(small) <= sides_of(big)
    return sides_of(small) < sides_of(big)
