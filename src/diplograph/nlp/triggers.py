"""The trigger Matcher, run only where a trigger can start.

Every trigger pattern opens with a word list, so a match can only start on one of those
words and cannot run further than the pattern's longest form. The Matcher then runs on the
stretches around such words instead of on the whole article, and its answer is put back in
the order a whole-document call gives, so the events read from it are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplograph.nlp.sentences import tokens_of

REPEATING = frozenset({"*", "+"})


class TriggerMatcher:
    """A greedy-longest spaCy Matcher over named token patterns, with a first-word prefilter."""

    def __init__(self, vocab: Any, patterns: Sequence[tuple[str, list[dict[str, Any]]]]) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab)
        self.first: dict[str, int] = {}  # first word -> the longest reach of a match from it
        self.repeats: dict[str, frozenset[str]] = {}  # first word -> words a '*' may repeat
        self.exact = True
        for name, pattern in patterns:
            self.matcher.add(name, [pattern], greedy="LONGEST")
            self.exact = self.exact and self.learn(pattern)

    def learn(self, pattern: list[dict[str, Any]]) -> bool:
        """Record how far a match of ``pattern`` can reach; False when that is unknowable."""
        words = word_list(pattern[0]) if pattern and "OP" not in pattern[0] else None
        if words is None:
            return False
        repeated: set[str] = set()
        for token in pattern:
            if token.get("OP") in REPEATING:
                token_words = word_list(token)
                if token_words is None:
                    return False
                repeated |= token_words
        for word in words:
            self.first[word] = max(self.first.get(word, 0), len(pattern))
            if repeated:
                self.repeats[word] = self.repeats.get(word, frozenset()) | repeated
        return True

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` as ``Matcher(doc)`` gives them, in the same order."""
        if not self.exact:
            return list(self.matcher(doc))
        lowers = list(tokens_of(doc).lower)
        by_key: dict[int, list[tuple[int, int, int]]] = {}
        for start, end in self.regions(lowers, tokens_of(doc).space):
            for key, m_start, m_end in self.matcher(doc[start:end]):
                by_key.setdefault(key, []).append((key, start + m_start, start + m_end))
        # a whole-document call lists each key's matches together, keys in order of first
        # appearance (which the regions, read left to right, keep), longest first
        return [
            match
            for matches in by_key.values()
            for match in sorted(matches, key=lambda m: (m[1] - m[2], m[1]))
        ]

    def regions(self, lowers: list[str], spaces: list[bool]) -> list[tuple[int, int]]:
        """Disjoint token stretches that hold every match, each match whole in one."""
        n = len(lowers)
        out: list[tuple[int, int]] = []
        for i, word in enumerate(lowers):
            reach = self.first.get(word)
            if reach is None:
                continue
            end = min(n, i + reach)
            repeated = self.repeats.get(word)
            if repeated:  # a '*' word (or a line break) does not count against the reach
                end, budget = i, reach
                while end < n and budget > 0:
                    budget -= not (lowers[end] in repeated or spaces[end])
                    end += 1
            if out and i <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((i, end))
        return out


def word_list(token: dict[str, Any]) -> frozenset[str] | None:
    """The lower-case words a token pattern accepts, when it is a plain word (list) test."""
    if set(token) - {"LOWER", "OP"}:
        return None
    lower = token.get("LOWER")
    if isinstance(lower, str):
        return frozenset({lower})
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return frozenset(lower["IN"])
    return None
