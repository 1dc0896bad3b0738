"""The README's quick start, pasted as a newcomer would: ``make run``, then its code blocks.

``make run`` runs for real (install if needed, ingest ``samples/``, summary, serve) with the
store in a scratch folder; then every ``sh`` block of the README's "Quick start" section runs
verbatim in a fresh ``bash`` there (no venv on PATH, no ``DIPLOGRAPH_DB``), and every
``python`` block with the venv's Python, from a folder holding only what the README names
(``samples/``, ``examples/``, ``.venv``). The server started by ``make run`` must see what the
quick start stored.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
VENV = ROOT / ".venv"
# What the quick start may refer to in the project folder.
NAMED = ("samples", "examples", ".venv")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def section(text: str, title: str) -> str:
    """The text of the README section ``## title`` (to the next ``## ``)."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def code_blocks(text: str, language: str) -> list[str]:
    """The fenced blocks of ``language`` in ``text``, in order."""
    return [body for lang, body in BLOCK.findall(text) if lang == language]


def test_readme_quick_start_has_shell_and_python_blocks() -> None:
    quick = section(README.read_text(encoding="utf-8"), "Quick start")
    shell, python = code_blocks(quick, "sh"), code_blocks(quick, "python")
    assert shell and python
    assert any(line.startswith(". .venv/bin/activate") for line in shell[0].splitlines())
    assert "on_error=" in python[0]
    for name in re.findall(r"\b((?:examples|samples)/[\w.-]+)", quick):
        assert (ROOT / name).exists(), f"the quick start names {name}, which is not shipped"


def _fresh_env(home: Path) -> dict[str, str]:
    """A new shell's environment: no venv, no diplograph settings."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "TERM": "dumb",
    }


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture(scope="module")
def made_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """``make run`` serving a store in a scratch project folder; yields (folder, port)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    if not (VENV / "bin" / "diplograph").exists():
        pytest.skip(f"no {VENV} with diplograph (the quick start follows `make run`)")
    folder = tmp_path_factory.mktemp("newcomer")
    for name in NAMED:
        (folder / name).symlink_to(ROOT / name)
    port, db = free_port(), folder / "diplograph.db"
    log = (folder / "make-run.log").open("w+", encoding="utf-8")
    env = {**os.environ, "DIPLOGRAPH_DB": ""}
    env.pop("VIRTUAL_ENV", None)
    make = subprocess.Popen(
        ["make", "--no-print-directory", "-C", str(ROOT), "run", f"DB={db}", f"PORT={port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        while True:
            if make.poll() is not None:
                log.seek(0)
                pytest.fail(f"make run ended ({make.returncode}) before serving:\n{log.read()}")
            try:
                if _get(f"http://127.0.0.1:{port}/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("make run did not serve within 10 minutes")
            time.sleep(0.5)
        yield folder, port
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGINT)  # Ctrl-C, as the README says
            try:
                make.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(make.pid, signal.SIGKILL)
                make.wait()
        log.close()


def test_readme_make_run_stored_and_summarised_the_samples(made_run: tuple[Path, int]) -> None:
    folder, port = made_run
    log = (folder / "make-run.log").read_text(encoding="utf-8")
    assert re.search(r"\d+ articles into .*diplograph\.db: \d+ new", log), log
    assert f"http://127.0.0.1:{port}/" in log
    status, body = _get(f"http://127.0.0.1:{port}/api/events?limit=1")
    assert status == 200 and json.loads(body)["total"] > 0


def test_readme_quick_start_runs_verbatim(made_run: tuple[Path, int]) -> None:
    folder, port = made_run
    quick = section(README.read_text(encoding="utf-8"), "Quick start")
    shown = "\n".join(
        _run_block(folder, ["bash"], f"quick-start-{number}.sh", "set -e\n" + block)
        for number, block in enumerate(code_blocks(quick, "sh"))
    )
    # What the commands are said to do: the examples stored, queried and exported.
    assert "Temirkhanov" in shown
    assert "Usage: diplograph" in shown
    assert re.search(r",releases\.jsonl#\d\n", shown), shown
    records = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == 3 and all(json.loads(line)["events"] for line in records)
    header = (folder / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "type" in header.split(",")
    # The server `make run` started sees what the quick start stored.
    status, body = _get(f"http://127.0.0.1:{port}/api/events?actor=Temirkhanov")
    assert status == 200 and json.loads(body)["total"] >= 3


def test_readme_python_example_runs_verbatim(made_run: tuple[Path, int]) -> None:
    folder, _ = made_run
    quick = section(README.read_text(encoding="utf-8"), "Quick start")
    python = [str(folder / ".venv" / "bin" / "python")]
    for number, block in enumerate(code_blocks(quick, "python")):
        shown = _run_block(folder, python, f"example-{number}.py", block)
        # The bad line was skipped and named; the good articles were read, stored and queried.
        assert "skipped: examples/more-releases.jsonl: line 2:" in shown
        assert re.search(r"^4 new articles$", shown, re.M), shown
        assert re.search(r"^2024-06-10 CREDENTIALS occurred", shown, re.M), shown


def _run_block(folder: Path, program: list[str], name: str, code: str) -> str:
    """Run ``code``, written to ``folder/name``, with ``program`` in a fresh environment;
    its stdout, once it has exited 0 without a traceback."""
    (folder / name).write_text(code, encoding="utf-8")
    done = subprocess.run(
        [*program, name],
        cwd=folder,
        env=_fresh_env(folder),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout
