"""Scoring against a peer gold: the PLOVER gold-standard records (GitHub issue 7).

The file (``PLOVER_GSR_CAMEO.txt``, openeventdata/PLOVER, CC BY-SA 4.0) is one JSON array:
a ``DOCUMENT`` object, then one object per sentence with ``event`` (the PLOVER category),
``text``, ``date`` and ``source``/``target`` lists of ``{"actorText", "code", "sector"}``.
Each record's text is extracted as an article published on the record's date; for the
cooperative categories in ``COVERED`` we report how often we find an event, whether its
PLOVER type (through ``codes.py``) is the gold's, and whether our first and second
participants' countries are the gold source's and target's. Other categories are counted
as not covered and never scored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from diplograph import evaluate
from diplograph.errors import UnreadableInputError
from diplograph.models import Article, Event, Extraction

COVERED = ("CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID")
OVERALL = "overall"
RATES = ("coverage", "type_acc", "type_recall", "source_acc", "target_acc")

# Codes the file keeps from CAMEO that are not ISO 3166 alpha-3 (JAP is Japan's CAMEO code).
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass(frozen=True)
class GoldActor:
    """One source or target actor of a gold record."""

    text: str
    code: str | None = None
    sector: str | None = None

    @property
    def country(self) -> str | None:
        """The actor's ISO3 country, or None for IGO/NGO/ethnic codes and unknown ones."""
        return iso3(self.code, self.text)


@dataclass(frozen=True)
class GoldRecord:
    """One PLOVER gold sentence with its category and actors."""

    id: str
    category: str
    text: str
    date: str | None = None
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()
    mode: str | None = None

    @property
    def covered(self) -> bool:
        """Whether the category is one diplograph codes."""
        return self.category in COVERED

    def source_countries(self) -> set[str]:
        """ISO3 codes of the gold sources."""
        return {c for c in (a.country for a in self.sources) if c}

    def target_countries(self) -> set[str]:
        """ISO3 codes of the gold targets; the other sources when the actors are reciprocal."""
        found = {c for c in (a.country for a in self.targets) if c}
        if not self.targets and len(self.source_countries()) > 1:
            # SRC/TAR markup: "X and Y agreed" lists both as sources, each the other's target.
            return self.source_countries()
        return found


@dataclass(frozen=True)
class RecordScore:
    """How one covered record fared; None where a side has no gold country or no event."""

    record: GoldRecord
    found: bool
    type: str | None = None
    type_ok: bool = False
    source_ok: bool | None = None
    target_ok: bool | None = None


def iso3(code: str | None, name: str | None = None) -> str | None:
    """ISO 3166 alpha-3 for a PLOVER actor code, falling back to pycountry on the name."""
    code = LEGACY_CODES.get((code or "").upper(), (code or "").upper())
    if code and pycountry.countries.get(alpha_3=code) is not None:
        return code
    if name:
        try:
            return str(pycountry.countries.lookup(name).alpha_3)
        except LookupError:
            return None
    return None


def _actors(value: Any) -> tuple[GoldActor, ...]:
    # "target" is sometimes "" or a stray string ("diplomatic"): no actor then.
    if not isinstance(value, list):
        return ()
    return tuple(
        GoldActor(text=str(a.get("actorText") or ""), code=a.get("code"), sector=a.get("sector"))
        for a in value
        if isinstance(a, dict)
    )


def parse_record(data: Mapping[str, Any]) -> GoldRecord | None:
    """One gold object as a record; None for DOCUMENT objects and ones without text."""
    category = str(data.get("event") or "")
    if category == "DOCUMENT" or not data.get("text"):
        return None
    return GoldRecord(
        id=str(data.get("id") or ""),
        category=category,
        text=str(data["text"]),
        date=data.get("date") or None,
        sources=_actors(data.get("source")),
        targets=_actors(data.get("target")),
        mode=data.get("mode") or None,
    )


def read_gold(path: str | Path) -> list[GoldRecord]:
    """The records of a PLOVER gold file (a JSON array), in file order."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UnreadableInputError(f"cannot read PLOVER gold: {reason}", source=str(path)) from exc
    if not isinstance(data, list):
        raise UnreadableInputError("PLOVER gold is not a JSON array", source=str(path))
    records = (parse_record(item) for item in data if isinstance(item, dict))
    return [r for r in records if r is not None]


def _country(event: Event, index: int) -> str | None:
    return event.participants[index].country if len(event.participants) > index else None


def _side_ok(event: Event, index: int, gold: set[str]) -> bool | None:
    return _country(event, index) in gold if gold else None


def score_record(record: GoldRecord, events: Sequence[Event]) -> RecordScore:
    """Score the best-matching event: right type first, then the most actor countries right."""
    if not events:
        return RecordScore(record=record, found=False)
    sources, targets = record.source_countries(), record.target_countries()

    def rank(event: Event) -> tuple[bool, int]:
        type_ok = event.codes is not None and event.codes.plover_type == record.category
        sides = (_side_ok(event, 0, sources), _side_ok(event, 1, targets))
        return type_ok, sum(1 for ok in sides if ok)

    best = max(events, key=rank)
    return RecordScore(
        record=record,
        found=True,
        type=best.codes.plover_type if best.codes else None,
        type_ok=rank(best)[0],
        source_ok=_side_ok(best, 0, sources),
        target_ok=_side_ok(best, 1, targets),
    )


def _rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def figures(scores: Iterable[RecordScore]) -> dict[str, float]:
    """Counts and rates for a group of scored records.

    ``type_acc`` is over records we found an event for, ``type_recall`` over all records;
    ``source_acc``/``target_acc`` over found records whose gold side has a country.
    """
    rows = list(scores)
    found = [s for s in rows if s.found]
    typed = sum(s.type_ok for s in found)
    src = [s.source_ok for s in found if s.source_ok is not None]
    tar = [s.target_ok for s in found if s.target_ok is not None]
    return {
        "records": float(len(rows)),
        "found": float(len(found)),
        "coverage": _rate(len(found), len(rows)),
        "type_acc": _rate(typed, len(found)),
        "type_recall": _rate(typed, len(rows)),
        "source_acc": _rate(sum(src), len(src)),
        "target_acc": _rate(sum(tar), len(tar)),
        "source_n": float(len(src)),
        "target_n": float(len(tar)),
    }


@dataclass(frozen=True)
class PeerReport:
    """Figures per covered category and overall, and the not-covered counts."""

    categories: dict[str, dict[str, float]]
    not_covered: dict[str, int]
    scores: tuple[RecordScore, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "categories": self.categories,
            "not_covered": self.not_covered,
            "not_covered_total": sum(self.not_covered.values()),
        }


def score_gold(
    records: Sequence[GoldRecord], extract: Callable[[Article], Extraction]
) -> PeerReport:
    """Extract each covered record's text and score it; count the others as not covered."""
    scores: list[RecordScore] = []
    not_covered: dict[str, int] = {}
    for index, record in enumerate(records):
        if not record.covered:
            not_covered[record.category] = not_covered.get(record.category, 0) + 1
            continue
        article = Article(
            source="plover", index=index, text=record.text, published=record.date, url=record.id
        )
        scores.append(score_record(record, extract(article).events))
    categories = {c: figures(s for s in scores if s.record.category == c) for c in COVERED}
    categories[OVERALL] = figures(scores)
    return PeerReport(categories, dict(sorted(not_covered.items())), tuple(scores))


def evaluate_file(path: str | Path) -> PeerReport:
    """Score diplograph's extractor against the PLOVER gold file at ``path``."""
    from diplograph.nlp import Extractor  # only here: loading the pipeline is slow

    return score_gold(read_gold(path), Extractor().extract)


def _rate_of(f: Mapping[str, float], side: str) -> str:
    n = int(f[f"{side}_n"])
    return f"{f[f'{side}_acc']:.3f}/{n}" if n else "-"


def format_report(report: PeerReport) -> list[str]:
    """A table: one row per covered category and overall, then the not-covered counts."""
    head = f"{'category':<10} {'records':>7} {'found':>5} {'type_acc':>8} {'type_rec':>8}"
    lines = [head + f" {'src_acc':>9} {'tar_acc':>9}"]
    for name, f in report.categories.items():
        src, tar = _rate_of(f, "source"), _rate_of(f, "target")
        lines.append(
            f"{name:<10} {int(f['records']):>7} {int(f['found']):>5} {f['type_acc']:>8.3f}"
            f" {f['type_recall']:>8.3f} {src:>9} {tar:>9}"
        )
    total = sum(report.not_covered.values())
    counts = ", ".join(f"{k} {v}" for k, v in report.not_covered.items())
    lines.append(f"not covered: {total} records ({counts})")
    return lines


def parse_bound(text: str) -> tuple[str, float]:
    """``METRIC=VALUE`` (a rate of the overall row) as (metric, value)."""
    return evaluate.parse_bound(text, RATES, "type_acc=0.5", ", ".join(RATES))


def missed_bounds(report: PeerReport, bounds: Iterable[tuple[str, float]]) -> list[str]:
    """``"type_acc 0.412 < 0.5"`` for each bound the overall figures fall below."""
    overall = report.categories[OVERALL]
    return [f"{m} {overall[m]:.3f} < {b:g}" for m, b in bounds if overall[m] < b]
