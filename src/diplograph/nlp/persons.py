"""Named persons without a trained NER: who the article names, and whom they serve.

A name counts when the text ties it to an office ("Deputy Minister of Foreign Affairs of
Norway Arvid Lode", "Odile Frambert, Director General of the WHO"), an honorific or style
("Dr", "His Excellency", "Sheikh"), a bracketed gloss, a list of such names, or when the
officials knowledge base knows it (a full name, or the surname of the one leader who bore
it on the article's day). Other mentions ("Minister Lode", "Lode") are then linked to
those persons. The state a person serves comes from the office, a demonym before it,
"of/from <state>" or "(<state>)" after the name, the delegation they head, the list they
stand in; then the office the knowledge base says they held on the article's day; and
only then the publishing ministry's state.

Where a name stands is ``nameruns.NameRuns``; the titles around it ``offices.OfficeTitles``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any

from diplograph.models import fold
from diplograph.nlp.gazetteer import Gazetteer
from diplograph.nlp.lexicon import Lexicon, Memo
from diplograph.nlp.nameruns import HYPHENS, NameRuns
from diplograph.nlp.names import fold_word, same_person, unglued
from diplograph.nlp.offices import APOSTROPHES, OfficeTitles
from diplograph.nlp.officials import Officials
from diplograph.nlp.ordinary import Ordinary
from diplograph.nlp.records import GazetteerMatch, PersonMention, PersonRecord, Sentence
from diplograph.nlp.sentences import tokens_of

POSSESSIVES = frozenset({"’s", "'s"})  # "Hungary's"
INITIAL_ONLY = re.compile(r"^(?:[A-Z]\.){1,2}$")
CLOCK_LINE = re.compile(r"\s*(?:[01]?\d|2[0-3])[:.][0-5]\d\s+[A-Z]")  # "10:00 Meeting with ..."
NAME_WORDS_KEPT = 16384
CONTACT_HEAD = 60  # characters of a line read for a press contact's opener
PHONE = re.compile(r"^\+\d")  # "+370": an international telephone number
RUNNING_WORD = 5  # a lowercase word this long is no title-case filler ("with", "from")
RUNNING_WORDS = 3  # so many of them make a line running text, however many names it has


class PersonFinder(NameRuns, OfficeTitles):
    """Finds person mentions in a document and groups them into persons."""

    def __init__(self, gaz: Gazetteer, officials: Officials | None = None) -> None:
        self.gaz = gaz
        self.lex = Lexicon.from_gazetteer(gaz)
        self.word_lists = gaz.words
        self.officials = officials or Officials(None)
        self.bodies = gaz.word_set("body_nouns")
        self.peers = frozenset(gaz.titles.get("peerages", ()))
        self.offices = [  # longest first, each padded to match whole words
            (f" {' '.join(fold(phrase).split())} ", iso3)
            for phrase, iso3 in sorted(
                gaz.titles.get("office_countries", {}).items(), key=lambda kv: -len(kv[0])
            )
        ]
        self.contact_openers = tuple(gaz.cues.get("contact_openers", ()))
        self.contact_firsts = frozenset(o[:1] for o in self.contact_openers)
        self.contact_words = frozenset(gaz.cues.get("contact_words", ()))
        self.contact_word_firsts = frozenset(w[:1] for w in self.contact_words)
        self.ordinary = Ordinary(lambda: self.officials.name_words)
        # the same words are asked about again and again: their answers are kept
        self.name_words = Memo(self.looks_like_name)
        self.name_word = self.name_words.__getitem__
        self.opens = Memo(self.can_open)
        self.title_words = Memo(self.in_title)
        # the same name forms are compared again and again within an article
        self.same_person = lru_cache(maxsize=NAME_WORDS_KEPT)(same_person)

    def mentions_in(
        self,
        doc: Any,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
        headline: bool,
        openers: list[int],
    ) -> list[PersonMention]:
        """Person mentions of one sentence, with the title and affiliation stated there."""
        tokens = tokens_of(doc)
        texts = tokens.text
        found: list[PersonMention] = []
        runs = self.with_glossed_items(
            doc, sent, self.name_runs(doc, sent, mention_at, openers), mention_at
        )
        for start, end in runs:
            start = self.past_style_pairs(texts, start, end, sent.start)
            if start >= end:
                continue  # "Yang Berhormat": a style, no name
            styled = [k for k in range(start, end - 2) if texts[k] in self.lex.name_styles]
            if styled:
                start = styled[-1] + 1  # "Sheikh X Y" is X Y; "Sheikh X" stays a name
            if all(t in self.lex.name_styles for t in texts[start:end]):
                continue  # "Maj Gen"
            if self.known_opener(doc, start, end, sent, mention_at):
                start -= 1
            else:
                start = self.past_org_words(texts, start, end, sent.start)
            end = self.known_end(doc, start, end, sent, mention_at)
            peer = self.peerage(texts, start, end, sent)
            if peer:
                start, end = min(start, end - 2), peer
            mention = PersonMention(start, end, tuple(texts[start:end]))
            mention.surface = tokens.span(start, end)
            mention.span_start, mention.span_end = start, end
            before = self.title_before(doc, start, sent.start, mention_at)
            after = None if before else self.title_after(doc, end, sent.end, mention_at, start)
            title = before or after
            listed = (
                None if title else self.listed_with_country(doc, start, sent, mention_at, found)
            )
            if listed is not None:
                mention.cued = not headline
                mention.country, mention.title = listed.key, found[-1].title
                mention.span_start = listed.start
                found.append(mention)
                continue
            owner = (
                None if title or headline else self.possessor(texts, start, end, sent, mention_at)
            )
            if owner is not None:
                mention.cued = True  # "Hungary's Anna Kovacs": a person serving Hungary
                self.set_affiliation(mention, owner)
                mention.span_start = owner.start
                self.apply_context(doc, mention, sent, mention_at, found)
                found.append(mention)
                continue
            bracketed = start > sent.start and texts[start - 1] == "["
            initial = len(mention.tokens) > 1 and bool(INITIAL_ONLY.match(mention.tokens[0]))
            honour = self.has_honorific(doc, start, sent.start)
            mention.cued = not headline and bool(title or bracketed or initial or honour or peer)
            if mention.cued and end - start == 1 and not honour:
                mention.cued = not self.in_proper_phrase(texts, start, sent, mention_at)
            if title:
                self.apply_title(doc, mention, title, mention_at)
            if peer and not (mention.country or mention.org):
                mention.country = self.gaz.titles.get("peerage_country")
            if before and not (mention.country or mention.org):
                self.state_after(doc, mention, sent, mention_at)
            if bracketed and start - 2 >= sent.start:
                previous = mention_at[start - 2]
                if previous is not None and previous.kind == "country":
                    mention.country = previous.key
            self.apply_context(doc, mention, sent, mention_at, found)
            if (
                not mention.cued
                and not headline
                and self.list_member(doc, mention, sent, mention_at, found)
            ):
                mention.cued = True
                mention.title = mention.title or found[-1].title
            found.append(mention)
        return found

    def past_style_pairs(self, texts: Sequence[str], start: int, end: int, lo: int) -> int:
        """Where the name starts after the words of a style of several words that opens
        before the run or with it ("Dato' Sri X", "Tan Sri X", "Yang Berhormat X"): the
        run took in the style's words that alone look like names."""
        moved = True
        firsts = self.lex.honorific_firsts
        if not any(t.rstrip("'’") in firsts for t in texts[max(lo, start - 3) : end]):
            return start  # no style opens here (most names)
        while moved and start < end:
            moved = False
            at = [k for k in range(max(lo, start - 3), end) if texts[k] not in APOSTROPHES]
            words = [texts[k].rstrip("'’") for k in at]
            if self.lex.honorific_firsts.isdisjoint(words):
                break  # no style opens here (most names): nothing to step over
            for pair in self.lex.honorific_pairs:
                n = len(pair)
                for p in range(len(at) - n + 1):
                    last = at[p + n - 1]
                    if at[p] <= start <= last and tuple(words[p : p + n]) == pair:
                        start, moved = last + 1, True
                        break
                if moved:
                    break
        return start

    def list_member(
        self,
        doc: Any,
        mention: PersonMention,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
        found: list[PersonMention],
    ) -> bool:
        """A full name (two words or more) listed after a person the text names with a
        title: the list goes on naming persons ("Ambassadors A (X), B (Y) and C (Z)")."""
        if len(mention.tokens) < 2 or not found or not found[-1].cued:
            return False
        return self.listed_after(doc, found[-1], mention, sent.end, mention_at)

    def listed_with_country(
        self,
        doc: Any,
        start: int,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
        found: list[PersonMention],
    ) -> GazetteerMatch | None:
        """The state a name stands after in a list under a plural office: "the Foreign
        Ministers of Spain A, Latvia B and Hungary C", "the Ambassadors of X, A; of the
        Republic of Y, B; and of Z, C"."""
        texts = tokens_of(doc).text
        k = start - 1
        if k > sent.start and texts[k] == ",":
            k -= 1  # "; of Y, B"
        m = mention_at[k] if k > sent.start else None
        if m is None or m.kind != "country" or m.form != "name" or m.end != k + 1 or not found:
            return None
        j = m.start - 1
        if k < start - 1:  # the state after "of" ("the") and a separator ("; and")
            j -= texts[j] == "the"
            if texts[j] != "of":
                return None
            j -= 1
            j -= texts[j] == "and" and texts[j - 1] in self.word_lists.item_separators
            if texts[j] not in self.word_lists.item_separators:
                return None
        elif texts[j] not in self.word_lists.list_joiners:
            return None
        words = (found[-1].title or "").lower().split()
        return m if any(w.endswith("s") and w[:-1] in self.lex.heads for w in words) else None

    def apply_context(
        self,
        doc: Any,
        mention: PersonMention,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
        found: list[PersonMention],
    ) -> None:
        """Affiliation from "X of <state>", "X (<state>)", "X from <state>", the delegation
        headed, or the list stood in."""
        if mention.country or mention.org:
            return
        glossed = self.gloss_after(doc, mention.end, sent.end, mention_at)
        if glossed is not None:
            self.set_affiliation(mention, glossed[0])
            return
        led = self.delegation_of(doc, mention.span_start, sent, mention_at)
        if led is not None:
            self.set_affiliation(mention, led)
            return
        if found and self.listed_after(doc, found[-1], mention, sent.end, mention_at):
            previous = found[-1]
            if previous.country or previous.org:
                mention.country, mention.org = previous.country, previous.org
                mention.inherited = True

    @staticmethod
    def possessor(
        texts: Sequence[str],
        start: int,
        end: int,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> GazetteerMatch | None:
        """The state or organisation whose possessive stands just before a full name
        ("Hungary's Anna Kovacs", "NATO's Jan Berg"), as wire stories name officials."""
        if end - start < 2 or start - 2 < sent.start or texts[start - 1] not in POSSESSIVES:
            return None
        m = mention_at[start - 2]
        if m is None or m.end != start - 1 or m.kind not in {"country", "org"}:
            return None
        return m if m.form not in {"demonym", "capital", "city"} else None

    def set_affiliation(self, mention: PersonMention, m: GazetteerMatch) -> None:
        if m.kind == "org":
            mention.org = m.key
        else:
            mention.country = m.key

    def delegation_of(
        self, doc: Any, start: int, sent: Sentence, mention_at: Sequence[GazetteerMatch | None]
    ) -> GazetteerMatch | None:
        """The state or organisation of "the delegation of X headed by <the name>"."""
        texts = tokens_of(doc).text
        k = start - 1
        lists = self.word_lists
        while k > sent.start and texts[k].lower() in lists.possessive_determiners:
            k -= 1
        if k - 1 < sent.start or texts[k] != "by":
            return None
        if texts[k - 1].lower() not in self.lex.leads and texts[k - 1] not in HYPHENS | {"–"}:
            return None
        for j in range(k - 1, max(sent.start, k - 25) - 1, -1):
            if texts[j].lower() in lists.delegation_nouns:
                near = [
                    *range(j - 1, max(sent.start, j - 3) - 1, -1),
                    *range(j + 1, min(sent.end, j + 12)),
                ]
                found = [mention_at[i] for i in near]
                return next((m for m in found if m is not None and m.kind != "region"), None)
        return None

    def listed_after(
        self,
        doc: Any,
        previous: PersonMention,
        mention: PersonMention,
        hi: int,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> bool:
        """Whether ``mention`` follows ``previous`` in a list ("A, title B and title C",
        "A (X), B (Y) and C (Z)", "A from X, B from Y")."""
        texts = tokens_of(doc).text
        if previous.end > mention.span_start:
            return False
        k = self.skip_gloss(doc, previous.end, hi, mention_at)
        return tuple(texts[k : mention.span_start]) in self.word_lists.list_separators

    def find(
        self,
        doc: Any,
        sentences: Sequence[Sentence],
        mention_at: Sequence[GazetteerMatch | None],
        extra_spans: Sequence[tuple[int, int]] = (),
        day: str | None = None,
    ) -> tuple[list[PersonRecord], list[PersonMention]]:
        """The persons of an article and every mention linked to one of them."""
        mentions: list[PersonMention] = []
        openers = self.openers(doc, mention_at)
        speaks_from = first_person_start(doc)
        listing = False  # the lines after one ending in a colon are a list's items
        for sent in sentences:
            line = is_headline(sent.text)  # a line of no running text
            headline = line and not listing
            listing = sent.text.rstrip().endswith(":") or (listing and line)
            head = sent.text[:CONTACT_HEAD].lstrip()  # the opening words are enough to tell
            contact = head[:1].lower() in self.contact_firsts and fold(head).startswith(
                self.contact_openers
            )
            for m in self.mentions_in(doc, sent, mention_at, headline, openers):
                if contact or self.reached_at(doc, m.end, sent.end):
                    m.cued = False  # "For media enquiries: Ms X": an author (GUIDE 5)
                    mentions.append(m)
                    continue
                if not m.cued and (not headline or len(m.tokens) > 1) and self.known(m, day):
                    m.cued = True
                if headline and m.title and len(m.tokens) > 1 and m.start < speaks_from:
                    m.cued = True  # "Remarks by Minister X" heading a page that says "I"
                mentions.append(m)
        for start, end in extra_spans:
            for m in mentions:
                if m.start == start and m.end == end:
                    m.cued = True
        records: list[PersonRecord] = []
        ordered = sorted(
            (m for m in mentions if m.cued),
            key=lambda m: (len(m.tokens) < 2 or self.styled(m.tokens), m.start),
        )
        for m in ordered:
            m.person = self.link(m, records, create=True)
        for m in mentions:
            if not m.cued:
                m.person = self.link(m, records, create=False)
        linked = [m for m in mentions if m.person >= 0]
        for m in linked:
            self.merge_mention(records[m.person], m)
        return records, linked

    def reached_at(self, doc: Any, end: int, hi: int) -> bool:
        """A name followed by a telephone or an address to write to ("Spokesperson X, tel.
        +370 ...", "X, e-mail: ..."): a press contact, an author (GUIDE 5)."""
        texts = tokens_of(doc).text
        k = end + (end < hi and texts[end] in {",", ":", "("})
        if k >= hi:
            return False
        first = texts[k][:1]
        if first != "+" and (first.lower() if first.isascii() else fold(first)[:1]) not in (
            self.contact_word_firsts
        ):
            return False  # most words after a name: no way to reach anyone
        word = fold(texts[k]).rstrip(".:")
        if k + 2 < hi and texts[k + 1] in HYPHENS:
            word = f"{word}-{fold(texts[k + 2])}".rstrip(".:")  # "e-mail"
        plus = texts[k] == "+" and k + 1 < hi and texts[k + 1][:1].isdigit()
        return word in self.contact_words or plus or PHONE.match(texts[k]) is not None

    def known(self, mention: PersonMention, day: str | None) -> bool:
        """A name the knowledge base holds: a known official's full name, or the surname
        of the one official who bore it in office on the article's day."""
        if len(mention.tokens) > 1:
            return bool(self.officials.named(mention.text))
        word = mention.tokens[0]
        return not self.ordinary(word) and self.officials.surnamed(word, day) is not None

    def link(self, mention: PersonMention, records: list[PersonRecord], create: bool) -> int:
        """Index of the person ``mention`` names; a new person when ``create`` allows."""
        for index, record in enumerate(records):
            if self.same_person(mention.tokens, record.tokens):
                if len(mention.tokens) > len(record.tokens):
                    record.tokens, record.name = mention.tokens, mention.text
                return index
        if self.styled(mention.tokens):
            bare = mention.tokens[1:]  # "Haji X": the X the article names in full
            for index, record in enumerate(records):
                if self.same_person(bare, record.tokens):
                    return index
        if not create:
            return -1
        records.append(PersonRecord(mention.text, mention.tokens, first_token=mention.start))
        return len(records) - 1

    def styled(self, tokens: Sequence[str]) -> bool:
        """A name form opened by a style kept before one word ("Haji Rosli", "Sheikh X")."""
        return len(tokens) > 1 and tokens[0] in self.lex.name_styles

    def merge_mention(self, record: PersonRecord, mention: PersonMention) -> None:
        """Fold what one mention says into the person record."""
        text = mention.text
        folded = fold(text)
        is_alias = folded != fold(record.name) and (
            len(mention.tokens) > 1 or folded not in {fold_word(t) for t in unglued(record.tokens)}
        )
        if is_alias and text not in record.aliases:
            record.aliases.append(text)
        if mention.title and (not record.title or self.weak_title(record.title)):
            record.title = mention.title  # "DPM" in a headline, spelt out in the text
        if mention.org and not record.org:
            record.org = mention.org
        if mention.country and not record.country:
            record.country = mention.country
            record.inherited = mention.inherited

    def weak_title(self, title: str) -> bool:
        """An office written as its capitals only ("DPM", "FM") or as one word with a
        letter slipped ("Chanellor"): a later spelling of it says more."""
        if title in self.lex.head_abbreviations:
            return True
        return " " not in title and title.lower() not in self.lex.heads

    def finish(
        self,
        records: list[PersonRecord],
        home: str | None,
        day: str | None,
        states: Collection[str] = (),
    ) -> None:
        """Drop aliases equal to the final name; where the text names no state of its own,
        take the office the knowledge base says the person held on the article's day, and
        only then the publisher's state or, failing that, the state of the article's
        first official."""
        if not home and records and records[0].country and not records[0].org:
            home = records[0].country
        for record in records:
            record.aliases = [a for a in record.aliases if fold(a) != fold(record.name)]
            if record.inherited or not (record.country or record.org):
                self.affiliate(record, day, states)
            if record.org:
                record.country = None
            elif not record.country and home:
                record.country = home

    def affiliate(self, record: PersonRecord, day: str | None, states: Collection[str]) -> None:
        """The state or organisation the knowledge base gives the person on ``day``."""
        known = self.officials.affiliation([record.name, *record.aliases], day, states)
        if known is None or not (known.country or known.org):
            return
        record.country, record.org = known.country, known.org


def is_headline(text: str) -> bool:
    """A title-cased line with no full stop: names in it are not trusted alone."""
    if text.rstrip().endswith((".", '"', "”")) or CLOCK_LINE.match(text):
        return False  # a sentence; an agenda's or a live blog's line ("10:00 Meeting with")
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) < 3:
        return False
    if sum(1 for w in words if w[:1].islower() and len(w) > RUNNING_WORD) >= RUNNING_WORDS:
        return False  # a sentence full of names and titles, still running text ("witnessed")
    return sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.75


def first_person_start(doc: Any) -> int:
    """The token of a page's first "I" opening a clause ("Today I met", "I will travel"),
    or -1 when the page never speaks in the first person."""
    texts = tokens_of(doc).text
    k = -1
    while True:
        try:
            k = texts.index("I", k + 1)  # in C: pages seldom say "I"
        except ValueError:
            return -1
        after = texts[k + 1] if k + 1 < len(texts) else ""
        if after[:1].islower() and after.isalpha():
            return k
