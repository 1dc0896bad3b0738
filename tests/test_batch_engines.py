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
    assert " 0 new," in again.stdout
    with open_store(str(loaded)) as a:
        assert a.counts() == counts


@pytest.mark.timeout(300)
def test_spark_reads_the_inputs_on_its_executors_as_the_local_engine_does(
    spark: Any, tmp_path: Path
) -> None:
    from diplograph.batch.spark import run_spark_inputs

    feed = tmp_path / "b_feed.jsonl"
    good = [
        {"title": f"Talks {n}", "text": f"Alibek Bakayev met envoy {n} in Astana."}
        for n in range(1, 6)
    ]
    lines = [json.dumps(good[0]), '{"title": "broken"', *map(json.dumps, good[1:])]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "c_empty.html").write_bytes(b"\x00\x01\x02 not a page")
    shutil.copy(SAMPLES / "kz_mfa_hungary_visit.txt", tmp_path / "a_visit.txt")
    inputs = [str(tmp_path), str(tmp_path / "missing.jsonl")]
    read_errors: list[str] = []
    rows = list(read_articles(inputs, on_error=lambda exc: read_errors.append(str(exc))))
    expected = _serial(rows)
    by_spark = list(run_spark_inputs(inputs, spark=spark, partitions=3))
    assert [r for r in by_spark if "error" not in r] == expected
    assert [r["error"] for r in by_spark if "error" in r] == read_errors
    assert len(read_errors) >= 2  # the broken line and the missing file, at least
    broken = next(n for n, r in enumerate(by_spark) if "error" in r)
    assert by_spark[broken - 1]["title"] == "Talks 1"  # in its place, between its neighbours
    assert by_spark[broken + 1]["title"] == "Talks 2"


@pytest.mark.timeout(300)
def test_spark_spreads_one_large_file_over_every_partition(spark: Any, tmp_path: Path) -> None:
    from diplograph.batch.spark import extract_inputs_rdd

    feed = tmp_path / "one.jsonl"
    texts = [f"Minister {n} met the ambassador of Japan in Astana." for n in range(12)]
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    rdd = extract_inputs_rdd(spark, [str(feed)], partitions=3)
    sizes = rdd.glom().map(len).collect()
    assert sizes == [4, 4, 4]
    assert [r["index"] for r in rdd.collect()] == list(range(1, 13))


@pytest.mark.timeout(300)
def test_batch_cli_spark_and_local_write_the_same_file(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    request.getfixturevalue("spark")
    outs = {}
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.jsonl"
        result = run("batch", str(SAMPLES), "--engine", engine, "--processes", "2", "-o", str(out))
        assert result.exit_code == 0, result.output
        outs[engine] = out.read_text(encoding="utf-8")
    assert outs["local"] == outs["spark"]
    assert outs["local"].count("\n") >= 10
