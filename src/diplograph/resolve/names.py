"""Names compared across articles: transliteration skeletons, initials, short forms.

A person's name is parsed into tokens (particles such as "bin" or "van" left out); each
full token is kept as its *skeleton*, the folded word with the rules of
``resources/transliteration.json`` applied, so that Temirbayev and Temirbaev, Kassenova and
Kasenova, Djumabek and Jumabek meet. ``match_names`` says by which rule two names
may be one person's; ``names_conflict`` says when they cannot be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from diplograph.models import fold
from diplograph.resolve.resources import transliteration

SAME_NAME = "same name"
DIACRITICS = "accents or punctuation"
TRANSLITERATION = "transliteration"
INITIALS = "initials"
SHORT_FORM = "short form"
SIMILAR = "similar spelling"
SURNAME = "surname only"
# Strongest first: a pair of profiles is explained by the first rule that holds.
NAME_RULES = (SAME_NAME, DIACRITICS, TRANSLITERATION, INITIALS, SHORT_FORM, SIMILAR, SURNAME)

SIMILAR_TOKEN = 85.0  # rapidfuzz ratio two skeleton words need to count as one spelled twice
SIMILAR_NAME = 90.0  # ... and two whole skeleton names
_PIECES = re.compile(r"[\s\-‐‑–—_/]+")
_LETTERS = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Token:
    """One word of a name: its skeleton, its first folded letter, and whether it is an initial."""

    skeleton: str
    letter: str
    initial: bool


@dataclass(frozen=True)
class Name:
    """A name as written, its folded form and its tokens."""

    raw: str
    folded: str
    tokens: tuple[Token, ...]

    @property
    def skeleton(self) -> str:
        return " ".join(t.skeleton for t in self.tokens)

    @property
    def has_initials(self) -> bool:
        return any(t.initial for t in self.tokens)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The transliteration skeleton of a word or name (``Temirbayev`` -> ``temirbaev``)."""
    table = transliteration()
    out = []
    for piece in fold(word).split():
        for old, new in table.rules:
            piece = piece.replace(old, new)
        if table.collapse_doubles:
            piece = re.sub(r"(\w)\1+", r"\1", piece)
        out.append(piece)
    return " ".join(out)


def _tokens(raw: str) -> list[Token]:
    shouting = raw.isupper()
    pieces = [p for p in _PIECES.split(raw.strip()) if _LETTERS.sub("", p)]
    tokens: list[Token] = []
    for n, piece in enumerate(pieces):
        letters = [p for p in _LETTERS.split(piece) if p]
        dotted = "." in piece and all(len(p) == 1 for p in letters)
        capitals = piece.isupper() and len(piece) <= 3 and not shouting
        if dotted or (len(letters) == 1 and len(piece.strip(".")) == 1):
            tokens += [Token(fold(p)[:1], fold(p)[:1], True) for p in letters]
        elif len(letters) == 1 and capitals and n < len(pieces) - 1:
            tokens += [Token(c, c, True) for c in fold(piece)]  # "AK Tulegenov", not "Harald IV"
        else:
            for part in letters:
                folded = fold(part)
                if folded:
                    tokens.append(Token(skeleton(folded), folded[:1], False))
    return tokens


@lru_cache(maxsize=65536)
def parse_name(raw: str) -> Name:
    """Parse a person's name; particles are left out unless nothing else is left."""
    tokens = _tokens(raw)
    particles = transliteration().particles
    kept = tuple(t for t in tokens if t.initial or t.skeleton not in particles)
    return Name(raw=raw, folded=fold(raw), tokens=kept or tuple(tokens))


def _same(a: Token, b: Token) -> bool:
    if a.initial or b.initial:
        return a.letter == b.letter
    return a.skeleton == b.skeleton


def _subsequence(short: tuple[Token, ...], long: tuple[Token, ...]) -> bool:
    """Every token of ``short`` matches a token of ``long``, in order."""
    i = 0
    for token in long:
        if i < len(short) and _same(short[i], token):
            i += 1
    return i == len(short)


def _similar(a: Token, b: Token) -> bool:
    if a.initial or b.initial:
        return a.letter == b.letter
    return a.skeleton == b.skeleton or (
        min(len(a.skeleton), len(b.skeleton)) >= 4
        and fuzz.ratio(a.skeleton, b.skeleton) >= SIMILAR_TOKEN
    )


def match_names(a: Name, b: Name) -> str | None:
    """The rule by which ``a`` and ``b`` may name one person, or None."""
    if not a.tokens or not b.tokens:
        return None
    if a.folded == b.folded:
        return SAME_NAME if a.raw == b.raw else DIACRITICS
    ta, tb = a.tokens, b.tokens
    if len(ta) == 1 or len(tb) == 1:
        return _single(ta, tb)
    if a.skeleton == b.skeleton and not (a.has_initials or b.has_initials):
        return TRANSLITERATION
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    # The family name is last: match it, then the given names in order (A. = Arman).
    if _same(short[-1], long[-1]) and not short[-1].initial and _subsequence(short, long):
        if a.has_initials or b.has_initials:
            return INITIALS
        return SHORT_FORM
    # A name and the longer name it begins ("Maria Ostrova" / "... Ostrova Lind").
    if not any(t.initial for t in short) and long[: len(short)] == short:
        return SHORT_FORM
    if (
        len(ta) == len(tb)
        and all(_similar(x, y) for x, y in zip(ta, tb, strict=True))
        and fuzz.ratio(a.skeleton, b.skeleton) >= SIMILAR_NAME
    ):
        return SIMILAR
    return None


def _single(ta: tuple[Token, ...], tb: tuple[Token, ...]) -> str | None:
    """One of the names is one word: the same word, or the other's family name."""
    if len(ta) == len(tb) == 1:
        x, y = ta[0], tb[0]
        if x.initial or y.initial:
            return None
        return TRANSLITERATION if x.skeleton == y.skeleton else None
    single, other = (ta[0], tb) if len(ta) == 1 else (tb[0], ta)
    if single.initial or other[-1].initial:
        return None
    return SURNAME if single.skeleton == other[-1].skeleton else None


def names_conflict(a: Name, b: Name) -> bool:
    """True when two names of several words each cannot be the same person's."""
    if len(a.tokens) < 2 or len(b.tokens) < 2:
        return False
    return match_names(a, b) is None


def name_keys(raw: str) -> set[str]:
    """Blocking keys: the skeletons of the name's full words of three letters or more."""
    return {t.skeleton for t in parse_name(raw).tokens if not t.initial and len(t.skeleton) >= 3}


def rule_rank(rule: str) -> int:
    """Where ``rule`` stands among the name rules, strongest first."""
    return NAME_RULES.index(rule) if rule in NAME_RULES else len(NAME_RULES)
