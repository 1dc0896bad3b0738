"""The ``diplograph`` command: formats, table width, error lines and exit codes.

Most tests stand in a small fake extractor for ``diplograph.nlp`` so that they exercise the
CLI, the pipeline and the store without the NLP models; the tests marked by their name
``..._seed_page_...`` run the real extractor on the seed page.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import subprocess
import sys
import time
import types
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import free_port
from diplograph.cli import PROGRESS_AFTER, Column, _Progress, cli, render_table
from diplograph.errors import DiplographError, ExtractionError
from diplograph.models import Article, Event, Extraction, Participant, Person
from diplograph.pipeline import extract_inputs
from diplograph.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture
def filled_db(tmp_db: str, sample_extractions: list[Extraction]) -> str:
    long_names = Extraction(
        article=Article(
            source="long.txt",
            index=1,
            text="A meeting of many long names.",
            title="A very long title " * 8,
            published="2024-03-01",
        ),
        persons=(Person("Maximiliano Bartholomew Alexandrovich Featherstonehaugh-Smythe"),),
        events=(
            Event(
                "MULTILATERAL",
                "occurred",
                (
                    Participant("person", "Maximiliano Bartholomew Alexandrovich Featherstone"),
                    Participant("organization", "Organisation for Security and Co-operation"),
                    Participant("country", "Bosnia and Herzegovina", country="BIH"),
                ),
                place="Sharm el-Sheikh International Convention Centre",
            ),
        ),
    )
    with open_store(tmp_db) as store:
        for extraction in [*sample_extractions, long_names]:
            store.save(extraction)
    return tmp_db


# -- a stand-in for diplograph.nlp --------------------------------------------------------


class FakeExtractor:
    """Finds one person, "Ana Ruiz" or "Ánna Kováč", per article; fails on "FAIL"."""

    built = 0

    def __init__(self, settings: object = None) -> None:
        FakeExtractor.built += 1

    def extract(self, article: Article) -> Extraction:
        if "FAIL" in article.text:
            raise ExtractionError("the parser gave up")
        name = "Ánna Kováč" if "Kováč" in article.text else "Ana Ruiz"
        person = Participant("person", name, country="PER")
        return Extraction(
            article=article,
            persons=(Person(name, country="PER"),),
            events=(Event("MEETING", "occurred", (person,)),),
        )


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> type[FakeExtractor]:
    module = types.ModuleType("diplograph.nlp")
    module.Extractor = FakeExtractor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diplograph.nlp", module)
    FakeExtractor.built = 0
    return FakeExtractor


@pytest.fixture
def text_inputs(tmp_path: Path) -> list[str]:
    paths = []
    for name, body in [
        ("one.txt", "Talks in Lima\nAna Ruiz met a delegation."),
        ("two.txt", "Talks in Bratislava\nÁnna Kováč met a delegation."),
        ("three.txt", "Talks in Quito\nAna Ruiz met another delegation."),
    ]:
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        paths.append(str(path))
    return paths


# -- pipeline -------------------------------------------------------------------------------


def test_pipeline_extraction_error_goes_to_on_error_and_the_rest_go_on(
    fake_nlp: type[FakeExtractor], text_inputs: list[str], tmp_path: Path
) -> None:
    failing = tmp_path / "fail.txt"
    failing.write_text("Broken\nFAIL here", encoding="utf-8")
    seen: list[DiplographError] = []
    found = list(extract_inputs([text_inputs[0], str(failing), text_inputs[1]], None, seen.append))
    assert [x.article.source for x in found] == [text_inputs[0], text_inputs[1]]
    assert [(type(e), e.source) for e in seen] == [(ExtractionError, f"{failing}#1")]
    assert fake_nlp.built == 1


def test_pipeline_without_on_error_raises(fake_nlp: type[FakeExtractor], tmp_path: Path) -> None:
    with pytest.raises(DiplographError, match="missing"):
        list(extract_inputs([str(tmp_path / "missing.txt")]))


# -- ingest and extract (fake extractor) ----------------------------------------------------


def test_cli_ingest_bad_input_among_good_ones(
    fake_nlp: type[FakeExtractor], text_inputs: list[str], tmp_db: str, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.txt")
    result = run("ingest", text_inputs[0], missing, *text_inputs[1:], "--db", tmp_db)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {missing}: ")
    assert errors[0].endswith("]")
    assert "3 articles" in result.stdout  # the summary; errors and progress go to stderr
    assert "Traceback" not in result.output
    with open_store(tmp_db) as store:
        assert store.counts()["articles"] == 3


def test_cli_ingest_twice_reports_nothing_new(
    fake_nlp: type[FakeExtractor], text_inputs: list[str], tmp_db: str
) -> None:
    first = run("ingest", *text_inputs, "--db", tmp_db)
    assert first.exit_code == 0, first.output
    assert "3 new, 0 already stored; 3 events stored" in first.stdout
    second = run("ingest", *text_inputs, "--db", tmp_db)
    assert second.exit_code == 0
    assert "0 new, 3 already stored; 0 events stored" in second.stdout
    assert second.stderr == ""  # no progress line when stderr is not a terminal


def test_cli_ingest_extraction_error_names_the_article(
    fake_nlp: type[FakeExtractor], text_inputs: list[str], tmp_db: str, tmp_path: Path
) -> None:
    failing = tmp_path / "fail.txt"
    failing.write_text("Broken\nFAIL here", encoding="utf-8")
    result = run("ingest", str(failing), *text_inputs, "--db", tmp_db)
    assert result.exit_code == 1
    assert f"error: {failing}#1: the parser gave up [DG200]" in result.stderr.splitlines()


def test_cli_ingest_db_from_environment(
    fake_nlp: type[FakeExtractor], text_inputs: list[str], tmp_db: str
) -> None:
    result = run("ingest", *text_inputs, env={"DIPLOGRAPH_DB": tmp_db})
    assert result.exit_code == 0
    assert Path(tmp_db).is_file()
    listed = run("articles", "--format", "jsonl", env={"DIPLOGRAPH_DB": tmp_db})
    assert len(listed.stdout.splitlines()) == 3


def test_cli_extract_writes_one_json_line_per_article(
    fake_nlp: type[FakeExtractor], text_inputs: list[str]
) -> None:
    result = run("extract", *text_inputs)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == text_inputs
    assert {"source", "index", "title", "published", "persons", "events"} <= set(records[1])
    assert "Ánna Kováč" in result.stdout  # not \u-escaped


def test_cli_extract_to_file(
    fake_nlp: type[FakeExtractor], text_inputs: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    result = run("extract", *text_inputs, "-o", str(out), "--input-format", "text")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"3 articles into {out}; ")  # the summary, no record
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["persons"][0]["name"] for line in lines] == [
        "Ana Ruiz",
        "Ánna Kováč",
        "Ana Ruiz",
    ]


# -- read commands --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["events", "actors", "articles", "summary"])
def test_cli_tables_fit_80_columns(filled_db: str, command: str) -> None:
    result = run(command, "--db", filled_db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 2
    assert max(len(line) for line in lines) <= 80


def test_cli_events_table_wraps_long_participants(filled_db: str) -> None:
    result = run("events", "--db", filled_db, "--type", "multilateral", "--since", "2024-03")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["date", "type", "status", "participants", "place", "src"]
    body = " ".join(" ".join(line.split()) for line in lines[2:])
    assert "Bosnia and Herzegovina (BIH)" in body
    assert "Sharm el-Shei…" in body  # a fixed column is cut, not wrapped
    assert "Centre" not in body


def test_cli_events_jsonl(filled_db: str) -> None:
    result = run("events", "--db", filled_db, "--actor", "Bakaev", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    names = {p["name"] for row in rows for p in row["participants"]}
    assert names == {"Alibek Bakayev", "Aruni Wijewardane", "Kiitumetzi Siipilo Tandeka Matthews"}


def test_cli_events_csv(filled_db: str) -> None:
    result = run("events", "--db", filled_db, "--country", "lka", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["type"] for r in rows] == ["MEETING", "MISSION"]
    assert rows[0]["participants"] == "Alibek Bakayev; Aruni Wijewardane"
    assert rows[0]["countries"] == "KAZ; LKA"


@pytest.mark.parametrize("command", ["actors", "articles"])
def test_cli_listings_jsonl_and_csv_parse(filled_db: str, command: str) -> None:
    as_json = [
        json.loads(line)
        for line in run(command, "--db", filled_db, "--format", "jsonl").stdout.splitlines()
    ]
    as_csv = list(
        csv.DictReader(io.StringIO(run(command, "--db", filled_db, "--format", "csv").stdout))
    )
    assert len(as_json) == len(as_csv) > 3
    assert [r["id"] for r in as_json] == [r["id"] for r in as_csv]


def test_cli_actors_by_alias(filled_db: str) -> None:
    result = run("actors", "--db", filled_db, "--name", "bakaev", "--format", "jsonl")
    (actor,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (actor["name"], actor["aliases"]) == ("Alibek Bakayev", ["Alibek Bakaev"])


def test_cli_actors_table_shows_offices_with_days(filled_db: str) -> None:
    lines = run("actors", "--db", filled_db, "--name", "Bakaev").stdout.splitlines()
    assert lines[0].split() == ["name", "also", "written", "kind", "where", "offices", "events"]
    body = " ".join(" ".join(line.split()) for line in lines[2:])
    assert "Alibek Bakayev Alibek Bakaev person KAZ Deputy Minister of" in body
    assert "2024-04-09 … 2024-04-11" in body


def test_cli_actors_explain(filled_db: str) -> None:
    (actor,) = [
        json.loads(line)
        for line in run(
            "actors", "--db", filled_db, "--name", "Bakaev", "--format", "jsonl"
        ).stdout.splitlines()
    ]
    result = run("actors", "--db", filled_db, "--explain", actor["id"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())  # lines wrap at 80 columns
    assert result.stdout.startswith(f"Alibek Bakayev  [{actor['id']}]")
    assert "also written: Alibek Bakaev" in text
    assert "Deputy Minister of Foreign Affairs (KAZ), 2024-04-09 … 2024-04-11, 2 articles" in text
    assert "why these are one actor:" in text
    assert 'the article itself calls "Alibek Bakayev" also "Alibek Bakaev"' in text
    assert "MEETING occurred: Alibek Bakayev (KAZ), Aruni Wijewardane (LKA)" in text
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    explained = json.loads(
        run("actors", "--db", filled_db, "--explain", actor["id"], "--format", "jsonl").stdout
    )
    assert {"mentions", "links", "event_list", "offices"} <= set(explained)
    assert len(explained["event_list"]) == 2


def test_cli_actors_explain_unknown_id_is_one_error_line(filled_db: str) -> None:
    result = run("actors", "--db", filled_db, "--explain", "ent_nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no actor with the id or a name 'ent_nope'")
    assert result.stderr.rstrip().endswith("[DG402]")


def test_cli_actors_explain_by_a_name_only_one_actor_bears(filled_db: str) -> None:
    by_name = run("actors", "--db", filled_db, "--explain", "bakaev", "--format", "jsonl")
    assert by_name.exit_code == 0, by_name.output
    actor = json.loads(by_name.stdout)
    assert actor["name"] == "Alibek Bakayev"
    by_id = run("actors", "--db", filled_db, "--explain", actor["id"], "--format", "jsonl")
    assert json.loads(by_id.stdout) == actor


def test_cli_actors_explain_a_name_several_bear_lists_them(filled_db: str) -> None:
    several = [
        json.loads(line)
        for line in run(
            "actors", "--db", filled_db, "--name", "a", "--format", "jsonl"
        ).stdout.splitlines()
    ]
    assert len(several) > 1
    result = run("actors", "--db", filled_db, "--explain", "a")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: 'a' names several actors: ") and line.endswith("[DG403]")
    assert f"{several[0]['name']} [{several[0]['id']}]" in line


def test_cli_resolve_reports_and_changes_no_row(filled_db: str) -> None:
    import sqlite3

    def dump() -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(filled_db) as conn:
            names = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in names}

    before = dump()
    result = run("resolve", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith(f"{filled_db}: ")
    assert "-> 6 events, 0 reported by several articles" in result.stdout
    assert dump() == before


def test_cli_summary(filled_db: str) -> None:
    text = run("summary", "--db", filled_db).stdout
    assert "4 articles" in text
    assert "events by type: MEETING 3" in text
    assert "  KAZ: LKA 2" in text
    found = json.loads(run("summary", "--db", filled_db, "--format", "json").stdout)
    assert found["events"] == 6


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--type", "FOO"],
        ["events", "--status", "rumoured"],
        ["events", "--since", "notadate"],
        ["events", "--until", "2024-13"],
        ["events", "--country", "XX"],
        ["events", "--country", "ZZZ"],
        ["events", "--limit", "0"],
        ["events", "--since", "2024-05", "--until", "2024-04"],
        ["events", "--format", "xml"],
        ["extract"],
        ["ingest", "x.txt", "--input-format", "pdf"],
        ["actors", "--explain", "x", "--name", "y"],
    ],
)
def test_cli_usage_errors_exit_2(filled_db: str, args: list[str]) -> None:
    result = run(*args, "--db", filled_db) if args[0] in ("events", "actors") else run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_cli_missing_database_is_one_error_line(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    result = run("events", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"error: {db}: no database here; ingest some articles first [DG400]\n"
    assert not Path(db).exists()


# -- as a subprocess: the exit codes a shell sees -------------------------------------------


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diplograph.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=600,
        check=False,
    )


def test_cli_process_usage_error_exits_2(filled_db: str) -> None:
    done = run_process("events", "--db", filled_db, "--type", "FOO")
    assert done.returncode == 2
    assert "Invalid value for '--type'" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_process_store_error_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_text("not sqlite\n" * 100)
    done = run_process("summary", "--db", str(bad))
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {bad}: cannot open the database")
    assert done.stderr.count("\n") == 1


def test_cli_process_events_table(filled_db: str) -> None:
    done = run_process("events", "--db", filled_db, "--actor", "Matthews")
    assert done.returncode == 0
    assert "Kiitumetzi" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


# -- the real extractor on the seed page (pass once diplograph.nlp has landed) -------------


@pytest.fixture
def seed_page() -> Iterator[str]:
    for path in (
        ROOT / "samples" / "kt_kz_seed_page.txt",
        ROOT.parent / "shared" / "corpus" / "000_5d660a483205698d.txt",
    ):
        if path.is_file():
            yield str(path)
            return
    pytest.skip("no seed page in samples/ or ../shared/corpus")


def test_cli_ingest_seed_page_twice_changes_no_row_and_finds_bakayev(
    seed_page: str, tmp_db: str
) -> None:
    first = run("ingest", seed_page, "--db", tmp_db)
    assert first.exit_code == 0, first.output
    with open_store(tmp_db) as store:
        counts = store.counts()
    second = run("ingest", seed_page, "--db", tmp_db)
    assert second.exit_code == 0, second.output
    assert "0 new" in second.stdout
    with open_store(tmp_db) as store:
        assert store.counts() == counts
    listed = run("events", "--actor", "Bakayev", "--db", tmp_db, "--format", "jsonl")
    meetings = [json.loads(line) for line in listed.stdout.splitlines()]
    met = {p["name"] for m in meetings if m["type"] == "MEETING" for p in m["participants"]}
    assert "Aruni Wijewardane" in met
    assert any("Matthews" in name for name in met)
    table = run("events", "--actor", "Bakayev", "--db", tmp_db).stdout
    assert "Wijewardane" in table
    assert "Matthews" in table


def test_cli_process_seed_page_bad_input_among_good_ones(seed_page: str, tmp_path: Path) -> None:
    db = tmp_path / "e2e.db"
    missing = tmp_path / "missing.txt"
    done = run_process("ingest", str(missing), seed_page, "--db", str(db))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(f"error: {missing}: ")
    assert "Traceback" not in done.stderr
    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 8


def test_cli_extract_seed_page_follows_the_contract(seed_page: str) -> None:
    result = run("extract", seed_page)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["index"] for r in records] == list(range(1, 9))
    for record in records:
        persons = {p["name"] for p in record["persons"]}
        for event in record["events"]:
            assert {p["name"] for p in event["participants"] if p["kind"] == "person"} <= persons


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_progress_shows_only_on_a_terminal_past_ten_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    seconds = iter(range(100))
    progress = _Progress(clock=lambda: next(seconds), columns=80)  # an article a second
    for _ in range(PROGRESS_AFTER - 1):
        progress.advance()
    assert terminal.getvalue() == ""
    progress.advance()
    # No input sizes known: the bar is the count and the rate (ASCII: StringIO has no encoding).
    assert terminal.getvalue() == f"\r  {PROGRESS_AFTER} articles | 1.0/s\x1b[K"
    progress.clear()
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_cli_render_table_cuts_and_wraps() -> None:
    lines = render_table(
        [Column("a", 3), Column("b", wrap=True), Column("n", 3, right=True)],
        [["abcdef", "word " * 30, "7"]],
        width=40,
    )
    assert all(len(line) <= 40 for line in lines)
    assert lines[2].startswith("ab…  word")
    assert lines[2].endswith("  7")
    assert len(lines) > 4


# -- serve ----------------------------------------------------------------------------------


def test_cli_serve_help_lists_the_options() -> None:
    result = run("serve", "--help")
    assert result.exit_code == 0
    for option in ("--db PATH", "--host", "127.0.0.1", "--port", "8000"):
        assert option in result.stdout


def test_cli_serve_missing_database_is_one_error_line(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    result = run("serve", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"error: {db}: no database here; ingest some articles first [DG400]\n"
    assert not Path(db).exists()


def test_cli_serve_calls_web_serve_with_the_database(
    filled_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, str, int, int, bool]] = []
    module = types.ModuleType("diplograph.web")
    module.serve = lambda *args: calls.append(args)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diplograph.web", module)
    # Whether port 8000 is free here is not this test's business.
    serve_module = importlib.import_module("diplograph.cli.serve")
    monkeypatch.setattr(serve_module, "_check_address", lambda host, port: None)
    assert run("serve", "--db", filled_db).exit_code == 0
    result = run("serve", "--host", "0.0.0.0", "--port", "8123", env={"DIPLOGRAPH_DB": filled_db})
    assert result.exit_code == 0, result.output
    assert run("serve", "--db", filled_db, "--workers", "2", "--no-cache").exit_code == 0
    assert calls == [
        (filled_db, "127.0.0.1", 8000, 1, True),
        (filled_db, "0.0.0.0", 8123, 1, True),
        (filled_db, "127.0.0.1", 8000, 2, False),
    ]
    assert run("serve", "--db", filled_db, "--port", "0").exit_code == 2
    assert run("serve", "--db", filled_db, "--workers", "0").exit_code == 2


def _web_module() -> types.ModuleType | None:
    try:
        return importlib.import_module("diplograph.web")
    except ImportError:
        return None


def _get_json(url: str, server: subprocess.Popen[str], wait: float = 60) -> tuple[int, object]:
    """GET ``url`` once ``server`` answers; fail if it exits or stays silent ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, json.loads(response.read())
        except (urllib.error.URLError, ConnectionError) as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                stderr = server.communicate(timeout=10)[1]
                pytest.fail(f"no answer from serve ({exc}): {stderr[-2000:]}")
            time.sleep(0.2)


def test_cli_process_serve_seed_page_answers_api_events(seed_page: str, tmp_path: Path) -> None:
    if not hasattr(_web_module(), "serve"):
        pytest.skip("diplograph.web.serve has not landed")
    db = str(tmp_path / "web.db")
    assert run("ingest", seed_page, "--db", db).exit_code == 0
    port = free_port()
    command = [sys.executable, "-m", "diplograph", "serve", "--db", db, "--port", str(port)]
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as server:  # leaving the block closes the pipe and reaps the process
        try:
            status, body = _get_json(f"http://127.0.0.1:{port}/api/events", server)
            assert status == 200
            assert isinstance(body, dict)
            assert body["ok"] is True
            assert body["total"] > 0
            assert len(body["events"]) == min(body["total"], body["limit"])
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def test_cli_read_only_commands_start_without_the_nlp_or_a_database_driver() -> None:
    # `diplograph events` and the like answer in a third of a second: the NLP pipeline
    # (spaCy), PostgreSQL's driver and Parquet's are imported only by what needs them.
    heavy = ("spacy", "psycopg", "pyarrow", "trafilatura", "dateparser", "diplograph.nlp")
    code = (
        "import sys, diplograph.cli\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}"
        f" or m.startswith('diplograph.nlp')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]", loaded
