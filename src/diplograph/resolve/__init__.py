"""Resolution across articles: one actor however it is spelled, one event however many report it.

Pure logic, no SQL: plain records in (``ActorMention``, ``Report``, ``ArticleProfile``), resolved
records out (``Entity``, ``Cluster``, ``Relation``) with the reasons for each decision. The
rules are data in ``resources/transliteration.json``, ``resources/offices.json`` and
``resources/related.json``; the organisation aliases are the extractor's
``nlp/resources/organizations.jsonl``.
"""

from __future__ import annotations

from diplograph.resolve.actors import (
    ActorMention,
    Entity,
    Link,
    blocking_keys,
    explain_link,
    resolve_actors,
)
from diplograph.resolve.events import Cluster, Party, Report, cluster_reports, outlet
from diplograph.resolve.names import match_names, parse_name, skeleton
from diplograph.resolve.offices import Office
from diplograph.resolve.related import ArticleProfile, Relation, rank_related

__all__ = [
    "ActorMention",
    "ArticleProfile",
    "Cluster",
    "Entity",
    "Link",
    "Office",
    "Party",
    "Relation",
    "Report",
    "blocking_keys",
    "cluster_reports",
    "explain_link",
    "match_names",
    "outlet",
    "parse_name",
    "rank_related",
    "resolve_actors",
    "skeleton",
]
