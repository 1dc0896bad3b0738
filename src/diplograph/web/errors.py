"""Every error as one JSON shape, ``{"ok": false, "error": "message", "status": 404}``.

``install(app)`` replaces FastAPI's handlers so that nothing answers in another shape:

    HTTPException / Starlette's       its status (404 unknown path, 405 ...)
    RequestValidationError            422, "limit: Input should be less than or equal to 500"
    diplograph NotFoundError          404
    diplograph UsageError             400 (a bad filter value, as the CLI's exit 2)
    other DiplographError             500 with its message (the database cannot be read ...)
    any other exception               500 "internal error", logged, never a traceback

Paths under ``/api`` (and ``/openapi.json``) always get JSON (``is_api``). On other paths an
HTML front end may render the error itself: when ``app.state.render_html_error`` is a
``(request, status, message) -> Response`` (``create_app`` sets it from
``diplograph.web.pages.render_error`` when the pages define one), it answers instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from diplograph.errors import DiplographError, NotFoundError, UsageError

log = logging.getLogger("diplograph.web")
HtmlErrorRenderer = Callable[[Request, int, str], Response]
_MESSAGES = {404: "not found", 405: "method not allowed"}


def is_api(request: Request) -> bool:
    """True when ``request`` is for the JSON API, whose errors are always JSON."""
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def error_body(status: int, message: str) -> dict[str, Any]:
    """The error shape itself."""
    return {"ok": False, "error": message, "status": status}


def error_response(
    status: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """A JSON error response with that status."""
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def _answer(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    render: HtmlErrorRenderer | None = getattr(request.app.state, "render_html_error", None)
    if render is not None and not is_api(request):
        try:
            response = render(request, status, message)
        except Exception:  # a broken error page must not hide the error
            log.exception("rendering the HTML error page failed")
        else:
            response.headers.update(headers or {})
            return response
    return error_response(status, message, headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg"))
    return "; ".join(str(p) for p in parts) or "invalid request"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    message = detail or _MESSAGES.get(exc.status_code, "error")
    if exc.status_code == 404 and detail in (None, "Not Found"):
        message = f"nothing at {request.url.path}"
    return _answer(request, exc.status_code, message, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return _answer(request, 422, _validation_message(exc))


async def _diplograph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DiplographError)
    if isinstance(exc, NotFoundError):
        return _answer(request, 404, exc.message)
    if isinstance(exc, UsageError):
        return _answer(request, 400, exc.message)
    log.error("%s %s: %s", request.method, request.url.path, exc)
    return _answer(request, 500, exc.message)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error")


def install(app: FastAPI) -> None:
    """Make every error of ``app`` answer in the one shape."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DiplographError, _diplograph_error)
    app.add_exception_handler(Exception, _unexpected_error)
