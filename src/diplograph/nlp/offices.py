"""Office titles next to a person's name, before or after it, and the state or
organisation a title names (a place in it, an office only one state has, a body named
after "of").

A mixin of ``PersonFinder``: the word tests and lexicons are the finder's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.models import fold
from diplograph.nlp.lexicon import Lexicon, Memo
from diplograph.nlp.nameruns import PLACE_FORMS, attached_hyphen
from diplograph.nlp.ordinary import Ordinary
from diplograph.nlp.records import GazetteerMatch, PersonMention, Sentence
from diplograph.nlp.sentences import tokens_of
from diplograph.nlp.words import Words

QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "‘", "’"})
APOSTROPHES = frozenset({"'", "’"})
TITLE_AFTER = frozenset({",", "-", "–", "—"})  # "X, Minister of Y", "X - Deputy Secretary"
PLACE_PREPOSITIONS = frozenset({"in", "at"})  # "the meeting in Anning", "his stay in Des Moines"
OBJECT_PREPOSITIONS = frozenset({"in", "at", "of", "for"})  # "the Mayor of Des Moines, X"


class OfficeTitles:
    """Office titles around a name (mixed into ``PersonFinder``)."""

    lex: Lexicon
    word_lists: Words  # the lists of ``words.json``
    ordinary: Ordinary
    title_words: Memo
    bodies: frozenset[str]
    offices: list[tuple[str, str]]

    def title_token(self, doc: Any, k: int, mention_at: Sequence[GazetteerMatch | None]) -> bool:
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
            return True  # "Minister for Trade and Island Affairs"
        return text in QUOTES or text in {"(", ")"}

    def title_before(
        self, doc: Any, start: int, lo: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> tuple[int, int] | None:
        """The office title ending just before token ``start`` (a comma may separate)."""
        texts = tokens_of(doc).text
        k = start - 1
        if k >= lo and texts[k] in OBJECT_PREPOSITIONS:
            return None  # "Meeting in Anning", "the Mayor of Des Moines": what the title is of
        k = self.skip_honorifics(doc, k, lo)
        comma = k >= lo and texts[k] == ","
        if comma:
            k -= 1
        end = k + 1
        named = self.title_object(doc, k, lo, mention_at) if comma else None
        if named is not None:
            k = named  # "the Mayor of Des Moines, X"
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

    def title_object(
        self, doc: Any, k: int, lo: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> int | None:
        """Where a title goes on before the capitalised words, just before the comma ahead
        of its holder's name, that it is "of" ("the Mayor of Des Moines, X", a place no list
        holds): the token before "of", or None."""
        texts = tokens_of(doc).text
        j = k
        while j >= max(lo, k - 3) and mention_at[j] is None and texts[j][:1].isupper():
            if not texts[j].isalpha():
                return None
            j -= 1
        if j == k or j - 1 < lo or texts[j] not in {"of", "for"}:
            return None
        return j - 1 if self.title_token(doc, j - 1, mention_at) else None

    def comma_in_title(
        self, doc: Any, k: int, lo: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> bool:
        """A comma inside a compound office ("Minister of Foreign Affairs, International
        Trade and Worship"): a title word stands before it, not a name ending a list."""
        texts = tokens_of(doc).text
        if texts[k] != "," or k - 1 < lo or mention_at[k - 1] is not None:
            return False
        if texts[k + 1 : k + 3] == ["and", "the"]:
            return False  # "X, Minister of Interior, and the Minister of State Y": a new title
        return self.lex.is_title_word(texts[k - 1]) and texts[k - 1][:1].isupper()

    def title_after(
        self,
        doc: Any,
        end: int,
        hi: int,
        mention_at: Sequence[GazetteerMatch | None],
        start: int | None = None,
    ) -> tuple[int, int] | None:
        """An office title after the name and a comma: "X, Director General of Y",
        "X, the ministry's spokesman", "X, who served as Vice-President of Y"."""
        texts = tokens_of(doc).text
        if end + 1 >= hi or texts[end] not in TITLE_AFTER:
            return None
        if start is not None and start > 0 and texts[start - 1] in PLACE_PREPOSITIONS:
            return None  # "during his stay in Des Moines, the Undersecretary met"
        k = end + 1
        if texts[k].lower() == "who":  # "who served as", "who is also"
            stop = min(hi, k + 8)
            copulas = self.word_lists.title_copulas
            k = next((j + 1 for j in range(k, stop) if texts[j].lower() in copulas), hi)
            k += k < hi and texts[k].lower() == "also"
        if k < hi and texts[k].lower() in self.word_lists.title_determiners:
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
        styles = self.lex.styles
        while k >= lo:
            if texts[k] in styles:
                k -= 1
                continue
            if texts[k] in APOSTROPHES and k > lo and texts[k - 1] in styles:
                k -= 2  # "Dato’" split by the tokenizer
                continue
            bracketed = texts[k] == ")" and k - 2 >= lo and texts[k - 2] == "("
            if bracketed and texts[k - 1] in styles:
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
        self, doc: Any, a: int, b: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> tuple[int, int] | None:
        """Trim connectors and stray punctuation; keep the span only if it has a head word."""
        texts = tokens_of(doc).text
        while a < b and (
            texts[a].lower() in self.lex.connectors
            or texts[a] in QUOTES
            or not any(c.isalnum() for c in texts[a])
            or (mention_at[a] is None and self.only_ordinary(texts[a]))  # "Yesterday Minister"
        ):
            a += 1
        while b > a and (
            texts[b - 1].lower() in self.lex.connectors
            or texts[b - 1] in QUOTES
            or (texts[b - 1] != ")" and not any(c.isalnum() for c in texts[b - 1]))
        ):
            b -= 1
        if a >= b:
            return None
        heads = any(self.head_at(texts, k) and mention_at[k] is None for k in range(a, b))
        return (a, b) if heads else None

    def head_at(self, texts: Sequence[str], k: int) -> bool:
        """Whether token ``k`` heads an office ("Minister", "PM" but not "3 PM")."""
        if texts[k] in self.lex.head_abbreviations:
            return k == 0 or not texts[k - 1][:1].isdigit()
        return self.lex.is_head(texts[k].lower())

    def only_ordinary(self, text: str) -> bool:
        """A capitalised ordinary word that is in a title only for standing inside one."""
        return text[:1].isupper() and not self.lex.is_title_word(text) and self.ordinary(text)

    def has_honorific(self, doc: Any, start: int, lo: int) -> bool:
        """Whether an honorific stands right before the name."""
        return self.skip_honorifics(doc, start - 1, lo) < start - 1

    def state_after(
        self,
        doc: Any,
        mention: PersonMention,
        sent: Sentence,
        mention_at: Sequence[GazetteerMatch | None],
    ) -> None:
        """The state or organisation of a second title after the name, when the one before
        names none ("Senator X, who is also co-chair of the Y Senate group")."""
        after = self.title_after(doc, mention.end, sent.end, mention_at)
        if after is None:
            return
        title = mention.title
        self.apply_title(doc, mention, after, mention_at)
        mention.title = title

    def apply_title(
        self,
        doc: Any,
        mention: PersonMention,
        span: tuple[int, int],
        mention_at: Sequence[GazetteerMatch | None],
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
            after_to = self.follows_posted_to(texts, a, k) or (
                a <= skipped == k - 1 and texts[skipped] == "("
            )  # "to the United Nations (UN)"
            if after_to:
                skipped = m.end
            else:
                if m.kind == "org" and org is None:
                    org = m.key
                elif m.kind == "country" and country is None and m.form not in PLACE_FORMS:
                    country = m.key
            k = m.end
        while a < b and (m := mention_at[a]) is not None and m.kind == "country":
            a = m.end
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
        self, texts: Sequence[str], a: int, b: int, mention_at: Sequence[GazetteerMatch | None]
    ) -> str | None:
        """The body an office heads when the gazetteer knows it not: the capitalised name
        after "of" ("Vice-Chancellor of the University of the West Indies", "President of
        Acme Telecom"). A ministry or government is no organisation here (GUIDE 2)."""
        k = next((i for i in range(a, b) if texts[i].lower() == "of"), b)
        if k >= b:
            return None
        k += k + 1 < b and texts[k + 1].lower() == "the"
        first = k + 1
        links = self.word_lists.body_name_links  # small words inside a body's name
        j = first  # the body's name may run on past the title, up to ``b``
        while j < b and (texts[j][:1].isupper() or (texts[j].lower() in links and j > first)):
            if mention_at[j] is not None:
                return None  # a state's or a known body's name: the gazetteer's answer
            j += 1
        while j > first and texts[j - 1].lower() in links:
            j -= 1
        words = [w.lower() for w in texts[first:j]]
        if not any(w in self.bodies for w in words):
            return None
        state = self.word_lists.state_body_words
        if any(self.lex.is_head(w) or w in self.lex.words or w in state for w in words):
            return None
        return " ".join(texts[first:j])

    def follows_posted_to(self, texts: Sequence[str], a: int, k: int) -> bool:
        """Whether tokens a..k end with a phrase ("to the") after which a body is where an
        office is held, not whose it is ("Ambassador to the UN")."""
        for phrase in self.word_lists.posted_to:
            n = len(phrase)
            if k - n >= a and tuple(w.lower() for w in texts[k - n : k]) == phrase:
                return True
        return False

    def office_country(self, title: str | None) -> str | None:
        """The state of an office or institution only one state has ("External Affairs
        Minister", "Taoiseach", "Member of the Knesset")."""
        if not title:
            return None
        words = f" {' '.join(fold(title).split())} "
        return next((iso3 for phrase, iso3 in self.offices if phrase in words), None)
