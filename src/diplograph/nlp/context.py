"""The context an event's sides are read in: the actors of the current sentence, the
person spoken of, the sides of the last meeting, the last organisation and state (see
``roles``). The clause and group helpers every trigger form shares are in ``clauses``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from diplograph.nlp.actors import Actor, ActorIndex, office_in
from diplograph.nlp.argroles import NOUN_LISTS
from diplograph.nlp.clauses import Clauses, dedupe, one_of
from diplograph.nlp.gazetteer import Gazetteer
from diplograph.nlp.lexicon import Lexicon, Memo
from diplograph.nlp.records import GazetteerMatch, Sentence
from diplograph.nlp.words import Words

NOMINAL_ACT = 3  # "Bilateral telephone call with": how many words a line's act may take
CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d")  # an agenda line's time, "10:00"
REFERENCES = frozenset({"pronoun", "group"})  # the actors ``resolve`` stands others for
QUOTED_ACTS = frozenset({"SYMPATHY", "CONGRATULATION"})  # acts whose message may be quoted


@dataclass(frozen=True)
class ContextCues:
    """The cue lists of ``cues.json`` and the word lists of ``words.json`` the context
    reads, built once per extractor."""

    breaks_at: dict[str, list[tuple[str, ...]]]  # first word -> clause breaks
    keep_verbs: frozenset[str]
    nouns: dict[str, frozenset[str]]
    long_starts: dict[str, frozenset[str]]  # the first words of nouns of three or four words
    numbers: dict[str, int]
    anaphora: list[tuple[str, ...]]
    group_offices: dict[str, tuple[str, ...]]  # "presidents" -> the offices it stands for
    verb_breaks: Memo  # word -> whether it opens a clause as a past participle
    words: Words

    @classmethod
    def from_gazetteer(cls, gaz: Gazetteer, lex: Lexicon) -> ContextCues:
        cues = gaz.cues
        keep_verbs = frozenset(cues.get("object_verbs_keep", ()))

        def breaks_verb(text: str) -> bool:
            """A past participle opening a clause ("..., signed by"): no kept verb or title."""
            return (
                text.islower()
                and text.endswith("ed")
                and len(text) > 4
                and text not in keep_verbs
                and not lex.is_title_word(text)
            )

        breaks_at: dict[str, list[tuple[str, ...]]] = {}
        for cue in cues.get("clause_breaks", ()):
            words = tuple(cue.split())
            breaks_at.setdefault(words[0], []).append(words)
        nouns = {key: frozenset(cues.get(key, ())) for key in NOUN_LISTS}
        return cls(
            breaks_at=breaks_at,
            keep_verbs=keep_verbs,
            nouns=nouns,
            long_starts={
                key: frozenset(n.split()[0] for n in words if len(n.split()) in (3, 4))
                for key, words in nouns.items()
            },
            numbers=dict(cues.get("numbers", {})),
            anaphora=[tuple(c.split()) for c in cues.get("destination_anaphora", ())],
            group_offices={k: tuple(v) for k, v in dict(cues.get("group_offices", {})).items()},
            verb_breaks=Memo(breaks_verb),
            words=gaz.words,
        )


class Context(Clauses):
    """Sides of events, with the context carried from sentence to sentence."""

    def __init__(
        self,
        cues: ContextCues,
        lex: Lexicon,
        doc: Any,
        index: ActorIndex,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> None:
        self.lex, self.doc, self.index = lex, doc, index
        self.mention_at = mention_at
        self.breaks_at = cues.breaks_at
        self.keep_verbs = cues.keep_verbs
        self.nouns = cues.nouns
        self.long_starts = cues.long_starts
        self.numbers = cues.numbers
        self.anaphora = cues.anaphora
        self.group_offices = cues.group_offices
        self.word_lists = cues.words
        self.topic: Actor | None = None
        self.last_sides: list[Actor] = []
        self.last_consult: list[Actor] = []
        self.consults: list[list[Actor]] = []
        self.last_org: Actor | None = None
        self.last_country: Actor | None = None
        self.last_receiver: Actor | None = None  # to whom the last message went
        self.last_message: str | None = None  # and its type ("sent similar cables")
        self.sent: Sentence | None = None
        self.actors: list[Actor] = []
        self.pending_visit: tuple[Actor, Actor] | None = None
        self.last_visitor: Actor | None = None
        self.home: str | None = None  # the publishing state, for "we" and "our"
        self.page_speaker: Actor | None = None  # who says "I" on the page: named before it
        self.quoted: Actor | None = None  # who speaks the quotes: "X said:", X's message
        self.call_frame = False  # the release's title speaks of a call ("X's Call with Y")
        # whether a clause breaks at each token (-1 until asked: clauses are read again
        # and again), and the answer for a word that starts no cue, kept per word
        self.known_breaks = [-1] * len(index.lower)
        self.verb_breaks = cues.verb_breaks
        self.verb_breaks.trim()

    def enter(self, sent: Sentence) -> None:
        """Resolve the actors of the next sentence against the context so far."""
        if self.sent is not None:
            self.leave()
        self.sent = sent
        explicit = self.index.explicit(sent)  # in text order
        implicit = self.index.implicit(sent, explicit)
        if implicit:
            spans = [
                (a.start, a.end)
                for a in implicit
                if a.kind in {"person", "organization", "country"}
            ]
            covered = {k for s, e in spans for k in range(s, e)}
            explicit = [a for a in explicit if a.start not in covered]
            explicit = sorted(explicit + implicit, key=lambda a: a.start)
        resolved: list[Actor] = []
        for actor in explicit:
            if actor.kind == "pronoun":
                named = next((a for a in resolved if a.kind == "person" and not a.implicit), None)
                if named is not None:
                    # "Minister X said that he held a meeting": the sentence's own subject
                    resolved.append(
                        Actor("person", named.key, actor.start, actor.end, implicit=True)
                    )
                    continue
            pair = self.named_pair(actor, resolved)
            if pair:  # "A met B, after which the two ministers signed": A and B
                resolved += pair
                continue
            for one in self.resolve(actor) if actor.kind in REFERENCES else (actor,):
                if one.kind != "organization" or not self.member_states(one):
                    resolved.append(one)
        self.actors = resolved

    def named_pair(self, group: Actor, before: list[Actor]) -> list[Actor]:
        """The two persons the sentence has named before "the two ministers" (or "both"),
        when it has named exactly two."""
        if group.kind != "group":
            return []
        if not self.word_lists.pair_words.intersection(self.words(group.start, group.end)):
            return []
        persons = dedupe([a for a in before if a.kind == "person" and not a.implicit])
        if len(persons) != 2:
            return []
        return [Actor("person", a.key, group.start, group.end, implicit=True) for a in persons]

    def forget(self) -> None:
        """A new item of a page of several ("NEWS IN BRIEF" headings): nothing carries over."""
        self.topic = self.last_org = self.last_country = self.last_receiver = None
        self.last_visitor = self.quoted = None
        self.last_message = None
        self.last_sides, self.last_consult = [], []
        self.pending_visit = None

    def leave(self) -> None:
        """Carry the subject, last organisation and last state into the next sentence."""
        persons = [a for a in self.actors if a.kind == "person"]
        if persons and not self.subjectless_act(persons[0]):
            # "For his part, X spoke": the person named, not the pronoun carried in
            self.topic = next((a for a in persons if not a.implicit), persons[0])
            if self.attributes_speech():
                self.quoted = persons[0]
        for actor in self.actors:
            if actor.kind == "organization":
                self.last_org = actor
            elif actor.kind == "country" and actor.form != "compound":
                self.last_country = actor

    def subjectless_act(self, first: Actor) -> bool:
        """A line naming an act with no subject ("10:00 Meeting with the Minister of X, Y",
        "Telephone call with Y"): an agenda's or a caption's, whose subject stays the one
        carried in; Y is the other side, not who the text goes on about."""
        assert self.sent is not None
        start = self.sent.start
        texts = self.index.texts[start : min(first.start, start + NOMINAL_ACT + 2)]
        words = [w for w in texts if w.strip()]
        if words and CLOCK.fullmatch(words[0]):
            words = words[1:]  # "10:00"
        if "with" not in words[1 : NOMINAL_ACT + 1] or not words[0][:1].isupper():
            return False
        return all(w.isalpha() for w in words[: words.index("with")])

    def attributes_speech(self) -> bool:
        """The sentence tells who speaks ("X said in a statement:", "..., X wrote")."""
        assert self.sent is not None
        words = self.words(self.sent.start, self.sent.end)
        last = next((w for w in reversed(words) if w.strip()), None)
        return last == ":" or not self.word_lists.speech_verbs.isdisjoint(words)

    def member_states(self, actor: Actor) -> bool:
        """ "the ASEAN member states", "EU agencies": the members or bodies, not the
        organisation, are meant."""
        if actor.kind != "organization":
            return False
        if not self.word_lists.org_part_nouns.isdisjoint(self.words(actor.end, actor.end + 1)):
            return True
        return bool(self.word_lists.member_words & set(self.words(actor.end, actor.end + 5)))

    def resolve(self, actor: Actor) -> list[Actor]:
        """Concrete actors for a pronoun or group reference."""
        if actor.kind == "pronoun":
            if self.topic is None:
                return []
            return [Actor("person", self.topic.key, actor.start, actor.end, implicit=True)]
        if actor.kind == "group":
            sides = self.last_consult or self.last_sides
            holders = self.office_holders(actor)
            if holders and {(a.kind, a.key) for a in holders} != {(a.kind, a.key) for a in sides}:
                sides = holders
            return [Actor(a.kind, a.key, actor.start, actor.end, implicit=True) for a in sides]
        return [actor]

    def office_holders(self, group: Actor) -> list[Actor]:
        """The persons "the two Presidents" or "both Foreign Ministers" stand for: the last
        two named before with that office ("group_offices"), when two of them are."""
        words = self.words(group.start, group.end)
        if not self.word_lists.pair_words.intersection(words) or self.words(
            group.end, group.end + 1
        ) in (["'"], ["’"], ["'s"], ["’s"]):
            return []  # "the leaders" may be any; "the Leaders' Retreat" is a gathering
        offices = next(
            (
                self.group_offices[" ".join(words[k:])]
                for k in range(len(words))
                if " ".join(words[k:]) in self.group_offices
            ),
            None,
        )
        if offices is None:
            return []
        held: list[int] = []
        for m in reversed(self.index.person_mentions):
            if m.span_end > group.start or m.person < 0 or m.person in held:
                continue
            title = self.index.persons[m.person].title
            if title and office_in(title.lower(), offices):
                held.append(m.person)
                if len(held) == 2:
                    break
        if len(held) < 2:
            return []
        return [
            Actor("person", str(p), group.start, group.end, implicit=True) for p in reversed(held)
        ]

    def record(self, event_type: str, actors: list[Actor]) -> None:
        """Remember the sides of an event for later group references."""
        self.last_sides = actors
        if event_type in QUOTED_ACTS and actors and actors[0].kind == "person":
            self.quoted = actors[0]  # the message quoted next is theirs
        if event_type in QUOTED_ACTS and len(actors) > 1:
            self.last_receiver, self.last_message = actors[-1], event_type
        if event_type == "VISIT":
            self.last_visitor = actors[0]
        if event_type in {"MEETING", "CALL"}:
            self.last_consult = actors
            self.consults.append(actors)

    def refers_back(self, start: int, objects: Sequence[Actor]) -> list[Actor] | None:
        """ "At the meeting with X": the sides of a meeting the article has already reported."""
        determiners = self.word_lists.back_reference_determiners
        if not one_of(self.words(start - 1, start), determiners) or not objects:
            return None
        wanted = {(a.kind, a.key) for a in objects}
        for sides in reversed(self.consults):
            if wanted <= {(a.kind, a.key) for a in sides}:
                return sides
        first = objects[0]  # "the meeting with the EU delegation": met in its official
        for sides in reversed(self.consults):
            if first.kind != "person" and any(self.represents(a, first.key) for a in sides):
                return sides
        return None

    def represents(self, actor: Actor, key: str) -> bool:
        """Whether a person serves the organisation or state ``key``."""
        return actor.kind == "person" and self.belongs(actor, Actor("organization", key, 0, 0))
