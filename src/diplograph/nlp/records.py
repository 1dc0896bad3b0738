"""Plain records passed between the steps inside ``nlp/`` (never outside it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class GazetteerMatch(NamedTuple):  # a named tuple: made hundreds of times an article, fast
    """A country, region or organisation of the gazetteer, named in the text.

    ``kind`` is ``country``, ``region`` or ``org``; ``key`` the ISO3 code, region name or
    organisation label; ``form`` says how it was named (``name``, ``demonym``, ``capital``,
    ``city``, ``acronym``). ``start``/``end`` are token indices into the document.
    """

    kind: str
    key: str
    form: str
    start: int
    end: int
    text: str


@dataclass
class PersonMention:
    """One place where a person is named, with what the text says about them there."""

    start: int
    end: int
    tokens: tuple[str, ...]
    title: str | None = None
    country: str | None = None
    org: str | None = None
    span_start: int = 0  # first token of the title + name
    span_end: int = 0  # one past the last token of the title + name
    cued: bool = True  # named next to a title, honorific or in brackets
    inherited: bool = False  # country taken from the previous person of a list
    person: int = -1  # index into the article's person list once clustered
    surface: str = ""  # the name as written ("Al-Shaibani", not "Al - Shaibani")

    @property
    def text(self) -> str:
        return self.surface or " ".join(self.tokens)


@dataclass
class PersonRecord:
    """A person of the article: the fullest name, other spellings, office, affiliation."""

    name: str
    tokens: tuple[str, ...]
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    country: str | None = None
    org: str | None = None
    org_name: str | None = None
    first_token: int = 0
    inherited: bool = False  # the country came from the list the person stood in


@dataclass(frozen=True)
class Sentence:
    """A sentence: token range and character range in the article text."""

    index: int
    start: int
    end: int
    char_start: int
    char_end: int
    text: str
