"""Query latency: p50/p95 of typical queries on a store of N synthetic events.

    python bench/query.py [--events 1000000] [--repeat 50] [--pg postgresql://...]

Queries (through ``diplograph.query``, as the CLI and web API call them): events of an
actor, events of a country pair in one month, the country graph of a country, a country's
timeline, and full-text search of a name. Parameters are drawn, by seed, from the names
and countries the store holds.

The store is built from the generator's ground truth (bench/synthetic.py: ``Extraction``
records, no NLP pass). ``Store.save`` resolves what each article touches, and with a few
dozen officials per country each save re-resolves a growing component (measured: 5.6 ms
per article for the first 1,000, 26 ms by the 3,000th), so 700k articles that way would
take days. The faster path used here: the same surface rows (``store.rows.article_rows``,
made in a child process while the parent writes) and the same INSERT statements
(``store.writes.insert_sql``) in transactions of 20,000 articles, then one
``Store.resolve()`` over the whole store, which the store's contract says gives the same
rows as saving one by one. While the SQLite file is written it has no journal and a 2 GiB
page cache (the file is thrown away if the build stops); ``resolve`` runs as the store
sets it up. The file is cached as /tmp/diplograph_bench_<events>.db, so a rerun only
queries. Not a test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import COUNTRIES, synthetic_articles  # noqa: E402

from diplograph import query  # noqa: E402
from diplograph.errors import StoreError  # noqa: E402
from diplograph.models import Extraction  # noqa: E402
from diplograph.query import EventFilter  # noqa: E402
from diplograph.store import SQLiteStore, Store, open_store  # noqa: E402
from diplograph.store.rows import ArticleRows  # noqa: E402

BATCH = 20_000
SEED = 0


def extractions(events: int) -> Iterator[Extraction]:
    """Synthetic extractions until they hold ``events`` events in all. A release whose title
    and text came up before (the same article id: the generator repeats a short release now
    and then) is left out, as saving it again would store nothing."""
    total = 0
    seen: set[str] = set()
    for release in synthetic_articles(10**9, SEED):
        if release.extraction.article.id in seen:
            continue
        seen.add(release.extraction.article.id)
        yield release.extraction
        total += len(release.extraction.events)
        if total >= events:
            return


def _produce(events: int, out: Any) -> None:
    """In a child process: the rows of the synthetic extractions, in batches, then None."""
    from diplograph.store.rows import article_rows

    batch = []
    for extraction in extractions(events):
        batch.append(article_rows(extraction))
        if len(batch) >= BATCH:
            out.put(batch)
            batch = []
    out.put(batch)
    out.put(None)


def row_batches(events: int) -> Iterator[list[ArticleRows]]:
    """The rows of the synthetic extractions, ``BATCH`` articles at a time, made in a child
    process so that generating them overlaps writing them."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)
    producer = context.Process(target=_produce, args=(events, queue), daemon=True)
    producer.start()
    try:
        while (batch := queue.get()) is not None:
            yield batch
    finally:
        producer.join(timeout=5)
        if producer.is_alive():
            producer.terminate()


def bulk_fill(store: Store, events: int) -> dict[str, float]:
    """Write the surface rows in large transactions, then resolve once; returns timings."""
    from diplograph.store.writes import insert_sql

    conn = store._conn  # type: ignore[attr-defined]  # the bench's bulk path, see above
    tables = ("events", "event_participants", "evidence")
    start = time.perf_counter()
    articles = 0
    with bulk_settings(store):
        for batch in row_batches(events):
            conn.execute("BEGIN")
            # Each table's rows of the whole batch at once, parents first (few round trips
            # to a server).
            conn.executemany(insert_sql("articles"), [rows.article for rows in batch])
            conn.executemany(
                insert_sql("actors", " ON CONFLICT (id) DO NOTHING"),
                [actor for rows in batch for actor in rows.actors.values()],
            )
            conn.executemany(
                insert_sql("mentions"), [m for rows in batch for m in rows.mentions.values()]
            )
            for table, field in zip(tables, ("events", "participants", "evidence"), strict=True):
                conn.executemany(
                    insert_sql(table), [row for rows in batch for row in getattr(rows, field)]
                )
            conn.execute("COMMIT")
            articles += len(batch)
            elapsed = time.perf_counter() - start
            print(f"written      {articles} articles, {elapsed:.0f} s", flush=True)
    written = time.perf_counter() - start
    found = store.resolve()
    resolved = time.perf_counter() - start - written
    if not isinstance(store, SQLiteStore):
        # What autovacuum does soon after a bulk load: the planner's statistics.
        conn.execute("ANALYZE")
    print(f"built        {articles} articles, {found}")
    return {"articles": articles, "write_s": written, "resolve_s": resolved}


@contextmanager
def bulk_settings(store: Store) -> Iterator[None]:
    """An SQLite store without journal and with a large page cache while it is filled; its
    own settings again afterwards. (PostgreSQL: as it is.)"""
    if not isinstance(store, SQLiteStore):
        yield
        return
    conn = store._conn
    saved = {
        pragma: conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        for pragma in ("journal_mode", "synchronous", "cache_size")
    }
    for pragma, value in (
        ("journal_mode", "OFF"),
        ("synchronous", "OFF"),
        ("cache_size", -(2 << 20)),
    ):
        conn.execute(f"PRAGMA {pragma} = {value}")
    try:
        yield
    finally:
        for pragma, value in saved.items():
            conn.execute(f"PRAGMA {pragma} = {value}")


def sqlite_store(events: int) -> Store:
    """The cached SQLite store of ``events`` events, built when missing."""
    path = Path(f"/tmp/diplograph_bench_{events}.db")
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in Path("/tmp").glob(partial.name + "*"):
            leftover.unlink()
        store = open_store(str(partial))
        timings = bulk_fill(store, events)
        store.close()
        partial.rename(path)
        print_build(timings)
    open_store(str(path)).close()  # brings a store cached by an older diplograph up to date
    return open_store(str(path), read_only=True)


def print_build(timings: dict[str, float]) -> None:
    print(
        f"build        write {timings['write_s']:.0f} s, resolve {timings['resolve_s']:.0f} s"
        f" ({timings['articles'] / (timings['write_s'] + timings['resolve_s']):.0f}"
        " articles/s)"
    )


def workload(store: Store, rng: random.Random) -> dict[str, Callable[[], Any]]:
    """One instance of each typical query, with parameters drawn from ``rng``."""
    names = [p.name for r in synthetic_articles(200, SEED) for p in r.extraction.persons]
    name = rng.choice(names)
    home, guest = rng.sample(COUNTRIES, 2)
    year, month = rng.randrange(2021, 2025), rng.randrange(1, 13)
    since = f"{year}-{month:02d}-01"
    until = query.parse_date(f"{year}-{month:02d}", end=True)
    return {
        "events of an actor": lambda: query.find_events(store, EventFilter(actor=name, limit=50)),
        "country pair, month": lambda: query.find_events(
            store, EventFilter(country=home[2], actor=guest[0], since=since, until=until)
        ),
        "graph of a country": lambda: query.event_graph(
            store, EventFilter(country=home[2]), level="country", limit=50
        ),
        "timeline of a country": lambda: query.event_timeline(store, EventFilter(country=home[2])),
        "search a name": lambda: query.search(store, name.split()[-1], limit=20),
    }


def measure(store: Store, repeat: int, warm: int = 5) -> dict[str, tuple[float, float]]:
    """p50 and p95 in ms of each query over ``repeat`` parameter draws, after ``warm`` draws
    not counted (a server that has run a while: the pages its reads need in the OS's cache
    and the database's own, as they are after a reboot only for the first requests)."""
    for _ in range(warm):
        for run in workload(store, random.Random(SEED + 1 + _)).values():
            run()
    rng = random.Random(SEED)
    times: dict[str, list[float]] = {}
    for _ in range(repeat):
        for label, run in workload(store, rng).items():
            start = time.perf_counter()
            run()
            times.setdefault(label, []).append((time.perf_counter() - start) * 1000)
    return {
        label: (statistics.median(ms), statistics.quantiles(ms, n=20)[18])
        for label, ms in times.items()
    }


def prewarm(store: Store) -> str:
    """Read the store's tables and indexes into PostgreSQL's buffers (``pg_prewarm``), as a
    server that has run a while holds them; what was done, or why not."""
    conn = store._conn  # type: ignore[attr-defined]  # a bench's look under the hood
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        relations = conn.execute(  # tables and indexes, and the tables' TOAST tables
            "SELECT c.oid::regclass::text FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')"
            " UNION SELECT c.reltoastrelid::regclass::text FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.reltoastrelid <> 0"
        ).fetchall()
        blocks = sum(
            conn.execute("SELECT pg_prewarm(?::regclass)", (r[0],)).fetchone()[0] for r in relations
        )
    except Exception as exc:  # psycopg's (a server without the contrib modules)
        return f"not prewarmed: {exc}"
    size = conn.execute("SELECT current_setting('shared_buffers')").fetchone()[0]
    return f"prewarmed    {blocks * 8 // 1024} MiB of tables and indexes (shared_buffers {size})"


def report(backend: str, events: int, figures: dict[str, tuple[float, float]]) -> None:
    for label, (p50, p95) in figures.items():
        print(f"{backend:<10} {events:>9} events  {label:<22} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--pg", help="a postgresql:// URL of an empty database to fill and query")
    args = parser.parse_args()
    with sqlite_store(args.events) as store:
        print(f"store        {store.counts()}")
        report("sqlite", args.events, measure(store, args.repeat))
    if args.pg:
        try:
            pg = open_store(args.pg)
        except StoreError as exc:
            print(f"postgresql   skipped: {exc}")
            return
        with pg:
            if not pg.counts().get("events"):
                print_build(bulk_fill(pg, args.events))
            print(f"postgresql   {prewarm(pg)}")
            report("postgresql", args.events, measure(pg, args.repeat))


if __name__ == "__main__":
    main()
