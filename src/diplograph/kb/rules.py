"""The knowledge base's rule files (``kb/resources/``): word lists and tab-separated tables.

Each file says in its header comment what it decides and why; this module only reads them.
They are read on first use and kept (no work at import time).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from diplograph.errors import ResourceError

PACKAGE = "diplograph.kb"


def _text(name: str) -> str:
    """The text of one rule file, or a ResourceError naming it."""
    try:
        return (resources.files(PACKAGE) / "resources" / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read rule file: {exc.strerror}", source=name) from exc


def _rows(name: str) -> list[str]:
    """The lines of a rule file without comments (``#`` first) and blank lines."""
    lines = (line.rstrip("\n") for line in _text(name).splitlines())
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-entry-a-line rule file, stripped."""
    return tuple(line.strip() for line in _rows(name))


@cache
def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """A tab-separated rule file; each row padded to ``columns`` cells (missing cells "")."""
    rows = []
    for number, line in enumerate(_rows(name), start=1):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > columns:
            raise ResourceError(f"row {number} has more than {columns} columns", source=name)
        rows.append(tuple(cells + [""] * (columns - len(cells))))
    return tuple(rows)


def mapping(name: str) -> dict[str, str]:
    """A rule file whose first two columns are a key and its value (a third is the reason)."""
    return {row[0]: row[1] for row in table(name, 3)}
