"""The qualifiers of a trigger, read from the cue words around it (as edsnlp's negation
and hypothesis components qualify an entity): whether its act occurred, is planned or
intended; whether the trigger names no act of its own, a denied or called-off act, one
recalled as background or only discussed; and whether a line speaks of a call or in the
publisher's own voice. ``Phrases`` looks the cue phrases up in a sentence's words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from diplograph.nlp.drafts import EXPRESSIVE
from diplograph.nlp.gazetteer import Gazetteer
from diplograph.nlp.records import Sentence
from diplograph.nlp.sentences import tokens_of

BACKGROUND_TOKENS = 8
CLAUSE_EDGES = frozenset({",", ";", ":", "(", ")", "and", "but", "while", "whereas"})
CLAUSE_WORDS = frozenset({"and", "but", "while", "whereas"})  # not the edge of a noun's own
NEGATION_TOKENS = 3  # "did not meet", "cancelled his planned visit", "refused to meet"
STATUS_AFTER = 12  # "talks between the two ministries are to be held"
INTENT_REACH = 7  # "the initiative of the Republic of Kazakhstan to open"
YEAR_RE = re.compile(r"\bin ((?:19|20)\d\d)\b(?![-–/])")
YEAR_CUES = ("in 19", "in 20")  # what a sentence holds where YEAR_RE can match


class Qualifier:
    """What the words around a trigger say of its act (its status; whether it is denied,
    names no act, is recalled background or only discussed), and what a line's own words
    say (a call, the publisher's voice); read from ``cues.json`` and ``words.json``, built
    once per extractor."""

    def __init__(self, gaz: Gazetteer) -> None:
        cues = gaz.cues
        self.planned = Phrases(cues.get("planned", ()))
        self.intended = Phrases(cues.get("intended", ()))
        self.intent_nouns = frozenset(cues.get("intent_nouns", ()))
        self.performative = Phrases(cues.get("performative", ()))
        self.blockers = Phrases(cues.get("not_event_before", ()))
        self.negated_before = Phrases(cues.get("negated_before", ()))
        self.negated_after = Phrases(cues.get("negated_after", ()))
        self.negation_keeps = frozenset(cues.get("negation_keeps", ()))
        self.call_words = whole_words([*cues.get("call_cues", ()), *cues.get("call_phrases", ())])
        self.background = frozenset(cues.get("background_cues", ()))
        self.discussion = Phrases(cues.get("discussion_cues", ()))
        self.word_lists = gaz.words

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
        if event_type not in EXPRESSIVE and (
            self.intended.first_in(words) is not None or self.intent_of(lower, lo, trigger)
        ):
            return "intended"
        if self.planned.first_in(words) is not None:
            return "planned"
        return "occurred"

    def intent_of(self, lower: Sequence[str], lo: int, trigger: int) -> bool:
        """Whether the trigger is the act of a noun of intent before it, through "to" and
        within its clause: "the initiative of Kazakhstan to open an embassy"."""
        if trigger - 1 < lo or lower[trigger - 1] != "to":
            return False
        for k in range(trigger - 2, max(lo, trigger - INTENT_REACH) - 1, -1):
            if lower[k] in CLAUSE_EDGES:
                return False
            if lower[k] in self.intent_nouns:
                return True
        return False

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

    def speaks_of_call(self, text: str) -> bool:
        """Whether a line speaks of a telephone or video call ("Secretary X's Call with Y")."""
        return self.call_words.search(text) is not None

    def speaks(self, text: str) -> bool:
        """A statement in the publisher's own voice ("We extend our condolences"): it is
        made on the day of the release, not on the day of the news it answers."""
        return text.split(" ", 1)[0].lower() in self.word_lists.first_person_openers


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


def whole_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-blind pattern finding any of ``phrases`` as whole words."""
    words = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.I) if words else re.compile(r"(?!)")
