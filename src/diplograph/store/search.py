"""Full-text search (schema v3): SQLite FTS5 over article titles and text and actor names.

``article_search`` holds each article's title and text, ``name_search`` every name an article
gives an actor (kept in step by triggers, see ``sqlite.py``). What a user types is never
passed to FTS5 as syntax: ``fts_query`` keeps only its words, each whitespace-separated
piece a quoted phrase matched as a prefix, all of them required, so quotes, ``*``, ``NEAR``,
``OR`` or parentheses are plain text. An SQLite built without FTS5 searches by substring.
"""

from __future__ import annotations

import re

from diplograph.models import fold
from diplograph.store.base import Row
from diplograph.store.reads import _ENTITY_SELECT, Reads

MAX_TERMS = 16
# Private-use characters around each hit in a snippet, turned into offsets by ``_marks``.
_OPEN, _CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+")
# How an article matches: its title counts four times its text.
_SCORE = "bm25(article_search, 0.0, 4.0, 1.0)"


def fts_query(text: str) -> str | None:
    """``text`` as an FTS5 query of quoted phrases (None when it has no word to look for).

    >>> fts_query('Bakayev "OECD" OR co-operation*')
    '"Bakayev"* "OECD"* "OR"* "co operation"*'
    """
    phrases = []
    for piece in text.split()[:MAX_TERMS]:
        words = _WORD.findall(piece.replace(_OPEN, " ").replace(_CLOSE, " "))
        if words:
            phrases.append('"' + " ".join(words).replace('"', '""') + '"*')
    return " ".join(phrases) or None


def _marks(snippet: str) -> tuple[str, list[list[int]]]:
    """The snippet without its hit markers, and each hit's ``[start, end]`` in it."""
    plain: list[str] = []
    marks: list[list[int]] = []
    length = 0
    for part in re.split(f"([{_OPEN}{_CLOSE}])", snippet):
        if part == _OPEN:
            marks.append([length, length])
        elif part == _CLOSE:
            if marks:
                marks[-1][1] = length
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), [m for m in marks if m[1] > m[0]]


class Search(Reads):
    """``search``: articles and resolved actors matching a user's words."""

    def _has_search_tables(self) -> bool:
        return bool(
            self._rows(
                "SELECT 1 FROM sqlite_master WHERE name IN ('article_search', 'name_search')"
            )
        )

    def search(self, text: str, *, limit: int = 20) -> Row:
        """``articles`` (``id``, ``title``, ``published``, ``snippet``, ``marks``: the hits'
        offsets in the snippet) and ``actors`` (as ``find_actors``), best match first."""
        query = fts_query(text)
        if query is None:
            return {"articles": [], "actors": []}
        if not self._has_search_tables():
            return self._search_substring(text, limit)
        # The score of the last article listed first (ranking reads no article's id), then
        # the articles scored as well as that, in order, then a snippet of those alone.
        articles = self._rows(
            f"""WITH cut AS (SELECT {_SCORE} AS score FROM article_search
                   WHERE article_search MATCH ? ORDER BY score LIMIT 1 OFFSET ?),
                 best AS (SELECT rowid AS rid, article_id, {_SCORE} AS score
                   FROM article_search WHERE article_search MATCH ?
                     AND (NOT EXISTS (SELECT 1 FROM cut) OR {_SCORE} <= (SELECT score FROM cut))
                   ORDER BY score, article_id LIMIT ?)
               SELECT a.id, a.title, a.published,
                 snippet(article_search, -1, ?, ?, '…', 24) AS snippet
               FROM best JOIN article_search s ON s.rowid = best.rid
               JOIN articles a ON a.id = best.article_id
               WHERE article_search MATCH ? ORDER BY best.score, best.article_id""",
            [query, limit - 1, query, limit, _OPEN, _CLOSE, query],
        )
        for article in articles:
            article["snippet"], article["marks"] = _marks(article["snippet"])
        # A mention's rank depends on its name alone: one mention of each name matched is
        # ranked, and an actor counts the mentions giving it each name from entity_names.
        ids = self._rows(
            """WITH named AS (SELECT name, min(rowid) AS rid FROM name_search
                   WHERE name_search MATCH ? GROUP BY name),
                 ranked AS (SELECT named.name, s.rank AS score
                   FROM named JOIN name_search s ON s.rowid = named.rid
                   WHERE name_search MATCH ?)
               SELECT n.entity_id AS id, min(ranked.score) AS score
               FROM ranked JOIN entity_names n ON n.name = ranked.name
               GROUP BY n.entity_id ORDER BY score, sum(n.units) DESC, n.entity_id LIMIT ?""",
            [query, query, limit],
        )
        return {"articles": articles, "actors": self._actors_by_id([r["id"] for r in ids])}

    def _actors_by_id(self, ids: list[str]) -> list[Row]:
        """Full actor rows (as ``find_actors``) for ``ids``, in that order."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        found = self._describe(self._rows(_ENTITY_SELECT + f" WHERE n.id IN ({marks})", ids))
        by_id = {row["id"]: row for row in found}
        return [by_id[i] for i in ids if i in by_id]

    def _search_substring(self, text: str, limit: int) -> Row:
        needle = fold(text)
        articles = self._rows(
            """SELECT id, title, published, substr(text, 1, 200) AS snippet FROM articles
               WHERE instr(lower(coalesce(title, '') || ' ' || text), ?) > 0
               ORDER BY published IS NULL, published DESC, id LIMIT ?""",
            [needle, limit],
        )
        for article in articles:
            article["marks"] = []
        actors = self.find_actors(name=text, limit=limit)
        return {"articles": articles, "actors": actors}
