"""Typed diplomatic events from trigger patterns (``resources/triggers.jsonl``).

Each trigger match gives a type and a *form* that says where its sides stand: ``verb``
(subject before, objects after: "A met with B"), ``noun`` (the persons of the sentence:
"consultations chaired by A and B"), ``visit`` (visitor and destination), ``invite`` /
``invitation`` (inviter and invitee, "at the invitation of X"), ``sign`` (signatories of
each document), ``attend`` / ``host`` / ``briefing`` (taking part in or hosting a
multilateral gathering), ``mission``, ``sympathy``, ``to``, ``support``. Status comes from
cue words near the trigger; dates from ``dates``; repeated reports of one act are merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from diplograph.codes import code_event
from diplograph.models import Article, Event, Evidence, fold
from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.dates import date_near, find_dates, reference_date
from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.persons import Lexicon
from diplograph.nlp.records import Mention, PersonMention, PersonRecord, Sentence
from diplograph.nlp.roles import Roles

CONSULT = frozenset({"MEETING", "CALL"})


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


class EventFinder:
    """Trigger matcher and role rules, built once per extractor."""

    def __init__(self, gaz: Gazetteer, nlp: Any, lex: Lexicon) -> None:
        from spacy.matcher import Matcher

        self.gaz = gaz
        self.lex = lex
        self.matcher = Matcher(nlp.vocab)
        self.specs: dict[str, dict[str, Any]] = {}
        for number, spec in enumerate(gaz.triggers):
            name = f"{spec.get('id', 'trigger')}#{number}"
            self.specs[name] = spec
            self.matcher.add(name, [spaced(spec["pattern"])], greedy="LONGEST")
        cues = gaz.cues
        self.planned = tuple(tuple(c.split()) for c in cues.get("planned", ()))
        self.intended = tuple(tuple(c.split()) for c in cues.get("intended", ()))
        self.blockers = tuple(tuple(c.split()) for c in cues.get("not_event_before", ()))
        self.call_cues = tuple(cues.get("call_cues", ()))

    def find(
        self,
        doc: Any,
        article: Article,
        sentences: Sequence[Sentence],
        mention_at: Sequence[Mention | None],
        persons: Sequence[PersonRecord],
        person_mentions: Sequence[PersonMention],
        orgs: Sequence[Org],
        home: str | None,
    ) -> list[Event]:
        """The events of one article."""
        index = ActorIndex(self.gaz, doc, persons, person_mentions, mention_at, orgs)
        roles = Roles(self.gaz, self.lex, doc, index, mention_at)
        ref, exact = reference_date(article.published, article.url)
        by_sentence = self.triggers_by_sentence(doc, sentences)
        title = fold(article.title)
        drafts: list[Draft] = []
        for sent in sentences:
            roles.enter(sent)
            if title and fold(sent.text) == title:
                continue
            found = self.sentence_events(doc, sent, by_sentence.get(sent.index, []), roles)
            dates = find_dates(sent.text, ref, exact, future=False)
            future = find_dates(sent.text, ref, exact, future=True)
            if any(not relative for _, _, relative in dates):
                dates = [d for d in dates if not d[2]]
                future = [d for d in future if not d[2]]
            for draft in found:
                offset = doc[draft.trigger].idx - sent.char_start
                draft.date = date_near(future if draft.status != "occurred" else dates, offset)
            visit = roles.accepted_visit()
            if visit is not None:
                found.append(Draft("VISIT", "intended", list(visit), sent, sent.start))
            drafts += found
        return [self.to_event(d, index) for d in merge(drafts)]

    def triggers_by_sentence(
        self, doc: Any, sentences: Sequence[Sentence]
    ) -> dict[int, list[tuple[dict[str, Any], int, int]]]:
        """Trigger matches grouped by sentence, longest first where two overlap."""
        starts = [s.start for s in sentences]
        out: dict[int, list[tuple[dict[str, Any], int, int]]] = {}
        taken: set[int] = set()
        matches = sorted(self.matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
        for match_id, start, end in matches:
            if any(k in taken for k in range(start, end)):
                continue
            taken.update(range(start, end))
            spec = self.specs[doc.vocab.strings[match_id]]
            number = sentence_of(starts, start)
            out.setdefault(number, []).append((spec, start, end))
        for items in out.values():
            items.sort(key=lambda item: item[1])
        return out

    def sentence_events(
        self,
        doc: Any,
        sent: Sentence,
        triggers: list[tuple[dict[str, Any], int, int]],
        roles: Roles,
    ) -> list[Draft]:
        """Drafts from the triggers of one sentence."""
        drafts: list[Draft] = []
        invitation_at: int | None = None
        nouns: list[tuple[dict[str, Any], int, int]] = []
        for spec, start, end in triggers:
            if invitation_at is not None and start > invitation_at:
                continue
            if self.blocked(doc, sent, start):
                continue
            if spec["form"] == "noun":
                nouns.append((spec, start, end))
                continue
            made = roles.build(spec, start, end)
            for draft_type, actors, key, place in made:
                drafts.append(self.draft(doc, sent, draft_type, actors, start, key, place))
                roles.record(draft_type, actors)
            if spec["type"] == "INVITATION" and made:
                invitation_at = end
        if not any(d.type in CONSULT | {"MULTILATERAL"} for d in drafts):
            for spec, start, end in nouns[:1]:
                for draft_type, actors, key, place in roles.build(spec, start, end):
                    drafts.append(self.draft(doc, sent, draft_type, actors, start, key, place))
                    roles.record(draft_type, actors)
        return drafts

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
        lowered = sent.text.lower()
        if event_type == "MEETING" and any(cue in lowered for cue in self.call_cues):
            event_type = "CALL"
        status = self.status(doc, sent, trigger, event_type)
        return Draft(event_type, status, actors, sent, trigger, key, place, sentences=[sent])

    def status(self, doc: Any, sent: Sentence, trigger: int, event_type: str) -> str:
        """occurred, planned or intended, from cue words around the trigger."""
        lo, hi = max(sent.start, trigger - 10), min(sent.end, trigger + 8)
        words = [t.text.lower() for t in doc[lo:hi]]
        if event_type == "INVITATION":
            words = [t.text.lower() for t in doc[max(sent.start, trigger - 3) : trigger]]
        if has_phrase(words, self.intended):
            return "intended"
        if has_phrase(words, self.planned):
            return "planned"
        return "occurred"

    def blocked(self, doc: Any, sent: Sentence, start: int) -> bool:
        """A trigger that names no act of its own ("importance of signing", "sidelines of")."""
        words = [t.text.lower() for t in doc[max(sent.start, start - 4) : start]]
        return any(tuple(words[-len(b) :]) == b for b in self.blockers if len(words) >= len(b))

    def to_event(self, draft: Draft, index: ActorIndex) -> Event:
        """The public record of a merged draft."""
        participants = tuple(index.participant(a) for a in draft.actors)
        evidence = tuple(
            Evidence(s.text, s.char_start, s.char_end)
            for s in sorted(draft.sentences, key=lambda s: s.index)
        )
        return Event(
            type=draft.type,
            status=draft.status,
            participants=participants,
            date=draft.date,
            place=draft.place,
            evidence=evidence,
            codes=code_event(draft.type, draft.status),
        )


def spaced(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A token pattern that also matches across line breaks (hard-wrapped text)."""
    out: list[dict[str, Any]] = []
    for i, token in enumerate(pattern):
        if i:
            out.append({"IS_SPACE": True, "OP": "?"})
        out.append(token)
    return out


def sentence_of(starts: Sequence[int], token: int) -> int:
    """Index of the sentence holding ``token``."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= token:
            lo = mid
        else:
            hi = mid - 1
    return lo


def has_phrase(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether any phrase occurs in the word list."""
    for phrase in phrases:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return True
    return False


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
        twin.date = twin.date or draft.date
        twin.place = twin.place or draft.place
    return [d for d in out if not any(d is not o and inside(d, o) for o in out)]


def sides_of(draft: Draft) -> frozenset[tuple[str, str]]:
    return frozenset((a.kind, a.key) for a in draft.actors)


def same_act(a: Draft, b: Draft) -> bool:
    return a.type == b.type and a.key == b.key and sides_of(a) == sides_of(b)


def inside(small: Draft, big: Draft) -> bool:
    """A plain meeting whose sides are a strict part of another meeting or call's."""
    if small.type != "MEETING" or small.key not in {"", "conjoint"}:
        return False
    if big.type not in CONSULT or (big.status != small.status and small.key != "conjoint"):
        return False
    if big.type != small.type or (small.key == "conjoint" and big.key != "conjoint"):
        return sides_of(small) <= sides_of(big)
    return sides_of(small) < sides_of(big)
