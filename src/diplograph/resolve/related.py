"""Articles related to an article: shared resolved events, actors and topics, similar text.

``rank_related`` scores every other article with the weights of ``resources/related.json``:
each event both articles report, each actor both name and each topic both have (weighted
by rarity: what every article names says little), and the TF-IDF cosine of the two texts,
computed here in plain Python. Each result carries its score and the reasons for it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from diplograph.models import fold
from diplograph.resolve.resources import read_json

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class ArticleProfile:
    """What ``related`` compares: an article's text, resolved actors, events and topics."""

    id: str
    title: str | None
    published: str | None
    text: str
    actors: dict[str, str] = field(default_factory=dict, hash=False)  # id -> name
    events: dict[str, str] = field(default_factory=dict, hash=False)  # id -> label
    topics: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Relation:
    """Another article, how related it is, and why."""

    article_id: str
    title: str | None
    published: str | None
    score: float
    reasons: tuple[str, ...]
    shared_events: tuple[str, ...] = ()
    shared_actors: tuple[str, ...] = ()
    shared_topics: tuple[str, ...] = ()
    text_similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published,
            "score": self.score,
            "reasons": list(self.reasons),
            "shared_events": list(self.shared_events),
            "shared_actors": list(self.shared_actors),
            "shared_topics": list(self.shared_topics),
            "text_similarity": self.text_similarity,
        }


@dataclass(frozen=True)
class _Settings:
    weights: dict[str, float]
    min_text: float
    min_word: int
    stop_words: frozenset[str]


@lru_cache(maxsize=1)
def _settings() -> _Settings:
    data = read_json("resources/related.json")
    return _Settings(
        weights={k: float(v) for k, v in data["weights"].items()},
        min_text=float(data.get("min_text_similarity", 0.0)),
        min_word=int(data.get("min_word", 3)),
        stop_words=frozenset(data.get("stop_words", ())),
    )


def words(text: str) -> list[str]:
    """The folded words of ``text`` that count for text similarity."""
    s = _settings()
    return [w for w in _WORD.findall(fold(text)) if len(w) >= s.min_word and w not in s.stop_words]


def tfidf_vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """One unit-length TF-IDF vector (sublinear tf, smoothed idf) per text."""
    counts = [Counter(words(t)) for t in texts]
    df = Counter(w for c in counts for w in c)
    n = len(texts)
    vectors = []
    for c in counts:
        vec = {w: (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, tf in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def rank_related(
    target_id: str, profiles: Iterable[ArticleProfile], limit: int | None = 10
) -> list[Relation]:
    """The articles most related to ``target_id``, best first, each with its reasons."""
    articles = sorted(profiles, key=lambda p: p.id)
    index = {p.id: n for n, p in enumerate(articles)}
    if target_id not in index:
        return []
    vectors = tfidf_vectors([f"{p.title or ''}\n{p.text}" for p in articles])
    naming = Counter(a for p in articles for a in p.actors)
    naming.update(f"topic:{t}" for p in articles for t in p.topics)
    target = articles[index[target_id]]
    found = []
    for n, other in enumerate(articles):
        if other.id != target_id:
            relation = _relate(
                target, other, cosine(vectors[index[target_id]], vectors[n]), naming, len(articles)
            )
            if relation is not None:
                found.append(relation)
    found.sort(key=lambda r: (-r.score, r.article_id))
    return found[:limit] if limit is not None else found


def _rarity(count: int, total: int) -> float:
    """1 for an actor only two articles name, falling towards 0 as more articles do."""
    if total <= 2:
        return 1.0
    return max(0.0, math.log(total / count) / math.log(total / 2)) if count > 2 else 1.0


def _relate(
    target: ArticleProfile,
    other: ArticleProfile,
    similarity: float,
    naming: Counter[str],
    total: int,
) -> Relation | None:
    w = _settings().weights
    events = sorted(target.events.keys() & other.events.keys())
    actors = sorted(target.actors.keys() & other.actors.keys(), key=lambda a: (naming[a], a))
    topics = sorted(target.topics & other.topics, key=lambda t: (naming[f"topic:{t}"], t))
    text = similarity if similarity >= _settings().min_text else 0.0
    score = (
        w["event"] * len(events)
        + w["actor"] * sum(_rarity(naming[a], total) for a in actors)
        + w["topic"] * sum(_rarity(naming[f"topic:{t}"], total) for t in topics)
        + w["text"] * text
    )
    if score <= 0:
        return None
    reasons = []
    if events:
        reasons.append("same event: " + "; ".join(target.events[e] for e in events))
    if actors:
        reasons.append("shared actors: " + ", ".join(target.actors[a] for a in actors))
    if topics:
        reasons.append("shared topics: " + ", ".join(topics))
    if text:
        reasons.append(f"similar text: {text:.2f}")
    return Relation(
        article_id=other.id,
        title=other.title,
        published=other.published,
        score=round(score, 3),
        reasons=tuple(reasons),
        shared_events=tuple(target.events[e] for e in events),
        shared_actors=tuple(target.actors[a] for a in actors),
        shared_topics=tuple(topics),
        text_similarity=round(similarity, 3),
    )
