"""Who a sentence speaks of: named persons, organisations and states, and the implicit
references that stand for them ("the parties", "the Zambian envoy", "the Director
General", "the head of the agency", "he") resolved to the persons the article means."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from typing import Any, Literal, NamedTuple

from diplograph.models import ActorKind, Participant
from diplograph.nlp.gazetteer import Gazetteer, Org
from diplograph.nlp.places import country_name
from diplograph.nlp.records import GazetteerMatch, PersonMention, PersonRecord, Sentence
from diplograph.nlp.sentences import tokens_of
from diplograph.nlp.words import Words

TITLE_PREPOSITIONS = frozenset({"with", "for"})  # "Relations with the", "Minister for the"
QUOTE_WORDS = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})


# the kinds an Actor has: the public ones, and two resolved later from context ("the two
# ministers", "he"); a gazetteer match of an organisation ("org") is an "organization"
ReferenceKind = ActorKind | Literal["group", "pronoun"]
ACTOR_OF_MATCH: dict[str, ActorKind] = {"country": "country", "org": "organization"}


DASHES = frozenset({"-", "–"})
DATELINE_WORDS = 3  # "ADDIS ABABA –", "NEW YORK –"


class Actor(NamedTuple):  # a named tuple: made hundreds of times an article, made fast
    """One side an event can have: ``kind`` person/org/country and its ``key`` (person
    index, organisation label or ISO3). ``start``/``end`` locate the reference in tokens;
    ``locative`` marks a state named as a place ("in Lusaka"); ``implicit`` a reference
    resolved from context; ``inherited`` a person whose state was given for a whole list."""

    kind: ReferenceKind
    key: str
    start: int
    end: int
    locative: bool = False
    implicit: bool = False
    inherited: bool = False
    form: str = ""


@dataclass(frozen=True)
class ActorCues:
    """The word lists actors are read with, built once per extractor."""

    gaz: Gazetteer
    words: Words  # the lists of ``words.json``
    person_nouns: frozenset[str]
    describing: frozenset[str]  # words that may stand in a description before its head noun
    demonym_states: dict[str, str]  # lower-cased demonym -> ISO3, for one not matched as a name
    group_refs: dict[str, list[tuple[str, ...]]]  # first word -> references, longest first
    single_words: frozenset[str]  # the words that are an implicit reference on their own
    first_pairs: frozenset[tuple[str, str]]  # the first two words of longer group references
    first_words: frozenset[str]  # the words any implicit reference starts with

    @classmethod
    def from_gazetteer(cls, gaz: Gazetteer) -> ActorCues:
        person_nouns = frozenset(gaz.cues.get("person_nouns", ()))
        refs = [tuple(ref.split()) for ref in gaz.cues.get("group_refs", ())]
        group_refs: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(refs, key=lambda w: -len(w)):
            group_refs.setdefault(words[0], []).append(words)
        demonyms = demonym_states(gaz)
        cue_words = frozenset(w.lower() for w in gaz.cues.get("describing_words", ()))
        titles = gaz.word_set("words") | gaz.word_set("heads")
        pronouns = gaz.words.pronouns
        return cls(
            gaz=gaz,
            words=gaz.words,
            person_nouns=person_nouns,
            describing=cue_words | frozenset(demonyms) | titles,
            demonym_states={d: iso3 for d, iso3 in demonyms.items() if iso3},
            group_refs=group_refs,
            single_words=pronouns | person_nouns | {w[0] for w in refs if len(w) == 1},
            first_pairs=frozenset((w[0], w[1]) for w in refs if len(w) > 1),
            first_words=pronouns | person_nouns | {w[0] for w in refs},
        )


def demonym_states(gaz: Gazetteer) -> dict[str, str]:
    """Every state's demonyms, lower-cased, each with its state ("" for one several states
    share, such as "congolese"); abbreviations ("US") are left out, being words in lower case."""
    out: dict[str, str] = {}
    for country in gaz.countries.values():
        for demonym in country.demonyms:
            if demonym.isupper() or "." in demonym:
                continue
            word = demonym.lower()
            out[word] = country.iso3 if out.get(word, country.iso3) == country.iso3 else ""
    return out


class ActorIndex:
    """Actors of one article, sentence by sentence, and their public participant form."""

    def __init__(
        self,
        cues: ActorCues,
        doc: Any,
        persons: Sequence[PersonRecord],
        person_mentions: Sequence[PersonMention],
        mention_at: Sequence[GazetteerMatch | None],
        orgs: Sequence[Org],
    ) -> None:
        self.gaz = cues.gaz
        self.word_lists = cues.words
        self.doc = doc
        self.persons = persons
        self.person_mentions = person_mentions
        self.datelines: dict[int, int] = {}  # a sentence -> the dash after its dateline, or -1
        self.mention_at = mention_at
        self.org_list = orgs
        self.lower = tokens_of(doc).lower
        self.texts = tokens_of(doc).text
        self.covered = [False] * len(doc)
        for pm in person_mentions:
            for k in range(pm.span_start, pm.span_end):
                self.covered[k] = True
        self.person_nouns = cues.person_nouns
        self.describing = cues.describing
        self.demonym_states = cues.demonym_states
        self.group_refs = cues.group_refs
        # where the rules below can find anything: the sentences' other tokens are skipped
        # (the positions to test are picked by ``compress``, in C: most tokens are none)
        covered = self.covered
        self.named = [
            k
            for k in compress(range(len(mention_at)), mention_at)  # a match is a truthy tuple
            if not covered[k] and mention_at[k].kind != "region"  # type: ignore[union-attr]
        ]
        single, pairs, firsts = cues.single_words, cues.first_pairs, cues.first_words
        lower, last = self.lower, len(self.lower) - 1
        self.cued = [
            k
            for k in compress(range(len(lower)), map(firsts.__contains__, lower))
            if not covered[k]
            and (lower[k] in single or (k < last and (lower[k], lower[k + 1]) in pairs))
        ]
        self.by_start = sorted(person_mentions, key=lambda pm: pm.start)
        self.starts = [pm.start for pm in self.by_start]
        self.name_starts = frozenset(self.starts) | {pm.span_start for pm in self.by_start}

    @cached_property
    def orgs(self) -> dict[str, Org]:
        """The article's organisations by label (made when an organisation is first asked)."""
        return {o.label: o for o in self.org_list}

    # ------------------------------------------------------------------ explicit

    def explicit(self, sent: Sentence) -> list[Actor]:
        """Named persons, organisations and states of a sentence, in text order."""
        out: list[Actor] = []
        for pm in self.by_start[within(self.starts, sent)]:
            out.append(
                Actor(
                    "person",
                    str(pm.person),
                    pm.span_start,
                    pm.span_end,
                    inherited=pm.inherited,
                    form="name",
                )
            )
        k = sent.start
        for i in self.named[within(self.named, sent)]:
            if i < k:
                continue
            m = self.mention_at[i]
            assert m is not None
            actor = None if self.in_title(m, sent) else self.from_mention(m, sent)
            if actor is not None:
                out.append(actor)
            k = m.end
        out.sort(key=lambda a: a.start)
        return out

    def from_mention(self, m: GazetteerMatch, sent: Sentence) -> Actor | None:
        """An organisation or state mention as an actor, or None when it is only a word
        ("Chilean wine exports")."""
        prev = self.lower[m.start - 1] if m.start > sent.start else ""
        nxt = self.lower[m.end] if m.end < sent.end else ""
        if m.kind == "org":
            return Actor("organization", m.key, m.start, m.end, form=m.form)
        prepositions = self.word_lists.place_prepositions
        before = self.mention_at[m.start - 2] if m.start - 2 >= sent.start else None
        locative = (
            (prev in prepositions and not self.origin_of_persons(m.start, sent))
            or m.form == "city"
            or (
                prev == "the"
                and m.start - 2 >= sent.start
                and self.lower[m.start - 2] in prepositions
            )
            # "in Lima, Peru": the state of a city just named
            or (prev == "," and before is not None and before.form in {"city", "capital"})
        )
        # "Chile-Peru", "Chile–Peru": a dash written close; "LIMA – Peru signed" is a dateline
        dash = self.datelines.get(sent.index)
        if dash is None:
            dash = self.datelines[sent.index] = self.dateline_dash(sent)
        compound = (nxt in DASHES and m.end != dash) or (prev in DASHES and m.start - 1 != dash)
        if m.form == "people":
            return Actor("country", m.key, m.start, m.end, form="people")
        if m.form == "demonym":
            if compound:
                return Actor("country", m.key, m.start, m.end, form="compound")
            if not self.demonym_stands_alone(m, sent):
                return None
            return Actor("country", m.key, m.start, m.end, form="demonym")
        if compound:
            return Actor("country", m.key, m.start, m.end, form="compound")
        return Actor("country", m.key, m.start, m.end, locative=locative, form=m.form)

    def dateline_dash(self, sent: Sentence) -> int:
        """The dash after a sentence's opening dateline in capitals ("OSLO – Norway and
        Kenya signed"): no compound of the names on its two sides; else -1."""
        texts = self.texts
        k = sent.start
        while k < sent.end and k < sent.start + DATELINE_WORDS and texts[k].isupper():
            k += 1
        if k == sent.start or k >= sent.end or texts[k] not in DASHES:
            return -1
        return k if tokens_of(self.doc).trailing(k) else -1

    def in_title(self, m: GazetteerMatch, sent: Sentence) -> bool:
        """ "Minister in charge of Relations with the Commonwealth, Ana Ruiz": a body or
        state a title is for, just before the name it titles, is no side of its own."""
        if m.start - 3 <= sent.start or m.end + 1 >= sent.end or self.lower[m.end] != ",":
            return False
        before = self.lower[m.start - 2 : m.start]
        return (
            before[-1] == "the"
            and before[0] in TITLE_PREPOSITIONS
            and self.texts[m.start - 3][:1].isupper()  # a title's words: "Relations with"
            and not self.name_starts.isdisjoint((m.end + 1, m.end + 2))
        )

    def origin_of_persons(self, k: int, sent: Sentence) -> bool:
        """ "ministers from Chile": the state persons come from, not a place."""
        if k - 2 < sent.start or self.lower[k - 1] != "from":
            return False
        word = self.lower[k - 2]
        return word in self.person_nouns or word.rstrip("s") in self.person_nouns

    def demonym_stands_alone(self, m: GazetteerMatch, sent: Sentence) -> bool:
        """A demonym is an actor before a person noun ("the Zambian side") or a state's
        institution ("the Somali Ministry of Health")."""
        if m.end < sent.end and self.lower[m.end] in self.word_lists.state_institution_nouns:
            return True
        for k in range(m.end, min(sent.end, m.end + 3)):
            word = self.texts[k].lower()
            if word in self.person_nouns or word.rstrip("s") in self.person_nouns:
                return True
        return False

    # ------------------------------------------------------------------ implicit

    def implicit(self, sent: Sentence, explicit: Sequence[Actor]) -> list[Actor]:
        """Pronouns, group words and descriptions ("the head of the agency") in a
        sentence."""
        cued = self.cued[within(self.cued, sent)]
        if not cued:
            return []
        taken = {k for a in explicit for k in range(a.start, a.end)}
        out: list[Actor] = []
        k = sent.start  # where the next reference can start (a group reads several words)
        subject, possessive = self.word_lists.subject_pronouns, self.word_lists.possessive_pronouns
        for i in cued:
            if i < k or i in taken:
                continue
            k = i + 1
            group = self.group_at(i, sent)
            if group:
                out.append(Actor("group", "", i, i + group, implicit=True))
                k = i + group
                continue
            word = self.lower[i]
            if word in subject or (word in possessive and self.possessive_subject(i)):
                out.append(Actor("pronoun", "", i, i + 1, implicit=True))
            elif word in self.person_nouns:
                desc = self.description(i, sent)
                if desc is not None:
                    out.append(desc)
        return out

    def group_at(self, k: int, sent: Sentence) -> int:
        """Length of a group reference ("the parties") starting at token ``k``, or 0."""
        for words in self.group_refs.get(self.lower[k], ()):
            n = len(words)
            if k + n <= sent.end and tuple(self.lower[k : k + n]) == words:
                return n
        return 0

    def possessive_subject(self, k: int) -> bool:
        """ "his visit", "her delegation": a possessive standing for its owner."""
        if k + 1 >= len(self.doc):
            return False
        return self.texts[k + 1].lower() in self.word_lists.possessed_nouns

    def description(self, k: int, sent: Sentence) -> Actor | None:
        """ "the Zambian envoy", "the Director General", "the head of the agency": a person
        (or, failing one, the state or organisation) the description fits."""
        doc, lists = self.doc, self.word_lists
        a = k
        while a - 1 >= sent.start and self.describes(a - 1):
            a -= 1
        opener = self.texts[a - 1].lower() if a > sent.start else ""
        if a > sent.start and opener not in lists.description_determiners and doc[a - 1].is_alpha:
            return None
        words = {self.texts[i].lower() for i in range(a, k + 1)}
        country = org = None
        end = k + 1
        for i in range(a, min(sent.end, k + 6)):
            m = self.mention_at[i]
            if m is None or m.start != i:
                continue
            between = {w for w in self.lower[k + 1 : i] if w not in QUOTE_WORDS}
            if i < k or between <= lists.description_links:
                country = m.key if m.kind == "country" else country
                org = m.key if m.kind == "org" else org
                end = max(
                    end,
                    m.end + (1 if m.end < sent.end and self.texts[m.end] in QUOTE_WORDS else 0),
                )
            if i > k:
                break
        if country is None and org is None:
            country = self.unmatched_demonym(a, k)
        head = self.lower[k]
        if head in lists.org_nouns:
            org = org or self.org_of_country(country)
            return Actor("organization", org, a, end, implicit=True) if org else None
        here = {m.person for m in self.person_mentions if sent.start <= m.start < sent.end}
        phrase = " ".join(w for w in self.lower[a : k + 1] if w not in self.demonym_states)
        person = self.best_person(words, country, org, head, here, phrase)
        if person is not None:
            return Actor("person", str(person), a, end, implicit=True)
        if org and head == "head":
            return Actor("organization", org, a, end, implicit=True)
        if country:
            return Actor("country", country, a, end, implicit=True, form="demonym")
        return None

    def unmatched_demonym(self, a: int, k: int) -> str | None:
        """The state of a demonym among tokens a..k that no gazetteer name matched (written
        in another case: "the EMIRATI minister"), when only one state has that demonym."""
        for i in range(a, k):
            if self.mention_at[i] is None:
                iso3 = self.demonym_states.get(self.lower[i])
                if iso3:
                    return iso3
        return None

    def org_of_country(self, country: str | None) -> str | None:
        """The national organisation of ``country`` that the article names."""
        for m in self.mention_at:
            if m is not None and m.kind == "org":
                org = self.orgs.get(m.key)
                if org is not None and country and org.country == country:
                    return org.label
        return None

    def describes(self, i: int) -> bool:
        """A word that can stand inside a description before its head noun."""
        word = self.texts[i].lower()
        m = self.mention_at[i]
        if m is not None:
            return m.kind == "country" and m.form == "demonym"
        return word in self.describing

    def best_person(
        self,
        words: set[str],
        country: str | None,
        org: str | None,
        head: str,
        here: Collection[int] = (),
        phrase: str = "",
    ) -> int | None:
        """The person whose office fits a description; None when none or several fit, unless
        one office is the description's very phrase ("the Prime Minister", not the Deputy
        Prime Minister)."""
        fits = []
        titled = []  # the office named, of the state or of no state the text gives
        generic = self.word_lists.generic_heads
        for index, person in enumerate(self.persons):
            title = (person.title or "").lower()
            if (
                head in title
                and index not in here
                and (
                    (country and person.country in {country, None} and not person.org)
                    or (org and person.org in {org, None} and not person.country)
                )
            ):
                titled.append(index)
            if country and person.country != country:
                continue
            if org and person.org != org:
                continue
            if not country and not org and head not in title:
                continue
            if head not in generic and head not in title:
                continue
            fits.append(index)
        exact = [i for i in fits if head in (self.persons[i].title or "").lower()]
        titles = [(self.persons[i].title or "").lower() for i in fits]
        if len(fits) > 1 and " " in phrase and all(phrase in t for t in titles):
            # all hold the words, one as the office itself, the others as its deputy
            named = [i for i, t in zip(fits, titles, strict=True) if office_in(t, [phrase])]
            if len(named) == 1:
                return named[0]
        if not exact and len(titled) == 1:
            # "the Foreign Minister of Cabo Verde" for "Minister X" whose state the text
            # never says, rather than Cabo Verde's ambassador
            return titled[0]
        return fits[0] if len(fits) == 1 else None

    # ------------------------------------------------------------------ output

    def participant(self, actor: Actor) -> Participant:
        """The public form of an actor."""
        if actor.kind == "person":
            p = self.persons[int(actor.key)]
            return Participant("person", p.name, country=p.country, org=p.org)
        if actor.kind == "organization":
            org = self.orgs.get(actor.key)
            name = org.name if org else actor.key
            return Participant("organization", name, acronym=org.acronym if org else None)
        return Participant("country", country_name(self.gaz, actor.key), country=actor.key)

    def country_of(self, actor: Actor) -> str | None:
        """The state an actor belongs to."""
        if actor.kind == "person":
            return self.persons[int(actor.key)].country
        if actor.kind == "country":
            return actor.key
        org = self.orgs.get(actor.key)
        return org.country if org else None


def within(positions: list[int], sent: Sentence) -> slice:
    """The part of a sorted list of token positions that falls in ``sent``."""
    return slice(bisect_left(positions, sent.start), bisect_left(positions, sent.end))


def office_in(title: str, offices: Sequence[str]) -> bool:
    """Whether a lower-cased title is one of ``offices`` ("president", not "vice-president"
    or "vice president")."""
    for office in offices:
        k = title.find(office)
        while k >= 0:
            before = title[:k].split()[-1:]
            if title[k - 1 : k] not in {"-"} and before != ["vice"] and before != ["deputy"]:
                end = k + len(office)
                if end == len(title) or not title[end].isalpha():
                    return True
            k = title.find(office, k + 1)
    return False
