"""Events across outlets (diplograph.resolve.events): one act reported many times is one event."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.resolve.events import Cluster, Party, Report, cluster_reports, outlet

KAZ_FM = Party("person", "ent_kaz_fm", "KAZ")
KGZ_FM = Party("person", "ent_kgz_fm", "KGZ")
KGZ_AIDE = Party("person", "ent_kgz_aide", "KGZ")
KAZ = Party("country", "ent_kaz", "KAZ")
KGZ = Party("country", "ent_kgz", "KGZ")


def report(
    article: str,
    *,
    parties: tuple[Party, ...] = (KAZ_FM, KGZ_FM),
    type: str = "MEETING",
    status: str = "occurred",
    date: str | None = None,
    published: str | None = "2024-05-02",
    place: str | None = None,
    site: str = "a.example",
    position: int = 0,
) -> Report:
    return Report(
        event_id=f"evt_{article}_{position}",
        article_id=article,
        position=position,
        type=type,
        status=status,
        date=date,
        day=date or published,
        place=place,
        outlet=site,
        parties=parties,
    )


def clusters_of(*reports: Report) -> list[set[str]]:
    return sorted((set(c.members) for c in cluster_reports(reports)), key=sorted)


def one(*reports: Report) -> Cluster:
    (cluster,) = cluster_reports(reports)
    return cluster


def test_resolve_events_same_act_from_two_outlets_is_one_event() -> None:
    a = report("a", date="2024-05-02", place="Bishkek", site="news.example")
    b = report("b", date=None, published="2024-05-03", place="Bishkek", site="wire.example")
    cluster = one(a, b)
    assert (cluster.num_sources, cluster.num_articles) == (2, 2)
    assert cluster.lead == a.event_id  # the dated report leads
    assert (cluster.date, cluster.day, cluster.place) == ("2024-05-02", "2024-05-02", "Bishkek")


def test_resolve_events_same_outlet_counts_one_source() -> None:
    cluster = one(report("a", site="news.example"), report("b", site="news.example"))
    assert (cluster.num_sources, cluster.num_articles) == (1, 2)


def test_resolve_events_country_sides_match_persons_of_those_countries() -> None:
    """ "Kazakhstan and Kyrgyzstan held talks" and "the two ministers met" are one act."""
    cluster = one(report("a", parties=(KAZ, KGZ)), report("b"))
    assert cluster.num_articles == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"date": "2024-05-02"}, {"date": "2024-05-06"}),  # same pair, another day
        ({"date": None, "published": "2024-05-01"}, {"date": None, "published": "2024-05-09"}),
        ({"date": "2024-05-02"}, {"date": None, "published": "2024-05-10"}),
        ({"date": None, "published": None}, {"date": None, "published": None}),
        ({"type": "MEETING"}, {"type": "CALL"}),
        ({"status": "occurred"}, {"status": "planned"}),
        ({"place": "Bishkek"}, {"place": "Astana"}),
        ({"parties": (KAZ_FM, KGZ_FM)}, {"parties": (KAZ_FM, KGZ_AIDE)}),  # other counterpart
        ({"parties": (KAZ_FM, KGZ_FM)}, {"parties": (KAZ_FM, Party("country", "ent_uzb", "UZB"))}),
    ],
)
def test_resolve_events_different_acts_stay_apart(
    first: dict[str, object], second: dict[str, object]
) -> None:
    assert len(cluster_reports([report("a", **first), report("b", **second)])) == 2  # type: ignore[arg-type]


def test_resolve_events_one_article_never_reports_one_act_twice() -> None:
    assert len(cluster_reports([report("a", position=0), report("a", position=1)])) == 2


def test_resolve_events_undated_report_joins_the_nearest_dated_event() -> None:
    monday = report("a", date="2024-05-06", site="one.example")
    thursday = report("b", date="2024-05-09", site="two.example")
    undated = report("c", published="2024-05-08", site="three.example")
    found = clusters_of(monday, thursday, undated)
    assert found == [{monday.event_id}, {thursday.event_id, undated.event_id}]


def test_resolve_events_dated_reports_of_another_day_are_not_chained() -> None:
    """An undated report between two days cannot make the two days one event."""
    tuesday = report("a", date="2024-05-07")
    friday = report("b", date="2024-05-10")
    undated = report("c", published="2024-05-08")
    assert len(cluster_reports([tuesday, friday, undated])) == 2


def test_resolve_events_clusters_do_not_depend_on_order() -> None:
    reports = [
        report("a", date="2024-05-06", site="one.example"),
        report("b", date="2024-05-09", site="two.example"),
        report("c", published="2024-05-08", site="three.example"),
        report("d", published="2024-05-07", site="four.example"),
        report("e", date="2024-05-06", parties=(KAZ, KGZ)),
        report("f", type="CALL"),
    ]
    reference = cluster_reports(reports)
    for seed in range(6):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_reports(shuffled) == reference


@pytest.mark.parametrize(
    ("url", "source", "expected"),
    [
        ("https://www.news.example/2024/05/talks", "feed.jsonl", "news.example"),
        ("https://el.kz./en/amp/story_1", "dev.jsonl", "el.kz"),
        (None, "/data/corpus/kt_kz_seed_page.txt", "kt_kz_seed_page.txt"),
        ("", "pages/a.html", "a.html"),
    ],
)
def test_resolve_events_outlet(url: str | None, source: str, expected: str) -> None:
    assert outlet(url, source) == expected


# -- the grouping equals its definition: a report joins a group it agrees with member by member


def _agree(r: Report, m: Report) -> bool:
    """The definition, pair by pair (module docstring of diplograph.resolve.events)."""
    from datetime import date

    def days_apart(a: str | None, b: str | None) -> int | None:
        try:
            return abs((date.fromisoformat(a or "") - date.fromisoformat(b or "")).days)
        except ValueError:
            return None

    if r.article_id == m.article_id:
        return False
    if r.place and m.place:
        a, b = r.place.casefold(), m.place.casefold()
        if not (a == b or a in b or b in a):
            return False
    if not (r.actors <= m.actors or m.actors <= r.actors):
        return False
    if r.date and m.date:
        return r.date == m.date
    gap = days_apart(r.day, m.day)
    return gap is not None and gap <= 3


def _naive(reports: list[Report]) -> list[set[str]]:
    found = []
    for signature in sorted({r.signature for r in reports}):
        group = [r for r in reports if r.signature == signature]
        dated = sorted((r for r in group if r.date), key=lambda r: (r.day or "", r.event_id))
        undated = sorted((r for r in group if not r.date), key=lambda r: (r.day or "~", r.event_id))
        clusters: list[list[Report]] = []
        for r in (*dated, *undated):
            best = None
            for n, c in enumerate(clusters):
                if all(_agree(r, m) for m in c):
                    gap = min(
                        abs(int(r.day[-2:]) - int(m.day[-2:])) if r.day and m.day else 0 for m in c
                    )
                    if best is None or gap < best[0]:
                        best = (gap, n)
            if best is None:
                clusters.append([r])
            else:
                clusters[best[1]].append(r)
        found += [{r.event_id for r in c} for c in clusters]
    return sorted(found, key=sorted)


_day = st.none() | st.integers(1, 20).map(lambda d: f"2024-05-{d:02d}")


@st.composite
def _reports(draw: st.DrawFn) -> list[Report]:
    out = []
    for n in range(draw(st.integers(1, 12))):
        date = draw(_day)
        out.append(
            report(
                draw(st.sampled_from("abcdefg")),
                position=n,
                date=date,
                published=draw(_day),
                place=draw(st.sampled_from([None, "Bishkek", "bishkek city", "Astana"])),
                parties=draw(
                    st.sampled_from(
                        [(KAZ_FM, KGZ_FM), (KAZ_FM, KGZ_AIDE), (KAZ, KGZ), (KAZ_FM, KGZ)]
                    )
                ),
                status=draw(st.sampled_from(["occurred", "planned"])),
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(_reports())
def test_resolve_events_grouping_follows_the_pairwise_definition(reports: list[Report]) -> None:
    assert clusters_of(*reports) == _naive(reports)
