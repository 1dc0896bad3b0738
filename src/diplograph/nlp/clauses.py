"""The clauses and actor groups of the sentence an event's sides are read in, shared by
every trigger form: where a clause ends, the subjects before and the objects after a
trigger, who sends a message, the sides of a list, states standing for their one official,
places and nouns (``Clauses``, the base of ``context.Context``); ``dedupe`` for any list of
actors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.nlp.actors import Actor, ActorIndex
from diplograph.nlp.lexicon import Lexicon, Memo
from diplograph.nlp.records import Sentence
from diplograph.nlp.sentences import tokens_of
from diplograph.nlp.words import Words

QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
QUOTED_NAME_TOKENS = 4
APPOSITION = 8  # "Kenyan counterpart, Foreign Minister X": the most words between the two


class Clauses:
    """The current sentence read for the sides of its events: its clauses, the subjects
    before and the objects after a trigger, groups of sides, officials, places and nouns.
    The base of ``context.Context``, which sets what is declared here."""

    lex: Lexicon
    doc: Any
    index: ActorIndex
    breaks_at: dict[str, list[tuple[str, ...]]]  # first word -> clause breaks
    nouns: dict[str, frozenset[str]]
    long_starts: dict[str, frozenset[str]]
    word_lists: Words
    topic: Actor | None  # the person spoken of, carried from sentence to sentence
    sent: Sentence | None
    actors: list[Actor]
    known_breaks: list[int]
    verb_breaks: Memo

    @property
    def sent_start(self) -> int:
        """First token of the current sentence."""
        return self.sent.start if self.sent is not None else 0

    def words(self, a: int, b: int) -> list[str]:
        return self.index.lower[max(a, 0) : b]

    def is_break(self, k: int) -> bool:
        """Whether a clause break starts at token ``k``."""
        lower = self.index.lower
        if lower[k] in QUOTE_MARKS and self.quotes_name(k):
            return False
        text = self.index.texts[k]
        if len(text) > 1 and text.isupper() and text.isalpha():
            return False  # an acronym ("the WHO Director"), not the word it spells
        if text == ";" and self.list_item_after(k):
            return False  # "met the Minister of X, A; the Minister of Y, B; and ..."
        for phrase in self.breaks_at.get(lower[k], ()):
            if tuple(lower[k : k + len(phrase)]) == phrase:
                return True
        return self.verb_breaks[self.index.texts[k]]

    def list_item_after(self, k: int) -> bool:
        """Whether the words after a semicolon open another item of a list of officials:
        ("and") ("the") an office title ("the Minister of Energy, B")."""
        lower = self.index.lower
        j = k + 1
        for word in ("and", "the"):
            j += j < len(lower) and lower[j] == word
        return j < len(lower) and self.lex.is_title_word(self.index.texts[j])

    def quotes_name(self, k: int) -> bool:
        """A quote mark around a short name ("Aurora"), not one opening or closing speech."""
        lower = self.index.lower
        ahead = lower[k + 1 : k + 1 + QUOTED_NAME_TOKENS]
        behind = lower[max(0, k - QUOTED_NAME_TOKENS) : k]
        return any(w in QUOTE_MARKS for w in ahead) or any(w in QUOTE_MARKS for w in behind)

    def clause_end(self, start: int, limit: int = 20) -> int:
        """Token index where the clause after ``start`` ends."""
        assert self.sent is not None
        end = min(self.sent.end, start + limit)
        known = self.known_breaks
        for k in range(start, end):
            found = known[k]
            if found < 0:
                found = known[k] = int(self.is_break(k))
            if found:
                return k
        return end

    def subjects(self, start: int) -> list[Actor]:
        """The actor group nearest before ``start`` (the topic when there is none)."""
        before = [
            a for a in self.actors if a.end <= start and not a.locative and a.form != "compound"
        ]
        group: list[Actor] = []
        edge = start  # where the group reaches back to
        for actor in reversed(before):
            if not group and self.object_of_with(actor):
                continue  # "stands in solidarity with the people of X and is ready to"
            if group and not self.subject_gap(actor.end, edge):
                break
            edge = actor.start
            if group and self.title_state(actor, group[0]):
                continue  # "Minister of X of Finland, H.E. B": B's title names the state
            if self.person_state(actor, before):
                continue  # "Minister B of Finland": the state B serves, no side of its own
            group.insert(0, actor)
        if not group and self.topic is not None:
            group = [self.topic]
        return dedupe(group)

    def object_of_with(self, actor: Actor) -> bool:
        """An actor after "with" ("the talks with X", "solidarity with the people of X"),
        not after "together with" or "along with"."""
        lists = self.word_lists
        k = actor.start - 1
        while k > self.sent_start and self.index.lower[k] in lists.object_fillers:
            k -= 1
        if self.index.lower[k] not in lists.object_prepositions:
            return False
        return self.index.lower[k - 1] not in lists.subject_gap_words

    def subject_gap(self, a: int, b: int) -> bool:
        """Whether tokens a..b may stand between two actors of one subject: "and", titles,
        honorifics, and the state inside a title ("A and Minister of X of India, H.E. B")."""
        gap_words = self.word_lists.subject_gap_words
        inside = [
            (c.start, c.end) for c in self.actors if c.form == "compound" and a <= c.start < b
        ]
        texts, lower = self.index.texts, self.index.lower
        for k in range(a, b):
            w = lower[k]
            if not w.strip() or w in gap_words or self.lex.is_title_word(w):
                continue
            if texts[k] in self.lex.honorifics or any(s <= k < e for s, e in inside):
                continue
            return False
        return True

    def person_state(self, actor: Actor, before: Sequence[Actor]) -> bool:
        """A state just after a person and "of" ("Alda Verro of Finland")."""
        k = actor.start - 1
        if actor.kind != "country" or k <= self.sent_start or self.index.lower[k] != "of":
            return False
        return any(b.kind == "person" and b.end == k for b in before)

    def title_state(self, actor: Actor, person: Actor) -> bool:
        """A state named after "of" in the title of the person that follows it."""
        if actor.kind != "country" or person.kind != "person":
            return False
        if self.index.country_of(person) == actor.key:
            return True
        gap = self.words(actor.end, person.start)
        return self.words(actor.start - 1, actor.start) == ["of"] and "and" not in gap

    def clause_subject(self, start: int) -> list[Actor]:
        """The first actor of the sentence: the subject of "... and was received by X"."""
        assert self.sent is not None
        first = [a for a in self.actors if a.end <= start and not a.locative]
        return first[:1] if first else ([self.topic] if self.topic is not None else [])

    def sender(self, start: int) -> list[Actor]:
        """Who sends an invitation, congratulations or condolences: the first person the
        sentence names before the trigger, else the nearest actor group."""
        assert self.sent is not None
        persons = [a for a in self.actors if a.end <= start and a.kind == "person"]
        skips = self.word_lists.sender_skips  # "from X"; "along with X, Y sent"
        persons = [a for a in persons if not one_of(self.words(a.start - 1, a.start), skips)]
        if persons:
            if self.words(persons[0].start - 1, persons[0].start) != ["to"]:
                return [persons[0]]
            # "in a letter to A, B invited him": A is addressed, B writes
            later = [a for a in persons[1:] if self.words(a.start - 1, a.start) != ["to"]]
            if later:
                return later[:1]
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
            a
            for a in actors
            if a.kind == "person"
            or not any(self.belongs(p, a) or self.in_apposition(a, p) for p in persons)
        ]
        groups: list[list[Actor]] = []
        for actor in kept:
            if groups and actor.inherited:
                groups[-1].append(actor)
            else:
                groups.append([actor])
        return groups

    def in_apposition(self, state: Actor, person: Actor) -> bool:
        """ "his Kenyan counterpart, Foreign Minister X": the demonym's person named just
        after it (only a person noun, a comma and title words between) is that side."""
        if state.form != "demonym" or not state.end <= person.start <= state.end + APPOSITION:
            return False
        words = self.index.texts[state.end : person.start]
        nouns = self.index.person_nouns
        named = self.index.texts[state.start : person.start]  # "Kenyan counterpart ,"
        return any(w.lower().rstrip("s") in nouns for w in named) and all(
            w == ","
            or w.lower().rstrip("s") in nouns
            or self.lex.is_title_word(w)
            or w in self.lex.honorifics
            for w in words
        )

    def belongs(self, person: Actor, other: Actor) -> bool:
        record = self.index.persons[int(person.key)]
        return other.key in {record.org, record.country}

    def upgrade(self, actors: list[Actor], after: int, bilateral: bool = False) -> list[Actor]:
        """States standing for their one named official become that person."""
        out = []
        for actor in actors:
            if actor.kind == "country" and actor.form in {"name", "capital", "compound", "demonym"}:
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
        """The first place named in tokens a..b ("in Lusaka")."""
        for actor in self.actors:
            if a <= actor.start < b and actor.locative:
                return tokens_of(self.doc).span(actor.start, actor.end)
        return None

    def setting_place(self, start: int) -> str | None:
        """The place of an opening setting ("On the sidelines of the X in New York, ...")."""
        assert self.sent is not None
        opener = self.index.lower[self.sent.start]
        if opener not in self.word_lists.setting_openers:
            return None
        trip = opener in self.word_lists.setting_trip_openers
        comma = (
            self.words(self.sent.start, start).index(",")
            if "," in self.words(self.sent.start, start)
            else start - self.sent.start
        )
        for actor in self.actors:
            if actor.start >= self.sent.start + comma:
                break
            before = self.words(actor.start - 1, actor.start)
            if actor.locative and one_of(before, self.word_lists.setting_place_prepositions):
                return tokens_of(self.doc).span(actor.start, actor.end)
            if trip and actor.locative and self.trip_to(actor.start):
                return tokens_of(self.doc).span(actor.start, actor.end)  # "During his visit to X,"
        return None

    def trip_to(self, k: int) -> bool:
        """ "visit to", "trip to" just before token ``k``: ``k`` names the trip's destination."""
        words = self.words(k - 2, k)
        trips = self.word_lists.setting_trip_nouns
        return len(words) == 2 and words[1] == "to" and words[0] in trips

    def has_noun(self, a: int, b: int, key: str) -> int | None:
        """Index of the first word of ``key``'s noun list in a..b (two-word nouns too, and a
        noun numbered in one word: "COP31" is a "cop")."""
        nouns = self.nouns[key]
        words = self.words(a, b)
        for i, word in enumerate(words):
            pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
            if word in nouns or pair in nouns or numbered(word) in nouns:
                return a + i
            if word in self.long_starts[key] and any(
                " ".join(words[i : i + n]) in nouns for n in (3, 4)
            ):
                return a + i  # "meeting of the heads", "heads of government meeting"
        return None

    def after_phrase(self, phrase: tuple[str, ...]) -> int | None:
        assert self.sent is not None
        words = self.words(self.sent.start, self.sent.end)
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return self.sent.start + i + len(phrase)
        return None

    def others(self, senders: Sequence[Actor], actors: Sequence[Actor]) -> list[Actor]:
        """The actors that are not the sender's own state ("the support of Norway for X",
        "congratulations from the leadership of X to Y" are sent to another state)."""
        own = {self.index.country_of(a) for a in senders} - {None}
        return [a for a in actors if a.kind == "person" or self.index.country_of(a) not in own]


def one_of(words: Sequence[str], options: frozenset[str]) -> bool:
    """Whether ``words`` is a single word of ``options``."""
    return len(words) == 1 and words[0] in options


def numbered(word: str) -> str:
    """A word without the number written onto it ("cop31" -> "cop"); "" when it has none."""
    if not word[-1:].isdigit():
        return ""
    stem = word.rstrip("0123456789")
    return stem if stem.isalpha() else ""


def dedupe(actors: Sequence[Actor]) -> list[Actor]:
    """Actors without repeats, in order."""
    seen: set[tuple[str, str]] = set()
    out: list[Actor] = []
    for actor in actors:
        if (actor.kind, actor.key) not in seen and actor.kind in {
            "person",
            "organization",
            "country",
        }:
            seen.add((actor.kind, actor.key))
            out.append(actor)
    return out
