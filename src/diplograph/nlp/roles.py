"""Who plays which part in an event: the sides of each trigger form (see ``events``).

``Roles`` walks the article sentence by sentence with the context that implicit references
need (``context.Context``), and turns one trigger match into (type, sides, key, place)
tuples by running the form's entry of ``resources/roles.json`` (read by ``argroles``): its
tests, the searches of each side (``rolelooks``), its cases and the events it makes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.argroles import Body, Search, Test
from diplograph.nlp.context import ContextCues, dedupe, one_of
from diplograph.nlp.lexicon import Lexicon
from diplograph.nlp.records import GazetteerMatch
from diplograph.nlp.rolelooks import PICKING, Looks, Match


class Built(NamedTuple):
    """An event as an entry builds it: its type, sides, a key that tells two acts of one
    trigger apart, and its place."""

    type: str
    actors: list[Actor]
    key: str
    place: str | None


# noun lists whose words the sentence must hold
SENTENCE_NEEDS = frozenset({"disaster", "aid_nouns", "greeting_occasions"})
ONE_SIDED = frozenset({"MULTILATERAL"})
LIST_REACH = 40  # how far a list of documents signed at once is read
UNCOUNTED = "some"  # the set key of documents named in the plural without a count


class Roles(Looks):
    """The sides of each trigger form, as ``roles.json`` says."""

    def __init__(
        self,
        cues: ContextCues,
        lex: Lexicon,
        doc: Any,
        index: ActorIndex,
        mention_at: Sequence[GazetteerMatch | None],
        forms: Mapping[str, Body],
    ) -> None:
        super().__init__(cues, lex, doc, index, mention_at)
        self.forms = forms
        visit = forms.get("visit")
        found = [f for s in (visit.sides if visit else ()) for f in s.find]
        # "invited X to visit Y": Y is found as the visit form finds its destination
        self.visit_destination = next((f for f in found if f.look == "destination"), None)

    def build(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """(type, sides, key, place) for one trigger match; empty when no act is named."""
        assert self.sent is not None
        entry = self.forms.get(str(spec.get("form", "verb")))
        if entry is None:
            return []
        needs = spec.get("needs")
        if needs in SENTENCE_NEEDS and self.has_noun(self.sent.start, self.sent.end, needs) is None:
            return []
        built = self.run(entry, Match(spec, start, end))
        return [b for b in built if len({(a.kind, a.key) for a in b[1]}) >= 2 or b[0] in ONE_SIDED]

    # ------------------------------------------------------------------ the interpreter

    def run(self, body: Body, m: Match) -> list[Built]:
        """Run one entry (or case): tests, noun, sides, cases, actions, then the events."""
        if any(self.holds(t, m) for t in body.unless):
            return []
        if body.noun is not None:
            m.noun = self.noun_of(body.noun, m)
            if m.noun is None:
                return []
        for side in body.sides:
            m.sides[side.name] = self.find(side.find, m)
        if body.cases:
            case = next((c for c in body.cases if all(self.holds(t, m) for t in c.when)), None)
            return self.run(case, m) if case is not None else []
        for action in body.then:
            self.note_visit(m.sides.get(action.side, []), m.end, action.word)
        if not all(self.holds(t, m) for t in body.require):
            return []
        place = next((p for p in (self.place(s, m) for s in body.place) if p is not None), None)
        event_type = str(m.spec["type"]) if body.type == "trigger" else body.type
        if body.use == "meeting_groups":
            return self.meeting_groups(event_type, m, place)
        return self.events(body, event_type, m, place)

    def find(self, searches: Sequence[Search], m: Match) -> list[Actor]:
        """The actors of the first search that finds any."""
        for s in searches:
            if all(self.holds(t, m) for t in s.when):
                found = self.search(s, m)
                if found:
                    return found
        return []

    def search(self, s: Search, m: Match) -> list[Actor]:
        """One search: its look, its filters, then repeats dropped and the first taken."""
        actors = self.look(s, m)
        if s.look not in PICKING:
            actors = [a for a in actors if self.keeps(s, a, m)]
        if s.dedupe:
            actors = dedupe(actors)
        return cut(actors, s.take)

    def keeps(self, s: Search, a: Actor, m: Match) -> bool:
        """Whether an actor passes a search's filters."""
        if (s.kinds and a.kind not in s.kinds) or a.kind in s.not_kinds:
            return False
        if (s.forms and a.form not in s.forms) or a.form in s.skip_forms:
            return False
        if s.locative is not None and a.locative != s.locative:
            return False
        if s.implicit is not None and a.implicit != s.implicit:
            return False
        if s.position == "inside" and not a.end < m.end:
            return False
        if s.position == "after" and not a.start >= m.end:
            return False
        if s.preceded_by is not None and not one_of(
            self.words(a.start - 1, a.start), self.list_of(s.preceded_by)
        ):
            return False
        if s.followed_by is not None and not one_of(
            self.words(a.end, a.end + 1), self.list_of(s.followed_by)
        ):
            return False
        if s.after_word is not None and not one_of(
            self.words(m.end, a.start), self.list_of(s.after_word)
        ):
            return False
        return self.keeps_sides(s, a, m)

    def keeps_sides(self, s: Search, a: Actor, m: Match) -> bool:
        """The filters against sides found before."""
        sides = m.sides
        if any((a.kind, a.key) in {(b.kind, b.key) for b in sides[n]} for n in s.unseen):
            return False
        if any(a in sides[n] for n in s.unlike):
            return False
        if any(a.start in {b.start for b in sides[n]} for n in s.not_at):
            return False
        for n in s.foreign_to:
            if not self.others(sides[n], [a]):
                return False
        if any(a.key in {self.index.country_of(b) for b in sides[n]} for n in s.not_state_of):
            return False
        return not any(a.key in {b.key for b in sides[n]} for n in s.not_key_of)

    def holds(self, t: Test, m: Match) -> bool:
        """Whether a test holds: every condition it gives."""
        if t.before is not None and not self.before(t, m.start):
            return False
        if t.before_phrase is not None:
            phrases = self.list_of(t.before_phrase)
            lengths = {len(p) for p in phrases}
            if not any(tuple(self.words(m.start - n, m.start)) in phrases for n in lengths):
                return False
        if t.after is not None:
            base = m.start if t.from_ == "start" else m.end
            stop = self.clause_end(base, t.clause) if t.clause is not None else base + (t.max or 0)
            if not self.list_of(t.after) & set(self.words(base, stop)):
                return False
        if t.trigger is not None and not m.spec.get(t.trigger):
            return False
        starts = t.trigger_starts
        if starts is not None and not self.words(m.start, m.start + 1)[0].startswith(starts):
            return False
        if t.side is not None and not self.counts(t, m.sides.get(t.side, [])):
            return False
        if t.same_state:
            one, two = (m.sides.get(n, []) for n in t.same_state)
            if not (one and two and self.index.country_of(one[0]) == two[0].key):
                return False
        if t.any and not any(self.holds(u, m) for u in t.any):
            return False
        if not all(self.holds(u, m) for u in t.all):
            return False
        return t.not_ is None or not self.holds(t.not_, m)

    def before(self, t: Test, start: int) -> bool:
        """The word ``at`` tokens before the trigger is of the list (any of ``max``)."""
        assert self.sent is not None and t.before is not None
        words = self.list_of(t.before)
        if t.in_sentence and start - t.at < self.sent.start:
            return False
        if t.max is not None:
            return bool(words & set(self.words(start - t.max, start)))
        return one_of(self.words(start - t.at, start)[:1], words)

    @staticmethod
    def counts(t: Test, actors: list[Actor]) -> bool:
        """A side holds ``min``..``max`` distinct actors (mentions) of ``kinds``."""
        if t.kinds:
            actors = [a for a in actors if a.kind in t.kinds]
        n = len(actors) if t.mentions else len(dedupe(actors))
        low = t.min if t.min is not None else (0 if t.max is not None else 1)
        return n >= low and (t.max is None or n <= t.max)

    def noun_of(self, s: Search, m: Match) -> int | None:
        """The first noun of a list (``name``) before the trigger (``from`` "start", within
        ``max``) or after it (up to the clause end, ``clause``, and ``max`` tokens)."""
        assert self.sent is not None
        if s.from_ == "start":
            return self.has_noun(max(self.sent.start, m.start - (s.max or 0)), m.start, str(s.name))
        stop = self.clause_end(m.end, s.clause) if s.clause is not None else self.sent.end
        if s.max is not None:
            stop = min(stop, m.end + s.max)
        return self.has_noun(m.end, stop, str(s.name))

    def place(self, s: Search, m: Match) -> str | None:
        """Where the act happens: a place named in a span, the opening setting's place, or
        the text of a side's first actor."""
        assert self.sent is not None
        if s.look == "setting":
            return self.setting_place(m.start)
        if s.look == "text":
            side = m.sides.get(str(s.name), [])
            if not side or (s.implicit is not None and side[0].implicit != s.implicit):
                return None
            return str(self.doc[side[0].start : side[0].end].text)
        if s.from_ == "sentence":
            return self.place_of(self.sent.start, self.sent.end)
        base = m.start if s.from_ == "start" else m.end
        return self.place_of(base, self.clause_end(m.end, s.clause or 0))

    def events(self, body: Body, event_type: str, m: Match, place: str | None) -> list[Built]:
        """The events an entry makes of its sides."""
        if body.each is not None:
            single = replace(body, each=None)
            each: list[Built] = []
            for one in self.each_of(m.sides.get(body.each, [])):
                each += self.events(single, event_type, m.with_side(body.each, one), place)
            return each
        actors: list[Actor] = []
        for part in body.event:
            side = cut(m.sides.get(part.side, []), part.take)
            if part.as_state:
                side = [self.state_of(a) for a in side]
            if part.upgrade:
                side = self.upgrade(side, m.start)
            actors += side
        if body.dedupe or body.mutual:
            actors = dedupe(actors)
        if body.mutual:
            return [
                Built(event_type, [a, b], body.key, place)
                for a in actors
                for b in actors
                if a is not b
            ]
        if body.upgrade is not None:
            up = body.upgrade
            upgraded = self.upgrade(actors, m.start if up.from_ == "start" else m.end, up.bilateral)
            if up.all_or_none and any(a.kind == "country" for a in upgraded):
                upgraded = dedupe(actors)  # all named officials, or none
            actors = upgraded
        copies, said = 1, None
        if body.copies and m.noun is not None:
            copies, said = self.count_before(m.noun, body.copies)
            if copies == 1:  # "signed a Memorandum on X and an Agreement on Y"
                stop = m.start if m.noun < m.start else self.clause_end(m.noun + 1, LIST_REACH)
                copies += self.count_listed(m.noun, stop)
        # "{set}": the trigger for one act, the count for a counted set of acts, so that
        # "signed 13 agreements" told twice is one set of 13
        group: int | str = m.start if copies == 1 else f"n{copies}"
        back = said is None or said in self.word_lists.back_reference_determiners
        if back and copies == 1 and m.noun is not None and self.index.lower[m.noun].endswith("s"):
            group = UNCOUNTED  # "signed (the) agreements": the ones the article counts
        built: list[Built] = [
            Built(
                event_type,
                actors,
                body.key.format(noun=m.noun, start=m.start, copy=i, set=group),
                place,
            )
            for i in range(copies)
        ]
        if body.more is not None:
            built += self.more_gatherings(body, event_type, actors, m)
        return built

    @staticmethod
    def each_of(actors: list[Actor]) -> list[list[Actor]]:
        """The senders of one act each: every person named, else the first actor."""
        persons = [a for a in dedupe(actors) if a.kind == "person"]
        return [[p] for p in persons] if persons else [actors[:1]]

    def state_of(self, a: Actor) -> Actor:
        """The state an actor stands for, as a plain mention of it."""
        return Actor("country", self.index.country_of(a) or a.key, a.start, a.end, form="name")

    def more_gatherings(
        self, body: Body, event_type: str, sides: list[Actor], m: Match
    ) -> list[Built]:
        """A second gathering in the same breath: "... summit in X and the Y summit in Z"."""
        assert self.sent is not None and body.more is not None
        more = body.more
        joiner = str(more.word).split()
        n = len(joiner)
        out: list[Built] = []
        for k in range(self.clause_end(m.end, more.clause or 0), self.sent.end - n + 1):
            if self.words(k, k + n) == joiner:
                stop = min(self.sent.end, k + n + (more.max or 0))
                noun = self.has_noun(k + n, stop, str(more.name))
                if noun is not None:
                    key = body.key.format(noun=noun, start=m.start, copy=0)
                    out.append(Built(event_type, sides, key, self.place_of(k, self.sent.end)))
        return out

    # ------------------------------------------------------------------ named primitives

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
            return [Built(event_type, self.upgrade(subjects + g, start), "", place) for g in groups]
        host = self.visited(subjects, start)
        if host is not None:
            return [Built(event_type, [*subjects, host], "", place)]
        return [Built(event_type, self.upgrade(subjects, start), "", place)]

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

    def note_visit(self, guests: list[Actor], end: int, word: str) -> None:
        """Remember "invited X to visit Y" (``word`` "visit") so that an acceptance makes it
        an intended visit; Y is found as the ``visit`` form finds its destination."""
        assert self.sent is not None
        if not guests:
            return
        self.pending_visit = None
        words = self.words(end, self.sent.end)
        if word not in words or self.visit_destination is None:
            return
        dest = self.destination_of(self.visit_destination, end + words.index(word) + 1)
        if dest:
            self.pending_visit = (guests[0], self.state_of(dest[0]))

    def accepted_visit(self) -> tuple[Actor, Actor] | None:
        """The intended visit of an invitation this sentence says was accepted."""
        assert self.sent is not None
        if self.pending_visit is None:
            return None
        words = self.words(self.sent.start, self.sent.end)
        if "accepted" in words:
            visit, self.pending_visit = self.pending_visit, None
            return visit
        return None


def cut(actors: list[Actor], take: int | None) -> list[Actor]:
    """The first ``take`` actors (the last ``-take`` when negative; all when None)."""
    if take is None:
        return actors
    return actors[:take] if take >= 0 else actors[take:]
