"""What ``diplograph watch`` follows and how often: the sources file and ``--every``.

A sources file holds one source a line: an http(s) URL (an RSS/Atom feed or a page) or a
local path (a folder, a file or a glob pattern). Blank lines and ``#`` comments (a whole
line, or after a space) are skipped; a relative path is read from the file's own folder,
so that cron, which starts elsewhere, finds the same folders.
"""

from __future__ import annotations

import re
from pathlib import Path

from diplograph.errors import UnreadableInputError, UsageError
from diplograph.ingest.files import is_url

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_COMMENT = re.compile(r"(?:^|\s)#.*$")


def read_sources(path: str) -> list[str]:
    """The sources listed in ``path``, in order, each once; ``UnreadableInputError`` when
    the file cannot be read or lists none."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UnreadableInputError(f"cannot read the sources file: {reason}", source=path) from exc
    folder = Path(path).parent
    sources: list[str] = []
    for line in text.splitlines():
        spec = _COMMENT.sub("", line).strip()
        if not spec:
            continue
        if not is_url(spec) and not Path(spec).expanduser().is_absolute():
            spec = str(folder / spec)
        elif not is_url(spec):
            spec = str(Path(spec).expanduser())
        if spec not in sources:
            sources.append(spec)
    if not sources:
        raise UnreadableInputError("the sources file lists no source", source=path)
    return sources


def parse_interval(text: str) -> float:
    """Seconds in an interval such as ``30s``, ``30m``, ``2h``, ``1d`` (a bare number is
    seconds); ``UsageError`` for anything else or zero."""
    found = _INTERVAL.match(text)
    if found is None or float(found[1]) <= 0:
        raise UsageError(f"not an interval: {text!r} (write e.g. 30s, 30m, 2h)")
    return float(found[1]) * _UNIT_SECONDS[found[2].lower()]
