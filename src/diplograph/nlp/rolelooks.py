"""The named searches of ``resources/roles.json`` (the ``look`` of a search): where the
sides of a trigger are looked for, each bounded and filtered as its entry says.

``Looks`` adds them to the sentence context (``context.Context``); ``roles.Roles`` runs an
entry with them. A search's filters (kinds, forms, sides it must not repeat) are applied by
``Roles`` after the look (``roleconditions``), except for the looks that pick one actor by
them (``PICKING``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diplograph.nlp.actors import ACTOR_OF_MATCH, Actor
from diplograph.nlp.argroles import Search, WordRef
from diplograph.nlp.clauses import dedupe, one_of
from diplograph.nlp.context import Context

POSSESSIVE_REACH = 3  # "his official working visit"
SINGULAR_FIRST_PERSON = frozenset({"i", "my", "me"})
PICKING = frozenset(
    {"destination", "visitor", "traveller", "signatories", "owner_before", "owner_after"}
)
MAX_COPIES = 60  # the most documents one signing is read to count ("13 agreements")
SIGNING_BY_REACH = 10  # "the signing of the following instruments by": how far "by" is read
LINE_ITEM_REACH = 6  # how far into a line of a list its document is looked for ("ii. Joint ...")


@dataclass
class Match:
    """One trigger match being read: its line, tokens, the sides found and the noun."""

    spec: dict[str, Any]
    start: int
    end: int
    sides: dict[str, list[Actor]] = field(default_factory=dict)
    noun: int | None = None

    def with_side(self, name: str, actors: list[Actor]) -> Match:
        """The same match with one side replaced."""
        return Match(self.spec, self.start, self.end, {**self.sides, name: actors}, self.noun)


class Looks(Context):
    """The searches an entry of ``roles.json`` can name."""

    def list_of(self, ref: WordRef | None) -> frozenset[Any]:
        """The words of a list named in an entry (``words.json``, or a noun list of
        ``cues.json``), or the words the entry gives."""
        if ref is None:
            return frozenset()
        if isinstance(ref, frozenset):
            return ref
        found = getattr(self.word_lists, ref, None)
        return frozenset(found) if found is not None else self.nouns[ref]

    def look(self, s: Search, m: Match) -> list[Actor]:
        """The actors one search starts from, before its filters."""
        assert self.sent is not None
        look = s.look
        if look == "subject":
            return self.subjects(m.start)
        if look == "clause_subject":
            return self.clause_subject(m.start)
        if look == "sender":
            return self.sender(m.start)
        if look == "speaker":
            return self.speaker(m.start, s)
        if look == "quoted":
            return self.quote_speaker(s, m)
        if look == "right":
            return self.right(s, m)
        if look == "left":
            low = self.sent.start if s.clause is None else self.clause_start(m.start)
            return [a for a in self.actors if low <= a.start < m.start]
        if look == "before":
            low = m.start - (s.max or 0)
            return [a for a in self.actors if low <= a.end < m.start]
        if look == "sentence":
            return list(self.actors)
        if look == "context":
            return self.carried(str(s.name))
        if look == "side":
            return m.sides.get(str(s.name), [])
        return self.picked(s, m)

    def picked(self, s: Search, m: Match) -> list[Actor]:
        """The looks that pick their actor by the search's kinds and forms."""
        look = s.look
        if look == "destination":
            return self.destination_of(s, m.end)
        if look == "visitor":
            host = m.sides.get(s.name or "", [])
            return self.visitor_of(s, m.start, self.index.country_of(host[0]) if host else None)
        if look == "traveller":
            host = m.sides.get(s.name or "", [])
            state = self.index.country_of(host[0]) if host else None
            persons = [a for a in self.subjects(m.start) if a.kind == "person" and a.end <= m.start]
            return [a for a in persons if self.index.country_of(a) != state][-1:]
        if look == "sent_from":
            return self.sent_from(s, m.end)
        if look == "main_clause":
            return self.main_clause(s, m.end)
        if look == "signatories":
            return self.signatories(s, m.start)
        if look == "owner_before":
            return self.owner_before(s, m)
        if look == "owner_after":
            return self.owner_after(s, m)
        raise AssertionError(look)  # argroles admits only the looks above

    def clause_start(self, start: int) -> int:
        """Token index where the clause holding ``start`` begins (after the last break)."""
        assert self.sent is not None
        for k in range(start - 1, self.sent.start - 1, -1):
            if self.is_break(k):
                return k + 1
        return self.sent.start

    def carried(self, name: str) -> list[Actor]:
        """An actor carried from earlier sentences."""
        if name == "last_consult":
            return self.last_consult
        if name == "last_sides":
            return self.last_sides
        one = {
            "topic": self.topic,
            "last_org": self.last_org,
            "last_country": self.last_country,
            "last_visitor": self.last_visitor,
            "last_receiver": self.last_receiver,
        }[name]
        return [one] if one is not None else []

    def right(self, s: Search, m: Match) -> list[Actor]:
        """Actors after the trigger's end (``from`` "inside": after its first token; "noun":
        after the noun), up to the clause end (``clause``) or ``max`` tokens."""
        if s.from_ == "noun":
            assert m.noun is not None
            low = base = m.noun + 1
        else:
            low, base = (m.start + 1 if s.from_ == "inside" else m.end), m.end
        bound: int | None = None
        if s.clause is not None:
            bound = self.clause_end(base, s.clause)
        if s.max is not None:
            bound = base + s.max if bound is None else min(bound, base + s.max)
        if bound is None:
            return [a for a in self.actors if a.start >= low]
        bound += int(s.inclusive)
        return [a for a in self.actors if low <= a.start < bound]

    def speaker(self, start: int, s: Search) -> list[Actor]:
        """Who speaks when the sentence speaks in the first person: the person the page
        names before its first "I" ("Today I met"), else the publishing state ("We extend
        our condolences", "Our agency dispatched")."""
        said = self.list_of(s.words) & set(self.words(self.sent_start, start))
        if not said:
            return []
        if self.page_speaker is not None and said & SINGULAR_FIRST_PERSON:
            speaker = self.page_speaker
            return [Actor(speaker.kind, speaker.key, start, start, implicit=True)]
        if self.home:
            return [Actor("country", self.home, start, start, implicit=True)]
        return []

    def quote_speaker(self, s: Search, m: Match) -> list[Actor]:
        """ "I convey my condolences" (``words`` within ``max`` tokens before the trigger):
        the person the sentence quotes (", he said"), else the one the article last quoted
        or whose message it reported."""
        assert self.sent is not None
        if self.list_of(s.words).isdisjoint(self.words(m.start - (s.max or 0), m.start)):
            return []
        verbs = self.word_lists.speech_verbs
        for actor in self.actors:
            if actor.start >= m.end and actor.kind == "person":
                before, after = (
                    self.words(actor.start - 1, actor.start),
                    self.words(actor.end, actor.end + 1),
                )
                if not verbs.isdisjoint(before + after):
                    return [actor]
        return [self.quoted] if self.quoted is not None else []

    def destination_of(self, s: Search, end: int) -> list[Actor]:
        """The state visited: the first state of the clause after the trigger (and ``slack``
        tokens more), or "the country" the sentence spoke of."""
        assert self.sent is not None
        stop = self.clause_end(end, s.clause or 0) + s.slack
        for actor in self.actors:
            if end <= actor.start < stop and actor.kind in s.kinds:
                if actor.form in s.skip_forms:
                    continue
                return [actor]
        words = self.words(end, min(self.sent.end, end + 4))
        for phrase in self.anaphora:
            named = phrase in (tuple(words[1 : 1 + len(phrase)]), tuple(words[: len(phrase)]))
            states = [a for a in self.actors if a.end <= end and a.kind == "country"]
            found = states[-1] if states else self.last_country
            if named and found is not None:
                return [Actor("country", found.key, end, end, implicit=True)]
        return []

    def visitor_of(self, s: Search, start: int, host: str | None) -> list[Actor]:
        """Who visits: the subject, else a person of the sentence (or the person spoken of)
        not serving the host, named before "invitation of" (``word``)."""
        invited = self.after_phrase(tuple(s.word.split())) if s.word else None
        candidates = self.owner_of_visit(start) + self.subjects(start)
        candidates += [a for a in self.actors if a.kind == "person"]
        if self.topic is not None:
            candidates.append(self.topic)
        phrase_end = self.invitation_end(invited, start)
        for actor in candidates:
            if invited is not None and invited <= actor.start < phrase_end:
                continue  # the inviter
            if actor.kind == "organization":
                actor = self.head_of(actor) or actor  # "NATO Secretary General visits X"
            if actor.kind in s.kinds and self.index.country_of(actor) != host:
                return [self.upgrade([actor], start)[0], *self.companions(actor, start, host)]
        return []

    def invitation_end(self, invited: int | None, start: int) -> int:
        """Where the phrase "at the invitation of X" ends: at the comma that closes it when
        it opens the clause of the trigger ("At the invitation of X, Y will visit"), else
        at the end of the sentence ("Y visited Z at the invitation of X")."""
        assert self.sent is not None
        if invited is None or invited > start:
            return self.sent.end
        lower = self.index.lower
        return next((k for k in range(invited, start) if lower[k] == ","), start)

    def head_of(self, org: Actor) -> Actor | None:
        """The one person of the article who serves an organisation, standing for it."""
        found = self.index.orgs.get(org.key)
        names = {org.key} | ({found.name, found.acronym} if found else set())
        serving = [i for i, p in enumerate(self.index.persons) if p.org and p.org in names]
        if len(serving) != 1:
            return None
        return Actor("person", str(serving[0]), org.start, org.end, implicit=True)

    def companions(self, visitor: Actor, start: int, host: str | None) -> list[Actor]:
        """Persons travelling with the visitor: "X alongside Y", "X, accompanied by Y"."""
        joiners = self.word_lists.companion_words
        out = []
        for actor in self.actors:
            if actor.kind != "person" or actor.end > start or actor.key == visitor.key:
                continue
            lo, hi = (
                (actor.end, visitor.start)
                if actor.end <= visitor.start
                else (visitor.end, actor.start)
            )
            gap = [w for w in self.words(lo, hi) if w.strip() and w != ","]
            if 0 < len(gap) <= 2 and joiners & set(gap) and self.index.country_of(actor) != host:
                out.append(actor)
        return out

    def owner_of_visit(self, start: int) -> list[Actor]:
        """ "hosted X, on the occasion of his working visit": the person named last before
        the possessive pronoun just ahead of the trigger."""
        pronouns = self.word_lists.possessive_pronouns
        for k in range(start - 1, max(self.sent_start, start - POSSESSIVE_REACH) - 1, -1):
            if self.index.lower[k] in pronouns:
                named = [a for a in self.actors if a.kind == "person" and a.end <= k]
                return [a for a in named if not a.implicit][-1:]
        return []

    def sent_from(self, s: Search, end: int) -> list[Actor]:
        """ "conveyed an invitation from <office> X": the actors after ``word`` when it
        follows the trigger in the same clause."""
        if self.words(end, self.clause_end(end, 1))[:1] != [s.word]:
            return []
        stop = self.clause_end(end + 1, s.clause or 0)
        return [a for a in self.actors if end < a.start < stop]

    def main_clause(self, s: Search, end: int) -> list[Actor]:
        """ "Taking part in the summit, the President X": the actors after the first
        ``word`` (a comma) after the trigger, or after the clause when there is none."""
        assert self.sent is not None
        lower = self.index.lower
        mark = next(
            (k for k in range(end, self.sent.end) if lower[k] == s.word),
            self.clause_end(end, s.clause or 0),
        )
        return [a for a in self.actors if a.start > mark]

    def signatories(self, s: Search, start: int) -> list[Actor]:
        """The parties to a signing: the subjects (unless passive), the sides named
        "between X and Y" (``word``, within ``clause``), or the subject and the other side
        of the last meeting."""
        signers = self.signed_by(start)
        if signers:
            return signers
        sides = self.subjects(start) if s.subject else []
        if len(sides) >= 2:
            return sides
        if len(sides) == 1 and sides[0].kind == "person":
            partners = [
                a for a in self.last_consult if (a.kind, a.key) != (sides[0].kind, sides[0].key)
            ]
            if partners:
                return dedupe(sides + partners)
        between = self.after_phrase((str(s.word),))
        if between is not None:
            stop = self.clause_end(between, s.clause or 0)
            named = [a for a in self.actors if between <= a.start < stop and not a.locative]
            if len(dedupe(named)) >= 2:
                return dedupe(named)
        others = [a for a in self.actors if not a.locative and a.form not in s.skip_forms]
        sides = dedupe(sides + [a for a in others if a.kind != "person" or not sides])
        if len(sides) < 2:
            sides = dedupe(sides + self.last_consult + self.last_sides)
        return sides

    def signed_by(self, start: int) -> list[Actor]:
        """The persons a nominal signing names after "by" ("witnessed the signing of the
        agreements by Minister A and Minister B"): they signed, not the witnesses."""
        assert self.sent is not None
        lower = self.index.lower
        if not lower[start].endswith("ing"):
            return []
        by = next(
            (
                k
                for k in range(start + 1, min(self.sent.end, start + SIGNING_BY_REACH))
                if lower[k] == "by"
            ),
            None,
        )
        if by is None:
            return []
        persons = dedupe([a for a in self.actors if a.start > by and a.kind == "person"])
        return persons if len(persons) >= 2 else []

    def owner_before(self, s: Search, m: Match) -> list[Actor]:
        """The state whose mission it is, within ``max`` tokens before the noun: "the
        Peruvian Consulate", or the subject for "its embassy" (``words``)."""
        assert m.noun is not None
        pronouns = self.list_of(s.words)
        floor = m.end if m.noun >= m.end else m.start  # a noun of the trigger's own words
        for k in range(m.noun - 1, max(floor, m.noun - (s.max or 0)) - 1, -1):
            mention = self.mention_at[k]
            kind = ACTOR_OF_MATCH.get(mention.kind) if mention is not None else None
            if mention is not None and kind is not None and kind in s.kinds:
                return [Actor(kind, mention.key, mention.start, mention.end)]
            if self.index.lower[k] in pronouns:
                return self.subjects(m.end)[:1]
        return []

    def owner_after(self, s: Search, m: Match) -> list[Actor]:
        """The state of "the Embassy of (the) X in Y": ``word`` just after the noun, then
        perhaps a determiner (``words``), then a state not named by a city."""
        assert m.noun is not None
        k = m.noun + 1
        if self.words(k, k + 1) != [s.word]:
            return []
        k += 2 if one_of(self.words(k + 1, k + 2), self.list_of(s.words)) else 1
        mention = self.mention_at[k] if k < len(self.mention_at) else None
        kind = ACTOR_OF_MATCH.get(mention.kind) if mention is not None else None
        if mention is None or kind is None or kind not in s.kinds or mention.form in s.skip_forms:
            return []
        return [Actor(kind, mention.key, mention.start, mention.end)]

    def count_listed(self, noun: int, stop: int) -> int:
        """How many more documents a list names after the first: "a Memorandum on X and an
        Agreement on Y" (a joiner, a determiner, perhaps one word, a document noun)."""
        lower, nouns = self.index.lower, self.nouns["document_nouns"]
        joiners, determiners = self.word_lists.list_joiners, self.word_lists.document_determiners
        more = 0
        for k in range(noun + 2, stop):
            if lower[k] not in nouns:
                continue
            for d in (k - 1, k - 2):
                if d > noun and lower[d] in determiners and lower[d - 1] in joiners:
                    more += 1
                    break
        return more

    def count_lines(self) -> int:
        """How many documents a list set out line by line names, when the sentence ends
        with a colon ("the following documents were signed:"): the lines after it that open
        (after a bullet or a number) with a document ("- Agreement on ...", "ii. Memorandum
        of Understanding on ..."), up to the first that does not."""
        assert self.sent is not None
        texts, lower, nouns = self.index.texts, self.index.lower, self.nouns["document_nouns"]
        end = self.sent.end
        while end > self.sent.start and not texts[end - 1].strip():
            end -= 1
        if end == self.sent.start or texts[end - 1] != ":":
            return 0
        count, k, n = 0, end, len(texts)
        while k < n:
            while k < n and not texts[k].strip():
                k += 1  # the line breaks between items
            line = k
            while k < n and "\n" not in texts[k]:
                k += 1
            if not any(w in nouns for w in lower[line : min(k, line + LINE_ITEM_REACH)]):
                break
            count += 1
        return count

    def count_before(self, noun: int, within: int) -> tuple[int, str | None]:
        """How many documents "three Memorandums", "13 agreements", "a decision" name (1
        when unsaid), and the word that says so."""
        assert self.sent is not None
        for k in range(noun - 1, max(self.sent.start, noun - within) - 1, -1):
            word = self.index.lower[k]
            value = self.numbers.get(word)
            if value is None and word.isdigit() and 1 < int(word) <= MAX_COPIES:
                value = int(word)  # a year or a page number is no count of documents
            if value is not None:
                return int(value), word
        return 1, None
