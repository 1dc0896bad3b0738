"""Pairwise precision and recall of actor merges against hand-labelled pairs of mentions.

A labelled file (``tests/golden/actor_pairs.jsonl``) holds one pair a line: two person
mentions (``doc``, ``name``, ``aliases``, ``title``, ``country``, ``org``, ``published``),
``same`` (one person or two) and ``why``. It lists every pair of its mentions that shares a
name word, plus hard pairs of different people; any other pair of its mentions counts as
two people. A merge is a pair of mentions given one resolved actor: precision is the share
of merges that are right, recall the share of same-person pairs that are merged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from diplograph.models import fold, stable_id
from diplograph.resolve.actors import ActorMention, resolve_actors

Key = tuple[str, str]  # (doc, folded name)


@dataclass(frozen=True)
class PairScore:
    """Pairwise figures and the pairs the resolver got wrong."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int
    pairs: int
    mentions: int
    errors: tuple[str, ...]


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    """The labelled pairs of a JSON-lines file."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def mention_key(record: dict[str, Any]) -> Key:
    """How a labelled mention is told apart: its document and folded name."""
    return (str(record["doc"]), fold(str(record["name"])))


def as_mention(record: dict[str, Any]) -> ActorMention:
    """A labelled mention as the store would resolve it (surface actor = folded name)."""
    day = (record.get("published") or "")[:10] or None
    name = str(record["name"])
    return ActorMention(
        article_id=str(record["doc"]),
        actor_id=stable_id("act", "person", fold(name)),
        kind="person",
        name=name,
        names=(name, *(record.get("aliases") or ())),
        titles=(record["title"],) if record.get("title") else (),
        country=record.get("country"),
        org=record.get("org"),
        first_day=day,
        last_day=day,
    )


def resolve_labelled(records: Iterable[dict[str, Any]]) -> dict[Key, str]:
    """Each labelled mention's resolved actor, resolving the mentions alone."""
    mentions = {mention_key(r): as_mention(r) for r in records}
    by_unit = {m.unit: key for key, m in mentions.items()}
    return {by_unit[u]: e.id for e in resolve_actors(mentions.values()) for u in e.members}


def score_pairs(
    rows: list[dict[str, Any]],
    predict: Callable[[list[dict[str, Any]]], dict[Key, str]] = resolve_labelled,
) -> PairScore:
    """Score ``predict`` (labelled mentions -> actor per mention) on the labelled pairs."""
    records = {mention_key(m): m for row in rows for m in (row["a"], row["b"])}
    truth = {frozenset((mention_key(r["a"]), mention_key(r["b"]))): bool(r["same"]) for r in rows}
    found = predict(list(records.values()))
    tp = fp = fn = 0
    errors = []
    for a, b in combinations(sorted(records), 2):
        same = truth.get(frozenset((a, b)), False)
        merged = a in found and found.get(a) == found.get(b)
        tp += same and merged
        fp += merged and not same
        fn += same and not merged
        if same != merged:
            kind = "wrongly merged" if merged else "missed"
            errors.append(f"{kind}: {a[1]} ({a[0]}) / {b[1]} ({b[0]})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1, tp, fp, fn, len(rows), len(records), tuple(errors))
