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


class TopicFinder:
    """Keyword matcher for topic labels, compiled once."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.patterns = {
            topic: re.compile(
                r"\b(?:"
                + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                + r")\b",
                re.IGNORECASE,
            )
            for topic, words in gaz.topics.items()
        }
        # where any keyword starts: one scan instead of one per topic; each topic's own
        # pattern is then tried only at those places, so the answer is the same
        keywords = [w for words in gaz.topics.values() for w in words]
        self.starts = re.compile(r"\b(?=" + trie_pattern(keywords) + r"\b)", re.IGNORECASE)

    def topics_of(self, text: str) -> list[str]:
        """Topic labels whose keywords occur in ``text``, in vocabulary order."""
        starts = [m.start() for m in self.starts.finditer(text)]
        if not starts:
            return []
        return [
            topic
            for topic, pattern in self.patterns.items()
            if any(pattern.match(text, pos) for pos in starts)
        ]

    def discussed(self, sentences: Sequence[Sentence]) -> set[str]:
        """Topics of the article's discussion sentences ("the parties discussed trade")."""
        text = " ".join(s.text for s in sentences if DISCUSSION_RE.search(s.text))
        return set(self.topics_of(text))

    def label(
        self,
        event: Event,
        discussed: set[str],
        whole: Set[str] | Callable[[], Set[str]] = frozenset(),
    ) -> Event:
        """``event`` with the topics of its evidence and of the article's discussion; where
        neither names one, the topics of the whole article (its title and text), which
        ``whole`` may give only when asked (reading the whole article is the slow part)."""
        own = set(self.topics_of(" ".join(e.text for e in event.evidence))) | discussed
        found: Set[str] = own or (whole() if callable(whole) else whole)
        return replace(event, topics=tuple(t for t in self.patterns if t in found))


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
