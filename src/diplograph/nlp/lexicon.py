"""The word lists of ``titles.json`` (office heads and words, connectors, honorifics, name
particles) as sets, read once per extractor and shared by the person and role rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from diplograph.nlp.gazetteer import Gazetteer

WORDS_KEPT = 16384  # a memo of answers per word is emptied when it grows past this
MISSPELT_HEAD_LENGTH = 8  # an office head this long is still read with one letter wrong
WORD_ZIPF = 3.0  # an English word this common ("resident", "directory") is no slip


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``titles.json`` as sets, built once."""

    heads: frozenset[str]
    words: frozenset[str]
    institutions: frozenset[str]
    connectors: frozenset[str]
    honorifics: frozenset[str]
    honorific_pairs: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    not_names: frozenset[str]
    leads: frozenset[str]
    honorific_ends: dict[str, list[tuple[str, ...]]]  # last word -> pairs, in their order
    honorific_firsts: frozenset[str]  # the first words of the pairs
    name_styles: frozenset[str]  # styles that open a name, kept with one word after them
    head_abbreviations: frozenset[str]  # "PM", "FM": office heads, written in capitals
    styles: frozenset[str]  # the honorifics and name styles, stepped over before a name
    long_heads: tuple[str, ...]  # heads of MISSPELT_HEAD_LENGTH letters or more
    slips: dict[str, bool] = field(default_factory=dict)  # a word -> whether it is a slip

    @classmethod
    def from_gazetteer(cls, gaz: Gazetteer) -> Lexicon:
        titles = gaz.titles
        pairs = tuple(tuple(p) for p in titles.get("honorific_pairs", ()))
        ends: dict[str, list[tuple[str, ...]]] = {}
        for pair in pairs:
            if pair:
                ends.setdefault(pair[-1], []).append(pair)
        honorifics = frozenset(titles.get("honorifics", ()))
        styles = frozenset(titles.get("name_styles", ()))
        return cls(
            heads=gaz.word_set("heads"),
            words=gaz.word_set("words"),
            institutions=gaz.word_set("institutions"),
            connectors=gaz.word_set("connectors"),
            honorifics=honorifics,
            honorific_pairs=pairs,
            particles=gaz.word_set("particles"),
            not_names=frozenset(titles.get("not_names", ())),
            leads=frozenset(gaz.cues.get("delegation_leads", ())),
            honorific_ends=ends,
            honorific_firsts=frozenset(p[0] for p in pairs if p),
            name_styles=styles,
            head_abbreviations=frozenset(titles.get("head_abbreviations", ())),
            styles=honorifics | styles,
            long_heads=tuple(
                sorted(h for h in gaz.word_set("heads") if len(h) >= MISSPELT_HEAD_LENGTH)
            ),
        )

    def is_title_word(self, text: str) -> bool:
        low = text.lower()
        if text in self.head_abbreviations:
            return True
        return self.is_head(low) or low in self.words or low in self.institutions

    def is_head(self, low: str) -> bool:
        """Whether a lower-case word is an office head, singular or plural ("Senators"),
        or a long one with a letter slipped ("chanellor", "minsiter")."""
        if low in self.heads or (low[-1:] == "s" and low[:-1] in self.heads):
            return True
        if len(low) < MISSPELT_HEAD_LENGTH:
            return False
        slip = self.slips.get(low)
        if slip is None:
            if len(self.slips) > WORDS_KEPT:
                self.slips.clear()
            near = process.extractOne(low, self.long_heads, scorer=OSA.distance, score_cutoff=1)
            slip = self.slips[low] = near is not None and zipf_frequency(low, "en") < WORD_ZIPF
        return slip


class Memo(dict[str, bool]):
    """A word test's answers, each worked out on the first look-up of its word; emptied
    by ``trim`` when it has grown past ``WORDS_KEPT`` (words are unbounded)."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, word: str) -> bool:
        answer = self[word] = self.test(word)
        return answer

    def trim(self) -> None:
        if len(self) > WORDS_KEPT:
            self.clear()
