"""The pinned code table: every event type coded, GUIDE.md's values, PLOVER's planned rule."""

from __future__ import annotations

import pytest

from diplograph.codes import code_event, load_table, table_version
from diplograph.errors import ResourceError
from diplograph.models import EVENT_TYPES

# GUIDE.md section 3: CAMEO code and Goldstein score of each type (ICEWS cameo-codes.csv).
GUIDE_CODES = {
    "MEETING": ("040", 1.0, "CONSULT"),
    "CALL": ("041", 1.0, "CONSULT"),
    "VISIT": ("042", 1.9, "CONSULT"),
    "MULTILATERAL": ("040", 1.0, "CONSULT"),
    "AGREEMENT": ("057", 8.0, "SUPPORT"),
    "INVITATION": ("036", 4.0, "AGREE"),
    "CREDENTIALS": ("050", 3.5, "SUPPORT"),
    "SYMPATHY": ("018", 3.4, "SYMPATHY"),
    "CONGRATULATION": ("051", 3.4, "SUPPORT"),
    "SUPPORT": ("051", 3.4, "SUPPORT"),
    "MISSION": ("050", 3.5, "SUPPORT"),
    "AID": ("070", 7.0, "AID"),
}


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_codes_every_type_has_the_guide_codes(event_type: str) -> None:
    codes = code_event(event_type)
    assert (codes.cameo, codes.goldstein, codes.plover_type) == GUIDE_CODES[event_type]
    assert codes.table_version == table_version() == load_table()["version"]


@pytest.mark.parametrize(
    ("event_type", "mode"),
    [("CALL", "phone"), ("VISIT", "visit"), ("MULTILATERAL", "multilateral"), ("MEETING", None)],
)
def test_codes_consult_modes(event_type: str, mode: str | None) -> None:
    assert code_event(event_type).plover_mode == mode


@pytest.mark.parametrize("status", ["planned", "intended"])
def test_codes_planned_meeting_and_visit_are_plover_agree(status: str) -> None:
    assert code_event("MEETING", status).plover_type == "AGREE"
    assert code_event("VISIT", status).plover_type == "AGREE"
    assert code_event("AGREEMENT", status).plover_type == "SUPPORT"


@pytest.mark.parametrize(
    ("variant", "cameo", "goldstein"),
    [("host", "043", 2.8), ("third_place", "044", 2.5), ("negotiation", "046", 7.0)],
)
def test_codes_meeting_variants(variant: str, cameo: str, goldstein: float) -> None:
    codes = code_event("MEETING", variant=variant)
    assert (codes.cameo, codes.goldstein) == (cameo, goldstein)
    assert code_event("CALL", variant=variant).cameo == "041"


def test_codes_unknown_type_is_a_resource_error() -> None:
    with pytest.raises(ResourceError, match="PARADE"):
        code_event("PARADE")
