"""Whether a capitalised word is an ordinary English word rather than part of a name.

A title such as "Minister for Trade and Island Affairs" or "Secretary for Corporate
Services" ends in capitalised words that the name rules would otherwise read as a person.
How common a word is in English comes from ``wordfreq`` (its frequency lists, shipped in the
package); names are common too ("Hope", "Thomas", "Merkel"), so a word that some official's
name in the knowledge base uses is never ordinary.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache

# Zipf frequency 3.8 is about once in 160,000 words of English ("analyst", "refugee");
# rarer words ("telecom", most surnames) are left to the name rules.
ORDINARY_ZIPF = 3.8
# Zipf 5.5 is once in 3,000 words: function words and the like ("the", "on", "may", "day"),
# never a one-syllable surname however English it also is ("park" 5.2, "song" 5.3)
FUNCTION_ZIPF = 5.5
_ORDINARY_KEPT = 30000  # wordfreq's top list is read this far, then cut at ORDINARY_ZIPF


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words at or above ``ORDINARY_ZIPF`` (read once per process)."""
    from wordfreq import top_n_list, zipf_frequency

    words = top_n_list("en", _ORDINARY_KEPT)
    # the list is ordered by frequency: find where it falls below the threshold
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if zipf_frequency(words[mid], "en") >= ORDINARY_ZIPF:
            lo = mid + 1
        else:
            hi = mid
    return frozenset(w for w in words[:lo] if w.isalpha())


@lru_cache(maxsize=4096)
def function_word(word: str) -> bool:
    """A word so frequent in English that it is a function word, not a surname."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= FUNCTION_ZIPF


class Ordinary:
    """``ordinary(word)``: a common English word that no known name uses."""

    def __init__(self, name_words: Callable[[], Collection[str]]) -> None:
        self._name_words = name_words
        self._names: Collection[str] | None = None

    def __call__(self, word: str) -> bool:
        low = word.lower()
        if low not in common_words():
            return False
        if self._names is None:
            self._names = self._name_words()
        return low not in self._names
