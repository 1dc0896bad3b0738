"""Whether an entry of ``resources/roles.json`` applies and which actors fill its sides:
the tests of an entry or case (``unless``, ``when``, ``require``: the words around the
trigger, the trigger line, the sides found so far) and the filters of a search (kinds,
forms, neighbouring words, sides it must not repeat).

``Conditions`` adds them to the searches (``rolelooks.Looks``); ``roles.Roles`` runs an
entry with them.
"""

from __future__ import annotations

from diplograph.nlp.actors import Actor
from diplograph.nlp.argroles import Search, Test
from diplograph.nlp.clauses import dedupe, one_of
from diplograph.nlp.rolelooks import Looks, Match


class Conditions(Looks):
    """The tests of an entry and the filters of a search, as ``roles.json`` gives them."""

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
