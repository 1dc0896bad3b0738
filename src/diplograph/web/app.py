"""``create_app(db)``: the FastAPI app over one store, read-only.

Around every request a ``Guard`` (plain ASGI, outermost of the app's own layers):

- refuses what no read needs, before any handler runs, in the one JSON error shape: a
  method other than GET or HEAD (405, ``Allow: GET, HEAD``), a query string over
  ``MAX_QUERY_BYTES`` (414), a request body of any size (413);
- adds ``SECURITY_HEADERS`` to every response, errors included;
- answers HEAD as GET without the body (FastAPI routes a GET route for GET only);
- turns an exception that escapes everything else into a JSON 500, logged, no traceback.

The pages (``diplograph.web.pages.router``) are included when that module exists, with the
calendar, feeds and downloads beside them (``diplograph.web.feeds.router``), and ``/static``
is served from ``web/static`` when that directory exists.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import ModuleType

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diplograph.errors import SchemaError
from diplograph.store import default_target, open_store
from diplograph.web import api, deps, errors
from diplograph.web.cache import ResponseCache

MAX_QUERY_BYTES = 4096
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self';"
    " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
READ_METHODS = ("GET", "HEAD")
THREADS = 4  # handler threads per process (measured: 40, anyio's default, halves throughput)
STATIC_DIR = Path(__file__).resolve().parent / "static"
log = logging.getLogger("diplograph.web")


def _refusal(scope: Scope) -> tuple[int, str, dict[str, str]] | None:
    """Why a request is refused before it reaches a handler, or None."""
    method = scope["method"]
    if method not in READ_METHODS:
        return 405, f"{method} is not allowed: this server only reads", {"Allow": "GET, HEAD"}
    if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
        return 414, f"the query string is longer than {MAX_QUERY_BYTES} bytes", {}
    headers = Headers(scope=scope)
    length = headers.get("content-length", "0").strip()
    if "transfer-encoding" in headers or length not in ("", "0"):
        return 413, "request bodies are not accepted: no endpoint writes", {}
    return None


class Guard:
    """Limits, security headers and the last-resort 500 (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        head = scope["method"] == "HEAD"
        if head:  # answered as a GET whose body is dropped, for every GET route
            scope = {**scope, "method": "GET"}

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        refusal = _refusal(scope)
        if refusal is not None:
            status, message, headers = refusal
            await errors.error_response(status, message, headers)(scope, receive, send_secured)
            return
        try:
            await self.app(scope, receive, send_secured)
        except Exception:
            log.exception("%s %s failed", scope["method"], scope.get("path"))
            if started:
                raise
            await errors.error_response(500, "internal error")(scope, receive, send_secured)


def _open_once(target: str) -> None:
    """Check that the store opens read-only; bring an older schema up to date first."""
    try:
        open_store(target, create=False, read_only=True).close()
    except SchemaError:
        open_store(target, create=False).close()  # migrates, or says why it cannot
        open_store(target, create=False, read_only=True).close()


def _pages() -> ModuleType | None:
    """``diplograph.web.pages`` when it exists (the HTML side is optional)."""
    try:
        return importlib.import_module("diplograph.web.pages")
    except ModuleNotFoundError as exc:
        if exc.name != "diplograph.web.pages":
            raise
        return None


def create_app(db: str | None = None, *, cache: bool = True, threads: int = THREADS) -> FastAPI:
    """The web app over the store at ``db`` (default: ``$DIPLOGRAPH_DB`` or ./diplograph.db);
    ``cache=False`` leaves the JSON API's response cache (``web/cache.py``) out; ``threads``
    handlers run at once in a process (the reads hold the GIL: more threads than cores
    make each request slower, not more of them done).

    A missing or unreadable database is a ``StoreError`` here, before anything is served.
    """
    target = db or default_target()
    _open_once(target)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        deps.close_kept_stores(target)

    app = FastAPI(
        lifespan=lifespan,
        title="diplograph",
        summary="Diplomatic events read from press releases, as JSON (read-only).",
        version=_version(),
        docs_url=None,  # /docs is the pages' own: Swagger UI bundled from npm, no CDN (CSP)
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db = target
    errors.install(app)
    if cache:
        app.add_middleware(ResponseCache, target=target)  # inside Guard: added first
    app.add_middleware(Guard)
    app.include_router(api.router)
    pages = _pages()
    if pages is not None:
        app.include_router(pages.router)
        app.include_router(importlib.import_module("diplograph.web.feeds").router)
        app.include_router(importlib.import_module("diplograph.web.lists").router)
        render = getattr(pages, "render_error", None)
        if callable(render):
            app.state.render_html_error = render
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diplograph")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
