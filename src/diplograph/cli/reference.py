"""The CLI reference, ``docs/cli.md``: every command's ``--help``, written from the commands.

``make docs`` (``python -m diplograph.cli.reference docs/cli.md``) writes it;
``tests/test_docs.py`` fails when the file differs from what the commands say, so a new
command or option cannot land undocumented.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

# The help is wrapped at this width whatever the terminal, so the file is the same anywhere.
WIDTH = 88

HEADER = """\
# Command reference

Every command's `--help`, written by `make docs` from the commands themselves (do not edit:
`tests/test_docs.py` fails when this file and the commands differ). The README says how the
commands fit together; this file says everything each one takes.
"""


def command_paths(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``group`` with the names that call it, groups first, by name."""
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from command_paths(command, (*path, name))


def command_help(root: click.Group, path: tuple[str, ...]) -> str:
    """The ``--help`` text of the command at ``path`` under ``root``, ``WIDTH`` wide."""
    ctx = click.Context(
        root,
        info_name="diplograph",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **root.context_settings,
    )
    command: click.Command = root
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
        ctx = click.Context(
            command, parent=ctx, info_name=name, terminal_width=WIDTH, max_content_width=WIDTH
        )
    return command.get_help(ctx)


def reference(root: click.Group) -> str:
    """The whole of ``docs/cli.md``."""
    parts = [HEADER, "## diplograph\n", "```text\n" + command_help(root, ()) + "\n```\n"]
    for path, _ in command_paths(root):
        parts.append(f"## diplograph {' '.join(path)}\n")
        parts.append("```text\n" + command_help(root, path) + "\n```\n")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    """Write the reference to the file named in ``argv`` (standard output without one)."""
    from diplograph.cli import cli

    text = reference(cli)
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
