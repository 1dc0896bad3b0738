"""Where extractions are kept: SQLite or PostgreSQL, behind one ``Store`` interface.

with open_store("events.db") as store:
    store.save(extraction)      # True when the article is new
    store.find_events(actor="Bakayev")

with open_store("postgresql://user@host:5432/events") as store:  # needs diplograph[postgres]
    ...
"""

from __future__ import annotations

import os
import re
from typing import Any

from diplograph.errors import StoreError
from diplograph.store.base import Row, Store
from diplograph.store.sqlite import SCHEMA_VERSION, SQLiteStore

DEFAULT_DB = "diplograph.db"
ENV_VAR = "DIPLOGRAPH_DB"
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<rest>.*)$")
_CREDENTIALS = re.compile(r"//[^@/]*@")

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "SCHEMA_VERSION",
    "PostgresStore",
    "Row",
    "SQLiteStore",
    "Store",
    "default_target",
    "file_identity",
    "open_store",
    "sqlite_path",
]

# What --db accepts, for help texts and error messages.
TARGET_FORMS = "a file path, sqlite:///ABSOLUTE/PATH or postgresql://USER@HOST:PORT/NAME"


def default_target() -> str:
    """The database used when none is named: ``$DIPLOGRAPH_DB``, else ``./diplograph.db``."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def sqlite_path(target: str) -> str | None:
    """The file an SQLite target names, None for another database URL.

    A plain path is itself; ``sqlite:///tmp/x.db`` is the absolute path ``/tmp/x.db``, as in
    a ``file:///`` URL (SQLAlchemy's ``sqlite:////tmp/x.db`` is the same file).
    """
    url = _URL.match(target)
    if url is None:
        return target
    if url["scheme"].lower() != "sqlite":
        return None
    rest = url["rest"]
    if not rest.startswith("/") or not rest.strip("/"):
        raise StoreError(
            "an sqlite URL names an absolute path (sqlite:///ABSOLUTE/PATH); "
            "give a relative path as it is",
            source=target,
        )
    return "/" + rest.lstrip("/")


def file_identity(target: str) -> tuple[int, int] | None:
    """(device, inode) of the SQLite file ``target`` names, so that a new file at the same
    path is told apart; None for a database server's URL, a bad URL or no file."""
    try:
        path = sqlite_path(target)
        if path is None:
            return None
        stat = os.stat(path)
    except (StoreError, OSError):
        return None
    return (stat.st_dev, stat.st_ino)


def open_store(target: str | None = None, *, create: bool = True, read_only: bool = False) -> Store:
    """Open the store at ``target``: a path, ``sqlite:///absolute/path`` or ``postgresql://...``.

    A ``postgresql://`` (or ``postgres://``) URL names an existing PostgreSQL database,
    whose schema is made or upgraded as an SQLite file's. With ``create=False`` a missing
    SQLite file is a ``StoreError`` instead of a new database.
    ``read_only`` opens an existing, up-to-date database so that nothing can write to it.
    """
    target = target or default_target()
    path = sqlite_path(target)
    if path is not None:
        return SQLiteStore(path, create=create, read_only=read_only)
    url = _URL.match(target)
    assert url is not None  # sqlite_path answers every target that is not a URL
    scheme = url["scheme"].lower()
    shown = _CREDENTIALS.sub("//***@", target)  # error lines must not print a password
    if scheme in ("postgresql", "postgres"):
        from diplograph.store.postgres import PostgresStore

        return PostgresStore(target, shown=shown, read_only=read_only)
    raise StoreError(f"unknown database URL scheme {scheme!r}", source=shown)


def __getattr__(name: str) -> Any:
    """``PostgresStore``, imported when first asked for: psycopg costs 0.2 s at every start
    of a command that opens an SQLite file otherwise."""
    if name == "PostgresStore":
        from diplograph.store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
