"""The JSON API's response cache and HTTP validators (issue 15).

``ResponseCache`` is an ASGI middleware in front of ``/api``: a GET whose path and query
(normalised: parameters sorted) were answered before, while the store has not changed,
gets the stored answer without reaching a handler, and an ``If-None-Match`` naming its
ETag a 304. Only 200 answers are kept, at most ``MAX_ENTRIES`` of them and ``MAX_BYTES``
in all (least recently used out first), and none over ``MAX_BODY`` bytes. While one
request makes an answer, the others asking the same question wait for it rather than make
it again.

Whether the store changed is read on every request, before the cache is consulted, from
``StoreVersion``: for an SQLite file, the file's identity (a new file at the same path is
another store) and ``PRAGMA data_version`` on one read-only connection of its own, which
changes whenever another connection commits (an ingest); for PostgreSQL, the store's
writes counter (``PostgresStore.writes``: every save and resolve moves it on in the
transaction that writes), read on a read-only connection of its own. A request that starts
after a commit therefore never gets an answer computed before it. A store with no such
token (or whose server cannot be reached) is not cached.

Every answer through it carries ``Cache-Control: no-cache`` (a browser or proxy may keep
it, but asks again with the ETag) and, for a 200, its ``ETag``.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import anyio
import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diplograph.errors import DiplographError
from diplograph.store import Store, default_target, file_identity, open_store, sqlite_path

MAX_ENTRIES = 1024
MAX_BODY = 4 << 20  # bytes: a bigger answer is sent, not kept
MAX_BYTES = 64 << 20  # bytes of all kept answers together
PREFIX = "/api/"
KEPT_HEADERS = ("content-type",)
RETRY_SECONDS = 5.0


class StoreVersion:
    """A token that changes whenever the store's data may have changed; None when there is
    none to be had (then nothing is cached)."""

    def __init__(self, target: str) -> None:
        try:
            self.path = sqlite_path(target)
        except DiplographError:
            self.path = None
        self.target = target
        self.lock = threading.Lock()
        self.conn: sqlite3.Connection | None = None
        self.identity: tuple[int, int] | None = None
        self.server: Store | None = None
        self.retry_at = 0.0  # time.monotonic() before which a failed server is not retried

    def token(self) -> tuple[int, int, int] | None:
        if self.path is None:
            return self.server_token()
        identity = file_identity(self.path)
        if identity is None:
            return None
        with self.lock:
            if self.conn is None or identity != self.identity:
                if self.conn is not None:
                    self.conn.close()
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"  # as the store's
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
                self.identity = identity
            try:
                (version,) = self.conn.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                return None
        return (*identity, int(version))

    def close(self) -> None:
        with self.lock:
            for opened in (self.conn, self.server):
                if opened is not None:
                    opened.close()
            self.conn = self.server = None

    def server_token(self) -> tuple[int, int, int] | None:
        """A database server's identity and writes counter, on a connection kept for it;
        after a failed connection, none for ``RETRY_SECONDS`` (no caching meanwhile)."""
        with self.lock:
            if time.monotonic() < self.retry_at:
                return None
            try:
                if self.server is None or not self.server.usable():
                    if self.server is not None:
                        self.server.close()
                    self.server = None
                    self.server = open_store(self.target, create=False, read_only=True)
                writes = self.server.writes()
            except DiplographError:
                self.retry_at = time.monotonic() + RETRY_SECONDS
                return None
        return None if writes is None else (1, *writes)


@dataclass(frozen=True)
class Entry:
    token: tuple[int, int, int]
    etag: str
    headers: list[tuple[bytes, bytes]]
    body: bytes


def cache_key(scope: Scope) -> str:
    """The path and its query with the parameters in one order (their values kept)."""
    query = scope.get("query_string", b"").decode("latin-1")
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return f"{scope['path']}?{urlencode(pairs)}"


class ResponseCache:
    """See the module docstring."""

    def __init__(self, app: ASGIApp, target: str | None = None) -> None:
        self.app = app
        self.version = StoreVersion(target or default_target())
        self.limiter = anyio.CapacityLimiter(1)  # the token reads share one connection
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.size = 0  # bytes of the kept bodies
        self.lock = threading.Lock()
        # the answers being made now: key -> (store token, set when made); event loop only
        self.making: dict[str, tuple[tuple[int, int, int], asyncio.Event]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, self.closing(receive), send)
            return
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        token = None
        if scope["method"] == "GET":  # a server's token is a round trip: not on the loop
            token = (
                self.version.token()
                if self.version.path is not None
                else await anyio.to_thread.run_sync(self.version.token, limiter=self.limiter)
            )
        if token is None:
            await self.app(scope, receive, send_uncached(send))
            return
        key = cache_key(scope)
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry.token == token:
                self.entries.move_to_end(key)
            else:
                entry = None
        if entry is None:
            entry = await self.awaited(key, token)  # the same answer being made now
        if entry is not None:
            await answer(entry, Headers(scope=scope).get("if-none-match"), send)
            return
        done = asyncio.Event()
        self.making[key] = (token, done)
        try:
            await self.app(scope, receive, self.keeping(key, token, send))
        finally:
            if self.making.get(key, (None, None))[1] is done:
                del self.making[key]
            done.set()

    def closing(self, receive: Receive) -> Receive:
        """``receive`` that closes the store version's connections when the app shuts down."""

        async def watched() -> Message:
            message = await receive()
            if message["type"] == "lifespan.shutdown":
                self.version.close()
            return message

        return watched

    async def awaited(self, key: str, token: tuple[int, int, int]) -> Entry | None:
        """The answer another request is making for ``key`` with the same store, once made
        (so that a burst of one new question runs its handler once); None when there is
        none, or it was not kept."""
        making = self.making.get(key)
        if making is None or making[0] != token:
            return None
        await making[1].wait()
        with self.lock:
            entry = self.entries.get(key)
        return entry if entry is not None and entry.token == token else None

    def keep(self, key: str, entry: Entry) -> None:
        """Keep ``entry`` for ``key``; drop the least recently used past the limits."""
        old = self.entries.pop(key, None)
        self.size += len(entry.body) - (len(old.body) if old is not None else 0)
        self.entries[key] = entry
        while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    def keeping(self, key: str, token: tuple[int, int, int], send: Send) -> Send:
        """``send``, keeping a 200 answer for ``key`` as it goes out."""
        start: Message | None = None
        body: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return  # sent with the body, once its ETag is known
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            data = b"".join(body)
            headers = MutableHeaders(scope=start)
            headers["cache-control"] = "no-cache"
            if start["status"] == 200 and len(data) <= MAX_BODY:
                etag = f'"{hashlib.blake2b(data, digest_size=12).hexdigest()}"'
                headers["etag"] = etag
                kept = [(k, v) for k, v in start["headers"] if k.decode() in KEPT_HEADERS]
                with self.lock:
                    self.keep(key, Entry(token, etag, kept, data))
            await send(start)
            await send({"type": "http.response.body", "body": data})

        return keep


def send_uncached(send: Send) -> Send:
    """``send`` with ``Cache-Control: no-cache`` on the answer."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message)["cache-control"] = "no-cache"
        await send(message)

    return wrapped


async def answer(entry: Entry, if_none_match: str | None, send: Send) -> None:
    """A kept answer, or a 304 when the client has it already."""
    validators = {v.strip() for v in (if_none_match or "").split(",")}
    common = [(b"etag", entry.etag.encode()), (b"cache-control", b"no-cache")]
    if entry.etag in validators or "*" in validators:
        await send({"type": "http.response.start", "status": 304, "headers": common})
        await send({"type": "http.response.body", "body": b""})
        return
    length = [(b"content-length", str(len(entry.body)).encode())]
    headers = [*entry.headers, *common, *length]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": entry.body})
