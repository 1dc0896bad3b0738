"""Who plays which part in an event: the sides of each trigger form (see ``events``).

``Roles`` walks the article sentence by sentence with the context that implicit references
need (``context.Context``), and turns one trigger match into (type, sides, key, place)
tuples: one ``form_<name>`` method for each trigger form of ``resources/triggers.jsonl``.
The words the forms test tokens against are the lists of ``resources/words.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.nlp.actors import Actor
from diplograph.nlp.context import Context, dedupe, one_of

Built = tuple[str, list[Actor], str, "str | None"]
SENTENCE_NEEDS = frozenset({"disaster", "aid_nouns"})  # words the sentence must hold
ONE_SIDED = frozenset({"MULTILATERAL"})


class Roles(Context):
    """The sides of each trigger form."""

    def build(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """(type, sides, key, place) for one trigger match; empty when no act is named."""
        assert self.sent is not None
        form = str(spec.get("form", "verb"))
        handler = getattr(self, f"form_{form}", None)
        if handler is None:
            return []
        needs = spec.get("needs")
        if needs in SENTENCE_NEEDS and self.has_noun(self.sent.start, self.sent.end, needs) is None:
            return []
        built: list[Built] = handler(spec, start, end)
        return [b for b in built if len({(a.kind, a.key) for a in b[1]}) >= 2 or b[0] in ONE_SIDED]

    def form_verb(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        event_type = str(spec["type"])
        subjects = self.subjects(start)
        auxiliary = self.words(start - 1, start)[:1]
        if spec.get("person_object") and one_of(auxiliary, self.word_lists.past_auxiliaries):
            subjects = self.clause_subject(start) or subjects
        objects = self.objects(end, subjects)
        place = self.place_of(start, self.clause_end(end, 40)) or self.setting_place(start)
        if spec.get("person_object") and not any(a.kind == "person" for a in objects):
            return []
        earlier = self.refers_back(start, objects)
        if earlier is not None:
            return [(event_type, list(earlier), "", place)]
        groups = self.split_groups(objects)
        if event_type not in {"MEETING", "CALL"}:
            return [(event_type, subjects + groups[0], "", place)] if groups else []
        if groups:
            return [(event_type, self.upgrade(subjects + g, start), "", place) for g in groups]
        host = self.visited(subjects, start)
        if host is not None:
            return [(event_type, [*subjects, host], "", place)]
        return [(event_type, self.upgrade(subjects, start), "", place)]

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

    def form_join(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """ "X joined the talks": X is one more side of the meeting just reported."""
        joiners = [a for a in self.subjects(start) if a.kind in {"person", "org", "country"}]
        if not joiners or not self.last_consult:
            return []
        return [("MEETING", dedupe(self.last_consult + joiners), "", None)]

    def form_conjoint(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        subjects = [a for a in self.subjects(start) if a.kind == "person" and not a.implicit]
        if len(subjects) < 2:
            return []
        return [("MEETING", subjects, "conjoint", None)]

    def form_noun(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        follows = set(self.words(end, end + 2))
        lists = self.word_lists
        if one_of(self.words(start - 1, start), lists.back_reference_determiners) and not (
            follows & lists.partner_prepositions
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
            upgraded = self.upgrade(states, start)
            if any(a.kind == "country" for a in upgraded):  # all named officials, or none
                upgraded = dedupe(states)
            return [(str(spec["type"]), upgraded, "", place)]
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
        lists = self.word_lists
        if tuple(words[-2:]) in lists.invitation_openers or words[-1:] == ["at"]:
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
            a for a in after if one_of(self.words(end, a.start), lists.inviter_prepositions)
        ]
        envoy = one_of(self.words(start - 2, start)[:1], lists.envoy_verbs)
        if not inviter and envoy:
            inviter = self.sent_from(end)
        if not inviter:
            inviter = self.sender(start)[:1]
        rest = [a for a in after if (a.kind, a.key) not in {(i.kind, i.key) for i in inviter}]
        guests = [a for a in rest if a.start < self.clause_end(end, 14)][:1]
        if not guests and envoy and inviter:
            guests = self.addressee(start, inviter[0])
        self.note_visit(guests, end)
        return [("INVITATION", inviter[:1] + guests, "", None)] if inviter and guests else []

    def sent_from(self, end: int) -> list[Actor]:
        """ "conveyed an invitation from <office> X": the first person after "from"."""
        words = self.words(end, self.clause_end(end, 6))
        if words[:1] != ["from"]:
            return []
        stop = self.clause_end(end + 1, 20)
        return [a for a in self.actors if end < a.start < stop and a.kind == "person"][:1]

    def addressee(self, start: int, inviter: Actor) -> list[Actor]:
        """Whom an envoy conveys a message to: the other side of the meeting just reported."""
        envoy = {(a.kind, a.key) for a in self.subjects(start)}
        envoy.add((inviter.kind, inviter.key))
        return [a for a in self.last_consult if (a.kind, a.key) not in envoy][:1]

    def note_visit(self, guests: list[Actor], end: int) -> None:
        """Remember "invited X to visit Y" so that an acceptance makes it an intended visit."""
        assert self.sent is not None
        if not guests:
            return
        self.pending_visit = None
        if "visit" not in self.words(end, self.sent.end):
            return
        k = end + self.words(end, self.sent.end).index("visit")
        dest = self.destination(k + 1)
        if dest is not None:
            host = Actor("country", self.index.country_of(dest) or dest.key, dest.start, dest.end)
            self.pending_visit = (guests[0], host)

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

    def form_sign(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        if (
            start > self.sent.start
            and self.index.texts[start - 1].lower() in self.nouns["document_nouns"]
        ):
            return []
        lists = self.word_lists
        passive = (
            start > self.sent.start
            and self.index.texts[start - 1].lower() in lists.passive_auxiliaries
        )
        if passive and one_of(self.words(start - 2, start - 1), lists.relative_pronouns):
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
            value = self.numbers.get(self.index.texts[k].lower())
            if value is not None:
                return int(value)
        return 1

    def form_attend(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        assert self.sent is not None
        nominal = self.words(start, start + 1)[0].startswith("participation")
        if nominal and self.word_lists.topic_words & set(self.words(start - 8, start)):
            return []
        stop = self.clause_end(end, 20)
        noun = self.has_noun(end, stop, "multilateral_nouns")
        bilateral = self.word_lists.bilateral_nouns & set(self.words(end, stop))
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
        comma = next((k for k in range(end, self.sent.end) if self.index.lower[k] == ","), stop)
        main = [a for a in self.actors if a.start > comma and a.kind == "person"][:1]
        sides = subjects or (main if nominal else []) or inside
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
        owner = self.owner_of(end, noun) or self.owner_after(noun)
        stop = self.clause_end(noun + 1, 10)
        hosts = [
            a
            for a in self.actors
            if noun < a.start <= stop
            and a.kind == "country"
            and (owner is None or a.start != owner.start)
        ]
        if not hosts:
            return []
        host = Actor("country", hosts[-1].key, hosts[-1].start, hosts[-1].end)
        subjects = [a for a in self.subjects(start) if a.kind != "group"]
        persons = [a for a in subjects if a.kind == "person"]
        if owner is None or (persons and self.index.country_of(persons[0]) == owner.key):
            side = (persons or subjects)[:1]
        else:
            side = [owner]
        place = str(self.doc[hosts[0].start : hosts[0].end].text)
        return [("MISSION", [*side, host], "", place)]

    def owner_after(self, noun: int) -> Actor | None:
        """The state of "the Embassy of the Republic of X in Y"."""
        k = noun + 1
        if self.words(k, k + 1) != ["of"]:
            return None
        k += 2 if self.words(k + 1, k + 2) == ["the"] else 1
        m = self.mention_at[k] if k < len(self.mention_at) else None
        if m is None or m.kind != "country" or m.form in {"capital", "city"}:
            return None
        return Actor("country", m.key, m.start, m.end)

    def owner_of(self, a: int, noun: int) -> Actor | None:
        """The state whose mission it is: "the Peruvian Consulate", "its embassy"."""
        for k in range(noun - 1, max(a, noun - 4) - 1, -1):
            m = self.mention_at[k]
            if m is not None and m.kind == "country":
                return Actor("country", m.key, m.start, m.end)
            if self.index.texts[k].lower() in self.word_lists.owner_pronouns:
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
        senders = senders or self.speaker(start)
        after = [a for a in self.actors if a.start >= end and a.kind in {"country", "person"}]
        seen = {(a.kind, a.key) for a in senders}
        after = [a for a in after if (a.kind, a.key) not in seen and a.form != "compound"]
        after = self.others(senders, after)
        return [("SYMPATHY", senders + after[:1], "", None)] if senders and after else []

    def form_to(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        senders = self.sender(start)[:1] or self.speaker(start)
        receivers = self.others(senders, self.objects(end, senders, limit=14))[:1]
        return [(str(spec["type"]), senders + receivers, "", None)]

    def form_support(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        senders = self.subjects(start)[:1]
        stop = self.clause_end(end, 10)
        seen = {(a.kind, a.key) for a in senders}
        after = [a for a in self.actors if end <= a.start < stop and (a.kind, a.key) not in seen]
        return [("SUPPORT", senders + self.others(senders, after)[:1], "", None)]

    def form_aid(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """ "X provided aid to Y", "handed over X's contribution to Y", "Our agency
        dispatched aid to Y" (the publishing state's act)."""
        stop = self.clause_end(end, 14)
        after = [a for a in self.actors if start < a.start < stop and a.kind in {"country", "org"}]
        owned = [a for a in after if a.end < end and self.words(a.end, a.end + 1) == ["'s"]]
        donors = owned[:1] or [a for a in self.subjects(start) if a.kind != "group"][:1]
        donors = donors or self.speaker(start)
        seen = {(a.kind, a.key) for a in donors}
        receivers = [a for a in after if a.start >= end and (a.kind, a.key) not in seen]
        last = self.last_country
        own = {self.index.country_of(a) for a in donors}
        if not receivers and last is not None and last.key not in own | {d.key for d in donors}:
            # "dispatched aid to the region": the stricken state the article spoke of
            receivers = [last] if "to" in self.words(end, stop) else []
        return [("AID", donors + receivers[:1], "", None)] if donors and receivers else []

    def speaker(self, start: int) -> list[Actor]:
        """The publishing state when the sentence speaks in the first person ("We extend
        our condolences", "Our agency dispatched")."""
        first_person = self.word_lists.first_person
        if self.home and first_person & set(self.words(self.sent_start, start)):
            return [Actor("country", self.home, start, start, implicit=True)]
        return []

    def form_aid_arrived(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """ "A shipment of aid arrived in Y from X"."""
        stop = self.clause_end(end, 14)
        after = [a for a in self.actors if end <= a.start < stop and a.kind in {"country", "org"}]
        donors = [a for a in after if self.words(a.start - 1, a.start) == ["from"]][:1]
        receivers = [a for a in after if a not in donors][:1]
        return [("AID", donors + receivers, "", None)] if donors and receivers else []

    def form_aid_passive(self, spec: dict[str, Any], start: int, end: int) -> list[Built]:
        """ "By decision of the Government of X, a train with aid was sent to Y"."""
        assert self.sent is not None
        stop = self.clause_end(end, 10)
        receivers = [
            a for a in self.actors if end <= a.start < stop and a.kind in {"country", "org"}
        ][:1]
        seen = {(a.kind, a.key) for a in receivers}
        donors = [
            a
            for a in self.actors
            if self.sent.start <= a.start < start
            and a.kind in {"country", "org", "person"}
            and a.form != "compound"
            and (a.kind, a.key) not in seen
        ][:1]
        return [("AID", donors + receivers, "", None)] if donors and receivers else []
