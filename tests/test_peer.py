"""The PLOVER peer gold (GitHub issue 7): the record parser and the scored harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph import peer
from diplograph.cli import cli
from diplograph.errors import UnreadableInputError, UsageError
from diplograph.models import Article, Codes, Event, Extraction, Participant

PLOVER = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "PLOVER"
GOLD_FILE = PLOVER / "PLOVER_GSR_CAMEO.txt"

# Records in the file's own shape: a DOCUMENT object first, a reciprocal SRC/TAR pair, a
# CAMEO-only code (JAP), a stray string target and an uncovered category.
RECORDS = """[
{"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs",
 "license": "CC BY-SA 4.0"},
{"id": "PLOVER-GSR01-AGREE-0001", "date": "2000-01-01",
 "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
            {"actorText": "Romanian", "code": "ROU", "sector": "GOV"}],
 "event": "AGREE", "eventText": "agreed cooperate", "context": "refugees",
 "text": "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.",
 "textInfo": {"markup": "Senior (SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials"},
 "language": "en"},
{"id": "PLOVER-GSR01-AGREE-0002", "date": "2000-01-01",
 "source": [{"actorText": "Asia-Pacific Economic Cooperation", "code": "IGO"}],
 "target": [{"actorText": "Tokyo", "code": "JAP"}],
 "event": "AGREE", "eventText": "agreed set up",
 "text": "APEC has agreed to set up an energy research center in Tokyo."},
{"id": "PLOVER-GSR01-CONSULT-0001", "date": "2000-01-01",
 "source": [{"actorText": "Iraqi", "code": "IRQ"}], "target": "diplomatic",
 "event": "CONSULT", "mode": "visit", "text": "An Iraqi envoy arrived in Amman."},
{"id": "PLOVER-GSR01-PROTEST-0001", "date": "2000-01-01",
 "source": [{"actorText": "Students", "code": "USA", "sector": "EDU"}],
 "event": "PROTEST", "text": "Students marched in Washington."}
]"""


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    path = tmp_path / "gold.txt"
    path.write_text(RECORDS, encoding="utf-8")
    return path


def _event(plover: str, *countries: str | None) -> Event:
    people = tuple(Participant("country", c or "someone", country=c) for c in countries)
    return Event("MEETING", "occurred", people, codes=Codes("040", 1.0, plover))


def test_peer_reads_records_in_the_file_format(gold_path: Path) -> None:
    records = peer.read_gold(gold_path)
    assert [r.category for r in records] == ["AGREE", "AGREE", "CONSULT", "PROTEST"]
    first, second, third, _ = records
    assert first.date == "2000-01-01" and first.targets == ()
    assert first.source_countries() == {"HUN", "ROU"}
    assert first.target_countries() == {"HUN", "ROU"}  # reciprocal SRC/TAR
    assert second.sources[0].country is None  # IGO is no country
    assert second.target_countries() == {"JPN"}  # CAMEO's JAP
    assert third.mode == "visit" and third.targets == ()  # "diplomatic" is no actor
    assert [r.covered for r in records] == [True, True, True, False]


def test_peer_maps_codes_to_iso3() -> None:
    assert peer.iso3("ITL") == "ITA"
    assert peer.iso3("DEU") == "DEU"
    assert peer.iso3("NGO", "Red Cross") is None
    assert peer.iso3(None, "Germany") == "DEU"


def test_peer_rejects_unreadable_gold(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text('{"not": "an array"}', encoding="utf-8")
    with pytest.raises(UnreadableInputError):
        peer.read_gold(bad)
    with pytest.raises(UnreadableInputError):
        peer.read_gold(tmp_path / "missing.txt")


def test_peer_scores_the_best_matching_event(gold_path: Path) -> None:
    record = peer.read_gold(gold_path)[0]
    events = [_event("CONSULT", "HUN", "ROU"), _event("AGREE", "ROU", "DEU")]
    score = peer.score_record(record, events)
    assert score.found and score.type == "AGREE" and score.type_ok
    assert score.source_ok is True and score.target_ok is False
    assert not peer.score_record(record, []).found


def test_peer_reports_per_category_and_not_covered(gold_path: Path) -> None:
    answers = {0: [_event("AGREE", "HUN", "ROU")], 2: [_event("CONSULT", "IRQ")]}

    def extract(article: Article) -> Extraction:
        assert article.published == "2000-01-01"
        return Extraction(article=article, events=tuple(answers.get(article.index, [])))

    report = peer.score_gold(peer.read_gold(gold_path), extract)
    overall = report.categories[peer.OVERALL]
    assert overall["records"] == 3 and overall["found"] == 2
    assert overall["type_acc"] == 1.0 and overall["type_recall"] == pytest.approx(2 / 3)
    assert report.categories["AGREE"]["coverage"] == 0.5
    assert report.not_covered == {"PROTEST": 1}
    assert peer.missed_bounds(report, [("type_recall", 0.9)]) == ["type_recall 0.667 < 0.9"]
    lines = peer.format_report(report)
    assert lines[-1] == "not covered: 1 records (PROTEST 1)"


def test_peer_bound_parsing() -> None:
    assert peer.parse_bound("type_acc=0.5") == ("type_acc", 0.5)
    with pytest.raises(UsageError):
        peer.parse_bound("records=3")
    with pytest.raises(UsageError):
        peer.parse_bound("type_acc")


def test_peer_cli_reports_json(gold_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval-plover", str(gold_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["categories"]["overall"]["records"] == 3
    assert data["not_covered"] == {"PROTEST": 1}
    bad = CliRunner().invoke(cli, ["eval-plover", str(gold_path), "--min", "nope=1"])
    assert bad.exit_code == 2


# Measured on PLOVER_GSR_CAMEO.txt (openeventdata/PLOVER 5e0c24f), 2026-11-26:
#   category  records found type_acc type_recall src_acc   tar_acc
#   CONSULT        11     6    0.833       0.455 1.000/6   0.833/6
#   AGREE          40     4    0.750       0.075 1.000/3   1.000/3
#   SUPPORT        12     2    1.000       0.167 1.000/2   1.000/2
#   COOPERATE       4     0    0.000       0.000 -         -
#   AID            10     1    0.000       0.000 -         1.000/1
#   overall        77    13    0.769       0.130 1.000/11  0.917/12
#   not covered: 245 records (13 other PLOVER categories)
# Floors are the measured overall figures less 0.05.
FLOORS = {"type_acc": 0.719, "type_recall": 0.080}


def test_peer_plover_gold_floors() -> None:
    if not GOLD_FILE.is_file():
        pytest.skip(f"needs the PLOVER gold records at {GOLD_FILE}")
    report = peer.evaluate_file(GOLD_FILE)
    overall = report.categories[peer.OVERALL]
    assert overall["records"] == 77
    assert sum(report.not_covered.values()) == 245
    assert peer.missed_bounds(report, FLOORS.items()) == []
