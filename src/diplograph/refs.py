"""Article references as the CLI prints and reads them: the article id, or ``FILE#INDEX``.

``FILE`` may be the bare file name (when no other stored article has that name and index)
or any path to the file, relative or absolute: a reference matches a stored source that is
the same string, else the same resolved path, else one path that ends with the other (so
``samples/page.txt`` stored from one folder is found as ``/work/samples/page.txt``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import PurePath

from diplograph.errors import AmbiguousError, NotFoundError
from diplograph.store import Row

__all__ = ["file_refs", "find_article"]


def _bare(row: Row) -> str:
    return f"{os.path.basename(row['source'])}#{row['index']}"


def file_refs(rows: Sequence[Row]) -> dict[str, str]:
    """Each article id -> its shortest ``FILE#INDEX``: the bare file name when that names
    only this article among ``rows``, else the source as stored."""
    taken = Counter(_bare(r) for r in rows)
    return {
        r["id"]: _bare(r) if taken[_bare(r)] == 1 else f"{r['source']}#{r['index']}" for r in rows
    }


def _ends_with(path: str, tail: str) -> bool:
    parts, end = PurePath(os.path.normpath(path)).parts, PurePath(os.path.normpath(tail)).parts
    return len(end) <= len(parts) and parts[len(parts) - len(end) :] == end


def _same_file(file: str) -> list[Callable[[str], bool]]:
    """Tests of a stored source against ``file``, strictest first."""
    resolved = os.path.realpath(file)
    return [
        lambda s: s == file,
        lambda s: os.path.realpath(s) == resolved,
        lambda s: _ends_with(s, file) or _ends_with(file, s),
    ]


def find_article(rows: Sequence[Row], ref: str) -> str:
    """The id of the one article among ``rows`` that ``ref`` names; ``NotFoundError`` when
    none does, ``AmbiguousError`` when several do."""
    ref = ref.strip()
    if any(r["id"] == ref for r in rows):
        return ref
    unknown = NotFoundError(
        f"no article {ref!r}; give an article id or a FILE#INDEX (its `ref`), as "
        "`diplograph articles --format csv` shows them"
    )
    file, _, index = ref.rpartition("#")
    if not file or not index.isdigit():
        raise unknown
    at_index = [r for r in rows if str(r["index"]) == str(int(index))]
    for same in _same_file(file):
        found = [r for r in at_index if same(r["source"])]
        if len(found) == 1:
            return str(found[0]["id"])
        if found:
            sources = ", ".join(sorted(r["source"] for r in found))
            raise AmbiguousError(
                f"{ref!r} names {len(found)} articles ({sources}); "
                "give more of the path or an article id"
            )
    raise unknown
