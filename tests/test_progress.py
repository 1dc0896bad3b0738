"""The progress bar on stderr (issue 16): a bar on a terminal, plain lines otherwise.

A fake terminal (a ``StringIO`` that says it is a tty) stands in for stderr and a clock the
test moves stands in for time, so every frame is known in advance.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.cli import progress as progress_module
from diplograph.cli.progress import (
    ASCII_GLYPHS,
    PLAIN_EVERY,
    PROGRESS_AFTER,
    QUIET_SECONDS,
    REDRAW_SECONDS,
    UNICODE_GLYPHS,
    Progress,
    Status,
    choose_glyphs,
    render_bar,
)
from diplograph.ingest import read_inputs
from diplograph.models import Article, Extraction


class Terminal(io.StringIO):
    """stderr on a terminal that writes UTF-8."""

    encoding = "utf-8"  # type: ignore[assignment]

    def isatty(self) -> bool:
        return True


class AsciiTerminal(Terminal):
    encoding = "ascii"  # type: ignore[assignment]


class Clock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def on_terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """A fake terminal of 80 columns as stderr (set in the test itself: pytest's capture
    puts its own stderr back after the fixtures have run)."""
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((80, 24)))
    return stream


def drawn(output: str) -> list[str]:
    """The lines drawn on the terminal, in order, without the cursor and erase codes (and
    without the bare erase of ``clear``)."""
    lines = [part.replace("\x1b[K", "") for part in output.split("\r")[1:]]
    return [line for line in lines if line]


def write_jsonl(path: Path, count: int, words: int) -> str:
    """A JSON-lines input of ``count`` articles of ``words`` words each."""
    rows = [{"title": f"Talks {i}", "text": "word " * words} for i in range(count)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def articles(n: int, source: str = "a.txt", text: str = "text") -> list[Article]:
    """``n`` articles of ``source``, each ``text`` (untitled: its bytes are all it counts)."""
    return [Article(source=source, index=i, text=text) for i in range(n)]


def shown_percent(frame: str) -> int:
    match = re.match(r"\s*(\d+)% ", frame)
    assert match, frame
    return int(match.group(1))


# -- the bar ----------------------------------------------------------------------------------


def test_progress_moves_from_0_to_100_over_two_files_of_different_sizes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    terminal = on_terminal(monkeypatch)
    small = write_jsonl(tmp_path / "a.jsonl", 12, 5)
    large = write_jsonl(tmp_path / "b.jsonl", 30, 40)
    clock = Clock()
    progress = Progress([small, large], clock=clock)
    shares = [progress.status(clock()).fraction]
    for article in read_inputs([small, large]):
        clock.now += 1
        progress.advance(article)
        shares.append(progress.status(clock()).fraction)
    assert all(share is not None and share < 1 for share in shares)
    progress.finish()
    shares.append(progress.status(clock()).fraction)
    assert shares[0] == 0 and shares[-1] == 1
    assert shares == sorted(shares) and len(set(shares)) > 30
    # The first file's share of the bar is its share of the bytes: its last article stays
    # short of it, the second file's first article starts past it.
    first = os.path.getsize(small) / (os.path.getsize(small) + os.path.getsize(large))
    assert 0 < shares[12] < first <= shares[13] < 0.5
    shown = drawn(terminal.getvalue())
    percents = [shown_percent(frame) for frame in shown]
    assert percents == sorted(percents) and percents[-1] == 100 and percents[0] < 10
    assert "0/2 files" in shown[0] and "1/2 files" in shown[-2]
    assert "2/2 files" in shown[-1] and f"{12 + 30:,} articles" in shown[-1]


def test_progress_bar_shows_rate_and_time_left(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    terminal = on_terminal(monkeypatch)
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10_000)
    clock = Clock()
    progress = Progress([str(path)], clock=clock)
    for article in articles(20, str(path), "x" * 100):
        progress.advance(article)
        clock.now += 0.5
    # 19 articles in 9.5 s after the first, and 1,900 bytes: 8,000 bytes left take 40 s.
    # The bar gets the 30 of the 79 columns the text leaves.
    assert drawn(terminal.getvalue())[-1] == (
        "  20% " + "━" * 6 + "─" * 24 + " 20 articles · 0/1 files · 2.0/s · ETA 0:40"
    )


def test_progress_stays_quiet_for_small_or_quick_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = on_terminal(monkeypatch)
    clock = Clock()
    progress = Progress(clock=clock)
    for article in articles(PROGRESS_AFTER - 1):
        clock.now += 10
        progress.advance(article)
    assert terminal.getvalue() == ""  # slow, but few articles
    quick = Progress(clock=clock)
    for article in articles(500):
        clock.now += QUIET_SECONDS / 1000
        quick.advance(article)
    assert terminal.getvalue() == ""  # many articles, but done in a blink
    progress.finish()
    quick.finish()
    quick.clear()
    assert terminal.getvalue() == ""


def test_progress_redraws_at_most_ten_times_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = on_terminal(monkeypatch)
    clock = Clock()
    progress = Progress(clock=clock)
    for article in articles(2000):
        clock.now += 0.001  # 2 s in all, the first 0.5 s quiet
        progress.advance(article)
    count = len(drawn(terminal.getvalue()))
    assert 1.5 / REDRAW_SECONDS - 2 <= count <= 1.5 / REDRAW_SECONDS + 1


@pytest.mark.parametrize("columns", [8, 20, 32, 45, 60, 80, 200])
def test_progress_line_never_exceeds_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, columns: int
) -> None:
    terminal = on_terminal(monkeypatch)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((columns, 24)))
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100_000)
    clock = Clock()
    progress = Progress([str(path), "https://example.test/feed"], clock=clock)
    for article in articles(3000, str(path), "x" * 20):
        clock.now += 0.2
        progress.advance(article)
    progress.finish()
    shown = drawn(terminal.getvalue())
    assert shown and all(len(frame) < columns for frame in shown)
    if columns >= 80:
        assert re.fullmatch(
            r" 100% ━+ 3,000 articles · 2/2 files · \d+\.\d/s · ETA 0:00", shown[-1]
        )


def test_progress_without_a_known_size_is_a_count_and_a_rate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = on_terminal(monkeypatch)
    clock = Clock()
    progress = Progress(["https://example.test/feed"], clock=clock)
    for article in articles(30, "https://example.test/feed"):
        clock.now += 0.25
        progress.advance(article)
    last = drawn(terminal.getvalue())[-1]
    assert last == "  30 articles · 0/1 files · 4.0/s"
    unplanned = Progress(clock=clock)
    for _ in range(30):
        clock.now += 0.25
        unplanned.advance()
    assert drawn(terminal.getvalue())[-1] == "  30 articles · 4.0/s"


def test_progress_clear_erases_and_the_next_article_draws_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = on_terminal(monkeypatch)
    clock = Clock()
    progress = Progress(clock=clock)
    for article in articles(PROGRESS_AFTER):
        clock.now += 1
        progress.advance(article)
    assert terminal.getvalue().startswith(f"\r  {PROGRESS_AFTER} articles")
    progress.clear()
    assert terminal.getvalue().endswith("\r\x1b[K")
    before = terminal.getvalue()
    progress.clear()  # nothing on screen: nothing to erase
    assert terminal.getvalue() == before
    progress.advance()  # no time has passed, but the bar was erased
    assert drawn(terminal.getvalue())[-1].startswith(f"  {PROGRESS_AFTER + 1} articles")


def test_progress_falls_back_to_ascii(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stream = AsciiTerminal()
    monkeypatch.setattr(sys, "stderr", stream)
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    clock = Clock()
    progress = Progress([str(path)], clock=clock, columns=80)
    for article in articles(20, str(path), "x" * 20):
        clock.now += 1
        progress.advance(article)
    last = drawn(stream.getvalue())[-1]
    assert last.isascii()
    assert last == "  40% " + "#" * 12 + "-" * 18 + " 20 articles | 0/1 files | 1.0/s | ETA 0:30"
    assert choose_glyphs(None) == ASCII_GLYPHS and choose_glyphs("utf-8") == UNICODE_GLYPHS
    assert choose_glyphs("cp1252") == ASCII_GLYPHS and choose_glyphs("no-such") == ASCII_GLYPHS


def test_progress_render_bar_drops_what_does_not_fit() -> None:
    status = Status(1234, 0.45, 3, 7, 12.3, 83)
    assert render_bar(status, 100) == (
        "  45% " + "━" * 18 + "─" * 22 + " 1,234 articles · 3/7 files · 12.3/s · ETA 1:23"
    )
    # 50 columns: no room for the rate and the time left; the bar takes what is left.
    assert render_bar(status, 50) == (
        "  45% " + "━" * 7 + "╸" + "─" * 9 + " 1,234 articles · 3/7 files"
    )
    assert render_bar(status, 20) == "  45% 1,234 articles"
    assert render_bar(status, 10) == "  45% 1,23"
    assert render_bar(Status(5, 1.0, 1, 1, None, 4000), 80).endswith(" · ETA 1:06:40")


# -- off a terminal -----------------------------------------------------------------------------


def test_progress_off_a_terminal_adds_the_share_of_the_input(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10_000)
    missing = str(tmp_path / "missing.txt")  # left out of the plan; the reader reports it
    progress = Progress([missing, str(path)])
    for article in articles(2 * PLAIN_EVERY, str(path), "xxxx"):
        progress.advance(article)
    progress.finish()
    progress.clear()
    assert log.getvalue().splitlines() == [
        f"{PLAIN_EVERY} articles so far (40% of the input)",
        f"{2 * PLAIN_EVERY} articles so far (80% of the input)",
    ]
    assert "\r" not in log.getvalue() and "\x1b" not in log.getvalue()


def _fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    class Extractor:
        def __init__(self, settings: object = None) -> None:
            pass

        def extract(self, article: Article) -> Extraction:
            return Extraction(article=article)

    module = types.ModuleType("diplograph.nlp")
    module.Extractor = Extractor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diplograph.nlp", module)


def test_progress_cli_ingest_off_a_terminal_writes_plain_lines_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_nlp(monkeypatch)
    small = write_jsonl(tmp_path / "a.jsonl", 2, 5)
    large = write_jsonl(tmp_path / "b.jsonl", 2, 50)
    db = str(tmp_path / "t.db")
    quiet = CliRunner().invoke(cli, ["ingest", small, large, "--db", db])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == "" and quiet.stdout.startswith("4 articles into ")
    monkeypatch.setattr(progress_module, "PLAIN_EVERY", 1)
    again = CliRunner().invoke(cli, ["ingest", small, large, "--db", db])
    assert again.exit_code == 0, again.output
    lines = again.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"{n} articles so far" for n in range(1, 5)]
    shares = [int(re.findall(r"\((\d+)% of the input\)", line)[0]) for line in lines]
    assert shares == sorted(set(shares)) and shares[-1] < 100
    # The second file's first article: the whole first file is done.
    sizes = os.path.getsize(small), os.path.getsize(large)
    assert shares[1] < 100 * sizes[0] // sum(sizes) <= shares[2]
    assert "\r" not in again.stderr


def test_progress_cli_batch_off_a_terminal_writes_plain_lines_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_nlp(monkeypatch)
    inputs = [write_jsonl(tmp_path / "a.jsonl", 3, 5), write_jsonl(tmp_path / "b.jsonl", 2, 50)]
    out = tmp_path / "out.jsonl"
    command = ["batch", *inputs, "--processes", "1", "-o", str(out)]
    quiet = CliRunner().invoke(cli, command)
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == "" and quiet.stdout.startswith("5 articles into ")
    monkeypatch.setattr(progress_module, "PLAIN_EVERY", 2)
    again = CliRunner().invoke(cli, command)
    assert again.exit_code == 0, again.output
    lines = again.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["2 articles so far", "4 articles so far"]
    shares = [int(re.findall(r"\((\d+)% of the input\)", line)[0]) for line in lines]
    assert shares[0] < shares[1] < 100
    assert "\r" not in again.stderr
