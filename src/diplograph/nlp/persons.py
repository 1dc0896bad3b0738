"""Named persons without a trained NER: capitalised names next to an office title.

A name counts when the text ties it to an office ("Deputy Minister of Foreign Affairs of
the Republic of Kazakhstan Alibek Bakayev", "Jean Van Wetter, Director General of Enabel"),
an honorific ("Dr", "His Excellency") or a bracketed gloss ("Tajikistan [Name Surname]").
Bare names and surnames ("Minister Nurtleu", "Bakaev") are then linked to those persons.
The state a person serves comes from the office, a demonym before it, "of <state>" after
the name, the delegation they head, the list they stand in, or the publishing ministry.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from typing import Any

from diplograph.kb import name_key
from diplograph.models import fold
from diplograph.nlp.gazetteer import Gazetteer
from diplograph.nlp.lexicon import Lexicon, Memo
from diplograph.nlp.names import fold_word, same_person
from diplograph.nlp.officials import Officials
from diplograph.nlp.ordinary import Ordinary
from diplograph.nlp.records import Mention, PersonMention, PersonRecord, Sentence
from diplograph.nlp.sentences import tokens_of

INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]{1,2}$")
INITIAL_ONLY = re.compile(r"^(?:[A-Z]\.){1,2}$")
ROMAN_RE = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})
HYPHENS = frozenset({"-", "‐"})
APOSTROPHES = frozenset({"'", "’"})
ITEM_GLOSSES = frozenset({"(", "from"})
ITEM_WORD = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z][\w'’.-]*$")
MAX_ITEM = 6  # words of a listed name
PLACE_FORMS = frozenset({"capital", "city"})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
POSSESSIVES = frozenset({"his", "her", "their", "its", "the"})
NAME_WORDS_KEPT = 16384
INSIDE = frozenset({"of", "the", "for", "and", "&"})  # small words inside a body's name
STATE_BODIES = frozenset({"ministry", "government", "foreign", "affairs", "state", "republic"})
TITLE_AFTER = frozenset({",", "-", "–", "—"})  # "X, Minister of Y", "X - Deputy Secretary"
WHO_IS = frozenset({"as", "is", "was"})
GLOSS_OPENERS = frozenset({"of", "from", "("})
LIST_SEPARATORS = ([","], ["and"], [",", "and"], [";"], [";", "and"])


class PersonFinder:
    """Finds person mentions in a document and groups them into persons."""

    def __init__(self, gaz: Gazetteer, officials: Officials | None = None) -> None:
        self.gaz = gaz
        self.lex = Lexicon.from_gazetteer(gaz)
        self.officials = officials or Officials(None)
        self.bodies = gaz.word_set("body_nouns")
        self.peers = frozenset(gaz.titles.get("peerages", ()))
        self.offices = [  # longest first, each padded to match whole words
            (f" {' '.join(fold(phrase).split())} ", iso3)
            for phrase, iso3 in sorted(
                gaz.titles.get("office_countries", {}).items(), key=lambda kv: -len(kv[0])
            )
        ]
        self.ordinary = Ordinary(lambda: self.officials.name_words)
        # the same words are asked about again and again: their answers are kept
        self.name_words = Memo(self.looks_like_name)
        self.name_word = self.name_words.__getitem__
        self.opens = Memo(self.can_open)
        self.title_words = Memo(self.in_title)
        # the same name forms are compared again and again within an article
        self.same_person = lru_cache(maxsize=NAME_WORDS_KEPT)(same_person)

    # ------------------------------------------------------------------ tokens

    def name_like(self, doc: Any, i: int, mention_at: Sequence[Mention | None]) -> bool:
        """Whether token ``i`` can be part of a person's name."""
        return mention_at[i] is None and self.name_word(tokens_of(doc).text[i])

    def looks_like_name(self, text: str) -> bool:
        """Whether a word, wherever it stands, can be part of a person's name."""
        if text.lower() in self.lex.particles:
            return True
        if not text[:1].isupper() or any(c.isdigit() for c in text):
            return False
        if text in self.lex.not_names or self.lex.is_title_word(text):
            return False
        if text in self.lex.honorifics:
            return False
        if INITIAL_RE.match(text) or ROMAN_RE.match(text):
            return True
        if len(text) > 2 and text.isupper():
            return False
        inner = text[1:-1].replace("’", "").replace("'", "")  # "Mata'afa", "Hu’akavameiliku"
        return (text[0] + inner + text[-1]).isalpha() and not self.ordinary(text)

    def openers(self, doc: Any, mention_at: Sequence[Mention | None]) -> list[int]:
        """The tokens of ``doc`` that can open a name: name-like, capitalised, no particle."""
        self.opens.trim()
        self.title_words.trim()
        self.name_words.trim()
        texts = tokens_of(doc).text
        asked = compress(range(len(texts)), map(self.opens.__getitem__, texts))  # in C
        return [i for i in asked if mention_at[i] is None]

    def can_open(self, text: str) -> bool:
        """Whether a word can open a name (``openers``'s test, kept per word)."""
        return (
            text[:1].isupper() and self.name_word(text) and text.lower() not in self.lex.particles
        )

    def name_runs(
        self, doc: Any, sent: Sentence, mention_at: Sequence[Mention | None], openers: list[int]
    ) -> list[tuple[int, int]]:
        """Maximal runs of name-like tokens in a sentence, hyphenated parts joined; a run
        opens on one of the ``openers`` (sorted token positions)."""
        texts = tokens_of(doc).text
        runs: list[tuple[int, int]] = []
        i = sent.start
        for opener in openers[bisect_left(openers, sent.start) : bisect_left(openers, sent.end)]:
            if opener < i:
                continue  # inside the run before
            i = opener
            j = i + 1
            while j < sent.end:
                if (mention_at[j] is None and self.name_word(texts[j])) or self.surname_place(
                    texts, j, sent.end, mention_at
                ):
                    j += 1
                elif attached_hyphen(doc, j, sent.end):
                    j += 2
                else:
                    break
            while (
                j > i + 1
                and texts[j - 1].lower() in self.lex.particles
                and texts[j - 2] not in HYPHENS  # "Jen-der"
            ):
                j -= 1
            if j - i > 1 and self.capital_particle(texts, i - 1, sent.start, mention_at):
                i -= 1  # "Le Van Thanh", "De Souza Lima"
            runs.append(self.trim_run(doc, i, j))
            i = j
        return [r for r in runs if r[1] > r[0]]

    def surname_place(
        self, texts: Sequence[str], j: int, end: int, mention_at: Sequence[Mention | None]
    ) -> bool:
        """A one-word city name that ends a personal name ("Maria Valencia"): no name or
        place word follows it."""
        m = mention_at[j]
        if m is None or m.form not in PLACE_FORMS or m.end != j + 1:
            return False
        return j + 1 >= end or not (mention_at[j + 1] or self.name_word(texts[j + 1]))

    def with_glossed_items(
        self,
        doc: Any,
        sent: Sentence,
        runs: list[tuple[int, int]],
        mention_at: Sequence[Mention | None],
    ) -> list[tuple[int, int]]:
        """``runs`` with the items of a glossed list ("A (X), B (Y) and C (Z)", "A from X,
        B from Y"): each capitalised span between a separator and the next gloss is a name,
        whatever its words are ("Edit", "Santiago") — the list's form says so."""
        out: list[tuple[int, int]] = []
        for run in runs:
            if out and run[0] < out[-1][1]:
                continue  # inside a listed item
            out.append(run)
            while (item := self.next_item(doc, sent, out[-1][1], mention_at)) is not None:
                out.append(item)
        return out

    def next_item(
        self, doc: Any, sent: Sentence, end: int, mention_at: Sequence[Mention | None]
    ) -> tuple[int, int] | None:
        """The list item after the glossed name ending at ``end``, when it is glossed too."""
        texts = tokens_of(doc).text
        if end >= sent.end or texts[end] not in ITEM_GLOSSES:
            return None
        k = self.skip_gloss(doc, end, sent.end, mention_at)
        if k == end:
            return None
        while k < sent.end and texts[k] in {",", ";", "and"}:
            k += 1
        j = k
        while j < sent.end and (ITEM_WORD.match(texts[j]) or attached_hyphen(doc, j, sent.end)):
            j += 2 if texts[j] in HYPHENS else 1
        if not 2 <= j - k <= MAX_ITEM or j >= sent.end or texts[j] not in ITEM_GLOSSES:
            return None
        return k, j

    def capital_particle(
        self, texts: Sequence[str], k: int, lo: int, mention_at: Sequence[Mention | None]
    ) -> bool:
        """A capitalised name particle that opens a name of two words or more after it."""
        if k < lo or mention_at[k] is not None or not texts[k][:1].isupper():
            return False
        return texts[k].lower() in self.lex.particles

    def trim_run(self, doc: Any, i: int, j: int) -> tuple[int, int]:
        """Drop a trailing initial or Roman numeral standing alone at the end of a run."""
        texts = tokens_of(doc).text
        if j - i == 1 and ROMAN_RE.match(texts[i]):
            return i, i
        if j - i == 1 and INITIAL_RE.match(texts[i]) and len(texts[i]) > 1:
            return (i, i) if texts[i].isupper() else (i, j)
        return i, j

    # ------------------------------------------------------------------ titles

    def title_token(self, doc: Any, k: int, mention_at: Sequence[Mention | None]) -> bool:
        """Whether token ``k`` can belong to an office title."""
        m = mention_at[k]
        if m is not None:
            return m.kind in {"country", "org", "region"}
        tokens = tokens_of(doc)
        return tokens.space[k] or self.title_words[tokens.text[k]]

    def in_title(self, text: str) -> bool:
        """Whether a word (no place or organisation) can stand in an office title."""
        if self.lex.is_title_word(text) or text.lower() in self.lex.connectors:
            return True
        if text[:1].isupper() and self.ordinary(text):
            return True  # "Minister for Health and Pacific Peoples"
        return text in QUOTES or text in {"(", ")"}

    def title_before(
        self, doc: Any, start: int, lo: int, mention_at: Sequence[Mention | None]
    ) -> tuple[int, int] | None:
        """The office title ending just before token ``start`` (a comma may separate)."""
        texts = tokens_of(doc).text
        k = start - 1
        k = self.skip_honorifics(doc, k, lo)
        if k >= lo and texts[k] == ",":
            k -= 1
        end = k + 1
        while k >= lo:
            if texts[k] == ")":
                opening = next(
                    (j for j in range(k - 1, max(lo, k - 8) - 1, -1) if texts[j] == "("),
                    None,
                )
                if opening is not None:
                    k = opening - 1
                    continue
            if not (
                self.title_token(doc, k, mention_at) or self.comma_in_title(doc, k, lo, mention_at)
            ):
                break
            k -= 1
        return self.clean_title(doc, k + 1, end, mention_at)

    def comma_in_title(
        self, doc: Any, k: int, lo: int, mention_at: Sequence[Mention | None]
    ) -> bool:
        """A comma inside a compound office ("Minister of Foreign Affairs, International
        Trade and Worship"): a title word stands before it, not a name ending a list."""
        texts = tokens_of(doc).text
        if texts[k] != "," or k - 1 < lo or mention_at[k - 1] is not None:
            return False
        return self.lex.is_title_word(texts[k - 1]) and texts[k - 1][:1].isupper()

    def title_after(
        self, doc: Any, end: int, hi: int, mention_at: Sequence[Mention | None]
    ) -> tuple[int, int] | None:
        """An office title after the name and a comma: "X, Director General of Y",
        "X, the ministry's spokesman", "X, who served as Vice-President of Y"."""
        texts = tokens_of(doc).text
        if end + 1 >= hi or texts[end] not in TITLE_AFTER:
            return None
        k = end + 1
        if texts[k].lower() == "who":  # "who served as", "who is also"
            stop = min(hi, k + 8)
            k = next((j + 1 for j in range(k, stop) if texts[j].lower() in WHO_IS), hi)
            k += k < hi and texts[k].lower() == "also"
        if k < hi and texts[k].lower() in DETERMINERS:
            k += 1
        first = k
        while k < hi and texts[k] != ",":
            if attached_hyphen(doc, k + 1, hi):
                k += 2  # "co-chair", "vice-chair"
            elif self.title_token(doc, k, mention_at):
                k += 1
            else:
                break
        return self.clean_title(doc, first, k, mention_at)

    def skip_honorifics(self, doc: Any, k: int, lo: int) -> int:
        """Step back over "Dr", "Mr", "His Excellency" before a name."""
        texts = tokens_of(doc).text
        while k >= lo:
            if texts[k] in self.lex.honorifics:
                k -= 1
                continue
            if texts[k] in APOSTROPHES and k > lo and texts[k - 1] in self.lex.honorifics:
                k -= 2  # "Dato’" split by the tokenizer
                continue
            bracketed = texts[k] == ")" and k - 2 >= lo and texts[k - 2] == "("
            if bracketed and texts[k - 1] in self.lex.honorifics:
                k -= 3  # "Maj Gen (Rtd)"
                continue
            for pair in self.lex.honorific_ends.get(texts[k], ()):
                n = len(pair)
                if k - n + 1 >= lo and tuple(texts[k - n + 1 : k + 1]) == pair:
                    k -= n
                    break
            else:
                return k
        return k

    def clean_title(
        self, doc: Any, a: int, b: int, mention_at: Sequence[Mention | None]
    ) -> tuple[int, int] | None:
        """Trim connectors and stray punctuation; keep the span only if it has a head word."""
        texts = tokens_of(doc).text
        while a < b and (
            texts[a].lower() in self.lex.connectors
            or texts[a] in QUOTES
            or not any(c.isalnum() for c in texts[a])
        ):
            a += 1
        while b > a and (
            texts[b - 1].lower() in self.lex.connectors
            or texts[b - 1] in QUOTES
            or texts[b - 1] == "("
        ):
            b -= 1
        if a >= b:
            return None
        heads = any(
            self.lex.is_head(texts[k].lower()) and mention_at[k] is None for k in range(a, b)
        )
        return (a, b) if heads else None

    def has_honorific(self, doc: Any, start: int, lo: int) -> bool:
        """Whether an honorific stands right before the name."""
        return self.skip_honorifics(doc, start - 1, lo) < start - 1

    # ------------------------------------------------------------------ mentions

    def mentions_in(
        self,
        doc: Any,
        sent: Sentence,
        mention_at: Sequence[Mention | None],
        headline: bool,
        openers: list[int],
    ) -> list[PersonMention]:
        """Person mentions of one sentence, with the title and affiliation stated there."""
        texts = tokens_of(doc).text
        found: list[PersonMention] = []
        runs = self.with_glossed_items(
            doc, sent, self.name_runs(doc, sent, mention_at, openers), mention_at
        )
        for start, end in runs:
            if end - start == 1 and start > sent.start and texts[start - 1] in self.lex.name_styles:
                start -= 1  # a style with one name word is the name in use ("Sheikh X")
            elif self.known_opener(doc, start, end, sent, mention_at):
                start -= 1
            else:
                start = self.past_org_words(texts, start, end, sent.start)
            end = self.known_end(doc, start, end, sent, mention_at)
            peer = self.peerage(texts, start, end, sent)
            if peer:
                start, end = min(start, end - 2), end + 2
            mention = PersonMention(start, end, tuple(texts[start:end]))
            mention.surface = tokens_of(doc).span(start, end)
            mention.span_start, mention.span_end = start, end
            before = self.title_before(doc, start, sent.start, mention_at)
            after = None if before else self.title_after(doc, end, sent.end, mention_at)
            title = before or after
            if title is None and self.listed_with_country(doc, start, sent, mention_at, found):
                mention.cued = not headline
                m = mention_at[start - 1]
                assert m is not None
                mention.country, mention.title = m.key, found[-1].title
                mention.span_start = m.start
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

    def state_after(
        self, doc: Any, mention: PersonMention, sent: Sentence, mention_at: Sequence[Mention | None]
    ) -> None:
        """The state or organisation of a second title after the name, when the one before
        names none ("Senator X, who is also co-chair of the Y Senate group")."""
        after = self.title_after(doc, mention.end, sent.end, mention_at)
        if after is None:
            return
        title = mention.title
        self.apply_title(doc, mention, after, mention_at)
        mention.title = title

    def in_proper_phrase(
        self, texts: Sequence[str], i: int, sent: Sentence, mention_at: Sequence[Mention | None]
    ) -> bool:
        """A lone capitalised word inside the name of a thing ("the Sheraton Resort", "Rail
        Baltica", "the Royal Government"): an ordinary capitalised word stands right before
        it, or any capitalised word that can be no name's right after it."""
        before, after = texts[i - 1] if i > sent.start else "", texts[i + 1 : i + 2]
        if before[:1].isupper() and self.ordinary(before):
            return True
        if not after or not after[0][:1].isupper():
            return False
        return mention_at[i + 1] is not None or not self.name_word(after[0])

    def past_org_words(self, texts: Sequence[str], start: int, end: int, lo: int) -> int:
        """Where the name starts in a run after "of"/"for" that begins with the rest of an
        organisation's name ("President of Acme Telecom Ivan Petrov"): at the first given
        name the knowledge base knows, when no word before it is any name's word."""
        if start <= lo or texts[start - 1].lower() not in {"of", "for"} or end - start < 3:
            return start
        names, given = self.officials.name_words, self.officials.first_words
        for i in range(start + 1, end - 1):
            if fold_word(texts[i - 1]) in names:
                return start
            if fold_word(texts[i]) in given:
                return i
        return start

    def known_end(
        self, doc: Any, start: int, end: int, sent: Sentence, mention_at: Sequence[Mention | None]
    ) -> int:
        """A capitalised word the name rules stopped at ("May", a month) that closes the
        name of an official the knowledge base knows whole ("Theresa May")."""
        if end >= sent.end or mention_at[end] is not None:
            return end
        word = tokens_of(doc).text[end]
        if not word[:1].isupper() or not word.isalpha() or self.lex.is_head(word.lower()):
            return end
        return end + 1 if self.officials.named(tokens_of(doc).span(start, end + 1)) else end

    def peerage(self, texts: Sequence[str], start: int, end: int, sent: Sentence) -> bool:
        """A peer known by a territorial title, which the name keeps: "Lord X of Y"
        (GUIDE 5)."""
        if end - start == 2 and texts[start] in self.peers:
            start += 1  # the run took the peerage in: "Lord X"
        elif end - start != 1 or start <= sent.start or texts[start - 1] not in self.peers:
            return False
        return end + 1 < sent.end and texts[end] == "of" and texts[end + 1][:1].isupper()

    def known_opener(
        self, doc: Any, start: int, end: int, sent: Sentence, mention_at: Sequence[Mention | None]
    ) -> bool:
        """A capitalised word the name rules passed over (a place: "Israel", "Jordan"; a
        title word: "Sar") opens the name of an official the knowledge base knows whole."""
        if start <= sent.start:
            return False
        m = mention_at[start - 1]
        if m is not None and (m.end - m.start != 1 or m.kind != "country"):
            return False
        word = tokens_of(doc).text[start - 1]
        if not word[:1].isupper() or not word.isalpha() or word in self.lex.honorifics:
            return False
        if self.lex.is_head(word.lower()):
            return False  # "Prince", "President"
        if not name_key(word):
            return False  # a style ("Prince") the knowledge base leaves out of names
        return bool(self.officials.named(tokens_of(doc).span(start - 1, end)))

    def list_member(
        self,
        doc: Any,
        mention: PersonMention,
        sent: Sentence,
        mention_at: Sequence[Mention | None],
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
        mention_at: Sequence[Mention | None],
        found: list[PersonMention],
    ) -> bool:
        """A name after its state in a list under a plural office: "the Foreign Ministers of
        Spain A, Latvia B and Hungary C"."""
        texts = tokens_of(doc).text
        m = mention_at[start - 1] if start - 1 > sent.start else None
        if m is None or m.kind != "country" or m.form != "name" or not found:
            return False
        if texts[m.start - 1] not in {",", "and"}:
            return False
        words = (found[-1].title or "").lower().split()
        return any(w.endswith("s") and w[:-1] in self.lex.heads for w in words)

    def apply_title(
        self,
        doc: Any,
        mention: PersonMention,
        span: tuple[int, int],
        mention_at: Sequence[Mention | None],
    ) -> None:
        """Set the title text and the country or organisation it names."""
        texts = tokens_of(doc).text
        a, b = span
        mention.span_start = min(mention.span_start, a)
        mention.span_end = max(mention.span_end, b)
        country = org = None
        k = a
        skipped = -1  # where the last mention after "to" ended
        while k < b:
            m = mention_at[k]
            if m is None:
                k += 1
                continue
            after_to = (
                k > a
                and texts[k - 1].lower() in {"to", "the"}
                and (texts[k - 1].lower() == "to" or (k - 2 >= a and texts[k - 2].lower() == "to"))
            ) or (k == skipped + 1 and texts[skipped] == "(")  # "to the United Nations (UN)"
            if after_to:
                skipped = m.end
            else:
                if m.kind == "org" and org is None:
                    org = m.key
                elif m.kind == "country" and country is None and m.form not in PLACE_FORMS:
                    country = m.key
            k = m.end
        while a < b and mention_at[a] is not None and mention_at[a].kind == "country":  # type: ignore[union-attr]
            a = mention_at[a].end  # type: ignore[union-attr]
            while a < b and texts[a] in {"’s", "'s"}:
                a += 1
        mention.title = " ".join(tokens_of(doc).span(a, b).split()) if a < b else None
        country = country or self.office_country(mention.title)
        if org is None and country is None:
            hi = mention.start if a < mention.start else len(texts)
            org = self.institution_in(texts, a, hi, mention_at)
        if org is not None and not (country and "minister" in (mention.title or "").lower()):
            mention.org = org
        elif country is not None:
            mention.country = country

    def institution_in(
        self, texts: Sequence[str], a: int, b: int, mention_at: Sequence[Mention | None]
    ) -> str | None:
        """The body an office heads when the gazetteer knows it not: the capitalised name
        after "of" ("Vice-Chancellor of the University of the West Indies", "President of
        Acme Telecom"). A ministry or government is no organisation here (GUIDE 2)."""
        k = next((i for i in range(a, b) if texts[i].lower() == "of"), b)
        if k >= b:
            return None
        k += k + 1 < b and texts[k + 1].lower() == "the"
        first = k + 1
        j = first  # the body's name may run on past the title, up to ``b``
        while j < b and (texts[j][:1].isupper() or (texts[j].lower() in INSIDE and j > first)):
            if mention_at[j] is not None:
                return None  # a state's or a known body's name: the gazetteer's answer
            j += 1
        while j > first and texts[j - 1].lower() in INSIDE:
            j -= 1
        words = [w.lower() for w in texts[first:j]]
        if not any(w in self.bodies for w in words):
            return None
        if any(self.lex.is_head(w) or w in self.lex.words or w in STATE_BODIES for w in words):
            return None
        return " ".join(texts[first:j])

    def office_country(self, title: str | None) -> str | None:
        """The state of an office or institution only one state has ("External Affairs
        Minister", "Taoiseach", "Member of the Knesset")."""
        if not title:
            return None
        words = f" {' '.join(fold(title).split())} "
        return next((iso3 for phrase, iso3 in self.offices if phrase in words), None)

    def apply_context(
        self,
        doc: Any,
        mention: PersonMention,
        sent: Sentence,
        mention_at: Sequence[Mention | None],
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

    def gloss_after(
        self, doc: Any, end: int, hi: int, mention_at: Sequence[Mention | None]
    ) -> tuple[Mention, int] | None:
        """The state or organisation glossed right after a name, "of <X>", "from <X>" or
        "(<X>)", and the token after the gloss."""
        texts = tokens_of(doc).text
        k = end
        if k + 1 >= hi or texts[k].lower() not in GLOSS_OPENERS:
            return None
        k += 1
        if k < hi and texts[k].lower() == "the":
            k += 1
        m = mention_at[k] if k < hi else None
        if m is None or m.kind not in {"country", "org"}:
            return None
        after = m.end
        if texts[end] == "(":
            if after >= hi or texts[after] != ")":
                return None
            after += 1
        return m, after

    def skip_gloss(self, doc: Any, k: int, hi: int, mention_at: Sequence[Mention | None]) -> int:
        """The token after a gloss that starts at ``k`` ("from <X>", "(any short aside)")."""
        texts = tokens_of(doc).text
        glossed = self.gloss_after(doc, k, hi, mention_at)
        if glossed is not None:
            return glossed[1]
        if k < hi and texts[k] == "(":
            close = next((j for j in range(k + 1, min(hi, k + 10)) if texts[j] == ")"), None)
            if close is not None:
                return close + 1
        return k

    def set_affiliation(self, mention: PersonMention, m: Mention) -> None:
        if m.kind == "org":
            mention.org = m.key
        else:
            mention.country = m.key

    def delegation_of(
        self, doc: Any, start: int, sent: Sentence, mention_at: Sequence[Mention | None]
    ) -> Mention | None:
        """The state or organisation of "the delegation of X headed by <the name>"."""
        texts = tokens_of(doc).text
        k = start - 1
        while k > sent.start and texts[k].lower() in POSSESSIVES:
            k -= 1
        if k - 1 < sent.start or texts[k] != "by":
            return None
        if texts[k - 1].lower() not in self.lex.leads and texts[k - 1] not in HYPHENS | {"–"}:
            return None
        for j in range(k - 1, max(sent.start, k - 25) - 1, -1):
            if texts[j].lower() in {"delegation", "delegations", "side"}:
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
        mention_at: Sequence[Mention | None],
    ) -> bool:
        """Whether ``mention`` follows ``previous`` in a list ("A, title B and title C",
        "A (X), B (Y) and C (Z)", "A from X, B from Y")."""
        texts = tokens_of(doc).text
        if previous.end > mention.span_start:
            return False
        k = self.skip_gloss(doc, previous.end, hi, mention_at)
        return texts[k : mention.span_start] in LIST_SEPARATORS

    # ------------------------------------------------------------------ persons

    def find(
        self,
        doc: Any,
        sentences: Sequence[Sentence],
        mention_at: Sequence[Mention | None],
        extra_spans: Sequence[tuple[int, int]] = (),
        day: str | None = None,
    ) -> tuple[list[PersonRecord], list[PersonMention]]:
        """The persons of an article and every mention linked to one of them."""
        mentions: list[PersonMention] = []
        openers = self.openers(doc, mention_at)
        for sent in sentences:
            headline = is_headline(sent.text)
            for m in self.mentions_in(doc, sent, mention_at, headline, openers):
                if not m.cued and (not headline or len(m.tokens) > 1) and self.known(m, day):
                    m.cued = True
                mentions.append(m)
        for start, end in extra_spans:
            for m in mentions:
                if m.start == start and m.end == end:
                    m.cued = True
        records: list[PersonRecord] = []
        ordered = sorted(
            (m for m in mentions if m.cued), key=lambda m: (len(m.tokens) < 2, m.start)
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
        if not create:
            return -1
        records.append(PersonRecord(mention.text, mention.tokens, first_token=mention.start))
        return len(records) - 1

    def merge_mention(self, record: PersonRecord, mention: PersonMention) -> None:
        """Fold what one mention says into the person record."""
        text = mention.text
        folded = fold(text)
        is_alias = folded != fold(record.name) and (
            len(mention.tokens) > 1 or folded not in {fold_word(t) for t in record.tokens}
        )
        if is_alias and text not in record.aliases:
            record.aliases.append(text)
        if mention.title and not record.title:
            record.title = mention.title
        if mention.org and not record.org:
            record.org = mention.org
        if mention.country and not record.country:
            record.country = mention.country
            record.inherited = mention.inherited

    def finish(self, records: list[PersonRecord], home: str | None, day: str | None) -> None:
        """Drop aliases equal to the final name; where the text names no state of its own,
        take the office the knowledge base says the person held on the article's day, and
        only then the publisher's state or, failing that, the state of the article's
        first official."""
        if not home and records and records[0].country and not records[0].org:
            home = records[0].country
        for record in records:
            record.aliases = [a for a in record.aliases if fold(a) != fold(record.name)]
            if record.inherited or not (record.country or record.org):
                self.affiliate(record, day)
            if record.org:
                record.country = None
            elif not record.country and home:
                record.country = home

    def affiliate(self, record: PersonRecord, day: str | None) -> None:
        """The state or organisation the knowledge base gives the person on ``day``."""
        known = self.officials.affiliation([record.name, *record.aliases], day)
        if known is None or not (known.country or known.org):
            return
        record.country, record.org = known.country, known.org


def attached_hyphen(doc: Any, j: int, end: int) -> bool:
    """A hyphen glued to the tokens on both sides ("Kassym-Jomart", "Yat-sen")."""
    tokens = tokens_of(doc)
    if j + 1 >= end or tokens.text[j] not in HYPHENS or tokens.trailing(j - 1):
        return False
    return not tokens.trailing(j) and tokens.text[j + 1][:1].isalpha()


def is_headline(text: str) -> bool:
    """A title-cased line with no full stop: names in it are not trusted alone."""
    if text.rstrip().endswith((".", '"', "”")):
        return False
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.75
