"""Golden tests for dates: explicit ranges, missing years, and relative days."""

from __future__ import annotations

from datetime import date

from diplograph.nlp.dates import FoundDate, date_near, find_dates, reference_date


def values(text: str, ref: date | None, future: bool = False) -> list[str]:
    return [d.day for d in find_dates(text, ref, True, future)]


def test_nlp_dates_range_gives_first_day() -> None:
    assert values("to be held on 13-14 June 2024", None) == ["2024-06-13"]
    assert values("to be held on June 13-14, 2024", None) == ["2024-06-13"]


def test_nlp_dates_year_from_reference() -> None:
    assert values("met on Sept. 23 in Geneva", date(2023, 9, 25)) == ["2023-09-23"]


def test_nlp_dates_relative_days() -> None:
    ref = date(2020, 9, 10)  # a Thursday
    assert values("yesterday", ref) == ["2020-09-09"]
    assert values("today", ref) == ["2020-09-10"]
    assert values("on Wednesday", ref) == ["2020-09-09"]
    assert values("on Wednesday", ref, future=True) == ["2020-09-16"]


def test_nlp_dates_reference_from_url_when_unpublished() -> None:
    assert reference_date(None, "https://x.org/2023/04/visit") == (date(2023, 4, 1), False)
    assert reference_date("2024-04-10T19:37", None) == (date(2024, 4, 10), True)


def test_nlp_dates_nearest_expression_wins() -> None:
    found = [FoundDate(0, "2024-01-01", False), FoundDate(40, "2024-02-02", False)]
    assert date_near(found, 35) == "2024-02-02"
    assert date_near([], 3) is None


def test_nlp_dates_stamp_when_unpublished() -> None:
    from diplograph.nlp.dates import stamp_date

    assert stamp_date("Published : Tuesday, 14 February, 2023 at 12:00 AM\nText") == (
        date(2023, 2, 14),
        True,
    )
    assert stamp_date("12.05.2024, 18:30\nTitle") == (date(2024, 5, 12), True)
    # no year anywhere: the day is not guessed
    assert stamp_date("30 Mar. 13:30 (UTC+3)\nThe minister met ... yesterday.") == (None, False)
    assert stamp_date("30 Mar. 13:30\nThe forum of 2 April 2024 ...") == (date(2024, 3, 30), True)


def test_nlp_dates_year_written_with_in() -> None:
    assert values("the last round was held on January 29 in 2021", date(2023, 2, 14)) == [
        "2021-01-29"
    ]


def _dated(text: str, published: str) -> dict[str, str | None]:
    from diplograph.models import Article
    from diplograph.nlp import Extractor

    article = Article(source="t.txt", index=1, text=text, title="Talks", published=published)
    found = Extractor().extract(article).events
    return {p.name: e.date for e in found for p in e.participants if p.kind == "person"}


def test_nlp_dates_a_summit_named_with_its_date_is_not_the_day_of_the_news() -> None:
    text = (
        "Deputy Minister of Foreign Affairs of Chile Rodrigo Salvatierra Puga met with "
        "Secretary General of the Ministry of Foreign Affairs of Norway Ingvild Haugland.\n"
        "He also spoke about the results of the regional summit held in Santiago on 2 May "
        "this year.\n"
        "On the same day, Rodrigo Salvatierra Puga met with Head of the Consular Department "
        "of the Norwegian Foreign Ministry Oddvar Lunde."
    )
    dates = _dated(text, "2024-05-20")
    assert dates.get("Oddvar Lunde") != "2024-05-02"


def test_nlp_dates_held_meetings_on_a_weekday_still_dates_the_news() -> None:
    text = (
        "Minister of Foreign Affairs of Peru Lucia Andrade Ferro held a series of bilateral "
        "meetings on Wednesday on the sidelines of the summit in Lima.\n"
        "Lucia Andrade Ferro also met Foreign Minister of Chile Tomas Irarrazaval."
    )
    assert _dated(text, "2024-05-17").get("Tomas Irarrazaval") == "2024-05-15"


def test_nlp_dates_relative_phrases() -> None:
    ref = date(2020, 9, 10)  # a Thursday
    assert values("earlier today the envoy said", ref) == ["2020-09-10"]
    assert values("talks held this morning", ref) == ["2020-09-10"]
    assert values("arrived last night", ref) == ["2020-09-09"]
    assert values("met the day before yesterday", ref) == ["2020-09-08"]
    assert values("will sign the day after tomorrow", ref, future=True) == ["2020-09-12"]
    # a direction word wins over the act's status
    assert values("met last Monday", ref, future=True) == ["2020-09-07"]
    assert values("will meet next Tuesday", ref) == ["2020-09-15"]
    assert values("will meet next Thursday", ref, future=True) == ["2020-09-17"]
    assert values("met last Thursday", ref) == ["2020-09-03"]


def test_nlp_dates_numeric_days() -> None:
    assert values("stamp 2024-03-28 of the page", None) == []
    assert values("signed on 28.03.2024 in Kigali", None) == ["2024-03-28"]
    assert values("order no. 31.13.2024", None) == []  # no such day
    assert values("version 1.2.3", None) == []


def test_nlp_dates_ranges_in_words() -> None:
    assert values("the forum from 7 to 9 March 2025", None) == ["2025-03-07"]
    assert values("between 12 and 14 October 2023", None) == ["2023-10-12"]
    assert values("from 3rd until 5th May 2022", None) == ["2022-05-03"]
