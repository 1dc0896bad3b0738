"""What ``diplograph watch`` remembers between rounds: a small JSON file beside the database.

For each URL: the ``ETag`` and ``Last-Modified`` its server sent and a SHA-256 of the body
(for servers that answer 200 with the same bytes); for each local file: its modification
time and size. A source's entry is written only once all its articles are stored, so a
round cut short, or a source that failed, is fetched again in full next round.

Why a file and not a table in the store: this is a cache of validators, not data. Losing it
costs one full fetch of each source and nothing else (articles are stored once by their
content id whatever is fetched), so it stays out of the user's database, needs no schema
migration on SQLite and PostgreSQL, and is safe to delete. It is written whole to a
temporary file and renamed, so a kill leaves the old or the new state, never half of one.
While a watch runs it holds a lock on ``STATE.lock`` (Unix), so that a cron round that
starts while the last one still runs stops at once instead of fetching everything twice.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from diplograph.errors import StoreError
from diplograph.store import SQLiteStore, Store

VERSION = 1
SUFFIX = ".watch.json"
# For a store that is not a file (PostgreSQL): in the working directory.
DEFAULT_PATH = "diplograph.watch.json"


def state_path(store: Store) -> Path:
    """The state file of a store: ``DB.watch.json`` beside an SQLite file, else
    ``./diplograph.watch.json``."""
    if isinstance(store, SQLiteStore):
        return Path(store.location + SUFFIX)
    return Path(DEFAULT_PATH)


class WatchState:
    """Validators per URL and signatures per file; ``save`` writes them to ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.http: dict[str, dict[str, Any]] = {}
        self.files: dict[str, list[int]] = {}
        # Why an existing file was not used, for the caller to report; None when all is well.
        self.problem: str | None = None

    @classmethod
    def load(cls, path: Path) -> WatchState:
        """The state kept in ``path``; a fresh one (with ``problem`` set) when unreadable."""
        state = cls(path)
        if not path.exists():
            return state
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != VERSION:
                raise ValueError("not a watch state file of this version")
            state.http = dict(data.get("http") or {})
            state.files = {name: list(sig) for name, sig in (data.get("files") or {}).items()}
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            state.problem = f"{path}: unreadable watch state ({exc}); every source is read afresh"
        return state

    def save(self) -> None:
        """Write the state atomically (a temporary file renamed over the old one)."""
        data = {"version": VERSION, "http": self.http, "files": self.files}
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=".watch-", suffix=".json", dir=self.path.parent
            )
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StoreError(
                f"cannot write the watch state: {reason}", source=str(self.path)
            ) from exc
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold ``STATE.lock`` while watching; ``StoreError`` when another watch holds it."""
        try:
            import fcntl
        except ImportError:  # not Unix: no lock, two watches only fetch twice
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            handle = open(lock_path, "a+")  # noqa: SIM115 - held open for the whole run
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = f"cannot open the watch lock: {reason}"
            raise StoreError(message, source=str(lock_path)) from exc
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise StoreError(
                    "another diplograph watch is running on this state file", source=str(lock_path)
                ) from None
            yield
