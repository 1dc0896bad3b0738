"""Events out of a store in the formats other tools read: PLOVER JSON lines, GDELT 2.0-style
TSV, flat CSV or Parquet, full JSON lines, and the event network as GraphML or GEXF.

``export_events(store, fmt, path, filt)`` is the one entry point (the ``export`` command
calls it); the ``*_record``/``*_row`` functions turn one event row (``query.find_events``)
into one output record, and ``graphml_tree``/``gexf_tree`` one ``query.event_graph`` into
XML. GraphML and GEXF are written with ``xml.etree`` so that no graph library is needed.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from diplograph import query
from diplograph.errors import MissingExtraError, OutputError, UsageError
from diplograph.store import Row, Store

__all__ = [
    "EXPORT_FORMATS",
    "FLAT_COLUMNS",
    "GDELT_COLUMNS",
    "PLOVER_ENTITY_FIELDS",
    "PLOVER_FIELDS",
    "export_events",
    "flat_row",
    "formula_safe",
    "gdelt_row",
    "gexf_tree",
    "graphml_tree",
    "plover_record",
    "sector_of",
    "write_flat_csv",
]

EXPORT_FORMATS = ("plover", "gdelt", "csv", "parquet", "jsonl", "graphml", "gexf")

PLOVER_FIELDS = (
    "id",
    "date",
    "actor",
    "recipient",
    "event",
    "mode",
    "context",
    "text_info",
    "cite_info",
)
PLOVER_ENTITY_FIELDS = ("code", "sector", "title", "entity_text")

# Office title -> CAMEO/PLOVER sector (agent type); the first pattern that matches wins,
# so the diplomatic and legislative offices come before the bare "minister".
SECTORS: tuple[tuple[str, str], ...] = (
    (r"ambassador|charg[eé] d|consul|envoy|embassy|attach[eé]|diplomat", "DIP"),
    (r"permanent (?:representative|delegate)|special representative", "DIP"),
    (r"senate|parliament|mazhilis|majilis|speaker|senator|member of (?:the )?house", "LEG"),
    (r"general staff|armed forces|defen[cs]e minist|military|commander", "MIL"),
    (r"minister|president|prime|secretary of state|foreign secretary|chancellor", "GOV"),
    (r"governor|mayor|akim|head of (?:the )?(?:government|state)|king|emir|sultan", "GOV"),
    (r"chief executive|ceo|chairman of the board|company|business", "BUS"),
)
_SECTORS = tuple(
    (re.compile(rf"\b(?:{pattern})", re.IGNORECASE), code) for pattern, code in SECTORS
)


def _geo(prefix: str) -> list[str]:
    return [
        f"{prefix}Geo_{name}"
        for name in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ]


def _actor_columns(n: int) -> list[str]:
    names = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code")
    more = ("Religion2Code", "Type1Code", "Type2Code", "Type3Code")
    return [f"Actor{n}{name}" for name in names + more]


# The GDELT 2.0 event table, in its order (GDELT-Event_Codebook-V2.0).
GDELT_COLUMNS: tuple[str, ...] = (
    *("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"),
    *_actor_columns(1),
    *_actor_columns(2),
    *("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"),
    *("GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"),
    *_geo("Actor1"),
    *_geo("Actor2"),
    *_geo("Action"),
    *("DATEADDED", "SOURCEURL"),
)

FLAT_COLUMNS = (
    "id",
    "date",
    "type",
    "status",
    "place",
    "actor1_name",
    "actor1_country",
    "actor2_name",
    "actor2_country",
    "participants",
    "cameo",
    "goldstein",
    "plover",
    "num_sources",
    "num_articles",
    "url",
    "evidence",
)

Titles = dict[str, str]


def sector_of(title: str | None) -> str | None:
    """The sector (``GOV``, ``DIP``, ``LEG``, ``MIL``, ``BUS``) an office title implies."""
    if not title:
        return None
    return next((code for pattern, code in _SECTORS if pattern.search(title)), None)


def _sides(event: Row) -> tuple[Row | None, Row | None]:
    """Actor and recipient: the first two participants (for a meeting, its first two sides)."""
    parts = event.get("participants") or []
    return (parts[0] if parts else None, parts[1] if len(parts) > 1 else None)


def _code(part: Row) -> str | None:
    return part.get("country") or part.get("org")


def _entity(part: Row | None, titles: Titles) -> Row | None:
    if part is None:
        return None
    title = titles.get(part.get("actor_id") or "")
    sector = sector_of(title)
    if sector is None and part.get("kind") == "country":
        sector = "GOV"
    return {"code": _code(part), "sector": sector, "title": title, "entity_text": part["name"]}


def plover_record(event: Row, titles: Titles | None = None) -> Row:
    """One event as a PLOVER record (``PLOVER_FIELDS``); ``titles`` maps actor ids to the
    office the article gives them, for the ``sector`` and ``title`` of each side."""
    titles = titles or {}
    actor, recipient = _sides(event)
    codes = event.get("codes") or {}
    evidence = (event.get("evidence") or [{}])[0]
    return {
        "id": event["id"],
        "date": event.get("day"),
        "actor": _entity(actor, titles),
        "recipient": _entity(recipient, titles),
        "event": codes.get("plover_type"),
        "mode": codes.get("plover_mode"),
        "context": _plover_contexts(event.get("topics") or []),
        "text_info": {
            "text": evidence.get("text"),
            "start": evidence.get("start"),
            "end": evidence.get("end"),
        },
        "cite_info": {
            "url": event.get("article_url"),
            "title": event.get("article_title"),
            "published": event.get("article_published"),
        },
    }


def _quad_class(cameo: str) -> int | None:
    """GDELT's QuadClass from the CAMEO root: verbal/material cooperation/conflict (1-4)."""
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return next((q for q, top in ((1, 5), (2, 9), (3, 14), (4, 20)) if root <= top), None)


def _fraction_date(day: date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"


def _gdelt_actor(part: Row | None, titles: Titles) -> list[Any]:
    if part is None:
        return [None] * 10
    sector = (_entity(part, titles) or {})["sector"]
    country = part.get("country")
    code = (country or "") + (sector or "") or None
    return [code, part["name"], country, None, None, None, None, sector, None, None]


def _digits(text: str | None) -> str | None:
    found = "".join(ch for ch in text or "" if ch.isdigit())
    return found or None


def gdelt_row(event: Row, titles: Titles | None = None) -> list[Any]:
    """One event as a row of ``GDELT_COLUMNS``: filled where diplograph has the value
    (dates, actors' countries and sectors, CAMEO, Goldstein, counts, place, URL), else None."""
    titles = titles or {}
    codes = event.get("codes") or {}
    cameo = str(codes.get("cameo") or "")
    try:
        day = date.fromisoformat(event["day"]) if event.get("day") else None
    except ValueError:
        day = None
    actor, recipient = _sides(event)
    published = _digits(event.get("article_published"))
    row: list[Any] = [
        event["id"],
        day.strftime("%Y%m%d") if day else None,
        day.strftime("%Y%m") if day else None,
        day.year if day else None,
        _fraction_date(day) if day else None,
        *_gdelt_actor(actor, titles),
        *_gdelt_actor(recipient, titles),
        None,  # IsRootEvent: whether the event is in the lead paragraph is not kept
        cameo or None,
        cameo[:3] or None,
        cameo[:2] or None,
        _quad_class(cameo),
        codes.get("goldstein"),
        event.get("num_reports"),
        event.get("num_sources"),
        event.get("num_articles"),
        None,  # AvgTone
        *([None] * 16),  # actor geography: not kept
        *([None, event.get("place")] + [None] * 6),
        (published + "000000")[:14] if published else None,
        event.get("article_url"),
    ]
    return row


def _joined_participants(event: Row) -> str:
    return "; ".join(
        f"{p['name']} ({_code(p)})" if _code(p) else p["name"]
        for p in event.get("participants") or []
    )


def flat_row(event: Row) -> Row:
    """One event as a flat record of ``FLAT_COLUMNS`` (CSV, Parquet)."""
    actor, recipient = _sides(event)
    codes = event.get("codes") or {}
    return {
        "id": event["id"],
        "date": event.get("day"),
        "type": event.get("type"),
        "status": event.get("status"),
        "place": event.get("place"),
        "actor1_name": actor["name"] if actor else None,
        "actor1_country": _code(actor) if actor else None,
        "actor2_name": recipient["name"] if recipient else None,
        "actor2_country": _code(recipient) if recipient else None,
        "participants": _joined_participants(event),
        "cameo": codes.get("cameo"),
        "goldstein": codes.get("goldstein"),
        "plover": codes.get("plover_type"),
        "num_sources": event.get("num_sources"),
        "num_articles": event.get("num_articles"),
        "url": event.get("article_url"),
        "evidence": " ".join(e["text"] for e in event.get("evidence") or []),
    }


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GEXF_NS = "http://www.gexf.net/1.2draft"
_NODE_KEYS = (("label", "string"), ("kind", "string"), ("country", "string"), ("events", "int"))


def graphml_tree(graph: Row) -> ET.ElementTree:
    """``query.event_graph`` as GraphML: an undirected graph, nodes with ``label``, ``kind``,
    ``country`` and ``events``, edges with ``weight`` (events both sides are in)."""
    root = ET.Element("graphml", xmlns=_GRAPHML_NS)
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "node", "attr.name": name}).set(
            "attr.type", kind
        )
    ET.SubElement(
        root, "key", {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "double"}
    )
    body = ET.SubElement(root, "graph", id="events", edgedefault="undirected")
    for node in graph["nodes"]:
        element = ET.SubElement(body, "node", id=str(node["id"]))
        for name, _ in _NODE_KEYS:
            if node.get(name) is not None:
                ET.SubElement(element, "data", key=name).text = str(node[name])
    for i, edge in enumerate(graph["edges"]):
        element = ET.SubElement(
            body, "edge", id=f"e{i}", source=str(edge["source"]), target=str(edge["target"])
        )
        ET.SubElement(element, "data", key="weight").text = str(float(edge["weight"]))
    return ET.ElementTree(root)


def gexf_tree(graph: Row) -> ET.ElementTree:
    """``query.event_graph`` as GEXF 1.2: the same nodes and weighted edges as GraphML."""
    root = ET.Element("gexf", xmlns=_GEXF_NS, version="1.2")
    body = ET.SubElement(root, "graph", defaultedgetype="undirected", mode="static")
    attributes = ET.SubElement(body, "attributes", {"class": "node", "mode": "static"})
    for i, (name, kind) in enumerate(_NODE_KEYS[1:]):
        ET.SubElement(attributes, "attribute", id=str(i), title=name, type=kind)
    nodes = ET.SubElement(body, "nodes")
    for node in graph["nodes"]:
        element = ET.SubElement(nodes, "node", id=str(node["id"]), label=str(node["label"]))
        values = ET.SubElement(element, "attvalues")
        for i, (name, _) in enumerate(_NODE_KEYS[1:]):
            if node.get(name) is not None:
                ET.SubElement(values, "attvalue", {"for": str(i), "value": str(node[name])})
    edges = ET.SubElement(body, "edges")
    for i, edge in enumerate(graph["edges"]):
        ET.SubElement(
            edges,
            "edge",
            id=str(i),
            source=str(edge["source"]),
            target=str(edge["target"]),
            weight=str(float(edge["weight"])),
        )
    return ET.ElementTree(root)


class _Titles:
    """Actor id -> office title, read per article from the store once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.by_article: dict[str, Titles] = {}

    def of(self, event: Row) -> Titles:
        article_id = event.get("article_id") or ""
        if article_id not in self.by_article:
            article = self.store.get_article(article_id) or {}
            self.by_article[article_id] = {
                m["actor_id"]: m["title"] for m in article.get("mentions", []) if m.get("title")
            }
        return self.by_article[article_id]


def _write_lines(path: Path, records: Iterable[Row]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # GDELT files are plain tab-separated text: no quoting, so tabs and newlines inside a
    # value become spaces
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\t".join(header) + "\n")
        for row in rows:
            out.write("\t".join(_tsv_cell(v) for v in row) + "\n")


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """``value`` as a cell no spreadsheet runs: text opening with ``= + - @`` (or a tab or
    carriage return) gets a leading apostrophe; numbers and other text are kept as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_flat_csv(out: TextIO, events: Iterable[Row], *, safe: bool = False) -> int:
    """``events`` as CSV rows of ``FLAT_COLUMNS`` (a header row first) to ``out``; returns how
    many events were written. ``safe``: every text cell through ``formula_safe``, for a file
    an analyst opens in a spreadsheet (the web downloads)."""
    writer = csv.writer(out)
    writer.writerow(FLAT_COLUMNS)
    written = 0
    for event in events:
        row = flat_row(event)
        cells = ["" if row[c] is None else row[c] for c in FLAT_COLUMNS]
        writer.writerow([formula_safe(c) for c in cells] if safe else cells)
        written += 1
    return written


def _write_csv(path: Path, events: Iterable[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        write_flat_csv(out, events)


def _tsv_cell(value: Any) -> str:
    return "" if value is None else re.sub(r"[\t\r\n]+", " ", str(value))


def _write_parquet(path: Path, rows: list[Row]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is in the dev and parquet extras
        raise MissingExtraError("Parquet", "pyarrow", "parquet") from exc
    columns = {name: [row[name] for row in rows] for name in FLAT_COLUMNS}
    types = {"goldstein": pa.float64(), "num_sources": pa.int64(), "num_articles": pa.int64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in FLAT_COLUMNS])
    pq.write_table(pa.table(columns, schema=schema), str(path))


def export_events(
    store: Store,
    fmt: str,
    path: str | Path,
    filt: query.EventFilter | None = None,
    *,
    level: str = "country",
) -> int:
    """Write the events ``filt`` selects to ``path`` as ``fmt`` (``EXPORT_FORMATS``); returns
    how many records were written (events, or for ``graphml``/``gexf`` edges, at ``level``
    ``actor`` or ``country``)."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    target = Path(path)
    if fmt in ("graphml", "gexf"):
        graph = query.event_graph(store, filt, level=level)
        tree = graphml_tree(graph) if fmt == "graphml" else gexf_tree(graph)
        ET.indent(tree)
        try:
            tree.write(target, encoding="utf-8", xml_declaration=True)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc
        return len(graph["edges"])
    events = query.find_events(store, filt)
    titles = _Titles(store)
    writers: dict[str, Callable[[], None]] = {
        "plover": lambda: _write_lines(target, (plover_record(e, titles.of(e)) for e in events)),
        "jsonl": lambda: _write_lines(target, events),
        "gdelt": lambda: _write_tsv(
            target, GDELT_COLUMNS, (gdelt_row(e, titles.of(e)) for e in events)
        ),
        "csv": lambda: _write_csv(target, events),
        "parquet": lambda: _write_parquet(target, [flat_row(e) for e in events]),
    }
    try:
        writers[fmt]()
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc
    return len(events)


def _plover_contexts(topics: list[str]) -> list[str]:
    """``nlp.topics.plover_contexts``, imported when an export needs it (importing ``nlp``
    loads the pipeline's modules, which the read-only commands do without)."""
    from diplograph.nlp.topics import plover_contexts

    return plover_contexts(topics)
