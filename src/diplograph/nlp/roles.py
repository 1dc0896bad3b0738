"""Who plays which part in an event: the sides of each trigger form (see ``events``).

``Roles`` walks the article sentence by sentence with the context that implicit references
need (``context.Context``), and turns one trigger match into (type, sides, key, place)
tuples by running the form's entry of ``resources/roles.json`` (read by ``argroles``): its
tests, the searches of each side (``rolelooks``), its cases and the events it makes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.argroles import Body, Search, Test
from diplograph.nlp.clauses import dedupe, one_of
from diplograph.nlp.context import ContextCues
from diplograph.nlp.lexicon import Lexicon
from diplograph.nlp.records import GazetteerMatch
from diplograph.nlp.rolelooks import MAX_COPIES, PICKING, Looks, Match
from diplograph.nlp.sentences import tokens_of


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
# noun lists whose words the sentence must hold
SENTENCE_NEEDS = frozenset({"disaster", "aid_nouns", "greeting_occasions"})
ONE_SIDED = frozenset({"MULTILATERAL"})
LIST_REACH = 40  # how far a list of documents signed at once is read
LAST_MESSAGE = "last_message"  # an entry's type: that of the message reported last
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
        if s.not_preceded_by is not None and not self.list_of(s.not_preceded_by).isdisjoint(
            self.words(a.start - 2, a.start)
        ):
            return False  # "through the World Food Programme": a channel, not a side
        if s.followed_by is not None and not one_of(
            self.words(a.end, a.end + 1), self.list_of(s.followed_by)
        ):
            return False
        if s.not_followed_by is not None and one_of(
            self.words(a.end, a.end + 1), self.list_of(s.not_followed_by)
        ):
            return False
        if s.after_word is not None and not one_of(
            self.words(m.end, a.start), self.list_of(s.after_word)
        ):
            return False
        return self.keeps_sides(s, a, m)

    def keeps_sides(self, s: Search, a: Actor, m: Match) -> bool:
        """The filters against sides found before."""
        if not s.checks_sides:
            return True
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
        if any(a.key in {b.key for b in sides[n]} for n in s.not_key_of):
            return False
        state = self.index.country_of(a)
        return state is None or not any(
            state in {self.index.country_of(b) for b in sides[n]} for n in s.compatriot_of
        )

    def holds(self, t: Test, m: Match) -> bool:
        """Whether a test holds: every condition it gives (the trigger's own first)."""
        if t.trigger is not None and not m.spec.get(t.trigger):
            return False
        starts = t.trigger_starts
        if starts is not None and not self.words(m.start, m.start + 1)[0].startswith(starts):
            return False
        if t.opening_participle and not self.opening_participle(m.start):
            return False
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
            if self.list_of(t.after).isdisjoint(self.words(base, stop)):
                return False
        if t.side is not None and not self.counts(t, m.sides.get(t.side, [])):
            return False
        if t.same_state:
            one, two = (m.sides.get(n, []) for n in t.same_state)
            if not (one and two and self.index.country_of(one[0]) == two[0].key):
                return False
        if t.any and not any(self.holds(u, m) for u in t.any):
            return False
        if t.all and not all(self.holds(u, m) for u in t.all):
            return False
        return t.not_ is None or not self.holds(t.not_, m)

    def opening_participle(self, start: int) -> bool:
        """The trigger's first word ends in "-ing" and at most one word ("And") stands
        before it in its sentence: a participle clause whose subject is the main clause's."""
        assert self.sent is not None
        return start - self.sent.start <= 1 and self.words(start, start + 1)[0].endswith("ing")

    def before(self, t: Test, start: int) -> bool:
        """The word ``at`` tokens before the trigger is of the list (any of ``max``)."""
        assert self.sent is not None and t.before is not None
        words = self.list_of(t.before)
        if t.in_sentence and start - t.at < self.sent.start:
            return False
        if t.max is not None:
            return not words.isdisjoint(self.words(start - t.max, start))
        return one_of(self.words(start - t.at, start)[:1], words)

    @staticmethod
    def counts(t: Test, actors: list[Actor]) -> bool:
        """A side holds ``min``..``max`` distinct actors (mentions) of ``kinds`` named in
        ``forms``."""
        if t.kinds:
            actors = [a for a in actors if a.kind in t.kinds]
        if t.forms:
            actors = [a for a in actors if a.form in t.forms]
        n = len(actors) if t.mentions else len(dedupe(actors))
        low = t.min if t.min is not None else (0 if t.max is not None else 1)
        return n >= low and (t.max is None or n <= t.max)

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
