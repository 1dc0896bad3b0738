"""Every failure of the ``diplograph`` command is one line on stderr with a documented exit
code: 1 a failed run, 2 a usage error, 3 a missing optional extra; never a traceback.

``test_cli_errors_every_command_*`` runs each command of the CLI (read from the click group,
so a new command is covered without editing this file) against each bad value below; the
other tests are the cases a newcomer met (issue 16).
"""

from __future__ import annotations

import io
import json
import socket
import sys
import types
import warnings
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from conftest import free_port
from diplograph.cli import cli
from diplograph.cli.extract import PLAIN_EVERY, Progress
from diplograph.errors import EXIT_FAILED, EXIT_MISSING_EXTRA, EXIT_USAGE
from diplograph.models import Article, Event, Extraction, Participant, Person
from diplograph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXIT_CODES = {EXIT_FAILED, EXIT_USAGE, EXIT_MISSING_EXTRA}

# The parameters that name a file a command reads, the first one a command has is the
# "missing input"; a command with none reads its database (--db).
INPUT_PARAMS = ("inputs", "gold", "path", "results", "sources", "sources_file", "kb_list")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error_line(result: Result) -> str:
    """The one stderr line of a failed run, checked for its exit code and for tracebacks."""
    assert result.exit_code in EXIT_CODES, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name)


COMMANDS = list(_commands(cli))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


class FakeExtractor:
    """Stands in for diplograph.nlp: one person and one meeting per article."""

    def __init__(self, settings: object = None) -> None:
        pass

    def extract(self, article: Article) -> Extraction:
        person = Participant("person", "Ana Ruiz", country="PER")
        return Extraction(
            article=article,
            persons=(Person("Ana Ruiz", country="PER"),),
            events=(Event("MEETING", "occurred", (person,)),),
        )


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("diplograph.nlp")
    module.Extractor = FakeExtractor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diplograph.nlp", module)


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_nlp: None) -> Path:
    """A scratch working directory with a text input, a filled database and a plain file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIPLOGRAPH_DB", raising=False)
    monkeypatch.delenv("DIPLOGRAPH_KB", raising=False)
    (tmp_path / "page.txt").write_text("Talks in Lima\nAna Ruiz met a delegation.\n")
    (tmp_path / "a-file").write_text("not a database, not a folder\n")
    (tmp_path / "results.jsonl").write_text("")
    (tmp_path / "gold.jsonl").write_text("")
    (tmp_path / "sources.txt").write_text("page.txt\n")  # watch: a source a line
    with open_store(str(tmp_path / "filled.db")) as store:
        store.save(FakeExtractor().extract(Article(source="page.txt", index=1, text="Talks")))
    return tmp_path


def _valid(name: str, place: Path) -> list[str]:
    """A value for each parameter a command requires, so that only the bad one fails."""
    values = {
        "inputs": [str(place / "page.txt")],
        "gold": [str(place / "gold.jsonl")],
        "path": [str(place / "page.txt")],
        "results": [str(place / "results.jsonl")],
        "sources_file": [str(place / "sources.txt")],
        "article": ["page.txt#1"],
        "name": ["Ana Ruiz"],
        "fmt": ["csv"],
        "output": [str(place / "out.jsonl")],
        "db": [str(place / "filled.db")],
    }
    if name not in values:
        pytest.fail(f"a new required parameter {name!r}: give it a valid value in _valid")
    return values[name]


def _bad_value(case: str, path: tuple[str, ...], place: Path) -> tuple[str, str]:
    """(the parameter to spoil, its bad value) for ``case``; pytest.skip when the command
    has no such parameter."""
    names = {param.name for param in _command(path).params}
    command = " ".join(path)
    if case == "unwritable output":
        if "output" not in names:
            pytest.skip(f"{command} writes no output file (-o)")
        return "output", str(place / "a-file" / "out.jsonl")
    if case == "missing input":
        found = [name for name in (*INPUT_PARAMS, "db") if name in names]
        if not found:
            pytest.skip(f"{command} reads no input file and no database")
        return found[0], str(place / "missing" / "input.jsonl")
    if "db" not in names:
        pytest.skip(f"{command} opens no database (--db)")
    return "db", {
        "directory as --db": str(place),
        "non-database file as --db": str(place / "a-file"),
        "relative sqlite URL": "sqlite://relative.db",
        "sqlite URL under a file": f"sqlite:///{place / 'a-file' / 'x.db'}",
        "postgresql URL, no server": f"postgresql://diplograph@127.0.0.1:{free_port()}/none",
    }[case]


def _arguments(path: tuple[str, ...], spoiled: str, bad: str, place: Path) -> list[str]:
    args = list(path)
    for param in _command(path).params:
        assert param.name is not None
        wanted = param.required or param.name in (spoiled, "db")
        if not wanted:
            continue
        values = [bad] if param.name == spoiled else _valid(param.name, place)
        if isinstance(param, click.Option):
            flag = max(param.opts, key=len)
            args += [part for value in values for part in (flag, value)]
        else:
            args += values
    return args


CASES = [
    "unwritable output",
    "missing input",
    "directory as --db",
    "non-database file as --db",
    "relative sqlite URL",
    "sqlite URL under a file",
    "postgresql URL, no server",
]


@pytest.mark.timeout(120)  # a command that did not fail could start a server (serve)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_cli_errors_every_command_fails_on_one_line(
    path: tuple[str, ...], case: str, place: Path
) -> None:
    spoiled, bad = _bad_value(case, path, place)
    result = run(*_arguments(path, spoiled, bad, place))
    line = one_error_line(result)
    if result.exit_code != EXIT_MISSING_EXTRA:  # (that line names the extra instead)
        assert bad.rsplit("/", 1)[-1] in line, line  # the line names the bad value


def test_cli_errors_cover_every_command() -> None:
    assert {"ingest", "batch", "load", "events", "export", "serve"} <= {p[0] for p in COMMANDS}
    assert ("kb", "build") in COMMANDS


# -- the newcomer cases of issue 16 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "output"),
    [("plover", "/nonexistent-dir/x"), ("csv", "/nonexistent-dir/x"), ("gdelt", "/proc/x.tsv")],
)
def test_cli_errors_export_to_an_unwritable_path(place: Path, fmt: str, output: str) -> None:
    result = run("export", "--format", fmt, "-o", output, "--db", str(place / "filled.db"))
    assert result.exit_code == EXIT_FAILED
    line = one_error_line(result)
    assert line.startswith(f"error: {output}: ") and line.endswith("[DG600]")


def test_cli_errors_batch_to_a_missing_folder_fails_before_extracting(place: Path) -> None:
    result = run("batch", str(SAMPLES), "-o", "/nonexistent-dir/x.jsonl")
    assert result.exit_code == EXIT_FAILED
    assert one_error_line(result) == (
        "error: /nonexistent-dir/x.jsonl: no such folder '/nonexistent-dir' [DG600]"
    )


def test_cli_errors_load_names_the_file_and_line_of_a_bad_record(place: Path) -> None:
    bad = place / "malformed.jsonl"
    bad.write_text('\n{"title": "no source"}\n', encoding="utf-8")
    result = run("load", str(bad), "--db", str(place / "new.db"))
    assert result.exit_code == EXIT_FAILED
    assert one_error_line(result) == (
        f"error: {bad}:2: not an extraction record: no 'source' field [DG100]"
    )
    assert "0 articles into" in result.stdout


def test_cli_errors_load_a_file_that_is_not_a_results_file(place: Path) -> None:
    bad = place / "bad.bin"
    bad.write_bytes(b"\x00\x01")
    result = run("load", str(bad), "--db", str(place / "new.db"))
    assert result.exit_code == EXIT_FAILED
    line = one_error_line(result)
    assert line.startswith(f"error: {bad}: not a results file")
    assert "output format" not in line


@pytest.mark.parametrize("command", [["ingest", "page.txt"], ["events"]])
def test_cli_errors_a_directory_as_db_says_so(place: Path, command: list[str]) -> None:
    result = run(*command, "--db", str(place))
    assert one_error_line(result) == f"error: {place}: a directory, not a database file [DG400]"


def test_cli_errors_sqlite_url_is_an_absolute_path(
    place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (place / "elsewhere").mkdir()
    monkeypatch.chdir(place / "elsewhere")
    target = place / "abs.db"
    result = run("ingest", str(place / "page.txt"), "--db", f"sqlite:///{target}")
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert not (place / "elsewhere" / str(target).lstrip("/")).exists()
    help_text = " ".join(run("ingest", "-h").stdout.split())
    assert "sqlite:///ABSOLUTE/PATH" in help_text and "postgresql://" in help_text


def test_cli_errors_help_lists_the_exit_codes() -> None:
    help_text = " ".join(run("-h").stdout.split())
    assert "Exit status: 0 done; 1 a failed run" in help_text
    assert "2 a usage error; 3 a missing optional extra" in help_text


@pytest.mark.parametrize("group", [[], ["kb"]], ids=["diplograph", "kb"])
def test_cli_errors_a_group_without_a_command_prints_its_help(group: list[str]) -> None:
    result = run(*group)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith(" ".join(["Usage: cli", *group, "[OPTIONS] COMMAND"]))
    assert "Commands:" in result.stdout


def test_cli_errors_an_unexpected_error_is_one_line_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import diplograph.cli as cli_module

    @click.command()
    def broken() -> None:
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(cli_module, "cli", broken)
    monkeypatch.setattr(sys, "argv", ["diplograph"])
    monkeypatch.delenv(cli_module.DEBUG_ENV, raising=False)
    with pytest.raises(SystemExit) as ended:
        cli_module.main()
    assert ended.value.code == EXIT_FAILED
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith("error: internal error, please report it: ZeroDivisionError: ")
    assert "division by zero second line at test_cli_errors.py:" in line
    assert line.endswith("(DIPLOGRAPH_DEBUG=1 shows the traceback) [DG000]")
    monkeypatch.setenv(cli_module.DEBUG_ENV, "1")
    with pytest.raises(ZeroDivisionError):
        cli_module.main()


def test_cli_errors_extract_to_a_file_says_what_it_wrote(place: Path) -> None:
    out = place / "records.jsonl"
    result = run("extract", str(SAMPLES / "kz_mfa_norway_page.txt"), "-o", str(out))
    assert result.exit_code == 0, result.output
    records = out.read_text(encoding="utf-8").splitlines()
    events = sum(len(json.loads(line)["events"]) for line in records)
    assert result.stdout == f"{len(records)} articles into {out}; {events} events\n"
    to_stdout = run("extract", str(SAMPLES / "kz_mfa_norway_page.txt"))
    assert to_stdout.stdout.splitlines() == records  # records only, no summary among them


def test_cli_errors_batch_engine_has_help() -> None:
    help_text = " ".join(run("batch", "-h").stdout.split())
    assert "--engine [local|spark] local:" in help_text


@pytest.mark.parametrize(
    ("args", "hidden", "extra"),
    [
        (["export", "--format", "parquet", "-o", "out.parquet"], ["pyarrow"], "parquet"),
        (["batch", "page.txt", "--engine", "spark", "-o", "out.jsonl"], ["pyspark"], "spark"),
    ],
)
def test_cli_errors_a_missing_extra_has_its_own_exit_code(
    place: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], hidden: list[str], extra: str
) -> None:
    for name in [*hidden, *(m for m in sys.modules if m.startswith(f"{hidden[0]}."))]:
        monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError
    db = ["--db", str(place / "filled.db")] if args[0] == "export" else []
    result = run(*args, *db)
    assert result.exit_code == EXIT_MISSING_EXTRA
    assert one_error_line(result).endswith(f"pip install 'diplograph[{extra}]' [DG700]")
    assert not (place / args[args.index("-o") + 1]).exists()


def test_cli_errors_postgresql_without_psycopg_is_a_missing_extra(
    place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("diplograph.store.postgres.psycopg", None)
    result = run("events", "--db", "postgresql://me@127.0.0.1:1/none")
    assert result.exit_code == EXIT_MISSING_EXTRA
    assert "pip install 'diplograph[postgres]'" in one_error_line(result)


@pytest.mark.parametrize(
    "args",
    [["nope"], ["events", "--type", "zzz"], ["ingest"], ["events", "--bogus"]],
    ids=["unknown command", "bad value", "missing argument", "unknown option"],
)
def test_cli_errors_a_usage_error_is_one_line_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == EXIT_USAGE
    assert one_error_line(result).endswith(" -h)")


def test_cli_errors_summaries_on_stdout_progress_on_stderr(place: Path) -> None:
    out = place / "out.jsonl"
    batch = run("batch", "page.txt", "--processes", "1", "-o", str(out))
    assert batch.exit_code == 0, batch.output
    assert batch.stdout.startswith(f"1 articles into {out}") and batch.stderr == ""
    for command in (["ingest", "page.txt"], ["load", str(out)]):
        result = run(*command, "--db", str(place / "new.db"))
        assert result.exit_code == 0, result.output
        assert " articles into " in result.stdout and result.stderr == ""


def test_cli_errors_progress_off_a_terminal_is_plain_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    progress = Progress()
    for _ in range(2 * PLAIN_EVERY):
        progress.advance()
    progress.finish()
    progress.clear()
    assert log.getvalue().splitlines() == [
        f"{PLAIN_EVERY} articles so far",
        f"{2 * PLAIN_EVERY} articles so far",
    ]
    assert "\r" not in log.getvalue()


def test_cli_errors_serve_on_a_port_in_use(place: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--db", str(place / "filled.db"), "--port", str(port))
    assert result.exit_code == EXIT_FAILED
    line = one_error_line(result)
    assert line.startswith(f"error: 127.0.0.1:{port}: cannot listen here: ")


def test_cli_errors_the_web_home_page_answers_200(place: Path) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    with warnings.catch_warnings():  # Starlette would rather have httpx2 (test_web_pages.py)
        warnings.filterwarnings("ignore", message=r".*httpx2")
        from fastapi.testclient import TestClient

    from diplograph.web import create_app

    # Issue 16 saw a 307 here; / is the home page (only a trailing slash, /events/, redirects).
    with TestClient(create_app(str(place / "filled.db"))) as client:
        home = client.get("/", follow_redirects=False)
    assert home.status_code == 200
    assert home.headers["content-type"].startswith("text/html")
