"""CAMEO code, Goldstein score and PLOVER type/mode of an event, from one pinned table.

The table is ``resources/codes.json``: its ``version`` travels with every coded event so
that figures from two releases of diplograph can be told apart.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from diplograph.errors import ResourceError
from diplograph.models import EVENT_TYPES, Codes

MEETING_VARIANTS = ("host", "third_place", "negotiation")


@lru_cache(maxsize=1)
def load_table() -> dict[str, Any]:
    """The pinned code table, read once."""
    try:
        text = resources.files("diplograph").joinpath("resources/codes.json").read_text("utf-8")
        table: dict[str, Any] = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot read the code table: {exc}", source="codes.json") from exc
    missing = set(EVENT_TYPES) - set(table.get("types", {}))
    if missing:
        raise ResourceError(f"no codes for {sorted(missing)}", source="codes.json")
    return table


def table_version() -> str:
    """The version string of the pinned table."""
    return str(load_table()["version"])


def code_event(event_type: str, status: str = "occurred", variant: str | None = None) -> Codes:
    """Codes for an event of ``event_type``; ``variant`` refines a MEETING (host, ...)."""
    table = load_table()
    row = table["types"].get(event_type)
    if row is None:
        raise ResourceError(f"unknown event type {event_type!r}", source="codes.json")
    cameo, goldstein = row["cameo"], float(row["goldstein"])
    if event_type == "MEETING" and variant in MEETING_VARIANTS:
        refined = table["meeting_variants"][variant]
        cameo, goldstein = refined["cameo"], float(refined["goldstein"])
    plover, mode = row["plover"], row["mode"]
    if status != "occurred" and event_type in table["planned_as_agree"]:
        plover = "AGREE"
    return Codes(
        cameo=cameo,
        goldstein=goldstein,
        plover_type=plover,
        plover_mode=mode,
        table_version=str(table["version"]),
    )
