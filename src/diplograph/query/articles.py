"""Articles: list, count and get them, name one by ``FILE#INDEX``, related ones, search."""

from __future__ import annotations

import re

from diplograph.errors import NotFoundError, UsageError
from diplograph.refs import file_refs, find_article
from diplograph.resolve.events import outlet
from diplograph.resolve.related import ArticleProfile, rank_related
from diplograph.store import Row, Store

__all__ = [
    "article_index",
    "article_ref",
    "count_articles",
    "get_article",
    "list_articles",
    "related",
    "search",
]


def related(store: Store, article_id: str, *, limit: int | None = 10) -> list[Row]:
    """The stored articles most related to ``article_id`` (an id or ``FILE#INDEX``, see
    ``article_ref``), best first, each with a score, the reasons (events both report, actors
    both name, shared topics, similar text) and its ``ref`` as ``list_articles`` gives it."""
    if limit is not None and limit < 1:
        raise UsageError("limit must be at least 1")
    profiles = [
        ArticleProfile(
            id=p["id"],
            title=p["title"],
            published=p["published"],
            text=p["text"],
            actors=p["actors"],
            events=p["events"],
            topics=frozenset(p["topics"]),
        )
        for p in store.article_profiles()
    ]
    stored = store.list_articles()
    refs = file_refs(stored)
    found = rank_related(find_article(stored, article_id), profiles, limit)
    return [{**r.to_dict(), "ref": refs.get(r.article_id, "")} for r in found]


def get_article(store: Store, article_id: str) -> Row:
    """One article with its text, the actors it names (``actors``: each name it gives one,
    with the resolved actor ``id`` and ``spans``, its occurrences in the text) and its events
    (``events``, each with its ``evidence`` sentences and their offsets in the text)."""
    found = store.get_article(article_id.strip())
    if found is None:
        raise NotFoundError(f"no article {article_id!r}; `diplograph articles` lists them")
    mentions = found.pop("mentions")
    taken: list[tuple[int, int]] = []
    found["actors"] = []
    for m in mentions:  # longest name first, so "Arman Tulegenov" wins over "Tulegenov"
        spans = []
        for hit in _name_pattern(m["name"]).finditer(found["text"]):
            if not any(hit.start() < end and start < hit.end() for start, end in taken):
                taken.append(hit.span())
                spans.append({"text": hit.group(), "start": hit.start(), "end": hit.end()})
        found["actors"].append({"id": m["entity_id"] or m["actor_id"], **m, "spans": spans})
    return found


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def search(store: Store, text: str, *, limit: int = 20) -> Row:
    """Articles (``id``, ``title``, ``published``, ``snippet``, ``marks``) and actors whose
    text, title or names hold every word of ``text``, best first; ``text`` is only words,
    never query syntax."""
    if limit < 1:
        raise UsageError("limit must be at least 1")
    return store.search(text, limit=limit)


def article_ref(store: Store, ref: str) -> str:
    """The id of the article ``ref`` names: its id, or ``FILE#INDEX`` with the bare file
    name or any path to the file (see ``diplograph.refs``)."""
    return find_article(store.list_articles(), ref)


def list_articles(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Stored articles, newest first, each with its number of events and ``ref``, the
    shortest ``FILE#INDEX`` that names it alone (``related`` takes it, or the ``id``)."""
    refs = file_refs(store.list_articles())
    return [{**a, "ref": refs[a["id"]]} for a in store.list_articles(limit=limit, offset=offset)]


def count_articles(store: Store) -> int:
    """How many articles ``list_articles`` lists, unpaged."""
    return store.count_articles()


def article_index(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """Stored articles, newest first: ``id``, ``title``, ``published``, ``url``, ``outlet``
    (the URL's host, else the file name) and ``events`` (how many it reports)."""
    return [
        {
            **{k: a[k] for k in ("id", "title", "published", "url", "events")},
            "outlet": outlet(a["url"], a["source"]),
        }
        for a in store.list_articles(limit=limit, offset=offset)
    ]
