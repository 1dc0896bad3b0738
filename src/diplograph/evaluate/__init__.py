"""Score extractions against hand-written gold, and say what went wrong where.

The matching rules are exactly those of the reference scorer, ``../shared/eval/score.py``
(CONTRACT.md, "How the scorer matches"), so that the figures agree to the last digit; they
live here because the package cannot depend on ``../shared`` at run time. Unlike the
reference, every miss and extra comes back as a typed ``Mismatch``, so that the CLI can
group them and work can go to the biggest class of error first.

    gold = load_gold("gold/dev.jsonl")
    report = score_records(gold, [x.to_dict() for x in extract_inputs(["dev.jsonl"])])
    report.figures["events_f1"], group_mismatches(report.errors)

    matching.py   the reference's rules: names, persons, affiliations, participants, events
    scoring.py    load_gold, score_records -> Report (figures and Mismatch records)
    report.py     the figures and grouped mismatches as text or JSON; --min bounds
"""

from __future__ import annotations

from diplograph.evaluate.matching import (
    CONSULT,
    ISO3,
    TYPES,
    Row,
    affiliation_ok,
    covers,
    doc_key,
    gold_key,
    match_events,
    match_persons,
    norm,
    participant_ok,
    same_name,
    same_type,
)
from diplograph.evaluate.report import (
    FIGURES,
    SUMMARY,
    MismatchGroup,
    format_figures,
    format_mismatches,
    group_mismatches,
    missed_bounds,
    parse_bound,
    report_json,
)
from diplograph.evaluate.scoring import KINDS, Mismatch, Report, load_gold, score_records

__all__ = [
    "CONSULT",
    "FIGURES",
    "ISO3",
    "KINDS",
    "SUMMARY",
    "TYPES",
    "Mismatch",
    "MismatchGroup",
    "Report",
    "Row",
    "affiliation_ok",
    "covers",
    "doc_key",
    "format_figures",
    "format_mismatches",
    "gold_key",
    "group_mismatches",
    "load_gold",
    "match_events",
    "match_persons",
    "missed_bounds",
    "norm",
    "parse_bound",
    "participant_ok",
    "report_json",
    "same_name",
    "same_type",
    "score_records",
]
