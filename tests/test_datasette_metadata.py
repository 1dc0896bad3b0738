"""datasette/metadata.json describes the store as it is: every table and column it names
exists in a real store, and its canned queries run there."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from diplograph.pipeline import extract_inputs
from diplograph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "datasette" / "metadata.json"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "diplograph.db"
    with open_store(str(path)) as store:
        for extraction in extract_inputs([str(ROOT / "samples")]):
            store.save(extraction)
    return path


def _metadata() -> dict[str, dict[str, object]]:
    data = json.loads(METADATA.read_text(encoding="utf-8"))
    database: dict[str, dict[str, object]] = data["databases"]["diplograph"]
    return database


def test_datasette_metadata_names_only_real_tables_and_columns(database: Path) -> None:
    connection = sqlite3.connect(database)
    tables = {
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    described = _metadata()["tables"]
    assert isinstance(described, dict)
    for table, entry in described.items():
        assert table in tables, f"metadata.json describes a table the store lacks: {table}"
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        for column in entry.get("columns", {}):
            assert column in columns, f"{table}.{column} is not a column of the store"
        for key in ("sort", "sort_desc", "label_column"):
            if key in entry:
                assert entry[key] in columns, f"{table}: {key} {entry[key]} is not a column"
    user_tables = {t for t in tables if not t.startswith("sqlite_") and "_search" not in t}
    assert user_tables <= set(described), f"undescribed tables: {user_tables - set(described)}"


def test_datasette_canned_queries_run_on_a_store(database: Path) -> None:
    connection = sqlite3.connect(database)
    queries = _metadata()["queries"]
    assert isinstance(queries, dict)
    partners = connection.execute(queries["partners_of_a_country"]["sql"], {"iso3": "KAZ"})
    rows = partners.fetchall()
    assert rows and all(partner != "KAZ" for partner, _ in rows)
    assert dict(rows).get("HUN", 0) >= 1
    connection.execute(queries["acts_reported_by_several_outlets"]["sql"]).fetchall()
