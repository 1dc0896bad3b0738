"""Whether two name forms in one article name the same person ("Ostrova Lind" and
"Maria Ostrova Lind", "A. Tulegenov" and "Arman Tulegenov", "Arman Temirbaev" and
"Arman Temirbayev")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from diplograph.models import fold

# name words recur across an article and a corpus: fold each once
fold_word = lru_cache(maxsize=65536)(fold)
# an initial glued to the name it stands before ("Ts.Enkhjargal", "D.Solongo")
GLUED_INITIAL = re.compile(r"^([A-Z][a-z]?\.)([A-Z][^\W\d_].*)$")


def unglued(tokens: Sequence[str]) -> list[str]:
    """Name words with a glued initial cut off its name ("Ts.Enkhjargal" -> "Ts.",
    "Enkhjargal"), so that the name alone ("Minister Enkhjargal") is the same person."""
    out: list[str] = []
    for t in tokens:
        m = GLUED_INITIAL.match(t)
        out.extend(m.groups() if m else (t,))
    return out


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two name forms can name the same person in one article."""
    fa, fb = [fold_word(t) for t in unglued(a)], [fold_word(t) for t in unglued(b)]
    if fa == fb:
        return True
    short, long_ = (fa, fb) if len(fa) <= len(fb) else (fb, fa)
    if len(short) == 1:
        word = short[0].rstrip(".")
        if len(word) < 3:
            return False
        if any(word == t or (len(t) > 4 and ratio(word, t) >= 85) for t in long_[1:]):
            return True
        # a person called by the given name, as many naming customs do ("Minister X" for
        # "X Y"), when the full form has a given name of its own
        return len(long_) > 1 and len(word) > 2 and word == long_[0]
    if long_[: len(short)] == short or long_[-len(short) :] == short:
        return True
    if not similar(short[-1], long_[-1]):
        return False
    return first_names_fit(short[:-1], long_[:-1])


def similar(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) > 4 and ratio(a, b) >= 85)


def first_names_fit(a: Sequence[str], b: Sequence[str]) -> bool:
    """Given names agree: equal, or one an initial of the other, or one side has none."""
    if not a or not b:
        return True
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return similar(x, y)
