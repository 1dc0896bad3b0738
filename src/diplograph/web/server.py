"""``serve``: run the web app with uvicorn (``diplograph serve``).

One process by default. ``workers`` > 1 runs that many processes on the same port (uvicorn's
workers): each builds its app from ``$DIPLOGRAPH_DB`` (``app_from_environment``), with its
own read-only connections and response cache; the cache of each is checked against the
store on every request, so none serves what another's store no longer says.
"""

from __future__ import annotations

import os

import uvicorn

from diplograph.store import ENV_VAR
from diplograph.web.app import create_app

ENV_CACHE = "DIPLOGRAPH_API_CACHE"  # "0": the workers serve without the response cache


def serve(
    db: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    cache: bool = True,
) -> None:
    """Serve the store at ``db`` (default: ``$DIPLOGRAPH_DB`` or ./diplograph.db) until
    interrupted. A missing or unreadable database is a ``StoreError`` before anything runs."""
    app = create_app(db, cache=cache)
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False)
        return
    os.environ[ENV_VAR] = app.state.db
    os.environ[ENV_CACHE] = "1" if cache else "0"
    uvicorn.run(
        "diplograph.web.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        server_header=False,
        proxy_headers=False,
    )


def app_from_environment() -> object:
    """The app of one worker process, over ``$DIPLOGRAPH_DB``."""
    return create_app(os.environ.get(ENV_VAR), cache=os.environ.get(ENV_CACHE, "1") != "0")
