"""Topics of an event from a controlled vocabulary (``resources/topics.json``): keywords in
the event's own sentence and in the article's discussion sentences, else in the whole
article. Each topic maps to the PLOVER contexts it falls under (``plover_contexts``), for
exports that speak PLOVER."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import replace
from functools import lru_cache
from typing import Any

from diplograph.models import Event
from diplograph.nlp.gazetteer import Gazetteer, read_json
from diplograph.nlp.records import Sentence

DISCUSSION_RE = re.compile(
    r"\b(discuss\w*|exchang\w* views|talks|focus\w*|agenda|cooperation in|spheres?|fields?|"
    r"areas?|issues?|matters?|topics?)\b",
    re.IGNORECASE,
)

# DISCUSSION_RE, case-exact: on ASCII text, lower-casing keeps every offset and word
# boundary, and a case-blind match of a lower-case pattern is a match in the lower case
DISCUSSION_LOWER = re.compile(DISCUSSION_RE.pattern)
# a lower-case word each alternative of DISCUSSION_RE holds; a case-blind match of it is
# the word itself in some case, unless the text holds one of ODD_FOLDS (which match "i",
# "s" and "k" case-blind without lower-casing to them)
DISCUSSION_STEMS = re.compile(
    "discuss|exchang|talks|focus|agenda|cooperation in|sphere|field|area|issue|matter|topic"
)
ODD_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def discusses(text: str) -> bool:
    """Whether ``DISCUSSION_RE`` matches in ``text``, found the cheapest way."""
    if text.isascii():
        return DISCUSSION_LOWER.search(text.lower()) is not None
    if not ODD_FOLDS.search(text) and not DISCUSSION_STEMS.search(text.lower()):
        return False
    return DISCUSSION_RE.search(text) is not None


# characters whose case-blind match differs from their lower case ("ı" matches "i", yet
# stays "ı" when lower-cased); every other one matches a lower-case ASCII keyword letter
# case-blind exactly when its lower case is that letter (checked over all of Unicode)
UNLOWERED = re.compile("[\u0131\u017f]")


class KeywordScan:
    """Where the topics' keywords occur: one scan finds where any keyword starts, then each
    topic's own pattern is tried only there, and only for the topics with a keyword that
    opens with the letter found, so the spans are those of each pattern tried at every
    position."""

    def __init__(self, topics: dict[str, tuple[str, ...]], flags: int) -> None:
        self.patterns = {
            topic: re.compile(
                r"\b(?:"
                + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                + r")\b",
                flags,
            )
            for topic, words in topics.items()
        }
        keywords = [w for words in topics.values() for w in words]
        self.starts = re.compile(r"\b(?=" + trie_pattern(keywords) + r"\b)", flags)
        self.initials = {
            topic: re.compile("|".join(re.escape(w[:1]) for w in words), flags)
            for topic, words in topics.items()
        }
        self.by_initial: dict[str, list[str]] = {}

    def found(self, text: str) -> set[str]:
        """The topics whose keywords occur in ``text``, but for a keyword inside a longer
        one of another topic ("security" in "food security")."""
        spans: list[tuple[int, int, str]] = []
        for start in self.starts.finditer(text):
            pos = start.start()
            for topic in self.opening(text[pos]):
                match = self.patterns[topic].match(text, pos)
                if match:
                    spans.append((pos, match.end(), topic))
        return unshadowed(spans)

    def opening(self, char: str) -> list[str]:
        """The topics with a keyword that can start with ``char``."""
        topics = self.by_initial.get(char)
        if topics is None:
            topics = [t for t, initials in self.initials.items() if initials.match(char)]
            self.by_initial[char] = topics
        return topics


def unshadowed(spans: Sequence[tuple[int, int, str]]) -> set[str]:
    """The topics of ``spans`` (start, end, topic) with a span no longer span of another
    topic covers: a compound names its own topic, not those of the words inside it."""
    return {
        topic
        for start, end, topic in spans
        if not any(
            other != topic and s <= start and end <= e and e - s > end - start
            for s, e, other in spans
        )
    }


class TopicFinder:
    """Keyword matcher for topic labels, compiled once."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.order = list(gaz.topics)
        self.any_case = KeywordScan(gaz.topics, re.IGNORECASE)
        # the keywords are lower case: where lower-casing the text keeps every offset and
        # every case-blind match, a case-exact scan of the lower-cased text is the same
        # scan, and the regex engine runs it about twice as fast
        keywords = [w for words in gaz.topics.values() for w in words]
        plain = all(w and w.isascii() and w == w.lower() for w in keywords)
        self.lower_case = KeywordScan(gaz.topics, 0) if plain else None

    def topics_of(self, text: str) -> list[str]:
        """Topic labels whose keywords occur in ``text``, in vocabulary order."""
        lowered = text.lower()
        if self.lower_case and len(lowered) == len(text) and not UNLOWERED.search(text):
            found = self.lower_case.found(lowered)
        else:
            found = self.any_case.found(text)
        return [topic for topic in self.order if topic in found] if found else []

    def discussed(self, sentences: Sequence[Sentence]) -> set[str]:
        """Topics of the article's discussion sentences ("the parties discussed trade")."""
        text = " ".join(s.text for s in sentences if discusses(s.text))
        return set(self.topics_of(text))

    def label(
        self,
        event: Event,
        discussed: set[str],
        whole: Set[str] | Callable[[], Set[str]] = frozenset(),
        read: dict[str, list[str]] | None = None,
    ) -> Event:
        """``event`` with the topics of its evidence and of the article's discussion; where
        neither names one, the topics of the whole article (its title and text), which
        ``whole`` may give only when asked (reading the whole article is the slow part).
        ``read`` keeps the topics of the evidence texts of one article's events, which
        often share their sentences."""
        evidence = " ".join(e.text for e in event.evidence)
        topics = read.get(evidence) if read is not None else None
        if topics is None:
            topics = self.topics_of(evidence)
            if read is not None:
                read[evidence] = topics
        own = set(topics) | discussed
        found: Set[str] = own or (whole() if callable(whole) else whole)
        return replace(event, topics=tuple(t for t in self.order if t in found))


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes, so a failing position
    is rejected on its first character instead of after trying every word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return node_pattern(trie)


def node_pattern(node: dict[str, Any]) -> str:
    """The alternation of the word endings below one trie node."""
    branches = [re.escape(char) + node_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


@lru_cache(maxsize=1)
def context_table() -> dict[str, tuple[str, ...]]:
    """Topic label -> PLOVER contexts, from ``topics.json`` (``plover_contexts``)."""
    data = read_json("topics.json")
    table = data.get("plover_contexts", {})
    return {str(topic): tuple(str(c) for c in contexts) for topic, contexts in table.items()}


def plover_contexts(topics: Iterable[str]) -> list[str]:
    """The PLOVER contexts of an event's topics, each once, in topic order; a topic with
    no PLOVER context (education, culture, science) adds none."""
    table = context_table()
    out: dict[str, None] = {}
    for topic in topics:
        for context in table.get(topic, ()):
            out.setdefault(context)
    return list(out)
