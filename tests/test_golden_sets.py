"""The project's own golden sets (tests/golden/): the files are well formed, and the extractor
scores at least the pinned floors on each, by ``diplograph.evaluate`` (score.py's rules, with
parity tested in test_evaluate.py), so these floors hold on a machine without ../shared too.

``tune`` and the ``probe`` sets may be looked at while improving the rules; ``check`` is
held out and measures generalisation (see tests/golden/README.md). Floors sit a little under
the measured figures.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pycountry
import pytest

from diplograph.evaluate import load_gold, score_records
from diplograph.models import EVENT_TYPES, STATUSES
from diplograph.pipeline import extract_inputs

GOLDEN = Path(__file__).resolve().parent / "golden"
SETS = ("tune", "check", "probe", "probe2", "probe3", "probe4")

# Floors: the figures measured on 2026-11-26 (after the issue-3 rule work) minus 0.03.
# Measured:
#   tune:  articles_f1 1.000, titles_acc 1.000, published_acc 1.000, persons_f1 1.000,
#          affiliation_acc 0.975, events_f1 0.895, events_lenient_f1 0.912, status_acc 0.961,
#          date_acc 1.000
#   check: articles_f1 1.000, titles_acc 1.000, published_acc 1.000, persons_f1 0.886,
#          affiliation_acc 0.645, events_f1 0.539, events_lenient_f1 0.562, status_acc 0.917,
#          date_acc 0.833 (12 dated events: one date is 0.083)
# Re-pinned after issue 12 (2026-12-05), check at the measured figures minus 0.02-0.03:
#   tune:  persons_f1 1.000, affiliation_acc 0.950, events_f1 0.895 (unchanged but
#          affiliation: an African Union Commission official is now AUC, not AU)
#   check: persons_f1 0.957, affiliation_acc 0.667, events_f1 0.621, events_lenient_f1
#          0.644, status_acc 0.926, date_acc 0.867
# Re-pinned during issue 13 (2026-12-05), at the measured figures minus 0.02-0.03:
#   tune:  events_f1 0.931, events_lenient_f1 0.948, status_acc 0.963
#   check: events_f1 0.644, events_lenient_f1 0.667, status_acc 0.964 (the rest unchanged)
# Issue 13, second session (2026-12-06): two sets written by helpers who never read the rules,
# ``probe`` and ``probe2``, measured first as unseen text (events_f1 0.595 and 0.503), then
# worked on. Measured now, floors at the figures minus 0.02-0.03:
#   tune:   status_acc 0.981 (the rest as above)
#   check:  affiliation_acc 0.697, events_f1 0.667, events_lenient_f1 0.690, status_acc 1.000
#   probe:  persons_f1 0.967, affiliation_acc 0.810, events_f1 0.859, events_lenient_f1
#           0.859, status_acc 0.938, date_acc 0.882
#   probe2: persons_f1 0.927, affiliation_acc 0.729, events_f1 0.602, events_lenient_f1
#           0.602, status_acc 1.000, date_acc 0.949
# Issue 13, third session (2026-12-06): ``probe3`` and ``probe4``, written the same way, first
# scored as unseen text at events_f1 0.594 and 0.538; pinned here when added (figures minus
# 0.02-0.03), raised at the end of the session:
#   probe3: persons_f1 0.927, affiliation_acc 0.829, events_f1 0.589, events_lenient_f1
#           0.611, status_acc 0.929, date_acc 0.923
#   probe4: persons_f1 0.875, affiliation_acc 0.875, events_f1 0.579, events_lenient_f1
#           0.589, status_acc 0.930, date_acc 0.909
# End of the third session (2026-12-06), measured, floors at the figures minus 0.02-0.03:
#   tune:   affiliation_acc 0.950, events_f1 0.940, events_lenient_f1 0.957, status_acc 0.982
#   check:  persons_f1 0.971, affiliation_acc 0.706, events_f1 0.778, events_lenient_f1
#           0.800, status_acc 1.000, date_acc 0.842
#   probe:  persons_f1 0.975, events_f1 0.887, status_acc 0.955
#   probe2: persons_f1 0.974, affiliation_acc 0.851, events_f1 0.718, date_acc 0.939
#   probe3: persons_f1 0.993, affiliation_acc 0.947, events_f1 0.765, events_lenient_f1
#           0.775, status_acc 0.962, date_acc 0.914
#   probe4: persons_f1 0.984, affiliation_acc 0.919, events_f1 0.745, status_acc 0.934,
#           date_acc 0.931
# ``tune`` and the ``probe`` sets are what the rules were worked on; ``check`` is held out
# and measures how far that work generalises. The lead raises the floors as the extractor
# improves; never tune on ``check``.
FLOORS: dict[str, dict[str, float]] = {
    "tune": {
        "articles_f1": 0.97,
        "titles_acc": 0.97,
        "published_acc": 0.97,
        "persons_f1": 0.97,
        "affiliation_acc": 0.93,
        "events_f1": 0.92,
        "events_lenient_f1": 0.93,
        "status_acc": 0.96,
        "date_acc": 0.97,
    },
    "check": {
        "articles_f1": 0.97,
        "titles_acc": 0.97,
        "published_acc": 0.97,
        "persons_f1": 0.94,
        "affiliation_acc": 0.68,
        "events_f1": 0.75,
        "events_lenient_f1": 0.77,
        "status_acc": 0.97,
        "date_acc": 0.81,
    },
    "probe": {
        "articles_f1": 0.97,
        "titles_acc": 0.97,
        "published_acc": 0.97,
        "persons_f1": 0.95,
        "affiliation_acc": 0.78,
        "events_f1": 0.86,
        "events_lenient_f1": 0.86,
        "status_acc": 0.93,
        "date_acc": 0.86,
    },
    "probe2": {
        "articles_f1": 0.97,
        "titles_acc": 0.97,
        "published_acc": 0.97,
        "persons_f1": 0.95,
        "affiliation_acc": 0.82,
        "events_f1": 0.69,
        "events_lenient_f1": 0.69,
        "status_acc": 0.97,
        "date_acc": 0.91,
    },
    "probe3": {
        "articles_f1": 0.97,
        "titles_acc": 0.97,
        "published_acc": 0.97,
        "persons_f1": 0.97,
        "affiliation_acc": 0.92,
        "events_f1": 0.74,
        "events_lenient_f1": 0.75,
        "status_acc": 0.93,
        "date_acc": 0.89,
    },
    "probe4": {
        "articles_f1": 0.97,
        "titles_acc": 0.97,
        "published_acc": 0.97,
        "persons_f1": 0.96,
        "affiliation_acc": 0.89,
        "events_f1": 0.72,
        "events_lenient_f1": 0.72,
        "status_acc": 0.91,
        "date_acc": 0.90,
    },
}

ARTICLE_KEYS = {"page", "url", "title", "published", "text"}
GOLD_KEYS = {"doc", "title", "published", "persons", "events"}
PERSON_KEYS = {"name", "aliases", "title", "country", "org"}
EVENT_KEYS = {"type", "status", "participants", "date", "place"}

Golden = tuple[str, list[dict[str, Any]], list[dict[str, Any]]]


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_iso3(code: str) -> bool:
    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def is_published(text: str) -> bool:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``, as GUIDE.md §1 writes it."""
    if len(text) == 10:
        return is_day(text)
    try:
        dt.datetime.strptime(text, "%Y-%m-%dT%H:%M")
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module", params=SETS)
def golden(request: pytest.FixtureRequest) -> Golden:
    name = request.param
    return name, load(GOLDEN / f"{name}.jsonl"), load(GOLDEN / f"{name}.gold.jsonl")


def test_golden_sets_articles_are_well_formed(golden: Golden) -> None:
    _name, articles, _gold = golden
    assert articles
    for n, article in enumerate(articles, 1):
        assert set(article) == ARTICLE_KEYS, n
        assert isinstance(article["text"], str) and article["text"].strip(), n
        assert article["url"].startswith("https://") and ".test/" in article["url"], n
        assert article["published"] is None or is_published(article["published"]), n


def test_golden_sets_every_gold_doc_has_its_article(golden: Golden) -> None:
    name, articles, gold = golden
    docs = [g["doc"] for g in gold]
    assert docs == [f"{name}.jsonl#{n}" for n in range(1, len(articles) + 1)]
    for g, article in zip(gold, articles, strict=True):
        assert set(g) == GOLD_KEYS, g["doc"]
        assert g["title"] == article["title"], g["doc"]
        published = article["published"]
        assert g["published"] == (published[:16] if published else None), g["doc"]


def test_golden_sets_persons_are_well_formed(golden: Golden) -> None:
    _name, articles, gold = golden
    for g, article in zip(gold, articles, strict=True):
        names = [p["name"] for p in g["persons"]]
        assert len(names) == len(set(names)), g["doc"]
        for person in g["persons"]:
            where = f"{g['doc']} {person['name']}"
            assert set(person) == PERSON_KEYS, where
            assert isinstance(person["aliases"], list), where
            for name in [person["name"], *person["aliases"]]:
                assert name in article["text"], f"{where}: {name!r} is not in the text"
            assert person["country"] or person["org"], f"{where}: no affiliation"
            assert not (person["country"] and person["org"]), f"{where}: country and org"
            if person["country"]:
                assert is_iso3(person["country"]), where


def test_golden_sets_events_are_well_formed(golden: Golden) -> None:
    _name, articles, gold = golden
    for g, article in zip(gold, articles, strict=True):
        orgs = {p["org"] for p in g["persons"] if p["org"]}
        for event in g["events"]:
            where = f"{g['doc']} {event['type']} {event['participants']}"
            assert set(event) == EVENT_KEYS, where
            assert event["type"] in EVENT_TYPES, where
            assert event["status"] in STATUSES, where
            assert event["participants"], where
            assert len(event["participants"]) == len(set(event["participants"])), where
            for part in event["participants"]:
                assert isinstance(part, str) and part.strip() == part and part, where
                if len(part) == 3 and part.isupper() and part not in orgs:
                    # an ISO3 code, or an organisation's acronym the article writes ("RDB")
                    assert is_iso3(part) or part in article["text"], (
                        f"{where}: {part} is no ISO3 code"
                    )
            assert event["date"] is None or is_day(event["date"]), where
            assert event["place"] is None or (isinstance(event["place"], str) and event["place"])


def test_golden_sets_person_participants_are_persons(golden: Golden) -> None:
    """A participant that is neither a code nor an org must be a person of the article."""
    _name, articles, gold = golden
    for g, article in zip(gold, articles, strict=True):
        names = {p["name"] for p in g["persons"]}
        orgs = {p["org"] for p in g["persons"] if p["org"]}
        for event in g["events"]:
            for part in event["participants"]:
                if is_iso3(part) or part in orgs or part in names:
                    continue
                # an organisation acting on its own: it must be named in the text
                assert part in article["text"], f"{g['doc']}: {part!r} is not in the text"
                assert not any(part in n or n in part for n in names), (
                    f"{g['doc']}: {part!r} looks like a person not in persons"
                )


# ---------------------------------------------------------------- scores


def figures(name: str) -> dict[str, float]:
    rows = [x.to_dict() for x in extract_inputs([str(GOLDEN / f"{name}.jsonl")])]
    rows = json.loads(json.dumps(rows))  # exactly what a JSON-lines file would carry
    gold = load_gold(str(GOLDEN / f"{name}.gold.jsonl"))
    return dict(score_records(gold, rows).figures)


@pytest.mark.parametrize("name", SETS)
def test_golden_sets_score_floors(name: str) -> None:
    result = figures(name)
    floors = FLOORS[name]
    low = {k: round(result[k], 3) for k, floor in floors.items() if result[k] < floor}
    assert not low, f"below the {name} floors {floors}: {low}"
