"""Accuracy floors on the shared seed page, dev and dev2 sets, scored by ../shared/eval/score.py,
so that extraction quality cannot silently drop. Floors sit a little under the figures
measured when they were last raised (see the comments), never under the required ones."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from diplograph.ingest import read_inputs
from diplograph.nlp import Extractor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "000_5d660a483205698d.txt"
DEV = SHARED / "corpus" / "dev.jsonl"
DEV2 = SHARED / "corpus" / "dev2.jsonl"

pytestmark = pytest.mark.shared

# Issue 3 floors, raised to (measured - 0.02) where that is higher. Measured when last
# raised: seed persons_f1 1.000, affiliation_acc 1.000, events_f1 0.977, events_lenient_f1
# 0.977, status_acc 1.000, date_acc 1.000; dev persons_f1 1.000, affiliation_acc 0.951,
# events_f1 0.914, events_lenient_f1 0.914, status_acc 1.000, date_acc 0.914.
SEED_FLOORS = {
    "articles_f1": 1.0,
    "titles_acc": 1.0,
    "published_acc": 1.0,
    "persons_f1": 0.98,
    "affiliation_acc": 0.98,
    "events_f1": 0.95,
    "events_lenient_f1": 0.95,
    "status_acc": 0.98,
    "date_acc": 0.98,
}
# Issue 12 (2026-12-05), measured: dev affiliation_acc 0.988 (the rest as above); dev2
# persons_f1 0.951, affiliation_acc 0.933, events_f1 0.401, events_lenient_f1 0.438,
# status_acc 0.948, date_acc 0.976. dev2's persons and affiliation floors are the issue's.
# Issue 13 (2026-12-05), measured: dev events_f1 0.931, events_lenient_f1 0.931, date_acc
# 0.917; dev2 events_f1 0.822, events_lenient_f1 0.832, status_acc 0.983, date_acc 0.968
# (persons and affiliation as above). Event floors at the measured figures minus 0.02.
# Issue 13, second session (2026-12-06), measured: dev2 persons_f1 0.964, affiliation_acc
# 0.947, events_f1 0.850, events_lenient_f1 0.855, status_acc 0.984, date_acc 0.968; dev
# unchanged.
DEV_FLOORS = {
    "persons_f1": 0.98,
    "affiliation_acc": 0.96,
    "events_f1": 0.91,
    "events_lenient_f1": 0.91,
    "status_acc": 0.98,
    "date_acc": 0.89,
}

DEV2_FLOORS = {
    "articles_f1": 0.98,
    "persons_f1": 0.95,
    "affiliation_acc": 0.93,
    "events_f1": 0.83,
    "events_lenient_f1": 0.83,
    "status_acc": 0.96,
    "date_acc": 0.94,
}


def load_scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"no scorer at {path}: ../shared is not beside the project")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def figures(extractor: Extractor, corpus: Path, gold_name: str) -> dict[str, Any]:
    gold_path = SHARED / "eval" / "gold" / gold_name
    if not corpus.exists() or not gold_path.exists():
        pytest.skip(f"{corpus} or {gold_path} missing: ../shared is not beside the project")
    scorer = load_scorer()
    rows = [extractor.extract(a).to_dict() for a in read_inputs([str(corpus)])]
    rows = json.loads(json.dumps(rows))  # exactly what a JSON-lines file would carry
    gold = scorer.load_jsonl(str(gold_path))
    result, _errors = scorer.score(gold, rows)
    return dict(result)


def test_eval_floors_seed(extractor: Extractor) -> None:
    result = figures(extractor, SEED, "seed.jsonl")
    low = {k: round(result[k], 3) for k, floor in SEED_FLOORS.items() if result[k] < floor}
    assert not low, f"below the seed floors {SEED_FLOORS}: {low}"


def test_eval_floors_dev(extractor: Extractor) -> None:
    result = figures(extractor, DEV, "dev.jsonl")
    low = {k: round(result[k], 3) for k, floor in DEV_FLOORS.items() if result[k] < floor}
    assert not low, f"below the dev floors {DEV_FLOORS}: {low}"


def test_eval_floors_dev2(extractor: Extractor) -> None:
    result = figures(extractor, DEV2, "dev2.jsonl")
    low = {k: round(result[k], 3) for k, floor in DEV2_FLOORS.items() if result[k] < floor}
    assert not low, f"below the dev2 floors {DEV2_FLOORS}: {low}"
