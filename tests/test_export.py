"""Exports of a real store ingested from samples/: every format read back by another tool."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph import query
from diplograph.cli import cli
from diplograph.errors import UsageError
from diplograph.export import (
    FLAT_COLUMNS,
    GDELT_COLUMNS,
    PLOVER_ENTITY_FIELDS,
    PLOVER_FIELDS,
    export_events,
    gdelt_row,
    sector_of,
)
from diplograph.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("export") / "samples.db")
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def all_events(samples_db: str) -> list[dict[str, object]]:
    with open_store(samples_db, create=False) as store:
        return query.find_events(store)


def _export(db: str, fmt: str, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out), "--db", db, *args])
    assert result.exit_code == 0, result.output
    return out


def test_export_gdelt_columns_are_the_61_of_gdelt_2() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:6] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    )
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert GDELT_COLUMNS[-3:] == ("ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


def test_export_plover_lines_have_the_plover_fields(
    samples_db: str, all_events: list[dict[str, object]], tmp_path: Path
) -> None:
    out = _export(samples_db, "plover", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(all_events)
    for record in records:
        assert tuple(record) == PLOVER_FIELDS
        assert record["event"] and isinstance(record["context"], list)
        for side in ("actor", "recipient"):
            if record[side] is not None:
                assert tuple(record[side]) == PLOVER_ENTITY_FIELDS
        assert set(record["text_info"]) == {"text", "start", "end"}
        assert set(record["cite_info"]) == {"url", "title", "published"}
    sectors = {r[s]["sector"] for r in records for s in ("actor", "recipient") if r[s]}
    assert {"GOV", "DIP"} <= sectors
    hungary = [r for r in records if r["actor"] and r["actor"]["code"] == "HUN"]
    hungary += [r for r in records if r["recipient"] and r["recipient"]["code"] == "HUN"]
    assert hungary


def test_export_plover_evidence_offsets_point_into_the_article(
    samples_db: str, tmp_path: Path
) -> None:
    out = _export(samples_db, "plover", tmp_path / "events.jsonl")
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    with open_store(samples_db, create=False) as store:
        event = store.get_event(record["id"])
        assert event is not None
        article = store.get_article(event["article_id"])
    assert article is not None
    info = record["text_info"]
    assert article["text"][info["start"] : info["end"]] == info["text"]


def test_export_sector_from_office_title() -> None:
    assert sector_of("Deputy Minister of Foreign Affairs of Kazakhstan") == "GOV"
    assert sector_of("Ambassador of Kazakhstan to Belgium") == "DIP"
    assert sector_of("Chairman of the Senate of the Parliament of Kazakhstan") == "LEG"
    assert sector_of(None) is None and sector_of("Director") is None


def test_export_gdelt_tsv_has_61_columns_and_the_header(
    samples_db: str, all_events: list[dict[str, object]], tmp_path: Path
) -> None:
    out = _export(samples_db, "gdelt", tmp_path / "events.tsv")
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[:-1]]
    assert tuple(rows[0]) == GDELT_COLUMNS
    assert len(rows) == len(all_events) + 1
    assert all(len(row) == 61 for row in rows)
    for row in rows[1:]:
        record = dict(zip(GDELT_COLUMNS, row, strict=True))
        code = record["EventCode"]
        assert record["EventRootCode"] == code[:2] and record["EventBaseCode"] == code[:3]
        assert record["QuadClass"] in {"1", "2", "3", "4"}
        assert len(record["SQLDATE"]) in (0, 8)
    countries = {r[7] for r in rows[1:]} | {r[17] for r in rows[1:]}
    assert {"KAZ", "HUN"} <= countries


def test_export_gdelt_quad_class_from_the_cameo_root() -> None:
    event = {"id": "e", "day": "2024-01-01", "codes": {"cameo": "0871", "goldstein": 7.0}}
    record = dict(zip(GDELT_COLUMNS, gdelt_row(event), strict=True))
    assert record["QuadClass"] == 2 and record["EventBaseCode"] == "087"
    assert record["SQLDATE"] == "20240101" and record["FractionDate"] == "2024.0000"
    event["codes"] = {"cameo": "112", "goldstein": -2.0}
    assert dict(zip(GDELT_COLUMNS, gdelt_row(event), strict=True))["QuadClass"] == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_graph_loads_in_networkx(samples_db: str, tmp_path: Path, fmt: str) -> None:
    nx = pytest.importorskip("networkx")
    out = _export(samples_db, fmt, tmp_path / f"events.{fmt}", "--level", "country")
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    with open_store(samples_db, create=False) as store:
        expected = query.event_graph(store, level="country")
    assert {"KAZ", "HUN"} <= set(graph.nodes)
    assert graph.number_of_nodes() == len(expected["nodes"])
    assert graph.number_of_edges() == len(expected["edges"])
    for edge in expected["edges"]:
        assert graph[edge["source"]][edge["target"]]["weight"] == edge["weight"]
    assert graph.nodes["KAZ"]["label"] == "Kazakhstan"


def test_export_graph_at_actor_level(samples_db: str, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    out = _export(samples_db, "graphml", tmp_path / "actors.graphml", "--level", "actor")
    graph = nx.read_graphml(out)
    assert all(node.startswith("ent_") for node in graph.nodes)
    assert graph.number_of_edges() > 0


def test_export_csv_and_parquet_one_row_per_event(
    samples_db: str, all_events: list[dict[str, object]], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    with (_export(samples_db, "csv", tmp_path / "events.csv")).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(all_events)
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert {r["id"] for r in rows} == {e["id"] for e in all_events}
    table = pq.read_table(_export(samples_db, "parquet", tmp_path / "events.parquet"))
    assert table.num_rows == len(all_events)
    assert tuple(table.column_names) == FLAT_COLUMNS


def test_export_jsonl_is_the_full_records(
    samples_db: str, all_events: list[dict[str, object]], tmp_path: Path
) -> None:
    out = _export(samples_db, "jsonl", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == all_events


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--country", "HUN"], lambda e: any(p["country"] == "HUN" for p in e["participants"])),
        (["--type", "meeting"], lambda e: e["type"] == "MEETING"),
        (["--status", "planned"], lambda e: e["status"] == "planned"),
    ],
)
def test_export_filters_narrow(
    samples_db: str,
    all_events: list[dict[str, object]],
    tmp_path: Path,
    args: list[str],
    check: object,
) -> None:
    out = _export(samples_db, "jsonl", tmp_path / "events.jsonl", *args)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(records) < len(all_events)
    assert callable(check) and all(check(r) for r in records)


def test_export_library_counts_and_rejects_unknown_format(samples_db: str, tmp_path: Path) -> None:
    with open_store(samples_db, create=False) as store:
        since = query.EventFilter(since="2024-05")
        assert export_events(store, "csv", tmp_path / "x.csv", since) == len(
            query.find_events(store, since)
        )
        with pytest.raises(UsageError):
            export_events(store, "xml", tmp_path / "x.xml")


def test_export_bad_options_exit_2(samples_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["--format", "xml"], ["--format", "csv", "--country", "XX"], ["--format", "csv"]):
        out = ["-o", str(tmp_path / "x")] if "-o" not in args and args[-1] != "csv" else []
        result = runner.invoke(cli, ["export", *args, *out, "--db", samples_db])
        assert result.exit_code == 2
