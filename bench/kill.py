"""Crash safety of ``diplograph ingest`` (issue 8): SIGKILL it mid-run, again and again.

    python bench/kill.py [--kills 20] [--seed 0]

Times an uninterrupted ingest of the corpus (samples/, and ../shared/corpus when present)
into a fresh database, noting when its first and last article became visible. Then ingests
into a second database, killing the process with SIGKILL after a random delay between those
two moments, ``--kills`` times in a row, and reruns it to completion. Prints kills done,
kills that landed mid-run (some but not all articles stored), rows lost and duplicated per
table against the uninterrupted database, ``PRAGMA integrity_check`` and the time taken.
tests/test_robust_kill.py runs the short version of the same functions.
"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
# Stamped with the clock at save time, so it differs between any two ingests of one corpus.
VOLATILE_COLUMNS = {"articles": {"ingested_at"}}


def corpus_inputs(shared: bool = True) -> list[str]:
    """The bundled samples, then the shared dev corpus and seed page when ``shared``."""
    inputs = [str(ROOT / "samples")]
    if shared:
        inputs += [str(p) for p in sorted(SHARED_CORPUS.glob("*.jsonl"))]
        inputs += [str(p) for p in sorted(SHARED_CORPUS.glob("*.txt"))]
    return inputs


def ingest_command(inputs: list[str], db: Path) -> list[str]:
    """``diplograph ingest INPUTS --db DB`` run by this interpreter."""
    return [sys.executable, "-m", "diplograph", "ingest", *inputs, "--db", str(db)]


def article_count(db: Path, conn: sqlite3.Connection | None = None) -> int:
    """Articles visible to a reader now; 0 while the file or its schema is not there yet."""
    if conn is None and not db.is_file():
        return 0
    try:
        if conn is not None:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5) as ro:
            return int(ro.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # no such table yet: the migration is not committed
        return 0


@dataclass
class Timing:
    """An uninterrupted run: its duration and when its first and last article appeared."""

    total: float
    first: float
    last: float
    articles: int


def timed_ingest(inputs: list[str], db: Path, poll: float = 0.05) -> Timing:
    """Ingest ``inputs`` into ``db`` to completion, polling the article count as it goes.

    One reader connection for the whole run: opening one per poll slows the writer down.
    """
    start = time.monotonic()
    proc = subprocess.Popen(ingest_command(inputs, db), stderr=subprocess.PIPE, text=True)
    first = last = None
    seen = 0
    reader: sqlite3.Connection | None = None
    while proc.poll() is None:
        if reader is None and db.is_file():
            reader = sqlite3.connect(db, timeout=5)
        count = article_count(db, reader)
        now = time.monotonic() - start
        if count and first is None:
            first = now
        if count > seen:
            seen, last = count, now
        time.sleep(poll)
    total = time.monotonic() - start
    if reader is not None:
        reader.close()
    _, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"ingest failed ({proc.returncode}): {err}")
    articles = article_count(db)
    return Timing(total, first or 0.0, last or total, articles)


@dataclass
class KillRun:
    """What a series of kills did to one database."""

    kills: int = 0
    mid_run: int = 0  # killed before every article was stored
    mid_save: int = 0  # of those, killed after storing some new articles
    counts_after_kill: list[int] = field(default_factory=list)
    partial_problems: list[str] = field(default_factory=list)


def kill_ingest(
    inputs: list[str], db: Path, timing: Timing, kills: int, rng: random.Random,
    expected: dict[str, tuple[int, ...]] | None = None,
) -> KillRun:  # fmt: skip
    """SIGKILL ``kills`` ingests of ``inputs`` into ``db``, one after another.

    Each run is killed after a random delay between 0.2 s and the uninterrupted run's
    duration (x1.5), or as soon as a random number of new articles (not all that are left) is
    visible, whichever comes first: on a loaded machine a delay alone often lands after the
    last save, and one kill that late leaves nothing for the next ones to interrupt. The
    kill lands a random 0-50 ms after that, inside or between transactions. With
    ``expected`` (``article_shapes`` of a full ingest), every article a killed run left
    behind is checked to be whole.
    """
    run = KillRun()
    for _ in range(kills):
        before = article_count(db)
        left = timing.articles - before
        target = before + rng.randint(1, left - 1) if left > 1 else timing.articles + 1
        deadline = time.monotonic() + rng.uniform(0.2, max(0.3, 1.5 * timing.total))
        proc = subprocess.Popen(
            ingest_command(inputs, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        reader: sqlite3.Connection | None = None
        while proc.poll() is None and time.monotonic() < deadline:
            if reader is None and db.is_file():
                reader = sqlite3.connect(db, timeout=5)
            if reader is not None and article_count(db, reader) >= target:
                break
            time.sleep(0.01)
        if reader is not None:
            reader.close()
        time.sleep(rng.uniform(0, 0.05))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        run.kills += 1
        after = article_count(db)
        run.counts_after_kill.append(after)
        if proc.returncode == -signal.SIGKILL and after < timing.articles:
            run.mid_run += 1
            run.mid_save += before < after
        if expected is not None:
            run.partial_problems += check_partial(db, expected)
    return run


def complete_ingest(inputs: list[str], db: Path) -> None:
    """Rerun the ingest to completion; it must exit 0."""
    done = subprocess.run(ingest_command(inputs, db), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ingest failed ({done.returncode}): {done.stderr}")


# Per article: events, participants, evidence and mentions; one statement, one snapshot.
_SHAPES = """
SELECT a.id,
  (SELECT count(*) FROM events e WHERE e.article_id = a.id),
  (SELECT count(*) FROM event_participants p JOIN events e ON e.id = p.event_id
     WHERE e.article_id = a.id),
  (SELECT count(*) FROM evidence v JOIN events e ON e.id = v.event_id WHERE e.article_id = a.id),
  (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)
FROM articles a"""


def article_shapes(conn: sqlite3.Connection) -> dict[str, tuple[int, ...]]:
    """Each stored article's counts of events, participants, evidence and mentions."""
    return {row[0]: tuple(row[1:]) for row in conn.execute(_SHAPES)}


def check_partial(db: Path, expected: dict[str, tuple[int, ...]]) -> list[str]:
    """Problems with a database a kill left behind: integrity, and articles half stored."""
    with sqlite3.connect(db) as conn:
        problems = [f"integrity_check: {r}" for r in integrity(conn) if r != "ok"]
        for aid, shape in article_shapes(conn).items():
            if shape != expected.get(aid):
                problems.append(f"article {aid}: {shape} stored, {expected.get(aid)} expected")
    return problems


def integrity(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` and, where they exist, FTS5's own integrity checks."""
    found = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    for fts in ("article_search", "entity_name_search"):
        if fts in tables:
            try:
                conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                found.append(f"{fts}: {exc}")
    return found


def table_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (FTS5 shadow tables included), less ``VOLATILE_COLUMNS``."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            keep = [c for c in columns if c not in VOLATILE_COLUMNS.get(table, ())]
            names = ", ".join(f'"{c}"' for c in keep)
            dump[table] = list(conn.execute(f'SELECT {names} FROM "{table}"'))
    return dump


def compare(expected_db: Path, got_db: Path) -> dict[str, tuple[int, int]]:
    """Rows lost and rows duplicated (or extra) per table of ``got_db`` against ``expected_db``."""
    want, got = table_rows(expected_db), table_rows(got_db)
    diff = {}
    for table in sorted(set(want) | set(got)):
        a, b = Counter(want.get(table, [])), Counter(got.get(table, []))
        diff[table] = (sum((a - b).values()), sum((b - a).values()))
    return diff


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    import tempfile

    work = args.workdir or Path(tempfile.mkdtemp(prefix="diplograph-kill-"))
    inputs = corpus_inputs(SHARED_CORPUS.is_dir())
    started = time.monotonic()
    timed_ingest(inputs, work / "warmup.db")  # a cold first start would skew the window
    timing = timed_ingest(inputs, work / "clean.db")
    with sqlite3.connect(work / "clean.db") as conn:
        expected = article_shapes(conn)
    print(
        f"uninterrupted: {timing.total:.2f} s, {timing.articles} articles,"
        f" first at {timing.first:.2f} s, last at {timing.last:.2f} s"
    )
    # A database is complete once a run has stored every article, and later kills have
    # nothing to interrupt: so kill in rounds, each on a fresh database, until --kills kills
    # have landed mid-run; every round is completed and compared with the clean ingest.
    rng = random.Random(args.seed)
    kills = mid_run = rounds = 0
    bad = False
    while mid_run < args.kills and rounds < 4 * args.kills:
        rounds += 1
        killed = work / f"killed-{rounds}.db"
        run = kill_ingest(inputs, killed, timing, args.kills, rng, expected)
        complete_ingest(inputs, killed)
        diff = compare(work / "clean.db", killed)
        with sqlite3.connect(killed) as conn:
            checks = integrity(conn)
        kills, mid_run = kills + run.kills, mid_run + run.mid_run
        lost = sum(lost for lost, _ in diff.values())
        dup = sum(dup for _, dup in diff.values())
        print(
            f"round {rounds}: kills {run.kills}, mid-run {run.mid_run}"
            f" (after storing new articles: {run.mid_save}); articles after each kill"
            f" {run.counts_after_kill}; half-stored seen {len(run.partial_problems)};"
            f" rows lost {lost}, duplicated {dup}; integrity {', '.join(checks)}"
        )
        for problem in run.partial_problems[:10]:
            print(f"  {problem}")
        bad = bad or bool(lost or dup or run.partial_problems) or checks != ["ok"]
    rows = table_rows(work / "clean.db")
    print(f"kills done: {kills}; landed mid-run: {mid_run}; rounds: {rounds}")
    print(
        "tables (rows in the clean ingest): " + ", ".join(f"{k} {len(v)}" for k, v in rows.items())
    )
    print(f"time: {time.monotonic() - started:.1f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
