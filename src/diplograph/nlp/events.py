"""Typed diplomatic events from trigger patterns (``resources/triggers.jsonl``).

Each trigger match gives a type and a *form* that says where its sides stand: ``verb``
(subject before, objects after: "A met with B"), ``noun`` (the persons of the sentence:
"consultations chaired by A and B"), ``visit`` (visitor and destination), ``invite`` /
``invitation`` (inviter and invitee, "at the invitation of X"), ``sign`` (signatories of
each document), ``attend`` / ``host`` / ``briefing`` (taking part in or hosting a
multilateral gathering), ``mission``, ``sympathy``, ``to``, ``support``, ``aid`` (donor,
recipient; "we" is the publishing state), ``aid_arrived``, ``aid_passive``. Status comes from
cue words near the trigger; dates from ``dates``; repeated reports of one act are merged.

The stages, each a module: ``drafting`` (trigger matches to the draft events of a
sentence), ``qualifiers`` (status, negation, blocking and background cues around a
trigger), ``dating`` (the day of each act) and ``drafts`` (merging drafts into one event
per act); ``EventFinder`` walks an article's sentences with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from diplograph.codes import code_event
from diplograph.models import Article, Codes, Event, Evidence, fold
from diplograph.nlp.actors import Actor, ActorCues, ActorIndex
from diplograph.nlp.clauses import dedupe
from diplograph.nlp.context import ContextCues
from diplograph.nlp.dates import reference_date, stamp_date
from diplograph.nlp.dating import DayContext, latest_year, long_past
from diplograph.nlp.drafting import Drafter
from diplograph.nlp.drafts import Draft, absorb, merge, merge_receivers, told
from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.lexicon import Lexicon
from diplograph.nlp.persons import first_person_start
from diplograph.nlp.qualifiers import Phrases
from diplograph.nlp.records import GazetteerMatch, PersonMention, PersonRecord, Sentence
from diplograph.nlp.roles import Roles
from diplograph.nlp.sentences import is_headline, title_line, tokens_of

QUESTION_TAIL = 6  # a question mark ends a sentence, before a quote or bracket at most
HEADLINE_TYPES = frozenset({"VISIT"})  # the acts a headline's own sentence is read for
RESIGN_GAP = 2  # "They were signed by A and B": how many sentences back the documents are
SIGNED_BACK = re.compile(
    r"\s*(?:they|these|those|both|all|the (?:agreements|documents|memoranda|instruments|"
    r"accords|treaties|protocols))\s+were\s+(?:co-?)?signed\s+(?:on\s+behalf\s+\w+\s+\w+\s+)?by\b",
    re.I,
)
ITEM_HEADING_WORDS = 3  # a line in capitals of this many words heads an item of a digest


class EventFinder(Drafter):
    """Trigger matcher and role rules, built once per extractor; ``find`` walks an article's
    sentences."""

    def __init__(self, gaz: Gazetteer, nlp: Any, lex: Lexicon) -> None:
        super().__init__(gaz, nlp)
        self.gaz = gaz
        self.lex = lex
        words = "|".join(re.escape(w) for w in gaz.cues.get("dated_other_act", ()))
        # a participle then a preposition: "the forum held in Lima on", not "held talks on"
        self.other_act = re.compile(
            rf"\b(?:{words})\s+(?:in|at|on)\b[^.;]*$" if words else r"(?!)", re.I
        )
        self.codes: dict[tuple[str, str], Codes] = {}
        self.actor_cues = ActorCues.from_gazetteer(gaz)
        self.context_cues = ContextCues.from_gazetteer(gaz, lex)
        cues = gaz.cues
        self.visit_frames = tuple(cues.get("visit_frames", ()))
        self.group_lists = Phrases(cues.get("group_list_openers", ()))

    def find(
        self,
        doc: Any,
        article: Article,
        sentences: Sequence[Sentence],
        mention_at: Sequence[GazetteerMatch | None],
        persons: Sequence[PersonRecord],
        person_mentions: Sequence[PersonMention],
        orgs: Sequence[Org],
        home: str | None,
    ) -> list[Event]:
        """The events of one article."""
        by_sentence = self.triggers_by_sentence(doc, sentences)
        if not by_sentence:
            return []  # every act, an accepted invitation's visit too, needs a trigger
        last = max(by_sentence)
        index = ActorIndex(self.actor_cues, doc, persons, person_mentions, mention_at, orgs)
        roles = Roles(self.context_cues, self.lex, doc, index, mention_at, self.gaz.roles)
        roles.home = home
        roles.page_speaker = page_speaker(doc, sentences, person_mentions)
        roles.call_frame = self.qualifier.speaks_of_call(article.title or article.text[:200])
        ref, exact = reference_date(article.published, article.url)
        if ref is None:
            ref, exact = stamp_date(article.text)
        title = fold(article.title)
        year = ref.year if ref is not None else latest_year(article.text)
        today = ref.isoformat() if ref is not None and exact else None
        drafts: list[Draft] = []
        days = DayContext(ref, exact, self.other_act)
        trip: Draft | None = None
        party: tuple[Actor, str] | None = None  # a visiting group the next sentence lists
        head = title_line(sentences, title) if title else -1  # before it: the site's navigation
        for sent in sentences:
            waiting = (roles.pending_visit, party, roles.series)  # acts the text may go on with
            if sent.index > last and waiting == (None, None, None):
                break  # no trigger ahead, no invitation to accept, no group or series to go on
            roles.enter(sent)
            if sent.index > head and is_item_heading(sent.text):
                roles.forget()  # "TANZANIA AND OMAN SIGN MoU": another item of a digest
                party, trip = None, None
                days.carried = None
            if sent.index < head or is_question(sent.text):
                continue  # the site's navigation; a journalist's question at a briefing
            triggers = by_sentence.get(sent.index, [])
            found = self.series_events(doc, sent, roles)
            if not found:
                found = self.sentence_events(doc, sent, triggers, roles)
                if found and roles.series is not None and roles.series.sentence != sent.index:
                    roles.series = None  # another act: the series is over
            if title and may_fold_to(sent.text, title) and fold(sent.text) == title:
                found = self.headline_acts(doc, found, triggers)
            found = [d for d in found if not self.qualifier.bygone(doc, sent, d.trigger, year)]
            days.enter(sent.text)
            for draft in found:
                days.assign(draft, tokens_of(doc).idx[draft.trigger] - sent.char_start)
                if draft.carried and ref is not None and exact and self.qualifier.speaks(sent.text):
                    draft.date, draft.carried = ref.isoformat(), False
                if draft.headline and draft.date is None and draft.status == "occurred":
                    draft.date = today  # "X visits Y": the news of the day
                if draft.status == "occurred" and today is not None:
                    days.announce(draft, today, tokens_of(doc).idx[draft.trigger] - sent.char_start)
            if ref is not None:  # "established diplomatic relations on 29 December 1991"
                found = [d for d in found if not long_past(d, ref)]
            days.leave(bool(found))
            if signed_back(sent.text) and self.resign(sent, roles, drafts):
                found = [d for d in found if d.type != "AGREEMENT"]  # the same documents
            listed, party = self.group_visits(doc, sent, roles, found, party)
            found += listed
            trip = self.during_trip(sent, found, trip)
            visit = roles.accepted_visit()
            if visit is not None:
                found.append(Draft("VISIT", "intended", list(visit), sent, sent.start))
            drafts += found
        merged = merge_receivers(absorb(told(merge(drafts)), index), index.country_of)
        ordered = sorted(merged, key=lambda d: (d.sentence.index, d.type != "VISIT"))
        return [self.to_event(d, index) for d in ordered]

    @staticmethod
    def resign(sent: Sentence, roles: Roles, drafts: list[Draft]) -> bool:
        """ "They were signed by Ministers A and B": the documents the sentence before
        counted between states were signed by these persons."""
        persons = dedupe([a for a in roles.actors if a.kind == "person" and not a.locative])
        if len(persons) < 2:
            return False
        signed = [
            d
            for d in drafts
            if d.type == "AGREEMENT"
            and sent.index - d.sentence.index <= RESIGN_GAP
            and all(a.kind != "person" for a in d.actors)
        ]
        for draft in signed:
            draft.actors = list(persons)
            if sent not in draft.sentences:
                draft.sentences.append(sent)
        return bool(signed)

    @staticmethod
    def headline_acts(
        doc: Any, found: list[Draft], triggers: list[tuple[dict[str, Any], int, int]]
    ) -> list[Draft]:
        """A headline repeats the news, but its trip ("X visits Y") may be told nowhere
        else; a trip it says someone was invited to make is the invitation's, not a visit.
        A headline's infinitive announces ("X to visit Y"). A trigger line flagged
        ``headline`` is read there too ("Summit: remarks by X")."""
        if any(spec["type"] == "INVITATION" for spec, _, _ in triggers):
            return []
        titled = {start for spec, start, _ in triggers if spec.get("headline")}
        kept = [d for d in found if d.type in HEADLINE_TYPES or d.trigger in titled]
        lower = tokens_of(doc).lower
        for draft in kept:
            draft.headline = True
            if draft.status == "occurred" and lower[max(0, draft.trigger - 1)] == "to":
                draft.status = "planned"
        return kept

    def group_visits(
        self,
        doc: Any,
        sent: Sentence,
        roles: Roles,
        found: list[Draft],
        party: tuple[Actor, str] | None,
    ) -> tuple[list[Draft], tuple[Actor, str] | None]:
        """ "The visiting Foreign Ministers ... called on X in Colombo. These included A from
        B, C from D": one visit to the host's state per person the next sentence lists.
        Returns the visits and the visiting group (its host state and status) to list next."""
        lower = tokens_of(doc).lower
        words = lower[sent.start : sent.end]
        if party is not None and self.group_lists.first_in(words[:3]) == 0:
            host, status = party
            persons = dedupe([a for a in roles.actors if a.kind == "person"])
            visits = [
                Draft("VISIT", status, [a, host], sent, a.start, sentences=[sent])
                for a in persons
                if roles.index.country_of(a) != host.key
            ]
            return visits, None
        if "visiting" not in words or any(d.type == "VISIT" for d in found):
            return [], None
        k = words.index("visiting")
        heads = self.word_lists.visitor_heads
        if not any(w in heads and w.endswith("s") for w in words[k + 1 : k + 4]):
            return [], None  # one guest, named or not: the visit form reads it
        place = next((a for a in roles.actors if a.kind == "country" and a.locative), None)
        if place is None:
            return [], None
        state = Actor("country", place.key, place.start, place.end)
        return [], (state, self.qualifier.status(doc, sent, sent.start + k, "VISIT"))

    def during_trip(self, sent: Sentence, found: list[Draft], trip: Draft | None) -> Draft | None:
        """Acts "during the visit" take the visit's place and day; returns the current visit."""
        if not found:
            return trip
        lowered = sent.text.lower()
        if trip is not None and any(frame in lowered for frame in self.visit_frames):
            for draft in found:
                if draft.type != "VISIT" and draft.status == trip.status:
                    draft.place = draft.place or trip.place
                    if trip.date is not None and (draft.date is None or draft.carried):
                        draft.date, draft.carried = trip.date, False
        visits = [d for d in found if d.type == "VISIT"]
        return visits[-1] if visits else trip

    def codes_of(self, event_type: str, status: str) -> Codes:
        """The codes of a type and status (the same frozen record for every such event)."""
        codes = self.codes.get((event_type, status))
        if codes is None:
            codes = self.codes[event_type, status] = code_event(event_type, status)
        return codes

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
            codes=self.codes_of(draft.type, draft.status),
        )


# what ``fold`` drops from the start of an ASCII text: white space (as ``str.split`` reads
# it), hyphens and full stops
FOLD_DROPS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f-."


def may_fold_to(text: str, folded: str) -> bool:
    """Whether ``fold(text)`` can be ``folded``: a cheap test of the first letter first
    (``fold`` keeps an ASCII letter as its lower case, whatever follows it)."""
    first = text.lstrip(FOLD_DROPS)[:1]
    if not first.isascii():
        return True
    return first.lower() == folded[:1]


def page_speaker(
    doc: Any, sentences: Sequence[Sentence], person_mentions: Sequence[PersonMention]
) -> Actor | None:
    """The person a first-person page speaks as: the one a line of its own names before
    its first "I" opening a clause ("Senator X / Minister for Foreign Affairs ... Today I
    arrived", a title "Remarks by Minister X ... I held talks"); None when no such line
    names anyone (a person the running text speaks of is no speaker)."""
    first = first_person_start(doc)
    lines = [s for s in sentences if s.start < first and is_headline(s)]
    for m in sorted(person_mentions, key=lambda m: m.start):
        if m.start >= first:
            break
        if m.person >= 0 and any(s.start <= m.start < s.end for s in lines):
            return Actor("person", str(m.person), m.start, m.end)
    return None


def signed_back(text: str) -> bool:
    """A sentence naming who signed documents told before ("They were signed by")."""
    return SIGNED_BACK.match(text) is not None


def is_item_heading(text: str) -> bool:
    """A heading in capitals over one item of a page of several ("CONDOLENCES TO KENYA")."""
    if not text[:2].isupper():
        return False  # most lines: running text
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) < ITEM_HEADING_WORDS or text.rstrip()[-1:] in ".!?":
        return False
    caps = sum(1 for w in words if w.isupper())
    return caps >= ITEM_HEADING_WORDS and caps >= len(words) - 1  # one small word ("MoU")


def is_question(text: str) -> bool:
    """A sentence that asks ("Could you tell us about the minister's visit?") reports no
    act."""
    return "?" in text[-QUESTION_TAIL:] and text.rstrip().rstrip("\"”’'»)").endswith("?")
