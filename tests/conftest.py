"""Shared fixtures: a scratch database, hand-built extractions, the shared corpus directory."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from diplograph.codes import code_event
from diplograph.models import (
    Article,
    Event,
    Evidence,
    Extraction,
    Organization,
    Participant,
    Person,
)

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"

BAKAYEV = Person("Alibek Bakayev", title="Deputy Minister of Foreign Affairs", country="KAZ")


def make_event(
    kind: str,
    status: str,
    parts: tuple[Participant, ...],
    text: str,
    date: str | None = None,
    place: str | None = None,
) -> Event:
    """An event of ``kind`` with one evidence sentence, coded as the extractor codes it."""
    return Event(
        type=kind,
        status=status,
        participants=parts,
        date=date,
        place=place,
        topics=("cooperation",),
        evidence=(Evidence(text, 0, len(text)),),
        codes=code_event(kind, status),
    )


def _person(person: Person) -> Participant:
    return Participant("person", person.name, country=person.country, org=person.org)


def build_extractions() -> list[Extraction]:
    """Three articles in the style of the seed page; no NLP involved."""
    wijewardane = Person("Aruni Wijewardane", title="Foreign Secretary", country="LKA")
    sri_lanka = Article(
        source="kt.txt",
        index=3,
        title="Kazakhstan and Sri Lanka Intend to Strengthen Bilateral Cooperation",
        published="2024-04-11T17:17",
        text="Alibek Bakayev and Aruni Wijewardane held consultations in Astana.",
    )
    matthews = Person(
        "Kiitumetzi Siipilo Tandeka Matthews",
        title="Ambassador Extraordinary and Plenipotentiary of South Africa",
        country="ZAF",
    )
    south_africa = Article(
        source="kt.txt",
        index=5,
        title="Strengthening Cooperation between Kazakhstan and South Africa Discussed at MFA",
        published="2024-04-10T20:30",
        text="Alibek Bakayev met Kiitumetzi Siipilo Tandeka Matthews. Alibek Bakaev said ...",
    )
    lapecorella = Person("Fabrizia Lapecorella", title="Deputy Secretary General", org="OECD")
    abdrakhmanov = Person("Askar Abdrakhmanov", title="Permanent Delegate", country="KAZ")
    oecd = Organization("Organisation for Economic Co-operation and Development", "OECD")
    oecd_article = Article(
        source="kt.txt",
        index=2,
        title="Astana International Forum Discussed at OECD",
        published="2024-04-12T10:17",
        text="Askar Abdrakhmanov met Fabrizia Lapecorella of the OECD (Zürich).",
    )
    return [
        Extraction(
            article=sri_lanka,
            persons=(BAKAYEV, wijewardane),
            countries=("KAZ", "LKA"),
            events=(
                make_event(
                    "MEETING",
                    "occurred",
                    (_person(BAKAYEV), _person(wijewardane)),
                    "consultations were held, chaired by Alibek Bakayev and Aruni Wijewardane",
                ),
                make_event(
                    "MISSION",
                    "intended",
                    (
                        Participant("country", "Sri Lanka", country="LKA"),
                        Participant("country", "Kazakhstan", country="KAZ"),
                    ),
                    "Sri Lanka intends to open an embassy in Astana",
                    place="Astana",
                ),
            ),
        ),
        Extraction(
            article=south_africa,
            persons=(
                Person(BAKAYEV.name, ("Alibek Bakaev",), BAKAYEV.title, BAKAYEV.country),
                matthews,
            ),
            countries=("KAZ", "ZAF"),
            events=(
                make_event(
                    "MEETING",
                    "occurred",
                    (_person(BAKAYEV), _person(matthews)),
                    "Alibek Bakayev met with Ambassador Matthews",
                    date="2024-04-09",
                ),
            ),
        ),
        Extraction(
            article=oecd_article,
            persons=(abdrakhmanov, lapecorella),
            organizations=(oecd,),
            countries=("KAZ",),
            events=(
                make_event(
                    "MEETING",
                    "occurred",
                    (_person(abdrakhmanov), _person(lapecorella)),
                    "Askar Abdrakhmanov met with Fabrizia Lapecorella",
                ),
                make_event(
                    "MULTILATERAL",
                    "intended",
                    (Participant("organization", "OECD", acronym="OECD"),),
                    "the OECD will take part in the Astana International Forum",
                    date="2024-06-13",
                    place="Astana",
                ),
            ),
        ),
    ]


@pytest.fixture
def sample_extractions() -> list[Extraction]:
    """Three hand-built extractions: Sri Lanka, South Africa (with an alias), OECD."""
    return build_extractions()


@pytest.fixture
def sample_extraction(sample_extractions: list[Extraction]) -> Extraction:
    """The first of ``sample_extractions``: a meeting and an intended mission."""
    return sample_extractions[0]


@pytest.fixture
def tmp_db(tmp_path: Path) -> str:
    """A path for a new SQLite database in a scratch directory."""
    return str(tmp_path / "test.db")


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project (corpus, gold, scorer); skips the test when absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs the shared directory at {SHARED_DIR} (corpus and gold)")
    return SHARED_DIR


# -- PostgreSQL: a throwaway server for the session, a fresh database per test ---------------

BACKENDS = ("sqlite", "postgresql")


def _postgres_bin() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``: on PATH, else Debian's."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for directory in candidates:
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            return directory
    return None


def free_port() -> int:
    """A TCP port of 127.0.0.1 free at the time of asking."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A PostgreSQL cluster in a scratch directory, on a free port of 127.0.0.1."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="diplograph-pg-"))
        self.data, self.sockets = self.root / "data", self.root / "sockets"
        self.sockets.mkdir()
        self.port = free_port()
        self.databases = 0
        # PostgreSQL refuses to run as root: run it as nobody, who owns the scratch directory.
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "nobody", "--"]
            for path in (self.root, self.sockets):
                os.chown(path, *_nobody())

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self.prefix, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stdout}{done.stderr}")

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        import psycopg

        self.databases += 1
        name = f"test_{self.databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _nobody() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session; skipped (failed under CI) without its binaries."""
    bindir = _postgres_bin()
    if bindir is None:
        reason = (
            "PostgreSQL's initdb/pg_ctl are not installed (on PATH or /usr/lib/postgresql/*/bin);"
            " run scripts/install-postgres.sh"
        )
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    pytest.importorskip("psycopg", reason="needs psycopg: pip install -e '.[dev]'")
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store backend in turn: ``sqlite`` and ``postgresql``."""
    return str(request.param)


@pytest.fixture
def target(backend: str, tmp_db: str, request: pytest.FixtureRequest) -> str:
    """A new, empty database of ``backend``: an SQLite path or a PostgreSQL URL."""
    if backend == "sqlite":
        return tmp_db
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


def query_rows(target: str, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (``?`` marks its parameters) on either backend."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return [tuple(r) for r in conn.execute(sql.replace("?", "%s"), params or [])]
    with sqlite3.connect(target) as conn:
        return [tuple(r) for r in conn.execute(sql, params or [])]


def execute(target: str, statements: list[str], *, postgres: Sequence[str] = ()) -> None:
    """Run ``statements`` in one transaction on either backend, then ``postgres`` on
    PostgreSQL only (what its schema has beyond SQLite's)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            for sql in [*statements, *postgres]:
                conn.execute(sql)
        return
    with sqlite3.connect(target) as conn:
        for sql in statements:
            conn.execute(sql)


def dump_tables(target: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of either backend, to compare a database before and after."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            tables = [  # less the writes counter, which every write moves on
                r[0]
                for r in conn.execute(
                    "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = current_schema() AND table_name <> 'store_writes'"
                )
            ]
            return {
                t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
            }
    # The rowids of entity_names (``nid``) and their FTS5 index number rows as they come: a
    # migration that builds the table anew numbers the same names otherwise (tests check the
    # index with FTS5's integrity-check instead).
    with sqlite3.connect(target) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not r[0].startswith("entity_name_search")
        ]
        dumped = {}
        for t in tables:
            columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")') if c[1] != "nid"]
            listed = ", ".join(f'"{c}"' for c in columns)
            dumped[t] = sorted(conn.execute(f'SELECT {listed} FROM "{t}"'), key=repr)
        return dumped


@pytest.fixture
def make_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """Makes new, empty databases of ``backend``, as many as a test needs."""
    made = iter(range(1_000))

    def make() -> str:
        if backend == "sqlite":
            return str(tmp_path / f"db{next(made)}.db")
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.new_database()

    return make
