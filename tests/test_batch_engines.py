"""The batch engines: Spark and the local pool give the records of one serial pass.

Spark runs in local mode (``local[2]``, no UI) and needs Java 17+ (scripts/install-java.sh);
these tests skip, saying why, when PySpark or Java is missing.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from diplograph.batch import process_partition
from diplograph.batch.io import read_articles, read_records, to_extraction, write_records
from diplograph.batch.local import run_local
from diplograph.cli import cli
from diplograph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED_PAGE = SHARED / "corpus" / "000_5d660a483205698d.txt"
DEV_CORPUS = SHARED / "corpus" / "dev.jsonl"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="the Spark engine needs PySpark (pip install .[spark])")
    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs Java 17+: run scripts/install-java.sh")
    from diplograph.batch.spark import spark_session

    session = spark_session(
        "local[2]",
        {
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.default.parallelism": "2",
            "spark.pyspark.python": sys.executable,
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _serial(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(process_partition(rows, {}))


def _assert_engines_agree(spark: Any, inputs: list[str]) -> list[dict[str, Any]]:
    from diplograph.batch.spark import run_spark

    rows = list(read_articles(inputs))
    assert rows, f"no articles in {inputs}"
    expected = _serial(rows)
    by_spark = list(run_spark(rows, {}, spark=spark, partitions=2))
    by_pool = list(run_local(rows, {}, processes=2, chunk_size=3))
    assert [r["id"] for r in by_spark] == [r["id"] for r in expected]
    assert by_spark == expected
    assert by_pool == expected
    assert not [r for r in expected if "error" in r]
    return expected


@pytest.mark.timeout(300)
def test_batch_spark_and_local_agree_on_samples(spark: Any) -> None:
    records = _assert_engines_agree(spark, [str(SAMPLES)])
    assert sum(len(r["events"]) for r in records) > 0


@pytest.mark.shared
@pytest.mark.timeout(300)
@pytest.mark.parametrize("path", [SEED_PAGE, DEV_CORPUS], ids=["seed_page", "dev_corpus"])
def test_batch_spark_and_local_agree_on_shared_corpus(spark: Any, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is missing (the shared corpus lives in ../shared)")
    records = _assert_engines_agree(spark, [str(path)])
    assert sum(len(r["events"]) for r in records) > 0


@pytest.mark.timeout(300)
def test_batch_engines_keep_a_bad_row_in_place(spark: Any) -> None:
    from diplograph.batch.spark import run_spark

    good = list(read_articles([str(SAMPLES)]))[:3]
    bad = {"source": "feed.jsonl", "index": 7, "title": "no text here"}
    rows = [good[0], bad, *good[1:]]
    for out in (
        list(run_spark(rows, {}, spark=spark, partitions=2)),
        list(run_local(rows, {}, processes=2, chunk_size=1)),
    ):
        assert [r.get("id") for r in out] == [good[0]["id"], None, *(g["id"] for g in good[1:])]
        assert out[1]["source"] == "feed.jsonl"
        assert "feed.jsonl#7" in out[1]["error"]


def test_batch_local_with_one_process_is_the_serial_pass() -> None:
    rows = list(read_articles([str(SAMPLES)]))
    assert list(run_local(rows, processes=1, chunk_size=4)) == _serial(rows)


def test_batch_io_jsonl_and_parquet_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs pyarrow")
    rows = list(read_articles([str(SAMPLES)]))
    records = _serial(rows)
    jsonl, parquet = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert write_records(records, jsonl) == len(records)
    assert write_records(records, parquet) == len(records)
    assert list(read_records(jsonl)) == records
    assert list(read_records(parquet)) == records
    for record, row in zip(read_records(parquet), rows, strict=True):
        extraction = to_extraction(record)
        assert extraction.article.text == row["text"]
        assert extraction.article.id == row["id"]
        assert extraction.to_dict() == {
            k: v for k, v in record.items() if k not in ("text", "metadata")
        }


def test_batch_io_parquet_round_trips_an_empty_batch(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="Parquet output needs pyarrow")
    path = tmp_path / "empty.parquet"
    assert write_records([], path) == 0
    assert list(read_records(path)) == []


def test_batch_cli_reports_a_bad_row_and_goes_on(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = [
        {"title": f"Talks {n}", "text": f"Alibek Bakayev met envoy {n} in Astana."} for n in (1, 2)
    ]
    lines = [json.dumps(good[0]), '{"title": "broken"', json.dumps(good[1])]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(feed), "--processes", "1", "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert str(feed) in errors[0]
    assert [r["title"] for r in read_records(out)] == ["Talks 1", "Talks 2"]


def test_batch_cli_rejects_an_unknown_output_suffix(tmp_path: Path) -> None:
    result = run("batch", str(SAMPLES), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2
    assert "jsonl or .parquet" in result.output


@pytest.mark.timeout(300)
@pytest.mark.parametrize("engine,suffix", [("local", "parquet"), ("spark", "jsonl")])
def test_batch_load_gives_the_rows_of_ingest(
    request: pytest.FixtureRequest, tmp_path: Path, engine: str, suffix: str
) -> None:
    if engine == "spark":
        request.getfixturevalue("spark")  # the CLI's session is this one (getOrCreate)
    out = tmp_path / f"out.{suffix}"
    batch = run("batch", str(SAMPLES), "--engine", engine, "--processes", "2", "-o", str(out))
    assert batch.exit_code == 0, batch.output
    loaded, ingested = tmp_path / "loaded.db", tmp_path / "ingested.db"
    first = run("load", str(out), "--db", str(loaded))
    assert first.exit_code == 0, first.output
    assert run("ingest", str(SAMPLES), "--db", str(ingested)).exit_code == 0
    with open_store(str(loaded)) as a, open_store(str(ingested)) as b:
        counts = a.counts()
        assert counts == b.counts()
        assert counts["events"] > 0
        assert a.list_articles() == b.list_articles()
    again = run("load", str(out), "--db", str(loaded))
    assert again.exit_code == 0
    assert " 0 new," in again.stderr
    with open_store(str(loaded)) as a:
        assert a.counts() == counts
