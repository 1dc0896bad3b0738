"""Mentions of actors in many articles -> resolved actors, each merge with its reasons.

The unit is an ``ActorMention``: one actor as one article presents it. Mentions of one written
name (the store's surface actor) with the same country and organisation form a *profile*.
Profiles that share a blocking key (a name word's skeleton, an organisation's known
entry) are compared: a name rule (``names.py``) plus evidence (shared country or
organisation, compatible office, sightings close in time) make a ``Link``; the weaker the
rule, the more evidence it needs. Links are applied strongest first, and
one that would put irreconcilable profiles in one actor (different countries, names of
two different people, one article naming both) is refused, so "A. Ostrova" cannot join two
different Ostrovas into one. Countries are never merged: one actor per ISO code.

Pure and deterministic: the same mentions, in any order, give the same actors, ids and
reasons; mentions that share no blocking key never influence each other, which is what
lets a store resolve only the part a new article touches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplograph.models import fold, stable_id
from diplograph.resolve.names import (
    INITIALS,
    SHORT_FORM,
    SIMILAR,
    SURNAME,
    TRANSLITERATION,
    Name,
    match_names,
    name_keys,
    names_conflict,
    parse_name,
    rule_rank,
    skeleton,
)
from diplograph.resolve.offices import (
    Office,
    Sighting,
    clean_title,
    collect_offices,
    office_key,
    offices_compatible,
)
from diplograph.resolve.resources import KnownOrg, known_orgs, org_form

ALIAS_IN_ARTICLE = "alias in one article"
SAME_PROFILE = "same name"
KNOWN_ORG = "known alias"
ACRONYM = "acronym"
SPELLING = "spelling variant"
_ORG_RULES = ("same name", SPELLING, KNOWN_ORG, ACRONYM)
_LISTED_ARTICLES = 12  # an explanation names at most this many articles per side
MAX_YEARS_APART = 5  # a weak name match farther apart than this is taken for two people

Unit = tuple[str, str]  # (article_id, actor_id)


@dataclass(frozen=True)
class ActorMention:
    """One actor as one article presents it: names, titles, country, organisation, days."""

    article_id: str
    actor_id: str
    kind: str
    name: str
    names: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    country: str | None = None
    org: str | None = None
    acronym: str | None = None
    first_day: str | None = None
    last_day: str | None = None

    @property
    def unit(self) -> Unit:
        return (self.article_id, self.actor_id)


@dataclass(frozen=True)
class Link:
    """Why two groups of mentions were judged one actor: the names, the rule, the evidence."""

    rule: str
    names: tuple[str, str]
    evidence: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "names": list(self.names), "evidence": self.evidence}


@dataclass(frozen=True)
class Entity:
    """A resolved actor: its mentions, every name used for it, offices, and merge reasons."""

    id: str
    kind: str
    name: str
    country: str | None
    org: str | None
    acronym: str | None
    names: tuple[str, ...]
    members: tuple[Unit, ...]
    links: tuple[Link, ...] = ()
    offices: tuple[Office, ...] = ()

    @property
    def search(self) -> str:
        """The folded and skeleton forms of its names, for substring search."""
        forms = {fold(n) for n in self.names} | {skeleton(n) for n in self.names}
        return "|".join(sorted(f for f in forms if f))


def blocking_keys(mention: ActorMention) -> set[str]:
    """Keys shared by mentions that might be one actor; none for countries (never merged)."""
    acronyms = {mention.acronym} if mention.acronym else set()
    return _keys(mention.kind, mention.actor_id, {mention.name, *mention.names}, acronyms)


def _keys(kind: str, actor_id: str, labels: set[str], acronyms: set[str]) -> set[str]:
    if kind == "country":
        return set()
    keys = {f"a:{actor_id}"}
    if kind == "person":
        return keys | {f"p:{k}" for label in labels for k in name_keys(label)}
    for label in labels | acronyms:
        known = known_orgs().get(org_form(label))
        keys.add(f"o:{org_form(known.name) if known else org_form(label)}")
    return keys


# -- profiles ---------------------------------------------------------------------------------


class _Profile:
    """The mentions of one surface actor with one country and organisation."""

    def __init__(self, key: tuple[str, str, str], mentions: list[ActorMention]) -> None:
        first = mentions[0]
        spellings = Counter(m.name for m in mentions)
        self.key = key
        self.kind = first.kind
        self.main = min(spellings, key=lambda n: (-spellings[n], n))
        self.country = first.country
        self.org = key[2] or None
        self.mentions = sorted(mentions, key=lambda m: m.unit)
        self.articles = frozenset(m.article_id for m in mentions)
        self.parsed_main = parse_name(self.main)
        seen: dict[str, set[str]] = {}
        for m in self.mentions:
            for n in (m.name, *m.names):
                seen.setdefault(n, set()).add(m.article_id)
        self.names = seen
        self.parsed = [parse_name(n) for n in sorted(seen)]
        self.offices = {office_key(t, m.country) for m in mentions for t in m.titles}
        self.offices.discard(frozenset())
        acronyms = Counter(m.acronym for m in mentions if m.acronym)
        self.acronym = _most(acronyms)
        self.keys = _keys(self.kind, key[0], set(seen), set(acronyms))
        self.org_forms = {org_form(n) for n in (*seen, *acronyms)}
        self.known = self._known() if self.kind == "organization" else None
        self.first = min((m.first_day for m in mentions if m.first_day), default=None)
        self.last = max((m.last_day for m in mentions if m.last_day), default=None)

    def _known(self) -> KnownOrg | None:
        table = known_orgs()
        for label in (self.main, *sorted(self.names), self.acronym or ""):
            if label and org_form(label) in table:
                return table[org_form(label)]
        return None


def _most(counts: Counter[str]) -> str | None:
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def _profiles(mentions: Iterable[ActorMention]) -> list[_Profile]:
    groups: dict[tuple[str, str, str], list[ActorMention]] = {}
    for m in mentions:
        org = (m.org or "") if m.kind == "person" else ""
        groups.setdefault((m.actor_id, m.country or "", org), []).append(m)
    return [_Profile(key, groups[key]) for key in sorted(groups)]


# -- judging pairs ----------------------------------------------------------------------------


def _countries_clash(p: _Profile, q: _Profile) -> bool:
    return bool(p.country and q.country and p.country != q.country)


def _best_names(p: _Profile, q: _Profile) -> tuple[str, Name, Name] | None:
    best: tuple[int, str, Name, Name] | None = None
    for x in p.parsed:
        for y in q.parsed:
            rule = match_names(x, y)
            if rule is not None and (best is None or rule_rank(rule) < best[0]):
                best = (rule_rank(rule), rule, x, y)
    return best[1:] if best else None


def _evidence(p: _Profile, q: _Profile) -> dict[str, Any]:
    shared = p.country if p.country and p.country == q.country else None
    return {
        "country": shared,
        "countries": [p.country, q.country],
        "org": p.org if p.org and p.org == q.org else None,
        "office": offices_compatible(p.offices, q.offices),
        "offices": _office_pair(p, q),
        "dates": [[p.first, p.last], [q.first, q.last]],
        "years_apart": _years_apart(p, q),
        "articles": [_listed(p.articles), _listed(q.articles)],
    }


def _office_pair(p: _Profile, q: _Profile) -> list[str]:
    """Two titles to show: a compatible pair when there is one, else each side's first."""
    titles = [sorted({(t, m.country) for m in side.mentions for t in m.titles}) for side in (p, q)]
    for tp, cp in titles[0]:
        for tq, cq in titles[1]:
            if offices_compatible([office_key(tp, cp)], [office_key(tq, cq)]):
                return [str(clean_title(tp, cp)), str(clean_title(tq, cq))]
    firsts = [clean_title(*side[0]) for side in titles if side]
    return [t for t in firsts if t]


def _years_apart(p: _Profile, q: _Profile) -> int | None:
    """Whole years between the two profiles' sightings (0 when they overlap), None if unknown."""
    try:
        starts = [int(x[:4]) for x in (p.first, q.first) if x]
        ends = [int(x[:4]) for x in (p.last, q.last) if x]
    except ValueError:
        return None
    if len(starts) < 2 or len(ends) < 2:
        return None
    return max(0, max(starts) - min(ends))


def _listed(articles: frozenset[str]) -> list[str]:
    return sorted(articles)[:_LISTED_ARTICLES]


def _judge_persons(p: _Profile, q: _Profile) -> tuple[int, Link] | None:
    if p.articles & q.articles or _countries_clash(p, q):
        return None
    best = _best_names(p, q)
    if best is None:
        return None
    rule, x, y = best
    ev = _evidence(p, q)
    vouched = bool(ev["country"] or ev["org"])
    # Offices change hands: a weak name match must also be close in time.
    recent = ev["years_apart"] is None or ev["years_apart"] <= MAX_YEARS_APART
    if rule in (INITIALS, SHORT_FORM):
        accepted = vouched or (ev["office"] and recent)
    elif rule in (SIMILAR, SURNAME):
        accepted = vouched and ev["office"] and recent
    else:
        accepted = rule_rank(rule) <= rule_rank(TRANSLITERATION)
    if not accepted:
        return None
    strength = rule_rank(rule) * 4 - 2 * vouched - ev["office"]
    return strength, Link(rule, (x.raw, y.raw), ev)


def _judge_orgs(p: _Profile, q: _Profile) -> tuple[int, Link] | None:
    if p.articles & q.articles or _countries_clash(p, q):
        return None
    if p.known and q.known and p.known != q.known:
        return None
    ev = _evidence(p, q)
    shared = sorted(p.org_forms & q.org_forms)
    if fold(p.main) == fold(q.main):
        rule, names = "same name", (p.main, q.main)
    elif org_form(p.main) == org_form(q.main):
        rule, names = SPELLING, (p.main, q.main)
    elif p.known and p.known == q.known:
        rule, names = KNOWN_ORG, (p.main, q.main)
        ev["known_as"] = [p.known.name, p.known.acronym]
    elif shared:
        rule, names = ACRONYM, (p.main, q.main)
        ev["shared"] = shared
    else:
        return None
    return _ORG_RULES.index(rule), Link(rule, names, ev)


# -- clustering -------------------------------------------------------------------------------


class _Clusters:
    """Union-find over profiles that refuses unions of irreconcilable profiles."""

    def __init__(self, profiles: list[_Profile]) -> None:
        self.parent = list(range(len(profiles)))
        self.members = {i: [i] for i in range(len(profiles))}
        self.profiles = profiles
        self._clash: dict[tuple[int, int], bool] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def clash(self, i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key not in self._clash:
            self._clash[key] = _irreconcilable(self.profiles[i], self.profiles[j])
        return self._clash[key]

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        if any(self.clash(x, y) for x in self.members[a] for y in self.members[b]):
            return False
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.members[a] += self.members.pop(b)
        return True


def _irreconcilable(p: _Profile, q: _Profile) -> bool:
    if p.articles & q.articles or _countries_clash(p, q):
        return True
    if p.kind == "organization":
        return bool(p.known and q.known and p.known != q.known)
    if not names_conflict(p.parsed_main, q.parsed_main):
        return False
    return not any(
        (rule := match_names(x, y)) is not None and rule != SURNAME
        for x in p.parsed
        for y in q.parsed
    )


def _candidates(profiles: list[_Profile]) -> list[tuple[int, int, int, Link]]:
    index: dict[str, list[int]] = {}
    for i, p in enumerate(profiles):
        for key in sorted(p.keys):
            index.setdefault(key, []).append(i)
    pairs = {(i, j) for ids in index.values() for i in ids for j in ids if i < j}
    found = []
    for i, j in sorted(pairs):
        p, q = profiles[i], profiles[j]
        if p.kind != q.kind:
            continue
        judged = _judge_persons(p, q) if p.kind == "person" else _judge_orgs(p, q)
        if judged is not None:
            found.append((judged[0], i, j, judged[1]))
    found.sort(key=lambda c: (c[0], c[1], c[2]))
    return found


def _merge(profiles: list[_Profile]) -> tuple[_Clusters, dict[int, list[Link]]]:
    clusters = _Clusters(profiles)
    links: dict[int, list[tuple[int, int, Link]]] = {}
    candidates = _candidates(profiles)
    surname = [c for c in candidates if c[3].rule == SURNAME]
    for _, i, j, link in candidates:
        if link.rule != SURNAME and clusters.union(i, j):
            links.setdefault(i, []).append((i, j, link))
    # A bare surname joins only when every profile it could join is already one actor.
    partners: dict[int, set[int]] = {}
    for _, i, j, _link in surname:
        partners.setdefault(i, set()).add(clusters.find(j))
        partners.setdefault(j, set()).add(clusters.find(i))
    for _, i, j, link in surname:
        if len(partners[i]) == 1 and len(partners[j]) == 1 and clusters.union(i, j):
            links.setdefault(i, []).append((i, j, link))
    by_root: dict[int, list[Link]] = {}
    for i in sorted(links):
        for _a, _b, link in links[i]:
            by_root.setdefault(clusters.find(i), []).append(link)
    return clusters, by_root


def resolve_actors(mentions: Iterable[ActorMention]) -> list[Entity]:
    """Resolved actors for ``mentions``, ordered by id; every mention is in exactly one."""
    profiles = _profiles(mentions)
    clusters, links = _merge(profiles)
    entities = []
    for root, members in clusters.members.items():
        group = [profiles[i] for i in sorted(members)]
        entities.append(_entity(group, links.get(root, [])))
    entities.sort(key=lambda e: e.id)
    return entities


def _inner_links(p: _Profile) -> list[Link]:
    """Why the mentions of one profile are one actor: one name (and country), or aliases."""
    found = []
    if len(p.articles) > 1:
        ev = {
            "country": p.country,
            "org": p.org,
            "count": len(p.articles),
            "articles": [_listed(p.articles)],
        }
        found.append(Link(SAME_PROFILE, (p.main, p.main), ev))
    for name, articles in sorted(p.names.items()):
        if name != p.main:
            ev = {"articles": [_listed(frozenset(articles))]}
            found.append(Link(ALIAS_IN_ARTICLE, (p.main, name), ev))
    return found


def _entity(group: list[_Profile], links: list[Link]) -> Entity:
    kind = group[0].kind

    def rank(p: _Profile) -> tuple[bool, int, int, str]:
        return (p.parsed_main.has_initials, -len(p.articles), -len(p.parsed_main.tokens), p.main)

    lead = min(group, key=rank)
    weight = Counter[str]()
    orgs = Counter[str]()
    acronyms = Counter[str]()
    for p in group:
        if p.country:
            weight[p.country] += len(p.articles)
        if p.org:
            orgs[p.org] += len(p.articles)
        if p.acronym:
            acronyms[p.acronym] += len(p.articles)
    others = {n for p in group for n in p.names} if kind != "country" else set()
    names = sorted(others - {lead.main}, key=lambda n: (fold(n), n))
    units = sorted(m.unit for p in group for m in p.mentions)
    inner = [link for p in group for link in _inner_links(p)] if kind != "country" else []
    sightings = [
        Sighting(t, m.article_id, m.country, m.org, m.first_day, m.last_day)
        for p in group
        for m in p.mentions
        for t in m.titles
    ]
    known = next((p.known for p in group if p.known), None)
    return Entity(
        id=stable_id("ent", kind, *group[0].key),
        kind=kind,
        name=lead.main,
        country=_most(weight),
        org=_most(orgs),
        acronym=_most(acronyms) or (known.acronym if known else None),
        names=(lead.main, *names),
        members=tuple(units),
        links=(*inner, *links),
        offices=collect_offices(sightings) if kind == "person" else (),
    )


def explain_link(rule: str, names: tuple[str, str] | list[str], evidence: dict[str, Any]) -> str:
    """One line saying why two groups of mentions were judged one actor."""
    a, b = names
    if rule == SAME_PROFILE:
        parts = [f'"{a}" written alike in {evidence.get("count", 0)} articles']
    elif rule == ALIAS_IN_ARTICLE:
        parts = [f'the article itself calls "{a}" also "{b}"']
    else:
        parts = [f'{rule}: "{a}" = "{b}"']
    countries = [c for c in evidence.get("countries") or () if c]
    if evidence.get("country"):
        parts.append(f"same country {evidence['country']}")
    elif countries:
        parts.append(f"country {countries[0]} on one side, none on the other")
    if evidence.get("org"):
        parts.append(f"same organisation {evidence['org']}")
    if evidence.get("known_as"):
        known = [k for k in evidence["known_as"] if k]
        parts.append(f"both names of {' / '.join(known)} in the organisations list")
    if evidence.get("shared"):
        parts.append("shared name or acronym " + ", ".join(evidence["shared"]))
    if evidence.get("office"):
        offices = evidence.get("offices") or []
        parts.append("compatible office" + (f" ({' ~ '.join(offices)})" if offices else ""))
    dates = [f"{d[0]}…{d[1]}" if d[0] != d[1] else str(d[0]) for d in evidence.get("dates") or ()]
    if dates and any(d != "None" for d in dates):
        apart = evidence.get("years_apart")
        gap = f" ({apart} years apart)" if apart else ""
        parts.append("seen " + " and ".join(dates) + gap)
    articles = evidence.get("articles") or []
    if rule != SAME_PROFILE and articles:
        parts.append("articles " + " | ".join(", ".join(side) for side in articles))
    elif articles:
        parts.append("articles " + ", ".join(articles[0]))
    return "; ".join(parts)
