"""Trigger matching: diplograph's own trigger matcher vs spaCy's Matcher on the same Docs.

    python bench/matcher.py [INPUT ...] [--synthetic N] [--seed S] [--repeat N]

Defaults to the seed page and the dev and dev2 corpora in ../shared; ``--synthetic N`` adds
N releases of bench/synthetic.py. Every text is tokenized once by the extractor's own
pipeline (``Extractor().nlp``: its tokenizer, abbreviations and sentence marks, as
extraction reads a text). Over those Docs it times, best of ``--repeat``:

(a) the project's matcher (``nlp/triggers.py``'s ``TriggerMatcher``), built as
    ``nlp/events.py`` builds it, from the patterns of ``resources/triggers.jsonl``;
(b) spaCy's plain ``Matcher`` built from the same patterns, as events.py adds them
    (``spaced``, one rule per trigger, ``greedy="LONGEST"``), as tests/test_nlp_triggers.py
    compares them.

It counts the Docs on which the two return different matches (must be 0), prints both
times, their ratio, and the share of extraction time each would take, with
``Extractor().extract`` timed once over the same articles (the matcher the extractor holds
is (a); with (b) instead, extraction would take ``extraction - a + b``). (a) reads the plain
token lists the sentence component already keeps with each Doc, shared by every stage; what
building them costs is printed apart. Not a test: timings belong in benchmarks, not in
assertions.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher

from diplograph.ingest import read_inputs
from diplograph.nlp import Extractor
from diplograph.nlp.events import spaced
from diplograph.nlp.sentences import Tokens
from diplograph.nlp.triggers import TriggerMatcher

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "corpus"
DEFAULT_INPUTS = [
    SHARED / "000_5d660a483205698d.txt",
    SHARED / "dev.jsonl",
    SHARED / "dev2.jsonl",
]


def best_of(repeat: int, run: object) -> float:
    """The fastest of ``repeat`` timed calls of ``run``, in seconds."""
    assert callable(run)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def trigger_patterns(extractor: Extractor) -> list[tuple[str, list[dict[str, Any]]]]:
    """The named patterns of ``triggers.jsonl`` (read by the gazetteer), as events.py
    names and adds them: ``id#number``, each token allowed a line break before it."""
    return [
        (f"{spec.get('id', 'trigger')}#{number}", spaced(spec["pattern"]))
        for number, spec in enumerate(extractor.gaz.triggers)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(p) for p in DEFAULT_INPUTS])
    parser.add_argument("--synthetic", type=int, default=0, help="add N synthetic releases")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic releases")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = list(read_inputs(args.inputs))
    if args.synthetic:
        sys.path.insert(0, str(HERE))
        from synthetic import synthetic_articles

        articles += [r.extraction.article for r in synthetic_articles(args.synthetic, args.seed)]
    texts = [a.text for a in articles]

    extractor = Extractor()
    extractor.extract(articles[0])  # warm: knowledge base and caches loaded
    nlp = extractor.nlp
    patterns = trigger_patterns(extractor)
    own = TriggerMatcher(nlp.vocab, patterns)
    plain = Matcher(nlp.vocab)
    for name, pattern in patterns:
        plain.add(name, [pattern], greedy="LONGEST")

    start = time.perf_counter()
    docs = [nlp(text) for text in texts]  # once; both matchers read these same Docs
    tokenize_s = time.perf_counter() - start

    # same matches, in the same order, on every Doc (this pass also warms both matchers)
    own_found = [own(doc) for doc in docs]
    plain_found = [list(plain(doc)) for doc in docs]
    differing = [i for i, (a, b) in enumerate(zip(own_found, plain_found, strict=True)) if a != b]
    unordered = sum(sorted(own_found[i]) != sorted(plain_found[i]) for i in differing)

    own_s = best_of(args.repeat, lambda: [own(doc) for doc in docs])
    plain_s = best_of(args.repeat, lambda: [plain(doc) for doc in docs])
    # the plain token lists the own matcher reads: built once per Doc as it is tokenized and
    # shared by every stage of extraction, so not counted in (a); shown for what they cost
    lists_s = best_of(args.repeat, lambda: [Tokens(d, t) for d, t in zip(docs, texts, strict=True)])
    start = time.perf_counter()
    for article in articles:
        extractor.extract(article)
    extract_s = time.perf_counter() - start
    with_plain_s = extract_s - own_s + plain_s

    n = len(articles)
    print(f"machine          {platform.machine()} {platform.python_version()}")
    print(
        f"articles         {n} ({sum(map(len, texts))} characters, "
        f"{sum(map(len, docs))} tokens; {args.synthetic} synthetic)"
    )
    print(
        f"patterns         {len(patterns)} from triggers.jsonl "
        f"(own matcher exact: {own.exact}; False would mean it falls back to spaCy's)"
    )
    print(f"tokenize         {tokenize_s:.3f} s (extractor's pipeline, once, not in the timings)")
    print(f"matches          {sum(map(len, own_found))} own, {sum(map(len, plain_found))} spaCy")
    print(
        f"differing docs   {len(differing)} of {n} "
        f"({unordered} differ as sets, the rest only in order)"
    )
    print(f"own matcher      {own_s * 1000:.1f} ms (best of {args.repeat})")
    print(
        f"token lists      {lists_s * 1000:.1f} ms (best of {args.repeat}; the lists the own "
        "matcher reads, built once per Doc for all stages, not counted in it)"
    )
    print(f"spaCy Matcher    {plain_s * 1000:.1f} ms (best of {args.repeat})")
    print(f"ratio            {plain_s / own_s:.2f}x (spaCy's time / own)")
    print(f"extraction       {extract_s:.2f} s (Extractor().extract over the same, once)")
    print(f"own share        {own_s / extract_s:.1%} of extraction")
    print(
        f"spaCy share      {plain_s / with_plain_s:.1%} of extraction with spaCy's Matcher "
        f"({with_plain_s:.2f} s)"
    )
    print(
        f"saved            {(plain_s - own_s) / with_plain_s:.1%} of that extraction time "
        f"({(plain_s - own_s) * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
