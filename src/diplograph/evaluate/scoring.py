"""Scoring: the gold file read, then score.py's figures and every mismatch as a record.

``score_records`` counts as the reference ``score()`` does, with ``matching``'s rules, and
turns each of its error lines (and each difference it only counts) into a ``Mismatch``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any

from diplograph.errors import UnreadableInputError
from diplograph.evaluate.matching import (
    TYPES,
    Row,
    affiliation_ok,
    doc_key,
    gold_key,
    match_events,
    match_persons,
    same_name,
)

__all__ = [
    "KINDS",
    "Mismatch",
    "Report",
    "load_gold",
    "score_records",
]


# The kinds of mismatch. The first six are the reference scorer's error lines; the others it
# only counts (in status_acc, date_acc, titles_acc, published_acc and articles_p).
KINDS = (
    "missing_article",
    "missed_person",
    "extra_person",
    "wrong_affiliation",
    "missed_event",
    "extra_event",
    "wrong_status",
    "wrong_date",
    "wrong_title",
    "wrong_published",
    "extra_article",
)


@dataclass(frozen=True)
class Mismatch:
    """One difference from the gold: its ``kind`` (one of ``KINDS``), article and detail.

    ``type`` is the gold (or, for an extra, the system) event type for the event kinds;
    ``gold`` and ``system`` are the two values that differ, where there are two.
    """

    kind: str
    doc: str
    detail: str
    type: str | None = None
    gold: str | None = None
    system: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """The figures of ``score.py``'s ``score()`` (same keys, same values) and the mismatches."""

    figures: dict[str, float]
    errors: list[Mismatch] = field(default_factory=list)


def _f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- scoring --------------------------------------------------------------------------------


def load_gold(path: str) -> list[dict[str, Any]]:
    """The gold rows of a JSON-lines file (GUIDE.md); a file that cannot be used raises
    ``UnreadableInputError`` naming the line."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableInputError(f"cannot read the gold file: {reason}", source=path) from exc
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"the gold file is not UTF-8: {exc}", source=path) from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UnreadableInputError(f"line {number}: not JSON: {exc}", source=path) from exc
        if not isinstance(row, dict) or not isinstance(row.get("doc"), str):
            raise UnreadableInputError(f"line {number}: no 'doc' file name", source=path)
        for event in row.get("events") or []:
            if not isinstance(event.get("type"), str) or not isinstance(
                event.get("participants"), list
            ):
                raise UnreadableInputError(
                    f"line {number}: an event without 'type' or 'participants'", source=path
                )
        rows.append(row)
    return rows


def score_records(gold_rows: Sequence[Row], system_rows: Sequence[Row]) -> Report:
    """Score system rows (``Extraction.to_dict()`` records) against gold rows.

    ``figures`` equals the reference ``score()``'s figures; ``errors`` holds the
    reference's error lines as ``Mismatch`` records, then status, date, title and
    publication mismatches and extra articles, which it only counts.
    """
    system = {doc_key(r): r for r in system_rows}
    by_file: dict[str, list[Row]] = defaultdict(list)
    for r in system_rows:
        by_file[PurePath(str(r.get("source", ""))).name].append(r)
    counts: dict[str, int] = defaultdict(int)
    errors: list[Mismatch] = []
    gold_keys = [gold_key(g["doc"]) for g in gold_rows]
    gold_files = {key.split("#")[0] for key in gold_keys}
    for name in gold_files:
        counts["articles_gold"] += sum(1 for key in gold_keys if key.startswith(name + "#"))
        counts["articles_sys"] += len(by_file.get(name, []))
    for key, g in zip(gold_keys, gold_rows, strict=True):
        s = system.get(key)
        if s is None:
            errors.append(Mismatch("missing_article", key, "no article"))
            s = {}
        else:
            counts["articles_tp"] += 1
            errors += _score_header(key, g, s, counts)
        errors += _score_persons(key, g, s, counts)
        errors += _score_events(key, g, s, counts)
    errors += _extra_articles(gold_keys, gold_files, system_rows)
    return Report(_figures(counts), errors)


def _score_header(key: str, g: Row, s: Row, counts: dict[str, int]) -> list[Mismatch]:
    out = []
    if g.get("title"):
        counts["titles_n"] += 1
        ok = same_name(g["title"], s.get("title"))
        counts["titles_ok"] += ok
        if not ok:
            detail = f"{g['title']!r} != {s.get('title')!r}"
            out.append(Mismatch("wrong_title", key, detail, None, g["title"], s.get("title")))
    if g.get("published"):
        counts["published_n"] += 1
        published = str(s.get("published") or "")
        ok = published.startswith(g["published"])
        counts["published_ok"] += ok
        if not ok:
            detail = f"{g['published']} != {published or None}"
            out.append(
                Mismatch("wrong_published", key, detail, None, g["published"], published or None)
            )
    return out


def _where(person: Row) -> str | None:
    return _text(person.get("country") or person.get("org"))


def _score_persons(key: str, g: Row, s: Row, counts: dict[str, int]) -> list[Mismatch]:
    gp, sp = g.get("persons") or [], s.get("persons") or []
    pairs = match_persons(gp, sp)
    counts["persons_gold"] += len(gp)
    counts["persons_sys"] += len(sp)
    counts["persons_tp"] += len(pairs)
    counts["affiliation_ok"] += sum(affiliation_ok(a, b) for a, b in pairs)
    hit_g, hit_s = {id(a) for a, _ in pairs}, {id(b) for _, b in pairs}
    out = [
        Mismatch("missed_person", key, f"{p['name']} ({_where(p)})", gold=p["name"])
        for p in gp
        if id(p) not in hit_g
    ]
    out += [
        Mismatch("extra_person", key, f"{p.get('name')} ({_where(p)})", system=p.get("name"))
        for p in sp
        if id(p) not in hit_s
    ]
    out += [
        Mismatch(
            "wrong_affiliation",
            key,
            f"{a['name']}: {_where(a)} != {_where(b)}",
            gold=_where(a),
            system=_where(b),
        )
        for a, b in pairs
        if not affiliation_ok(a, b)
    ]
    return out


def _score_events(key: str, g: Row, s: Row, counts: dict[str, int]) -> list[Mismatch]:
    ge = [e for e in g.get("events") or [] if e["type"] in TYPES]
    se = [e for e in s.get("events") or [] if e.get("type") in TYPES]
    counts["events_gold"] += len(ge)
    counts["events_sys"] += len(se)
    counts["events_lenient_tp"] += len(match_events(ge, se, g.get("persons") or [], True))
    pairs = match_events(ge, se, g.get("persons") or [], False)
    counts["events_strict_tp"] += len(pairs)
    dated = [(a, b) for a, b in pairs if a.get("date")]
    bad_status = [(a, b) for a, b in pairs if a.get("status", "occurred") != b.get("status")]
    bad_date = [(a, b) for a, b in dated if not str(b.get("date") or "").startswith(a["date"])]
    counts["status_ok"] += len(pairs) - len(bad_status)
    counts["date_n"] += len(dated)
    counts["date_ok"] += len(dated) - len(bad_date)
    out = [
        _differs("wrong_status", key, a, a.get("status", "occurred"), b.get("status"))
        for a, b in bad_status
    ]
    out += [_differs("wrong_date", key, a, a["date"], b.get("date")) for a, b in bad_date]
    hit_g, hit_s = {id(a) for a, _ in pairs}, {id(b) for _, b in pairs}
    out += [
        Mismatch("missed_event", key, f"{e['type']} {e['participants']}", e["type"])
        for e in ge
        if id(e) not in hit_g
    ]
    out += [
        Mismatch("extra_event", key, f"{e.get('type')} {_sides(e)}", e.get("type"))
        for e in se
        if id(e) not in hit_s
    ]
    return out


def _differs(kind: str, key: str, event: Row, gold: Any, system: Any) -> Mismatch:
    detail = f"{event['type']} {event['participants']}: {gold} != {system}"
    return Mismatch(kind, key, detail, event["type"], _text(gold), _text(system))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _sides(event: Row) -> list[Any]:
    return [a.get("name") for a in event.get("participants") or []]


def _extra_articles(
    gold_keys: Sequence[str], gold_files: set[str], system_rows: Sequence[Row]
) -> list[Mismatch]:
    """System articles of a gold file that no gold line has (or a second time): they lower
    ``articles_p``."""
    wanted, seen, out = set(gold_keys), set(), []
    for r in system_rows:
        key = doc_key(r)
        if key.split("#")[0] not in gold_files:
            continue
        if key not in wanted or key in seen:
            out.append(Mismatch("extra_article", key, repr(r.get("title"))))
        seen.add(key)
    return out


def _figures(c: dict[str, int]) -> dict[str, float]:
    """The rates, then every count as a float, as the reference builds them."""
    out: dict[str, float] = {}
    for name, tp, ns, ng in (
        ("articles", c["articles_tp"], c["articles_sys"], c["articles_gold"]),
        ("persons", c["persons_tp"], c["persons_sys"], c["persons_gold"]),
        ("events", c["events_strict_tp"], c["events_sys"], c["events_gold"]),
        ("events_lenient", c["events_lenient_tp"], c["events_sys"], c["events_gold"]),
    ):
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = _f1(tp, ns, ng)
    out["titles_acc"] = c["titles_ok"] / c["titles_n"] if c["titles_n"] else 1.0
    out["published_acc"] = c["published_ok"] / c["published_n"] if c["published_n"] else 1.0
    out["affiliation_acc"] = c["affiliation_ok"] / c["persons_tp"] if c["persons_tp"] else 0.0
    out["status_acc"] = c["status_ok"] / c["events_strict_tp"] if c["events_strict_tp"] else 0.0
    out["date_acc"] = c["date_ok"] / c["date_n"] if c["date_n"] else 1.0
    out.update({k: float(v) for k, v in sorted(c.items())})
    return out
