"""How the reference scorer matches: names, persons, affiliations, participants, events.

The rules of ``../shared/eval/score.py`` (CONTRACT.md, "How the scorer matches"), copied so
that a gold record meets a system one here exactly when it does there.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from diplograph.models import EVENT_TYPES

__all__ = [
    "CONSULT",
    "ISO3",
    "TYPES",
    "Row",
    "affiliation_ok",
    "covers",
    "doc_key",
    "gold_key",
    "match_events",
    "match_persons",
    "norm",
    "participant_ok",
    "same_name",
    "same_type",
]


Row = Mapping[str, Any]


CONSULT = frozenset({"MEETING", "CALL", "VISIT", "MULTILATERAL"})
TYPES = frozenset(EVENT_TYPES)
# ISO 3166-1 alpha-3, and XKX for Kosovo: the reference scorer's list, copied so that a gold
# participant counts as a country code exactly when it does there.
_ISO3_CODES = """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES
    BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE
    CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK
    DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB
    GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND
    IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN
    LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT
    MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
    NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU
    RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN
    SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA
    UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM XKX YEM ZAF ZMB ZWE
"""
ISO3 = frozenset(_ISO3_CODES.split())


# -- names ----------------------------------------------------------------------------------


def norm(text: str | None) -> str:
    """Case-, accent- and punctuation-free form of a name, as the reference scorer has it."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("organization", "organisation")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def same_name(a: str | None, b: str | None) -> bool:
    """Equal after ``norm``, or at least 0.9 alike."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def doc_key(record: Row) -> str:
    """``file.txt#N`` for a system record; N is its 1-based place in its source."""
    return f"{PurePath(str(record.get('source', ''))).name}#{int(record.get('index', 1))}"


def gold_key(doc: str) -> str:
    """A gold ``doc`` with its ``#N``; a bare file name is its first article."""
    return doc if "#" in doc else f"{doc}#1"


def _names(person: Row) -> list[str]:
    return [person.get("name", ""), *(person.get("aliases") or [])]


# -- matching -------------------------------------------------------------------------------


def match_persons(gold: Sequence[Row], system: Sequence[Row]) -> list[tuple[Row, Row]]:
    """Greedy in gold order: each gold person takes the first free system one sharing a name."""
    pairs: list[tuple[Row, Row]] = []
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and any(same_name(a, b) for a in _names(g) for b in _names(s)):
                pairs.append((g, s))
                used.add(i)
                break
    return pairs


def affiliation_ok(g: Row, s: Row) -> bool:
    """The gold country, else the gold org (by name or acronym); no affiliation is always ok."""
    if g.get("country"):
        return bool((s.get("country") or "") == g["country"])
    if g.get("org"):
        return same_name(g["org"], s.get("org")) or same_name(g["org"], s.get("org_name"))
    return True


def participant_ok(key: str, actor: Row, gold_persons: Sequence[Row]) -> bool:
    """Whether a system participant meets a gold one: an ISO3 code, a person or an org."""
    if key in ISO3:
        return bool((actor.get("country") or "") == key)
    for person in gold_persons:
        if any(same_name(key, n) for n in _names(person)):
            return actor.get("kind") == "person" and any(
                same_name(n, m) for n in _names(person) for m in _names(actor)
            )
    names = (
        [actor.get("org")]
        if actor.get("kind") == "person"
        else [
            actor.get("name"),
            actor.get("acronym"),
        ]
    )
    return any(same_name(key, n) for n in names)


def covers(gold_event: Row, sys_event: Row, gold_persons: Sequence[Row]) -> bool:
    """Every gold participant met by a distinct system one, and at most 2n+1 of those."""
    actors = list(sys_event.get("participants") or [])
    if len(actors) > 2 * len(gold_event["participants"]) + 1:
        return False
    used: set[int] = set()
    for key in gold_event["participants"]:
        hit = next(
            (
                i
                for i, a in enumerate(actors)
                if i not in used and participant_ok(key, a, gold_persons)
            ),
            None,
        )
        if hit is None:
            return False
        used.add(hit)
    return True


def same_type(g: str, s: str, lenient: bool) -> bool:
    """Equal types; with ``lenient``, any two of MEETING, CALL, VISIT, MULTILATERAL too."""
    return g == s or (lenient and g in CONSULT and s in CONSULT)


def match_events(
    gold: Sequence[Row], system: Sequence[Row], gold_persons: Sequence[Row], lenient: bool
) -> list[tuple[Row, Row]]:
    """Greedy in gold order: each gold event takes the first free system one of its type
    that covers its participants."""
    pairs: list[tuple[Row, Row]] = []
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if (
                i not in used
                and same_type(g["type"], s.get("type", ""), lenient)
                and covers(g, s, gold_persons)
            ):
                pairs.append((g, s))
                used.add(i)
                break
    return pairs
