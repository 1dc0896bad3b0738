"""The report: the figures as score.py prints them, mismatches grouped by kind, bounds.

What ``diplograph eval`` shows of a ``Report``: ``format_figures`` and ``format_mismatches``
(text), ``report_json`` (``--json``), and ``parse_bound`` / ``missed_bounds`` for ``--min``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from diplograph.errors import UsageError
from diplograph.evaluate.scoring import KINDS, Mismatch, Report

__all__ = [
    "FIGURES",
    "SUMMARY",
    "MismatchGroup",
    "format_figures",
    "format_mismatches",
    "group_mismatches",
    "missed_bounds",
    "parse_bound",
    "report_json",
]


# The figures score.py prints, in its order.
SUMMARY = (
    "articles_f1",
    "titles_acc",
    "published_acc",
    "persons_p",
    "persons_r",
    "persons_f1",
    "affiliation_acc",
    "events_p",
    "events_r",
    "events_f1",
    "events_lenient_f1",
    "status_acc",
    "date_acc",
)
_RATES = ("articles", "persons", "events", "events_lenient")
_COUNTS = (
    "affiliation_ok",
    "articles_gold",
    "articles_sys",
    "articles_tp",
    "date_n",
    "date_ok",
    "events_gold",
    "events_lenient_tp",
    "events_strict_tp",
    "events_sys",
    "persons_gold",
    "persons_sys",
    "persons_tp",
    "published_n",
    "published_ok",
    "status_ok",
    "titles_n",
    "titles_ok",
)
# Every name a ``--min`` bound may use.
FIGURES = frozenset(
    [f"{n}_{x}" for n in _RATES for x in ("p", "r", "f1")]
    + ["titles_acc", "published_acc", "affiliation_acc", "status_acc", "date_acc", *_COUNTS]
)


# -- reporting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MismatchGroup:
    """The mismatches of one kind, with a count per event type where they have one."""

    kind: str
    items: tuple[Mismatch, ...]

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ")

    @property
    def by_type(self) -> list[tuple[str, int]]:
        """(event type, count), the most frequent first; empty for kinds without a type."""
        counted = Counter(m.type for m in self.items if m.type)
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))


def group_mismatches(errors: Iterable[Mismatch]) -> list[MismatchGroup]:
    """Mismatches by kind, the biggest group first (ties in ``KINDS`` order)."""
    groups: dict[str, list[Mismatch]] = defaultdict(list)
    for error in errors:
        groups[error.kind].append(error)
    order = sorted(groups, key=lambda k: (-len(groups[k]), KINDS.index(k)))
    return [MismatchGroup(kind, tuple(groups[kind])) for kind in order]


def format_figures(figures: Mapping[str, float]) -> list[str]:
    """The lines ``score.py`` prints: each summary figure with three decimals."""
    return [f"{key:18} {figures[key]:.3f}" for key in SUMMARY]


def format_mismatches(errors: Iterable[Mismatch]) -> list[str]:
    """A head line per kind, biggest first ("missed event: 3 (MEETING 2, VISIT 1)"), each
    followed by its mismatches, one a line."""
    lines: list[str] = []
    for group in group_mismatches(errors):
        types = ", ".join(f"{t} {n}" for t, n in group.by_type)
        lines.append(f"{group.label}: {len(group.items)}" + (f" ({types})" if types else ""))
        lines += [f"  {m.doc}: {m.detail}" for m in group.items]
    return lines


def report_json(report: Report, errors: bool = True) -> dict[str, Any]:
    """The figures and (with ``errors``) the grouped mismatches, ready for ``json.dumps``."""
    out: dict[str, Any] = {"figures": report.figures}
    if errors:
        out["errors"] = [
            {
                "kind": group.kind,
                "count": len(group.items),
                "by_type": dict(group.by_type),
                "items": [m.to_dict() for m in group.items],
            }
            for group in group_mismatches(report.errors)
        ]
    return out


def parse_bound(
    text: str,
    metrics: Collection[str] = FIGURES,
    example: str = "events_f1=0.8",
    choices: str = f"{', '.join(SUMMARY)}, ...",
) -> tuple[str, float]:
    """``METRIC=VALUE`` as (metric, value); raises ``UsageError`` for an unknown metric."""
    metric, sep, value = text.partition("=")
    try:
        bound = float(value) if sep else None
    except ValueError:
        bound = None
    if bound is None:
        raise UsageError(f"{text!r} is not METRIC=VALUE (e.g. {example})")
    if metric not in metrics:
        raise UsageError(f"unknown metric {metric!r}; one of {choices}")
    return metric, bound


def missed_bounds(figures: Mapping[str, float], bounds: Iterable[tuple[str, float]]) -> list[str]:
    """``"events_f1 0.893 < 0.9"`` for each bound the figures fall below."""
    return [
        f"{metric} {figures.get(metric, 0.0):.3f} < {bound:g}"
        for metric, bound in bounds
        if figures.get(metric, 0.0) < bound
    ]
