"""Full-text search (schema v3, v7): SQLite FTS5 over article titles and text and the names
of resolved actors.

``article_search`` holds each article's title and text, ``entity_name_search`` indexes the
rows of ``entity_names``: every name articles give each resolved actor, once (both kept in
step by triggers, see ``sqlite.py``). An article's score is read for the last ``RANKED``
articles matching at most, a name's once. What a user types is never
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
# A search ranks at most this many articles: for words that more articles hold, those stored
# last. Scoring costs each match a read of its word positions, which for a common name in a
# large store would be most of a request's time, to show a page of 20.
RANKED = 1000  # (or the number of articles asked for, if more)


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
        found = self._rows(
            "SELECT count(*) AS n FROM sqlite_master"
            " WHERE name IN ('article_search', 'entity_name_search')"
        )
        return bool(found[0]["n"] == 2)

    def search(self, text: str, *, limit: int = 20) -> Row:
        """``articles`` (``id``, ``title``, ``published``, ``snippet``, ``marks``: the hits'
        offsets in the snippet) and ``actors`` (as ``find_actors``), best match first."""
        query = fts_query(text)
        if query is None:
            return {"articles": [], "actors": []}
        if not self._has_search_tables():
            return self._search_substring(text, limit)
        articles = self._best_articles(query, limit)
        for article in articles:
            article["snippet"], article["marks"] = _marks(article["snippet"])
        # Each name is ranked once, and an actor counts the mentions giving it each name.
        ids = self._rows(
            """SELECT n.entity_id AS id, min(s.rank) AS score
               FROM entity_name_search s JOIN entity_names n ON n.nid = s.rowid
               WHERE entity_name_search MATCH ?
               GROUP BY n.entity_id ORDER BY score, sum(n.units) DESC, n.entity_id LIMIT ?""",
            [query, limit],
        )
        return {"articles": articles, "actors": self._actors_by_id([r["id"] for r in ids])}

    def _best_articles(self, query: str, limit: int) -> list[Row]:
        """The ``limit`` articles matching ``query`` best among the ``RANKED`` matches stored
        last, ties by id, with a snippet each (its hits marked)."""
        # The rowid from which on the last RANKED matches lie: read off the index alone.
        bound = self._rows(
            "SELECT rowid AS rid FROM article_search WHERE article_search MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [query, max(RANKED, limit) - 1],
        )
        scored = sorted(
            (r["score"], r["rid"])
            for r in self._rows(
                f"SELECT rowid AS rid, {_SCORE} AS score FROM article_search"
                " WHERE article_search MATCH ? AND rowid >= ?",
                [query, bound[0]["rid"] if bound else 0],
            )
        )
        if not scored:
            return []
        # Those scored as well as the last one listed, in order by their articles' ids.
        cut = scored[min(limit, len(scored)) - 1][0]
        score_of = {rid: score for score, rid in scored if score <= cut}
        chosen = list(score_of)
        if len(chosen) > limit:
            article_of = {
                r["rid"]: r["article_id"]
                for r in self._rows(
                    "SELECT rowid AS rid, article_id FROM article_search"
                    f" WHERE rowid IN ({', '.join('?' * len(chosen))})",
                    chosen,
                )
            }
            # (.get: an article replaced since it was scored has another rowid now)
            chosen = sorted(chosen, key=lambda rid: (score_of[rid], article_of.get(rid, "")))
            chosen = chosen[:limit]
        best = self._rows(
            "SELECT s.rowid AS rid, a.id, a.title, a.published,"
            " snippet(article_search, -1, ?, ?, '…', 24) AS snippet"
            " FROM article_search s JOIN articles a ON a.id = s.article_id"
            f" WHERE article_search MATCH ? AND s.rowid IN ({', '.join('?' * len(chosen))})",
            [_OPEN, _CLOSE, query, *chosen],
        )
        best.sort(key=lambda r: (score_of[r.pop("rid")], r["id"]))
        return best

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
