"""Resolved actors: find and count them, get and explain one, its partners."""

from __future__ import annotations

from collections.abc import Sequence

from diplograph.errors import AmbiguousError, NotFoundError
from diplograph.models import fold
from diplograph.query.filters import _actor_filters
from diplograph.store import Row, Store

__all__ = [
    "actor_partners",
    "count_actors",
    "explain_actor",
    "find_actors",
    "get_actor",
]


def find_actors(
    store: Store,
    name: str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    country: str | None = None,
    office: str | None = None,
    kinds: Sequence[str] | None = None,
) -> list[Row]:
    """Resolved actors whose name, or a name an article gives them, contains ``name``
    (case, accents and transliteration ignored), of ``country`` (ISO3), who held an office
    whose title contains ``office`` (case ignored), of one of ``kinds``; busiest first."""
    filters = _actor_filters(name, country, office, kinds)
    return store.find_actors(limit=limit, offset=offset, **filters)


def count_actors(
    store: Store,
    name: str | None = None,
    *,
    country: str | None = None,
    office: str | None = None,
    kinds: Sequence[str] | None = None,
) -> int:
    """How many actors ``find_actors`` lists for these filters, unpaged."""
    return store.count_actors(**_actor_filters(name, country, office, kinds))


def actor_partners(store: Store, actor_id: str, *, limit: int | None = None) -> list[Row]:
    """The actors sharing events with resolved actor ``actor_id`` (``id``, ``name``,
    ``kind``, ``country``, ``events``), most shared first."""
    return store.actor_partners(actor_id, limit=limit)


def get_actor(store: Store, actor_id: str) -> Row:
    """One resolved actor with its mentions and why they were judged one actor.

    ``actor_id`` is a resolved actor's id (``ent_...``) or a surface actor's (``act_...``).
    """
    found = store.get_actor(actor_id.strip())
    if found is None:
        raise NotFoundError(f"no actor {actor_id!r}; `diplograph actors` lists them")
    return found


# How many actors an ambiguous name's error lists.
_NAMED_AT_MOST = 5


def explain_actor(store: Store, wanted: str) -> Row:
    """``get_actor`` for an actor id, else for the one actor whose names contain ``wanted``
    (as ``find_actors`` matches them); ``AmbiguousError`` listing them when several do."""
    wanted = wanted.strip()
    found = store.get_actor(wanted)
    if found is not None:
        return found
    named = find_actors(store, wanted, limit=_NAMED_AT_MOST + 1) if fold(wanted) else []
    if not named:
        raise NotFoundError(
            f"no actor with the id or a name {wanted!r}; `diplograph actors` lists them"
        )
    if len(named) > 1:
        listed = "; ".join(f"{a['name']} [{a['id']}]" for a in named[:_NAMED_AT_MOST])
        more = ", and more" if len(named) > _NAMED_AT_MOST else ""
        raise AmbiguousError(f"{wanted!r} names several actors: {listed}{more}; give an id")
    return get_actor(store, named[0]["id"])
