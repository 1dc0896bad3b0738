"""Typed diplomatic events from trigger patterns (``resources/triggers.jsonl``).

Each trigger match gives a type and a *form* that says where its sides stand: ``verb``
(subject before, objects after: "A met with B"), ``noun`` (the persons of the sentence:
"consultations chaired by A and B"), ``visit`` (visitor and destination), ``invite`` /
``invitation`` (inviter and invitee, "at the invitation of X"), ``sign`` (signatories of
each document), ``attend`` / ``host`` / ``briefing`` (taking part in or hosting a
multilateral gathering), ``mission``, ``sympathy``, ``to``, ``support``, ``aid`` (donor,
recipient; "we" is the publishing state), ``aid_arrived``, ``aid_passive``. Status comes from
cue words near the trigger; dates from ``dates``; repeated reports of one act are merged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from diplograph.codes import code_event
from diplograph.models import Article, Codes, Event, Evidence, fold
from diplograph.nlp.actors import Actor, ActorCues, ActorIndex
from diplograph.nlp.context import ContextCues, dedupe
from diplograph.nlp.dates import (
    FoundDate,
    date_near,
    fits_status,
    is_recent,
    reference_date,
    relative_dates,
    relative_words,
    stamp_date,
    written_dates,
)
from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.lexicon import Lexicon
from diplograph.nlp.persons import first_person_start
from diplograph.nlp.records import GazetteerMatch, PersonMention, PersonRecord, Sentence
from diplograph.nlp.roles import UNCOUNTED, Roles
from diplograph.nlp.sentences import is_headline, title_line, tokens_of
from diplograph.nlp.triggers import TriggerMatcher

CONSULT = frozenset({"MEETING", "CALL"})
NEAR_CHARS = 30
# cheap tests before the date patterns: a digit, or "day" ending a word (two searches are
# faster than one of either)
DIGIT = re.compile(r"\d")
DAY_WORD = re.compile(r"day\b", re.IGNORECASE)
QUESTION_TAIL = 6  # a question mark ends a sentence, before a quote or bracket at most
INVITED_VERB_REACH = 5  # "to pay an official visit": the infinitive before the visit
INVITED_VISIT_TOKENS = 25  # "invited the head of X to visit Y": the visit is the invitation's
EXPRESSIVE = frozenset({"SYMPATHY", "CONGRATULATION", "SUPPORT"})  # "expressed hope" is the act
DIRECTED = EXPRESSIVE | {"AID", "INVITATION"}  # A's act to B, B's to A: two (GUIDE §4)
QUOTED = frozenset({"SYMPATHY", "CONGRATULATION"})  # messages: to a state or its leader, one act
BACKGROUND_TOKENS = 8
CLAUSE_EDGES = frozenset({",", ";", ":", "(", ")", "and", "but", "while", "whereas"})
CLAUSE_WORDS = frozenset({"and", "but", "while", "whereas"})  # not the edge of a noun's own
NEGATION_TOKENS = 3  # "did not meet", "cancelled his planned visit", "refused to meet"
AHEAD_CHARS = 40  # a date after the news this near an act undated otherwise is its day
STATUS_AFTER = 12  # "talks between the two ministries are to be held"
HEADLINE_TYPES = frozenset({"VISIT"})  # the acts a headline's own sentence is read for
YEAR_RE = re.compile(r"\bin ((?:19|20)\d\d)\b(?![-–/])")
UNCOUNTED_KEY = f"{UNCOUNTED}:"  # how the key of an uncounted set of documents opens
RESIGN_GAP = 2  # "They were signed by A and B": how many sentences back the documents are
SIGNED_BACK = re.compile(
    r"\s*(?:they|these|those|both|all|the (?:agreements|documents|memoranda|instruments|"
    r"accords|treaties|protocols))\s+were\s+(?:co-?)?signed\s+(?:on\s+behalf\s+\w+\s+\w+\s+)?by\b",
    re.I,
)
AGREED_REACH = 3  # "agreed to meet": how far before the trigger the agreement is read
ITEM_HEADING_WORDS = 3  # a line in capitals of this many words heads an item of a digest
PAST_NEWS_DAYS = 366  # an act dated longer before the news than this is recalled background
HEADING_WORDS = 6  # a line of a date and no more words than this heads the lines after it
YEAR_CUES = ("in 19", "in 20")  # what a sentence holds where YEAR_RE can match
ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


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
    carried: bool = False  # the date is that of the acts reported before, not its own
    headline: bool = False  # read from the headline's own sentence
    next_round: bool = False  # "agreed to hold the next round": talks to come, of the states
    agreed: bool = False  # "the ministers agreed to meet again": talks to come, not those told


class DayContext:
    """The day of each act: the date nearest its trigger that fits its status, else, for
    an act done, the day of the news the article has been telling so far ("On 3 March
    the minister attended ... She also met ..."; "told reporters on Friday. Later ...")."""

    def __init__(self, ref: date | None, exact: bool, other_act: re.Pattern[str]) -> None:
        self.ref, self.exact = ref, exact
        self.other_act = other_act  # "the forum held in Lima on 9 May": not the news' day
        self.carried: str | None = None
        self.heading = False  # the carried day is a date heading's ("Monday 9 June"), not news
        self.text = ""
        self.written: list[FoundDate] | None = None  # the sentence's written-out dates
        self.relative: list[tuple[int, str]] = []  # and its relative day words
        self.past_read = self.future_read = False
        self.past: list[FoundDate] = []
        self.future: list[FoundDate] = []

    def enter(self, text: str) -> None:
        """Start on the next sentence; its dates are read only when asked for."""
        self.text = text
        self.written = None
        self.past_read = self.future_read = False

    def dates(self, occurred: bool) -> list[FoundDate]:
        """The date expressions of the sentence that fit an act done or planned."""
        if occurred and not self.past_read:
            found = self.found(future=False)
            self.past = [d for d in found if fits_status(d.day, self.ref, self.exact, True)]
            self.past_read = True
        if not occurred and not self.future_read:
            found = self.found(future=True)
            self.future = [d for d in found if fits_status(d.day, self.ref, self.exact, False)]
            self.future_read = True
        return self.past if occurred else self.future

    def found(self, future: bool) -> list[FoundDate]:
        """``find_dates`` of the sentence; its written dates are read once for both."""
        if self.written is None:
            self.written = written_dates(self.text, self.ref)
            self.relative = relative_words(self.text, self.ref, self.exact)
        return self.written + relative_dates(self.relative, self.ref, future)

    def assign(self, draft: Draft, offset: int) -> None:
        """Date one draft of the current sentence."""
        occurred = draft.status == "occurred"
        pool = nearest_first(self.dates(occurred), offset)
        draft.date = date_near(pool, offset)
        if not occurred:
            return
        if draft.date is None:
            draft.date, draft.carried = self.carried, self.carried is not None and not self.heading
        elif self.ref is None or is_recent(draft.date, self.ref, self.exact):
            self.carried, self.heading = draft.date, False

    def announce(self, draft: Draft, today: str, offset: int) -> None:
        """An act told without a cue of the future but dated after the news ("the visit to
        X (7-9 March)" in a release of 6 March) is planned."""
        if draft.date is not None and not draft.carried:
            if draft.date > today:
                draft.status = "planned"
            return
        ahead = [
            d
            for d in self.dates(False)
            if not d.relative and d.day > today and abs(d.offset - offset) <= AHEAD_CHARS
        ]
        if ahead:
            draft.status, draft.date, draft.carried = "planned", ahead[0].day, False

    def leave(self, had_events: bool) -> None:
        """A sentence with no act can still give the day of the news ("said on Monday")."""
        if had_events:
            return
        if self.ref is None or not (DIGIT.search(self.text) or DAY_WORD.search(self.text)):
            return
        if len(self.text.split()) <= HEADING_WORDS and self.text.rstrip()[-1:] not in ".!?":
            self.found(future=False)
            if self.written:  # "Monday 9 June" over an agenda's lines: their day, past or to come
                self.carried, self.heading = self.written[0].day, True
                return
        recent = [
            d
            for d in self.dates(True)
            if is_recent(d.day, self.ref, self.exact) and not self.dates_other_act(d.offset)
        ]
        if recent:
            self.carried, self.heading = recent[-1].day, False

    def dates_other_act(self, offset: int) -> bool:
        """The date at ``offset`` dates an act the sentence only names ("held ... on")."""
        return self.other_act.search(self.text[max(0, offset - 40) : offset]) is not None


class EventFinder:
    """Trigger matcher and role rules, built once per extractor."""

    def __init__(self, gaz: Gazetteer, nlp: Any, lex: Lexicon) -> None:
        self.gaz = gaz
        self.lex = lex
        words = "|".join(re.escape(w) for w in gaz.cues.get("dated_other_act", ()))
        # a participle then a preposition: "the forum held in Lima on", not "held talks on"
        self.other_act = re.compile(
            rf"\b(?:{words})\s+(?:in|at|on)\b[^.;]*$" if words else r"(?!)", re.I
        )
        self.specs: dict[str, dict[str, Any]] = {}
        for number, spec in enumerate(gaz.triggers):
            self.specs[f"{spec.get('id', 'trigger')}#{number}"] = spec
        self.by_id: dict[int, dict[str, Any]] = {}  # match id -> spec, as ids come
        # per article: a kept match's span -> the shorter matches it overlaps
        self.shadowed: dict[tuple[int, int], list[tuple[dict[str, Any], int, int]]] = {}
        self.codes: dict[tuple[str, str], Codes] = {}
        self.matcher = TriggerMatcher(
            nlp.vocab, [(name, spaced(spec["pattern"])) for name, spec in self.specs.items()]
        )
        self.actor_cues = ActorCues.from_gazetteer(gaz)
        self.context_cues = ContextCues.from_gazetteer(gaz, lex)
        cues = gaz.cues
        self.planned = Phrases(cues.get("planned", ()))
        self.intended = Phrases(cues.get("intended", ()))
        self.performative = Phrases(cues.get("performative", ()))
        self.blockers = Phrases(cues.get("not_event_before", ()))
        self.negated_before = Phrases(cues.get("negated_before", ()))
        self.negated_after = Phrases(cues.get("negated_after", ()))
        self.negation_keeps = frozenset(cues.get("negation_keeps", ()))
        self.call_cues = whole_words(cues.get("call_cues", ()))
        self.call_words = whole_words([*cues.get("call_cues", ()), *cues.get("call_phrases", ())])
        self.background = frozenset(cues.get("background_cues", ()))
        self.visit_frames = tuple(cues.get("visit_frames", ()))
        self.group_lists = Phrases(cues.get("group_list_openers", ()))
        self.discussion = Phrases(cues.get("discussion_cues", ()))
        self.series_openers = [tuple(c.split()) for c in cues.get("series_openers", ())]
        self.presence_openers = [tuple(c.split()) for c in cues.get("presence_openers", ())]
        self.word_lists = gaz.words

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
        roles.call_frame = self.speaks_of_call(article.title or article.text[:200])
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
            found = [d for d in found if not self.bygone(doc, sent, d.trigger, year)]
            days.enter(sent.text)
            for draft in found:
                days.assign(draft, tokens_of(doc).idx[draft.trigger] - sent.char_start)
                if draft.carried and ref is not None and exact and self.speaks(sent.text):
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
        return [], (state, self.status(doc, sent, sent.start + k, "VISIT"))

    def series_events(self, doc: Any, sent: Sentence, roles: Roles) -> list[Draft]:
        """More acts of a series the sentence continues ("The others received were ...")."""
        found = roles.continued(self.series_openers, self.presence_openers)
        return [self.draft(doc, sent, b.type, b.actors, sent.start, b.key, b.place) for b in found]

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
            if self.blocked(doc, sent, start):
                continue
            if self.negated(doc, sent, start, end):
                if spec["type"] == "INVITATION":  # "declined the invitation to visit X"
                    invitation = (end, min(sent.end, end + INVITED_VISIT_TOKENS))
                continue
            if spec.get("call_frame") and not (roles.call_frame or self.speaks_of_call(sent.text)):
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
                if draft.status != "occurred" and self.is_next_round(doc, start, end):
                    draft.actors = states_of(roles, actors) or actors
                    draft.next_round = True
                if draft.status != "occurred":
                    draft.agreed = not self.word_lists.agreement_verbs.isdisjoint(
                        roles.words(max(sent.start, start - AGREED_REACH), start)
                    )
                if draft.status == "occurred" or not self.discussed(doc, sent, start):
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
                if self.discussed(doc, sent, start):
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

    def speaks_of_call(self, text: str) -> bool:
        """Whether a line speaks of a telephone or video call ("Secretary X's Call with Y")."""
        return self.call_words.search(text) is not None

    def discussed(self, doc: Any, sent: Sentence, start: int) -> bool:
        """An act named only as what was discussed ("discussed the preparation of the next
        meeting", "the agenda included the next round of consultations"), with no one
        committing to it ("agreed to hold", "will hold") in between."""
        words = tokens_of(doc).lower[sent.start : start]
        i = self.discussion.first_in(words)
        return i is not None and not self.word_lists.commitment_words & set(words[i:])

    def is_next_round(self, doc: Any, start: int, end: int) -> bool:
        """ "agreed to hold the next round of consultations": talks between the states, not
        between the persons who agreed on them."""
        round_words = self.word_lists.next_round_words
        return any(w in round_words for w in tokens_of(doc).lower[start:end])

    def speaks(self, text: str) -> bool:
        """A statement in the publisher's own voice ("We extend our condolences"): it is
        made on the day of the release, not on the day of the news it answers."""
        return text.split(" ", 1)[0].lower() in self.word_lists.first_person_openers

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
        status = self.status(doc, sent, trigger, event_type)
        return Draft(event_type, status, actors, sent, trigger, key, place, sentences=[sent])

    def status(self, doc: Any, sent: Sentence, trigger: int, event_type: str) -> str:
        """occurred, planned or intended, from cue words around the trigger."""
        lower = tokens_of(doc).lower
        lo, hi = max(sent.start, trigger - 10), min(sent.end, trigger + STATUS_AFTER)
        if event_type == "INVITATION":
            lo, hi = max(sent.start, trigger - 3), trigger
            if not self.word_lists.invitation_answers.isdisjoint(lower[lo:hi]):
                return "occurred"  # "accepted the invitation": it was extended
        if event_type in EXPRESSIVE:
            # what is supported or wished for comes after: "support for X hosting the summit"
            hi = min(hi, trigger + 2)
            if self.performative.first_in(lower[lo:trigger]) is not None:
                return "occurred"  # "I would like to convey my condolences" conveys them
        words = lower[lo:hi]
        if event_type not in EXPRESSIVE and self.intended.first_in(words) is not None:
            return "intended"
        if self.planned.first_in(words) is not None:
            return "planned"
        return "occurred"

    def blocked(self, doc: Any, sent: Sentence, start: int) -> bool:
        """A trigger that names no act of its own ("importance of signing", "sidelines of"),
        or an act recalled as background ("recalled his visit to X in 2016")."""
        lower = tokens_of(doc).lower
        if self.blockers.ends(lower[max(sent.start, start - 4) : start]):
            return True
        before = lower[max(sent.start, start - BACKGROUND_TOKENS) : start]
        return not self.background.isdisjoint(before)

    def negated(self, doc: Any, sent: Sentence, start: int, end: int) -> bool:
        """An act denied, refused or called off: "did not meet", "refused to visit", "no
        meeting", "declined the invitation", "cancelled his visit", "the signing was
        postponed". Such an act is not done and no longer planned, so it is no event; "not
        only met" and "no later than" deny nothing."""
        lower = tokens_of(doc).lower
        lo = max(sent.start, start - NEGATION_TOKENS)
        for k in range(start - 1, lo - 1, -1):  # the trigger's own clause only
            if lower[k] in CLAUSE_EDGES:
                lo = k + 1
                break
        words = lower[lo:end]  # with the trigger's own words: "has shunned meetings"
        i = self.negated_before.first_in(words)
        if i is not None and (words[i + 1 : i + 2] or [""])[0] not in self.negation_keeps:
            return True
        hi = min(sent.end, end + STATUS_AFTER)
        for k in range(end, hi):  # "the visit of X to Y was cancelled", not a later clause
            if lower[k] in CLAUSE_EDGES and lower[k] not in CLAUSE_WORDS:
                hi = k
                break
        return self.negated_after.first_in(lower[end:hi]) is not None

    def bygone(self, doc: Any, sent: Sentence, start: int, year: int | None) -> bool:
        """An act dated by a year before the news ("visited Madrid in 2009", "in 2007,
        during his official visit"); ``year`` is the news' year."""
        if year is None or not any(cue in sent.text for cue in YEAR_CUES):
            return False
        tokens = tokens_of(doc)
        before = tokens.span(max(sent.start, start - BACKGROUND_TOKENS), start)
        after = tokens.span(start, min(sent.end, start + BACKGROUND_TOKENS * 2))
        years = [int(y) for y in YEAR_RE.findall(after)] or [
            int(y) for y in YEAR_RE.findall(before)[-1:]
        ]
        return bool(years) and years[0] < year

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


def whole_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-blind pattern finding any of ``phrases`` as whole words."""
    words = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.I) if words else re.compile(r"(?!)")


def long_past(draft: Draft, ref: date) -> bool:
    """An act done more than a year before the news it is told in: background, not news."""
    if draft.status != "occurred" or draft.date is None:
        return False
    try:
        day = date.fromisoformat(draft.date)
    except ValueError:
        return False
    return (ref - day).days > PAST_NEWS_DAYS


def latest_year(text: str) -> int | None:
    """The latest year an undated article names: its news is of that year or later."""
    years = [int(y) for y in ANY_YEAR.findall(text)]
    return max(years) if years else None


def nearest_first(dates: list[FoundDate], offset: int) -> list[FoundDate]:
    """The dates an act can take: a written date wins over a weekday or "today" (often
    the day of the report), unless the relative one stands right by the trigger."""
    explicit = [d for d in dates if not d.relative]
    if not explicit:
        return dates
    return explicit + [d for d in dates if d.relative and abs(d.offset - offset) <= NEAR_CHARS]


def states_of(roles: Roles, actors: Sequence[Actor]) -> list[Actor]:
    """The states of sides named only as "the parties", when each has a different one."""
    states = [roles.index.country_of(a) for a in actors]
    if not all(a.implicit for a in actors) or None in states or len(set(states)) < len(states):
        return []
    pairs = zip(states, actors, strict=True)
    return [Actor("country", str(c), a.start, a.end, implicit=True) for c, a in pairs]


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


def spaced(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A token pattern that also matches across line breaks (hard-wrapped text)."""
    out: list[dict[str, Any]] = []
    for i, token in enumerate(pattern):
        if i:
            out.append({"IS_SPACE": True, "OP": "?"})
        out.append(token)
    return out


class Phrases:
    """Cue phrases ("to be held") looked up in a word list by their first and last words,
    instead of each phrase tried at each word."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.split())
            if words:  # a blank cue names nothing
                self.by_first.setdefault(words[0], []).append(words)
                self.by_last.setdefault(words[-1], []).append(words)

    def first_in(self, words: Sequence[str]) -> int | None:
        """Where the first phrase in ``words`` starts, or None."""
        if self.by_first.keys().isdisjoint(words):
            return None  # no phrase starts on any of the words (the common answer, in C)
        for i, word in enumerate(words):
            for phrase in self.by_first.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return i
        return None

    def ends(self, words: Sequence[str]) -> bool:
        """Whether ``words`` ends with a phrase."""
        if not words:
            return False
        for phrase in self.by_last.get(words[-1], ()):
            if len(words) >= len(phrase) and tuple(words[-len(phrase) :]) == phrase:
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
        if twin.headline and not draft.headline:  # the body tells the act more exactly
            twin.status, twin.headline = draft.status, False
            if draft.date is not None:
                twin.date, twin.carried = draft.date, draft.carried
        if twin.date is None or (twin.carried and draft.date and not draft.carried):
            twin.date, twin.carried = draft.date, draft.carried
        twin.place = twin.place or draft.place
    return [
        d for d in out if not any(d is not o and (inside(d, o) or one_by_one(d, o)) for o in out)
    ]


def one_by_one(some: Draft, counted: Draft) -> bool:
    """ "signed agreements" of the sides whose signing the article reports document by
    document: those documents, not one more."""
    return (
        some.key.startswith(UNCOUNTED_KEY)
        and counted.type == some.type
        and not counted.key.startswith(UNCOUNTED_KEY)
        and sides_of(counted) == sides_of(some)
    )


def merge_receivers(drafts: list[Draft], state_of: Callable[[Actor], str | None]) -> list[Draft]:
    """One message is one act: a sender's condolences "to the people of X" and "to
    President Y of X" of one status are one act to Y (the more specific side)."""
    out: list[Draft] = []
    for draft in drafts:
        twin = next((d for d in out if same_message(d, draft, state_of)), None)
        if twin is None:
            out.append(draft)
            continue
        if twin.actors[1].kind == "country" and draft.actors[1].kind != "country":
            twin.actors = draft.actors
        if draft.sentence not in twin.sentences:
            twin.sentences.append(draft.sentence)
        if twin.date is None:
            twin.date, twin.carried = draft.date, draft.carried
    return out


def same_message(a: Draft, b: Draft, state_of: Callable[[Actor], str | None]) -> bool:
    """Two directed acts of one sender and status to one state (one side named by its state)."""
    if a.type != b.type or a.type not in QUOTED or a.status != b.status:
        return False
    if len(a.actors) != 2 or len(b.actors) != 2 or sender_of(a) != sender_of(b):
        return False
    one, two = a.actors[1], b.actors[1]
    if "country" not in {one.kind, two.kind}:
        return False
    return state_of(one) is not None and state_of(one) == state_of(two)


def absorb(drafts: list[Draft], index: ActorIndex) -> list[Draft]:
    """One event per act, told at two levels: an act between states or organisations only
    ("Chile and Peru signed an agreement", a headline) is the act of the same type between
    their named persons that the article reports ("the ministers X and Y signed it")."""
    out: list[Draft] = []
    for draft in drafts:
        if draft.next_round or any(a.kind == "person" for a in draft.actors):
            out.append(draft)  # the next round is no retelling of the talks held
            continue
        big = next((o for o in drafts if o is not draft and told_by(draft, o, index)), None)
        if big is None:
            out.append(draft)
        elif draft.sentence not in big.sentences:
            big.sentences.append(draft.sentence)
            big.date = big.date or draft.date
            big.place = big.place or draft.place
    return out


def told_by(small: Draft, big: Draft, index: ActorIndex) -> bool:
    """Whether every state or organisation side of ``small`` is a person side of ``big``'s
    (by the person's affiliation) or one of its sides, for an act of the same type."""
    if small.type != big.type or not any(a.kind == "person" for a in big.actors):
        return False
    if small.status != big.status and small.type not in CONSULT | {"VISIT"}:
        return False
    if len(small.actors) > len(big.actors):
        return False
    left = list(big.actors)
    for side in small.actors:
        match = next((b for b in left if stands_for(side, b, index)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def stands_for(side: Actor, other: Actor, index: ActorIndex) -> bool:
    """Whether a state or organisation side names the same party as ``other``."""
    if (side.kind, side.key) == (other.kind, other.key):
        return True
    if other.kind != "person":
        return False
    person = index.persons[int(other.key)]
    if side.kind == "country":
        return person.country == side.key
    org = index.orgs.get(side.key)
    return person.org is not None and person.org in {
        side.key,
        org and org.acronym,
        org and org.name,
    }


def told(drafts: list[Draft]) -> list[Draft]:
    """A headline's trip gives way to the body's report of it with more travellers."""
    return [
        d
        for d in drafts
        if not d.headline
        or not any(
            o.type == d.type and not o.headline and sides_of(d) < sides_of(o) for o in drafts
        )
    ]


def sides_of(draft: Draft) -> frozenset[tuple[str, str]]:
    return frozenset((a.kind, a.key) for a in draft.actors)


def same_act(a: Draft, b: Draft) -> bool:
    return (
        a.type == b.type
        and a.key == b.key
        and sides_of(a) == sides_of(b)
        and (a.status == b.status or (a.type in CONSULT | {"VISIT"} and not (a.agreed or b.agreed)))
        and (a.type not in DIRECTED or sender_of(a) == sender_of(b))
    )


def sender_of(draft: Draft) -> tuple[str, str] | None:
    """Who acts in a directed act: its first side."""
    return (draft.actors[0].kind, draft.actors[0].key) if draft.actors else None


def inside(small: Draft, big: Draft) -> bool:
    """A plain meeting whose sides are a strict part of another meeting or call's."""
    if small.type != "MEETING" or small.key not in {"", "conjoint"}:
        return False
    if big.type not in CONSULT or (big.status != small.status and small.key != "conjoint"):
        return False
    if big.type != small.type or (small.key == "conjoint" and big.key != "conjoint"):
        return sides_of(small) <= sides_of(big)
    return sides_of(small) < sides_of(big)


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
