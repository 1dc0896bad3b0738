"""The web UI and JSON API (docs/web.md): ``create_app(db)`` builds the FastAPI app,
``serve(db, host, port)`` runs it. Read-only: nothing a request does writes to the store.

    web/app.py      create_app: the store, the limits and security headers, the routers
    web/errors.py   one JSON error shape for every error; is_api(request)
    web/deps.py     get_store (read-only, per request) and event_filter, shared with the pages
    web/api.py      the JSON API under /api; web/schemas.py its response models
    web/pages.py    the HTML pages (when present)
"""

from __future__ import annotations

from diplograph.web.app import create_app
from diplograph.web.server import serve

__all__ = ["create_app", "serve"]
