"""``serve``: run the web app with uvicorn (``diplograph serve``)."""

from __future__ import annotations

import uvicorn

from diplograph.web.app import create_app


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store at ``db`` (default: ``$DIPLOGRAPH_DB`` or ./diplograph.db) until
    interrupted. A missing or unreadable database is a ``StoreError`` before anything runs."""
    app = create_app(db)
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False)
