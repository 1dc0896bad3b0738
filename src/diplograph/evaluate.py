"""Score extractions against hand-written gold, and say what went wrong where.

The matching rules are exactly those of the reference scorer, ``../shared/eval/score.py``
(CONTRACT.md, "How the scorer matches"), so that the figures agree to the last digit; they
live here because the package cannot depend on ``../shared`` at run time. Unlike the
reference, every miss and extra comes back as a typed ``Mismatch``, so that the CLI can
group them and work can go to the biggest class of error first.

    gold = load_gold("gold/dev.jsonl")
    report = score_records(gold, [x.to_dict() for x in extract_inputs(["dev.jsonl"])])
    report.figures["events_f1"], group_mismatches(report.errors)
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any

from diplograph.errors import UnreadableInputError, UsageError
from diplograph.models import EVENT_TYPES

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

# The figures score.py prints, in its order.
SUMMARY = (
    "articles_f1",
    "titles_acc",
    "published_acc",
    "persons_p",
    "persons_r",
    "persons_f1",
    "affiliation_acc",
    "events_p",
    "events_r",
    "events_f1",
    "events_lenient_f1",
    "status_acc",
    "date_acc",
)
_RATES = ("articles", "persons", "events", "events_lenient")
_COUNTS = (
    "affiliation_ok",
    "articles_gold",
    "articles_sys",
    "articles_tp",
    "date_n",
    "date_ok",
    "events_gold",
    "events_lenient_tp",
    "events_strict_tp",
    "events_sys",
    "persons_gold",
    "persons_sys",
    "persons_tp",
    "published_n",
    "published_ok",
    "status_ok",
    "titles_n",
    "titles_ok",
)
# Every name a ``--min`` bound may use.
FIGURES = frozenset(
    [f"{n}_{x}" for n in _RATES for x in ("p", "r", "f1")]
    + ["titles_acc", "published_acc", "affiliation_acc", "status_acc", "date_acc", *_COUNTS]
)

# The kinds of mismatch. The first six are the reference scorer's error lines; the others it
# only counts (in status_acc, date_acc, titles_acc, published_acc and articles_p).
KINDS = (
    "missing_article",
    "missed_person",
    "extra_person",
    "wrong_affiliation",
    "missed_event",
    "extra_event",
    "wrong_status",
    "wrong_date",
    "wrong_title",
    "wrong_published",
    "extra_article",
)


@dataclass(frozen=True)
class Mismatch:
    """One difference from the gold: its ``kind`` (one of ``KINDS``), article and detail.

    ``type`` is the gold (or, for an extra, the system) event type for the event kinds;
    ``gold`` and ``system`` are the two values that differ, where there are two.
    """

    kind: str
    doc: str
    detail: str
    type: str | None = None
    gold: str | None = None
    system: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """The figures of ``score.py``'s ``score()`` (same keys, same values) and the mismatches."""

    figures: dict[str, float]
    errors: list[Mismatch] = field(default_factory=list)


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


def _f1(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


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


# -- scoring --------------------------------------------------------------------------------


def load_gold(path: str) -> list[dict[str, Any]]:
    """The gold rows of a JSON-lines file (GUIDE.md); a file that cannot be used raises
    ``UnreadableInputError`` naming the line."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableInputError(f"cannot read the gold file: {reason}", source=path) from exc
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"the gold file is not UTF-8: {exc}", source=path) from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UnreadableInputError(f"line {number}: not JSON: {exc}", source=path) from exc
        if not isinstance(row, dict) or not isinstance(row.get("doc"), str):
            raise UnreadableInputError(f"line {number}: no 'doc' file name", source=path)
        for event in row.get("events") or []:
            if not isinstance(event.get("type"), str) or not isinstance(
                event.get("participants"), list
            ):
                raise UnreadableInputError(
                    f"line {number}: an event without 'type' or 'participants'", source=path
                )
        rows.append(row)
    return rows


def score_records(gold_rows: Sequence[Row], system_rows: Sequence[Row]) -> Report:
    """Score system rows (``Extraction.to_dict()`` records) against gold rows.

    ``figures`` equals the reference ``score()``'s figures; ``errors`` holds the
    reference's error lines as ``Mismatch`` records, then status, date, title and
    publication mismatches and extra articles, which it only counts.
    """
    system = {doc_key(r): r for r in system_rows}
    by_file: dict[str, list[Row]] = defaultdict(list)
    for r in system_rows:
        by_file[PurePath(str(r.get("source", ""))).name].append(r)
    counts: dict[str, int] = defaultdict(int)
    errors: list[Mismatch] = []
    gold_keys = [gold_key(g["doc"]) for g in gold_rows]
    gold_files = {key.split("#")[0] for key in gold_keys}
    for name in gold_files:
        counts["articles_gold"] += sum(1 for key in gold_keys if key.startswith(name + "#"))
        counts["articles_sys"] += len(by_file.get(name, []))
    for key, g in zip(gold_keys, gold_rows, strict=True):
        s = system.get(key)
        if s is None:
            errors.append(Mismatch("missing_article", key, "no article"))
            s = {}
        else:
            counts["articles_tp"] += 1
            errors += _score_header(key, g, s, counts)
        errors += _score_persons(key, g, s, counts)
        errors += _score_events(key, g, s, counts)
    errors += _extra_articles(gold_keys, gold_files, system_rows)
    return Report(_figures(counts), errors)


def _score_header(key: str, g: Row, s: Row, counts: dict[str, int]) -> list[Mismatch]:
    out = []
    if g.get("title"):
        counts["titles_n"] += 1
        ok = same_name(g["title"], s.get("title"))
        counts["titles_ok"] += ok
        if not ok:
            detail = f"{g['title']!r} != {s.get('title')!r}"
            out.append(Mismatch("wrong_title", key, detail, None, g["title"], s.get("title")))
    if g.get("published"):
        counts["published_n"] += 1
        published = str(s.get("published") or "")
        ok = published.startswith(g["published"])
        counts["published_ok"] += ok
        if not ok:
            detail = f"{g['published']} != {published or None}"
            out.append(
                Mismatch("wrong_published", key, detail, None, g["published"], published or None)
            )
    return out


def _where(person: Row) -> str | None:
    return _text(person.get("country") or person.get("org"))


def _score_persons(key: str, g: Row, s: Row, counts: dict[str, int]) -> list[Mismatch]:
    gp, sp = g.get("persons") or [], s.get("persons") or []
    pairs = match_persons(gp, sp)
    counts["persons_gold"] += len(gp)
    counts["persons_sys"] += len(sp)
    counts["persons_tp"] += len(pairs)
    counts["affiliation_ok"] += sum(affiliation_ok(a, b) for a, b in pairs)
    hit_g, hit_s = {id(a) for a, _ in pairs}, {id(b) for _, b in pairs}
    out = [
        Mismatch("missed_person", key, f"{p['name']} ({_where(p)})", gold=p["name"])
        for p in gp
        if id(p) not in hit_g
    ]
    out += [
        Mismatch("extra_person", key, f"{p.get('name')} ({_where(p)})", system=p.get("name"))
        for p in sp
        if id(p) not in hit_s
    ]
    out += [
        Mismatch(
            "wrong_affiliation",
            key,
            f"{a['name']}: {_where(a)} != {_where(b)}",
            gold=_where(a),
            system=_where(b),
        )
        for a, b in pairs
        if not affiliation_ok(a, b)
    ]
    return out


def _score_events(key: str, g: Row, s: Row, counts: dict[str, int]) -> list[Mismatch]:
    ge = [e for e in g.get("events") or [] if e["type"] in TYPES]
    se = [e for e in s.get("events") or [] if e.get("type") in TYPES]
    counts["events_gold"] += len(ge)
    counts["events_sys"] += len(se)
    counts["events_lenient_tp"] += len(match_events(ge, se, g.get("persons") or [], True))
    pairs = match_events(ge, se, g.get("persons") or [], False)
    counts["events_strict_tp"] += len(pairs)
    dated = [(a, b) for a, b in pairs if a.get("date")]
    bad_status = [(a, b) for a, b in pairs if a.get("status", "occurred") != b.get("status")]
    bad_date = [(a, b) for a, b in dated if not str(b.get("date") or "").startswith(a["date"])]
    counts["status_ok"] += len(pairs) - len(bad_status)
    counts["date_n"] += len(dated)
    counts["date_ok"] += len(dated) - len(bad_date)
    out = [
        _differs("wrong_status", key, a, a.get("status", "occurred"), b.get("status"))
        for a, b in bad_status
    ]
    out += [_differs("wrong_date", key, a, a["date"], b.get("date")) for a, b in bad_date]
    hit_g, hit_s = {id(a) for a, _ in pairs}, {id(b) for _, b in pairs}
    out += [
        Mismatch("missed_event", key, f"{e['type']} {e['participants']}", e["type"])
        for e in ge
        if id(e) not in hit_g
    ]
    out += [
        Mismatch("extra_event", key, f"{e.get('type')} {_sides(e)}", e.get("type"))
        for e in se
        if id(e) not in hit_s
    ]
    return out


def _differs(kind: str, key: str, event: Row, gold: Any, system: Any) -> Mismatch:
    detail = f"{event['type']} {event['participants']}: {gold} != {system}"
    return Mismatch(kind, key, detail, event["type"], _text(gold), _text(system))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _sides(event: Row) -> list[Any]:
    return [a.get("name") for a in event.get("participants") or []]


def _extra_articles(
    gold_keys: Sequence[str], gold_files: set[str], system_rows: Sequence[Row]
) -> list[Mismatch]:
    """System articles of a gold file that no gold line has (or a second time): they lower
    ``articles_p``."""
    wanted, seen, out = set(gold_keys), set(), []
    for r in system_rows:
        key = doc_key(r)
        if key.split("#")[0] not in gold_files:
            continue
        if key not in wanted or key in seen:
            out.append(Mismatch("extra_article", key, repr(r.get("title"))))
        seen.add(key)
    return out


def _figures(c: dict[str, int]) -> dict[str, float]:
    """The rates, then every count as a float, as the reference builds them."""
    out: dict[str, float] = {}
    for name, tp, ns, ng in (
        ("articles", c["articles_tp"], c["articles_sys"], c["articles_gold"]),
        ("persons", c["persons_tp"], c["persons_sys"], c["persons_gold"]),
        ("events", c["events_strict_tp"], c["events_sys"], c["events_gold"]),
        ("events_lenient", c["events_lenient_tp"], c["events_sys"], c["events_gold"]),
    ):
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = _f1(tp, ns, ng)
    out["titles_acc"] = c["titles_ok"] / c["titles_n"] if c["titles_n"] else 1.0
    out["published_acc"] = c["published_ok"] / c["published_n"] if c["published_n"] else 1.0
    out["affiliation_acc"] = c["affiliation_ok"] / c["persons_tp"] if c["persons_tp"] else 0.0
    out["status_acc"] = c["status_ok"] / c["events_strict_tp"] if c["events_strict_tp"] else 0.0
    out["date_acc"] = c["date_ok"] / c["date_n"] if c["date_n"] else 1.0
    out.update({k: float(v) for k, v in sorted(c.items())})
    return out


# -- reporting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MismatchGroup:
    """The mismatches of one kind, with a count per event type where they have one."""

    kind: str
    items: tuple[Mismatch, ...]

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ")

    @property
    def by_type(self) -> list[tuple[str, int]]:
        """(event type, count), the most frequent first; empty for kinds without a type."""
        counted = Counter(m.type for m in self.items if m.type)
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))


def group_mismatches(errors: Iterable[Mismatch]) -> list[MismatchGroup]:
    """Mismatches by kind, the biggest group first (ties in ``KINDS`` order)."""
    groups: dict[str, list[Mismatch]] = defaultdict(list)
    for error in errors:
        groups[error.kind].append(error)
    order = sorted(groups, key=lambda k: (-len(groups[k]), KINDS.index(k)))
    return [MismatchGroup(kind, tuple(groups[kind])) for kind in order]


def format_figures(figures: Mapping[str, float]) -> list[str]:
    """The lines ``score.py`` prints: each summary figure with three decimals."""
    return [f"{key:18} {figures[key]:.3f}" for key in SUMMARY]


def format_mismatches(errors: Iterable[Mismatch]) -> list[str]:
    """A head line per kind, biggest first ("missed event: 3 (MEETING 2, VISIT 1)"), each
    followed by its mismatches, one a line."""
    lines: list[str] = []
    for group in group_mismatches(errors):
        types = ", ".join(f"{t} {n}" for t, n in group.by_type)
        lines.append(f"{group.label}: {len(group.items)}" + (f" ({types})" if types else ""))
        lines += [f"  {m.doc}: {m.detail}" for m in group.items]
    return lines


def report_json(report: Report, errors: bool = True) -> dict[str, Any]:
    """The figures and (with ``errors``) the grouped mismatches, ready for ``json.dumps``."""
    out: dict[str, Any] = {"figures": report.figures}
    if errors:
        out["errors"] = [
            {
                "kind": group.kind,
                "count": len(group.items),
                "by_type": dict(group.by_type),
                "items": [m.to_dict() for m in group.items],
            }
            for group in group_mismatches(report.errors)
        ]
    return out


def parse_bound(
    text: str,
    metrics: Collection[str] = FIGURES,
    example: str = "events_f1=0.8",
    choices: str = f"{', '.join(SUMMARY)}, ...",
) -> tuple[str, float]:
    """``METRIC=VALUE`` as (metric, value); raises ``UsageError`` for an unknown metric."""
    metric, sep, value = text.partition("=")
    try:
        bound = float(value) if sep else None
    except ValueError:
        bound = None
    if bound is None:
        raise UsageError(f"{text!r} is not METRIC=VALUE (e.g. {example})")
    if metric not in metrics:
        raise UsageError(f"unknown metric {metric!r}; one of {choices}")
    return metric, bound


def missed_bounds(figures: Mapping[str, float], bounds: Iterable[tuple[str, float]]) -> list[str]:
    """``"events_f1 0.893 < 0.9"`` for each bound the figures fall below."""
    return [
        f"{metric} {figures.get(metric, 0.0):.3f} < {bound:g}"
        for metric, bound in bounds
        if figures.get(metric, 0.0) < bound
    ]
