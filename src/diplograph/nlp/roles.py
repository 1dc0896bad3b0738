"""Who plays which part in an event: the sides of each trigger form (see ``events``).

``Roles`` walks the article sentence by sentence, keeps the context that implicit
references need (the person spoken of, the sides of the last meeting, the last
organisation), and turns one trigger match into (type, sides, key, place) tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.gazetteer import Gazetteer
from diplograph.nlp.persons import Lexicon
from diplograph.nlp.records import Mention, Sentence

Built = tuple[str, list[Actor], str, "str | None"]
GAP_WORDS = frozenset({",", "and", "as", "well", "the", "of", "together", "with", "(", ")"})
BILATERAL = frozenset({"consultations", "talks", "negotiations"})
PASSIVE = frozenset({"was", "were", "been", "be", "is", "are"})
TOPIC_WORDS = frozenset({"discussed", "discuss", "discussing", "issues", "agenda", "touched"})


class Roles:
    """Sides of events, with the context carried from sentence to sentence."""

    def __init__(
        self,
        gaz: Gazetteer,
        lex: Lexicon,
        doc: Any,
        index: ActorIndex,
        mention_at: Sequence[Mention | None],
    ) -> None:
        self.gaz, self.lex, self.doc, self.index = gaz, lex, doc, index
        self.mention_at = mention_at
        cues = gaz.cues
        self.breaks_at: dict[str, list[tuple[str, ...]]] = {}
        for cue in cues.get("clause_breaks", ()):
            words = tuple(cue.split())
            self.breaks_at.setdefault(words[0], []).append(words)
        self.keep_verbs = frozenset(cues.get("object_verbs_keep", ()))
        self.nouns = {
            key: frozenset(cues.get(key, ()))
            for key in ("document_nouns", "multilateral_nouns", "mission_nouns", "disaster")
        }
        self.numbers: dict[str, int] = dict(cues.get("numbers", {}))
        self.anaphora = [tuple(c.split()) for c in cues.get("destination_anaphora", ())]
        self.topic: Actor | None = None
        self.last_sides: list[Actor] = []
        self.last_consult: list[Actor] = []
        self.last_org: Actor | None = None
        self.last_country: Actor | None = None
        self.sent: Sentence | None = None
        self.actors: list[Actor] = []
        self.pending_visit: tuple[Actor, Actor] | None = None
        self.last_visitor: Actor | None = None

    # ------------------------------------------------------------------ context

    def enter(self, sent: Sentence) -> None:
        """Resolve the actors of the next sentence against the context so far."""
        if self.sent is not None:
            self.leave()
        self.sent = sent
        explicit = self.index.explicit(sent)
        implicit = self.index.implicit(sent, explicit)
        spans = [(a.start, a.end) for a in implicit if a.kind in {"person", "org", "country"}]
        explicit = [a for a in explicit if not any(s <= a.start < e for s, e in spans)]
        resolved: list[Actor] = []
        for actor in sorted(explicit + implicit, key=lambda a: a.start):
            resolved += self.resolve(actor)
        self.actors = [a for a in resolved if not self.member_states(a)]

    def leave(self) -> None:
        """Carry the subject, last organisation and last state into the next sentence."""
        persons = [a for a in self.actors if a.kind == "person"]
        if persons:
            self.topic = persons[0]
        for actor in self.actors:
            if actor.kind == "org":
                self.last_org = actor
            elif actor.kind == "country" and actor.form != "compound":
                self.last_country = actor

    def member_states(self, actor: Actor) -> bool:
        """ "the SCO member states": the members, not the organisation, are meant."""
        if actor.kind != "org":
            return False
        return bool({"member", "members"} & set(self.words(actor.end, actor.end + 5)))

    def resolve(self, actor: Actor) -> list[Actor]:
        """Concrete actors for a pronoun or group reference."""
        if actor.kind == "pronoun":
            if self.topic is None:
                return []
            return [Actor("person", self.topic.key, actor.start, actor.end, implicit=True)]
        if actor.kind == "group":
            sides = self.last_consult or self.last_sides
            return [Actor(a.kind, a.key, actor.start, actor.end, implicit=True) for a in sides]
        return [actor]

    def record(self, event_type: str, actors: list[Actor]) -> None:
        """Remember the sides of an event for later group references."""
        self.last_sides = actors
        if event_type == "VISIT":
            self.last_visitor = actors[0]
        if event_type in {"MEETING", "CALL"}:
            self.last_consult = actors

    # ------------------------------------------------------------------ helpers

    def words(self, a: int, b: int) -> list[str]:
        return self.index.lower[max(a, 0) : b]

    def is_break(self, k: int) -> bool:
        """Whether a clause break starts at token ``k``."""
        lower = self.index.lower
        for phrase in self.breaks_at.get(lower[k], ()):
            if tuple(lower[k : k + len(phrase)]) == phrase:
                return True
        text = self.index.texts[k]
        return (
            text.islower()
            and text.endswith("ed")
            and len(text) > 4
            and text not in self.keep_verbs
            and not self.lex.is_title_word(text)
        )

    def clause_end(self, start: int, limit: int = 20) -> int:
        """Token index where the clause after ``start`` ends."""
        assert self.sent is not None
        end = min(self.sent.end, start + limit)
        for k in range(start, end):
            if self.is_break(k):
                return k
        return end

    def subjects(self, start: int) -> list[Actor]:
        """The actor group nearest before ``start`` (the topic when there is none)."""
        before = [
            a for a in self.actors if a.end <= start and not a.locative and a.form != "compound"
        ]
        group: list[Actor] = []
        for actor in reversed(before):
            if group:
                gap = [w for w in self.words(actor.end, group[0].start) if w.strip()]
                if not all(w in GAP_WORDS or self.lex.is_title_word(w) for w in gap):
                    break
            group.insert(0, actor)
        if not group and self.topic is not None:
            group = [self.topic]
        return dedupe(group)

    def sender(self, start: int) -> list[Actor]:
        """Who sends an invitation, congratulations or condolences: the first person the
        sentence names before the trigger, else the nearest actor group."""
        assert self.sent is not None
        persons = [a for a in self.actors if a.end <= start and a.kind == "person"]
        if persons and self.words(persons[0].start - 1, persons[0].start) != ["from"]:
            return [persons[0]]
        return self.subjects(start)

    def objects(self, end: int, subjects: Sequence[Actor], limit: int = 30) -> list[Actor]:
        """Actors after ``end`` up to the end of the clause, not repeating a subject."""
        stop = self.clause_end(end, limit)
        seen = {(a.kind, a.key) for a in subjects}
        out = [
            a
            for a in self.actors
            if end <= a.start < stop
            and not a.locative
            and a.form != "compound"
            and (a.kind, a.key) not in seen
        ]
        return dedupe(out)

    def split_groups(self, actors: list[Actor]) -> list[list[Actor]]:
        """Separate sides: a person whose state was given for a whole list stays with the
        one before; a delegation's organisation or state gives way to the person heading it."""
        persons = [a for a in actors if a.kind == "person"]
        kept = [
            a for a in actors if a.kind == "person" or not any(self.belongs(p, a) for p in persons)
        ]
        groups: list[list[Actor]] = []
        for actor in kept:
            if groups and actor.inherited:
                groups[-1].append(actor)
            else:
                groups.append([actor])
        return groups

    def belongs(self, person: Actor, other: Actor) -> bool:
        record = self.index.persons[int(person.key)]
        return other.key in {record.org, record.country}

    def upgrade(self, actors: list[Actor], after: int, bilateral: bool = False) -> list[Actor]:
        """States standing for their one named official become that person."""
        out = []
        for actor in actors:
            if actor.kind == "country" and actor.form in {"name", "capital", "compound"}:
                person = self.official_of(actor.key, after, bilateral)
                if person is not None:
                    actor = Actor("person", str(person), actor.start, actor.end, implicit=True)
            out.append(actor)
        return dedupe(out)

    def official_of(self, iso3: str, after: int, bilateral: bool = False) -> int | None:
        """The article's person serving ``iso3``: the only one, or the next one named."""
        persons = self.index.persons
        serving = [i for i, p in enumerate(persons) if p.country == iso3 and not p.org]
        ministers = [i for i in serving if "minister" in (persons[i].title or "").lower()]
        if len(serving) == 1:
            return serving[0]
        if len(ministers) == 1:
            return ministers[0]
        if not bilateral:
            return None
        later = [m for m in self.index.person_mentions if m.start >= after and m.person in serving]
        return later[0].person if later else None

    def place_of(self, a: int, b: int) -> str | None:
        """The first place named in tokens a..b ("in Ankara")."""
        for actor in self.actors:
            if a <= actor.start < b and actor.locative:
                return str(self.doc[actor.start : actor.end].text)
        return None

    def has_noun(self, a: int, b: int, key: str) -> int | None:
        """Index of the first word of ``key``'s noun list in a..b (two-word nouns too)."""
        nouns = self.nouns[key]
        words = self.words(a, b)
        for i, word in enumerate(words):
            pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
            if word in nouns or pair in nouns:
                return a + i
        return None

    # ------------------------------------------------------------------ forms

    def build(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """(type, sides, key, place) for one trigger match; empty when no act is named."""
        assert self.sent is not None
        form = str(spec.get("form", "verb"))
        handler = getattr(self, f"form_{form}", None)
        if handler is None:
            return []
        needs = spec.get("needs")
        if needs in {"disaster"} and self.has_noun(self.sent.start, self.sent.end, needs) is None:
            return []
        built: list[Built] = handler(spec, start, end)
        return [b for b in built if len({(a.kind, a.key) for a in b[1]}) >= 2 or b[0] in ONE_SIDED]

    def form_verb(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        event_type = str(spec["type"])
        subjects = self.subjects(start)
        objects = self.objects(end, subjects)
        place = self.place_of(start, self.clause_end(end, 40))
        if spec.get("person_object") and not any(a.kind == "person" for a in objects):
            return []
        groups = self.split_groups(objects)
        if event_type not in {"MEETING", "CALL"}:
            return [(event_type, subjects + groups[0], "", place)] if groups else []
        if groups:
            return [(event_type, self.upgrade(subjects + g, start), "", place) for g in groups]
        return [(event_type, self.upgrade(subjects, start), "", place)]

    def form_conjoint(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        subjects = [a for a in self.subjects(start) if a.kind == "person" and not a.implicit]
        if len(subjects) < 2:
            return []
        return [("MEETING", subjects, "conjoint", None)]

    def form_noun(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        follows = set(self.words(end, end + 2))
        if self.words(start - 1, start) in (["the"], ["this"], ["that"]) and not (
            follows & {"with", "between"}
        ):
            return []
        sides = [a for a in self.actors if not a.locative and a.form != "compound"]
        persons = [a for a in sides if a.kind == "person"]
        place = self.place_of(self.sent.start, self.sent.end)
        if len(dedupe(persons)) >= 2:
            return [(str(spec["type"]), dedupe(persons), "", place)]
        if len(persons) == 1 and self.topic is not None and "with" in self.words(start, start + 2):
            return [(str(spec["type"]), dedupe([self.topic, *persons]), "", place)]
        states = [a for a in sides if a.kind in {"country", "org"} and not a.implicit]
        if len(dedupe(states)) >= 2 and not persons:
            return [(str(spec["type"]), self.upgrade(states, start), "", place)]
        return []

    def form_visit(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        dest = self.destination(end)
        if dest is None:
            return []
        host = self.index.country_of(dest)
        visitor = self.visitor(start, host)
        if visitor is None:
            return []
        place = str(self.doc[dest.start : dest.end].text) if not dest.implicit else None
        country = Actor("country", host or dest.key, dest.start, dest.end)
        return [("VISIT", [visitor, country], "", place)]

    def destination(self, end: int) -> Actor | None:
        """The state visited: the first state named after the trigger, or "the country"."""
        assert self.sent is not None
        stop = self.clause_end(end, 12)
        for actor in self.actors:
            if end <= actor.start < stop + 3 and actor.kind == "country":
                if actor.form in {"demonym", "people", "compound"}:
                    continue
                return actor
        words = self.words(end, min(self.sent.end, end + 4))
        for phrase in self.anaphora:
            named = phrase in (tuple(words[1 : 1 + len(phrase)]), tuple(words[: len(phrase)]))
            found = self.state_before(end) or self.last_country
            if named and found is not None:
                return Actor("country", found.key, end, end, implicit=True)
        return None

    def state_before(self, end: int) -> Actor | None:
        states = [a for a in self.actors if a.end <= end and a.kind == "country"]
        return states[-1] if states else None

    def visitor(self, start: int, host: str | None) -> Actor | None:
        """Who visits: the subject, else a person of the sentence not serving the host."""
        assert self.sent is not None
        invited = self.after_phrase(("invitation", "of"))
        candidates = self.subjects(start) + [a for a in self.actors if a.kind == "person"]
        if self.topic is not None:
            candidates.append(self.topic)
        for actor in candidates:
            if invited is not None and actor.start >= invited:
                continue
            if actor.kind in {"person", "country"} and self.index.country_of(actor) != host:
                return self.upgrade([actor], start)[0]
        return None

    def after_phrase(self, phrase: tuple[str, ...]) -> int | None:
        assert self.sent is not None
        words = self.words(self.sent.start, self.sent.end)
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return self.sent.start + i + len(phrase)
        return None

    def form_invite(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        inviter = self.sender(start)
        invitees = self.objects(end, inviter, limit=8)[:1]
        if not invitees and self.last_org is not None:
            invitees = [self.last_org]
        self.note_visit(invitees, end)
        return [("INVITATION", inviter[:1] + invitees, "", None)] if inviter else []

    def form_invitation(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        words = self.words(max(0, start - 2), start)
        after = [a for a in self.actors if a.start >= end and not a.locative]
        if words[-2:] in (["at", "the"], ["upon", "the"], ["on", "the"]) or words[-1:] == ["at"]:
            inviter = [a for a in after if a.start <= end + 3][:1]
            guest = self.last_visitor or self.visitor(start, None)
            if inviter and guest is not None:
                return [("INVITATION", [inviter[0], guest], "", None)]
            return []
        before = [
            a
            for a in self.actors
            if a.end < start and a.end >= start - 2 and self.index.lower[a.end] in {"’s", "'s"}
        ]
        inviter = before[-1:] or [
            a for a in after if self.words(end, a.start) in (["of"], ["from"])
        ]
        if not inviter:
            inviter = self.sender(start)[:1]
        rest = [a for a in after if (a.kind, a.key) not in {(i.kind, i.key) for i in inviter}]
        guests = [a for a in rest if a.start < self.clause_end(end, 14)][:1]
        self.note_visit(guests, end)
        return [("INVITATION", inviter[:1] + guests, "", None)] if inviter and guests else []

    def note_visit(self, guests: list[Actor], end: int) -> None:
        """Remember "invited X to visit Y" so that an acceptance makes it an intended visit."""
        assert self.sent is not None
        self.pending_visit = None
        if not guests or "visit" not in self.words(end, self.sent.end):
            return
        k = end + self.words(end, self.sent.end).index("visit")
        dest = self.destination(k + 1)
        if dest is not None:
            host = Actor("country", self.index.country_of(dest) or dest.key, dest.start, dest.end)
            self.pending_visit = (guests[0], host)

    def accepted_visit(self) -> tuple[Actor, Actor] | None:
        """The intended visit of an invitation this sentence says was accepted."""
        assert self.sent is not None
        words = self.words(self.sent.start, self.sent.end)
        if self.pending_visit is not None and "accepted" in words:
            visit, self.pending_visit = self.pending_visit, None
            return visit
        return None

    def form_sign(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        if (
            start > self.sent.start
            and self.doc[start - 1].text.lower() in self.nouns["document_nouns"]
        ):
            return []
        passive = start > self.sent.start and self.doc[start - 1].text.lower() in PASSIVE
        if passive and self.words(start - 2, start - 1) in (["that"], ["which"]):
            return []
        noun = (
            self.has_noun(max(self.sent.start, start - 20), start, "document_nouns")
            if passive
            else self.has_noun(end, min(self.sent.end, end + 7), "document_nouns")
        )
        if noun is None:
            return []
        sides = self.signatories(start, passive)
        place = self.place_of(self.sent.start, self.sent.end)
        count = self.count_before(noun)
        return [("AGREEMENT", sides, f"{start}:{i}", place) for i in range(count)]

    def signatories(self, start: int, passive: bool) -> list[Actor]:
        """The parties to a signing: the subjects, the sides named "between X and Y", or
        the subject and the other side of the last meeting."""
        assert self.sent is not None
        sides = [] if passive else self.subjects(start)
        if len(sides) >= 2:
            return sides
        if len(sides) == 1 and sides[0].kind == "person":
            partners = [
                a for a in self.last_consult if (a.kind, a.key) != (sides[0].kind, sides[0].key)
            ]
            if partners:
                return dedupe(sides + partners)
        between = self.after_phrase(("between",))
        if between is not None:
            stop = self.clause_end(between, 25)
            named = [a for a in self.actors if between <= a.start < stop and not a.locative]
            if len(dedupe(named)) >= 2:
                return dedupe(named)
        others = [a for a in self.actors if not a.locative and a.form != "compound"]
        sides = dedupe(sides + [a for a in others if a.kind != "person" or not sides])
        if len(sides) < 2:
            sides = dedupe(sides + self.last_consult + self.last_sides)
        return sides

    def count_before(self, noun: int) -> int:
        """How many documents "three Memorandums", "a decision" name (1 when unsaid)."""
        assert self.sent is not None
        for k in range(noun - 1, max(self.sent.start, noun - 4) - 1, -1):
            value = self.numbers.get(self.doc[k].text.lower())
            if value is not None:
                return int(value)
        return 1

    def form_attend(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        nominal = self.words(start, start + 1)[0].startswith("participation")
        if nominal and TOPIC_WORDS & set(self.words(start - 8, start)):
            return []
        stop = self.clause_end(end, 20)
        noun = self.has_noun(end, stop, "multilateral_nouns")
        bilateral = BILATERAL & set(self.words(end, stop))
        compound = [a for a in self.actors if end <= a.start < stop and a.form == "compound"]
        subjects = [a for a in self.subjects(start) if a.kind != "group"]
        place = self.place_of(end, stop)
        if bilateral or len(dedupe(compound)) == 2:
            own = {self.index.country_of(a) for a in subjects}
            others = [a for a in dedupe(compound) if a.key not in own]
            sides = self.upgrade(subjects + others, end, bilateral=True)
            return [("MEETING", sides, f"body{start}", place)]
        if noun is None:
            return []
        inside = [a for a in self.actors if end <= a.start < stop and not a.locative]
        sides = subjects or inside
        return [("MULTILATERAL", sides, f"m{noun}", place), *self.more_gatherings(sides, stop)]

    def more_gatherings(self, sides: list[Actor], stop: int) -> list[Built]:
        """A second gathering in the same breath: "... summit in X and the Y summit in Z"."""
        assert self.sent is not None
        out: list[Built] = []
        for k in range(stop, self.sent.end - 1):
            if self.words(k, k + 2) == ["and", "the"]:
                noun = self.has_noun(k + 2, min(self.sent.end, k + 6), "multilateral_nouns")
                if noun is not None:
                    out.append(("MULTILATERAL", sides, f"m{noun}", self.place_of(k, self.sent.end)))
        return out

    def form_host(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        stop = self.clause_end(end, 20)
        noun = self.has_noun(end, min(stop, end + 8), "multilateral_nouns")
        if noun is None:
            return []
        hosts = [a for a in self.actors if end <= a.start < stop and a.locative]
        hosts = [a for a in hosts if a.form in {"name", "capital"}][:1]
        sides = hosts or [a for a in self.subjects(start) if a.kind != "group"]
        place = self.place_of(end, stop)
        return [("MULTILATERAL", sides, f"m{noun}", place), *self.more_gatherings(sides, stop)]

    def form_briefing(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        speakers = [a for a in self.objects(end, [], limit=6) if a.kind == "person"][:1]
        orgs = [a for a in self.actors if a.kind == "org"][:1]
        return [("MULTILATERAL", speakers + orgs, "briefing", None)] if speakers else []

    def form_mission(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        noun = self.has_noun(end, min(self.sent.end, end + 7), "mission_nouns")
        if noun is None:
            return []
        owner = self.owner_of(end, noun)
        stop = self.clause_end(noun + 1, 10)
        hosts = [a for a in self.actors if noun < a.start <= stop and a.kind == "country"]
        if not hosts:
            return []
        host = Actor("country", hosts[-1].key, hosts[-1].start, hosts[-1].end)
        subjects = [a for a in self.subjects(start) if a.kind == "person"]
        if owner is None or (subjects and self.index.country_of(subjects[0]) == owner.key):
            side = subjects[:1]
        else:
            side = [owner]
        place = str(self.doc[hosts[0].start : hosts[0].end].text)
        return [("MISSION", [*side, host], "", place)]

    def owner_of(self, a: int, noun: int) -> Actor | None:
        """The state whose mission it is: "the Mexican Consulate", "its embassy"."""
        for k in range(noun - 1, max(a, noun - 4) - 1, -1):
            m = self.mention_at[k]
            if m is not None and m.kind == "country":
                return Actor("country", m.key, m.start, m.end)
            if self.doc[k].text.lower() in {"its", "their"}:
                subjects = self.subjects(a)
                return subjects[0] if subjects else None
        return None

    def form_relations(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        subjects = self.subjects(start)
        objects = self.objects(end, subjects, limit=8)
        return [("MISSION", dedupe(subjects + objects), "", None)]

    def form_sympathy(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        senders = [a for a in self.sender(start) if a.kind != "group"][:1]
        after = [a for a in self.actors if a.start >= end and a.kind in {"country", "person"}]
        seen = {(a.kind, a.key) for a in senders}
        after = [a for a in after if (a.kind, a.key) not in seen and a.form != "compound"]
        return [("SYMPATHY", senders + after[:1], "", None)] if senders and after else []

    def form_to(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        senders = self.sender(start)[:1]
        receivers = self.objects(end, senders, limit=10)[:1]
        return [(str(spec["type"]), senders + receivers, "", None)]

    def form_support(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        senders = self.subjects(start)[:1]
        stop = self.clause_end(end, 10)
        receivers = [a for a in self.actors if end <= a.start < stop][:1]
        seen = {(a.kind, a.key) for a in senders}
        receivers = [a for a in receivers if (a.kind, a.key) not in seen]
        return [("SUPPORT", senders + receivers, "", None)]


ONE_SIDED = frozenset({"MULTILATERAL"})


def dedupe(actors: Sequence[Actor]) -> list[Actor]:
    """Actors without repeats, in order."""
    seen: set[tuple[str, str]] = set()
    out: list[Actor] = []
    for actor in actors:
        if (actor.kind, actor.key) not in seen and actor.kind in {"person", "org", "country"}:
            seen.add((actor.kind, actor.key))
            out.append(actor)
    return out
