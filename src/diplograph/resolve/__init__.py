"""Resolution across articles: one actor however it is spelled, one event however many report it.

Pure logic, no SQL: plain records in (``Mention``, ``Report``, ``ArticleProfile``), resolved
records out (``Entity``, ``Cluster``, ``Relation``) with the reasons for each decision. The
rules are data in ``resources/transliteration.json`` and ``resources/offices.json``; the
organisation aliases are the extractor's ``nlp/resources/organizations.jsonl``.
"""

from __future__ import annotations

from diplograph.resolve.actors import (
    Entity,
    Link,
    Mention,
    blocking_keys,
    explain_link,
    resolve_actors,
)
from diplograph.resolve.names import match_names, parse_name, skeleton
from diplograph.resolve.offices import Office

__all__ = [
    "Entity",
    "Link",
    "Mention",
    "Office",
    "blocking_keys",
    "explain_link",
    "match_names",
    "parse_name",
    "resolve_actors",
    "skeleton",
]
