"""Who plays which part in an event: the sides of each trigger form (see ``events``).

``Roles`` walks the article sentence by sentence with the context that implicit references
need (``context.Context``), and turns one trigger match into (type, sides, key, place)
tuples by running the form's entry of ``resources/roles.json`` (read by ``argroles``): its
tests (``roleconditions``), the searches of each side (``rolelooks``), its cases and
the events it makes, by group or series where it names them (``rolegroups``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.argroles import Body, Search
from diplograph.nlp.clauses import dedupe
from diplograph.nlp.context import ContextCues
from diplograph.nlp.lexicon import Lexicon
from diplograph.nlp.records import GazetteerMatch
from diplograph.nlp.rolegroups import Built, Groups, Series
from diplograph.nlp.rolelooks import MAX_COPIES, PICKING, Match
from diplograph.nlp.sentences import tokens_of

# noun lists whose words the sentence must hold
SENTENCE_NEEDS = frozenset({"disaster", "aid_nouns", "greeting_occasions"})
ONE_SIDED = frozenset({"MULTILATERAL"})
LIST_REACH = 40  # how far a list of documents signed at once is read
LAST_MESSAGE = "last_message"  # an entry's type: that of the message reported last
UNCOUNTED = "some"  # the set key of documents named in the plural without a count


class Roles(Groups):
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
        self.series: Series | None = None
        visit = forms.get("visit")
        bodies = (visit, *visit.cases) if visit else ()
        found = [f for b in bodies for s in b.sides for f in s.find]
        # "invited X to visit Y": Y is found as the visit form finds its destination
        self.visit_destination = next((f for f in found if f.look == "destination"), None)

    def forget(self) -> None:
        """A new item of a digest: neither the context nor a series carries over."""
        super().forget()
        self.series = None

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
        return [
            b
            for b in built
            if (len({(a.kind, a.key) for a in b[1]}) >= 2 or b[0] in ONE_SIDED)
            and not self.home_visit(b)
        ]

    def home_visit(self, b: Built) -> bool:
        """A visit of a person to the state they serve: no visit."""
        return b.type == "VISIT" and self.index.country_of(b.actors[0]) == b.actors[-1].key

    # ------------------------------------------------------------------ the interpreter

    def run(self, body: Body, m: Match) -> list[Built]:
        """Run one entry (or case): tests, noun, sides, cases, actions, then the events."""
        if body.unless and any(self.holds(t, m) for t in body.unless):
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
        if body.require and not all(self.holds(t, m) for t in body.require):
            return []
        place = next((p for p in (self.place(s, m) for s in body.place) if p is not None), None)
        event_type = str(m.spec["type"]) if body.type == "trigger" else body.type
        if body.type == LAST_MESSAGE:  # "X and Y sent similar cables": the last message's type
            if self.last_message is None:
                return []
            event_type = self.last_message
        if body.use == "meeting_groups":
            return self.meeting_groups(event_type, m, place)
        return self.events(body, event_type, m, place)

    def find(self, searches: Sequence[Search], m: Match) -> list[Actor]:
        """The actors of the first search that finds any."""
        for s in searches:
            if not s.when or all(self.holds(t, m) for t in s.when):
                found = self.search(s, m)
                if found:
                    return found
        return []

    def search(self, s: Search, m: Match) -> list[Actor]:
        """One search: its look, its filters, then repeats dropped and the first taken."""
        actors = self.look(s, m)
        if s.look not in PICKING:
            # a fresh list either way: the look may hand out a side or the context's own
            actors = [a for a in actors if self.keeps(s, a, m)] if s.filters else list(actors)
        if s.dedupe:
            actors = dedupe(actors)
        return cut(actors, s.take)

    def noun_of(self, s: Search, m: Match) -> int | None:
        """The first noun of a list (``name``) before the trigger (``from`` "start", within
        ``max``), in it ("inside") or after it (up to the clause end, ``clause``, and ``max``
        tokens)."""
        assert self.sent is not None
        if s.from_ == "start":
            return self.has_noun(max(self.sent.start, m.start - (s.max or 0)), m.start, str(s.name))
        if s.from_ == "inside":  # the trigger's own words ("supports Chile's bid")
            return self.has_noun(m.start, m.end, str(s.name))
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
            return tokens_of(self.doc).span(side[0].start, side[0].end)
        if s.from_ == "sentence":
            return self.place_of(self.sent.start, self.sent.end)
        base = m.start if s.from_ == "start" else m.end
        return self.place_of(base, self.clause_end(m.end, s.clause or 0))

    def events(self, body: Body, event_type: str, m: Match, place: str | None) -> list[Built]:
        """The events an entry makes of its sides (one per group of the ``each`` side)."""
        if body.each is None:
            return self.events_of(body, event_type, m, place)
        groups = self.split_groups(dedupe(m.sides.get(body.each, [])))
        built: list[Built] = []
        for group in groups:
            one = Match(m.spec, m.start, m.end, {**m.sides, body.each: group}, m.noun)
            built += self.events_of(body, event_type, one, place)
        fixed = [a for p in body.event if p.side != body.each for a in m.sides.get(p.side, [])]
        self.begin_series(event_type, fixed, [a for g in groups for a in g])
        return built

    def events_of(self, body: Body, event_type: str, m: Match, place: str | None) -> list[Built]:
        """The events an entry makes of the sides found."""
        actors: list[Actor] = []
        places: list[Actor] = []  # states named as where an act goes: never their officials
        for part in body.event:
            side = cut(m.sides.get(part.side, []), part.take)
            if part.as_state:
                side = [self.state_of(a) for a in side]
                places += [] if part.upgrade else side
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
            movable = [a for a in actors if a not in places]
            upgraded = self.upgrade(
                movable, m.start if up.from_ == "start" else m.end, up.bilateral
            )
            if up.all_or_none and any(a.kind == "country" for a in upgraded):
                upgraded = dedupe(movable)  # all named officials, or none
            actors = upgraded + [a for a in actors if a in places]
        copies, said = 1, None
        if body.copies and m.noun is not None:
            copies, said = self.count_before(m.noun, body.copies)
            if copies == 1:  # "signed a Memorandum on X and an Agreement on Y"
                stop = m.start if m.noun < m.start else self.clause_end(m.noun + 1, LIST_REACH)
                copies += self.count_listed(m.noun, stop)
            if copies == 1:  # "the following documents were signed:", one on each line
                copies = max(1, min(self.count_lines(), MAX_COPIES))
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

    # ------------------------------------------------------------------ invited visits

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
