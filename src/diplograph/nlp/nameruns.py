"""Where a person's name stands in a sentence: runs of name-like words, and the forms
that widen or cut them (list items with glosses, particles, peerages, names the
knowledge base knows whole, the end of a body's name before a person's).

A mixin of ``PersonFinder``: the word tests and lexicons are the finder's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import compress
from typing import Any

from diplograph.kb import name_key
from diplograph.nlp.lexicon import Lexicon, Memo
from diplograph.nlp.names import GLUED_INITIAL
from diplograph.nlp.officials import Officials
from diplograph.nlp.ordinary import Ordinary, function_word
from diplograph.nlp.records import GazetteerMatch, Sentence
from diplograph.nlp.sentences import tokens_of
from diplograph.nlp.words import Words

INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]{1,2}$")
ROMAN_RE = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
HYPHENS = frozenset({"-", "‐"})
ITEM_WORD = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z][\w'’.-]*$")
MAX_ITEM = 6  # words of a listed name
MAX_SURNAME = 5  # letters of a one-syllable surname before a hyphened given name
PLACE_FORMS = frozenset({"capital", "city"})


class NameRuns:
    """Name runs in a sentence (mixed into ``PersonFinder``)."""

    lex: Lexicon
    word_lists: Words  # the lists of ``words.json``
    officials: Officials
    ordinary: Ordinary
    peers: frozenset[str]
    name_words: Memo
    opens: Memo
    title_words: Memo
    name_word: Callable[[str], bool]  # ``looks_like_name``, its answers kept

    def name_like(self, doc: Any, i: int, mention_at: Sequence[GazetteerMatch | None]) -> bool:
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
        glued = GLUED_INITIAL.match(text)
        if glued:
            return self.name_word(glued[2])  # "Ts.Enkhjargal": an initial and a name
        if len(text) > 2 and text.isupper():
            return False
        inner = text[1:-1].replace("’", "").replace("'", "")  # "Ta'ala", "Ma’ilo"
        return (text[0] + inner + text[-1]).isalpha() and not self.ordinary(text)

    def openers(self, doc: Any, mention_at: Sequence[GazetteerMatch | None]) -> list[int]:
        """The tokens of ``doc`` that can open a name: name-like, capitalised, no particle."""
        self.opens.trim()
        self.title_words.trim()
        self.name_words.trim()
        texts = tokens_of(doc).text
        asked = compress(range(len(texts)), map(self.opens.__getitem__, texts))  # in C
        dates = self.word_lists.date_abbreviations
        opening = [
            i
            for i in asked
            if mention_at[i] is None and not (texts[i] in dates and beside_number(texts, i))
        ]
        # a given name of two hyphened syllables after a surname opens a name, whatever
        # its first syllable is in English ("Park Jun-seo")
        hyphens = compress(range(len(texts)), map(HYPHENS.__contains__, texts))  # in C
        given = [
            i
            for i in (k - 1 for k in hyphens if 2 <= k < len(texts) - 1)
            if self.syllables_at(texts, i)
            and mention_at[i] is None
            and self.korean_surname(texts[i - 1])
            and mention_at[i - 1] is None
        ]
        return sorted(set(opening).union(given)) if given else opening

    def can_open(self, text: str) -> bool:
        """Whether a word can open a name (``openers``'s test, kept per word)."""
        return (
            text[:1].isupper() and self.name_word(text) and text.lower() not in self.lex.particles
        )

    def name_runs(
        self,
        doc: Any,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
        openers: list[int],
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
                if (
                    (mention_at[j] is None and self.name_word(texts[j]))
                    or self.surname_place(texts, i, j, sent.end, mention_at)
                    or (
                        j == i + 1
                        and texts[i].istitle()
                        and len(texts[i]) > 2
                        and self.capitals_surname(texts, j, i, mention_at)
                    )
                ):
                    j += 1  # "Takeshi SUGIMORI": a given name, then the surname in capitals
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
            back = i
            while self.capital_particle(texts, back - 1, sent.start, mention_at):
                back -= 1
            if back < i and (j - i > 1 or j - back > 2):
                i = back  # "Le Van Thanh", "De Souza Lima"
            elif j - i <= 2 and self.capitals_surname(texts, i - 1, sent.start, mention_at):
                i -= 1  # "TANAKA Hiroshi": the surname first, in capitals
            elif self.surname_before_syllables(texts, i, j, sent.start, mention_at):
                i -= 1  # "Park Dong-hwan": a surname that is also an English word
            else:
                i = self.given_places(texts, i, sent.start, mention_at)
            runs.append(self.trim_run(doc, i, j))
            i = j
        return [r for r in runs if r[1] > r[0]]

    def surname_place(
        self,
        texts: Sequence[str],
        i: int,
        j: int,
        end: int,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> bool:
        """A one-word city name that is the surname after a lone given name ("Ana
        Cordoba met"): no name, place or comma (a dateline: "X Y Lusaka, 12 May") follows;
        or a middle word of a name that goes on after it ("Orlando Medina Ruz"), or the last
        one before a comma that the clause goes on after in small letters ("Ana Ossa Lagos,
        will"), unlike a dateline's date."""
        m = mention_at[j]
        if m is None or m.form not in PLACE_FORMS or m.start != j or m.end != j + 1:
            return False
        if j + 1 >= end:
            return j == i + 1
        after = texts[j + 1]
        if texts[j].istitle() and mention_at[j + 1] is None and self.name_word(after):
            return True  # "Orlando Medina Ruz": the name goes on after the city's word
        if after == "," and j + 2 < end and texts[j + 2][:1].islower() and texts[j].istitle():
            return True  # "the Ambassador, Ana Ossa Lagos, will": the clause goes on
        return j == i + 1 and after != "," and not (mention_at[j + 1] or self.name_word(after))

    def with_glossed_items(
        self,
        doc: Any,
        sent: Sentence,
        runs: list[tuple[int, int]],
        mention_at: Sequence[GazetteerMatch | None],
    ) -> list[tuple[int, int]]:
        """``runs`` with the items of a glossed list ("A (X), B (Y) and C (Z)", "A from X,
        B from Y"): each capitalised span between a separator and the next gloss is a name,
        whatever its words are ("Rose", "Lima") — the list's form says so."""
        out: list[tuple[int, int]] = []
        for run in runs:
            if out and run[0] < out[-1][1]:
                continue  # inside a listed item
            out.append(run)
            while (item := self.next_item(doc, sent, out[-1][1], mention_at)) is not None:
                out.append(item)
        return out

    def next_item(
        self, doc: Any, sent: Sentence, end: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> tuple[int, int] | None:
        """The list item after the glossed name ending at ``end``, when it is glossed too."""
        texts = tokens_of(doc).text
        glosses = self.word_lists.item_glosses
        if end >= sent.end or texts[end] not in glosses:
            return None
        k = self.skip_gloss(doc, end, sent.end, mention_at)
        if k == end:
            return None
        while k < sent.end and texts[k] in self.word_lists.item_separators:
            k += 1
        j = k
        while j < sent.end and (ITEM_WORD.match(texts[j]) or attached_hyphen(doc, j, sent.end)):
            j += 2 if texts[j] in HYPHENS else 1
        if not 2 <= j - k <= MAX_ITEM or j >= sent.end or texts[j] not in glosses:
            return None
        return k, j

    def gloss_after(
        self, doc: Any, end: int, hi: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> tuple[GazetteerMatch, int] | None:
        """The state or organisation glossed right after a name, "of <X>", "from <X>" or
        "(<X>)", and the token after the gloss."""
        texts = tokens_of(doc).text
        k = end
        if k + 1 >= hi or texts[k].lower() not in self.word_lists.gloss_openers:
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

    def skip_gloss(
        self, doc: Any, k: int, hi: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> int:
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

    def capital_particle(
        self, texts: Sequence[str], k: int, lo: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> bool:
        """A capitalised name particle that opens a name of two words or more after it."""
        if k < lo or mention_at[k] is not None or not texts[k][:1].isupper():
            return False
        return texts[k].lower() in self.lex.particles

    def capitals_surname(
        self, texts: Sequence[str], k: int, lo: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> bool:
        """A word in capitals, no acronym the gazetteer knows nor an ordinary word, right
        before a given name: a surname written first, as Japanese and Korean lists do."""
        if k < lo or mention_at[k] is not None:
            return False
        word = texts[k]
        if len(word) < 2 or not word.isalpha() or not word.isupper():
            return False
        if self.lex.is_title_word(word):
            return False  # "PM", "FM"
        return word.title() not in self.lex.not_names and not self.ordinary(word)

    def surname_before_syllables(
        self,
        texts: Sequence[str],
        i: int,
        j: int,
        lo: int,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> bool:
        """A short capitalised word before a given name of two hyphened syllables, the
        second in small letters ("Dong-hwan", "Seo-yeon"): the surname of a Korean name,
        however ordinary the word is in English ("Park", "Moon", "Song")."""
        k = i - 1
        if j - i != 3 or k < lo or mention_at[k] is not None or texts[i + 1] not in HYPHENS:
            return False
        if not texts[i + 2].islower() or not texts[i + 2].isalpha():
            return False
        return self.korean_surname(texts[k])

    def given_places(
        self, texts: Sequence[str], i: int, lo: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> int:
        """Where a name starts that opens with one-word city names ("Hon. Florence Kikolo
        Baeta", "the President of X, Orlando Medina Ruz"): they stand right before the name
        after a style or a comma, so they are its given names, not places."""
        k = i
        while k - 1 >= lo:
            m = mention_at[k - 1]
            if m is None or m.form not in PLACE_FORMS or m.start != k - 1 or m.end != k:
                break
            if not texts[k - 1].istitle():
                break  # "LUSAKA": a dateline's city in capitals
            k -= 1
        if k == i or k - 1 < lo:
            return i
        before = texts[k - 1]
        styled = before in self.lex.styles or (
            before == "." and k - 2 >= lo and texts[k - 2] in self.lex.styles
        )
        return k if before == "," or styled else i

    def syllables_at(self, texts: Sequence[str], i: int) -> bool:
        """A given name of two hyphened syllables at ``i``, the second in small letters
        ("Dong-hwan", "Jun-seo")."""
        first, second = texts[i], texts[i + 2]
        return (
            first.istitle()
            and first.isalpha()
            and len(first) <= MAX_SURNAME
            and second.islower()
            and second.isalpha()
            and len(second) <= MAX_SURNAME
            and not self.lex.is_title_word(first)
        )

    def korean_surname(self, word: str) -> bool:
        """A short capitalised word that can be the surname written before such a given
        name: no style, title or function word ("Mr", "Minister", "On"), though it may be
        an English word that opens no name elsewhere ("Park")."""
        if not (word.istitle() and word.isalpha() and len(word) <= MAX_SURNAME):
            return False
        if word in self.lex.styles or self.lex.is_title_word(word):
            return False
        return word not in self.lex.not_names or not function_word(word)

    def trim_run(self, doc: Any, i: int, j: int) -> tuple[int, int]:
        """Drop a trailing initial or Roman numeral standing alone at the end of a run."""
        texts = tokens_of(doc).text
        if j - i == 1 and ROMAN_RE.match(texts[i]):
            return i, i
        if j - i == 1 and INITIAL_RE.match(texts[i]) and len(texts[i]) > 1:
            return (i, i) if texts[i].isupper() else (i, j)
        return i, j

    def in_proper_phrase(
        self,
        texts: Sequence[str],
        i: int,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> bool:
        """A lone capitalised word inside the name of a thing ("the Grandview Resort", "Rail
        Baltica", "the Royal Government", "the Palacio de López"): an ordinary capitalised
        word stands right before it (or a word that opens no name, before a particle), or
        any capitalised word that can be no name's right after it."""
        before, after = texts[i - 1] if i > sent.start else "", texts[i + 1 : i + 2]
        if before.lower() in self.lex.particles and i - 1 > sent.start:
            before = texts[i - 2]  # "the Palacio de López": the thing's name before "de"
            if before in self.lex.not_names and not self.lex.is_title_word(before):
                return True
        if before[:1].isupper() and self.ordinary(before) and not self.lex.is_title_word(before):
            return True
        if not after or not after[0][:1].isupper():
            return False
        return mention_at[i + 1] is not None or not self.name_word(after[0])

    def past_org_words(self, texts: Sequence[str], start: int, end: int, lo: int) -> int:
        """Where the name starts in a run after "of"/"for" that begins with the rest of an
        organisation's name ("President of Acme Telecom Ivan Petrov"): at the first given
        name the knowledge base knows, when no word before it is any name's word."""
        links = self.word_lists.title_org_links
        if start <= lo or texts[start - 1].lower() not in links or end - start < 3:
            return start
        names, given = self.officials.name_words, self.officials.first_words
        for i in range(start + 1, end - 1):
            if name_key(texts[i - 1]) in names:
                return start
            if name_key(texts[i]) in given:
                return i
        return start

    def known_end(
        self,
        doc: Any,
        start: int,
        end: int,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> int:
        """A capitalised word the name rules stopped at ("May", a month) that closes the
        name of an official the knowledge base knows whole ("Theresa May")."""
        if end >= sent.end or mention_at[end] is not None:
            return end
        word = tokens_of(doc).text[end]
        if not word[:1].isupper() or not word.isalpha() or self.lex.is_head(word.lower()):
            return end
        return end + 1 if self.officials.named(tokens_of(doc).span(start, end + 1)) else end

    def peerage(self, texts: Sequence[str], start: int, end: int, sent: Sentence) -> int:
        """The end of a peer's name that keeps its territorial title, "Lord X of Y Z"
        (GUIDE 5); 0 when the name is none."""
        if end - start == 2 and texts[start] in self.peers:
            start += 1  # the run took the peerage in: "Lord X"
        elif end - start != 1 or start <= sent.start or texts[start - 1] not in self.peers:
            return 0
        if end + 1 >= sent.end or texts[end] != "of" or not texts[end + 1][:1].isupper():
            return 0
        k = end + 1
        while k < sent.end and texts[k][:1].isupper() and texts[k].isalpha():
            k += 1
        return k

    def is_style(self, word: str) -> bool:
        return word in self.lex.honorifics or word in self.lex.name_styles

    def known_opener(
        self,
        doc: Any,
        start: int,
        end: int,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> bool:
        """A capitalised word the name rules passed over (a place: "Jordan", "Georgia"; a
        title word: "Sar") opens the name of an official the knowledge base knows whole."""
        if start <= sent.start:
            return False
        m = mention_at[start - 1]
        if m is not None and (m.end - m.start != 1 or m.kind != "country"):
            return False
        word = tokens_of(doc).text[start - 1]
        if not word[:1].isupper() or not word.isalpha() or self.is_style(word):
            return False
        if self.lex.is_head(word.lower()):
            return False  # "Prince", "President"
        if not name_key(word):
            return False  # a style ("Prince") the knowledge base leaves out of names
        return bool(self.officials.named(tokens_of(doc).span(start - 1, end)))


def attached_hyphen(doc: Any, j: int, end: int) -> bool:
    """A hyphen glued to the tokens on both sides ("Kassym-Jomart", "Yat-sen")."""
    tokens = tokens_of(doc)
    if j + 1 >= end or tokens.text[j] not in HYPHENS or tokens.trailing(j - 1):
        return False
    return not tokens.trailing(j) and tokens.text[j + 1][:1].isalpha()


def beside_number(texts: Sequence[str], i: int) -> bool:
    """Whether a number stands next to token ``i``, a comma or full stop between allowed
    ("Tue 04 Mar 2025", "Mon, 3 June", "Sept. 12"): the word is part of a date."""
    for step in (-1, 1):
        k = i + step
        if 0 <= k < len(texts) and texts[k] in {",", "."}:
            k += step
        if 0 <= k < len(texts) and texts[k][:1].isdigit():
            return True
    return False
