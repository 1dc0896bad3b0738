"""An Atom 1.0 (RFC 4287) writer for the events feed, with ``xml.etree`` (escaping built in).

``atom_feed(feed, entries)`` returns the document as UTF-8 bytes. Characters XML 1.0 cannot
hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped from every text and
attribute first, so no stored text or filter value can make the document ill-formed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

__all__ = ["ATOM_NS", "Entry", "Feed", "atom_feed", "rfc3339", "xml_text"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Feed:
    """The feed's own metadata."""

    id: str
    title: str
    updated: datetime
    self_url: str
    alternate_url: str
    author: str = "diplograph"


@dataclass(frozen=True)
class Entry:
    """One entry: an event."""

    id: str
    title: str
    updated: datetime
    link: str
    summary: str
    author: str | None = None
    categories: tuple[str, ...] = ()


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", value)


def rfc3339(moment: datetime) -> str:
    """``moment`` as an Atom date (RFC 3339, UTC, ``Z``); a naive time is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _author(parent: ET.Element, name: str) -> None:
    _add(_add(parent, "author"), "name", name)


def atom_feed(feed: Feed, entries: Iterable[Entry]) -> bytes:
    """The Atom document of ``feed`` with ``entries`` in the order given."""
    root = ET.Element("feed", xmlns=ATOM_NS)
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    _add(root, "updated", rfc3339(feed.updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_url)
    _author(root, feed.author)
    _add(root, "generator", "diplograph")
    for entry in entries:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title)
        _add(element, "updated", rfc3339(entry.updated))
        _add(element, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.author:
            _author(element, entry.author)
        for term in entry.categories:
            _add(element, "category", term=term)
        _add(element, "summary", entry.summary, type="text")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
