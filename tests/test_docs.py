"""The docs cover the CLI: a new command or option cannot land undocumented.

As datasette does with its ``--help`` in the docs: ``docs/cli.md`` is every command's help,
written by ``make docs``, and must match the commands; every command is also shown in the
README, and every option is named somewhere in the README or the hand-written docs.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from diplograph.cli import cli
from diplograph.cli.reference import command_help, command_paths, reference

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "cli.md"
COMMANDS = [path for path, command in command_paths(cli) if not isinstance(command, click.Group)]


def _prose() -> str:
    """The README and the hand-written docs (not the generated reference)."""
    docs = sorted(p for p in (ROOT / "docs").glob("*.md") if p != REFERENCE)
    return "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *docs])


def _options(path: tuple[str, ...]) -> list[click.Option]:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def test_docs_reference_matches_the_commands() -> None:
    written = REFERENCE.read_text(encoding="utf-8")
    assert written == reference(cli), (
        "docs/cli.md differs from the commands' --help: run `make docs` and commit it"
    )


def test_docs_reference_has_every_command_and_option() -> None:
    written = REFERENCE.read_text(encoding="utf-8")
    for path in COMMANDS:
        title = f"## diplograph {' '.join(path)}\n"
        assert title in written, f"docs/cli.md has no section {title.strip()!r}"
        section = written.split(title, 1)[1].split("\n## ", 1)[0]
        for option in _options(path):
            for name in option.opts + option.secondary_opts:
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", section), (
                    f"docs/cli.md: diplograph {' '.join(path)} does not show {name}"
                )


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_docs_every_option_says_what_it_does(path: tuple[str, ...]) -> None:
    for option in _options(path):
        assert option.help and option.help.strip(), (
            f"diplograph {' '.join(path)} {option.opts[0]} has no help text"
        )
    assert command_help(cli, path).count("\n") > 3


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_docs_readme_shows_every_command(path: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    call = "diplograph " + " ".join(path)
    assert re.search(rf"{re.escape(call)}(?![\w-])", readme), f"the README never shows `{call}`"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_docs_prose_names_every_option(path: tuple[str, ...]) -> None:
    prose = _prose()
    for option in _options(path):
        names = [n for n in option.opts + option.secondary_opts if n.startswith("--")]
        if names == ["--help"]:
            continue
        assert any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", prose) for n in names), (
            f"neither the README nor docs/ name diplograph {' '.join(path)} {names[0]}"
        )


def test_docs_reference_is_found_from_the_readme() -> None:
    assert "docs/cli.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_lists_every_input_format() -> None:
    from diplograph.ingest import FORMATS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    forced = re.search(r"`--input-format ([\w|]+)` forces it", readme)
    assert forced, "the README does not say which --input-format values there are"
    assert forced[1].split("|") == list(FORMATS)
    for fmt in FORMATS:
        assert f"\n  - `{fmt}`: " in readme, f"the README does not say what `{fmt}` reads"


def test_docs_package_license_is_an_spdx_expression() -> None:
    # setuptools warns on every install about `license = { text = ... }` (a table).
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)
    requires = project["build-system"]["requires"]
    assert any(re.fullmatch(r"setuptools>=(7[7-9]|[89]\d|\d{3,})(\.\d+)*", r) for r in requires)
