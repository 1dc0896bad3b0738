"""Synthetic press releases for benchmarks: any number, the same ones for the same seed.

    python bench/synthetic.py N [--seed S] [--out FILE]

Writes JSON lines ``{"url", "title", "published", "text"}`` in the style of foreign-ministry
releases (../shared/corpus/dev.jsonl): invented officials (names from syllable tables),
offices from a list, real countries, every event type of ``models.EVENT_TYPES`` but
CREDENTIALS and MULTILATERAL, occurred, planned and intended forms, 3-15 sentences with
discussion filler, publication dates over 2021-2024.

``synthetic_articles(n, seed)`` yields the releases with their ground truth (``Release``):
the ``Extraction`` the text was written from, so that a store can be filled without the NLP
pass (bench/query.py). Texts are not a gold set; they only have to read like releases.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO

from diplograph.models import Article, Event, Evidence, Extraction, Participant, Person

# (name, adjective, ISO3, capital); real countries, adjectives as releases write them.
COUNTRIES = (
    ("Kazakhstan", "Kazakh", "KAZ", "Astana"),
    ("Uzbekistan", "Uzbek", "UZB", "Tashkent"),
    ("Kyrgyzstan", "Kyrgyz", "KGZ", "Bishkek"),
    ("Tajikistan", "Tajik", "TJK", "Dushanbe"),
    ("Turkmenistan", "Turkmen", "TKM", "Ashgabat"),
    ("Azerbaijan", "Azerbaijani", "AZE", "Baku"),
    ("Georgia", "Georgian", "GEO", "Tbilisi"),
    ("Armenia", "Armenian", "ARM", "Yerevan"),
    ("Turkey", "Turkish", "TUR", "Ankara"),
    ("Hungary", "Hungarian", "HUN", "Budapest"),
    ("Poland", "Polish", "POL", "Warsaw"),
    ("Germany", "German", "DEU", "Berlin"),
    ("France", "French", "FRA", "Paris"),
    ("Italy", "Italian", "ITA", "Rome"),
    ("Spain", "Spanish", "ESP", "Madrid"),
    ("Norway", "Norwegian", "NOR", "Oslo"),
    ("Finland", "Finnish", "FIN", "Helsinki"),
    ("Austria", "Austrian", "AUT", "Vienna"),
    ("Japan", "Japanese", "JPN", "Tokyo"),
    ("China", "Chinese", "CHN", "Beijing"),
    ("India", "Indian", "IND", "New Delhi"),
    ("Pakistan", "Pakistani", "PAK", "Islamabad"),
    ("Mongolia", "Mongolian", "MNG", "Ulaanbaatar"),
    ("Egypt", "Egyptian", "EGY", "Cairo"),
    ("Qatar", "Qatari", "QAT", "Doha"),
    ("Brazil", "Brazilian", "BRA", "Brasilia"),
    ("Canada", "Canadian", "CAN", "Ottawa"),
    ("Malaysia", "Malaysian", "MYS", "Kuala Lumpur"),
    ("Indonesia", "Indonesian", "IDN", "Jakarta"),
    ("Kenya", "Kenyan", "KEN", "Nairobi"),
    ("Chile", "Chilean", "CHL", "Santiago"),
    ("Belgium", "Belgian", "BEL", "Brussels"),
)
OFFICES = (
    "Minister of Foreign Affairs",
    "Deputy Minister of Foreign Affairs",
    "State Secretary of the Ministry of Foreign Affairs",
    "Prime Minister",
    "President",
    "Minister of Trade",
    "Minister of Energy",
    "Special Representative of the President",
    "Chairman of the Senate",
)
FIRST = ("Da", "Er", "Nur", "Ai", "Mar", "Ka", "Ser", "Ing", "Ra", "Lu", "Bo", "Te", "Zhan", "Ol")
MIDDLE = ("ni", "lan", "su", "ri", "ge", "ta", "mi", "ka", "do", "ve", "")
LAST_END = ("r", "n", "l", "s", "d", "k", "a", "o")
SUR = ("Sei", "Tok", "Ab", "Hal", "Mon", "Ber", "Kas", "Duar", "Ves", "Or", "Pet", "Lin", "Ak")
SUR_MID = ("ka", "pa", "en", "vor", "te", "sha", "ro", "mu", "li", "da")
SUR_END = ("li", "yev", "ov", "sen", "te", "ski", "ani", "ez", "berg", "lu", "ich")
TOPICS = (
    "trade and economic cooperation",
    "the energy sector",
    "transport and logistics",
    "regional security",
    "the situation in Afghanistan",
    "cultural and humanitarian ties",
    "water resources",
    "digitalisation and innovation",
    "cooperation within the United Nations",
    "investment projects",
)
FILLER = (
    "The parties discussed the state and prospects of {adj}-{adj2} cooperation in {topic}.",
    "The sides exchanged views on {topic} and {topic2}.",
    "Particular attention was paid to {topic}.",
    "{b} noted the great potential of cooperation in {topic}.",
    "{a} stressed the interest of the {adj} side in joint projects in {topic}.",
    "The interlocutors reviewed the schedule of upcoming high-level visits and events.",
    "The meeting also focused on broadening the legal framework of bilateral cooperation.",
    "The parties agreed to intensify contacts between the foreign ministries.",
    "Trade between the two countries grew by {pct} percent last year.",
    "Both sides underlined the importance of the intergovernmental commission.",
)
# Each lead: (type, status, text, sides). Sides "ab" lists a then b; "a" only the home side.
LEADS = (
    ("MEETING", "occurred", "{A} met with {B} in {city}.", "ab"),
    ("MEETING", "occurred", "{A} received {B}.", "ab"),
    ("MEETING", "occurred", "{A} held talks with {B} in {city}.", "ab"),
    ("CALL", "occurred", "{A} held a telephone conversation with {B}.", "ab"),
    ("VISIT", "occurred", "{B} paid an official visit to {home} on {day}.", "ba"),
    ("AGREEMENT", "occurred", "{A} and {B} signed a memorandum of understanding.", "ab"),
    ("INVITATION", "occurred", "{A} invited {B} to visit {home}.", "ab"),
    ("SYMPATHY", "occurred", "{A} expressed deep condolences to {B} over the floods.", "ab"),
    ("CONGRATULATION", "occurred", "{A} congratulated {B} on the national holiday.", "ab"),
    ("SUPPORT", "occurred", "{B} expressed support for the candidacy of {home}.", "ba"),
    ("MISSION", "occurred", "{home} opened an embassy in {capital2}.", "a2"),
    ("AID", "occurred", "{home} sent humanitarian aid to {other}.", "a2"),
    ("VISIT", "planned", "{A} will visit {other} on {day}.", "a2"),
    ("MEETING", "planned", "{A} will meet {B} in {city} next month.", "ab"),
    ("VISIT", "intended", "{A} intends to visit {other} this year.", "a2"),
)
SECOND = (
    (
        "INVITATION",
        "occurred",
        "{A} invited {B} to take part in the {city} International Forum.",
        "ab",
    ),
    (
        "SUPPORT",
        "occurred",
        "{B} expressed the support of {other} for the initiative of {home}.",
        "ba",
    ),
    ("VISIT", "planned", "{A} will visit {capital2} on {day}.", "a2"),
)
_REPUBLICS = frozenset({"KAZ", "UZB", "KGZ", "TJK", "AZE", "ARM", "POL", "FIN"})
_START = date(2021, 1, 1)
_DAYS = 4 * 365


@dataclass(frozen=True)
class Release:
    """One synthetic release: its JSON line and the extraction it was written from."""

    record: dict[str, str]
    extraction: Extraction


def person_name(rng: random.Random) -> str:
    """An invented full name from the syllable tables."""
    given = rng.choice(FIRST) + rng.choice(MIDDLE) + rng.choice(LAST_END)
    family = rng.choice(SUR) + rng.choice(SUR_MID) + rng.choice(SUR_END)
    return f"{given} {family}"


def _styled(office: str, country: tuple[str, str, str, str]) -> str:
    if country[2] in _REPUBLICS and office not in ("Prime Minister", "President"):
        return f"{office} of the Republic of {country[0]}"
    return f"{office} of {country[0]}"


def synthetic_articles(n: int, seed: int = 0) -> Iterator[Release]:
    """``n`` releases, the same ones for the same ``seed``."""
    rng = random.Random(seed)
    people: dict[str, list[tuple[str, str]]] = {}  # a small cast per country, as in real news
    for i in range(n):
        yield _release(rng, people, i, seed)


def _cast(
    rng: random.Random, people: dict[str, list[tuple[str, str]]], iso: str
) -> tuple[str, str]:
    cast = people.setdefault(iso, [])
    if len(cast) < 40 and (not cast or rng.random() < 0.2):
        cast.append((person_name(rng), rng.choice(OFFICES)))
    return rng.choice(cast)


def _release(
    rng: random.Random, people: dict[str, list[tuple[str, str]]], i: int, seed: int
) -> Release:
    home, guest = rng.sample(COUNTRIES, 2)
    a_name, a_office = _cast(rng, people, home[2])
    b_name, b_office = _cast(rng, people, guest[2])
    published = _START + timedelta(days=rng.randrange(_DAYS))
    day = published + timedelta(days=rng.randrange(1, 40))
    topic, topic2 = rng.sample(TOPICS, 2)
    slots = {
        "A": f"{_styled(a_office, home)} {a_name}",
        "B": f"{_styled(b_office, guest)} {b_name}",
        "a": a_name,
        "b": b_name,
        "home": home[0],
        "other": guest[0],
        "adj": home[1],
        "adj2": guest[1],
        "city": home[3],
        "capital2": guest[3],
        "day": f"{day.day} {day:%B}",
        "topic": topic,
        "topic2": topic2,
        "pct": str(rng.randrange(3, 40)),
    }
    etype, status, lead, sides = rng.choice(LEADS)
    sentences = [(etype, status, lead.format(**slots), sides)]
    length = rng.randrange(3, 16)
    second = rng.random() < 0.4
    # Filler without a sentence said twice in a row; tables repeat only past their length.
    filler = [f for _ in range(2) for f in rng.sample(FILLER, len(FILLER))]
    for k in range(1, length - second):
        sentences.append(("", "", filler[k].format(**slots), ""))
    if second:
        t2, s2, text2, sides2 = rng.choice(SECOND)
        sentences.append((t2, s2, text2.format(**slots), sides2))
    title = _title(etype, status, home, guest)
    text, spans = _join(title, sentences)
    persons = (
        Person(name=a_name, title=a_office, country=home[2]),
        Person(name=b_name, title=b_office, country=guest[2]),
    )
    parties = {
        "a": Participant("person", a_name, home[2]),
        "b": Participant("person", b_name, guest[2]),
        "2": Participant("country", guest[0], guest[2]),
    }
    events = tuple(
        Event(
            type=t,
            status=s,
            participants=tuple(parties[c] for c in sd),
            date=day.isoformat() if slots["day"] in src else None,
            topics=(),
            evidence=(Evidence(text[start:end], start, end),),
        )
        for (t, s, src, sd), (start, end) in zip(sentences, spans, strict=True)
        if t
    )
    record = {
        "url": f"https://mfa.example/{seed}/{i}",
        "title": title,
        "published": published.isoformat(),
        "text": text,
    }
    article = Article(
        source="synthetic",
        index=i,
        text=text,
        title=title,
        published=record["published"],
        url=record["url"],
    )
    extraction = Extraction(
        article=article,
        persons=persons,
        countries=tuple(sorted({home[2], guest[2]})),
        events=events,
    )
    return Release(record, extraction)


def _title(etype: str, status: str, home: tuple[str, ...], guest: tuple[str, ...]) -> str:
    verb = {
        "MEETING": "Discuss Expanding Cooperation",
        "CALL": "Hold Telephone Conversation",
        "VISIT": "Strengthen Ties During Visit",
        "AGREEMENT": "Sign Memorandum",
        "MISSION": "Embassy Opens",
    }.get(etype, "Foreign Ministers Exchange Messages")
    if etype == "AID":
        return f"{home[0]} Sends Humanitarian Aid to {guest[0]}"
    prefix = "Upcoming: " if status != "occurred" else ""
    return f"{prefix}{home[0]} and {guest[0]} {verb}"


def _join(
    title: str, sentences: list[tuple[str, str, str, str]]
) -> tuple[str, list[tuple[int, int]]]:
    """The release text (title, blank line, sentences in paragraphs) and each sentence's span."""
    text = title + "\n\n"
    spans = []
    for n, (_t, _s, sentence, _sd) in enumerate(sentences):
        if n and n % 3 == 0:
            text = text.rstrip(" ") + "\n\n"
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + " "
    return text.rstrip(" ") + "\n", spans


def write_jsonl(n: int, seed: int, out: IO[str]) -> None:
    """Write ``n`` releases as JSON lines to ``out``."""
    for release in synthetic_articles(n, seed):
        out.write(json.dumps(release.record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", help="a file; stdout when not given")
    args = parser.parse_args()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            write_jsonl(args.n, args.seed, out)
    else:
        write_jsonl(args.n, args.seed, sys.stdout)


if __name__ == "__main__":
    main()
