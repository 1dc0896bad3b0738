"""Person names: the folded key every index uses, and Phoenix's UPPER_CASE names made readable.

``name_key`` is the one comparison form: accents and case gone, punctuation a space, styles
and honorifics (``resources/honorifics.txt``) dropped from the front. Two spellings that
differ only in those ways ("H.E. Annalena Baerbock", "annalena  baerbock") share a key;
transliterations ("Sergei" for "Sergey") do not and are listed as aliases instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from diplograph.kb.rules import word_list

# Letters NFKD leaves whole, written as their usual ASCII forms.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                          "þ": "th", "ı": "i", "ß": "ss", "ʼ": " ", "ʻ": " "})  # fmt: skip
_NOT_WORD = re.compile(r"[\W_]+")
# Regnal numbers kept upper case after a name's first word ("Abdullah II"); not "XI" (Xi).
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII"})


def fold(text: str) -> str:
    """Lower-case, accent-free ``text`` with every run of punctuation or space one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS).lower())
        text = "".join(char for char in text if not unicodedata.combining(char))
        text = text.translate(_LETTERS)
    return _NOT_WORD.sub(" ", text.casefold()).strip()


@cache
def _honorifics() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """First words of the honorifics, and each honorific's folded words, longest first."""
    styles = {tuple(fold(line).split()) for line in word_list("honorifics.txt")}
    ordered = tuple(sorted((s for s in styles if s), key=lambda s: (-len(s), s)))
    return frozenset(style[0] for style in ordered), ordered


@cache
def _name_styles() -> frozenset[str]:
    return frozenset(fold(line) for line in word_list("name_styles.txt"))


def drop_styles(words: list[str]) -> list[str]:
    """``words`` (folded) without the honorifics at their front; all of them if nothing else.
    A style before a single name word stays ("sheikh hasina")."""
    firsts, styles = _honorifics()
    start = last = 0
    while start < len(words) and words[start] in firsts:
        for style in styles:
            if tuple(words[start : start + len(style)]) == style:
                start, last = start + len(style), start
                break
        else:
            break
    if start >= len(words):
        return words
    if len(words) - start == 1 and start - last == 1 and words[last] in _name_styles():
        return words[last:]
    return words[start:]


def name_key(name: str) -> str:
    """The key a name is indexed by: folded, without the styles at its front."""
    folded = fold(name)
    first = folded.partition(" ")[0]
    if first not in _honorifics()[0]:
        return folded
    return " ".join(drop_styles(folded.split()))


def reversed_key(key: str) -> str | None:
    """The key of a 2-3 word name read the other way ("yoko kamikawa" -> "kamikawa yoko")."""
    words = key.split()
    return " ".join(reversed(words)) if 2 <= len(words) <= 3 else None


@cache
def _particles() -> frozenset[str]:
    return frozenset(word_list("particles.txt"))


def _cap(part: str, first: bool) -> str:
    """One word part in title case: "MCDONALD" -> "McDonald", "O'BRIEN" -> "O'Brien"."""
    if part in _ROMAN and not first:
        return part
    word = part[:1].upper() + part[1:].lower()
    if len(word) > 2 and word.startswith("Mc"):
        word = "Mc" + word[2].upper() + word[3:]
    if len(word) > 2 and word[1] in "'’":
        word = word[:2] + word[2].upper() + word[3:]
    return word


def _title_word(word: str, first: bool) -> str:
    """A Phoenix word in title case; particles lower case except as a name's first word."""
    parts = word.split("-")
    out = []
    for index, part in enumerate(parts):
        lower = part.lower()
        is_particle = lower in _particles() and (index < len(parts) - 1 or len(parts) == 1)
        if is_particle and not (first and index == 0):
            out.append(lower)
        else:
            out.append(_cap(part, first and index == 0))
    return "-".join(out)


def title_case(phoenix_name: str) -> str:
    """A Phoenix name read as a person's name: "JOHN_Q._PUBLIC" -> "John Q. Public"."""
    words = [w for w in re.split(r"[_\s]+", phoenix_name.strip("_ ")) if w]
    return " ".join(_title_word(word, index == 0) for index, word in enumerate(words))


def strip_styles(name: str) -> str:
    """``name`` without the honorifics at its front ("H.E. Sheikh Hamdan bin Rashid" ->
    "Hamdan bin Rashid"), as written; unchanged when it is nothing but styles."""
    key = name_key(name)
    words = name.split()
    for start in range(len(words)):
        if fold(" ".join(words[start:])) == key:
            return " ".join(words[start:])
    return name


def is_latin(name: str) -> bool:
    """Whether every letter of ``name`` is a Latin one (for picking a display name)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


_UNSPACED = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")


def is_one_word(name: str) -> bool:
    """Whether ``name`` is a single word in a script that spaces its words ("Suharto");
    "王毅" or "천대엽" are full names written without spaces, not mononyms."""
    key = name_key(name)
    if not key or " " in key:
        return False
    return not any(
        char.isalpha() and unicodedata.name(char, "").startswith(_UNSPACED) for char in key
    )
