"""How many acts the sides of one trigger make: one meeting per group of objects or one of
all (``meeting_groups``, the ``verb`` form's named step), one act per sender, and a series
of acts done by each of a list in turn that later sentences may go on with.

``Groups`` adds them to the entry conditions (``roleconditions.Conditions``); ``Built`` is
an event as an entry builds it, for them and for ``roles.Roles``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from diplograph.nlp.actors import Actor
from diplograph.nlp.clauses import dedupe
from diplograph.nlp.roleconditions import Conditions
from diplograph.nlp.rolelooks import Match


class Built(NamedTuple):
    """An event as an entry builds it: its type, sides, a key that tells two acts of one
    trigger apart, and its place."""

    type: str
    actors: list[Actor]
    key: str
    place: str | None


class Series(NamedTuple):
    """Acts of one kind done by each of a list in turn ("the ambassadors of A, B and C
    presented credentials to X"): later sentences may name more of them ("The others
    received were ..."; a list after a colon)."""

    type: str
    fixed: list[Actor]  # the side every act of the series shares
    members: set[tuple[str, str]]
    sentence: int  # the last sentence that named members
    listing: bool  # the last sentence ended in a colon: list items follow
    joined: list[Actor]  # the sides named as present at the one act


LIST_ITEM_WORDS = frozenset({"and", "the", "of", "-", "–"})  # "and the Ambassador of the X"
SERIES_GAP = 5  # sentences (about a paragraph) after which a series is not continued


class Groups(Conditions):
    """The acts a list of sides makes: meetings by group, senders one by one, series.
    ``roles.Roles`` sets what is declared here."""

    series: Series | None

    def meeting_groups(self, event_type: str, m: Match, place: str | None) -> list[Built]:
        """The ``verb`` form's events of its ``subjects`` and ``objects``: the sides of a
        meeting already reported ("at the meeting with X"), one meeting per group of objects,
        or the state a subject travels to."""
        subjects, objects, start = m.sides["subjects"], m.sides["objects"], m.start
        earlier = self.refers_back(start, objects)
        if earlier is not None:
            return [Built(event_type, list(earlier), "", place)]
        groups = self.split_groups(objects)
        if event_type not in {"MEETING", "CALL"}:
            if not groups:
                return []
            senders = (
                self.each_of(subjects) if m.spec.get("each_sender") and subjects else [subjects]
            )
            return [Built(event_type, one + groups[0], "", place) for one in senders]
        if groups:
            met = [self.upgrade(subjects + g, start) for g in groups]
            kept = [sides for sides in met if len(sides) > 1 and not self.own_state_only(sides)]
            if not kept:  # "the visiting ministers called on X": who met X may follow
                persons = [a for sides in met for a in sides if a.kind == "person"]
                self.begin_series(event_type, dedupe(persons)[:1], [])
            if len(kept) > 1 and not self.distributes(m):
                kept = [dedupe([a for sides in kept for a in sides])]  # one meeting of all
            return [Built(event_type, sides, "", place) for sides in kept]
        host = self.visited(subjects, start)
        if host is not None:
            return [Built(event_type, [*subjects, host], "", place)]
        persons = [a for a in subjects if a.kind == "person"]
        if len(persons) == 1:  # "X received a courtesy call from the heads of missions"
            self.begin_series(event_type, persons, [])
        return [Built(event_type, self.upgrade(subjects, start), "", place)]

    def distributes(self, m: Match) -> bool:
        """Whether a meeting with a list is one act per side: "met A and B", "held separate
        meetings with A and B"; but "a meeting with A and B" is one meeting of all."""
        assert self.sent is not None
        trigger = self.words(m.start, m.end)
        if "meeting" not in trigger:
            return True
        noun = m.start + trigger.index("meeting")
        lists = self.word_lists
        if lists.single_determiners.isdisjoint(self.words(noun - 3, noun)):
            return True
        clause = self.words(self.sent.start, self.clause_end(m.end, 30))
        return not lists.distributive_words.isdisjoint(clause)

    def own_state_only(self, sides: Sequence[Actor]) -> bool:
        """One person and only the state or organisation they serve ("the Minister held a
        meeting with ambassadors in Kenya"): the other side is not named."""
        persons = [a for a in sides if a.kind == "person"]
        if len(dedupe(persons)) != 1:
            return False
        others = [a for a in sides if a.kind != "person"]
        return bool(others) and all(self.represents(persons[0], a.key) for a in others)

    def visited(self, subjects: Sequence[Actor], start: int) -> Actor | None:
        """The state a subject travels to in order to meet there ("will visit Budapest to
        hold consultations"): the other side when no counterpart is named."""
        if not subjects:
            return None
        own = {self.index.country_of(a) for a in subjects}
        for actor in self.actors:
            if (
                subjects[-1].end <= actor.start < start
                and actor.kind == "country"
                and actor.locative
                and actor.key not in own
            ):
                return Actor("country", actor.key, actor.start, actor.end)
        return None

    @staticmethod
    def each_of(actors: list[Actor]) -> list[list[Actor]]:
        """The senders of one act each: every person named, else the first actor."""
        persons = [a for a in dedupe(actors) if a.kind == "person"]
        return [[p] for p in persons] if persons else [actors[:1]]

    def begin_series(self, event_type: str, fixed: list[Actor], members: list[Actor]) -> None:
        """Remember a series of acts; one naming no shared side continues the last."""
        assert self.sent is not None
        last = self.series
        if not fixed and last is not None and last.type == event_type:
            fixed = last.fixed
        live = last is not None and self.sent.index - last.sentence <= SERIES_GAP
        if not fixed or (not members and live and last is not None and last.members):
            return  # a series going on is not ended by an act naming no one on the other side
        keys: set[tuple[str, str]] = {(a.kind, a.key) for a in members}
        listing = self.sent.text.rstrip().endswith(":")
        self.series = Series(event_type, fixed, keys, self.sent.index, listing, [])

    def continued(
        self, openers: Sequence[tuple[str, ...]], joiners: Sequence[tuple[str, ...]]
    ) -> list[Built]:
        """More acts of the last series: a sentence opening with "the others" (``openers``)
        names each of them; an item of a list after a colon names one; a sentence opening
        with "Among those present were" (``joiners``) names more sides of one act."""
        assert self.sent is not None
        series = self.series
        if series is None or self.sent.index - series.sentence > SERIES_GAP:
            return []
        words = tuple(self.words(self.sent.start, self.sent.start + 6))
        joins = any(words[: len(o)] == o for o in joiners)
        opens = joins or any(words[: len(o)] == o for o in openers)
        if not opens and not (series.listing and self.sent.index == series.sentence + 1):
            return []
        taken = {(a.kind, a.key) for a in series.fixed} | series.members
        own = set() if joins else {self.index.country_of(a) for a in series.fixed} - {None}
        named = [
            a
            for a in self.actors
            if not a.locative and a.form != "compound" and (a.kind, a.key) not in taken
        ]
        foreign = [a for a in named if not own or self.index.country_of(a) not in own]
        named = foreign if foreign or not opens else named  # a shared side's state may be wrong
        persons = [a for a in named if a.kind == "person"]
        if persons:  # "... Mr. X; and the Ambassador of Norway": an envoy not named is his state
            served = {self.index.country_of(a) for a in persons}
            persons = [
                a
                for a in named
                if a.kind == "person"
                or (a.kind == "country" and a.key not in served and a.key not in own)
            ]
        groups = self.split_groups(dedupe(persons or named))
        if not opens:  # list items, each opening a line with its name or its title
            groups = [g for g in groups if self.opens_item(g[0].start)]
            groups = groups if len(groups) > 1 else groups[:1]
        if not groups:
            return []
        new = [a for g in groups for a in g]
        listing = not opens or self.sent.text.rstrip().endswith(":")
        self.series = series._replace(
            members=series.members | {(a.kind, a.key) for a in new},
            joined=series.joined + new if joins else series.joined,
            sentence=self.sent.index,
            listing=listing,
        )
        if joins:  # one act of all named so far (the earlier, smaller one merges into it)
            return [Built(series.type, [*series.fixed, *series.joined, *new], "", None)]
        return [Built(series.type, [*g, *series.fixed], "", None) for g in groups]

    def opens_item(self, start: int) -> bool:
        """Whether an actor at ``start`` opens the sentence as a list item does: at once,
        after one word, or after "and the Ambassador of the" (list words and a title)."""
        assert self.sent is not None
        texts = self.index.texts
        line = self.sent.start
        for k in range(start - 1, self.sent.start - 1, -1):
            if "\n" in texts[k]:
                line = k + 1  # an item on a line of its own inside the sentence
                break
        if start <= line + 1:
            return True
        return all(
            w.lower() in LIST_ITEM_WORDS or self.lex.is_title_word(w) for w in texts[line:start]
        )
