"""Crash safety (issue 8): ``diplograph ingest`` killed mid-run, and readers during an ingest.

The kill test SIGKILLs a real ``diplograph ingest`` subprocess five times in a row on one
database, then reruns it to completion, and compares every row of every table (the FTS5
shadow tables included) with an uninterrupted ingest into a fresh database. The one
exclusion is ``articles.ingested_at``, the clock at save time, which differs between any two
ingests. bench/kill.py holds the machinery and runs the long version (``--kills 20``).
"""

from __future__ import annotations

import importlib.util
import random
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType

import pytest

from diplograph.errors import DiplographError
from diplograph.query import find_events
from diplograph.store.sqlite import SQLiteStore

BENCH = Path(__file__).resolve().parents[1] / "bench" / "kill.py"


@pytest.fixture(scope="module")
def kill() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_kill", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def inputs(kill: ModuleType) -> list[str]:
    if not kill.SHARED_CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {kill.SHARED_CORPUS} (dev.jsonl, seed page)")
    return list(kill.corpus_inputs())


@pytest.fixture(scope="module")
def clean(kill: ModuleType, inputs: list[str], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """An uninterrupted ingest into a fresh database: its path and timing."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    return db, kill.timed_ingest(inputs, db)


@pytest.mark.shared
@pytest.mark.timeout(120)
def test_robust_kill_ingest_loses_and_duplicates_nothing(
    kill: ModuleType, inputs: list[str], clean: tuple[Path, object], tmp_path: Path
) -> None:
    clean_db, timing = clean
    with sqlite3.connect(clean_db) as conn:
        expected = kill.article_shapes(conn)
    db = tmp_path / "killed.db"
    run = kill.kill_ingest(inputs, db, timing, 5, random.Random(8), expected)
    assert run.kills == 5
    assert run.mid_run >= 3, run.counts_after_kill  # most kills must interrupt the run
    assert run.partial_problems == []  # no half-stored article after any kill
    kill.complete_ingest(inputs, db)
    diff = kill.compare(clean_db, db)
    assert {t: d for t, d in diff.items() if d != (0, 0)} == {}
    for table in ("articles", "actors", "events", "mentions", "evidence"):
        assert table in diff
    with sqlite3.connect(db) as conn:
        assert kill.integrity(conn) == ["ok"]


@pytest.mark.shared
@pytest.mark.timeout(120)
def test_robust_kill_readers_never_see_half_an_article(
    kill: ModuleType, inputs: list[str], clean: tuple[Path, object], tmp_path: Path
) -> None:
    clean_db, _ = clean
    with sqlite3.connect(clean_db) as conn:
        expected = kill.article_shapes(conn)
        want_event = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT e.id, (SELECT count(*) FROM event_participants p WHERE p.event_id = e.id),"
                " (SELECT count(*) FROM evidence v WHERE v.event_id = e.id) FROM events e"
            )
        }
    db = tmp_path / "live.db"
    proc = subprocess.Popen(
        kill.ingest_command(inputs, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    problems: list[str] = []
    rounds = [0, 0]  # reads done, reads that saw some but not all articles

    def read() -> None:
        store = None
        while proc.poll() is None or rounds[0] == 0:
            try:
                if store is None:
                    store = SQLiteStore(str(db), read_only=True)
                conn: sqlite3.Connection = store._conn
                shapes = kill.article_shapes(conn)  # one statement: one snapshot
                for aid, shape in shapes.items():
                    if shape != expected.get(aid):
                        problems.append(f"article {aid}: {shape}, want {expected.get(aid)}")
                for row in find_events(store):
                    event = store.get_event(row["id"])
                    got = (len(event["participants"]), len(event["evidence"])) if event else None
                    if got != want_event.get(row["id"]):
                        problems.append(f"event {row['id']}: {got}")
                rounds[0] += 1
                rounds[1] += 0 < len(shapes) < len(expected)
            except DiplographError as exc:
                if "locked" in str(exc) or store is not None:
                    problems.append(f"{type(exc).__name__}: {exc}")
                store = None  # not there yet: the file or its schema is being made
            except sqlite3.Error as exc:
                problems.append(f"{type(exc).__name__}: {exc}")
        if store is not None:
            store.close()

    reader = threading.Thread(target=read)
    reader.start()
    _, err = proc.communicate(timeout=110)
    reader.join(timeout=30)
    assert proc.returncode == 0, err
    assert problems == []
    assert rounds[0] > 0 and rounds[1] > 0, rounds  # some reads landed mid-ingest
    assert kill.compare(clean_db, db) == {t: (0, 0) for t in kill.compare(clean_db, db)}
