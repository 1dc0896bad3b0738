"""The drafting of events: trigger matches grouped by sentence (longest first where two
overlap), and the draft events of one sentence's triggers, each with its sides (``roles``),
type and status (``qualifiers``). The merging of drafts is in ``drafts``, the walk through an
article in ``events``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from diplograph.nlp.actors import Actor
from diplograph.nlp.drafts import CONSULT, Draft
from diplograph.nlp.gazetteer import Gazetteer
from diplograph.nlp.qualifiers import Qualifier, whole_words
from diplograph.nlp.records import Sentence
from diplograph.nlp.roles import Roles
from diplograph.nlp.sentences import tokens_of
from diplograph.nlp.triggers import TriggerMatcher

INVITED_VERB_REACH = 5  # "to pay an official visit": the infinitive before the visit
INVITED_VISIT_TOKENS = 25  # "invited the head of X to visit Y": the visit is the invitation's
AGREED_REACH = 3  # "agreed to meet": how far before the trigger the agreement is read


class Drafter:
    """Trigger matcher and the drafting of a sentence's events, built once per extractor."""

    def __init__(self, gaz: Gazetteer, nlp: Any) -> None:
        self.specs: dict[str, dict[str, Any]] = {}
        for number, spec in enumerate(gaz.triggers):
            self.specs[f"{spec.get('id', 'trigger')}#{number}"] = spec
        self.by_id: dict[int, dict[str, Any]] = {}  # match id -> spec, as ids come
        # per article: a kept match's span -> the shorter matches it overlaps
        self.shadowed: dict[tuple[int, int], list[tuple[dict[str, Any], int, int]]] = {}
        self.matcher = TriggerMatcher(
            nlp.vocab, [(name, spaced(spec["pattern"])) for name, spec in self.specs.items()]
        )
        self.qualifier = Qualifier(gaz)
        cues = gaz.cues
        self.call_cues = whole_words(cues.get("call_cues", ()))
        self.series_openers = [tuple(c.split()) for c in cues.get("series_openers", ())]
        self.presence_openers = [tuple(c.split()) for c in cues.get("presence_openers", ())]
        self.word_lists = gaz.words

    def triggers_by_sentence(
        self, doc: Any, sentences: Sequence[Sentence]
    ) -> dict[int, list[tuple[dict[str, Any], int, int]]]:
        """Trigger matches grouped by sentence, longest first where two overlap; the shorter
        ones are kept in ``shadowed``, tried when the longer one finds no act."""
        starts = [s.start for s in sentences]
        out: dict[int, list[tuple[dict[str, Any], int, int]]] = {}
        taken: dict[int, tuple[int, int]] = {}  # token -> the kept match covering it
        self.shadowed.clear()
        matches = sorted(self.matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
        for match_id, start, end in matches:
            spec = self.spec_of(doc, match_id)
            cover = next((taken[i] for i in range(start, end) if i in taken), None)
            if cover is not None:
                self.shadowed.setdefault(cover, []).append((spec, start, end))
                continue
            taken.update(dict.fromkeys(range(start, end), (start, end)))
            number = max(0, bisect_right(starts, start) - 1)  # the sentence holding start
            if not sentences or start >= sentences[number].end:
                continue  # in a dropped teaser
            out.setdefault(number, []).append((spec, start, end))
        for items in out.values():
            items.sort(key=lambda item: item[1])
        return out

    def spec_of(self, doc: Any, match_id: int) -> dict[str, Any]:
        """The trigger spec a match id names."""
        spec = self.by_id.get(match_id)
        if spec is None:
            spec = self.by_id[match_id] = self.specs[doc.vocab.strings[match_id]]
        return spec

    def series_events(self, doc: Any, sent: Sentence, roles: Roles) -> list[Draft]:
        """More acts of a series the sentence continues ("The others received were ...")."""
        found = roles.continued(self.series_openers, self.presence_openers)
        return [self.draft(doc, sent, b.type, b.actors, sent.start, b.key, b.place) for b in found]

    def sentence_events(
        self,
        doc: Any,
        sent: Sentence,
        triggers: list[tuple[dict[str, Any], int, int]],
        roles: Roles,
    ) -> list[Draft]:
        """Drafts from the triggers of one sentence."""
        if not triggers:
            return []
        drafts: list[Draft] = []
        invitation: tuple[int, int] = (0, 0)  # the clause of an invitation's own visit
        guests: list[Actor] = []  # who was invited, when the sentence says they accepted
        nouns: list[tuple[dict[str, Any], int, int]] = []
        for spec, start, end in triggers:
            invited_to = "to" in roles.words(max(invitation[0], start - INVITED_VERB_REACH), start)
            if invitation[0] <= start < invitation[1] and invited_to:
                if spec["type"] == "MULTILATERAL" and guests:
                    # "accepted the invitation to attend the summit": an intended attendance
                    drafts.append(
                        Draft(
                            "MULTILATERAL",
                            "intended",
                            guests,
                            sent,
                            start,
                            f"invited{start}",
                            sentences=[sent],
                        )
                    )
                continue
            if self.qualifier.blocked(doc, sent, start):
                continue
            if self.qualifier.negated(doc, sent, start, end):
                if spec["type"] == "INVITATION":  # "declined the invitation to visit X"
                    invitation = (end, min(sent.end, end + INVITED_VISIT_TOKENS))
                continue
            if spec.get("call_frame") and not (
                roles.call_frame or self.qualifier.speaks_of_call(sent.text)
            ):
                continue  # "spoke with" is a call only where the release speaks of one
            if spec["form"] == "noun":
                nouns.append((spec, start, end))
                continue
            made = roles.build(spec, start, end)
            for other in self.shadowed.get((start, end), []) if not made else ():
                made = roles.build(*other)
                if made:
                    spec, start, end = other
                    break
            for draft_type, actors, key, place in made:
                draft = self.draft(doc, sent, draft_type, actors, start, key, place)
                if draft.status != "occurred" and self.qualifier.is_next_round(doc, start, end):
                    draft.actors = states_of(roles, actors) or actors
                    draft.next_round = True
                if draft.status != "occurred":
                    draft.agreed = not self.word_lists.agreement_verbs.isdisjoint(
                        roles.words(max(sent.start, start - AGREED_REACH), start)
                    )
                if draft.status == "occurred" or not self.qualifier.discussed(doc, sent, start):
                    drafts.append(draft)
                    roles.record(draft_type, actors)
            if spec["type"] == "INVITATION" and (made or roles.words(end, end + 1) == ["to"]):
                # "who extended an invitation to her to visit": the visit is its content too
                invitation = (end, min(sent.end, end + INVITED_VISIT_TOKENS))
                accepted = self.word_lists.invitation_acceptances
                if made and not accepted.isdisjoint(roles.words(sent.start, start)):
                    guests = made[0][1][1:2]
        drafts = self.without_trips_to_gatherings(doc, drafts)
        if not any(d.type in CONSULT | {"MULTILATERAL"} for d in drafts):
            for spec, start, end in nouns[:1]:
                if self.qualifier.discussed(doc, sent, start):
                    continue
                for draft_type, actors, key, place in roles.build(spec, start, end):
                    drafts.append(self.draft(doc, sent, draft_type, actors, start, key, place))
                    roles.record(draft_type, actors)
        return drafts

    @staticmethod
    def without_trips_to_gatherings(doc: Any, drafts: list[Draft]) -> list[Draft]:
        """ "arrived in New York to take part in the UN General Assembly": the trip to a
        gathering is the gathering's (GUIDE §5); a visit the sentence names as one
        ("paid an official visit to Peru and attended the summit") stays."""
        goers = {
            (d.actors[0].kind, d.actors[0].key)
            for d in drafts
            if d.type == "MULTILATERAL" and d.actors
        }
        if not goers:
            return drafts
        lower = tokens_of(doc).lower
        return [
            d
            for d in drafts
            if not (
                d.type == "VISIT"
                and (d.actors[0].kind, d.actors[0].key) in goers
                and not lower[d.trigger].startswith("visit")
            )
        ]

    def draft(
        self,
        doc: Any,
        sent: Sentence,
        event_type: str,
        actors: list[Actor],
        trigger: int,
        key: str,
        place: str | None,
    ) -> Draft:
        """A draft event with its type adjusted for phone cues and its status."""
        if event_type == "MEETING" and self.call_cues.search(sent.text) is not None:
            event_type = "CALL"  # whole words: "phone", not the "Phone" of "Phonesavanh"
        status = self.qualifier.status(doc, sent, trigger, event_type)
        return Draft(event_type, status, actors, sent, trigger, key, place, sentences=[sent])


def states_of(roles: Roles, actors: Sequence[Actor]) -> list[Actor]:
    """The states of sides named only as "the parties", when each has a different one."""
    states = [roles.index.country_of(a) for a in actors]
    if not all(a.implicit for a in actors) or None in states or len(set(states)) < len(states):
        return []
    pairs = zip(states, actors, strict=True)
    return [Actor("country", str(c), a.start, a.end, implicit=True) for c, a in pairs]


def spaced(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A token pattern that also matches across line breaks (hard-wrapped text)."""
    out: list[dict[str, Any]] = []
    for i, token in enumerate(pattern):
        if i:
            out.append({"IS_SPACE": True, "OP": "?"})
        out.append(token)
    return out
