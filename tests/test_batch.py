"""process_partition: plain records in and out, the same records as the CLI's extraction."""

from __future__ import annotations

import json
from pathlib import Path

from diplograph.batch import process_partition
from diplograph.ingest import read_inputs
from diplograph.nlp import Extractor

SEED = Path(__file__).resolve().parents[1] / "samples" / "kt_kz_seed_page.txt"


def test_batch_partition_gives_the_extractor_records() -> None:
    articles = list(read_inputs([str(SEED)]))
    rows = [json.loads(json.dumps(a.to_dict())) for a in articles]
    out = list(process_partition(rows, {}))
    extractor = Extractor()
    expected = [
        extractor.extract(a).to_dict() | {"text": a.text, "metadata": a.metadata} for a in articles
    ]
    assert out == expected
    assert sum(len(r["events"]) for r in out) > 0


def test_batch_bad_row_is_reported_and_the_rest_goes_on() -> None:
    good = next(iter(read_inputs([str(SEED)]))).to_dict()
    rows = [{"source": "feed.jsonl", "index": 4, "title": "no text"}, good]
    out = list(process_partition(rows, None))
    assert out[0]["source"] == "feed.jsonl"
    assert "feed.jsonl#4" in out[0]["error"]
    assert "no text" in out[0]["error"]
    assert out[1]["id"] == good["id"]
    assert "error" not in out[1]
